//! The packaged file list, exactly as Hex expands `package[:files]` and `:exclude_patterns`
//! (hex `lib/mix/tasks/hex.build.ex` `package/2`, `expand_paths/2`, `dir_files/1`), plus the
//! in-memory `contents.tar.gz` hex_core would build from it (`hex_tarball:create/3`).
//!
//! [`FileSet::for_project`] does all the I/O once; rules only read the result. When `:files` or
//! `:exclude_patterns` cannot be known statically, [`FileSet::unknown`] says why and rules skip.

pub mod content;
pub mod docs;
pub mod expand;
pub mod glob;
pub mod hygiene;
pub mod tarball;

use crate::config::Config;
use crate::project::Project;
use crate::source::Span;
use std::path::PathBuf;
use std::sync::OnceLock;

pub use tarball::TarballSummary;

/// Hex's default `:files` list (hex `lib/hex/package.ex` `default_files/0`), used when
/// `package[:files]` is nil. `files: []` is not nil.
pub const DEFAULT_FILES: &[&str] = &[
    "lib",
    "priv",
    ".formatter.exs",
    "mix.exs",
    "README*",
    "readme*",
    "LICENSE*",
    "license*",
    "CHANGELOG*",
    "changelog*",
    "src",
    "c_src",
    "Makefile*",
];

/// The file hex_core writes next to unpacked deps; Hex refuses to package it.
pub const RESERVED_FILE: &str = "hex_metadata.config";

/// Largest outer tarball (`tarball_max_size`, 16 MiB).
pub const MAX_COMPRESSED_SIZE: u64 = 16 * 1024 * 1024;
/// Largest uncompressed inner `contents.tar` (`tarball_max_uncompressed_size`, 128 MiB).
pub const MAX_UNCOMPRESSED_SIZE: u64 = 128 * 1024 * 1024;
/// Largest `metadata.config` (`?MAX_METADATA_SIZE`, 1 MiB).
pub const MAX_METADATA_SIZE: u64 = 1024 * 1024;

/// The files a package will contain, with how each got there and what was left out.
#[derive(Debug, Default)]
pub struct FileSet {
    /// The project root every pattern is joined to (Hex uses `File.cwd!()`, the mix.exs dir).
    pub root: PathBuf,
    /// `true` when `package[:files]` is set (even to `[]`); `false` when Hex's defaults apply.
    pub explicit: bool,
    /// The span of the `files:` key in mix.exs, when written (where default-list findings point).
    pub files_key_span: Option<Span>,
    /// The span of the whole `:package` value, when there is one.
    pub package_span: Option<Span>,
    /// The `:files` patterns, in order.
    pub patterns: Vec<Pattern>,
    /// The `:exclude_patterns` entries, in order.
    pub exclude_patterns: Vec<ExcludePattern>,
    /// The packaged entries, in Hex's order (pattern order, then walk order), de-duplicated.
    pub entries: Vec<Entry>,
    /// Matches of `..` patterns outside the project. Hex keeps them as absolute paths and
    /// hex_core refuses the whole build at the first one, so they are never packaged and only
    /// `unsafe-path` looks at them (matched but never walked, see `expand`).
    pub outside: Vec<Entry>,
    /// Entries that expansion found but `.DS_Store` or an exclude pattern removed.
    pub excluded: Vec<Excluded>,
    /// Things expansion noticed (dropped absolute patterns, paths outside the root, unreadable
    /// directories, loops, limits).
    pub problems: Vec<Problem>,
    /// Set when `:files` or `:exclude_patterns` is not statically known; rules then skip.
    pub unknown: Option<Unknown>,
    /// The root contains glob metacharacters (`[`, `{`, `*`, `?`): Hex joins the root into every
    /// pattern, so every pattern matches nothing and the file list is empty.
    pub root_has_glob_chars: bool,
    /// Estimated size of the encoded `metadata.config` (the file list dominates it).
    pub metadata_size_estimate: u64,
    tarball: OnceLock<Result<TarballSummary, String>>,
    /// The packaged files' bytes, read once on first use.
    contents: content::ContentStore,
}

/// Where a `:files` pattern came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternSource {
    /// An element of the `:files` list in mix.exs.
    Explicit(Span),
    /// Hex's default list ([`DEFAULT_FILES`]).
    Default,
}

