//! Calls whose answer depends on the Elixir and Erlang/OTP running Mix: known when the version
//! is (detected from the installation, or given with `--elixir`), unknown otherwise.
//!
//! `System.version/0`, `System.otp_release/0`, `Version.match?/2,3` and `Version.compare/2` on
//! known strings, `Code.ensure_loaded?/1` of a module of Elixir or Erlang/OTP (from the stdlib
//! tables, per Elixir release), and `Mix.compilers/0`.

use super::EvalOptions;
use crate::hex::version::{Requirement, Version};
use crate::mixexs::value::{Value, ValueKind};
use crate::source::Span;

/// Does the answer of `module.fun` depend on the Elixir or OTP release running Mix?
pub(super) fn asks_version(module: &str, fun: &str) -> bool {
    matches!(
        (module, fun),
        ("System", "version" | "otp_release" | "build_info")
            | (
                "Code",
                "ensure_loaded?" | "ensure_compiled" | "ensure_loaded"
            )
            | ("Mix", "compilers")
    )
}

/// The value of a versioned call, `Some(Err(reason))` when it cannot be known, `None` when the
/// call is not one of these.
pub(super) fn call(
    opts: &EvalOptions,
    module: &str,
    fun: &str,
    args: &[Value],
    span: Span,
) -> Option<Result<Value, String>> {
    let new = |kind| Value::new(kind, span);
    let elixir = || {
        opts.elixir_version
            .as_deref()
            .ok_or_else(|| "depends on the Elixir version running Mix".to_string())
    };
    Some(match (module, fun, args) {
        ("System", "version", []) => elixir().map(|v| new(ValueKind::String(v.to_string()))),
        ("System", "otp_release", []) => opts
            .otp_release
            .as_deref()
            .map(|r| new(ValueKind::String(r.to_string())))
            .ok_or_else(|| "depends on the Erlang/OTP version running Mix".to_string()),
        ("Version", "match?", [v, req, rest @ ..]) if rest.len() <= 1 => {
            let (Some(v), Some(req)) = (v.as_str(), req.as_str()) else {
                return None;
            };
            // `allow_pre: true` is Version.match?'s default.
            let allow_pre = rest
                .first()
                .and_then(|o| o.get("allow_pre"))
                .map(|a| a.truthy())
                .unwrap_or(Some(true));
            match (Version::parse(v), Requirement::parse(req), allow_pre) {
                (Ok(v), Ok(req), Some(pre)) => Ok(new(ValueKind::Bool(req.matches(&v, pre)))),
                (Err(_), _, _) => Err(format!("would raise: {v:?} is not a valid version")),
                (_, Err(_), _) => Err(format!("would raise: {req:?} is not a valid requirement")),
                (_, _, None) => return None,
            }
        }
        ("Version", "compare", [a, b]) => {
            let (Some(a), Some(b)) = (a.as_str(), b.as_str()) else {
                return None;
            };
            match (Version::parse(a), Version::parse(b)) {
                (Ok(a), Ok(b)) => Ok(new(ValueKind::Atom(
                    match a.cmp(&b) {
                        std::cmp::Ordering::Less => "lt",
                        std::cmp::Ordering::Equal => "eq",
                        std::cmp::Ordering::Greater => "gt",
                    }
                    .to_string(),
                ))),
                _ => Err("would raise: not a valid version".to_string()),
            }
        }
        ("Code", "ensure_loaded?", [m]) => {
            let name = m.as_atom()?;
            let module = name.strip_prefix("Elixir.").unwrap_or(name);
            if crate::modules::stdlib::owner(module).is_none() {
                return Some(Err(
                    "depends on which modules are loaded when Mix runs".to_string()
                ));
            }
            let v = match opts.elixir_version.as_deref().map(Version::parse) {
                Some(Ok(v)) => v,
                _ => {
                    return Some(Err(
                        "depends on which modules are loaded when Mix runs".to_string()
                    ));
                }
            };
            match crate::modules::stdlib::since(module) {
                Some((major, minor)) => {
                    Ok(new(ValueKind::Bool((v.major, v.minor) >= (major, minor))))
                }
                // The generated list is Elixir 1.14 / OTP 25's: older releases may lack it.
                None if (v.major, v.minor) >= (1, 14) => Ok(new(ValueKind::Bool(true))),
                None => Err(format!(
                    "depends on whether Elixir {}.{} already had {module}",
                    v.major, v.minor
                )),
            }
        }
        ("Mix", "compilers", []) => opts
            .elixir_version
            .as_deref()
            .and_then(|v| Version::parse(v).ok())
            .ok_or_else(|| "depends on the Mix version running".to_string())
            .map(|v| {
                // Elixir 1.16 dropped `:yecc` and `:leex` from the defaults.
                let names: &[&str] = if (v.major, v.minor) >= (1, 16) {
                    &["erlang", "elixir", "app"]
                } else {
                    &["yecc", "leex", "erlang", "elixir", "app"]
                };
                new(ValueKind::List(
                    names
                        .iter()
                        .map(|n| new(ValueKind::Atom(n.to_string())))
                        .collect(),
                ))
            }),
        _ => return None,
    })
}
