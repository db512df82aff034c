//! Stage 1, ingest: every workbook in the input folder → typed tables, with every row
//! accounted for (used, rejected with its reason and place, or skipped for a stated reason).
// Whatever a workbook holds must never reach a panic here: indexing is checked.
#![warn(clippy::indexing_slicing)]

pub mod answers;
pub mod cell;
pub mod csv_file;
pub mod header;
mod region;
mod rows;
mod source;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

pub use header::Kind;
pub use region::{read_folder_region, Neighbours, RegionInput, MISSING_AREA};
pub use source::{
    is_csv_name, read_file, read_file_with, Limits, SheetGrid, SourceError, MAX_FILE_BYTES,
};

use crate::catalog::{Catalog, Source};

/// The sheets a template adds beside its data sheet; ingest knows them as help, not input.
pub const HELP_SHEETS: [&str; 2] = ["Instruktioner", "Listor"];

/// Where a value sits: `file.xlsx › Sheet › rad 17 › kolumn C`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub sheet: String,
    /// 1-based, as Excel shows it (in a CSV, the physical line).
    pub row: u32,
    /// Excel's column letter, counted from column A.
    pub column: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} › {} › rad {}", self.file, self.sheet, self.row)?;
        if let Some(c) = &self.column {
            write!(f, " › kolumn {c}")?;
        }
        Ok(())
    }
}

/// Excel's letters for a 0-based column index: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(mut index: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    letters.into_iter().map(char::from).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    Rejected,
    Skipped,
}

/// One row that was not used, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowIssue {
    pub location: Location,
    pub disposition: Disposition,
    pub value: String,
    /// Why, in words for anyone ("okänd plats").
    pub reason: String,
    /// What the analyst can do about it, in the tool's terms ("lägg till namnet som alias
    /// under [[plats]] i katalogen"): for `lofte check` and the workbook, never the PDF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
}

impl RowIssue {
    /// The reason with its advice, for the analyst: "okänd plats: lägg till …".
    pub fn for_analyst(&self) -> String {
        with_advice(&self.reason, self.advice.as_deref())
    }
}

/// "reason: advice", or the reason alone.
pub fn with_advice(reason: &str, advice: Option<&str>) -> String {
    match advice {
        Some(a) => format!("{reason}: {a}"),
        None => reason.to_string(),
    }
}

/// Rows not used for one reason in one sheet: how many, and the first and last row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReasonCount {
    pub disposition: Disposition,
    pub reason: String,
    /// What the analyst can do about it (see [`RowIssue::advice`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
    pub rows: usize,
    pub first_row: u32,
    pub last_row: u32,
    /// Up to [`EXAMPLES_PER_REASON`] different values of these rows, for the analyst (the
    /// workbook and `lofte check`; never the PDF, the values may be personal data).
    pub examples: Vec<String>,
}

impl ReasonCount {
    /// Rows of this reason beyond those listed one by one ([`listed_per_reason`]): the
    /// reports give them as one count with the row range.
    pub fn unlisted(&self) -> usize {
        self.rows
            .saturating_sub(listed_per_reason(self.disposition))
    }
}

/// How many different values a reason keeps as examples.
pub const EXAMPLES_PER_REASON: usize = 3;

/// How many rejected rows per reason and sheet are listed one by one in `issues`; the rest
/// are counted in `reasons`. A broken extract can reject every row, more than anyone reads.
pub const LISTED_PER_REASON: usize = 1000;

/// How many skipped rows per reason and sheet are listed one by one. A skipped row is left
/// out by design (a category no group counts, a totals row, a log type no promise measures):
/// the analyst needs its reason, count, row range and a few examples, not every row. A
/// region's extract skips thousands of rows per sheet for one such reason, and each
/// promise's workbook listed them all: 4 000 rows per promise that nobody reads.
pub const LISTED_SKIPPED_PER_REASON: usize = 100;

/// How many rows of one reason and sheet are listed one by one: every rejected row up to
/// [`LISTED_PER_REASON`], skipped rows up to [`LISTED_SKIPPED_PER_REASON`].
pub fn listed_per_reason(disposition: Disposition) -> usize {
    match disposition {
        Disposition::Rejected => LISTED_PER_REASON,
        Disposition::Skipped => LISTED_SKIPPED_PER_REASON,
    }
}

