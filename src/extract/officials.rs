//! Officials: names with titles, from `official` and `role` rule matches.
//!
//! An `official` match has a `titles` group (a title chain before the name,
//! split at `、`, `兼` and spaces) or a `head` group (the title's last word,
//! from which the chain is read backwards), a `name` or a `names` group (a `、`-list:
//! the titles apply to each name) and/or a `title_after` group
//! (`习近平总书记`). The chain is trimmed at its front: it starts after the last
//! word of the `title_stop` lexicon (由, 会见 …, unless inside a
//! `title_protected` phrase such as 中央和国家机关), and every segment must end
//! with a `title_head`. Mentions of one name are merged; later untitled
//! mentions of the same name are recorded in `mentions`. A `role` match
//! belongs to the official whose name stands right before it.

use super::Ctx;
use crate::document::Official;
use crate::rules::Match;
use std::collections::HashSet;

/// A titled mention found by one rule match.
#[derive(Debug, Clone)]
pub struct Mention {
    pub name: String,
    pub titles: Vec<String>,
    /// Cleaned-text byte range of the name.
    pub at: (usize, usize),
    pub rule: usize,
}

/// The longest title a segment may be (characters).
const MAX_TITLE_CHARS: usize = 24;

/// Splits and trims a title chain; returns the valid titles in order.
pub fn title_chain(ctx: &Ctx, raw: &str) -> Vec<String> {
    let heads = ctx.rules.lexicon("title_head");
    let mut segs: Vec<&str> = raw
        .split(['、', ' ', '\u{3000}'])
        .flat_map(|s| s.split('兼'))
        .collect();
    segs.retain(|s| !s.is_empty());
    let mut out: Vec<String> = Vec::new();
    for seg in segs.iter().rev() {
        let t = trim_front(ctx, seg);
        if t.is_empty() || heads.suffix_of(t).is_none() || t.chars().count() > MAX_TITLE_CHARS {
            break;
        }
        out.push(ctx.keep(t));
        if t.len() < seg.len() {
            // Cut at a stop word: nothing before it belongs to the chain.
            break;
        }
    }
    out.reverse();
    out
}

/// Where the title chain ending in the head at `head_start` begins: each
/// segment runs back over Han characters (at most [`MAX_TITLE_CHARS`]) and
/// segments joined by `、`, `兼` or a space are taken while each ends with a head.
fn chain_start(ctx: &Ctx, head_start: usize) -> usize {
    let text = ctx.text;
    let heads = ctx.rules.lexicon("title_head");
    let mut start = segment_start(text, head_start);
    while let Some(sep) = text[..start].chars().next_back() {
        if !matches!(sep, '、' | '兼' | ' ' | '\u{3000}') {
            break;
        }
        let prev_end = start - sep.len_utf8();
        let prev_start = segment_start(text, prev_end);
        if prev_start == prev_end || heads.suffix_of(&text[prev_start..prev_end]).is_none() {
            break;
        }
        start = prev_start;
    }
    start
}

fn segment_start(text: &str, end: usize) -> usize {
    let mut start = end;
    for (n, (k, c)) in text[..end].char_indices().rev().enumerate() {
        if n >= MAX_TITLE_CHARS || !is_han(c) || c == '兼' {
            break;
        }
        start = k;
    }
    start
}

/// Cuts `seg` after the last stop word that is not part of a protected phrase.
fn trim_front<'a>(ctx: &Ctx, seg: &'a str) -> &'a str {
    let stops = ctx.rules.lexicon("title_stop");
    let protected = ctx.rules.lexicon("title_protected");
    let guarded: Vec<(usize, usize)> = protected
        .regex()
        .find_iter(seg)
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut cut = 0;
    for m in stops.regex().find_iter(seg) {
        if !guarded.iter().any(|&(a, b)| m.start() < b && a < m.end()) {
            cut = m.end();
        }
    }
    &seg[cut..]
}

