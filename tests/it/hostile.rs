//! Hostile input: every case in `testdata/hostile/cases.toml` (made by
//! `scripts/make_hostile.py`) gives a result or a one-line error naming the
//! file, with the documented exit code, and never a panic; plus the large
//! cases generated here, a batch with 10 % hostile files, symlink loops, and
//! property tests on arbitrary text.

use crate::common;

use assert_cmd::Command;
use common::{assert_spans, extract_bytes, root};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::Value;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    path: String,
    run: String,
    exit: i32,
    check: String,
    stderr: Option<String>,
    encoding: Option<String>,
    #[allow(dead_code)]
    note: String,
}

#[derive(Debug, Deserialize)]
struct Cases {
    case: Vec<Case>,
}

fn policyx() -> Command {
    Command::cargo_bin("policyx").expect("binary")
}

fn hostile() -> PathBuf {
    root().join("testdata/hostile")
}

fn run_case(c: &Case) -> Result<(), String> {
    let path = hostile().join(&c.path);
    let out_dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut cmd = policyx();
    match c.run.as_str() {
        "extract" => cmd.arg("extract").arg(&path),
        "rules-check" => cmd
            .args(["--extra-rules"])
            .arg(&path)
            .args(["rules", "check"]),
        "batch" => cmd.arg("batch").arg(&path),
        "batch-out-dir" => cmd
            .arg("batch")
            .arg(&path)
            .arg("--out-dir")
            .arg(out_dir.path()),
        other => return Err(format!("unknown run '{other}'")),
    };
    let out = cmd
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .map_err(|e| e.to_string())?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    if stderr.contains("panicked") {
        return Err(format!("panic: {stderr}"));
    }
    if out.status.code() != Some(c.exit) {
        return Err(format!(
            "exit {:?}, want {}: {stderr}",
            out.status.code(),
            c.exit
        ));
    }
    if let Some(want) = &c.stderr {
        if !stderr.contains(want.as_str()) && !stdout.contains(want.as_str()) {
            return Err(format!("output lacks '{want}': {stderr}"));
        }
    }
    match c.check.as_str() {
        "document" => {
            let v: Value =
                serde_json::from_str(&stdout).map_err(|e| format!("not one JSON document: {e}"))?;
            if let Some(enc) = &c.encoding {
                if v["source"]["encoding"] != enc.as_str() {
                    return Err(format!("encoding {}, want {enc}", v["source"]["encoding"]));
                }
            }
        }
        "error" => {
            // One line on stderr names the input (rules check: one error per problem, each with a position).
            let first = stderr.lines().next().unwrap_or("");
            if !first.starts_with("policyx: ") && !first.contains(".toml:") {
                return Err(format!("no clear error line: {stderr}"));
            }
        }
        _ => {}
    }
    for line in stdout.lines() {
        serde_json::from_str::<Value>(line).map_err(|e| format!("invalid JSON line: {e}"))?;
    }
    if c.run == "batch-out-dir" {
        // Nothing outside the output folder: every written file is below it.
        let parent = out_dir.path().parent().ok_or("no parent")?;
        if parent.join("x.txt.json").exists() || Path::new("/etc/x.txt.json").exists() {
            return Err("wrote outside --out-dir".into());
        }
        let n = walk_count(out_dir.path());
        if n != 3 {
            return Err(format!("{n} files in --out-dir, want 3"));
        }
    }
    Ok(())
}

