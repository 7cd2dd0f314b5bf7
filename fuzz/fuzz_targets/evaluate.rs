//! Evaluation of anything that parses must terminate without panicking, within the limits.
//! The project root is an empty temporary directory, so `File.read!` finds nothing.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn opts() -> &'static hexlint::mixexs::eval::EvalOptions {
    static OPTS: OnceLock<hexlint::mixexs::eval::EvalOptions> = OnceLock::new();
    OPTS.get_or_init(|| {
        let root = std::env::temp_dir().join("hexlint-fuzz-empty-root");
        let _ = std::fs::create_dir_all(&root);
        let mut o = hexlint::mixexs::eval::EvalOptions::from_env(root, Some("dev".into()));
        o.env_vars.clear();
        o
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data)
        && let Ok(parsed) = hexlint::mixexs::parse(src)
    {
        let _ = hexlint::mixexs::eval::evaluate(&parsed, opts());
    }
});
