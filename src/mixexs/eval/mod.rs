//! Partial evaluation of `project/0`: follows the module's own functions, attributes, pure
//! standard-library calls and branches on known values. Anything else becomes `Unknown`, with a
//! reason naming the call and why. Nothing is ever executed: the only side effects are read-only
//! file-system questions (`File.read!/1`, `File.exists?/1`, …) relative to the project root.
//!
//! How unknowns travel: a list keeps its known elements around an unknown one (which may stand
//! for any number of elements, as in `known ++ unknown`), so keyword lookups of keys written before
//! it stay known; an `if`/`case` on an unknown value is unknown unless both branches agree. Code
//! that surely raises (a reached `raise`, `File.read!` of a missing file, no matching clause …)
//! stops evaluation: Mix could not load the file, so the result is that unknown value plus an
//! [`EvalNote`]. Every reason names the call or expression and why.
//!
//! Layout: this file holds the public API and expression evaluation; [`module`] reads module bodies
//! (attributes, `def` clauses, aliases); [`pattern`] does pattern matching; [`builtins`] implements
//! the standard-library calls; [`ops`] holds Elixir's equality, ordering and `to_string`;
//! [`describe`] prints expressions back as short Elixir text for reasons.

mod builtins;
mod describe;
mod module;
mod ops;
mod pattern;
mod versioned;

use super::ParsedFile;
use super::ast::{BinOp, Body, BodyRef, Call, Clause, Expr, ExprKind, StrPart};
use super::value::{Value, ValueKind};
use crate::limits;
use crate::project::EvalNote;
use crate::source::Span;
use describe::describe;
use module::{FunDef, Module};
use pattern::Matched;
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

/// What evaluation may look at.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// The project directory (`File.read!` and `__DIR__` are relative to it).
    pub root: PathBuf,
    /// `Mix.env()`: `dev` unless `MIX_ENV` or `--env` says otherwise.
    pub mix_env: String,
    /// `Mix.target()`: `host` unless `MIX_TARGET` says otherwise.
    pub mix_target: String,
    /// A snapshot of the environment for `System.get_env/1,2`.
    pub env_vars: HashMap<String, String>,
    /// `System.version()`: the Elixir running Mix, when known (`"1.14.0"`).
    pub elixir_version: Option<String>,
    /// `System.otp_release()`: the Erlang/OTP release running Mix, when known (`"25"`).
    pub otp_release: Option<String>,
}

impl EvalOptions {
    /// Options from the real process environment, as Mix would see them. Variables whose name
    /// or value is not UTF-8 are left out (`System.get_env` of them is rare and cannot be
    /// represented as a string value anyway).
    pub fn from_env(root: PathBuf, env_override: Option<String>) -> EvalOptions {
        let env_vars: HashMap<String, String> = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        let mix_env = env_override
            .or_else(|| env_vars.get("MIX_ENV").filter(|v| !v.is_empty()).cloned())
            .unwrap_or_else(|| "dev".to_string());
        let mix_target = env_vars
            .get("MIX_TARGET")
            .filter(|v| !v.is_empty())
            .cloned()
            .unwrap_or_else(|| "host".to_string());
        EvalOptions {
            root,
            mix_env,
            mix_target,
            env_vars,
            elixir_version: None,
            otp_release: None,
        }
    }

    /// Options that do not look at the process environment: `dev`, `host`, no variables.
    pub fn new(root: impl Into<PathBuf>) -> EvalOptions {
        EvalOptions {
            root: root.into(),
            mix_env: "dev".to_string(),
            mix_target: "host".to_string(),
            env_vars: HashMap::new(),
            elixir_version: None,
            otp_release: None,
        }
    }
}

/// The result of evaluating a mix.exs.
#[derive(Debug, Clone)]
pub struct Evaluated {
    /// The project module's name (`Postgrex.MixProject`), if a module with `use Mix.Project` exists.
    pub module: Option<String>,
    /// The value of `project/0` (unknown if there is none, or it cannot be evaluated).
    pub project: Value,
    /// The value of a public `cli/0` (Elixir 1.15+: `preferred_envs`, `default_env`,
    /// `default_task`), when the project module defines one.
    pub cli: Option<Value>,
    pub notes: Vec<EvalNote>,
    /// Code that surely runs while Mix loads the file raises (`project` is that error).
    pub raised: bool,
    /// Evaluation asked which Elixir (or OTP) runs Mix: `System.version/0`, `Code.ensure_loaded?/1`
    /// of a standard module, `Mix.compilers/0` … Without a fixed version the result may then
    /// differ between Elixir releases (see `crate::worlds`).
    pub version_dependent: bool,
    /// Evaluation asked `Mix.env()`: the result may differ between Mix environments.
    pub env_dependent: bool,
}

/// Stack size of the evaluation thread used for deeply nested input. Evaluation recurses once
/// per nested expression and is bounded by [`limits::MAX_EVAL_DEPTH`]; unoptimised builds use up
/// to ~16 KiB per level, so the thread gets ample room (only pages actually touched are committed).
const EVAL_STACK_BYTES: usize = 256 * 1024 * 1024;

/// The depth bound of the first, in-place attempt: small enough for any caller's stack (even a
/// 2 MiB test thread), large enough for every real mix.exs.
const INLINE_EVAL_DEPTH: usize = 48;

/// Evaluate the `project/0` function of the module that calls `use Mix.Project`.
///
/// Evaluation first runs on the caller's thread with a small depth bound. Only if that bound is
/// reached (deeply nested input) does it run again on a dedicated thread with a large stack (see
/// [`EVAL_STACK_BYTES`]) and the full [`limits::MAX_EVAL_DEPTH`], so that no input can overflow
/// the stack and typical files do not pay for a thread.
pub fn evaluate(file: &ParsedFile, opts: &EvalOptions) -> Evaluated {
    let (first, depth_limited) = evaluate_here(file, opts, INLINE_EVAL_DEPTH);
    if !depth_limited {
        return first;
    }
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("hexlint-eval".into())
            .stack_size(EVAL_STACK_BYTES)
            .spawn_scoped(scope, || {
                evaluate_here(file, opts, limits::MAX_EVAL_DEPTH).0
            });
        match spawned {
            Ok(handle) => handle.join().unwrap_or_else(|_| Evaluated {
                module: None,
                project: Value::unknown(
                    "internal error: hexlint's evaluator crashed on this mix.exs (please report it)",
                    Span::default(),
                ),
                cli: None,
                notes: Vec::new(),
                raised: false,
                version_dependent: false,
                env_dependent: false,
            }),
            // No thread: keep the bounded first result.
            Err(_) => first,
        }
    })
}

/// Evaluate on this thread; also says whether the depth bound was reached.
fn evaluate_here(file: &ParsedFile, opts: &EvalOptions, max_depth: usize) -> (Evaluated, bool) {
    let mut ev = Evaluator::new(opts, max_depth);
    ev.collect_modules(&file.exprs);
    let Some(index) = ev.modules.iter().position(|m| m.uses_mix_project) else {
        let reason = if ev.modules.is_empty() {
            "mix.exs defines no module (Mix expects one that calls `use Mix.Project`)"
        } else {
            "no module in mix.exs calls `use Mix.Project`"
        };
        let raised = ev.raised.take();
        let evaluated = Evaluated {
            module: None,
            raised: raised.is_some(),
            project: raised.unwrap_or_else(|| Value::unknown(reason, Span::default())),
            cli: None,
            notes: ev.notes,
            version_dependent: ev.version_dependent,
            env_dependent: ev.env_dependent,
        };
        return (evaluated, ev.depth_limited);
    };
    let name = ev.modules[index].name.clone();
    let span = ev.modules[index].span;
    let mut project = match ev.find_function(index, "project", 0) {
        Some(fun) => ev.call_function(index, fun, Vec::new(), span),
        None => Value::unknown(format!("module {name} has no project/0 function"), span),
    };
    let raised = ev.raised.take();
    if let Some(raised) = &raised {
        project = raised.clone();
    }
    cap_nesting(&mut project, 0);
    // Mix asks `function_exported?(project, :cli, 0)`: a `defp cli` does not count.
    let cli = ev
        .find_function(index, "cli", 0)
        .filter(|fun| !fun.private && fun.arity == 0)
        .map(|fun| {
            let mut cli = ev.call_function(index, fun, Vec::new(), span);
            if let Some(raised) = ev.raised.take() {
                cli = raised;
            }
            cap_nesting(&mut cli, 0);
            cli
        });
    let evaluated = Evaluated {
        module: Some(name),
        project,
        cli,
        notes: ev.notes,
        raised: raised.is_some(),
        version_dependent: ev.version_dependent,
        env_dependent: ev.env_dependent,
    };
    (evaluated, ev.depth_limited)
}

