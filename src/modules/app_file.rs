//! A nom parser for Erlang term files such as `_build/dev/lib/plug/ebin/plug.app`, enough to read
//! `{application, App, [{modules, [...]}, ...]}.` — atoms (bare and quoted), strings, integers,
//! floats, binaries, tuples, lists and `%` comments. Nesting is bounded.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char, digit1, multispace1, none_of, not_line_ending};
use nom::combinator::{map, opt, recognize, value};
use nom::multi::{many0, separated_list0};
use nom::sequence::{delimited, pair, preceded};
use nom::{IResult, Parser};

/// Deepest nesting accepted (real .app files nest 3–4 levels).
const MAX_TERM_DEPTH: usize = 64;

/// An Erlang term.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    Atom(String),
    String(String),
    Integer(i128),
    Float(f64),
    Binary(Vec<Term>),
    Tuple(Vec<Term>),
    List(Vec<Term>),
}

/// Parse the `.` terminated terms of a file (`file:consult/1`).
pub fn consult(src: &str) -> Result<Vec<Term>, String> {
    let mut rest = src;
    let mut terms = Vec::new();
    loop {
        let (r, _) = ws(rest).map_err(|_| "unexpected input".to_string())?;
        if r.is_empty() {
            return Ok(terms);
        }
        let (r, t) = term(r, 0).map_err(|_| error_at(src, r))?;
        let (r, _) = ws(r).map_err(|_| error_at(src, r))?;
        let r = r.strip_prefix('.').ok_or_else(|| error_at(src, r))?;
        terms.push(t);
        rest = r;
    }
}

/// The `modules` list of an application resource file, as Elixir-style names (`Elixir.Foo` →
/// `Foo`, `plug_crypto` stays `plug_crypto`).
pub fn app_modules(src: &str) -> Result<Vec<String>, String> {
    let terms = consult(src)?;
    let Some(Term::Tuple(items)) = terms.first() else {
        return Err("not an application resource file".into());
    };
    let [Term::Atom(kind), _, Term::List(props)] = items.as_slice() else {
        return Err("not an application resource file".into());
    };
    if kind != "application" {
        return Err("not an application resource file".into());
    }
    for prop in props {
        if let Term::Tuple(kv) = prop
            && let [Term::Atom(k), Term::List(mods)] = kv.as_slice()
            && k == "modules"
        {
            return Ok(mods
                .iter()
                .filter_map(|m| match m {
                    Term::Atom(a) => Some(a.strip_prefix("Elixir.").unwrap_or(a).to_string()),
                    _ => None,
                })
                .collect());
        }
    }
    Ok(Vec::new())
}

fn error_at(src: &str, rest: &str) -> String {
    let offset = src.len() - rest.len();
    let line = src[..offset].matches('\n').count() + 1;
    format!("invalid Erlang term at line {line}")
}

/// Whitespace and `%` comments.
fn ws(i: &str) -> IResult<&str, ()> {
    value(
        (),
        many0(alt((
            value((), multispace1),
            value((), pair(char('%'), not_line_ending)),
        ))),
    )
    .parse(i)
}

fn term(i: &str, depth: usize) -> IResult<&str, Term> {
    if depth > MAX_TERM_DEPTH {
        return Err(nom::Err::Failure(nom::error::Error::new(
            i,
            nom::error::ErrorKind::TooLarge,
        )));
    }
    let (i, _) = ws(i)?;
    match i.chars().next() {
        Some('{') => map(seq('{', '}', depth), Term::Tuple).parse(i),
        Some('[') => map(seq('[', ']', depth), Term::List).parse(i),
        Some('<') => binary(i, depth),
        Some('"') => map(quoted('"'), Term::String).parse(i),
        Some('\'') => map(quoted('\''), Term::Atom).parse(i),
        Some(c) if c.is_ascii_digit() || c == '-' => number(i),
        _ => map(bare_atom, |a: &str| Term::Atom(a.to_string())).parse(i),
    }
}

/// `open term, term close`.
fn seq<'a>(
    open: char,
    close: char,
    depth: usize,
) -> impl Parser<&'a str, Output = Vec<Term>, Error = nom::error::Error<&'a str>> {
    delimited(
        char(open),
        separated_list0(preceded(ws, char(',')), move |i| term(i, depth + 1)),
        preceded(ws, char(close)),
    )
}

