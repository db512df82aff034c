//! Indicators, recurring operations: checks and operations with focus tags (vapen,
//! narkotika, otillåten påverkan), counted per month and judged against a monthly minimum.

use chrono::NaiveDate;

use super::frames::{distinct_rows_per_month, month_key, of_kinds, one_of, within};
use super::{combine, Context, PromiseResult, Status};
use crate::fmt::Lang;
use crate::period::month_end;

/// The status of one month.
///
/// Formula: count ≥ minimum → Uppfyllt; a month not over at the data date → Pågår;
/// otherwise Ej uppfyllt.
pub fn month_status(count: u32, minimum: u32, month_complete: bool) -> Status {
    if count >= minimum {
        Status::Fulfilled
    } else if !month_complete {
        Status::InProgress
    } else {
        Status::NotFulfilled
    }
}

/// Operations per month (and per focus) against the catalog's monthly minimum.
///
/// Formula: ops(m) = distinct log rows of an operation type in month m with at least one
/// of the catalog's focus tags; ops(m, f) the same for focus f alone. "Recurring" holds in
/// month m when ops(m) ≥ minimum, or with `per_fokus` when ops(m, f) ≥ minimum for every f.
/// Months after the data date are not judged. The promise combines the months with
/// [`super::combine`] (some months short → Delvis uppfyllt).
/// Source: the activity log (input kind 3); catalog measure `insatser`.
pub(super) fn judge(
    ctx: &Context,
    kinds: &[String],
    focus: &[String],
    minimum: u32,
    per_focus: bool,
) -> anyhow::Result<PromiseResult> {
    let frame = super::frames::log_focus(ctx.tables)?;
    let until = ctx.counted_until();
    let base = of_kinds(kinds).and(within(ctx.period.start(), until));
    let totals = distinct_rows_per_month(&frame, base.clone().and(one_of("focus", focus)))?;
    let per_tag: Vec<(String, std::collections::BTreeMap<i32, u32>)> = focus
        .iter()
        .map(|f| {
            Ok((
                f.clone(),
                distinct_rows_per_month(
                    &frame,
                    base.clone().and(one_of("focus", std::slice::from_ref(f))),
                )?,
            ))
        })
        .collect::<anyhow::Result<_>>()?;

    let mut values = Vec::new();
    let mut statuses = Vec::new();
    let months: Vec<(i32, u32)> = ctx
        .period
        .months()
        .into_iter()
        .filter(|(y, m)| crate::period::month_start(*y, *m) <= until)
        .collect();
    for &(y, m) in &months {
        let key = month_key(y, m);
        let complete = month_complete(y, m, ctx.data_date);
        let total = totals.get(&key).copied().unwrap_or(0);
        let status = if per_focus {
            let parts: Vec<Status> = per_tag
                .iter()
                .map(|(_, counts)| {
                    month_status(counts.get(&key).copied().unwrap_or(0), minimum, complete)
                })
                .collect();
            combine(&parts)
        } else {
            month_status(total, minimum, complete)
        };
        statuses.push(status);
        let name = ctx.tr("insatser per månad", "operations per month");
        let mut v = ctx.value(
            "operations_per_month",
            name,
            crate::fmt::month(y, m),
            "insatser",
        );
        v.value = Some(f64::from(total));
        v.target = Some(f64::from(minimum));
        v.status = Some(status);
        v.data_date = Some(until.min(month_end(y, m)));
        values.push(v);
        for (tag, counts) in &per_tag {
            let name = format!(
                "{} {tag}",
                ctx.tr("insatser med fokus", "operations with focus")
            );
            let mut v = ctx.value(
                "operations_focus",
                &name,
                crate::fmt::month(y, m),
                "insatser",
            );
            v.category = tag.clone();
            v.value = Some(f64::from(counts.get(&key).copied().unwrap_or(0)));
            v.target = per_focus.then_some(f64::from(minimum));
            values.push(v);
        }
    }
    let status = if ctx.data_date.is_none() {
        Status::NoData
    } else {
        combine(&statuses)
    };
    let complete_months = months
        .iter()
        .filter(|(y, m)| month_complete(*y, *m, ctx.data_date))
        .count();
    let months_ok = statuses
        .iter()
        .zip(&months)
        .filter(|(s, (y, m))| **s == Status::Fulfilled && month_complete(*y, *m, ctx.data_date));
    let total: u32 = totals.values().sum();
    let tag_counts: Vec<String> = per_tag
        .iter()
        .map(|(t, c)| format!("{t} {}", c.values().sum::<u32>()))
        .collect();
    let (ok, tags, focus) = (months_ok.count(), tag_counts.join(", "), focus.join(", "));
    let result = match (ctx.data_date, ctx.lang) {
        (None, _) => ctx.tr("aktivitetsloggen saknas för perioden", "the activity log has no data for the period").to_string(),
        (_, Lang::Sv) => format!("{ok} av {complete_months} hela månader med minst {minimum}; {total} insatser ({tags})"),
        (_, Lang::En) => format!("{ok} of {complete_months} whole months with at least {minimum}; {total} operations ({tags})"),
    };
    let target = match (per_focus, ctx.lang) {
        (true, Lang::Sv) => format!("minst {minimum} insatser per månad för varje fokus"),
        (true, Lang::En) => format!("at least {minimum} operations per month for each focus"),
        (false, Lang::Sv) => format!("minst {minimum} insatser per månad med fokus på {focus}"),
        (false, Lang::En) => format!("at least {minimum} operations per month focused on {focus}"),
    };
    Ok(ctx.promise(status, target, result, values))
}

/// Whether a month is over at the data date.
pub fn month_complete(year: i32, month: u32, data_date: Option<NaiveDate>) -> bool {
    data_date.is_some_and(|d| d >= month_end(year, month))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_at_the_minimum_is_fulfilled() {
        assert_eq!(month_status(2, 2, true), Status::Fulfilled);
        assert_eq!(month_status(3, 2, false), Status::Fulfilled);
    }

    #[test]
    fn a_month_short_of_the_minimum_fails_only_when_over() {
        assert_eq!(month_status(1, 2, true), Status::NotFulfilled);
        assert_eq!(month_status(1, 2, false), Status::InProgress);
    }

    #[test]
    fn a_month_is_complete_on_its_last_day() {
        let d = |m, day| NaiveDate::from_ymd_opt(2017, m, day);
        assert!(month_complete(2017, 2, d(2, 28)));
        assert!(!month_complete(2017, 3, d(3, 30)));
        assert!(!month_complete(2017, 3, None));
    }
}
