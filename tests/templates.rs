//! Templates round trip: the blank workbooks `lofte mallar` writes for a catalog, filled in
//! place the way Excel leaves them (cells added to the sheet's XML, the Table, the column
//! formats and the data validations untouched), are read by lofte with every row used; a
//! value outside a dropdown list is rejected with its place.

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use calamine::{open_workbook_from_rs, Reader, Xlsx};
use lofte::catalog::{self, Catalog};
use lofte::ingest::{self, Tables};
use lofte::templates::{self, Template};

/// A value typed into a cell.
enum V {
    Date(i32, u32, u32),
    Text(&'static str),
    Number(f64),
}

fn templates_for(catalog_path: &str) -> (Catalog, HashMap<&'static str, Vec<u8>>) {
    let catalog = catalog::load(Path::new(catalog_path)).unwrap();
    let files = templates::build(&catalog)
        .unwrap()
        .into_iter()
        .map(|Template { file, bytes }| (file, bytes))
        .collect();
    (catalog, files)
}

fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The data sheet's header names, as lofte's template wrote them.
fn headers(xlsx: &[u8]) -> Vec<String> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx.to_vec())).unwrap();
    let first = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&first).unwrap();
    range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

fn column_letter(i: usize) -> char {
    (b'A' + i as u8) as char
}

/// The style index a column's format has (`<col min max style>`), so a typed date carries
/// the date format as Excel gives it.
fn column_style(sheet_xml: &str, col: usize) -> Option<String> {
    let n = col + 1;
    sheet_xml.match_indices("<col ").find_map(|(i, _)| {
        let tag = &sheet_xml[i..i + sheet_xml[i..].find('>').unwrap()];
        let attr = |name: &str| {
            let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            Some(tag[at..at + tag[at..].find('"')?].to_string())
        };
        let (min, max): (usize, usize) = (attr("min")?.parse().ok()?, attr("max")?.parse().ok()?);
        (min <= n && n <= max).then(|| attr("style")).flatten()
    })
}

/// The template with rows typed under its header: each row names its columns by header.
fn fill(xlsx: &[u8], rows: &[Vec<(&str, V)>]) -> Vec<u8> {
    let names = headers(xlsx);
    let sheet = "xl/worksheets/sheet1.xml";
    let xml = part(xlsx, sheet);
    let mut typed = String::new();
    for (i, row) in rows.iter().enumerate() {
        let r = i + 2;
        typed.push_str(&format!("<row r=\"{r}\">"));
        let mut cells: Vec<(usize, &V)> = row
            .iter()
            .map(|(name, v)| {
                let c = names.iter().position(|h| h == name).unwrap_or_else(|| {
                    panic!("no column {name} in {names:?}");
                });
                (c, v)
            })
            .collect();
        cells.sort_by_key(|(c, _)| *c);
        for (c, v) in cells {
            let at = format!("{}{r}", column_letter(c));
            match v {
                V::Date(y, m, d) => {
                    let day = chrono::NaiveDate::from_ymd_opt(*y, *m, *d).unwrap();
                    let serial =
                        (day - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days();
                    let style =
                        column_style(&xml, c).map_or(String::new(), |s| format!(" s=\"{s}\""));
                    typed.push_str(&format!("<c r=\"{at}\"{style}><v>{serial}</v></c>"));
                }
                V::Text(t) => typed.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t>{t}</t></is></c>"
                )),
                V::Number(x) => typed.push_str(&format!("<c r=\"{at}\"><v>{x}</v></c>")),
            }
        }
        typed.push_str("</row>");
    }
    let xml = xml.replacen("</sheetData>", &format!("{typed}</sheetData>"), 1);
    replace_part(xlsx, sheet, &xml)
}

