//! jieba-rs's dictionary, embedded sorted by bytes, and tagging of short texts
//! with only the entries they contain.
//!
//! `jieba_rs::Jieba::new()` inserts all 349,045 entries into a trie: about
//! 0.17 s of CPU in every process, a fixed cost that ate a tenth of a batch's
//! parallel speed-up. policyx only ever tags windows of a few characters
//! (where a name ends, [`crate::extract::officials`]), and jieba's answer for
//! a text depends only on the entries that are substrings of it and on the
//! dictionary's total frequency. So [`Dictionary::tag`] finds those entries by
//! binary search in the sorted list (`src/data/jieba-dict.txt`, written by
//! `scripts/jieba_dict.py` from jieba-rs's own `dict.txt`, MIT licence;
//! where each line and each first character's lines start is found at build
//! time, so a lookup is a binary search over line numbers), gives
//! them to an empty `jieba_rs::Jieba` together with one filler entry that
//! makes up the total, and tags with that: the same words and tags as the full
//! segmenter (a test compares the two on every window of the test corpus),
//! for microseconds per window and nothing to build at start-up.

use jieba_rs::Jieba;

/// `word freq tag` lines, sorted by the word's UTF-8 bytes.
static DICT: &str = include_str!("data/jieba-dict.txt");

/// The sum of the dictionary's frequencies, written beside it by the script.
static TOTAL: &str = include_str!("data/jieba-dict.total");

/// An entry no window can contain (windows are text; this is a private-use
/// character), carrying the frequency of every entry not in the window.
const FILLER: &str = "\u{F8FF}";

/// The longest word [`Dictionary::leading_words`] tries.
pub const MAX_WORD_CHARS: usize = 6;

/// The embedded dictionary; lookups binary-search its sorted lines.
#[derive(Debug, Clone, Copy)]
pub struct Dictionary {
    total: usize,
}

/// The frequency from which an entry counts as a common word: rarer entries
/// (明时 3, 斯时 3) are literary or accidental and decide nothing.
pub const COMMON_WORD_FREQ: usize = 20;

/// The frequency from which a function word is frequent enough to cut a name
/// short where a name's last character would start it (总是 6089; 一应 372 is not).
pub const FREQUENT_WORD_FREQ: usize = 1_000;

/// The frequency above which a two-character word is too common to be a
/// given name (问题 55563, 发展 68664; 胜利 8904 passes), or to be cut by a
/// title's end and a name's start (长江).
pub const VERY_COMMON_WORD_FREQ: usize = 10_000;

/// One dictionary line split into word, frequency and tag.
fn fields(line: &str) -> (&str, usize, &str) {
    let mut it = line.split(' ');
    let word = it.next().unwrap_or("");
    let freq = it.next().and_then(|f| f.parse().ok()).unwrap_or(0);
    let tag = it.next().unwrap_or("");
    (word, freq, tag)
}

mod blocks {
    include!(concat!(env!("OUT_DIR"), "/dictionary_blocks.rs"));
}

/// The byte offset of every line of [`DICT`] and one past the last, as
/// little-endian `u32` (written at build time).
static LINES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dictionary_lines.bin"));

/// The number of lines in [`DICT`].
fn line_count() -> usize {
    (LINES.len() / 4).saturating_sub(1)
}

/// The byte offset where line `i` starts (`DICT.len()` past the last).
fn line_start(i: usize) -> usize {
    LINES
        .get(4 * i..4 * i + 4)
        .and_then(|b| b.try_into().ok())
        .map_or(DICT.len(), |b: [u8; 4]| u32::from_le_bytes(b) as usize)
}

/// The lines `[lo, hi)` whose word can be not less than `w` and still share
/// its first character: that character's block (from [`blocks::BLOCKS`]),
/// or the empty range where the next block starts.
fn block_of(w: &str) -> (usize, usize) {
    let b = blocks::BLOCKS;
    let Some(c) = w.chars().next() else {
        return (0, line_count());
    };
    let k = b.partition_point(|&(x, _)| x < c);
    let at = |k: usize| b.get(k).map_or(line_count(), |&(_, l)| l as usize);
    match b.get(k) {
        Some(&(x, l)) if x == c => (l as usize, at(k + 1)),
        _ => (at(k), at(k)),
    }
}

