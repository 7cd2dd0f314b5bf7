//! Which Elixir and Erlang/OTP `mix` would run, read from their installation files without
//! starting the BEAM: the `vsn` of `lib/elixir/ebin/elixir.app` next to the `mix` found on
//! `PATH`, and `releases/<N>/OTP_VERSION` next to `erl`. Reading them takes a few file reads.

use std::path::{Path, PathBuf};

/// The versions `System.version()` and `System.otp_release()` would return.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Toolchain {
    /// `"1.14.0"`.
    pub elixir: Option<String>,
    /// `"25"` (the major release, as `System.otp_release()` gives it).
    pub otp_release: Option<String>,
    /// Where the Elixir version came from: `--elixir`, `.hexlint.toml`, or the `elixir.app` read.
    pub source: Option<String>,
}

impl Toolchain {
    /// The toolchain `mix` on `PATH` would run, if one is installed; looked up once per process
    /// (a `--recursive` run over many packages reads the files once).
    pub fn detect() -> Toolchain {
        static DETECTED: std::sync::OnceLock<Toolchain> = std::sync::OnceLock::new();
        DETECTED.get_or_init(Toolchain::detect_now).clone()
    }

    fn detect_now() -> Toolchain {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
        let find = |name: &str| {
            let names = crate::portable::program_file_names(name);
            dirs.iter()
                .flat_map(|d| names.iter().map(move |n| d.join(n)))
                .find(|p| p.is_file())
                .and_then(|p| std::fs::canonicalize(p).ok())
        };
        let mut toolchain = Toolchain::default();
        // `<root>/bin/mix` → `<root>/lib/elixir/ebin/elixir.app`.
        if let Some(app) = find("mix").and_then(|mix| {
            // Component by component: a canonical Windows path (`\\?\C:\…`) takes no `/`.
            let root = mix.parent()?.parent()?;
            Some(
                root.join("lib")
                    .join("elixir")
                    .join("ebin")
                    .join("elixir.app"),
            )
        }) && let Some(vsn) = std::fs::read_to_string(&app).ok().and_then(|t| app_vsn(&t))
        {
            toolchain.elixir = Some(vsn);
            toolchain.source = Some(app.display().to_string());
        }
        // `<root>/bin/erl` → `<root>/releases/<N>/OTP_VERSION`.
        toolchain.otp_release = find("erl")
            .and_then(|erl| Some(erl.parent()?.parent()?.join("releases")))
            .and_then(|releases| otp_release(&releases));
        toolchain
    }

    /// `version` given by the user (`--elixir`, `elixir-version`), OTP as detected.
    pub fn with_elixir(mut self, version: &str, source: &str) -> Toolchain {
        self.elixir = Some(version.to_string());
        self.source = Some(source.to_string());
        self
    }
}

/// A version given by the user (`--elixir 1.18` or `1.18.4`) as `System.version()` would print
/// it (`1.18.0`); `None` when it is not a version.
pub fn normalize_version(given: &str) -> Option<String> {
    let given = given.trim().trim_start_matches('v');
    let full = if given.matches('.').count() == 1 && !given.contains('-') {
        format!("{given}.0")
    } else {
        given.to_string()
    };
    crate::hex::version::Version::parse(&full)
        .ok()
        .map(|_| full)
}

/// `{vsn,"1.14.0"}` in an `.app` file.
fn app_vsn(text: &str) -> Option<String> {
    let at = text.find("{vsn")?;
    let rest = &text[at..];
    let open = rest.find('"')?;
    let close = rest[open + 1..].find('"')?;
    Some(rest[open + 1..open + 1 + close].to_string())
}

/// The newest `<N>` under `releases/` that has an `OTP_VERSION` file.
fn otp_release(releases: &Path) -> Option<String> {
    std::fs::read_dir(releases)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.path().join("OTP_VERSION").is_file())
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .max()
        .map(|n| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_versions_are_normalized() {
        assert_eq!(normalize_version("1.18").as_deref(), Some("1.18.0"));
        assert_eq!(
            normalize_version("v1.19.0-rc.1").as_deref(),
            Some("1.19.0-rc.1")
        );
        assert_eq!(normalize_version("1.18.4").as_deref(), Some("1.18.4"));
        assert_eq!(normalize_version("latest"), None);
    }

    #[test]
    fn reads_the_version_of_an_app_file() {
        let app = "{application,elixir,\n [{description,\"elixir\"},\n  {vsn,\"1.14.0\"},\n  {modules,[]}]}.\n";
        assert_eq!(app_vsn(app).as_deref(), Some("1.14.0"));
        assert_eq!(app_vsn("{application,x,[]}."), None);
    }

    #[test]
    fn finds_the_newest_otp_release() {
        let dir = tempfile::tempdir().unwrap();
        for (n, file) in [("24", true), ("26", true), ("27", false)] {
            std::fs::create_dir_all(dir.path().join(n)).unwrap();
            if file {
                std::fs::write(dir.path().join(n).join("OTP_VERSION"), "x").unwrap();
            }
        }
        assert_eq!(otp_release(dir.path()).as_deref(), Some("26"));
    }
}
