//! Indicators, the counting engine: every `typ = "rakna"` promise goes through the same four
//! small parts — filter (which log rows), unit (counted how), buckets (per what) and target
//! (against what) — so a new kind of count promise is catalog lines, not code.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use polars::prelude::*;

use super::frames::{any, day_number, days, one_of};
use super::phrase::{
    CountAmount, CountFinding, CountSummary, NoSpan, Notes, PartKind, PartsInSpan, Phrase, SpansMet,
};
use super::{combine, met_status, progress_status, Context, IndicatorValue, PromiseResult, Status};
use crate::catalog::measure::{clock_window, weekday_named};
use crate::catalog::{CountSpec, Per, Unit};
use crate::ingest::LogEntry;
use crate::names::fold;
use crate::period::{month_end, month_start, DateRange, ReportPeriod};

/// One span of time a target applies to: a week, month, tertial, term, year or the whole
/// promise period.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    pub label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// The buckets a report period shows, clipped to the promise period.
///
/// Rule: every bucket that overlaps both the report period and the promise period, and
/// starts on or before the data date (later buckets have no data and are not shown). Every
/// bucket is clipped to the promise period on both ends: a promise that starts on 18
/// November has a first month of 18–30 November, and rows before its first day or after its
/// last are never counted. Weeks are shown only when they lie wholly inside the promise
/// period (a weekly rule cannot be kept in part of a week). A bucket is otherwise counted
/// whole — a term or a week that runs past the report period counts its days outside it
/// too, since the promise is per term or per week. `per = "period"` is the whole promise
/// period.
pub fn buckets(
    per: Per,
    report: ReportPeriod,
    promise: (NaiveDate, NaiveDate),
    terms: &[DateRange],
    data_date: NaiveDate,
) -> Vec<Bucket> {
    let (from, to) = (report.start().max(promise.0), report.end().min(promise.1));
    if from > to {
        return vec![];
    }
    let span = |label: String, start: NaiveDate, end: NaiveDate| Bucket { label, start, end };
    let all: Vec<Bucket> = match per {
        Per::Period => vec![span(period_label(promise), promise.0, promise.1)],
        Per::Ar => (from.year()..=to.year())
            .map(|y| span(y.to_string(), month_start(y, 1), month_end(y, 12)))
            .collect(),
        Per::Tertial => report
            .tertials()
            .into_iter()
            .map(|t| span(t.label(), t.start(), t.end()))
            .collect(),
        Per::Termin => terms
            .iter()
            .map(|t| span(t.name.clone(), t.start, t.end))
            .collect(),
        Per::Manad => report
            .months()
            .into_iter()
            .map(|(y, m)| span(format!("{y}-{m:02}"), month_start(y, m), month_end(y, m)))
            .collect(),
        Per::Vecka => {
            let mut monday = from - Days::new(u64::from(from.weekday().num_days_from_monday()));
            let mut weeks = vec![];
            while monday <= to {
                let iso = monday.iso_week();
                let label = format!("{}-V{:02}", iso.year(), iso.week());
                weeks.push(span(label, monday, monday + Days::new(6)));
                monday = monday + Days::new(7);
            }
            weeks
        }
    };
    // A week that runs over the promise's first or last day cannot keep a weekly rule
    // within the promise: only whole ones are judged.
    let whole =
        |b: &Bucket| !matches!(per, Per::Vecka) || (b.start >= promise.0 && b.end <= promise.1);
    all.into_iter()
        .filter(|b| b.start <= to && from <= b.end && whole(b))
        .map(|b| Bucket {
            start: b.start.max(promise.0),
            end: b.end.min(promise.1),
            ..b
        })
        .filter(|b| b.start <= data_date)
        .collect()
}

/// A whole promise period's label: its years when it runs from 1 January to 31 December
/// ("2018", "2019–2020"), else its dates ("2024-03-01 – 2024-05-31": a season of its own, a
/// promise that starts mid-year).
fn period_label((start, end): (NaiveDate, NaiveDate)) -> String {
    if end == crate::catalog::OPEN_END {
        // Until further notice: from its first day on.
        return format!("{start}–");
    }
    match (
        crate::period::whole_years(start, end),
        start.year() == end.year(),
    ) {
        (true, true) => start.year().to_string(),
        (true, false) => format!("{}–{}", start.year(), end.year()),
        (false, _) => format!("{start} – {end}"),
    }
}

/// The same bucket a year earlier: for a week, the week with the same ISO number in the
/// year before (Monday to Sunday; week 53 against week 52 when that year has no 53rd), so
/// 2021-V05 is compared with 2020-V05, not with the days 364 earlier (2020-V06); 12 months
/// back otherwise.
pub fn year_earlier(b: &Bucket, per: Per) -> Option<Bucket> {
    earlier(b, per, 1, b.start.iso_week().year() - 1)
}

/// The same bucket in a fixed year (`jamfor_med`): the same ISO week, or the same days
/// that many years earlier.
pub fn in_year(b: &Bucket, per: Per, year: i32) -> Option<Bucket> {
    let back = b.start.year() - year;
    if back <= 0 {
        return None;
    }
    earlier(b, per, back as u32, year)
}

/// The bucket `years` back: a week becomes the same ISO week of `week_year` (week 52
/// when that year has no week 53), any other bucket the same days `years` earlier.
fn earlier(b: &Bucket, per: Per, years: u32, week_year: i32) -> Option<Bucket> {
    let (start, end) = if per == Per::Vecka {
        let week = b.start.iso_week().week();
        let monday = NaiveDate::from_isoywd_opt(week_year, week, Weekday::Mon)
            .or_else(|| NaiveDate::from_isoywd_opt(week_year, 52, Weekday::Mon))?;
        (monday, monday + Days::new(6))
    } else {
        let shift = |d: NaiveDate| d.checked_sub_months(Months::new(12 * years));
        (shift(b.start)?, shift(b.end)?)
    };
    Some(Bucket {
        label: b.label.clone(),
        start,
        end,
    })
}

/// Why matching rows could not be counted (a filter or a unit needs a value they lack).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Uncounted {
    /// Rows left out because a time-of-day filter needs a time they do not have.
    pub without_time: u32,
    /// Rows left out because a party filter needs an Utförare they do not have.
    pub without_performer: u32,
    /// Rows that match but carry no value for the unit (hours, participants).
    pub without_value: u32,
    /// Rows that match, dated inside the report's period but before the promise's first
    /// day or after its last: never counted, and said so.
    pub outside_promise: u32,
}

/// The log as the engine's frame, built on first use and then shared by every count
/// commitment of a promise's computations (see [`super::memo`]).
pub struct LogFrame<'a> {
    logs: &'a [LogEntry],
    /// The days that make a weekend (`rakna = "helger"`).
    weekend: Vec<Weekday>,
    frame: std::sync::OnceLock<DataFrame>,
}

impl<'a> LogFrame<'a> {
    /// The log with Saturday and Sunday as the weekend.
    pub fn new(logs: &'a [LogEntry]) -> Self {
        Self::with_weekend(logs, &[Weekday::Sat, Weekday::Sun])
    }

