//! Stage 3, reports: one file per output format. Writers produce bytes; only publishing
//! ([`publish`], [`Publication`]) touches paths, swapping the whole set in at once so a
//! failed or killed run never leaves a half-written or mixed report set.

pub mod csv;
pub mod document;
pub mod html;
pub mod overview;
pub mod pdf;
mod publish;
pub mod words;

pub use publish::{publish, Publication};
pub use words::{label, method};
pub mod xlsx;

use std::io::Write;

use anyhow::Context;
use chrono::NaiveDate;
use serde::Serialize;

use crate::catalog::Catalog;
use crate::fmt::Lang;
use crate::indicators::Results;
use crate::ingest::{Disposition, FileReport, Ingested};
use crate::period::ReportPeriod;

/// Everything a report writer needs.
pub struct Report<'a> {
    pub catalog: &'a Catalog,
    pub ingested: &'a Ingested,
    pub results: &'a Results,
    /// For the year-end summary: each tertial's own results, in order; empty otherwise.
    pub tertials: &'a [Results],
    pub lang: Lang,
    /// The date the documents carry as their creation date: the data date (or the period's
    /// end), never the clock, so two runs on the same input give identical files.
    pub stamp: NaiveDate,
    /// Problems in the input the report was written despite (`--tillat-ofullstandig`):
    /// shown as a warning on the first page and in the workbook's summary.
    pub incomplete: Vec<String>,
    /// What changed since the previous report (statuses, figures); none when the previous
    /// period cannot be reported.
    pub changes: Option<&'a crate::indicators::changes::Changes>,
    /// The organisation's logo (`[rapport] logotyp`), PNG or JPEG bytes, read by the
    /// pipeline ([`logo_format`] checked).
    pub logo: Option<&'a [u8]>,
}

/// The image format of a logo's bytes: PNG or JPEG by their first bytes, or none.
pub fn logo_format(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

impl<'a> Report<'a> {
    pub fn new(
        catalog: &'a Catalog,
        ingested: &'a Ingested,
        results: &'a Results,
        lang: Lang,
    ) -> Self {
        let stamp = results.data_date.unwrap_or_else(|| results.period.end());
        Report {
            catalog,
            ingested,
            results,
            tertials: &[],
            lang,
            stamp,
            incomplete: ingested.problems(),
            changes: None,
            logo: None,
        }
    }

    /// The base name of the report files: `lofte-2017-T2`, and `lofte-2017-T2-en` in English,
    /// so that the two languages live side by side in one period folder.
    pub fn base_name(&self) -> String {
        match self.lang {
            Lang::Sv => format!("lofte-{}", self.results.period.label()),
            Lang::En => format!("lofte-{}-en", self.results.period.label()),
        }
    }

    /// The CSV's name: its indicator names and notes are in the report's language.
    pub fn csv_name(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "indicators.csv",
            Lang::En => "indicators-en.csv",
        }
    }
}

/// For the year-end layout: each promise's and outcome's status in T1, T2, T3 and the year.
pub fn side_by_side(report: &Report) -> Vec<(String, Vec<crate::indicators::Status>)> {
    let year = report.results;
    let status_in = |r: &Results, id: &str| {
        r.promises
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.status)
            .or_else(|| r.outcomes.iter().find(|o| o.id == id).map(|o| o.status))
            .unwrap_or(crate::indicators::Status::NoData)
    };
    let ids = year
        .promises
        .iter()
        .map(|p| p.id.clone())
        .chain(year.outcomes.iter().map(|o| o.id.clone()));
    // A part that starts after the data date has not started, whatever its own computation
    // says: Ej påbörjat, not Saknar data (nothing is missing; it is still to come).
    let started = |t: &Results| year.data_date.is_some_and(|d| t.period.start() <= d);
    ids.map(|id| {
        let mut statuses: Vec<_> = report
            .tertials
            .iter()
            .map(|t| {
                if started(t) {
                    status_in(t, &id)
                } else {
                    crate::indicators::Status::NotStarted
                }
            })
            .collect();
        statuses.push(status_in(year, &id));
        (id, statuses)
    })
    .collect()
}

/// The column headers of [`side_by_side`]: "Id", each part ("T1" … or each year), and the
/// whole ("Helår", or "Hela perioden" for several years).
pub fn side_by_side_headers(report: &Report) -> Vec<String> {
    let period = report.results.period;
    let mut headers = vec!["Id".to_string()];
    let within = period.parts_within(report.catalog.start, report.catalog.end);
    headers.extend(within.iter().map(|p| match p {
        ReportPeriod::Tertial { n, .. } => format!("T{n}"),
        other => other.label(),
    }));
    let whole = match period {
        ReportPeriod::Years { .. } => label(report.lang, "Hela perioden"),
        _ => label(report.lang, "Helår"),
    };
    headers.push(whole.to_string());
    headers
}

