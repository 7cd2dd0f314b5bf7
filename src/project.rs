//! The typed project model: what Hex reads from `mix.exs`, each value with its span.
//!
//! Built from the evaluated `project/0` keyword list. Knows Hex's data model (package keys, dep
//! normalisation) but nothing about rules. Values stay [`Value`]s so that rules can tell a known
//! string from an unknown one and point at the source.

use crate::mixexs::value::{Value, ValueKind};
use crate::source::{SourceFile, Span};
use serde_json::{Map as JsonMap, Value as Json, json};
use std::path::PathBuf;
use std::sync::Arc;

/// Keys Hex reads from the `:package` keyword list (hex `Hex.Package`/`hex.build` `@meta_fields`
/// plus the ones it uses for building).
pub const PACKAGE_KEYS: &[&str] = &[
    "name",
    "organization",
    "description",
    "licenses",
    "links",
    "files",
    "exclude_patterns",
    "build_tools",
    "extra",
    "maintainers",
    "secret_scan",
];

/// An Elixir project read from its `mix.exs`.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project directory (where `mix.exs` lives).
    pub root: PathBuf,
    /// The `mix.exs` text.
    pub source: Arc<SourceFile>,
    /// The project module (`defmodule Postgrex.MixProject`), when found.
    pub module: Option<String>,
    /// The whole value of `project/0` (a keyword list, or unknown).
    pub config: Value,
    pub app: Option<Value>,
    pub version: Option<Value>,
    pub elixir: Option<Value>,
    pub description: Option<Value>,
    pub name: Option<Value>,
    pub source_url: Option<Value>,
    pub homepage_url: Option<Value>,
    pub docs: Option<Value>,
    pub apps_path: Option<Value>,
    pub package: Option<Package>,
    /// `None` when `project/0` has no `:deps` key.
    pub deps: Option<Deps>,
    /// Facts the evaluator reported while reading (a missing `File.read!` file, …).
    pub notes: Vec<EvalNote>,
    /// Comments in mix.exs (text without `#`, span of the whole comment), for inline suppressions.
    pub comments: Vec<(Span, String)>,
    /// The Mix environment the config was evaluated in (`dev` unless MIX_ENV/--env say otherwise).
    pub mix_env: String,
    /// `mix_env` was chosen by the user (`MIX_ENV` or `--env`), not defaulted: Mix then ignores
    /// every preferred environment.
    pub mix_env_explicit: bool,
    /// The value of a public `cli/0` (Elixir 1.15+), when mix.exs defines one.
    pub cli: Option<Value>,
    /// The `System.version()` the config was evaluated under (`"1.15.8"`), when known.
    pub elixir_version: Option<String>,
    /// `project/0` evaluated in other Mix environments, when it depends on `Mix.env()`: `prod`
    /// (what the package's users compile) and the environment `mix hex.publish` runs in, each
    /// unless it is `mix_env` itself.
    pub env_configs: Vec<(String, Value)>,
}

/// The Mix environment a task runs in, and what chose it.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskEnv {
    /// `None` when the choice depends on a value hexlint cannot know.
    pub env: Option<String>,
    pub source: EnvSource,
    /// Where in mix.exs the choice is written (`preferred_envs: [...]`), if it is.
    pub span: Option<Span>,
}

/// What chose a task's Mix environment (Mix.CLI and Mix.Project, Elixir 1.15+).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvSource {
    /// `MIX_ENV` or `--env`.
    Explicit,
    /// `def cli, do: [preferred_envs: [task: env]]`.
    CliPreferredEnvs,
    /// `def cli, do: [default_env: env]`.
    CliDefaultEnv,
    /// `preferred_cli_env: [task: env]` in `project/0` (ignored when `def cli` exists).
    PreferredCliEnv,
    /// Nothing chose: `dev`.
    Default,
}

