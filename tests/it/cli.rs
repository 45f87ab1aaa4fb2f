//! CLI tests: run the `policyx` binary as a user would.

use crate::common;

use assert_cmd::Command;
use common::root;
use serde_json::Value;
use std::io::Write;
use std::path::Path;

fn policyx() -> Command {
    Command::cargo_bin("policyx").expect("binary builds")
}

/// Runs a command that must succeed and returns its stdout.
trait Run {
    fn succeeds(&mut self) -> Vec<u8>;
}

impl Run for Command {
    fn succeeds(&mut self) -> Vec<u8> {
        self.assert().success().get_output().stdout.clone()
    }
}

/// A rule folder holding only the default lexicons (and, with `macros`, the macros).
fn lexicons_only(macros: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("lexicons")).expect("mkdir");
    for entry in std::fs::read_dir(root().join("rules/lexicons")).expect("lexicons") {
        let p = entry.expect("entry").path();
        std::fs::copy(
            &p,
            dir.path()
                .join("lexicons")
                .join(p.file_name().expect("name")),
        )
        .expect("copy");
    }
    if macros {
        std::fs::copy(
            root().join("rules/macros.toml"),
            dir.path().join("macros.toml"),
        )
        .expect("copy");
    }
    dir
}

/// `policyx extract ARGS FILE`, which must succeed, as JSON.
fn extract_json(args: &[&str], file: &Path) -> Value {
    let out = policyx().arg("extract").args(args).arg(file).succeeds();
    serde_json::from_slice(&out).expect("extract prints one JSON document")
}

/// `policyx stats JSONL --json`, which must succeed, as JSON.
fn stats_json(jsonl: &Path) -> Value {
    let out = policyx().arg("stats").arg(jsonl).arg("--json").succeeds();
    serde_json::from_slice(&out).expect("stats --json prints one JSON document")
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect()
}

const SEED: &str = "testdata/seed/000_7a27c10ffd5541cc.txt";

#[test]
fn extract_file_and_stdin_give_the_same_document() {
    let from_file = policyx()
        .current_dir(root())
        .args(["extract", SEED])
        .succeeds();
    let bytes = std::fs::read(root().join(SEED)).expect("seed");
    let from_stdin = policyx()
        .arg("extract")
        .write_stdin(bytes.clone())
        .succeeds();
    let bare = policyx().write_stdin(bytes).succeeds();
    let mut a: Value = serde_json::from_slice(&from_file).expect("json");
    let b: Value = serde_json::from_slice(&from_stdin).expect("json");
    let c: Value = serde_json::from_slice(&bare).expect("json");
    assert_eq!(a["source"]["path"], SEED);
    assert_eq!(b["source"]["path"], Value::Null);
    a["source"]["path"] = Value::Null;
    assert_eq!(a, b);
    assert_eq!(b, c);
    assert_eq!(a["officials"].as_array().map(Vec::len), Some(5));
    let keys: Vec<&String> = a.as_object().expect("object").keys().collect();
    assert_eq!(keys[0], "schema_version");
    assert_eq!(keys[1], "source");
}

#[test]
fn pretty_output_is_indented() {
    let out = policyx()
        .current_dir(root())
        .args(["extract", "--pretty", SEED])
        .succeeds();
    assert!(String::from_utf8_lossy(&out).starts_with("{\n  \"schema_version\": \"1.1\""));
}

#[test]
fn missing_file_is_one_line_error_exit_1() {
    let out = policyx()
        .args(["extract", "/no/such/file.txt"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("policyx: /no/such/file.txt"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn forced_encoding_and_unknown_encoding() {
    let gbk = root().join("testdata/fixtures/gbk.txt");
    let v = extract_json(&["--encoding", "gbk"], &gbk);
    assert_eq!(v["source"]["encoding"], "gb18030");
    policyx()
        .args(["extract", "--encoding", "klingon"])
        .arg(&gbk)
        .assert()
        .code(2);
}

#[test]
fn broken_rule_file_exits_2_with_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("bad.toml"), "[[rule]]\nid ＝ \"x\"\n").expect("write");
    let out = policyx()
        .arg("--extra-rules")
        .arg(dir.path())
        .args(["extract", SEED])
        .current_dir(root())
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("extra/bad.toml:2:"), "{err}");
    assert!(err.contains("全角"), "{err}");
    policyx()
        .args(["rules", "check"])
        .arg(dir.path())
        .assert()
        .code(2);
}

/// `policyx rules check DIR`, which must exit 2; its stderr.
fn failed_check(dir: &std::path::Path) -> String {
    let out = policyx()
        .args(["rules", "check"])
        .arg(dir)
        .assert()
        .code(2)
        .get_output()
        .clone();
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn extra_rules_add_a_rule() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("mine.toml"),
        "[[rule]]\nid = \"slogan.book\"\nkind = \"slogan\"\npattern = '''《(?P<text>[^》]{1,20})》'''\n",
    )
    .expect("write");
    let out = policyx()
        .arg("--extra-rules")
        .arg(dir.path())
        .arg("extract")
        .write_stdin("学习《党章》。")
        .succeeds();
    let v: Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v["slogans"][0]["text"], "党章");
    assert_eq!(v["slogans"][0]["rule"], "slogan.book");
}

