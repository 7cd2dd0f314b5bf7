//! `hexlint files`: what the package will contain, like `cargo package --list` or
//! `npm pack --dry-run`: every path Hex lists with its size, the totals, the exact
//! uncompressed and gzip sizes of `contents.tar.gz`, and the headroom to Hex's limits.

use super::{path_or_cwd, report_load_error};
use crate::cli::{ExitStatus, FilesArgs, TextOrJson};
use crate::config::Config;
use crate::files::{
    CompressedSize, Entry, EntryKind, ExcludedBy, FileSet, MAX_COMPRESSED_SIZE,
    MAX_UNCOMPRESSED_SIZE, Problem, human_size,
};
use crate::load::load_worlds;
use serde_json::{Value as Json, json};
use std::collections::BTreeMap;
use std::fmt::Write;

pub fn run(args: FilesArgs) -> ExitStatus {
    let path = path_or_cwd(args.path);
    let worlds = match load_worlds(&path, args.env, args.elixir.as_deref()) {
        Ok(w) => w,
        Err(e) => return report_load_error(&e),
    };
    // Without a fixed Elixir version the file list may differ between releases: one list per
    // group of releases that agree.
    let groups = crate::worlds::regroup(
        worlds
            .iter()
            .map(|w| {
                let set = FileSet::for_project(&w.project, &Config::default());
                (w.worlds.clone(), ListedSet(set))
            })
            .collect(),
    );
    let project = &worlds[0].project;
    for (worlds, ListedSet(set)) in &groups {
        let Some(unknown) = &set.unknown else {
            continue;
        };
        let at = unknown
            .span
            .map(|s| {
                let p = project.source.position(s.start);
                format!(
                    " ({}:{}:{})",
                    project.source.path.display(),
                    p.line,
                    p.column
                )
            })
            .unwrap_or_default();
        let on = worlds
            .as_ref()
            .filter(|w| !w.is_every())
            .map(|w| format!(" on {}", w.describe()))
            .unwrap_or_default();
        super::eprint_safe(&format!(
            "error: cannot list the package files{on}: {}{at}",
            unknown.reason
        ));
        return ExitStatus::Error;
    }
    if groups.len() > 1 {
        return print_worlds(&groups, args.format, args.tree);
    }
    let set = &groups[0].1.0;
    let text = match args.format {
        TextOrJson::Json => match serde_json::to_string_pretty(&to_json(set)) {
            Ok(text) => text + "\n",
            Err(e) => {
                eprintln!("error: {e}");
                return ExitStatus::Error;
            }
        },
        TextOrJson::Human => {
            crate::render::terminal::escape_controls(&human(set, args.tree)).into_owned()
        }
    };
    write_out(&text)
}

/// A file set compared by what `hexlint files` shows: the paths, kinds and sizes.
struct ListedSet(FileSet);

impl PartialEq for ListedSet {
    fn eq(&self, other: &Self) -> bool {
        let key = |s: &FileSet| {
            s.entries
                .iter()
                .map(|e| (e.path.clone(), e.kind.as_str(), e.size))
                .collect::<Vec<_>>()
        };
        key(&self.0) == key(&other.0) && self.0.unknown.is_some() == other.0.unknown.is_some()
    }
}

/// The file lists of releases that disagree: each under the releases it holds on (human), or
/// `{"worlds": [{"elixir", "releases", "list": <the schema-1 document>}]}` (JSON).
fn print_worlds(
    groups: &[(Option<crate::worlds::Worlds>, ListedSet)],
    format: TextOrJson,
    tree: bool,
) -> ExitStatus {
    let name = |w: &Option<crate::worlds::Worlds>| {
        w.as_ref()
            .map_or("every Elixir release".to_string(), |w| w.describe())
    };
    let text = match format {
        TextOrJson::Json => {
            let worlds: Vec<Json> = groups
                .iter()
                .map(|(w, ListedSet(set))| {
                    let releases: Vec<String> = w.as_ref().map_or(Vec::new(), |w| {
                        w.these.iter().map(|(a, b)| format!("{a}.{b}")).collect()
                    });
                    json!({"elixir": name(w), "releases": releases, "list": to_json(set)})
                })
                .collect();
            serde_json::to_string_pretty(&json!({"schema": 1, "worlds": worlds}))
                .unwrap_or_default()
                + "\n"
        }
        TextOrJson::Human => {
            let mut out = String::from(
                "(no Elixir version is fixed: the package contents differ between releases)\n",
            );
            for (w, ListedSet(set)) in groups {
                let _ = writeln!(out, "\non {}:", name(w));
                out.push_str(&human(set, tree));
            }
            crate::render::terminal::escape_controls(&out).into_owned()
        }
    };
    write_out(&text)
}

