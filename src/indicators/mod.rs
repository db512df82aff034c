//! Stage 2, indicators: every promise's compliance and every outcome, computed from the
//! typed tables with polars, as one long table of [`IndicatorValue`]s that the Excel
//! workbook, the PDF and `indicators.csv` all take their numbers from.

pub mod changes;
pub mod count;
pub mod coverage;
mod crime;
mod frames;
pub mod history;
mod memo;
pub mod phrase;
mod response;
mod staffing;
pub mod stats;
mod status_notes;
mod stock;
mod survey;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use memo::Memo;
use phrase::{Notes, Phrase};

pub use status_notes::status_of as status_of_note;

use crate::catalog::{Catalog, Measure, OutcomeMeasure, Source};
use crate::ingest::Tables;
use crate::period::ReportPeriod;

/// The verdict on a promise or an outcome, shown as a word and a symbol (never colour alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Status {
    Fulfilled,
    Partly,
    NotFulfilled,
    InProgress,
    Delayed,
    NotStarted,
    NoData,
    /// A commitment without a number and without a status note: its amounts are reported,
    /// but nothing says what would be enough, so it is neither met nor failed.
    Reported,
    /// Outcomes: moved in the promised direction, beyond chance.
    Improved,
    /// Outcomes: no change that can be told from chance (or too small a base).
    NoChange,
    /// Outcomes: moved against the promised direction, beyond chance.
    Worsened,
}

impl Status {
    pub const ALL: [Status; 11] = [
        Status::Fulfilled,
        Status::Partly,
        Status::NotFulfilled,
        Status::InProgress,
        Status::Delayed,
        Status::NotStarted,
        Status::NoData,
        Status::Reported,
        Status::Improved,
        Status::NoChange,
        Status::Worsened,
    ];

    /// A stable name for files and databases (`Fulfilled`, `NoChange` …), the same in every
    /// language and every version: the archive of published reports stores it.
    pub fn code(self) -> String {
        format!("{self:?}")
    }

    /// The status a [`code`](Status::code) names; `None` for a name no status has.
    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// A symbol that carries the verdict without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Fulfilled | Status::Improved => "✓",
            Status::Partly => "◐",
            Status::NotFulfilled | Status::Worsened => "✗",
            Status::InProgress => "→",
            Status::Delayed => "!",
            Status::NotStarted => "○",
            Status::NoData => "?",
            Status::Reported => "ℹ",
            Status::NoChange => "=",
        }
    }

    /// Good, bad or neutral, for colouring next to the word.
    pub fn tone(self) -> Tone {
        match self {
            Status::Fulfilled | Status::Improved => Tone::Good,
            Status::Partly | Status::Delayed => Tone::Warning,
            Status::NotFulfilled | Status::Worsened => Tone::Bad,
            Status::InProgress
            | Status::NotStarted
            | Status::NoData
            | Status::NoChange
            | Status::Reported => Tone::Neutral,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Warning,
    Bad,
    Neutral,
}

/// Combines the statuses of a promise's parts (places, terms, months) into one.
///
/// Rule: no parts, or any part without data → Saknar data; every part fulfilled →
/// Uppfyllt; nothing failed or partly done but something still in progress → Pågår;
/// every judged part not fulfilled → Ej uppfyllt; otherwise Delvis uppfyllt.
pub fn combine(parts: &[Status]) -> Status {
    if parts.is_empty() || parts.contains(&Status::NoData) {
        return Status::NoData;
    }
    if parts.iter().all(|s| *s == Status::Fulfilled) {
        return Status::Fulfilled;
    }
    let failed = |s: &Status| matches!(s, Status::NotFulfilled | Status::Partly);
    if !parts.iter().any(failed) {
        return Status::InProgress;
    }
    let judged: Vec<&Status> = parts.iter().filter(|s| **s != Status::InProgress).collect();
    if judged.iter().all(|s| **s == Status::NotFulfilled) {
        Status::NotFulfilled
    } else {
        Status::Partly
    }
}

/// The status of a count or sum against a target for a span of time (a term, a tertial).
///
/// Formula: value ≥ target → Uppfyllt; the span not over at the data date → Pågår
/// (progress, never a failure); 0 < value < target → Delvis uppfyllt; 0 → Ej uppfyllt.
pub fn progress_status(value: f64, target: f64, span_over: bool) -> Status {
    if value >= target {
        Status::Fulfilled
    } else if !span_over {
        Status::InProgress
    } else if value > 0.0 {
        Status::Partly
    } else {
        Status::NotFulfilled
    }
}

/// The status of one span (a week, a year, the promise period) against a target that the
/// span either meets or not, as in "fem dagar i veckan" or "minst 100 tillfällen".
///
/// Formula: value ≥ target → Uppfyllt; the span not over at the data date → Pågår (progress,
/// never a failure); otherwise Ej uppfyllt (4 cleaning days in a week with a target of 5 is
/// not "partly" five days). Delvis uppfyllt arises only when parts are combined
/// ([`combine`]): some weeks met, some not.
pub fn met_status(value: f64, target: f64, span_over: bool) -> Status {
    if value >= target {
        Status::Fulfilled
    } else if !span_over {
        Status::InProgress
    } else {
        Status::NotFulfilled
    }
}

/// One computed value: a row of `indicators.csv`, of the workbook and of the PDF tables.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IndicatorValue {
    /// The promise or outcome id from the catalog (P1, U3 …).
    pub subject: String,
    /// A stable, language-independent name of the indicator (`visits_per_term`, …).
    pub key: &'static str,
    /// The indicator's name.
    pub indicator: Phrase,
    /// What the value is about within the indicator: a focus tag or a crime group.
    pub category: String,
    pub area: String,
    /// The part of the area (a `[[delomrade]]`) the value is about; empty for the whole.
    pub part: String,
    pub place: String,
    /// "Vårtermin 2017", "2017-T2", "2017-05", "2017".
    pub period: String,
    pub value: Option<f64>,
    pub target: Option<f64>,
    /// "besök", "personer", "timmar", "andel", "index", "antal", "dagar".
    pub unit: String,
    pub n: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub baseline: Option<f64>,
    pub change: Option<f64>,
    /// The change as a share of the baseline (0.39 for +39 %), where that means something.
    pub change_pct: Option<f64>,
    /// Two-sided p-value of the change against the baseline, where a test applies.
    pub p_value: Option<f64>,
    pub status: Option<Status>,
    /// Data through this date; earlier than the period's end when the period is in progress.
    pub data_date: Option<NaiveDate>,
    pub note: Notes,
}

