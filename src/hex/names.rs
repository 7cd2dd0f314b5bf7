//! hex.pm's naming rules for packages and organizations
//! (hexpm `lib/hexpm/repository/package.ex`, `lib/hexpm/accounts/organization.ex`).

/// Names no package may take, in any repository (hexpm `Package.reserved_names/0`), grouped as
/// hex.pm groups them.
pub const RESERVED_PACKAGE_NAMES: &[(&str, &[&str])] = &[
    (
        "an Elixir application",
        &[
            "eex", "elixir", "elixirc", "ex_unit", "iex", "logger", "mix",
        ],
    ),
    (
        "an Erlang/OTP application",
        &[
            "otp",
            "asn1",
            "common_test",
            "compiler",
            "crypto",
            "debugger",
            "dialyzer",
            "diameter",
            "edoc",
            "eldap",
            "erl_docgen",
            "erl_interface",
            "erts",
            "et",
            "eunit",
            "ftp",
            "hipe",
            "inets",
            "jinterface",
            "kernel",
            "megaco",
            "mnesia",
            "observer",
            "odbc",
            "os_mon",
            "parsetools",
            "public_key",
            "reltool",
            "runtime_tools",
            "sasl",
            "snmp",
            "ssh",
            "ssl",
            "stdlib",
            "syntax_tools",
            "toolbar",
            "tools",
            "typer",
            "wx",
            "xmerl",
        ],
    ),
    ("an inets service", &["tftp", "httpc", "httpd"]),
    (
        "a build or runtime tool",
        &[
            "erlang", "typer", "to_erl", "run_erl", "escript", "erlc", "erl", "epmd", "dialyzer",
            "ct_run", "rebar", "rebar3", "hex", "hexpm", "mix_hex",
        ],
    ),
    (
        "a reserved application name",
        &["net", "http", "net_http", "gen_http"],
    ),
    (
        "a Windows device name",
        &[
            "nul", "con", "prn", "aux", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
            "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
        ],
    ),
    (
        "a generic name",
        &[
            "package",
            "organization",
            "www",
            "myapp",
            "lock",
            "locked",
            "all",
            "assets",
        ],
    ),
    (
        "a hexdocs.pm subdomain",
        &[
            "api", "docs", "preview", "search", "staging", "stats", "static",
        ],
    ),
];

/// Organization names hex.pm refuses on top of the package reserved names.
pub const EXTRA_RESERVED_ORGANIZATION_NAMES: &[&str] = &["phoenix", "acme"];

/// Why `name` is reserved (the group it belongs to), if it is.
pub fn reserved_package_name(name: &str) -> Option<&'static str> {
    RESERVED_PACKAGE_NAMES
        .iter()
        .find(|(_, names)| names.contains(&name))
        .map(|(why, _)| *why)
}

/// PCRE's `$` also matches before one final newline; hex.pm's `~r"^[a-z][a-z0-9_]*$"` inherits it.
fn without_final_newline(s: &str) -> &str {
    s.strip_suffix('\n').unwrap_or(s)
}

/// hex.pm's package name format: `^[a-z][a-z0-9_]*$`.
pub fn package_name_format_ok(name: &str) -> bool {
    let name = without_final_newline(name);
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// What hex.pm would say about a package name (`Package.build/3` changeset), in its order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageNameProblem {
    /// "should be at least 2 character(s)"
    TooShort,
    /// "has invalid format"
    Format,
    /// "is reserved" (with the reason group)
    Reserved(&'static str),
}

/// Every problem hex.pm reports for `name` (an empty list when it is acceptable).
pub fn package_name_problems(name: &str) -> Vec<PackageNameProblem> {
    let mut out = Vec::new();
    // Ecto's validate_length counts graphemes.
    if unicode_segmentation::UnicodeSegmentation::graphemes(name, true).count() < 2 {
        out.push(PackageNameProblem::TooShort);
    }
    if !package_name_format_ok(name) {
        out.push(PackageNameProblem::Format);
    }
    if let Some(why) = reserved_package_name(name) {
        out.push(PackageNameProblem::Reserved(why));
    }
    out
}

/// A name in hex.pm's format derived from `name`: lower-case, `-`/`.`/spaces to `_`, other
/// characters dropped, a leading digit or `_` removed (`Foo-Bar` → `foo_bar`, `MyLib.Ex` →
/// `my_lib_ex`). `None` when nothing usable remains. A suggestion, not a certainty: the name is
/// the package's identity on hex.pm.
pub fn suggest_package_name(name: &str) -> Option<String> {
    let mut out = String::new();
    let mut prev_lower_or_digit = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower_or_digit && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower_or_digit = false;
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
            prev_lower_or_digit = true;
        } else if matches!(c, '-' | '_' | '.' | ' ') {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            prev_lower_or_digit = false;
        }
    }
    let trimmed = out
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '_')
        .trim_end_matches('_')
        .to_string();
    (package_name_problems(&trimmed).is_empty() && trimmed != name).then_some(trimmed)
}

