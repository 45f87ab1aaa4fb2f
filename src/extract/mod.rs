//! Cleaned text + rules → [`Document`].
//!
//! The pipeline: clean the decoded text ([`crate::clean`]), split it into
//! paragraphs and sentences ([`crate::segment`]), run every rule over the
//! cleaned text, resolve overlaps per kind ([`candidates`]), and let each
//! kind's assembler turn its matches into output items: bylines first (their
//! names are never officials), then officials and roles, the meeting,
//! principles, slogans (quoted formulations not used by a principle), and
//! tasks (whose speakers resolve against the officials).

pub mod bylines;
pub mod candidates;
pub mod meeting;
pub mod officials;
pub mod principles;
pub mod tasks;

use crate::clean::clean;
use crate::decode::Decoded;
use crate::document::{Document, Slogan, SourceInfo, SCHEMA_VERSION};
use crate::offsets::MappedText;
use crate::rules::{Kind, Match, RuleSet};
use crate::segment::{segment, Paragraph};
use candidates::resolve;
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

/// Start of the clause that ends at byte `end`: the text back to the nearest
/// `stop` character outside quotes, at most `max_chars` characters.
pub fn clause_before(text: &str, end: usize, max_chars: usize, stops: &str) -> usize {
    let mut depth = 0i32;
    let mut start = end;
    for (n, (k, c)) in text[..end].char_indices().rev().enumerate() {
        if n >= max_chars {
            break;
        }
        match c {
            '”' | '’' => depth += 1,
            '“' | '‘' if depth > 0 => depth -= 1,
            _ if depth == 0 && stops.contains(c) => break,
            _ => {}
        }
        start = k;
    }
    start
}

/// What the assemblers share: the cleaned text, its map and paragraphs, the rules.
pub struct Ctx<'a> {
    pub rules: &'a RuleSet,
    pub text: &'a str,
    pub map: &'a MappedText,
    pub paras: &'a [Paragraph],
    /// The document's clauses, computed on first use (see [`principles`]).
    pub clauses: std::cell::OnceCell<Vec<(usize, usize)>>,
    /// The jieba segmenter, loaded on first use by a rule that needs it.
    pub jieba: &'a OnceLock<jieba_rs::Jieba>,
}

/// A rule match as `--explain` shows it: the rule, its span in the input and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub rule: usize,
    pub span: crate::document::Span,
    pub text: String,
}

/// Every match that competed, for `--explain`.
#[derive(Debug, Clone, Default)]
pub struct Trace {
    pub kept: BTreeMap<Kind, Vec<Candidate>>,
    /// (the dropped match, the match it lost to)
    pub dropped: BTreeMap<Kind, Vec<(Candidate, Candidate)>>,
    /// Principle matches whose items could not be found.
    pub unbuilt: Vec<Candidate>,
}

fn candidate(ctx: &Ctx, m: &Match) -> Candidate {
    let (a, b) = m
        .group("names")
        .or_else(|| m.group("name"))
        .unwrap_or((m.start, m.end));
    Candidate {
        rule: m.rule,
        span: ctx.map.span(a, b),
        text: ctx.text[a..b].to_string(),
    }
}

/// Extracts documents with one compiled rule set.
pub struct Extractor {
    pub rules: RuleSet,
    modal: tasks::ModalFinder,
    /// Loaded only when a `mode = "jieba"` rule matches (about 0.2 s).
    jieba: OnceLock<jieba_rs::Jieba>,
}

impl Extractor {
    pub fn new(rules: RuleSet) -> anyhow::Result<Extractor> {
        let modal = tasks::ModalFinder::new(
            &rules.lexicon("modal").alternation,
            &rules.lexicon("non_modal").alternation,
        )?;
        Ok(Extractor {
            rules,
            modal,
            jieba: OnceLock::new(),
        })
    }

    /// Loads what rules will need later (jieba, when a `mode = "jieba"` rule
    /// exists), so a batch can do it on a spare thread instead of in the middle of a document.
    pub fn warm(&self) {
        if self
            .rules
            .rules
            .iter()
            .any(|r| r.mode.as_deref() == Some("jieba"))
        {
            self.jieba.get_or_init(jieba_rs::Jieba::new);
        }
    }

    /// Extracts one decoded document.
    pub fn extract(&self, decoded: &Decoded, source: SourceInfo) -> Document {
        self.extract_traced(decoded, source).0
    }

    /// Extracts one decoded document and reports every competing match.
    pub fn extract_traced(&self, decoded: &Decoded, source: SourceInfo) -> (Document, Trace) {
        let cleaned = clean(&decoded.text);
        self.extract_cleaned(&cleaned, source, decoded.had_errors)
    }

