//! Module discovery on real project trees: which files are scanned, fallbacks, unreadable files,
//! the `hexlint modules` command, and a differential check against what `mix compile` writes.

use hexlint::config::Config;
use hexlint::files::FileSet;
use hexlint::modules::{ModuleKind, ModuleMap};
use std::path::Path;

fn project_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(full, text).expect("write");
    }
    dir
}

fn module_map(dir: &Path) -> ModuleMap {
    let project = hexlint::load::load_project(dir, None).expect("loads");
    let config = Config::default();
    let files = FileSet::for_project(&project, &config);
    ModuleMap::for_project(&project, &files, &config)
}

fn names(map: &ModuleMap) -> Vec<&str> {
    let mut names: Vec<&str> = map.modules.iter().map(|m| m.name.as_str()).collect();
    names.sort();
    names
}

fn mix_exs(extra: &str) -> String {
    format!(
        "defmodule Demo.MixProject do\n  use Mix.Project\n\n  def project do\n    [\n      app: :demo,\n      version: \"0.1.0\",\n{extra}      deps: []\n    ]\n  end\nend\n"
    )
}

/// Only files that ship and that Mix compiles count: not unlisted files, not `.ex` templates in
/// `priv/`, not `test/`; extra `elixirc_paths` do.
#[test]
fn only_shipped_compiled_files_are_scanned() {
    let mix = mix_exs(
        "      elixirc_paths: [\"lib\", \"web\"],\n      package: [files: [\"lib/shipped.ex\", \"web\", \"priv\", \"mix.exs\"]],\n",
    );
    let dir = project_dir(&[
        ("mix.exs", &mix),
        ("lib/shipped.ex", "defmodule Demo.Shipped do\nend\n"),
        ("lib/not_listed.ex", "defmodule Demo.NotListed do\nend\n"),
        ("web/router.ex", "defmodule Demo.Router do\nend\n"),
        (
            "priv/templates/gen.ex",
            "defmodule <%= @module %> do\nend\ndefmodule Template do\nend\n",
        ),
        ("test/demo_test.exs", "defmodule DemoTest do\nend\n"),
    ]);
    let map = module_map(dir.path());
    assert!(!map.fallback);
    assert_eq!(names(&map), ["Demo.Router", "Demo.Shipped"]);
    let shipped = map
        .modules
        .iter()
        .find(|m| m.name == "Demo.Shipped")
        .unwrap();
    assert_eq!(
        (
            shipped.file.as_str(),
            shipped.position().line,
            shipped.position().column,
            &shipped.kind
        ),
        ("lib/shipped.ex", 1, 11, &ModuleKind::Module)
    );
}

/// When `:files` is not static, `lib/` and `src/` are scanned on disk.
#[test]
fn unknown_file_set_falls_back_to_lib_and_src() {
    let mix = mix_exs("      package: [files: Application.get_env(:demo, :files)],\n");
    let dir = project_dir(&[
        ("mix.exs", &mix),
        ("lib/demo.ex", "defmodule Demo do\nend\n"),
        ("lib/deep/a/b.ex", "defmodule Demo.Deep.A.B do\nend\n"),
        ("src/demo_nif.erl", "-module(demo_nif).\n"),
        ("src/demo_lexer.xrl", "Definitions.\n"),
        ("priv/x.ex", "defmodule Priv do\nend\n"),
    ]);
    let map = module_map(dir.path());
    assert!(map.fallback);
    assert_eq!(
        names(&map),
        ["Demo", "Demo.Deep.A.B", "demo_lexer", "demo_nif"]
    );
    let kinds: Vec<&str> = {
        let mut k: Vec<&str> = map.modules.iter().map(|m| m.kind.as_str()).collect();
        k.sort();
        k
    };
    assert_eq!(kinds, ["erlang", "generated", "module", "module"]);
}

