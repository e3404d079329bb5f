//! A count of elementary steps, so that tests can check that the work on a
//! document grows linearly with it without timing anything.
//!
//! The token views that every matching and figure rule goes through
//! (`gazetteer::text::Doc`, `figures::doc::Doc`) add one step per question
//! asked about a token or a gap, and a search of the text adds its length.
//! A rule that walks back over every earlier token at each token, or
//! searches the whole text per candidate, shows as work that grows with
//! the square of the document. The count is per thread and costs one
//! addition to a thread-local integer, in builds with debug assertions
//! only (the test profile): the steps sit on the hottest paths of the
//! name stage, and an optimised build would pay for them on every token
//! while nothing reads them.

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Adds `n` steps to the current thread's count (see [`counting`]).
#[inline]
pub(crate) fn add(n: usize) {
    if counting() {
        STEPS.with(|s| s.set(s.get().wrapping_add(n as u64)));
    }
}

/// True when this build counts steps: builds with debug assertions do,
/// optimised ones count nothing and [`count`] reports 0.
pub const fn counting() -> bool {
    cfg!(debug_assertions)
}

/// Runs `f` and returns its result with the steps it took on this thread.
pub fn count<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = STEPS.with(Cell::get);
    let out = f();
    (out, STEPS.with(Cell::get).wrapping_sub(before))
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_what_a_closure_adds() {
        let ((), steps) = super::count(|| {
            super::add(3);
            super::add(4);
        });
        assert_eq!(steps, if super::counting() { 7 } else { 0 });
    }
}
