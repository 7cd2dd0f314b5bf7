//! Rules of the `files` group, one per file.
