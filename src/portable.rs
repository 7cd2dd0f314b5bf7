//! Where Unix and Windows differ, one answer each. The logic Windows needs lives in plain
//! functions compiled (and tested) on every platform; only the calls into the operating system
//! are split by `cfg`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The program `mix` is started as: Elixir installs `mix.bat` on Windows (`Command` only adds
/// `.exe` by itself), `mix` elsewhere.
pub const MIX: &str = if cfg!(windows) { "mix.bat" } else { "mix" };

/// The names a program can have in a `PATH` directory: `erl` is `erl.exe` on Windows, `mix`
/// is `mix.bat` (Elixir's `bin/` also holds the extension-less shell scripts).
pub fn program_file_names(name: &str) -> Vec<String> {
    let mut names = vec![name.to_string()];
    if cfg!(windows) {
        names.extend([".exe", ".bat", ".cmd"].map(|ext| format!("{name}{ext}")));
    }
    names
}

/// `std::fs::canonicalize`, without Windows' `\\?\` prefix where the path does not need it
/// (`dunce`): such a path takes no `/`, and hexlint joins package paths with `/` as Hex does.
/// The same as std's on Unix.
pub fn canonicalize(path: &Path) -> std::io::Result<PathBuf> {
    dunce::canonicalize(path)
}

/// `base.join(rel)` in one allocation: `Path::join` copies `base` into a buffer of its own size
/// and then grows it, a `realloc` for every path (thousands in a large package).
pub fn join(base: &Path, rel: impl AsRef<Path>) -> PathBuf {
    let rel = rel.as_ref();
    let mut out = PathBuf::with_capacity(base.as_os_str().len() + 1 + rel.as_os_str().len());
    out.push(base);
    out.push(rel);
    out
}

/// The type of a directory's child as its directory entry gives it (a symlink is not followed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChildKind {
    Dir,
    Symlink,
    Other,
}

impl ChildKind {
    fn of(t: std::fs::FileType) -> ChildKind {
        if t.is_dir() {
            ChildKind::Dir
        } else if t.is_symlink() {
            ChildKind::Symlink
        } else {
            ChildKind::Other
        }
    }
}

/// Calls `f` with each child of `dir` (not `.` and `..`), in the order the system lists them,
/// and its type: the directory entry's, or `lstat`'s when the entry does not say (`None` when
/// that fails too), until `f` breaks. An error while listing ends the listing, as it ends
/// `std::fs::read_dir`'s.
///
/// On Linux the entries are read with `getdents64` into a buffer from hexlint's allocator.
/// `std::fs::read_dir` goes through libc's `opendir`, and musl's takes its buffer from musl's own
/// `malloc`, which maps a fresh page pair for every directory and unmaps it on `closedir`: two
/// system calls and a page fault per directory, and with threads running, every unmapping
/// interrupts the other processors to flush their TLBs.
pub fn for_each_child(
    dir: &Path,
    mut f: impl FnMut(&std::ffi::OsStr, Option<ChildKind>) -> std::ops::ControlFlow<()>,
) -> std::io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{FileType, Mode, OFlags, RawDir};
        use std::os::unix::ffi::OsStrExt;
        let fd = rustix::fs::open(
            dir,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        let mut buf = Vec::with_capacity(8192);
        let mut entries = RawDir::new(fd, buf.spare_capacity_mut());
        while let Some(Ok(entry)) = entries.next() {
            let name = std::ffi::OsStr::from_bytes(entry.file_name().to_bytes());
            if name == "." || name == ".." {
                continue;
            }
            let kind = match entry.file_type() {
                FileType::Directory => Some(ChildKind::Dir),
                FileType::Symlink => Some(ChildKind::Symlink),
                FileType::Unknown => std::fs::symlink_metadata(join(dir, name))
                    .ok()
                    .map(|m| ChildKind::of(m.file_type())),
                _ => Some(ChildKind::Other),
            };
            if f(name, kind).is_break() {
                break;
            }
        }
        Ok(())
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        for entry in std::fs::read_dir(dir)?.flatten() {
            // `file_type` is `lstat`'s when the entry does not say.
            let kind = entry.file_type().ok().map(ChildKind::of);
            if f(&entry.file_name(), kind).is_break() {
                break;
            }
        }
        Ok(())
    }
}

