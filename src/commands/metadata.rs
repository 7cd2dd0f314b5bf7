//! `hexlint metadata`: what hexlint reads from mix.exs, as JSON (schema 1) or readable text.

use super::{path_or_cwd, report_load_error};
use crate::cli::{ExitStatus, MetadataArgs, TextOrJson};
use crate::load::load_project_with;
use serde_json::Value as Json;

pub fn run(args: MetadataArgs) -> ExitStatus {
    let path = path_or_cwd(args.path);
    let project = match load_project_with(&path, args.env, args.elixir.as_deref()) {
        Ok(p) => p,
        Err(e) => return report_load_error(&e),
    };
    let json = project.to_metadata_json();
    match args.format {
        TextOrJson::Json => super::write_stdout(&format!(
            "{}\n",
            serde_json::to_string_pretty(&json).unwrap_or_default()
        )),
        TextOrJson::Human => {
            super::write_stdout(&crate::render::terminal::escape_controls(&human(&project)))
        }
    }
    ExitStatus::Success
}

/// The same content as the JSON, laid out for people, values shown as Elixir would print them.
pub fn human(project: &crate::project::Project) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let json = project.to_metadata_json();
    writeln!(out, "mix.exs       {}", project.source.path.display()).unwrap();
    if let Some(m) = &project.module {
        writeln!(out, "module        {m}").unwrap();
    }
    for (key, value) in [
        ("app", &project.app),
        ("version", &project.version),
        ("elixir", &project.elixir),
        ("description", &project.description),
        ("name", &project.name),
        ("source_url", &project.source_url),
        ("homepage_url", &project.homepage_url),
        ("apps_path", &project.apps_path),
    ] {
        if let Some(v) = value {
            writeln!(out, "{key:<13} {}", v.inspect()).unwrap();
        }
    }
    writeln!(out, "umbrella      {}", project.is_umbrella()).unwrap();
    match &project.package {
        None => writeln!(out, "package       (none)").unwrap(),
        Some(p) if p.entries.is_empty() => {
            writeln!(out, "package       {}", p.value.inspect()).unwrap()
        }
        Some(p) => {
            writeln!(out, "package").unwrap();
            for (k, _, v) in &p.entries {
                writeln!(out, "  {k:<17} {}", v.inspect()).unwrap();
            }
        }
    }
    match &project.deps {
        None => writeln!(out, "deps          (none)").unwrap(),
        Some(deps) => {
            writeln!(out, "deps").unwrap();
            for entry in &deps.entries {
                match entry {
                    crate::project::DepEntry::Dep(d) => {
                        let req = d.requirement.as_ref().map(|r| r.inspect());
                        let opts: Vec<String> = d
                            .options
                            .iter()
                            .map(|(k, _, v)| format!("{k}: {}", v.inspect()))
                            .collect();
                        writeln!(
                            out,
                            "  {:<17} {}{}",
                            d.app,
                            req.unwrap_or_else(|| "(no requirement)".into()),
                            if opts.is_empty() {
                                String::new()
                            } else {
                                format!("  {}", opts.join(", "))
                            }
                        )
                        .unwrap();
                    }
                    crate::project::DepEntry::Unknown(v) => {
                        writeln!(out, "  {}", v.inspect()).unwrap()
                    }
                }
            }
        }
    }
    if let Some(docs) = &project.docs {
        writeln!(out, "docs          {}", docs.inspect()).unwrap();
    }
    if let Some(Json::Array(unknown)) = json.get("unknown")
        && !unknown.is_empty()
    {
        writeln!(out, "unknown (could not be determined statically)").unwrap();
        for u in unknown {
            writeln!(
                out,
                "  {} at {}:{}: {}",
                u["key"].as_str().unwrap_or(""),
                u["line"],
                u["column"],
                u["reason"].as_str().unwrap_or("")
            )
            .unwrap();
        }
    }
    out
}
