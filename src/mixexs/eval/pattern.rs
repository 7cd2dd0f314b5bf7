//! Pattern matching for function heads, `case`, `=`, generators and `match?`: literals, `_`,
//! variables (repeated ones must be equal), `^pin`, lists, `[h | t]`, tuples, maps (subset),
//! `"prefix" <> rest`, `pat = pat`, and attribute reads (`@x` expands to its value).

use super::{Evaluator, Frame, describe, limit_unknown, ops};
use crate::mixexs::ast::{BinOp, Expr, ExprKind, StrPart, UnaryOp};
use crate::mixexs::value::{Value, ValueKind};
use std::borrow::Cow;

/// The outcome of a match. `Unknown` when the value is not known well enough to decide.
#[derive(Debug)]
pub(crate) enum Matched {
    Yes,
    No,
    Unknown(Value),
}

/// Combines element-wise results: any `No` decides, otherwise the first `Unknown`.
struct All(Option<Value>);

impl All {
    /// Returns `false` when the whole match has failed.
    fn add(&mut self, m: Matched) -> bool {
        match m {
            Matched::Yes => true,
            Matched::No => false,
            Matched::Unknown(u) => {
                self.0.get_or_insert(u);
                true
            }
        }
    }
    fn finish(self) -> Matched {
        match self.0 {
            Some(u) => Matched::Unknown(u),
            None => Matched::Yes,
        }
    }
}

fn from_equal(r: Result<bool, Value>) -> Matched {
    match r {
        Ok(true) => Matched::Yes,
        Ok(false) => Matched::No,
        Err(u) => Matched::Unknown(u),
    }
}

/// The elements of a list value (a charlist is a list of code points).
fn list_view(v: &Value) -> Option<Cow<'_, [Value]>> {
    match &v.kind {
        ValueKind::List(items) => Some(Cow::Borrowed(items)),
        ValueKind::Charlist(text) => Some(Cow::Owned(ops::charlist_ints(text, v.span))),
        _ => None,
    }
}

impl<'a> Evaluator<'a> {
    /// `%{k => pattern, …}` (and a struct's fields) against a map's entries: every key must be
    /// there and its value match.
    fn match_entries(
        &mut self,
        pairs: &'a [(Expr, Expr)],
        entries: &[(Value, Value)],
        f: &mut Frame<'a>,
        start: usize,
    ) -> Matched {
        let mut all = All(None);
        for (k, p) in pairs {
            let key = self.eval(k, f);
            match ops::map_position(entries, &key) {
                Ok(Some(i)) => {
                    if !all.add(self.match_pattern(p, &entries[i].1, f, start)) {
                        return Matched::No;
                    }
                }
                Ok(None) => return Matched::No,
                Err(u) => {
                    all.add(Matched::Unknown(u));
                }
            }
        }
        all.finish()
    }

    /// Match `pat` against `v`, binding variables into `f`. Variables bound at or after `start`
    /// belong to this pattern (a repeated name must match the same value). The caller truncates
    /// `f.vars` when the match fails.
    pub(super) fn match_pattern(
        &mut self,
        pat: &'a Expr,
        v: &Value,
        f: &mut Frame<'a>,
        start: usize,
    ) -> Matched {
        self.steps += 1;
        if self.depth >= self.max_depth || self.steps_exhausted() {
            self.depth_limited |= self.depth >= self.max_depth;
            return Matched::Unknown(limit_unknown(
                if self.steps_exhausted() {
                    "MAX_EVAL_STEPS"
                } else {
                    "MAX_EVAL_DEPTH"
                },
                &if self.steps_exhausted() {
                    format!("pattern matching stopped: {}", self.steps_reason())
                } else {
                    "pattern matching stopped".to_string()
                },
                pat.span,
            ));
        }
        self.depth += 1;
        let m = self.match_inner(pat, v, f, start);
        self.depth -= 1;
        m
    }

