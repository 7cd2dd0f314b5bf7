//! Where the previous release's source comes from: a git revision (by default the newest tag
//! below the current version), an unpacked package directory, a Hex package tarball, or the Hex
//! repository. Each becomes a directory read like a project.

use crate::api::PackageApi;
use crate::hex::version::Version;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The largest tarball read (hex.pm refuses packages over 8 MiB compressed; mirrors may differ).
const MAX_TARBALL: u64 = 64 * 1024 * 1024;

/// The public Hex repository.
pub const HEX_REPO: &str = "https://repo.hex.pm";

/// How to find the baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaselineSpec {
    /// The newest git tag that parses as a version (`v1.2.3` or `1.2.3`) lower than the current
    /// version, pre-releases aside.
    DefaultTag,
    Rev(String),
    Dir(PathBuf),
    Tarball(PathBuf),
    /// A version fetched from the Hex repository at `repo` (`$HEX_MIRROR`, else repo.hex.pm).
    Version {
        version: String,
        repo: String,
    },
}

/// A baseline ready to read.
#[derive(Debug)]
pub struct Baseline {
    /// For messages: `git tag v1.2.0`, `directory ../old`, `tarball foo-1.2.0.tar`.
    pub label: String,
    /// The project directory of the baseline.
    pub root: PathBuf,
    /// What locations in the baseline are prefixed with (`v1.2.0:`).
    pub shown_prefix: String,
    /// The version named by the tag or the tarball's metadata, when there is one.
    pub version: Option<Version>,
    _tmp: Option<tempfile::TempDir>,
}

/// The version a git tag names: `v1.2.3`, `1.2.3`, `name-v1.2.3`, `name@1.2.3`.
pub fn tag_version(tag: &str) -> Option<Version> {
    let tail = tag.rsplit(['@', '/']).next().unwrap_or(tag);
    let candidates = [
        tail,
        tail.strip_prefix('v').unwrap_or(tail),
        tail.rsplit_once("-v").map_or(tail, |(_, v)| v),
    ];
    candidates.iter().find_map(|c| Version::parse(c).ok())
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}

/// The newest tag below `current` (pre-release tags aside), with its version.
pub fn default_tag(root: &Path, current: &Version) -> Result<Option<(String, Version)>, String> {
    let tags = git(root, &["tag", "--list"])?;
    let best = String::from_utf8_lossy(&tags)
        .lines()
        .filter_map(|t| tag_version(t).map(|v| (t.to_string(), v)))
        .filter(|(_, v)| !v.is_prerelease() && v < current)
        .max_by(|a, b| a.1.cmp(&b.1));
    Ok(best)
}

