//! `invalid-link`: `package[:links]` values hex.pm refuses (not http/https, no host, not a
//! string), a `links` value that is not a map, and keyword-list links that crash Hex 2.5.1.

use crate::diagnostic::{Diagnostic, Severity};
use crate::mixexs::value::{Value, ValueKind};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "invalid-link",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "package link hex.pm rejects (needs an http/https URL with a host)",
    doc: include_str!("../../../rules/invalid-link.md"),
    check,
};

/// hex.pm's `valid_url?/1`: `URI.parse(url)` has scheme http/https and a non-nil host. Emulates
/// Elixir's RFC 3986 regex, including its quirks (`"http://"` has host `""` and passes,
/// `"http://:80"` has host nil and fails).
pub(crate) fn hexpm_accepts_url(url: &str) -> bool {
    let scheme_end = url.find(':').filter(|&i| {
        let s = &url[..i];
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    let Some(scheme_end) = scheme_end else {
        return false;
    };
    let scheme = url[..scheme_end].to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return false;
    }
    let Some(after) = url[scheme_end + 1..].strip_prefix("//") else {
        return false;
    };
    let authority = &after[..after.find(['/', '?', '#']).unwrap_or(after.len())];
    if authority.is_empty() {
        return true;
    }
    let host_port = authority
        .rfind('@')
        .map_or(authority, |i| &authority[i + 1..]);
    let bracketed = host_port.strip_prefix('[').and_then(|rest| {
        let end = rest.find(']')?;
        rest[..end]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '.')
            .then_some(end + 2)
    });
    let host_len = bracketed.unwrap_or_else(|| host_port.find(':').unwrap_or(host_port.len()));
    host_len > 0
}

/// Does a browser-grade URL parser find an http(s) URL with a non-empty host?
pub(crate) fn is_usable_url(url: &str) -> Result<(), String> {
    match url::Url::parse(url) {
        Ok(u) if u.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
        Ok(_) => Err("it has no host".to_string()),
        Err(e) => Err(e.to_string()),
    }
}

/// Link values `unreadable-metadata-value` already reports (they crash or cannot be read back).
fn reported_elsewhere(v: &Value) -> bool {
    matches!(
        v.kind,
        ValueKind::Float(_)
            | ValueKind::Tuple(_)
            | ValueKind::Function(_)
            | ValueKind::Regex { .. }
    )
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(package) = ctx.project.package.as_ref() else {
        return;
    };
    let Some(links) = package.get("links") else {
        return;
    };
    let entries: Vec<(String, &Value)> = match &links.kind {
        ValueKind::Unknown { .. } => return,
        ValueKind::Map(pairs) => pairs
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str_or_atom()
                        .map_or_else(|| k.inspect(), str::to_string),
                    v,
                )
            })
            .collect(),
        ValueKind::List(items) if items.is_empty() => return,
        ValueKind::List(_) if links.as_keyword().is_some() => {
            out.push(
                ctx.diag(
                    &RULE,
                    Some(links.span),
                    "`links` is a keyword list: Hex 2.5.1 crashes while printing it (Protocol.UndefinedError for Tuple)",
                )
                .severity(Severity::Warning)
                .help("write links as a map: `links: %{\"GitHub\" => \"https://github.com/…\"}`")
                .key_path("package.links"),
            );
            links
                .as_keyword()
                .unwrap_or_default()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect()
        }
        _ => {
            let what = if links.is_nil() {
                "nil (Hex sends the text \"nil\")".to_string()
            } else {
                format!("`{}`", links.inspect())
            };
            out.push(
                ctx.diag(
                    &RULE,
                    Some(links.span),
                    format!(
                        "`links` must be a map of names to URLs, not {what}; hex.pm: \"is invalid\""
                    ),
                )
                .help("write `links: %{\"GitHub\" => \"https://github.com/…\"}`")
                .key_path("package.links"),
            );
            return;
        }
    };
    for (name, value) in entries {
        let key_path = format!("package.links[{name:?}]");
        let text = match &value.kind {
            ValueKind::Unknown { .. } => continue,
            _ if reported_elsewhere(value) => continue,
            ValueKind::String(s) => s.clone(),
            // binarify turns atoms (and nil) into their text.
            ValueKind::Atom(a) => a.strip_prefix("Elixir.").unwrap_or(a).to_string(),
            ValueKind::Nil => "nil".to_string(),
            _ => {
                out.push(
                    ctx.diag(
                        &RULE,
                        Some(value.span),
                        format!(
                            "link {name:?} must be a URL string, not `{}`; hex.pm: \"is invalid\"",
                            value.inspect()
                        ),
                    )
                    .help("write the link as \"https://…\"")
                    .key_path(key_path),
                );
                continue;
            }
        };
        if !hexpm_accepts_url(&text) {
            out.push(
                ctx.diag(
                    &RULE,
                    Some(value.span),
                    format!("link {name:?} is not an http(s) URL with a host; hex.pm: invalid link {text:?}"),
                )
                .help("links must start with `https://` (or `http://`) followed by a host name")
                .key_path(key_path),
            );
        } else if let Err(why) = is_usable_url(&text) {
            out.push(
                ctx.diag(
                    &RULE,
                    Some(value.span),
                    format!("link {name:?} ({text:?}) passes hex.pm's check but is not a working URL: {why}"),
                )
                .severity(Severity::Warning)
                .help("check the URL for typos, spaces or a missing host")
                .key_path(key_path),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hexpm_url_check_matches_elixir_uri() {
        // Checked with Elixir: `u = URI.parse(s); u.scheme in ["http", "https"] and !!u.host`.
        for (url, ok) in [
            ("https://github.com/a/b", true),
            ("HTTPS://github.com", true),
            ("http://user@host:80/x", true),
            ("https://[::1]:4000", true),
            ("https://", true),
            ("https:///path", true),
            ("https://:443", false),
            ("https://user@", false),
            ("ftp://foo", false),
            ("github.com/a/b", false),
            ("mailto:me@example.com", false),
            ("https:github.com", false),
            (" https://github.com", false),
            ("", false),
        ] {
            assert_eq!(hexpm_accepts_url(url), ok, "{url:?}");
        }
    }
}
