//! Name fixtures (`testdata/names/*.toml`), one file per kind of name: each
//! case's `name` must be found as an official (with at least its `titles`),
//! and no name in `absent` may be. Prints a table of the kinds with how many
//! cases each rule got right (`cargo test --test it names:: -- --nocapture`).

use crate::common;

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    name: Option<String>,
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    #[allow(dead_code)]
    note: Option<String>,
}

/// Checks one case; returns the rule that found the name (or "absent" for a
/// negative case) and what went wrong.
fn check(case: &Case) -> (String, Vec<String>) {
    let (doc, _) = common::extract_bytes(case.text.as_bytes(), None);
    let mut problems = Vec::new();
    let mut rule = "absent".to_string();
    if let Some(name) = &case.name {
        match doc.officials.iter().find(|o| &o.name == name) {
            Some(o) => {
                rule = o.rule.to_string();
                for t in &case.titles {
                    if !o.titles.contains(t) {
                        problems.push(format!("{name}: title {t} missing (got {:?})", o.titles));
                    }
                }
            }
            None => {
                rule = "-".to_string();
                let got: Vec<&str> = doc.officials.iter().map(|o| o.name.as_str()).collect();
                problems.push(format!("{name} not found (got {got:?})"));
            }
        }
    }
    for a in &case.absent {
        if doc.officials.iter().any(|o| &o.name == a) {
            problems.push(format!("{a} found but must not be"));
        }
    }
    (rule, problems)
}

#[test]
fn name_fixtures() {
    let dir = common::root().join("testdata/names");
    let mut failures = Vec::new();
    // kind → rule → (right, total)
    let mut table: BTreeMap<String, BTreeMap<String, (usize, usize)>> = BTreeMap::new();
    let files = common::files_in(&dir, "toml");
    assert!(files.len() >= 5, "one file per kind of name");
    for path in files {
        let kind = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).expect("fixture reads");
        let file: File = toml::from_str(&text).expect("fixture parses");
        let positives = file.case.iter().filter(|c| c.name.is_some()).count();
        let negatives = file.case.iter().filter(|c| !c.absent.is_empty()).count();
        assert!(
            positives >= 5 && negatives >= 2,
            "{kind}: at least five positive cases and two negative ones"
        );
        for case in &file.case {
            let (rule, problems) = check(case);
            let cell = table
                .entry(kind.clone())
                .or_default()
                .entry(rule)
                .or_default();
            cell.1 += 1;
            if problems.is_empty() {
                cell.0 += 1;
            } else {
                failures.push(format!("{kind}: {}: {}", case.text, problems.join("; ")));
            }
        }
    }
    println!("| kind | rule | right | cases |\n|---|---|---|---|");
    for (kind, rules) in &table {
        for (rule, (right, total)) in rules {
            println!("| {kind} | {rule} | {right} | {total} |");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
