//! Writes a region-scale workload for the benchmark (`benches/region.sh`): at `--scale 1`,
//! 1 000 000 crime rows in yearly workbooks (2014–2017; xlsx caps a sheet at 1 048 576 rows),
//! 200 000 survey respondents, 100 000 log rows, 30 areas, plus staffing, status notes and
//! the Landskrona catalog. Deterministic: the same scale writes the same files.
//!
//! Run: `cargo run --release --example make_region -- --scale 0.1 --out /tmp/region`

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

#[path = "support/rng.rs"]
mod rng;
#[path = "support/workload.rs"]
mod workload;
use rng::Rng;
use workload::{catalog_for_area, CATEGORIES};

const AREAS: [&str; 30] = [
    "Karlslund",
    "Centrum",
    "Öster",
    "Väster",
    "Norr",
    "Borstahusen",
    "Häljarp",
    "Asmundtorp",
    "Glumslöv",
    "Ven",
    "Annelöv",
    "Saxtorp",
    "Tågarp",
    "Dösjebro",
    "Kvärlöv",
    "Säby",
    "Rydebäck",
    "Fortuna",
    "Ålabodarna",
    "Hilleshög",
    "Billeberga",
    "Sireköpinge",
    "Kågeröd",
    "Svalöv",
    "Teckomatorp",
    "Röstånga",
    "Marieholm",
    "Eslöv",
    "Löddeköpinge",
    "Barsebäck",
];

fn date(rng: &mut Rng, year: u16) -> ExcelDateTime {
    let month = 1 + rng.below(12) as u8;
    let day = 1 + rng.below(28) as u8;
    ExcelDateTime::from_ymd(year, month, day).expect("valid date")
}

fn new_workbook() -> Workbook {
    let mut wb = Workbook::new();
    let stamp = ExcelDateTime::from_ymd(2018, 1, 15).expect("valid date");
    wb.set_properties(&DocProperties::new().set_creation_datetime(&stamp));
    wb
}

fn header(ws: &mut Worksheet, names: &[&str]) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        ws.write_string(0, c as u16, *name)?;
    }
    Ok(())
}

fn crime(dir: &Path, rows: u64, rng: &mut Rng, fmt: &Format) -> Result<(), XlsxError> {
    for year in 2014..=2017u16 {
        let mut wb = new_workbook();
        let ws = wb.add_worksheet().set_name(format!("Brott {year}"))?;
        header(ws, &["Datum", "Brottskategori", "Område"])?;
        for r in 1..=rows / 4 {
            let r = r as u32;
            ws.write_datetime_with_format(r, 0, date(rng, year), fmt)?;
            ws.write_string(r, 1, rng.pick(&CATEGORIES))?;
            ws.write_string(r, 2, rng.pick(&AREAS))?;
        }
        wb.save(dir.join(format!("brott_region_{year}.xlsx")))?;
    }
    Ok(())
}

fn survey(dir: &Path, rows: u64, rng: &mut Rng) -> Result<(), XlsxError> {
    let safety = [
        "Mycket trygg",
        "Ganska trygg",
        "Ganska otrygg",
        "Mycket otrygg",
        "Vet ej",
    ];
    let trust = [
        "Mycket stort förtroende",
        "Ganska stort förtroende",
        "Varken stort eller litet",
        "Ganska litet förtroende",
        "Vet ej",
    ];
    let mut wb = new_workbook();
    let ws = wb.add_worksheet().set_name("Svar")?;
    header(
        ws,
        &[
            "År",
            "Område",
            "Vikt",
            "Trygghet ute sent en kväll",
            "Förtroende för polisen",
            "Skottlossning",
            "Narkotikahandel",
            "Nedskräpning",
            "Bråk och stök",
        ],
    )?;
    for r in 1..=rows as u32 {
        ws.write_number(r, 0, f64::from(2015 + (r % 3)))?;
        ws.write_string(r, 1, rng.pick(&AREAS))?;
        ws.write_number(r, 2, 0.5 + rng.below(10) as f64 / 10.0)?;
        ws.write_string(r, 3, rng.pick(&safety))?;
        ws.write_string(r, 4, rng.pick(&trust))?;
        for c in 5..9 {
            ws.write_number(r, c, rng.below(7) as f64)?;
        }
    }
    wb.save(dir.join("trygghetsmatning_region.xlsx"))
}

