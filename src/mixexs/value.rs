//! Values produced by partial evaluation. Every value remembers the span of the source text it came
//! from, so diagnostics can point at the literal (e.g. the `"1.2.0"` in `@version "1.2.0"`).

use crate::source::Span;
use serde_json::{Map as JsonMap, Value as Json};

#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub kind: ValueKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    Nil,
    Bool(bool),
    Int(i128),
    Float(f64),
    /// An atom without the leading colon. Module aliases are atoms too: `Foo.Bar` is
    /// `Atom("Elixir.Foo.Bar")`, as in Elixir.
    Atom(String),
    String(String),
    /// A charlist (`'abc'`, `~c"abc"`), kept as its text.
    Charlist(String),
    List(Vec<Value>),
    Tuple(Vec<Value>),
    /// Entries in source order (duplicate keys keep the last, as Elixir does; evaluation dedups).
    Map(Vec<(Value, Value)>),
    Regex {
        source: String,
        opts: String,
    },
    /// A function value: `&docs/0` is `"docs/0"`, an anonymous `fn` is `"fn"`.
    Function(String),
    /// A value that cannot be known without running Elixir. `span` is where that became so.
    /// `keys`: when known, the only keys it can hold as part of a keyword list (`if unknown, do:
    /// [a: 1], else: [b: 2]` may hold `a` or `b`, never `app`), so lookups of other keys go on
    /// past it.
    Unknown {
        reason: String,
        keys: Option<Vec<String>>,
    },
}

impl Value {
    pub fn new(kind: ValueKind, span: Span) -> Self {
        Value { kind, span }
    }

    pub fn unknown(reason: impl Into<String>, span: Span) -> Self {
        Value::new(
            ValueKind::Unknown {
                reason: reason.into(),
                keys: None,
            },
            span,
        )
    }

    /// An unknown value that, as elements of a keyword list, can only hold these keys.
    pub fn unknown_with_keys(reason: impl Into<String>, span: Span, keys: Vec<String>) -> Self {
        Value::new(
            ValueKind::Unknown {
                reason: reason.into(),
                keys: Some(keys),
            },
            span,
        )
    }

    /// The keys an unknown value can hold (see [`ValueKind::Unknown`]); `None` when any.
    pub fn unknown_keys(&self) -> Option<&[String]> {
        match &self.kind {
            ValueKind::Unknown { keys, .. } => keys.as_deref(),
            _ => None,
        }
    }

    /// The keys this value can hold as part of a keyword list: its own keys when it is a
    /// keyword list (with the keys of key-limited unknown elements), those of a key-limited
    /// unknown; `None` when it could hold any key.
    pub fn possible_keys(&self) -> Option<Vec<String>> {
        match &self.kind {
            ValueKind::Unknown { keys, .. } => keys.clone(),
            ValueKind::List(items) => {
                let mut out: Vec<String> = Vec::new();
                for item in items {
                    match &item.kind {
                        ValueKind::Tuple(t) if t.len() == 2 => {
                            out.push(t[0].as_atom()?.to_string())
                        }
                        ValueKind::Unknown { keys, .. } => out.extend(keys.clone()?),
                        _ => return None,
                    }
                }
                out.sort();
                out.dedup();
                Some(out)
            }
            _ => None,
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.kind, ValueKind::Unknown { .. })
    }