impl IndicatorValue {
    /// The focus tag a count's value is about (empty for other values, whose category is a
    /// crime group already named by the indicator).
    pub fn focus(&self) -> &str {
        if self.key.starts_with("count") {
            &self.category
        } else {
            ""
        }
    }

    /// The breakdown's key in words: part of the area, place and focus tag, those that
    /// apply ("Bellevue – Pilängskolan – narkotika").
    pub fn breakdown(&self) -> String {
        [self.part.as_str(), self.place.as_str(), self.focus()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" – ")
    }
}

/// One promise and its verdict.
#[derive(Debug, Clone)]
pub struct PromiseResult {
    pub id: String,
    pub party: String,
    pub text: String,
    pub status: Status,
    /// The target: "1 besök per termin och förskola".
    pub target: Phrase,
    /// The result in one line: "3 av 3 förskolor besökta under vårterminen".
    pub result: Phrase,
    pub data_date: Option<NaiveDate>,
    pub values: Vec<IndicatorValue>,
    /// Finer detail for the workbook and the CSV only (staffing per week).
    pub detail: Vec<IndicatorValue>,
    /// Status notes for this promise up to the period's end, newest first.
    pub notes: Vec<crate::ingest::StatusNote>,
}

/// One outcome and its verdict.
#[derive(Debug, Clone)]
pub struct OutcomeResult {
    pub id: String,
    pub text: String,
    pub source: Phrase,
    pub status: Status,
    pub result: Phrase,
    /// One sentence per indicator or crime group.
    pub sentences: Vec<Phrase>,
    /// For crimes detected by police activity: that a rise is the promised effect.
    pub note: Option<Phrase>,
    pub data_date: Option<NaiveDate>,
    pub values: Vec<IndicatorValue>,
    /// Series for charts: (series name, x label, value, optional interval).
    pub series: Vec<SeriesPoint>,
    /// Whole years of this outcome that earlier published reports stated and today's input
    /// no longer holds (from the archive; [`history::earlier_years`]).
    pub earlier: Vec<history::EarlierYear>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeriesPoint {
    pub series: Phrase,
    pub x: String,
    pub value: f64,
    pub interval: Option<(f64, f64)>,
}

/// Everything a report shows.
#[derive(Debug, Clone)]
pub struct Results {
    pub period: ReportPeriod,
    /// The log's data date ([`coverage::log_data_date`]), capped at the period's end.
    pub data_date: Option<NaiveDate>,
    /// Every kind of input's data date, stated or inferred, uncapped.
    pub coverage: Vec<coverage::Coverage>,
    /// The period's last day within the promise (the promise may end inside the period).
    pub last_day: NaiveDate,
    pub promises: Vec<PromiseResult>,
    pub outcomes: Vec<OutcomeResult>,
}

impl Results {
    /// Every computed value in report order: promises, then outcomes.
    pub fn values(&self) -> impl Iterator<Item = &IndicatorValue> {
        self.promises
            .iter()
            .flat_map(|p| p.values.iter().chain(p.detail.iter()))
            .chain(self.outcomes.iter().flat_map(|o| o.values.iter()))
    }

