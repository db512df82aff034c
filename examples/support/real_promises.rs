//! Input workbooks for the ten real promises of `../shared/docs/real-promises.md`, whose
//! catalogs live in `tests/promises/<name>/lofte.toml`. Shared by the example program
//! `make_real_promises` (which writes them beside the catalogs) and the tests in
//! `tests/real_promises.rs` (which write them to a temporary folder). The numbers are
//! invented and chosen so that every status can be worked out by hand; the comments say how.
#![allow(dead_code)]

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// The promises, as folder names under `tests/promises/`.
pub const NAMES: [&str; 10] = [
    "ostra-goteborg-2018",
    "jarfalla-2019-2020",
    "askersund-2018-2019",
    "strangnas-2019",
    "lulea-2018",
    "heby-2024",
    "linkoping-2018-2019",
    "stenungsund-orust-tjorn-2023-2024",
    "norrkoping-2020-2022",
    "angelholm-2020",
];

/// One cell.
#[derive(Clone)]
pub enum V {
    T(String),
    N(f64),
    D(NaiveDate),
    /// A date with a time of day (hours, minutes).
    Dt(NaiveDate, u32, u32),
    E,
}

pub fn t(s: &str) -> V {
    V::T(s.to_string())
}

fn clock(h: u32, m: u32) -> V {
    V::T(format!("{h:02}:{m:02}"))
}

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

/// Every date from `from` to `to` that falls on `weekday`.
pub fn weekdays(from: NaiveDate, to: NaiveDate, weekday: Weekday) -> Vec<NaiveDate> {
    from.iter_days()
        .take_while(|x| *x <= to)
        .filter(|x| x.weekday() == weekday)
        .collect()
}

/// A workbook of one sheet: a header row and data rows.
pub fn sheet(name: &str, header: &[&str], rows: Vec<Vec<V>>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2021, 1, 15)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let ws = wb.add_worksheet().set_name(name)?;
    for (j, h) in header.iter().enumerate() {
        ws.write_string(0, j as u16, *h)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (j, v) in row.iter().enumerate() {
            let c = j as u16;
            let excel = |x: NaiveDate| {
                ExcelDateTime::from_ymd(x.year() as u16, x.month() as u8, x.day() as u8)
            };
            match v {
                V::T(s) => ws.write_string(r, c, s).map(|_| ())?,
                V::N(n) => ws.write_number(r, c, *n).map(|_| ())?,
                V::D(x) => ws
                    .write_datetime_with_format(r, c, excel(*x)?, &date)
                    .map(|_| ())?,
                V::Dt(x, h, m) => {
                    let at = excel(*x)?.and_hms(*h as u16, *m as u8, 0)?;
                    ws.write_datetime_with_format(r, c, at, &stamp)
                        .map(|_| ())?
                }
                V::E => {}
            }
        }
    }
    wb.save_to_buffer()
}

/// The log's columns; rows give them in this order.
const LOG: [&str; 9] = [
    "Datum",
    "Klockslag",
    "Sluttid",
    "Typ",
    "Plats",
    "Fokus",
    "Timmar",
    "Utförare",
    "Antal",
];

/// A log row: date, start, end, type, place, focus, hours, performer, count.
#[allow(clippy::too_many_arguments)]
fn log(
    date: NaiveDate,
    start: Option<(u32, u32)>,
    end: Option<(u32, u32)>,
    kind: &str,
    place: &str,
    focus: &str,
    hours: Option<f64>,
    performer: &str,
) -> Vec<V> {
    let text = |s: &str| if s.is_empty() { V::E } else { t(s) };
    vec![
        V::D(date),
        start.map_or(V::E, |(h, m)| clock(h, m)),
        end.map_or(V::E, |(h, m)| clock(h, m)),
        t(kind),
        text(place),
        text(focus),
        hours.map_or(V::E, V::N),
        text(performer),
        V::E,
    ]
}

fn event(date: NaiveDate, kind: &str) -> Vec<V> {
    log(date, None, None, kind, "", "", None, "")
}

fn notes(rows: &[(&str, NaiveDate, &str, &str)]) -> Result<Vec<u8>, XlsxError> {
    let rows = rows
        .iter()
        .map(|(id, date, status, comment)| vec![t(id), V::D(*date), t(status), t(comment)])
        .collect();
    sheet(
        "Lägesrapporter",
        &["Löfte", "Datum", "Status", "Kommentar"],
        rows,
    )
}

/// The input files of one promise: (file name, xlsx bytes).
pub fn inputs(name: &str) -> Result<Vec<(String, Vec<u8>)>, XlsxError> {
    let files = match name {
        "ostra-goteborg-2018" => ostra_goteborg()?,
        "jarfalla-2019-2020" => jarfalla()?,
        "askersund-2018-2019" => askersund()?,
        "strangnas-2019" => strangnas()?,
        "lulea-2018" => lulea()?,
        "heby-2024" => heby()?,
        "linkoping-2018-2019" => linkoping()?,
        "stenungsund-orust-tjorn-2023-2024" => stenungsund()?,
        "norrkoping-2020-2022" => norrkoping()?,
        "angelholm-2020" => angelholm()?,
        _ => vec![],
    };
    Ok(files.into_iter().map(|(n, b)| (n.to_string(), b)).collect())
}

