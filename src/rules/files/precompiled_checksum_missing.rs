//! `precompiled-checksum-missing`: a package of precompiled native code (rustler_precompiled,
//! elixir_make's precompilers) ships no checksum file, or an empty one.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::hygiene::is_checksum_name;
use crate::modules::discover::RefKind;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "precompiled-checksum-missing",
    group: Group::Files,
    severity: Severity::Error,
    summary: "a precompiled-NIF package ships no checksum file, or an empty one",
    doc: include_str!("../../../rules/precompiled-checksum-missing.md"),
    check,
};

/// The task that writes the checksum file, when the package uses a known precompiler.
fn task(ctx: &Context) -> Option<String> {
    let has_dep = |name: &str| {
        ctx.project
            .deps
            .iter()
            .flat_map(|d| d.known())
            .any(|d| d.app == name && d.is_prod() == Some(true))
    };
    if has_dep("rustler_precompiled") {
        let map = ctx.modules();
        let module = map
            .refs
            .iter()
            .find(|r| r.reference.kind == RefKind::Use && r.reference.name == "RustlerPrecompiled")
            .and_then(|r| map.modules.iter().find(|m| m.file == r.file))
            .map_or("YourNative.Module".to_string(), |m| m.name.clone());
        return Some(format!(
            "`mix rustler_precompiled.download {module} --all --print`"
        ));
    }
    if ctx.project.config.get("make_precompiler").is_some() {
        return Some("`mix elixir_make.checksum --all --ignore-unavailable`".to_string());
    }
    None
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() {
        return;
    }
    let Some(task) = task(ctx) else {
        return;
    };
    let checksums = ctx.hygiene().checksum_files(files);
    if checksums.is_empty() {
        // A `:files` entry naming a checksum file that matches nothing: `missing-files`
        // reports it, with the same task.
        let reported = files.patterns.iter().any(|p| {
            p.is_explicit()
                && p.raw_matches_nothing
                && is_checksum_name(
                    p.text
                        .rsplit('/')
                        .next()
                        .unwrap_or(&p.text)
                        .replace('*', "x")
                        .as_str(),
                )
        });
        if reported {
            return;
        }
        out.push(
            ctx.diag(&RULE, files.files_key_span.or(files.package_span), "the package downloads precompiled native code but ships no checksum file (`checksum-*.exs` / `checksum.exs`): every user's download fails verification")
                .key_path("package.files")
                .help(format!("after the release builds finish, run {task}, add the file to `package[:files]`, then publish")),
        );
        return;
    }
    for c in checksums.iter().filter(|c| c.checksums == 0) {
        let pattern = files
            .get(&c.path)
            .and_then(|e| files.patterns.get(e.pattern))
            .and_then(|p| p.span());
        out.push(
            ctx.diag(&RULE, pattern.or(files.files_key_span), format!(
                "`{}` is packaged but holds no checksums: every user's download of the precompiled native code fails verification",
                c.path
            ))
            .key_path("package.files")
            .help(format!("after the release builds finish, run {task} to fill it, then publish")),
        );
    }
}
