pub fn run(_args: crate::cli::ServerArgs) -> crate::cli::ExitStatus {
    crate::cli::ExitStatus::Error
}
