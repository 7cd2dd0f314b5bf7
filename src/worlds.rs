//! Worlds: the Elixir releases a mix.exs may be evaluated under when the version is not fixed.
//!
//! With an Elixir installed (or `--elixir VERSION`), `System.version()` has one answer. Without
//! one (a linter image, an editor) or with `--elixir all`, hexlint evaluates mix.exs once per
//! minor release in `data/elixir-releases.txt` that the project's own `elixir:` requirement
//! allows. Worlds that give the same project are one group; a value, or a finding, that holds in
//! only some groups is reported with the Elixir releases it holds on ("on Elixir < 1.15").

use crate::diagnostic::Diagnostic;
use crate::hex::version::Version;

const RELEASES: &str = include_str!("../data/elixir-releases.txt");

/// The `--elixir` / `elixir-version` value that asks for every world even when an Elixir is
/// installed.
pub const ALL: &str = "all";

/// The newest patch of every Elixir minor release, oldest first.
pub fn releases() -> Vec<Version> {
    RELEASES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| Version::parse(l).ok())
        .collect()
}

/// A minor release: `(1, 15)`.
pub type Minor = (u64, u64);

/// Some of the worlds a project was evaluated in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worlds {
    /// Every world evaluated (the releases the project's `elixir:` allows), oldest first.
    pub all: Vec<Minor>,
    /// The worlds this group stands for, oldest first.
    pub these: Vec<Minor>,
}

impl Worlds {
    /// Does this group stand for every world?
    pub fn is_every(&self) -> bool {
        self.these == self.all
    }

    /// "Elixir < 1.15", "Elixir 1.15+", "Elixir 1.14", "Elixir 1.12–1.14", or several of these
    /// joined ("Elixir 1.12, 1.15+").
    pub fn describe(&self) -> String {
        if self.is_every() {
            return "every Elixir release".to_string();
        }
        let runs = runs(&self.all, &self.these);
        let last = self.all.len().saturating_sub(1);
        let name = |(a, b): Minor| format!("{a}.{b}");
        let parts: Vec<String> = runs
            .iter()
            .map(|&(start, end)| {
                let (from, to) = (self.all[start], self.all[end]);
                if end == last && start != end {
                    format!("{}+", name(from))
                } else if start == 0 && start != end {
                    format!("< {}", name(self.all[end + 1]))
                } else if start == end {
                    name(from)
                } else {
                    format!("{}–{}", name(from), name(to))
                }
            })
            .collect();
        format!("Elixir {}", parts.join(", "))
    }
}

/// The findings of every group of worlds as one list: a finding of every group once, as it is;
/// one of only some groups once, saying on which Elixir releases it holds.
pub fn merge_findings(groups: Vec<(Option<Worlds>, Vec<Diagnostic>)>) -> Vec<Diagnostic> {
    if groups.len() == 1 {
        return groups
            .into_iter()
            .next()
            .map(|(_, d)| d)
            .unwrap_or_default();
    }
    let key = |d: &Diagnostic| {
        (
            d.rule,
            d.severity,
            d.source.path.clone(),
            d.span,
            d.message.clone(),
        )
    };
    // For each distinct finding: the first copy and the worlds it holds in.
    let mut merged: Vec<(Diagnostic, Vec<Minor>)> = Vec::new();
    let mut all: Vec<Minor> = Vec::new();
    for (worlds, diagnostics) in &groups {
        let these = worlds.as_ref().map(|w| w.these.clone()).unwrap_or_default();
        if let Some(w) = worlds {
            all.clone_from(&w.all);
        }
        for d in diagnostics {
            match merged.iter_mut().find(|(m, _)| key(m) == key(d)) {
                Some((_, minors)) => minors.extend(&these),
                None => merged.push((d.clone(), these.clone())),
            }
        }
    }
    merged
        .into_iter()
        .map(|(mut d, mut these)| {
            these.sort();
            these.dedup();
            let worlds = Worlds {
                all: all.clone(),
                these,
            };
            if !worlds.is_every() {
                d.message = format!("{} (on {})", d.message, worlds.describe());
            }
            d
        })
        .collect()
}

/// Group again by what a command shows: groups of worlds whose `items` are equal become one.
pub fn regroup<T: PartialEq>(groups: Vec<(Option<Worlds>, T)>) -> Vec<(Option<Worlds>, T)> {
    let mut out: Vec<(Option<Worlds>, T)> = Vec::new();
    for (worlds, item) in groups {
        match out.iter_mut().find(|(_, t)| *t == item) {
            Some((Some(merged), _)) => {
                if let Some(w) = worlds {
                    merged.these.extend(w.these);
                    merged.these.sort();
                }
            }
            Some((None, _)) => {}
            None => out.push((worlds, item)),
        }
    }
    out
}

/// Runs of consecutive indexes (into `all`) of the members of `these`.
fn runs(all: &[Minor], these: &[Minor]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, m) in all.iter().enumerate() {
        if !these.contains(m) {
            continue;
        }
        match out.last_mut() {
            Some((_, end)) if *end + 1 == i => *end = i,
            _ => out.push((i, i)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worlds(all: &[Minor], these: &[Minor]) -> Worlds {
        Worlds {
            all: all.to_vec(),
            these: these.to_vec(),
        }
    }

    #[test]
    fn the_table_is_sorted_and_has_every_minor_since_1_0() {
        let r = releases();
        assert!(r.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(r[0].to_string(), "1.0.5");
        assert!(r.iter().any(|v| (v.major, v.minor) == (1, 19)));
        for w in r.windows(2) {
            assert_eq!((w[1].major, w[1].minor), (1, w[0].minor + 1));
        }
    }

    #[test]
    fn describes_groups_of_worlds() {
        let all = [(1, 13), (1, 14), (1, 15), (1, 16), (1, 17)];
        assert_eq!(
            worlds(&all, &[(1, 13), (1, 14)]).describe(),
            "Elixir < 1.15"
        );
        assert_eq!(
            worlds(&all, &[(1, 15), (1, 16), (1, 17)]).describe(),
            "Elixir 1.15+"
        );
        assert_eq!(worlds(&all, &[(1, 13)]).describe(), "Elixir 1.13");
        assert_eq!(worlds(&all, &[(1, 17)]).describe(), "Elixir 1.17");
        assert_eq!(
            worlds(&all, &[(1, 14), (1, 15)]).describe(),
            "Elixir 1.14–1.15"
        );
        assert_eq!(
            worlds(&all, &[(1, 13), (1, 16), (1, 17)]).describe(),
            "Elixir 1.13, 1.16+"
        );
        assert_eq!(worlds(&all, &all).describe(), "every Elixir release");
    }
}
