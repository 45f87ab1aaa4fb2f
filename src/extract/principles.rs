//! Principles: formulations whose items are listed, from `principle` matches.
//!
//! Each rule names its `mode`, the way its items are found:
//! - `after`: the items follow the label (`“五个坚持”———坚持A，坚持B`): the
//!   list runs to the end of the clause or sentence and is split at `，` or
//!   `；`, whichever gives the declared count; a single item holding a quoted
//!   `、`-list with that count gives the list's parts (`树立“服务、创新”理念`).
//! - `before`: the items come before the label (`产业、人才“两个振兴”`): the
//!   `items` group, or the clause before the match,
//!   at `、` (or `和` `与` `及`); the first loses its leading verbs
//!   (`lead_verb` lexicon: 要全面推进产业 → 产业). The count must match.
//! - `quoted`: a quoted list followed by its head noun or number
//!   (`“抓落实、抓督导”工作思路`, `“A、B、C”三原则`), or adjacent quotes
//!   (`“两个毫不动摇”“两个健康”的大政方针`).
//! - `enumerated`: the label then `一是…二是…` (or paragraphs opening with `——`).
//! - `anaphor`: a label `N个X` naming a run of exactly N clauses elsewhere in
//!   the document that start (or end) with X (`共同…，共同…` → `五个共同`).
//!
//! A candidate that finds no valid items is not a principle; among those that
//! do, overlaps are resolved as for every kind.

use super::{Ctx, Weighed};
use crate::document::{Item, Principle};
use crate::numerals;
use crate::rules::Match;

/// How far after its label a list may run (bytes).
const MAX_LIST_BYTES: usize = 6000;
/// A clause longer than this (bytes) is no item of an anaphoric list.
const MAX_CLAUSE_ITEM_BYTES: usize = 400;
/// How far before its label an anaphor looks for the clauses it names (bytes).
const ANAPHOR_WINDOW: usize = 9000;

/// Items of an unquoted list before its label are names, no longer than this (characters).
const MAX_UNQUOTED_ITEM: usize = 10;

/// Items longer than this (characters) make a quoted list a sentence, not a list.
const MAX_QUOTED_ITEM: usize = 24;
/// Hyphens and dashes that join two names into one (广西－文莱经济走廊).
const DASHES: &[char] = &['－', '-', '‐', '–'];
/// The words that join the last two items of a list (`A、B和C`).
const JOINING_WORDS: [&str; 4] = ["以及", "和", "与", "及"];
/// The joining words of one character, where a list is split at them.
const JOINING_CHARS: [char; 3] = ['和', '与', '及'];

/// A principle built from one match, with the byte range it covers.
#[derive(Debug, Clone)]
pub struct Built {
    pub principle: Principle,
    /// The match that built it.
    pub start: usize,
    pub end: usize,
    /// Label and items together.
    pub extent: (usize, usize),
    pub rule: usize,
}

/// Drops a principle that repeats, overlapping it, the items of a larger one
/// (`树立“五个理念”———牢固树立“服务、创新…”理念`: the inner 理念 is the same list).
pub fn drop_nested_repeats(built: Vec<Built>) -> Vec<Built> {
    fn set(b: &Built) -> Vec<&str> {
        let mut v: Vec<&str> = b.principle.items.iter().map(|i| i.text.as_str()).collect();
        v.sort_unstable();
        v
    }
    // Only principles whose extents overlap can repeat each other: sweep in extent order.
    let mut order: Vec<usize> = (0..built.len()).collect();
    order.sort_by_key(|&i| built[i].extent);
    let mut drop = vec![false; built.len()];
    for (x, &i) in order.iter().enumerate() {
        for &j in &order[x + 1..] {
            let (p, q) = (&built[i], &built[j]);
            if q.extent.0 >= p.extent.1 {
                break;
            }
            if set(p) != set(q) {
                continue;
            }
            let (lp, lq) = (p.extent.1 - p.extent.0, q.extent.1 - q.extent.0);
            if lp > lq || (lp == lq && i < j) {
                drop[j] = true;
            } else {
                drop[i] = true;
            }
        }
    }
    built
        .into_iter()
        .zip(drop)
        .filter_map(|(b, d)| (!d).then_some(b))
        .collect()
}

