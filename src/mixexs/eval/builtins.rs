//! Standard-library calls: the pure functions common in mix.exs are computed exactly as Elixir
//! 1.14 does; read-only file-system questions are answered relative to the project root;
//! everything else becomes an unknown value whose reason names the call and why.

use super::{Evaluator, limit_unknown, ops};
use crate::limits;
use crate::mixexs::ast::{BinOp, Expr, ExprKind};
use crate::mixexs::value::{Value, ValueKind};
use crate::source::Span;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use unicode_segmentation::UnicodeSegmentation;

/// Why a builtin produced no value.
enum Fail {
    /// A new unknown value with this reason (at the call's span).
    Reason(String),
    /// An unknown value found inside the arguments, passed on unchanged.
    Propagate(Value),
}

impl From<String> for Fail {
    fn from(s: String) -> Fail {
        Fail::Reason(s)
    }
}

type Out = Result<Value, Fail>;

/// Kernel functions callable without a module (`to_string(x)`, `is_atom(x)` …).
const KERNEL_FUNCTIONS: &[&str] = &[
    "to_string",
    "to_charlist",
    "is_atom",
    "is_binary",
    "is_bitstring",
    "is_list",
    "is_integer",
    "is_float",
    "is_number",
    "is_boolean",
    "is_nil",
    "is_map",
    "is_tuple",
    "is_function",
    "length",
    "hd",
    "tl",
    "elem",
    "tuple_size",
    "map_size",
    "byte_size",
    "abs",
    "max",
    "min",
    "div",
    "rem",
    "round",
    "trunc",
    "not",
    "inspect",
    "apply",
    "function_exported?",
    "macro_exported?",
    "struct",
    "get_in",
    "put_in",
    "update_in",
    "self",
    "send",
    "spawn",
    "node",
    "make_ref",
];

pub(super) fn is_kernel_function(name: &str, _arity: usize) -> bool {
    KERNEL_FUNCTIONS.contains(&name)
}

/// `Mod.fun(args)` for a module that is not defined in mix.exs. `module` is the full name
/// without `Elixir.`; `Kernel` also serves local calls to Kernel functions.
pub(super) fn remote(
    ev: &mut Evaluator,
    module: &str,
    fun: &str,
    args: Vec<Value>,
    span: Span,
) -> Value {
    let label = if module == "Kernel" {
        format!("{fun}/{}", args.len())
    } else {
        format!("{module}.{fun}/{}", args.len())
    };
    if super::versioned::asks_version(module, fun) {
        ev.version_dependent = true;
    }
    if let Some(answer) = super::versioned::call(ev.opts, module, fun, &args, span) {
        return match answer {
            Ok(v) => v,
            Err(reason) => Value::unknown(format!("{label} {reason}"), span),
        };
    }
    let result = lazy(ev, module, fun, &args, span, &label).unwrap_or_else(|| {
        // Every other function needs all its arguments.
        if let Some(u) = args.iter().find(|a| a.is_unknown()) {
            return Err(Fail::Propagate(u.clone()));
        }
        if let Some(why) = not_evaluated(module, fun, args.len()) {
            return Err(Fail::Reason(format!("{label} {why}")));
        }
        match call(ev, module, fun, args, span, &label) {
            Some(out) => out,
            None if is_standard_module(module) => {
                Err(Fail::Reason(format!("{label} is not evaluated by hexlint")))
            }
            None => Err(Fail::Reason(format!(
                "{label} calls {module}, which is not defined in mix.exs (hexlint never loads other code)"
            ))),
        }
    });
    match result {
        Ok(v) => ev.check_size(v),
        Err(Fail::Propagate(u)) => u,
        Err(Fail::Reason(reason)) => Value::unknown(reason, span),
    }
}

/// Modules of Elixir, Mix and their standard applications.
fn is_standard_module(module: &str) -> bool {
    let top = module.split('.').next().unwrap_or(module);
    matches!(
        top,
        "Kernel"
            | "String"
            | "Atom"
            | "Integer"
            | "Float"
            | "List"
            | "Enum"
            | "Stream"
            | "Keyword"
            | "Map"
            | "MapSet"
            | "Tuple"
            | "Path"
            | "File"
            | "System"
            | "Mix"
            | "IO"
            | "Code"
            | "Application"
            | "Version"
            | "Regex"
            | "URI"
            | "Base"
            | "Range"
            | "Access"
            | "Module"
            | "Process"
            | "Node"
            | "Port"
            | "Task"
            | "Agent"
            | "GenServer"
            | "Registry"
            | "Supervisor"
            | "DateTime"
            | "Date"
            | "Time"
            | "NaiveDateTime"
            | "Calendar"
            | "Function"
            | "Exception"
            | "Macro"
            | "Protocol"
            | "Inspect"
            | "StringIO"
            | "OptionParser"
            | "Bitwise"
            | "Logger"
            | "EEx"
            | "ExUnit"
            | "IEx"
    )
}

/// Functions that can give a known result although one argument is unknown.
fn lazy(
    ev: &mut Evaluator,
    module: &str,
    fun: &str,
    args: &[Value],
    span: Span,
    label: &str,
) -> Option<Out> {
    match (module, fun, args) {
        ("Keyword", "get", [list, key, default]) if !list.is_unknown() && !key.is_unknown() => {
            Some(
                keyword_get(list, key, label).map(|found| found.unwrap_or_else(|| default.clone())),
            )
        }
        // `Keyword.merge(known, unknown)` where the unknown side can only hold some keys: the
        // left side's other entries stay known.
        ("Keyword", "merge", [left, right])
            if !left.is_unknown() && right.is_unknown() && right.unknown_keys().is_some() =>
        {
            let keys = right.unknown_keys().unwrap_or_default();
            Some(keyword_entries(left, label).map(|entries| {
                let mut out: Vec<Value> = entries
                    .into_iter()
                    .filter(|(k, _)| !keys.iter().any(|x| x == k))
                    .map(|(_, i)| i.clone())
                    .collect();
                out.push(right.clone());
                Value::new(ValueKind::List(out), span)
            }))
        }
        ("Map", "get", [map, key, default]) if !map.is_unknown() && !key.is_unknown() => {
            Some(map_get(map, key, label).map(|found| found.unwrap_or_else(|| default.clone())))
        }
        ("System", "get_env", [name, default]) if !name.is_unknown() => {
            Some(str_arg(name, label).map(|n| match ev.opts.env_vars.get(n) {
                Some(v) => Value::new(ValueKind::String(v.clone()), span),
                None => default.clone(),
            }))
        }
        _ => None,
    }
}

/// Calls that are never evaluated, with the reason (after the call's name).
fn not_evaluated(module: &str, fun: &str, arity: usize) -> Option<&'static str> {
    Some(match (module, fun) {
        ("System", "version") => "depends on the Elixir version running Mix",
        ("System", "otp_release") => "depends on the Erlang/OTP version running Mix",
        ("System", "cmd" | "shell" | "spawn") => {
            "would run an external program (hexlint never runs code)"
        }
        ("System", "find_executable") => "depends on the programs installed on the machine",
        ("System", "get_env") if arity == 0 => {
            "returns the whole environment, which hexlint does not model"
        }
        ("System", "put_env" | "delete_env" | "halt" | "stop" | "at_exit") => {
            "has side effects (hexlint never runs code)"
        }
        ("System", "os_time" | "system_time" | "monotonic_time" | "unique_integer") => {
            "depends on when Mix runs"
        }
        ("System", "argv") => "depends on the command line Mix was started with",
        ("System", _) if !matches!(fun, "get_env" | "fetch_env!" | "fetch_env") => {
            "depends on the machine running Mix"
        }
        ("Application", "spec") if arity <= 2 => return None,
        ("Application", _) => "depends on runtime configuration",
        ("Code", "ensure_loaded?" | "ensure_loaded" | "ensure_compiled" | "ensure_compiled!")
        | ("Code", "loaded?") => "depends on which modules are loaded when Mix runs",
        ("Code", _) => "would load or evaluate Elixir code (hexlint never runs code)",
        ("Version", "parse" | "parse!") => return None,
        ("Version", _) => "is not evaluated by hexlint",
        ("Mix", "compilers") => "depends on the Mix version running",
        ("Mix", "env" | "target") if arity == 1 => "changes Mix's state (a side effect)",
        ("Mix.Project", _) => "depends on the project configuration Mix has loaded",
        ("Mix", "env" | "target") => return None,
        ("Mix", _) => "depends on Mix's runtime state",
        ("File", "read!" | "read" | "exists?" | "dir?" | "regular?" | "cwd" | "cwd!") => {
            return None;
        }
        ("File", "ls" | "ls!" | "stat" | "stat!" | "lstat" | "lstat!" | "stream!" | "open") => {
            "depends on the file system in ways hexlint does not evaluate"
        }
        ("File", _) => "would change files (hexlint never runs code)",
        ("IO", _) => "does input/output (hexlint never runs code)",
        ("Node" | "Process" | "Port" | "Task" | "Agent" | "GenServer" | "Registry", _) => {
            "depends on the running system"
        }
        (
            "DateTime" | "Date" | "Time" | "NaiveDateTime",
            "utc_now" | "now" | "utc_today" | "local_now",
        ) => "depends on when Mix runs",
        ("Kernel", "apply") => "calls a function dynamically (hexlint never calls functions)",
        ("Kernel", "function_exported?" | "macro_exported?") => {
            "depends on which modules are loaded when Mix runs"
        }
        ("Kernel", "self" | "send" | "spawn" | "node" | "make_ref") => {
            "depends on the running system"
        }
        ("Kernel", "struct" | "get_in" | "put_in" | "update_in") => "is not evaluated by hexlint",
        _ => return None,
    })
}

/// An Erlang call (`:file.consult/1`, `:erlang.system_info/1` …): never evaluated.
pub(super) fn erlang(module: &str, fun: &str, args: Vec<Value>, span: Span) -> Value {
    let arity = args.len();
    let label = format!(":{module}.{fun}/{arity}");
    let why = match (module, fun) {
        ("erlang", "system_info") => "depends on the Erlang/OTP runtime running Mix",
        ("file", "consult") => {
            "would read and parse an Erlang term file; hexlint does not evaluate it"
        }
        ("os", "cmd") => "would run an external program (hexlint never runs code)",
        ("os", _) => "depends on the operating system",
        ("application", _) => "depends on the applications loaded when Mix runs",
        _ => "is an Erlang call; hexlint does not evaluate it",
    };
    Value::unknown(format!("{label} {why}"), span)
}

