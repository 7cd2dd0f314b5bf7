//! `deprecated-license`: an id Hex accepts but the SPDX list has deprecated (`GPL-2.0`).

use super::{entry_text, licenses, string_literal_span};
use crate::diagnostic::{Diagnostic, Severity};
use crate::hex::license;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "deprecated-license",
    group: Group::License,
    severity: Severity::Warning,
    summary: "A license id that SPDX has deprecated (`GPL-2.0` → `GPL-2.0-only`)",
    doc: include_str!("../../../rules/deprecated-license.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(items) = licenses(ctx).and_then(|v| v.as_list()) else {
        return;
    };
    for (index, item) in items.iter().enumerate() {
        let Some(id) = entry_text(item) else { continue };
        let Some(deprecation) = license::deprecation(id) else {
            continue;
        };
        let mut diag = ctx
            .diag(
                &RULE,
                Some(item.span),
                format!("\"{id}\" is a deprecated SPDX license identifier"),
            )
            .key_path(format!("package.licenses[{index}]"));
        let mut help = match deprecation.replacements.as_slice() {
            [] => "SPDX has no direct replacement that Hex accepts".to_string(),
            [only] => format!("use \"{only}\""),
            [first, second] if first.ends_with("-only") && second.ends_with("-or-later") => {
                format!(
                    "use \"{first}\" (this version only) or \"{second}\" (this version or, at \
                     the licensee's option, any later one); check the notice in your LICENSE \
                     file: the old id is read both ways"
                )
            }
            many => format!(
                "use one of {}",
                many.iter()
                    .map(|id| format!("\"{id}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        if let Some(note) = deprecation.note {
            help = format!("{help}; {note}");
        }
        diag = diag.help(help);
        if let ([replacement], Some(span)) = (
            deprecation.replacements.as_slice(),
            string_literal_span(ctx, item),
        ) {
            diag = diag.fix(
                format!("replace with \"{replacement}\""),
                span,
                format!("\"{replacement}\""),
            );
        }
        out.push(diag);
    }
}
