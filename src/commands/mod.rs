//! One file per subcommand. Each takes its parsed arguments and returns an exit status.

pub mod check;
pub mod files;
pub mod init;
pub mod metadata;
pub mod modules;
pub mod publish;
pub mod rules;

use crate::cli::ExitStatus;
use crate::load::LoadError;

/// Print a load error to stderr (miette, with the snippet) and return exit status 2.
pub fn report_load_error(err: &LoadError) -> ExitStatus {
    eprintln!("{:?}", err.to_report());
    ExitStatus::Error
}

/// The path argument or the current directory.
pub fn path_or_cwd(path: Option<std::path::PathBuf>) -> std::path::PathBuf {
    path.unwrap_or_else(|| std::path::PathBuf::from("."))
}

/// Print to stdout; a closed pipe (`hexlint check | head`) is not an error, and never a panic.
pub fn write_stdout(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
}
