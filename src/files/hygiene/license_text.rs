//! License and README file recognition, and license-text identification with the `spdx` crate's
//! detection (askalono's algorithm and its SPDX text cache, compiled in, so it works offline).

use spdx::detection::{Store, TextData};
use std::sync::OnceLock;

/// A detected license counts only at this score or above (askalono's own default threshold).
pub const CONFIDENT_SCORE: f32 = 0.9;

/// A declared license counts as matching the text at this score or above. Lower than
/// [`CONFIDENT_SCORE`] so that lightly edited texts of the declared license never warn.
pub const DECLARED_MATCH_SCORE: f32 = 0.8;

/// A license file this similar to a declared license's reference text (see
/// [`quick_similarity`]) is that license, settled without the `spdx` crate's normalisation
/// (whose regexes cost more than the rest of a check). Texts of distinct licenses score at
/// most ~0.95 against each other (GPL-3.0 and LGPL-3.0; see the unit tests); anything below
/// this goes through `spdx`.
pub const QUICK_MATCH_SCORE: f32 = 0.97;

/// Bytes of a license file that are compared (license texts are a few KiB; AGPL is ~34 KiB).
pub const MAX_LICENSE_BYTES: usize = 256 * 1024;

/// Is this path a license file: `LICENSE*`, `LICENCE*`, `COPYING*`, `UNLICENSE` at the top
/// level, in any case, or a file inside a top-level `LICENSES/` directory (REUSE layout)?
pub fn is_license_file(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("licenses/") {
        return !rest.is_empty();
    }
    !lower.contains('/')
        && ["license", "licence", "copying", "unlicense"]
            .iter()
            .any(|p| lower.starts_with(p))
}

/// Is this path a top-level README, in any case (`README.md`, `Readme.markdown`, `readme`)?
pub fn is_readme_file(path: &str) -> bool {
    !path.contains('/') && path.to_ascii_lowercase().starts_with("readme")
}

/// Would Hex's default `:files` globs (`LICENSE*`, `license*`) pick this top-level name?
pub fn default_globs_take_license(name: &str) -> bool {
    name.starts_with("LICENSE") || name.starts_with("license")
}

/// Would Hex's default `:files` globs (`README*`, `readme*`) pick this top-level name?
pub fn default_globs_take_readme(name: &str) -> bool {
    name.starts_with("README") || name.starts_with("readme")
}

fn store() -> Option<&'static Store> {
    static STORE: OnceLock<Option<Store>> = OnceLock::new();
    STORE.get_or_init(|| Store::load_inline().ok()).as_ref()
}

/// A license confidently identified in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Identified {
    /// The SPDX id of the best match.
    pub id: String,
    pub score: f32,
}

/// The result of comparing one license file with the declared ids.
#[derive(Debug, Clone, PartialEq)]
pub enum TextVerdict {
    /// The text is one of the declared licenses.
    Matches,
    /// The text is too unlike any known license to say (a notice, several licenses, empty).
    Unclear,
    /// The text is confidently another license than every declared one.
    Mismatch(Identified),
}

/// Strip the `-only`/`-or-later`/`+` forms so that `GPL-3.0`, `GPL-3.0-only` and
/// `GPL-3.0-or-later` (one text) compare equal.
fn family(id: &str) -> &str {
    let id = id.trim_end_matches('+');
    id.strip_suffix("-only")
        .or_else(|| id.strip_suffix("-or-later"))
        .unwrap_or(id)
}

/// The ids whose reference texts stand for `declared` (`GPL-3.0` also means `-only`/`-or-later`).
fn declared_candidates(declared: &str) -> [String; 4] {
    let base = family(declared);
    [
        declared.to_string(),
        base.to_string(),
        format!("{base}-only"),
        format!("{base}-or-later"),
    ]
}

