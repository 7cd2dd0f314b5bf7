//! Parse + evaluate benchmarks for mix.exs files of three sizes: a minimal one, a typical real-world
//! one (Phoenix-like: attributes, helpers, aliases, regexes) and a very large generated one (2,000
//! deps, each with options). Run with `cargo bench --bench parse_eval`.

use divan::{Bencher, black_box};
use hexlint::mixexs::{self, eval::EvalOptions};
use std::path::PathBuf;

fn main() {
    divan::main();
}

const SIZES: &[&str] = &["small", "typical", "large"];

const SMALL: &str = include_str!("../tests/fixtures/minimal_one_liner/mix.exs");
const TYPICAL: &str = include_str!("../tests/fixtures/phoenix_style/mix.exs");

/// A mix.exs with `deps` dependencies written the way real files write them: module attributes,
/// a `deps()` helper, env-dependent options and a package with links.
fn generate_large(deps: usize) -> String {
    let mut src = String::from(
        "defmodule Huge.MixProject do\n  use Mix.Project\n\n  @version \"1.0.0\"\n  \
         @source_url \"https://github.com/example/huge\"\n\n  def project do\n    [\n      \
         app: :huge,\n      version: @version,\n      elixir: \"~> 1.14\",\n      \
         start_permanent: Mix.env() == :prod,\n      deps: deps(),\n      \
         description: \"A generated project with many dependencies\",\n      \
         package: [licenses: [\"MIT\"], links: %{\"GitHub\" => @source_url}],\n      \
         docs: [main: \"readme\", source_ref: \"v#{@version}\"]\n    ]\n  end\n\n  \
         defp deps do\n    [\n",
    );
    for i in 0..deps {
        let line = match i % 5 {
            0 => format!("      {{:dep_{i}, \"~> {}.{}\"}},\n", i % 7, i % 13),
            1 => {
                format!("      {{:dep_{i}, \"~> 0.{i}\", only: [:dev, :test], runtime: false}},\n")
            }
            2 => format!("      {{:dep_{i}, github: \"example/dep_{i}\", tag: \"v{i}.0.0\"}},\n"),
            3 => format!("      {{:dep_{i}, \">= 0.0.0\", optional: true, override: true}},\n"),
            _ => format!("      {{:dep_{i}, \"~> 1.0\", hex: :other_{i}, only: :test}},\n"),
        };
        src.push_str(&line);
    }
    src.push_str("      {:ex_doc, \"~> 0.31\", only: :dev, runtime: false}\n    ]\n  end\nend\n");
    src
}

fn source(size: &str) -> String {
    match size {
        "small" => SMALL.to_string(),
        "typical" => TYPICAL.to_string(),
        _ => generate_large(2_000),
    }
}

/// Deterministic options: no process environment, `dev`, `host`.
fn options() -> EvalOptions {
    let mut root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    root.push("tests/fixtures/phoenix_style");
    EvalOptions::new(root)
}

#[divan::bench(args = SIZES)]
fn parse(bencher: Bencher, size: &str) {
    let src = source(size);
    bencher
        .counter(divan::counter::BytesCount::of_str(&src))
        .bench(|| mixexs::parse(black_box(&src)));
}

#[divan::bench(args = SIZES)]
fn parse_and_eval(bencher: Bencher, size: &str) {
    let src = source(size);
    let opts = options();
    bencher
        .counter(divan::counter::BytesCount::of_str(&src))
        .bench(|| {
            let parsed = mixexs::parse(black_box(&src));
            parsed.map(|file| mixexs::eval::evaluate(&file, &opts))
        });
}

#[divan::bench(args = SIZES)]
fn eval_only(bencher: Bencher, size: &str) {
    let src = source(size);
    let opts = options();
    let Ok(parsed) = mixexs::parse(&src) else {
        // The parser is not available (yet): nothing to evaluate.
        return;
    };
    bencher.bench(|| mixexs::eval::evaluate(black_box(&parsed), &opts));
}

/// 100,000 nested brackets: the parser refuses them at `MAX_NESTING_DEPTH` without reading the
/// rest of the input (the test suite checks the error; the time is measured here).
#[divan::bench]
fn hostile_nesting(bencher: Bencher) {
    let src = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    bencher.bench(|| black_box(mixexs::parse(black_box(&src))).is_err());
}
