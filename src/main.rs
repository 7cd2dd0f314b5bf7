// The Linux release binaries are static musl (dist-workspace.toml). musl's own malloc hands freed
// memory straight back to the kernel and serialises threads: on a 300-file package the musl build
// took 4x the CPU time and twice the page faults of the glibc one. With jemalloc (as ripgrep uses
// on musl) it is within 10% of glibc there, and faster on small packages: it starts faster.
#[cfg(target_env = "musl")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

// jemalloc's options, read when it starts (`_RJEM_MALLOC_CONF` in the environment still overrides
// them). One arena: module discovery's second thread shares the first's instead of setting up
// its own, and its freed memory serves the first thread too. No thread cache above 4 KiB: the
// large buffers (file contents, token vectors) go back to the arena for the other thread to reuse.
// absinthe 1,184 -> 1,068 page faults, about 3% less wall time on large packages (paired runs).
#[cfg(target_env = "musl")]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: &[u8; 26] = b"narenas:1,tcache_max:4096\0";

// Faster `memcpy` and `memcmp` than musl's, linked in their place in the musl build (see there).
#[cfg_attr(
    not(all(target_env = "musl", target_arch = "x86_64", not(debug_assertions))),
    allow(dead_code)
)]
mod musl_mem;

fn main() {
    std::process::exit(hexlint::cli::run().code());
}
