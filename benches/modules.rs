//! Module discovery over a generated 2,000-module package (written to a temp dir at bench time):
//! tokenizing every `lib/**/*.ex` file in parallel and walking its tokens. It should stay well
//! under 50 ms. Run with `cargo bench --bench modules`.

use divan::{Bencher, black_box};
use hexlint::config::Config;
use hexlint::files::FileSet;
use hexlint::modules::ModuleMap;

fn main() {
    divan::main();
}

const FILES: usize = 500;
const MODULES_PER_FILE: usize = 4;

/// A package with `FILES` files of `MODULES_PER_FILE` modules each (nested modules, a protocol
/// impl, docs with `defmodule` in heredocs, functions with `do`/`fn` blocks).
fn generate() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::write(
        root.join("mix.exs"),
        "defmodule Big.MixProject do\n  use Mix.Project\n  def project do\n    [app: :big, version: \"1.0.0\", deps: [{:jason, \"~> 1.4\"}]]\n  end\nend\n",
    )
    .expect("write mix.exs");
    for i in 0..FILES {
        let sub = root.join(format!("lib/big/group{}", i % 20));
        std::fs::create_dir_all(&sub).expect("mkdir");
        let mut src = format!(
            "defmodule Big.Mod{i} do\n  @moduledoc \"\"\"\n  Generated. Not a definition: defmodule Fake do end\n  \"\"\"\n  alias __MODULE__.Inner\n\n"
        );
        src.push_str("  defmodule Inner do\n    defstruct [:a, :b]\n    def new(a), do: %__MODULE__{a: a}\n  end\n\n");
        src.push_str("  defmodule Helpers do\n    def map(list), do: Enum.map(list, fn x -> x * 2 end)\n    def check(x) do\n      case x do\n        {:ok, v} -> v\n        _ -> nil\n      end\n    end\n  end\n\n");
        src.push_str("  defimpl Jason.Encoder, for: Inner do\n    def encode(v, opts), do: Jason.Encode.map(Map.from_struct(v), opts)\n  end\n\n");
        src.push_str("  def run(items) do\n    items\n    |> Enum.filter(&(&1 > 0))\n    |> Enum.reduce(0, fn x, acc -> x + acc end)\n  end\nend\n");
        std::fs::write(sub.join(format!("mod{i}.ex")), src).expect("write module");
    }
    dir
}

#[divan::bench(sample_count = 20)]
fn discover_2000_modules(bencher: Bencher) {
    let dir = generate();
    let project = hexlint::load::load_project(dir.path(), None).expect("loads");
    let config = Config::default();
    let files = FileSet::for_project(&project, &config);
    let expected = FILES * MODULES_PER_FILE;
    bencher.bench_local(|| {
        let map = ModuleMap::for_project(black_box(&project), black_box(&files), &config);
        assert_eq!(map.modules.len(), expected);
        map
    });
}
