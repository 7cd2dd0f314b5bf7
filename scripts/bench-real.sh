#!/usr/bin/env bash
# Times `hexlint check` against `mix hex.build` side by side on real projects, whole process,
# on a fresh copy of each project, and prints per-package wall time and peak memory, then the
# median, p90 and worst ratio (mix hex.build time / hexlint time) and the peak memories. An
# umbrella counts as its apps meant for Hex, each run from its own directory by both tools
# (`mix hex.build` refuses an umbrella's root).
#
#     scripts/bench-real.sh DIR...            # project directories (git clones)
#     scripts/bench-real.sh --list FILE       # lines "REPO_URL COMMIT": cloned into a temp dir
#
# Env: RUNS (default 3) timed runs of each tool per package, started straight from the script
# with posix_spawn (the median wall and CPU time are kept), plus one run under /usr/bin/time for
# the peak memory; HEXLINT (binary, default target/release/hexlint, built if missing); KEEP=1
# keeps the copies.
# Needs python3, GNU time (/usr/bin/time), git (for --list), and mix with the Hex archive. `mix hex.build` evaluates the
# project's mix.exs: run this only on code you trust.
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
hexlint="${HEXLINT:-${CARGO_TARGET_DIR:-$repo/target}/release/hexlint}"
[ -x "$hexlint" ] || cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
runs="${RUNS:-3}"
work="$(mktemp -d)"
trap '[ "${KEEP:-}" = 1 ] || rm -rf "$work"' EXIT

dirs=()
if [ "${1:-}" = "--list" ]; then
  while read -r url commit _; do
    case "$url" in ''|'#'*) continue ;; esac
    dest="$work/src/$(basename "$url" .git)"
    git clone --quiet "$url" "$dest" && git -C "$dest" checkout --quiet "$commit" && dirs+=("$dest")
  done < "$2"
else
  dirs=("$@")
fi

python3 - "$hexlint" "$runs" "$work" "${dirs[@]}" <<'PY'
import os, re, shutil, statistics, subprocess, sys, time

hexlint, runs, work, dirs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]

ENV = dict(os.environ, MIX_ENV="dev", NO_COLOR="1")
DEVNULL = os.open(os.devnull, os.O_RDWR)

def timed(cmd, cwd):
    """Wall time (s), CPU time (s, the child's own rusage) and exit code of one run, started with
    posix_spawn straight from this process: no shell or wrapper whose start-up (a few ms on a VM)
    would be counted as the tool's."""
    path = shutil.which(cmd[0])
    here = os.getcwd()
    os.chdir(cwd)
    try:
        start = time.perf_counter()
        pid = os.posix_spawn(path, cmd, ENV, file_actions=[
            (os.POSIX_SPAWN_DUP2, DEVNULL, 0), (os.POSIX_SPAWN_DUP2, DEVNULL, 1),
            (os.POSIX_SPAWN_DUP2, DEVNULL, 2)])
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
    finally:
        os.chdir(here)
    return elapsed, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)

def peak_kib(cmd, cwd):
    """Peak RSS (KiB) of one run, from /usr/bin/time (the rusage of a child spawned from this
    Python process would count Python's own pages)."""
    rss = os.path.join(work, "rss")
    subprocess.run(["/usr/bin/time", "-q", "-f", "%M", "-o", rss] + cmd, cwd=cwd, env=ENV,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(rss) as f:
        return int(f.read().split()[-1])

def median_run(cmd, cwd):
    results = [timed(cmd, cwd) for _ in range(runs)]
    return (statistics.median(r[0] for r in results), peak_kib(cmd, cwd),
            results[-1][2], statistics.median(r[1] for r in results))

def bench(name, cwd):
    out = os.path.join(work, name.replace("/", "-") + ".tar")
    mix_t, mix_m, mix_rc, mix_cpu = median_run(["mix", "hex.build", "--output", out], cwd)
    hl_t, hl_m, hl_rc, hl_cpu = median_run([hexlint, "check", "--format", "concise", "."], cwd)
    ratio = mix_t / hl_t
    rows.append((name, mix_t, hl_t, ratio, mix_m, hl_m, mix_cpu, hl_cpu, mix_rc == 0))
    print(f"{name:<28}{mix_t*1000:>11.0f} ms{hl_t*1000:>7.1f} ms{ratio:>7.0f}x"
          f"{mix_m/1024:>8.0f}{hl_m/1024:>11.1f}" + ("" if mix_rc == 0 else "  (hex.build failed)"))

def packages(name, copy):
    """The packages of a project: (row name, directory). An umbrella's are its apps meant for Hex
    (with a `package:` or `description:`), each built from its own directory as its maintainer
    does: `mix hex.build` refuses an umbrella's root ("Hex does not support umbrella projects")."""
    with open(os.path.join(copy, "mix.exs"), errors="replace") as f:
        umbrella = re.search(r'apps_path:\s*"([^"]+)"', f.read())
    if not umbrella:
        return [(name, copy)]
    apps = os.path.join(copy, umbrella.group(1))
    found = []
    for app in sorted(os.listdir(apps)):
        try:
            with open(os.path.join(apps, app, "mix.exs"), errors="replace") as f:
                text = f.read()
        except OSError:
            continue
        if re.search(r"\b(package|description):", text):
            found.append((f"{name}/{app}", os.path.join(apps, app)))
    return found

rows = []
print(f"{'package':<28}{'mix hex.build':>14}{'hexlint':>10}{'ratio':>8}{'mix MB':>8}{'hexlint MB':>11}")
for d in dirs:
    name = os.path.basename(os.path.normpath(d))
    copy = os.path.join(work, "copies", name)
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(d, copy, symlinks=True,
                    ignore=shutil.ignore_patterns("_build", "deps", ".elixir_ls"))
    for name, cwd in packages(name, copy):
        bench(name, cwd)

if not rows:
    sys.exit("no packages")
ratios = sorted(r[3] for r in rows)
hl = sorted(r[2] for r in rows)
p90 = lambda xs: xs[min(len(xs) - 1, int(round(0.9 * (len(xs) - 1))))]
worst = min(rows, key=lambda r: r[3])
print()
print(f"packages: {len(rows)}, runs per tool: {runs} (median kept)")
failed = [r[0] for r in rows if not r[8]]
if failed:
    print(f"mix hex.build failed (timed to its failure): {', '.join(failed)}")
print(f"hexlint check: median {statistics.median(hl)*1000:.1f} ms, p90 {p90(hl)*1000:.1f} ms, worst {hl[-1]*1000:.1f} ms")
print(f"ratio (mix hex.build / hexlint check): median {statistics.median(ratios):.0f}x, "
      f"p10 {ratios[int(0.1*(len(ratios)-1))]:.0f}x, worst {worst[3]:.0f}x ({worst[0]})")
mem = [r[5] / r[4] for r in rows]
cpu_mix, cpu_hl = sum(r[6] for r in rows), sum(r[7] for r in rows)
print(f"cpu time (user+sys), all packages: mix hex.build {cpu_mix:.1f} s, "
      f"hexlint check {cpu_hl:.2f} s ({cpu_mix / max(cpu_hl, 0.01):.0f}x)")
print(f"peak memory: hexlint max {max(r[5] for r in rows)/1024:.1f} MB, mix hex.build min "
      f"{min(r[4] for r in rows)/1024:.0f} MB; hexlint/mix worst {max(mem):.2f}, median {statistics.median(mem):.2f}")
PY
