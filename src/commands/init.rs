//! `hexlint init [PATH]`: write a commented `.hexlint.toml` documenting every option. Never
//! overwrites an existing file (exit code 2).

use super::path_or_cwd;
use crate::cli::{ExitStatus, InitArgs};
use crate::config::FILE_NAME;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: InitArgs) -> ExitStatus {
    match write_config(&path_or_cwd(args.path)) {
        Ok(path) => {
            println!("wrote {}", path.display());
            ExitStatus::Success
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitStatus::Error
        }
    }
}

/// Write the template into `dir/.hexlint.toml`; the error is a message for the user.
pub fn write_config(dir: &Path) -> Result<PathBuf, String> {
    if !dir.is_dir() {
        return Err(format!("{} is not a directory", dir.display()));
    }
    let path = dir.join(FILE_NAME);
    // `create_new` refuses an existing file atomically (no check-then-write race).
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => format!(
                "{} already exists; hexlint init never overwrites it (edit it, or delete it first)",
                path.display()
            ),
            _ => format!("cannot create {}: {e}", path.display()),
        })?;
    file.write_all(template().as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// The commented template: every option, all commented out (the file changes nothing as is).
pub fn template() -> String {
    let mut rules = String::new();
    let mut group = "";
    for rule in crate::rules::RULES {
        if rule.group.as_str() != group {
            group = rule.group.as_str();
            rules.push_str(&format!("#   {group}:\n"));
        }
        rules.push_str(&format!(
            "#     {:<28} {:<7}  {}\n",
            rule.id,
            rule.severity.as_str(),
            rule.summary
        ));
    }
    format!(
        r#"# hexlint configuration: https://github.com/hexlint/hexlint
#
# hexlint reads the .hexlint.toml in the project directory, or the first one found in a parent
# directory (the closest wins; files are not merged). `hexlint check --config FILE` uses FILE.
# Every option below is commented out, so this file changes nothing until you edit it.

# Rules to run: rule ids, group names (metadata, deps, license, files, namespace, publish,
# semver, config) or "all". Default: every rule. `--select` on the command line replaces this
# list. (The semver group runs in `hexlint semver` and `hexlint publish`; `ignore = ["semver"]`
# keeps publish from comparing the API with the previous release.)
# select = ["all"]

# Rules to skip (ids or group names). `--ignore` on the command line adds to this list.
# ignore = ["unbounded-requirement"]

# Change a rule's severity: "error", "warning", "info", or "off" (same as ignoring it).
# [severity]
# unused-suppression = "error"

# The lowest severity that makes `hexlint check` exit with 1: "error" (default), "warning"
# or "info". `--fail-on` on the command line wins.
# fail-on = "warning"

# Module namespaces this package owns besides the one derived from its name.
# namespaces = ["MyApp", "MyApp.Plugins"]

# Files larger than this are reported by the large-file rule: "2 MiB", "500 KB" (1 KB = 1000
# bytes, 1 KiB = 1024 bytes) or a number of bytes. Default: "1 MiB".
# large-file-size = "1 MiB"

# The Elixir version mix.exs sees in System.version() (and Version.match?, Code.ensure_loaded?
# of Elixir's modules, Mix.compilers()). Default: the Elixir that `mix` on PATH runs, read from
# its installation files; `--elixir VERSION` on the command line wins.
# elixir-version = "1.18.4"

# Inline suppressions, in mix.exs, on the line before the finding or at the end of its line:
#   # hexlint: ignore[rule-id] why this is fine
#   # hexlint: ignore[rule-a, rule-b] why
# A suppression that suppresses nothing is reported as `unused-suppression`.

# Rules (id, default severity, summary); `hexlint rules` prints the current list and
# `hexlint rule ID` explains one:
{rules}"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_template_that_parses_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_config(dir.path()).unwrap();
        assert_eq!(path, dir.path().join(".hexlint.toml"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("# fail-on = \"warning\""));
        assert!(text.contains("#     unused-suppression"));
        for key in crate::config::KEYS {
            assert!(
                text.contains(&format!("# {key} ")) || text.contains(&format!("# [{key}]")),
                "{key} undocumented"
            );
        }
        let config = crate::config::Config::parse(&path, &text).unwrap();
        assert!(config.is_enabled("unused-suppression"));
        assert_eq!(config.fail_on, None);
        // Uncommenting the examples gives a valid config too.
        let uncommented: String = text
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| {
                [
                    "select",
                    "ignore",
                    "fail-on",
                    "namespaces",
                    "large-file-size",
                    "elixir-version",
                ]
                .iter()
                .any(|key| l.starts_with(&format!("{key} =")))
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let severity: String = text
            .lines()
            .skip_while(|l| *l != "# [severity]")
            .take_while(|l| l.starts_with("# "))
            .map(|l| format!("{}\n", &l[2..]))
            .collect();
        assert!(severity.starts_with("[severity]\n") && severity.lines().count() > 1);
        let config =
            crate::config::Config::parse(&path, &format!("{uncommented}{severity}")).unwrap();
        assert_eq!(config.large_file_size, Some(1024 * 1024));
        assert_eq!(config.namespaces, ["MyApp", "MyApp.Plugins"]);
        assert!(!config.is_enabled("unbounded-requirement"));
        assert_eq!(config.fail_on, Some(crate::diagnostic::FailOn::Warning));
        assert_eq!(
            config.severity_of("unused-suppression", crate::diagnostic::Severity::Warning),
            crate::diagnostic::Severity::Error
        );
    }

    #[test]
    fn refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".hexlint.toml");
        std::fs::write(&path, "mine = 1\n").unwrap();
        let err = write_config(dir.path()).unwrap_err();
        assert!(err.contains("already exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine = 1\n");
    }

    #[test]
    fn refuses_a_missing_directory() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_config(&dir.path().join("nope")).unwrap_err();
        assert!(err.contains("is not a directory"), "{err}");
    }
}