/// Östra Göteborg 2018. By hand:
/// - P1: foot patrols at centrum (every Tuesday 19–21, 52) and Rymdtorget (every Thursday
///   22–01 except 27 December, 51) and one at Rymdtorget 02–03 on 16 June: 104 in 2018, of
///   which 34 through April (17 Tuesdays, 17 Thursdays). Not counted: 12 afternoon patrols,
///   6 evening patrols at the tram stop (another place), 2 rows without a time.
/// - P2: narcotics operations 7 in T1, 9 in T2, 8 in T3 (and 5 on weapons, not counted).
/// - F1: cleaning every weekday of 2018 except Wednesday 7 March (with two rows on Thursday
///   8 March): week 2018-V10 has 4 days, every other week 5.
/// - F2: graffiti on the 40 Mondays from 1 January to 1 October, reported 09:00, removed
///   15:00 the same day except on 5 February, 4 June and 3 September (15:00 the next day,
///   30 h): 37 of 40 within 24 h = 92,5 %.
/// - U1: Bergsjön 42 % (n 400) in 2017, 33 % (n 410) in 2018. U2, the whole city: 24 %
///   (n 5 100) and 22 % (n 5 200). A row for Angered is another area.
fn ostra_goteborg() -> Result<Vec<(&'static str, Vec<u8>)>, XlsxError> {
    let (start, end) = (d(2018, 1, 1), d(2018, 12, 31));
    let mut rows = vec![];
    for day in weekdays(start, end, Weekday::Tue) {
        rows.push(log(
            day,
            Some((19, 0)),
            Some((21, 0)),
            "Fotpatrull",
            "Bergsjöns centrum",
            "",
            None,
            "Polisen",
        ));
    }
    for day in weekdays(start, d(2018, 12, 20), Weekday::Thu) {
        rows.push(log(
            day,
            Some((22, 0)),
            Some((1, 0)),
            "Fotpatrull",
            "Rymdtorget",
            "",
            None,
            "Polisen",
        ));
    }
    rows.push(log(
        d(2018, 6, 16),
        Some((2, 0)),
        Some((3, 0)),
        "Fotpatrull",
        "Rymdtorget",
        "",
        None,
        "Polisen",
    ));
    for m in 1..=12 {
        let monday = weekdays(d(2018, m, 1), d(2018, m, 7), Weekday::Mon)[0];
        rows.push(log(
            monday,
            Some((14, 0)),
            Some((16, 0)),
            "Fotpatrull",
            "Centrum",
            "",
            None,
            "Polisen",
        ));
    }
    for m in 1..=6 {
        rows.push(log(
            d(2018, m, 10),
            Some((20, 0)),
            Some((22, 0)),
            "Fotpatrull",
            "Hållplatsen",
            "",
            None,
            "Polisen",
        ));
    }
    rows.push(log(
        d(2018, 3, 3),
        None,
        None,
        "Fotpatrull",
        "Centrum",
        "",
        None,
        "Polisen",
    ));
    rows.push(log(
        d(2018, 9, 3),
        None,
        None,
        "Fotpatrull",
        "Centrum",
        "",
        None,
        "Polisen",
    ));
    let operations = [(1, 7), (5, 9), (9, 8)];
    for (first_month, n) in operations {
        for i in 0..n {
            let day = d(2018, first_month + i / 3, 5 + (i % 3) * 7);
            rows.push(log(
                day,
                Some((21, 0)),
                Some((23, 0)),
                "Insats",
                "Centrum",
                "narkotika",
                None,
                "Polisen",
            ));
        }
    }
    for m in [2, 4, 6, 8, 10] {
        rows.push(log(
            d(2018, m, 12),
            None,
            None,
            "Insats",
            "Centrum",
            "vapen",
            None,
            "Polisen",
        ));
    }
    for day in start.iter_days().take_while(|x| *x <= end) {
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || day == d(2018, 3, 7) {
            continue;
        }
        rows.push(log(
            day,
            Some((7, 0)),
            Some((9, 0)),
            "Städning",
            "Centrum",
            "",
            None,
            "Fastighetsägaren",
        ));
        if day == d(2018, 3, 8) {
            rows.push(log(
                day,
                Some((13, 0)),
                Some((14, 0)),
                "Städning",
                "Centrum",
                "",
                None,
                "Fastighetsägaren",
            ));
        }
    }
    let late = [d(2018, 2, 5), d(2018, 6, 4), d(2018, 9, 3)];
    for day in weekdays(start, d(2018, 10, 1), Weekday::Mon) {
        let mut row = log(
            day,
            Some((9, 0)),
            None,
            "Klotter",
            "Centrum",
            "",
            None,
            "Fastighetsägaren",
        );
        let removed = if late.contains(&day) {
            day + Days::new(1)
        } else {
            day
        };
        row.push(V::Dt(removed, 15, 0));
        rows.push(row);
    }
    let mut header = LOG.to_vec();
    header.push("Åtgärdad");
    let log_book = sheet("Logg 2018", &header, rows)?;
    let survey = sheet(
        "Trygghet",
        &["År", "Område", "Indikator", "Värde", "n"],
        vec![
            vec![
                V::N(2017.0),
                t("Bergsjön"),
                t("Otrygg på offentliga platser"),
                V::N(42.0),
                V::N(400.0),
            ],
            vec![
                V::N(2018.0),
                t("Bergsjön"),
                t("Otrygg på offentliga platser"),
                V::N(33.0),
                V::N(410.0),
            ],
            vec![
                V::N(2017.0),
                t("Göteborg"),
                t("Otrygg på offentliga platser"),
                V::N(24.0),
                V::N(5100.0),
            ],
            vec![
                V::N(2018.0),
                t("Göteborg"),
                t("Otrygg på offentliga platser"),
                V::N(22.0),
                V::N(5200.0),
            ],
            vec![
                V::N(2018.0),
                t("Angered"),
                t("Otrygg på offentliga platser"),
                V::N(38.0),
                V::N(450.0),
            ],
        ],
    )?;
    let notes = notes(&[
        (
            "S1",
            d(2018, 5, 2),
            "Pågår",
            "Dialog med föreningar och fastighetsägare om åtgärder i centrum.",
        ),
        ("P2", d(2018, 6, 29), "Pågår", "Insatser enligt plan."),
    ])?;
    Ok(vec![
        ("logg_bergsjon_2018.xlsx", log_book),
        ("trygghetsundersokning_bergsjon.xlsx", survey),
        ("lagesrapporter_2018.xlsx", notes),
    ])
}

