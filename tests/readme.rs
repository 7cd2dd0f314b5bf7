//! README.md's rule table is generated from the registry; this test keeps it in sync.
//! Regenerate with `UPDATE_README=1 cargo test --test readme`.

const START: &str = "<!-- rules-table:start -->\n";
const END: &str = "<!-- rules-table:end -->";

#[test]
fn readme_rule_table_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let start = readme
        .find(START)
        .expect("README lacks the rules-table start marker")
        + START.len();
    let end = readme
        .find(END)
        .expect("README lacks the rules-table end marker");
    let expected = hexlint::commands::rules::markdown_table();
    if readme[start..end] != expected {
        if std::env::var_os("UPDATE_README").is_some() {
            let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
            std::fs::write(path, updated).unwrap();
            return;
        }
        panic!("README.md's rule table is stale: run `UPDATE_README=1 cargo test --test readme`");
    }
}

#[test]
fn readme_shows_the_two_commands() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains("cargo run --release -- check examples/demo"));
    assert!(readme.contains("\ncargo test\n"));
}
