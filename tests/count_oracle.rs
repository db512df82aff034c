//! The counting engine (`typ = "rakna"`) against a deliberately naive oracle written apart
//! from it, straight from docs/catalog.md: day by day and row by row, with no polars, no
//! masks and no shared helpers. Random catalogs (every `rakna` and `per`, places, focus
//! tags, weekdays, time windows within a day and past midnight, performers, targets or
//! none, promises that start and end mid-month, school terms) and random logs (rows before
//! and after the promise, past midnight, without times, hours or performers).
//!
//! CI runs a modest number of cases with a fixed seed; `benches/oracle.sh` runs many more.
//! `LOFTE_ORACLE_CASES` sets the count and `LOFTE_ORACLE_SEED` the seed.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use lofte::indicators::{self, Status};
use lofte::ingest::{LogEntry, Tables};
use lofte::period::ReportPeriod;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};

const UNITS: [&str; 8] = [
    "rader",
    "dagar",
    "veckor",
    "helger",
    "timmar",
    "deltagare",
    "antal",
    "andel_dagar",
];
const PERS: [&str; 6] = ["vecka", "manad", "tertial", "termin", "ar", "period"];
const WEEKDAYS: [(&str, Weekday); 7] = [
    ("mån", Weekday::Mon),
    ("tis", Weekday::Tue),
    ("ons", Weekday::Wed),
    ("tor", Weekday::Thu),
    ("fre", Weekday::Fri),
    ("lör", Weekday::Sat),
    ("sön", Weekday::Sun),
];

/// One random commitment, as the analyst would write it.
#[derive(Debug, Clone)]
struct Spec {
    types: Vec<&'static str>,
    places: Vec<&'static str>,
    per_place: bool,
    focus: Vec<&'static str>,
    per_focus: bool,
    weekdays: Vec<usize>,
    /// Hours of the day (from, to); `to <= from` wraps past midnight.
    window: Option<(u32, u32)>,
    performers: Vec<&'static str>,
    unit: usize,
    per: usize,
    target: Option<f64>,
    extras: Extras,
}

/// The keys #25 added: all focus tags at once, one part of the area, the weekend's days,
/// a comparison (none, the year before, or the year before the promise) and the measure's
/// own window (days after the promise's start, and its length).
#[derive(Debug, Clone)]
struct Extras {
    focus_all: bool,
    part: Option<&'static str>,
    weekend: usize,
    compare: u8,
    window: Option<(i64, i64)>,
}

const WEEKENDS: [&[usize]; 3] = [&[5, 6], &[4, 5], &[4, 5, 6]];

fn extras() -> impl Strategy<Value = Extras> {
    (
        any::<bool>(),
        prop_oneof![3 => Just(None), 1 => Just(Some("Nord"))],
        0..WEEKENDS.len(),
        prop_oneof![2 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
        prop_oneof![3 => Just(None), 1 => (0..200i64, 1..300i64).prop_map(Some)],
    )
        .prop_map(|(focus_all, part, weekend, compare, window)| Extras {
            focus_all,
            part,
            weekend,
            compare,
            window,
        })
}

#[derive(Debug, Clone)]
struct Case {
    start: NaiveDate,
    end: NaiveDate,
    terms: Vec<(NaiveDate, NaiveDate)>,
    spec: Spec,
    logs: Vec<LogEntry>,
}

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(offset)
}

