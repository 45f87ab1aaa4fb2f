//! The output: one JSON object per input document.
//!
//! Every span is `[start, end)` in Unicode code points of the decoded input
//! (not of the cleaned text), so `text[start:end]` in Python gives the string
//! back. Every extracted item names the rule that produced it. Keys always come
//! in the order declared here; empty lists are written, absent values are
//! `null`. `schema_version` changes whenever a field changes meaning.

use schemars::JsonSchema;
use serde::Serialize;

/// The version of this output format.
pub const SCHEMA_VERSION: &str = "1.1";

/// `[start, end)` in code points of the decoded input.
pub type Span = [usize; 2];

/// One extracted document.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
pub struct Document {
    /// The version of this format (`1.1`: `voice`, `sections`, task
    /// `section` and `actions`, a null `speaker` and `cue` for own-voice tasks).
    pub schema_version: String,
    /// Where the text came from and how it was decoded.
    pub source: SourceInfo,
    /// From front matter or the first `#` heading, channel suffix removed.
    pub title: Option<String>,
    /// A channel split off the title (`…_吉林频道` gives `吉林频道`).
    pub channel: Option<String>,
    /// The document's own date, `YYYY-MM-DD`, or `YYYY` where only the year
    /// is known (`source.date_from` says where it came from).
    pub date: Option<String>,
    /// The meeting the article reports, when one is named.
    pub meeting: Option<Meeting>,
    /// `reported` for news that reports others' words (`会议指出`, `X强调`);
    /// `own` for a document that speaks in its own voice (a work report, a
    /// speech, a plan): its tasks need no speaker's cue.
    pub voice: Voice,
    /// The document's headings in order (`一、` `（一）` `1.` `（1）` `第一章`
    /// `第一节` `第一条`); empty for a text without headings.
    pub sections: Vec<Section>,
    /// Sets of principles, requirements or goals whose items are listed.
    pub principles: Vec<Principle>,
    /// Other quoted formulations (`“枫桥经验”`, `“三大攻坚战”`).
    pub slogans: Vec<Slogan>,
    /// Directives, each attributed to its speaker.
    pub tasks: Vec<Task>,
    /// People named with at least one title or post.
    pub officials: Vec<Official>,
    /// Reporters' names (`记者邢阳` gives `邢阳`).
    pub reporters: Vec<String>,
    /// Editors' names (`[责任编辑：韩莹]` gives `韩莹`).
    pub editors: Vec<String>,
    /// Things a reader should know: incomplete lists, decoding trouble.
    pub diagnostics: Vec<String>,
}

/// Where a document came from.
#[derive(Debug, Clone, Default, Serialize, JsonSchema, PartialEq, Eq)]
pub struct SourceInfo {
    /// The file path (`archive.zip!/inner/path.txt` for archive members); null for stdin.
    pub path: Option<String>,
    /// The encoding used to decode the bytes (`UTF-8`, `gb18030`, `Big5`, `UTF-16LE` …).
    pub encoding: String,
    /// With `batch --split`: the 0-based part of the file this document is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<usize>,
    /// With `stream`: the `id` of the input line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    /// Where `date` came from: `metadata` (front matter, a link), `path`
    /// (`20221022.md`, `2022-10-22.txt`, `NNN-YYYY.txt` gives the year alone),
    /// `text` (a dated line near the top: `（2022年10月16日）`) or `field`
    /// (`stream --date-field`); null when the document has no date.
    pub date_from: Option<String>,
    /// With `stream --date-field`: the input line's date, used when the
    /// path and the text give none.
    #[serde(skip)]
    #[schemars(skip)]
    pub date_field: Option<String>,
    /// The script the text is written in: `simplified`, `traditional` or
    /// `mixed` (detected, or as forced with `--script`). Traditional text is
    /// matched through a simplified copy; every string in the output is still
    /// the input's own.
    pub script: crate::script::Script,
}

/// A rule's id (`official.titles-before-names`), shared by every item the
/// rule produced: serialised as a plain string.
pub type RuleId = std::sync::Arc<str>;

/// The meeting an article reports.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
pub struct Meeting {
    pub name: Option<String>,
    /// `YYYY-MM-DD`, the year taken from the document's date when the text gives none.
    pub date: Option<String>,
    pub place: Option<String>,
    /// Span of the name (or of the whole match when there is no name).
    pub span: Span,
    pub rule: RuleId,
}

/// A text with its span.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    pub span: Span,
}

