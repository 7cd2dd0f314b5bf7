//! License identifiers as Hex checks them, plus fix suggestions for the near misses people write.
//!
//! Hex (`hex_licenses:valid/1`) accepts exactly the SPDX ids it embeds (an exact, case-sensitive
//! match against the June 2024 list, deprecated ids included) and `LicenseRef-<[A-Za-z0-9.-]+>`.
//! Nothing else: no expressions, no `WITH` exceptions, no case folding.

use crate::sorted_lines;
use std::sync::OnceLock;

/// The ids Hex accepts, one per line (`#` lines are comments). Copied from hex_core's
/// `hex_licenses.erl`; see the header of the file for its origin.
const HEX_LICENSE_IDS: &str = include_str!("../../data/hex-license-ids.txt");

/// Every id Hex accepts, in the file's (byte) order.
pub fn hex_ids() -> &'static [&'static str] {
    static IDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    IDS.get_or_init(|| {
        HEX_LICENSE_IDS
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Is `id` one of the SPDX ids in Hex's list (exact, case-sensitive)?
pub fn is_hex_id(id: &str) -> bool {
    sorted_lines::with_key(HEX_LICENSE_IDS, id).next().is_some()
}

/// Is `entry` a `LicenseRef-<idstring>` as Hex accepts it (idstring non-empty, `[A-Za-z0-9.-]`)?
pub fn is_license_ref(entry: &str) -> bool {
    entry.strip_prefix("LicenseRef-").is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    })
}

/// Hex's `valid/1`: would hex.build and hex.pm accept this list entry?
pub fn is_valid(entry: &str) -> bool {
    is_hex_id(entry) || is_license_ref(entry)
}

/// How to fix an entry Hex does not accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Suggestion {
    /// Write exactly this id instead: safe to apply automatically. `note` adds a caveat.
    Replace {
        id: String,
        note: Option<&'static str>,
    },
    /// Probably one of these ids (best first); the user has to choose.
    OneOf(Vec<String>),
    /// An SPDX expression (`MIT OR Apache-2.0`): list each id as its own entry.
    /// `conjunctive` is true when the expression used `AND`.
    Split { ids: Vec<String>, conjunctive: bool },
    /// `<base> WITH <exception>`: Hex has no way to express exceptions.
    Exception { base: String, exception: String },
    /// The entry names a file (`LICENSE.md`), not a license.
    FileName,
}

impl Suggestion {
    /// The entries that replace the original one when the fix is unambiguous: one id (without
    /// caveat), or the ids of a split expression.
    pub fn replacement_ids(&self) -> Option<Vec<String>> {
        match self {
            Suggestion::Replace { id, note: None } => Some(vec![id.clone()]),
            Suggestion::Split { ids, .. } => Some(ids.clone()),
            _ => None,
        }
    }
}

/// Suggest a fix for an entry that [`is_valid`] rejects. `None` when unsure: a wrong
/// suggestion is worse than none.
pub fn suggest(entry: &str) -> Option<Suggestion> {
    // Real license strings are short; fuzzy matching a huge one would be slow and pointless.
    if entry.len() > MAX_SUGGEST_LEN {
        return None;
    }
    suggest_inner(entry, 0)
}

/// Longer entries get no suggestion (the longest SPDX full names are about 100 bytes).
const MAX_SUGGEST_LEN: usize = 256;

/// Nesting guard for parentheses (`((((MIT))))`): the input is user data.
const MAX_PAREN_DEPTH: usize = 8;

