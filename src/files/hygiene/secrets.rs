//! Secret detection: sensitive file names, credential patterns in file contents, and hex.pm's
//! `secret_scan: [ignore: …]` globs.
//!
//! The content patterns cover the self-identifying credential formats that hex.pm's post-publish
//! scan (gitleaks rules, "notify" set) mails owners about, plus PEM private keys and Hex API keys.
//! Found values are never returned whole: a finding carries a masked hint only.

use crate::files::content::is_binary;
use aho_corasick::AhoCorasick;
use regex::bytes::Regex;
use std::sync::OnceLock;

/// At most this many bytes of each file are scanned (the rest is not read).
pub const MAX_SCAN_BYTES: usize = 1024 * 1024;

/// Marker that hex.pm's scanner (and gitleaks) honour to allow a deliberate fixture line.
const INLINE_ALLOW: &[u8] = b"gitleaks:allow";

/// Why a file is sensitive by its name alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SensitiveName {
    /// `.env`, `.env.prod`, `.envrc`.
    DotEnv,
    /// `*.pem`: may hold a private key (confirmed by content when readable).
    Pem,
    /// `*.key`.
    KeyFile,
    /// `id_rsa`, `id_ed25519`, … (not `.pub`).
    SshPrivateKey,
    /// `*.p12`, `*.pfx`, `*.jks`, `*.keystore`.
    Keystore,
    /// `credentials*`, `.git-credentials`, `.netrc`, `.pgpass`.
    Credentials,
    /// `hex.config` or anything under a `.hex/` directory (Hex's auth config).
    HexConfig,
    /// `*.secret.exs` (Phoenix's `prod.secret.exs`).
    SecretExs,
}

impl SensitiveName {
    pub fn describe(self) -> &'static str {
        match self {
            SensitiveName::DotEnv => "an environment file (.env)",
            SensitiveName::Pem => "a PEM file",
            SensitiveName::KeyFile => "a key file (*.key)",
            SensitiveName::SshPrivateKey => "an SSH private key",
            SensitiveName::Keystore => "a certificate/key store (PKCS#12, JKS)",
            SensitiveName::Credentials => "a credentials file",
            SensitiveName::HexConfig => "a Hex user config (may hold API keys)",
            SensitiveName::SecretExs => "a secrets config script (*.secret.exs)",
        }
    }
}

/// Template suffixes that mark an env/credentials file as a documented example, not a real one.
const TEMPLATE_SUFFIXES: &[&str] = &[
    ".example",
    ".sample",
    ".template",
    ".tmpl",
    ".dist",
    ".defaults",
];

/// Source-like extensions: `credentials.ex` is a module about credentials, not a credentials file.
const SOURCE_EXTENSIONS: &[&str] = &[
    ".ex", ".erl", ".hrl", ".md", ".eex", ".heex", ".leex", ".js", ".ts", ".rs", ".c", ".h",
    ".html", ".txt",
];

/// Is this packaged path sensitive by name? `path` is relative, with `/` separators.
pub fn sensitive_name(path: &str) -> Option<SensitiveName> {
    if path.split('/').any(|c| c == ".hex") {
        return Some(SensitiveName::HexConfig);
    }
    let base = path.rsplit('/').next().unwrap_or(path);
    let lower = base.to_ascii_lowercase();
    let is_template = TEMPLATE_SUFFIXES.iter().any(|s| lower.ends_with(s));
    if lower == ".env" || lower.starts_with(".env.") || lower == ".envrc" {
        return (!is_template).then_some(SensitiveName::DotEnv);
    }
    if lower == "hex.config" {
        return Some(SensitiveName::HexConfig);
    }
    if lower.ends_with(".secret.exs") {
        return Some(SensitiveName::SecretExs);
    }
    if lower.ends_with(".pem") {
        return Some(SensitiveName::Pem);
    }
    if lower.ends_with(".key") {
        return Some(SensitiveName::KeyFile);
    }
    if [".p12", ".pfx", ".jks", ".keystore"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return Some(SensitiveName::Keystore);
    }
    if ["id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"]
        .iter()
        .any(|p| lower.starts_with(p))
        && !lower.ends_with(".pub")
    {
        return Some(SensitiveName::SshPrivateKey);
    }
    if [".git-credentials", ".netrc", "_netrc", ".pgpass"].contains(&lower.as_str()) {
        return Some(SensitiveName::Credentials);
    }
    if lower.starts_with("credentials")
        && !is_template
        && !SOURCE_EXTENSIONS.iter().any(|e| lower.ends_with(e))
    {
        return Some(SensitiveName::Credentials);
    }
    None
}

/// A credential found in a file's contents. Never holds the secret itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFinding {
    /// Rule id in the gitleaks naming (`aws-access-token`, `private-key`, …).
    pub rule: &'static str,
    /// Human description with its article: "an AWS access key ID".
    pub kind: &'static str,
    /// 1-based line of the match.
    pub line: usize,
    /// A masked hint: at most the first 4 characters, then `****`.
    pub hint: String,
    /// Where the value sits when that makes it probably an example (documentation, a test
    /// fixture); `None` for a value in ordinary code or config, which is likely live.
    pub context: Option<ExampleContext>,
}

/// A place that makes a credential-shaped value probably an example rather than a live secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExampleContext {
    /// Inside an Elixir `@moduledoc`, `@doc` or `@typedoc` string (the attribute, with its `@`).
    ElixirDoc(&'static str),
    /// Inside an Erlang `-moduledoc` or `-doc` attribute (the attribute, with its `-`).
    ErlangDoc(&'static str),
    /// Inside an edoc comment block (`%% @doc …`).
    Edoc,
    /// In a Markdown file (`.md`, `.markdown`, `.livemd`, `.cheatmd`).
    Markdown,
    /// Under a documentation or example directory (`examples/`, `docs/`, `guides/`).
    DocsDir(&'static str),
    /// Under a test directory (`test/`, `fixtures/`, …): a test fixture.
    TestDir(&'static str),
}

impl ExampleContext {
    /// Where the value is: "inside a @moduledoc", "under `test/`".
    pub fn describe(self) -> String {
        match self {
            ExampleContext::ElixirDoc(attr) | ExampleContext::ErlangDoc(attr) => {
                format!("inside a {attr}")
            }
            ExampleContext::Edoc => "inside an edoc comment".to_string(),
            ExampleContext::Markdown => "in a Markdown file".to_string(),
            ExampleContext::DocsDir(dir) | ExampleContext::TestDir(dir) => {
                format!("under `{dir}/`")
            }
        }
    }

    /// What the value then probably is.
    pub fn probably(self) -> &'static str {
        match self {
            ExampleContext::TestDir(_) => "a test fixture",
            _ => "a documentation example",
        }
    }
}

/// First path segments that hold documentation or examples.
const DOCS_DIRS: &[&str] = &["examples", "example", "docs", "doc", "guides"];
/// First path segments that hold tests (Mix's `test/`), and segments that mean fixtures at any
/// depth.
const TEST_DIRS: &[&str] = &["test", "tests"];
const FIXTURE_DIRS: &[&str] = &["fixtures", "fixture", "testdata", "test_fixtures"];
/// Markdown extensions (lowercase).
const MARKDOWN_EXTENSIONS: &[&str] = &[".md", ".markdown", ".livemd", ".cheatmd"];

/// The example context that a packaged path gives every value in the file, if any: a
/// documentation, example or test directory, or a Markdown file. `path` is relative, with `/`.
pub fn path_context(path: &str) -> Option<ExampleContext> {
    let mut segments = path.split('/');
    let base = segments.next_back().unwrap_or(path);
    let dirs: Vec<&str> = segments.collect();
    if let Some(first) = dirs.first() {
        if let Some(d) = DOCS_DIRS.iter().find(|d| d == &first) {
            return Some(ExampleContext::DocsDir(d));
        }
        if let Some(d) = TEST_DIRS.iter().find(|d| d == &first) {
            return Some(ExampleContext::TestDir(d));
        }
    }
    if let Some(d) = dirs
        .iter()
        .find_map(|seg| FIXTURE_DIRS.iter().find(|d| d == &seg))
    {
        return Some(ExampleContext::TestDir(d));
    }
    let lower = base.to_ascii_lowercase();
    MARKDOWN_EXTENSIONS
        .iter()
        .any(|e| lower.ends_with(e))
        .then_some(ExampleContext::Markdown)
}

struct ContentRule {
    id: &'static str,
    kind: &'static str,
    /// Literal strings one of which every match contains (case-insensitively when the pattern
    /// is `(?i…)`): a file with no rule's anchors is not scanned, so the regexes are rarely
    /// compiled.
    anchors: &'static [&'static str],
    /// Literal strings that every match also contains, all of them (case-sensitively): a file
    /// with an anchor but without one of these is not scanned for the rule either.
    requires: &'static [&'static str],
    /// The secret is capture group 1; its random part after the fixed prefix is the group named
    /// `body` (group 1 when there is none).
    pattern: &'static str,
    /// Minimum Shannon entropy (bits per byte) of the body, below which the value is a
    /// placeholder (`ghp_xxxx…`). Set per rule from the body's alphabet and length, as gitleaks
    /// does: a random body of the shortest allowed length stays above it in (far) more than
    /// 99.99% of draws (hex or base32 bodies reach less entropy than alphanumeric ones).
    min_entropy: f64,
    /// Show no characters of the secret in the hint.
    hide_prefix: bool,
}

