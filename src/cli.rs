//! Command-line interface: clap definitions and dispatch. Each subcommand lives in
//! `src/commands/<name>.rs`; this file only parses arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

// The formats, colour choice and fail threshold are used below the CLI too (render, config), so
// they live there; re-exported here because the argument definitions use them.
pub use crate::diagnostic::FailOn;
pub use crate::render::{CheckFormat, ColorChoice};

/// Linter and pre-publish validator for Elixir packages on Hex.
///
/// Reads mix.exs statically (never runs project code, except in `hexlint verify`) and reports what
/// Hex and hex.pm would reject or warn about, and much that they let through.
#[derive(Debug, Parser)]
#[command(name = "hexlint", version, about, long_about = None)]
pub struct Cli {
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

// `defer`: each subcommand's arguments are defined only when that subcommand runs (or its help is
// shown), not all of them at every start: defining them all was 60% of `hexlint --version`'s
// instructions and about 50 of its page faults.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Lint one or more projects.
    Check(CheckArgs),
    /// Print what hexlint reads from mix.exs (the project configuration).
    Metadata(MetadataArgs),
    /// List the files the package will contain, with sizes.
    Files(FilesArgs),
    /// List the modules the package defines and their namespace verdicts.
    Modules(ModulesArgs),
    /// List every rule.
    Rules(RulesArgs),
    /// Print one rule's documentation.
    Rule(RuleArgs),
    /// Compare the public API with a baseline release and judge the version bump.
    Semver(SemverArgs),
    /// Lint, then run `mix hex.publish` with the given arguments.
    Publish(PublishArgs),
    /// Write a commented .hexlint.toml.
    Init(InitArgs),
    /// Compile the packaged files as a Hex user would. RUNS THE PROJECT'S CODE.
    ///
    /// Copies exactly the files Hex would package to a temporary directory and compiles them as a
    /// `path:` dependency of a throwaway project with MIX_ENV=prod, the way every user's project
    /// compiles the package. Unlike every other command, this runs the project's mix.exs and
    /// compile-time code: use it on code you trust. `check` never does this. Exit 0 when it
    /// compiles, 1 when it does not (naming the first file the compile could not find), 2 when
    /// it could not be checked (no `mix`, dependencies not fetched …).
    Verify(VerifyArgs),
    /// Run a language server over stdio (diagnostics, quick fixes and hover for mix.exs).
    Server(ServerArgs),
}

// Options shared by `check` and `publish`'s lint phase. (A plain comment, here and on
// `BaselineArgs`: with `defer`, a flattened struct's doc comment would replace the description of
// each subcommand that flattens it.)
#[derive(Debug, Clone, Args)]
pub struct LintArgs {
    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Skip these rules (repeatable); overrides .hexlint.toml.
    #[arg(long = "ignore", value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Run only these rules (repeatable); overrides .hexlint.toml.
    #[arg(long = "select", value_name = "RULE")]
    pub select: Vec<String>,
    /// Mix environment to evaluate mix.exs in (default: $MIX_ENV or dev).
    #[arg(long)]
    pub env: Option<String>,
    /// Elixir version mix.exs sees in `System.version()` (default: `elixir-version` in
    /// .hexlint.toml, else the Elixir that `mix` on PATH runs, else every release the project's
    /// `elixir:` allows); `all` evaluates every such release even when Elixir is installed.
    #[arg(long, value_name = "VERSION")]
    pub elixir: Option<String>,
    /// Use this config file instead of searching for .hexlint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Project directories or mix.exs files (default: the current directory).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum)]
    pub format: Option<CheckFormat>,
    /// Write the report to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Always exit 0 when the check ran (still 2 on errors).
    #[arg(long)]
    pub exit_zero: bool,
    /// List every finding in the human and concise formats (by default each rule shows at most
    /// 5 per package, then "… and N more"); json, sarif and github always list all.
    #[arg(long)]
    pub verbose: bool,
    /// Find every mix.exs below the given paths (honours .gitignore; skips deps/ and _build/).
    #[arg(long, short = 'r')]
    pub recursive: bool,
    /// Apply the safe fixes to mix.exs (and .hexlint.toml), re-lint and repeat until nothing
    /// changes; then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Print the fixes as a unified diff and change nothing (exit 1 when there is something to
    /// fix, 0 when there is not).
    #[arg(long)]
    pub diff: bool,
    /// With --fix or --diff, also apply the fixes that change what the project means.
    #[arg(long)]
    pub unsafe_fixes: bool,
    #[command(flatten)]
    pub lint: LintArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct MetadataArgs {
    /// Project directory or its mix.exs (default: the current directory).
    pub path: Option<PathBuf>,
    /// Mix environment (default: $MIX_ENV or dev).
    #[arg(long)]
    pub env: Option<String>,
    #[arg(long, value_enum, default_value_t = TextOrJson::Human)]
    pub format: TextOrJson,
    /// Elixir version mix.exs sees in `System.version()` (default: the Elixir `mix` on PATH runs,
    /// else every release the project's `elixir:` allows); `all` for every release.
    #[arg(long, value_name = "VERSION")]
    pub elixir: Option<String>,
}

#[derive(Debug, Args)]
pub struct FilesArgs {
    pub path: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = TextOrJson::Human)]
    pub format: TextOrJson,
    /// Show the list as a tree.
    #[arg(long)]
    pub tree: bool,
    #[arg(long)]
    pub env: Option<String>,
    /// Elixir version mix.exs sees in `System.version()` (default: the Elixir `mix` on PATH runs,
    /// else every release the project's `elixir:` allows); `all` for every release.
    #[arg(long, value_name = "VERSION")]
    pub elixir: Option<String>,
}