/// Whether `dir` has no children (what `std::fs::read_dir(dir)?.next().is_none()` answers), read
/// with [`for_each_child`]: on musl, `read_dir` maps and unmaps a page pair for every directory.
pub fn is_empty_dir(dir: &Path) -> std::io::Result<bool> {
    let mut empty = true;
    for_each_child(dir, |_, _| {
        empty = false;
        std::ops::ControlFlow::Break(())
    })?;
    Ok(empty)
}

/// A path as Elixir writes it: with `/` (Elixir's `Path` functions turn Windows' `\` into `/`,
/// and Windows takes either). Unchanged on Unix, where `\` is an ordinary character.
pub fn slash_text(path: &Path) -> String {
    let text = path.to_string_lossy();
    if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    }
}

/// The drive of a Windows path written with `/` (`c:` of `c:/x` or `c:`), as Elixir's `Path`
/// takes it on Windows. `None` elsewhere: on Unix `c:` is an ordinary name.
pub fn drive_prefix(path: &str) -> Option<&str> {
    drive_prefix_of(path, cfg!(windows))
}

fn drive_prefix_of(path: &str, windows: bool) -> Option<&str> {
    let b = path.as_bytes();
    let drive = windows
        && b.len() >= 2
        && b[0].is_ascii_alphabetic()
        && b[1] == b':'
        && (b.len() == 2 || b[2] == b'/');
    drive.then(|| &path[..2])
}

/// Is a package path absolute (outside the project, as Hex keeps such paths): `/…`, or on
/// Windows `c:/…`?
pub fn is_absolute_text(path: &str) -> bool {
    path.starts_with('/') || drive_prefix(path).is_some()
}

/// The mode Hex sees for a file: the Unix mode bits, or on Windows what Erlang's
/// `file:read_link_info/1` makes up there ([`erlang_windows_mode`]).
pub fn file_mode(meta: &std::fs::Metadata, path: &Path) -> u32 {
    #[cfg(unix)]
    {
        let _ = path;
        std::os::unix::fs::MetadataExt::mode(meta)
    }
    #[cfg(not(unix))]
    {
        let ft = meta.file_type();
        erlang_windows_mode(
            ft.is_dir() && !ft.is_symlink(),
            meta.permissions().readonly(),
            path,
        )
    }
}

/// Erlang's mode on Windows (`erts/emulator/nifs/win32/win_prim_file.c`): a directory is
/// `S_IFDIR` with execute, everything else (symlinks included) `S_IFREG`, with execute only for
/// `.exe`, `.cmd`, `.bat` and `.com` names; read, plus write unless the file is read-only; the
/// user bits copied to group and other. So `0o100666` for a plain file, `0o40777` for a
/// directory.
pub fn erlang_windows_mode(is_dir: bool, readonly: bool, path: &Path) -> u32 {
    const IFDIR: u32 = 0o040000;
    const IFREG: u32 = 0o100000;
    let executable = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["exe", "cmd", "bat", "com"].contains(&e.to_ascii_lowercase().as_str()));
    let mut mode = if is_dir { IFDIR | 0o100 } else { IFREG };
    if executable && !is_dir {
        mode |= 0o100;
    }
    mode |= if readonly { 0o400 } else { 0o600 };
    mode |= (mode & 0o700) >> 3;
    mode |= (mode & 0o700) >> 6;
    mode
}

