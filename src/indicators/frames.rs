//! Indicators, frames: the typed tables as polars DataFrames, and the few queries the
//! indicator functions share (filter by log type and date range, count, sum).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;

use crate::ingest::Tables;
use crate::names::fold;

/// Dates are kept as day numbers (days from 0001-01-01), so filtering needs no date dtype.
pub fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// The log table: one row per visit, check, patrol or activity.
/// Columns: day (i32), kind (folded), place (catalog id or null), focus (folded, comma
/// separated), hours (f64 or null), participants (f64 or null).
pub fn logs(tables: &Tables) -> PolarsResult<DataFrame> {
    let l = &tables.logs;
    df!(
        "day" => l.iter().map(|e| day_number(e.date)).collect::<Vec<_>>(),
        "kind" => l.iter().map(|e| fold(&e.kind)).collect::<Vec<_>>(),
        "place" => l.iter().map(|e| e.place.clone()).collect::<Vec<_>>(),
        "focus" => l.iter().map(|e| e.focus.iter().map(|f| fold(f)).collect::<Vec<_>>().join(",")).collect::<Vec<_>>(),
        "hours" => l.iter().map(|e| e.hours).collect::<Vec<_>>(),
        "participants" => l.iter().map(|e| e.participants).collect::<Vec<_>>(),
    )
}

/// One row per (log row, focus tag): columns row (i64, the log row), day (i32),
/// month (i32, yyyymm), kind (folded), focus (folded). Log rows without focus have no row here.
pub fn log_focus(tables: &Tables) -> PolarsResult<DataFrame> {
    let pairs: Vec<(i64, &crate::ingest::LogEntry, String)> = tables
        .logs
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.focus.iter().map(move |f| (i as i64, e, fold(f))))
        .collect();
    df!(
        "row" => pairs.iter().map(|p| p.0).collect::<Vec<_>>(),
        "day" => pairs.iter().map(|p| day_number(p.1.date)).collect::<Vec<_>>(),
        "month" => pairs.iter().map(|p| month_key(p.1.date.year(), p.1.date.month())).collect::<Vec<_>>(),
        "kind" => pairs.iter().map(|p| fold(&p.1.kind)).collect::<Vec<_>>(),
        "focus" => pairs.iter().map(|p| p.2.clone()).collect::<Vec<_>>(),
    )
}

/// A month as one sortable integer: 2017-05 → 201705.
pub fn month_key(year: i32, month: u32) -> i32 {
    year * 100 + month as i32
}

/// Rows whose log type is one of `kinds` (compared folded).
pub fn of_kinds(kinds: &[String]) -> Expr {
    one_of("kind", kinds)
}

/// Rows dated from `start` to `end`, both included.
pub fn within(start: NaiveDate, end: NaiveDate) -> Expr {
    col("day")
        .gt_eq(lit(day_number(start)))
        .and(col("day").lt_eq(lit(day_number(end))))
}

/// Number of rows per value of a string column, among rows matching `filter`.
pub fn count_by(df: &DataFrame, filter: Expr, by: &str) -> PolarsResult<BTreeMap<String, u32>> {
    let out = df
        .clone()
        .lazy()
        .filter(filter)
        .group_by([col(by)])
        .agg([len().alias("n")])
        .collect()?;
    let keys = out.column(by)?.str()?.clone();
    let counts = out.column("n")?.cast(&DataType::Int64)?;
    let counts = counts.i64()?;
    Ok(keys
        .iter()
        .zip(counts.iter())
        .filter_map(|(k, n)| Some((k?.to_string(), n? as u32)))
        .collect())
}

/// Count of rows and sum of a numeric column among rows matching `filter`.
pub fn count_and_sum(df: &DataFrame, filter: Expr, column: &str) -> PolarsResult<(u32, f64)> {
    let out = df
        .clone()
        .lazy()
        .filter(filter)
        .select([
            len().cast(DataType::Int64).alias("n"),
            col(column).sum().cast(DataType::Float64).alias("sum"),
        ])
        .collect()?;
    let n = out.column("n")?.i64()?.get(0).unwrap_or(0);
    let sum = out.column("sum")?.f64()?.get(0).unwrap_or(0.0);
    Ok((n as u32, sum))
}

/// Rows whose value in a string column is one of `values` (compared folded).
pub fn one_of(column: &str, values: &[String]) -> Expr {
    values
        .iter()
        .map(|v| col(column).eq(lit(fold(v))))
        .reduce(|a, b| a.or(b))
        .unwrap_or(lit(false))
}

/// Distinct log rows per month among rows of the focus frame matching `filter`.
pub fn distinct_rows_per_month(df: &DataFrame, filter: Expr) -> PolarsResult<BTreeMap<i32, u32>> {
    let out = df
        .clone()
        .lazy()
        .filter(filter)
        .group_by([col("month")])
        .agg([col("row").n_unique().cast(DataType::Int64).alias("n")])
        .collect()?;
    let months = out.column("month")?.i32()?.clone();
    let counts = out.column("n")?.i64()?.clone();
    Ok(months
        .iter()
        .zip(counts.iter())
        .filter_map(|(m, n)| Some((m?, n? as u32)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::LogEntry;

    fn entry(
        date: (i32, u32, u32),
        kind: &str,
        place: Option<&str>,
        hours: Option<f64>,
    ) -> LogEntry {
        LogEntry {
            date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            kind: kind.into(),
            place: place.map(str::to_string),
            focus: vec![],
            hours,
            participants: None,
            ..Default::default()
        }
    }

    #[test]
    fn counts_and_sums_respect_type_and_dates() {
        let tables = Tables {
            logs: vec![
                entry((2017, 3, 1), "Besök", Some("a"), None),
                entry((2017, 3, 2), "BESÖK", Some("a"), None),
                entry((2017, 3, 3), "Besök", Some("b"), None),
                entry((2017, 7, 1), "Besök", Some("b"), None),
                entry((2017, 3, 4), "Patrull", None, Some(2.5)),
                entry((2017, 3, 5), "Patrull", None, Some(1.0)),
                entry((2017, 3, 6), "Patrull", None, None),
            ],
            ..Default::default()
        };
        let df = logs(&tables).unwrap();
        let d = |m, day| NaiveDate::from_ymd_opt(2017, m, day).unwrap();
        let visits = count_by(
            &df,
            of_kinds(&["Besök".into()]).and(within(d(1, 1), d(6, 30))),
            "place",
        )
        .unwrap();
        assert_eq!(visits.get("a"), Some(&2));
        assert_eq!(visits.get("b"), Some(&1));
        // Three patrol rows; the one without hours counts as a row but adds nothing.
        let (n, hours) = count_and_sum(&df, of_kinds(&["patrull".into()]), "hours").unwrap();
        assert_eq!((n, hours), (3, 3.5));
    }
}
