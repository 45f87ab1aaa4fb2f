//! The JSON Schema printed by `policyx schema` validates the output for every
//! testdata article, and the eval figures agree with `score.py`.

use crate::common;

use common::{extract_bytes, files_in, root};
use serde_json::Value;

fn schema() -> Value {
    let out = assert_cmd::Command::cargo_bin("policyx")
        .expect("bin")
        .arg("schema")
        .output()
        .expect("run");
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("schema is JSON")
}

#[test]
fn output_of_every_testdata_article_validates_against_the_schema() {
    let schema = schema();
    let validator = jsonschema::validator_for(&schema).expect("valid JSON Schema");
    let mut files = files_in(&root().join("testdata/fixtures"), "txt");
    files.extend(files_in(&root().join("testdata/seed"), "txt"));
    assert!(files.len() > 10);
    for p in files {
        let bytes = std::fs::read(&p).expect("read");
        let (doc, _) = extract_bytes(&bytes, p.to_str());
        let v = serde_json::to_value(&doc).expect("serialise");
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", p.display());
    }
    // A document missing a required field does not validate.
    let (doc, _) = extract_bytes("会议。".as_bytes(), None);
    let mut v = serde_json::to_value(&doc).expect("serialise");
    v.as_object_mut().expect("object").remove("tasks");
    assert!(!validator.is_valid(&v));
}

/// `policyx eval --json` and `score.py` agree to two decimals on every field.
#[test]
fn eval_agrees_with_score_py() {
    let shared = root().join("../shared/eval");
    let mut golds = vec![root().join("testdata/seed/gold.jsonl")];
    for g in ["dev", "dev-principles"] {
        let p = shared.join(g).join("gold.jsonl");
        if p.is_file() {
            golds.push(p);
        }
    }
    let bin = assert_cmd::cargo::cargo_bin("policyx");
    let score = shared.join("score.py");
    for gold in golds {
        let ours = std::process::Command::new(&bin)
            .args(["eval", "--json", "--gold"])
            .arg(&gold)
            .output()
            .expect("eval runs");
        assert!(ours.status.success());
        let ours: Value = serde_json::from_slice(&ours.stdout).expect("json");
        if !score.is_file() {
            // Without shared/ (a fresh machine): the seed's figures are known.
            for f in policyx::eval::FIELDS {
                assert_eq!(ours["figures"][f]["f1"].as_f64(), Some(1.0), "{f}");
            }
            continue;
        }
        let theirs = std::process::Command::new("python3")
            .arg(&score)
            .arg("--gold")
            .arg(&gold)
            .arg("--cmd")
            .arg(format!("{} extract", bin.display()))
            .arg("--json")
            .output()
            .expect("python3 runs score.py");
        assert!(
            theirs.status.success(),
            "{}",
            String::from_utf8_lossy(&theirs.stderr)
        );
        let last = String::from_utf8_lossy(&theirs.stdout)
            .lines()
            .last()
            .unwrap_or("")
            .to_string();
        let theirs: Value = serde_json::from_str(&last).expect("score.py --json");
        for f in policyx::eval::FIELDS {
            for k in ["p", "r", "f1"] {
                let a = ours["figures"][f][k].as_f64().expect("ours");
                let b = theirs[f][k].as_f64().expect("theirs");
                assert!(
                    (a - b).abs() < 0.005,
                    "{}: {f}.{k}: eval {a} vs score.py {b}",
                    gold.display()
                );
            }
        }
    }
}