impl EnvSource {
    /// How the README and messages name it.
    pub fn describe(self) -> &'static str {
        match self {
            EnvSource::Explicit => "MIX_ENV",
            EnvSource::CliPreferredEnvs => "`preferred_envs` in `def cli`",
            EnvSource::CliDefaultEnv => "`default_env` in `def cli`",
            EnvSource::PreferredCliEnv => "`preferred_cli_env` in `project/0`",
            EnvSource::Default => "Mix's default",
        }
    }
}

/// Something the evaluator wants to tell the user about (surfaced as a diagnostic by a rule).
#[derive(Debug, Clone, PartialEq)]
pub struct EvalNote {
    pub span: Span,
    pub message: String,
}

/// The `:package` keyword list (or map).
#[derive(Debug, Clone)]
pub struct Package {
    /// The raw value, as written.
    pub value: Value,
    /// Every entry in source order: `(key, key span, value)`.
    pub entries: Vec<(String, Span, Value)>,
}

impl Package {
    /// `Keyword.get`/`Map.get` semantics, including "unknown" when an unknown part of the
    /// package could hold the key (see [`Value::get`]).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.value.get(key)
    }
    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.value.key_span(key)
    }
    /// Keys that Hex does not know (kept as written).
    pub fn other_keys(&self) -> impl Iterator<Item = &(String, Span, Value)> {
        self.entries
            .iter()
            .filter(|(k, _, _)| !PACKAGE_KEYS.contains(&k.as_str()))
    }
}

/// The `:deps` list: known entries plus any parts that could not be evaluated.
#[derive(Debug, Clone)]
pub struct Deps {
    pub value: Value,
    pub entries: Vec<DepEntry>,
}

#[derive(Debug, Clone)]
pub enum DepEntry {
    Dep(Dep),
    /// An element (or the whole tail) that is unknown or is not a dep tuple.
    Unknown(Value),
}

/// One dependency, normalised as Hex does: `{app, req}`, `{app, opts}`, `{app, req, opts}`.
#[derive(Debug, Clone)]
pub struct Dep {
    pub app: String,
    pub app_span: Span,
    /// The requirement as written (usually a string); `None` for `{app, opts}`.
    pub requirement: Option<Value>,
    /// The options keyword list, `(key, key span, value)` in order.
    pub options: Vec<(String, Span, Value)>,
    /// The span of the whole tuple.
    pub span: Span,
    /// The options value itself (e.g. unknown, or not a keyword list), when present.
    pub options_value: Option<Value>,
}

impl Dep {
    pub fn option(&self, key: &str) -> Option<&Value> {
        self.options
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, _, v)| v)
    }
    pub fn option_span(&self, key: &str) -> Option<Span> {
        self.options
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, s, _)| *s)
    }
    pub fn has_option(&self, key: &str) -> bool {
        self.options.iter().any(|(k, _, _)| k == key)
    }

    /// Hex's `prod_dep?`: no `:only`, or `:prod` in `List.wrap(only)`. `None` when unknown.
    pub fn is_prod(&self) -> Option<bool> {
        // Hex: `if only = opts[:only], do: :prod in List.wrap(only), else: true`.
        let Some(only) = self.option("only").filter(|o| o.truthy() != Some(false)) else {
            return Some(true);
        };
        match &only.kind {
            ValueKind::Unknown { .. } => None,
            ValueKind::List(items) => {
                if items.iter().any(|i| i.as_atom() == Some("prod")) {
                    Some(true)
                } else if items.iter().any(Value::is_unknown) {
                    None
                } else {
                    Some(false)
                }
            }
            _ => Some(only.as_atom() == Some("prod")),
        }
    }

    /// Hex's `package_dep?`: has `:hex`, or none of git/github/path/in_umbrella.
    pub fn is_hex(&self) -> bool {
        self.has_option("hex")
            || !["git", "github", "path", "in_umbrella"]
                .iter()
                .any(|k| self.has_option(k))
    }

    /// Are the options a keyword list (or absent)? `{:foo, unknown}` could be a requirement or
    /// options, so it is not known either; options that are not a keyword list (a map) make Mix
    /// reject the dep before Hex looks at it.
    pub fn options_known(&self) -> bool {
        match &self.options_value {
            Some(opts) => opts.as_keyword().is_some(),
            None => !self.requirement.as_ref().is_some_and(Value::is_unknown),
        }
    }

    /// The Hex package name (`opts[:hex] || app`).
    pub fn hex_name(&self) -> String {
        self.option("hex")
            .and_then(Value::as_str_or_atom)
            .unwrap_or(&self.app)
            .to_string()
    }
}

