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

/// Cuts `seg` after the last stop word that is not part of a protected
/// phrase, and before the first country's name (应美国总统 → 美国总统) unless
/// 驻 stands before it (驻美国大使).
fn trim_front<'a>(ctx: &Ctx, seg: &'a str) -> &'a str {
    let seg = trim_stops(ctx, seg);
    match ctx.rules.lexicon("country").find_iter(seg).next() {
        Some((k, _)) if k > 0 && !seg[..k].ends_with('驻') => &seg[k..],
        _ => seg,
    }
}

/// Cuts `seg` after the last stop word that is not part of a protected phrase.
fn trim_stops<'a>(ctx: &Ctx, seg: &'a str) -> &'a str {
    let stops = ctx.rules.lexicon("title_stop");
    let protected = ctx.rules.lexicon("title_protected");
    let countries = ctx.rules.lexicon("country");
    // A country's name guards the stop words inside it (阿尔及利亚, 共和国).
    let guarded: Vec<(usize, usize)> = protected
        .regex()
        .find_iter(seg)
        .map(|m| (m.start(), m.end()))
        .chain(countries.find_iter(seg).map(|(k, c)| (k, k + c.len())))
        .collect();
    let orgs = ctx.rules.lexicon("org_word");
    let heads = ctx.rules.lexicon("title_head");
    let mut cut = 0;
    for m in stops.regex().find_iter(seg) {
        // A stop word that ends the segment is its title (人大代表), not a stop.
        let ends = m.end() >= seg.len();
        let guard = guarded.iter().any(|&(a, b)| m.start() < b && a < m.end());
        // 科技与数字出版司: a conjunction after an organisation's name joins two of its fields
        // (but not after a title and a name that follow the organisation: 省委书记周祖翼和省长).
        // A country's name does as an organisation's where a field of two to six
        // characters follows it (英国能源安全和净零排放大臣; not 美国和英国, nor
        // 卡塔尔副埃米尔阿卜杜拉和首相, where a title and a name stand between).
        let country_field = countries
            .find_iter(&seg[cut..m.start()])
            .last()
            .filter(|&(k, c)| (2..=6).contains(&seg[cut + k + c.len()..m.start()].chars().count()));
        // (A country right after the conjunction is a second party: 塔米姆与巴林国王.)
        let party_follows = countries.prefix_of(&seg[m.end()..]).is_some();
        let joins_fields = matches!(m.as_str(), "与" | "和" | "及")
            && !party_follows
            && orgs
                .find_iter(&seg[cut..m.start()])
                .last()
                .or(country_field)
                .is_some_and(|(k, o)| heads.find_in(&seg[cut + k + o.len()..m.start()]).is_none());
        if !ends && !guard && !joins_fields {
            cut = m.end();
        }
    }
    &seg[cut..]
}

/// Is `name` a word of jieba's dictionary that is no noun: an adjective,
/// adverb, verb, idiom or numeral (依次, 高瞻远瞩, 万岁)? Nouns of any kind pass:
/// the dictionary tags many names as places or times (罗阳 ns, 周恩来 t).
/// Is `s` a word of the dictionary at least [`COMMON_WORD_FREQ`] frequent
/// (not a rare entry such as 和普京)?
///
/// [`COMMON_WORD_FREQ`]: crate::dictionary::COMMON_WORD_FREQ
fn common_word(ctx: &Ctx, s: &str) -> bool {
    ctx.jieba
        .entry(s)
        .is_some_and(|(freq, _)| freq >= crate::dictionary::COMMON_WORD_FREQ)
}

fn dictionary_word(ctx: &Ctx, name: &str) -> bool {
    ctx.jieba
        .tag_of(name)
        .is_some_and(|t| !t.starts_with('n') && t != "t")
}

/// How a name was read (for `--explain` and the tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Surname and one or two characters, ended by a name end.
    Chinese,
    /// A run of transliteration characters (普京, 约翰·柯比).
    Foreign,
    /// Latin letters (LISA).
    Latin,
    /// A 2–4 character run bounded by a 、 (巴音朝鲁、), up to 6 for a transliteration (恩赫包勒德、).
    Bounded,
    /// jieba-rs decided.
    Jieba,
}

/// Middle dots written between the parts of a transliterated name.
pub const NAME_DOTS: [char; 5] = ['·', '•', '‧', '・', '-'];

