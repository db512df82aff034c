//! Indicators, staffing promises: distinct persons in a role at a place on every day
//! ("Två kontaktpoliser ska vara kopplade till Pilängskolan").

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::phrase::{Notes, Phrase};
use super::{Context, PromiseResult, Status};
use crate::ingest::Assignment;
use crate::names::fold;

/// Days staffed to target over a date range, and the gaps.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffedDays {
    pub days: u32,
    pub days_at_target: u32,
    /// The fewest persons on any day (0 when there are no days).
    pub fewest: u32,
    /// Runs of consecutive days below target: (first day, last day, fewest persons).
    pub gaps: Vec<(NaiveDate, NaiveDate, u32)>,
}

/// The post a staffing promise watches: any of its roles, at one place or anywhere.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    /// Folded role names; an assignment in any of them counts.
    pub roles: Vec<String>,
    /// The catalog place id, or `None` for anywhere in the area.
    pub place: Option<String>,
    /// The weekdays the post must be staffed (school days); empty: every day.
    pub weekdays: Vec<chrono::Weekday>,
    /// The time of day the post must be staffed (minutes; wraps past midnight when the end
    /// is not after the start); `None`: any time.
    pub window: Option<(u32, u32)>,
}

/// Does a shift (minutes after midnight; past midnight when it ends before it starts)
/// overlap the time window on its own day, the day before or the day after?
fn overlaps((start, end): (u32, u32), (from, to): (u32, u32)) -> bool {
    let (s, e) = (
        i64::from(start),
        i64::from(if end <= start { end + 1440 } else { end }),
    );
    let (a, b) = (
        i64::from(from),
        i64::from(if to <= from { to + 1440 } else { to }),
    );
    [-1440, 0, 1440]
        .iter()
        .any(|shift| s < b + shift && e > a + shift)
}

impl Post {
    pub fn covers(&self, a: &Assignment) -> bool {
        self.roles.contains(&fold(&a.role)) && self.place.as_ref().is_none_or(|p| *p == a.place)
    }
}

/// Distinct persons in one of the post's roles at its place on each day from `start` to `end`.
///
/// Formula: persons(d) = |{ person : from ≤ d ≤ till (open when till is empty) }|,
/// names compared without case; a day is at target when persons(d) ≥ target. A person in
/// two of the roles on one day counts once. Only the post's weekdays count (every day when
/// it names none); with a time of day, only shifts whose hours overlap it (a shift without
/// hours covers the whole day).
/// Source: the staffing sheet (input kind 4).
pub fn staffed_days(
    assignments: &[Assignment],
    post: &Post,
    start: NaiveDate,
    end: NaiveDate,
    target: u32,
) -> StaffedDays {
    let relevant: Vec<&Assignment> = assignments.iter().filter(|a| post.covers(a)).collect();
    let mut result = StaffedDays {
        days: 0,
        days_at_target: 0,
        fewest: 0,
        gaps: vec![],
    };
    // A day the post is not promised (a weekend for a school) is neither counted nor a gap.
    let promised = |day: &NaiveDate| {
        use chrono::Datelike;
        post.weekdays.is_empty() || post.weekdays.contains(&day.weekday())
    };
    // The counted day before this one: a gap runs on over days that are not promised.
    let mut previous: Option<NaiveDate> = None;
    for day in start.iter_days().take_while(|d| *d <= end).filter(promised) {
        let persons: BTreeSet<String> = relevant
            .iter()
            .filter(|a| a.from <= day && a.to.is_none_or(|to| day <= to))
            // A shift with hours counts when they meet the post's time of day; one without
            // hours covers the whole day.
            .filter(|a| match (post.window, a.hours) {
                (Some(window), Some(hours)) => overlaps(hours, window),
                _ => true,
            })
            .map(|a| fold(&a.person))
            .collect();
        let n = persons.len() as u32;
        result.fewest = if result.days == 0 {
            n
        } else {
            result.fewest.min(n)
        };
        result.days += 1;
        if n >= target {
            result.days_at_target += 1;
        } else {
            match result.gaps.last_mut() {
                Some((_, last, fewest)) if Some(*last) == previous => {
                    *last = day;
                    *fewest = (*fewest).min(n);
                }
                _ => result.gaps.push((day, day, n)),
            }
        }
        previous = Some(day);
    }
    result
}

/// Rule: every day at target → Uppfyllt; no day at target → Ej uppfyllt; otherwise Delvis
/// uppfyllt. Without assignment rows for the role and place, or without days → Saknar data.
fn verdict(has_rows: bool, staffed: &StaffedDays) -> Status {
    if !has_rows || staffed.days == 0 {
        Status::NoData
    } else if staffed.days_at_target == staffed.days {
        Status::Fulfilled
    } else if staffed.days_at_target == 0 {
        Status::NotFulfilled
    } else {
        Status::Partly
    }
}

