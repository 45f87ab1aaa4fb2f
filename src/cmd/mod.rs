//! One module per command, each with a `run(flags, rules) -> Result<exit code>`.
//! Shared here: building the rule set from the rule flags.

pub mod batch;
pub mod eval;
pub mod extract;
pub mod rules;
pub mod schema;
pub mod stats;
pub mod stream;

use crate::flags::{Command, RuleFlags};
use anyhow::Result;
use policyx::extract::Extractor;
use policyx::rules::{embedded, Compile, RuleSet, Source};

/// Dispatches a parsed command.
pub fn run(command: Command, rule_flags: &RuleFlags) -> Result<i32> {
    match command {
        Command::Extract(f) => extract::run(&f, rule_flags),
        Command::Rules(r) => rules::run(r, rule_flags),
        Command::Schema => schema::run(),
        Command::Eval(f) => eval::run(&f, rule_flags),
        Command::Stats(f) => stats::run(&f),
        Command::Batch(f) => batch::run(&f, rule_flags),
        Command::Stream(f) => stream::run(&f, rule_flags),
    }
}

/// The rule sources the flags select: defaults or `--rules DIR`, plus `--extra-rules DIR`.
pub fn rule_sources(flags: &RuleFlags) -> Result<(Vec<Source>, Vec<Source>)> {
    let base = match &flags.rules {
        Some(dir) => RuleSet::read_dir(dir)?,
        None => embedded::sources(),
    };
    let extra = match &flags.extra_rules {
        Some(dir) => RuleSet::read_dir(dir)?,
        None => Vec::new(),
    };
    Ok((base, extra))
}

/// Loads the rules once, and builds the extractor. The built-in rules are
/// compiled as a document first needs each; rules from `--rules` or
/// `--extra-rules` all at once, so that an error in them stops the run before
/// any output.
pub fn extractor(flags: &RuleFlags) -> Result<Extractor> {
    let (base, extra) = rule_sources(flags)?;
    let when = if flags.rules.is_none() && flags.extra_rules.is_none() {
        Compile::OnFirstUse
    } else {
        Compile::Now
    };
    let rules = RuleSet::load_with_extra(base, extra, when)?;
    if when == Compile::OnFirstUse {
        rules.warm_up();
    }
    for w in &rules.warnings {
        eprintln!("policyx: warning: {w}");
    }
    Ok(Extractor::new(rules)?.with_script(flags.script))
}
