//! The file-hygiene rules on small projects in temp dirs: each rule fires on one fixture and
//! stays quiet on another. Positions are line:column in the generated mix.exs (read by the real
//! parser and evaluator), where the package value starts at 7:16 (`      package: [` …).

mod hygiene_support;

use hexlint::diagnostic::Severity::{self, Error, Info, Warning};
use hexlint::rules::files::*;
use hygiene_support::{Fixture, V, git, list, re, s, spanned, strs, summary};
#[cfg(unix)]
use std::process::Command;

fn kw(pairs: Vec<(&'static str, V)>) -> Option<V> {
    Some(V::Kw(pairs))
}

/// A fake credential assembled at run time, so this file holds no token-shaped literal.
fn fake_aws_key() -> String {
    format!("{}{}", "AKIA", "QWERTYUIOPASDFGH")
}

const MIT: &str = include_str!("hygiene_support/mit.txt");
const ISC: &str = include_str!("hygiene_support/isc.txt");

// ── sensitive-file-packaged ─────────────────────────────────────────────────

#[test]
fn sensitive_file_fires_on_env_file_and_embedded_key() {
    let fx = Fixture::new();
    let key = fake_aws_key();
    fx.file("lib/a.ex", "defmodule A do end")
        .file(".env", "DATABASE_URL=ecto://u:p@db/app\n")
        .file(
            "priv/settings.exs",
            format!("import Config\n\naws_key = \"{key}\"\n"),
        );
    let diags = fx.run(
        &sensitive_file_packaged::RULE,
        kw(vec![("files", strs(&["lib", ".env", "priv"]))]),
    );
    assert_eq!(
        summary(&diags),
        vec![
            ("sensitive-file-packaged", Error, 7, 32),
            ("sensitive-file-packaged", Error, 7, 40),
        ]
    );
    assert_eq!(spanned(&diags[0]), "\".env\"");
    assert_eq!(
        diags[0].message,
        "`.env` is listed in `files`: it looks like an environment file (.env)"
    );
    assert!(
        diags[0]
            .help
            .as_deref()
            .unwrap_or("")
            .starts_with("remove \".env\" from `files`")
    );
    assert_eq!(spanned(&diags[1]), "\"priv\"");
    assert!(
        diags[1].message.contains("`priv/settings.exs`")
            && diags[1]
                .message
                .contains("looks like an AWS access key ID on line 3")
            && diags[1].message.contains("line 3")
            && diags[1].message.contains("AKIA****"),
        "{}",
        diags[1].message
    );
    for d in &diags {
        assert!(
            !d.message.contains(&key[4..]),
            "secret printed: {}",
            d.message
        );
        assert!(!d.help.as_deref().unwrap_or("").contains(&key[4..]));
    }
}

#[test]
fn sensitive_file_quiet_on_templates_ca_bundles_and_secret_scan_ignores() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "defmodule A do end")
        .file(".env.example", "DATABASE_URL=\n")
        .file("priv/jwt_public.key", "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n")
        .file(
            "priv/cacerts.pem",
            "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n",
        )
        .file(
            "priv/fixtures/keys.exs",
            format!("key = \"{}\"\n", fake_aws_key()),
        );
    let diags = fx.run(
        &sensitive_file_packaged::RULE,
        kw(vec![
            ("files", strs(&["lib", ".env.example", "priv"])),
            (
                "secret_scan",
                V::Kw(vec![("ignore", strs(&["priv/fixtures/**"]))]),
            ),
        ]),
    );
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn sensitive_file_skips_when_secret_scan_is_unknown() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x").file(".env", "A=1\n");
    let diags = fx.run(
        &sensitive_file_packaged::RULE,
        kw(vec![
            ("files", strs(&["lib", ".env"])),
            (
                "secret_scan",
                V::Kw(vec![("ignore", V::Unknown("ignored_paths()"))]),
            ),
        ]),
    );
    assert!(diags.is_empty(), "{diags:?}");
}

/// A GitHub-token-shaped value with a seeded pseudo-random body, built at run time so that this
/// file holds no token-shaped literal (and no push protection trips on it).
fn fake_github_token(seed: u64) -> String {
    const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut x = seed;
    let body: String = (0..36)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ALNUM[((x >> 33) as usize) % ALNUM.len()] as char
        })
        .collect();
    format!("{}{body}", "ghp_")
}