    pub fn in_progress(&self) -> bool {
        self.data_date.is_none_or(|d| d < self.last_day)
    }
}

/// The period to report when the user names none: the tertial (or, with `uppfoljning`, the
/// follow-up span) of the log's data date (or, without logs, the crime statistics'), within
/// the promise period.
pub fn default_period(catalog: &Catalog, tables: &Tables) -> Option<ReportPeriod> {
    let through = |s| coverage::through(catalog, tables, s).map(|c| c.through);
    let last = through(Source::Logg).or_else(|| through(Source::Brott))?;
    let day = last.min(catalog.end);
    // A promise followed up at fixed months: the follow-up span that holds the day.
    crate::period::follow_up_span(&catalog.follow_up, day)
        .or(Some(ReportPeriod::tertial_containing(day)))
}

/// Why no period can be reported: the input holds no row that the catalog counts.
pub const NOTHING_TO_REPORT: &str = "indata har inga loggrader av de typer katalogen räknar och ingen brottsstatistik för katalogens brottsgrupper, så ingen rapport kan göras; `lofte check` visar vilka rader som hoppades över och varför";

/// The last day any kind of input reaches (the latest of the data dates of
/// [`coverage::coverage`]); `None` without logs, crime or status notes.
pub fn data_end(catalog: &Catalog, tables: &Tables) -> Option<NaiveDate> {
    coverage::coverage(catalog, tables)
        .into_iter()
        .map(|c| c.through)
        .max()
}

/// Why a report period cannot be reported, in words, with the periods that can.
///
/// Rule: a period must overlap the promise period (`fran`–`till`) and start on or before
/// the last day any kind of input reaches ([`data_end`]); otherwise every figure would be
/// "no data" or would compare years outside the promise. The periods offered are the tertials, years and (for
/// a promise over several years) the whole period that meet both.
pub fn check_period(
    catalog: &Catalog,
    tables: &Tables,
    period: ReportPeriod,
) -> Result<(), String> {
    let Some(end) = data_end(catalog, tables) else {
        return Err(NOTHING_TO_REPORT.into());
    };
    let reportable =
        |p: &ReportPeriod| p.start() <= catalog.end && p.end() >= catalog.start && p.start() <= end;
    if reportable(&period) {
        return Ok(());
    }
    // An open-ended promise is offered up to the year the input reaches.
    let (first, last) = (catalog.start.year(), catalog.end.min(end).year());
    let mut offered: Vec<String> = (first..=last)
        .flat_map(|y| ReportPeriod::Year(y).tertials())
        .filter(reportable)
        .map(|p| p.label())
        .collect();
    offered.extend(
        (first..=last)
            .map(ReportPeriod::Year)
            .filter(reportable)
            .map(|p| p.label()),
    );
    if last > first && reportable(&ReportPeriod::Years { first, last }) {
        offered.push(ReportPeriod::Years { first, last }.label());
    }
    // The follow-ups at the catalog's fixed months.
    for y in first..=last {
        for m in &catalog.follow_up {
            let end = crate::period::month_end(y, *m);
            if let Some(span) = crate::period::follow_up_span(&catalog.follow_up, end) {
                if reportable(&span) && !offered.contains(&span.label()) {
                    offered.push(span.label());
                }
            }
        }
    }
    let why = match (period.start() > end, catalog.open_ended()) {
        (true, _) => format!("indata når bara till {}", crate::fmt::date(end)),
        (false, true) => format!(
            "löftet gäller från {} tills vidare",
            crate::fmt::date(catalog.start)
        ),
        (false, false) => format!(
            "löftet gäller {} – {}",
            crate::fmt::date(catalog.start),
            crate::fmt::date(catalog.end)
        ),
    };
    let offered = if offered.is_empty() {
        "ingen, eftersom indata inte når in i löftesperioden".to_string()
    } else {
        offered.join(", ")
    };
    Err(format!(
        "perioden {period} kan inte rapporteras: {why}. Perioder som kan rapporteras: {offered}"
    ))
}

/// Computes every promise and outcome of the catalog for a period. A report that needs
/// several periods computes them with one [`Prepared`].
pub fn compute(
    catalog: &Catalog,
    tables: &Tables,
    period: ReportPeriod,
) -> anyhow::Result<Results> {
    Prepared::new(catalog, tables).compute(period)
}

/// A promise's catalog and tables, with what its computations share whatever the period
/// (see [`memo`]): a report computes its period, the previous period and, for a year,
/// each tertial.
pub struct Prepared<'a> {
    catalog: &'a Catalog,
    tables: &'a Tables,
    log_frame: count::LogFrame<'a>,
    /// Each count commitment's rows, by promise id.
    selections: Memo<String, count::Selection>,
    /// Each outcome's catalog and tables, by outcome id.
    scopes: Memo<String, Scoped>,
    /// Each crime group's rows, by outcome and group id.
    crime_rows: Memo<(String, String), polars::prelude::DataFrame>,
    /// Each survey indicator's estimates from respondents, by outcome and indicator id.
    estimates: Memo<(String, String), Vec<survey::Estimate>>,
}

