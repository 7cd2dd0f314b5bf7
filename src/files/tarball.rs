//! The inner `contents.tar.gz` exactly as hex_core builds it (`hex_tarball:create/3`,
//! `add_file/2`, `hex_erl_tar` ustar writer, `gzip/1`), so its sizes are byte-exact:
//!
//! * entries in Hex's order; regular files with their content and on-disk mode (type bits
//!   included), symlinks as link entries with the target unchanged, directories only when
//!   empty (name with a trailing `/`), nothing else;
//! * every header: mtime 946684800 (2000-01-01), uid/gid 0, empty uname/gname, ustar magic;
//!   names over 100 characters are split into prefix/name when possible, otherwise (and for
//!   non-ASCII names) a PAX `x` header carries them, exactly as `hex_erl_tar` does it;
//! * the archive ends with two zero blocks (no record padding);
//! * gzip: raw deflate at zlib's default level (windowBits -15, memLevel 8) behind a fixed
//!   10-byte header `1f 8b 08 00 00000000 00 00`, then CRC32 and size (little-endian).

use super::content::Content;
use super::{Entry, EntryKind};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// hex_core's fixed timestamp: 2000-01-01T00:00:00Z.
pub const EPOCH: u64 = 946_684_800;
const BLOCK: u64 = 512;

/// Exact sizes of the package tarball.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TarballSummary {
    /// The uncompressed inner `contents.tar` (limit: 128 MiB).
    pub uncompressed_size: u64,
    /// `contents.tar.gz`, gzipped as hex_core does.
    pub compressed_size: u64,
    /// The outer tarball (VERSION, CHECKSUM, metadata.config, contents.tar.gz) with an estimated
    /// metadata.config (limit: 16 MiB).
    pub outer_size_estimate: u64,
}

/// Round up to whole 512-byte blocks.
fn blocks(n: u64) -> u64 {
    n.div_ceil(BLOCK) * BLOCK
}

/// The entries that become tar members: files, symlinks and empty directories.
fn members(entries: &[Entry]) -> impl Iterator<Item = &Entry> {
    entries.iter().filter(|e| match &e.kind {
        EntryKind::File | EntryKind::Symlink { .. } => true,
        EntryKind::Directory { empty } => *empty,
        EntryKind::Other(_) => false,
    })
}

/// The name a member has in its header (`dir/` for directories).
fn member_name(e: &Entry) -> String {
    if e.is_dir() {
        format!("{}/", e.path)
    } else {
        e.path.clone()
    }
}

/// The exact size of the uncompressed inner tar, from names, kinds and sizes alone.
pub fn contents_tar_size(entries: &[Entry], _root: &Path) -> u64 {
    let mut total = 0;
    for e in members(entries) {
        total += header_len(e);
        if e.is_file() {
            total += blocks(e.size);
        }
    }
    total + 2 * BLOCK
}

/// Could a package whose inner tar is `uncompressed` bytes be over the 16 MiB compressed limit?
/// Deflate never grows data by more than 5 bytes per 16 KiB stored block plus framing, and the
/// outer tar adds a few blocks, so below the bound compression is not needed to know.
pub fn could_exceed_compressed_limit(uncompressed: u64) -> bool {
    compressed_bound(uncompressed) + 8 * BLOCK + super::MAX_METADATA_SIZE
        > super::MAX_COMPRESSED_SIZE
}

/// An upper bound on the gzip of `uncompressed` bytes: deflate's stored blocks (5 bytes per
/// block of at most 16,000 bytes at the smallest) plus the 18 bytes of gzip framing.
pub fn compressed_bound(uncompressed: u64) -> u64 {
    uncompressed + 5 * (uncompressed / 16_000 + 1) + 18
}

/// Build the tar and gzip it, counting bytes; reads every file.
pub fn summarize(
    entries: &[Entry],
    root: &Path,
    metadata_size: u64,
) -> Result<TarballSummary, String> {
    summarize_with(entries, root, metadata_size, &|_| None)
}

