//! Checking many paths across cores, the results handed over in the order given.
//!
//! `available_parallelism()` workers (threads of a [`std::thread::scope`]) take the next path from a
//! shared counter and send its outcome back; the calling thread hands them to `each` in order, holding
//! the ones that arrive early. A worker does not start a path more than [`WINDOW`] per worker ahead of
//! the last one handed over, so memory stays bounded by a few outcomes whatever the number of paths.
//! One path or one core: everything runs on the calling thread, as before.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// How many paths per worker may be checked ahead of the one being handed over.
const WINDOW: usize = 2;

/// The stack of a worker: the main thread's usual 8 MiB rather than a spawned thread's 2 MiB, so a
/// deeply nested package is checked the same on any thread.
const STACK: usize = 8 * 1024 * 1024;

/// Calls `check` on every path (on several threads when there are several paths and cores) and `each`
/// on the results, on this thread, in the order of `paths`.
pub(super) fn check_all<T: Send>(
    paths: &[PathBuf],
    check: impl Fn(&PathBuf) -> T + Sync,
    mut each: impl FnMut(usize, &PathBuf, T),
) {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(paths.len());
    if workers <= 1 {
        for (index, path) in paths.iter().enumerate() {
            each(index, path, check(path));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let handed = AtomicUsize::new(0);
    let window = workers.saturating_mul(WINDOW);
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<(usize, T)>();
        let mut started = 0;
        for _ in 0..workers {
            let sender = sender.clone();
            let (next, handed, check) = (&next, &handed, &check);
            let worker = move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(index) else {
                        return;
                    };
                    while index >= handed.load(Ordering::Acquire).saturating_add(window) {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                    if sender.send((index, check(path))).is_err() {
                        return;
                    }
                }
            };
            if std::thread::Builder::new()
                .stack_size(STACK)
                .spawn_scoped(scope, worker)
                .is_ok()
            {
                started += 1;
            }
        }
        drop(sender);
        let mut early: BTreeMap<usize, T> = BTreeMap::new();
        let mut expected = 0;
        // No worker could start: check here.
        if started == 0 {
            for (index, path) in paths.iter().enumerate() {
                each(index, path, check(path));
            }
            return;
        }
        for (index, result) in receiver {
            early.insert(index, result);
            while let Some(result) = early.remove(&expected) {
                if let Some(path) = paths.get(expected) {
                    each(expected, path, result);
                }
                expected += 1;
                handed.store(expected, Ordering::Release);
            }
        }
    });
}
