//! Report, PDF charts: grouped bars (crime per tertial against baseline) and points with
//! interval whiskers (survey indicators over the years), drawn with plain PDF operations.

use super::layout::{Layout, BLACK, GREY, LEFT, RIGHT, RULE};
use crate::fmt::{self, Lang};
use crate::report::document::Point;

/// The HTML twin's series colours (#004a8c, #5f6b7a, #a85a00, #2e7d32), each at least 3:1
/// against white.
const PALETTE: [(f32, f32, f32); 4] = [
    (0.0, 0.29, 0.55),
    (0.373, 0.42, 0.478),
    (0.659, 0.353, 0.0),
    (0.18, 0.49, 0.196),
];

/// Draws the y axis with four gridlines and returns the plot's (left, width).
fn axes(
    l: &mut Layout,
    top: f32,
    height: f32,
    max: f64,
    label: &dyn Fn(f64) -> String,
) -> (f32, f32) {
    let left = LEFT + 14.0;
    let width = RIGHT - left;
    for i in 0..=4 {
        let v = max * f64::from(i) / 4.0;
        let y = top + height - height * i as f32 / 4.0;
        l.rule(left, y, RIGHT, y, RULE, 0.3);
        let text = label(v);
        let w = l.width(&text, 7.0, false);
        l.text_at(left - 1.5 - w, y - 1.3, &text, 7.0, false, GREY);
    }
    (left, width)
}

/// Colour keys under the plot, wrapping to a new line at the right margin; returns the
/// height used.
fn legend(l: &mut Layout, names: &[String], y: f32) -> f32 {
    let start = LEFT + 14.0;
    let (mut x, mut y_line) = (start, y);
    for (i, name) in names.iter().enumerate() {
        let w = 8.0 + l.width(name, 7.5, false);
        if x + w > RIGHT && x > start {
            x = start;
            y_line += 4.5;
        }
        l.rect(x, y_line + 0.6, 3.0, 3.0, PALETTE[i % PALETTE.len()]);
        l.text_at(x + 4.0, y_line, name, 7.5, false, BLACK);
        x += w;
    }
    y_line - y + 4.5
}

/// Starts a chart: its series and categories in first-seen order, and the title, kept on
/// one page with the plot. Returns the plot's top, or nothing for a chart without points.
fn start(
    l: &mut Layout,
    title: &str,
    points: &[Point],
    height: f32,
) -> Option<(Vec<String>, Vec<String>, f32)> {
    let names = crate::report::distinct(points.iter().map(|p| p.series.clone()));
    let xs = crate::report::distinct(points.iter().map(|p| p.x.clone()));
    if xs.is_empty() {
        return None;
    }
    l.ensure(height + 22.0);
    l.caption(title);
    Some((names, xs, l.y + 2.0))
}

/// Grouped bars: one group per x label, one bar per series, value written above each bar.
pub fn bars(l: &mut Layout, title: &str, points: &[Point], lang: Lang) {
    let height = 42.0;
    let Some((names, xs, top)) = start(l, title, points, height) else {
        return;
    };
    let max =
        crate::report::count_axis_max(points.iter().map(|p| p.value).fold(0.0, f64::max) * 1.1);
    let (left, width) = axes(l, top, height, max, &|v| fmt::count(v, lang));
    let group_w = width / xs.len() as f32;
    let bar_w = (group_w * 0.7 / names.len() as f32).min(14.0);
    for (gi, x) in xs.iter().enumerate() {
        let gx = left + gi as f32 * group_w + (group_w - bar_w * names.len() as f32) / 2.0;
        for (si, name) in names.iter().enumerate() {
            let Some(p) = points.iter().find(|p| &p.x == x && &p.series == name) else {
                continue;
            };
            let h = (p.value / max) as f32 * height;
            let bx = gx + si as f32 * bar_w;
            l.rect(
                bx + 0.4,
                top + height - h,
                bar_w - 0.8,
                h,
                PALETTE[si % PALETTE.len()],
            );
            let label = fmt::number(p.value, if p.value.fract() == 0.0 { 0 } else { 1 }, lang);
            let w = l.width(&label, 6.5, false);
            l.text_at(
                bx + (bar_w - w) / 2.0,
                top + height - h - 3.2,
                &label,
                6.5,
                false,
                BLACK,
            );
        }
        let w = l.width(x, 7.5, false);
        l.text_at(
            left + gi as f32 * group_w + (group_w - w) / 2.0,
            top + height + 1.2,
            x,
            7.5,
            false,
            BLACK,
        );
    }
    let used = legend(l, &names, top + height + 6.0);
    l.y = top + height + 8.5 + used;
}

