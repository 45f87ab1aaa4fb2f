//! Flat CSV tables for spreadsheet users (`batch --format csv --out-dir DIR`):
//! `officials.csv` (one row per official), `tasks.csv` (one row per task) and
//! `principles.csv` (one row per item), each with the source path, the
//! document's date, title and meeting, and spans. Files start with a UTF-8
//! byte-order mark (unless `--no-bom`), so spreadsheet programs read the
//! Chinese right.

use crate::document::Document;
use anyhow::Result;
use std::fs::File;
use std::path::Path;

/// The three CSV writers.
pub struct Tables {
    officials: csv::Writer<File>,
    tasks: csv::Writer<File>,
    principles: csv::Writer<File>,
}

fn span(s: [usize; 2]) -> [String; 2] {
    [s[0].to_string(), s[1].to_string()]
}

/// A CSV writer at `path`, starting with a byte-order mark when `bom`.
fn writer(path: &Path, bom: bool) -> Result<csv::Writer<File>> {
    use std::io::Write;
    let mut f = File::create(path)?;
    if bom {
        f.write_all("\u{feff}".as_bytes())?;
    }
    Ok(csv::Writer::from_writer(f))
}

/// The columns every table starts with.
const DOC_COLUMNS: [&str; 5] = ["path", "part", "date", "title", "meeting"];

impl Tables {
    pub fn create(dir: &Path, bom: bool) -> Result<Tables> {
        std::fs::create_dir_all(dir)?;
        let mut officials = writer(&dir.join("officials.csv"), bom)?;
        officials.write_record(DOC_COLUMNS.iter().chain(&[
            "name", "titles", "roles", "start", "end", "mentions", "rule",
        ]))?;
        let mut tasks = writer(&dir.join("tasks.csv"), bom)?;
        tasks.write_record(
            DOC_COLUMNS
                .iter()
                .chain(&["speaker", "cue", "text", "start", "end", "rule"]),
        )?;
        let mut principles = writer(&dir.join("principles.csv"), bom)?;
        principles.write_record(DOC_COLUMNS.iter().chain(&[
            "label",
            "count",
            "complete",
            "item_index",
            "item",
            "start",
            "end",
            "rule",
        ]))?;
        Ok(Tables {
            officials,
            tasks,
            principles,
        })
    }

    pub fn add(&mut self, doc: &Document) -> Result<()> {
        let path = doc.source.path.clone().unwrap_or_default();
        let part = doc.source.part.map(|p| p.to_string()).unwrap_or_default();
        let date = doc.date.clone().unwrap_or_default();
        let title = doc.title.clone().unwrap_or_default();
        let meeting = doc
            .meeting
            .as_ref()
            .and_then(|m| m.name.clone())
            .unwrap_or_default();
        for o in &doc.officials {
            let [a, b] = span(o.span);
            self.officials.write_record([
                path.as_str(),
                &part,
                &date,
                &title,
                &meeting,
                &o.name,
                &o.titles.join("、"),
                &o.roles.join("、"),
                &a,
                &b,
                &o.mentions.len().to_string(),
                &o.rule,
            ])?;
        }
        for t in &doc.tasks {
            let [a, b] = span(t.span);
            self.tasks.write_record([
                path.as_str(),
                &part,
                &date,
                &title,
                &meeting,
                t.speaker.as_deref().unwrap_or(""),
                t.cue.as_deref().unwrap_or(""),
                &t.text,
                &a,
                &b,
                &t.rule,
            ])?;
        }
        for p in &doc.principles {
            for (i, item) in p.items.iter().enumerate() {
                let [a, b] = span(item.span);
                self.principles.write_record([
                    path.as_str(),
                    &part,
                    &date,
                    &title,
                    &meeting,
                    &p.label,
                    &p.count.map(|c| c.to_string()).unwrap_or_default(),
                    if p.complete { "true" } else { "false" },
                    &i.to_string(),
                    &item.text,
                    &a,
                    &b,
                    &p.rule,
                ])?;
            }
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        self.officials.flush()?;
        self.tasks.flush()?;
        self.principles.flush()?;
        Ok(())
    }
}
