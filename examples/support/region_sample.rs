//! Input workbooks for the regional sample (`samples/region`): three promises of one
//! municipality, Karlslund (the seed), Centrum and Öster, whose catalogs live in
//! `samples/region/loften/`. Every workbook is shared by the three and has an Område
//! column; some rows belong to an area no promise covers (Norr), to a category or log type
//! no promise counts, or to a place no catalog knows, so the run's account of rows is
//! exercised. Shared by `examples/make_region_sample.rs` (which writes the files) and
//! `tests/region.rs`. Needs `real_promises` beside it for the workbook helpers.
//! Deterministic: the same files every time.
#![allow(dead_code)]

use chrono::{Datelike, NaiveDate, Weekday};
use rust_xlsxwriter::XlsxError;

use super::real_promises::{d, sheet, t, weekdays, V};
use super::rng::Rng;

/// The promises' areas, and an area of the municipality no promise covers.
pub const AREAS: [&str; 4] = ["Karlslund", "Centrum", "Öster", "Norr"];

/// Crime categories as the extract writes them; Stöld belongs to no promise's group.
pub const CATEGORIES: [&str; 5] = [
    "Narkotikabrott, innehav",
    "Vapenlagen",
    "Skadegörelse",
    "Misshandel, ej grov",
    "Stöld",
];

/// The last day of data: the sample reports 2017-T2 by default, like the seed sample.
pub fn data_end() -> NaiveDate {
    d(2017, 8, 31)
}

/// One reported crime: (date, area, category).
pub type Crime = (NaiveDate, &'static str, &'static str);

/// Every reported crime, 2014-01-01 to the data end: per area, category and month a number
/// drawn around a level that differs by area and category, so the areas differ visibly.
pub fn crimes() -> Vec<Crime> {
    let mut rng = Rng(2017);
    let mut rows = vec![];
    for year in 2014..=2017 {
        for month in 1..=12u32 {
            let first = d(year, month, 1);
            if first > data_end() {
                break;
            }
            for (a, area) in AREAS.iter().enumerate() {
                for (c, category) in CATEGORIES.iter().enumerate() {
                    // A few crimes a month, more in the centre and more theft everywhere;
                    // narcotics detected more often in 2017 (the promises' effect).
                    let mut level = 1 + ((a * 3 + c * 2) % 5) as u64;
                    if *area == "Centrum" {
                        level += 2;
                    }
                    if c == 0 && year == 2017 {
                        level += 2;
                    }
                    let n = level + rng.below(3);
                    for _ in 0..n {
                        let day = 1 + rng.below(28) as u32;
                        rows.push((d(year, month, day), *area, *category));
                    }
                }
            }
        }
    }
    rows
}

fn crime_workbook() -> Result<Vec<u8>, XlsxError> {
    let rows = crimes()
        .into_iter()
        .map(|(date, area, category)| vec![V::D(date), t(area), t(category)])
        .collect();
    sheet(
        "Anmälda brott",
        &["Datum", "Område", "Brottskategori"],
        rows,
    )
}

/// Published survey figures: (year, area, indicator, percent or index, n).
pub const SURVEY: &[(i32, &str, &str, f64, f64)] = &[
    (2015, "Karlslund", "förtroende polis", 41.0, 212.0),
    (2016, "Karlslund", "förtroende polis", 43.0, 205.0),
    (2017, "Karlslund", "förtroende polis", 52.0, 221.0),
    (2015, "Karlslund", "otrygg kväll", 38.0, 212.0),
    (2016, "Karlslund", "otrygg kväll", 37.0, 205.0),
    (2017, "Karlslund", "otrygg kväll", 30.0, 221.0),
    (2015, "Karlslund", "problemindex", 2.9, 212.0),
    (2016, "Karlslund", "problemindex", 2.8, 205.0),
    (2017, "Karlslund", "problemindex", 2.5, 221.0),
    (2015, "Centrum", "otrygg kväll", 31.0, 260.0),
    (2016, "Centrum", "otrygg kväll", 33.0, 248.0),
    (2017, "Centrum", "otrygg kväll", 29.0, 255.0),
    (2015, "Centrum", "förtroende polis", 50.0, 260.0),
    (2016, "Centrum", "förtroende polis", 51.0, 248.0),
    (2017, "Centrum", "förtroende polis", 53.0, 255.0),
    (2015, "Öster", "förtroende polis", 47.0, 190.0),
    (2016, "Öster", "förtroende polis", 45.0, 184.0),
    // A small base: shown, flagged, never called a change.
    (2017, "Öster", "förtroende polis", 55.0, 27.0),
    (2015, "Öster", "otrygg kväll", 22.0, 190.0),
    (2016, "Öster", "otrygg kväll", 24.0, 184.0),
    (2017, "Öster", "otrygg kväll", 23.0, 27.0),
    (2015, "Landskrona", "förtroende polis", 55.0, 2900.0),
    (2016, "Landskrona", "förtroende polis", 56.0, 2850.0),
    (2017, "Landskrona", "förtroende polis", 58.0, 2940.0),
    (2015, "Landskrona", "otrygg kväll", 21.0, 2900.0),
    (2016, "Landskrona", "otrygg kväll", 22.0, 2850.0),
    (2017, "Landskrona", "otrygg kväll", 20.0, 2940.0),
];