/// [`summarize`], taking file contents from `contents(index)` when it has the whole file.
pub fn summarize_with(
    entries: &[Entry],
    root: &Path,
    metadata_size: u64,
    contents: &Contents<'_>,
) -> Result<TarballSummary, String> {
    let mut gz = HexGzip::new();
    let uncompressed = write_tar(entries, root, &mut gz, contents).map_err(|e| e.to_string())?;
    let compressed = gz.finish().map_err(|e| e.to_string())?.len() as u64;
    Ok(TarballSummary {
        uncompressed_size: uncompressed,
        compressed_size: compressed,
        outer_size_estimate: outer_size(metadata_size, compressed),
    })
}

/// Where the tar writer gets an entry's bytes (by index): `None`, or an incomplete content,
/// means "read it from disk".
pub type Contents<'a> = dyn Fn(usize) -> Option<Arc<Content>> + 'a;

/// The outer tarball: VERSION (1 byte), CHECKSUM (64), metadata.config, contents.tar.gz, each a
/// header plus padded content, then two zero blocks.
pub fn outer_size(metadata_size: u64, compressed_size: u64) -> u64 {
    4 * BLOCK + blocks(1) + blocks(64) + blocks(metadata_size) + blocks(compressed_size) + 2 * BLOCK
}

/// The uncompressed inner tar in memory (for tests and `--verify`-style checks).
pub fn contents_tar(entries: &[Entry], root: &Path) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    write_contents_tar(entries, root, &mut out)?;
    Ok(out)
}

/// `contents.tar.gz` bytes, gzipped as hex_core does.
pub fn contents_tar_gz(entries: &[Entry], root: &Path) -> io::Result<Vec<u8>> {
    let mut gz = HexGzip::new();
    write_contents_tar(entries, root, &mut gz)?;
    gz.finish()
}

/// Write the inner tar; returns the number of bytes written.
pub fn write_contents_tar(entries: &[Entry], root: &Path, out: &mut impl Write) -> io::Result<u64> {
    write_tar(entries, root, out, &|_| None)
}

fn write_tar(
    entries: &[Entry],
    root: &Path,
    out: &mut impl Write,
    contents: &Contents<'_>,
) -> io::Result<u64> {
    let mut written = 0u64;
    let zeros = [0u8; BLOCK as usize];
    for (index, e) in entries.iter().enumerate() {
        let member = match &e.kind {
            EntryKind::File | EntryKind::Symlink { .. } => true,
            EntryKind::Directory { empty } => *empty,
            EntryKind::Other(_) => false,
        };
        if !member {
            continue;
        }
        if !e.is_file() {
            let header = header_for(e, 0);
            out.write_all(&header)?;
            written += header.len() as u64;
            continue;
        }
        let annotate = |err: io::Error| io::Error::new(err.kind(), format!("{}: {err}", e.path));
        let cached = contents(index).filter(|c| c.complete);
        let size = match &cached {
            // The header records the size read (a file may change between lstat and read).
            Some(c) => c.bytes.len() as u64,
            None => e.size,
        };
        let header = header_for(e, size);
        out.write_all(&header)?;
        written += header.len() as u64;
        match cached {
            Some(c) => out.write_all(&c.bytes)?,
            None => {
                // Streamed: a large file is never held in memory whole.
                let f = std::fs::File::open(disk_path(root, &e.path)).map_err(annotate)?;
                let copied = io::copy(&mut f.take(size), out).map_err(annotate)?;
                if copied < size {
                    return Err(annotate(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the file shrank while it was read",
                    )));
                }
            }
        }
        let pad = (blocks(size) - size) as usize;
        out.write_all(&zeros[..pad])?;
        written += blocks(size);
    }
    out.write_all(&zeros)?;
    out.write_all(&zeros)?;
    Ok(written + 2 * BLOCK)
}

fn disk_path(root: &Path, path: &str) -> PathBuf {
    if path.starts_with('/') {
        PathBuf::from(path)
    } else if path == "." {
        root.to_path_buf()
    } else {
        root.join(path)
    }
}

