//! End to end: a small input folder written in code, `lofte run`, and the outputs read back.
//! Every expected number below is worked out by hand from the rows written here.

mod common;

use std::collections::HashMap;
use std::path::Path;

use calamine::{open_workbook, Reader, Xlsx};
use common::{csv_rows, pdf_text, run_in, run_with, sheet_rows, workbook, write, CATALOG, V};

fn log_workbook() -> Vec<u8> {
    let mut rows = vec![
        vec![V::T("Aktivitetslogg 2017")],
        vec![],
        vec![V::T("Datum"), V::T("Typ"), V::T("Plats"), V::T("Kommentar")],
        // Spring term: two visits → 2 of 2, fulfilled.
        vec![
            V::D(2017, 2, 2),
            V::T("Besök"),
            V::T("Ungdomshuset Karlslund"),
            V::T("Anna var med"),
        ],
        vec![V::D(2017, 4, 20), V::T("besök"), V::T("UNGDOMSHUSET"), V::E],
        // Autumn term, data through 2017-08-31: one visit → 1 of 2, in progress.
        vec![
            V::D(2017, 8, 29),
            V::T("Besök"),
            V::T("Ungdomshuset Karlslund"),
            V::E,
        ],
        // An unknown place: rejected with its place.
        vec![V::D(2017, 5, 5), V::T("Besök"), V::T("Fritidsgården"), V::E],
        // An impossible date: rejected.
        vec![
            V::T("31/02 2017"),
            V::T("Besök"),
            V::T("Ungdomshuset"),
            V::E,
        ],
        vec![V::D(2017, 8, 31), V::T("Besök"), V::T("Pilängskolan"), V::E],
    ];
    rows.push(vec![]);
    rows.push(vec![V::T("Källa: områdespoliserna")]);
    workbook(&[("Logg", 0, 0, rows)])
}

fn staffing_workbook() -> Vec<u8> {
    // Two persons all of T2 except that B leaves on 2017-06-30 and C starts 2017-07-05:
    // 4 days (July 1–4) with one person, so 119 of 123 days at target.
    workbook(&[(
        "Bemanning",
        0,
        0,
        vec![
            vec![
                V::T("Roll"),
                V::T("Plats"),
                V::T("Person"),
                V::T("Från"),
                V::T("Till"),
            ],
            vec![
                V::T("Kontaktpolis"),
                V::T("Pilängskolan"),
                V::T("A"),
                V::D(2017, 1, 1),
                V::E,
            ],
            vec![
                V::T("Kontaktpolis"),
                V::T("Pilängskolan"),
                V::T("B"),
                V::D(2017, 1, 1),
                V::D(2017, 6, 30),
            ],
            vec![
                V::T("Kontaktpolis"),
                V::T("Pilängskolan"),
                V::T("C"),
                V::D(2017, 7, 5),
                V::E,
            ],
        ],
    )])
}

fn notes_workbook() -> Vec<u8> {
    workbook(&[(
        "Läge",
        0,
        0,
        vec![
            vec![
                V::T("Löfte"),
                V::T("Datum"),
                V::T("Status"),
                V::T("Kommentar"),
            ],
            vec![
                V::T("K2"),
                V::D(2017, 4, 1),
                V::T("Pågår"),
                V::T("Bygglov beviljat."),
            ],
            vec![
                V::T("K2"),
                V::D(2017, 8, 28),
                V::T("Försenat"),
                V::T("Skateparken försenad till 2018."),
            ],
        ],
    )])
}

fn survey_workbook() -> Vec<u8> {
    // 2016: 40 valid answers, 16 "Stort" → 40 %. 2017: 50 valid, 30 "Stort" → 60 %, plus
    // 5 "Vet ej" left out of the base.
    let mut rows = vec![vec![V::T("År"), V::T("Område"), V::T("Förtroende")]];
    for (year, yes, no, unknown) in [(2016.0, 16, 24, 0), (2017.0, 30, 20, 5)] {
        for _ in 0..yes {
            rows.push(vec![V::N(year), V::T("Karlslund"), V::T("Stort")]);
        }
        for _ in 0..no {
            rows.push(vec![V::N(year), V::T("Karlslund"), V::T("Litet")]);
        }
        for _ in 0..unknown {
            rows.push(vec![V::N(year), V::T("Karlslund"), V::T("Vet ej")]);
        }
    }
    workbook(&[("Svar", 0, 0, rows)])
}

fn crime_workbook() -> Vec<u8> {
    // Narcotics in T2 (May–August): 2015: 3, 2016: 5, 2017: 8. Baseline (3 + 5) / 2 = 4.
    let mut rows = vec![vec![V::T("Datum"), V::T("Brottskategori"), V::T("Antal")]];
    for (year, n) in [(2015u16, 3), (2016, 5), (2017, 8)] {
        for i in 0..n {
            rows.push(vec![
                V::D(year, 5 + (i % 4) as u8, 10),
                V::T("Narkotikabrott, innehav"),
                V::E,
            ]);
        }
        // Outside T2: must not count.
        rows.push(vec![
            V::D(year, 2, 1),
            V::T("Narkotikabrott, innehav"),
            V::N(2.0),
        ]);
    }
    rows.push(vec![V::D(2017, 6, 1), V::T("Misshandel"), V::E]);
    rows.push(vec![V::T("Totalt"), V::E, V::N(23.0)]);
    workbook(&[("Brott", 0, 0, rows)])
}

fn sample_folder(dir: &Path) {
    std::fs::write(dir.join("lofte.toml"), CATALOG).unwrap();
    write(dir, "logg.xlsx", &log_workbook());
    write(dir, "bemanning.xlsx", &staffing_workbook());
    write(dir, "lage.xlsx", &notes_workbook());
    write(dir, "enkat.xlsx", &survey_workbook());
    write(dir, "brott.xlsx", &crime_workbook());
    write(dir, "~$logg.xlsx", b"lock file, never read");
}

/// The test sample's reports for a period in a language: (input folder, out folder), both
/// removed when dropped; the reports are in `out/<period>/`.
fn sample_run(period: &str, lang: lofte::fmt::Lang) -> (tempfile::TempDir, tempfile::TempDir) {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    sample_folder(input.path());
    run_in(input.path(), out.path(), period, lang, false).unwrap();
    (input, out)
}

fn run(input: &Path, out: &Path, period: &str) -> anyhow::Result<()> {
    run_with(input, out, period, false)
}

/// The columns, by name, of the row of `subject` whose indicator starts with `indicator`.
fn find<'a>(
    rows: &'a [HashMap<String, String>],
    subject: &str,
    indicator: &str,
    period: &str,
) -> impl Fn(&str) -> &'a str {
    let row = rows
        .iter()
        .find(|r| {
            r["subject"] == subject
                && r["indicator"].starts_with(indicator)
                && r["period"] == period
        })
        .unwrap_or_else(|| panic!("no row {subject} {indicator} {period}"));
    move |column: &str| row[column].as_str()
}

