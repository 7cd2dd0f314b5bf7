//! Is the version number honest about what changed? The API difference between a baseline
//! release and the current tree ([`diff`]), the bump each change requires, and the verdict on the
//! `version:` in mix.exs under Hex's reading of semantic versioning (a breaking change needs a new
//! major version, or a new minor one while at 0.x).
//!
//! The baseline comes from git, an unpacked package, a Hex tarball, or the Hex repository
//! ([`baseline`]). Rules in `src/rules/semver/` turn the facts into findings.

pub mod baseline;
pub mod diff;

use crate::api::PackageApi;
use crate::hex::version::Version;
use crate::source::{SourceFile, Span};
use std::sync::Arc;

/// The version bump a change requires, in semantic-versioning terms (before the 0.x rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// What changed; each kind is reported by one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    ModuleRemoved,
    FunctionRemoved,
    ArityRemoved,
    FunctionKindChanged,
    CallbackAdded,
    StructFieldRemoved,
    StructFieldEnforced,
    TypeRemoved,
    TypeMadeOpaque,
    ProtocolFunctionRemoved,
    ModuleAdded,
    FunctionAdded,
    TypeAdded,
    OptionalCallbackAdded,
    FunctionDeprecated,
}

impl ChangeKind {
    pub fn bump(self) -> Bump {
        use ChangeKind::*;
        match self {
            ModuleRemoved
            | FunctionRemoved
            | ArityRemoved
            | FunctionKindChanged
            | CallbackAdded
            | StructFieldRemoved
            | StructFieldEnforced
            | TypeRemoved
            | TypeMadeOpaque
            | ProtocolFunctionRemoved => Bump::Major,
            ModuleAdded
            | FunctionAdded
            | TypeAdded
            | OptionalCallbackAdded
            | FunctionDeprecated => Bump::Minor,
        }
    }
}

/// One API change, located in the file that shows it (the baseline's for removals).
#[derive(Debug, Clone)]
pub struct Change {
    pub kind: ChangeKind,
    pub module: String,
    pub message: String,
    pub source: Arc<SourceFile>,
    pub span: Span,
    /// Why the (current) module's API is partly unknown, if it is: the change may be wrong.
    pub partly_unknown: Option<String>,
    /// Anything else that may make the change harmless in practice.
    pub note: Option<String>,
}

/// Everything the semver rules read.
#[derive(Debug, Clone)]
pub struct SemverFacts {
    /// How the baseline was chosen, for messages (`git tag v1.2.0`, `package foo-1.2.0.tar`).
    pub baseline: String,
    /// The baseline's version (its mix.exs `version:`, the tarball's metadata, or its tag).
    pub baseline_version: Option<Version>,
    pub changes: Vec<Change>,
    /// Source files of either tree that could not be read: their modules are missing.
    pub unreadable: Vec<(String, String)>,
    /// Modules whose current API is partly unknown.
    pub partly_unknown: usize,
}

impl SemverFacts {
    /// Compare two APIs.
    pub fn compare(
        baseline: String,
        baseline_version: Option<Version>,
        old: &PackageApi,
        new: &PackageApi,
    ) -> SemverFacts {
        let mut unreadable: Vec<(String, String)> = old
            .unreadable
            .iter()
            .map(|(p, e)| (format!("{baseline}: {p}"), e.clone()))
            .collect();
        unreadable.extend(new.unreadable.iter().cloned());
        SemverFacts {
            changes: diff::diff(old, new),
            partly_unknown: new.public_modules().filter(|m| !m.is_complete()).count(),
            baseline,
            baseline_version,
            unreadable,
        }
    }

    /// The bump the changes require.
    pub fn required(&self) -> Bump {
        diff::required(&self.changes)
    }
}

/// How far `current` is from `base`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActualBump {
    /// Not greater than the baseline.
    None,
    Patch,
    Minor,
    Major,
}

impl ActualBump {
    pub fn of(base: &Version, current: &Version) -> ActualBump {
        if current <= base {
            ActualBump::None
        } else if current.major > base.major {
            ActualBump::Major
        } else if current.minor > base.minor {
            ActualBump::Minor
        } else {
            ActualBump::Patch
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ActualBump::None => "no",
            ActualBump::Patch => "patch",
            ActualBump::Minor => "minor",
            ActualBump::Major => "major",
        }
    }
}

/// The verdict on a version number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub actual: ActualBump,
    pub required: Bump,
    /// The baseline is 0.x: a minor bump may break, a patch bump may add.
    pub zero: bool,
    pub sufficient: bool,
    /// The lowest version that satisfies the requirement.
    pub suggested: Version,
}

/// Judge `current` against `base` for changes that require `required`. At 0.x (Hex's guide:
/// "breaking changes at 0.x bump the minor version"), a breaking change needs a minor bump and an
/// addition a patch bump.
pub fn verdict(base: &Version, current: &Version, required: Bump) -> Verdict {
    let zero = base.major == 0;
    let actual = ActualBump::of(base, current);
    let rank_actual = match (actual, zero) {
        (ActualBump::None, _) => 0,
        (ActualBump::Patch, false) => 1,
        (ActualBump::Minor, false) => 2,
        (ActualBump::Patch, true) => 2,
        (ActualBump::Minor | ActualBump::Major, true) | (ActualBump::Major, false) => 3,
    };
    let rank_required = match required {
        Bump::Patch => 1,
        Bump::Minor => 2,
        Bump::Major => 3,
    };
    let v = |major, minor, patch| Version {
        major,
        minor,
        patch,
        pre: Vec::new(),
        build: Vec::new(),
    };
    let suggested = match (rank_required, zero) {
        (3, false) => v(base.major + 1, 0, 0),
        (2, false) | (3, true) => v(base.major, base.minor + 1, 0),
        _ => v(base.major, base.minor, base.patch + 1),
    };
    Verdict {
        actual,
        required,
        zero,
        sufficient: rank_actual >= rank_required,
        suggested,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ver(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn verdicts_follow_semver_and_the_zero_rule() {
        let ok = |b, c, r| verdict(&ver(b), &ver(c), r).sufficient;
        assert!(ok("1.2.3", "2.0.0", Bump::Major));
        assert!(!ok("1.2.3", "1.3.0", Bump::Major));
        assert!(ok("1.2.3", "1.3.0", Bump::Minor));
        assert!(!ok("1.2.3", "1.2.4", Bump::Minor));
        assert!(ok("1.2.3", "1.2.4", Bump::Patch));
        assert!(!ok("1.2.3", "1.2.3", Bump::Patch));
        assert!(ok("1.2.3", "2.0.0-rc.0", Bump::Major));
        // 0.x: breaking needs a minor bump, an addition a patch bump.
        assert!(ok("0.3.1", "0.4.0", Bump::Major));
        assert!(!ok("0.3.1", "0.3.2", Bump::Major));
        assert!(ok("0.3.1", "0.3.2", Bump::Minor));
        assert!(ok("0.3.1", "1.0.0", Bump::Major));
        assert_eq!(
            verdict(&ver("0.3.1"), &ver("0.3.2"), Bump::Major).suggested,
            ver("0.4.0")
        );
        assert_eq!(
            verdict(&ver("1.3.1"), &ver("1.3.2"), Bump::Major).suggested,
            ver("2.0.0")
        );
        assert_eq!(
            verdict(&ver("1.3.1"), &ver("1.3.2"), Bump::Minor).suggested,
            ver("1.4.0")
        );
    }
}
