//! Overlap resolution between rule matches of one kind.
//!
//! Matches compete over their *core*: the `names`/`name` group when there is
//! one (a title chain before a name is context that two mentions may share),
//! else the whole match. Policy: higher `priority` first, then the longer span, then the earlier
//! start, then the rule that comes first in the rule files. A match is kept
//! when it overlaps no match already kept; a dropped match remembers the one
//! that beat it, for `--explain`.

use crate::rules::{Match, RuleSet};
use std::collections::BTreeMap;

/// A match that lost to another.
#[derive(Debug, Clone)]
pub struct Dropped {
    pub loser: Match,
    pub winner: Match,
}

/// Keeps the best non-overlapping matches, in text order; with `record`, also
/// returns every dropped match with the one it lost to.
pub fn resolve(
    rules: &RuleSet,
    mut matches: Vec<Match>,
    record: bool,
) -> (Vec<Match>, Vec<Dropped>) {
    let core = |m: &Match| {
        m.group("names")
            .or_else(|| m.group("name"))
            .unwrap_or((m.start, m.end))
    };
    let len = |m: &Match| {
        let (a, b) = core(m);
        b - a
    };
    matches.sort_by(|a, b| {
        let pa = rules.rules[a.rule].priority;
        let pb = rules.rules[b.rule].priority;
        pb.cmp(&pa)
            .then(len(b).cmp(&len(a)))
            .then(a.start.cmp(&b.start))
            .then(a.rule.cmp(&b.rule))
    });
    // Kept cores are disjoint, so ordered by start they are ordered by end too: the only kept
    // core that can overlap [ms, me) is the last one starting before me.
    let mut kept: Vec<Match> = Vec::new();
    let mut index: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    let mut dropped = Vec::new();
    for m in matches {
        let (ms, me) = core(&m);
        let hit = index
            .range(..me.max(ms + 1))
            .next_back()
            .filter(|(&ks, &(ke, _))| ks < me.max(ms + 1) && ms < ke.max(ks + 1))
            .map(|(_, &(_, i))| i);
        match hit {
            Some(i) if record => dropped.push(Dropped {
                winner: kept[i].clone(),
                loser: m,
            }),
            Some(_) => {}
            None => {
                index.insert(ms, (me, kept.len()));
                kept.push(m);
            }
        }
    }
    kept.sort_by_key(|m| (m.start, m.end));
    (kept, dropped)
}
