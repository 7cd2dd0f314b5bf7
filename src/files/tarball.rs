//! The inner `contents.tar.gz` as hex_core builds it.

use super::Entry;
use std::path::Path;

/// Exact sizes of the package tarball.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TarballSummary {
    /// The uncompressed inner `contents.tar` (limit: 128 MiB).
    pub uncompressed_size: u64,
    /// `contents.tar.gz`, gzipped as hex_core does.
    pub compressed_size: u64,
    /// The outer tarball (VERSION, CHECKSUM, metadata.config, contents.tar.gz) with an estimated
    /// metadata.config (limit: 16 MiB).
    pub outer_size_estimate: u64,
}

pub fn contents_tar_size(_entries: &[Entry], _root: &Path) -> u64 {
    0
}

pub fn summarize(_entries: &[Entry], _root: &Path, _metadata_size: u64) -> Result<TarballSummary, String> {
    Err("not implemented".into())
}

pub fn could_exceed_compressed_limit(_uncompressed: u64) -> bool {
    false
}
