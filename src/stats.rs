//! Corpus analytics over extracted JSON Lines (`policyx stats`): what was
//! said, by whom, and how it changed over time. Lines are read one at a time,
//! so memory grows with the number of distinct labels and people, not with
//! the size of the input.
//!
//! A document's date is its `date`, else its meeting's date, else a date in
//! its source path or title (`20221022.md`, `(20221022)`); documents without
//! one are counted in the totals as undated.

use crate::metadata::parse_date;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Time buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Year,
    Month,
}

impl Period {
    /// The bucket of a `YYYY-MM-DD` date.
    pub fn of(self, date: &str) -> String {
        match self {
            Period::Year => date.get(..4).unwrap_or(date).to_string(),
            Period::Month => date.get(..7).unwrap_or(date).to_string(),
        }
    }
}

/// A formulation (principle label or slogan) across the corpus.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Formulation {
    pub label: String,
    pub count: Option<u64>,
    /// The item set seen most often, and how often.
    pub top_items: Vec<String>,
    pub top_items_docs: usize,
    pub docs: usize,
    pub first: Option<String>,
    pub last: Option<String>,
    pub per_period: BTreeMap<String, usize>,
    #[serde(skip)]
    item_sets: HashMap<Vec<String>, usize>,
}

/// An official across the corpus.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Person {
    pub name: String,
    pub titles: Vec<String>,
    pub docs: usize,
    pub first: Option<String>,
    pub last: Option<String>,
    /// Officials named in the same documents, most often first.
    pub co_occurring: Vec<(String, usize)>,
    /// Every spelling met, when there was more than one (约翰·柯比, 约翰•柯比),
    /// most frequent first; `name` is the first of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub spellings: Vec<String>,
    #[serde(skip)]
    co: HashMap<String, usize>,
    #[serde(skip)]
    forms: HashMap<String, usize>,
}

/// The key under which spellings of one name are merged: a transliterated name
/// written with any middle dot (· • ‧ ・ ･), a hyphen or none is one name.
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '·' | '•' | '‧' | '・' | '･' | '-' | '‐' | '－'))
        .collect()
}

/// A speaker of tasks.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Speaker {
    pub speaker: String,
    pub tasks: usize,
    pub docs: usize,
    pub cues: BTreeMap<String, usize>,
}

/// A verb, or a verb with its object, across the tasks of the corpus.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Phrase {
    /// The verb (`实施`) or `verb + object` (`实施 提振消费专项行动`).
    pub text: String,
    pub tasks: usize,
    pub docs: usize,
    pub per_period: BTreeMap<String, usize>,
}

/// Totals of one period.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Totals {
    pub docs: usize,
    pub principles: usize,
    pub slogans: usize,
    pub tasks: usize,
    pub officials: usize,
}

/// Everything `stats` reports.
#[derive(Debug, Default, Serialize)]
pub struct Stats {
    pub docs: usize,
    pub undated: usize,
    pub errors: usize,
    pub bad_lines: usize,
    pub principles: Vec<Formulation>,
    pub slogans: Vec<Formulation>,
    pub officials: Vec<Person>,
    pub speakers: Vec<Speaker>,
    /// The verbs of tasks' actions, most tasks first.
    pub verbs: Vec<Phrase>,
    /// Verb–object pairs of tasks' actions, most tasks first.
    pub verb_objects: Vec<Phrase>,
    pub periods: BTreeMap<String, Totals>,
    #[serde(skip)]
    p_index: HashMap<String, Formulation>,
    #[serde(skip)]
    s_index: HashMap<String, Formulation>,
    #[serde(skip)]
    o_index: HashMap<String, Person>,
    #[serde(skip)]
    sp_index: HashMap<String, Speaker>,
    #[serde(skip)]
    v_index: HashMap<String, Phrase>,
    #[serde(skip)]
    vo_index: HashMap<String, Phrase>,
}

/// Counts one task's phrase; `seen` holds what this document already counted.
fn phrase(
    map: &mut HashMap<String, Phrase>,
    text: String,
    bucket: &str,
    seen: &mut BTreeSet<String>,
) {
    let p = map.entry(text.clone()).or_insert_with(|| Phrase {
        text: text.clone(),
        ..Default::default()
    });
    p.tasks += 1;
    *p.per_period.entry(bucket.to_string()).or_default() += 1;
    if seen.insert(text) {
        p.docs += 1;
    }
}