#[test]
fn rules_test_and_check_pass_on_defaults() {
    let out = policyx().args(["rules", "test"]).succeeds();
    assert!(String::from_utf8_lossy(&out).contains(" 0 failed"));
    policyx().args(["rules", "check"]).assert().success();
    policyx()
        .args(["rules", "check"])
        .arg(root().join("rules"))
        .assert()
        .success();
}

#[test]
fn schema_is_json_schema_with_version() {
    let out = policyx().arg("schema").succeeds();
    let v: Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v["x-schema-version"], "1.1");
    assert!(v["$defs"]["Document"]["properties"]["principles"].is_object());
    // A line is a document or an error record.
    assert_eq!(v["anyOf"].as_array().map(Vec::len), Some(2));
    assert!(v["$defs"]["ErrorRecord"]["properties"]["error"].is_object());
}

#[test]
fn explain_lists_competing_candidates() {
    let out = policyx()
        .current_dir(root())
        .args(["extract", "--explain", "--json", SEED])
        .succeeds();
    let v: Value = serde_json::from_slice(&out).expect("json");
    assert!(v["kinds"]["official"]["kept"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));
    let text = policyx()
        .current_dir(root())
        .args(["extract", "--explain", SEED])
        .succeeds();
    assert!(String::from_utf8_lossy(&text).contains("official.titles-before-names (priority 50)"));
}

/// `--explain` shows, for each principle label, the layouts its items were
/// looked for in, in order, what each gave or why it did not fit, and which won.
#[test]
fn explain_shows_the_layouts_weighed_for_a_label() {
    let input = "大力发展汽车、信息技术、人工智能三大新兴产业，加速布局。";
    let out = policyx()
        .args(["extract", "--explain"])
        .write_stdin(input)
        .succeeds();
    let text = String::from_utf8_lossy(&out);
    let weighed = text
        .find("== principle layouts weighed")
        .expect("the section");
    let at = weighed
        + text[weighed..]
            .find("principle.counted-unquoted (priority 28) [16, 22) 三大新兴产业")
            .expect("the label is listed");
    let lines: Vec<&str> = text[at..].lines().skip(1).take(2).collect();
    assert_eq!(
        lines,
        vec![
            "    no      after the intro word: no intro word (：, 即, 是指, 包括 …) after the label",
            "    won     before the label: 3 items: 汽车 | 信息技术 | 人工智能",
        ],
        "{text}"
    );
    let out = policyx()
        .args(["extract", "--explain", "--json"])
        .write_stdin("“五个坚持”：坚持A，坚持B。")
        .succeeds();
    let v: Value = serde_json::from_slice(&out).expect("json");
    let weighed = v["principle_layouts_weighed"].as_array().expect("array");
    let quoted = weighed
        .iter()
        .find(|w| w["candidate"]["rule"] == "principle.quoted-label-then-items")
        .expect("the label after its quotes");
    assert_eq!(quoted["won"], Value::Null, "two items do not fit 五");
    assert_eq!(
        quoted["layouts"][0],
        serde_json::json!({"layout": "after the intro word", "why_not": "no list of 5 items after it"})
    );
}

