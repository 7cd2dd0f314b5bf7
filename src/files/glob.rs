//! Elixir `Path.wildcard/1` (= erlang `filelib:wildcard/1`) semantics.

/// Is the pattern absolute (`/x`, `\x`, `C:/x`)?
pub fn is_absolute(pattern: &str) -> bool {
    pattern.starts_with('/') || pattern.starts_with('\\')
}
