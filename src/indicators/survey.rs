//! Indicators, safety survey: shares with Wilson intervals and the 0–6 problem index as a
//! weighted mean, per year, compared with the catalog's baseline year.

use std::collections::BTreeMap;

use anyhow::Context as _;
use polars::prelude::*;

use super::memo::Memo;
use super::phrase::{Notes, Phrase, SurveyFinding, SurveyPoint, SurveyVerdict};
use super::stats::{effective_n, two_means_p, two_proportion_p, two_sided_p, wilson, Z95};
use super::{IndicatorValue, OutcomeResult, SeriesPoint, Status};
use crate::catalog::{Better, Catalog, SurveyIndicator};
use crate::ingest::{Respondent, Tables};
use crate::names::fold;
use crate::period::ReportPeriod;

/// One year's estimate of a survey indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub year: i32,
    pub value: f64,
    /// Respondents with a valid answer (unweighted), or the source's n.
    pub n: Option<f64>,
    /// Kish's effective n, used for intervals and tests; equals n without weights.
    pub n_eff: Option<f64>,
    pub ci: Option<(f64, f64)>,
    /// Standard error of the value, when known.
    pub se: Option<f64>,
    /// Computed from respondent rows (true) or taken from a published figure.
    pub computed: bool,
}

/// An indicator's way of reading answers, prepared once for many respondents: its chosen
/// and excluded answers folded once, and each distinct answer classed once (a survey of
/// 200 000 respondents repeats a handful of answer texts).
struct Reading<'a> {
    ind: &'a SurveyIndicator,
    excluded: Vec<String>,
    chosen: Vec<String>,
    seen: foldhash::HashMap<&'a str, Class>,
}

/// What an answer text is to an indicator.
#[derive(Clone, Copy)]
struct Class {
    /// Neither empty nor an excluded answer (e.g. "Vet ej").
    valid: bool,
    /// One of the answers a share counts.
    chosen: bool,
    /// The answer's code (0–6) for a mean, when valid and a number in that range.
    code: Option<f64>,
}

impl<'a> Reading<'a> {
    fn new(ind: &'a SurveyIndicator) -> Self {
        Reading {
            ind,
            excluded: ind.excluded_answers.iter().map(|a| fold(a)).collect(),
            chosen: ind.share_answers.iter().map(|a| fold(a)).collect(),
            seen: Default::default(),
        }
    }

    fn class(&mut self, answer: &'a str) -> Class {
        let (excluded, chosen) = (&self.excluded, &self.chosen);
        *self.seen.entry(answer).or_insert_with(|| {
            let folded = fold(answer);
            let valid = !answer.trim().is_empty() && !excluded.contains(&folded);
            let code = answer
                .replace(',', ".")
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|x| valid && (0.0..=6.0).contains(x));
            Class {
                valid,
                chosen: chosen.contains(&folded),
                code,
            }
        })
    }

    /// A respondent's value for the indicator: 1/0 for a share, the mean of coded answers
    /// for a mean; `None` when no valid answer (empty or excluded, e.g. "Vet ej").
    fn value(&mut self, r: &'a Respondent) -> Option<f64> {
        if let Some(q) = &self.ind.question {
            let answer = r.answer(q)?;
            let class = self.class(answer);
            return class.valid.then_some(if class.chosen { 1.0 } else { 0.0 });
        }
        // The mean of the coded answers, summed in the questions' order.
        let (mut sum, mut coded) = (0.0, 0_u32);
        for q in &self.ind.mean_of {
            if let Some(x) = r.answer(q).and_then(|a| self.class(a).code) {
                sum += x;
                coded += 1;
            }
        }
        (coded > 0).then(|| sum / f64::from(coded))
    }
}

