//! `invalid-requirement`: a prod Hex dependency's requirement that hex.pm refuses.

use crate::diagnostic::{Diagnostic, Severity};
use crate::hex::version::Requirement;
use crate::mixexs::value::{Value, ValueKind};
use crate::project::Dep;
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
    let deps: Vec<&Dep> = prod_hex_deps(ctx.project).collect();
    for (i, dep) in deps.iter().enumerate() {
        // hex_core keys the requirements by package name, the later entry winning: an earlier
        // entry for the same package never reaches hex.pm.
        let hex_name = dep.hex_name();
        let shadowed_by = deps[i + 1..].iter().find(|d| d.hex_name() == hex_name);
        if let Some(d) = requirement_finding(ctx, dep) {
            out.push(match shadowed_by {
                None => d,
                Some(later) => shadowed(ctx, d, &hex_name, later),
            });
        }
    }
}

/// A finding on an entry that a later entry replaces: a warning that names the dropped entry.
fn shadowed(ctx: &Context, d: Diagnostic, hex_name: &str, later: &Dep) -> Diagnostic {
    let line = ctx.project.source.position(later.span.start).line;
    let mut d = d.severity(Severity::Warning).help(format!(
        "remove this entry or merge it into the other one: Hex keeps only the last `{hex_name}` entry, so this one is dropped from the metadata"
    ));
    d.message = format!(
        "{} (this entry is dropped: the later `{hex_name}` entry on line {line} replaces it, so hex.pm accepts the package)",
        d.message
    );
    d.label(later.span, "this entry wins")
}

fn requirement_finding(ctx: &Context, dep: &Dep) -> Option<Diagnostic> {
    let key_path = format!("deps.{}", dep.app);
    let Some(requirement) = dep.requirement.as_ref() else {
        // `{:foo, opts}`: hex.build writes the requirement as the text "nil".
        return Some(
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
    };
    let what = format!("requirement of `:{}`", dep.app);
    let nil_requirement = requirement.is_nil();
    let problem = requirement_problem(requirement, &what)?;
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
    Some(d)
}
