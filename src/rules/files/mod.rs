//! Rules of the `files` group, one per file.

// ── hygiene (Hex has none of these checks) ──
pub mod exclude_pattern_never_matches;
pub mod exclude_pattern_overbroad;
pub mod ignored_file_packaged;
pub mod junk_file_packaged;
pub mod large_file;
pub mod license_text_mismatch;
pub mod missing_build_file;
pub mod missing_license_file;
pub mod missing_readme;
pub mod non_portable_path;
pub mod sensitive_file_packaged;
