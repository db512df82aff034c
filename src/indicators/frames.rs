//! Indicators, frames: what the polars queries of the indicator functions share — dates as
//! day numbers and the "one of these names" filter.

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;

use crate::names::fold;

/// Dates are kept as day numbers (days from 0001-01-01), so filtering needs no date dtype.
pub fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// Rows whose `day` column lies from `start` to `end`, both included.
pub fn days(start: NaiveDate, end: NaiveDate) -> Expr {
    col("day")
        .gt_eq(lit(day_number(start)))
        .and(col("day").lt_eq(lit(day_number(end))))
}

/// Rows whose value in a string column is one of `values` (compared folded; the column
/// holds folded text).
pub fn one_of(column: &str, values: &[String]) -> Expr {
    any(values.iter().map(|v| col(column).eq(lit(fold(v)))))
}

/// Each text folded, each distinct text folded once: a log repeats a few types, tags and
/// performers thousands of times, and folding is the costly part.
pub fn folded<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut memo: std::collections::HashMap<&str, String> = Default::default();
    texts
        .map(|t| memo.entry(t).or_insert_with(|| fold(t)).clone())
        .collect()
}

/// [`folded`] for optional texts; missing stays missing.
pub fn folded_opt<'a>(texts: impl Iterator<Item = Option<&'a str>>) -> Vec<Option<String>> {
    let mut memo: std::collections::HashMap<&str, String> = Default::default();
    texts
        .map(|t| t.map(|t| memo.entry(t).or_insert_with(|| fold(t)).clone()))
        .collect()
}

/// Rows that match any of the conditions; none matches no row.
pub fn any(conditions: impl IntoIterator<Item = Expr>) -> Expr {
    conditions
        .into_iter()
        .reduce(|a, b| a.or(b))
        .unwrap_or(lit(false))
}
