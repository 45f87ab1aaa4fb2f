//! The default rules, compiled into the binary so it works from any folder.

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

use super::Source;

/// The default rule files as sources.
pub fn sources() -> Vec<Source> {
    FILES
        .iter()
        .map(|(p, t)| Source {
            path: (*p).to_string(),
            text: (*t).to_string(),
        })
        .collect()
}
