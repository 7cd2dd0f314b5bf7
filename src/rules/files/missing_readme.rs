//! `missing-readme`: the package ships no README.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::hygiene::files_setting_span;
use crate::files::hygiene::license_text::{default_globs_take_readme, is_readme_file};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "missing-readme",
    group: Group::Files,
    severity: Severity::Warning,
    summary: "no README is packaged",
    doc: include_str!("../../../rules/missing-readme.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some()
        || files.entries.is_empty()
        || files.entries.iter().any(|e| is_readme_file(&e.path))
    {
        return;
    }
    let on_disk = ctx
        .hygiene()
        .top_level_names(&files.root)
        .iter()
        .find(|n| is_readme_file(n));
    let help = match on_disk {
        Some(name) if !files.explicit && !default_globs_take_readme(name) => format!(
            "`{name}` exists on disk but Hex's case-sensitive default `README*`/`readme*` glob \
             misses it: rename it to `README{}` or list it in `files`",
            name.find('.').map_or("", |i| &name[i..])
        ),
        Some(name) => format!("`{name}` exists on disk but is not packaged: add it to `files`"),
        None => {
            "add a README.md: it is what people read on hex.pm and in the unpacked dep".to_string()
        }
    };
    let mut diag = ctx
        .diag(
            &RULE,
            files_setting_span(ctx.project, files),
            "the package has no README file",
        )
        .key_path("package.files")
        .help(help);
    if files.explicit
        && let Some(name) = on_disk
        && let Some(fix) = super::add_to_files_fix(ctx, name)
    {
        diag = diag.with_fix(fix);
    }
    out.push(diag);
}
