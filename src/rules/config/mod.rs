//! Rules about hexlint's own configuration: inline suppressions and `.hexlint.toml`.

pub mod unused_suppression;