/// A private-key PEM block with a seeded pseudo-random base64 body, marker assembled at run time.
fn fake_private_key(seed: u64) -> String {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut x = seed;
    let lines: Vec<String> = (0..4)
        .map(|_| {
            (0..64)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    B64[((x >> 33) as usize) % B64.len()] as char
                })
                .collect()
        })
        .collect();
    let marker = |edge: &str| format!("-----{edge} EC {}-----", "PRIVATE KEY");
    format!(
        "{}\n{}\n{}\n",
        marker("BEGIN"),
        lines.join("\n"),
        marker("END")
    )
}

/// The package of the precision fixture: everything in `lib`, `config`, `examples`, `test` and
/// the README.
fn precision_fixture() -> Fixture {
    let fx = Fixture::new();
    let live = fake_github_token(1);
    let documented = fake_github_token(2);
    fx.file(
        "lib/my_pkg/client.ex",
        format!(
            "defmodule MyPkg.Client do\n  @moduledoc \"\"\"\n  Calls the API with a token:\n\n      \
             MyPkg.Client.new(token: \"{documented}\")\n  \"\"\"\n\n  @token \"{live}\"\n  def \
             token, do: @token\nend\n"
        ),
    )
    .file(
        "lib/my_pkg/docs.ex",
        format!(
            "defmodule MyPkg.Docs do\n  @moduledoc \"\"\"\n  Set `config :my_pkg, token: \
             \"{documented}\"`.\n  \"\"\"\nend\n"
        ),
    )
    .file(
        "README.md",
        format!("# MyPkg\n\n```elixir\nconfig :my_pkg, token: \"{documented}\"\n```\n"),
    )
    .file(
        "examples/demo.exs",
        format!("MyPkg.Client.new(token: \"{documented}\")\n"),
    )
    // Placeholders and the vendors' documented example keys: nothing to report.
    .file(
        "config/config.exs",
        format!(
            "import Config\nconfig :my_pkg,\n  stripe: \"{}\",\n  aws: \"{}\",\n  github: \"{}\",\n  \
             other: \"{}\"\n",
            format_args!("{}{}", "sk_test_", "abc1234567"),
            format_args!("{}{}", "AKIA", "IOSFODNN7EXAMPLE"),
            format_args!("{}{}", "ghp_", "x".repeat(36)),
            format_args!("{}{}", "sk_live_", "YourSecretKeyGoesHere1"),
        ),
    )
    // A packaged test fixture: a key by name and by content.
    .file("test/fixtures/server.key", fake_private_key(3));
    fx
}

fn precision_package() -> Option<V> {
    kw(vec![(
        "files",
        strs(&["lib", "config", "examples", "test", "README.md"]),
    )])
}

#[test]
fn sensitive_file_errors_only_on_a_likely_live_credential() {
    let fx = precision_fixture();
    let mut diags = fx.run(&sensitive_file_packaged::RULE, precision_package());
    diags.sort_by(|a, b| a.message.cmp(&b.message));
    let found: Vec<(Severity, &str)> = diags
        .iter()
        .map(|d| (d.severity, d.message.as_str()))
        .collect();
    let one = |needle: &str| -> (Severity, &str) {
        let hits: Vec<_> = found.iter().filter(|(_, m)| m.contains(needle)).collect();
        assert_eq!(hits.len(), 1, "{needle}: {found:#?}");
        *hits[0]
    };
    // The value in code (line 8) is the finding of client.ex: the doc example before it yields.
    assert_eq!(
        one("`lib/my_pkg/client.ex`"),
        (
            Error,
            "`lib/my_pkg/client.ex` (packaged by \"lib\") contains what looks like a GitHub token \
             on line 8 (ghp_****)"
        )
    );
    assert_eq!(
        one("`lib/my_pkg/docs.ex`"),
        (
            Warning,
            "`lib/my_pkg/docs.ex` (packaged by \"lib\") contains what looks like a GitHub token on \
             line 3 (ghp_****), inside a @moduledoc: probably a documentation example"
        )
    );
    assert_eq!(one("`README.md`").0, Warning);
    assert!(
        one("`README.md`")
            .1
            .ends_with(", in a Markdown file: probably a documentation example")
    );
    assert_eq!(one("`examples/demo.exs`").0, Warning);
    assert!(
        one("`examples/demo.exs`")
            .1
            .ends_with(", under `examples/`: probably a documentation example")
    );
    // The fixture key: by name and by content, both warnings that say it is a fixture.
    let fixture: Vec<_> = found
        .iter()
        .filter(|(_, m)| m.contains("`test/fixtures/server.key`"))
        .collect();
    assert_eq!(fixture.len(), 2, "{found:#?}");
    for (severity, message) in fixture {
        assert_eq!(*severity, Warning);
        assert!(
            message.ends_with(", under `test/`: probably a test fixture"),
            "{message}"
        );
    }
    // Placeholders and published example keys in config/config.exs are not reported.
    assert!(
        !found.iter().any(|(_, m)| m.contains("config/config.exs")),
        "{found:#?}"
    );
    assert_eq!(found.len(), 6, "{found:#?}");
    // No value is ever printed.
    for d in &diags {
        assert!(!d.message.contains(&fake_github_token(1)[4..]));
        assert!(!d.message.contains(&fake_github_token(2)[4..]));
    }
    // A warning's help says how to make the example obvious.
    let docs = diags
        .iter()
        .find(|d| d.message.contains("docs.ex"))
        .expect("docs.ex finding");
    assert!(
        docs.help
            .as_deref()
            .unwrap_or("")
            .contains("obvious placeholder"),
        "{:?}",
        docs.help
    );
}

