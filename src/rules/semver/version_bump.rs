//! `version-bump`: the bump from the baseline's version to `version:` is lower than the API
//! changes require.

use crate::diagnostic::{Diagnostic, Severity};
use crate::hex::version::Version;
use crate::rules::{Context, Group, Rule};
use crate::semver_diff::{ActualBump, Bump, verdict};

pub static RULE: Rule = Rule {
    id: "version-bump",
    group: Group::Semver,
    severity: Severity::Error,
    summary: "the version bump is lower than the API changes require",
    doc: include_str!("../../../rules/version-bump.md"),
    check,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(facts) = ctx.semver else { return };
    let Some(value) = ctx.project.version.as_ref() else {
        return;
    };
    // An unreadable or invalid version is `invalid-version`'s (or `unresolved-value`'s) finding.
    let Some(current) = value.as_str().and_then(|s| Version::parse(s).ok()) else {
        return;
    };
    let span = Some(value.span);
    let Some(base) = &facts.baseline_version else {
        out.push(
            ctx.diag(
                &RULE,
                span,
                format!(
                    "the version of the baseline ({}) is not known: the bump cannot be judged",
                    facts.baseline
                ),
            )
            .severity(Severity::Info)
            .help("pass a baseline whose mix.exs has a literal version, or a tag named after it")
            .key_path("version"),
        );
        return;
    };
    let required = facts.required();
    let v = verdict(base, &current, required);
    let breaking = facts
        .changes
        .iter()
        .filter(|c| c.kind.bump() == Bump::Major)
        .count();
    let additions = facts.changes.len() - breaking;
    let changes = format!(
        "{breaking} breaking change{}, {additions} addition{} or deprecation{}",
        if breaking == 1 { "" } else { "s" },
        if additions == 1 { "" } else { "s" },
        if additions == 1 { "" } else { "s" },
    );
    let needed = match (required, v.zero) {
        (Bump::Major, true) => "a minor bump (breaking changes at 0.x)".to_string(),
        (Bump::Minor, true) => "a patch bump (additions at 0.x)".to_string(),
        (b, _) => format!("a {} bump", b.as_str()),
    };
    let mut notes = Vec::new();
    if v.zero && required == Bump::Major {
        let zero_req = format!("~> 0.{}", base.minor);
        notes.push(format!(
            "at 0.x, Hex's guide has breaking changes bump the minor version; users who wrote `{zero_req}` still receive every 0.x minor release, this breaking one included (only `{zero_req}.{}` stops before 0.{})",
            base.patch,
            base.minor + 1
        ));
    }
    if facts.partly_unknown > 0 {
        notes.push(format!(
            "{} public module{} only partly known statically (`use`, generated definitions): changes there may be missed",
            facts.partly_unknown,
            if facts.partly_unknown == 1 { " is" } else { "s are" }
        ));
    }
    if !facts.unreadable.is_empty() {
        notes.push(format!(
            "{} source file{} could not be read: {}",
            facts.unreadable.len(),
            if facts.unreadable.len() == 1 { "" } else { "s" },
            facts
                .unreadable
                .iter()
                .map(|(p, _)| p.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut d = if v.actual == ActualBump::None {
        ctx.diag(
            &RULE,
            span,
            format!(
                "version {current} is not greater than the baseline's {base} ({}); the API changes ({changes}) need {needed}: {} or later",
                facts.baseline, v.suggested
            ),
        )
    } else if !v.sufficient {
        ctx.diag(
            &RULE,
            span,
            format!(
                "version {current} is a {} bump from {base} ({}), but the API changes ({changes}) need {needed}: {} or later",
                v.actual.as_str(),
                facts.baseline,
                v.suggested
            ),
        )
    } else {
        ctx.diag(
            &RULE,
            span,
            format!(
                "version {current} is a {} bump from {base} ({}): enough for the API changes ({changes}), which need {needed}",
                v.actual.as_str(),
                facts.baseline
            ),
        )
        .severity(Severity::Info)
    };
    if !v.sufficient {
        notes.insert(0, format!("set `version: \"{}\"` (or higher)", v.suggested));
    }
    if !notes.is_empty() {
        d = d.help(notes.join("; "));
    }
    out.push(d.key_path("version"));
}
