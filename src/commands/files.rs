//! `hexlint files`: what the package will contain.

use crate::cli::{ExitStatus, FilesArgs};

pub fn run(_args: FilesArgs) -> ExitStatus {
    eprintln!("hexlint files: not implemented yet");
    ExitStatus::Error
}
