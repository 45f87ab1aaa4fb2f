//! `policyx stats results.jsonl`: tables of formulations, slogans, officials,
//! speakers and periods from JSON Lines written by `batch` or `stream`, read
//! as a stream. A terminal table by default, `--csv DIR` one CSV per table,
//! `--json` one object, `--plot LABEL… -o chart.svg` a line chart per period.

use crate::flags::{PeriodFlag, StatsFlags};
use anyhow::{Context, Result};
use policyx::stats::{Formulation, Period, Stats};
use std::io::{BufRead, Write};

fn per_period(f: &Formulation) -> String {
    f.per_period
        .iter()
        .map(|(p, n)| format!("{p}:{n}"))
        .collect::<Vec<_>>()
        .join(";")
}

pub fn run(flags: &StatsFlags) -> Result<i32> {
    let period = match flags.by {
        PeriodFlag::Year => Period::Year,
        PeriodFlag::Month => Period::Month,
    };
    let mut stats = Stats::default();
    let p = &flags.input;
    let reader: Box<dyn BufRead> = if p.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(p).with_context(|| p.display().to_string())?,
        ))
    };
    for line in reader.lines() {
        let line = line?;
        if !line.trim().is_empty() {
            stats.add_line(&line, period);
        }
    }
    stats.finish();
    if !flags.plot.is_empty() {
        let out = flags
            .output
            .clone()
            .unwrap_or_else(|| "timeline.svg".into());
        let mut periods: Vec<String> = stats
            .periods
            .keys()
            .filter(|p| p.as_str() != "undated")
            .cloned()
            .collect();
        periods.sort();
        let series: Vec<_> = flags
            .plot
            .iter()
            .map(|l| (l.clone(), stats.series(l)))
            .collect();
        for (label, points) in &series {
            if points.values().all(|&n| n == 0) {
                eprintln!(
                    "policyx: warning: no document names “{label}” (as a principle or a slogan)"
                );
            }
        }
        let title = format!(
            "documents per {} naming {}",
            if period == Period::Year {
                "year"
            } else {
                "month"
            },
            flags.plot.join(" / ")
        );
        std::fs::write(&out, policyx::svg::line_chart(&title, &periods, &series))
            .with_context(|| out.display().to_string())?;
        eprintln!("policyx: wrote {}", out.display());
    }
    if let Some(dir) = &flags.csv {
        write_csv(dir, &stats)?;
    }
    let mut out = std::io::stdout().lock();
    if flags.json {
        serde_json::to_writer_pretty(&mut out, &stats)?;
        writeln!(out)?;
    } else if flags.csv.is_none() && flags.plot.is_empty() {
        print_tables(&mut out, &stats, flags.top)?;
    }
    Ok(0)
}