/// Does a name end at `b`: the end of text, a character that is no Han and
/// no Latin letter (punctuation, digits, spaces), or a `name_follow` word?
pub fn ends_name(ctx: &Ctx, b: usize) -> bool {
    let rest = &ctx.text[b..];
    match rest.chars().next() {
        None => true,
        Some(c) if !is_han(c) && !c.is_ascii_alphabetic() => true,
        Some(_) => ctx.rules.lexicon("name_follow").prefix_of(rest).is_some(),
    }
}

/// Reads the name that starts at `a` (right after a title): a Chinese name
/// (surname + one or two characters, the shortest followed by a name end),
/// a transliterated foreign name (a run of `transliteration` characters,
/// ending where they stop or a `name_follow` word begins; preferred when it
/// holds a middle dot), Latin letters, a run bounded by punctuation, and
/// jieba-rs last, only after a surname.
pub fn read_name(ctx: &Ctx, a: usize) -> Option<(usize, usize, Reading)> {
    let text = ctx.text;
    let rest = &text[a..];
    let first = rest.chars().next()?;
    if first.is_ascii_alphabetic() {
        return latin_name(text, a).map(|b| (a, b, Reading::Latin));
    }
    // A name never starts with a country's name (代表西班牙).
    if ctx.rules.lexicon("country").prefix_of(rest).is_some() {
        return None;
    }
    let foreign = foreign_name(ctx, a);
    if let Some(b) = foreign.filter(|&b| text[a..b].contains(NAME_DOTS)) {
        return Some((a, b, Reading::Foreign));
    }
    if let Some(b) = chinese_name(ctx, a) {
        return Some((a, b, Reading::Chinese));
    }
    // A run that stops at a name end (普京表示) before one bounded by a list's 、
    // (巴音朝鲁、: 朝 is no transliteration character), before one that stops
    // at any other character (奥斯汀: a rarer character ends it early).
    if let Some(b) = foreign.filter(|&b| ends_name(ctx, b)) {
        return Some((a, b, Reading::Foreign));
    }
    if let Some(b) = bounded_name(ctx, a) {
        return Some((a, b, Reading::Bounded));
    }
    // After a surname, jieba before a run that stops at no name end (唐仁健涉嫌: 健 is no
    // transliteration character, but 唐仁 is no name either).
    if let Some((a, b)) = jieba_name(ctx, a) {
        return Some((a, b, Reading::Jieba));
    }
    foreign.map(|b| (a, foreign_tail(ctx, a, b), Reading::Foreign))
}

/// A transliteration run that stops at a character outside the alphabet,
/// with no name end there (普拉|昌达致电, 普里戈|任的), takes one or two more
/// characters when a name end follows them and they start no word of the
/// dictionary (普京|今天在: 今天 is a word, so the name stays 普京); it gives up
/// its last character when that starts a word with the next (特朗普威|胁).
fn foreign_tail(ctx: &Ctx, a: usize, b: usize) -> usize {
    let text = ctx.text;
    let starts_word = ctx
        .jieba
        .leading_words(&text[b..], 1)
        .first()
        .is_some_and(|&(len, tag)| text[b..b + len].chars().count() >= 2 && tag != "x");
    if starts_word {
        return b;
    }
    // 特朗普威|胁, 格罗西本|月: when the last character of the run and the first after it
    // make a word, the word is no part of the name.
    let last = text[..b].chars().next_back().map_or(0, char::len_utf8);
    // A rare entry or a name (明时 t 3, 斯时 nr) makes no such word: 阿尔克明时 keeps 明.
    let word = word_across(ctx, b).is_some_and(|(freq, tag)| {
        freq >= crate::dictionary::COMMON_WORD_FREQ && !tag.starts_with("nr")
    });
    if word {
        let shorter = b - last;
        let keep = text[a..shorter].chars().count() >= 2 && plausible_name(ctx, &text[a..shorter]);
        return if keep { shorter } else { b };
    }
    let mut end = b;
    for c in text[b..].chars().take(2) {
        // 拜登|亦, 莱希|自, 达瓦顿珠|正: an adverb, preposition or conjunction ends the name.
        let function = ctx
            .jieba
            .tag_of(&text[end..end + c.len_utf8()])
            .is_some_and(|t| matches!(t.chars().next(), Some('d' | 'p' | 'c' | 'u')));
        if !is_han(c) || function {
            break;
        }
        end += c.len_utf8();
        if ends_name(ctx, end) && plausible_name(ctx, &text[a..end]) {
            return end;
        }
    }
    b
}

