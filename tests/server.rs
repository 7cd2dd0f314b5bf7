//! `hexlint server` end to end: JSON-RPC over the binary's stdin/stdout, as an editor speaks it.
//!
//! initialize → didOpen of a mix.exs whose unsaved buffer has a bad license → publishDiagnostics
//! with the right range, `code` and `codeDescription` → hover shows the rule doc → codeAction
//! offers the quick fix and "fix all" → the edit applied and sent as didChange → the finding is
//! gone; a watched-file change (README deleted) refreshes the project-wide findings; an unsaved
//! `.hexlint.toml` with a bad value gets its error, cleared once the buffer is right.
//!
//! Waiting for a message has a generous limit (60 s) only so that a broken server fails the test
//! instead of hanging it; nothing asserts on speed.

use serde_json::{Value as Json, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

const BUFFER: &str = r#"defmodule Demo.MixProject do
  use Mix.Project

  def project do
    [
      app: :demo,
      version: "0.1.0",
      description: "A small demo package",
      package: [
        licenses: ["Apache 2.0"],
        links: %{"GitHub" => "https://github.com/example/demo"}
      ],
      deps: [{:ex_doc, ">= 0.0.0", only: :dev, runtime: false}]
    ]
  end
end
"#;

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Json>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hexlint"))
            .args(["server", "--debounce", "20"])
            .current_dir(dir)
            .env_remove("MIX_ENV")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start hexlint server");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length header")];
                reader.read_exact(&mut body).unwrap();
                let _ = tx.send(serde_json::from_slice::<Json>(&body).unwrap());
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
        }
    }

    fn send(&mut self, msg: Json) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Json) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and return its result (answering the server's own requests meanwhile).
    fn request(&mut self, method: &str, params: Json) -> Json {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let msg = self.wait(|m| m["id"] == json!(id) && m.get("method").is_none());
        assert!(msg.get("error").is_none(), "{method} failed: {msg}");
        msg["result"].clone()
    }

    /// The next message that satisfies `pred`.
    fn wait(&mut self, pred: impl Fn(&Json) -> bool) -> Json {
        loop {
            let msg = self
                .rx
                .recv_timeout(Duration::from_secs(60))
                .expect("the server stopped answering");
            if msg.get("method").is_some() && msg.get("id").is_some() {
                // client/registerCapability: accept.
                let id = msg["id"].clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
            }
            if pred(&msg) {
                return msg;
            }
        }
    }

    fn diagnostics_for(&mut self, uri: &str, pred: impl Fn(&[Json]) -> bool) -> Vec<Json> {
        let msg = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && pred(m["params"]["diagnostics"].as_array().unwrap())
        });
        msg["params"]["diagnostics"].as_array().unwrap().clone()
    }
}

fn has_code(diags: &[Json], code: &str) -> bool {
    diags.iter().any(|d| d["code"] == code)
}

/// 0-based (line, UTF-16 column) of a byte offset.
fn position(text: &str, offset: usize) -> Json {
    let line = text[..offset].matches('\n').count();
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": text[start..offset].encode_utf16().count()})
}

fn apply(text: &str, edits: &[Json]) -> String {
    let offset = |p: &Json| {
        let line = p["line"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + p["character"].as_u64().unwrap() as usize // ASCII test text
    };
    let mut edits: Vec<&Json> = edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(offset(&e["range"]["start"])));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(
            offset(&e["range"]["start"])..offset(&e["range"]["end"]),
            e["newText"].as_str().unwrap(),
        );
    }
    out
}

#[test]
fn json_rpc_session_diagnoses_fixes_and_refreshes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(tmp.path()).unwrap();
    std::fs::create_dir(dir.join("lib")).unwrap();
    std::fs::write(dir.join("lib/demo.ex"), "defmodule Demo do\nend\n").unwrap();
    std::fs::write(dir.join("LICENSE"), "Apache License\nVersion 2.0\n").unwrap();
    std::fs::write(dir.join("README.md"), "# Demo\n").unwrap();
    // On disk the license is right: the findings must come from the unsaved buffer.
    std::fs::write(
        dir.join("mix.exs"),
        BUFFER.replace("Apache 2.0", "Apache-2.0"),
    )
    .unwrap();
    let uri = format!("file://{}", dir.join("mix.exs").display());

    let mut client = Client::start(&dir);
    let init = client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": format!("file://{}", dir.display()),
            "capabilities": {
                "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}
            }
        }),
    );
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    client.notify("initialized", json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "elixir", "version": 1, "text": BUFFER}}),
    );

    let diags = client.diagnostics_for(&uri, |d| has_code(d, "invalid-license"));
    let license = diags
        .iter()
        .find(|d| d["code"] == "invalid-license")
        .unwrap();
    let at = BUFFER.find("\"Apache 2.0\"").unwrap();
    assert_eq!(license["range"]["start"], position(BUFFER, at));
    assert_eq!(license["range"]["end"], position(BUFFER, at + 12));
    assert_eq!(license["severity"], 1);
    assert_eq!(license["source"], "hexlint");
    assert!(
        license["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("/rules/invalid-license.md")
    );

    // Hover on the finding shows the rule's documentation.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": position(BUFFER, at + 3)}),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("# invalid-license"), "{shown}");

    // Code actions: the quick fix, and "fix all" as a source action.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": license["range"],
            "context": {"diagnostics": [license]}
        }),
    );
    let actions = actions.as_array().unwrap();
    let quickfix = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["title"].as_str().unwrap().contains("Apache-2.0"))
        .unwrap_or_else(|| panic!("no quick fix in {actions:?}"));
    assert!(actions.iter().any(|a| a["kind"] == "source.fixAll"));
    let edits = quickfix["edit"]["changes"][&uri]
        .as_array()
        .unwrap()
        .clone();
    let fixed = apply(BUFFER, &edits);
    assert!(fixed.contains("licenses: [\"Apache-2.0\"],"), "{fixed}");

    // The editor applies the edit and sends the new text: the finding goes away.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": fixed}]
        }),
    );
    client.diagnostics_for(&uri, |d| !has_code(d, "invalid-license"));

    // A watched file changes on disk: project-wide findings are refreshed.
    std::fs::remove_file(dir.join("README.md")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}", dir.join("README.md").display()), "type": 3}]}),
    );
    client.diagnostics_for(&uri, |d| has_code(d, "missing-readme"));

    // An unsaved .hexlint.toml that is not valid config: an error on it; fixed: cleared.
    let toml_uri = format!("file://{}", dir.join(".hexlint.toml").display());
    std::fs::write(dir.join(".hexlint.toml"), "").unwrap();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": toml_uri, "languageId": "toml", "version": 1,
                                "text": "fail-on = \"sometimes\"\n"}}),
    );
    let config = client.diagnostics_for(&toml_uri, |d| !d.is_empty());
    assert_eq!(config[0]["code"], "config-error", "{config:?}");
    assert_eq!(config[0]["range"]["start"]["line"], 0);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": toml_uri, "version": 2},
            "contentChanges": [{"text": "fail-on = \"warning\"\n"}]
        }),
    );
    client.diagnostics_for(&toml_uri, |d| d.is_empty());

    client.request("shutdown", json!(null));
    client.notify("exit", json!(null));
    let status = client.child.wait().unwrap();
    assert!(status.success(), "{status}");
}
