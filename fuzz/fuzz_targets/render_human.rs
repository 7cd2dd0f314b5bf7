//! The human format must never pass a control character from the input to the terminal, and
//! must never panic, whatever the text and the span (issue 14).
#![no_main]
use hexlint::load::LoadError;
use hexlint::render::terminal::is_unsafe;
use hexlint::source::{SourceFile, Span};
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let text = String::from_utf8_lossy(&data[2..]).into_owned();
    let len = text.len().max(1);
    let (a, b) = (data[0] as usize * len / 256, data[1] as usize * len / 256);
    let err = LoadError {
        code: "parse-error",
        message: text.chars().take(40).collect(),
        source: Some(Arc::new(SourceFile::new("mix.exs", text.clone()))),
        span: Some(Span::new(a.min(b), a.max(b))),
        label: text.chars().rev().take(10).collect(),
        help: Some(text.chars().take(20).collect()),
        path: "mix.exs".into(),
    };
    let out = hexlint::render::human::render_load_error(&err, false);
    assert!(
        !out.chars().any(|c| c != '\n' && c != '\t' && (is_unsafe(c) || c.is_control())),
        "{out:?}"
    );
});