/// Draws the value labels of each x position in a column right of its points, top to
/// bottom in the order of the points, each at least a line below the one above: labels of
/// series with close values never print over each other.
fn place_labels(l: &mut Layout, labels: &mut [(usize, f32, f32, String)]) {
    const LINE: f32 = 2.8;
    labels.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.total_cmp(&b.2)));
    let mut i = 0;
    while i < labels.len() {
        let group: Vec<&(usize, f32, f32, String)> = labels[i..]
            .iter()
            .take_while(|g| g.0 == labels[i].0)
            .collect();
        let x = group.iter().map(|g| g.1).fold(f32::MIN, f32::max) + 2.0;
        let mut next_free = f32::MIN;
        for (_, _, cy, text) in &group {
            let y = (cy - 1.3).max(next_free);
            l.text_at(x, y, text, 6.5, false, BLACK);
            next_free = y + LINE;
        }
        i += group.len();
    }
}

/// Points with 95 % interval whiskers per series over the x labels (years).
pub fn intervals(
    l: &mut Layout,
    title: &str,
    points: &[Point],
    as_percent: bool,
    joined: bool,
    lang: Lang,
) {
    let height = 40.0;
    let Some((names, xs, top)) = start(l, title, points, height) else {
        return;
    };
    let hi = points
        .iter()
        .map(|p| p.interval.map_or(p.value, |i| i.1))
        .fold(0.0, f64::max);
    let max = if as_percent {
        crate::report::axis_max(hi * 1.1).min(1.0)
    } else {
        crate::report::axis_max(hi * 1.1)
    };
    let decimals = if max / 4.0 < 1.0 { 1 } else { 0 };
    let label = move |v: f64| {
        if as_percent {
            format!("{} %", fmt::number(v * 100.0, 0, lang))
        } else {
            fmt::number(v, decimals, lang)
        }
    };
    let (left, width) = axes(l, top, height, max, &label);
    let step = width / xs.len() as f32;
    let y_of = |v: f64| top + height - (v / max).clamp(0.0, 1.0) as f32 * height;
    // Value labels, placed after all points are drawn: (x index, point x, point y, text).
    let mut labels: Vec<(usize, f32, f32, String)> = vec![];
    for (si, name) in names.iter().enumerate() {
        let colour = PALETTE[si % PALETTE.len()];
        let offset = (si as f32 - (names.len() as f32 - 1.0) / 2.0) * 3.0;
        let mut previous: Option<(f32, f32)> = None;
        for (xi, x) in xs.iter().enumerate() {
            let Some(p) = points.iter().find(|p| &p.x == x && &p.series == name) else {
                continue;
            };
            let cx = left + step * (xi as f32 + 0.5) + offset;
            let cy = y_of(p.value);
            if let Some((lo, hi)) = p.interval {
                l.rule(cx, y_of(lo), cx, y_of(hi), colour, 0.8);
                l.rule(cx - 1.0, y_of(lo), cx + 1.0, y_of(lo), colour, 0.8);
                l.rule(cx - 1.0, y_of(hi), cx + 1.0, y_of(hi), colour, 0.8);
            }
            if let Some((px, py)) = previous.filter(|_| joined) {
                l.rule(px, py, cx, cy, colour, 0.5);
            }
            l.rect(cx - 1.2, cy - 1.2, 2.4, 2.4, colour);
            let text = if as_percent {
                fmt::percent(p.value, lang)
            } else {
                fmt::number(p.value, 2, lang)
            };
            labels.push((xi, cx, cy, text));
            previous = Some((cx, cy));
        }
    }
    place_labels(l, &mut labels);
    for (xi, x) in xs.iter().enumerate() {
        let w = l.width(x, 7.5, false);
        l.text_at(
            left + step * (xi as f32 + 0.5) - w / 2.0,
            top + height + 1.2,
            x,
            7.5,
            false,
            BLACK,
        );
    }
    let used = legend(l, &names, top + height + 6.0);
    l.y = top + height + 8.5 + used;
}