/// Järfälla 2019–2020. By hand:
/// - G1: one safety inspection on 2019-05-14 and one on 2020-10-06 (and one on 2017-11-14,
///   before the promise, so the log reaches back before 2018).
/// - P1: patrols at centrum 10–12 (2 h from the times) every Tuesday 2018-01-01 – 2019-08-31
///   and every Wednesday of 2019-T1: 2018-T1 17 Tuesdays = 34 h; 2019-T1 18 Tuesdays and 17
///   Wednesdays = 70 h; 2018-T2 18 Tuesdays = 36 h; 2019-T2 17 Tuesdays = 34 h.
/// - P2: evening patrols 19–23 at the station on every Friday of 2019-T1 (17) and on the
///   Saturdays of January and February (8): 25 of the 34 Fridays and Saturdays = 73,5 %. Not
///   counted: a Saturday patrol at 13:00, one without a time (named in the note).
/// - G2: briefing meetings on the four Fridays of January 2019, on 2019-08-31 (so the log
///   covers 2019-T2 to its last day) and on 2020-12-31 (so the log covers 2020 too).
/// - K1: a safety host 2019-01-01 – 2019-06-30, a guard at another place in March, a field
///   worker from 2019-07-03: every day of 2019-T1 covered (120 of 120); 2019-T2 misses 1–2
///   July (121 of 123).
/// - K2: one status note, Pågår on 2019-09-01.
fn jarfalla() -> Result<Vec<(&'static str, Vec<u8>)>, XlsxError> {
    // An inspection before the promise: the log reaches back before 2018.
    let mut rows = vec![log(
        d(2017, 11, 14),
        Some((9, 0)),
        Some((12, 0)),
        "Trygghetsinventering",
        "Stationen",
        "",
        None,
        "Gemensam",
    )];
    rows.push(log(
        d(2019, 5, 14),
        Some((9, 0)),
        Some((12, 0)),
        "Trygghetsinventering",
        "Stationen",
        "",
        None,
        "Gemensam",
    ));
    rows.push(log(
        d(2020, 10, 6),
        Some((9, 0)),
        Some((12, 0)),
        "Trygghetsinventering",
        "Stationen",
        "",
        None,
        "Gemensam",
    ));
    for day in weekdays(d(2018, 1, 1), d(2019, 8, 31), Weekday::Tue) {
        rows.push(log(
            day,
            Some((10, 0)),
            Some((12, 0)),
            "Patrull",
            "Jakobsbergs centrum",
            "",
            None,
            "Polisen",
        ));
    }
    for day in weekdays(d(2019, 1, 1), d(2019, 4, 30), Weekday::Wed) {
        rows.push(log(
            day,
            Some((10, 0)),
            Some((12, 0)),
            "Patrull",
            "Centrum",
            "",
            None,
            "Polisen",
        ));
    }
    for day in weekdays(d(2019, 1, 1), d(2019, 4, 30), Weekday::Fri) {
        rows.push(log(
            day,
            Some((19, 0)),
            Some((23, 0)),
            "Patrull",
            "Stationen",
            "",
            None,
            "Polisen",
        ));
    }
    for day in weekdays(d(2019, 1, 1), d(2019, 2, 28), Weekday::Sat) {
        rows.push(log(
            day,
            Some((19, 0)),
            Some((23, 0)),
            "Patrull",
            "Stationen",
            "",
            None,
            "Polisen",
        ));
    }
    rows.push(log(
        d(2019, 3, 9),
        Some((13, 0)),
        Some((15, 0)),
        "Patrull",
        "Stationen",
        "",
        None,
        "Polisen",
    ));
    rows.push(log(
        d(2019, 3, 16),
        None,
        None,
        "Patrull",
        "Stationen",
        "",
        Some(3.0),
        "Polisen",
    ));
    for day in weekdays(d(2019, 1, 1), d(2019, 1, 31), Weekday::Fri) {
        rows.push(log(
            day,
            Some((15, 0)),
            Some((16, 0)),
            "Samverkansmöte",
            "Stationen",
            "",
            None,
            "Gemensam",
        ));
    }
    rows.push(log(
        d(2019, 8, 31),
        Some((15, 0)),
        Some((16, 0)),
        "Samverkansmöte",
        "Stationen",
        "",
        None,
        "Gemensam",
    ));
    rows.push(log(
        d(2020, 12, 31),
        Some((15, 0)),
        Some((16, 0)),
        "Samverkansmöte",
        "Stationen",
        "",
        None,
        "Gemensam",
    ));
    let log_book = sheet("Logg", &LOG, rows)?;
    let staff = |role: &str, place: &str, who: &str, from: NaiveDate, to: Option<NaiveDate>| {
        vec![t(role), t(place), t(who), V::D(from), to.map_or(V::E, V::D)]
    };
    let staffing = sheet(
        "Personal",
        &["Roll", "Plats", "Person", "Från", "Till"],
        vec![
            staff(
                "Trygghetsvärd",
                "Jakobsbergs centrum",
                "TV-1",
                d(2019, 1, 1),
                Some(d(2019, 6, 30)),
            ),
            staff(
                "Ordningsvakt",
                "Kvarnplan",
                "OV-1",
                d(2019, 3, 1),
                Some(d(2019, 3, 31)),
            ),
            staff("Fältarbetare", "Stationen", "FA-1", d(2019, 7, 3), None),
            staff("Parkvakt", "Stationen", "PV-1", d(2019, 1, 1), None),
        ],
    )?;
    let notes = notes(&[("K2", d(2019, 9, 1), "Pågår", "Lokal söks i stationshuset.")])?;
    Ok(vec![
        ("logg_jakobsberg.xlsx", log_book),
        ("personal_jakobsberg.xlsx", staffing),
        ("lagesrapporter.xlsx", notes),
    ])
}

