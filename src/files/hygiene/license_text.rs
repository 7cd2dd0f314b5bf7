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
#[cfg(test)]
fn quick_similarity(a: &str, b: &str) -> f32 {
    similarity(&word_pairs(a), &word_pairs(b))
}

/// Dice similarity of two sorted sets of word pairs.
fn similarity(x: &[u64], y: &[u64]) -> f32 {
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let shared = x.iter().filter(|p| y.binary_search(p).is_ok()).count();
    2.0 * shared as f32 / (x.len() + y.len()) as f32
}

/// A hash of a text's sequence of words ([`words`], ASCII case folded, list markers left out):
/// equal for two copies that differ only in wrapping, spacing, punctuation and case. One pass,
/// without the sorted pairs of [`word_pairs`] (a tenth of its cost on an 11 KB Apache text).
fn word_sequence_hash(text: &str) -> u64 {
    words(text)
        .filter(|w| !is_list_marker(w))
        .fold(0, |acc, w| {
            (acc.rotate_left(29) ^ word_hash(w)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        })
}

/// The sorted, distinct pairs of consecutive words of a text, each pair as a 64-bit hash of the
/// two ASCII-lowercased words (a collision between two license texts' pairs is as likely as a
/// random 64-bit match, and could only move the similarity by one pair).
fn word_pairs(text: &str) -> Vec<u64> {
    let mut pairs = Vec::with_capacity(text.len() / 6);
    let mut prev: Option<u64> = None;
    for word in words(text).filter(|w| !is_list_marker(w)) {
        let h = word_hash(word);
        if let Some(p) = prev {
            pairs.push(p.rotate_left(29) ^ h.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        }
        prev = Some(h);
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// A list marker's word (`1.`, `2)`, `(a)`: numbers of up to two digits and single letters),
/// which copies number or letter differently, or replace with bullets.
fn is_list_marker(word: &str) -> bool {
    (word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()))
        || (word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic())
}

/// FNV-1a of a word, ASCII case folded.
fn word_hash(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The words of a text: runs of alphanumeric characters (Unicode's, as `char::is_alphanumeric`),
/// found byte by byte while the text is ASCII.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let is_word = |at: usize| -> (bool, usize) {
            let b = bytes[at];
            if b.is_ascii() {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                let c = text[at..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric(), c.len_utf8())
            }
        };
        while i < bytes.len() {
            let (w, len) = is_word(i);
            if w {
                break;
            }
            i += len;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() {
            let (w, len) = is_word(i);
            if !w {
                break;
            }
            i += len;
        }
        Some(&text[start..i])
    })
}

/// Is `text` quickly recognised as (one of the reference texts of) `declared`?
fn quick_match(text: &str, declared: &str) -> bool {
    let candidates = declared_candidates(declared);
    let mut ids: Vec<_> = candidates
        .iter()
        .filter_map(|c| spdx::license_id(c))
        .collect();
    ids.dedup_by_key(|id| id.name);
    if ids.is_empty() {
        return false;
    }
    let pairs = word_pairs(text);
    ids.iter().any(|id| {
        // A common reference's pair count is known: skip it when the sizes alone keep the
        // similarity under the threshold (a notice against a full text), without hashing it.
        let known = COMMON.iter().find(|c| c.id == id.name).map(|c| c.pairs);
        known.is_none_or(|n| sizes_allow_match(pairs.len(), n))
            && similarity(&pairs, &word_pairs(id.text())) >= QUICK_MATCH_SCORE
    })
}

/// Can two sets of word pairs of these sizes reach [`QUICK_MATCH_SCORE`]? [`similarity`] with
/// every pair of the smaller set shared: its upper bound.
fn sizes_allow_match(x: usize, y: usize) -> bool {
    x > 0 && y > 0 && 2.0 * x.min(y) as f32 / (x + y) as f32 >= QUICK_MATCH_SCORE
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

/// A license whose full text is recognised without the `spdx` store, with the sizes of the
/// `spdx` crate's reference text, so that only references of about a text's size are compared (a
/// unit test keeps the counts true).
struct Common {
    id: &'static str,
    /// Words of the reference text.
    words: usize,
    /// Distinct word pairs of the reference text ([`word_pairs`]).
    pairs: usize,
    /// [`body_hash`] of the reference text: a copy that differs only in wrapping, case,
    /// punctuation, title and copyright lines has the same, and is settled without comparing
    /// word pairs.
    body_hash: u64,
}

const fn common(id: &'static str, words: usize, pairs: usize, body_hash: u64) -> Common {
    Common {
        id,
        words,
        pairs,
        body_hash,
    }
}

/// The licenses Hex packages use, one id per text (`-only`/`-or-later` share it).
const COMMON: &[Common] = &[
    common("MIT", 170, 152, 0x206d_237e_c5d2_0708),
    common("Apache-2.0", 1608, 1089, 0xa9d4_d530_c96c_552c),
    common("BSD-2-Clause", 190, 165, 0x857b_271f_9d5f_f2a2),
    common("BSD-3-Clause", 221, 191, 0x7454_9cb5_f996_f6ba),
    common("ISC", 117, 112, 0x4da2_0b0e_06db_bcc4),
    common("MPL-2.0", 2426, 1460, 0xaf1b_9e36_bf70_f9ea),
    common("GPL-2.0-only", 2931, 1947, 0xfb0b_da97_23b0_216a),
    common("GPL-3.0-only", 5699, 3510, 0x2416_6827_5027_941d),
    common("LGPL-2.1-only", 4414, 2662, 0xd5b2_391f_cf2d_98ad),
    common("LGPL-3.0-only", 6940, 3895, 0x2bdd_0629_375c_9ab0),
    common("AGPL-3.0-only", 5580, 3391, 0x9a81_6f6f_89d7_3130),
    common("Unlicense", 200, 182, 0xff9e_4dda_3558_5649),
    common("0BSD", 104, 98, 0xf440_e235_858d_0cab),
    common("CC0-1.0", 1088, 763, 0xaf48_7f87_77c9_44f2),
    common("EPL-2.0", 2161, 1419, 0x3cd8_6c43_9ae6_8841),
    common("BSL-1.0", 214, 179, 0xe984_d752_aed9_22b3),
    common("Zlib", 135, 116, 0xd4a9_a700_41fc_137d),
    common("MIT-0", 145, 132, 0xbb4d_2525_cf53_cd52),
];

/// Texts up to this many bytes may be notices (or several short licenses, as in a file that
/// ships a vendored ISC and BSD text) that name their license.
const MAX_NOTICE_BYTES: usize = 8192;

/// The GNU licenses are named by their long names only in texts up to this many bytes: their
/// full texts (over 7 KiB) name each other ("GNU General Public License" in the LGPL).
const MAX_GNU_NOTICE_BYTES: usize = 4096;

/// Lower case, every run of non-alphanumerics one space, with a space at both ends, so that a
/// phrase is found as whole words with `contains(" phrase ")` whatever the wrapping.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// The part of a license text that identifies it: without the Apache appendix ("How to apply
/// the Apache License to your work"), copyright statements ([`is_copyright_statement`], not a
/// wrapped "copyright notice …" line of a clause) and a short title line ("MIT License", "The
/// MIT License (MIT)"), which real copies add, drop or reword.
fn core_text(text: &str) -> String {
    let end = text.find("APPENDIX: How to apply").unwrap_or(text.len());
    let mut out = String::with_capacity(end);
    let mut first = true;
    for line in text[..end].lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let title = first && is_title_line(t);
        first = false;
        let copyright = t.len() < 160 && is_copyright_statement(t);
        if !title && !copyright {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A short line naming a license ("MIT License", "The MIT License (MIT)"), as a text's first.
fn is_title_line(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    line.len() < 60
        && (lower.contains("license") || lower.contains("licence"))
        && line.split_whitespace().count() <= 6
}

/// [`word_sequence_hash`] of a license text's body: without the Apache appendix, and without
/// the title and copyright lines (in any order) before its first clause. Unlike [`core_text`], it keeps
/// copyright-like lines further down, such as Apache's "(c) You must retain …", which starts a
/// line in some copies and not in others.
fn body_hash(text: &str) -> u64 {
    // "APPENDIX:" alone: a re-wrapped copy may break the line after it.
    let end = text.find("APPENDIX:").unwrap_or(text.len());
    let text = &text[..end];
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if !(t.is_empty() || is_title_line(t) || t.len() < 160 && is_copyright_statement(t)) {
            break;
        }
        start += line.len();
    }
    word_sequence_hash(&text[start..])
}

/// Words in a text (runs of alphanumerics), counted without allocating.
fn word_count(text: &str) -> usize {
    words(text).count()
}

/// The family ids named by `SPDX-License-Identifier:` lines (the expression's plain ids).
fn spdx_identifier_ids(text: &str) -> Vec<&str> {
    const TAG: &str = "SPDX-License-Identifier:";
    // One search over the whole text: most license files have no such line, and a search per
    // line set itself up for every line.
    if !text.contains(TAG) {
        return Vec::new();
    }
    text.lines()
        .filter_map(|l| l.split_once(TAG).map(|(_, r)| r))
        .flat_map(|expr| {
            expr.split(|c: char| c.is_whitespace() || c == '(' || c == ')')
                .filter(|w| !w.is_empty() && !matches!(*w, "AND" | "OR" | "WITH"))
        })
        .map(family)
        .collect()
}

/// The license families a short notice names: the Apache notice ("Licensed under the Apache
/// License, Version 2.0"), "MIT License", "BSD 3-Clause", "GNU Lesser General Public License
/// version 3", or an SPDX id written out. `norm` is [`normalise`]d.
fn named_families(norm: &str) -> Vec<&'static str> {
    const NAMES: &[(&str, &[&str])] = &[
        (
            "Apache-2.0",
            &[
                " apache license version 2 0 ",
                " apache license 2 0 ",
                " apache 2 0 ",
            ],
        ),
        (
            "MIT",
            &[" mit license ", " mit licence ", " the mit ", " mit "],
        ),
        (
            "BSD-2-Clause",
            &[
                " bsd 2 clause ",
                " 2 clause bsd ",
                " simplified bsd ",
                " freebsd license ",
            ],
        ),
        (
            "BSD-3-Clause",
            &[
                " bsd 3 clause ",
                " 3 clause bsd ",
                " new bsd ",
                " modified bsd ",
            ],
        ),
        ("ISC", &[" isc license ", " isc licence ", " isc "]),
        (
            "MPL-2.0",
            &[
                " mozilla public license version 2 0 ",
                " mozilla public license 2 0 ",
                " mpl 2 0 ",
            ],
        ),
        ("0BSD", &[" 0bsd ", " zero clause bsd "]),
        ("Unlicense", &[" unlicense ", " the unlicense "]),
        ("CC0-1.0", &[" cc0 1 0 ", " cc0 "]),
        ("GPL-3.0", &[" gpl 3 0 ", " gplv3 "]),
        ("LGPL-3.0", &[" lgpl 3 0 ", " lgplv3 "]),
        ("AGPL-3.0", &[" agpl 3 0 ", " agplv3 "]),
        ("GPL-2.0", &[" gpl 2 0 ", " gplv2 "]),
        ("LGPL-2.1", &[" lgpl 2 1 "]),
    ];
    let mut found: Vec<&'static str> = NAMES
        .iter()
        .filter(|(_, phrases)| phrases.iter().any(|p| norm.contains(p)))
        .map(|(id, _)| *id)
        .collect();
    // The GNU licenses by their long names: which one, and which version (short texts only).
    let gnu_names: &[(&str, &str, Option<&str>)] = if norm.len() <= MAX_GNU_NOTICE_BYTES {
        &[
            (" gnu affero general public license ", "AGPL-3.0", None),
            (
                " gnu lesser general public license ",
                "LGPL-3.0",
                Some("LGPL-2.1"),
            ),
            (
                " gnu library general public license ",
                "LGPL-3.0",
                Some("LGPL-2.1"),
            ),
            (" gnu general public license ", "GPL-3.0", Some("GPL-2.0")),
        ]
    } else {
        &[]
    };
    for &(long, id3, id2) in gnu_names {
        if let Some(at) = norm.find(long) {
            let after = &norm[at + long.len() - 1..];
            let after = &after[..after.len().min(120)];
            if after.contains(" version 3 ") || after.starts_with(" v3 ") || after.contains(" 3 0 ")
            {
                found.push(id3);
            } else if let Some(id2) = id2
                && (after.contains(" version 2 ")
                    || after.contains(" 2 1 ")
                    || after.contains(" 2 0 "))
            {
                found.push(id2);
            }
        }
    }
    found
}

/// How a text was settled without the `spdx` store (or that it was not).
#[derive(Debug, Clone, PartialEq)]
pub enum FastPath {
    /// The declared license's own text (quick similarity).
    DeclaredText,
    /// An `SPDX-License-Identifier:` line naming a declared license.
    SpdxLine,
    /// The full text of a common license (maybe reflowed).
    CommonText(Identified),
    /// A short notice naming a declared license.
    Notice,
    /// Several licenses, one after another, each under its own copyright line (vendored code's
    /// license next to the project's): never a mismatch, whatever one of them is.
    SeveralLicenses,
}

/// Settle a license text cheaply when it is a common license text, a notice or an SPDX line;
/// `None` when only full detection can say.
pub fn fast_verdict(text: &str, declared: &[&str]) -> Option<(FastPath, TextVerdict)> {
    let text = truncate(text, MAX_LICENSE_BYTES);
    let is_declared = |id: &str| declared.iter().any(|d| family(d) == family(id));
    // The commonest case: a copy of a declared common license, word for word but for its
    // wrapping, title and copyright lines. Without this, an 11 KB Apache text costs four sorted
    // pair sets; the verdict is the one the comparisons below reach (that license scores 1.0).
    let hash = body_hash(text);
    if let Some(c) = COMMON
        .iter()
        .find(|c| c.body_hash == hash && is_declared(c.id))
    {
        let exact = Identified {
            id: c.id.to_string(),
            score: 1.0,
        };
        return Some((FastPath::CommonText(exact), TextVerdict::Matches));
    }
    if declared.iter().any(|d| quick_match(text, d)) {
        return Some((FastPath::DeclaredText, TextVerdict::Matches));
    }
    let spdx_ids = spdx_identifier_ids(text);
    if spdx_ids.iter().any(|id| is_declared(id)) {
        return Some((FastPath::SpdxLine, TextVerdict::Matches));
    }
    // A common license's full text: Dice similarity >= QUICK_MATCH_SCORE needs word-pair counts
    // within ~6% of each other, so only references of about the same length are compared.
    let core = core_text(text);
    let words = word_count(&core);
    let core_pairs = OnceLock::new();
    if words >= 20 {
        let best = COMMON
            .iter()
            .filter(|c| {
                let (lo, hi) = (c.words.min(words) as f32, c.words.max(words) as f32);
                lo / hi >= 0.85
            })
            .filter_map(|c| spdx::license_id(c.id).map(|l| (c.id, l.text())))
            .map(|(id, reference)| {
                let reference = word_pairs(&core_text(reference));
                (
                    id,
                    similarity(core_pairs.get_or_init(|| word_pairs(&core)), &reference),
                )
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((id, score)) = best.filter(|(_, s)| *s >= QUICK_MATCH_SCORE) {
            let verdict = if is_declared(id) {
                TextVerdict::Matches
            } else {
                TextVerdict::Mismatch(Identified {
                    id: id.to_string(),
                    score,
                })
            };
            return Some((
                FastPath::CommonText(Identified {
                    id: id.to_string(),
                    score,
                }),
                verdict,
            ));
        }
    }
    if text.len() <= MAX_NOTICE_BYTES {
        let norm = normalise(text);
        if named_families(&norm).iter().any(|id| is_declared(id)) {
            return Some((FastPath::Notice, TextVerdict::Matches));
        }
    }
    if license_blocks(text) >= 2 {
        return Some((FastPath::SeveralLicenses, TextVerdict::Unclear));
    }
    None
}

/// A line that states a copyright (`Copyright (c) 2014 …`, `Copyright 1997 …`, `© …`, `(c) …`),
/// not a wrapped sentence that starts with the word ("copyright notice and this permission …").
fn is_copyright_statement(line: &str) -> bool {
    if line.starts_with('©') || line.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("(c)")) {
        return true;
    }
    let Some(rest) = line
        .get(..9)
        .filter(|p| p.eq_ignore_ascii_case("copyright"))
        .map(|_| line[9..].trim_start())
    else {
        return false;
    };
    rest.starts_with(['(', '©', '[', '<']) || rest.starts_with(|c: char| c.is_ascii_digit())
}

/// Words a block needs to count as a license of its own in [`license_blocks`] (the shortest
/// common license, 0BSD, has about 100).
const MIN_BLOCK_WORDS: usize = 50;

/// How many licenses the text holds one after another: blocks that each start at a copyright
/// line (after text that is not one) and have at least [`MIN_BLOCK_WORDS`] words of their own.
/// The appendices of Apache and the GNU licenses, whose examples start with a copyright line,
/// are not blocks.
fn license_blocks(text: &str) -> usize {
    let end = ["APPENDIX: How to apply", "How to Apply These Terms"]
        .iter()
        .filter_map(|a| text.find(a))
        .min()
        .unwrap_or(text.len());
    let mut blocks = 0;
    let mut words = 0;
    let mut in_block = false;
    let mut after_copyright = false;
    for line in text[..end].lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let copyright = is_copyright_statement(t);
        if copyright && !after_copyright {
            if in_block && words >= MIN_BLOCK_WORDS {
                blocks += 1;
            }
            in_block = true;
            words = 0;
        } else if !copyright {
            words += word_count(t);
        }
        after_copyright = copyright;
    }
    if in_block && words >= MIN_BLOCK_WORDS {
        blocks += 1;
    }
    blocks
}

/// How many texts needed full detection in this process (for the hidden timing report).
pub static FULL_DETECTIONS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Compare a license file's text with the declared SPDX ids. `declared` must not contain
/// `LicenseRef-…` ids (the caller says nothing about those).
///
/// [`fast_verdict`] settles the common cases (a common license's text, reflowed or not; the
/// Apache notice and other short notices naming the declared license; `SPDX-License-Identifier:`
/// lines); only the rest pays for the `spdx` crate's normalisation and detection store.
pub fn check_text(text: &str, declared: &[&str]) -> TextVerdict {
    if let Some((_, verdict)) = fast_verdict(text, declared) {
        return verdict;
    }
    FULL_DETECTIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let text = truncate(text, MAX_LICENSE_BYTES);
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

    #[test]
    fn notices_and_spdx_lines_settle_without_the_store() {
        let apache = "Copyright 2020 Jane Doe\n\nLicensed under the Apache License, Version 2.0 (the \"License\");\nyou may not use this file except in compliance with the License.\nYou may obtain a copy of the License at\n\n    http://www.apache.org/licenses/LICENSE-2.0\n\nUnless required by applicable law or agreed to in writing, software\ndistributed under the License is distributed on an \"AS IS\" BASIS,\nWITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\n";
        assert_eq!(
            fast_verdict(apache, &["Apache-2.0"]),
            Some((FastPath::Notice, TextVerdict::Matches))
        );
        // A notice of another license is not settled here (full detection decides).
        assert_eq!(fast_verdict(apache, &["MIT"]), None);
        let short_mit = "Copyright (c) 2019 Jane Doe\n\nMIT License\n";
        assert_eq!(
            fast_verdict(short_mit, &["MIT"]),
            Some((FastPath::Notice, TextVerdict::Matches))
        );
        let spdx_line = "# SPDX-License-Identifier: Apache-2.0 OR MIT\n";
        assert_eq!(
            fast_verdict(spdx_line, &["MIT"]),
            Some((FastPath::SpdxLine, TextVerdict::Matches))
        );
        let lgpl = "This library is free software under the GNU Lesser General Public License\nversion 3.\n";
        assert_eq!(
            fast_verdict(lgpl, &["LGPL-3.0-or-later"]),
            Some((FastPath::Notice, TextVerdict::Matches))
        );
        assert_eq!(fast_verdict(lgpl, &["GPL-3.0-only"]), None);
    }

    /// Numbered clauses written as bullets (as many BSD copies have them) are the same text.
    #[test]
    fn list_markers_do_not_count() {
        let bsd3 = spdx::license_id("BSD-3-Clause").unwrap().text();
        let bulleted = ["1.", "2.", "3."]
            .iter()
            .fold(bsd3.to_string(), |t, n| t.replace(n, "*"));
        assert_ne!(bulleted, bsd3);
        assert!(matches!(
            fast_verdict(&bulleted, &["BSD-3-Clause"]),
            Some((_, TextVerdict::Matches))
        ));
        assert!(matches!(
            fast_verdict(&bulleted, &["BSD-2-Clause"]),
            Some((_, TextVerdict::Mismatch(_)))
        ));
    }

    /// A file with the project's license and a vendored library's, each under its own copyright
    /// line, is settled as several licenses (never a mismatch); one license with two copyright
    /// lines, or a GNU text with its "How to Apply" example, is one.
    #[test]
    fn several_licenses_in_one_file() {
        let text = |id: &str| spdx::license_id(id).unwrap().text();
        let body = |id: &str| core_text(text(id));
        let two = format!(
            "The parser is derived from another project, under this license:\n\nCopyright (c) 2001 A. Author\n\n{}\n\nEverything else:\n\nCopyright (c) 2024 B. Author\n\n{}",
            body("ISC"),
            body("BSD-2-Clause")
        );
        assert_eq!(license_blocks(&two), 2);
        assert_eq!(
            fast_verdict(&two, &["MIT"]),
            Some((FastPath::SeveralLicenses, TextVerdict::Unclear))
        );
        let one = format!(
            "Copyright (c) 2001 A. Author\nCopyright (c) 2024 B. Author\n\n{}",
            body("BSD-2-Clause")
        );
        assert_eq!(license_blocks(&one), 1);
        // A clause wrapped so that a line starts with "copyright notice" is not a new block.
        let wrapped = body("MIT").replace(" copyright notice", "\ncopyright notice");
        assert!(wrapped.contains("\ncopyright notice"));
        let mit = format!("Copyright (c) 2024 B. Author\n\n{wrapped}");
        assert_eq!(license_blocks(&mit), 1);
        assert_eq!(license_blocks(text("GPL-3.0-only")), 1);
        assert_eq!(license_blocks(text("Apache-2.0")), 1);
    }

    /// Reflowed, re-cased copies of common texts are recognised, and told apart from their
    /// neighbours: BSD-3-Clause declared as BSD-2-Clause, GPL-3.0 as LGPL-3.0.
    #[test]
    fn common_texts_are_recognised_reflowed_and_told_apart() {
        let text = |id: &str| spdx::license_id(id).unwrap().text();
        let reflow = |t: &str| {
            t.split_whitespace()
                .collect::<Vec<_>>()
                .chunks(7)
                .map(|c| c.join(" "))
                .collect::<Vec<_>>()
                .join("\n")
        };
        for &Common {
            id,
            words,
            pairs,
            body_hash: hash,
        } in COMMON
        {
            assert_eq!(word_count(text(id)), words, "{id}: word count in COMMON");
            assert_eq!(
                body_hash(text(id)),
                hash,
                "{id}: body hash in COMMON: {:#018x}",
                body_hash(text(id))
            );
            assert_eq!(
                word_pairs(text(id)).len(),
                pairs,
                "{id}: pair count in COMMON"
            );
            let reflowed = reflow(text(id));
            let (how, verdict) = fast_verdict(&reflowed, &[id]).expect(id);
            assert_eq!(verdict, TextVerdict::Matches, "{id}: {how:?}");
        }
        for a in COMMON.iter().map(|c| c.id) {
            for b in COMMON.iter().map(|c| c.id).filter(|b| *b != a) {
                let score = quick_similarity(&core_text(text(a)), &core_text(text(b)));
                assert!(score < QUICK_MATCH_SCORE, "{a} vs {b}: {score}");
            }
        }
        let bsd3 = format!(
            "Copyright (c) 2021, Jane Doe\n{}",
            reflow(text("BSD-3-Clause"))
        );
        match check_text(&bsd3, &["BSD-2-Clause"]) {
            TextVerdict::Mismatch(found) => assert_eq!(found.id, "BSD-3-Clause"),
            other => panic!("BSD-3 text declared BSD-2: {other:?}"),
        }
        match check_text(text("GPL-3.0-only"), &["LGPL-3.0-only"]) {
            TextVerdict::Mismatch(found) => assert_eq!(family(&found.id), "GPL-3.0"),
            other => panic!("GPL-3.0 text declared LGPL-3.0: {other:?}"),
        }
        assert_eq!(
            check_text(text("LGPL-3.0-only"), &["LGPL-3.0-or-later"]),
            TextVerdict::Matches
        );
    }

    /// A copy that differs from a common text only in wrapping, indentation, case, its title and
    /// its copyright lines is settled by its word sequence alone; one changed word is not.
    #[test]
    fn an_exact_copy_is_settled_by_its_word_sequence() {
        let text = |id: &str| spdx::license_id(id).unwrap().text();
        let settled_exactly = |copy: &str, id: &str| {
            let (how, verdict) = fast_verdict(copy, &[id]).expect(id);
            assert_eq!(verdict, TextVerdict::Matches, "{id}");
            let exact = Identified {
                id: id.to_string(),
                score: 1.0,
            };
            assert_eq!(how, FastPath::CommonText(exact), "{id}");
        };
        // Every common text, re-indented, under another copyright line.
        for &Common { id, .. } in COMMON {
            let lines: Vec<String> = text(id)
                .lines()
                .map(|l| format!("  {}", l.trim()))
                .collect();
            settled_exactly(
                &format!("Copyright 2024 Jane Doe\n{}", lines.join("\n")),
                id,
            );
        }
        // Re-wrapped at 9 words a line, with their own title and copyright lines in front.
        for (id, body_starts) in [
            ("MIT", "Permission is hereby"),
            ("Apache-2.0", "Version 2.0"),
            ("BSD-3-Clause", "Redistribution and use"),
        ] {
            let body = &text(id)[text(id).find(body_starts).unwrap()..];
            let wrapped: Vec<String> = body
                .split_whitespace()
                .collect::<Vec<_>>()
                .chunks(9)
                .map(|c| c.join(" "))
                .collect();
            let copy = format!(
                "The {id} License\n\nCopyright (c) 2019 Jane Doe\n(c) 2024 Acme Inc.\n\n{}",
                wrapped.join("\n")
            );
            settled_exactly(&copy, id);
        }
        let mit = text("MIT");
        assert_eq!(body_hash(&mit.to_uppercase()), body_hash(mit));
        let edited = mit.replacen("merge", "sell", 1);
        assert_ne!(
            word_sequence_hash(&core_text(mit)),
            word_sequence_hash(&core_text(&edited))
        );
        // Declared as another license, the exact copy is still compared with it (and told
        // apart), not taken as a match.
        match check_text(text("BSD-3-Clause"), &["BSD-2-Clause"]) {
            TextVerdict::Mismatch(found) => assert_eq!(found.id, "BSD-3-Clause"),
            other => panic!("BSD-3 text declared BSD-2: {other:?}"),
        }
    }

    #[test]
    fn sizes_alone_can_rule_a_reference_out() {
        assert!(sizes_allow_match(100, 106));
        assert!(!sizes_allow_match(100, 107));
        assert!(!sizes_allow_match(0, 0));
        // The bound is never below the real similarity: a notice against the full text.
        let notice = "Licensed under the Apache License, Version 2.0 (the \"License\"); you may not \
                      use this file except in compliance with the License.";
        let (x, y) = (
            word_pairs(notice),
            word_pairs(spdx::license_id("Apache-2.0").unwrap().text()),
        );
        assert!(!sizes_allow_match(x.len(), y.len()));
        assert!(similarity(&x, &y) < QUICK_MATCH_SCORE);
        assert!(!quick_match(notice, "Apache-2.0"));
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
