//! Indicators, reported crime: counts per catalog crime group for the period, against the
//! mean of the same period in the baseline years.

use std::collections::BTreeSet;

use anyhow::Context as _;
use chrono::{Datelike, NaiveDate};
use polars::prelude::*;

use super::frames::day_number;
use super::memo::Memo;
use super::phrase::{CrimeFinding, CrimeSpan, CrimeTestNote, Notes, Phrase};
use super::stats::{count_test, dispersion_p};
use super::survey::combine_outcome;
use super::{IndicatorValue, OutcomeResult, SeriesPoint, Status};
use crate::catalog::{Better, Catalog};
use crate::fmt;
use crate::ingest::{CrimeRecord, Tables};
use crate::period::{month_end, month_start, ReportPeriod};

/// The crime table: group, first and last day of each record (day numbers), count.
fn frame(crimes: &[CrimeRecord]) -> PolarsResult<DataFrame> {
    df!(
        "group" => crimes.iter().map(|c| c.group()).collect::<Vec<_>>(),
        "first" => crimes.iter().map(|c| day_number(c.when.days().0)).collect::<Vec<_>>(),
        "last" => crimes.iter().map(|c| day_number(c.when.days().1)).collect::<Vec<_>>(),
        "count" => crimes.iter().map(|c| c.count).collect::<Vec<_>>(),
    )
}

/// One group's rows of the crime table: a crime outcome asks for dozens of windows of each
/// group, and each then scans only them.
pub fn group_rows(df: &DataFrame, group: &str) -> PolarsResult<DataFrame> {
    df.filter(&df.column("group")?.str()?.equal(group))
}

/// Crimes among `rows` (one group's, from [`group_rows`]) reported from `start` to `end`,
/// or `None` when a figure in the window is missing.
///
/// Formula: Σ antal over the group's records whose whole date span lies in [start, end]
/// (a monthly figure counts only in a window holding the whole month, a yearly figure only
/// in a whole year), so coarse figures are never split by guesswork. A figure marked
/// missing (`..`, `XX` in a published table) makes the whole window unknown: never 0.
pub fn count_in(rows: &DataFrame, start: NaiveDate, end: NaiveDate) -> PolarsResult<Option<f64>> {
    // Eager: a crime outcome asks for dozens of windows, and a lazy query's planning costs
    // more than the filter over one promise's rows.
    let in_window = rows.column("first")?.i32()?.gt_eq(day_number(start))
        & rows.column("last")?.i32()?.lt_eq(day_number(end));
    let sum = rows
        .column("count")?
        .f64()?
        .filter(&in_window)?
        .sum()
        .unwrap_or(0.0);
    Ok((!sum.is_nan()).then_some(sum))
}

/// The same calendar window in another year (29 February becomes 28 February).
pub fn shift_to_year(d: NaiveDate, year: i32) -> NaiveDate {
    // Only 29 February has no twin; a year outside chrono's range keeps the date as it is.
    d.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, d.month(), 28))
        .unwrap_or(d)
}

/// The years that some crime figure (not a missing one) speaks of, wholly or in part.
pub fn years_with_figures(crimes: &[CrimeRecord]) -> BTreeSet<i32> {
    let mut years = BTreeSet::new();
    for c in crimes.iter().filter(|c| !c.count.is_nan()) {
        let (first, last) = c.when.days();
        years.extend(first.year()..=last.year());
    }
    years
}

/// The baseline years used, each with its count in the window.
pub type YearCounts = Vec<(i32, f64)>;

