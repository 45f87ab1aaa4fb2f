//! `policyx batch PATH...`: files, folders and archives → JSON Lines (or one
//! `.json` per input under `--out-dir`, or CSV tables), in input order
//! whatever `--jobs` is. A unit that cannot be read gives an error record and
//! the batch goes on; the exit code is 1 when any did.
//!
//! Pipeline: a walker thread discovers units in order, worker threads convert
//! them, and this thread writes results in order. At most `8 × jobs` units are
//! in flight, so memory does not grow with the size of the archive.

use crate::flags::{BatchFlags, OutputFormat, RuleFlags};
use crate::messages;
use anyhow::{Context, Result};
use policyx::convert::{convert, error_record, Record};
use policyx::decode::parse_encoding;
use policyx::document::SourceInfo;
use policyx::inputs::{safe_join, walk, Unit};
use policyx::tables::Tables;
use regex::Regex;
use std::collections::BTreeMap;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Where records go.
enum Sink {
    Lines(Box<dyn Write>),
    Files(PathBuf),
    Csv(Box<Tables>),
}

#[derive(Default)]
struct Stats {
    files: usize,
    bytes: u64,
    docs: usize,
    errors: usize,
}

pub fn run(flags: &BatchFlags, rule_flags: &RuleFlags) -> Result<i32> {
    let usage = |m: String| crate::UsageError(m);
    if flags.format == OutputFormat::Csv && flags.out_dir.is_none() {
        return Err(usage("--format csv needs --out-dir DIR".into()).into());
    }
    if flags.output.is_some() && flags.out_dir.is_some() {
        return Err(usage("give either -o FILE or --out-dir DIR, not both".into()).into());
    }
    let split = flags
        .split
        .as_deref()
        .map(Regex::new)
        .transpose()
        .map_err(|e| usage(format!("--split: {e}")))?;
    let forced = flags
        .encoding
        .as_deref()
        .map(parse_encoding)
        .transpose()
        .map_err(|e| usage(e.to_string()))?;
    let started = Instant::now();
    let ex = Arc::new(super::extractor(rule_flags)?);
    let load_time = started.elapsed();
    let jobs = flags
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);

    let mut sink = match (&flags.out_dir, flags.format) {
        (Some(dir), OutputFormat::Csv) => Sink::Csv(Box::new(Tables::create(dir)?)),
        (Some(dir), OutputFormat::Jsonl) => {
            std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
            Sink::Files(dir.clone())
        }
        (None, _) => match &flags.output {
            Some(p) => Sink::Lines(Box::new(BufWriter::new(
                std::fs::File::create(p).with_context(|| p.display().to_string())?,
            ))),
            None => Sink::Lines(Box::new(BufWriter::new(std::io::stdout().lock()))),
        },
    };

    // jieba takes ~0.2 s to load: do it beside the first documents rather than in front of them.
    let warm = {
        let ex = Arc::clone(&ex);
        std::thread::spawn(move || ex.warm())
    };
    let in_flight = jobs * 8;
    let (work_tx, work_rx) = sync_channel::<(usize, Unit)>(in_flight);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (res_tx, res_rx) = sync_channel::<(usize, String, Vec<Record>, u64)>(in_flight);
    let (tok_tx, tok_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        tok_tx.send(()).ok();
    }

    let paths = flags.paths.clone();
    let walker = std::thread::spawn(move || {
        let mut seq = 0;
        let mut sink = |u: Unit| {
            if tok_rx.recv().is_err() || work_tx.send((seq, u)).is_err() {
                return false;
            }
            seq += 1;
            true
        };
        walk(&paths, &mut sink, &mut |p: &str, what: &str| {
            messages::note(p, what)
        });
    });
    let mut workers = Vec::new();
    for _ in 0..jobs {
        let rx: Arc<Mutex<Receiver<(usize, Unit)>>> = Arc::clone(&work_rx);
        let tx = res_tx.clone();
        let ex = Arc::clone(&ex);
        let split = split.clone();
        workers.push(std::thread::spawn(move || loop {
            let next = match rx.lock() {
                Ok(guard) => guard.recv(),
                Err(_) => break,
            };
            let Ok((seq, unit)) = next else { break };
            let size = unit.bytes.as_ref().map_or(0, |b| b.len() as u64);
            let records = match &unit.bytes {
                Ok(bytes) => convert(&ex, &unit.path, bytes, forced, split.as_ref(), None),
                Err(e) => vec![error_record(
                    SourceInfo {
                        path: Some(unit.path.clone()),
                        encoding: String::new(),
                        part: None,
                        id: None,
                    },
                    e,
                )],
            };
            if tx.send((seq, unit.rel, records, size)).is_err() {
                break;
            }
        }));
    }
    drop(res_tx);

    let progress = std::io::stderr().is_terminal().then(|| {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} documents, {elapsed} ({per_sec})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        pb
    });
    let mut stats = Stats::default();
    let mut pending: BTreeMap<usize, (String, Vec<Record>, u64)> = BTreeMap::new();
    let mut next = 0;
    let mut failure: Option<anyhow::Error> = None;
    for (seq, rel, records, size) in res_rx.iter() {
        pending.insert(seq, (rel, records, size));
        while let Some((rel, records, size)) = pending.remove(&next) {
            next += 1;
            stats.files += 1;
            stats.bytes += size;
            if failure.is_none() {
                if let Err(e) = write(&mut sink, &rel, &records, &mut stats) {
                    failure = Some(e);
                }
            }
            if let Some(pb) = &progress {
                pb.set_position(stats.docs as u64);
            }
            tok_tx.send(()).ok();
        }
        if failure.is_some() {
            break;
        }
    }
    drop(res_rx);
    drop(tok_tx);
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    for w in workers {
        w.join().ok();
    }
    walker.join().ok();
    warm.join().ok();
    if let Some(e) = failure {
        return Err(e);
    }
    match sink {
        Sink::Lines(mut w) => w.flush()?,
        Sink::Csv(t) => t.finish()?,
        Sink::Files(_) => {}
    }
    if flags.stats {
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        eprintln!(
            "files {}, bytes {}, documents {}, errors {}, {:.1} documents/s, {:.2} MB/s, load {:.0} ms, total {:.2} s, jobs {}",
            stats.files,
            stats.bytes,
            stats.docs,
            stats.errors,
            stats.docs as f64 / secs,
            stats.bytes as f64 / 1e6 / secs,
            load_time.as_secs_f64() * 1e3,
            secs,
            jobs
        );
    }
    Ok(if stats.errors > 0 || messages::errors() > 0 {
        1
    } else {
        0
    })
}

fn write(sink: &mut Sink, rel: &str, records: &[Record], stats: &mut Stats) -> Result<()> {
    for r in records {
        if r.doc.is_some() {
            stats.docs += 1;
        } else {
            stats.errors += 1;
            let reason = serde_json::from_str::<serde_json::Value>(&r.json)
                .ok()
                .and_then(|v| v.get("error").and_then(|e| e.as_str()).map(str::to_string))
                .unwrap_or_default();
            messages::input_error(&r.path, &reason);
        }
        match sink {
            Sink::Lines(w) => {
                w.write_all(r.json.as_bytes())?;
                w.write_all(b"\n")?;
            }
            Sink::Files(dir) => {
                let name = match r.part {
                    Some(p) => format!("{rel}.part{p}.json"),
                    None => format!("{rel}.json"),
                };
                write_atomic(&safe_join(dir, &name), r.json.as_bytes())?;
            }
            Sink::Csv(t) => {
                if let Some(doc) = &r.doc {
                    t.add(doc)?;
                }
            }
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    std::fs::write(&tmp, bytes).with_context(|| tmp.display().to_string())?;
    std::fs::rename(&tmp, path).with_context(|| path.display().to_string())?;
    Ok(())
}
