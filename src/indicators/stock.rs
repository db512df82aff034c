//! Indicators, stocks that must grow: active units (neighbourhood-watch areas) at the end
//! of the period against the promise's start ("grannsamverkan ska utökas").

use chrono::{Days, NaiveDate};
use polars::prelude::*;

use super::frames::{day_number, days, one_of};
use super::phrase::Phrase;
use super::{Context, PromiseResult, Status};
use crate::catalog::StockSpec;
use crate::fmt;
use crate::ingest::LogEntry;

/// The log as units: day, folded type, and the units a row adds or removes (its Antal,
/// else one).
fn units(logs: &[LogEntry]) -> PolarsResult<DataFrame> {
    df!(
        "day" => logs.iter().map(|e| day_number(e.date)).collect::<Vec<_>>(),
                "kind" => super::frames::folded(logs.iter().map(|e| e.kind.as_str())),
        "count" => logs.iter().map(|e| e.count.unwrap_or(1.0)).collect::<Vec<_>>(),
    )
}

/// Units added minus units ended among rows of [`units`] dated `from`..=`to` (`from = None`:
/// all earlier rows).
fn net_change(
    df: &DataFrame,
    spec: &StockSpec,
    from: Option<NaiveDate>,
    to: NaiveDate,
) -> PolarsResult<f64> {
    let when = match from {
        Some(from) => days(from, to),
        None => col("day").lt_eq(lit(day_number(to))),
    };
    let sum_of = |kinds: &[String]| {
        col("count")
            .filter(one_of("kind", kinds))
            .sum()
            .cast(DataType::Float64)
    };
    let out = df
        .clone()
        .lazy()
        .filter(when)
        .select([
            sum_of(&spec.loggtyper).alias("added"),
            sum_of(&spec.avslut_loggtyper).alias("ended"),
        ])
        .collect()?;
    let get = |c: &str| -> PolarsResult<f64> { Ok(out.column(c)?.f64()?.get(0).unwrap_or(0.0)) };
    Ok(get("added")? - get("ended")?)
}

/// The stock on the promise's first day and at `until`, or why the start is unknown.
///
/// Formula: with `start_antal`, start = start_antal and stock(d) = start + net change from
/// the first day to d. Without it the stock's own log types must reach back before the
/// first day (a row of them dated before it); then start = net change of every row before the first day, and
/// stock(d) = net change of every row up to d. Otherwise the start is unknown, never 0.
pub fn stock(
    logs: &[LogEntry],
    spec: &StockSpec,
    first_day: NaiveDate,
    until: NaiveDate,
) -> PolarsResult<Option<(f64, f64)>> {
    // Only the stock's own rows tell its history: another log type that reaches back says
    // nothing of how many units there were.
    let own: Vec<String> = spec
        .loggtyper
        .iter()
        .chain(&spec.avslut_loggtyper)
        .map(|t| crate::names::fold(t))
        .collect();
    let reaches_back = logs
        .iter()
        .any(|e| e.date < first_day && own.contains(&crate::names::fold(&e.kind)));
    if spec.start_antal.is_none() && !reaches_back {
        return Ok(None);
    }
    let df = units(logs)?;
    if let Some(start) = spec.start_antal {
        let grown = net_change(&df, spec, Some(first_day), until)?;
        return Ok(Some((start, start + grown)));
    }
    let day_before = first_day - Days::new(1);
    Ok(Some((
        net_change(&df, spec, None, day_before)?,
        net_change(&df, spec, None, until)?,
    )))
}