/// The baseline: mean count of the same window in each baseline year that has crime data.
///
/// Formula: baseline = (1/k) Σ_{y ∈ B'} count(group, window shifted to y), where B' are the
/// baseline years before the compared year (`start`'s) that have a crime figure at all and
/// no missing figure (`..`) for the group in the window: a year without data
/// ([`years_with_figures`]) is left out and named, never counted as zero. Returns the mean
/// and each year used with its count.
pub fn baseline(
    rows: &DataFrame,
    with_figures: &BTreeSet<i32>,
    start: NaiveDate,
    end: NaiveDate,
    years: &[i32],
) -> PolarsResult<(Option<f64>, YearCounts)> {
    let mut used = vec![];
    let mut total = 0.0;
    for &y in years
        .iter()
        .filter(|y| **y < start.year() && with_figures.contains(*y))
    {
        // A window over the turn of a year (a promise from November to March) keeps its
        // length: its end moves as many years as its start.
        let end_year = end.year() - start.year() + y;
        if let Some(n) = count_in(rows, shift_to_year(start, y), shift_to_year(end, end_year))? {
            total += n;
            used.push((y, n));
        }
    }
    if used.is_empty() {
        return Ok((None, used));
    }
    Ok((Some(total / used.len() as f64), used))
}

/// Judges a crime outcome: each group's count in the period (up to the crime data's last
/// day) against the same window in the baseline years, with the exact conditional test.
///
/// Status per group: p < 0.05 ([`super::stats::count_test`]: X | X + B ~ Binomial(X + B,
/// 1/(k + 1))) and the change in the catalog's better direction → I önskad riktning; the
/// other way → I motsatt riktning; otherwise Ingen säker förändring. When the baseline
/// years vary more than Poisson chance allows ([`super::stats::dispersion_p`] < 0.05) no
/// change is called certain on p alone, and the note says why. Source: crime statistics
/// (input kind 1).
///
/// `crime_rows` keeps each group's rows (by outcome and group id) for the promise's other
/// periods.
#[allow(clippy::too_many_arguments)]
pub(super) fn judge(
    (catalog, tables): (&Catalog, &Tables),
    crime_rows: &Memo<(String, String), DataFrame>,
    period: ReportPeriod,
    id: &str,
    groups: &[String],
    baseline_years: &[i32],
    better: Better,
) -> anyhow::Result<OutcomeResult> {
    // Built only when a group's rows are not yet kept.
    let table = std::cell::OnceCell::new();
    let with_figures = years_with_figures(&tables.crimes);
    // The data end where their latest figure ends (or where the analyst states):
    // comparisons cover the same days.
    let data_date = super::coverage::through(catalog, tables, crate::catalog::Source::Brott)
        .map(|c| c.through.min(period.end()).min(catalog.end));
    // The window is the period within the promise: a promise that starts in November is
    // compared from its first day, on the same days in the baseline years.
    let from = period.start().max(catalog.start);
    let mut values = Vec::new();
    let mut statuses = Vec::new();
    let mut sentences = Vec::new();
    let mut series = Vec::new();
    let mut notes = Vec::new();
    for group_id in groups {
        let group = catalog
            .crime_group(group_id)
            .with_context(|| format!("katalogen har ingen brottsgrupp '{group_id}'"))?;
        if group.detected_by_police {
            notes.push(group.name.to_lowercase());
        }
        let Some(until) = data_date.filter(|d| *d >= from) else {
            statuses.push(Status::NoData);
            sentences.push(Phrase::CrimeNoData(group.name.clone()));
            continue;
        };
        // The group's rows once: its dozens of windows then scan only them.
        let rows = crime_rows.get_or_try((id.to_string(), group_id.clone()), || {
            let df = match table.get() {
                Some(df) => df,
                None => {
                    let df = frame(&tables.crimes)?;
                    table.get_or_init(|| df)
                }
            };
            group_rows(df, group_id)
        })?;
        let Some(current) = count_in(&rows, from, until)? else {
            statuses.push(Status::NoData);
            sentences.push(Phrase::CrimeMarkedMissing(group.name.clone()));
            continue;
        };
        let (base, year_counts) = baseline(&rows, &with_figures, from, until, baseline_years)?;
        let used_years: Vec<i32> = year_counts.iter().map(|(y, _)| *y).collect();
        let counts: Vec<f64> = year_counts.iter().map(|(_, n)| *n).collect();
        let test = base.and_then(|_| {
            let total: f64 = counts.iter().sum();
            count_test(current.round() as u64, total.round() as u64, counts.len())
        });
        let overdispersed = dispersion_p(&counts).is_some_and(|p| p < 0.05);
        let p = test.map(|t| t.p);
        let status = match (base, p) {
            (None, _) => Status::NoData,
            (Some(b), Some(p)) if p < 0.05 && current != b && !overdispersed => {
                if (current > b) == (better == Better::Hogre) {
                    Status::Improved
                } else {
                    Status::Worsened
                }
            }
            _ => Status::NoChange,
        };
        statuses.push(status);

        let v = IndicatorValue {
            subject: id.to_string(),
            key: "crime",
            indicator: Phrase::CrimeName {
                span: CrimeSpan::Period,
                group: group.name.clone(),
            },
            category: group.name.clone(),
            area: catalog.area.clone(),
            period: period.label(),
            value: Some(current),
            unit: "antal".into(),
            baseline: base,
            change: base.map(|b| current - b),
            change_pct: base.filter(|b| *b > 0.0).map(|b| (current - b) / b),
            p_value: p,
            status: Some(status),
            data_date: Some(until),
            note: Notes::one(Phrase::CrimeTestNote(Box::new(CrimeTestNote {
                from,
                until,
                year_counts: year_counts.clone(),
                test,
                overdispersed,
            }))),
            ..Default::default()
        };
        if let Some(pop) = population(tables, catalog, period.year()) {
            values.push(IndicatorValue {
                key: "crime_rate",
                indicator: Phrase::CrimeName {
                    span: CrimeSpan::Per1000,
                    group: group.name.clone(),
                },
                value: Some(rate_per_1000(current, pop)),
                unit: "per 1 000 invånare".into(),
                n: Some(pop),
                status: None,
                baseline: None,
                change: None,
                change_pct: None,
                p_value: None,
                note: Notes::one(Phrase::Inhabitants {
                    year: period.year(),
                    count: pop,
                }),
                ..v.clone()
            });
        }
        values.extend(month_values(&rows, &v, period, until)?);
        values.push(v);
        sentences.push(Phrase::CrimeSentence(Box::new(CrimeFinding {
            group: group.name.clone(),
            current,
            base,
            years: years_label(&used_years),
            test,
            overdispersed,
            partial: until < period.end(),
        })));
        series.extend(tertial_series(
            &rows,
            &with_figures,
            &group.name,
            period,
            until,
            baseline_years,
        )?);
        values.extend(tertial_values(
            &rows,
            &with_figures,
            id,
            &catalog.area,
            &group.name,
            period.year(),
            until,
            baseline_years,
        )?);
    }
    let note = (!notes.is_empty()).then_some(Phrase::DetectedByPolice(notes));
    let status = combine_outcome(&statuses);
    let sentences = super::survey::decider_first(sentences, &statuses, status);
    Ok(OutcomeResult {
        id: String::new(),
        text: String::new(),
        source: Phrase::Empty,
        status,
        result: Phrase::Sentences(sentences.clone()),
        sentences,
        note,
        data_date,
        values,
        series,
        earlier: vec![],
    })
}