/// Per-year estimates from respondent rows.
///
/// Formula, share: p = Σw·y / Σw over respondents with a valid answer (y = 1 for a chosen
/// answer), n_eff = (Σw)²/Σw² (Kish), 95 % interval by Wilson with n_eff.
/// Formula, mean: m = Σw·x / Σw, s² = Σw(x − m)²/Σw · n_eff/(n_eff − 1),
/// interval m ± 1.96·s/√n_eff. Weights of zero contribute nothing and are not counted in
/// n (the base shown); a year whose weights sum to zero has no estimate. Source: respondent-level survey sheet (input kind 2).
pub fn estimates_from_respondents(
    ind: &SurveyIndicator,
    respondents: &[Respondent],
) -> PolarsResult<Vec<Estimate>> {
    let mut reading = Reading::new(ind);
    let rows: Vec<(i32, f64, f64)> = respondents
        .iter()
        .filter_map(|r| reading.value(r).map(|x| (r.year, r.weight, x)))
        .collect();
    let df = df!(
        "year" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
        "w" => rows.iter().map(|r| r.1).collect::<Vec<_>>(),
        "x" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
    )?;
    let out = df
        .lazy()
        .group_by([col("year")])
        .agg([
            // n counts the respondents who carry weight: a weight of 0 contributes nothing.
            col("w")
                .gt(lit(0.0))
                .cast(DataType::Float64)
                .sum()
                .alias("n"),
            col("w").sum().alias("sw"),
            (col("w") * col("w")).sum().alias("sw2"),
            (col("w") * col("x")).sum().alias("swx"),
            (col("w") * col("x") * col("x")).sum().alias("swx2"),
        ])
        .sort(["year"], Default::default())
        .collect()?;
    let get = |name: &str| -> PolarsResult<Vec<f64>> {
        Ok(out
            .column(name)?
            .f64()?
            .iter()
            .map(|v| v.unwrap_or(0.0))
            .collect())
    };
    let years: Vec<i32> = out
        .column("year")?
        .i32()?
        .iter()
        .map(|v| v.unwrap_or(0))
        .collect();
    let (n, sw, sw2, swx, swx2) = (
        get("n")?,
        get("sw")?,
        get("sw2")?,
        get("swx")?,
        get("swx2")?,
    );
    let mut estimates = Vec::new();
    for i in 0..years.len() {
        if sw[i] <= 0.0 {
            continue;
        }
        let value = swx[i] / sw[i];
        let n_eff = effective_n(sw[i], sw2[i]);
        let (ci, se) = if ind.is_mean() {
            let var = (swx2[i] / sw[i] - value * value).max(0.0)
                * if n_eff > 1.0 {
                    n_eff / (n_eff - 1.0)
                } else {
                    1.0
                };
            let se = (var / n_eff).sqrt();
            (Some((value - Z95 * se, value + Z95 * se)), Some(se))
        } else {
            (
                wilson(value, n_eff),
                Some((value * (1.0 - value) / n_eff).sqrt()),
            )
        };
        estimates.push(Estimate {
            year: years[i],
            value,
            n: Some(n[i]),
            n_eff: Some(n_eff),
            ci,
            se,
            computed: true,
        });
    }
    Ok(estimates)
}

/// Published figures for an area, as estimates (their own limits when given; for shares
/// with n but no limits, Wilson's).
fn published(tables: &Tables, ind: &SurveyIndicator, area: &str) -> Vec<Estimate> {
    let mut out: Vec<Estimate> = tables
        .survey_figures
        .iter()
        .filter(|f| f.indicator == ind.id && f.area == area)
        .map(|f| {
            let ci = f.ci.or_else(|| {
                if ind.is_mean() {
                    None
                } else {
                    f.n.and_then(|n| wilson(f.value, n))
                }
            });
            let se = ci.map(|(lo, hi)| (hi - lo) / (2.0 * Z95));
            Estimate {
                year: f.year,
                value: f.value,
                n: f.n,
                // A stated interval already carries the survey's design (weights, strata):
                // its standard error is used, not one rebuilt from n as if unweighted.
                n_eff: if f.ci.is_some() { None } else { f.n },
                ci,
                se,
                computed: false,
            }
        })
        .collect();
    out.sort_by_key(|e| e.year);
    out
}

/// The day a survey year's results count from: the police survey is sent in August, so
/// year Y is measured by Y-08-31.
fn measured_on(year: i32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(year, 8, 31)
}

