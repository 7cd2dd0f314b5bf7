//! Elixir's value semantics: equality (`==` and `===`), term ordering, `to_string`, float
//! printing, operators, and the size measure used for MAX_VALUE_BYTES.

use super::{describe, unknown_in};
use crate::mixexs::ast::{BinOp, Expr, UnaryOp};
use crate::mixexs::value::{Value, ValueKind};
use crate::source::Span;
use std::cmp::Ordering;

/// A charlist as the list of its code points.
pub(crate) fn charlist_ints(text: &str, span: Span) -> Vec<Value> {
    text.chars()
        .map(|c| Value::new(ValueKind::Int(c as i128), span))
        .collect()
}

/// Whitespace as `String.split/1` and `~w` see it: Unicode whitespace except the non-breaking
/// spaces.
pub(crate) fn is_split_whitespace(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}')
}

/// Words of `text` with their byte offsets, as `String.split/1` returns them.
pub(crate) fn split_whitespace_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(is_split_whitespace)
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Approximate memory size of a value in bytes (its nodes plus their text), counted up to `cap`.
pub(crate) fn weight(v: &Value, cap: usize) -> usize {
    fn go(v: &Value, cap: usize, total: &mut usize) {
        *total += std::mem::size_of::<Value>();
        if *total > cap {
            return;
        }
        match &v.kind {
            ValueKind::String(s) | ValueKind::Charlist(s) | ValueKind::Atom(s) => *total += s.len(),
            ValueKind::Regex { source, .. } => *total += source.len(),
            ValueKind::List(items) | ValueKind::Tuple(items) => {
                for i in items {
                    go(i, cap, total);
                    if *total > cap {
                        return;
                    }
                }
            }
            ValueKind::Map(pairs) => {
                for (k, x) in pairs {
                    go(k, cap, total);
                    go(x, cap, total);
                    if *total > cap {
                        return;
                    }
                }
            }
            _ => {}
        }
    }
    let mut total = 0;
    go(v, cap, &mut total);
    total
}

/// The text of an atom-like value (`nil`, `true` and `false` are atoms in Elixir).
fn atom_text(v: &Value) -> Option<&str> {
    match &v.kind {
        ValueKind::Nil => Some("nil"),
        ValueKind::Bool(true) => Some("true"),
        ValueKind::Bool(false) => Some("false"),
        ValueKind::Atom(a) => Some(a),
        _ => None,
    }
}

/// Term-order class: number < atom < function < tuple < map < list < bitstring.
fn class(v: &Value) -> u8 {
    match &v.kind {
        ValueKind::Int(_) | ValueKind::Float(_) => 0,
        ValueKind::Nil | ValueKind::Bool(_) | ValueKind::Atom(_) => 1,
        ValueKind::Function(_) => 3,
        ValueKind::Tuple(_) => 6,
        ValueKind::Map(_) | ValueKind::Regex { .. } => 7,
        ValueKind::List(_) | ValueKind::Charlist(_) => 8,
        ValueKind::String(_) => 9,
        ValueKind::Unknown { .. } => 255,
    }
}

fn list_items(v: &Value) -> Option<std::borrow::Cow<'_, [Value]>> {
    match &v.kind {
        ValueKind::List(items) => Some(std::borrow::Cow::Borrowed(items)),
        ValueKind::Charlist(text) => Some(std::borrow::Cow::Owned(charlist_ints(text, v.span))),
        _ => range_items(v).map(std::borrow::Cow::Owned),
    }
}

/// Ranges longer than this are not expanded into lists (the value stays unknown).
const MAX_RANGE_ITEMS: i128 = 100_000;

/// `first..last//step` as Elixir represents it: a `%Range{}` struct.
pub(crate) fn range(first: i128, last: i128, step: i128, span: Span) -> Value {
    let atom = |a: &str| Value::new(ValueKind::Atom(a.to_string()), span);
    let int = |i: i128| Value::new(ValueKind::Int(i), span);
    Value::new(
        ValueKind::Map(vec![
            (atom("__struct__"), atom("Elixir.Range")),
            (atom("first"), int(first)),
            (atom("last"), int(last)),
            (atom("step"), int(step)),
        ]),
        span,
    )
}