/// One `:files` pattern and what it matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub text: String,
    pub source: PatternSource,
    /// Top-level matches of the pattern joined to the root, relative to the root (sorted, as
    /// `Path.wildcard` returns them), before directory walking and exclusion.
    pub matches: Vec<String>,
    /// Hex's missing-files test: `Path.wildcard(pattern)` on the raw pattern is empty. Differs
    /// from `matches.is_empty()` for absolute patterns and roots with glob metacharacters.
    pub raw_matches_nothing: bool,
    /// Hex's reserved-file test: the raw pattern's wildcard result contains
    /// `hex_metadata.config`.
    pub raw_matches_reserved: bool,
}

impl Pattern {
    pub fn is_explicit(&self) -> bool {
        matches!(self.source, PatternSource::Explicit(_))
    }
    pub fn span(&self) -> Option<Span> {
        match self.source {
            PatternSource::Explicit(s) => Some(s),
            PatternSource::Default => None,
        }
    }
    /// The pattern is absolute (`/x`, or `C:/x` style), so Hex joins it under the root.
    pub fn is_absolute(&self) -> bool {
        glob::is_absolute(&self.text)
    }
}

/// One `:exclude_patterns` entry.
#[derive(Debug, Clone)]
pub struct ExcludePattern {
    pub kind: ExcludeKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ExcludeKind {
    /// A string: Hex's `path =~ string` is a substring test, not a glob.
    Substring(String),
    /// A regex, translated from Elixir/PCRE syntax to the `regex` crate.
    Regex {
        source: String,
        opts: String,
        regex: regex::Regex,
    },
}

impl ExcludePattern {
    /// Hex's `path =~ pattern` on a relative path.
    pub fn matches(&self, path: &str) -> bool {
        match &self.kind {
            ExcludeKind::Substring(s) => path.contains(s.as_str()),
            ExcludeKind::Regex { regex, .. } => regex.is_match(path),
        }
    }
    /// Elixir-like text: `"tmp"` or `~r/^lib$/`.
    pub fn display(&self) -> String {
        match &self.kind {
            ExcludeKind::Substring(s) => format!("{s:?}"),
            ExcludeKind::Regex { source, opts, .. } => format!("~r/{source}/{opts}"),
        }
    }
}

/// What kind of file system object an entry is (from `lstat`, symlinks not followed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKind {
    File,
    /// A directory; hex_core writes an entry for it only when it is empty.
    Directory {
        empty: bool,
    },
    /// A symlink, with its target text as stored (unchanged) in the tarball.
    Symlink {
        target: String,
    },
    /// A FIFO, socket or device: hex_core refuses these.
    Other(OtherKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherKind {
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
}

impl OtherKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OtherKind::Fifo => "fifo",
            OtherKind::Socket => "socket",
            OtherKind::CharDevice => "character device",
            OtherKind::BlockDevice => "block device",
        }
    }
}

impl EntryKind {
    /// `"file"`, `"directory"`, `"symlink"` or `"other"` (the JSON `kind`).
    pub fn as_str(&self) -> &'static str {
        match self {
            EntryKind::File => "file",
            EntryKind::Directory { .. } => "directory",
            EntryKind::Symlink { .. } => "symlink",
            EntryKind::Other(_) => "other",
        }
    }
}

/// One path of the package, as Hex lists it in metadata `files`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Relative to the root, `/`-separated (`lib/foo.ex`, `lib`, `.`). A path outside the root
    /// stays absolute, as Hex keeps it (hex_core then rejects it as unsafe).
    pub path: String,
    pub kind: EntryKind,
    /// Size in bytes (`lstat`; 0 for directories and others, the target length for symlinks).
    pub size: u64,
    /// Unix permission and type bits from `lstat` (`0o100644` for a plain file).
    pub mode: u32,
    /// Index into [`FileSet::patterns`] of the pattern that brought it in first.
    pub pattern: usize,
    /// Set when the file exists but cannot be read (Hex crashes on `File.read!`).
    pub read_error: Option<String>,
    /// The path climbs out of the root (`../x`, or through a symlinked directory).
    pub outside_root: bool,
}

