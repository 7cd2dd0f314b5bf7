//! Rules of the `license` group, one per file.