/// A small mixed tree: UTF-8, GBK, a zip (with a hostile entry name), a tar.gz, a broken zip, a binary.
fn mixed_tree(dir: &Path) {
    let d = dir.join("in");
    std::fs::create_dir_all(d.join("sub")).expect("mkdir");
    std::fs::copy(root().join(SEED), d.join("a_seed.txt")).expect("copy");
    std::fs::copy(
        root().join("testdata/fixtures/gbk.txt"),
        d.join("sub/b_gbk.txt"),
    )
    .expect("copy");
    std::fs::write(d.join(".hidden.txt"), "省委书记王一民要求，要抓落实。").expect("write");
    std::fs::write(d.join("sub/c.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    std::fs::write(d.join("d_broken.zip"), b"PK\x03\x04 this is not a zip").expect("write");
    let f = std::fs::File::create(d.join("e_archive.zip")).expect("zip");
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("inner/one.txt", opts).expect("entry");
    z.write_all("市长李三平强调，要抓好统计。".as_bytes())
        .expect("write");
    z.start_file("../../evil.txt", opts).expect("entry");
    z.write_all("省长张二海要求，各地要守住底线。".as_bytes())
        .expect("write");
    z.finish().expect("finish");
    let f = std::fs::File::create(d.join("f_archive.tar.gz")).expect("tgz");
    let gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
    let mut t = tar::Builder::new(gz);
    let body = "县长赵四海指出，要做好防汛。".as_bytes();
    let mut h = tar::Header::new_gnu();
    h.set_size(body.len() as u64);
    h.set_mode(0o644);
    h.set_cksum();
    t.append_data(&mut h, "x/two.txt", body).expect("append");
    t.into_inner().expect("tar").finish().expect("gz");
}

#[test]
fn batch_mixed_tree_in_order_with_error_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    mixed_tree(dir.path());
    let run = |jobs: &str| {
        policyx()
            .current_dir(dir.path())
            .args(["batch", "in", "--jobs", jobs])
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone()
    };
    let one = run("1");
    assert_eq!(one, run("2"), "output must not depend on --jobs");
    let lines = json_lines(&one);
    let paths: Vec<String> = lines
        .iter()
        .map(|l| l["source"]["path"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        paths,
        [
            "in/a_seed.txt",
            "in/d_broken.zip",
            "in/e_archive.zip!/inner/one.txt",
            "in/e_archive.zip!/../../evil.txt",
            "in/f_archive.tar.gz!/x/two.txt",
            "in/sub/b_gbk.txt",
        ]
    );
    assert!(lines[1]["error"]
        .as_str()
        .is_some_and(|e| e.contains("broken archive")));
    assert_eq!(lines[2]["tasks"][0]["speaker"], "李三平");
    assert_eq!(lines[5]["source"]["encoding"], "gb18030");
    assert_eq!(lines[4]["tasks"][0]["speaker"], "赵四海");
}

#[test]
fn batch_out_dir_never_writes_outside() {
    let dir = tempfile::tempdir().expect("tempdir");
    mixed_tree(dir.path());
    let out = dir.path().join("out");
    policyx()
        .current_dir(dir.path())
        .args(["batch", "in", "--out-dir", "out"])
        .assert()
        .code(1);
    assert!(out.join("in/a_seed.txt.json").is_file());
    assert!(out.join("in/e_archive.zip/inner/one.txt.json").is_file());
    assert!(out.join("in/e_archive.zip/evil.txt.json").is_file());
    assert!(!dir.path().join("evil.txt.json").exists());
    assert!(!out.join("evil.txt.json").exists());
    let v: Value =
        serde_json::from_slice(&std::fs::read(out.join("in/sub/b_gbk.txt.json")).expect("read"))
            .expect("json");
    assert_eq!(v["source"]["encoding"], "gb18030");
}

#[test]
fn batch_csv_tables() {
    let dir = tempfile::tempdir().expect("tempdir");
    policyx()
        .current_dir(root())
        .args(["batch", SEED, "--format", "csv", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    let tasks = std::fs::read_to_string(dir.path().join("tasks.csv")).expect("tasks.csv");
    assert_eq!(tasks.lines().count(), 21);
    // A byte-order mark, then the document's columns.
    assert!(
        tasks.starts_with("\u{feff}path,part,date,title,meeting,speaker,cue,text,start,end,rule")
    );
    assert!(tasks.contains(
        ",2019-02-24,坚持稳中求进工作总基调推动实现吉林法院高质量发展,全省法院院长会议,"
    ));
    let principles =
        std::fs::read_to_string(dir.path().join("principles.csv")).expect("principles.csv");
    assert_eq!(principles.lines().count(), 1 + 24);
    assert!(std::fs::read_to_string(dir.path().join("officials.csv"))
        .expect("officials.csv")
        .contains("徐家新"));
    policyx()
        .args(["batch", SEED, "--format", "csv"])
        .assert()
        .code(2);
}

#[test]
fn batch_split_keeps_spans_relative_to_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text =
        "### 第一条\n省长张二海要求，各地要抓好春耕。\n### 第二条\n市长李三平强调，要做好统计。\n";
    let p = dir.path().join("bulletin.md");
    std::fs::write(&p, text).expect("write");
    let out = policyx()
        .args(["batch", "--split", "^### "])
        .arg(&p)
        .succeeds();
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["source"]["part"], 0);
    assert_eq!(lines[1]["source"]["part"], 1);
    assert_eq!(lines[1]["title"], "第二条");
    let span = &lines[1]["officials"][0]["span"];
    let (a, b) = (
        span[0].as_u64().expect("a") as usize,
        span[1].as_u64().expect("b") as usize,
    );
    assert_eq!(common::slice(text, [a, b]), "李三平");
}

#[test]
fn batch_paths_from_stdin_and_stats() {
    let out = policyx()
        .current_dir(root())
        .args(["batch", "-", "--stats"])
        .write_stdin(format!("{SEED}\ntestdata/fixtures/gbk.txt\n"))
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(json_lines(&out.stdout).len(), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("files 2,") && err.contains("MB/s") && err.contains("load"),
        "{err}"
    );
}

#[test]
fn stream_keeps_order_and_ids_and_reports_bad_lines() {
    let input = "{\"id\": 7, \"text\": \"省长张二海要求，各地要抓好春耕。\"}\nnot json\n{\"id\": \"b\", \"body\": \"x\"}\n{\"id\": \"c\", \"text\": \"会议指出，必须坚持稳中求进。\"}\n";
    let out = policyx()
        .arg("stream")
        .write_stdin(input)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["source"]["id"], 7);
    assert_eq!(lines[0]["tasks"][0]["speaker"], "张二海");
    assert!(lines[1]["error"]
        .as_str()
        .is_some_and(|e| e.contains("not JSON")));
    assert!(lines[2]["error"]
        .as_str()
        .is_some_and(|e| e.contains("no string field 'text'")));
    assert_eq!(lines[3]["source"]["id"], "c");
    let custom = policyx()
        .args(["stream", "--text-field", "body"])
        .write_stdin("{\"id\":1,\"body\":\"会议指出，必须坚持。\"}\n")
        .succeeds();
    assert_eq!(json_lines(&custom)[0]["tasks"][0]["speaker"], "会议");
}

#[test]
fn closed_pipe_exits_zero() {
    // `policyx … | head -c 10`: the closed pipe is not an error.
    let bin = assert_cmd::cargo::cargo_bin("policyx");
    let seed = root().join(SEED);
    for cmd in [
        format!(
            "'{}' batch '{}' '{}' | head -c 10 >/dev/null; exit ${{PIPESTATUS[0]}}",
            bin.display(),
            seed.display(),
            root().join("testdata").display()
        ),
        format!(
            "'{}' extract --pretty '{}' | head -c 10 >/dev/null; exit ${{PIPESTATUS[0]}}",
            bin.display(),
            seed.display()
        ),
    ] {
        let status = std::process::Command::new("bash")
            .arg("-c")
            .arg(&cmd)
            .status()
            .expect("bash");
        assert!(status.success(), "{cmd}");
    }
}

/// The dev texts as stream input (`{"id": file, "text": …}` lines); the fixtures when shared/ is absent.
fn stream_input() -> String {
    let dev = root().join("../shared/eval/dev");
    let dir = if dev.is_dir() {
        dev
    } else {
        root().join("testdata/fixtures")
    };
    let mut s = String::new();
    for p in common::files_in(&dir, "txt") {
        let bytes = std::fs::read(&p).expect("read");
        let text = policyx::decode::decode(&bytes, None).text;
        let id = p.file_name().map(|n| n.to_string_lossy().into_owned());
        s.push_str(&serde_json::json!({ "id": id, "text": text }).to_string());
        s.push('\n');
    }
    s
}

#[test]
fn gnu_parallel_pipe_gives_byte_identical_output() {
    // An outside program: required where CI asks for it (`.ci/run` sets CI=true
    // and installs it), skipped with a note on a machine that lacks it.
    let present = std::process::Command::new("parallel")
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !present {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but GNU parallel is not installed (.ci/run installs it)"
        );
        eprintln!(
            "skipping gnu_parallel_pipe_gives_byte_identical_output: GNU parallel is not installed"
        );
        return;
    }
    let input = stream_input();
    let single = policyx()
        .arg("stream")
        .write_stdin(input.clone())
        .succeeds();
    let bin = assert_cmd::cargo::cargo_bin("policyx");
    let out = std::process::Command::new("parallel")
        .args(["--pipe", "-k", "-N", "5", "--jobs", "2"])
        .arg(format!("{} stream", bin.display()))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            let mut stdin = child.stdin.take().expect("stdin");
            let input = input.clone();
            let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
            let out = child.wait_with_output();
            writer.join().ok();
            out
        })
        .expect("GNU parallel is installed (.ci/run installs it)");
    assert!(out.status.success());
    assert_eq!(json_lines(&single).len(), input.lines().count());
    assert!(
        out.stdout == single,
        "parallel output differs from a single process"
    );
}