#[test]
fn sensitive_file_severity_override_applies_to_every_finding() {
    let mut fx = precision_fixture();
    fx.config = hexlint::config::Config::parse(
        std::path::Path::new(".hexlint.toml"),
        "select = [\"sensitive-file-packaged\"]\n\n[severity]\nsensitive-file-packaged = \"info\"\n",
    )
    .expect("config parses");
    let project = fx.project(precision_package());
    let diags = hexlint::rules::run(&project, &fx.config);
    assert_eq!(diags.len(), 6, "{diags:#?}");
    assert!(diags.iter().all(|d| d.severity == Info), "{diags:#?}");
}

// ── ignored-file-packaged ───────────────────────────────────────────────────

#[test]
fn ignored_file_fires_for_gitignored_and_untracked_files() {
    let fx = Fixture::new();
    fx.file(".gitignore", "/priv/static/\n")
        .file("lib/a.ex", "defmodule A do end")
        .file("lib/scratch.ex", "IO.puts(1)")
        .file("priv/static/app.js", "x");
    git(fx.root(), &["init", "-q"]);
    git(fx.root(), &["add", ".gitignore", "lib/a.ex"]);
    let diags = fx.run(
        &ignored_file_packaged::RULE,
        kw(vec![("files", strs(&["lib", "priv"]))]),
    );
    assert_eq!(
        summary(&diags),
        vec![
            ("ignored-file-packaged", Warning, 7, 32),
            ("ignored-file-packaged", Warning, 7, 25),
        ]
    );
    assert!(
        diags[0].message.contains("ignored by git")
            && diags[0].message.contains("`priv/static/app.js`")
    );
    assert_eq!(diags[0].key_path.as_deref(), Some("package.files[1]"));
    assert!(
        diags[1].message.contains("not tracked") && diags[1].message.contains("`lib/scratch.ex`")
    );
}

#[test]
fn ignored_file_quiet_when_everything_is_tracked() {
    let fx = Fixture::new();
    fx.file(".gitignore", "/_build/\n")
        .file("lib/a.ex", "defmodule A do end");
    git(fx.root(), &["init", "-q"]);
    git(fx.root(), &["add", "."]);
    let diags = fx.run(
        &ignored_file_packaged::RULE,
        kw(vec![("files", strs(&["lib"]))]),
    );
    assert!(diags.is_empty(), "{diags:?}");
}

// ── junk-file-packaged ──────────────────────────────────────────────────────

#[test]
fn junk_fires_strongly_on_dot_and_on_build_output() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "defmodule A do end")
        .file("lib/.a.ex.swp", "x")
        .file("_build/dev/lib/my_pkg/ebin/a.beam", "x");
    let diags = fx.run(&junk_file_packaged::RULE, kw(vec![("files", strs(&["."]))]));
    assert_eq!(
        summary(&diags),
        vec![
            ("junk-file-packaged", Warning, 7, 25),
            ("junk-file-packaged", Warning, 7, 25),
            ("junk-file-packaged", Warning, 7, 25),
        ]
    );
    assert!(
        diags[0].message.contains("entire project directory")
            && diags[0].message.contains("almost never")
    );
    assert!(
        diags[1].message.contains("`lib/.a.ex.swp`"),
        "{}",
        diags[1].message
    );
    assert!(
        diags[2].message.contains("inside `_build/`"),
        "{}",
        diags[2].message
    );
}