/// The distinct items in first-seen order (chart series and categories).
pub fn distinct<T: PartialEq>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// A chart axis maximum of four round steps (1, 2 or 5 × 10ⁿ) at or above `max`, so every
/// gridline label is a round number.
pub fn axis_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 4.0;
    }
    let step = max / 4.0;
    let magnitude = 10f64.powf(step.log10().floor());
    let nice = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|v| *v >= step)
        .unwrap_or(step);
    nice * 4.0
}

/// The charts' series colours, each at least 3:1 against white, in the HTML twin and the
/// workbook; the PDF draws the same (`pdf/charts.rs`, as RGB fractions).
pub const SERIES_COLOURS: [&str; 4] = ["#004a8c", "#5f6b7a", "#a85a00", "#2e7d32"];

/// How many have each status, in the order of [`Status::ALL`], statuses with none left out:
/// the first page's tally ("Av 8 löften: 1 uppfyllt, 3 delvis uppfyllda …").
pub fn status_counts(
    statuses: impl IntoIterator<Item = crate::indicators::Status>,
) -> Vec<(crate::indicators::Status, usize)> {
    let statuses: Vec<_> = statuses.into_iter().collect();
    crate::indicators::Status::ALL
        .into_iter()
        .map(|s| (s, statuses.iter().filter(|x| **x == s).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// The tally line of a promise's results.
pub fn tally_line(results: &crate::indicators::Results) -> words::Line {
    words::Line::Tally {
        promises: status_counts(results.promises.iter().map(|p| p.status)),
        outcomes: status_counts(results.outcomes.iter().map(|o| o.status)),
    }
}

/// [`axis_max`] for an axis labelled in whole counts: steps of at least 1, so no two
/// gridlines carry the same label (1,1 → an axis to 2 in steps of 0,5 read "0 1 1 2 2").
pub fn count_axis_max(max: f64) -> f64 {
    axis_max(max).max(4.0)
}

/// Every format of a promise's report, as (file name, bytes).
pub fn render_all(report: &Report) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut csv_bytes = Vec::new();
    csv::write(report.results, report.lang, &mut csv_bytes)
        .context("indicators.csv kunde inte skapas")?;
    let xlsx_bytes = xlsx::render(report).context("arbetsboken kunde inte skapas")?;
    let pdf_bytes = pdf::render(report).context("PDF-rapporten kunde inte skapas")?;
    let html_bytes = html::render(report).into_bytes();
    let base = report.base_name();
    Ok(vec![
        (format!("{base}.pdf"), pdf_bytes),
        (format!("{base}.html"), html_bytes),
        (format!("{base}.xlsx"), xlsx_bytes),
        (report.csv_name().to_string(), csv_bytes),
    ])
}

/// The regional overview in every format (PDF, HTML, xlsx), as (file name, bytes).
pub fn render_overview(o: &overview::Overview) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let doc = overview::build(o);
    let parties = distinct(
        o.members
            .iter()
            .flat_map(|m| m.catalog.parties.iter().cloned()),
    );
    let meta = pdf::Meta {
        author: parties.join(", "),
        subject: label(o.lang, "Regional översikt").to_string(),
        stamp: o.stamp(),
    };
    let pdf_bytes =
        pdf::render_document(&doc, &meta).context("översiktens PDF kunde inte skapas")?;
    let xlsx_bytes = xlsx::render_overview(o).context("översiktens arbetsbok kunde inte skapas")?;
    let base = o.base_name();
    Ok(vec![
        (format!("{base}.pdf"), pdf_bytes),
        (
            format!("{base}.html"),
            html::render_document(&doc).into_bytes(),
        ),
        (format!("{base}.xlsx"), xlsx_bytes),
    ])
}

/// The `lofte check --json` document: every file, sheet, count and problem.
#[derive(Serialize)]
pub struct CheckDocument<'a> {
    pub files: &'a [FileReport],
    /// Links in the input folder that point out of it and were not followed.
    pub outside_links: &'a [String],
    pub totals: CheckTotals,
    /// Each kind of input the promise uses: rows used and the commitments that need it.
    pub sources: Vec<Source>,
    /// Each share question's answers and how the catalog classes them.
    pub survey_answers: &'a [crate::ingest::answers::QuestionAnswers],
    /// Catalog answers the survey does not hold (errors that stop `run`).
    pub answer_problems: Vec<String>,
}

