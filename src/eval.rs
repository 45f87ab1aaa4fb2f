//! Scoring against gold files, with the matching rules of
//! `shared/eval/GUIDELINE.md` (the same as `score.py`): officials pair by
//! exact name; titles count over paired officials; principles pair by label
//! (punctuation and spaces ignored), best item overlap first; tasks pair by a
//! character-bigram Dice similarity of at least 0.8. Figures are
//! micro-averaged over documents. Besides the figures, every false positive
//! and false negative is kept with its file, span, text and the rule that
//! produced it, so rule writers see which rule to fix.

use crate::document::Document;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Fields scored, in report order.
pub const FIELDS: [&str; 8] = [
    "officials",
    "titles",
    "principles",
    "items",
    "items_exact",
    "tasks",
    "speaker",
    "spans",
];

/// True positives, predictions and gold items of one field.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub pred: usize,
    pub gold: usize,
}

/// Precision, recall and F1 as `score.py` computes them.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Figures {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
    pub tp: usize,
    pub pred: usize,
    pub gold: usize,
}

impl Counts {
    fn add(&mut self, tp: usize, pred: usize, gold: usize) {
        self.tp += tp;
        self.pred += pred;
        self.gold += gold;
    }

    pub fn figures(&self) -> Figures {
        let p = if self.pred > 0 {
            self.tp as f64 / self.pred as f64
        } else if self.gold == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.gold > 0 {
            self.tp as f64 / self.gold as f64
        } else {
            1.0
        };
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Figures {
            p,
            r,
            f1,
            tp: self.tp,
            pred: self.pred,
            gold: self.gold,
        }
    }
}

/// One error: a false positive or a false negative.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Miss {
    pub field: String,
    /// `fp` or `fn`.
    pub what: String,
    pub file: String,
    pub text: String,
    /// The span of a false positive in the input; null for a false negative.
    pub span: Option<[usize; 2]>,
    /// The rule of a false positive; for a false negative, what the gold item was (a cue, a label).
    pub rule: String,
}

/// The whole evaluation.
#[derive(Debug, Default)]
pub struct Evaluation {
    pub counts: BTreeMap<&'static str, Counts>,
    pub misses: Vec<Miss>,
    /// Per rule id: (true positives, false positives).
    pub by_rule: BTreeMap<String, (usize, usize)>,
    pub docs: usize,
}

fn is_punct(c: char) -> bool {
    c.is_whitespace()
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
        || "“”‘’\"'·—-–…()（）【】[]<>《》".contains(c)
}

/// Text without punctuation and white space, as `score.py`'s `norm`.
pub fn norm(s: &str) -> String {
    s.chars().filter(|c| !is_punct(*c)).collect()
}

/// Character-bigram Dice similarity of two normalised texts.
pub fn dice(a: &str, b: &str) -> f64 {
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let grams = |s: &str| -> Vec<String> {
        let c: Vec<char> = s.chars().collect();
        if c.len() < 2 {
            return vec![s.to_string()];
        }
        c.windows(2).map(|w| w.iter().collect()).collect()
    };
    let (ga, gb) = (grams(&a), grams(&b));
    let mut pool: HashMap<&str, usize> = HashMap::new();
    for g in &gb {
        *pool.entry(g.as_str()).or_default() += 1;
    }
    let mut hit = 0;
    for g in &ga {
        if let Some(n) = pool.get_mut(g.as_str()) {
            if *n > 0 {
                *n -= 1;
                hit += 1;
            }
        }
    }
    2.0 * hit as f64 / (ga.len() + gb.len()) as f64
}

/// One-to-one pairs, best score first (ties: gold order, then prediction order, as score.py's sort).
fn greedy(
    n_gold: usize,
    n_pred: usize,
    score: impl Fn(usize, usize) -> f64,
    threshold: f64,
) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for i in 0..n_gold {
        for j in 0..n_pred {
            let s = score(i, j);
            if s >= threshold {
                cands.push((s, i, j));
            }
        }
    }
    // score.py sorts (s, i, j) tuples in reverse.
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
    let (mut ug, mut up) = (HashSet::new(), HashSet::new());
    let mut pairs = Vec::new();
    for (_, i, j) in cands {
        if ug.contains(&i) || up.contains(&j) {
            continue;
        }
        ug.insert(i);
        up.insert(j);
        pairs.push((i, j));
    }
    pairs
}

fn strs(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn item_set(items: impl IntoIterator<Item = String>) -> HashSet<String> {
    items
        .into_iter()
        .map(|s| norm(&s))
        .filter(|s| !s.is_empty())
        .collect()
}

fn gold_items(p: &Value) -> HashSet<String> {
    item_set(
        p.get("items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|x| {
                x.as_str().map(str::to_string).unwrap_or_else(|| {
                    x.get("text")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string()
                })
            }),
    )
}