#[test]
fn rules_check_reports_each_problem_with_position_and_hint() {
    let dir = lexicons_only(true);
    std::fs::write(
        dir.path().join("bad.toml"),
        r#"[[rule]]
id = "a"
kind = "slogan"
colour = "red"
pattern = '(?P<text>x)'

[[rule]]
id = "b"
kind = "slogan"
pattern = '(?P<text>{{no_such_list}})'

[[rule]]
id = "c"
kind = "slogan"
pattern = '(?P<text>[unclosed)'

[[rule]]
id = "d"
kind = "slogan"
pattern = '(?P<text>(\w{500}){500})'
"#,
    )
    .expect("write");
    std::fs::write(
        dir.path().join("dup.toml"),
        "[[rule]]\nid = \"slogan.quoted\"\nkind = \"slogan\"\npattern = '(?P<text>y)'\n[[rule]]\nid = \"slogan.quoted\"\nkind = \"slogan\"\npattern = '(?P<text>z)'\n",
    )
    .expect("write");
    let err = failed_check(dir.path());
    assert!(
        err.contains("bad.toml:4:") && err.contains("unknown field `colour`"),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
    // Once the unknown key is fixed, the other problems show.
    let fixed = std::fs::read_to_string(dir.path().join("bad.toml"))
        .expect("read")
        .replace("colour = \"red\"\n", "");
    std::fs::write(dir.path().join("bad.toml"), fixed).expect("write");
    let err = failed_check(dir.path());
    assert!(
        err.contains("bad.toml:9:")
            && err.contains("rule b: unknown lexicon or macro '{{no_such_list}}'"),
        "{err}"
    );
    assert!(err.contains("rule c: invalid regex"), "{err}");
    assert!(err.contains("rule d: pattern is too large"), "{err}");
    assert!(
        err.contains("dup.toml:6:") && err.contains("rule slogan.quoted: duplicate rule id"),
        "{err}"
    );

    // A rule whose pattern never matches its own examples.
    let dir2 = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir2.path().join("dead.toml"),
        "[[rule]]\nid = \"dead\"\nkind = \"slogan\"\npattern = '(?P<text>从不出现)'\n[[rule.example]]\ntext = \"别的文字\"\n[[rule.example]]\ntext = \"无\"\nmatch = false\n",
    )
    .expect("write");
    let out = policyx()
        .arg("--extra-rules")
        .arg(dir2.path())
        .args(["rules", "check"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("rule dead: the pattern never matches its own examples"));
}

#[test]
fn stats_tables_csv_json_and_plot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let jsonl = dir.path().join("out.jsonl");
    let bulletin = dir.path().join("20230105.md");
    std::fs::write(
        &bulletin,
        "### 一\n省长张二海要求，各地要增强“四个意识”。\n### 二\n会议强调，要坚定“四个自信”、增强“四个意识”。\n",
    )
    .expect("write");
    std::fs::copy(root().join(SEED), dir.path().join("seed.txt")).expect("copy");
    std::fs::write(
        dir.path().join("undated.txt"),
        "书记王一民要求，要做好工作。",
    )
    .expect("write");
    let out = policyx()
        .current_dir(dir.path())
        .args(["batch", "--split", "^### ", "."])
        .succeeds();
    std::fs::write(&jsonl, out).expect("write");
    let table = policyx().arg("stats").arg(&jsonl).succeeds();
    let table = String::from_utf8_lossy(&table);
    assert!(table.starts_with("documents 4, undated 1"), "{table}");
    assert!(
        table.contains("四个意识") && table.contains("徐家新") && table.contains("== periods"),
        "{table}"
    );
    let v: Value = stats_json(&jsonl);
    let slogan = v["slogans"]
        .as_array()
        .expect("slogans")
        .iter()
        .find(|s| s["label"] == "四个意识")
        .expect("四个意识");
    assert_eq!(slogan["docs"], 2);
    assert_eq!(slogan["first"], "2023-01-05");
    assert_eq!(v["undated"], 1);
    let csv_dir = dir.path().join("tables");
    policyx()
        .arg("stats")
        .arg(&jsonl)
        .arg("--csv")
        .arg(&csv_dir)
        .assert()
        .success();
    for t in ["principles", "slogans", "officials", "speakers", "periods"] {
        assert!(csv_dir.join(format!("{t}.csv")).is_file(), "{t}.csv");
    }
    let svg_path = dir.path().join("t.svg");
    policyx()
        .arg("stats")
        .arg(&jsonl)
        .args(["--by", "month", "--plot", "四个意识", "四个自信", "-o"])
        .arg(&svg_path)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&svg_path).expect("svg");
    let series: Vec<&str> = svg.lines().filter(|l| l.starts_with("<polyline")).collect();
    assert_eq!(series.len(), 2);
    assert!(series[0].contains("data-label=\"四个意识\""));
    assert!(svg.contains(">四个自信</text>"), "legend");
    assert!(svg.contains(">2023-01</text>"), "x axis");
    // Read as a stream from stdin too (`-`).
    policyx()
        .args(["stats", "-"])
        .write_stdin(std::fs::read(&jsonl).expect("read"))
        .assert()
        .success();
}