#[test]
fn junk_fires_on_a_pattern_reaching_a_dot_directory() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x").file("priv/.cache/index.bin", "x");
    let diags = fx.run(
        &junk_file_packaged::RULE,
        kw(vec![("files", strs(&["lib", "priv"]))]),
    );
    assert_eq!(
        summary(&diags),
        vec![("junk-file-packaged", Warning, 7, 32)]
    );
    assert!(
        diags[0].message.contains("`priv/.cache/`"),
        "{}",
        diags[0].message
    );
}

#[test]
fn junk_quiet_on_a_build_directory_listed_by_name() {
    // Committed edoc, shipped on purpose: `files:` names `doc` itself.
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x").file("doc/index.html", "<html>");
    let diags = fx.run(
        &junk_file_packaged::RULE,
        kw(vec![("files", strs(&["lib", "doc"]))]),
    );
    assert!(diags.is_empty(), "{diags:?}");
    // Reached through a wider pattern, it is still junk.
    let diags = fx.run(
        &junk_file_packaged::RULE,
        kw(vec![("files", strs(&["lib", "d*"]))]),
    );
    assert_eq!(diags.len(), 1, "{diags:?}");
}

#[test]
fn junk_quiet_on_a_clean_default_package() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x")
        .file("README.md", "# A")
        .file("_build/x.beam", "x");
    let diags = fx.run(
        &junk_file_packaged::RULE,
        kw(vec![("licenses", strs(&["MIT"]))]),
    );
    assert!(diags.is_empty(), "{diags:?}");
}

// ── missing-license-file / missing-readme ───────────────────────────────────

#[test]
fn missing_license_fires_when_default_glob_misses_license_md() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x")
        .file("README.md", "# A")
        .file("License.md", MIT);
    let diags = fx.run(
        &missing_license_file::RULE,
        kw(vec![("licenses", strs(&["MIT"]))]),
    );
    assert_eq!(
        summary(&diags),
        vec![("missing-license-file", Warning, 7, 7)]
    );
    assert_eq!(spanned(&diags[0]), "package:");
    let help = diags[0].help.as_deref().unwrap_or("");
    assert!(
        help.contains("`License.md` exists on disk") && help.contains("case-sensitive"),
        "{help}"
    );
}

#[test]
fn missing_license_is_a_note_when_the_readme_has_a_license_section() {
    for readme in [
        "# Tiny\n\nDoes things.\n\n## License\n\nCopyright 2024 Someone. Licensed under the Apache License, Version 2.0.\n",
        "Tiny\n====\n\nLicence\n-------\n\nMIT, see the repository.\n",
    ] {
        let fx = Fixture::new();
        fx.file("lib/a.ex", "x").file("README.md", readme);
        let diags = fx.run(
            &missing_license_file::RULE,
            kw(vec![("licenses", strs(&["Apache-2.0"]))]),
        );
        assert_eq!(summary(&diags), vec![("missing-license-file", Info, 7, 7)]);
        assert!(
            diags[0]
                .message
                .contains("`README.md` has a License section")
        );
    }
    // A README that only mentions the word is no License section.
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x")
        .file("README.md", "# Tiny\n\nSee the license in the repo.\n");
    let diags = fx.run(
        &missing_license_file::RULE,
        kw(vec![("licenses", strs(&["MIT"]))]),
    );
    assert_eq!(
        summary(&diags),
        vec![("missing-license-file", Warning, 7, 7)]
    );
}

#[test]
fn missing_license_quiet_with_licence_file() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x").file("LICENSE", MIT);
    let diags = fx.run(
        &missing_license_file::RULE,
        kw(vec![("licenses", strs(&["MIT"]))]),
    );
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn missing_readme_fires_when_explicit_files_omit_it() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x").file("Readme.md", "# A");
    let diags = fx.run(&missing_readme::RULE, kw(vec![("files", strs(&["lib"]))]));
    assert_eq!(summary(&diags), vec![("missing-readme", Warning, 7, 17)]);
    assert_eq!(spanned(&diags[0]), "files:");
    assert!(
        diags[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("`Readme.md` exists on disk")
    );
}

