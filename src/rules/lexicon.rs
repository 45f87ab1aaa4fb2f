//! Lexicons: word lists from `rules/lexicons/*.txt`, used as `{{name}}` in
//! patterns (a longest-first alternation, so 副书记 is tried before 书记) and
//! looked up directly by the assemblers.

use regex::Regex;
use std::collections::HashSet;
use std::sync::OnceLock;

/// A loaded word list.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub name: String,
    /// Terms as written, in file order.
    pub terms: Vec<String>,
    /// Terms longest first (ties in file order).
    pub longest_first: Vec<String>,
    /// The alternation `(?:t1|t2|…)`, longest first, escaped.
    pub alternation: String,
    /// The compiled alternation, built on first use.
    compiled: OnceLock<Regex>,
    /// The terms, for lookups.
    set: HashSet<String>,
    /// The terms' byte lengths, longest first, each once.
    lengths: Vec<usize>,
}

impl Lexicon {
    /// A lexicon of `terms`. Its alternation always parses: every term is
    /// escaped.
    pub fn new(name: &str, terms: Vec<String>) -> Lexicon {
        let mut longest_first = terms.clone();
        longest_first.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
        let alternation = if longest_first.is_empty() {
            // Matches nothing: an empty lexicon must not match the empty string.
            r"(?:[^\s\S])".to_string()
        } else {
            let parts: Vec<String> = longest_first.iter().map(|t| regex::escape(t)).collect();
            format!("(?:{})", parts.join("|"))
        };
        let set: HashSet<String> = terms.iter().cloned().collect();
        let mut lengths: Vec<usize> = set.iter().map(String::len).collect();
        lengths.sort_unstable_by(|a, b| b.cmp(a));
        lengths.dedup();
        Lexicon {
            name: name.to_string(),
            terms,
            longest_first,
            alternation,
            compiled: OnceLock::new(),
            set,
            lengths,
        }
    }

    /// The alternation as a regex (longest first), compiled once, on first use.
    pub fn regex(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            Regex::new(&self.alternation)
                .unwrap_or_else(|_| Regex::new(r"[^\s\S]").expect("empty class compiles"))
        })
    }

    pub fn contains(&self, s: &str) -> bool {
        self.set.contains(s)
    }

    /// The longest term that `s` ends with (one lookup per distinct term length).
    pub fn suffix_of<'a>(&self, s: &'a str) -> Option<&'a str> {
        self.lengths.iter().find_map(|&n| {
            let tail = s.get(s.len().checked_sub(n)?..)?;
            self.set.contains(tail).then_some(tail)
        })
    }

    /// The first term found anywhere in `s` (longest first where several start there).
    /// Hash lookups at each character, so a one-off search compiles no regex.
    pub fn find_in<'a>(&self, s: &'a str) -> Option<&'a str> {
        self.find_iter(s).next().map(|(_, t)| t)
    }

    /// Every term in `s`, leftmost first, longest where several start at one place, not
    /// overlapping: (byte start, term), as the compiled alternation would find them.
    pub fn find_iter<'l, 's>(
        &'l self,
        s: &'s str,
    ) -> impl Iterator<Item = (usize, &'s str)> + use<'l, 's> {
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < s.len() {
                if let Some(t) = self.prefix_of(&s[at..]).filter(|t| !t.is_empty()) {
                    let start = at;
                    at += t.len();
                    return Some((start, t));
                }
                at += s[at..].chars().next().map_or(1, char::len_utf8);
            }
            None
        })
    }

    /// The longest term that `s` starts with (one lookup per distinct term length).
    pub fn prefix_of<'a>(&self, s: &'a str) -> Option<&'a str> {
        self.lengths.iter().find_map(|&n| {
            let head = s.get(..n)?;
            self.set.contains(head).then_some(head)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_first_alternation() {
        let l = Lexicon::new("t", vec!["书记".into(), "副书记".into(), "a.b".into()]);
        assert_eq!(l.alternation, r"(?:副书记|a\.b|书记)");
        assert_eq!(l.regex().find("省委副书记").unwrap().as_str(), "副书记");
        assert_eq!(l.suffix_of("省委副书记"), Some("副书记"));
        assert_eq!(l.find_in("省委副书记和书记"), Some("副书记"));
        let all: Vec<(usize, &str)> = l.find_iter("省委副书记和书记").collect();
        assert_eq!(all, [(6, "副书记"), (18, "书记")]);
        assert_eq!(l.prefix_of("书记处"), Some("书记"));
        assert_eq!(l.prefix_of("副书"), None);
        assert_eq!(l.suffix_of("a.b书记"), Some("书记"));
        assert_eq!(l.suffix_of("xa.b"), Some("a.b"));
        assert!(l.contains("a.b") && !l.contains("a"));
        assert_eq!(l.find_in("任命为省委副书记兼"), Some("副书记"));
        assert_eq!(l.find_in("省长"), None);
        let empty = Lexicon::new("e", vec![]);
        assert!(empty.regex().find("").is_none());
    }
}
