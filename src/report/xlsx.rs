//! Report, Excel: the follow-up workbook the analyst checks and keeps working in
//! (rust_xlsxwriter). Every number comes from the same [`crate::indicators::Results`] as
//! the PDF and `indicators.csv`.

use super::document::Point;
use super::words::{notes as say_notes, say};
use crate::indicators::SeriesPoint;
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLine, ChartSolidFill, ChartType, Color, ConditionalFormatText,
    ConditionalFormatTextRule, DocProperties, ExcelDateTime, Format, FormatAlign, Image,
    ObjectMovement, Table, TableColumn, Workbook, Worksheet, XlsxError,
};

use super::{label, Report};
use crate::catalog::{Measure, OutcomeMeasure};
use crate::fmt::Lang;
use crate::indicators::{IndicatorValue, OutcomeResult, Status, Tone};
use crate::ingest::Disposition;

/// One value to put in a cell.
#[derive(Clone)]
enum Cell {
    Text(String),
    Number(f64, Num),
    Date(chrono::NaiveDate),
    Status(Status),
    Empty,
}

/// Number formats by meaning.
#[derive(Clone, Copy, PartialEq)]
enum Num {
    Count,
    Decimal1,
    Decimal2,
    Decimal3,
    Percent,
    /// A change in a share, in percentage points (the value is ×100).
    Points,
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// Excel holds at most 32 767 characters in a cell: a longer text (a status note pasted
/// from a document) is cut with a visible "…" instead of failing the whole workbook.
fn fit_cell(s: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 32_767;
    if s.chars().count() <= MAX {
        return s.into();
    }
    let mut cut: String = s.chars().take(MAX - 1).collect();
    cut.push('…');
    cut.into()
}

fn opt(v: Option<f64>, n: Num) -> Cell {
    v.map_or(Cell::Empty, |x| Cell::Number(x, n))
}

/// A change: in percentage points when the value is a share (0.073 → "+7,3 p.e."), else in
/// the value's own format.
fn change(v: Option<f64>, unit_format: Num) -> Cell {
    match unit_format {
        Num::Percent => opt(v.map(|x| x * 100.0), Num::Points),
        Num::Count => opt(v, Num::Decimal1),
        other => opt(v, other),
    }
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
    lang: Lang,
    title: Format,
    date: Format,
    count: Format,
    dec1: Format,
    dec2: Format,
    dec3: Format,
    percent: Format,
    points: Format,
    wrap: Format,
    bold: Format,
}

impl Formats {
    fn new(lang: Lang) -> Self {
        Formats {
            lang,
            title: Format::new().set_bold().set_font_size(14),
            date: Format::new()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Left),
            count: Format::new().set_num_format("#,##0"),
            dec1: Format::new().set_num_format("#,##0.0"),
            dec2: Format::new().set_num_format("0.00"),
            // A p-value keeps its number (to sort and filter) but never shows as 0,000.
            dec3: Format::new().set_num_format(match lang {
                Lang::Sv => "[<0.001]\"< 0,001\";0.000",
                Lang::En => "[<0.001]\"< 0.001\";0.000",
            }),
            percent: Format::new().set_num_format("0.0%"),
            points: Format::new().set_num_format(match lang {
                Lang::Sv => "+0.0\" p.e.\";−0.0\" p.e.\";0.0\" p.e.\"",
                Lang::En => "+0.0\" pp\";−0.0\" pp\";0.0\" pp\"",
            }),
            bold: Format::new().set_bold(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }

    fn number(&self, n: Num) -> &Format {
        match n {
            Num::Count => &self.count,
            Num::Decimal1 => &self.dec1,
            Num::Decimal2 => &self.dec2,
            Num::Decimal3 => &self.dec3,
            Num::Percent => &self.percent,
            Num::Points => &self.points,
        }
    }
}

/// A row tall enough for its longest wrapped text (LibreOffice does not grow rows itself):
/// about 1.1 characters per unit of column width, 15 points a line.
fn fit_row_height(
    ws: &mut Worksheet,
    r: u32,
    row: &[Cell],
    widths: &[f64],
) -> Result<(), XlsxError> {
    let lines = row
        .iter()
        .zip(widths)
        .filter_map(|(cell, w)| match cell {
            Cell::Text(s) if s.len() > 60 => {
                let per_line = (w * 1.1).max(1.0);
                Some((s.chars().count() as f64 / per_line).ceil())
            }
            _ => None,
        })
        .fold(1.0, f64::max)
        .min(20.0);
    if lines > 1.0 {
        ws.set_row_height(r, 15.0 * lines)?;
    }
    Ok(())
}

/// Status colours as conditional formats keyed on the status word, so a status the
/// analyst edits recolours itself. The word stays beside the colour.
fn status_colours(
    ws: &mut Worksheet,
    first: u32,
    last: u32,
    col: u16,
    lang: Lang,
) -> Result<(), XlsxError> {
    let tones = [
        (Tone::Good, 0xC6EFCE, 0x006100),
        (Tone::Warning, 0xFFEB9C, 0x9C5700),
        (Tone::Bad, 0xFFC7CE, 0x9C0006),
        (Tone::Neutral, 0xE7E6E6, 0x3A3A3A),
    ];
    for (tone, fill, font) in tones {
        let format = Format::new()
            .set_background_color(Color::RGB(fill))
            .set_font_color(Color::RGB(font));
        for status in Status::ALL.iter().filter(|s| s.tone() == tone) {
            let word = super::words::status(lang, *status);
            let rule = ConditionalFormatTextRule::BeginsWith(word.to_string());
            let cf = ConditionalFormatText::new()
                .set_rule(rule)
                .set_format(format.clone());
            ws.add_conditional_format(first, col, last, col, &cf)?;
        }
    }
    Ok(())
}

fn excel_date(d: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// Every sheet prints on A4 landscape, one page wide, with the report's title in the header
/// and the period and page number in the footer.
fn print_setup(wb: &mut Workbook, title: &str, period: &str, lang: Lang) {
    // "&" starts a code in Excel's header syntax: a literal one is doubled.
    let title = title.replace('&', "&&");
    let period = period.replace('&', "&&");
    let (page, of) = (label(lang, "Sida"), label(lang, "av"));
    for ws in wb.worksheets_mut() {
        ws.set_landscape()
            .set_paper_size(9)
            .set_print_fit_to_pages(1, 0)
            .set_header(format!("&C{title}"))
            .set_footer(format!("&L{period}&R{page} &P {of} &N"));
    }
}

/// Writes a table with headers, filter buttons and a frozen header row at `top`.
fn write_table(
    ws: &mut Worksheet,
    f: &Formats,
    top: u32,
    headers: &[&'static str],
    widths: &[f64],
    rows: &[Vec<Cell>],
) -> Result<(), XlsxError> {
    let headers: Vec<String> = headers
        .iter()
        .map(|h| label(f.lang, h).to_string())
        .collect();
    write_table_named(ws, f, top, &headers, widths, rows)
}

/// Which of `columns` columns hold a status in any row, found in one pass over the rows.
fn status_columns(rows: &[Vec<Cell>], columns: usize) -> Vec<bool> {
    let mut found = vec![false; columns];
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            if let (Cell::Status(_), Some(flag)) = (cell, found.get_mut(c)) {
                *flag = true;
            }
        }
    }
    found
}

/// Every status column followed by a column of its symbols: the word stays alone in its
/// cell, so COUNTIF, filters and typing a new status work on the word. Rows without a
/// status column are borrowed as they are (a data-quality sheet lists thousands).
fn with_symbol_columns<'r>(
    f: &Formats,
    headers: &[String],
    widths: &[f64],
    rows: &'r [Vec<Cell>],
) -> (Vec<String>, Vec<f64>, std::borrow::Cow<'r, [Vec<Cell>]>) {
    let status_columns = status_columns(rows, headers.len());
    let is_status = |c: usize| status_columns.get(c).copied().unwrap_or(false);
    let (mut h, mut w) = (vec![], vec![]);
    for (c, header) in headers.iter().enumerate() {
        h.push(header.clone());
        w.push(widths.get(c).copied().unwrap_or(12.0));
        if is_status(c) {
            // Named after its status column: a sheet with several (T1, T2, T3) needs
            // distinct table headers.
            let name = format!("{header}, {}", label(f.lang, "symbol"));
            // Wide enough for its header, so the column says what it holds.
            w.push(name.chars().count() as f64 + 3.0);
            h.push(name);
        }
    }
    if !status_columns.contains(&true) {
        return (h, w, std::borrow::Cow::Borrowed(rows));
    }
    let rows = rows
        .iter()
        .map(|row| {
            let mut out = vec![];
            for (c, cell) in row.iter().enumerate() {
                let symbol = match cell {
                    Cell::Status(s) => text(s.symbol()),
                    _ => Cell::Empty,
                };
                out.push(cell.clone());
                if is_status(c) {
                    out.push(symbol);
                }
            }
            out
        })
        .collect();
    (h, w, std::borrow::Cow::Owned(rows))
}

/// [`write_table`] with headers already in the report's language.
fn write_table_named(
    ws: &mut Worksheet,
    f: &Formats,
    top: u32,
    headers: &[String],
    widths: &[f64],
    rows: &[Vec<Cell>],
) -> Result<(), XlsxError> {
    let (headers, widths, rows) = with_symbol_columns(f, headers, widths, rows);
    let (headers, widths, rows) = (&headers[..], &widths[..], &rows[..]);
    ws.set_repeat_rows(top, top)?;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(top + 1, 0)?;
    for (i, row) in rows.iter().enumerate() {
        let r = top + 1 + i as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) if s.len() > 60 => ws
                    .write_string_with_format(r, c, fit_cell(s), &f.wrap)
                    .map(|_| ())?,
                Cell::Text(s) => ws.write_string(r, c, fit_cell(s)).map(|_| ())?,
                Cell::Number(x, n) => ws
                    .write_number_with_format(r, c, *x, f.number(*n))
                    .map(|_| ())?,
                Cell::Date(d) => ws
                    .write_datetime_with_format(r, c, excel_date(*d)?, &f.date)
                    .map(|_| ())?,
                Cell::Status(s) => ws
                    .write_string(r, c, super::words::status(f.lang, *s))
                    .map(|_| ())?,
                Cell::Empty => {}
            }
        }
        fit_row_height(ws, r, row, widths)?;
    }
    let columns: Vec<TableColumn> = headers
        .iter()
        .map(|h| TableColumn::new().set_header(h))
        .collect();
    let last_row = top + rows.len().max(1) as u32;
    for (c, is_status) in status_columns(rows, headers.len()).into_iter().enumerate() {
        if is_status {
            status_colours(ws, top + 1, last_row, c as u16, f.lang)?;
        }
    }
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
    wb.set_zip_compression_level(2);
    let props = DocProperties::new()
        .set_title(format!(
            "{} – {} {}",
            report.catalog.title,
            label(report.lang, "uppföljning"),
            report.results.period
        ))
        .set_subject(format!(
            "{}, {}",
            label(report.lang, "Uppföljning av medborgarlöfte"),
            report.catalog.area
        ))
        .set_author(report.catalog.parties.join(", "))
        .set_creation_datetime(&excel_date(report.stamp)?);
    wb.set_properties(&props);
    let f = Formats::new(report.lang);
    let mut charts = ChartData::new(report.lang)?;
    summary(wb.add_worksheet(), &f, report)?;
    if !report.tertials.is_empty() {
        tertials(wb.add_worksheet(), &f, report)?;
    }
    if let Some(changes) = report.changes {
        since_last(wb.add_worksheet(), &f, changes)?;
    }
    for (sheet, kind) in PROMISE_SHEETS {
        let ids: Vec<&str> = report
            .catalog
            .promises
            .iter()
            .filter(|p| sheet_of(&p.measure) == *kind)
            .map(|p| p.id.as_str())
            .collect();
        if !ids.is_empty() {
            promise_sheet(wb.add_worksheet(), &f, report, sheet, &ids)?;
        }
    }
    let survey: Vec<&OutcomeResult> =
        outcomes_where(report, |m| matches!(m, OutcomeMeasure::Enkat { .. }));
    if !survey.is_empty() {
        survey_sheet(wb.add_worksheet(), &f, &mut charts, &survey)?;
    }
    let crime: Vec<&OutcomeResult> =
        outcomes_where(report, |m| matches!(m, OutcomeMeasure::Brott { .. }));
    if !crime.is_empty() {
        crime_sheet(wb.add_worksheet(), &f, &mut charts, &crime)?;
    }
    if report
        .results
        .outcomes
        .iter()
        .any(|o| !o.earlier.is_empty())
    {
        earlier_years(wb.add_worksheet(), &f, report)?;
    }
    details(wb.add_worksheet(), &f, report)?;
    notes(wb.add_worksheet(), &f, report)?;
    data_quality(wb.add_worksheet(), &f, report.ingested)?;
    sources(wb.add_worksheet(), &f, report.ingested)?;
    method(wb.add_worksheet(), &f, report.catalog)?;
    if charts.next_row > 0 {
        wb.push_worksheet(charts.ws);
    }
    // The printed footer carries the case number, as the PDF's does.
    let footer = match &report.catalog.profile.case_number {
        Some(case) => format!(
            "{} · {} {case}",
            report.results.period,
            label(report.lang, "Dnr")
        ),
        None => report.results.period.to_string(),
    };
    print_setup(&mut wb, &report.catalog.title, &footer, report.lang);
    wb.save_to_buffer()
}

