//! `policyx batch PATH...`: files, folders and archives → JSON Lines (or one
//! `.json` per input under `--out-dir`, or CSV tables), in input order
//! whatever `--jobs` is. A unit that cannot be read gives an error record and
//! the batch goes on; the exit code is 1 when any did.
//!
//! Pipeline: a walker thread discovers units in order and worker threads
//! convert them; the worker that finishes the next unit in order writes it
//! (and any later ones that were waiting). At most `8 × jobs` units are in
//! flight, so memory does not grow with the size of the archive.

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
use std::sync::mpsc::sync_channel;
use std::sync::{Condvar, Mutex};
use std::time::Instant;

/// Where records go.
enum Sink {
    Lines(Box<dyn Write + Send>),
    Files(PathBuf),
    Csv(Box<Tables>),
}

/// What the workers share to write results in input order.
struct Output {
    sink: Sink,
    /// Files written under `--out-dir`, so that no output overwrites another.
    written: std::collections::HashSet<PathBuf>,
    /// Results that arrived before an earlier one, by sequence number.
    pending: BTreeMap<usize, (String, Vec<Record>, u64)>,
    next: usize,
    stats: Stats,
    failure: Option<anyhow::Error>,
    progress: Option<indicatif::ProgressBar>,
}

impl Output {
    /// Adds unit `seq`'s records and writes every result now due; returns how many units were written.
    fn add(&mut self, seq: usize, rel: String, records: Vec<Record>, size: u64) -> usize {
        self.pending.insert(seq, (rel, records, size));
        let mut written = 0;
        while let Some((rel, records, size)) = self.pending.remove(&self.next) {
            self.next += 1;
            written += 1;
            self.stats.files += 1;
            self.stats.bytes += size;
            if self.failure.is_none() {
                if let Err(e) = write(
                    &mut self.sink,
                    &rel,
                    &records,
                    &mut self.stats,
                    &mut self.written,
                ) {
                    self.failure = Some(e);
                }
            }
        }
        if let Some(pb) = &self.progress {
            pb.set_position(self.stats.docs as u64);
        }
        written
    }
}

/// Closes the credits when dropped during a panic.
struct StopOnPanic<'a>(&'a Credits);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.close();
        }
    }
}

/// How many more units the walker may read ahead. It waits until a batch of
/// credits is back rather than waking for each one.
struct Credits {
    state: Mutex<(usize, bool)>,
    cv: Condvar,
    batch: usize,
}

impl Credits {
    fn new(n: usize) -> Credits {
        Credits {
            state: Mutex::new((n, false)),
            cv: Condvar::new(),
            batch: (n / 4).max(1),
        }
    }

    /// Takes one credit, waiting for a batch when none is left; false once closed.
    fn take(&self) -> bool {
        let Ok(mut st) = self.state.lock() else {
            return false;
        };
        if st.0 == 0 {
            st = match self.cv.wait_while(st, |st| st.0 < self.batch && !st.1) {
                Ok(st) => st,
                Err(_) => return false,
            };
        }
        if st.1 {
            return false;
        }
        st.0 -= 1;
        true
    }

    fn give(&self, n: usize) {
        if let Ok(mut st) = self.state.lock() {
            st.0 += n;
            if st.0 >= self.batch {
                self.cv.notify_one();
            }
        }
    }

