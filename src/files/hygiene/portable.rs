//! Path portability: names Windows cannot create, names that collide on case-insensitive file
//! systems, and paths too long for a plain ustar header.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::borrow::Cow;

/// Longest path that fits the ustar `name` field; longer ones need the prefix field or a PAX
/// header, which older tar readers and some unpackers handle badly.
pub const USTAR_NAME_MAX: usize = 100;

/// Windows device names, reserved with any extension (`con.ex`, `aux.txt`).
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// One portability problem with a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathProblem {
    /// A component is a Windows device name (`aux`, `con.ex`).
    ReservedName(String),
    /// A component holds a character Windows refuses (`<>:"|?*\` or a control character).
    ForbiddenChar { component: String, ch: char },
    /// A component ends with a dot or a space, which Windows strips.
    TrailingDotOrSpace(String),
    /// The path is longer than [`USTAR_NAME_MAX`] bytes.
    TooLong(usize),
}

impl PathProblem {
    pub fn describe(&self) -> String {
        match self {
            PathProblem::ReservedName(c) => {
                format!("`{c}` is a reserved device name on Windows")
            }
            PathProblem::ForbiddenChar { component, ch } => {
                let shown = if ch.is_control() {
                    format!("control character U+{:04X}", *ch as u32)
                } else {
                    format!("`{ch}`")
                };
                format!("`{component}` contains {shown}, which Windows does not allow")
            }
            PathProblem::TrailingDotOrSpace(c) => {
                format!("`{c}` ends with a dot or space, which Windows strips")
            }
            PathProblem::TooLong(n) => {
                format!("the path is {n} bytes, over the {USTAR_NAME_MAX}-byte ustar name field")
            }
        }
    }
}

impl PathProblem {
    /// The kind of problem, for grouping findings by cause.
    pub fn kind(&self) -> ProblemKind {
        match self {
            PathProblem::ReservedName(_) => ProblemKind::ReservedName,
            PathProblem::ForbiddenChar { .. } => ProblemKind::ForbiddenChar,
            PathProblem::TrailingDotOrSpace(_) => ProblemKind::TrailingDotOrSpace,
            PathProblem::TooLong(_) => ProblemKind::TooLong,
        }
    }
}

/// [`PathProblem`] without its details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemKind {
    ReservedName,
    ForbiddenChar,
    TrailingDotOrSpace,
    TooLong,
}

/// A portability problem and where it lies: `at` is the path up to and including the offending
/// component (`priv/aux` for `priv/aux/a.json`: renaming it fixes every path below), or the whole
/// path for [`PathProblem::TooLong`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<'a> {
    pub at: &'a str,
    pub problem: PathProblem,
}

/// Every portability problem of one relative `/`-separated path.
pub fn path_problems(path: &str) -> Vec<PathProblem> {
    located_problems(path)
        .into_iter()
        .map(|l| l.problem)
        .collect()
}

/// [`path_problems`] with the place of each.
pub fn located_problems(path: &str) -> Vec<Located<'_>> {
    let mut out = Vec::new();
    let mut end = 0;
    for (i, component) in path.split('/').enumerate() {
        end += component.len() + usize::from(i > 0);
        if component.is_empty() || component == "." {
            continue;
        }
        let at = &path[..end];
        let mut push = |problem| out.push(Located { at, problem });
        let stem = component.split('.').next().unwrap_or(component);
        if WINDOWS_RESERVED.contains(&stem.trim_end().to_ascii_lowercase().as_str()) {
            push(PathProblem::ReservedName(component.to_string()));
        }
        if let Some(ch) = component
            .chars()
            .find(|c| matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*' | '\\') || c.is_control())
        {
            push(PathProblem::ForbiddenChar {
                component: component.to_string(),
                ch,
            });
        }
        if component != ".." && (component.ends_with('.') || component.ends_with(' ')) {
            push(PathProblem::TrailingDotOrSpace(component.to_string()));
        }
    }
    if path.len() > USTAR_NAME_MAX {
        out.push(Located {
            at: path,
            problem: PathProblem::TooLong(path.len()),
        });
    }
    out
}