/// Where a name starting at `a` ends, when no following word decides it
/// (王一民充分肯定…): jieba tags the text from the surname on. Names are words
/// jieba does not know (`x`) or tags as names (`nr`, `nrfg`); it splits some
/// three-character names (徐家/新, 吕/岩峰), so a two-character name followed by
/// a one-character word, or a surname followed by a two-character noun, make
/// one three-character name. Anything else is no name. Jieba is consulted only
/// when neither reading is ruled out by the lexicons first.
fn jieba_name(ctx: &Ctx, a: usize) -> Option<(usize, usize)> {
    let text = ctx.text;
    let end = text[a..]
        .find(|c: char| !is_han(c))
        .map_or(text.len(), |k| a + k);
    let window = &text[a..text.floor_char_boundary((a + 24).min(end))];
    let cut = |n: usize| {
        window
            .char_indices()
            .nth(n)
            .map_or(window.len(), |(k, _)| k)
    };
    if !plausible_name(ctx, &window[..cut(2)]) && !plausible_name(ctx, &window[..cut(3)]) {
        return None;
    }
    let tags = ctx.jieba.tag(window, true);
    let len = |w: &str| w.chars().count();
    let name_tag = |t: &str| matches!(t, "x" | "nr" | "nrfg");
    let function = |t: &str| {
        matches!(
            t.chars().next(),
            Some('v' | 'p' | 'c' | 'u' | 'd' | 'r' | 'm' | 'q')
        )
    };
    let (word, tag) = tags.first()?;
    let next = tags.get(1);
    let n = match (len(word), name_tag(tag)) {
        (3, true) => 3,
        (2, true) => match next {
            Some((w, t)) if len(w) == 1 && !function(t) => 3,
            _ => 2,
        },
        (1, true) => match next {
            Some((w, t)) if len(w) == 2 && t.starts_with('n') && !name_tag(t) => 3,
            _ => return None,
        },
        _ => return None,
    };
    // 韩正于…: a name does not end in a preposition.
    let n = if n == 3
        && "于在和与对向同为将把被".contains(window[cut(2)..cut(3)].chars().next().unwrap_or(' '))
    {
        2
    } else {
        n
    };
    Some((a, a + cut(n)))
}