/// Can this process read the regular file `path`, whose `lstat` is `meta`? A file the process
/// owns with its owner-read bit set is readable without asking the kernel: for its owner a
/// file's ACL is its owner bits, so nothing but a security module could refuse. Otherwise, on
/// Unix, one `access(R_OK)` call: the kernel weighs mode bits, ACLs and root's override as for
/// `open`, but for the real user and group (the same as the effective ones for a command its
/// user runs), without opening, flagging and closing a descriptor. Elsewhere an `open`. (A
/// package's own files are nearly always its user's: on absinthe this saves 270 of a check's
/// 2,500 system calls.)
pub fn check_readable(path: &Path, meta: &std::fs::Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::MetadataExt;
        static EUID: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
        // SAFETY: `geteuid` has no preconditions and cannot fail.
        let euid = *EUID.get_or_init(|| unsafe { libc::geteuid() });
        if meta.uid() == euid && meta.mode() & 0o400 != 0 {
            return Ok(());
        }
        let c = std::ffi::CString::new(path.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        // SAFETY: `c` is a valid NUL-terminated string that outlives the call.
        if unsafe { libc::access(c.as_ptr(), libc::R_OK) } == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        std::fs::File::open(path).map(drop)
    }
}

/// Open `path` for reading. On Linux with one system call: musl's `open` follows every
/// `O_CLOEXEC` open with an `fcntl` that sets the flag again (for kernels older than 2.6.23),
/// a second call for each of the few hundred files a check reads.
pub fn open_read(path: &Path) -> std::io::Result<std::fs::File> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{Mode, OFlags};
        let fd = rustix::fs::open(path, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())?;
        Ok(std::fs::File::from(fd))
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        std::fs::File::open(path)
    }
}

/// Does following the symlink `path` run into a loop? The chain of links is followed (each
/// target relative to the directory holding its link) and each step is remembered by its
/// canonical directory and its name: a step met twice, or more links than Linux follows (40),
/// is a loop. Unix says `ELOOP` and Windows `ERROR_CANT_RESOLVE_FILENAME`; this says the same
/// on both. False when `path` is not a symlink or the chain ends (in a file or nowhere).
pub fn is_symlink_loop(path: &Path) -> bool {
    const MAX_LINKS: usize = 40;
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut current = path.to_path_buf();
    for _ in 0..=MAX_LINKS {
        let Ok(target) = std::fs::read_link(&current) else {
            return false;
        };
        if !seen.insert(place(&current)) {
            return true;
        }
        current = match current.parent() {
            Some(dir) => dir.join(target),
            None => target,
        };
    }
    true
}

/// A path with its directory resolved: two spellings of one link give one place.
fn place(path: &Path) -> PathBuf {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return path.to_path_buf();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    match std::fs::canonicalize(dir) {
        Ok(dir) => dir.join(name),
        Err(_) => path.to_path_buf(),
    }
}

