//! Report, Excel: the follow-up workbook the analyst checks and keeps working in
//! (rust_xlsxwriter). Every number comes from the same [`crate::indicators::Results`] as
//! the PDF and `indicators.csv`.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, Table, TableColumn, Workbook,
    Worksheet, XlsxError,
};

use super::Report;
use crate::indicators::{IndicatorValue, Status, Tone};
use crate::ingest::Disposition;

/// One value to put in a cell.
enum Cell {
    Text(String),
    Number(f64, Num),
    Date(chrono::NaiveDate),
    Status(Status),
    Empty,
}

/// Number formats by meaning.
#[derive(Clone, Copy)]
enum Num {
    Count,
    Decimal1,
    Decimal2,
    Percent,
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt(v: Option<f64>, n: Num) -> Cell {
    v.map_or(Cell::Empty, |x| Cell::Number(x, n))
}

fn num_format(unit: &str) -> Num {
    match unit {
        "andel" => Num::Percent,
        "index" => Num::Decimal2,
        "timmar" => Num::Decimal1,
        _ => Num::Count,
    }
}

struct Formats {
    title: Format,
    date: Format,
    count: Format,
    dec1: Format,
    dec2: Format,
    percent: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Self {
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            date: Format::new()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Left),
            count: Format::new().set_num_format("#,##0"),
            dec1: Format::new().set_num_format("#,##0.0"),
            dec2: Format::new().set_num_format("0.00"),
            percent: Format::new().set_num_format("0.0%"),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }

    fn number(&self, n: Num) -> &Format {
        match n {
            Num::Count => &self.count,
            Num::Decimal1 => &self.dec1,
            Num::Decimal2 => &self.dec2,
            Num::Percent => &self.percent,
        }
    }
}

fn status_format(status: Status) -> Format {
    let (fill, font) = match status.tone() {
        Tone::Good => (0xC6EFCE, 0x006100),
        Tone::Warning => (0xFFEB9C, 0x9C5700),
        Tone::Bad => (0xFFC7CE, 0x9C0006),
        Tone::Neutral => (0xE7E6E6, 0x3A3A3A),
    };
    Format::new()
        .set_background_color(Color::RGB(fill))
        .set_font_color(Color::RGB(font))
}

fn excel_date(d: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// Writes a table with headers, filter buttons and a frozen header row at `top`.
fn write_table(
    ws: &mut Worksheet,
    f: &Formats,
    top: u32,
    headers: &[&str],
    widths: &[f64],
    rows: &[Vec<Cell>],
) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(top + 1, 0)?;
    for (i, row) in rows.iter().enumerate() {
        let r = top + 1 + i as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) if s.len() > 60 => {
                    ws.write_string_with_format(r, c, s, &f.wrap).map(|_| ())?
                }
                Cell::Text(s) => ws.write_string(r, c, s).map(|_| ())?,
                Cell::Number(x, n) => ws
                    .write_number_with_format(r, c, *x, f.number(*n))
                    .map(|_| ())?,
                Cell::Date(d) => ws
                    .write_datetime_with_format(r, c, excel_date(*d)?, &f.date)
                    .map(|_| ())?,
                Cell::Status(s) => ws
                    .write_string_with_format(
                        r,
                        c,
                        format!("{} {}", s.symbol(), s.word_sv()),
                        &status_format(*s),
                    )
                    .map(|_| ())?,
                Cell::Empty => {}
            }
        }
    }
    let columns: Vec<TableColumn> = headers
        .iter()
        .map(|h| TableColumn::new().set_header(*h))
        .collect();
    let last_row = top + rows.len().max(1) as u32;
    ws.add_table(
        top,
        0,
        last_row,
        headers.len() as u16 - 1,
        &Table::new().set_columns(&columns),
    )?;
    Ok(())
}

/// Renders the workbook to bytes.
pub fn render(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_title(format!(
            "{} – uppföljning {}",
            report.catalog.title, report.results.period
        ))
        .set_subject(format!(
            "Uppföljning av medborgarlöfte, {}",
            report.catalog.area
        ))
        .set_author(report.catalog.parties.join(", "))
        .set_creation_datetime(&excel_date(report.stamp)?);
    wb.set_properties(&props);
    let f = Formats::new();
    summary(wb.add_worksheet(), &f, report)?;
    details(wb.add_worksheet(), &f, report)?;
    notes(wb.add_worksheet(), &f, report)?;
    data_quality(wb.add_worksheet(), &f, report)?;
    sources(wb.add_worksheet(), &f, report)?;
    method(wb.add_worksheet(), &f)?;
    wb.save_to_buffer()
}

