//! `hexlint modules`: the modules the package defines, where, their namespace verdicts and any
//! collision with Elixir, Erlang/OTP or a dependency.

use super::{path_or_cwd, report_load_error};
use crate::cli::{ExitStatus, ModulesArgs, TextOrJson};
use crate::config::{Config, find_config_file};
use crate::files::FileSet;
use crate::load::load_project_with;
use crate::modules::{ModuleKind, ModuleMap, Owner, Verdict};
use serde_json::{Value as Json, json};
use std::fmt::Write;

pub fn run(args: ModulesArgs) -> ExitStatus {
    let path = path_or_cwd(args.path);
    let project = match load_project_with(&path, args.env, args.elixir.as_deref()) {
        Ok(p) => p,
        Err(e) => return report_load_error(&e),
    };
    let config = match find_config_file(&project.root) {
        Some(file) => match Config::read(&file) {
            Ok(c) => c,
            Err(e) => return report_load_error(&e),
        },
        None => Config::default(),
    };
    let files = FileSet::for_project(&project, &config);
    let map = ModuleMap::for_project(&project, &files, &config);
    for skipped in &map.skipped {
        super::eprint_safe(&format!(
            "warning: skipped {}: {}",
            skipped.file, skipped.error
        ));
    }
    match args.format {
        TextOrJson::Json => match serde_json::to_string_pretty(&to_json(&map)) {
            Ok(text) => super::write_stdout(&format!("{text}\n")),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitStatus::Error;
            }
        },
        TextOrJson::Human => {
            super::write_stdout(&crate::render::terminal::escape_controls(&human(&map)))
        }
    }
    ExitStatus::Success
}

/// Each module with its verdict and collision, in discovery order.
fn rows(map: &ModuleMap) -> Vec<(&crate::modules::Module, Verdict, Option<Owner>)> {
    map.modules
        .iter()
        .map(|m| (m, map.verdict(m), map.collision(&m.name)))
        .collect()
}

/// The JSON document (schema 1): `package`, `prefixes`, and `modules` with `name`, `kind`,
/// `file`, `line`, `column`, `verdict` (see [`Verdict::as_str`]) and `collides_with`
/// (`"elixir:logger"`, `"otp:stdlib"`, `"dep:plug"` or null), and for impls `protocol` and
/// `for`; plus `skipped` files.
pub fn to_json(map: &ModuleMap) -> Json {
    let modules: Vec<Json> = rows(map)
        .into_iter()
        .map(|(m, verdict, owner)| {
            let mut row = json!({
                "name": m.name,
                "kind": m.kind.as_str(),
                "file": m.file,
                "line": m.position().line,
                "column": m.position().column,
                "verdict": verdict.as_str(),
                "collides_with": owner.map(|o| o.id()),
            });
            if let ModuleKind::Impl { protocol, for_type } = &m.kind {
                row["protocol"] = json!(protocol);
                row["for"] = json!(for_type);
            }
            row
        })
        .collect();
    let skipped: Vec<Json> = map
        .skipped
        .iter()
        .map(|s| json!({"file": s.file, "error": s.error}))
        .collect();
    json!({
        "schema": 1,
        "package": map.package,
        "prefixes": map.prefixes,
        "modules": modules,
        "skipped": skipped,
    })
}

/// A table: name, `file:line:column`, verdict (with the dependency or collision owner).
pub fn human(map: &ModuleMap) -> String {
    let mut out = String::new();
    let package = map.package.as_deref().unwrap_or("(unknown package name)");
    let prefixes = if map.prefixes.is_empty() {
        "none known".to_string()
    } else {
        map.prefixes.join(", ")
    };
    let _ = writeln!(out, "{package}: namespaces {prefixes}");
    if map.fallback {
        let _ = writeln!(
            out,
            "(the package file list is not static: scanned lib/ and src/ instead)"
        );
    }
    let rows = rows(map);
    let name_width = rows.iter().map(|(m, _, _)| m.name.len()).max().unwrap_or(0);
    let locations: Vec<String> = rows
        .iter()
        .map(|(m, _, _)| {
            let at = m.position();
            format!("{}:{}:{}", m.file, at.line, at.column)
        })
        .collect();
    let loc_width = locations.iter().map(String::len).max().unwrap_or(0);
    let (mut outside, mut collisions) = (0, 0);
    for ((m, verdict, owner), loc) in rows.iter().zip(&locations) {
        let mut note = match verdict {
            Verdict::DependencyNamespace { dep, .. } => format!("in the namespace of `{dep}`"),
            Verdict::Inside { prefix } => format!("inside {prefix}"),
            v => v.as_str().to_string(),
        };
        if matches!(
            verdict,
            Verdict::Outside | Verdict::DependencyNamespace { .. } | Verdict::ErlangUnprefixed
        ) {
            outside += 1;
        }
        if let Some(owner) = owner {
            collisions += 1;
            let _ = write!(note, "; collides with {}", owner.describe());
        }
        let _ = writeln!(
            out,
            "  {:name_width$}  {:loc_width$}  {:9}  {note}",
            m.name,
            loc,
            m.kind.as_str()
        );
    }
    let _ = writeln!(
        out,
        "{} modules, {outside} outside the namespaces, {collisions} colliding",
        rows.len()
    );
    out
}
