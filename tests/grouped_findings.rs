//! One cause, one finding: rules about packaged paths report a cause that makes many paths bad
//! (a missing header included everywhere, a reserved directory name, a deep tree over the ustar
//! limit, a build directory, an ignored directory, large assets under one pattern, a symlinked
//! directory leaving the project) once, with a count and a few examples, instead of once per path.
//! Each fixture is a project in a temp dir; positions are in the generated mix.exs, whose package
//! value starts at 7:16.

mod hygiene_support;

use hexlint::diagnostic::Severity::{Error, Warning};
use hexlint::rules::files::*;
use hygiene_support::{Fixture, V, git, spanned, strs, summary};

fn files(patterns: &[&'static str]) -> Option<V> {
    Some(V::Kw(vec![("files", strs(patterns))]))
}

#[test]
fn a_header_included_by_thirteen_sources_is_one_missing_build_file_error() {
    let fx = Fixture::new();
    fx.file("mix.exs", "")
        .file("include/records.hrl", "-record(r, {a}).\n")
        .file("include/solo.hrl", "-define(SOLO, 1).\n");
    for i in 0..13 {
        fx.file(
            &format!("src/mod_{i:02}.erl"),
            format!("-module(mod_{i:02}).\n\n-include(\"records.hrl\").\n"),
        );
    }
    fx.file(
        "src/alone.erl",
        "-module(alone).\n-include(\"solo.hrl\").\n",
    );
    let diags = fx.run(&missing_build_file::RULE, files(&["src", "mix.exs"]));
    assert_eq!(
        summary(&diags),
        vec![
            ("missing-build-file", Error, 7, 25),
            ("missing-build-file", Error, 7, 25),
        ],
        "{diags:#?}"
    );
    let grouped = &diags[0].message;
    assert!(
        grouped.starts_with("`include/records.hrl` is not packaged, but 13 packaged files include it (`src/mod_00.erl` (line 3), `src/mod_01.erl` (line 3), `src/mod_02.erl` (line 3) and 10 more)"),
        "{grouped}"
    );
    assert_eq!(
        diags[0].help.as_deref(),
        Some("add \"include/records.hrl\" (or the whole `include` directory) to `files`")
    );
    // A header included once keeps the one-include message.
    assert!(
        diags[1]
            .message
            .starts_with("`src/alone.erl` includes \"solo.hrl\" (line 2), but `include/solo.hrl`"),
        "{}",
        diags[1].message
    );
}

#[test]
fn a_reserved_directory_name_is_one_finding_for_every_path_below_it() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x");
    for i in 0..40 {
        fx.file(&format!("priv/aux/deep/tree/f{i}.json"), "{}");
    }
    let diags = fx.run(&non_portable_path::RULE, files(&["lib", "priv"]));
    assert_eq!(summary(&diags), vec![("non-portable-path", Warning, 7, 32)]);
    assert_eq!(spanned(&diags[0]), "\"priv\"");
    assert_eq!(
        diags[0].message,
        "`priv/aux/` (40 files below it, packaged by \"priv\") is not portable: `aux` is a \
         reserved device name on Windows"
    );
}

#[test]
fn reserved_names_in_one_directory_are_one_finding() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x");
    for name in ["con.txt", "prn.txt", "nul.txt", "com1.log", "lpt2"] {
        fx.file(&format!("priv/devices/{name}"), "x");
    }
    // Another directory is another cause.
    fx.file("priv/other/aux.md", "x");
    let diags = fx.run(&non_portable_path::RULE, files(&["lib", "priv"]));
    assert_eq!(diags.len(), 2, "{diags:#?}");
    assert_eq!(
        diags[0].message,
        "5 names in `priv/devices/` (5 files, packaged by \"priv\") are not portable: they are \
         reserved device names on Windows: `priv/devices/com1.log`, `priv/devices/con.txt`, \
         `priv/devices/lpt2` and 2 more"
    );
    assert_eq!(
        diags[1].message,
        "`priv/other/aux.md` (packaged by \"priv\") is not portable: `aux.md` is a reserved \
         device name on Windows"
    );
}

