#!/usr/bin/env python3
"""Checks action.yml (the composite GitHub Action), which actionlint does not read.

- action.yml parses; every input has a description; every `inputs.X` and `steps.ID.outputs`
  reference names something that exists; every `run:` script passes `bash -n`.
- scripts/action-install.sh (the Action's install step) against a local HTTP server on 127.0.0.1
  serving a release as cargo-dist lays it out: installs and verifies the Linux tarball and the
  Windows zips (hexlint.exe at the top level; extracted with unzip, or, where unzip is missing,
  with 7z or PowerShell, both stood in for here by small Python scripts that accept only the
  command line the installer is meant to give them); a tampered archive or zip and an unknown
  runner install nothing.
- The Action's resolve step (install directory; a native path through cygpath on Windows) and its
  check steps, run as the runner would, with the installed hexlint on PATH.

Usage: scripts/test-action.py [HEXLINT_BINARY]   (default target/debug/hexlint)
Used by .ci/run. Prints "action: N passed, N failed" and exits 1 on any failure.
"""
import functools
import hashlib
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import zipfile

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


def windows_zip(exe):
    """A release zip as cargo-dist lays it out on Windows: flat, hexlint.exe beside LICENSE and README."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("hexlint.exe", exe), ("LICENSE", b"MIT License\n"), ("README.md", b"# hexlint\n")]:
            z.writestr(name, data)
    return buf.getvalue()


# Stand-ins for Windows' 7z and PowerShell: they extract only when called exactly as documented
# (7z x -y -bd -o<dir> <zip>; powershell -NoProfile -NonInteractive -Command with Expand-Archive
# reading the paths from HEXLINT_ZIP and HEXLINT_DEST) and fail with their arguments otherwise.
FAKE_7Z = """import sys, zipfile
a = sys.argv[1:]
if len(a) != 5 or a[:3] != ["x", "-y", "-bd"] or not a[3].startswith("-o"):
    sys.exit(f"fake 7z: unexpected arguments {a}")
zipfile.ZipFile(a[4]).extractall(a[3][2:])
"""
FAKE_POWERSHELL = """import os, sys, zipfile
a = sys.argv[1:]
script = "Expand-Archive -LiteralPath $env:HEXLINT_ZIP -DestinationPath $env:HEXLINT_DEST -Force"
if a != ["-NoProfile", "-NonInteractive", "-Command", script]:
    sys.exit(f"fake powershell: unexpected arguments {a}")
