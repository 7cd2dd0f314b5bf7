//! The Path.wildcard implementation must never panic or hang: single-name matching on any
//! pattern/name pair, and full expansion over a small fixed tree (with a symlink loop).
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

fn tree() -> &'static PathBuf {
    static TREE: OnceLock<PathBuf> = OnceLock::new();
    TREE.get_or_init(|| {
        let root = std::env::temp_dir().join("hexlint-fuzz-glob-tree");
        for dir in ["lib/a/b", "priv/.hidden", "src", ".git"] {
            let _ = std::fs::create_dir_all(root.join(dir));
        }
        for file in ["mix.exs", "lib/a/b/c.ex", "lib/.d.ex", "priv/.hidden/x", "README.md"] {
            let _ = std::fs::write(root.join(file), "x");
        }
        #[cfg(unix)]
        let _ = std::os::unix::fs::symlink(&root, root.join("lib/loop"));
        root
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let (pattern, name) = s.split_once('\n').unwrap_or((s, "lib/foo.ex"));
        let _ = hexlint::files::glob::matches_name(pattern, name);
        if pattern.len() < 64 {
            // As `files::expand` does for patterns that may leave the project: a bounded walk.
            // (The unbounded `/**` walked the whole disk: found by this target, see
            // tests/files_expand.rs `escaping_patterns_walk_a_bounded_budget`.)
            let _ = hexlint::files::glob::wildcard_bounded(
                pattern,
                tree(),
                hexlint::files::glob::MAX_VISITED_OUTSIDE,
            );
        }
    }
});
