//! Elixir's `Version` grammar, exactly as `Version.parse/1` and `Version.parse_requirement/1`
//! implement it (elixir-lang/elixir `lib/elixir/lib/version.ex`, `Version.Parser`), plus the extra
//! limits hex.pm puts on release versions (`hexpm` `lib/hexpm/ecto/version.ex`).
//!
//! This is not SemVer-the-spec: Elixir accepts some strings the spec rejects (`~> 1.0-rc`) and
//! rejects some it accepts (tabs are not separators, `1.0.0 , 2.0.0` is not a list). Numeric
//! components are limited to 14 digits, as in current Elixir (1.14 had no limit); that is also
//! hex.pm's "at most 99999999999999".
//!
//! Comparison follows Elixir (`Version.compare/2`, which is SemVer precedence): pre-release
//! identifiers compare numerically when numeric, numeric ones sort before alphanumeric ones, and
//! build metadata is ignored. It is written out here (a dozen lines) because `semver::Version`
//! would re-parse with the SemVer grammar, not Elixir's.

use std::cmp::Ordering;
use std::fmt;

/// Elixir rejects numeric components with more digits than this (hex.pm's 99,999,999,999,999).
pub const MAX_NUMERIC_DIGITS: usize = 14;
/// hex.pm: the pre-release part, joined with `.`, must be at most this many bytes.
pub const MAX_PRERELEASE_BYTES: usize = 64;
/// hex.pm's message for a numeric component over the limit.
pub const HEXPM_NUMERIC_MESSAGE: &str = "numeric components must be at most 99999999999999";

/// One pre-release identifier: `rc`, `1`, `beta-2`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Identifier {
    Numeric(u64),
    Alpha(String),
}

impl Ord for Identifier {
    /// Erlang term order, which `Version.compare/2` relies on: integers before binaries.
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Identifier::Numeric(a), Identifier::Numeric(b)) => a.cmp(b),
            (Identifier::Numeric(_), Identifier::Alpha(_)) => Ordering::Less,
            (Identifier::Alpha(_), Identifier::Numeric(_)) => Ordering::Greater,
            (Identifier::Alpha(a), Identifier::Alpha(b)) => a.as_bytes().cmp(b.as_bytes()),
        }
    }
}

impl PartialOrd for Identifier {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Identifier::Numeric(n) => write!(f, "{n}"),
            Identifier::Alpha(s) => f.write_str(s),
        }
    }
}

/// A version as `Version.parse/1` accepts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub pre: Vec<Identifier>,
    /// Build metadata identifiers (`+build.1`): parsed by Elixir, rejected by hex.pm.
    pub build: Vec<String>,
}

/// Why a string is not an Elixir version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionError {
    Empty,
    /// `v1.2.3`: the rest is a valid version.
    VPrefix,
    /// Not exactly MAJOR.MINOR.PATCH (the number of dot-separated parts found).
    ComponentCount(usize),
    /// A MAJOR/MINOR/PATCH part that is not all ASCII digits.
    NotNumeric(String),
    /// `01`: numbers may not have leading zeros (in pre-release identifiers too).
    LeadingZero(String),
    /// More than 14 digits (current Elixir and hex.pm reject it).
    TooManyDigits(String),
    /// `1.0.0-` or `1.0.0-rc..1`: an empty pre-release (or build) identifier.
    EmptyIdentifier {
        build: bool,
    },
    /// A pre-release (or build) identifier with a character outside `[0-9A-Za-z-]`.
    InvalidIdentifier {
        identifier: String,
        build: bool,
    },
}

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = |build: &bool| if *build { "build" } else { "pre-release" };
        match self {
            VersionError::Empty => f.write_str("the version is empty"),
            VersionError::VPrefix => f.write_str("versions have no `v` prefix"),
            VersionError::ComponentCount(n) => write!(
                f,
                "a version needs exactly three numbers, MAJOR.MINOR.PATCH, but has {n} part{}",
                if *n == 1 { "" } else { "s" }
            ),
            VersionError::NotNumeric(s) => write!(f, "`{s}` is not a number"),
            VersionError::LeadingZero(s) => write!(f, "`{s}` has a leading zero"),
            VersionError::TooManyDigits(s) => {
                write!(f, "`{s}` is too large ({HEXPM_NUMERIC_MESSAGE})")
            }
            VersionError::EmptyIdentifier { build } => {
                write!(f, "an empty {} identifier", part(build))
            }
            VersionError::InvalidIdentifier { identifier, build } => write!(
                f,
                "{} identifier `{identifier}` may only contain ASCII letters, digits and `-`",
                part(build)
            ),
        }
    }
}