/// Sedan förra: the statuses that moved since the previous report, then every figure that
/// changed, with both values and the change.
fn since_last(
    ws: &mut Worksheet,
    f: &Formats,
    changes: &crate::indicators::changes::Changes,
) -> Result<(), XlsxError> {
    ws.set_name(label(f.lang, "Sedan förra"))?;
    let mut rows: Vec<Vec<Cell>> = changes
        .statuses
        .iter()
        .map(|m| {
            // The period column says which span began, when that is why a status moved.
            let begun = m.begun.as_ref().map_or(Cell::Empty, |span| {
                text(super::words::line(
                    f.lang,
                    &super::words::Line::SpanBegun(span.clone()),
                ))
            });
            vec![
                text(&m.id),
                text(label(f.lang, "Status")),
                Cell::Empty,
                begun,
                Cell::Status(m.before),
                Cell::Status(m.now),
                Cell::Empty,
            ]
        })
        .collect();
    rows.extend(changes.values.iter().map(|m| {
        let v = &m.value;
        let n = num_format(&v.unit);
        vec![
            text(&v.subject),
            text(say(f.lang, &v.indicator)),
            text(&v.place),
            text(&v.period),
            Cell::Number(m.before, n),
            opt(v.value, n),
            change(v.value.map(|x| x - m.before), n),
        ]
    }));
    let headers = [
        "Id",
        "Indikator",
        "Plats",
        "Period",
        super::document::before_header(changes),
        "Nu",
        "Förändring",
    ];
    let widths = [6.0, 44.0, 24.0, 14.0, 22.0, 22.0, 12.0];
    write_table(ws, f, 0, &headers, &widths, &rows)?;
    // What the figures are compared with, below the table as in the PDF above it.
    let below = rows.len() as u32 + 2;
    for (i, sentence) in super::document::since_last_lines(f.lang, &[changes])
        .iter()
        .enumerate()
    {
        ws.write_string(below + i as u32, 0, sentence)?;
    }
    Ok(())
}