/// Askersund 2018–2019. By hand:
/// - P1: patrols with focus "störande trafik", 3 h each: T1 1–10 February 2017 (30 h) against
///   1–12 February 2018 (36 h, met); T2 1–5 June 2017 (15 h) against 1–4 June 2018 (12 h,
///   not met); T3 none in either year (0 against 0: nothing done is not met). Not counted:
///   one such row without hours in 2018, six patrols without that focus in 2018 (the last on
///   31 December, so the log covers the year).
/// - G1: joint safety walks on 2018-03-14 and 2018-05-16 (spring term: 2 of 2); on
///   2018-09-19 jointly and 2018-10-17 by the police alone, and one on 2018-11-07 without a
///   performer (autumn term: 1 of 2).
/// - G2: 20 neighbourhood-watch areas started 2016-03-01 (one row, Antal 20) and one each on
///   four days of 2017: 24 at the start of 2018. In 2018 three started and one ended (26);
///   in 2019 three more started: 29 on the data date 2019-12-20.
/// - U1: burglaries in Askersund 12 (2016), 10 (2017), 6 (2018), 5 (2019); rows for
///   Hallsberg and for bicycle thefts are skipped.
fn askersund() -> Result<Vec<(&'static str, Vec<u8>)>, XlsxError> {
    // The police's afternoon patrols: 15:00, no end time, no place.
    let patrol = |date, focus, hours| {
        log(
            date,
            Some((15, 0)),
            None,
            "Patrull",
            "",
            focus,
            hours,
            "Polisen",
        )
    };
    let mut rows = vec![];
    for day in 1..=10 {
        rows.push(patrol(d(2017, 2, day), "störande trafik", Some(3.0)));
    }
    for day in 1..=12 {
        rows.push(patrol(
            d(2018, 2, day),
            "Störande trafik, narkotika",
            Some(3.0),
        ));
    }
    rows.push(patrol(d(2018, 2, 20), "störande trafik", None));
    for day in 1..=5 {
        rows.push(patrol(d(2017, 6, day), "störande trafik", Some(3.0)));
    }
    for day in 1..=4 {
        rows.push(patrol(d(2018, 6, day), "störande trafik", Some(3.0)));
    }
    for day in 21..=25 {
        rows.push(patrol(d(2018, 2, day), "", Some(2.0)));
    }
    rows.push(patrol(d(2018, 12, 31), "", Some(2.0)));
    for (date, by) in [
        (d(2018, 3, 14), "Gemensam"),
        (d(2018, 5, 16), "Gemensam"),
        (d(2018, 9, 19), "Gemensam"),
        (d(2018, 10, 17), "Polisen"),
        (d(2018, 11, 7), ""),
    ] {
        rows.push(log(
            date,
            Some((18, 0)),
            Some((20, 0)),
            "Trygghetsvandring",
            "",
            "",
            None,
            by,
        ));
    }
    let mut started = log(
        d(2016, 3, 1),
        None,
        None,
        "Ny grannsamverkan",
        "",
        "",
        None,
        "Polisen",
    );
    started[8] = V::N(20.0);
    rows.push(started);
    for (y, m) in [
        (2017, 4),
        (2017, 5),
        (2017, 6),
        (2017, 9),
        (2018, 3),
        (2018, 6),
        (2018, 10),
        (2019, 4),
        (2019, 5),
        (2019, 9),
    ] {
        rows.push(event(d(y, m, 1), "Ny grannsamverkan"));
    }
    rows.push(event(d(2018, 11, 1), "Avslutad grannsamverkan"));
    rows.push(event(d(2019, 12, 20), "Trygghetsvandring"));
    let log_book = sheet("Logg", &LOG, rows)?;
    let mut crimes = vec![];
    for (year, n) in [(2016, 12), (2017, 10), (2018, 6), (2019, 5)] {
        for i in 0..n {
            let day = d(year, 1 + (i % 12) as u32, 3 + i as u32);
            crimes.push(vec![V::D(day), t("Bostadsinbrott, villa"), t("Askersund")]);
        }
        crimes.push(vec![
            V::D(d(year, 6, 1)),
            t("Bostadsinbrott, villa"),
            t("Hallsberg"),
        ]);
        crimes.push(vec![V::D(d(year, 7, 1)), t("Cykelstöld"), t("Askersund")]);
    }
    let crime_book = sheet(
        "Anmälda brott",
        &["Datum", "Brottskategori", "Område"],
        crimes,
    )?;
    let notes = notes(&[(
        "K1",
        d(2018, 11, 15),
        "Genomfört",
        "Kartläggningen klar: 14 platser behöver bättre belysning.",
    )])?;
    Ok(vec![
        ("logg_askersund.xlsx", log_book),
        ("brott_askersund.xlsx", crime_book),
        ("lagesrapporter.xlsx", notes),
    ])
}

