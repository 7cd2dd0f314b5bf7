//! The API of Elixir source files, from the syntax tree of [`crate::mixexs::parse`].
//!
//! Follows what the compiler does with each form: `def`/`defmacro`/`defguard`/`defdelegate`
//! export every arity from (arguments − defaults) to arguments; `@doc false`, `@impl` without
//! `@doc`, and names starting with `_` are hidden; `@deprecated` marks the next definition;
//! `defstruct`/`defexception` define the struct (and `@enforce_keys` its enforced keys);
//! `@callback`/`@macrocallback` with `@optional_callbacks` a behaviour; `defprotocol`'s `def`
//! heads are both functions and callbacks; `@type`/`@opaque` public types.

use super::{Callback, Def, DefKind, ModuleApi, ModuleKind, StructDef, TypeDef};
use crate::mixexs::ast::{BinOp, Body, BodyRef, Call, Expr, ExprKind};
use crate::source::{SourceFile, Span};
use std::sync::Arc;

/// Module-level calls that define nothing public, or whose effect is modelled: anything else
/// called at module level (a macro from `use`/`import`, or a remote macro) makes the module's
/// API partly unknown.
const HARMLESS: &[&str] = &[
    "alias",
    "import",
    "require",
    "defp",
    "defmacrop",
    "defguardp",
    "defoverridable",
    "defimpl",
    "@",
    "raise",
];

/// Modules whose module-level calls are known not to define functions. (`Enum.each(list, fn
/// … -> def unquote(name)() … end)` does, so `Enum` is not among them.)
const HARMLESS_REMOTE: &[&str] = &[
    "Module",
    "IO",
    "Application",
    "Code",
    "File",
    "Path",
    "System",
    "Logger",
    "Mix",
];

/// The modules an Elixir file defines, with their API; `Err` when the file does not parse.
pub fn extract_elixir(source: &Arc<SourceFile>) -> Result<Vec<ModuleApi>, String> {
    let parsed = crate::mixexs::parse(&source.text).map_err(|e| {
        let pos = source.position(e.span.start);
        format!("{}:{}: {}", pos.line, pos.column, e.message)
    })?;
    let mut out = Vec::new();
    for e in &parsed.exprs {
        top(e, None, source, false, &mut out);
    }
    Ok(out)
}

/// Outside any module body (or nested in one, with `parent`): find module definitions.
fn top(
    e: &Expr,
    parent: Option<&str>,
    source: &Arc<SourceFile>,
    conditional: bool,
    out: &mut Vec<ModuleApi>,
) {
    match &e.kind {
        ExprKind::Block(items) => {
            for i in items {
                top(i, parent, source, conditional, out);
            }
        }
        ExprKind::Call(c) if c.target.is_none() => match c.name.as_str() {
            "defmodule" | "defprotocol" => {
                let kind = if c.name == "defprotocol" {
                    ModuleKind::Protocol
                } else {
                    ModuleKind::Module
                };
                module(c, kind, parent, source, conditional, out);
            }
            "quote" | "defimpl" => {}
            _ => {
                for b in bodies(c) {
                    for x in b {
                        top(x, parent, source, true, out);
                    }
                }
            }
        },
        _ => {}
    }
}

/// Every expression of every block of a call (`do`, `else`, …, and `->` clause bodies).
fn bodies(c: &Call) -> Vec<Vec<&Expr>> {
    let mut out = Vec::new();
    for name in ["do", "else", "after", "rescue", "catch"] {
        match c.block(name) {
            Some(BodyRef::Block(Body::Exprs(es))) => out.push(es.iter().collect()),
            Some(BodyRef::Block(Body::Clauses(cs))) => {
                for cl in cs {
                    out.push(cl.body.iter().collect());
                }
            }
            Some(BodyRef::Expr(e)) => out.push(vec![e]),
            None => {}
        }
    }
    out
}

