//! The on-disk shape of rule files (TOML) and lexicons (plain word lists).
//!
//! A rule file holds optional `[macros]` (named pattern pieces, used as
//! `{{name}}`) and `[[rule]]` tables; each rule carries its `[[rule.example]]`
//! tables. Unknown keys are errors, so a typo never silently disables a rule.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// One rule file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    #[serde(default)]
    pub macros: BTreeMap<String, Spanned<String>>,
    #[serde(default, rename = "rule")]
    pub rules: Vec<RawRule>,
}

/// One `[[rule]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub priority: i32,
    #[serde(default)]
    pub mode: Option<Spanned<String>>,
    #[serde(default)]
    pub description: String,
    pub pattern: Spanned<String>,
    /// Words every match contains, and how far a match reaches around them
    /// (see [`crate::rules::anchor`]).
    #[serde(default)]
    pub anchor: Option<Spanned<RawAnchor>>,
    #[serde(default, rename = "example")]
    pub examples: Vec<RawExample>,
}

/// `anchor = { lexicon = "…", before = N, after = M }`: characters from a
/// match's start to the word, and from the word's end to the match's end.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAnchor {
    pub lexicon: String,
    pub before: usize,
    pub after: usize,
}

/// One `[[rule.example]]`: text that must (or must not) produce an item.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExample {
    pub text: String,
    /// Fields the produced item must have (a subset of the output object).
    #[serde(default)]
    pub expect: Option<toml::Table>,
    /// `false`: the rule must produce nothing on this text.
    #[serde(default = "yes", rename = "match")]
    pub matches: bool,
    /// A known gap: reported, never a failure.
    #[serde(default)]
    pub todo: Option<String>,
    #[serde(default)]
    pub note: String,
}

fn yes() -> bool {
    true
}

/// A word list: one term per line, `#` starts a comment, blank lines ignored.
pub fn parse_lexicon(text: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .filter(|l| seen.insert(l.to_string()))
        .map(str::to_string)
        .collect()
}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    // An offset computed from an unescaped string can land inside a character.
    let offset = text.floor_char_boundary(offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_lines() {
        assert_eq!(
            parse_lexicon("# 注释\n书记\n\n 院长 # 法院\n书记\n"),
            vec!["书记", "院长"]
        );
    }

    #[test]
    fn positions() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("甲\n乙丙", "甲\n乙".len()), (2, 2));
        // Inside a character (found by fuzzing): the character's start.
        assert_eq!(line_col("甲\n乙丙", "甲\n乙".len() + 1), (2, 2));
    }
}
