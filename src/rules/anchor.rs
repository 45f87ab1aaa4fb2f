//! A rule's anchor: a lexicon every match contains, with how far a match can
//! reach before and after it, so that the rule's regex runs only in the
//! regions around the anchor's words instead of over the whole window.
//!
//! ```toml
//! anchor = { lexicon = "title_after", before = 6, after = 0 }
//! ```
//!
//! `before` bounds the characters from a match's start to the anchor word's
//! start, `after` those from the anchor word's end to the match's end (the
//! `after` group included). The regions are those spans around every
//! occurrence, merged where they touch; each match lies inside one region, and
//! searching the regions in order gives the same matches as searching the
//! window (a test compares the two over the test corpus).

use super::Lexicon;

/// A parsed `anchor = { … }`.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub lexicon: Lexicon,
    pub before: usize,
    pub after: usize,
    /// The anchor's longest term in characters: occurrences that overlap one
    /// the search skipped over are covered by reaching this much further.
    longest: usize,
}

/// `n` characters back from `at`, not before `floor`.
fn back(text: &str, at: usize, n: usize, floor: usize) -> usize {
    text[floor..at]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(at, |(k, _)| floor + k)
}

/// `n` characters on from `at`, not past `ceil`.
fn on(text: &str, at: usize, n: usize, ceil: usize) -> usize {
    text[at..ceil]
        .char_indices()
        .nth(n)
        .map_or(ceil, |(k, _)| at + k)
}

impl Anchor {
    pub fn new(lexicon: Lexicon, before: usize, after: usize) -> Anchor {
        let longest = lexicon
            .terms
            .iter()
            .map(|t| t.chars().count())
            .max()
            .unwrap_or(0);
        Anchor {
            lexicon,
            before,
            after,
            longest,
        }
    }

    /// The regions of `text[from..to]` where a match can lie, in order,
    /// disjoint.
    pub fn regions(&self, text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
        self.regions_around(text, &self.occurrences(text, from, to), from, to)
    }

    /// Where the anchor's words occur in `text[from..to]` (leftmost-first,
    /// not overlapping), as byte spans: what [`Anchor::regions_around`]
    /// needs, the same for every anchor on this lexicon.
    pub fn occurrences(&self, text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
        self.lexicon
            .regex()
            .find_iter(&text[from..to])
            .map(|m| (from + m.start(), from + m.end()))
            .collect()
    }

    /// The regions of `text[from..to]` around `occurrences` (from
    /// [`Anchor::occurrences`] over the same span), in order, disjoint.
    pub fn regions_around(
        &self,
        text: &str,
        occurrences: &[(usize, usize)],
        from: usize,
        to: usize,
    ) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for &(a, b) in occurrences {
            let start = back(text, a, self.before, from);
            let end = on(text, b, self.after + self.longest, to);
            match out.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => out.push((start, end)),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(terms: &[&str], before: usize, after: usize) -> Anchor {
        let l = Lexicon::new("t", terms.iter().map(|t| t.to_string()).collect());
        Anchor::new(l, before, after)
    }

    #[test]
    fn regions_reach_before_and_after_each_word_and_merge() {
        let a = anchor(&["总理", "主席"], 2, 0);
        let t = "甲乙丙丁总理戊己庚辛壬癸子丑主席寅卯";
        let r = a.regions(t, 0, t.len());
        let s: Vec<&str> = r.iter().map(|&(x, y)| &t[x..y]).collect();
        assert_eq!(s, vec!["丙丁总理戊己", "子丑主席寅卯"]);
        let t = "甲乙总理丙主席丁";
        let r = a.regions(t, 0, t.len());
        assert_eq!(r, vec![(0, t.len())], "touching spans merge");
        assert!(a.regions("甲乙丙", 0, 9).is_empty());
        let t = "总理在";
        assert_eq!(
            a.regions(t, 0, t.len()),
            vec![(0, t.len())],
            "bounded by the window"
        );
    }
}
