//! Test support for the deps and license rule tests: builds a [`Project`] from a mix.exs text
//! whose `project/0` body is a literal keyword list, with exact spans, without the real parser.
//!
//! Supported literals: lists (with `key: value` sugar), tuples, maps (`%{k => v}`, `%{k: v}`),
//! strings (simple escapes), charlists, atoms (`:a`, `:"a-b"`, `Foo.Bar`), `true`, `false`,
//! `nil`, integers, and `unknown()`, which stands for a value the evaluator cannot know.

#![allow(dead_code)]

use hexlint::config::Config;
use hexlint::diagnostic::{Diagnostic, Severity};
use hexlint::mixexs::value::{Value, ValueKind};
use hexlint::project::Project;
use hexlint::source::{SourceFile, Span};
use std::sync::Arc;

/// Build the project from mix.exs text: the list after `def project do` is `project/0`.
pub fn project(text: &str) -> Project {
    let source = Arc::new(SourceFile::new("mix.exs", text));
    let start = text
        .find("def project do")
        .expect("fixture has `def project do`")
        + 14;
    let mut p = Parser { text, pos: start };
    let config = p.value();
    Project::from_config(
        "/nonexistent".into(),
        source,
        Some("MyLib.MixProject".into()),
        config,
        Vec::new(),
        Vec::new(),
    )
}

/// Run every rule and keep the diagnostics of `rule`.
pub fn diagnostics(text: &str, rule: &str) -> Vec<Diagnostic> {
    let project = project(text);
    hexlint::rules::run(&project, &Config::default())
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
}

/// `(rule, severity, line, column)` of a diagnostic, for compact assertions.
pub fn at(d: &Diagnostic) -> (&'static str, Severity, usize, usize) {
    let r = d.range().expect("diagnostic has a span");
    (d.rule, d.severity, r.start.line, r.start.column)
}

/// Apply a diagnostic's fix to the text.
pub fn apply_fix(text: &str, d: &Diagnostic) -> String {
    let fix = d.fix.as_ref().expect("diagnostic has a fix");
    let mut out = text.to_string();
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    for e in edits {
        out.replace_range(e.span.start..e.span.end, &e.replacement);
    }
    out
}

/// `{:a, "1.0", only: :dev}`: trailing `key: value` items of a tuple form one keyword list.
fn trailing_keywords_as_list(items: Vec<(Value, bool)>) -> Vec<Value> {
    let first_kw = items.iter().rposition(|(_, kw)| !kw).map_or(0, |i| i + 1);
    let mut items = items.into_iter().map(|(v, _)| v).collect::<Vec<_>>();
    if first_kw < items.len() {
        let kws: Vec<Value> = items.split_off(first_kw);
        let span = Span::new(kws[0].span.start, kws[kws.len() - 1].span.end);
        items.push(Value::new(ValueKind::List(kws), span));
    }
    items
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn skip_ws(&mut self) {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start();
            let skipped = rest.len() - trimmed.len();
            let comment = if trimmed.starts_with('#') {
                Some(trimmed.find('\n').unwrap_or(trimmed.len()))
            } else {
                None
            };
            self.pos += skipped;
            match comment {
                Some(len) => self.pos += len,
                None => return,
            }
        }
    }

    fn eat(&mut self, s: &str) -> bool {
        self.skip_ws();
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, s: &str) {
        assert!(
            self.eat(s),
            "expected `{s}` at {:?}",
            &self.rest()[..20.min(self.rest().len())]
        );
    }

    fn value(&mut self) -> Value {
        self.skip_ws();
        let start = self.pos;
        let rest = self.rest().to_string();
        let kind = if rest.starts_with('[') {
            self.pos += 1;
            ValueKind::List(self.items("]").into_iter().map(|(v, _)| v).collect())
        } else if rest.starts_with('{') {
            self.pos += 1;
            ValueKind::Tuple(trailing_keywords_as_list(self.items("}")))
        } else if rest.starts_with("%{") {
            self.pos += 2;
            let items = self.items("}");
            ValueKind::Map(
                items
                    .into_iter()
                    .map(|(t, _)| match t.kind {
                        ValueKind::Tuple(mut kv) if kv.len() == 2 => {
                            let v = kv.pop().unwrap();
                            (kv.pop().unwrap(), v)
                        }
                        other => panic!("bad map entry {other:?}"),
                    })
                    .collect(),
            )
        } else if rest.starts_with('"') {
            ValueKind::String(self.quoted('"'))
        } else if rest.starts_with('\'') {
            ValueKind::Charlist(self.quoted('\''))
        } else if rest.starts_with(":\"") {
            self.pos += 1;
            ValueKind::Atom(self.quoted('"'))
        } else if rest.starts_with(':') {
            self.pos += 1;
            ValueKind::Atom(self.word())
        } else if rest.starts_with("unknown()") {
            self.pos += 9;
            return Value::unknown("test unknown", Span::new(start, self.pos));
        } else {
            let w = self.word();
            match w.as_str() {
                "true" => ValueKind::Bool(true),
                "false" => ValueKind::Bool(false),
                "nil" => ValueKind::Nil,
                _ if w.starts_with(|c: char| c.is_ascii_digit()) => {
                    ValueKind::Int(w.replace('_', "").parse().expect("integer"))
                }
                _ if w.starts_with(|c: char| c.is_ascii_uppercase()) => {
                    ValueKind::Atom(format!("Elixir.{w}"))
                }
                _ => panic!("unsupported literal {w:?}"),
            }
        };
        Value::new(kind, Span::new(start, self.pos))
    }

    /// Comma-separated items up to `close`; `key: value` becomes a `{:key, value}` tuple
    /// (flagged `true`) and `k => v` (in maps) a 2-tuple.
    fn items(&mut self, close: &str) -> Vec<(Value, bool)> {
        let mut items = Vec::new();
        loop {
            if self.eat(close) {
                return items;
            }
            self.skip_ws();
            let start = self.pos;
            let word_len = self
                .rest()
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '?' || c == '!'))
                .unwrap_or(0);
            let keyword = word_len > 0 && self.rest()[word_len..].starts_with(": ");
            let item = if keyword {
                let key = self.rest()[..word_len].to_string();
                let key_span = Span::new(start, start + word_len + 1);
                self.pos += word_len + 1;
                let v = self.value();
                let span = Span::new(start, v.span.end);
                Value::new(
                    ValueKind::Tuple(vec![Value::new(ValueKind::Atom(key), key_span), v]),
                    span,
                )
            } else {
                let k = self.value();
                if self.eat("=>") {
                    let v = self.value();
                    let span = Span::new(start, v.span.end);
                    Value::new(ValueKind::Tuple(vec![k, v]), span)
                } else {
                    k
                }
            };
            items.push((item, keyword));
            if !self.eat(",") {
                self.expect(close);
                return items;
            }
        }
    }

    fn word(&mut self) -> String {
        let len = self
            .rest()
            .find(|c: char| !(c.is_alphanumeric() || "_?!.@".contains(c)))
            .unwrap_or(self.rest().len());
        assert!(
            len > 0,
            "expected a word at {:?}",
            &self.rest()[..20.min(self.rest().len())]
        );
        let w = self.rest()[..len].to_string();
        self.pos += len;
        w
    }

    fn quoted(&mut self, quote: char) -> String {
        self.pos += 1;
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    let (_, e) = chars.next().expect("escape");
                    out.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                }
                c if c == quote => {
                    self.pos += i + 1;
                    return out;
                }
                c => out.push(c),
            }
        }
        panic!("unterminated string");
    }
}