fn subset<T: Clone + std::fmt::Debug + 'static>(
    items: &'static [T],
) -> impl Strategy<Value = Vec<T>> {
    proptest::collection::vec(any::<bool>(), items.len()).prop_map(move |keep| {
        items
            .iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(i, _)| i.clone())
            .collect()
    })
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop_oneof![Just(vec!["Patrull"]), Just(vec!["Patrull", "Möte"])],
        // Filters are the exception, so that the units meet many rows.
        prop_oneof![2 => Just(vec![]), 1 => subset(&["a", "b"])],
        any::<bool>(),
        prop_oneof![2 => Just(vec![]), 1 => subset(&["x", "y"])],
        any::<bool>(),
        prop_oneof![3 => Just(vec![]), 1 => proptest::collection::vec(0..7usize, 1..3)],
        prop_oneof![
            3 => Just(None),
            1 => (0..24u32, 0..25u32).prop_map(Some),
        ],
        prop_oneof![3 => Just(vec![]), 1 => Just(vec!["Polis"])],
        0..UNITS.len(),
        0..PERS.len(),
        prop_oneof![Just(None), (0..6u32).prop_map(|t| Some(f64::from(t)))],
        extras(),
    )
        .prop_map(
            |(
                types,
                places,
                per_place,
                focus,
                per_focus,
                weekdays,
                window,
                performers,
                unit,
                per,
                target,
                extras,
            )| {
                let andel = UNITS[unit] == "andel_dagar";
                let per_focus = per_focus && focus.len() > 1;
                Spec {
                    extras: Extras {
                        // The catalog refuses all-of with fewer than two tags or per focus.
                        focus_all: extras.focus_all && focus.len() > 1 && !per_focus,
                        ..extras
                    },
                    // The catalog asks for two or more of each to judge them one by one.
                    per_place: per_place && places.len() > 1,
                    per_focus,
                    target: target.map(|t| if andel { t / 5.0 } else { t }),
                    types,
                    places,
                    focus,
                    weekdays,
                    window,
                    performers,
                    unit,
                    per,
                }
            },
        )
}

fn log_row(from: i64, to: i64) -> impl Strategy<Value = LogEntry> {
    // Some rows crowd into a few weeks, so that days of one weekend, one week and one month
    // meet often.
    let (first_week, last_week) = (from.div_euclid(7), to.div_euclid(7));
    let crowded = (first_week..=last_week.min(first_week + 6), 0..7i64)
        .prop_map(move |(w, d)| (w * 7 + d).clamp(from, to));
    (
        prop_oneof![2 => from..=to, 1 => crowded],
        prop_oneof![Just("Patrull"), Just("Möte"), Just("Annat")],
        prop_oneof![Just(None), Just(Some("a")), Just(Some("b"))],
        subset(&["x", "y", "z"]),
        prop_oneof![1 => Just(None), 3 => (0..1440u32).prop_map(Some)],
        prop_oneof![1 => Just(None), 3 => (0..1440u32).prop_map(Some)],
        prop_oneof![3 => Just(None), 1 => (0..20u32).prop_map(|h| Some(f64::from(h) / 2.0))],
        prop_oneof![Just(None), (0..30u32).prop_map(|p| Some(f64::from(p)))],
        prop_oneof![Just(None), (0..5u32).prop_map(|c| Some(f64::from(c)))],
        prop_oneof![Just(None), Just(Some("Polis")), Just(Some("Kommun"))],
        prop_oneof![Just(None), Just(Some("Nord")), Just(Some("Syd"))],
    )
        .prop_map(
            |(
                date,
                kind,
                place,
                focus,
                start,
                end,
                hours,
                participants,
                count,
                performer,
                area,
            )| {
                LogEntry {
                    date: day(date),
                    kind: kind.to_string(),
                    place: place.map(str::to_string),
                    focus: focus.into_iter().map(str::to_string).collect(),
                    hours,
                    participants,
                    // An end time only with a start time, as ingest reads them.
                    start_minute: start,
                    end_minute: start.and(end),
                    performer: performer.map(str::to_string),
                    count,
                    area: area.map(str::to_string),
                    ..Default::default()
                }
            },
        )
}

fn case() -> impl Strategy<Value = Case> {
    (0..366i64, 10..700i64, any::<bool>(), spec())
        .prop_flat_map(|(start, length, with_terms, spec)| {
            let end = start + length;
            // A comparison needs a log that reaches back to the year before.
            let (first, rows) = match spec.extras.compare {
                0 => (start - 40, 50),
                _ => (start - 400, 90),
            };
            let terms = if with_terms {
                proptest::collection::vec((start - 20..end, 10..150i64), 1..3).boxed()
            } else {
                Just(vec![]).boxed()
            };
            (
                Just((start, end)),
                terms,
                Just(spec),
                proptest::collection::vec(log_row(first, end + 40), 0..rows),
            )
        })
        .prop_map(|((start, end), terms, mut spec, logs)| {
            let terms: Vec<(NaiveDate, NaiveDate)> = terms
                .into_iter()
                .map(|(s, len)| (day(s), day(s + len)))
                .collect();
            if terms.is_empty() && PERS[spec.per] == "termin" {
                spec.per = 5;
            }
            Case {
                start: day(start),
                end: day(end),
                terms,
                spec,
                logs,
            }
        })
}

