//! Writes the sample input for Karlslund, Landskrona 2017 into `input/` (or the folder given
//! as the first argument). Deterministic: the same program writes byte-identical files.
//!
//! The numbers are invented but shaped like the real sources (see docs/sample-input.md),
//! and a few real-world flaws are planted on purpose so the data-quality section has
//! something to show: title rows above headers, a blank first column, place names spelt
//! differently, an impossible date, an unknown place, rows for another area, a note row.
//!
//! Run: `cargo run --example make_sample`

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// One cell to write.
enum V {
    T(String),
    N(f64),
    D(u16, u8, u8),
    E,
}

fn t(s: &str) -> V {
    V::T(s.to_string())
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if y % 4 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A random date from the first day of `first_month` to `last_day` of `last_month`.
fn random_date(rng: &mut Rng, year: i32, first_month: u32, last_month: u32) -> (u16, u8, u8) {
    let m = first_month + rng.below(u64::from(last_month - first_month + 1)) as u32;
    let d = 1 + rng.below(u64::from(days_in_month(year, m))) as u32;
    (year as u16, m as u8, d as u8)
}

fn workbook() -> Workbook {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2017, 9, 4).expect("valid date");
    wb.set_properties(
        &DocProperties::new()
            .set_author("Landskrona stad")
            .set_creation_datetime(&created),
    );
    wb
}

/// Writes rows starting at (row, col); returns the next free row.
fn write_rows(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    rows: &[Vec<V>],
) -> Result<u32, XlsxError> {
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let bold = Format::new().set_bold();
    for (i, r) in rows.iter().enumerate() {
        for (j, v) in r.iter().enumerate() {
            let (rr, cc) = (row + i as u32, col + j as u16);
            match v {
                V::T(s) if i == 0 => ws.write_string_with_format(rr, cc, s, &bold).map(|_| ())?,
                V::T(s) => ws.write_string(rr, cc, s).map(|_| ())?,
                V::N(n) => ws.write_number(rr, cc, *n).map(|_| ())?,
                V::D(y, m, d) => ws
                    .write_datetime_with_format(rr, cc, ExcelDateTime::from_ymd(*y, *m, *d)?, &date)
                    .map(|_| ())?,
                V::E => {}
            }
        }
    }
    Ok(row + rows.len() as u32)
}

fn crime(dir: &Path, rng: &mut Rng) -> Result<(), XlsxError> {
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("Anmälda brott")?;
    ws.write_string(
        0,
        0,
        "Anmälda brott i Karlslund, uttag ur polisens ärendesystem 2017-09-04",
    )?;
    let mut rows = vec![vec![t("Anmäld datum"), t("Brottskategori"), t("Område")]];
    // Yearly counts per category; 2017 covers January–August only.
    let plan: &[(&str, [u32; 4])] = &[
        ("Narkotikabrott, innehav", [20, 22, 25, 30]),
        ("Narkotikabrott, eget bruk", [12, 13, 14, 17]),
        ("Narkotikabrott, överlåtelse", [4, 5, 5, 8]),
        ("Vapenlagen", [4, 6, 5, 7]),
        ("Knivlagen", [3, 3, 3, 5]),
        ("Misshandel inkl. grov", [58, 61, 55, 36]),
        ("Skadegörelse", [84, 79, 88, 51]),
    ];
    let mut all = Vec::new();
    for (category, counts) in plan {
        for (i, n) in counts.iter().enumerate() {
            let year = 2014 + i as i32;
            let last_month = if year == 2017 { 8 } else { 12 };
            for _ in 0..*n {
                let area = if rng.below(40) == 0 {
                    "Centrum"
                } else {
                    "Karlslund"
                };
                all.push((
                    random_date(rng, year, 1, last_month),
                    category.to_string(),
                    area,
                ));
            }
        }
    }
    all.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    for ((y, m, d), category, area) in all {
        rows.push(vec![V::D(y, m, d), V::T(category), t(area)]);
    }
    // A real-world flaw: a date typed by hand that does not exist.
    rows.push(vec![
        t("2017-13-02"),
        t("Narkotikabrott, innehav"),
        t("Karlslund"),
    ]);
    let next = write_rows(ws, 2, 0, &rows)?;
    ws.write_string(
        next + 1,
        0,
        "Källa: Polisen, RAR. Uppgifterna för 2017 är preliminära.",
    )?;
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 30)?;
    wb.save(dir.join("brott_karlslund_2014-2017.xlsx"))
}

/// Answer texts in the order of the survey form.
const SAFETY: [&str; 5] = [
    "Mycket trygg",
    "Ganska trygg",
    "Ganska otrygg",
    "Mycket otrygg",
    "Går inte ut på grund av otrygghet",
];
const TRUST: [&str; 5] = [
    "Mycket stort förtroende",
    "Ganska stort förtroende",
    "Varken stort eller litet",
    "Ganska litet förtroende",
    "Mycket litet förtroende",
];

