//! A task's text → its actions: the verb–object pairs it sets, in order.
//!
//! The task is cut into clauses at `，` `；` `：` and sentence ends. In each,
//! an outline number, a subject up to its modal (`全省法院要…`) and manner
//! words (`action_adverb`: 深入, 持续, 进一步 …) are passed over; then the
//! clause's opening words are looked up in jieba's dictionary (longest match,
//! with the dictionary's tags) and the first word tagged as a verb is the verb. A verb of
//! `aux_verb` (加快, 加紧 …) followed by another verb makes one verb with it
//! (`加快建设`); verbs joined by `和` `与` `及` `、` share the object that
//! follows (`稳定和扩大就业`). The object is the rest of the clause. A clause
//! that opens with no verb sets no action.

use super::Ctx;
use crate::document::{Action, Item};

/// Characters that end a clause.
const CLAUSE_ENDS: &[char] = &['，', '；', '：', '。', '！', '？', ',', ';', ':', '!', '?'];

/// A modal further into a clause than this is no subject's (the subject is short).
const MAX_SUBJECT_CHARS: usize = 12;

/// At most this many words open a clause before its verbs end (the verb comes early).
const MAX_WORDS: usize = 8;

/// The actions of the task at bytes `[a, b)` of the text.
pub fn find(ctx: &Ctx, a: usize, b: usize) -> Vec<Action> {
    let mut out = Vec::new();
    let mut start = a;
    for (k, c) in ctx.text[a..b].char_indices() {
        if CLAUSE_ENDS.contains(&c) {
            clause(ctx, start, a + k, &mut out);
            start = a + k + c.len_utf8();
        }
    }
    if start < b {
        clause(ctx, start, b, &mut out);
    }
    out
}

fn text_chars(s: &str) -> usize {
    s.chars().count()
}

fn is_verb(tag: &str) -> bool {
    tag.starts_with('v')
}

fn item(ctx: &Ctx, a: usize, b: usize) -> Item {
    Item {
        text: ctx.slice(a, b),
        span: ctx.map.span(a, b),
    }
}

/// Where the clause's predicate starts: after an outline number, and after a
/// subject that ends in a modal.
fn predicate_start(ctx: &Ctx, a: usize, b: usize) -> usize {
    let s = &ctx.text[a..b];
    let lead = s.len() - super::own_voice::body(s).len();
    let rest = &s[lead..];
    // A subject before a modal (全省法院要…): the predicate follows the modal.
    let at = ctx
        .modal
        .first(rest)
        .filter(|&(m, _)| rest[..m].chars().count() <= MAX_SUBJECT_CHARS)
        .map_or(0, |(_, e)| e);
    a + lead + at
}

/// The opening words of `text[a..b]` by longest match in jieba's dictionary,
/// as (byte start, byte end, tag), at most [`MAX_WORDS`]: each is looked up
/// only when it is first read (a clause's verb is usually its first word).
struct Words<'a> {
    ctx: &'a Ctx<'a>,
    end: usize,
    found: std::cell::RefCell<Vec<(usize, usize, &'static str)>>,
}

impl<'a> Words<'a> {
    fn new(ctx: &'a Ctx<'a>, a: usize, b: usize) -> Words<'a> {
        let mut found = Vec::with_capacity(MAX_WORDS);
        found.push((a, a, ""));
        Words {
            ctx,
            end: b,
            found: std::cell::RefCell::new(found),
        }
    }

    /// Word `i`, if the clause has that many (within [`MAX_WORDS`]).
    fn get(&self, i: usize) -> Option<(usize, usize, &'static str)> {
        let mut found = self.found.borrow_mut();
        // found[0] is a zero-length mark at the clause's start.
        while found.len() <= i + 1 && found.len() <= MAX_WORDS {
            let at = found.last().map_or(self.end, |w| w.1);
            let (len, tag) = self.ctx.jieba.next_word(&self.ctx.text[at..self.end])?;
            found.push((at, at + len, tag));
        }
        found.get(i + 1).copied()
    }
}