/// The measure's own window, when it has one: days after the promise's first day, inside it.
fn measure_window(c: &Case) -> Option<(NaiveDate, NaiveDate)> {
    let (from, len) = c.spec.extras.window?;
    let start = (c.start + chrono::Duration::days(from)).min(c.end);
    Some((start, (start + chrono::Duration::days(len)).min(c.end)))
}

/// The catalog text for a case, as an analyst writes it.
fn catalog_text(c: &Case) -> String {
    let s = &c.spec;
    let list = |items: &[&str]| {
        items
            .iter()
            .map(|i| format!("\"{i}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut matt = format!(
        "typ = \"rakna\", loggtyper = [{}], rakna = \"{}\", per = \"{}\"",
        list(&s.types),
        UNITS[s.unit],
        PERS[s.per]
    );
    if !s.places.is_empty() {
        matt += &format!(
            ", platser = [{}], per_plats = {}",
            list(&s.places),
            s.per_place
        );
    }
    if !s.focus.is_empty() {
        matt += &format!(
            ", fokus = [{}], per_fokus = {}",
            list(&s.focus),
            s.per_focus
        );
    }
    if !s.weekdays.is_empty() {
        let names: Vec<&str> = s.weekdays.iter().map(|i| WEEKDAYS[*i].0).collect();
        matt += &format!(", veckodagar = [{}]", list(&names));
    }
    if let Some((from, to)) = s.window {
        matt += &format!(", fran_klockan = \"{from:02}:00\", till_klockan = \"{to:02}:00\"");
    }
    if !s.performers.is_empty() {
        matt += &format!(", utforare = [{}]", list(&s.performers));
    }
    if let Some(t) = s.target {
        matt += &format!(", minst = {t:?}");
    }
    let x = &s.extras;
    if x.focus_all {
        matt += ", fokus_alla = true";
    }
    if let Some(part) = x.part {
        matt += &format!(", delomrade = \"{part}\"");
    }
    match x.compare {
        1 => matt += ", jamfor_aret_innan = true",
        2 => matt += &format!(", jamfor_med = {}", c.start.year() - 1),
        _ => {}
    }
    if let Some((from, to)) = measure_window(c) {
        matt += &format!(", fran = {from}, till = {to}");
    }
    let weekend: Vec<&str> = WEEKENDS[x.weekend].iter().map(|i| WEEKDAYS[*i].0).collect();
    let mut text = format!(
        "titel = \"T\"\nomrade = \"A\"\nfran = {}\ntill = {}\nparter = [\"Polisen\"]\nhelgdagar = [{}]\n[[delomrade]]\nnamn = \"Nord\"\n[[delomrade]]\nnamn = \"Syd\"\n",
        c.start, c.end, list(&weekend)
    );
    for (i, (from, to)) in c.terms.iter().enumerate() {
        text += &format!("[[termin]]\nnamn = \"Termin {i}\"\nfran = {from}\ntill = {to}\n");
    }
    text +=
        "[[plats]]\nid = \"a\"\nnamn = \"Plats A\"\n[[plats]]\nid = \"b\"\nnamn = \"Plats B\"\n";
    text +=
        &format!("[[lofte]]\nid = \"P1\"\npart = \"Polisen\"\ntext = \"T\"\nmatt = {{ {matt} }}\n");
    text
}

// ── The oracle: the guide's sentences, one day and one row at a time ────────────────────

/// A row counts when its time overlaps the window on its own day, the day before or the
/// day after (a window wraps past midnight when it ends at or before its start; a row past
/// midnight ends the next day; a row without an end, or with an end equal to its start, is
/// a moment).
fn in_window(row: &LogEntry, from: u32, to: u32) -> bool {
    let Some(start) = row.start_minute else {
        return false;
    };
    let row_start = i64::from(start);
    let row_end = match row.end_minute {
        Some(e) if e > start => i64::from(e),
        Some(e) if e < start => i64::from(e) + 1440,
        _ => row_start + 1,
    };
    let (w_from, w_to) = (
        i64::from(from * 60),
        if to <= from {
            i64::from(to * 60) + 1440
        } else {
            i64::from(to * 60)
        },
    );
    [-1440, 0, 1440]
        .iter()
        .any(|shift| row_start < w_to + shift && row_end > w_from + shift)
}

/// The rows the commitment counts at all, before spans and parts.
fn selected<'a>(c: &'a Case) -> Vec<&'a LogEntry> {
    let s = &c.spec;
    c.logs
        .iter()
        .filter(|r| s.types.contains(&r.kind.as_str()))
        .filter(|r| {
            s.places.is_empty() || r.place.as_deref().is_some_and(|p| s.places.contains(&p))
        })
        .filter(|r| {
            let tagged = |t: &&str| r.focus.iter().any(|f| f == t);
            s.focus.is_empty()
                || match s.extras.focus_all {
                    true => s.focus.iter().all(tagged),
                    false => s.focus.iter().any(tagged),
                }
        })
        .filter(|r| {
            s.extras
                .part
                .is_none_or(|part| r.area.as_deref() == Some(part))
        })
        .filter(|r| {
            s.weekdays.is_empty()
                || s.weekdays
                    .iter()
                    .any(|i| WEEKDAYS[*i].1 == r.date.weekday())
        })
        .filter(|r| s.window.is_none_or(|(from, to)| in_window(r, from, to)))
        .filter(|r| {
            s.performers.is_empty()
                || r.performer
                    .as_deref()
                    .is_some_and(|p| s.performers.contains(&p))
        })
        .collect()
}