#[test]
fn tertial_report_has_the_hand_worked_numbers_in_every_output() {
    let (_input, out) = sample_run("2017-T2", lofte::fmt::Lang::Sv);
    let dir = out.path().join("2017-T2");

    let rows = csv_rows(&dir.join("indicators.csv"));
    // A byte-order mark first, so that Excel shows å, ä and ö right on a double-click.
    let bytes = std::fs::read(dir.join("indicators.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}subject,".as_bytes()));
    // Visits: 2 of 2 in the spring term (fulfilled), 1 of 2 in the autumn term (in progress).
    let vt = find(&rows, "P3", "besök per termin", "VT 2017");
    assert_eq!(
        (vt("value"), vt("target"), vt("status")),
        ("2", "2", "Uppfyllt")
    );
    let ht = find(&rows, "P3", "besök per termin", "HT 2017");
    assert_eq!((ht("value"), ht("status")), ("1", "Pågår"));
    // Staffing: 119 of 123 days with two contact police; the gap is July 1–4.
    let staff = find(&rows, "P1", "dagar med minst 2", "2017-T2");
    assert_eq!((staff("value"), staff("target")), ("119", "123"));
    assert_eq!(staff("status"), "Delvis uppfyllt");
    assert!(
        staff("note").contains("2017-07-01–2017-07-04"),
        "{}",
        staff("note")
    );
    // Status note: the latest before the period's end.
    assert_eq!(
        find(&rows, "K2", "lägesrapport", "2017-T2")("status"),
        "Försenat"
    );
    // Survey: 30 of 50 = 0.6 with Wilson limits 0.461814 / 0.723916; the rise from 0.4
    // (n 40) has p = 0.059, so no certain change.
    let s = find(&rows, "U1", "Stort förtroende", "2017");
    assert_eq!((s("value"), s("n")), ("0.6", "50"));
    assert_eq!((s("ci_low"), s("ci_high")), ("0.461814", "0.723916"));
    assert_eq!((s("baseline"), s("change")), ("0.4", "0.2"));
    assert_eq!(s("status"), "Ingen säker förändring");
    // Crime: 8 in T2 2017 against 3 and 5 in 2015–2016 (mean 4, +100 %). The exact
    // conditional test: X | 16 ~ Binomial(16, 1/3), p = 0.18588 (summed exactly with
    // rational numbers) → a doubling of small counts is no certain change.
    let c = find(&rows, "U3", "anmälda brott: narkotikabrott", "2017-T2");
    assert_eq!(
        (c("value"), c("baseline"), c("change"), c("change_pct")),
        ("8", "4", "4", "1")
    );
    assert_eq!(c("status"), "Ingen säker förändring");
    // Per month: the eight 2017 crimes cycle May–August, so May holds two.
    assert_eq!(
        find(&rows, "U3", "anmälda brott per månad", "2017-05")("value"),
        "2"
    );

    // The workbook states the same.
    let mut wb: Xlsx<_> = open_workbook(dir.join("lofte-2017-T2.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Sammanfattning",
            "Sedan förra",
            "Besök",
            "Bemanning",
            "Trygghet",
            "Brott",
            "Alla värden",
            "Lägesrapporter",
            "Datakvalitet",
            "Källor",
            "Metod",
            "Diagramdata"
        ]
    );
    let summary = wb.worksheet_range("Sammanfattning").unwrap();
    let status_of = |id: &str| {
        summary
            .rows()
            .find(|r| r[0].to_string() == id)
            .map(|r| format!("{} {}", r[6], r[5]))
            .unwrap_or_default()
    };
    assert_eq!(status_of("P3"), "→ Pågår");
    assert_eq!(status_of("P1"), "◐ Delvis uppfyllt");
    assert_eq!(status_of("U3"), "= Ingen säker förändring");
    let quality = wb.worksheet_range("Datakvalitet").unwrap();
    let rejected: Vec<String> = quality
        .rows()
        .filter(|r| r[5].to_string() == "avvisad")
        .map(|r| format!("{} {} {}", r[1], r[2], r[3]))
        .collect();
    assert_eq!(rejected, ["Logg 7 C", "Logg 8 A"]);

    // The PDF names every promise and outcome with its status.
    let text = pdf_text(&dir.join("lofte-2017-T2.pdf"));
    for needle in [
        "Två kontaktpoliser ska vara kopplade till Pilängskolan.",
        "Polisen ska vid två tillfällen per termin besöka Ungdomshuset Karlslund.",
        "Kommunen ska bygga ut Puls Arena.",
        "Förtroende för polisen ska öka.",
        "Fler narkotikabrott ska uppdagas.",
        "Pågår",
        "Försenat",
        "Delvis uppfyllt",
        "60,0 %",
        "ökade från 4 till 8 (+100 %)",
        "exakt test p = 0,186",
        "spaningsbrott",
        "Sida 1 av",
    ] {
        assert!(text.contains(needle), "PDF lacks {needle:?}");
    }
    assert!(
        !text.contains("Anna var med"),
        "a log comment reached the PDF"
    );
}

#[test]
fn every_sheet_reconciles_read_with_used_rejected_and_skipped() {
    let input = tempfile::tempdir().unwrap();
    sample_folder(input.path());
    let catalog = lofte::catalog::load(&input.path().join("lofte.toml")).unwrap();
    let ingested = lofte::ingest::read_folder(input.path(), &catalog).unwrap();
    // The lock file is not an input.
    assert_eq!(ingested.files.len(), 5);
    for (file, sheet) in ingested.sheets() {
        assert!(
            sheet.reconciles(),
            "{} › {} does not reconcile",
            file.file,
            sheet.sheet
        );
    }
    let log = ingested
        .sheets()
        .find(|(_, s)| s.sheet == "Logg")
        .unwrap()
        .1;
    // Rows 4–11 below the header on row 3: 4 used, 2 rejected, 1 empty, 1 note.
    assert_eq!(
        (log.read, log.used, log.rejected, log.skipped, log.empty),
        (8, 4, 2, 2, 1)
    );
    assert_eq!(log.header_row, Some(3));
    let crime = ingested
        .sheets()
        .find(|(_, s)| s.sheet == "Brott")
        .unwrap()
        .1;
    // 19 narcotics rows used; misshandel (no group) and the totals row skipped.
    assert_eq!(
        (crime.read, crime.used, crime.rejected, crime.skipped),
        (21, 19, 0, 2)
    );
}

#[test]
fn a_broken_workbook_stops_the_run_and_names_every_bad_file() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    sample_folder(input.path());
    write(input.path(), "trasig.xlsx", b"PK\x03\x04 not really a zip");
    write(input.path(), "tom.xlsx", b"");
    let err = format!(
        "{:#}",
        run(input.path(), out.path(), "2017-T2").unwrap_err()
    );
    assert!(err.contains("trasig.xlsx"), "{err}");
    assert!(err.contains("tom.xlsx"), "{err}");
    assert!(
        !out.path().join("2017-T2").exists(),
        "no report may be written from incomplete input"
    );
}