fn walk_count(p: &Path) -> usize {
    std::fs::read_dir(p)
        .map(|r| {
            r.filter_map(Result::ok)
                .map(|e| {
                    if e.path().is_dir() {
                        walk_count(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

#[test]
fn every_hostile_case_behaves() {
    let text = std::fs::read_to_string(hostile().join("cases.toml")).expect("cases.toml");
    let cases: Cases = toml::from_str(&text).expect("cases parse");
    assert!(cases.case.len() >= 40, "{} cases", cases.case.len());
    let failures: Vec<String> = cases
        .case
        .iter()
        .filter_map(|c| run_case(c).err().map(|e| format!("{}: {e}", c.name)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The generated large cases: each completes, spans check out, nothing panics.
fn big(text: &str) {
    let (doc, input) = extract_bytes(text.as_bytes(), None);
    assert_spans(&doc, &input);
}

#[test]
fn hundred_thousand_nested_and_unclosed_quotes() {
    big(&"“".repeat(100_000));
    big(&"“五个坚持”———坚持“".repeat(20_000));
    big(&format!("{}{}", "“".repeat(50_000), "”".repeat(50_000)));
}

#[test]
fn hundred_thousand_numbered_formulations_in_a_row() {
    big(&"“两个确立”".repeat(100_000));
    big(&"这“三个共同”".repeat(100_000));
    // Labels sharing one list: the search along a run of them stays short.
    big(&format!(
        "{}两个网络：甲和乙。",
        "两个基地、".repeat(100_000)
    ));
    big(&format!("{}：甲和乙。", "、“两个基地”".repeat(100_000)));
}

#[test]
fn a_paragraph_of_a_million_items() {
    let mut s = String::from("要全面推进");
    s.push_str(&"产业、".repeat(1_000_000));
    s.push_str("组织“五个振兴”。");
    big(&s);
    let mut q = String::from("“");
    q.push_str(&"甲、".repeat(1_000_000));
    q.push_str("乙”工作思路");
    big(&q);
}

#[test]
fn a_hundred_megabyte_single_line() {
    let unit = "省委书记王一民要求各地要抓好春耕生产“五个坚持”、";
    let n = (100 << 20) / unit.len();
    let line = unit.repeat(n);
    assert!(line.len() >= 99 << 20);
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("line.txt");
    std::fs::write(&p, &line).expect("write");
    let out = policyx()
        .arg("extract")
        .arg(&p)
        .timeout(std::time::Duration::from_secs(600))
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v["officials"].as_array().is_some_and(|a| a.len() == 1));
}

#[test]
fn symlink_loop_and_dangling_link_do_not_stop_a_batch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().join("tree");
    std::fs::create_dir_all(d.join("sub")).expect("mkdir");
    std::fs::write(d.join("a.txt"), "省长张二海要求，各地要抓好春耕。").expect("write");
    std::os::unix::fs::symlink(&d, d.join("sub/loop")).expect("symlink");
    std::os::unix::fs::symlink(d.join("missing.txt"), d.join("dangling.txt")).expect("symlink");
    let out = policyx()
        .arg("batch")
        .arg(&d)
        .arg(dir.path().join("no-such-file.txt"))
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(1),
        "the missing file makes it exit 1"
    );
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(
        lines.len(),
        2,
        "the good file and an error record for the missing one"
    );
    assert_eq!(lines[0]["tasks"][0]["speaker"], "张二海");
    assert!(lines[1]["error"].is_string());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("symbolic link"), "{err}");
}

#[test]
fn ten_percent_hostile_files_leave_good_results_identical() {
    let dev = root().join("../shared/eval/dev");
    let src = if dev.is_dir() {
        dev
    } else {
        root().join("testdata/fixtures")
    };
    let good: Vec<PathBuf> = common::files_in(&src, "txt");
    let clean = tempfile::tempdir().expect("tempdir");
    let mixed = tempfile::tempdir().expect("tempdir");
    for p in &good {
        let name = p.file_name().expect("name");
        std::fs::copy(p, clean.path().join(name)).expect("copy");
        std::fs::copy(p, mixed.path().join(name)).expect("copy");
    }
    let inputs: Vec<PathBuf> = common::files_in(&hostile().join("inputs"), "txt")
        .into_iter()
        .chain(common::files_in(&hostile().join("archives"), "zip"))
        .collect();
    for (i, p) in inputs
        .iter()
        .take(good.len().div_ceil(10).max(1))
        .enumerate()
    {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("txt");
        std::fs::copy(p, mixed.path().join(format!("zz_hostile_{i}.{ext}"))).expect("copy");
    }
    let run = |d: &Path, jobs: &str| -> Vec<Value> {
        let out = policyx()
            .current_dir(d)
            .args(["batch", ".", "--jobs", jobs])
            .output()
            .expect("run");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("every line is JSON"))
            .collect()
    };
    let a = run(clean.path(), "2");
    let b = run(mixed.path(), "2");
    let c = run(mixed.path(), "1");
    assert_eq!(b, c, "--jobs changes nothing");
    for doc in &a {
        let path = &doc["source"]["path"];
        let other = b
            .iter()
            .find(|d| &d["source"]["path"] == path)
            .expect("good file present in the mixed batch");
        assert_eq!(doc, other);
    }
    assert!(b.len() > a.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics_and_spans_slice_back(s in "[省委书记王一民李张要求强调，。、；：“”——五个坚持一是二是\\na-z ]{0,400}") {
        let (doc, input) = extract_bytes(s.as_bytes(), None);
        assert_spans(&doc, &input);
        let (again, _) = extract_bytes(s.as_bytes(), None);
        prop_assert_eq!(doc, again);
    }

    /// With markup, spans cover the tags between their characters: they stay in bounds and ordered.
    #[test]
    fn arbitrary_markup_never_panics_and_spans_stay_in_bounds(s in "[省委书记王一民要求，。“”五个坚持<p>&;#a-z/ ]{0,400}") {
        let (doc, input) = extract_bytes(s.as_bytes(), None);
        let n = input.chars().count();
        let ok = |sp: [usize; 2]| sp[0] <= sp[1] && sp[1] <= n;
        prop_assert!(doc.tasks.iter().all(|t| ok(t.span)));
        prop_assert!(doc.officials.iter().all(|o| ok(o.span) && o.mentions.iter().all(|m| ok(*m))));
        prop_assert!(doc.principles.iter().all(|p| ok(p.span) && p.items.iter().all(|i| ok(i.span))));
        prop_assert!(doc.slogans.iter().all(|x| ok(x.span)));
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let (doc, input) = extract_bytes(&b, None);
        assert_spans(&doc, &input);
    }
}

/// Inputs that crashed a fuzz target once (`fuzz/run.sh`); each must now load or fail cleanly.
#[test]
fn fuzz_crashes_stay_fixed() {
    let dir = hostile().join("fuzz");
    let mut n = 0;
    for p in common::files_in(&dir, "toml") {
        n += 1;
        let text = String::from_utf8_lossy(&std::fs::read(&p).expect("read")).into_owned();
        let mut sources: Vec<policyx::rules::Source> = policyx::rules::embedded::sources()
            .into_iter()
            .filter(|s| s.path.ends_with(".txt") || s.path == "macros.toml")
            .collect();
        sources.push(policyx::rules::Source {
            path: "fuzz.toml".into(),
            text,
        });
        if let Err(e) = policyx::rules::RuleSet::load(sources) {
            assert!(
                e.to_string().starts_with("fuzz.toml:") || e.to_string().contains(".toml:"),
                "{e}"
            );
        }
    }
    for p in common::files_in(&dir, "bin") {
        n += 1;
        let (doc, input) = extract_bytes(&std::fs::read(&p).expect("read"), None);
        assert_spans(&doc, &input);
    }
    assert!(n >= 1);
}