/// The header block(s) for one member: an optional PAX header + data, then the ustar block.
/// The length of a member's header without building it: one block, unless its name or link
/// target needs a PAX record (see [`needs_pax`]).
fn header_len(e: &Entry) -> u64 {
    let name_len = e.path.len() + usize::from(e.is_dir());
    let link = match &e.kind {
        EntryKind::Symlink { target } => target.as_str(),
        _ => "",
    };
    if e.path.is_ascii() && name_len <= 100 && link.is_ascii() && link.len() <= 100 {
        BLOCK
    } else {
        header_for(e, 0).len() as u64
    }
}

fn header_for(e: &Entry, size: u64) -> Vec<u8> {
    let name = member_name(e);
    let (typeflag, linkname) = match &e.kind {
        EntryKind::Symlink { target } => (b'2', target.as_str()),
        EntryKind::Directory { .. } => (b'5', ""),
        _ => (b'0', ""),
    };
    let size = if e.is_file() { size } else { 0 };
    build_header(&name, e.mode, size, typeflag, linkname)
}

fn build_header(name: &str, mode: u32, size: u64, typeflag: u8, linkname: &str) -> Vec<u8> {
    let mut block = [0u8; BLOCK as usize];
    let mut pax: Vec<(&str, String)> = Vec::new();
    if needs_pax(name, 100) {
        pax.push(("path", name.to_string()));
    } else {
        write_string(&mut block, 0, 100, name);
    }
    write_octal(&mut block, 100, 8, u64::from(mode), false);
    write_octal(&mut block, 108, 8, 0, true);
    write_octal(&mut block, 116, 8, 0, true);
    write_octal(&mut block, 124, 12, size, true);
    write_octal(&mut block, 136, 12, EPOCH, true);
    block[156] = typeflag;
    if needs_pax(linkname, 100) {
        pax.push(("linkpath", linkname.to_string()));
    } else {
        write_string(&mut block, 157, 100, linkname);
    }
    // uname, gname: "" followed by NUL, i.e. zeros.
    write_octal(&mut block, 329, 8, 0, true);
    write_octal(&mut block, 337, 8, 0, true);
    if pax.first().is_some_and(|(k, _)| *k == "path")
        && let Some((ustar_name, prefix)) = split_ustar_path(name)
    {
        write_string(&mut block, 0, 100, &ustar_name);
        write_string(&mut block, 345, 155, &prefix);
        pax.remove(0);
    }
    block[257..263].copy_from_slice(b"ustar\0");
    block[263..265].copy_from_slice(b"00");
    set_checksum(&mut block);
    let mut out = Vec::with_capacity(BLOCK as usize * 3);
    if !pax.is_empty() {
        pax.sort_by(|a, b| a.0.cmp(b.0));
        out.extend(pax_entry(name, &pax));
    }
    out.extend_from_slice(&block);
    out
}

/// A string goes to PAX when longer than the field (in characters) or not ASCII.
fn needs_pax(s: &str, field: usize) -> bool {
    s.chars().count() > field || !s.is_ascii()
}

/// `format_string`: the ASCII characters, NUL-terminated when shorter than the field.
fn write_string(block: &mut [u8], pos: usize, size: usize, s: &str) {
    let ascii: Vec<u8> = s.bytes().filter(u8::is_ascii).collect();
    let n = ascii.len().min(size);
    block[pos..pos + n].copy_from_slice(&ascii[..n]);
}

/// Zero-padded octal in `size - 1` digits; `nul` adds the terminating NUL (write_numeric),
/// otherwise the last byte is left as is (write_octal).
fn write_octal(block: &mut [u8], pos: usize, size: usize, value: u64, nul: bool) {
    let text = format!("{value:0width$o}", width = size - 1);
    let bytes = text.as_bytes();
    let n = bytes.len().min(size - 1);
    block[pos..pos + n].copy_from_slice(&bytes[bytes.len() - n..]);
    if nul {
        block[pos + size - 1] = 0;
    }
}

fn set_checksum(block: &mut [u8; BLOCK as usize]) {
    let sum: u64 = block[..148].iter().map(|b| u64::from(*b)).sum::<u64>()
        + 8 * u64::from(b' ')
        + block[156..].iter().map(|b| u64::from(*b)).sum::<u64>();
    write_octal(block, 148, 8, sum, false);
}

