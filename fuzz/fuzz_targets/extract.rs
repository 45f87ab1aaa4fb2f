//! End to end: any bytes give a document whose spans lie inside the input
//! and slice back to their text where no markup was removed inside them (a
//! span over an inline tag covers the tag; the cleaned text does not).
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn extractor() -> &'static policyx::extract::Extractor {
    static EX: OnceLock<policyx::extract::Extractor> = OnceLock::new();
    EX.get_or_init(|| {
        policyx::extract::Extractor::new(policyx::rules::RuleSet::defaults().expect("defaults")).expect("extractor")
    })
}

/// The same rules matched in windows of 256 bytes, so that cutting windows
/// anywhere in arbitrary text is fuzzed too.
fn windowed() -> &'static policyx::extract::Extractor {
    static EX: OnceLock<policyx::extract::Extractor> = OnceLock::new();
    EX.get_or_init(|| {
        policyx::extract::Extractor::new(policyx::rules::RuleSet::defaults().expect("defaults"))
            .expect("extractor")
            .with_window(256)
    })
}

fuzz_target!(|data: &[u8]| {
    check(extractor(), data);
    check(windowed(), data);
});

fn check(ex: &policyx::extract::Extractor, data: &[u8]) {
    let d = policyx::decode::decode(data, None);
    let chars: Vec<char> = d.text.chars().collect();
    let doc = ex.extract(&d, policyx::document::SourceInfo { path: None, encoding: d.encoding.into(), part: None, id: None, script: Default::default(), date_from: None, date_field: None });
    let slice = |s: [usize; 2]| -> String {
        assert!(s[0] <= s[1] && s[1] <= chars.len(), "span {s:?} outside {} chars", chars.len());
        chars[s[0]..s[1]].iter().collect()
    };
    let same = |span: [usize; 2], text: &str| {
        let got = slice(span);
        if got.chars().count() == text.chars().count() {
            assert_eq!(got, text);
        }
    };
    for o in &doc.officials {
        same(o.span, &o.name);
    }
    for s in &doc.slogans {
        same(s.span, &s.text);
    }
    for t in &doc.tasks {
        slice(t.span);
    }
    for p in &doc.principles {
        slice(p.span);
        p.items.iter().for_each(|i| {
            slice(i.span);
        });
    }
    serde_json::to_string(&doc).expect("serialises");
}
