//! `similar-package-name`: a package name one typo away from a dependency or a popular package.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::metadata::package_name;
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "similar-package-name",
    group: Group::Namespace,
    severity: Severity::Warning,
    summary: "package name confusingly close to a dependency or a popular package",
    doc: include_str!("../../../rules/similar-package-name.md"),
    check,
};

/// Up to this many characters, a name is short: only a replaced or swapped letter counts.
pub const SHORT_NAME: usize = 7;
/// Edit distance (Damerau/OSA: insert, delete, replace, swap) accepted for long names.
pub const LONG_NAME_DISTANCE: usize = 2;
/// Shortest names compared at all: below this, one letter makes a different word.
pub const MIN_COMPARED: usize = 5;
/// Shortest name for which a doubled letter (`plugg`, `jasonn`) still counts as similar.
pub const MIN_DOUBLED: usize = 4;

/// Is `name` confusingly similar to `other`? Thresholds (see the rule doc):
/// * the same letters apart from `_` (`ex_doc`/`exdoc`): always similar;
/// * one name is the other with one letter doubled (`jasonn`/`jason`, `plugg`/`plug`), the
///   classic typosquat, when the shorter has at least [`MIN_DOUBLED`] characters: always;
/// * one name is the other plus `_…` (`plug`/`plug_auth`) or plus digits (`oauth`/`oauth2`):
///   never; neither are names that differ in one whole `_` part by 2+ edits
///   (`ecto_mysql_extras`/`ecto_psql_extras`, `phoenix_html`/`phoenix_view`);
/// * shorter of the two under [`MIN_COMPARED`] characters: never;
/// * up to [`SHORT_NAME`] characters: same length and one replaced or swapped letter
///   (`jason`/`jasom`, `jsaon`), not an added letter (`table`/`tablet`, `flame`/`eflame`);
/// * longer: OSA distance ≤ [`LONG_NAME_DISTANCE`] (`phoenix_live_veiw`, `phoenx_html`).
pub fn is_similar(name: &str, other: &str) -> bool {
    if name == other {
        return false;
    }
    // Bytes, not chars: `_` is never part of a multi-byte character. (This runs for each of
    // the 400 popular names on every check.)
    let not_underscore = |b: &u8| *b != b'_';
    if name
        .bytes()
        .filter(not_underscore)
        .eq(other.bytes().filter(not_underscore))
    {
        return true;
    }
    // The edit distance is at least the length difference: most pairs end here, cheaply.
    let (n, m) = if name.is_ascii() && other.is_ascii() {
        (name.len(), other.len())
    } else {
        (name.chars().count(), other.chars().count())
    };
    let shorter = n.min(m);
    if shorter >= MIN_DOUBLED
        && n.abs_diff(m) == 1
        && (doubles_a_letter(name, other) || doubles_a_letter(other, name))
    {
        return true;
    }
    if shorter < MIN_COMPARED
        || (shorter <= SHORT_NAME && n != m)
        || n.abs_diff(m) > LONG_NAME_DISTANCE
    {
        return false;
    }
    // Each edit changes the letter counts by at most 2 (a swap by none), so counts that differ
    // by more than twice the allowed distance rule the pair out without an edit distance.
    let allowed = if shorter <= SHORT_NAME {
        1
    } else {
        LONG_NAME_DISTANCE
    };
    if letter_count_gap(name, other) > 2 * allowed {
        return false;
    }
    let extends = |a: &str, b: &str| a.strip_prefix(b).is_some_and(|r| r.starts_with('_'));
    if extends(name, other) || extends(other, name) {
        return false;
    }
    let strip_digits = |s: &str| s.trim_end_matches(|c: char| c.is_ascii_digit()).to_string();
    if strip_digits(name) == strip_digits(other) {
        return false;
    }
    if differs_in_one_part(name, other) {
        return false;
    }
    let distance = strsim::osa_distance(name, other);
    if shorter <= SHORT_NAME {
        distance == 1
    } else {
        distance <= LONG_NAME_DISTANCE
    }
}

/// Is `longer` exactly `shorter` with one letter written twice (`jasonn`, `jasson`)?
fn doubles_a_letter(longer: &str, shorter: &str) -> bool {
    if longer.is_ascii() && shorter.is_ascii() {
        return doubles_a_letter_in(
            longer.as_bytes(),
            shorter.as_bytes(),
            u8::is_ascii_alphabetic,
        );
    }
    let (l, s): (Vec<char>, Vec<char>) = (longer.chars().collect(), shorter.chars().collect());
    doubles_a_letter_in(&l, &s, |c| c.is_alphabetic())
}