/// The credential patterns. Each needs a distinctive prefix or context, so false positives on
/// ordinary code stay rare.
const CONTENT_RULES: &[ContentRule] = &[
    ContentRule {
        id: "private-key",
        kind: "a PEM private key",
        // Optional RFC 1421 headers (`Proc-Type: …`), then a base64 body (possibly with `\n`
        // escapes when the key sits in a string literal); code between two marker strings, as in
        // a PEM library, does not match.
        anchors: &["PRIVATE KEY"],
        requires: &[],
        pattern: r"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----\s*((?:[A-Za-z][A-Za-z0-9-]*:[^\r\n]*(?:\r?\n|\\n)\s*)*(?P<body>[A-Za-z0-9+/=\\\s]{64,}))-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----",
        min_entropy: 4.0,
        hide_prefix: true,
    },
    ContentRule {
        id: "aws-access-token",
        kind: "an AWS access key ID",
        anchors: &["A3T", "AKIA", "ASIA", "ABIA", "ACCA"],
        requires: &[],
        pattern: r"\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)(?P<body>[A-Z2-7]{16}))\b",
        min_entropy: 2.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "github-pat",
        kind: "a GitHub token",
        anchors: &["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
        requires: &[],
        pattern: r"\b(gh[pousr]_(?P<body>[0-9A-Za-z]{36}))\b",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "github-fine-grained-pat",
        kind: "a GitHub fine-grained token",
        anchors: &["github_pat_"],
        requires: &[],
        pattern: r"\b(github_pat_(?P<body>[0-9A-Za-z_]{82}))\b",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "gitlab-pat",
        kind: "a GitLab token",
        anchors: &["glpat-", "glptt-", "glrt-"],
        requires: &[],
        pattern: r"\b(gl(?:pat|ptt|rt)-(?P<body>[0-9A-Za-z_-]{20,}))",
        min_entropy: 3.2,
        hide_prefix: false,
    },
    ContentRule {
        id: "slack-token",
        kind: "a Slack token",
        anchors: &[
            "xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-", "xoxe-",
        ],
        requires: &[],
        pattern: r"\b(xox[abposre]-(?P<body>[0-9]{10,13}-[0-9A-Za-z-]{10,}))",
        min_entropy: 3.0,
        hide_prefix: false,
    },
    ContentRule {
        id: "slack-app-token",
        kind: "a Slack app token",
        anchors: &["xapp-"],
        requires: &[],
        pattern: r"\b(xapp-(?P<body>[0-9]-[A-Z0-9]+-[0-9]+-[a-z0-9]+))\b",
        min_entropy: 3.0,
        hide_prefix: false,
    },
    ContentRule {
        id: "slack-webhook-url",
        kind: "a Slack webhook URL",
        anchors: &["hooks.slack.com/"],
        requires: &[],
        pattern: r"(hooks\.slack\.com/(?:services|workflows|triggers)/(?P<body>[A-Za-z0-9+/]{43,}))",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "gcp-api-key",
        kind: "a Google API key",
        anchors: &["AIza"],
        requires: &[],
        pattern: r"\b(AIza(?P<body>[0-9A-Za-z_-]{35}))(?:[^0-9A-Za-z_-]|$)",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "stripe-access-token",
        kind: "a Stripe secret key",
        // The whole prefix the pattern needs: `_test_` alone is in many test-support files.
        anchors: &[
            "sk_test_", "rk_test_", "sk_live_", "rk_live_", "sk_prod_", "rk_prod_",
        ],
        requires: &[],
        pattern: r"\b((?:sk|rk)_(?:test|live|prod)_(?P<body>[0-9A-Za-z]{10,99}))\b",
        min_entropy: 3.0,
        hide_prefix: false,
    },
    ContentRule {
        id: "openai-api-key",
        kind: "an OpenAI API key",
        anchors: &["T3BlbkFJ"],
        requires: &[],
        pattern: r"\b(sk-(?P<body>[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}))",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "anthropic-api-key",
        kind: "an Anthropic API key",
        anchors: &["sk-ant-"],
        requires: &[],
        pattern: r"\b(sk-ant-(?:api|admin)[0-9]{2}-(?P<body>[A-Za-z0-9_-]{80,}))",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "npm-access-token",
        kind: "an npm access token",
        anchors: &["npm_"],
        requires: &[],
        pattern: r"\b(npm_(?P<body>[A-Za-z0-9]{36}))\b",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "pypi-upload-token",
        kind: "a PyPI upload token",
        anchors: &["pypi-AgEIcHlwaS5vcmc"],
        requires: &[],
        pattern: r"(pypi-AgEIcHlwaS5vcmc(?P<body>[A-Za-z0-9_-]{50,}))",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "rubygems-api-token",
        kind: "a RubyGems API key",
        anchors: &["rubygems_"],
        requires: &[],
        pattern: r"\b(rubygems_(?P<body>[a-f0-9]{48}))\b",
        min_entropy: 3.0,
        hide_prefix: false,
    },
    ContentRule {
        id: "sendgrid-api-token",
        kind: "a SendGrid API key",
        anchors: &["SG."],
        requires: &[],
        pattern: r"\b(SG\.(?P<body>[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}))\b",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "digitalocean-token",
        kind: "a DigitalOcean token",
        anchors: &["_v1_"],
        requires: &[],
        pattern: r"\b(do[opr]_v1_(?P<body>[a-f0-9]{64}))\b",
        min_entropy: 3.0,
        hide_prefix: false,
    },
    ContentRule {
        id: "shopify-token",
        kind: "a Shopify token",
        anchors: &["shpat_", "shpca_", "shppa_", "shpss_"],
        requires: &[],
        pattern: r"\b(shp(?:at|ca|pa|ss)_(?P<body>[a-fA-F0-9]{32}))\b",
        min_entropy: 2.8,
        hide_prefix: false,
    },
    ContentRule {
        id: "age-secret-key",
        kind: "an age secret key",
        anchors: &["AGE-SECRET-KEY-1"],
        requires: &[],
        pattern: r"\b(AGE-SECRET-KEY-1(?P<body>[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}))\b",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "vault-token",
        kind: "a HashiCorp Vault token",
        anchors: &["hvs.", "hvb."],
        requires: &[],
        pattern: r"\b(hv[sb]\.(?P<body>[A-Za-z0-9_-]{90,120}))\b",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "grafana-token",
        kind: "a Grafana token",
        anchors: &["glsa_"],
        requires: &[],
        pattern: r"\b(glsa_(?P<body>[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}))",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "grafana-token",
        kind: "a Grafana token",
        anchors: &["glc_"],
        requires: &[],
        pattern: r"\b(glc_(?P<body>[A-Za-z0-9+/]{32,400}={0,2}))",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "linear-api-key",
        kind: "a Linear API key",
        anchors: &["lin_api_"],
        requires: &[],
        pattern: r"\b(lin_api_(?P<body>[A-Za-z0-9]{40}))\b",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "postman-api-token",
        kind: "a Postman API key",
        anchors: &["PMAK-"],
        requires: &[],
        pattern: r"\b(PMAK-(?P<body>[a-f0-9]{24}-[a-f0-9]{34}))\b",
        min_entropy: 3.0,
        hide_prefix: false,
    },
    ContentRule {
        id: "doppler-api-token",
        kind: "a Doppler token",
        anchors: &["dp.pt."],
        requires: &[],
        pattern: r"\b(dp\.pt\.(?P<body>[A-Za-z0-9]{43}))\b",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    ContentRule {
        id: "square-access-token",
        kind: "a Square token",
        anchors: &["sq0atp-", "sq0csp-"],
        requires: &[],
        pattern: r"\b(sq0(?:atp|csp)-(?P<body>[0-9A-Za-z_-]{22,60}))\b",
        min_entropy: 3.2,
        hide_prefix: false,
    },
    ContentRule {
        id: "clojars-api-token",
        kind: "a Clojars token",
        anchors: &["CLOJARS_"],
        requires: &[],
        pattern: r"\b(CLOJARS_(?P<body>[a-z0-9]{60}))\b",
        min_entropy: 3.5,
        hide_prefix: false,
    },
    // Hex API keys are 32 lowercase hex digits with no prefix, so only their usual contexts count:
    // `HEX_API_KEY=…` (CI files, shell scripts) and the `hex.config` terms Hex writes.
    ContentRule {
        id: "hex-api-key",
        kind: "a Hex API key",
        anchors: &["hex_api_key"],
        requires: &[],
        pattern: r#"(?i:HEX_API_KEY)["']?\s*(?:=|:|=>)\s*["']?([a-f0-9]{32})\b"#,
        min_entropy: 2.8,
        hide_prefix: false,
    },
    ContentRule {
        id: "hex-api-key",
        kind: "a Hex API key",
        // `{key` is in most Elixir files (`{key, value}`), and `<<"` in many: each alone made
        // the regex compile (a tenth of a small package's check) for nothing; together, and
        // with `">>`, they occur in 3 of the 125 corpus packages.
        anchors: &["api_key", "{key", "{ key", "'$read_key'"],
        requires: &["<<\"", "\">>"],
        pattern: r#"\{\s*(?:api_key|key|'\$read_key')\s*,\s*<<"([a-f0-9]{32})">>"#,
        min_entropy: 2.8,
        hide_prefix: false,
    },
];

/// Each rule's own regex, compiled on first use: only for rules whose anchors occur.
fn rule_regex(index: usize) -> &'static Regex {
    static REGEXES: OnceLock<Vec<OnceLock<Regex>>> = OnceLock::new();
    REGEXES.get_or_init(|| CONTENT_RULES.iter().map(|_| OnceLock::new()).collect())[index]
        .get_or_init(|| {
            // The patterns are constants checked by the unit tests; a failure here is a bug.
            Regex::new(&ascii_pattern(CONTENT_RULES[index].pattern))
                .expect("secret pattern compiles")
        })
}

/// A rule's pattern in ASCII mode (`\b`, `\s`, classes): every token format is ASCII, and
/// Unicode-aware word boundaries cost milliseconds to compile per pattern.
fn ascii_pattern(pattern: &str) -> String {
    format!("(?-u){pattern}")
}

/// Finds the rules one of whose anchors occurs in a text.
struct AnchorIndex {
    /// The anchors of the case-sensitive rules, searched together.
    exact: ExactFinder,
    /// For each pattern of `exact`, the rule it belongs to.
    rule_of: Vec<usize>,
    /// The anchors of the rules whose pattern is case-insensitive (`(?i…)`), with their rule.
    folded: Vec<(usize, &'static str)>,
}

/// A multi-literal search: Teddy (SIMD, `aho_corasick::packed`) where the CPU has it, an
/// Aho-Corasick automaton elsewhere. Both report the leftmost match.
enum ExactFinder {
    Packed(aho_corasick::packed::Searcher),
    Automaton(AhoCorasick),
}

impl ExactFinder {
    fn new(patterns: &[&str]) -> ExactFinder {
        let packed = aho_corasick::packed::Config::new()
            .builder()
            .extend(patterns)
            .build();
        match packed {
            Some(searcher) => ExactFinder::Packed(searcher),
            None => ExactFinder::Automaton(
                AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                    .build(patterns)
                    .expect("secret anchors build"),
            ),
        }
    }

    /// The leftmost match starting at or after `from`: (start, pattern index).
    fn find_from(&self, bytes: &[u8], from: usize) -> Option<(usize, usize)> {
        let found = match self {
            ExactFinder::Packed(s) => s.find_in(bytes, aho_corasick::Span::from(from..bytes.len())),
            ExactFinder::Automaton(a) => a.find(aho_corasick::Input::new(bytes).range(from..)),
        }?;
        Some((found.start(), found.pattern().as_usize()))
    }
}

/// Whether `needle` (ASCII) occurs in `haystack`, ignoring ASCII case. The search jumps between
/// the occurrences of the needle's rarest letter, in either case, with `memchr2` (SIMD).
/// Not a case-insensitive regex: its literal prefilter spells out every case variant (2^9 for
/// `hex_api_key`), ~0.5 M instructions to build in every check. Not an ASCII-case-insensitive
/// Aho-Corasick automaton either: it scans at ~4 instructions a byte.
fn contains_folded(haystack: &[u8], needle: &[u8]) -> bool {
    /// Letters from the most to the least frequent in English text and code.
    const FREQUENCY: &[u8] = b"etaoinsrhldcumfpgwybvkxjqz";
    let rank = |b: &u8| {
        FREQUENCY
            .iter()
            .position(|f| *f == b.to_ascii_lowercase())
            .unwrap_or(0)
    };
    let Some(pivot) = (0..needle.len()).max_by_key(|&i| rank(&needle[i])) else {
        return true;
    };
    let (lower, upper) = (
        needle[pivot].to_ascii_lowercase(),
        needle[pivot].to_ascii_uppercase(),
    );
    memchr::memchr2_iter(lower, upper, haystack).any(|at| {
        at.checked_sub(pivot).is_some_and(|start| {
            haystack
                .get(start..start + needle.len())
                .is_some_and(|window| window.eq_ignore_ascii_case(needle))
        })
    })
}

fn is_case_insensitive(rule: &ContentRule) -> bool {
    rule.pattern.starts_with("(?i")
}

fn anchor_index() -> &'static AnchorIndex {
    static INDEX: OnceLock<AnchorIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let (rule_of, patterns): (Vec<usize>, Vec<&str>) = CONTENT_RULES
            .iter()
            .enumerate()
            .filter(|(_, r)| !is_case_insensitive(r))
            .flat_map(|(i, r)| r.anchors.iter().map(move |a| (i, *a)))
            .unzip();
        let folded = CONTENT_RULES
            .iter()
            .enumerate()
            .filter(|(_, r)| is_case_insensitive(r))
            .flat_map(|(i, r)| r.anchors.iter().map(move |a| (i, *a)))
            .collect();
        AnchorIndex {
            exact: ExactFinder::new(&patterns),
            rule_of,
            folded,
        }
    })
}

