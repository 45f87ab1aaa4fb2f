//! End to end: any bytes give a document whose spans lie inside the input
//! and slice back to their text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn extractor() -> &'static policyx::extract::Extractor {
    static EX: OnceLock<policyx::extract::Extractor> = OnceLock::new();
    EX.get_or_init(|| {
        policyx::extract::Extractor::new(policyx::rules::RuleSet::defaults().expect("defaults")).expect("extractor")
    })
}

fuzz_target!(|data: &[u8]| {
    let d = policyx::decode::decode(data, None);
    let chars: Vec<char> = d.text.chars().collect();
    let doc = extractor().extract(&d, policyx::document::SourceInfo { path: None, encoding: d.encoding.into(), part: None, id: None });
    let slice = |s: [usize; 2]| -> String {
        assert!(s[0] <= s[1] && s[1] <= chars.len(), "span {s:?} outside {} chars", chars.len());
        chars[s[0]..s[1]].iter().collect()
    };
    for o in &doc.officials {
        assert_eq!(slice(o.span), o.name);
    }
    for s in &doc.slogans {
        assert_eq!(slice(s.span), s.text);
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
});
