//! `invalid-requirement`: a prod Hex dependency's requirement that hex.pm refuses.

use crate::diagnostic::{Diagnostic, Severity};
use crate::hex::version::Requirement;
use crate::mixexs::value::{Value, ValueKind};
use crate::rules::metadata::{prod_hex_deps, string_literal_replacement};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "invalid-requirement",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "dependency requirement hex.pm rejects (unparseable, missing, or using `!=`)",
    doc: include_str!("../../../rules/invalid-requirement.md"),
    check,
};

/// What is wrong with a requirement value, as hex.pm's `validate_requirement/2` sees it.
pub(crate) struct RequirementProblem {
    pub message: String,
    pub help: String,
    pub severity: Severity,
    /// A certain rewrite of the string literal (`,` → ` and `).
    pub replacement: Option<String>,
}

/// Check one requirement string value; `what` names it in messages (`requirement of :plug`).
/// `None` when it is fine or unknown.
pub(crate) fn requirement_problem(value: &Value, what: &str) -> Option<RequirementProblem> {
    let text = match &value.kind {
        ValueKind::Unknown { .. } => return None,
        ValueKind::String(s) => s,
        _ => {
            return Some(RequirementProblem {
                message: format!(
                    "the {what} must be a string, not `{}`; hex.pm: \"is invalid\"",
                    value.inspect()
                ),
                help: "write it as a string such as \"~> 1.0\"".to_string(),
                severity: Severity::Error,
                replacement: None,
            });
        }
    };
    match Requirement::parse(text) {
        Err(e) => {
            let mut help =
                "requirements look like \"~> 1.2\", \">= 1.0.0 and < 3.0.0\" or \"== 1.2.3\""
                    .to_string();
            if let Some(s) = &e.suggestion {
                help = format!("did you mean \"{s}\"? {help}");
            }
            let certain = e.suggestion.clone().filter(|_| text.contains(','));
            Some(RequirementProblem {
                message: format!(
                    "the {what}, {text:?}, is invalid: {e}. hex.pm: invalid requirement: {text:?}"
                ),
                help,
                severity: Severity::Error,
                replacement: certain,
            })
        }
        Ok(req) if req.hexpm_rejects_not_equal() => Some(RequirementProblem {
            message: format!(
                "the {what} uses `!=`; hex.pm: invalid requirement: {text:?}, != is not allowed in requirements"
            ),
            help: "require a version after the bad one instead, e.g. \"~> 1.2 and >= 1.2.4\""
                .to_string(),
            severity: Severity::Error,
            replacement: None,
        }),
        Ok(req) if req.uses_bang => Some(RequirementProblem {
            message: format!(
                "the {what} uses `!`, a deprecated alias of `!=` (Elixir prints a deprecation warning)"
            ),
            help: "use `~>` or `>=` ranges instead".to_string(),
            severity: Severity::Warning,
            replacement: None,
        }),
        Ok(_) => None,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for dep in prod_hex_deps(ctx.project) {
        let key_path = format!("deps.{}", dep.app);
        let Some(requirement) = dep.requirement.as_ref() else {
            // `{:foo, opts}`: hex.build writes the requirement as the text "nil".
            out.push(
                ctx.diag(
                    &RULE,
                    Some(dep.app_span),
                    format!(
                        "`:{}` has no requirement: Hex writes \"nil\" into the metadata and hex.pm rejects it: invalid requirement: \"nil\"",
                        dep.app
                    ),
                )
                .help(format!(
                    "add a requirement: `{{:{}, \"~> X.Y\", …}}` (or \">= 0.0.0\" for any version)",
                    dep.app
                ))
                .key_path(key_path),
            );
            continue;
        };
        let what = format!("requirement of `:{}`", dep.app);
        let nil_requirement = requirement.is_nil();
        let Some(problem) = requirement_problem(requirement, &what) else {
            continue;
        };
        let message = if nil_requirement {
            format!(
                "the {what} is nil: Hex writes \"nil\" into the metadata and hex.pm rejects it: invalid requirement: \"nil\""
            )
        } else {
            problem.message
        };
        let mut d = ctx
            .diag(&RULE, Some(requirement.span), message)
            .severity(problem.severity)
            .help(problem.help)
            .key_path(key_path);
        if let (Some(new), Some(old)) = (&problem.replacement, requirement.as_str())
            && let Some(replacement) =
                string_literal_replacement(ctx.project, requirement.span, old, new)
        {
            d = d.fix(format!("use \"{new}\""), requirement.span, replacement);
        }
        out.push(d);
    }
}