/// Line `i`, without its newline.
fn line_at(i: usize) -> &'static str {
    let (a, b) = (line_start(i), line_start(i + 1));
    DICT.get(a..b)
        .map_or("", |l| l.strip_suffix('\n').unwrap_or(l))
}

fn word_of(line: &str) -> &str {
    line.split(' ').next().unwrap_or(line)
}

/// Whether line `i` sorts before `w` by its word.
fn line_less(i: usize, w: &[u8]) -> bool {
    // A line's word ends at a space, which sorts before every byte of a
    // word: comparing the line's bytes with `w` and one byte more orders
    // the word without looking for its end.
    let line = DICT.as_bytes().get(line_start(i)..).unwrap_or(&[]);
    let n = w.len().min(line.len());
    match line[..n].cmp(&w[..n]) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        // w is a prefix of the line: the word is less only if it is shorter.
        std::cmp::Ordering::Equal => n < w.len(),
    }
}

/// The first line in `[lo, hi)` whose word is not less than `w`, or `hi`;
/// the lines before `lo` must be less and those from `hi` on greater.
fn lower_bound_in(mut lo: usize, mut hi: usize, w: &str) -> usize {
    let wb = w.as_bytes();
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if line_less(mid, wb) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The entries that `rest` starts with, shortest first, as (byte length,
/// line). Each piece is searched in its first character's block from where
/// the shorter piece stood, and the walk stops where no entry starts with the
/// piece: usually two or three lookups.
fn entries_at(rest: &str) -> impl Iterator<Item = (usize, &'static str)> + '_ {
    let (mut lo, hi) = block_of(rest);
    rest.char_indices()
        .skip(1)
        .map(|(k, _)| k)
        .chain([rest.len()])
        .filter(|&e| e > 0)
        .map_while(move |e| {
            let piece = &rest[..e];
            lo = lower_bound_in(lo, hi, piece);
            let line = (lo < hi).then(|| line_at(lo))?;
            let word = word_of(line);
            word.starts_with(piece).then_some((e, word == piece, line))
        })
        .filter_map(|(e, whole, line)| whole.then_some((e, line)))
}

impl Dictionary {
    /// The embedded dictionary (its total is stored beside it).
    pub fn load() -> Dictionary {
        Dictionary {
            total: TOTAL.trim().parse().unwrap_or(0),
        }
    }

    /// The first line whose word is not less than `w` (`None` past the end).
    fn lower_bound(&self, w: &str) -> Option<&'static str> {
        let (lo, hi) = block_of(w);
        let i = lower_bound_in(lo, hi, w);
        (i < line_count()).then(|| line_at(i))
    }

    /// A jieba-rs segmenter holding exactly the entries that occur in `text`,
    /// with the full dictionary's total frequency.
    pub fn segmenter(&self, text: &str) -> Jieba {
        let mut jieba = Jieba::empty();
        let mut sum = 0usize;
        for (a, _) in text.char_indices() {
            let rest = &text[a..];
            for (len, line) in entries_at(rest) {
                let w = &rest[..len];
                if !jieba.has_word(w) {
                    let (_, f, t) = fields(line);
                    jieba.add_word(w, Some(f), Some(t));
                    sum += f;
                }
            }
        }
        jieba.add_word(FILLER, Some(self.total.saturating_sub(sum)), Some("x"));
        jieba
    }

    /// The entry `word`'s part-of-speech tag, if it is one.
    pub fn tag_of(&self, word: &str) -> Option<&'static str> {
        self.entry(word).map(|(_, tag)| tag)
    }

    /// The entry `word`'s frequency and part-of-speech tag, if it is one.
    pub fn entry(&self, word: &str) -> Option<(usize, &'static str)> {
        let line = self.lower_bound(word)?;
        let (w, freq, tag) = fields(line);
        (w == word).then_some((freq, tag))
    }

    /// The first `max_words` words of `text` by longest match in jieba's
    /// dictionary (at most [`MAX_WORD_CHARS`] characters; a character no
    /// entry starts is a word tagged `x`), as (byte length, tag). Where only
    /// the opening words matter (a clause's verb), this is a few binary
    /// searches instead of a segmenter per call.
    pub fn leading_words(&self, text: &str, max_words: usize) -> Vec<(usize, &'static str)> {
        let mut out = Vec::with_capacity(max_words);
        let mut rest = text;
        while out.len() < max_words {
            let Some((len, tag)) = self.next_word(rest) else {
                break;
            };
            out.push((len, tag));
            rest = &rest[len..];
        }
        out
    }

    /// The first word of `text` as [`Dictionary::leading_words`] finds it,
    /// as (byte length, tag); `None` for an empty text.
    pub fn next_word(&self, text: &str) -> Option<(usize, &'static str)> {
        let first = text.chars().next()?;
        let limit = text
            .char_indices()
            .nth(MAX_WORD_CHARS)
            .map_or(text.len(), |(k, _)| k);
        let found = entries_at(text)
            .take_while(|&(len, _)| len <= limit)
            .last()
            .map(|(len, line)| (len, fields(line).2));
        Some(found.unwrap_or((first.len_utf8(), "x")))
    }

    /// `jieba_rs::Jieba::tag(text, hmm)` as the full dictionary would give it, as (word, tag).
    pub fn tag(&self, text: &str, hmm: bool) -> Vec<(String, String)> {
        let jieba = self.segmenter(text);
        jieba
            .tag(text, hmm)
            .into_iter()
            .map(|t| (t.word.to_string(), t.tag.to_string()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Frequency and tag of `word`, if it is an entry.
    fn get(d: &Dictionary, word: &str) -> Option<(usize, &'static str)> {
        let line = d.lower_bound(word)?;
        (word_of(line) == word).then(|| {
            let (_, f, t) = fields(line);
            (f, t)
        })
    }

    #[test]
    fn the_embedded_dictionary_is_sorted_and_complete() {
        let d = Dictionary::load();
        let words: Vec<&str> = DICT.lines().map(word_of).collect();
        assert_eq!(words.len(), 349_045);
        assert!(words.windows(2).all(|p| p[0] < p[1]));
        let total: usize = DICT.lines().map(|l| fields(l).1).sum();
        assert_eq!(d.total, total);
        for w in words
            .iter()
            .step_by(997)
            .chain([&words[0], &words[words.len() - 1]])
        {
            assert_eq!(get(&d, w).map(|_| ()), Some(()), "{w}");
            assert_eq!(d.lower_bound(w).map(word_of), Some(*w));
        }
        assert_eq!(d.lower_bound("\u{10FFFF}"), None);
        assert_eq!(d.lower_bound("").map(word_of), Some(words[0]));
        assert_eq!(get(&d, "我们"), Some((98_740, "r")));
        assert_eq!(get(&d, "不存在的词语"), None);
        assert!(
            get(&d, "龢").is_some(),
            "the last line, without its newline"
        );
        let words: Vec<(usize, &str)> = d.leading_words("加快建设现代化", 3);
        assert_eq!(words[0], ("加快".len(), "v"));
        assert_eq!(words[1].0, "建设".len());
        assert_eq!(d.leading_words("", 3), vec![]);
        assert_eq!(d.leading_words("\u{F8FF}x", 1), vec![(3, "x")]);
    }

    /// Every window of up to 8 Han characters in the test corpus is tagged as
    /// the full jieba-rs segmenter tags it.
    #[test]
    fn windows_are_tagged_as_the_full_dictionary_tags_them() {
        let d = Dictionary::load();
        // The full segmenter over the same dictionary (jieba-rs's `dict.txt`, sorted).
        let full = Jieba::with_dict(&mut DICT.as_bytes()).expect("the embedded dictionary loads");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
        let mut texts = Vec::new();
        for dir in ["seed", "fixtures"] {
            for e in std::fs::read_dir(root.join(dir))
                .expect("testdata")
                .flatten()
            {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    texts.push(t);
                }
            }
        }
        let mut n = 0;
        for t in &texts {
            let chars: Vec<(usize, char)> = t.char_indices().collect();
            for (i, &(a, _)) in chars.iter().enumerate() {
                let run = chars[i..]
                    .iter()
                    .take(8)
                    .take_while(|(_, c)| ('\u{4e00}'..='\u{9fff}').contains(c))
                    .count();
                if run < 2 {
                    continue;
                }
                let b = chars.get(i + run).map_or(t.len(), |&(k, _)| k);
                let w = &t[a..b];
                let want: Vec<(String, String)> = full
                    .tag(w, true)
                    .into_iter()
                    .map(|x| (x.word.to_string(), x.tag.to_string()))
                    .collect();
                assert_eq!(d.tag(w, true), want, "{w}");
                n += 1;
            }
        }
        assert!(n > 3_000, "{n} windows");
    }
}