    /// The log with the catalog's weekend days (`helgdagar`).
    pub fn with_weekend(logs: &'a [LogEntry], weekend: &[Weekday]) -> Self {
        LogFrame {
            logs,
            weekend: weekend.to_vec(),
            frame: Default::default(),
        }
    }

    /// The frame with a boolean column `tag<i>` per focus tag in `tags`.
    fn with_tags(&self, tags: &[String]) -> PolarsResult<DataFrame> {
        let base = match self.frame.get() {
            Some(f) => f.clone(),
            None => {
                let f = frame(self.logs, &self.weekend)?;
                self.frame.get_or_init(|| f).clone()
            }
        };
        add_tags(base, self.logs, tags)
    }
}

/// The log rows as the engine's frame: one row per log entry with the columns every filter
/// and unit reads. `start`/`end` are minutes after midnight; a row past midnight ends after
/// 1440.
fn frame(logs: &[LogEntry], weekend_days: &[Weekday]) -> PolarsResult<DataFrame> {
    // A sluttid before the klockslag runs past midnight; one equal to it says nothing of
    // the length (0 or 24 hours?), so the row has no hours rather than a guessed 24.
    let end_of = |e: &LogEntry| match (e.start_minute, e.end_minute) {
        (Some(s), Some(t)) if t < s => Some(t + 1440),
        (Some(s), Some(t)) if t > s => Some(t),
        _ => None,
    };
    let hours = |e: &LogEntry| {
        e.hours.or_else(|| {
            let (s, t) = (e.start_minute?, end_of(e)?);
            Some(f64::from(t - s) / 60.0)
        })
    };
    // A weekend is named by its first day: walk back over the weekend's days.
    let weekend = |d: NaiveDate| {
        if !weekend_days.contains(&d.weekday()) {
            return None;
        }
        let mut first = d;
        for _ in 0..6 {
            let before = first.pred_opt()?;
            if !weekend_days.contains(&before.weekday()) {
                break;
            }
            first = before;
        }
        Some(day_number(first))
    };
    df!(
        "day" => logs.iter().map(|e| day_number(e.date)).collect::<Vec<_>>(),
        "weekday" => logs.iter().map(|e| e.date.weekday().num_days_from_monday() as i32).collect::<Vec<_>>(),
        "week" => logs.iter().map(|e| { let w = e.date.iso_week(); w.year() * 100 + w.week() as i32 }).collect::<Vec<_>>(),
        "weekend" => logs.iter().map(|e| weekend(e.date)).collect::<Vec<_>>(),
        "start" => logs.iter().map(|e| e.start_minute.map(|m| m as i32)).collect::<Vec<_>>(),
        "end" => logs.iter().map(|e| end_of(e).or(e.start_minute.map(|m| m + 1)).map(|m| m as i32)).collect::<Vec<_>>(),
                "kind" => super::frames::folded(logs.iter().map(|e| e.kind.as_str())),
        "place" => logs.iter().map(|e| e.place.clone()).collect::<Vec<_>>(),
        "performer" => super::frames::folded_opt(logs.iter().map(|e| e.performer.as_deref())),
        "area" => logs.iter().map(|e| e.area.clone()).collect::<Vec<_>>(),
        "hours" => logs.iter().map(hours).collect::<Vec<_>>(),
        "participants" => logs.iter().map(|e| e.participants).collect::<Vec<_>>(),
        "count" => logs.iter().map(|e| e.count.unwrap_or(1.0)).collect::<Vec<_>>(),
    )
}

/// Adds a boolean column `tag<i>` per focus tag (focus is a list per row).
fn add_tags(mut df: DataFrame, logs: &[LogEntry], tags: &[String]) -> PolarsResult<DataFrame> {
    let mut tag_memo: std::collections::HashMap<&str, String> = Default::default();
    for (i, tag) in tags.iter().enumerate() {
        let tag = fold(tag);
        let mask: Vec<bool> = logs
            .iter()
            .map(|e| {
                e.focus
                    .iter()
                    .any(|f| *tag_memo.entry(f).or_insert_with(|| fold(f)) == tag)
            })
            .collect();
        df.with_column(Column::new(tag_column(i).into(), mask))?;
    }
    Ok(df)
}

fn tag_column(i: usize) -> String {
    format!("tag{i}")
}

/// Rows whose time overlaps the window `from`–`to` (minutes; wraps past midnight when
/// `to ≤ from`). A row is `[start, end)` on its own date, with `end` past 1440 when it runs
/// past midnight; the window recurs every day, so the row is tested against the window of
/// the day before (01:00 is inside 18:00–06:00), of its own day, and of the day after (a
/// patrol 23:00–01:00 overlaps 00:00–04:00; a shift 23:00–09:00 overlaps 08:00–17:00).
fn in_time_window(from: u32, to: u32) -> Expr {
    let (a, b) = (from as i32, if to <= from { to + 1440 } else { to } as i32);
    let overlaps = |a: i32, b: i32| col("start").lt(lit(b)).and(col("end").gt(lit(a)));
    overlaps(a - 1440, b - 1440)
        .or(overlaps(a, b))
        .or(overlaps(a + 1440, b + 1440))
}

/// The rows a spec counts, whatever the period (before buckets), and the rows a filter
/// left out for lack of a value, which [`Selection::uncounted`] counts for a report's days.
pub struct Selection {
    pub rows: DataFrame,
    /// Rows that match but have no time, when a time-of-day filter needs one.
    without_time: Option<DataFrame>,
    /// Rows that match but have no Utförare, when a party filter needs one.
    without_performer: Option<DataFrame>,
}

impl Selection {
    /// What was left out for lack of a value on the days of `spans` (the days the report's
    /// spans count): a row that lies in no span shown was not counted because of where it
    /// lies, not for lack of a value, and is not reported here.
    pub fn uncounted(
        &self,
        spec: &CountSpec,
        spans: &[(NaiveDate, NaiveDate)],
    ) -> PolarsResult<Uncounted> {
        let in_window = any(spans.iter().map(|(from, to)| days(*from, *to)));
        let within = |rows: &Option<DataFrame>| match rows {
            Some(rows) => count(rows.clone().lazy().filter(in_window.clone())),
            None => Ok(0),
        };
        Ok(Uncounted {
            outside_promise: 0,
            without_time: within(&self.without_time)?,
            without_performer: within(&self.without_performer)?,
            without_value: match value_column(spec.rakna) {
                Some(c) => count(
                    self.rows
                        .clone()
                        .lazy()
                        .filter(col(c).is_null().and(in_window)),
                )?,
                None => 0,
            },
        })
    }
}

