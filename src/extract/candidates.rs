//! Overlap resolution between rule matches of one kind.
//!
//! Policy: higher `priority` first, then the longer span, then the earlier
//! start, then the rule that comes first in the rule files. A match is kept
//! when it overlaps no match already kept; a dropped match remembers the one
//! that beat it, for `--explain`.

use crate::rules::{Match, RuleSet};

/// A match that lost to another.
#[derive(Debug, Clone)]
pub struct Dropped {
    pub loser: Match,
    pub winner: Match,
}

/// Keeps the best non-overlapping matches, in text order.
pub fn resolve(rules: &RuleSet, mut matches: Vec<Match>) -> (Vec<Match>, Vec<Dropped>) {
    matches.sort_by(|a, b| {
        let pa = rules.rules[a.rule].priority;
        let pb = rules.rules[b.rule].priority;
        pb.cmp(&pa)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
            .then(a.rule.cmp(&b.rule))
    });
    let mut kept: Vec<Match> = Vec::new();
    let mut dropped = Vec::new();
    for m in matches {
        match kept.iter().find(|k| k.start < m.end && m.start < k.end) {
            Some(w) => dropped.push(Dropped { winner: w.clone(), loser: m }),
            None => kept.push(m),
        }
    }
    kept.sort_by_key(|m| (m.start, m.end));
    (kept, dropped)
}
