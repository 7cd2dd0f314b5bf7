//! Source text and positions: byte spans, 1-based line/column lookup.

use bytestring::ByteString;
use serde::Serialize;
use std::path::PathBuf;

/// A half-open byte range `[start, end)` into one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

/// A 1-based position. Columns count Unicode scalar values (chars), not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Start and end positions of a span (end is exclusive, as in LSP and SARIF).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// A file's text plus its line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as it should be displayed (relative to where hexlint was started when possible).
    pub path: PathBuf,
    /// Reference-counted, so that a caller that already holds the file's bytes (the file set's
    /// buffer of a packaged file) shares them instead of copying them.
    pub text: ByteString,
    /// Where each line starts, found on first use (most files scanned never need it).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<ByteString>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.line_starts().partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts()[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[start..end].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    pub fn range(&self, span: Span) -> Range {
        Range {
            start: self.position(span.start),
            end: self.position(span.end),
        }
    }

    /// The text of a span (empty if out of range or not on char boundaries).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// The byte span of the 1-based line `line`, without its newline.
    pub fn line_span(&self, line: usize) -> Option<Span> {
        let start = *self.line_starts().get(line.checked_sub(1)?)?;
        let end = self
            .line_starts()
            .get(line)
            .map(|&n| n - 1)
            .unwrap_or(self.text.len());
        Some(Span::new(start, end))
    }

    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let f = SourceFile::new("mix.exs", "ab\né x\n");
        assert_eq!(f.position(0), Position { line: 1, column: 1 });
        assert_eq!(f.position(3), Position { line: 2, column: 1 });
        // 'x' is after 'é' (2 bytes) and a space.
        assert_eq!(f.position(6), Position { line: 2, column: 3 });
        assert_eq!(f.line_span(2), Some(Span::new(3, 7)));
        assert_eq!(f.slice(Span::new(3, 5)), "é");
    }
}
