// The Linux release binaries are static musl (dist-workspace.toml). musl's own malloc hands freed
// memory straight back to the kernel and serialises threads: on a 300-file package the musl build
// took 4x the CPU time and twice the page faults of the glibc one. With jemalloc (as ripgrep uses
// on musl) it is within 10% of glibc there, and faster on small packages: it starts faster.
#[cfg(target_env = "musl")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

// jemalloc's options, read when it starts (`_RJEM_MALLOC_CONF` in the environment still overrides
// them). One arena: module discovery's second thread shares the first's instead of setting up
// its own, and its freed memory serves the first thread too. Small thread caches (nothing above
// 1 KiB, at most 20 objects of a size): freed buffers go back to the arena, where the other
// thread and other sizes reuse them, instead of each cache touching fresh pages of its own.
// Against jemalloc's defaults: absinthe 1,182 -> 947 page faults and 10.6 -> 9.7 MB peak, timex
// 1,206 -> 943; 6-8% less wall time on absinthe, timex and postgrex, 0-4% on small packages
// (paired runs).
#[cfg(target_env = "musl")]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: &[u8; 53] = b"narenas:1,tcache_max:1024,tcache_nslots_small_max:20\0";

// Faster `memcpy` and `memcmp` than musl's, linked in their place in the musl build (see there).
#[cfg_attr(
    not(all(target_env = "musl", target_arch = "x86_64", not(debug_assertions))),
    allow(dead_code)
)]
mod musl_mem;

fn main() {
    std::process::exit(hexlint::cli::run().code());
}