/// A stated set of principles: `“五个坚持”———坚持…，坚持…`.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
pub struct Principle {
    /// The formulation without quotes (`五个坚持`, `工作思路`).
    pub label: String,
    /// The number the label declares (五 → 5); null when it declares none.
    pub count: Option<u64>,
    pub items: Vec<Item>,
    /// True when the declared count equals the items found (or no count is declared).
    pub complete: bool,
    /// Span of the label.
    pub span: Span,
    pub rule: RuleId,
    /// Index in `sections` of the heading the label stands under; null before any heading.
    pub section: Option<usize>,
}

/// A quoted formulation that is not a principle with listed items.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
pub struct Slogan {
    pub text: String,
    pub span: Span,
    pub rule: RuleId,
}

/// A directive sentence and who gave it.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
pub struct Task {
    /// The official's name, or `会议` when the meeting itself is the subject;
    /// in an own-voice document the author it names (`我代表国务院` →
    /// `国务院`), else null.
    pub speaker: Option<String>,
    /// The verb that introduced the passage (`要求`, `强调`, `指出` …); null
    /// in an own-voice document.
    pub cue: Option<String>,
    /// The sentence with its attribution prefix removed.
    pub text: String,
    pub span: Span,
    /// The cue rule that opened the passage, or the own-voice rule
    /// (`own.modal`, `own.imperative`, `own.heading`).
    pub rule: RuleId,
    /// Index in `sections` of the heading the task stands under; null before any heading.
    pub section: Option<usize>,
    /// The verb–object pairs the task sets, in order.
    pub actions: Vec<Action>,
}

/// Who speaks in a document.
#[derive(Debug, Clone, Copy, Default, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// News: others' words are reported (`会议指出`, `X强调`).
    #[default]
    Reported,
    /// The document speaks itself (`各位代表`, `我们要…`).
    Own,
}

/// A heading of the document's outline.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
pub struct Section {
    /// 1 for the outermost kind of heading, 2 for the kind nested in it, …
    /// (the kinds nest in the order the document first uses them).
    pub level: usize,
    /// The number as written: `一、`, `（三）`, `1.`, `第一章`.
    pub number: String,
    /// The heading's title: the rest of its line, or its first sentence
    /// when the body follows on the same line (`（三）加快建设现代化产业体系。`).
    pub title: String,
    /// Span of number and title.
    pub span: Span,
    /// Index of the enclosing heading; null at the top.
    pub parent: Option<usize>,
}

/// One thing a task sets to be done: a verb and its object.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
pub struct Action {
    /// The verb (`实施`, `加快建设`).
    pub verb: Item,
    /// What it acts on (`提振消费专项行动`); null when the clause has none.
    pub object: Option<Item>,
}

/// One line of `batch` or `stream` output: a document, or an error record
/// for an input that could not be read. (`extract` prints a document.)
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq)]
#[serde(untagged)]
pub enum OutputLine {
    Document(Box<Document>),
    Error(Box<ErrorRecord>),
}

/// A person named with a title or post.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
pub struct Official {
    pub name: String,
    /// Titles in the order written, from all mentions, without duplicates.
    pub titles: Vec<String>,
    /// What the person did (`出席会议并讲话`, `主持会议`).
    pub roles: Vec<String>,
    /// Span of the name at its first titled mention.
    pub span: Span,
    /// Spans of every mention of the name.
    pub mentions: Vec<Span>,
    /// The rule of the first titled mention.
    pub rule: RuleId,
}

/// The output for an input that could not be read or decoded (batch mode).
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
pub struct ErrorRecord {
    pub source: SourceInfo,
    pub error: String,
}

impl Document {
    /// Moves every span `by` code points later (a part of a split file keeps
    /// spans relative to the whole file).
    pub fn shift_spans(&mut self, by: usize) {
        let sh = |s: &mut Span| {
            s[0] += by;
            s[1] += by;
        };
        if let Some(m) = &mut self.meeting {
            sh(&mut m.span);
        }
        for p in &mut self.principles {
            sh(&mut p.span);
            p.items.iter_mut().for_each(|i| sh(&mut i.span));
        }
        self.slogans.iter_mut().for_each(|s| sh(&mut s.span));
        self.tasks.iter_mut().for_each(|t| sh(&mut t.span));
        for o in &mut self.officials {
            sh(&mut o.span);
            o.mentions.iter_mut().for_each(sh);
        }
    }
}