    fn match_inner(
        &mut self,
        pat: &'a Expr,
        v: &Value,
        f: &mut Frame<'a>,
        start: usize,
    ) -> Matched {
        let unknown_value = || Matched::Unknown(v.clone());
        match &pat.kind {
            ExprKind::Var(name) if name == "__MODULE__" => self.match_literal(pat, v, f),
            ExprKind::Var(name) => {
                if name.starts_with('_') {
                    return Matched::Yes;
                }
                let start = start.min(f.vars.len());
                if let Some((_, bound)) = f.vars[start..].iter().rev().find(|(n, _)| n == name) {
                    return from_equal(ops::equal(bound, v, true));
                }
                self.charge(v);
                f.vars.push((name, v.clone()));
                Matched::Yes
            }
            ExprKind::Unary {
                op: UnaryOp::Pin,
                expr,
            } => {
                let ExprKind::Var(name) = &expr.kind else {
                    return Matched::Unknown(Value::unknown("`^` needs a variable", pat.span));
                };
                match f.lookup(name) {
                    Some(bound) => from_equal(ops::equal(bound, v, true)),
                    None => Matched::Unknown(Value::unknown(
                        format!("^{name} refers to an unbound variable"),
                        pat.span,
                    )),
                }
            }
            ExprKind::List(items) => match list_view(v) {
                // An unknown element stands for any number of elements (`known ++ unknown`):
                // the length is unknown.
                Some(values) if values.iter().any(Value::is_unknown) => Matched::Unknown(
                    values
                        .iter()
                        .find(|x| x.is_unknown())
                        .cloned()
                        .unwrap_or_else(|| v.clone()),
                ),
                Some(values) if values.len() == items.len() => {
                    let mut all = All(None);
                    for (p, x) in items.iter().zip(values.iter()) {
                        if !all.add(self.match_pattern(p, x, f, start)) {
                            return Matched::No;
                        }
                    }
                    all.finish()
                }
                Some(_) => Matched::No,
                None if v.is_unknown() => unknown_value(),
                None => Matched::No,
            },
            ExprKind::Cons(items, tail) => match list_view(v) {
                Some(values) if values.iter().take(items.len()).any(Value::is_unknown) => {
                    Matched::Unknown(
                        values
                            .iter()
                            .find(|x| x.is_unknown())
                            .cloned()
                            .unwrap_or_else(|| v.clone()),
                    )
                }
                Some(values) if values.len() >= items.len() => {
                    let mut all = All(None);
                    for (p, x) in items.iter().zip(values.iter()) {
                        if !all.add(self.match_pattern(p, x, f, start)) {
                            return Matched::No;
                        }
                    }
                    let rest = Value::new(ValueKind::List(values[items.len()..].to_vec()), v.span);
                    if !all.add(self.match_pattern(tail, &rest, f, start)) {
                        return Matched::No;
                    }
                    all.finish()
                }
                Some(_) => Matched::No,
                None if v.is_unknown() => unknown_value(),
                None => Matched::No,
            },
            ExprKind::Tuple(items) => match &v.kind {
                ValueKind::Tuple(values) if values.len() == items.len() => {
                    let mut all = All(None);
                    for (p, x) in items.iter().zip(values) {
                        if !all.add(self.match_pattern(p, x, f, start)) {
                            return Matched::No;
                        }
                    }
                    all.finish()
                }
                ValueKind::Unknown { .. } => unknown_value(),
                _ => Matched::No,
            },
            ExprKind::Map(pairs) => match &v.kind {
                ValueKind::Map(entries) => self.match_entries(pairs, entries, f, start),
                ValueKind::Unknown { .. } => unknown_value(),
                _ => Matched::No,
            },
            // `%Version{major: 1}` against a struct the evaluator built (a `%Range{}`, a
            // `%Version{}` from `Version.parse!/1`): same `__struct__`, then the fields.
            ExprKind::Struct {
                name,
                base: None,
                fields,
            } if matches!(v.kind, ValueKind::Map(_)) => {
                let ExprKind::Alias(parts) = &name.kind else {
                    return Matched::No;
                };
                let ValueKind::Map(entries) = &v.kind else {
                    return Matched::No;
                };
                let module = format!("Elixir.{}", self.resolve_alias(f.module, parts));
                let is_struct = entries.iter().any(|(k, x)| {
                    k.as_atom() == Some("__struct__") && x.as_atom() == Some(module.as_str())
                });
                if !is_struct {
                    return Matched::No;
                }
                self.match_entries(fields, entries, f, start)
            }
            // Other structs are never evaluated: a known value does not match.
            ExprKind::Struct { .. } | ExprKind::MapUpdate(..) => match &v.kind {
                ValueKind::Unknown { .. } => unknown_value(),
                _ => Matched::No,
            },
            ExprKind::Binary {
                op: BinOp::Match,
                lhs,
                rhs,
            } => {
                let mut all = All(None);
                if !all.add(self.match_pattern(lhs, v, f, start)) {
                    return Matched::No;
                }
                if !all.add(self.match_pattern(rhs, v, f, start)) {
                    return Matched::No;
                }
                all.finish()
            }
            ExprKind::Binary {
                op: BinOp::Concat,
                lhs,
                rhs,
            } => {
                let prefix = match &lhs.kind {
                    ExprKind::String(parts) => match parts.as_slice() {
                        [] => String::new(),
                        [StrPart::Lit(s)] => s.clone(),
                        _ => return self.unsupported(pat),
                    },
                    _ => return self.unsupported(pat),
                };
                match &v.kind {
                    ValueKind::String(s) => match s.strip_prefix(prefix.as_str()) {
                        Some(rest) => {
                            let rest = Value::new(ValueKind::String(rest.to_string()), v.span);
                            self.match_pattern(rhs, &rest, f, start)
                        }
                        None => Matched::No,
                    },
                    ValueKind::Unknown { .. } => unknown_value(),
                    _ => Matched::No,
                }
            }
            ExprKind::Nil
            | ExprKind::Bool(_)
            | ExprKind::Integer(_)
            | ExprKind::Float(_)
            | ExprKind::Atom(_)
            | ExprKind::Alias(_)
            | ExprKind::String(_)
            | ExprKind::Charlist(_)
            | ExprKind::AttrRead(_)
            | ExprKind::Sigil { .. }
            | ExprKind::Unary {
                op: UnaryOp::Neg | UnaryOp::Pos,
                ..
            } => self.match_literal(pat, v, f),
            _ => self.unsupported(pat),
        }
    }

