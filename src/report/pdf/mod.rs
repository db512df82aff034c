//! Report, PDF: the council report (printpdf), A4, with an embedded font, drawn from the
//! report's blocks ([`super::document`]).

mod archive;
mod charts;
mod layout;
mod tags;

use chrono::Datelike;
use layout::Layout;

use super::document::{self, Block};
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
    let mut l = Layout::new(&doc.title, &doc.chars())?;
    set_metadata(&mut l, meta, &doc.title);
    if doc.lang != crate::fmt::Lang::Sv {
        l.catalog_lang = Some(crate::fmt::Lang::Sv.tag());
    }
    for block in &doc.blocks {
        draw(&mut l, block, doc.lang);
    }
    let (pdf, tags) = l.finish(&doc.title, (label(doc.lang, "Sida"), label(doc.lang, "av")));
    let date = format!("{}T00:00:00Z", meta.stamp.format("%Y-%m-%d"));
    let facts = archive::Facts {
        title: &doc.title,
        author: &meta.author,
        subject: &meta.subject,
        date: &date,
        lang: doc.lang.tag(),
    };
    archive::finish(pdf, &facts, &tags)
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