#[test]
fn a_log_missing_its_type_column_stops_the_run_unless_incomplete_input_is_allowed() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    sample_folder(input.path());
    // The visit log with its Typ column headed "Händelsetyp" (no alias): a broken header.
    let rows = vec![
        vec![V::T("Datum"), V::T("Händelsetyp"), V::T("Plats")],
        vec![V::D(2017, 2, 2), V::T("Besök"), V::T("Ungdomshuset")],
    ];
    write(
        input.path(),
        "logg.xlsx",
        &workbook(&[("Logg", 2, 0, rows)]),
    );
    let err = format!(
        "{:#}",
        run(input.path(), out.path(), "2017-T2").unwrap_err()
    );
    assert!(
        err.contains("logg.xlsx › Logg › rad 3: rubrikraden liknar besöks- och aktivitetslogg men kolumnen 'typ' saknas"),
        "{err}"
    );
    assert!(
        !out.path().join("2017-T2").exists(),
        "no report from a broken sheet"
    );

    // Allowed on purpose: the report is written and says on its first page that it is
    // incomplete, and so does the workbook's summary.
    run_with(input.path(), out.path(), "2017-T2", true).unwrap();
    let dir = out.path().join("2017-T2");
    let text = pdf_text(&dir.join("lofte-2017-T2.pdf"));
    let first_page = text.split('\u{c}').next().unwrap();
    assert!(
        first_page.contains("Varning: underlaget är ofullständigt"),
        "{first_page}"
    );
    assert!(first_page.contains("kolumnen 'typ' saknas"), "{first_page}");
    let mut wb: Xlsx<_> = open_workbook(dir.join("lofte-2017-T2.xlsx")).unwrap();
    let summary = wb.worksheet_range("Sammanfattning").unwrap();
    let a4 = summary.get_value((3, 0)).unwrap().to_string();
    assert!(
        a4.starts_with("VARNING: underlaget är ofullständigt"),
        "{a4}"
    );
}

#[test]
fn periods_outside_the_promise_or_after_the_data_are_refused_with_the_valid_ones() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    sample_folder(input.path());
    // The promise is 2017 and the logs end 2017-08-31: T1, T2 and the year can be reported.
    let valid = "Perioder som kan rapporteras: 2017-T1, 2017-T2, 2017";
    for (period, why) in [
        ("2018", "indata når bara till 2017-08-31"),
        ("2017-T3", "indata når bara till 2017-08-31"),
        ("2015-T2", "löftet gäller 2017-01-01 – 2017-12-31"),
    ] {
        let err = format!("{:#}", run(input.path(), out.path(), period).unwrap_err());
        assert!(
            err.contains(&format!(
                "perioden {period} kan inte rapporteras: {why}. {valid}"
            )),
            "{err}"
        );
        assert!(!out.path().join(period).exists());
    }
}

#[test]
fn a_status_note_longer_than_an_excel_cell_is_cut_not_fatal() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    sample_folder(input.path());
    // 40 000 characters in a CSV export: Excel holds 32 767 in a cell.
    let long = "Lång kommentar. ".repeat(2500);
    std::fs::remove_file(input.path().join("lage.xlsx")).unwrap();
    let csv = format!("Löfte;Datum;Status;Kommentar\nK2;2017-08-01;Pågår;{long}\n");
    write(input.path(), "lage.csv", csv.as_bytes());
    run(input.path(), out.path(), "2017-T2").unwrap();
    let mut wb: Xlsx<_> = open_workbook(out.path().join("2017-T2/lofte-2017-T2.xlsx")).unwrap();
    let notes = wb.worksheet_range("Lägesrapporter").unwrap();
    let cell = notes
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .find(|c| c.starts_with("Lång kommentar"))
        .unwrap();
    assert_eq!(cell.chars().count(), 32_767);
    assert!(cell.ends_with('…'));
}

#[test]
fn check_totals_account_for_every_row_of_every_sheet() {
    let input = tempfile::tempdir().unwrap();
    sample_folder(input.path());
    // A sheet of no known kind with three filled rows (and an empty one).
    let rows = vec![
        vec![V::T("Anteckningar")],
        vec![V::T("Möte 1")],
        vec![],
        vec![V::T("Möte 2")],
    ];
    write(
        input.path(),
        "anteckningar.xlsx",
        &workbook(&[("Blad1", 0, 0, rows)]),
    );
    let catalog = lofte::catalog::load(&input.path().join("lofte.toml")).unwrap();
    let ingested = lofte::ingest::read_folder(input.path(), &catalog).unwrap();
    let doc = serde_json::to_value(lofte::report::check_json(&catalog, &ingested)).unwrap();
    let t = &doc["totals"];
    let n = |k: &str| t[k].as_u64().unwrap();
    assert_eq!(
        n("read"),
        n("used") + n("rejected") + n("skipped") + n("unread")
    );
    assert_eq!(n("unread"), 3);
    // The sources: every status note used for K2 (the test catalog's note promise).
    let notes = doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "status_notes")
        .unwrap();
    assert!(notes["rows_used"].as_u64().unwrap() > 0, "{notes}");
    assert!(
        notes["needed_by"]
            .as_array()
            .unwrap()
            .iter()
            .any(|id| id == "K2"),
        "{notes}"
    );
    // The sample folder has an Excel lock file beside logg.xlsx: said, never read.
    assert_eq!(ingested.open_in_excel, vec!["logg.xlsx".to_string()]);
    for (_, sheet) in ingested.sheets() {
        assert!(sheet.reconciles(), "{}", sheet.sheet);
    }
}

#[test]
fn year_report_judges_the_whole_year() {
    let (_input, out) = sample_run("2017", lofte::fmt::Lang::Sv);
    let rows = csv_rows(&out.path().join("2017").join("indicators.csv"));
    // Visits per tertial for the year report: T1 has the two spring visits.
    assert_eq!(
        find(&rows, "P3", "besök per tertial", "2017-T1")("value"),
        "2"
    );
    // T3 starts after the logs' last day (2017-08-31): no row at all, never 0 visits.
    assert!(!rows
        .iter()
        .any(|r| r["subject"] == "P3" && r["period"] == "2017-T3"));
    // The crime data ends in August, so the year compares January–August: 8 + 2 = 10
    // against ((3 + 2) + (5 + 2)) / 2 = 6.
    let c = find(&rows, "U3", "anmälda brott: narkotikabrott", "2017");
    assert_eq!((c("value"), c("baseline")), ("10", "6"));
    // Staffing in the year-end summary: T2 alone has the July gap (119 of 123 days); the
    // year runs to the logs' last day, 2017-08-31: 243 days, 239 at target.
    let year = find(&rows, "P1", "dagar med minst 2", "2017");
    assert_eq!((year("value"), year("target")), ("239", "243"));
    assert_eq!(
        find(&rows, "P1", "dagar med minst 2", "2017-T2")("value"),
        "119"
    );
    assert_eq!(
        find(&rows, "P1", "dagar med minst 2", "2017-T1")("status"),
        "Uppfyllt"
    );
    // Per year: 2015 had 3 + 2 = 5 narcotics crimes.
    assert_eq!(
        find(&rows, "U3", "anmälda brott per år", "2015")("value"),
        "5"
    );
    // Side by side, T3 (from 2017-09-01, after the data date) has not started: "Ej
    // påbörjat" for every row, not "Saknar data" (nothing is missing yet).
    let mut wb: Xlsx<_> = open_workbook(out.path().join("2017/lofte-2017.xlsx")).unwrap();
    let tertials = sheet_rows(&mut wb, "Tertialer");
    assert!(!tertials.is_empty());
    assert!(
        tertials.iter().all(|r| r["T3"] == "Ej påbörjat"),
        "{tertials:?}"
    );
}