/// The integers of a `%Range{}` value, when it is one of at most [`MAX_RANGE_ITEMS`].
pub(crate) fn range_items(v: &Value) -> Option<Vec<Value>> {
    let ValueKind::Map(entries) = &v.kind else {
        return None;
    };
    let field = |name: &str| {
        entries
            .iter()
            .find(|(k, _)| k.as_atom() == Some(name))
            .map(|(_, v)| &v.kind)
    };
    if !matches!(field("__struct__"), Some(ValueKind::Atom(a)) if a == "Elixir.Range") {
        return None;
    }
    let (Some(ValueKind::Int(first)), Some(ValueKind::Int(last)), Some(ValueKind::Int(step))) =
        (field("first"), field("last"), field("step"))
    else {
        return None;
    };
    let (first, last, step) = (*first, *last, *step);
    if step == 0 {
        return None;
    }
    let count = if (step > 0 && first > last) || (step < 0 && first < last) {
        0
    } else {
        (last - first) / step + 1
    };
    if count > MAX_RANGE_ITEMS {
        return None;
    }
    Some(
        (0..count)
            .map(|i| Value::new(ValueKind::Int(first + i * step), v.span))
            .collect(),
    )
}

/// `==` (`strict == false`) or `===`. `Err` carries the unknown part that decides.
pub(crate) fn equal(a: &Value, b: &Value, strict: bool) -> Result<bool, Value> {
    use ValueKind as K;
    match (&a.kind, &b.kind) {
        (K::Unknown { .. }, _) => return Err(a.clone()),
        (_, K::Unknown { .. }) => return Err(b.clone()),
        _ => {}
    }
    if let (Some(x), Some(y)) = (atom_text(a), atom_text(b)) {
        return Ok(x == y);
    }
    match (&a.kind, &b.kind) {
        (K::Int(x), K::Int(y)) => Ok(x == y),
        (K::Float(x), K::Float(y)) => Ok(x == y),
        (K::Int(x), K::Float(y)) | (K::Float(y), K::Int(x)) => Ok(!strict && (*x as f64) == *y),
        (K::String(x), K::String(y)) => Ok(x == y),
        (K::Charlist(x), K::Charlist(y)) => Ok(x == y),
        (K::List(_) | K::Charlist(_), K::List(_) | K::Charlist(_)) => {
            let (Some(xs), Some(ys)) = (list_items(a), list_items(b)) else {
                return Ok(false);
            };
            all_equal(&xs, &ys, strict)
        }
        (K::Tuple(xs), K::Tuple(ys)) => all_equal(xs, ys, strict),
        (K::Map(xs), K::Map(ys)) => {
            if xs.len() != ys.len() {
                return Ok(false);
            }
            let mut unknown = None;
            for (k, v) in xs {
                match map_position(ys, k) {
                    Ok(Some(i)) => match equal(v, &ys[i].1, strict) {
                        Ok(true) => {}
                        Ok(false) => return Ok(false),
                        Err(u) => {
                            unknown.get_or_insert(u);
                        }
                    },
                    Ok(None) => return Ok(false),
                    Err(u) => {
                        unknown.get_or_insert(u);
                    }
                }
            }
            unknown.map_or(Ok(true), Err)
        }
        (
            K::Regex {
                source: s1,
                opts: o1,
            },
            K::Regex {
                source: s2,
                opts: o2,
            },
        ) => Ok(s1 == s2 && o1 == o2),
        (K::Function(x), K::Function(y)) if x != "fn" && y != "fn" => Ok(x == y),
        (K::Function(_), K::Function(_)) => Err(Value::unknown(
            "anonymous functions cannot be compared",
            a.span,
        )),
        _ => Ok(false),
    }
}

