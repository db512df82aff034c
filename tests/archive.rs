//! The archive of published reports end to end: a revised figure shown with both values, a
//! new promise year that continues an outcome's series from the archive, `lofte verifiera`
//! on a published and an edited file, and a damaged archive that does not stop the reports.
//! Every expected number is counted by hand from the rows written here.

mod common;

use std::path::Path;

use calamine::{open_workbook, Xlsx};
use common::{pdf_text, run_with, sheet_rows, workbook, write, CATALOG, V};
use lofte::{Command, HistoryConfig, VerifyConfig};

/// Narcotics crimes, one row each: in 2017, `t1` in March (tertial 1) and 3 in June
/// (tertial 2); 2015 and 2016 have 2 in March and 2 in June each. The data reach
/// 2017-08-31 (a row of another category on that day).
fn crimes(t1: usize) -> Vec<u8> {
    let mut rows = vec![vec![V::T("Datum"), V::T("Brottskategori")]];
    let mut add = |y: u16, m: u8, n: usize| {
        for i in 0..n {
            rows.push(vec![
                V::D(y, m, 1 + i as u8),
                V::T("Narkotikabrott, innehav"),
            ]);
        }
    };
    for year in [2015, 2016] {
        add(year, 3, 2);
        add(year, 6, 2);
    }
    add(2017, 3, t1);
    add(2017, 6, 3);
    rows.push(vec![V::D(2017, 8, 31), V::T("Misshandel")]);
    workbook(&[("Brott", 0, 0, rows)])
}

/// Survey answers: per (year, "Stort", "Litet").
fn survey(years: &[(f64, usize, usize)]) -> Vec<u8> {
    let mut rows = vec![vec![V::T("År"), V::T("Område"), V::T("Förtroende")]];
    for &(year, yes, no) in years {
        for _ in 0..yes {
            rows.push(vec![V::N(year), V::T("Karlslund"), V::T("Stort")]);
        }
        for _ in 0..no {
            rows.push(vec![V::N(year), V::T("Karlslund"), V::T("Litet")]);
        }
    }
    workbook(&[("Svar", 0, 0, rows)])
}

fn folder(dir: &Path, catalog: &str, crime: &[u8], answers: &[u8]) {
    std::fs::write(dir.join("lofte.toml"), catalog).unwrap();
    write(dir, "brott.xlsx", crime);
    write(dir, "enkat.xlsx", answers);
}

fn read_sheet(path: &Path, sheet: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    sheet_rows(&mut wb, sheet)
}

#[test]
fn a_revised_crime_count_is_shown_with_what_was_published_and_why() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let answers = survey(&[(2016.0, 4, 6), (2017.0, 6, 4)]);
    // Tertial 1 published with 4 narcotics crimes in March 2017.
    folder(input.path(), CATALOG, &crimes(4), &answers);
    run_with(input.path(), out.path(), "2017-T1", false).unwrap();
    // Two crimes of March registered late: the same tertial now has 6.
    write(input.path(), "brott.xlsx", &crimes(6));
    run_with(input.path(), out.path(), "2017-T2", false).unwrap();

    let t2 = out.path().join("2017-T2");
    let since = read_sheet(&t2.join("lofte-2017-T2.xlsx"), "Sedan förra");
    let revised: Vec<(&str, &str, &str, &str)> = since
        .iter()
        .filter(|r| r["Id"] == "U3")
        .map(|r| {
            (
                r["Indikator"].as_str(),
                r["Period"].as_str(),
                r["Publicerat"].as_str(),
                r["Nu"].as_str(),
            )
        })
        .collect();
    // The tertial's count, 4 → 6, is the one revision: the same days (1 January – 30 April)
    // on both sides. The year to date (2017) covers more days now and is not compared.
    assert_eq!(
        revised,
        vec![(
            "anmälda brott per tertial: narkotikabrott",
            "2017-T1",
            "4",
            "6"
        )]
    );
    let text = pdf_text(&t2.join("lofte-2017-T2.pdf"));
    assert!(
        text.contains("Jämfört med rapporten för 2017-T1 i den version som publicerades"),
        "{text}"
    );
    assert!(
        text.contains("1 siffra för samma dagar har reviderats sedan dess"),
        "{text}"
    );
    // Why: the crime workbook changed, with 2 more rows used: 2015 and 2016 4 each, 2017
    // 4 + 3 = 15 then, 6 + 3 = 17 now (the row of another category is skipped, not used).
    assert!(
        text.contains("brott.xlsx har ändrats (15 använda rader då, 17 nu)"),
        "{text}"
    );
    // The archive lists both runs, and the first has one figure revised since.
    let archive =
        lofte::archive::Archive::open_existing(&out.path().join("lofte-arkiv.sqlite")).unwrap();
    let runs = archive.runs().unwrap();
    let listed: Vec<(&str, usize)> = runs
        .iter()
        .map(|r| (r.period.as_str(), r.revised_since))
        .collect();
    assert_eq!(listed, vec![("2017-T1", 1), ("2017-T2", 0)]);
    assert!(lofte::run(Command::History(HistoryConfig {
        out: out.path().to_path_buf()
    }))
    .is_ok());

    // One more March crime, and T2 published again: the statuses are still compared with
    // T1's report, the figures with the latest publication (T2's: 6 → 7, not T1's 4).
    write(input.path(), "brott.xlsx", &crimes(7));
    run_with(input.path(), out.path(), "2017-T2", false).unwrap();
    let since = read_sheet(&t2.join("lofte-2017-T2.xlsx"), "Sedan förra");
    let revised: Vec<(&str, &str)> = since
        .iter()
        .filter(|r| r["Id"] == "U3" && r["Period"] == "2017-T1")
        .map(|r| (r["Publicerat"].as_str(), r["Nu"].as_str()))
        .collect();
    assert_eq!(revised, vec![("6", "7")]);
    let status = since
        .iter()
        .find(|r| r["Id"] == "U1" && r["Indikator"] == "Status")
        .map(|r| r["Publicerat"].as_str());
    // In T1 the year's survey (sent in August) was still to come: Pågår.
    assert_eq!(status, Some("Pågår"), "U1's status in the T1 report");
    let text = pdf_text(&t2.join("lofte-2017-T2.pdf"));
    assert!(
        text.contains("Jämfört med rapporten för 2017-T1 i den version som publicerades"),
        "{text}"
    );
    assert!(
        text.contains(
            "Siffrorna jämförs också med den här periodens rapport i den version som publicerades"
        ),
        "{text}"
    );
    assert!(
        text.contains("brott.xlsx har ändrats (17 använda rader då, 18 nu)"),
        "{text}"
    );
}

