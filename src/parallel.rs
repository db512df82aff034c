//! Beside the pipeline: work spread over the cores (files in ingest, promises in a region
//! run), with results in the input's order so nothing depends on which thread did what.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Runs `work` on every item, one thread per core, the heaviest items (by `weight`) first;
/// returns the results in the items' order. Calls `progress(done, items)` after each item
/// (from the working threads, in any order).
pub fn map<I: Sync, T: Send>(
    items: &[I],
    weight: impl Fn(&I) -> u64,
    progress: &(dyn Fn(usize, usize) + Sync),
    work: impl Fn(&I) -> T + Sync,
) -> Vec<T> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_cached_key(|i| std::cmp::Reverse(items.get(*i).map_or(0, &weight)));
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let done: Vec<Mutex<Option<T>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let (Some(item), Some(slot)) = (items.get(i), done.get(i)) {
                        let result = work(item);
                        *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                        progress(finished.fetch_add(1, Ordering::Relaxed) + 1, items.len());
                    }
                }
            });
        }
    });
    // Every slot is filled: each index in `order` is taken by exactly one thread.
    done.into_iter()
        .filter_map(|slot| slot.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_items_order_whatever_the_weights() {
        let items: Vec<u64> = (0..50).collect();
        let squares = super::map(&items, |i| *i % 7, &|_, _| {}, |i| i * i);
        assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
    }
}
