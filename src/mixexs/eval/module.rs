//! Reading module bodies as Elixir compiles them: in textual order, attributes are evaluated when
//! they are set, each `def` clause remembers which attribute values it sees, and `alias`/`import`/
//! `use Mix.Project` are recorded. Other module-level code (`Code.ensure_loaded?`, `raise` …) is
//! not run: its value never reaches `project/0`.

use super::{Evaluator, Frame, describe, root_reason};
use crate::mixexs::ast::{BinOp, BodyRef, Call, Expr, ExprKind};
use crate::mixexs::value::Value;
use crate::source::Span;
use std::rc::Rc;

/// A module defined in mix.exs.
pub(crate) struct Module<'a> {
    /// Full name without `Elixir.` (`Postgrex.MixProject`).
    pub name: String,
    pub span: Span,
    /// The enclosing module for nested `defmodule`s (aliases are inherited).
    pub parent: Option<usize>,
    pub uses_mix_project: bool,
    /// True until the module's body has been read: its functions cannot be called yet.
    pub being_defined: bool,
    /// Every attribute assignment in order; a reader sees a prefix of it.
    pub attrs: Vec<(&'a str, Value)>,
    pub functions: Vec<Rc<FunDef<'a>>>,
    /// `(short name, full name)` from `alias`, nested modules and `require … as:`.
    pub aliases: Vec<(String, String)>,
    /// Full names of imported modules.
    pub imports: Vec<String>,
    /// Attributes registered with `accumulate: true`: a read gives every value, newest first.
    pub accumulating: Vec<&'a str>,
}

/// All clauses of one `name/arity`.
#[derive(Clone)]
pub(crate) struct FunDef<'a> {
    pub name: &'a str,
    pub arity: usize,
    pub private: bool,
    /// Per parameter, its default (`\\`) expression.
    pub defaults: Vec<Option<&'a Expr>>,
    /// Attributes visible to default expressions.
    pub default_attr_pos: usize,
    pub clauses: Vec<FunClause<'a>>,
    /// `defdelegate name(args), to: Module, as: :other`: calls go there.
    pub delegate: Option<Delegate>,
}

/// Where a `defdelegate` sends its calls.
#[derive(Clone)]
pub(crate) struct Delegate {
    /// An Elixir module (`Postgrex.MixProject`, no `Elixir.`), or an Erlang one (`:lists`).
    pub module: String,
    pub erlang: bool,
    pub function: String,
}

#[derive(Clone)]
pub(crate) struct FunClause<'a> {
    pub params: Vec<&'a Expr>,
    pub guard: Option<&'a Expr>,
    /// `None` for a bodiless head (`def f(a, b \\ [])`) that only declares defaults.
    pub body: Option<BodyRef<'a>>,
    pub attr_pos: usize,
    /// Set when the clause is defined under a module-level `if` whose condition is unknown:
    /// calling it gives this unknown value.
    pub condition: Option<Value>,
}

/// Attributes whose values are documentation or typespecs: never evaluated.
const SKIPPED_ATTRIBUTES: &[&str] = &[
    "doc",
    "moduledoc",
    "typedoc",
    "spec",
    "type",
    "typep",
    "opaque",
    "callback",
    "macrocallback",
    "impl",
    "dialyzer",
    "deprecated",
    "since",
];

impl<'a> Evaluator<'a> {
    /// Find every `defmodule` at the top of the file (also inside top-level blocks and `if`s)
    /// and read their bodies in order.
    pub(super) fn collect_modules(&mut self, exprs: &'a [Expr]) {
        for e in exprs {
            self.collect_in(e, None);
        }
    }

    fn collect_in(&mut self, e: &'a Expr, parent: Option<usize>) {
        if !self.enter_nested() {
            return;
        }
        self.collect_in_inner(e, parent);
        self.depth -= 1;
    }

    /// Module bodies nest like expressions: the same depth bound keeps the recursion small.
    /// `false` (and nothing entered) when the bound is reached.
    fn enter_nested(&mut self) -> bool {
        if self.depth >= self.max_depth {
            self.depth_limited = true;
            return false;
        }
        self.depth += 1;
        true
    }

