//! Hex's expansion of `:files` and `:exclude_patterns` (hex `hex.build.ex` `package/2`):
//!
//! ```elixir
//! files = package[:files] || Hex.Package.default_files()
//! files |> Enum.map(&Path.join(cwd, &1)) |> Enum.flat_map(&Path.wildcard/1)
//!       |> Enum.flat_map(&dir_files/1)       # File.lstat + File.ls!, dotfiles included
//!       |> Enum.map(&Path.expand/1) |> Enum.uniq() |> Enum.map(&Path.relative_to(&1, cwd))
//!       |> Enum.reject(&(Path.basename(&1) == ".DS_Store" or Enum.any?(excludes, fn p -> &1 =~ p end)))
//! ```

use super::glob::{self, GlobError};
use super::{
    DEFAULT_FILES, Entry, EntryKind, ExcludeKind, ExcludePattern, Excluded, ExcludedBy, FileSet,
    OtherKind, Pattern, PatternSource, Problem, RESERVED_FILE, Unknown,
};
use crate::config::Config;
use crate::mixexs::value::{Value, ValueKind};
use crate::portable::ChildKind;
use crate::project::Project;
use crate::source::Span;
use foldhash::{HashMap, HashSet, HashSetExt};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// Most entries the directory walk collects before stopping (a real package has hundreds).
pub const MAX_ENTRIES: usize = 500_000;

/// The `:files` and `:exclude_patterns` values, read from the project without I/O.
#[derive(Debug, Clone)]
pub struct Spec {
    pub patterns: Vec<(String, PatternSource)>,
    pub explicit: bool,
    pub excludes: Vec<ExcludePattern>,
    pub files_key_span: Option<Span>,
    pub package_span: Option<Span>,
}

/// Read `:files` / `:exclude_patterns` from the project, or say why they are not known.
pub fn spec_for(project: &Project) -> Result<Spec, Unknown> {
    if project.config.is_unknown() {
        return Err(Unknown {
            reason: format!(
                "project/0 could not be evaluated ({})",
                project.config.unknown_reason().unwrap_or("unknown")
            ),
            span: None,
        });
    }
    let (package_entries, package_span) = match &project.package {
        None => (Vec::new(), None),
        Some(p) => {
            if let Some(u) = p
                .value
                .first_unknown()
                .filter(|_| p.value.entries().is_none())
            {
                return Err(Unknown {
                    reason: format!(
                        ":package is not statically known ({})",
                        u.unknown_reason().unwrap_or("unknown")
                    ),
                    span: Some(u.span),
                });
            }
            if p.value.entries().is_none() && !p.value.is_nil() {
                return Err(Unknown {
                    reason: ":package is not a keyword list or map".into(),
                    span: Some(p.value.span),
                });
            }
            (p.entries.clone(), Some(p.value.span))
        }
    };
    let get = |k: &str| {
        package_entries
            .iter()
            .find(|(key, _, _)| key == k)
            .map(|(_, s, v)| (*s, v))
    };
    let files = get("files");
    let files_key_span = files.map(|(s, _)| s);
    let (patterns, explicit) = match files.map(|(_, v)| v) {
        None => (defaults(), false),
        Some(v) if v.truthy() == Some(false) => (defaults(), false),
        Some(v) => (string_list(v, ":files")?, true),
    };
    let excludes = match get("exclude_patterns").map(|(_, v)| v) {
        None => Vec::new(),
        Some(v) if v.truthy() == Some(false) => Vec::new(),
        Some(v) => exclude_list(v)?,
    };
    Ok(Spec {
        patterns,
        explicit,
        excludes,
        files_key_span,
        package_span,
    })
}

fn defaults() -> Vec<(String, PatternSource)> {
    DEFAULT_FILES
        .iter()
        .map(|p| (p.to_string(), PatternSource::Default))
        .collect()
}

fn unknown_in(v: &Value, what: &str) -> Unknown {
    let u = v.first_unknown().unwrap_or(v);
    Unknown {
        reason: format!(
            "{what} is not statically known ({})",
            u.unknown_reason().unwrap_or("unknown")
        ),
        span: Some(u.span),
    }
}