fn hours_of(r: &LogEntry) -> Option<f64> {
    if r.hours.is_some() {
        return r.hours;
    }
    let (s, e) = (r.start_minute?, r.end_minute?);
    if s == e {
        return None;
    }
    Some(f64::from((e + 1440 - s) % 1440) / 60.0)
}

/// The amount among `rows` on the days `from`..=`until`, by the guide's unit.
fn amount(c: &Case, rows: &[&LogEntry], from: NaiveDate, until: NaiveDate) -> (f64, Option<f64>) {
    let mut days = BTreeSet::new();
    let mut weeks = BTreeSet::new();
    let mut weekends = BTreeSet::new();
    let (mut n, mut hours, mut people, mut total) = (0.0, 0.0, 0.0, 0.0);
    for d in from.iter_days().take_while(|d| *d <= until) {
        for r in rows.iter().filter(|r| r.date == d) {
            n += 1.0;
            days.insert(d);
            weeks.insert((d.iso_week().year(), d.iso_week().week()));
            // A weekend is its days in a row; it is named by its first.
            let is_weekend = |x: NaiveDate| {
                WEEKENDS[c.spec.extras.weekend]
                    .iter()
                    .any(|i| WEEKDAYS[*i].1 == x.weekday())
            };
            if is_weekend(d) {
                let mut first = d;
                while is_weekend(first - Days::new(1)) {
                    first = first - Days::new(1);
                }
                weekends.insert(first);
            }
            hours += hours_of(r).unwrap_or(0.0);
            people += r.participants.unwrap_or(0.0);
            total += r.count.unwrap_or(1.0);
        }
    }
    match UNITS[c.spec.unit] {
        "rader" => (n, None),
        "dagar" => (days.len() as f64, None),
        "veckor" => (weeks.len() as f64, None),
        "helger" => (weekends.len() as f64, None),
        "timmar" => (hours, None),
        "deltagare" => (people, None),
        "antal" => (total, None),
        _ => {
            let eligible = from
                .iter_days()
                .take_while(|d| *d <= until)
                .filter(|d| {
                    c.spec.weekdays.is_empty()
                        || c.spec
                            .weekdays
                            .iter()
                            .any(|i| WEEKDAYS[*i].1 == d.weekday())
                })
                .count() as f64;
            let share = if eligible == 0.0 {
                0.0
            } else {
                days.len() as f64 / eligible
            };
            (share, Some(eligible))
        }
    }
}