impl Entry {
    pub fn is_file(&self) -> bool {
        self.kind == EntryKind::File
    }
    pub fn is_dir(&self) -> bool {
        matches!(self.kind, EntryKind::Directory { .. })
    }
    pub fn is_symlink(&self) -> bool {
        matches!(self.kind, EntryKind::Symlink { .. })
    }
    /// The last path segment.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// An entry that expansion found and Hex then removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excluded {
    pub entry: Entry,
    pub reason: ExcludedBy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExcludedBy {
    /// The basename is `.DS_Store`, always excluded.
    DsStore,
    /// Index into [`FileSet::exclude_patterns`] (the first that matched).
    Pattern(usize),
}

/// Something expansion noticed that a rule may report.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Problem {
    /// An absolute pattern: Hex joins it under the root, so it matches only `ROOT/<pattern>`
    /// (usually nothing) and is silently dropped.
    AbsolutePattern { pattern: usize },
    /// A matched path outside the root (`../x`); Hex keeps it absolute and hex_core refuses it.
    OutsideRoot { pattern: usize, path: String },
    /// A matched directory Hex cannot list (`File.ls!` raises and the build crashes).
    UnreadableDirectory {
        pattern: usize,
        path: String,
        error: String,
    },
    /// `**` followed a symlinked directory back into one of its ancestors. Erlang keeps going
    /// until the OS refuses (ELOOP, about 40 links deep), packaging the same files many times;
    /// hexlint stops at the first repeat, so its list is shorter than Hex's here.
    SymlinkLoop { pattern: usize, path: String },
    /// The walk hit hexlint's limit on entries or depth and stopped (the list is incomplete).
    WalkLimit { pattern: usize, limit: &'static str },
    /// A file whose name is not valid UTF-8 (`path` is decoded lossily): Erlang skips it with a
    /// warning, so it is not packaged.
    NonUtf8Name { pattern: usize, path: String },
    /// A packaged symlink whose target does not exist (or loops): packaged as a link to nothing.
    DanglingSymlink {
        pattern: usize,
        path: String,
        error: String,
    },
}

/// Why the file set is not statically known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub reason: String,
    /// Where in mix.exs the unknown value is.
    pub span: Option<Span>,
}

impl FileSet {
    /// Expand the project's `:files` and `:exclude_patterns` as Hex does, reading the disk.
    pub fn for_project(project: &Project, config: &Config) -> FileSet {
        expand::expand_project(project, config)
    }

    /// Only the entries (files, symlinks, directories, others) that will be packaged.
    pub fn files(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter()
    }

    /// The entry for a relative path, if packaged.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.path == path)
    }

    /// The span a finding about `entry` should point at: the pattern that brought it in, or the
    /// `files:` key (or the package) when the defaults apply.
    pub fn span_for_pattern(&self, pattern: usize) -> Option<Span> {
        self.patterns
            .get(pattern)
            .and_then(Pattern::span)
            .or(self.files_key_span)
            .or(self.package_span)
    }

    /// Sum of the regular files' sizes (what `hexlint files` calls the total size).
    pub fn total_size(&self) -> u64 {
        self.entries
            .iter()
            .filter(|e| e.is_file())
            .map(|e| e.size)
            .sum()
    }

    /// The exact size of the uncompressed inner `contents.tar`, computed from the entries
    /// without reading any content (tar layout depends only on names, sizes and kinds).
    pub fn uncompressed_size(&self) -> u64 {
        tarball::contents_tar_size(&self.entries, &self.root)
    }

    /// The tarball built in memory: exact sizes, computed once (compresses every file, reading
    /// through the shared content store; files over [`content::MAX_READ_BYTES`] are streamed).
    pub fn tarball(&self) -> &Result<TarballSummary, String> {
        self.tarball.get_or_init(|| {
            tarball::summarize_with(
                &self.entries,
                &self.root,
                self.metadata_size_estimate,
                &|i| Some(self.content(i)),
            )
        })
    }

    /// The bytes of `entries[index]`, read once and shared (see [`content`]).
    pub fn content(&self, index: usize) -> std::sync::Arc<content::Content> {
        self.contents
            .get(&self.entries, &self.root, index, content::Want::Whole)
    }

    /// The bytes of `entries[index]` for a reader that skips binary files: of a large binary
    /// file, only its first part (see [`content::Want::Text`]).
    pub fn text_content(&self, index: usize) -> std::sync::Arc<content::Content> {
        self.contents
            .get(&self.entries, &self.root, index, content::Want::Text)
    }

    /// How many file reads the content store made (each packaged file at most once while the
    /// store is under its budget).
    pub fn content_reads(&self) -> u64 {
        self.contents.reads()
    }

    /// The tarball summary only when it can change a verdict: `check` uses this so it compresses
    /// only when the bound on the compressed size ([`FileSet::compressed_size_bound`]) is over
    /// the compressed limit, and never when the contents are already over the uncompressed
    /// limit (that verdict needs no compression).
    pub fn tarball_if_needed(&self) -> Option<&Result<TarballSummary, String>> {
        let uncompressed = self.uncompressed_size();
        if uncompressed <= MAX_UNCOMPRESSED_SIZE
            && tarball::could_exceed_compressed_limit(uncompressed)
        {
            Some(self.tarball())
        } else {
            None
        }
    }

    /// An upper bound on `contents.tar.gz` from the uncompressed size alone (deflate's
    /// worst-case growth of stored blocks plus gzip framing): no file is read.
    pub fn compressed_size_bound(&self) -> u64 {
        tarball::compressed_bound(self.uncompressed_size())
    }

    /// The compressed size for `hexlint files`: exact (the tarball is built) unless the
    /// contents are over the uncompressed limit, where only the bound is given and nothing is
    /// read or compressed.
    pub fn compressed_size(&self) -> CompressedSize<'_> {
        if self.uncompressed_size() > MAX_UNCOMPRESSED_SIZE {
            let compressed = self.compressed_size_bound();
            return CompressedSize::Bound {
                compressed,
                package: tarball::outer_size(self.metadata_size_estimate, compressed),
            };
        }
        match self.tarball() {
            Ok(t) => CompressedSize::Exact(t),
            Err(e) => CompressedSize::Error(e),
        }
    }
}