fn string_list(v: &Value, what: &str) -> Result<Vec<(String, PatternSource)>, Unknown> {
    if v.contains_unknown() {
        return Err(unknown_in(v, what));
    }
    let Some(items) = v.as_list() else {
        return Err(Unknown {
            reason: format!("{what} is not a list: {}", v.inspect()),
            span: Some(v.span),
        });
    };
    items
        .iter()
        .map(|item| match &item.kind {
            ValueKind::String(s) | ValueKind::Charlist(s) => {
                Ok((s.clone(), PatternSource::Explicit(item.span)))
            }
            _ => Err(Unknown {
                reason: format!(
                    "{what} element {} is not a string (Hex would crash)",
                    item.inspect()
                ),
                span: Some(item.span),
            }),
        })
        .collect()
}

fn exclude_list(v: &Value) -> Result<Vec<ExcludePattern>, Unknown> {
    if v.contains_unknown() {
        return Err(unknown_in(v, ":exclude_patterns"));
    }
    let Some(items) = v.as_list() else {
        return Err(Unknown {
            reason: format!(":exclude_patterns is not a list: {}", v.inspect()),
            span: Some(v.span),
        });
    };
    items
        .iter()
        .map(|item| match &item.kind {
            ValueKind::String(s) => Ok(ExcludePattern {
                kind: ExcludeKind::Substring(s.clone()),
                span: item.span,
            }),
            ValueKind::Regex { source, opts } => match translate_regex(source, opts) {
                Ok(regex) => Ok(ExcludePattern {
                    kind: ExcludeKind::Regex {
                        source: source.clone(),
                        opts: opts.clone(),
                        regex,
                    },
                    span: item.span,
                }),
                Err(e) => Err(Unknown {
                    reason: format!(
                        "exclude pattern {} cannot be evaluated by hexlint: {e}",
                        item.inspect()
                    ),
                    span: Some(item.span),
                }),
            },
            _ => Err(Unknown {
                reason: format!(
                    ":exclude_patterns element {} is neither a string nor a regex (Hex would crash)",
                    item.inspect()
                ),
                span: Some(item.span),
            }),
        })
        .collect()
}

/// Translate an Elixir (PCRE) regex to the `regex` crate. Fails on what the crate cannot do
/// (backreferences, lookaround, unknown options) instead of guessing.
pub fn translate_regex(source: &str, opts: &str) -> Result<regex::Regex, String> {
    let mut flags = String::new();
    for o in opts.chars() {
        match o {
            'i' => flags.push('i'),
            'm' => flags.push('m'),
            's' => flags.push('s'),
            'x' => flags.push('x'),
            'U' => flags.push('U'),
            // Unicode mode changes nothing for the regex crate, which is Unicode-aware already.
            'u' => {}
            other => return Err(format!("unsupported regex option `{other}`")),
        }
    }
    // PCRE's `\Z` (end, or before a final newline) is `$` without multiline; paths have no
    // newlines, so `\z` is the same there. `\A` is supported as is.
    let source = source.replace("\\Z", "\\z");
    let text = if flags.is_empty() {
        source
    } else {
        format!("(?{flags}){source}")
    };
    regex::Regex::new(&text).map_err(|e| match e {
        regex::Error::Syntax(s) => s
            .lines()
            .last()
            .unwrap_or("syntax error")
            .trim()
            .to_string(),
        other => other.to_string(),
    })
}

/// Expand the project's file set.
pub fn expand_project(project: &Project, _config: &Config) -> FileSet {
    let root = crate::portable::canonicalize(&project.root).unwrap_or_else(|_| {
        std::path::absolute(&project.root).unwrap_or_else(|_| project.root.clone())
    });
    match spec_for(project) {
        Ok(spec) => {
            let mut set = expand(&root, &spec);
            set.metadata_size_estimate = metadata_size_estimate(project, &set);
            set
        }
        Err(unknown) => FileSet {
            root,
            unknown: Some(unknown),
            ..FileSet::default()
        },
    }
}