#[derive(Debug, Args)]
pub struct ModulesArgs {
    pub path: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = TextOrJson::Human)]
    pub format: TextOrJson,
    #[arg(long)]
    pub env: Option<String>,
    /// Elixir version mix.exs sees in `System.version()` (default: the Elixir `mix` on PATH runs,
    /// else every release the project's `elixir:` allows); `all` for every release.
    #[arg(long, value_name = "VERSION")]
    pub elixir: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableOrJson {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = TableOrJson::Table)]
    pub format: TableOrJson,
}

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// The rule id, e.g. `invalid-license`.
    pub id: String,
}

#[derive(Debug, Args)]
pub struct PublishArgs {
    /// Project directory (default: the current directory).
    #[arg(long = "path", value_name = "DIR")]
    pub path: Option<PathBuf>,
    /// Skip linting (printed, never implicit).
    #[arg(long)]
    pub no_lint: bool,
    /// Do not warn about uncommitted changes.
    #[arg(long)]
    pub allow_dirty: bool,
    /// Do not compare the API with the previous release (also: `ignore = ["semver"]` in
    /// .hexlint.toml). By default the newest git tag below `version:` is the baseline, when
    /// there is one.
    #[arg(long)]
    pub no_semver: bool,
    /// The baseline for the semver comparison (default: the newest tag below `version:`).
    #[arg(long, value_name = "REV")]
    pub baseline_rev: Option<String>,
    /// After linting, run `hexlint verify` (compile the packaged files as a Hex user would; runs
    /// the project's code) and publish only if it compiles.
    #[arg(long)]
    pub verify: bool,
    #[arg(long, value_enum)]
    pub format: Option<CheckFormat>,
    /// List every finding in the human and concise formats (by default each rule shows at most
    /// 5 per package, then "… and N more"); json, sarif and github always list all.
    #[arg(long)]
    pub verbose: bool,
    #[command(flatten)]
    pub lint: LintArgs,
    /// Arguments for `mix hex.publish`, passed through unchanged (`package`, `docs`, `--dry-run`,
    /// `--yes`, `--replace`, `--revert VERSION`, `--organization ORG`, …), with or without `--`.
    #[arg(last = true, allow_hyphen_values = true)]
    pub mix_args: Vec<String>,
}

// Where the baseline (the previous release) comes from; at most one.
#[derive(Debug, Clone, Default, Args)]
#[group(multiple = false)]
pub struct BaselineArgs {
    /// A git revision (tag, branch, commit). Default: the newest tag naming a version lower than
    /// the current `version:` (`v1.2.3` or `1.2.3`; pre-releases aside).
    #[arg(long, value_name = "REV")]
    pub baseline_rev: Option<String>,
    /// An unpacked package or project directory.
    #[arg(long, value_name = "DIR")]
    pub baseline_dir: Option<PathBuf>,
    /// A Hex package tarball (`NAME-VERSION.tar`, as `mix hex.build` writes it).
    #[arg(long, value_name = "FILE")]
    pub baseline_tarball: Option<PathBuf>,
    /// A released version, fetched from the Hex repository (see --repo-url).
    #[arg(long, value_name = "X.Y.Z")]
    pub baseline_version: Option<String>,
}