/// Surname (one or two characters) + one or two characters, the shortest
/// reading that a name end follows and that is a plausible name.
fn chinese_name(ctx: &Ctx, a: usize) -> Option<usize> {
    let text = ctx.text;
    let surname = ctx.rules.lexicon("surname").prefix_of(&text[a..])?;
    let mut b = a + surname.len();
    for _ in 0..2 {
        let c = text[b..].chars().next().filter(|&c| is_han(c))?;
        b += c.len_utf8();
        if ends_name(ctx, b) && plausible_name(ctx, &text[a..b]) {
            // A word of the dictionary is no name when it is no noun (习近平主席英明和坚强领导),
            // or when a noun stands before punctuation (伟大领袖毛主席万岁！).
            return (!dictionary_word(ctx, &text[a..b])).then_some(b);
        }
    }
    None
}

/// A name read backwards from a title after it (赞成李强总理) must not start
/// inside a word: when the character before it and its first character make a
/// word of the dictionary (赞成, 相信, 理解), the name starts one character later
/// if a surname begins there (李强), and is no name when the rest is one
/// character (相信习主席) or itself a word (理解把握总书记). A three-character
/// name that starts with a preposition (`name_preposition.txt`) followed by a
/// surname is the two characters after it (应李强总理邀请).
fn name_before_title(ctx: &Ctx, a: usize, b: usize) -> Option<usize> {
    let text = ctx.text;
    let prev = text[..a].chars().next_back().filter(|&c| is_han(c));
    let first = text[a..b].chars().next()?;
    // 应李强总理邀请: a preposition before a two-character name that starts with a surname.
    let rest = a + first.len_utf8();
    if text[a..b].chars().count() == 3
        && ctx
            .rules
            .lexicon("name_preposition")
            .contains(&text[a..rest])
        && ctx
            .rules
            .lexicon("surname")
            .prefix_of(&text[rest..b])
            .is_some()
    {
        return Some(rest);
    }
    // 克里姆林宫总统办公室: a word of three characters or more that starts before the
    // run and ends inside it holds its first characters; no name starts there.
    if starts_inside_word(ctx, a, b) {
        return None;
    }
    let Some(prev) = prev else {
        return Some(a);
    };
    let pair = &text[a - prev.len_utf8()..a + first.len_utf8()];
    if ctx.jieba.tag_of(pair).is_none() {
        return Some(a);
    }
    let rest = a + first.len_utf8();
    let rest_text = &text[rest..b];
    if rest_text.chars().count() < 2 {
        return None;
    }
    if ctx.rules.lexicon("surname").prefix_of(rest_text).is_some() {
        return Some(rest);
    }
    match ctx.jieba.tag_of(rest_text) {
        Some(t) if !t.starts_with("nr") => None,
        _ => Some(a),
    }
}

/// Does a [`common_word`] of three characters or more start in the four Han
/// characters before `a` and end inside `[a, b)`?
fn starts_inside_word(ctx: &Ctx, a: usize, b: usize) -> bool {
    let text = ctx.text;
    let starts = text[..a]
        .char_indices()
        .rev()
        .take(4)
        .take_while(|&(_, c)| is_han(c))
        .map(|(k, _)| k);
    let ends: Vec<usize> = text[a..b]
        .char_indices()
        .map(|(k, c)| a + k + c.len_utf8())
        .collect();
    starts.into_iter().any(|s| {
        ends.iter()
            .any(|&e| text[s..e].chars().count() >= 3 && common_word(ctx, &text[s..e]))
    })
}

/// A run of transliteration characters of at least two, parts joined by a
/// middle dot, cut where a `name_follow` word begins.
fn foreign_name(ctx: &Ctx, a: usize) -> Option<usize> {
    let text = ctx.text;
    let alphabet = ctx.rules.lexicon("transliteration");
    let follow = ctx.rules.lexicon("name_follow");
    let mut b = a;
    let mut chars = 0;
    let mut dotted = false;
    let mut it = text[a..].char_indices().peekable();
    while let Some((k, c)) = it.next() {
        let at = a + k;
        if chars >= 2 && follow.prefix_of(&text[at..]).is_some() {
            break;
        }
        if NAME_DOTS.contains(&c) {
            // A dot joins two parts: it needs a letter of the alphabet after it.
            let next_ok = it
                .peek()
                .is_some_and(|&(j, d)| alphabet.contains(&text[a + j..a + j + d.len_utf8()]));
            if chars == 0 || !next_ok {
                break;
            }
            dotted = true;
            continue;
        }
        if !alphabet.contains(&text[at..at + c.len_utf8()]) {
            break;
        }
        chars += 1;
        b = at + c.len_utf8();
        // A run this long is no name, unless dots part it (米格尔·迪亚斯-卡内尔·贝穆德斯).
        if chars > if dotted { 20 } else { 12 } {
            return None;
        }
    }
    // A common two-character word of the dictionary is no transliteration (负责人列席会议):
    // only names, places and other proper nouns (nr…, ns, nt, nz) pass. Longer runs are
    // names even where the dictionary tags them as nouns (基辛格 n).
    let common = chars == 2
        && ctx
            .jieba
            .tag_of(&text[a..b])
            .is_some_and(|t| !matches!(t, "nr" | "nrt" | "nrfg" | "ns" | "nt" | "nz" | "x"));
    (chars >= 2 && !common && plausible_name(ctx, &text[a..b])).then_some(b)
}