/// Tidigare år: outcomes' whole years from the archive that today's input lacks, each with
/// the report that stated it (the PDF shows them under each outcome).
fn earlier_years(ws: &mut Worksheet, f: &Formats, report: &Report) -> Result<(), XlsxError> {
    ws.set_name(label(f.lang, "Tidigare år"))?;
    let rows: Vec<Vec<Cell>> = report
        .results
        .outcomes
        .iter()
        .flat_map(|o| o.earlier.iter().map(move |e| (o, e)))
        .map(|(o, e)| {
            let v = &e.value;
            let n = num_format(&v.unit);
            vec![
                text(&o.id),
                text(&v.indicator),
                text(&v.area),
                text(&v.period),
                opt(v.value, n),
                opt(v.n, Num::Count),
                text(&e.report_period),
                text(e.published_at.format("%Y-%m-%d %H:%M").to_string()),
            ]
        })
        .collect();
    let headers = [
        "Id",
        "Indikator",
        "Område",
        "År",
        "Värde",
        "n",
        "I rapporten för",
        "Publicerad",
    ];
    let widths = [6.0, 44.0, 18.0, 8.0, 12.0, 10.0, 16.0, 18.0];
    write_table(ws, f, 0, &headers, &widths, &rows)?;
    ws.write_string(
        rows.len() as u32 + 2,
        0,
        super::words::line(f.lang, &super::words::Line::EarlierYears),
    )?;
    Ok(())
}

