//! `docs-file-missing`: the `docs:` options name files or pages that do not exist, so the docs
//! build that `mix hex.publish` runs before uploading aborts (or links nowhere).

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::docs::DocsOption;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "docs-file-missing",
    group: Group::Publish,
    severity: Severity::Error,
    summary: "`docs:` names an extra, logo or asset that does not exist, or a `main` page that is not generated",
    doc: include_str!("../../../rules/docs-file-missing.md"),
    check,
};

/// A `docs` alias that runs more than ExDoc's task may write the files first
/// (`docs: [&copy_guides/1, "docs"]`); an unknown alias list may hold one.
fn docs_alias_may_generate(ctx: &Context) -> bool {
    match ctx.project.config.get("aliases") {
        None => false,
        Some(a) if a.is_unknown() => true,
        Some(a) => match a.get("docs") {
            None => false,
            Some(v) => {
                let plain = |x: &crate::mixexs::value::Value| x.as_str() == Some("docs");
                !(plain(v) || v.as_list().is_some_and(|l| l.iter().all(plain)))
            }
        },
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    // `hexlint publish` without docs (`package`, `--revert`) builds none.
    if ctx.publish.is_some_and(|p| !p.docs || p.revert.is_some()) {
        return;
    }
    let docs = ctx.docs_paths();
    let generated = docs_alias_may_generate(ctx);
    for p in docs.paths.iter().filter(|p| !p.exists && !generated) {
        let option = p.option.as_str();
        let d = ctx.diag(&RULE, Some(p.span), match p.option {
            DocsOption::Assets => format!(
                "`docs: [assets: …]` names `{}`, which does not exist: the docs are built without those files, and pages that use them show broken images",
                p.path
            ),
            _ => format!(
                "`docs: [{option}: …]` names `{}`, which does not exist: ExDoc stops with a File.Error, and `mix hex.publish` aborts before uploading",
                p.path
            ),
        });
        let d = if p.option == DocsOption::Assets {
            d.severity(Severity::Warning)
        } else {
            d
        };
        out.push(
            d.key_path(format!("docs.{option}"))
                .help("fix the path (relative to the project root) or remove the entry; `mix docs` shows the same failure locally"),
        );
    }
    let Some((main, span)) = &docs.main else {
        return;
    };
    if main == "index" {
        out.push(
            ctx.diag(&RULE, Some(*span), "`docs: [main: \"index\"]` makes ExDoc stop: index.html is the redirect to the main page and cannot be the main page itself")
                .key_path("docs.main")
                .help("name a module (`main: \"MyApp\"`) or an extra page (`main: \"readme\"`)"),
        );
        return;
    }
    let map = ctx.modules();
    if docs.extras_unknown || map.fallback || !map.skipped.is_empty() || map.modules.is_empty() {
        return;
    }
    let known = main == "api-reference"
        || docs
            .paths
            .iter()
            .any(|p| p.id.as_deref() == Some(main.as_str()))
        || map.modules.iter().any(|m| &m.name == main);
    if !known {
        out.push(
            ctx.diag(&RULE, Some(*span), format!(
                "`docs: [main: {main:?}]` is neither a module of the package nor an extra page: the docs' index.html redirects to {main}.html, which is not generated"
            ))
            .severity(Severity::Warning)
            .key_path("docs.main")
            .help("name a module (`main: \"MyApp\"`), or an extra by its page id (the file name without extension, downcased: `README.md` → `readme`)"),
        );
    }
}