/// Replace parts nested deeper than MAX_NESTING_DEPTH with unknown values, so that code walking
/// the result recursively (on an ordinary stack) stays bounded. Runs on the evaluation thread.
fn cap_nesting(v: &mut Value, depth: usize) {
    if depth >= limits::MAX_NESTING_DEPTH {
        *v = limit_unknown(
            "MAX_NESTING_DEPTH",
            &format!("value nests deeper than {}", limits::MAX_NESTING_DEPTH),
            v.span,
        );
        return;
    }
    match &mut v.kind {
        ValueKind::List(items) | ValueKind::Tuple(items) => {
            for item in items {
                cap_nesting(item, depth + 1);
            }
        }
        ValueKind::Map(pairs) => {
            for (k, x) in pairs {
                cap_nesting(k, depth + 1);
                cap_nesting(x, depth + 1);
            }
        }
        _ => {}
    }
}

/// Evaluation state: the modules of the file plus the counters that bound the work.
pub(crate) struct Evaluator<'a> {
    opts: &'a EvalOptions,
    /// `__DIR__`: the canonical project root, or why it is not available as text.
    root_dir: Result<String, String>,
    modules: Vec<Module<'a>>,
    steps: usize,
    depth: usize,
    max_depth: usize,
    /// Whether `max_depth` was reached (then a deeper run may give a better answer).
    depth_limited: bool,
    call_depth: usize,
    /// Above zero while evaluating code that may not run (both branches of an `if` on an unknown
    /// condition, a `try` body with handlers): no notes are recorded there.
    speculative: usize,
    /// Set when code that surely runs raises: Mix cannot load the file, so the whole result is
    /// this unknown value.
    raised: Option<Value>,
    notes: Vec<EvalNote>,
    /// Whether a call asked which Elixir or OTP runs Mix ([`Evaluated::version_dependent`]).
    version_dependent: bool,
    /// Whether `Mix.env()` was asked ([`Evaluated::env_dependent`]).
    env_dependent: bool,
    /// The budget of the keyword entry or list element being evaluated: `steps` may reach
    /// `scope.end` (each top-level key and each dependency gets [`limits::MAX_EVAL_STEPS`] of
    /// its own, all together at most [`limits::MAX_TOTAL_EVAL_STEPS`]).
    scope: StepScope,
}

/// One evaluation budget: where it ends, and what it was given to (for the reason).
#[derive(Clone)]
struct StepScope {
    end: usize,
    /// `docs: docs()`; `None` for the whole file.
    what: Option<String>,
    /// How many budgets enclose this one (only the outer two levels get their own).
    depth: usize,
}

/// Where an expression is evaluated: a function clause's variables, or a module body.
pub(crate) struct Frame<'a> {
    module: usize,
    /// How many attribute assignments of the module are visible (`@x` reads the last of them).
    attr_pos: usize,
    /// Bound variables, innermost last; scopes end by truncating.
    vars: Vec<(&'a str, Value)>,
    /// Code running while the module is being defined (attribute values): the module's own
    /// functions do not exist yet.
    module_level: bool,
}

impl<'a> Frame<'a> {
    fn function(module: usize, attr_pos: usize) -> Frame<'a> {
        Frame {
            module,
            attr_pos,
            vars: Vec::new(),
            module_level: false,
        }
    }

    fn lookup(&self, name: &str) -> Option<&Value> {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    }
}

/// The reason of an unknown value without the "`expr`: " prefixes added on the way up, so that
/// wrapping does not nest.
fn root_reason(v: &Value) -> &str {
    let mut reason = v.unknown_reason().unwrap_or("unknown value");
    while let Some(rest) = reason.strip_prefix("in `")
        && let Some(end) = rest.find("`: ")
    {
        reason = &rest[end + 3..];
    }
    reason
}

/// Does this reason (of an unknown value created right there, not passed on) say that running
/// the code would raise? Mix evaluates mix.exs and `project/0` when loading the project, so such
/// code makes Mix fail before any task runs: worth an [`EvalNote`].
fn raises(reason: &str) -> bool {
    !reason.starts_with("in `")
        && !reason.starts_with("depends on ")
        && !reason.starts_with("which clause ")
        && (reason.contains("(Mix would raise")
            || reason.contains(" would raise: ")
            || reason.contains("would abort loading mix.exs"))
}

/// Unknown because `expr` depends on an unknown value.
fn unknown_in(expr: &Expr, inner: &Value, span: Span) -> Value {
    Value::unknown(
        format!("in `{}`: {}", describe(expr), root_reason(inner)),
        span,
    )
}

fn limit_unknown(limit: &str, what: &str, span: Span) -> Value {
    Value::unknown(format!("{what} (hexlint's {limit} limit)"), span)
}