/// Strängnäs 2019. By hand:
/// - G1: 20 new neighbourhood-watch areas (the 1st and 15th of January–October) against 8.
/// - G2: 1 new boat-watch area against 2.
/// - P1: traffic checks as a register total per month (20, 22, 25, 30, 28, 31, 19, 24, 27,
///   26, 25, 26): 303 in the year.
/// - P2: 6 moped operations.
/// - G3: safety walks at Strängnäs station (2) and Åkers styckebruk station (2): 4 in total
///   against 4; one more in the town park is not at the stations.
/// - K1: the road-safety council, done on 2019-10-15.
fn strangnas() -> Result<Vec<(&'static str, Vec<u8>)>, XlsxError> {
    let mut rows = vec![];
    for m in 1..=10 {
        rows.push(event(d(2019, m, 1), "Ny grannsamverkan"));
        rows.push(event(d(2019, m, 15), "Ny grannsamverkan"));
    }
    rows.push(event(d(2019, 6, 1), "Ny båtsamverkan"));
    let checks = [
        20.0, 22.0, 25.0, 30.0, 28.0, 31.0, 19.0, 24.0, 27.0, 26.0, 25.0, 26.0,
    ];
    for (i, n) in checks.iter().enumerate() {
        let month = i as u32 + 1;
        let last = if month == 12 {
            d(2019, 12, 31)
        } else {
            d(2019, month + 1, 1) - Days::new(1)
        };
        let mut row = event(last, "Trafikkontroll");
        row[8] = V::N(*n);
        rows.push(row);
    }
    for m in 5..=9 {
        rows.push(event(d(2019, m, 20), "Mopedinsats"));
    }
    rows.push(event(d(2019, 7, 27), "Mopedinsats"));
    for (date, place) in [
        (d(2019, 4, 10), "Strängnäs station"),
        (d(2019, 5, 8), "Åkers station"),
        (d(2019, 9, 18), "Strängnäs station"),
        (d(2019, 10, 2), "Åkers styckebruk station"),
        (d(2019, 10, 9), "Stadsparken"),
    ] {
        rows.push(log(
            date,
            Some((18, 0)),
            Some((20, 0)),
            "Trygghetsvandring",
            place,
            "",
            None,
            "Gemensam",
        ));
    }
    let log_book = sheet("Logg 2019", &LOG, rows)?;
    let notes = notes(&[
        (
            "K1",
            d(2019, 3, 1),
            "Pågår",
            "Kallelse till första mötet skickad.",
        ),
        (
            "K1",
            d(2019, 10, 15),
            "Genomfört",
            "Trafiksäkerhetsrådet inrättat; första möte 15 oktober.",
        ),
    ])?;
    Ok(vec![
        ("logg_strangnas_2019.xlsx", log_book),
        ("lagesrapporter_2019.xlsx", notes),
    ])
}

/// A log row with an Åtgärdad (when the case was acted on), for response shares.
fn case(date: NaiveDate, kind: &str, done: Option<NaiveDate>) -> Vec<V> {
    let mut row = log(date, Some((10, 0)), None, kind, "", "", None, "");
    row.push(done.map_or(V::E, |d| V::Dt(d, 12, 0)));
    row
}

/// The log's columns with Åtgärdad after them.
const LOG_WITH_DONE: [&str; 10] = [
    "Datum",
    "Klockslag",
    "Sluttid",
    "Typ",
    "Plats",
    "Fokus",
    "Timmar",
    "Utförare",
    "Antal",
    "Åtgärdad",
];

