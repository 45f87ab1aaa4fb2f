//! Cleaned text → paragraphs → sentences.
//!
//! A paragraph is a line of the cleaned text. A sentence ends after `。`, `！`,
//! `？`, `；` (or their ASCII forms `!` `?` `;`), together with any closing
//! quotes or brackets that follow, or at the paragraph end. Offsets are byte
//! offsets into the cleaned text.

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

#[cfg(test)]
mod tests {
    use super::*;

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
