//! Decoded text → cleaned text with an offset map.
//!
//! Cleaning removes what is not prose while remembering where every kept
//! character came from (see [`crate::offsets`]):
//! front matter (parsed into [`Metadata`]), HTML tags, comments, `<script>` and
//! `<style>` blocks, entities, Markdown links (`[查看原文](url)`, the url kept as
//! metadata) and `#` heading lines (the first gives the title when the front
//! matter has none). Block tags (`<p>`, `<br>`, `<div>` …) end a paragraph.
//! Lines are trimmed, blank lines dropped, and a paragraph that repeats an
//! earlier one or is a truncated copy of another is kept once. Paragraphs are
//! joined with `\n`.

use crate::metadata::{self, Metadata};
use crate::offsets::MappedText;
use std::collections::HashSet;

/// The cleaned text of a document and what was learnt while cleaning it.
#[derive(Debug, Clone)]
pub struct Cleaned {
    pub body: MappedText,
    pub meta: Metadata,
    /// Paragraphs dropped as duplicates or truncated duplicates.
    pub duplicates_dropped: usize,
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "table",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "hr",
    "dd",
    "dt",
    "header",
    "footer",
    "pre",
];

/// Paragraphs shorter than this (in characters) are never treated as truncated copies.
const MIN_TRUNCATED_CHARS: usize = 12;

/// Cleans `text`, the whole decoded input.
pub fn clean(text: &str) -> Cleaned {
    let mut meta = Metadata::default();
    let (body_start, body_char_start) = front_matter(text, &mut meta);
    let stage = strip_markup(&text[body_start..], body_char_start, &mut meta);
    let (body, duplicates_dropped) = paragraphs(&stage, &mut meta);
    if meta.date.is_none() {
        meta.date = meta.links.iter().find_map(|l| metadata::parse_date(l));
    }
    Cleaned {
        body,
        meta,
        duplicates_dropped,
    }
}

/// Finds a front-matter block; returns the byte and char offsets where the body starts.
fn front_matter(text: &str, meta: &mut Metadata) -> (usize, usize) {
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let rest = &text[start..];
    let first_line_end = rest.find('\n').unwrap_or(rest.len());
    if rest[..first_line_end].trim_end() != "---" {
        return (0, 0);
    }
    let mut pos = first_line_end + 1;
    while pos <= rest.len() {
        let line_end = rest[pos..].find('\n').map_or(rest.len(), |k| pos + k);
        if rest[pos..line_end].trim_end() == "---" {
            metadata::parse_front_matter(&rest[first_line_end + 1..pos], meta);
            let body = (start + (line_end + 1).min(rest.len())).min(text.len());
            return (body, text[..body].chars().count());
        }
        if line_end >= rest.len() {
            break;
        }
        pos = line_end + 1;
    }
    (0, 0) // unclosed: not front matter
}

/// Removes tags, comments, entities and link targets.
fn strip_markup(s: &str, base: usize, meta: &mut Metadata) -> MappedText {
    let mut out = MappedText::new();
    let mut i = 0;
    let mut ci = base;
    while i < s.len() {
        let next = s[i..]
            .find(|c| matches!(c, '<' | '&' | '[') || is_stray_control(c))
            .map_or(s.len(), |k| i + k);
        if next > i {
            let chunk = &s[i..next];
            out.push_verbatim(chunk, ci);
            ci += chunk.chars().count();
            i = next;
            continue;
        }
        let rest = &s[i..];
        let consumed = match rest.as_bytes()[0] {
            b'<' => tag(rest, ci, &mut out),
            b'&' => entity(rest, ci, &mut out),
            b'[' => link(rest, ci, &mut out, meta),
            _ => rest.chars().next().map(char::len_utf8), // a stray control character: dropped
        };
        let n = consumed.unwrap_or_else(|| {
            out.push_verbatim(&rest[..1], ci);
            1
        });
        ci += rest[..n].chars().count();
        i += n;
    }
    out
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.to_ascii_lowercase().find(needle)
}