/// The spans the guide lists for the whole promise period: clipped to the promise, weeks
/// only whole ones, and only spans that start on or before the data date.
fn spans(c: &Case, data_date: NaiveDate) -> Vec<(String, NaiveDate, NaiveDate)> {
    // The measure's own window, else the promise period.
    let (p0, p1) = measure_window(c).unwrap_or((c.start, c.end));
    let clip = |label: String, a: NaiveDate, b: NaiveDate| (label, a.max(p0), b.min(p1));
    let mut out = vec![];
    let overlaps = |a: NaiveDate, b: NaiveDate| a <= p1 && p0 <= b;
    let month = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
    let last_of = |y: i32, m: u32| {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        month(ny, nm) - Days::new(1)
    };
    match PERS[c.spec.per] {
        "period" => {
            let whole = p0.ordinal() == 1 && p1.month() == 12 && p1.day() == 31;
            let label = match (whole, p0.year() == p1.year()) {
                (true, true) => p0.year().to_string(),
                (true, false) => format!("{}–{}", p0.year(), p1.year()),
                (false, _) => format!("{p0} – {p1}"),
            };
            out.push((label, p0, p1));
        }
        "ar" => {
            for y in p0.year()..=p1.year() {
                let (a, b) = (
                    NaiveDate::from_ymd_opt(y, 1, 1).unwrap(),
                    NaiveDate::from_ymd_opt(y, 12, 31).unwrap(),
                );
                out.push(clip(y.to_string(), a, b));
            }
        }
        "manad" => {
            for y in p0.year()..=p1.year() {
                for m in 1..=12 {
                    if overlaps(month(y, m), last_of(y, m)) {
                        out.push(clip(format!("{y}-{m:02}"), month(y, m), last_of(y, m)));
                    }
                }
            }
        }
        "tertial" => {
            for y in p0.year()..=p1.year() {
                for n in 1..=3u32 {
                    let (a, b) = (month(y, n * 4 - 3), last_of(y, n * 4));
                    if overlaps(a, b) {
                        out.push(clip(format!("{y}-T{n}"), a, b));
                    }
                }
            }
        }
        "termin" => {
            for (i, (a, b)) in c.terms.iter().enumerate() {
                if *a <= p1 && p0 <= *b {
                    out.push(clip(format!("Termin {i}"), *a, *b));
                }
            }
        }
        _ => {
            let mut monday = p0;
            while monday.weekday() != Weekday::Mon {
                monday = monday + Days::new(1);
            }
            while monday + Days::new(6) <= p1 {
                let w = monday.iso_week();
                out.push((
                    format!("{}-V{:02}", w.year(), w.week()),
                    monday,
                    monday + Days::new(6),
                ));
                monday = monday + Days::new(7);
            }
        }
    }
    out.retain(|(_, a, _)| *a <= data_date);
    out
}

/// One judged value: (span, place, focus) → (value, status).
type Values = BTreeMap<(String, String, String), (f64, Option<Status>)>;

/// The guide's verdict on one span: the target met → Uppfyllt; the span not over →
/// Pågår; a week or month short of it broke a regularity → Ej uppfyllt; a longer span
/// reached part of an amount → Delvis uppfyllt, nothing → Ej uppfyllt.
fn verdict(c: &Case, value: f64, over: bool) -> Option<Status> {
    let target = c.spec.target?;
    Some(if value >= target {
        Status::Fulfilled
    } else if !over {
        Status::InProgress
    } else if matches!(PERS[c.spec.per], "vecka" | "manad") || value == 0.0 {
        Status::NotFulfilled
    } else {
        Status::Partly
    })
}

