//! `insecure-link`: an `http://` link (in `package[:links]`, `source_url` or `homepage_url`) to
//! a host that serves the same page over `https://`.

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::mixexs::value::{Value, ValueKind};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "insecure-link",
    group: Group::Metadata,
    severity: Severity::Info,
    summary: "an `http://` link to a host that serves it over `https://` (GitHub, hexdocs.pm …)",
    doc: include_str!("../../../rules/insecure-link.md"),
    check,
};

/// Hosts known to answer every `http://` URL with a redirect to the same `https://` URL. Only
/// these get a finding: for other hosts hexlint cannot know whether https works.
pub const HTTPS_HOSTS: &[&str] = &[
    "github.com",
    "www.github.com",
    "gitlab.com",
    "bitbucket.org",
    "codeberg.org",
    "sr.ht",
    "git.sr.ht",
    "hex.pm",
    "hexdocs.pm",
    "elixir-lang.org",
    "www.elixir-lang.org",
    "elixirforum.com",
    "erlang.org",
    "www.erlang.org",
    "opensource.org",
    "spdx.org",
    "www.apache.org",
    "www.gnu.org",
    "gnu.org",
];

/// The host of an `http://` URL when it is one of [`HTTPS_HOSTS`].
pub fn https_host(url: &str) -> Option<&'static str> {
    let rest = url.strip_prefix("http://")?;
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    HTTPS_HOSTS.iter().copied().find(|h| *h == host)
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let mut links: Vec<(String, &Value)> = Vec::new();
    if let Some(ValueKind::Map(pairs)) = ctx
        .project
        .package
        .as_ref()
        .and_then(|p| p.get("links"))
        .map(|v| &v.kind)
    {
        for (k, v) in pairs {
            let name = k
                .as_str_or_atom()
                .map_or_else(|| k.inspect(), str::to_string);
            links.push((format!("package.links[{name:?}]"), v));
        }
    }
    for key in ["source_url", "homepage_url"] {
        if let Some(v) = ctx.project.config.get(key) {
            links.push((key.to_string(), v));
        }
    }
    for (key_path, value) in links {
        let Some(url) = value.as_str() else { continue };
        let Some(host) = https_host(url) else {
            continue;
        };
        let mut diag = ctx
            .diag(
                &RULE,
                Some(value.span),
                format!("`{url}` is an http:// link; {host} serves it over https://"),
            )
            .help("write the link with https://")
            .key_path(key_path);
        // Fixed where the string is written (an attribute's literal too), when it is written as
        // a plain literal starting with the URL.
        let span = value.span;
        if ctx.project.source.slice(span).starts_with("\"http://") {
            diag = diag
                .fix(
                    "use https://",
                    crate::source::Span::new(span.start + 1, span.start + 8),
                    "https://",
                )
                .fix_applicability(Applicability::Unsafe);
        }
        out.push(diag);
    }
}

#[cfg(test)]
mod tests {
    use super::https_host;

    #[test]
    fn only_known_hosts() {
        assert_eq!(https_host("http://github.com/a/b"), Some("github.com"));
        assert_eq!(https_host("http://GitHub.com"), Some("github.com"));
        assert_eq!(https_host("https://github.com/a/b"), None);
        assert_eq!(https_host("http://example.com/a"), None);
        assert_eq!(https_host("http://github.com.evil.example/"), None);
    }
}