#[test]
fn eval_thresholds_set_the_exit_code() {
    let gold = root().join("testdata/seed/gold.jsonl");
    let out = policyx()
        .args(["eval", "--gold"])
        .arg(&gold)
        .args(["--min-f1", "tasks=0.95", "--min-f1", "officials=0.9"])
        .succeeds();
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.contains("tasks         1.000  1.000  1.000   20/20/20"),
        "{text}"
    );
    assert!(text.contains("per rule"), "{text}");
    // An empty rule set finds no official: below any threshold.
    let empty = lexicons_only(false);
    let out = policyx()
        .arg("--rules")
        .arg(empty.path())
        .args(["eval", "--gold"])
        .arg(&gold)
        .args(["--min-f1", "officials=0.5"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("officials F1 0.000 is below 0.5"));
    let out = policyx()
        .arg("--rules")
        .arg(empty.path())
        .args(["eval", "--json", "--gold"])
        .arg(&gold)
        .succeeds();
    let v: Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(v["figures"]["officials"]["gold"], 5);
    assert_eq!(
        v["misses"].as_array().map(|m| m
            .iter()
            .filter(|x| x["what"] == "fn" && x["field"] == "officials")
            .count()),
        Some(5)
    );
    policyx()
        .args(["eval", "--gold"])
        .arg(&gold)
        .args(["--min-f1", "nonsense=1"])
        .assert()
        .code(2);
}