/// The rules (indexes into [`CONTENT_RULES`], ascending) one of whose anchors occurs in `bytes`.
fn anchored_rules(bytes: &[u8]) -> Vec<usize> {
    let index = anchor_index();
    let mut rules = Vec::new();
    // Resuming one byte after each match start finds overlapping anchors too (no anchor is a
    // prefix of another, so none can hide behind a match at the same start).
    let mut from = 0;
    while let Some((start, pattern)) = index.exact.find_from(bytes, from) {
        rules.push(index.rule_of[pattern]);
        from = start + 1;
    }
    rules.extend(
        index
            .folded
            .iter()
            .filter(|(_, anchor)| contains_folded(bytes, anchor.as_bytes()))
            .map(|(rule, _)| *rule),
    );
    rules.sort_unstable();
    rules.dedup();
    rules.retain(|&rule| {
        CONTENT_RULES[rule]
            .requires
            .iter()
            .all(|literal| memchr::memmem::find(bytes, literal.as_bytes()).is_some())
    });
    rules
}

/// Shannon entropy in bits per byte.
fn entropy(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0usize; 256];
    for &b in bytes {
        counts[b as usize] += 1;
    }
    let total = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / total;
            -p * p.log2()
        })
        .sum()
}

/// The line (without newline) around byte offset `at`.
fn line_around(bytes: &[u8], at: usize) -> &[u8] {
    let start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| at + i);
    &bytes[start..end]
}