/// What happened to one sheet. Invariant: `read == used + rejected + skipped + unread`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SheetReport {
    pub sheet: String,
    pub kind: Option<Kind>,
    /// 1-based row of the header, as Excel shows it.
    pub header_row: Option<u32>,
    pub read: usize,
    pub used: usize,
    pub rejected: usize,
    pub skipped: usize,
    /// Non-empty rows of a sheet that was not read (no known kind, or a broken header).
    pub unread: usize,
    /// Set when the sheet is plainly a known kind with a required column missing: an error
    /// that stops `run` like an unreadable file.
    pub error: Option<String>,
    /// Of the skipped rows, how many were completely empty (not listed one by one).
    pub empty: usize,
    /// Rows not used, with their place: per reason, the first [`listed_per_reason`].
    pub issues: Vec<RowIssue>,
    /// Every reason rows were rejected or skipped (except empty rows), with counts.
    pub reasons: Vec<ReasonCount>,
    /// Why a sheet was not read (no known kind), or other sheet-level remarks.
    pub note: Option<String>,
    /// A template's Instruktioner or Listor sheet ([`HELP_SHEETS`]): not
    /// input, and not listed among the sheets of no known kind.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub help: bool,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
    /// A CSV file's text encoding as read (UTF-8, UTF-16, Windows-1252).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

impl SheetReport {
    pub fn reconciles(&self) -> bool {
        self.read == self.used + self.rejected + self.skipped + self.unread
    }

    /// Adds the account of a later block of the same sheet (a CSV read in blocks): counts
    /// add up, each reason's rows, range and examples merge, rows stay listed one by one up
    /// to [`listed_per_reason`] per reason (the earliest), dates widen. The first block's
    /// kind, header, error and note stand.
    pub fn absorb(&mut self, mut later: SheetReport) {
        self.read += later.read;
        self.used += later.used;
        self.rejected += later.rejected;
        self.skipped += later.skipped;
        self.unread += later.unread;
        self.empty += later.empty;
        self.error = self.error.take().or(later.error);
        self.note = self.note.take().or(later.note);
        self.first_date = self.first_date.into_iter().chain(later.first_date).min();
        self.last_date = self.last_date.into_iter().chain(later.last_date).max();
        let issues = std::mem::take(&mut later.issues);
        // Room left per reason: a reason lists its first rows, so it has listed
        // min(rows, limit) of them so far (counted, not searched: absorbed per block).
        let mut room: Vec<(Disposition, &str, usize)> = later
            .reasons
            .iter()
            .map(|r| {
                let limit = listed_per_reason(r.disposition);
                let listed = self
                    .reasons
                    .iter()
                    .find(|k| k.disposition == r.disposition && k.reason == r.reason)
                    .map_or(0, |k| k.rows.min(limit));
                (
                    r.disposition,
                    r.reason.as_str(),
                    limit.saturating_sub(listed),
                )
            })
            .collect();
        for issue in issues {
            let slot = room
                .iter_mut()
                .find(|(d, r, _)| *d == issue.disposition && *r == issue.reason);
            match slot {
                Some((_, _, 0)) => {}
                Some((_, _, left)) => {
                    *left -= 1;
                    self.issues.push(issue);
                }
                None => self.issues.push(issue),
            }
        }
        for reason in later.reasons {
            self.absorb_reason(reason);
        }
    }

    fn absorb_reason(&mut self, later: ReasonCount) {
        let same = self.reasons.iter_mut().find(|r| {
            (r.disposition, &r.reason, &r.advice)
                == (later.disposition, &later.reason, &later.advice)
        });
        let Some(known) = same else {
            self.reasons.push(later);
            return;
        };
        known.rows += later.rows;
        known.first_row = known.first_row.min(later.first_row);
        known.last_row = known.last_row.max(later.last_row);
        for example in later.examples {
            if known.examples.len() < EXAMPLES_PER_REASON && !known.examples.contains(&example) {
                known.examples.push(example);
            }
        }
    }
}

/// What happened to one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub file: String,
    pub size: u64,
    pub sha256: String,
    /// Set when the file could not be read at all.
    pub error: Option<String>,
    pub sheets: Vec<SheetReport>,
}

impl FileReport {
    /// A file's report before any of it is read: its name, its size on disk and, if it
    /// cannot be read, why.
    fn unread(file: String, size: u64, error: Option<String>) -> Self {
        FileReport {
            file,
            size,
            sha256: String::new(),
            error,
            sheets: vec![],
        }
    }
}

/// A reported crime, or a count of them, mapped to a catalog crime group. 32 bytes: a
/// national follow-up keeps ten million of them.
#[derive(Debug, Clone, PartialEq)]
pub struct CrimeRecord {
    /// Where, which group and which category: shared by every row of the same area and
    /// category (one pointer a row instead of three shared strings).
    pub key: Arc<CrimeKey>,
    pub when: CrimeWhen,
    pub count: f64,
}