    /// Stops the walker (after a write failure).
    fn close(&self) {
        if let Ok(mut st) = self.state.lock() {
            st.1 = true;
            self.cv.notify_one();
        }
    }
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
    let ex = super::extractor(rule_flags)?;
    let load_time = started.elapsed();
    let jobs = flags
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);

    let sink = match (&flags.out_dir, flags.format) {
        (Some(dir), OutputFormat::Csv) => Sink::Csv(Box::new(Tables::create(dir, !flags.no_bom)?)),
        (Some(dir), OutputFormat::Jsonl) => {
            std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
            Sink::Files(dir.clone())
        }
        (None, _) => match &flags.output {
            Some(p) => Sink::Lines(Box::new(BufWriter::new(
                std::fs::File::create(p).with_context(|| p.display().to_string())?,
            ))),
            None => Sink::Lines(Box::new(BufWriter::new(std::io::stdout()))),
        },
    };

    let progress = std::io::stderr().is_terminal().then(|| {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} documents, {elapsed} ({rate})",
            )
            .map(|s| {
                // A whole number of documents per second (indicatif's {per_sec} shows 6,574.9371/s).
                s.with_key(
                    "rate",
                    |st: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = w.write_str(&rate(st.per_sec()));
                    },
                )
            })
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        pb
    });
    let in_flight = jobs * 8;
    let (work_tx, work_rx) = sync_channel::<(usize, Unit)>(in_flight);
    let work_rx = Mutex::new(work_rx);
    let credits = Credits::new(in_flight);
    let output = Mutex::new(Output {
        sink,
        written: Default::default(),
        pending: BTreeMap::new(),
        next: 0,
        stats: Stats::default(),
        failure: None,
        progress,
    });
    let keep_docs = flags.format == OutputFormat::Csv;
    // The output file or folder, if it lies inside an input root, is not input.
    let skip: Vec<PathBuf> = [&flags.output, &flags.out_dir]
        .into_iter()
        .flatten()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    std::thread::scope(|scope| {
        let credits = &credits;
        let paths = &flags.paths;
        let skip = &skip;
        scope.spawn(move || {
            let mut seq = 0;
            let mut sink = |u: Unit| {
                if !credits.take() || work_tx.send((seq, u)).is_err() {
                    return false;
                }
                seq += 1;
                true
            };
            walk(paths, skip, &mut sink, &mut |p: &str, what: &str| {
                messages::note(p, what)
            });
        });
        for _ in 0..jobs {
            let (ex, split, work_rx, output) = (&ex, &split, &work_rx, &output);
            scope.spawn(move || {
                // Should a worker ever panic, the walker must not wait for its credits forever.
                let _guard = StopOnPanic(credits);
                loop {
                    let next = match work_rx.lock() {
                        Ok(guard) => guard.recv(),
                        Err(_) => break,
                    };
                    let Ok((seq, unit)) = next else { break };
                    let size = unit.bytes.as_ref().map_or(0, |b| b.len() as u64);
                    let mut records = match &unit.bytes {
                        Ok(bytes) => {
                            convert(ex, &unit.path, bytes, forced, split.as_ref(), None, None)
                        }
                        Err(e) => vec![error_record(
                            SourceInfo {
                                path: Some(unit.path.clone()),
                                encoding: String::new(),
                                part: None,
                                id: None,
                                script: Default::default(),
                                date_from: None,
                                date_field: None,
                            },
                            e,
                        )],
                    };
                    if !keep_docs {
                        records.iter_mut().for_each(|r| r.doc = None);
                    }
                    drop(unit.bytes);
                    // The worker that completes the next unit in order writes it and any that
                    // were waiting for it: no writer thread to wake.
                    let Ok(mut out) = output.lock() else { break };
                    let written = out.add(seq, unit.rel, records, size);
                    let failed = out.failure.is_some();
                    drop(out);
                    if failed {
                        credits.close();
                        break;
                    }
                    credits.give(written);
                }
            });
        }
    });
    let Output {
        sink,
        stats,
        failure,
        progress,
        ..
    } = output
        .into_inner()
        .map_err(|_| anyhow::anyhow!("a worker thread panicked"))?;
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
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

fn write(
    sink: &mut Sink,
    rel: &str,
    records: &[Record],
    stats: &mut Stats,
    written: &mut std::collections::HashSet<PathBuf>,
) -> Result<()> {
    for r in records {
        if let Sink::Files(dir) = sink {
            let name = match r.part {
                Some(p) => format!("{rel}.part{p}.json"),
                None => format!("{rel}.json"),
            };
            let path = safe_join(dir, &name);
            if !written.insert(path.clone()) {
                // Two inputs that map to one output file: the second is an error, not an overwrite.
                stats.errors += 1;
                let reason = format!(
                    "output {} was already written by an earlier input",
                    path.display()
                );
                messages::input_error(&r.path, &reason);
                continue;
            }
        }
        match &r.error {
            None => stats.docs += 1,
            Some(reason) => {
                stats.errors += 1;
                messages::input_error(&r.path, reason);
            }
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

/// A progress rate as a user reads it: whole documents per second.
fn rate(per_sec: f64) -> String {
    format!("{:.0}/s", per_sec)
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

#[cfg(test)]
mod tests {
    #[test]
    fn progress_rates_are_whole_numbers() {
        assert_eq!(super::rate(6574.9371), "6575/s");
        assert_eq!(super::rate(0.4), "0/s");
    }
}