#[test]
fn without_a_published_report_the_comparison_says_it_is_recomputed() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    folder(
        input.path(),
        CATALOG,
        &crimes(4),
        &survey(&[(2017.0, 6, 4)]),
    );
    run_with(input.path(), out.path(), "2017-T2", false).unwrap();
    let text = pdf_text(&out.path().join("2017-T2/lofte-2017-T2.pdf"));
    assert!(
        text.contains(
            "beräknad med dagens indata (arkivet har ingen publicerad rapport att jämföra med)"
        ),
        "{text}"
    );
    let since = read_sheet(
        &out.path().join("2017-T2/lofte-2017-T2.xlsx"),
        "Sedan förra",
    );
    assert!(since.iter().all(|r| r.contains_key("Förra")));
}

#[test]
fn a_new_promise_year_shows_the_earlier_years_its_input_no_longer_holds() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    // Year 1 (2017): trust 2016 4 of 10 = 40 %, 2017 6 of 10 = 60 %; crimes through 31 Dec
    // 2017 so that 2017 is a whole year.
    // Narcotics 2015–2017: 2 in March and 2 in June each year (4 a year); a row of another
    // category on 31 December 2017.
    let mut rows = vec![vec![V::T("Datum"), V::T("Brottskategori")]];
    for year in [2015u16, 2016, 2017] {
        for m in [3u8, 6] {
            for d in 1..=2u8 {
                rows.push(vec![V::D(year, m, d), V::T("Narkotikabrott, innehav")]);
            }
        }
    }
    rows.push(vec![V::D(2017, 12, 31), V::T("Misshandel")]);
    let crime_rows = workbook(&[("Brott", 0, 0, rows)]);
    folder(
        input.path(),
        CATALOG,
        &crime_rows,
        &survey(&[(2016.0, 4, 6), (2017.0, 6, 4)]),
    );
    run_with(input.path(), out.path(), "2017", false).unwrap();

    // Year 2 (2018): a new catalog for the same area; its input has 2018 only.
    let year2 = tempfile::tempdir().unwrap();
    let catalog = CATALOG
        .replace("titel = \"Testlöfte\"", "titel = \"Testlöfte 2018\"")
        .replace("ar = 2017", "ar = 2018")
        .replace("2017-", "2018-")
        .replace("baslinje_ar = 2016", "baslinje_ar = 2017")
        .replace("baslinje_ar = [2015, 2016]", "baslinje_ar = [2016, 2017]");
    let mut rows = vec![vec![V::T("Datum"), V::T("Brottskategori")]];
    for m in [3u8, 6] {
        rows.push(vec![V::D(2018, m, 1), V::T("Narkotikabrott, innehav")]);
    }
    rows.push(vec![V::D(2018, 12, 31), V::T("Misshandel")]);
    folder(
        year2.path(),
        &catalog,
        &workbook(&[("Brott", 0, 0, rows)]),
        &survey(&[(2018.0, 7, 3)]),
    );
    run_with(year2.path(), out.path(), "2018", false).unwrap();

    let earlier = read_sheet(&out.path().join("2018/lofte-2018.xlsx"), "Tidigare år");
    let listed: Vec<(&str, &str, &str, &str)> = earlier
        .iter()
        .filter(|r| !r["Id"].is_empty() && r["År"].len() == 4)
        .map(|r| {
            (
                r["Id"].as_str(),
                r["År"].as_str(),
                r["Värde"].as_str(),
                r["I rapporten för"].as_str(),
            )
        })
        .collect();
    // Trust 2016 and 2017 from the 2017 report (shares 0.4 and 0.6); narcotics per year
    // 2015, 2016 and 2017 (4 each); 2018 is in today's input and not repeated.
    assert_eq!(
        listed,
        vec![
            ("U1", "2016", "0.4", "2017"),
            ("U1", "2017", "0.6", "2017"),
            ("U3", "2015", "4", "2017"),
            ("U3", "2016", "4", "2017"),
            ("U3", "2017", "4", "2017"),
        ]
    );
    let text = pdf_text(&out.path().join("2018/lofte-2018.pdf"));
    assert!(text.contains("Tidigare år ur arkivet"), "{text}");
    assert!(
        text.contains("Stort förtroende för polisen (Karlslund) 2016 40,0 %"),
        "{text}"
    );
    // The survey chart continues the series: 2016 and 2017 from the archive, 2018 today
    // (its text alternative lists every point).
    let html = std::fs::read_to_string(out.path().join("2018/lofte-2018.html")).unwrap();
    let html = html.replace('\u{a0}', " ");
    for point in ["2016: 40,0", "2017: 60,0", "2018: 70,0"] {
        let described = format!("Stort förtroende för polisen – Karlslund, {point}");
        assert!(html.contains(&described), "{described}");
    }
}

