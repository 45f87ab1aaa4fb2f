//! Cleaned text → paragraphs → sentences.
//!
//! A paragraph is a line of the cleaned text. A sentence ends after `。`, `！`,
//! `？`, `；` (or their ASCII forms `!` `?` `;`), together with any closing
//! quotes or brackets that follow, or at the paragraph end. Offsets are byte
//! offsets into the cleaned text.
//!
//! Very long texts are also cut into [`windows`] that rules match and compete
//! in one at a time, so the memory matching takes is bounded by the window.

/// A sentence: `[start, end)` bytes in the cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Ends with `；` (a clause of a longer sentence).
    pub semicolon: bool,
}

/// A paragraph with its sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    pub sentences: Vec<Sentence>,
}

fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '"' | '》')
}

/// Splits `text` into paragraphs (lines) and sentences.
pub fn segment(text: &str) -> Vec<Paragraph> {
    let mut paras = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |k| pos + k);
        if end > pos {
            paras.push(Paragraph {
                start: pos,
                end,
                sentences: sentences(text, pos, end),
            });
        }
        pos = end + 1;
    }
    paras
}

fn sentences(text: &str, start: usize, end: usize) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut s = start;
    let mut it = text[start..end].char_indices().peekable();
    while let Some((k, c)) = it.next() {
        if !is_terminal(c) {
            continue;
        }
        let mut e = start + k + c.len_utf8();
        while let Some(&(k2, c2)) = it.peek() {
            if is_closer(c2) || is_terminal(c2) {
                e = start + k2 + c2.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        let semicolon = matches!(c, '；' | ';');
        out.push(Sentence {
            start: s,
            end: e,
            semicolon,
        });
        s = e;
    }
    if s < end && !text[s..end].trim().is_empty() {
        out.push(Sentence {
            start: s,
            end,
            semicolon: false,
        });
    }
    out
}

/// Cuts `text` into consecutive `[start, end)` windows of at most `size` bytes
/// (at least one window, even for empty text). A window ends after the last
/// line break in its second half; failing that after a sentence end, then after
/// a clause mark (`，`, `、`, `：`), then at any character boundary.
pub fn windows(text: &str, size: usize) -> Vec<(usize, usize)> {
    let size = size.max(8);
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > size {
        let limit = text.floor_char_boundary(start + size);
        let half = text.ceil_char_boundary(start + size / 2);
        let region = &text[half..limit];
        // Just after the last character of the region that `stop` accepts.
        let after_last = |stop: &dyn Fn(char) -> bool| {
            region
                .char_indices()
                .rev()
                .find(|&(_, c)| stop(c))
                .map(|(k, c)| half + k + c.len_utf8())
        };
        let cut = after_last(&|c| c == '\n')
            .or_else(|| after_last(&is_terminal))
            .or_else(|| after_last(&|c| matches!(c, '，' | '、' | '：' | ',')))
            .unwrap_or(limit);
        let cut = if cut > start {
            cut
        } else {
            text.ceil_char_boundary(start + 1)
        };
        out.push((start, cut));
        start = cut;
    }
    out.push((start, text.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cover_the_text_and_prefer_line_then_sentence_then_clause_breaks() {
        let t = "甲乙丙丁\n戊己庚。辛壬癸";
        let w = windows(t, 20);
        assert_eq!(w[0], (0, 13), "after the line break");
        assert_eq!(&t[w[0].0..w[0].1], "甲乙丙丁\n");
        let t = "甲乙丙丁戊。己庚辛壬癸";
        assert_eq!(&t[..windows(t, 20)[0].1], "甲乙丙丁戊。");
        let t = "甲乙丙丁戊、己庚辛壬癸";
        assert_eq!(&t[..windows(t, 20)[0].1], "甲乙丙丁戊、");
        let t = "甲乙丙丁戊己庚辛壬癸";
        assert_eq!(&t[..windows(t, 20)[0].1], "甲乙丙丁戊己");
        for t in ["", "短", &"一二三、".repeat(1000), &"长".repeat(5000)] {
            let w = windows(t, 64);
            assert_eq!(w.first().map(|x| x.0), Some(0));
            assert_eq!(w.last().map(|x| x.1), Some(t.len()));
            assert!(w.windows(2).all(|p| p[0].1 == p[1].0 && p[0].0 < p[0].1));
            assert!(w.iter().all(|&(a, b)| b - a <= 64 && t.is_char_boundary(a)));
        }
    }

    #[test]
    fn sentences_keep_closing_quotes_and_split_at_semicolons() {
        let t = "他说：“要干。”又说；好\n第二段！";
        let p = segment(t);
        assert_eq!(p.len(), 2);
        let got: Vec<&str> = p[0].sentences.iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(got, vec!["他说：“要干。”", "又说；", "好"]);
        assert!(p[0].sentences[1].semicolon);
        assert_eq!(
            &t[p[1].sentences[0].start..p[1].sentences[0].end],
            "第二段！"
        );
    }
}
