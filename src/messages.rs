//! Error messages for commands that go on after a failure: a failing input is
//! reported once on stderr and the loop continues, while a counter remembers
//! that something failed so the exit code can say so.

use std::sync::atomic::{AtomicUsize, Ordering};

static ERRORS: AtomicUsize = AtomicUsize::new(0);

/// Reports a failing input (`path: reason`) and counts it.
pub fn input_error(path: &str, reason: &str) {
    ERRORS.fetch_add(1, Ordering::Relaxed);
    eprintln!("policyx: {path}: {reason}");
}

/// Reports a note that is not an error (a skipped file).
pub fn note(path: &str, what: &str) {
    eprintln!("policyx: {path}: {what}");
}

/// How many inputs failed so far.
pub fn errors() -> usize {
    ERRORS.load(Ordering::Relaxed)
}