#[derive(Serialize)]
pub struct CheckTotals {
    pub files: usize,
    pub unreadable_files: usize,
    /// Sheets whose header lacks a required column (errors, like unreadable files).
    pub broken_sheets: usize,
    /// Every non-empty row of every sheet: read = used + rejected + skipped + unread.
    pub read: usize,
    pub used: usize,
    pub rejected: usize,
    pub skipped: usize,
    /// Rows of sheets that were not read (no known kind, or a broken header).
    pub unread: usize,
}

pub fn check_json<'a>(catalog: &Catalog, ingested: &'a Ingested) -> CheckDocument<'a> {
    CheckDocument {
        files: &ingested.files,
        outside_links: &ingested.outside_links,
        totals: check_totals(ingested),
        sources: sources(catalog, ingested),
        survey_answers: &ingested.survey_answers,
        answer_problems: ingested.answer_problems(),
    }
}

fn check_totals(ingested: &Ingested) -> CheckTotals {
    let (read, used, rejected, skipped, unread) = ingested.totals();
    CheckTotals {
        files: ingested.files.len(),
        unreadable_files: ingested.file_errors().count(),
        broken_sheets: ingested.sheets().filter(|(_, s)| s.error.is_some()).count(),
        read,
        used,
        rejected,
        skipped,
        unread,
    }
}

/// The `lofte check --json` document of a region: the run's files and totals (each row
/// counted once), and per promise its own totals and sources.
#[derive(Serialize)]
pub struct RegionCheckDocument<'a> {
    pub files: &'a [FileReport],
    pub outside_links: &'a [String],
    pub totals: CheckTotals,
    pub promises: Vec<PromiseCheck>,
}

/// One promise of a region in `lofte check --json`.
#[derive(Serialize)]
pub struct PromiseCheck {
    /// The catalog file's name without `.toml`.
    pub key: String,
    pub title: String,
    pub area: String,
    /// Rows as this promise's pass saw them (rows of the others' areas are skipped).
    pub totals: CheckTotals,
    pub sources: Vec<Source>,
}

pub fn check_json_region<'a>(
    members: &[crate::catalog::Member],
    input: &'a crate::ingest::RegionInput,
) -> RegionCheckDocument<'a> {
    RegionCheckDocument {
        files: &input.run.files,
        outside_links: &input.run.outside_links,
        totals: check_totals(&input.run),
        promises: members
            .iter()
            .zip(&input.promises)
            .map(|(m, ingested)| PromiseCheck {
                key: m.key.clone(),
                title: m.catalog.title.clone(),
                area: m.catalog.area.clone(),
                totals: check_totals(ingested),
                sources: sources(&m.catalog, ingested),
            })
            .collect(),
    }
}