fn write_out(text: &str) -> ExitStatus {
    // A closed pipe (`hexlint files | head`) is not an error.
    let mut stdout = std::io::stdout().lock();
    match std::io::Write::write_all(&mut stdout, text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write the file list: {e}");
            ExitStatus::Error
        }
        _ => ExitStatus::Success,
    }
}

/// The JSON document (schema 1): `files` (path, kind, size), `total_size`,
/// `compressed_size`, plus exact `uncompressed_size`, the estimated whole-package size, the
/// limits, what was excluded and any expansion problems.
///
/// Added within schema 1: `compressed_size_exact` (false when the contents are over the
/// uncompressed limit: nothing is compressed then, and `compressed_size` and
/// `package_size_estimate` are null), `compressed_size_bound` and `package_size_bound` (the
/// exact sizes when exact, otherwise upper bounds from the uncompressed size).
pub fn to_json(set: &FileSet) -> Json {
    let files: Vec<Json> = set
        .entries
        .iter()
        .map(|e| {
            let mut o = json!({"path": e.path, "kind": e.kind.as_str(), "size": e.size});
            if let EntryKind::Symlink { target } = &e.kind {
                o["target"] = json!(target);
            }
            o
        })
        .collect();
    let (compressed, package, error, exact, bound, package_bound) = match set.compressed_size() {
        CompressedSize::Exact(t) => (
            json!(t.compressed_size),
            json!(t.outer_size_estimate),
            Json::Null,
            true,
            t.compressed_size,
            t.outer_size_estimate,
        ),
        CompressedSize::Bound {
            compressed,
            package,
        } => (
            Json::Null,
            Json::Null,
            Json::Null,
            false,
            compressed,
            package,
        ),
        CompressedSize::Error(e) => (
            Json::Null,
            Json::Null,
            json!(e),
            false,
            set.compressed_size_bound(),
            crate::files::tarball::outer_size(
                set.metadata_size_estimate,
                set.compressed_size_bound(),
            ),
        ),
    };
    let excluded: Vec<Json> = set
        .excluded
        .iter()
        .map(|x| {
            let by = match x.reason {
                ExcludedBy::DsStore => json!(".DS_Store"),
                ExcludedBy::Pattern(i) => {
                    json!(set.exclude_patterns.get(i).map(|p| p.display()))
                }
            };
            json!({"path": x.entry.path, "excluded_by": by})
        })
        .collect();
    let mut doc = json!({
        "schema": 1,
        "root": set.root.display().to_string(),
        "files": files,
        "total_size": set.total_size(),
        "compressed_size": compressed,
        "uncompressed_size": set.uncompressed_size(),
        "package_size_estimate": package,
        "compressed_size_exact": exact,
        "compressed_size_bound": bound,
        "package_size_bound": package_bound,
        "metadata_size_estimate": set.metadata_size_estimate,
        "limits": {
            "compressed": MAX_COMPRESSED_SIZE,
            "uncompressed": MAX_UNCOMPRESSED_SIZE,
            "metadata": crate::files::MAX_METADATA_SIZE,
        },
        "excluded": excluded,
        "problems": set.problems.iter().map(|p| problem_text(set, p)).collect::<Vec<_>>(),
    });
    if !error.is_null() {
        doc["tarball_error"] = error;
    }
    doc
}

fn problem_text(set: &FileSet, p: &Problem) -> String {
    let pat = |i: &usize| {
        set.patterns
            .get(*i)
            .map_or_else(String::new, |p| format!("{:?}", p.text))
    };
    match p {
        Problem::AbsolutePattern { pattern } => format!(
            "absolute pattern {} is joined under the project root by Hex",
            pat(pattern)
        ),
        Problem::OutsideRoot { pattern, path } => {
            format!("{} brings in {path}, outside the project", pat(pattern))
        }
        Problem::UnreadableDirectory {
            pattern,
            path,
            error,
        } => format!(
            "{} reaches {path}, which cannot be listed: {error}",
            pat(pattern)
        ),
        Problem::SymlinkLoop { pattern, path } => format!(
            "{} follows a symlink loop at {path} (Hex would repeat it until the OS refuses)",
            pat(pattern)
        ),
        Problem::WalkLimit { pattern, limit } => {
            format!("{} stopped at hexlint's {limit} limit", pat(pattern))
        }
        Problem::NonUtf8Name { pattern, path } => format!(
            "{} reaches {path}, whose name is not valid UTF-8 (Hex skips it with a warning)",
            pat(pattern)
        ),
        Problem::DanglingSymlink {
            pattern,
            path,
            error,
        } => format!(
            "{} packages the symlink {path}, which points nowhere: {error}",
            pat(pattern)
        ),
    }
}

