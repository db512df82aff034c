//! Indicators, response times: cases reported and done ("klotter tas bort inom 24 timmar"),
//! judged as the share of cases done within the promised time.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use polars::prelude::*;

use super::count::{buckets, span_status, Bucket};
use super::frames::{day_number, days, one_of};
use super::phrase::{Notes, Phrase, ResponseSpan};
use super::{combine, Context, PromiseResult, Status};
use crate::catalog::ResponseSpec;
use crate::ingest::LogEntry;

/// Cases of one bucket: how many count, and how many were done in time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cases {
    /// Cases that count: done, or still open past the promised time.
    pub n: u32,
    pub within: u32,
    /// Cases still open and still inside the promised time at the data date (not counted).
    pub open: u32,
}

/// When a case came in: its date and Klockslag, or the start of the day without a time (so
/// that a case is never shown as done sooner than it was).
fn reported_at(e: &LogEntry) -> NaiveDateTime {
    let m = e.start_minute.unwrap_or(0);
    let time = NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap_or(NaiveTime::MIN);
    e.date.and_time(time)
}

/// The case table: day reported, hours from reported to done (null while open), and the
/// hours a case had been open at the end of the data date.
fn frame(logs: &[LogEntry], data_date: NaiveDate) -> PolarsResult<DataFrame> {
    let as_of = data_date.and_time(NaiveTime::from_hms_opt(23, 59, 0).unwrap_or(NaiveTime::MIN));
    let hours = |a: NaiveDateTime, b: NaiveDateTime| (b - a).num_minutes() as f64 / 60.0;
    df!(
        "day" => logs.iter().map(|e| day_number(e.date)).collect::<Vec<_>>(),
                "kind" => super::frames::folded(logs.iter().map(|e| e.kind.as_str())),
        // A case done after the data date was still open at it: the report judges as of then.
        "to_done" => logs.iter().map(|e| e.done_at.filter(|d| *d <= as_of).map(|d| hours(reported_at(e), d))).collect::<Vec<_>>(),
        "age" => logs.iter().map(|e| hours(reported_at(e), as_of)).collect::<Vec<_>>(),
    )
}

/// Cases reported from `start` to `until` and their timeliness.
///
/// Formula: a case is done in time when Åtgärdad − reported ≤ `limit` hours; a case without
/// Åtgärdad counts as late once it has been open longer than `limit` at the data date, and is
/// left out (open) before that. Without a limit (`None`) a case is acted on when it has an
/// Åtgärdad by the data date, and every other case is not acted on. Share = within ÷ n.
pub fn cases(
    df: &DataFrame,
    kinds: &[String],
    limit: Option<f64>,
    start: NaiveDate,
    until: NaiveDate,
) -> PolarsResult<Cases> {
    let within_days = days(start, until);
    let done = col("to_done").is_not_null();
    // Without a time limit every case counts, done or not: one not done is not acted on.
    let late_open = match limit {
        Some(limit) => col("to_done").is_null().and(col("age").gt(lit(limit))),
        None => col("to_done").is_null(),
    };
    let limit = limit.unwrap_or(f64::INFINITY);
    let as_count = |e: Expr| e.cast(DataType::Int64).sum().alias("x");
    let out = df
        .clone()
        .lazy()
        .filter(one_of("kind", kinds).and(within_days))
        .select([
            as_count(done.clone().or(late_open.clone())).alias("n"),
            as_count(done.and(col("to_done").lt_eq(lit(limit)))).alias("within"),
            as_count(col("to_done").is_null().and(late_open.not())).alias("open"),
        ])
        .collect()?;
    let get =
        |c: &str| -> PolarsResult<u32> { Ok(out.column(c)?.i64()?.get(0).unwrap_or(0) as u32) };
    Ok(Cases {
        n: get("n")?,
        within: get("within")?,
        open: get("open")?,
    })
}

