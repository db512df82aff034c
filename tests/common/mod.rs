//! Test helpers: workbooks written in code with rust_xlsxwriter, and a small catalog.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;

use calamine::{Reader, Xlsx};
use lofte::{fmt::Lang, Command, RunConfig};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A cell to write in a test workbook.
pub enum V {
    T(&'static str),
    S(String),
    N(f64),
    D(u16, u8, u8),
    E,
}

/// Writes one sheet per (name, first row, first column, rows) and returns the xlsx bytes.
pub fn workbook(sheets: &[(&str, u32, u16, Vec<Vec<V>>)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, row0, col0, rows) in sheets {
        let ws = wb.add_worksheet().set_name(*name).unwrap();
        for (i, r) in rows.iter().enumerate() {
            for (j, v) in r.iter().enumerate() {
                let (rr, cc) = (row0 + i as u32, col0 + j as u16);
                match v {
                    V::T(s) => {
                        ws.write_string(rr, cc, *s).unwrap();
                    }
                    V::S(s) => {
                        ws.write_string(rr, cc, s).unwrap();
                    }
                    V::N(n) => {
                        ws.write_number(rr, cc, *n).unwrap();
                    }
                    V::D(y, m, d) => {
                        ws.write_datetime_with_format(
                            rr,
                            cc,
                            ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                            &date,
                        )
                        .unwrap();
                    }
                    V::E => {}
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

/// A catalog with one promise of each measured kind, a survey share and a crime group.
pub const CATALOG: &str = r#"
titel = "Testlöfte"
omrade = "Karlslund"
ar = 2017
parter = ["Polisen", "Kommunen"]

[[termin]]
namn = "VT 2017"
fran = 2017-01-10
till = 2017-06-14

[[termin]]
namn = "HT 2017"
fran = 2017-08-17
till = 2017-12-21

[[plats]]
id = "ungdomshuset"
namn = "Ungdomshuset Karlslund"
alias = ["Ungdomshuset"]

[[plats]]
id = "skolan"
namn = "Pilängskolan"

[[lofte]]
id = "P1"
part = "Polisen"
text = "Två kontaktpoliser ska vara kopplade till Pilängskolan."
matt = { typ = "bemanning", roll = "Kontaktpolis", plats = "skolan", antal = 2 }

[[lofte]]
id = "P3"
part = "Polisen"
text = "Polisen ska vid två tillfällen per termin besöka Ungdomshuset Karlslund."
matt = { typ = "besok_per_termin", platser = ["ungdomshuset"], antal = 2 }

[[lofte]]
id = "K2"
part = "Kommunen"
text = "Kommunen ska bygga ut Puls Arena."
matt = { typ = "lagesrapport" }

[[utfall]]
id = "U1"
text = "Förtroende för polisen ska öka."
kalla = "Polisens trygghetsmätning"
matt = { typ = "enkat", indikatorer = ["fortroende"], baslinje_ar = 2016 }

[[utfall]]
id = "U3"
text = "Fler narkotikabrott ska uppdagas."
kalla = "Polisens statistik över anmälda brott"
matt = { typ = "brott", grupper = ["narkotika"], baslinje_ar = [2015, 2016], battre = "hogre" }

[[enkatindikator]]
id = "fortroende"
namn = "Stort förtroende för polisen"
fraga = "Förtroende"
andel_svar = ["Stort"]
ej_svar = ["Vet ej"]
battre = "hogre"

[[brottsgrupp]]
id = "narkotika"
namn = "Narkotikabrott"
monster = ["Narkotika*"]
spaningsbrott = true
"#;

/// indicators.csv as one map per row, keyed by column name.
pub fn csv_rows(path: &Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .map(str::to_string)
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// The PDF's text via pdftotext (poppler-utils, installed by .ci/run).
pub fn pdf_text(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is needed: apt-get install poppler-utils");
    assert!(out.status.success());
    // Table cells wrap; join the words so phrases can be searched across line breaks.
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs `lofte run` quietly in Swedish on `input` (its catalog `lofte.toml`) for `period`.
pub fn run_with(
    input: &Path,
    out: &Path,
    period: &str,
    allow_incomplete: bool,
) -> anyhow::Result<()> {
    run_in(input, out, period, Lang::Sv, allow_incomplete)
}

/// Runs `lofte run` quietly on `input` (its catalog `lofte.toml`) for `period` in `lang`.
pub fn run_in(
    input: &Path,
    out: &Path,
    period: &str,
    lang: Lang,
    allow_incomplete: bool,
) -> anyhow::Result<()> {
    lofte::run(Command::Run(RunConfig {
        input: input.to_path_buf(),
        out: out.to_path_buf(),
        catalog: input.join("lofte.toml"),
        period: Some(period.parse().unwrap()),
        lang,
        allow_incomplete,
        quiet: true,
        stated_through: vec![],
    }))
}

/// A sheet's rows as text, keyed by its header row (row 1).
pub fn sheet_rows<R: std::io::Read + std::io::Seek>(
    wb: &mut Xlsx<R>,
    name: &str,
) -> Vec<HashMap<String, String>> {
    let range = wb.worksheet_range(name).unwrap();
    let mut rows = range.rows();
    let headers: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    rows.map(|r| {
        headers
            .iter()
            .cloned()
            .zip(r.iter().map(|c| c.to_string()))
            .collect()
    })
    .collect()
}