fn all_equal(xs: &[Value], ys: &[Value], strict: bool) -> Result<bool, Value> {
    if xs.len() != ys.len() {
        // An unknown element of a list may stand for any number of elements.
        return match xs.iter().chain(ys).find(|v| v.is_unknown()) {
            Some(u) => Err(u.clone()),
            None => Ok(false),
        };
    }
    let mut unknown = None;
    for (x, y) in xs.iter().zip(ys) {
        match equal(x, y, strict) {
            Ok(true) => {}
            Ok(false) => return Ok(false),
            Err(u) => {
                unknown.get_or_insert(u);
            }
        }
    }
    unknown.map_or(Ok(true), Err)
}

/// Identical values, ignoring spans (`===` on fully known values).
pub(crate) fn same_value(a: &Value, b: &Value) -> bool {
    matches!(equal(a, b, true), Ok(true))
}

/// Elixir's term ordering.
pub(crate) fn compare(a: &Value, b: &Value) -> Result<Ordering, Value> {
    use ValueKind as K;
    match (&a.kind, &b.kind) {
        (K::Unknown { .. }, _) => return Err(a.clone()),
        (_, K::Unknown { .. }) => return Err(b.clone()),
        _ => {}
    }
    let (ca, cb) = (class(a), class(b));
    if ca != cb {
        return Ok(ca.cmp(&cb));
    }
    let not_ordered = || {
        Err(Value::unknown(
            format!(
                "comparing {} with {} is not evaluated",
                a.inspect(),
                b.inspect()
            ),
            a.span,
        ))
    };
    match (&a.kind, &b.kind) {
        (K::Int(x), K::Int(y)) => Ok(x.cmp(y)),
        (K::Int(_) | K::Float(_), K::Int(_) | K::Float(_)) => {
            let f = |v: &Value| match v.kind {
                K::Int(i) => i as f64,
                K::Float(x) => x,
                _ => 0.0,
            };
            f(a).partial_cmp(&f(b)).map_or_else(not_ordered, Ok)
        }
        (K::String(x), K::String(y)) => Ok(x.as_bytes().cmp(y.as_bytes())),
        (K::Tuple(xs), K::Tuple(ys)) => match xs.len().cmp(&ys.len()) {
            Ordering::Equal => compare_seq(xs, ys),
            other => Ok(other),
        },
        (K::List(_) | K::Charlist(_), K::List(_) | K::Charlist(_)) => {
            match (list_items(a), list_items(b)) {
                (Some(xs), Some(ys)) => compare_seq(&xs, &ys),
                _ => not_ordered(),
            }
        }
        _ => match (atom_text(a), atom_text(b)) {
            (Some(x), Some(y)) => Ok(x.cmp(y)),
            _ => not_ordered(),
        },
    }
}

fn compare_seq(xs: &[Value], ys: &[Value]) -> Result<Ordering, Value> {
    for (x, y) in xs.iter().zip(ys) {
        match compare(x, y)? {
            Ordering::Equal => {}
            other => return Ok(other),
        }
    }
    Ok(xs.len().cmp(&ys.len()))
}

/// Where `key` is in a map's entries (exact match, as map keys are). `Err` when an unknown key
/// (or the key itself) makes it undecidable.
pub(crate) fn map_position(
    entries: &[(Value, Value)],
    key: &Value,
) -> Result<Option<usize>, Value> {
    if key.is_unknown() {
        return Err(key.clone());
    }
    let mut unknown = None;
    for (i, (k, _)) in entries.iter().enumerate() {
        match equal(k, key, true) {
            Ok(true) => return Ok(Some(i)),
            Ok(false) => {}
            Err(u) => {
                unknown.get_or_insert(u);
            }
        }
    }
    unknown.map_or(Ok(None), Err)
}

/// Insert into map entries: a duplicate key replaces the earlier entry (the last one wins).
pub(crate) fn map_insert(entries: &mut Vec<(Value, Value)>, key: Value, value: Value) {
    match map_position(entries, &key) {
        Ok(Some(i)) => entries[i] = (key, value),
        _ => entries.push((key, value)),
    }
}

