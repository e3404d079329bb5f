//! Documents read ahead on a thread of their own, for standard input.
//!
//! A stream (`cat shard.jsonl | newsx extract --input-format jsonl -`)
//! pauses: the producer upstream is slower than newsx, or waits for its
//! own input. Records already read must not wait for the next ones, so a
//! thread reads the stream into a bounded channel, and the driver asks
//! [`Prefetch::ready`] whether another document is there before it waits
//! for one: it processes what it has instead.

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread;

use super::DocResult;

/// Documents read ahead, in order.
pub struct Prefetch {
    receiver: Receiver<DocResult>,
    /// A document taken from the channel by [`Prefetch::ready`].
    peeked: Option<DocResult>,
    ended: bool,
}

impl Prefetch {
    /// Reads `documents` on a new thread, at most `ahead` of the consumer.
    pub(super) fn spawn(
        documents: impl Iterator<Item = DocResult> + Send + 'static,
        ahead: usize,
    ) -> Prefetch {
        let (sender, receiver) = mpsc::sync_channel(ahead);
        thread::spawn(move || {
            for doc in documents {
                if sender.send(doc).is_err() {
                    break; // the consumer is gone
                }
            }
        });
        Prefetch {
            receiver,
            peeked: None,
            ended: false,
        }
    }

    /// Whether the next document (or the end) is already here.
    pub fn ready(&mut self) -> bool {
        if self.peeked.is_some() || self.ended {
            return true;
        }
        match self.receiver.try_recv() {
            Ok(doc) => {
                self.peeked = Some(doc);
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
        next
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
}
