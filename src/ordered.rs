//! Parallel work over a lazy stream, results consumed in input order.
//!
//! The driver's engine: one thread pulls items from the stream (the walk,
//! which lists directories as it goes) into a short queue, worker threads
//! take items in order and process them (read, analyse, serialise) with no
//! barrier between batches, and the calling thread consumes the results in
//! input order as each becomes the next one due (writes the records). So
//! walking, reading, analysis and writing overlap; the first result is
//! consumed as soon as the first item is done; and memory is bounded by a
//! window, not by the stream's length: a worker starts an item only while
//! fewer than [`Window::items`] results wait to be consumed and their
//! weight (bytes of input) is under [`Window::weight`] — except the item
//! that is due next, which always starts, so the window never deadlocks.
//!
//! A worker takes up to [`READ_AHEAD`] waiting items at a time and runs
//! the `prepare` step (reading the file) on them together before their
//! `work` step (analysis), as long as what they hold stays under
//! [`READ_AHEAD_BYTES`]: system calls made back to back find the kernel's
//! tables in the cache, where calls between two analyses find them evicted.
//!
//! The output is the same for any thread count: results are consumed in
//! input order whatever order they finish in.

use std::collections::VecDeque;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{
    channel, sync_channel, Receiver, RecvTimeoutError, Sender,
};
use std::sync::{Condvar, Mutex, MutexGuard, TryLockError};
use std::time::Duration;

/// How far workers may run ahead of the consumer.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    /// Results (done or being done) not yet consumed.
    pub items: usize,
    /// Total weight of done results not yet consumed.
    pub weight: u64,
}

/// Batches of items the stream thread keeps ready ahead of the workers.
const QUEUE: usize = 16;

/// Items the stream thread hands over at a time, and results a worker
/// hands over at a time: passing every item and every result on its own
/// woke a thread per document (several context switches per file, a tenth
/// of the run on small files). A worker hands over its results early
/// whenever it might wait, so batching never holds the writer back.
/// Results went in batches of 16 before: 64 halved the context switches of
/// a two-thread run over 27,000 small files (5,600 to 2,700; 128 took off
/// no more) and took 1–4% off its wall time in three interleaved series,
/// as each wake-up of the writer took a core from a worker.
const FEED_BATCH: usize = 64;
const RESULT_BATCH: usize = 64;

/// What the stream yields: an item, or word that its next item may be
/// slow to come (a pipe whose writer paused), so that the items pulled so
/// far are handed over now instead of waiting for a full batch.
pub enum Next<T> {
    /// The next item.
    Item(T),
    /// The stream may wait before its next item.
    Pause,
}

/// Items a worker takes from the queue at once when they are waiting
/// there, to prepare them together (see the module documentation). Taking
/// never waits for more than the first.
pub const READ_AHEAD: usize = 16;

/// What a worker's prepared items may hold, in bytes, before the rest of
/// its taken items are prepared only in their turn: a few large files
/// never sit in memory waiting together.
pub const READ_AHEAD_BYTES: u64 = 1 << 20;

/// How long the consumer waits for the next result before it calls its
/// `idle` callback (which flushes what was written): a stream that pauses
/// gets its records out within this time, and a busy run never idles.
const IDLE: Duration = Duration::from_millis(50);