fn clause(ctx: &Ctx, a: usize, b: usize, out: &mut Vec<Action>) {
    let a = predicate_start(ctx, a, b);
    let s = &ctx.text[a..b];
    if s.trim().is_empty() {
        return;
    }
    let words = Words::new(ctx, a, b);
    let adverb = ctx.rules.lexicon("action_adverb");
    let aux = ctx.rules.lexicon("aux_verb");
    let word = |i: usize| words.get(i).map_or("", |(x, y, _)| &ctx.text[x..y]);
    let tag = |i: usize| words.get(i).map_or("", |w| w.2);
    let has = |i: usize| words.get(i).is_some();
    let punct = |i: usize| word(i).chars().all(|c| !c.is_alphanumeric());
    let mut i = 0;
    while has(i)
        && (matches!(tag(i), "d" | "ad" | "c") || punct(i) || adverb.contains(word(i)))
        && !aux.contains(word(i))
    {
        i += 1;
    }
    // An adjective acts as a verb before an object or a joined verb (稳定和扩大就业, 坚定信心,
    // 坚定“四个自信”).
    let verb_at = |i: usize| {
        is_verb(tag(i))
            || aux.contains(word(i))
            || (tag(i) == "a"
                && has(i + 1)
                && (tag(i + 1).starts_with('n') || tag(i + 1) == "c" || word(i + 1) == "“"))
            || (tag(i) == "x" && !punct(i))
    };
    let mut verbs: Vec<(usize, usize)> = Vec::new();
    let bounds = |i: usize| words.get(i).map_or((b, b), |(x, y, _)| (x, y));
    while has(i) && verb_at(i) {
        let (va, mut vb) = bounds(i);
        // A verb the dictionary lacks comes out as two single characters
        // (提振 → 提 + 振): a one-character verb takes a one-character word after it.
        let single = |k: usize| text_chars(word(k)) == 1;
        if single(i)
            && has(i + 1)
            && single(i + 1)
            && !matches!(tag(i + 1), "c" | "u" | "p" | "uj" | "ul" | "r")
            && !punct(i + 1)
        {
            i += 1;
            vb = bounds(i).1;
        }
        if aux.contains(word(i)) && has(i + 1) && is_verb(tag(i + 1)) {
            i += 1;
            vb = bounds(i).1;
        }
        verbs.push((va, vb));
        i += 1;
        // Verbs joined by a conjunction share what follows.
        let joined = has(i + 1) && matches!(word(i), "和" | "与" | "及" | "、") && verb_at(i + 1);
        if !joined {
            break;
        }
        i += 1;
    }
    if verbs.is_empty() {
        return;
    }
    let object_start = verbs.last().map_or(a, |v| v.1);
    let rest = &ctx.text[object_start..b];
    // 发展和安全: the "verb" was the first of two nouns joined, not an action.
    if rest.starts_with(['和', '与', '及', '、']) {
        return;
    }
    let mut trimmed = rest.trim_end_matches(CLAUSE_ENDS).trim();
    // 增强“四个意识”、坚定“四个自信”: after a quoted object, 、 and a verb open the
    // next verb–object pair (the rest is another clause); not where a 的 after the
    // quotes makes the pairs one modifier (夯实拥护“两个确立”、做到“两个维护”的思想根基).
    let mut next = None;
    for (k, _) in trimmed.match_indices("”、") {
        let at = object_start + k + "”、".len();
        if !ctx.text[at..b].contains("”的")
            && ctx
                .jieba
                .leading_words(&ctx.text[at..b], 2)
                .first()
                .is_some_and(|&(len, t)| {
                    matches!(t, "v" | "a") && ctx.text[at + len..b].starts_with('“')
                })
        {
            trimmed = &trimmed[..k + "”".len()];
            next = Some(at);
            break;
        }
    }
    let object = (!trimmed.is_empty()).then(|| {
        let oa = object_start + (rest.len() - rest.trim_start().len());
        item(ctx, oa, oa + trimmed.len())
    });
    for (va, vb) in verbs {
        out.push(Action {
            verb: item(ctx, va, vb),
            object: object.clone(),
        });
    }
    if let Some(at) = next {
        clause(ctx, at, b, out);
    }
}
