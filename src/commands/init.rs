//! `hexlint init`: write a commented .hexlint.toml.

use crate::cli::{ExitStatus, InitArgs};

pub fn run(_args: InitArgs) -> ExitStatus {
    eprintln!("hexlint init: not implemented yet");
    ExitStatus::Error
}
