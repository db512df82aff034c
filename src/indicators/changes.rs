//! Stage 2, indicators: what changed since the previous report — the statuses that moved and
//! the figures that differ, between the previous report and this one. The previous report is
//! what was published (from the archive of published reports, [`Published`]) when there is
//! one, otherwise the previous period recomputed from today's input.

use chrono::{NaiveDate, NaiveDateTime};

use super::{IndicatorValue, Phrase, Results, Status};
use crate::period::ReportPeriod;

/// The report before this one: the previous tertial for a tertial, the previous year for a
/// year, the months just before for a follow-up at fixed months; none for a summary over
/// several years.
pub fn previous_period(period: ReportPeriod) -> Option<ReportPeriod> {
    match period {
        ReportPeriod::Tertial { year, n } if n > 1 => {
            Some(ReportPeriod::Tertial { year, n: n - 1 })
        }
        ReportPeriod::Tertial { year, .. } => Some(ReportPeriod::Tertial {
            year: year - 1,
            n: 3,
        }),
        ReportPeriod::Year(year) => Some(ReportPeriod::Year(year - 1)),
        ReportPeriod::Years { .. } => None,
        // The follow-up before: as many months, ending the month before this one begins.
        ReportPeriod::Months { first, last } => {
            use crate::period::{month_index, month_of};
            let length = month_index(last) - month_index(first) + 1;
            let start = month_index(first);
            ReportPeriod::months_span(month_of(start - length), month_of(start - 1))
        }
    }
}

/// A promise's or an outcome's status in the previous report and in this one.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusMove {
    pub id: String,
    pub before: Status,
    pub now: Status,
    /// When the status is back to in progress (or not begun) because a new span has begun
    /// since the previous report (a term, a week, a month it had no figure for): that span,
    /// so a move from fulfilled to in progress is not read as a step back.
    pub begun: Option<String>,
}

/// One figure that both reports show for the same thing and span, with both values.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueMove {
    pub value: IndicatorValue,
    pub before: f64,
}

/// Everything that changed since the previous report.
#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    pub previous: ReportPeriod,
    /// What the previous report's figures are: as published, or recomputed today.
    pub basis: Basis,
    /// Every promise and outcome whose status differs, in report order.
    pub statuses: Vec<StatusMove>,
    /// How many promises and outcomes kept their status.
    pub unchanged: usize,
    /// Figures for the same indicator, place, category, area and span (a term, a year)
    /// over the same days whose value differs: a count registered late, a revised figure.
    pub values: Vec<ValueMove>,
}

/// Where the previous report's figures come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Basis {
    /// The previous period computed with today's input: no published report is archived.
    Recomputed,
    /// The report as it was published at `at`: a figure that differs is a revision, and
    /// `input_changes` says what differs in the input it was made from.
    Published {
        at: NaiveDateTime,
        republished: Option<NaiveDateTime>,
        input_changes: Vec<InputChange>,
    },
}

/// How today's input differs from the input of a published report: the reasons a figure
/// can have been revised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputChange {
    /// The catalog's text differs.
    Catalog,
    /// A file of the same name with other contents, and its rows used then and now.
    FileChanged {
        file: String,
        used_before: usize,
        used_now: usize,
    },
    FileAdded(String),
    FileRemoved(String),
}

/// A published report as the archive holds it: its statuses and figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub period: ReportPeriod,
    /// When the set was published (local time).
    pub at: NaiveDateTime,
    /// When this report's own period was last published before, if that is later: its
    /// figures are compared too (a report published again after a correction).
    pub republished: Option<NaiveDateTime>,
    pub statuses: Vec<(String, Status)>,
    /// The figures a revision is measured against, the newest publication's first.
    pub values: Vec<PublishedValue>,
    /// How today's input differs from the newest publication's.
    pub input_changes: Vec<InputChange>,
}

/// One figure of a published report. The indicator is named in Swedish whatever the
/// report's language, so that reports in either language compare.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PublishedValue {
    pub subject: String,
    pub key: String,
    pub indicator: String,
    pub category: String,
    pub area: String,
    pub part: String,
    pub place: String,
    pub period: String,
    pub unit: String,
    pub value: Option<f64>,
    pub n: Option<f64>,
    /// The 95 % interval published with a survey figure.
    pub ci: Option<(f64, f64)>,
    pub data_date: Option<NaiveDate>,
}

