//! The integration tests, built as one binary: every test binary links the whole of policyx with
//! thin LTO, so one binary instead of six saves minutes of each `cargo test --release`.
//! Run one part with a filter: `cargo test --release --test it names::`.

mod cli;
mod common;
mod extract;
mod hostile;
mod names;
mod rules;
mod schema;
