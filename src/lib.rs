//! policyx: Chinese policy documents in, structured JSON out.
//!
//! The data flow is visible from the modules: [`decode`] (bytes → text),
//! [`clean`] (text → cleaned text with an [`offsets`] map, [`metadata`]),
//! [`script`] (traditional → simplified for matching, same byte layout),
//! [`segment`] (paragraphs and sentences), [`rules`] (rule files and
//! lexicons, matched against the cleaned text), [`extract`] (matches →
//! [`document`]), and the commands in `cmd/` that read files and print JSON.

#![forbid(unsafe_code)]

pub mod clean;
pub mod convert;
pub mod decode;
pub mod dictionary;
pub mod document;
pub mod eval;
pub mod extract;
pub mod inputs;
pub mod metadata;
pub mod numerals;
pub mod offsets;
pub mod rule_tests;
pub mod rules;
pub mod script;
pub mod segment;
pub mod stats;
pub mod svg;
pub mod tables;
