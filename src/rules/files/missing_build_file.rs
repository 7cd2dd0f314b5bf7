//! `missing-build-file`: a file the package's build tool needs is not shipped.

use crate::diagnostic::{Diagnostic, Severity};
use crate::files::FileSet;
use crate::files::hygiene::{
    MissingInclude, files_setting_span, list_items, pattern_key_path, pattern_span,
};
use crate::rules::{Context, Group, Rule};
use std::collections::BTreeMap;

pub static RULE: Rule = Rule {
    id: "missing-build-file",
    group: Group::Files,
    severity: Severity::Error,
    summary: "mix.exs, rebar.config or an included .hrl is not packaged",
    doc: include_str!("../../../rules/missing-build-file.md"),
    check,
};

/// Including files named in a missing header's finding before "and N more".
const SHOWN: usize = 3;

/// The build tools Hex will record: `package[:build_tools]` when set, else its guess from the
/// top-level entries. `None` when `build_tools` is not statically known.
fn build_tools(ctx: &Context, files: &FileSet) -> Option<(Vec<String>, bool)> {
    match ctx
        .project
        .package
        .as_ref()
        .and_then(|p| p.get("build_tools"))
    {
        Some(v) if v.truthy() == Some(true) => {
            let items = v.as_list()?;
            let tools: Option<Vec<String>> = items
                .iter()
                .map(|i| i.as_str_or_atom().map(str::to_string))
                .collect();
            tools.map(|t| (t, true))
        }
        Some(v) if v.truthy().is_none() => None,
        _ => Some((guess_build_tools(files), false)),
    }
}

/// Hex's guess (`hex.build` `guess_build_tools/1`): top-level entries only, default `mix`.
fn guess_build_tools(files: &FileSet) -> Vec<String> {
    let mut tools: Vec<String> = Vec::new();
    for entry in files.entries.iter().filter(|e| !e.path.contains('/')) {
        let tool = match entry.path.as_str() {
            "mix.exs" => "mix",
            "rebar" | "rebar.lock" | "rebar.config" | "rebar.config.script" => "rebar3",
            "erlang.mk" | "Makefile" | "Makefile.win" => "make",
            _ => continue,
        };
        if !tools.iter().any(|t| t == tool) {
            tools.push(tool.to_string());
        }
    }
    if tools.is_empty() {
        tools.push("mix".to_string());
    }
    tools
}

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let files = ctx.files();
    if files.unknown.is_some() || files.entries.is_empty() {
        return;
    }
    let shipped = |p: &str| files.entries.iter().any(|e| e.path == p);
    let on_disk = ctx.hygiene().top_level_names(&files.root);
    if let Some((tools, explicit)) = build_tools(ctx, files) {
        if tools.iter().any(|t| t == "mix")
            && !shipped("mix.exs")
            && on_disk.iter().any(|n| n == "mix.exs")
        {
            let why = if explicit {
                "`build_tools` includes \"mix\""
            } else {
                "Hex will label the package as built with mix"
            };
            out.push(
                ctx.diag(
                    &RULE,
                    files_setting_span(ctx.project, files),
                    format!(
                        "`mix.exs` is not packaged but {why}: projects that depend on it cannot \
                         compile it"
                    ),
                )
                .key_path("package.files")
                .help("add \"mix.exs\" to `files`"),
            );
        }
        if tools.iter().any(|t| t == "rebar3" || t == "rebar")
            && !shipped("rebar.config")
            && on_disk.iter().any(|n| n == "rebar.config")
        {
            out.push(
                ctx.diag(
                    &RULE,
                    files_setting_span(ctx.project, files),
                    "`rebar.config` is not packaged but the package is built with rebar3: its \
                     compiler options and hooks are lost",
                )
                .severity(Severity::Warning)
                .key_path("package.files")
                .help("add \"rebar.config\" to `files`"),
            );
        }
    }
    // One finding per missing header, however many packaged sources include it: shipping the
    // header fixes them all.
    let mut by_header: BTreeMap<&str, Vec<&MissingInclude>> = BTreeMap::new();
    for missing in ctx.hygiene().missing_includes(ctx.project, files) {
        by_header.entry(&missing.on_disk).or_default().push(missing);
    }
    for (header, mut includes) in by_header {
        includes.sort_by(|a, b| (&a.source, a.line).cmp(&(&b.source, b.line)));
        let first = includes[0];
        let message = match includes.as_slice() {
            [only] => format!(
                "`{}` includes {:?} (line {}), but `{header}` is not packaged: the package will \
                 not compile",
                only.source, only.written, only.line
            ),
            _ => {
                let sites: Vec<String> = includes
                    .iter()
                    .map(|m| format!("`{}` (line {})", m.source, m.line))
                    .collect();
                format!(
                    "`{header}` is not packaged, but {} packaged files include it ({}): the \
                     package will not compile",
                    includes.len(),
                    list_items(&sites, SHOWN)
                )
            }
        };
        out.push(
            ctx.diag(
                &RULE,
                pattern_span(ctx.project, files, first.pattern),
                message,
            )
            .key_path(pattern_key_path(files, first.pattern))
            .help(format!(
                "add {header:?} (or the whole `include` directory) to `files`"
            )),
        );
    }
}