/// Processes `items` on `threads` workers with `prepare`, which returns
/// the item ready for work and the bytes it now holds, then `work`, which
/// returns a result and its weight, and hands each result to `consume` in
/// input order; `idle` is called when no result has come for a while.
/// Stops at the first error of `consume` or `idle` and returns it. A panic
/// in a worker stops the run and is resumed on the calling thread.
pub fn map_ordered<T, U, E>(
    items: impl Iterator<Item = Next<T>> + Send,
    threads: usize,
    window: Window,
    prepare: impl Fn(T) -> (T, u64) + Sync,
    work: impl Fn(T) -> (U, u64) + Sync,
    mut consume: impl FnMut(U) -> Result<(), E>,
    mut idle: impl FnMut() -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    U: Send,
{
    let (feed_tx, feed_rx) = sync_channel::<Vec<(u64, T)>>(QUEUE);
    let shared = Shared {
        feed: Mutex::new(Feed {
            batches: Some(feed_rx),
            ready: VecDeque::new(),
        }),
        state: Mutex::new(State::default()),
        turn: Condvar::new(),
        stop: AtomicBool::new(false),
        window,
    };
    let (done_tx, done_rx) = channel::<Vec<(u64, U, u64)>>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(FEED_BATCH);
            let mut seq = 0u64;
            for next in items {
                let pause = match next {
                    Next::Item(item) => {
                        batch.push((seq, item));
                        seq += 1;
                        false
                    }
                    Next::Pause => true,
                };
                if batch.len() == FEED_BATCH || (pause && !batch.is_empty()) {
                    let full = std::mem::replace(
                        &mut batch,
                        Vec::with_capacity(FEED_BATCH),
                    );
                    if feed_tx.send(full).is_err() {
                        return; // the run stopped
                    }
                }
            }
            if !batch.is_empty() {
                let _ = feed_tx.send(batch);
            }
        });
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                let done = done_tx.clone();
                let (shared, prepare, work) = (&shared, &prepare, &work);
                scope.spawn(move || shared.worker(prepare, work, done))
            })
            .collect();
        drop(done_tx);
        let result = shared.consume(&done_rx, &mut consume, &mut idle);
        if result.is_err() {
            shared.halt();
        }
        drop(done_rx);
        for worker in workers {
            if let Err(panic) = worker.join() {
                resume_unwind(panic);
            }
        }
        result
    })
}

struct Shared<T> {
    feed: Mutex<Feed<T>>,
    state: Mutex<State>,
    /// Signalled when the consumer moves on, or the run stops.
    turn: Condvar,
    stop: AtomicBool,
    window: Window,
}

/// The numbered items, as the stream thread hands them over.
struct Feed<T> {
    /// `None` once the run stopped, so that the stream thread's next send
    /// fails and it ends.
    batches: Option<Receiver<Vec<(u64, T)>>>,
    /// Items of the last batch not yet taken.
    ready: VecDeque<(u64, T)>,
}

#[derive(Default)]
struct State {
    /// Results consumed so far: the sequence number due next.
    consumed: u64,
    /// Weight of results done and not yet consumed.
    weight: u64,
    /// Workers waiting for their turn (so that the consumer wakes them
    /// only when one waits).
    waiting: usize,
}

/// The items a worker took and has not yet worked on, in order, each
/// with whether it was prepared.
struct Ahead<'p, T, P> {
    items: VecDeque<(u64, T, bool)>,
    /// Items just taken, before they are prepared.
    taken: Vec<(u64, T)>,
    prepare: &'p P,
}

impl<T, P: Fn(T) -> (T, u64)> Ahead<'_, T, P> {
    /// The next item to work on, prepared. When none is left, takes the
    /// next ones and prepares them together while they hold less than
    /// [`READ_AHEAD_BYTES`]; the others are prepared in their turn.
    fn next<U>(
        &mut self,
        shared: &Shared<T>,
        outbox: &mut Outbox<U>,
    ) -> Option<(u64, T)> {
        if self.items.is_empty() {
            shared.take(READ_AHEAD, outbox, &mut self.taken)?;
            let mut held = 0;
            for (seq, item) in self.taken.drain(..) {
                if held < READ_AHEAD_BYTES {
                    let (item, bytes) = (self.prepare)(item);
                    held += bytes;
                    self.items.push_back((seq, item, true));
                } else {
                    self.items.push_back((seq, item, false));
                }
            }
        }
        let (seq, item, prepared) = self.items.pop_front()?;
        let item = if prepared {
            item
        } else {
            (self.prepare)(item).0
        };
        Some((seq, item))
    }
}

/// A worker's results not yet handed over.
struct Outbox<U> {
    results: Vec<(u64, U, u64)>,
    done: Sender<Vec<(u64, U, u64)>>,
}

impl<U> Outbox<U> {
    /// Hands the results over; false when the consumer is gone.
    fn send(&mut self) -> bool {
        if self.results.is_empty() {
            return true;
        }
        let results = std::mem::take(&mut self.results);
        self.done.send(results).is_ok()
    }
}

