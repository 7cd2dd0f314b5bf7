//! `memcpy` and `memcmp` for the static musl release binary, in place of musl's own.
//!
//! musl's x86_64 `memcpy` starts every copy of 8 bytes or more with `rep movsq` (and byte-wise
//! `movsb` around it), tens of cycles even for a 10-byte name, and its `memcmp` compares a byte at
//! a time. Rust calls both for every copy and comparison whose length is not known at compile
//! time: each identifier the lexer keeps, each path compared while sorting. On a large package
//! (timex, absinthe) that made the musl build 10–12% slower in wall time than with the copies
//! below (whole process, paired runs), the same gap as astral-sh/uv#10610 reports for uv.
//!
//! The symbols are exported only by an optimised musl x86_64 build, where they take the place of
//! libc's at static link time (musl's `memmove` copies forwards through `__memcpy_fwd`, so that
//! is defined too, or the linker would also pull in musl's `memcpy` from the same object). An
//! unoptimised build might compile the fixed-size copies below into calls to `memcpy` itself.
//! Elsewhere the functions are ordinary ones, so that the tests run on any host.
#![allow(unsafe_code)]

use std::ptr::{read_unaligned, write_unaligned};

#[cfg(all(target_env = "musl", target_arch = "x86_64", not(debug_assertions)))]
mod exports {
    // SAFETY (all four): the callers' contract is C's, which is [`super::copy`]'s and
    // [`super::compare`]'s.
    #[unsafe(no_mangle)]
    unsafe extern "C" fn memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
        unsafe { super::copy(dst, src, n) }
    }
    /// musl's `memmove` calls this for copies that may go forwards.
    #[unsafe(no_mangle)]
    unsafe extern "C" fn __memcpy_fwd(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
        unsafe { super::copy(dst, src, n) }
    }
    #[unsafe(no_mangle)]
    unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
        unsafe { super::compare(a, b, n) }
    }
    /// `memcmp`'s equality-only variant, which Rust calls for `==` on slices and strings.
    #[unsafe(no_mangle)]
    unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
        unsafe { super::compare(a, b, n) }
    }
}

/// Copy `n` bytes from `src` to `dst`; like C's `memcpy`, and also right when `dst` is below an
/// overlapping `src` (musl's `memmove` relies on that through `__memcpy_fwd`).
///
/// # Safety
/// `src` must be valid for `n` reads and `dst` for `n` writes.
#[inline(always)]
pub unsafe fn copy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // Up to 64 bytes: read a head and a tail that cover the range (they may overlap each
    // other), then write them; everything is read before anything is written.
    // SAFETY: every access is within `n` bytes of `src` or `dst` (the caller's contract).
    unsafe {
        match n {
            0 => {}
            1..=3 => {
                let (a, b, c) = (*src, *src.add(n / 2), *src.add(n - 1));
                *dst = a;
                *dst.add(n / 2) = b;
                *dst.add(n - 1) = c;
            }
            4..=7 => head_tail::<u32>(dst, src, n),
            8..=15 => head_tail::<u64>(dst, src, n),
            16..=32 => head_tail::<u128>(dst, src, n),
            33..=64 => {
                let head = read_unaligned(src.cast::<[u128; 2]>());
                let tail = read_unaligned(src.add(n - 32).cast::<[u128; 2]>());
                write_unaligned(dst.cast::<[u128; 2]>(), head);
                write_unaligned(dst.add(n - 32).cast::<[u128; 2]>(), tail);
            }
            _ => forward(dst, src, n),
        }
    }
    dst
}

/// The first and the last `size_of::<T>()` bytes, which cover `n` bytes when
/// `size_of::<T>() <= n <= 2 * size_of::<T>()`.
///
/// # Safety
/// As [`copy`], with `n` in that range.
#[inline(always)]
unsafe fn head_tail<T>(dst: *mut u8, src: *const u8, n: usize) {
    let size = std::mem::size_of::<T>();
    // SAFETY: both reads and writes are within the `n` bytes.
    unsafe {
        let head = read_unaligned(src.cast::<T>());
        let tail = read_unaligned(src.add(n - size).cast::<T>());
        write_unaligned(dst.cast::<T>(), head);
        write_unaligned(dst.add(n - size).cast::<T>(), tail);
    }
}