/// Parsed MAJOR.MINOR[.PATCH][-PRE][+BUILD]; `patch` is `None` only inside `~>` requirements.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Parts {
    major: u64,
    minor: u64,
    patch: Option<u64>,
    pre: Vec<Identifier>,
    build: Vec<String>,
}

/// `Version.Parser.parse_version/2`. `approximate` allows a missing patch (for `~>`).
fn parse_parts(s: &str, approximate: bool) -> Result<Parts, VersionError> {
    if s.is_empty() {
        return Err(VersionError::Empty);
    }
    match parse_unprefixed(s, approximate) {
        Err(_)
            if s.strip_prefix(['v', 'V'])
                .is_some_and(|rest| parse_unprefixed(rest, approximate).is_ok()) =>
        {
            Err(VersionError::VPrefix)
        }
        result => result,
    }
}

fn parse_unprefixed(s: &str, approximate: bool) -> Result<Parts, VersionError> {
    let (with_pre, build) = match s.split_once('+') {
        Some((v, b)) => (v, Some(b)),
        None => (s, None),
    };
    let (numbers, pre) = match with_pre.split_once('-') {
        Some((v, p)) => (v, Some(p)),
        None => (with_pre, None),
    };
    let components: Vec<&str> = numbers.split('.').collect();
    let enough = if approximate { 2 } else { 3 };
    if components.len() < enough || components.len() > 3 {
        return Err(VersionError::ComponentCount(components.len()));
    }
    let major = number(components[0])?;
    let minor = number(components[1])?;
    let patch = components.get(2).map(|p| number(p)).transpose()?;
    let pre = match pre {
        None => Vec::new(),
        Some(p) => identifiers(p, false)?
            .into_iter()
            .map(pre_identifier)
            .collect::<Result<_, _>>()?,
    };
    let build = match build {
        None => Vec::new(),
        Some(b) => identifiers(b, true)?
            .into_iter()
            .map(str::to_string)
            .collect(),
    };
    Ok(Parts {
        major,
        minor,
        patch,
        pre,
        build,
    })
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

fn leading_zero(s: &str) -> bool {
    s.len() >= 2 && s.starts_with('0')
}

/// `require_digits/1`: non-empty digits, no leading zero, at most 14 digits.
fn number(s: &str) -> Result<u64, VersionError> {
    if leading_zero(s) && all_digits(s) {
        return Err(VersionError::LeadingZero(s.to_string()));
    }
    if s.is_empty() || !all_digits(s) {
        return Err(VersionError::NotNumeric(s.to_string()));
    }
    if s.len() > MAX_NUMERIC_DIGITS {
        return Err(VersionError::TooManyDigits(s.to_string()));
    }
    s.parse()
        .map_err(|_| VersionError::NotNumeric(s.to_string()))
}

/// `optional_dot_separated/1`: non-empty identifiers of `[0-9A-Za-z-]`.
fn identifiers(s: &str, build: bool) -> Result<Vec<&str>, VersionError> {
    s.split('.')
        .map(|id| {
            if id.is_empty() {
                Err(VersionError::EmptyIdentifier { build })
            } else if !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                Err(VersionError::InvalidIdentifier {
                    identifier: id.to_string(),
                    build,
                })
            } else {
                Ok(id)
            }
        })
        .collect()
}