impl<T> Shared<T> {
    fn worker<U>(
        &self,
        prepare: &impl Fn(T) -> (T, u64),
        work: &impl Fn(T) -> (U, u64),
        done: Sender<Vec<(u64, U, u64)>>,
    ) {
        let mut outbox = Outbox {
            results: Vec::with_capacity(RESULT_BATCH),
            done,
        };
        let mut ahead = Ahead {
            items: VecDeque::with_capacity(READ_AHEAD),
            taken: Vec::with_capacity(READ_AHEAD),
            prepare,
        };
        let run = catch_unwind(AssertUnwindSafe(|| {
            while let Some((seq, item)) = ahead.next(self, &mut outbox) {
                if !self.wait_turn(seq, &mut outbox) {
                    break;
                }
                let (result, weight) = work(item);
                self.lock().weight += weight;
                outbox.results.push((seq, result, weight));
                if outbox.results.len() >= RESULT_BATCH && !outbox.send() {
                    break;
                }
            }
            outbox.send();
        }));
        if let Err(panic) = run {
            self.halt();
            resume_unwind(panic);
        }
    }

    /// The next numbered items, up to `n`: the first, for which it may
    /// wait, and those already waiting after it. `None` at the end or once
    /// stopped. Before it may wait for the stream, the worker hands over
    /// its results.
    fn take<U>(
        &self,
        n: usize,
        outbox: &mut Outbox<U>,
        into: &mut Vec<(u64, T)>,
    ) -> Option<()> {
        let mut feed = match self.feed.try_lock() {
            Ok(feed) => feed,
            Err(TryLockError::Poisoned(e)) => e.into_inner(),
            // Another worker holds the feed, perhaps waiting for a stream
            // that waits for our output: hand the results over first.
            Err(TryLockError::WouldBlock) => {
                outbox.send();
                self.feed.lock().unwrap_or_else(|e| e.into_inner())
            }
        };
        if feed.ready.is_empty() {
            outbox.send();
            let batch = feed.batches.as_ref()?.recv().ok()?;
            feed.ready.extend(batch);
        }
        let n = n.min(feed.ready.len());
        into.extend(feed.ready.drain(..n));
        Some(())
    }

    /// Waits until item `seq` may start; false when the run stopped.
    /// Before it waits, the worker hands over its results.
    fn wait_turn<U>(&self, seq: u64, outbox: &mut Outbox<U>) -> bool {
        let mut state = self.lock();
        loop {
            if self.stop.load(Ordering::SeqCst) {
                return false;
            }
            let ahead = seq - state.consumed;
            if ahead == 0
                || (ahead < self.window.items as u64
                    && state.weight < self.window.weight)
            {
                return true;
            }
            if !outbox.results.is_empty() {
                drop(state);
                outbox.send();
                state = self.lock();
                continue;
            }
            state.waiting += 1;
            state = self.turn.wait(state).unwrap_or_else(|e| e.into_inner());
            state.waiting -= 1;
        }
    }

    /// Consumes results in order until every worker is done.
    fn consume<U, E>(
        &self,
        done: &Receiver<Vec<(u64, U, u64)>>,
        consume: &mut impl FnMut(U) -> Result<(), E>,
        idle: &mut impl FnMut() -> Result<(), E>,
    ) -> Result<(), E> {
        let mut pending: VecDeque<Option<(U, u64)>> = VecDeque::new();
        let mut next = 0u64;
        let results = std::iter::from_fn(|| match done.recv_timeout(IDLE) {
            Ok(batch) => Some(Ok(batch)),
            Err(RecvTimeoutError::Timeout) => Some(Err(())),
            Err(RecvTimeoutError::Disconnected) => None,
        });
        for batch in results {
            let Ok(batch) = batch else {
                idle()?;
                continue;
            };
            for (seq, result, weight) in batch {
                let slot = (seq - next) as usize;
                if pending.len() <= slot {
                    pending.resize_with(slot + 1, || None);
                }
                pending[slot] = Some((result, weight));
                while let Some(Some((result, weight))) =
                    pending.front_mut().map(Option::take)
                {
                    pending.pop_front();
                    consume(result)?;
                    next += 1;
                    let mut state = self.lock();
                    state.consumed = next;
                    state.weight -= weight;
                    let waiting = state.waiting > 0;
                    drop(state);
                    if waiting {
                        self.turn.notify_all();
                    }
                }
            }
        }
        Ok(())
    }

