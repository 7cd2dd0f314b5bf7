//! `missing-license-file`: `licenses` is set but no license text is packaged.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::hygiene::files_setting_span;
use crate::files::hygiene::license_text::{default_globs_take_license, is_license_file};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "missing-license-file",
    group: Group::Files,
    severity: Severity::Warning,
    summary: "licenses are declared but no LICENSE/COPYING file is packaged",
    doc: include_str!("../../../rules/missing-license-file.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(licenses) = ctx.project.package.as_ref().and_then(|p| p.get("licenses")) else {
        return;
    };
    if licenses.as_list().is_none_or(|l| l.is_empty()) {
        return; // empty, not a list or unknown: the license rules speak about that
    }
    let files = ctx.files();
    if files.unknown.is_some() || files.entries.iter().any(|e| is_license_file(&e.path)) {
        return;
    }
    let on_disk: Vec<&String> = ctx
        .hygiene()
        .top_level_names(&files.root)
        .iter()
        .filter(|n| is_license_file(n) || n.eq_ignore_ascii_case("licenses"))
        .collect();
    let help = match on_disk.first() {
        Some(name) if !files.explicit && !default_globs_take_license(name) => format!(
            "`{name}` exists on disk but Hex's case-sensitive default `LICENSE*`/`license*` glob \
             misses it: rename it to `LICENSE{}` or list it in `files`",
            name.find('.').map_or("", |i| &name[i..])
        ),
        Some(name) => format!("`{name}` exists on disk but is not packaged: add it to `files`"),
        None => "add a LICENSE file with the license text (Hex's defaults package `LICENSE*`)"
            .to_string(),
    };
    let mut diag = ctx
        .diag(
            &RULE,
            files_setting_span(ctx.project, files).or(Some(licenses.span)),
            format!(
                "`licenses` is {} but the package has no license file \
                 (LICENSE, LICENCE, COPYING or LICENSES/)",
                licenses.inspect()
            ),
        )
        .key_path("package.files")
        .label(licenses.span, "licenses declared here")
        .help(help);
    // No license file anywhere and a License section in the packaged README: the maintainer
    // chose a notice over the full text, a note rather than a warning.
    if files.explicit
        && let Some(name) = on_disk.first()
        && let Some(fix) = super::add_to_files_fix(ctx, name)
    {
        diag = diag.with_fix(fix);
    }
    if on_disk.is_empty()
        && let Some(readme) = ctx.hygiene().readme_license_section(files)
    {
        diag.message.push_str(&format!(
            "; `{readme}` has a License section, but most licenses (MIT, BSD, Apache-2.0 §4) ask for their full text to ship with every copy"
        ));
        diag = diag.severity(Severity::Info);
    }
    out.push(diag);
}