/// `container[key]` (the Access protocol on keyword lists, maps and nil).
pub(super) fn access(container: &Value, key: &Value, span: Span) -> Value {
    let label = "Access.get/2";
    let result = match &container.kind {
        ValueKind::Unknown { .. } => Err(Fail::Propagate(container.clone())),
        _ if key.is_unknown() => Err(Fail::Propagate(key.clone())),
        ValueKind::Nil => Ok(None),
        ValueKind::List(_) => {
            if key.as_atom().is_none() && !matches!(key.kind, ValueKind::Nil | ValueKind::Bool(_)) {
                Err(Fail::Reason(format!(
                    "the Access syntax on a list needs an atom key, got {} (Mix would raise ArgumentError)",
                    key.inspect()
                )))
            } else {
                keyword_get(container, key, label)
            }
        }
        ValueKind::Map(_) => map_get(container, key, label),
        _ => Err(Fail::Reason(format!(
            "{} does not support the Access syntax (Mix would raise)",
            container.inspect()
        ))),
    };
    match result {
        Ok(Some(v)) => v,
        Ok(None) => Value::new(ValueKind::Nil, span),
        Err(Fail::Propagate(u)) => u,
        Err(Fail::Reason(r)) => Value::unknown(r, span),
    }
}

// ---------------------------------------------------------------------------------------------
// Argument helpers

fn type_error(label: &str, expected: &str, got: &Value) -> Fail {
    Fail::Reason(format!(
        "{label} expects {expected}, got {} (Mix would raise)",
        got.inspect()
    ))
}

fn str_arg<'v>(v: &'v Value, label: &str) -> Result<&'v str, Fail> {
    match &v.kind {
        ValueKind::String(s) => Ok(s),
        ValueKind::Unknown { .. } => Err(Fail::Propagate(v.clone())),
        _ => Err(type_error(label, "a string", v)),
    }
}

/// Chardata accepted by `Path` and `File` functions: strings, charlists, lists of them.
fn chardata_arg(v: &Value, label: &str) -> Result<String, Fail> {
    match &v.kind {
        ValueKind::String(s) | ValueKind::Charlist(s) => Ok(s.clone()),
        ValueKind::List(_) => ops::to_text(v).map_err(Fail::Propagate),
        ValueKind::Unknown { .. } => Err(Fail::Propagate(v.clone())),
        _ => Err(type_error(label, "a path (string or charlist)", v)),
    }
}

fn list_arg<'v>(v: &'v Value, label: &str) -> Result<Cow<'v, [Value]>, Fail> {
    match &v.kind {
        ValueKind::List(items) => Ok(Cow::Borrowed(items)),
        ValueKind::Charlist(text) => Ok(Cow::Owned(ops::charlist_ints(text, v.span))),
        ValueKind::Unknown { .. } => Err(Fail::Propagate(v.clone())),
        _ => match ops::range_items(v) {
            Some(items) => Ok(Cow::Owned(items)),
            None => Err(type_error(label, "a list", v)),
        },
    }
}

/// A list whose elements are all known at the top level.
fn known_list<'v>(v: &'v Value, label: &str) -> Result<Cow<'v, [Value]>, Fail> {
    let items = list_arg(v, label)?;
    if let Some(u) = items.iter().find(|i| i.is_unknown()) {
        return Err(Fail::Propagate(u.clone()));
    }
    Ok(items)
}

fn int_arg(v: &Value, label: &str) -> Result<i128, Fail> {
    match v.kind {
        ValueKind::Int(i) => Ok(i),
        _ => Err(type_error(label, "an integer", v)),
    }
}

fn atom_key<'v>(v: &'v Value, label: &str) -> Result<&'v str, Fail> {
    match &v.kind {
        ValueKind::Atom(a) => Ok(a),
        ValueKind::Nil => Ok("nil"),
        ValueKind::Bool(true) => Ok("true"),
        ValueKind::Bool(false) => Ok("false"),
        ValueKind::Unknown { .. } => Err(Fail::Propagate(v.clone())),
        _ => Err(type_error(label, "an atom key", v)),
    }
}

/// An option from a keyword list (`global: false`, `trim: true`).
fn find_option<'v>(opts: &'v Value, key: &str) -> Option<&'v Value> {
    opts.as_list()?.iter().find_map(|item| match &item.kind {
        ValueKind::Tuple(t) if t.len() == 2 && t[0].as_atom() == Some(key) => Some(&t[1]),
        _ => None,
    })
}

fn new(kind: ValueKind, span: Span) -> Value {
    Value::new(kind, span)
}

fn string(s: impl Into<String>, span: Span) -> Value {
    Value::new(ValueKind::String(s.into()), span)
}

fn atom(a: &str, span: Span) -> Value {
    Value::new(ValueKind::Atom(a.to_string()), span)
}

fn tuple(items: Vec<Value>, span: Span) -> Value {
    Value::new(ValueKind::Tuple(items), span)
}

fn boolean(b: bool, span: Span) -> Value {
    Value::new(ValueKind::Bool(b), span)
}

// ---------------------------------------------------------------------------------------------
// Keyword lists and maps, tolerant of unknown parts

/// `Keyword.get/2`: the first `{key, value}`; `Err` if an unknown element comes first (the key
/// could be in it).
fn keyword_get(list: &Value, key: &Value, label: &str) -> Result<Option<Value>, Fail> {
    let key = atom_key(key, label)?;
    let items = list_arg(list, label)?;
    for item in items.iter() {
        match &item.kind {
            ValueKind::Unknown { .. } => return Err(Fail::Propagate(item.clone())),
            ValueKind::Tuple(t) if t.len() == 2 => {
                if t[0].is_unknown() {
                    return Err(Fail::Propagate(t[0].clone()));
                }
                if atom_key(&t[0], label).ok() == Some(key) {
                    return Ok(Some(t[1].clone()));
                }
            }
            _ => {}
        }
    }
    Ok(None)
}

/// The entries of a keyword list, all of them known at the level of keys.
fn keyword_entries<'v>(list: &'v Value, label: &str) -> Result<Vec<(&'v str, &'v Value)>, Fail> {
    let items = match &list.kind {
        ValueKind::List(items) => items,
        ValueKind::Unknown { .. } => return Err(Fail::Propagate(list.clone())),
        _ => return Err(type_error(label, "a keyword list", list)),
    };
    items
        .iter()
        .map(|item| match &item.kind {
            ValueKind::Unknown { .. } => Err(Fail::Propagate(item.clone())),
            ValueKind::Tuple(t) if t.len() == 2 => Ok((atom_key(&t[0], label)?, item)),
            _ => Err(type_error(label, "a keyword list", list)),
        })
        .collect()
}

fn map_entries<'v>(map: &'v Value, label: &str) -> Result<&'v [(Value, Value)], Fail> {
    match &map.kind {
        ValueKind::Map(entries) => Ok(entries),
        ValueKind::Unknown { .. } => Err(Fail::Propagate(map.clone())),
        _ => Err(type_error(label, "a map", map)),
    }
}

fn map_get(map: &Value, key: &Value, label: &str) -> Result<Option<Value>, Fail> {
    let entries = map_entries(map, label)?;
    match ops::map_position(entries, key) {
        Ok(found) => Ok(found.map(|i| entries[i].1.clone())),
        Err(u) => Err(Fail::Propagate(u)),
    }
}

/// Map keys in Elixir's order: maps of up to 32 keys iterate in term order.
fn sorted_entries(entries: &[(Value, Value)], label: &str) -> Result<Vec<(Value, Value)>, Fail> {
    if entries.len() > 32 {
        return Err(Fail::Reason(format!(
            "{label} on a map of more than 32 keys has an order hexlint does not model"
        )));
    }
    let mut sorted = entries.to_vec();
    let mut failure = None;
    sorted.sort_by(|a, b| match ops::compare(&a.0, &b.0) {
        Ok(o) => o,
        Err(u) => {
            failure.get_or_insert(u);
            std::cmp::Ordering::Equal
        }
    });
    match failure {
        Some(u) => Err(Fail::Propagate(u)),
        None => Ok(sorted),
    }
}

// ---------------------------------------------------------------------------------------------
// Dispatch