/// `x in list`: membership with `===`.
pub(crate) fn member(x: &Value, list: &Value) -> Result<bool, Value> {
    if list.is_unknown() {
        return Err(list.clone());
    }
    let Some(items) = list_items(list) else {
        return Err(Value::unknown(
            format!("`in` on {} (not a list) is not evaluated", list.inspect()),
            list.span,
        ));
    };
    let mut unknown = None;
    for item in items.iter() {
        match equal(x, item, true) {
            Ok(true) => return Ok(true),
            Ok(false) => {}
            Err(u) => {
                unknown.get_or_insert(u);
            }
        }
    }
    unknown.map_or(Ok(false), Err)
}

/// `to_string/1` (`String.Chars`) for the values it is defined on.
pub(crate) fn to_text(v: &Value) -> Result<String, Value> {
    let mut out = String::new();
    write_text(v, &mut out)?;
    Ok(out)
}

fn write_text(v: &Value, out: &mut String) -> Result<(), Value> {
    match &v.kind {
        ValueKind::Unknown { .. } => return Err(v.clone()),
        ValueKind::String(s) | ValueKind::Charlist(s) => out.push_str(s),
        ValueKind::Nil => {}
        ValueKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        ValueKind::Atom(a) => out.push_str(a),
        ValueKind::Int(i) => out.push_str(&i.to_string()),
        ValueKind::Float(x) => out.push_str(&format_float(*x)),
        // A list is chardata: code points, strings and nested lists.
        ValueKind::List(items) => {
            for item in items {
                match &item.kind {
                    ValueKind::Int(i) => match u32::try_from(*i).ok().and_then(char::from_u32) {
                        Some(c) => out.push(c),
                        None => return Err(not_text(item)),
                    },
                    ValueKind::String(_)
                    | ValueKind::Charlist(_)
                    | ValueKind::List(_)
                    | ValueKind::Unknown { .. } => write_text(item, out)?,
                    _ => return Err(not_text(item)),
                }
            }
        }
        _ => return Err(not_text(v)),
    }
    Ok(())
}

fn not_text(v: &Value) -> Value {
    Value::unknown(
        format!(
            "{} cannot be converted to a string (Mix would raise)",
            v.inspect()
        ),
        v.span,
    )
}

/// A float as Elixir prints it: the shortest digits that read back to the same float, in
/// decimal or scientific notation, whichever is shorter (decimal on a tie), and always scientific
/// from 2^53 up (as Erlang's `float_to_binary(x, [:short])`): `1.0e5`, `0.001`, `1.2e-4`,
/// `12345678.9`, `9.007199254740992e15`.
pub(crate) fn format_float(x: f64) -> String {
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let (first, rest) = digits.split_at(1.min(digits.len()));
    let rest = if rest.is_empty() { "0" } else { rest };
    let scientific = format!("{sign}{first}.{rest}e{exp}");
    let decimal = if exp >= 0 {
        let point = exp as usize + 1;
        if digits.len() <= point {
            format!("{sign}{digits}{}.0", "0".repeat(point - digits.len()))
        } else {
            format!("{sign}{}.{}", &digits[..point], &digits[point..])
        }
    } else {
        format!("{sign}0.{}{digits}", "0".repeat((-exp - 1) as usize))
    };
    if decimal.len() <= scientific.len() && x.abs() < 9007199254740992.0 {
        decimal
    } else {
        scientific
    }
}

pub(crate) fn unary(op: UnaryOp, v: Value, span: Span) -> Value {
    if v.is_unknown() {
        return v;
    }
    let new = |kind| Value::new(kind, span);
    match (op, &v.kind) {
        (UnaryOp::Neg, ValueKind::Int(i)) => match i.checked_neg() {
            Some(n) => new(ValueKind::Int(n)),
            None => Value::unknown("integer out of hexlint's range", span),
        },
        (UnaryOp::Neg, ValueKind::Float(x)) => new(ValueKind::Float(-x)),
        (UnaryOp::Pos, ValueKind::Int(_) | ValueKind::Float(_)) => new(v.kind),
        (UnaryOp::Bang, _) => new(ValueKind::Bool(v.truthy() == Some(false))),
        (UnaryOp::Not, ValueKind::Bool(b)) => new(ValueKind::Bool(!b)),
        (UnaryOp::Pin, _) => Value::unknown("`^` outside a pattern", span),
        _ => Value::unknown(
            format!(
                "{} is not a valid operand here (Mix would raise ArgumentError)",
                v.inspect()
            ),
            span,
        ),
    }
}

