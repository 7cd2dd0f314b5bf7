//! Rules of the `deps` group, one per file.