    /// Stops the run: workers end, and the stream thread with them.
    fn halt(&self) {
        self.stop.store(true, Ordering::SeqCst);
        let mut feed = self.feed.lock().unwrap_or_else(|e| e.into_inner());
        feed.batches.take();
        feed.ready.clear();
        drop(feed);
        let _guard = self.lock();
        self.turn.notify_all();
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_for_any_thread_count() {
        for threads in [1, 2, 7] {
            let mut out = Vec::new();
            let window = Window {
                items: 3,
                weight: 10,
            };
            let work = |i: u64| {
                // Later items finish first.
                std::thread::sleep(std::time::Duration::from_micros(
                    (50 - i % 50) * 20,
                ));
                (i * 2, i % 7)
            };
            let items = (0..200u64).map(Next::Item);
            let consume = |r| {
                out.push(r);
                Ok::<(), ()>(())
            };
            let prepare = |i| (i, 0);
            map_ordered(items, threads, window, prepare, work, consume, || {
                Ok(())
            })
            .unwrap();
            assert_eq!(out, (0..200).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    /// The order in which one worker prepares and works on 20 items, when
    /// preparing item `big` makes the worker hold the whole budget.
    fn steps(big: Option<u64>) -> Vec<String> {
        let log = Mutex::new(Vec::new());
        let prepare = |i: u64| {
            log.lock().unwrap().push(format!("p{i}"));
            let held = if Some(i) == big { READ_AHEAD_BYTES } else { 1 };
            (i, held)
        };
        let work = |i: u64| {
            log.lock().unwrap().push(format!("w{i}"));
            (i, 0)
        };
        let window = Window {
            items: 64,
            weight: u64::MAX,
        };
        let items = (0..20u64).map(Next::Item);
        map_ordered(
            items,
            1,
            window,
            prepare,
            work,
            |_| Ok::<(), ()>(()),
            || Ok(()),
        )
        .unwrap();
        log.into_inner().unwrap()
    }

    fn names(prefix: &str, items: std::ops::Range<u64>) -> Vec<String> {
        items.map(|i| format!("{prefix}{i}")).collect()
    }

    #[test]
    fn waiting_items_are_prepared_together_before_their_work() {
        let n = READ_AHEAD as u64;
        let want = [
            names("p", 0..n),
            names("w", 0..n),
            names("p", n..20),
            names("w", n..20),
        ]
        .concat();
        assert_eq!(steps(None), want);
    }

    #[test]
    fn items_past_the_byte_budget_are_prepared_in_their_turn() {
        let mut want = vec!["p0", "p1", "w0", "w1"];
        let n = READ_AHEAD as u64;
        let turn: Vec<String> = (2..n)
            .flat_map(|i| [format!("p{i}"), format!("w{i}")])
            .collect();
        want.extend(turn.iter().map(String::as_str));
        let rest = [names("p", n..20), names("w", n..20)].concat();
        want.extend(rest.iter().map(String::as_str));
        assert_eq!(steps(Some(1)), want);
    }

    #[test]
    fn an_error_of_the_consumer_stops_the_run() {
        let mut seen = 0;
        let window = Window {
            items: 4,
            weight: u64::MAX,
        };
        let result = map_ordered(
            (0..1_000_000u64).map(Next::Item),
            2,
            window,
            |i| (i, 0),
            |i| (i, 1),
            |i| {
                seen += 1;
                if i == 10 {
                    Err(i)
                } else {
                    Ok(())
                }
            },
            || Ok(()),
        );
        assert_eq!(result, Err(10));
        assert_eq!(seen, 11);
    }

    /// A stream that pauses (a pipe whose writer waits for our output)
    /// gets the results of what it brought, and the idle call, before it
    /// brings more: nothing waits for a full batch.
    #[test]
    fn a_pause_hands_over_what_came_before_it() {
        let (seen_tx, seen_rx) = std::sync::mpsc::channel::<()>();
        let mut step = 0;
        let items = std::iter::from_fn(move || {
            step += 1;
            match step {
                1..=3 => Some(Next::Item(step)),
                4 => Some(Next::Pause),
                5 => {
                    let wait = std::time::Duration::from_secs(20);
                    let answered = seen_rx.recv_timeout(wait).is_ok();
                    Some(Next::Item(if answered { 4 } else { 0 }))
                }
                _ => None,
            }
        });
        let out = std::cell::RefCell::new(Vec::new());
        let mut idled = false;
        let result: Result<(), ()> = map_ordered(
            items,
            2,
            Window {
                items: 64,
                weight: u64::MAX,
            },
            |i| (i, 0),
            |i| (i, 1),
            |i| {
                out.borrow_mut().push(i);
                Ok(())
            },
            || {
                if out.borrow().len() == 3 && !idled {
                    idled = true;
                    let _ = seen_tx.send(());
                }
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
        assert_eq!(out.into_inner(), [1, 2, 3, 4]);
    }
}