fn binary(i: &str, depth: usize) -> IResult<&str, Term> {
    map(
        delimited(
            tag("<<"),
            separated_list0(preceded(ws, char(',')), move |i| term(i, depth + 1)),
            preceded(ws, tag(">>")),
        ),
        Term::Binary,
    )
    .parse(i)
}

fn bare_atom(i: &str) -> IResult<&str, &str> {
    recognize(pair(
        take_while1(|c: char| c.is_ascii_lowercase()),
        take_while(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '@'),
    ))
    .parse(i)
}

/// A quoted atom or string with Erlang escapes (`\\`, `\'`, `\"`, `\n`, `\t`).
fn quoted(q: char) -> impl Fn(&str) -> IResult<&str, String> {
    move |i: &str| {
        let (mut i, _) = char(q).parse(i)?;
        let mut out = String::new();
        loop {
            let mut chars = i.chars();
            match chars.next() {
                None => {
                    return Err(nom::Err::Error(nom::error::Error::new(
                        i,
                        nom::error::ErrorKind::Char,
                    )));
                }
                Some(c) if c == q => return Ok((chars.as_str(), out)),
                Some('\\') => {
                    let (rest, c) = none_of("").parse(chars.as_str())?;
                    out.push(match c {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        's' => ' ',
                        other => other,
                    });
                    i = rest;
                }
                Some(c) => {
                    out.push(c);
                    i = chars.as_str();
                }
            }
        }
    }
}

fn number(i: &str) -> IResult<&str, Term> {
    let (rest, text) = recognize((
        opt(char('-')),
        digit1,
        opt(pair(
            char('#'),
            take_while1(|c: char| c.is_ascii_alphanumeric()),
        )),
        opt(pair(char('.'), digit1)),
        opt((
            alt((char('e'), char('E'))),
            opt(alt((char('+'), char('-')))),
            digit1,
        )),
    ))
    .parse(i)?;
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit));
    if let Some((base, digits)) = text.split_once('#') {
        let (neg, base) = base.strip_prefix('-').map_or((false, base), |b| (true, b));
        let radix: u32 = base.parse().map_err(|_| fail())?;
        if !(2..=36).contains(&radix) {
            return Err(fail());
        }
        let n = i128::from_str_radix(digits, radix).map_err(|_| fail())?;
        return Ok((rest, Term::Integer(if neg { -n } else { n })));
    }
    if text.contains('.') {
        return Ok((rest, Term::Float(text.parse().map_err(|_| fail())?)));
    }
    Ok((rest, Term::Integer(text.parse().map_err(|_| fail())?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLUG_APP: &str = r#"{application,plug,
             [{compile_env,[{plug,[mimes],error}]},
              {optional_applications,[plug_crypto]},
              {applications,[kernel,stdlib,elixir,logger,eex,mime,
                             plug_crypto,telemetry]},
              {description,"Compose web applications with functions"},
              {modules,['Elixir.Plug','Elixir.Plug.Builder',
                        'Elixir.Plug.Conn','Elixir.Inspect.Plug.Conn',plug_multipart]},
              {registered,[]},
              {vsn,"1.16.1"},
              {mod,{'Elixir.Plug.Application',[]}},
              {env,[{validate_header_keys_during_test,true}, {x, 1.5e3}, {y, 16#FF}]}]}.
"#;

    #[test]
    fn reads_modules_of_a_real_app_file() {
        assert_eq!(
            app_modules(PLUG_APP).unwrap(),
            [
                "Plug",
                "Plug.Builder",
                "Plug.Conn",
                "Inspect.Plug.Conn",
                "plug_multipart"
            ]
        );
    }

    #[test]
    fn parses_scalars_comments_and_escapes() {
        let terms =
            consult("% comment\n{a, 'b\\'c', \"s\\n\", -12, 2#101, 1.5, <<\"x\">>}.\n").unwrap();
        assert_eq!(
            terms,
            [Term::Tuple(vec![
                Term::Atom("a".into()),
                Term::Atom("b'c".into()),
                Term::String("s\n".into()),
                Term::Integer(-12),
                Term::Integer(5),
                Term::Float(1.5),
                Term::Binary(vec![Term::String("x".into())]),
            ])]
        );
    }

    #[test]
    fn rejects_garbage_and_deep_nesting_without_panicking() {
        assert!(consult("{a, ").is_err());
        assert!(consult("{a}").is_err(), "missing terminating dot");
        assert!(app_modules("{foo, bar}.").is_err());
        let deep = format!("{}{}.", "[".repeat(100_000), "]".repeat(100_000));
        assert!(consult(&deep).is_err());
    }
}
