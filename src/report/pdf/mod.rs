//! Report, PDF: the council report (printpdf), A4, with an embedded font, drawn from the
//! report's blocks ([`super::document`]).

mod archive;
mod charts;
mod kept;
mod layout;
mod tags;
mod write;

use chrono::Datelike;
use layout::Layout;

use super::document::{self, Block, TCell};
use super::{label, Report};

/// What a PDF says about itself besides its text (its document properties).
pub struct Meta {
    pub author: String,
    pub subject: String,
    /// The creation date: the data date, never the clock (identical files run to run).
    pub stamp: chrono::NaiveDate,
}

/// Renders the report to PDF bytes.
pub fn render(report: &Report) -> anyhow::Result<Vec<u8>> {
    let meta = Meta {
        author: report.catalog.parties.join(", "),
        subject: format!(
            "{}, {}",
            label(report.lang, "Uppföljning av medborgarlöfte"),
            report.catalog.area
        ),
        stamp: report.stamp,
    };
    render_document(&document::build(report), &meta)
}

/// Renders any document's blocks (a promise's report, the regional overview) to PDF bytes.
pub fn render_document(doc: &document::Document, meta: &Meta) -> anyhow::Result<Vec<u8>> {
    let (pdf, tags, date) = laid_out(doc, meta)?;
    archive::finish(pdf, &facts(doc, meta, &date), &tags)
}

/// The document's facts for the archive's metadata.
fn facts<'a>(doc: &'a document::Document, meta: &'a Meta, date: &'a str) -> archive::Facts<'a> {
    archive::Facts {
        title: &doc.title,
        author: &meta.author,
        subject: &meta.subject,
        date,
        lang: doc.lang.tag(),
    }
}

/// The document laid out on pages: printpdf's document as lopdf's, its structure, and its
/// date as the metadata gives it.
fn laid_out(
    doc: &document::Document,
    meta: &Meta,
) -> anyhow::Result<(lopdf::Document, tags::Tags, String)> {
    let mut l = Layout::new(&doc.title, &doc.chars())?;
    l.accent = doc.accent;
    if let Some(logo) = &doc.logo {
        l.logo(logo)?;
    }
    set_metadata(&mut l, meta, &doc.title);
    if doc.lang != crate::fmt::Lang::Sv {
        l.catalog_lang = Some(crate::fmt::Lang::Sv.tag());
    }
    for block in &doc.blocks {
        draw(&mut l, block, doc.lang);
    }
    let (pdf, tags) = l.finish(
        &doc.footer,
        (label(doc.lang, "Sida"), label(doc.lang, "av")),
    );
    let date = format!("{}T00:00:00Z", meta.stamp.format("%Y-%m-%d"));
    Ok((pdf, tags, date))
}

/// A finished report document of every kind of block (title, headings, text, a table
/// across pages, charts), before it is written: for the writer's tests.
#[cfg(test)]
fn sample_document_for_tests() -> lopdf::Document {
    use document::{Point, Style, TCell};
    let style = Style {
        size: 10.0,
        bold: false,
        rgb: document::BLACK,
    };
    let points: Vec<Point> = (2014..2018)
        .map(|y| Point {
            series: "Trygghet – Åby".into(),
            x: y.to_string(),
            value: 0.4 + f64::from(y - 2014) / 20.0,
            interval: Some((0.35, 0.6)),
        })
        .collect();
    let rows = (0..80)
        .map(|i| {
            vec![
                TCell::new(format!("Rad {i} (öppen")),
                TCell::right(format!("{i},5")),
            ]
        })
        .collect();
    let doc = document::Document::new(
        "Medborgarlöfte – Åby".into(),
        crate::fmt::Lang::Sv,
        vec![
            Block::Title("Medborgarlöfte – Åby".into()),
            Block::Heading {
                text: "Löften ✓".into(),
                level: 2,
            },
            Block::Paragraph {
                text: "”Polisen ska synas.” \\ (parentes".into(),
                style,
            },
            Block::Table {
                headers: vec!["Id".into(), "Värde".into()],
                widths: vec![100.0, 70.0],
                rows,
                size: 9.0,
                cards: false,
            },
            Block::Bars {
                title: "Brott per tertial".into(),
                points: points.clone(),
            },
            Block::Intervals {
                title: "Andel trygga".into(),
                points,
                percent: true,
                joined: true,
            },
        ],
    );
    let meta = Meta {
        author: "Polisen, Kommunen".into(),
        subject: "Uppföljning".into(),
        stamp: chrono::NaiveDate::from_ymd_opt(2017, 8, 31).unwrap_or_default(),
    };
    let (pdf, tags, date) = laid_out(&doc, &meta).expect("laid out");
    archive::archived(pdf, &facts(&doc, &meta, &date), &tags).expect("archived")
}

