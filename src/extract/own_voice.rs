//! Voice, and the tasks of documents that speak in their own voice.
//!
//! A work report, a speech or a plan gives its directives with no speaker's
//! cue. [`voice`] tells such a document from news: it addresses its audience
//! (`address`: 各位代表, 同志们) or names the author it speaks for (`我代表国务院`);
//! otherwise, a document whose cues found reported tasks is news, and one
//! without them speaks in its own voice when it shows it (`我们要`, a heading
//! that opens a plan or review part, an outline).
//!
//! [`tasks`] walks the paragraphs keeping which part it is in: a paragraph
//! whose opening holds a word of `part_plan` (重点工作, 工作安排, 下一步 …)
//! opens a plan part, one of `part_review` (过去一年, 五年来, 认识到 …) a
//! review part. Text before the first such paragraph is judged by what it
//! holds: a review reports results (`result_word`, percentages, a perfective
//! 了) in at least [`REVIEW_SHARE`] of its sentences. In a plan part a
//! sentence (or `；`-clause) is a task when it carries a directive modal, or
//! opens as an imperative: an action word (`action_adverb`, or a word jieba
//! tags as a verb, adverb or adjective) and no subject of its own. In a review
//! part only a sentence with a strong modal (`我们要…`) is one. Statements
//! never are: exclamations, sentences with a perfective 了, `X是…`.

use super::outline::Outline;
use super::Ctx;
use crate::document::{Task, Voice};
use crate::rules::Lexicon;
use regex::Regex;
use std::sync::OnceLock;

/// The share of result sentences that makes an unmarked stretch a review.
pub const REVIEW_SHARE: f64 = 0.3;

/// How far into a paragraph (in characters) a part word is looked for.
const PART_WORD_WINDOW: usize = 24;

/// Rule ids of own-voice tasks.
pub const RULE_MODAL: &str = "own.modal";
pub const RULE_IMPERATIVE: &str = "own.imperative";
pub const RULE_HEADING: &str = "own.heading";

/// The document's voice and the evidence for it (for `--explain`).
pub struct VoiceFound {
    pub voice: Voice,
    pub evidence: String,
    /// The author named by `我代表…`, as a slice of the text.
    pub author: Option<(usize, usize)>,
}

fn author_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"我(?:谨)?代表(?P<author>[^，。；：、\s]{2,20}?)(?:，|向|作|就|对|提出)")
            .expect("the author pattern compiles")
    })
}

/// Part of a document: what its sentences set out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Plan,
    Review,
}

fn opening(text: &str, a: usize, b: usize) -> &str {
    let s = &text[a..b];
    let cut = s
        .char_indices()
        .nth(PART_WORD_WINDOW)
        .map_or(s.len(), |(k, _)| k);
    &s[..cut]
}

/// Which part paragraph `[a, b)` opens, if it names one.
fn part_word(ctx: &Ctx, a: usize, b: usize) -> Option<Part> {
    let head = opening(ctx.text, a, b);
    let found = |lex: &Lexicon| lex.find_in(head).is_some();
    if found(ctx.rules.lexicon("part_review")) {
        Some(Part::Review)
    } else if found(ctx.rules.lexicon("part_plan")) {
        Some(Part::Plan)
    } else {
        None
    }
}