/// `wrapped` (an unknown made from `from`) with the keys `from` can hold.
fn keep_keys(wrapped: Value, from: &Value) -> Value {
    match (from.unknown_keys(), wrapped.unknown_reason()) {
        (Some(keys), Some(reason)) => Value::unknown_with_keys(reason, wrapped.span, keys.to_vec()),
        _ => wrapped,
    }
}

/// Operators whose both sides are evaluated first.
pub(crate) fn binary(op: BinOp, l: Value, r: Value, e: &Expr) -> Value {
    let span = e.span;
    let new = |kind| Value::new(kind, span);
    let bad =
        |what: &str| Value::unknown(format!("`{}`: {what} (Mix would raise)", describe(e)), span);
    // `known ++ unknown` keeps the known front, so `Keyword.get`-style lookups of keys written
    // there stay known; the unknown tail becomes one unknown element that lookups stop at.
    if op == BinOp::ListConcat
        && r.is_unknown()
        && let ValueKind::List(items) = &l.kind
    {
        let mut items = items.clone();
        items.push(keep_keys(unknown_in(e, &r, r.span), &r));
        return new(ValueKind::List(items));
    }
    // `unknown ++ known` where the unknown side is keyword elements with known keys: the
    // elements of the right side stay visible to lookups of other keys.
    if op == BinOp::ListConcat
        && l.unknown_keys().is_some()
        && let ValueKind::List(items) = &r.kind
    {
        let mut out = vec![keep_keys(unknown_in(e, &l, l.span), &l)];
        out.extend(items.iter().cloned());
        return new(ValueKind::List(out));
    }
    for side in [&l, &r] {
        if side.is_unknown() {
            return unknown_in(e, side, span);
        }
    }
    match op {
        BinOp::Concat => match (l.kind, r.kind) {
            (ValueKind::String(mut a), ValueKind::String(b)) => {
                a.push_str(&b);
                new(ValueKind::String(a))
            }
            _ => bad("`<>` needs two strings"),
        },
        BinOp::ListConcat => match (l.kind, r.kind) {
            (ValueKind::Charlist(mut a), ValueKind::Charlist(b)) => {
                a.push_str(&b);
                new(ValueKind::Charlist(a))
            }
            (lk, rk) => {
                let lv = Value::new(lk, l.span);
                let rv = Value::new(rk, r.span);
                match (list_items(&lv), list_items(&rv)) {
                    (Some(a), Some(b)) => {
                        let mut items = a.into_owned();
                        items.extend(b.into_owned());
                        new(ValueKind::List(items))
                    }
                    (None, _) => bad("the left side of `++` is not a list"),
                    (_, None) => Value::unknown(
                        format!(
                            "`{}` builds an improper list, which hexlint does not model",
                            describe(e)
                        ),
                        span,
                    ),
                }
            }
        },
        BinOp::ListSub => match (list_items(&l), list_items(&r)) {
            (Some(a), Some(b)) => {
                let mut items = a.into_owned();
                for x in b.iter() {
                    let mut found = None;
                    for (i, item) in items.iter().enumerate() {
                        match equal(item, x, true) {
                            Ok(true) => {
                                found = Some(i);
                                break;
                            }
                            Ok(false) => {}
                            Err(u) => return unknown_in(e, &u, span),
                        }
                    }
                    if let Some(i) = found {
                        items.remove(i);
                    }
                }
                new(ValueKind::List(items))
            }
            _ => bad("`--` needs two lists"),
        },
        BinOp::Eq | BinOp::NotEq | BinOp::StrictEq | BinOp::StrictNotEq => {
            let strict = matches!(op, BinOp::StrictEq | BinOp::StrictNotEq);
            match equal(&l, &r, strict) {
                Ok(eq) => new(ValueKind::Bool(
                    eq == matches!(op, BinOp::Eq | BinOp::StrictEq),
                )),
                Err(u) => unknown_in(e, &u, span),
            }
        }
        BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge => match compare(&l, &r) {
            Ok(ord) => new(ValueKind::Bool(match op {
                BinOp::Lt => ord == Ordering::Less,
                BinOp::Gt => ord == Ordering::Greater,
                BinOp::Le => ord != Ordering::Greater,
                _ => ord != Ordering::Less,
            })),
            Err(u) => unknown_in(e, &u, span),
        },
        BinOp::RegexMatch => match (&l.kind, &r.kind) {
            (ValueKind::String(s), ValueKind::String(p)) => {
                new(ValueKind::Bool(s.contains(p.as_str())))
            }
            (ValueKind::String(s), ValueKind::Regex { source, opts }) => {
                match compile_regex(source, opts) {
                    Ok(re) => new(ValueKind::Bool(re.is_match(s))),
                    Err(reason) => Value::unknown(reason, r.span),
                }
            }
            _ => bad("`=~` needs a string and a regex"),
        },
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => arithmetic(op, &l, &r, span, e),
        _ => Value::unknown(format!("`{}` is not evaluated", describe(e)), span),
    }
}