fn draw(l: &mut Layout, block: &Block, lang: crate::fmt::Lang) {
    match block {
        Block::Title(text) => l.title(text),
        Block::Heading { text, level } => l.heading(text, *level),
        Block::Paragraph { text, style } if document::is_quote(text) => {
            l.quote(text, style.size, style.bold, style.rgb)
        }
        Block::Paragraph { text, style } => l.paragraph(text, style.size, style.bold, style.rgb),
        Block::Table {
            headers,
            widths,
            rows,
            size,
            ..
        } => {
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            l.table(&headers, widths, rows, *size);
        }
        Block::Bars { title, points } => {
            l.figure(alt(title, points, false, lang), |l| {
                charts::bars(l, title, points, lang)
            });
        }
        Block::Intervals {
            title,
            points,
            percent,
            joined,
        } => {
            l.figure(alt(title, points, *percent, lang), |l| {
                charts::intervals(l, title, points, *percent, *joined, lang)
            });
        }
        Block::Index {
            headers,
            page_header,
            widths,
            rows,
            targets,
            size,
        } => {
            let headers: Vec<&str> = headers
                .iter()
                .map(String::as_str)
                .chain([page_header.as_str()])
                .collect();
            let rows: Vec<Vec<TCell>> = rows
                .iter()
                .zip(targets)
                .map(|(row, target)| {
                    let page = l.page_of(target).map_or("–".to_string(), |p| p.to_string());
                    row.iter().cloned().chain([TCell::right(page)]).collect()
                })
                .collect();
            l.table(&headers, widths, &rows, *size);
        }
        Block::Space(mm) => l.y += mm,
        Block::KeepTogether(mm) => l.ensure(*mm),
        Block::PageBreak => l.new_page(),
    }
}

/// A chart's alternative text: its title and every value, as the HTML twin's description.
fn alt(title: &str, points: &[document::Point], percent: bool, lang: crate::fmt::Lang) -> String {
    format!("{title}: {}", document::describe(points, lang, percent))
}

fn set_metadata(l: &mut Layout, meta: &Meta, title: &str) {
    let stamp = meta.stamp;
    let date = printpdf::DateTime {
        date: printpdf::Date {
            year: stamp.year(),
            month: stamp.month() as u8,
            day: stamp.day() as u8,
        },
        time: printpdf::Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    };
    let info = l.metadata();
    info.document_title = title.to_string();
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.creator = "lofte".into();
    info.producer = "lofte".into();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    // PDF/A-2b for the archive, made in archive.rs: the XMP metadata and an sRGB output
    // intent. printpdf's PDF/A conformance would add its own XMP and a 0.5 MB CMYK print
    // profile, both replaced there, so it is told to add neither.
    info.conformance = printpdf::PdfConformance::Custom(printpdf::CustomPdfConformance {
        identifier: "PDF/A-2b".into(),
        requires_icc_profile: false,
        requires_xmp_metadata: false,
        ..Default::default()
    });
}
