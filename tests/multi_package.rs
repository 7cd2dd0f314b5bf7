//! Repositories with several packages: umbrella roots, `--recursive`, and one combined report.

use assert_cmd::Command;
use std::path::Path;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A clean app `name` at `dir` (mix.exs, lib/, README, LICENSE), with `licenses`.
fn app(dir: &Path, name: &str, licenses: &str) {
    let module = hexlint::modules::camelize(name);
    write(
        &dir.join("mix.exs"),
        &format!(
            r#"defmodule {module}.MixProject do
  use Mix.Project

  def project do
    [
      app: :{name},
      version: "1.0.0",
      elixir: "~> 1.14",
      description: "The {name} app.",
      package: [licenses: {licenses}, links: %{{"GitHub" => "https://github.com/example/{name}"}}],
      deps: [{{:ex_doc, "~> 0.34", only: :dev, runtime: false}}]
    ]
  end
end
"#
        ),
    );
    write(
        &dir.join("lib").join(format!("{name}.ex")),
        &format!("defmodule {module} do\nend\n"),
    );
    write(&dir.join("README.md"), "# readme\n");
    write(
        &dir.join("LICENSE"),
        include_str!("fixtures/pre-commit/good/LICENSE"),
    );
}

fn check(args: &[&str], cwd: &Path) -> (i32, String) {
    let out = Command::cargo_bin("hexlint")
        .unwrap()
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn umbrella() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    write(
        &t.path().join("mix.exs"),
        "defmodule Shop.MixProject do\n  use Mix.Project\n\n  def project do\n    [apps_path: \"apps\", version: \"1.0.0\", deps: []]\n  end\nend\n",
    );
    app(&t.path().join("apps/shop_core"), "shop_core", r#"["MIT"]"#);
    app(&t.path().join("apps/shop_web"), "shop_web", r#"["MIT"]"#);
    app(
        &t.path().join("apps/shop_jobs"),
        "shop_jobs",
        r#"["MIT License"]"#,
    ); // broken
    // An internal app with neither `package:` nor `description:`: not meant for Hex.
    write(
        &t.path().join("apps/shop_tools/mix.exs"),
        "defmodule ShopTools.MixProject do\n  use Mix.Project\n\n  def project do\n    [app: :shop_tools, version: \"0.1.0\", deps: [{:shop_core, in_umbrella: true}]]\n  end\nend\n",
    );
    t
}

#[test]
fn umbrella_root_lints_each_app_and_says_so_once() {
    let t = umbrella();
    let (code, out) = check(&["check", "--format", "json", "."], t.path());
    assert_eq!(code, 1, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let packages = json["packages"].as_array().unwrap();
    let paths: Vec<&str> = packages
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [".", "apps/shop_core", "apps/shop_jobs", "apps/shop_web"]
    );
    // The root: a single info that Hex cannot publish umbrellas.
    let root = &packages[0]["diagnostics"];
    assert_eq!(root.as_array().unwrap().len(), 1);
    assert_eq!(root[0]["rule"], "umbrella-project");
    assert_eq!(root[0]["severity"], "info");
    let message = root[0]["message"].as_str().unwrap();
    assert!(
        message.ends_with("1 without either is not meant for Hex and skipped: shop_tools"),
        "{message}"
    );
    // Only the broken app has an error.
    let errors: Vec<(&str, &str)> = packages
        .iter()
        .flat_map(|p| {
            p["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["severity"] == "error")
                .map(move |d| {
                    (
                        p["name"].as_str().unwrap_or(""),
                        d["rule"].as_str().unwrap(),
                    )
                })
        })
        .collect();
    assert_eq!(errors, [("shop_jobs", "invalid-license")]);
    assert_eq!(json["summary"]["errors"], 1);
}

#[test]
fn recursive_finds_packages_but_not_deps_or_build_output() {
    let t = tempfile::tempdir().unwrap();
    app(&t.path().join("pkgs/alpha"), "alpha", r#"["MIT"]"#);
    app(&t.path().join("pkgs/beta"), "beta", r#"["Apache 2.0"]"#);
    // Fetched deps and build output contain mix.exs files that are not ours.
    app(
        &t.path().join("pkgs/alpha/deps/gamma"),
        "gamma",
        r#"["bogus"]"#,
    );
    app(
        &t.path().join("pkgs/beta/_build/dev/lib/delta"),
        "delta",
        r#"["bogus"]"#,
    );
    let (code, out) = check(&["check", "-r", "--format", "json", "pkgs"], t.path());
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = json["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alpha", "beta"]);
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let t = umbrella();
    let run = |threads: &str| {
        let out = Command::cargo_bin("hexlint")
            .unwrap()
            .current_dir(t.path())
            .env("RAYON_NUM_THREADS", threads)
            .env("NO_COLOR", "1")
            .args(["check", "-r", "--format", "concise", "."])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let one = run("1");
    assert!(one.contains("invalid-license"));
    for threads in ["2", "8"] {
        assert_eq!(run(threads), one);
    }
}

#[test]
fn sarif_combines_every_package_into_one_run() {
    let t = umbrella();
    let (code, out) = check(&["check", "--format", "sarif", "."], t.path());
    assert_eq!(code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let uris: std::collections::BTreeSet<&str> = runs[0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(uris.contains("mix.exs"), "{uris:?}");
    assert!(uris.contains("apps/shop_jobs/mix.exs"), "{uris:?}");
}
