//! Bytes → text: detects (or is told) the encoding and decodes without panicking.
//!
//! Order of detection: a byte-order mark (UTF-8, UTF-16 LE/BE), valid UTF-8,
//! UTF-16 without BOM (recognised by its NUL pattern), then `chardetng`'s guess
//! between GB18030 and Big5, unless UTF-16 read without a BOM gives clearly
//! more plausible text (Chinese UTF-16 has no NULs to show it). The decoded text
//! keeps a UTF-8 BOM as U+FEFF so that offsets stay those of the decoded input.

use anyhow::{bail, Result};
use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from bytes, with the name of the encoding used.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// True when some bytes could not be decoded and became U+FFFD.
    pub had_errors: bool,
}

/// Parses a user's `--encoding` value into an encoding.
pub fn parse_encoding(label: &str) -> Result<&'static Encoding> {
    let l = label.trim().to_ascii_lowercase();
    let enc = match l.as_str() {
        "utf8" | "utf-8" => Some(UTF_8),
        "gbk" | "gb2312" | "gb18030" | "cp936" => Some(GB18030),
        "big5" => Some(BIG5),
        "utf16le" | "utf-16le" => Some(UTF_16LE),
        "utf16be" | "utf-16be" => Some(UTF_16BE),
        other => Encoding::for_label(other.as_bytes()),
    };
    match enc {
        Some(e) => Ok(e),
        None => bail!("unknown encoding '{label}' (try utf-8, gb18030, big5, utf-16le, utf-16be)"),
    }
}

/// Decodes `bytes`, forcing `forced` when given.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Decoded {
    if let Some(enc) = forced {
        return decode_with(bytes, enc);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return decode_with(bytes, UTF_16LE);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return decode_with(bytes, UTF_16BE);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            had_errors: false,
        };
    }
    if let Some(enc) = sniff_utf16(bytes) {
        return decode_with(bytes, enc);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let legacy = if det.guess(None, chardetng::Utf8Detection::Allow) == BIG5 {
        BIG5
    } else {
        GB18030
    };
    // UTF-16 without a BOM and without ASCII has no NULs to show it: keep the
    // reading whose characters look most like text.
    let mut best = decode_with(bytes, legacy);
    if bytes.len().is_multiple_of(2) {
        let mut best_score = plausibility(&best.text);
        for enc in [UTF_16LE, UTF_16BE] {
            let d = decode_with(bytes, enc);
            let sc = plausibility(&d.text);
            if !d.had_errors && sc > best_score + 0.2 {
                best_score = sc;
                best = d;
            }
        }
    }
    best
}

/// The share of characters that ordinary Chinese or English text is made of.
fn plausibility(text: &str) -> f64 {
    let mut n = 0usize;
    let mut good = 0usize;
    for c in text.chars().take(4096) {
        n += 1;
        let ok = matches!(c, ' '..='~' | '\n' | '\r' | '\t')
            || ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
            || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·');
        good += usize::from(ok);
    }
    if n == 0 {
        0.0
    } else {
        good as f64 / n as f64
    }
}

fn decode_with(bytes: &[u8], enc: &'static Encoding) -> Decoded {
    // UTF-8 keeps its BOM as a character, as Python's "utf-8" codec does.
    if enc == UTF_8 {
        let (text, had_errors) = match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), false),
            Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
        };
        return Decoded {
            text,
            encoding: "UTF-8",
            had_errors,
        };
    }
    let (text, used, had_errors) = enc.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: used.name(),
        had_errors,
    }
}

/// UTF-16 without a BOM: mostly-ASCII or CJK text has a NUL in one byte of
/// many code units. Looks at the first 4 KiB.
pub(crate) fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    if head.len() < 4 || !head.len().is_multiple_of(2) && head.len() == bytes.len() {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_nul * 3 > pairs && even_nul * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 3 > pairs && odd_nul * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_keeps_the_bom_character() {
        let d = decode("\u{feff}会议".as_bytes(), None);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "\u{feff}会议");
    }

    #[test]
    fn gbk_bytes_decode_as_gb18030() {
        let (bytes, _, _) = GB18030.encode("全省法院院长会议在长春召开");
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.text, "全省法院院长会议在长春召开");
    }

    #[test]
    fn utf16le_without_bom_is_recognised() {
        let bytes: Vec<u8> = "会议 ok"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.text, "会议 ok");
    }

    #[test]
    fn forced_encoding_wins() {
        let d = decode("abc".as_bytes(), Some(parse_encoding("gbk").unwrap()));
        assert_eq!(d.encoding, "gb18030");
        assert!(parse_encoding("klingon").is_err());
    }
}