/// Judges a response-time promise.
///
/// Rule: per bucket (`per`, default the year) the share of [`cases`] done within
/// `inom_timmar`; with `minst` each bucket is [`super::count::span_status`] against it (a bucket
/// not over is Pågår) and the promise [`super::combine`]s them; without `minst` the shares
/// are reported with no verdict (Redovisas – inget mål while cases exist). A bucket without
/// cases has no share (Saknar data), never 0 %. A case done after the data date counts as
/// open at it.
/// Source: the visit and activity log (input kind 3) with Åtgärdad; catalog measure `svarstid`.
pub(super) fn judge(ctx: &Context, spec: &ResponseSpec) -> anyhow::Result<PromiseResult> {
    let target_text = Phrase::ResponseTarget {
        hours: spec.inom_timmar,
        share: spec.minst,
    };
    let Some(data_date) = ctx.data_date else {
        return Ok(ctx.promise(Status::NoData, target_text, Phrase::NoLogData, vec![]));
    };
    let df = frame(&ctx.tables.logs, data_date)?;
    let promise = (ctx.catalog.start, ctx.catalog.end);
    let mut values = vec![];
    let mut statuses = vec![];
    let mut spans = vec![];
    for b in buckets(spec.per, ctx.period, promise, &ctx.catalog.terms, data_date) {
        let c = cases(
            &df,
            &spec.loggtyper,
            spec.inom_timmar,
            b.start,
            b.end.min(data_date),
        )?;
        let (v, status) = bucket_value(ctx, spec, &b, c, data_date);
        statuses.extend(status);
        spans.push(ResponseSpan {
            span: b.label.clone(),
            within: c.within,
            cases: c.n,
        });
        values.push(v);
    }
    let status = if values.is_empty() {
        Status::NoData
    } else if spec.minst.is_some() {
        combine(&statuses)
    } else if values.iter().any(|v| v.n.is_some_and(|n| n > 0.0)) {
        // No target: the shares are shown, with no basis for a verdict.
        Status::Reported
    } else {
        Status::NoData
    };
    let result = Phrase::ResponseResult {
        hours: spec.inom_timmar,
        spans,
    };
    Ok(ctx.promise(status, target_text, result, values))
}

fn bucket_value(
    ctx: &Context,
    spec: &ResponseSpec,
    b: &Bucket,
    c: Cases,
    data_date: NaiveDate,
) -> (super::IndicatorValue, Option<Status>) {
    let name = Phrase::ResponseName {
        hours: spec.inom_timmar,
        types: spec.loggtyper.clone(),
    };
    let mut v = ctx.value("response_share", name, b.label.clone(), "andel");
    v.n = Some(f64::from(c.n));
    v.target = spec.minst;
    v.data_date = Some(b.end.min(data_date));
    v.note = Notes::one(Phrase::ResponseCases {
        within: c.within,
        cases: c.n,
        open: c.open,
    });
    if c.n == 0 {
        v.status = Some(Status::NoData);
        return (v, spec.minst.map(|_| Status::NoData));
    }
    let share = f64::from(c.within) / f64::from(c.n);
    v.value = Some(share);
    let status = spec
        .minst
        .map(|m| span_status(share, m, data_date >= b.end, spec.per));
    v.status = status;
    (v, status)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(day: u32, minute: u32, done: Option<(u32, u32)>) -> LogEntry {
        let d = |day| NaiveDate::from_ymd_opt(2018, 3, day).unwrap();
        LogEntry {
            date: d(day),
            kind: "Klotter".into(),
            place: None,
            focus: vec![],
            hours: None,
            participants: None,
            start_minute: Some(minute),
            end_minute: None,
            performer: None,
            count: None,
            done_at: done.map(|(dd, m)| d(dd).and_hms_opt(m / 60, m % 60, 0).unwrap()),
            area: None,
        }
    }

    #[test]
    fn cases_are_within_late_or_open_by_hand() {
        // Reported 1 March 10:00, done 2 March 10:00: exactly 24 h → within.
        // Reported 1 March 10:00, done 2 March 10:01: 24 h 1 min → late.
        // Reported 3 March 08:00, never done; data date 5 March 23:59 → open 87 h → late.
        // Reported 5 March 20:00, never done → open 3 h 59 min at the data date → left out.
        let logs = vec![
            case(1, 600, Some((2, 600))),
            case(1, 600, Some((2, 601))),
            case(3, 480, None),
            case(5, 1200, None),
        ];
        let data_date = NaiveDate::from_ymd_opt(2018, 3, 5).unwrap();
        let df = frame(&logs, data_date).unwrap();
        let start = NaiveDate::from_ymd_opt(2018, 3, 1).unwrap();
        let c = cases(&df, &["klotter".into()], Some(24.0), start, data_date).unwrap();
        assert_eq!(
            c,
            Cases {
                n: 3,
                within: 1,
                open: 1
            }
        );
    }

    #[test]
    fn a_case_done_after_the_data_date_is_open_at_it() {
        // Reported 5 March 22:00, done 6 March 09:00 (11 h, in time) — but the data date is
        // 5 March: at 23:59 it was open for 1 h 59 min, so it is left out, not "in time".
        // Reported 1 March 08:00, done 7 March: open 111 h 59 min at the data date → late.
        let logs = vec![case(5, 1320, Some((6, 540))), case(1, 480, Some((7, 480)))];
        let data_date = NaiveDate::from_ymd_opt(2018, 3, 5).unwrap();
        let df = frame(&logs, data_date).unwrap();
        let start = NaiveDate::from_ymd_opt(2018, 3, 1).unwrap();
        let c = cases(&df, &["klotter".into()], Some(24.0), start, data_date).unwrap();
        assert_eq!(
            c,
            Cases {
                n: 1,
                within: 0,
                open: 1
            }
        );
    }
}