/// Luleå 2018. By hand:
/// - P1: a traffic check every day of 2018 except 14 July and 24 December: 363 of 365 days
///   (99,5 %), short of every day → Delvis uppfyllt.
/// - P2: village patrols 3 in T1, 5 in T2, 2 in T3; no number → Redovisas – inget mål.
/// - P3: dialogues 4, restaurant inspections 6; no numbers → Redovisas – inget mål.
/// - K1: walks on 15 May (young adults only) and 20 September (young adults and equality):
///   1 with both → Uppfyllt.
/// - K2: courses on 12 March and 8 October (2 of 2) and 7 coordinated inspections (of 8) →
///   one part met, one short → Delvis uppfyllt.
/// - G1: status note Genomfört 20 May → Uppfyllt.
/// - U1: status note Pågår (10 December) → Pågår; U2 has no note → Saknar data.
/// - K3: tunnel checks in March, June, September and December (4 of 4), and 5 defects found
///   of which 4 repaired (80 % of 100 %) → Delvis uppfyllt.
fn lulea() -> Result<Vec<(&'static str, Vec<u8>)>, XlsxError> {
    let mut rows = vec![];
    for day in d(2018, 1, 1)
        .iter_days()
        .take_while(|x| *x <= d(2018, 12, 31))
    {
        if day != d(2018, 7, 14) && day != d(2018, 12, 24) {
            rows.push(event(day, "Trafikkontroll"));
        }
    }
    for (m, n) in [(2, 3), (6, 5), (10, 2)] {
        for i in 0..n {
            rows.push(event(d(2018, m, 3 + i * 5), "Bypatrull"));
        }
    }
    for m in [2, 5, 8, 11] {
        rows.push(event(d(2018, m, 12), "Dialog ensamkommande"));
    }
    for m in [1, 3, 5, 7, 9, 11] {
        rows.push(event(d(2018, m, 25), "Krogkontroll"));
    }
    for (date, focus) in [
        (d(2018, 5, 15), "unga vuxna"),
        (d(2018, 9, 20), "unga vuxna, jämställdhet"),
    ] {
        rows.push(log(
            date,
            None,
            None,
            "Trygghetsvandring",
            "",
            focus,
            None,
            "Kommunen",
        ));
    }
    rows.push(event(
        d(2018, 3, 12),
        "Utbildning ansvarsfull alkoholservering",
    ));
    rows.push(event(
        d(2018, 10, 8),
        "Utbildning ansvarsfull alkoholservering",
    ));
    for m in 2..=8 {
        rows.push(event(d(2018, m, 18), "Samordnad tillsyn"));
    }
    for m in [3, 6, 9, 12] {
        rows.push(event(d(2018, m, 5), "Tunnelkontroll"));
    }
    let mut rows: Vec<Vec<V>> = rows
        .into_iter()
        .map(|mut r| {
            r.push(V::E);
            r
        })
        .collect();
    for (found, repaired) in [
        (d(2018, 3, 5), Some(d(2018, 3, 9))),
        (d(2018, 6, 5), Some(d(2018, 6, 20))),
        (d(2018, 6, 5), None),
        (d(2018, 9, 5), Some(d(2018, 9, 6))),
        (d(2018, 12, 5), Some(d(2018, 12, 14))),
    ] {
        rows.push(case(found, "Fel i tunnel", repaired));
    }
    let log_book = sheet("Logg 2018", &LOG_WITH_DONE, rows)?;
    let notes = notes(&[
        (
            "G1",
            d(2018, 5, 20),
            "Genomfört",
            "Kampanjen genomförd i alla gymnasieskolor.",
        ),
        (
            "U1",
            d(2018, 12, 10),
            "Pågår",
            "Medborgardialogerna tyder på ökad trygghet; ingen mätning gjord 2018.",
        ),
    ])?;
    Ok(vec![
        ("logg_lulea_2018.xlsx", log_book),
        ("lagesrapporter_2018.xlsx", notes),
    ])
}

/// Heby 2024. By hand:
/// - G1: dialogues on 20 February (before the spring), 17 April (in it) and 12 June (after):
///   1 in 1 March – 31 May → Uppfyllt; a T1 report (to 30 April) already has it, Uppfyllt.
/// - G2: the first safety walk on 5 December, after the autumn (1 September – 30 November):
///   0 → Ej uppfyllt in the year report; a T2 report (May–August) says the autumn has not
///   begun (Ej påbörjat, never Saknar data).
/// - The log is kept to 31 December (a meeting that day).
fn heby() -> Result<Vec<(&'static str, Vec<u8>)>, XlsxError> {
    let rows = vec![
        event(d(2024, 2, 20), "Medborgardialog"),
        event(d(2024, 4, 17), "Medborgardialog"),
        event(d(2024, 6, 12), "Medborgardialog"),
        event(d(2024, 8, 30), "Möte"),
        event(d(2024, 12, 5), "Trygghetsvandring"),
        event(d(2024, 12, 31), "Möte"),
    ];
    let log_book = sheet("Logg 2024", &LOG, rows)?;
    Ok(vec![("logg_heby_2024.xlsx", log_book)])
}

/// The log's columns with Område after them.
const LOG_WITH_AREA: [&str; 10] = [
    "Datum",
    "Klockslag",
    "Sluttid",
    "Typ",
    "Plats",
    "Fokus",
    "Timmar",
    "Utförare",
    "Antal",
    "Område",
];

/// A log row in a part of the area: date, type, focus, hours, area.
fn in_area(date: NaiveDate, kind: &str, focus: &str, hours: Option<f64>, area: &str) -> Vec<V> {
    let mut row = log(date, None, None, kind, "", focus, hours, "");
    row.push(t(area));
    row
}

