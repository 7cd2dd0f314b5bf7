//! `hexlint rules` (the catalogue) and `hexlint rule ID` (one rule's doc).

use crate::cli::{ExitStatus, RuleArgs, RulesArgs, TableOrJson};
use crate::rules::{self, RULES};

pub fn run(args: RulesArgs) -> ExitStatus {
    match args.format {
        TableOrJson::Json => {
            let list: Vec<_> = RULES
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "group": r.group, "severity": r.severity,
                        "summary": r.summary, "url": crate::diagnostic::rule_url(r.id),
                    })
                })
                .collect();
            let json = serde_json::json!({"schema": 1, "rules": list});
            super::write_stdout(&format!(
                "{}\n",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            ));
        }
        TableOrJson::Table => super::write_stdout(&table()),
    }
    ExitStatus::Success
}

/// The rule table as plain text (also used to check the README's generated table).
pub fn table() -> String {
    let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(4);
    let mut out = format!(
        "{:<width$}  {:<9}  {:<9}  SUMMARY\n",
        "RULE", "GROUP", "SEVERITY"
    );
    for r in RULES {
        out.push_str(&format!(
            "{:<width$}  {:<9}  {:<9}  {}\n",
            r.id,
            r.group.as_str(),
            r.severity.as_str(),
            r.summary
        ));
    }
    out
}

/// The rule table as Markdown, embedded in README.md between the `rules-table` markers (a test
/// keeps it in sync; `UPDATE_README=1 cargo test --test readme` rewrites it).
pub fn markdown_table() -> String {
    let mut out = String::from("| rule | group | default | what it reports |\n|---|---|---|---|\n");
    for r in RULES {
        out.push_str(&format!(
            "| [`{id}`](rules/{id}.md) | {} | {} | {} |\n",
            r.group.as_str(),
            r.severity.as_str(),
            r.summary.replace('|', "\\|"),
            id = r.id,
        ));
    }
    out
}

pub fn run_one(args: RuleArgs) -> ExitStatus {
    match rules::find(&args.id) {
        Some(rule) => {
            super::write_stdout(rule.doc);
            ExitStatus::Success
        }
        None => {
            let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
            eprintln!("error: unknown rule `{}`", args.id);
            if let Some(s) = crate::config::did_you_mean(&args.id, ids.iter().copied()) {
                eprintln!("  help: did you mean `{s}`?");
            }
            ExitStatus::Error
        }
    }
}
