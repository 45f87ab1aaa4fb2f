//! A rule's compiled pattern and the search caches its threads share.
//!
//! The `regex` crate keeps one lazy-DFA cache per thread, so with two worker
//! threads every rule's automaton is determinised twice: about 0.1 s of CPU
//! per thread on the bench corpus, most of what kept two jobs from 2×. A
//! [`Pattern`] holds its own caches behind mutexes instead, one per core: a
//! search takes the first free one (the first is the warmest), so automata
//! stay warm for the whole process and another thread only builds the states
//! it meets while the first cache is busy in the same rule.

use regex_automata::meta::{self, BuildError, Cache, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::{Input, PatternID};
use std::sync::{Mutex, MutexGuard};

/// A small number for the current thread, distinct for each thread.
fn thread_number() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local!(static NUMBER: usize = NEXT.fetch_add(1, Ordering::Relaxed));
    NUMBER.with(|n| *n)
}

/// A compiled pattern with shared caches.
#[derive(Debug)]
pub struct Pattern {
    re: Regex,
    caches: Box<[Mutex<Cache>]>,
}

impl Clone for Pattern {
    fn clone(&self) -> Pattern {
        Pattern::with_caches(self.re.clone())
    }
}

impl Pattern {
    /// Compiles `pattern` as the `regex` crate would (Unicode, UTF-8,
    /// leftmost-first) with the given NFA size limit and lazy-DFA cache capacity.
    pub fn new(
        pattern: &str,
        size_limit: usize,
        cache_capacity: usize,
    ) -> Result<Pattern, Box<BuildError>> {
        let config = meta::Config::new()
            .match_kind(regex_automata::MatchKind::LeftmostFirst)
            .utf8_empty(true)
            .nfa_size_limit(Some(size_limit))
            .hybrid_cache_capacity(cache_capacity);
        let re = meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::new().utf8(true))
            .build(pattern)
            .map_err(Box::new)?;
        Ok(Pattern::with_caches(re))
    }

    fn with_caches(re: Regex) -> Pattern {
        let n = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(2, 64);
        let caches = (0..n).map(|_| Mutex::new(re.create_cache())).collect();
        Pattern { re, caches }
    }

    /// The names of the capture groups, by index (`None` for unnamed ones).
    pub fn group_names(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        self.re.group_info().pattern_names(PatternID::ZERO)
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.re.is_match(text)
    }

    /// A free cache, the warmest first; when all are busy (more threads than
    /// cores), waits for the one this thread's number picks.
    fn cache(&self) -> Option<MutexGuard<'_, Cache>> {
        self.caches
            .iter()
            .find_map(|c| c.try_lock().ok())
            .or_else(|| {
                self.caches
                    .get(thread_number() % self.caches.len())?
                    .lock()
                    .ok()
            })
    }

    /// Calls `f(pos, captures)` for the leftmost match in `text[..to]` that
    /// starts at or after `pos`, first with `pos = from`, then from wherever
    /// `f` says the next search starts, until no match is left or that is past `to`.
    pub fn for_each(
        &self,
        text: &str,
        from: usize,
        to: usize,
        f: impl FnMut(usize, &Captures) -> usize,
    ) {
        self.for_each_in(&text[..to], from, [(from, to)], f);
    }

    /// As [`Pattern::for_each`], for matches inside the regions `[a, b)` of
    /// `hay`, in order, with all of `hay` as context (`$` and `\b` see what
    /// follows a region): the matches of regions that hold every match of a
    /// search over `hay[from..]`. A search starts where the last one left off
    /// or at its region's start, whichever is later.
    pub fn for_each_in(
        &self,
        hay: &str,
        from: usize,
        regions: impl IntoIterator<Item = (usize, usize)>,
        mut f: impl FnMut(usize, &Captures) -> usize,
    ) {
        let Some(mut cache) = self.cache() else {
            return;
        };
        let mut caps = self.re.create_captures();
        let mut pos = from;
        for (a, b) in regions {
            pos = pos.max(a);
            while pos <= b {
                let input = Input::new(hay).range(pos..b);
                self.re.search_captures_with(&mut cache, &input, &mut caps);
                if !caps.is_match() {
                    break;
                }
                pos = f(pos, &caps);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(p: &Pattern, text: &str) -> Vec<(usize, usize, Option<usize>)> {
        let mut v = Vec::new();
        p.for_each(text, 0, text.len(), |_, c| {
            let Some(m) = c.get_match() else {
                return usize::MAX;
            };
            v.push((m.start(), m.end(), c.get_group(1).map(|g| g.start)));
            m.end()
        });
        v
    }

    /// More threads than caches: every thread still gets every match.
    #[test]
    fn threads_beyond_the_caches_get_the_same_matches() {
        let p = Pattern::new(r"王(?P<x>\p{Han})", 1 << 20, 1 << 20).expect("compiles");
        let text = "王一 和 王二、王三。".repeat(300);
        let want = spans(&p, &text);
        assert_eq!(want.len(), 900);
        assert_eq!(want[0], (0, 6, Some(3)));
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..3 * p.caches.len())
                .map(|_| s.spawn(|| spans(&p, &text)))
                .collect();
            for h in handles {
                assert_eq!(h.join().expect("thread"), want);
            }
        });
    }

    #[test]
    fn a_window_reads_context_before_it_and_nothing_after() {
        let p = Pattern::new(r"\b王\p{Han}", 1 << 20, 1 << 20).expect("compiles");
        let text = "a王一 王二";
        // From byte 1: the \b before 王 needs the "a" before it, which is context.
        let mut found = Vec::new();
        p.for_each(text, 1, text.len(), |_, c| {
            let m = c.get_match().map_or((0, 0), |m| (m.start(), m.end()));
            found.push(m);
            m.1
        });
        assert_eq!(found, vec![(8, 14)]);
        let mut cut = Vec::new();
        p.for_each(text, 7, 11, |_, c| {
            cut.push(c.get_match().map(|m| m.end()));
            usize::MAX
        });
        assert!(cut.is_empty(), "王二 is not whole inside [7, 11)");
    }
}
