//! Verdicts at the edges of time and of the breakdowns, each with numbers worked out by hand
//! and read back from every output the council or the analyst sees: a promise that starts
//! and ends mid-month, a log that runs on past the report's period, a stated data date, a
//! month per focus tag, an untargeted count per part of the area, a four-year commitment
//! without a target, a renamed survey answer, an unknown place in a count by place, and a
//! broken log with the other sources read.

mod common;

use std::collections::HashMap;
use std::path::Path;

use calamine::{open_workbook, Reader, Xlsx};
use common::{csv_rows, pdf_text, run_with, sheet_rows, workbook, write, V};
use lofte::{fmt::Lang, Command, RunConfig};

/// (period, part, focus, value, status) of every `subject` row whose indicator is the
/// judged count (not a beside-row), in file order.
fn csv_counts(rows: &[HashMap<String, String>], subject: &str) -> Vec<[String; 5]> {
    rows.iter()
        .filter(|r| r["subject"] == subject && !r["period"].is_empty())
        .map(|r| {
            [
                r["period"].clone(),
                r["part"].clone(),
                r["focus"].clone(),
                r["value"].clone(),
                r["status"].clone(),
            ]
        })
        .collect()
}

fn strings(rows: &[[&str; 5]]) -> Vec<[String; 5]> {
    rows.iter().map(|r| r.map(str::to_string)).collect()
}

/// A sheet's rows as maps keyed by the header row's cells.
fn sheet(path: &Path, name: &str) -> Vec<HashMap<String, String>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    sheet_rows(&mut wb, name)
}

/// The cells of the first row of a sheet whose first cell is `id` (a sheet with title rows
/// above its table, such as Sammanfattning).
fn row_of(path: &Path, name: &str, id: &str) -> Vec<String> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    let row = range
        .rows()
        .find(|r| r.first().is_some_and(|c| c.to_string() == id))
        .unwrap_or_else(|| panic!("no row {id} in {name}"));
    row.iter().map(|c| c.to_string()).collect()
}

fn log_sheet(rows: Vec<Vec<V>>) -> Vec<u8> {
    workbook(&[("Logg", 0, 0, rows)])
}

const MID_MONTH: &str = r#"
titel = "Löfte från mitten av november"
omrade = "Norr"
fran = 2020-11-18
till = 2021-03-31
parter = ["Polisen"]

[[lofte]]
id = "P1"
part = "Polisen"
text = "Minst en patrull i månaden."
matt = { typ = "rakna", loggtyper = ["Patrull"], per = "manad", minst = 1 }

[[lofte]]
id = "P2"
part = "Polisen"
text = "Minst två patruller per tertial."
matt = { typ = "rakna", loggtyper = ["Patrull"], per = "tertial", minst = 2 }

[[lofte]]
id = "P3"
part = "Polisen"
text = "Ett möte i månaden."
matt = { typ = "rakna", loggtyper = ["Möte"], per = "manad", minst = 1 }
"#;

