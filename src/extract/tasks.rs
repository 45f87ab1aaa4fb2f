//! Tasks: directive sentences attributed to a speaker.
//!
//! A `cue` match (`徐家新要求，`, `他强调，`, `会议指出，`) opens a passage.
//! Its `speaker` group (or, without one, the clause before the cue verb) is resolved to a name:
//! an official named in it, `会议` for a meeting subject, the nearest official
//! before it for a pronoun; a crowd (`大家`, `他们`) closes the passage and an
//! unresolvable clause is ignored. After an order cue (`cue_order`: 要求,
//! 部署) every sentence of the passage is a task; after any other cue only
//! sentences with a directive modal (`modal`, minus the words of `non_modal`)
//! are. A passage runs to the end of its paragraph and on into following
//! paragraphs that hold a directive, until a new cue or a paragraph without one. A clause ending
//! in `；` is judged on its own, as a sentence is.

use super::officials::NameIndex;
use super::Ctx;
use crate::document::{Official, Task};
use crate::rules::Match;
use crate::segment::Sentence;
use regex::Regex;
use std::collections::HashMap;

/// Who a cue's clause names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Speaker {
    Named(String),
    /// A crowd or a plural: ends the passage, gives no tasks.
    Blocked,
    /// Nothing resolvable: the cue is ignored.
    Unknown,
}

#[derive(Debug, Clone)]
struct Passage {
    speaker: String,
    cue: String,
    order: bool,
    rule: usize,
    one_sentence: bool,
}

#[derive(Debug, Clone)]
struct Cue {
    at: usize,
    text_start: usize,
    speaker: Speaker,
    cue: String,
    rule: usize,
    /// The verb is followed directly by whom it orders (要求美方采取措施): the
    /// passage is this one sentence.
    one_sentence: bool,
}

/// Finds whether `s` holds a directive modal.
pub struct ModalFinder {
    re: Regex,
}

impl ModalFinder {
    pub fn new(modal: &str, non_modal: &str) -> Result<ModalFinder, regex::Error> {
        Ok(ModalFinder {
            re: Regex::new(&format!("(?P<no>{non_modal})|(?P<yes>{modal})"))?,
        })
    }

    /// True when `s` holds a directive modal.
    pub fn has_modal(&self, s: &str) -> bool {
        self.first(s).is_some()
    }

    /// The byte range of the first directive modal in `s`. A modal right
    /// before punctuation is a noun (满足人民需要，), and one between 是 and
    /// 的 in its clause describes (是…必须牢记的…).
    pub fn first(&self, s: &str) -> Option<(usize, usize)> {
        self.re.captures_iter(s).find_map(|c| {
            let m = c.name("yes")?;
            let after = &s[m.end()..];
            if after
                .chars()
                .next()
                .is_none_or(|ch| "，。、；：！？,.;:!?”".contains(ch))
            {
                return None;
            }
            let clause_start = s[..m.start()]
                .rfind(['，', '；', '：', '。'])
                .map_or(0, |k| k + 3);
            let clause_end = after
                .find(['，', '；', '：', '。'])
                .map_or(s.len(), |k| m.end() + k);
            let descriptive =
                s[clause_start..m.start()].contains('是') && s[m.end()..clause_end].contains('的');
            (!descriptive).then_some((m.start(), m.end()))
        })
    }
}

/// What speaker resolution knows about a document's officials, indexed once.
struct Speakers<'a> {
    officials: &'a [Official],
    index: NameIndex,
    /// (byte position, index of the official) of every name in the text, in order.
    positions: Vec<(usize, usize)>,
    /// Title → the officials holding it.
    holders: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Speakers<'a> {
    fn new(officials: &'a [Official], index: NameIndex) -> Speakers<'a> {
        let positions = index.hits.iter().map(|&(a, _, i)| (a, i)).collect();
        let mut holders: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, o) in officials.iter().enumerate() {
            for t in &o.titles {
                holders.entry(t.as_str()).or_default().push(i);
            }
        }
        Speakers {
            officials,
            index,
            positions,
            holders,
        }
    }

    /// The official named last before byte `at`, and where.
    fn last_before(&self, at: usize) -> Option<(usize, &Official)> {
        let k = self.positions.partition_point(|(p, _)| *p < at);
        k.checked_sub(1).map(|k| {
            let (p, i) = self.positions[k];
            (p, &self.officials[i])
        })
    }
}