/// `None` when the function is not implemented.
fn call(
    ev: &mut Evaluator,
    module: &str,
    fun: &str,
    args: Vec<Value>,
    span: Span,
    label: &str,
) -> Option<Out> {
    Some(match module {
        "Kernel" => kernel(fun, &args, span, label)?,
        "String" => string_fn(fun, &args, span, label)?,
        "Atom" => match (fun, args.as_slice()) {
            // Unlike `to_string/1`, `Atom.to_string(nil)` is "nil".
            ("to_string", [a]) => atom_key(a, label).map(|t| string(t, span)),
            ("to_charlist", [a]) => {
                atom_key(a, label).map(|t| new(ValueKind::Charlist(t.to_string()), span))
            }
            _ => return None,
        },
        "Integer" => integer_fn(fun, &args, span, label)?,
        "Float" => match (fun, args.as_slice()) {
            ("to_string", [x @ Value { kind: ValueKind::Float(_), .. }]) => {
                ops::to_text(x).map(|s| string(s, span)).map_err(Fail::Propagate)
            }
            _ => return None,
        },
        "List" => list_fn(fun, &args, span, label)?,
        "Module" => module_fn(fun, &args, span, label)?,
        "Macro" => macro_fn(fun, &args, span, label)?,
        "Version" => version_fn(fun, &args, span, label)?,
        "Application" => match (fun, args.as_slice()) {
            // mix.exs is evaluated before any dependency (or the project itself) is loaded:
            // the spec of an application that is not part of Elixir or Erlang/OTP is nil.
            ("spec", [app] | [app, _]) if app.as_atom().is_some_and(|a| {
                !crate::modules::stdlib::is_app(a) && a != "hex"
            }) =>
            {
                Ok(new(ValueKind::Nil, span))
            }
            _ => return None,
        },
        "Enum" => enum_fn(fun, &args, span, label)?,
        "Keyword" => keyword_fn(fun, &args, span, label)?,
        "Map" => map_fn(fun, &args, span, label)?,
        "Path" => path_fn(ev, fun, &args, span, label)?,
        "File" => file_fn(ev, fun, &args, span, label)?,
        "System" => match (fun, args.as_slice()) {
            ("get_env", [name]) => str_arg(name, label).map(|n| match ev.opts.env_vars.get(n) {
                Some(v) => string(v.clone(), span),
                None => new(ValueKind::Nil, span),
            }),
            ("fetch_env!", [name]) => str_arg(name, label).and_then(|n| match ev.opts.env_vars.get(n) {
                Some(v) => Ok(string(v.clone(), span)),
                None => Err(Fail::Reason(format!(
                    "System.fetch_env!({n:?}) would raise: the environment variable {n} is not set"
                ))),
            }),
            ("fetch_env", [name]) => str_arg(name, label).map(|n| match ev.opts.env_vars.get(n) {
                Some(v) => tuple(vec![atom("ok", span), string(v.clone(), span)], span),
                None => atom("error", span),
            }),
            _ => return None,
        },
        "Mix" => match (fun, args.as_slice()) {
            ("env", []) => {
                ev.env_dependent = true;
                Ok(atom(&ev.opts.mix_env, span))
            }
            ("target", []) => Ok(atom(&ev.opts.mix_target, span)),
            _ => return None,
        },
        "Regex" => regex_fn(fun, &args, span, label)?,
        _ => {
            if args.iter().any(|a| matches!(a.kind, ValueKind::Function(_))) {
                Err(Fail::Reason(format!(
                    "{label} takes a function argument; hexlint never calls functions"
                )))
            } else {
                return None;
            }
        }
    })
}

fn kernel(fun: &str, args: &[Value], span: Span, label: &str) -> Option<Out> {
    use ValueKind as K;
    let is = |b: bool| Ok(boolean(b, span));
    Some(match (fun, args) {
        ("to_string", [x]) => ops::to_text(x)
            .map(|s| string(s, span))
            .map_err(Fail::Propagate),
        ("to_charlist", [x]) => ops::to_text(x)
            .map(|s| new(K::Charlist(s), span))
            .map_err(Fail::Propagate),
        ("is_atom", [x]) => is(matches!(x.kind, K::Atom(_) | K::Nil | K::Bool(_))),
        ("is_binary" | "is_bitstring", [x]) => is(matches!(x.kind, K::String(_))),
        ("is_list", [x]) => is(matches!(x.kind, K::List(_) | K::Charlist(_))),
        ("is_integer", [x]) => is(matches!(x.kind, K::Int(_))),
        ("is_float", [x]) => is(matches!(x.kind, K::Float(_))),
        ("is_number", [x]) => is(matches!(x.kind, K::Int(_) | K::Float(_))),
        ("is_boolean", [x]) => is(matches!(x.kind, K::Bool(_))),
        ("is_nil", [x]) => is(matches!(x.kind, K::Nil)),
        ("is_map", [x]) => is(matches!(x.kind, K::Map(_) | K::Regex { .. })),
        ("is_tuple", [x]) => is(matches!(x.kind, K::Tuple(_))),
        ("is_function", [x]) => is(matches!(x.kind, K::Function(_))),
        ("length", [l]) => known_list(l, label).map(|items| new(K::Int(items.len() as i128), span)),
        ("hd", [l]) => list_arg(l, label).and_then(|items| {
            items
                .first()
                .cloned()
                .ok_or_else(|| Fail::Reason(format!("{label} of an empty list (Mix would raise)")))
        }),
        ("tl", [l]) => list_arg(l, label).and_then(|items| match items.split_first() {
            Some((_, rest)) => Ok(new(K::List(rest.to_vec()), span)),
            None => Err(Fail::Reason(format!(
                "{label} of an empty list (Mix would raise)"
            ))),
        }),
        ("elem", [t, i]) => match (&t.kind, int_arg(i, label)) {
            (K::Tuple(items), Ok(i)) => usize::try_from(i)
                .ok()
                .and_then(|i| items.get(i))
                .cloned()
                .ok_or_else(|| {
                    Fail::Reason(format!("{label}: index out of range (Mix would raise)"))
                }),
            (_, Err(e)) => Err(e),
            _ => Err(type_error(label, "a tuple", t)),
        },
        ("tuple_size", [t]) => match &t.kind {
            K::Tuple(items) => Ok(new(K::Int(items.len() as i128), span)),
            _ => Err(type_error(label, "a tuple", t)),
        },
        ("map_size", [m]) => map_entries(m, label).map(|e| new(K::Int(e.len() as i128), span)),
        ("byte_size", [s]) => str_arg(s, label).map(|s| new(K::Int(s.len() as i128), span)),
        ("abs", [x]) => match x.kind {
            K::Int(i) => i
                .checked_abs()
                .map(|n| new(K::Int(n), span))
                .ok_or_else(|| Fail::Reason("integer out of hexlint's range".into())),
            K::Float(f) => Ok(new(K::Float(f.abs()), span)),
            _ => Err(type_error(label, "a number", x)),
        },
        ("max" | "min", [a, b]) => match ops::compare(a, b) {
            // Elixir returns the first argument when they compare equal.
            Ok(o) => Ok(if (fun == "max") == (o == std::cmp::Ordering::Less) {
                b.clone()
            } else {
                a.clone()
            }),
            Err(u) => Err(Fail::Propagate(u)),
        },
        ("div" | "rem", [a, b]) => {
            let (x, y) = (int_arg(a, label), int_arg(b, label));
            match (x, y) {
                (Ok(_), Ok(0)) => Err(Fail::Reason(format!("{label} by zero (Mix would raise)"))),
                (Ok(x), Ok(y)) => {
                    let r = if fun == "div" {
                        x.checked_div(y)
                    } else {
                        x.checked_rem(y)
                    };
                    r.map(|n| new(K::Int(n), span))
                        .ok_or_else(|| Fail::Reason("integer out of hexlint's range".into()))
                }
                (Err(e), _) | (_, Err(e)) => Err(e),
            }
        }
        ("round" | "trunc", [x]) => match x.kind {
            K::Int(_) => Ok(x.clone()),
            K::Float(f) => {
                let r = if fun == "round" { f.round() } else { f.trunc() };
                if r.abs() < 1e30 {
                    Ok(new(K::Int(r as i128), span))
                } else {
                    Err(Fail::Reason("integer out of hexlint's range".into()))
                }
            }
            _ => Err(type_error(label, "a number", x)),
        },
        ("not", [x]) => match x.kind {
            K::Bool(b) => Ok(boolean(!b, span)),
            _ => Err(type_error(label, "a boolean", x)),
        },
        (op, [a, b]) if kernel_operator(op).is_some() => {
            let bin = kernel_operator(op)?;
            let call = Expr::new(ExprKind::Var(format!("Kernel.{op}/2")), span);
            Ok(ops::binary(bin, a.clone(), b.clone(), &call))
        }
        ("inspect", [x]) => inspect_simple(x)
            .map(|s| string(s, span))
            .ok_or_else(|| Fail::Reason(format!("{label} of {} is not evaluated", x.inspect()))),
        _ => return None,
    })
}

/// Operators callable as `Kernel.op(a, b)` (mostly in pipes: `|> Kernel.<>("-dev")`).
fn kernel_operator(name: &str) -> Option<BinOp> {
    Some(match name {
        "<>" => BinOp::Concat,
        "++" => BinOp::ListConcat,
        "--" => BinOp::ListSub,
        "==" => BinOp::Eq,
        "!=" => BinOp::NotEq,
        "===" => BinOp::StrictEq,
        "!==" => BinOp::StrictNotEq,
        "<" => BinOp::Lt,
        ">" => BinOp::Gt,
        "<=" => BinOp::Le,
        ">=" => BinOp::Ge,
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "/" => BinOp::Div,
        "=~" => BinOp::RegexMatch,
        _ => return None,
    })
}