/// The filter part: which log rows a spec counts, whatever the period (before buckets).
pub fn selection(logs: &LogFrame, spec: &CountSpec) -> PolarsResult<Selection> {
    let df = logs.with_tags(&spec.fokus)?;
    let mut filter = one_of("kind", &spec.loggtyper);
    if !spec.fokus.is_empty() {
        let tags = (0..spec.fokus.len()).map(|i| col(tag_column(i)));
        filter = match spec.fokus_alla {
            // Every tag on the same row ("unga vuxna och jämställdhet i fokus").
            true => filter.and(tags.reduce(|a, b| a.and(b)).unwrap_or(lit(true))),
            false => filter.and(any(tags)),
        };
    }
    if let Some(part) = &spec.delomrade {
        // The catalog's own name of the part (ingest gives a row its part by Område or place).
        filter = filter.and(col("area").eq(lit(part.clone())));
    }
    if !spec.platser.is_empty() {
        // Place ids are the catalog's own, compared as they are.
        let place = |p: &String| col("place").eq(lit(p.clone()));
        filter = filter.and(any(spec.platser.iter().map(place)));
    }
    if !spec.veckodagar.is_empty() {
        let day = |d: Weekday| col("weekday").eq(lit(d.num_days_from_monday() as i32));
        let wanted = spec.veckodagar.iter().filter_map(|d| weekday_named(d));
        filter = filter.and(any(wanted.map(day)));
    }
    let mut without_time = None;
    let mut without_performer = None;
    let mut rest = df.lazy().filter(filter);
    if let Some((from, to)) =
        clock_window(spec.fran_klockan.as_deref(), spec.till_klockan.as_deref())
    {
        without_time = Some(rest.clone().filter(col("start").is_null()).collect()?);
        rest = rest.filter(col("start").is_not_null().and(in_time_window(from, to)));
    }
    if !spec.utforare.is_empty() {
        without_performer = Some(rest.clone().filter(col("performer").is_null()).collect()?);
        rest = rest.filter(one_of("performer", &spec.utforare));
    }
    Ok(Selection {
        rows: rest.collect()?,
        without_time,
        without_performer,
    })
}

fn count(lf: LazyFrame) -> PolarsResult<u32> {
    let out = lf
        .select([len().cast(DataType::Int64).alias("n")])
        .collect()?;
    Ok(out.column("n")?.i64()?.get(0).unwrap_or(0) as u32)
}

/// The column a unit sums, when it sums one that may be empty.
fn value_column(unit: Unit) -> Option<&'static str> {
    match unit {
        Unit::Timmar => Some("hours"),
        Unit::Deltagare => Some("participants"),
        _ => None,
    }
}

/// The unit part: the amount counted among `rows` dated from `start` to `until`.
///
/// Formula per unit: rader = rows; dagar = distinct dates; veckor = distinct ISO weeks;
/// helger = distinct weekends with a row (the catalog's `helgdagar`, Saturday–Sunday by
/// default, named by their first day); timmar = Σ hours (Timmar or Minuter
/// / 60, else sluttid − klockslag); deltagare = Σ participants; antal = Σ Antal (a row
/// without Antal is one event); andel_dagar = distinct dates ÷ the days from `start` to
/// `until` that pass the weekday filter. Rows without the value a sum needs are left out
/// (never counted as 0) and reported in [`Uncounted`]. `part` marks the rows of the part
/// ([`part_mask`]).
///
/// Eager, as [`super::crime::count_in`]: a promise asks for dozens of amounts (buckets,
/// parts, the year before), and a lazy query's planning cost more than the filter over one
/// promise's rows.
pub fn amount(
    rows: &DataFrame,
    spec: &CountSpec,
    part: &BooleanChunked,
    start: NaiveDate,
    until: NaiveDate,
) -> PolarsResult<f64> {
    let day = rows.column("day")?.i32()?;
    let keep = &(day.gt_eq(day_number(start)) & day.lt_eq(day_number(until))) & part;
    let kept = |name: &str| rows.column(name)?.filter(&keep);
    let distinct =
        |name: &str| -> PolarsResult<f64> { Ok(kept(name)?.drop_nulls().n_unique()? as f64) };
    let sum = |name: &str| -> PolarsResult<f64> { Ok(kept(name)?.f64()?.sum().unwrap_or(0.0)) };
    let x = match spec.rakna {
        Unit::Rader => kept("day")?.len() as f64,
        Unit::Dagar | Unit::AndelDagar => distinct("day")?,
        Unit::Veckor => distinct("week")?,
        Unit::Helger => distinct("weekend")?,
        Unit::Timmar => sum("hours")?,
        Unit::Deltagare => sum("participants")?,
        Unit::Antal => sum("count")?,
    };
    Ok(if spec.rakna == Unit::AndelDagar {
        let days = eligible_days(spec, start, until);
        if days == 0 {
            0.0
        } else {
            x / f64::from(days)
        }
    } else {
        x
    })
}

/// The rows of `rows` a part's filter keeps, as a mask for [`amount`] (evaluated once per
/// part, not once per amount).
pub fn part_mask(rows: &DataFrame, filter: &Expr) -> PolarsResult<BooleanChunked> {
    let out = rows
        .clone()
        .lazy()
        .with_column(filter.clone().alias("part"))
        .select([col("part")])
        .collect()?;
    Ok(out.column("part")?.bool()?.clone())
}

/// Days from `start` to `until` on the spec's weekdays (every day without a weekday filter).
pub fn eligible_days(spec: &CountSpec, start: NaiveDate, until: NaiveDate) -> u32 {
    let wanted: BTreeSet<u32> = spec
        .veckodagar
        .iter()
        .filter_map(|d| weekday_named(d))
        .map(|d| d.num_days_from_monday())
        .collect();
    start
        .iter_days()
        .take_while(|d| *d <= until)
        .filter(|d| wanted.is_empty() || wanted.contains(&d.weekday().num_days_from_monday()))
        .count() as u32
}

/// One part of the promise: a place, a focus tag, a part of the area, or everything
/// together. Every part names its key (place, focus tag, part of the area) in every output.
/// A total beside judged parts (all focus tags together, the whole area) is shown but not
/// judged, once.
struct Part {
    place: String,
    /// The focus tag, or empty for all tags together.
    category: String,
    /// The part of the area (a `[[delomrade]]`), or empty for the whole area.
    sub_area: String,
    filter: Expr,
    judged: bool,
}

impl Part {
    /// A row about this part: it names the part's keys (place, focus tag, part of the area).
    fn keyed(&self, mut v: IndicatorValue) -> IndicatorValue {
        v.place = self.place.clone();
        v.category = self.category.clone();
        v.part = self.sub_area.clone();
        v
    }
}

fn parts(ctx: &Context, spec: &CountSpec) -> Vec<Part> {
    let places: Vec<Option<&String>> = if spec.per_plats {
        spec.platser.iter().map(Some).collect()
    } else {
        vec![None]
    };
    let tags: Vec<Option<(usize, &String)>> = if spec.per_fokus {
        spec.fokus.iter().enumerate().map(Some).collect()
    } else {
        vec![None]
    };
    let mut out = vec![];
    for place in &places {
        let place_filter = match place {
            Some(p) => col("place").eq(lit((*p).clone())),
            None => lit(true),
        };
        let place_name = match place {
            Some(p) => ctx.place_name(p),
            None => spec
                .platser
                .iter()
                .map(|p| ctx.place_name(p))
                .collect::<Vec<_>>()
                .join(" + "),
        };
        for tag in &tags {
            let filter = match tag {
                Some((i, _)) => place_filter.clone().and(col(tag_column(*i))),
                None => place_filter.clone(),
            };
            out.push(Part {
                place: place_name.clone(),
                category: tag.map(|(_, t)| t.to_string()).unwrap_or_default(),
                sub_area: String::new(),
                filter,
                judged: true,
            });
        }
        if tags.len() > 1 {
            // All the tags together, each row once (a row may carry several tags).
            out.push(Part {
                place: place_name,
                category: String::new(),
                sub_area: String::new(),
                filter: place_filter,
                judged: false,
            });
        }
    }
    if spec.per_omrade {
        // Each part of the area judged on its own, then the whole area as the total.
        let whole = out;
        out = vec![];
        for sub in &ctx.catalog.sub_areas {
            for part in &whole {
                out.push(Part {
                    sub_area: sub.name.clone(),
                    filter: part
                        .filter
                        .clone()
                        .and(col("area").eq(lit(sub.name.clone()))),
                    place: part.place.clone(),
                    category: part.category.clone(),
                    judged: part.judged,
                });
            }
        }
        out.extend(whole.into_iter().map(|p| Part { judged: false, ..p }));
    }
    out
}

