//! Chinese and Arabic numerals in formulation labels (五 → 5, 两 → 2, 十四 → 14, 3 → 3).

fn digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Parses a numeral written in Arabic or Chinese digits, up to the thousands.
pub fn parse(s: &str) -> Option<u64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    if s.chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        let ascii: String = s
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    c
                } else {
                    char::from(b'0' + (c as u32 - '０' as u32) as u8)
                }
            })
            .collect();
        return ascii.parse().ok();
    }
    let mut total = 0u64;
    let mut current: Option<u64> = None;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            current = Some(current.unwrap_or(0) * 10 + d);
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            _ => return None,
        };
        total += current.unwrap_or(1) * unit;
        current = None;
    }
    Some(total + current.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn numerals() {
        for (s, n) in [
            ("五", 5),
            ("两", 2),
            ("十", 10),
            ("十四", 14),
            ("二十", 20),
            ("二十三", 23),
            ("3", 3),
            ("一百零八", 108),
            ("３", 3),
        ] {
            assert_eq!(parse(s), Some(n), "{s}");
        }
        assert_eq!(parse("个"), None);
        assert_eq!(parse(""), None);
    }
}