/// The human form of `lofte check`: per file and sheet the kind, header row, counts, the
/// period covered and every problem with its place.
pub fn write_check_text(out: &mut impl Write, ingested: &Ingested) -> std::io::Result<()> {
    for file in &ingested.files {
        writeln!(out, "{}", file.file)?;
        if let Some(e) = &file.error {
            writeln!(out, "  FEL: {e}")?;
            continue;
        }
        for s in &file.sheets {
            if s.help {
                writeln!(out, "  › {} — mallens hjälpblad, ingen indata", s.sheet)?;
                continue;
            }
            let kind = s.kind.map_or("okänd", |k| k.name_sv());
            write!(out, "  › {} — {kind}", s.sheet)?;
            if let Some(h) = s.header_row {
                write!(out, ", rubrikrad {h}")?;
            }
            if let Some(e) = &s.encoding {
                write!(out, ", teckenkodning {e}")?;
            }
            writeln!(out)?;
            if let Some(error) = &s.error {
                writeln!(out, "    FEL: {error}")?;
            } else if let Some(note) = &s.note {
                writeln!(out, "    {note}")?;
            }
            if s.kind.is_none() {
                writeln!(out, "    {} lästes inte", rows(s.unread))?;
                continue;
            }
            let n = |n: usize| crate::fmt::count(n as f64, Lang::Sv);
            writeln!(
                out,
                "    rader: {} lästa = {} använda + {} avvisade + {} överhoppade ({} tomma)",
                n(s.read),
                n(s.used),
                n(s.rejected),
                n(s.skipped),
                n(s.empty)
            )?;
            if let (Some(a), Some(b)) = (s.first_date, s.last_date) {
                writeln!(out, "    period: {a} – {b}")?;
            }
            for issue in s
                .issues
                .iter()
                .filter(|i| i.disposition == Disposition::Rejected)
            {
                writeln!(
                    out,
                    "    avvisad: {} — '{}': {}",
                    issue.location,
                    issue.value,
                    issue.for_analyst()
                )?;
            }
            for r in s
                .reasons
                .iter()
                .filter(|r| r.disposition == Disposition::Rejected)
            {
                let more = r.unlisted();
                if more > 0 {
                    writeln!(
                        out,
                        "    avvisad: {} till, rad {}–{}: {}{}",
                        rows(more),
                        r.first_row,
                        r.last_row,
                        crate::ingest::with_advice(&r.reason, r.advice.as_deref()),
                        examples(&r.examples)
                    )?;
                }
            }
            for r in s
                .reasons
                .iter()
                .filter(|r| r.disposition == Disposition::Skipped)
            {
                let (count, reason) = (
                    r.rows,
                    crate::ingest::with_advice(&r.reason, r.advice.as_deref()),
                );
                writeln!(
                    out,
                    "    överhoppad: {}: {reason}{}",
                    rows(count),
                    examples(&r.examples)
                )?;
            }
        }
    }
    for link in &ingested.outside_links {
        writeln!(
            out,
            "{link}\n  ej läst: en länk som pekar ut ur indatamappen följs inte"
        )?;
    }
    for name in &ingested.open_in_excel {
        writeln!(out, "{name}\n  öppen i Excel (låsfilen ~${name} finns): ändringar som inte är sparade kommer inte med")?;
    }
    let (read, used, rejected, skipped, unread) = ingested.totals();
    let n = |n: usize| crate::fmt::count(n as f64, Lang::Sv);
    writeln!(
        out,
        "Totalt: {} rader = {} använda + {} avvisade + {} överhoppade + {} i blad som inte lästes",
        n(read),
        n(used),
        n(rejected),
        n(skipped),
        n(unread)
    )?;
    Ok(())
}

/// One kind of input as the promise uses it: how many rows were used, and which
/// commitments need it (a source they need with no rows is missing).
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// The kind in `check --json`'s words: `log`, `staffing`, `status_notes`, `survey`,
    /// `crime`, `population`.
    pub kind: &'static str,
    /// The kind in Swedish, for the text form.
    #[serde(skip)]
    pub name: &'static str,
    pub rows_used: usize,
    pub needed_by: Vec<String>,
}

/// Which kinds of input the catalog needs, which the folder has and how many rows of each
/// were used.
pub fn sources(catalog: &Catalog, ingested: &Ingested) -> Vec<Source> {
    use crate::catalog::{Measure, OutcomeMeasure};
    use crate::ingest::header::Kind;
    let used = |kinds: &[Kind]| -> usize {
        ingested
            .sheets()
            .filter(|(_, s)| s.kind.is_some_and(|k| kinds.contains(&k)))
            .map(|(_, s)| s.used)
            .sum()
    };
    let promises = |pick: &dyn Fn(&Measure) -> bool| -> Vec<String> {
        catalog
            .promises
            .iter()
            .filter(|p| p.measures().any(pick))
            .map(|p| p.id.clone())
            .collect()
    };
    let outcomes = |pick: &dyn Fn(&OutcomeMeasure) -> bool| -> Vec<String> {
        catalog
            .outcomes
            .iter()
            .filter(|o| pick(&o.measure))
            .map(|o| o.id.clone())
            .collect()
    };
    let source = |kind, name, kinds: &[Kind], needed_by| Source {
        kind,
        name,
        rows_used: used(kinds),
        needed_by,
    };
    vec![
        source(
            "log",
            "besöks- och aktivitetslogg",
            &[Kind::Log],
            promises(&|m| !m.log_types().0.is_empty()),
        ),
        source(
            "staffing",
            "bemanning",
            &[Kind::Staffing],
            promises(&|m| matches!(m, Measure::Bemanning { .. })),
        ),
        source(
            "status_notes",
            "lägesrapporter",
            &[Kind::StatusNotes],
            promises(&|m| matches!(m, Measure::Lagesrapport {} | Measure::Leverans(_))),
        ),
        source(
            "survey",
            "trygghetsmätning",
            &[Kind::SurveyAggregate, Kind::SurveyRespondent],
            outcomes(&|m| matches!(m, OutcomeMeasure::Enkat { .. })),
        ),
        source(
            "crime",
            "brottsstatistik",
            &[Kind::CrimeLong, Kind::CrimeWide],
            outcomes(&|m| matches!(m, OutcomeMeasure::Brott { .. })),
        ),
        source("population", "befolkning", &[Kind::Population], vec![]),
    ]
}

