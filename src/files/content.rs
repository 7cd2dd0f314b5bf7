//! The bytes of the packaged files, read once and shared by everything that looks inside them
//! (module discovery, the secret scan, license texts, Erlang includes, the tarball).
//!
//! Sizes come from `lstat` first: a file over [`MAX_READ_BYTES`] is never read whole, only its
//! first [`PREFIX_BYTES`] (what the secret scan looks at); the tarball streams it from disk. A
//! reader that only looks inside text ([`Want::Text`]) gets just the first [`SNIFF_READ_BYTES`]
//! of a larger binary file (a NUL in its first [`BINARY_SNIFF_BYTES`]): a 3 MB data file in
//! `priv/` is not copied into memory to learn that there is no text in it. Read
//! files are kept until [`CACHE_BUDGET`] bytes are held; past that (only hostile or oversized
//! packages get there) a file is read again when asked again rather than held.

use super::Entry;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

/// Largest file read into memory whole (module discovery's limit on a source file).
pub const MAX_READ_BYTES: u64 = crate::limits::MAX_INPUT_BYTES as u64;

/// How much of a larger file is read (the secret scan's window).
pub const PREFIX_BYTES: usize = 1024 * 1024;

/// Most bytes of file contents kept in memory at once.
pub const CACHE_BUDGET: u64 = 64 * 1024 * 1024;

/// A file with a NUL byte in its first this many bytes is binary (git's and hex.pm's test).
pub const BINARY_SNIFF_BYTES: usize = 8000;

/// How much of a file larger than this is read first when only text is wanted: past it, the
/// rest of a binary file is not read.
pub const SNIFF_READ_BYTES: usize = 64 * 1024;

/// Does this look like a binary file (a NUL byte near the start)?
pub fn is_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)]).is_some()
}

/// What a reader needs of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// All of it (up to [`MAX_READ_BYTES`]): module discovery, the tarball.
    Whole,
    /// Its text: of a binary file, the first [`SNIFF_READ_BYTES`] are enough (the secret scan
    /// and license texts skip binary files).
    Text,
}

/// One file's bytes: all of them, or the first [`PREFIX_BYTES`] of a larger file.
#[derive(Debug, Default)]
pub struct Content {
    /// Reference-counted, so that module discovery keeps a source file's text without a copy.
    pub bytes: bytes::Bytes,
    /// `bytes` is the whole file.
    pub complete: bool,
    /// Why the file could not be read (then `bytes` is empty).
    pub error: Option<String>,
    /// Only the first [`SNIFF_READ_BYTES`] of a binary file were read, for [`Want::Text`].
    pub binary_prefix: bool,
}

impl Content {
    /// At most `limit` leading bytes.
    pub fn prefix(&self, limit: usize) -> &[u8] {
        &self.bytes[..self.bytes.len().min(limit)]
    }
}

/// Lazily read contents, one slot per entry of the file set.
#[derive(Debug, Default)]
pub struct ContentStore {
    slots: OnceLock<Vec<OnceLock<Arc<Content>>>>,
    held: AtomicU64,
    reads: AtomicU64,
}

impl ContentStore {
    /// The contents of `entries[index]` (below `root`), read on first use. A binary file first
    /// read for its text is read again, and not kept, when it is then wanted whole (a binary
    /// source file; nothing else in a check wants a binary file whole).
    pub fn get(&self, entries: &[Entry], root: &Path, index: usize, want: Want) -> Arc<Content> {
        let slots = self
            .slots
            .get_or_init(|| (0..entries.len()).map(|_| OnceLock::new()).collect());
        let Some(slot) = slots.get(index) else {
            return Arc::new(Content::default());
        };
        if let Some(c) = slot.get() {
            if !(c.binary_prefix && want == Want::Whole) {
                return c.clone();
            }
            self.reads.fetch_add(1, Ordering::Relaxed);
            return Arc::new(read(&entries[index], root, Want::Whole));
        }
        let content = Arc::new(read(&entries[index], root, want));
        self.reads.fetch_add(1, Ordering::Relaxed);
        let size = content.bytes.len() as u64;
        if self.held.fetch_add(size, Ordering::Relaxed) + size <= CACHE_BUDGET {
            slot.get_or_init(|| content).clone()
        } else {
            self.held.fetch_sub(size, Ordering::Relaxed);
            content
        }
    }

