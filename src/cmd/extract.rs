//! `policyx extract [FILE]`: one document in (a file, or stdin), one JSON
//! object out. `--explain` shows every competing rule match.

use crate::flags::{ExtractFlags, RuleFlags};
use anyhow::{Context, Result};
use policyx::decode::{decode, parse_encoding};
use policyx::document::SourceInfo;
use policyx::extract::{Extractor, Trace};
use std::io::{Read, Write};

pub fn run(flags: &ExtractFlags, rule_flags: &RuleFlags) -> Result<i32> {
    let forced = flags
        .encoding
        .as_deref()
        .map(parse_encoding)
        .transpose()
        .map_err(|e| crate::UsageError(e.to_string()))?;
    let ex = super::extractor(rule_flags)?;
    let (bytes, path) = match &flags.file {
        Some(p) if p.as_os_str() != "-" => {
            let bytes = std::fs::read(p).with_context(|| format!("{}", p.display()))?;
            (bytes, Some(p.display().to_string()))
        }
        _ => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .context("reading stdin")?;
            (buf, None)
        }
    };
    let decoded = decode(&bytes, forced);
    let source = SourceInfo {
        path,
        encoding: decoded.encoding.to_string(),
        part: None,
        id: None,
    };
    let (doc, trace) = ex.extract_traced(&decoded, source);
    let mut out = std::io::stdout().lock();
    if flags.explain {
        if flags.json {
            serde_json::to_writer_pretty(&mut out, &explain_json(&ex, &decoded.text, &trace))?;
            writeln!(out)?;
        } else {
            explain_text(&mut out, &ex, &trace)?;
        }
        return Ok(0);
    }
    if flags.pretty {
        serde_json::to_writer_pretty(&mut out, &doc)?;
    } else {
        serde_json::to_writer(&mut out, &doc)?;
    }
    writeln!(out)?;
    out.flush()?;
    Ok(0)
}

fn explain_json(ex: &Extractor, _input: &str, trace: &Trace) -> serde_json::Value {
    let m = |m: &policyx::rules::Match| {
        let r = &ex.rules.rules[m.rule];
        serde_json::json!({ "rule": r.id, "priority": r.priority, "clean_span": [m.start, m.end] })
    };
    let mut kinds = serde_json::Map::new();
    for (kind, kept) in &trace.kept {
        let dropped: Vec<_> = trace
            .dropped
            .get(kind)
            .into_iter()
            .flatten()
            .map(|d| serde_json::json!({ "candidate": m(&d.loser), "lost_to": m(&d.winner), "why": "overlaps a match with higher priority, or as high and longer, or as long and earlier" }))
            .collect();
        kinds.insert(
            kind.name().to_string(),
            serde_json::json!({ "kept": kept.iter().map(m).collect::<Vec<_>>(), "dropped": dropped }),
        );
    }
    let unbuilt: Vec<_> = trace.unbuilt.iter().map(m).collect();
    serde_json::json!({ "kinds": kinds, "principle_candidates_without_items": unbuilt })
}

fn explain_text(out: &mut impl Write, ex: &Extractor, trace: &Trace) -> Result<()> {
    for (kind, kept) in &trace.kept {
        writeln!(out, "== {}", kind.name())?;
        for k in kept {
            let r = &ex.rules.rules[k.rule];
            writeln!(
                out,
                "  kept    {} (priority {}) at {}..{}",
                r.id, r.priority, k.start, k.end
            )?;
        }
        for d in trace.dropped.get(kind).into_iter().flatten() {
            let (l, w) = (
                &ex.rules.rules[d.loser.rule],
                &ex.rules.rules[d.winner.rule],
            );
            writeln!(
                out,
                "  dropped {} (priority {}) at {}..{}: lost to {} (priority {}) at {}..{}",
                l.id,
                l.priority,
                d.loser.start,
                d.loser.end,
                w.id,
                w.priority,
                d.winner.start,
                d.winner.end
            )?;
        }
    }
    for u in &trace.unbuilt {
        writeln!(
            out,
            "  no items  {} at {}..{}",
            ex.rules.rules[u.rule].id, u.start, u.end
        )?;
    }
    Ok(())
}
