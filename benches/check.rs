//! End-to-end `check` of a typical package, and `check --recursive` over 200 generated packages on
//! one thread versus all cores (the speed-up ratio). Inputs are generated in a temp dir at start.

use hexlint::cli::LintArgs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

fn lint_args() -> LintArgs {
    LintArgs {
        fail_on: None,
        ignore: Vec::new(),
        select: Vec::new(),
        env: None,
        elixir: None,
        config: None,
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A typical package: a realistic mix.exs (attributes, helpers, deps by env, docs), 40 modules,
/// README, LICENSE, CHANGELOG and a priv asset.
fn typical_package(dir: &Path, name: &str) {
    let module = hexlint::modules::camelize(name);
    write(
        &dir.join("mix.exs"),
        &format!(
            r##"defmodule {module}.MixProject do
  use Mix.Project

  @version "1.4.2"
  @source_url "https://github.com/example/{name}"

  def project do
    [
      app: :{name},
      version: @version,
      elixir: "~> 1.14",
      elixirc_paths: elixirc_paths(Mix.env()),
      start_permanent: Mix.env() == :prod,
      description: "A typical package generated for hexlint's benchmarks.",
      package: package(),
      deps: deps(),
      docs: docs(),
      preferred_cli_env: ["coveralls.html": :test]
    ]
  end

  def application, do: [extra_applications: [:logger]]

  defp elixirc_paths(:test), do: ["lib", "test/support"]
  defp elixirc_paths(_), do: ["lib"]

  defp package do
    [
      licenses: ["MIT"],
      links: %{{"GitHub" => @source_url, "Changelog" => "#{{@source_url}}/blob/main/CHANGELOG.md"}},
      files: ~w(lib priv mix.exs README.md LICENSE CHANGELOG.md)
    ]
  end

  defp deps do
    [
      {{:telemetry, "~> 1.0"}},
      {{:jason, "~> 1.4", optional: true}},
      {{:ex_doc, "~> 0.34", only: :dev, runtime: false}},
      {{:excoveralls, "~> 0.18", only: :test}}
    ]
  end

  defp docs do
    [main: "readme", source_ref: "v#{{@version}}", source_url: @source_url, extras: ["README.md", "CHANGELOG.md"]]
  end
end
"##
        ),
    );
    for i in 0..40 {
        write(
            &dir.join(format!("lib/{name}/mod{i}.ex")),
            &format!(
                "defmodule {module}.Mod{i} do\n  @moduledoc \"Module {i}.\"\n  def value, do: {i}\nend\n"
            ),
        );
    }
    write(
        &dir.join(format!("lib/{name}.ex")),
        &format!("defmodule {module} do\nend\n"),
    );
    write(&dir.join("README.md"), "# Readme\n");
    write(&dir.join("CHANGELOG.md"), "# Changelog\n\n## v1.4.2\n");
    write(
        &dir.join("LICENSE"),
        include_str!("../tests/fixtures/pre-commit/good/LICENSE"),
    );
    write(
        &dir.join("priv/static/app.css"),
        &"body { color: red }\n".repeat(2000),
    );
}

fn workspace() -> &'static (tempfile::TempDir, PathBuf, PathBuf) {
    static WS: OnceLock<(tempfile::TempDir, PathBuf, PathBuf)> = OnceLock::new();
    WS.get_or_init(|| {
        let t = tempfile::tempdir().unwrap();
        let one = t.path().join("typical");
        typical_package(&one, "typical_pkg");
        let many = t.path().join("many");
        for i in 0..200 {
            typical_package(&many.join(format!("pkg_{i}")), &format!("pkg_{i}"));
        }
        (t, one, many)
    })
}

#[divan::bench]
fn check_typical_package() -> usize {
    let (_, one, _) = workspace();
    hexlint::commands::check::lint_paths(std::slice::from_ref(one), &lint_args(), false)
        .diagnostics()
        .count()
}

/// 200 packages with `--recursive`; `threads = 0` means all cores (rayon's default).
#[divan::bench(args = [1, 0], sample_count = 10)]
fn check_recursive_200_packages(bencher: divan::Bencher, threads: usize) {
    let (_, _, many) = workspace();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    bencher.bench(|| {
        pool.install(|| {
            hexlint::commands::check::lint_paths(std::slice::from_ref(many), &lint_args(), true)
                .packages
                .len()
        })
    });
}