impl CrimeRecord {
    /// The area as the catalog names it (the promise's, or an outcome's other level).
    pub fn area(&self) -> &str {
        &self.key.area
    }

    /// The catalog crime group's id.
    pub fn group(&self) -> &str {
        &self.key.group
    }

    /// The category as the source writes it.
    pub fn category(&self) -> &str {
        &self.key.category
    }
}

/// A crime row's area, catalog group and category as the source writes it.
#[derive(Debug, PartialEq, Eq)]
pub struct CrimeKey {
    pub area: Box<str>,
    pub group: Box<str>,
    pub category: Box<str>,
}

impl CrimeKey {
    pub fn new(area: &str, group: &str, category: &str) -> Arc<Self> {
        Arc::new(CrimeKey {
            area: area.into(),
            group: group.into(),
            category: category.into(),
        })
    }
}

/// How precisely a crime source dates its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CrimeWhen {
    Day(NaiveDate),
    Month(i32, u32),
    Year(i32),
}

impl CrimeWhen {
    /// The days a crime record speaks of: its day, month or year, first and last.
    pub fn days(self) -> (NaiveDate, NaiveDate) {
        use crate::period::{month_end, month_start};
        match self {
            CrimeWhen::Day(d) => (d, d),
            CrimeWhen::Month(y, m) => (month_start(y, m), month_end(y, m)),
            CrimeWhen::Year(y) => (month_start(y, 1), month_end(y, 12)),
        }
    }
}

/// One published survey figure (aggregated form).
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyFigure {
    pub year: i32,
    pub area: String,
    pub indicator: String,
    /// A share in 0–1, or an index value.
    pub value: f64,
    pub n: Option<f64>,
    pub ci: Option<(f64, f64)>,
    pub response_rate: Option<f64>,
    /// Where the figure stands (its value cell), for a collision's message.
    pub location: Option<Location>,
}

/// One survey respondent in the promise's area.
#[derive(Debug, Clone, PartialEq)]
pub struct Respondent {
    /// The area as the catalog names it (the promise's, or an outcome's other level).
    pub area: Arc<str>,
    pub year: i32,
    pub weight: f64,
    /// (question column as named in the catalog, answer text); empty answers are left out.
    /// Shared texts: 200 000 respondents give a handful of different answers.
    pub answers: Vec<(Arc<str>, Arc<str>)>,
}

impl Respondent {
    pub fn answer(&self, question: &str) -> Option<&str> {
        self.answers
            .iter()
            .find(|(q, _)| &**q == question)
            .map(|(_, a)| &**a)
    }
}

/// One visit, check, operation, patrol or activity.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LogEntry {
    pub date: NaiveDate,
    pub kind: String,
    /// The catalog place id, when the row names a catalog place.
    pub place: Option<String>,
    pub focus: Vec<String>,
    pub hours: Option<f64>,
    pub participants: Option<f64>,
    /// Start time in minutes after midnight (the Klockslag column, or the date's own time).
    pub start_minute: Option<u32>,
    /// End time in minutes after midnight; may be smaller than the start (past midnight).
    pub end_minute: Option<u32>,
    /// Who did it (the Utförare column: "Polisen", "Kommunen", "Gemensam").
    pub performer: Option<String>,
    /// A total carried in the row (the Antal column of a register total).
    pub count: Option<f64>,
    /// When a case was done (the Åtgärdad column).
    pub done_at: Option<chrono::NaiveDateTime>,
    /// The part of the area (a `[[delomrade]]` name): the Område column, else the place's.
    pub area: Option<String>,
}

/// One person's assignment to a role at a place.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub role: String,
    pub place: String,
    pub person: String,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    /// The hours of the shift (Klockslag–Sluttid, minutes after midnight; the end may be
    /// smaller: past midnight); `None`: the whole day.
    pub hours: Option<(u32, u32)>,
}

/// The statuses a status note can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NoteStatus {
    Done,
    Ongoing,
    Delayed,
    NotStarted,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusNote {
    pub promise: String,
    pub date: NaiveDate,
    pub status: NoteStatus,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Population {
    pub area: String,
    pub year: i32,
    pub inhabitants: f64,
    /// Where the figure stands, for a collision's message.
    pub location: Option<Location>,
}

/// Everything read from the input folder, typed.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    pub crimes: Vec<CrimeRecord>,
    pub survey_figures: Vec<SurveyFigure>,
    pub respondents: Vec<Respondent>,
    pub logs: Vec<LogEntry>,
    pub assignments: Vec<Assignment>,
    pub notes: Vec<StatusNote>,
    pub population: Vec<Population>,
    /// In a region, the latest day each kind of shared input reaches over every promise's
    /// rows: a log kept for the whole region covers a promise's area up to the log's last
    /// row, even when that area's own rows end earlier. Empty for a single promise.
    pub shared_through: Vec<(Source, NaiveDate)>,
}