/// A tag, comment or script block at the start of `rest`: returns bytes consumed.
fn tag(rest: &str, ci: usize, out: &mut MappedText) -> Option<usize> {
    if let Some(after) = rest.strip_prefix("<!--") {
        let end = after.find("-->").map_or(rest.len(), |k| 4 + k + 3);
        return Some(end);
    }
    let b = rest.as_bytes();
    let second = *b.get(1)?;
    if !(second.is_ascii_alphabetic() || second == b'/' || second == b'!' || second == b'?') {
        return None;
    }
    let window = &rest[..rest.floor_char_boundary(4096)];
    let close = window.find('>')?;
    if window[1..close].contains('<') {
        return None;
    }
    let name: String = rest[1..close]
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let mut end = close + 1;
    if (name == "script" || name == "style") && !rest[1..].starts_with('/') {
        let closing = format!("</{name}");
        end = match find_ci(&rest[end..], &closing) {
            Some(k) => {
                let after = end + k;
                rest[after..]
                    .find('>')
                    .map_or(rest.len(), |g| after + g + 1)
            }
            None => rest.len(),
        };
    }
    if BLOCK_TAGS.contains(&name.as_str()) {
        out.push_synthetic("\n", ci, rest[..end].chars().count());
    }
    Some(end)
}

/// An entity at the start of `rest`: returns bytes consumed.
fn entity(rest: &str, ci: usize, out: &mut MappedText) -> Option<usize> {
    let semi = rest[..rest.floor_char_boundary(12)].find(';')?;
    let name = &rest[1..semi];
    let c = match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        n if n.starts_with("#x") || n.starts_with("#X") => {
            char::from_u32(u32::from_str_radix(&n[2..], 16).ok()?)?
        }
        n if n.starts_with('#') => char::from_u32(n[1..].parse().ok()?)?,
        _ => return None,
    };
    if is_stray_control(c) {
        return Some(semi + 1);
    }
    let mut buf = [0u8; 4];
    out.push_synthetic(c.encode_utf8(&mut buf), ci, semi + 1);
    Some(semi + 1)
}

/// Link texts that only point elsewhere and are dropped with their target.
const LINK_ONLY: &[&str] = &["查看原文", "原文链接", "阅读原文", "点击查看", "链接"];

/// A Markdown link `[text](target)` at the start of `rest`: keeps the text.
fn link(rest: &str, ci: usize, out: &mut MappedText, meta: &mut Metadata) -> Option<usize> {
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let mid = line.find("](")?;
    let close = mid + 2 + line[mid + 2..].find(')')?;
    let text = &rest[1..mid];
    if text.contains('[') {
        return None;
    }
    meta.links.push(rest[mid + 2..close].trim().to_string());
    if !LINK_ONLY.contains(&text.trim()) {
        out.push_verbatim(text, ci + 1);
    }
    Some(close + 1)
}

/// A control character that is not white space (NUL, BEL, ESC, DEL …) or an invisible format character (zero-width
/// space and joiners, word joiner, soft hyphen, a byte-order mark inside the text): never prose, dropped wherever it
/// stands, so that `习近平\u{200b}同志` reads as `习近平同志`.
fn is_stray_control(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
        )
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}' || c == '\u{a0}' || c.is_control()
}

/// Trims lines, drops blank ones and duplicates, takes headings as the title.
fn paragraphs(stage: &MappedText, meta: &mut Metadata) -> (MappedText, usize) {
    let text = &stage.text;
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |k| pos + k);
        let line = &text[pos..end];
        let lead = line.len() - line.trim_start_matches(is_blank).len();
        let trimmed = line.trim_matches(is_blank);
        if !trimmed.is_empty() {
            let a = pos + lead;
            let b = a + trimmed.len();
            if let Some(h) = heading(trimmed) {
                if meta.title.is_none() && !h.is_empty() {
                    metadata::set_title(meta, h);
                }
            } else {
                lines.push((a, b));
            }
        }
        if end >= text.len() {
            break;
        }
        pos = end + 1;
    }
    let keep = dedupe(text, &lines);
    let dropped = lines.len() - keep.len();
    let mut out = MappedText::new();
    for (k, &(a, b)) in keep.iter().enumerate() {
        if k > 0 {
            let at = stage.input_start(a);
            out.push_synthetic("\n", at, 0);
        }
        out.copy_from(stage, a, b);
    }
    (out, dropped)
}

fn heading(line: &str) -> Option<&str> {
    let t = line.trim_start_matches('#');
    if t.len() == line.len() || !(t.starts_with(' ') || t.starts_with('\t')) {
        return None;
    }
    Some(t.trim())
}

