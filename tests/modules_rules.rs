//! The `namespace` rules on real mix.exs + lib/ trees written to temp dirs.

use hexlint::config::Config;
use hexlint::diagnostic::Diagnostic;
use hexlint::diagnostic::Severity::{self, Error, Info, Warning};
use std::path::Path;

/// A mix.exs for `app` with the given deps (line 6 holds `app:`, its value at column 12).
fn mix_exs(app: &str, deps: &str) -> String {
    format!(
        r#"defmodule Fixture.MixProject do
  use Mix.Project

  def project do
    [
      app: :{app},
      version: "0.1.0",
      description: "A fixture",
      deps: [{deps}],
      package: [licenses: ["MIT"], links: %{{}}]
    ]
  end
end
"#
    )
}

/// Write `files` (path, text) under a new temp dir.
fn project_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(full, text).expect("write");
    }
    dir
}

fn run(dir: &Path, config_toml: &str) -> Vec<Diagnostic> {
    let project = hexlint::load::load_project(dir, None).expect("loads");
    let config = Config::parse(Path::new(".hexlint.toml"), config_toml).expect("config parses");
    hexlint::rules::run(&project, &config)
}

fn of(diags: &[Diagnostic], rule: &str) -> Vec<Diagnostic> {
    diags.iter().filter(|d| d.rule == rule).cloned().collect()
}

/// `(rule, severity, file name, line, column)`.
fn at(d: &Diagnostic) -> (&'static str, Severity, String, usize, usize) {
    let r = d.range().expect("diagnostic has a span");
    let file = d
        .file()
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    (d.rule, d.severity, file, r.start.line, r.start.column)
}

fn rule_ids(diags: &[Diagnostic], group: &[&str]) -> Vec<&'static str> {
    diags
        .iter()
        .filter(|d| group.contains(&d.rule))
        .map(|d| d.rule)
        .collect()
}

const NAMESPACE_RULES: &[&str] = &[
    "module-outside-namespace",
    "dependency-namespace-intrusion",
    "module-collision",
    "duplicate-module",
    "erlang-module-prefix",
    "package-name-prefix",
    "similar-package-name",
];

