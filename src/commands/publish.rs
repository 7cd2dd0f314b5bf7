//! `hexlint publish`: lint, then delegate to `mix hex.publish` with the same arguments, stdio and
//! environment. A package with findings at the fail level never reaches mix.

use super::path_or_cwd;
use crate::cli::{ExitStatus, PublishArgs};
use crate::diagnostic::FailOn;
use crate::publish::PublishPlan;
use crate::render::{CheckFormat, ColorChoice};
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn run(args: PublishArgs, color: ColorChoice) -> ExitStatus {
    let dir = path_or_cwd(args.path.clone());
    let mut plan = PublishPlan::parse(&args.mix_args);
    plan.read_repo(&dir);
    if args.allow_dirty {
        plan.git.uncommitted.clear();
    }
    // Only when the package is published (not `docs` alone, not `--revert`).
    if !args.no_semver && plan.package && plan.revert.is_none() {
        plan.semver = Some(match &args.baseline_rev {
            Some(rev) => crate::semver_diff::baseline::BaselineSpec::Rev(rev.clone()),
            None => crate::semver_diff::baseline::BaselineSpec::DefaultTag,
        });
    }

    if args.no_lint {
        eprintln!("hexlint: --no-lint given: publishing WITHOUT any checks");
    } else {
        let mut lint = args.lint.clone();
        if plan.unattended() && lint.fail_on.is_none() {
            eprintln!(
                "hexlint: unattended publish (--yes, no terminal, or CI=true): warnings fail too, since nobody reads them in a log; pass --fail-on error to opt out"
            );
            lint.fail_on = Some(FailOn::Warning);
        }
        let report = crate::commands::check::lint_publish(&dir, &lint, &plan);
        let format = args.format.unwrap_or(CheckFormat::Human);
        let listing = crate::commands::check::listing(args.verbose);
        super::write_stdout(&crate::render::render(
            &report, format, color, true, listing,
        ));
        let status = crate::commands::check::exit_status(&report, lint.fail_on, false);
        if status != ExitStatus::Success {
            eprintln!("hexlint: nothing was published: fix the findings above first");
            return status;
        }
    }
    if args.verify {
        let verify_args = crate::cli::VerifyArgs {
            path: Some(dir.clone()),
            env: args.lint.env.clone(),
            elixir: args.lint.elixir.clone(),
            fetch: false,
            keep: false,
        };
        let status = crate::commands::verify::run(verify_args);
        if status != ExitStatus::Success {
            eprintln!(
                "hexlint: nothing was published: the packaged files do not compile as a dependency (or could not be checked)"
            );
            return status;
        }
    }
    delegate(&dir, &plan.args)
}

/// Run `mix hex.publish ARGS` in `dir` with inherited stdio and environment, and return mix's
/// own exit status (128 + signal number when it was killed by a signal).
fn delegate(dir: &Path, mix_args: &[String]) -> ExitStatus {
    let mut cmd = Command::new(crate::portable::MIX);
    cmd.arg("hex.publish").args(mix_args).current_dir(dir);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "error: `mix` was not found on PATH; install Elixir (https://elixir-lang.org/install.html) to publish"
            );
            return ExitStatus::Error;
        }
        Err(e) => {
            eprintln!("error: could not start `mix hex.publish`: {e}");
            return ExitStatus::Error;
        }
    };
    let forwarder = signals::forward_to(child.id());
    let status = child.wait();
    drop(forwarder);
    let status = match status {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: waiting for `mix hex.publish` failed: {e}");
            return ExitStatus::Error;
        }
    };
    if let Some(code) = status.code() {
        if code != 0 && !hex_installed() {
            eprintln!(
                "hint: Hex does not seem to be installed for this Elixir: run `mix local.hex`"
            );
        }
        return ExitStatus::Code(code);
    }
    // No code: killed by a signal (Unix only; on Windows there is always a code).
    #[cfg(unix)]
    let signal = std::os::unix::process::ExitStatusExt::signal(&status).unwrap_or(0);
    #[cfg(not(unix))]
    let signal = 0;
    ExitStatus::Code(128 + signal)
}

/// Is a Hex archive installed where Mix looks for archives? Mix's `Mix.path_for(:archives)`:
/// `MIX_ARCHIVES`, else `<mix home>/archives`, where the mix home is `MIX_HOME`, else
/// `$XDG_DATA_HOME/mix` when `MIX_XDG` is set, else `~/.mix`.
fn hex_installed() -> bool {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    // Windows has no HOME as a rule: the user's profile directory is the home there.
    let home = || {
        env("HOME")
            .or_else(|| env("USERPROFILE"))
            .unwrap_or_default()
    };
    let archives = env("MIX_ARCHIVES").unwrap_or_else(|| {
        let mix_home = env("MIX_HOME").unwrap_or_else(|| match env("MIX_XDG") {
            Some(_) => env("XDG_DATA_HOME")
                .unwrap_or_else(|| home().join(".local/share"))
                .join("mix"),
            None => home().join(".mix"),
        });
        mix_home.join("archives")
    });
    std::fs::read_dir(archives).is_ok_and(|mut it| {
        it.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().starts_with("hex-")))
    })
}

/// While mix runs: SIGINT/SIGQUIT reach it from the terminal directly (same process group), so
/// hexlint only ignores them; SIGTERM/SIGHUP sent to hexlint are forwarded to mix.
#[cfg(unix)]
mod signals {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    use signal_hook::iterator::{Handle, Signals};

    pub struct Forwarder(Option<(Handle, std::thread::JoinHandle<()>)>);

    pub fn forward_to(pid: u32) -> Forwarder {
        let Ok(mut signals) = Signals::new([SIGINT, SIGQUIT, SIGTERM, SIGHUP]) else {
            return Forwarder(None);
        };
        let handle = signals.handle();
        let thread = std::thread::spawn(move || {
            for sig in signals.forever() {
                if sig == SIGTERM || sig == SIGHUP {
                    // SAFETY: kill(2) with a child pid we own and a valid signal number.
                    unsafe {
                        libc::kill(pid as libc::pid_t, sig);
                    }
                }
            }
        });
        Forwarder(Some((handle, thread)))
    }

    impl Drop for Forwarder {
        fn drop(&mut self) {
            if let Some((handle, thread)) = self.0.take() {
                handle.close();
                let _ = thread.join();
            }
        }
    }
}

/// While mix runs on Windows: Ctrl-C and Ctrl-Break reach it from the console directly (every
/// process attached to the console gets them), so hexlint only survives them, waits for mix and
/// passes its exit code on. Windows has no signals to forward.
#[cfg(not(unix))]
mod signals {
    use signal_hook::SigId;
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    pub struct Forwarder(Vec<SigId>);

    pub fn forward_to(_pid: u32) -> Forwarder {
        let seen = Arc::new(AtomicBool::new(false));
        let ids = [
            signal_hook::consts::SIGINT,
            signal_hook::consts::signal::SIGBREAK,
        ]
        .into_iter()
        .filter_map(|sig| signal_hook::flag::register(sig, Arc::clone(&seen)).ok())
        .collect();
        Forwarder(ids)
    }

    impl Drop for Forwarder {
        fn drop(&mut self) {
            for id in self.0.drain(..) {
                signal_hook::low_level::unregister(id);
            }
        }
    }
}
