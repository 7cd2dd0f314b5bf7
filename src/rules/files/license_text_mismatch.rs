//! `license-text-mismatch`: the shipped license text is confidently another license than the
//! declared SPDX id(s).

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::hygiene::license_text::{CONFIDENT_SCORE, TextVerdict, check_text, fast_verdict};
use crate::files::hygiene::{origin, pattern_key_path, pattern_span};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "license-text-mismatch",
    group: Group::Files,
    severity: Severity::Warning,
    summary: "the packaged license text does not match the declared license",
    doc: include_str!("../../../rules/license-text-mismatch.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(licenses) = ctx.project.package.as_ref().and_then(|p| p.get("licenses")) else {
        return;
    };
    let Some(items) = licenses.as_list() else {
        return;
    };
    let declared: Option<Vec<&str>> = items.iter().map(|v| v.as_str()).collect();
    let Some(declared) = declared.filter(|d| !d.is_empty()) else {
        return; // unknown or non-string entries: nothing certain to compare with
    };
    if declared.iter().any(|d| d.starts_with("LicenseRef-")) {
        return; // a custom license: its text cannot be recognised, so say nothing
    }
    if !declared.iter().all(|d| crate::hex::license::is_valid(d)) {
        return; // `invalid-license` already reports the declaration, with a suggestion
    }
    let files = ctx.files();
    if files.unknown.is_some() {
        return;
    }
    let texts = ctx.hygiene().license_texts(files);
    // One text settled as matching by the fast path is enough: the others (REUSE `LICENSES/`
    // with vendored code's licenses) never pay for full detection then.
    if texts.iter().any(|t| {
        matches!(
            fast_verdict(&t.text, &declared),
            Some((_, TextVerdict::Matches))
        )
    }) {
        return;
    }
    let verdicts: Vec<_> = texts
        .iter()
        .map(|t| (t, check_text(&t.text, &declared)))
        .collect();
    // Only a package none of whose license texts matches the declaration is inconsistent: extra
    // texts (vendored code, REUSE `LICENSES/`, LGPL's companion GPL text in `COPYING`) are fine.
    if verdicts
        .iter()
        .any(|(_, v)| matches!(v, TextVerdict::Matches))
    {
        return;
    }
    for (text, verdict) in verdicts {
        let TextVerdict::Mismatch(found) = verdict else {
            continue;
        };
        out.push(
            ctx.diag(
                &RULE,
                pattern_span(ctx.project, files, text.pattern),
                format!(
                    "`{}` ({}) is the {} license text ({:.0}% match), but `licenses` \
                     declares {}",
                    text.path,
                    origin(files, text.pattern, &[text.path.as_str()]),
                    found.id,
                    found.score * 100.0,
                    declared
                        .iter()
                        .map(|d| format!("{d:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .key_path(pattern_key_path(files, text.pattern))
            .label(licenses.span, "declared here")
            .help(format!(
                "if the package is under {}, set `licenses: [{:?}]`; otherwise replace the text \
                 with the declared license's (detection threshold: {:.0}%)",
                found.id,
                found.id,
                CONFIDENT_SCORE * 100.0
            )),
        );
    }
}
