//! File-set hygiene: facts Hex never looks at (git status, secrets, junk, portability, license
//! texts, Erlang headers). The submodules are pure detection functions over paths and bytes;
//! [`HygieneFacts`] does the disk reads they need, once each, on first use.

pub mod git;
pub mod includes;
pub mod junk;
pub mod license_text;
pub mod portable;
pub mod secrets;

use crate::files::content::is_binary;
use crate::files::{Entry, FileSet};
use crate::project::Project;
use std::path::Path;
use std::sync::OnceLock;

/// Disk facts about the packaged files, each computed lazily and once per run. Reached through
/// [`crate::rules::Context::hygiene`]; the rules themselves never touch the disk.
#[derive(Debug, Default)]
pub struct HygieneFacts {
    git: OnceLock<git::GitStatus>,
    secrets: OnceLock<Vec<FileSecrets>>,
    license_texts: OnceLock<Vec<LicenseText>>,
    missing_includes: OnceLock<Vec<MissingInclude>>,
    top_level_names: OnceLock<Vec<String>>,
    readme_license_section: OnceLock<Option<String>>,
    submodules: OnceLock<Vec<String>>,
    checksum_files: OnceLock<Vec<ChecksumFile>>,
}

/// A packaged checksum file of precompiled native code (`checksum-Elixir.X.Native.exs` of
/// rustler_precompiled, `checksum.exs` of elixir_make).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecksumFile {
    pub path: String,
    /// How many `"sha256:…"` checksums it holds.
    pub checksums: usize,
}

/// A precompiled-NIF checksum file name: `checksum.exs` or `checksum-*.exs`.
pub fn is_checksum_name(name: &str) -> bool {
    name == "checksum.exs" || (name.starts_with("checksum-") && name.ends_with(".exs"))
}

/// The secret findings of one packaged file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSecrets {
    pub path: String,
    /// Index of the `:files` pattern that brought the file in.
    pub pattern: usize,
    /// Sensitive by name (a `*.pem` holding only certificates is cleared).
    pub name: Option<secrets::SensitiveName>,
    /// Credentials in the contents (first per kind).
    pub content: Vec<secrets::ContentFinding>,
}

/// The text of one packaged license file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenseText {
    pub path: String,
    pub pattern: usize,
    pub text: String,
}

/// An Erlang header that a shipped source includes, that exists on disk, but is not shipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingInclude {
    /// The shipped `.erl` that includes it.
    pub source: String,
    /// Index of the pattern that brought the source in.
    pub pattern: usize,
    /// The header path as written in the attribute.
    pub written: String,
    /// 1-based line of the attribute in the source.
    pub line: usize,
    /// The project-relative header path found on disk.
    pub on_disk: String,
}

/// Regular files of the package that can be read from inside the root, with their index.
fn readable_files(files: &FileSet) -> impl Iterator<Item = (usize, &Entry)> {
    files
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.is_file() && !e.outside_root && e.read_error.is_none())
}

/// A "License"/"Licence"/"Copyright" heading: `## License`, or a title underlined with `=`/`-`.
fn has_license_heading(text: &str) -> bool {
    let is_title = |t: &str| {
        let t = t.trim().trim_end_matches(':').to_ascii_lowercase();
        [
            "license",
            "licence",
            "licensing",
            "copyright",
            "copyright and license",
        ]
        .iter()
        .any(|w| t == *w)
    };
    let lines: Vec<&str> = text.lines().collect();
    lines.iter().enumerate().any(|(i, line)| {
        let heading = line
            .trim_start()
            .strip_prefix('#')
            .map(|h| h.trim_start_matches('#'));
        heading.is_some_and(is_title)
            || (is_title(line)
                && lines.get(i + 1).is_some_and(|u| {
                    let u = u.trim();
                    u.len() >= 3 && (u.chars().all(|c| c == '=') || u.chars().all(|c| c == '-'))
                }))
    })
}

