//! `hexlint publish`: lint, then delegate to `mix hex.publish`.

use crate::cli::{ColorChoice, ExitStatus, PublishArgs};

pub fn run(_args: PublishArgs, _color: ColorChoice) -> ExitStatus {
    eprintln!("hexlint publish: not implemented yet");
    ExitStatus::Error
}
