//! License knowledge (`hexlint::hex::license`) and the license rules.

#[path = "rules_deps_support/mod.rs"]
mod support;

use hexlint::diagnostic::Severity::{Error, Warning};
use hexlint::hex::license::{self, Deprecation, Suggestion};
use support::{apply_fix, at, diagnostics};

// ── knowledge ──────────────────────────────────────────────────────────────

#[test]
fn validity_is_exact_and_case_sensitive() {
    let cases: &[(&str, bool)] = &[
        ("MIT", true),
        ("Apache-2.0", true),
        ("GPL-2.0", true), // deprecated, still accepted
        ("GPL-3.0+", true),
        ("0BSD", true),
        ("mit", false),
        ("Apache 2.0", false),
        (" MIT", false),
        ("MIT OR Apache-2.0", false),
        ("(MIT)", false),
        ("LLVM-exception", false), // exception ids are not licenses
        ("LicenseRef-Acme-1.0", true),
        ("LicenseRef-", false),
        ("LicenseRef-My License", false),
        ("LicenseRef-a_b", false),
        ("DocumentRef-x:LicenseRef-y", false),
        ("", false),
    ];
    for (entry, valid) in cases {
        assert_eq!(license::is_valid(entry), *valid, "{entry:?}");
    }
    assert_eq!(license::hex_ids().len(), 659);
}

fn replace(id: &str) -> Option<Suggestion> {
    Some(Suggestion::Replace {
        id: id.into(),
        note: None,
    })
}

fn one_of(ids: &[&str]) -> Option<Suggestion> {
    Some(Suggestion::OneOf(
        ids.iter().map(|s| s.to_string()).collect(),
    ))
}

fn split(ids: &[&str], conjunctive: bool) -> Option<Suggestion> {
    Some(Suggestion::Split {
        ids: ids.iter().map(|s| s.to_string()).collect(),
        conjunctive,
    })
}

#[test]
fn suggestions_for_near_misses() {
    let cases: Vec<(&str, Option<Suggestion>)> = vec![
        ("mit", replace("MIT")),
        ("apache-2.0", replace("Apache-2.0")),
        ("bsd-3-clause", replace("BSD-3-Clause")),
        ("zlib", replace("Zlib")),
        (" MIT ", replace("MIT")),
        ("MIT License", replace("MIT")),
        ("The MIT License", replace("MIT")),
        ("Apache 2.0", replace("Apache-2.0")),
        ("Apache License 2.0", replace("Apache-2.0")),
        ("Apache License, Version 2.0", replace("Apache-2.0")),
        ("Apache2", replace("Apache-2.0")),
        ("Apache-2", replace("Apache-2.0")),
        ("GPLv3+", replace("GPL-3.0-or-later")),
        ("MPL 2.0", replace("MPL-2.0")),
        ("Mozilla Public License 2.0", replace("MPL-2.0")),
        ("ISC License", replace("ISC")),
        ("The Unlicense", replace("Unlicense")),
        ("BSD 3-Clause", replace("BSD-3-Clause")),
        ("New BSD", replace("BSD-3-Clause")),
        ("EPL 2.0", replace("EPL-2.0")),
        ("Eclipse Public License 2.0", replace("EPL-2.0")),
        ("CC0", replace("CC0-1.0")),
        ("CC BY-SA 4.0", replace("CC-BY-SA-4.0")),
        ("MIT/X11", replace("MIT")),
        ("LicenseRef-My License", replace("LicenseRef-My-License")),
        ("Apache License (2.0)", replace("Apache-2.0")),
        ("MIT license", replace("MIT")),
        ("BSD-3", replace("BSD-3-Clause")),
        ("BSD 2-Clause License", replace("BSD-2-Clause")),
        ("GPLv2+", replace("GPL-2.0-or-later")),
        ("Apache-2.0-only", None),
        ("BSD", one_of(&["BSD-2-Clause", "BSD-3-Clause"])),
        ("Apache", one_of(&["Apache-2.0"])),
        ("Public Domain", one_of(&["CC0-1.0", "Unlicense"])),
        ("Proprietary", one_of(&["LicenseRef-Proprietary"])),
        ("DocumentRef-a:LicenseRef-b", one_of(&["LicenseRef-b"])),
        // Fuzzy: a typo gets a "did you mean", never an automatic fix.
        ("Apace-2.0", one_of(&["Apache-2.0"])),
        ("BSD-3-Cluase", one_of(&["BSD-3-Clause"])),
        ("LICENSE.md", Some(Suggestion::FileName)),
        ("LICENSE", Some(Suggestion::FileName)),
        ("COPYING.txt", Some(Suggestion::FileName)),
        // Unsure: no suggestion at all.
        ("MTI", None),
        ("MIT-style", None),
        ("Python", None),
        ("", None),
        ("MIT OR", None),
    ];
    for (entry, expected) in cases {
        assert_eq!(license::suggest(entry), expected, "{entry:?}");
    }
}