/// Whether a survey year's results belong in a report for `period`: year Y counts for
/// periods ending on or after [`measured_on`] (from T2 of Y on).
pub fn measured_by(year: i32, period: ReportPeriod) -> bool {
    measured_on(year).is_some_and(|d| d <= period.end())
}

/// When the next measurement comes, if after the period and within the promise: the
/// period's own year, on [`measured_on`].
pub fn next_measurement(catalog: &Catalog, period: ReportPeriod) -> Option<chrono::NaiveDate> {
    let due = measured_on(period.year())?;
    (due > period.end() && due <= catalog.end).then_some(due)
}

/// Whether a change between two estimates is beyond chance at the 5 % level.
///
/// Shares with both effective n's known (respondent rows: Kish's n_eff; published figures
/// without a stated interval: their n): the two-proportion z-test; otherwise
/// z = Δ/√(se₁² + se₂²) from the standard errors — means, and published figures with a
/// stated interval, whose standard error is (upper − lower)/(2·1.96).
pub fn change_p(ind: &SurveyIndicator, current: &Estimate, baseline: &Estimate) -> Option<f64> {
    if !ind.is_mean() {
        if let (Some(n1), Some(n2)) = (current.n_eff, baseline.n_eff) {
            return two_proportion_p(current.value, n1, baseline.value, n2);
        }
    }
    match (current.se, baseline.se, current.n_eff, baseline.n_eff) {
        (Some(s1), Some(s2), Some(n1), Some(n2)) if current.computed && baseline.computed => {
            two_means_p(
                current.value,
                s1 * n1.sqrt(),
                n1,
                baseline.value,
                s2 * n2.sqrt(),
                n2,
            )
        }
        (Some(s1), Some(s2), _, _) if s1 + s2 > 0.0 => Some(two_sided_p(
            (current.value - baseline.value) / (s1 * s1 + s2 * s2).sqrt(),
        )),
        _ => None,
    }
}

/// The verdict on one indicator: Improved or Worsened only when the change is significant
/// at 5 % and both bases reach the catalog's minimum; otherwise Ingen säker förändring.
pub fn verdict(better: Better, change: f64, p: Option<f64>, bases_ok: bool) -> Status {
    match p {
        Some(p) if p < 0.05 && bases_ok && change != 0.0 => {
            let up = change > 0.0;
            if up == (better == Better::Hogre) {
                Status::Improved
            } else {
                Status::Worsened
            }
        }
        _ => Status::NoChange,
    }
}

/// Combines outcome indicators (survey indicators or crime groups).
///
/// Rule: the indicators without data (or with too small a base to test), and those whose
/// next measurement is still to come (Pågår), are left out; of the rest, at least one moved in the promised direction beyond chance and none moved the
/// other way → I önskad riktning; at least one moved the other way and none the promised
/// way → I motsatt riktning; both, or none beyond chance → Ingen säker förändring; nothing
/// left → Saknar data. The report names the indicator that decided first
/// ([`decider_first`]).
pub fn combine_outcome(parts: &[Status]) -> Status {
    let judged: Vec<Status> = parts
        .iter()
        .copied()
        .filter(|s| !matches!(s, Status::NoData | Status::InProgress))
        .collect();
    let improved = judged.contains(&Status::Improved);
    let worsened = judged.contains(&Status::Worsened);
    let waiting = parts.contains(&Status::InProgress);
    match (judged.is_empty(), improved, worsened) {
        (true, _, _) if waiting => Status::InProgress,
        (true, _, _) => Status::NoData,
        (_, true, false) => Status::Improved,
        (_, false, true) => Status::Worsened,
        _ => Status::NoChange,
    }
}

/// The sentences with the ones whose indicator has the combined status first (stable), so
/// that a summary line showing the first sentence shows the indicator that decided.
pub fn decider_first<T>(sentences: Vec<T>, statuses: &[Status], combined: Status) -> Vec<T> {
    let (mut first, rest): (Vec<_>, Vec<_>) = sentences
        .into_iter()
        .zip(
            statuses
                .iter()
                .copied()
                .chain(std::iter::repeat(Status::NoData)),
        )
        .partition(|(_, s)| *s == combined);
    first.extend(rest);
    first.into_iter().map(|(text, _)| text).collect()
}