/// Expand a spec under an absolute root, exactly as Hex does.
pub fn expand(root: &Path, spec: &Spec) -> FileSet {
    let root_text = crate::portable::slash_text(root);
    let mut set = FileSet {
        root: root.to_path_buf(),
        explicit: spec.explicit,
        files_key_span: spec.files_key_span,
        package_span: spec.package_span,
        exclude_patterns: spec.excludes.clone(),
        root_has_glob_chars: glob::has_glob_chars(&root_text),
        ..FileSet::default()
    };
    let mut seen: HashSet<String> = HashSet::new();
    // Each path with the pattern that brought it in and, for a directory the walk listed,
    // whether it had no children.
    let mut found: Vec<(String, usize, Option<bool>)> = Vec::new();
    for (index, (text, source)) in spec.patterns.iter().enumerate() {
        let joined = path_join(&root_text, text);
        // A pattern that climbs out of the project (`../..`) makes Hex package paths outside it,
        // which hex_core then refuses. Its matches are listed (with a small budget) but never
        // walked: one finding per pattern says it all, and the host's disk stays unvisited.
        let escapes = climbs_above_root(text);
        let budget = if escapes {
            glob::MAX_VISITED_OUTSIDE
        } else {
            glob::MAX_VISITED
        };
        let top = match glob::wildcard_bounded(&joined, root, budget) {
            Ok(r) => r,
            Err(e) => {
                set.unknown = Some(bad_pattern(text, *source, e));
                return set;
            }
        };
        for path in &top.symlink_loops {
            set.problems.push(Problem::SymlinkLoop {
                pattern: index,
                path: relative_to(&expand_path(path), &root_text),
            });
        }
        for path in &top.non_utf8 {
            set.problems.push(Problem::NonUtf8Name {
                pattern: index,
                path: path.clone(),
            });
        }
        if top.truncated {
            set.problems.push(Problem::WalkLimit {
                pattern: index,
                limit: "glob::MAX_VISITED",
            });
        }
        // Hex's missing-files/reserved-file checks glob the raw pattern. One that reaches outside
        // the project (`/**`, `../..`) is only asked whether it matches anything, with a small
        // walk budget; a walk cut short never counts as "matches nothing".
        let outside = glob::is_absolute(text) || text.split('/').any(|seg| seg == "..");
        let budget = if outside {
            glob::MAX_VISITED_OUTSIDE
        } else {
            glob::MAX_VISITED
        };
        // A relative pattern under a plain root walks the same tree as the joined one: reuse it.
        let same_walk = !outside && !set.root_has_glob_chars && !root_text.contains('\\');
        let raw = if same_walk {
            let root_file = format!("{}/{RESERVED_FILE}", root_text.trim_end_matches('/'));
            glob::GlobReport {
                matches: top
                    .matches
                    .iter()
                    .filter(|m| **m == root_file)
                    .map(|_| RESERVED_FILE.to_string())
                    .chain(top.matches.first().cloned())
                    .collect(),
                truncated: top.truncated,
                ..glob::GlobReport::default()
            }
        } else {
            glob::wildcard_bounded(text, root, budget).unwrap_or_default()
        };
        if raw.truncated && !top.truncated {
            set.problems.push(Problem::WalkLimit {
                pattern: index,
                limit: "glob::MAX_VISITED",
            });
        }
        let matches: Vec<String> = top
            .matches
            .iter()
            .map(|m| relative_to(&expand_path(m), &root_text))
            .collect();
        if glob::is_absolute(text) {
            set.problems
                .push(Problem::AbsolutePattern { pattern: index });
        }
        set.patterns.push(Pattern {
            text: text.clone(),
            source: *source,
            matches,
            raw_matches_nothing: raw.matches.is_empty() && !raw.truncated,
            raw_matches_reserved: raw.matches.iter().any(|m| m == RESERVED_FILE),
        });
        // Hex walks every match, so `lib/**` walks each directory once per ancestor (quadratic
        // in depth); a match inside a directory already walked adds no new path, so it is
        // skipped. Matches are sorted, so such a directory is among the last few walked.
        let mut walked_dirs: Vec<&str> = Vec::new();
        for m in &top.matches {
            let inside_walked = walked_dirs
                .iter()
                .rev()
                .take(8)
                .any(|d| m.strip_prefix(d).is_some_and(|rest| rest.starts_with('/')));
            if inside_walked && !escapes {
                continue;
            }
            let mut walked = Vec::new();
            if escapes {
                walked.push((m.clone(), None));
            } else if !dir_files(
                Path::new(m),
                m,
                None,
                &mut walked,
                &mut set.problems,
                index,
                0,
            ) {
                set.problems.push(Problem::WalkLimit {
                    pattern: index,
                    limit: "expand::MAX_ENTRIES",
                });
            } else if walked.len() > 1 && !m.split('/').any(|s| s == "..") {
                walked_dirs.push(m);
            }
            for (p, empty) in walked {
                let rel = relative_to(&expand_path(&p), &root_text);
                if seen.insert(rel.clone()) {
                    found.push((rel, index, empty));
                    if found.len() >= MAX_ENTRIES {
                        break;
                    }
                }
            }
        }
    }
    let mut symlinked_dirs = SymlinkedDirs::default();
    for (path, pattern, empty) in found {
        let entry = make_entry(root, &path, pattern, empty, &mut symlinked_dirs);
        if entry.outside_root && crate::portable::is_absolute_text(&entry.path) {
            set.problems.push(Problem::OutsideRoot {
                pattern,
                path: entry.path.clone(),
            });
        }
        if entry.file_name() == ".DS_Store" {
            set.excluded.push(Excluded {
                entry,
                reason: ExcludedBy::DsStore,
            });
        } else if let Some(i) = set.exclude_patterns.iter().position(|x| x.matches(&path)) {
            set.excluded.push(Excluded {
                entry,
                reason: ExcludedBy::Pattern(i),
            });
        } else if crate::portable::is_absolute_text(&entry.path) {
            set.outside.push(entry);
        } else {
            if entry.is_symlink()
                && let Err(e) = std::fs::metadata(root.join(&entry.path))
            {
                set.problems.push(Problem::DanglingSymlink {
                    pattern,
                    path: entry.path.clone(),
                    error: e.to_string(),
                });
            }
            set.entries.push(entry);
        }
    }
    // Paths from the directory walk are absolute like the matches: show them relative.
    for problem in &mut set.problems {
        if let Problem::NonUtf8Name { path, .. } | Problem::UnreadableDirectory { path, .. } =
            problem
        {
            *path = relative_to(&expand_path(path), &root_text);
        }
    }
    // A name can be met both by the glob and by the directory walk, and again through a
    // symlinked directory (a loop repeats it): say it once per file on disk.
    let mut seen_problems = HashSet::new();
    let mut seen_files = HashSet::new();
    set.problems.retain(|p| {
        let on_disk = match p {
            Problem::NonUtf8Name { path, .. } | Problem::DanglingSymlink { path, .. } => {
                let (parent, name) = path.rsplit_once('/').unwrap_or((".", path));
                let dir = root
                    .join(parent)
                    .canonicalize()
                    .unwrap_or_else(|_| root.join(parent));
                Some(dir.join(name))
            }
            _ => None,
        };
        seen_problems.insert(p.clone()) && on_disk.is_none_or(|f| seen_files.insert(f))
    });
    set
}

