//! Any rule file text loads into a rule set or gives errors; never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use policyx::rules::{embedded, RuleSet, Source};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut sources: Vec<Source> = embedded::sources().into_iter().filter(|s| s.path.ends_with(".txt") || s.path == "macros.toml").collect();
    sources.push(Source { path: "fuzz.toml".into(), text: text.to_string() });
    if let Ok(rules) = RuleSet::load(sources) {
        if let Ok(ex) = policyx::extract::Extractor::new(rules) {
            let d = policyx::decode::decode("省委书记王一民要求，各地要抓好落实。“五个坚持”".as_bytes(), None);
            let _ = ex.extract(&d, policyx::document::SourceInfo { path: None, encoding: "UTF-8".into(), part: None, id: None, script: Default::default(), date_from: None, date_field: None });
        }
    }
});
