//! Flat CSV tables for spreadsheet users (`batch --format csv --out-dir DIR`):
//! `officials.csv` (one row per official), `tasks.csv` (one row per task) and
//! `principles.csv` (one row per item), each with the source path and spans.

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

impl Tables {
    pub fn create(dir: &Path) -> Result<Tables> {
        std::fs::create_dir_all(dir)?;
        let mut officials = csv::Writer::from_path(dir.join("officials.csv"))?;
        officials.write_record([
            "path", "part", "name", "titles", "roles", "start", "end", "mentions", "rule",
        ])?;
        let mut tasks = csv::Writer::from_path(dir.join("tasks.csv"))?;
        tasks.write_record([
            "path", "part", "speaker", "cue", "text", "start", "end", "rule",
        ])?;
        let mut principles = csv::Writer::from_path(dir.join("principles.csv"))?;
        principles.write_record([
            "path",
            "part",
            "label",
            "count",
            "complete",
            "item_index",
            "item",
            "start",
            "end",
            "rule",
        ])?;
        Ok(Tables {
            officials,
            tasks,
            principles,
        })
    }

    pub fn add(&mut self, doc: &Document) -> Result<()> {
        let path = doc.source.path.clone().unwrap_or_default();
        let part = doc.source.part.map(|p| p.to_string()).unwrap_or_default();
        for o in &doc.officials {
            let [a, b] = span(o.span);
            self.officials.write_record([
                path.as_str(),
                &part,
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