/// Keeps the first of equal paragraphs and drops truncated copies of longer ones.
///
/// A paragraph is a truncated copy when some longer paragraph starts with it;
/// in sorted order that longer paragraph is its next distinct neighbour, so
/// the check is a sort, not a comparison of every pair.
fn dedupe(text: &str, lines: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let strs: Vec<&str> = lines.iter().map(|&(a, b)| &text[a..b]).collect();
    let mut order: Vec<usize> = (0..strs.len()).collect();
    order.sort_by(|&i, &j| strs[i].cmp(strs[j]));
    let mut truncated = vec![false; strs.len()];
    // Walking backwards, `next` is the nearest following paragraph that differs.
    let mut next: Option<&str> = None;
    let mut run_start: Option<&str> = None;
    for &i in order.iter().rev() {
        let s = strs[i];
        if run_start != Some(s) {
            next = run_start;
            run_start = Some(s);
        }
        if s.chars().count() >= MIN_TRUNCATED_CHARS && next.is_some_and(|t| t.starts_with(s)) {
            truncated[i] = true;
        }
    }
    let mut seen: HashSet<&str> = HashSet::new();
    let mut keep = Vec::new();
    for (i, &(a, b)) in lines.iter().enumerate() {
        if seen.insert(strs[i]) && !truncated[i] {
            keep.push((a, b));
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(input: &str, span: [usize; 2]) -> String {
        input
            .chars()
            .skip(span[0])
            .take(span[1] - span[0])
            .collect()
    }

    #[test]
    fn html_is_removed_and_spans_point_into_the_input() {
        let input = "<p><strong>央视网消息</strong>：会议&nbsp;召开。<br></p><p>习近平出席。</p>";
        let c = clean(input);
        assert_eq!(c.body.text, "央视网消息：会议 召开。\n习近平出席。");
        let a = c.body.text.find("习近平").unwrap();
        let sp = c.body.span(a, a + "习近平".len());
        assert_eq!(slice(input, sp), "习近平");
        let b = c.body.text.find("会议").unwrap();
        let sp = c.body.span(b, b + "会议 召开".len());
        assert_eq!(slice(input, sp), "会议&nbsp;召开");
    }

    #[test]
    fn front_matter_heading_and_links() {
        let input = "---\ntitle: 标题_吉林频道\ndate: 2019-02-24- 07:46\n---\n### 小标题\n正文。\n[查看原文](https://tv.cctv.com/2022/10/26/x.shtml)\n";
        let c = clean(input);
        assert_eq!(c.meta.title.as_deref(), Some("标题"));
        assert_eq!(c.meta.date.as_deref(), Some("2019-02-24"));
        assert_eq!(c.body.text, "正文。");
        assert_eq!(c.meta.links, vec!["https://tv.cctv.com/2022/10/26/x.shtml"]);
    }

    #[test]
    fn duplicated_and_truncated_paragraphs_count_once() {
        let p =
            "2月22日，全省法院院长会议在长春召开。会议以习近平新时代中国特色社会主义思想为指导。";
        let trunc: String = p.chars().take(20).collect();
        let input = format!("{p}\n{trunc}\n{p}\n下一段。");
        let c = clean(&input);
        assert_eq!(c.body.text, format!("{p}\n下一段。"));
        assert_eq!(c.duplicates_dropped, 2);
    }

    #[test]
    fn script_style_and_broken_tags() {
        let c = clean("<script>var a = '<p>';</script>甲<style>p{}</style>乙 < 丙 <b 丁");
        assert_eq!(c.body.text, "甲乙 < 丙 <b 丁");
    }

    #[test]
    fn unclosed_front_matter_is_text() {
        let c = clean("---\ntitle: x\n正文");
        assert!(c.meta.title.is_none());
        assert!(c.body.text.contains("正文"));
    }

    #[test]
    fn stray_control_characters_are_dropped_and_spans_skip_them() {
        let input = "坚持\u{6}创新、坚持&#7;协调\u{1b}[0m、坚持\t绿色\u{7f}，习近平\u{200b}同志";
        let c = clean(input);
        assert_eq!(c.body.text, "坚持创新、坚持协调[0m、坚持\t绿色，习近平同志");
        let a = c.body.text.find("创新").unwrap();
        let sp = c.body.span(a, a + "创新".len());
        assert_eq!(slice(input, sp), "创新");
    }
}