/// Judges a stock promise over the promise period up to the data date.
///
/// Rule: growth = stock at min(data date, period end) − stock on the promise's first day
/// ([`stock`]); judged at the end of the promise period by [`super::count::span_status`]
/// against `minst_okning` (default 1); before that Pågår with the change so far, since a
/// stock can still shrink. Unknown start → Saknar data with the reason; a stock that goes
/// negative (more units ended than it held) → Saknar data, named.
/// Source: the visit and activity log (input kind 3); catalog measure `bestand`.
pub(super) fn judge(ctx: &Context, spec: &StockSpec) -> anyhow::Result<PromiseResult> {
    let target = Phrase::StockTarget {
        types: spec.loggtyper.clone(),
        growth: spec.minst_okning,
    };
    let Some(data_date) = ctx.data_date else {
        return Ok(ctx.promise(Status::NoData, target, Phrase::NoLogData, vec![]));
    };
    let first_day = ctx.catalog.start;
    let until = data_date.min(ctx.period.end()).min(ctx.catalog.end);
    let Some((start, now)) = stock(&ctx.tables.logs, spec, first_day, until)? else {
        let why = Phrase::StockStartUnknown(first_day);
        return Ok(ctx.promise(Status::NoData, target, why, vec![]));
    };
    if start < 0.0 || now < 0.0 {
        let why = Phrase::StockNegative { start, now };
        return Ok(ctx.promise(Status::NoData, target, why, vec![]));
    }
    // A stock can still shrink until the promise ends: judged only then, even when the
    // growth so far already meets the target.
    let status = match data_date >= ctx.catalog.end {
        false => Status::InProgress,
        true => {
            let growth = now - start;
            let per = crate::catalog::Per::Period;
            super::count::span_status(growth, spec.minst_okning, true, per)
        }
    };
    let mut at_start = ctx.value("stock", Phrase::StockName, fmt::date(first_day), "antal");
    at_start.value = Some(start);
    at_start.data_date = Some(first_day);
    let mut at_end = ctx.value("stock", Phrase::StockName, fmt::date(until), "antal");
    at_end.value = Some(now);
    at_end.baseline = Some(start);
    at_end.change = Some(now - start);
    at_end.target = Some(start + spec.minst_okning);
    at_end.status = Some(status);
    at_end.data_date = Some(until);
    let result = Phrase::StockResult {
        start,
        first_day,
        now,
        until,
    };
    Ok(ctx.promise(status, target, result, vec![at_start, at_end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(y: i32, m: u32, kind: &str, count: Option<f64>) -> LogEntry {
        LogEntry {
            date: NaiveDate::from_ymd_opt(y, m, 1).unwrap(),
            kind: kind.into(),
            count,
            ..Default::default()
        }
    }

    fn spec(start: Option<f64>) -> StockSpec {
        StockSpec {
            loggtyper: vec!["Ny grannsamverkan".into()],
            avslut_loggtyper: vec!["Avslutad grannsamverkan".into()],
            start_antal: start,
            minst_okning: 1.0,
        }
    }

    #[test]
    fn the_stock_counts_history_before_the_start() {
        // Before 2018: 12 areas started (a row of 10 and two of 1), 1 ended → 11 at the start.
        // In 2018: 3 started, 1 ended → 13 on 1 December.
        let logs = vec![
            row(2016, 3, "Ny grannsamverkan", Some(10.0)),
            row(2017, 3, "Ny grannsamverkan", None),
            row(2017, 5, "Ny grannsamverkan", None),
            row(2017, 6, "Avslutad grannsamverkan", None),
            row(2018, 2, "Ny grannsamverkan", Some(2.0)),
            row(2018, 4, "Ny grannsamverkan", None),
            row(2018, 9, "Avslutad grannsamverkan", None),
        ];
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let got = stock(&logs, &spec(None), d(2018, 1, 1), d(2018, 12, 1)).unwrap();
        assert_eq!(got, Some((11.0, 13.0)));
    }

    #[test]
    fn another_log_type_before_the_start_does_not_tell_the_stocks_start() {
        // A patrol in 2017 reaches back before the promise, but no neighbourhood-watch row
        // does: the start is unknown (it was taken as 0, and went to −1 after an ending).
        let logs = vec![
            row(2017, 6, "Patrull", None),
            row(2018, 2, "Avslutad grannsamverkan", None),
        ];
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            stock(&logs, &spec(None), d(2018, 1, 1), d(2018, 12, 1)).unwrap(),
            None
        );
    }

    #[test]
    fn a_log_that_starts_late_needs_a_start_number() {
        let logs = vec![row(2018, 2, "Ny grannsamverkan", None)];
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            stock(&logs, &spec(None), d(2018, 1, 1), d(2018, 12, 1)).unwrap(),
            None
        );
        // With start_antal = 40: 40 at the start, 41 after one new area.
        assert_eq!(
            stock(&logs, &spec(Some(40.0)), d(2018, 1, 1), d(2018, 12, 1)).unwrap(),
            Some((40.0, 41.0))
        );
    }
}
