//! Documents read ahead on a thread of their own, for standard input.
//!
//! A stream (`cat shard.jsonl | newsx extract --input-format jsonl -`)
//! pauses: the producer upstream is slower than newsx, or waits for its
//! own input. Records already read must not wait for the next ones, so a
//! thread reads the stream into a bounded channel, and the driver asks
//! [`Prefetch::ready`] whether another document is there before it waits
//! for one: it processes what it has instead.

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

use super::DocResult;

/// Bytes of documents read ahead at most (besides the one being sent):
/// with the count of documents, this bounds memory whatever their size.
const AHEAD_BYTES: u64 = 32 << 20;

/// Documents read ahead, in order.
pub struct Prefetch {
    receiver: Receiver<DocResult>,
    /// A document taken from the channel by [`Prefetch::ready`].
    peeked: Option<DocResult>,
    ended: bool,
    budget: Arc<Budget>,
}

/// Bytes in the channel, and a signal when they drop.
#[derive(Default)]
struct Budget {
    bytes: Mutex<u64>,
    freed: Condvar,
}

impl Budget {
    /// Waits until `size` more bytes fit (always, in an empty channel).
    fn take(&self, size: u64) {
        let mut bytes = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        while *bytes > 0 && *bytes + size > AHEAD_BYTES {
            bytes = self.freed.wait(bytes).unwrap_or_else(|e| e.into_inner());
        }
        *bytes += size;
    }

    fn give(&self, size: u64) {
        let mut bytes = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        *bytes = bytes.saturating_sub(size);
        self.freed.notify_one();
    }
}

/// The memory a read document holds (its text), 0 for an error.
fn size(doc: &DocResult) -> u64 {
    doc.as_ref().map_or(0, |d| d.text.len() as u64)
}

impl Prefetch {
    /// Reads `documents` on a new thread, at most `ahead` of the consumer.
    pub(super) fn spawn(
        documents: impl Iterator<Item = DocResult> + Send + 'static,
        ahead: usize,
    ) -> Prefetch {
        let (sender, receiver) = mpsc::sync_channel(ahead);
        let budget = Arc::new(Budget::default());
        let held = budget.clone();
        thread::spawn(move || {
            for doc in documents {
                held.take(size(&doc));
                if sender.send(doc).is_err() {
                    break; // the consumer is gone
                }
            }
        });
        Prefetch {
            receiver,
            peeked: None,
            ended: false,
            budget,
        }
    }

    /// A document out of the channel: its bytes leave the budget.
    fn received(&self, doc: DocResult) -> DocResult {
        self.budget.give(size(&doc));
        doc
    }

    /// Whether the next document (or the end) is already here.
    pub fn ready(&mut self) -> bool {
        if self.peeked.is_some() || self.ended {
            return true;
        }
        match self.receiver.try_recv() {
            Ok(doc) => {
                self.peeked = Some(self.received(doc));
                true
            }
            Err(TryRecvError::Empty) => false,
            Err(TryRecvError::Disconnected) => {
                self.ended = true;
                true
            }
        }
    }
}

impl Iterator for Prefetch {
    type Item = DocResult;

    fn next(&mut self) -> Option<DocResult> {
        if let Some(doc) = self.peeked.take() {
            return Some(doc);
        }
        if self.ended {
            return None;
        }
        let next = self.receiver.recv().ok();
        self.ended = next.is_none();
        next.map(|doc| self.received(doc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Document;
    use std::sync::mpsc::sync_channel;

    #[test]
    fn ready_tells_a_pause_from_a_document_and_order_is_kept() {
        let (gate, wait) = sync_channel::<()>(0);
        let docs = (0..3).map(move |i| {
            if i == 2 {
                let _ = wait.recv();
            }
            Ok(Document {
                path: i.to_string(),
                ..Document::default()
            })
        });
        let mut p = Prefetch::spawn(docs, 8);
        let path = |d: Option<DocResult>| d.unwrap().unwrap().path;
        assert_eq!(path(p.next()), "0");
        assert_eq!(path(p.next()), "1");
        // The third waits for the gate: not ready, until it opens.
        assert!(!p.ready());
        gate.send(()).unwrap();
        assert_eq!(path(p.next()), "2");
        assert!(p.next().is_none());
        assert!(p.ready());
    }

    #[test]
    fn large_documents_are_read_ahead_one_budget_at_a_time() {
        let big = "x".repeat((AHEAD_BYTES / 2 + 1) as usize);
        let docs = (0..5).map(move |i| {
            Ok(Document {
                path: i.to_string(),
                text: big.clone(),
                ..Document::default()
            })
        });
        let mut p = Prefetch::spawn(docs, 256);
        std::thread::sleep(std::time::Duration::from_millis(100));
        // One document is in the channel; the next waits for room.
        let held = *p.budget.bytes.lock().unwrap();
        assert!(held <= AHEAD_BYTES, "{held}");
        let paths: Vec<String> = p.by_ref().map(|d| d.unwrap().path).collect();
        assert_eq!(paths, ["0", "1", "2", "3", "4"]);
        assert_eq!(*p.budget.bytes.lock().unwrap(), 0);
    }
}