/// A file that does not tokenize is recorded as skipped; the others are still read.
#[test]
fn broken_and_binary_files_are_skipped_not_fatal() {
    let dir = project_dir(&[
        ("mix.exs", &mix_exs("")),
        ("lib/demo.ex", "defmodule Demo do\nend\n"),
        (
            "lib/broken.ex",
            "defmodule Demo.Broken do\n  @x \"unterminated\nend\n",
        ),
    ]);
    std::fs::write(dir.path().join("lib/binary.ex"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let map = module_map(dir.path());
    assert_eq!(names(&map), ["Demo"]);
    let mut skipped: Vec<(&str, &str)> = map
        .skipped
        .iter()
        .map(|s| (s.file.as_str(), s.error.as_str()))
        .collect();
    skipped.sort();
    assert_eq!(skipped.len(), 2);
    assert_eq!(skipped[0], ("lib/binary.ex", "not valid UTF-8"));
    assert_eq!(skipped[1].0, "lib/broken.ex");
    assert!(skipped[1].1.contains("line 2"), "{}", skipped[1].1);
}

#[test]
fn modules_command_json() {
    let dir = project_dir(&[
        ("mix.exs", &mix_exs("")),
        (
            "lib/demo.ex",
            "defmodule Demo do\n  defimpl String.Chars do\n    def to_string(_), do: \"demo\"\n  end\nend\n",
        ),
        (
            "lib/mix/tasks/demo.ex",
            "defmodule Mix.Tasks.Demo do\nend\n",
        ),
        ("lib/logger.ex", "defmodule Logger.Formatter do\nend\n"),
        ("lib/util.ex", "defmodule Util do\nend\n"),
    ]);
    let out = assert_cmd::Command::cargo_bin("hexlint")
        .unwrap()
        .args(["modules", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["schema"], 1);
    assert_eq!(json["package"], "demo");
    assert_eq!(json["prefixes"], serde_json::json!(["Demo"]));
    let mut rows: Vec<(String, String, String, u64, u64, String, serde_json::Value)> =
        json["modules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["name"].as_str().unwrap().to_string(),
                    m["kind"].as_str().unwrap().to_string(),
                    m["file"].as_str().unwrap().to_string(),
                    m["line"].as_u64().unwrap(),
                    m["column"].as_u64().unwrap(),
                    m["verdict"].as_str().unwrap().to_string(),
                    m["collides_with"].clone(),
                )
            })
            .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let impl_row = json["modules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == "impl")
        .unwrap();
    assert_eq!(impl_row["protocol"], "String.Chars");
    assert_eq!(impl_row["for"], "Demo");
    let null = serde_json::Value::Null;
    assert_eq!(
        rows,
        [
            (
                "Demo".into(),
                "module".into(),
                "lib/demo.ex".into(),
                1,
                11,
                "inside".into(),
                null.clone()
            ),
            (
                "Logger.Formatter".into(),
                "module".into(),
                "lib/logger.ex".into(),
                1,
                11,
                "outside".into(),
                serde_json::json!("elixir:logger")
            ),
            (
                "Mix.Tasks.Demo".into(),
                "module".into(),
                "lib/mix/tasks/demo.ex".into(),
                1,
                11,
                "mix-task".into(),
                null.clone()
            ),
            (
                "String.Chars.Demo".into(),
                "impl".into(),
                "lib/demo.ex".into(),
                2,
                11,
                "protocol-impl".into(),
                null.clone()
            ),
            (
                "Util".into(),
                "module".into(),
                "lib/util.ex".into(),
                1,
                11,
                "outside".into(),
                null
            ),
        ]
    );

    let human = assert_cmd::Command::cargo_bin("hexlint")
        .unwrap()
        .arg("modules")
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.starts_with("demo: namespaces Demo\n"), "{text}");
    assert!(
        text.contains("collides with Elixir's logger application"),
        "{text}"
    );
    assert!(
        text.ends_with("5 modules, 2 outside the namespaces, 1 colliding\n"),
        "{text}"
    );
}

/// Differential check: the modules hexlint finds are exactly the `modules` list `mix compile`
/// writes to the `.app` file (skipped when `mix` is not installed).
#[test]
fn discovery_matches_the_app_file_mix_writes() {
    let have_mix = std::process::Command::new("mix")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_mix {
        eprintln!("mix not installed; skipping");
        return;
    }
    let dir = project_dir(&[
        ("mix.exs", &mix_exs("")),
        (
            "lib/demo.ex",
            r#"defmodule Demo do
  alias __MODULE__.Money
  defmodule Money do
    defstruct [:cents]
    defimpl Inspect do
      def inspect(_, _), do: "money"
    end
  end
  defmodule __MODULE__.Price, do: defstruct([:x])
  defprotocol Priced do
    def price(x)
  end
  defimpl Priced, for: [Money, Demo.Price, Integer] do
    def price(_), do: 1
  end
  @doc "defmodule NotAModule do end"
  def f, do: ~s(defmodule AlsoNot do end)
  defmacro __using__(_) do
    quote do
      defmodule Generated do
      end
    end
  end
end
# defmodule Commented do end
defmodule Elixir.Demo.Absolute do
  def go, do: :ok
end
"#,
        ),
        (
            "src/demo_erl.erl",
            "-module(demo_erl).\n-export([a/0]).\na() -> ok.\n",
        ),
        (
            "src/demo_lexer.xrl",
            "Definitions.\nD = [0-9]\nRules.\n{D}+ : {token, {int, TokenLine, TokenChars}}.\nErlang code.\n",
        ),
    ]);
    let status = std::process::Command::new("mix")
        .arg("compile")
        .current_dir(dir.path())
        .env("MIX_ENV", "dev")
        .output()
        .expect("mix runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let app =
        std::fs::read_to_string(dir.path().join("_build/dev/lib/demo/ebin/demo.app")).unwrap();
    let mut from_mix = hexlint::modules::app_file::app_modules(&app).unwrap();
    from_mix.sort();
    let map = module_map(dir.path());
    let mut found: Vec<String> = map.modules.iter().map(|m| m.name.clone()).collect();
    found.sort();
    assert_eq!(found, from_mix);
    assert_eq!(found.len(), 11);
}