/// Traditional text encoded as Big5 and as UTF-16 gives, through `batch` over
/// one mixed tree, the output of its UTF-8 twin (but for path and encoding).
#[test]
fn big5_and_utf16_traditional_files_match_their_utf8_twin() {
    let text =
        std::fs::read_to_string(root().join("testdata/fixtures/traditional.txt")).expect("fixture");
    let dir = tempfile::tempdir().expect("tempdir");
    let (big5, _, unmappable) = encoding_rs::BIG5.encode(&text);
    assert!(!unmappable, "the fixture is all Big5");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(dir.path().join("a-utf8.txt"), &text).expect("write");
    std::fs::write(dir.path().join("b-big5.txt"), &big5).expect("write");
    std::fs::write(dir.path().join("c-utf16.txt"), &utf16).expect("write");
    let out = policyx().arg("batch").arg(dir.path()).succeeds();
    let mut lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    let encodings: Vec<String> = lines
        .iter()
        .map(|l| l["source"]["encoding"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(encodings, ["UTF-8", "Big5", "UTF-16LE"]);
    for l in &mut lines {
        assert_eq!(l["source"]["script"], "traditional");
        let src = l["source"].as_object_mut().expect("source");
        src.remove("path");
        src.remove("encoding");
    }
    assert_eq!(lines[0]["officials"][0]["name"], "張二海");
    assert_eq!(lines[0], lines[1], "Big5 twin");
    assert_eq!(lines[0], lines[2], "UTF-16 twin");
}

/// `--script simplified` turns conversion off: a traditional text then finds
/// little, as before the conversion stage.
#[test]
fn script_flag_forces_the_script() {
    let fixture = root().join("testdata/fixtures/traditional.txt");
    let forced = extract_json(&["--script", "simplified"], &fixture);
    assert_eq!(forced["source"]["script"], "simplified");
    let detected = extract_json(&[], &fixture);
    assert_eq!(detected["source"]["script"], "traditional");
    let n = |v: &Value| v["tasks"].as_array().map_or(0, Vec::len);
    assert_eq!(n(&detected), 3);
    assert!(n(&forced) < n(&detected));
}

/// `--out-dir` mirrors each input as given: two files or roots with the same
/// name never collide, and a collision that cannot be avoided is an error.
#[test]
fn out_dir_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    for sub in ["a", "b", "x/dev", "y/dev"] {
        std::fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
        std::fs::copy(root().join(SEED), dir.path().join(sub).join("dev-001.txt")).expect("copy");
    }
    policyx()
        .current_dir(dir.path())
        .args([
            "batch",
            "a/dev-001.txt",
            "b/dev-001.txt",
            "x/dev",
            "y/dev",
            "--out-dir",
            "o",
        ])
        .assert()
        .success();
    for out in [
        "o/a/dev-001.txt.json",
        "o/b/dev-001.txt.json",
        "o/x/dev/dev-001.txt.json",
        "o/y/dev/dev-001.txt.json",
    ] {
        assert!(dir.path().join(out).is_file(), "{out}");
    }
    // The same file twice maps to one output: the second is an error, not an overwrite.
    let out = policyx()
        .current_dir(dir.path())
        .args([
            "batch",
            "a/dev-001.txt",
            "./a/dev-001.txt",
            "--out-dir",
            "o2",
        ])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("already written"));
}

/// batch does not read its own output file or folder.
#[test]
fn batch_skips_its_own_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(root().join(SEED), dir.path().join("a.txt")).expect("copy");
    for _ in 0..2 {
        policyx()
            .current_dir(dir.path())
            .args(["batch", ".", "-o", "out.jsonl"])
            .assert()
            .success();
    }
    let lines = json_lines(&std::fs::read(dir.path().join("out.jsonl")).expect("read"));
    assert_eq!(lines.len(), 1, "out.jsonl is not input");
    for _ in 0..2 {
        policyx()
            .current_dir(dir.path())
            .args(["batch", ".", "--out-dir", "./o2"])
            .assert()
            .success();
    }
    assert!(dir.path().join("o2/a.txt.json").is_file());
    assert!(!dir.path().join("o2/o2").exists());
}

