//! Benchmark, ingest: how long hostile sheets take to read as they grow, to show that the
//! cost is linear in the rows whatever their values (`cargo bench --bench hostile`).
//!
//! Two workloads, each at 25 000, 50 000, 100 000 and 200 000 rows of a log sheet:
//! - every row's date different and unreadable ("dag 17 i mars"), so every row is rejected;
//! - the same rows with each row's cells written from the right (column C, B, A) in the
//!   sheet's XML, as some generators do (once quadratic).
//!
//! Printed: milliseconds per run (best of three) and per 1 000 rows. Linear growth shows as a
//! flat "per 1 000 rows" column.

use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::time::Instant;

use rust_xlsxwriter::Workbook;

const SIZES: [usize; 4] = [25_000, 50_000, 100_000, 200_000];

fn workbook(rows: usize, right_to_left: bool) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Logg").expect("sheet name");
    for (col, name) in ["Datum", "Typ", "Plats"].iter().enumerate() {
        sheet.write_string(0, col as u16, *name).expect("header");
    }
    for i in 0..rows {
        let r = i as u32 + 1;
        sheet
            .write_string(r, 0, format!("dag {i} i mars"))
            .expect("date");
        sheet.write_string(r, 1, "Besök").expect("type");
        sheet.write_string(r, 2, "Ungdomshuset").expect("place");
    }
    let bytes = book.save_to_buffer().expect("workbook");
    if right_to_left {
        with_sheet_xml(&bytes, &cells_from_the_right(rows))
    } else {
        bytes
    }
}

/// The log sheet's XML with every row's cells listed from column C to A.
fn cells_from_the_right(rows: usize) -> String {
    let cell = |r: &str, t: &str| format!("<c r=\"{r}\" t=\"inlineStr\"><is><t>{t}</t></is></c>");
    let mut xml = String::from(
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    xml.push_str(&format!(
        "<row r=\"1\">{}{}{}</row>",
        cell("C1", "Plats"),
        cell("B1", "Typ"),
        cell("A1", "Datum")
    ));
    for i in 0..rows {
        let r = i + 2;
        xml.push_str(&format!(
            "<row r=\"{r}\">{}{}{}</row>",
            cell(&format!("C{r}"), "Ungdomshuset"),
            cell(&format!("B{r}"), "Besök"),
            cell(&format!("A{r}"), &format!("dag {i} i mars"))
        ));
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// The workbook with its first sheet's XML replaced.
fn with_sheet_xml(xlsx: &[u8], xml: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("part");
        let name = file.name().expect("name").to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).expect("read part");
        out.start_file(name.as_str(), options).expect("start part");
        let content = if name == "xl/worksheets/sheet1.xml" {
            xml.as_bytes()
        } else {
            &data
        };
        out.write_all(content).expect("write part");
    }
    out.finish().expect("zip").into_inner()
}

fn best_of_three(bytes: &[u8], catalog: &lofte::catalog::Catalog, rows: usize) -> f64 {
    (0..3)
        .map(|_| {
            let mut tables = lofte::ingest::Tables::default();
            let start = Instant::now();
            let report = lofte::ingest::read_bytes("logg.xlsx", bytes, catalog, &mut tables);
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            let rejected: usize = report.sheets.iter().map(|s| s.rejected).sum();
            assert_eq!(rejected, rows, "every row is rejected");
            ms
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let catalog = lofte::catalog::load(Path::new("input/lofte.toml")).expect("sample catalog");
    println!("| workload | rows | ms (best of 3) | ms per 1 000 rows |");
    println!("|---|---|---|---|");
    for (name, rtl) in [("unreadable dates", false), ("cells right to left", true)] {
        for rows in SIZES {
            let bytes = workbook(rows, rtl);
            let ms = best_of_three(&bytes, &catalog, rows);
            println!(
                "| {name} | {rows} | {ms:.0} | {:.2} |",
                ms / (rows as f64 / 1000.0)
            );
        }
    }
}