/// The name a `defmodule` argument defines, following Elixir's nesting rule.
fn module_name(arg: &Expr, parent: Option<&str>) -> Option<String> {
    match &arg.kind {
        ExprKind::Alias(segs) => {
            if segs.first().map(String::as_str) == Some("Elixir") {
                return Some(segs[1..].join("."));
            }
            let joined = segs.join(".");
            Some(match parent {
                Some(p) => format!("{p}.{joined}"),
                None => joined,
            })
        }
        // `__MODULE__.Sub`
        ExprKind::Call(c) if c.args.is_empty() && !c.parens => {
            let base = match &c.target.as_ref()?.kind {
                ExprKind::Var(v) if v == "__MODULE__" => parent?.to_string(),
                _ => module_name(c.target.as_ref()?, parent)?,
            };
            Some(format!("{base}.{}", c.name))
        }
        _ => None,
    }
}

fn module(
    c: &Call,
    kind: ModuleKind,
    parent: Option<&str>,
    source: &Arc<SourceFile>,
    conditional: bool,
    out: &mut Vec<ModuleApi>,
) {
    let Some(arg) = c.args.first() else { return };
    let Some(name) = module_name(arg, parent) else {
        return;
    };
    let mut m = ModuleApi::new(name.clone(), kind, source.clone(), arg.span);
    if conditional {
        m.unknown
            .push(("the module is defined under a condition".into(), arg.span));
    }
    let mut walker = BodyWalker {
        m,
        source,
        pending: Pending::default(),
        enforce: None,
        optional: Vec::new(),
        nested: Vec::new(),
        attrs: std::collections::HashMap::new(),
        generated: Vec::new(),
    };
    if let Some(body) = c.do_body() {
        match body {
            BodyRef::Block(Body::Exprs(es)) => {
                for e in es {
                    walker.stmt(e, false);
                }
            }
            BodyRef::Expr(e) => walker.stmt(e, false),
            BodyRef::Block(Body::Clauses(_)) => {}
        }
    }
    walker.finish();
    out.push(walker.m);
    out.extend(walker.nested);
}

/// Attributes waiting for the next definition.
#[derive(Default)]
struct Pending {
    /// `Some(false)` for `@doc false`, `Some(true)` for a documented `@doc`.
    doc: Option<bool>,
    impl_: bool,
    deprecated: Option<String>,
}

struct BodyWalker<'s> {
    m: ModuleApi,
    source: &'s Arc<SourceFile>,
    pending: Pending,
    /// `@enforce_keys`: `Some(None)` when computed.
    enforce: Option<Option<Vec<String>>>,
    optional: Vec<(String, u32)>,
    nested: Vec<ModuleApi>,
    /// The last literal value of each module attribute (for `defstruct @fields ++ [...]`).
    attrs: std::collections::HashMap<String, Expr>,
    /// Definitions `defexception` made, which the module's own `def` replaces.
    generated: Vec<(String, u32)>,
}

