//! The in-memory contents tarball: layout as hex_core writes it (checked by unpacking it with the
//! `tar` crate), and gzip output byte-identical to Erlang's `:zlib` used the way hex_core's
//! `gzip/1` does. Unix only: the trees use file modes and symlinks.
#![cfg(unix)]

#[path = "files_support.rs"]
mod support;

use hexlint::config::Config;
use hexlint::files::{FileSet, tarball};
use std::io::Read;
use std::os::unix::fs::{PermissionsExt, symlink};
use support::{have_elixir, project, write};

fn tree() -> (tempfile::TempDir, FileSet) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let long_dir = "lib/".to_string() + &"deeply_nested_directory/".repeat(5);
    let long_file = format!("{long_dir}module_with_a_rather_long_name.ex");
    let very_long_name = format!("priv/{}.txt", "x".repeat(120));
    write(
        root,
        &[
            ("mix.exs", "defmodule X.MixProject do\nend\n"),
            (
                "lib/a.ex",
                &"defmodule A do\n  def a, do: :a\nend\n".repeat(50),
            ),
            ("lib/empty.ex", ""),
            (&long_file, "long"),
            (&very_long_name, "very long"),
            ("priv/ünïcode.txt", "u"),
            ("priv/bin/run.sh", "#!/bin/sh\necho hi\n"),
        ],
    );
    std::fs::set_permissions(
        root.join("priv/bin/run.sh"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("priv/empty_dir")).unwrap();
    symlink("../lib/a.ex", root.join("priv/a_link.ex")).unwrap();
    let set = FileSet::for_project(
        &project(root, Some(&["lib", "priv", "mix.exs"]), &[]),
        &Config::default(),
    );
    (dir, set)
}

#[test]
fn unpacks_with_hex_core_layout() {
    let (dir, set) = tree();
    let bytes = tarball::contents_tar(&set.entries, &set.root).unwrap();
    assert_eq!(bytes.len() as u64, set.uncompressed_size());
    assert_eq!(bytes.len() % 512, 0);
    let mut archive = tar::Archive::new(&bytes[..]);
    let mut seen = Vec::new();
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let header = entry.header().clone();
        let path = entry.path().unwrap().to_string_lossy().into_owned();
        assert_eq!(header.mtime().unwrap(), 946_684_800, "{path}");
        assert_eq!(header.uid().unwrap(), 0);
        assert_eq!(header.gid().unwrap(), 0);
        assert_eq!(&header.as_bytes()[257..263], b"ustar\0");
        let kind = header.entry_type();
        if kind.is_file() {
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            assert_eq!(content, std::fs::read(dir.path().join(&path)).unwrap());
        }
        seen.push((path, kind, header.mode().unwrap()));
    }
    let find = |p: &str| seen.iter().find(|(path, _, _)| path == p).cloned();
    let (_, kind, mode) = find("priv/bin/run.sh").unwrap();
    assert!(kind.is_file());
    assert_eq!(mode & 0o777, 0o755, "on-disk mode kept");
    let (_, kind, _) = find("priv/a_link.ex").unwrap();
    assert!(kind.is_symlink());
    assert!(find("priv/empty_dir/").is_some(), "empty dirs get an entry");
    assert!(
        find("lib/").is_none() && find("lib").is_none(),
        "non-empty dirs do not"
    );
    assert!(
        find("priv/ünïcode.txt").is_some(),
        "non-ASCII names via PAX"
    );
    assert!(
        seen.iter()
            .any(|(p, _, _)| p.ends_with("module_with_a_rather_long_name.ex")),
        "long names split into ustar prefix/name"
    );
    assert!(
        seen.iter()
            .any(|(p, _, _)| p.ends_with(&format!("{}.txt", "x".repeat(120)))),
        "{seen:?}"
    );
    // Hex's order: pattern order, then walk order, non-empty directories skipped.
    let order: Vec<&str> = set
        .entries
        .iter()
        .filter(|e| !e.is_dir() || e.kind == hexlint::files::EntryKind::Directory { empty: true })
        .map(|e| e.path.as_str())
        .collect();
    let tar_order: Vec<String> = seen
        .iter()
        .map(|(p, _, _)| p.trim_end_matches('/').to_string())
        .collect();
    assert_eq!(order, tar_order);
}

