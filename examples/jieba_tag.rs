//! Reference for the benchmark: the bench corpus through jieba-rs `tag()`
//! alone, line by line (as a user tags text), built with policyx's own
//! release profile (thin LTO, one codegen unit) since examples share it.
//!
//!     cargo run --release --features reference-jieba --example jieba_tag -- ../shared/corpus/bench
//!
//! Prints files, bytes, seconds and MB/s for one thread.

use std::path::{Path, PathBuf};
use std::time::Instant;

fn walk(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(p)
            .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        v.sort();
        for e in v {
            walk(&e, out);
        }
    } else {
        out.push(p.to_path_buf());
    }
}

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/bench".into());
    let mut files = Vec::new();
    walk(Path::new(&root), &mut files);
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let load = Instant::now();
    let jieba = jieba_rs::Jieba::new();
    let load = load.elapsed();
    let t = Instant::now();
    let mut tokens = 0usize;
    for text in &texts {
        for line in text.lines() {
            tokens += jieba.tag(line, true).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "jieba tag: files {}, bytes {}, tokens {}, {:.2} s, {:.2} MB/s, dictionary load {:.0} ms",
        texts.len(),
        bytes,
        tokens,
        secs,
        bytes as f64 / 1e6 / secs,
        load.as_secs_f64() * 1e3
    );
}
