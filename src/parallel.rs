//! Data parallelism that only starts rayon's threads when the batch is big enough to pay for
//! them: a check of one small package runs on the calling thread alone.

use rayon::prelude::*;

/// Below this many files, reading and scanning them costs less than starting the thread pool
/// (measured: 42 files are 0.2 ms faster on one thread, timex's 465 are 2 ms faster on two).
pub const FILES_FOR_THREADS: usize = 64;

/// Below this many bytes of Elixir and Erlang sources, module discovery costs less on one thread
/// than starting the pool (measured on a 2-core VM, paired runs of the musl release, whose
/// allocator shares one arena between the threads: packages of 140–310 KB are 2–17% faster on
/// two threads, those of 80–120 KB 5–8% slower). With an arena per thread the second thread's
/// memory cost more, and the threshold was 320 KB.
pub const SOURCE_BYTES_FOR_THREADS: u64 = 128 * 1024;

/// Two packages already outweigh the pool's start-up.
pub const PACKAGES_FOR_THREADS: usize = 2;

/// `items.iter().map(f).collect()`, in parallel (order kept) when there are at least
/// `min_for_threads` items.
pub fn map<T, R, F>(items: &[T], min_for_threads: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    map_when(items.len() >= min_for_threads, items, f)
}

/// `items.iter().map(f).collect()`, in parallel (order kept) when `threads` is true and there
/// are at least two items: for callers that weigh the work otherwise than by counting items.
pub fn map_when<T, R, F>(threads: bool, items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    if threads && items.len() >= 2 {
        items.par_iter().map(f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_results_in_order_either_way() {
        let items: Vec<u32> = (0..100).collect();
        let on_thread = |x: &u32| (*x * 3, rayon::current_thread_index().is_some());
        let sequential = map(&items, 1000, on_thread);
        let parallel = map(&items, 2, on_thread);
        let values = |v: &[(u32, bool)]| v.iter().map(|p| p.0).collect::<Vec<_>>();
        assert_eq!(values(&sequential), values(&parallel));
        assert_eq!(values(&sequential)[99], 297);
        assert!(
            sequential.iter().all(|p| !p.1),
            "small batches stay on the caller"
        );
        assert!(parallel.iter().any(|p| p.1), "big batches use the pool");
        assert!(map_when(false, &items, on_thread).iter().all(|p| !p.1));
        assert!(map_when(true, &items, on_thread).iter().any(|p| p.1));
        assert!(map_when(true, &items[..1], on_thread).iter().all(|p| !p.1));
    }
}
