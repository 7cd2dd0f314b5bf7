//! Link option for the static musl release binaries (RELEASING.md): relative relocations packed
//! as a bitmap (`DT_RELR`, 5.5 KB) instead of one 24-byte entry each (`DT_RELA`, 430 KB for
//! 17,900 of them). The static position-independent binary applies them itself at every start;
//! reading the bitmap instead of the table took a quarter off `hexlint --version`'s CPU time.
//!
//! Only where the start-up code understands the bitmap: musl 1.2.4 and later, which Rust's musl
//! targets ship from Rust 1.90 on. With an older musl the relocations would silently not be
//! applied and the binary would crash at once. glibc builds are left alone: a glibc binary
//! linked this way needs glibc 2.36 or later to run.

use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let target_env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if target_env == "musl" && rustc_minor_version().is_some_and(|minor| minor >= 90) {
        println!("cargo::rustc-link-arg=-Wl,-z,pack-relative-relocs");
    }
}

/// `90` for `rustc 1.90.0 (…)`; `None` when the version cannot be read.
fn rustc_minor_version() -> Option<u32> {
    let rustc = std::env::var_os("RUSTC")?;
    let output = Command::new(rustc).arg("--version").output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let version = text.split_whitespace().nth(1)?;
    let mut parts = version.split('.');
    (parts.next()? == "1").then_some(())?;
    let minor: String = parts
        .next()?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    minor.parse().ok()
}