/// Latin letters, words joined by one space, dot or hyphen: `LISA`, `Tim Cook`.
fn latin_name(text: &str, a: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut b = a;
    let mut i = a;
    while i < bytes.len() && i - a < 40 {
        let c = bytes[i];
        if c.is_ascii_alphabetic() {
            i += 1;
            b = i;
        } else if matches!(c, b' ' | b'.' | b'-' | b'\'')
            && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            i += 1;
        } else {
            break;
        }
    }
    // Followed by a letter or digit: a word, not a name (CEO2023).
    let after = text[b..].chars().next();
    (b - a >= 2 && !after.is_some_and(|c| c.is_ascii_alphanumeric())).then_some(b)
}

/// Two to four Han characters between the title and a `、`, starting with a
/// surname or a transliteration character (a name in a list: 主任委员巴音朝鲁、…).
fn bounded_name(ctx: &Ctx, a: usize) -> Option<usize> {
    let text = ctx.text;
    let first = text[a..].chars().next()?;
    let first = &text[a..a + first.len_utf8()];
    if !ctx.rules.lexicon("surname").contains(first)
        && !ctx.rules.lexicon("transliteration").contains(first)
    {
        return None;
    }
    let k = text[a..].find(|c: char| !is_han(c))?;
    let b = a + k;
    let n = text[a..b].chars().count();
    let stop = text[b..].chars().next()?;
    let run = &text[a..b];
    // An idiom or word of the dictionary is no name (习近平主席高瞻远瞩、胸怀天下).
    let word = dictionary_word(ctx, run);
    // A longer run is a transliteration (恩赫包勒德、): all but one of its characters
    // from the alphabet.
    let alphabet = ctx.rules.lexicon("transliteration");
    let foreign = run
        .char_indices()
        .filter(|&(k, c)| !alphabet.contains(&run[k..k + c.len_utf8()]))
        .count()
        <= 1;
    // (Not 夫人扎帕罗娃: a common word opening the run is no name's part.)
    let opens_word = || {
        ctx.jieba
            .leading_words(run, 1)
            .first()
            .is_some_and(|&(len, tag)| {
                run[..len].chars().count() >= 2
                    && !tag.starts_with("nr")
                    && common_word(ctx, &run[..len])
            })
    };
    let longest = if foreign && !opens_word() { 6 } else { 4 };
    ((2..=longest).contains(&n) && stop == '、' && !word && plausible_name(ctx, run)).then_some(b)
}

/// Where a name starting at `a` ends, when no following word decides it
/// (王一民充分肯定…): jieba tags the text from the surname on. Names are words
/// jieba does not know (`x`) or tags as names (`nr`, `nrfg`); it splits some
/// three-character names (徐家/新, 吕/岩峰), so a two-character name followed by
/// a one-character word, or a surname followed by a two-character noun, make
/// one three-character name. Anything else is no name. Jieba is consulted only
/// after a surname, and when neither reading is ruled out by the lexicons first.
fn jieba_name(ctx: &Ctx, a: usize) -> Option<(usize, usize)> {
    let text = ctx.text;
    ctx.rules.lexicon("surname").prefix_of(&text[a..])?;
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
            // 张国/清于, 高纪/凡则: a pair jieba does not know after a two-character name it
            // does not know either is the name's last character and a one-character word.
            Some((w, t)) if tag == "x" && t == "x" && len(w) == 2 => 3,
            _ => 2,
        },
        (1, true) => match next {
            Some((w, t)) if len(w) == 2 && t.starts_with('n') && !name_tag(t) => 3,
            _ => return None,
        },
        _ => return None,
    };
    // 韩正于…, 王毅应询: a name does not end in a function word (`not_name_end`, `not_name_end_long`).
    let n = if n == 3
        && !plausible_name(ctx, &window[..cut(3)])
        && plausible_name(ctx, &window[..cut(2)])
    {
        2
    } else {
        n
    };
    Some((a, a + cut(n)))
}

