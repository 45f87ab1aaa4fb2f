//! Document metadata: Markdown/hexo front matter, headings, links and dates.
//!
//! Front matter is the block between a first line `---` and the next `---`;
//! its `key: value` lines give title, date, author, tags and categories. Dates
//! are read leniently (`2019-02-24- 07:46` gives 2019-02-24).

use regex::Regex;
use std::sync::OnceLock;

/// What cleaning learnt about the document besides its text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    /// A channel suffix split off the title (`…_吉林频道` gives `吉林频道`).
    pub channel: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    /// Link targets removed from the text (`[查看原文](url)`).
    pub links: Vec<String>,
}

/// Parses the lines of a front-matter block into `meta`.
pub fn parse_front_matter(block: &str, meta: &mut Metadata) {
    for line in block.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches('"').trim_matches('\'').trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "title" if !value.is_empty() => set_title(meta, value),
            "date" => meta.date = parse_date(value),
            "author" if !value.is_empty() => meta.author = Some(value.to_string()),
            "tags" => meta.tags = list_value(value),
            "categories" => meta.categories = list_value(value),
            _ => {}
        }
    }
}

fn list_value(v: &str) -> Vec<String> {
    v.trim_matches(|c| c == '[' || c == ']')
        .split([',', '，'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Sets the title, splitting off a channel suffix such as `_吉林频道`.
pub fn set_title(meta: &mut Metadata, raw: &str) {
    let raw = raw.trim();
    if let Some((head, tail)) = raw.rsplit_once('_') {
        let tail_len = tail.chars().count();
        if !head.is_empty() && (1..=12).contains(&tail_len) {
            meta.title = Some(head.trim().to_string());
            meta.channel = Some(tail.trim().to_string());
            return;
        }
    }
    meta.title = Some(raw.to_string());
}

fn date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"((?:19|20)\d\d)\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
            .expect("date regex")
    })
}

fn compact_date_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:^|\D)((?:19|20)\d\d)(\d\d)(\d\d)(?:\D|$)").expect("date regex")
    })
}

/// The first plausible date in `s`, as `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<String> {
    for re in [date_re(), compact_date_re()] {
        for c in re.captures_iter(s) {
            let y: u32 = c[1].parse().ok()?;
            let m: u32 = c[2].parse().ok()?;
            let d: u32 = c[3].parse().ok()?;
            if (1..=12).contains(&m) && (1..=31).contains(&d) {
                return Some(format!("{y:04}-{m:02}-{d:02}"));
            }
        }
    }
    None
}

/// The date in a file name: a full date (`20221022.md`, `2022-10-22.txt`),
/// else the year of a numbered year (`001-2025.txt` gives `2025`).
pub fn date_from_path(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\', '!']).next().unwrap_or(path);
    if let Some(d) = parse_date(name) {
        return Some(d);
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^\d{1,4}[-_]((?:1[89]|20)\d{2})(?:\D|$)").expect("the year pattern compiles")
    });
    re.captures(name).map(|c| c[1].to_string())
}

/// A dated line near the top of a text (`（2022年10月16日）`): the first
/// `lines` lines that hold nothing but a date.
pub fn date_line(text: &str, lines: usize) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"^[（(]?\s*((?:1[89]|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[）)]?$",
        )
        .expect("the date line pattern compiles")
    });
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(lines)
        .find_map(|l| {
            let c = re.captures(l)?;
            let (m, d): (u32, u32) = (c[2].parse().ok()?, c[3].parse().ok()?);
            ((1..=12).contains(&m) && (1..=31).contains(&d))
                .then(|| format!("{}-{m:02}-{d:02}", &c[1]))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_paths_and_lines() {
        assert_eq!(
            date_from_path("reports/001-2025.txt").as_deref(),
            Some("2025")
        );
        assert_eq!(
            date_from_path("a/20221022.md").as_deref(),
            Some("2022-10-22")
        );
        assert_eq!(
            date_from_path("x.zip!/2022-10-05.txt").as_deref(),
            Some("2022-10-05")
        );
        assert_eq!(date_from_path("002-None.txt"), None);
        assert_eq!(date_from_path("dev-001.txt"), None);
        assert_eq!(
            date_line("政府工作报告\n（2022年10月16日）\n各位代表：", 5).as_deref(),
            Some("2022-10-16")
        );
        assert_eq!(date_line("2022年10月16日，会议召开。", 5), None);
    }

    #[test]
    fn malformed_seed_date_still_parses() {
        assert_eq!(
            parse_date("2019-02-24- 07:46").as_deref(),
            Some("2019-02-24")
        );
        assert_eq!(parse_date("2022年10月5日").as_deref(), Some("2022-10-05"));
        assert_eq!(
            parse_date("https://tv.cctv.com/2022/10/26/VIDE.shtml").as_deref(),
            Some("2022-10-26")
        );
        assert_eq!(
            parse_date("news/20221022.md").as_deref(),
            Some("2022-10-22")
        );
        assert_eq!(parse_date("2019-13-40"), None);
    }

    #[test]
    fn front_matter_fields() {
        let mut m = Metadata::default();
        parse_front_matter(
            "title: 推动高质量发展_吉林频道\nauthor: wetech\ndate: 2019-02-24- 07:46\ntags: \n",
            &mut m,
        );
        assert_eq!(m.title.as_deref(), Some("推动高质量发展"));
        assert_eq!(m.channel.as_deref(), Some("吉林频道"));
        assert_eq!(m.date.as_deref(), Some("2019-02-24"));
        assert_eq!(m.author.as_deref(), Some("wetech"));
        assert!(m.tags.is_empty());
    }
}