/// A well-behaved package: nested modules, `__MODULE__`, own protocol and impls, a mix task,
/// impls of Elixir protocols for its own structs, an Erlang module with the app prefix.
#[test]
fn clean_package_has_no_namespace_findings() {
    let mix = mix_exs("plug_auth", r#"{:plug, "~> 1.15"}, {:jason, "~> 1.4"}"#);
    let dir = project_dir(&[
        ("mix.exs", &mix),
        (
            "lib/plug_auth.ex",
            r##"defmodule PlugAuth do
  @moduledoc """
  defmodule NotAModule do end
  """
  defmodule User do
    defstruct [:name]
    defimpl Inspect do
      def inspect(_, _), do: "#User<>"
    end
  end
  defmodule __MODULE__.Token, do: nil
  defprotocol Identity do
    def id(x)
  end
  defimpl Identity, for: [Integer, BitString] do
    def id(x), do: x
  end
  defimpl Jason.Encoder, for: User do
    def encode(_, _), do: "{}"
  end
  defimpl Plug.Exception, for: PlugAuth.Error do
    def status(_), do: 401
    def actions(_), do: []
  end
end
"##,
        ),
        (
            "lib/plug_auth/error.ex",
            "defmodule PlugAuth.Error do\n  defexception [:message]\nend\n",
        ),
        (
            "lib/mix/tasks/plug_auth.gen.ex",
            "defmodule Mix.Tasks.PlugAuth.Gen do\n  use Mix.Task\n  def run(_), do: :ok\nend\n",
        ),
        ("src/plug_auth_parser.erl", "-module(plug_auth_parser).\n"),
        ("src/plug_auth.erl", "%% main\n-module(plug_auth).\n"),
    ]);
    let diags = run(dir.path(), "");
    assert_eq!(rule_ids(&diags, NAMESPACE_RULES), Vec::<&str>::new());
}

#[test]
fn module_outside_namespace_fires_with_a_renamed_suggestion() {
    let mix = mix_exs("plug_auth", "");
    let dir = project_dir(&[
        ("mix.exs", &mix),
        ("lib/plug_auth.ex", "defmodule PlugAuth do\nend\n"),
        (
            "lib/extra.ex",
            "# helpers\ndefmodule CacheKey do\nend\n\ndefmodule Plug.Auth.User do\nend\n",
        ),
    ]);
    let diags = of(&run(dir.path(), ""), "module-outside-namespace");
    let found: Vec<_> = diags.iter().map(at).collect();
    assert_eq!(
        found,
        [
            (
                "module-outside-namespace",
                Warning,
                "extra.ex".into(),
                2,
                11
            ),
            // The guide's case: `Plug.Auth` spells the package name, but `Plug` is taken.
            ("module-outside-namespace", Info, "extra.ex".into(), 5, 11),
        ]
    );
    assert_eq!(
        diags[0].message,
        "module `CacheKey` is outside the package's namespace `PlugAuth`"
    );
    assert!(
        diags[0]
            .help
            .as_deref()
            .unwrap()
            .contains("`PlugAuth.CacheKey`")
    );
    assert_eq!(
        diags[1].message,
        "module `Plug.Auth.User` is under `Plug.Auth`, the package's name inside `Plug`, the namespace of the `plug` package on Hex"
    );
}

#[test]
fn foreign_protocol_for_foreign_type_is_outside_the_namespace() {
    let mix = mix_exs("my_lib", r#"{:jason, "~> 1.4"}, {:decimal, "~> 2.0"}"#);
    let dir = project_dir(&[
        ("mix.exs", &mix),
        (
            "lib/my_lib.ex",
            "defmodule MyLib do\nend\n\ndefimpl Jason.Encoder, for: Decimal do\n  def encode(d, _), do: Decimal.to_string(d)\nend\n",
        ),
    ]);
    let diags = run(dir.path(), "");
    let outside = of(&diags, "module-outside-namespace");
    assert_eq!(
        outside.iter().map(at).collect::<Vec<_>>(),
        [(
            "module-outside-namespace",
            Warning,
            "my_lib.ex".into(),
            4,
            9
        )]
    );
    assert!(
        outside[0]
            .message
            .contains("`Jason.Encoder.Decimal` implements `Jason.Encoder`")
    );
    // A protocol impl is never a namespace intrusion.
    assert!(of(&diags, "dependency-namespace-intrusion").is_empty());
}

#[test]
fn dependency_namespace_intrusion_fires_once_and_config_accepts_it() {
    let mix = mix_exs("plug_auth", r#"{:plug, "~> 1.15"}"#);
    let dir = project_dir(&[
        ("mix.exs", &mix),
        (
            "lib/plug/auth.ex",
            "defmodule Plug.Auth do\n  defmodule Basic do\n  end\nend\n",
        ),
    ]);
    let diags = run(dir.path(), "");
    let intrusions = of(&diags, "dependency-namespace-intrusion");
    // One info for the namespace, at its shallowest module.
    assert_eq!(
        intrusions.iter().map(at).collect::<Vec<_>>(),
        [(
            "dependency-namespace-intrusion",
            Info,
            "auth.ex".into(),
            1,
            11
        )]
    );
    assert_eq!(
        intrusions[0].message,
        "2 modules extend the namespace `Plug` of the dependency `plug` (`Plug.Auth`, `Plug.Auth.Basic`)"
    );
    let help = intrusions[0].help.as_deref().unwrap();
    // Never `PlugAuth.Auth`, nor the prefix itself.
    assert!(!help.contains("PlugAuth.Auth"), "{help}");
    // Reported once: not also as outside the namespace.
    assert!(of(&diags, "module-outside-namespace").is_empty());

    let accepted = run(dir.path(), "namespaces = [\"Plug.Auth\"]\n");
    assert_eq!(rule_ids(&accepted, NAMESPACE_RULES), Vec::<&str>::new());
}

/// Phoenix-style packages own several namespaces through `.hexlint.toml`.
#[test]
fn phoenix_style_package_owns_namespaces_via_config() {
    let mix = mix_exs("phoenix_live_view", r#"{:phoenix, "~> 1.7"}"#);
    let dir = project_dir(&[
        ("mix.exs", &mix),
        (
            "lib/phoenix_live_view.ex",
            "defmodule Phoenix.LiveView do\nend\n",
        ),
        (
            "lib/phoenix_component.ex",
            "defmodule Phoenix.Component do\nend\n",
        ),
    ]);
    let only_live_view = run(dir.path(), "namespaces = [\"Phoenix.LiveView\"]\n");
    assert_eq!(
        of(&only_live_view, "dependency-namespace-intrusion")
            .iter()
            .map(at)
            .collect::<Vec<_>>(),
        [(
            "dependency-namespace-intrusion",
            Info,
            "phoenix_component.ex".into(),
            1,
            11
        )]
    );
    let both = run(
        dir.path(),
        "namespaces = [\"Phoenix.LiveView\", \"Phoenix.Component\"]\n",
    );
    assert_eq!(rule_ids(&both, NAMESPACE_RULES), Vec::<&str>::new());
}

#[test]
fn module_collision_with_elixir_and_otp() {
    let mix = mix_exs("my_lib", "");
    let dir = project_dir(&[
        ("mix.exs", &mix),
        ("lib/my_lib.ex", "defmodule MyLib do\nend\n"),
        ("lib/formatter.ex", "defmodule Logger.Formatter do\nend\n"),
        ("src/lists.erl", "-module(lists).\n-export([]).\n"),
    ]);
    let diags = of(&run(dir.path(), ""), "module-collision");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        [
            ("module-collision", Error, "formatter.ex".into(), 1, 11),
            ("module-collision", Error, "lists.erl".into(), 1, 9),
        ]
    );
    assert_eq!(
        diags[0].message,
        "`Logger.Formatter` is already defined by Elixir's logger application"
    );
    assert_eq!(
        diags[1].message,
        "`lists` is already defined by Erlang/OTP's stdlib application"
    );
    assert!(diags[1].help.as_deref().unwrap().contains("`my_lib_lists`"));
}

/// Dependencies' modules come from `_build/*/lib/<dep>/ebin/<dep>.app` (a checked-in file written
/// in Erlang term syntax) or from fetched sources in `deps/`.
#[test]
fn module_collision_with_dependencies_from_app_file_and_sources() {
    let app_file = include_str!("fixtures/modules/app_files/plug.app");
    let mix = mix_exs(
        "my_lib",
        r#"{:plug, "~> 1.15"}, {:cowlib, "~> 2.12"}, {:decimal, "~> 2.0"}"#,
    );
    let dir = project_dir(&[
        ("mix.exs", &mix),
        ("lib/my_lib.ex", "defmodule MyLib do\nend\n"),
        ("lib/basic_auth.ex", "defmodule Plug.BasicAuth do\nend\n"),
        ("src/cow_http.erl", "-module(cow_http).\n"),
        ("_build/dev/lib/plug/ebin/plug.app", app_file),
        // Sources of plug too, ignored because the .app file wins.
        (
            "deps/plug/lib/plug/extra.ex",
            "defmodule Plug.OnlyInSources do\nend\n",
        ),
        ("deps/cowlib/src/cow_http.erl", "-module(cow_http).\n"),
        ("deps/cowlib/src/cow_uri.erl", "-module(cow_uri).\n"),
    ]);
    let diags = run(dir.path(), "");
    let collisions = of(&diags, "module-collision");
    assert_eq!(
        collisions.iter().map(at).collect::<Vec<_>>(),
        [
            ("module-collision", Error, "basic_auth.ex".into(), 1, 11),
            ("module-collision", Error, "cow_http.erl".into(), 1, 9),
        ]
    );
    assert_eq!(
        collisions[0].message,
        "`Plug.BasicAuth` is already defined by the `plug` dependency"
    );
    assert_eq!(
        collisions[1].message,
        "`cow_http` is already defined by the `cowlib` dependency"
    );

    let project = hexlint::load::load_project(dir.path(), None).unwrap();
    let config = Config::default();
    let files = hexlint::files::FileSet::for_project(&project, &config);
    let map = hexlint::modules::ModuleMap::for_project(&project, &files, &config);
    use hexlint::modules::deps::DepSource;
    let sources: Vec<(String, DepSource, usize)> = map.dep_modules().sources.clone();
    assert_eq!(
        sources,
        [
            (
                "plug".into(),
                DepSource::AppFile("_build/dev/lib/plug/ebin/plug.app".into()),
                7
            ),
            ("cowlib".into(), DepSource::Sources, 2),
            ("decimal".into(), DepSource::Missing, 0),
        ]
    );
    assert_eq!(map.dep_modules().owner("Plug.OnlyInSources"), None);
}

#[test]
fn duplicate_module_across_files_and_in_one_file() {
    let mix = mix_exs("my_lib", "");
    let dir = project_dir(&[
        ("mix.exs", &mix),
        ("lib/a.ex", "defmodule MyLib.Util do\nend\n"),
        (
            "lib/b.ex",
            "defmodule MyLib.Util do\nend\n\ndefmodule MyLib.Twice do\nend\ndefmodule MyLib.Twice do\nend\n",
        ),
    ]);
    let diags = of(&run(dir.path(), ""), "duplicate-module");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        [
            ("duplicate-module", Error, "b.ex".into(), 1, 11),
            ("duplicate-module", Error, "b.ex".into(), 6, 11),
        ]
    );
    assert_eq!(
        diags[0].message,
        "module `MyLib.Util` is defined twice; it is also defined at lib/a.ex:1:11"
    );
    // Across files there is nothing to label; in one file the first definition is labelled.
    assert!(diags[0].labels.is_empty());
    assert_eq!(diags[1].labels.len(), 1);
    assert_eq!(diags[1].labels[0].message, "first defined here");
}

#[test]
fn conditional_alternatives_are_not_duplicates() {
    let mix = mix_exs("my_lib", "");
    let dir = project_dir(&[
        ("mix.exs", &mix),
        (
            "lib/json.ex",
            "if Code.ensure_loaded?(Jason) do\n  defmodule MyLib.JSON do\n    def encode(x), do: Jason.encode(x)\n  end\nelse\n  defmodule MyLib.JSON do\n    def encode(_), do: {:error, :no_json}\n  end\nend\n",
        ),
    ]);
    assert!(of(&run(dir.path(), ""), "duplicate-module").is_empty());
}

#[test]
fn erlang_module_prefix_for_written_and_generated_modules() {
    let mix = mix_exs("plug_auth", "");
    let dir = project_dir(&[
        ("mix.exs", &mix),
        ("lib/plug_auth.ex", "defmodule PlugAuth do\nend\n"),
        (
            "src/json_parser.erl",
            "%% A parser.\n\n-module(json_parser).\n",
        ),
        (
            "src/lexer.xrl",
            "Definitions.\nD = [0-9]\nRules.\n{D}+ : {token, x}.\nErlang code.\n",
        ),
        ("src/plug_auth_ok.erl", "-module(plug_auth_ok).\n"),
        ("src/plug_authz.erl", "-module(plug_authz).\n"),
    ]);
    let diags = of(&run(dir.path(), ""), "erlang-module-prefix");
    // One naming choice, one finding: at the first module, naming the others.
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        [(
            "erlang-module-prefix",
            Warning,
            "json_parser.erl".into(),
            3,
            9
        )]
    );
    assert_eq!(
        diags[0].message,
        "3 Erlang modules do not start with the application name `plug_auth` (`json_parser`, `lexer`, `plug_authz`)"
    );
    assert!(
        diags[0]
            .help
            .as_deref()
            .unwrap()
            .contains("`plug_auth_json_parser`")
    );
    // A generated module is renamed through its grammar file.
    let dir = project_dir(&[
        ("mix.exs", &mix),
        (
            "src/lexer.xrl",
            "Definitions.\nD = [0-9]\nRules.\n{D}+ : {token, x}.\nErlang code.\n",
        ),
    ]);
    let diags = of(&run(dir.path(), ""), "erlang-module-prefix");
    assert!(
        diags[0]
            .help
            .as_deref()
            .unwrap()
            .contains("rename the file to `plug_auth_lexer`"),
        "{:?}",
        diags[0].help
    );
    // The app's compound stem is accepted: `ssl_check_host` in `ssl_check_kit`.
    let dir = project_dir(&[
        ("mix.exs", &mix_exs("ssl_check_kit", "")),
        ("src/ssl_check_host.erl", "-module(ssl_check_host).\n"),
    ]);
    assert!(of(&run(dir.path(), ""), "erlang-module-prefix").is_empty());
}

#[test]
fn package_name_prefix_fires_for_an_unprefixed_extension() {
    let plug_module = |name: &str| {
        format!(
            "defmodule {name} do\n  @behaviour Plug\n  import Plug.Conn\n  def init(o), do: o\n  def call(c, _), do: c\nend\n"
        )
    };
    let (a, b, c) = (
        plug_module("AuthHelpers.Basic"),
        plug_module("AuthHelpers.Bearer"),
        plug_module("AuthHelpers.Session"),
    );
    let files = |app: &str| {
        vec![
            (
                "mix.exs".to_string(),
                mix_exs(app, r#"{:plug, "~> 1.15"}, {:jason, "~> 1.4"}"#),
            ),
            (
                "lib/basic.ex".to_string(),
                a.replace("AuthHelpers", &camel(app)),
            ),
            (
                "lib/bearer.ex".to_string(),
                b.replace("AuthHelpers", &camel(app)),
            ),
            (
                "lib/session.ex".to_string(),
                c.replace("AuthHelpers", &camel(app)),
            ),
        ]
    };
    let write = |app: &str| {
        let owned = files(app);
        let refs: Vec<(&str, &str)> = owned
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        project_dir(&refs)
    };
    let dir = write("auth_helpers");
    let diags = of(&run(dir.path(), ""), "package-name-prefix");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        [("package-name-prefix", Info, "mix.exs".into(), 6, 12)]
    );
    assert_eq!(
        diags[0].message,
        "package `auth_helpers` extends `plug` (3 `use`/`@behaviour` of its modules) but its name does not start with `plug_`"
    );
    assert!(
        diags[0]
            .help
            .as_deref()
            .unwrap()
            .contains("`plug_auth_helpers`")
    );

    let named_after = write("plug_auth_helpers");
    assert!(of(&run(named_after.path(), ""), "package-name-prefix").is_empty());

    // Once published (past a first-release version), a package cannot be renamed: no advice.
    let mix = dir.path().join("mix.exs");
    let text = std::fs::read_to_string(&mix).unwrap();
    std::fs::write(
        &mix,
        text.replace("version: \"0.1.0\"", "version: \"0.4.2\""),
    )
    .unwrap();
    assert!(of(&run(dir.path(), ""), "package-name-prefix").is_empty());
    // An optional dependency is an integration, not what the package extends.
    std::fs::write(
        &mix,
        text.replace("\"~> 1.15\"}", "\"~> 1.15\", optional: true}"),
    )
    .unwrap();
    assert!(
        std::fs::read_to_string(&mix)
            .unwrap()
            .contains("optional: true")
    );
    assert!(of(&run(dir.path(), ""), "package-name-prefix").is_empty());
}

fn camel(app: &str) -> String {
    hexlint::modules::camelize(app)
}

#[test]
fn similar_package_name_against_popular_packages_and_deps() {
    let dir = project_dir(&[
        ("mix.exs", &mix_exs("phoenx_html", "")),
        ("lib/x.ex", "defmodule PhoenxHtml do\nend\n"),
    ]);
    let diags = of(&run(dir.path(), ""), "similar-package-name");
    assert_eq!(
        diags.iter().map(at).collect::<Vec<_>>(),
        [("similar-package-name", Warning, "mix.exs".into(), 6, 12)]
    );
    assert_eq!(
        diags[0].message,
        "package name `phoenx_html` is confusingly similar to the widely used package `phoenix_html`"
    );

    let dep = project_dir(&[("mix.exs", &mix_exs("my_jsaon", r#"{:my_jason, "~> 1.0"}"#))]);
    let diags = of(&run(dep.path(), ""), "similar-package-name");
    assert_eq!(diags.len(), 1);
    assert!(
        diags[0].message.ends_with("the dependency `my_jason`"),
        "{}",
        diags[0].message
    );

    for fine in ["plug_auth", "phoenix_view", "jason"] {
        let dir = project_dir(&[("mix.exs", &mix_exs(fine, r#"{:plug, "~> 1.15"}"#))]);
        assert!(
            of(&run(dir.path(), ""), "similar-package-name").is_empty(),
            "{fine} should not be reported"
        );
    }
}

/// examples/demo has `CacheKey` outside the `PlugCache` namespace on purpose.
#[test]
fn demo_project_reports_its_module_outside_the_namespace() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    let diags = run(&demo, "");
    let found: Vec<_> = diags
        .iter()
        .filter(|d| NAMESPACE_RULES.contains(&d.rule))
        .map(at)
        .collect();
    assert_eq!(
        found,
        [(
            "module-outside-namespace",
            Warning,
            "cache_key.ex".into(),
            3,
            11
        )]
    );
    assert!(diags[0..].iter().any(|d| {
        d.help
            .as_deref()
            .is_some_and(|h| h.contains("`PlugCache.CacheKey`"))
    }));
}

/// When the package name is not statically known, modules outside the other known prefixes get
/// no verdict (no guessing), but collisions are still found.
#[test]
fn unknown_package_name_skips_namespace_verdicts() {
    let mix = mix_exs("my_lib", "").replace(
        "package: [licenses",
        "package: [name: System.get_env(\"PKG\"), licenses",
    );
    let dir = project_dir(&[
        ("mix.exs", &mix),
        (
            "lib/a.ex",
            "defmodule MyLib do\nend\ndefmodule Other do\nend\ndefmodule Logger.Formatter do\nend\n",
        ),
    ]);
    let diags = run(dir.path(), "");
    assert_eq!(
        rule_ids(&diags, NAMESPACE_RULES),
        ["module-collision"],
        "{diags:?}"
    );
}

/// The namespaces real packages own besides `camelize(app)`, each a false positive once.
#[test]
fn namespaces_packages_really_use_are_owned() {
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        // The dotted form of the name, when its first segment belongs to nobody else.
        (
            "tide_gauge",
            "",
            &[(
                "lib/gauge.ex",
                "defmodule Tide.Gauge do\n  defmodule Sensor do\n  end\nend\n",
            )],
        ),
        // Case does not matter: `AcmeJson` and `AcmeJSON` are one owner.
        (
            "acme_json",
            "",
            &[("lib/a.ex", "defmodule AcmeJSON.Parser do\nend\n")],
        ),
        // The project's `name:`.
        (
            "qrkit",
            "      name: \"QRKit2\",\n",
            &[("lib/a.ex", "defmodule QRKit2 do\nend\n")],
        ),
        // Phoenix's `<App>Web`.
        (
            "storefront",
            "",
            &[("lib/web.ex", "defmodule StorefrontWeb.Router do\nend\n")],
        ),
        // An `ex_` prefix is a convention, not part of the namespace.
        (
            "ex_tide",
            "",
            &[("lib/a.ex", "defmodule Tide.Table do\nend\n")],
        ),
        // `Mix.<Name>` helpers of the package's own Mix tasks.
        (
            "tide_gen",
            "",
            &[
                (
                    "lib/mix/tasks/tide.gen.ex",
                    "defmodule Mix.Tasks.Tide.Gen do\n  use Mix.Task\n  def run(_), do: Mix.TideGen.go()\nend\n",
                ),
                (
                    "lib/mix/tide_gen.ex",
                    "defmodule Mix.TideGen do\n  def go, do: :ok\nend\n",
                ),
            ],
        ),
    ];
    for (app, extra, files) in cases {
        let mix = mix_exs(app, "").replace("      version:", &format!("{extra}      version:"));
        let mut all = vec![("mix.exs", mix.as_str())];
        all.extend_from_slice(files);
        let dir = project_dir(&all);
        let diags = run(dir.path(), "");
        assert_eq!(
            rule_ids(&diags, NAMESPACE_RULES),
            Vec::<&str>::new(),
            "{app}: {:?}",
            diags.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
    }
}

/// One finding per foreign namespace, naming the package that owns it when there is one, with
/// a rename that makes sense.
#[test]
fn outside_modules_are_reported_once_per_namespace() {
    let mut files = vec![("mix.exs".to_string(), mix_exs("acme_client", ""))];
    for name in ["Charge", "Refund", "Payout", "Invoice", "Customer"] {
        files.push((
            format!("lib/acme/{}.ex", name.to_lowercase()),
            format!("defmodule Acme.{name} do\nend\n"),
        ));
    }
    files.push((
        "lib/plug_helpers.ex".into(),
        "defmodule Plug.Helpers do\nend\n".into(),
    ));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = project_dir(&files);
    let diags = of(&run(dir.path(), ""), "module-outside-namespace");
    assert_eq!(
        diags.len(),
        2,
        "{:?}",
        diags.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    assert_eq!(
        diags[0].message,
        "5 modules are under `Acme`, not the package's namespace `AcmeClient` (`Acme.Charge`, `Acme.Customer`, `Acme.Invoice`, …)"
    );
    let help = diags[0].help.as_deref().unwrap();
    assert!(
        help.contains("`Acme.Charge` → `AcmeClient.Charge`"),
        "{help}"
    );
    // `Plug` is not a dependency here, but it is a widely used package's namespace.
    assert!(
        diags[1]
            .message
            .ends_with("`Plug` is the namespace of the `plug` package on Hex"),
        "{}",
        diags[1].message
    );
    // The dotted form does not make `Plug.Auth` owned by `plug_auth`: `Plug` is taken.
    let dir = project_dir(&[
        ("mix.exs", &mix_exs("plug_auth", "")),
        ("lib/a.ex", "defmodule Plug.Auth do\nend\n"),
    ]);
    assert_eq!(
        rule_ids(&run(dir.path(), ""), NAMESPACE_RULES),
        ["module-outside-namespace"]
    );
}

/// `unless Code.ensure_loaded?(JSON)` defines a polyfill, not a collision.
#[test]
fn polyfills_are_an_info_that_names_the_guard() {
    let lib = "unless Code.ensure_loaded?(JSON) do\n  defmodule JSON do\n    def encode!(x), do: inspect(x)\n  end\nend\n";
    let with_elixir = |req: &str| {
        let mix = mix_exs("tide", "").replace(
            "      version:",
            &format!("      elixir: \"{req}\",\n      version:"),
        );
        let dir = project_dir(&[("mix.exs", &mix), ("lib/json.ex", lib)]);
        run(dir.path(), "")
    };
    let diags = with_elixir("~> 1.14");
    assert_eq!(
        rule_ids(&diags, NAMESPACE_RULES),
        ["module-collision"],
        "{:?}",
        diags.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    let d = &of(&diags, "module-collision")[0];
    assert_eq!(d.severity, Info);
    assert!(
        d.message.contains("`Code.ensure_loaded?(JSON)`"),
        "{}",
        d.message
    );
    assert!(d.message.contains("Elixir before 1.18"), "{}", d.message);
    assert!(!d.message.contains("dead code"), "{}", d.message);
    // An `elixir:` requirement that always has JSON makes the polyfill dead code.
    let d = &of(&with_elixir("~> 1.18"), "module-collision")[0];
    assert!(d.message.contains("dead code"), "{}", d.message);
    // Unguarded, the same module is an error.
    let dir = project_dir(&[
        ("mix.exs", &mix_exs("tide", "")),
        ("lib/json.ex", "defmodule JSON do\nend\n"),
    ]);
    let d = &of(&run(dir.path(), ""), "module-collision")[0];
    assert_eq!(d.severity, Error);
}

/// Held-out lessons: a bridge package's impls, a multi-word dotted name, a namespace named after
/// the package.
#[test]
fn bridges_long_dotted_names_and_package_named_namespaces() {
    // phoenix_ecto-like: a protocol of one dependency for a type of another.
    let dir = project_dir(&[
        (
            "mix.exs",
            &mix_exs("plug_ecto", r#"{:plug, "~> 1.15"}, {:ecto, "~> 3.0"}"#),
        ),
        ("lib/plug_ecto.ex", "defmodule PlugEcto do\nend\n"),
        (
            "lib/impl.ex",
            "defimpl Plug.Exception, for: Ecto.NoResultsError do\n  def status(_), do: 404\n  def actions(_), do: []\nend\n",
        ),
    ]);
    assert!(of(&run(dir.path(), ""), "module-outside-namespace").is_empty());
    // `Phoenix.LiveDashboard` spells `phoenix_live_dashboard`: an info, `Phoenix` is taken.
    let dir = project_dir(&[
        ("mix.exs", &mix_exs("phoenix_live_dashboard", "")),
        (
            "lib/a.ex",
            "defmodule Phoenix.LiveDashboard do\nend\ndefmodule Phoenix.LiveDashboard.Page do\nend\n",
        ),
    ]);
    let d = of(&run(dir.path(), ""), "module-outside-namespace");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Info, "{}", d[0].message);
    // `TideResetPassword` in `tide`: a namespace named after the package, an info.
    let dir = project_dir(&[
        ("mix.exs", &mix_exs("tide", "")),
        ("lib/tide.ex", "defmodule Tide do\nend\n"),
        ("lib/reset.ex", "defmodule TideResetPassword do\nend\n"),
    ]);
    let d = of(&run(dir.path(), ""), "module-outside-namespace");
    assert_eq!(
        d.iter().map(|d| d.severity).collect::<Vec<_>>(),
        [Info],
        "{:?}",
        d.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
}