/// `inspect/1` for values whose printed form is certain.
fn inspect_simple(v: &Value) -> Option<String> {
    let word = |w: &str, first: fn(&char) -> bool| {
        let mut chars = w.chars();
        chars.next().is_some_and(|c| first(&c))
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    match &v.kind {
        ValueKind::Nil | ValueKind::Bool(_) | ValueKind::Int(_) => Some(v.inspect()),
        ValueKind::Float(x) => Some(ops::format_float(*x)),
        // `Foo.Bar` and `:foo_bar`; anything else may print quoted.
        ValueKind::Atom(a) => match a.strip_prefix("Elixir.") {
            Some(module) if module.split('.').all(|s| word(s, char::is_ascii_uppercase)) => {
                Some(module.to_string())
            }
            None if word(a, |c| c.is_ascii_lowercase() || *c == '_') => Some(format!(":{a}")),
            _ => None,
        },
        ValueKind::String(s)
            if s.chars()
                .all(|c| (' '..='~').contains(&c) && c != '"' && c != '\\' && c != '#') =>
        {
            Some(format!("\"{s}\""))
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// String

/// `String.trim/2`-style removal of a repeated string (not a character set) from one or both ends.
fn trim_string<'s>(s: &'s str, what: &str, leading: bool, trailing: bool) -> &'s str {
    let mut out = s;
    if what.is_empty() {
        return out;
    }
    if leading {
        while let Some(rest) = out.strip_prefix(what) {
            out = rest;
        }
    }
    if trailing {
        while let Some(rest) = out.strip_suffix(what) {
            out = rest;
        }
    }
    out
}

fn string_fn(fun: &str, args: &[Value], span: Span, label: &str) -> Option<Out> {
    let s = |i: usize| str_arg(&args[i], label);
    let text = |t: String| Ok(string(t, span));
    Some(match (fun, args.len()) {
        ("trim", 1) => s(0).and_then(|x| text(x.trim_matches(char::is_whitespace).to_string())),
        ("trim_leading", 1) => {
            s(0).and_then(|x| text(x.trim_start_matches(char::is_whitespace).to_string()))
        }
        ("trim_trailing", 1) => {
            s(0).and_then(|x| text(x.trim_end_matches(char::is_whitespace).to_string()))
        }
        ("trim" | "trim_leading" | "trim_trailing", 2) => s(0).and_then(|x| {
            let what = s(1)?;
            let (lead, trail) = match fun {
                "trim" => (true, true),
                "trim_leading" => (true, false),
                _ => (false, true),
            };
            text(trim_string(x, what, lead, trail).to_string())
        }),
        ("upcase", 1 | 2) => s(0).and_then(|x| text(x.to_uppercase())),
        ("downcase", 1 | 2) => s(0).and_then(|x| text(x.to_lowercase())),
        ("capitalize", 1 | 2) => s(0).and_then(|x| {
            let mut graphemes = x.graphemes(true);
            let first = graphemes.next().unwrap_or("");
            let rest: String = graphemes.collect();
            // Elixir title-cases the first letter (`ǆ` → `ǅ`); upper case matches it for
            // everything but a few digraphs.
            text(format!("{}{}", first.to_uppercase(), rest.to_lowercase()))
        }),
        ("to_atom" | "to_existing_atom", 1) => s(0).map(|x| atom(x, span)),
        ("to_charlist", 1) => s(0).map(|x| new(ValueKind::Charlist(x.to_string()), span)),
        ("to_integer", 1) => s(0).and_then(|x| match parse_integer(x, 10) {
            Some((n, "")) => Ok(new(ValueKind::Int(n), span)),
            _ => Err(Fail::Reason(format!(
                "{label}: {x:?} is not an integer (Mix would raise ArgumentError)"
            ))),
        }),
        ("length", 1) => s(0).map(|x| new(ValueKind::Int(x.graphemes(true).count() as i128), span)),
        ("reverse", 1) => s(0).and_then(|x| text(x.graphemes(true).rev().collect())),
        ("duplicate", 2) => s(0).and_then(|x| {
            let n = int_arg(&args[1], label)?;
            let n = usize::try_from(n)
                .map_err(|_| type_error(label, "a non-negative count", &args[1]))?;
            if x.len().saturating_mul(n) > limits::MAX_VALUE_BYTES {
                return Err(Fail::Propagate(limit_unknown(
                    "MAX_VALUE_BYTES",
                    &format!(
                        "{label} would build a string over {} bytes",
                        limits::MAX_VALUE_BYTES
                    ),
                    span,
                )));
            }
            text(x.repeat(n))
        }),
        ("contains?" | "starts_with?" | "ends_with?", 2) => s(0).and_then(|x| {
            let patterns: Vec<String> = match &args[1].kind {
                ValueKind::String(p) => vec![p.clone()],
                ValueKind::List(items) => items
                    .iter()
                    .map(|i| str_arg(i, label).map(str::to_string))
                    .collect::<Result<_, _>>()?,
                _ => return Err(type_error(label, "a string or a list of strings", &args[1])),
            };
            let test = |p: &String| match fun {
                "contains?" => x.contains(p.as_str()),
                "starts_with?" => x.starts_with(p.as_str()),
                _ => x.ends_with(p.as_str()),
            };
            Ok(boolean(patterns.iter().any(test), span))
        }),
        ("replace_prefix" | "replace_suffix", 3) => s(0).and_then(|x| {
            let (m, r) = (s(1)?, s(2)?);
            let out = if fun == "replace_prefix" {
                x.strip_prefix(m).map(|rest| format!("{r}{rest}"))
            } else {
                x.strip_suffix(m).map(|rest| format!("{rest}{r}"))
            };
            text(out.unwrap_or_else(|| x.to_string()))
        }),
        ("replace", 3 | 4) => s(0).and_then(|x| {
            let global = match args.get(3) {
                Some(opts) => !matches!(
                    find_option(opts, "global").map(|v| &v.kind),
                    Some(ValueKind::Bool(false))
                ),
                None => true,
            };
            string_replace(x, &args[1], &args[2], global, label).and_then(|t| {
                if t.len() > limits::MAX_VALUE_BYTES {
                    Err(Fail::Propagate(limit_unknown(
                        "MAX_VALUE_BYTES",
                        &format!("{label} builds too large a string"),
                        span,
                    )))
                } else {
                    text(t)
                }
            })
        }),
        ("split", 1) => s(0).map(|x| {
            let words = ops::split_whitespace_words(x)
                .map(|(_, w)| string(w, span))
                .collect();
            new(ValueKind::List(words), span)
        }),
        ("split", 2 | 3) => s(0).and_then(|x| {
            let (parts, trim) = match args.get(2) {
                Some(opts) => {
                    let parts = match find_option(opts, "parts").map(|v| &v.kind) {
                        None => None,
                        Some(ValueKind::Atom(a)) if a == "infinity" => None,
                        Some(ValueKind::Int(n)) if *n > 0 => usize::try_from(*n).ok(),
                        Some(_) => return Err(type_error(label, "a valid :parts option", opts)),
                    };
                    let trim = matches!(
                        find_option(opts, "trim").map(|v| &v.kind),
                        Some(ValueKind::Bool(true))
                    );
                    (parts, trim)
                }
                None => (None, false),
            };
            let pieces = string_split(x, &args[1], parts, trim, label)?;
            Ok(new(
                ValueKind::List(pieces.into_iter().map(|p| string(p, span)).collect()),
                span,
            ))
        }),
        _ => return None,
    })
}

/// Elixir's integer syntax for `String.to_integer/1` and `Integer.parse/1`: optional sign, then
/// digits. Returns the number and the rest.
fn parse_integer(s: &str, base: u32) -> Option<(i128, &str)> {
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let end = digits
        .char_indices()
        .find(|(_, c)| !c.is_digit(base))
        .map_or(digits.len(), |(i, _)| i);
    if end == 0 {
        return None;
    }
    let n = i128::from_str_radix(&digits[..end], base).ok()?;
    Some((if negative { -n } else { n }, &digits[end..]))
}

/// The leftmost match of any needle (the longest one when several start there), as
/// `:binary.match/2` finds it.
fn find_any(haystack: &str, needles: &[&str]) -> Option<(usize, usize)> {
    needles
        .iter()
        .filter_map(|n| haystack.find(n).map(|i| (i, n.len())))
        .min_by_key(|(i, len)| (*i, usize::MAX - len))
}

/// Replace occurrences of any of `needles` (non-overlapping, left to right).
fn replace_any(s: &str, needles: &[&str], replacement: &str, global: bool) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some((i, len)) = find_any(rest, needles) {
        out.push_str(&rest[..i]);
        out.push_str(replacement);
        rest = &rest[i + len..];
        if !global {
            break;
        }
    }
    out.push_str(rest);
    out
}

/// The pieces of `String.split/2,3` (a string, list of strings, or regex pattern).
fn string_split(
    s: &str,
    pattern: &Value,
    parts: Option<usize>,
    trim: bool,
    label: &str,
) -> Result<Vec<String>, Fail> {
    if let ValueKind::String(p) = &pattern.kind
        && p.is_empty()
    {
        // Splits into graphemes, with an empty string at each end unless trimmed.
        let mut out: Vec<String> = Vec::new();
        if !trim {
            out.push(String::new());
        }
        out.extend(s.graphemes(true).map(str::to_string));
        if !trim {
            out.push(String::new());
        }
        if let Some(n) = parts
            && out.len() > n
        {
            let rest: String = out[n - 1..].concat();
            out.truncate(n - 1);
            out.push(rest);
        }
        return Ok(out);
    }
    let regex;
    let needles: Vec<&str>;
    // The next match at or after a byte offset, as `(start, end)`.
    let find: Box<dyn Fn(usize) -> Option<(usize, usize)>> = match &pattern.kind {
        ValueKind::String(p) => {
            let p = p.as_str();
            Box::new(move |at| s[at..].find(p).map(|i| (at + i, at + i + p.len())))
        }
        ValueKind::List(items) => {
            needles = items
                .iter()
                .map(|i| str_arg(i, label))
                .collect::<Result<_, _>>()?;
            if needles.iter().any(|n| n.is_empty()) {
                return Err(Fail::Reason(format!(
                    "{label} with an empty pattern in a list is not evaluated"
                )));
            }
            let needles = &needles;
            Box::new(move |at| find_any(&s[at..], needles).map(|(i, len)| (at + i, at + i + len)))
        }
        ValueKind::Regex { source, opts } => {
            regex = ops::compile_regex(source, opts)?;
            let re = &regex;
            Box::new(move |at| re.find_at(s, at).map(|m| (m.start(), m.end())))
        }
        _ => {
            return Err(type_error(
                label,
                "a string, list of strings or regex pattern",
                pattern,
            ));
        }
    };
    // Empty pieces are dropped as they are found when trimming, so they do not count towards
    // `parts` (as in Elixir).
    let mut pieces = Vec::new();
    let mut at = 0;
    loop {
        if parts.is_some_and(|n| pieces.len() + 1 >= n) {
            break;
        }
        let Some((start, end)) = find(at) else { break };
        if start == end {
            return Err(Fail::Reason(format!(
                "{label} with a pattern that matches the empty string is not evaluated"
            )));
        }
        let piece = &s[at..start];
        if !(trim && piece.is_empty()) {
            pieces.push(piece.to_string());
        }
        at = end;
    }
    let rest = &s[at..];
    if !(trim && rest.is_empty()) {
        pieces.push(rest.to_string());
    }
    Ok(pieces)
}

/// `String.replace/3,4` with a string, list of strings or regex pattern.
fn string_replace(
    s: &str,
    pattern: &Value,
    replacement: &Value,
    global: bool,
    label: &str,
) -> Result<String, Fail> {
    let replacement = match &replacement.kind {
        ValueKind::String(r) => r.as_str(),
        ValueKind::Function(_) => {
            return Err(Fail::Reason(format!(
                "{label} with a function replacement is not evaluated (hexlint never calls functions)"
            )));
        }
        _ => return Err(type_error(label, "a string replacement", replacement)),
    };
    // An upper bound of the result's size, checked before building it.
    let limit = |matches: usize, per_match: usize| {
        let bound = matches.saturating_mul(per_match).saturating_add(s.len());
        if bound > limits::MAX_VALUE_BYTES {
            Err(Fail::Reason(format!(
                "{label} builds too large a string (hexlint's MAX_VALUE_BYTES limit)"
            )))
        } else {
            Ok(())
        }
    };
    let at_most = |n: usize| if global { n } else { n.min(1) };
    match &pattern.kind {
        ValueKind::String(p) if p.is_empty() => {
            limit(at_most(s.len() + 1), replacement.len())?;
            // An empty pattern matches between every grapheme and at both ends.
            if !global {
                return Ok(format!("{replacement}{s}"));
            }
            let mut out = String::from(replacement);
            for g in s.graphemes(true) {
                out.push_str(g);
                out.push_str(replacement);
            }
            Ok(out)
        }
        ValueKind::String(p) => {
            limit(at_most(s.matches(p.as_str()).count()), replacement.len())?;
            Ok(if global {
                s.replace(p.as_str(), replacement)
            } else {
                s.replacen(p.as_str(), replacement, 1)
            })
        }
        ValueKind::List(items) => {
            let needles: Vec<&str> = items
                .iter()
                .map(|i| str_arg(i, label))
                .collect::<Result<_, _>>()?;
            if needles.iter().any(|n| n.is_empty()) {
                return Err(Fail::Reason(format!(
                    "{label} with an empty pattern in a list is not evaluated"
                )));
            }
            let mut count = 0;
            let mut rest = s;
            while let Some((i, len)) = find_any(rest, &needles) {
                count += 1;
                rest = &rest[i + len..];
            }
            limit(at_most(count), replacement.len())?;
            Ok(replace_any(s, &needles, replacement, global))
        }
        ValueKind::Regex { source, opts } => {
            let re = ops::compile_regex(source, opts)?;
            let rep = regex_replacement(replacement);
            let (count, longest) = re
                .find_iter(s)
                .fold((0, 0), |(n, l), m| (n + 1, l.max(m.len())));
            let captures = rep.matches("${").count();
            limit(
                at_most(count),
                rep.len().saturating_add(captures.saturating_mul(longest)),
            )?;
            Ok(if global {
                re.replace_all(s, rep.as_str()).into_owned()
            } else {
                re.replace(s, rep.as_str()).into_owned()
            })
        }
        _ => Err(Fail::Reason(format!(
            "{label} with pattern {} is not evaluated",
            pattern.inspect()
        ))),
    }
}

/// An Elixir regex replacement (`\\1`, `\\g{1}`, `\\0`) in the `regex` crate's syntax.
fn regex_replacement(r: &str) -> String {
    let mut out = String::new();
    let mut chars = r.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '$' => out.push_str("$$"),
            '\\' => match chars.peek() {
                Some(d) if d.is_ascii_digit() => {
                    let mut n = String::new();
                    while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                        n.push(*d);
                        chars.next();
                    }
                    out.push_str(&format!("${{{n}}}"));
                }
                Some('g') => {
                    let rest: String = chars.clone().collect();
                    if let Some(inner) = rest.strip_prefix("g{")
                        && let Some(end) = inner.find('}')
                        && inner[..end].chars().all(|d| d.is_ascii_digit())
                    {
                        out.push_str(&format!("${{{}}}", &inner[..end]));
                        for _ in 0..end + 3 {
                            chars.next();
                        }
                    } else {
                        out.push('\\');
                    }
                }
                Some(_) => {
                    if let Some(next) = chars.next() {
                        out.push(next);
                    }
                }
                None => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    out
}

fn regex_fn(fun: &str, args: &[Value], span: Span, label: &str) -> Option<Out> {
    let regex_value = |source: &str, opts: &str| {
        ops::compile_regex(source, opts)?;
        Ok::<_, Fail>(new(
            ValueKind::Regex {
                source: source.to_string(),
                opts: opts.to_string(),
            },
            span,
        ))
    };
    Some(match (fun, args) {
        ("compile!" | "compile", [source, rest @ ..]) if rest.len() <= 1 => {
            let opts = match rest.first().map(|o| &o.kind) {
                None => String::new(),
                Some(ValueKind::String(o)) => o.clone(),
                Some(_) => return Some(Err(type_error(label, "string options", &rest[0]))),
            };
            let r = str_arg(source, label).and_then(|s| regex_value(s, &opts));
            if fun == "compile" {
                r.map(|re| tuple(vec![atom("ok", span), re], span))
            } else {
                r
            }
        }
        ("match?", [re, s]) => match (&re.kind, str_arg(s, label)) {
            (ValueKind::Regex { source, opts }, Ok(s)) => ops::compile_regex(source, opts)
                .map(|r| boolean(r.is_match(s), span))
                .map_err(Fail::Reason),
            (_, Err(e)) => Err(e),
            _ => Err(type_error(label, "a regex", re)),
        },
        ("replace", [re, s, replacement]) => match str_arg(s, label) {
            Ok(text) if matches!(re.kind, ValueKind::Regex { .. }) => {
                string_replace(text, re, replacement, true, label).map(|t| string(t, span))
            }
            Ok(_) => Err(type_error(label, "a regex", re)),
            Err(e) => Err(e),
        },
        (
            "source",
            [
                Value {
                    kind: ValueKind::Regex { source, .. },
                    ..
                },
            ],
        ) => Ok(string(source.clone(), span)),
        _ => return None,
    })
}

fn integer_fn(fun: &str, args: &[Value], span: Span, label: &str) -> Option<Out> {
    Some(match (fun, args) {
        ("to_string" | "to_charlist", [n, base @ ..]) if base.len() <= 1 => {
            let n = match int_arg(n, label) {
                Ok(n) => n,
                Err(e) => return Some(Err(e)),
            };
            let base = match base.first().map(|b| int_arg(b, label)) {
                None => 10,
                Some(Ok(b)) if (2..=36).contains(&b) => b as u32,
                Some(Ok(_)) => {
                    return Some(Err(type_error(label, "a base from 2 to 36", &base[0])));
                }
                Some(Err(e)) => return Some(Err(e)),
            };
            let text = to_base(n, base);
            Ok(if fun == "to_string" {
                string(text, span)
            } else {
                new(ValueKind::Charlist(text), span)
            })
        }
        ("parse", [s]) => str_arg(s, label).map(|s| match parse_integer(s, 10) {
            Some((n, rest)) => tuple(vec![new(ValueKind::Int(n), span), string(rest, span)], span),
            None => atom("error", span),
        }),
        _ => return None,
    })
}

fn to_base(n: i128, base: u32) -> String {
    if n == 0 {
        return "0".into();
    }
    let mut digits = Vec::new();
    let mut x = n.unsigned_abs();
    while x > 0 {
        let d = (x % base as u128) as u32;
        digits.push(
            std::char::from_digit(d, base)
                .unwrap_or('?')
                .to_ascii_uppercase(),
        );
        x /= base as u128;
    }
    if n < 0 {
        digits.push('-');
    }
    digits.iter().rev().collect()
}

// ---------------------------------------------------------------------------------------------
// List, Enum

fn flatten_into(items: &[Value], out: &mut Vec<Value>, depth: usize) -> Result<(), Fail> {
    if depth > limits::MAX_NESTING_DEPTH {
        return Err(Fail::Reason(
            "List.flatten/1 of a list nested too deeply".into(),
        ));
    }
    for item in items {
        match &item.kind {
            ValueKind::List(inner) => flatten_into(inner, out, depth + 1)?,
            ValueKind::Charlist(text) => out.extend(ops::charlist_ints(text, item.span)),
            _ => out.push(item.clone()),
        }
    }
    Ok(())
}

fn list_fn(fun: &str, args: &[Value], span: Span, label: &str) -> Option<Out> {
    Some(match (fun, args) {
        ("flatten", [l]) => list_arg(l, label).and_then(|items| {
            let mut out = Vec::new();
            flatten_into(&items, &mut out, 0)?;
            Ok(new(ValueKind::List(out), span))
        }),
        ("wrap", [x]) => Ok(match &x.kind {
            ValueKind::Nil => new(ValueKind::List(Vec::new()), span),
            ValueKind::List(_) | ValueKind::Charlist(_) => x.clone(),
            _ => new(ValueKind::List(vec![x.clone()]), span),
        }),
        ("first" | "last", [l]) => list_arg(l, label).map(|items| {
            let item = if fun == "first" {
                items.first()
            } else {
                items.last()
            };
            item.cloned().unwrap_or_else(|| new(ValueKind::Nil, span))
        }),
        ("delete", [l, x]) => list_arg(l, label).and_then(|items| {
            let mut items = items.into_owned();
            for (i, item) in items.iter().enumerate() {
                match ops::equal(item, x, true) {
                    Ok(true) => {
                        items.remove(i);
                        break;
                    }
                    Ok(false) => {}
                    Err(u) => return Err(Fail::Propagate(u)),
                }
            }
            Ok(new(ValueKind::List(items), span))
        }),
        ("duplicate", [x, n]) => {
            let n = match int_arg(n, label).map(usize::try_from) {
                Ok(Ok(n)) => n,
                Ok(Err(_)) => return Some(Err(type_error(label, "a non-negative count", n))),
                Err(e) => return Some(Err(e)),
            };
            if n.saturating_mul(ops::weight(x, limits::MAX_VALUE_BYTES)) > limits::MAX_VALUE_BYTES {
                return Some(Err(Fail::Propagate(limit_unknown(
                    "MAX_VALUE_BYTES",
                    &format!(
                        "{label} would build a list over {} bytes",
                        limits::MAX_VALUE_BYTES
                    ),
                    span,
                ))));
            }
            Ok(new(ValueKind::List(vec![x.clone(); n]), span))
        }
        ("to_string", [l]) => ops::to_text(l)
            .map(|s| string(s, span))
            .map_err(Fail::Propagate),
        _ => return None,
    })
}

/// `Module.split/1`, `Module.concat/1,2`.
fn module_fn(fun: &str, args: &[Value], span: Span, label: &str) -> Option<Out> {
    let part = |v: &Value| -> Result<String, Fail> {
        match &v.kind {
            ValueKind::Atom(a) => Ok(a.strip_prefix("Elixir.").unwrap_or(a).to_string()),
            ValueKind::String(s) => Ok(s.strip_prefix("Elixir.").unwrap_or(s).to_string()),
            ValueKind::Nil => Ok(String::new()),
            ValueKind::Unknown { .. } => Err(Fail::Propagate(v.clone())),
            _ => Err(type_error(label, "an alias or a string", v)),
        }
    };
    let concat = |parts: Vec<String>| {
        let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        atom(&format!("Elixir.{}", parts.join(".")), span)
    };
    Some(match (fun, args) {
        ("split", [m]) => match &m.kind {
            ValueKind::Atom(a) if a.starts_with("Elixir.") => Ok(new(
                ValueKind::List(
                    a["Elixir.".len()..]
                        .split('.')
                        .map(|p| string(p, span))
                        .collect(),
                ),
                span,
            )),
            ValueKind::String(s) => Ok(new(
                ValueKind::List(s.split('.').map(|p| string(p, span)).collect()),
                span,
            )),
            ValueKind::Unknown { .. } => Err(Fail::Propagate(m.clone())),
            _ => Err(Fail::Reason(format!(
                "{label}: {} is not an Elixir module name (Mix would raise ArgumentError)",
                m.inspect()
            ))),
        },
        ("concat", [list]) => known_list(list, label)
            .and_then(|items| items.iter().map(part).collect::<Result<Vec<_>, _>>())
            .map(concat),
        ("concat", [a, b]) => part(a).and_then(|a| Ok(concat(vec![a, part(b)?]))),
        _ => return None,
    })
}

/// `Macro.underscore/1`, `Macro.camelize/1`, as Elixir implements them (ASCII rules).
fn macro_fn(fun: &str, args: &[Value], span: Span, label: &str) -> Option<Out> {
    let text = |v: &Value| -> Result<String, Fail> {
        match &v.kind {
            ValueKind::String(s) => Ok(s.clone()),
            ValueKind::Atom(a) => Ok(a.strip_prefix("Elixir.").unwrap_or(a).to_string()),
            ValueKind::Unknown { .. } => Err(Fail::Propagate(v.clone())),
            _ => Err(type_error(label, "a string or an alias", v)),
        }
    };
    Some(match (fun, args) {
        ("underscore", [v]) => text(v).map(|t| string(underscore(&t), span)),
        ("camelize", [v]) => text(v).map(|t| string(camelize(&t), span)),
        _ => return None,
    })
}

fn underscore(text: &str) -> String {
    let b = text.as_bytes();
    let upper = |c: u8| c.is_ascii_uppercase();
    let mut out = String::with_capacity(b.len() + 4);
    let Some(&first) = b.first() else {
        return out;
    };
    out.push(first.to_ascii_lowercase() as char);
    let mut prev = first;
    let mut i = 1;
    while i < b.len() {
        let h = b[i];
        let next = b.get(i + 1).copied();
        if h == b'.' {
            out.push('/');
            // `underscore(t)` restarts: the next character is lowered without a `_`.
            if let Some(n) = next {
                out.push(n.to_ascii_lowercase() as char);
                prev = n;
                i += 2;
            } else {
                i += 1;
            }
            continue;
        }
        if upper(h)
            && let Some(t) = next
            && !upper(t)
            && !t.is_ascii_digit()
            && t != b'.'
            && t != b'_'
        {
            out.push('_');
            out.push(h.to_ascii_lowercase() as char);
            out.push(t as char);
            prev = t;
            i += 2;
            continue;
        }
        if upper(h) && !upper(prev) && prev != b'_' {
            out.push('_');
        }
        out.push(h.to_ascii_lowercase() as char);
        prev = h;
        i += 1;
    }
    out
}

fn camelize(text: &str) -> String {
    let b = text.trim_start_matches('_').as_bytes();
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    let mut start = true;
    while i < b.len() {
        let h = b[i];
        if start {
            out.push(h.to_ascii_uppercase() as char);
            start = false;
            i += 1;
            continue;
        }
        match (h, b.get(i + 1).copied()) {
            (b'_', Some(b'_')) => i += 1,
            (b'_', Some(n)) if n.is_ascii_lowercase() => {
                out.push(n.to_ascii_uppercase() as char);
                i += 2;
            }
            (b'_', Some(n)) if n.is_ascii_digit() => {
                out.push(n as char);
                i += 2;
            }
            (b'_', None) => i += 1,
            (b'/', _) => {
                out.push('.');
                // `camelize(t)`: leading underscores dropped, next letter upper-cased.
                i += 1;
                while b.get(i) == Some(&b'_') {
                    i += 1;
                }
                start = true;
            }
            _ => {
                out.push(h as char);
                i += 1;
            }
        }
    }
    out
}

/// `Version.parse/1`, `Version.parse!/1`: a `%Version{}` struct.
fn version_fn(fun: &str, args: &[Value], span: Span, label: &str) -> Option<Out> {
    let parsed = |v: &Value| -> Result<Option<Value>, Fail> {
        let text = str_arg(v, label)?;
        Ok(crate::hex::version::Version::parse(text)
            .ok()
            .map(|version| version_struct(&version, span)))
    };
    Some(match (fun, args) {
        ("parse", [v]) => parsed(v).map(|p| match p {
            Some(s) => tuple(vec![atom("ok", span), s], span),
            None => atom("error", span),
        }),
        ("parse!", [v]) => parsed(v).and_then(|p| {
            p.ok_or_else(|| {
                Fail::Reason(format!(
                    "{label}: {} is not a valid version (Mix would raise Version.InvalidVersionError)",
                    v.inspect()
                ))
            })
        }),
        _ => return None,
    })
}

fn version_struct(v: &crate::hex::version::Version, span: Span) -> Value {
    use crate::hex::version::Identifier;
    let int = |i: u64| new(ValueKind::Int(i128::from(i)), span);
    let pre = v
        .pre
        .iter()
        .map(|p| match p {
            Identifier::Numeric(n) => int(*n),
            Identifier::Alpha(a) => string(a.clone(), span),
        })
        .collect();
    let build = if v.build.is_empty() {
        new(ValueKind::Nil, span)
    } else {
        string(v.build.join("."), span)
    };
    new(
        ValueKind::Map(vec![
            (atom("__struct__", span), atom("Elixir.Version", span)),
            (atom("major", span), int(v.major)),
            (atom("minor", span), int(v.minor)),
            (atom("patch", span), int(v.patch)),
            (atom("pre", span), new(ValueKind::List(pre), span)),
            (atom("build", span), build),
        ]),
        span,
    )
}

fn enum_fn(fun: &str, args: &[Value], span: Span, label: &str) -> Option<Out> {
    if args
        .iter()
        .any(|a| matches!(a.kind, ValueKind::Function(_)))
    {
        return Some(Err(Fail::Reason(format!(
            "{label} takes a function argument; hexlint never calls functions"
        ))));
    }
    let list = |i: usize| list_arg(&args[i], label);
    Some(match (fun, args.len()) {
        ("to_list", 1) => list(0).map(|items| new(ValueKind::List(items.into_owned()), span)),
        ("take" | "drop", 2) => known_list(&args[0], label).and_then(|items| {
            let n = int_arg(&args[1], label)?;
            let len = items.len() as i128;
            // A negative count takes (or drops) from the end.
            let at = if n >= 0 { n.min(len) } else { (len + n).max(0) };
            let at = usize::try_from(at).unwrap_or(0);
            let (front, back) = items.split_at(at);
            let kept = match (fun, n >= 0) {
                ("take", true) | ("drop", false) => front,
                _ => back,
            };
            Ok(new(ValueKind::List(kept.to_vec()), span))
        }),
        ("concat", 1) => list(0).and_then(|lists| {
            let mut out = Vec::new();
            for l in lists.iter() {
                out.extend(list_arg(l, label)?.iter().cloned());
            }
            Ok(new(ValueKind::List(out), span))
        }),
        ("concat", 2) => list(0).and_then(|a| {
            let b = list(1)?;
            let mut out = a.into_owned();
            out.extend(b.iter().cloned());
            Ok(new(ValueKind::List(out), span))
        }),
        ("reverse", 1) => {
            list(0).map(|items| new(ValueKind::List(items.iter().rev().cloned().collect()), span))
        }
        ("uniq", 1) => list(0).and_then(|items| {
            let mut out: Vec<Value> = Vec::new();
            for item in items.iter() {
                let mut seen = false;
                for kept in &out {
                    match ops::equal(kept, item, true) {
                        Ok(true) => {
                            seen = true;
                            break;
                        }
                        Ok(false) => {}
                        Err(u) => return Err(Fail::Propagate(u)),
                    }
                }
                if !seen {
                    out.push(item.clone());
                }
            }
            Ok(new(ValueKind::List(out), span))
        }),
        ("member?", 2) => ops::member(&args[1], &args[0])
            .map(|b| boolean(b, span))
            .map_err(Fail::Propagate),
        ("count", 1) => {
            known_list(&args[0], label).map(|items| new(ValueKind::Int(items.len() as i128), span))
        }
        ("empty?", 1) => match &args[0].kind {
            ValueKind::Map(e) => Ok(boolean(e.is_empty(), span)),
            // One known element is enough to know the list is not empty.
            _ => list(0).and_then(|items| match items.iter().find(|i| !i.is_unknown()) {
                Some(_) => Ok(boolean(false, span)),
                None => match items.first() {
                    Some(u) => Err(Fail::Propagate(u.clone())),
                    None => Ok(boolean(true, span)),
                },
            }),
        },
        ("at", 2) => known_list(&args[0], label).and_then(|items| {
            let i = int_arg(&args[1], label)?;
            let index = if i < 0 { items.len() as i128 + i } else { i };
            Ok(usize::try_from(index)
                .ok()
                .and_then(|i| items.get(i))
                .cloned()
                .unwrap_or_else(|| new(ValueKind::Nil, span)))
        }),
        ("join", 1 | 2) => known_list(&args[0], label).and_then(|items| {
            let sep = match args.get(1) {
                Some(sep) => str_arg(sep, label)?,
                None => "",
            };
            let texts = items
                .iter()
                .map(ops::to_text)
                .collect::<Result<Vec<_>, _>>()
                .map_err(Fail::Propagate)?;
            Ok(string(texts.join(sep), span))
        }),
        ("sort", 1) => known_list(&args[0], label).and_then(|items| {
            let mut sorted = items.into_owned();
            let mut failure = None;
            sorted.sort_by(|a, b| match ops::compare(a, b) {
                Ok(o) => o,
                Err(u) => {
                    failure.get_or_insert(u);
                    std::cmp::Ordering::Equal
                }
            });
            match failure {
                Some(u) => Err(Fail::Propagate(u)),
                None => Ok(new(ValueKind::List(sorted), span)),
            }
        }),
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Keyword, Map

fn keyword_fn(fun: &str, args: &[Value], span: Span, label: &str) -> Option<Out> {
    let list = |v: Vec<Value>| Ok(new(ValueKind::List(v), span));
    Some(match (fun, args) {
        ("get", [l, k]) => {
            keyword_get(l, k, label).map(|f| f.unwrap_or_else(|| new(ValueKind::Nil, span)))
        }
        ("fetch!", [l, k]) => keyword_get(l, k, label).and_then(|f| {
            f.ok_or_else(|| {
                Fail::Reason(format!(
                    "{label}: key {} not found (Mix would raise KeyError)",
                    k.inspect()
                ))
            })
        }),
        ("fetch", [l, k]) => keyword_get(l, k, label).map(|f| match f {
            Some(v) => tuple(vec![atom("ok", span), v], span),
            None => atom("error", span),
        }),
        ("has_key?", [l, k]) => keyword_get(l, k, label).map(|f| boolean(f.is_some(), span)),
        ("keys" | "values", [l]) => keyword_entries(l, label).and_then(|entries| {
            list(
                entries
                    .iter()
                    .map(|(k, item)| match &item.kind {
                        ValueKind::Tuple(t) if fun == "keys" => t[0].clone(),
                        ValueKind::Tuple(t) => t[1].clone(),
                        _ => atom(k, span),
                    })
                    .collect(),
            )
        }),
        ("delete", [l, k]) => keyword_entries(l, label).and_then(|entries| {
            let key = atom_key(k, label)?;
            list(
                entries
                    .into_iter()
                    .filter(|(ek, _)| *ek != key)
                    .map(|(_, i)| i.clone())
                    .collect(),
            )
        }),
        ("put", [l, k, v]) => keyword_entries(l, label).and_then(|entries| {
            let key = atom_key(k, label)?;
            let mut out = vec![tuple(vec![k.clone(), v.clone()], span)];
            out.extend(
                entries
                    .into_iter()
                    .filter(|(ek, _)| *ek != key)
                    .map(|(_, i)| i.clone()),
            );
            list(out)
        }),
        ("put_new", [l, k, v]) => keyword_get(l, k, label).and_then(|found| match found {
            Some(_) => Ok(l.clone()),
            None => {
                let mut out = vec![tuple(vec![k.clone(), v.clone()], span)];
                out.extend(list_arg(l, label)?.iter().cloned());
                list(out)
            }
        }),
        ("merge", [a, b]) => keyword_entries(a, label).and_then(|left| {
            let right = keyword_entries(b, label)?;
            let mut out: Vec<Value> = left
                .into_iter()
                .filter(|(k, _)| !right.iter().any(|(rk, _)| rk == k))
                .map(|(_, i)| i.clone())
                .collect();
            out.extend(right.into_iter().map(|(_, i)| i.clone()));
            list(out)
        }),
        ("take" | "drop", [l, keys]) => keyword_entries(l, label).and_then(|entries| {
            let keys = known_list(keys, label)?;
            let keys: Vec<&str> = keys
                .iter()
                .map(|k| atom_key(k, label))
                .collect::<Result<_, _>>()?;
            let keep = fun == "take";
            list(
                entries
                    .into_iter()
                    .filter(|(k, _)| keys.contains(k) == keep)
                    .map(|(_, i)| i.clone())
                    .collect(),
            )
        }),
        ("new", []) => list(Vec::new()),
        _ => return None,
    })
}

fn map_fn(fun: &str, args: &[Value], span: Span, label: &str) -> Option<Out> {
    let map = |entries: Vec<(Value, Value)>| Ok(new(ValueKind::Map(entries), span));
    Some(match (fun, args) {
        ("get", [m, k]) => {
            map_get(m, k, label).map(|f| f.unwrap_or_else(|| new(ValueKind::Nil, span)))
        }
        ("fetch!", [m, k]) => map_get(m, k, label).and_then(|f| {
            f.ok_or_else(|| {
                Fail::Reason(format!(
                    "{label}: key {} not found (Mix would raise KeyError)",
                    k.inspect()
                ))
            })
        }),
        ("fetch", [m, k]) => map_get(m, k, label).map(|f| match f {
            Some(v) => tuple(vec![atom("ok", span), v], span),
            None => atom("error", span),
        }),
        ("has_key?", [m, k]) => map_get(m, k, label).map(|f| boolean(f.is_some(), span)),
        ("put", [m, k, v]) => map_entries(m, label).and_then(|entries| {
            let mut entries = entries.to_vec();
            match ops::map_position(&entries, k) {
                Ok(Some(i)) => entries[i] = (k.clone(), v.clone()),
                Ok(None) => entries.push((k.clone(), v.clone())),
                Err(u) => return Err(Fail::Propagate(u)),
            }
            map(entries)
        }),
        ("put_new", [m, k, v]) => map_get(m, k, label).and_then(|found| match found {
            Some(_) => Ok(m.clone()),
            None => {
                let mut entries = map_entries(m, label)?.to_vec();
                entries.push((k.clone(), v.clone()));
                map(entries)
            }
        }),
        ("delete", [m, k]) => map_entries(m, label).and_then(|entries| {
            let mut entries = entries.to_vec();
            match ops::map_position(&entries, k) {
                Ok(Some(i)) => {
                    entries.remove(i);
                }
                Ok(None) => {}
                Err(u) => return Err(Fail::Propagate(u)),
            }
            map(entries)
        }),
        ("merge", [a, b]) => map_entries(a, label).and_then(|left| {
            let right = map_entries(b, label)?;
            let mut entries = left.to_vec();
            for (k, v) in right {
                match ops::map_position(&entries, k) {
                    Ok(Some(i)) => entries[i] = (k.clone(), v.clone()),
                    Ok(None) => entries.push((k.clone(), v.clone())),
                    Err(u) => return Err(Fail::Propagate(u)),
                }
            }
            map(entries)
        }),
        ("keys" | "values" | "to_list", [m]) => map_entries(m, label).and_then(|entries| {
            let sorted = sorted_entries(entries, label)?;
            let items = sorted
                .into_iter()
                .map(|(k, v)| match fun {
                    "keys" => k,
                    "values" => v,
                    _ => tuple(vec![k, v], span),
                })
                .collect();
            Ok(new(ValueKind::List(items), span))
        }),
        ("new", []) => map(Vec::new()),
        ("new", [l]) => known_list(l, label).and_then(|items| {
            let mut entries = Vec::new();
            for item in items.iter() {
                match &item.kind {
                    ValueKind::Tuple(t) if t.len() == 2 => {
                        ops::map_insert(&mut entries, t[0].clone(), t[1].clone())
                    }
                    _ => return Err(type_error(label, "a list of {key, value} tuples", l)),
                }
            }
            map(entries)
        }),
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Path and File

/// `Path.join/2`: drops the separators between the parts; an empty side gives the other.
fn path_join2(left: &str, right: &str) -> String {
    let right = right.trim_start_matches('/');
    let joined = if left.is_empty() {
        right.to_string()
    } else if right.is_empty() {
        left.to_string()
    } else {
        format!("{}/{right}", left.strip_suffix('/').unwrap_or(left))
    };
    remove_trailing_separator(joined)
}

fn remove_trailing_separator(mut p: String) -> String {
    while p.len() > 1 && p.ends_with('/') {
        p.pop();
    }
    p
}

/// `Path.split/1`.
fn path_split(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    if p.starts_with('/') {
        out.push("/".to_string());
    }
    out.extend(p.split('/').filter(|s| !s.is_empty()).map(str::to_string));
    out
}

/// Expand `.` and `..` in an absolute path (`Path.expand/1` after making it absolute).
fn normalize_absolute(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    format!("/{}", parts.join("/"))
}

/// `Path.dirname/1` (Erlang's `filename:dirname/1`).
fn path_dirname(p: &str) -> String {
    match p.rfind('/') {
        None => ".".to_string(),
        Some(i) => {
            let head = p[..i].trim_end_matches('/');
            if head.is_empty() {
                if p.starts_with('/') {
                    "/".into()
                } else {
                    ".".into()
                }
            } else {
                head.to_string()
            }
        }
    }
}

/// `Path.basename/1`: the last component, ignoring trailing separators.
fn path_basename(p: &str) -> &str {
    let trimmed = p.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => &trimmed[i + 1..],
        None => trimmed,
    }
}

/// `Path.extname/1`: from the last dot of the last component, unless that dot starts it.
fn path_extname(p: &str) -> &str {
    let base = path_basename(p);
    match base.rfind('.') {
        Some(0) | None => "",
        Some(i) => &base[i..],
    }
}

/// `Path.rootname/1` (Erlang's `filename:rootname/1`, which treats a leading-dot file name at the
/// very start of the path as all extension).
fn path_rootname(p: &str) -> &str {
    let start = p.rfind('/').map_or(0, |i| i + 1);
    match p[start..].rfind('.') {
        None => p,
        Some(0) if start > 0 => p,
        Some(i) => &p[..start + i],
    }
}

fn path_fn(ev: &mut Evaluator, fun: &str, args: &[Value], span: Span, label: &str) -> Option<Out> {
    let arg = |i: usize| chardata_arg(&args[i], label);
    let text = |t: String| Ok(string(t, span));
    let cwd = || ev.root_dir.clone().map_err(Fail::Reason);
    Some(match (fun, args.len()) {
        ("join", 1) => known_list(&args[0], label).and_then(|parts| {
            let parts: Vec<String> = parts
                .iter()
                .map(|p| chardata_arg(p, label))
                .collect::<Result<_, _>>()?;
            match parts.split_first() {
                None => Err(Fail::Reason(format!(
                    "{label} of an empty list (Mix would raise FunctionClauseError)"
                ))),
                Some((first, [])) => text(first.clone()),
                Some((first, rest)) => text(
                    rest.iter()
                        .fold(first.clone(), |acc, p| path_join2(&acc, p)),
                ),
            }
        }),
        ("join", 2) => arg(0).and_then(|a| text(path_join2(&a, &arg(1)?))),
        ("expand" | "absname", 1 | 2) => arg(0).and_then(|p| {
            if fun == "expand" && p.starts_with('~') {
                return Err(Fail::Reason(format!(
                    "{label} of {p:?} depends on the user's home directory"
                )));
            }
            let base = match args.get(1) {
                Some(_) => {
                    let b = arg(1)?;
                    // `Path.absname/2` takes a relative base as it is; `Path.expand/2` expands it.
                    if b.starts_with('/') || fun == "absname" {
                        b
                    } else if fun == "expand" && b.starts_with('~') {
                        return Err(Fail::Reason(format!(
                            "{label} of {b:?} depends on the user's home directory"
                        )));
                    } else {
                        path_join2(&cwd()?, &b)
                    }
                }
                None => cwd()?,
            };
            let absolute = if p.starts_with('/') {
                p
            } else {
                path_join2(&base, &p)
            };
            text(if fun == "expand" {
                normalize_absolute(&absolute)
            } else {
                absolute
            })
        }),
        ("dirname", 1) => arg(0).and_then(|p| text(path_dirname(&p))),
        ("basename", 1) => arg(0).and_then(|p| text(path_basename(&p).to_string())),
        ("basename", 2) => arg(0).and_then(|p| {
            let ext = arg(1)?;
            let base = path_basename(&p);
            text(base.strip_suffix(ext.as_str()).unwrap_or(base).to_string())
        }),
        ("extname", 1) => arg(0).and_then(|p| text(path_extname(&p).to_string())),
        ("rootname", 1) => arg(0).and_then(|p| text(path_rootname(&p).to_string())),
        ("rootname", 2) => arg(0).and_then(|p| {
            let ext = arg(1)?;
            text(p.strip_suffix(ext.as_str()).unwrap_or(&p).to_string())
        }),
        ("wildcard", 1 | 2) => arg(0).and_then(|pattern| {
            let match_dot = match args.get(1).map(|opts| find_option(opts, "match_dot")) {
                None | Some(None) => false,
                Some(Some(v)) => match v.truthy() {
                    Some(t) => t,
                    None => return Err(Fail::Propagate(v.clone())),
                },
            };
            // Keep the walk inside the project: a `**` above the root could visit the whole disk.
            let inside_root = match &ev.root_dir {
                Ok(root) if pattern.starts_with('/') => {
                    pattern == *root || pattern.starts_with(&format!("{root}/"))
                }
                _ => !(pattern.contains("..") && pattern.contains("**")),
            };
            if !inside_root {
                return Err(Fail::Reason(format!(
                    "{label} of {pattern:?} looks outside the project; hexlint does not walk it"
                )));
            }
            let found = if match_dot {
                crate::files::glob::wildcard_match_dot(&pattern, &ev.opts.root)
            } else {
                crate::files::glob::wildcard(&pattern, &ev.opts.root)
            };
            match found {
                Ok(report) if report.truncated || !report.symlink_loops.is_empty() => {
                    Err(Fail::Reason(format!(
                        "{label} of {pattern:?} walks too many files or a symlink loop"
                    )))
                }
                Ok(report) => Ok(new(
                    ValueKind::List(
                        report
                            .matches
                            .into_iter()
                            .map(|m| string(m, span))
                            .collect(),
                    ),
                    span,
                )),
                Err(e) => Err(Fail::Reason(format!("{label} of {pattern:?}: {e}"))),
            }
        }),
        ("split", 1) => arg(0).map(|p| {
            new(
                ValueKind::List(
                    path_split(&p)
                        .into_iter()
                        .map(|s| string(s, span))
                        .collect(),
                ),
                span,
            )
        }),
        _ => return None,
    })
}

/// Elixir's text for an I/O error (`:file.format_error/1`).
fn posix_text(e: &std::io::Error) -> (&'static str, &'static str) {
    use std::io::ErrorKind as E;
    match e.kind() {
        E::NotFound => ("enoent", "no such file or directory"),
        E::PermissionDenied => ("eacces", "permission denied"),
        E::IsADirectory => ("eisdir", "illegal operation on a directory"),
        E::NotADirectory => ("enotdir", "not a directory"),
        _ => ("eio", "I/O error"),
    }
}

enum ReadError {
    /// Elixir would return `{:error, reason}` (and `File.read!` would raise).
    Posix(&'static str, &'static str),
    /// hexlint will not read it (not a regular file, too large, not UTF-8).
    Refused(String),
}

impl<'a> Evaluator<'a> {
    /// A path relative to the project root (where Mix runs).
    fn fs_path(&self, p: &str) -> PathBuf {
        let path = Path::new(p);
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.opts.root.join(path)
        }
    }

    fn read_text_file(&self, p: &str) -> Result<String, ReadError> {
        let path = self.fs_path(p);
        let meta = std::fs::metadata(&path).map_err(|e| {
            let (code, text) = posix_text(&e);
            ReadError::Posix(code, text)
        })?;
        if meta.is_dir() {
            return Err(ReadError::Posix(
                "eisdir",
                "illegal operation on a directory",
            ));
        }
        if !meta.is_file() {
            return Err(ReadError::Refused(format!(
                "{p:?} is not a regular file; hexlint does not read it"
            )));
        }
        if meta.len() > limits::MAX_VALUE_BYTES as u64 {
            return Err(ReadError::Refused(format!(
                "{p:?} is larger than {} bytes (hexlint's MAX_VALUE_BYTES limit)",
                limits::MAX_VALUE_BYTES
            )));
        }
        let bytes = std::fs::read(&path).map_err(|e| {
            let (code, text) = posix_text(&e);
            ReadError::Posix(code, text)
        })?;
        String::from_utf8(bytes).map_err(|_| {
            ReadError::Refused(format!(
                "{p:?} is not UTF-8 text; hexlint does not model binary data"
            ))
        })
    }
}

fn file_fn(ev: &mut Evaluator, fun: &str, args: &[Value], span: Span, label: &str) -> Option<Out> {
    let arg = |i: usize| chardata_arg(&args[i], label);
    Some(match (fun, args.len()) {
        ("read!", 1) => arg(0).and_then(|p| match ev.read_text_file(&p) {
            Ok(text) => Ok(string(text, span)),
            // `eval` records the note (unless this code may not run) and stops evaluation.
            Err(ReadError::Posix(_, text)) => Err(Fail::Reason(format!(
                "File.read!({p:?}) would raise: {text}"
            ))),
            Err(ReadError::Refused(why)) => Err(Fail::Reason(format!("{label}: {why}"))),
        }),
        ("read", 1) => arg(0).and_then(|p| match ev.read_text_file(&p) {
            Ok(text) => Ok(tuple(vec![atom("ok", span), string(text, span)], span)),
            Err(ReadError::Posix(code, _)) => {
                Ok(tuple(vec![atom("error", span), atom(code, span)], span))
            }
            Err(ReadError::Refused(why)) => Err(Fail::Reason(format!("{label}: {why}"))),
        }),
        ("exists?" | "dir?" | "regular?", 1) => arg(0).map(|p| {
            let meta = std::fs::metadata(ev.fs_path(&p));
            let answer = match fun {
                "exists?" => meta.is_ok(),
                "dir?" => meta.is_ok_and(|m| m.is_dir()),
                _ => meta.is_ok_and(|m| m.is_file()),
            };
            boolean(answer, span)
        }),
        ("cwd!", 0) => ev
            .root_dir
            .clone()
            .map(|d| string(d, span))
            .map_err(Fail::Reason),
        ("cwd", 0) => ev
            .root_dir
            .clone()
            .map(|d| tuple(vec![atom("ok", span), string(d, span)], span))
            .map_err(Fail::Reason),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_follow_elixir() {
        assert_eq!(path_join2("a/", "/b"), "a/b");
        assert_eq!(path_join2("", "a"), "a");
        assert_eq!(path_join2("a", ""), "a");
        assert_eq!(path_join2("/", "a"), "/a");
        assert_eq!(path_join2("a//b/", "c"), "a//b/c");
        assert_eq!(path_dirname("/a/b/"), "/a/b");
        assert_eq!(path_dirname("a"), ".");
        assert_eq!(path_dirname("/"), "/");
        assert_eq!(path_dirname("a//b"), "a");
        assert_eq!(path_basename("/a/b/"), "b");
        assert_eq!(path_basename(""), "");
        assert_eq!(path_extname("a.tar.gz"), ".gz");
        assert_eq!(path_extname(".bashrc"), "");
        assert_eq!(path_extname("a."), ".");
        assert_eq!(path_extname("x/.a.b"), ".b");
        assert_eq!(path_rootname(".bashrc"), "");
        assert_eq!(path_rootname("/a/.b"), "/a/.b");
        assert_eq!(path_rootname("a.b/c"), "a.b/c");
        assert_eq!(path_rootname("a.tar.gz"), "a.tar");
        assert_eq!(path_rootname("x/.a.b"), "x/.a");
        assert_eq!(normalize_absolute("/a/./b/../../.."), "/");
        assert_eq!(normalize_absolute("/a/b/../bar"), "/a/bar");
        assert_eq!(path_split("/a/b/"), vec!["/", "a", "b"]);
    }

    #[test]
    fn integers_print_in_any_base() {
        assert_eq!(to_base(255, 16), "FF");
        assert_eq!(to_base(-5, 2), "-101");
        assert_eq!(to_base(0, 10), "0");
        assert_eq!(parse_integer("+12ab", 10), Some((12, "ab")));
        assert_eq!(parse_integer("x", 10), None);
    }

    #[test]
    fn regex_replacements_translate_backreferences() {
        assert_eq!(regex_replacement("<\\1>"), "<${1}>");
        assert_eq!(regex_replacement("\\g{2}$"), "${2}$$");
        assert_eq!(regex_replacement("a\\.b"), "a.b");
    }

    #[test]
    fn trim_removes_repeated_strings() {
        assert_eq!(trim_string("xxaxx", "x", true, true), "a");
        assert_eq!(trim_string("abab1ab", "ab", true, false), "1ab");
    }
}