/// Make `link` a symlink to `target` (as written in the link, relative to the link's
/// directory). Windows has file and directory links: the target decides, a dangling one gets
/// a file link; `/` in a relative target becomes `\`, which is all Windows resolves. Creating
/// symlinks on Windows needs Developer Mode or the privilege: that error is returned as is.
pub fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(target, link)
    }
    #[cfg(windows)]
    {
        let target = PathBuf::from(target.to_string_lossy().replace('/', "\\"));
        let resolved = link
            .parent()
            .map_or(target.clone(), |dir| dir.join(&target));
        if resolved.is_dir() {
            std::os::windows::fs::symlink_dir(&target, link)
        } else {
            std::os::windows::fs::symlink_file(&target, link)
        }
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (target, link);
        Err(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            "symlinks are not supported on this platform",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_is_path_join() {
        for (base, rel) in [
            ("/proj", "lib/a.ex"),
            ("/proj/", "lib/a.ex"),
            ("proj", "a"),
            ("", "a/b"),
            ("/proj", "/elsewhere/x"),
            ("/proj", ""),
            ("/proj", "../x"),
        ] {
            let joined = join(Path::new(base), rel);
            assert_eq!(joined, Path::new(base).join(rel), "{base:?} + {rel:?}");
            assert_eq!(joined.as_os_str(), Path::new(base).join(rel).as_os_str());
        }
    }

    #[test]
    fn readability_agrees_with_opening() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ex");
        std::fs::write(&file, "x").unwrap();
        let meta = |p: &Path| std::fs::symlink_metadata(p).unwrap();
        assert!(check_readable(&file, &meta(&file)).is_ok());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let set = |mode: u32| {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode)).unwrap();
            };
            // Owned by this process: the fast answer for the owner-read bit, `access` without
            // it (which lets root read anyway); both as `open` answers.
            for mode in [0o000, 0o200, 0o044, 0o400, 0o644] {
                set(mode);
                assert_eq!(
                    check_readable(&file, &meta(&file)).is_ok(),
                    std::fs::File::open(&file).is_ok(),
                    "mode {mode:o}"
                );
            }
            // Owned by someone else (only root can give a file away): always asked.
            use std::os::unix::fs::MetadataExt;
            let owner = meta(&file).uid();
            set(0o600);
            if std::os::unix::fs::chown(&file, Some(65534), None).is_ok() {
                assert_eq!(
                    check_readable(&file, &meta(&file)).is_ok(),
                    std::fs::File::open(&file).is_ok()
                );
                std::os::unix::fs::chown(&file, Some(owner), None).unwrap();
            }
            set(0o000);
            let nul = check_readable(Path::new("lib/a\0b.ex"), &meta(&file)).unwrap_err();
            assert_eq!(nul.kind(), std::io::ErrorKind::InvalidInput);
            set(0o644);
        }
    }

    #[test]
    fn files_open_for_reading_close_on_exec() {
        use std::io::Read;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ex");
        std::fs::write(&file, "defmodule A, do: nil").unwrap();
        let mut text = String::new();
        let mut opened = open_read(&file).unwrap();
        opened.read_to_string(&mut text).unwrap();
        assert_eq!(text, "defmodule A, do: nil");
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            // SAFETY: F_GETFD on a descriptor this test owns.
            let flags = unsafe { libc::fcntl(opened.as_raw_fd(), libc::F_GETFD) };
            assert_eq!(flags & libc::FD_CLOEXEC, libc::FD_CLOEXEC);
        }
        let missing = open_read(&dir.path().join("missing.ex")).unwrap_err();
        assert_eq!(missing.kind(), std::io::ErrorKind::NotFound);
        assert!(
            open_read(dir.path())
                .unwrap()
                .read_to_string(&mut text)
                .is_err()
        );
    }

    #[test]
    fn children_are_read_dirs_with_their_own_types() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("a.ex"), "x").unwrap();
        std::fs::write(d.join(".hidden"), "x").unwrap();
        for i in 0..300 {
            // More entries than one 8 KiB read returns.
            std::fs::write(d.join(format!("f{i:03}-{}", "n".repeat(40))), "").unwrap();
        }
        let links = symlink(Path::new("sub"), &d.join("to-sub")).is_ok();
        let mut seen = Vec::new();
        for_each_child(d, |name, kind| {
            seen.push((name.to_os_string(), kind));
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
        // The same names, in the same order, as the standard library lists them.
        let std_names: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        let names: Vec<_> = seen.iter().map(|(n, _)| n.clone()).collect();
        assert_eq!(names, std_names);
        let kind = |n: &str| seen.iter().find(|(x, _)| x == n).map(|(_, k)| *k);
        assert_eq!(kind("sub"), Some(Some(ChildKind::Dir)));
        assert_eq!(kind("a.ex"), Some(Some(ChildKind::Other)));
        assert_eq!(kind(".hidden"), Some(Some(ChildKind::Other)));
        if links {
            assert_eq!(kind("to-sub"), Some(Some(ChildKind::Symlink)));
        }
        assert_eq!(kind("."), None);
        assert_eq!(kind(".."), None);

        let mut calls = 0;
        for_each_child(d, |_, _| {
            calls += 1;
            std::ops::ControlFlow::Break(())
        })
        .unwrap();
        assert_eq!(calls, 1, "a break ends the listing");
        assert!(for_each_child(&d.join("missing"), |_, _| unreachable!()).is_err());
        assert!(for_each_child(&d.join("a.ex"), |_, _| unreachable!()).is_err());
    }

    #[test]
    fn empty_directories_are_told_from_others_and_from_non_directories() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("empty")).unwrap();
        std::fs::create_dir(d.join("hidden-only")).unwrap();
        std::fs::write(d.join("hidden-only/.keep"), "").unwrap();
        assert!(is_empty_dir(&d.join("empty")).unwrap());
        assert!(!is_empty_dir(&d.join("hidden-only")).unwrap());
        assert!(!is_empty_dir(d).unwrap());
        assert!(is_empty_dir(&d.join("missing")).is_err());
        std::fs::write(d.join("file"), "").unwrap();
        assert!(is_empty_dir(&d.join("file")).is_err());
    }

    #[test]
    fn windows_modes_are_erlangs() {
        let p = Path::new;
        assert_eq!(erlang_windows_mode(false, false, p("lib/a.ex")), 0o100666);
        assert_eq!(erlang_windows_mode(false, true, p("lib/a.ex")), 0o100444);
        assert_eq!(
            erlang_windows_mode(false, false, p("bin/run.BAT")),
            0o100777
        );
        assert_eq!(erlang_windows_mode(false, true, p("x.exe")), 0o100555);
        assert_eq!(erlang_windows_mode(true, false, p("lib")), 0o040777);
        assert_eq!(erlang_windows_mode(true, true, p("lib")), 0o040555);
        assert_eq!(erlang_windows_mode(false, false, p("exe")), 0o100666);
    }

    #[test]
    fn drives_are_roots_on_windows_only() {
        assert_eq!(drive_prefix_of("c:/work/x", true), Some("c:"));
        assert_eq!(drive_prefix_of("Z:", true), Some("Z:"));
        assert_eq!(drive_prefix_of("c:x", true), None);
        assert_eq!(drive_prefix_of("/c:/x", true), None);
        assert_eq!(drive_prefix_of("c:/work/x", false), None);
        assert!(is_absolute_text("/x"));
        assert_eq!(is_absolute_text("c:/x"), cfg!(windows));
        assert!(!is_absolute_text("lib/a.ex"));
    }

    #[test]
    fn program_names_include_the_windows_extensions_there_only() {
        let names = program_file_names("erl");
        assert_eq!(names[0], "erl");
        assert_eq!(names.contains(&"erl.exe".to_string()), cfg!(windows));
        assert_eq!(MIX.ends_with(".bat"), cfg!(windows));
    }

    #[test]
    fn symlink_loops_are_told_from_chains_that_end() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("file"), "x").unwrap();
        std::fs::create_dir(d.join("sub")).unwrap();
        // Links made by `symlink` itself, so this runs wherever links can be made.
        let link = |target: &str, at: &str| symlink(Path::new(target), &d.join(at));
        // Windows without Developer Mode refuses symlinks; Wine 8 says yes and makes none.
        if let Err(e) = link("file", "to-file").and_then(|()| std::fs::read_link(d.join("to-file")))
        {
            eprintln!("SKIP: cannot make symlinks here: {e}");
            return;
        }
        link("to-file", "chain").unwrap();
        link("nowhere", "dangling").unwrap();
        link("self", "self").unwrap();
        link("b", "a").unwrap();
        link("a", "b").unwrap();
        // A loop spelled differently each time round: `sub/up` is `..`.
        link("..", "sub/up").unwrap();
        link("sub/up/via", "via").unwrap();
        for (path, looped) in [
            ("file", false),
            ("to-file", false),
            ("chain", false),
            ("dangling", false),
            ("missing", false),
            ("self", true),
            ("a", true),
            ("b", true),
            ("via", true),
        ] {
            assert_eq!(is_symlink_loop(&d.join(path)), looped, "{path}");
        }
        assert_eq!(std::fs::read_to_string(d.join("chain")).unwrap(), "x");
        assert!(d.join("sub/up/sub").is_dir());
    }
}