impl<'a> Prepared<'a> {
    pub fn new(catalog: &'a Catalog, tables: &'a Tables) -> Self {
        Prepared {
            catalog,
            tables,
            log_frame: count::LogFrame::with_weekend(&tables.logs, &catalog.weekend),
            selections: Memo::default(),
            scopes: Memo::default(),
            crime_rows: Memo::default(),
            estimates: Memo::default(),
        }
    }

    /// Computes every promise and outcome of the catalog for a period.
    pub fn compute(&self, period: ReportPeriod) -> anyhow::Result<Results> {
        let last_day = period.end().min(self.catalog.end);
        let data_date =
            coverage::log_data_date(self.catalog, self.tables, period).map(|d| d.min(last_day));
        Ok(Results {
            period,
            data_date,
            last_day,
            coverage: coverage::coverage(self.catalog, self.tables),
            promises: self.promises(period, data_date)?,
            outcomes: self.outcomes(period)?,
        })
    }

    fn promises(
        &self,
        period: ReportPeriod,
        data_date: Option<NaiveDate>,
    ) -> anyhow::Result<Vec<PromiseResult>> {
        let (catalog, tables) = (self.catalog, self.tables);
        catalog
            .promises
            .iter()
            .map(|p| {
                let judge = |(part, m): (usize, &Measure)| {
                    judge_measure(&self.context(period, data_date, &p.id, part), m)
                };
                let mut parts = p
                    .measures()
                    .enumerate()
                    .map(judge)
                    .collect::<anyhow::Result<Vec<_>>>()?;
                let mut result = match parts.len() {
                    1 => parts.remove(0),
                    _ => bundle(parts.into_iter().map(|p| (None, p)).collect()),
                };
                result.notes = status_notes::notes_for(tables, &p.id, period);
                if !p.measures().all(Measure::by_notes_only) && result.status == Status::NoData {
                    // A measured promise without log data may still have a status note.
                    if let Some(latest) = result.notes.first() {
                        result.result = Phrase::WithLatestNote {
                            result: Box::new(std::mem::take(&mut result.result)),
                            date: latest.date,
                        };
                    }
                }
                Ok(PromiseResult {
                    id: p.id.clone(),
                    party: p.party.clone(),
                    text: p.text.clone(),
                    ..result
                })
            })
            .collect()
    }

    fn outcomes(&self, report_period: ReportPeriod) -> anyhow::Result<Vec<OutcomeResult>> {
        // Outcomes compare a year with its baseline: over several years, the last year —
        // unless the promise is not of whole calendar years (November to March): then its
        // own period is the window.
        let whole_years = crate::period::whole_years(self.catalog.start, self.catalog.end);
        let outcome_period = match report_period {
            ReportPeriod::Years { last, .. } if whole_years => ReportPeriod::Year(last),
            other => other,
        };
        self.catalog
            .outcomes
            .iter()
            .map(|o| {
                let period = outcome_period;
                let scoped = self.scopes.get_or_try(o.id.clone(), || {
                    Ok::<_, anyhow::Error>(Scoped::new(
                        self.catalog,
                        self.tables,
                        o.area.as_deref(),
                    ))
                })?;
                let (catalog, tables) = (scoped.catalog(self.catalog), scoped.tables(self.tables));
                let judged = match &o.measure {
                    // Status notes up to the report's end, from the promise's own tables.
                    OutcomeMeasure::Lagesrapport {} => {
                        Ok(self.outcome_by_notes(&o.id, report_period))
                    }
                    OutcomeMeasure::Enkat {
                        indikatorer,
                        baslinje_ar,
                    } => survey::judge(
                        (catalog, tables),
                        &self.estimates,
                        period,
                        &o.id,
                        indikatorer,
                        *baslinje_ar,
                    ),
                    OutcomeMeasure::Brott {
                        grupper,
                        baslinje_ar,
                        battre,
                    } => crime::judge(
                        (catalog, tables),
                        &self.crime_rows,
                        period,
                        &o.id,
                        grupper,
                        baslinje_ar,
                        *battre,
                    ),
                }?;
                let source = match &o.area {
                    Some(area) => Phrase::MeasuredElsewhere {
                        source: o.source.clone(),
                        level: o.level.clone(),
                        area: area.clone(),
                    },
                    None => Phrase::Verbatim(o.source.clone()),
                };
                Ok(OutcomeResult {
                    id: o.id.clone(),
                    text: o.text.clone(),
                    source,
                    ..judged
                })
            })
            .collect()
    }
}