impl Tables {
    /// Notes that a shared workbook's row of `source` (another area's, in a single run)
    /// reaches `day`.
    pub fn note_shared(&mut self, source: Source, day: NaiveDate) {
        match self.shared_through.iter_mut().find(|(s, _)| *s == source) {
            Some((_, d)) => *d = (*d).max(day),
            None => self.shared_through.push((source, day)),
        }
    }

    /// The latest day one kind of dated input reaches among these rows: the logs' and the
    /// status notes' latest dates; for crime, the last day of its latest record with a
    /// figure (a reported crime's own date, a month's or a year's last day; never rounded
    /// up; a missing figure, "..", reaches nowhere).
    pub fn latest_day(&self, source: Source) -> Option<NaiveDate> {
        match source {
            Source::Logg => self.logs.iter().map(|l| l.date).max(),
            Source::Brott => self
                .crimes
                .iter()
                .filter(|c| !c.count.is_nan())
                .map(|c| c.when.days().1)
                .max(),
            Source::Lagesrapporter => self.notes.iter().map(|n| n.date).max(),
        }
    }

    /// [`Tables::latest_day`] of each kind of input that has rows.
    pub fn latest_days(&self) -> Vec<(Source, NaiveDate)> {
        Source::ALL
            .into_iter()
            .filter_map(|s| Some((s, self.latest_day(s)?)))
            .collect()
    }

    /// Every row of `parts`, in their order, in one set of tables. Each table is made as
    /// large as all its parts first: a promise's crime rows come from a file per year, and
    /// appending them one file at a time grew and copied the table once per file.
    pub fn concat(parts: Vec<Tables>) -> Tables {
        let mut all = Tables::default();
        let rows = |table: fn(&Tables) -> usize| parts.iter().map(table).sum::<usize>();
        all.crimes.reserve(rows(|t| t.crimes.len()));
        all.respondents.reserve(rows(|t| t.respondents.len()));
        all.logs.reserve(rows(|t| t.logs.len()));
        for part in parts {
            all.append(part);
        }
        all
    }

    /// Moves every row of `other` to the end of these tables.
    pub(crate) fn append(&mut self, other: Tables) {
        move_rows(&mut self.crimes, other.crimes);
        move_rows(&mut self.survey_figures, other.survey_figures);
        move_rows(&mut self.respondents, other.respondents);
        move_rows(&mut self.logs, other.logs);
        move_rows(&mut self.assignments, other.assignments);
        move_rows(&mut self.notes, other.notes);
        move_rows(&mut self.population, other.population);
        for (source, day) in other.shared_through {
            self.note_shared(source, day);
        }
    }

    /// Room for `rows` more rows in the table a sheet of this kind fills (a region's pass
    /// knows how many rows it will read; growing by doubling copied and faulted in each
    /// table's memory several times over).
    pub fn reserve(&mut self, kind: Kind, rows: usize) {
        match kind {
            Kind::CrimeLong => self.crimes.reserve(rows),
            Kind::SurveyRespondent => self.respondents.reserve(rows),
            Kind::Log => self.logs.reserve(rows),
            _ => {}
        }
    }
}

/// Moves `from`'s rows to the end of `into`; an empty `into` without room of its own takes
/// `from`'s memory as it is.
fn move_rows<T>(into: &mut Vec<T>, mut from: Vec<T>) {
    if into.is_empty() && into.capacity() < from.len() {
        *into = from;
    } else {
        into.append(&mut from);
    }
}

/// The result of reading a folder: the tables and an account of every file.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    pub tables: Tables,
    pub files: Vec<FileReport>,
    /// Links in the input folder that point out of it: not followed, named in the summary.
    pub outside_links: Vec<String>,
    /// Workbooks open in Excel (an Excel lock file `~$name` beside them): edits not yet
    /// saved are not in the reports, and the summary says so.
    pub open_in_excel: Vec<String>,
    /// Each share question's answers as the catalog classes them ([`answers::answers`]).
    pub survey_answers: Vec<answers::QuestionAnswers>,
}

