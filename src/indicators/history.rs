//! Stage 2, indicators: an outcome's earlier years — whole years of a survey indicator or a
//! crime group that earlier published reports stated (the archive holds them) and today's
//! input no longer holds, so that a new promise year in the same area continues the series.

use chrono::{NaiveDate, NaiveDateTime};

use super::changes::PublishedValue;
use super::{OutcomeResult, Phrase};

/// A whole year's figure from an earlier published report.
#[derive(Debug, Clone, PartialEq)]
pub struct EarlierYear {
    pub value: PublishedValue,
    /// When the report that stated it was published.
    pub published_at: NaiveDateTime,
    /// The period of that report (`2017`, `2017-T3`).
    pub report_period: String,
    /// The promise (catalog title) it was published for.
    pub promise: String,
}

/// The earlier years that continue an outcome's series.
///
/// Rule: an archived figure continues the series when
/// - it covers its whole year (its data date is 31 December of the year it is for);
/// - it is the same indicator (key and name), category, area, part and place as one of the
///   outcome's figures today (the outcome's id may differ: a new promise numbers anew);
/// - today's figures have no value for that year.
///
/// `archived` is latest publication first: of several publications of one year, the latest
/// counts (a revised figure replaces the first). `name` names an indicator as the archive
/// does (in Swedish). Returned in the order of today's figures, then by year.
pub fn earlier_years(
    outcome: &OutcomeResult,
    archived: &[EarlierYear],
    name: impl Fn(&Phrase) -> String,
) -> Vec<EarlierYear> {
    let today: Vec<(String, &super::IndicatorValue)> = outcome
        .values
        .iter()
        .map(|v| (name(&v.indicator), v))
        .collect();
    let mut series: Vec<(usize, EarlierYear)> = Vec::new();
    for a in archived.iter().filter(|a| is_whole_year(&a.value)) {
        let p = &a.value;
        let Some(position) = today.iter().position(|(n, v)| p.is_same_series(v, n)) else {
            continue;
        };
        let held_today = today
            .iter()
            .any(|(n, v)| v.value.is_some() && v.period == p.period && p.is_same_series(v, n));
        let taken = series
            .iter()
            .any(|(at, e)| *at == position && e.value.period == p.period);
        if !held_today && !taken {
            series.push((position, a.clone()));
        }
    }
    series.sort_by(|(a, x), (b, y)| (a, &x.value.period).cmp(&(b, &y.value.period)));
    series.into_iter().map(|(_, e)| e).collect()
}

/// Adds a survey outcome's earlier years to its chart series, so that the chart shows the
/// whole series since the first promise year; in year order, each series keeping its place
/// (its colour). A survey series is named "indicator – area", as in [`super::survey`].
pub fn extend_series(outcome: &mut OutcomeResult) {
    let added: Vec<super::SeriesPoint> = outcome
        .earlier
        .iter()
        .filter(|e| e.value.key == "survey")
        .filter_map(|e| {
            Some(super::SeriesPoint {
                series: Phrase::Verbatim(format!("{} – {}", e.value.indicator, e.value.area)),
                x: e.value.period.clone(),
                value: e.value.value?,
                interval: e.value.ci,
            })
        })
        .collect();
    if added.is_empty() {
        return;
    }
    outcome.series.extend(added);
    outcome.series.sort_by(|a, b| a.x.cmp(&b.x));
}

/// A figure for a year (`2016`) whose data reach 31 December of it.
fn is_whole_year(v: &PublishedValue) -> bool {
    let Ok(year) = v.period.parse::<i32>() else {
        return false;
    };
    v.data_date.is_some() && v.data_date == NaiveDate::from_ymd_opt(year, 12, 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::{IndicatorValue, Status};

    fn survey(year: &str, value: f64) -> IndicatorValue {
        IndicatorValue {
            subject: "U1".into(),
            key: "survey",
            indicator: Phrase::Verbatim("Stort förtroende för polisen".into()),
            area: "Karlslund".into(),
            period: year.into(),
            value: Some(value),
            data_date: NaiveDate::from_ymd_opt(year.parse().unwrap(), 12, 31),
            ..Default::default()
        }
    }

    fn archived(
        subject: &str,
        year: &str,
        value: f64,
        through: (i32, u32, u32),
        at: u32,
    ) -> EarlierYear {
        EarlierYear {
            value: PublishedValue {
                subject: subject.into(),
                key: "survey".into(),
                indicator: "Stort förtroende för polisen".into(),
                area: "Karlslund".into(),
                period: year.into(),
                value: Some(value),
                data_date: NaiveDate::from_ymd_opt(through.0, through.1, through.2),
                ..Default::default()
            },
            published_at: NaiveDate::from_ymd_opt(2017, 12, at)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            report_period: "2017".into(),
            promise: "Medborgarlöfte 2017".into(),
        }
    }

    fn outcome(values: Vec<IndicatorValue>) -> OutcomeResult {
        OutcomeResult {
            id: "U9".into(),
            text: String::new(),
            source: Phrase::Empty,
            status: Status::NoChange,
            result: Phrase::Empty,
            sentences: vec![],
            note: None,
            data_date: None,
            values,
            series: vec![],
            earlier: vec![],
        }
    }

    fn name(p: &Phrase) -> String {
        match p {
            Phrase::Verbatim(s) => s.clone(),
            _ => String::new(),
        }
    }

    #[test]
    fn a_new_promise_year_continues_the_series_with_the_years_its_input_lacks() {
        // 2018's promise (its outcome is U9) has only 2018 in its input; the archive holds
        // 2015 and 2016 from the 2017 promise (U1), 2016 published twice (revised 0.41 →
        // 0.42, the later first), and 2018 itself, which today's input has.
        let o = outcome(vec![survey("2018", 0.50)]);
        let archive = vec![
            archived("U1", "2016", 0.42, (2016, 12, 31), 20),
            archived("U1", "2018", 0.49, (2018, 12, 31), 20),
            archived("U1", "2016", 0.41, (2016, 12, 31), 10),
            archived("U1", "2015", 0.34, (2015, 12, 31), 10),
            // A year whose data ended in August is not a whole year.
            archived("U1", "2014", 0.30, (2014, 8, 31), 10),
        ];
        let earlier = earlier_years(&o, &archive, name);
        let years: Vec<(&str, f64)> = earlier
            .iter()
            .map(|e| (e.value.period.as_str(), e.value.value.unwrap()))
            .collect();
        assert_eq!(years, vec![("2015", 0.34), ("2016", 0.42)]);
    }

    #[test]
    fn another_indicator_or_area_does_not_continue_the_series() {
        let o = outcome(vec![survey("2018", 0.50)]);
        let mut other_area = archived("U1", "2016", 0.45, (2016, 12, 31), 10);
        other_area.value.area = "Landskrona".into();
        let mut other_indicator = archived("U1", "2016", 0.30, (2016, 12, 31), 10);
        other_indicator.value.indicator = "Otrygg ute sent en kväll".into();
        assert!(earlier_years(&o, &[other_area, other_indicator], name).is_empty());
    }
}
