//! `unreadable-metadata-value`: values in `extra`, `links` or `secret_scan` that Hex cannot
//! print, encode or read back: floats (hex_core's metadata reader has no float token), tuples,
//! functions and regexes (hex.build crashes), maps or keyword lists inside plain lists (the
//! metadata printer crashes), and a non-map `extra`.

use crate::diagnostic::{Diagnostic, Severity};
use crate::mixexs::value::{Value, ValueKind};
use crate::rules::{Context, Group, Rule};

pub static RULE: Rule = Rule {
    id: "unreadable-metadata-value",
    group: Group::Metadata,
    severity: Severity::Error,
    summary: "float, tuple or other value in extra/links/secret_scan that Hex cannot write or read back",
    doc: include_str!("../../../rules/unreadable-metadata-value.md"),
    check,
};

const FIELDS: &[&str] = &["extra", "links", "secret_scan"];

/// Deeper values are not walked (and never occur in real metadata).
const MAX_DEPTH: usize = 64;

struct Walker<'c, 'a> {
    ctx: &'c Context<'a>,
    out: &'c mut Vec<Diagnostic>,
    /// Report Hex 2.5.1's keyword-list printing crash only once per field.
    warned_keyword: bool,
}

impl Walker<'_, '_> {
    fn report(&mut self, v: &Value, path: &str, message: String, help: &str) {
        self.out.push(
            self.ctx
                .diag(&RULE, Some(v.span), message)
                .help(help.to_string())
                .key_path(path.to_string()),
        );
    }

    /// `in_plain_list`: `v` is an element of a list that is not a keyword list, which
    /// hex.build prints with `Enum.join/2` (so it must be convertible with `to_string/1`).
    fn walk(&mut self, v: &Value, path: &str, field: &str, in_plain_list: bool, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match &v.kind {
            ValueKind::Float(f) => self.report(
                v,
                path,
                format!(
                    "`{f:?}` at `{path}` is a float: the tarball is built, but hex_core cannot read floats back, so hex.pm rejects it (\"error reading package metadata: invalid terms\")"
                ),
                "write the number as a string (\"2.5\") or as an integer",
            ),
            ValueKind::Tuple(_) => self.report(
                v,
                path,
                format!("`{}` at `{path}` is a tuple: `mix hex.build` crashes while printing or encoding the metadata", v.inspect()),
                "use a map or a list instead of a tuple",
            ),
            ValueKind::Function(_) | ValueKind::Regex { .. } => self.report(
                v,
                path,
                format!("`{}` at `{path}` cannot be written into the package metadata: `mix hex.build` crashes", v.inspect()),
                "metadata holds only strings, integers, booleans, lists and maps",
            ),
            ValueKind::List(items) => {
                let keyword = v.as_keyword().filter(|kw| !kw.is_empty());
                if let Some(pairs) = keyword {
                    if in_plain_list {
                        self.report(
                            v,
                            path,
                            format!("the keyword list at `{path}` sits inside a plain list: `mix hex.build` crashes printing it (String.Chars is not implemented for Tuple)"),
                            "use a list of strings, or a map at this level",
                        );
                    } else if field == "extra" && !self.warned_keyword {
                        self.warned_keyword = true;
                        self.out.push(
                            self.ctx
                                .diag(&RULE, Some(v.span), format!("the keyword list at `{path}` crashes `mix hex.build` in Hex 2.5.1 while printing the metadata (fixed in later Hex)"))
                                .severity(Severity::Warning)
                                .help("write it as a map: `%{\"key\" => value}`")
                                .key_path(path.to_string()),
                        );
                    }
                    for (k, val) in pairs {
                        self.walk(val, &format!("{path}.{k}"), field, false, depth + 1);
                    }
                } else {
                    for (i, item) in items.iter().enumerate() {
                        let sub = format!("{path}[{i}]");
                        if in_plain_list && !chardata_element(item, depth) {
                            self.report(
                                item,
                                &sub,
                                format!("`{}` at `{sub}` is inside a nested list: `mix hex.build` crashes printing it (List.to_string/1)", item.inspect()),
                                "flatten the list or use strings",
                            );
                            continue;
                        }
                        self.walk(item, &sub, field, true, depth + 1);
                    }
                }
            }
            ValueKind::Map(pairs) => {
                if in_plain_list {
                    self.report(
                        v,
                        path,
                        format!("the map at `{path}` sits inside a list: `mix hex.build` crashes printing it (String.Chars is not implemented for Map)"),
                        "use a map of maps, or a list of strings",
                    );
                }
                for (k, val) in pairs {
                    let key = k.as_str_or_atom().map_or_else(|| k.inspect(), str::to_string);
                    let sub = format!("{path}[{key:?}]");
                    self.walk(k, &sub, field, false, depth + 1);
                    self.walk(val, &sub, field, false, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// Can this be an element of a nested list that `List.to_string/1` converts (chardata)?
fn chardata_element(v: &Value, depth: usize) -> bool {
    match &v.kind {
        ValueKind::String(_) | ValueKind::Charlist(_) | ValueKind::Unknown { .. } => true,
        ValueKind::Int(i) => u32::try_from(*i).ok().and_then(char::from_u32).is_some(),
        ValueKind::List(items) => {
            depth < MAX_DEPTH && items.iter().all(|i| chardata_element(i, depth + 1))
        }
        _ => false,
    }
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(package) = ctx.project.package.as_ref() else {
        return;
    };
    for field in FIELDS {
        let Some(value) = package.get(field) else {
            continue;
        };
        let path = format!("package.{field}");
        if *field == "extra" {
            let map_like = match &value.kind {
                ValueKind::Map(_) | ValueKind::Unknown { .. } => true,
                ValueKind::List(items) => items.is_empty() || value.as_keyword().is_some(),
                _ => false,
            };
            if !map_like {
                out.push(
                    ctx.diag(
                        &RULE,
                        Some(value.span),
                        format!(
                            "`extra` must be a map, not `{}`; hex.pm: \"is invalid\"",
                            value.inspect()
                        ),
                    )
                    .help("write `extra: %{\"key\" => \"value\"}`")
                    .key_path(path),
                );
                continue;
            }
        }
        let mut walker = Walker {
            ctx,
            out,
            warned_keyword: false,
        };
        walker.walk(value, &path, field, false, 0);
    }
}