impl Ingested {
    /// Survey answers the catalog names that the survey does not hold (renamed answers):
    /// errors that stop `run` like an unreadable sheet ([`answers::problems`]).
    pub fn answer_problems(&self) -> Vec<String> {
        answers::problems(&self.survey_answers)
    }

    pub fn sheets(&self) -> impl Iterator<Item = (&FileReport, &SheetReport)> {
        self.files
            .iter()
            .flat_map(|f| f.sheets.iter().map(move |s| (f, s)))
    }

    pub fn issues(&self) -> impl Iterator<Item = &RowIssue> {
        self.sheets().flat_map(|(_, s)| s.issues.iter())
    }

    /// Rows read, used, rejected, skipped and in sheets that were not read, over all files.
    pub fn totals(&self) -> (usize, usize, usize, usize, usize) {
        self.sheets()
            .fold((0, 0, 0, 0, 0), |(r, u, j, s, n), (_, sh)| {
                (
                    r + sh.read,
                    u + sh.used,
                    j + sh.rejected,
                    s + sh.skipped,
                    n + sh.unread,
                )
            })
    }

    /// Files that could not be read at all.
    pub fn file_errors(&self) -> impl Iterator<Item = &FileReport> {
        self.files.iter().filter(|f| f.error.is_some())
    }

    /// Every problem that makes the input incomplete, one line each: files that could not be
    /// read and sheets whose header lacks a required column.
    pub fn problems(&self) -> Vec<String> {
        let files = self
            .file_errors()
            .map(|f| format!("{}: {}", f.file, f.error.as_deref().unwrap_or("")));
        let sheets = self
            .sheets()
            .filter_map(|(f, s)| s.error.as_ref().map(|e| format!("{} › {}", f.file, e)));
        files.chain(sheets).chain(self.answer_problems()).collect()
    }

    /// Sheets of no known kind that were left out (not errors), as `file › sheet`.
    pub fn ignored_sheets(&self) -> Vec<String> {
        self.sheets()
            .filter(|(_, s)| s.kind.is_none() && s.error.is_none() && !s.help)
            .map(|(f, s)| format!("{} › {}", f.file, s.sheet))
            .collect()
    }
}

/// What an input folder holds, from one pass over it.
#[derive(Debug, Default)]
pub struct Listing {
    /// Spreadsheets and CSV to read (not lock files or hidden files), in name order.
    pub files: Vec<PathBuf>,
    /// Links that lead out of the folder: not followed, since a link could make lofte read
    /// a file the analyst never put in the input.
    pub outside_links: Vec<String>,
    /// Workbooks Excel has open: Excel keeps a lock file `~$name` beside each, which lofte
    /// never reads.
    pub open_in_excel: Vec<String>,
}

/// The file an Office lock file names (`~$logg.xlsx` → `logg.xlsx`): Excel keeps one beside
/// every workbook it has open. `None` for any other file.
pub fn office_lock_of(file_name: &str) -> Option<&str> {
    file_name.strip_prefix("~$")
}

/// Lists an input folder: the files to read, links out of it, workbooks open in Excel.
pub fn input_files(dir: &Path) -> std::io::Result<Listing> {
    let home = dir.canonicalize()?;
    let mut listing = Listing::default();
    for entry in std::fs::read_dir(dir)?.flatten() {
        let path = entry.path();
        if let Some(open) = entry.file_name().to_str().and_then(office_lock_of) {
            listing.open_in_excel.push(open.to_string());
        }
        if !path.is_file() || !is_input_name(&path) {
            continue;
        }
        let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
        let inside = path
            .canonicalize()
            .is_ok_and(|real| real.parent() == Some(home.as_path()));
        if is_link && !inside {
            let name = entry.file_name().to_string_lossy().into_owned();
            listing.outside_links.push(name);
        } else {
            listing.files.push(path);
        }
    }
    listing.files.sort();
    listing.outside_links.sort();
    listing.open_in_excel.sort();
    Ok(listing)
}

fn is_input_name(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    office_lock_of(name).is_none()
        && !name.starts_with('.')
        && source::EXTENSIONS.contains(&ext.as_str())
}

/// Reads every input file of a folder, several at a time (one per core). A file that cannot
/// be read is reported in its [`FileReport`] and does not stop the others. Files are merged
/// in name order, so the result does not depend on which thread read what.
pub fn read_folder(dir: &Path, catalog: &Catalog) -> std::io::Result<Ingested> {
    read_folder_with_progress(dir, catalog, &|_, _| {})
}