#[test]
fn workbook_sheets_carry_the_computed_numbers() {
    let (_input, out) = sample_run("2017-T2", lofte::fmt::Lang::Sv);
    let path = out.path().join("2017-T2").join("lofte-2017-T2.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();

    let visits = sheet_rows(&mut wb, "Besök");
    let vt = visits
        .iter()
        .find(|r| {
            r["Id"] == "P3" && r["Period"] == "VT 2017" && r["Indikator"] == "besök per termin"
        })
        .unwrap();
    assert_eq!(
        (
            vt["Värde"].as_str(),
            vt["Mål"].as_str(),
            vt["Status"].as_str()
        ),
        ("2", "2", "Uppfyllt")
    );
    // The status word and its symbol stand in columns of their own.
    assert_eq!(vt["Status, symbol"], "✓");
    assert_eq!(vt["Status"].as_str(), "Uppfyllt");

    // Week 27 (3–9 July) has C starting on the 5th: one person on the 3rd and 4th.
    let staffing = sheet_rows(&mut wb, "Bemanning");
    let w27 = staffing.iter().find(|r| r["Period"] == "2017-V27").unwrap();
    assert_eq!(w27["Värde"], "1");
    assert!(
        w27["Anmärkning"].starts_with("5 av 7 dagar"),
        "{}",
        w27["Anmärkning"]
    );

    // 30 of 50 against 16 of 40: p = 0.0593 by the pooled two-proportion test.
    let survey = sheet_rows(&mut wb, "Trygghet");
    let y2017 = survey.iter().find(|r| r["År"] == "2017").unwrap();
    assert_eq!(
        (y2017["Värde"].as_str(), y2017["n"].as_str()),
        ("0.6", "50")
    );
    let p: f64 = y2017["p-värde"].parse().unwrap();
    assert!((p - 0.0593).abs() < 5e-4, "{p}");
    assert_eq!(y2017["Status"], "Ingen säker förändring");
    // The change of a share is in percentage points: 0.6 − 0.4 = 20 points.
    let points: f64 = y2017["Förändring"].parse().unwrap();
    assert!((points - 20.0).abs() < 1e-9, "{points}");

    // Inside the file: charts draw from the chart sheet, outside every filtered Table; the
    // change column's format says percentage points; every sheet prints A4 landscape, one
    // page wide, with header and footer.
    let part = |name: &str| {
        let file = std::fs::File::open(&path).unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let chart = part("xl/charts/chart1.xml");
    assert!(chart.contains("<c:f>Diagramdata!"), "{chart}");
    assert!(!chart.contains("<c:f>Trygghet!"), "{chart}");
    assert!(
        part("xl/styles.xml").contains("p.e."),
        "a percentage-point format"
    );
    for i in 1..=wb.sheet_names().len() {
        let sheet_xml = part(&format!("xl/worksheets/sheet{i}.xml"));
        assert!(
            sheet_xml.contains("paperSize=\"9\"")
                && sheet_xml.contains("orientation=\"landscape\"")
                && sheet_xml.contains("fitToHeight=\"0\"")
                && sheet_xml.contains("<oddFooter>"),
            "sheet {i} has no print setup"
        );
    }

    // 8 against a baseline of 4: +100 %, exact p = 0.18588.
    let crime = sheet_rows(&mut wb, "Brott");
    let t2 = crime
        .iter()
        .find(|r| r["Period"] == "2017-T2" && r["Indikator"] == "anmälda brott: narkotikabrott")
        .unwrap();
    assert_eq!(
        (
            t2["Antal"].as_str(),
            t2["Baslinje"].as_str(),
            t2["Förändring %"].as_str()
        ),
        ("8", "4", "1")
    );
    let p: f64 = t2["p-värde"].parse().unwrap();
    assert!((p - 0.185_876).abs() < 1e-5, "{p}");

    // Native charts: one for the crime tertials, one per unit of the survey indicators.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let charts = (0..zip.len())
        .filter(|i| {
            zip.by_index(*i)
                .unwrap()
                .name()
                .unwrap()
                .starts_with("xl/charts/chart")
        })
        .count();
    assert_eq!(charts, 2);
}

#[test]
fn two_runs_on_the_same_input_write_identical_files() {
    let input = tempfile::tempdir().unwrap();
    sample_folder(input.path());
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run(input.path(), a.path(), "2017-T2").unwrap();
    run(input.path(), b.path(), "2017-T2").unwrap();
    for name in ["lofte-2017-T2.xlsx", "lofte-2017-T2.pdf", "indicators.csv"] {
        let read = |dir: &Path| std::fs::read(dir.join("2017-T2").join(name)).unwrap();
        assert!(
            read(a.path()) == read(b.path()),
            "{name} differs between two runs"
        );
    }
}

/// LibreOffice (Debian's libreoffice-calc, installed by .ci/run) must open the workbook and
/// convert it without error: a stricter reader than calamine.
#[test]
fn libreoffice_converts_the_workbook() {
    let (_input, out) = sample_run("2017-T2", lofte::fmt::Lang::Sv);
    let dir = out.path().join("2017-T2");
    let profile = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(dir.join("lofte-2017-T2.xlsx"))
        .output()
        .expect("soffice is needed: apt-get install libreoffice-calc-nogui");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    // The converted PDF is the workbook's own rendering (not lofte's report): it must exist
    // and hold the summary sheet's title.
    let converted = dir.join("lofte-2017-T2.pdf");
    let text = pdf_text(&converted);
    assert!(
        text.contains("Testlöfte"),
        "LibreOffice's rendering lacks the title"
    );
}

#[test]
fn english_reports_translate_every_fixed_label() {
    let (input, out) = sample_run("2017-T2", lofte::fmt::Lang::En);
    let dir = out.path().join("2017-T2");
    // The English set has its own names: a Swedish run of the same period keeps it.
    run(input.path(), out.path(), "2017-T2").unwrap();
    for name in [
        "lofte-2017-T2-en.pdf",
        "indicators-en.csv",
        "lofte-2017-T2.pdf",
        "indicators.csv",
    ] {
        assert!(dir.join(name).exists(), "{name}");
    }
    let text = pdf_text(&dir.join("lofte-2017-T2-en.pdf"));
    assert!(text.contains("60.0"), "English numbers use a decimal point");
    for english in [
        "Summary",
        "In progress",
        "Partly fulfilled",
        "Page 1 of",
        "Appendix B. Method",
        "rose from 4 to 8 (+100 %)",
    ] {
        assert!(text.contains(english), "English PDF lacks {english:?}");
    }
    // Swedish fixed labels must not leak; the catalog's own texts (promises, places, terms)
    // stay as the analyst wrote them.
    for swedish in [
        "Sammanfattning",
        "Uppfyllt",
        "Pågår",
        "Sida 1",
        "Bilaga",
        "Källa:",
        "procentenheter",
        "t.o.m.",
        // Numbers too, in the tables and in the charts' labels: 60.0 %, not 60,0 %.
        "60,0",
    ] {
        assert!(
            !text.contains(swedish),
            "English PDF still says {swedish:?}"
        );
    }
    let wb: Xlsx<_> = open_workbook(dir.join("lofte-2017-T2-en.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Summary",
            "Since last",
            "Visits",
            "Staffing",
            "Safety survey",
            "Crime",
            "All values",
            "Status notes",
            "Data quality",
            "Sources",
            "Method",
            "Chart data"
        ]
    );
}

#[test]
fn the_html_twin_says_what_the_pdf_says_accessibly() {
    let (_input, out) = sample_run("2017-T2", lofte::fmt::Lang::Sv);
    let dir = out.path().join("2017-T2");
    let html = std::fs::read_to_string(dir.join("lofte-2017-T2.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
    assert!(html.contains("<h1>Testlöfte</h1>"));
    assert!(html.contains("<th scope=\"col\">Status</th>"));
    assert!(html.contains("<th scope=\"row\">P3</th>"));
    // Every chart is an image with a title and a text alternative listing its values.
    let charts = html.matches("<svg role=\"img\"").count();
    assert_eq!(charts, html.matches("<desc id=").count());
    assert!(charts >= 2, "{charts}");
    assert!(
        html.contains("Stort förtroende för polisen – Karlslund, 2017: 60,0"),
        "the survey chart's text alternative"
    );
    // The same statuses and sentences as the PDF, and no log comment.
    let pdf = pdf_text(&dir.join("lofte-2017-T2.pdf"));
    for needle in [
        "→ Pågår",
        "◐ Delvis uppfyllt",
        "ökade från 4 till 8 (+100 %)",
        "exakt test p = 0,186",
        "Sida 1 av",
    ] {
        // The PDF's status symbols carry an empty ActualText (the word says the status), so
        // its text as a screen reader gets it has the word alone.
        let spoken = needle.trim_start_matches(['→', '◐', ' ']);
        assert!(pdf.contains(spoken), "PDF lacks {spoken:?}");
        if needle != "Sida 1 av" {
            // A number and its unit are held together by a no-break space.
            assert!(
                html.replace('\u{a0}', " ").contains(needle),
                "HTML lacks {needle:?}"
            );
        }
    }
    assert!(!html.contains("Anna var med"));
}

/// PDF/A-2b as far as Debian's poppler tools can tell: XMP metadata naming part 2,
/// conformance B, and every font embedded.
#[test]
fn the_pdf_carries_pdfa_metadata_and_embeds_every_font() {
    let (_input, out) = sample_run("2017-T2", lofte::fmt::Lang::Sv);
    let pdf = out.path().join("2017-T2").join("lofte-2017-T2.pdf");
    let tool = |name: &str, args: &[&str]| {
        let o = std::process::Command::new(name)
            .args(args)
            .arg(&pdf)
            .output()
            .expect("poppler-utils");
        String::from_utf8(o.stdout).unwrap()
    };
    let meta = tool("pdfinfo", &["-meta"]);
    assert!(
        meta.contains("<pdfaid:part>2</pdfaid:part>")
            && meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{meta}"
    );
    assert!(
        meta.contains("<pdfuaid:part>1</pdfuaid:part>") && meta.contains("pdfaExtension"),
        "the PDF/UA identifier, described for PDF/A: {meta}"
    );
    // The output intent is PDF/A's, with the sRGB profile the RGB colours need.
    let doc = lopdf::Document::load(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let intents = catalog.get(b"OutputIntents").unwrap().as_array().unwrap();
    let intent = doc.dereference(&intents[0]).unwrap().1.as_dict().unwrap();
    assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1");
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    assert!(!doc.get_dictionary(info).unwrap().has(b"GTS_PDFXVersion"));
    let fonts = tool("pdffonts", &[]);

    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name, type (two words: CID TrueType), encoding, emb, sub, uni, object id
        assert_eq!(cols[4], "yes", "font not embedded: {row}");
        // Its real name with a subset tag, not printpdf's resource id ("F1").
        assert!(
            ["LOFTEA+DejaVuSans", "LOFTEB+DejaVuSans-Bold"].contains(&cols[0]),
            "{row}"
        );
        assert_eq!(cols[5], "yes", "a subset, and named as one: {row}");
    }
}

#[test]
fn headings_never_skip_a_level_and_the_catalogs_swedish_is_marked_in_english_reports() {
    let (_input, out) = sample_run("2017-T2", lofte::fmt::Lang::En);
    let dir = out.path().join("2017-T2");
    let html = std::fs::read_to_string(dir.join("lofte-2017-T2-en.html")).unwrap();
    // h1, then each heading at most one level below the one before it.
    let mut last = 0;
    for (i, _) in html.match_indices("<h") {
        let Some(level) = html[i + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(level <= last + 1, "h{level} after h{last}");
        last = level;
    }
    // The promise texts are the catalog's Swedish: marked so in the English report.
    assert!(
        html.contains("<blockquote lang=\"sv\">"),
        "quoted promise not marked"
    );
    assert!(
        html.contains(" lang=\"sv\">Polisen"),
        "promise text in the summary not marked"
    );
    // Tables scroll in named regions of their own, each name different.
    let names: Vec<&str> = html
        .match_indices("role=\"region\" tabindex=\"0\" aria-label=\"")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert!(
        !names.is_empty() && unique.len() == names.len(),
        "{names:?}"
    );

    // In the PDF, the quoted promise texts carry /Lang sv-SE in an en-GB document.
    let doc = lopdf::Document::load(dir.join("lofte-2017-T2-en.pdf")).unwrap();
    let catalog = doc.catalog().unwrap();
    let lang = catalog
        .get(b"Lang")
        .and_then(lopdf::decode_text_string)
        .unwrap();
    assert_eq!(lang, "en-GB");
    let swedish = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"StructElem"))
        .filter(|d| {
            d.get(b"Lang")
                .and_then(lopdf::decode_text_string)
                .ok()
                .as_deref()
                == Some("sv-SE")
        })
        .count();
    assert!(swedish >= 5, "{swedish} Swedish elements");
}

/// The roles of a structure element and all its descendants, with each figure's /Alt.
fn struct_roles(
    doc: &lopdf::Document,
    elem: &lopdf::Dictionary,
    roles: &mut Vec<String>,
    alts: &mut Vec<String>,
) {
    if let Ok(role) = elem.get(b"S").and_then(|s| s.as_name()) {
        roles.push(String::from_utf8_lossy(role).into_owned());
        if role == b"Figure" {
            let alt = elem
                .get(b"Alt")
                .and_then(lopdf::decode_text_string)
                .unwrap_or_default();
            alts.push(alt);
        }
    }
    let kids = match elem.get(b"K") {
        Ok(lopdf::Object::Array(kids)) => kids.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => vec![],
    };
    for kid in kids {
        if let Ok(lopdf::Object::Dictionary(d)) = doc.dereference(&kid).map(|(_, o)| o.clone()) {
            if d.has(b"S") {
                struct_roles(doc, &d, roles, alts);
            }
        }
    }
}

#[test]
fn the_pdf_is_tagged_with_structure_language_outline_and_figure_texts() {
    let (_input, out) = sample_run("2017-T2", lofte::fmt::Lang::Sv);
    let pdf = out.path().join("2017-T2").join("lofte-2017-T2.pdf");
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("poppler-utils");
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "{info}"
    );

    let doc = lopdf::Document::load(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let lang = catalog
        .get(b"Lang")
        .and_then(lopdf::decode_text_string)
        .unwrap();
    assert_eq!(lang, "sv-SE");
    let marked = catalog.get(b"MarkInfo").and_then(|m| m.as_dict()).unwrap();
    assert!(marked.get(b"Marked").unwrap().as_bool().unwrap());

    // The structure tree: the title, sections and promises as headings, tables with header
    // cells, paragraphs, and every chart a figure whose alternative text gives its values.
    let root = doc
        .get_dictionary(
            catalog
                .get(b"StructTreeRoot")
                .unwrap()
                .as_reference()
                .unwrap(),
        )
        .unwrap();
    let top = doc
        .get_dictionary(root.get(b"K").unwrap().as_reference().unwrap())
        .unwrap();
    let (mut roles, mut alts) = (vec![], vec![]);
    struct_roles(&doc, top, &mut roles, &mut alts);
    for role in [
        "Document", "H1", "H2", "H3", "P", "Table", "TR", "TH", "TD", "Figure", "Caption",
    ] {
        assert!(roles.iter().any(|r| r == role), "no {role} in {roles:?}");
    }
    assert_eq!(roles.iter().filter(|r| *r == "H1").count(), 1, "one title");
    assert!(!alts.is_empty());
    for alt in &alts {
        // "Stort förtroende för polisen, med 95 % konfidensintervall: Stort förtroende …, 2015: 33,7 % (…)"
        assert!(
            alt.contains(": ") && alt.chars().any(|c| c.is_ascii_digit()),
            "figure text: {alt}"
        );
    }
    assert!(
        alts.iter().any(|a| a.contains("2016:") && a.contains('%')),
        "{alts:?}"
    );
    // Every figure has its place on the page: a layout bounding box, bottom below top.
    let figures: Vec<&lopdf::Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(|s| s.as_name()).ok() == Some(b"Figure".as_slice()))
        .collect();
    assert_eq!(figures.len(), alts.len());
    // Header cells say what they head: the header row its columns, a body row's first cell
    // (the id, place or period) its row.
    let scopes: Vec<&[u8]> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(|s| s.as_name()).ok() == Some(b"TH".as_slice()))
        .filter_map(|d| d.get(b"A").and_then(|a| a.as_dict()).ok())
        .filter_map(|a| a.get(b"Scope").and_then(|s| s.as_name()).ok())
        .collect();
    assert!(scopes.contains(&b"Column".as_slice()) && scopes.contains(&b"Row".as_slice()));
    for f in figures {
        let attrs = f.get(b"A").and_then(|a| a.as_dict()).unwrap();
        let bbox: Vec<f32> = attrs
            .get(b"BBox")
            .and_then(|b| b.as_array())
            .unwrap()
            .iter()
            .map(|v| v.as_float().unwrap())
            .collect();
        assert!(
            bbox.len() == 4 && bbox[1] < bbox[3] && bbox[0] < bbox[2],
            "{bbox:?}"
        );
    }

    // Every page: each marked-content id has its owner in the parent tree, and no text is
    // drawn outside marked content (tagged or artifact).
    let parent_tree = doc
        .get_dictionary(root.get(b"ParentTree").unwrap().as_reference().unwrap())
        .unwrap();
    let nums = parent_tree.get(b"Nums").unwrap().as_array().unwrap();
    let mut spans = 0;
    for (page_no, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).unwrap();
        let key = page.get(b"StructParents").unwrap().as_i64().unwrap();
        let at = nums
            .iter()
            .position(|n| n.as_i64().ok() == Some(key))
            .unwrap();
        let owners = doc
            .dereference(&nums[at + 1])
            .unwrap()
            .1
            .as_array()
            .unwrap()
            .len();
        let content = doc.get_and_decode_page_content(page_id).unwrap();
        let (mut depth, mut mcids) = (0i32, 0usize);
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    depth += 1;
                    // A status symbol's span (ActualText, no MCID) sits inside its cell's
                    // marked content.
                    let props = op.operands.get(1).and_then(|p| p.as_dict().ok());
                    if props.is_some_and(|p| p.has(b"MCID")) {
                        mcids += 1;
                    } else {
                        spans += 1;
                    }
                }
                "BMC" => depth += 1,
                "EMC" => depth -= 1,
                "Tj" | "TJ" => assert!(depth > 0, "page {page_no}: text outside marked content"),
                _ => {}
            }
        }
        assert_eq!(
            mcids, owners,
            "page {page_no}: every marked-content id has its element"
        );
    }

    // Every status symbol drawn (at least one per promise in the summary) is in such a span.
    assert!(spans >= 11, "{spans} status symbols marked");

    // The outline: one bookmark per section, the promises under their section.
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut titles = vec![];
    let mut next = outlines
        .get(b"First")
        .ok()
        .and_then(|f| f.as_reference().ok());
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        let title = item
            .get(b"Title")
            .and_then(lopdf::decode_text_string)
            .unwrap();
        let first_kid = item.get(b"First").ok().map(|k| {
            let kid = doc.get_dictionary(k.as_reference().unwrap()).unwrap();
            kid.get(b"Title")
                .and_then(lopdf::decode_text_string)
                .unwrap()
        });
        titles.push((title, first_kid));
        next = item.get(b"Next").ok().and_then(|n| n.as_reference().ok());
    }
    let police = titles
        .iter()
        .find(|(t, _)| t == "Polisens löften")
        .expect("a section bookmark");
    let first = police.1.as_deref().unwrap_or_default();
    assert!(
        first.starts_with("P1 · "),
        "the promises under their section: {titles:?}"
    );
    assert!(
        titles.iter().any(|(t, _)| t.starts_with("Bilaga A")),
        "{titles:?}"
    );
}