/// A masked hint: the first 4 characters of a long enough secret, then `****`.
fn mask(secret: &[u8], hide_prefix: bool) -> String {
    if hide_prefix || secret.len() < 12 {
        return "****".to_string();
    }
    let prefix: String = secret[..4]
        .iter()
        .map(|&b| if b.is_ascii_graphic() { b as char } else { '?' })
        .collect();
    format!("{prefix}****")
}

/// Words that mark a value as a placeholder (gitleaks' stopwords, trufflehog's false-positive
/// word list). Matched in the body in lowercase, UPPERCASE or Capitalized form only, so a random
/// body holds one by chance about once in 10^5.
const PLACEHOLDER_WORDS: &[&str] = &[
    "example",
    "sample",
    "dummy",
    "fake",
    "test",
    "placeholder",
    "changeme",
    "replace",
    "your",
    "redacted",
    "mock",
    "invalid",
    "secret",
    "token",
    "xxxx",
];

/// Keys that vendors publish in their documentation, stored without their prefix (`sk_test_`) so
/// that this source holds no credential-shaped string: Stripe's documented test-mode secret keys.
/// (AWS's documented `AKIAIOSFODNN7EXAMPLE` ends in a placeholder word.)
const PUBLISHED_TEST_KEYS: &[(&str, &str)] = &[
    ("stripe-access-token", "4eC39HqLyjWDarjtT1zdp7dc"),
    ("stripe-access-token", "BQokikJOvBiI2HlWgH4olfQ2"),
];

/// A run of at least this many characters, each one more, one less or the same as the previous
/// (`12345678`, `ABCDEFGH`, `00000000`), marks a placeholder.
const PLACEHOLDER_RUN: usize = 8;

/// Longest repeating unit looked for (`abcd1234abcd1234…`, a PEM line pasted twice).
const MAX_PERIOD: usize = 128;

/// Why a matched value is a placeholder rather than a credential, if it is one. `body` is the
/// random part of the value (without its fixed prefix).
fn placeholder_reason(rule: &ContentRule, body: &[u8]) -> Option<&'static str> {
    let pem;
    let body = if rule.id == "private-key" {
        // A real PEM body is base64 lines; words separated by spaces are prose (`your key here`).
        if body
            .split(|&b| b == b'\n')
            .any(|line| line.trim_ascii().contains(&b' '))
        {
            return Some("not base64");
        }
        pem = pem_base64(body);
        &pem[..]
    } else {
        body
    };
    if entropy(body) < rule.min_entropy {
        return Some("low entropy");
    }
    if has_period(body) {
        return Some("a repeated pattern");
    }
    if rule.id == "private-key" {
        // A 1 KiB+ random body holds short words and runs by chance; entropy and period suffice.
        return None;
    }
    if PUBLISHED_TEST_KEYS
        .iter()
        .any(|(id, key)| *id == rule.id && key.as_bytes() == body)
    {
        return Some("a published test key");
    }
    if has_placeholder_word(body) {
        return Some("a placeholder word");
    }
    if is_sequential(body) {
        return Some("sequential or repeated characters");
    }
    None
}

/// The base64 characters of a PEM body: whitespace and `\n`/`\r` escapes removed.
fn pem_base64(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut bytes = body.iter();
    while let Some(&b) = bytes.next() {
        if b == b'\\' {
            bytes.next();
        } else if !b.is_ascii_whitespace() {
            out.push(b);
        }
    }
    out
}

fn has_placeholder_word(body: &[u8]) -> bool {
    PLACEHOLDER_WORDS.iter().any(|word| {
        let word = word.as_bytes();
        body.windows(word.len()).any(|w| {
            w == word
                || w.iter()
                    .zip(word)
                    .all(|(a, b)| *a == b.to_ascii_uppercase())
                || (w[0] == word[0].to_ascii_uppercase() && w[1..] == word[1..])
        })
    })
}

/// Is the body made of one unit repeated (`abab…`, `abcd1234abcd1234`)?
fn has_period(body: &[u8]) -> bool {
    (1..=MAX_PERIOD.min(body.len() / 2)).any(|p| body[p..].iter().zip(body).all(|(a, b)| a == b))
}

/// Sequential or repeated characters (case-insensitively): a run of [`PLACEHOLDER_RUN`] that
/// steps by one (or stays), or at least half of the neighbours (or of the characters two apart,
/// for `a1b2c3…`) one step apart. Random bodies have about one such neighbour in ten.
fn is_sequential(body: &[u8]) -> bool {
    let folded: Vec<i16> = body
        .iter()
        .map(|b| i16::from(b.to_ascii_lowercase()))
        .collect();
    let mut run = 1;
    let mut step = i16::MAX;
    for pair in folded.windows(2) {
        let d = pair[1] - pair[0];
        if d.abs() <= 1 && (run == 1 || d == step) {
            run += 1;
        } else {
            run = if d.abs() <= 1 { 2 } else { 1 };
        }
        step = d;
        if run >= PLACEHOLDER_RUN {
            return true;
        }
    }
    [1, 2].iter().any(|&stride| {
        let pairs = folded.len().saturating_sub(stride);
        let close = folded
            .iter()
            .zip(&folded[stride.min(folded.len())..])
            .filter(|(a, b)| (**b - **a).abs() <= 1)
            .count();
        pairs >= 6 && close * 2 >= pairs
    })
}