/// The date of a document: its own, its meeting's, or one in its path or title.
pub fn doc_date(v: &Value) -> Option<String> {
    let s = |x: &Value| x.as_str().map(str::to_string);
    v.get("date")
        .and_then(s)
        .or_else(|| v.get("meeting").and_then(|m| m.get("date")).and_then(s))
        .or_else(|| {
            v.get("source")
                .and_then(|x| x.get("path"))
                .and_then(|p| p.as_str())
                .and_then(parse_date)
        })
        .or_else(|| v.get("title").and_then(|t| t.as_str()).and_then(parse_date))
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn widen(first: &mut Option<String>, last: &mut Option<String>, date: Option<&str>) {
    if let Some(d) = date {
        if first.as_deref().is_none_or(|f| d < f) {
            *first = Some(d.to_string());
        }
        if last.as_deref().is_none_or(|l| d > l) {
            *last = Some(d.to_string());
        }
    }
}

/// How principles are grouped: a numbered formulation by its label with the
/// numeral normalised (`3点希望` and `三点希望` are one row, shown as first
/// written); a list without a number (`原则`, `方针`) by label and item set,
/// since its head noun alone says little.
fn principle_key(label: &str, count: Option<u64>, items: &[String]) -> String {
    let num: String = label
        .chars()
        .take_while(|c| c.is_ascii_digit() || "零〇一二两三四五六七八九十百千".contains(*c))
        .collect();
    match (count, crate::numerals::parse(&num)) {
        (Some(_), Some(n)) => format!("{n}{}", &label[num.len()..]),
        (Some(_), None) => label.to_string(),
        (None, _) => {
            let mut sorted = items.to_vec();
            sorted.sort();
            format!("{label}\u{1}{}", sorted.join("\u{1}"))
        }
    }
}

fn formulation<'a>(map: &'a mut HashMap<String, Formulation>, label: &str) -> &'a mut Formulation {
    map.entry(label.to_string()).or_insert_with(|| Formulation {
        label: label.to_string(),
        ..Default::default()
    })
}