/// Decides the voice. `reported` is the number of tasks the news rules found,
/// `speakers` the number of cues that named who spoke (李强表示，…).
pub fn voice(ctx: &Ctx, reported: usize, speakers: usize, outline: &Outline) -> VoiceFound {
    // News that quotes a speech (习近平强调，…我谨代表中共中央…): several cues naming who
    // spoke outweigh the speech's own address and author.
    if speakers >= 3 {
        return VoiceFound {
            voice: Voice::Reported,
            evidence: format!("reported: {speakers} cues name who spoke"),
            author: None,
        };
    }
    let address = ctx.rules.lexicon("address");
    for p in ctx.paras {
        let head = opening(ctx.text, p.start, p.end);
        if let Some(w) = address.prefix_of(head) {
            return VoiceFound {
                voice: Voice::Own,
                evidence: format!("own: addresses its audience: {w}"),
                author: author(ctx),
            };
        }
    }
    let author = author(ctx);
    if let Some((a, b)) = author {
        return VoiceFound {
            voice: Voice::Own,
            evidence: format!("own: speaks for its author: 我代表{}", &ctx.text[a..b]),
            author,
        };
    }
    if reported > 0 || speakers > 0 {
        return VoiceFound {
            voice: Voice::Reported,
            evidence: format!(
                "reported: others' words ({reported} tasks after {speakers} cues naming a speaker)"
            ),
            author: None,
        };
    }
    let we = ctx.text.find("我们要").or_else(|| ctx.text.find("我们将"));
    let part = ctx
        .paras
        .iter()
        .find(|p| part_word(ctx, p.start, p.end).is_some());
    let evidence = if let Some(k) = we {
        Some(format!("own: speaks as 我们 about its plans (byte {k})"))
    } else if let Some(p) = part {
        Some(format!(
            "own: a part heading: {}",
            opening(ctx.text, p.start, p.end)
        ))
    } else {
        (!outline.sections.is_empty())
            .then(|| format!("own: an outline of {} headings", outline.sections.len()))
    };
    match evidence {
        Some(e) => VoiceFound {
            voice: Voice::Own,
            evidence: e,
            author: None,
        },
        None => VoiceFound {
            voice: Voice::Reported,
            evidence: "reported: no reported words and no sign of its own voice".to_string(),
            author: None,
        },
    }
}

fn author(ctx: &Ctx) -> Option<(usize, usize)> {
    // The author speaks at the start: the first few paragraphs.
    let end = ctx.paras.get(4).map_or(ctx.text.len(), |p| p.end);
    let c = author_re().captures(&ctx.text[..end])?;
    let m = c.name("author")?;
    Some((m.start(), m.end()))
}

/// A perfective 了 (not 为了, 了解, 除了 …): the sentence reports something done.
fn perfective(s: &str) -> bool {
    s.match_indices('了').any(|(k, _)| {
        let before = s[..k].chars().next_back();
        let after = s[k + '了'.len_utf8()..].chars().next();
        !matches!(before, Some('为' | '除' | '不' | '罢' | '得' | '受' | '明'))
            && !matches!(after, Some('解' | '然' | '结' | '如' | '不'))
    })
}

fn has_result(ctx: &Ctx, s: &str) -> bool {
    perfective(s)
        || ctx.rules.lexicon("result_word").find_in(s).is_some()
        || s.contains(['%', '％'])
}

/// The sentence without an outline number or an `一要`/`一是` lead.
pub fn body(s: &str) -> &str {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d{1,2}[.．、]|[一二三四五六七八九十]+(?:要|是)(?:要)?)")
            .expect("the lead pattern compiles")
    });
    let t = s.trim_start();
    re.find(t).map_or(t, |m| &t[m.end()..])
}

/// Whether `s` opens as an imperative: an action word first, no subject.
fn imperative(ctx: &Ctx, s: &str) -> bool {
    let b = body(s);
    if b.is_empty() {
        return false;
    }
    if ctx.rules.lexicon("action_adverb").prefix_of(b).is_some() {
        return true;
    }
    // The first word's tag in jieba's dictionary decides: verbs, adverbs, adjectives,
    // prepositions and idioms open an imperative; nouns, pronouns, numerals
    // and time words are a subject.
    let Some(&(_, tag)) = ctx.jieba.leading_words(b, 1).first() else {
        return false;
    };
    matches!(
        tag,
        "v" | "vd" | "vn" | "vi" | "d" | "ad" | "a" | "p" | "i" | "l" | "j" | "b"
    )
}

