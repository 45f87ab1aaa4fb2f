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
            .clamp(2, 16);
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

    /// A free cache, the warmest first; waits for one only when all are busy.
    fn cache(&self) -> Option<MutexGuard<'_, Cache>> {
        self.caches
            .iter()
            .find_map(|c| c.try_lock().ok())
            .or_else(|| self.caches.first()?.lock().ok())
    }

    /// Calls `f(pos, captures)` for the leftmost match in `text[..to]` that
    /// starts at or after `pos`, first with `pos = from`, then from wherever
    /// `f` says the next search starts, until no match is left or that is past `to`.
    pub fn for_each(
        &self,
        text: &str,
        from: usize,
        to: usize,
        mut f: impl FnMut(usize, &Captures) -> usize,
    ) {
        let Some(mut cache) = self.cache() else {
            return;
        };
        let hay = &text[..to];
        let mut caps = self.re.create_captures();
        let mut pos = from;
        while pos <= hay.len() {
            let input = Input::new(hay).range(pos..);
            self.re.search_captures_with(&mut cache, &input, &mut caps);
            if !caps.is_match() {
                break;
            }
            pos = f(pos, &caps);
        }
    }
}
