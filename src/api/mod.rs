//! The public API of a package, read statically from its source files (issue 17).
//!
//! This layer knows Elixir (and Erlang's `-export`), not Hex nor rules: it turns parsed source
//! files into a [`PackageApi`] — modules, public functions and macros with every arity they
//! accept, hidden and deprecated entries, structs, behaviours' callbacks, protocols and public
//! types. Where a module's code comes from a macro hexlint cannot expand (`use X`, a custom `def`
//! wrapper, definitions under `if`, `unquote` names), the module records why its API is *partly
//! unknown* instead of guessing; what it does know is still listed.
//!
//! [`PackageApi::lines`] writes the API as sorted, one-fact-per-line text: the form the
//! differential test compares with what the compiled modules say (`tests/semver_compiled.rs`).

mod elixir;
mod erlang;

use crate::source::{SourceFile, Span};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

pub use elixir::extract_elixir;
pub use erlang::extract_erlang;

/// Function or macro.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DefKind {
    Function,
    Macro,
}

impl DefKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DefKind::Function => "function",
            DefKind::Macro => "macro",
        }
    }
}

/// One name/arity a module exports (a function with defaults has one per accepted arity).
#[derive(Debug, Clone, PartialEq)]
pub struct Def {
    pub kind: DefKind,
    /// `@doc false` (or `@impl` without `@doc`, or a name starting with `_`): callable, but not
    /// part of the documented API.
    pub hidden: bool,
    /// `@deprecated` message.
    pub deprecated: Option<String>,
    /// The highest arity of the same definition (`def f(a, b \\ 1)` gives f/1 and f/2, both with
    /// `max_arity` 2): the compiler documents the function once, under that arity.
    pub max_arity: u32,
    /// Where the first clause's head is written.
    pub span: Span,
}

/// A behaviour callback (`@callback`, `@macrocallback`; a protocol's functions are callbacks too).
#[derive(Debug, Clone, PartialEq)]
pub struct Callback {
    pub kind: DefKind,
    pub optional: bool,
    pub span: Span,
}

/// A public type (`@type`, `@opaque`).
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub opaque: bool,
    pub span: Span,
}

/// `defstruct` / `defexception`.
#[derive(Debug, Clone, PartialEq)]
pub struct StructDef {
    /// The field names in order; `None` when computed (`defstruct @fields`).
    pub fields: Option<Vec<String>>,
    /// `@enforce_keys`; `None` when computed.
    pub enforce: Option<Vec<String>>,
    pub exception: bool,
    pub span: Span,
}

/// What kind of module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleKind {
    Module,
    Protocol,
    Erlang,
}

/// The API of one module.
#[derive(Debug, Clone)]
pub struct ModuleApi {
    pub name: String,
    pub kind: ModuleKind,
    /// `@moduledoc false`.
    pub hidden: bool,
    /// The file (relative to the package root) and the text the spans point into.
    pub source: Arc<SourceFile>,
    /// The module's name as written.
    pub span: Span,
    pub defs: BTreeMap<(String, u32), Def>,
    pub callbacks: BTreeMap<(String, u32), Callback>,
    pub types: BTreeMap<(String, u32), TypeDef>,
    pub structure: Option<StructDef>,
    /// Why part of this module's API cannot be known statically, with where.
    pub unknown: Vec<(String, Span)>,
}

impl ModuleApi {
    pub fn new(name: String, kind: ModuleKind, source: Arc<SourceFile>, span: Span) -> Self {
        ModuleApi {
            name,
            kind,
            hidden: false,
            source,
            span,
            defs: BTreeMap::new(),
            callbacks: BTreeMap::new(),
            types: BTreeMap::new(),
            structure: None,
            unknown: Vec::new(),
        }
    }

    /// Is everything this module exports known?
    pub fn is_complete(&self) -> bool {
        self.unknown.is_empty()
    }

    /// 1-based line of a span in this module's file.
    pub fn line(&self, span: Span) -> usize {
        self.source.position(span.start).line
    }
}

