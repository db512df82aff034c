//! Indicators, reported crime: counts per catalog crime group for the period, against the
//! mean of the same period in the baseline years.

use anyhow::Context as _;
use chrono::{Datelike, NaiveDate};
use polars::prelude::*;

use super::frames::day_number;
use super::stats::{count_test, dispersion_p, CountTest};
use super::survey::combine_outcome;
use super::{IndicatorValue, OutcomeResult, SeriesPoint, Status};
use crate::catalog::{Better, Catalog};
use crate::fmt::{self, Lang};
use crate::ingest::{CrimeRecord, CrimeWhen, Tables};
use crate::period::{month_end, month_start, ReportPeriod};

/// The days a crime record speaks of.
fn span(when: CrimeWhen) -> (NaiveDate, NaiveDate) {
    match when {
        CrimeWhen::Day(d) => (d, d),
        CrimeWhen::Month(y, m) => (month_start(y, m), month_end(y, m)),
        CrimeWhen::Year(y) => (month_start(y, 1), month_end(y, 12)),
    }
}

/// The latest day the crime data covers: the last day of its latest record with a figure
/// (a reported crime's own date, a month's or a year's last day; never rounded up).
pub fn latest_date(tables: &Tables) -> Option<NaiveDate> {
    tables
        .crimes
        .iter()
        .filter(|c| !c.count.is_nan())
        .map(|c| span(c.when).1)
        .max()
}

/// The crime table: group, first and last day of each record (day numbers), count.
fn frame(crimes: &[CrimeRecord]) -> PolarsResult<DataFrame> {
    df!(
        "group" => crimes.iter().map(|c| c.group.clone()).collect::<Vec<_>>(),
        "first" => crimes.iter().map(|c| day_number(span(c.when).0)).collect::<Vec<_>>(),
        "last" => crimes.iter().map(|c| day_number(span(c.when).1)).collect::<Vec<_>>(),
        "count" => crimes.iter().map(|c| c.count).collect::<Vec<_>>(),
    )
}

/// Crimes of a group reported from `start` to `end`, or `None` when a figure in the window is
/// missing.
///
/// Formula: Σ antal over records of the group whose whole date span lies in [start, end]
/// (a monthly figure counts only in a window holding the whole month, a yearly figure only
/// in a whole year), so coarse figures are never split by guesswork. A figure marked
/// missing (`..`, `XX` in a published table) makes the whole window unknown: never 0.
pub fn count_in(
    df: &DataFrame,
    group: &str,
    start: NaiveDate,
    end: NaiveDate,
) -> PolarsResult<Option<f64>> {
    let out = df
        .clone()
        .lazy()
        .filter(
            col("group")
                .eq(lit(group.to_string()))
                .and(col("first").gt_eq(lit(day_number(start))))
                .and(col("last").lt_eq(lit(day_number(end)))),
        )
        .select([col("count").sum().alias("sum")])
        .collect()?;
    let sum = out.column("sum")?.f64()?.get(0).unwrap_or(0.0);
    Ok((!sum.is_nan()).then_some(sum))
}

/// The same calendar window in another year (29 February becomes 28 February).
pub fn shift_to_year(d: NaiveDate, year: i32) -> NaiveDate {
    // Only 29 February has no twin; a year outside chrono's range keeps the date as it is.
    d.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, d.month(), 28))
        .unwrap_or(d)
}

/// The baseline years used, each with its count in the window.
pub type YearCounts = Vec<(i32, f64)>;