impl PublishedValue {
    /// The same figure as `v` (named `name` in Swedish): the same subject, indicator, part,
    /// place, category, area and span, over the same days.
    pub fn is_same(&self, v: &IndicatorValue, name: &str) -> bool {
        self.subject == v.subject
            && self.is_same_series(v, name)
            && self.period == v.period
            && self.data_date == v.data_date
    }

    /// Of the same series as `v` (named `name` in Swedish), whatever the subject and span:
    /// the same indicator, category, area, part and place (a new promise year numbers its
    /// outcomes anew, so its id may differ).
    pub fn is_same_series(&self, v: &IndicatorValue, name: &str) -> bool {
        self.key == v.key
            && self.indicator == name
            && self.category == v.category
            && self.area == v.area
            && self.part == v.part
            && self.place == v.place
    }
}

/// Compares this report's results with the previous period's, recomputed from today's input.
///
/// Rule: a status moved when the same id has another status; a figure changed when both
/// reports have a value for the same (id, indicator, part, place, category, area, span)
/// over the same days (the same data date: like with like) and the values differ. A figure
/// whose span has run on since (a year-to-date count, a term) covers more days now and is
/// not a change; figures only one report has (a new month) are not changes either.
pub fn changes(previous: &Results, now: &Results) -> Changes {
    let before_status = |id: &str| {
        previous
            .promises
            .iter()
            .map(|p| (&p.id, p.status))
            .chain(previous.outcomes.iter().map(|o| (&o.id, o.status)))
            .find(|(i, _)| *i == id)
            .map(|(_, s)| s)
    };
    let spans_before = |id: &str| -> Vec<String> {
        previous
            .values()
            .filter(|v| v.subject == id)
            .map(|v| v.period.clone())
            .collect()
    };
    let (statuses, unchanged) = status_moves(before_status, spans_before, now);
    // Two indicators of one outcome share everything but their name.
    let same = |a: &IndicatorValue, b: &IndicatorValue| {
        key(a) == key(b) && a.indicator == b.indicator && a.data_date == b.data_date
    };
    let values = value_moves(now, |v| previous.values().find(|p| same(p, v))?.value);
    Changes {
        previous: previous.period,
        basis: Basis::Recomputed,
        statuses,
        unchanged,
        values,
    }
}

/// Compares this report's results with a published report (the same rule as [`changes`]);
/// `name` names an indicator in Swedish, as the archive does. A figure that differs over
/// the same days was revised since it was published.
pub fn changes_since_published(
    published: &Published,
    now: &Results,
    name: impl Fn(&Phrase) -> String,
) -> Changes {
    let before_status = |id: &str| {
        published
            .statuses
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, s)| *s)
    };
    let spans_before = |id: &str| -> Vec<String> {
        published
            .values
            .iter()
            .filter(|v| v.subject == id)
            .map(|v| v.period.clone())
            .collect()
    };
    let (statuses, unchanged) = status_moves(before_status, spans_before, now);
    let values = value_moves(now, |v| {
        let name = name(&v.indicator);
        published.values.iter().find(|p| p.is_same(v, &name))?.value
    });
    Changes {
        previous: published.period,
        basis: Basis::Published {
            at: published.at,
            republished: published.republished,
            input_changes: published.input_changes.clone(),
        },
        statuses,
        unchanged,
        values,
    }
}

fn key(v: &IndicatorValue) -> (&str, &str, &str, &str, &str, &str, &str) {
    (
        v.subject.as_str(),
        v.key,
        v.part.as_str(),
        v.place.as_str(),
        v.category.as_str(),
        v.area.as_str(),
        v.period.as_str(),
    )
}

/// The promises and outcomes of `now` whose status differs from `before`'s, and how many
/// kept theirs. `spans_before` gives the spans the previous report had figures for, by id.
fn status_moves(
    before: impl Fn(&str) -> Option<Status>,
    spans_before: impl Fn(&str) -> Vec<String>,
    now: &Results,
) -> (Vec<StatusMove>, usize) {
    let current = now
        .promises
        .iter()
        .map(|p| (&p.id, p.status, &p.values))
        .chain(now.outcomes.iter().map(|o| (&o.id, o.status, &o.values)));
    let (mut statuses, mut unchanged) = (vec![], 0);
    for (id, status, values) in current {
        match before(id) {
            Some(before) if before != status => statuses.push(StatusMove {
                id: id.clone(),
                before,
                now: status,
                begun: begun_span(status, values, &spans_before(id), now.period),
            }),
            Some(_) => unchanged += 1,
            None => {}
        }
    }
    (statuses, unchanged)
}