#[test]
fn verifiera_recognises_a_published_file_and_rejects_an_edited_copy() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    folder(
        input.path(),
        CATALOG,
        &crimes(4),
        &survey(&[(2017.0, 6, 4)]),
    );
    run_with(input.path(), out.path(), "2017-T2", false).unwrap();
    let pdf = out.path().join("2017-T2/lofte-2017-T2.pdf");
    let verify = |file: &Path, out: Option<&Path>| {
        lofte::run(Command::Verify(VerifyConfig {
            file: file.to_path_buf(),
            out: out.map(Path::to_path_buf),
            input: input.path().to_path_buf(),
        }))
    };
    // Found from the file's own place (<out>/<period>/file).
    verify(&pdf, None).unwrap();
    // An edited copy of the same name, elsewhere: refused, and named as edited.
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("lofte-2017-T2.pdf");
    let mut bytes = std::fs::read(&pdf).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 1;
    std::fs::write(&copy, &bytes).unwrap();
    let err = verify(&copy, Some(out.path())).unwrap_err().to_string();
    assert!(err.contains("har ändrats efter publiceringen"), "{err}");
    // A file lofte never wrote.
    let other = copy_dir.path().join("annan.pdf");
    std::fs::write(&other, b"%PDF-1.7 annan").unwrap();
    let err = verify(&other, Some(out.path())).unwrap_err().to_string();
    assert!(err.contains("finns inte i arkivet"), "{err}");
}

#[test]
fn a_damaged_archive_is_named_and_the_reports_are_written_without_it() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    folder(
        input.path(),
        CATALOG,
        &crimes(4),
        &survey(&[(2017.0, 6, 4)]),
    );
    let archive = out.path().join("lofte-arkiv.sqlite");
    std::fs::write(&archive, vec![0x5a; 4096]).unwrap();
    run_with(input.path(), out.path(), "2017-T2", false).unwrap();
    assert!(out.path().join("2017-T2/lofte-2017-T2.pdf").is_file());
    // The damaged file is left as it was, for the analyst to look at.
    assert_eq!(std::fs::read(&archive).unwrap(), vec![0x5a; 4096]);
    let err = lofte::archive::Archive::open_existing(&archive)
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains("lofte-arkiv.sqlite: filen är ingen SQLite-databas eller är skadad"),
        "{err}"
    );
}

#[test]
fn a_moved_reports_folder_keeps_its_archive_working() {
    let input = tempfile::tempdir().unwrap();
    let first = tempfile::tempdir().unwrap();
    folder(
        input.path(),
        CATALOG,
        &crimes(4),
        &survey(&[(2017.0, 6, 4)]),
    );
    run_with(input.path(), first.path(), "2017-T1", false).unwrap();
    // The whole reports folder moved elsewhere (a new file server, a copy for the archivist).
    let moved = tempfile::tempdir().unwrap();
    let to = moved.path().join("rapporter");
    std::fs::rename(first.path(), &to)
        .or_else(|_| copy_dir(first.path(), &to))
        .unwrap();
    // verifiera finds the archive beside the moved report, and the next tertial compares
    // with the report published before the move.
    lofte::run(Command::Verify(VerifyConfig {
        file: to.join("2017-T1/lofte-2017-T1.pdf"),
        out: None,
        input: input.path().to_path_buf(),
    }))
    .unwrap();
    write(input.path(), "brott.xlsx", &crimes(5));
    run_with(input.path(), &to, "2017-T2", false).unwrap();
    let since = read_sheet(&to.join("2017-T2/lofte-2017-T2.xlsx"), "Sedan förra");
    assert!(
        since
            .iter()
            .any(|r| r["Id"] == "U3" && r["Publicerat"] == "4" && r["Nu"] == "5"),
        "{since:?}"
    );
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