fn arithmetic(op: BinOp, l: &Value, r: &Value, span: Span, e: &Expr) -> Value {
    let new = |kind| Value::new(kind, span);
    let float = |v: &Value| match v.kind {
        ValueKind::Int(i) => Some(i as f64),
        ValueKind::Float(x) => Some(x),
        _ => None,
    };
    let (Some(a), Some(b)) = (float(l), float(r)) else {
        return Value::unknown(
            format!(
                "`{}`: arithmetic on a non-number (Mix would raise ArithmeticError)",
                describe(e)
            ),
            span,
        );
    };
    if let (ValueKind::Int(x), ValueKind::Int(y), false) = (&l.kind, &r.kind, op == BinOp::Div) {
        let result = match op {
            BinOp::Add => x.checked_add(*y),
            BinOp::Sub => x.checked_sub(*y),
            _ => x.checked_mul(*y),
        };
        return match result {
            Some(n) => new(ValueKind::Int(n)),
            None => Value::unknown("integer out of hexlint's 128-bit range", span),
        };
    }
    if op == BinOp::Div && b == 0.0 {
        return Value::unknown(
            format!(
                "`{}` divides by zero (Mix would raise ArithmeticError)",
                describe(e)
            ),
            span,
        );
    }
    let x = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        _ => a / b,
    };
    if x.is_finite() {
        new(ValueKind::Float(x))
    } else {
        Value::unknown("float out of range (Mix would raise ArithmeticError)", span)
    }
}

