//! `missing-source-link`: neither `links` nor `source_url` points at the source repository.

use crate::diagnostic::{Diagnostic, Severity};
use crate::mixexs::value::{Value, ValueKind};
use crate::rules::metadata::invalid_link::hexpm_accepts_url;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "missing-source-link",
    group: Group::Metadata,
    severity: Severity::Warning,
    summary: "no link to the source repository in `links` (and no `source_url`)",
    doc: include_str!("../../../rules/missing-source-link.md"),
    check,
};

/// Hosts of code forges.
const FORGES: &[&str] = &[
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "codeberg.org",
    "git.sr.ht",
    "sr.ht",
    "gitea.com",
    "sourceforge.net",
    "framagit.org",
];

/// Link names that announce a repository whatever its host (self-hosted GitLab, Gitea …).
const SOURCE_WORDS: &[&str] = &["source", "repo", "git", "code"];

fn is_http_url(v: &Value) -> Option<&str> {
    v.as_str().filter(|s| hexpm_accepts_url(s))
}

fn is_source_link(name: &str, url: &str) -> bool {
    let host = url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase));
    let on_forge = host.is_some_and(|h| {
        FORGES.iter().any(|f| {
            h == *f
                || h.ends_with(&format!(".{f}"))
                || h.starts_with("gitlab.")
                || h.starts_with("git.")
        })
    });
    let name = name.to_ascii_lowercase();
    on_forge || SOURCE_WORDS.iter().any(|w| name.contains(w))
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let project = ctx.project;
    if let Some(source_url) = project.source_url.as_ref()
        && (source_url.is_unknown() || is_http_url(source_url).is_some())
    {
        return;
    }
    let Some(links) = project.package.as_ref().and_then(|p| p.get("links")) else {
        // No `links` at all is `missing-metadata-field`'s business.
        return;
    };
    let entries: Vec<(String, &Value)> = match &links.kind {
        ValueKind::Map(pairs) => pairs
            .iter()
            .map(|(k, v)| (k.as_str_or_atom().unwrap_or_default().to_string(), v))
            .collect(),
        ValueKind::List(_) => match links.as_keyword() {
            Some(kw) => kw.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            None => return,
        },
        _ => return,
    };
    if links.contains_unknown() {
        return;
    }
    if entries
        .iter()
        .any(|(name, v)| is_http_url(v).is_some_and(|url| is_source_link(name, url)))
    {
        return;
    }
    out.push(
        ctx.diag(
            &RULE,
            Some(links.span),
            "no link to the source repository: hex.pm and hexdocs show no \"source\" link for this package",
        )
        .help("add one, e.g. `links: %{\"GitHub\" => \"https://github.com/you/your_package\"}`, and set `source_url:` in `project/0` for ex_doc")
        .key_path("package.links"),
    );
}