/// The published 95 % interval: Wilson's for a share (in percent, one decimal), ±0,2 for
/// the problem index.
pub fn published_interval(indicator: &str, value: f64, n: f64) -> (f64, f64) {
    if indicator == "problemindex" {
        return (value - 0.2, value + 0.2);
    }
    let (p, z) = (value / 100.0, 1.96_f64);
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z / (1.0 + z * z / n) * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    let percent = |x: f64| (x * 1000.0).round() / 10.0;
    (percent(centre - half), percent(centre + half))
}

fn survey_workbook() -> Result<Vec<u8>, XlsxError> {
    let rows = SURVEY
        .iter()
        .map(|(year, area, indicator, value, n)| {
            let (low, high) = published_interval(indicator, *value, *n);
            vec![
                V::N(f64::from(*year)),
                t(area),
                t(indicator),
                V::N(*value),
                V::N(*n),
                V::N(low),
                V::N(high),
            ]
        })
        .collect();
    sheet(
        "Trygghetsmätning",
        &[
            "År",
            "Område",
            "Indikator",
            "Värde (%)",
            "n",
            "KI undre",
            "KI övre",
        ],
        rows,
    )
}

/// Inhabitants per area and year, for crimes per 1 000 inhabitants.
pub const POPULATION: &[(&str, f64)] = &[
    ("Karlslund", 6731.0),
    ("Centrum", 9420.0),
    ("Öster", 5210.0),
    ("Norr", 7105.0),
];

fn population_workbook() -> Result<Vec<u8>, XlsxError> {
    let mut rows = vec![];
    for year in 2014..=2017 {
        for (area, people) in POPULATION {
            let grown = people * (1.0 + 0.01 * f64::from(year - 2017));
            rows.push(vec![t(area), V::N(f64::from(year)), V::N(grown.round())]);
        }
    }
    sheet("Befolkning", &["Område", "År", "Invånare"], rows)
}

/// The log's columns; rows give them in this order.
const LOG: [&str; 8] = [
    "Datum",
    "Klockslag",
    "Typ",
    "Plats",
    "Område",
    "Fokus",
    "Timmar",
    "Deltagare",
];

fn entry(date: NaiveDate, clock: &str, kind: &str, place: &str, area: &str) -> Vec<V> {
    let text = |s: &str| if s.is_empty() { V::E } else { t(s) };
    vec![
        V::D(date),
        text(clock),
        t(kind),
        text(place),
        t(area),
        V::E,
        V::E,
        V::E,
    ]
}

fn with(mut row: Vec<V>, column: usize, value: V) -> Vec<V> {
    if let Some(cell) = row.get_mut(column) {
        *cell = value;
    }
    row
}

/// The shared log, 2017-01-01 to the data end. By area:
/// - Karlslund: visits at the three preschools in February and on 28 August (Tusenskönan
///   only); Ungdomshuset on 15 March, 10 May and 24 August; a check with focus narcotics
///   on the 5th and an operation with focus weapons on the 20th of every month; patrols of
///   2 hours every Tuesday and Thursday; an activity with 15 participants on the 1st and
///   15th of every month.
/// - Centrum: foot patrols at 19:00 every Friday at Stortorget and every Saturday at the
///   station, except the Fridays of July; one visit at Stadsbiblioteket, a place no
///   catalog knows (skipped: Centrum counts no visits).
/// - Öster: visits at Östervångsskolan on 14 March, 9 May and 29 August, and on 1 June at
///   "Östervångs skola", a name no catalog knows (rejected once); field work of 3 hours
///   every Wednesday; a safety walk on 20 April.
/// - Norr (no promise): a patrol every Monday (skipped once, for the whole run).
pub fn log_rows() -> Vec<Vec<V>> {
    let (start, end) = (d(2017, 1, 1), data_end());
    let mut rows = vec![];
    for (place, day) in [
        ("Tusenskönans förskola", d(2017, 2, 7)),
        ("Pilängsgårdens förskola", d(2017, 2, 8)),
        ("Drömmens förskola", d(2017, 2, 9)),
        ("Förskolan Tusenskönan", d(2017, 8, 28)),
        ("Ungdomshuset Karlslund", d(2017, 3, 15)),
        ("Ungdomshuset", d(2017, 5, 10)),
        ("UH Karlslund", d(2017, 8, 24)),
    ] {
        rows.push(entry(day, "10:00", "Besök", place, "Karlslund"));
    }
    for month in 1..=8 {
        let check = entry(d(2017, month, 5), "21:00", "Kontroll", "", "Karlslund");
        rows.push(with(check, 5, t("narkotika")));
        let operation = entry(d(2017, month, 20), "22:00", "Insats", "", "Karlslund");
        rows.push(with(operation, 5, t("vapen")));
        for day in [1, 15] {
            let activity = entry(d(2017, month, day), "18:00", "Aktivitet", "", "Karlslund");
            rows.push(with(activity, 7, V::N(15.0)));
        }
    }
    for weekday in [Weekday::Tue, Weekday::Thu] {
        for day in weekdays(start, end, weekday) {
            let patrol = entry(day, "20:00", "Patrull", "", "Karlslund");
            rows.push(with(patrol, 6, V::N(2.0)));
        }
    }
    for day in weekdays(start, end, Weekday::Fri)
        .into_iter()
        .filter(|x| x.month() != 7)
    {
        rows.push(entry(day, "19:00", "Fotpatrull", "Stortorget", "Centrum"));
    }
    for day in weekdays(start, end, Weekday::Sat) {
        rows.push(entry(day, "19:00", "Fotpatrull", "Stationen", "Centrum"));
    }
    rows.push(entry(
        d(2017, 4, 3),
        "13:00",
        "Besök",
        "Stadsbiblioteket",
        "Centrum",
    ));
    for day in [d(2017, 3, 14), d(2017, 5, 9), d(2017, 8, 29)] {
        rows.push(entry(day, "09:00", "Besök", "Östervångsskolan", "Öster"));
    }
    // A school no catalog knows by this name: rejected once, with its place.
    rows.push(entry(
        d(2017, 6, 1),
        "09:00",
        "Besök",
        "Östervångs skola",
        "Öster",
    ));
    for day in weekdays(start, end, Weekday::Wed) {
        let field = entry(day, "16:00", "Fältarbete", "", "Öster");
        rows.push(with(field, 6, V::N(3.0)));
    }
    rows.push(entry(
        d(2017, 4, 20),
        "18:30",
        "Trygghetsvandring",
        "",
        "Öster",
    ));
    for day in weekdays(start, end, Weekday::Mon) {
        let patrol = entry(day, "20:00", "Patrull", "", "Norr");
        rows.push(with(patrol, 6, V::N(2.0)));
    }
    rows.sort_by_key(|r| match r.first() {
        Some(V::D(x)) => *x,
        _ => start,
    });
    rows
}