/// `package[:secret_scan][:ignore]` as strings (non-strings are dropped, as hex.pm does).
pub fn secret_scan_ignores(project: &Project) -> Vec<String> {
    project
        .package
        .as_ref()
        .and_then(|p| p.get("secret_scan"))
        .and_then(|s| s.get("ignore"))
        .and_then(|i| i.as_list())
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

impl HygieneFacts {
    /// Git's view of the packaged files and symlinks.
    pub fn git(&self, files: &FileSet) -> &git::GitStatus {
        self.git.get_or_init(|| {
            let paths: Vec<&str> = files
                .entries
                .iter()
                .filter(|e| (e.is_file() || e.is_symlink()) && !e.outside_root)
                .map(|e| e.path.as_str())
                .collect();
            git::status(&files.root, &paths)
        })
    }

    /// Sensitive names and credentials in the packaged files, skipping the paths hex.pm's scan
    /// would skip (`secret_scan: [ignore: …]`, `hex_metadata.config`). Reads at most
    /// [`secrets::MAX_SCAN_BYTES`] of each file; binary files are not scanned.
    pub fn secrets(&self, project: &Project, files: &FileSet) -> &[FileSecrets] {
        self.secrets.get_or_init(|| {
            let ignores = secret_scan_ignores(project);
            let globs = secrets::IgnoreGlobs::new(ignores.iter().map(String::as_str));
            let entries: Vec<(usize, &Entry)> = readable_files(files)
                .filter(|(_, e)| !globs.is_ignored(&e.path))
                .collect();
            crate::parallel::map(&entries, crate::parallel::FILES_FOR_THREADS, |&(i, e)| {
                let mut name = secrets::sensitive_name(&e.path);
                // A sensitive name is cleared by what its file holds, binary or not; otherwise
                // a binary file is not scanned and its first part is enough to tell.
                let content = match name {
                    Some(_) => files.content(i),
                    None => files.text_content(i),
                };
                let bytes = content.prefix(secrets::MAX_SCAN_BYTES);
                if secrets::cleared_by_content(name, bytes) {
                    name = None;
                }
                let found = secrets::scan_content(&e.path, bytes);
                (name.is_some() || !found.is_empty()).then(|| FileSecrets {
                    path: e.path.clone(),
                    pattern: e.pattern,
                    name,
                    content: found,
                })
            })
            .into_iter()
            .flatten()
            .collect()
        })
    }

    /// The texts of the packaged license files (UTF-8 text only, bounded).
    pub fn license_texts(&self, files: &FileSet) -> &[LicenseText] {
        self.license_texts.get_or_init(|| {
            readable_files(files)
                .filter(|(_, e)| license_text::is_license_file(&e.path))
                .filter_map(|(i, e)| {
                    let content = files.text_content(i);
                    if content.error.is_some() || is_binary(&content.bytes) {
                        return None;
                    }
                    let bytes = content.prefix(license_text::MAX_LICENSE_BYTES);
                    Some(LicenseText {
                        path: e.path.clone(),
                        pattern: e.pattern,
                        text: String::from_utf8_lossy(bytes).into_owned(),
                    })
                })
                .collect()
        })
    }

    /// Headers included by shipped `.erl` files that exist on disk but are not shipped.
    pub fn missing_includes(&self, project: &Project, files: &FileSet) -> &[MissingInclude] {
        self.missing_includes.get_or_init(|| {
            let app = project.app.as_ref().and_then(|v| v.as_str_or_atom());
            let shipped = |p: &str| files.entries.iter().any(|e| e.path == p);
            let mut out = Vec::new();
            for (i, e) in readable_files(files).filter(|(_, e)| e.path.ends_with(".erl")) {
                let content = files.content(i);
                if content.error.is_some() {
                    continue;
                }
                let source = content.prefix(secrets::MAX_SCAN_BYTES);
                for include in includes::erlang_includes(source) {
                    let candidates = includes::candidate_paths(&include, &e.path, app);
                    if candidates.is_empty() || candidates.iter().any(|c| shipped(c)) {
                        continue;
                    }
                    if let Some(on_disk) = candidates
                        .into_iter()
                        .find(|c| files.root.join(c).is_file())
                    {
                        out.push(MissingInclude {
                            source: e.path.clone(),
                            pattern: e.pattern,
                            written: include.path,
                            line: include.line,
                            on_disk,
                        });
                    }
                }
            }
            out
        })
    }

    /// The packaged top-level README that has a "License"/"Licence" section (a Markdown heading
    /// or an underlined title), if one has.
    pub fn readme_license_section(&self, files: &FileSet) -> Option<&str> {
        self.readme_license_section
            .get_or_init(|| {
                readable_files(files)
                    .filter(|(_, e)| {
                        !e.path.contains('/') && e.path.to_ascii_lowercase().starts_with("readme")
                    })
                    .find(|(i, _)| {
                        let content = files.content(*i);
                        content.error.is_none()
                            && has_license_heading(&String::from_utf8_lossy(
                                content.prefix(license_text::MAX_LICENSE_BYTES * 4),
                            ))
                    })
                    .map(|(_, e)| e.path.clone())
            })
            .as_deref()
    }

    /// The packaged checksum files of precompiled native code, with how many checksums each
    /// holds (read once).
    pub fn checksum_files(&self, files: &FileSet) -> &[ChecksumFile] {
        self.checksum_files.get_or_init(|| {
            files
                .entries
                .iter()
                .filter(|e| e.is_file() && !e.outside_root && is_checksum_name(e.file_name()))
                .map(|e| {
                    let text =
                        std::fs::read_to_string(files.root.join(&e.path)).unwrap_or_default();
                    ChecksumFile {
                        path: e.path.clone(),
                        checksums: text.matches("sha256:").count(),
                    }
                })
                .collect()
        })
    }

    /// The `path = …` entries of the project's `.gitmodules` (git submodules), if it has one.
    pub fn submodules(&self, root: &Path) -> &[String] {
        self.submodules.get_or_init(|| {
            let text = std::fs::read_to_string(root.join(".gitmodules")).unwrap_or_default();
            text.lines()
                .filter_map(|l| l.trim().strip_prefix("path"))
                .filter_map(|l| l.trim_start().strip_prefix('='))
                .map(|p| p.trim().trim_end_matches('/').to_string())
                .collect()
        })
    }

    /// The names in the project's top-level directory (sorted), to tell "not shipped" from
    /// "does not exist".
    pub fn top_level_names(&self, root: &Path) -> &[String] {
        self.top_level_names.get_or_init(|| {
            let mut names: Vec<String> = std::fs::read_dir(root)
                .map(|rd| {
                    rd.filter_map(Result::ok)
                        .map(|d| d.file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            names.sort();
            names
        })
    }
}

/// `a, b, c and 4 more`: at most `max` paths, in backticks.
pub fn list_paths<S: AsRef<str>>(paths: &[S], max: usize) -> String {
    let quoted: Vec<String> = paths
        .iter()
        .take(max)
        .map(|p| format!("`{}`", p.as_ref()))
        .collect();
    with_tail(&quoted, paths.len())
}

/// `a, b, c and 4 more`: at most `max` already formatted items.
pub fn list_items<S: AsRef<str>>(items: &[S], max: usize) -> String {
    let shown: Vec<&str> = items.iter().take(max).map(AsRef::as_ref).collect();
    with_tail(&shown, items.len())
}

fn with_tail<S: AsRef<str>>(shown: &[S], total: usize) -> String {
    let joined = shown
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<&str>>()
        .join(", ");
    match total.saturating_sub(shown.len()) {
        0 => joined,
        more => format!("{joined} and {more} more"),
    }
}

/// The config key path of the `:files` pattern `pattern` (`package.files[2]`), or of the
/// `files` setting when Hex's default list applies.
pub fn pattern_key_path(files: &FileSet, pattern: usize) -> String {
    match files.patterns.get(pattern) {
        Some(p) if p.is_explicit() => format!("package.files[{pattern}]"),
        _ => "package.files".to_string(),
    }
}

/// How a message names the pattern: `"priv"` for an explicit one, `Hex's default "priv"`
/// otherwise.
pub fn pattern_label(files: &FileSet, pattern: usize) -> String {
    match files.patterns.get(pattern) {
        Some(p) if p.is_explicit() => format!("{:?}", p.text),
        Some(p) => format!("Hex's default {:?}", p.text),
        None => "the file list".to_string(),
    }
}

/// How a message says where files came from: `listed in \`files\`` when the pattern names exactly
/// the one file, else `packaged by "priv"` (or `packaged by Hex's default "priv"`).
pub fn origin(files: &FileSet, pattern: usize, paths: &[&str]) -> String {
    match (files.patterns.get(pattern), paths) {
        (Some(p), [only]) if p.is_explicit() && p.text.trim_start_matches("./") == *only => {
            "listed in `files`".to_string()
        }
        _ => format!("packaged by {}", pattern_label(files, pattern)),
    }
}

/// The span a finding about a file points at: the `:files` pattern that brought it in, or (for
/// Hex's default list) the `files:` key, else the `package:` key.
pub fn pattern_span(
    project: &Project,
    files: &FileSet,
    pattern: usize,
) -> Option<crate::source::Span> {
    files
        .patterns
        .get(pattern)
        .and_then(|p| p.span())
        .or_else(|| files_setting_span(project, files))
}

/// The span findings about the package as a whole point at: the `files:` key, else the
/// `package:` key, else the package value.
pub fn files_setting_span(project: &Project, files: &FileSet) -> Option<crate::source::Span> {
    files
        .files_key_span
        .or_else(|| project.config.key_span("package"))
        .or(files.package_span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_paths_with_a_tail() {
        assert_eq!(list_paths(&["a", "b"], 5), "`a`, `b`");
        assert_eq!(list_paths(&["a", "b", "c"], 2), "`a`, `b` and 1 more");
        assert_eq!(
            list_items(&["a (1)", "b (2)", "c"], 2),
            "a (1), b (2) and 1 more"
        );
    }
}
