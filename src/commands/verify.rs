//! `hexlint verify`: copy the packaged files to a temporary directory and compile them as a
//! user's project would compile the Hex dependency (see [`crate::verify`]). Runs project code.

use super::{eprint_safe, path_or_cwd, report_load_error, write_stdout};
use crate::cli::{ExitStatus, VerifyArgs};
use crate::config::Config;
use crate::files::FileSet;
use crate::load::load_project_with;
use crate::verify::{Options, Outcome, verify};

/// Lines of the compiler's output shown after a failure.
const TAIL_LINES: usize = 30;

pub fn run(args: VerifyArgs) -> ExitStatus {
    let path = path_or_cwd(args.path.clone());
    let project = match load_project_with(&path, args.env.clone(), args.elixir.as_deref()) {
        Ok(p) => p,
        Err(e) => return report_load_error(&e),
    };
    let files = FileSet::for_project(&project, &Config::default());
    run_on(&project, &files, &args)
}

/// Verify a loaded project (also used by `hexlint publish --verify`).
pub fn run_on(project: &crate::project::Project, files: &FileSet, args: &VerifyArgs) -> ExitStatus {
    let opts = Options {
        fetch: args.fetch,
        keep: args.keep,
        mix: None,
    };
    let count = files.entries.iter().filter(|e| e.is_file()).count();
    eprint_safe(&format!(
        "hexlint verify: compiling the {count} packaged files as a Hex dependency (MIX_ENV=prod); this runs the project's code"
    ));
    let v = match verify(project, files, &opts) {
        Ok(v) => v,
        Err(e) => {
            eprint_safe(&format!("error: {e}"));
            return ExitStatus::Error;
        }
    };
    for note in &v.notes {
        eprint_safe(&format!("note: {note}"));
    }
    if let Some(dir) = &v.kept {
        eprint_safe(&format!("note: the copy is kept in {}", dir.display()));
    }
    let tail = |output: &str| {
        let lines: Vec<&str> = output.lines().collect();
        let from = lines.len().saturating_sub(TAIL_LINES);
        lines[from..].join("\n")
    };
    match v.outcome {
        Outcome::Compiled => {
            write_stdout("verified: the packaged files compile as a dependency\n");
            ExitStatus::Success
        }
        Outcome::Failed { missing, output } => {
            let mut text = String::from(
                "failed: the packaged files do not compile as a dependency (they may compile from git)\n",
            );
            if let Some(m) = missing {
                text.push_str(&format!(
                    "first file the compile could not find: {m} (add it to package[:files], or stop reading it at compile time)\n"
                ));
            } else if let Some(e) = crate::verify::first_error(&output) {
                text.push_str(&format!("first error: {e}\n"));
            }
            text.push_str("--- mix compile output (last lines) ---\n");
            text.push_str(&tail(&output));
            text.push('\n');
            write_stdout(&crate::render::terminal::escape_controls(&text));
            ExitStatus::Findings
        }
        Outcome::NotChecked { reason, output } => {
            eprint_safe(&format!("not checked: {reason}"));
            if !output.is_empty() {
                eprint_safe(&tail(&output));
            }
            ExitStatus::Error
        }
    }
}
