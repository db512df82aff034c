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

/// Rows that match any of the conditions; none matches no row.
pub fn any(conditions: impl IntoIterator<Item = Expr>) -> Expr {
    conditions
        .into_iter()
        .reduce(|a, b| a.or(b))
        .unwrap_or(lit(false))
}