/// Judges a survey outcome: for each indicator, the latest year up to the report's year
/// against the baseline year.
/// `estimates` keeps each indicator's estimates from respondents (by outcome and indicator
/// id) for the promise's other periods.
pub(super) fn judge(
    (catalog, tables): (&Catalog, &Tables),
    estimates: &Memo<(String, String), Vec<Estimate>>,
    period: ReportPeriod,
    id: &str,
    indicator_ids: &[String],
    baseline_year: i32,
) -> anyhow::Result<OutcomeResult> {
    let mut values = Vec::new();
    let mut statuses = Vec::new();
    let mut sentences = Vec::new();
    let mut series = Vec::new();
    for ind_id in indicator_ids {
        let ind = catalog
            .survey_indicator(ind_id)
            .with_context(|| format!("katalogen har ingen enkätindikator '{ind_id}'"))?;
        let computed = estimates.get_or_try((id.to_string(), ind_id.clone()), || {
            estimates_from_respondents(ind, &tables.respondents)
        })?;
        let mut by_year: BTreeMap<i32, Estimate> = published(tables, ind, &catalog.area)
            .into_iter()
            .map(|e| (e.year, e))
            .collect();
        // Respondent rows beat a published figure for the same year: the tool can then
        // compute intervals and tests itself.
        by_year.extend(computed.iter().map(|e| (e.year, e.clone())));
        by_year.retain(|y, _| measured_by(*y, period));
        let baseline = by_year.get(&baseline_year).cloned();
        let current = by_year
            .values()
            .next_back()
            .filter(|e| e.year > baseline_year)
            .cloned();
        for e in by_year.values() {
            let mut v = value_row(id, ind, &catalog.area, e);
            v.baseline = baseline.as_ref().map(|b| b.value);
            v.change = baseline
                .as_ref()
                .filter(|b| b.year != e.year)
                .map(|b| e.value - b.value);
            if e.n.is_some_and(|n| n < f64::from(catalog.min_base)) {
                v.note = Notes::one(Phrase::SmallBase(catalog.min_base));
            }
            if Some(e.year) == current.as_ref().map(|c| c.year) {
                v.status = Some(status_of(catalog, ind, &current, &baseline));
                // A base under the catalog's minimum is shown but never tested.
                let min = f64::from(catalog.min_base);
                let testable = |x: &Estimate| x.n.is_some_and(|n| n >= min);
                v.p_value = baseline
                    .as_ref()
                    .filter(|b| testable(e) && testable(b))
                    .and_then(|b| change_p(ind, e, b));
            }
            values.push(v);
            series.push(SeriesPoint {
                // Named with its area, as the other areas' series are, so the legend tells
                // the promise's own line from the comparison's.
                series: Phrase::Verbatim(format!("{} – {}", ind.name, catalog.area)),
                x: e.year.to_string(),
                value: e.value,
                interval: e.ci,
            });
        }
        // No measurement to judge yet, and the next one comes after the period: the outcome
        // is under way, not short of data.
        let next = next_measurement(catalog, period).filter(|_| current.is_none());
        let status = match next {
            Some(_) => Status::InProgress,
            None => status_of(catalog, ind, &current, &baseline),
        };
        statuses.push(status);
        let mut finding = finding(catalog, ind, &current, &baseline, baseline_year, status);
        finding.next = next;
        sentences.push(Phrase::SurveySentence(Box::new(finding)));
        for area in comparison_areas(tables, ind, &catalog.area) {
            for e in published(tables, ind, &area)
                .into_iter()
                .filter(|e| measured_by(e.year, period))
            {
                values.push(value_row(id, ind, &area, &e));
                series.push(SeriesPoint {
                    series: Phrase::Verbatim(format!("{} – {area}", ind.name)),
                    x: e.year.to_string(),
                    value: e.value,
                    interval: e.ci,
                });
            }
        }
    }
    let status = combine_outcome(&statuses);
    let sentences = decider_first(sentences, &statuses, status);
    let result = sentences.first().cloned().unwrap_or_default();
    Ok(OutcomeResult {
        id: String::new(),
        text: String::new(),
        source: Phrase::Empty,
        status,
        result,
        sentences,
        note: None,
        data_date: None,
        values,
        series,
        earlier: vec![],
    })
}