#[test]
fn missing_readme_quiet_with_readme() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x").file("README.md", "# A");
    let diags = fx.run(
        &missing_readme::RULE,
        kw(vec![("licenses", strs(&["MIT"]))]),
    );
    assert!(diags.is_empty(), "{diags:?}");
}

// ── license-text-mismatch ───────────────────────────────────────────────────

#[test]
fn license_text_mismatch_fires_for_mit_text_declared_apache() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x").file("LICENSE", MIT);
    let diags = fx.run(
        &license_text_mismatch::RULE,
        kw(vec![
            ("licenses", strs(&["Apache-2.0"])),
            ("files", strs(&["lib", "LICENSE"])),
        ]),
    );
    assert_eq!(
        summary(&diags),
        vec![("license-text-mismatch", Warning, 7, 58)]
    );
    assert_eq!(spanned(&diags[0]), "\"LICENSE\"");
    assert!(
        diags[0].message.contains("is the MIT license text"),
        "{}",
        diags[0].message
    );
}

#[test]
fn license_text_mismatch_fires_for_isc_text_declared_mit() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x").file("LICENSE.txt", ISC);
    let diags = fx.run(
        &license_text_mismatch::RULE,
        kw(vec![("licenses", strs(&["MIT"]))]),
    );
    // Hex's default `LICENSE*` brought it in: the finding points at the `package` key.
    assert_eq!(
        summary(&diags),
        vec![("license-text-mismatch", Warning, 7, 7)]
    );
    assert!(
        diags[0].message.contains("`LICENSE.txt`") && diags[0].message.contains("ISC"),
        "{}",
        diags[0].message
    );
}

#[test]
fn license_text_mismatch_quiet_on_match_and_on_license_ref() {
    let fx = Fixture::new();
    // LICENSE matches the declaration; the extra ISC text for vendored code is fine.
    fx.file("lib/a.ex", "x")
        .file("LICENSE", MIT)
        .file("LICENSE.vendored", ISC);
    let matching = fx.run(
        &license_text_mismatch::RULE,
        kw(vec![("licenses", strs(&["MIT"]))]),
    );
    assert!(matching.is_empty(), "{matching:?}");
    let custom = fx.run(
        &license_text_mismatch::RULE,
        kw(vec![(
            "licenses",
            strs(&["Apache-2.0", "LicenseRef-Custom"]),
        )]),
    );
    assert!(custom.is_empty(), "{custom:?}");
}

// ── exclude-pattern-never-matches / exclude-pattern-overbroad ───────────────

#[test]
fn exclude_never_matches_fires_on_glob_string_only() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x").file("lib/debug.log", "x");
    let diags = fx.run(
        &exclude_pattern_never_matches::RULE,
        kw(vec![("exclude_patterns", strs(&["*.log", "nothing_here"]))]),
    );
    assert_eq!(
        summary(&diags),
        // "nothing_here" removes nothing too, but may be protective: not reported.
        vec![("exclude-pattern-never-matches", Warning, 7, 36)]
    );
    assert_eq!(spanned(&diags[0]), "\"*.log\"");
    let fix = diags[0].fix.as_ref().expect("a fix");
    assert_eq!(fix.edits[0].replacement, "~r/\\.log$/");
}

#[test]
fn exclude_never_matches_quiet_when_pattern_excludes() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x").file("lib/debug.log", "x");
    let diags = fx.run(
        &exclude_pattern_never_matches::RULE,
        kw(vec![(
            "exclude_patterns",
            list(vec![s("debug.log"), re("\\.tmp$")]),
        )]),
    );
    // "debug.log" removes lib/debug.log; the regex removes nothing, like a protective pattern
    // for files that may appear later (`~r/\.tmp$/`): neither is reported.
    assert!(summary(&diags).is_empty());
}

#[test]
fn exclude_overbroad_fires_on_substring_and_anchored_directory_regex() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x")
        .file("lib/latest.ex", "x")
        .file("priv/static/app.js", "x");
    let diags = fx.run(
        &exclude_pattern_overbroad::RULE,
        kw(vec![
            ("files", strs(&["lib", "priv"])),
            (
                "exclude_patterns",
                list(vec![s("test"), re("^priv\\/static$")]),
            ),
        ]),
    );
    assert_eq!(
        summary(&diags),
        vec![
            ("exclude-pattern-overbroad", Warning, 7, 60),
            ("exclude-pattern-overbroad", Warning, 7, 68),
        ]
    );
    assert!(
        diags[0].message.contains("`lib/latest.ex`"),
        "{}",
        diags[0].message
    );
    assert!(
        diags[1].message.contains("`priv/static/app.js`"),
        "{}",
        diags[1].message
    );
}