#[test]
fn version_only_gnu_spellings_suggest_only_with_a_caveat() {
    for (entry, id) in [
        ("GPLv3", "GPL-3.0-only"),
        ("GPL v2", "GPL-2.0-only"),
        ("LGPL v2.1", "LGPL-2.1-only"),
        ("AGPLv3", "AGPL-3.0-only"),
        ("GNU General Public License v3.0", "GPL-3.0-only"),
    ] {
        match license::suggest(entry) {
            Some(Suggestion::Replace { id: got, note }) => {
                assert_eq!(got, id, "{entry:?}");
                assert!(note.is_some_and(|n| n.contains("-or-later")), "{entry:?}");
            }
            other => panic!("{entry:?}: {other:?}"),
        }
    }
    // The caveat makes it ambiguous: no automatic fix.
    assert_eq!(
        license::suggest("GPLv3").and_then(|s| s.replacement_ids()),
        None
    );
}

#[test]
fn expressions_split_into_entries() {
    let cases: Vec<(&str, Option<Suggestion>)> = vec![
        ("MIT OR Apache-2.0", split(&["MIT", "Apache-2.0"], false)),
        ("MIT/Apache-2.0", split(&["MIT", "Apache-2.0"], false)),
        ("Apache 2.0 or MIT", split(&["Apache-2.0", "MIT"], false)),
        (
            "MIT AND BSD-3-Clause",
            split(&["MIT", "BSD-3-Clause"], true),
        ),
        ("(MIT OR Apache-2.0)", split(&["MIT", "Apache-2.0"], false)),
        (
            "GPL-2.0+ OR MIT",
            split(&["GPL-2.0-or-later", "MIT"], false),
        ),
        ("(MIT)", replace("MIT")),
        ("((MIT))", replace("MIT")),
        (
            "Apache-2.0 WITH LLVM-exception",
            Some(Suggestion::Exception {
                base: "Apache-2.0".into(),
                exception: "LLVM-exception".into(),
            }),
        ),
    ];
    for (entry, expected) in cases {
        assert_eq!(license::suggest(entry), expected, "{entry:?}");
    }
    assert_eq!(
        split(&["MIT", "Apache-2.0"], false).and_then(|s| s.replacement_ids()),
        Some(vec!["MIT".to_string(), "Apache-2.0".to_string()])
    );
}

#[test]
fn hostile_entries_get_no_suggestion_quickly() {
    let nested = format!("{}MIT{}", "(".repeat(100), ")".repeat(100));
    assert_eq!(license::suggest(&nested), None);
    let huge = "MIT OR ".repeat(100_000);
    let started = std::time::Instant::now();
    assert_eq!(license::suggest(&huge), None);
    assert!(started.elapsed().as_secs() < 1);
    assert_eq!(license::suggest(&"x".repeat(250)), None);
}

#[test]
fn deprecations_and_replacements() {
    let dep = |replacements: &[&'static str]| Deprecation {
        replacements: replacements.to_vec(),
        note: None,
    };
    assert_eq!(
        license::deprecation("GPL-2.0"),
        Some(dep(&["GPL-2.0-only", "GPL-2.0-or-later"]))
    );
    assert_eq!(
        license::deprecation("GPL-2.0+"),
        Some(dep(&["GPL-2.0-or-later"]))
    );
    assert_eq!(
        license::deprecation("GPL-3.0+"),
        Some(dep(&["GPL-3.0-or-later"]))
    );
    assert_eq!(
        license::deprecation("LGPL-2.1"),
        Some(dep(&["LGPL-2.1-only", "LGPL-2.1-or-later"]))
    );
    assert_eq!(
        license::deprecation("AGPL-3.0"),
        Some(dep(&["AGPL-3.0-only", "AGPL-3.0-or-later"]))
    );
    assert_eq!(
        license::deprecation("BSD-2-Clause-FreeBSD"),
        Some(dep(&["BSD-2-Clause"]))
    );
    assert_eq!(
        license::deprecation("Nunit"),
        Some(dep(&["zlib-acknowledgement"]))
    );
    let classpath = license::deprecation("GPL-2.0-with-classpath-exception").unwrap();
    assert!(classpath.replacements.is_empty());
    assert!(classpath.note.unwrap().contains("WITH"));
    assert_eq!(license::deprecation("MIT"), None);
    assert_eq!(license::deprecation("GPL-2.0-only"), None);
    // Not a Hex id at all: not this function's business.
    assert_eq!(license::deprecation("gpl-2.0"), None);
    // Every replacement offered is itself accepted by Hex.
    for id in license::hex_ids() {
        if let Some(d) = license::deprecation(id) {
            for r in d.replacements {
                assert!(license::is_valid(r), "{id} → {r}");
            }
        }
    }
}