/// Splits `s` (at byte offset `base`) at top-level separators, ignoring those inside quotes or brackets.
fn split_top(s: &str, base: usize, seps: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth: i32 = 0;
    let mut start = 0;
    for (k, c) in s.char_indices() {
        match c {
            '“' | '‘' | '《' | '（' | '(' | '「' => depth += 1,
            '”' | '’' | '》' | '）' | ')' | '」' => depth = (depth - 1).max(0),
            _ if depth == 0 && seps.contains(&c) => {
                out.push((base + start, base + k));
                start = k + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push((base + start, base + s.len()));
    out
}

/// Trims punctuation and blanks from both ends of a byte range.
fn trim(text: &str, (a, b): (usize, usize)) -> (usize, usize) {
    let s = &text[a..b];
    let junk = |c: char| c.is_whitespace() || "，。；：、,.;:—-　\u{3000}".contains(c);
    let lead = s.len() - s.trim_start_matches(junk).len();
    let t = s.trim_matches(junk);
    (a + lead, a + lead + t.len())
}

/// Removes one pair of quotes around the whole range.
fn unquote(text: &str, (a, b): (usize, usize)) -> (usize, usize) {
    let s = &text[a..b];
    if s.starts_with('“')
        && s.ends_with('”')
        && s.len() > 6
        && !s[3..s.len() - 3].contains(['“', '”'])
    {
        (a + 3, b - 3)
    } else {
        (a, b)
    }
}

fn items(ctx: &Ctx, ranges: &[(usize, usize)]) -> Vec<Item> {
    ranges
        .iter()
        .map(|&(a, b)| Item {
            text: ctx.slice(a, b),
            span: ctx.map.span(a, b),
        })
        .collect()
}

fn han_len(s: &str) -> usize {
    s.chars().count()
}

const NUMERAL_CHARS: &str = "零〇一二两三四五六七八九十百千";

/// The count a label declares: its leading numeral (`双` is two). A compound
/// label made only of numbered parts (`两非两资`, `五互一共`, `一委一办一平台`)
/// declares the sum of its parts, but only where its items follow an intro
/// ([`counted`]), or, quoted, where exactly that many (three or more) stand
/// before it ([`build`]): `一带一路` before a list is one formulation, not two items.
fn declared(label: &str) -> Option<u64> {
    let label = label.trim_start_matches(['“', '这']);
    if let Some(rest) = label.strip_prefix('双') {
        return (!rest.is_empty()).then_some(2);
    }
    let num: String = label
        .chars()
        .take_while(|c| c.is_ascii_digit() || NUMERAL_CHARS.contains(*c))
        .collect();
    numerals::parse(&num)
}

/// [`declared`], with a compound label's parts summed.
fn declared_compound(label: &str) -> Option<u64> {
    let first = declared(label)?;
    Some(compound_count(label.trim_start_matches(['“', '这'])).unwrap_or(first))
}

/// Measure words that make a numeral a count of things (四个一批 is four, not 4 + 1).
const MEASURE_CHARS: &str = "个项大条种点件本根篇位步支张家座类批道重";

/// The sum of a compound label's parts: numeral + one or two characters, at
/// least twice, the first not a measure word.
fn compound_count(label: &str) -> Option<u64> {
    let chars: Vec<char> = label.chars().collect();
    if chars.get(1).is_some_and(|c| MEASURE_CHARS.contains(*c)) {
        return None;
    }
    let (mut i, mut sum, mut parts) = (0, 0u64, 0);
    while i < chars.len() {
        let d =
            numerals::parse(&chars[i].to_string()).filter(|_| NUMERAL_CHARS.contains(chars[i]))?;
        let mut j = i + 1;
        while j < chars.len() && j - i <= 2 && !NUMERAL_CHARS.contains(chars[j]) {
            j += 1;
        }
        if j == i + 1 {
            return None;
        }
        sum += d;
        parts += 1;
        i = j;
    }
    (parts >= 2).then_some(sum)
}

/// Is the label at `[a, b)` quoted: opening with a quote mark, or standing
/// between quote marks of the text?
fn quoted_span(text: &str, (a, b): (usize, usize)) -> bool {
    text[..a].ends_with('“') || text[a..b].starts_with('“') || text[b..].starts_with('”')
}

/// A label without the white space around it (`2个 ` after a dropped control character), nor its span.
fn trimmed((label, (a, b)): (&str, (usize, usize))) -> Option<(&str, (usize, usize))> {
    let t = label.trim();
    if t.is_empty() {
        return None;
    }
    // A label cut out of quotes keeps the span of its quotes, which holds it.
    if label.len() != b - a {
        return Some((t, (a, b)));
    }
    let lead = label.len() - label.trim_start().len();
    Some((t, (a + lead, a + lead + t.len())))
}

fn label_text<'a>(ctx: &Ctx<'a>, m: &Match) -> Option<(&'a str, (usize, usize))> {
    let (a, b) = m.group("label")?;
    let raw = &ctx.text[a..b];
    // Outer quotes go (“五个共同” → 五个共同); inner ones stay (五个“致力于”).
    let inner = raw
        .strip_prefix('“')
        .and_then(|r| r.strip_suffix('”'))
        .filter(|r| !r.contains(['“', '”']));
    let label = inner.unwrap_or(raw);
    // 的 never ends a label (“陆、海、天、网”四位一体的).
    let (label, b) = match label.strip_suffix('的') {
        Some(l) if inner.is_none() && !l.is_empty() => (l, b - '的'.len_utf8()),
        _ => (label, b),
    };
    // A quoted label, or the label right after a quoted list (“A、B”三项职能定位),
    // is bounded by its rule's pattern.
    if quoted_span(ctx.text, (a, b)) {
        return Some((label, (a, b)));
    }
    // The label right after a quoted list (“A、B”三项金融创新职能定位) is a noun
    // phrase up to its rule's boundary: an adverb, conjunction or preposition ends it
    // sooner (“A、B”两条原则仍然适用), and so does a verb that ends it or takes an object.
    let after_list = ctx.rules.rules[m.rule].mode.as_deref() == Some("quoted");
    // 双边, 双方, 双双: words that open with a numeral but count nothing (`not_count_word`);
    // nor does a label that is one place or person name (双鸭山, 六盘水: `ns`/`nr` in
    // jieba's dictionary).
    let name = ctx
        .jieba
        .leading_words(label, 1)
        .first()
        .is_some_and(|&(len, tag)| {
            len == label.len() && (tag.starts_with("ns") || tag.starts_with("nr"))
        });
    if name
        || ctx
            .rules
            .lexicon("not_count_word")
            .prefix_of(label)
            .is_some()
    {
        return None;
    }
    // An unquoted label ends before an adverb (三重压力仍然较大 → 三重压力) or a verb with
    // an object after it (七个方面提出要求 → 七个方面); a verb that ends it is its own
    // (双轮驱动, 三步走). Nothing left after the count: no label (三项均居世界第一).
    let count_end = label
        .char_indices()
        .find(|&(_, c)| !NUMERAL_CHARS.contains(c) && !c.is_ascii_digit())
        .map_or(label.len(), |(k, _)| k);
    if count_end == 0 {
        return Some((label, (a, b)));
    }
    // 其中一条便是：, 三个就是: an unquoted label never ends with the copula; the count is
    // its subject.
    if label.ends_with('是') {
        return None;
    }
    // 进一步研究, 同一个目标: the numeral is inside a word that starts before the label.
    if let Some(prev) = ctx.text[..a]
        .chars()
        .next_back()
        .filter(|&c| super::officials::is_han(c))
    {
        let from = a - prev.len_utf8();
        if ctx
            .jieba
            .next_word(&ctx.text[from..b])
            .is_some_and(|(len, _)| from + len > a)
        {
            return None;
        }
    }
    let noun_start = count_end
        + ctx
            .rules
            .lexicon("measure")
            .prefix_of(&label[count_end..])
            .map_or(0, str::len);
    let words = ctx.jieba.leading_words(&label[noun_start..], 12);
    let mut at = noun_start;
    for (i, &(len, tag)) in words.iter().enumerate() {
        // A word that ends the label is part of it (五措并举); one with more after it starts
        // the predicate, when a noun of two characters or more stands before it.
        let more = i + 1 < words.len();
        // A place word ends an unquoted label's phrase (三重疫情当中, 两个城市群之间).
        if !more && matches!(tag, "f" | "s") && han_len(&label[noun_start..at]) >= 2 {
            return Some((&label[..at], (a, a + at)));
        }
        // An adverb, conjunction or preposition with more after it starts the
        // clause (两座建筑在伊朗的袭击中 → 两座建筑); so does an idiom after the noun
        // (三大指标稳步增长 → 三大指标).
        let adverb = is_adverb(ctx, &label[at..at + len], tag);
        let clause = (adverb || matches!(tag, "c" | "p")) && more || tag == "i";
        // After a quoted list, only a verb that ends the label cuts it (五个展厅组成 →
        // 五个展厅); one inside is the noun phrase's (三项金融创新职能定位).
        // A verb that takes an object (抓好, 推进: `lead_verb`) or bears 了 ends it too
        // (四个方面抓好粮食生产, 三个维度明确了要求).
        let trailing = words[i..]
            .iter()
            .all(|&(_, t)| t.starts_with('v') || t.starts_with('d'));
        let word = &label[at..at + len];
        let takes_object =
            ctx.rules.lexicon("lead_verb").contains(word) || label[at + len..].starts_with('了');
        // A one-character verb with a noun object after it (5个支队携装备 → 5个支队).
        let verb_with_object = tag == "v"
            && len == 3
            && !after_list
            && words.get(i + 1).is_some_and(|&(_, t)| t.starts_with('n'));
        let verb = tag.starts_with('v')
            && tag != "vn"
            && (len >= 6 || verb_with_object)
            && (!after_list || trailing || takes_object);
        // A verb ending an unquoted label after its noun is the clause's
        // (两类人员开放：一是…): the label is the noun.
        // A measure that is a noun itself (五方面作出部署 → 五方面) needs no noun after it.
        let noun_measure = at == noun_start && han_len(&label[count_end..noun_start]) >= 2;
        let noun_before = han_len(&label[noun_start..at]) >= 2 || noun_measure && more;
        // Nothing but the count before the predicate: no label (三项均居世界第一).
        if clause && at == noun_start && noun_start > count_end && !noun_measure {
            return None;
        }
        if (clause || verb && (more || tag == "v")) && noun_before {
            if label[..at].contains('“') && !label[..at].ends_with('”') {
                return None;
            }
            return Some((&label[..at], (a, a + at)));
        }
        at += len;
    }
    Some((label, (a, b)))
}

/// Is `word` at `at` a whole word, not the start of a longer one of jieba's
/// dictionary (即, not 即将走向不归路)? Punctuation always is.
fn whole_word(ctx: &Ctx, at: usize, word: &str) -> bool {
    !word.chars().all(char::is_alphabetic)
        || ctx
            .jieba
            .leading_words(&ctx.text[at..], 1)
            .first()
            .is_none_or(|&(len, _)| len <= word.len())
}

/// An adverb by jieba's tag, or a manner or scope word (`action_adverb`:
/// 全部, 全面) however jieba tags it.
fn is_adverb(ctx: &Ctx, word: &str, tag: &str) -> bool {
    tag.starts_with('d') || tag == "ad" || ctx.rules.lexicon("action_adverb").contains(word)
}

/// Records, for `--explain`, what looking for the items in `layout` gave:
/// the items, or `why_not`. Returns `found` unchanged (and nothing to record
/// when no one is explaining).
fn weigh(
    ctx: &Ctx,
    layout: &'static str,
    found: Option<Vec<(usize, usize)>>,
    why_not: impl FnOnce() -> String,
) -> Option<Vec<(usize, usize)>> {
    if let Some(w) = ctx.weighed.borrow_mut().as_mut() {
        w.push(Weighed {
            layout,
            outcome: match &found {
                Some(v) => Ok(v.iter().map(|&(a, b)| ctx.text[a..b].to_string()).collect()),
                None => Err(why_not()),
            },
        });
    }
    found
}

/// Why no list before the label fit: how many items the clause before it
/// splits into, against the declared count.
fn before_miss(ctx: &Ctx, m: &Match, n: u64) -> String {
    let Some((l, _)) = m.group("label") else {
        return format!("no list of {n} items");
    };
    let a = super::clause_before(ctx.text, l, 160, "，。；：！？\n,;:!?");
    let k = split_top(&ctx.text[a..l], a, &['、']).len();
    if k as u64 == n || k as u64 + 1 == n {
        format!("{k} items split by 、 in the clause before, but not parallel names (a clause, a verb's object, an item with 是/了/a title)")
    } else {
        format!("the clause before splits into {k} by 、, not {n}")
    }
}

/// Builds the principle of one match, if its items can be found.
/// Does an item hold a person where a list ran over the clause before it: a
/// title followed by a name (中央军委主席习近平对做好), or a name and a title
/// opening it (习近平总书记对确保…)? A title that ends an item is a group of
/// people (政协委员), and one inside a phrase is context (以习近平总书记关于…为遵循).
fn holds_person(ctx: &Ctx, item: &str) -> bool {
    let surname = ctx.rules.lexicon("surname");
    let not_start = ctx.rules.lexicon("not_name_start");
    let title_then_name = ctx
        .rules
        .lexicon("title_head")
        .find_iter(item)
        .any(|(k, h)| {
            let rest = &item[k + h.len()..];
            h.chars().count() >= 2
                && surname.prefix_of(rest).is_some()
                && not_start.prefix_of(rest).is_none()
        });
    let name_then_title = surname.prefix_of(item).is_some()
        && item.char_indices().skip(2).take(2).any(|(k, _)| {
            ctx.rules
                .lexicon("title_after")
                .prefix_of(&item[k..])
                .is_some()
        });
    title_then_name || name_then_title
}

pub fn build(ctx: &Ctx, m: &Match) -> Option<Built> {
    let rule = &ctx.rules.rules[m.rule];
    let (label, lspan) = trimmed(label_text(ctx, m)?)?;
    // 以“A，B”为理念, “A、B”等优良作风: a preposition or 等 before the head noun is the
    // clause's, not the label's.
    // “A、B”到要求“…”: a one-character verb between the quotes and a head noun
    // makes the noun another clause's.
    if rule.mode.as_deref() == Some("quoted")
        && ctx
            .jieba
            .leading_words(label, 1)
            .first()
            .is_some_and(|&(len, tag)| tag == "v" && han_len(&label[..len]) == 1)
    {
        return None;
    }
    // “A、B、C”等理念教育, “A、B”工程经验: beside a programme or event noun the head
    // names that programme's part, and the list is its name (a slogan).
    // (A numbered label is a principle whatever its noun: “育、引、用、留”四大工程.)
    if rule.mode.as_deref() == Some("quoted") && declared(label).is_none() {
        let programme = ctx.rules.lexicon("programme_noun");
        if programme.prefix_of(&ctx.text[lspan.1..]).is_some() || programme.find_in(label).is_some()
        {
            weigh(ctx, "inside the quotes", None, || {
                "the head noun stands beside a programme noun (programme_noun)".into()
            });
            return None;
        }
    }
    let (label, lspan) = match ctx.jieba.leading_words(label, 1).first() {
        Some(&(len, tag))
            if (tag == "p" || label.starts_with('等'))
                && han_len(&label[len..]) >= 2
                && label.len() == lspan.1 - lspan.0 =>
        {
            (&label[len..], (lspan.0 + len, lspan.1))
        }
        _ => (label, lspan),
    };
    // 第一个视角: an ordinal, not a count.
    let ordinal = m
        .group("label")
        .is_some_and(|(a, _)| ctx.text[..a].ends_with('第'));
    let formula = rule.mode.as_deref() == Some("formula");
    let count = if rule.mode.as_deref() == Some("counted") {
        declared_compound(label)
    } else if formula {
        None // 1+5+N, 45432: parts, not a count
    } else {
        declared(label)
    };
    // A quantity is no formulation (2个百分点, 一个好消息, 六个部分, 三个月).
    let bare = label.trim_matches(['“', '”', '"']);
    let quantity = ctx.rules.lexicon("not_principle_noun");
    let noun = bare.trim_start_matches(|c: char| NUMERAL_CHARS.contains(c) || c.is_ascii_digit());
    let noun = noun
        .strip_prefix(ctx.rules.lexicon("measure").prefix_of(noun).unwrap_or(""))
        .unwrap_or(noun);
    // 6位委员, 五名代表, 两家人: people counted, not a formulation (but 四位一体).
    let persons = {
        let counted =
            bare.trim_start_matches(|c: char| NUMERAL_CHARS.contains(c) || c.is_ascii_digit());
        counted.len() < bare.len()
            && (counted.starts_with(['位', '名']) || counted.starts_with("家人"))
            && !noun.starts_with('一')
    };
    if persons
        || quantity.suffix_of(bare).is_some()
        || (noun.len() < bare.len() && quantity.prefix_of(noun).is_some())
    {
        weigh(ctx, "no layout", None, || {
            "a quantity (not_principle_noun), not a formulation".into()
        });
        return None;
    }
    // A count with no noun (“高、低”两类) names nothing.
    // (A notes entry's own label may be a count alone: ［16］两重：.)
    let no_noun = rule.mode.as_deref() == Some("quoted")
        && noun.len() < bare.len()
        && noun.is_empty()
        && !quoted_span(ctx.text, lspan);
    if ordinal || no_noun {
        weigh(ctx, "no layout", None, || {
            "an ordinal (第…) or a count with no noun".into()
        });
        return None;
    }
    // 《习近平谈“一带一路”（2023年版）》: a label inside a title names the book;
    // “3+3”战略对话机制, “四大战略通道+五纵五横”: formulas joined by + count no one list.
    // (A title is short: only the 60 characters before the label are read.)
    let before_label = &ctx.text[..lspan.0];
    let near = before_label
        .char_indices()
        .rev()
        .nth(60)
        .map_or(before_label, |(k, _)| &before_label[k..]);
    let in_title = near
        .rfind('《')
        .is_some_and(|k| !near[k..].contains(['》', '\n']));
    // 602项 is no 02项: a label starts where its number does.
    let mid_number = before_label.ends_with(|c: char| c.is_ascii_digit() || c == '.');
    if in_title || mid_number || (label.contains(['+', '＋']) && !formula) {
        weigh(ctx, "no layout", None, || {
            "a label inside a title (《…》) or formulas joined by +".into()
        });
        return None;
    }
    // A layout that needs the declared count: weighed as missing without one.
    let with_count = |layout: &'static str,
                      find: &dyn Fn(u64) -> Option<Vec<(usize, usize)>>,
                      why_not: &dyn Fn(u64) -> String| match count {
        Some(n) => weigh(ctx, layout, find(n), || why_not(n)),
        None => weigh(ctx, layout, None, || format!("{label}: declares no count")),
    };
    let mut compound_items = None;
    let ranges: Vec<(usize, usize)> = match rule.mode.as_deref() {
        Some("after") => {
            // ，即将走向不归路: 即 opens a word here, not the list.
            let intro = m.group("intro").map(|(a, b)| {
                let word = ctx.text[a..b].trim_start_matches(['，', ',']);
                whole_word(ctx, b - word.len(), word)
            });
            if intro == Some(false) {
                weigh(ctx, "after the intro word", None, || {
                    "the intro word starts a longer word".into()
                });
                return None;
            }
            with_count("after the intro word", &|n| after(ctx, m.end, n), &|n| {
                format!("no list of {n} items after it")
            })?
        }
        Some("before") => {
            let find = |n: u64| before(ctx, m, n).map(|v| verb_after_names(ctx, v));
            // 绿色、有机、名特优新和地理标志“三品一标”: a quoted compound label takes exactly as
            // many items before it as its parts count together, where there are that many.
            let compound = declared_compound(label)
                .filter(|&c| c >= 3 && Some(c) != count && quoted_span(ctx.text, lspan))
                .and_then(|c| {
                    // Exactly: a list that also gives one more item is longer (一带一路, 一老一小
                    // and other pairs never sum: two items before them are any clause's words).
                    let v = find(c).filter(|_| find(c + 1).is_none());
                    weigh(ctx, "before the label, its parts summed", v, || {
                        format!("no list of exactly {c} items")
                    })
                    .map(|v| (c, v))
                });
            match compound {
                Some((c, v)) => {
                    compound_items = Some(c);
                    v
                }
                // “两微一端” declares three: two items before it are not its list.
                None if declared_compound(label).is_some_and(|c| {
                    c >= 3 && Some(c) != count && quoted_span(ctx.text, lspan)
                }) =>
                {
                    return None;
                }
                None => with_count("before the label", &find, &|n| before_miss(ctx, m, n))?,
            }
        }
        Some("quoted") => weigh(
            ctx,
            "inside the quotes",
            quoted(ctx, m, count),
            || match count {
                Some(n) => format!("no quoted list of {n} items"),
                None => "no quoted list of two or more items".into(),
            },
        )?,
        Some("formula") => weigh(
            ctx,
            "defined part by part",
            formula_parts(ctx, m, label),
            || format!("no clause per part of {label} (“1”即…, “5”是指…)"),
        )?,
        Some("enumerated") => with_count(
            "一是…二是… clauses",
            &|n| enumerated(ctx, m.end, n),
            &|n| format!("no run of {n} numbered clauses"),
        )?,
        Some("anaphor") => with_count(
            "a sentence that names them",
            &|n| anaphor(ctx, m, label, n),
            &|n| format!("no sentence before it lists {n} items"),
        )?,
        // counted() weighs each layout it tries.
        Some("counted") => match count {
            Some(n) => counted(ctx, m, label, n)?,
            None => {
                weigh(ctx, "any layout", None, || {
                    format!("{label}: declares no count")
                });
                return None;
            }
        },
        _ => return None,
    };
    // Every item says something: punctuation alone is no item (2个：!,!); an
    // item holding an ellipsis (稻谷黄了……秋分正值) or half a pair of brackets
    // (县）20余万名干部群众) runs across what was no list.
    // An item that is an ordinal alone (第一阶段, its text cut off by the next comma)
    // splits a sequence told at length in the wrong place.
    let broken = |s: &str| {
        let open = s.matches(['（', '(']).count();
        let close = s.matches(['）', ')']).count();
        let ordinal = s.strip_prefix('第').is_some_and(|r| {
            r.starts_with(|c: char| NUMERAL_CHARS.contains(c) || c.is_ascii_digit())
                && han_len(r) <= 3
        });
        s.contains('…') || open != close || ordinal
    };
    if ranges.is_empty()
        || ranges.iter().any(|&(a, b)| {
            let s = &ctx.text[a.min(b)..b];
            !s.chars().any(char::is_alphanumeric) || broken(s)
        })
    {
        return None;
    }
    if ranges
        .iter()
        .any(|&(a, b)| holds_person(ctx, &ctx.text[a..b]))
    {
        return None;
    }
    // A formulation of one item sets a task (一个目标：力争…, 一项改革：加快…). One whose
    // item is one name (一个中国，即中华人民共和国), or opens with an adverb, preposition,
    // conjunction or pronoun (一个决定：将捐赠…, 一个想法：通过…) tells a story, not a task.
    if let ([(a, b)], Some(1)) = (&ranges[..], count) {
        let item = &ctx.text[*a..*b];
        let first = ctx.jieba.leading_words(item, 1).first().copied();
        if first.is_some_and(|(len, t)| {
            let name = ["ns", "nr", "nt"].iter().any(|n| t.starts_with(n)) && han_len(item) <= 8;
            len == item.len() || name || matches!(t.chars().next(), Some('d' | 'p' | 'c' | 'r'))
        }) {
            return None;
        }
    }
    let count = compound_items.or(count);
    let ranges = if matches!(rule.mode.as_deref(), Some("after" | "counted")) {
        shared_modifier(ctx.text, ranges)
    } else {
        ranges
    };
    let complete = count.is_none_or(|n| n as usize == ranges.len());
    let principle = Principle {
        label: ctx.original(label),
        count,
        items: items(ctx, &ranges),
        complete,
        span: ctx.map.span(lspan.0, lspan.1),
        rule: rule.id.clone(),
        // Set from the outline when the principle is kept.
        section: None,
    };
    let extent = if rule.mode.as_deref() == Some("anaphor") {
        (m.start, m.end)
    } else {
        let start = ranges
            .iter()
            .map(|r| r.0)
            .chain([m.start])
            .min()
            .unwrap_or(m.start);
        (
            start,
            ranges
                .iter()
                .map(|r| r.1)
                .chain([m.end])
                .max()
                .unwrap_or(m.end),
        )
    };
    Some(Built {
        principle,
        start: m.start,
        end: m.end,
        extent,
        rule: m.rule,
    })
}

/// A list after its label whose first item opens with a modifier that all
/// share (农村集体所有的资金、资产、资源): when the others are all as long as
/// what follows the first item's last 的, the first item is that part (资金).
fn shared_modifier(text: &str, mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let Some((&(a, b), rest)) = ranges.split_first() else {
        return ranges;
    };
    let Some(k) = text[a..b].rfind('的') else {
        return ranges;
    };
    let head = a + k + '的'.len_utf8();
    let tail = han_len(&text[head..b]);
    let same = !rest.is_empty()
        && rest
            .iter()
            .all(|&(x, y)| han_len(&text[x..y]) == tail && !text[x..y].contains('的'));
    if same && tail >= 2 && han_len(&text[a..a + k]) >= 2 {
        ranges[0].0 = head;
    }
    ranges
}

/// End of the clause (`；` or `。`) and of the sentence (`。`) from `from`.
fn region_ends(text: &str, from: usize) -> (usize, usize) {
    // A list runs at most MAX_LIST_BYTES: a hostile text with no full stop stays linear.
    let limit = text.floor_char_boundary(from + MAX_LIST_BYTES);
    let para_end = text[from..limit].find('\n').map_or(limit, |k| from + k);
    let mut depth = 0i32;
    let (mut clause, mut sentence) = (None, None);
    for (k, c) in text[from..para_end].char_indices() {
        match c {
            '“' | '‘' => depth += 1,
            '”' | '’' => depth -= 1,
            '；' | ';' if depth <= 0 && clause.is_none() => clause = Some(from + k),
            '。' | '！' | '？' if depth <= 0 => {
                sentence = Some(from + k);
                break;
            }
            _ => {}
        }
    }
    let sentence = sentence.unwrap_or(para_end);
    (clause.unwrap_or(sentence).min(sentence), sentence)
}

/// Drops an ordinal opening an item (`一是`, `二是` …).
fn drop_ordinal(text: &str, (a, b): (usize, usize)) -> (usize, usize) {
    let s = &text[a..b];
    let rest = ORDINALS
        .iter()
        .find_map(|o| s.strip_prefix(o).and_then(|r| r.strip_prefix('是')));
    match rest {
        Some(r) if !r.is_empty() => (b - r.len(), b),
        _ => (a, b),
    }
}

/// Drops 以及 opening an item (…审理，以及对日程提出异议): it joins, it is no part of one.
fn drop_joiner(text: &str, (a, b): (usize, usize)) -> (usize, usize) {
    match text[a..b].strip_prefix("以及") {
        Some(r) if !r.is_empty() => (b - r.len(), b),
        _ => (a, b),
    }
}

fn cleaned(text: &str, parts: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    parts
        .into_iter()
        .map(|r| unquote(text, drop_ordinal(text, drop_joiner(text, trim(text, r)))))
        .filter(|(a, b)| a < b)
        .collect()
}

fn after(ctx: &Ctx, from: usize, n: u64) -> Option<Vec<(usize, usize)>> {
    let text = ctx.text;
    let n = n as usize;
    let (clause, sentence) = region_ends(text, from);
    let tries: [(usize, &[char]); 3] = [
        (clause, &['，', ',']),
        (sentence, &['；', ';']),
        (sentence, &['，', ',']),
    ];
    for (end, seps) in tries {
        let parts = cleaned(text, split_top(&text[from..end], from, seps));
        if parts.len() == n && (n > 1 || han_len(&text[parts[0].0..parts[0].1]) >= 2) {
            return Some(parts);
        }
        if parts.len() == 1 && n > 1 {
            if let Some(inner) = nested_list(text, parts[0], n) {
                return Some(inner);
            }
        }
    }
    None
}

/// A quoted `、`-list of `n` items inside `range`.
fn nested_list(text: &str, (a, b): (usize, usize), n: usize) -> Option<Vec<(usize, usize)>> {
    let s = &text[a..b];
    let open = s.find('“')?;
    let close = open + s[open..].find('”')?;
    let inner = (a + open + '“'.len_utf8(), a + close);
    let parts = cleaned(text, split_top(&text[inner.0..inner.1], inner.0, &['、']));
    (parts.len() == n).then_some(parts)
}

/// Strips leading verbs (`lead_verb` lexicon) from the first item.
fn strip_lead(ctx: &Ctx, text: &str, (mut a, b): (usize, usize)) -> (usize, usize) {
    let lead = ctx.rules.lexicon("lead_verb");
    while let Some(p) = lead.prefix_of(&text[a..b]) {
        if han_len(&text[a + p.len()..b]) < 2 || !whole_word_at(ctx, &text[a..b], p) {
            break;
        }
        a += p.len();
    }
    (a, b)
}

/// Is `word`, which `text` opens with, a whole word there: no longer common
/// word of jieba's dictionary opens `text` (有 in 有效政策 is none; 推进设备, an
/// entry of frequency 3, leaves 推进 whole)?
fn whole_word_at(ctx: &Ctx, text: &str, word: &str) -> bool {
    ctx.jieba.next_word(text).is_none_or(|(len, _)| {
        len <= word.len()
            || ctx
                .jieba
                .entry(&text[..len])
                .is_none_or(|(freq, _)| freq < crate::dictionary::COMMON_WORD_FREQ)
    })
}

/// The first item of a list before its label: the clause up to it runs into
/// the item, so it keeps what follows the last leading verb (`lead_verb`:
/// 对外贸易实现规模 → 规模) and the last `的` (有竞争优势的新材料 → 新材料).
/// A verb cut leaves it as long as the shortest of its parallels, up to four
/// characters (健全组织体系、教育体系 → 组织体系, not 体系 after 组织).
fn first_item(ctx: &Ctx, text: &str, (a, b): (usize, usize), shortest: usize) -> (usize, usize) {
    let (mut a, b) = strip_lead(ctx, text, (a, b));
    // 各类生产安全事故起数和死亡人数: a pronoun or determiner (`r`: 各类, 各项, 一切) opening the
    // clause is no part of the first item.
    if let Some(&(len, "r")) = ctx.jieba.leading_words(&text[a..b], 1).first() {
        if han_len(&text[a + len..b]) >= 2 {
            a += len;
        }
    }
    // 创造了经济快速发展和社会长期稳定: the particle after the clause's verb opens no item.
    while let Some(c) = text[a..b].chars().next().filter(|&c| c == '了') {
        if han_len(&text[a..b]) <= 3 {
            break;
        }
        a += c.len_utf8();
    }
    let lead = ctx.rules.lexicon("lead_verb");
    let keep = shortest.clamp(2, 4);
    let mut cut = a;
    for (k, c) in text[a..b].char_indices() {
        let at = a + k;
        if let Some(w) = lead.prefix_of(&text[at..b]) {
            if han_len(&text[at + w.len()..b]) >= keep
                && w.chars().count() >= 2
                && whole_word_at(ctx, &text[at..b], w)
            {
                cut = cut.max(at + w.len());
            }
        }
        if c == '的' && han_len(&text[at + 3..b]) >= 2 {
            cut = cut.max(at + 3);
        }
    }
    // 推进了政策落地工程 → 政策落地工程: what the verb leaves may open with a particle.
    let (mut a, b) = strip_lead(ctx, text, (cut, b));
    while text[a..b].starts_with('了') && han_len(&text[a..b]) > 3 {
        a += '了'.len_utf8();
    }
    (a, b)
}

/// The first item of a list before its label, when it is still longer than
/// its parallels: it starts after the first verb or preposition of jieba's
/// dictionary that leaves it no longer than they are (plus one character):
/// 承担乒乓球、羽毛球、攀岩、体操 → 乒乓球; 面临需求收缩、供给冲击、预期转弱 →
/// 需求收缩. A one-character verb counts only where it opens the item (设电影)
/// or follows an adverb (共设).
fn first_item_parallel(
    ctx: &Ctx,
    (a, b): (usize, usize),
    others: &[(usize, usize)],
    longest: usize,
    shortest: usize,
) -> (usize, usize) {
    let text = ctx.text;
    let fits = longest + 1;
    let keep = shortest.clamp(1, 2);
    if han_len(&text[a..b]) <= fits {
        return (a, b);
    }
    let mut at = a;
    let mut after_adverb = false;
    for (i, (len, tag)) in ctx
        .jieba
        .leading_words(&text[a..b], 16)
        .into_iter()
        .enumerate()
    {
        let word_start = at;
        at += len;
        if at >= b {
            break;
        }
        // A word every other item holds too is the items' own (厦门至金门、泉州至金门).
        let word = &text[word_start..at];
        let shared = !others.is_empty() && others.iter().all(|&(x, y)| text[x..y].contains(word));
        // 乡镇和建制村通硬化路、通客车、通邮路: a word that opens every other item opens the
        // first one too.
        if i > 0 && all_open_with(text, others, word) && han_len(&text[word_start..b]) <= fits {
            return (word_start, b);
        }
        let verb = ((tag.starts_with('v') && tag != "vn") || tag == "p") && !shared;
        // …or after an adverb (大赛共设数控车工 → 数控车工).
        let whole = i == 0 || after_adverb || tag == "p" || han_len(&text[word_start..at]) >= 2;
        after_adverb = tag == "d";
        let rest = han_len(&text[at..b]);
        if verb && whole && rest >= keep && rest <= fits {
            // A verb right after a preposition is the clause's too (在面对道路 → 道路).
            if tag == "p" {
                if let Some(&(len, t)) = ctx.jieba.leading_words(&text[at..b], 1).first() {
                    if t.starts_with('v')
                        && t != "vn"
                        && len >= 6
                        && han_len(&text[at + len..b]) >= keep
                    {
                        return (at + len, b);
                    }
                }
            }
            return (at, b);
        }
    }
    (a, b)
}

/// The first item of a list of nouns before its label starts after the verbs
/// the clause before put in front of it (推出徽章、毛绒玩具、钥匙扣 → 徽章; 项目覆盖
/// 长江、黄河 → 长江): when no other item holds a verb among its first words, the
/// first starts after its last verb of two characters or more.
fn first_item_nominal(
    ctx: &Ctx,
    (a, b): (usize, usize),
    others: &[(usize, usize)],
    shortest: usize,
) -> (usize, usize) {
    let text = ctx.text;
    let is_verb = |tag: &str| tag.starts_with('v') && tag != "vn";
    let verbal = others.iter().any(|&(x, y)| {
        ctx.jieba
            .leading_words(&text[x..y], 3)
            .iter()
            .any(|&(_, tag)| is_verb(tag) || tag == "p")
    });
    if verbal || others.is_empty() {
        return (a, b);
    }
    // What the cut leaves is more than the head the others share
    // (组织体系、教育体系、监管体系 → 组织体系, not 体系).
    let keep = shortest.clamp(1, 2).max(shared_end(text, others) + 1);
    let mut at = a;
    let mut cut = a;
    for (len, tag) in ctx.jieba.leading_words(&text[a..b], 16) {
        let word_start = at;
        at += len;
        if at >= b {
            break;
        }
        // A verbal noun before a proper name is a verb too (建设长江、大运河 → 长江); so is a
        // verb of one character (集安组织有俄罗斯、白俄罗斯 → 俄罗斯), which elsewhere may
        // open an item (建新功).
        let name_follows = ctx
            .jieba
            .leading_words(&text[at..b], 1)
            .first()
            .is_some_and(|&(len, t)| at + len == b && matches!(t, "ns" | "nz" | "nt"));
        let before_name = tag == "vn" && name_follows;
        let short_verb = is_verb(tag) && han_len(&text[word_start..at]) == 1 && name_follows;
        if (is_verb(tag) || tag == "p" || before_name)
            && (han_len(&text[word_start..at]) >= 2 || short_verb)
            && han_len(&text[at..b]) >= keep
        {
            cut = at;
        }
    }
    (cut, b)
}

/// Do all of `items` (one or more) open with `word`?
fn all_open_with(text: &str, items: &[(usize, usize)], word: &str) -> bool {
    !items.is_empty() && items.iter().all(|&(x, y)| text[x..y].starts_with(word))
}

/// How many characters all of `items` end with (two or more items), else 0.
fn shared_end(text: &str, items: &[(usize, usize)]) -> usize {
    let Some((&(a, b), rest)) = items.split_first() else {
        return 0;
    };
    if rest.is_empty() {
        return 0;
    }
    text[a..b]
        .chars()
        .rev()
        .enumerate()
        .take_while(|&(k, c)| {
            rest.iter()
                .all(|&(x, y)| text[x..y].chars().rev().nth(k) == Some(c))
        })
        .count()
}

/// The first item of a list whose other items are all of one short length
/// (数量、质量、生态; 总量和结构) is as long as they are, where a word of jieba's
/// dictionary starts there: 耕地数量 → 数量, 货币政策工具总量 → 总量.
fn first_item_same_length(
    ctx: &Ctx,
    (a, b): (usize, usize),
    others: &[(usize, usize)],
    longest: usize,
    shortest: usize,
) -> (usize, usize) {
    let text = ctx.text;
    if longest != shortest || !(2..=4).contains(&longest) || han_len(&text[a..b]) <= longest {
        return (a, b);
    }
    let Some((k, _)) = text[a..b].char_indices().rev().nth(longest - 1) else {
        return (a, b);
    };
    // A dash joins what it would drop to the rest (广西－文莱经济走廊): one name; and one
    // character dropped is part of a name (岗厦北、黄木、大运; 京港澳), unless it is a
    // function word, a verb or an adjective (统筹好发展和安全 → 发展; 使计划价格 → 计划价格).
    let dropped = &text[a..a + k];
    // 通硬化路、通客车、通邮路: what every other item opens with stays.
    if all_open_with(text, others, dropped) {
        return (a, b);
    }
    let function = ctx
        .jieba
        .tag_of(dropped)
        .is_some_and(|t| matches!(t.chars().next(), Some('a' | 'd' | 'u' | 'p' | 'c' | 'v')));
    if dropped.contains(DASHES) || han_len(dropped) < 2 && !function {
        return (a, b);
    }
    // What the cut drops is a modifier: a preposition or conjunction in it
    // (新疆同中央国家机关) makes the item a clause of its own.
    let mut at = a;
    for (len, tag) in ctx.jieba.leading_words(&text[a..b], 16) {
        if at == a + k {
            return (at, b);
        }
        if matches!(tag, "p" | "c") {
            break;
        }
        at += len;
        if at > a + k {
            break;
        }
    }
    (a, b)
}

/// The first item of a list before its label starts after a verb that opens
/// it (with the adverbs before it and its complement), when no other item opens
/// with one (夯实政治互信更高、安全合作更实 → 政治互信更高; 串联起长三角、长江中游 →
/// 长三角), and the item keeps as many characters as the shortest of them, up to four.
fn first_item_verb(ctx: &Ctx, (a, b): (usize, usize), others: &[(usize, usize)]) -> (usize, usize) {
    let text = ctx.text;
    let keep = others
        .iter()
        .map(|&(x, y)| han_len(&text[x..y]))
        .min()
        .unwrap_or(0)
        .clamp(2, 4);
    // Adverbs, then a verb, then its complement (共设首饰设计师, 串联起长三角).
    let opening_verb = |(x, y): (usize, usize), first: bool| {
        let words = words_at(ctx, (x, y), 6);
        let verb = words
            .iter()
            .position(|w| !is_adverb(ctx, &text[w.0..w.1], w.2))?;
        let w = words[verb];
        // A verb of one character only after an adverb or before its complement
        // (共设, 做深; not 临 of 临铁高端装备制造).
        let complement = text[w.1..y]
            .chars()
            .next()
            .is_some_and(|c| VERB_COMPLEMENTS.contains(c));
        if w.1 - w.0 < 6 && verb == 0 && !complement {
            return None;
        }
        // A verbal noun opens a name as often as a clause (服务贸易): it counts
        // only first and before four characters or more (设置中华文明展区; not
        // 旅游 in 引导旅游消费向…).
        let vn_ok = first && w.2 == "vn" && han_len(&text[w.1..y]) >= 4;
        if !(w.2.starts_with('v') && (w.2 != "vn" || vn_ok)) {
            return None;
        }
        let end = w.1;
        Some(match text[end..y].chars().next() {
            Some(c) if VERB_COMPLEMENTS.contains(c) => end + c.len_utf8(),
            _ => end,
        })
    };
    if others.is_empty() || others.iter().any(|&r| opening_verb(r, true).is_some()) {
        return (a, b);
    }
    // 做深做透教育科技人才一体改革发展: verbs in a row.
    let mut a = a;
    for i in 0..3 {
        match opening_verb((a, b), i == 0) {
            Some(at) if han_len(&text[at..b]) >= keep => a = at,
            _ => break,
        }
    }
    (a, b)
}

/// A one-character verb opening the first item is the clause's (设电影、电视剧、纪录片、
/// 动画片四大单元奖项 → 电影) when what follows
/// it opens with a common word of two characters or more that is no verb, is as long
/// as every other item give or take one, and every other item opens with such a word
/// too (not 临铁高端装备制造: 铁 is a word of one character; not 抓稳定和促发展).
fn first_item_single_verb(
    ctx: &Ctx,
    (a, b): (usize, usize),
    others: &[(usize, usize)],
) -> (usize, usize) {
    let text = ctx.text;
    // A common word of two characters or more that is no verb (电视剧; not 促发展, a rare
    // entry, nor 大油 of 做大油气).
    let common_noun = |(x, y): (usize, usize)| {
        han_len(&text[x..y]) >= 2
            && ctx.jieba.entry(&text[x..y]).is_some_and(|(freq, tag)| {
                freq >= crate::dictionary::COMMON_WORD_FREQ && !tag.starts_with('v')
            })
    };
    let opens_noun = |r: (usize, usize)| {
        words_at(ctx, r, 1)
            .first()
            .is_some_and(|w| common_noun((w.0, w.1)))
    };
    if others.is_empty() || !others.iter().all(|&r| opens_noun(r)) {
        return (a, b);
    }
    let words = words_at(ctx, (a, b), 2);
    let [(va, vb, tag), (xa, xb, _)] = words[..] else {
        return (a, b);
    };
    let rest = han_len(&text[vb..b]);
    let fits = tag == "v"
        && han_len(&text[va..vb]) == 1
        && common_noun((xa, xb))
        && others
            .iter()
            .all(|&(x, y)| han_len(&text[x..y]).abs_diff(rest) <= 1);
    if fits {
        (vb, b)
    } else {
        (a, b)
    }
}

/// The first item of a list before its label starts after the clause's own
/// subject and verb when no other item opens with a verb (西部陆海新通道已形成铁海联运、
/// 国际铁路联运、跨境公路班车三种运输方式 → 铁海联运; 关键还是抓耕地和种子两个要害 → 耕地):
/// after the last verb that follows an adverb or 是 and leaves two characters or more.
fn first_item_after_predicate(
    ctx: &Ctx,
    (a, b): (usize, usize),
    others: &[(usize, usize)],
) -> (usize, usize) {
    let text = ctx.text;
    let is_verb = |w: &(usize, usize, &str)| w.2 == "v";
    if others.is_empty()
        || others
            .iter()
            .any(|&r| words_at(ctx, r, 1).iter().any(is_verb))
    {
        return (a, b);
    }
    let words = words_at(ctx, (a, b), 12);
    let cut = words
        .iter()
        .enumerate()
        .rev()
        .filter(|&(i, w)| {
            // The verb follows an adverb or 是 (已形成, 还是抓): a predicate, not a
            // verb inside a name (南繁种业, 智能网联汽车).
            is_verb(w)
                && i > 0
                && (words[i - 1].2.starts_with('d')
                    || &text[words[i - 1].0..words[i - 1].1] == "是")
        })
        .map(|(_, w)| match text[w.1..b].chars().next() {
            Some(c) if VERB_COMPLEMENTS.contains(c) => w.1 + c.len_utf8(),
            _ => w.1,
        })
        .find(|&at| han_len(&text[at..b]) >= 2);
    match cut {
        Some(at) if words.last().is_some_and(|w| w.1 == b) => (at, b),
        _ => (a, b),
    }
}

/// One-character complements a verb takes (串联起, 做深做透, 抓好, 落实到).
const VERB_COMPLEMENTS: &str = "起出到了着好深透实细牢";

/// The last item of a list before its label ends at 等 (侵占集体资源等农村“三资” →
/// 侵占集体资源). A count after 等 counts the list itself (…首都师范大学等11所“双一流”
/// 高校): no item, and the list is not the label's.
fn last_item_before_deng(text: &str, (a, b): (usize, usize)) -> Option<(usize, usize)> {
    match text[a..b].rfind('等') {
        Some(k) if k > 0 => {
            let after = &text[a + k + '等'.len_utf8()..b];
            if after.starts_with(|c: char| c.is_ascii_digit() || NUMERAL_CHARS.contains(c)) {
                return None;
            }
            Some(if han_len(after) <= 4 {
                (a, a + k)
            } else {
                (a, b)
            })
        }
        _ => Some((a, b)),
    }
}

fn before(ctx: &Ctx, m: &Match, n: u64) -> Option<Vec<(usize, usize)>> {
    let v = list_before(ctx, m, n)?;
    // 甘肃、四川等地将“两新”政策: a list that ends in 等 and a word of its own, then an
    // adverb, verb or preposition (等地将), is that word's subject, not the label's items
    // (but 等农村“三资”, 等所谓“五毒”: a modifier of the label).
    let label_start = m.group("label")?.0;
    let last = v.last()?.1;
    let gap = ctx.text.get(last..label_start).unwrap_or("");
    let own_noun = gap.strip_prefix('等').is_some_and(|rest| {
        let words = ctx.jieba.leading_words(rest.trim_end_matches('“'), 2);
        matches!(&words[..], [_, (_, t)] if matches!(t.chars().next(), Some('d' | 'v' | 'p')))
    });
    (!own_noun).then_some(v)
}

fn list_before(ctx: &Ctx, m: &Match, n: u64) -> Option<Vec<(usize, usize)>> {
    let text = ctx.text;
    let n = n as usize;
    let (a, mut b) = match m.group("items") {
        Some(g) => g,
        None => {
            let (l, _) = m.group("label")?;
            let end = if text[..l].ends_with('“') {
                l - '“'.len_utf8()
            } else {
                l
            };
            (
                super::clause_before(text, end, 160, "，。；：！？\n,;:!?"),
                end,
            )
        }
    };
    // “A”、“三个代表”: a label right after 、 is a member of a list, not its label; so is
    // one right before 、 (城乡低保、残疾人两项补贴、孤儿保障).
    // (Another count after the 、 is a breakdown of the same list: 等4大类、47项具体任务.)
    // Only a 、-chain that runs through the label makes it a member (A和B双轮驱动、C and
    // A、B等5种X、Y keep theirs).
    let chain = text[a..b].contains('、') && !text[a..b].ends_with('等');
    let member = chain
        && label_text(ctx, m).is_some_and(|(_, (_, label_end))| {
            text[label_end..]
                .trim_start_matches('”')
                .strip_prefix('、')
                .is_some_and(|r| {
                    !r.starts_with(|c: char| c.is_ascii_digit() || NUMERAL_CHARS.contains(c))
                })
        });
    // 外部约束和内生动力以及“双碳”承诺: a label right after a joining word is the list's
    // last member, not its label.
    let joined_to =
        JOINING_WORDS.iter().any(|w| text[..b].ends_with(w)) || text[..b].ends_with('或');
    if text[..b].ends_with('、') || member || joined_to {
        return None;
    }
    // “3”是指A、B、C“三篇消费文章”: a word that introduces a list (是指, 包括) starts it,
    // and the first item needs no trimming of the clause's verbs.
    let intro_start = intro_word_end(ctx, (a, b));
    let a = intro_start.unwrap_or(a);
    let mut relative = false;
    let mut closed = false;
    for tail in ["这", "等", "的"] {
        if text[a..b].ends_with(tail) {
            b -= tail.len();
            relative |= tail == "的";
            closed |= tail == "等";
        }
    }
    if a >= b {
        return None;
    }
    let mut parts = cleaned(text, split_top(&text[a..b], a, &['、']));
    if parts.len() == n - 1 || (parts.len() == 1 && n == 2) {
        // The last item may be joined with 和/与/及: "A、B和C", "A和B".
        let (la, lb) = *parts.last()?;
        let joined = JOINING_CHARS
            .iter()
            .map(|c| split_top(&text[la..lb], la, &[*c]))
            .find(|j| j.len() == 2 && joins_items(ctx, (la, lb), j[0].1))
            .unwrap_or_default();
        if joined.len() == 2 {
            // "A和B“两项活动”成果": with no 、 the label must end its clause, or it is a
            // modifier; or a predicate follows it (增产和减损两端同时发力, 科技和改革双轮驱动加快…):
            // an adverb, a conjunction or a verb of jieba's dictionary.
            let label_end = m.group("label").map_or(m.end, |g| g.1);
            let after = text[label_end..].trim_start_matches('”');
            let ends_clause = after
                .chars()
                .next()
                .is_none_or(|c| "，。；、：！？,;的".contains(c));
            let predicate = ctx
                .jieba
                .leading_words(after, 1)
                .first()
                .is_some_and(|&(len, t)| {
                    han_len(&after[..len]) >= 2 && (t.starts_with('v') || matches!(t, "d" | "c"))
                });
            if parts.len() == 1 && !ends_clause && !predicate {
                return None;
            }
            parts.pop();
            parts.extend(cleaned(text, joined));
        }
    }
    if parts.len() < n || n < 2 {
        return None;
    }
    // 国家粮食安全、强化科技和改革双轮驱动: a pair whose second item splits at a joining
    // word is three items, not the two the label declares. (Longer lists keep items with
    // 与/及/和 inside: 合作与发展、技术与产业…四大板块.)
    let quoted_label = m.group("label").is_some_and(|g| quoted_span(text, g));
    // (Both items so joined are parallel: 先进和落后、正确和错误两条路线.)
    if !quoted_label && parts.len() == 2 && n == 2 {
        let splits = |(la, lb): (usize, usize)| {
            JOINING_CHARS.iter().any(|c| {
                let j = split_top(&text[la..lb], la, &[*c]);
                j.len() == 2 && joins_items(ctx, (la, lb), j[0].1)
            })
        };
        if splits(parts[1]) && !splits(parts[0]) {
            return None;
        }
    }
    // Unquoted, a label is a formulation only over exactly as many items as it
    // declares (耕地和种子两个要害); the clause before a quoted one may hold more.
    if !quoted_label && parts.len() != n {
        return None;
    }
    // A list closed by 等 is whole: more items than the count (A、B、C等“两重”项目) are examples
    // of something the label names, not its items.
    let closed = closed
        || parts
            .last()
            .is_some_and(|&(x, y)| text[x..y].contains('等'));
    if closed && parts.len() > n {
        return None;
    }
    let mut parts = parts.split_off(parts.len() - n);
    // A、B、C、D是中方的4条红线: the list is the subject of 是, and what stands between 是 and
    // 的 is the label's (a short possessor), not the last item's.
    if relative {
        let (lx, ly) = parts[n - 1];
        if let Some(k) = text[lx..ly].rfind('是') {
            let rest = han_len(&text[lx + k + '是'.len_utf8()..ly]);
            if han_len(&text[lx..lx + k]) >= 2 && (1..=4).contains(&rest) {
                parts[n - 1].1 = lx + k;
            }
        }
    }
    // 以A、B、C为代表的“三新”: the frame (`item_frame_end`) is the clause's, not the items'.
    // (…为核心内容的: the frame may end in a noun of two characters.)
    let (lx, ly) = parts[n - 1];
    let frames = ctx.rules.lexicon("item_frame_end");
    let frame_at = text[lx..ly]
        .char_indices()
        .rev()
        .take(8)
        .find(|&(k, _)| {
            let rest = &text[lx + k..ly];
            frames
                .prefix_of(rest)
                .is_some_and(|f| han_len(&rest[f.len()..]) <= 2)
        })
        .map(|(k, _)| lx + k);
    if let Some(at) = frame_at.filter(|&at| han_len(&text[lx..at]) >= 2) {
        parts[n - 1].1 = at;
        // 2023年我国以新产业: the first item starts after 以.
        let (fx, fy) = parts[0];
        if let Some(k) = text[fx..fy].rfind('以') {
            if han_len(&text[fx + k + '以'.len_utf8()..fy]) >= 2 {
                parts[0].0 = fx + k + '以'.len_utf8();
            }
        }
    }
    // 为全面建成小康社会、续写“两大奇迹”: a clause opening with a preposition
    // (`p` in jieba's dictionary) makes the label its object, not a list's head.
    let (fa, fb) = parts[0];
    let opening: String = text[fa..fb].chars().take(6).collect();
    if ctx.rules.lexicon("lead_verb").prefix_of(&opening).is_none()
        && ctx
            .jieba
            .leading_words(&opening, 1)
            .first()
            .is_some_and(|&(_, t)| t == "p")
    {
        return None;
    }
    let raw_first = parts[0];
    if intro_start.is_none() {
        let (longest, shortest) = parts[1..].iter().fold((0, usize::MAX), |(l, s), &(x, y)| {
            let n = han_len(&text[x..y]);
            (l.max(n), s.min(n))
        });
        parts[0] = first_item(ctx, text, parts[0], shortest);
        parts[0] = first_item_verb(ctx, parts[0], &parts[1..]);
        parts[0] = first_item_after_predicate(ctx, parts[0], &parts[1..]);
        parts[0] = first_item_single_verb(ctx, parts[0], &parts[1..]);
        parts[0] = first_item_parallel(ctx, parts[0], &parts[1..], longest, shortest);
        parts[0] = first_item_nominal(ctx, parts[0], &parts[1..], shortest);
        parts[0] = first_item_same_length(ctx, parts[0], &parts[1..], longest, shortest);
        // 抓好“引进来”、走出去: what the cut leaves may be a quoted item.
        parts[0] = unquote(text, parts[0]);
        // 形成了春赏花、夏游林: the particle of a verb cut off opens no item (了解 does).
        let (fa, fb) = parts[0];
        if words_at(ctx, (fa, fb), 1)
            .first()
            .is_some_and(|w| &text[w.0..w.1] == "了" && han_len(&text[w.1..fb]) >= 2)
        {
            parts[0].0 = fa + '了'.len_utf8();
        }
    }
    // 打击了连接克里米亚和赫尔松地区的两座桥梁: a verb right before the list and 的
    // after it make a relative clause; the unquoted label is not the list's.
    if relative && !quoted_label && parts[0].0 > raw_first.0 {
        let dropped = words_at(ctx, (raw_first.0, parts[0].0), 32);
        if dropped
            .last()
            .is_some_and(|w| w.1 == parts[0].0 && w.2.starts_with('v') && w.2 != "vn")
        {
            return None;
        }
    }
    if let Some(last) = parts.last_mut() {
        *last = last_item_before_deng(text, *last)?;
    }

    // Items are noun phrases: none opens with a preposition or a measure (以更大的决心, 一支队伍)
    // or holds 的 inside.
    let bad_start = ctx.rules.lexicon("not_item_start");
    if parts.iter().any(|&(x, y)| {
        let s = &text[x..y];
        bad_start.prefix_of(s).is_some() || s.trim_end_matches('的').contains('的')
    }) {
        return None;
    }
    // …习近平对“三农”工作, 做到“两个维护”: a list ending in a preposition or a verb makes the
    // label an object; an item holding another numbered formulation makes it a run of slogans.
    let (lx, ly) = parts[parts.len() - 1];
    let last = &text[lx..ly];
    // …辉煌成就充分彰显了“两个确立”: an aspect particle ends the verb whose object the label is.
    if last.ends_with(['了', '着', '过'])
        || ctx.rules.lexicon("not_item_end").suffix_of(last).is_some()
        || strip_lead(ctx, text, (lx, ly)) == (lx, ly)
            && ctx.rules.lexicon("lead_verb").contains(last)
    {
        return None;
    }
    // …的两大力量、支持全球化的两大市场: an item that opens with a count and a measure
    // word is a label of its own, in a run of labels.
    let measure = ctx.rules.lexicon("measure");
    let counted_item = |s: &str| {
        let rest = s.trim_start_matches(|c: char| NUMERAL_CHARS.contains(c) || c.is_ascii_digit());
        rest.len() < s.len() && measure.prefix_of(rest).is_some()
    };
    // (A count of one is a name, not a formulation of items: “一带一路”建设.)
    let numbered = |s: &str| {
        s.split('“')
            .skip(1)
            .any(|q| declared(q).is_some_and(|k| k != 1))
    };
    if parts
        .iter()
        .any(|&(x, y)| numbered(&text[x..y]) || counted_item(&text[x..y]))
    {
        return None;
    }
    let max_other = parts[1..]
        .iter()
        .map(|(a, b)| han_len(&text[*a..*b]))
        .max()
        .unwrap_or(0);
    if han_len(&text[parts[0].0..parts[0].1]) > max_other * 3 + 6 {
        return None;
    }
    // 从优化营商环境、强化要素保障、提升服务效能等: where every other item opens with a
    // verb of two characters, the first keeps the verb cut from its start.
    let opens_with_verb = |r: (usize, usize)| {
        words_at(ctx, r, 1)
            .first()
            .is_some_and(|w| w.2.starts_with('v') && w.1 - w.0 >= 6)
    };
    // Not where the verb would make it longer than all of them (坚持务实高效、实惠管用、开放包容:
    // 坚持 is the clause's).
    if parts.len() >= 3
        && !opens_with_verb(parts[0])
        && parts[1..].iter().all(|&r| opens_with_verb(r))
    {
        if let Some(start) = verb_ending_at(ctx, raw_first.0, parts[0].0) {
            let longest = parts[1..]
                .iter()
                .map(|&(x, y)| han_len(&text[x..y]))
                .max()
                .unwrap_or(0);
            if han_len(&text[start..parts[0].1]) <= longest {
                parts[0].0 = start;
            }
        }
    }
    Some(parts)
}

/// Where a verb of jieba's dictionary (two to four characters; a verbal noun
/// too: 优化) that ends at `at` starts, no sooner than `from`.
fn verb_ending_at(ctx: &Ctx, from: usize, at: usize) -> Option<usize> {
    let text = ctx.text;
    (2..=4).rev().find_map(|k| {
        let (start, _) = text[from..at].char_indices().rev().nth(k - 1)?;
        let start = from + start;
        ctx.jieba
            .leading_words(&text[start..at], 1)
            .first()
            .filter(|&&(len, t)| len == at - start && t.starts_with('v'))
            .map(|_| start)
    })
}

/// Where the last word that introduces a list (`principle_intro` words of
/// two characters or more: 是指, 包括, 分别是) ends in `[a, b)`, outside quotes.
fn intro_word_end(ctx: &Ctx, (a, b): (usize, usize)) -> Option<usize> {
    let intro = ctx.rules.lexicon("principle_intro");
    let text = ctx.text;
    let mut depth = 0i32;
    let mut found = None;
    for (k, c) in text[a..b].char_indices() {
        match c {
            '“' => depth += 1,
            '”' => depth = (depth - 1).max(0),
            _ if depth == 0 => {
                if let Some(w) = intro.prefix_of(&text[a + k..b]) {
                    if w.chars().count() >= 2 && w.chars().all(|c| c.is_alphanumeric()) {
                        found = Some(a + k + w.len());
                    }
                }
            }
            _ => {}
        }
    }
    found.filter(|&e| e < b)
}

/// The parts of a formula label: `1+5+N` → 1, 5, N; a run of three to six
/// digits (`45432`) → one part per digit.
fn formula_part_names(label: &str) -> Vec<&str> {
    if label.contains(['+', '＋']) {
        label.split(['+', '＋']).collect()
    } else if (3..=6).contains(&label.chars().count()) && label.chars().all(|c| c.is_ascii_digit())
    {
        label
            .char_indices()
            .map(|(k, c)| &label[k..k + c.len_utf8()])
            .collect()
    } else {
        Vec::new()
    }
}

/// A formula label defined part by part after its colon or comma, on its line
/// or the next (`［8］1+5+N：` then `“1”即A；“5”即B；“N”即C。`; `“45432”发展架构：`
/// then `第一个“4”是指A，“5”是指B，…`; `“1+N”政策体系，“1”是指A，“N”是指B`): one
/// item per part, in order, each what follows the part's own intro word
/// (`principle_part_intro`: 即, 是指, 为 …) up to the next part.
fn formula_parts(ctx: &Ctx, m: &Match, label: &str) -> Option<Vec<(usize, usize)>> {
    let text = ctx.text;
    let parts = formula_part_names(label);
    if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let mut from = m.end;
    for mark in ['：', ':', '，', ',', '\n'] {
        if let Some(r) = text[from..].strip_prefix(mark) {
            from = text.len() - r.len();
        }
    }
    let line_end = text[from..].find('\n').map_or(text.len(), |k| from + k);
    let line = &text[from..line_end];
    let intro = ctx.rules.lexicon("principle_part_intro");
    // Where each part's definition starts and its marker begins, in order.
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    for part in &parts {
        let quoted = format!("“{part}”");
        let (k, marker) = [quoted.as_str(), part]
            .iter()
            .filter_map(|mk| {
                line[pos..].match_indices(mk).find_map(|(k, _)| {
                    let after = pos + k + mk.len();
                    intro
                        .prefix_of(&line[after..])
                        .map(|w| (pos + k, after + w.len()))
                })
            })
            .min()?;
        found.push((k, marker));
        pos = marker;
    }
    let mut out = Vec::new();
    for (i, &(_, start)) in found.iter().enumerate() {
        let end = found.get(i + 1).map_or(line.len(), |&(k, _)| k);
        // The next part's marker may open with an ordinal (第二个“4”是指).
        let seg = &line[start..end];
        let seg = match seg.rfind(['；', ';', '，', ',']) {
            Some(k) if i + 1 < found.len() => &seg[..k],
            _ => seg,
        };
        let (x, y) = trim(text, (from + start, from + start + seg.len()));
        if x >= y {
            return None;
        }
        out.push((x, y));
    }
    Some(out)
}

/// A quoted run of exactly as many characters as its label declares (three
/// or more), with no separator: one item per character (“牛羊菜果”四大产业 →
/// 牛, 羊, 菜, 果).
/// The label counts with a measure word (八大, 四个; not 3号, 三年) and the run holds
/// no numeral (“四人帮”, “华龙一号” are names); a count of characters (四个字)
/// counts the words' own.
fn one_per_character(
    text: &str,
    (a, b): (usize, usize),
    label: &str,
    n: usize,
) -> Option<Vec<(usize, usize)>> {
    let s = &text[a..b];
    let after_numeral =
        label.trim_start_matches(|c: char| c.is_ascii_digit() || NUMERAL_CHARS.contains(c));
    let measured = after_numeral
        .chars()
        .next()
        .is_some_and(|c| MEASURE_CHARS.contains(c));
    // “梅开春哨”四个字: characters counted are the words' own, not a list.
    let of_characters =
        after_numeral.trim_start_matches(|c: char| MEASURE_CHARS.contains(c)) == "字";
    if n < 3
        || !measured
        || of_characters
        || s.chars().count() != n
        || !s
            .chars()
            .all(|c| super::officials::is_han(c) && !NUMERAL_CHARS.contains(c))
    {
        return None;
    }
    Some(
        s.char_indices()
            .map(|(k, c)| (a + k, a + k + c.len_utf8()))
            .collect(),
    )
}

fn quoted(ctx: &Ctx, m: &Match, count: Option<u64>) -> Option<Vec<(usize, usize)>> {
    let text = ctx.text;
    let (a, b) = m.group("items")?;
    let s = &text[a..b];
    // A quotation that ends a sentence inside (“您好，主席阁下！”) is speech, not a list.
    if s.contains(['！', '？', '。', '!', '?']) {
        return None;
    }
    let parts = if s.starts_with('“') || s.contains(['“', '”']) {
        // “杀菌、杀虫、增效”“五合一”: a quote holding a list of its own is no one item.
        let v = adjacent_quotes(text, (a, b))?;
        if v.iter().any(|&(x, y)| text[x..y].contains(['、', '，'])) {
            return None;
        }
        v
    } else if let Some(n) = count {
        // A declared count picks the separators that give it: “A、B，C、D”三大矛盾
        // is two items, “A、B、C和D”四措并举 four.
        let label = m.group("label").map_or("", |(x, y)| &text[x..y]);
        fit_list(ctx, a, b, n as usize)
            .or_else(|| one_per_character(text, (a, b), label, n as usize))?
    } else {
        let by_comma = split_top(s, a, &['，', ',', '；', ';']);
        let by_dun = split_top(s, a, &['、']);
        if by_dun.len() > 1 && by_comma.len() > 1 {
            return None; // a sentence, not a list
        }
        if by_dun.len() > 1 {
            // “A、B和C”目标: the last two items may be joined by 和 (three items),
            // each of two characters or more (not “不与民争利、不与民争地”).
            let v = cleaned(text, by_dun);
            let n = v.len() + 1;
            let split = join_split(ctx, v.clone(), n);
            if split.iter().all(|&(x, y)| han_len(&text[x..y]) >= 2) {
                split
            } else {
                v
            }
        } else {
            cleaned(text, by_comma)
        }
    };
    if parts.len() < 2
        || parts
            .iter()
            .any(|(x, y)| han_len(&text[*x..*y]) > MAX_QUOTED_ITEM)
    {
        return None;
    }
    if let Some(n) = count {
        if parts.len() != n as usize {
            return None;
        }
    }
    Some(parts)
}

/// The items of adjacent quotes, maybe joined by a word or with a last
/// unquoted item: `“A”“B”、C`, `“A”和“B”`. `[a, b)` is the whole run, or
/// starts inside the first quote (`A”和“B` of a rule that opened it).
fn adjacent_quotes(text: &str, (a, b): (usize, usize)) -> Option<Vec<(usize, usize)>> {
    let mut v = Vec::new();
    let mut pos = a;
    if !text[a..b].starts_with('“') {
        let close = text[a..b].find('”')?;
        v.push((a, a + close));
        pos = a + close + '”'.len_utf8();
    }
    while pos < b {
        let rest = &text[pos..b];
        if let Some(r) = rest.strip_prefix('“') {
            // The last quote may close after the range (a rule that matched its quote marks).
            let close = r.find('”').unwrap_or(r.len());
            v.push((pos + 3, pos + 3 + close));
            pos += 3 + close + 3;
        } else {
            let next = rest.find('“').map_or(b, |k| pos + k);
            let (x, y) = (pos, next);
            let y = if text[x..y].ends_with('的') {
                y - '的'.len_utf8()
            } else {
                y
            };
            // What stands between two quotes joins them (和, 与, 、); after the last,
            // it is one more item.
            let between = next < b;
            let piece = text[x..y].trim_matches(['、', '，']);
            if !(between && (piece.is_empty() || JOINING_WORDS.contains(&piece))) {
                v.extend(cleaned(text, split_top(&text[x..y], x, &['、', '和'])));
            }
            pos = next;
        }
    }
    Some(cleaned(text, v))
}

const ORDINALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn enumerated(ctx: &Ctx, from: usize, n: u64) -> Option<Vec<(usize, usize)>> {
    let text = ctx.text;
    let n = n as usize;
    if n < 2 || n > ORDINALS.len() {
        return None;
    }
    let from = skip_chars(text, from, &[' ', '　']);
    let rest = &text[from..];
    if rest.starts_with("\n——") || rest.starts_with("——") {
        // A label inside a paragraph of the run (——…共建“一带一路”。⏎——…) is a sibling's.
        let line_start = text[..from].rfind('\n').map_or(0, |k| k + 1);
        if text[line_start..from]
            .trim_start_matches([' ', '　'])
            .starts_with("——")
        {
            return None;
        }
        return dashes(text, from, n);
    }
    let (prefix, suffix) = enumeration_marks(rest.trim_start_matches('\n'))?;
    let mut starts = Vec::new();
    let mut pos = from;
    for ord in &ORDINALS[..n] {
        let marker = format!("{prefix}{ord}{suffix}");
        let window_end = text.floor_char_boundary(pos + 3000);
        // A marker opens a clause (一是, 二要); 统一要求 holds none.
        let k = text[pos..window_end]
            .match_indices(&marker)
            .find_map(|(k, _)| {
                let at = pos + k;
                (at == from || text[..at].ends_with(['。', '；', '，', '：', '\n', ';', ',', ':']))
                    .then_some(at)
            })?;
        starts.push((k, k + marker.len()));
        pos = k + marker.len();
    }
    let mut out = Vec::new();
    for (i, &(_, item_start)) in starts.iter().enumerate() {
        let item_start = skip_chars(text, item_start, &['，', '、', ',']);
        let stop = region_ends(text, item_start).1;
        let next = starts.get(i + 1).map_or(stop, |s| s.0);
        let (x, y) = trim(text, (item_start, stop.min(next)));
        if x >= y {
            return None;
        }
        out.push((x, y));
    }
    Some(out)
}

/// Clauses that repeat the label's own word after it: `“五个必须”，必须A，必须B…`
/// (each opens with it), `“七个有之”，搞X的有之，搞Y的有之…` (each ends with 的 and it).
/// The run of such clauses from the start of the sentence at `from` (each one
/// item, the word kept), or `None` when its first clause is no such clause.
fn marked_clauses(ctx: &Ctx, from: usize, label: &str) -> Option<Vec<(usize, usize)>> {
    let text = ctx.text;
    let word = label
        .trim_start_matches(['“', '这'])
        .trim_start_matches(|c: char| c.is_ascii_digit() || NUMERAL_CHARS.contains(c));
    let word = word
        .strip_prefix(ctx.rules.lexicon("measure").prefix_of(word).unwrap_or(""))
        .unwrap_or(word)
        .trim_end_matches('”');
    if !(2..=3).contains(&han_len(word)) || word.contains(|c: char| !super::officials::is_han(c)) {
        return None;
    }
    let from = skip_chars(text, from, &[' ', '　']);
    let end = region_ends(text, from).1;
    let clauses = cleaned(
        text,
        split_top(&text[from..end], from, &['，', ',', '；', ';']),
    );
    let opens = |&(a, b): &(usize, usize)| text[a..b].starts_with(word);
    // (Ending, the word follows 的 in each: 搞X的有之; 首先是国内市场 or 一个叫钢铁工厂 merely
    // name things.)
    let ends = |&(a, b): &(usize, usize)| {
        text[a..b]
            .strip_suffix(word)
            .is_some_and(|r| r.ends_with('的'))
    };
    let marked: &dyn Fn(&(usize, usize)) -> bool = match clauses.first() {
        Some(c) if opens(c) => &opens,
        Some(c) if ends(c) => &ends,
        _ => return None,
    };
    let run = clauses.iter().take_while(|c| marked(c)).count();
    let long = clauses[..run]
        .iter()
        .all(|&(a, b)| han_len(&text[a..b]) > han_len(word));
    long.then(|| clauses[..run].to_vec())
}

/// The marks around the ordinal of a run of numbered clauses that `text`
/// opens with: `一是` (`""`, `"是"`), `一要`, `第一，` (`"第"`, `"，"`).
fn enumeration_marks(text: &str) -> Option<(&'static str, &'static str)> {
    ENUMERATION_MARKS.iter().copied().find(|(p, s)| {
        text.strip_prefix(p)
            .and_then(|r| r.strip_prefix('一'))
            .is_some_and(|r| r.starts_with(s))
    })
}

/// `at` moved past any of `chars` that open `text[at..]`.
fn skip_chars(text: &str, at: usize, chars: &[char]) -> usize {
    text.len() - text[at..].trim_start_matches(chars).len()
}

/// Prefix and suffix of the ordinal opening each of a run of numbered
/// clauses: 一是…二是…, 一要…二要…, 第一，…第二，… (第一步 is no mark).
const ENUMERATION_MARKS: [(&str, &str); 4] = [("", "是"), ("", "要"), ("第", "，"), ("第", "、")];

/// Items as paragraphs opening with `——`, each up to its first `。`.
fn dashes(text: &str, from: usize, n: usize) -> Option<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    let mut pos = from;
    while out.len() < n {
        let k = text[pos..].find("——")?;
        let start = pos + k;
        if start != from && !text[..start].ends_with('\n') {
            pos = start + "——".len();
            continue;
        }
        let item_start = start + "——".len();
        let stop = region_ends(text, item_start).1;
        out.push(trim(text, (item_start, stop)));
        pos = stop;
    }
    // One more such paragraph right after makes more items than the label declares.
    let line_end = text[pos..].find('\n').map_or(text.len(), |k| pos + k);
    let more = text[line_end..]
        .trim_start_matches(['\n', ' ', '　'])
        .starts_with("——");
    (!more).then_some(out)
}

/// Splits the last of `parts` at a joining word (`和` `及` `以及` `与`) when
/// that gives `n` items: `A、B和C`, `“两重”：是指A和B`.
fn join_split(ctx: &Ctx, mut parts: Vec<(usize, usize)>, n: usize) -> Vec<(usize, usize)> {
    let text = ctx.text;
    if parts.len() + 1 != n {
        return parts;
    }
    let Some(&(la, lb)) = parts.last() else {
        return parts;
    };
    // A part with a comma in it is clauses: a 和 inside joins words of one of them
    // (一种是加强团结合作，促进世界安全和繁荣).
    if text[la..lb].contains(['，', ',']) {
        return parts;
    }
    for joiner in ['和', '及', '与'] {
        let mut j = split_top(&text[la..lb], la, &[joiner]);
        if j.len() == 2 && !joins_items(ctx, (la, lb), j[0].1) {
            continue;
        }
        // 以及 joins as 及 does; its 以 belongs to neither item.
        if let [first, _] = j.as_mut_slice() {
            if joiner == '及' && text[first.0..first.1].ends_with('以') {
                first.1 -= '以'.len_utf8();
            }
        }
        if j.len() == 2 {
            let j = cleaned(text, j);
            if j.len() == 2 && j.iter().all(|&(x, y)| han_len(&text[x..y]) >= 1) {
                parts.pop();
                parts.extend(j);
                return parts;
            }
        }
    }
    parts
}

/// Is the joining word (和, 及, 与, 以及) at `at` a word of its own in jieba's
/// segmentation of the item `(a, b)` that holds it, not part of a longer
/// word (维护和平协议, 安定祥和, 涉及, 参与; but 包装和服务质量 splits)?
fn joins_items(ctx: &Ctx, (a, b): (usize, usize), at: usize) -> bool {
    let text = ctx.text;
    // A window of a few characters either side decides the words around `at`.
    let from = text[a..at]
        .char_indices()
        .rev()
        .nth(5)
        .map_or(a, |(k, _)| a + k);
    let to = text[at..b].char_indices().nth(7).map_or(b, |(k, _)| at + k);
    let mut pos = from;
    for (word, _) in ctx.jieba.tag(&text[from..to], true) {
        if pos == at {
            return JOINING_WORDS.contains(&word.as_str());
        }
        if pos + word.len() > at {
            // 以及 split at its 及.
            return word == "以及";
        }
        pos += word.len();
    }
    false
}

/// Items after `from` up to `end`, split at the first separator set that
/// gives `n` (with the last two maybe joined by 和).
fn fit_list(ctx: &Ctx, from: usize, end: usize, n: usize) -> Option<Vec<(usize, usize)>> {
    let text = ctx.text;
    let seps: [&[char]; 4] = [
        &['；', ';'],
        &['，', ','],
        &['、'],
        &['，', ',', '、', '；', ';'],
    ];
    for seps in seps {
        let parts = join_split(
            ctx,
            cleaned(text, split_top(&text[from..end], from, seps)),
            n,
        );
        if parts.len() == n && parts.iter().all(|&(x, y)| x < y) {
            return Some(parts);
        }
    }
    None
}

/// The labels that follow a label at `pos` and share its list: `、“五大战略”`,
/// `、两个枢纽、两个网络`, up to the colon that introduces the list. Their counts
/// summed, how many there are, and where the colon stands (`pos` itself when
/// no such run ends at a colon).
fn chain_after(text: &str, pos: usize, open_quote: bool) -> (usize, usize, usize) {
    let (mut sum, mut labels, mut at) = (0, 0, pos);
    let mut all_bare = true;
    while labels < MAX_SHARED_LABELS {
        let rest = &text[at..];
        // A label follows after 、 or right after a closing quote (“A”“B”).
        let next = match rest.strip_prefix('、') {
            Some(r) => r,
            None if rest.starts_with('“') && text[..at].ends_with('”') => rest,
            None => break,
        };
        let quoted = next.starts_with('“');
        all_bare &= !quoted;
        let inner = next.strip_prefix('“').unwrap_or(next);
        let len = inner
            .char_indices()
            .find(|&(_, c)| !super::officials::is_han(c))
            .map_or(inner.len(), |(k, _)| k);
        let label = &inner[..len];
        if quoted && !inner[len..].starts_with('”') {
            break;
        }
        let Some(k) = declared(label).filter(|_| len > 0 && han_len(label) <= 12) else {
            break;
        };
        sum += k as usize;
        labels += 1;
        at = text.len() - inner.len() + len + if quoted { '”'.len_utf8() } else { 0 };
    }
    // “三项政策、一项改革”，即…: one pair of quotes around the whole chain.
    if labels > 0 && open_quote && all_bare && text[at..].starts_with('”') {
        at += '”'.len_utf8();
    }
    if labels > 0 && at_intro(text, at) {
        (sum, labels, at)
    } else {
        (0, 0, pos)
    }
}

/// At most this many labels share one list (more, as in a hostile run of
/// quoted labels, share none: each search along the run stays short).
const MAX_SHARED_LABELS: usize = 6;

/// Does a colon, or ，即, stand at `at`?
fn at_intro(text: &str, at: usize) -> bool {
    text[at..].starts_with(['：', ':']) || text[at..].starts_with("，即")
}

/// The labels right before the label at `start`, joined to it by 、 or
/// adjacent quotes (`两个基地、两个枢纽、` before 两个网络): their counts summed
/// and how many there are.
fn chain_before(text: &str, start: usize) -> (usize, usize) {
    let (mut sum, mut labels) = (0, 0);
    let mut s = &text[..start];
    s = s.strip_suffix('“').unwrap_or(s);
    loop {
        if labels == MAX_SHARED_LABELS {
            return (0, 0);
        }
        let (rest, quoted) = if let Some(r) = s.strip_suffix('、') {
            let q = r.ends_with('”');
            (r.strip_suffix('”').unwrap_or(r), q)
        } else if let Some(r) = s.strip_suffix('”') {
            (r, true)
        } else {
            break;
        };
        let run = rest
            .char_indices()
            .rev()
            .find(|&(_, c)| !super::officials::is_han(c))
            .map_or(0, |(k, c)| k + c.len_utf8());
        let segment = &rest[run..];
        // The label starts at its numeral: 推进两个基地 → 两个基地.
        let Some(k) = segment.find(|c: char| NUMERAL_CHARS.contains(c) || c.is_ascii_digit())
        else {
            return (0, 0);
        };
        let label = &segment[k..];
        match declared(label).filter(|_| han_len(label) <= 12) {
            Some(c) => {
                sum += c as usize;
                labels += 1;
                let cut = run + k;
                s = &rest[..cut];
                if quoted {
                    match s.strip_suffix('“') {
                        Some(r) => s = r,
                        None => return (0, 0),
                    }
                } else if cut != run {
                    break;
                }
            }
            None => return (0, 0),
        }
    }
    (sum, labels)
}

/// The items of the label at place `index` among `labels` that share the list
/// `(from, end)`: the group of that place where commas split the list into one
/// group per label (A和B，C和D，E和F; a group that does not fit its label
/// gives nothing), else its slice of the list split into `total` items.
fn shared_list(
    ctx: &Ctx,
    (from, end): (usize, usize),
    labels: usize,
    index: usize,
    before: usize,
    n: usize,
    total: usize,
) -> Option<Vec<(usize, usize)>> {
    let text = ctx.text;
    let groups = cleaned(
        text,
        split_top(&text[from..end], from, &['，', ',', '；', ';']),
    );
    if groups.len() == labels && labels > 1 {
        return groups.get(index).and_then(|&(x, y)| fit_list(ctx, x, y, n));
    }
    let all = cleaned(
        text,
        split_top(&text[from..end], from, &['，', ',', '、', '；', ';']),
    );
    let all = join_split(ctx, all, total);
    (all.len() == total).then(|| all[before..before + n].to_vec())
}

/// The items of a label that declares `n`, in whichever layout fits: after
/// an intro word (`principle_intro`: ：, ——, 即, 是指, 包括 …) to the end of
/// the sentence, in brackets, on the next line (a notes entry `四个一批：`),
/// as `一是…二是…` clauses, or before the label; labels that share one
/// list before its intro (`“三大高地”“五大战略”：…`, `两个基地、两个枢纽、两个网络：…`)
/// each take their count of its items, in order. An unquoted label takes only
/// a list of exactly its count.
fn counted(ctx: &Ctx, m: &Match, label: &str, n: u64) -> Option<Vec<(usize, usize)>> {
    let text = ctx.text;
    let n = n as usize;
    // One "item" is a sentence about the label, not a list.
    if !(2..=20).contains(&n) {
        return weigh(ctx, "any layout", None, || {
            format!("declares {n}: a list has 2 to 20 items")
        });
    }
    let (label_start, label_end) = m.group("label")?;
    // 第二批: an ordinal, not a count.
    if text[..label_start].ends_with('第') {
        return weigh(ctx, "any layout", None, || {
            "第…: an ordinal, not a count".into()
        });
    }
    let quoted_label = text[..label_start].ends_with('“') || label.contains('“');
    // An unquoted label cut short (两座建筑在伊朗 → 两座建筑) is followed by what was cut,
    // unless that is a place word ending the phrase (三重疫情当中).
    let cut = label_start + label.len();
    let place = |rest: &str| {
        let words = ctx.jieba.leading_words(rest, 2);
        words.len() == 1 && matches!(words[0].1, "f" | "s")
    };
    let mut pos = if !quoted_label
        && text[label_start..label_end].starts_with(label)
        && !place(&text[cut..label_end])
    {
        cut
    } else {
        label_end
    };
    if text[pos..].starts_with('”') {
        pos += '”'.len_utf8();
        // “双环”旅游公路：: a quoted label inside a longer term, the term then a colon
        // (or ，即: “九个坚持”重大原则，即坚持A、坚持B…; or brackets: “双环”旅游公路（A和B）).
        let intro = ctx.rules.lexicon("principle_intro");
        let tail = text[pos..]
            .char_indices()
            .take(7)
            .find(|&(_, c)| !super::officials::is_han(c))
            .filter(|&(k, c)| {
                k > 0
                    && (matches!(c, '：' | ':' | '（' | '(')
                        || c == '，'
                            && intro
                                .prefix_of(&text[pos + k..])
                                .is_some_and(|w| w.len() > c.len_utf8()))
            })
            // (not “一带一路”的八项行动：, where the colon is another label's)
            .filter(|&(k, _)| {
                !text[pos..pos + k].contains(|c: char| c == '的' || NUMERAL_CHARS.contains(c))
            });
        if let Some((k, _)) = tail {
            pos += k;
        }
    }
    // Labels sharing one list before its intro (“三大高地”“五大战略”：…; 两个基地、两个枢纽、
    // 两个网络：…): each takes its count of the items, in order.
    let open_quote = text[..label_start].ends_with('“') && !text[label_start..pos].contains('”');
    let (after_count, after_labels, chain_end) = chain_after(text, pos, open_quote);
    let (before_count, before_labels) = if after_labels > 0 || at_intro(text, chain_end) {
        chain_before(text, label_start)
    } else {
        (0, 0)
    };
    pos = chain_end;
    let intro = ctx.rules.lexicon("principle_intro");
    let after_intro = intro
        .prefix_of(&text[pos..])
        .filter(|w| whole_word(ctx, pos, w))
        .map(|w| pos + w.len());
    if let Some(mut from) = after_intro {
        let bracket = text[pos..from].ends_with(['（', '(']);
        if text[from..].starts_with('\n') {
            from += 1; // a notes entry: the items are on the next line
        }
        let end = if bracket {
            from + text[from..].find(['）', ')'])?
        } else {
            region_ends(text, from).1
        };
        if before_labels + after_labels > 0 {
            let total = before_count + n + after_count;
            let labels = before_labels + 1 + after_labels;
            let shared = shared_list(
                ctx,
                (from, end),
                labels,
                before_labels,
                before_count,
                n,
                total,
            );
            if let Some(v) = weigh(ctx, "a list shared with the other labels", shared, || {
                format!("no {labels} groups and no {total} items ({before_count} + {n} + {after_count})")
            }) {
                return Some(v);
            }
        } else if let Some(v) = weigh(
            ctx,
            "after the intro word",
            plain_list_end(
                ctx,
                fit_list(ctx, from, end, n).or_else(|| after(ctx, from, n as u64)),
            ),
            || split_counts(text, from, end, n),
        ) {
            return Some(v);
        }
    } else {
        weigh(ctx, "after the intro word", None, || {
            "no intro word (：, 即, 是指, 包括 …) after the label".into()
        });
    }
    // 一是…二是…: the first clause opens right after the label's sentence mark.
    if let Some(mark) = text[pos..]
        .chars()
        .next()
        .filter(|c| "：:。，".contains(*c))
    {
        let after_mark = pos + mark.len_utf8();
        let next = text[after_mark..].trim_start_matches(['\n', ' ', '　']);
        if enumeration_marks(next).is_some() || next.starts_with("——") {
            if let Some(v) = weigh(
                ctx,
                "一是…二是… clauses",
                enumerated(ctx, after_mark, n as u64),
                || format!("no run of {n} numbered clauses"),
            ) {
                return Some(v);
            }
        } else if let Some(run) = marked_clauses(ctx, after_mark, label) {
            let k = run.len();
            if let Some(v) = weigh(
                ctx,
                "clauses that repeat the label's word",
                (k == n).then_some(run),
                || format!("{k} clauses open or end with the label's word, not {n}"),
            ) {
                return Some(v);
            }
        }
    }
    // Items before the label: an unquoted label must end its clause (…两个区域中心城市。).
    let ends_clause = text[pos..]
        .chars()
        .next()
        .is_none_or(|c| "，。；、：！？,;:!?\n）)的".contains(c));
    // …等4大要素交易服务平台已经挂牌, …等五方面作出部署, A、B这两个目标已提前实现: after 等
    // or 这, a label cut where an adverb or a verb of two characters opens its predicate
    // ends its clause too.
    // (两个城市群之间开展合作: a label ending in a place word is no list's head.)
    let place_end = label
        .char_indices()
        .rev()
        .nth(1)
        .is_some_and(|(k, _)| place(&label[k..]));
    let predicate_after_deng = (text[..label_start].ends_with('等') && pos < label_end
        || text[..label_start].ends_with('这'))
        && ctx
            .jieba
            .leading_words(&text[pos..], 1)
            .first()
            .is_some_and(|&(len, t)| {
                is_adverb(ctx, &text[pos..pos + len], t) || t == "v" && len >= 6 && !place_end
            });
    let ends_clause = ends_clause || predicate_after_deng;
    // 两个市场两种资源: two counts run together are two formulations, neither listed here.
    let measure = ctx.rules.lexicon("measure");
    let second_count = label.char_indices().skip(1).any(|(k, c)| {
        NUMERAL_CHARS.contains(c) && measure.prefix_of(&label[k + c.len_utf8()..]).is_some()
    });
    if second_count && compound_count(label).is_none() {
        return weigh(ctx, "before the label", None, || {
            "two counts run together (两个市场两种资源): neither is listed here".into()
        });
    }
    let compound = compound_count(label).is_some();
    let shared = before_labels + after_labels > 0;
    if !shared && !compound && (quoted_label || ends_clause) {
        let v = before(ctx, m, n as u64);
        let Some(v) = v else {
            return weigh(ctx, "before the label", None, || {
                before_miss(ctx, m, n as u64)
            });
        };
        // Every later test refuses the list as a whole, for the reason it gives.
        let refuse = |why: &str| {
            let why = why.to_string();
            weigh(ctx, "before the label", None, move || why)
        };
        let cut = parallel_ends(ctx, v.clone());
        // Cut where a preposition or 是 ended the list (西南以及海上 → 西南以): a clause, not a list.
        let not_end = ctx.rules.lexicon("not_item_end");
        if cut
            .iter()
            .any(|&(x, y)| not_end.suffix_of(&text[x..y]).is_some())
        {
            return refuse("an item ends in a preposition or 是: a clause, not a list");
        }
        // 大数据、大生态是贵州两大名片: an item holding 是 as a word is a clause; the label is its predicate.
        let holds_shi = |&r: &(usize, usize)| {
            words_at(ctx, r, 32)
                .iter()
                .any(|&(x, y, _)| &text[x..y] == "是")
        };
        if !quoted_label && cut.iter().any(holds_shi) {
            return refuse("an item holds 是: the label is the clause's predicate");
        }
        // …及浙江宁波设置了5个地面课堂: an aspect particle ends a verb, whose object the label is.
        if v.last()
            .is_some_and(|&(x, y)| text[x..y].ends_with(['了', '着', '过']))
        {
            return refuse("the list ends in 了/着/过: the label is a verb's object");
        }
        // 通过A、B、C来保障“双碳”目标: a list longer than the count, cut where a verb
        // takes the label, is that verb's means, not the label's items.
        if quoted_label
            && cut.last().map(|r| r.1) != v.last().map(|r| r.1)
            && text[..v[0].0].ends_with('、')
        {
            return refuse(
                "a verb takes the label after a longer list: the list is no items of it",
            );
        }
        // 实现两位数增长: an unquoted label taken by the verb ending the list is
        // the verb's object, a count of things, not the list's head.
        if !quoted_label && cut.last().map(|r| r.1) != v.last().map(|r| r.1) {
            return refuse("a verb ends the list and takes the label as its object");
        }
        // Unquoted, a list is a formulation only when it is one of parallel
        // short names (酒泉、天水两个区域中心城市), not clauses run into it.
        if !quoted_label {
            let lens: Vec<usize> = cut.iter().map(|&(a, b)| han_len(&text[a..b])).collect();
            // (A label after 这 points back at what was just listed: its items may be
            // phrases, 解决人民温饱问题、人民生活总体上达到小康水平这两个目标.)
            let demonstrative = if text[..label_start].ends_with('这') {
                MAX_UNQUOTED_ITEM
            } else {
                0
            };
            let max_rest = lens[1..].iter().copied().max().unwrap_or(0);
            let first_raw = &text[v[0].0..v[0].1];
            // 双 with no measure word opens many terms (双向交流, 双循环): its
            // two items must be parallel, of one length (总量和结构双重功能).
            let pair = label.starts_with('双') && lens.iter().any(|&l| l != lens[0] || l > 4);
            if pair
                || lens
                    .iter()
                    .any(|&l| l > max_unquoted_item(n) + demonstrative)
                || lens[0] > 2 * max_rest + 2
                || first_raw.contains(['了', '将'])
            {
                return refuse("unquoted, the items are not short parallel names");
            }
        }
        return weigh(ctx, "before the label", Some(cut), String::new);
    }
    weigh(ctx, "before the label", None, || {
        if shared || compound {
            "not weighed for a shared or compound label".into()
        } else {
            "an unquoted label must end its clause to take the list before it".into()
        }
    })
}

/// How the text after an intro word splits by each separator, against the
/// declared count `n`: why no list there fit.
fn split_counts(text: &str, from: usize, end: usize, n: usize) -> String {
    let counts: Vec<String> = [
        ("；", &['；', ';'][..]),
        ("，", &['，', ','][..]),
        ("、", &['、'][..]),
    ]
    .iter()
    .map(|(name, seps)| {
        let k = cleaned(text, split_top(&text[from..end], from, seps)).len();
        format!("{k} by {name}")
    })
    .collect();
    format!("{} to the sentence end: none is {n}", counts.join(", "))
}

/// The longest item of an unquoted label's list: short names, a little
/// longer in a long list, where so many parallel items are a list by
/// themselves (…生物医药和高端医疗器械等十大新兴产业).
fn max_unquoted_item(n: usize) -> usize {
    if n >= 4 {
        MAX_UNQUOTED_ITEM + 4
    } else {
        MAX_UNQUOTED_ITEM
    }
}

/// The first `max` dictionary words of `text[a..b]`: start, end and jieba tag of each.
fn words_at(ctx: &Ctx, (a, b): (usize, usize), max: usize) -> Vec<(usize, usize, &'static str)> {
    let mut pos = a;
    ctx.jieba
        .leading_words(&ctx.text[a..b], max)
        .into_iter()
        .map(|(len, t)| {
            pos += len;
            (pos - len, pos, t)
        })
        .collect()
}

/// Where the list before a label runs into its clause, the first item holds
/// the clause's verb (`产业聚焦生物制药`) and the last the verb that takes the
/// label (`满意度连续13年实现“双提升”`): when the middle items hold no verb,
/// the first keeps what follows its last leading verb (`lead_verb`) and the
/// last what precedes its first verb, adverb or numeral (tags of jieba's dictionary).
fn parallel_ends(ctx: &Ctx, mut v: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let text = ctx.text;
    let tags = |r: (usize, usize)| words_at(ctx, r, 16);
    let verbal = |t: &str| t.starts_with('v') || matches!(t, "d" | "ad" | "m");
    let plain = |r: (usize, usize)| tags(r).iter().all(|w| !verbal(w.2));
    let others: Vec<(usize, usize)> = match v.len() {
        0..=1 => return v,
        2 => Vec::new(),
        k => v[1..k - 1].to_vec(),
    };
    if !others.iter().all(|&r| plain(r)) {
        return v;
    }
    // The first item: what follows the last leading verb in it (聚焦, 用好 …), as
    // long as the shortest of the others, up to four characters (组织体系, not 体系).
    let lead = ctx.rules.lexicon("lead_verb");
    let keep = v[1..]
        .iter()
        .map(|&(x, y)| han_len(&text[x..y]))
        .min()
        .unwrap_or(0)
        .clamp(2, 4);
    let (a0, b0) = v[0];
    let cut = text[a0..b0]
        .char_indices()
        .filter_map(|(k, _)| lead.prefix_of(&text[a0 + k..b0]).map(|w| a0 + k + w.len()))
        .filter(|&c| han_len(&text[c..b0]) >= keep)
        .last();
    if let Some(c) = cut {
        v[0].0 = c;
    }
    // …and what follows a preposition in it (旅游消费向旅游景区 → 旅游景区).
    let (a0, _) = v[0];
    // (Not one every other item holds too: 厦门至金门、泉州至金门.)
    let shared = |w: &(usize, usize, &str)| {
        v[1..]
            .iter()
            .all(|&(x, y)| text[x..y].contains(&text[w.0..w.1]))
    };
    if let Some(w) = tags(v[0])
        .into_iter()
        .rev()
        .find(|w| w.2 == "p" && han_len(&text[w.1..b0]) >= 2 && !shared(w))
    {
        v[0].0 = w.1.max(a0);
    }
    cut_last_predicate(ctx, &mut v, true);
    v
}

/// Cuts the last item of a list where the sentence's predicate starts in it:
/// at its first verb, adverb or numeral after its first word (tags of jieba's
/// dictionary): …北京城市图书馆、北京大运河博物馆已经全面完工 → 北京大运河博物馆.
/// The caller has checked that the other items hold none. Without `verbs`,
/// only an adverb cuts, of one character too (a verb may be the name's own:
/// 自贸港法规制定权; 市科技馆均已建成 → 市科技馆).
fn cut_last_predicate(ctx: &Ctx, v: &mut [(usize, usize)], verbs: bool) {
    let Some(k) = v.len().checked_sub(1) else {
        return;
    };
    let last = words_at(ctx, v[k], 16);
    // 2月25日将出现: an item that opens with a numeral keeps its numerals.
    let counted = last.first().is_some_and(|w| {
        w.2 == "m" || ctx.text[w.0..w.1].starts_with(|c: char| c.is_ascii_digit())
    });
    // A verb or adverb of one character is read into a name as often as it
    // stands alone (智能网联配套服务), so only longer ones and numerals cut.
    // A verbal noun (服务, 建设) ends names as often as it follows them.
    let cuts = |w: &(usize, usize, &str)| {
        let adverb = matches!(w.2, "d" | "ad") || is_adverb(ctx, &ctx.text[w.0..w.1], w.2);
        if !verbs {
            return adverb;
        }
        (w.2.starts_with('v') || adverb || w.2 == "m" && !counted)
            && w.2 != "vn"
            && (w.1 - w.0 > 3 || w.2 == "m")
    };
    if let Some(at) = last.iter().skip(1).position(cuts) {
        v[k].1 = last[at + 1].0;
    }
}

/// A plain name: no verb, adverb or numeral among its words (tags of jieba's dictionary).
fn plain_name(ctx: &Ctx, r: (usize, usize)) -> bool {
    words_at(ctx, r, 16)
        .iter()
        .all(|w| !(w.2.starts_with('v') || matches!(w.2, "d" | "ad" | "m")))
}

/// A list after its label whose items but the last are plain names (no verb,
/// adverb or numeral in them) ends its last where an adverb starts the
/// predicate ([`cut_last_predicate`]).
fn plain_list_end(ctx: &Ctx, v: Option<Vec<(usize, usize)>>) -> Option<Vec<(usize, usize)>> {
    let mut v = v?;
    let plain = |r: &(usize, usize)| plain_name(ctx, *r);
    if v.len() >= 2 && v[..v.len() - 1].iter().all(plain) {
        cut_last_predicate(ctx, &mut v, false);
    }
    Some(v)
}

/// 道路、电力、通信出现“三断”: where the items before the last are plain names
/// (no verb, adverb or numeral) and the last is longer than any of them, the
/// verb that takes the label is cut from it ([`cut_last_predicate`]).
fn verb_after_names(ctx: &Ctx, mut v: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let text = ctx.text;
    let plain = |r: &(usize, usize)| plain_name(ctx, *r);
    let Some((last, rest)) = v.split_last() else {
        return v;
    };
    let longest = rest.iter().map(|&(x, y)| han_len(&text[x..y])).max();
    if !rest.is_empty()
        && rest.iter().all(plain)
        && longest.is_some_and(|l| han_len(&text[last.0..last.1]) > l)
    {
        cut_last_predicate(ctx, &mut v, true);
    }
    v
}

/// Clauses of the document: byte ranges between `，；。：！？` and line ends.
fn clauses(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (k, c) in text.char_indices() {
        if "，；。：！？\n".contains(c) {
            out.push(trim(text, (start, k)));
            start = k + c.len_utf8();
        }
    }
    out.push(trim(text, (start, text.len())));
    out
}

fn anaphor(ctx: &Ctx, m: &Match, label: &str, n: u64) -> Option<Vec<(usize, usize)>> {
    let text = ctx.text;
    let n = n as usize;
    let key = label.split('个').nth(1)?.trim_matches(['“', '”']);
    if n < 2 || han_len(key) == 0 || han_len(key) > 4 {
        return None;
    }
    // “两个中国”: a place or person name is no marker clauses repeat.
    if ctx
        .jieba
        .leading_words(key, 1)
        .first()
        .is_some_and(|&(len, t)| len == key.len() && (t.starts_with("ns") || t.starts_with("nr")))
    {
        return None;
    }
    let lead = ctx.rules.lexicon("lead_verb");
    let starts_with_key = |r: &(usize, usize)| -> Option<(usize, usize)> {
        if r.1 - r.0 > MAX_CLAUSE_ITEM_BYTES {
            return None;
        }
        let s = &text[r.0..r.1];
        let s = s.trim_end_matches(['”', '’']);
        if s.ends_with(key) && han_len(s) > han_len(key) + 1 {
            return Some((r.0, r.0 + s.len()));
        }
        let k = s.find(key)?;
        let before = &s[..k];
        (k == 0 || (han_len(before) <= 3 && lead.prefix_of(before).is_some() || before == "我们"))
            .then_some((r.0 + k, r.0 + s.len()))
    };
    let all = ctx.clauses.get_or_init(|| clauses(text));
    // Only the clauses shortly before the label: the label points back, and the work stays linear.
    let lo = all.partition_point(|c| c.1 + ANAPHOR_WINDOW < m.start);
    let hi = all.partition_point(|c| c.0 < m.start);
    let all = &all[lo..hi.max(lo)];
    let mut runs: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut cur: Vec<(usize, usize)> = Vec::new();
    for r in all {
        match starts_with_key(r) {
            Some(x) if x.0 < x.1 => cur.push(x),
            _ => {
                if !cur.is_empty() {
                    runs.push(std::mem::take(&mut cur));
                }
            }
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs.retain(|r| r.len() == n && !(r[0].0 <= m.start && m.start < r[r.len() - 1].1));
    // The label points back (这“五个共同”): the nearest run before it.
    let best = runs.iter().rev().find(|r| r[0].0 < m.start)?;
    Some(best.clone())
}