fn arr<'a>(v: &'a Value, key: &str) -> Vec<&'a Value> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

impl Evaluation {
    fn count(&mut self, field: &'static str, tp: usize, pred: usize, gold: usize) {
        self.counts.entry(field).or_default().add(tp, pred, gold);
    }

    fn rule_hit(&mut self, rule: &str, tp: bool) {
        let e = self.by_rule.entry(rule.to_string()).or_default();
        if tp {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }

    fn miss(
        &mut self,
        field: &str,
        what: &str,
        file: &str,
        text: &str,
        span: Option<[usize; 2]>,
        rule: &str,
    ) {
        self.misses.push(Miss {
            field: field.into(),
            what: what.into(),
            file: file.into(),
            text: text.into(),
            span,
            rule: rule.into(),
        });
    }

    /// Counts a field's pairs, credits or blames the rule of every prediction, and records each
    /// unpaired prediction (`fp`, with its span and rule) and unpaired gold item (`fn`, with a hint).
    fn pairing(
        &mut self,
        field: &'static str,
        file: &str,
        pairs: &[(usize, usize)],
        pred: &[(String, [usize; 2], &str)],
        gold: &[(String, String)],
    ) {
        self.count(field, pairs.len(), pred.len(), gold.len());
        let paired_p: HashSet<usize> = pairs.iter().map(|x| x.1).collect();
        let paired_g: HashSet<usize> = pairs.iter().map(|x| x.0).collect();
        for (j, (text, span, rule)) in pred.iter().enumerate() {
            self.rule_hit(rule, paired_p.contains(&j));
            if !paired_p.contains(&j) {
                self.miss(field, "fp", file, text, Some(*span), rule);
            }
        }
        for (i, (text, hint)) in gold.iter().enumerate() {
            if !paired_g.contains(&i) {
                self.miss(field, "fn", file, text, None, hint);
            }
        }
    }

    /// Scores one document against its gold line; `input` is the decoded input (for spans).
    pub fn add(&mut self, file: &str, gold: &Value, doc: &Document, input: &str) {
        self.docs += 1;
        for f in FIELDS {
            self.counts.entry(f).or_default();
        }
        let scope = strs(gold, "scope");
        let scoped = |f: &str| scope.is_empty() || scope.iter().any(|s| s == f);
        if scoped("officials") {
            self.officials(file, gold, doc);
        }
        if scoped("principles") {
            self.principles(file, gold, doc);
        }
        if scoped("tasks") {
            self.tasks(file, gold, doc);
        }
        self.spans(doc, input);
    }

    fn officials(&mut self, file: &str, gold: &Value, doc: &Document) {
        let g = arr(gold, "officials");
        let p = &doc.officials;
        let gname = |i: usize| g[i].get("name").and_then(Value::as_str).unwrap_or("");
        let pairs = greedy(
            g.len(),
            p.len(),
            |i, j| if gname(i) == p[j].name { 1.0 } else { 0.0 },
            1.0,
        );
        let pred: Vec<_> = p
            .iter()
            .map(|o| (o.name.clone(), o.span, &*o.rule))
            .collect();
        let gold: Vec<_> = (0..g.len())
            .map(|i| (gname(i).to_string(), String::new()))
            .collect();
        self.pairing("officials", file, &pairs, &pred, &gold);
        let mut hit = 0;
        for &(i, j) in &pairs {
            let gt: HashSet<String> = strs(g[i], "titles").into_iter().collect();
            let pt: HashSet<String> = p[j].titles.iter().cloned().collect();
            hit += gt.intersection(&pt).count();
            for t in pt.difference(&gt) {
                self.miss(
                    "titles",
                    "fp",
                    file,
                    &format!("{}: {t}", p[j].name),
                    Some(p[j].span),
                    &p[j].rule,
                );
            }
            for t in gt.difference(&pt) {
                self.miss(
                    "titles",
                    "fn",
                    file,
                    &format!("{}: {t}", p[j].name),
                    None,
                    "",
                );
            }
        }
        let npred: usize = p
            .iter()
            .map(|o| o.titles.iter().collect::<HashSet<_>>().len())
            .sum();
        let ngold: usize = g
            .iter()
            .map(|o| strs(o, "titles").into_iter().collect::<HashSet<_>>().len())
            .sum();
        self.count("titles", hit, npred, ngold);
    }

    fn principles(&mut self, file: &str, gold: &Value, doc: &Document) {
        let g = arr(gold, "principles");
        let p = &doc.principles;
        let glabel = |i: usize| norm(g[i].get("label").and_then(Value::as_str).unwrap_or(""));
        let pitems: Vec<HashSet<String>> = p
            .iter()
            .map(|x| item_set(x.items.iter().map(|i| i.text.clone())))
            .collect();
        let gitems: Vec<HashSet<String>> = g.iter().map(|x| gold_items(x)).collect();
        let pairs = greedy(
            g.len(),
            p.len(),
            |i, j| {
                if glabel(i) != norm(&p[j].label) {
                    return 0.0;
                }
                let (a, b) = (&gitems[i], &pitems[j]);
                let union = a.union(b).count();
                1.0 + if union > 0 {
                    a.intersection(b).count() as f64 / union as f64
                } else {
                    1.0
                }
            },
            1.0,
        );
        let pred: Vec<_> = p
            .iter()
            .map(|x| (x.label.clone(), x.span, &*x.rule))
            .collect();
        let gold: Vec<_> = g
            .iter()
            .map(|x| {
                (
                    x.get("label")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                    String::new(),
                )
            })
            .collect();
        self.pairing("principles", file, &pairs, &pred, &gold);
        let hit: usize = pairs
            .iter()
            .map(|&(i, j)| gitems[i].intersection(&pitems[j]).count())
            .sum();
        self.count(
            "items",
            hit,
            pitems.iter().map(HashSet::len).sum(),
            gitems.iter().map(HashSet::len).sum(),
        );
        let exact = pairs
            .iter()
            .filter(|&&(i, j)| gitems[i] == pitems[j])
            .count();
        for &(i, j) in pairs.iter().filter(|&&(i, j)| gitems[i] != pitems[j]) {
            let _ = i;
            self.miss(
                "items_exact",
                "fp",
                file,
                &p[j].label,
                Some(p[j].span),
                &p[j].rule,
            );
        }
        self.count("items_exact", exact, p.len(), g.len());
    }

    fn tasks(&mut self, file: &str, gold: &Value, doc: &Document) {
        let g = arr(gold, "tasks");
        let p = &doc.tasks;
        let gtext = |i: usize| g[i].get("text").and_then(Value::as_str).unwrap_or("");
        let pairs = greedy(g.len(), p.len(), |i, j| dice(gtext(i), &p[j].text), 0.8);
        let pred: Vec<_> = p
            .iter()
            .map(|t| {
                (
                    format!(
                        "{} {}: {}",
                        t.speaker.as_deref().unwrap_or("-"),
                        t.cue.as_deref().unwrap_or("-"),
                        t.text
                    ),
                    t.span,
                    &*t.rule,
                )
            })
            .collect();
        let gold: Vec<_> = (0..g.len())
            .map(|i| {
                let cue = g[i].get("cue").and_then(Value::as_str).unwrap_or("");
                let sp = g[i].get("speaker").and_then(Value::as_str).unwrap_or("");
                (format!("{sp} {cue}: {}", gtext(i)), cue.to_string())
            })
            .collect();
        self.pairing("tasks", file, &pairs, &pred, &gold);
        let right = pairs
            .iter()
            .filter(|&&(i, j)| {
                g[i].get("speaker").and_then(Value::as_str) == p[j].speaker.as_deref()
            })
            .count();
        self.count("speaker", right, p.len(), g.len());
        for &(i, j) in &pairs {
            let gs = g[i].get("speaker").and_then(Value::as_str);
            if gs != p[j].speaker.as_deref() {
                let gs = gs.unwrap_or("null");
                self.miss(
                    "speaker",
                    "fp",
                    file,
                    &format!(
                        "{} (gold {gs}): {}",
                        p[j].speaker.as_deref().unwrap_or("null"),
                        p[j].text
                    ),
                    Some(p[j].span),
                    &p[j].rule,
                );
            }
        }
    }

    fn spans(&mut self, doc: &Document, input: &str) {
        let chars: Vec<char> = input.chars().collect();
        let ok = |span: [usize; 2], s: &str| -> bool {
            let got: String = chars
                .get(span[0].min(chars.len())..span[1].min(chars.len()))
                .map(|c| c.iter().collect())
                .unwrap_or_default();
            let n = norm(s);
            !n.is_empty() && norm(&got).contains(&n)
        };
        let mut checks: Vec<bool> = Vec::new();
        if let Some(m) = &doc.meeting {
            if let Some(n) = &m.name {
                checks.push(ok(m.span, n));
            }
        }
        for p in &doc.principles {
            checks.push(ok(p.span, &p.label));
            checks.extend(p.items.iter().map(|i| ok(i.span, &i.text)));
        }
        checks.extend(doc.slogans.iter().map(|s| ok(s.span, &s.text)));
        checks.extend(doc.tasks.iter().map(|t| ok(t.span, &t.text)));
        checks.extend(doc.officials.iter().map(|o| ok(o.span, &o.name)));
        let good = checks.iter().filter(|c| **c).count();
        self.count("spans", good, checks.len(), checks.len());
    }
}