/// The PDF and the workbook agree: every promise's and outcome's status in the workbook's
/// summary is the one the PDF's section heading gives.
#[test]
fn pdf_headings_and_workbook_summary_give_the_same_statuses() {
    let (_input, out) = sample_run("2017-T2", lofte::fmt::Lang::Sv);
    let dir = out.path().join("2017-T2");
    let mut wb: Xlsx<_> = open_workbook(dir.join("lofte-2017-T2.xlsx")).unwrap();
    let summary = wb.worksheet_range("Sammanfattning").unwrap();
    let pdf = pdf_text(&dir.join("lofte-2017-T2.pdf"));
    let rows: Vec<(String, String)> = summary
        .rows()
        .skip(5)
        // Status word in column F, its symbol beside it in G.
        // (The PDF's symbol is drawn but not spoken: its text has the word alone.)
        .map(|r| (r[0].to_string(), r[5].to_string()))
        .filter(|(id, _)| !id.is_empty())
        .collect();
    assert_eq!(rows.len(), 5, "P1, P3, K2, U1, U3");
    for (id, status) in rows {
        assert!(
            pdf.contains(&format!("{id} · {status}")),
            "PDF heading for {id} is not {status:?}"
        );
    }
}

#[test]
fn command_line_help_and_mistakes_are_in_swedish() {
    let lofte = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_lofte"))
            .args(args)
            .output()
            .unwrap();
        let text =
            String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
        (o.status.code(), text)
    };
    let (code, help) = lofte(&["run", "--help"]);
    assert_eq!(code, Some(0));
    for swedish in [
        "Användning: lofte run [FLAGGOR]",
        "Flaggor:",
        "Visa den här hjälpen",
    ] {
        assert!(help.contains(swedish), "{help}");
    }
    for english in [
        "Usage",
        "Options",
        "Print help",
        "[default:",
        "Possible values",
    ] {
        assert!(!help.contains(english), "{english} in {help}");
    }
    let (code, mistake) = lofte(&["run", "--iput", "x"]);
    assert_eq!(code, Some(2));
    assert!(
        mistake.contains("fel: okänt argument '--iput' (menade du '--input'?)"),
        "{mistake}"
    );
    let (_, period) = lofte(&["run", "--period", "2017-T9"]);
    assert!(period.contains("ogiltigt värde '2017-T9'"), "{period}");
    let (code, stated) = lofte(&["run", "--data-tom", "lgg=2019-12-31"]);
    assert_eq!(code, Some(2));
    assert!(stated.contains("okänt slag 'lgg'"), "{stated}");
}

