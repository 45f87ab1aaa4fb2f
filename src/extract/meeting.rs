//! The meeting an article reports, from `meeting` matches: the first match of
//! the highest priority gives name, date and place. A date without a year
//! (`2月22日`) takes its year from the document's date, one year earlier when
//! the month would otherwise fall after the document.

use super::Ctx;
use crate::document::Meeting;
use crate::rules::Match;
use regex::Regex;
use std::sync::OnceLock;

fn md_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:((?:19|20)\d\d)年)?(\d{1,2})月(\d{1,2})日").expect("meeting date regex")
    })
}

/// `YYYY-MM-DD` for a written date, using `doc_date` for a missing year.
pub fn full_date(written: &str, doc_date: Option<&str>) -> Option<String> {
    let c = md_re().captures(written)?;
    let m: u32 = c[2].parse().ok()?;
    let d: u32 = c[3].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y: u32 = match c.get(1) {
        Some(y) => y.as_str().parse().ok()?,
        None => {
            let doc = doc_date?;
            let dy: u32 = doc.get(0..4)?.parse().ok()?;
            let dm: u32 = doc.get(5..7)?.parse().ok()?;
            if m > dm + 1 {
                dy - 1
            } else {
                dy
            }
        }
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

pub fn assemble(ctx: &Ctx, matches: &[Match], doc_date: Option<&str>) -> Option<Meeting> {
    let m = matches
        .iter()
        .max_by_key(|m| (ctx.rules.rules[m.rule].priority, std::cmp::Reverse(m.start)))?;
    let text = ctx.text;
    let name_at = m.group("name").or_else(|| {
        let (d, _) = m.group("date")?;
        let start = super::clause_before(text, d, 30, "，。；：！？“”\n");
        (start < d).then_some((start, d))
    });
    // 中共中央政治局10月25日进行第一次集体学习: an ordinal name takes the organisation
    // that stands before the date, when that clause is no person with a title.
    let name_at = name_at.map(|(a, b)| match m.group("date") {
        Some((d, _)) if text[a..b].starts_with('第') && d < a => {
            let start = super::clause_before(text, d, 30, "，。；：！？“”\n");
            let org = &text[start..d];
            let titled = ctx.rules.lexicon("title_head").find_in(org).is_some();
            if start < d && !titled {
                (start, b)
            } else {
                (a, b)
            }
        }
        _ => (a, b),
    });
    let name = name_at.map(|(a, b)| {
        let s = &text[a..b];
        // The organisation and the ordinal name, without what lies between (the date, 下午, 进行).
        match (m.group("date"), m.group("name")) {
            (Some((d, _)), Some((na, _))) if a < d && na > d => {
                format!("{}{}", ctx.slice(a, d).trim(), ctx.slice(na, b))
            }
            _ => ctx.original(s.trim()),
        }
    });
    let date = m
        .group_str(text, "date")
        .and_then(|d| full_date(d, doc_date));
    let place = m.group_str(text, "place").map(str::to_string);
    let (a, b) = name_at.unwrap_or((m.start, m.end));
    Some(Meeting {
        name,
        date,
        place,
        span: ctx.map.span(a, b),
        rule: ctx.rules.rules[m.rule].id.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::full_date;

    #[test]
    fn year_from_document() {
        assert_eq!(
            full_date("2月22日", Some("2019-02-24")).as_deref(),
            Some("2019-02-22")
        );
        assert_eq!(
            full_date("12月30日", Some("2023-01-02")).as_deref(),
            Some("2022-12-30")
        );
        assert_eq!(
            full_date("2021年5月1日", Some("2023-01-02")).as_deref(),
            Some("2021-05-01")
        );
        assert_eq!(full_date("5月1日", None), None);
    }
}