    fn collect_in_inner(&mut self, e: &'a Expr, parent: Option<usize>) {
        match &e.kind {
            ExprKind::Block(items) => {
                for item in items {
                    self.collect_in(item, parent);
                }
            }
            ExprKind::Call(c) if c.target.is_none() => match c.name.as_str() {
                "defmodule" => self.define_module(c, e.span, parent),
                "if" | "unless" => {
                    for name in ["do", "else"] {
                        for item in body_items(c.block(name)) {
                            self.collect_in(item, parent);
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }

    fn define_module(&mut self, c: &'a Call, span: Span, parent: Option<usize>) {
        let Some(ExprKind::Alias(parts)) = c.args.first().map(|a| &a.kind) else {
            return;
        };
        let (name, short_alias) = match parent {
            Some(p) if parts.first().is_some_and(|f| f != "Elixir") => (
                format!("{}.{}", self.modules[p].name, parts.join(".")),
                Some(parts[0].clone()),
            ),
            _ => (self.resolve_alias_at_top(parts, parent), None),
        };
        if let (Some(p), Some(short)) = (parent, short_alias) {
            let full = format!("{}.{short}", self.modules[p].name);
            self.modules[p].aliases.push((short, full));
        }
        let index = self.modules.len();
        self.modules.push(Module {
            name,
            span,
            parent,
            uses_mix_project: false,
            being_defined: true,
            attrs: Vec::new(),
            functions: Vec::new(),
            aliases: Vec::new(),
            imports: Vec::new(),
            accumulating: Vec::new(),
        });
        let mut frame = Frame {
            module: index,
            attr_pos: 0,
            vars: Vec::new(),
            module_level: true,
        };
        let items = body_items(c.block("do"));
        self.read_items(index, items, &mut frame, None);
        self.modules[index].being_defined = false;
    }

    fn resolve_alias_at_top(&self, parts: &[String], parent: Option<usize>) -> String {
        match parent {
            Some(p) => self.resolve_alias(p, parts),
            None if parts.first().is_some_and(|f| f == "Elixir") => parts[1..].join("."),
            None => parts.join("."),
        }
    }

    /// Read module-body items in order. `condition` is set (to an unknown value) inside a
    /// module-level `if` whose condition could not be evaluated.
    fn read_items(
        &mut self,
        index: usize,
        items: &'a [Expr],
        frame: &mut Frame<'a>,
        condition: Option<&Value>,
    ) {
        if !self.enter_nested() {
            return;
        }
        self.read_items_inner(index, items, frame, condition);
        self.depth -= 1;
    }

    fn read_items_inner(
        &mut self,
        index: usize,
        items: &'a [Expr],
        frame: &mut Frame<'a>,
        condition: Option<&Value>,
    ) {
        for item in items {
            frame.attr_pos = self.modules[index].attrs.len();
            match &item.kind {
                ExprKind::AttrSet { name, value } => {
                    if SKIPPED_ATTRIBUTES.contains(&name.as_str()) {
                        continue;
                    }
                    let v = match condition {
                        Some(c) => c.clone(),
                        None => self.eval(value, frame),
                    };
                    self.modules[index].attrs.push((name.as_str(), v));
                }
                ExprKind::Block(inner) => self.read_items(index, inner, frame, condition),
                ExprKind::Binary {
                    op: BinOp::Match, ..
                } if condition.is_none() => {
                    self.eval(item, frame);
                }
                // Evaluated for its note: Mix cannot load a file that raises while loading.
                ExprKind::Call(c)
                    if c.target.is_none() && c.name == "raise" && condition.is_none() =>
                {
                    self.eval(item, frame);
                }
                ExprKind::Call(c) if c.target.is_none() => {
                    self.read_call(index, c, item.span, frame, condition);
                }
                ExprKind::Call(c) if is_register_attribute(c) => {
                    if let [_, name, opts] = c.args.as_slice()
                        && let ExprKind::Atom(name) = &name.kind
                        && let ExprKind::List(opts) = &opts.kind
                        && opts.iter().any(|o| {
                            o.as_keyword_pair().is_some_and(|(k, v)| {
                                matches!(&k.kind, ExprKind::Atom(k) if k == "accumulate")
                                    && matches!(v.kind, ExprKind::Bool(true))
                            })
                        })
                    {
                        self.modules[index].accumulating.push(name);
                    }
                }
                _ => {}
            }
        }
    }

    fn read_call(
        &mut self,
        index: usize,
        c: &'a Call,
        span: Span,
        frame: &mut Frame<'a>,
        condition: Option<&Value>,
    ) {
        match c.name.as_str() {
            "def" | "defp" => self.add_clause(index, c, condition),
            "defguard" | "defguardp" => self.add_guard(index, c, condition),
            "defdelegate" => self.add_delegate(index, c, condition),
            "defmodule" => self.define_module(c, span, Some(index)),
            "use" => {
                if let Some(ExprKind::Alias(parts)) = c.args.first().map(|a| &a.kind)
                    && self.resolve_alias(index, parts) == "Mix.Project"
                {
                    self.modules[index].uses_mix_project = true;
                }
            }
            "alias" | "require" => self.add_alias(index, c),

            "import" => {
                if let Some(ExprKind::Alias(parts)) = c.args.first().map(|a| &a.kind) {
                    let full = self.resolve_alias(index, parts);
                    self.modules[index].imports.push(full);
                }
            }
            "if" | "unless" => {
                let Some(cond_expr) = c.args.first() else {
                    return;
                };
                let then_items = body_items(c.block("do"));
                let else_items = body_items(c.block("else"));
                let (then_items, else_items) = if c.name == "unless" {
                    (else_items, then_items)
                } else {
                    (then_items, else_items)
                };
                if condition.is_some() {
                    self.read_items(index, then_items, frame, condition);
                    self.read_items(index, else_items, frame, condition);
                    return;
                }
                let cond = self.eval(cond_expr, frame);
                match cond.truthy() {
                    Some(true) => self.read_items(index, then_items, frame, None),
                    Some(false) => self.read_items(index, else_items, frame, None),
                    None => {
                        let unknown = Value::unknown(
                            format!(
                                "defined under a module-level `{} {}`, which is unknown: {}",
                                c.name,
                                describe(cond_expr),
                                root_reason(&cond)
                            ),
                            span,
                        );
                        self.read_items(index, then_items, frame, Some(&unknown));
                        self.read_items(index, else_items, frame, Some(&unknown));
                    }
                }
            }
            _ => {}
        }
    }

    /// `alias A.B`, `alias A.B, as: C`, `require A.B, as: C`.
    fn add_alias(&mut self, index: usize, c: &'a Call) {
        let Some(ExprKind::Alias(parts)) = c.args.first().map(|a| &a.kind) else {
            return;
        };
        let full = self.resolve_alias(index, parts);
        let as_name = c.args.get(1).and_then(|opts| match &opts.kind {
            ExprKind::List(items) => items.iter().find_map(|i| {
                let (k, v) = i.as_keyword_pair()?;
                match (&k.kind, &v.kind) {
                    (ExprKind::Atom(k), ExprKind::Alias(p)) if k == "as" => p.last().cloned(),
                    _ => None,
                }
            }),
            _ => None,
        });
        let short = match as_name {
            Some(s) => s,
            // `require` without `as:` adds no alias.
            None if c.name == "require" => return,
            None => match parts.last() {
                Some(last) => last.clone(),
                None => return,
            },
        };
        self.modules[index].aliases.push((short, full));
    }

    /// Register one `def`/`defp` clause (or bodiless head).
    fn add_clause(&mut self, index: usize, c: &'a Call, condition: Option<&Value>) {
        let Some(head) = c.args.first() else {
            return;
        };
        let (head, guard) = match &head.kind {
            ExprKind::Binary {
                op: BinOp::When,
                lhs,
                rhs,
            } => (&**lhs, Some(&**rhs)),
            _ => (head, None),
        };
        let body = c.block("do");
        self.add_function(index, head, guard, body, c.name == "defp", condition, None);
    }

    /// `defguard name(args) when expr`: a function whose body is the guard expression (as
    /// Elixir expands it outside guards).
    fn add_guard(&mut self, index: usize, c: &'a Call, condition: Option<&Value>) {
        let Some(Expr {
            kind:
                ExprKind::Binary {
                    op: BinOp::When,
                    lhs,
                    rhs,
                },
            ..
        }) = c.args.first()
        else {
            return;
        };
        let body = Some(BodyRef::Expr(rhs));
        let private = c.name == "defguardp";
        self.add_function(index, lhs, None, body, private, condition, None);
    }

    /// `defdelegate name(args), to: Module, as: :other`.
    fn add_delegate(&mut self, index: usize, c: &'a Call, condition: Option<&Value>) {
        let (Some(head), Some(opts)) = (c.args.first(), c.args.get(1)) else {
            return;
        };
        let ExprKind::List(opts) = &opts.kind else {
            return;
        };
        let option = |key: &str| {
            opts.iter().find_map(|o| {
                let (k, v) = o.as_keyword_pair()?;
                matches!(&k.kind, ExprKind::Atom(a) if a == key).then_some(v)
            })
        };
        let (module, erlang) = match option("to").map(|t| &t.kind) {
            Some(ExprKind::Alias(parts)) => (self.resolve_alias(index, parts), false),
            Some(ExprKind::Var(v)) if v == "__MODULE__" => {
                (self.modules[index].name.clone(), false)
            }
            Some(ExprKind::Atom(a)) => (a.clone(), true),
            _ => return,
        };
        let name = match &head.kind {
            ExprKind::Call(hc) if hc.target.is_none() => hc.name.clone(),
            ExprKind::Var(n) => n.clone(),
            _ => return,
        };
        let function = match option("as").map(|a| &a.kind) {
            Some(ExprKind::Atom(a)) => a.clone(),
            None => name,
            _ => return,
        };
        let delegate = Delegate {
            module,
            erlang,
            function,
        };
        // The clause is a bodiless head: the call goes to the delegate.
        self.add_function(index, head, None, None, false, condition, Some(delegate));
    }

    #[allow(clippy::too_many_arguments)]
    fn add_function(
        &mut self,
        index: usize,
        head: &'a Expr,
        guard: Option<&'a Expr>,
        body: Option<BodyRef<'a>>,
        private: bool,
        condition: Option<&Value>,
        delegate: Option<Delegate>,
    ) {
        let (name, raw_params): (&'a str, &'a [Expr]) = match &head.kind {
            ExprKind::Call(hc) if hc.target.is_none() => (&hc.name, &hc.args),
            ExprKind::Var(n) => (n, &[]),
            _ => return,
        };
        let mut params = Vec::with_capacity(raw_params.len());
        let mut defaults = Vec::with_capacity(raw_params.len());
        for p in raw_params {
            match &p.kind {
                ExprKind::Binary {
                    op: BinOp::Default,
                    lhs,
                    rhs,
                } => {
                    params.push(&**lhs);
                    defaults.push(Some(&**rhs));
                }
                _ => {
                    params.push(p);
                    defaults.push(None);
                }
            }
        }
        let attr_pos = self.modules[index].attrs.len();
        let clause = FunClause {
            params,
            guard,
            body,
            attr_pos,
            condition: condition.cloned(),
        };
        let arity = raw_params.len();
        let has_defaults = defaults.iter().any(Option::is_some);
        let module = &mut self.modules[index];
        match module
            .functions
            .iter_mut()
            .find(|f| f.name == name && f.arity == arity)
        {
            Some(existing) => {
                let fun = Rc::make_mut(existing);
                if has_defaults {
                    fun.defaults = defaults;
                    fun.default_attr_pos = attr_pos;
                }
                fun.clauses.push(clause);
            }
            None => module.functions.push(Rc::new(FunDef {
                name,
                arity,
                private,
                defaults,
                default_attr_pos: attr_pos,
                clauses: vec![clause],
                delegate,
            })),
        }
    }
}

/// `Module.register_attribute(…)`.
fn is_register_attribute(c: &Call) -> bool {
    c.name == "register_attribute"
        && matches!(&c.target, Some(Expr { kind: ExprKind::Alias(parts), .. }) if parts.len() == 1 && parts[0] == "Module")
}

/// The expressions of a `do`/`else` body (empty when absent or made of `->` clauses).
fn body_items<'a>(body: Option<BodyRef<'a>>) -> &'a [Expr] {
    match body {
        Some(BodyRef::Expr(e)) => std::slice::from_ref(e),
        Some(BodyRef::Block(crate::mixexs::ast::Body::Exprs(items))) => items,
        _ => &[],
    }
}