    /// How many times a file was read from disk (for tests: once per file).
    pub fn reads(&self) -> u64 {
        self.reads.load(Ordering::Relaxed)
    }
}

/// Append the rest of a file that `lstat` says holds `expected` more bytes: one `read` of one
/// byte more than that, which comes back with exactly `expected` bytes when the file is as
/// `lstat` saw it (a regular file returns fewer bytes than asked only at its end), so the usual
/// second `read` that finds the end is saved. A file that grew, shrank or came short is read on
/// to its end.
fn read_expected(mut file: impl Read, expected: u64, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    let (start, expected) = (bytes.len(), expected as usize);
    bytes.resize(start + expected + 1, 0);
    let n = loop {
        match file.read(&mut bytes[start..]) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            done => break done?,
        }
    };
    bytes.truncate(start + n);
    if n != expected {
        file.read_to_end(bytes)?;
    }
    Ok(())
}

fn failed(e: std::io::Error) -> Content {
    Content {
        error: Some(e.to_string()),
        ..Content::default()
    }
}

fn read(entry: &Entry, root: &Path, want: Want) -> Content {
    let path = crate::portable::join(root, &entry.path);
    let mut file = match crate::portable::open_read(&path) {
        Ok(f) => f,
        Err(e) => return failed(e),
    };
    // Decided from the size `lstat` gave, before reading anything; the read is bounded anyway
    // in case the file grew since.
    let (limit, whole) = if entry.size > MAX_READ_BYTES {
        (PREFIX_BYTES as u64, false)
    } else {
        (MAX_READ_BYTES + 1, true)
    };
    let mut bytes = Vec::new();
    let sniff = SNIFF_READ_BYTES as u64;
    if want == Want::Text && entry.size > sniff {
        if let Err(e) = read_expected(Read::take(&mut file, sniff), sniff, &mut bytes) {
            return failed(e);
        }
        if is_binary(&bytes) {
            return Content {
                bytes: bytes.into(),
                binary_prefix: true,
                ..Content::default()
            };
        }
    }
    let so_far = bytes.len() as u64;
    let rest = entry.size.min(limit).saturating_sub(so_far);
    if let Err(e) = read_expected(file.take(limit - so_far), rest, &mut bytes) {
        return failed(e);
    }
    let complete = whole && bytes.len() as u64 <= MAX_READ_BYTES;
    if !complete {
        bytes.truncate(PREFIX_BYTES);
    }
    Content {
        bytes: bytes.into(),
        complete,
        ..Content::default()
    }
}

#[cfg(test)]
mod tests {
    use super::read_expected;
    use std::io::Read;

    /// A reader that hands out at most `chunk` bytes per call and counts the calls.
    struct Chunked<'a> {
        data: &'a [u8],
        chunk: usize,
        calls: usize,
    }

    impl Read for Chunked<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.calls += 1;
            let n = buf.len().min(self.chunk).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn read_all(data: &[u8], chunk: usize, expected: u64) -> (Vec<u8>, usize) {
        let mut reader = Chunked {
            data,
            chunk,
            calls: 0,
        };
        let mut bytes = Vec::new();
        read_expected(&mut reader, expected, &mut bytes).unwrap();
        (bytes, reader.calls)
    }

    #[test]
    fn a_file_of_the_expected_size_takes_one_read() {
        assert_eq!(read_all(b"hello", 64, 5), (b"hello".to_vec(), 1));
        assert_eq!(read_all(b"", 64, 0), (Vec::new(), 1));
    }

    #[test]
    fn a_file_that_grew_shrank_or_came_short_is_read_to_its_end() {
        let data = b"grown since lstat";
        assert_eq!(read_all(data, 64, 5).0, data.to_vec());
        assert_eq!(read_all(b"abc", 64, 10).0, b"abc".to_vec());
        let (bytes, calls) = read_all(data, 3, data.len() as u64);
        assert_eq!(bytes, data.to_vec());
        assert!(calls > 2);
    }
}