#[test]
fn the_report_says_what_changed_since_the_previous_tertial() {
    let (_input, out) = sample_run("2017-T2", lofte::fmt::Lang::Sv);
    let path = out.path().join("2017-T2").join("lofte-2017-T2.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let rows = sheet_rows(&mut wb, "Sedan förra");
    let status = |id: &str| {
        rows.iter()
            .find(|r| r["Id"] == id && r["Indikator"] == "Status")
            .map(|r| (r["Förra"].clone(), r["Nu"].clone()))
    };
    // P3: the spring term's two visits met the target in T1; in T2 the autumn term has begun
    // without a visit yet, so the promise is in progress.
    assert_eq!(
        status("P3"),
        Some(("Uppfyllt".to_string(), "Pågår".to_string()))
    );
    // U1 had no survey in T1: the year's survey is sent in August and counts from T2 on,
    // so in T1 it was still to come (Pågår, not Saknar data).
    assert_eq!(
        status("U1"),
        Some(("Pågår".to_string(), "Ingen säker förändring".to_string()))
    );
    // P4 kept its status: not listed.
    assert_eq!(status("P4"), None);
    // Narcotics 2017 so far: 2 in January–April, 10 by 31 August. The year to date covers
    // more days now: that is the new tertial's crimes piling up, not a change, so it is
    // not listed (it was, as "2 → 10").
    assert!(
        !rows
            .iter()
            .any(|r| r["Id"] == "U3" && r["Period"] == "2017"),
        "a year-to-date count compared across reports"
    );
    // The PDF says the same in words.
    let pdf = pdf_text(&out.path().join("2017-T2").join("lofte-2017-T2.pdf"));
    assert!(pdf.contains("Sedan förra rapporten (2017-T1)"), "{pdf}");
}

#[test]
fn pandas_and_r_read_indicators_csv_with_its_swedish_letters() {
    // The CSV carries a byte-order mark so that Swedish Excel shows å, ä and ö; pandas and R
    // (read.csv with the documented fileEncoding) must still see "subject" as the first
    // column and the letters intact. Debian's python3-pandas and r-base-core (.ci/run).
    let (_input, out) = sample_run("2017-T2", lofte::fmt::Lang::Sv);
    let csv = out.path().join("2017-T2").join("indicators.csv");
    let script = format!(
        "import pandas as pd\nd = pd.read_csv({:?})\nprint(d.columns[0])\nprint(d[d.subject == 'P3'].indicator.iloc[0])",
        csv.display().to_string()
    );
    let pandas = std::process::Command::new("/usr/bin/python3")
        .args(["-c", &script])
        .output()
        .expect("Debian's python3 with python3-pandas");
    let pandas = String::from_utf8(pandas.stdout).unwrap();
    assert_eq!(pandas, "subject\nbesök per termin\n");
    let r = std::process::Command::new("Rscript")
        .args([
            "-e",
            &format!(
                "d <- read.csv({:?}, fileEncoding = 'UTF-8-BOM'); cat(names(d)[1], d$indicator[d$subject == 'P3'][1], sep = '\\n')",
                csv.display().to_string()
            ),
        ])
        .output()
        .expect("Debian's r-base-core");
    assert_eq!(
        String::from_utf8(r.stdout).unwrap(),
        "subject\nbesök per termin\n"
    );
}

#[test]
fn check_names_each_source_the_promise_needs_and_what_is_missing() {
    let input = tempfile::tempdir().unwrap();
    sample_folder(input.path());
    // Without the crime workbook, the crime outcome has no source.
    let crime = std::fs::read_dir(input.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("brott")
        })
        .expect("the sample's crime workbook");
    std::fs::remove_file(crime).unwrap();
    let catalog = lofte::catalog::load(&input.path().join("lofte.toml")).unwrap();
    let ingested = lofte::ingest::read_folder(input.path(), &catalog).unwrap();
    let mut text = Vec::new();
    lofte::report::write_sources(&mut text, &catalog, &ingested).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("saknas: brottsstatistik (U3 behöver den)"),
        "{text}"
    );
    assert!(text.contains("lägesrapporter:"), "{text}");
    assert!(!text.contains("saknas: lägesrapporter"), "{text}");
}