/// The dictionary entry (frequency, tag) of the two characters around byte
/// `at` of the text (the one before it and the one at it), if they make one:
/// where a name's edge cuts through a word (特朗普威|胁, 湖北省长|江).
fn word_across(ctx: &Ctx, at: usize) -> Option<(usize, &'static str)> {
    let text = ctx.text;
    let before = text[..at].chars().next_back()?.len_utf8();
    let after = text[at..].chars().next()?.len_utf8();
    ctx.jieba.entry(&text[at - before..at + after])
}

/// Is `name` plausible as a personal name?
fn plausible_name(ctx: &Ctx, name: &str) -> bool {
    let n = name.chars().count();
    // 兼 joins titles (王储兼首相): no name ends with it; nor does a name of three or more
    // characters end with a function word (鲁托互致, 高声向总书记), nor one of two with one that
    // is no given name (李强在 is cut before; 曾在 is none).
    // 沙伊两国总统: a count of states or parties is no name.
    if name.ends_with('兼') || name.contains('两') {
        return false;
    }
    if let Some(last) = name
        .chars()
        .next_back()
        .filter(|_| !name.contains(NAME_DOTS))
    {
        let mut buf = [0u8; 4];
        let last = &*last.encode_utf8(&mut buf);
        let any_length = ctx.rules.lexicon("not_name_end").contains(last);
        let long_only = ctx.rules.lexicon("not_name_end_long").contains(last);
        if any_length || (n >= 3 && long_only) {
            return false;
        }
    }
    // A title, or a name ending with one, is no name (古巴国家主席特使, 总统特别代表); nor is an organisation (董事会副主席, 应国家主席),
    // nor a phrase with 的 in it (华的有).
    if ctx
        .rules
        .lexicon("title_head")
        .suffix_of(name)
        .is_some_and(|h| h.chars().count() >= 2)
        || (n >= 3 && ctx.rules.lexicon("org_word").suffix_of(name).is_some())
        || name.contains(['的', '了'])
    {
        return false;
    }
    // 致美总统信函: a two-character common noun of jieba's dictionary (`n`) is no name,
    // though its first character is a surname.
    if n == 2
        && ctx
            .jieba
            .leading_words(name, 1)
            .first()
            .is_some_and(|&(len, tag)| len == name.len() && tag == "n")
    {
        return false;
    }
    // 代表权问题: a surname and a given name that is one of the commonest words of the
    // dictionary (问题, 发展, 保护) make no name; given names that are words too are rarer
    // (建国, 胜利, 文明).
    if n == 3 && ctx.rules.lexicon("surname").prefix_of(name).is_some() {
        let given = &name[name.chars().next().map_or(0, char::len_utf8)..];
        if ctx.jieba.entry(given).is_some_and(|(freq, tag)| {
            freq >= crate::dictionary::VERY_COMMON_WORD_FREQ
                && !matches!(tag.chars().next(), Some('n') if tag.len() > 1)
        }) {
            return false;
        }
    }
    let han = name.chars().all(|c| NAME_DOTS.contains(&c) || is_han(c));
    let latin = name
        .chars()
        .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '.' | '-' | '\''));
    ((han && (2..=16).contains(&n)) || (latin && (2..=40).contains(&n)))
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

/// A `mode = "name"` match with its `name` group set to the name read at
/// its start ([`read_name`]), or `None` when no name is read there.
pub fn read_match(ctx: &Ctx, m: &Match) -> Option<Match> {
    let (a, _) = m.group("name")?;
    let (a, b, _) = read_name(ctx, a)?;
    let mut out = m.clone();
    for g in out.groups.iter_mut().filter(|g| g.0 == "name") {
        (g.1, g.2) = (a, b);
    }
    out.end = out.end.max(b);
    Some(out)
}