/// Selected rows dated inside the report's period but outside the promise period.
fn outside_promise(rows: &DataFrame, ctx: &Context) -> PolarsResult<u32> {
    let (from, to) = (ctx.period.start(), ctx.period.end());
    let before = (from < ctx.catalog.start).then(|| days(from, ctx.catalog.start - Days::new(1)));
    let after = (to > ctx.catalog.end).then(|| days(ctx.catalog.end + Days::new(1), to));
    match before.into_iter().chain(after).reduce(|a, b| a.or(b)) {
        Some(outside) => count(rows.clone().lazy().filter(outside)),
        None => Ok(0),
    }
}

/// The status of one bucket against its target.
///
/// Rule: amount ≥ target → Uppfyllt; the bucket not over at the data date → Pågår (progress,
/// never a failure). A bucket that is over and short of the target: for a week or a month
/// the promise is a regularity that the bucket kept or broke → Ej uppfyllt ("fem dagar i
/// veckan", 4 days); for a tertial, term, year or the whole period it is an amount to reach,
/// so part of it is Delvis uppfyllt (1 of 2 visits in a term) and nothing is Ej uppfyllt.
pub fn span_status(value: f64, target: f64, over: bool, per: Per) -> Status {
    match per {
        Per::Vecka | Per::Manad => met_status(value, target, over),
        _ => progress_status(value, target, over),
    }
}

/// The status of one bucket against the earlier bucket it is compared with ("öka": the
/// year before, or a fixed year).
///
/// Rule: "öka" means strictly more. The bucket not over at the data date → Pågår. Over:
/// more than before → Uppfyllt; 0 both times → not judged (`None`: no increase, but no
/// basis for a failure); otherwise — the same or less — it did not increase → Ej uppfyllt.
/// (Delvis uppfyllt arises when spans or parts are combined: some increased, some not.)
pub fn increase_status(value: f64, previous: f64, over: bool) -> Option<Status> {
    if !over {
        return Some(Status::InProgress);
    }
    if value == 0.0 && previous == 0.0 {
        return None;
    }
    Some(if value > previous {
        Status::Fulfilled
    } else {
        Status::NotFulfilled
    })
}

/// Judges a count promise: the general `rakna` and the seed's presets alike.
///
/// Rule: for each bucket of [`buckets`] and each part (each place with `per_plats`, each
/// focus tag with `per_fokus`, else everything together) the [`amount`] from the bucket's
/// first day to the data date (or the bucket's end) is compared with the target by
/// [`span_status`]: `minst`, or without it and with `jamfor_aret_innan` the amount in
/// [`year_earlier`]'s bucket over the same number of days (only when the log's first row lies
/// at most [`LOG_START_GRACE_DAYS`] after that bucket's first day; else that bucket is shown
/// with "jämförelse saknas" but not judged, and with no bucket judged → Saknar data). A comparison
/// is judged only when the bucket is over, and an amount of 0 never meets it. With both, the
/// year before is shown beside the target. The promise combines the buckets with
/// [`super::combine`]. Without a target the amounts are reported and the status comes from
/// the latest status note, else from what was done ([`untargeted_status`]). Without log data
/// for the period → Saknar data. `ocksa_per` and `redovisa_aven` add rows without a verdict.
/// Source: the visit and activity log (input kind 3); catalog measures `rakna`,
/// `besok_per_termin`, `insatser`, `synlighet`, `aktiviteter`.
pub(super) fn judge(ctx: &Context, spec: &CountSpec) -> anyhow::Result<PromiseResult> {
    let Some(data_date) = ctx.data_date else {
        return Ok(ctx.promise(Status::NoData, target(spec), Phrase::NoLogData, vec![]));
    };
    // The measure's own window (`fran`–`till`) inside the promise period.
    let promise = spec.window((ctx.catalog.start, ctx.catalog.end));
    // A measure whose own time ended before the report's period keeps its verdict: the
    // spring's dialogues are still met in the autumn's report.
    let shown = match promise.1 < ctx.period.start() && spec.window_set() {
        true => ReportPeriod::Years {
            first: promise.0.year(),
            last: promise.1.year(),
        },
        false => ctx.period,
    };
    let buckets = buckets(spec.per, shown, promise, &ctx.catalog.terms, data_date);
    let counted_days: Vec<(NaiveDate, NaiveDate)> = buckets
        .iter()
        .map(|b| (b.start, b.end.min(data_date)))
        .collect();
    let selection = ctx
        .selections
        .get_or_try(ctx.memo_key(), || selection(ctx.log_frame, spec))?;
    let (rows, mut uncounted) = (&selection.rows, selection.uncounted(spec, &counted_days)?);
    uncounted.outside_promise = outside_promise(rows, ctx)?;
    let first_log = ctx.tables.logs.iter().map(|l| l.date).min();
    let parts = parts(ctx, spec);
    let masks = parts
        .iter()
        .map(|p| part_mask(rows, &p.filter))
        .collect::<PolarsResult<Vec<_>>>()?;
    let mut values = vec![];
    let mut statuses = vec![];
    for b in &buckets {
        for (part, mask) in parts.iter().zip(&masks) {
            let judged = Judged {
                rows,
                spec,
                part,
                mask,
                bucket: b,
                first_log,
                data_date,
            };
            let v = judged.value(ctx)?;
            statuses.extend(v.status);
            values.push(v);
            values.extend(judged.beside(ctx)?);
        }
    }
    values.extend(also_per(
        ctx,
        spec,
        rows,
        (&parts, &masks),
        promise,
        data_date,
    )?);

    let has_target = spec.minst.is_some() || spec.compared();
    let judged: Vec<IndicatorValue> = values
        .iter()
        .filter(|v| v.key == "count")
        .cloned()
        .collect();
    let nothing_either_year = |v: &IndicatorValue| v.note == Notes::one(Phrase::NothingEitherYear);
    let status = if buckets.is_empty()
        && promise.0 > ctx.period.end()
        && ctx.period.end() >= ctx.catalog.start
    {
        // The measure's own window is still to come: not started, not missing.
        Status::NotStarted
    } else if buckets.is_empty() {
        Status::NoData
    } else if has_target && statuses.is_empty() && judged.iter().any(nothing_either_year) {
        // Nothing this year and nothing the year before: no change, and no failure.
        Status::NoChange
    } else if has_target {
        // combine([]) is Saknar data: no bucket could be judged.
        combine(&statuses)
    } else {
        untargeted_status(ctx)
    };
    let result = if buckets.is_empty() {
        Phrase::NoSpan(no_span(ctx, spec, data_date))
    } else {
        Phrase::CountResult(Box::new(finding(spec, &judged, has_target, uncounted)))
    };
    Ok(ctx.promise(status, target(spec), result, values))
}

