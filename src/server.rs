//! `hexlint server`: a language server over stdio, on `lsp-server` + `lsp-types` (the crates
//! rust-analyzer and ruff's server use: a synchronous message loop over crossbeam channels, which
//! suits hexlint's synchronous linting better than tower-lsp's async runtime).
//!
//! - Diagnostics for `mix.exs` (from the editor's unsaved buffer) and `.hexlint.toml`, and for
//!   any other file a finding points into; each carries the rule id as `code` and the rule's doc
//!   URL as `codeDescription`.
//! - Linting runs on a worker thread: requests are debounced (`--debounce` ms) and coalesced per
//!   project, so typing and big projects never block the editor's requests.
//! - Project-wide findings are refreshed when watched files change (`lib/`, `src/`, `priv/`,
//!   `LICENSE*`, `README*`, `.gitignore`, mix.exs, `.hexlint.toml`; registered with the client
//!   when it supports dynamic registration).
//! - Code actions: each fix as a `quickfix` (unsafe ones say so), "fix all safe problems" as
//!   `source.fixAll`. Hover on a finding shows its rule's documentation.

use crate::cli::LintArgs;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::load::{LoadError, Overlay};
use crate::source::{SourceFile, Span};
use crossbeam_channel::{Receiver, Sender, unbounded};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The files a project's findings depend on, watched for changes.
pub const WATCHED_GLOBS: &[&str] = &[
    "**/mix.exs",
    "**/.hexlint.toml",
    "**/lib/**",
    "**/src/**",
    "**/priv/**",
    "**/LICENSE*",
    "**/README*",
    "**/.gitignore",
];

/// What the loop and the worker share.
#[derive(Default)]
struct Shared {
    /// Open buffers: absolute path → text.
    documents: HashMap<PathBuf, String>,
    /// The last findings per file (absolute path), with the text they were computed on.
    findings: HashMap<PathBuf, Vec<Diagnostic>>,
    /// Per project root, the files it last published to (so vanished findings are cleared).
    published: HashMap<PathBuf, BTreeSet<PathBuf>>,
}

type State = Arc<Mutex<Shared>>;

/// Run the server on stdin/stdout until the client says `exit`.
pub fn run(debounce: Duration) -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    serve(connection, debounce)?;
    io_threads.join().map_err(|e| e.to_string())
}

/// Serve one client on a connection (stdio in production, in memory in tests).
pub fn serve(connection: Connection, debounce: Duration) -> Result<(), String> {
    let capabilities = lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::FULL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::SOURCE_FIX_ALL,
                ]),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        ..Default::default()
    };
    let init = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    let params = connection
        .initialize_while(init, || true)
        .map_err(|e| e.to_string())?;
    let params: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let state: State = Arc::default();
    let (lint_tx, lint_rx) = unbounded::<PathBuf>();
    let worker = {
        let state = state.clone();
        let sender = connection.sender.clone();
        std::thread::spawn(move || worker(lint_rx, state, sender, debounce))
    };
    if watch_supported(&params) {
        register_watchers(&connection.sender);
    }
    for msg in &connection.receiver {
        match msg {
            Message::Request(req) => {
                if connection
                    .handle_shutdown(&req)
                    .map_err(|e| e.to_string())?
                {
                    break;
                }
                let response = handle_request(&state, req);
                let _ = connection.sender.send(Message::Response(response));
            }
            Message::Notification(note) => handle_notification(&state, &lint_tx, note),
            Message::Response(_) => {} // registerCapability's answer
        }
    }
    drop(lint_tx);
    let _ = worker.join();
    Ok(())
}

fn watch_supported(params: &lsp::InitializeParams) -> bool {
    params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false)
}