/// Groups of paths that are equal when case is ignored (each group sorted, at least two paths;
/// the groups in the order of their lower-case form; a path given twice counts once). Such files
/// overwrite each other when the package is unpacked on macOS or Windows.
pub fn case_collisions<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<Vec<&'a str>> {
    // Hashed, not ordered: packaged paths share long prefixes (`priv/translations/…`), and
    // comparing them in a tree costs more than folding and hashing each once. With foldhash, not
    // std's SipHash: each file's parent directories come again with each file (timex: 2,451
    // paths), and SipHash made inserting them 1.5% of the whole check.
    let unique: HashSet<&str> = paths.into_iter().collect();
    let mut by_folded: HashMap<Cow<str>, Vec<&str>> = HashMap::with_capacity(unique.len());
    for p in unique {
        let folded = if !p.is_ascii() || p.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(p.to_lowercase())
        } else {
            Cow::Borrowed(p)
        };
        by_folded.entry(folded).or_default().push(p);
    }
    let mut groups: Vec<(Cow<str>, Vec<&str>)> = by_folded
        .into_iter()
        .filter(|(_, group)| group.len() > 1)
        .collect();
    groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    groups
        .into_iter()
        .map(|(_, mut group)| {
            group.sort_unstable();
            group
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_names_with_any_extension() {
        assert_eq!(
            path_problems("lib/aux.ex"),
            vec![PathProblem::ReservedName("aux.ex".into())]
        );
        assert_eq!(
            path_problems("priv/CON"),
            vec![PathProblem::ReservedName("CON".into())]
        );
        assert_eq!(
            path_problems("com1/a.txt"),
            vec![PathProblem::ReservedName("com1".into())]
        );
        assert!(path_problems("lib/auxiliary.ex").is_empty());
        assert!(path_problems("lib/console.ex").is_empty());
    }

    #[test]
    fn forbidden_characters_and_trailing() {
        assert_eq!(
            path_problems("priv/a:b.txt"),
            vec![PathProblem::ForbiddenChar {
                component: "a:b.txt".into(),
                ch: ':'
            }]
        );
        assert!(matches!(
            path_problems("priv/a\tb")[0],
            PathProblem::ForbiddenChar { ch: '\t', .. }
        ));
        assert_eq!(
            path_problems("priv/notes. "),
            vec![PathProblem::TrailingDotOrSpace("notes. ".into())]
        );
        assert!(path_problems("lib/app.ex").is_empty());
        assert!(path_problems(".formatter.exs").is_empty());
    }

    #[test]
    fn problems_are_located_at_their_component() {
        let got = located_problems("priv/aux/x:y.txt");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].at, "priv/aux");
        assert_eq!(got[0].problem.kind(), ProblemKind::ReservedName);
        assert_eq!(got[1].at, "priv/aux/x:y.txt");
        assert_eq!(got[1].problem.kind(), ProblemKind::ForbiddenChar);
        let long = format!("priv/{}", "a".repeat(96));
        assert_eq!(located_problems(&long)[0].at, long);
    }

    #[test]
    fn long_paths() {
        let long = format!("priv/{}", "a".repeat(96));
        assert_eq!(path_problems(&long), vec![PathProblem::TooLong(101)]);
        assert!(path_problems(&format!("priv/{}", "a".repeat(95))).is_empty());
    }

    #[test]
    fn collisions() {
        let got = case_collisions([
            "lib/Foo.ex",
            "lib/foo.ex",
            "lib/bar.ex",
            "README.md",
            "readme.md",
            "lib/foo.ex",
            "LIB",
            "lib",
            "Lib",
        ]);
        assert_eq!(
            got,
            vec![
                vec!["LIB", "Lib", "lib"],
                vec!["lib/Foo.ex", "lib/foo.ex"],
                vec!["README.md", "readme.md"]
            ]
        );
    }
}