#[test]
fn a_promise_that_starts_and_ends_mid_month_counts_only_its_own_days() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write(input.path(), "lofte.toml", MID_MONTH.as_bytes());
    let row = |y, m, d, kind| vec![V::D(y, m, d), V::T(kind)];
    write(
        input.path(),
        "logg.xlsx",
        &log_sheet(vec![
            vec![V::T("Datum"), V::T("Typ")],
            // Before the promise began: never counted.
            row(2020, 11, 5, "Patrull"),
            row(2020, 11, 10, "Möte"),
            row(2020, 11, 20, "Patrull"),
            row(2020, 12, 5, "Möte"),
            row(2020, 12, 10, "Patrull"),
            row(2021, 1, 15, "Patrull"),
            row(2021, 3, 20, "Patrull"),
            // After it ended: never counted either.
            row(2021, 4, 10, "Patrull"),
        ]),
    );
    run_with(input.path(), out.path(), "2020-2021", false).unwrap();
    let dir = out.path().join("2020-2021");
    let rows = csv_rows(&dir.join("indicators.csv"));
    // P1 per month, 18 November – 31 March: November counts only the 20th (the 5th was
    // before the promise); February has none and is over.
    let month = |p: &'static str, v: &'static str, s: &'static str| [p, "", "", v, s];
    assert_eq!(
        csv_counts(&rows, "P1"),
        strings(&[
            month("2020-11", "1", "Uppfyllt"),
            month("2020-12", "1", "Uppfyllt"),
            month("2021-01", "1", "Uppfyllt"),
            month("2021-02", "0", "Ej uppfyllt"),
            month("2021-03", "1", "Uppfyllt"),
        ])
    );
    // P2 per tertial: 2020-T3 is 18 November – 31 December (2 patrols), 2021-T1 is
    // January–March (2); no tertial before the promise or after it is listed.
    assert_eq!(
        csv_counts(&rows, "P2"),
        strings(&[
            month("2020-T3", "2", "Uppfyllt"),
            month("2021-T1", "2", "Uppfyllt"),
        ])
    );
    // P3: the only November meeting was on the 10th, before the promise: November is 0
    // and not met (it was judged met on that row).
    assert_eq!(
        csv_counts(&rows, "P3")[0],
        month("2020-11", "0", "Ej uppfyllt").map(str::to_string)
    );
    let pdf = pdf_text(&dir.join("lofte-2020-2021.pdf"));
    assert!(pdf.contains("(2020-11-18 – 2021-03-31)"), "{pdf}");
    assert!(pdf.contains("Data t.o.m. 2021-03-31."), "{pdf}");
    // The patrols of 5 November and 10 April lie in the report's years but outside the
    // promise: not counted, and said so (P1 and P2), as is the meeting of 10 November (P3).
    assert!(
        pdf.contains("2 rader utanför löftesperioden räknades inte"),
        "{pdf}"
    );
    assert!(
        pdf.contains("1 rad utanför löftesperioden räknades inte"),
        "{pdf}"
    );

    // The year report for 2020 shows only the tertial the promise covers.
    run_with(input.path(), out.path(), "2020", false).unwrap();
    let dir = out.path().join("2020");
    let tertials = sheet(&dir.join("lofte-2020.xlsx"), "Tertialer");
    let headers: Vec<&String> = tertials[0].keys().collect();
    assert!(
        !headers.iter().any(|h| *h == "T1" || *h == "T2"),
        "{headers:?}"
    );
    let p2 = tertials.iter().find(|r| r["Id"] == "P2").unwrap();
    assert_eq!(p2["T3"], "Uppfyllt");
    let pdf = pdf_text(&dir.join("lofte-2020.pdf"));
    assert!(
        pdf.contains("helår 2020 (2020-11-18 – 2020-12-31)"),
        "{pdf}"
    );
}

const TWO_YEARS: &str = r#"
titel = "Löfte 2019–2020"
omrade = "Norr"
fran = 2019-01-01
till = 2020-12-31
parter = ["Polisen"]

[[lofte]]
id = "P1"
part = "Polisen"
text = "Så många fredagar och lördagar som möjligt."
matt = { typ = "rakna", loggtyper = ["Patrull"], veckodagar = ["fre", "lör"], rakna = "andel_dagar", per = "ar" }

[[lofte]]
id = "P2"
part = "Polisen"
text = "Ett möte per tertial."
matt = { typ = "rakna", loggtyper = ["Möte"], per = "tertial", minst = 1 }
"#;

/// Patrols every Friday of 2019 up to 20 December, meetings in the first two tertials, and
/// (when `to_2020`) patrols on into 2020.
fn two_year_log(to_2020: bool) -> Vec<u8> {
    let mut rows = vec![vec![V::T("Datum"), V::T("Typ")]];
    let mut d = chrono::NaiveDate::from_ymd_opt(2019, 1, 4).unwrap();
    while d <= chrono::NaiveDate::from_ymd_opt(2019, 12, 20).unwrap() {
        use chrono::Datelike;
        rows.push(vec![
            V::D(d.year() as u16, d.month() as u8, d.day() as u8),
            V::T("Patrull"),
        ]);
        d = d + chrono::Days::new(7);
    }
    rows.push(vec![V::D(2019, 3, 1), V::T("Möte")]);
    rows.push(vec![V::D(2019, 6, 1), V::T("Möte")]);
    if to_2020 {
        rows.push(vec![V::D(2020, 6, 5), V::T("Patrull")]);
        rows.push(vec![V::D(2020, 12, 31), V::T("Patrull")]);
    }
    log_sheet(rows)
}

