//! Cleaned text + rules → [`Document`].
//!
//! The pipeline: clean the decoded text ([`crate::clean`]), split it into
//! paragraphs and sentences ([`crate::segment`]), run every rule over the
//! cleaned text, resolve overlaps per kind ([`candidates`]), and let each
//! kind's assembler turn its matches into output items: bylines first (their
//! names are never officials), then officials and roles, the meeting,
//! principles, slogans (quoted formulations not used by a principle), and
//! tasks (whose speakers resolve against the officials).

pub mod actions;
pub mod bylines;
pub mod candidates;
pub mod meeting;
pub mod officials;
pub mod outline;
pub mod own_voice;
pub mod principles;
pub mod tasks;

use crate::clean::clean;
use crate::decode::Decoded;
use crate::dictionary::Dictionary;
use crate::document::{Document, Slogan, SourceInfo, SCHEMA_VERSION};
use crate::offsets::MappedText;
use crate::rules::{Kind, Match, RuleSet};
use crate::script::Script;
use crate::segment::{segment, windows, Paragraph};
use candidates::resolve;
use std::collections::{BTreeMap, HashMap, HashSet};

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

/// Texts longer than this many bytes are matched window by window
/// ([`windows`]), so the matches held at once stay bounded; shorter texts are
/// one window. Rules match within a line, and windows end at line breaks
/// where the text has them, so only a line longer than this is ever cut.
pub const WINDOW: usize = 1 << 20;

/// What the assemblers share: the cleaned text, its map and paragraphs, the rules.
pub struct Ctx<'a> {
    pub rules: &'a RuleSet,
    /// The text rules match: the cleaned text, in simplified characters.
    pub text: &'a str,
    /// The cleaned text in the document's own script, byte for byte the
    /// layout of `text` ([`crate::script`]): output strings come from here.
    pub source: &'a str,
    pub map: &'a MappedText,
    pub paras: &'a [Paragraph],
    /// The document's clauses, computed on first use (see [`principles`]).
    pub clauses: std::cell::OnceCell<Vec<(usize, usize)>>,
    /// jieba's dictionary, for rules with `mode = "jieba"`.
    pub jieba: Dictionary,
    /// Finds directive modals.
    pub modal: &'a tasks::ModalFinder,
    /// For a converted document: the strings the assemblers compare by value
    /// (names, titles, roles, speakers, cues), simplified → as written, filled
    /// by [`Ctx::keep`] and applied to the finished document by [`Ctx::restore`].
    written: std::cell::RefCell<HashMap<String, String>>,
    /// With `--explain`: the layouts a principle candidate's items were
    /// looked for in, in order, with what each gave ([`principles`]).
    pub weighed: std::cell::RefCell<Option<Vec<Weighed>>>,
}

/// One layout weighed for a principle label's items, for `--explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weighed {
    /// Where the items were looked for: `after the intro word`, `before the label` …
    pub layout: &'static str,
    /// The items found (`Ok`), or why none fit (`Err`).
    pub outcome: Result<Vec<String>, String>,
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
    /// Every principle match with the layouts weighed for its items, in the
    /// order they were tried: the first that fits the declared count wins.
    pub weighed: Vec<(Candidate, Vec<Weighed>)>,
    /// Why the document's voice is what it is.
    pub voice: Option<String>,
    /// Kept matches that a later stage removed from the output, with the reason.
    pub removed: Vec<(Kind, Candidate, String)>,
    /// What the output holds, per kind: (kind name, count).
    pub output: Vec<(&'static str, usize)>,
}

