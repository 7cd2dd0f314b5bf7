//! The mix.exs lexer and parser must never panic, whatever the input; and lexing without string
//! text and without comments (module discovery's mode) must find the same tokens, spans and
//! errors, less the comments.
#![no_main]
use hexlint::mixexs::lexer::{Comments, StringText, tokenize, tokenize_reusing, without_comments};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let kept = tokenize(src);
        let skipped = tokenize_reusing(src, Vec::new(), StringText::Skip, Comments::Drop);
        match (&kept, &skipped) {
            (Ok(k), Ok(s)) => {
                let spans = |t: &[hexlint::mixexs::lexer::Token]| -> Vec<_> {
                    t.iter().map(|t| t.span).collect()
                };
                assert_eq!(spans(&without_comments(k)), spans(s));
            }
            (Err(k), Err(s)) => assert_eq!(k, s),
            _ => panic!("one lexing failed: {kept:?} / {skipped:?}"),
        }
        let _ = hexlint::mixexs::parse(src);
    }
});
