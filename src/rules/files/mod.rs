//! Rules of the `files` group, one per file.

// files: Hex parity
pub mod empty_file_list;
pub mod metadata_too_large;
pub mod missing_files;
pub mod package_too_large;
pub mod reserved_file;
pub mod unpackable_file;
pub mod unsafe_path;
pub mod unsafe_symlink;
pub mod unsupported_file_type;

// files: hygiene (Hex has none of these checks)
pub mod exclude_pattern_never_matches;
pub mod exclude_pattern_overbroad;
pub mod file_read_not_packaged;
pub mod grammar_not_compiled;
pub mod ignored_file_packaged;
pub mod junk_file_packaged;
pub mod large_file;
pub mod license_text_mismatch;
pub mod missing_build_file;
pub mod missing_license_file;
pub mod missing_readme;
pub mod non_portable_path;
pub mod precompiled_checksum_missing;
pub mod sensitive_file_packaged;