/// A long copy, front to back, one byte after another as far as any overlap can tell.
///
/// # Safety
/// As [`copy`].
#[inline(always)]
unsafe fn forward(dst: *mut u8, src: *const u8, n: usize) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `rep movsb` copies `rcx` bytes from `rsi` to `rdi` upwards (the direction flag is
    // clear, as the ABI guarantees), with the same result as a byte loop even on overlap.
    unsafe {
        std::arch::asm!(
            "rep movsb",
            inout("rcx") n => _,
            inout("rdi") dst => _,
            inout("rsi") src => _,
            options(nostack, preserves_flags)
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    for i in 0..n {
        // SAFETY: within the `n` bytes; forwards, as the overlap contract needs.
        unsafe { *dst.add(i) = *src.add(i) };
    }
}

/// Compare `n` bytes as unsigned bytes, like C's `memcmp`: negative, zero or positive.
///
/// # Safety
/// `a` and `b` must be valid for `n` reads.
#[inline(always)]
pub unsafe fn compare(a: *const u8, b: *const u8, n: usize) -> i32 {
    let mut i = 0;
    // Eight bytes at a time; the first difference decides, so the words are compared as
    // big-endian numbers.
    while i + 8 <= n {
        // SAFETY: `i + 8 <= n`.
        let (x, y) = unsafe {
            (
                read_unaligned(a.add(i).cast::<u64>()),
                read_unaligned(b.add(i).cast::<u64>()),
            )
        };
        if x != y {
            return if u64::from_be(x) < u64::from_be(y) {
                -1
            } else {
                1
            };
        }
        i += 8;
    }
    while i < n {
        // SAFETY: `i < n`.
        let (x, y) = unsafe { (*a.add(i), *b.add(i)) };
        if x != y {
            return i32::from(x) - i32::from(y);
        }
        i += 1;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every length up to 300 and a few longer, at every misalignment of either side.
    fn lengths() -> impl Iterator<Item = usize> {
        (0..=300).chain([511, 512, 4095, 4096, 4097, 70_000])
    }

    #[test]
    fn copies_like_copy_from_slice() {
        let src: Vec<u8> = (0..80_000u32).map(|i| (i * 7 + 3) as u8).collect();
        for n in lengths() {
            for (s, d) in [(0, 0), (1, 0), (0, 3), (5, 7), (8, 1), (15, 16)] {
                let mut dst = vec![0xAAu8; n + 40];
                // SAFETY: both ranges are in bounds.
                let ret = unsafe { copy(dst.as_mut_ptr().add(d), src.as_ptr().add(s), n) };
                assert_eq!(ret, dst.as_mut_ptr().wrapping_add(d));
                assert_eq!(&dst[d..d + n], &src[s..s + n], "n={n} s={s} d={d}");
                assert!(dst[..d].iter().chain(&dst[d + n..]).all(|&b| b == 0xAA));
            }
        }
    }

    #[test]
    fn copies_forwards_onto_an_overlapping_source_above() {
        for n in lengths() {
            for shift in [1, 2, 7, 8, 9, 16, 31, 33, 64, 100] {
                let mut buf: Vec<u8> = (0..n + shift).map(|i| (i * 13 + 1) as u8).collect();
                let mut want = buf.clone();
                want.copy_within(shift..shift + n, 0);
                let p = buf.as_mut_ptr();
                // SAFETY: both ranges are in bounds; `dst` is below `src`.
                unsafe { copy(p, p.add(shift), n) };
                assert_eq!(buf, want, "n={n} shift={shift}");
            }
        }
    }

    #[test]
    fn compares_like_slice_ordering() {
        let base: Vec<u8> = (0..5000u32).map(|i| (i * 31 + 5) as u8).collect();
        for n in lengths().filter(|&n| n <= 5000) {
            let a = &base[..n];
            // SAFETY: both are `n` bytes long.
            assert_eq!(unsafe { compare(a.as_ptr(), a.to_vec().as_ptr(), n) }, 0);
            for at in [0, n / 3, n.saturating_sub(1), n / 2 + 7]
                .into_iter()
                .filter(|&i| i < n)
            {
                for delta in [1u8, 0x80, 0xFF] {
                    let mut b = a.to_vec();
                    b[at] = b[at].wrapping_add(delta);
                    // SAFETY: both are `n` bytes long.
                    let got = unsafe { compare(a.as_ptr(), b.as_ptr(), n) };
                    let want = a.cmp(&b[..]);
                    assert_eq!(got.signum(), want as i32, "n={n} at={at} delta={delta}");
                }
            }
        }
    }
}
