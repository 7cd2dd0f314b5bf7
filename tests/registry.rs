//! The rule registry stays consistent: unique kebab-case ids, a doc for every rule and a rule
//! for every doc, the five doc sections, and one file per rule in its group's folder.

use hexlint::rules::RULES;
use std::collections::BTreeSet;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SECTIONS: &[&str] = &[
    "## What it checks",
    "## Why",
    "## Example",
    "## How to fix",
    "## Hex behaviour",
];

#[test]
fn rule_ids_are_unique_and_kebab_case() {
    let mut seen = BTreeSet::new();
    for rule in RULES {
        assert!(seen.insert(rule.id), "duplicate rule id {}", rule.id);
        assert!(
            rule.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !rule.id.starts_with('-')
                && !rule.id.ends_with('-'),
            "{} is not kebab-case",
            rule.id
        );
        assert!(
            !rule.summary.is_empty() && !rule.summary.contains('\n'),
            "{}",
            rule.id
        );
    }
}

#[test]
fn every_rule_has_a_complete_doc_and_every_doc_a_rule() {
    for rule in RULES {
        assert!(
            rule.doc.starts_with(&format!("# {}\n", rule.id)),
            "rules/{}.md must start with `# {}`",
            rule.id,
            rule.id
        );
        for section in SECTIONS {
            assert!(
                rule.doc.contains(section),
                "rules/{}.md lacks `{section}`",
                rule.id
            );
        }
        let on_disk =
            std::fs::read_to_string(Path::new(ROOT).join(format!("rules/{}.md", rule.id)))
                .unwrap_or_default();
        assert_eq!(
            on_disk, rule.doc,
            "rules/{}.md is not the embedded doc",
            rule.id
        );
    }
    let ids: BTreeSet<&str> = RULES.iter().map(|r| r.id).collect();
    for entry in std::fs::read_dir(Path::new(ROOT).join("rules")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let id = name
            .strip_suffix(".md")
            .expect("only Markdown docs in rules/");
        assert!(
            ids.contains(id),
            "rules/{name} documents no registered rule"
        );
    }
}

#[test]
fn every_rule_lives_in_one_file_of_its_group_folder() {
    let mut files = BTreeSet::new();
    for group in std::fs::read_dir(Path::new(ROOT).join("src/rules")).unwrap() {
        let group = group.unwrap();
        if !group.file_type().unwrap().is_dir() {
            continue;
        }
        let group_name = group.file_name().into_string().unwrap();
        for file in std::fs::read_dir(group.path()).unwrap() {
            let name = file.unwrap().file_name().into_string().unwrap();
            if name != "mod.rs" && name.ends_with(".rs") {
                files.insert((
                    group_name.clone(),
                    name.trim_end_matches(".rs").replace('_', "-"),
                ));
            }
        }
    }
    let expected: BTreeSet<(String, String)> = RULES
        .iter()
        .map(|r| (r.group.as_str().to_string(), r.id.to_string()))
        .collect();
    assert_eq!(
        files, expected,
        "src/rules/<group>/<id>.rs must match the registry"
    );
}

/// A reviewed list of every rule with its group and default severity, so that a renamed id or a
/// changed default shows up in review (ids are a public interface: configs and suppressions).
#[test]
fn rule_catalogue_snapshot() {
    let catalogue: String = RULES
        .iter()
        .map(|r| {
            format!(
                "{:<32} {:<10} {}\n",
                r.id,
                r.group.as_str(),
                r.severity.as_str()
            )
        })
        .collect();
    insta::with_settings!({snapshot_path => "../snapshots"}, {
        insta::assert_snapshot!("rule_catalogue", catalogue);
    });
}
