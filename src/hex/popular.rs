//! Widely used Hex packages (`data/popular-hex-packages.txt`): for typosquatting checks and to
//! know which module namespaces another package already owns.

use crate::modules::camelize;
use std::collections::HashMap;
use std::sync::OnceLock;

const POPULAR: &str = include_str!("../../data/popular-hex-packages.txt");

/// The popular package names, without comments.
pub fn names() -> impl Iterator<Item = &'static str> {
    POPULAR
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The popular package whose camelized name is `namespace` (`Plug` → `plug`), ignoring case
/// (`Jose` and `JOSE` are the same owner).
pub fn namespace_owner(namespace: &str) -> Option<&'static str> {
    static BY_NAMESPACE: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    BY_NAMESPACE
        .get_or_init(|| {
            names()
                .map(|n| (camelize(n).to_ascii_lowercase(), n))
                .collect()
        })
        .get(&namespace.to_ascii_lowercase())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_of_namespaces() {
        assert_eq!(namespace_owner("Plug"), Some("plug"));
        assert_eq!(namespace_owner("Ecto"), Some("ecto"));
        assert_eq!(namespace_owner("NoSuchThingHere"), None);
        assert!(names().all(|n| !n.starts_with('#')));
    }
}