    fn extract_cleaned(
        &self,
        cleaned: &crate::clean::Cleaned,
        source: SourceInfo,
        decode_errors: bool,
    ) -> (Document, Trace) {
        let text = cleaned.body.text.as_str();
        let paras = segment(text);
        let ctx = Ctx {
            rules: &self.rules,
            text,
            map: &cleaned.body,
            paras: &paras,
            clauses: Default::default(),
            jieba: &self.jieba,
        };
        let mut trace = Trace::default();
        let mut by_kind: BTreeMap<Kind, Vec<Match>> = BTreeMap::new();
        for (i, rule) in self.rules.rules.iter().enumerate() {
            let t = std::time::Instant::now();
            by_kind
                .entry(rule.kind)
                .or_default()
                .extend(rule.matches(i, text));
            if std::env::var_os("POLICYX_PROFILE").is_some() {
                eprintln!("PROFILE {} {}", rule.id, t.elapsed().as_micros());
            }
        }
        let mut take = |kind: Kind, ms: Vec<Match>| -> Vec<Match> {
            let (kept, dropped) = resolve(&self.rules, ms);
            trace
                .kept
                .insert(kind, kept.iter().map(|m| candidate(&ctx, m)).collect());
            trace.dropped.insert(
                kind,
                dropped
                    .iter()
                    .map(|d| (candidate(&ctx, &d.loser), candidate(&ctx, &d.winner)))
                    .collect(),
            );
            kept
        };
        let mut get = |k: Kind| by_kind.remove(&k).unwrap_or_default();
        let reporter_m = get(Kind::Reporter);
        let editor_m = get(Kind::Editor);
        let official_m = get(Kind::Official);
        let role_m = get(Kind::Role);
        let meeting_m = get(Kind::Meeting);
        let principle_m = get(Kind::Principle);
        let slogan_m = get(Kind::Slogan);
        let cue_m = get(Kind::Cue);

        let reporters = bylines::names(&ctx, &take(Kind::Reporter, reporter_m));
        let editors = bylines::names(&ctx, &take(Kind::Editor, editor_m));
        let exclude: HashSet<String> = reporters.iter().chain(editors.iter()).cloned().collect();

        let official_kept = take(Kind::Official, official_m);
        let mentions = officials::mentions(&ctx, &official_kept, &exclude);
        let role_kept = take(Kind::Role, role_m);
        let officials = officials::assemble(&ctx, &mentions, &role_kept);

        let date = cleaned.meta.date.clone();
        let meeting = meeting::assemble(&ctx, &take(Kind::Meeting, meeting_m), date.as_deref());

        // Principles: only candidates whose items are found compete.
        let mut built = Vec::new();
        let mut viable = Vec::new();
        for m in principle_m {
            match principles::build(&ctx, &m) {
                Some(b) => {
                    built.push(b);
                    viable.push(m);
                }
                None => trace.unbuilt.push(candidate(&ctx, &m)),
            }
        }
        let kept = take(Kind::Principle, viable);
        let kept_built: Vec<principles::Built> = kept
            .iter()
            .filter_map(|k| {
                built
                    .iter()
                    .find(|b| b.start == k.start && b.end == k.end && b.rule == k.rule)
                    .cloned()
            })
            .collect();
        let kept_built = principles::drop_nested_repeats(kept_built);
        let mut principles_out = Vec::new();
        let mut seen = HashSet::new();
        let mut diagnostics = Vec::new();
        for b in &kept_built {
            let key = (
                b.principle.label.clone(),
                b.principle
                    .items
                    .iter()
                    .map(|i| i.text.clone())
                    .collect::<Vec<_>>(),
            );
            if !seen.insert(key) {
                continue;
            }
            if let (Some(n), false) = (b.principle.count, b.principle.complete) {
                diagnostics.push(format!(
                    "“{}” declares {} items, found {}",
                    b.principle.label,
                    n,
                    b.principle.items.len()
                ));
            }
            principles_out.push(b.principle.clone());
        }
        let mut used: Vec<(usize, usize)> = kept_built.iter().map(|b| b.extent).collect();
        used.sort_unstable();
        let slogans = take(Kind::Slogan, slogan_m)
            .into_iter()
            .filter(|m| {
                // Extents sorted by start; an overlapping one starts before m.end.
                let k = used.partition_point(|&(a, _)| a < m.end);
                !used[..k].iter().rev().take(64).any(|&(_, b)| m.start < b)
            })
            .filter_map(|m| {
                let (a, b) = m.group("text")?;
                Some(Slogan {
                    text: text[a..b].to_string(),
                    span: ctx.map.span(a, b),
                    rule: self.rules.rules[m.rule].id.clone(),
                })
            })
            .collect();

        let tasks = tasks::assemble(&ctx, &take(Kind::Cue, cue_m), &officials, &self.modal);

        if decode_errors {
            diagnostics
                .push("some bytes could not be decoded and were replaced with U+FFFD".to_string());
        }
        let doc = Document {
            schema_version: SCHEMA_VERSION.to_string(),
            source,
            title: cleaned.meta.title.clone(),
            channel: cleaned.meta.channel.clone(),
            date,
            meeting,
            principles: principles_out,
            slogans,
            tasks,
            officials,
            reporters,
            editors,
            diagnostics,
        };
        (doc, trace)
    }
}
