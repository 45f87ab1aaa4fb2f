//! A rule's pattern, compiled once on first use, and the search caches its
//! threads share.
//!
//! Compiling is most of a short process's start-up (the name rules expand
//! lexicons of a few hundred characters, repeated, into automata of
//! megabytes): a [`Pattern`] made with [`Pattern::lazy`] only checks its
//! syntax and reads its group names, and compiles the first time a search
//! needs it, so a document that never reaches a rule (no anchor word, no
//! appointment) never pays for it. [`Pattern::new`] compiles at once and
//! reports every error, for rules a user wrote.
//!
//! The `regex` crate keeps one lazy-DFA cache per thread, so with two worker
//! threads every rule's automaton is determinised twice: about 0.1 s of CPU
//! per thread on the bench corpus, most of what kept two jobs from 2×. A
//! compiled pattern holds its own caches behind mutexes instead, one per core: a
//! search takes the first free one (the first is the warmest), so automata
//! stay warm for the whole process and another thread only builds the states
//! it meets while the first cache is busy in the same rule.

use regex_automata::meta::{self, Cache, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::Input;
use regex_syntax::ast::{Ast, GroupKind};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// Why a pattern does not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// Not a regular expression: the parser's message.
    Syntax(String),
    /// Compiles to more than the size limit.
    TooBig,
    /// Any other failure of the regex builder.
    Build(String),
}

/// A small number for the current thread, distinct for each thread.
fn thread_number() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local!(static NUMBER: usize = NEXT.fetch_add(1, Ordering::Relaxed));
    NUMBER.with(|n| *n)
}

/// A pattern, its group names, and its automaton once built; clones share
/// the automaton and its caches.
#[derive(Debug, Clone)]
pub struct Pattern {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    source: Box<str>,
    size_limit: usize,
    cache_capacity: usize,
    /// Capture group names by index (`None` for unnamed ones and the whole match).
    names: Vec<Option<Box<str>>>,
    compiled: OnceLock<Option<Compiled>>,
}

/// The automaton and one search cache per core.
#[derive(Debug)]
struct Compiled {
    re: Regex,
    caches: Box<[Mutex<Cache>]>,
}

fn syntax_config() -> syntax::Config {
    syntax::Config::new().utf8(true)
}

/// Builds the automaton as the `regex` crate would (Unicode, UTF-8,
/// leftmost-first) with the given NFA size limit and lazy-DFA cache capacity.
fn build(pattern: &str, size_limit: usize, cache_capacity: usize) -> Result<Regex, PatternError> {
    let config = meta::Config::new()
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(size_limit))
        .hybrid_cache_capacity(cache_capacity);
    meta::Builder::new()
        .configure(config)
        .syntax(syntax_config())
        .build(pattern)
        .map_err(|e| {
            if e.size_limit().is_some() {
                PatternError::TooBig
            } else if let Some(s) = e.syntax_error() {
                PatternError::Syntax(s.to_string())
            } else {
                PatternError::Build(e.to_string())
            }
        })
}

/// The capture groups of `ast` by index, as the compiled regex numbers them
/// (the parser numbers groups by their opening parenthesis).
fn group_names(ast: &Ast) -> Vec<Option<Box<str>>> {
    fn walk(a: &Ast, out: &mut Vec<Option<Box<str>>>) {
        match a {
            Ast::Group(g) => {
                let (index, name) = match &g.kind {
                    GroupKind::CaptureIndex(i) => (Some(*i), None),
                    GroupKind::CaptureName { name, .. } => {
                        (Some(name.index), Some(name.name.as_str().into()))
                    }
                    GroupKind::NonCapturing(_) => (None, None),
                };
                if let Some(i) = index {
                    let i = i as usize;
                    if out.len() <= i {
                        out.resize(i + 1, None);
                    }
                    out[i] = name;
                }
                walk(&g.ast, out);
            }
            Ast::Repetition(r) => walk(&r.ast, out),
            Ast::Concat(c) => c.asts.iter().for_each(|a| walk(a, out)),
            Ast::Alternation(x) => x.asts.iter().for_each(|a| walk(a, out)),
            _ => {}
        }
    }
    let mut out = vec![None];
    walk(ast, &mut out);
    out
}

