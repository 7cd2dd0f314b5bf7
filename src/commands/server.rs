//! `hexlint server`: the language server (see [`crate::server`]) on stdin/stdout.

use crate::cli::{ExitStatus, ServerArgs};

pub fn run(args: ServerArgs) -> ExitStatus {
    match crate::server::run(std::time::Duration::from_millis(args.debounce)) {
        Ok(()) => ExitStatus::Success,
        Err(e) => {
            super::eprint_safe(&format!("error: hexlint server: {e}"));
            ExitStatus::Error
        }
    }
}
