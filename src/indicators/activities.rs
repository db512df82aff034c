//! Indicators, activities: the city's leisure activities (and their participants) per tertial.

use super::frames::{count_and_sum, of_kinds, within};
use super::{combine, progress_status, Context, PromiseResult, Status};
use crate::fmt::{self, Lang};

/// Activities and participants per tertial.
///
/// Formula: activities(T) = log rows of an activity type dated in tertial T up to the data
/// date; participants(T) = Σ deltagare over those rows (rows without a count add nothing).
/// With `minst_per_tertial` judged by [`super::progress_status`]; without a target the
/// promise shows the counts and the latest status note decides (or Saknar data).
/// Source: the activity log (input kind 3); catalog measure `aktiviteter`.
pub(super) fn judge(
    ctx: &Context,
    kinds: &[String],
    minimum: Option<u32>,
) -> anyhow::Result<PromiseResult> {
    let mut values = Vec::new();
    let mut statuses = Vec::new();
    let mut parts = Vec::new();
    for tertial in ctx.period.tertials() {
        if ctx.data_date.is_none_or(|d| d < tertial.start()) {
            continue;
        }
        let until = ctx.counted_until().min(tertial.end());
        let (count, participants) = count_and_sum(
            ctx.logs,
            of_kinds(kinds).and(within(tertial.start(), until)),
            "participants",
        )?;
        let over = ctx.data_date.is_some_and(|d| d >= tertial.end());
        let status = minimum.map_or(Status::NoData, |m| {
            progress_status(f64::from(count), f64::from(m), over)
        });
        statuses.push(status);
        let name = ctx.tr("aktiviteter", "activities");
        let mut v = ctx.value("activities", name, tertial.label(), "aktiviteter");
        v.value = Some(f64::from(count));
        v.target = minimum.map(f64::from);
        v.status = minimum.map(|_| status);
        v.data_date = Some(until);
        values.push(v);
        let name = ctx.tr("deltagare", "participants");
        let mut p = ctx.value("participants", name, tertial.label(), "deltagare");
        p.value = Some(participants);
        p.data_date = Some(until);
        values.push(p);
        let (label, people) = (tertial.label(), fmt::count(participants, ctx.lang));
        parts.push(match ctx.lang {
            Lang::Sv => format!("{label}: {count} aktiviteter, {people} deltagare"),
            Lang::En => format!("{label}: {count} activities, {people} participants"),
        });
    }
    let latest_note = super::status_notes::notes_for(ctx.tables, ctx.id, ctx.period)
        .into_iter()
        .next();
    let status = match (minimum, ctx.data_date, &latest_note) {
        (_, None, _) => Status::NoData,
        (Some(_), _, _) => combine(&statuses),
        (None, _, Some(note)) => super::status_notes::status_of(note.status),
        (None, _, None) => Status::NoData,
    };
    let target = match (minimum, ctx.lang) {
        (None, _) => ctx
            .tr(
                "aktiviteter enligt lägesrapport",
                "activities as in the status notes",
            )
            .to_string(),
        (Some(m), Lang::Sv) => format!("minst {m} aktiviteter per tertial"),
        (Some(m), Lang::En) => format!("at least {m} activities per tertial"),
    };
    let result = if parts.is_empty() {
        ctx.tr(
            "aktivitetsloggen saknas för perioden",
            "the activity log has no data for the period",
        )
        .to_string()
    } else {
        parts.join("; ")
    };
    Ok(ctx.promise(status, target, result, values))
}