/// `convert_parts_to_integer/2`: all-digit identifiers become numbers (no leading zero, ≤ 14).
fn pre_identifier(id: &str) -> Result<Identifier, VersionError> {
    if !all_digits(id) {
        return Ok(Identifier::Alpha(id.to_string()));
    }
    if id.len() > MAX_NUMERIC_DIGITS {
        return Err(VersionError::TooManyDigits(id.to_string()));
    }
    if leading_zero(id) {
        return Err(VersionError::LeadingZero(id.to_string()));
    }
    id.parse()
        .map(Identifier::Numeric)
        .map_err(|_| VersionError::NotNumeric(id.to_string()))
}

fn cmp_pre(a: &[Identifier], b: &[Identifier]) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => Ordering::Equal,
        // A release sorts after its pre-releases.
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => a.cmp(b),
    }
}

impl Version {
    /// `Version.parse/1`.
    pub fn parse(s: &str) -> Result<Version, VersionError> {
        let p = parse_parts(s, false)?;
        Ok(Version {
            major: p.major,
            minor: p.minor,
            patch: p.patch.unwrap_or(0),
            pre: p.pre,
            build: p.build,
        })
    }

    pub fn is_prerelease(&self) -> bool {
        !self.pre.is_empty()
    }

    /// The pre-release part as written (`rc.1`), empty when none.
    pub fn pre_string(&self) -> String {
        join(&self.pre)
    }

    /// What hex.pm's `Hexpm.Version.validate/1` would reject in a valid Elixir version, with its
    /// message: build metadata, or a pre-release longer than 64 bytes. (Numbers over
    /// 99,999,999,999,999 already fail [`Version::parse`] with [`VersionError::TooManyDigits`].)
    pub fn hexpm_rejection(&self) -> Option<&'static str> {
        if !self.build.is_empty() {
            Some("build number not allowed")
        } else if self.pre_string().len() > MAX_PRERELEASE_BYTES {
            Some("prerelease must be at most 64 characters")
        } else {
            None
        }
    }

    fn key(&self) -> (u64, u64, u64) {
        (self.major, self.minor, self.patch)
    }
}

fn join(ids: &[Identifier]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

impl Ord for Version {
    /// `Version.compare/2` (build metadata ignored; ties broken by it only to stay a total order).
    fn cmp(&self, other: &Self) -> Ordering {
        self.key()
            .cmp(&other.key())
            .then_with(|| cmp_pre(&self.pre, &other.pre))
            .then_with(|| self.build.cmp(&other.build))
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if !self.pre.is_empty() {
            write!(f, "-{}", join(&self.pre))?;
        }
        if !self.build.is_empty() {
            write!(f, "+{}", self.build.join("."))?;
        }
        Ok(())
    }
}

/// A requirement operator. `!=` (and its alias `!`) is deprecated in Elixir and refused by hex.pm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    Eq,
    NotEq,
    Gt,
    Ge,
    Lt,
    Le,
    /// `~>`
    Approx,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::NotEq => "!=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Approx => "~>",
        }
    }
}

/// One `OP VERSION` comparison. `patch` is `None` only for `~> MAJOR.MINOR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparator {
    pub op: Op,
    pub major: u64,
    pub minor: u64,
    pub patch: Option<u64>,
    pub pre: Vec<Identifier>,
    pub build: Vec<String>,
}

impl Comparator {
    fn at(&self, major: u64, minor: u64, patch: u64, pre: Vec<Identifier>) -> Version {
        Version {
            major,
            minor,
            patch,
            pre,
            build: Vec::new(),
        }
    }

    /// The comparator's version with a missing patch read as 0.
    pub fn version(&self) -> Version {
        self.at(
            self.major,
            self.minor,
            self.patch.unwrap_or(0),
            self.pre.clone(),
        )
    }

