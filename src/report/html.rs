//! Report, HTML: the PDF's accessible twin for publishing on the municipality's website
//! (DOS-lagen, WCAG 2.1 AA): one self-contained file with the document's language,
//! semantic headings, real table headers, and charts as inline SVG with a text
//! alternative. Rendered from the same blocks as the PDF ([`super::document`]).

use std::fmt::Write;

use super::document::{self, Block, Style, TCell};
use super::document::{describe, Point};
use super::Report;
use crate::fmt::{self as f, Lang};
use crate::indicators::Tone;

/// Renders the report as one HTML document.
pub fn render(report: &Report) -> String {
    render_document(&document::build(report))
}

/// Renders any document's blocks (a promise's report, the regional overview) as HTML.
pub fn render_document(doc: &document::Document) -> String {
    let lang = match doc.lang {
        Lang::Sv => "sv",
        Lang::En => "en",
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
        escape(&doc.title),
        // Headings, their rules and the focus outline in the organisation's colour.
        STYLE.replace(DEFAULT_ACCENT, &hex(doc.accent))
    );
    // The logo is decoration (alt=""): the organisation is named in the text below.
    if let Some((logo, format)) = doc
        .logo
        .as_ref()
        .and_then(|l| Some((l, super::logo_format(l)?)))
    {
        use base64::Engine;
        let data = base64::engine::general_purpose::STANDARD.encode(logo);
        let _ = writeln!(
            out,
            "<img class=\"logo\" src=\"data:{format};base64,{data}\" alt=\"\">"
        );
    }
    let linked = anchors(&doc.blocks);
    let mut counts = Counts {
        anchors: linked.clone(),
        linked,
        ..Counts::default()
    };
    for block in &doc.blocks {
        write_block(&mut out, block, doc.lang, &mut counts);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

const STYLE: &str = "body{font-family:'DejaVu Sans',Verdana,sans-serif;color:#1a1a1a;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}\
h1,h2{color:#004a8c}h2{border-bottom:2px solid #004a8c;padding-bottom:.2rem;margin-top:2.5rem}\
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.2rem;font-size:.85rem}\
th,td{border-bottom:1px solid #bfbfbf;padding:.3rem .4rem;text-align:left;vertical-align:top}\
thead th{background:#e6ebf2}td.num{text-align:right}\
.good{background:#c7f0cf}.warning{background:#ffeb9c}.bad{background:#ffc7ce}.neutral{background:#e8e8e8}\
.muted{color:#595959;font-size:.9rem}blockquote{margin:.5rem 0;font-style:italic}\
figure{margin:1rem 0}svg text{font-family:inherit}\
.scroll{overflow-x:auto;max-width:100%}.scroll:focus{outline:2px solid #004a8c}\
td,th{overflow-wrap:break-word}h1,h2,h3,h4,p{overflow-wrap:break-word;hyphens:auto}\
.logo{float:right;max-height:4rem;max-width:12rem;margin:0 0 1rem 1rem}.chart{overflow-x:auto}.chart svg{min-width:640px}.chart:focus{outline:2px solid #004a8c}\
@media (max-width:30rem){h1{font-size:1.5rem}h2{font-size:1.25rem}}\
@media (max-width:40rem){table.cards,table.cards tbody,table.cards tr,table.cards th,table.cards td{display:block}\
table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}\
table.cards tr{border:1px solid #bfbfbf;margin:0 0 .6rem;padding:.3rem .5rem}\
table.cards th,table.cards td{border:0;padding:.15rem 0}\
table.cards td::before{content:attr(data-label) \": \";font-weight:bold}}";

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Figures and tables so far, for their ids and names.
#[derive(Default)]
struct Counts {
    figures: usize,
    tables: usize,
    /// The id of each heading a register points to, by the heading's text: taken by the
    /// first heading of that text (`anchors`), linked to by the register (`linked`).
    anchors: std::collections::HashMap<String, String>,
    linked: std::collections::HashMap<String, String>,
}

/// Ids for the headings the document's registers point to (`avsnitt-1`, …), so that each
/// register row links to its section.
fn anchors(blocks: &[Block]) -> std::collections::HashMap<String, String> {
    let mut anchors = std::collections::HashMap::new();
    for block in blocks {
        if let Block::Index { targets, .. } = block {
            for target in targets {
                let next = format!("avsnitt-{}", anchors.len() + 1);
                anchors.entry(target.clone()).or_insert(next);
            }
        }
    }
    anchors
}

fn write_block(out: &mut String, block: &Block, lang: Lang, counts: &mut Counts) {
    match block {
        Block::Title(text) => {
            let _ = writeln!(out, "<h1>{}</h1>", escape(text));
        }
        Block::Heading { text, level } => {
            let h = (level + 1).min(6);
            // Only the first heading of a text takes its id: ids are unique.
            let id = counts
                .anchors
                .remove(text)
                .map_or(String::new(), |id| format!(" id=\"{id}\""));
            let _ = writeln!(out, "<h{h}{id}>{}</h{h}>", escape(text));
        }
        Block::Paragraph { text, style } => paragraph(out, text, style, lang),
        Block::Table {
            headers,
            rows,
            cards,
            ..
        } => {
            counts.tables += 1;
            table(out, headers, rows, lang, (counts.tables, *cards));
        }
        Block::Bars { title, points } => {
            counts.figures += 1;
            figure(
                out,
                title,
                &bars_svg(points, lang),
                &describe(points, lang, false),
                counts.figures,
            );
        }
        Block::Intervals {
            title,
            points,
            percent,
            joined,
        } => {
            counts.figures += 1;
            let svg = intervals_svg(points, *percent, *joined, lang);
            figure(
                out,
                title,
                &svg,
                &describe(points, lang, *percent),
                counts.figures,
            );
        }
        Block::Index {
            headers,
            rows,
            targets,
            ..
        } => {
            counts.tables += 1;
            let linked: Vec<Vec<TCell>> = rows
                .iter()
                .zip(targets)
                .map(|(row, target)| {
                    let mut row = row.clone();
                    if let (Some(first), Some(id)) = (row.first_mut(), counts.linked.get(target)) {
                        first.link = Some(format!("#{id}"));
                    }
                    row
                })
                .collect();
            table(out, headers, &linked, lang, (counts.tables, false));
        }
        Block::Space(_) | Block::KeepTogether(_) | Block::PageBreak => {}
    }
}

/// ` lang="sv"` for the catalog's own Swedish words in a report in another language.
fn swedish(catalog: bool, lang: Lang) -> &'static str {
    if catalog && lang != Lang::Sv {
        " lang=\"sv\""
    } else {
        ""
    }
}

fn paragraph(out: &mut String, text: &str, style: &Style, lang: Lang) {
    let body = if style.bold {
        format!("<strong>{}</strong>", escape(text))
    } else {
        escape(text)
    };
    if super::document::is_quote(text) {
        let sv = swedish(true, lang);
        let _ = writeln!(out, "<blockquote{sv}><p>{body}</p></blockquote>");
    } else if style.is_muted() {
        let _ = writeln!(out, "<p class=\"muted\">{body}</p>");
    } else {
        let _ = writeln!(out, "<p>{body}</p>");
    }
}

fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "good",
        Tone::Warning => "warning",
        Tone::Bad => "bad",
        Tone::Neutral => "neutral",
    }
}

