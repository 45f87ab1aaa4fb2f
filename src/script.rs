//! Cleaned text in either script → text for matching, in simplified characters.
//!
//! Rules and lexicons are written in simplified characters; a traditional
//! document (習近平總書記強調…) is matched through a copy converted with
//! OpenCC's traditional→simplified tables (the `ferrous-opencc` crate, phrase
//! dictionary first, then characters). The copy has the same byte layout as
//! the cleaned text: a converted character replaces its original only where
//! both take the same number of UTF-8 bytes (every pair in the Han blocks
//! does), so the cleaned text's offset map serves both, and every output
//! string is sliced from the cleaned text in the document's own script
//! ([`crate::extract::Ctx::original`]).
//!
//! Text without a single traditional-only character (the common case) is
//! recognised by one table lookup per character and not converted at all.

use ferrous_opencc::{config::BuiltinConfig, OpenCC};
use serde::Serialize;
use std::sync::OnceLock;

/// The script a document is written in (`source.script`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, schemars::JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    /// No traditional-only characters (or too few to matter, see [`detect`]).
    #[default]
    Simplified,
    /// Traditional-only characters and (almost) no simplified-only ones.
    Traditional,
    /// Both in quantity: a traditional quotation in simplified text, or the reverse.
    Mixed,
}

/// The share of script-specific characters below which the other script is
/// taken for quotations or stray characters rather than a mixed document.
const MIXED_SHARE: f64 = 0.1;

/// OpenCC's character tables as lookup tables, written by `build.rs`:
/// `T2S` (traditional-only character → simplified form, sorted) and the
/// bitmaps `TRADITIONAL_ONLY` and `SIMPLIFIED_ONLY` over the BMP. Nothing is
/// built at run time, so detection costs a simplified document nothing but
/// one bit test per character.
mod tables {
    include!(concat!(env!("OUT_DIR"), "/script_tables.rs"));
}

fn bit(map: &[u64; 1024], c: char) -> bool {
    let i = c as usize;
    i < 0x10000 && map[i / 64] & (1 << (i % 64)) != 0
}

/// The phrase-aware traditional→simplified converter, loaded on first use
/// (by the first document that has a traditional character).
fn t2s() -> Option<&'static OpenCC> {
    static CC: OnceLock<Option<OpenCC>> = OnceLock::new();
    CC.get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).ok())
        .as_ref()
}

/// One character through the character table alone.
fn t2s_char(c: char) -> char {
    match tables::T2S.binary_search_by_key(&c, |p| p.0) {
        Ok(i) => tables::T2S[i].1,
        Err(_) => c,
    }
}

/// Counts of traditional-only and simplified-only characters in `text`.
fn counts(text: &str) -> (usize, usize) {
    let (mut trad, mut simp) = (0, 0);
    for c in text.chars().filter(|&c| c >= '\u{3400}') {
        trad += usize::from(bit(&tables::TRADITIONAL_ONLY, c));
        simp += usize::from(bit(&tables::SIMPLIFIED_ONLY, c));
    }
    (trad, simp)
}

/// The script of `text`: simplified without traditional-only characters,
/// traditional without simplified-only ones, mixed where each script has at
/// least [`MIXED_SHARE`] of the script-specific characters.
pub fn detect(text: &str) -> Script {
    let (trad, simp) = counts(text);
    script_of(trad, simp)
}

/// The script of `text` and its copy for matching (`None` where no character
/// changes), in one pass over the text when it is simplified. `forced`
/// (`--script`) overrides detection; forced simplified text is not converted.
pub fn for_matching(text: &str, forced: Option<Script>) -> (Script, Option<String>) {
    if forced == Some(Script::Simplified) {
        // The stage off: not even the one pass of detection.
        return (Script::Simplified, None);
    }
    let (trad, simp) = counts(text);
    let script = forced.unwrap_or_else(|| script_of(trad, simp));
    if trad == 0 || forced == Some(Script::Simplified) {
        return (script, None);
    }
    (script, to_simplified(text))
}

fn script_of(trad: usize, simp: usize) -> Script {
    let all = (trad + simp) as f64;
    if trad == 0 || (trad as f64) < all * MIXED_SHARE {
        Script::Simplified
    } else if (simp as f64) < all * MIXED_SHARE {
        Script::Traditional
    } else {
        Script::Mixed
    }
}

/// A word the code supplies (the speaker `会议`) in traditional characters,
/// for a traditional document's output.
pub fn to_traditional(word: &str) -> String {
    static CC: OnceLock<Option<OpenCC>> = OnceLock::new();
    match CC.get_or_init(|| OpenCC::from_config(BuiltinConfig::S2t).ok()) {
        Some(cc) => cc.convert(word),
        None => word.to_string(),
    }
}

/// Whether `text` has any character that conversion would change.
pub fn has_traditional(text: &str) -> bool {
    text.chars().any(|c| bit(&tables::TRADITIONAL_ONLY, c))
}

/// `text` with traditional characters replaced by their simplified forms,
/// byte for byte the same layout; `None` when nothing changes.
///
/// Each line is converted with OpenCC's phrase and character tables; where
/// the phrase conversion changes a line's character count (it never does for
/// the tables as shipped, but a table may), that line falls back to
/// character by character.
pub fn to_simplified(text: &str) -> Option<String> {
    if !has_traditional(text) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if !has_traditional(line) {
            out.push_str(line);
            continue;
        }
        let converted = t2s().map(|cc| cc.convert(line));
        let same_count = converted
            .as_deref()
            .is_some_and(|c| c.chars().count() == line.chars().count());
        match converted {
            Some(c) if same_count => {
                for (o, n) in line.chars().zip(c.chars()) {
                    out.push(if o.len_utf8() == n.len_utf8() { n } else { o });
                }
            }
            _ => {
                for o in line.chars() {
                    let n = t2s_char(o);
                    out.push(if o.len_utf8() == n.len_utf8() { n } else { o });
                }
            }
        }
    }
    debug_assert_eq!(out.len(), text.len());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_keeping_the_byte_layout() {
        let t = "習近平總書記強調，要堅持“兩個確立”。ABC 123";
        let s = to_simplified(t).expect("changed");
        assert_eq!(s, "习近平总书记强调，要坚持“两个确立”。ABC 123");
        assert_eq!(s.len(), t.len());
        for ((a, x), (b, y)) in t.char_indices().zip(s.char_indices()) {
            assert_eq!(a, b);
            assert_eq!(x.len_utf8(), y.len_utf8());
        }
    }

    #[test]
    fn simplified_text_is_left_alone() {
        assert_eq!(to_simplified("习近平总书记强调，要坚持“两个确立”。"), None);
        assert_eq!(to_simplified(""), None);
        assert_eq!(
            detect("习近平总书记强调，要坚持“两个确立”。"),
            Script::Simplified
        );
    }

    #[test]
    fn phrases_convert_by_meaning() {
        // 乾 is 干 in 乾燥 but stays 乾 in 乾隆; 著 is 着 as a particle.
        assert_eq!(to_simplified("乾燥").as_deref(), Some("干燥"));
        assert_eq!(to_simplified("乾隆年間").as_deref(), Some("乾隆年间"));
    }

    #[test]
    fn detects_each_script() {
        assert_eq!(detect("國務院總理李強主持會議。"), Script::Traditional);
        assert_eq!(
            detect("他说：“國務院總理李強主持會議，強調發展。”随后会议听取了汇报，讨论了工作。"),
            Script::Mixed
        );
        assert_eq!(detect("abc 123"), Script::Simplified);
    }
}