/// [`read_folder`], calling `progress(files read, files)` after each file (for a progress
/// bar; from the reading threads, in any order).
pub fn read_folder_with_progress(
    dir: &Path,
    catalog: &Catalog,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> std::io::Result<Ingested> {
    let Listing {
        files: paths,
        outside_links,
        open_in_excel,
    } = input_files(dir)?;
    let read = read_in_parallel(&paths, progress, |path| read_path(path, catalog));
    let mut ingested = Ingested {
        outside_links,
        open_in_excel,
        ..Default::default()
    };
    let mut parts = Vec::new();
    for (report, tables) in read {
        parts.push(tables);
        ingested.files.push(report);
    }
    ingested.tables = Tables::concat(parts);
    reject_collisions(&mut ingested);
    ingested.survey_answers = answers::answers(catalog, &ingested.tables);
    Ok(ingested)
}

/// Runs `read` on every path, several at a time (one per core), largest files first, so no
/// thread is left with one big file at the end; results in the paths' order.
fn read_in_parallel<T: Send>(
    paths: &[PathBuf],
    progress: &(dyn Fn(usize, usize) + Sync),
    read: impl Fn(&Path) -> T + Sync,
) -> Vec<T> {
    crate::parallel::map(paths, |p| file_size(p), progress, |p| read(p))
}

/// A file's size in bytes (0 when it cannot be asked): reading starts with the largest
/// files, and a file over the size limit is refused before it is read.
fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Published survey figures and population figures that stand for the same thing (the
/// same indicator, area and year; the same area and year) — e.g. two sub-areas written as
/// aliases of one area — are all rejected with their places, never one picked at random.
/// Returns each row it rejected: its place, what collided and the reason.
fn reject_collisions(ingested: &mut Ingested) -> Vec<(Location, String, String)> {
    let mut rejected = vec![];
    let figures = std::mem::take(&mut ingested.tables.survey_figures);
    let (kept, clashes) = split_collisions(figures, |f| {
        (f.indicator.clone(), crate::names::fold(&f.area), f.year)
    });
    ingested.tables.survey_figures = kept;
    for group in clashes {
        let places: Vec<Option<Location>> = group.iter().map(|f| f.location.clone()).collect();
        let Some(first) = group.first() else { continue };
        let what = format!("{} {} {}", first.indicator, first.area, first.year);
        rejected.extend(reject_group(
            ingested,
            &places,
            &what,
            "indikator, område och år",
        ));
    }
    let population = std::mem::take(&mut ingested.tables.population);
    let (kept, clashes) = split_collisions(population, |p| (crate::names::fold(&p.area), p.year));
    ingested.tables.population = kept;
    for group in clashes {
        let places: Vec<Option<Location>> = group.iter().map(|p| p.location.clone()).collect();
        let Some(first) = group.first() else { continue };
        let what = format!("{} {}", first.area, first.year);
        rejected.extend(reject_group(ingested, &places, &what, "område och år"));
    }
    rejected
}

/// Items whose key no other item has, and the groups that share a key (in input order).
fn split_collisions<T, K: Ord>(items: Vec<T>, key: impl Fn(&T) -> K) -> (Vec<T>, Vec<Vec<T>>) {
    let mut groups: std::collections::BTreeMap<K, Vec<T>> = Default::default();
    let mut order = vec![];
    for item in items {
        let k = key(&item);
        if !groups.contains_key(&k) {
            order.push(key(&item));
        }
        groups.entry(k).or_default().push(item);
    }
    let (mut kept, mut clashes) = (vec![], vec![]);
    for k in order {
        let Some(group) = groups.remove(&k) else {
            continue;
        };
        if group.len() == 1 {
            kept.extend(group);
        } else {
            clashes.push(group);
        }
    }
    (kept, clashes)
}

/// Turns the used rows at `places` into rejected rows that name each other; returns each
/// row's place, `what` and reason.
fn reject_group(
    ingested: &mut Ingested,
    places: &[Option<Location>],
    what: &str,
    key: &str,
) -> Vec<(Location, String, String)> {
    let mut rejected = vec![];
    let all: Vec<String> = places.iter().flatten().map(ToString::to_string).collect();
    for place in places.iter().flatten() {
        let others: Vec<&str> = all
            .iter()
            .filter(|o| **o != place.to_string())
            .map(String::as_str)
            .collect();
        let reason = format!(
            "samma {key} ({what}) som {}: alla sådana rader avvisas; ta bort eller rätta den som inte gäller",
                        others.join(" och ")
        );
        mark_rejected(&mut ingested.files, place, what, &reason);
        rejected.push((place.clone(), what.to_string(), reason));
    }
    rejected
}

/// Turns the used row at `place` into a rejected row with `reason`.
fn mark_rejected(files: &mut [FileReport], place: &Location, what: &str, reason: &str) {
    {
        let Some(sheet) = files
            .iter_mut()
            .filter(|f| f.file == place.file)
            .flat_map(|f| f.sheets.iter_mut())
            .find(|s| s.sheet == place.sheet)
        else {
            return;
        };
        sheet.used -= 1;
        sheet.rejected += 1;
        if rows::count_reason(
            &mut sheet.reasons,
            Disposition::Rejected,
            (reason, None),
            what,
            place.row,
        ) {
            sheet.issues.push(RowIssue {
                location: place.clone(),
                disposition: Disposition::Rejected,
                value: what.to_string(),
                reason: reason.to_string(),
                advice: None,
            });
        }
    }
}

fn read_path(path: &Path, catalog: &Catalog) -> (FileReport, Tables) {
    if is_csv_name(&file_name(path)) {
        let open = || std::fs::File::open(path).map(std::io::BufReader::new);
        let name = file_name(path);
        return read_csv(&name, file_size(path), open, catalog, csv_file::BLOCK_ROWS);
    }
    read_path_with(
        path,
        |name, bytes| {
            let mut tables = Tables::default();
            (read_bytes(name, bytes, catalog, &mut tables), tables)
        },
        |report| (report, Tables::default()),
    )
}

/// Reads a file's bytes and hands them to `read`; a file over the size limit or that
/// cannot be opened becomes a report with its error, handed to `failed`.
fn read_path_with<T>(
    path: &Path,
    read: impl FnOnce(&str, &[u8]) -> T,
    failed: impl FnOnce(FileReport) -> T,
) -> T {
    let name = file_name(path);
    // The size limit is checked before the file is read, so a huge file costs no memory.
    let size = file_size(path);
    if size > MAX_FILE_BYTES as u64 {
        let error = SourceError::TooLarge {
            size: size as usize,
            limit: MAX_FILE_BYTES,
        };
        return failed(FileReport::unread(name, size, Some(error.to_string())));
    }
    match std::fs::read(path) {
        Ok(bytes) => read(&name, &bytes),
        Err(e) => failed(FileReport::unread(name, 0, Some(unreadable(e)))),
    }
}

/// Why a file could not be read, for the analyst.
fn unreadable(e: std::io::Error) -> String {
    format!("filen kunde inte läsas: {e}")
}

/// A path's file name as the reports name it.
fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("?")
        .to_string()
}

/// Reads a CSV file a block at a time ([`csv_file`]) into its own tables: one sheet, whose
/// account adds up the blocks'. A file that fails part way gives its error and no rows.
/// `size` is its size on disk; `open` opens it anew: it is read twice, to sniff it and to
/// read it.
pub fn read_csv<R: std::io::Read + Send>(
    name: &str,
    size: u64,
    open: impl Fn() -> std::io::Result<R>,
    catalog: &Catalog,
    block_rows: usize,
) -> (FileReport, Tables) {
    // The pass begun on the first block reads every later one.
    let mut pass: Option<Result<rows::SheetPass, Box<SheetReport>>> = None;
    let mut report = stream_csv(name, size, open, block_rows, |grid| match pass.as_mut() {
        None => {
            let mut begun = rows::SheetPass::start(name, grid, catalog, None);
            if let Ok(p) = begun.as_mut() {
                p.read_all(grid);
            }
            pass = Some(begun);
        }
        Some(Ok(p)) => {
            p.next_block(grid);
            p.read_all(grid);
        }
        Some(Err(unread)) => rows::unread_block(unread, name, grid, catalog, None),
    });
    let (sheet, tables) = match pass {
        Some(Ok(p)) => {
            let (sheet, tables) = p.finish();
            (Some(sheet), tables)
        }
        Some(Err(unread)) => (Some(*unread), Tables::default()),
        None => (None, Tables::default()),
    };
    if report.error.is_some() {
        return (report, Tables::default());
    }
    report.sheets.extend(sheet);
    (report, tables)
}

/// Streams a CSV file's blocks to `each_block`, in order. Returns the file's report (size,
/// hash; no sheets), with the error that stopped it, if any: the blocks handed out before
/// an error must then be discarded by the caller. An empty file, or one over
/// [`csv_file::MAX_CSV_BYTES`] by its `size` on disk, is refused before a byte is read.
fn stream_csv<R: std::io::Read + Send>(
    name: &str,
    size: u64,
    open: impl Fn() -> std::io::Result<R>,
    block_rows: usize,
    mut each_block: impl FnMut(&SheetGrid),
) -> FileReport {
    let mut report = FileReport::unread(name.to_string(), size, None);
    if size == 0 {
        report.error = Some(SourceError::Empty.to_string());
        return report;
    }
    if size > csv_file::MAX_CSV_BYTES {
        let (size, limit) = (size as usize, csv_file::MAX_CSV_BYTES as usize);
        report.error = Some(SourceError::TooLarge { size, limit }.to_string());
        return report;
    }
    let sniffed = match open().and_then(csv_file::sniff) {
        Ok(s) => s,
        Err(e) => {
            report.error = Some(unreadable(e));
            return report;
        }
    };
    report.size = sniffed.size;
    report.sha256 = sniffed.sha256.clone();
    let reader = match open() {
        Ok(r) => r,
        Err(e) => {
            report.error = Some(unreadable(e));
            return report;
        }
    };
    let limits = Limits::default();
    let mut blocks = csv_file::CsvBlocks::new(name, &sniffed, reader, &limits, block_rows);
    // Cutting the next block (decoding, splitting, a cell per value) runs beside reading
    // this one: two cores on one large file. At most BLOCKS_AHEAD blocks wait.
    let (sender, receiver) = std::sync::mpsc::sync_channel(BLOCKS_AHEAD);
    std::thread::scope(|scope| {
        scope.spawn(move || loop {
            let block = blocks.next_block();
            let last = !matches!(block, Ok(Some(_)));
            if sender.send(block).is_err() || last {
                break;
            }
        });
        for block in receiver {
            match block {
                Ok(Some(grid)) => each_block(&grid),
                Ok(None) => break,
                Err(e) => {
                    report.error = Some(e.to_string());
                    break;
                }
            }
        }
    });
    report
}

/// Blocks of a CSV file cut ahead of the one being read.
const BLOCKS_AHEAD: usize = 2;

/// The SHA-256 of `bytes` in lower-case hex: how files are told apart in reports and in
/// the archive of published reports.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A file's report before its sheets are read: name, size and checksum.
fn file_report(name: &str, bytes: &[u8]) -> FileReport {
    FileReport {
        file: name.to_string(),
        size: bytes.len() as u64,
        sha256: sha256_hex(bytes),
        error: None,
        sheets: vec![],
    }
}

/// Every workbook has a sheet: none means a missing part (xl/workbook.xml).
const NO_SHEETS: &str =
    "arbetsboken har inga blad (en del av filen saknas, t.ex. xl/workbook.xml); spara om den från Excel";

/// Reads one file's bytes (its name tells the format) into `tables`.
pub fn read_bytes(name: &str, bytes: &[u8], catalog: &Catalog, tables: &mut Tables) -> FileReport {
    if is_csv_name(name) {
        let size = bytes.len() as u64;
        let (report, read) = read_csv(name, size, || Ok(bytes), catalog, csv_file::BLOCK_ROWS);
        tables.append(read);
        return report;
    }
    let mut report = file_report(name, bytes);
    match sheets_of(name, bytes) {
        Ok(sheets) => {
            for grid in sheets {
                report
                    .sheets
                    .push(rows::read_sheet(name, &grid, catalog, tables));
            }
        }
        Err(e) => report.error = Some(e),
    }
    report
}

/// A file's sheets, or why it could not be read (a workbook without sheets included).
fn sheets_of(name: &str, bytes: &[u8]) -> Result<Vec<SheetGrid>, String> {
    match read_file(name, bytes) {
        Ok(sheets) if sheets.is_empty() => Err(NO_SHEETS.into()),
        Ok(sheets) => Ok(sheets),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn a_crime_record_is_32_bytes() {
        // Ten million of them in a national follow-up: 72 bytes with the area, group and
        // category as three shared strings, 32 with one shared key.
        assert_eq!(std::mem::size_of::<CrimeRecord>(), 32);
    }

    #[test]
    fn lock_and_hidden_files_are_not_inputs() {
        assert!(is_input_name(Path::new("in/brott.xlsx")));
        assert!(is_input_name(Path::new("in/BROTT.XLSX")));
        assert!(is_input_name(Path::new("in/brott.csv")));
        assert!(!is_input_name(Path::new("in/~$brott.xlsx")));
        assert!(!is_input_name(Path::new("in/.brott.xlsx")));
        assert!(!is_input_name(Path::new("in/lofte.toml")));
    }
}