fn suggest_inner(entry: &str, depth: usize) -> Option<Suggestion> {
    let trimmed = entry.trim();
    if trimmed.is_empty() {
        return None;
    }
    if trimmed != entry && is_valid(trimmed) {
        return Some(replace(trimmed));
    }
    if is_file_name(trimmed) {
        return Some(Suggestion::FileName);
    }
    if let Some(inner) = strip_outer_parens(trimmed) {
        if depth >= MAX_PAREN_DEPTH {
            return None;
        }
        if is_valid(inner.trim()) {
            return Some(replace(inner.trim()));
        }
        return suggest_inner(inner, depth + 1);
    }
    if let Some(s) = suggest_license_ref(trimmed) {
        return Some(s);
    }
    // Whole-text spellings first, so that `MIT/X11` is not read as an expression.
    if let Some(s) = spelling_table(&normalize(trimmed)) {
        return Some(s);
    }
    if looks_like_expression(trimmed) {
        return suggest_expression(trimmed);
    }
    suggest_single(trimmed)
}

fn replace(id: &str) -> Suggestion {
    Suggestion::Replace {
        id: id.to_string(),
        note: None,
    }
}

/// `LICENSE`, `LICENSE.md`, `COPYING.txt`, `license-mit.txt` …: a file, not an identifier.
fn is_file_name(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let stem = lower.split(['.', '-', '_']).next().unwrap_or("");
    let file_stem = matches!(
        stem,
        "license" | "licence" | "copying" | "unlicense" | "notice"
    );
    let has_extension = [".md", ".txt", ".markdown", ".rst"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    // `Unlicense` alone is a valid id; only treat it as a file when it has an extension.
    (file_stem && (stem != "unlicense" || has_extension) && !lower.contains(' '))
        || (has_extension && !lower.contains(' '))
        || lower.contains('/')
            && lower
                .rsplit('/')
                .next()
                .is_some_and(|base| base.starts_with("licen") || base.starts_with("copying"))
}

/// `(MIT)` → `MIT`, only when the outer parentheses enclose the whole text.
fn strip_outer_parens(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('(')?.strip_suffix(')')?;
    let mut depth = 0usize;
    for c in inner.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.checked_sub(1)?,
            _ => {}
        }
    }
    (depth == 0).then_some(inner)
}

/// `LicenseRef-My License` → `LicenseRef-My-License`; `DocumentRef-x:LicenseRef-y` → the ref.
fn suggest_license_ref(s: &str) -> Option<Suggestion> {
    if let Some((_, license_ref)) = s.split_once(":LicenseRef-") {
        let candidate = format!("LicenseRef-{license_ref}");
        return is_license_ref(&candidate).then(|| Suggestion::OneOf(vec![candidate]));
    }
    let rest = s
        .get(..11)
        .filter(|p| p.eq_ignore_ascii_case("LicenseRef-"))
        .map(|_| &s[11..])?;
    let cleaned: String = rest
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let candidate = format!("LicenseRef-{cleaned}");
    is_license_ref(&candidate).then(|| replace(&candidate))
}

/// Does the text use SPDX operators (`OR`, `AND`, `WITH`, `/`) between terms?
fn looks_like_expression(s: &str) -> bool {
    s.split_whitespace()
        .any(|w| ["or", "and", "with"].contains(&w.to_ascii_lowercase().as_str()))
        || s.contains('/')
        || s.contains('(')
}

/// Parse an expression (lax: `/` for OR, lower-case operators) and turn it into list entries.
fn suggest_expression(s: &str) -> Option<Suggestion> {
    let (terms, exception, conjunctive) =
        match spdx::Expression::parse_mode(s, spdx::ParseMode::LAX) {
            Ok(expr) => {
                let mut terms = Vec::new();
                let mut exception = None;
                for req in expr.requirements() {
                    terms.push(term_id(&req.req.license)?);
                    if let Some(addition) = &req.req.addition {
                        exception = Some(addition.to_string());
                    }
                }
                let conjunctive = expr.iter().any(|node| {
                    matches!(
                        node,
                        spdx::expression::ExprNode::Op(spdx::expression::Operator::And)
                    )
                });
                (terms, exception, conjunctive)
            }
            // Not a valid SPDX expression: split on the operators and fix each term on its own.
            Err(_) => split_terms(s)?,
        };
    let mut ids: Vec<String> = Vec::new();
    for term in terms {
        if !ids.contains(&term) {
            ids.push(term);
        }
    }
    match (exception, ids.as_slice()) {
        (Some(exception), [base]) => Some(Suggestion::Exception {
            base: base.clone(),
            exception,
        }),
        // Several ids and an exception: the exception cannot be kept, splitting is still right.
        (_, [_, _, ..]) => Some(Suggestion::Split { ids, conjunctive }),
        (None, [one]) => Some(replace(one)),
        _ => None,
    }
}

