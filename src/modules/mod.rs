//! Module discovery: the modules a package defines, and the ones it could collide with.

pub mod app_file;
pub mod deps;
pub mod discover;
pub mod reads;
pub mod stdlib;

use crate::config::Config;
use crate::files::FileSet;
use crate::project::Project;
use crate::source::{SourceFile, Span};
use discover::{FileFacts, SourceLang, scan_file, source_lang};
pub use discover::{ModuleKind, SkippedFile};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// One module the package defines.
#[derive(Debug, Clone)]
pub struct Module {
    /// `PlugAuth.User` (no `Elixir.`), or the Erlang atom `plug_auth_lexer`.
    pub name: String,
    pub kind: ModuleKind,
    /// Relative to the project root, `/`-separated.
    pub file: String,
    /// The name in `source` (its line and column: [`Module::position`]).
    pub span: Span,
    /// Defined inside `if`/`case`/a function body: may be one of several alternatives.
    pub conditional: bool,
    /// Defined inside `unless Code.ensure_loaded?(X)`: the `X`.
    pub unless_loaded: Option<String>,
    /// The file, so that diagnostics can point into it.
    pub source: Arc<SourceFile>,
}

impl Module {
    /// 1-based line and column of the name, computed when asked: most modules are never
    /// reported, and the line index of their file is then never built.
    pub fn position(&self) -> crate::source::Position {
        self.source.position(self.span.start)
    }
}

/// A `use X` or `@behaviour X` in the package's code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UseSite {
    /// The expanded module name.
    pub name: String,
    pub file: String,
}

/// A reference from the package's compiled code to a module (see [`discover::Reference`]).
#[derive(Debug, Clone)]
pub struct RefSite {
    pub reference: discover::Reference,
    /// Relative to the project root.
    pub file: String,
    pub source: Arc<SourceFile>,
}

/// A file read while the package compiles (or while Mix loads its mix.exs).
#[derive(Debug, Clone)]
pub struct CompileRead {
    /// The file that reads it, relative to the root (`mix.exs` for the project file).
    pub file: String,
    pub read: reads::FileRead,
    /// The file the read is in, so that diagnostics can point into it.
    pub source: Arc<SourceFile>,
    /// The path exists on disk here (a file or a directory).
    pub on_disk: bool,
}

/// A dependency declared in mix.exs, with the namespaces its modules normally live in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepNamespace {
    pub app: String,
    /// `opts[:hex] || app`.
    pub hex_name: String,
    /// `camelize(hex_name)` and `camelize(app)`, deduplicated.
    pub namespaces: Vec<String>,
    /// Not `only: [:dev, :test]`.
    pub runtime: bool,
}

/// Why a module is (or is not) where it belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Under one of the package's prefixes.
    Inside { prefix: String },
    /// `Mix.Tasks.*`: Mix finds tasks by this name, they cannot be namespaced.
    MixTask,
    /// `Mix.<Name>` in a package that ships Mix tasks: their helper (`Mix.Ecto` style).
    MixHelper,
    /// A protocol implementation whose protocol or type belongs to the package.
    OwnProtocolImpl,
    /// Under the namespace of a dependency.
    DependencyNamespace { dep: String, namespace: String },
    /// Anywhere else.
    Outside,
    /// An Erlang module named `<app>_…` or `<app>`.
    ErlangPrefixed,
    /// An Erlang module without the app prefix.
    ErlangUnprefixed,
    /// The package's prefix is not known (its name could not be evaluated).
    Unknown,
}

impl Verdict {
    /// `"inside"`, `"mix-task"`, `"mix-helper"`, `"protocol-impl"`, `"dependency-namespace"`, `"outside"`,
    /// `"erlang-prefixed"`, `"erlang-unprefixed"`, `"unknown"` (the JSON `verdict`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Inside { .. } => "inside",
            Verdict::MixTask => "mix-task",
            Verdict::MixHelper => "mix-helper",
            Verdict::OwnProtocolImpl => "protocol-impl",
            Verdict::DependencyNamespace { .. } => "dependency-namespace",
            Verdict::Outside => "outside",
            Verdict::ErlangPrefixed => "erlang-prefixed",
            Verdict::ErlangUnprefixed => "erlang-unprefixed",
            Verdict::Unknown => "unknown",
        }
    }
}