/// Is `name` plausible as a personal name?
fn plausible_name(ctx: &Ctx, name: &str) -> bool {
    let n = name.chars().count();
    let han = name.chars().all(|c| c == '·' || is_han(c));
    han && (2..=16).contains(&n)
        && !ctx.rules.lexicon("not_name").contains(name)
        && ctx
            .rules
            .lexicon("not_name_start")
            .prefix_of(name)
            .is_none()
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

/// Titled mentions from `official` matches.
pub fn mentions(ctx: &Ctx, matches: &[Match], exclude: &HashSet<String>) -> Vec<Mention> {
    let text = ctx.text;
    let mut out = Vec::new();
    for m in matches {
        let mut titles = match (m.group_str(text, "titles"), m.group("head")) {
            (Some(t), _) => title_chain(ctx, t),
            (None, Some((a, b))) => title_chain(ctx, &text[chain_start(ctx, a)..b]),
            (None, None) => Vec::new(),
        };
        if let Some(t) = m.group_str(text, "title_after") {
            titles.push(ctx.keep(t));
        }
        if titles.is_empty() {
            continue;
        }
        let names: Vec<(usize, usize)> = if let Some((a, b)) = m.group("names") {
            let mut v = Vec::new();
            let mut s = a;
            for (k, c) in text[a..b].char_indices() {
                if c == '、' {
                    v.push((s, a + k));
                    s = a + k + c.len_utf8();
                }
            }
            v.push((s, b));
            v
        } else {
            m.group("name").into_iter().collect()
        };
        let names: Vec<(usize, usize)> = if ctx.rules.rules[m.rule].mode.as_deref() == Some("jieba")
        {
            names
                .into_iter()
                .filter_map(|(a, _)| jieba_name(ctx, a))
                .collect()
        } else {
            names
        };
        let country = ctx.rules.lexicon("country");
        for (a, b) in names {
            let name = &text[a..b];
            // 俄罗斯总统: 罗斯 is the end of a country's name, not a person.
            let in_country = country
                .suffix_of(&text[..b])
                .is_some_and(|c| c.len() >= name.len());
            if plausible_name(ctx, name) && !exclude.contains(name) && !in_country {
                out.push(Mention {
                    name: ctx.keep(name),
                    titles: titles.clone(),
                    at: (a, b),
                    rule: m.rule,
                });
            }
        }
    }
    out
}

/// Merges mentions by name, adds roles and every later mention of each name.
/// Finds the officials' names in text, leftmost and longest first, in one pass.
pub struct NameIndex {
    ac: Option<aho_corasick::AhoCorasick>,
    /// Every occurrence in the document: (byte start, byte end, index of the official).
    pub hits: Vec<(usize, usize, usize)>,
}

impl NameIndex {
    /// Indexes the officials' names and finds them all in `text`.
    pub fn new(officials: &[Official], text: &str) -> NameIndex {
        let names: Vec<String> = officials.iter().map(|o| o.name.clone()).collect();
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            // A handful of names per document: a DFA or a SIMD prefilter costs more
            // to build than it saves on one article.
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(&names)
            .ok()
            .filter(|_| !names.is_empty());
        let hits = ac.as_ref().map_or_else(Vec::new, |ac| {
            ac.find_iter(text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect()
        });
        NameIndex { ac, hits }
    }

    /// The first occurrence in `s`.
    pub fn find_first(&self, s: &str) -> Option<(usize, usize)> {
        self.ac
            .as_ref()?
            .find(s)
            .map(|m| (m.start(), m.pattern().as_usize()))
    }
}

/// Merges mentions by name, adds roles and every later mention of each name.
pub fn assemble(ctx: &Ctx, mentions: &[Mention], roles: &[Match]) -> (Vec<Official>, NameIndex) {
    let text = ctx.text;
    let mut out: Vec<Official> = Vec::new();
    let mut by_name: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for m in mentions {
        match by_name.get(&m.name) {
            Some(&i) => {
                let o = &mut out[i];
                for t in &m.titles {
                    if !o.titles.contains(t) {
                        o.titles.push(t.clone());
                    }
                }
            }
            None => {
                by_name.insert(m.name.clone(), out.len());
                out.push(Official {
                    name: m.name.clone(),
                    titles: m.titles.clone(),
                    roles: Vec::new(),
                    span: ctx.map.span(m.at.0, m.at.1),
                    mentions: Vec::new(),
                    rule: ctx.rules.rules[m.rule].id.clone(),
                });
            }
        }
    }
    let mut lengths: Vec<usize> = out.iter().map(|o| o.name.len()).collect();
    lengths.sort_unstable_by(|a, b| b.cmp(a));
    lengths.dedup();
    for r in roles {
        let Some((ra, rb)) = r.group("role") else {
            continue;
        };
        let role = &text[ra..rb];
        // The role belongs to the official named in its `name` group, or right before it.
        let before = r.group_str(text, "name").unwrap_or(&text[..ra]);
        let owner = lengths.iter().find_map(|&n| {
            let at = before.len().checked_sub(n)?;
            before.get(at..).and_then(|name| by_name.get(name)).copied()
        });
        if let Some(i) = owner {
            let o = &mut out[i];
            if !o.roles.iter().any(|x| x == role) {
                o.roles.push(ctx.keep(role));
            }
        }
    }
    let index = NameIndex::new(&out, text);
    for &(a, b, i) in &index.hits {
        out[i].mentions.push(ctx.map.span(a, b));
    }
    (out, index)
}