#[test]
fn a_log_that_runs_past_the_period_shows_the_period_over_and_its_quiet_end_as_nothing() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write(input.path(), "lofte.toml", TWO_YEARS.as_bytes());
    write(input.path(), "logg.xlsx", &two_year_log(true));
    run_with(input.path(), out.path(), "2019", false).unwrap();
    let dir = out.path().join("2019");
    let rows = csv_rows(&dir.join("indicators.csv"));
    // 51 Fridays with a patrol (4 January – 20 December) of the 104 Fridays and Saturdays
    // of 2019 — the whole year, not only up to the last patrol — and no target: reported.
    let p1 = rows.iter().find(|r| r["subject"] == "P1").unwrap();
    assert_eq!(
        (p1["value"].as_str(), p1["n"].as_str()),
        ("0.490385", "104")
    );
    assert_eq!(p1["status"], "", "a span without a target has no verdict");
    // Meetings in T1 and T2, none in T3: T3 is over and failed, the promise partly met
    // (it was judged "Pågår" up to the last patrol, 20 December).
    let status = |p: &str| {
        rows.iter()
            .find(|r| r["subject"] == "P2" && r["period"] == p)
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status("2019-T3"), "Ej uppfyllt");
    let pdf = pdf_text(&dir.join("lofte-2019.pdf"));
    assert!(pdf.contains("Data t.o.m. 2019-12-31."), "{pdf}");
    assert!(!pdf.contains("perioden pågår"), "{pdf}");
    assert!(
        pdf.contains("loggar t.o.m. 2020-12-31 (senaste raden)"),
        "{pdf}"
    );
    let p2 = row_of(&dir.join("lofte-2019.xlsx"), "Sammanfattning", "P2");
    assert!(p2.contains(&"Delvis uppfyllt".to_string()), "{p2:?}");
}