fn bad_pattern(text: &str, source: PatternSource, e: GlobError) -> Unknown {
    Unknown {
        reason: format!("pattern {text:?} cannot be expanded: {e}"),
        span: match source {
            PatternSource::Explicit(s) => Some(s),
            PatternSource::Default => None,
        },
    }
}

/// Does the pattern climb above the directory it is joined to (`../x`, `lib/../../x`)? Wildcard
/// segments count as one directory level.
fn climbs_above_root(pattern: &str) -> bool {
    let mut depth: i64 = 0;
    for seg in pattern.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            _ => depth += 1,
        }
    }
    false
}

/// `dir_files/1`: the path, then (for a real directory, not a symlink) everything below it in
/// `File.ls!` order, dotfiles included, each directory listed with whether it had no children
/// (`None` for the rest). Returns false when [`MAX_ENTRIES`] was hit. `is_dir`:
/// whether `disk` is a real directory, when the caller's listing already says so (the type in
/// a directory entry costs no `lstat`).
fn dir_files(
    disk: &Path,
    text: &str,
    is_dir: Option<bool>,
    out: &mut Vec<(String, Option<bool>)>,
    problems: &mut Vec<Problem>,
    pattern: usize,
    depth: usize,
) -> bool {
    let at = out.len();
    out.push((text.to_string(), None));
    if out.len() >= MAX_ENTRIES || depth > 4096 {
        return false;
    }
    let is_dir =
        is_dir.unwrap_or_else(|| std::fs::symlink_metadata(disk).is_ok_and(|m| m.is_dir()));
    if !is_dir {
        return true;
    }
    let mut complete = true;
    let mut children = false;
    let listed = crate::portable::for_each_child(disk, |name, kind| {
        children = true;
        let Some(name) = name.to_str() else {
            problems.push(Problem::NonUtf8Name {
                pattern,
                path: format!("{text}/{}", name.to_string_lossy()),
            });
            return ControlFlow::Continue(());
        };
        let mut child = String::with_capacity(text.len() + 1 + name.len());
        child.push_str(text);
        child.push('/');
        child.push_str(name);
        let is_dir = kind.map(|k| k == ChildKind::Dir);
        complete = dir_files(
            &crate::portable::join(disk, name),
            &child,
            is_dir,
            out,
            problems,
            pattern,
            depth + 1,
        );
        if complete {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    });
    match listed {
        Ok(()) => out[at].1 = Some(!children),
        Err(e) => problems.push(Problem::UnreadableDirectory {
            pattern,
            path: text.to_string(),
            error: e.to_string(),
        }),
    }
    complete
}

/// Elixir's `Path.join/2` for a root and a pattern: a leading `/` of the pattern is dropped
/// (so absolute patterns land under the root) and a trailing `/` removed.
pub fn path_join(root: &str, pattern: &str) -> String {
    let rel = pattern.trim_start_matches('/');
    let rel = rel.strip_suffix('/').unwrap_or(rel);
    if rel.is_empty() {
        root.to_string()
    } else if root.ends_with('/') {
        format!("{root}{rel}")
    } else {
        format!("{root}/{rel}")
    }
}

/// Elixir's `Path.expand/1` on an absolute path: `.`, `..` and `//` resolved lexically. A
/// Windows drive (`c:/…`) stays the root, as `/` does.
pub fn expand_path(path: &str) -> String {
    let drive = crate::portable::drive_prefix(path);
    let (root, path) = path.split_at(drive.map_or(0, str::len));
    // Most paths (every one a directory walk makes) are already in that form.
    let expanded = path.len() > 1
        && !path.ends_with('/')
        && path
            .strip_prefix('/')
            .is_some_and(|rest| rest.split('/').all(|s| !matches!(s, "" | "." | "..")));
    if expanded {
        [root, path].concat()
    } else {
        resolve_segments(root, path)
    }
}

/// [`expand_path`] segment by segment.
fn resolve_segments(root: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("{root}/{}", parts.join("/"))
}

/// Elixir's `Path.relative_to/2` (1.14): strip the root, `.` for the root itself, and keep
/// anything outside it absolute.
pub fn relative_to(path: &str, root: &str) -> String {
    let root = root.trim_end_matches('/');
    if path == root {
        return ".".into();
    }
    if root.is_empty() {
        return path.trim_start_matches('/').to_string();
    }
    match path.strip_prefix(root).and_then(|r| r.strip_prefix('/')) {
        Some(rel) if !rel.is_empty() => rel.to_string(),
        _ => path.to_string(),
    }
}

/// Which directories (relative to the root) are symlinks: one `lstat` each, shared by the files
/// below them.
#[derive(Default)]
struct SymlinkedDirs(HashMap<String, bool>);

impl SymlinkedDirs {
    /// Is any directory above `path` a symlink? Each directory is looked at once: its answer
    /// is its own `lstat` or its parent's answer.
    fn any_ancestor_of(&mut self, root: &Path, path: &str) -> bool {
        match path.rfind('/') {
            Some(end) => self.is_or_below_symlink(root, &path[..end]),
            None => false,
        }
    }

    fn is_or_below_symlink(&mut self, root: &Path, dir: &str) -> bool {
        if let Some(known) = self.0.get(dir) {
            return *known;
        }
        // Iterative over the ancestors not yet known, so deep trees cost no deep recursion.
        let mut pending = vec![dir];
        let mut answer = false;
        let mut current = dir;
        while let Some(end) = current.rfind('/') {
            current = &current[..end];
            match self.0.get(current) {
                Some(known) => {
                    answer = *known;
                    break;
                }
                None => pending.push(current),
            }
        }
        for d in pending.into_iter().rev() {
            answer = answer
                || std::fs::symlink_metadata(root.join(d))
                    .is_ok_and(|m| m.file_type().is_symlink());
            self.0.insert(d.to_string(), answer);
        }
        answer
    }
}

/// The entry for `path` as `lstat` sees it. `empty` is whether the walk found the directory
/// without children (`None` when it did not list it), so that it is not listed again.
fn make_entry(
    root: &Path,
    path: &str,
    pattern: usize,
    empty: Option<bool>,
    dirs: &mut SymlinkedDirs,
) -> Entry {
    let disk: PathBuf = if crate::portable::is_absolute_text(path) {
        PathBuf::from(path)
    } else if path == "." {
        root.to_path_buf()
    } else {
        crate::portable::join(root, path)
    };
    let meta = std::fs::symlink_metadata(&disk);
    let (kind, size, mode) = match &meta {
        Ok(m) => {
            let ft = m.file_type();
            let kind = if ft.is_symlink() {
                let target = std::fs::read_link(&disk)
                    .map(|t| t.to_string_lossy().into_owned())
                    .unwrap_or_default();
                EntryKind::Symlink { target }
            } else if ft.is_dir() {
                let empty =
                    empty.unwrap_or_else(|| crate::portable::is_empty_dir(&disk).unwrap_or(false));
                EntryKind::Directory { empty }
            } else if ft.is_file() {
                EntryKind::File
            } else {
                special_kind(&ft).map_or(EntryKind::File, EntryKind::Other)
            };
            let size = match &kind {
                EntryKind::File | EntryKind::Symlink { .. } => m.len(),
                _ => 0,
            };
            (kind, size, crate::portable::file_mode(m, &disk))
        }
        Err(_) => (EntryKind::File, 0, 0o100644),
    };
    let read_error = match (&kind, &meta) {
        (_, Err(e)) => Some(e.to_string()),
        (EntryKind::File, Ok(m)) => crate::portable::check_readable(&disk, m)
            .err()
            .map(|e| e.to_string()),
        _ => None,
    };
    // A path without `..` and without symlinks along it stays inside: no need for the
    // component-by-component resolution.
    let plainly_inside = !path.split('/').any(|segment| segment == "..")
        && !matches!(kind, EntryKind::Symlink { .. })
        && !dirs.any_ancestor_of(root, path);
    let outside_root = crate::portable::is_absolute_text(path)
        || !(plainly_inside || safe_relative_path(path, root));
    Entry {
        path: path.to_string(),
        kind,
        size,
        mode,
        pattern,
        read_error,
        outside_root,
    }
}

/// A FIFO, socket or device: what is neither file, directory nor symlink on Unix. Windows
/// has none of these (std calls all that is not a directory or a symlink a file).
#[cfg(unix)]
fn special_kind(ft: &std::fs::FileType) -> Option<OtherKind> {
    use std::os::unix::fs::FileTypeExt;
    Some(if ft.is_fifo() {
        OtherKind::Fifo
    } else if ft.is_socket() {
        OtherKind::Socket
    } else if ft.is_char_device() {
        OtherKind::CharDevice
    } else {
        OtherKind::BlockDevice
    })
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> Option<OtherKind> {
    None
}

/// OTP's `filelib:safe_relative_path/2` as hex_core uses it: walk `rel` below `root`,
/// resolving symlinks; false when it climbs above the root, reaches an absolute target, or
/// loops.
pub fn safe_relative_path(rel: &str, root: &Path) -> bool {
    fn normalize(acc: &[String], seg: &str) -> Option<Vec<String>> {
        let mut out = acc.to_vec();
        for s in seg.split('/') {
            match s {
                "" | "." => {}
                ".." => {
                    out.pop()?;
                }
                s => out.push(s.to_string()),
            }
        }
        Some(out)
    }
    fn go(
        segments: &[String],
        root: &Path,
        prev_links: &mut Vec<String>,
        acc: Vec<String>,
        budget: &mut usize,
    ) -> Option<Vec<String>> {
        let mut acc = acc;
        for seg in segments {
            *budget = budget.checked_sub(1)?;
            let next = normalize(&acc, seg)?;
            let disk = root.join(next.join("/"));
            match std::fs::read_link(&disk) {
                Ok(target) => {
                    let target = target.to_string_lossy().into_owned();
                    if target.starts_with('/') || prev_links.contains(&target) {
                        return None;
                    }
                    prev_links.push(target.clone());
                    let parts: Vec<String> = target.split('/').map(str::to_string).collect();
                    acc = go(&parts, root, prev_links, acc, budget)?;
                    prev_links.clear();
                }
                Err(_) => acc = next,
            }
        }
        Some(acc)
    }
    if rel.starts_with('/') {
        return false;
    }
    let segments: Vec<String> = rel.split('/').map(str::to_string).collect();
    let mut budget = 4096;
    go(&segments, root, &mut Vec::new(), Vec::new(), &mut budget).is_some()
}

/// An estimate of the encoded `metadata.config` size: each packaged path costs its length plus
/// the `<<"...">>,` framing and indentation io_lib_pretty adds; other fields cost about their
/// inspected length.
fn metadata_size_estimate(project: &Project, set: &FileSet) -> u64 {
    let files: u64 = set
        .entries
        .iter()
        .map(|e| {
            let extra = if e.path.is_ascii() { 0 } else { 6 };
            e.path.len() as u64 + 10 + extra
        })
        .sum();
    let package: u64 = project
        .package
        .as_ref()
        .map(|p| {
            p.entries
                .iter()
                .filter(|(k, _, _)| !matches!(k.as_str(), "files" | "exclude_patterns"))
                .map(|(k, _, v)| (k.len() + v.inspect().len() + 16) as u64)
                .sum()
        })
        .unwrap_or(0);
    let deps: u64 = project
        .deps
        .as_ref()
        .map(|d| d.known().map(|d| (d.app.len() * 2 + 120) as u64).sum())
        .unwrap_or(0);
    let description = project
        .package_field("description")
        .map(|d| d.inspect().len() as u64)
        .unwrap_or(0);
    files + package + deps + description + 200
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expand_path_takes_expanded_paths_as_they_are_and_resolves_the_others() {
        for (path, want) in [
            ("/p/lib/a.ex", "/p/lib/a.ex"),
            ("/", "/"),
            ("/p/", "/p"),
            ("/p//lib/./a.ex", "/p/lib/a.ex"),
            ("/p/lib/../priv/.x", "/p/priv/.x"),
            ("/p/..", "/"),
            ("/p/...", "/p/..."),
        ] {
            assert_eq!(expand_path(path), want, "{path}");
        }
        // The shortcut agrees with the segment-by-segment walk, drives (on Windows) included.
        for path in [
            "/p/lib/a.ex",
            "c:/p/lib",
            "c:/p/../..",
            "c:",
            "p/lib",
            "/p/lib/",
            "//p",
        ] {
            let drive = crate::portable::drive_prefix(path).map_or(0, str::len);
            let (root, rest) = path.split_at(drive);
            assert_eq!(expand_path(path), resolve_segments(root, rest), "{path}");
        }
    }
}