// ── rules ──────────────────────────────────────────────────────────────────

fn mix_exs(package: &str) -> String {
    format!(
        r#"defmodule MyLib.MixProject do
  use Mix.Project

  def project do
    [
      app: :my_lib,
      version: "0.1.0",
      description: "A library",
      package: {package},
      deps: []
    ]
  end
end
"#
    )
}

const CLEAN: &str = r#"[
        licenses: ["Apache-2.0", "MIT", "LicenseRef-Acme"],
        links: %{"GitHub" => "https://github.com/me/my_lib"}
      ]"#;

#[test]
fn clean_package_has_no_license_findings() {
    let text = mix_exs(CLEAN);
    for rule in ["invalid-license", "empty-licenses", "deprecated-license"] {
        assert!(diagnostics(&text, rule).is_empty(), "{rule}");
    }
}

#[test]
fn invalid_license_points_at_each_bad_entry_with_fixes() {
    let text = mix_exs(r#"[licenses: ["mit", "Apache-2.0", "MIT OR BSD-3-Clause", "BSD"]]"#);
    let diags = diagnostics(&text, "invalid-license");
    let positions: Vec<_> = diags.iter().map(at).collect();
    assert_eq!(
        positions,
        vec![
            ("invalid-license", Error, 9, 28),
            ("invalid-license", Error, 9, 49),
            ("invalid-license", Error, 9, 72),
        ]
    );
    assert_eq!(
        diags[0].message,
        "invalid license \"mit\": not an SPDX identifier that Hex accepts"
    );
    assert_eq!(diags[0].help.as_deref(), Some("did you mean \"MIT\"?"));
    assert_eq!(diags[0].key_path.as_deref(), Some("package.licenses[0]"));
    assert!(apply_fix(&text, &diags[0]).contains(r#"licenses: ["MIT", "Apache-2.0""#));
    assert_eq!(diags[1].key_path.as_deref(), Some("package.licenses[2]"));
    assert!(
        apply_fix(&text, &diags[1])
            .contains(r#"["mit", "Apache-2.0", "MIT", "BSD-3-Clause", "BSD"]"#)
    );
    // Ambiguous: help lists the choices, no fix.
    assert!(
        diags[2]
            .help
            .as_deref()
            .unwrap()
            .contains("\"BSD-2-Clause\", \"BSD-3-Clause\"")
    );
    assert!(diags[2].fix.is_none());
}

#[test]
fn invalid_license_is_a_warning_for_organization_packages() {
    let text = mix_exs(r#"[organization: "acme", licenses: ["Apache 2"]]"#);
    let diags = diagnostics(&text, "invalid-license");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        vec![("invalid-license", Warning, 9, 50)]
    );
    // organization "hexpm" is public.
    let text = mix_exs(r#"[organization: "hexpm", licenses: ["Apache 2"]]"#);
    assert_eq!(diagnostics(&text, "invalid-license")[0].severity, Error);
}

#[test]
fn licenses_nil_crashes_hex_build_for_public_packages_only() {
    let diags = diagnostics(&mix_exs("[licenses: nil]"), "invalid-license");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        vec![("invalid-license", Error, 9, 27)]
    );
    assert!(diags[0].message.contains("crashes"), "{}", diags[0].message);
    // hex.build does not look at an organization package's licenses.
    let org = mix_exs(r#"[organization: "acme", licenses: nil]"#);
    assert!(diagnostics(&org, "invalid-license").is_empty());
}

#[test]
fn licenses_as_a_string_is_an_error_with_a_list_fix() {
    let text = mix_exs(r#"[licenses: "MIT"]"#);
    let diags = diagnostics(&text, "invalid-license");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        vec![("invalid-license", Error, 9, 27)]
    );
    assert!(apply_fix(&text, &diags[0]).contains(r#"package: [licenses: ["MIT"]]"#));
}

#[test]
fn atoms_warn_and_charlists_error() {
    let text = mix_exs(r#"[licenses: [:MIT, 'MIT', :mit, 42]]"#);
    let diags = diagnostics(&text, "invalid-license");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        vec![
            ("invalid-license", Warning, 9, 28),
            ("invalid-license", Error, 9, 34),
            ("invalid-license", Error, 9, 41),
            ("invalid-license", Error, 9, 47),
        ]
    );
    assert!(
        diags[0]
            .help
            .as_deref()
            .unwrap()
            .contains("hex.pm receives it as a string")
    );
    assert!(apply_fix(&text, &diags[0]).contains(r#"[licenses: ["MIT", 'MIT'"#));
    assert!(apply_fix(&text, &diags[1]).contains(r#"[:MIT, "MIT", :mit"#));
    // `:mit` is invalid even as a string: a suggestion, but no fix on an atom literal.
    assert_eq!(diags[2].help.as_deref(), Some("did you mean \"MIT\"?"));
    assert!(diags[2].fix.is_none());
}

#[test]
fn unknown_licenses_are_skipped() {
    let text = mix_exs(r#"[licenses: unknown()]"#);
    assert!(diagnostics(&text, "invalid-license").is_empty());
    let text = mix_exs(r#"[licenses: [unknown(), "mit"]]"#);
    assert_eq!(
        diagnostics(&text, "invalid-license")
            .iter()
            .map(at)
            .collect::<Vec<_>>(),
        vec![("invalid-license", Error, 9, 39)]
    );
}

#[test]
fn empty_licenses_fires_for_public_packages_only() {
    let text = mix_exs("[licenses: []]");
    let diags = diagnostics(&text, "empty-licenses");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        vec![("empty-licenses", Warning, 9, 27)]
    );
    assert!(
        diags[0]
            .help
            .as_deref()
            .unwrap()
            .contains("You have not included any licenses")
    );
    let text = mix_exs(r#"[organization: "acme", licenses: []]"#);
    assert!(diagnostics(&text, "empty-licenses").is_empty());
    let text = mix_exs(r#"[organization: unknown(), licenses: []]"#);
    assert!(diagnostics(&text, "empty-licenses").is_empty());
}

#[test]
fn deprecated_license_suggests_current_ids() {
    let text = mix_exs(r#"[licenses: ["GPL-3.0+", "GPL-2.0"]]"#);
    let diags = diagnostics(&text, "deprecated-license");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        vec![
            ("deprecated-license", Warning, 9, 28),
            ("deprecated-license", Warning, 9, 40),
        ]
    );
    assert_eq!(
        diags[0].message,
        "\"GPL-3.0+\" is a deprecated SPDX license identifier"
    );
    assert!(apply_fix(&text, &diags[0]).contains(r#"["GPL-3.0-or-later", "GPL-2.0"]"#));
    assert!(diags[1].fix.is_none());
    assert!(
        diags[1]
            .help
            .as_deref()
            .unwrap()
            .contains("\"GPL-2.0-only\" (this version only)")
    );
    // Deprecated ids are valid: no invalid-license.
    assert!(diagnostics(&text, "invalid-license").is_empty());
}

#[test]
fn fixes_through_module_attributes_stay_valid_elixir() {
    let text = r#"defmodule MyLib.MixProject do
  use Mix.Project

  @license "mit"
  @dual "MIT OR Apache-2.0"

  def project do
    [app: :my_lib, version: "0.1.0", package: [licenses: [@license, @dual]]]
  end
end
"#;
    let diags = diagnostics(text, "invalid-license");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        vec![
            ("invalid-license", Error, 4, 12),
            ("invalid-license", Error, 5, 9)
        ]
    );
    // A one-for-one replacement of the attribute's literal is fine…
    assert!(apply_fix(text, &diags[0]).contains(r#"@license "MIT""#));
    // …but splitting would turn the attribute into two values: help only.
    assert!(diags[1].fix.is_none());
    assert!(
        diags[1]
            .help
            .as_deref()
            .unwrap()
            .contains(r#"["MIT", "Apache-2.0"]"#)
    );
}