#[test]
fn the_council_reads_why_a_row_was_rejected_and_the_analyst_also_what_to_do() {
    let (_input, out) = sample_run("2017-T2", lofte::fmt::Lang::Sv);
    let dir = out.path().join("2017-T2");
    // The sample's visit at a place the catalog does not know.
    let pdf = pdf_text(&dir.join("lofte-2017-T2.pdf"));
    assert!(pdf.contains("okänd plats"), "the PDF names the reason");
    assert!(
        !pdf.contains("[[plats]]") && !pdf.contains("alias under"),
        "the advice in the catalog's syntax is not for the council"
    );
    let mut wb: Xlsx<_> = open_workbook(dir.join("lofte-2017-T2.xlsx")).unwrap();
    let quality = wb.worksheet_range("Datakvalitet").unwrap();
    let row = quality
        .rows()
        .find(|r| r.iter().any(|c| c.to_string() == "okänd plats"))
        .expect("the rejected row is listed in the workbook");
    let cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
    assert!(cells.contains(&"okänd plats".to_string()), "{cells:?}");
    assert!(
        cells
            .iter()
            .any(|c| c.starts_with("lägg till namnet som alias under [[plats]] i katalogen")),
        "the workbook's Åtgärd column: {cells:?}"
    );
}

#[test]
fn the_organisations_marks_are_on_every_report_and_a_pale_accent_is_refused() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    sample_folder(input.path());
    let profile = "\n[rapport]\norganisation = \"Landskrona stad\"\ndiarienummer = \"KS 2017/0123\"\nbeslutsdatum = 2017-03-15\nkontakt = \"Trygghetssamordnaren\"\naccentfarg = \"#7A1F2B\"\nlogotyp = \"logga.png\"\n";
    write(input.path(), "logga.png", &LOGO_PNG);
    std::fs::write(
        input.path().join("lofte.toml"),
        format!("{CATALOG}{profile}"),
    )
    .unwrap();
    run(input.path(), out.path(), "2017-T2").unwrap();
    let dir = out.path().join("2017-T2");
    let marks = "Utgiven av Landskrona stad · Dnr KS 2017/0123 · Löftet beslutat 2017-03-15 · Kontakt: Trygghetssamordnaren";
    let pdf = pdf_text(&dir.join("lofte-2017-T2.pdf"));
    assert!(pdf.contains(marks), "{pdf}");
    // Every page's footer names the case.
    assert!(
        pdf.contains("Testlöfte – uppföljning 2017-T2 · Dnr KS 2017/0123 Sida 1 av"),
        "{pdf}"
    );
    let html = std::fs::read_to_string(dir.join("lofte-2017-T2.html")).unwrap();
    assert!(html.contains(marks), "the HTML twin has the same marks");
    assert!(
        html.contains("h1,h2{color:#7a1f2b}"),
        "headings in the accent"
    );
    assert!(
        !html.contains("#004a8c}"),
        "no default accent left in the style"
    );
    let mut wb: Xlsx<_> = open_workbook(dir.join("lofte-2017-T2.xlsx")).unwrap();
    let summary = wb.worksheet_range("Sammanfattning").unwrap();
    let about = summary.get_value((1, 0)).unwrap().to_string();
    assert!(about.ends_with(marks), "{about}");
    // The logo: on the PDF's first page (lossless, one image), in the HTML as decoration
    // (alt=""), and on the workbook's first sheet.
    let images = std::process::Command::new("pdfimages")
        .args(["-list"])
        .arg(dir.join("lofte-2017-T2.pdf"))
        .output()
        .unwrap();
    let images = String::from_utf8(images.stdout).unwrap();
    let logo: Vec<&str> = images.lines().skip(2).collect();
    assert_eq!(logo.len(), 1, "{images}");
    assert!(
        logo[0]
            .split_whitespace()
            .take(5)
            .eq(["1", "0", "image", "4", "2"]),
        "{images}"
    );
    assert!(html.contains("<img class=\"logo\" src=\"data:image/png;base64,iVBORw0KGgo"));
    assert!(html.contains("\" alt=\"\">"));
    let file = std::fs::File::open(dir.join("lofte-2017-T2.xlsx")).unwrap();
    assert!(zip::ZipArchive::new(file)
        .unwrap()
        .by_name("xl/media/image1.png")
        .is_ok());

    // A logo that is no image is refused, naming the file and what to do, before any work.
    write(input.path(), "logga.png", b"<svg/>");
    let err = format!(
        "{:#}",
        run(input.path(), out.path(), "2017-T2").unwrap_err()
    );
    assert!(
        err.contains("logga.png: filen är varken PNG eller JPEG"),
        "{err}"
    );
    write(input.path(), "logga.png", &LOGO_PNG);

    // #FFD700 (gold) on white is 1.4:1: unreadable as heading text, refused with its line.
    let pale = profile.replace("#7A1F2B", "#FFD700");
    std::fs::write(input.path().join("lofte.toml"), format!("{CATALOG}{pale}")).unwrap();
    let err = format!(
        "{:#}",
        run(input.path(), out.path(), "2017-T2").unwrap_err()
    );
    assert!(err.contains("accentfarg '#FFD700' är för ljus"), "{err}");
    assert!(err.contains("kontrast 1,4:1"), "{err}");
}

