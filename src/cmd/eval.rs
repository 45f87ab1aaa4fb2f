//! `policyx eval --gold gold.jsonl`: scores the rules in use against gold
//! files (the format of `shared/eval/`), per field and per rule, and lists
//! false positives and false negatives, the most frequent kinds first.
//! `--min-f1 FIELD=X` makes it exit 1 when a field falls below X.

use crate::flags::{EvalFlags, RuleFlags};
use anyhow::{bail, Context, Result};
use policyx::decode::decode;
use policyx::document::SourceInfo;
use policyx::eval::{Evaluation, Miss, FIELDS};
use std::collections::BTreeMap;
use std::io::Write;

/// Rounded to four places first, as score.py does, so the printed figures match its own.
fn r4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

fn thresholds(specs: &[String]) -> Result<Vec<(String, f64)>> {
    specs
        .iter()
        .map(|s| {
            let (f, x) = s
                .split_once('=')
                .with_context(|| format!("--min-f1 wants FIELD=X, got '{s}'"))?;
            if !FIELDS.contains(&f) {
                bail!(
                    "--min-f1: unknown field '{f}' (fields: {})",
                    FIELDS.join(", ")
                );
            }
            Ok((
                f.to_string(),
                x.parse::<f64>()
                    .with_context(|| format!("--min-f1: '{x}' is not a number"))?,
            ))
        })
        .collect::<Result<_>>()
        .map_err(|e| crate::UsageError(e.to_string()).into())
}

pub fn run(flags: &EvalFlags, rule_flags: &RuleFlags) -> Result<i32> {
    let limits = thresholds(&flags.min_f1)?;
    let ex = super::extractor(rule_flags)?;
    let gold_text =
        std::fs::read_to_string(&flags.gold).with_context(|| flags.gold.display().to_string())?;
    let base = flags
        .gold
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let mut ev = Evaluation::default();
    for (n, line) in gold_text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let gold: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not JSON", flags.gold.display(), n + 1))?;
        let file = gold
            .get("file")
            .and_then(|f| f.as_str())
            .unwrap_or("")
            .to_string();
        let bytes = std::fs::read(base.join(&file))
            .with_context(|| format!("{}:{}: {file}", flags.gold.display(), n + 1))?;
        let decoded = decode(&bytes, None);
        let doc = ex.extract(
            &decoded,
            SourceInfo {
                path: Some(file.clone()),
                encoding: decoded.encoding.into(),
                part: None,
                id: None,
                script: Default::default(),
                date_from: None,
                date_field: None,
            },
        );
        ev.add(&file, &gold, &doc, &decoded.text);
    }
    let figures: BTreeMap<&str, _> = ev.counts.iter().map(|(k, c)| (*k, c.figures())).collect();
    let mut out = std::io::stdout().lock();
    if flags.json {
        let by_rule: BTreeMap<&String, serde_json::Value> = ev
            .by_rule
            .iter()
            .map(|(r, (tp, fp))| (r, serde_json::json!({ "tp": tp, "fp": fp })))
            .collect();
        let v = serde_json::json!({ "docs": ev.docs, "figures": figures, "by_rule": by_rule, "misses": ev.misses });
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{:12} {:>6} {:>6} {:>6}   tp/pred/gold",
            "what", "P", "R", "F1"
        )?;
        for f in FIELDS {
            if let Some(x) = figures.get(f) {
                writeln!(
                    out,
                    "{f:12} {:6.3} {:6.3} {:6.3}   {}/{}/{}",
                    r4(x.p),
                    r4(x.r),
                    r4(x.f1),
                    x.tp,
                    x.pred,
                    x.gold
                )?;
            }
        }
        writeln!(out, "docs {}", ev.docs)?;
        writeln!(out, "\nper rule (true positives / false positives):")?;
        let mut rules: Vec<_> = ev.by_rule.iter().collect();
        rules.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(b.0)));
        for (r, (tp, fp)) in rules {
            writeln!(out, "  {r:40} {tp:5} tp {fp:5} fp")?;
        }
        print_misses(&mut out, &ev.misses, flags.limit)?;
    }
    let mut code = 0;
    for (f, x) in &limits {
        let got = figures.get(f.as_str()).map_or(0.0, |v| v.f1);
        if got < *x {
            eprintln!("policyx: {f} F1 {got:.3} is below {x}");
            code = 1;
        }
    }
    Ok(code)
}

/// Groups misses by field, kind and rule (or gold cue), largest group first.
fn print_misses(out: &mut impl Write, misses: &[Miss], limit: usize) -> Result<()> {
    let mut groups: BTreeMap<(String, String, String), Vec<&Miss>> = BTreeMap::new();
    for m in misses {
        groups
            .entry((m.field.clone(), m.what.clone(), m.rule.clone()))
            .or_default()
            .push(m);
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    for ((field, what, rule), ms) in groups {
        let label = if what == "fp" {
            "false positives"
        } else {
            "false negatives"
        };
        let by = if rule.is_empty() {
            String::new()
        } else if what == "fp" {
            format!(" from {rule}")
        } else {
            format!(" (gold: {rule})")
        };
        writeln!(out, "\n{field} {label}{by}: {}", ms.len())?;
        for m in ms.iter().take(limit) {
            let span = m
                .span
                .map(|s| format!(" [{}, {})", s[0], s[1]))
                .unwrap_or_default();
            let text: String = m.text.chars().take(80).collect();
            writeln!(out, "  {}{span}: {text}", m.file)?;
        }
        if ms.len() > limit {
            writeln!(out, "  … {} more (--limit)", ms.len() - limit)?;
        }
    }
    Ok(())
}