fn resolve(ctx: &Ctx, clause: &str, at: usize, sp: &Speakers, last: Last) -> Speaker {
    let c = clause.trim();
    let lex = |n: &str| ctx.rules.lexicon(n);
    // A crowd, or any plural (农民们说), says nothing that is a task.
    if lex("crowd").regex().is_match(c) || c.ends_with('们') {
        return Speaker::Blocked;
    }
    // A document as subject (《意见》要求): its short name.
    if let Some(name) = c
        .strip_prefix('《')
        .and_then(|r| r.strip_suffix('》'))
        .filter(|n| !n.is_empty() && !n.contains(['《', '》']) && n.chars().count() <= 30)
    {
        return Speaker::Named(ctx.keep(name));
    }
    // An official who is the clause's subject: the name opens it, after nothing but a title
    // (中共中央总书记习近平在主持学习时强调), not 按照习近平总书记部署; a leading clause
    // (2012年11月26日，习近平总书记…) is set aside.
    if let Some((k, i)) = sp.index.find_first(c) {
        let n = &sp.officials[i];
        let before = &c[..k];
        let before = before
            .rfind('，')
            .map_or(before, |j| &before[j + '，'.len_utf8()..]);
        let titled = before.is_empty()
            || n.titles.iter().any(|t| before.ends_with(t.as_str()))
            || lex("title_head").suffix_of(before).is_some();
        return if titled {
            Speaker::Named(n.name.clone())
        } else {
            Speaker::Unknown
        };
    }
    // A pronoun stands for whoever came last: the last official who spoke (at
    // the cue), or one named after that (王沪宁出席并讲话。他表示); a person named
    // before the last speaker's cue is not meant (拜登发表讲话。习主席强调…。他指出).
    if lex("pronoun").prefix_of(c).is_some() {
        return match (last, sp.last_before(at)) {
            (Some((p, _)), Some((q, o))) if q > p => Speaker::Named(o.name.clone()),
            (Some((_, n)), _) => Speaker::Named(n.to_string()),
            (None, Some((_, o))) => Speaker::Named(o.name.clone()),
            (None, None) => Speaker::Unknown,
        };
    }
    // A meeting as subject: a short clause ending with one, not a list of meetings (…等系列重要会议部署).
    let listy = c.contains(['、', '等']);
    if !listy && c.chars().count() <= 16 && lex("meeting_subject").suffix_of(c).is_some() {
        return meeting_speaker(ctx, c);
    }
    // A title alone (总书记指出): the one official who holds it.
    if let Some([i]) = sp.holders.get(c).map(Vec::as_slice) {
        return Speaker::Named(sp.officials[*i].name.clone());
    }
    // A bare name (王伟指出) or a name with a setting (王伟在会上强调).
    let head = c.split('在').next().unwrap_or(c);
    let n = head.chars().count();
    // Not 文章 (a word) nor 毛主席 (a title form).
    if (2..=3).contains(&n)
        && lex("surname").prefix_of(head).is_some()
        && head.chars().all(super::officials::is_han)
        && !lex("not_name").contains(head)
        && lex("title_after").suffix_of(head).is_none()
    {
        return Speaker::Named(ctx.keep(head));
    }
    Speaker::Unknown
}

/// The speaker `会议`, for a clause whose subject is a meeting; as the text
/// writes it where the clause holds the word (`會議` in traditional text).
fn meeting_speaker(ctx: &Ctx, clause: &str) -> Speaker {
    const MEETING: &str = "会议";
    Speaker::Named(match clause.rfind(MEETING) {
        Some(k) => ctx.keep(&clause[k..k + MEETING.len()]),
        None => MEETING.to_string(),
    })
}

/// Characters that end the clause a cue's speaker stands in.
const CLAUSE_STOPS: &str = "，。；：！？“”‘’\n,;:!?";

/// The subject of a whole sentence: a meeting that opens it, else as [`resolve`].
fn resolve_subject(ctx: &Ctx, s: &str, at: usize, sp: &Speakers, last: Last) -> Speaker {
    if ctx
        .rules
        .lexicon("meeting_subject")
        .prefix_of(s.trim())
        .is_some()
    {
        return meeting_speaker(ctx, s);
    }
    match resolve(ctx, s, at, sp, last) {
        // A sentence is no bare name: only a titled official or a pronoun counts.
        Speaker::Named(n)
            if sp
                .index
                .find_first(&n)
                .is_some_and(|(k, i)| k == 0 && sp.officials[i].name == n) =>
        {
            Speaker::Named(n)
        }
        Speaker::Named(n) if ctx.rules.lexicon("pronoun").prefix_of(s.trim()).is_some() => {
            Speaker::Named(n)
        }
        Speaker::Blocked => Speaker::Blocked,
        _ => Speaker::Unknown,
    }
}

/// The tasks of a news document, and how many cues named who spoke (a
/// document that reports others' words is no document in its own voice).
pub struct Reported {
    pub tasks: Vec<Task>,
    pub speakers: usize,
}

/// The last official who spoke: where the cue stands, and the name.
type Last<'a> = Option<(usize, &'a str)>;

