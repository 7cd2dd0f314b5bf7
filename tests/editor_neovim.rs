//! `hexlint server` in a real editor: headless Neovim (Debian's `neovim` package) with its
//! built-in LSP client (`tests/support/nvim_lsp.lua`) opens a fixture's mix.exs and prints the
//! diagnostics it received. Without `nvim` on PATH the test prints SKIP and passes; `.ci/run`
//! installs Neovim.

use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let to = dst.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), to).unwrap();
        }
    }
}

#[test]
fn neovim_receives_hexlint_diagnostics() {
    if Command::new("nvim").arg("--version").output().is_err() {
        let notice = "SKIP: the Neovim LSP test needs nvim on PATH (apt-get install neovim)";
        println!("{notice}");
        eprintln!("{notice}");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("package_fixes");
    copy_dir(
        &Path::new(ROOT).join("tests/fixtures/fix/package_fixes"),
        &dir,
    );
    let out = tmp.path().join("diagnostics.txt");
    let status = Command::new("nvim")
        .args([
            "--headless",
            "-u",
            "NONE",
            "-i",
            "NONE",
            "-n",
            "mix.exs",
            "-c",
        ])
        .arg(format!(
            "luafile {}",
            Path::new(ROOT).join("tests/support/nvim_lsp.lua").display()
        ))
        .current_dir(&dir)
        .env("HEXLINT_BIN", env!("CARGO_BIN_EXE_hexlint"))
        .env("HEXLINT_NVIM_OUT", &out)
        .env_remove("MIX_ENV")
        .env("HOME", tmp.path())
        .env("XDG_STATE_HOME", tmp.path().join("state"))
        .status()
        .expect("run nvim");
    assert!(status.success(), "nvim exited with {status}");
    let printed = std::fs::read_to_string(&out).expect("the Lua script wrote its output");
    println!("{printed}");
    let lines: Vec<&str> = printed.lines().collect();
    // `@licenses ["apache-2.0"]` on line 6: the string starts at column 14.
    assert!(
        lines.contains(&"6:14 ERROR invalid-license invalid license \"apache-2.0\": not an SPDX identifier that Hex accepts"),
        "{printed}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains(" WARN misplaced-package-field ")),
        "{printed}"
    );
    assert!(!printed.contains("TIMEOUT"), "{printed}");
}