fn pick<'a>(rng: &mut Rng, options: &[&'a str], first_share: f64) -> &'a str {
    // first two options together get `first_share`, the rest share what is left.
    let u = rng.unit();
    if u < first_share * 0.35 {
        options[0]
    } else if u < first_share {
        options[1]
    } else {
        options[2 + rng.below((options.len() - 2) as u64) as usize]
    }
}

fn survey(dir: &Path, rng: &mut Rng) -> Result<(), XlsxError> {
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("Svar Karlslund")?;
    let questions = [
        "Skottlossning",
        "Narkotikahandel",
        "Nedskräpning",
        "Bråk och stök",
    ];
    let mut header = vec![
        t("År"),
        t("Område"),
        t("Vikt"),
        t("Trygghet ute sent en kväll"),
        t("Förtroende för polisen"),
    ];
    header.extend(questions.iter().map(|q| t(q)));
    let mut rows = vec![header];
    // (year, respondents, share safe, share trusting, mean problem level)
    for (year, n, safe, trust, problem) in [
        (2015, 171, 0.64, 0.38, 2.6),
        (2016, 158, 0.62, 0.40, 2.7),
        (2017, 176, 0.72, 0.51, 2.2),
    ] {
        for _ in 0..n {
            let weight = 0.6 + (rng.below(11) as f64) / 10.0;
            let mut row = vec![V::N(f64::from(year)), t("Karlslund"), V::N(weight)];
            row.push(if rng.below(25) == 0 {
                t("Vet ej")
            } else {
                t(pick(rng, &SAFETY, safe))
            });
            row.push(if rng.below(12) == 0 {
                t("Vet ej")
            } else {
                t(pick(rng, &TRUST, trust))
            });
            for _ in questions {
                if rng.below(15) == 0 {
                    row.push(t("Vet ej"));
                } else {
                    let level = (problem + (rng.unit() - 0.5) * 4.0).round().clamp(0.0, 6.0);
                    row.push(V::N(level));
                }
            }
            rows.push(row);
        }
    }
    write_rows(ws, 0, 0, &rows)?;

    let ws = wb.add_worksheet().set_name("Jämförelse")?;
    ws.write_string(0, 0, "Polisens trygghetsmätning, publicerade resultat")?;
    let mut rows = vec![vec![
        t("År"),
        t("Område"),
        t("Indikator"),
        t("Värde"),
        t("n"),
        t("KI undre"),
        t("KI övre"),
        t("Svarsfrekvens"),
    ]];
    for (year, idx, rr) in [
        (2015, "2,05", "61 %"),
        (2016, "1,98", "58 %"),
        (2017, "1,93", "57 %"),
    ] {
        rows.push(vec![
            V::N(f64::from(year)),
            t("Landskrona"),
            t("problemindex"),
            t(idx),
            V::N(1480.0),
            V::E,
            V::E,
            t(rr),
        ]);
    }
    for (year, share, lo, hi) in [
        (2015, "44,1 %", "41,6 %", "46,6 %"),
        (2016, "45,0 %", "42,4 %", "47,6 %"),
        (2017, "47,3 %", "44,8 %", "49,8 %"),
    ] {
        rows.push(vec![
            V::N(f64::from(year)),
            t("Landskrona"),
            t("förtroende polis"),
            t(share),
            V::N(1480.0),
            t(lo),
            t(hi),
            V::E,
        ]);
    }
    rows.push(vec![
        V::N(2017.0),
        t("Polisregion Syd"),
        t("problemindex"),
        t("1,96"),
        t(".."),
        V::E,
        V::E,
        V::E,
    ]);
    write_rows(ws, 2, 0, &rows)?;
    wb.save(dir.join("trygghetsmatning_karlslund_2015-2017.xlsx"))
}