/// The amount on the same days of the earlier span (the same span a year before, or in the
/// year before the promise; a week is the same ISO week), when the log reaches back to it
/// (its first row at most two weeks after that span's first day).
fn earlier_amount(
    c: &Case,
    rows: &[&LogEntry],
    (from, to): (NaiveDate, NaiveDate),
    data_date: NaiveDate,
    first_log: Option<NaiveDate>,
) -> Option<f64> {
    let years_back = match c.spec.extras.compare {
        1 => 1,
        _ => from.year() - (c.start.year() - 1),
    };
    if years_back <= 0 {
        return None;
    }
    let (start, end) = if PERS[c.spec.per] == "vecka" {
        let w = from.iso_week();
        let year = w.year() - years_back;
        let monday = NaiveDate::from_isoywd_opt(year, w.week(), Weekday::Mon)
            .or_else(|| NaiveDate::from_isoywd_opt(year, 52, Weekday::Mon))?;
        (monday, monday + Days::new(6))
    } else {
        let back = chrono::Months::new(12 * years_back as u32);
        (from.checked_sub_months(back)?, to.checked_sub_months(back)?)
    };
    if first_log? > start + Days::new(14) {
        return None;
    }
    let days_in = (to.min(data_date) - from).num_days().max(0) as u64;
    let until = (start + Days::new(days_in)).min(end);
    Some(amount(c, rows, start, until).0)
}

fn oracle(c: &Case) -> (Status, Values) {
    let last_log = c.logs.iter().map(|r| r.date).max();
    let period_end = NaiveDate::from_ymd_opt(c.end.year(), 12, 31).unwrap();
    let first_log = c.logs.iter().map(|r| r.date).min();
    let Some(last_log) = last_log.filter(|_| first_log.is_some_and(|f| f <= period_end)) else {
        return (Status::NoData, Values::new());
    };
    let data_date = last_log.min(c.end);
    let rows = selected(c);
    let s = &c.spec;
    let place_name = |p: &str| if p == "a" { "Plats A" } else { "Plats B" };
    let mut parts: Vec<(String, String, Vec<&LogEntry>)> = vec![];
    let places: Vec<Option<&str>> = if s.per_place {
        s.places.iter().map(|p| Some(*p)).collect()
    } else {
        vec![None]
    };
    for place in places {
        let at_place: Vec<&LogEntry> = rows
            .iter()
            .copied()
            .filter(|r| place.is_none_or(|p| r.place.as_deref() == Some(p)))
            .collect();
        let name = match place {
            Some(p) => place_name(p).to_string(),
            None => s
                .places
                .iter()
                .map(|p| place_name(p))
                .collect::<Vec<_>>()
                .join(" + "),
        };
        if s.per_focus {
            for tag in &s.focus {
                let tagged = at_place
                    .iter()
                    .copied()
                    .filter(|r| r.focus.iter().any(|f| f == tag))
                    .collect();
                parts.push((name.clone(), tag.to_string(), tagged));
            }
            if s.focus.len() > 1 {
                // All tags together, each row once: shown, not judged.
                parts.push((name.clone(), String::new(), at_place.clone()));
            }
        } else {
            parts.push((name, String::new(), at_place));
        }
    }
    let mut values = Values::new();
    let mut statuses = vec![];
    let mut nothing_either_year = false;
    let spans = spans(c, data_date);
    let compared = s.extras.compare > 0;
    for (label, from, to) in &spans {
        let until = (*to).min(data_date);
        let over = data_date >= *to;
        for (place, tag, part_rows) in &parts {
            let (value, _) = amount(c, part_rows, *from, until);
            let judged = !(s.per_focus && s.focus.len() > 1 && tag.is_empty());
            let before = (judged && compared)
                .then(|| earlier_amount(c, part_rows, (*from, *to), data_date, first_log))
                .flatten();
            let status = match (judged, s.target, compared, before) {
                (false, _, _, _) => None,
                (true, Some(_), _, _) => verdict(c, value, over),
                // "Öka": strictly more than the earlier span, once the span is over.
                (true, None, true, Some(previous)) => match (over, value, previous) {
                    (false, _, _) => Some(Status::InProgress),
                    (true, v, p) if v == 0.0 && p == 0.0 => {
                        nothing_either_year = true;
                        None
                    }
                    (true, v, p) if v > p => Some(Status::Fulfilled),
                    // The same or less: it did not increase.
                    (true, _, _) => Some(Status::NotFulfilled),
                },
                (true, None, _, _) => None,
            };
            statuses.extend(status);
            values.insert((label.clone(), place.clone(), tag.clone()), (value, status));
        }
    }
    let has_target = s.target.is_some() || compared;
    let overall = if spans.is_empty() {
        Status::NoData
    } else if !has_target {
        Status::Reported
    } else if statuses.is_empty() && nothing_either_year {
        Status::NoChange
    } else if statuses.is_empty() {
        Status::NoData
    } else if statuses.iter().all(|s| *s == Status::Fulfilled) {
        Status::Fulfilled
    } else if !statuses
        .iter()
        .any(|s| matches!(s, Status::NotFulfilled | Status::Partly))
    {
        Status::InProgress
    } else if statuses
        .iter()
        .filter(|s| **s != Status::InProgress)
        .all(|s| *s == Status::NotFulfilled)
    {
        Status::NotFulfilled
    } else {
        Status::Partly
    };
    (overall, values)
}