/// The baseline: mean count of the same window in each baseline year that has crime data.
///
/// Formula: baseline = (1/k) Σ_{y ∈ B'} count(group, window shifted to y), where B' are the
/// baseline years before the compared year (`start`'s) that have a crime figure at all and
/// no missing figure (`..`) for the group in the window: a year without data is left out and
/// named, never counted as zero. Returns the mean and each year used with its count.
pub fn baseline(
    df: &DataFrame,
    tables: &Tables,
    group: &str,
    start: NaiveDate,
    end: NaiveDate,
    years: &[i32],
) -> PolarsResult<(Option<f64>, YearCounts)> {
    let has_figures = |y: i32| {
        tables
            .crimes
            .iter()
            .any(|c| !c.count.is_nan() && span(c.when).0.year() <= y && span(c.when).1.year() >= y)
    };
    let mut used = vec![];
    let mut total = 0.0;
    for &y in years
        .iter()
        .filter(|y| **y < start.year() && has_figures(**y))
    {
        if let Some(n) = count_in(df, group, shift_to_year(start, y), shift_to_year(end, y))? {
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
#[allow(clippy::too_many_arguments)]
pub(super) fn judge(
    catalog: &Catalog,
    tables: &Tables,
    period: ReportPeriod,
    id: &str,
    groups: &[String],
    baseline_years: &[i32],
    better: Better,
    lang: Lang,
) -> anyhow::Result<OutcomeResult> {
    let df = frame(&tables.crimes)?;
    // The data end where their latest figure ends: comparisons cover the same days.
    let data_date = latest_date(tables).map(|d| d.min(period.end()));
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
        let Some(until) = data_date.filter(|d| *d >= period.start()) else {
            statuses.push(Status::NoData);
            sentences.push(match lang {
                Lang::Sv => format!("{}: brottsstatistiken saknas för perioden.", group.name),
                Lang::En => format!(
                    "{}: the crime statistics have no data for the period.",
                    group.name
                ),
            });
            continue;
        };
        let Some(current) = count_in(&df, group_id, period.start(), until)? else {
            statuses.push(Status::NoData);
            sentences.push(match lang {
                Lang::Sv => format!(
                    "{}: uppgift saknas för perioden (markerad som saknad i underlaget).",
                    group.name
                ),
                Lang::En => format!(
                    "{}: the figure for the period is marked as missing in the data.",
                    group.name
                ),
            });
            continue;
        };
        let (base, year_counts) =
            baseline(&df, tables, group_id, period.start(), until, baseline_years)?;
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
        let window = format!("{}–{}", fmt::date(period.start()), fmt::date(until));
        let name = group.name.to_lowercase();
        let v = IndicatorValue {
            subject: id.to_string(),
            key: "crime",
            indicator: format!(
                "{}: {name}",
                fmt::tr(lang, "anmälda brott", "reported crimes")
            ),
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
            note: test_note(&window, &year_counts, test, overdispersed, lang),
            ..Default::default()
        };
        if let Some(pop) = population(tables, catalog, period.year()) {
            let per = fmt::tr(
                lang,
                "anmälda brott per 1 000 invånare",
                "reported crimes per 1,000 inhabitants",
            );
            values.push(IndicatorValue {
                key: "crime_rate",
                indicator: format!("{per}: {name}"),
                value: Some(rate_per_1000(current, pop)),
                unit: "per 1 000 invånare".into(),
                n: Some(pop),
                status: None,
                baseline: None,
                change: None,
                change_pct: None,
                p_value: None,
                note: format!(
                    "{} {}: {}",
                    fmt::tr(lang, "invånare", "inhabitants"),
                    period.year(),
                    fmt::count(pop, lang)
                ),
                ..v.clone()
            });
        }
        values.extend(month_values(&df, &v, group_id, period, until, lang)?);
        values.push(v);
        sentences.push(crime_sentence(
            &group.name,
            &CrimeChange {
                current,
                base,
                years: &years_label(&used_years),
                test,
                overdispersed,
                partial: until < period.end(),
            },
            lang,
        ));
        series.extend(tertial_series(
            &df,
            group_id,
            &group.name,
            period,
            until,
            baseline_years,
            lang,
        )?);
        values.extend(tertial_values(
            &df,
            id,
            &catalog.area,
            group_id,
            &group.name,
            period.year(),
            until,
            baseline_years,
            lang,
        )?);
    }
    let note = (!notes.is_empty()).then(|| {
        let groups = fmt::capitalised(&notes.join(fmt::tr(lang, " och ", " and ")));
        match lang {
            Lang::Sv => format!("{groups} upptäcks främst genom polisens eget arbete (spaningsbrott). En ökning är därför den effekt löftet eftersträvar, inte ett tecken på att läget har försämrats."),
            Lang::En => format!("{groups} are mostly found through the police's own work (offences detected by police activity). A rise is therefore the effect the promise aims for, not a sign that things have got worse."),
        }
    });
    let status = combine_outcome(&statuses);
    let sentences = super::survey::decider_first(sentences, &statuses, status);
    Ok(OutcomeResult {
        id: String::new(),
        text: String::new(),
        source: String::new(),
        status,
        result: sentences.join(" "),
        sentences,
        note,
        data_date,
        values,
        series,
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
    df: &DataFrame,
    template: &IndicatorValue,
    group: &str,
    period: ReportPeriod,
    until: NaiveDate,
    lang: Lang,
) -> PolarsResult<Vec<IndicatorValue>> {
    let mut values = Vec::new();
    let what = fmt::tr(lang, "anmälda brott per månad", "reported crimes per month");
    for (y, m) in period.months() {
        if month_start(y, m) > until {
            break;
        }
        let end = month_end(y, m).min(until);
        values.push(IndicatorValue {
            key: "crime_month",
            indicator: format!("{what}: {}", template.category.to_lowercase()),
            period: fmt::month(y, m),
            value: count_in(df, group, month_start(y, m), end)?,
            data_date: Some(end),
            baseline: None,
            change: None,
            change_pct: None,
            p_value: None,
            status: None,
            note: String::new(),
            ..template.clone()
        });
    }
    Ok(values)
}

/// The note of a group's test: the baseline years with their counts, the test's p and the
/// rate ratio with its interval, and a warning when the baseline years vary too much.
fn test_note(
    window: &str,
    year_counts: &[(i32, f64)],
    test: Option<CountTest>,
    overdispersed: bool,
    lang: Lang,
) -> String {
    let years: Vec<String> = year_counts
        .iter()
        .map(|(y, n)| format!("{y}: {}", fmt::count(*n, lang)))
        .collect();
    let mut note = match lang {
        Lang::Sv => format!(
            "baslinje: medel för samma period {window} åren ({})",
            years.join(", ")
        ),
        Lang::En => format!(
            "baseline: mean of the same period {window} in ({})",
            years.join(", ")
        ),
    };
    if let Some(t) = test {
        note.push_str(&format!("; {}", test_text(t, lang)));
    }
    if overdispersed {
        note.push_str(match lang {
            Lang::Sv => "; baslinjeåren varierar mer än slumpen förklarar, så ingen förändring kallas säker enbart på p-värdet",
            Lang::En => "; the baseline years vary more than chance explains, so no change is called certain on the p-value alone",
        });
    }
    note
}

/// "exakt test p = 0,088; kvot 2,00, 95 % KI 0,90–4,48".
fn test_text(t: CountTest, lang: Lang) -> String {
    let p = fmt::p_value(t.p, lang);
    let ratio = t.ratio.map(|r| fmt::number(r, 2, lang));
    let ci = t
        .ratio_ci
        .map(|(lo, hi)| format!("{}–{}", fmt::number(lo, 2, lang), fmt::number(hi, 2, lang)));
    match (ratio, ci, lang) {
        (Some(r), Some(ci), Lang::Sv) => format!("exakt test p = {p}; kvot {r}, 95 % KI {ci}"),
        (Some(r), Some(ci), Lang::En) => format!("exact test p = {p}; ratio {r}, 95 % CI {ci}"),
        (_, _, Lang::Sv) => format!("exakt test p = {p}"),
        (_, _, Lang::En) => format!("exact test p = {p}"),
    }
}

/// What a crime sentence says: the count, the baseline and the test.
pub struct CrimeChange<'a> {
    pub current: f64,
    pub base: Option<f64>,
    pub years: &'a str,
    pub test: Option<CountTest>,
    pub overdispersed: bool,
    /// The period is in progress: "samma del av året".
    pub partial: bool,
}

/// "Antalet anmälda narkotikabrott ökade från 41 till 57 (+39 %) jämfört med genomsnittet
/// för samma period 2015–2016. Förändringen är större än normal slumpvariation (exakt test
/// p = 0,010; kvot 1,39, 95 % KI …)."
pub fn crime_sentence(name: &str, change: &CrimeChange, lang: Lang) -> String {
    let CrimeChange {
        current,
        base,
        years,
        test,
        overdispersed,
        partial,
    } = *change;
    let p = test.map(|t| t.p);
    let name = name.to_lowercase();
    let now = fmt::count(current, lang);
    let Some(b) = base else {
        return match lang {
            Lang::Sv => format!("Antalet anmälda {name} var {now} under perioden; baslinjeår {years} saknas i underlaget."),
            Lang::En => format!("The number of reported {name} was {now} in the period; the baseline years {years} are missing."),
        };
    };
    let same = match (partial, lang) {
        (true, Lang::Sv) => "samma del av året",
        (false, Lang::Sv) => "samma period",
        (true, Lang::En) => "the same part of the year",
        (false, Lang::En) => "the same period",
    };
    let before = fmt::number(b, if b.fract() == 0.0 { 0 } else { 1 }, lang);
    let pct = if b > 0.0 {
        format!(" ({} %)", fmt::signed((current - b) / b * 100.0, 0, lang))
    } else {
        String::new()
    };
    let beyond_chance = matches!(p, Some(p) if p < 0.05);
    let how = test.map_or(String::new(), |t| format!(" ({})", test_text(t, lang)));
    match lang {
        Lang::Sv => {
            let chance = match (beyond_chance, overdispersed) {
                (true, true) => format!("Skillnaden är större än slumpen för ett jämnt antal{how}, men baslinjeåren varierar själva mer än så, så den kallas inte säker."),
                (true, false) => format!("Förändringen är större än normal slumpvariation{how}."),
                (false, _) => format!("Förändringen ryms inom normal slumpvariation{how}."),
            };
            if current == b {
                return format!("Antalet anmälda {name} var oförändrat, {now}, jämfört med genomsnittet för {same} {years}.");
            }
            let verb = if current > b { "ökade" } else { "minskade" };
            format!("Antalet anmälda {name} {verb} från {before} till {now}{pct} jämfört med genomsnittet för {same} {years}. {chance}")
        }
        Lang::En => {
            let chance = match (beyond_chance, overdispersed) {
                (true, true) => format!("The difference is larger than chance for a steady count{how}, but the baseline years themselves vary more than that, so it is not called certain."),
                (true, false) => format!("The change is larger than normal random variation{how}."),
                (false, _) => format!("The change is within normal random variation{how}."),
            };
            if current == b {
                return format!("The number of reported {name} was unchanged, {now}, compared with the mean of {same} in {years}.");
            }
            let verb = if current > b { "rose" } else { "fell" };
            format!("The number of reported {name} {verb} from {before} to {now}{pct} compared with the mean of {same} in {years}. {chance}")
        }
    }
}

/// Crime per tertial of the report's year and the baseline mean per tertial, for the chart.
fn tertial_series(
    df: &DataFrame,
    group: &str,
    name: &str,
    period: ReportPeriod,
    until: NaiveDate,
    years: &[i32],
    lang: Lang,
) -> PolarsResult<Vec<SeriesPoint>> {
    let mut points = Vec::new();
    for t in ReportPeriod::Year(period.year()).tertials() {
        if t.start() > until {
            continue;
        }
        let end = t.end().min(until);
        let label = format!("T{}", t.start().month().div_ceil(4));
        if let Some(value) = count_in(df, group, t.start(), end)? {
            points.push(SeriesPoint {
                series: format!("{name} {}", period.year()),
                x: label.clone(),
                value,
                interval: None,
            });
        }
        let (mut total, mut known) = (0.0, 0);
        for &y in years.iter().filter(|y| **y < period.year()) {
            if let Some(n) = count_in(
                df,
                group,
                shift_to_year(t.start(), y),
                shift_to_year(end, y),
            )? {
                total += n;
                known += 1;
            }
        }
        if known > 0 {
            points.push(SeriesPoint {
                series: format!(
                    "{name} {} {}",
                    fmt::tr(lang, "baslinje", "baseline"),
                    years_label(years)
                ),
                x: label,
                value: total / f64::from(known),
                interval: None,
            });
        }
    }
    Ok(points)
}

/// Counts per tertial and per year, from the first baseline year to the report's year.
#[allow(clippy::too_many_arguments)]
fn tertial_values(
    df: &DataFrame,
    id: &str,
    area: &str,
    group: &str,
    name: &str,
    last_year: i32,
    until: NaiveDate,
    baseline_years: &[i32],
    lang: Lang,
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
            let what = match (key, lang) {
                ("crime_tertial", Lang::Sv) => "anmälda brott per tertial",
                ("crime_tertial", Lang::En) => "reported crimes per tertial",
                (_, Lang::Sv) => "anmälda brott per år",
                (_, Lang::En) => "reported crimes per year",
            };
            Ok(IndicatorValue {
                subject: id.to_string(),
                key,
                indicator: format!("{what}: {}", name.to_lowercase()),
                category: name.to_string(),
                area: area.to_string(),
                period: period.label(),
                value: count_in(df, group, period.start(), end)?,
                unit: "antal".into(),
                data_date: Some(end),
                note: if end < period.end() {
                    format!("{} {}", fmt::tr(lang, "t.o.m.", "up to"), fmt::date(end))
                } else {
                    String::new()
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

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rec(when: CrimeWhen, count: f64) -> CrimeRecord {
        CrimeRecord {
            area: "Karlslund".into(),
            when,
            group: "narkotika".into(),
            category: "Narkotikabrott".into(),
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
            count_in(&df, "narkotika", d(2017, 5, 1), d(2017, 8, 31)).unwrap(),
            Some(5.0)
        );
        assert_eq!(
            count_in(&df, "narkotika", d(2017, 1, 1), d(2017, 12, 31)).unwrap(),
            Some(56.0)
        );
        assert_eq!(
            count_in(&df, "vapen", d(2017, 1, 1), d(2017, 12, 31)).unwrap(),
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
            &df,
            &tables,
            "narkotika",
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
            &df,
            &tables,
            "narkotika",
            year(2017).0,
            year(2017).1,
            &[2015, 2016],
        )
        .unwrap();
        assert_eq!((b, used), (Some(10.0), vec![(2016, 10.0)]));
        assert_eq!(
            count_in(&df, "narkotika", year(2015).0, year(2015).1).unwrap(),
            None
        );
        // The data end with the last figure, not with the ".." year.
        assert_eq!(latest_date(&tables), Some(d(2017, 12, 31)));
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
            &df,
            &tables,
            "narkotika",
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
        assert_eq!(latest_date(&tables), Some(d(2017, 10, 13)));
        let df = frame(&tables.crimes).unwrap();
        let (b, _) = baseline(
            &df,
            &tables,
            "narkotika",
            d(2017, 9, 1),
            d(2017, 10, 13),
            &[2016],
        )
        .unwrap();
        assert_eq!(b, Some(1.0));
    }

    #[test]
    fn the_sentence_names_the_change_and_the_baseline() {
        // 57 against 41 + 41 (k = 2): the exact test and the ratio 57/41 = 1,39.
        let test = count_test(57, 82, 2);
        let change = CrimeChange {
            current: 57.0,
            base: Some(41.0),
            years: "2015–2016",
            test,
            overdispersed: false,
            partial: false,
        };
        let s = crime_sentence("Narkotikabrott", &change, Lang::Sv);
        assert!(
            s.starts_with("Antalet anmälda narkotikabrott ökade från 41 till 57 (+39 %) jämfört med genomsnittet för samma period 2015–2016. Förändringen ryms inom normal slumpvariation (exakt test p = 0,0"),
            "{s}"
        );
        assert!(s.contains("kvot 1,39, 95 % KI"), "{s}");
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
