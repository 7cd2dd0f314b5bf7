//! Elixir Version and requirement parsing (and matching) must never panic.
#![no_main]
use hexlint::hex::version::{Requirement, Version};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let v = Version::parse(s);
        if let Ok(req) = Requirement::parse(s)
            && let Ok(v) = Version::parse("1.2.3-rc.1")
        {
            let _ = req.matches(&v, true);
            let _ = req.matches(&v, false);
        }
        drop(v);
    }
});