/// Who else defines a module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// An application of Elixir (`elixir`, `logger`, `mix` …) or Erlang/OTP (`stdlib`, `ssl` …).
    Stdlib(&'static str),
    /// A dependency (its app name).
    Dependency(String),
}

impl Owner {
    /// "Elixir's logger application", "Erlang/OTP's stdlib application", "the `plug` dependency".
    pub fn describe(&self) -> String {
        match self {
            Owner::Stdlib(app) if stdlib::is_elixir_app(app) => {
                format!("Elixir's {app} application")
            }
            Owner::Stdlib(app) => format!("Erlang/OTP's {app} application"),
            Owner::Dependency(dep) => format!("the `{dep}` dependency"),
        }
    }
    /// `"elixir:logger"`, `"otp:stdlib"`, `"dep:plug"` (the JSON `collides_with`).
    pub fn id(&self) -> String {
        match self {
            Owner::Stdlib(app) if stdlib::is_elixir_app(app) => format!("elixir:{app}"),
            Owner::Stdlib(app) => format!("otp:{app}"),
            Owner::Dependency(dep) => format!("dep:{dep}"),
        }
    }
}

/// The namespaces of each dependency mix.exs declares statically.
fn dep_namespaces(project: &Project) -> Vec<DepNamespace> {
    let Some(deps) = &project.deps else {
        return Vec::new();
    };
    deps.known()
        .map(|dep| {
            let hex_name = dep.hex_name();
            let mut namespaces = vec![camelize(&hex_name)];
            let by_app = camelize(&dep.app);
            if !namespaces.contains(&by_app) {
                namespaces.push(by_app);
            }
            namespaces.retain(|n| !n.is_empty());
            DepNamespace {
                app: dep.app.clone(),
                hex_name,
                namespaces,
                runtime: dep.is_prod() != Some(false),
            }
        })
        .collect()
}

/// Modules defined by the package, its namespaces, and (lazily) its dependencies' modules.
#[derive(Debug, Default)]
pub struct ModuleMap {
    pub root: PathBuf,
    /// In file order, then source order.
    pub modules: Vec<Module>,
    pub uses: Vec<UseSite>,
    /// Files read at compile time by the scanned sources, then by mix.exs.
    pub reads: Vec<CompileRead>,
    /// References from the scanned Elixir sources to modules in the dependencies' namespaces
    /// (those of [`ModuleMap::deps`]; no check asks about the others), in file order.
    pub refs: Vec<RefSite>,
    /// `.xrl`/`.yrl` grammars under `erlc_paths` on disk that the package does not contain.
    pub unpackaged_grammars: Vec<String>,
    /// Files that could not be read or tokenized.
    pub skipped: Vec<SkippedFile>,
    /// The file set was unknown, so `lib/` and `src/` were scanned on disk instead.
    pub fallback: bool,
    /// The package name (`package[:name] || app`), when known.
    pub package: Option<String>,
    pub app: Option<String>,
    /// Accepted module prefixes, compared ignoring ASCII case (`AcmeJson` owns `AcmeJSON`):
    /// camelize(package), camelize(app), the project's `name:` when it is a module name, the
    /// Phoenix `<App>Web`, then `.hexlint.toml` `namespaces`.
    pub prefixes: Vec<String>,
    /// Package and app names that may also spell a namespace the package owns, unless another
    /// package owns its first segment: the name itself in dotted form (`circuits_gpio` →
    /// `Circuits.GPIO`) and without an `ex_`/`elixir_` prefix or `_ex`/`_elixir` suffix
    /// (`ex_cldr` → `Cldr`).
    derived_names: Vec<String>,
    pub deps: Vec<DepNamespace>,
    /// `package[:name]` (or `app`) is written but not statically known: only the other
    /// prefixes are known, so verdicts outside them are [`Verdict::Unknown`].
    pub name_unknown: bool,
    mix_env: String,
    dep_modules: OnceLock<deps::DepModules>,
}

