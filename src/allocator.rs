//! Beside the pipeline: the memory allocator of the `lofte` binary.
//!
//! mimalloc instead of glibc's malloc. A region run parses large sheets on two threads and
//! frees them while other threads allocate; glibc kept those pages in per-thread arenas, so
//! thirty promises peaked at 414 MiB (see docs/benchmark.md). mimalloc reuses them.

#[cfg(test)]
use libmimalloc_sys::mi_option_get;
use libmimalloc_sys::{mi_option_set, mi_option_t};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (v2 and v3): milliseconds before freed memory goes
/// back to the system (1 000 by default in v3's options.c); -1 never. The Rust bindings name no constant for it.
const PURGE_DELAY: mi_option_t = 15;

/// Sets mimalloc's options for a batch run; call first thing in `main`.
///
/// - Freed memory goes back to the system after 250 ms (mimalloc's default is a second): a
///   region run of 30 promises then peaks at about 310 MiB. Kept for good, it peaked at
///   345–375 MiB, close to the 400 MB the benchmark allows, for 0.05 s less.
/// - No transparent huge pages (Linux): the kernel cleared 2 MiB at a time for allocations
///   that used little of it (measured with memory never returned: 375 MiB with them, 345
///   MiB without, same speed). mimalloc's own `allow_thp` option acts only when the
///   process starts, so the process asks the kernel itself.
pub fn tune() {
    // SAFETY: mi_option_set only stores a value in mimalloc's option table; the purge delay
    // is read whenever memory could be purged, and may be changed at any time.
    unsafe { mi_option_set(PURGE_DELAY, 250) };
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and sets a flag of this process.
    // Should a kernel refuse it, the run is the same, only with huge pages.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// An option's value, for the test that the constants name the options meant.
#[cfg(test)]
fn option(o: mi_option_t) -> i64 {
    // SAFETY: reads mimalloc's option table.
    i64::from(unsafe { mi_option_get(o) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_is_mimallocs_option_and_huge_pages_are_off() {
        // The default in mimalloc v3's options.c: purge_delay 1 000 (ms); the option after
        // it (use_numa_nodes) defaults to 0.
        assert_eq!((option(PURGE_DELAY), option(PURGE_DELAY + 1)), (1000, 0));
        tune();
        assert_eq!(option(PURGE_DELAY), 250);
        #[cfg(target_os = "linux")]
        // SAFETY: reads a flag of this process.
        assert_eq!(
            unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) },
            1
        );
    }
}