#[test]
fn exclude_overbroad_quiet_on_segment_matches() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x")
        .file("lib/test_helper.ex", "x")
        .file("priv/static/app.js", "x");
    let diags = fx.run(
        &exclude_pattern_overbroad::RULE,
        kw(vec![
            ("files", strs(&["lib", "priv"])),
            (
                "exclude_patterns",
                list(vec![s("test"), re("^priv\\/static(\\/|$)")]),
            ),
        ]),
    );
    assert!(diags.is_empty(), "{diags:?}");
}

// ── non-portable-path ───────────────────────────────────────────────────────

#[test]
fn non_portable_fires_on_reserved_name_and_case_clash() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x")
        .file("priv/aux.json", "{}")
        .file("priv/Data.csv", "a")
        .file("priv/data.csv", "b");
    let diags = fx.run(
        &non_portable_path::RULE,
        kw(vec![("files", strs(&["lib", "priv"]))]),
    );
    assert_eq!(
        summary(&diags),
        vec![
            ("non-portable-path", Warning, 7, 32),
            ("non-portable-path", Warning, 7, 32),
        ]
    );
    assert!(
        diags
            .iter()
            .any(|d| d.message.contains("`priv/aux.json`") && d.message.contains("reserved"))
    );
    assert!(
        diags
            .iter()
            .any(|d| d.message.contains("`priv/Data.csv`, `priv/data.csv`"))
    );
}

#[test]
fn non_portable_quiet_on_ordinary_paths() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x").file("priv/auxiliary.json", "{}");
    let diags = fx.run(
        &non_portable_path::RULE,
        kw(vec![("files", strs(&["lib", "priv"]))]),
    );
    assert!(diags.is_empty(), "{diags:?}");
}

// ── large-file ──────────────────────────────────────────────────────────────

#[test]
fn large_file_fires_above_configured_size() {
    let mut fx = Fixture::new();
    fx.config.large_file_size = Some(1000);
    fx.file("lib/a.ex", "x".repeat(1000))
        .file("priv/big.bin", vec![7u8; 3000]);
    let diags = fx.run(
        &large_file::RULE,
        kw(vec![("files", strs(&["lib", "priv"]))]),
    );
    assert_eq!(summary(&diags), vec![("large-file", Warning, 7, 32)]);
    assert!(
        diags[0].message.contains("`priv/big.bin`")
            && diags[0].message.contains("2.9 KiB")
            && diags[0].message.contains("75%"),
        "{}",
        diags[0].message
    );
}

#[test]
fn large_file_quiet_under_default_size() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x")
        .file("priv/big.bin", vec![7u8; 3000]);
    let diags = fx.run(
        &large_file::RULE,
        kw(vec![("files", strs(&["lib", "priv"]))]),
    );
    assert!(diags.is_empty(), "{diags:?}");
}

// ── missing-build-file ──────────────────────────────────────────────────────

#[test]
fn missing_build_file_fires_for_mix_exs_and_header() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x")
        .file("src/x.erl", "-module(x).\n-include(\"x.hrl\").\n")
        .file("include/x.hrl", "-define(X, 1).\n");
    let diags = fx.run(
        &missing_build_file::RULE,
        kw(vec![("files", strs(&["lib", "src"]))]),
    );
    assert_eq!(
        summary(&diags),
        vec![
            ("missing-build-file", Error, 7, 17),
            ("missing-build-file", Error, 7, 32),
        ]
    );
    assert!(
        diags[0].message.contains("`mix.exs` is not packaged"),
        "{}",
        diags[0].message
    );
    assert!(
        diags[1]
            .message
            .contains("`src/x.erl` includes \"x.hrl\" (line 2)")
            && diags[1].message.contains("`include/x.hrl`"),
        "{}",
        diags[1].message
    );
}

#[test]
fn missing_build_file_warns_for_rebar_config() {
    let fx = Fixture::new();
    fx.file("src/x.erl", "-module(x).\n")
        .file("rebar.config", "{erl_opts, []}.\n");
    let diags = fx.run(
        &missing_build_file::RULE,
        kw(vec![
            ("files", strs(&["src"])),
            ("build_tools", strs(&["rebar3"])),
        ]),
    );
    assert_eq!(
        summary(&diags),
        vec![("missing-build-file", Warning, 7, 17)]
    );
    assert!(diags[0].message.contains("`rebar.config`"));
}