/// Linköping 2018–2019. By hand:
/// - P1 (Skäggetorp): narcotics operations on the 10th of every month of 2018 but August
///   (one that month was in City): 11 of 12 months → Delvis uppfyllt; every month of 2019.
/// - P2 (Skäggetorp): traffic checks on the 15th of every month → Uppfyllt.
/// - P3 (City): patrol hours 100 in 2017 (25 × 4 h), 120 in 2018 (30 × 4 h), 96 in 2019
///   (24 × 4 h); Skäggetorp's 40 h in 2018 do not count. Against 2017: 2018 met, 2019 not
///   (no increase).
/// - P4 (City): checks with cyclists in focus 2 in 2018-T1, 3 in T2, 1 in T3 (one without
///   the focus in September does not count); no number → Redovisas – inget mål.
/// - K2 (Skäggetorp): parenting support 5 times in 2018, 3 in 2019 → Redovisas – inget mål.
/// - K1: status note Pågår (2018-10-01); G1: Genomfört (2018-06-15).
fn linkoping() -> Result<Vec<(&'static str, Vec<u8>)>, XlsxError> {
    let mut rows = vec![];
    let mondays = |y| weekdays(d(y, 1, 2), d(y, 12, 31), Weekday::Mon);
    for (year, n) in [(2017, 25), (2018, 30), (2019, 24)] {
        for day in mondays(year).into_iter().take(n) {
            rows.push(in_area(day, "Patrull", "", Some(4.0), "City"));
        }
    }
    for day in mondays(2018).into_iter().skip(1).step_by(5).take(10) {
        rows.push(in_area(day, "Patrull", "", Some(4.0), "Skäggetorp"));
    }
    for year in [2018, 2019] {
        for m in 1..=12 {
            if !(year == 2018 && m == 8) {
                rows.push(in_area(
                    d(year, m, 10),
                    "Insats",
                    "narkotika",
                    None,
                    "Skäggetorp",
                ));
            }
            rows.push(in_area(
                d(year, m, 15),
                "Trafikkontroll",
                "",
                None,
                "Skäggetorp",
            ));
        }
    }
    rows.push(in_area(d(2018, 8, 10), "Insats", "narkotika", None, "City"));
    for (m, day) in [(3, 5), (4, 5), (5, 5), (6, 5), (8, 5), (10, 5)] {
        rows.push(in_area(
            d(2018, m, day),
            "Trafikkontroll",
            "cyklister",
            None,
            "Innerstaden",
        ));
    }
    rows.push(in_area(d(2018, 9, 9), "Trafikkontroll", "", None, "City"));
    rows.push(in_area(
        d(2019, 2, 5),
        "Trafikkontroll",
        "cyklister",
        None,
        "City",
    ));
    for m in 2..=6 {
        rows.push(in_area(
            d(2018, m, 20),
            "Föräldrastöd",
            "",
            None,
            "Skäggetorp",
        ));
    }
    for m in 3..=5 {
        rows.push(in_area(
            d(2019, m, 20),
            "Föräldrastöd",
            "",
            None,
            "Skäggetorp",
        ));
    }
    rows.push(in_area(d(2019, 12, 31), "Möte", "", None, "City"));
    let log_book = sheet("Logg", &LOG_WITH_AREA, rows)?;
    let notes = notes(&[
        (
            "K1",
            d(2018, 10, 1),
            "Pågår",
            "Fritidsgården har utökat öppettiderna; ledarutbildning planeras.",
        ),
        (
            "G1",
            d(2018, 6, 15),
            "Genomfört",
            "Gemensam plan för nöjeslivet antagen.",
        ),
    ])?;
    Ok(vec![
        ("logg_linkoping_2017-2019.xlsx", log_book),
        ("lagesrapporter_linkoping.xlsx", notes),
    ])
}

/// Stenungsund, Orust and Tjörn 2023–2024. By hand, 2023 per municipality (Stenungsund,
/// Orust, Tjörn; the whole):
/// - P1, traffic operations with young drivers: 3, 2, 0; 5. In 2024: 2, 1, 1; 4.
/// - K1, operations against reckless driving with A- or EPA-tractors in focus: 2, 1, 0; 3
///   (a Tjörn operation on mopeds does not count).
/// - K2, parenting support: 4, 0, 2; 6.
///
/// No number was promised: every commitment is Redovisas – inget mål, and Tjörn's 0 and
/// Orust's 0 are shown.
fn stenungsund() -> Result<Vec<(&'static str, Vec<u8>)>, XlsxError> {
    let mut rows = vec![];
    let mut add = |year, kind: &str, focus: &str, counts: [u32; 3]| {
        for (area, n) in ["Stenungsund", "Orust", "Tjörn"].iter().zip(counts) {
            for i in 0..n {
                rows.push(in_area(d(year, 2 + i * 3, 12), kind, focus, None, area));
            }
        }
    };
    add(2023, "Trafikinsats", "", [3, 2, 0]);
    add(2024, "Trafikinsats", "", [2, 1, 1]);
    add(2023, "Trafiksäkerhetsinsats", "A-traktor", [2, 0, 0]);
    add(2023, "Trafiksäkerhetsinsats", "EPA-traktor", [0, 1, 0]);
    add(2023, "Trafiksäkerhetsinsats", "mopeder", [0, 0, 1]);
    add(2023, "Föräldrastöd", "", [4, 0, 2]);
    rows.push(in_area(d(2024, 12, 31), "Möte", "", None, "Stenungsund"));
    let log_book = sheet("Logg", &LOG_WITH_AREA, rows)?;
    Ok(vec![("logg_sodra_bohuslan_2023-2024.xlsx", log_book)])
}

