//! nom parser from source text to [`super::ast`].

use super::{ParseError, ParsedFile};
use crate::source::Span;

pub fn parse(_src: &str) -> Result<ParsedFile, ParseError> {
    Err(ParseError {
        message: "parser not implemented".into(),
        span: Span::new(0, 0),
        label: String::new(),
        help: None,
        limit: None,
    })
}