/// What `hexlint files` knows of the compressed size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompressedSize<'a> {
    /// The tarball was built byte for byte: exact sizes.
    Exact(&'a TarballSummary),
    /// Upper bounds from the uncompressed size (nothing was compressed).
    Bound { compressed: u64, package: u64 },
    /// The tarball could not be built (a file could not be read).
    Error(&'a str),
}

/// hex_core's `safe_relative_archive_path/1`: not absolute (`/`, `\`), no drive letter, and no
/// `..` climbing above the top (segments split on both `/` and `\`).
pub fn is_safe_archive_path(name: &str) -> bool {
    let b = name.as_bytes();
    if b.first().is_some_and(|c| *c == b'/' || *c == b'\\')
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
    {
        return false;
    }
    let mut depth = 0usize;
    for seg in name.split(['/', '\\']).filter(|s| !s.is_empty()) {
        match seg {
            "." => {}
            ".." => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => depth += 1,
        }
    }
    true
}

/// hex_core's symlink check: the target, joined to the link's directory inside the archive
/// (absolute and drive-letter targets kept as is), must be a safe archive path.
pub fn is_safe_symlink(name: &str, target: &str) -> bool {
    let parts: Vec<&str> = name.split(['/', '\\']).filter(|s| !s.is_empty()).collect();
    let dir = if parts.len() <= 1 {
        ".".to_string()
    } else {
        parts[..parts.len() - 1].join("/")
    };
    let b = target.as_bytes();
    let keeps_as_is = target.is_empty()
        || b[0] == b'/'
        || b[0] == b'\\'
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':');
    let resolved = if keeps_as_is || dir == "." {
        target.to_string()
    } else {
        format!("{dir}/{target}")
    };
    is_safe_archive_path(&resolved)
}

/// Human-readable byte size (`1.2 MiB`).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_paths_like_hex_core() {
        assert!(is_safe_archive_path("lib/a.ex"));
        assert!(is_safe_archive_path("lib/../mix.exs"));
        assert!(!is_safe_archive_path("/etc/passwd"));
        assert!(!is_safe_archive_path("\\x"));
        assert!(!is_safe_archive_path("c:x"), "drive letter");
        assert!(!is_safe_archive_path("lib/../../x"));
        assert!(!is_safe_archive_path("..\\x"), "backslash separates too");
    }

    #[test]
    fn symlink_targets_resolve_from_the_link_directory() {
        assert!(is_safe_symlink("priv/a", "../lib/a.ex"));
        assert!(is_safe_symlink("a", "lib/a.ex"));
        assert!(!is_safe_symlink("a", "../x"));
        assert!(!is_safe_symlink("priv/a", "../../x"));
        assert!(!is_safe_symlink("priv/a", "/etc/hostname"));
        assert!(!is_safe_symlink("priv/a", "C:/x"));
    }

    #[test]
    fn sizes_are_readable() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(16 * 1024 * 1024), "16.0 MiB");
    }
}
