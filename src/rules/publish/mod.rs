//! Rules that check a `mix hex.publish` invocation (run by `hexlint publish`; some also by `check`).

pub mod changelog_missing_entry;
pub mod docs_file_missing;
pub mod dry_run_needs_auth;
pub mod missing_docs_tool;
pub mod organisation_flag;
pub mod revert_window;
pub mod uncommitted_changes;
pub mod untagged_version;