/// Titled mentions from `official` matches.
pub fn mentions(ctx: &Ctx, matches: &[Match], exclude: &HashSet<String>) -> Vec<Mention> {
    let text = ctx.text;
    let mut out = Vec::new();
    for m in matches {
        // 任命A为X、B为Y: the titles group holds further appointments; each is a mention of its own.
        let (titles_span, appointed) = match m.group("titles") {
            Some(span) => {
                let (own, appointed) = split_appointments(ctx, span);
                (Some(own), appointed)
            }
            None => (None, Vec::new()),
        };
        for (name, titles) in appointed {
            let titles = title_chain(ctx, &text[titles.0..titles.1]);
            let n = &text[name.0..name.1];
            if !titles.is_empty() && !exclude.contains(n) && !dictionary_word(ctx, n) {
                out.push(Mention {
                    name: ctx.keep(n),
                    titles,
                    at: name,
                    rule: m.rule,
                });
            }
        }
        let mut titles = match (titles_span, m.group("head")) {
            (Some((a, b)), _) => title_chain(ctx, &text[a..b]),
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
        let country = ctx.rules.lexicon("country");
        let orgs = ctx.rules.lexicon("org_word");
        let after_only = m.group("title_after").is_some()
            && m.group("titles").is_none()
            && m.group("head").is_none();
        for (a, b) in names {
            let a = if after_only {
                match name_before_title(ctx, a, b) {
                    Some(a) => a,
                    None => continue,
                }
            } else {
                a
            };
            // 李鹏总|是第一个: the last character of a three-character name and the one after
            // it make a common adverb, preposition or conjunction: the name is two characters.
            let last = text[..b].chars().next_back().map_or(0, char::len_utf8);
            let b = if !after_only
                && text[a..b].chars().count() == 3
                && word_across(ctx, b).is_some_and(|(freq, tag)| {
                    freq >= crate::dictionary::FREQUENT_WORD_FREQ
                        && matches!(tag.chars().next(), Some('d' | 'p' | 'c'))
                })
                && plausible_name(ctx, &text[a..b - last])
            {
                b - last
            } else {
                b
            };
            let name = &text[a..b];
            // 俄罗斯总统: 罗斯 is the end of a country's name, not a person; 应美国总统:
            // no name ends with one; 巴西前总统: nor holds one; 统一俄罗斯党主席: nor starts
            // inside one.
            // 俄国家杜马主席: nor the end of an organisation's name longer than it.
            let in_org = orgs
                .suffix_of(&text[..b])
                .is_some_and(|o| o.len() > name.len());
            let in_country = in_org
                || country
                    .suffix_of(&text[..b])
                    .is_some_and(|c| c.len() >= name.len() || c.chars().count() >= 2)
                || country
                    .find_in(name)
                    .is_some_and(|c| c.chars().count() >= 2)
                || name.char_indices().skip(1).any(|(k, _)| {
                    country
                        .suffix_of(&text[..a + k])
                        .is_some_and(|c| c.len() > k)
                });
            // 湖北省长江大保护: the title's last character and the name's first make one of the
            // commonest nouns (长江), and no name end follows the name: no title, no name
            // (市长江涛表示 keeps its name; 副主任何宏军: 任何 is no noun).
            let straddles = !after_only
                && word_across(ctx, a).is_some_and(|(freq, tag)| {
                    freq >= crate::dictionary::VERY_COMMON_WORD_FREQ && tag.starts_with('n')
                })
                && !ends_name(ctx, b);
            if plausible_name(ctx, name)
                && !straddles
                && !exclude.contains(name)
                && !in_country
                && !dictionary_word(ctx, name)
            {
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

/// A titles group cut where a `、` is followed by another appointment, `名字为职务`
/// (`经济委员会副主任、邓小刚为农业和农村委员会驻会副主任`): the span of the titles that
/// belong to the match's own names, and each further (name, titles) pair, as byte spans.
fn split_appointments(ctx: &Ctx, (a, b): Span) -> (Span, Vec<(Span, Span)>) {
    let text = ctx.text;
    let mut own = (a, b);
    let mut appointed: Vec<(Span, Span)> = Vec::new();
    for (k, _) in text[a..b].match_indices('、') {
        let seg = a + k + '、'.len_utf8();
        let Some((w, _)) = text[seg..b]
            .char_indices()
            .filter(|&(_, c)| c == '为')
            .find(|&(w, _)| {
                let n = text[seg..seg + w].chars().count();
                (2..=4).contains(&n) && plausible_name(ctx, &text[seg..seg + w])
            })
        else {
            continue;
        };
        let name = (seg, seg + w);
        let titles_from = seg + w + '为'.len_utf8();
        match appointed.last_mut() {
            Some(last) => last.1 .1 = a + k,
            None => own.1 = a + k,
        }
        appointed.push((name, (titles_from, b)));
    }
    (own, appointed)
}

/// A byte span `[start, end)` of the text.
type Span = (usize, usize);

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
