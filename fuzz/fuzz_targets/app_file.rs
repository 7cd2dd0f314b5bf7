//! The Erlang term (.app file) parser must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = hexlint::modules::app_file::consult(s);
        let _ = hexlint::modules::app_file::app_modules(s);
    }
});
