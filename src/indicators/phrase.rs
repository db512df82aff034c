//! Stage 2, indicators: what a result says, as typed facts (numbers, dates, names from the
//! catalog, which rule decided), before a language is chosen. `report/words/` holds one
//! message table per language that turns each [`Phrase`] into a sentence.

use chrono::NaiveDate;

use super::count::Uncounted;
use super::stats::CountTest;
use super::Status;
use crate::catalog::{CountSpec, Per, Preset, Unit};

/// One phrase of a report: an indicator's name, a target, a result, a note or a sentence.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Phrase {
    /// Nothing to say.
    #[default]
    Empty,
    /// Text from the catalog or the input, shown as written (a survey indicator's name).
    Verbatim(String),
    /// Sentences shown one after the other.
    Sentences(Vec<Phrase>),

    // ── Shared ──────────────────────────────────────────────────────────────────────
    /// The activity log has no row on or before the period's end.
    NoLogData,
    /// A result without data, followed by the date of the promise's latest status note.
    WithLatestNote {
        result: Box<Phrase>,
        date: NaiveDate,
    },
    /// A span not over at the data date.
    RunsUntil(NaiveDate),
    /// A figure whose data end before the period does.
    UpTo(NaiveDate),

    // ── Count promises (count.rs) ───────────────────────────────────────────────────
    /// The judged count's name: a preset's own, the catalog's `namn`, or unit + filters.
    CountName(Box<CountSpec>),
    /// One focus tag's count beside the judged count.
    CountFocusName {
        preset: Option<Preset>,
        unit: Unit,
        tag: String,
    },
    /// A `redovisa_aven` unit.
    CountUnitName(Unit),
    /// The count per an `ocksa_per` span.
    CountPerName {
        preset: Option<Preset>,
        unit: Unit,
        per: Per,
    },
    CountTarget(Box<CountSpec>),
    CountResult(Box<CountFinding>),
    /// No span of the period can be judged.
    NoSpan(NoSpan),
    /// The total beside the parts of the area: shown, not judged.
    TotalOfParts,
    /// Nothing in the span and nothing the year before: no increase, but no basis to call
    /// it a failure either, so the span is not judged.
    NothingEitherYear,
    /// The year before cannot be compared: the log does not reach back to it.
    NoComparison {
        log_starts: Option<NaiveDate>,
        needed: NaiveDate,
    },

    // ── A commitment of several parts (mod.rs) ───────────────────────────────────────
    /// The parts' targets, in catalog order.
    Bundle(Vec<Phrase>),
    /// Each part's label (a place's name; `None`: "del 1", "del 2" …), status and result, in
    /// catalog order.
    BundleResult(Vec<(Option<String>, Status, Phrase)>),
    /// An indicator of one part (1-based) of a commitment of several parts.
    InPart {
        part: usize,
        inner: Box<Phrase>,
    },

    // ── Staffing (staffing.rs) ──────────────────────────────────────────────────────
    StaffingDaysName {
        target: u32,
        roles: Vec<String>,
    },
    StaffingWeekName {
        target: u32,
    },
    /// Spans under the target: from, to, persons.
    StaffingGaps(Vec<Gap>),
    StaffingWeek {
        at_target: u32,
        days: u32,
        target: u32,
        from: NaiveDate,
        to: NaiveDate,
    },
    StaffingTarget {
        target: u32,
        roles: Vec<String>,
        place: Option<String>,
    },
    StaffingMissing {
        roles: Vec<String>,
        place: Option<String>,
    },
    StaffingResult {
        target: u32,
        at_target: u32,
        days: u32,
        gaps: Vec<Gap>,
    },

    // ── Response times (response.rs) ────────────────────────────────────────────────
    ResponseName {
        /// The time limit; `None`: acted on at all ("alltid ingripa").
        hours: Option<f64>,
        types: Vec<String>,
    },
    ResponseTarget {
        hours: Option<f64>,
        share: Option<f64>,
    },
    /// One span's cases: done within the time, finished, and open ones not counted yet.
    ResponseCases {
        within: u32,
        cases: u32,
        open: u32,
    },
    ResponseResult {
        hours: Option<f64>,
        spans: Vec<ResponseSpan>,
    },

    // ── Stocks (stock.rs) ───────────────────────────────────────────────────────────
    StockName,
    StockTarget {
        types: Vec<String>,
        growth: f64,
    },
    StockStartUnknown(NaiveDate),
    /// More units ended than the stock held: the log or `start_antal` is wrong.
    StockNegative {
        start: f64,
        now: f64,
    },
    StockResult {
        start: f64,
        first_day: NaiveDate,
        now: f64,
        until: NaiveDate,
    },

    // ── Status notes and deadlines (status_notes.rs) ────────────────────────────────
    StatusNoteName,
    /// The target of a commitment followed by status notes only.
    StatusNoteTarget,
    NoStatusNote,
    LatestNote {
        status: Status,
        date: NaiveDate,
        comment: String,
    },
    /// A result from a status note more than a tertial older than the status notes' data
    /// date (`through`): the status may no longer hold.
    StaleNote {
        result: Box<Phrase>,
        through: NaiveDate,
    },
    DeadlineTarget(NaiveDate),
    DoneOn {
        date: NaiveDate,
        late: bool,
        comment: String,
    },
    DeadlinePassed(NaiveDate),
    DeadlineAhead(NaiveDate),

    // ── Survey (survey.rs) ──────────────────────────────────────────────────────────
    SmallBase(u32),
    PublishedFigure,
    SurveySentence(Box<SurveyFinding>),

    // ── Crime (crime.rs) ────────────────────────────────────────────────────────────
    CrimeName {
        span: CrimeSpan,
        group: String,
    },
    CrimeTestNote(Box<CrimeTestNote>),
    Inhabitants {
        year: i32,
        count: f64,
    },
    CrimeSentence(Box<CrimeFinding>),
    /// The same sentence for a summary: the verdict in words, without the test's figures
    /// (p, ratio and interval stay in the outcome's own section).
    CrimeSentencePlain(Box<CrimeFinding>),
    CrimeNoData(String),
    CrimeMarkedMissing(String),
    /// Crime groups found mostly by police work: a rise is the promised effect.
    DetectedByPolice(Vec<String>),
    CrimeSeries {
        group: String,
        year: i32,
    },
    CrimeBaselineSeries {
        group: String,
        years: String,
    },

    // ── Outcomes at another level (mod.rs) ──────────────────────────────────────────
    MeasuredElsewhere {
        source: String,
        level: Option<String>,
        area: String,
    },
}