/// Norrköping 2020–2022. By hand, patrol hours (5 h a row) in City and Hageby: 2019 50 and
/// 30 (the baseline), 2020 60 and 30, 2021 70 and 40, 2022 55 and 35. Against 2019: 2020
/// City met, Hageby unchanged (30 = 30: not an increase, not met); 2021 and 2022 both met.
/// The whole period: 5 of 6 met → Delvis uppfyllt; the year 2021 → Uppfyllt.
/// - G1: outreach 4, 6 and 5 times a year; no number → Redovisas – inget mål.
/// - G2: status notes Pågår (2020-11-15), then Genomfört (2022-11-20).
fn norrkoping() -> Result<Vec<(&'static str, Vec<u8>)>, XlsxError> {
    let mut rows = vec![];
    for (year, city, hageby) in [(2019, 10, 6), (2020, 12, 6), (2021, 14, 8), (2022, 11, 7)] {
        let mondays = weekdays(d(year, 1, 2), d(year, 12, 31), Weekday::Mon);
        for day in mondays.iter().take(city) {
            rows.push(in_area(*day, "Patrull", "", Some(5.0), "City"));
        }
        for day in mondays.iter().skip(20).take(hageby) {
            rows.push(in_area(*day, "Patrull", "", Some(5.0), "Hageby"));
        }
    }
    for (year, n) in [(2020, 4), (2021, 6), (2022, 5)] {
        for i in 0..n {
            rows.push(in_area(
                d(year, 2 + i * 2, 3),
                "Uppsökande",
                "",
                None,
                "City",
            ));
        }
    }
    rows.push(in_area(d(2022, 12, 31), "Möte", "", None, "City"));
    let log_book = sheet("Logg", &LOG_WITH_AREA, rows)?;
    let notes = notes(&[
        (
            "G2",
            d(2020, 11, 15),
            "Pågår",
            "Gemensamma kontroller i nöjeslivet har börjat.",
        ),
        (
            "G2",
            d(2022, 11, 20),
            "Genomfört",
            "Arbetssättet är en del av den ordinarie verksamheten.",
        ),
    ])?;
    Ok(vec![
        ("logg_norrkoping_2019-2022.xlsx", log_book),
        ("lagesrapporter_norrkoping.xlsx", notes),
    ])
}

/// Ängelholm 2020. By hand:
/// - P1: patrol hours (3 h a row) 4, 6 and 5 rows per tertial: 12, 18 and 15 h; P2: traffic
///   checks 2, 4 and 3; no numbers → Redovisas – inget mål.
/// - P3: 140 at the start (start_antal), 12 new and 3 ended in 2020 → 149 (+9) at the end of
///   the promise → Uppfyllt.
/// - G1: one joint activity on crimes against the elderly (1 October; one by the police alone
///   on 1 March does not count) → Uppfyllt.
/// - G2: joint inspections 1, 2 and 2 per tertial (one by the municipality alone is not
///   joint) → Redovisas – inget mål.
/// - U1: status note Genomfört (30 November) → Uppfyllt.
fn angelholm() -> Result<Vec<(&'static str, Vec<u8>)>, XlsxError> {
    let mut rows = vec![];
    for (m0, patrols, checks, inspections) in [(1, 4, 2, 1), (5, 6, 4, 2), (9, 5, 3, 2)] {
        for i in 0..patrols {
            rows.push(log(
                d(2020, m0, 2 + i * 4),
                Some((18, 0)),
                Some((21, 0)),
                "Patrull",
                "",
                "",
                None,
                "Polisen",
            ));
        }
        for i in 0..checks {
            rows.push(event(d(2020, m0 + 1, 5 + i * 5), "Trafikkontroll"));
        }
        for i in 0..inspections {
            rows.push(log(
                d(2020, m0 + 2, 8 + i * 5),
                None,
                None,
                "Tillsyn",
                "",
                "",
                None,
                "Gemensam",
            ));
        }
    }
    rows.push(log(
        d(2020, 6, 20),
        None,
        None,
        "Tillsyn",
        "",
        "",
        None,
        "Kommunen",
    ));
    for m in 1..=12 {
        rows.push(event(d(2020, m, 10), "Ny grannsamverkan"));
    }
    for m in [4, 7, 11] {
        rows.push(event(d(2020, m, 25), "Avslutad grannsamverkan"));
    }
    rows.push(log(
        d(2020, 3, 1),
        None,
        None,
        "Aktivitet",
        "",
        "äldre",
        None,
        "Polisen",
    ));
    rows.push(log(
        d(2020, 10, 1),
        None,
        None,
        "Aktivitet",
        "",
        "äldre",
        None,
        "Gemensam",
    ));
    rows.push(event(d(2020, 12, 31), "Möte"));
    let log_book = sheet("Logg 2020", &LOG, rows)?;
    let notes = notes(&[(
        "U1",
        d(2020, 11, 30),
        "Genomfört",
        "Trygghetsmätningen 2020 visar att fler upplever kommunen som trygg.",
    )])?;
    Ok(vec![
        ("logg_angelholm_2020.xlsx", log_book),
        ("lagesrapporter_angelholm_2020.xlsx", notes),
    ])
}