impl Project {
    /// Build the model from the evaluated `project/0` value.
    pub fn from_config(
        root: PathBuf,
        source: Arc<SourceFile>,
        module: Option<String>,
        config: Value,
        notes: Vec<EvalNote>,
        comments: Vec<(Span, String)>,
    ) -> Project {
        let get = |k: &str| config.get(k).cloned();
        let package = config.get("package").map(|v| Package {
            entries: v
                .known_entries()
                .into_iter()
                .map(|(k, s, v)| (k.to_string(), s, v.clone()))
                .collect(),
            value: v.clone(),
        });
        let deps = config.get("deps").map(Deps::from_value);
        Project {
            app: get("app"),
            version: get("version"),
            elixir: get("elixir"),
            description: get("description"),
            name: get("name"),
            source_url: get("source_url"),
            homepage_url: get("homepage_url"),
            docs: get("docs"),
            apps_path: get("apps_path"),
            package,
            deps,
            root,
            source,
            module,
            config,
            notes,
            comments,
            mix_env: "dev".to_string(),
            mix_env_explicit: false,
            elixir_version: None,
            env_configs: Vec::new(),
            cli: None,
        }
    }

    /// The Mix environment `mix TASK` runs in, as Mix decides it: `MIX_ENV` when set; else, when
    /// mix.exs defines `def cli`, its `preferred_envs[task] || default_env`; else
    /// `preferred_cli_env[task]` from `project/0`; else `dev`.
    pub fn task_env(&self, task: &str) -> TaskEnv {
        let chosen = |env: Option<String>, source, span| TaskEnv { env, source, span };
        if self.mix_env_explicit {
            return chosen(Some(self.mix_env.clone()), EnvSource::Explicit, None);
        }
        let lookup = |list: &Value, source: EnvSource| -> Option<TaskEnv> {
            let v = list.get(task)?;
            Some(chosen(
                v.as_str_or_atom().map(str::to_string),
                source,
                Some(v.span),
            ))
        };
        if let Some(cli) = &self.cli {
            if cli.is_unknown() {
                return chosen(None, EnvSource::CliPreferredEnvs, Some(cli.span));
            }
            if let Some(found) = cli
                .get("preferred_envs")
                .and_then(|l| lookup(l, EnvSource::CliPreferredEnvs))
            {
                return found;
            }
            if let Some(v) = cli.get("default_env") {
                let env = v.as_str_or_atom().map(str::to_string);
                return chosen(env, EnvSource::CliDefaultEnv, Some(v.span));
            }
            return chosen(Some("dev".into()), EnvSource::Default, None);
        }
        if let Some(found) = self
            .config
            .get("preferred_cli_env")
            .and_then(|l| lookup(l, EnvSource::PreferredCliEnv))
        {
            return found;
        }
        chosen(Some("dev".into()), EnvSource::Default, None)
    }

    /// `project/0` as evaluated in `env`: the main config, or one of [`Self::env_configs`];
    /// `None` when it was not evaluated there.
    pub fn config_in(&self, env: &str) -> Option<&Value> {
        if env == self.mix_env {
            return Some(&self.config);
        }
        self.env_configs
            .iter()
            .find(|(e, _)| e == env)
            .map(|(_, v)| v)
    }