/// An Elixir (PCRE) regex as a Rust regex. Simple patterns translate exactly; anything the
/// `regex` crate rejects (look-around, backreferences) becomes a reason.
pub(crate) fn compile_regex(source: &str, opts: &str) -> Result<regex::Regex, String> {
    let mut flags = String::new();
    for c in opts.chars() {
        match c {
            'i' | 'm' | 's' | 'x' | 'U' => flags.push(c),
            'u' => {}
            _ => {
                return Err(format!(
                    "regex modifier `{c}` in ~r/{source}/{opts} is not supported by hexlint"
                ));
            }
        }
    }
    let pattern = if flags.is_empty() {
        source.to_string()
    } else {
        format!("(?{flags}){source}")
    };
    regex::RegexBuilder::new(&pattern)
        .size_limit(1 << 20)
        .build()
        .map_err(|_| format!("~r/{source}/{opts} uses regex features hexlint does not evaluate"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_as_elixir_does() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (100000.0, "1.0e5"),
            (1.0e15, "1.0e15"),
            (123456789012345680.0, "1.2345678901234568e17"),
            (0.001, "0.001"),
            (0.0001, "0.0001"),
            (1.0e-5, "1.0e-5"),
            (-2.5, "-2.5"),
            (12345678.9, "12345678.9"),
            (10.0, "10.0"),
            (100.0, "100.0"),
            (1000.0, "1.0e3"),
            (1500.0, "1.5e3"),
            (0.0012, "0.0012"),
            (0.00012, "1.2e-4"),
            (120.5, "120.5"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (2.0e-300, "2.0e-300"),
            (1234567890123456.0, "1234567890123456.0"),
            (4503599627370497.0, "4503599627370497.0"),
            (9007199254740992.0, "9.007199254740992e15"),
        ];
        for (x, text) in cases {
            assert_eq!(format_float(x), text, "{x}");
        }
    }

    fn v(kind: ValueKind) -> Value {
        Value::new(kind, Span::default())
    }

    #[test]
    fn equality_follows_elixir() {
        let one = v(ValueKind::Int(1));
        let one_f = v(ValueKind::Float(1.0));
        assert_eq!(equal(&one, &one_f, false), Ok(true));
        assert_eq!(equal(&one, &one_f, true), Ok(false));
        let nil_atom = v(ValueKind::Atom("nil".into()));
        assert_eq!(equal(&nil_atom, &v(ValueKind::Nil), true), Ok(true));
        let cl = v(ValueKind::Charlist("ab".into()));
        let ints = v(ValueKind::List(vec![
            v(ValueKind::Int(97)),
            v(ValueKind::Int(98)),
        ]));
        assert_eq!(equal(&cl, &ints, true), Ok(true));
        let unknown = Value::unknown("x", Span::new(1, 2));
        let l1 = v(ValueKind::List(vec![unknown.clone(), v(ValueKind::Int(1))]));
        let l2 = v(ValueKind::List(vec![
            v(ValueKind::Int(0)),
            v(ValueKind::Int(2)),
        ]));
        // The known elements differ: definitely not equal, whatever the unknown is.
        assert_eq!(equal(&l1, &l2, false), Ok(false));
        let l3 = v(ValueKind::List(vec![
            v(ValueKind::Int(0)),
            v(ValueKind::Int(1)),
        ]));
        assert_eq!(equal(&l1, &l3, false), Err(unknown));
    }

    #[test]
    fn term_order_across_types() {
        let n = v(ValueKind::Int(5));
        let a = v(ValueKind::Atom("a".into()));
        let s = v(ValueKind::String("a".into()));
        let l = v(ValueKind::List(vec![]));
        let t = v(ValueKind::Tuple(vec![]));
        assert_eq!(compare(&n, &a), Ok(Ordering::Less));
        assert_eq!(compare(&a, &t), Ok(Ordering::Less));
        assert_eq!(compare(&t, &l), Ok(Ordering::Less));
        assert_eq!(compare(&l, &s), Ok(Ordering::Less));
        let x = v(ValueKind::String("21".into()));
        let y = v(ValueKind::String("3".into()));
        assert_eq!(compare(&x, &y), Ok(Ordering::Less));
    }

    #[test]
    fn to_text_of_chardata_atoms_and_numbers() {
        let list = v(ValueKind::List(vec![
            v(ValueKind::Int(97)),
            v(ValueKind::String("bc".into())),
            v(ValueKind::List(vec![v(ValueKind::Int(100))])),
        ]));
        assert_eq!(to_text(&list).unwrap(), "abcd");
        assert_eq!(to_text(&v(ValueKind::Nil)).unwrap(), "");
        assert_eq!(
            to_text(&v(ValueKind::Atom("Elixir.Foo".into()))).unwrap(),
            "Elixir.Foo"
        );
        assert_eq!(to_text(&v(ValueKind::Float(1.0e10))).unwrap(), "1.0e10");
        assert!(to_text(&v(ValueKind::Tuple(vec![]))).is_err());
    }

    #[test]
    fn whitespace_words_keep_offsets_and_skip_nbsp() {
        let words: Vec<_> = split_whitespace_words(" lib  mix.exs\tREADME\u{a0}x ").collect();
        assert_eq!(
            words,
            vec![(1, "lib"), (6, "mix.exs"), (14, "README\u{a0}x")]
        );
    }
}