/// The value row for one span: days at target of all days, with the gaps as a note.
fn value(
    ctx: &Context,
    indicator: &Phrase,
    place: &str,
    period: crate::period::ReportPeriod,
    staffed: &StaffedDays,
    status: Status,
    end: chrono::NaiveDate,
) -> super::IndicatorValue {
    let mut v = ctx.value("staffing_days", indicator.clone(), period.label(), "dagar");
    v.place = ctx.place_name(place);
    v.value = Some(f64::from(staffed.days_at_target));
    v.target = Some(f64::from(staffed.days));
    v.n = Some(f64::from(staffed.days));
    v.status = Some(status);
    v.data_date = Some(end);
    if !staffed.gaps.is_empty() {
        v.note = Notes::one(Phrase::StaffingGaps(staffed.gaps.clone()));
    }
    v
}

/// Staffing per ISO week (Monday–Sunday, cut at the period's ends): the fewest persons on
/// any day of the week against the target, with the days at target in the note.
fn weeks(
    ctx: &Context,
    post: &Post,
    place: &str,
    target: u32,
    end: chrono::NaiveDate,
) -> Vec<super::IndicatorValue> {
    use chrono::Datelike;
    let mut values = Vec::new();
    let first = ctx.counted_from();
    let mut monday = first - chrono::Days::new(u64::from(first.weekday().num_days_from_monday()));
    while monday <= end {
        let (from, to) = (monday.max(first), (monday + chrono::Days::new(6)).min(end));
        let week = staffed_days(&ctx.tables.assignments, post, from, to, target);
        let iso = monday.iso_week();
        let name = Phrase::StaffingWeekName { target };
        let period = format!("{}-V{:02}", iso.year(), iso.week());
        let mut v = ctx.value("staffing_week", name, period, "personer");
        v.place = ctx.place_name(place);
        v.value = Some(f64::from(week.fewest));
        v.target = Some(f64::from(target));
        v.status = Some(verdict(true, &week));
        v.data_date = Some(to);
        v.note = Notes::one(Phrase::StaffingWeek {
            at_target: week.days_at_target,
            days: week.days,
            target,
            from,
            to,
        });
        values.push(v);
        monday = monday + chrono::Days::new(7);
    }
    values
}