impl Baseline {
    /// Materialise the baseline for the project in `root` whose version is `current` and whose
    /// Hex package name is `name`.
    pub fn resolve(
        spec: &BaselineSpec,
        root: &Path,
        current: Option<&Version>,
        name: Option<&str>,
    ) -> Result<Baseline, String> {
        match spec {
            BaselineSpec::DefaultTag => {
                let current = current.ok_or(
                    "the current version is not known, so no tag can be chosen as the baseline: pass --baseline-rev",
                )?;
                match default_tag(root, current)? {
                    Some((tag, version)) => {
                        let mut b = from_git(root, &tag)?;
                        b.label = format!("git tag {tag}");
                        b.version = Some(version);
                        Ok(b)
                    }
                    None => Err(format!(
                        "no git tag names a version lower than {current}: pass --baseline-rev, --baseline-dir, --baseline-tarball or --baseline-version"
                    )),
                }
            }
            BaselineSpec::Rev(rev) => {
                let mut b = from_git(root, rev)?;
                b.version = tag_version(rev);
                Ok(b)
            }
            BaselineSpec::Dir(dir) => {
                if !dir.is_dir() {
                    return Err(format!(
                        "baseline directory {} does not exist",
                        dir.display()
                    ));
                }
                Ok(Baseline {
                    label: format!("directory {}", dir.display()),
                    root: dir.clone(),
                    shown_prefix: format!("{}/", dir.display()),
                    version: None,
                    _tmp: None,
                })
            }
            BaselineSpec::Tarball(file) => {
                let bytes = read_limited(
                    std::fs::File::open(file)
                        .map_err(|e| format!("cannot read {}: {e}", file.display()))?,
                )?;
                let shown = file.file_name().map_or_else(
                    || file.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                from_tarball(&bytes, &format!("tarball {}", file.display()), &shown)
            }
            BaselineSpec::Version { version, repo } => {
                let name = name.ok_or(
                    "the package name is not known, so the tarball cannot be fetched: pass --baseline-tarball",
                )?;
                let file = format!("{name}-{version}.tar");
                let url = format!("{}/tarballs/{file}", repo.trim_end_matches('/'));
                let bytes = fetch(&url)?;
                from_tarball(
                    &bytes,
                    &format!("Hex release {name} {version} ({url})"),
                    &file,
                )
            }
        }
    }

    /// The baseline's API and its version (from its mix.exs when readable, else the tag's or
    /// tarball's).
    pub fn api(&self) -> (PackageApi, Option<Version>) {
        read_tree(&self.root, &self.shown_prefix, self.version.clone())
    }
}

/// Read the API of a project directory: the files its mix.exs packages and compiles, or `lib/`
/// and `src/` when mix.exs cannot be read.
pub fn read_tree(
    root: &Path,
    shown_prefix: &str,
    known: Option<Version>,
) -> (PackageApi, Option<Version>) {
    let config = crate::config::Config::default();
    match crate::load::load_project(root, Some("prod".into())) {
        Ok(project) => {
            let files = crate::files::FileSet::for_project(&project, &config);
            let version = known.or_else(|| {
                project
                    .version
                    .as_ref()
                    .and_then(|v| v.as_str())
                    .and_then(|s| Version::parse(s).ok())
            });
            (api_of(&project, &files, shown_prefix), version)
        }
        Err(_) => {
            let mut files = Vec::new();
            for dir in ["lib", "src"] {
                for (full, rel) in crate::modules::walk_sources(root, dir) {
                    match crate::modules::discover::source_lang(&rel) {
                        Some(crate::modules::discover::SourceLang::Elixir) => {
                            files.push((full, rel, false))
                        }
                        Some(crate::modules::discover::SourceLang::Erlang) => {
                            files.push((full, rel, true))
                        }
                        _ => {}
                    }
                }
            }
            (PackageApi::from_files(&files, shown_prefix), known)
        }
    }
}

/// The API of a loaded project's compiled, packaged sources.
pub fn api_of(
    project: &crate::project::Project,
    files: &crate::files::FileSet,
    shown_prefix: &str,
) -> PackageApi {
    use crate::modules::discover::SourceLang;
    let sources: Vec<(PathBuf, String, bool)> = crate::modules::compiled_sources(project, files)
        .into_iter()
        .filter_map(|(full, rel, lang)| match lang {
            SourceLang::Elixir => Some((full, rel, false)),
            SourceLang::Erlang => Some((full, rel, true)),
            SourceLang::LeexYecc => None,
        })
        .collect();
    PackageApi::from_files(&sources, shown_prefix)
}

/// `git archive REV` of the project's directory, unpacked into a temporary directory.
fn from_git(root: &Path, rev: &str) -> Result<Baseline, String> {
    let top = String::from_utf8_lossy(&git(root, &["rev-parse", "--show-toplevel"])?)
        .trim()
        .to_string();
    let prefix = String::from_utf8_lossy(&git(root, &["rev-parse", "--show-prefix"])?)
        .trim()
        .to_string();
    let commit = format!("{rev}^{{commit}}");
    git(root, &["rev-parse", "--verify", "--quiet", &commit])
        .map_err(|_| format!("`{rev}` is not a git revision of {top}"))?;
    let mut args = vec!["archive", "--format=tar", rev];
    if !prefix.is_empty() {
        args.push("--");
        args.push(&prefix);
    }
    let tar = git(Path::new(&top), &args)?;
    let tmp =
        tempfile::tempdir().map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    tar::Archive::new(&tar[..])
        .unpack(tmp.path())
        .map_err(|e| format!("cannot unpack `git archive {rev}`: {e}"))?;
    Ok(Baseline {
        label: format!("git revision {rev}"),
        root: tmp.path().join(&prefix),
        shown_prefix: format!("{rev}:{prefix}"),
        version: None,
        _tmp: Some(tmp),
    })
}

fn read_limited(r: impl Read) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    r.take(MAX_TARBALL + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the tarball: {e}"))?;
    if bytes.len() as u64 > MAX_TARBALL {
        return Err(format!("the tarball is larger than {MAX_TARBALL} bytes"));
    }
    Ok(bytes)
}

/// A Hex package tarball (outer tar: `VERSION`, `CHECKSUM`, `metadata.config`,
/// `contents.tar.gz`): the contents unpacked into a temporary directory, the version from the
/// metadata.
pub fn from_tarball(bytes: &[u8], label: &str, shown: &str) -> Result<Baseline, String> {
    let mut contents = None;
    let mut metadata = None;
    let mut outer = tar::Archive::new(bytes);
    let entries = outer
        .entries()
        .map_err(|e| format!("{label} is not a Hex package tarball: {e}"))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| format!("{label} is not a Hex package tarball: {e}"))?;
        let name = entry
            .path()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut data = Vec::new();
        match name.as_str() {
            "contents.tar.gz" | "metadata.config" => {
                (&mut entry)
                    .take(MAX_TARBALL + 1)
                    .read_to_end(&mut data)
                    .map_err(|e| format!("cannot read {name} in {label}: {e}"))?;
            }
            _ => continue,
        }
        if name == "contents.tar.gz" {
            contents = Some(data);
        } else {
            metadata = Some(String::from_utf8_lossy(&data).into_owned());
        }
    }
    let contents = contents.ok_or(format!(
        "{label} is not a Hex package tarball: it has no contents.tar.gz"
    ))?;
    let tmp =
        tempfile::tempdir().map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    // `unpack` refuses members that would land outside the directory.
    let gz = flate2::read::GzDecoder::new(&contents[..]).take(4 * MAX_TARBALL);
    tar::Archive::new(gz)
        .unpack(tmp.path())
        .map_err(|e| format!("cannot unpack contents.tar.gz of {label}: {e}"))?;
    let version = metadata.as_deref().and_then(metadata_version);
    Ok(Baseline {
        label: label.to_string(),
        root: tmp.path().to_path_buf(),
        shown_prefix: format!("{shown}:"),
        version,
        _tmp: Some(tmp),
    })
}