/// One part in one bucket, about to be judged.
struct Judged<'a> {
    rows: &'a DataFrame,
    spec: &'a CountSpec,
    part: &'a Part,
    /// The rows of the part.
    mask: &'a BooleanChunked,
    bucket: &'a Bucket,
    first_log: Option<NaiveDate>,
    data_date: NaiveDate,
}

impl Judged<'_> {
    fn until(&self) -> NaiveDate {
        self.bucket.end.min(self.data_date)
    }

    fn over(&self) -> bool {
        self.data_date >= self.bucket.end
    }

    /// The judged row: the amount, its target and status, and the comparison.
    fn value(&self, ctx: &Context) -> PolarsResult<IndicatorValue> {
        let (spec, b) = (self.spec, self.bucket);
        let value = amount(self.rows, spec, self.mask, b.start, self.until())?;
        let name = Phrase::CountName(Box::new(spec.clone()));
        let v = ctx.value("count", name, b.label.clone(), unit_code(spec.rakna));
        let mut v = self.part.keyed(v);
        v.value = Some(value);
        v.data_date = Some(self.until());
        if !self.part.judged {
            v.note = Notes::one(Phrase::TotalOfParts);
            return Ok(v);
        }
        if spec.rakna == Unit::AndelDagar {
            v.n = Some(f64::from(eligible_days(spec, b.start, self.until())));
        }
        let before = if spec.compared() {
            Some(comparison(
                self.rows,
                spec,
                self.mask,
                b,
                self.first_log,
                self.data_date,
            )?)
        } else {
            None
        };
        if let Some(Ok(previous)) = before {
            v.baseline = Some(previous);
            v.change = Some(value - previous);
        }
        let over = self.over();
        match (spec.minst, before) {
            (Some(target), before) => {
                v.target = Some(target);
                v.status = Some(span_status(value, target, over, spec.per));
                if let Some(Err(why)) = before {
                    v.note = Notes::one(why);
                }
            }
            (None, Some(Ok(previous))) => {
                v.target = Some(previous);
                v.status = increase_status(value, previous, over);
                if v.status.is_none() {
                    v.note = Notes::one(Phrase::NothingEitherYear);
                }
            }
            // Without a year to compare with, the bucket is shown but not judged.
            (None, Some(Err(why))) => v.note = Notes::one(why),
            (None, None) => {}
        }
        if !over {
            v.note.push(Phrase::RunsUntil(b.end));
        }
        Ok(v)
    }

    /// Rows beside the judged one, without a verdict: each focus tag's count when the tags
    /// are judged together, and the `redovisa_aven` units.
    fn beside(&self, ctx: &Context) -> PolarsResult<Vec<IndicatorValue>> {
        let (spec, b) = (self.spec, self.bucket);
        let mut out = vec![];
        // Each tag's own count, when several are judged together.
        if !spec.per_fokus && spec.fokus.len() > 1 {
            for (i, tag) in spec.fokus.iter().enumerate() {
                let tagged = self.rows.column(&tag_column(i))?.bool()?;
                let x = amount(
                    self.rows,
                    spec,
                    &(self.mask & tagged),
                    b.start,
                    self.until(),
                )?;
                let name = Phrase::CountFocusName {
                    preset: spec.preset,
                    unit: spec.rakna,
                    tag: tag.clone(),
                };
                let v = ctx.value("count_focus", name, b.label.clone(), unit_code(spec.rakna));
                let mut v = self.part.keyed(v);
                v.category = tag.clone();
                v.value = Some(x);
                v.data_date = Some(self.until());
                out.push(v);
            }
        }
        for unit in &spec.redovisa_aven {
            let other = CountSpec {
                rakna: *unit,
                ..spec.clone()
            };
            let x = amount(self.rows, &other, self.mask, b.start, self.until())?;
            let name = Phrase::CountUnitName(*unit);
            let v = ctx.value("count_also", name, b.label.clone(), unit_code(*unit));
            let mut v = self.part.keyed(v);
            v.value = Some(x);
            v.data_date = Some(self.until());
            out.push(v);
        }
        Ok(out)
    }
}

/// The amounts per `ocksa_per` bucket too, without a verdict (visits per tertial beside the
/// visits per term).
fn also_per(
    ctx: &Context,
    spec: &CountSpec,
    rows: &DataFrame,
    (parts, masks): (&[Part], &[BooleanChunked]),
    promise: (NaiveDate, NaiveDate),
    data_date: NaiveDate,
) -> PolarsResult<Vec<IndicatorValue>> {
    let Some(per) = spec.ocksa_per else {
        return Ok(vec![]);
    };
    let mut out = vec![];
    for b in buckets(per, ctx.period, promise, &ctx.catalog.terms, data_date) {
        for (part, mask) in parts.iter().zip(masks) {
            let until = b.end.min(data_date);
            let x = amount(rows, spec, mask, b.start, until)?;
            let name = Phrase::CountPerName {
                preset: spec.preset,
                unit: spec.rakna,
                per,
            };
            let v = ctx.value("count_also", name, b.label.clone(), unit_code(spec.rakna));
            let mut v = part.keyed(v);
            v.value = Some(x);
            v.data_date = Some(until);
            out.push(v);
        }
    }
    Ok(out)
}

/// How many days after an earlier bucket's first day the log may start and still be
/// compared with it (see [`comparison`]).
pub const LOG_START_GRACE_DAYS: u64 = 14;

/// The amount a year earlier for one bucket and part, or why there is none.
fn comparison(
    rows: &DataFrame,
    spec: &CountSpec,
    part: &BooleanChunked,
    b: &Bucket,
    first_log: Option<NaiveDate>,
    data_date: NaiveDate,
) -> PolarsResult<Result<f64, Phrase>> {
    let earlier = match spec.jamfor_med {
        Some(year) => in_year(b, spec.per, year),
        None => year_earlier(b, spec.per),
    };
    let Some(before) = earlier else {
        return Ok(Err(Phrase::Empty));
    };
    // A log records events, not days: its first row rarely falls on the first day it
    // covers. One that starts within two weeks of the earlier bucket's first day is taken
    // to cover that bucket; one that starts later is not compared with it at all.
    if first_log.is_none_or(|f| f > before.start + Days::new(LOG_START_GRACE_DAYS)) {
        return Ok(Err(Phrase::NoComparison {
            log_starts: first_log,
            needed: before.start,
        }));
    }
    // The same days on both sides: a bucket in progress is compared with the same part of
    // the bucket a year earlier.
    let days_in = (b.end.min(data_date) - b.start).num_days().max(0) as u64;
    let until = (before.start + Days::new(days_in)).min(before.end);
    Ok(Ok(amount(rows, spec, part, before.start, until)?))
}

