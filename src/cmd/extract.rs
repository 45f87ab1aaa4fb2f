//! `policyx extract [FILE]`: one document in (a file, or stdin), one JSON
//! object out. `--explain` shows, for every kept item, the candidates it beat
//! and why (priority, then length, then position), and the principle
//! candidates whose items could not be found; in colour on a terminal, as
//! JSON with `--json`.

use crate::flags::{ExtractFlags, RuleFlags};
use anyhow::{Context, Result};
use policyx::decode::{decode, parse_encoding};
use policyx::document::SourceInfo;
use policyx::extract::{Candidate, Extractor, Trace, Weighed};
use std::io::{IsTerminal, Read, Write};

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
    // The same decision as batch: a binary file is no document.
    if forced.is_none() && policyx::inputs::looks_binary(&bytes) {
        let shown = path.as_deref().unwrap_or("<stdin>");
        crate::messages::input_error(shown, "binary file (PNG, ELF, PDF …), not text");
        return Ok(1);
    }
    let decoded = decode(&bytes, forced);
    drop(bytes);
    let source = SourceInfo {
        path,
        encoding: decoded.encoding.to_string(),
        part: None,
        id: None,
        script: Default::default(),
        date_from: None,
        date_field: None,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if flags.explain {
        let (_, trace) = ex.extract_traced(&decoded, source);
        if flags.json {
            serde_json::to_writer_pretty(&mut out, &explain_json(&ex, &trace))?;
            writeln!(out)?;
        } else {
            explain_text(&mut out, &ex, &trace, std::io::stdout().is_terminal())?;
        }
        out.flush()?;
        return Ok(0);
    }
    let doc = ex.extract(&decoded, source);
    if flags.pretty {
        serde_json::to_writer_pretty(&mut out, &doc)?;
    } else {
        serde_json::to_writer(&mut out, &doc)?;
    }
    writeln!(out)?;
    out.flush()?;
    Ok(0)
}

fn explain_json(ex: &Extractor, trace: &Trace) -> serde_json::Value {
    let c = |c: &Candidate| {
        let r = &ex.rules.rules[c.rule];
        serde_json::json!({ "rule": r.id, "priority": r.priority, "span": c.span, "text": c.text })
    };
    let mut kinds = serde_json::Map::new();
    for (kind, kept) in &trace.kept {
        let dropped: Vec<_> = trace
            .dropped
            .get(kind)
            .into_iter()
            .flatten()
            .map(|(l, w)| serde_json::json!({ "candidate": c(l), "lost_to": c(w), "why": why(ex, l, w) }))
            .collect();
        kinds.insert(kind.name().to_string(), serde_json::json!({ "kept": kept.iter().map(c).collect::<Vec<_>>(), "dropped": dropped }));
    }
    let unbuilt: Vec<_> = trace.unbuilt.iter().map(c).collect();
    let weighed: Vec<_> = trace
        .weighed
        .iter()
        .map(|(cand, ws)| {
            let layouts: Vec<_> = ws
                .iter()
                .map(|w| match &w.outcome {
                    Ok(items) => serde_json::json!({"layout": w.layout, "items": items}),
                    Err(why) => serde_json::json!({"layout": w.layout, "why_not": why}),
                })
                .collect();
            serde_json::json!({"candidate": c(cand), "layouts": layouts, "won": winner(ws).map(|w| w.layout)})
        })
        .collect();
    let removed: Vec<_> = trace
        .removed
        .iter()
        .map(|(k, cand, why)| serde_json::json!({"kind": k.name(), "candidate": c(cand), "reason": why}))
        .collect();
    let output: serde_json::Map<String, serde_json::Value> = trace
        .output
        .iter()
        .map(|(k, n)| (k.to_string(), serde_json::json!(n)))
        .collect();
    serde_json::json!({
        "kinds": kinds,
        "principle_candidates_without_items": unbuilt,
        "principle_layouts_weighed": weighed,
        "voice": trace.voice,
        "removed_later": removed,
        "output": output,
    })
}

/// The layout whose items were taken: the first that gave any.
fn winner(ws: &[Weighed]) -> Option<&Weighed> {
    ws.iter().find(|w| w.outcome.is_ok())
}

/// Why `w` beat `l` under the overlap policy.
fn why(ex: &Extractor, l: &Candidate, w: &Candidate) -> &'static str {
    let (pl, pw) = (
        ex.rules.rules[l.rule].priority,
        ex.rules.rules[w.rule].priority,
    );
    let (ll, lw) = (l.span[1] - l.span[0], w.span[1] - w.span[0]);
    if pw > pl {
        "higher priority"
    } else if lw > ll {
        "same priority, longer"
    } else if w.span[0] < l.span[0] {
        "same priority and length, earlier"
    } else {
        "same priority, length and start: earlier rule"
    }
}

fn explain_text(out: &mut impl Write, ex: &Extractor, trace: &Trace, colour: bool) -> Result<()> {
    let paint = |code: &str, s: String| {
        if colour {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s
        }
    };
    let show = |c: &Candidate| {
        let r = &ex.rules.rules[c.rule];
        format!(
            "{} (priority {}) [{}, {}) {}",
            r.id,
            r.priority,
            c.span[0],
            c.span[1],
            c.text.chars().take(40).collect::<String>()
        )
    };
    for (kind, kept) in &trace.kept {
        let dropped = trace.dropped.get(kind).map_or(&[][..], Vec::as_slice);
        if kept.is_empty() && dropped.is_empty() {
            continue;
        }
        writeln!(out, "{}", paint("1", format!("== {}", kind.name())))?;
        for k in kept {
            writeln!(out, "  {} {}", paint("32", "kept   ".into()), show(k))?;
            for (l, w) in dropped.iter().filter(|(_, w)| w == k) {
                writeln!(
                    out,
                    "    {} {}: {}",
                    paint("31", "beat   ".into()),
                    show(l),
                    why(ex, l, w)
                )?;
            }
        }
    }
    for u in &trace.unbuilt {
        writeln!(out, "  {} {}", paint("33", "no items".into()), show(u))?;
    }
    if !trace.weighed.is_empty() {
        writeln!(
            out,
            "{}",
            paint(
                "1",
                "== principle layouts weighed (in order; the first that fits wins)".into()
            )
        )?;
    }
    for (cand, ws) in &trace.weighed {
        writeln!(out, "  {}", show(cand))?;
        let won = winner(ws);
        for w in ws {
            let line = match &w.outcome {
                Ok(items) => format!("{} items: {}", items.len(), items.join(" | ")),
                Err(why) => why.clone(),
            };
            let mark = if won.is_some_and(|x| std::ptr::eq(x, w)) {
                paint("32", "won    ".into())
            } else {
                paint("31", "no     ".into())
            };
            writeln!(out, "    {mark} {}: {line}", w.layout)?;
        }
    }
    if let Some(v) = &trace.voice {
        writeln!(out, "{}", paint("1", "== voice".into()))?;
        writeln!(out, "  {v}")?;
    }
    for (kind, c, why) in &trace.removed {
        writeln!(
            out,
            "  {} {} {}: {why}",
            paint("33", "removed".into()),
            kind.name(),
            show(c)
        )?;
    }
    let held: Vec<String> = trace
        .output
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    writeln!(out, "{}", paint("1", "== output".into()))?;
    writeln!(out, "  {}", held.join(", "))?;
    Ok(())
}
