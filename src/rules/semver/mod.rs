//! Semantic-versioning rules: the API changes between a baseline release and the current tree,
//! each requiring a bump, and the verdict on `version:` (`version-bump`). They read
//! [`crate::semver_diff::SemverFacts`] from the context, which only `hexlint semver` and
//! `hexlint publish` (when a baseline exists) provide: `check` never reports them.

pub mod arity_removed;
pub mod callback_added;
pub mod function_added;
pub mod function_deprecated;
pub mod function_kind_changed;
pub mod function_removed;
pub mod module_added;
pub mod module_removed;
pub mod optional_callback_added;
pub mod protocol_function_removed;
pub mod struct_field_enforced;
pub mod struct_field_removed;
pub mod type_added;
pub mod type_made_opaque;
pub mod type_removed;
pub mod version_bump;

use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule};
use crate::semver_diff::ChangeKind;

/// Report every change of `kind` at its location (the baseline's for removals).
pub(crate) fn report(ctx: &Context, rule: &Rule, kind: ChangeKind, out: &mut Vec<Diagnostic>) {
    let Some(facts) = ctx.semver else { return };
    for c in facts.changes.iter().filter(|c| c.kind == kind) {
        let mut d = Diagnostic::new(
            rule.id,
            rule.severity,
            c.source.clone(),
            Some(c.span),
            format!("{} (requires a {} bump)", c.message, kind.bump().as_str()),
        );
        let mut help = Vec::new();
        if let Some(note) = &c.note {
            help.push(note.clone());
        }
        if let Some(why) = &c.partly_unknown {
            help.push(format!(
                "`{}` is only partly known statically ({why}): check this change by hand",
                c.module
            ));
        }
        if !help.is_empty() {
            d = d.help(help.join("; "));
        }
        out.push(d);
    }
}
