//! The response-time engine (`svarstid`) and the stock engine (`bestand`) against naive
//! oracles written apart from them, from docs/catalog.md: case by case and row by row, in
//! minutes and units, with no polars. Random catalogs and logs (promises that start and end
//! mid-month, cases done late, never, or after the data date, stocks with and without a
//! start number or their own history). Fixed seed; `LOFTE_ORACLE_CASES` sets the count.

use chrono::{Datelike, Days, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use lofte::indicators::{self, Status};
use lofte::ingest::{LogEntry, Tables};
use lofte::period::ReportPeriod;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Duration::days(offset)
}

fn runner() -> TestRunner {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    TestRunner::new(Config {
        cases: env("LOFTE_ORACLE_CASES").map_or(200, |n| n as u32),
        rng_seed: RngSeed::Fixed(env("LOFTE_ORACLE_SEED").unwrap_or(20_241_206)),
        failure_persistence: None,
        ..Config::default()
    })
}

/// A promise period inside 2020–2021 and the report period that holds it whole.
fn promise() -> impl Strategy<Value = (NaiveDate, NaiveDate)> {
    (0..366i64, 20..700i64).prop_map(|(s, len)| (day(s), day(s + len)))
}

fn report_of((start, end): (NaiveDate, NaiveDate)) -> ReportPeriod {
    if start.year() == end.year() {
        ReportPeriod::Year(start.year())
    } else {
        ReportPeriod::Years {
            first: start.year(),
            last: end.year(),
        }
    }
}