/// The sources in words: rows used per kind and for which commitments, and each source a
/// commitment needs that the folder lacks, named with what needs it.
pub fn write_sources(
    out: &mut impl Write,
    catalog: &Catalog,
    ingested: &Ingested,
) -> std::io::Result<()> {
    writeln!(out, "Löftets källor:")?;
    for s in sources(catalog, ingested) {
        let (name, needs) = (s.name, s.needed_by.join(", "));
        match (s.rows_used, s.needed_by.is_empty()) {
            (0, true) => {}
            (0, false) => writeln!(out, "  saknas: {name} ({needs} behöver den)")?,
            (n, true) => writeln!(out, "  {name}: {} {}", rows(n), used_word(n))?,
            (n, false) => writeln!(out, "  {name}: {} {}, för {needs}", rows(n), used_word(n))?,
        }
    }
    Ok(())
}

/// For `lofte check`: each share question's answer texts and how the catalog classes each
/// (counted in the share, in the base, left out), with how many respondents gave it.
pub fn write_survey_answers(out: &mut impl Write, ingested: &Ingested) -> std::io::Result<()> {
    use crate::ingest::answers::AnswerClass;
    let questions = &ingested.survey_answers;
    if questions.is_empty() {
        return Ok(());
    }
    writeln!(out, "Enkätsvar (per fråga som katalogen använder):")?;
    for q in questions {
        writeln!(out, "  {} (kolumn '{}'):", q.indicator, q.question)?;
        for a in &q.answers {
            let (text, n) = (&a.text, a.respondents);
            let how = match a.class {
                AnswerClass::Counted => "räknas i andelen",
                AnswerClass::Base => "i basen, räknas inte",
                AnswerClass::LeftOut => "utanför basen (ej_svar)",
            };
            writeln!(
                out,
                "    '{text}': {} – {how}",
                crate::fmt::count(n as f64, Lang::Sv)
            )?;
        }
        for missing in &q.never_given {
            writeln!(out, "    '{missing}' (andel_svar): gavs av ingen")?;
        }
    }
    Ok(())
}

/// "använd" after one row, "använda" after several.
fn used_word(n: usize) -> &'static str {
    if n == 1 {
        "använd"
    } else {
        "använda"
    }
}

/// A count of rows in Swedish: "1 rad", "3 rader".
pub fn rows(n: usize) -> String {
    if n == 1 {
        "1 rad".into()
    } else {
        format!("{} rader", crate::fmt::count(n as f64, Lang::Sv))
    }
}

/// A reason's example values for the analyst: " (t.ex. 'Centrum', 'Norr')".
pub fn examples(values: &[String]) -> String {
    if values.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
    format!(" (t.ex. {})", quoted.join(", "))
}

/// Skipped rows of a sheet grouped by reason, in first-seen order.
pub fn skipped_by_reason(s: &crate::ingest::SheetReport) -> Vec<(String, usize)> {
    s.reasons
        .iter()
        .filter(|r| r.disposition == Disposition::Skipped)
        .map(|r| (r.reason.clone(), r.rows))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_max_has_four_round_steps() {
        // 33 → steps of 10 → 40; 3.3 → steps of 1 → 4; 0.55 → steps of 0.2 → 0.8.
        assert_eq!(axis_max(33.0), 40.0);
        assert_eq!(axis_max(3.3), 4.0);
        assert!((axis_max(0.55) - 0.8).abs() < 1e-12);
        assert_eq!(axis_max(0.0), 4.0);
        // Counts: 1,1 would give steps of 0,5; whole steps instead.
        assert_eq!(axis_max(1.1), 2.0);
        assert_eq!(count_axis_max(1.1), 4.0);
        assert_eq!(count_axis_max(33.0), 40.0);
    }

    #[test]
    fn distinct_keeps_first_seen_order() {
        assert_eq!(distinct(["T1", "T1", "T2", "T1", "T3"]), ["T1", "T2", "T3"]);
    }

    #[test]
    fn every_english_label_differs_from_the_swedish_where_the_words_differ() {
        for sv in [
            "Sammanfattning",
            "Datakvalitet",
            "Bilaga B. Metod",
            "Tertialerna sida vid sida",
            "Helår",
        ] {
            assert_ne!(label(Lang::En, sv), sv);
            assert_eq!(label(Lang::Sv, sv), sv);
        }
    }
}
