//! Decoding + cleaning + segmentation never panic, and every cleaned
//! character maps back inside the input.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let d = policyx::decode::decode(data, None);
    let n = d.text.chars().count();
    let c = policyx::clean::clean(&d.text);
    let t = &c.body.text;
    for p in policyx::segment::segment(t) {
        for s in &p.sentences {
            let [a, b] = c.body.span(s.start, s.end);
            assert!(a <= b && b <= n, "span {a}..{b} outside input of {n} chars");
        }
    }
});
