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
    // One step: a result never waits for a second one, so each item is done (and counted
    // by `progress`) as soon as its work is.
    map_in_two_steps(items, weight, 1, progress, work, |result| result)
}

/// [`map`] for work in two steps, where the second step of an item may wait: a free thread
/// starts the next item's `first` step (e.g. parsing a workbook), and runs a waiting
/// `second` step (e.g. sharing its rows out) only when no first step is left to start or
/// when `max_waiting` results of first steps wait (each may be large). So the second steps
/// fill the time a thread would otherwise spend waiting for the last first step.
/// Calls `progress(done, items)` after each item's second step.
pub fn map_in_two_steps<I: Sync, M: Send, T: Send>(
    items: &[I],
    weight: impl Fn(&I) -> u64,
    max_waiting: usize,
    progress: &(dyn Fn(usize, usize) + Sync),
    first: impl Fn(&I) -> M + Sync,
    second: impl Fn(M) -> T + Sync,
) -> Vec<T> {
    struct Queue<M> {
        next: usize,
        waiting: std::collections::VecDeque<(usize, M)>,
    }
    let order = heaviest_first(items, weight);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .max(1);
    let queue = Mutex::new(Queue {
        next: 0,
        waiting: Default::default(),
    });
    let lock = || queue.lock().unwrap_or_else(|e| e.into_inner());
    let finished = AtomicUsize::new(0);
    let done: Vec<Mutex<Option<T>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let mut q = lock();
                let firsts_left = q.next < order.len();
                if !firsts_left || q.waiting.len() >= max_waiting.max(1) {
                    // A thread whose first step is still running puts its result here
                    // and then finds it: nothing is left behind when this thread stops.
                    let Some((i, made)) = q.waiting.pop_front() else {
                        break;
                    };
                    drop(q);
                    let result = second(made);
                    if let Some(slot) = done.get(i) {
                        *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                    }
                    progress(finished.fetch_add(1, Ordering::Relaxed) + 1, items.len());
                    continue;
                }
                let Some((&i, item)) = order.get(q.next).and_then(|i| Some((i, items.get(*i)?)))
                else {
                    break;
                };
                q.next += 1;
                drop(q);
                let made = first(item);
                lock().waiting.push_back((i, made));
            });
        }
    });
    // Every slot is filled: each item's first step is taken once, and its result is
    // queued until a thread takes its second step.
    done.into_iter()
        .filter_map(|slot| slot.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}

/// The items' indices, the heaviest (by `weight`) first.
fn heaviest_first<I>(items: &[I], weight: impl Fn(&I) -> u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_cached_key(|i| std::cmp::Reverse(items.get(*i).map_or(0, &weight)));
    order
}

/// Runs `work` on polars' own threads and returns its result.
///
/// polars runs the parallel parts of a query on its thread pool. A query started on a
/// thread outside that pool hands those parts over and sleeps until they are done: two
/// thread switches per query, and a promise's numbers are hundreds of small queries. Started
/// on one of the pool's threads, the parts run as nested jobs on the same threads.
pub fn on_polars_threads<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    polars_core::runtime::THREAD_POOL.install(work)
}

/// [`map`] on polars' own threads (see [`on_polars_threads`]), for work made of polars
/// queries: the items go one at a time to whichever thread is free, the heaviest first.
pub fn map_on_polars_threads<I: Sync, T: Send>(
    items: &[I],
    weight: impl Fn(&I) -> u64,
    progress: &(dyn Fn(usize, usize) + Sync),
    work: impl Fn(&I) -> T + Sync,
) -> Vec<T> {
    use rayon::prelude::*;
    let order = heaviest_first(items, weight);
    let finished = AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = on_polars_threads(|| {
        order
            .par_iter()
            .with_max_len(1)
            .filter_map(|&i| {
                let result = work(items.get(i)?);
                progress(finished.fetch_add(1, Ordering::Relaxed) + 1, items.len());
                Some((i, result))
            })
            .collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_items_order_whatever_the_weights() {
        let items: Vec<u64> = (0..50).collect();
        let squares = super::map(&items, |i| *i % 7, &|_, _| {}, |i| i * i);
        assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
    }

    #[test]
    fn two_steps_run_once_each_in_order_and_few_results_wait() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        let items: Vec<u64> = (0..40).collect();
        let (firsts, seconds, waiting, most) = (
            AtomicUsize::new(0),
            AtomicUsize::new(0),
            AtomicUsize::new(0),
            AtomicUsize::new(0),
        );
        let results = super::map_in_two_steps(
            &items,
            |i| *i % 5,
            3,
            &|_, total| assert_eq!(total, 40),
            |i| {
                firsts.fetch_add(1, SeqCst);
                let now = waiting.fetch_add(1, SeqCst) + 1;
                most.fetch_max(now, SeqCst);
                i * 10
            },
            |made| {
                seconds.fetch_add(1, SeqCst);
                waiting.fetch_sub(1, SeqCst);
                made + 1
            },
        );
        assert_eq!(
            results,
            items.iter().map(|i| i * 10 + 1).collect::<Vec<_>>()
        );
        assert_eq!((firsts.into_inner(), seconds.into_inner()), (40, 40));
        // Three may wait, and each thread may be finishing one more first step.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert!(most.into_inner() <= 3 + threads);
    }

    #[test]
    fn results_on_polars_threads_keep_the_items_order_and_each_item_counts_once() {
        let items: Vec<u64> = (0..50).collect();
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let progress = |_, total| assert_eq!(total, 50);
        let squares = super::map_on_polars_threads(
            &items,
            |i| *i % 7,
            &progress,
            |i| {
                calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                // Runs on one of polars' threads.
                assert!(polars_core::runtime::THREAD_POOL
                    .current_thread_index()
                    .is_some());
                i * i
            },
        );
        assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
        assert_eq!(calls.into_inner(), 50);
    }
}