zipfile.ZipFile(os.environ["HEXLINT_ZIP"]).extractall(os.environ["HEXLINT_DEST"])
"""
# Stand-in for Git Bash's cygpath: `cygpath -w PATH` gives C: and PATH with backslashes.
FAKE_CYGPATH = r"""#!/bin/sh
[ "$1" = -w ] && [ $# = 2 ] || exit 9
printf 'C:%s\n' "$2" | tr / '\\'
"""
# What the installer needs from the system besides an unzipper (bash is called by its full path).
TOOLS = ["curl", "awk", "sha256sum", "cut", "mktemp", "rm", "mkdir", "cp", "chmod", "mv", "find", "head", "tar"]


def toolbin(path, fakes):
    """A directory for PATH holding only TOOLS and the given fake programs (no unzip)."""
    os.makedirs(path)
    for tool in TOOLS:
        os.symlink(shutil.which(tool), os.path.join(path, tool))
    for name, source in fakes.items():
        with open(os.path.join(path, name), "w") as f:
            f.write(f"#!{sys.executable}\n{source}")
        os.chmod(os.path.join(path, name), 0o755)
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(root):
    handler = functools.partial(QuietHandler, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def install(base_url, install_dir, runner=("Linux", "X64"), path=None):
    env = dict(os.environ, HEXLINT_VERSION="v0.1.0", HEXLINT_BASE_URL=base_url, INSTALL_DIR=install_dir, RUNNER_OS=runner[0], RUNNER_ARCH=runner[1])
    if path is not None:
        env["PATH"] = path
    return subprocess.run([shutil.which("bash"), os.path.join(REPO, "scripts/action-install.sh")], env=env, capture_output=True, text=True)


def installed_exactly(install_dir, name, data):
    """install_dir holds only `name`, with exactly these bytes."""
    path = os.path.join(install_dir, name)
    return os.path.isdir(install_dir) and os.listdir(install_dir) == [name] and open(path, "rb").read() == data


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
        # Windows: a stand-in hexlint.exe per architecture, so a wrong target shows as wrong bytes.
        exes = {arch: f"MZ stand-in hexlint.exe for {arch}\n".encode() for arch in ("X64", "ARM64")}
        zips = {arch: windows_zip(exe) for arch, exe in exes.items()}
        zip_names = {"X64": "hexlint-x86_64-pc-windows-msvc.zip", "ARM64": "hexlint-aarch64-pc-windows-msvc.zip"}
        for arch, data in zips.items():
            with open(os.path.join(release, zip_names[arch]), "wb") as f:
                f.write(data)
        with open(os.path.join(release, "sha256.sum"), "w") as f:
            f.write(f"{hashlib.sha256(good).hexdigest()}  {name}\n{'0' * 64}  hexlint-aarch64-apple-darwin.tar.gz\n")
            for arch, data in zips.items():
                f.write(f"{hashlib.sha256(data).hexdigest()}  {zip_names[arch]}\n")
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

            for arch in ("X64", "ARM64"):
                windir = os.path.join(work, f"bin-win-{arch}")
                r = install(base, windir, runner=("Windows", arch))
                check(f"Windows {arch}: verifies the zip, installs hexlint.exe with its bytes", r.returncode == 0 and installed_exactly(windir, "hexlint.exe", exes[arch]), r.stdout + r.stderr)
            for fakes in ({"7z": FAKE_7Z}, {"powershell": FAKE_POWERSHELL}):
                tool = next(iter(fakes))
                windir = os.path.join(work, f"bin-win-{tool}")
                r = install(base, windir, runner=("Windows", "X64"), path=toolbin(os.path.join(work, f"tools-{tool}"), fakes))
                check(f"Windows without unzip: extracts with {tool}", r.returncode == 0 and installed_exactly(windir, "hexlint.exe", exes["X64"]), r.stdout + r.stderr)

            r = install(base, os.path.join(work, "bin-bsd"), runner=("FreeBSD", "X64"))
            check("unknown runner: clear error, nothing installed", r.returncode == 1 and "::error::hexlint has no prebuilt binary for FreeBSD/X64" in r.stdout and not os.path.exists(os.path.join(work, "bin-bsd")), r.stdout + r.stderr)

            with open(os.path.join(release, zip_names["X64"]), "wb") as f:
                f.write(windows_zip(b"MZ evil\n"))
            r = install(base, os.path.join(work, "bin-win-bad"), runner=("Windows", "X64"))
            check("Windows, tampered zip: checksum mismatch, nothing installed", r.returncode == 1 and "checksum mismatch" in r.stdout and not os.path.exists(os.path.join(work, "bin-win-bad")), r.stdout + r.stderr)

            with open(os.path.join(release, name), "wb") as f:
                f.write(archive(b"#!/bin/sh\necho evil\n"))
            r = install(base, os.path.join(work, "bin-bad"))
            check("tampered archive: checksum mismatch, nothing installed", r.returncode == 1 and "checksum mismatch" in r.stdout and not os.path.exists(os.path.join(work, "bin-bad")), r.stdout + r.stderr)
        finally:
            server.shutdown()

        # The check steps as the runner runs them (bash -eo pipefail), on the demo project.
        by_name = {s["name"]: s for s in steps}

        # The resolve step: version without its v, and the install directory (on Windows a native
        # path from Git Bash's cygpath -w, stood in for by a script that marks what it converted).
        def resolve(runner_os, path):
            out = os.path.join(work, f"resolve-{runner_os}")
            env = dict(os.environ, VERSION="v0.1.0", RUNNER_OS=runner_os, RUNNER_ARCH="X64", RUNNER_TOOL_CACHE="/tool-cache", GITHUB_OUTPUT=out, PATH=path)
            r = subprocess.run(["bash", "-eo", "pipefail", "-c", by_name["Resolve the hexlint version"]["run"]], env=env, capture_output=True, text=True)
            return r, open(out).read() if os.path.exists(out) else ""

        r, out = resolve("Linux", os.environ["PATH"])
        check("resolve step: version and install dir", r.returncode == 0 and out == "version=0.1.0\ndir=/tool-cache/hexlint/0.1.0/X64\n", out + r.stderr)
        fake_cygpath = os.path.join(work, "cygpath-bin")
        os.makedirs(fake_cygpath)
        with open(os.path.join(fake_cygpath, "cygpath"), "w") as f:
            f.write(FAKE_CYGPATH)
        os.chmod(os.path.join(fake_cygpath, "cygpath"), 0o755)
        r, out = resolve("Windows", fake_cygpath + os.pathsep + os.environ["PATH"])
        check("resolve step on Windows: install dir through cygpath -w", r.returncode == 0 and out == "version=0.1.0\ndir=C:\\tool-cache\\hexlint\\0.1.0\\X64\n", out + r.stderr)
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