/// Judges one measure of a commitment.
fn judge_measure(ctx: &Context, m: &Measure) -> anyhow::Result<PromiseResult> {
    match m {
        Measure::Bemanning {
            roll,
            roller,
            plats,
            platser,
            veckodagar,
            fran_klockan,
            till_klockan,
            antal,
        } => {
            let window = crate::catalog::measure::clock_window(
                fran_klockan.as_deref(),
                till_klockan.as_deref(),
            );
            let names: Vec<&str> = roll
                .iter()
                .chain(roller.iter())
                .map(String::as_str)
                .collect();
            let judge_at = |place: Option<&String>| {
                let post = staffing::Post {
                    roles: m.staffing_roles(),
                    place: place.cloned(),
                    weekdays: veckodagar
                        .iter()
                        .filter_map(|d| crate::catalog::measure::weekday_named(d))
                        .collect(),
                    window,
                };
                staffing::judge(ctx, &names, &post, *antal)
            };
            if platser.is_empty() {
                return judge_at(plats.as_ref());
            }
            // Each place of the list judged on its own, the commitment combining them.
            let parts = platser
                .iter()
                .map(|p| Ok((Some(ctx.place_name(p)), judge_at(Some(p))?)))
                .collect::<anyhow::Result<Vec<_>>>()?;
            Ok(bundle(parts))
        }
        Measure::Lagesrapport {} => Ok(status_notes::judge(ctx)),
        Measure::Leverans(spec) => Ok(status_notes::deadline(ctx, spec)),
        Measure::Svarstid(spec) => response::judge(ctx, spec),
        Measure::Bestand(spec) => stock::judge(ctx, spec),
        count_kind => match count_kind.count_spec() {
            Some(spec) => count::judge(ctx, &spec),
            None => anyhow::bail!("löfte {}: måttet kan inte räknas", ctx.id),
        },
    }
}

/// A commitment of several parts (`delmatt`: "X samt Y") as one result: each part judged on
/// its own, its rows kept, the commitment's status from [`bundle_status`].
fn bundle(parts: Vec<(Option<String>, PromiseResult)>) -> PromiseResult {
    let statuses: Vec<Status> = parts.iter().map(|(_, p)| p.status).collect();
    let mut out = PromiseResult {
        id: String::new(),
        party: String::new(),
        text: String::new(),
        status: bundle_status(&statuses),
        target: bundle_target(&parts),
        result: Phrase::BundleResult(
            parts
                .iter()
                .map(|(label, p)| (label.clone(), p.status, p.result.clone()))
                .collect(),
        ),
        data_date: parts.iter().filter_map(|(_, p)| p.data_date).max(),
        values: vec![],
        detail: vec![],
        notes: vec![],
    };
    for (i, (label, mut p)) in parts.into_iter().enumerate() {
        // Each row of an unnamed part says which part it is ("del 2: …"); a place's rows
        // already name their place.
        if label.is_none() {
            for v in p.values.iter_mut().chain(p.detail.iter_mut()) {
                let inner = Box::new(std::mem::take(&mut v.indicator));
                v.indicator = Phrase::InPart { part: i + 1, inner };
            }
        }
        out.values.extend(p.values);
        out.detail.extend(p.detail);
    }
    out
}

/// The target of a commitment of several parts: each part's target once (the places of
/// one staffing promise share theirs but for the place).
fn bundle_target(parts: &[(Option<String>, PromiseResult)]) -> Phrase {
    let mut targets: Vec<Phrase> = vec![];
    for (_, p) in parts {
        if !targets.contains(&p.target) {
            targets.push(p.target.clone());
        }
    }
    Phrase::Bundle(targets)
}

