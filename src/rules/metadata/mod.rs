//! Rules of the `metadata` group, one per file.
