//! Build artifacts, tool state and editor leftovers that never belong in a Hex package.

/// Why a packaged path is junk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Junk {
    /// Inside a directory of build output or tool state (`_build/`, `deps/`, `.git/`, …).
    Directory(&'static str),
    /// A file that is junk by name (`erl_crash.dump`, `*.beam`, `foo.swp`, …).
    File(&'static str),
    /// An earlier `mix hex.build` output, `<name>-<version>.tar`, at the top level.
    PreviousBuild,
}

impl Junk {
    /// What it is, for the message ("the build directory _build/").
    pub fn describe(&self) -> String {
        match self {
            Junk::Directory(d) => format!("inside {d}/"),
            Junk::File(what) => (*what).to_string(),
            Junk::PreviousBuild => "an earlier `mix hex.build` tarball".to_string(),
        }
    }

    /// A key to group findings by ("_build", "*.beam", …).
    pub fn group(&self) -> &'static str {
        match self {
            Junk::Directory(d) => d,
            Junk::File(what) => what,
            Junk::PreviousBuild => "<name>-<version>.tar",
        }
    }
}

/// Directories that are junk wherever they appear (`assets/node_modules/…`).
const ANY_DEPTH_DIRS: &[&str] = &["_build", ".git", ".elixir_ls", ".lexical", "node_modules"];

/// Directories that are junk at the project top level only (`lib/app/deps/` may be real code).
const TOP_LEVEL_DIRS: &[&str] = &["deps", "cover", "doc"];

/// Is this packaged path junk? `path` is relative with `/` separators; `package_name` is the name
/// `mix hex.build` would use for its output tarball.
pub fn junk_kind(path: &str, package_name: Option<&str>) -> Option<Junk> {
    let components: Vec<&str> = path.split('/').filter(|c| !c.is_empty()).collect();
    let (base, dirs) = components.split_last()?;
    if let Some(first) = dirs.first()
        && let Some(d) = TOP_LEVEL_DIRS.iter().find(|d| *d == first)
    {
        return Some(Junk::Directory(d));
    }
    if let Some(d) = dirs
        .iter()
        .find_map(|c| ANY_DEPTH_DIRS.iter().find(|d| *d == c))
    {
        return Some(Junk::Directory(d));
    }
    let lower = base.to_ascii_lowercase();
    let file = match () {
        _ if lower.ends_with(".beam") => "*.beam (compiled BEAM file)",
        _ if lower.ends_with(".ez") => "*.ez (archive)",
        _ if lower == "erl_crash.dump" => "erl_crash.dump",
        _ if lower.ends_with(".swp") || lower.ends_with(".swo") => "*.swp (Vim swap file)",
        _ if base.ends_with('~') => "*~ (editor backup)",
        _ if base.starts_with(".#") => ".#* (Emacs lock file)",
        _ if base.len() > 1 && base.starts_with('#') && base.ends_with('#') => {
            "#*# (Emacs auto-save file)"
        }
        _ if lower == "thumbs.db" => "Thumbs.db",
        _ if lower.ends_with(".orig") => "*.orig (merge leftover)",
        _ if lower.ends_with(".rej") => "*.rej (patch reject)",
        _ => "",
    };
    if !file.is_empty() {
        return Some(Junk::File(file));
    }
    if dirs.is_empty()
        && let Some(name) = package_name
        && let Some(version) = base
            .strip_prefix(name)
            .and_then(|r| r.strip_prefix('-'))
            .and_then(|r| r.strip_suffix(".tar"))
        && version.starts_with(|c: char| c.is_ascii_digit())
    {
        return Some(Junk::PreviousBuild);
    }
    None
}

/// Dot-directories that packages ship on purpose: `.cargo/config.toml` configures the Rust build
/// of Rustler NIFs (`native/<crate>/.cargo/`).
const BUILD_DOT_DIRS: &[&str] = &[".cargo"];

/// The path of the first dot-directory a packaged path goes through (`.github` for
/// `.github/workflows/ci.yml`, `priv/.cache` for `priv/.cache/x`), if any. A dotfile at the end
/// of the path (`.formatter.exs`) is not a dot-directory, and neither are [`BUILD_DOT_DIRS`].
pub fn dot_directory(path: &str) -> Option<&str> {
    let mut end = 0;
    let mut parts = path.split('/').peekable();
    while let Some(part) = parts.next() {
        parts.peek()?;
        end += part.len();
        if part.starts_with('.') && part != "." && part != ".." && !BUILD_DOT_DIRS.contains(&part) {
            return Some(&path[..end]);
        }
        end += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_directories() {
        assert_eq!(
            junk_kind("_build/dev/lib/x.beam", None),
            Some(Junk::Directory("_build"))
        );
        assert_eq!(
            junk_kind("deps/jason/mix.exs", None),
            Some(Junk::Directory("deps"))
        );
        assert_eq!(junk_kind("lib/app/deps/x.ex", None), None);
        assert_eq!(
            junk_kind("assets/node_modules/a/index.js", None),
            Some(Junk::Directory("node_modules"))
        );
        assert_eq!(junk_kind(".git/HEAD", None), Some(Junk::Directory(".git")));
        assert_eq!(
            junk_kind("doc/index.html", None),
            Some(Junk::Directory("doc"))
        );
        assert_eq!(junk_kind("priv/doc/a.md", None), None);
    }

    #[test]
    fn junk_files() {
        assert!(matches!(
            junk_kind("priv/a.beam", None),
            Some(Junk::File(_))
        ));
        assert!(matches!(
            junk_kind("lib/.a.ex.swp", None),
            Some(Junk::File(_))
        ));
        assert!(matches!(junk_kind("lib/a.ex~", None), Some(Junk::File(_))));
        assert!(matches!(junk_kind("lib/.#a.ex", None), Some(Junk::File(_))));
        assert!(matches!(junk_kind("lib/#a.ex#", None), Some(Junk::File(_))));
        assert!(matches!(
            junk_kind("erl_crash.dump", None),
            Some(Junk::File(_))
        ));
        assert!(matches!(
            junk_kind("lib/x.ex.orig", None),
            Some(Junk::File(_))
        ));
        assert_eq!(junk_kind("lib/app.ex", None), None);
        assert_eq!(junk_kind("lib/#", None), None);
    }

    #[test]
    fn previous_build_tarball() {
        assert_eq!(
            junk_kind("my_app-1.2.0.tar", Some("my_app")),
            Some(Junk::PreviousBuild)
        );
        assert_eq!(junk_kind("priv/my_app-1.2.0.tar", Some("my_app")), None);
        assert_eq!(junk_kind("my_app-data.tar", Some("my_app")), None);
    }

    #[test]
    fn dot_directories() {
        assert_eq!(dot_directory(".github/workflows/ci.yml"), Some(".github"));
        assert_eq!(dot_directory("priv/.cache/x"), Some("priv/.cache"));
        assert_eq!(dot_directory("./a/.b/c"), Some("./a/.b"));
        assert_eq!(dot_directory(".formatter.exs"), None);
        assert_eq!(dot_directory("native/nif/.cargo/config.toml"), None);
        assert_eq!(dot_directory("lib/app.ex"), None);
    }
}