fn summary(ws: &mut Worksheet, f: &Formats, report: &Report) -> Result<(), XlsxError> {
    ws.set_name("Sammanfattning")?;
    let r = report.results;
    ws.write_string_with_format(0, 0, &report.catalog.title, &f.title)?;
    ws.write_string(
        1,
        0,
        format!(
            "{} · {} · period {}",
            report.catalog.area,
            report.catalog.parties.join(" och "),
            r.period
        ),
    )?;
    ws.write_string(
        2,
        0,
        match r.data_date {
            Some(d) if r.in_progress() => format!("Data t.o.m. {d}; perioden pågår"),
            Some(d) => format!("Data t.o.m. {d}"),
            None => "Loggarna saknar data för perioden".to_string(),
        },
    )?;
    let mut rows: Vec<Vec<Cell>> = r
        .promises
        .iter()
        .map(|p| {
            vec![
                text(&p.id),
                text(&p.party),
                text(&p.text),
                text(&p.target),
                text(&p.result),
                Cell::Status(p.status),
                text(r.period.label()),
                p.data_date.map_or(Cell::Empty, Cell::Date),
            ]
        })
        .collect();
    rows.extend(r.outcomes.iter().map(|o| {
        vec![
            text(&o.id),
            text("Gemensamt"),
            text(&o.text),
            text(format!("Källa: {}", o.source)),
            text(o.sentences.join(" ")),
            Cell::Status(o.status),
            text(r.period.label()),
            o.data_date.map_or(Cell::Empty, Cell::Date),
        ]
    }));
    let headers = [
        "Id",
        "Ansvarig",
        "Löfte / utfall",
        "Mål",
        "Resultat",
        "Status",
        "Period",
        "Data t.o.m.",
    ];
    write_table(
        ws,
        f,
        4,
        &headers,
        &[6.0, 16.0, 60.0, 30.0, 70.0, 22.0, 10.0, 12.0],
        &rows,
    )
}

fn value_row(v: &IndicatorValue) -> Vec<Cell> {
    let n = num_format(&v.unit);
    let change_format = match n {
        Num::Count => Num::Decimal1,
        other => other,
    };
    vec![
        text(&v.subject),
        text(&v.indicator),
        text(&v.area),
        text(&v.place),
        text(&v.period),
        opt(v.value, n),
        opt(v.target, n),
        text(&v.unit),
        opt(v.n, Num::Count),
        opt(v.ci_low, n),
        opt(v.ci_high, n),
        opt(v.baseline, change_format),
        opt(v.change, change_format),
        opt(v.change_pct, Num::Percent),
        v.status.map_or(Cell::Empty, Cell::Status),
        v.data_date.map_or(Cell::Empty, Cell::Date),
        text(&v.note),
    ]
}

fn details(ws: &mut Worksheet, f: &Formats, report: &Report) -> Result<(), XlsxError> {
    ws.set_name("Detaljer")?;
    let rows: Vec<Vec<Cell>> = report.results.values().map(value_row).collect();
    let headers = [
        "Id",
        "Indikator",
        "Område",
        "Plats",
        "Period",
        "Värde",
        "Mål",
        "Enhet",
        "n",
        "KI undre",
        "KI övre",
        "Baslinje",
        "Förändring",
        "Förändring %",
        "Status",
        "Data t.o.m.",
        "Anmärkning",
    ];
    let widths = [
        6.0, 34.0, 16.0, 24.0, 14.0, 10.0, 8.0, 10.0, 7.0, 9.0, 9.0, 10.0, 11.0, 12.0, 22.0, 12.0,
        50.0,
    ];
    write_table(ws, f, 0, &headers, &widths, &rows)
}