/// The newest span that `values` have a figure for and the previous report (`before`, its
/// spans) had none, when the status is in progress or not begun: the span that began since.
/// The report's own period (a figure for the whole tertial) is new in every report and is
/// not such a span. `None` when the previous report had no figures to tell by.
fn begun_span(
    status: Status,
    values: &[IndicatorValue],
    before: &[String],
    period: ReportPeriod,
) -> Option<String> {
    if !matches!(status, Status::InProgress | Status::NotStarted) || before.is_empty() {
        return None;
    }
    let own = [period.label(), period.to_string()];
    values
        .iter()
        .map(|v| &v.period)
        .rfind(|p| !p.is_empty() && !before.contains(p) && !own.contains(p))
        .cloned()
}

/// The figures of `now` whose value differs from the one `before` gives for them.
fn value_moves(now: &Results, before: impl Fn(&IndicatorValue) -> Option<f64>) -> Vec<ValueMove> {
    now.values()
        .filter_map(|v| {
            let now_value = v.value?;
            let before = before(v)?;
            (before != now_value).then(|| ValueMove {
                value: v.clone(),
                before,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::PromiseResult;

    fn promise(id: &str, status: Status, visits: f64) -> PromiseResult {
        PromiseResult {
            id: id.into(),
            party: String::new(),
            text: String::new(),
            status,
            target: Default::default(),
            result: Default::default(),
            data_date: None,
            values: vec![IndicatorValue {
                subject: id.into(),
                key: "count",
                place: "Ungdomshuset".into(),
                period: "Vårtermin 2017".into(),
                value: Some(visits),
                ..Default::default()
            }],
            detail: vec![],
            notes: vec![],
        }
    }

    fn results(period: ReportPeriod, promises: Vec<PromiseResult>) -> Results {
        Results {
            period,
            data_date: None,
            coverage: vec![],
            last_day: period.end(),
            promises,
            outcomes: vec![],
        }
    }

    /// A promise with a figure for each span named.
    fn with_spans(status: Status, spans: &[&str]) -> PromiseResult {
        let mut p = promise("P3", status, 2.0);
        p.values = spans
            .iter()
            .map(|span| IndicatorValue {
                subject: "P3".into(),
                key: "count",
                period: span.to_string(),
                value: Some(1.0),
                ..Default::default()
            })
            .collect();
        p
    }

    #[test]
    fn a_status_back_in_progress_names_the_span_that_began() {
        // T1: the spring term fulfilled. T2: the autumn term has begun with one visit of two,
        // so the promise is in progress: the move names the autumn term. The tertial's own
        // figure ("2017-T2") is new in every report and is not a span that began.
        let (t1, t2) = (
            ReportPeriod::Tertial { year: 2017, n: 1 },
            ReportPeriod::Tertial { year: 2017, n: 2 },
        );
        let before = results(
            t1,
            vec![with_spans(
                Status::Fulfilled,
                &["Vårtermin 2017", "2017-T1"],
            )],
        );
        let spans = ["Vårtermin 2017", "Hösttermin 2017", "2017-T2"];
        let now = results(t2, vec![with_spans(Status::InProgress, &spans)]);
        let moved = changes(&before, &now).statuses;
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0].begun.as_deref(), Some("Hösttermin 2017"));
        // A move to fulfilled says nothing of spans; nor does one with no earlier figures.
        let fulfilled = results(t2, vec![with_spans(Status::Fulfilled, &spans)]);
        let back = results(t1, vec![with_spans(Status::InProgress, &[])]);
        assert_eq!(changes(&back, &fulfilled).statuses[0].begun, None);
        assert_eq!(changes(&back, &now).statuses.len(), 0);
        let none_before = results(t1, vec![with_spans(Status::Fulfilled, &[])]);
        assert_eq!(changes(&none_before, &now).statuses[0].begun, None);
    }

    #[test]
    fn the_previous_report_is_the_tertial_or_year_before() {
        let t = |year, n| ReportPeriod::Tertial { year, n };
        assert_eq!(previous_period(t(2017, 2)), Some(t(2017, 1)));
        assert_eq!(previous_period(t(2017, 1)), Some(t(2016, 3)));
        assert_eq!(
            previous_period(ReportPeriod::Year(2018)),
            Some(ReportPeriod::Year(2017))
        );
        assert_eq!(
            previous_period(ReportPeriod::Years {
                first: 2019,
                last: 2020
            }),
            None
        );
    }

    #[test]
    fn statuses_that_moved_and_figures_that_changed() {
        // T1: P3 one visit in the spring term, in progress; P4 in progress.
        // T2: P3 two visits, fulfilled; P4 still in progress with the same figure.
        let t1 = results(
            ReportPeriod::Tertial { year: 2017, n: 1 },
            vec![
                promise("P3", Status::InProgress, 1.0),
                promise("P4", Status::InProgress, 3.0),
            ],
        );
        let t2 = results(
            ReportPeriod::Tertial { year: 2017, n: 2 },
            vec![
                promise("P3", Status::Fulfilled, 2.0),
                promise("P4", Status::InProgress, 3.0),
            ],
        );
        let c = changes(&t1, &t2);
        assert_eq!(
            c.statuses,
            vec![StatusMove {
                id: "P3".into(),
                before: Status::InProgress,
                now: Status::Fulfilled,
                begun: None,
            }]
        );
        assert_eq!(c.unchanged, 1);
        assert_eq!(c.values.len(), 1);
        assert_eq!(
            (c.values[0].before, c.values[0].value.value),
            (1.0, Some(2.0))
        );
    }

    #[test]
    fn a_year_to_date_figure_is_not_compared_across_reports() {
        // The 2017 crime count in the T1 report covers 1 January – 30 April (30 crimes); in
        // the T2 report 1 January – 31 August (54): more days, not a change. The same
        // spring term over the same days, revised from 1 to 2 visits, is a change.
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2017, m, day);
        let with_date = |mut p: PromiseResult, date| {
            p.values[0].data_date = date;
            p
        };
        let t1 = results(
            ReportPeriod::Tertial { year: 2017, n: 1 },
            vec![
                with_date(promise("B1", Status::InProgress, 30.0), d(4, 30)),
                with_date(promise("P3", Status::Fulfilled, 1.0), d(4, 30)),
            ],
        );
        let t2 = results(
            ReportPeriod::Tertial { year: 2017, n: 2 },
            vec![
                with_date(promise("B1", Status::InProgress, 54.0), d(8, 31)),
                with_date(promise("P3", Status::Fulfilled, 2.0), d(4, 30)),
            ],
        );
        let c = changes(&t1, &t2);
        let moved: Vec<(&str, f64)> = c
            .values
            .iter()
            .map(|m| (m.value.subject.as_str(), m.before))
            .collect();
        assert_eq!(moved, vec![("P3", 1.0)]);
    }

    #[test]
    fn a_published_figure_over_the_same_days_that_differs_now_is_a_revision() {
        // Published for T1: P3 in progress with 1 visit in the spring term (data through
        // 30 April). Today's T2 results: P3 fulfilled, the spring term revised to 2 visits.
        let published = Published {
            period: ReportPeriod::Tertial { year: 2017, n: 1 },
            at: NaiveDate::from_ymd_opt(2017, 5, 10)
                .unwrap()
                .and_hms_opt(14, 2, 0)
                .unwrap(),
            statuses: vec![("P3".into(), Status::InProgress)],
            values: vec![PublishedValue {
                subject: "P3".into(),
                key: "count".into(),
                indicator: "besök".into(),
                place: "Ungdomshuset".into(),
                period: "Vårtermin 2017".into(),
                value: Some(1.0),
                ..Default::default()
            }],
            republished: None,
            input_changes: vec![InputChange::FileAdded("logg-sen.xlsx".into())],
        };
        let now = results(
            ReportPeriod::Tertial { year: 2017, n: 2 },
            vec![promise("P3", Status::Fulfilled, 2.0)],
        );
        let named = |_: &Phrase| "besök".to_string();
        let c = changes_since_published(&published, &now, named);
        assert_eq!(c.statuses.len(), 1);
        assert_eq!(
            (c.values[0].before, c.values[0].value.value),
            (1.0, Some(2.0))
        );
        assert!(matches!(
            &c.basis,
            Basis::Published { input_changes, .. } if input_changes.len() == 1
        ));
        // Another indicator name is another figure: nothing to compare.
        let c = changes_since_published(&published, &now, |_: &Phrase| "andra".to_string());
        assert!(c.values.is_empty());
    }
}