fn catalog(promise: (NaiveDate, NaiveDate), matt: &str) -> lofte::catalog::Catalog {
    let text = format!(
        "titel = \"T\"\nomrade = \"A\"\nfran = {}\ntill = {}\nparter = [\"P\"]\n[[lofte]]\nid = \"P1\"\npart = \"P\"\ntext = \"T\"\nmatt = {{ {matt} }}\n",
        promise.0, promise.1
    );
    lofte::catalog::load_from(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The engine's results for one promise of `matt` over `promise`, from `logs` alone,
/// reported for the whole promise period.
fn judge_logs(
    promise: (NaiveDate, NaiveDate),
    matt: &str,
    logs: &[LogEntry],
) -> indicators::Results {
    let tables = Tables {
        logs: logs.to_vec(),
        ..Default::default()
    };
    indicators::compute(&catalog(promise, matt), &tables, report_of(promise)).unwrap()
}

/// The report's data date as the guide defines it: the log's latest row, capped at the
/// promise's last day (the report period holds the whole promise).
fn data_date(logs: &[LogEntry], promise: (NaiveDate, NaiveDate)) -> Option<NaiveDate> {
    logs.iter().map(|l| l.date).max().map(|d| d.min(promise.1))
}

// ── Response times ───────────────────────────────────────────────────────────────────

#[derive(Debug, Clone)]
struct ResponseCase {
    promise: (NaiveDate, NaiveDate),
    limit: Option<u32>,
    target: Option<f64>,
    per_tertial: bool,
    logs: Vec<LogEntry>,
}

fn response_case() -> impl Strategy<Value = ResponseCase> {
    (
        promise(),
        prop_oneof![Just(None), (1..100u32).prop_map(Some)],
        prop_oneof![
            Just(None),
            (0..=4u32).prop_map(|t| Some(f64::from(t) / 4.0))
        ],
        any::<bool>(),
    )
        .prop_flat_map(|(promise, limit, target, per_tertial)| {
            let from = (promise.0 - day(0)).num_days() - 30;
            let to = (promise.1 - day(0)).num_days() + 30;
            let row = (
                from..=to,
                prop_oneof![Just("Klotter"), Just("Annat")],
                prop_oneof![Just(None), (0..1440u32).prop_map(Some)],
                prop_oneof![1 => Just(None), 3 => (0..200u32).prop_map(Some)],
            )
                .prop_map(|(d, kind, minute, done_after_hours)| {
                    let date = day(d);
                    let reported = date.and_time(
                        NaiveTime::from_hms_opt(
                            minute.unwrap_or(0) / 60,
                            minute.unwrap_or(0) % 60,
                            0,
                        )
                        .unwrap(),
                    );
                    LogEntry {
                        date,
                        kind: kind.into(),
                        start_minute: minute,
                        done_at: done_after_hours.map(|h| reported + Duration::hours(i64::from(h))),
                        ..Default::default()
                    }
                });
            (
                Just((promise, limit, target, per_tertial)),
                proptest::collection::vec(row, 0..40),
            )
        })
        .prop_map(
            |((promise, limit, target, per_tertial), logs)| ResponseCase {
                promise,
                limit,
                target,
                per_tertial,
                logs,
            },
        )
}

/// The spans of `per` ("ar" or "tertial") clipped to the promise, up to the data date.
fn spans(
    promise: (NaiveDate, NaiveDate),
    tertial: bool,
    data_date: NaiveDate,
) -> Vec<(String, NaiveDate, NaiveDate)> {
    let mut out = vec![];
    for y in promise.0.year()..=promise.1.year() {
        let parts: Vec<(String, u32, u32)> = match tertial {
            true => (1..=3)
                .map(|n| (format!("{y}-T{n}"), n * 4 - 3, n * 4))
                .collect(),
            false => vec![(y.to_string(), 1, 12)],
        };
        for (label, m0, m1) in parts {
            let a = NaiveDate::from_ymd_opt(y, m0, 1).unwrap();
            let b = NaiveDate::from_ymd_opt(y, m1, 1)
                .unwrap()
                .checked_add_months(chrono::Months::new(1))
                .unwrap()
                - Days::new(1);
            if a <= promise.1 && promise.0 <= b {
                out.push((label, a.max(promise.0), b.min(promise.1)));
            }
        }
    }
    out.retain(|(_, a, _)| *a <= data_date);
    out
}

/// One span's (within, cases): a case reported on the span's days is done in time when
/// its Åtgärdad, on or before the data date's 23:59, is at most the limit after it was
/// reported; it is late when done later, or still open past the limit at the data date;
/// open within the limit it is left out. Without a limit, a case done by the data date
/// counts as acted on and every other case as not.
fn response_span(c: &ResponseCase, from: NaiveDate, until: NaiveDate, dd: NaiveDate) -> (u32, u32) {
    let as_of = dd.and_hms_opt(23, 59, 0).unwrap();
    let (mut within, mut cases) = (0, 0);
    for r in c.logs.iter().filter(|r| r.kind == "Klotter") {
        if r.date < from || r.date > until {
            continue;
        }
        let minute = r.start_minute.unwrap_or(0);
        let reported: NaiveDateTime = r.date.and_hms_opt(minute / 60, minute % 60, 0).unwrap();
        let done = r.done_at.filter(|d| *d <= as_of);
        let minutes = |to: NaiveDateTime| (to - reported).num_minutes();
        match (c.limit, done) {
            (None, Some(_)) => {
                within += 1;
                cases += 1;
            }
            (None, None) => cases += 1,
            (Some(h), Some(d)) => {
                cases += 1;
                if minutes(d) <= i64::from(h) * 60 {
                    within += 1;
                }
            }
            (Some(h), None) => {
                if minutes(as_of) > i64::from(h) * 60 {
                    cases += 1;
                }
            }
        }
    }
    (within, cases)
}

/// The guide's verdict: the share ≥ the target → Uppfyllt; the span not over → Pågår;
/// some → Delvis uppfyllt; none → Ej uppfyllt (a tertial or year is an amount to reach).
fn share_verdict(share: f64, target: f64, over: bool) -> Status {
    if share >= target {
        Status::Fulfilled
    } else if !over {
        Status::InProgress
    } else if share > 0.0 {
        Status::Partly
    } else {
        Status::NotFulfilled
    }
}

/// The guide's combination of spans: all met → Uppfyllt; any without data → Saknar data;
/// nothing failed but something running → Pågår; all judged failed → Ej uppfyllt; else
/// Delvis uppfyllt.
fn combined(statuses: &[Status]) -> Status {
    use Status::*;
    if statuses.is_empty() || statuses.contains(&NoData) {
        NoData
    } else if statuses.iter().all(|s| *s == Fulfilled) {
        Fulfilled
    } else if !statuses.iter().any(|s| matches!(s, NotFulfilled | Partly)) {
        InProgress
    } else if statuses
        .iter()
        .filter(|s| **s != InProgress)
        .all(|s| *s == NotFulfilled)
    {
        NotFulfilled
    } else {
        Partly
    }
}

#[test]
fn the_response_engine_agrees_with_the_guide_case_by_case() {
    let compared = std::cell::Cell::new(0usize);
    runner()
        .run(&response_case(), |c| {
            let mut matt = "typ = \"svarstid\", loggtyper = [\"Klotter\"]".to_string();
            if let Some(h) = c.limit {
                matt += &format!(", inom_timmar = {h}");
            }
            if let Some(t) = c.target {
                matt += &format!(", minst = {t:?}");
            }
            matt += if c.per_tertial {
                ", per = \"tertial\""
            } else {
                ", per = \"ar\""
            };
            let r = judge_logs(c.promise, &matt, &c.logs);
            let p = &r.promises[0];
            let Some(dd) = data_date(&c.logs, c.promise) else {
                prop_assert_eq!(p.status, Status::NoData);
                return Ok(());
            };
            let mut statuses = vec![];
            let mut any_cases = false;
            let want: Vec<(String, Option<f64>, f64, Option<Status>)> =
                spans(c.promise, c.per_tertial, dd)
                    .into_iter()
                    .map(|(label, from, to)| {
                        let (within, cases) = response_span(&c, from, to.min(dd), dd);
                        any_cases |= cases > 0;
                        let share = (cases > 0).then(|| f64::from(within) / f64::from(cases));
                        let status = match (c.target, share) {
                            (None, _) if cases == 0 => Some(Status::NoData),
                            (None, _) => None,
                            (Some(_), None) => Some(Status::NoData),
                            (Some(t), Some(s)) => Some(share_verdict(s, t, dd >= to)),
                        };
                        if c.target.is_some() {
                            statuses.extend(status);
                        }
                        (label, share, f64::from(cases), status)
                    })
                    .collect();
            let got: Vec<(String, Option<f64>, f64, Option<Status>)> = p
                .values
                .iter()
                .map(|v| (v.period.clone(), v.value, v.n.unwrap_or(-1.0), v.status))
                .collect();
            compared.set(compared.get() + want.len());
            prop_assert_eq!(&got, &want, "{:?}", c);
            let overall = match (c.target, want.is_empty(), any_cases) {
                (_, true, _) => Status::NoData,
                (Some(_), false, _) => combined(&statuses),
                (None, false, true) => Status::Reported,
                (None, false, false) => Status::NoData,
            };
            prop_assert_eq!(p.status, overall, "{:?}", c);
            Ok(())
        })
        .unwrap();
    let compared = compared.get();
    assert!(compared >= 200, "{compared} spans compared");
}

// ── Stocks ───────────────────────────────────────────────────────────────────────────

#[derive(Debug, Clone)]
struct StockCase {
    promise: (NaiveDate, NaiveDate),
    start_number: Option<u32>,
    growth: u32,
    logs: Vec<LogEntry>,
}

fn stock_case() -> impl Strategy<Value = StockCase> {
    (
        promise(),
        prop_oneof![Just(None), (0..30u32).prop_map(Some)],
        1..4u32,
    )
        .prop_flat_map(|(promise, start_number, growth)| {
            let from = (promise.0 - day(0)).num_days() - 300;
            let to = (promise.1 - day(0)).num_days() + 30;
            let row = (
                from..=to,
                prop_oneof![Just("Ny grupp"), Just("Avslutad grupp"), Just("Patrull")],
                prop_oneof![2 => Just(None), 1 => (0..4u32).prop_map(|n| Some(f64::from(n)))],
            )
                .prop_map(|(d, kind, count)| LogEntry {
                    date: day(d),
                    kind: kind.into(),
                    count,
                    ..Default::default()
                });
            (
                Just((promise, start_number, growth)),
                proptest::collection::vec(row, 0..40),
            )
        })
        .prop_map(|((promise, start_number, growth), logs)| StockCase {
            promise,
            start_number,
            growth,
            logs,
        })
}

#[test]
fn the_stock_engine_agrees_with_the_guide_row_by_row() {
    let judged = std::cell::Cell::new(0usize);
    runner()
        .run(&stock_case(), |c| {
            let mut matt = "typ = \"bestand\", loggtyper = [\"Ny grupp\"], avslut_loggtyper = [\"Avslutad grupp\"]".to_string();
            if let Some(n) = c.start_number {
                matt += &format!(", start_antal = {n}");
            }
            matt += &format!(", minst_okning = {}", c.growth);
            let r = judge_logs(c.promise, &matt, &c.logs);
            let p = &r.promises[0];
            let Some(dd) = data_date(&c.logs, c.promise) else {
                prop_assert_eq!(p.status, Status::NoData);
                return Ok(());
            };
            // Units a row adds or ends: its Antal, else one.
            let change = |r: &LogEntry| match r.kind.as_str() {
                "Ny grupp" => r.count.unwrap_or(1.0),
                "Avslutad grupp" => -r.count.unwrap_or(1.0),
                _ => 0.0,
            };
            let first = c.promise.0;
            let own_history = c
                .logs
                .iter()
                .any(|r| r.date < first && r.kind != "Patrull");
            let net = |from: Option<NaiveDate>, to: NaiveDate| -> f64 {
                c.logs
                    .iter()
                    .filter(|r| from.is_none_or(|f| r.date >= f) && r.date <= to)
                    .map(change)
                    .sum()
            };
            let until = dd;
            let stock = match c.start_number {
                Some(n) => Some((f64::from(n), f64::from(n) + net(Some(first), until))),
                None if own_history => Some((net(None, first - Days::new(1)), net(None, until))),
                None => None,
            };
            let want = match stock {
                None => Status::NoData,
                Some((s, n)) if s < 0.0 || n < 0.0 => Status::NoData,
                Some(_) if dd < c.promise.1 => Status::InProgress,
                Some((s, n)) => {
                    judged.set(judged.get() + 1);
                    let grown = n - s;
                    if grown >= f64::from(c.growth) {
                        Status::Fulfilled
                    } else if grown > 0.0 {
                        Status::Partly
                    } else {
                        Status::NotFulfilled
                    }
                }
            };
            prop_assert_eq!(p.status, want, "{:?}", c);
            if let (Some((s, n)), Some(end)) = (stock.filter(|(s, n)| *s >= 0.0 && *n >= 0.0), p.values.last()) {
                prop_assert_eq!((end.baseline, end.value), (Some(s), Some(n)), "{:?}", c);
            }
            Ok(())
        })
        .unwrap();
    let judged = judged.get();
    assert!(judged >= 20, "{judged} stocks judged at the promise's end");
}