fn register_watchers(sender: &Sender<Message>) {
    let options = lsp::DidChangeWatchedFilesRegistrationOptions {
        watchers: WATCHED_GLOBS
            .iter()
            .map(|g| lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(g.to_string()),
                kind: None,
            })
            .collect(),
    };
    let params = lsp::RegistrationParams {
        registrations: vec![lsp::Registration {
            id: "hexlint-watched-files".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    let _ = sender.send(Message::Request(Request::new(
        RequestId::from("hexlint-register-watchers".to_string()),
        "client/registerCapability".into(),
        params,
    )));
}

/// Is this a file the server lints as a buffer (mix.exs or .hexlint.toml)?
fn is_tracked(path: &Path) -> bool {
    matches!(
        path.file_name().and_then(|n| n.to_str()),
        Some("mix.exs" | ".hexlint.toml")
    )
}

/// The project a file belongs to: the closest directory at or above it with a mix.exs (for
/// mix.exs itself, its directory).
fn project_root(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .skip(1)
        .find(|dir| dir.join("mix.exs").is_file())
        .map(Path::to_path_buf)
}

fn uri_path(uri: &lsp::Url) -> Option<PathBuf> {
    uri.to_file_path().ok()
}

fn handle_notification(state: &State, lint: &Sender<PathBuf>, note: Notification) {
    use lsp::notification::{
        DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
        DidSaveTextDocument, Notification as _,
    };
    let relint = |path: &Path| {
        if let Some(root) = project_root(path) {
            let _ = lint.send(root);
        }
    };
    match note.method.as_str() {
        DidOpenTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(note.params)
            else {
                return;
            };
            let Some(path) = uri_path(&p.text_document.uri).filter(|p| is_tracked(p)) else {
                return;
            };
            lock(state)
                .documents
                .insert(path.clone(), p.text_document.text);
            relint(&path);
        }
        DidChangeTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(note.params)
            else {
                return;
            };
            let Some(path) = uri_path(&p.text_document.uri).filter(|p| is_tracked(p)) else {
                return;
            };
            // Full sync: the last change holds the whole text.
            if let Some(change) = p.content_changes.into_iter().next_back() {
                lock(state).documents.insert(path.clone(), change.text);
                relint(&path);
            }
        }
        DidCloseTextDocument::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(note.params)
            else {
                return;
            };
            if let Some(path) = uri_path(&p.text_document.uri) {
                lock(state).documents.remove(&path);
                relint(&path);
            }
        }
        DidSaveTextDocument::METHOD => {
            if let Ok(p) = serde_json::from_value::<lsp::DidSaveTextDocumentParams>(note.params)
                && let Some(path) = uri_path(&p.text_document.uri)
            {
                relint(&path);
            }
        }
        DidChangeWatchedFiles::METHOD => {
            let Ok(p) = serde_json::from_value::<lsp::DidChangeWatchedFilesParams>(note.params)
            else {
                return;
            };
            for change in p.changes {
                if let Some(path) = uri_path(&change.uri) {
                    relint(&path);
                }
            }
        }
        _ => {}
    }
}

fn lock(state: &State) -> std::sync::MutexGuard<'_, Shared> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

/// The worker: wait for a project to lint, collect more requests for `debounce`, then lint each
/// requested project once with the open buffers in place of the files, and publish.
fn worker(rx: Receiver<PathBuf>, state: State, sender: Sender<Message>, debounce: Duration) {
    while let Ok(first) = rx.recv() {
        let mut roots = BTreeSet::from([first]);
        while let Ok(more) = rx.recv_timeout(debounce) {
            roots.insert(more);
        }
        for root in roots {
            lint_and_publish(&root, &state, &sender);
        }
    }
}

fn lint_args() -> LintArgs {
    LintArgs {
        fail_on: None,
        ignore: Vec::new(),
        select: Vec::new(),
        env: None,
        elixir: None,
        config: None,
    }
}

/// Lint one project with the open buffers and return its findings by file.
pub fn lint_project(root: &Path, overlay: &Overlay) -> HashMap<PathBuf, Vec<Diagnostic>> {
    let reports = crate::commands::check::lint_target_overlay(root, &lint_args(), overlay);
    let mut by_file: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
    for report in reports {
        if let Some(err) = &report.error {
            let (path, d) = load_error_diagnostic(root, err);
            by_file.entry(path).or_default().push(d);
        }
        for d in report.diagnostics {
            by_file.entry(absolute(root, d.file())).or_default().push(d);
        }
    }
    by_file
}

fn absolute(root: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else if let Ok(cwd) = std::env::current_dir()
        && cwd.join(path).exists()
    {
        cwd.join(path)
    } else {
        root.join(path)
    }
}