fn log(dir: &Path, rng: &mut Rng) -> Result<(), XlsxError> {
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("Logg 2017")?;
    ws.write_string(0, 1, "Aktivitetslogg LPO Landskrona – Karlslund 2017")?;
    ws.write_string(1, 1, "Fylls i av områdespoliserna och fritidsförvaltningen")?;
    let header = vec![
        t("Datum"),
        t("Typ"),
        t("Plats"),
        t("Fokus"),
        t("Timmar"),
        t("Deltagare"),
        t("Utförare"),
        t("Kommentar"),
    ];
    let mut entries: Vec<((u16, u8, u8), Vec<V>)> = Vec::new();
    let mut add = |date: (u16, u8, u8),
                   kind: &str,
                   place: &str,
                   focus: &str,
                   hours: Option<f64>,
                   participants: Option<f64>,
                   by: &str,
                   note: &str| {
        let mut row = vec![V::D(date.0, date.1, date.2), t(kind), t(place), t(focus)];
        row.push(hours.map_or(V::E, V::N));
        row.push(participants.map_or(V::E, V::N));
        row.push(t(by));
        row.push(t(note));
        entries.push((date, row));
    };
    // Visits: every preschool in the spring term (one spelt differently), one so far in autumn.
    add(
        (2017, 2, 14),
        "Besök",
        "Förskolan Tusenskönan",
        "",
        None,
        None,
        "Polisen",
        "Trafiksäkerhet med barnen",
    );
    add(
        (2017, 3, 21),
        "Besök",
        "Pilängsgårdens förskola",
        "",
        None,
        None,
        "Polisen",
        "",
    );
    add(
        (2017, 5, 9),
        "Besök",
        "Drömmens förskola",
        "",
        None,
        None,
        "Polisen",
        "Visade polisbilen",
    );
    add(
        (2017, 8, 24),
        "Besök",
        "Drömmens  förskola",
        "",
        None,
        None,
        "Polisen",
        "",
    );
    add(
        (2017, 2, 2),
        "Besök",
        "Ungdomshuset Karlslund",
        "",
        None,
        None,
        "Polisen",
        "",
    );
    add(
        (2017, 4, 20),
        "Besök",
        "Ungdomshuset",
        "",
        None,
        None,
        "Polisen",
        "Samtal med fritidsledarna",
    );
    add(
        (2017, 8, 29),
        "Besök",
        "Ungdomshuset Karlslund",
        "",
        None,
        None,
        "Polisen",
        "",
    );
    add(
        (2017, 3, 8),
        "Besök",
        "Pilängskolan",
        "",
        None,
        None,
        "Polisen",
        "Kontaktpoliserna på rasten",
    );
    add(
        (2017, 6, 1),
        "Besök",
        "Ungdomsgården Karlslund",
        "",
        None,
        None,
        "Polisen",
        "Fel namn: finns inte i katalogen",
    );
    add(
        (2017, 4, 12),
        "Möte",
        "Stadshuset",
        "",
        None,
        None,
        "Polisen",
        "Samverkansmöte",
    );
    // Intelligence-led checks and operations; July (holidays) falls short of two.
    let focus = [
        "narkotika",
        "vapen",
        "narkotika, vapen",
        "otillåten påverkan",
        "narkotika",
    ];
    for (month, n) in [
        (1, 3),
        (2, 2),
        (3, 4),
        (4, 3),
        (5, 3),
        (6, 2),
        (7, 1),
        (8, 3),
    ] {
        for _ in 0..n {
            let day = 1 + rng.below(28) as u8;
            let kind = if rng.below(3) == 0 {
                "Insats"
            } else {
                "Kontroll"
            };
            add(
                (2017, month, day),
                kind,
                "Karlslund",
                focus[rng.below(focus.len() as u64) as usize],
                Some(2.0 + rng.below(4) as f64),
                None,
                "Polisen",
                "",
            );
        }
    }
    // Visible presence: patrols of 2–4 hours.
    for (month, n) in [
        (1, 10),
        (2, 9),
        (3, 11),
        (4, 10),
        (5, 9),
        (6, 8),
        (7, 6),
        (8, 8),
    ] {
        for _ in 0..n {
            let day = 1 + rng.below(u64::from(days_in_month(2017, month))) as u8;
            add(
                (2017, month as u8, day),
                "Patrull",
                "Karlslund",
                "",
                Some(2.0 + rng.below(3) as f64),
                None,
                "Polisen",
                "",
            );
        }
    }
    add(
        (2017, 8, 31),
        "Patrull",
        "Karlslund",
        "",
        Some(3.0),
        None,
        "Polisen",
        "",
    );
    // The city's leisure activities with external partners.
    let partners = [
        "Landskrona stad",
        "Landskrona BoIS",
        "Puls Arena",
        "Studiefrämjandet",
    ];
    for (month, n) in [
        (1, 2),
        (2, 3),
        (3, 3),
        (4, 2),
        (5, 2),
        (6, 3),
        (7, 1),
        (8, 1),
    ] {
        for _ in 0..n {
            let day = 1 + rng.below(28) as u8;
            add(
                (2017, month, day),
                "Aktivitet",
                "Karlslund",
                "",
                None,
                Some(8.0 + rng.below(30) as f64),
                partners[rng.below(4) as usize],
                "",
            );
        }
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut rows = vec![header];
    rows.extend(entries.into_iter().map(|(_, r)| r));
    // A real-world flaw: a date that does not exist, typed as text.
    rows.push(vec![
        t("31/02 2017"),
        t("Patrull"),
        t("Karlslund"),
        V::E,
        V::N(3.0),
        V::E,
        t("Polisen"),
        V::E,
    ]);
    write_rows(ws, 3, 1, &rows)?;

    let ws = wb.add_worksheet().set_name("Patruller 2016")?;
    let mut rows = vec![vec![t("Datum"), t("Typ"), t("Plats"), t("Timmar")]];
    let mut p2016 = Vec::new();
    for (month, n) in [
        (1, 11),
        (2, 10),
        (3, 11),
        (4, 10),
        (5, 10),
        (6, 9),
        (7, 8),
        (8, 9),
        (9, 10),
        (10, 10),
        (11, 9),
        (12, 8),
    ] {
        for _ in 0..n {
            let day = 1 + rng.below(u64::from(days_in_month(2016, month))) as u8;
            p2016.push(((2016u16, month as u8, day), 2.0 + rng.below(3) as f64));
        }
    }
    p2016.sort_by(|a, b| a.0.cmp(&b.0));
    rows.extend(
        p2016
            .into_iter()
            .map(|((y, m, d), h)| vec![V::D(y, m, d), t("Patrull"), t("Karlslund"), V::N(h)]),
    );
    write_rows(ws, 0, 0, &rows)?;
    wb.save(dir.join("aktivitetslogg_karlslund_2017.xlsx"))
}

fn staffing(dir: &Path) -> Result<(), XlsxError> {
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("Kontaktpoliser")?;
    let rows = vec![
        vec![t("Roll"), t("Plats"), t("Person"), t("Från"), t("Till")],
        vec![
            t("Kontaktpolis"),
            t("Pilängskolan"),
            t("Anna Lindqvist"),
            V::D(2016, 8, 15),
            V::E,
        ],
        vec![
            t("Kontaktpolis"),
            t("Pilängsskolan"),
            t("Jonas Berg"),
            V::D(2016, 8, 15),
            V::D(2017, 3, 31),
        ],
        vec![
            t("Kontaktpolis"),
            t("Pilängskolan"),
            t("Sara Cederholm"),
            V::D(2017, 4, 18),
            V::E,
        ],
        vec![
            t("Områdespolis"),
            t("Pilängskolan"),
            t("Mikael Holm"),
            V::D(2017, 1, 1),
            V::E,
        ],
    ];
    write_rows(ws, 0, 0, &rows)?;
    wb.save(dir.join("bemanning_2017.xlsx"))
}

fn notes(dir: &Path) -> Result<(), XlsxError> {
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("Lägesrapporter")?;
    let rows = vec![
        vec![t("Löfte"), t("Datum"), t("Status"), t("Kommentar")],
        vec![t("K1"), V::D(2017, 3, 15), t("Pågår"), t("Detaljplan för Karlslunds centrum på samråd; dialog med bostadsbolaget om upprustade utemiljöer.")],
        vec![t("K1"), V::D(2017, 8, 20), t("Pågår"), t("Ny belysning längs gång- och cykelvägarna påbörjad; trygghetsvandring genomförd i juni.")],
        vec![t("K2"), V::D(2017, 4, 10), t("Pågår"), t("Bygglov för utbyggnaden av Puls Arena beviljat.")],
        vec![t("K2"), V::D(2017, 8, 28), t("Försenat"), t("Boule och bangolf öppnade i juni. Inomhusskateparken är försenad till våren 2018 efter en överklagad upphandling.")],
        vec![t("K3"), V::D(2017, 6, 30), t("Pågår"), t("Sommarlovsaktiviteter tillsammans med Landskrona BoIS och Studiefrämjandet.")],
    ];
    write_rows(ws, 0, 0, &rows)?;
    wb.save(dir.join("lagesrapporter_2017.xlsx"))
}

fn population(dir: &Path) -> Result<(), XlsxError> {
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("Befolkning")?;
    let mut rows = vec![vec![t("Område"), t("År"), t("Invånare")]];
    for (year, n) in [
        (2014, 6412.0),
        (2015, 6498.0),
        (2016, 6587.0),
        (2017, 6731.0),
    ] {
        rows.push(vec![t("Karlslund"), V::N(f64::from(year)), V::N(n)]);
    }
    write_rows(ws, 0, 0, &rows)?;
    wb.save(dir.join("befolkning_karlslund.xlsx"))
}

fn main() -> Result<(), XlsxError> {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("input"), PathBuf::from);
    std::fs::create_dir_all(&dir)?;
    let mut rng = Rng(2017);
    crime(&dir, &mut rng)?;
    survey(&dir, &mut rng)?;
    log(&dir, &mut rng)?;
    staffing(&dir)?;
    notes(&dir)?;
    population(&dir)?;
    println!("wrote the sample input to {}", dir.display());
    Ok(())
}
