//! `hexlint metadata`: what hexlint reads from mix.exs, as JSON (schema 1) or readable text.

use super::{path_or_cwd, report_load_error};
use crate::cli::{ExitStatus, MetadataArgs, TextOrJson};
use crate::load::{WorldProject, load_worlds};
use serde_json::Value as Json;

pub fn run(args: MetadataArgs) -> ExitStatus {
    let path = path_or_cwd(args.path);
    let worlds = match load_worlds(&path, args.env, args.elixir.as_deref()) {
        Ok(w) => w,
        Err(e) => return report_load_error(&e),
    };
    match args.format {
        TextOrJson::Json => super::write_stdout(&format!(
            "{}\n",
            serde_json::to_string_pretty(&worlds_json(&worlds)).unwrap_or_default()
        )),
        TextOrJson::Human => super::write_stdout(&crate::render::terminal::escape_controls(
            &worlds_human(&worlds),
        )),
    }
    ExitStatus::Success
}

/// The metadata JSON of a project read in one or more groups of worlds. A key whose value
/// differs between Elixir releases is `{"unknown": …}` at the top, is listed in `unknown`, and
/// each entry of `worlds` gives its value on those releases (`{"elixir": "Elixir < 1.15",
/// "releases": ["1.13", "1.14"], "values": {"deps": …}}`). One group: the schema-1 document as
/// it always was.
pub fn worlds_json(worlds: &[WorldProject]) -> Json {
    let groups = crate::worlds::regroup(
        worlds
            .iter()
            .map(|w| (w.worlds.clone(), w.project.to_metadata_json()))
            .collect(),
    );
    let docs: Vec<&Json> = groups.iter().map(|(_, d)| d).collect();
    let mut merged = docs[0].clone();
    if groups.len() == 1 {
        return merged;
    }
    let Some(first) = docs[0].as_object() else {
        return merged;
    };
    let differing: Vec<String> = first
        .keys()
        .filter(|k| !matches!(k.as_str(), "unknown" | "schema" | "path"))
        .filter(|k| {
            docs.iter()
                .any(|d| d.get(k.as_str()) != first.get(k.as_str()))
        })
        .cloned()
        .collect();
    let reason = "differs by Elixir release (see `worlds`)";
    let project = &worlds[0].project;
    for key in &differing {
        merged[key.as_str()] = serde_json::json!({ "unknown": reason });
        let pos = project
            .config
            .get(key)
            .map(|v| project.source.position(v.span.start));
        if let Some(Json::Array(unknown)) = merged.get_mut("unknown") {
            unknown.retain(|u| {
                let k = u["key"].as_str().unwrap_or("");
                k != key && !k.starts_with(&format!("{key}."))
            });
            unknown.push(serde_json::json!({
                "key": key, "reason": reason,
                "line": pos.map_or(0, |p| p.line), "column": pos.map_or(0, |p| p.column),
            }));
        }
    }
    merged["worlds"] = Json::Array(
        groups
            .iter()
            .map(|(worlds, doc)| {
                let (elixir, releases) = match worlds {
                    Some(ws) => (
                        ws.describe(),
                        ws.these.iter().map(|(a, b)| format!("{a}.{b}")).collect(),
                    ),
                    None => ("every Elixir release".to_string(), Vec::new()),
                };
                let values: serde_json::Map<String, Json> = differing
                    .iter()
                    .map(|k| (k.clone(), doc[k.as_str()].clone()))
                    .collect();
                serde_json::json!({"elixir": elixir, "releases": releases, "values": values})
            })
            .collect(),
    );
    merged
}

/// The human metadata of a project read in one or more groups of worlds: the lines every group
/// shares, then, per group, the lines that hold only on its Elixir releases.
pub fn worlds_human(worlds: &[WorldProject]) -> String {
    let groups = crate::worlds::regroup(
        worlds
            .iter()
            .map(|w| (w.worlds.clone(), human(&w.project)))
            .collect(),
    );
    let texts: Vec<&String> = groups.iter().map(|(_, t)| t).collect();
    if texts.len() == 1 {
        return texts[0].clone();
    }
    let common: Vec<&str> = texts[0]
        .lines()
        .filter(|l| texts.iter().all(|t| t.lines().any(|x| x == *l)))
        .collect();
    let mut out = String::new();
    for line in &common {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("(no Elixir version is fixed: mix.exs reads differently on different releases)\n");
    for (worlds, text) in &groups {
        let name = worlds
            .as_ref()
            .map_or("every Elixir release".to_string(), |ws| ws.describe());
        out.push_str(&format!("on {name}:\n"));
        let own: Vec<&str> = text.lines().filter(|l| !common.contains(l)).collect();
        if own.is_empty() {
            out.push_str("  (nothing more)\n");
        }
        for line in own {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
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
