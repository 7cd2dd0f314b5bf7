//! Lookups in the sorted data files embedded in the binary (`data/*.txt`, `data/*.tsv`): lines
//! `key<TAB>value…` (or a bare `key`) sorted by key in byte order, `#` comments at the top.
//! A binary search over the text itself: a run that looks up a handful of keys does not pay
//! for splitting and indexing every line first.

use std::cmp::Ordering;

/// The key of a line: up to the first tab. A plain byte loop: keys are short, and `split_once`
/// set up a searcher for every line the binary search looked at (1.4% of a check of absinthe).
fn key_of(line: &str) -> &str {
    line.bytes()
        .position(|b| b == b'\t')
        .map_or(line, |tab| &line[..tab])
}

/// The lines of `text` whose key is `key`, in file order (none for a `#…` key: comments are
/// not entries).
pub fn with_key<'t>(text: &'t str, key: &str) -> impl Iterator<Item = &'t str> {
    let first = if key.starts_with('#') {
        text.len()
    } else {
        lower_bound(text, key)
    };
    text[first..]
        .lines()
        .take_while(move |line| key_of(line) == key)
}

/// The start of the first line whose key is not less than `key` (or the end of the text).
fn lower_bound(text: &str, key: &str) -> usize {
    let bytes = text.as_bytes();
    // Lower bound: `lo` and `hi` are always line starts (or the end of the text).
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = memchr::memrchr(b'\n', &bytes[lo..mid]).map_or(lo, |i| lo + i + 1);
        let end = memchr::memchr(b'\n', &bytes[start..hi]).map_or(hi, |i| start + i);
        match key_of(&text[start..end]).cmp(key) {
            Ordering::Less => lo = end + 1,
            Ordering::Equal | Ordering::Greater => hi = start,
        }
    }
    lo.min(text.len())
}

/// The value (the rest after the first tab) of the first line whose key is `key`.
pub fn value_of<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    with_key(text, key)
        .next()
        .map(|line| line.split_once('\t').map_or("", |(_, value)| value))
}

/// Is `text` sorted as the lookups need: comments first, then keys in byte order?
pub fn is_sorted(text: &str) -> bool {
    let keys: Vec<&str> = text
        .lines()
        .skip_while(|l| l.starts_with('#'))
        .map(key_of)
        .collect();
    keys.windows(2).all(|w| w[0] <= w[1]) && keys.iter().all(|k| !k.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# a comment\n# another\nAlpha\t1\nBeta\t2\nBeta\t3\nGamma\t4\nzeta\n";

    #[test]
    fn finds_every_key_and_nothing_else() {
        assert!(is_sorted(TEXT));
        assert_eq!(value_of(TEXT, "Alpha"), Some("1"));
        assert_eq!(
            with_key(TEXT, "Beta").collect::<Vec<_>>(),
            ["Beta\t2", "Beta\t3"]
        );
        assert_eq!(value_of(TEXT, "Gamma"), Some("4"));
        assert_eq!(value_of(TEXT, "zeta"), Some(""));
        for absent in [
            "",
            "#",
            "A",
            "Alph",
            "Alphaa",
            "Bet",
            "Delta",
            "zz",
            "# a comment",
        ] {
            assert_eq!(with_key(TEXT, absent).count(), 0, "{absent}");
        }
        assert_eq!(value_of("", "x"), None);
        assert_eq!(value_of("only\tone", "only"), Some("one"));
        assert!(!is_sorted("b\na\n"));
    }

    #[test]
    fn agrees_with_a_linear_scan_on_every_prefix_of_a_sorted_list() {
        let lines: Vec<String> = (0..200).map(|i| format!("k{:03}\t{}", i * 2, i)).collect();
        for n in 0..lines.len() {
            let text = lines[..n].join("\n");
            for probe in 0..(2 * n + 2) {
                let key = format!("k{probe:03}");
                let expected = lines[..n]
                    .iter()
                    .find(|l| key_of(l) == key)
                    .map(|l| &l[5..]);
                assert_eq!(value_of(&text, &key), expected, "n={n} key={key}");
            }
        }
    }
}