fn write_csv(dir: &std::path::Path, s: &Stats) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut w = csv::Writer::from_path(dir.join("principles.csv"))?;
    w.write_record([
        "label",
        "count",
        "docs",
        "first",
        "last",
        "top_items",
        "top_items_docs",
        "per_period",
    ])?;
    for f in &s.principles {
        let count = f.count.map(|c| c.to_string()).unwrap_or_default();
        w.write_record([
            &f.label,
            &count,
            &f.docs.to_string(),
            f.first.as_deref().unwrap_or(""),
            f.last.as_deref().unwrap_or(""),
            &f.top_items.join("、"),
            &f.top_items_docs.to_string(),
            &per_period(f),
        ])?;
    }
    w.flush()?;
    let mut w = csv::Writer::from_path(dir.join("slogans.csv"))?;
    w.write_record(["text", "docs", "first", "last", "per_period"])?;
    for f in &s.slogans {
        w.write_record([
            &f.label,
            &f.docs.to_string(),
            f.first.as_deref().unwrap_or(""),
            f.last.as_deref().unwrap_or(""),
            &per_period(f),
        ])?;
    }
    w.flush()?;
    let mut w = csv::Writer::from_path(dir.join("officials.csv"))?;
    w.write_record([
        "name",
        "titles",
        "docs",
        "first",
        "last",
        "co_occurring",
        "spellings",
    ])?;
    for p in &s.officials {
        let co: Vec<String> = p
            .co_occurring
            .iter()
            .map(|(n, c)| format!("{n}:{c}"))
            .collect();
        w.write_record([
            &p.name,
            &p.titles.join("、"),
            &p.docs.to_string(),
            p.first.as_deref().unwrap_or(""),
            p.last.as_deref().unwrap_or(""),
            &co.join(";"),
            &p.spellings.join(";"),
        ])?;
    }
    w.flush()?;
    let mut w = csv::Writer::from_path(dir.join("speakers.csv"))?;
    w.write_record(["speaker", "tasks", "docs", "cues"])?;
    for sp in &s.speakers {
        let cues: Vec<String> = sp.cues.iter().map(|(c, n)| format!("{c}:{n}")).collect();
        w.write_record([
            &sp.speaker,
            &sp.tasks.to_string(),
            &sp.docs.to_string(),
            &cues.join(";"),
        ])?;
    }
    w.flush()?;
    for (name, table) in [
        ("verbs.csv", &s.verbs),
        ("verb_objects.csv", &s.verb_objects),
    ] {
        let mut w = csv::Writer::from_path(dir.join(name))?;
        w.write_record(["text", "tasks", "docs", "per_period"])?;
        for p in table {
            let per: Vec<String> = p
                .per_period
                .iter()
                .map(|(k, n)| format!("{k}:{n}"))
                .collect();
            w.write_record([
                &p.text,
                &p.tasks.to_string(),
                &p.docs.to_string(),
                &per.join(";"),
            ])?;
        }
        w.flush()?;
    }
    let mut w = csv::Writer::from_path(dir.join("periods.csv"))?;
    w.write_record([
        "period",
        "docs",
        "principles",
        "slogans",
        "tasks",
        "officials",
    ])?;
    for (p, t) in &s.periods {
        w.write_record([
            p,
            &t.docs.to_string(),
            &t.principles.to_string(),
            &t.slogans.to_string(),
            &t.tasks.to_string(),
            &t.officials.to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

fn print_tables(out: &mut impl Write, s: &Stats, top: usize) -> Result<()> {
    writeln!(
        out,
        "documents {}, undated {}, error records {}, unreadable lines {}",
        s.docs, s.undated, s.errors, s.bad_lines
    )?;
    writeln!(
        out,
        "\n== principles (label, count, documents, first, last, most common items)"
    )?;
    for f in s.principles.iter().take(top) {
        let count = f.count.map(|c| c.to_string()).unwrap_or_else(|| "-".into());
        writeln!(
            out,
            "  {:<16} {:>3} {:>6}  {} … {}  {}",
            cut(&f.label, 14),
            count,
            f.docs,
            f.first.as_deref().unwrap_or("?"),
            f.last.as_deref().unwrap_or("?"),
            cut(&f.top_items.join("、"), 40)
        )?;
    }
    writeln!(out, "\n== slogans (text, documents, first, last)")?;
    for f in s.slogans.iter().take(top) {
        writeln!(
            out,
            "  {:<16} {:>6}  {} … {}",
            cut(&f.label, 14),
            f.docs,
            f.first.as_deref().unwrap_or("?"),
            f.last.as_deref().unwrap_or("?")
        )?;
    }
    writeln!(
        out,
        "\n== officials (name, documents, titles, first, last, named with)"
    )?;
    for p in s.officials.iter().take(top) {
        let co: Vec<&str> = p
            .co_occurring
            .iter()
            .take(3)
            .map(|(n, _)| n.as_str())
            .collect();
        writeln!(
            out,
            "  {:<10} {:>6}  {}  {} … {}  {}",
            p.name,
            p.docs,
            cut(&p.titles.join("、"), 30),
            p.first.as_deref().unwrap_or("?"),
            p.last.as_deref().unwrap_or("?"),
            co.join("、")
        )?;
    }
    writeln!(out, "\n== speakers (speaker, tasks, documents, cues)")?;
    for sp in s.speakers.iter().take(top) {
        let cues: Vec<String> = sp.cues.iter().map(|(c, n)| format!("{c} {n}")).collect();
        writeln!(
            out,
            "  {:<10} {:>6} {:>6}  {}",
            sp.speaker,
            sp.tasks,
            sp.docs,
            cues.join(", ")
        )?;
    }
    for (title, table) in [("verbs", &s.verbs), ("verb–object pairs", &s.verb_objects)] {
        writeln!(
            out,
            "\n== {title} of tasks (tasks, documents, tasks per period)"
        )?;
        for p in table.iter().take(top) {
            let per: Vec<String> = p
                .per_period
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            writeln!(
                out,
                "  {:<24} {:>6} {:>6}  {}",
                cut(&p.text, 22),
                p.tasks,
                p.docs,
                cut(&per.join(", "), 60)
            )?;
        }
    }
    writeln!(
        out,
        "\n== periods (period, documents, principles, slogans, tasks, officials)"
    )?;
    for (p, t) in &s.periods {
        writeln!(
            out,
            "  {:<8} {:>6} {:>6} {:>7} {:>7} {:>7}",
            p, t.docs, t.principles, t.slogans, t.tasks, t.officials
        )?;
    }
    Ok(())
}