#[test]
fn gzip_matches_erlang_zlib_as_hex_core_uses_it() {
    let (dir, set) = tree();
    let tar = tarball::contents_tar(&set.entries, &set.root).unwrap();
    let ours = tarball::contents_tar_gz(&set.entries, &set.root).unwrap();
    assert_eq!(&ours[..10], &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0]);
    let summary = set.tarball().as_ref().unwrap();
    assert_eq!(summary.compressed_size, ours.len() as u64);
    assert_eq!(summary.uncompressed_size, tar.len() as u64);
    if !have_elixir() {
        return;
    }
    let tar_path = dir.path().join("contents.tar");
    let gz_path = dir.path().join("erlang.tar.gz");
    std::fs::write(&tar_path, &tar).unwrap();
    // hex_core `gzip/1`, verbatim in behaviour.
    support::elixir(
        dir.path(),
        &format!(
            r#"
            data = File.read!({tar:?})
            z = :zlib.open()
            :ok = :zlib.deflateInit(z, :default, :deflated, -15, 8, :default)
            body = :zlib.deflate(z, data, :finish) |> IO.iodata_to_binary()
            :zlib.deflateEnd(z)
            :zlib.close(z)
            gz = <<31, 139, 8, 0, 0, 0, 0, 0, 0, 0>> <> body <> <<:erlang.crc32(data)::32-little, byte_size(data)::32-little>>
            File.write!({gz:?}, gz)
            "#,
            tar = tar_path.to_string_lossy(),
            gz = gz_path.to_string_lossy()
        ),
    );
    let erlang = std::fs::read(&gz_path).unwrap();
    assert_eq!(
        erlang.len(),
        ours.len(),
        "compressed size differs from Erlang's zlib"
    );
    assert_eq!(erlang, ours);
}

#[test]
fn size_check_compresses_only_when_needed() {
    assert!(!tarball::could_exceed_compressed_limit(1024 * 1024));
    assert!(tarball::could_exceed_compressed_limit(16 * 1024 * 1024));
    let (_dir, set) = tree();
    assert!(set.tarball_if_needed().is_none());
}

#[test]
fn each_file_is_read_once_for_every_check_and_the_tarball() {
    let (_dir, set) = tree();
    let files = set.entries.iter().filter(|e| e.is_file()).count() as u64;
    let proj = project(&set.root, Some(&["lib", "priv", "mix.exs"]), &[]);
    let modules = hexlint::modules::ModuleMap::for_project(&proj, &set, &Config::default());
    assert!(!modules.modules.is_empty() || files > 0);
    let hygiene = hexlint::files::hygiene::HygieneFacts::default();
    let _ = hygiene.secrets(&proj, &set);
    let _ = hygiene.license_texts(&set);
    let built = set.tarball().as_ref().unwrap().clone();
    assert_eq!(
        set.content_reads(),
        files,
        "module discovery, the secret scan and the tarball share one read per file"
    );
    // The shared bytes build the same tarball as reading from disk.
    let ours = tarball::contents_tar_gz(&set.entries, &set.root).unwrap();
    assert_eq!(built.compressed_size, ours.len() as u64);
}

#[test]
fn a_large_binary_file_is_read_whole_only_when_wanted_whole() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut binary = vec![0u8; 16];
    binary.extend(b"AKIAQWERTYUIOPASDFGH\n".repeat(10_000));
    // A text file as large, with a credential past the first part read of the binary one.
    let mut text = "x = 1\n".repeat(20_000);
    text.push_str(&format!("key = \"{}{}\"\n", "AKIA", "QWERTYUIOPASDFGH"));
    write(
        root,
        &[
            ("mix.exs", "defmodule X.MixProject do\nend\n"),
            ("priv/text.txt", &text),
        ],
    );
    std::fs::write(root.join("priv/data.bin"), &binary).unwrap();
    let set = FileSet::for_project(
        &project(root, Some(&["priv", "mix.exs"]), &[]),
        &Config::default(),
    );
    let index = |p: &str| set.entries.iter().position(|e| e.path == p).unwrap();
    let (bin, txt) = (index("priv/data.bin"), index("priv/text.txt"));

    let proj = project(root, Some(&["priv", "mix.exs"]), &[]);
    let hygiene = hexlint::files::hygiene::HygieneFacts::default();
    let found: Vec<&str> = hygiene
        .secrets(&proj, &set)
        .iter()
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(found, ["priv/text.txt"], "binary files are not scanned");
    let sniffed = set.text_content(bin);
    assert!(sniffed.binary_prefix && !sniffed.complete);
    assert!(sniffed.bytes.len() < binary.len() && sniffed.bytes.len() >= 8000);
    assert_eq!(set.text_content(txt).bytes, text.as_bytes());
    assert_eq!(set.content_reads(), 3, "mix.exs, and each priv file once");

    // Wanted whole (as the tarball wants it), the binary file is read again, whole.
    assert_eq!(set.content(bin).bytes, binary);
    assert_eq!(set.content(txt).bytes, text.as_bytes());
    assert_eq!(set.content_reads(), 4);
    let built = set.tarball().as_ref().unwrap().clone();
    let ours = tarball::contents_tar_gz(&set.entries, &set.root).unwrap();
    assert_eq!(built.compressed_size, ours.len() as u64);
}
