#!/usr/bin/env python3
"""Checks action.yml (the composite GitHub Action), which actionlint does not read.

- action.yml parses; every input has a description; every `inputs.X` and `steps.ID.outputs`
  reference names something that exists; every `run:` script passes `bash -n`.
- scripts/action-install.sh (the Action's install step) against a local HTTP server on 127.0.0.1
  serving a release as cargo-dist lays it out: installs and verifies; a tampered archive and an
  unknown runner install nothing.
- The Action's check steps, run as the runner would, with the installed hexlint on PATH.

Usage: scripts/test-action.py [HEXLINT_BINARY]   (default target/debug/hexlint)
Used by .ci/run. Prints "action: N passed, N failed" and exits 1 on any failure.
"""
import functools
import hashlib
import http.server
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import threading

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "target/debug/hexlint"))
TARGET = "x86_64-unknown-linux-musl"
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok' if ok else 'FAILED'}: {name}" + ("" if ok else f"\n{detail}"))


def archive(executable):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data, mode in [(f"hexlint-{TARGET}/hexlint", executable, 0o755), (f"hexlint-{TARGET}/README.md", b"# hexlint\n", 0o644)]:
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), mode
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(root):
    handler = functools.partial(QuietHandler, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def install(base_url, install_dir, runner=("Linux", "X64")):
    env = dict(os.environ, HEXLINT_VERSION="v0.1.0", HEXLINT_BASE_URL=base_url, INSTALL_DIR=install_dir, RUNNER_OS=runner[0], RUNNER_ARCH=runner[1])
    return subprocess.run(["bash", os.path.join(REPO, "scripts/action-install.sh")], env=env, capture_output=True, text=True)


def main():
    with open(os.path.join(REPO, "action.yml")) as f:
        text = f.read()
    action = yaml.safe_load(text)
    inputs = action["inputs"]
    steps = action["runs"]["steps"]
    check("composite action", action["runs"]["using"] == "composite")
    check("inputs path, fail-on, args, version, sarif exist", {"path", "fail-on", "args", "version", "sarif"} <= set(inputs))
    check("every input has a description", all(i.get("description") for i in inputs.values()))
    used = set(re.findall(r"inputs\.([A-Za-z0-9_-]+)", text))
    check("every inputs.X referenced is declared", used <= set(inputs), f"undeclared: {used - set(inputs)}")
    ids = {s.get("id") for s in steps}
    refs = set(re.findall(r"steps\.([A-Za-z0-9_-]+)\.outputs", text))
    check("every steps.ID.outputs referenced is a step", refs <= ids, f"unknown: {refs - ids}")
    for step in steps:
        if "run" in step:
            check(f"bash -n: {step['name']}", step.get("shell") == "bash" and subprocess.run(["bash", "-n"], input=step["run"], text=True).returncode == 0)
    check("uses actions/cache and upload-sarif", any(s.get("uses", "").startswith("actions/cache@") for s in steps) and any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in steps))

    with tempfile.TemporaryDirectory() as work:
        release = os.path.join(work, "srv", "v0.1.0")
        os.makedirs(release)
        good = archive(f"#!/bin/sh\nexec '{BIN}' \"$@\"\n".encode())
        name = f"hexlint-{TARGET}.tar.gz"
        with open(os.path.join(release, name), "wb") as f:
            f.write(good)
        with open(os.path.join(release, "sha256.sum"), "w") as f:
            f.write(f"{hashlib.sha256(good).hexdigest()}  {name}\n{'0' * 64}  hexlint-aarch64-apple-darwin.tar.gz\n")
        server = serve(os.path.join(work, "srv"))
        base = f"http://127.0.0.1:{server.server_address[1]}/v$version"
        try:
            bindir = os.path.join(work, "bin")
            r = install(base, bindir)
            installed = os.path.join(bindir, "hexlint")
            check("install: downloads, verifies, installs", r.returncode == 0 and os.access(installed, os.X_OK), r.stdout + r.stderr)
            if r.returncode == 0:
                v = subprocess.run([installed, "--version"], capture_output=True, text=True)
                check("installed hexlint runs", v.returncode == 0 and v.stdout.startswith("hexlint "), v.stdout + v.stderr)

            r = install(base, os.path.join(work, "bin-win"), runner=("Windows", "X64"))
            check("unknown runner: error, nothing installed", r.returncode == 1 and "::error::" in r.stdout and not os.path.exists(os.path.join(work, "bin-win")), r.stdout + r.stderr)

            with open(os.path.join(release, name), "wb") as f:
                f.write(archive(b"#!/bin/sh\necho evil\n"))
            r = install(base, os.path.join(work, "bin-bad"))
            check("tampered archive: checksum mismatch, nothing installed", r.returncode == 1 and "checksum mismatch" in r.stdout and not os.path.exists(os.path.join(work, "bin-bad")), r.stdout + r.stderr)
        finally:
            server.shutdown()

        # The check steps as the runner runs them (bash -eo pipefail), on the demo project.
        by_name = {s["name"]: s for s in steps}
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"], HEXLINT_PATHS=os.path.join(REPO, "examples/demo"), HEXLINT_ARGS="--ignore unused-suppression", HEXLINT_FAIL_ON="error", GITHUB_OUTPUT=os.path.join(work, "out"))
        env.pop("GITHUB_ACTIONS", None)
        direct = subprocess.run([BIN, "check", "--format", "github", "--fail-on", "error", "--ignore", "unused-suppression", env["HEXLINT_PATHS"]], capture_output=True, text=True)
        r = subprocess.run(["bash", "-eo", "pipefail", "-c", by_name["hexlint check --format github"]["run"]], env=env, capture_output=True, text=True, cwd=work)
        check("check step = hexlint check --format github --fail-on error ARGS PATHS", (r.returncode, r.stdout) == (direct.returncode, direct.stdout) and "::" in r.stdout, r.stdout + r.stderr)
        env["HEXLINT_FAIL_ON"] = ""
        r = subprocess.run(["bash", "-eo", "pipefail", "-c", by_name["hexlint check --format github"]["run"]], env=env, capture_output=True, text=True, cwd=work)
        check("empty fail-on passes no --fail-on", r.returncode in (0, 1) and "unexpected argument" not in r.stderr, r.stdout + r.stderr)
        r = subprocess.run(["bash", "-eo", "pipefail", "-c", by_name["hexlint check --format sarif"]["run"]], env=env, capture_output=True, text=True, cwd=work)
        sarif = os.path.join(work, "hexlint.sarif")
        check("sarif step writes hexlint.sarif and exits 0", r.returncode == 0 and os.path.exists(sarif) and '"version": "2.1.0"' in open(sarif).read(), r.stdout + r.stderr)

    failed = results.count(False)
    print(f"action: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