    /// Does this comparison put an upper bound on the versions it matches?
    pub fn is_bounded_above(&self) -> bool {
        matches!(self.op, Op::Eq | Op::Lt | Op::Le | Op::Approx)
    }

    /// `Version.Requirement` `match_op?/3`. `allow_pre: false` is what Hex uses when resolving.
    pub fn matches(&self, v: &Version, allow_pre: bool) -> bool {
        let pre_ok = allow_pre || !self.pre.is_empty() || v.pre.is_empty();
        let req = self.version();
        match self.op {
            Op::Eq => v.cmp_precedence(&req) == Ordering::Equal,
            Op::NotEq => v.cmp_precedence(&req) != Ordering::Equal,
            Op::Gt => v.cmp_precedence(&req) == Ordering::Greater && pre_ok,
            Op::Ge => v.cmp_precedence(&req) != Ordering::Less && pre_ok,
            Op::Lt => v.cmp_precedence(&req) == Ordering::Less,
            Op::Le => v.cmp_precedence(&req) != Ordering::Greater,
            Op::Approx => {
                // `~> 2.1` means `>= 2.1.0 and < 3.0.0-0`; `~> 2.1.3` means `>= 2.1.3 and < 2.2.0-0`.
                let upper = match self.patch {
                    None => self.at(
                        self.major.saturating_add(1),
                        0,
                        0,
                        vec![Identifier::Numeric(0)],
                    ),
                    Some(_) => self.at(
                        self.major,
                        self.minor.saturating_add(1),
                        0,
                        vec![Identifier::Numeric(0)],
                    ),
                };
                v.cmp_precedence(&req) != Ordering::Less
                    && v.cmp_precedence(&upper) == Ordering::Less
                    && pre_ok
            }
        }
    }
}

impl Version {
    /// `Version.compare/2`: precedence without build metadata.
    pub fn cmp_precedence(&self, other: &Version) -> Ordering {
        self.key()
            .cmp(&other.key())
            .then_with(|| cmp_pre(&self.pre, &other.pre))
    }
}

/// A parsed `Version.parse_requirement/1` string: `or` of `and`-groups (`and` binds tighter, as
/// in Elixir's left-to-right `match_lexed?`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub source: String,
    pub alternatives: Vec<Vec<Comparator>>,
    /// The requirement used the deprecated `!` alias of `!=` (Elixir warns).
    pub uses_bang: bool,
}

/// Why a string is not an Elixir requirement: a one-line explanation plus, when there is an
/// obvious rewrite, a suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequirementError {
    pub message: String,
    pub suggestion: Option<String>,
}

impl fmt::Display for RequirementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Op(Op),
    And,
    Or,
    /// A version, and whether its `==` was implicit (no operator written).
    Version(String, bool),
}

