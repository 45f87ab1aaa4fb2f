//! Paragraphs → the document's outline (`sections`).
//!
//! A heading is a paragraph that opens with a heading number: `第一章`
//! `第一节` `第一条` `第一部分`, `一、`, `（一）`, `1.` / `1、`, `（1）`. Its
//! title is the rest of the line, or its first sentence when the body follows
//! on the same line, as in work reports (`（三）加快建设现代化产业体系。实施…`).
//! Kinds of number nest in the order the document first uses them: the first
//! kind is level 1, a kind first seen under it level 2, and a heading of a
//! kind already open closes everything below it.

use super::Ctx;
use crate::document::Section;
use regex::Regex;
use std::sync::OnceLock;

/// Titles longer than this (in characters) are cut at the first comma.
const MAX_TITLE_CHARS: usize = 60;

/// A heading found at byte `start` of the cleaned text, before levels are known.
struct Found {
    kind: &'static str,
    number: (usize, usize),
    title: (usize, usize),
}

fn number_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let cn = "[一二三四五六七八九十百零〇]+";
        Regex::new(&format!(
            r"^(?:(?P<part>第(?:{cn}|\d+)(?P<unit>章|节|条|部分|编))[\s　]*|(?P<cn>{cn}、)|(?P<cnp>[（(]{cn}[）)])|(?P<num>\d{{1,2}}[.．、])(?:[^\d]|$)|(?P<nump>[（(]\d{{1,2}}[）)]))"
        ))
        .expect("the heading pattern compiles")
    })
}

/// The heading at the start of paragraph `[a, b)`, if it opens with a number.
fn heading(text: &str, a: usize, b: usize) -> Option<Found> {
    let line = &text[a..b];
    let c = number_re().captures(line)?;
    let (kind, m): (&'static str, regex::Match) = if let Some(m) = c.name("part") {
        let kind = match c.name("unit").map(|u| u.as_str()) {
            Some("章") => "章",
            Some("节") => "节",
            Some("条") => "条",
            Some("编") => "编",
            _ => "部分",
        };
        (kind, m)
    } else if let Some(m) = c.name("cn") {
        ("一、", m)
    } else if let Some(m) = c.name("cnp") {
        ("（一）", m)
    } else if let Some(m) = c.name("num") {
        ("1.", m)
    } else {
        ("（1）", c.name("nump")?)
    };
    let after = &line[m.end()..];
    let rest_start = a + m.end() + (after.len() - after.trim_start().len());
    let rest = &text[rest_start..b];
    let mut end = rest
        .find(['。', '！', '？', '；'])
        .map_or(b, |k| rest_start + k);
    if text[rest_start..end].chars().count() > MAX_TITLE_CHARS {
        end = rest.find('，').map_or(end, |k| rest_start + k);
    }
    let title = (rest_start, end);
    let title_text = text[title.0..title.1].trim();
    if title_text.is_empty() || title_text.chars().count() > MAX_TITLE_CHARS * 2 {
        return None;
    }
    Some(Found {
        kind,
        number: (a + m.start(), a + m.end()),
        title,
    })
}

/// The outline of a document, with each heading's byte start for lookups.
#[derive(Debug, Default)]
pub struct Outline {
    pub sections: Vec<Section>,
    /// Byte offset in the cleaned text where each section's heading starts.
    starts: Vec<usize>,
}

impl Outline {
    /// The index of the section byte `at` stands in: the last heading at or before it.
    pub fn section_at(&self, at: usize) -> Option<usize> {
        self.starts.partition_point(|&s| s <= at).checked_sub(1)
    }

    /// Whether a heading starts at byte `at`.
    pub fn is_heading_at(&self, at: usize) -> bool {
        self.starts.binary_search(&at).is_ok()
    }
}

/// Finds the headings of the document.
pub fn outline(ctx: &Ctx) -> Outline {
    let mut out = Outline::default();
    // Open kinds, outermost first, with the index of their last heading.
    let mut open: Vec<(&'static str, usize)> = Vec::new();
    for p in ctx.paras {
        let Some(f) = heading(ctx.text, p.start, p.end) else {
            continue;
        };
        if let Some(k) = open.iter().position(|(kind, _)| *kind == f.kind) {
            open.truncate(k);
        }
        let parent = open.last().map(|&(_, i)| i);
        let index = out.sections.len();
        open.push((f.kind, index));
        out.sections.push(Section {
            level: open.len(),
            number: ctx.slice(f.number.0, f.number.1),
            title: ctx.slice(f.title.0, f.title.1).trim().to_string(),
            span: ctx.map.span(f.number.0, f.title.1),
            parent,
        });
        out.starts.push(p.start);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(line: &str) -> Option<(&'static str, String, String)> {
        heading(line, 0, line.len()).map(|f| {
            (
                f.kind,
                line[f.number.0..f.number.1].to_string(),
                line[f.title.0..f.title.1].to_string(),
            )
        })
    }

    #[test]
    fn heading_numbers_and_titles() {
        assert_eq!(
            found("一、2024年工作回顾"),
            Some(("一、", "一、".into(), "2024年工作回顾".into()))
        );
        assert_eq!(
            found("（三）加快建设现代化产业体系。实施制造业重点产业链高质量发展行动。"),
            Some(("（一）", "（三）".into(), "加快建设现代化产业体系".into()))
        );
        assert_eq!(
            found("第二章 总体要求"),
            Some(("章", "第二章".into(), "总体要求".into()))
        );
        assert_eq!(
            found("3.推进城市更新"),
            Some(("1.", "3.".into(), "推进城市更新".into()))
        );
        assert_eq!(found("1.5万亿元的超长期特别国债"), None);
        assert_eq!(found("2024年，经济运行稳中有进。"), None);
        assert_eq!(found("一是坚持稳中求进。"), None);
    }
}
