//! `policyx schema`: prints the JSON Schema of the output, derived from the
//! output types in `document.rs`: a line is a document or, in `batch` and
//! `stream` output, an error record (`anyOf`).

use anyhow::Result;
use policyx::document::{OutputLine, SCHEMA_VERSION};
use std::io::Write;

pub fn run() -> Result<i32> {
    let mut schema = serde_json::to_value(schemars::schema_for!(OutputLine))?;
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "$id".into(),
            format!("https://policyx.invalid/schema/{SCHEMA_VERSION}").into(),
        );
        obj.insert("x-schema-version".into(), SCHEMA_VERSION.into());
    }
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &schema)?;
    writeln!(out)?;
    Ok(0)
}