/// Line N of stream's output answers line N of its input, blank lines included.
#[test]
fn stream_answers_blank_lines() {
    let out = policyx()
        .arg("stream")
        .write_stdin(
            "{\"id\":1,\"text\":\"会议指出，要抓好落实。\"}\n\n{\"id\":3,\"text\":\"x\"}\n",
        )
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["error"], "blank line");
    assert_eq!(lines[2]["source"]["id"], 3);
}

/// extract refuses a binary file, as batch skips it.
#[test]
fn extract_refuses_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let png = dir.path().join("x.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let out = policyx()
        .arg("extract")
        .arg(&png)
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("binary"));
}

/// `rules dump` writes the built-in rules, which then load as they are.
#[test]
fn rules_dump_writes_loadable_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("r");
    policyx()
        .args(["rules", "dump"])
        .arg(&rules)
        .assert()
        .success();
    assert!(rules.join("principles.toml").is_file());
    assert!(rules.join("lexicons/title_head.txt").is_file());
    let custom = policyx()
        .arg("--rules")
        .arg(&rules)
        .arg("extract")
        .arg(root().join(SEED))
        .succeeds();
    let default = policyx().arg("extract").arg(root().join(SEED)).succeeds();
    assert_eq!(custom, default);
    // Never over files already there.
    policyx()
        .args(["rules", "dump"])
        .arg(&rules)
        .assert()
        .code(2);
}

/// An extra lexicon adds to the default; `# replace` replaces it, with a warning.
#[test]
fn extra_lexicons_add_unless_marked_replace() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("lexicons")).expect("mkdir");
    let lex = dir.path().join("lexicons/title_head.txt");
    std::fs::write(&lex, "督察长\n").expect("write");
    let text = "省法院党组书记、院长徐家新出席会议。省公安厅督察长王一民出席。";
    let out = policyx()
        .arg("--extra-rules")
        .arg(dir.path())
        .arg("extract")
        .write_stdin(text)
        .succeeds();
    let v: Value = serde_json::from_slice(&out).expect("json");
    let names: Vec<&str> = v["officials"]
        .as_array()
        .expect("officials")
        .iter()
        .filter_map(|o| o["name"].as_str())
        .collect();
    assert_eq!(names, ["徐家新", "王一民"]);
    std::fs::write(&lex, "# replace\n督察长\n").expect("write");
    let out = policyx()
        .arg("--extra-rules")
        .arg(dir.path())
        .arg("extract")
        .write_stdin(text)
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning"));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(!v["officials"].to_string().contains("徐家新"));
}

/// Dates from file names (`NNN-YYYY.txt`), from a dated line near the top,
/// and from stream's date field, each saying where it came from.
#[test]
fn dates_from_names_lines_and_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = dir.path().join("001-2025.txt");
    std::fs::write(&report, "各位代表：\n今年要做好工作。\n").expect("write");
    let v = extract_json(&[], &report);
    assert_eq!(
        (v["date"].as_str(), v["source"]["date_from"].as_str()),
        (Some("2025"), Some("path"))
    );
    let v: Value = serde_json::from_slice(
        &policyx()
            .arg("extract")
            .write_stdin("政府工作报告\n（2022年10月16日）\n各位代表：\n")
            .succeeds(),
    )
    .expect("json");
    assert_eq!(
        (v["date"].as_str(), v["source"]["date_from"].as_str()),
        (Some("2022-10-16"), Some("text"))
    );
    let out = policyx()
        .arg("stream")
        .write_stdin("{\"id\":1,\"text\":\"会议指出，要抓好落实。\",\"date\":\"2021-03-05\"}\n")
        .succeeds();
    let v = &json_lines(&out)[0];
    assert_eq!(
        (v["date"].as_str(), v["source"]["date_from"].as_str()),
        (Some("2021-03-05"), Some("field"))
    );
}

/// `--explain` ends with what the output holds and says which stage removed a kept match.
#[test]
fn explain_ends_with_the_output_and_removals() {
    let out = policyx()
        .current_dir(root())
        .args(["extract", "--explain", SEED])
        .succeeds();
    let text = String::from_utf8_lossy(&out);
    let last = text.lines().last().unwrap_or("");
    assert_eq!(
        last.trim(),
        "5 officials, 7 principles, 8 slogans, 20 tasks, 0 sections"
    );
    // 相信习主席: the rule matched 信习, the name checks removed it (相信 is a word).
    let out = policyx()
        .args(["extract", "--explain"])
        .write_stdin("大家都相信习主席的判断。")
        .succeeds();
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("removed official"), "{text}");
    assert!(text.contains("信习"), "{text}");
}