/// The Hex id for one parsed term, or `None` when there is no certain one.
fn term_id(item: &spdx::LicenseItem) -> Option<String> {
    let candidate = match item {
        spdx::LicenseItem::Spdx { id, or_later } => {
            if *or_later {
                format!("{}+", id.name)
            } else {
                id.name.to_string()
            }
        }
        spdx::LicenseItem::Other(r) if r.doc_ref.is_none() => format!("LicenseRef-{}", r.lic_ref),
        spdx::LicenseItem::Other(_) => return None,
    };
    certain_id(&candidate)
}

/// An id Hex accepts for `candidate`, preferring non-deprecated forms, only when certain.
fn certain_id(candidate: &str) -> Option<String> {
    if is_valid(candidate) {
        if let Some(dep) = deprecation(candidate)
            && let [only] = dep.replacements.as_slice()
        {
            return Some(only.to_string());
        }
        return Some(candidate.to_string());
    }
    match suggest_single(candidate)? {
        Suggestion::Replace { id, .. } => Some(id),
        _ => None,
    }
}

/// Fallback splitting for expressions the spdx parser rejects (`Apache 2.0 or MIT`).
fn split_terms(s: &str) -> Option<(Vec<String>, Option<String>, bool)> {
    let mut terms = Vec::new();
    let mut conjunctive = false;
    let mut current: Vec<&str> = Vec::new();
    let normalized = s.replace(['(', ')'], " ").replace('/', " or ");
    let flush = |current: &mut Vec<&str>, terms: &mut Vec<String>| -> Option<()> {
        if current.is_empty() {
            return None;
        }
        terms.push(certain_id(&current.join(" "))?);
        current.clear();
        Some(())
    };
    for word in normalized.split_whitespace() {
        match word.to_ascii_lowercase().as_str() {
            "or" => flush(&mut current, &mut terms)?,
            "and" => {
                conjunctive = true;
                flush(&mut current, &mut terms)?
            }
            // An exception in free text: give up rather than guess.
            "with" => return None,
            _ => current.push(word),
        }
    }
    flush(&mut current, &mut terms)?;
    Some((terms, None, conjunctive))
}

/// A note shown with `GPLv3`-style suggestions: the version alone means "only".
const ONLY_NOTE: &str = "if your license notice says \"or (at your option) any later version\", \
use the `-or-later` id instead";

/// Suggestions for one term: case folding, common spellings, then fuzzy matching.
fn suggest_single(s: &str) -> Option<Suggestion> {
    if let Some(id) = case_insensitive_match(s) {
        return Some(replace(id));
    }
    let key = normalize(s);
    if key.is_empty() {
        return None;
    }
    if let Some(s) = spelling_table(&key) {
        return Some(s);
    }
    let ids = ids_for_key(&key);
    if !ids.is_empty() {
        return Some(from_candidates(&ids));
    }
    fuzzy(&key)
}

/// `mit` → `MIT`: a Hex id equal to `s` ignoring ASCII case.
fn case_insensitive_match(s: &str) -> Option<&'static str> {
    hex_ids()
        .iter()
        .copied()
        .find(|id| id.eq_ignore_ascii_case(s))
}

