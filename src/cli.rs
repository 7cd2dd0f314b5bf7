//! Command-line interface: clap definitions and dispatch. Each subcommand lives in
//! `src/commands/<name>.rs`; this file only parses arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Linter and pre-publish validator for Elixir packages on Hex.
///
/// Reads mix.exs statically (never runs project code) and reports what Hex and hex.pm would reject
/// or warn about, and much that they let through.
#[derive(Debug, Parser)]
#[command(name = "hexlint", version, about, long_about = None)]
pub struct Cli {
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
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
    /// Lint, then run `mix hex.publish` with the given arguments.
    Publish(PublishArgs),
    /// Write a commented .hexlint.toml.
    Init(InitArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum FailOn {
    Info,
    Warning,
    Error,
}

/// Options shared by `check` and `publish`'s lint phase.
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
    /// Find every mix.exs below the given paths (honours .gitignore; skips deps/ and _build/).
    #[arg(long, short = 'r')]
    pub recursive: bool,
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
}

#[derive(Debug, Args)]
pub struct ModulesArgs {
    pub path: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = TextOrJson::Human)]
    pub format: TextOrJson,
    #[arg(long)]
    pub env: Option<String>,
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
    #[arg(long, value_enum)]
    pub format: Option<CheckFormat>,
    #[command(flatten)]
    pub lint: LintArgs,
    /// Arguments for `mix hex.publish` (after `--`, or known Hex flags directly).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub mix_args: Vec<String>,
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

/// Parse arguments and run the command.
pub fn run() -> ExitStatus {
    let cli = match Cli::try_parse() {
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
        Command::Publish(args) => crate::commands::publish::run(args, color),
        Command::Init(args) => crate::commands::init::run(args),
    }
}