impl Compiled {
    fn with_caches(re: Regex) -> Compiled {
        let n = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(2, 64);
        let caches = (0..n).map(|_| Mutex::new(re.create_cache())).collect();
        Compiled { re, caches }
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
}

impl Pattern {
    /// Compiles `pattern` now, reporting any error.
    pub fn new(
        pattern: &str,
        size_limit: usize,
        cache_capacity: usize,
    ) -> Result<Pattern, PatternError> {
        let p = Pattern::lazy(pattern, size_limit, cache_capacity)?;
        let re = build(pattern, size_limit, cache_capacity)?;
        let _ = p.inner.compiled.set(Some(Compiled::with_caches(re)));
        Ok(p)
    }

    /// Checks `pattern`'s syntax and reads its groups; compiles on first use.
    /// A pattern that then fails to compile (too big) matches nothing, so
    /// use this only for patterns known to compile (the built-in rules, which
    /// a test compiles).
    pub fn lazy(
        pattern: &str,
        size_limit: usize,
        cache_capacity: usize,
    ) -> Result<Pattern, PatternError> {
        // The syntax tree only: translating it (Unicode classes) is left to
        // the compiler, which a test runs on every built-in rule.
        let ast = regex_syntax::ast::parse::Parser::new()
            .parse(pattern)
            .map_err(|e| PatternError::Syntax(e.to_string()))?;
        Ok(Pattern {
            inner: Arc::new(Inner {
                source: pattern.into(),
                size_limit,
                cache_capacity,
                names: group_names(&ast),
                compiled: OnceLock::new(),
            }),
        })
    }

    /// Compiles now if not yet done; the error if it does not compile.
    pub fn compile(&self) -> Result<(), PatternError> {
        if self.compiled().is_some() {
            return Ok(());
        }
        let i = &self.inner;
        build(&i.source, i.size_limit, i.cache_capacity).map(|_| ())
    }

    /// Compiles `patterns` one after another on a thread of their own, so
    /// that a search finds them built; a search that needs one first
    /// compiles it itself (or waits while this thread finishes it).
    pub fn warm_up(patterns: Vec<Pattern>) {
        let spawned = std::thread::Builder::new()
            .name("compile rules".into())
            .spawn(move || {
                for p in patterns {
                    p.compiled();
                }
            });
        // No thread: every pattern is still compiled on first use.
        drop(spawned);
    }

    fn compiled(&self) -> Option<&Compiled> {
        let i = &self.inner;
        i.compiled
            .get_or_init(|| {
                build(&i.source, i.size_limit, i.cache_capacity)
                    .ok()
                    .map(Compiled::with_caches)
            })
            .as_ref()
    }

    /// The names of the capture groups, by index (`None` for unnamed ones).
    pub fn group_names(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        self.inner.names.iter().map(|n| n.as_deref())
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.compiled().is_some_and(|c| c.re.is_match(text))
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
        let mut regions = regions.into_iter().peekable();
        if regions.peek().is_none() {
            return;
        }
        let Some(c) = self.compiled() else {
            return;
        };
        let Some(mut cache) = c.cache() else {
            return;
        };
        let mut caps = c.re.create_captures();
        let mut pos = from;
        for (a, b) in regions {
            pos = pos.max(a);
            while pos <= b {
                let input = Input::new(hay).range(pos..b);
                c.re.search_captures_with(&mut cache, &input, &mut caps);
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

    #[test]
    fn a_lazy_pattern_reads_its_groups_and_compiles_on_first_search() {
        let p = Pattern::lazy(r"(?P<a>甲)(乙(?P<b>丙))?", 1 << 20, 1 << 20).expect("parses");
        assert!(p.inner.compiled.get().is_none());
        p.for_each_in("甲乙丙", 0, [], |_, _| usize::MAX);
        assert!(
            p.inner.compiled.get().is_none(),
            "no region to search: nothing compiled"
        );
        let names: Vec<Option<&str>> = p.group_names().collect();
        assert_eq!(names, vec![None, Some("a"), None, Some("b")]);
        let q = Pattern::new(r"(?P<a>甲)(乙(?P<b>丙))?", 1 << 20, 1 << 20).expect("compiles");
        assert!(q.group_names().eq(p.group_names()));
        assert_eq!(spans(&p, "甲乙丙"), vec![(0, 9, Some(0))]);
        assert!(p.inner.compiled.get().is_some());
        assert!(matches!(
            Pattern::lazy("(甲", 1 << 20, 1 << 20),
            Err(PatternError::Syntax(_))
        ));
        assert_eq!(
            Pattern::lazy(r"\p{Han}{100}{100}", 1 << 10, 1 << 20).map(|p| p.compile()),
            Ok(Err(PatternError::TooBig))
        );
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
            let handles: Vec<_> = (0..3 * p.compiled().map_or(2, |c| c.caches.len()))
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