/// A project that cannot be read (a parse error, a bad .hexlint.toml) is one error finding at
/// the place the error points to.
fn load_error_diagnostic(root: &Path, err: &LoadError) -> (PathBuf, Diagnostic) {
    let source = err
        .source
        .clone()
        .unwrap_or_else(|| Arc::new(SourceFile::new(err.path.clone(), "")));
    let path = absolute(root, &source.path);
    let mut d = Diagnostic::new(err.code, Severity::Error, source, err.span, &err.message);
    d.help = err.help.clone();
    (path, d)
}

fn lint_and_publish(root: &Path, state: &State, sender: &Sender<Message>) {
    let overlay: Overlay = {
        let shared = lock(state);
        shared
            .documents
            .iter()
            .filter(|(p, _)| p.starts_with(root))
            .map(|(p, t)| (p.clone(), t.clone()))
            .collect()
    };
    let by_file = lint_project(root, &overlay);
    let mut shared = lock(state);
    let before = shared.published.remove(root).unwrap_or_default();
    let mut now = BTreeSet::new();
    for (path, diags) in by_file {
        publish(sender, &path, &diags);
        shared.findings.insert(path.clone(), diags);
        now.insert(path);
    }
    for gone in before.difference(&now) {
        publish(sender, gone, &[]);
        shared.findings.remove(gone);
    }
    shared.published.insert(root.to_path_buf(), now);
}

fn publish(sender: &Sender<Message>, path: &Path, diags: &[Diagnostic]) {
    let Ok(uri) = lsp::Url::from_file_path(path) else {
        return;
    };
    let params = lsp::PublishDiagnosticsParams {
        uri,
        diagnostics: diags.iter().map(to_lsp).collect(),
        version: None,
    };
    let _ = sender.send(Message::Notification(Notification::new(
        "textDocument/publishDiagnostics".into(),
        params,
    )));
}

/// A 0-based LSP position (UTF-16 columns) of a byte offset.
pub fn lsp_position(source: &SourceFile, offset: usize) -> lsp::Position {
    let pos = source.position(offset);
    let line_start = source.line_span(pos.line).map_or(0, |s| s.start);
    let mut end = offset.min(source.text.len());
    while !source.text.is_char_boundary(end) {
        end -= 1;
    }
    let character = source.text[line_start.min(end)..end].encode_utf16().count();
    lsp::Position::new((pos.line - 1) as u32, character as u32)
}

/// The byte offset of a 0-based LSP position (clamped to the text).
pub fn byte_offset(source: &SourceFile, pos: lsp::Position) -> usize {
    let Some(line) = source.line_span(pos.line as usize + 1) else {
        return source.text.len();
    };
    let mut units = 0;
    for (i, c) in source.text[line.start..line.end].char_indices() {
        if units >= pos.character as usize {
            return line.start + i;
        }
        units += c.len_utf16();
    }
    line.end
}

fn lsp_range(source: &SourceFile, span: Span) -> lsp::Range {
    lsp::Range::new(
        lsp_position(source, span.start),
        lsp_position(source, span.end),
    )
}

fn to_lsp(d: &Diagnostic) -> lsp::Diagnostic {
    let range = d.span.map(|s| lsp_range(&d.source, s)).unwrap_or_default();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let is_rule = crate::rules::find(d.rule).is_some();
    lsp::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(d.rule.to_string())),
        code_description: is_rule
            .then(|| lsp::Url::parse(&d.url()).ok())
            .flatten()
            .map(|href| lsp::CodeDescription { href }),
        source: Some("hexlint".into()),
        message,
        related_information: None,
        tags: None,
        data: None,
    }
}

fn handle_request(state: &State, req: Request) -> Response {
    use lsp::request::{CodeActionRequest, HoverRequest, Request as _};
    let id = req.id.clone();
    let result = match req.method.as_str() {
        CodeActionRequest::METHOD => serde_json::from_value(req.params)
            .map(|p| serde_json::to_value(code_actions(state, &p)).unwrap_or_default()),
        HoverRequest::METHOD => serde_json::from_value(req.params)
            .map(|p| serde_json::to_value(hover(state, &p)).unwrap_or_default()),
        _ => {
            return Response::new_err(
                id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("hexlint server does not handle {}", req.method),
            );
        }
    };
    match result {
        Ok(value) => Response::new_ok(id, value),
        Err(e) => Response::new_err(
            id,
            lsp_server::ErrorCode::InvalidParams as i32,
            e.to_string(),
        ),
    }
}