    /// The package name Hex publishes under: `package[:name] || app`.
    pub fn package_name(&self) -> Option<&Value> {
        self.package
            .as_ref()
            .and_then(|p| p.get("name"))
            .or(self.app.as_ref())
    }

    /// A package field, looked up as Hex merges root and package config (`package` wins).
    pub fn package_field(&self, key: &str) -> Option<&Value> {
        self.package
            .as_ref()
            .and_then(|p| p.get(key))
            .or(match key {
                "description" => self.description.as_ref(),
                "elixir" => self.elixir.as_ref(),
                "version" => self.version.as_ref(),
                "app" => self.app.as_ref(),
                _ => None,
            })
    }

    /// Whether Mix considers this an umbrella (`apps_path` set and not nil). An unknown
    /// `apps_path` is not taken to be one.
    pub fn is_umbrella(&self) -> bool {
        self.apps_path
            .as_ref()
            .is_some_and(|v| v.truthy() == Some(true))
    }

    /// `package[:organization]` when known; `None` means public (hexpm).
    pub fn organization(&self) -> Option<&str> {
        self.package
            .as_ref()
            .and_then(|p| p.get("organization"))
            .and_then(Value::as_str_or_atom)
            .filter(|o| *o != "hexpm")
    }

    /// Every unknown value inside the config, with its key path.
    pub fn unknowns(&self) -> Vec<(String, &Value)> {
        let mut out = Vec::new();
        collect_unknowns(&self.config, String::new(), &mut out);
        out
    }