/// The readable listing (or tree) with totals and headroom.
pub fn human(set: &FileSet, tree: bool) -> String {
    let mut out = String::new();
    if tree {
        render_tree(&set.entries, &mut out);
    } else {
        let width = set
            .entries
            .iter()
            .map(|e| display_name(e).chars().count())
            .max()
            .unwrap_or(0)
            .min(80);
        for e in &set.entries {
            let _ = writeln!(out, "{:<width$}  {:>10}", display_name(e), size_text(e));
        }
    }
    if !set.excluded.is_empty() {
        let _ = writeln!(out, "\nexcluded:");
        for x in &set.excluded {
            let by = match x.reason {
                ExcludedBy::DsStore => ".DS_Store".to_string(),
                ExcludedBy::Pattern(i) => set
                    .exclude_patterns
                    .get(i)
                    .map(|p| p.display())
                    .unwrap_or_default(),
            };
            let _ = writeln!(out, "  {}  (by {by})", x.entry.path);
        }
    }
    for p in &set.problems {
        let _ = writeln!(out, "warning: {}", problem_text(set, p));
    }
    let files = set.entries.iter().filter(|e| e.is_file()).count();
    let dirs = set.entries.iter().filter(|e| e.is_dir()).count();
    let links = set.entries.iter().filter(|e| e.is_symlink()).count();
    let total = set.total_size();
    let _ = writeln!(
        out,
        "\n{} entries: {files} files ({}), {dirs} {}, {links} {}",
        set.entries.len(),
        human_size(total),
        if dirs == 1 {
            "directory"
        } else {
            "directories"
        },
        if links == 1 { "symlink" } else { "symlinks" }
    );
    let uncompressed = set.uncompressed_size();
    let _ = writeln!(
        out,
        "contents.tar     {:>10}  {}",
        human_size(uncompressed),
        headroom(uncompressed, MAX_UNCOMPRESSED_SIZE, "uncompressed")
    );
    match set.compressed_size() {
        CompressedSize::Bound {
            compressed,
            package,
        } => {
            let _ = writeln!(
                out,
                "contents.tar.gz  <= {:>7}  (a bound: nothing is compressed once contents.tar is over its limit)",
                human_size(compressed)
            );
            let _ = writeln!(out, "package          <= {:>7}", human_size(package));
        }
        CompressedSize::Exact(t) => {
            let _ = writeln!(
                out,
                "contents.tar.gz  {:>10}",
                human_size(t.compressed_size)
            );
            let _ = writeln!(
                out,
                "package (about)  {:>10}  {}",
                human_size(t.outer_size_estimate),
                headroom(t.outer_size_estimate, MAX_COMPRESSED_SIZE, "compressed")
            );
        }
        CompressedSize::Error(e) => {
            let _ = writeln!(out, "contents.tar.gz  cannot be built: {e}");
        }
    }
    out
}

fn headroom(size: u64, limit: u64, what: &str) -> String {
    if size > limit {
        format!(
            "OVER the {} {what} limit by {}",
            human_size(limit),
            human_size(size - limit)
        )
    } else {
        format!(
            "{} headroom to the {} {what} limit",
            human_size(limit - size),
            human_size(limit)
        )
    }
}

fn display_name(e: &Entry) -> String {
    match &e.kind {
        EntryKind::Directory { .. } => format!("{}/", e.path),
        EntryKind::Symlink { target } => format!("{} -> {target}", e.path),
        _ => e.path.clone(),
    }
}

fn size_text(e: &Entry) -> String {
    match &e.kind {
        EntryKind::File => human_size(e.size),
        EntryKind::Other(kind) => kind.as_str().to_string(),
        _ => "-".to_string(),
    }
}

/// A node of the `--tree` view.
#[derive(Default)]
struct Node<'a> {
    entry: Option<&'a Entry>,
    children: BTreeMap<String, Node<'a>>,
}

fn render_tree(entries: &[Entry], out: &mut String) {
    let mut root = Node::default();
    for e in entries {
        let mut node = &mut root;
        if e.path.starts_with('/') || e.path == "." {
            node = node.children.entry(e.path.clone()).or_default();
        } else {
            for seg in e.path.split('/') {
                node = node.children.entry(seg.to_string()).or_default();
            }
        }
        node.entry = Some(e);
    }
    fn walk(node: &Node, prefix: &str, out: &mut String) {
        let count = node.children.len();
        for (i, (name, child)) in node.children.iter().enumerate() {
            let last = i + 1 == count;
            let branch = if last { "└── " } else { "├── " };
            let label = match child.entry.map(|e| &e.kind) {
                Some(EntryKind::Symlink { target }) => format!("{name} -> {target}"),
                Some(EntryKind::Directory { .. }) | None => format!("{name}/"),
                _ => name.clone(),
            };
            let size = child
                .entry
                .filter(|e| !e.is_dir() && !e.is_symlink())
                .map(|e| format!("  ({})", size_text(e)))
                .unwrap_or_default();
            let _ = writeln!(out, "{prefix}{branch}{label}{size}");
            let next = format!("{prefix}{}", if last { "    " } else { "│   " });
            walk(child, &next, out);
        }
    }
    walk(&root, "", out);
}