/// Spellings that normalisation alone does not resolve.
fn spelling_table(key: &str) -> Option<Suggestion> {
    let one_of = |ids: &[&str]| {
        Some(Suggestion::OneOf(
            ids.iter().map(|s| s.to_string()).collect(),
        ))
    };
    match key {
        "bsd" => one_of(&["BSD-2-Clause", "BSD-3-Clause"]),
        "newbsd" | "modifiedbsd" | "revisedbsd" | "bsd3" | "bsd3.0" => {
            Some(replace("BSD-3-Clause"))
        }
        "simplifiedbsd" | "freebsd" | "bsd2" | "bsd2.0" => Some(replace("BSD-2-Clause")),
        "apache" | "asl" => one_of(&["Apache-2.0"]),
        "gpl" | "gnugpl" | "gnugeneral" => one_of(&[
            "GPL-3.0-only",
            "GPL-3.0-or-later",
            "GPL-2.0-only",
            "GPL-2.0-or-later",
        ]),
        "lgpl" | "gnulgpl" | "gnulesser" => one_of(&[
            "LGPL-3.0-only",
            "LGPL-3.0-or-later",
            "LGPL-2.1-only",
            "LGPL-2.1-or-later",
        ]),
        "agpl" | "gnuagpl" | "gnuaffero" => one_of(&["AGPL-3.0-only", "AGPL-3.0-or-later"]),
        "mpl" | "mozilla" => one_of(&["MPL-2.0"]),
        "mitx11.0" | "expat" => Some(replace("MIT")),
        "cc0.0" | "cczero" => Some(replace("CC0-1.0")),
        "domain" => one_of(&["CC0-1.0", "Unlicense"]),
        "wtfpl2.0" => Some(replace("WTFPL")),
        "proprietary" | "commercial" | "closedsource" | "allrightsreserved" | "private" => {
            one_of(&["LicenseRef-Proprietary"])
        }
        _ => None,
    }
}

/// Candidates that share a normalised key: one → replace (mapping deprecated GNU ids to
/// their current form), several → let the user choose.
fn from_candidates(ids: &[&'static str]) -> Suggestion {
    match ids {
        [id] => match deprecation(id) {
            None => replace(id),
            Some(dep) => match dep.replacements.as_slice() {
                [only] => replace(only),
                // `GPLv3` → `GPL-3.0-only`: the version alone means "this version only".
                [first, ..] if first.ends_with("-only") => Suggestion::Replace {
                    id: first.to_string(),
                    note: Some(ONLY_NOTE),
                },
                _ => replace(id),
            },
        },
        _ => Suggestion::OneOf(ids.iter().map(|s| s.to_string()).collect()),
    }
}

/// Lower-case, drop filler words (`the`, `license`, `version`, `public`) and punctuation, and
/// write a bare trailing major version as `N.0`: `Apache License, Version 2` → `apache2.0`,
/// `GPLv3+` → `gpl3.0+`, `BSD 3-Clause` → `bsd3clause`.
pub(crate) fn normalize(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut words: Vec<&str> = Vec::new();
    for word in lower.split(|c: char| c.is_whitespace() || c == ',' || c == '_') {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '+');
        if matches!(
            word,
            "the" | "license" | "licence" | "licensed" | "version" | "public" | "v" | "ver" | "gnu"
        ) {
            continue;
        }
        // Spelled-out GNU names: `(Lesser|Library|Affero) General` → `lgpl` / `agpl` / `gpl`.
        if word == "general" {
            let family = match words.last() {
                Some(&("lesser" | "library")) => "lgpl",
                Some(&"affero") => "agpl",
                _ => "gpl",
            };
            if family != "gpl" {
                words.pop();
            }
            words.push(family);
            continue;
        }
        words.push(word);
    }
    let mut out = String::new();
    for word in words {
        for c in word.chars() {
            if c.is_alphanumeric() || c == '.' || c == '+' {
                out.push(c);
            }
        }
    }
    // `gplv3` / `apache-v2` → drop the `v` before a version number.
    let bytes: Vec<char> = out.chars().collect();
    let mut cleaned = String::with_capacity(out.len());
    for (i, c) in bytes.iter().enumerate() {
        let is_version_v = *c == 'v'
            && i > 0
            && bytes[i - 1].is_ascii_alphabetic()
            && bytes.get(i + 1).is_some_and(char::is_ascii_digit);
        if !is_version_v {
            cleaned.push(*c);
        }
    }
    add_minor_version(cleaned)
}

