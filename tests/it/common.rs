//! Helpers shared by the integration tests.

use policyx::decode::decode;
use policyx::document::{Document, SourceInfo};
use policyx::extract::Extractor;
use policyx::rules::RuleSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| {
        Extractor::new(RuleSet::defaults().expect("default rules load")).expect("extractor")
    })
}

/// Extracts a file below the crate root.
pub fn extract_file(rel: &str) -> (Document, String) {
    let bytes = std::fs::read(root().join(rel)).expect("fixture exists");
    extract_bytes(&bytes, Some(rel))
}

pub fn extract_bytes(bytes: &[u8], path: Option<&str>) -> (Document, String) {
    let d = decode(bytes, None);
    let doc = extractor().extract(
        &d,
        SourceInfo {
            path: path.map(str::to_string),
            encoding: d.encoding.into(),
            part: None,
            id: None,
            script: Default::default(),
            date_from: None,
            date_field: None,
        },
    );
    (doc, d.text)
}

/// The input text at a span, as Python's `text[start:end]` would give it.
pub fn slice(text: &str, span: [usize; 2]) -> String {
    text.chars()
        .skip(span[0])
        .take(span[1].saturating_sub(span[0]))
        .collect()
}

/// Every span in `doc` (items, officials, tasks, principles, slogans, meeting) slices back to its text.
pub fn assert_spans(doc: &Document, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let slice = |span: [usize; 2]| -> String {
        assert!(
            span[0] <= span[1] && span[1] <= chars.len(),
            "span {span:?} outside {} chars",
            chars.len()
        );
        chars[span[0]..span[1]].iter().collect()
    };
    let squeeze = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    for o in &doc.officials {
        assert_eq!(slice(o.span), o.name, "official span");
        for m in &o.mentions {
            assert_eq!(slice(*m), o.name, "mention span");
        }
    }
    for t in &doc.tasks {
        assert_eq!(strip(&slice(t.span)), squeeze(&t.text), "task span");
    }
    for p in &doc.principles {
        assert!(
            strip(&slice(p.span)).contains(&squeeze(&p.label)),
            "principle label span {:?}",
            p.label
        );
        for i in &p.items {
            assert_eq!(strip(&slice(i.span)), squeeze(&i.text), "item span");
        }
    }
    for s in &doc.slogans {
        // A quote may hold an inline tag: its span covers the tag, its text does not.
        assert_eq!(strip(&slice(s.span)), squeeze(&s.text), "slogan span");
    }
    if let Some(m) = &doc.meeting {
        if let Some(n) = &m.name {
            assert!(slice(m.span).contains(n.as_str()));
        }
    }
}

/// What a span of input reads as once cleaned (tags dropped, entities decoded), without white space. The span is
/// cleaned after a letter, as it stood inside its line: at the start of a line, `#` would open a heading and blanks
/// would be trimmed.
fn strip(s: &str) -> String {
    let cleaned = policyx::clean::clean(&format!("甲{s}")).body.text;
    cleaned
        .strip_prefix('甲')
        .unwrap_or(&cleaned)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

pub fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == ext))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}