/// The current findings of a file, when they were computed on the text the editor has now
/// (stale findings offer no edits).
fn current_findings(shared: &Shared, path: &Path) -> Vec<Diagnostic> {
    let Some(diags) = shared.findings.get(path) else {
        return Vec::new();
    };
    let text = shared
        .documents
        .get(path)
        .cloned()
        .or_else(|| std::fs::read_to_string(path).ok());
    diags
        .iter()
        .filter(|d| text.as_deref() == Some(&*d.source.text))
        .cloned()
        .collect()
}

fn text_edits(d: &Diagnostic) -> Vec<lsp::TextEdit> {
    let Some(fix) = &d.fix else {
        return Vec::new();
    };
    let crlf = d.source.text.contains("\r\n");
    fix.edits
        .iter()
        .map(|e| lsp::TextEdit {
            range: lsp_range(&d.source, e.span),
            new_text: if crlf {
                e.replacement.replace("\r\n", "\n").replace('\n', "\r\n")
            } else {
                e.replacement.clone()
            },
        })
        .collect()
}

fn workspace_edit(uri: &lsp::Url, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

fn overlaps(a: lsp::Range, b: lsp::Range) -> bool {
    let key = |p: lsp::Position| (p.line, p.character);
    key(a.start) <= key(b.end) && key(b.start) <= key(a.end)
}

fn code_actions(state: &State, params: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    let Some(path) = uri_path(uri) else {
        return Vec::new();
    };
    let diags = current_findings(&lock(state), &path);
    let only = params.context.only.as_ref();
    let wants = |kind: &lsp::CodeActionKind| {
        only.is_none_or(|kinds| {
            kinds.iter().any(|k| {
                kind.as_str() == k.as_str()
                    || kind.as_str().starts_with(&format!("{}.", k.as_str()))
            })
        })
    };
    let mut actions = Vec::new();
    if wants(&lsp::CodeActionKind::QUICKFIX) {
        for d in &diags {
            let Some(fix) = &d.fix else { continue };
            if fix.applicability == Applicability::DisplayOnly {
                continue;
            }
            let lsp_diag = to_lsp(d);
            if !overlaps(lsp_diag.range, params.range) {
                continue;
            }
            let unsafe_note = if fix.applicability == Applicability::Unsafe {
                " (unsafe: changes what the project means)"
            } else {
                ""
            };
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: format!("hexlint: {}{unsafe_note}", fix.message),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diag]),
                edit: Some(workspace_edit(uri, text_edits(d))),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                ..Default::default()
            }));
        }
    }
    if wants(&lsp::CodeActionKind::SOURCE_FIX_ALL) {
        let chosen = crate::fix::select(&diags, false);
        if !chosen.is_empty() {
            let edits: Vec<lsp::TextEdit> = chosen.iter().flat_map(|d| text_edits(d)).collect();
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: "hexlint: fix all safe problems".into(),
                kind: Some(lsp::CodeActionKind::SOURCE_FIX_ALL),
                edit: Some(workspace_edit(uri, edits)),
                ..Default::default()
            }));
        }
    }
    actions
}

fn hover(state: &State, params: &lsp::HoverParams) -> Option<lsp::Hover> {
    let at = &params.text_document_position_params;
    let path = uri_path(&at.text_document.uri)?;
    let shared = lock(state);
    let diags = current_findings(&shared, &path);
    let found: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| {
            d.span.is_some_and(|s| {
                let offset = byte_offset(&d.source, at.position);
                s.start <= offset && offset <= s.end
            })
        })
        .collect();
    let first = found.first()?;
    let mut text = String::new();
    for d in &found {
        text.push_str(&format!("**{}**: {}\n\n", d.rule, d.message));
    }
    if let Some(rule) = crate::rules::find(first.rule) {
        text.push_str("---\n\n");
        text.push_str(rule.doc);
    }
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: text,
        }),
        range: first.span.map(|s| lsp_range(&first.source, s)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_positions_round_trip() {
        let src = SourceFile::new("mix.exs", "a\n😀x = \"é\"\n");
        // 😀 is 4 bytes, 2 UTF-16 units.
        let x = src.text.find('x').unwrap();
        assert_eq!(lsp_position(&src, x), lsp::Position::new(1, 2));
        assert_eq!(byte_offset(&src, lsp::Position::new(1, 2)), x);
        assert_eq!(byte_offset(&src, lsp::Position::new(0, 9)), 1);
    }
}