/// `apache2` → `apache2.0`, `gpl3+` → `gpl3.0+`: letters followed by a bare major version.
fn add_minor_version(s: String) -> String {
    let body = s.trim_end_matches('+');
    let plus = &s[body.len()..];
    let digits = body.len() - body.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let prefix = &body[..body.len() - digits];
    if digits > 0 && !prefix.is_empty() && prefix.chars().all(|c| c.is_ascii_alphabetic()) {
        format!("{body}.0{plus}")
    } else {
        s
    }
}

/// Normalised keys of the Hex ids and of their SPDX full names, one `key<TAB>id<TAB>from` line
/// each (`from` is `id` or `name`), sorted by key. Generated from [`normalize`] and the `spdx`
/// crate by `UPDATE_DATA=1 cargo test --lib license_keys_file`, and checked by that test, so
/// that no run has to normalise 1,300 strings.
const LICENSE_KEYS: &str = include_str!("../../data/license-keys.tsv");

/// One line of [`LICENSE_KEYS`].
struct KeyedId {
    key: &'static str,
    id: &'static str,
    /// The key was normalised from the id itself (not from the SPDX full name).
    from_id: bool,
}

fn keyed_id(line: &'static str) -> Option<KeyedId> {
    let mut cols = line.split('\t');
    Some(KeyedId {
        key: cols.next()?,
        id: cols.next()?,
        from_id: cols.next()? == "id",
    })
}

fn license_keys() -> impl Iterator<Item = KeyedId> {
    LICENSE_KEYS.lines().filter_map(keyed_id)
}

/// The Hex ids whose id or SPDX full name normalises to `key` (`apache2.0` → `Apache-2.0`).
fn ids_for_key(key: &str) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = Vec::new();
    for keyed in sorted_lines::with_key(LICENSE_KEYS, key).filter_map(keyed_id) {
        if !ids.contains(&keyed.id) {
            ids.push(keyed.id);
        }
    }
    ids
}

/// The expected contents of `data/license-keys.tsv`.
#[cfg(test)]
fn generate_license_keys() -> String {
    let mut rows: Vec<(String, &str, &str)> = Vec::new();
    for &id in hex_ids() {
        rows.push((normalize(id), id, "id"));
        if let Some(lic) = spdx::license_id(id).filter(|l| l.name == id) {
            rows.push((normalize(lic.full_name), id, "name"));
        }
    }
    rows.sort();
    rows.dedup();
    rows.iter()
        .map(|(key, id, from)| format!("{key}\t{id}\t{from}\n"))
        .collect()
}

/// A close fuzzy match on normalised forms, only when clearly better than the runner-up.
fn fuzzy(key: &str) -> Option<Suggestion> {
    const MIN_SIMILARITY: f64 = 0.85;
    const MIN_MARGIN: f64 = 0.05;
    if key.chars().count() < 4 {
        return None;
    }
    let mut scored: Vec<(f64, &'static str)> = license_keys()
        .filter(|k| k.from_id)
        .map(|k| (strsim::normalized_damerau_levenshtein(key, k.key), k.id))
        .filter(|(score, _)| *score >= MIN_SIMILARITY - MIN_MARGIN)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let (best_score, best) = *scored.first()?;
    if best_score < MIN_SIMILARITY {
        return None;
    }
    let runner_up = scored.get(1).map_or(0.0, |s| s.0);
    if best_score - runner_up < MIN_MARGIN {
        return None;
    }
    let id = match deprecation(best) {
        Some(dep) if dep.replacements.len() == 1 => dep.replacements[0],
        _ => best,
    };
    Some(Suggestion::OneOf(vec![id.to_string()]))
}

/// What to use instead of a deprecated id that Hex still accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deprecation {
    /// Current ids Hex also accepts, best first. Several when the old id was ambiguous
    /// (`GPL-2.0` → `GPL-2.0-only` / `GPL-2.0-or-later`); empty when there is none.
    pub replacements: Vec<&'static str>,
    /// Extra explanation (e.g. an exception Hex cannot express).
    pub note: Option<&'static str>,
}