/// The stable unit code shown in the CSV and used for number formats.
fn unit_code(unit: Unit) -> &'static str {
    match unit {
        Unit::Rader | Unit::Antal => "antal",
        Unit::Dagar => "dagar",
        Unit::Veckor => "veckor",
        Unit::Helger => "helger",
        Unit::Timmar => "timmar",
        Unit::Deltagare => "deltagare",
        Unit::AndelDagar => "andel",
    }
}

/// The target of a count promise, as the catalog states it.
fn target(spec: &CountSpec) -> Phrase {
    Phrase::CountTarget(Box::new(spec.clone()))
}

/// The status of a promise with no numeric target ("genomför insatser"): the latest status
/// note decides; without one it is [`Status::Reported`] — its amounts are shown, but the
/// mere presence (or absence) of rows is no basis for Uppfyllt or Ej uppfyllt.
fn untargeted_status(ctx: &Context) -> Status {
    let notes = super::status_notes::notes_for(ctx.tables, ctx.id, ctx.period);
    match notes.first() {
        Some(n) => super::status_of_note(n.status),
        None => Status::Reported,
    }
}

/// Why nothing is shown: the report period lies outside the promise or the measure's own
/// window, or the log ends before it.
fn no_span(ctx: &Context, spec: &CountSpec, data_date: NaiveDate) -> NoSpan {
    let per = spec.per;
    let outside = ctx.period.end() < ctx.catalog.start || ctx.period.start() > ctx.catalog.end;
    let window = spec.window((ctx.catalog.start, ctx.catalog.end));
    if !outside && window.0 > ctx.period.end() {
        return NoSpan::WindowAhead(window.0, window.1);
    }
    if !outside && window.1 < ctx.period.start() {
        return NoSpan::WindowPassed(window.0, window.1);
    }
    let no_term = per == Per::Termin
        && !ctx
            .catalog
            .terms
            .iter()
            .any(|t| t.overlaps(ctx.period.start(), ctx.period.end()));
    match (outside, no_term) {
        (true, _) => NoSpan::OutsidePromise,
        (false, true) => NoSpan::NoTerm,
        (false, false) => NoSpan::LogEnds(data_date),
    }
}

/// The facts of the result line. One part: each span's amount (with its target, and the
/// year before when compared), or for more than four spans how many met the target and the
/// total. Several parts (places, focus tags, parts of the area): per span how many parts met
/// the target.
fn finding(
    spec: &CountSpec,
    values: &[IndicatorValue],
    has_target: bool,
    uncounted: Uncounted,
) -> CountFinding {
    let mut spans: Vec<&str> = vec![];
    for v in values {
        if !spans.contains(&v.period.as_str()) {
            spans.push(&v.period);
        }
    }
    let several_parts = values.len() > spans.len();
    let summary = if several_parts && has_target {
        CountSummary::PartsMet {
            parts: if spec.per_omrade {
                PartKind::Areas
            } else if spec.per_plats {
                PartKind::Places
            } else {
                PartKind::Focus
            },
            spans: spans.iter().map(|p| parts_in_span(values, p)).collect(),
        }
    } else if values.len() <= 4 {
        CountSummary::Amounts(
            values
                .iter()
                .map(|v| amount_of(spec, v, several_parts))
                .collect(),
        )
    } else {
        // The total counts each row once: the whole's rows when the parts have one (a row
        // may carry several focus tags; the parts of the area add up to the whole).
        let whole: Vec<&IndicatorValue> = values
            .iter()
            .filter(|v| v.part.is_empty() && v.category.is_empty())
            .collect();
        let summed: Vec<&IndicatorValue> =
            if (spec.per_omrade || spec.per_fokus) && !whole.is_empty() {
                whole
            } else {
                values.iter().collect()
            };
        CountSummary::Total {
            total: summed.iter().filter_map(|v| v.value).sum(),
            spans: spans.len(),
            covered: summed
                .iter()
                .filter_map(|v| Some((v.value? * v.n?).round()))
                .sum(),
            days: summed.iter().filter_map(|v| v.n).sum(),
        }
    };
    let spans_met = (has_target && spans.len() > 1 && !several_parts).then(|| {
        let judged: Vec<Status> = values.iter().filter_map(|v| v.status).collect();
        SpansMet {
            met: judged.iter().filter(|s| **s == Status::Fulfilled).count(),
            judged: judged.len(),
            running: judged.iter().filter(|s| **s == Status::InProgress).count(),
        }
    });
    CountFinding {
        spec: spec.clone(),
        summary,
        spans_met,
        uncounted,
    }
}

/// How many of the judged parts met the target in one span.
fn parts_in_span(values: &[IndicatorValue], span: &str) -> PartsInSpan {
    let judged: Vec<&IndicatorValue> = values
        .iter()
        .filter(|v| v.period == span && v.status.is_some())
        .collect();
    PartsInSpan {
        span: span.to_string(),
        met: judged
            .iter()
            .filter(|v| v.status == Some(Status::Fulfilled))
            .count(),
        judged: judged.len(),
        so_far: judged.iter().any(|v| v.status == Some(Status::InProgress)),
    }
}