fn logs(dir: &Path, rows: u64, rng: &mut Rng, fmt: &Format) -> Result<(), XlsxError> {
    let kinds = ["Besök", "Kontroll", "Insats", "Patrull", "Aktivitet"];
    let places = [
        "Tusenskönans förskola",
        "Pilängsgårdens förskola",
        "Drömmens förskola",
        "Ungdomshuset Karlslund",
        "Pilängskolan",
        "Karlslund",
    ];
    let focus = [
        "narkotika",
        "vapen",
        "otillåten påverkan",
        "narkotika, vapen",
    ];
    let mut wb = new_workbook();
    let ws = wb.add_worksheet().set_name("Logg")?;
    header(
        ws,
        &[
            "Datum",
            "Typ",
            "Plats",
            "Fokus",
            "Timmar",
            "Deltagare",
            "Utförare",
            "Område",
        ],
    )?;
    for r in 1..=rows as u32 {
        let kind = rng.pick(&kinds);
        ws.write_datetime_with_format(r, 0, date(rng, 2017), fmt)?;
        ws.write_string(r, 1, kind)?;
        ws.write_string(r, 2, rng.pick(&places))?;
        if matches!(kind, "Kontroll" | "Insats") {
            ws.write_string(r, 3, rng.pick(&focus))?;
        }
        ws.write_number(r, 4, 1.0 + rng.below(4) as f64)?;
        if kind == "Aktivitet" {
            ws.write_number(r, 5, 5.0 + rng.below(30) as f64)?;
        }
        ws.write_string(r, 6, "Polisen")?;
        ws.write_string(r, 7, rng.pick(&AREAS))?;
    }
    wb.save(dir.join("logg_region_2017.xlsx"))
}

fn small_sheets(dir: &Path, fmt: &Format) -> Result<(), XlsxError> {
    let mut wb = new_workbook();
    let ws = wb.add_worksheet().set_name("Bemanning")?;
    header(ws, &["Roll", "Plats", "Person", "Från", "Till"])?;
    for (r, person) in ["A", "B"].iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, "Kontaktpolis")?;
        ws.write_string(r, 1, "Pilängskolan")?;
        ws.write_string(r, 2, *person)?;
        ws.write_datetime_with_format(r, 3, ExcelDateTime::from_ymd(2016, 8, 15)?, fmt)?;
    }
    let ws = wb.add_worksheet().set_name("Läge")?;
    header(ws, &["Löfte", "Datum", "Status", "Kommentar"])?;
    // The area before the id: every promise of a region run has a K1.
    for (r, id) in ["Karlslund/K1", "Karlslund/K2"].iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *id)?;
        ws.write_datetime_with_format(r, 1, ExcelDateTime::from_ymd(2017, 12, 1)?, fmt)?;
        ws.write_string(r, 2, "Pågår")?;
        ws.write_string(r, 3, "Arbetet fortsätter.")?;
    }
    wb.save(dir.join("bemanning_och_lage.xlsx"))
}

/// A region's catalogs for the first `promises` areas: the seed's catalog with the area's
/// name, one file each (`loften-30/01-karlslund.toml` …), for `lofte run --catalog`.
fn region_catalogs(dir: &Path, promises: usize) -> std::io::Result<()> {
    let seed = std::fs::read_to_string("input/lofte.toml")?;
    std::fs::create_dir_all(dir)?;
    for (i, area) in AREAS.iter().take(promises).enumerate() {
        let catalog = catalog_for_area(&seed, area);
        let key = format!("{:02}-{}", i + 1, area.to_lowercase());
        std::fs::write(dir.join(format!("{key}.toml")), catalog)?;
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let scale: f64 = value("--scale").map_or(Ok(1.0), |s| s.parse())?;
    let dir = value("--out").map_or_else(|| PathBuf::from("target/region"), PathBuf::from);
    std::fs::create_dir_all(&dir)?;
    let n = |base: f64| (base * scale).round().max(4.0) as u64;
    let fmt = Format::new().set_num_format("yyyy-mm-dd");
    let mut rng = Rng(30);
    crime(&dir, n(1_000_000.0), &mut rng, &fmt)?;
    survey(&dir, n(200_000.0), &mut rng)?;
    logs(&dir, n(100_000.0), &mut rng, &fmt)?;
    small_sheets(&dir, &fmt)?;
    std::fs::copy("input/lofte.toml", dir.join("lofte.toml"))?;
    for promises in [1, 10, 30] {
        region_catalogs(&dir.join(format!("loften-{promises}")), promises)?;
    }
    println!(
        "scale {scale}: wrote {} crime rows, {} respondents, {} log rows to {}",
        n(1e6),
        n(2e5),
        n(1e5),
        dir.display()
    );
    Ok(())
}
