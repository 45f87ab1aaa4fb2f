//! Rules are data: the rule set compiled from `rules/` (or the defaults built
//! into the binary), and the matching of rules against cleaned text.
//!
//! A rule is a regex with named groups; its `kind` says which assembler reads
//! the groups (see `rules/README.md`). Patterns use `{{name}}` for a macro
//! (from a `[macros]` table) or a lexicon (from `lexicons/name.txt`). A group
//! named `after` is context: it must match, but it is not part of the item and
//! the next search starts where it starts, as a lookahead would.

pub mod anchor;
pub mod embedded;
pub mod error;
pub mod file;
pub mod lexicon;
pub mod pattern;

use error::{full_width_hint, RuleError, RuleErrors};
use file::{line_col, parse_lexicon, RawExample, RawFile};
pub use lexicon::Lexicon;
pub use pattern::{Pattern, PatternError};
use smallvec::SmallVec;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Compiled regexes larger than this are refused (bytes of compiled program).
pub const REGEX_SIZE_LIMIT: usize = 64 << 20;
/// Cache for each rule's lazy DFA (bytes); a small cache is rebuilt over and over on long texts.
pub const DFA_CACHE_LIMIT: usize = 32 << 20;
/// Macros may nest this deep.
const MACRO_DEPTH: usize = 10;

/// What a rule produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Official,
    Role,
    Cue,
    Principle,
    Slogan,
    Meeting,
    Reporter,
    Editor,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Official,
        Kind::Role,
        Kind::Cue,
        Kind::Principle,
        Kind::Slogan,
        Kind::Meeting,
        Kind::Reporter,
        Kind::Editor,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Official => "official",
            Kind::Role => "role",
            Kind::Cue => "cue",
            Kind::Principle => "principle",
            Kind::Slogan => "slogan",
            Kind::Meeting => "meeting",
            Kind::Reporter => "reporter",
            Kind::Editor => "editor",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }

    /// Groups a rule of this kind must have (any one of each inner list).
    fn required_groups(self) -> &'static [&'static [&'static str]] {
        match self {
            Kind::Official => &[&["name", "names"]],
            Kind::Role => &[&["role"]],
            Kind::Cue => &[&["cue"]],
            Kind::Principle => &[&["label"]],
            Kind::Slogan => &[&["text"]],
            Kind::Meeting => &[&["name", "date", "place"]],
            Kind::Reporter | Kind::Editor => &[&["name", "names"]],
        }
    }

    /// Modes the assembler of this kind understands (empty: no mode).
    pub fn modes(self) -> &'static [&'static str] {
        match self {
            Kind::Principle => &[
                "after",
                "before",
                "quoted",
                "enumerated",
                "anaphor",
                "counted",
                "formula",
            ],
            // `jieba`: the older name of `name`.
            Kind::Official => &["name", "jieba"],
            _ => &[],
        }
    }
}

/// When a rule set's patterns are compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compile {
    /// At load time, all at once on every core, with every error reported:
    /// for rules a user wrote, and for `rules check`.
    Now,
    /// Each the first time a search needs it: for the built-in rules, which
    /// a test compiles, so that a short run pays only for the rules it uses.
    OnFirstUse,
}

/// A rule and its pattern.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: crate::document::RuleId,
    pub kind: Kind,
    pub priority: i32,
    pub mode: Option<String>,
    pub description: String,
    pub regex: Pattern,
    /// Where matches can lie: around the words of a lexicon (see [`anchor`]).
    pub anchor: Option<anchor::Anchor>,
    /// The groups the assemblers read: (group index, name).
    pub groups: Vec<(usize, &'static str)>,
    pub file: String,
    pub line: usize,
    pub examples: Vec<RawExample>,
}

/// A rule file or lexicon to load: its display path and text.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
}

/// The loaded rules and lexicons.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    lexicons: HashMap<String, Lexicon>,
    /// Things a user should hear about the rules in use (a lexicon replaced by a much smaller one).
    pub warnings: Vec<String>,
}