impl ModuleMap {
    /// Discover the modules of the files the package ships (or of `lib/` and `src/` when the
    /// file set is unknown).
    pub fn for_project(project: &Project, files: &FileSet, config: &Config) -> ModuleMap {
        let root = project.root.clone();
        let fallback = files.unknown.is_some();
        let candidates = compiled_sources(project, files);
        // Shown the way mix.exs is: `examples/demo/lib/x.ex` when run on `examples/demo`.
        let shown_root = project
            .source
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let unpackaged_grammars: Vec<String> = if fallback {
            Vec::new()
        } else {
            let erlc = string_list(project, "erlc_paths").unwrap_or_else(|| vec!["src".into()]);
            erlc.iter()
                .flat_map(|d| walk_sources(&root, d))
                .map(|(_, rel)| rel)
                .filter(|rel| source_lang(rel) == Some(SourceLang::LeexYecc))
                .filter(|rel| files.get(rel).is_none())
                .collect()
        };
        // Packaged files are read through the file set, once for every check.
        let packaged: std::collections::HashMap<&str, usize> = if fallback {
            std::collections::HashMap::new()
        } else {
            files
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.path.as_str(), i))
                .collect()
        };
        let sizes = || {
            candidates
                .iter()
                .filter_map(|(_, rel, _)| packaged.get(rel.as_str()))
                .map(|&i| files.entries[i].size)
        };
        // Threads by bytes, not by files: lexing is the work, and a few long files (timex's 62
        // files are 470 KB) outweigh many short ones.
        let bytes: u64 = sizes().sum();
        // Each thread's token vector gets room for the largest source before its first file.
        let largest = usize::try_from(sizes().max().unwrap_or(0)).unwrap_or(usize::MAX);
        let deps = dep_namespaces(project);
        let facts = crate::parallel::map_when(
            bytes >= crate::parallel::SOURCE_BYTES_FOR_THREADS,
            &candidates,
            |(full, rel, lang)| {
                discover::reserve_tokens(largest);
                let mut facts = match packaged.get(rel.as_str()) {
                    Some(&i) => discover::scan_content(&files.content(i), rel, &shown_root, *lang),
                    None => scan_file(full, rel, &shown_root, *lang),
                };
                // Only references into a dependency's namespaces are ever asked about: the rest
                // (most of them: the package's own modules, Elixir's) go now, file by file, and
                // the next file reuses their memory.
                facts.refs.retain(|r| {
                    deps.iter()
                        .any(|d| d.namespaces.iter().any(|n| is_under(&r.name, n)))
                });
                facts
            },
        );
        let mut map = ModuleMap {
            root,
            fallback,
            unpackaged_grammars,
            mix_env: project.mix_env.clone(),
            deps,
            ..ModuleMap::default()
        };
        // Room for every file's facts at once: grown push by push, the vectors were copied
        // (and their new pages touched) a dozen times.
        let kept = || facts.iter().filter(|f| f.source.is_some());
        map.modules.reserve(kept().map(|f| f.modules.len()).sum());
        map.refs.reserve(kept().map(|f| f.refs.len()).sum());
        map.reads.reserve(kept().map(|f| f.reads.len()).sum());
        map.uses.reserve(kept().map(|f| f.uses.len()).sum());
        for ((_, rel, _), f) in candidates.iter().zip(facts) {
            map.add_file(rel, f);
        }
        if let Ok(tokens) = crate::mixexs::lexer::tokenize(&project.source.text) {
            for read in reads::compile_reads(&tokens, "mix.exs", true) {
                map.reads.push(CompileRead {
                    file: "mix.exs".into(),
                    read,
                    source: project.source.clone(),
                    on_disk: false,
                });
            }
        }
        for r in &mut map.reads {
            r.on_disk = std::fs::symlink_metadata(map.root.join(&r.read.path)).is_ok();
        }
        let name_value = project.package_name();
        map.package = name_value
            .and_then(|v| v.as_str_or_atom())
            .map(str::to_string);
        map.name_unknown = name_value.is_some_and(|v| v.as_str_or_atom().is_none());
        map.app = project
            .app
            .as_ref()
            .and_then(|v| v.as_atom())
            .map(str::to_string);
        // `Application.app_dir(:other, …)` is another app's directory, not the package's.
        let own_app = map.app.clone();
        map.reads
            .retain(|r| r.read.app.is_none() || r.read.app == own_app);
        let project_name = project
            .name
            .as_ref()
            .and_then(|v| v.as_str())
            .filter(|n| is_module_name(n))
            .map(str::to_string);
        // Phoenix's `<App>Web`, listed only when the package uses it.
        let web = map
            .app
            .as_deref()
            .map(|app| format!("{}Web", camelize(app)))
            .filter(|web| {
                map.modules
                    .iter()
                    .any(|m| is_under_ignoring_case(&m.name, web))
            });
        let names = [&map.package, &map.app];
        let prefixes = names
            .into_iter()
            .flatten()
            .map(|n| camelize(n))
            .chain(project_name)
            .chain(web)
            .chain(config.namespaces.iter().cloned());
        for prefix in prefixes {
            if !prefix.is_empty() && !map.prefixes.contains(&prefix) {
                map.prefixes.push(prefix);
            }
        }
        for name in names.into_iter().flatten() {
            for derived in derived_names(name) {
                if !map.derived_names.contains(&derived) {
                    map.derived_names.push(derived);
                }
            }
        }
        map
    }

    fn add_file(&mut self, rel: &str, facts: FileFacts) {
        if let Some(s) = facts.skipped {
            self.skipped.push(s);
        }
        let Some(source) = facts.source else { return };
        for m in facts.modules {
            self.modules.push(Module {
                name: m.name,
                kind: m.kind,
                file: rel.to_string(),
                span: m.span,
                conditional: m.conditional,
                unless_loaded: m.unless_loaded,
                source: source.clone(),
            });
        }
        for reference in facts.refs {
            self.refs.push(RefSite {
                reference,
                file: rel.to_string(),
                source: source.clone(),
            });
        }
        for read in facts.reads {
            self.reads.push(CompileRead {
                file: rel.to_string(),
                read,
                source: source.clone(),
                on_disk: false,
            });
        }
        for (name, _) in facts.uses {
            self.uses.push(UseSite {
                name,
                file: rel.to_string(),
            });
        }
    }

    /// The modules of the dependencies (fetched sources or compiled `.app` files), read once.
    pub fn dep_modules(&self) -> &deps::DepModules {
        self.dep_modules.get_or_init(|| {
            let apps: Vec<String> = self.deps.iter().map(|d| d.app.clone()).collect();
            deps::DepModules::load(&self.root, &self.mix_env, &apps)
        })
    }

    /// The package prefix `name` sits under, if any (ASCII case ignored).
    pub fn own_prefix(&self, name: &str) -> Option<&str> {
        self.prefixes
            .iter()
            .find(|p| is_under_ignoring_case(name, p))
            .map(String::as_str)
    }

    /// The leading segments of `name` that spell a derived name of the package
    /// (`Circuits.GPIO` in `circuits_gpio`), unless their first segment is the namespace of a
    /// dependency or of a widely used package (`Plug.Auth` in `plug_auth` is not owned).
    pub fn derived_prefix(&self, name: &str) -> Option<String> {
        self.spelled_name(name)
            .filter(|_| self.foreign_owner(name).is_none())
    }

    /// The leading segments of `name` that spell the package's name or a derived name, whoever
    /// owns their first segment (`Absinthe.Plug` in `absinthe_plug`).
    pub fn spelled_name(&self, name: &str) -> Option<String> {
        let segments: Vec<&str> = name.split('.').collect();
        self.derived_names
            .iter()
            .find_map(|derived| spelled_segments(&segments, derived))
            .map(|k| segments[..k].join("."))
    }

    /// Who else owns the top-level namespace of `name`: a dependency (its Hex name) or a widely
    /// used Hex package other than this one.
    pub fn foreign_owner(&self, name: &str) -> Option<String> {
        let first = name.split('.').next().unwrap_or(name);
        self.deps
            .iter()
            .find(|d| d.namespaces.iter().any(|n| n.eq_ignore_ascii_case(first)))
            .map(|d| d.hex_name.clone())
            .or_else(|| {
                crate::hex::popular::namespace_owner(first)
                    .filter(|owner| Some(*owner) != self.package.as_deref())
                    .map(str::to_string)
            })
    }

    /// Under an own or derived prefix, or defined by the package itself.
    pub fn is_own(&self, name: &str) -> bool {
        self.own_prefix(name).is_some()
            || self.derived_prefix(name).is_some()
            || self.modules.iter().any(|m| m.name == name)
    }

    /// Does the package ship Mix tasks?
    fn has_mix_tasks(&self) -> bool {
        self.modules
            .iter()
            .any(|m| m.name.starts_with("Mix.Tasks."))
    }

    /// The dependency whose namespace `name` is in (longest namespace wins), if any.
    pub fn dependency_namespace(&self, name: &str) -> Option<(&DepNamespace, &str)> {
        self.deps
            .iter()
            .flat_map(|d| d.namespaces.iter().map(move |n| (d, n.as_str())))
            .filter(|(_, n)| is_under(name, n))
            .max_by_key(|(_, n)| n.len())
    }

    /// Where `module` stands with respect to the package's namespaces.
    pub fn verdict(&self, module: &Module) -> Verdict {
        // `defmodule :appsignal_tasks` names an Erlang-style module.
        let atom_named = module.name.starts_with(|c: char| c.is_ascii_lowercase());
        if module.kind.is_erlang() || atom_named {
            return match &self.app {
                Some(app) if erlang_prefixed(&module.name, app) => Verdict::ErlangPrefixed,
                // `ssl_verify_hostname` in `ssl_verify_fun`: the app's stem, when it is itself
                // a compound name that no widely used package has.
                Some(app)
                    if app.rsplit_once('_').is_some_and(|(stem, _)| {
                        stem.contains('_')
                            && !crate::hex::popular::names().any(|p| p == stem)
                            && erlang_prefixed(&module.name, stem)
                    }) =>
                {
                    Verdict::ErlangPrefixed
                }
                Some(_) => Verdict::ErlangUnprefixed,
                None => Verdict::Unknown,
            };
        }
        if let Some(prefix) = self.own_prefix(&module.name) {
            return Verdict::Inside {
                prefix: prefix.to_string(),
            };
        }
        if module.name.starts_with("Mix.Tasks.") {
            return Verdict::MixTask;
        }
        if module.name.starts_with("Mix.")
            && stdlib::owner(&module.name).is_none()
            && self.has_mix_tasks()
        {
            return Verdict::MixHelper;
        }
        if self.prefixes.is_empty() || self.name_unknown {
            return Verdict::Unknown;
        }
        if let ModuleKind::Impl { protocol, for_type } = &module.kind {
            return if self.is_own(protocol) || self.is_own(for_type) {
                Verdict::OwnProtocolImpl
            } else {
                Verdict::Outside
            };
        }
        if let Some(prefix) = self.derived_prefix(&module.name) {
            return Verdict::Inside { prefix };
        }
        match self.dependency_namespace(&module.name) {
            Some((dep, ns)) => Verdict::DependencyNamespace {
                dep: dep.hex_name.clone(),
                namespace: ns.to_string(),
            },
            None => Verdict::Outside,
        }
    }

    /// A polyfill: defined only where a module of the same name is not loaded
    /// (`unless Code.ensure_loaded?(JSON), do: defmodule JSON …`).
    pub fn is_polyfill(module: &Module) -> bool {
        module.unless_loaded.as_deref() == Some(module.name.as_str())
    }

    /// Who else defines a module of this name: Elixir/OTP first, then a dependency.
    pub fn collision(&self, name: &str) -> Option<Owner> {
        if let Some(app) = stdlib::owner(name) {
            return Some(Owner::Stdlib(app));
        }
        self.dep_modules()
            .owner(name)
            .map(|dep| Owner::Dependency(dep.to_string()))
    }
}

