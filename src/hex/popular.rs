//! Widely used Hex packages (`data/popular-hex-packages.txt`): for typosquatting checks and to
//! know which module namespaces another package already owns.

use std::borrow::Cow;
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
    // Sorted by folded namespace, for a binary search (cheaper to build than a hash map).
    static BY_NAMESPACE: OnceLock<Vec<(Cow<'static, str>, &'static str)>> = OnceLock::new();
    let table = BY_NAMESPACE.get_or_init(|| {
        let mut table: Vec<_> = names().map(|n| (folded_namespace(n), n)).collect();
        table.sort_unstable();
        table
    });
    let wanted = namespace.to_ascii_lowercase();
    table
        .binary_search_by(|(folded, _)| folded.as_ref().cmp(wanted.as_str()))
        .ok()
        .map(|i| table[i].1)
}

/// A package name's camelized namespace in lower case: the name without its underscores
/// (`ex_doc` → `ExDoc` → `exdoc`); borrowed when there is none to remove.
fn folded_namespace(name: &'static str) -> Cow<'static, str> {
    if name.contains('_') {
        Cow::Owned(name.replace('_', ""))
    } else {
        Cow::Borrowed(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::modules::camelize;

    #[test]
    fn owners_of_namespaces() {
        assert_eq!(namespace_owner("Plug"), Some("plug"));
        assert_eq!(namespace_owner("Ecto"), Some("ecto"));
        assert_eq!(namespace_owner("NoSuchThingHere"), None);
        assert!(names().all(|n| !n.starts_with('#')));
        for n in names() {
            assert_eq!(folded_namespace(n), camelize(n).to_ascii_lowercase(), "{n}");
        }
    }
}