impl From<String> for Phrase {
    fn from(text: String) -> Self {
        Phrase::Verbatim(text)
    }
}

impl From<&str> for Phrase {
    fn from(text: &str) -> Self {
        Phrase::Verbatim(text.to_string())
    }
}

impl Phrase {
    pub fn is_empty(&self) -> bool {
        match self {
            Phrase::Empty => true,
            Phrase::Verbatim(text) => text.is_empty(),
            _ => false,
        }
    }
}

/// The notes on one value, shown joined by "; ".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Notes(pub Vec<Phrase>);

impl Notes {
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Phrase::is_empty)
    }

    pub fn push(&mut self, phrase: impl Into<Phrase>) {
        self.0.push(phrase.into());
    }

    pub fn one(phrase: impl Into<Phrase>) -> Self {
        Notes(vec![phrase.into()])
    }
}

/// A staffing gap: from, to, and the persons in place.
pub type Gap = (NaiveDate, NaiveDate, u32);

/// Why no span of a count promise can be judged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NoSpan {
    /// The report period lies outside the promise period.
    OutsidePromise,
    /// None of the catalog's school terms falls in the period.
    NoTerm,
    /// The log's latest row is before the period.
    LogEnds(NaiveDate),
    /// The measure's own window (`fran`–`till`) begins after the period.
    WindowAhead(NaiveDate, NaiveDate),
    /// The measure's own window ended before the period.
    WindowPassed(NaiveDate, NaiveDate),
}

/// What a count promise's result line says.
#[derive(Debug, Clone, PartialEq)]
pub struct CountFinding {
    /// What is counted, for the nouns and number forms.
    pub spec: CountSpec,
    pub summary: CountSummary,
    /// With a target over several spans of one part: how many spans met it.
    pub spans_met: Option<SpansMet>,
    pub uncounted: Uncounted,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CountSummary {
    /// Several parts judged: per span, how many parts met the target.
    PartsMet {
        parts: PartKind,
        spans: Vec<PartsInSpan>,
    },
    /// Up to four values, each with its amount.
    Amounts(Vec<CountAmount>),
    /// Many spans: the total (for a share of days: days covered of days).
    Total {
        total: f64,
        spans: usize,
        covered: f64,
        days: f64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PartKind {
    Areas,
    Places,
    Focus,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PartsInSpan {
    pub span: String,
    pub met: usize,
    pub judged: usize,
    pub so_far: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CountAmount {
    /// The part (area, place, focus tag) when there are several, else empty.
    pub who: String,
    /// The whole beside its parts (all parts of the area, all focus tags together).
    pub whole: bool,
    pub span: String,
    pub value: f64,
    /// For a share of days: the days it is a share of.
    pub days: Option<f64>,
    /// The catalog's `minst`, when it has one.
    pub target: Option<f64>,
    pub year_before: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpansMet {
    pub met: usize,
    pub judged: usize,
    pub running: usize,
}

/// One span of a response-time promise.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseSpan {
    pub span: String,
    pub within: u32,
    pub cases: u32,
}

/// What a survey indicator's sentence says.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyFinding {
    pub name: String,
    /// A mean index (two decimals, change in units) rather than a share (percent, points).
    pub mean: bool,
    pub current: Option<SurveyPoint>,
    pub baseline: Option<SurveyPoint>,
    pub baseline_year: i32,
    pub min_base: u32,
    pub verdict: SurveyVerdict,
    /// No measurement to judge yet: the next one comes on this day, after the period.
    pub next: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SurveyPoint {
    pub year: i32,
    pub value: f64,
    pub n: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SurveyVerdict {
    SmallBase,
    NotSignificant,
    Significant,
}

/// Which crime count a value is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CrimeSpan {
    Period,
    Month,
    Tertial,
    Year,
    Per1000,
}

/// A crime group's test, for the value's note.
#[derive(Debug, Clone, PartialEq)]
pub struct CrimeTestNote {
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub year_counts: Vec<(i32, f64)>,
    pub test: Option<CountTest>,
    pub overdispersed: bool,
}

/// What a crime sentence says: the count, the baseline and the test.
#[derive(Debug, Clone, PartialEq)]
pub struct CrimeFinding {
    pub group: String,
    pub current: f64,
    pub base: Option<f64>,
    /// The baseline years as a label: "2015–2016".
    pub years: String,
    pub test: Option<CountTest>,
    pub overdispersed: bool,
    /// The period is in progress: "samma del av året".
    pub partial: bool,
}
