//! The `policyx` binary: a thin `main` that calls [`run`], which returns the
//! exit code. An error is printed once; a closed output pipe exits 0.
//!
//! Exit codes: 0 everything converted, 1 some input failed, 2 usage or rule-file error.

#![forbid(unsafe_code)]

mod cmd;
mod flags;
mod messages;

use clap::Parser;
use std::io::IsTerminal;

fn main() {
    std::process::exit(run());
}

/// Errors that mean "the user asked for something impossible" (exit 2).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn run() -> i32 {
    let cli = match flags::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let result = match cli.command {
        Some(command) => cmd::run(command, &cli.rules),
        None if !std::io::stdin().is_terminal() => cmd::run(
            flags::Command::Extract(flags::ExtractFlags::default()),
            &cli.rules,
        ),
        None => {
            eprintln!(
                "policyx: give a command (try 'policyx --help'), or pipe a document into 'policyx'"
            );
            Ok(2)
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return 0;
            }
            eprintln!("policyx: {err:#}");
            if err
                .downcast_ref::<policyx::rules::error::RuleErrors>()
                .is_some()
                || err.downcast_ref::<UsageError>().is_some()
            {
                2
            } else {
                1
            }
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                == Some(BrokenPipe)
    })
}