#[test]
fn workbook_charts_stay_whole_when_a_table_is_filtered_and_use_the_pdfs_colours() {
    let (_input, out) = sample_run("2017-T2", lofte::fmt::Lang::Sv);
    let file = std::fs::File::open(out.path().join("2017-T2/lofte-2017-T2.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.to_string()))
        .filter(|n| n.starts_with("xl/drawings/drawing") && n.ends_with(".xml"))
        .collect();
    let mut read = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    assert!(!names.is_empty(), "the sample's workbook has charts");
    for drawing in &names {
        let xml = read(drawing);
        // Every chart is anchored absolutely: hiding the rows beside it (a filter) leaves
        // it as it is, where "twoCell" anchoring shrank it to a sliver.
        let anchors = xml.matches("<xdr:twoCellAnchor").count();
        assert_eq!(
            xml.matches("editAs=\"absolute\"").count(),
            anchors,
            "{drawing}"
        );
    }
    // The first series of a chart in the PDF's first colour (#004a8c), as the PDF and HTML.
    let chart = read("xl/charts/chart1.xml");
    let first = chart.find("srgbClr val=").map(|i| &chart[i + 13..i + 19]);
    assert_eq!(first, Some("004A8C"));
}

/// A 4 × 2 PNG in one colour, written by hand: signature, IHDR (8-bit RGB), one IDAT, IEND.
const LOGO_PNG: [u8; 73] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 2, 8, 2, 0,
    0, 0, 240, 202, 234, 52, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 168, 146, 215, 134, 35, 6,
    100, 14, 0, 82, 50, 6, 33, 121, 92, 176, 204, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[test]
fn an_open_status_note_older_than_a_tertial_says_so() {
    // K2's notes: Pågår 2017-04-01, Försenat 2017-08-28. Reported for 2017-T3 with the notes
    // stated complete to 2017-12-31: the latest note (28 August) is more than a tertial
    // (four months, before 31 August) older than the notes' data date, so the result says
    // so; for 2017-T2 (notes to 31 August) it is current and says nothing of the kind.
    let input = tempfile::tempdir().unwrap();
    sample_folder(input.path());
    let stale =
        "Lägesrapporten är mer än ett tertial äldre än lägesrapporternas datadatum 2017-12-31";
    for (period, through, expected) in [("2017-T3", (12, 31), true), ("2017-T2", (8, 31), false)] {
        let out = tempfile::tempdir().unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2017, through.0, through.1).unwrap();
        lofte::run(lofte::Command::Run(lofte::RunConfig {
            input: input.path().to_path_buf(),
            out: out.path().to_path_buf(),
            catalog: input.path().join("lofte.toml"),
            period: Some(period.parse().unwrap()),
            lang: lofte::fmt::Lang::Sv,
            allow_incomplete: false,
            quiet: true,
            stated_through: vec![(lofte::catalog::Source::Lagesrapporter, day)],
        }))
        .unwrap();
        let text = pdf_text(&out.path().join(period).join(format!("lofte-{period}.pdf")));
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(flat.contains(stale), expected, "{period}: {flat}");
    }
}
