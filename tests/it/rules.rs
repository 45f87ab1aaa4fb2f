//! Runs every example written beside the default rules, as `policyx rules test` does.

use crate::common;

use policyx::rule_tests::{missing_examples, run, Status};
use policyx::rules::embedded;

#[test]
fn every_rule_example_passes() {
    let files: Vec<(String, String)> = embedded::sources()
        .into_iter()
        .map(|s| (s.path, s.text))
        .collect();
    let outcomes = run(common::extractor(), &files);
    assert!(outcomes.len() > 40);
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|o| matches!(o.status, Status::Fail | Status::TodoPasses))
        .map(|o| {
            format!(
                "{}:{}: {}: {} — {}",
                o.file, o.line, o.rule, o.text, o.detail
            )
        })
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn every_rule_has_a_positive_and_a_negative_example() {
    assert_eq!(missing_examples(common::extractor()), Vec::<String>::new());
}