/// Lexicons the assemblers read directly; a rule set without them is refused.
pub const REQUIRED_LEXICONS: &[&str] = &[
    "address",
    "principle_intro",
    "principle_part_intro",
    "part_plan",
    "part_review",
    "result_word",
    "action_adverb",
    "aux_verb",
    "modal_strong",
    "modal",
    "non_modal",
    "cue_order",
    "cue_statement",
    "pronoun",
    "crowd",
    "meeting_subject",
    "title_head",
    "title_stop",
    "lead_verb",
    "principle_head",
    "programme_noun",
    "surname",
    "not_name",
    "not_name_start",
    "name_preposition",
    "title_protected",
    "title_after",
    "title_after_strict",
    "country",
    "name_follow",
    "transliteration",
    "org_word",
    "gathering",
    "not_name_end",
    "not_name_end_long",
    "not_principle_noun",
    "not_count_word",
    "not_item_start",
    "not_item_end",
    "item_frame_end",
];

impl RuleSet {
    /// The rules built into the binary, each compiled on first use (a test
    /// compiles them all).
    pub fn defaults() -> Result<RuleSet, RuleErrors> {
        RuleSet::load_as(embedded::sources(), Compile::OnFirstUse)
    }

    /// Loads every `*.toml` and `lexicons/*.txt` below `dir`.
    pub fn read_dir(dir: &Path) -> Result<Vec<Source>, RuleErrors> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        let err = |p: &Path, m: String| RuleError {
            file: p.display().to_string(),
            line: 1,
            column: 1,
            rule: None,
            message: m,
            hint: None,
        };
        while let Some(d) = stack.pop() {
            let entries = std::fs::read_dir(&d)
                .map_err(|e| RuleErrors(vec![err(&d, format!("cannot read folder: {e}"))]))?;
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for p in paths {
                if p.is_dir() {
                    stack.push(p);
                } else if matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("toml") | Some("txt")
                ) {
                    let text = std::fs::read_to_string(&p)
                        .map_err(|e| RuleErrors(vec![err(&p, format!("cannot read: {e}"))]))?;
                    let rel = p
                        .strip_prefix(dir)
                        .unwrap_or(&p)
                        .to_string_lossy()
                        .replace('\\', "/");
                    out.push(Source { path: rel, text });
                }
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// Compiles rule files and lexicons; reports every error found.
    pub fn load(sources: Vec<Source>) -> Result<RuleSet, RuleErrors> {
        RuleSet::load_as(sources, Compile::Now)
    }

    /// Reads rule files and lexicons, compiling patterns `when` asked;
    /// reports every error found (on first use, syntax errors only).
    pub fn load_as(sources: Vec<Source>, when: Compile) -> Result<RuleSet, RuleErrors> {
        let mut errors = Vec::new();
        let mut lexicons = HashMap::new();
        let mut files = Vec::new();
        for src in &sources {
            if src.path.ends_with(".txt") {
                let name = Path::new(&src.path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                lexicons.insert(name.clone(), Lexicon::new(&name, parse_lexicon(&src.text)));
            } else {
                match toml::from_str::<RawFile>(&src.text) {
                    Ok(f) => files.push((src, f)),
                    Err(e) => errors.push(toml_error(src, &e)),
                }
            }
        }
        let mut macros: BTreeMap<String, (String, &Source, usize)> = BTreeMap::new();
        for (src, f) in &files {
            for (name, body) in &f.macros {
                if macros.contains_key(name) || lexicons.contains_key(name) {
                    let (line, column) = line_col(&src.text, body.span().start);
                    errors.push(RuleError {
                        file: src.path.clone(),
                        line,
                        column,
                        rule: None,
                        message: format!("macro '{name}' is defined twice (or is also a lexicon)"),
                        hint: Some("每个宏名只能定义一次 / give each macro one definition".into()),
                    });
                    continue;
                }
                macros.insert(
                    name.clone(),
                    (body.get_ref().clone(), src, body.span().start),
                );
            }
        }
        let mut compiled = match when {
            Compile::Now => compile_all(
                files
                    .iter()
                    .flat_map(|(_, f)| &f.rules)
                    .filter_map(|raw| expand(raw.pattern.get_ref(), &macros, &lexicons, 0).ok())
                    .collect(),
            ),
            Compile::OnFirstUse => HashMap::new(),
        };
        let mut rules = Vec::new();
        let mut ids: HashMap<String, (String, usize)> = HashMap::new();
        for (src, f) in &files {
            for raw in &f.rules {
                let id = raw.id.get_ref().clone();
                let (line, _) = line_col(&src.text, raw.id.span().start);
                let at = |span: std::ops::Range<usize>, message: String, hint: Option<String>| {
                    let (line, column) = line_col(&src.text, span.start);
                    RuleError {
                        file: src.path.clone(),
                        line,
                        column,
                        rule: Some(id.clone()),
                        message,
                        hint,
                    }
                };
                if let Some((file, l)) = ids.get(&id) {
                    errors.push(at(
                        raw.id.span(),
                        format!("duplicate rule id (first defined at {file}:{l})"),
                        Some(
                            "规则 id 必须唯一，请改名 / rule ids must be unique: rename one".into(),
                        ),
                    ));
                    continue;
                }
                ids.insert(id.clone(), (src.path.clone(), line));
                let Some(kind) = Kind::parse(raw.kind.get_ref()) else {
                    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                    errors.push(at(
                        raw.kind.span(),
                        format!("unknown kind '{}'", raw.kind.get_ref()),
                        Some(format!(
                            "kind 只能是 / must be one of: {}",
                            names.join(", ")
                        )),
                    ));
                    continue;
                };
                let mode = raw.mode.as_ref().map(|m| m.get_ref().clone());
                if let Some(m) = &raw.mode {
                    if !kind.modes().contains(&m.get_ref().as_str()) {
                        errors.push(at(
                            m.span(),
                            format!("kind '{}' has no mode '{}'", kind.name(), m.get_ref()),
                            Some(format!("可用的 mode / modes: {}", kind.modes().join(", "))),
                        ));
                        continue;
                    }
                } else if kind == Kind::Principle {
                    errors.push(at(
                        raw.kind.span(),
                        format!("kind '{}' needs a mode", kind.name()),
                        Some(format!(
                            "加上 mode = \"…\" / add mode = one of: {}",
                            kind.modes().join(", ")
                        )),
                    ));
                    continue;
                }
                let anchor = match &raw.anchor {
                    None => None,
                    Some(spec) => {
                        let a = spec.get_ref();
                        match lexicons.get(&a.lexicon) {
                            Some(l) => Some(anchor::Anchor::new(l.clone(), a.before, a.after)),
                            None => {
                                errors.push(at(
                                    spec.span(),
                                    format!("anchor: unknown lexicon '{}'", a.lexicon),
                                    Some("anchor 的 lexicon 是 rules/lexicons/ 下的文件名 / the anchor's lexicon names a file in rules/lexicons/".into()),
                                ));
                                continue;
                            }
                        }
                    }
                };
                let expanded = match expand(raw.pattern.get_ref(), &macros, &lexicons, 0) {
                    Ok(p) => p,
                    Err(name) => {
                        let off = raw
                            .pattern
                            .get_ref()
                            .find(&format!("{{{{{name}}}}}"))
                            .unwrap_or(0);
                        let (l, c) = line_col(&src.text, raw.pattern.span().start + off);
                        errors.push(RuleError {
                            file: src.path.clone(),
                            line: l,
                            column: c,
                            rule: Some(id.clone()),
                            message: format!("unknown lexicon or macro '{{{{{name}}}}}'"),
                            hint: Some(format!(
                                "在 rules/lexicons/ 下建 {name}.txt，或在 [macros] 里定义它 / add rules/lexicons/{name}.txt or define it under [macros]"
                            )),
                        });
                        continue;
                    }
                };
                let regex = match compiled.remove(&expanded).unwrap_or_else(|| match when {
                    Compile::Now => compile(&expanded),
                    Compile::OnFirstUse => {
                        Pattern::lazy(&expanded, REGEX_SIZE_LIMIT, DFA_CACHE_LIMIT)
                    }
                }) {
                    Ok(r) => r,
                    Err(e) => {
                        let too_big = e == PatternError::TooBig;
                        errors.push(at(
                            raw.pattern.span(),
                            if too_big {
                                format!("pattern is too large once compiled (limit {} MiB)", REGEX_SIZE_LIMIT >> 20)
                            } else {
                                format!(
                                    "invalid regex: {}",
                                    first_line(match &e {
                                        PatternError::Syntax(m) | PatternError::Build(m) => m,
                                        PatternError::TooBig => "",
                                    })
                                )
                            },
                            Some(if too_big {
                                "缩小重复次数 {m,n} 或拆成几条规则 / lower the {m,n} bounds or split the rule".into()
                            } else {
                                "检查括号是否成对、特殊字符是否转义（\\. \\( \\[） / check brackets and escapes".into()
                            }),
                        ));
                        continue;
                    }
                };
                let names: Vec<&str> = regex.group_names().flatten().collect();
                let groups: Vec<(usize, &'static str)> = regex
                    .group_names()
                    .enumerate()
                    .filter_map(|(i, n)| {
                        n.and_then(|n| GROUP_NAMES.iter().find(|g| **g == n).map(|g| (i, *g)))
                    })
                    .collect();
                if let Some(missing) = kind
                    .required_groups()
                    .iter()
                    .find(|alts| !alts.iter().any(|g| names.contains(g)))
                {
                    errors.push(at(
                        raw.pattern.span(),
                        format!(
                            "a '{}' rule needs a group named {}",
                            kind.name(),
                            missing.join(" or ")
                        ),
                        Some(format!(
                            "用 (?P<{0}>…) 标出 / mark it with (?P<{0}>…)",
                            missing[0]
                        )),
                    ));
                    continue;
                }
                rules.push(Rule {
                    id: id.into(),
                    kind,
                    priority: raw.priority,
                    mode,
                    description: raw.description.clone(),
                    regex,
                    anchor,
                    groups,
                    file: src.path.clone(),
                    line,
                    examples: raw.examples.clone(),
                });
            }
        }
        for name in REQUIRED_LEXICONS {
            if !lexicons.contains_key(*name) {
                errors.push(RuleError {
                    file: format!("lexicons/{name}.txt"),
                    line: 1,
                    column: 1,
                    rule: None,
                    message: format!("required lexicon '{name}' is missing"),
                    hint: Some("从默认规则里复制这个词表 / copy it from the default rules (policyx rules dump)".into()),
                });
            }
        }
        if !errors.is_empty() {
            return Err(RuleErrors(errors));
        }
        Ok(RuleSet {
            rules,
            lexicons,
            warnings: Vec::new(),
        })
    }

    /// Adds the rules and lexicons of `extra` (a lexicon of the same name replaces the old one).
    /// Loads `base` with `extra` rules added. An extra lexicon adds its terms
    /// to the base lexicon of the same name; one whose first line is
    /// `# replace` replaces it, with a warning when that leaves the lexicon
    /// less than half its size.
    pub fn load_with_extra(
        base: Vec<Source>,
        extra: Vec<Source>,
        when: Compile,
    ) -> Result<RuleSet, RuleErrors> {
        let mut all = base;
        let mut warnings = Vec::new();
        for e in extra {
            let replace = e
                .text
                .lines()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.trim().eq_ignore_ascii_case("# replace"));
            if e.path.ends_with(".txt") {
                if let Some(k) = all.iter().position(|s| s.path == e.path) {
                    if replace {
                        let old = file::parse_lexicon(&all[k].text).len();
                        let new = file::parse_lexicon(&e.text).len();
                        if new * 2 < old {
                            warnings.push(format!(
                                "extra/{} replaces the default {} ({old} terms) with {new} terms",
                                e.path, all[k].path
                            ));
                        }
                        all.remove(k);
                    } else {
                        // Adding is what an extra lexicon means: the base terms stay.
                        let base_text = std::mem::take(&mut all[k].text);
                        all[k].text =
                            format!("{base_text}\n# added from extra/{}\n{}", e.path, e.text);
                        continue;
                    }
                }
            }
            all.push(Source {
                path: format!("extra/{}", e.path),
                text: e.text,
            });
        }
        // Lexicon names come from the file stem, so "extra/lexicons/x.txt" replaces "lexicons/x.txt".
        let mut set = RuleSet::load_as(all, when)?;
        set.warnings = warnings;
        Ok(set)
    }

    /// Starts compiling every rule's pattern on a thread of its own, last
    /// rule first (a document's search meets them first rule first, so the
    /// two meet in the middle); see [`Pattern::warm_up`].
    pub fn warm_up(&self) {
        Pattern::warm_up(self.rules.iter().rev().map(|r| r.regex.clone()).collect());
    }

    pub fn lexicon(&self, name: &str) -> &Lexicon {
        // Required lexicons are checked at load time; others fall back to empty.
        static EMPTY: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        self.lexicons
            .get(name)
            .unwrap_or_else(|| EMPTY.get_or_init(|| Lexicon::new("", Vec::new())))
    }

    pub fn rules_of(&self, kind: Kind) -> impl Iterator<Item = (usize, &Rule)> {
        self.rules
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.kind == kind)
    }
}

fn first_line(s: &str) -> String {
    s.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
        .to_string()
}

fn compile(pattern: &str) -> Result<Pattern, PatternError> {
    Pattern::new(pattern, REGEX_SIZE_LIMIT, DFA_CACHE_LIMIT)
}

/// Compiles patterns on every core (compiling is most of a process's start-up).
fn compile_all(mut patterns: Vec<String>) -> HashMap<String, Result<Pattern, PatternError>> {
    patterns.sort_unstable();
    patterns.dedup();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    // Longest first, dealt round-robin: a fair split of the work.
    patterns.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut shares: Vec<Vec<String>> = vec![Vec::new(); threads];
    for (i, p) in patterns.into_iter().enumerate() {
        shares[i % threads].push(p);
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = shares
            .into_iter()
            .map(|share| {
                scope.spawn(move || {
                    share
                        .into_iter()
                        .map(|p| {
                            let r = compile(&p);
                            (p, r)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().ok())
            .flatten()
            .collect()
    })
}

fn toml_error(src: &Source, e: &toml::de::Error) -> RuleError {
    let start = e.span().map_or(0, |s| s.start);
    let (line, column) = line_col(&src.text, start);
    let text_line = src.text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    RuleError {
        file: src.path.clone(),
        line,
        column,
        rule: None,
        message: first_line(e.message()),
        hint: full_width_hint(text_line).or_else(|| {
            e.message().contains("unknown field").then(|| {
                "规则只认 id kind priority mode description pattern example；例子只认 text expect match todo note / allowed keys: rule: id kind priority mode description pattern example; example: text expect match todo note".to_string()
            })
        }),
    }
}

/// Expands `{{name}}` macros and lexicons; `Err(name)` for an unknown one.
fn expand(
    pattern: &str,
    macros: &BTreeMap<String, (String, &Source, usize)>,
    lexicons: &HashMap<String, Lexicon>,
    depth: usize,
) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open + 2..].find("}}") else {
            break;
        };
        let name = rest[open + 2..open + 2 + close].trim();
        out.push_str(&rest[..open]);
        if let Some((body, _, _)) = macros.get(name) {
            if depth >= MACRO_DEPTH {
                return Err(format!("{name} (nested too deep)"));
            }
            out.push_str("(?:");
            out.push_str(&expand(body, macros, lexicons, depth + 1)?);
            out.push(')');
        } else if let Some(lex) = lexicons.get(name) {
            out.push_str(&lex.alternation);
        } else {
            return Err(name.to_string());
        }
        rest = &rest[open + 2 + close + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Where each anchor lexicon's words occur in the window being matched, by
/// lexicon name (see [`Rule::matches_in_with`]); one per window.
#[derive(Debug, Default)]
pub struct AnchorScans(HashMap<String, Vec<(usize, usize)>>);

/// One match of a rule: the item's span (without the `after` context) and its groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    /// (group name, start, end); rules have up to three, held inline.
    pub groups: SmallVec<[(&'static str, usize, usize); 3]>,
}

impl Match {
    pub fn group(&self, name: &str) -> Option<(usize, usize)> {
        self.groups.iter().find(|g| g.0 == name).map(|g| (g.1, g.2))
    }

    pub fn group_str<'t>(&self, text: &'t str, name: &str) -> Option<&'t str> {
        self.group(name).map(|(a, b)| &text[a..b])
    }
}

/// Group names used by the assemblers (so matches can carry `&'static str`).
const GROUP_NAMES: &[&str] = &[
    "name",
    "names",
    "titles",
    "title_after",
    "role",
    "cue",
    "speaker",
    "label",
    "count",
    "items",
    "text",
    "date",
    "place",
    "after",
    "intro",
    "head",
];

impl Rule {
    /// All matches in `text`, resuming at the `after` group where there is one.
    pub fn matches(&self, index: usize, text: &str) -> Vec<Match> {
        self.matches_in(index, text, (0, text.len()))
    }

    /// The matches within the window `[from, to)` of `text`, with offsets into
    /// `text`: what comes before the window is context (for `^`, `\b`), nothing
    /// after it is read.
    pub fn matches_in(&self, index: usize, text: &str, window: (usize, usize)) -> Vec<Match> {
        self.matches_in_with(index, text, window, &mut AnchorScans::default())
    }

    /// As [`Rule::matches_in`], with the anchor words already found in the
    /// window by other rules on the same lexicon taken from `scans` (and this
    /// rule's added to it): each anchor lexicon is scanned once per window.
    pub fn matches_in_with(
        &self,
        index: usize,
        text: &str,
        (from, to): (usize, usize),
        scans: &mut AnchorScans,
    ) -> Vec<Match> {
        let mut out = Vec::new();
        let on_match = |pos: usize, caps: &regex_automata::util::captures::Captures| {
            let Some(m) = caps.get_match() else {
                return usize::MAX;
            };
            let mut groups = SmallVec::new();
            let mut end = m.end();
            for &(i, n) in &self.groups {
                if let Some(g) = caps.get_group(i) {
                    if n == "after" {
                        end = g.start;
                    } else {
                        groups.push((n, g.start, g.end));
                    }
                }
            }
            if end > m.start() {
                out.push(Match {
                    rule: index,
                    start: m.start(),
                    end,
                    groups,
                });
            }
            let next = end.max(m.start());
            if next <= pos || next == m.start() {
                let at = pos.max(m.start());
                at + text[at..].chars().next().map_or(1, char::len_utf8)
            } else {
                next
            }
        };
        match &self.anchor {
            None => self.regex.for_each(text, from, to, on_match),
            Some(anchor) => {
                let occurrences = scans
                    .0
                    .entry(anchor.lexicon.name.clone())
                    .or_insert_with(|| anchor.occurrences(text, from, to));
                let regions = anchor.regions_around(text, occurrences, from, to);
                self.regex.for_each_in(&text[..to], from, regions, on_match);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(path: &str, text: &str) -> Source {
        Source {
            path: path.into(),
            text: text.into(),
        }
    }

    /// The errors of loading one rule file `path` holding `text`, as printed.
    fn load_error(path: &str, text: &str) -> String {
        match RuleSet::load(with_required(vec![src(path, text)])) {
            Ok(_) => panic!("{path} loaded without an error"),
            Err(e) => e.to_string(),
        }
    }

    fn with_required(mut v: Vec<Source>) -> Vec<Source> {
        for name in REQUIRED_LEXICONS {
            if !v.iter().any(|s| s.path == format!("lexicons/{name}.txt")) {
                v.push(src(&format!("lexicons/{name}.txt"), "甲\n"));
            }
        }
        v
    }

    /// A rule's anchor only saves work: over every text of the test data and
    /// every rule example, cut into windows as extraction cuts them, an
    /// anchored rule finds exactly what it finds without its anchor.
    #[test]
    fn anchored_rules_find_what_the_whole_window_finds() {
        let r = RuleSet::defaults().map_err(|e| e.to_string()).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
        let mut texts: Vec<String> = Vec::new();
        for dir in ["seed", "fixtures"] {
            for e in std::fs::read_dir(root.join(dir))
                .expect("testdata")
                .flatten()
            {
                texts.extend(std::fs::read_to_string(e.path()).ok());
            }
        }
        for e in std::fs::read_dir(root.join("names"))
            .expect("testdata")
            .flatten()
        {
            let table: toml::Table = std::fs::read_to_string(e.path())
                .ok()
                .and_then(|t| t.parse().ok())
                .unwrap_or_default();
            let cases = table.get("case").and_then(|c| c.as_array()).cloned();
            texts.extend(
                cases
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c.get("text").and_then(|t| t.as_str()).map(str::to_string)),
            );
        }
        texts.extend(
            r.rules
                .iter()
                .flat_map(|x| x.examples.iter().map(|e| e.text.clone())),
        );
        let mut anchored = 0;
        let mut found = 0;
        for (i, rule) in r
            .rules
            .iter()
            .enumerate()
            .filter(|(_, x)| x.anchor.is_some())
        {
            anchored += 1;
            let mut plain = rule.clone();
            plain.anchor = None;
            for t in &texts {
                for size in [64, 4096] {
                    for w in crate::segment::windows(t, size) {
                        let want = plain.matches_in(i, t, w);
                        found += want.len();
                        assert_eq!(
                            rule.matches_in(i, t, w),
                            want,
                            "{} in {w:?} of {t}",
                            rule.id
                        );
                    }
                }
            }
        }
        assert!(
            anchored >= 1 && found > 60,
            "{anchored} anchored rules, {found} matches"
        );
    }

    #[test]
    fn defaults_load() {
        let r = RuleSet::defaults().map_err(|e| e.to_string()).unwrap();
        assert!(r.rules.len() > 5);
    }

    /// The built-in rules are compiled on first use, where an error could no
    /// longer be reported: every one must compile, with the groups read
    /// before compiling.
    #[test]
    fn every_default_pattern_compiles_with_the_groups_read_before() {
        let lazy = RuleSet::defaults().map_err(|e| e.to_string()).unwrap();
        let now = RuleSet::load(embedded::sources())
            .map_err(|e| e.to_string())
            .unwrap();
        assert_eq!(lazy.rules.len(), now.rules.len());
        for (a, b) in lazy.rules.iter().zip(&now.rules) {
            assert_eq!(a.regex.compile(), Ok(()), "{}", a.id);
            assert_eq!(a.groups, b.groups, "{}", a.id);
            assert!(a.regex.group_names().eq(b.regex.group_names()), "{}", a.id);
        }
    }

    #[test]
    fn after_group_is_lookahead() {
        let rs = RuleSet::load(with_required(vec![src(
            "a.toml",
            "[[rule]]\nid='x'\nkind='reporter'\npattern='(?P<name>[甲乙])(?P<after>、)'\n",
        )]))
        .unwrap();
        let ms = rs.rules[0].matches(0, "甲、乙、");
        assert_eq!(ms.len(), 2);
        assert_eq!((ms[0].start, ms[0].end), (0, 3));
    }

    #[test]
    fn errors_point_at_file_line_column() {
        let s = load_error("bad.toml", "[[rule]]\nid ＝ 'x'\n");
        assert!(s.starts_with("bad.toml:2:"), "{s}");
        assert!(s.contains("全角"), "{s}");

        let s = load_error("r.toml", "[[rule]]\nid='a'\nkind='slogan'\npattern='(?P<text>{{nope}})'\n[[rule]]\nid='a'\nkind='slogan'\npattern='(?P<text>x'\n");
        assert!(
            s.contains("r.toml:4:") && s.contains("unknown lexicon or macro '{{nope}}'"),
            "{s}"
        );
        assert!(
            s.contains("r.toml:6:") && s.contains("duplicate rule id"),
            "{s}"
        );
    }

    #[test]
    fn an_anchor_on_an_unknown_lexicon_is_reported_at_its_line() {
        let s = load_error("r.toml", "[[rule]]\nid='a'\nkind='slogan'\npattern='(?P<text>x)'\nanchor = { lexicon = 'nope', before = 1, after = 0 }\n");
        assert!(
            s.contains("r.toml:5:") && s.contains("anchor: unknown lexicon 'nope'"),
            "{s}"
        );
        let ok = RuleSet::load(with_required(vec![
            src("lexicons/w.txt", "王\n"),
            src(
                "r.toml",
                "[[rule]]\nid='a'\nkind='slogan'\npattern='(?P<text>王\\p{Han})'\nanchor = { lexicon = 'w', before = 0, after = 1 }\n",
            ),
        ]))
        .map_err(|e| e.to_string())
        .unwrap();
        let t = "甲王一乙王二";
        let spans: Vec<(usize, usize)> = ok.rules[0]
            .matches_in(0, t, (0, t.len()))
            .iter()
            .map(|m| (m.start, m.end))
            .collect();
        assert_eq!(spans, vec![(3, 9), (12, 18)]);
    }

    #[test]
    fn invalid_and_oversized_regexes_are_reported() {
        let s = load_error("r.toml", "[[rule]]\nid='a'\nkind='slogan'\npattern='(?P<text>x'\n[[rule]]\nid='b'\nkind='slogan'\npattern='(?P<text>(\\w{1000}){1000})'\n");
        assert!(s.contains("rule a: invalid regex"), "{s}");
        assert!(s.contains("rule b: pattern is too large"), "{s}");
    }
}