/// The status of a commitment of several parts.
///
/// Rule: parts reported without a target (Redovisas – inget mål) carry no verdict and are
/// left out (all of them so: Redovisas). Then: any part without data → Saknar data; all met
/// → Uppfyllt; a part that fell short (Ej or Delvis uppfyllt) → Delvis uppfyllt when any
/// part was met or partly met, else Ej uppfyllt; otherwise the most pressing of the rest:
/// Försenat, Pågår (a part met and another still running is in progress), Ej påbörjat.
pub fn bundle_status(parts: &[Status]) -> Status {
    use Status::*;
    let judged: Vec<Status> = parts.iter().copied().filter(|s| *s != Reported).collect();
    let any = |f: &dyn Fn(&Status) -> bool| judged.iter().any(f);
    let all = |f: &dyn Fn(&Status) -> bool| judged.iter().all(f);
    if judged.is_empty() {
        Reported
    } else if any(&|s| *s == NoData) {
        NoData
    } else if all(&|s| *s == Fulfilled) {
        Fulfilled
    } else if any(&|s| matches!(s, NotFulfilled | Partly)) {
        // Something fell short: partly when anything was (partly) met, else not met.
        match any(&|s| matches!(s, Fulfilled | Partly)) {
            true => Partly,
            false => NotFulfilled,
        }
    } else if any(&|s| *s == Delayed) {
        Delayed
    } else if any(&|s| *s == InProgress) {
        InProgress
    } else {
        NotStarted
    }
}

impl Prepared<'_> {
    /// What judging one measure of a commitment (its `part`) in a period sees.
    fn context<'c>(
        &'c self,
        period: ReportPeriod,
        data_date: Option<NaiveDate>,
        id: &'c str,
        part: usize,
    ) -> Context<'c> {
        Context {
            catalog: self.catalog,
            tables: self.tables,
            period,
            data_date,
            log_frame: &self.log_frame,
            selections: &self.selections,
            id,
            part,
        }
    }

    /// An outcome followed by status notes ("inget område på polisens lista över utsatta
    /// områden"): the latest note up to the period's end gives its status, as for a
    /// commitment of `typ = "lagesrapport"` (no note: Saknar data).
    fn outcome_by_notes(&self, id: &str, period: ReportPeriod) -> OutcomeResult {
        let judged = status_notes::judge(&self.context(period, None, id, 0));
        OutcomeResult {
            id: String::new(),
            text: String::new(),
            source: Phrase::Empty,
            status: judged.status,
            result: judged.result.clone(),
            sentences: vec![judged.result],
            note: None,
            data_date: judged.data_date,
            values: judged.values,
            series: vec![],
            earlier: vec![],
        }
    }
}

/// The catalog and tables as one outcome sees them: crime and survey rows of the outcome's
/// area only (the promise's, or another level's), and that area as the catalog's own.
/// Borrowed as they are when no outcome is measured at another level.
struct Scoped {
    catalog: Option<Catalog>,
    tables: Option<Tables>,
}

impl Scoped {
    fn new(catalog: &Catalog, tables: &Tables, area: Option<&str>) -> Self {
        let other_levels =
            catalog.outcomes.iter().any(|o| o.area.is_some()) || !catalog.sub_areas.is_empty();
        if !other_levels {
            return Scoped {
                catalog: None,
                tables: None,
            };
        }
        // The promise's own outcomes take its area and all its parts.
        let keep = |row_area: &str| match area {
            Some(a) => row_area == a,
            None => catalog.is_within_promise(row_area),
        };
        let tables = Tables {
            crimes: tables
                .crimes
                .iter()
                .filter(|c| keep(c.area()))
                .cloned()
                .collect(),
            respondents: tables
                .respondents
                .iter()
                .filter(|r| keep(&r.area))
                .cloned()
                .collect(),
            // Outcomes read crime, survey and population only: the logs stay behind.
            survey_figures: tables.survey_figures.clone(),
            population: tables.population.clone(),
            ..Tables::default()
        };
        let area = area.unwrap_or(&catalog.area).to_string();
        let catalog = (area != catalog.area).then(|| Catalog {
            area,
            area_aliases: vec![],
            ..catalog.clone()
        });
        Scoped {
            catalog,
            tables: Some(tables),
        }
    }

    fn catalog<'a>(&'a self, own: &'a Catalog) -> &'a Catalog {
        self.catalog.as_ref().unwrap_or(own)
    }

    fn tables<'a>(&'a self, own: &'a Tables) -> &'a Tables {
        self.tables.as_ref().unwrap_or(own)
    }
}