/// [`doubles_a_letter`] over the letters of two names (bytes of ASCII names, else chars).
fn doubles_a_letter_in<T: PartialEq>(l: &[T], s: &[T], is_letter: impl Fn(&T) -> bool) -> bool {
    if l.len() != s.len() + 1 {
        return false;
    }
    // The first position where they differ is the inserted letter (or the end of `shorter`).
    let i = l.iter().zip(s).take_while(|(a, b)| a == b).count();
    is_letter(&l[i])
        && l[i + 1..] == s[i..]
        && (i > 0 && l[i - 1] == l[i] || l.get(i + 1) == Some(&l[i]))
}

/// The sum over letters of how often each occurs in one name but not the other (0, no filter,
/// for non-ASCII names).
fn letter_count_gap(a: &str, b: &str) -> usize {
    if !a.is_ascii() || !b.is_ascii() {
        return 0;
    }
    let mut counts = [0i32; 128];
    a.bytes().for_each(|c| counts[usize::from(c)] += 1);
    b.bytes().for_each(|c| counts[usize::from(c)] -= 1);
    // Each letter's gap once (then cleared), over the letters of the two names only.
    a.bytes()
        .chain(b.bytes())
        .map(|c| std::mem::take(&mut counts[usize::from(c)]).unsigned_abs() as usize)
        .sum()
}

/// Same `_` parts except one, and that one differs by more than a single edit.
fn differs_in_one_part(a: &str, b: &str) -> bool {
    let (pa, pb): (Vec<&str>, Vec<&str>) = (a.split('_').collect(), b.split('_').collect());
    if pa.len() != pb.len() || pa.len() < 2 {
        return false;
    }
    let differing: Vec<(&str, &str)> = pa
        .iter()
        .zip(&pb)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (*x, *y))
        .collect();
    matches!(differing.as_slice(), [(x, y)] if strsim::osa_distance(x, y) >= 2)
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some((value, key_path)) = package_name(ctx.project) else {
        return;
    };
    let Some(name) = value.as_str_or_atom() else {
        return;
    };
    let deps: Vec<String> = ctx
        .project
        .deps
        .iter()
        .flat_map(|d| d.known())
        .map(|d| d.hex_name())
        .collect();
    // A dependency first (the more likely mix-up), then the popular list.
    let found = deps
        .iter()
        .map(|d| (d.as_str(), "dependency"))
        .chain(crate::hex::popular::names().map(|p| (p, "widely used package")))
        .find(|(other, _)| is_similar(name, other));
    let Some((other, what)) = found else {
        return;
    };
    // A popular package publishing itself, or one whose name is already in the list, is fine.
    if crate::hex::popular::names().any(|p| p == name) {
        return;
    }
    out.push(
        ctx.diag(
            &RULE,
            Some(value.span),
            format!("package name `{name}` is confusingly similar to the {what} `{other}`"),
        )
        .help(format!(
            "users may install `{name}` by mistake when they mean `{other}` (or the reverse), and hex.pm may flag the name as typosquatting; choose a name that differs clearly"
        ))
        .key_path(key_path),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_name_pairs() {
        // (package name, other name, similar?)
        let table = [
            ("plug_auth", "plug", false),
            ("phoenix_view", "phoenix_html", false),
            ("phoenix_html", "phoenix_htmx", true),
            ("ecto_psql_extras", "ecto_mysql_extras", false),
            ("oauth2", "oauth", false),
            ("tablet", "table", false),
            ("eflame", "flame", false),
            ("numbers", "number", false),
            ("jason", "jsaon", true),
            ("jason", "jasom", true),
            ("mox", "fox", false),
            ("plug", "plugs", false),
            ("exdoc", "ex_doc", true),
            ("phoenix_live_veiw", "phoenix_live_view", true),
            ("phoenx", "phoenix", false),
            ("phoenx_html", "phoenix_html", true),
            ("postgrex", "postgres", true),
            ("telemetry_metrics", "telemetry_metrics_prometheus", false),
            ("nimble_csv", "nimble_options", false),
            ("ex_json_schema", "nex_json_schema", true),
            ("jason", "jason", false),
            // A doubled letter is the classic typosquat, even for short names.
            ("jasonn", "jason", true),
            ("jasson", "jason", true),
            ("plugg", "plug", true),
            ("mmox", "mox", false),
            ("jasona", "jason", false),
        ];
        for (a, b, expected) in table {
            assert_eq!(is_similar(a, b), expected, "{a} vs {b}");
            assert_eq!(is_similar(b, a), expected, "{b} vs {a}");
        }
    }

    #[test]
    fn popular_packages_are_not_similar_to_each_other() {
        let names: Vec<&str> = crate::hex::popular::names().collect();
        assert!(names.len() > 400);
        let mut pairs = Vec::new();
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                if is_similar(a, b) {
                    pairs.push((*a, *b));
                }
            }
        }
        // The only pair: a fork named one letter away from the original.
        assert_eq!(pairs, [("ex_json_schema", "nex_json_schema")]);
    }
}