/// Dice similarity of the sets of word pairs of two texts (words: runs of alphanumerics, ASCII
/// case folded). askalono's measure, without its normalisation.
fn quick_similarity(a: &str, b: &str) -> f32 {
    fn word_pairs(lower: &str) -> Vec<(&str, &str)> {
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let mut pairs: Vec<(&str, &str)> = words.windows(2).map(|w| (w[0], w[1])).collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    let (x, y) = (word_pairs(&a), word_pairs(&b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let shared = x.iter().filter(|p| y.binary_search(p).is_ok()).count();
    2.0 * shared as f32 / (x.len() + y.len()) as f32
}

/// Is `text` quickly recognised as (one of the reference texts of) `declared`?
fn quick_match(text: &str, declared: &str) -> bool {
    declared_candidates(declared)
        .iter()
        .filter_map(|c| spdx::license_id(c))
        .any(|id| quick_similarity(text, id.text()) >= QUICK_MATCH_SCORE)
}

/// Score of `text` against one declared id's reference text(s) from the spdx crate's embedded
/// texts. Cheap: it needs only those texts, not the detection store (loading the store costs
/// ~100 ms, more than the rest of a check).
fn declared_score_fast(text: &TextData, declared: &str) -> Option<f32> {
    declared_candidates(declared)
        .iter()
        .filter_map(|c| spdx::license_id(c))
        .map(|id| TextData::new(id.text()).match_score(text))
        .reduce(f32::max)
}

/// Score of `text` against one declared id's reference text(s), if the store knows the id.
fn declared_score(store: &Store, text: &TextData, declared: &str) -> Option<f32> {
    declared_candidates(declared)
        .iter()
        .filter_map(|c| store.get_original(c))
        .map(|reference| reference.match_score(text))
        .reduce(f32::max)
}

/// Compare a license file's text with the declared SPDX ids. `declared` must not contain
/// `LicenseRef-…` ids (the caller says nothing about those).
pub fn check_text(text: &str, declared: &[&str]) -> TextVerdict {
    let text = truncate(text, MAX_LICENSE_BYTES);
    if declared.iter().any(|d| quick_match(text, d)) {
        return TextVerdict::Matches;
    }
    let data = TextData::new(text);
    // The common case, a correct declaration, is settled without loading the store.
    if declared
        .iter()
        .any(|d| declared_score_fast(&data, d).is_some_and(|s| s >= DECLARED_MATCH_SCORE))
    {
        return TextVerdict::Matches;
    }
    let Some(store) = store() else {
        return TextVerdict::Unclear;
    };
    if declared
        .iter()
        .any(|d| declared_score(store, &data, d).is_some_and(|s| s >= DECLARED_MATCH_SCORE))
    {
        return TextVerdict::Matches;
    }
    let best = store.analyze(&data);
    if best.score < CONFIDENT_SCORE {
        return TextVerdict::Unclear;
    }
    let detected_family = family(best.name);
    if declared.iter().any(|d| family(d) == detected_family) {
        return TextVerdict::Matches;
    }
    TextVerdict::Mismatch(Identified {
        id: best.name.to_string(),
        score: best.score,
    })
}

fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIT: &str = "MIT License

Copyright (c) 2024 Jane Doe

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the \"Software\"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
";

    #[test]
    fn names() {
        assert!(is_license_file("LICENSE"));
        assert!(is_license_file("License.md"));
        assert!(is_license_file("COPYING.LESSER"));
        assert!(is_license_file("LICENSES/MIT.txt"));
        assert!(!is_license_file("lib/license.ex"));
        assert!(is_readme_file("Readme.md"));
        assert!(!is_readme_file("docs/README.md"));
        assert!(default_globs_take_license("LICENSE.md"));
        assert!(!default_globs_take_license("License.md"));
        assert!(!default_globs_take_readme("Readme.md"));
    }

    #[test]
    fn mit_text_matches_mit_and_not_apache() {
        assert_eq!(check_text(MIT, &["MIT"]), TextVerdict::Matches);
        assert_eq!(
            check_text(MIT, &["Apache-2.0", "MIT"]),
            TextVerdict::Matches
        );
        match check_text(MIT, &["Apache-2.0"]) {
            TextVerdict::Mismatch(found) => {
                assert_eq!(found.id, "MIT");
                assert!(found.score >= CONFIDENT_SCORE);
            }
            other => panic!("expected a mismatch, got {other:?}"),
        }
    }

    #[test]
    fn short_or_unrelated_text_is_never_a_mismatch() {
        assert_eq!(
            check_text("Copyright 2024 Jane. See mix.exs.", &["Apache-2.0"]),
            TextVerdict::Unclear
        );
        assert_eq!(check_text("", &["MIT"]), TextVerdict::Unclear);
    }

    #[test]
    fn gpl_variants_are_one_family() {
        assert_eq!(family("GPL-3.0-or-later"), "GPL-3.0");
        assert_eq!(family("GPL-3.0+"), "GPL-3.0");
        assert_eq!(family("GPL-3.0-only"), "GPL-3.0");
        assert_eq!(family("MIT"), "MIT");
    }

    /// The quick path only ever accepts a text as its own license: every other common license
    /// scores below [`QUICK_MATCH_SCORE`] against it, while a real MIT file (with its own
    /// copyright line) scores above.
    #[test]
    fn quick_match_separates_distinct_licenses() {
        let ids = [
            "MIT",
            "MIT-0",
            "X11",
            "ISC",
            "0BSD",
            "BSD-2-Clause",
            "BSD-3-Clause",
            "BSD-3-Clause-Clear",
            "Apache-2.0",
            "GPL-2.0-only",
            "GPL-3.0-only",
            "LGPL-2.1-only",
            "LGPL-3.0-only",
            "AGPL-3.0-only",
            "MPL-2.0",
            "EPL-2.0",
            "Unlicense",
            "Zlib",
            "BSL-1.0",
        ];
        let text = |id: &str| spdx::license_id(id).unwrap().text();
        for a in ids {
            assert!(quick_match(text(a), a), "{a}");
            for b in ids.iter().filter(|b| **b != a) {
                let score = quick_similarity(text(a), text(b));
                assert!(score < QUICK_MATCH_SCORE, "{a} vs {b}: {score}");
            }
        }
        assert!(quick_similarity(MIT, text("MIT")) >= QUICK_MATCH_SCORE);
        assert_eq!(check_text(MIT, &["MIT"]), TextVerdict::Matches);
        assert!(!quick_match(MIT, "Apache-2.0"));
        assert_eq!(quick_similarity("", text("MIT")), 0.0);
    }
}