/// Doc strings of an Elixir source: `@moduledoc`, `@doc`, `@typedoc` followed by a string,
/// heredoc or `~S`/`~s` sigil.
fn elixir_doc_opening() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"(?-u)@(moduledoc|typedoc|doc)[ \t]+(?:~[sS])?("""|'''|"|')"#)
            .expect("doc regex compiles")
    })
}

/// Doc attributes of an Erlang source (OTP 27): `-moduledoc`/`-doc` followed by a string or
/// triple-quoted string, possibly a sigil.
fn erlang_doc_opening() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"(?m-u)^[ \t]*-(moduledoc|doc)[ \t]*\(?[ \t]*(?:~[a-zA-Z]?)?("""|")"#)
            .expect("doc regex compiles")
    })
}

/// Where a string that opens with `delim` just before `from` ends (the start of its closing
/// delimiter; the end of the text when unterminated). A triple-quoted string ends at a line
/// whose first non-blank characters are the delimiter; a one-quote string at the next unescaped
/// quote.
fn string_end(bytes: &[u8], from: usize, delim: &[u8]) -> usize {
    if delim.len() == 3 {
        let mut at = from;
        while let Some(nl) = bytes[at..].iter().position(|&b| b == b'\n') {
            let line = at + nl + 1;
            let indent = bytes[line..]
                .iter()
                .take_while(|b| **b == b' ' || **b == b'\t')
                .count();
            if bytes[line + indent..].starts_with(delim) {
                return line + indent;
            }
            at = line;
        }
        return bytes.len();
    }
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == delim[0] => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The documentation ranges of a source file, by its extension: Elixir doc strings, Erlang doc
/// attributes and edoc comment blocks. Other files have none.
fn doc_ranges(path: &str, bytes: &[u8]) -> Vec<(usize, usize, ExampleContext)> {
    let lower = path.to_ascii_lowercase();
    let elixir = lower.ends_with(".ex") || lower.ends_with(".exs");
    let erlang = lower.ends_with(".erl") || lower.ends_with(".hrl");
    let mut out = Vec::new();
    if !elixir && !erlang {
        return out;
    }
    let opening = if elixir {
        elixir_doc_opening()
    } else {
        erlang_doc_opening()
    };
    let mut at = 0;
    while let Some(caps) = opening.captures_at(bytes, at) {
        let (Some(attr), Some(delim)) = (caps.get(1), caps.get(2)) else {
            break;
        };
        let end = string_end(bytes, delim.end(), delim.as_bytes());
        let attr = match (elixir, attr.as_bytes()) {
            (true, b"moduledoc") => ExampleContext::ElixirDoc("@moduledoc"),
            (true, b"typedoc") => ExampleContext::ElixirDoc("@typedoc"),
            (true, _) => ExampleContext::ElixirDoc("@doc"),
            (false, b"moduledoc") => ExampleContext::ErlangDoc("-moduledoc"),
            (false, _) => ExampleContext::ErlangDoc("-doc"),
        };
        out.push((delim.end(), end, attr));
        at = (end + delim.len()).min(bytes.len());
        if at >= bytes.len() {
            break;
        }
    }
    if erlang {
        // An edoc block: from a comment line whose text starts with `@doc` to the last comment
        // line of the block.
        let mut start: Option<usize> = None;
        let mut pos = 0;
        for line in bytes.split_inclusive(|&b| b == b'\n') {
            let text = line.trim_ascii_start();
            if let Some(comment) = text.strip_prefix(b"%") {
                let comment = comment
                    .iter()
                    .position(|&b| b != b'%' && b != b' ' && b != b'\t')
                    .map_or(&[][..], |i| &comment[i..]);
                if start.is_none() && comment.starts_with(b"@doc") {
                    start = Some(pos);
                }
            } else if let Some(s) = start.take() {
                out.push((s, pos, ExampleContext::Edoc));
            }
            pos += line.len();
        }
        if let Some(s) = start {
            out.push((s, pos, ExampleContext::Edoc));
        }
    }
    out
}

/// Scan file contents for credentials: text files only, the first [`MAX_SCAN_BYTES`] bytes.
/// `path` (relative, `/`-separated) tells documentation and test files apart. Returns at most one
/// finding per rule, in file order: the first value outside any example context, else the first
/// one inside.
pub fn scan_content(path: &str, bytes: &[u8]) -> Vec<ContentFinding> {
    if is_binary(bytes) {
        return Vec::new();
    }
    let bytes = &bytes[..bytes.len().min(MAX_SCAN_BYTES)];
    let rules = anchored_rules(bytes);
    if rules.is_empty() {
        return Vec::new();
    }
    // The contexts only matter to files with an anchor; the doc ranges are found on the first
    // value that needs them.
    let file_context = path_context(path);
    let mut docs: Option<Vec<(usize, usize, ExampleContext)>> = None;
    let mut out: Vec<(usize, ContentFinding)> = Vec::new();
    for index in rules {
        let rule = &CONTENT_RULES[index];
        let mut slot = out.iter().position(|(_, f)| f.rule == rule.id);
        if slot.is_some_and(|i| out[i].1.context.is_none()) {
            continue;
        }
        for caps in rule_regex(index).captures_iter(bytes) {
            let (Some(whole), Some(secret)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let value = secret.as_bytes();
            let body = caps.name("body").map_or(value, |b| b.as_bytes());
            if placeholder_reason(rule, body).is_some()
                || line_around(bytes, whole.start())
                    .windows(INLINE_ALLOW.len())
                    .any(|w| w == INLINE_ALLOW)
            {
                continue;
            }
            let context = file_context.or_else(|| {
                docs.get_or_insert_with(|| doc_ranges(path, bytes))
                    .iter()
                    .find(|(start, end, _)| (*start..*end).contains(&whole.start()))
                    .map(|(_, _, context)| *context)
            });
            let line = bytes[..whole.start()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            let finding = ContentFinding {
                rule: rule.id,
                kind: rule.kind,
                line,
                hint: mask(value, rule.hide_prefix),
                context,
            };
            match slot {
                // An earlier example is replaced by a live-looking value; a second example is not
                // kept.
                Some(i) if context.is_none() => out[i] = (whole.start(), finding),
                Some(_) => {}
                None => {
                    out.push((whole.start(), finding));
                    slot = Some(out.len() - 1);
                }
            }
            // Every value of the file shares a path context: the first one stands for them.
            if context.is_none() || file_context.is_some() {
                break;
            }
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, f)| f).collect()
}

/// Does the text contain a PEM private-key header? Used to clear `*.pem` files that only hold
/// certificates (CA bundles such as `priv/cacerts.pem` are shipped on purpose).
pub fn has_private_key_header(bytes: &[u8]) -> bool {
    static HEADER: OnceLock<Regex> = OnceLock::new();
    HEADER
        .get_or_init(|| {
            Regex::new(r"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY").expect("header regex compiles")
        })
        .is_match(bytes)
}

/// Does the content show that a file sensitive by name holds no secret? A `*.pem` without a
/// private-key block (certificates, CA bundles such as `priv/cacerts.pem`), or a `*.key` that is
/// PEM text without one (a public key). Unreadable or empty files are not cleared.
pub fn cleared_by_content(name: Option<SensitiveName>, bytes: &[u8]) -> bool {
    let no_private_key = || !bytes.is_empty() && !has_private_key_header(bytes);
    match name {
        Some(SensitiveName::Pem) => no_private_key(),
        Some(SensitiveName::KeyFile) => {
            no_private_key() && bytes.windows(10).any(|w| w == b"-----BEGIN")
        }
        _ => false,
    }
}

/// hex.pm's `secret_scan: [ignore: [...]]` globs, compiled with the scanner's semantics:
/// `*` stays within one path segment, `**` crosses separators (`a/**/b` also matches `a/b`,
/// `**/b` also matches `b`), `?` is one non-separator character, everything else is literal and
/// the whole path must match. `hex_metadata.config` is always ignored.
#[derive(Debug, Clone, Default)]
pub struct IgnoreGlobs {
    patterns: Vec<regex::Regex>,
}

impl IgnoreGlobs {
    /// Compile the globs; a glob that does not compile is dropped, as hex.pm does.
    pub fn new<'a>(globs: impl IntoIterator<Item = &'a str>) -> Self {
        IgnoreGlobs {
            patterns: globs.into_iter().filter_map(compile_glob).collect(),
        }
    }

    /// Is this packaged path skipped by hex.pm's scanner?
    pub fn is_ignored(&self, path: &str) -> bool {
        path == "hex_metadata.config" || self.patterns.iter().any(|p| p.is_match(path))
    }
}

fn compile_glob(glob: &str) -> Option<regex::Regex> {
    let mut pattern = String::from(r"\A");
    let mut rest = glob;
    let mut at_start = true;
    while !rest.is_empty() {
        if at_start && rest.starts_with("**/") {
            pattern.push_str("(?:.*/)?");
            rest = &rest[3..];
        } else if rest.starts_with("/**/") {
            pattern.push_str("(?:/.*/|/)");
            rest = &rest[4..];
        } else if rest.starts_with("**") {
            pattern.push_str(".*");
            rest = &rest[2..];
        } else if rest.starts_with('*') {
            pattern.push_str("[^/]*");
            rest = &rest[1..];
        } else if rest.starts_with('?') {
            pattern.push_str("[^/]");
            rest = &rest[1..];
        } else {
            let next = rest
                .find(['*', '?', '/'])
                .map(|i| if i == 0 { 1 } else { i })
                .unwrap_or(rest.len());
            pattern.push_str(&regex::escape(&rest[..next]));
            rest = &rest[next..];
        }
        at_start = false;
    }
    pattern.push_str(r"\z");
    regex::Regex::new(&pattern).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two different anchors can only match at the same start if one is a prefix of the other;
    /// `anchored_rules` relies on that never happening.
    #[test]
    fn no_anchor_is_a_prefix_of_another() {
        let anchors: Vec<&str> = CONTENT_RULES
            .iter()
            .filter(|r| !is_case_insensitive(r))
            .flat_map(|r| r.anchors.iter().copied())
            .collect();
        for (i, a) in anchors.iter().enumerate() {
            for (j, b) in anchors.iter().enumerate() {
                assert!(i == j || !b.starts_with(a), "`{a}` is a prefix of `{b}`");
            }
        }
    }

    #[test]
    fn folded_anchors_ignore_case_only() {
        for text in [
            "hex_api_key",
            "x HEX_API_KEY=",
            "Hex_Api_Key",
            "a\nhEx_aPi_KeY",
        ] {
            assert!(contains_folded(text.as_bytes(), b"hex_api_key"), "{text}");
        }
        for text in ["", "hex_api_ke", "ex_api_key", "hex-api-key", "xxxxxxxxxxx"] {
            assert!(!contains_folded(text.as_bytes(), b"hex_api_key"), "{text}");
        }
        // The rarest letter first, last, and a needle longer than the text.
        assert!(contains_folded(b"..XE..", b"xe"));
        assert!(contains_folded(b"EX", b"ex"));
        assert!(!contains_folded(b"x", b"xe"));
    }

    #[test]
    fn a_rule_needs_its_required_literals_too() {
        let rule = CONTENT_RULES
            .iter()
            .position(|r| r.requires.contains(&"<<\""))
            .unwrap();
        // Elixir's `{key, value}` has the anchor but not the binary around a key.
        assert!(!anchored_rules(b"Enum.map(pairs, fn {key, value} -> key end)").contains(&rule));
        assert!(
            !anchored_rules(b"{key, value} = pair; <<\"a\", rest::binary>> = s").contains(&rule)
        );
        assert!(anchored_rules(b"{key,<<\"abc\">>}.").contains(&rule));
    }

    #[test]
    fn overlapping_anchors_are_all_found() {
        // `npm_sk_test_` and `AKIAghp_` hold two back to back.
        let rule = |id: &str| CONTENT_RULES.iter().position(|r| r.id == id).unwrap();
        let found = anchored_rules(b"xnpm_sk_test_ AKIAghp_ hEx_ApI_kEy");
        for id in [
            "npm-access-token",
            "stripe-access-token",
            "aws-access-token",
            "github-pat",
            "hex-api-key",
        ] {
            assert!(found.contains(&rule(id)), "{id}: {found:?}");
        }
        assert!(anchored_rules(b"nothing to see here").is_empty());
    }

    #[test]
    fn every_pattern_compiles() {
        for (i, rule) in CONTENT_RULES.iter().enumerate() {
            assert!(
                rule_regex(i).captures_len() >= 2,
                "{} has no capture",
                rule.id
            );
            assert!(!rule.anchors.is_empty(), "{} has no anchor", rule.id);
        }
    }

    #[test]
    fn sensitive_names() {
        assert_eq!(sensitive_name(".env"), Some(SensitiveName::DotEnv));
        assert_eq!(
            sensitive_name("priv/.env.prod"),
            Some(SensitiveName::DotEnv)
        );
        assert_eq!(sensitive_name(".env.example"), None);
        assert_eq!(
            sensitive_name("priv/cert/server.key"),
            Some(SensitiveName::KeyFile)
        );
        assert_eq!(sensitive_name("priv/ca.pem"), Some(SensitiveName::Pem));
        assert_eq!(sensitive_name("id_rsa"), Some(SensitiveName::SshPrivateKey));
        assert_eq!(
            sensitive_name("keys/id_ed25519"),
            Some(SensitiveName::SshPrivateKey)
        );
        assert_eq!(sensitive_name("id_rsa.pub"), None);
        assert_eq!(sensitive_name("cert.P12"), Some(SensitiveName::Keystore));
        assert_eq!(
            sensitive_name("credentials.json"),
            Some(SensitiveName::Credentials)
        );
        assert_eq!(sensitive_name("lib/app/credentials.ex"), None);
        assert_eq!(
            sensitive_name(".hex/hex.config"),
            Some(SensitiveName::HexConfig)
        );
        assert_eq!(sensitive_name("hex.config"), Some(SensitiveName::HexConfig));
        assert_eq!(
            sensitive_name("config/prod.secret.exs"),
            Some(SensitiveName::SecretExs)
        );
        assert_eq!(sensitive_name("lib/env.ex"), None);
        assert_eq!(sensitive_name("lib/keys.ex"), None);
    }

    // Fake values assembled at run time so that this source file itself holds no token.
    fn fake(prefix: &str, body: &str) -> String {
        format!("{prefix}{body}")
    }

    #[test]
    fn finds_tokens_with_line_and_mask() {
        let aws = fake("AKIA", "QWERTYUIOPASDFGH");
        let gh = fake("ghp_", &body(ALNUM, 36, 1));
        let text = format!("# config\naws = \"{aws}\"\n\ntoken: {gh}\n");
        let found = scan_content("lib/app.ex", text.as_bytes());
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].rule, "aws-access-token");
        assert_eq!(found[0].line, 2);
        assert_eq!(found[0].hint, "AKIA****");
        assert_eq!(found[1].rule, "github-pat");
        assert_eq!(found[1].line, 4);
        assert!(!found.iter().any(|f| f.hint.contains(&gh[4..])));
    }

    #[test]
    fn finds_pem_private_key_without_showing_it() {
        let text = pem("RSA PRIVATE KEY", &body(BASE64, 128, 2));
        let found = scan_content("lib/app.ex", text.as_bytes());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "private-key");
        assert_eq!(found[0].hint, "****");
        assert!(has_private_key_header(text.as_bytes()));
        // The same key inside a string literal with `\n` escapes.
        let escaped = text.replace('\n', "\\n");
        assert_eq!(
            scan_content("lib/app.ex", escaped.as_bytes()).len(),
            1,
            "{escaped}"
        );
        // Code between two marker strings (a PEM library) is not a key.
        let code = format!(
            "pem_start(rsa) ->\n    <<\"-----BEGIN RSA {}-----\">>;\npem_end(rsa) ->\n    \
             <<\"-----END RSA PRIVATE KEY-----\">>;\n%% {}\n",
            "PRIVATE KEY",
            "x".repeat(80)
        );
        assert!(scan_content("lib/app.ex", code.as_bytes()).is_empty());
        assert!(!has_private_key_header(
            b"-----BEGIN CERTIFICATE-----\nMIIB\n"
        ));
    }

    #[test]
    fn hex_api_key_in_context_only() {
        let key = "3f9a1c0e7b2d4a6f8e1b3c5d7a9f0e2b";
        let env = format!("export HEX_API_KEY={key}\n");
        let found = scan_content("lib/app.ex", env.as_bytes());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "hex-api-key");
        assert_eq!(found[0].hint, "3f9a****");
        // A bare checksum-like hex string is not a key.
        assert!(scan_content("lib/app.ex", format!("checksum: {key}\n").as_bytes()).is_empty());
    }

    #[test]
    fn skips_placeholders_examples_allowed_lines_and_binaries() {
        let placeholder = fake("ghp_", &"x".repeat(36));
        assert!(scan_content("lib/app.ex", placeholder.as_bytes()).is_empty());
        assert!(scan_content("lib/app.ex", fake("AKIA", "IOSFODNN7EXAMPLE").as_bytes()).is_empty());
        let allowed = format!("{} # gitleaks:allow", fake("ghp_", &body(ALNUM, 36, 3)));
        assert!(scan_content("lib/app.ex", allowed.as_bytes()).is_empty());
        let mut binary = b"\0\0".to_vec();
        binary.extend(fake("AKIA", "QWERTYUIOPASDFGH").bytes());
        assert!(scan_content("lib/app.ex", &binary).is_empty());
    }

    /// Random bodies of every rule's shortest usual length are never taken for placeholders:
    /// the entropy thresholds and the sequence checks leave real credentials alone.
    #[test]
    fn random_bodies_are_never_placeholders() {
        for seed in 1..=300 {
            for (id, token) in samples(seed * 104_729 + 1) {
                let found = scan_content("config/prod.exs", token.as_bytes());
                assert!(
                    found.iter().any(|f| f.rule == id && f.context.is_none()),
                    "{id} (seed {seed}) taken for a placeholder: {found:?}"
                );
            }
        }
    }

    #[test]
    fn placeholders_are_not_reported() {
        let quiet = |text: String| {
            let found = scan_content("config/config.exs", text.as_bytes());
            assert!(found.is_empty(), "{text}: {found:?}");
        };
        // Low entropy, sequential or repeated characters, a repeating unit.
        quiet(fake("ghp_", &"x".repeat(36)));
        quiet(fake("ghp_", "1234567890abcdefghijklmnopqrstuvwxyz"));
        quiet(fake("ghp_", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"));
        quiet(fake("ghp_", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"));
        quiet(fake("ghp_", &format!("{}abcd", "abcd1234".repeat(4))));
        quiet(fake("sk_test_", "abc1234567"));
        quiet(fake("sk_test_", "abc123def4"));
        quiet(fake("AKIA", "ABCDEFGHIJKLMNOP"));
        quiet(fake("HEX_API_KEY=", "0123456789abcdef0123456789abcdef"));
        quiet(fake("HEX_API_KEY=", &"deadbeef".repeat(4)));
        // Placeholder words, even in an otherwise random body.
        quiet(fake("AKIA", "IOSFODNN7EXAMPLE"));
        quiet(fake("sk_live_", "YourSecretKeyGoesRightHere"));
        quiet(fake("glpat-", "replace-with-your-own"));
        quiet(fake("ghp_", &format!("{}Example", body(ALNUM, 29, 5))));
        quiet(fake("npm_", &format!("{}DUMMY", body(ALNUM, 31, 6))));
        // Vendors' published documentation keys.
        quiet(fake("sk_test_", PUBLISHED_TEST_KEYS[0].1));
        // PEM blocks: prose, a constant body, one line pasted three times.
        quiet(pem(
            "PRIVATE KEY",
            "your private key goes here, pasted from the file that the server generated",
        ));
        quiet(pem("RSA PRIVATE KEY", &"A".repeat(128)));
        quiet(pem("PRIVATE KEY", &body(BASE64, 64, 7).repeat(3)));
        // Interpolations and template markers never match a token format in the first place.
        quiet("HEX_API_KEY=${HEX_API_KEY}\ntoken: <token>\n".to_string());
        assert_eq!(
            placeholder_reason(&CONTENT_RULES[1], b"IOSFODNN7EXAMPLE"),
            Some("a placeholder word")
        );
        assert_eq!(
            placeholder_reason(&CONTENT_RULES[1], b"AAAAAAAAAAAAAAAA"),
            Some("low entropy")
        );
    }

    #[test]
    fn path_contexts() {
        use ExampleContext::*;
        assert_eq!(path_context("README.md"), Some(Markdown));
        assert_eq!(path_context("guides/Setup.MD"), Some(DocsDir("guides")));
        assert_eq!(
            path_context("examples/demo/lib/a.ex"),
            Some(DocsDir("examples"))
        );
        assert_eq!(path_context("docs/api.txt"), Some(DocsDir("docs")));
        assert_eq!(path_context("test/support/keys.exs"), Some(TestDir("test")));
        assert_eq!(
            path_context("priv/fixtures/k.pem"),
            Some(TestDir("fixtures"))
        );
        assert_eq!(path_context("notebooks/tour.livemd"), Some(Markdown));
        // Only a first segment is a test or docs directory: namespaces deeper down are code.
        assert_eq!(path_context("lib/my_app/test/helpers.ex"), None);
        assert_eq!(path_context("lib/my_app/docs.ex"), None);
        assert_eq!(path_context("config/prod.exs"), None);
        assert_eq!(path_context("docs"), None);
    }

    #[test]
    fn elixir_doc_strings_make_examples() {
        let token = fake("ghp_", &body(ALNUM, 36, 11));
        let other = fake("ghp_", &body(ALNUM, 36, 12));
        let doc_only = format!(
            "defmodule A do\n  @moduledoc \"\"\"\n  Configure:\n\n      config :a, token: \"{token}\"\n  \"\"\"\n\n  def f, do: :ok\nend\n"
        );
        let found = scan_content("lib/a.ex", doc_only.as_bytes());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].context,
            Some(ExampleContext::ElixirDoc("@moduledoc"))
        );
        assert_eq!(found[0].line, 5);
        // After the doc string, a value in code is live, and it wins over the example.
        let both = format!("{doc_only}\ndefmodule B do\n  def t, do: \"{other}\"\nend\n");
        let found = scan_content("lib/a.ex", both.as_bytes());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].context, None);
        assert_eq!(found[0].line, 12);
        // `@doc ~S"""`, a one-line `@doc "…"` and `@typedoc`.
        for (text, attr) in [
            (
                format!("  @doc ~S\"\"\"\n  x = \"{token}\"\n  \"\"\"\n  def f, do: 1\n"),
                "@doc",
            ),
            (
                format!("  @doc \"Use \\\"{token}\\\" here.\"\n  def f, do: 1\n"),
                "@doc",
            ),
            (
                format!("  @typedoc \"\"\"\n  {token}\n  \"\"\"\n"),
                "@typedoc",
            ),
        ] {
            let found = scan_content("lib/a.ex", text.as_bytes());
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(
                found[0].context,
                Some(ExampleContext::ElixirDoc(attr)),
                "{text}"
            );
        }
        // `@moduledoc false` opens nothing; a comment is not documentation.
        let code = format!("  @moduledoc false\n  # {token}\n  @key \"{token}\"\n");
        let found = scan_content("lib/a.ex", code.as_bytes());
        assert_eq!(found[0].context, None, "{found:?}");
        // The same text in a file under examples/ or in Markdown: the path decides.
        let found = scan_content("examples/a.ex", code.as_bytes());
        assert_eq!(found[0].context, Some(ExampleContext::DocsDir("examples")));
        let found = scan_content("README.md", format!("```elixir\n{code}```\n").as_bytes());
        assert_eq!(found[0].context, Some(ExampleContext::Markdown));
    }

    #[test]
    fn erlang_docs_make_examples() {
        let token = fake("AKIA", &body("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 13));
        let edoc = format!(
            "%% @doc Connects.\n%% Example key: {token}\n%% More text.\nconnect() -> ok.\n"
        );
        let found = scan_content("src/a.erl", edoc.as_bytes());
        assert_eq!(found[0].context, Some(ExampleContext::Edoc), "{found:?}");
        // A comment that is not an edoc block, and code after the block, are not examples.
        let plain = format!("%% old key: {token}\nconnect() -> ok.\n");
        assert_eq!(scan_content("src/a.erl", plain.as_bytes())[0].context, None);
        let after = format!("%% @doc Connects.\nconnect() -> \"{token}\".\n");
        assert_eq!(scan_content("src/a.erl", after.as_bytes())[0].context, None);
        let attr = format!(
            "-module(a).\n-moduledoc \"\"\"\nUse `{token}`.\n\"\"\".\n-doc \"Key {token}\".\nf() -> ok.\n"
        );
        let found = scan_content("src/a.erl", attr.as_bytes());
        assert_eq!(
            found[0].context,
            Some(ExampleContext::ErlangDoc("-moduledoc"))
        );
        // An .ex doc regex does not apply to other files.
        let in_txt = format!("@moduledoc \"\"\"\n{token}\n\"\"\"\n");
        assert_eq!(
            scan_content("priv/notes.txt", in_txt.as_bytes())[0].context,
            None
        );
    }

    #[test]
    fn ignore_globs_follow_hexpm_semantics() {
        let g = IgnoreGlobs::new([
            "test/fixtures/**",
            "priv/*.pem",
            "a/**/b",
            "**/x.key",
            "c?.txt",
        ]);
        assert!(g.is_ignored("hex_metadata.config"));
        assert!(g.is_ignored("test/fixtures/certs/server.pem"));
        assert!(g.is_ignored("priv/server.pem"));
        assert!(!g.is_ignored("priv/certs/server.pem"));
        assert!(g.is_ignored("a/b"));
        assert!(g.is_ignored("a/x/y/b"));
        assert!(g.is_ignored("x.key"));
        assert!(g.is_ignored("deep/dir/x.key"));
        assert!(g.is_ignored("c1.txt"));
        assert!(!g.is_ignored("c/.txt"));
        assert!(!g.is_ignored("lib/app.ex"));
        // Regex metacharacters are literal.
        let dots = IgnoreGlobs::new(["lib/a.b(c)"]);
        assert!(dots.is_ignored("lib/a.b(c)"));
        assert!(!dots.is_ignored("lib/aXb(c)"));
    }

    const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const HEX: &str = "0123456789abcdef";
    const BASE64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// A PEM block of `kind` (`RSA PRIVATE KEY`) around `body`, in 64-character lines; the
    /// marker is assembled so that this file holds none.
    fn pem(kind: &str, body: &str) -> String {
        let lines: Vec<&str> = body
            .as_bytes()
            .chunks(64)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        let dashes = "-".repeat(5);
        format!(
            "{dashes}BEGIN {kind}{dashes}\n{}\n{dashes}END {kind}{dashes}\n",
            lines.join("\n")
        )
    }

    /// A deterministic, high-entropy string of `n` characters from `charset`.
    fn body(charset: &str, n: usize, seed: u64) -> String {
        let chars: Vec<char> = charset.chars().collect();
        let mut x = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                chars[((x >> 33) as usize) % chars.len()]
            })
            .collect()
    }

    /// One fake token per rule (built at run time), each of which must be found: this also
    /// proves that every rule's anchors let its matches through the prefilter.
    #[test]
    fn every_rule_finds_its_token_through_the_anchor_prefilter() {
        for (id, token) in &samples(7919) {
            let text = format!("config = \"x\"\n  {token}\n");
            let found = scan_content("lib/app.ex", text.as_bytes());
            assert!(
                found.iter().any(|f| f.rule == *id && f.context.is_none()),
                "{id} not found in sample: {found:?}"
            );
        }
    }

    /// One fake token per rule (built at run time) from a seeded random body.
    fn samples(seed: u64) -> Vec<(&'static str, String)> {
        let b = |set: &str, n: usize| body(set, n, n as u64 * seed);
        let samples: Vec<(&'static str, String)> = vec![
            ("private-key", pem("EC PRIVATE KEY", &b(BASE64, 96))),
            (
                "aws-access-token",
                fake("AKIA", &b("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)),
            ),
            ("github-pat", fake("ghp_", &b(ALNUM, 36))),
            (
                "github-fine-grained-pat",
                fake("github_pat_", &b(ALNUM, 82)),
            ),
            ("gitlab-pat", fake("glpat-", &b(ALNUM, 20))),
            (
                "slack-token",
                fake(
                    "xoxb-",
                    &format!("{}-{}", b("0123456789", 12), b(ALNUM, 24)),
                ),
            ),
            (
                "slack-app-token",
                fake(
                    "xapp-",
                    &format!(
                        "1-A1B2C3D4-{}-{}",
                        b("0123456789", 10),
                        b("abcdefghijklmnopqrstuvwxyz0123456789", 40)
                    ),
                ),
            ),
            (
                "slack-webhook-url",
                fake("hooks.slack.com/", &format!("services/{}", b(ALNUM, 44))),
            ),
            ("gcp-api-key", fake("AIza", &b(ALNUM, 35))),
            ("stripe-access-token", fake("sk_live_", &b(ALNUM, 24))),
            (
                "openai-api-key",
                fake("sk-", &format!("{}T3BlbkFJ{}", b(ALNUM, 20), b(ALNUM, 21))),
            ),
            (
                "anthropic-api-key",
                fake("sk-ant-", &format!("api03-{}", b(ALNUM, 90))),
            ),
            ("npm-access-token", fake("npm_", &b(ALNUM, 36))),
            (
                "pypi-upload-token",
                fake("pypi-AgEIcHlwaS5vcmc", &b(ALNUM, 60)),
            ),
            ("rubygems-api-token", fake("rubygems_", &b(HEX, 48))),
            (
                "sendgrid-api-token",
                fake("SG.", &format!("{}.{}", b(ALNUM, 22), b(ALNUM, 43))),
            ),
            ("digitalocean-token", fake("dop_v1_", &b(HEX, 64))),
            ("shopify-token", fake("shpat_", &b(HEX, 32))),
            (
                "age-secret-key",
                fake(
                    "AGE-SECRET-KEY-1",
                    &b("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58),
                ),
            ),
            ("vault-token", fake("hvs.", &b(ALNUM, 100))),
            (
                "grafana-token",
                fake("glsa_", &format!("{}_{}", b(ALNUM, 32), b(HEX, 8))),
            ),
            ("grafana-token", fake("glc_", &b(BASE64, 48))),
            ("linear-api-key", fake("lin_api_", &b(ALNUM, 40))),
            (
                "postman-api-token",
                fake("PMAK-", &format!("{}-{}", b(HEX, 24), b(HEX, 34))),
            ),
            ("doppler-api-token", fake("dp.pt.", &b(ALNUM, 43))),
            ("square-access-token", fake("sq0atp-", &b(ALNUM, 30))),
            (
                "clojars-api-token",
                fake("CLOJARS_", &b("abcdefghijklmnopqrstuvwxyz0123456789", 60)),
            ),
            ("hex-api-key", fake("HEX_API_KEY=", &b(HEX, 32))),
            (
                "hex-api-key",
                format!("{{api_key, <<\"{}\">>}}", b(HEX, 32)),
            ),
            ("hex-api-key", format!("{{key,<<\"{}\">>}}.", b(HEX, 32))),
            (
                "hex-api-key",
                format!("{{'$read_key', <<\"{}\">>}}", b(HEX, 32)),
            ),
        ];
        let ids: std::collections::BTreeSet<&str> = samples.iter().map(|(id, _)| *id).collect();
        let all: std::collections::BTreeSet<&str> = CONTENT_RULES.iter().map(|r| r.id).collect();
        assert_eq!(ids, all, "a sample for every rule");
        samples
    }
}