/// One value's amount for the result line, named by its part when there are several.
fn amount_of(spec: &CountSpec, v: &IndicatorValue, several_parts: bool) -> CountAmount {
    let who = [v.part.as_str(), v.place.as_str(), v.category.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty() && several_parts)
        .collect::<Vec<_>>()
        .join(", ");
    CountAmount {
        whole: several_parts && v.note == Notes::one(Phrase::TotalOfParts),
        who,
        span: v.period.clone(),
        value: v.value.unwrap_or(0.0),
        days: v.n,
        target: v.target.filter(|_| spec.minst.is_some()),
        year_before: v.baseline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2018, m, day).unwrap()
    }

    fn row(date: NaiveDate, kind: &str, start: Option<u32>, end: Option<u32>) -> LogEntry {
        LogEntry {
            date,
            kind: kind.into(),
            start_minute: start,
            end_minute: end,
            ..Default::default()
        }
    }

    fn spec(unit: Unit) -> CountSpec {
        CountSpec {
            rakna: unit,
            ..CountSpec::rows_of(&["Patrull".into()], Per::Period)
        }
    }

    /// The rows a spec selects, and what it left out on the days of `window`.
    fn select(
        logs: &LogFrame,
        spec: &CountSpec,
        window: (NaiveDate, NaiveDate),
    ) -> PolarsResult<(DataFrame, Uncounted)> {
        let selection = selection(logs, spec)?;
        let uncounted = selection.uncounted(spec, &[window])?;
        Ok((selection.rows, uncounted))
    }

    fn amount_of(logs: &[LogEntry], spec: &CountSpec, from: NaiveDate, to: NaiveDate) -> f64 {
        let (rows, _) = select(&LogFrame::new(logs), spec, (from, to)).unwrap();
        let everything = BooleanChunked::full("all".into(), true, rows.height());
        amount(&rows, spec, &everything, from, to).unwrap()
    }

    #[test]
    fn a_part_counts_its_own_rows_and_a_row_without_a_place_is_at_no_place() {
        // Three patrols on 1 March: at place a, without a place, at place b. The part for a
        // counts one row (the row without a place is not a's: its test is unknown, never
        // true); everything together counts three; nothing after 1 March counts.
        let at = |place: Option<&str>| LogEntry {
            date: d(3, 1),
            kind: "Patrull".into(),
            place: place.map(str::to_string),
            ..Default::default()
        };
        let logs = [at(Some("a")), at(None), at(Some("b"))];
        let spec = spec(Unit::Rader);
        let (rows, _) = select(&LogFrame::new(&logs), &spec, (d(3, 1), d(3, 31))).unwrap();
        let at_a = part_mask(&rows, &col("place").eq(lit("a"))).unwrap();
        assert_eq!(amount(&rows, &spec, &at_a, d(3, 1), d(3, 31)).unwrap(), 1.0);
        let all = part_mask(&rows, &lit(true)).unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(amount(&rows, &spec, &all, d(3, 1), d(3, 31)).unwrap(), 3.0);
        assert_eq!(amount(&rows, &spec, &all, d(3, 2), d(3, 31)).unwrap(), 0.0);
        // No rows selected at all (another log type): every part is empty, the amount 0.
        let other = CountSpec::rows_of(&["Möte".into()], Per::Period);
        let (none, _) = select(&LogFrame::new(&logs), &other, (d(3, 1), d(3, 31))).unwrap();
        let nothing = part_mask(&none, &lit(true)).unwrap();
        assert_eq!((none.height(), nothing.len()), (0, 0));
        assert_eq!(
            amount(&none, &other, &nothing, d(3, 1), d(3, 31)).unwrap(),
            0.0
        );
    }

    #[test]
    fn a_bucket_that_falls_short_keeps_or_breaks_a_rule_or_is_part_of_an_amount() {
        // 4 of 5 days in a finished week breaks the weekly rule; 1 of 2 visits in a finished
        // term is part of the amount; nothing in a finished term is not fulfilled.
        assert_eq!(
            span_status(4.0, 5.0, true, Per::Vecka),
            Status::NotFulfilled
        );
        assert_eq!(span_status(1.0, 2.0, true, Per::Termin), Status::Partly);
        assert_eq!(
            span_status(0.0, 2.0, true, Per::Termin),
            Status::NotFulfilled
        );
        assert_eq!(span_status(1.0, 2.0, false, Per::Vecka), Status::InProgress);
        assert_eq!(span_status(2.0, 2.0, false, Per::Ar), Status::Fulfilled);
    }

    #[test]
    fn weeks_start_on_monday_and_buckets_after_the_data_date_are_left_out() {
        // T1 2018 starts Monday 1 January and ends Monday 30 April (in week 18); with data
        // through 15 March, weeks 1–11 are shown (week 11 starts 12 March).
        let t1 = ReportPeriod::Tertial { year: 2018, n: 1 };
        let promise = (d(1, 1), d(12, 31));
        let weeks = buckets(Per::Vecka, t1, promise, &[], d(3, 15));
        assert_eq!(weeks.len(), 11);
        assert_eq!(
            (weeks[0].label.as_str(), weeks[0].start),
            ("2018-V01", d(1, 1))
        );
        assert_eq!(weeks[10].end, d(3, 18));
        let whole = buckets(Per::Vecka, t1, promise, &[], d(12, 31));
        assert_eq!(whole.last().unwrap().label, "2018-V18");
    }

    #[test]
    fn a_term_is_counted_whole_and_the_period_from_the_promises_first_day() {
        let term = DateRange {
            name: "VT".into(),
            start: d(1, 8),
            end: d(6, 15),
        };
        let t2 = ReportPeriod::Tertial { year: 2018, n: 2 };
        let b = buckets(Per::Termin, t2, (d(1, 1), d(12, 31)), &[term], d(8, 31));
        assert_eq!((b[0].start, b[0].end), (d(1, 8), d(6, 15)));
        let whole = buckets(Per::Period, t2, (d(1, 1), d(12, 31)), &[], d(8, 31));
        assert_eq!((whole[0].label.as_str(), whole[0].start), ("2018", d(1, 1)));
        // A report period outside the promise shows nothing.
        let before = ReportPeriod::Tertial { year: 2017, n: 3 };
        assert!(buckets(Per::Ar, before, (d(1, 1), d(12, 31)), &[], d(8, 31)).is_empty());
    }

    #[test]
    fn an_evening_window_wraps_past_midnight() {
        // 18:00–06:00: 19–21 and 02–03 and 22–01 are inside; 14–16 is not; 17–19 overlaps.
        let logs = vec![
            row(d(3, 1), "Patrull", Some(19 * 60), Some(21 * 60)),
            row(d(3, 2), "Patrull", Some(2 * 60), Some(3 * 60)),
            row(d(3, 3), "Patrull", Some(22 * 60), Some(60)),
            row(d(3, 4), "Patrull", Some(14 * 60), Some(16 * 60)),
            row(d(3, 5), "Patrull", Some(17 * 60), Some(19 * 60)),
            row(d(3, 6), "Patrull", None, None),
        ];
        let evening = CountSpec {
            fran_klockan: Some("18:00".into()),
            till_klockan: Some("06:00".into()),
            ..spec(Unit::Rader)
        };
        let (rows, uncounted) =
            select(&LogFrame::new(&logs), &evening, (d(3, 1), d(3, 31))).unwrap();
        assert_eq!(rows.height(), 4);
        assert_eq!(uncounted.without_time, 1);
    }

    #[test]
    fn a_window_within_one_day_meets_rows_that_run_past_midnight() {
        // 00:00–04:00: a patrol 23:00–01:00 overlaps the next day's window (it was lost);
        // 05:00–06:00 does not. 08:00–17:00: a shift 23:00–09:00 overlaps the next morning.
        let logs = vec![
            row(d(3, 1), "Patrull", Some(23 * 60), Some(60)),
            row(d(3, 2), "Patrull", Some(5 * 60), Some(6 * 60)),
            row(d(3, 3), "Patrull", Some(23 * 60), Some(9 * 60)),
        ];
        let night = CountSpec {
            fran_klockan: Some("00:00".into()),
            till_klockan: Some("04:00".into()),
            ..spec(Unit::Rader)
        };
        let (rows, _) = select(&LogFrame::new(&logs), &night, (d(3, 1), d(3, 31))).unwrap();
        // 1 March 23–01 and 3 March 23–09 reach 00:00–04:00 the next day.
        assert_eq!(rows.height(), 2);
        let day = CountSpec {
            fran_klockan: Some("08:00".into()),
            till_klockan: Some("17:00".into()),
            ..spec(Unit::Rader)
        };
        let (rows, _) = select(&LogFrame::new(&logs), &day, (d(3, 1), d(3, 31))).unwrap();
        assert_eq!(rows.height(), 1, "only the shift 23:00–09:00");
    }

    #[test]
    fn a_sluttid_equal_to_the_klockslag_has_no_hours() {
        // 10:00–10:00 is not 24 hours: the row has no hours and is reported as such.
        let logs = vec![
            row(d(3, 1), "Patrull", Some(10 * 60), Some(10 * 60)),
            row(d(3, 2), "Patrull", Some(10 * 60), Some(12 * 60)),
        ];
        assert_eq!(
            amount_of(&logs, &spec(Unit::Timmar), d(3, 1), d(3, 31)),
            2.0
        );
        let (_, uncounted) = select(
            &LogFrame::new(&logs),
            &spec(Unit::Timmar),
            (d(3, 1), d(3, 31)),
        )
        .unwrap();
        assert_eq!(uncounted.without_value, 1);
    }

    #[test]
    fn a_week_is_compared_with_the_same_iso_week_a_year_earlier() {
        // 2021-V05 is 1–7 February 2021; 2020-V05 is 27 January – 2 February 2020 (364 days
        // back would be 2020-V06). 2021-V53 does not exist, but 2020-V53 (28 Dec – 3 Jan)
        // against 2019's last week, V52 (23–29 December).
        let nd = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let week = |start: NaiveDate| Bucket {
            label: String::new(),
            start,
            end: start + Days::new(6),
        };
        let before = year_earlier(&week(nd(2021, 2, 1)), Per::Vecka).unwrap();
        assert_eq!(
            (before.start, before.end),
            (nd(2020, 1, 27), nd(2020, 2, 2))
        );
        let before = year_earlier(&week(nd(2020, 12, 28)), Per::Vecka).unwrap();
        assert_eq!(before.start, nd(2019, 12, 23));
    }

    #[test]
    fn an_increase_is_strictly_more() {
        use Status::*;
        // 36 h the year before: 37 is an increase; 36 (was Uppfyllt) and 34 are not; 0 is
        // nothing; 0 against 0 is not judged; a running tertial is Pågår.
        assert_eq!(increase_status(37.0, 36.0, true), Some(Fulfilled));
        assert_eq!(increase_status(36.0, 36.0, true), Some(NotFulfilled));
        assert_eq!(increase_status(34.0, 36.0, true), Some(NotFulfilled));
        assert_eq!(increase_status(0.0, 36.0, true), Some(NotFulfilled));
        assert_eq!(increase_status(0.0, 0.0, true), None);
        assert_eq!(increase_status(1.0, 0.0, true), Some(Fulfilled));
        assert_eq!(increase_status(0.0, 36.0, false), Some(InProgress));
    }

    #[test]
    fn every_bucket_is_clipped_to_the_promise() {
        // A promise 2020-11-18 – 2021-03-31: its first month is 18–30 November, its first
        // tertial 18 November – 31 December, and T2 2021 is cut at 31 March. No tertial
        // before it is listed.
        let nd = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let promise = (nd(2020, 11, 18), nd(2021, 3, 31));
        let years = ReportPeriod::Years {
            first: 2020,
            last: 2021,
        };
        let months = buckets(Per::Manad, years, promise, &[], nd(2021, 12, 31));
        assert_eq!(months.len(), 5);
        assert_eq!(
            (months[0].label.as_str(), months[0].start),
            ("2020-11", nd(2020, 11, 18))
        );
        assert_eq!(months[4].end, nd(2021, 3, 31));
        let tertials = buckets(Per::Tertial, years, promise, &[], nd(2021, 12, 31));
        let spans: Vec<_> = tertials
            .iter()
            .map(|b| (b.label.as_str(), b.start, b.end))
            .collect();
        assert_eq!(
            spans,
            vec![
                ("2020-T3", nd(2020, 11, 18), nd(2020, 12, 31)),
                ("2021-T1", nd(2021, 1, 1), nd(2021, 3, 31)),
            ]
        );
        let whole = buckets(Per::Period, years, promise, &[], nd(2021, 12, 31));
        assert_eq!((whole[0].start, whole[0].end), promise);
    }

    #[test]
    fn rows_left_out_are_counted_on_the_days_of_each_window() {
        // One selection, shared by a report's periods: the evening filter leaves out the
        // rows without a time (1 and 20 March) and the Utförare filter the row without one
        // (2 March). Each window counts only its own days.
        let mut logs = vec![
            row(d(3, 1), "Patrull", None, None),
            row(d(3, 2), "Patrull", Some(19 * 60), Some(21 * 60)),
            row(d(3, 3), "Patrull", Some(19 * 60), Some(21 * 60)),
            row(d(3, 20), "Patrull", None, None),
        ];
        logs[2].performer = Some("Polis".into());
        let spec = CountSpec {
            fran_klockan: Some("18:00".into()),
            utforare: vec!["Polis".into()],
            ..spec(Unit::Rader)
        };
        let selection = selection(&LogFrame::new(&logs), &spec).unwrap();
        assert_eq!(selection.rows.height(), 1);
        let early = selection.uncounted(&spec, &[(d(3, 1), d(3, 10))]).unwrap();
        assert_eq!((early.without_time, early.without_performer), (1, 1));
        let late = selection.uncounted(&spec, &[(d(3, 11), d(3, 31))]).unwrap();
        assert_eq!((late.without_time, late.without_performer), (1, 0));
        let all = selection.uncounted(&spec, &[(d(3, 1), d(3, 31))]).unwrap();
        assert_eq!((all.without_time, all.without_performer), (2, 1));
    }

    #[test]
    fn every_unit_counts_by_hand() {
        // Fri 2 March 19–21 and 21–22, Sat 3 March 20–23 (Antal 3), Sun 4 March 10–11,
        // Mon 5 March (week 10) without times.
        let mut logs = vec![
            row(d(3, 2), "Patrull", Some(19 * 60), Some(21 * 60)),
            row(d(3, 2), "Patrull", Some(21 * 60), Some(22 * 60)),
            row(d(3, 3), "Patrull", Some(20 * 60), Some(23 * 60)),
            row(d(3, 4), "Patrull", Some(10 * 60), Some(11 * 60)),
            row(d(3, 5), "Patrull", None, None),
        ];
        logs[2].count = Some(3.0);
        let (from, to) = (d(3, 1), d(3, 11));
        let got = |u| amount_of(&logs, &spec(u), from, to);
        assert_eq!(got(Unit::Rader), 5.0);
        assert_eq!(got(Unit::Dagar), 4.0);
        // 2–4 March are ISO week 9, 5 March week 10.
        assert_eq!(got(Unit::Veckor), 2.0);
        // Saturday and Sunday of one weekend.
        assert_eq!(got(Unit::Helger), 1.0);
        // 2 + 1 + 3 + 1 hours from the times; the row without times adds nothing.
        assert_eq!(got(Unit::Timmar), 7.0);
        // Antal 3 on one row, one event for each of the other four.
        assert_eq!(got(Unit::Antal), 7.0);
        // Fridays and Saturdays 1–11 March: 2, 3, 9, 10 March; rows on 2 and 3 March → 2 of 4.
        let fri_sat = CountSpec {
            veckodagar: vec!["fre".into(), "lör".into()],
            ..spec(Unit::AndelDagar)
        };
        assert_eq!(eligible_days(&fri_sat, from, to), 4);
        assert_eq!(amount_of(&logs, &fri_sat, from, to), 0.5);
    }
}