impl Ctx<'_> {
    /// `s`, a slice of [`Ctx::text`], as the document writes it: the same
    /// bytes of [`Ctx::source`]. A string that is no slice of the text (a
    /// word the code supplies) is returned as it is.
    pub fn original(&self, s: &str) -> String {
        let base = self.text.as_ptr() as usize;
        let at = (s.as_ptr() as usize).wrapping_sub(base);
        match self.source.get(at..at.saturating_add(s.len())) {
            Some(o) if at <= self.text.len() && self.source.len() == self.text.len() => {
                o.to_string()
            }
            _ => s.to_string(),
        }
    }

    /// Bytes `a..b` of the text as the document writes them.
    pub fn slice(&self, a: usize, b: usize) -> String {
        self.original(&self.text[a..b])
    }

    /// `s`, a slice of the text, as an owned string in simplified characters
    /// (assemblers compare these); in a converted document it remembers how
    /// the document writes it, for [`Ctx::restore`].
    pub fn keep(&self, s: &str) -> String {
        if !std::ptr::eq(self.text, self.source) {
            self.written
                .borrow_mut()
                .entry(s.to_string())
                .or_insert_with(|| self.original(s));
        }
        s.to_string()
    }

    /// Puts every kept string of `doc` back as the document writes it; in a
    /// traditional document, a speaker the code names (`会议`) in its script.
    fn restore(&self, doc: &mut Document) {
        let written = self.written.borrow();
        if doc.source.script == Script::Traditional {
            for sp in doc.tasks.iter_mut().filter_map(|t| t.speaker.as_mut()) {
                if !written.contains_key(sp.as_str()) {
                    *sp = crate::script::to_traditional(sp);
                }
            }
        }
        if written.is_empty() {
            return;
        }
        let fix = |s: &mut String| {
            if let Some(o) = written.get(s.as_str()) {
                *s = o.clone();
            }
        };
        for o in &mut doc.officials {
            fix(&mut o.name);
            o.titles.iter_mut().for_each(fix);
            o.roles.iter_mut().for_each(fix);
        }
        for t in &mut doc.tasks {
            t.speaker.iter_mut().for_each(fix);
            t.cue.iter_mut().for_each(fix);
        }
        doc.reporters.iter_mut().for_each(fix);
        doc.editors.iter_mut().for_each(fix);
    }
}

fn candidate(ctx: &Ctx, m: &Match) -> Candidate {
    let (a, b) = m
        .group("names")
        .or_else(|| m.group("name"))
        .unwrap_or((m.start, m.end));
    Candidate {
        rule: m.rule,
        span: ctx.map.span(a, b),
        text: ctx.slice(a, b),
    }
}

/// The document's date and where it came from, in order of trust: its
/// metadata, its file name, a dated line near the top, the stream's date field.
fn document_date(
    cleaned: &crate::clean::Cleaned,
    source: &SourceInfo,
    text: &str,
) -> (Option<String>, Option<&'static str>) {
    use crate::metadata::{date_from_path, date_line, parse_date};
    if let Some(d) = &cleaned.meta.date {
        return (Some(d.clone()), Some("metadata"));
    }
    if let Some(d) = source.path.as_deref().and_then(date_from_path) {
        return (Some(d), Some("path"));
    }
    if let Some(d) = date_line(text, 6) {
        return (Some(d), Some("text"));
    }
    let field = source.date_field.as_deref();
    match field.and_then(|f| parse_date(f).or_else(|| date_from_path(&format!("0-{f}")))) {
        Some(d) => (Some(d), Some("field")),
        None => (None, None),
    }
}

/// Ends an explanation with what the output holds, and names the kept
/// official matches that a later stage removed (`应邀列`: not a name).
fn explain_output(t: &mut Trace, doc: &Document, exclude: &HashSet<String>) {
    let names: HashSet<&str> = doc.officials.iter().map(|o| o.name.as_str()).collect();
    for c in t.kept.get(&Kind::Official).into_iter().flatten() {
        let parts: Vec<&str> = c.text.split('、').collect();
        if parts.iter().any(|p| names.contains(p)) {
            continue;
        }
        let why = if parts.iter().any(|p| exclude.contains(*p)) {
            "a reporter's or editor's name (bylines)"
        } else {
            "failed the name checks after matching (officials::mentions: no plausible personal name, a word of the dictionary, a name starting inside a word, or the end of a country's name)"
        };
        t.removed.push((Kind::Official, c.clone(), why.to_string()));
    }
    t.output = vec![
        ("officials", doc.officials.len()),
        ("principles", doc.principles.len()),
        ("slogans", doc.slogans.len()),
        ("tasks", doc.tasks.len()),
        ("sections", doc.sections.len()),
    ];
}