/// `split_ustar_path/1`: a long ASCII path split at `/` into a name (< 100 bytes) and a
/// prefix (<= 155 bytes, hex_erl_tar not counting the joining slashes).
fn split_ustar_path(path: &str) -> Option<(String, String)> {
    if path.chars().count() <= 100 || !path.is_ascii() {
        return None;
    }
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    let (last, dirs) = parts.split_last()?;
    if last.len() >= 100 {
        return None;
    }
    let mut acc: Option<String> = None;
    for part in dirs {
        acc = Some(match acc {
            None if part.len() > 155 => return None,
            None => part.to_string(),
            Some(a) if part.len() + a.len() > 155 => return None,
            Some(a) => format!("{a}/{part}"),
        });
    }
    Some((last.to_string(), acc.unwrap_or_default()))
}

/// `build_pax_entry/3`: an `x` header named `DIR/PaxHeaders.0/BASE` and its records.
fn pax_entry(name: &str, attrs: &[(&str, String)]) -> Vec<u8> {
    // `filename:basename/1` drops a trailing `/`; `filename:dirname/1` does not ("a/b/" -> "a/b").
    let base = name.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let dir = match name.rfind('/') {
        Some(0) => "/",
        Some(i) => &name[..i],
        None => ".",
    };
    let pax_name = if dir == "/" {
        format!("/PaxHeaders.0/{base}")
    } else {
        format!("{dir}/PaxHeaders.0/{base}")
    };
    let mut pax_name: String = pax_name.chars().filter(char::is_ascii).collect();
    if pax_name.len() > 100 {
        pax_name.truncate(99);
    }
    let mut data = Vec::new();
    for (key, value) in attrs {
        let size = key.len() + value.chars().count() + 3;
        let size2 = size.to_string().len() + size;
        let mut record = format!("{size2} {key}={value}\n");
        if record.len() != size2 {
            record = format!("{} {key}={value}\n", record.len());
        }
        data.extend_from_slice(record.as_bytes());
    }
    let mut out = build_header(&pax_name, 0o100644, data.len() as u64, b'x', "");
    let padded = blocks(data.len() as u64) as usize;
    out.extend_from_slice(&data);
    out.resize(out.len() + padded - data.len(), 0);
    out
}

/// hex_core's reproducible gzip: fixed header, raw deflate, CRC32 + ISIZE trailer.
pub struct HexGzip {
    deflate: flate2::write::DeflateEncoder<Vec<u8>>,
    crc: flate2::Crc,
}

impl Default for HexGzip {
    fn default() -> Self {
        Self::new()
    }
}

impl HexGzip {
    pub fn new() -> Self {
        let mut buf = Vec::new();
        buf.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0]);
        HexGzip {
            deflate: flate2::write::DeflateEncoder::new(buf, flate2::Compression::default()),
            crc: flate2::Crc::new(),
        }
    }

    /// The complete gzip bytes.
    pub fn finish(self) -> io::Result<Vec<u8>> {
        let mut out = self.deflate.finish()?;
        out.extend_from_slice(&self.crc.sum().to_le_bytes());
        out.extend_from_slice(&self.crc.amount().to_le_bytes());
        Ok(out)
    }
}

impl Write for HexGzip {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.deflate.write(buf)?;
        self.crc.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_len_is_the_length_of_the_header() {
        let long = "d/".repeat(60);
        let names = [
            "lib/a.ex",
            "lib/é.ex",
            &format!("{long}x.ex"),
            &"x".repeat(100),
        ];
        let kinds = [
            EntryKind::File,
            EntryKind::Directory { empty: true },
            EntryKind::Symlink {
                target: "../t".into(),
            },
            EntryKind::Symlink {
                target: "t".repeat(101),
            },
        ];
        for name in names {
            for kind in &kinds {
                let e = Entry {
                    path: name.to_string(),
                    kind: kind.clone(),
                    size: 3,
                    mode: 0o100644,
                    pattern: 0,
                    read_error: None,
                    outside_root: false,
                };
                assert_eq!(
                    header_len(&e),
                    header_for(&e, 0).len() as u64,
                    "{name} {kind:?}"
                );
            }
        }
    }
}