#[test]
fn missing_build_file_quiet_when_everything_ships() {
    let fx = Fixture::new();
    fx.file("lib/a.ex", "x")
        .file(
            "src/x.erl",
            "-module(x).\n-include(\"x.hrl\").\n-include_lib(\"kernel/include/file.hrl\").\n",
        )
        .file("include/x.hrl", "-define(X, 1).\n");
    let diags = fx.run(
        &missing_build_file::RULE,
        kw(vec![("files", strs(&["lib", "src", "include", "mix.exs"]))]),
    );
    assert!(diags.is_empty(), "{diags:?}");
}

// ── registry and docs ───────────────────────────────────────────────────────

#[test]
fn hygiene_rules_are_registered_with_complete_docs() {
    let rules = [
        &sensitive_file_packaged::RULE,
        &ignored_file_packaged::RULE,
        &junk_file_packaged::RULE,
        &missing_license_file::RULE,
        &missing_readme::RULE,
        &license_text_mismatch::RULE,
        &missing_build_file::RULE,
        &exclude_pattern_never_matches::RULE,
        &exclude_pattern_overbroad::RULE,
        &non_portable_path::RULE,
        &large_file::RULE,
    ];
    for rule in rules {
        assert!(
            hexlint::rules::find(rule.id).is_some_and(|r| std::ptr::eq(r, rule)),
            "{} is not registered",
            rule.id
        );
        assert!(
            rule.doc.starts_with(&format!("# {}\n", rule.id)),
            "{} doc title",
            rule.id
        );
        for section in [
            "## What it checks",
            "## Why",
            "## Example",
            "## How to fix",
            "## Hex behaviour",
        ] {
            assert!(rule.doc.contains(section), "{} lacks {section}", rule.id);
        }
    }
}

// ── robustness ──────────────────────────────────────────────────────────────

#[cfg(unix)]
#[test]
fn hygiene_rules_survive_a_hostile_project() {
    use std::os::unix::ffi::OsStrExt;
    let fx = Fixture::new();
    fx.file("lib/a.ex", "defmodule A do end")
        .file("priv/line\nbreak.txt", "x")
        .file("priv/big.bin", vec![0u8; 2 * 1024 * 1024])
        .file("priv/empty.pem", "")
        .file(".git/config", "[core]\n");
    let root = fx.root();
    std::fs::write(
        root.join(std::ffi::OsStr::from_bytes(b"priv/bad\xffname.txt")),
        "x",
    )
    .unwrap();
    std::os::unix::fs::symlink("/etc/passwd", root.join("priv/passwd")).unwrap();
    std::os::unix::fs::symlink("loop", root.join("priv/loop")).unwrap();
    // A FIFO would block a reader forever; it must be skipped (mkfifo may be missing: fine).
    let _ = Command::new("mkfifo").arg(root.join("priv/pipe")).status();
    let project = fx.project(kw(vec![
        ("files", strs(&["lib", "priv", ".git"])),
        ("licenses", strs(&["MIT"])),
        ("exclude_patterns", list(vec![s("*"), re("^$")])),
    ]));
    let ctx = hexlint::rules::Context::new(&project, &fx.config);
    let mut out = Vec::new();
    for rule in hexlint::rules::RULES
        .iter()
        .filter(|r| r.group == hexlint::rules::Group::Files)
    {
        (rule.check)(&ctx, &mut out);
    }
    let fired = |id: &str, needle: &str| {
        out.iter()
            .any(|d| d.rule == id && d.message.contains(needle))
    };
    assert!(
        fired("non-portable-path", "control character U+000A"),
        "{out:#?}"
    );
    assert!(fired("large-file", "`priv/big.bin`"), "{out:#?}");
    assert!(fired("junk-file-packaged", "inside `.git/`"), "{out:#?}");
    assert!(fired("missing-license-file", "no license file"), "{out:#?}");
    // An empty *.pem cannot be cleared by its content: it is still reported by name.
    assert!(
        fired("sensitive-file-packaged", "`priv/empty.pem`"),
        "{out:#?}"
    );
    // Symlinks and FIFOs are never opened.
    assert!(
        !out.iter()
            .any(|d| d.message.contains("priv/passwd") && d.rule == "sensitive-file-packaged")
    );
}