#[test]
fn paths_over_the_ustar_limit_are_one_finding() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x");
    let deep = format!("priv/static/{}/{}", "d".repeat(40), "e".repeat(40));
    for i in 0..253 {
        fx.file(&format!("{deep}/asset-{i:03}.js"), "x");
    }
    // One longer path elsewhere, from another pattern.
    let longest = format!("assets/{}.css", "z".repeat(120));
    fx.file(&longest, "x");
    let diags = fx.run(&non_portable_path::RULE, files(&["lib", "priv", "assets"]));
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let message = &diags[0].message;
    assert!(
        message.starts_with(&format!(
            "254 paths (packaged by 2 patterns) are not portable: they are over the 100-byte ustar \
             name field (up to {} bytes): `{longest}`, `{deep}/asset-000.js`, ",
            longest.len()
        )),
        "{message}"
    );
    assert!(message.ends_with(" and 251 more"), "{message}");
    // It points at the pattern of the longest path.
    assert_eq!(spanned(&diags[0]), "\"assets\"");
}

#[test]
fn long_paths_under_one_directory_name_it() {
    let fx = Fixture::new();
    let deep = format!("priv/{}", "n".repeat(100));
    for i in 0..4 {
        fx.file(&format!("{deep}/sub/{i}.txt"), "x");
    }
    let diags = fx.run(&non_portable_path::RULE, files(&["priv"]));
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0].message.starts_with(&format!(
            "4 paths (packaged by \"priv\", all under `{deep}/sub/`)"
        )),
        "{}",
        diags[0].message
    );
}

#[test]
fn case_clashes_stay_one_finding_per_clashing_group() {
    let fx = Fixture::new();
    fx.file("priv/Data.csv", "a")
        .file("priv/data.csv", "b")
        .file("priv/Notes.md", "c")
        .file("priv/notes.md", "d");
    let diags = fx.run(&non_portable_path::RULE, files(&["priv"]));
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    assert!(messages[0].starts_with("`priv/Data.csv`, `priv/data.csv` differ only by case"));
    assert!(messages[1].starts_with("`priv/Notes.md`, `priv/notes.md` differ only by case"));
}

#[test]
fn a_build_directory_is_one_junk_finding() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x");
    for i in 0..50 {
        fx.file(&format!("lib/_build/dev/lib/my_pkg/ebin/m{i}.app"), "x");
    }
    let diags = fx.run(&junk_file_packaged::RULE, files(&["lib"]));
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0]
            .message
            .starts_with("50 files inside `_build/` packaged by \"lib\": "),
        "{}",
        diags[0].message
    );
    assert!(diags[0].message.ends_with(" and 45 more"));
}

#[test]
fn an_ignored_directory_is_one_finding() {
    let fx = Fixture::new();
    fx.file(".gitignore", "/priv/static/\n")
        .file("lib/a.ex", "x");
    for i in 0..30 {
        fx.file(&format!("priv/static/js/chunk-{i}.js"), "x");
    }
    git(fx.root(), &["init", "-q"]);
    git(fx.root(), &["add", ".gitignore", "lib/a.ex"]);
    let diags = fx.run(&ignored_file_packaged::RULE, files(&["lib", "priv"]));
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0]
            .message
            .starts_with("30 files are ignored by git but packaged by \"priv\": "),
        "{}",
        diags[0].message
    );
}

#[test]
fn large_files_from_one_pattern_are_one_finding_largest_first() {
    let mut fx = Fixture::new();
    fx.config.large_file_size = Some(1000);
    fx.file("lib/a.ex", "x")
        .file("priv/a.bin", vec![1u8; 2000])
        .file("priv/b.bin", vec![1u8; 5000])
        .file("priv/c.bin", vec![1u8; 3000])
        .file("priv/d.bin", vec![1u8; 1500])
        .file("data.db", vec![1u8; 1200]);
    let diags = fx.run(&large_file::RULE, files(&["lib", "priv", "data.db"]));
    assert_eq!(
        summary(&diags),
        vec![
            ("large-file", Warning, 7, 32),
            ("large-file", Warning, 7, 40)
        ]
    );
    assert_eq!(
        diags[0].message,
        "4 files packaged by \"priv\" are over the limit of 1000 B, together 11.2 KiB, 91% of the \
         package's 12.4 KiB of files: `priv/b.bin` (4.9 KiB), `priv/c.bin` (2.9 KiB), \
         `priv/a.bin` (2.0 KiB) and 1 more"
    );
    assert!(
        diags[1]
            .message
            .starts_with("`data.db` (listed in `files`) is 1.2 KiB, "),
        "{}",
        diags[1].message
    );
}