fn notes(ws: &mut Worksheet, f: &Formats, report: &Report) -> Result<(), XlsxError> {
    ws.set_name("Lägesrapporter")?;
    let rows: Vec<Vec<Cell>> = report
        .results
        .promises
        .iter()
        .flat_map(|p| {
            p.notes.iter().map(|n| {
                let status = crate::indicators::status_of_note(n.status);
                vec![
                    text(&p.id),
                    Cell::Date(n.date),
                    Cell::Status(status),
                    text(&n.comment),
                ]
            })
        })
        .collect();
    write_table(
        ws,
        f,
        0,
        &["Id", "Datum", "Status", "Kommentar"],
        &[6.0, 12.0, 22.0, 100.0],
        &rows,
    )
}

fn data_quality(ws: &mut Worksheet, f: &Formats, report: &Report) -> Result<(), XlsxError> {
    ws.set_name("Datakvalitet")?;
    let disposition = |d: Disposition| match d {
        Disposition::Rejected => "avvisad",
        Disposition::Skipped => "överhoppad",
    };
    let mut rows: Vec<Vec<Cell>> = report
        .ingested
        .issues()
        .map(|i| {
            vec![
                text(&i.location.file),
                text(&i.location.sheet),
                Cell::Number(f64::from(i.location.row), Num::Count),
                text(i.location.column.clone().unwrap_or_default()),
                text(&i.value),
                text(disposition(i.disposition)),
                text(&i.reason),
            ]
        })
        .collect();
    // Reasons with more rows than are listed one by one get a row with the rest's count.
    let limit = crate::ingest::LISTED_PER_REASON;
    for (file, sheet) in report.ingested.sheets() {
        for r in sheet.reasons.iter().filter(|r| r.rows > limit) {
            rows.push(vec![
                text(&file.file),
                text(&sheet.sheet),
                Cell::Number(f64::from(r.last_row), Num::Count),
                Cell::Empty,
                text(format!(
                    "{} rader till (rad {}–{})",
                    r.rows - limit,
                    r.first_row,
                    r.last_row
                )),
                text(disposition(r.disposition)),
                text(&r.reason),
            ]);
        }
    }
    let headers = ["Fil", "Blad", "Rad", "Kolumn", "Värde", "Utfall", "Orsak"];
    write_table(
        ws,
        f,
        0,
        &headers,
        &[34.0, 18.0, 7.0, 8.0, 30.0, 12.0, 70.0],
        &rows,
    )
}

fn sources(ws: &mut Worksheet, f: &Formats, report: &Report) -> Result<(), XlsxError> {
    ws.set_name("Källor")?;
    let mut rows = Vec::new();
    for file in &report.ingested.files {
        if let Some(e) = &file.error {
            rows.push(vec![
                text(&file.file),
                text(&file.sha256),
                Cell::Number(file.size as f64, Num::Count),
                Cell::Empty,
                text("FEL"),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                text(e),
            ]);
        }
        for s in &file.sheets {
            rows.push(vec![
                text(&file.file),
                text(&file.sha256),
                Cell::Number(file.size as f64, Num::Count),
                text(&s.sheet),
                text(s.kind.map_or("okänd", |k| k.name_sv())),
                opt(s.header_row.map(f64::from), Num::Count),
                Cell::Number(s.read as f64, Num::Count),
                Cell::Number(s.used as f64, Num::Count),
                Cell::Number(s.rejected as f64, Num::Count),
                Cell::Number(s.skipped as f64, Num::Count),
                s.first_date.map_or(Cell::Empty, Cell::Date),
                s.last_date.map_or(Cell::Empty, Cell::Date),
                text(s.note.clone().unwrap_or_default()),
            ]);
        }
    }
    let headers = [
        "Fil",
        "SHA-256",
        "Byte",
        "Blad",
        "Typ",
        "Rubrikrad",
        "Lästa",
        "Använda",
        "Avvisade",
        "Överhoppade",
        "Från",
        "Till",
        "Anmärkning",
    ];
    write_table(
        ws,
        f,
        0,
        &headers,
        &[
            34.0, 20.0, 9.0, 18.0, 30.0, 10.0, 8.0, 9.0, 9.0, 12.0, 12.0, 12.0, 60.0,
        ],
        &rows,
    )
}

fn method(ws: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("Metod")?;
    let rows: Vec<Vec<Cell>> = super::METHOD
        .iter()
        .map(|(k, v)| vec![text(*k), text(*v)])
        .collect();
    write_table(ws, f, 0, &["Begrepp", "Definition"], &[28.0, 110.0], &rows)
}