#[derive(Debug, Args)]
pub struct SemverArgs {
    /// Project directory or its mix.exs (default: the current directory).
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub baseline: BaselineArgs,
    /// Print the public API hexlint reads from the current tree (one fact per line, as the
    /// differential test compares it with the compiler's) and exit; no baseline is needed.
    #[arg(long, conflicts_with_all = ["baseline_rev", "baseline_dir", "baseline_tarball", "baseline_version"])]
    pub print_api: bool,
    /// Repository for --baseline-version (default: $HEX_MIRROR, else https://repo.hex.pm).
    #[arg(long, value_name = "URL", env = "HEX_MIRROR")]
    pub repo_url: Option<String>,
    #[arg(long, value_enum)]
    pub format: Option<CheckFormat>,
    /// Write the report to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Always exit 0 when the comparison ran (still 2 on errors).
    #[arg(long)]
    pub exit_zero: bool,
    /// List every finding in the human and concise formats (by default each rule shows at most
    /// 5, then "… and N more").
    #[arg(long)]
    pub verbose: bool,
    #[command(flatten)]
    pub lint: LintArgs,
}

#[derive(Debug, Clone, Args)]
pub struct VerifyArgs {
    /// Project directory or its mix.exs (default: the current directory).
    pub path: Option<PathBuf>,
    /// Mix environment mix.exs is read in to list the files (default: $MIX_ENV or dev, as
    /// `mix hex.publish` lists them); the compile itself always uses prod.
    #[arg(long)]
    pub env: Option<String>,
    /// Elixir version mix.exs sees in `System.version()` while listing the files.
    #[arg(long, value_name = "VERSION")]
    pub elixir: Option<String>,
    /// Let `mix deps.get` download dependencies the project has not fetched (needs the network
    /// and Hex). By default the project's own mix.lock and deps/ are reused, offline.
    #[arg(long)]
    pub fetch: bool,
    /// Keep the temporary directory and print where it is.
    #[arg(long)]
    pub keep: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ServerArgs {
    /// Milliseconds to wait after a file change before re-linting the whole project.
    #[arg(long, default_value_t = 300, value_name = "MS")]
    pub debounce: u64,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Directory to write .hexlint.toml into (default: the current directory).
    pub path: Option<PathBuf>,
}

/// Process exit status, following ruff: 0 clean, 1 findings, 2 usage/input/internal error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    Success,
    Findings,
    Error,
    /// A child process's own status (publish passes mix's through).
    Code(i32),
}

impl ExitStatus {
    pub fn code(self) -> i32 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Error => 2,
            ExitStatus::Code(c) => c,
        }
    }
}

/// hexlint's own `publish` options that take a value; every other argument goes to mix.
const PUBLISH_OPTIONS_WITH_VALUE: &[&str] = &[
    "--path",
    "--format",
    "--fail-on",
    "--ignore",
    "--select",
    "--env",
    "--config",
    "--color",
    "--baseline-rev",
];
/// hexlint's own `publish` flags.
/// (`--verbose` is hexlint's; `hexlint publish -- --verbose` would pass one to mix.)
const PUBLISH_FLAGS: &[&str] = &[
    "--no-lint",
    "--allow-dirty",
    "--no-semver",
    "--verify",
    "--verbose",
    "-h",
    "--help",
];