/// `name` is `prefix` or inside it (`PlugAuth.User` under `PlugAuth`, not `PlugAuthX`).
pub fn is_under(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// [`is_under`], ignoring ASCII case: `AcmeJSON.Parser` is under `AcmeJson`.
pub fn is_under_ignoring_case(name: &str, prefix: &str) -> bool {
    match (name.get(..prefix.len()), name.get(prefix.len()..)) {
        (Some(head), Some(rest)) => {
            head.eq_ignore_ascii_case(prefix) && (rest.is_empty() || rest.starts_with('.'))
        }
        _ => false,
    }
}

/// An alias-shaped name (`AcmeJSON`, `Acme.JSON`), as opposed to a display name (`Acme JSON`).
fn is_module_name(name: &str) -> bool {
    name.split('.').all(|seg| {
        seg.starts_with(|c: char| c.is_ascii_uppercase())
            && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The names a package may spell its namespace with besides `camelize(name)`: the name
/// itself (for the dotted form) and the name without an `ex_`/`elixir_` prefix or an
/// `_ex`/`_elixir` suffix, as a common Elixir convention has it (`ex_cldr` → `Cldr`).
fn derived_names(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let stripped = name
        .strip_prefix("ex_")
        .or_else(|| name.strip_prefix("elixir_"))
        .or_else(|| name.strip_suffix("_ex"))
        .or_else(|| name.strip_suffix("_elixir"));
    out.extend(stripped.filter(|s| !s.is_empty()).map(str::to_string));
    out
}

/// How many leading `segments` spell `name` (`circuits_gpio`) ignoring case, each segment
/// standing for one or more whole `_`-separated words: `["Circuits", "GPIO", "Chip"]` → 2,
/// `["Phoenix", "LiveDashboard"]` for `phoenix_live_dashboard` → 2.
fn spelled_segments(segments: &[&str], name: &str) -> Option<usize> {
    let mut words = name.split('_').filter(|w| !w.is_empty()).peekable();
    for (i, seg) in segments.iter().enumerate() {
        let mut spelled = String::new();
        while spelled.len() < seg.len() {
            spelled.push_str(words.next()?);
        }
        if !spelled.eq_ignore_ascii_case(seg) {
            return None;
        }
        if words.peek().is_none() {
            return Some(i + 1);
        }
    }
    None
}

/// An Erlang module named after its app: `app` itself or `app_…`.
pub fn erlang_prefixed(module: &str, app: &str) -> bool {
    module
        .strip_prefix(app)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('_'))
}

/// A statically known list of strings in the project config (`elixirc_paths: ["lib"]`).
/// The source files Mix compiles (`elixirc_paths`, `erlc_paths`; by default `lib/` and `src/`)
/// among those the package ships — or found on disk when the file set is unknown — as (full path,
/// `/`-separated path relative to the root, language), without the `.erl` files leex/yecc generate.
pub fn compiled_sources(project: &Project, files: &FileSet) -> Vec<(PathBuf, String, SourceLang)> {
    let root = &project.root;
    let elixirc = string_list(project, "elixirc_paths").unwrap_or_else(|| vec!["lib".into()]);
    let erlc = string_list(project, "erlc_paths").unwrap_or_else(|| vec!["src".into()]);
    let compiled = |path: &str| -> Option<SourceLang> {
        let lang = source_lang(path)?;
        let dirs = if lang == SourceLang::Elixir {
            &elixirc
        } else {
            &erlc
        };
        dirs.iter()
            .any(|d| {
                let d = d.trim_end_matches('/');
                path.strip_prefix(d).is_some_and(|r| r.starts_with('/'))
            })
            .then_some(lang)
    };
    let fallback = files.unknown.is_some();
    let candidates: Vec<(PathBuf, String, SourceLang)> = if fallback {
        let mut dirs: Vec<&String> = elixirc.iter().chain(erlc.iter()).collect();
        dirs.dedup();
        dirs.into_iter()
            .flat_map(|d| walk_sources(root, d))
            .filter_map(|(full, rel)| compiled(&rel).map(|l| (full, rel, l)))
            .collect()
    } else {
        files
            .entries
            .iter()
            .filter(|e| e.is_file() && !e.outside_root)
            .filter_map(|e| {
                let lang = compiled(&e.path)?;
                Some((crate::portable::join(root, &e.path), e.path.clone(), lang))
            })
            .collect()
    };
    drop_generated_erl(candidates)
}

fn string_list(project: &Project, key: &str) -> Option<Vec<String>> {
    let items = project.config.get(key)?.as_list()?;
    items
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// Files under `root/dir`, recursively, as (full path, `/`-separated path relative to root),
/// sorted. Symlinks are not followed.
pub fn walk_sources(root: &Path, dir: &str) -> Vec<(PathBuf, String)> {
    let start = root.join(dir);
    if !start.is_dir() {
        return Vec::new();
    }
    let mut out: Vec<(PathBuf, String)> = ignore::WalkBuilder::new(&start)
        .standard_filters(false)
        .follow_links(false)
        .max_depth(Some(64))
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(root).ok()?;
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Some((e.path().to_path_buf(), rel))
        })
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

/// Leex and yecc write `src/x.erl` next to `src/x.xrl`/`x.yrl` at compile time: the module is
/// the generated one, counted once (from the grammar file).
pub(crate) fn drop_generated_erl(
    items: Vec<(PathBuf, String, SourceLang)>,
) -> Vec<(PathBuf, String, SourceLang)> {
    let grammars: std::collections::HashSet<&str> = items
        .iter()
        .filter(|(_, _, lang)| *lang == SourceLang::LeexYecc)
        .filter_map(|(_, rel, _)| rel.rsplit_once('.').map(|(stem, _)| stem))
        .collect();
    let generated: Vec<bool> = items
        .iter()
        .map(|(_, rel, lang)| {
            *lang == SourceLang::Erlang
                && rel
                    .strip_suffix(".erl")
                    .is_some_and(|stem| grammars.contains(stem))
        })
        .collect();
    items
        .into_iter()
        .zip(generated)
        .filter_map(|(item, generated)| (!generated).then_some(item))
        .collect()
}

/// Scan files (in parallel when there are many).
pub(crate) fn scan_all(
    items: &[(PathBuf, String, SourceLang)],
    shown_root: &Path,
) -> Vec<FileFacts> {
    // `lexer::tokenize` is safe on rayon's small worker stacks: deeply nested input is retried
    // on a big-stack thread of its own.
    crate::parallel::map(
        items,
        crate::parallel::FILES_FOR_THREADS,
        |(full, rel, lang)| scan_file(full, rel, shown_root, *lang),
    )
}

/// Elixir's `Macro.camelize/1`, clause for clause: `plug_auth` → `PlugAuth`, `ex_aws_s3` →
/// `ExAwsS3`, `foo/bar` → `Foo.Bar`; leading underscores are dropped, `_` before a digit vanishes,
/// `_` before anything but `a-z`/`0-9` is kept, and only ASCII letters change case.
pub fn camelize(name: &str) -> String {
    let b = name.trim_start_matches('_').as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let Some((&first, mut rest)) = b.split_first() else {
        return String::new();
    };
    out.push(first.to_ascii_uppercase());
    while let Some((&c, tail)) = rest.split_first() {
        match (c, tail.first()) {
            (b'_', Some(b'_')) => rest = tail,
            (b'_', Some(&h)) if h.is_ascii_lowercase() => {
                out.push(h.to_ascii_uppercase());
                rest = &tail[1..];
            }
            (b'_', Some(&h)) if h.is_ascii_digit() => {
                out.push(h);
                rest = &tail[1..];
            }
            (b'_', None) => rest = tail,
            (b'/', _) => {
                out.push(b'.');
                out.extend(camelize(&String::from_utf8_lossy(tail)).into_bytes());
                rest = &[];
            }
            _ => {
                out.push(c);
                rest = tail;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::{
        camelize, derived_names, is_module_name, is_under_ignoring_case, spelled_segments,
    };

    #[test]
    fn names_a_package_owns() {
        assert_eq!(
            spelled_segments(&["Circuits", "GPIO", "Chip"], "circuits_gpio"),
            Some(2)
        );
        assert_eq!(
            spelled_segments(&["CircuitsGPIO"], "circuits_gpio"),
            Some(1)
        );
        assert_eq!(spelled_segments(&["Circuits"], "circuits_gpio"), None);
        assert_eq!(spelled_segments(&["Cldr", "Number"], "cldr"), Some(1));
        assert_eq!(
            spelled_segments(
                &["Phoenix", "LiveDashboard", "Web"],
                "phoenix_live_dashboard"
            ),
            Some(2)
        );
        assert_eq!(
            spelled_segments(&["PhoenixLive", "Dashboard"], "phoenix_live_dashboard"),
            Some(2)
        );
        assert_eq!(spelled_segments(&["Phoenixl"], "phoenix_live"), None);
        assert_eq!(derived_names("ex_cldr"), ["ex_cldr", "cldr"]);
        assert_eq!(derived_names("req_ex"), ["req_ex", "req"]);
        assert!(is_under_ignoring_case("AcmeJSON.Parser", "AcmeJson"));
        assert!(!is_under_ignoring_case("AcmeJSONX", "AcmeJson"));
        assert!(is_module_name("AcmeJSON") && is_module_name("Acme.JSON"));
        assert!(!is_module_name("Acme JSON") && !is_module_name("acme"));
    }

    #[test]
    fn camelize_matches_macro_camelize() {
        // Expected values from Elixir: Macro.camelize/1.
        assert_eq!(camelize("plug_auth"), "PlugAuth");
        assert_eq!(camelize("ex_aws_s3"), "ExAwsS3");
        assert_eq!(camelize("foo/bar_baz"), "Foo.BarBaz");
        assert_eq!(camelize("foo__bar"), "FooBar");
        assert_eq!(camelize("http2_client"), "Http2Client");
        assert_eq!(camelize("_private"), "Private");
        assert_eq!(camelize("foo_Bar"), "Foo_Bar");
        assert_eq!(camelize("foo_"), "Foo");
        assert_eq!(camelize(""), "");
        assert_eq!(camelize("jason"), "Jason");
    }
}
