//! Rules of the `namespace` group, one per file.
