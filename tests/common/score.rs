//! Counts of a mention-matching evaluation: how many predictions matched a
//! gold item, how many gold items and predictions there were. Precision and
//! recall follow [`super::ratio`]: nothing predicted is no wrong
//! prediction, nothing in the gold is nothing to miss.

use super::{f1, ratio};

/// Matched, gold and predicted counts for one type or label.
#[derive(Default, Clone, Copy, Debug)]
pub struct Score {
    pub matched: usize,
    pub gold: usize,
    pub predicted: usize,
}

impl Score {
    pub fn precision(self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    pub fn recall(self) -> f64 {
        ratio(self.matched, self.gold)
    }

    pub fn f1(self) -> f64 {
        f1(self.precision(), self.recall())
    }

    pub fn add(&mut self, o: Score) {
        self.matched += o.matched;
        self.gold += o.gold;
        self.predicted += o.predicted;
    }

    /// The counts of `scores` added up.
    pub fn sum<'a>(scores: impl IntoIterator<Item = &'a Score>) -> Score {
        let mut t = Score::default();
        scores.into_iter().for_each(|s| t.add(*s));
        t
    }
}
