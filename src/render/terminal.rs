//! Text from the input (mix.exs values, file names, snippets) made safe for a terminal.
//!
//! A linter reads untrusted projects: a license string holding `\e]0;…\e[2J` must not retitle the
//! window or clear the screen when a finding quotes it, and a bidi override must not reorder what
//! the reader sees. Every human format passes input-derived text through here; JSON and SARIF
//! escape control characters by their own rules (`\u001b`).
//!
//! Unsafe characters are C0 controls other than newline and tab, DEL, C1 controls, the
//! bidirectional formatting characters (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069) and the
//! line/paragraph separators U+2028/U+2029.

use std::borrow::Cow;

/// Is `c` unsafe to print as it is?
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// `s` with every unsafe character written as an escape, as Elixir writes it in a string:
/// `\e`, `\r`, `\u{202E}`. Newlines and tabs are kept.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if !is_unsafe(c) {
            out.push(c);
            continue;
        }
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\r' => out.push_str("\\r"),
            '\u{0}' => out.push_str("\\0"),
            c => out.push_str(&format!("\\u{{{:04X}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// One visible character standing for an unsafe one in a snippet, so that columns (counted in
/// characters) stay where they were: the Unicode control pictures for C0 and DEL (`␛`, `␍`),
/// `�` for the rest.
pub fn picture(c: char) -> char {
    match c as u32 {
        n @ 0..=0x1f => char::from_u32(0x2400 + n).unwrap_or('\u{fffd}'),
        0x7f => '\u{2421}',
        _ => '\u{fffd}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped_text_is_not() {
        assert_eq!(
            escape_controls("MIT\u{1b}]0;pwned\u{7}\u{1b}[2J"),
            "MIT\\e]0;pwned\\u{0007}\\e[2J"
        );
        assert_eq!(
            escape_controls("a\u{202e}b\u{9b}c\r\n"),
            "a\\u{202E}b\\u{009B}c\\r\n"
        );
        assert!(matches!(escape_controls("é\tx\n"), Cow::Borrowed("é\tx\n")));
    }

    #[test]
    fn pictures_are_one_visible_character() {
        assert_eq!(picture('\u{1b}'), '␛');
        assert_eq!(picture('\r'), '␍');
        assert_eq!(picture('\u{7f}'), '␡');
        assert_eq!(picture('\u{202e}'), '\u{fffd}');
        for c in ['\u{0}', '\u{1f}', '\u{85}', '\u{2066}'] {
            assert!(!is_unsafe(picture(c)));
        }
    }
}