/// A table with real column headers; the first column heads its row.
/// A table in a box of its own that scrolls sideways on a narrow screen, so the page
/// itself reflows at 320 px; the box is focusable and named for keyboard users.
/// A table in a named region that scrolls on its own. A card table (`cards`) becomes one
/// card per row on a narrow screen (see [`STYLE`]); its explicit roles keep it a table for
/// screen readers, which drop the table semantics of `display: block`.
fn table(
    out: &mut String,
    headers: &[String],
    rows: &[Vec<TCell>],
    lang: Lang,
    (n, cards): (usize, bool),
) {
    let role = |r: &str| {
        if cards {
            format!(" role=\"{r}\"")
        } else {
            String::new()
        }
    };
    // Every region needs a name of its own: the table's number and its columns.
    let _ = write!(
        out,
        "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{} {n}: {}\">\n<table{}{}>\n<thead{}><tr{}>",
        super::label(lang, "Tabell"),
        escape(&headers.join(", ")),
        if cards { " class=\"cards\"" } else { "" },
        role("table"),
        role("rowgroup"),
        role("row"),
    );
    for h in headers {
        let _ = write!(
            out,
            "<th scope=\"col\"{}>{}</th>",
            role("columnheader"),
            escape(h)
        );
    }
    let _ = write!(out, "</tr></thead>\n<tbody{}>\n", role("rowgroup"));
    for row in rows {
        let _ = write!(out, "<tr{}>", role("row"));
        for (i, cell) in row.iter().enumerate() {
            let class = match (cell.status, cell.right) {
                (Some(s), _) => format!(" class=\"{}\"", tone_class(s.tone())),
                (None, true) => " class=\"num\"".to_string(),
                (None, false) => String::new(),
            };
            let (tag, close, cell_role) = if i == 0 {
                ("th scope=\"row\"", "th", role("rowheader"))
            } else {
                ("td", "td", role("cell"))
            };
            // A card names each value by its column.
            let name = match headers.get(i) {
                Some(h) if cards => format!(" data-label=\"{}\"", escape(h)),
                _ => String::new(),
            };
            let sv = swedish(cell.catalog, lang);
            let text = match &cell.link {
                Some(href) => format!("<a href=\"{}\">{}</a>", escape(href), escape(&cell.text)),
                None => escape(&cell.text),
            };
            let _ = write!(out, "<{tag}{class}{cell_role}{name}{sv}>{text}</{close}>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

/// A chart: its SVG in a region that scrolls on its own, so that on a narrow screen the
/// chart keeps a size at which its text is readable (at least 12 px) instead of shrinking.
fn figure(out: &mut String, title: &str, svg: &str, description: &str, n: usize) {
    let _ = writeln!(
        out,
        "<figure>\n<div class=\"chart\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n<svg role=\"img\" aria-labelledby=\"fig{n}-title fig{n}-desc\" viewBox=\"0 0 640 290\" width=\"100%\">\n<title id=\"fig{n}-title\">{}</title>\n<desc id=\"fig{n}-desc\">{}</desc>\n{svg}</svg>\n</div>\n<figcaption>{}</figcaption>\n</figure>",
        escape(title),
        escape(title),
        escape(description),
        escape(title)
    );
}

/// The accent in [`STYLE`], replaced by the document's own.
const DEFAULT_ACCENT: &str = "#004a8c";

/// An RGB colour (0–1) as CSS hex.
fn hex((r, g, b): (f32, f32, f32)) -> String {
    let byte = |c: f32| (c.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{:02x}{:02x}{:02x}", byte(r), byte(g), byte(b))
}

/// Series colours, each at least 3:1 against white (WCAG 1.4.11 for graphics): 8,9, 5,4,
/// 5,1 and 5,1 to 1.
use super::SERIES_COLOURS as COLOURS;

fn axes(out: &mut String, max: f64, label: &dyn Fn(f64) -> String) {
    for i in 0..=4 {
        let y = 220.0 - 200.0 * f64::from(i) / 4.0;
        let _ = write!(
            out,
            "<line x1=\"60\" x2=\"630\" y1=\"{y}\" y2=\"{y}\" stroke=\"#ccc\"/><text x=\"55\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{}</text>",
            y + 4.0,
            escape(&label(max * f64::from(i) / 4.0))
        );
    }
}

fn legend(out: &mut String, names: &[&str]) {
    for (i, name) in names.iter().enumerate() {
        let x = 60 + (i as i32 % 2) * 290;
        let y = 256 + (i as i32 / 2) * 14;
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{y}\" font-size=\"12\">{}</text>",
            y - 9,
            COLOURS[i % COLOURS.len()],
            x + 14,
            escape(name)
        );
    }
}

fn bars_svg(points: &[Point], lang: Lang) -> String {
    let (xs, names) = (
        super::distinct(points.iter().map(|p| p.x.as_str())),
        super::distinct(points.iter().map(|p| p.series.as_str())),
    );
    let max = super::count_axis_max(points.iter().map(|p| p.value).fold(0.0, f64::max) * 1.1);
    let mut out = String::new();
    axes(&mut out, max, &|v| f::count(v, lang));
    let group = 570.0 / xs.len().max(1) as f64;
    let bar = (group * 0.7 / names.len().max(1) as f64).min(40.0);
    for (gi, x) in xs.iter().enumerate() {
        let left = 60.0 + gi as f64 * group + (group - bar * names.len() as f64) / 2.0;
        for (si, name) in names.iter().enumerate() {
            if let Some(p) = points.iter().find(|p| p.x == *x && p.series == *name) {
                let h = p.value / max * 200.0;
                let _ = write!(
                    out,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{}\"/>",
                    left + si as f64 * bar,
                    220.0 - h,
                    bar - 2.0,
                    COLOURS[si % COLOURS.len()]
                );
            }
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"234\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
            60.0 + (gi as f64 + 0.5) * group,
            escape(x)
        );
    }
    legend(&mut out, &names);
    out
}

fn intervals_svg(points: &[Point], percent: bool, joined: bool, lang: Lang) -> String {
    let (xs, names) = (
        super::distinct(points.iter().map(|p| p.x.as_str())),
        super::distinct(points.iter().map(|p| p.series.as_str())),
    );
    let hi = points
        .iter()
        .map(|p| p.interval.map_or(p.value, |i| i.1))
        .fold(0.0, f64::max);
    let max = if percent {
        super::axis_max(hi * 1.1).min(1.0)
    } else {
        super::axis_max(hi * 1.1)
    };
    let mut out = String::new();
    let label = |v: f64| {
        if percent {
            format!("{} %", f::number(v * 100.0, 0, lang))
        } else {
            f::number(v, 1, lang)
        }
    };
    axes(&mut out, max, &label);
    let step = 570.0 / xs.len().max(1) as f64;
    let y_of = |v: f64| 220.0 - (v / max).clamp(0.0, 1.0) * 200.0;
    for (si, name) in names.iter().enumerate() {
        let colour = COLOURS[si % COLOURS.len()];
        let mut line = Vec::new();
        for (xi, x) in xs.iter().enumerate() {
            let Some(p) = points.iter().find(|p| p.x == *x && p.series == *name) else {
                continue;
            };
            let cx = 60.0 + step * (xi as f64 + 0.5) + si as f64 * 6.0;
            if let Some((lo, hi)) = p.interval {
                let _ = write!(out, "<line x1=\"{cx:.1}\" x2=\"{cx:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"2\"/>", y_of(lo), y_of(hi));
            }
            let _ = write!(
                out,
                "<circle cx=\"{cx:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{colour}\"/>",
                y_of(p.value)
            );
            line.push(format!("{cx:.1},{:.1}", y_of(p.value)));
        }
        if joined {
            let _ = write!(
                out,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\"/>",
                line.join(" ")
            );
        }
    }
    for (xi, x) in xs.iter().enumerate() {
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"234\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
            60.0 + step * (xi as f64 + 0.5),
            escape(x)
        );
    }
    legend(&mut out, &names);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
    }

    #[test]
    fn chart_description_lists_every_point_with_its_interval() {
        let points = vec![Point {
            series: "Förtroende".into(),
            x: "2017".into(),
            value: 0.484,
            interval: Some((0.405, 0.564)),
        }];
        assert_eq!(
            describe(&points, Lang::Sv, true),
            "Förtroende, 2017: 48,4\u{a0}% (40,5\u{a0}%–56,4\u{a0}%)"
        );
    }
}
