//! One file per subcommand. Each takes its parsed arguments and returns an exit status.

pub mod check;
pub mod files;
pub mod fix;
pub mod init;
pub mod metadata;
pub mod modules;
pub mod publish;
pub mod rules;
pub mod semver;
pub mod server;
pub mod verify;

use crate::cli::ExitStatus;
use crate::load::LoadError;

/// Print a load error to stderr (miette, with the snippet made safe for a terminal) and return
/// exit status 2.
pub fn report_load_error(err: &LoadError) -> ExitStatus {
    write_stderr(&crate::render::human::render_load_error(
        err,
        stderr_color(),
    ));
    ExitStatus::Error
}

/// Colour on stderr: when it is a terminal, and the environment does not say otherwise.
pub fn stderr_color() -> bool {
    use std::io::IsTerminal;
    crate::render::use_color(
        crate::cli::ColorChoice::Auto,
        |k| std::env::var(k).ok(),
        std::io::stderr().is_terminal(),
    )
}

/// Print to stderr, ignoring a closed stream.
pub fn write_stderr(text: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|_| err.flush());
}

/// A line for stderr (`warning: …`, `error: …`) with the input-derived text made safe.
pub fn eprint_safe(text: &str) {
    write_stderr(&format!(
        "{}\n",
        crate::render::terminal::escape_controls(text)
    ));
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