fn comparison_areas(tables: &Tables, ind: &SurveyIndicator, own: &str) -> Vec<String> {
    let mut areas: Vec<String> = tables
        .survey_figures
        .iter()
        .filter(|f| f.indicator == ind.id && f.area != own)
        .map(|f| f.area.clone())
        .collect();
    areas.sort();
    areas.dedup();
    areas
}

fn value_row(id: &str, ind: &SurveyIndicator, area: &str, e: &Estimate) -> IndicatorValue {
    IndicatorValue {
        subject: id.to_string(),
        key: "survey",
        indicator: Phrase::Verbatim(ind.name.clone()),
        area: area.to_string(),
        period: e.year.to_string(),
        value: Some(e.value),
        unit: if ind.is_mean() {
            "index".into()
        } else {
            "andel".into()
        },
        n: e.n,
        ci_low: e.ci.map(|c| c.0),
        ci_high: e.ci.map(|c| c.1),
        data_date: chrono::NaiveDate::from_ymd_opt(e.year, 12, 31),
        note: if e.computed {
            Notes::default()
        } else {
            Notes::one(Phrase::PublishedFigure)
        },
        ..Default::default()
    }
}

fn status_of(
    catalog: &Catalog,
    ind: &SurveyIndicator,
    current: &Option<Estimate>,
    baseline: &Option<Estimate>,
) -> Status {
    let (Some(c), Some(b)) = (current, baseline) else {
        return Status::NoData;
    };
    let min = f64::from(catalog.min_base);
    let bases_ok = c.n.is_some_and(|n| n >= min) && b.n.is_some_and(|n| n >= min);
    verdict(ind.better, c.value - b.value, change_p(ind, c, b), bases_ok)
}