fn replace_part(xlsx: &[u8], name: &str, content: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let file_name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        out.start_file(file_name.as_str(), options).unwrap();
        if file_name == name {
            out.write_all(content.as_bytes()).unwrap();
        } else {
            out.write_all(&data).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

/// Reads a filled template and returns (used, rejected, the rejections' places).
fn read(catalog: &Catalog, file: &str, bytes: &[u8]) -> (usize, usize, Vec<String>) {
    let mut tables = Tables::default();
    let report = ingest::read_bytes(file, bytes, catalog, &mut tables);
    assert!(report.error.is_none(), "{:?}", report.error);
    let data = &report.sheets[0];
    assert!(
        data.kind.is_some(),
        "{file}: the data sheet is read as its kind"
    );
    assert!(
        report.sheets[1..].iter().all(|s| s.help),
        "help sheets are help"
    );
    let places = data
        .issues
        .iter()
        .map(|i| format!("{} — {}", i.location, i.reason))
        .collect();
    (data.used, data.rejected, places)
}

#[test]
fn templates_for_the_seed_filled_in_are_read_with_every_row_used() {
    let (catalog, files) = templates_for("input/lofte.toml");
    use V::*;
    let log = fill(
        &files["logg.xlsx"],
        &[
            vec![
                ("Datum", Date(2017, 3, 6)),
                ("Typ", Text("Besök")),
                ("Plats", Text("Tusenskönans förskola")),
            ],
            vec![
                ("Datum", Date(2017, 3, 7)),
                ("Typ", Text("Insats")),
                ("Fokus", Text("vapen, narkotika")),
            ],
            vec![
                ("Datum", Date(2017, 3, 8)),
                ("Typ", Text("Patrull")),
                ("Timmar", Number(2.5)),
            ],
            vec![
                ("Datum", Date(2017, 3, 9)),
                ("Typ", Text("Aktivitet")),
                ("Deltagare", Number(14.0)),
            ],
            // An alias from the dropdown is the same place.
            vec![
                ("Datum", Date(2017, 3, 10)),
                ("Typ", Text("Besök")),
                ("Plats", Text("UH Karlslund")),
            ],
        ],
    );
    assert_eq!(read(&catalog, "logg.xlsx", &log), (5, 0, vec![]));

    let staffing = fill(
        &files["bemanning.xlsx"],
        &[vec![
            ("Roll", Text("Kontaktpolis")),
            ("Plats", Text("Pilängskolan")),
            ("Person", Text("A")),
            ("Från", Date(2017, 1, 2)),
        ]],
    );
    assert_eq!(read(&catalog, "bemanning.xlsx", &staffing), (1, 0, vec![]));

    let notes = fill(
        &files["lagesrapporter.xlsx"],
        &[vec![
            ("Löfte", Text("K1")),
            ("Datum", Date(2017, 4, 30)),
            ("Status", Text("Pågår")),
            ("Kommentar", Text("Belysningen är beställd.")),
        ]],
    );
    assert_eq!(
        read(&catalog, "lagesrapporter.xlsx", &notes),
        (1, 0, vec![])
    );

    let survey = fill(
        &files["trygghetsmatning.xlsx"],
        &[vec![
            ("År", Number(2016.0)),
            ("Område", Text("Karlslund")),
            ("Indikator", Text("Stort förtroende för polisen")),
            ("Värde", Number(0.41)),
            ("n", Number(140.0)),
        ]],
    );
    assert_eq!(
        read(&catalog, "trygghetsmatning.xlsx", &survey),
        (1, 0, vec![])
    );

    let crime = fill(
        &files["brott.xlsx"],
        &[vec![
            ("Datum", Date(2016, 5, 4)),
            ("Brottskategori", Text("Narkotikabrott")),
            ("Område", Text("Karlslund")),
            ("Antal", Number(2.0)),
        ]],
    );
    assert_eq!(read(&catalog, "brott.xlsx", &crime), (1, 0, vec![]));

    let population = fill(
        &files["befolkning.xlsx"],
        &[vec![
            ("Område", Text("Karlslund")),
            ("År", Number(2017.0)),
            ("Invånare", Number(6731.0)),
        ]],
    );
    assert_eq!(
        read(&catalog, "befolkning.xlsx", &population),
        (1, 0, vec![])
    );
}

#[test]
fn a_value_outside_the_dropdown_is_rejected_with_its_place() {
    let (catalog, files) = templates_for("input/lofte.toml");
    use V::*;
    // Excel's Stop dialog can be bypassed by pasting: lofte still refuses the value.
    let log = fill(
        &files["logg.xlsx"],
        &[vec![
            ("Datum", Date(2017, 3, 6)),
            ("Typ", Text("Besök")),
            ("Plats", Text("Ungdomsgården")),
        ]],
    );
    let (used, rejected, places) = read(&catalog, "logg.xlsx", &log);
    assert_eq!((used, rejected), (0, 1));
    assert!(
        places[0].starts_with("logg.xlsx › Logg › rad 2 › kolumn C — okänd plats"),
        "{places:?}"
    );
}

#[test]
fn templates_for_a_real_promise_filled_in_are_read_with_every_row_used() {
    // Järfälla 2019–2020: Friday and Saturday evenings (a time column), roles in any of
    // three titles, a deadline.
    let (catalog, files) = templates_for("tests/promises/jarfalla-2019-2020/lofte.toml");
    assert!(headers(&files["logg.xlsx"]).contains(&"Klockslag".to_string()));
    use V::*;
    let log = fill(
        &files["logg.xlsx"],
        &[
            vec![
                ("Datum", Date(2019, 3, 8)),
                ("Typ", Text("Patrull")),
                ("Plats", Text("Centrum")),
                ("Klockslag", Text("19:30")),
                ("Timmar", Number(3.0)),
            ],
            vec![
                ("Datum", Date(2019, 3, 12)),
                ("Typ", Text("Samverkansmöte")),
            ],
        ],
    );
    assert_eq!(read(&catalog, "logg.xlsx", &log), (2, 0, vec![]));
    let staffing = fill(
        &files["bemanning.xlsx"],
        &[vec![
            ("Roll", Text("Fältarbetare")),
            ("Plats", Text("Jakobsberg")),
            ("Person", Text("F1")),
            ("Från", Date(2019, 1, 1)),
            ("Till", Date(2019, 6, 30)),
        ]],
    );
    assert_eq!(read(&catalog, "bemanning.xlsx", &staffing), (1, 0, vec![]));
}

#[test]
fn every_dropdown_and_check_is_in_the_sheet() {
    let (_, files) = templates_for("input/lofte.toml");
    let log = &files["logg.xlsx"];
    let sheet = part(log, "xl/worksheets/sheet1.xml");
    // One validation per column, each with its input message.
    let columns = headers(log).len();
    assert_eq!(
        sheet.matches("<dataValidation ").count(),
        columns,
        "{sheet}"
    );
    assert_eq!(sheet.matches("showInputMessage=\"1\"").count(), columns);
    // Typ and Plats are lists on the hidden Listor sheet; Datum a date range; Timmar 0–24.
    assert!(sheet.contains("type=\"list\""));
    assert!(sheet.contains("<formula1>Listor!$A$2:$A$"), "{sheet}");
    assert!(sheet.contains("type=\"date\""));
    assert!(sheet.contains("type=\"decimal\"") && sheet.contains("<formula2>24</formula2>"));
    // The lists hold the catalog's log types and every place name and alias.
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(log.clone())).unwrap();
    let lists = wb.worksheet_range("Listor").unwrap();
    let values: Vec<String> = lists.cells().map(|(_, _, c)| c.to_string()).collect();
    for expected in [
        "Besök",
        "Insats",
        "Patrull",
        "Aktivitet",
        "Pilängskolan",
        "UH Karlslund",
    ] {
        assert!(
            values.iter().any(|v| v == expected),
            "{expected} in {values:?}"
        );
    }
    // The data sheet is an Excel Table.
    assert!(part(log, "xl/tables/table1.xml").contains("<tableColumn"));
}

#[test]
fn a_new_promise_from_init_to_report() {
    // `lofte init`, a few rows typed into its log template, `lofte run` on the templates
    // folder: the first report of a promise nobody wrote code for.
    let dir = tempfile::tempdir().unwrap();
    let promise = dir.path().join("nytt-lofte");
    let init = lofte::InitConfig {
        dir: promise.clone(),
        overwrite: false,
    };
    lofte::run(lofte::Command::Init(init.clone())).unwrap();
    // A second init into the same folder refuses to overwrite.
    let again = lofte::run(lofte::Command::Init(init)).unwrap_err();
    assert!(format!("{again:#}").contains("--skriv-over"), "{again:#}");

    // The templates lie in the folder itself, filled in where they are.
    let log_path = promise.join("logg.xlsx");
    let guide = std::fs::read_to_string(promise.join("LÄSMIG.md")).unwrap();
    assert!(guide.contains("lofte run --input ."), "{guide}");
    use V::*;
    let log = fill(
        &std::fs::read(&log_path).unwrap(),
        &[
            vec![
                ("Datum", Date(2026, 2, 6)),
                ("Typ", Text("Fotpatrull")),
                ("Plats", Text("Torget")),
                ("Klockslag", Text("19:00")),
            ],
            vec![
                ("Datum", Date(2026, 3, 3)),
                ("Typ", Text("Besök")),
                ("Plats", Text("Exempelskolan")),
            ],
            vec![
                ("Datum", Date(2026, 3, 20)),
                ("Typ", Text("Insats")),
                ("Fokus", Text("narkotika")),
            ],
        ],
    );
    std::fs::write(&log_path, log).unwrap();
    let out = dir.path().join("rapporter");
    // `lofte run --input DIR`: the catalog is found in the folder.
    lofte::run(lofte::Command::Run(lofte::RunConfig {
        input: promise.clone(),
        out: out.clone(),
        catalog: lofte::config::default_catalog(&promise),
        period: Some("2026-T1".parse().unwrap()),
        lang: lofte::fmt::Lang::Sv,
        allow_incomplete: false,
        quiet: true,
        stated_through: vec![],
    }))
    .unwrap();
    let csv = std::fs::read_to_string(out.join("2026-T1").join("indicators.csv")).unwrap();
    // P1: one visit at Exempelskolan in the spring term so far, against 2.
    let p1 = csv
        .lines()
        .find(|l| l.starts_with("P1,besök per termin"))
        .expect("P1's visits");
    assert!(p1.contains(",,Exempelskolan,,Vårtermin 2026,1,2,"), "{p1}");
    assert!(out.join("2026-T1").join("lofte-2026-T1.pdf").exists());
}
