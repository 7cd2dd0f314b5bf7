//! Rules of the `namespace` group, one per file: where the package's modules live, what they
//! collide with, and how the package is named.

pub mod dependency_namespace_intrusion;
pub mod duplicate_module;
pub mod erlang_module_prefix;
pub mod module_collision;
pub mod module_outside_namespace;
pub mod package_name_prefix;
pub mod similar_package_name;
pub mod unparsable_source;

use crate::diagnostic::Diagnostic;
use crate::modules::{Module, ModuleMap};
use crate::rules::Rule;

/// A diagnostic at a module's name in its own source file.
pub(crate) fn at_module(rule: &Rule, module: &Module, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(
        rule.id,
        rule.severity,
        module.source.clone(),
        Some(module.span),
        message,
    )
}

/// Up to this many module names are quoted as examples in a grouped finding.
const EXAMPLES: usize = 3;

/// The representative of a group of modules (the shallowest, then by file and place) and a
/// phrase naming a few of them in that order: "`Acme.Charge`, `Acme.Refund`, …".
pub(crate) fn representative<'m>(group: &[&'m Module]) -> (&'m Module, String) {
    let mut sorted = group.to_vec();
    sorted.sort_by_key(|m| (m.name.matches('.').count(), m.file.as_str(), m.span.start));
    let mut names: Vec<String> = sorted
        .iter()
        .take(EXAMPLES)
        .map(|m| format!("`{}`", m.name))
        .collect();
    if group.len() > EXAMPLES {
        names.push("…".into());
    }
    (sorted[0], names.join(", "))
}

/// A name for `name` under the package's `prefix` that makes sense: `foreign` (the namespace it
/// sits in) is replaced when it is dropped (`strip`, or when it is the start of the prefix:
/// `Acme.Charge` → `AcmeClient.Charge`), merged when its segments spell the prefix
/// (`Plug.Auth.User` → `PlugAuth.User`), and never doubled (`Auth.Auth.Basic`). `None` when the
/// result would be a module the package already defines, or the prefix itself.
pub(crate) fn suggested_name(
    map: &ModuleMap,
    name: &str,
    foreign: &str,
    prefix: &str,
    strip: bool,
) -> Option<String> {
    let candidate = merged_into(name, prefix).unwrap_or_else(|| {
        let related = prefix
            .get(..foreign.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(foreign));
        let tail = if strip || related {
            name.strip_prefix(foreign)
                .map(|r| r.trim_start_matches('.'))
                .unwrap_or(name)
        } else {
            name
        };
        let last = prefix.rsplit('.').next().unwrap_or(prefix);
        let tail = match tail.split_once('.') {
            Some((head, rest)) if head.eq_ignore_ascii_case(last) => rest,
            None if tail.eq_ignore_ascii_case(last) => "",
            _ => tail,
        };
        if tail.is_empty() {
            prefix.to_string()
        } else {
            format!("{prefix}.{tail}")
        }
    });
    (candidate != prefix && !map.modules.iter().any(|m| m.name == candidate)).then_some(candidate)
}

/// The name a module would have under `prefix`: when its leading segments spell the prefix
/// (`Plug.Auth.User` for `PlugAuth`) they are merged (`PlugAuth.User`); otherwise the prefix is
/// put in front (`CacheKey` → `PlugCache.CacheKey`).
pub(crate) fn renamed_under(name: &str, prefix: &str) -> String {
    merged_into(name, prefix).unwrap_or_else(|| format!("{prefix}.{name}"))
}

/// `Plug.Auth.User` → `PlugAuth.User` when at least two leading segments spell `prefix`.
pub(crate) fn merged_into(name: &str, prefix: &str) -> Option<String> {
    let segments: Vec<&str> = name.split('.').collect();
    let mut joined = String::new();
    for (i, seg) in segments.iter().enumerate() {
        joined.push_str(seg);
        if joined.len() >= prefix.len() {
            if joined != prefix || i == 0 {
                return None;
            }
            let rest = &segments[i + 1..];
            return Some(if rest.is_empty() {
                prefix.to_string()
            } else {
                format!("{prefix}.{}", rest.join("."))
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{renamed_under, suggested_name};
    use crate::modules::ModuleMap;

    #[test]
    fn suggestions_make_sense() {
        let map = ModuleMap::default();
        let s = |name: &str, foreign: &str, prefix: &str, strip: bool| {
            suggested_name(&map, name, foreign, prefix, strip)
        };
        assert_eq!(
            s("Acme.Charge", "Acme", "AcmeClient", false).as_deref(),
            Some("AcmeClient.Charge")
        );
        assert_eq!(
            s("Utils.Retry", "Utils", "PlugCache", false).as_deref(),
            Some("PlugCache.Utils.Retry")
        );
        assert_eq!(
            s("Plug.Auth.User", "Plug", "PlugAuth", true).as_deref(),
            Some("PlugAuth.User")
        );
        assert_eq!(
            s("Plug.Auth.Basic", "Plug", "Auth", true).as_deref(),
            Some("Auth.Basic")
        );
        assert_eq!(
            s("Ecto.Adapters.Foo", "Ecto", "FooEcto", true).as_deref(),
            Some("FooEcto.Adapters.Foo")
        );
        assert_eq!(s("Plug.Auth", "Plug", "PlugAuth", true), None);
    }

    #[test]
    fn renames_merge_segments_that_spell_the_prefix() {
        assert_eq!(renamed_under("Plug.Auth.User", "PlugAuth"), "PlugAuth.User");
        assert_eq!(renamed_under("Plug.Auth", "PlugAuth"), "PlugAuth");
        assert_eq!(renamed_under("CacheKey", "PlugCache"), "PlugCache.CacheKey");
        assert_eq!(
            renamed_under("Plug.Authx", "PlugAuth"),
            "PlugAuth.Plug.Authx"
        );
        assert_eq!(renamed_under("Ex.Aws.S3.X", "ExAwsS3"), "ExAwsS3.X");
    }
}
