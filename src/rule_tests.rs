//! Runs the examples written beside each rule (`[[rule.example]]`), the way
//! regex's `testdata/*.toml` are run by one harness: each example text is
//! extracted with the whole rule set, then the items the rule produced are
//! compared with `expect` (a subset of the item's fields). `match = false`
//! examples must produce nothing from the rule; `todo` examples are known gaps
//! and never fail.

use crate::decode::decode;
use crate::document::{Document, SourceInfo};
use crate::extract::Extractor;
use crate::rules::{Kind, Rule};
use serde_json::{json, Value};

/// How one example went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pass,
    Fail,
    /// A known gap that still fails.
    Todo,
    /// A known gap that now passes: remove its `todo`.
    TodoPasses,
}

/// The result of one example.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub rule: String,
    pub file: String,
    pub line: usize,
    pub text: String,
    pub status: Status,
    pub detail: String,
}

/// The items of `rule`'s kind that `rule` produced, as JSON.
fn produced(doc: &Document, rule: &Rule) -> Vec<Value> {
    let id: &str = &rule.id;
    match rule.kind {
        Kind::Official => doc
            .officials
            .iter()
            .filter(|o| o.rule.as_ref() == id)
            .map(to_value)
            .collect(),
        Kind::Role => doc
            .officials
            .iter()
            .filter(|o| !o.roles.is_empty())
            .map(to_value)
            .collect(),
        Kind::Cue => doc
            .tasks
            .iter()
            .filter(|t| t.rule.as_ref() == id)
            .map(to_value)
            .collect(),
        Kind::Principle => doc
            .principles
            .iter()
            .filter(|p| p.rule.as_ref() == id)
            .map(to_value)
            .collect(),
        Kind::Slogan => doc
            .slogans
            .iter()
            .filter(|s| s.rule.as_ref() == id)
            .map(to_value)
            .collect(),
        Kind::Meeting => doc
            .meeting
            .iter()
            .filter(|m| m.rule.as_ref() == id)
            .map(to_value)
            .collect(),
        Kind::Reporter => doc.reporters.iter().map(|n| json!({ "name": n })).collect(),
        Kind::Editor => doc.editors.iter().map(|n| json!({ "name": n })).collect(),
    }
}

fn to_value<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// Does `actual` have every field of `expect`? Lists of `{text, …}` objects compare by text.
fn matches(actual: &Value, expect: &Value) -> bool {
    match (actual, expect) {
        (Value::Object(a), Value::Object(e)) => e
            .iter()
            .all(|(k, v)| a.get(k).is_some_and(|x| matches(x, v))),
        (Value::Array(a), Value::Array(e)) => {
            a.len() == e.len()
                && a.iter().zip(e).all(|(x, y)| match (x, y) {
                    (Value::Object(o), Value::String(s)) => {
                        o.get("text").and_then(Value::as_str) == Some(s.as_str())
                    }
                    _ => matches(x, y),
                })
        }
        (Value::Number(a), Value::Number(e)) => a.as_f64() == e.as_f64(),
        _ => actual == expect,
    }
}

fn example_line(file_text: Option<&str>, rule_line: usize, text: &str) -> usize {
    let Some(src) = file_text else {
        return rule_line;
    };
    let needle: String = text.chars().take(12).collect();
    src.lines()
        .enumerate()
        .skip(rule_line)
        .find(|(_, l)| l.trim_start().starts_with("text") && l.contains(&needle))
        .map_or(rule_line, |(i, _)| i + 1)
}

/// Runs every example of every rule; `files` gives rule-file texts by path, for line numbers.
pub fn run(ex: &Extractor, files: &[(String, String)]) -> Vec<Outcome> {
    let mut out = Vec::new();
    for rule in &ex.rules.rules {
        let file_text = files
            .iter()
            .find(|(p, _)| *p == rule.file)
            .map(|(_, t)| t.as_str());
        for e in &rule.examples {
            let decoded = decode(e.text.as_bytes(), None);
            let doc = ex.extract(
                &decoded,
                SourceInfo {
                    path: None,
                    encoding: decoded.encoding.into(),
                    part: None,
                    id: None,
                    script: Default::default(),
                    date_from: None,
                    date_field: None,
                },
            );
            let items = produced(&doc, rule);
            let (ok, detail) = if e.matches {
                let expect = e
                    .expect
                    .as_ref()
                    .map(|t| serde_json::to_value(t).unwrap_or(Value::Null));
                let hit = match &expect {
                    Some(x) => items.iter().any(|i| matches(i, x)),
                    None => !items.is_empty(),
                };
                let detail = if hit {
                    String::new()
                } else {
                    format!(
                        "expected {} but the rule produced {}",
                        expect.map_or("an item".to_string(), |x| x.to_string()),
                        if items.is_empty() {
                            "nothing".to_string()
                        } else {
                            Value::Array(items.clone()).to_string()
                        }
                    )
                };
                (hit, detail)
            } else {
                let detail = if items.is_empty() {
                    String::new()
                } else {
                    format!(
                        "expected no match but the rule produced {}",
                        Value::Array(items.clone())
                    )
                };
                (items.is_empty(), detail)
            };
            let status = match (ok, e.todo.is_some()) {
                (true, false) => Status::Pass,
                (false, false) => Status::Fail,
                (false, true) => Status::Todo,
                (true, true) => Status::TodoPasses,
            };
            out.push(Outcome {
                rule: rule.id.to_string(),
                file: rule.file.clone(),
                line: example_line(file_text, rule.line, &e.text),
                text: e.text.clone(),
                status,
                detail,
            });
        }
    }
    out
}

/// Rules lacking a positive or a negative example.
pub fn missing_examples(ex: &Extractor) -> Vec<String> {
    ex.rules
        .rules
        .iter()
        .filter(|r| {
            !r.examples.iter().any(|e| e.matches && e.todo.is_none())
                || !r.examples.iter().any(|e| !e.matches)
        })
        .map(|r| {
            format!(
                "{}:{}: rule {}: needs at least one positive and one negative example",
                r.file, r.line, r.id
            )
        })
        .collect()
}