impl BodyWalker<'_> {
    fn unknown(&mut self, why: impl Into<String>, span: Span) {
        self.m.unknown.push((why.into(), span));
    }

    fn stmt(&mut self, e: &Expr, conditional: bool) {
        match &e.kind {
            ExprKind::Block(items) => {
                for i in items {
                    self.stmt(i, conditional);
                }
            }
            ExprKind::AttrSet { name, value } => self.attr(name, value, e.span),
            ExprKind::Call(c) => self.call(c, e.span, conditional),
            // `@moduledoc` read, literals, variables: nothing exported.
            _ => {}
        }
    }

    fn attr(&mut self, name: &str, value: &Expr, span: Span) {
        self.attrs.insert(name.to_string(), value.clone());
        match name {
            "moduledoc" => {
                if matches!(value.kind, ExprKind::Bool(false)) {
                    self.m.hidden = true;
                }
            }
            "doc" => {
                self.pending.doc = Some(!matches!(value.kind, ExprKind::Bool(false)));
            }
            "impl" => {
                self.pending.impl_ = !matches!(value.kind, ExprKind::Bool(false));
            }
            "deprecated" => {
                self.pending.deprecated = Some(string_of(value).unwrap_or_default());
            }
            "enforce_keys" => {
                self.enforce = Some(field_list(value, &self.attrs));
            }
            "optional_callbacks" => match name_arity_list(value) {
                Some(list) => self.optional.extend(list),
                None => self.unknown("`@optional_callbacks` is computed", span),
            },
            "callback" | "macrocallback" => {
                let kind = if name == "callback" {
                    DefKind::Function
                } else {
                    DefKind::Macro
                };
                match spec_head(value) {
                    Some((n, arity, at)) => {
                        self.m.callbacks.insert(
                            (n, arity),
                            Callback {
                                kind,
                                optional: false,
                                span: at,
                            },
                        );
                    }
                    None => self.unknown(format!("a `@{name}` hexlint cannot read"), span),
                }
            }
            "type" | "opaque" => match spec_head(value) {
                Some((n, arity, at)) => {
                    self.m.types.insert(
                        (n, arity),
                        TypeDef {
                            opaque: name == "opaque",
                            span: at,
                        },
                    );
                }
                None => self.unknown(format!("a `@{name}` hexlint cannot read"), span),
            },
            _ => {}
        }
    }

    fn call(&mut self, c: &Call, span: Span, conditional: bool) {
        let record_target = match &c.target {
            None => true,
            Some(t) => {
                matches!(&t.kind, ExprKind::Alias(segs) if segs.len() == 1 && segs[0] == "Record")
            }
        };
        if record_target && matches!(c.name.as_str(), "defrecord" | "defrecordp") {
            self.record(c, span);
            return;
        }
        if let Some(target) = &c.target {
            let harmless = match &target.kind {
                ExprKind::Alias(segs) => {
                    segs.len() == 1 && HARMLESS_REMOTE.contains(&segs[0].as_str())
                }
                ExprKind::Atom(_) => true,
                _ => false,
            };
            if !harmless {
                self.unknown(
                    format!(
                        "calls `{}.{}` at module level, which may define functions",
                        describe(target),
                        c.name
                    ),
                    span,
                );
            }
            return;
        }
        match c.name.as_str() {
            "def" | "defmacro" | "defguard" | "defdelegate" => {
                let kind = if c.name == "defmacro" || c.name == "defguard" {
                    DefKind::Macro
                } else {
                    DefKind::Function
                };
                if conditional {
                    self.unknown(format!("`{}` under a condition", c.name), c.name_span);
                }
                self.def(c, kind);
            }
            "defp" | "defmacrop" | "defguardp" => {
                self.pending = Pending::default();
            }
            "defmodule" | "defprotocol" => {
                let kind = if c.name == "defprotocol" {
                    ModuleKind::Protocol
                } else {
                    ModuleKind::Module
                };
                let name = self.m.name.clone();
                module(
                    c,
                    kind,
                    Some(&name),
                    self.source,
                    conditional,
                    &mut self.nested,
                );
            }
            "defstruct" | "defexception" => {
                let fields = c.args.first().and_then(|a| field_list(a, &self.attrs));
                let fields = if c.args.is_empty() {
                    Some(Vec::new())
                } else {
                    fields
                };
                let exception = c.name == "defexception";
                if exception {
                    // `exception/1` and `message/1` are defined unless the module does.
                    // Both are documented as hidden, even when the module writes `message/1`.
                    for f in ["exception", "message"] {
                        self.generated.push((f.to_string(), 1));
                        self.m.defs.entry((f.to_string(), 1)).or_insert(Def {
                            kind: DefKind::Function,
                            hidden: true,
                            deprecated: None,
                            max_arity: 1,
                            span: c.name_span,
                        });
                    }
                }
                self.m.structure = Some(StructDef {
                    fields,
                    enforce: Some(Vec::new()),
                    exception,
                    span: c.name_span,
                });
                if let Some(e) = self.enforce.clone()
                    && let Some(s) = &mut self.m.structure
                {
                    s.enforce = e;
                }
            }
            "use" => {
                let what = c.args.first().map(describe).unwrap_or_default();
                self.unknown(
                    format!("`use {what}` may define functions hexlint cannot see"),
                    span,
                );
            }
            "if" | "unless" | "case" | "cond" | "for" | "with" | "try" => {
                let mut any = false;
                for b in bodies(c) {
                    for x in b {
                        any = true;
                        self.stmt(x, true);
                    }
                }
                if c.name == "for" && any {
                    self.unknown("definitions generated by `for`", c.name_span);
                }
            }
            "quote" | "unquote" | "unquote_splicing" => {
                self.unknown(format!("`{}` at module level", c.name), span);
            }
            n if HARMLESS.contains(&n) => {}
            // A local call at module level with a `do` block or arguments: a macro from `use` or
            // `import` (a module cannot call its own macros while being defined).
            _ => self.unknown(
                format!(
                    "calls `{}` at module level, which may define functions",
                    c.name
                ),
                c.name_span,
            ),
        }
    }

    /// `Record.defrecord(:name, …)` defines the public macros `name/0`, `name/1` and `name/2`
    /// (`defrecordp` private ones).
    fn record(&mut self, c: &Call, span: Span) {
        let pending = std::mem::take(&mut self.pending);
        if c.name == "defrecordp" {
            return;
        }
        let Some(ExprKind::Atom(name)) = c.args.first().map(|a| &a.kind) else {
            self.unknown("a `defrecord` whose name hexlint cannot read", span);
            return;
        };
        let hidden = match pending.doc {
            Some(shown) => !shown,
            None => name.starts_with('_'),
        };
        // Two macros: `name(args \\ [])` takes the pending `@doc`/`@deprecated`, `name/2` not.
        for arity in 0..=2 {
            let first = arity < 2;
            self.m.defs.entry((name.clone(), arity)).or_insert(Def {
                kind: DefKind::Macro,
                hidden: if first { hidden } else { name.starts_with('_') },
                deprecated: pending.deprecated.clone().filter(|_| first),
                max_arity: if first { 1 } else { 2 },
                span: c.args[0].span,
            });
        }
    }

    fn def(&mut self, c: &Call, kind: DefKind) {
        let pending = std::mem::take(&mut self.pending);
        let args = c.args_without_blocks();
        let Some(head) = args.first() else { return };
        // `defdelegate f(a), to: M` — the head is the first argument either way.
        let Some((name, min, max, at)) = head_arity(head, self.source) else {
            self.unknown(
                format!("a `{}` whose name hexlint cannot read", c.name),
                head.span,
            );
            return;
        };
        let documented = pending.doc;
        let hidden = match documented {
            Some(shown) => !shown,
            None => pending.impl_ || name.starts_with('_'),
        };
        for arity in min..=max {
            let key = (name.clone(), arity);
            if let Some(at) = self.generated.iter().position(|g| *g == key) {
                // The module's own `message/1` replaces `defexception`'s.
                self.generated.remove(at);
                self.m.defs.remove(&key);
            }
            if self.m.defs.contains_key(&key) {
                continue;
            }
            self.m.defs.insert(
                (name.clone(), arity),
                Def {
                    kind,
                    hidden,
                    deprecated: pending.deprecated.clone(),
                    max_arity: max,
                    span: at,
                },
            );
        }
        if self.m.kind == ModuleKind::Protocol && kind == DefKind::Function {
            self.m.callbacks.insert(
                (name, max),
                Callback {
                    kind,
                    optional: false,
                    span: at,
                },
            );
        }
    }

    fn finish(&mut self) {
        for key in std::mem::take(&mut self.optional) {
            if let Some(cb) = self.m.callbacks.get_mut(&key) {
                cb.optional = true;
            }
        }
        if self.m.kind == ModuleKind::Protocol {
            // The protocol generates `impl_for/1` and `impl_for!/1` (hidden) and the type `t/0`.
            for f in ["impl_for", "impl_for!"] {
                self.m.defs.entry((f.to_string(), 1)).or_insert(Def {
                    kind: DefKind::Function,
                    hidden: true,
                    deprecated: None,
                    max_arity: 1,
                    span: self.m.span,
                });
            }
            self.m.types.entry(("t".to_string(), 0)).or_insert(TypeDef {
                opaque: false,
                span: self.m.span,
            });
        }
    }
}