/// The facts of an indicator's sentence: the latest year against the baseline and whether
/// the change can be told from chance.
fn finding(
    catalog: &Catalog,
    ind: &SurveyIndicator,
    current: &Option<Estimate>,
    baseline: &Option<Estimate>,
    baseline_year: i32,
    status: Status,
) -> SurveyFinding {
    let min = f64::from(catalog.min_base);
    let small = |e: &Option<Estimate>| e.as_ref().and_then(|e| e.n).is_some_and(|n| n < min);
    let verdict = if small(current) || small(baseline) {
        SurveyVerdict::SmallBase
    } else if status == Status::NoChange {
        SurveyVerdict::NotSignificant
    } else {
        SurveyVerdict::Significant
    };
    let point = |e: &Estimate| SurveyPoint {
        year: e.year,
        value: e.value,
        n: e.n,
    };
    SurveyFinding {
        name: ind.name.clone(),
        mean: ind.is_mean(),
        current: current.as_ref().map(point),
        baseline: baseline.as_ref().map(point),
        baseline_year,
        min_base: catalog.min_base,
        verdict,
        next: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_interval_gives_the_standard_error_of_the_test() {
        // 33 % (KI 28–38 %) against 42 % (KI 37–47 %): se = 0.10 / 3.92 = 0.02551 each,
        // z = 0.09 / √(2 · 0.02551²) = 2.495, p = 0.0126 — not the two-proportion test on n.
        let est = |year, value, lo, hi| Estimate {
            year,
            value,
            n: Some(400.0),
            n_eff: None,
            ci: Some((lo, hi)),
            se: Some((hi - lo) / (2.0 * Z95)),
            computed: false,
        };
        let p = change_p(
            &share_indicator(),
            &est(2018, 0.33, 0.28, 0.38),
            &est(2017, 0.42, 0.37, 0.47),
        )
        .unwrap();
        assert!((p - 0.0126).abs() < 2e-4, "{p}");
    }

    #[test]
    fn respondents_with_weight_zero_are_not_in_the_base() {
        // Three answers, one of them weighted 0: n = 2, the share 1 of 2 = 50 %.
        let rows = vec![
            resp(2017, 1.0, &[("Förtroende", "Mycket stort")]),
            resp(2017, 1.0, &[("Förtroende", "Litet")]),
            resp(2017, 0.0, &[("Förtroende", "Mycket stort")]),
        ];
        let e = estimates_from_respondents(&share_indicator(), &rows).unwrap();
        assert_eq!((e[0].n, e[0].value), (Some(2.0), 0.5));
    }

    #[test]
    fn the_combined_outcome_and_the_indicator_that_decided() {
        use Status::*;
        // One indicator improved beyond chance, one no certain change → I önskad riktning,
        // and the improved one's sentence comes first.
        assert_eq!(combine_outcome(&[NoChange, Improved]), Improved);
        let s = decider_first(
            vec!["a".to_string(), "b".to_string()],
            &[NoChange, Improved],
            Improved,
        );
        assert_eq!(s, vec!["b".to_string(), "a".to_string()]);
        // Mixed directions are no certain change; without data for either → Saknar data.
        assert_eq!(combine_outcome(&[Improved, Worsened]), NoChange);
        assert_eq!(combine_outcome(&[NoData, Worsened]), Worsened);
        assert_eq!(combine_outcome(&[NoData, NoData]), NoData);
    }

    fn share_indicator() -> SurveyIndicator {
        SurveyIndicator {
            id: "fortroende".into(),
            name: "Stort förtroende".into(),
            question: Some("Förtroende".into()),
            share_answers: vec!["Mycket stort".into(), "Ganska stort".into()],
            mean_of: vec![],
            excluded_answers: vec!["Vet ej".into()],
            aggregated_names: vec![],
            better: Better::Hogre,
            published: None,
        }
    }

    fn mean_indicator() -> SurveyIndicator {
        SurveyIndicator {
            id: "problemindex".into(),
            name: "Problemindex".into(),
            question: None,
            share_answers: vec![],
            mean_of: vec!["A".into(), "B".into()],
            excluded_answers: vec!["Vet ej".into()],
            aggregated_names: vec![],
            better: Better::Lagre,
            published: None,
        }
    }

    fn resp(year: i32, weight: f64, answers: &[(&str, &str)]) -> Respondent {
        Respondent {
            area: "Karlslund".into(),
            year,
            weight,
            answers: answers
                .iter()
                .map(|(q, a)| ((*q).into(), (*a).into()))
                .collect(),
        }
    }

    #[test]
    fn weighted_share_worked_by_hand() {
        // Weights 1, 1, 2 answering yes, no, yes; one "Vet ej" left out of the base.
        // p = (1 + 2) / 4 = 0.75; n = 3; n_eff = 4² / (1 + 1 + 4) = 2.667.
        let rows = vec![
            resp(2017, 1.0, &[("Förtroende", "Mycket stort")]),
            resp(2017, 1.0, &[("Förtroende", "Ganska litet")]),
            resp(2017, 2.0, &[("Förtroende", "ganska  stort")]),
            resp(2017, 5.0, &[("Förtroende", "Vet ej")]),
        ];
        let e = &estimates_from_respondents(&share_indicator(), &rows).unwrap()[0];
        assert_eq!(e.value, 0.75);
        assert_eq!(e.n, Some(3.0));
        assert!((e.n_eff.unwrap() - 8.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn a_weight_of_zero_contributes_nothing() {
        let rows = vec![
            resp(2017, 1.0, &[("Förtroende", "Mycket stort")]),
            resp(2017, 0.0, &[("Förtroende", "Ganska litet")]),
        ];
        let e = &estimates_from_respondents(&share_indicator(), &rows).unwrap()[0];
        assert_eq!(e.value, 1.0);
    }

    #[test]
    fn all_answers_vet_ej_gives_no_estimate() {
        let rows = vec![
            resp(2017, 1.0, &[("Förtroende", "Vet ej")]),
            resp(2017, 1.0, &[("Förtroende", "VET EJ")]),
        ];
        assert!(estimates_from_respondents(&share_indicator(), &rows)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn problem_index_mean_worked_by_hand() {
        // Respondent means: (2+4)/2 = 3, 1 ("Vet ej" left out), 2 → mean 2, n 3.
        // s² = ((1 + 1 + 0)/3)·3/2 = 1, se = 1/√3 = 0.577, CI 2 ± 1.131.
        let rows = vec![
            resp(2017, 1.0, &[("A", "2"), ("B", "4")]),
            resp(2017, 1.0, &[("A", "1"), ("B", "Vet ej")]),
            resp(2017, 1.0, &[("A", "2")]),
        ];
        let e = &estimates_from_respondents(&mean_indicator(), &rows).unwrap()[0];
        assert_eq!(e.value, 2.0);
        assert_eq!(e.n, Some(3.0));
        let (lo, hi) = e.ci.unwrap();
        assert!((lo - (2.0 - 1.959_964 / 3f64.sqrt())).abs() < 1e-6, "{lo}");
        assert!((hi - (2.0 + 1.959_964 / 3f64.sqrt())).abs() < 1e-6, "{hi}");
    }

    #[test]
    fn a_survey_counts_from_the_tertial_it_was_sent_in() {
        let t = |year, n| ReportPeriod::Tertial { year, n };
        assert!(!measured_by(2017, t(2017, 1)));
        assert!(measured_by(2017, t(2017, 2)));
        assert!(measured_by(2016, t(2017, 1)));
        assert!(measured_by(2017, ReportPeriod::Year(2017)));
    }

    #[test]
    fn verdict_needs_significance_and_bases() {
        assert_eq!(
            verdict(Better::Hogre, 0.1, Some(0.01), true),
            Status::Improved
        );
        assert_eq!(
            verdict(Better::Lagre, 0.1, Some(0.01), true),
            Status::Worsened
        );
        assert_eq!(
            verdict(Better::Hogre, 0.1, Some(0.2), true),
            Status::NoChange
        );
        assert_eq!(
            verdict(Better::Hogre, 0.1, Some(0.01), false),
            Status::NoChange
        );
    }

    #[test]
    fn combine_outcome_rule() {
        use Status::*;
        assert_eq!(combine_outcome(&[Improved, NoChange]), Improved);
        assert_eq!(combine_outcome(&[Improved, Worsened]), NoChange);
        assert_eq!(combine_outcome(&[NoData, NoData]), NoData);
        assert_eq!(combine_outcome(&[Worsened, NoData]), Worsened);
        // A measurement still to come is left out like missing data, but the outcome is
        // then under way, not without data.
        assert_eq!(combine_outcome(&[InProgress, NoData]), InProgress);
        assert_eq!(combine_outcome(&[InProgress, Improved]), Improved);
    }

    #[test]
    fn the_next_measurement_is_named_only_when_it_comes_after_the_period() {
        // The promise runs 2017-01-01 – 2017-12-31; the survey is sent in August.
        let catalog = crate::catalog::load_from(
            "titel = \"T\"\nomrade = \"A\"\nar = 2017\nparter = [\"Polisen\"]\n[[lofte]]\nid = \"K1\"\npart = \"Polisen\"\ntext = \"x\"\nmatt = { typ = \"lagesrapport\" }\n",
        )
        .unwrap();
        let t = |n| ReportPeriod::Tertial { year: 2017, n };
        assert_eq!(
            next_measurement(&catalog, t(1)),
            chrono::NaiveDate::from_ymd_opt(2017, 8, 31)
        );
        assert_eq!(next_measurement(&catalog, t(2)), None);
        // After the promise has ended, nothing more is coming.
        assert_eq!(
            next_measurement(&catalog, ReportPeriod::Tertial { year: 2018, n: 1 }),
            None
        );
    }
}