impl Stats {
    /// Adds one JSON line.
    pub fn add_line(&mut self, line: &str, period: Period) {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            self.bad_lines += 1;
            return;
        };
        if v.get("error").is_some() {
            self.errors += 1;
            return;
        }
        self.docs += 1;
        let date = doc_date(&v);
        let bucket = match &date {
            Some(d) => period.of(d),
            None => {
                self.undated += 1;
                "undated".to_string()
            }
        };
        let d = date.as_deref();
        let arr = |k: &str| {
            v.get(k)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let (principles, slogans, tasks, officials) = (
            arr("principles"),
            arr("slogans"),
            arr("tasks"),
            arr("officials"),
        );
        let totals = self.periods.entry(bucket.clone()).or_default();
        totals.docs += 1;
        totals.principles += principles.len();
        totals.slogans += slogans.len();
        totals.tasks += tasks.len();
        totals.officials += officials.len();

        let mut seen = BTreeSet::new();
        for p in &principles {
            let label = p
                .get("label")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let items: Vec<String> = p
                .get("items")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|i| {
                            i.as_str()
                                .or_else(|| i.get("text").and_then(Value::as_str))
                                .map(str::to_string)
                        })
                        .collect()
                })
                .unwrap_or_default();
            let count = p.get("count").and_then(Value::as_u64);
            let key = principle_key(&label, count, &items);
            let f = self
                .p_index
                .entry(key.clone())
                .or_insert_with(|| Formulation {
                    label: label.clone(),
                    ..Default::default()
                });
            f.count = f.count.or(count);
            *f.item_sets.entry(items).or_default() += 1;
            if seen.insert(key) {
                f.docs += 1;
                widen(&mut f.first, &mut f.last, d);
                *f.per_period.entry(bucket.clone()).or_default() += 1;
            }
        }
        let mut seen = BTreeSet::new();
        for s in &slogans {
            let text = s
                .get("text")
                .and_then(Value::as_str)
                .or_else(|| s.as_str())
                .unwrap_or("")
                .to_string();
            if seen.insert(text.clone()) {
                let f = formulation(&mut self.s_index, &text);
                f.docs += 1;
                widen(&mut f.first, &mut f.last, d);
                *f.per_period.entry(bucket.clone()).or_default() += 1;
            }
        }
        let names: Vec<String> = officials
            .iter()
            .filter_map(|o| o.get("name").and_then(Value::as_str).map(name_key))
            .collect();
        for o in &officials {
            let Some(name) = o.get("name").and_then(Value::as_str) else {
                continue;
            };
            let key = name_key(name);
            let p = self.o_index.entry(key.clone()).or_default();
            *p.forms.entry(name.to_string()).or_default() += 1;
            p.docs += 1;
            for t in strs(o.get("titles").unwrap_or(&Value::Null)) {
                if !p.titles.contains(&t) {
                    p.titles.push(t);
                }
            }
            widen(&mut p.first, &mut p.last, d);
            for other in names.iter().filter(|n| **n != key) {
                *p.co.entry(other.clone()).or_default() += 1;
            }
        }
        let mut seen = BTreeSet::new();
        for t in &tasks {
            let sp = t
                .get("speaker")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let cue = t
                .get("cue")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let s = self.sp_index.entry(sp.clone()).or_insert_with(|| Speaker {
                speaker: sp.clone(),
                ..Default::default()
            });
            s.tasks += 1;
            *s.cues.entry(cue).or_default() += 1;
            if seen.insert(sp) {
                s.docs += 1;
            }
        }
        let (mut seen_v, mut seen_vo) = (BTreeSet::new(), BTreeSet::new());
        let text_of = |x: Option<&Value>| {
            x.and_then(|i| i.get("text"))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        for a in tasks
            .iter()
            .filter_map(|t| t.get("actions").and_then(Value::as_array))
            .flatten()
        {
            let Some(verb) = text_of(a.get("verb")) else {
                continue;
            };
            if let Some(object) = text_of(a.get("object")) {
                let pair = format!("{verb} {object}");
                phrase(&mut self.vo_index, pair, &bucket, &mut seen_vo);
            }
            phrase(&mut self.v_index, verb, &bucket, &mut seen_v);
        }
    }

    /// Sorts the tables (most documents first) and fills the derived columns.
    pub fn finish(&mut self) {
        let finish_f = |m: &mut HashMap<String, Formulation>| -> Vec<Formulation> {
            let mut v: Vec<Formulation> = m
                .drain()
                .map(|(_, mut f)| {
                    if let Some((items, n)) = f
                        .item_sets
                        .iter()
                        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    {
                        f.top_items = items.clone();
                        f.top_items_docs = *n;
                    }
                    f
                })
                .collect();
            v.sort_by(|a, b| b.docs.cmp(&a.docs).then(a.label.cmp(&b.label)));
            v
        };
        self.principles = finish_f(&mut self.p_index);
        self.slogans = finish_f(&mut self.s_index);
        let mut people: Vec<Person> = self
            .o_index
            .drain()
            .map(|(_, mut p)| {
                // The most frequent spelling names the official; ties go to the standard dot ·.
                let mut forms: Vec<(String, usize)> = p.forms.drain().collect();
                forms.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then(b.0.contains('·').cmp(&a.0.contains('·')))
                        .then(a.0.cmp(&b.0))
                });
                p.name = forms.first().map(|f| f.0.clone()).unwrap_or_default();
                if forms.len() > 1 {
                    p.spellings = forms.into_iter().map(|f| f.0).collect();
                }
                let mut co: Vec<(String, usize)> = p.co.drain().collect();
                co.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                co.truncate(5);
                p.co_occurring = co;
                p
            })
            .collect();
        // Co-occurring officials were counted by key: name them by their chosen spelling.
        let shown: HashMap<String, String> = people
            .iter()
            .map(|p| (name_key(&p.name), p.name.clone()))
            .collect();
        for p in &mut people {
            for (n, _) in &mut p.co_occurring {
                if let Some(s) = shown.get(n.as_str()) {
                    n.clone_from(s);
                }
            }
        }
        people.sort_by(|a, b| b.docs.cmp(&a.docs).then(a.name.cmp(&b.name)));
        self.officials = people;
        let finish_p = |m: &mut HashMap<String, Phrase>| -> Vec<Phrase> {
            let mut v: Vec<Phrase> = m.drain().map(|(_, p)| p).collect();
            v.sort_by(|a, b| b.tasks.cmp(&a.tasks).then(a.text.cmp(&b.text)));
            v
        };
        self.verbs = finish_p(&mut self.v_index);
        self.verb_objects = finish_p(&mut self.vo_index);
        let mut sp: Vec<Speaker> = self.sp_index.drain().map(|(_, s)| s).collect();
        sp.sort_by(|a, b| b.tasks.cmp(&a.tasks).then(a.speaker.cmp(&b.speaker)));
        self.speakers = sp;
    }

    /// Documents per period that hold `label` as a principle or a slogan.
    pub fn series(&self, label: &str) -> BTreeMap<String, usize> {
        let mut out: BTreeMap<String, usize> = BTreeMap::new();
        for f in self
            .principles
            .iter()
            .chain(self.slogans.iter())
            .filter(|f| f.label == label)
        {
            for (p, n) in &f.per_period {
                *out.entry(p.clone()).or_default() += n;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_fields_path_or_title() {
        let v: Value = serde_json::json!({"date": null, "meeting": null, "source": {"path": "news/20221022.md"}});
        assert_eq!(doc_date(&v).as_deref(), Some("2022-10-22"));
        let v: Value = serde_json::json!({"title": "新闻联播(20230105)", "source": {"path": "x"}});
        assert_eq!(doc_date(&v).as_deref(), Some("2023-01-05"));
        assert_eq!(doc_date(&serde_json::json!({})), None);
    }

    #[test]
    fn aggregates_by_period() {
        let mut s = Stats::default();
        s.add_line(r#"{"date":"2022-01-02","principles":[{"label":"两个确立","count":2,"items":["a","b"]}],"slogans":[{"text":"四个意识"}],"tasks":[{"speaker":"会议","cue":"强调","actions":[{"verb":{"text":"稳定"},"object":{"text":"就业"}},{"verb":{"text":"扩大"},"object":{"text":"就业"}}]},{"speaker":"会议","cue":"强调","actions":[{"verb":{"text":"扩大"},"object":null}]}],"officials":[{"name":"王一","titles":["省长"]},{"name":"李二","titles":["书记"]}]}"#, Period::Year);
        s.add_line(r#"{"date":"2023-05-02","slogans":[{"text":"四个意识"}],"officials":[{"name":"王一","titles":["书记"]}]}"#, Period::Year);
        s.add_line(
            r#"{"source":{"path":"x.txt"},"slogans":[{"text":"四个意识"}]}"#,
            Period::Year,
        );
        s.add_line("not json", Period::Year);
        s.add_line(
            r#"{"source":{"path":"y"},"error":"unreadable"}"#,
            Period::Year,
        );
        s.finish();
        assert_eq!((s.docs, s.undated, s.bad_lines, s.errors), (3, 1, 1, 1));
        assert_eq!(s.slogans[0].label, "四个意识");
        assert_eq!(s.slogans[0].docs, 3);
        assert_eq!(s.slogans[0].first.as_deref(), Some("2022-01-02"));
        assert_eq!(s.slogans[0].last.as_deref(), Some("2023-05-02"));
        assert_eq!(
            s.series("四个意识").into_iter().collect::<Vec<_>>(),
            vec![
                ("2022".into(), 1),
                ("2023".into(), 1),
                ("undated".into(), 1)
            ]
        );
        assert_eq!(s.officials[0].name, "王一");
        assert_eq!(s.officials[0].titles, ["省长", "书记"]);
        assert_eq!(s.officials[0].co_occurring, vec![("李二".to_string(), 1)]);

        assert_eq!(s.principles[0].top_items, ["a", "b"]);

        assert_eq!(s.speakers[0].cues.get("强调"), Some(&2));
        let v: Vec<(&str, usize, usize)> = s
            .verbs
            .iter()
            .map(|p| (p.text.as_str(), p.tasks, p.docs))
            .collect();
        assert_eq!(v, [("扩大", 2, 1), ("稳定", 1, 1)]);
        assert_eq!(s.verb_objects[0].text, "扩大 就业");
        assert_eq!(s.verbs[0].per_period.get("2022"), Some(&2));
        // 3点希望 and 三点希望 are one row; 原则 lists with other items are rows of their own.
        let mut g = Stats::default();
        for l in [
            r#"{"principles":[{"label":"三点希望","count":3,"items":["a","b","c"]}]}"#,
            r#"{"principles":[{"label":"3点希望","count":3,"items":["a","b","c"]}]}"#,
            r#"{"principles":[{"label":"原则","count":null,"items":["x","y"]}]}"#,
            r#"{"principles":[{"label":"原则","count":null,"items":["p","q"]}]}"#,
        ] {
            g.add_line(l, Period::Year);
        }
        g.finish();
        let rows: Vec<(&str, usize)> = g
            .principles
            .iter()
            .map(|f| (f.label.as_str(), f.docs))
            .collect();
        assert_eq!(rows, [("三点希望", 2), ("原则", 1), ("原则", 1)]);
    }

    #[test]
    fn middle_dot_spellings_are_one_official() {
        let mut s = Stats::default();
        s.add_line(r#"{"date":"2023-01-02","officials":[{"name":"约翰·柯比","titles":["发言人"]},{"name":"王一","titles":["省长"]}]}"#, Period::Year);
        s.add_line(
            r#"{"date":"2023-02-02","officials":[{"name":"约翰•柯比","titles":["白宫发言人"]}]}"#,
            Period::Year,
        );
        s.add_line(
            r#"{"date":"2023-03-02","officials":[{"name":"约翰·柯比"},{"name":"王一"}]}"#,
            Period::Year,
        );
        s.finish();
        let kirby: Vec<&Person> = s
            .officials
            .iter()
            .filter(|p| p.name.contains("柯比"))
            .collect();
        assert_eq!(kirby.len(), 1);
        assert_eq!(kirby[0].name, "约翰·柯比");
        assert_eq!(kirby[0].docs, 3);
        assert_eq!(kirby[0].spellings, ["约翰·柯比", "约翰•柯比"]);
        assert_eq!(kirby[0].titles, ["发言人", "白宫发言人"]);
        let wang = s.officials.iter().find(|p| p.name == "王一").expect("王一");
        assert_eq!(wang.co_occurring, vec![("约翰·柯比".to_string(), 2)]);
    }
}
