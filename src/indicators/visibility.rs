//! Indicators, visibility: hours of visible police presence per tertial against the
//! catalog's target, with the same tertial a year earlier for comparison.

use super::frames::{count_and_sum, of_kinds, within};
use super::{combine, progress_status, Context, PromiseResult, Status};
use crate::fmt::{self, Lang};

/// Hours of visible presence per tertial.
///
/// Formula: hours(T) = Σ timmar (or minuter / 60) over log rows of a patrol type dated in
/// tertial T up to the data date. Judged with [`super::progress_status`] against the
/// catalog's `mal_timmar_per_tertial`; without a target, against hours in the same tertial
/// a year earlier ("upprätthållas": at least as much as before). Without either → Saknar data.
/// Source: the activity log (input kind 3); catalog measure `synlighet`.
pub(super) fn judge(
    ctx: &Context,
    kinds: &[String],
    target: Option<f64>,
) -> anyhow::Result<PromiseResult> {
    let mut values = Vec::new();
    let mut statuses = Vec::new();
    let mut parts = Vec::new();
    let mut total = 0.0;
    for tertial in ctx.period.tertials() {
        if ctx.data_date.is_none_or(|d| d < tertial.start()) {
            continue;
        }
        let until = ctx.counted_until().min(tertial.end());
        let (_, hours) = count_and_sum(
            ctx.logs,
            of_kinds(kinds).and(within(tertial.start(), until)),
            "hours",
        )?;
        let before = tertial.year_before();
        let (rows_before, hours_before) = count_and_sum(
            ctx.logs,
            of_kinds(kinds).and(within(before.start(), before.end())),
            "hours",
        )?;
        let previous = (rows_before > 0).then_some(hours_before);
        let goal = target.or(previous);
        let over = ctx.data_date.is_some_and(|d| d >= tertial.end());
        let status = goal.map_or(Status::NoData, |g| progress_status(hours, g, over));
        total += hours;
        statuses.push(status);
        let name = ctx.tr("timmar synlig närvaro", "hours of visible presence");
        let mut v = ctx.value("visibility_hours", name, tertial.label(), "timmar");
        v.value = Some(hours);
        v.target = goal;
        v.baseline = previous;
        v.change = previous.map(|p| hours - p);
        v.status = Some(status);
        v.data_date = Some(until);
        if previous.is_none() {
            v.note = match ctx.lang {
                Lang::Sv => format!("jämförelse saknas: inga patrulltimmar loggade {before}"),
                Lang::En => format!("no comparison: no patrol hours logged in {before}"),
            };
        }
        values.push(v);
        parts.push(format!(
            "{}: {} h",
            tertial.label(),
            fmt::number(hours, 1, ctx.lang)
        ));
    }
    let status = if ctx.data_date.is_none() {
        Status::NoData
    } else {
        combine(&statuses)
    };
    let target_text = match (target, ctx.lang) {
        (Some(t), Lang::Sv) => format!("minst {} timmar per tertial", fmt::number(t, 0, ctx.lang)),
        (Some(t), Lang::En) => {
            format!("at least {} hours per tertial", fmt::number(t, 0, ctx.lang))
        }
        (None, _) => ctx
            .tr(
                "minst lika många timmar som samma tertial året före",
                "at least as many hours as in the same tertial a year earlier",
            )
            .to_string(),
    };
    let result = if parts.is_empty() {
        ctx.tr(
            "aktivitetsloggen saknas för perioden",
            "the activity log has no data for the period",
        )
        .to_string()
    } else if parts.len() > 1 {
        let all = ctx.tr("totalt", "in all");
        format!(
            "{} ({all} {} h)",
            parts.join("; "),
            fmt::number(total, 1, ctx.lang)
        )
    } else {
        parts.join("; ")
    };
    Ok(ctx.promise(status, target_text, result, values))
}