fn summary(ws: &mut Worksheet, f: &Formats, report: &Report) -> Result<(), XlsxError> {
    ws.set_name(label(f.lang, "Sammanfattning"))?;
    let r = report.results;
    ws.write_string_with_format(0, 0, &report.catalog.title, &f.title)?;
    let mut about = format!(
        "{} · {} · period {}",
        report.catalog.area,
        report.catalog.parties.join(" och "),
        r.period
    );
    // The organisation's marks, as under the PDF's title.
    if let Some(marks) = super::document::profile_line(&report.catalog.profile, f.lang) {
        about = format!("{about} · {marks}");
    }
    ws.write_string(1, 0, about)?;
    // The logo at the top right, above the table: decoration, the organisation is named.
    if let Some(logo) = report.logo {
        let image = Image::new_from_buffer(logo)?
            .set_scale_to_size(200, 48, true)
            .set_decorative(true);
        ws.insert_image(0, 7, &image)?;
    }
    let data = match r.data_date {
        Some(d) if r.in_progress() => {
            super::words::line(f.lang, &super::words::Line::DataInProgressShort(d))
        }
        Some(d) => format!("{} {d}", label(f.lang, "Data t.o.m.")),
        None => label(f.lang, "Loggarna saknar data för perioden").to_string(),
    };
    let coverage = super::words::line(f.lang, &super::words::Line::Coverage(r.coverage.clone()));
    ws.write_string(2, 0, format!("{data} · {coverage}"))?;
    // The tally, as on the report's first page (after the warning, when there is one).
    let tally = super::words::line(f.lang, &super::tally_line(r));
    if report.incomplete.is_empty() {
        ws.write_string(3, 0, tally)?;
    } else {
        let warning = label(
            f.lang,
            "VARNING: underlaget är ofullständigt; siffror som bygger på dessa delar saknas eller är för låga",
        );
        ws.write_string(
            3,
            0,
            format!("{warning}: {} · {tally}", report.incomplete.join(" | ")),
        )?;
    }
    let mut rows: Vec<Vec<Cell>> = r
        .promises
        .iter()
        .map(|p| {
            vec![
                text(&p.id),
                text(&p.party),
                text(&p.text),
                text(say(f.lang, &p.target)),
                text(crate::fmt::capitalised(&say(f.lang, &p.result))),
                Cell::Status(p.status),
                text(r.period.label()),
                p.data_date.map_or(Cell::Empty, Cell::Date),
            ]
        })
        .collect();
    rows.extend(r.outcomes.iter().map(|o| {
        vec![
            text(&o.id),
            text(label(f.lang, "Gemensamt")),
            text(&o.text),
            text(format!(
                "{}: {}",
                label(f.lang, "Källa"),
                say(f.lang, &o.source)
            )),
            text(
                o.sentences
                    .iter()
                    .map(|s| say(f.lang, s))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
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

/// The year-end layout: each promise's and outcome's status per tertial and for the year.
fn tertials(ws: &mut Worksheet, f: &Formats, report: &Report) -> Result<(), XlsxError> {
    let years = matches!(
        report.results.period,
        crate::period::ReportPeriod::Years { .. }
    );
    ws.set_name(label(f.lang, if years { "År" } else { "Tertialer" }))?;
    let rows: Vec<Vec<Cell>> = super::side_by_side(report)
        .into_iter()
        .map(|(id, statuses)| {
            std::iter::once(text(id))
                .chain(statuses.into_iter().map(Cell::Status))
                .collect()
        })
        .collect();
    let headers = super::side_by_side_headers(report);
    let mut widths = vec![8.0];
    widths.extend(std::iter::repeat_n(24.0, headers.len() - 1));
    write_table_named(ws, f, 0, &headers, &widths, &rows)
}

/// The per-group sheets, in order: (sheet name, which measures go there).
const PROMISE_SHEETS: &[(&str, SheetKind)] = &[
    ("Besök", SheetKind::Visits),
    ("Bemanning", SheetKind::Staffing),
    ("Insatser", SheetKind::Operations),
    ("Synlighet", SheetKind::Visibility),
    ("Aktiviteter", SheetKind::Activities),
    ("Räkningar", SheetKind::Counts),
    ("Tidsfrister", SheetKind::Deadlines),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum SheetKind {
    Visits,
    Staffing,
    Operations,
    Visibility,
    Activities,
    /// General counts, response times and stocks.
    Counts,
    /// One-off deliverables with a deadline.
    Deadlines,
    /// Status notes only: shown on the Lägesrapporter sheet.
    Notes,
}

fn sheet_of(m: &Measure) -> SheetKind {
    match m {
        Measure::BesokPerTermin { .. } => SheetKind::Visits,
        Measure::Bemanning { .. } => SheetKind::Staffing,
        Measure::Insatser { .. } => SheetKind::Operations,
        Measure::Synlighet { .. } => SheetKind::Visibility,
        Measure::Aktiviteter { .. } => SheetKind::Activities,
        Measure::Lagesrapport {} => SheetKind::Notes,
        Measure::Rakna(_) | Measure::Svarstid(_) | Measure::Bestand(_) => SheetKind::Counts,
        Measure::Leverans(_) => SheetKind::Deadlines,
    }
}

fn outcomes_where<'a>(
    report: &'a Report,
    keep: impl Fn(&OutcomeMeasure) -> bool,
) -> Vec<&'a OutcomeResult> {
    report
        .results
        .outcomes
        .iter()
        .filter(|o| {
            report
                .catalog
                .outcomes
                .iter()
                .any(|c| c.id == o.id && keep(&c.measure))
        })
        .collect()
}

/// One sheet for the promises measured one way: every value (and the weekly staffing
/// detail); operations as one row per month with a column per focus.
fn promise_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    report: &Report,
    name: &'static str,
    ids: &[&str],
) -> Result<(), XlsxError> {
    ws.set_name(label(f.lang, name))?;
    let promises: Vec<_> = report
        .results
        .promises
        .iter()
        .filter(|p| ids.contains(&p.id.as_str()))
        .collect();
    let focus: Vec<String> = {
        let mut tags: Vec<String> = promises
            .iter()
            .flat_map(|p| p.values.iter())
            .filter(|v| v.key == "count_focus")
            .map(|v| v.category.clone())
            .collect();
        tags.sort();
        tags.dedup();
        tags
    };
    let mut rows = Vec::new();
    for p in &promises {
        for v in p
            .values
            .iter()
            .chain(p.detail.iter())
            .filter(|v| v.key != "count_focus")
        {
            let n = num_format(&v.unit);
            let mut row = vec![
                text(&p.id),
                text(&v.part),
                text(&v.place),
                text(v.focus()),
                text(say(f.lang, &v.indicator)),
                text(&v.period),
                opt(v.value, n),
                opt(v.target, n),
                v.status.map_or(Cell::Empty, Cell::Status),
                v.data_date.map_or(Cell::Empty, Cell::Date),
                text(say_notes(f.lang, &v.note)),
            ];
            for tag in &focus {
                let count = p.values.iter().find(|x| {
                    x.key == "count_focus"
                        && x.category == *tag
                        && (x.period.as_str(), x.part.as_str(), x.place.as_str())
                            == (v.period.as_str(), v.part.as_str(), v.place.as_str())
                });
                row.push(opt(count.and_then(|x| x.value), Num::Count));
            }
            rows.push(row);
        }
    }
    let fixed = [
        "Id",
        "Delområde",
        "Plats",
        "Fokus",
        "Indikator",
        "Period",
        "Värde",
        "Mål",
        "Status",
        "Data t.o.m.",
        "Anmärkning",
    ];
    let mut headers: Vec<String> = fixed.iter().map(|h| label(f.lang, h).to_string()).collect();
    headers.extend(
        focus
            .iter()
            .map(|t| format!("{} {t}", label(f.lang, "Fokus"))),
    );
    let mut widths = vec![
        6.0, 16.0, 24.0, 14.0, 34.0, 16.0, 9.0, 8.0, 22.0, 12.0, 50.0,
    ];
    widths.extend(focus.iter().map(|_| 14.0));
    write_table_named(ws, f, 0, &headers, &widths, &rows)
}

/// Trygghet: each survey indicator per year and area with n, interval, baseline, change,
/// p-value and verdict; line charts of the promise's area over the years.
fn survey_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    data: &mut ChartData,
    outcomes: &[&OutcomeResult],
) -> Result<(), XlsxError> {
    ws.set_name(label(f.lang, "Trygghet"))?;
    let values: Vec<&IndicatorValue> = outcomes.iter().flat_map(|o| o.values.iter()).collect();
    let rows: Vec<Vec<Cell>> = values
        .iter()
        .map(|v| {
            let n = num_format(&v.unit);
            vec![
                text(&v.subject),
                text(say(f.lang, &v.indicator)),
                text(&v.area),
                text(&v.period),
                opt(v.value, n),
                opt(v.n, Num::Count),
                opt(v.ci_low, n),
                opt(v.ci_high, n),
                opt(v.baseline, n),
                change(v.change, n),
                opt(v.p_value, Num::Decimal3),
                v.status.map_or(Cell::Empty, Cell::Status),
                text(say_notes(f.lang, &v.note)),
            ]
        })
        .collect();
    let headers = [
        "Id",
        "Indikator",
        "Område",
        "År",
        "Värde",
        "n",
        "KI undre",
        "KI övre",
        "Baslinje",
        "Förändring",
        "p-värde",
        "Status",
        "Anmärkning",
    ];
    let widths = [
        6.0, 34.0, 16.0, 8.0, 9.0, 7.0, 9.0, 9.0, 9.0, 11.0, 9.0, 24.0, 30.0,
    ];
    write_table(ws, f, 0, &headers, &widths, &rows)?;
    // Chart data to the right: one column per indicator of the promise's own area.
    let own_area = outcomes
        .iter()
        .flat_map(|o| o.values.iter())
        .find(|v| v.status.is_some())
        .map(|v| v.area.clone());
    let own: Vec<&IndicatorValue> = values
        .iter()
        .copied()
        .filter(|v| Some(&v.area) == own_area.as_ref())
        .collect();
    chart_block(
        ws,
        f,
        data,
        (0, 15),
        &own,
        label(f.lang, "Trygghetsmätningen över åren (löftets område)"),
    )
}

/// Writes a years × indicators block on the chart sheet and one line chart per unit at
/// (top, left) of `ws`, one under the other.
fn chart_block(
    ws: &mut Worksheet,
    f: &Formats,
    data: &mut ChartData,
    (top, left): (u32, u16),
    values: &[&IndicatorValue],
    title: &str,
) -> Result<(), XlsxError> {
    let mut periods: Vec<&str> = values.iter().map(|v| v.period.as_str()).collect();
    periods.sort();
    periods.dedup();
    let named: Vec<(String, &str)> = values
        .iter()
        .map(|v| (say(f.lang, &v.indicator), v.unit.as_str()))
        .collect();
    let names = super::distinct(named.iter().map(|(n, u)| (n.as_str(), *u)));
    if periods.is_empty() || names.is_empty() {
        return Ok(());
    }
    let series: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
    // The names rendered once above, beside their values.
    let value = |p: &str, name: &str| {
        values
            .iter()
            .zip(&named)
            .find(|(v, (n, _))| n == name && v.period == p)
            .and_then(|(v, _)| v.value)
    };
    let block = data.block(
        f,
        title,
        &periods,
        &series,
        |j| names.get(j).map_or(Num::Decimal1, |n| num_format(n.1)),
        value,
    )?;

    let units = super::distinct(names.iter().map(|(_, u)| *u));
    for (k, unit) in units.iter().enumerate() {
        let mut chart = Chart::new(ChartType::Line);
        chart.title().set_name(&format!("{title}, {unit}"));
        let in_chart = names.iter().enumerate().filter(|(_, (_, u))| u == unit);
        for (nth, (j, _)) in in_chart.enumerate() {
            data.series(&mut chart, &block, j, (nth, false));
        }
        if *unit == "andel" {
            chart.y_axis().set_num_format("0%");
        }
        // Fixed on the sheet: filtering the Table beside it hides rows, and a chart that
        // sized with its cells collapsed to a sliver.
        chart.set_object_movement(ObjectMovement::DontMoveOrSizeWithCells);
        ws.insert_chart(top + 16 * k as u32, left, &chart)?;
    }
    Ok(())
}

/// The sheet the charts draw from: outside the filtered Tables, so filtering a table never
/// empties its chart. Each chart's data is a block: a title, the series names, one row per
/// category.
struct ChartData {
    ws: Worksheet,
    name: String,
    next_row: u32,
}

/// Where one chart's data stand on the chart sheet.
struct Block {
    /// The row of the series names.
    names: u32,
    /// The last category row.
    last: u32,
}

impl ChartData {
    fn new(lang: Lang) -> Result<Self, XlsxError> {
        let name = label(lang, "Diagramdata").to_string();
        let mut ws = Worksheet::new();
        ws.set_name(&name)?;
        ws.set_column_width(0, 14)?;
        Ok(ChartData {
            ws,
            name,
            next_row: 0,
        })
    }

    /// Writes one chart's data and returns where it stands.
    fn block(
        &mut self,
        f: &Formats,
        title: &str,
        categories: &[&str],
        series: &[&str],
        format: impl Fn(usize) -> Num,
        value: impl Fn(&str, &str) -> Option<f64>,
    ) -> Result<Block, XlsxError> {
        let (ws, top) = (&mut self.ws, self.next_row);
        ws.write_string_with_format(top, 0, title, &f.bold)?;
        for (i, x) in categories.iter().enumerate() {
            ws.write_string(top + 2 + i as u32, 0, *x)?;
        }
        for (j, name) in series.iter().enumerate() {
            let col = 1 + j as u16;
            ws.set_column_width(col, 18)?;
            ws.write_string(top + 1, col, *name)?;
            for (i, x) in categories.iter().enumerate() {
                if let Some(v) = value(x, name) {
                    ws.write_number_with_format(top + 2 + i as u32, col, v, f.number(format(j)))?;
                }
            }
        }
        let last = top + 1 + categories.len() as u32;
        self.next_row = last + 2;
        Ok(Block {
            names: top + 1,
            last,
        })
    }

    /// Adds a series of data column `j` of a block to a chart as the chart's `nth` series,
    /// in the PDF's colour for it (its line, and its fill for `columns`).
    fn series(&self, chart: &mut Chart, block: &Block, j: usize, (nth, columns): (usize, bool)) {
        let (name, col) = (self.name.as_str(), 1 + j as u16);
        let colour = super::SERIES_COLOURS[nth % super::SERIES_COLOURS.len()];
        let mut format = ChartFormat::new();
        format.set_line(ChartLine::new().set_color(colour));
        if columns {
            format.set_solid_fill(ChartSolidFill::new().set_color(colour));
        }
        chart
            .add_series()
            .set_name((name, block.names, col))
            .set_categories((name, block.names + 1, 0, block.last, 0))
            .set_values((name, block.names + 1, col, block.last, col))
            .set_format(&mut format);
    }
}

/// Brott: each crime group for the period, per month, tertial and year, with baseline,
/// change and p-value; a column chart of the tertials against the baseline.
fn crime_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    data: &mut ChartData,
    outcomes: &[&OutcomeResult],
) -> Result<(), XlsxError> {
    let sheet = label(f.lang, "Brott");
    ws.set_name(sheet)?;
    let rows: Vec<Vec<Cell>> = outcomes
        .iter()
        .flat_map(|o| o.values.iter())
        .map(|v| {
            let count = if v.unit == "antal" {
                Num::Count
            } else {
                Num::Decimal1
            };
            vec![
                text(&v.subject),
                text(say(f.lang, &v.indicator)),
                text(&v.area),
                text(&v.period),
                opt(v.value, count),
                opt(v.baseline, Num::Decimal1),
                opt(v.change, Num::Decimal1),
                opt(v.change_pct, Num::Percent),
                opt(v.p_value, Num::Decimal3),
                v.status.map_or(Cell::Empty, Cell::Status),
                v.data_date.map_or(Cell::Empty, Cell::Date),
                text(say_notes(f.lang, &v.note)),
            ]
        })
        .collect();
    let headers = [
        "Id",
        "Indikator",
        "Område",
        "Period",
        "Antal",
        "Baslinje",
        "Förändring",
        "Förändring %",
        "p-värde",
        "Status",
        "Data t.o.m.",
        "Anmärkning",
    ];
    let widths = [
        6.0, 40.0, 14.0, 10.0, 9.0, 9.0, 11.0, 12.0, 9.0, 24.0, 12.0, 50.0,
    ];
    write_table(ws, f, 0, &headers, &widths, &rows)?;
    // The tertial series the PDF draws, as a native column chart.
    let named: Vec<(String, &SeriesPoint)> = outcomes
        .iter()
        .flat_map(|o| o.series.iter())
        .map(|p| (say(f.lang, &p.series), p))
        .collect();
    let points: Vec<Point> = named
        .iter()
        .map(|(series, p)| Point {
            series: series.clone(),
            x: p.x.clone(),
            value: p.value,
            interval: p.interval,
        })
        .collect();
    let xs = super::distinct(points.iter().map(|p| p.x.as_str()));
    let series = super::distinct(points.iter().map(|p| p.series.as_str()));
    let (top, left) = (0u32, 14u16);
    if xs.is_empty() {
        return Ok(());
    }
    let value = |x: &str, name: &str| {
        points
            .iter()
            .find(|p| p.series == name && p.x == x)
            .map(|p| p.value)
    };
    let title = label(f.lang, "Anmälda brott per tertial mot baslinjen");
    let block = data.block(f, title, &xs, &series, |_| Num::Decimal1, value)?;
    let mut chart = Chart::new(ChartType::Column);
    chart.title().set_name(title);
    for j in 0..series.len() {
        data.series(&mut chart, &block, j, (j, true));
    }
    chart.set_object_movement(ObjectMovement::DontMoveOrSizeWithCells);
    ws.insert_chart(top, left, &chart)?;
    Ok(())
}

fn value_row(f: &Formats, v: &IndicatorValue) -> Vec<Cell> {
    let n = num_format(&v.unit);
    let change_format = match n {
        Num::Count => Num::Decimal1,
        other => other,
    };
    let change_cell = change(v.change, n);
    vec![
        text(&v.subject),
        text(say(f.lang, &v.indicator)),
        text(&v.area),
        text(&v.part),
        text(&v.place),
        text(v.focus()),
        text(&v.period),
        opt(v.value, n),
        opt(v.target, n),
        text(&v.unit),
        opt(v.n, Num::Count),
        opt(v.ci_low, n),
        opt(v.ci_high, n),
        opt(v.baseline, change_format),
        change_cell,
        opt(v.change_pct, Num::Percent),
        opt(v.p_value, Num::Decimal3),
        v.status.map_or(Cell::Empty, Cell::Status),
        v.data_date.map_or(Cell::Empty, Cell::Date),
        text(say_notes(f.lang, &v.note)),
    ]
}

fn details(ws: &mut Worksheet, f: &Formats, report: &Report) -> Result<(), XlsxError> {
    ws.set_name(label(f.lang, "Alla värden"))?;
    let rows: Vec<Vec<Cell>> = report.results.values().map(|v| value_row(f, v)).collect();
    let headers = [
        "Id",
        "Indikator",
        "Område",
        "Delområde",
        "Plats",
        "Fokus",
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
        "p-värde",
        "Status",
        "Data t.o.m.",
        "Anmärkning",
    ];
    let widths = [
        6.0, 34.0, 16.0, 16.0, 24.0, 14.0, 14.0, 10.0, 8.0, 10.0, 7.0, 9.0, 9.0, 10.0, 11.0, 12.0,
        9.0, 22.0, 12.0, 50.0,
    ];
    write_table(ws, f, 0, &headers, &widths, &rows)
}

fn notes(ws: &mut Worksheet, f: &Formats, report: &Report) -> Result<(), XlsxError> {
    ws.set_name(label(f.lang, "Lägesrapporter"))?;
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

fn data_quality(
    ws: &mut Worksheet,
    f: &Formats,
    ingested: &crate::ingest::Ingested,
) -> Result<(), XlsxError> {
    ws.set_name(label(f.lang, "Datakvalitet"))?;
    let disposition = |d: Disposition| match d {
        Disposition::Rejected => label(f.lang, "avvisad"),
        Disposition::Skipped => label(f.lang, "överhoppad"),
    };
    let mut rows: Vec<Vec<Cell>> = ingested
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
                text(i.advice.clone().unwrap_or_default()),
            ]
        })
        .collect();
    // Reasons with more rows than are listed one by one get a row with the rest's count.
    for (file, sheet) in ingested.sheets() {
        for r in sheet.reasons.iter().filter(|r| r.unlisted() > 0) {
            rows.push(vec![
                text(&file.file),
                text(&sheet.sheet),
                Cell::Number(f64::from(r.last_row), Num::Count),
                Cell::Empty,
                text(format!(
                    "{} {} ({} {}–{})",
                    r.unlisted(),
                    label(f.lang, "rader till"),
                    label(f.lang, "rad"),
                    r.first_row,
                    r.last_row
                )),
                text(disposition(r.disposition)),
                text(&r.reason),
                text(r.advice.clone().unwrap_or_default()),
            ]);
        }
    }
    let headers = [
        "Fil", "Blad", "Rad", "Kolumn", "Värde", "Utfall", "Orsak", "Åtgärd",
    ];
    write_table(
        ws,
        f,
        0,
        &headers,
        &[34.0, 18.0, 7.0, 8.0, 30.0, 12.0, 50.0, 50.0],
        &rows,
    )
}