/// `{<<"version">>,<<"1.2.3">>}.` in metadata.config.
fn metadata_version(text: &str) -> Option<Version> {
    let re = regex::Regex::new(r#"\{<<"version">>,\s*<<"([^"]+)">>\}"#).ok()?;
    Version::parse(re.captures(text)?.get(1)?.as_str()).ok()
}

/// GET a tarball (HTTP or HTTPS), at most [`MAX_TARBALL`] bytes.
fn fetch(url: &str) -> Result<Vec<u8>, String> {
    let response = ureq::get(url)
        .call()
        .map_err(|e| format!("cannot fetch {url}: {e}"))?;
    let mut body = response.into_body();
    read_limited(body.as_reader())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_name_versions() {
        let v = |t: &str| tag_version(t).map(|v| v.to_string());
        assert_eq!(v("v1.2.3").as_deref(), Some("1.2.3"));
        assert_eq!(v("1.2.3").as_deref(), Some("1.2.3"));
        assert_eq!(v("foo-v0.4.0").as_deref(), Some("0.4.0"));
        assert_eq!(v("foo@2.0.0-rc.1").as_deref(), Some("2.0.0-rc.1"));
        assert_eq!(v("release-candidate"), None);
    }

    #[test]
    fn metadata_names_the_version() {
        let text = "{<<\"name\">>,<<\"foo\">>}.\n{<<\"version\">>,<<\"0.3.1\">>}.\n";
        assert_eq!(metadata_version(text).unwrap().to_string(), "0.3.1");
    }
}