/// Staffing: two contact police officers at Pilängskolan (Karlslund), one at Dammhagskolan
/// (Centrum), one at Östervångsskolan (Öster has no staffing promise: skipped once).
fn staffing_workbook() -> Result<Vec<u8>, XlsxError> {
    let row = |role: &str, place: &str, person: &str, from: NaiveDate| {
        vec![t(role), t(place), t(person), V::D(from), V::E]
    };
    let rows = vec![
        row("Kontaktpolis", "Pilängskolan", "KP-101", d(2016, 8, 15)),
        row("Kontaktpolis", "Pilängskolan", "KP-102", d(2017, 1, 9)),
        row("Kontaktpolis", "Dammhagskolan", "KP-201", d(2016, 8, 15)),
        row("Kontaktpolis", "Östervångsskolan", "KP-301", d(2017, 1, 9)),
    ];
    sheet(
        "Bemanning",
        &["Roll", "Plats", "Person", "Från", "Till"],
        rows,
    )
}

/// Status notes name their promise's area before the commitment's id, since every promise
/// of the region has a K1.
fn notes_workbook() -> Result<Vec<u8>, XlsxError> {
    let note = |id: &str, date: NaiveDate, status: &str, comment: &str| {
        vec![t(id), V::D(date), t(status), t(comment)]
    };
    let rows = vec![
        note(
            "Karlslund/K1",
            d(2017, 4, 28),
            "Pågår",
            "Detaljplan för Karlslund ute på samråd.",
        ),
        note(
            "Karlslund/K2",
            d(2017, 8, 25),
            "Pågår",
            "Puls Arena: bygglov beviljat, bygget startar i oktober.",
        ),
        note(
            "Centrum/K1",
            d(2017, 6, 30),
            "Pågår",
            "Ny belysning upphandlad; montering i september.",
        ),
        note(
            "Öster/K2",
            d(2017, 4, 21),
            "Genomfört",
            "Trygghetsvandring med 24 boende den 20 april.",
        ),
    ];
    sheet(
        "Lägesrapporter",
        &["Löfte", "Datum", "Status", "Kommentar"],
        rows,
    )
}

/// The sample's input files: (file name, xlsx bytes).
pub fn inputs() -> Result<Vec<(String, Vec<u8>)>, XlsxError> {
    Ok(vec![
        ("brott_landskrona_2014-2017.xlsx".into(), crime_workbook()?),
        (
            "trygghetsmatning_landskrona_2015-2017.xlsx".into(),
            survey_workbook()?,
        ),
        ("befolkning_landskrona.xlsx".into(), population_workbook()?),
        (
            "logg_landskrona_2017.xlsx".into(),
            sheet("Logg", &LOG, log_rows())?,
        ),
        (
            "bemanning_landskrona_2017.xlsx".into(),
            staffing_workbook()?,
        ),
        (
            "lagesrapporter_landskrona_2017.xlsx".into(),
            notes_workbook()?,
        ),
    ])
}