/// `name(args)` (with `when` guard, `\\` defaults), a bare `name`, or an operator: the name, the
/// lowest and highest arity, and the span of the name.
fn head_arity(head: &Expr, source: &SourceFile) -> Option<(String, u32, u32, Span)> {
    match &head.kind {
        ExprKind::Binary {
            op: BinOp::When,
            lhs,
            ..
        } => head_arity(lhs, source),
        ExprKind::Call(c) if c.target.is_none() => {
            if c.name == "unquote" {
                return None;
            }
            let max = c.args.len() as u32;
            let defaults = c
                .args
                .iter()
                .filter(|a| {
                    matches!(
                        a.kind,
                        ExprKind::Binary {
                            op: BinOp::Default,
                            ..
                        }
                    )
                })
                .count() as u32;
            Some((c.name.clone(), max - defaults, max, c.name_span))
        }
        ExprKind::Var(v) => Some((v.clone(), 0, 0, head.span)),
        ExprKind::Binary { lhs, rhs, .. } => {
            let op = source
                .text
                .get(lhs.span.end..rhs.span.start)?
                .trim()
                .to_string();
            if op.is_empty() || op.contains(char::is_whitespace) {
                return None;
            }
            Some((op, 2, 2, head.span))
        }
        ExprKind::Unary { expr, .. } => {
            let op = source
                .text
                .get(head.span.start..expr.span.start)?
                .trim()
                .to_string();
            (!op.is_empty()).then_some((op, 1, 1, head.span))
        }
        _ => None,
    }
}