/// The API of a package: every module its compiled sources define.
#[derive(Debug, Clone, Default)]
pub struct PackageApi {
    pub modules: BTreeMap<String, ModuleApi>,
    /// Files that could not be read or parsed, with why: their modules are missing.
    pub unreadable: Vec<(String, String)>,
}

impl PackageApi {
    /// Read every file: `(full path, path relative to the root, is Erlang)`. `shown_prefix` is
    /// prepended to the relative path in the sources (`baseline v1.2.0:`), so findings say which
    /// tree a location is in.
    pub fn from_files(files: &[(std::path::PathBuf, String, bool)], shown_prefix: &str) -> Self {
        let mut api = PackageApi::default();
        for (full, rel, erlang) in files {
            let text = match std::fs::read(full) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(e) => {
                    api.unreadable.push((rel.clone(), e.to_string()));
                    continue;
                }
            };
            let source = Arc::new(SourceFile::new(format!("{shown_prefix}{rel}"), text));
            let found = if *erlang {
                Ok(extract_erlang(&source, Path::new(rel))
                    .into_iter()
                    .collect())
            } else {
                extract_elixir(&source)
            };
            match found {
                Ok(modules) => api.add(modules),
                Err(e) => api.unreadable.push((rel.clone(), e)),
            }
        }
        api
    }

    /// Add modules; a module defined twice keeps the first definition and is marked partly
    /// unknown (which one is compiled depends on the order Mix compiles files in).
    pub fn add(&mut self, modules: Vec<ModuleApi>) {
        for m in modules {
            match self.modules.get_mut(&m.name) {
                Some(existing) => existing
                    .unknown
                    .push(("the module is defined more than once".into(), existing.span)),
                None => {
                    self.modules.insert(m.name.clone(), m);
                }
            }
        }
    }

    /// The public modules (not `@moduledoc false`).
    pub fn public_modules(&self) -> impl Iterator<Item = &ModuleApi> {
        self.modules.values().filter(|m| !m.hidden)
    }

    /// One fact per line, sorted: what the differential test compares with the compiled modules.
    ///
    /// ```text
    /// module Foo [hidden] [partial]
    /// function Foo.bar/2 [hidden] [deprecated] [defaults]
    /// macro Foo.m/1
    /// callback Foo.c/1 [optional] [macro]
    /// type Foo.t/0 [opaque]
    /// struct Foo a,b [enforce a] [exception]
    /// ```
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for m in self.modules.values() {
            let mut head = format!("module {}", m.name);
            if m.hidden {
                head.push_str(" hidden");
            }
            out.push(head);
            for ((name, arity), d) in &m.defs {
                let mut line = format!("{} {}.{}/{}", d.kind.as_str(), m.name, name, arity);
                if d.hidden {
                    line.push_str(" hidden");
                }
                if d.deprecated.is_some() {
                    line.push_str(" deprecated");
                }
                out.push(line);
            }
            for ((name, arity), c) in &m.callbacks {
                let mut line = format!("callback {}.{}/{}", m.name, name, arity);
                if c.optional {
                    line.push_str(" optional");
                }
                if c.kind == DefKind::Macro {
                    line.push_str(" macro");
                }
                out.push(line);
            }
            for ((name, arity), t) in &m.types {
                let opaque = if t.opaque { " opaque" } else { "" };
                out.push(format!("type {}.{}/{}{}", m.name, name, arity, opaque));
            }
            if let Some(s) = &m.structure {
                let fields = s
                    .fields
                    .as_ref()
                    .map_or("?".to_string(), |f| sorted(f).join(","));
                let mut line = format!("struct {} {}", m.name, fields);
                match &s.enforce {
                    Some(e) if !e.is_empty() => {
                        line.push_str(&format!(" enforce {}", sorted(e).join(",")))
                    }
                    Some(_) => {}
                    None => line.push_str(" enforce ?"),
                }
                if s.exception {
                    line.push_str(" exception");
                }
                out.push(line);
            }
        }
        out.sort();
        out
    }
}

fn sorted(items: &[String]) -> Vec<String> {
    let mut v = items.to_vec();
    v.sort();
    v.dedup();
    v
}