/// `Version.Parser.lexer/3`: operators are recognised anywhere, only a plain space separates,
/// and ` and `/` or ` need a space on both sides. A bare version gets an implicit `==`.
fn lex(source: &str) -> (Vec<Token>, bool) {
    const OPERATORS: &[(&str, Token)] = &[
        (">=", Token::Op(Op::Ge)),
        ("<=", Token::Op(Op::Le)),
        ("~>", Token::Op(Op::Approx)),
        (">", Token::Op(Op::Gt)),
        ("<", Token::Op(Op::Lt)),
        ("==", Token::Op(Op::Eq)),
        (" or ", Token::Or),
        (" and ", Token::And),
    ];
    fn flush(buffer: &mut String, out: &mut Vec<Token>) {
        if buffer.is_empty() {
            return;
        }
        let implicit = !matches!(out.last(), Some(Token::Op(_)));
        if implicit {
            out.push(Token::Op(Op::Eq));
        }
        out.push(Token::Version(std::mem::take(buffer), implicit));
    }
    let mut out = Vec::new();
    let mut buffer = String::new();
    let mut uses_bang = false;
    let mut rest = source;
    'outer: while let Some(c) = rest.chars().next() {
        for (text, token) in OPERATORS {
            if let Some(after) = rest.strip_prefix(text) {
                flush(&mut buffer, &mut out);
                out.push(token.clone());
                rest = after;
                continue 'outer;
            }
        }
        if let Some(after) = rest.strip_prefix("!=") {
            flush(&mut buffer, &mut out);
            out.push(Token::Op(Op::NotEq));
            rest = after;
        } else if let Some(after) = rest.strip_prefix('!') {
            flush(&mut buffer, &mut out);
            out.push(Token::Op(Op::NotEq));
            uses_bang = true;
            rest = after;
        } else if let Some(after) = rest.strip_prefix(' ') {
            flush(&mut buffer, &mut out);
            rest = after;
        } else {
            buffer.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    flush(&mut buffer, &mut out);
    (out, uses_bang)
}

impl Requirement {
    /// `Version.parse_requirement/1`.
    pub fn parse(source: &str) -> Result<Requirement, RequirementError> {
        let (tokens, uses_bang) = lex(source);
        let fail = |message: String| {
            Err(RequirementError {
                suggestion: suggest_requirement(source),
                message,
            })
        };
        if tokens.is_empty() {
            return fail("the requirement is empty".to_string());
        }
        let mut alternatives = vec![Vec::new()];
        let mut i = 0;
        loop {
            let (Some(Token::Op(op)), Some(Token::Version(text, implicit))) =
                (tokens.get(i), tokens.get(i + 1))
            else {
                return fail(structure_error(source));
            };
            let comparator = match parse_parts(text, *op == Op::Approx) {
                Ok(p) => Comparator {
                    op: *op,
                    major: p.major,
                    minor: p.minor,
                    patch: p.patch,
                    pre: p.pre,
                    build: p.build,
                },
                Err(e) => {
                    return fail(
                        common_mistake(source)
                            .unwrap_or_else(|| comparator_error(*op, text, *implicit, &e)),
                    );
                }
            };
            alternatives
                .last_mut()
                .expect("never empty: starts with one group")
                .push(comparator);
            match tokens.get(i + 2) {
                None => break,
                Some(Token::And) => {}
                Some(Token::Or) => alternatives.push(Vec::new()),
                Some(_) => return fail(structure_error(source)),
            }
            i += 3;
        }
        Ok(Requirement {
            source: source.to_string(),
            alternatives,
            uses_bang,
        })
    }

    /// `Version.match?/3`.
    pub fn matches(&self, v: &Version, allow_pre: bool) -> bool {
        self.alternatives
            .iter()
            .any(|group| group.iter().all(|c| c.matches(v, allow_pre)))
    }

    pub fn comparators(&self) -> impl Iterator<Item = &Comparator> {
        self.alternatives.iter().flatten()
    }

    /// hex.pm refuses any requirement whose text contains `!=` (`String.contains?/2`).
    pub fn hexpm_rejects_not_equal(&self) -> bool {
        self.source.contains("!=")
    }

    /// Does some comparison name a pre-release version (`~> 1.0-rc`, `>= 2.0.0-beta.1`)?
    pub fn mentions_prerelease(&self) -> bool {
        self.comparators().any(|c| !c.pre.is_empty())
    }

    /// Does it accept some `major.x` release before `major.minor` (an `elixir:` requirement
    /// that still allows Elixir 1.14 when asked about 1.15)? Tries the first and a late patch
    /// of each earlier minor.
    pub fn allows_before(&self, major: u64, minor: u64) -> bool {
        (0..minor).any(|m| {
            [0, 99].iter().any(|&patch| {
                let v = Version {
                    major,
                    minor: m,
                    patch,
                    pre: Vec::new(),
                    build: Vec::new(),
                };
                self.matches(&v, false)
            })
        })
    }

    /// Is some `or`-alternative without any upper bound (`>= 0.0.0`, `> 1.0.0 or ~> 0.9`)?
    pub fn is_unbounded(&self) -> bool {
        self.alternatives
            .iter()
            .any(|group| !group.iter().any(Comparator::is_bounded_above))
    }
}

/// Explain an `OP VERSION` pair that `validate_requirement/2` refuses.
fn comparator_error(op: Op, text: &str, implicit: bool, e: &VersionError) -> String {
    match e {
        VersionError::ComponentCount(2) if implicit => format!(
            "a version without an operator means `== {text}`, which needs a full MAJOR.MINOR.PATCH version; `~> {text}` would allow updates"
        ),
        VersionError::ComponentCount(2) => format!(
            "`{} {text}` needs a full MAJOR.MINOR.PATCH version; only `~>` accepts MAJOR.MINOR",
            op.as_str()
        ),
        VersionError::ComponentCount(1) if op == Op::Approx => {
            format!("`~> {text}` needs at least MAJOR.MINOR, as in `~> {text}.0`")
        }
        _ => format!("`{text}` is not a valid version: {e}"),
    }
}

/// Explain a requirement whose operators and versions do not alternate properly.
fn structure_error(source: &str) -> String {
    common_mistake(source).unwrap_or_else(|| {
        "expected `OPERATOR VERSION`, optionally joined with ` and ` / ` or `".to_string()
    })
}

/// Recognise mistakes carried over from other ecosystems (npm, Cargo, Bundler).
fn common_mistake(source: &str) -> Option<String> {
    let trimmed = source.trim();
    let message = if source.contains(',') {
        "requirements are combined with ` and `/` or `, not commas"
    } else if source.contains(['\t', '\n', '\r']) {
        "only plain spaces may separate operators and versions (no tabs or newlines)"
    } else if trimmed == "*" || trimmed.split('.').any(|p| matches!(p, "*" | "x" | "X")) {
        "wildcards are not version requirements"
    } else if source.contains("&&") || source.contains("||") {
        "use ` and `/` or ` instead of `&&`/`||`"
    } else if trimmed.starts_with(['=', '^']) || trimmed.starts_with("~ ") {
        "unknown operator (Elixir knows `==`, `!=`, `>`, `>=`, `<`, `<=` and `~>`)"
    } else {
        return None;
    };
    Some(message.to_string())
}

/// A likely intended requirement for common mistakes (`"1.0"` → `"~> 1.0"`, `"*"` →
/// `">= 0.0.0"`, `">= 1.0.0, < 2.0.0"` → `">= 1.0.0 and < 2.0.0"`). Only when it parses.
fn suggest_requirement(source: &str) -> Option<String> {
    let t = source.trim();
    let candidate = if t == "*" || t.is_empty() {
        ">= 0.0.0".to_string()
    } else if t.contains(',') {
        t.split(',')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" and ")
    } else if let Some(rest) = t.strip_prefix('^') {
        format!("~> {}", rest.trim())
    } else if let Some(rest) = t.strip_prefix("~>").map(str::trim)
        && !rest.is_empty()
        && all_digits(rest)
    {
        format!("~> {rest}.0")
    } else if parse_parts(t, true).is_ok_and(|p| p.patch.is_none()) {
        format!("~> {t}")
    } else if let Some(rest) = t.strip_prefix(['v', 'V']) {
        rest.to_string()
    } else {
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    (candidate != source && Requirement::parse_quiet(&candidate)).then_some(candidate)
}

impl Requirement {
    /// Whether `s` parses, without building suggestions (no recursion into `suggest_requirement`).
    fn parse_quiet(s: &str) -> bool {
        let (tokens, _) = lex(s);
        if tokens.len() < 2 || tokens.len() % 3 != 2 {
            return false;
        }
        tokens.chunks(3).all(|chunk| match chunk {
            [Token::Op(op), Token::Version(v, _), rest @ ..] => {
                matches!(rest, [] | [Token::And] | [Token::Or])
                    && parse_parts(v, *op == Op::Approx).is_ok()
            }
            _ => false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected results obtained by running Elixir 1.14.0's `Version.parse/1` and
    /// `Version.parse_requirement/1` on each string (`{:ok, _}` → true).
    const VERSIONS: &[(&str, bool)] = &[
        ("1.0.0", true),
        ("0.0.0", true),
        ("1.2.3-rc.1", true),
        ("1.2.3-rc-1", true),
        ("1.2.3-0", true),
        ("1.2.3-0a", true),
        ("1.2.3--", true),
        ("1.2.3+build.5", true),
        ("1.2.3-alpha+001", true),
        ("1.2.3-01", false),
        ("1.2.3-", false),
        ("1.2.3+", false),
        ("1.2.3-rc..1", false),
        ("1.2.3-rc_1", false),
        ("1.2.3-é", false),
        ("1.0", false),
        ("1", false),
        ("", false),
        ("v1.0.0", false),
        ("01.0.0", false),
        ("1.00.0", false),
        ("1.0.00", false),
        ("1.0.0.0", false),
        (" 1.0.0", false),
        ("1.0.0 ", false),
        ("1.0.x", false),
        ("1.-1.0", false),
        ("1.0.0-rc.1+b+c", false),
        ("10.20.30", true),
        ("99999999999999.0.0", true),
    ];

    const REQUIREMENTS: &[(&str, bool)] = &[
        ("~> 1.0", true),
        ("~> 1", false),
        ("~> 1.0.0", true),
        ("~> 1.0-rc", true),
        ("~> 1.0.0-rc.1", true),
        ("~>1.0", true),
        (">= 0.0.0", true),
        (">=0.0.0", true),
        (">= 1.0", false),
        ("== 1.0.0", true),
        ("1.0.0", true),
        ("1.0", false),
        ("!= 1.0.0", true),
        ("! 1.0.0", true),
        ("> 1.0.0 and < 2.0.0", true),
        (">= 1.0.0 and < 2.0.0 or ~> 3.0", true),
        (">= 1.0.0, < 2.0.0", false),
        (">= 1.0.0 && < 2.0.0", false),
        ("*", false),
        ("", false),
        (" ", false),
        ("  ~> 1.0  ", true),
        ("~>  1.0", true),
        ("~>\t1.0", false),
        ("~> 1.0 and", false),
        ("and ~> 1.0", false),
        ("~> 1.0 or or ~> 2.0", false),
        ("~> 1.0 ~> 2.0", false),
        ("1.0.0 2.0.0", false),
        ("~> 1.0 and~> 2.0", false),
        (">= >= 1.0.0", false),
        ("= 1.0.0", false),
        ("^1.0.0", false),
        ("~> v1.0", false),
        ("nil", false),
        (">= 1.0.0-rc.1", true),
        ("< 2.0.0+build", true),
        ("~> 1.x", false),
        ("1.0.0 or 2.0.0", true),
    ];

    #[test]
    fn version_grammar_matches_elixir() {
        for (s, ok) in VERSIONS {
            assert_eq!(Version::parse(s).is_ok(), *ok, "Version.parse({s:?})");
        }
    }

    #[test]
    fn requirement_grammar_matches_elixir() {
        for (s, ok) in REQUIREMENTS {
            assert_eq!(
                Requirement::parse(s).is_ok(),
                *ok,
                "Version.parse_requirement({s:?})"
            );
            assert_eq!(Requirement::parse_quiet(s), *ok, "parse_quiet({s:?})");
        }
    }

    #[test]
    fn hexpm_limits() {
        assert_eq!(
            Version::parse("100000000000000.0.0"),
            Err(VersionError::TooManyDigits("100000000000000".into()))
        );
        assert_eq!(
            Version::parse("1.0.0+b").unwrap().hexpm_rejection(),
            Some("build number not allowed")
        );
        let long = format!("1.0.0-{}", "a".repeat(65));
        assert_eq!(
            Version::parse(&long).unwrap().hexpm_rejection(),
            Some("prerelease must be at most 64 characters")
        );
        let ok = format!("1.0.0-{}", "a".repeat(64));
        assert_eq!(Version::parse(&ok).unwrap().hexpm_rejection(), None);
        assert_eq!(Version::parse("v1.0.0"), Err(VersionError::VPrefix));
    }

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn ordering_is_elixir_precedence() {
        let sorted = [
            "1.0.0-0",
            "1.0.0-1",
            "1.0.0-2",
            "1.0.0-10",
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-beta",
            "1.0.0",
            "1.0.1",
            "1.1.0",
            "2.0.0",
        ];
        for pair in sorted.windows(2) {
            assert!(v(pair[0]) < v(pair[1]), "{} < {}", pair[0], pair[1]);
        }
    }

    #[test]
    fn matching_follows_elixir_table() {
        // Each expectation checked with Elixir 1.14's `Version.match?(v, r, allow_pre: p)`.
        let m = |req: &str, ver: &str, pre: bool| {
            Requirement::parse(req).unwrap().matches(&v(ver), pre)
        };
        assert!(m("~> 2.0", "2.1.0", true));
        assert!(!m("~> 2.0", "3.0.0", true));
        assert!(m("~> 2.0.0", "2.0.5", true));
        assert!(!m("~> 2.0.0", "2.1.0", true));
        assert!(m("~> 2.1.2", "2.1.6-dev", true));
        assert!(!m("~> 2.1.2", "2.1.6-dev", false));
        assert!(m("~> 2.1-dev", "2.2.0-dev", false));
        assert!(!m(">= 2.1.0", "2.2.0-dev", false));
        assert!(m(">= 2.1.0-dev", "2.2.6-dev", false));
        assert!(m("< 2.2.0", "2.1.0-dev", false));
        assert!(!m("~> 1.0", "2.0.0-rc.0", true));
        assert!(m("> 1.0.0 and < 2.0.0 or == 3.0.0", "3.0.0", false));
        assert!(!m("> 1.0.0 and < 2.0.0 or == 3.0.0", "2.5.0", false));
    }

    #[test]
    fn requirement_helpers() {
        let r = |s: &str| Requirement::parse(s).unwrap();
        assert!(r(">= 0.0.0").is_unbounded());
        assert!(r("> 1.0.0 or ~> 0.9").is_unbounded());
        assert!(!r(">= 1.0.0 and < 2.0.0").is_unbounded());
        assert!(!r("~> 1.0").is_unbounded());
        assert!(r("~> 1.0-rc").mentions_prerelease());
        assert!(!r("~> 1.0").mentions_prerelease());
        assert!(r("!= 1.0.0").hexpm_rejects_not_equal());
        assert!(r("! 1.0.0").uses_bang);
        assert!(!r("! 1.0.0").hexpm_rejects_not_equal());
    }

    #[test]
    fn errors_explain_and_suggest() {
        let e = |s: &str| Requirement::parse(s).unwrap_err();
        assert_eq!(e("1.0").suggestion.as_deref(), Some("~> 1.0"));
        assert!(
            e("1.0").message.contains("MAJOR.MINOR.PATCH"),
            "{}",
            e("1.0")
        );
        assert_eq!(e("~> 1").suggestion.as_deref(), Some("~> 1.0"));
        assert!(e("~> 1").message.contains("at least MAJOR.MINOR"));
        assert_eq!(e("*").suggestion.as_deref(), Some(">= 0.0.0"));
        assert_eq!(
            e(">= 1.0.0, < 2.0.0").suggestion.as_deref(),
            Some(">= 1.0.0 and < 2.0.0")
        );
        assert!(e(">= 1.0.0, < 2.0.0").message.contains("commas"));
        assert_eq!(e("^1.2.0").suggestion.as_deref(), Some("~> 1.2.0"));
        assert_eq!(e("nil").suggestion, None);
    }
}
