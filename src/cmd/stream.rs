//! `policyx stream`: a JSON Lines filter for distributed engines (GNU
//! parallel `--pipe`, Hadoop Streaming, Spark `RDD.pipe`). Each input line
//! `{"id": …, "text": …}` gives one output line, in the same order, carrying
//! the id; output is flushed line by line and memory holds one line at a time.
//! A line that is blank or not a JSON object with a text field gives an error
//! record in its place, so output line N always answers input line N.
//! Nothing in a result depends on the line's position, so a run split across
//! processes gives the same bytes as one process.

use crate::flags::{RuleFlags, StreamFlags};
use anyhow::Result;
use policyx::convert::{convert, error_record};
use policyx::document::SourceInfo;
use std::io::{BufRead, Write};

pub fn run(flags: &StreamFlags, rule_flags: &RuleFlags) -> Result<i32> {
    let ex = super::extractor(rule_flags)?;
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    let mut failed = false;
    let mut line = Vec::new();
    let mut reader = stdin.lock();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let raw = String::from_utf8_lossy(&line);
        let raw = raw.trim();
        let src = |id: Option<serde_json::Value>| SourceInfo {
            path: None,
            encoding: "UTF-8".into(),
            part: None,
            id,
            script: Default::default(),
            date_from: None,
            date_field: None,
        };
        // Line N of the output always answers line N of the input: a blank
        // line gets an error record too.
        let json = if raw.is_empty() {
            failed = true;
            error_record(src(None), "blank line").json
        } else {
            match serde_json::from_str::<serde_json::Value>(raw) {
                Ok(v) => {
                    let id = v.get(&flags.id_field).cloned();
                    let date = v.get(&flags.date_field).and_then(|d| {
                        d.as_str()
                            .map(str::to_string)
                            .or_else(|| d.as_i64().map(|y| y.to_string()))
                    });
                    match v.get(&flags.text_field).and_then(|t| t.as_str()) {
                        Some(text) => {
                            let mut recs =
                                convert(&ex, "", text.as_bytes(), None, None, id.clone(), date);
                            match recs.pop() {
                                Some(r) => r.json,
                                None => error_record(src(id), "no document").json,
                            }
                        }
                        None => {
                            failed = true;
                            error_record(
                                src(id),
                                format!("no string field '{}'", flags.text_field).as_str(),
                            )
                            .json
                        }
                    }
                }
                Err(e) => {
                    failed = true;
                    error_record(src(None), &format!("not JSON: {e}")).json
                }
            }
        };
        out.write_all(json.as_bytes())?;
        out.write_all(b"\n")?;
        out.flush()?;
    }
    Ok(if failed { 1 } else { 0 })
}