/// What every promise judgment needs.
pub(crate) struct Context<'a> {
    pub catalog: &'a Catalog,
    pub tables: &'a Tables,
    pub period: ReportPeriod,
    pub data_date: Option<NaiveDate>,
    /// The log as the count engine's frame, shared by the promise's computations.
    pub log_frame: &'a count::LogFrame<'a>,
    /// Each count commitment's rows, by promise id, shared likewise.
    pub selections: &'a Memo<String, count::Selection>,
    pub id: &'a str,
    /// Which measure of the commitment (0 for the first, or only, one).
    pub part: usize,
}

impl Context<'_> {
    /// The key the commitment's measure is kept under for the promise's other periods.
    pub fn memo_key(&self) -> String {
        format!("{}#{}", self.id, self.part)
    }

    /// The last day that counts: the period's end, or the data date or the promise's last
    /// day when earlier.
    pub fn counted_until(&self) -> NaiveDate {
        self.data_date
            .map_or(self.period.end(), |d| d.min(self.period.end()))
            .min(self.catalog.end)
    }

    /// The first day that counts: the period's start, or the promise's first day when later.
    pub fn counted_from(&self) -> NaiveDate {
        self.period.start().max(self.catalog.start)
    }

    /// A catalog place's name for reports (the id when the catalog has no such place).
    pub fn place_name(&self, id: &str) -> String {
        self.catalog
            .place(id)
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    /// A value row for this promise with the data date filled in.
    pub fn value(
        &self,
        key: &'static str,
        indicator: Phrase,
        period: String,
        unit: &str,
    ) -> IndicatorValue {
        IndicatorValue {
            subject: self.id.to_string(),
            key,
            indicator,
            area: self.catalog.area.clone(),
            period,
            unit: unit.to_string(),
            data_date: self.data_date,
            ..Default::default()
        }
    }

    /// An empty promise result to fill in.
    pub fn promise(
        &self,
        status: Status,
        target: Phrase,
        result: Phrase,
        values: Vec<IndicatorValue>,
    ) -> PromiseResult {
        PromiseResult {
            id: String::new(),
            party: String::new(),
            text: String::new(),
            status,
            target,
            result,
            data_date: self.data_date,
            values,
            detail: vec![],
            notes: vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn combine_follows_the_documented_rule() {
        assert_eq!(combine(&[Fulfilled, Fulfilled]), Fulfilled);
        assert_eq!(combine(&[Fulfilled, InProgress]), InProgress);
        assert_eq!(combine(&[NotFulfilled, NotFulfilled]), NotFulfilled);
        assert_eq!(combine(&[NotFulfilled, InProgress]), NotFulfilled);
        assert_eq!(combine(&[Fulfilled, NotFulfilled]), Partly);
        assert_eq!(combine(&[Partly]), Partly);
        assert_eq!(combine(&[Fulfilled, NoData]), NoData);
        assert_eq!(combine(&[]), NoData);
    }
}

#[cfg(test)]
mod compute_tests {
    use super::*;
    use crate::ingest::{LogEntry, StatusNote};
    use chrono::NaiveDate;

    const CATALOG: &str = r#"
titel = "T"
omrade = "Karlslund"
ar = 2017
parter = ["Polisen"]
[[termin]]
namn = "VT"
fran = 2017-01-10
till = 2017-06-14
[[plats]]
id = "uh"
namn = "Ungdomshuset"
[[lofte]]
id = "P3"
part = "Polisen"
text = "Två besök per termin."
matt = { typ = "besok_per_termin", platser = ["uh"], antal = 2 }
[[lofte]]
id = "P4"
part = "Polisen"
text = "Insatser."
matt = { typ = "insatser", fokus = ["narkotika"], minst_per_manad = 1 }
[[lofte]]
id = "K1"
part = "Kommunen"
text = "Bygga."
matt = { typ = "lagesrapport" }
"#;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2017, m, day).unwrap()
    }

    fn visit(date: NaiveDate) -> LogEntry {
        LogEntry {
            date,
            kind: "Besök".into(),
            place: Some("uh".into()),
            focus: vec![],
            hours: None,
            participants: None,
            ..Default::default()
        }
    }

    fn status(results: &Results, id: &str) -> Status {
        results.promises.iter().find(|p| p.id == id).unwrap().status
    }

    #[test]
    fn a_visit_on_the_terms_last_day_counts() {
        let catalog = crate::catalog::load_from(CATALOG).unwrap();
        // 2017-06-14 is the spring term's last day; 2017-06-15 is outside it.
        let tables = Tables {
            logs: vec![visit(d(2, 1)), visit(d(6, 14)), visit(d(6, 15))],
            ..Default::default()
        };
        let t2 = ReportPeriod::Tertial { year: 2017, n: 2 };
        let results = compute(&catalog, &tables, t2).unwrap();
        let term = results.promises[0]
            .values
            .iter()
            .find(|v| v.period == "VT")
            .unwrap();
        assert_eq!(term.value, Some(2.0));
        assert_eq!(status(&results, "P3"), Status::Fulfilled);
    }

    #[test]
    fn an_empty_period_has_no_verdicts_and_no_zeros_called_failure() {
        let catalog = crate::catalog::load_from(CATALOG).unwrap();
        let note = StatusNote {
            promise: "K1".into(),
            date: d(12, 1),
            status: crate::ingest::NoteStatus::Done,
            comment: "Klart.".into(),
        };
        // Logs end in March; the report asks for T3 (September–December).
        let tables = Tables {
            logs: vec![visit(d(3, 1))],
            notes: vec![note],
            ..Default::default()
        };
        let t3 = ReportPeriod::Tertial { year: 2017, n: 3 };
        let results = compute(&catalog, &tables, t3).unwrap();
        // No term overlaps T3 in this catalog, and no month of T3 has data.
        assert_eq!(status(&results, "P3"), Status::NoData);
        assert_eq!(status(&results, "P4"), Status::NoData);
        assert!(
            results.promises[1].values.is_empty(),
            "no month rows for months without data"
        );
        // A status note dated inside the period still counts.
        assert_eq!(status(&results, "K1"), Status::Fulfilled);
        assert_eq!(results.data_date, Some(d(3, 1)));
        assert!(results.in_progress());
    }
}

#[cfg(test)]
mod deadline_tests {
    use super::*;
    use crate::ingest::{NoteStatus, StatusNote};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn k2(extra: &str) -> Catalog {
        let text = format!(
            "titel = \"T\"\nomrade = \"A\"\nfran = 2019-01-01\ntill = 2020-12-31\nparter = [\"Kommunen\"]\n{extra}\n[[lofte]]\nid = \"K2\"\npart = \"Kommunen\"\ntext = \"Ett center.\"\nmatt = {{ typ = \"leverans\" }}\n"
        );
        crate::catalog::load_from(&text).unwrap()
    }

    #[test]
    fn a_deadline_is_missed_only_when_the_status_notes_reach_it() {
        // The latest note (Pågår) is from 2019-09-01, the deadline 2020-12-31; a log runs to
        // 2020-12-31. The notes say nothing of the last fifteen months: the latest note's
        // status, not Försenat. Stated complete to 2020-12-31, no Genomfört means late.
        let tables = Tables {
            notes: vec![StatusNote {
                promise: "K2".into(),
                date: d(2019, 9, 1),
                status: NoteStatus::Ongoing,
                comment: "Lokal söks.".into(),
            }],
            logs: vec![crate::ingest::LogEntry {
                date: d(2020, 12, 31),
                kind: "Patrull".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let year = ReportPeriod::Year(2020);
        let inferred = compute(&k2(""), &tables, year).unwrap();
        assert_eq!(inferred.promises[0].status, Status::InProgress);
        let stated = k2("[data_tom]\nlagesrapporter = 2020-12-31");
        let stated = compute(&stated, &tables, year).unwrap();
        assert_eq!(stated.promises[0].status, Status::Delayed);
    }
}

#[cfg(test)]
mod period_tests {
    use super::*;

    #[test]
    fn a_tertial_the_promise_ends_in_is_reportable_when_the_input_reaches_it() {
        // A promise 2021-01-01 – 2021-09-01 and a log whose last rows are 2021-08-30 (inside
        // the promise) and 2021-10-01 (after it): 2021-T3 holds the promise's last day and
        // the input reaches it. It was refused: "indata når bara till 2021-08-30".
        let text = "titel = \"T\"\nomrade = \"A\"\nfran = 2021-01-01\ntill = 2021-09-01\nparter = [\"P\"]\n";
        let catalog = crate::catalog::load_from(text).unwrap();
        let log = |m, d| crate::ingest::LogEntry {
            date: NaiveDate::from_ymd_opt(2021, m, d).unwrap(),
            kind: "Patrull".into(),
            ..Default::default()
        };
        let tables = Tables {
            logs: vec![log(8, 30), log(10, 1)],
            ..Default::default()
        };
        let t3 = ReportPeriod::Tertial { year: 2021, n: 3 };
        assert_eq!(check_period(&catalog, &tables, t3), Ok(()));
        assert_eq!(default_period(&catalog, &tables), Some(t3));
        let t1_2022 = ReportPeriod::Tertial { year: 2022, n: 1 };
        assert!(check_period(&catalog, &tables, t1_2022).is_err());
    }
}