/// For `hexlint publish`, move every argument that is not hexlint's own (known Hex flags such as
/// `--dry-run`, `--yes`, `--revert 1.0.0`, positional `package`/`docs`) behind `--`, keeping order,
/// so they reach `mix hex.publish` unchanged with or without an explicit `--`.
pub fn split_publish_args(args: Vec<String>) -> Vec<String> {
    // The subcommand is the first argument that is neither an option nor `--color`'s value.
    let mut at = None;
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--color" => i += 2,
            a if a.starts_with('-') => i += 1,
            a => {
                at = (a == "publish").then_some(i);
                break;
            }
        }
    }
    let Some(at) = at else {
        return args;
    };
    let (head, tail) = args.split_at(at + 1);
    let mut ours: Vec<String> = head.to_vec();
    let mut mix = Vec::new();
    let mut iter = tail.iter();
    while let Some(arg) = iter.next() {
        let name = arg.split_once('=').map_or(arg.as_str(), |(n, _)| n);
        if arg == "--" {
            mix.extend(iter.by_ref().cloned());
        } else if PUBLISH_FLAGS.contains(&arg.as_str()) {
            ours.push(arg.clone());
        } else if PUBLISH_OPTIONS_WITH_VALUE.contains(&name) {
            ours.push(arg.clone());
            if !arg.contains('=')
                && let Some(v) = iter.next()
            {
                ours.push(v.clone());
            }
        } else {
            mix.push(arg.clone());
        }
    }
    ours.push("--".to_string());
    ours.extend(mix);
    ours
}

/// Parse arguments and run the command.
pub fn run() -> ExitStatus {
    let args = split_publish_args(std::env::args().collect());
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitStatus::Success
                }
                _ => ExitStatus::Error,
            };
        }
    };
    let color = cli.color;
    match cli.command {
        Command::Check(args) => crate::commands::check::run(args, color),
        Command::Metadata(args) => crate::commands::metadata::run(args),
        Command::Files(args) => crate::commands::files::run(args),
        Command::Modules(args) => crate::commands::modules::run(args),
        Command::Rules(args) => crate::commands::rules::run(args),
        Command::Rule(args) => crate::commands::rules::run_one(args),
        Command::Semver(args) => crate::commands::semver::run(args, color),
        Command::Publish(args) => crate::commands::publish::run(args, color),
        Command::Init(args) => crate::commands::init::run(args),
        Command::Verify(args) => crate::commands::verify::run(args),
        Command::Server(args) => crate::commands::server::run(args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(args: &[&str]) -> Vec<String> {
        split_publish_args(args.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn publish_args_go_to_mix_in_order() {
        assert_eq!(
            split(&[
                "hexlint",
                "publish",
                "--dry-run",
                "--fail-on",
                "warning",
                "package",
                "--revert",
                "1.0.0"
            ]),
            [
                "hexlint",
                "publish",
                "--fail-on",
                "warning",
                "--",
                "--dry-run",
                "package",
                "--revert",
                "1.0.0"
            ]
        );
        assert_eq!(
            split(&["hexlint", "publish", "--no-lint", "--", "--format", "x"]),
            ["hexlint", "publish", "--no-lint", "--", "--format", "x"]
        );
        assert_eq!(
            split(&["hexlint", "check", "--dry-run"]),
            ["hexlint", "check", "--dry-run"]
        );
    }

    #[test]
    fn publish_parses_after_split() {
        let cli = Cli::try_parse_from(split(&[
            "hexlint",
            "publish",
            "--yes",
            "--env=prod",
            "docs",
        ]))
        .unwrap();
        let Command::Publish(p) = cli.command else {
            panic!("not publish")
        };
        assert_eq!(p.mix_args, ["--yes", "docs"]);
        assert_eq!(p.lint.env.as_deref(), Some("prod"));
    }
}

#[cfg(test)]
mod deferred_subcommands {
    use super::*;
    use clap::CommandFactory;

    /// The subcommands' arguments are defined late (`defer`), after the subcommand's own
    /// settings: a doc comment on a flattened `Args` struct would then replace the subcommand's
    /// description in its help.
    #[test]
    fn each_subcommand_help_opens_with_its_own_description() {
        let cli = Cli::command();
        let subcommands: Vec<_> = cli.get_subcommands().collect();
        assert!(subcommands.len() >= 10);
        for sub in subcommands {
            let about = sub
                .get_about()
                .expect("every subcommand is described")
                .to_string();
            let err = Cli::try_parse_from(["hexlint", sub.get_name(), "--help"]).unwrap_err();
            assert_eq!(err.kind(), clap::error::ErrorKind::DisplayHelp);
            let help = err.render().to_string();
            // `--help` shows the long description where there is one: its first line may end
            // with the full stop that the short one drops.
            let first_line = help
                .lines()
                .next()
                .unwrap_or_default()
                .trim_end_matches('.');
            assert_eq!(first_line, about, "{}", sub.get_name());
        }
    }
}
