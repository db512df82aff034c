//! A randomised harness on stable Rust: sheets made of known headers and hostile values
//! (impossible dates, two-digit years, markers, formulas, right-to-left text, huge numbers,
//! long text) go through ingest and the indicators. Every case must end without a panic,
//! and every sheet must account for every row. The seed is fixed, so a failure repeats;
//! `LOFTE_FUZZ_CASES=N` runs more cases (`benches/fuzz.sh` prints the figures).

mod common;

#[path = "../examples/support/rng.rs"]
mod rng;

use common::CATALOG;
use lofte::{catalog, indicators, ingest};
use rng::Rng;

const HEADERS: &[&str] = &[
    "Datum",
    "Månad",
    "År",
    "Typ",
    "Plats",
    "Fokus",
    "Timmar",
    "Minuter",
    "Deltagare",
    "Utförare",
    "Antal",
    "Klockslag",
    "Sluttid",
    "Åtgärdad",
    "Brottskategori",
    "Område",
    "Indikator",
    "Värde",
    "n",
    "KI undre",
    "KI övre",
    "Roll",
    "Person",
    "Från",
    "Till",
    "Löfte",
    "Status",
    "Kommentar",
    "Invånare",
    "Vikt",
    "Förtroende",
    "Lagrum",
    "2016",
    "mars 2017",
    "Totalt",
];

const VALUES: &[&str] = &[
    "",
    "2017-03-05",
    "31/02 2017",
    "5/3 17",
    "05.03.17",
    "2017033-03",
    "mars 300000",
    "2017-13-02",
    "..",
    "XX",
    "x",
    "-",
    "12,5",
    "1 234",
    "45 %",
    "-3",
    "1e308",
    "NaN",
    "=cmd|' /C calc'!A0",
    "+1",
    "@SUM(A1)",
    "Besök",
    "Patrull",
    "Kontroll",
    "Insats",
    "Ungdomshuset",
    "Pilängskolan",
    "okänd plats",
    "narkotika, vapen",
    "Narkotikabrott",
    "Karlslund",
    "Annat område",
    "Kontaktpolis",
    "K2",
    "P3",
    "Genomfört",
    "Klart?",
    "Pågår",
    "18:30",
    "25:99",
    "kl 18",
    "2017-03-05 14:30",
    "9999-12-31",
    "0001-01-01",
    "2017",
    "2200",
    "1899",
    "שלום עולם",
    "مرحبا",
    "Totalt",
    "Källa: BRÅ",
    "* preliminärt",
    "\u{202e}gnorw",
    "0",
    "1",
    "100",
    "99999999999999999999",
];

/// Headers of every input kind, so that most random sheets are read row by row.
const TEMPLATES: &[&str] = &[
    "Datum;Typ;Plats;Fokus;Timmar;Klockslag;Sluttid;Utförare;Antal;Åtgärdad",
    "Datum;Brottskategori;Område;Antal",
    "Månad;Brottskategori;Antal",
    "Lagrum;Brottskategori;2015;2016;2017",
    "År;Område;Indikator;Värde;n;KI undre;KI övre",
    "År;Vikt;Förtroende",
    "Roll;Plats;Person;Från;Till",
    "Löfte;Datum;Status;Kommentar",
    "Område;År;Invånare",
];

/// One random sheet as CSV text: a known kind's header (or 2–7 random known names), then
/// 0–40 rows of hostile values.
fn random_csv(rng: &mut Rng) -> String {
    let mut lines = vec![];
    if rng.below(4) == 0 {
        lines.push("Uppföljning 2017".to_string());
    }
    let header = if rng.below(3) > 0 {
        rng.pick(TEMPLATES).to_string()
    } else {
        (0..2 + rng.below(6))
            .map(|_| rng.pick(HEADERS).to_string())
            .collect::<Vec<_>>()
            .join(";")
    };
    let columns: Vec<String> = header.split(';').map(str::to_string).collect();
    let width = columns.len();
    lines.push(header);
    for _ in 0..rng.below(41) {
        let cells: Vec<String> = (0..width)
            .map(|j| match rng.below(20) {
                0 => "Lång text ".repeat(1 + rng.below(400) as usize),
                1..=6 => rng.pick(VALUES).to_string(),
                _ => rng.pick(plausible(&columns[j])).to_string(),
            })
            .collect();
        lines.push(cells.join(";"));
    }
    lines.join("\n")
}

/// Values that fit a column, so that many rows are used and reach the indicators.
fn plausible(column: &str) -> &'static [&'static str] {
    match column {
        "Datum" | "Från" | "Till" => &[
            "2017-03-05",
            "2017-05-10",
            "2016-09-01",
            "2017-08-31",
            "2015-06-01",
        ],
        "Månad" => &["2017-03", "mars 2016", "2015-07"],
        "År" => &["2015", "2016", "2017"],
        "Typ" => &["Besök", "Kontroll", "Insats", "Patrull", "Aktivitet"],
        "Plats" => &["Ungdomshuset", "Pilängskolan", "UNGDOMSHUSET"],
        "Fokus" => &["narkotika", "vapen, narkotika", ""],
        "Brottskategori" => &["Narkotikabrott", "Narkotikabrott, innehav", "Misshandel"],
        "Område" => &["Karlslund", "Karlslund", "Annat"],
        "Indikator" => &["fortroende", "Stort förtroende för polisen"],
        "Värde" => &["45 %", "0,41", "52"],
        "Förtroende" => &["Stort", "Litet", "Vet ej"],
        "Status" => &["Genomfört", "Pågår", "Försenat"],
        "Löfte" => &["K2", "P3", "P1"],
        "Roll" => &["Kontaktpolis"],
        "Person" => &["A", "B", "C"],
        "Klockslag" | "Sluttid" => &["18:30", "22:00", "01:15"],
        "Åtgärdad" => &["2017-03-06 10:00", "2017-03-05"],
        _ => &["1", "2", "12,5", "100", "0"],
    }
}

#[test]
fn random_hostile_sheets_never_panic_and_always_reconcile() {
    let cases: u64 = std::env::var("LOFTE_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(120);
    let catalog = catalog::load_from(CATALOG).unwrap();
    let mut rng = Rng(0x10f7e);
    let (mut rows, mut used) = (0, 0);
    for case in 0..cases {
        let mut tables = ingest::Tables::default();
        let mut reports = vec![];
        for file in 0..1 + rng.below(3) {
            let csv = random_csv(&mut rng);
            let name = format!("fall{case}-{file}.csv");
            let report = ingest::read_bytes(&name, csv.as_bytes(), &catalog, &mut tables);
            for sheet in &report.sheets {
                assert!(
                    sheet.reconciles(),
                    "case {case}: {name} does not reconcile\n{csv}"
                );
                rows += sheet.read;
                used += sheet.used;
            }
            reports.push(report);
        }
        for period in ["2017-T1", "2017-T2", "2017"] {
            indicators::compute(&catalog, &tables, period.parse().unwrap())
                .unwrap_or_else(|e| panic!("case {case}, {period}: {e:#}"));
        }
    }
    println!("fuzz: {cases} cases, {rows} rows read, {used} used, no panic");
}