/// If `id` is an id Hex accepts that the SPDX list marks deprecated, what replaces it.
pub fn deprecation(id: &str) -> Option<Deprecation> {
    if !is_hex_id(id) {
        return None;
    }
    let spdx_id = spdx::license_id(id)?;
    if !spdx_id.is_deprecated() {
        return None;
    }
    let in_hex = |candidates: &[&'static str]| -> Vec<&'static str> {
        candidates
            .iter()
            .copied()
            .filter(|c| is_hex_id(c))
            .collect()
    };
    let exception_note = Some(
        "SPDX now writes this as a base license `WITH` an exception, which Hex cannot express; \
         keep this id or list the base license and describe the exception in your LICENSE file",
    );
    let (replacements, note) = match id {
        "BSD-2-Clause-FreeBSD" | "BSD-2-Clause-NetBSD" => (in_hex(&["BSD-2-Clause"]), None),
        "Nunit" => (in_hex(&["zlib-acknowledgement"]), None),
        "StandardML-NJ" => (in_hex(&["SMLNJ"]), None),
        "bzip2-1.0.5" => (in_hex(&["bzip2-1.0.6"]), None),
        "eCos-2.0" | "wxWindows" => (Vec::new(), exception_note),
        _ if id.contains("-with-") => (Vec::new(), exception_note),
        _ => {
            let base = id.trim_end_matches('+');
            let or_later = hex_ids()
                .iter()
                .copied()
                .find(|c| c.strip_suffix("-or-later") == Some(base));
            let only = hex_ids()
                .iter()
                .copied()
                .find(|c| c.strip_suffix("-only") == Some(base));
            if id.ends_with('+') {
                (or_later.into_iter().collect(), None)
            } else {
                (only.into_iter().chain(or_later).collect(), None)
            }
        }
    };
    Some(Deprecation { replacements, note })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `data/license-keys.tsv` is what [`normalize`] and the `spdx` crate produce today
    /// (`UPDATE_DATA=1` rewrites it).
    #[test]
    fn license_keys_file_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/license-keys.tsv");
        let expected = generate_license_keys();
        if std::env::var_os("UPDATE_DATA").is_some() {
            std::fs::write(path, &expected).unwrap();
            return;
        }
        assert!(
            LICENSE_KEYS == expected,
            "data/license-keys.tsv is stale: run `UPDATE_DATA=1 cargo test --lib license_keys_file`"
        );
        assert!(license_keys().count() > hex_ids().len());
        assert!(sorted_lines::is_sorted(LICENSE_KEYS));
        assert_eq!(ids_for_key("apache2.0"), vec!["Apache-2.0"]);
    }

    #[test]
    fn hex_list_has_659_ids() {
        assert!(sorted_lines::is_sorted(HEX_LICENSE_IDS));
        assert!(hex_ids().windows(2).all(|w| w[0] < w[1]), "unique");
        assert!(hex_ids().iter().all(|id| is_hex_id(id)));
        assert!(!is_hex_id("mit") && !is_hex_id("") && !is_hex_id("# SPDX"));
        assert_eq!(hex_ids().len(), 659);
        assert!(is_hex_id("MIT"));
        assert!(!is_hex_id("mit"));
    }

    #[test]
    fn normalize_examples() {
        assert_eq!(normalize("Apache License, Version 2.0"), "apache2.0");
        assert_eq!(normalize("Apache2"), "apache2.0");
        assert_eq!(normalize("GPLv3+"), "gpl3.0+");
        assert_eq!(normalize("BSD 3-Clause"), "bsd3clause");
        assert_eq!(normalize("The MIT License"), "mit");
    }
}
