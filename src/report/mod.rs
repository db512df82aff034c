//! Stage 3, reports: one file per output format. Writers produce bytes; only
//! [`write_all`] touches paths, publishing the whole set at once ([`publish`]) so a failed
//! or killed run never leaves a half-written or mixed report set.

pub mod csv;
pub mod document;
pub mod html;
pub mod overview;
pub mod pdf;
pub mod words;

pub use words::{label, method};
pub mod xlsx;

use std::io::Write;
use std::path::{Path, PathBuf};

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
    // A part that starts after the data date has no data, whatever its own computation says.
    let started = |t: &Results| year.data_date.is_some_and(|d| t.period.start() <= d);
    ids.map(|id| {
        let mut statuses: Vec<_> = report
            .tertials
            .iter()
            .map(|t| {
                if started(t) {
                    status_in(t, &id)
                } else {
                    crate::indicators::Status::NoData
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
    headers.extend(period.parts().iter().map(|p| match p {
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

/// Renders every format, then writes the files into `dir`. Nothing is written unless all
/// formats rendered.
pub fn write_all(report: &Report, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let outputs = render_all(report)?;
    publish(dir, &outputs)?;
    Ok(outputs.iter().map(|(name, _)| dir.join(name)).collect())
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

/// Publishes a report set as a whole: the files are written into a new hidden folder beside
/// `dir`, the old `dir` is moved aside and the new folder renamed into its place, so a kill
/// at any moment leaves the old set or the new one, never a mix (a set moved aside by a
/// killed run is put back on the next start). Other files the analyst keeps in `dir` are
/// carried over. A lock file stops a second run into the same folder.
pub fn publish(dir: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    let root = dir.parent().unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .context("rapportmappen saknar namn")?;
    std::fs::create_dir_all(root)
        .with_context(|| format!("mappen {} kunde inte skapas", root.display()))?;
    let lock_path = root.join(format!(".lofte-{name}.lock"));
    let lock = std::fs::File::create(&lock_path)
        .with_context(|| format!("kan inte skriva i {}", root.display()))?;
    if lock.try_lock().is_err() {
        anyhow::bail!(
            "en annan körning av lofte skriver redan rapporterna i {}; vänta tills den är klar och kör igen",
            dir.display()
        );
    }
    recover(root, name, dir)?;
    let staging = tempfile::Builder::new()
        .prefix(&format!(".lofte-new-{name}-"))
        .tempdir_in(root)
        .with_context(|| format!("kan inte skriva i {}", root.display()))?;
    write_synced(staging.path(), files)?;
    carry_over(dir, staging.path(), files)?;
    // A temporary folder is private (0700); a report folder is for sharing like any other.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(staging.path(), std::fs::Permissions::from_mode(0o755)).ok();
    }
    let staged = staging.keep();
    let old = root.join(format!(".lofte-old-{name}-{}", std::process::id()));
    if dir.exists() {
        std::fs::rename(dir, &old).with_context(|| {
            format!(
                "kan inte byta ut {} (är en fil i den öppen?)",
                dir.display()
            )
        })?;
    }
    std::fs::rename(&staged, dir)
        .with_context(|| format!("kan inte spara rapporterna i {}", dir.display()))?;
    std::fs::remove_dir_all(&old).ok();
    drop(lock);
    std::fs::remove_file(&lock_path).ok();
    Ok(())
}

/// Cleans up after a run that was killed while publishing: an old set moved aside with no
/// new one in its place is put back; half-written new sets and old sets already replaced
/// are removed.
fn recover(root: &Path, name: &str, dir: &Path) -> anyhow::Result<()> {
    let (new_prefix, old_prefix) = (format!(".lofte-new-{name}-"), format!(".lofte-old-{name}-"));
    for entry in std::fs::read_dir(root)?.flatten() {
        let file_name = entry.file_name();
        let Some(entry_name) = file_name.to_str() else {
            continue;
        };
        if entry_name.starts_with(&new_prefix) {
            std::fs::remove_dir_all(entry.path()).ok();
        } else if entry_name.starts_with(&old_prefix) {
            if dir.exists() {
                std::fs::remove_dir_all(entry.path()).ok();
            } else {
                std::fs::rename(entry.path(), dir)?;
            }
        }
    }
    Ok(())
}

/// Writes every file of a set into `staging`, each synced to disk, several at a time: a
/// region's set is over a hundred files, and syncing one at a time was 35 ms of waiting.
fn write_synced(staging: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    for (file, _) in files {
        // A region's set has a folder per promise: `karlslund/lofte-2017-T2.pdf`.
        if let Some(parent) = staging.join(file).parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("kan inte skapa {}", parent.display()))?;
        }
    }
    const WRITERS: usize = 8;
    let per_writer = files.len().div_ceil(WRITERS).max(1);
    let written: Vec<anyhow::Result<()>> = std::thread::scope(|scope| {
        let writers: Vec<_> = files
            .chunks(per_writer)
            .map(|chunk| scope.spawn(move || chunk.iter().try_for_each(|f| write_one(staging, f))))
            .collect();
        writers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("ett internt fel avbröt skrivningen")))
            })
            .collect()
    });
    written.into_iter().collect()
}

fn write_one(staging: &Path, (file, bytes): &(String, Vec<u8>)) -> anyhow::Result<()> {
    let path = staging.join(file);
    let mut f = std::fs::File::create(&path)
        .with_context(|| format!("kan inte skriva {}", path.display()))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .with_context(|| format!("kan inte skriva {}", path.display()))
}

/// Files in the old report folder that the new set does not replace (the analyst's own, a
/// report in the other language) are linked (or copied) into the new folder, in subfolders
/// too (a region's promise folders).
fn carry_over(dir: &Path, staging: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    carry_over_in(dir, staging, Path::new(""), files)
}

fn carry_over_in(
    dir: &Path,
    staging: &Path,
    sub: &Path,
    files: &[(String, Vec<u8>)],
) -> anyhow::Result<()> {
    let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = sub.join(entry.file_name());
        let file_type = entry.file_type()?;
        if file_type.is_dir() {
            carry_over_in(dir, staging, &name, files)?;
            continue;
        }
        let replaced = files.iter().any(|(f, _)| Path::new(f) == name);
        if replaced || !file_type.is_file() {
            continue;
        }
        let target = staging.join(&name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if std::fs::hard_link(entry.path(), &target).is_err() {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("kan inte behålla {}", entry.path().display()))?;
        }
    }
    Ok(())
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
            writeln!(
                out,
                "    rader: {} lästa = {} använda + {} avvisade + {} överhoppade ({} tomma)",
                s.read, s.used, s.rejected, s.skipped, s.empty
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
    writeln!(
        out,
        "Totalt: {read} rader = {used} använda + {rejected} avvisade + {skipped} överhoppade + {unread} i blad som inte lästes"
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
            .filter(|p| pick(&p.measure))
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
            promises(&|m| matches!(m, Measure::Lagesrapport | Measure::Leverans(_))),
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

#[cfg(test)]
mod publish_tests {
    use super::*;

    fn set(text: &str) -> Vec<(String, Vec<u8>)> {
        ["a.pdf", "indicators.csv"]
            .iter()
            .map(|f| (f.to_string(), text.as_bytes().to_vec()))
            .collect()
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn a_new_set_replaces_the_old_one_whole_and_keeps_the_analysts_files() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("2017-T2");
        publish(&dir, &set("old")).unwrap();
        std::fs::write(dir.join("mina anteckningar.txt"), "egna").unwrap();
        publish(&dir, &set("new")).unwrap();
        assert_eq!(read(&dir.join("a.pdf")), "new");
        assert_eq!(read(&dir.join("indicators.csv")), "new");
        assert_eq!(read(&dir.join("mina anteckningar.txt")), "egna");
        // Nothing is left beside it: no staging folder, no old set, no lock.
        let left: Vec<String> = std::fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, vec!["2017-T2".to_string()]);
    }

    #[test]
    fn a_regions_set_has_a_folder_per_promise_and_keeps_files_in_them() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("2017-T2");
        let region = |text: &str, lang: &str| -> Vec<(String, Vec<u8>)> {
            [
                format!("oversikt{lang}.pdf"),
                format!("karlslund/lofte{lang}.pdf"),
            ]
            .into_iter()
            .map(|f| (f, text.as_bytes().to_vec()))
            .collect()
        };
        publish(&dir, &region("sv 1", "")).unwrap();
        // The English set beside it, then the Swedish one again: each keeps the other.
        publish(&dir, &region("en", "-en")).unwrap();
        publish(&dir, &region("sv 2", "")).unwrap();
        assert_eq!(read(&dir.join("karlslund/lofte.pdf")), "sv 2");
        assert_eq!(read(&dir.join("karlslund/lofte-en.pdf")), "en");
        assert_eq!(read(&dir.join("oversikt-en.pdf")), "en");
        assert_eq!(read(&dir.join("oversikt.pdf")), "sv 2");
    }

    #[test]
    fn a_run_killed_between_the_renames_is_repaired_on_the_next_start() {
        // Killed after the old set was moved aside and before the new one was renamed in:
        // no period folder, an old set and a half-written new one beside it.
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("2017-T2");
        let old = out.path().join(".lofte-old-2017-T2-4242");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("a.pdf"), "old").unwrap();
        std::fs::write(old.join("mina anteckningar.txt"), "egna").unwrap();
        let half = out.path().join(".lofte-new-2017-T2-abc");
        std::fs::create_dir_all(&half).unwrap();
        std::fs::write(half.join("a.pdf"), "half").unwrap();
        recover(out.path(), "2017-T2", &dir).unwrap();
        assert_eq!(
            read(&dir.join("a.pdf")),
            "old",
            "the old set is back, whole"
        );
        assert!(!half.exists() && !old.exists());
        publish(&dir, &set("new")).unwrap();
        assert_eq!(read(&dir.join("a.pdf")), "new");
        assert_eq!(read(&dir.join("mina anteckningar.txt")), "egna");
    }

    #[test]
    fn a_second_run_into_the_same_folder_is_refused_while_the_first_holds_the_lock() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("2017-T2");
        let lock = std::fs::File::create(out.path().join(".lofte-2017-T2.lock")).unwrap();
        lock.lock().unwrap();
        let err = publish(&dir, &set("new")).unwrap_err().to_string();
        assert!(
            err.starts_with("en annan körning av lofte skriver redan rapporterna"),
            "{err}"
        );
        assert!(!dir.exists());
    }
}
