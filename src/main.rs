// The Linux release binaries are static musl (dist-workspace.toml). musl's own malloc hands freed
// memory straight back to the kernel and serialises threads: on a 300-file package the musl build
// took 4x the CPU time and twice the page faults of the glibc one. With jemalloc (as ripgrep uses
// on musl) it is within 10% of glibc there, and faster on small packages: it starts faster.
#[cfg(target_env = "musl")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

// Faster `memcpy` and `memcmp` than musl's, linked in their place in the musl build (see there).
#[cfg_attr(
    not(all(target_env = "musl", target_arch = "x86_64", not(debug_assertions))),
    allow(dead_code)
)]
mod musl_mem;

fn main() {
    std::process::exit(hexlint::cli::run().code());
}
