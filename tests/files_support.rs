//! Shared helpers for the `files_*` tests: fixture trees in temp dirs and projects built in
//! code (a mix.exs text plus the matching `Value`s with real spans), so the file engine can be
//! tested without the mix.exs parser.
#![allow(dead_code)]

use hexlint::mixexs::value::{Value, ValueKind};
use hexlint::project::Project;
use hexlint::source::{SourceFile, Span};
use std::path::Path;
use std::sync::Arc;

/// An exclude pattern as written in mix.exs.
#[derive(Clone, Copy)]
pub enum Ex<'a> {
    Str(&'a str),
    Re(&'a str, &'a str),
}

/// Write files (`path` → content); parent directories are created.
pub fn write(root: &Path, files: &[(&str, &str)]) {
    for (path, content) in files {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }
}

/// A project at `root` whose mix.exs has `package: [files: ..., exclude_patterns: ...]`.
/// `files: None` leaves `:files` out (Hex's defaults apply).
pub fn project(root: &Path, files: Option<&[&str]>, excludes: &[Ex]) -> Project {
    let mut text = String::from(
        "defmodule Fixture.MixProject do\n  use Mix.Project\n\n  def project do\n    [\n      app: :fixture,\n      version: \"0.1.0\",\n      package: [\n",
    );
    let mut package_items = Vec::new();
    let pkg_start = text.len() - "      package: [\n".len() + "      package: ".len();
    if let Some(files) = files {
        text.push_str("        ");
        let key_start = text.len();
        text.push_str("files: [");
        let mut items = Vec::new();
        for (i, f) in files.iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            let start = text.len();
            text.push_str(&format!("{f:?}"));
            items.push(Value::new(
                ValueKind::String(f.to_string()),
                Span::new(start, text.len()),
            ));
        }
        text.push(']');
        let list = Value::new(
            ValueKind::List(items),
            Span::new(key_start + "files: ".len(), text.len()),
        );
        package_items.push(kw("files", Span::new(key_start, key_start + 5), list));
        text.push_str(if excludes.is_empty() { "\n" } else { ",\n" });
    }
    if !excludes.is_empty() {
        text.push_str("        ");
        let key_start = text.len();
        text.push_str("exclude_patterns: [");
        let mut items = Vec::new();
        for (i, e) in excludes.iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            let start = text.len();
            let kind = match e {
                Ex::Str(s) => {
                    text.push_str(&format!("{s:?}"));
                    ValueKind::String(s.to_string())
                }
                Ex::Re(src, opts) => {
                    text.push_str(&format!("~r/{src}/{opts}"));
                    ValueKind::Regex {
                        source: src.to_string(),
                        opts: opts.to_string(),
                    }
                }
            };
            items.push(Value::new(kind, Span::new(start, text.len())));
        }
        text.push(']');
        let list = Value::new(
            ValueKind::List(items),
            Span::new(key_start + "exclude_patterns: ".len(), text.len()),
        );
        package_items.push(kw(
            "exclude_patterns",
            Span::new(key_start, key_start + 16),
            list,
        ));
        text.push('\n');
    }
    text.push_str("      ]\n    ]\n  end\nend\n");
    let pkg_end = text.len() - "\n    ]\n  end\nend\n".len();
    let package = Value::new(
        ValueKind::List(package_items),
        Span::new(pkg_start, pkg_end),
    );
    let app_at = text.find(":fixture").unwrap();
    let config = Value::new(
        ValueKind::List(vec![
            kw(
                "app",
                Span::new(app_at - 5, app_at - 2),
                Value::new(
                    ValueKind::Atom("fixture".into()),
                    Span::new(app_at, app_at + 8),
                ),
            ),
            kw("package", Span::new(pkg_start - 9, pkg_start - 2), package),
        ]),
        Span::new(0, text.len()),
    );
    let source = Arc::new(SourceFile::new(root.join("mix.exs"), text));
    Project::from_config(root.to_path_buf(), source, None, config, vec![], vec![])
}

fn kw(key: &str, key_span: Span, value: Value) -> Value {
    Value::new(
        ValueKind::Tuple(vec![
            Value::new(ValueKind::Atom(key.into()), key_span),
            value.clone(),
        ]),
        key_span.to(value.span),
    )
}

/// The 1-based (line, column) of a span in the project's mix.exs.
pub fn line_col(project: &Project, span: Span) -> (usize, usize) {
    let p = project.source.position(span.start);
    (p.line, p.column)
}

/// Is `elixir` on PATH (the cross-checks against real Elixir/Erlang need it)?
pub fn have_elixir() -> bool {
    std::process::Command::new("elixir")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Run an Elixir script with `elixir -e` in `dir`; stdout as text.
pub fn elixir(dir: &Path, script: &str) -> String {
    let out = std::process::Command::new("elixir")
        .arg("-e")
        .arg(script)
        .current_dir(dir)
        .output()
        .expect("run elixir");
    assert!(
        out.status.success(),
        "elixir failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Hex's `expand_paths/2` + exclusion, run by real Elixir in `root`: one relative path a line.
pub fn hex_file_list(root: &Path, patterns: &[&str], excludes_elixir: &str) -> Vec<String> {
    let pats: Vec<String> = patterns.iter().map(|p| format!("{p:?}")).collect();
    let script = format!(
        r#"
        dir = File.cwd!()
        dir_files = fn dir_files, path ->
          case File.lstat(path) do
            {{:ok, %File.Stat{{type: :directory}}}} ->
              [path | path |> File.ls!() |> Enum.map(&Path.join(path, &1)) |> Enum.flat_map(&dir_files.(dir_files, &1))]
            _ -> [path]
          end
        end
        excludes = {excludes_elixir}
        [{pats}]
        |> Enum.map(&Path.join(dir, &1))
        |> Enum.flat_map(&Path.wildcard/1)
        |> Enum.flat_map(&dir_files.(dir_files, &1))
        |> Enum.map(&Path.expand/1)
        |> Enum.uniq()
        |> Enum.map(&Path.relative_to(&1, Path.expand(dir)))
        |> Enum.reject(fn path -> Path.basename(path) == ".DS_Store" or Enum.any?(excludes, &(path =~ &1)) end)
        |> Enum.each(&IO.puts/1)
        "#,
        pats = pats.join(", ")
    );
    elixir(root, &script).lines().map(str::to_string).collect()
}
