//! A small SVG line chart for `stats --plot`: one line per label over the
//! periods, with axes, tick labels and a legend. Text is written as SVG
//! `<text>` in the viewer's fonts, so Chinese labels need no font files here.

use std::collections::BTreeMap;
use std::fmt::Write;

const W: f64 = 960.0;
const H: f64 = 540.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 220.0;
const TOP: f64 = 50.0;
const BOTTOM: f64 = 70.0;
const COLOURS: [&str; 10] = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A round step for about `n` ticks up to `max`.
fn step(max: f64, n: f64) -> f64 {
    let raw = (max / n).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
}

/// Draws `series` (label → period → count) over `periods`.
pub fn line_chart(
    title: &str,
    periods: &[String],
    series: &[(String, BTreeMap<String, usize>)],
) -> String {
    let max = series
        .iter()
        .flat_map(|(_, s)| s.values())
        .copied()
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let ystep = step(max, 5.0);
    let ymax = (max / ystep).ceil() * ystep;
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let x = |i: usize| {
        if periods.len() <= 1 {
            LEFT + pw / 2.0
        } else {
            LEFT + pw * i as f64 / (periods.len() - 1) as f64
        }
    };
    let y = |v: f64| TOP + ph - ph * v / ymax;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, PingFang SC, Hiragino Sans GB, Microsoft YaHei, SimHei, sans-serif" font-size="13">"#
    );
    let _ = writeln!(s, r#"<rect width="{W}" height="{H}" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text class="title" x="{}" y="28" font-size="17" text-anchor="middle">{}</text>"#,
        LEFT + pw / 2.0,
        esc(title)
    );
    // Axes and grid.
    let _ = writeln!(
        s,
        r##"<g class="axes" stroke="#333"><line x1="{LEFT}" y1="{}" x2="{}" y2="{}"/><line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{}"/></g>"##,
        TOP + ph,
        LEFT + pw,
        TOP + ph,
        TOP + ph
    );
    let mut v = 0.0;
    while v <= ymax + 1e-9 {
        let yy = y(v);
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{yy:.1}" x2="{}" y2="{yy:.1}" stroke="#ddd"/><text class="ytick" x="{}" y="{:.1}" text-anchor="end">{v}</text>"##,
            LEFT + pw,
            LEFT - 8.0,
            yy + 4.0
        );
        v += ystep;
    }
    // At most about 12 labels, evenly spaced and counted from the last, so
    // the last period is named and no two labels crowd each other.
    let every = periods.len().div_ceil(12).max(1);
    let n = periods.len();
    for (i, p) in periods
        .iter()
        .enumerate()
        .filter(|(i, _)| (n - 1 - i).is_multiple_of(every))
    {
        let _ = writeln!(
            s,
            r#"<text class="xtick" x="{:.1}" y="{}" text-anchor="end" transform="rotate(-40 {:.1} {})">{}</text>"#,
            x(i),
            TOP + ph + 18.0,
            x(i),
            TOP + ph + 18.0,
            esc(p)
        );
    }
    let _ = writeln!(
        s,
        r#"<text class="axis-label" x="{}" y="{}" text-anchor="middle">period</text>"#,
        LEFT + pw / 2.0,
        H - 8.0
    );
    let _ = writeln!(
        s,
        r#"<text class="axis-label" x="18" y="{}" text-anchor="middle" transform="rotate(-90 18 {})">documents</text>"#,
        TOP + ph / 2.0,
        TOP + ph / 2.0
    );
    // Series and legend.
    for (k, (label, data)) in series.iter().enumerate() {
        let c = COLOURS[k % COLOURS.len()];
        let pts: Vec<String> = periods
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(*data.get(p).unwrap_or(&0) as f64)))
            .collect();
        let _ = writeln!(
            s,
            r#"<polyline class="series" data-label="{}" fill="none" stroke="{c}" stroke-width="2" points="{}"/>"#,
            esc(label),
            pts.join(" ")
        );
        let ly = TOP + 10.0 + 22.0 * k as f64;
        let lx = W - RIGHT + 20.0;
        let _ = writeln!(
            s,
            r#"<g class="legend"><rect x="{lx}" y="{}" width="14" height="14" fill="{c}"/><text x="{}" y="{}">{}</text></g>"#,
            ly - 11.0,
            lx + 20.0,
            ly,
            esc(label)
        );
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_polyline_per_label() {
        let periods = vec!["2022".to_string(), "2023".to_string()];
        let mut a = BTreeMap::new();
        a.insert("2022".to_string(), 3);
        let svg = line_chart(
            "t",
            &periods,
            &[
                ("两个确立".into(), a),
                ("四个<意识>".into(), BTreeMap::new()),
            ],
        );
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(svg.contains(r#"data-label="两个确立""#));
        assert!(svg.contains("四个&lt;意识&gt;"));
        assert_eq!(step(47.0, 5.0), 10.0);
    }
}