/// Builds the tasks of a document.
pub fn assemble(
    ctx: &Ctx,
    cue_matches: &[Match],
    officials: &[Official],
    names: NameIndex,
    outline: &super::outline::Outline,
) -> Reported {
    let modal = ctx.modal;
    let text = ctx.text;
    let sp = Speakers::new(officials, names);
    let mut cues: Vec<Cue> = Vec::new();
    // The last official who spoke, for pronouns (他指出 after 习主席强调).
    let mut last: Option<(usize, String)> = None;
    for m in cue_matches {
        let Some((a, b)) = m.group("cue") else {
            continue;
        };
        let clause = match m.group("speaker") {
            Some((x, y)) => &text[x..y],
            None => &text[super::clause_before(text, a, 40, CLAUSE_STOPS)..a],
        };
        let speaker = if clause.trim().is_empty() {
            // "…陈文清在会上讲话，表示要…": the cue continues a sentence whose subject opens it.
            let s0 = super::clause_before(text, a, 200, "。！？；\n");
            let l = last.as_ref().map(|(p, n)| (*p, n.as_str()));
            resolve_subject(ctx, &text[s0..a], m.start, &sp, l)
        } else {
            let l = last.as_ref().map(|(p, n)| (*p, n.as_str()));
            resolve(ctx, clause, m.start, &sp, l)
        };
        if speaker == Speaker::Unknown {
            continue;
        }
        if let Speaker::Named(n) = &speaker {
            if officials.iter().any(|o| &o.name == n) {
                last = Some((m.start, n.clone()));
            }
        }
        // The text starts where the match ends: after the separator (，or ：), or at the modal
        // that follows the verb directly (强调要…).
        let text_start = m.end;
        let one_sentence =
            text_start == b && ctx.rules.lexicon("modal").prefix_of(&text[b..]).is_none();
        cues.push(Cue {
            at: m.start,
            text_start,
            speaker,
            cue: ctx.keep(&text[a..b]),
            rule: m.rule,
            one_sentence,
        });
    }
    let order = ctx.rules.lexicon("cue_order");
    let directive = |p: &Passage, s: &str| p.order || modal.has_modal(s);

    // (passage, start, end) of every clause said within a passage
    let mut clauses: Vec<(Passage, usize, usize)> = Vec::new();
    let mut cur: Option<Passage> = None;
    let mut ci = 0;
    for para in ctx.paras {
        let first_cue_in_para = cues.get(ci).is_some_and(|c| c.at < para.end);
        if !first_cue_in_para && cur.is_some() {
            // A paragraph without a cue continues the passage only if it holds a directive.
            let directive_para = para
                .sentences
                .iter()
                .any(|s| modal.has_modal(&text[s.start..s.end]));
            if !directive_para {
                cur = None;
            }
        }
        for s in &para.sentences {
            let Sentence { start, end, .. } = *s;
            let mut from = start;
            // A named speaker's cue opened in this sentence.
            let mut named_here = false;
            let mut quoted_crowd = false;
            while ci < cues.len() && cues[ci].at < end {
                let c = &cues[ci];
                if c.at >= start {
                    // 习近平指出，你们在信中表示，…: words of a crowd quoted by the speaker in the same
                    // sentence are no task, but the speaker's passage goes on after them.
                    if c.speaker == Speaker::Blocked && named_here {
                        quoted_crowd = true;
                        ci += 1;
                        continue;
                    }
                    named_here = matches!(c.speaker, Speaker::Named(_));
                    cur = match &c.speaker {
                        Speaker::Named(n) => Some(Passage {
                            speaker: n.clone(),
                            cue: c.cue.clone(),
                            order: order.contains(&c.cue),
                            rule: c.rule,
                            one_sentence: c.one_sentence,
                        }),
                        _ => None,
                    };
                    from = c.text_start.min(end);
                }
                ci += 1;
            }
            if let Some(p) = cur.as_ref().filter(|_| !quoted_crowd) {
                let body = text[from..end].trim();
                if body
                    .chars()
                    .filter(|c| super::officials::is_han(*c))
                    .count()
                    >= 4
                {
                    let lead = text[from..end].len() - text[from..end].trim_start().len();
                    clauses.push((p.clone(), from + lead, end));
                }
                if p.one_sentence {
                    cur = None;
                }
            }
        }
    }

    let speakers = cues
        .iter()
        .filter(|c| matches!(c.speaker, Speaker::Named(_)))
        .count();
    let mut tasks = Vec::new();
    for (p, a, b) in clauses {
        let s = &text[a..b];
        if directive(&p, s) {
            tasks.push(Task {
                speaker: Some(p.speaker.clone()),
                cue: Some(p.cue.clone()),
                text: ctx.original(s),
                span: ctx.map.span(a, b),
                section: outline.section_at(a),
                actions: super::actions::find(ctx, a, b),
                rule: ctx.rules.rules[p.rule].id.clone(),
            });
        }
    }
    Reported { tasks, speakers }
}
