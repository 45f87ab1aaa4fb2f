//! `policyx rules test|check|dump`: run every rule's examples, validate rule
//! files without running them, or write the built-in rules to a folder. Problems are reported as file:line:column.

use crate::flags::{RuleFlags, RulesCommand};
use anyhow::Result;
use policyx::extract::Extractor;
use policyx::rule_tests::{self, Status};
use policyx::rules::{Compile, RuleSet, Source};
use std::io::Write;

fn sources(dir: Option<&std::path::Path>, flags: &RuleFlags) -> Result<(Vec<Source>, Vec<Source>)> {
    match dir {
        Some(d) => Ok((RuleSet::read_dir(d)?, Vec::new())),
        None => super::rule_sources(flags),
    }
}

pub fn run(cmd: RulesCommand, flags: &RuleFlags) -> Result<i32> {
    match cmd {
        RulesCommand::Test { dir, verbose } => test(dir.as_deref(), flags, verbose),
        RulesCommand::Check { dir } => check(dir.as_deref(), flags),
        RulesCommand::Dump { dir } => dump(&dir),
    }
}

/// Writes the built-in rule files below `dir`, refusing to overwrite any.
fn dump(dir: &std::path::Path) -> Result<i32> {
    use anyhow::Context;
    let files = policyx::rules::embedded::sources();
    if let Some(f) = files.iter().find(|f| dir.join(&f.path).exists()) {
        return Err(crate::UsageError(format!(
            "{} exists; dump into an empty folder",
            dir.join(&f.path).display()
        ))
        .into());
    }
    for f in &files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| parent.display().to_string())?;
        }
        std::fs::write(&path, &f.text).with_context(|| path.display().to_string())?;
    }
    eprintln!(
        "policyx: wrote {} rule files to {}",
        files.len(),
        dir.display()
    );
    Ok(0)
}

fn test(dir: Option<&std::path::Path>, flags: &RuleFlags, verbose: bool) -> Result<i32> {
    let (base, extra) = sources(dir, flags)?;
    let files: Vec<(String, String)> = base
        .iter()
        .chain(extra.iter())
        .map(|s| (s.path.clone(), s.text.clone()))
        .collect();
    let ex = Extractor::new(RuleSet::load_with_extra(base, extra, Compile::Now)?)?;
    let outcomes = rule_tests::run(&ex, &files);
    let mut out = std::io::stdout().lock();
    let (mut pass, mut fail, mut todo) = (0, 0, 0);
    for o in &outcomes {
        let label = match o.status {
            Status::Pass => {
                pass += 1;
                if !verbose {
                    continue;
                }
                "ok"
            }
            Status::Fail => {
                fail += 1;
                "FAIL"
            }
            Status::Todo => {
                todo += 1;
                "todo"
            }
            Status::TodoPasses => {
                fail += 1;
                "FAIL (todo now passes: remove `todo`)"
            }
        };
        writeln!(
            out,
            "{}:{}: {} {}: {}",
            o.file,
            o.line,
            label,
            o.rule,
            o.text.replace('\n', "⏎")
        )?;
        if !o.detail.is_empty() {
            writeln!(out, "    {}", o.detail)?;
        }
    }
    let missing = rule_tests::missing_examples(&ex);
    for m in &missing {
        writeln!(out, "{m}")?;
    }
    writeln!(
        out,
        "rules: {} passed, {} failed, {} skipped",
        pass,
        fail + missing.len(),
        todo
    )?;
    Ok(if fail + missing.len() == 0 { 0 } else { 1 })
}

fn check(dir: Option<&std::path::Path>, flags: &RuleFlags) -> Result<i32> {
    let (base, extra) = sources(dir, flags)?;
    let ex = match RuleSet::load_with_extra(base, extra, Compile::Now) {
        Ok(r) => Extractor::new(r)?,
        Err(errors) => {
            let mut err = std::io::stderr().lock();
            writeln!(err, "{errors}")?;
            writeln!(err, "{} problem(s)", errors.0.len())?;
            return Ok(2);
        }
    };
    let mut problems = rule_tests::missing_examples(&ex);
    for rule in &ex.rules.rules {
        // A rule whose regex never matches its own positive examples is dead.
        let positives: Vec<_> = rule
            .examples
            .iter()
            .filter(|e| e.matches && e.todo.is_none())
            .collect();
        if !positives.is_empty() && positives.iter().all(|e| !rule.regex.is_match(&e.text)) {
            problems.push(format!(
                "{}:{}: rule {}: the pattern never matches its own examples\n  hint: 用 policyx rules test 查看 / run policyx rules test to see them",
                rule.file, rule.line, rule.id
            ));
        }
    }
    for p in &problems {
        eprintln!("{p}");
    }
    if problems.is_empty() {
        println!("{} rules, all well-formed", ex.rules.rules.len());
        Ok(0)
    } else {
        eprintln!("{} problem(s)", problems.len());
        Ok(2)
    }
}