/// stats: the input comes before --plot, unknown labels are warned about, -o needs --plot.
#[test]
fn stats_plot_arguments() {
    let dir = tempfile::tempdir().expect("tempdir");
    let jsonl = dir.path().join("r.jsonl");
    std::fs::write(
        &jsonl,
        policyx().arg("batch").arg(root().join(SEED)).succeeds(),
    )
    .expect("write");
    // The input swallowed by --plot: an error, not a silent read of stdin.
    policyx()
        .args(["stats", "--plot", "两个确立"])
        .arg(&jsonl)
        .write_stdin("")
        .assert()
        .code(2);
    let svg = dir.path().join("p.svg");
    let out = policyx()
        .arg("stats")
        .arg(&jsonl)
        .args(["--plot", "五个坚持", "没有的提法", "-o"])
        .arg(&svg)
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("没有的提法") && !err.contains("“五个坚持”"),
        "{err}"
    );
    let chart = std::fs::read_to_string(&svg).expect("svg");
    assert!(
        chart.contains("font-family=\"Noto Sans CJK SC"),
        "CJK fonts first"
    );
    policyx()
        .arg("stats")
        .arg(&jsonl)
        .args(["-o", "x.svg"])
        .assert()
        .code(2);
}

/// Members of `tar -C dir .` archives are shown without `./`.
#[test]
fn tar_members_without_dot_slash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    std::fs::create_dir_all(&src).expect("mkdir");
    std::fs::copy(root().join(SEED), src.join("a.txt")).expect("copy");
    let tar_path = dir.path().join("a.tar");
    let mut b = tar::Builder::new(std::fs::File::create(&tar_path).expect("create"));
    b.append_path_with_name(src.join("a.txt"), "./a.txt")
        .expect("append");
    b.finish().expect("finish");
    drop(b);
    let out = policyx().arg("batch").arg(&tar_path).succeeds();
    let v = &json_lines(&out)[0];
    let path = v["source"]["path"].as_str().unwrap_or("");
    assert!(path.ends_with("a.tar!/a.txt"), "{path}");
}

/// The README's quality table is checked against the binary: a table that
/// differs fails the check. (Needs the gold sets in ../shared; skipped without them.)
#[test]
fn quality_table_check_catches_a_stale_readme() {
    if !root().join("../shared/eval").is_dir() {
        eprintln!("skipping quality_table_check_catches_a_stale_readme: no ../shared/eval");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("policyx");
    let run = |readme: &Path| {
        std::process::Command::new("bash")
            .arg(root().join("scripts/quality.sh"))
            .args(["--check"])
            .arg(readme)
            .env("POLICYX", &bin)
            .output()
            .expect("bash runs")
    };
    let table = std::process::Command::new("bash")
        .arg(root().join("scripts/quality.sh"))
        .env("POLICYX", &bin)
        .output()
        .expect("bash runs");
    assert!(table.status.success());
    let table = String::from_utf8_lossy(&table.stdout).to_string();
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.md");
    std::fs::write(
        &good,
        format!("x\n<!-- quality:begin -->\n{table}<!-- quality:end -->\ny\n"),
    )
    .expect("write");
    assert!(run(&good).status.success());
    let stale = dir.path().join("stale.md");
    let edited = table.replacen("| seed | 1 | 1.000", "| seed | 1 | 0.999", 1);
    assert_ne!(edited, table);
    std::fs::write(
        &stale,
        format!("<!-- quality:begin -->\n{edited}<!-- quality:end -->\n"),
    )
    .expect("write");
    assert_eq!(run(&stale).status.code(), Some(1));
}

#[test]
fn stats_merges_middle_dot_spellings() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("20230105.txt"),
        "美国国家安全委员会发言人约翰·柯比5日表示，双方将继续沟通。",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("20230206.txt"),
        "白宫发言人约翰•柯比6日说，会谈将继续。",
    )
    .expect("write");
    let out = policyx()
        .current_dir(dir.path())
        .args(["batch", "."])
        .succeeds();
    let lines = String::from_utf8_lossy(&out);
    assert!(
        lines.contains("\"约翰·柯比\"") && lines.contains("\"约翰•柯比\""),
        "{lines}"
    );
    let jsonl = dir.path().join("out.jsonl");
    std::fs::write(&jsonl, &out).expect("write");
    let v: Value = stats_json(&jsonl);
    let kirby: Vec<&Value> = v["officials"]
        .as_array()
        .expect("officials")
        .iter()
        .filter(|o| o["name"].as_str().is_some_and(|n| n.contains("柯比")))
        .collect();
    assert_eq!(kirby.len(), 1, "{kirby:?}");
    assert_eq!(kirby[0]["docs"], 2);
    assert_eq!(kirby[0]["spellings"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        kirby[0]["titles"],
        serde_json::json!(["美国国家安全委员会发言人", "白宫发言人"])
    );
}
