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
use crate::modules::Module;
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
    use super::renamed_under;

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