/// The head of a `@type`/`@callback` value: `name(args) :: …` (also with `when`).
fn spec_head(value: &Expr) -> Option<(String, u32, Span)> {
    match &value.kind {
        ExprKind::Binary {
            op: BinOp::When,
            lhs,
            ..
        } => spec_head(lhs),
        ExprKind::Binary {
            op: BinOp::Type,
            lhs,
            ..
        } => match &lhs.kind {
            ExprKind::Call(c) if c.target.is_none() => {
                Some((c.name.clone(), c.args.len() as u32, c.name_span))
            }
            ExprKind::Var(v) => Some((v.clone(), 0, lhs.span)),
            _ => None,
        },
        // `@type t` (no definition) is not valid; `@callback f(a)` without return neither.
        _ => None,
    }
}

/// `defstruct [:a, b: 1]` / `defstruct a: 1` → field names; `@attr` reads and `++` of known
/// lists are followed (`defstruct [stack: []] ++ @enforce_keys`).
fn field_list(e: &Expr, attrs: &std::collections::HashMap<String, Expr>) -> Option<Vec<String>> {
    field_list_depth(e, attrs, 0)
}

fn field_list_depth(
    e: &Expr,
    attrs: &std::collections::HashMap<String, Expr>,
    depth: usize,
) -> Option<Vec<String>> {
    if depth > 8 {
        return None;
    }
    match &e.kind {
        ExprKind::List(items) => items
            .iter()
            .map(|i| match &i.kind {
                ExprKind::Atom(a) => Some(a.clone()),
                _ => match i.as_keyword_pair() {
                    Some((k, _)) => match &k.kind {
                        ExprKind::Atom(a) => Some(a.clone()),
                        _ => None,
                    },
                    None => None,
                },
            })
            .collect(),
        ExprKind::AttrRead(name) => field_list_depth(attrs.get(name)?, attrs, depth + 1),
        ExprKind::Binary {
            op: BinOp::ListConcat,
            lhs,
            rhs,
        } => {
            let mut l = field_list_depth(lhs, attrs, depth + 1)?;
            l.extend(field_list_depth(rhs, attrs, depth + 1)?);
            Some(l)
        }
        _ => None,
    }
}