// ── The engine, through the public API ──────────────────────────────────────────────────

fn engine(c: &Case) -> (Status, Values) {
    let catalog = lofte::catalog::load_from(&catalog_text(c))
        .unwrap_or_else(|e| panic!("{e}\n{}", catalog_text(c)));
    let tables = Tables {
        logs: c.logs.clone(),
        ..Default::default()
    };
    let period = if c.start.year() == c.end.year() {
        ReportPeriod::Year(c.start.year())
    } else {
        ReportPeriod::Years {
            first: c.start.year(),
            last: c.end.year(),
        }
    };
    let results = indicators::compute(&catalog, &tables, period).unwrap();
    let p = &results.promises[0];
    let values = p
        .values
        .iter()
        .filter(|v| v.key == "count")
        .map(|v| {
            (
                (v.period.clone(), v.place.clone(), v.category.clone()),
                (v.value.unwrap_or(f64::NAN), v.status),
            )
        })
        .collect();
    (p.status, values)
}

fn cases_and_seed() -> (u32, u64) {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse().ok());
    (
        env("LOFTE_ORACLE_CASES").map_or(200, |n: u64| n as u32),
        env("LOFTE_ORACLE_SEED").unwrap_or(20_241_205),
    )
}

#[test]
fn the_count_engine_agrees_with_the_guide_day_by_day() {
    let (cases, seed) = cases_and_seed();
    let config = Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    // How much was compared: the test must not pass by comparing nothing.
    let compared = std::sync::atomic::AtomicUsize::new(0);
    let judged = std::sync::atomic::AtomicUsize::new(0);
    runner
        .run(&case(), |c| {
            let (want_status, want) = oracle(&c);
            let (got_status, got) = engine(&c);
            compared.fetch_add(want.len(), std::sync::atomic::Ordering::Relaxed);
            let with_verdict = want.values().filter(|(_, s)| s.is_some()).count();
            judged.fetch_add(with_verdict, std::sync::atomic::Ordering::Relaxed);
            let keys: BTreeSet<_> = want.keys().chain(got.keys()).collect();
            for k in keys {
                let (w, g) = (want.get(k), got.get(k));
                let same = match (w, g) {
                    (Some((wv, ws)), Some((gv, gs))) => (wv - gv).abs() < 1e-9 && ws == gs,
                    _ => false,
                };
                prop_assert!(
                    same,
                    "{k:?}: oracle {w:?}, engine {g:?}\ncatalog:\n{}",
                    catalog_text(&c)
                );
            }
            prop_assert_eq!(want_status, got_status, "catalog:\n{}", catalog_text(&c));
            Ok(())
        })
        .unwrap();
    let (compared, judged) = (compared.into_inner(), judged.into_inner());
    eprintln!("{cases} cases, {compared} span values compared, {judged} with a verdict");
    assert!(
        compared >= cases as usize * 3 && judged >= cases as usize,
        "{compared} {judged}"
    );
}