    /// The `hexlint metadata` JSON document (schema 1). See README "metadata JSON".
    pub fn to_metadata_json(&self) -> Json {
        let opt = |v: &Option<Value>| v.as_ref().map(Value::to_json).unwrap_or(Json::Null);
        let package = match &self.package {
            None => Json::Null,
            Some(p) if p.value.entries().is_none() => p.value.to_json(),
            Some(p) => Json::Object(
                p.entries
                    .iter()
                    .map(|(k, _, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
        };
        let deps = match &self.deps {
            None => Json::Null,
            Some(d) if d.value.is_unknown() => d.value.to_json(),
            Some(d) => Json::Array(d.entries.iter().map(DepEntry::to_json).collect()),
        };
        let unknown: Vec<Json> = self
            .unknowns()
            .into_iter()
            .map(|(key, v)| {
                let pos = self.source.position(v.span.start);
                json!({"key": key, "reason": v.unknown_reason().unwrap_or_default(),
                       "line": pos.line, "column": pos.column})
            })
            .collect();
        json!({
            "schema": 1,
            "path": self.source.path.display().to_string(),
            "app": opt(&self.app),
            "version": opt(&self.version),
            "elixir": opt(&self.elixir),
            "description": opt(&self.description),
            "name": opt(&self.name),
            "source_url": opt(&self.source_url),
            "homepage_url": opt(&self.homepage_url),
            "umbrella": match &self.apps_path {
                Some(v) if v.is_unknown() => v.to_json(),
                _ => Json::Bool(self.is_umbrella()),
            },
            "package": package,
            "deps": deps,
            "docs": opt(&self.docs),
            "unknown": unknown,
        })
    }
}

impl Deps {
    pub fn from_value(value: &Value) -> Deps {
        let entries = match &value.kind {
            ValueKind::List(items) => items.iter().map(DepEntry::from_value).collect(),
            _ => vec![DepEntry::Unknown(value.clone())],
        };
        Deps {
            value: value.clone(),
            entries,
        }
    }

    /// Deps whose options are known, with their index in the `:deps` list.
    pub fn with_known_options(&self) -> impl Iterator<Item = (usize, &Dep)> {
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| match entry {
                DepEntry::Dep(dep) if dep.options_known() => Some((index, dep)),
                _ => None,
            })
    }

    /// The deps Hex writes into the package's requirements: known prod deps (`prod_dep?`) that
    /// are Hex packages (`package_dep?`), with their index in the `:deps` list.
    pub fn prod_hex(&self) -> impl Iterator<Item = (usize, &Dep)> {
        self.with_known_options()
            .filter(|(_, dep)| dep.is_prod() == Some(true) && dep.is_hex())
    }

    pub fn known(&self) -> impl Iterator<Item = &Dep> {
        self.entries.iter().filter_map(|e| match e {
            DepEntry::Dep(d) => Some(d),
            DepEntry::Unknown(_) => None,
        })
    }
}

impl DepEntry {
    fn from_value(v: &Value) -> DepEntry {
        let ValueKind::Tuple(items) = &v.kind else {
            return DepEntry::Unknown(v.clone());
        };
        let Some(app) = items.first().and_then(Value::as_atom) else {
            return DepEntry::Unknown(v.clone());
        };
        let (requirement, opts) = match items.len() {
            1 => (None, None),
            // Hex's `normalize_dep({app, opts}) when is_list(opts)`: a charlist is a list too.
            2 if items[1].as_list().is_some()
                || matches!(items[1].kind, ValueKind::Charlist(_)) =>
            {
                (None, Some(&items[1]))
            }
            2 => (Some(&items[1]), None),
            3 => (Some(&items[1]), Some(&items[2])),
            _ => return DepEntry::Unknown(v.clone()),
        };
        let options = opts
            .and_then(Value::entries)
            .map(|es| {
                es.into_iter()
                    .map(|(k, s, v)| (k.to_string(), s, v.clone()))
                    .collect()
            })
            .unwrap_or_default();
        DepEntry::Dep(Dep {
            app: app.to_string(),
            app_span: items[0].span,
            requirement: requirement.cloned(),
            options,
            span: v.span,
            options_value: opts.cloned(),
        })
    }

    fn to_json(&self) -> Json {
        match self {
            DepEntry::Unknown(v) => v.to_json(),
            DepEntry::Dep(d) => {
                let options = match &d.options_value {
                    Some(o) if o.entries().is_none() => o.to_json(),
                    _ => Json::Object(
                        d.options
                            .iter()
                            .map(|(k, _, v)| (k.clone(), v.to_json()))
                            .collect::<JsonMap<_, _>>(),
                    ),
                };
                json!({
                    "app": d.app,
                    "requirement": d.requirement.as_ref().map(Value::to_json).unwrap_or(Json::Null),
                    "options": options,
                })
            }
        }
    }
}

fn collect_unknowns<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a Value)>) {
    match &v.kind {
        // The whole of project/0 unknown: named, never an empty key path.
        ValueKind::Unknown { .. } if path.is_empty() => out.push(("project".to_string(), v)),
        ValueKind::Unknown { .. } => out.push((path, v)),
        ValueKind::List(items) => {
            if let Some(entries) = v.entries().filter(|e| !e.is_empty()) {
                for (k, _, val) in entries {
                    collect_unknowns(val, join_key(&path, k), out);
                }
            } else {
                for (i, item) in items.iter().enumerate() {
                    // Unknown keyword elements that can only hold some keys are named by them.
                    if let Some(keys) = item.unknown_keys().filter(|k| !k.is_empty()) {
                        out.push((join_key(&path, &keys.join("|")), item));
                        continue;
                    }
                    // The top level is project/0's own list.
                    let base = if path.is_empty() { "project" } else { &path };
                    collect_unknowns(item, format!("{base}[{i}]"), out);
                }
            }
        }
        ValueKind::Tuple(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_unknowns(item, format!("{path}[{i}]"), out);
            }
        }
        ValueKind::Map(pairs) => {
            for (k, val) in pairs {
                let sub = match &k.kind {
                    ValueKind::Atom(a) => join_key(&path, a),
                    ValueKind::String(s) => format!("{path}[{s:?}]"),
                    _ => format!("{path}[?]"),
                };
                if k.is_unknown() {
                    out.push((sub.clone(), k));
                }
                collect_unknowns(val, sub, out);
            }
        }
        _ => {}
    }
}

fn join_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}