#[test]
fn a_stated_data_date_closes_a_period_whose_last_week_was_quiet() {
    // The same log without 2020: its last row is 20 December 2019. Inferred, the year is
    // still running at that date; stated complete to 31 December, it is over.
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write(input.path(), "logg.xlsx", &two_year_log(false));
    write(input.path(), "lofte.toml", TWO_YEARS.as_bytes());
    run_with(input.path(), out.path(), "2019", false).unwrap();
    let rows = csv_rows(&out.path().join("2019").join("indicators.csv"));
    let t3 = |rows: &[HashMap<String, String>]| {
        rows.iter()
            .find(|r| r["subject"] == "P2" && r["period"] == "2019-T3")
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(t3(&rows), "Pågår");

    // Stated on the command line (`--data-tom logg=2019-12-31`) for one run.
    lofte::run(Command::Run(RunConfig {
        input: input.path().to_path_buf(),
        out: out.path().to_path_buf(),
        catalog: input.path().join("lofte.toml"),
        period: Some("2019".parse().unwrap()),
        lang: Lang::Sv,
        allow_incomplete: false,
        quiet: true,
        stated_through: vec![(
            lofte::catalog::Source::Logg,
            chrono::NaiveDate::from_ymd_opt(2019, 12, 31).unwrap(),
        )],
    }))
    .unwrap();
    let rows = csv_rows(&out.path().join("2019").join("indicators.csv"));
    assert_eq!(t3(&rows), "Ej uppfyllt");

    let stated = format!("{TWO_YEARS}\n[data_tom]\nlogg = 2019-12-31\n");
    write(input.path(), "lofte.toml", stated.as_bytes());
    run_with(input.path(), out.path(), "2019", false).unwrap();
    let dir = out.path().join("2019");
    let rows = csv_rows(&dir.join("indicators.csv"));
    assert_eq!(t3(&rows), "Ej uppfyllt");
    let pdf = pdf_text(&dir.join("lofte-2019.pdf"));
    assert!(
        pdf.contains("loggar t.o.m. 2019-12-31 (angivet av analytikern)"),
        "{pdf}"
    );
}

const FOCUS: &str = r#"
titel = "Fokuslöfte"
omrade = "Norr"
ar = 2017
parter = ["Polisen"]

[[lofte]]
id = "P4"
part = "Polisen"
text = "Insatser mot narkotika och vapen varje månad."
matt = { typ = "insatser", fokus = ["narkotika", "vapen"], minst_per_manad = 1, per_fokus = true }
"#;

#[test]
fn a_month_per_focus_tag_names_its_tag_in_every_output_and_its_total_once() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write(input.path(), "lofte.toml", FOCUS.as_bytes());
    let row = |m, d, kind, focus| vec![V::D(2017, m, d), V::T(kind), V::T(focus)];
    write(
        input.path(),
        "logg.xlsx",
        &log_sheet(vec![
            vec![V::T("Datum"), V::T("Typ"), V::T("Fokus")],
            row(5, 3, "Insats", "narkotika"),
            row(5, 10, "Insats", "narkotika, vapen"),
            row(6, 1, "Kontroll", "vapen"),
            row(6, 30, "Kontroll", "trafik"),
        ]),
    );
    run_with(input.path(), out.path(), "2017-T2", false).unwrap();
    let dir = out.path().join("2017-T2");
    // May: narkotika 2, vapen 1, both met; the month's total 2 (the 10 May row carries
    // both tags, counted once). June: narkotika 0 (not met), vapen 1; total 1. Data end
    // 30 June: July and August are not shown.
    let rows = csv_rows(&dir.join("indicators.csv"));
    assert_eq!(
        csv_counts(&rows, "P4"),
        strings(&[
            ["2017-05", "", "narkotika", "2", "Uppfyllt"],
            ["2017-05", "", "vapen", "1", "Uppfyllt"],
            ["2017-05", "", "", "2", ""],
            ["2017-06", "", "narkotika", "0", "Ej uppfyllt"],
            ["2017-06", "", "vapen", "1", "Uppfyllt"],
            ["2017-06", "", "", "1", ""],
        ])
    );
    let sheet_rows = sheet(&dir.join("lofte-2017-T2.xlsx"), "Insatser");
    let focus: Vec<(&str, &str, &str)> = sheet_rows
        .iter()
        .map(|r| {
            (
                r["Period"].as_str(),
                r["Fokus"].as_str(),
                r["Värde"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        focus,
        vec![
            ("2017-05", "narkotika", "2"),
            ("2017-05", "vapen", "1"),
            ("2017-05", "", "2"),
            ("2017-06", "narkotika", "0"),
            ("2017-06", "vapen", "1"),
            ("2017-06", "", "1"),
        ]
    );
    let pdf = pdf_text(&dir.join("lofte-2017-T2.pdf"));
    assert!(pdf.contains("narkotika – insatser"), "{pdf}");
    assert!(pdf.contains("vapen – insatser"), "{pdf}");
    let html = std::fs::read_to_string(dir.join("lofte-2017-T2.html")).unwrap();
    assert!(html.contains("narkotika – insatser"), "the HTML twin");
}

const PARTS: &str = r#"
titel = "Delområdeslöfte"
omrade = "Öster"
ar = 2017
parter = ["Polisen"]

[[delomrade]]
namn = "Bellevue"

[[delomrade]]
namn = "Centrum"

[[lofte]]
id = "P1"
part = "Polisen"
text = "Patrullera i båda delområdena."
matt = { typ = "rakna", loggtyper = ["Patrull"], per = "tertial", per_omrade = true }
"#;

#[test]
fn an_untargeted_count_per_part_names_each_part_and_totals_once() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write(input.path(), "lofte.toml", PARTS.as_bytes());
    let row = |m, d, area| vec![V::D(2017, m, d), V::T("Patrull"), V::T(area)];
    write(
        input.path(),
        "logg.xlsx",
        &log_sheet(vec![
            vec![V::T("Datum"), V::T("Typ"), V::T("Område")],
            row(2, 10, "Bellevue"),
            row(6, 10, "Bellevue"),
            row(10, 10, "Bellevue"),
            row(3, 10, "Centrum"),
            row(12, 30, "Centrum"),
        ]),
    );
    run_with(input.path(), out.path(), "2017", false).unwrap();
    let dir = out.path().join("2017");
    let rows = csv_rows(&dir.join("indicators.csv"));
    // Bellevue 1 + 1 + 1, Centrum 1 + 0 + 1, the whole 2 + 1 + 2; no target, no verdict.
    let t = |p: &'static str, part: &'static str, v: &'static str| [p, part, "", v, ""];
    assert_eq!(
        csv_counts(&rows, "P1"),
        strings(&[
            t("2017-T1", "Bellevue", "1"),
            t("2017-T1", "Centrum", "1"),
            t("2017-T1", "", "2"),
            t("2017-T2", "Bellevue", "1"),
            t("2017-T2", "Centrum", "0"),
            t("2017-T2", "", "1"),
            t("2017-T3", "Bellevue", "1"),
            t("2017-T3", "Centrum", "1"),
            t("2017-T3", "", "2"),
        ])
    );
    // The whole's rows are the area's own: Öster, without a part.
    assert!(rows.iter().all(|r| r["area"] == "Öster"));
    let pdf = pdf_text(&dir.join("lofte-2017.pdf"));
    // The summary's total is the 5 patrols once (it was 10: the parts and the whole).
    assert!(pdf.contains("totalt 5 "), "{pdf}");
    assert!(!pdf.contains("totalt 10 "), "{pdf}");
    assert!(pdf.contains("Bellevue – "), "{pdf}");
    assert!(pdf.contains("Centrum – "), "{pdf}");
    assert!(pdf.contains("Redovisas – inget mål"), "{pdf}");
    let html = std::fs::read_to_string(dir.join("lofte-2017.html")).unwrap();
    assert!(
        html.contains("Bellevue – ") && html.contains("Centrum – "),
        "the HTML twin"
    );
    let counts = sheet(&dir.join("lofte-2017.xlsx"), "Räkningar");
    let parts: Vec<&str> = counts.iter().map(|r| r["Delområde"].as_str()).collect();
    assert_eq!(
        parts,
        vec!["Bellevue", "Centrum", "", "Bellevue", "Centrum", "", "Bellevue", "Centrum", ""]
    );
}

#[test]
fn a_four_year_commitment_without_a_target_is_reported_never_fulfilled() {
    // Operations in 2020 (2) and 2021 (1), none in 2022 and 2023; the log is complete to
    // the promise's end. It was "✓ Uppfyllt" because something was done at all.
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let catalog = r#"
titel = "Fyraårslöfte"
omrade = "Norr"
fran = 2020-01-01
till = 2023-12-31
parter = ["Polisen"]

[data_tom]
logg = 2023-12-31

[[lofte]]
id = "P1"
part = "Polisen"
text = "Genomföra insatser mot narkotika."
matt = { typ = "rakna", loggtyper = ["Insats"], per = "ar" }
"#;
    write(input.path(), "lofte.toml", catalog.as_bytes());
    write(
        input.path(),
        "logg.xlsx",
        &log_sheet(vec![
            vec![V::T("Datum"), V::T("Typ")],
            vec![V::D(2020, 3, 1), V::T("Insats")],
            vec![V::D(2020, 9, 1), V::T("Insats")],
            vec![V::D(2021, 5, 1), V::T("Insats")],
        ]),
    );
    run_with(input.path(), out.path(), "2020-2023", false).unwrap();
    let dir = out.path().join("2020-2023");
    let rows = csv_rows(&dir.join("indicators.csv"));
    let t = |p: &'static str, v: &'static str| [p, "", "", v, ""];
    assert_eq!(
        csv_counts(&rows, "P1"),
        strings(&[
            t("2020", "2"),
            t("2021", "1"),
            t("2022", "0"),
            t("2023", "0")
        ])
    );
    let p1 = row_of(&dir.join("lofte-2020-2023.xlsx"), "Sammanfattning", "P1");
    assert!(p1.contains(&"Redovisas – inget mål".to_string()), "{p1:?}");
    assert!(!p1.contains(&"Uppfyllt".to_string()), "{p1:?}");
}

#[test]
fn a_renamed_survey_answer_stops_the_run_with_the_nearest_answer() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let catalog = r#"
titel = "Enkätlöfte"
omrade = "Norr"
ar = 2017
parter = ["Polisen"]

[[utfall]]
id = "U1"
text = "Förtroendet ska öka."
kalla = "Trygghetsmätningen"
matt = { typ = "enkat", indikatorer = ["fortroende"], baslinje_ar = 2016 }

[[enkatindikator]]
id = "fortroende"
namn = "Stort förtroende"
fraga = "Förtroende"
andel_svar = ["Mycket stort förtroende", "Ganska stort förtroende"]
ej_svar = ["Vet ej"]
battre = "hogre"
"#;
    write(input.path(), "lofte.toml", catalog.as_bytes());
    let mut rows = vec![vec![V::T("År"), V::T("Område"), V::T("Förtroende")]];
    for year in [2016.0, 2017.0] {
        for answer in ["Ganska stort", "Ganska stort", "Litet", "Vet ej"] {
            rows.push(vec![V::N(year), V::T("Norr"), V::T(answer)]);
        }
    }
    write(
        input.path(),
        "enkat.xlsx",
        &workbook(&[("Svar", 0, 0, rows)]),
    );
    let err = format!(
        "{:#}",
        run_with(input.path(), out.path(), "2017", false).unwrap_err()
    );
    assert!(
        err.contains("svaret 'Ganska stort förtroende' i andel_svar finns inte bland svaren i kolumnen 'Förtroende'"),
        "{err}"
    );
    assert!(err.contains("menade du 'Ganska stort'?"), "{err}");
    assert!(
        !out.path().join("2017").exists(),
        "no report with a silent 0 %"
    );
}

#[test]
fn a_place_the_catalog_does_not_know_is_rejected_in_a_count_by_place() {
    let input = tempfile::tempdir().unwrap();
    let catalog = r#"
titel = "Platslöfte"
omrade = "Norr"
ar = 2017
parter = ["Polisen"]

[[plats]]
id = "lorensborg"
namn = "Lorensborgsskolan"

[[lofte]]
id = "P1"
part = "Polisen"
text = "Patrullera vid skolan."
matt = { typ = "rakna", loggtyper = ["Patrull"], platser = ["lorensborg"], per = "ar", minst = 2 }
"#;
    write(input.path(), "lofte.toml", catalog.as_bytes());
    write(
        input.path(),
        "logg.xlsx",
        &log_sheet(vec![
            vec![V::T("Datum"), V::T("Typ"), V::T("Plats")],
            vec![V::D(2017, 3, 1), V::T("Patrull"), V::T("Lorensborgsskolan")],
            vec![V::D(2017, 4, 1), V::T("Patrull"), V::T("Lorensborgs skola")],
        ]),
    );
    let catalog = lofte::catalog::load(&input.path().join("lofte.toml")).unwrap();
    let ingested = lofte::ingest::read_folder(input.path(), &catalog).unwrap();
    let issue = ingested
        .issues()
        .next()
        .expect("the unknown place is rejected");
    assert_eq!(issue.reason, "okänd plats");
    assert_eq!(
        (issue.location.row, issue.location.column.as_deref()),
        (3, Some("C"))
    );
    assert!(
        issue
            .advice
            .as_deref()
            .unwrap_or("")
            .contains("menade du 'Lorensborgsskolan'?"),
        "{:?}",
        issue.advice
    );
}

#[test]
fn a_broken_log_leaves_the_periods_the_other_sources_reach() {
    // The log's Typ column is missing; the status notes reach June 2017. With
    // --tillat-ofullstandig, 2017-T2 is reported from what was read (it was refused: "indata
    // når bara till …" from the log alone).
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let catalog = r#"
titel = "Ofullständigt"
omrade = "Norr"
ar = 2017
parter = ["Polisen", "Kommunen"]

[[lofte]]
id = "P1"
part = "Polisen"
text = "Patrullera."
matt = { typ = "rakna", loggtyper = ["Patrull"], per = "tertial", minst = 1 }

[[lofte]]
id = "K1"
part = "Kommunen"
text = "Bygga belysning."
matt = { typ = "lagesrapport" }
"#;
    write(input.path(), "lofte.toml", catalog.as_bytes());
    write(
        input.path(),
        "logg.xlsx",
        &log_sheet(vec![
            vec![V::T("Datum"), V::T("Händelsetyp"), V::T("Plats")],
            vec![V::D(2017, 2, 2), V::T("Patrull"), V::T("Torget")],
        ]),
    );
    write(
        input.path(),
        "lage.xlsx",
        &workbook(&[(
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
                    V::T("K1"),
                    V::D(2017, 6, 10),
                    V::T("Pågår"),
                    V::T("Upphandlad."),
                ],
            ],
        )]),
    );
    assert!(run_with(input.path(), out.path(), "2017-T2", false).is_err());
    run_with(input.path(), out.path(), "2017-T2", true).unwrap();
    let rows = csv_rows(&out.path().join("2017-T2").join("indicators.csv"));
    let k1 = rows.iter().find(|r| r["subject"] == "K1").unwrap();
    assert_eq!(k1["status"], "Pågår");
}