/// Judges a staffing promise over the period up to the data date.
///
/// Rule: [`verdict`] over the whole period, with the share of days and the gaps; the
/// year-end summary adds each tertial.
pub(super) fn judge(
    ctx: &Context,
    roles: &[&str],
    post: &Post,
    target: u32,
) -> anyhow::Result<PromiseResult> {
    let end = ctx.counted_until();
    let roles: Vec<String> = roles.iter().map(|r| r.to_string()).collect();
    let place = post.place.as_deref().unwrap_or("");
    let has_rows = ctx.tables.assignments.iter().any(|a| post.covers(a));
    let staffed = staffed_days(
        &ctx.tables.assignments,
        post,
        ctx.counted_from(),
        end,
        target,
    );
    let status = verdict(has_rows, &staffed);
    let indicator = Phrase::StaffingDaysName {
        target,
        roles: roles.clone(),
    };
    let mut values = vec![value(
        ctx, &indicator, place, ctx.period, &staffed, status, end,
    )];
    if ctx.period.is_year() {
        // The year-end summary shows each tertial beside the year.
        for t in ctx
            .period
            .tertials()
            .into_iter()
            .filter(|t| t.start() <= end)
        {
            let until = t.end().min(end);
            let from = t.start().max(ctx.counted_from());
            let part = staffed_days(&ctx.tables.assignments, post, from, until, target);
            values.push(value(
                ctx,
                &indicator,
                place,
                t,
                &part,
                verdict(has_rows, &part),
                until,
            ));
        }
    }
    let place_name = (!place.is_empty()).then(|| ctx.place_name(place));
    let result = if status == Status::NoData {
        Phrase::StaffingMissing {
            roles: roles.clone(),
            place: place_name.clone(),
        }
    } else {
        Phrase::StaffingResult {
            target,
            at_target: staffed.days_at_target,
            days: staffed.days,
            gaps: staffed.gaps.clone(),
        }
    };
    let target_text = Phrase::StaffingTarget {
        target,
        roles,
        place: place_name,
    };
    let mut promise = ctx.promise(status, target_text, result, values);
    promise.detail = weeks(ctx, post, place, target, end);
    Ok(promise)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2017, m, day).unwrap()
    }

    fn school() -> Post {
        Post {
            roles: vec!["kontaktpolis".into()],
            place: Some("skolan".into()),
            weekdays: vec![],
            window: None,
        }
    }

    fn a(person: &str, from: NaiveDate, to: Option<NaiveDate>) -> Assignment {
        Assignment {
            role: "Kontaktpolis".into(),
            place: "skolan".into(),
            person: person.into(),
            from,
            to,
            hours: None,
        }
    }

    #[test]
    fn a_gap_between_two_assignments_is_found() {
        // A all month; B until the 10th; C from the 15th: days 11–14 have one person.
        let rows = vec![
            a("A", d(3, 1), None),
            a("B", d(3, 1), Some(d(3, 10))),
            a("C", d(3, 15), None),
        ];
        let s = staffed_days(&rows, &school(), d(3, 1), d(3, 31), 2);
        assert_eq!(s.days, 31);
        assert_eq!(s.days_at_target, 27);
        assert_eq!(s.gaps, vec![(d(3, 11), d(3, 14), 1)]);
    }

    #[test]
    fn the_same_person_twice_counts_once() {
        let rows = vec![a("Anna", d(3, 1), None), a("anna", d(3, 1), None)];
        let s = staffed_days(&rows, &school(), d(3, 1), d(3, 2), 2);
        assert_eq!(s.days_at_target, 0);
        assert_eq!(s.gaps, vec![(d(3, 1), d(3, 2), 1)]);
    }

    #[test]
    fn assignment_ending_on_a_day_still_covers_it() {
        let rows = vec![
            a("A", d(3, 1), Some(d(3, 2))),
            a("B", d(3, 1), Some(d(3, 2))),
        ];
        let s = staffed_days(&rows, &school(), d(3, 1), d(3, 3), 2);
        assert_eq!(s.days_at_target, 2);
        assert_eq!(s.gaps, vec![(d(3, 3), d(3, 3), 0)]);
    }

    #[test]
    fn only_the_promised_weekdays_count() {
        // School days Monday–Friday, 2–15 March 2017 (Thursday to Wednesday): 10 school
        // days. A person only 6–10 March: 5 days at target, and the gaps are school days
        // only (2–3 March and 13–15 March), never the weekends; a gap runs on over a
        // weekend (3 and 6 March unstaffed is one gap).
        let post = Post {
            weekdays: vec![
                chrono::Weekday::Mon,
                chrono::Weekday::Tue,
                chrono::Weekday::Wed,
                chrono::Weekday::Thu,
                chrono::Weekday::Fri,
            ],
            ..school()
        };
        let rows = vec![a("A", d(3, 6), Some(d(3, 10)))];
        let s = staffed_days(&rows, &post, d(3, 2), d(3, 15), 1);
        assert_eq!((s.days, s.days_at_target), (10, 5));
        assert_eq!(s.gaps, vec![(d(3, 2), d(3, 3), 0), (d(3, 13), d(3, 15), 0)]);
        let later = vec![a("A", d(3, 7), Some(d(3, 10)))];
        let s = staffed_days(&later, &post, d(3, 2), d(3, 10), 1);
        assert_eq!(s.gaps, vec![(d(3, 2), d(3, 6), 0)]);
    }

    #[test]
    fn only_shifts_at_the_promised_time_of_day_count() {
        // "En fältarbetare på kvällarna 18–22": Anna works 08–16 (not the evening), Bo
        // 20–02 (meets it), Cia has no hours (the whole day). Target 2 in the evening: Bo
        // and Cia → met; without Cia → 1.
        let post = Post {
            window: Some((18 * 60, 22 * 60)),
            ..school()
        };
        let shift = |person: &str, hours| Assignment {
            hours,
            ..a(person, d(3, 1), None)
        };
        let rows = vec![
            shift("Anna", Some((8 * 60, 16 * 60))),
            shift("Bo", Some((20 * 60, 2 * 60))),
            shift("Cia", None),
        ];
        let s = staffed_days(&rows, &post, d(3, 1), d(3, 1), 2);
        assert_eq!(s.days_at_target, 1);
        let s = staffed_days(&rows[..2], &post, d(3, 1), d(3, 1), 2);
        assert_eq!((s.days_at_target, s.fewest), (0, 1));
        // A night window 00–04 is met by a shift 23–01 of the day before.
        assert!(overlaps((23 * 60, 60), (0, 4 * 60)));
        assert!(!overlaps((8 * 60, 16 * 60), (18 * 60, 22 * 60)));
    }
}
