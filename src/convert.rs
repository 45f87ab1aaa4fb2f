//! One input unit → output records: decode, optionally split into parts,
//! extract each, and serialise. Shared by `batch` and `stream`; never panics
//! on bad input, and a unit that cannot be read gives an error record.

use crate::decode::decode;
use crate::document::{Document, ErrorRecord, SourceInfo};
use crate::extract::Extractor;
use encoding_rs::Encoding;
use regex::Regex;

/// One output line (or file) and what it came from.
#[derive(Debug)]
pub struct Record {
    pub path: String,
    pub part: Option<usize>,
    /// The JSON object, without a trailing newline.
    pub json: String,
    /// The document, when extraction succeeded (callers that only need the
    /// JSON may drop it).
    pub doc: Option<Document>,
    /// Why the unit gave no document, for an error record.
    pub error: Option<String>,
}

/// An error record for `path`.
pub fn error_record(source: SourceInfo, error: &str) -> Record {
    let path = source.path.clone().unwrap_or_default();
    let rec = ErrorRecord {
        source,
        error: error.to_string(),
    };
    let json = serde_json::to_string(&rec)
        .unwrap_or_else(|_| "{\"error\":\"unserialisable\"}".to_string());
    Record {
        path,
        part: None,
        json,
        doc: None,
        error: Some(error.to_string()),
    }
}

/// Byte offsets where parts start: at each line matching `split` (the first part may be a preamble).
fn part_starts(text: &str, split: &Regex) -> Vec<usize> {
    let mut starts = vec![0];
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if pos > 0 && split.is_match(line.trim_end_matches(['\n', '\r'])) {
            starts.push(pos);
        }
        pos += line.len();
    }
    starts
}

/// Converts one unit's bytes into records.
pub fn convert(
    ex: &Extractor,
    path: &str,
    bytes: &[u8],
    forced: Option<&'static Encoding>,
    split: Option<&Regex>,
    id: Option<serde_json::Value>,
    date_field: Option<String>,
) -> Vec<Record> {
    let decoded = decode(bytes, forced);
    let source = |part: Option<usize>| SourceInfo {
        path: (!path.is_empty()).then(|| path.to_string()),
        encoding: decoded.encoding.to_string(),
        part,
        id: id.clone(),
        script: Default::default(),
        date_from: None,
        date_field: date_field.clone(),
    };
    let Some(split) = split else {
        let doc = ex.extract(&decoded, source(None));
        return vec![record(path, None, doc)];
    };
    let starts = part_starts(&decoded.text, split);
    let mut out = Vec::with_capacity(starts.len());
    let mut char_offset = 0;
    for (i, &a) in starts.iter().enumerate() {
        let b = starts.get(i + 1).copied().unwrap_or(decoded.text.len());
        let piece = &decoded.text[a..b];
        let part = crate::decode::Decoded {
            text: piece.to_string(),
            encoding: decoded.encoding,
            had_errors: decoded.had_errors,
        };
        if !piece.trim().is_empty() {
            let mut doc = ex.extract(&part, source(Some(i)));
            doc.shift_spans(char_offset);
            out.push(record(path, Some(i), doc));
        }
        char_offset += piece.chars().count();
    }
    out
}

fn record(path: &str, part: Option<usize>, doc: Document) -> Record {
    match serde_json::to_string(&doc) {
        Ok(json) => Record {
            path: path.to_string(),
            part,
            json,
            doc: Some(doc),
            error: None,
        },
        Err(e) => error_record(doc.source, &format!("cannot serialise: {e}")),
    }
}
