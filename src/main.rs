// The Linux release binaries are static musl (dist-workspace.toml). musl's own malloc hands freed
// memory straight back to the kernel and serialises threads: on a 300-file package the musl build
// took 4x the CPU time and twice the page faults of the glibc one. jemalloc (as ripgrep uses on
// musl) brings it level with glibc, and a static musl binary starts faster than a glibc one.
#[cfg(target_env = "musl")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    std::process::exit(hexlint::cli::run().code());
}