    fn match_literal(&mut self, pat: &'a Expr, v: &Value, f: &mut Frame<'a>) -> Matched {
        let literal = self.eval(pat, f);
        if literal.is_unknown() {
            return Matched::Unknown(literal);
        }
        from_equal(ops::equal(&literal, v, true))
    }

    fn unsupported(&self, pat: &Expr) -> Matched {
        Matched::Unknown(Value::unknown(
            format!(
                "the pattern `{}` is not supported by hexlint's evaluator",
                describe(pat)
            ),
            pat.span,
        ))
    }
}

/// The variables a pattern binds.
pub(crate) fn pattern_vars<'a>(pat: &'a Expr, out: &mut Vec<&'a str>) {
    match &pat.kind {
        ExprKind::Var(name) if !name.starts_with('_') && name != "__MODULE__" => out.push(name),
        ExprKind::List(items) | ExprKind::Tuple(items) => {
            for i in items {
                pattern_vars(i, out);
            }
        }
        ExprKind::Cons(items, tail) => {
            for i in items {
                pattern_vars(i, out);
            }
            pattern_vars(tail, out);
        }
        ExprKind::Map(pairs) => {
            for (_, p) in pairs {
                pattern_vars(p, out);
            }
        }
        ExprKind::Binary {
            op: BinOp::Match | BinOp::Concat,
            lhs,
            rhs,
        } => {
            pattern_vars(lhs, out);
            pattern_vars(rhs, out);
        }
        _ => {}
    }
}