impl<'a> Evaluator<'a> {
    fn new(opts: &'a EvalOptions, max_depth: usize) -> Evaluator<'a> {
        let root =
            crate::portable::canonicalize(&opts.root).or_else(|_| std::path::absolute(&opts.root));
        let root_dir = match root {
            Ok(p) => p
                .to_str()
                .map(|_| crate::portable::slash_text(&p))
                .ok_or_else(|| "__DIR__ is not valid UTF-8".to_string()),
            Err(e) => Err(format!("__DIR__ cannot be determined: {e}")),
        };
        Evaluator {
            opts,
            root_dir,
            modules: Vec::new(),
            steps: 0,
            depth: 0,
            max_depth,
            depth_limited: false,
            call_depth: 0,
            speculative: 0,
            raised: None,
            notes: Vec::new(),
            version_dependent: false,
            env_dependent: false,
            scope: StepScope {
                end: limits::MAX_EVAL_STEPS,
                what: None,
                depth: 0,
            },
        }
    }

    /// Record a fact about loading mix.exs (the caller checks that the code surely runs).
    fn note(&mut self, span: Span, message: String) {
        let note = EvalNote { span, message };
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// Count work proportional to the size of a value about to be copied, so that copying large
    /// values repeatedly runs into MAX_EVAL_STEPS instead of running for minutes.
    fn charge(&mut self, v: &Value) {
        self.steps += ops::weight(v, limits::MAX_VALUE_BYTES) / 32;
    }

    /// An unknown value when a value built by an operation is over MAX_VALUE_BYTES.
    fn check_size(&mut self, v: Value) -> Value {
        let w = ops::weight(&v, limits::MAX_VALUE_BYTES + 1);
        self.steps += w / 32;
        if w > limits::MAX_VALUE_BYTES {
            limit_unknown(
                "MAX_VALUE_BYTES",
                &format!("value is larger than {} bytes", limits::MAX_VALUE_BYTES),
                v.span,
            )
        } else {
            v
        }
    }

    fn steps_exhausted(&self) -> bool {
        self.steps > self.scope.end || self.steps > limits::MAX_TOTAL_EVAL_STEPS
    }

    /// Why evaluation stopped when [`Self::steps_exhausted`]: which budget ran out.
    fn steps_reason(&self) -> String {
        if self.steps > limits::MAX_TOTAL_EVAL_STEPS {
            return format!(
                "evaluating mix.exs took more than {} steps in all",
                limits::MAX_TOTAL_EVAL_STEPS
            );
        }
        match &self.scope.what {
            Some(what) => format!(
                "evaluating `{what}` took more than {} steps",
                limits::MAX_EVAL_STEPS
            ),
            None => format!("evaluation took more than {} steps", limits::MAX_EVAL_STEPS),
        }
    }

    /// Evaluate one element of a list literal (a keyword entry such as `version: @version`,
    /// or a dependency tuple) on a budget of its own, so that an expensive neighbour cannot
    /// make it unknown. Only the two outer levels of lists get their own budgets.
    fn eval_element(&mut self, item: &'a Expr, f: &mut Frame<'a>) -> Value {
        if self.scope.depth >= 2 || !matches!(item.kind, ExprKind::Tuple(_)) {
            return self.eval(item, f);
        }
        let inner = StepScope {
            end: self.steps + limits::MAX_EVAL_STEPS,
            what: Some(match item.as_keyword_pair() {
                Some((k, v)) => format!("{}: {}", describe(k).trim_start_matches(':'), describe(v)),
                None => describe(item),
            }),
            depth: self.scope.depth + 1,
        };
        let outer = std::mem::replace(&mut self.scope, inner);
        let v = self.eval(item, f);
        self.scope = outer;
        v
    }

    pub(crate) fn eval(&mut self, e: &'a Expr, f: &mut Frame<'a>) -> Value {
        // After a raise nothing else runs: every enclosing expression has the raise's value.
        if let Some(raised) = &self.raised {
            return raised.clone();
        }
        self.steps += 1;
        if self.steps_exhausted() {
            return limit_unknown("MAX_EVAL_STEPS", &self.steps_reason(), e.span);
        }
        if self.depth >= self.max_depth {
            self.depth_limited = true;
            return limit_unknown(
                "MAX_EVAL_DEPTH",
                &format!("expressions nest deeper than {}", self.max_depth),
                e.span,
            );
        }
        self.depth += 1;
        let v = self.eval_inner(e, f);
        self.depth -= 1;
        if v.span == e.span
            && let Some(reason) = v.unknown_reason()
            && raises(reason)
            && self.speculative == 0
        {
            let message = format!("{reason}; Mix itself would fail to load this mix.exs");
            self.note(v.span, message);
            self.raised = Some(v.clone());
        }
        v
    }

    fn eval_inner(&mut self, e: &'a Expr, f: &mut Frame<'a>) -> Value {
        let span = e.span;
        let new = |kind| Value::new(kind, span);
        match &e.kind {
            ExprKind::Nil => new(ValueKind::Nil),
            ExprKind::Bool(b) => new(ValueKind::Bool(*b)),
            ExprKind::Integer(i) => new(ValueKind::Int(*i)),
            ExprKind::Float(x) => new(ValueKind::Float(*x)),
            ExprKind::Atom(a) => new(ValueKind::Atom(a.clone())),
            ExprKind::InterpolatedAtom(parts) => match self.interpolate(parts, f) {
                Ok(s) => self.check_size(new(ValueKind::Atom(s))),
                Err(u) => u,
            },
            ExprKind::Alias(parts) => new(ValueKind::Atom(format!(
                "Elixir.{}",
                self.resolve_alias(f.module, parts)
            ))),
            ExprKind::String(parts) => match self.interpolate(parts, f) {
                Ok(s) => self.check_size(new(ValueKind::String(s))),
                Err(u) => u,
            },
            ExprKind::Charlist(parts) => match self.interpolate(parts, f) {
                Ok(s) => self.check_size(new(ValueKind::Charlist(s))),
                Err(u) => u,
            },
            ExprKind::Sigil {
                name,
                parts,
                modifiers,
            } => self.eval_sigil(name, parts, modifiers, span, f),
            ExprKind::List(items) => {
                let values = items.iter().map(|i| self.eval_element(i, f)).collect();
                new(ValueKind::List(values))
            }
            ExprKind::Cons(items, tail) => {
                let mut values: Vec<Value> = items.iter().map(|i| self.eval(i, f)).collect();
                let tail_value = self.eval(tail, f);
                match tail_value.kind {
                    ValueKind::List(rest) => {
                        values.extend(rest);
                        new(ValueKind::List(values))
                    }
                    ValueKind::Charlist(text) => {
                        values.extend(ops::charlist_ints(&text, tail_value.span));
                        new(ValueKind::List(values))
                    }
                    // `[a | unknown]`: the known front and an unknown tail, as for `++`.
                    ValueKind::Unknown { .. } => {
                        values.push(unknown_in(e, &tail_value, tail_value.span));
                        new(ValueKind::List(values))
                    }
                    _ => Value::unknown(
                        format!(
                            "`{}` builds an improper list, which hexlint does not model",
                            describe(e)
                        ),
                        span,
                    ),
                }
            }
            ExprKind::Tuple(items) => {
                let values = items.iter().map(|i| self.eval(i, f)).collect();
                new(ValueKind::Tuple(values))
            }
            ExprKind::Map(pairs) => {
                let mut entries: Vec<(Value, Value)> = Vec::with_capacity(pairs.len());
                for (k, v) in pairs {
                    let key = self.eval(k, f);
                    let value = self.eval(v, f);
                    ops::map_insert(&mut entries, key, value);
                }
                new(ValueKind::Map(entries))
            }
            ExprKind::MapUpdate(base, pairs) => self.eval_map_update(e, base, pairs, f),
            ExprKind::Struct { name, .. } => Value::unknown(
                format!(
                    "struct %{}{{}} is not evaluated (structs need their module's code)",
                    describe(name)
                ),
                span,
            ),
            ExprKind::Bitstring(_) => {
                Value::unknown("binaries built with <<>> are not evaluated", span)
            }
            ExprKind::Var(name) => self.eval_var(name, span, f),
            ExprKind::AttrRead(name) => self.read_attr(name, span, f),
            ExprKind::AttrSet { name, .. } => Value::unknown(
                format!("@{name} can only be set in a module body, not inside a function"),
                span,
            ),
            ExprKind::Call(call) => self.eval_call(call, span, None, f),
            ExprKind::AnonCall { fun, .. } => Value::unknown(
                format!(
                    "`{}.()` calls an anonymous function; hexlint never calls functions",
                    describe(fun)
                ),
                span,
            ),
            ExprKind::Access { expr, key } => {
                let container = self.eval(expr, f);
                let key = self.eval(key, f);
                builtins::access(&container, &key, span)
            }
            ExprKind::Fn(_) => new(ValueKind::Function("fn".into())),
            ExprKind::Capture(inner) => new(ValueKind::Function(capture_name(inner, self, f))),
            ExprKind::CaptureArg(n) => {
                Value::unknown(format!("&{n} can only appear inside a capture"), span)
            }
            ExprKind::Unary { op, expr } => {
                let v = self.eval(expr, f);
                ops::unary(*op, v, span)
            }
            ExprKind::Binary { op, lhs, rhs } => self.eval_binary(e, *op, lhs, rhs, f),
            ExprKind::Block(exprs) => self.eval_exprs(exprs, span, f),
            ExprKind::Other(what) => Value::unknown(format!("{what} is not evaluated"), span),
        }
    }

    /// A sequence of expressions: the value of the last one (`nil` when empty).
    fn eval_exprs(&mut self, exprs: &'a [Expr], span: Span, f: &mut Frame<'a>) -> Value {
        let mut last = Value::new(ValueKind::Nil, span);
        for e in exprs {
            last = self.eval(e, f);
        }
        last
    }

    fn eval_body(&mut self, body: BodyRef<'a>, span: Span, f: &mut Frame<'a>) -> Value {
        match body {
            BodyRef::Expr(e) => self.eval(e, f),
            BodyRef::Block(Body::Exprs(exprs)) => self.eval_exprs(exprs, span, f),
            BodyRef::Block(Body::Clauses(_)) => {
                Value::unknown("`->` clauses are not valid here", span)
            }
        }
    }

    /// A branch in its own variable scope (`if`, `case` clause bodies).
    fn eval_branch(&mut self, body: Option<BodyRef<'a>>, span: Span, f: &mut Frame<'a>) -> Value {
        let mark = f.vars.len();
        let v = match body {
            Some(b) => self.eval_body(b, span, f),
            None => Value::new(ValueKind::Nil, span),
        };
        f.vars.truncate(mark);
        v
    }

    fn interpolate(&mut self, parts: &'a [StrPart], f: &mut Frame<'a>) -> Result<String, Value> {
        let mut out = String::new();
        for part in parts {
            match part {
                StrPart::Lit(s) => out.push_str(s),
                StrPart::Interp(e) => {
                    let v = self.eval(e, f);
                    out.push_str(&ops::to_text(&v)?);
                    if out.len() > limits::MAX_VALUE_BYTES {
                        return Err(limit_unknown(
                            "MAX_VALUE_BYTES",
                            "string is too large",
                            e.span,
                        ));
                    }
                }
            }
        }
        Ok(out)
    }

    fn eval_sigil(
        &mut self,
        name: &str,
        parts: &'a [StrPart],
        modifiers: &str,
        span: Span,
        f: &mut Frame<'a>,
    ) -> Value {
        let text = match self.interpolate(parts, f) {
            Ok(t) => t,
            Err(u) => return u,
        };
        let new = |kind| Value::new(kind, span);
        match name {
            "w" | "W" => {
                let kind_of = match modifiers {
                    "" | "s" => |w: &str| ValueKind::String(w.to_string()),
                    "a" => |w: &str| ValueKind::Atom(w.to_string()),
                    "c" => |w: &str| ValueKind::Charlist(w.to_string()),
                    _ => {
                        return Value::unknown(
                            format!(
                                "~{name} with modifier `{modifiers}` is invalid (Elixir would fail to compile)"
                            ),
                            span,
                        );
                    }
                };
                // When the sigil is written plainly (one-character delimiters, no escapes), each
                // word gets its own span.
                let raw = parts.len() == 1 && span.len() == 4 + text.len() + modifiers.len();
                let words = ops::split_whitespace_words(&text)
                    .map(|(offset, w)| {
                        let word_span = if raw {
                            Span::new(span.start + 3 + offset, span.start + 3 + offset + w.len())
                        } else {
                            span
                        };
                        Value::new(kind_of(w), word_span)
                    })
                    .collect();
                new(ValueKind::List(words))
            }
            "s" | "S" => new(ValueKind::String(text)),
            "c" | "C" => new(ValueKind::Charlist(text)),
            "r" | "R" => new(ValueKind::Regex {
                source: text,
                opts: modifiers.to_string(),
            }),
            _ => Value::unknown(format!("~{name} sigil is not evaluated"), span),
        }
    }

    fn eval_map_update(
        &mut self,
        e: &'a Expr,
        base: &'a Expr,
        pairs: &'a [(Expr, Expr)],
        f: &mut Frame<'a>,
    ) -> Value {
        let base_value = self.eval(base, f);
        let mut entries = match base_value.kind {
            ValueKind::Map(entries) => entries,
            ValueKind::Unknown { .. } => return unknown_in(e, &base_value, e.span),
            _ => {
                return Value::unknown(
                    format!(
                        "`{}` is not a map (Mix would raise BadMapError)",
                        describe(base)
                    ),
                    e.span,
                );
            }
        };
        for (k, v) in pairs {
            let key = self.eval(k, f);
            let value = self.eval(v, f);
            match ops::map_position(&entries, &key) {
                Ok(Some(i)) => entries[i] = (key, value),
                Ok(None) => {
                    return Value::unknown(
                        format!(
                            "key {} is not in the map (Mix would raise KeyError)",
                            key.inspect()
                        ),
                        k.span,
                    );
                }
                Err(u) => return unknown_in(e, &u, e.span),
            }
        }
        Value::new(ValueKind::Map(entries), e.span)
    }

    fn eval_var(&mut self, name: &'a str, span: Span, f: &mut Frame<'a>) -> Value {
        if let Some(v) = f.lookup(name) {
            let v = v.clone();
            self.charge(&v);
            return v;
        }
        match name {
            "__MODULE__" => Value::new(
                ValueKind::Atom(format!("Elixir.{}", self.modules[f.module].name)),
                span,
            ),
            "__DIR__" => match &self.root_dir {
                Ok(dir) => Value::new(ValueKind::String(dir.clone()), span),
                Err(reason) => Value::unknown(reason.clone(), span),
            },
            "__ENV__" | "__CALLER__" | "__STACKTRACE__" => Value::unknown(
                format!("{name} is compile-time context, not evaluated"),
                span,
            ),
            "_" => Value::unknown("`_` cannot be read", span),
            // Old style `deps: deps`: a bare name that is no variable is a zero-arity local call.
            _ => self.call_local(name, Vec::new(), span, f),
        }
    }

    /// `@name` as visible at this point: in a function, the value at the `def`.
    fn read_attr(&mut self, name: &str, span: Span, f: &Frame<'a>) -> Value {
        let attrs = &self.modules[f.module].attrs;
        let visible = &attrs[..f.attr_pos.min(attrs.len())];
        if self.modules[f.module].accumulating.contains(&name) {
            // `Module.register_attribute(__MODULE__, name, accumulate: true)`: every value so far,
            // newest first.
            let values: Vec<Value> = visible
                .iter()
                .rev()
                .filter(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
                .collect();
            let list = Value::new(ValueKind::List(values), span);
            self.charge(&list);
            return list;
        }
        match visible.iter().rev().find(|(n, _)| *n == name) {
            Some((_, v)) => {
                let v = v.clone();
                self.charge(&v);
                v
            }
            // Elixir warns and reads nil.
            None => Value::new(ValueKind::Nil, span),
        }
    }

    pub(crate) fn resolve_alias(&self, module: usize, parts: &[String]) -> String {
        let Some(first) = parts.first() else {
            return String::new();
        };
        if first == "Elixir" {
            return parts[1..].join(".");
        }
        let mut index = Some(module);
        while let Some(i) = index {
            let m = &self.modules[i];
            if let Some((_, full)) = m.aliases.iter().rev().find(|(short, _)| short == first) {
                let mut out = full.clone();
                for p in &parts[1..] {
                    out.push('.');
                    out.push_str(p);
                }
                return out;
            }
            index = m.parent;
        }
        parts.join(".")
    }

    fn eval_binary(
        &mut self,
        e: &'a Expr,
        op: BinOp,
        lhs: &'a Expr,
        rhs: &'a Expr,
        f: &mut Frame<'a>,
    ) -> Value {
        let span = e.span;
        match op {
            BinOp::Pipe => self.eval_pipe(lhs, rhs, span, f),
            BinOp::Match => {
                let value = self.eval(rhs, f);
                let start = f.vars.len();
                match self.match_pattern(lhs, &value, f, start) {
                    Matched::Yes => value,
                    Matched::No => {
                        f.vars.truncate(start);
                        let failure = Value::unknown(
                            format!(
                                "`{}` does not match {} (Mix would raise MatchError)",
                                describe(lhs),
                                value.inspect()
                            ),
                            span,
                        );
                        self.bind_unknown_vars(lhs, &failure, f);
                        failure
                    }
                    Matched::Unknown(u) => {
                        f.vars.truncate(start);
                        self.bind_unknown_vars(lhs, &u, f);
                        unknown_in(e, &u, span)
                    }
                }
            }
            BinOp::And | BinOp::Or => {
                let l = self.eval(lhs, f);
                match (&l.kind, op) {
                    (ValueKind::Unknown { .. }, _) => unknown_in(e, &l, span),
                    (ValueKind::Bool(false), BinOp::And) | (ValueKind::Bool(true), BinOp::Or) => l,
                    (ValueKind::Bool(_), _) => self.eval(rhs, f),
                    _ => Value::unknown(
                        format!(
                            "`{}` is not a boolean (Mix would raise BadBooleanError)",
                            describe(lhs)
                        ),
                        span,
                    ),
                }
            }
            BinOp::AndAnd | BinOp::OrOr => {
                let l = self.eval(lhs, f);
                match (l.truthy(), op) {
                    (None, _) => unknown_in(e, &l, span),
                    (Some(false), BinOp::AndAnd) | (Some(true), BinOp::OrOr) => l,
                    _ => self.eval(rhs, f),
                }
            }
            BinOp::In | BinOp::NotIn => {
                let l = self.eval(lhs, f);
                let r = self.eval(rhs, f);
                match ops::member(&l, &r) {
                    Ok(found) => Value::new(ValueKind::Bool(found == (op == BinOp::In)), span),
                    Err(u) => unknown_in(e, &u, span),
                }
            }
            BinOp::When
            | BinOp::Default
            | BinOp::Type
            | BinOp::Arrow
            | BinOp::Pipe2
            | BinOp::Other => Value::unknown(format!("`{}` is not evaluated", describe(e)), span),
            BinOp::Range | BinOp::RangeStep => self.eval_range(e, span, f),
            _ => {
                let l = self.eval(lhs, f);
                let r = self.eval(rhs, f);
                let v = ops::binary(op, l, r, e);
                match op {
                    BinOp::Concat | BinOp::ListConcat => self.check_size(v),
                    _ => v,
                }
            }
        }
    }

    /// After a match on an unknown value, later code must not mistake the pattern's variables for
    /// zero-arity calls: bind them to the unknown value.
    fn bind_unknown_vars(&mut self, pattern: &'a Expr, unknown: &Value, f: &mut Frame<'a>) {
        let mut names = Vec::new();
        pattern::pattern_vars(pattern, &mut names);
        for name in names {
            let v = Value::new(unknown.kind.clone(), unknown.span);
            f.vars.push((name, v));
        }
    }

    fn eval_pipe(&mut self, lhs: &'a Expr, rhs: &'a Expr, span: Span, f: &mut Frame<'a>) -> Value {
        let first = self.eval(lhs, f);
        match &rhs.kind {
            ExprKind::Call(call) => self.eval_call(call, span, Some(first), f),
            ExprKind::Var(name) => self.call_local(name, vec![first], span, f),
            _ => Value::unknown(
                format!("piping into `{}` is not evaluated", describe(rhs)),
                span,
            ),
        }
    }

    fn eval_args(
        &mut self,
        piped: Option<Value>,
        args: &'a [Expr],
        f: &mut Frame<'a>,
    ) -> Vec<Value> {
        let mut values = Vec::with_capacity(args.len() + 1);
        values.extend(piped);
        for a in args {
            values.push(self.eval(a, f));
        }
        values
    }

    /// A call; `piped` is the left side of `|>`, inserted as the first argument. `span` is where
    /// a computed result is said to come from.
    fn eval_call(
        &mut self,
        call: &'a Call,
        span: Span,
        piped: Option<Value>,
        f: &mut Frame<'a>,
    ) -> Value {
        match &call.target {
            None => {
                let piped = match self.eval_special_form(call, span, piped, f) {
                    Ok(v) => return v,
                    Err(piped) => piped,
                };
                let args = self.eval_args(piped, &call.args, f);
                self.call_local(&call.name, args, span, f)
            }
            Some(target) => self.eval_remote_call(target, call, span, piped, f),
        }
    }

    /// `Mod.fun(args)`, `:erlang_mod.fun(args)`, `map.field`, `__MODULE__.fun(args)`.
    fn eval_remote_call(
        &mut self,
        target: &'a Expr,
        call: &'a Call,
        span: Span,
        piped: Option<Value>,
        f: &mut Frame<'a>,
    ) -> Value {
        let module_name = match &target.kind {
            ExprKind::Alias(parts) => self.resolve_alias(f.module, parts),
            ExprKind::Var(v) if v == "__MODULE__" && f.lookup(v).is_none() => {
                self.modules[f.module].name.clone()
            }
            ExprKind::Atom(erlang_module) => {
                let args = self.eval_args(piped, &call.args, f);
                // `:erlang.system_info(:otp_release)`: the OTP release, as a charlist.
                if erlang_module == "erlang"
                    && call.name == "system_info"
                    && matches!(args.as_slice(), [a] if a.as_atom() == Some("otp_release"))
                {
                    self.version_dependent = true;
                    if let Some(release) = &self.opts.otp_release {
                        return Value::new(ValueKind::Charlist(release.clone()), span);
                    }
                }
                return builtins::erlang(erlang_module, &call.name, args, span);
            }
            _ => {
                let t = self.eval(target, f);
                match &t.kind {
                    ValueKind::Map(entries)
                        if call.args.is_empty() && !call.parens && piped.is_none() =>
                    {
                        let key = Value::new(ValueKind::Atom(call.name.clone()), call.name_span);
                        return match ops::map_position(entries, &key) {
                            Ok(Some(i)) => entries[i].1.clone(),
                            Ok(None) => Value::unknown(
                                format!(
                                    "key :{} is not in the map (Mix would raise KeyError)",
                                    call.name
                                ),
                                span,
                            ),
                            Err(u) => unknown_in(target, &u, span),
                        };
                    }
                    ValueKind::Atom(a) => match a.strip_prefix("Elixir.") {
                        Some(m) => m.to_string(),
                        None => {
                            let args = self.eval_args(piped, &call.args, f);
                            return builtins::erlang(a, &call.name, args, span);
                        }
                    },
                    ValueKind::Unknown { .. } => return t,
                    _ => {
                        return Value::unknown(
                            format!(
                                "`{}` is neither a module nor a map, so `.{}` cannot be evaluated",
                                describe(target),
                                call.name
                            ),
                            span,
                        );
                    }
                }
            }
        };
        // `__MODULE__.Sub` and friends: an alias built from a module value.
        if call.name.starts_with(|c: char| c.is_ascii_uppercase())
            && call.args.is_empty()
            && !call.parens
            && piped.is_none()
        {
            return Value::new(
                ValueKind::Atom(format!("Elixir.{module_name}.{}", call.name)),
                span,
            );
        }
        let args = self.eval_args(piped, &call.args, f);
        if let Some(index) = self.module_index(&module_name) {
            return self.call_file_module(index, &call.name, args, span);
        }
        builtins::remote(self, &module_name, &call.name, args, span)
    }

    fn module_index(&self, name: &str) -> Option<usize> {
        self.modules.iter().position(|m| m.name == name)
    }

    /// A remote call into a module defined in this mix.exs (public functions only).
    fn call_file_module(
        &mut self,
        index: usize,
        name: &str,
        args: Vec<Value>,
        span: Span,
    ) -> Value {
        let arity = args.len();
        let module = self.modules[index].name.clone();
        if self.modules[index].being_defined {
            return Value::unknown(
                format!(
                    "{module}.{name}/{arity} is called while {module} is being defined (Elixir would fail to compile)"
                ),
                span,
            );
        }
        match self.find_function(index, name, arity) {
            Some(fun) if fun.private => Value::unknown(
                format!(
                    "{module}.{name}/{arity} is private (Mix would raise UndefinedFunctionError)"
                ),
                span,
            ),
            Some(fun) => self.call_function(index, fun, args, span),
            None => Value::unknown(
                format!(
                    "{module}.{name}/{arity} is undefined (Mix would raise UndefinedFunctionError)"
                ),
                span,
            ),
        }
    }

    /// A local call: the module's own functions, then imported file modules, then `Kernel`.
    fn call_local(&mut self, name: &str, args: Vec<Value>, span: Span, f: &Frame<'a>) -> Value {
        let arity = args.len();
        if let Some(fun) = self.find_function(f.module, name, arity) {
            if f.module_level || self.modules[f.module].being_defined {
                return Value::unknown(
                    format!(
                        "{name}/{arity} is called while its module is being defined (Elixir would fail to compile: undefined function)"
                    ),
                    span,
                );
            }
            return self.call_function(f.module, fun, args, span);
        }
        let imports = match self.modules[f.module].imports.as_slice() {
            [] => Vec::new(),
            some => some.to_vec(),
        };
        for import in imports {
            if let Some(index) = self.module_index(&import)
                && let Some(fun) = self.find_function(index, name, arity)
                && !fun.private
            {
                return self.call_file_module(index, name, args, span);
            }
        }
        if builtins::is_kernel_function(name, arity) {
            return builtins::remote(self, "Kernel", name, args, span);
        }
        Value::unknown(
            format!(
                "undefined function {name}/{arity} (neither a variable nor a function of this module)"
            ),
            span,
        )
    }

    /// The function `name/arity` of a module, counting arities reachable through defaults.
    fn find_function(&self, module: usize, name: &str, arity: usize) -> Option<Rc<FunDef<'a>>> {
        let functions = &self.modules[module].functions;
        functions
            .iter()
            .find(|fun| fun.name == name && fun.arity == arity)
            .or_else(|| {
                functions.iter().find(|fun| {
                    fun.name == name
                        && fun.arity > arity
                        && fun.defaults.iter().filter(|d| d.is_some()).count() >= fun.arity - arity
                })
            })
            .cloned()
    }

    /// Call one of the file's functions: fill defaults, pick the first clause whose patterns
    /// and guard match, evaluate its body.
    fn call_function(
        &mut self,
        module: usize,
        fun: Rc<FunDef<'a>>,
        mut args: Vec<Value>,
        span: Span,
    ) -> Value {
        if self.call_depth >= limits::MAX_CALL_DEPTH {
            return limit_unknown(
                "MAX_CALL_DEPTH",
                &format!(
                    "calling {}/{} nests function calls deeper than {}",
                    fun.name,
                    args.len(),
                    limits::MAX_CALL_DEPTH
                ),
                span,
            );
        }
        if args.len() < fun.arity {
            args = self.fill_defaults(module, &fun, args);
        }
        self.call_depth += 1;
        let result = match &fun.delegate {
            Some(d) => self.call_delegate(d, args, span, fun.clauses[0].condition.as_ref()),
            None => self.run_clauses(module, &fun, &args, span),
        };
        self.call_depth -= 1;
        result
    }

    /// `first..last` and `first..last//step` on integers: a `%Range{}`.
    fn eval_range(&mut self, e: &'a Expr, span: Span, f: &mut Frame<'a>) -> Value {
        let ExprKind::Binary { op, lhs, rhs } = &e.kind else {
            return Value::unknown(format!("`{}` is not evaluated", describe(e)), span);
        };
        let (bounds, step) = match op {
            BinOp::RangeStep => match &lhs.kind {
                ExprKind::Binary { lhs: a, rhs: b, .. } => ((&**a, &**b), Some(&**rhs)),
                _ => return Value::unknown(format!("`{}` is not evaluated", describe(e)), span),
            },
            _ => ((&**lhs, &**rhs), None),
        };
        let first = self.eval(bounds.0, f);
        let last = self.eval(bounds.1, f);
        let step = step.map(|s| self.eval(s, f));
        for v in [Some(&first), Some(&last), step.as_ref()]
            .into_iter()
            .flatten()
        {
            if v.is_unknown() {
                return unknown_in(e, v, span);
            }
        }
        let int = |v: &Value| match v.kind {
            ValueKind::Int(i) => Some(i),
            _ => None,
        };
        match (int(&first), int(&last), step.as_ref().map(int)) {
            (Some(a), Some(b), None) => ops::range(a, b, if a <= b { 1 } else { -1 }, span),
            (Some(a), Some(b), Some(Some(s))) if s != 0 => ops::range(a, b, s, span),
            _ => Value::unknown(
                format!(
                    "`{}`: ranges need integers and a non-zero step (Mix would raise ArgumentError)",
                    describe(e)
                ),
                span,
            ),
        }
    }

    /// A `defdelegate` call: the same arguments to the target function.
    fn call_delegate(
        &mut self,
        d: &module::Delegate,
        args: Vec<Value>,
        span: Span,
        condition: Option<&Value>,
    ) -> Value {
        if let Some(condition) = condition {
            return condition.clone();
        }
        if d.erlang {
            return builtins::erlang(&d.module, &d.function, args, span);
        }
        if let Some(index) = self.module_index(&d.module) {
            return self.call_file_module(index, &d.function, args, span);
        }
        builtins::remote(self, &d.module, &d.function, args, span)
    }

    /// Elixir fills arguments into the parameters without defaults first, then into defaulted
    /// ones from the left; the remaining defaults are evaluated.
    fn fill_defaults(&mut self, module: usize, fun: &FunDef<'a>, args: Vec<Value>) -> Vec<Value> {
        let missing = fun.arity - args.len();
        let total_defaults = fun.defaults.iter().filter(|d| d.is_some()).count();
        let mut given_to_defaults = total_defaults.saturating_sub(missing);
        let mut args = args.into_iter();
        let mut filled = Vec::with_capacity(fun.arity);
        let mut frame = Frame::function(module, fun.default_attr_pos);
        for default in &fun.defaults {
            match default {
                Some(expr) if given_to_defaults == 0 => filled.push(self.eval(expr, &mut frame)),
                Some(_) => {
                    given_to_defaults -= 1;
                    filled.extend(args.next());
                }
                None => filled.extend(args.next()),
            }
        }
        filled
    }

    fn run_clauses(
        &mut self,
        module: usize,
        fun: &FunDef<'a>,
        args: &[Value],
        span: Span,
    ) -> Value {
        let label = || format!("{}/{}", fun.name, args.len());
        for clause in &fun.clauses {
            let Some(body) = clause.body else { continue };
            if clause.params.len() != args.len() {
                continue;
            }
            let mut frame = Frame::function(module, clause.attr_pos);
            match self.match_all(&clause.params, args, &mut frame) {
                Matched::No => continue,
                Matched::Unknown(u) => {
                    return Value::unknown(
                        format!(
                            "which clause of {} applies depends on an unknown argument: {}",
                            label(),
                            root_reason(&u)
                        ),
                        u.span,
                    );
                }
                Matched::Yes => {}
            }
            match self.check_guard(clause.guard, &mut frame) {
                Matched::No => continue,
                Matched::Unknown(u) => {
                    return Value::unknown(
                        format!(
                            "which clause of {} applies depends on a guard that is unknown: {}",
                            label(),
                            root_reason(&u)
                        ),
                        u.span,
                    );
                }
                Matched::Yes => {}
            }
            if let Some(condition) = &clause.condition {
                return condition.clone();
            }
            return self.eval_body(body, span, &mut frame);
        }
        Value::unknown(
            format!(
                "no clause of {} matches {} (Mix would raise FunctionClauseError)",
                label(),
                args.iter()
                    .map(Value::inspect)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            span,
        )
    }

    fn match_all(&mut self, patterns: &[&'a Expr], values: &[Value], f: &mut Frame<'a>) -> Matched {
        let start = f.vars.len();
        let mut unknown = None;
        for (p, v) in patterns.iter().zip(values) {
            match self.match_pattern(p, v, f, start) {
                Matched::Yes => {}
                Matched::No => return Matched::No,
                Matched::Unknown(u) => {
                    unknown.get_or_insert(u);
                }
            }
        }
        match unknown {
            Some(u) => Matched::Unknown(u),
            None => Matched::Yes,
        }
    }

    /// A guard passes when it evaluates to exactly `true`.
    fn check_guard(&mut self, guard: Option<&'a Expr>, f: &mut Frame<'a>) -> Matched {
        let Some(guard) = guard else {
            return Matched::Yes;
        };
        let v = self.eval(guard, f);
        match v.kind {
            ValueKind::Bool(true) => Matched::Yes,
            ValueKind::Unknown { .. } => Matched::Unknown(unknown_in(guard, &v, guard.span)),
            _ => Matched::No,
        }
    }

    /// Special forms and macros written as local calls. `Err(piped)` hands back the piped value
    /// when `call` is an ordinary function call.
    fn eval_special_form(
        &mut self,
        call: &'a Call,
        span: Span,
        piped: Option<Value>,
        f: &mut Frame<'a>,
    ) -> Result<Value, Option<Value>> {
        let unknown = |reason: String| Ok(Value::unknown(reason, span));
        match call.name.as_str() {
            "if" | "unless" if piped.is_none() => Ok(self.eval_if(call, span, f)),
            "case" => Ok(self.eval_case(call, span, piped, f)),
            "cond" if piped.is_none() => Ok(self.eval_cond(call, span, f)),
            "for" if piped.is_none() => Ok(self.eval_for(call, span, f)),
            "with" if piped.is_none() => Ok(self.eval_with(call, span, f)),
            "try" if piped.is_none() => Ok(self.eval_try(call, span, f)),
            "match?" if piped.is_none() && call.args.len() == 2 => {
                let value = self.eval(&call.args[1], f);
                let mark = f.vars.len();
                let (pattern, guard) = split_guard(&call.args[0]);
                let result = match self.match_pattern(pattern, &value, f, mark) {
                    Matched::Yes => self.check_guard(guard, f),
                    other => other,
                };
                f.vars.truncate(mark);
                Ok(match result {
                    Matched::Yes => Value::new(ValueKind::Bool(true), span),
                    Matched::No => Value::new(ValueKind::Bool(false), span),
                    Matched::Unknown(u) => unknown_in(&call.args[1], &u, span),
                })
            }
            "raise" | "reraise" => {
                // The message, when it is a string that can be evaluated.
                let message = match call.args.last() {
                    Some(
                        m @ Expr {
                            kind: ExprKind::String(_),
                            ..
                        },
                    ) => match self.eval(m, f).kind {
                        ValueKind::String(s) => format!(": {s:?}"),
                        _ => String::new(),
                    },
                    _ => String::new(),
                };
                unknown(format!("`raise` would abort loading mix.exs{message}"))
            }
            "throw" | "exit" => unknown(format!("`{}` would abort loading mix.exs", call.name)),
            "quote" | "unquote" | "unquote_splicing" | "super" | "receive" | "binding" | "var!" => {
                unknown(format!("`{}` is not evaluated", call.name))
            }
            "def" | "defp" | "defmacro" | "defmacrop" | "defmodule" | "defdelegate"
            | "defstruct" | "defimpl" | "defprotocol" | "defguard" | "defguardp" => unknown(
                format!("`{}` inside a function is not evaluated", call.name),
            ),
            "alias" | "import" | "require" | "use" if piped.is_none() => {
                Ok(Value::new(ValueKind::Nil, span))
            }
            _ => Err(piped),
        }
    }

    fn eval_if(&mut self, call: &'a Call, span: Span, f: &mut Frame<'a>) -> Value {
        let negate = call.name == "unless";
        let Some(cond_expr) = call.args.first() else {
            return Value::unknown(format!("`{}` without a condition", call.name), span);
        };
        let cond = self.eval(cond_expr, f);
        let then_body = call.block("do");
        let else_body = call.block("else");
        match cond.truthy() {
            Some(t) => {
                let body = if t != negate { then_body } else { else_body };
                self.eval_branch(body, span, f)
            }
            None => {
                self.speculative += 1;
                let a = self.eval_branch(then_body, span, f);
                let b = self.eval_branch(else_body, span, f);
                self.speculative -= 1;
                if ops::same_value(&a, &b) {
                    return a;
                }
                let reason = format!(
                    "depends on `{}`, which is unknown: {}",
                    describe(cond_expr),
                    root_reason(&cond)
                );
                // Two keyword lists: whichever it is, it holds no other keys.
                match (a.possible_keys(), b.possible_keys()) {
                    (Some(mut keys), Some(more)) => {
                        keys.extend(more);
                        keys.sort();
                        keys.dedup();
                        Value::unknown_with_keys(reason, span, keys)
                    }
                    _ => Value::unknown(reason, span),
                }
            }
        }
    }

    fn clauses_of(body: Option<BodyRef<'a>>) -> Option<&'a [Clause]> {
        match body {
            Some(BodyRef::Block(Body::Clauses(clauses))) => Some(clauses),
            Some(BodyRef::Block(Body::Exprs(exprs))) if exprs.is_empty() => Some(&[]),
            _ => None,
        }
    }

    fn eval_case(
        &mut self,
        call: &'a Call,
        span: Span,
        piped: Option<Value>,
        f: &mut Frame<'a>,
    ) -> Value {
        let (subject, subject_expr) = match piped {
            Some(v) => (v, None),
            None => match call.args.first() {
                Some(e) => (self.eval(e, f), Some(e)),
                None => return Value::unknown("`case` without a subject", span),
            },
        };
        let Some(clauses) = Self::clauses_of(call.block("do")) else {
            return Value::unknown("`case` without `->` clauses is not evaluated", span);
        };
        let what = subject_expr
            .map(describe)
            .unwrap_or_else(|| "the piped value".into());
        self.run_case_clauses(clauses, &subject, &what, "CaseClauseError", span, f)
    }

    /// The first clause whose pattern (and guard) matches `subject`, as `case` and `with … else`
    /// pick them; `error` names what Elixir raises when none does.
    fn run_case_clauses(
        &mut self,
        clauses: &'a [Clause],
        subject: &Value,
        what: &str,
        error: &str,
        span: Span,
        f: &mut Frame<'a>,
    ) -> Value {
        for clause in clauses {
            let [pattern] = clause.patterns.as_slice() else {
                return Value::unknown(
                    "a `case` clause must have exactly one pattern",
                    clause.span,
                );
            };
            let mark = f.vars.len();
            let result = match self.match_pattern(pattern, subject, f, mark) {
                Matched::Yes => self.check_guard(clause.guard.as_ref(), f),
                other => other,
            };
            match result {
                Matched::Yes => {
                    let v = self.eval_exprs(&clause.body, clause.span, f);
                    f.vars.truncate(mark);
                    return v;
                }
                Matched::No => f.vars.truncate(mark),
                Matched::Unknown(u) => {
                    f.vars.truncate(mark);
                    return Value::unknown(
                        format!("depends on `{what}`, which is unknown: {}", root_reason(&u)),
                        span,
                    );
                }
            }
        }
        Value::unknown(
            format!(
                "no `{}` clause matches {} (Mix would raise {error})",
                if error == "CaseClauseError" {
                    "case"
                } else {
                    "else"
                },
                subject.inspect()
            ),
            span,
        )
    }

    fn eval_cond(&mut self, call: &'a Call, span: Span, f: &mut Frame<'a>) -> Value {
        let Some(clauses) = Self::clauses_of(call.block("do")) else {
            return Value::unknown("`cond` without `->` clauses is not evaluated", span);
        };
        for clause in clauses {
            let [condition] = clause.patterns.as_slice() else {
                return Value::unknown(
                    "a `cond` clause must have exactly one condition",
                    clause.span,
                );
            };
            let mark = f.vars.len();
            let v = self.eval(condition, f);
            match v.truthy() {
                Some(true) => {
                    let result = self.eval_exprs(&clause.body, clause.span, f);
                    f.vars.truncate(mark);
                    return result;
                }
                Some(false) => f.vars.truncate(mark),
                None => {
                    f.vars.truncate(mark);
                    return Value::unknown(
                        format!(
                            "depends on `{}`, which is unknown: {}",
                            describe(condition),
                            root_reason(&v)
                        ),
                        span,
                    );
                }
            }
        }
        Value::unknown(
            "no `cond` clause is true (Mix would raise CondClauseError)",
            span,
        )
    }

    /// `for` over known lists: generators (with pattern filtering), filters and a `do` body.
    /// `into:`, `uniq:` and `reduce:` are not modelled.
    fn eval_for(&mut self, call: &'a Call, span: Span, f: &mut Frame<'a>) -> Value {
        let qualifiers = call.args_without_blocks();
        let mut into: Option<&'a Expr> = None;
        let mut uniq: Option<&'a Expr> = None;
        let qualifiers = match qualifiers.last().map(|e| &e.kind) {
            Some(ExprKind::List(items))
                if !items.is_empty() && items.iter().all(|i| i.as_keyword_pair().is_some()) =>
            {
                for (k, v) in items.iter().filter_map(|i| i.as_keyword_pair()) {
                    match &k.kind {
                        ExprKind::Atom(a) if a == "do" => {}
                        ExprKind::Atom(a) if a == "into" => into = Some(v),
                        ExprKind::Atom(a) if a == "uniq" => uniq = Some(v),
                        _ => {
                            return Value::unknown("`for` with `reduce:` is not evaluated", span);
                        }
                    }
                }
                &qualifiers[..qualifiers.len() - 1]
            }
            _ => qualifiers,
        };
        let Some(body) = call.block("do") else {
            return Value::unknown("`for` without a `do` body", span);
        };
        let into = into.map(|e| self.eval(e, f));
        let uniq = uniq.map(|e| self.eval(e, f));
        for v in [into.as_ref(), uniq.as_ref()].into_iter().flatten() {
            if v.is_unknown() {
                return Value::unknown(
                    format!("`for` options are unknown: {}", root_reason(v)),
                    span,
                );
            }
        }
        let mut out = Vec::new();
        let mark = f.vars.len();
        let result = self.for_qualifiers(qualifiers, body, span, f, &mut out);
        f.vars.truncate(mark);
        if let Err(u) = result {
            return u;
        }
        if uniq.as_ref().and_then(Value::truthy) == Some(true) {
            let mut kept: Vec<Value> = Vec::with_capacity(out.len());
            for v in out {
                if !kept.iter().any(|k| ops::same_value(k, &v)) {
                    kept.push(v);
                }
            }
            out = kept;
        }
        let collected = match into.map(|v| v.kind) {
            None => Value::new(ValueKind::List(out), span),
            Some(ValueKind::List(mut items)) => {
                items.extend(out);
                Value::new(ValueKind::List(items), span)
            }
            Some(ValueKind::Map(mut entries)) => {
                for v in out {
                    match v.kind {
                        ValueKind::Tuple(mut kv) if kv.len() == 2 => {
                            let value = kv.pop().unwrap_or_else(|| Value::unknown("", span));
                            let key = kv.pop().unwrap_or_else(|| Value::unknown("", span));
                            ops::map_insert(&mut entries, key, value);
                        }
                        ValueKind::Unknown { .. } => return v,
                        _ => {
                            return Value::unknown(
                                format!(
                                    "`for … into: %{{}}` got {}, not a `{{key, value}}` tuple (Mix would raise)",
                                    v.inspect()
                                ),
                                span,
                            );
                        }
                    }
                }
                Value::new(ValueKind::Map(entries), span)
            }
            Some(ValueKind::String(mut text)) => {
                for v in out {
                    match v.kind {
                        ValueKind::String(s) => text.push_str(&s),
                        ValueKind::Unknown { .. } => return v,
                        _ => {
                            return Value::unknown(
                                format!(
                                    "`for … into: \"\"` got {}, not a string (Mix would raise)",
                                    v.inspect()
                                ),
                                span,
                            );
                        }
                    }
                }
                Value::new(ValueKind::String(text), span)
            }
            Some(_) => {
                return Value::unknown(
                    "`for … into:` a value other than a list, map or string is not evaluated",
                    span,
                );
            }
        };
        self.check_size(collected)
    }

    fn for_qualifiers(
        &mut self,
        qualifiers: &'a [Expr],
        body: BodyRef<'a>,
        span: Span,
        f: &mut Frame<'a>,
        out: &mut Vec<Value>,
    ) -> Result<(), Value> {
        let Some((first, rest)) = qualifiers.split_first() else {
            let v = self.eval_body(body, span, f);
            if out.len().saturating_mul(std::mem::size_of::<Value>()) > limits::MAX_VALUE_BYTES {
                return Err(limit_unknown(
                    "MAX_VALUE_BYTES",
                    "`for` builds too large a list",
                    span,
                ));
            }
            out.push(v);
            return Ok(());
        };
        if self.steps_exhausted() {
            return Err(self.eval(first, f));
        }
        match &first.kind {
            ExprKind::Binary {
                op: BinOp::Arrow,
                lhs,
                rhs,
            } => {
                let source = self.eval(rhs, f);
                let items = match &source.kind {
                    // An unknown element may stand for any number of elements.
                    ValueKind::List(items) if items.iter().any(Value::is_unknown) => {
                        let u = items
                            .iter()
                            .find(|i| i.is_unknown())
                            .cloned()
                            .unwrap_or(source.clone());
                        return Err(unknown_in(first, &u, span));
                    }
                    ValueKind::List(items) => items.clone(),
                    ValueKind::Unknown { .. } => return Err(unknown_in(first, &source, span)),
                    _ if ops::range_items(&source).is_some() => {
                        ops::range_items(&source).unwrap_or_default()
                    }
                    _ => {
                        return Err(Value::unknown(
                            format!(
                                "`for` over `{}` (not a list) is not evaluated",
                                describe(rhs)
                            ),
                            span,
                        ));
                    }
                };
                let (pattern, guard) = split_guard(lhs);
                for item in &items {
                    let mark = f.vars.len();
                    let matched = match self.match_pattern(pattern, item, f, mark) {
                        Matched::Yes => self.check_guard(guard, f),
                        other => other,
                    };
                    let result = match matched {
                        Matched::Yes => self.for_qualifiers(rest, body, span, f, out),
                        Matched::No => Ok(()),
                        Matched::Unknown(u) => Err(unknown_in(first, &u, span)),
                    };
                    f.vars.truncate(mark);
                    result?;
                }
                Ok(())
            }
            _ => {
                let v = self.eval(first, f);
                match v.truthy() {
                    Some(true) => self.for_qualifiers(rest, body, span, f, out),
                    Some(false) => Ok(()),
                    None => Err(unknown_in(first, &v, span)),
                }
            }
        }
    }

    /// `with pat <- expr, … do … else … end`.
    fn eval_with(&mut self, call: &'a Call, span: Span, f: &mut Frame<'a>) -> Value {
        let steps = call.args_without_blocks();
        let mark = f.vars.len();
        for step in steps {
            match &step.kind {
                ExprKind::Binary {
                    op: BinOp::Arrow,
                    lhs,
                    rhs,
                } => {
                    let v = self.eval(rhs, f);
                    let (pattern, guard) = split_guard(lhs);
                    let start = f.vars.len();
                    let matched = match self.match_pattern(pattern, &v, f, start) {
                        Matched::Yes => self.check_guard(guard, f),
                        other => other,
                    };
                    match matched {
                        Matched::Yes => {}
                        Matched::Unknown(u) => {
                            f.vars.truncate(mark);
                            return unknown_in(step, &u, span);
                        }
                        Matched::No => {
                            f.vars.truncate(mark);
                            return match call.block("else") {
                                None => v,
                                Some(body) => match Self::clauses_of(Some(body)) {
                                    Some(clauses) => self.run_case_clauses(
                                        clauses,
                                        &v,
                                        &describe(rhs),
                                        "WithClauseError",
                                        span,
                                        f,
                                    ),
                                    None => Value::unknown(
                                        "`with … else` without `->` clauses is not evaluated",
                                        span,
                                    ),
                                },
                            };
                        }
                    }
                }
                _ => {
                    let v = self.eval(step, f);
                    if v.is_unknown()
                        && !matches!(
                            step.kind,
                            ExprKind::Binary {
                                op: BinOp::Match,
                                ..
                            }
                        )
                    {
                        f.vars.truncate(mark);
                        return unknown_in(step, &v, span);
                    }
                }
            }
        }
        let v = match call.block("do") {
            Some(body) => self.eval_body(body, span, f),
            None => Value::unknown("`with` without a `do` body", span),
        };
        f.vars.truncate(mark);
        v
    }

    /// `try do … end`: when the body evaluates to a known value nothing raised, so `rescue` and
    /// `catch` do not apply. `else` clauses are not modelled.
    fn eval_try(&mut self, call: &'a Call, span: Span, f: &mut Frame<'a>) -> Value {
        if call.block("else").is_some() {
            return Value::unknown("`try … else` is not evaluated", span);
        }
        let has_handlers = call.block("rescue").is_some() || call.block("catch").is_some();
        self.speculative += usize::from(has_handlers);
        let v = self.eval_branch(call.block("do"), span, f);
        self.speculative -= usize::from(has_handlers);
        if v.is_unknown() && has_handlers {
            return Value::unknown(
                format!(
                    "`try` body is unknown and its `rescue`/`catch` may apply: {}",
                    root_reason(&v)
                ),
                v.span,
            );
        }
        v
    }
}

/// `pattern when guard` → `(pattern, Some(guard))`.
fn split_guard(e: &Expr) -> (&Expr, Option<&Expr>) {
    match &e.kind {
        ExprKind::Binary {
            op: BinOp::When,
            lhs,
            rhs,
        } => (lhs, Some(rhs)),
        _ => (e, None),
    }
}

/// `&docs/0` → `"docs/0"`, `&Mod.fun/2` → `"Mod.fun/2"`; other captures are anonymous (`"fn"`).
fn capture_name<'a>(inner: &'a Expr, ev: &Evaluator<'a>, f: &Frame<'a>) -> String {
    if let ExprKind::Binary {
        op: BinOp::Div,
        lhs,
        rhs,
    } = &inner.kind
        && let ExprKind::Integer(arity) = rhs.kind
    {
        match &lhs.kind {
            ExprKind::Var(name) => return format!("{name}/{arity}"),
            ExprKind::Call(c) if c.args.is_empty() && !c.parens => match &c.target {
                None => return format!("{}/{arity}", c.name),
                Some(Expr {
                    kind: ExprKind::Alias(parts),
                    ..
                }) => {
                    return format!("{}.{}/{arity}", ev.resolve_alias(f.module, parts), c.name);
                }
                Some(Expr {
                    kind: ExprKind::Atom(m),
                    ..
                }) => return format!(":{m}.{}/{arity}", c.name),
                _ => {}
            },
            _ => {}
        }
    }
    "fn".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_reason_strips_nested_context() {
        let v = Value::unknown(
            "in `a ++ b`: in `b ++ c`: System.version/0 …",
            Span::default(),
        );
        assert_eq!(root_reason(&v), "System.version/0 …");
        let plain = Value::unknown("depends on `x`, which is unknown: y", Span::default());
        assert_eq!(root_reason(&plain), "depends on `x`, which is unknown: y");
    }
}