fn years_label(years: &[i32]) -> String {
    match years {
        [] => "–".to_string(),
        [one] => one.to_string(),
        [first, .., last] if (last - first) as usize == years.len() - 1 => {
            format!("{first}–{last}")
        }
        _ => years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn population(tables: &Tables, catalog: &Catalog, year: i32) -> Option<f64> {
    tables
        .population
        .iter()
        .find(|p| p.year == year && catalog.is_own_area(&p.area))
        .map(|p| p.inhabitants)
}

/// Crimes per 1 000 inhabitants.
///
/// Formula: rate = count / inhabitants × 1 000, with the area's population for the report's
/// year (input kind 6). Source: crime statistics and population.
pub fn rate_per_1000(count: f64, inhabitants: f64) -> f64 {
    count / inhabitants * 1000.0
}

/// Counts per month of the period up to the data's last day, for the detail tables.
fn month_values(
    rows: &DataFrame,
    template: &IndicatorValue,
    period: ReportPeriod,
    until: NaiveDate,
) -> PolarsResult<Vec<IndicatorValue>> {
    let mut values = Vec::new();
    for (y, m) in period.months() {
        if month_start(y, m) > until {
            break;
        }
        let end = month_end(y, m).min(until);
        values.push(IndicatorValue {
            key: "crime_month",
            indicator: Phrase::CrimeName {
                span: CrimeSpan::Month,
                group: template.category.clone(),
            },
            period: fmt::month(y, m),
            value: count_in(rows, month_start(y, m), end)?,
            data_date: Some(end),
            baseline: None,
            change: None,
            change_pct: None,
            p_value: None,
            status: None,
            note: Notes::default(),
            ..template.clone()
        });
    }
    Ok(values)
}

/// Crime per tertial of the report's year and the baseline mean per tertial, for the chart.
fn tertial_series(
    rows: &DataFrame,
    with_figures: &BTreeSet<i32>,
    name: &str,
    period: ReportPeriod,
    until: NaiveDate,
    years: &[i32],
) -> PolarsResult<Vec<SeriesPoint>> {
    let mut points = Vec::new();
    for t in ReportPeriod::Year(period.year()).tertials() {
        if t.start() > until {
            continue;
        }
        let end = t.end().min(until);
        let label = format!("T{}", t.start().month().div_ceil(4));
        if let Some(value) = count_in(rows, t.start(), end)? {
            points.push(SeriesPoint {
                series: Phrase::CrimeSeries {
                    group: name.to_string(),
                    year: period.year(),
                },
                x: label.clone(),
                value,
                interval: None,
            });
        }
        // The tertial's baseline as the outcome's: a year without crime data is left out.
        if let (Some(mean), _) = baseline(rows, with_figures, t.start(), end, years)? {
            points.push(SeriesPoint {
                series: Phrase::CrimeBaselineSeries {
                    group: name.to_string(),
                    years: years_label(years),
                },
                x: label,
                value: mean,
                interval: None,
            });
        }
    }
    Ok(points)
}

/// Counts per tertial and per year, from the first baseline year to the report's year.
#[allow(clippy::too_many_arguments)]
fn tertial_values(
    rows: &DataFrame,
    with_figures: &BTreeSet<i32>,
    id: &str,
    area: &str,
    name: &str,
    last_year: i32,
    until: NaiveDate,
    baseline_years: &[i32],
) -> PolarsResult<Vec<IndicatorValue>> {
    let first_year = baseline_years
        .iter()
        .copied()
        .min()
        .unwrap_or(last_year)
        .min(last_year);
    let mut values = Vec::new();
    let row =
        |key: &'static str, period: ReportPeriod, end: NaiveDate| -> PolarsResult<IndicatorValue> {
            let span = match key {
                "crime_tertial" => CrimeSpan::Tertial,
                _ => CrimeSpan::Year,
            };
            Ok(IndicatorValue {
                subject: id.to_string(),
                key,
                indicator: Phrase::CrimeName {
                    span,
                    group: name.to_string(),
                },
                category: name.to_string(),
                area: area.to_string(),
                period: period.label(),
                // A year without crime data is unknown, not zero.
                value: match with_figures.contains(&period.year()) {
                    true => count_in(rows, period.start(), end)?,
                    false => None,
                },
                unit: "antal".into(),
                data_date: Some(end),
                note: if end < period.end() {
                    Notes::one(Phrase::UpTo(end))
                } else {
                    Notes::default()
                },
                ..Default::default()
            })
        };
    for year in first_year..=last_year {
        for t in ReportPeriod::Year(year).tertials() {
            if t.start() <= until {
                values.push(row("crime_tertial", t, t.end().min(until))?);
            }
        }
        let whole = ReportPeriod::Year(year);
        values.push(row("crime_year", whole, whole.end().min(until))?);
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::CrimeWhen;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rec(when: CrimeWhen, count: f64) -> CrimeRecord {
        CrimeRecord {
            key: crate::ingest::CrimeKey::new("Karlslund", "narkotika", "Narkotikabrott"),
            when,
            count,
        }
    }

    #[test]
    fn counts_use_whole_spans_only() {
        let crimes = vec![
            rec(CrimeWhen::Day(d(2017, 5, 3)), 1.0),
            rec(CrimeWhen::Day(d(2017, 9, 1)), 1.0),
            rec(CrimeWhen::Month(2017, 6), 4.0),
            rec(CrimeWhen::Year(2017), 50.0),
        ];
        let df = frame(&crimes).unwrap();
        // T2 2017 holds the day in May and the June figure, not the yearly figure.
        assert_eq!(
            count_in(
                &group_rows(&df, "narkotika").unwrap(),
                d(2017, 5, 1),
                d(2017, 8, 31)
            )
            .unwrap(),
            Some(5.0)
        );
        assert_eq!(
            count_in(
                &group_rows(&df, "narkotika").unwrap(),
                d(2017, 1, 1),
                d(2017, 12, 31)
            )
            .unwrap(),
            Some(56.0)
        );
        assert_eq!(
            count_in(
                &group_rows(&df, "vapen").unwrap(),
                d(2017, 1, 1),
                d(2017, 12, 31)
            )
            .unwrap(),
            Some(0.0)
        );
    }

    #[test]
    fn a_baseline_year_with_no_data_is_left_out() {
        // 2015 has 10 in T1, 2016 has no crime data at all: the baseline is 10, not 5.
        let tables = Tables {
            crimes: vec![
                rec(CrimeWhen::Month(2015, 2), 10.0),
                rec(CrimeWhen::Month(2017, 2), 12.0),
            ],
            ..Default::default()
        };
        let df = frame(&tables.crimes).unwrap();
        let (b, used) = baseline(
            &group_rows(&df, "narkotika").unwrap(),
            &years_with_figures(&tables.crimes),
            d(2017, 1, 1),
            d(2017, 4, 30),
            &[2015, 2016],
        )
        .unwrap();
        assert_eq!(b, Some(10.0));
        assert_eq!(used, vec![(2015, 10.0)]);
    }

    #[test]
    fn a_missing_figure_is_never_zero_and_leaves_its_year_out_of_the_baseline() {
        // A published table: 2015 "..", 2016 10, 2017 15 (yearly figures). The baseline
        // 2015–2016 is 10 from 2016 alone (not (0 + 10) / 2 = 5), and 2015 itself is unknown.
        let tables = Tables {
            crimes: vec![
                rec(CrimeWhen::Year(2015), f64::NAN),
                rec(CrimeWhen::Year(2016), 10.0),
                rec(CrimeWhen::Year(2017), 15.0),
            ],
            ..Default::default()
        };
        let df = frame(&tables.crimes).unwrap();
        let year = |y| (d(y, 1, 1), d(y, 12, 31));
        let (b, used) = baseline(
            &group_rows(&df, "narkotika").unwrap(),
            &years_with_figures(&tables.crimes),
            year(2017).0,
            year(2017).1,
            &[2015, 2016],
        )
        .unwrap();
        assert_eq!((b, used), (Some(10.0), vec![(2016, 10.0)]));
        assert_eq!(
            count_in(
                &group_rows(&df, "narkotika").unwrap(),
                year(2015).0,
                year(2015).1
            )
            .unwrap(),
            None
        );
        // The data end with the last figure, not with the ".." year.
        assert_eq!(
            tables.latest_day(crate::catalog::Source::Brott),
            Some(d(2017, 12, 31))
        );
    }

    #[test]
    fn a_baseline_never_holds_the_compared_year_or_later() {
        // Compared year 2015 with baseline years 2015 and 2016: no baseline is left.
        let tables = Tables {
            crimes: vec![
                rec(CrimeWhen::Year(2015), 8.0),
                rec(CrimeWhen::Year(2016), 10.0),
            ],
            ..Default::default()
        };
        let df = frame(&tables.crimes).unwrap();
        let (b, used) = baseline(
            &group_rows(&df, "narkotika").unwrap(),
            &years_with_figures(&tables.crimes),
            d(2015, 1, 1),
            d(2015, 12, 31),
            &[2015, 2016],
        )
        .unwrap();
        assert_eq!((b, used), (None, vec![]));
    }

    #[test]
    fn the_data_end_on_the_last_crimes_day_not_its_months_end() {
        // An extract whose last row is 13 October: the baseline years are counted to
        // 13 October too (the same days), not to 31 October.
        let tables = Tables {
            crimes: vec![
                rec(CrimeWhen::Day(d(2016, 10, 10)), 1.0),
                rec(CrimeWhen::Day(d(2016, 10, 20)), 1.0),
                rec(CrimeWhen::Day(d(2017, 10, 13)), 1.0),
            ],
            ..Default::default()
        };
        assert_eq!(
            tables.latest_day(crate::catalog::Source::Brott),
            Some(d(2017, 10, 13))
        );
        let df = frame(&tables.crimes).unwrap();
        let (b, _) = baseline(
            &group_rows(&df, "narkotika").unwrap(),
            &years_with_figures(&tables.crimes),
            d(2017, 9, 1),
            d(2017, 10, 13),
            &[2016],
        )
        .unwrap();
        assert_eq!(b, Some(1.0));
    }

    #[test]
    fn a_year_without_crime_data_is_unknown_in_the_series_and_tables_not_zero() {
        // Baseline years 2015 and 2016, but the extract has no 2016 at all: 2015 T1 has
        // 10 (February) and 2017 T1 has 12. The chart's baseline for T1 is 10 (2015 alone,
        // not (10 + 0) / 2 = 5), and 2016's tertial and year rows are empty, not 0.
        let crimes = vec![
            rec(CrimeWhen::Month(2015, 2), 10.0),
            rec(CrimeWhen::Month(2017, 2), 12.0),
        ];
        let df = frame(&crimes).unwrap();
        let with_figures = years_with_figures(&crimes);
        assert_eq!(with_figures, BTreeSet::from([2015, 2017]));
        let until = d(2017, 4, 30);
        let t1 = ReportPeriod::Tertial { year: 2017, n: 1 };
        let rows = group_rows(&df, "narkotika").unwrap();
        let series = tertial_series(&rows, &with_figures, "N", t1, until, &[2015, 2016]).unwrap();
        let points: Vec<f64> = series.iter().map(|p| p.value).collect();
        assert_eq!(points, vec![12.0, 10.0]);
        let values = tertial_values(
            &rows,
            &with_figures,
            "U1",
            "Karlslund",
            "N",
            2017,
            until,
            &[2015, 2016],
        )
        .unwrap();
        let value_of = |period: &str| values.iter().find(|v| v.period == period).unwrap().value;
        assert_eq!(value_of("2015-T1"), Some(10.0));
        assert_eq!(value_of("2016-T1"), None);
        assert_eq!(value_of("2016"), None);
        assert_eq!(value_of("2017-T1"), Some(12.0));
    }

    #[test]
    fn rate_per_1000_worked_by_hand() {
        // 54 crimes among 6 731 inhabitants: 54 / 6731 × 1000 = 8.0226.
        assert!((rate_per_1000(54.0, 6731.0) - 8.0226).abs() < 1e-4);
    }

    #[test]
    fn leap_day_shifts_to_the_28th() {
        assert_eq!(shift_to_year(d(2016, 2, 29), 2015), d(2015, 2, 28));
    }
}
