//! Reporters and editors, from `reporter` and `editor` matches: names only,
//! a `names` group split at `、`, spaces and `，`.

use super::Ctx;
use crate::rules::Match;

pub fn names(ctx: &Ctx, matches: &[Match]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in matches {
        let Some(s) = m
            .group_str(ctx.text, "names")
            .or_else(|| m.group_str(ctx.text, "name"))
        else {
            continue;
        };
        for n in s
            .split(['、', ' ', '\u{3000}', '，', ','])
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            if !out.iter().any(|x| x == n) {
                out.push(ctx.keep(n));
            }
        }
    }
    out
}
