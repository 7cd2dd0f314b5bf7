//! `hexlint modules`: the modules the package defines and their namespace verdicts.

use crate::cli::{ExitStatus, ModulesArgs};

pub fn run(_args: ModulesArgs) -> ExitStatus {
    eprintln!("hexlint modules: not implemented yet");
    ExitStatus::Error
}
