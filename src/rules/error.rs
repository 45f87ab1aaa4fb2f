//! Rule-file errors, each pointing at file:line:column with a plain-language
//! reason and, where one helps, a hint in Chinese and English.

use std::fmt;

/// A problem in a rule file or lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub rule: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if let Some(id) = &self.rule {
            write!(f, "rule {id}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

/// All the errors found while loading rules.
#[derive(Debug, Clone)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}

/// A hint for a TOML syntax error on `line`: full-width punctuation where TOML wants ASCII.
pub fn full_width_hint(line: &str) -> Option<String> {
    const PAIRS: &[(char, char)] = &[
        ('＝', '='),
        ('［', '['),
        ('］', ']'),
        ('“', '"'),
        ('”', '"'),
        ('＂', '"'),
        ('｛', '{'),
        ('｝', '}'),
        ('，', ','),
    ];
    let found: Vec<String> = PAIRS
        .iter()
        .filter(|(w, _)| line.contains(*w))
        .map(|(w, a)| format!("'{w}' → '{a}'"))
        .collect();
    if found.is_empty() {
        return None;
    }
    Some(format!(
        "这一行有全角标点，TOML 的语法符号要用半角（引号里的中文不受影响）：{0} / full-width punctuation: TOML syntax needs ASCII here: {0}",
        found.join(", ")
    ))
}