/// What hex.pm would say about an organization name (`Organization.changeset/2`, which
/// lower-cases first).
pub fn organization_name_problems(name: &str) -> Vec<&'static str> {
    let lower = name.to_lowercase();
    let mut out = Vec::new();
    if unicode_segmentation::UnicodeSegmentation::graphemes(lower.as_str(), true).count() < 3 {
        out.push("should be at least 3 character(s)");
    }
    let body = without_final_newline(&lower);
    if body.is_empty()
        || !body
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        out.push("has invalid format");
    }
    if reserved_package_name(&lower).is_some()
        || EXTRA_RESERVED_ORGANIZATION_NAMES.contains(&lower.as_str())
    {
        out.push("is reserved");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names() {
        assert!(package_name_problems("plug").is_empty());
        assert!(package_name_problems("ab").is_empty());
        assert!(package_name_problems("a1_b").is_empty());
        assert_eq!(
            package_name_problems("a"),
            vec![PackageNameProblem::TooShort]
        );
        assert_eq!(
            package_name_problems("Foo"),
            vec![PackageNameProblem::Format]
        );
        assert_eq!(
            package_name_problems("1ab"),
            vec![PackageNameProblem::Format]
        );
        assert_eq!(
            package_name_problems("foo-bar"),
            vec![PackageNameProblem::Format]
        );
        assert_eq!(
            package_name_problems("docs"),
            vec![PackageNameProblem::Reserved("a hexdocs.pm subdomain")]
        );
        assert_eq!(
            package_name_problems("com1"),
            vec![PackageNameProblem::Reserved("a Windows device name")]
        );
        assert_eq!(
            package_name_problems(""),
            vec![PackageNameProblem::TooShort, PackageNameProblem::Format]
        );
        // PCRE `$` before a final newline.
        assert!(package_name_format_ok("foo\n"));
        assert!(!package_name_format_ok("foo\n\n"));
    }

    #[test]
    fn reserved_list_is_complete() {
        let all: Vec<&str> = RESERVED_PACKAGE_NAMES
            .iter()
            .flat_map(|(_, n)| n.iter().copied())
            .collect();
        // 7 Elixir + 40 OTP + 3 inets + 15 tools + 4 app + 22 Windows + 8 generic + 7 subdomains
        assert_eq!(all.len(), 106);
        for name in [
            "mix", "xmerl", "httpd", "mix_hex", "gen_http", "lpt9", "assets", "static",
        ] {
            assert!(reserved_package_name(name).is_some(), "{name}");
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest_package_name("Foo-Bar").as_deref(), Some("foo_bar"));
        assert_eq!(
            suggest_package_name("MyLib.Ex").as_deref(),
            Some("my_lib_ex")
        );
        assert_eq!(suggest_package_name("2fast").as_deref(), Some("fast"));
        assert_eq!(suggest_package_name("foo"), None);
        assert_eq!(suggest_package_name("---"), None);
    }

    #[test]
    fn organizations() {
        assert!(organization_name_problems("acme_corp").is_empty());
        assert!(organization_name_problems("ACME_Corp").is_empty());
        assert!(organization_name_problems("1abc").is_empty());
        assert_eq!(
            organization_name_problems("ab"),
            vec!["should be at least 3 character(s)"]
        );
        assert_eq!(
            organization_name_problems("my-org"),
            vec!["has invalid format"]
        );
        assert_eq!(organization_name_problems("Phoenix"), vec!["is reserved"]);
        assert_eq!(organization_name_problems("hexpm"), vec!["is reserved"]);
    }
}