/// A copula statement (`今年是…`, `这些问题，都是…`): 是 early in the first clause.
fn copula(s: &str) -> bool {
    let first = s.split(['，', '：']).next().unwrap_or(s);
    first.chars().take(8).any(|c| c == '是') && !first.starts_with("坚持")
}

/// The tasks of an own-voice document.
pub fn tasks(ctx: &Ctx, outline: &Outline, speaker: Option<String>) -> Vec<Task> {
    let modal = ctx.modal;
    // Text before the first part word: a review when results fill it.
    let first_marked = ctx
        .paras
        .iter()
        .position(|p| part_word(ctx, p.start, p.end).is_some())
        .unwrap_or(ctx.paras.len());
    let (mut n, mut results) = (0usize, 0usize);
    for p in &ctx.paras[..first_marked] {
        for s in &p.sentences {
            n += 1;
            results += usize::from(has_result(ctx, &ctx.text[s.start..s.end]));
        }
    }
    let mut part = if n > 0 && results as f64 >= n as f64 * REVIEW_SHARE {
        Part::Review
    } else {
        Part::Plan
    };
    let mut out = Vec::new();
    for p in ctx.paras {
        let named = part_word(ctx, p.start, p.end);
        if let Some(w) = named {
            part = w;
        }
        let heading = outline.is_heading_at(p.start);
        let marker = heading && named.is_some();
        // Whether the clause before (in the same sentence, up to a `；`) was a task.
        let mut previous_clause: Option<bool> = None;
        for (k, s) in p.sentences.iter().enumerate() {
            let text = ctx.text[s.start..s.end].trim();
            if text.is_empty() {
                continue;
            }
            let has_modal = modal.has_modal(text);
            let rule = match part {
                Part::Review => (modal
                    .first(text)
                    .is_some_and(|(a, b)| ctx.rules.lexicon("modal_strong").contains(&text[a..b]))
                    && !has_result(ctx, text))
                .then_some(RULE_MODAL),
                Part::Plan => {
                    if (k == 0 && marker && !has_modal)
                        || ctx.rules.lexicon("address").prefix_of(text).is_some()
                    {
                        None
                    } else if has_modal {
                        Some(RULE_MODAL)
                    } else if text.ends_with(['！', '!'])
                        || perfective(text)
                        || copula(body(text))
                        || previous_clause == Some(false)
                    {
                        None
                    } else if imperative(ctx, text) {
                        Some(if heading && k == 0 {
                            RULE_HEADING
                        } else {
                            RULE_IMPERATIVE
                        })
                    } else {
                        None
                    }
                }
            };
            previous_clause = s.semicolon.then_some(rule.is_some());
            if let Some(rule) = rule {
                let lead =
                    ctx.text[s.start..s.end].len() - ctx.text[s.start..s.end].trim_start().len();
                let (a, b) = (s.start + lead, s.start + lead + text.len());
                out.push(Task {
                    speaker: speaker.clone(),
                    cue: None,
                    text: ctx.slice(a, b),
                    span: ctx.map.span(a, b),
                    rule: std::sync::Arc::from(rule),
                    section: outline.section_at(a),
                    actions: super::actions::find(ctx, a, b),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfective_le() {
        assert!(perfective("对政府自身建设提出了更高要求。"));
        assert!(!perfective("为了群众，了解情况。"));
        assert!(!perfective("实施提振消费专项行动。"));
    }

    #[test]
    fn leads_are_stripped() {
        assert_eq!(
            body("（三）加快建设现代化产业体系。"),
            "加快建设现代化产业体系。"
        );
        assert_eq!(body("一要进一步优化营商环境。"), "进一步优化营商环境。");
        assert_eq!(body("二是扩大有效投资。"), "扩大有效投资。");
        assert_eq!(body("实施专项行动。"), "实施专项行动。");
    }

    #[test]
    fn copula_statements() {
        assert!(copula("今年是“十五五”开局之年，也是关键一年。"));
        assert!(!copula("坚持稳中求进，是做好工作的关键。"));
    }
}