/// Extracts documents with one compiled rule set.
pub struct Extractor {
    pub rules: RuleSet,
    modal: tasks::ModalFinder,
    /// Window size in bytes, [`WINDOW`] unless set by [`Extractor::with_window`].
    window: usize,
    jieba: Dictionary,
    /// The script every document is taken to be in (`--script`); detected when `None`.
    script: Option<Script>,
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
            window: WINDOW,
            jieba: Dictionary::load(),
            script: None,
        })
    }

    /// Sets the window size (for tests: results must not depend on it while
    /// windows can end at line breaks).
    pub fn with_window(mut self, bytes: usize) -> Extractor {
        self.window = bytes;
        self
    }

    /// Takes every document to be in `script` instead of detecting it.
    pub fn with_script(mut self, script: Option<Script>) -> Extractor {
        self.script = script;
        self
    }

    /// Extracts one decoded document.
    pub fn extract(&self, decoded: &Decoded, source: SourceInfo) -> Document {
        let cleaned = clean(&decoded.text);
        self.extract_cleaned(&cleaned, source, decoded.had_errors, None)
    }

    /// Extracts one decoded document and reports every competing match.
    pub fn extract_traced(&self, decoded: &Decoded, source: SourceInfo) -> (Document, Trace) {
        let cleaned = clean(&decoded.text);
        let mut trace = Trace::default();
        let doc = self.extract_cleaned(&cleaned, source, decoded.had_errors, Some(&mut trace));
        (doc, trace)
    }

    /// Matches every rule in one window and lets the matches of each kind
    /// compete; returns the winners by kind, and the built principles that won.
    fn match_window(
        &self,
        ctx: &Ctx,
        window: (usize, usize),
        mut timings: Option<&mut [u128]>,
        mut trace: Option<&mut Trace>,
    ) -> (BTreeMap<Kind, Vec<Match>>, Vec<principles::Built>) {
        let mut by_kind: BTreeMap<Kind, Vec<Match>> = BTreeMap::new();
        let mut scans = crate::rules::AnchorScans::default();
        for (i, rule) in self.rules.rules.iter().enumerate() {
            let t = timings.is_some().then(std::time::Instant::now);
            by_kind
                .entry(rule.kind)
                .or_default()
                .extend(rule.matches_in_with(i, ctx.text, window, &mut scans));
            if let (Some(t), Some(slot)) = (t, timings.as_deref_mut().and_then(|s| s.get_mut(i))) {
                *slot += t.elapsed().as_micros();
            }
        }
        let mut kept_built = Vec::new();
        for (kind, slot) in by_kind.iter_mut() {
            let mut ms = std::mem::take(slot);
            // Principles: only candidates whose items are found compete.
            let mut built = HashMap::new();
            if *kind == Kind::Official {
                // Names whose end the rule leaves open are read here, before they compete.
                ms = ms
                    .into_iter()
                    .filter_map(|m| match self.rules.rules[m.rule].mode.as_deref() {
                        Some("name" | "jieba") => officials::read_match(ctx, &m),
                        _ => Some(m),
                    })
                    .collect();
            }
            if *kind == Kind::Principle {
                ms.retain(|m| {
                    if trace.is_some() {
                        ctx.weighed.replace(Some(Vec::new()));
                    }
                    let b = principles::build(ctx, m);
                    if let Some(t) = trace.as_deref_mut() {
                        let w = ctx.weighed.take().unwrap_or_default();
                        t.weighed.push((candidate(ctx, m), w));
                        if b.is_none() {
                            t.unbuilt.push(candidate(ctx, m));
                        }
                    }
                    match b {
                        Some(b) => {
                            built.insert((m.start, m.end, m.rule), b);
                            true
                        }
                        None => false,
                    }
                });
            }
            let (kept, dropped) = resolve(&self.rules, ms, trace.is_some());
            if let Some(t) = trace.as_deref_mut() {
                let c = |m: &Match| candidate(ctx, m);
                t.kept.entry(*kind).or_default().extend(kept.iter().map(c));
                t.dropped
                    .entry(*kind)
                    .or_default()
                    .extend(dropped.iter().map(|d| (c(&d.loser), c(&d.winner))));
            }
            kept_built.extend(
                kept.iter()
                    .filter_map(|m| built.remove(&(m.start, m.end, m.rule))),
            );
            *slot = kept;
        }
        (by_kind, kept_built)
    }

    fn extract_cleaned(
        &self,
        cleaned: &crate::clean::Cleaned,
        mut source: SourceInfo,
        decode_errors: bool,
        mut trace: Option<&mut Trace>,
    ) -> Document {
        let original = cleaned.body.text.as_str();
        let (script, converted) = crate::script::for_matching(original, self.script);
        source.script = script;
        let text = converted.as_deref().unwrap_or(original);
        let paras = segment(text);
        let ctx = Ctx {
            rules: &self.rules,
            text,
            source: original,
            map: &cleaned.body,
            paras: &paras,
            clauses: Default::default(),
            jieba: self.jieba,
            modal: &self.modal,
            written: Default::default(),
            weighed: Default::default(),
        };
        // POLICYX_PROFILE=1 prints each rule's matching time in µs.
        let mut timings = std::env::var_os("POLICYX_PROFILE")
            .is_some()
            .then(|| vec![0u128; self.rules.rules.len()]);
        let mut by_kind: BTreeMap<Kind, Vec<Match>> = BTreeMap::new();
        let mut kept_built = Vec::new();
        for w in windows(text, self.window) {
            let (kept, built) =
                self.match_window(&ctx, w, timings.as_deref_mut(), trace.as_deref_mut());
            for (kind, ms) in kept {
                by_kind.entry(kind).or_default().extend(ms);
            }
            kept_built.extend(built);
        }
        for (rule, t) in self.rules.rules.iter().zip(timings.iter().flatten()) {
            eprintln!("PROFILE {} {}", rule.id, t);
        }
        let mut get = |k: Kind| by_kind.remove(&k).unwrap_or_default();

        let reporters = bylines::names(&ctx, &get(Kind::Reporter));
        let editors = bylines::names(&ctx, &get(Kind::Editor));
        let exclude: HashSet<String> = reporters.iter().chain(editors.iter()).cloned().collect();

        let official_kept = get(Kind::Official);
        let mentions = officials::mentions(&ctx, &official_kept, &exclude);
        let role_kept = get(Kind::Role);
        let (officials, names) = officials::assemble(&ctx, &mentions, &role_kept);

        let (date, date_from) = document_date(cleaned, &source, original);
        source.date_from = date_from.map(str::to_string);
        let meeting = meeting::assemble(&ctx, &get(Kind::Meeting), date.as_deref());

        let outline = outline::outline(&ctx);
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
            let mut p = b.principle.clone();
            p.section = outline.section_at(b.start);
            principles_out.push(p);
        }
        let mut used: Vec<(usize, usize)> = kept_built.iter().map(|b| b.extent).collect();
        used.sort_unstable();
        let slogans = get(Kind::Slogan)
            .into_iter()
            .filter(|m| {
                // Extents sorted by start; an overlapping one starts before m.end.
                let k = used.partition_point(|&(a, _)| a < m.end);
                !used[..k].iter().rev().take(64).any(|&(_, b)| m.start < b)
            })
            .filter_map(|m| {
                let (a, b) = m.group("text")?;
                Some(Slogan {
                    text: ctx.slice(a, b),
                    span: ctx.map.span(a, b),
                    rule: self.rules.rules[m.rule].id.clone(),
                })
            })
            .collect();

        let news = tasks::assemble(&ctx, &get(Kind::Cue), &officials, names, &outline);
        let voice = own_voice::voice(&ctx, news.tasks.len(), news.speakers, &outline);
        let tasks = match voice.voice {
            crate::document::Voice::Reported => news.tasks,
            crate::document::Voice::Own => {
                let author = voice.author.map(|(a, b)| ctx.keep(&text[a..b]));
                own_voice::tasks(&ctx, &outline, author)
            }
        };
        if let Some(t) = trace.as_deref_mut() {
            t.voice = Some(voice.evidence.clone());
        }

        if decode_errors {
            diagnostics
                .push("some bytes could not be decoded and were replaced with U+FFFD".to_string());
        }
        let mut doc = Document {
            schema_version: SCHEMA_VERSION.to_string(),
            source,
            title: cleaned.meta.title.clone(),
            channel: cleaned.meta.channel.clone(),
            date,
            meeting,
            voice: voice.voice,
            sections: outline.sections,
            principles: principles_out,
            slogans,
            tasks,
            officials,
            reporters,
            editors,
            diagnostics,
        };
        ctx.restore(&mut doc);
        if let Some(t) = trace {
            explain_output(t, &doc, &exclude);
        }
        doc
    }
}