/// Every file and sheet read: checksum, kind, header row, the row counts (read = used +
/// rejected + skipped + unread), the dates covered; a file that could not be read, with why.
fn sources(
    ws: &mut Worksheet,
    f: &Formats,
    ingested: &crate::ingest::Ingested,
) -> Result<(), XlsxError> {
    ws.set_name(label(f.lang, "Källor"))?;
    let mut rows = Vec::new();
    for file in &ingested.files {
        if let Some(e) = &file.error {
            rows.push(vec![
                text(&file.file),
                text(&file.sha256),
                Cell::Number(file.size as f64, Num::Count),
                Cell::Empty,
                text(label(f.lang, "FEL")),
                Cell::Empty,
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
                text(s.kind.map_or(label(f.lang, "okänd"), |k| k.name(f.lang))),
                opt(s.header_row.map(f64::from), Num::Count),
                Cell::Number(s.read as f64, Num::Count),
                Cell::Number(s.used as f64, Num::Count),
                Cell::Number(s.rejected as f64, Num::Count),
                Cell::Number(s.skipped as f64, Num::Count),
                Cell::Number(s.unread as f64, Num::Count),
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
        "Ej lästa",
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
            34.0, 20.0, 9.0, 18.0, 30.0, 10.0, 8.0, 9.0, 9.0, 12.0, 9.0, 12.0, 12.0, 60.0,
        ],
        &rows,
    )
}

fn method(
    ws: &mut Worksheet,
    f: &Formats,
    catalog: &crate::catalog::Catalog,
) -> Result<(), XlsxError> {
    ws.set_name(label(f.lang, "Metod"))?;
    let rows: Vec<Vec<Cell>> = super::method(f.lang, catalog)
        .iter()
        .map(|(k, v)| vec![text(*k), text(v)])
        .collect();
    write_table(ws, f, 0, &["Begrepp", "Definition"], &[28.0, 110.0], &rows)
}

/// The regional overview's workbook: the promises at a glance, every commitment and outcome
/// with its status, the areas' survey and crime figures side by side, and the run's input
/// with every row counted once.
pub fn render_overview(o: &super::overview::Overview) -> Result<Vec<u8>, XlsxError> {
    use super::overview::{side_by_side, status_rows, tally};
    let lang = o.lang;
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(2);
    let props = DocProperties::new()
        .set_title(o.title())
        .set_creation_datetime(&excel_date(o.stamp())?);
    wb.set_properties(&props);
    let f = Formats::new(lang);

    let ws = wb.add_worksheet().set_name(label(lang, "Översikt"))?;
    let glance: Vec<Vec<Cell>> = o
        .members
        .iter()
        .map(|m| {
            let mut row = vec![text(m.key), text(&m.catalog.title), text(&m.catalog.area)];
            match &m.results {
                Ok(r) => {
                    row.extend(tally(r).iter().map(|n| Cell::Number(*n as f64, Num::Count)));
                    row.push(Cell::Empty);
                }
                Err(why) => {
                    row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
                    row.push(text(super::overview::no_report(lang, why)));
                }
            }
            row
        })
        .collect();
    let headers: Vec<String> = ["Löfte", "Titel", "Område"]
        .iter()
        .map(|h| label(lang, h).to_string())
        .chain(["✓".into(), "◐".into(), "✗".into()])
        .chain(
            ["Övriga", "Anm."]
                .iter()
                .map(|h| label(lang, h).to_string()),
        )
        .collect();
    write_table_named(
        ws,
        &f,
        0,
        &headers,
        &[16.0, 50.0, 16.0, 6.0, 6.0, 6.0, 8.0, 50.0],
        &glance,
    )?;
    // How far the input reaches, as on the overview PDF's first page.
    let coverage = super::words::Line::Coverage(o.coverage());
    ws.write_string(
        glance.len() as u32 + 2,
        0,
        super::words::line(lang, &coverage),
    )?;

    let moved: Vec<Vec<Cell>> = super::overview::moved(o)
        .into_iter()
        .map(|(key, m)| {
            let begun = m.begun.as_ref().map_or(Cell::Empty, |span| {
                text(super::words::line(
                    lang,
                    &super::words::Line::SpanBegun(span.clone()),
                ))
            });
            vec![
                text(key),
                text(&m.id),
                Cell::Status(m.before),
                Cell::Status(m.now),
                begun,
            ]
        })
        .collect();
    if !moved.is_empty() {
        let ws = wb.add_worksheet().set_name(label(lang, "Sedan förra"))?;
        write_table(
            ws,
            &f,
            0,
            &["Löfte", "Id", "Förra", "Nu", "Anm."],
            &[16.0, 6.0, 24.0, 24.0, 30.0],
            &moved,
        )?;
    }

    let ws = wb.add_worksheet().set_name(label(lang, "Åtaganden"))?;
    let rows: Vec<Vec<Cell>> = status_rows(o)
        .into_iter()
        .map(|r| {
            vec![
                text(r.key),
                text(r.area),
                text(r.id),
                text(r.text),
                Cell::Status(r.status),
                text(r.result),
            ]
        })
        .collect();
    write_table(
        ws,
        &f,
        0,
        &[
            "Löfte",
            "Område",
            "Id",
            "Löfte / önskat resultat",
            "Status",
            "Resultat",
        ],
        &[16.0, 16.0, 6.0, 60.0, 22.0, 70.0],
        &rows,
    )?;

    let ws = wb
        .add_worksheet()
        .set_name(label(lang, "Enkät per område"))?;
    let mut rows = vec![];
    for (name, values) in side_by_side(o, "survey") {
        for a in values {
            let v = a.value;
            let n = num_format(&v.unit);
            rows.push(vec![
                text(&name),
                text(a.key),
                text(a.area),
                text(&v.period),
                opt(v.value, n),
                opt(v.ci_low, n),
                opt(v.ci_high, n),
                opt(v.n, Num::Count),
                text(a.small_base_note(lang)),
            ]);
        }
    }
    write_table(
        ws,
        &f,
        0,
        &[
            "Indikator",
            "Löfte",
            "Område",
            "År",
            "Värde",
            "KI undre",
            "KI övre",
            "n",
            "Anm.",
        ],
        &[34.0, 16.0, 16.0, 7.0, 9.0, 9.0, 9.0, 8.0, 22.0],
        &rows,
    )?;

    let ws = wb
        .add_worksheet()
        .set_name(label(lang, "Brott per område"))?;
    let mut rows = vec![];
    for (name, values) in side_by_side(o, "crime") {
        for a in values {
            let v = a.value;
            rows.push(vec![
                text(&name),
                text(a.key),
                text(a.area),
                text(&v.period),
                opt(v.value, Num::Count),
                opt(v.baseline, Num::Decimal1),
                opt(v.change_pct, Num::Percent),
                opt(a.rate.and_then(|r| r.value), Num::Decimal1),
                v.status.map_or(Cell::Empty, Cell::Status),
            ]);
        }
    }
    write_table(
        ws,
        &f,
        0,
        &[
            "Brottsgrupp",
            "Löfte",
            "Område",
            "Period",
            "Antal",
            "Jämförelse",
            "Förändring",
            "Per 1 000 inv.",
            "Bedömning",
        ],
        &[34.0, 16.0, 16.0, 10.0, 9.0, 11.0, 11.0, 13.0, 24.0],
        &rows,
    )?;

    sources(wb.add_worksheet(), &f, o.run)?;
    data_quality(wb.add_worksheet(), &f, o.run)?;
    print_setup(&mut wb, &o.title(), &o.period.to_string(), lang);
    wb.save_to_buffer()
}