/// `[a: 1, b: 2]` → `[("a", 1), ("b", 2)]`.
fn name_arity_list(e: &Expr) -> Option<Vec<(String, u32)>> {
    match &e.kind {
        ExprKind::List(items) => items
            .iter()
            .map(|i| {
                let (k, v) = i.as_keyword_pair()?;
                match (&k.kind, &v.kind) {
                    (ExprKind::Atom(a), ExprKind::Integer(n)) => Some((a.clone(), *n as u32)),
                    _ => None,
                }
            })
            .collect(),
        _ => None,
    }
}

fn string_of(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::String(parts) => Some(
            parts
                .iter()
                .map(|p| match p {
                    crate::mixexs::ast::StrPart::Lit(s) => s.as_str(),
                    crate::mixexs::ast::StrPart::Interp(_) => "…",
                })
                .collect(),
        ),
        _ => None,
    }
}

/// A short rendering of an alias or call for messages.
fn describe(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Alias(segs) => segs.join("."),
        ExprKind::Atom(a) => format!(":{a}"),
        ExprKind::Var(v) => v.clone(),
        ExprKind::Call(c) => match &c.target {
            Some(t) => format!("{}.{}", describe(t), c.name),
            None => c.name.clone(),
        },
        _ => "…".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(src: &str) -> Vec<String> {
        let source = Arc::new(SourceFile::new("lib/x.ex", src));
        let mut p = super::super::PackageApi::default();
        p.add(extract_elixir(&source).unwrap());
        p.lines()
    }

    #[test]
    fn defaults_give_arity_ranges_and_doc_false_hides() {
        let lines = api(r#"
defmodule A do
  @doc false
  def hidden(x), do: x
  def f(a, b \\ 1, c \\ 2) when is_integer(a), do: a
  defp private(x), do: x
  defmacro m(x), do: x
  @deprecated "use f/1"
  def old, do: 1
  defdelegate d(x), to: Enum, as: :count
  defmodule B do
    @moduledoc false
    def g, do: 1
  end
end
"#);
        assert_eq!(
            lines,
            [
                "function A.B.g/0",
                "function A.d/1",
                "function A.f/1",
                "function A.f/2",
                "function A.f/3",
                "function A.hidden/1 hidden",
                "function A.old/0 deprecated",
                "macro A.m/1",
                "module A",
                "module A.B hidden",
            ]
        );
    }

    #[test]
    fn typespec_keywords_after_when_and_spliced_map_entries_parse() {
        let lines = api(r#"
defmodule P do
  @spec run(t, (t -> r)) :: r when t: term, r: var
  def run(x, f), do: f.(x)
  defmacro m(pairs), do: quote(do: %{unquote_splicing(pairs)})
end
"#);
        assert_eq!(lines, ["function P.run/2", "macro P.m/1", "module P"]);
    }

    #[test]
    fn structs_callbacks_types_and_unknowns() {
        let lines = api(r#"
defmodule S do
  use GenServer
  @enforce_keys [:a]
  defstruct [:a, b: 1]
  @type t :: %__MODULE__{}
  @typep p :: integer
  @opaque o(x) :: x
  @callback c(integer) :: :ok
  @macrocallback mc(term) :: Macro.t
  @optional_callbacks c: 1
end
"#);
        assert_eq!(
            lines,
            [
                "callback S.c/1 optional",
                "callback S.mc/1 macro",
                "module S",
                "struct S a,b enforce a",
                "type S.o/1 opaque",
                "type S.t/0",
            ]
        );
        let source = Arc::new(SourceFile::new(
            "lib/x.ex",
            "defmodule S do\n use GenServer\nend\n",
        ));
        let m = &extract_elixir(&source).unwrap()[0];
        assert!(!m.is_complete());
        let source = Arc::new(SourceFile::new(
            "lib/x.ex",
            "defmodule S do\n Enum.each([:a], fn n -> def unquote(n)(), do: 1 end)\nend\n",
        ));
        assert!(!extract_elixir(&source).unwrap()[0].is_complete());
    }
}
