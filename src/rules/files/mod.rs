//! Rules of the `files` group, one per file.

// files: Hex parity
pub mod empty_file_list;
pub mod metadata_too_large;
pub mod missing_files;
pub mod package_too_large;
pub mod reserved_file;
pub mod unsafe_path;
pub mod unsafe_symlink;
pub mod unsupported_file_type;
