//! Indicators, visit promises: visits per place and school term against the target
//! ("en gång per termin", "vid två tillfällen per termin").

use chrono::NaiveDate;

use super::frames::{count_by, of_kinds, within};
use super::{combine, Context, PromiseResult, Status};
use crate::fmt::Lang;
use crate::period::DateRange;

/// The status of one place in one school term.
///
/// Formula: [`super::progress_status`] with the term over when the data date has reached
/// its last day — visits ≥ target → Uppfyllt; term still running → Pågår ("1 av 2", never a
/// failure); 0 < visits → Delvis uppfyllt; 0 → Ej uppfyllt. Without log data → Saknar data.
pub fn place_term_status(
    visits: u32,
    target: u32,
    term_end: NaiveDate,
    data_date: Option<NaiveDate>,
) -> Status {
    match data_date {
        None => Status::NoData,
        Some(d) => super::progress_status(f64::from(visits), f64::from(target), d >= term_end),
    }
}

/// Visits per place and school term, judged against `target` visits per term.
///
/// Formula: for each term T overlapping the report period and each place p,
/// visits(p, T) = log rows of a visit type at p dated from T's start to min(T's end, data
/// date) — the whole term counts, also the part outside the tertial, since the promise is
/// per term. Each (p, T) gets [`place_term_status`]; the promise combines them with
/// [`super::combine`]. Visits per place and tertial are shown too, without a verdict.
/// Source: the visit log (input kind 3); catalog measure `besok_per_termin`.
pub(super) fn judge(
    ctx: &Context,
    places: &[String],
    target: u32,
    kinds: &[String],
) -> anyhow::Result<PromiseResult> {
    let terms: Vec<&DateRange> = ctx
        .catalog
        .terms
        .iter()
        .filter(|t| t.overlaps(ctx.period.start(), ctx.period.end()))
        .collect();
    let mut values = Vec::new();
    let mut statuses = Vec::new();
    let mut lines = Vec::new();
    for term in &terms {
        let until = ctx.data_date.map_or(term.end, |d| d.min(term.end));
        let counts = count_by(
            ctx.logs,
            of_kinds(kinds).and(within(term.start, until)),
            "place",
        )?;
        let mut done = 0;
        let mut term_statuses = Vec::new();
        for place in places {
            let visits = counts.get(place).copied().unwrap_or(0);
            let status = place_term_status(visits, target, term.end, ctx.data_date);
            done += u32::from(visits >= target);
            term_statuses.push(status);
            let name = ctx.tr("besök per termin", "visits per term");
            let mut v = ctx.value("visits_per_term", name, term.name.clone(), "besök");
            v.place = place_name(ctx, place);
            v.value = Some(f64::from(visits));
            v.target = Some(f64::from(target));
            v.status = Some(status);
            v.data_date = ctx.data_date.map(|d| d.min(term.end));
            if status == Status::InProgress {
                let until = ctx.tr("terminen pågår till", "the term runs until");
                v.note = format!("{until} {}", crate::fmt::date(term.end));
            }
            values.push(v);
        }
        let so_far = if term_statuses.contains(&Status::InProgress) {
            ctx.tr(" hittills", " so far")
        } else {
            ""
        };
        let of = ctx.tr("av", "of");
        lines.push(match places {
            [only] => {
                let n = counts.get(only).copied().unwrap_or(0);
                let visits = ctx.tr("besök", "visits");
                format!("{}: {n} {of} {target} {visits}{so_far}", term.name)
            }
            _ => {
                let visited = ctx.tr("platser besökta", "places visited");
                format!(
                    "{}: {done} {of} {} {visited}{so_far}",
                    term.name,
                    places.len()
                )
            }
        });
        statuses.extend(term_statuses);
    }
    for tertial in ctx.period.tertials() {
        let counts = count_by(
            ctx.logs,
            of_kinds(kinds).and(within(tertial.start(), tertial.end())),
            "place",
        )?;
        for place in places {
            let name = ctx.tr("besök per tertial", "visits per tertial");
            let mut v = ctx.value("visits_per_tertial", name, tertial.label(), "besök");
            v.place = place_name(ctx, place);
            v.value = Some(f64::from(counts.get(place).copied().unwrap_or(0)));
            values.push(v);
        }
    }
    let status = if ctx.data_date.is_none() {
        Status::NoData
    } else {
        combine(&statuses)
    };
    let target_text = match (places.len(), ctx.lang) {
        (1, Lang::Sv) => format!("{target} besök per termin"),
        (1, Lang::En) => format!("{target} visit(s) per term"),
        (n, Lang::Sv) => format!("{target} besök per termin på var och en av {n} platser"),
        (n, Lang::En) => format!("{target} visit(s) per term at each of {n} places"),
    };
    let result = if terms.is_empty() {
        ctx.tr("ingen termin i perioden", "no school term in the period")
            .to_string()
    } else if ctx.data_date.is_none() {
        ctx.tr(
            "besöksloggen saknas för perioden",
            "the visit log has no data for the period",
        )
        .to_string()
    } else {
        lines.join("; ")
    };
    Ok(ctx.promise(status, target_text, result, values))
}

pub(super) fn place_name(ctx: &Context, id: &str) -> String {
    ctx.catalog
        .place(id)
        .map_or_else(|| id.to_string(), |p| p.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2017, m, day).unwrap()
    }

    #[test]
    fn two_visits_in_a_finished_term_fulfil_a_target_of_two() {
        assert_eq!(
            place_term_status(2, 2, d(6, 14), Some(d(8, 31))),
            Status::Fulfilled
        );
    }

    #[test]
    fn a_term_still_running_shows_progress_not_failure() {
        // Autumn term ends 2017-12-21; data through 2017-08-31: 1 of 2 is progress.
        assert_eq!(
            place_term_status(1, 2, d(12, 21), Some(d(8, 31))),
            Status::InProgress
        );
        assert_eq!(
            place_term_status(0, 1, d(12, 21), Some(d(8, 31))),
            Status::InProgress
        );
    }

    #[test]
    fn a_finished_term_short_of_the_target_fails() {
        assert_eq!(
            place_term_status(1, 2, d(6, 14), Some(d(6, 14))),
            Status::Partly
        );
        assert_eq!(
            place_term_status(0, 1, d(6, 14), Some(d(8, 31))),
            Status::NotFulfilled
        );
    }

    #[test]
    fn without_log_data_there_is_no_verdict() {
        assert_eq!(place_term_status(0, 1, d(6, 14), None), Status::NoData);
    }
}