    pub fn unknown_reason(&self) -> Option<&str> {
        match &self.kind {
            ValueKind::Unknown { reason, .. } => Some(reason),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ValueKind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_atom(&self) -> Option<&str> {
        match &self.kind {
            ValueKind::Atom(s) => Some(s),
            _ => None,
        }
    }

    /// A string or an atom's text (Hex `to_string`s names and many options).
    pub fn as_str_or_atom(&self) -> Option<&str> {
        self.as_str().or_else(|| self.as_atom())
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match &self.kind {
            ValueKind::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn is_nil(&self) -> bool {
        matches!(self.kind, ValueKind::Nil)
    }

    /// Elixir truthiness: everything but `nil` and `false`. `None` when unknown.
    pub fn truthy(&self) -> Option<bool> {
        match &self.kind {
            ValueKind::Unknown { .. } => None,
            ValueKind::Nil | ValueKind::Bool(false) => Some(false),
            _ => Some(true),
        }
    }

    /// `Some(pairs)` when this is a keyword list (a possibly empty list of `{atom, value}` tuples).
    pub fn as_keyword(&self) -> Option<Vec<(&str, &Value)>> {
        let items = self.as_list()?;
        items
            .iter()
            .map(|item| match &item.kind {
                ValueKind::Tuple(t) if t.len() == 2 => t[0].as_atom().map(|k| (k, &t[1])),
                _ => None,
            })
            .collect()
    }

    /// Entries of a keyword list or a map with atom keys, as `(key, key span, value)`.
    pub fn entries(&self) -> Option<Vec<(&str, Span, &Value)>> {
        match &self.kind {
            ValueKind::List(items) => items
                .iter()
                .map(|item| match &item.kind {
                    ValueKind::Tuple(t) if t.len() == 2 => {
                        t[0].as_atom().map(|k| (k, t[0].span, &t[1]))
                    }
                    _ => None,
                })
                .collect(),
            ValueKind::Map(pairs) => pairs
                .iter()
                .map(|(k, v)| k.as_atom().map(|a| (a, k.span, v)))
                .collect(),
            _ => None,
        }
    }

    /// Look up `key` in a keyword list or atom-keyed map (last entry wins for maps, first for
    /// keyword lists, as `Keyword.get` and `Map.get` do). An unknown value, or an unknown element
    /// met before the key in a list (`[app: :x] ++ extra()`), could hold the key: the lookup then
    /// answers with that unknown value rather than claiming the key is absent.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match &self.kind {
            ValueKind::Unknown { .. } => Some(self),
            ValueKind::List(items) => {
                for item in items {
                    if item.is_unknown() {
                        // A key-limited unknown that cannot hold `key`: look on.
                        if item
                            .unknown_keys()
                            .is_some_and(|ks| !ks.iter().any(|k| k == key))
                        {
                            continue;
                        }
                        return Some(item);
                    }
                    if let ValueKind::Tuple(t) = &item.kind
                        && t.len() == 2
                        && t[0].as_atom() == Some(key)
                    {
                        return Some(&t[1]);
                    }
                }
                None
            }
            ValueKind::Map(pairs) => pairs
                .iter()
                .rev()
                .find(|(k, _)| k.as_atom() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The span of `key`'s key token in a keyword list or map (for "points at the key" labels).
    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.known_entries()
            .into_iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, s, _)| s)
    }

    /// The `{atom, value}` entries of a list or atom-keyed map that are known, skipping unknown
    /// elements and anything else (for listing what is written, never for lookups).
    pub fn known_entries(&self) -> Vec<(&str, Span, &Value)> {
        match &self.kind {
            ValueKind::List(items) => items
                .iter()
                .filter_map(|item| match &item.kind {
                    ValueKind::Tuple(t) if t.len() == 2 => {
                        t[0].as_atom().map(|k| (k, t[0].span, &t[1]))
                    }
                    _ => None,
                })
                .collect(),
            ValueKind::Map(_) => self.entries().unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Does this value (or anything inside it) contain an unknown part?
    pub fn contains_unknown(&self) -> bool {
        self.first_unknown().is_some()
    }

    /// The first unknown part inside this value, depth-first.
    pub fn first_unknown(&self) -> Option<&Value> {
        match &self.kind {
            ValueKind::Unknown { .. } => Some(self),
            ValueKind::List(items) | ValueKind::Tuple(items) => {
                items.iter().find_map(Value::first_unknown)
            }
            ValueKind::Map(pairs) => pairs
                .iter()
                .find_map(|(k, v)| k.first_unknown().or_else(|| v.first_unknown())),
            _ => None,
        }
    }

    /// The documented metadata JSON encoding (`hexlint metadata`, schema 1):
    /// atoms are strings without the colon, `nil` is `null`, non-empty keyword lists and maps are
    /// objects (an empty list stays `[]`), tuples are arrays, a regex is `{"regex","opts"}`, a
    /// function is `{"function": "name/arity"}` and an unknown value is `{"unknown": reason}`.
    pub fn to_json(&self) -> Json {
        match &self.kind {
            ValueKind::Nil => Json::Null,
            ValueKind::Bool(b) => Json::Bool(*b),
            ValueKind::Int(i) => match i64::try_from(*i) {
                Ok(n) => Json::from(n),
                Err(_) => Json::String(i.to_string()),
            },
            ValueKind::Float(f) => serde_json::Number::from_f64(*f)
                .map(Json::Number)
                .unwrap_or(Json::Null),
            ValueKind::Atom(a) => Json::String(atom_json_text(a)),
            ValueKind::String(s) | ValueKind::Charlist(s) => Json::String(s.clone()),
            ValueKind::List(items) => match self.as_keyword() {
                Some(pairs) if !pairs.is_empty() => Json::Object(
                    pairs
                        .into_iter()
                        .map(|(k, v)| (atom_json_text(k), v.to_json()))
                        .collect::<JsonMap<_, _>>(),
                ),
                _ => Json::Array(items.iter().map(Value::to_json).collect()),
            },
            ValueKind::Tuple(items) => Json::Array(items.iter().map(Value::to_json).collect()),
            ValueKind::Map(pairs) => Json::Object(
                pairs
                    .iter()
                    .map(|(k, v)| (k.json_key(), v.to_json()))
                    .collect::<JsonMap<_, _>>(),
            ),
            ValueKind::Regex { source, opts } => {
                serde_json::json!({"regex": source, "opts": opts})
            }
            ValueKind::Function(f) => serde_json::json!({ "function": f }),
            ValueKind::Unknown { reason, .. } => serde_json::json!({ "unknown": reason }),
        }
    }

    /// A map key as a JSON object key: strings and atoms as text, anything else as compact JSON.
    fn json_key(&self) -> String {
        match &self.kind {
            ValueKind::String(s) => s.clone(),
            ValueKind::Atom(a) => atom_json_text(a),
            _ => self.to_json().to_string(),
        }
    }
}

/// Module atoms print without their `Elixir.` prefix (`Elixir.Foo` → `Foo`), as `inspect` does.
fn atom_json_text(atom: &str) -> String {
    atom.strip_prefix("Elixir.").unwrap_or(atom).to_string()
}

impl Value {
    /// Elixir-like text for humans (`inspect`-style): `:dev`, `"1.0"`, `[only: :dev]`, `~r/x/i`.
    pub fn inspect(&self) -> String {
        let mut out = String::new();
        self.write_inspect(&mut out);
        out
    }

    fn write_inspect(&self, out: &mut String) {
        use std::fmt::Write;
        let list = |out: &mut String, items: &[Value], open: &str, close: &str| {
            out.push_str(open);
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                v.write_inspect(out);
            }
            out.push_str(close);
        };
        match &self.kind {
            ValueKind::Nil => out.push_str("nil"),
            ValueKind::Bool(b) => write!(out, "{b}").unwrap(),
            ValueKind::Int(i) => write!(out, "{i}").unwrap(),
            ValueKind::Float(f) => write!(out, "{f:?}").unwrap(),
            ValueKind::Atom(a) => match a.strip_prefix("Elixir.") {
                Some(module) => out.push_str(module),
                None if is_plain_atom(a) => write!(out, ":{a}").unwrap(),
                None => write!(out, ":{a:?}").unwrap(),
            },
            ValueKind::String(s) => write!(out, "{s:?}").unwrap(),
            ValueKind::Charlist(s) => write!(out, "~c{s:?}").unwrap(),
            ValueKind::List(items) => match self.as_keyword() {
                Some(pairs) if !pairs.is_empty() => {
                    out.push('[');
                    for (i, (k, v)) in pairs.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        if is_plain_atom(k) {
                            write!(out, "{k}: ").unwrap();
                        } else {
                            write!(out, "{k:?}: ").unwrap();
                        }
                        v.write_inspect(out);
                    }
                    out.push(']');
                }
                _ => list(out, items, "[", "]"),
            },
            ValueKind::Tuple(items) => list(out, items, "{", "}"),
            ValueKind::Map(pairs) => {
                out.push_str("%{");
                for (i, (k, v)) in pairs.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    k.write_inspect(out);
                    out.push_str(" => ");
                    v.write_inspect(out);
                }
                out.push('}');
            }
            ValueKind::Regex { source, opts } => write!(out, "~r/{source}/{opts}").unwrap(),
            ValueKind::Function(f) => write!(out, "&{f}").unwrap(),
            ValueKind::Unknown { reason, .. } => write!(out, "<unknown: {reason}>").unwrap(),
        }
    }
}

/// An atom that prints without quotes (`:foo`, `:foo?`, `:Foo`).
fn is_plain_atom(a: &str) -> bool {
    let mut chars = a.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_') && {
        let rest: Vec<char> = chars.collect();
        let body = match rest.last() {
            Some('?' | '!') => &rest[..rest.len() - 1],
            _ => &rest[..],
        };
        body.iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '@')
    }
}
