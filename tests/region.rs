//! A region in one run (`input/loften/*.toml`): three promises sharing one crime extract, one
//! survey file, one log, staffing, status notes and population (the regional sample, made by
//! `examples/support/region_sample.rs`). Each promise's numbers must equal those of a run
//! with that promise alone, every input row must be counted once, and the overview must list
//! every promise's statuses.

#[path = "../examples/support/real_promises.rs"]
mod real_promises;
#[path = "../examples/support/region_sample.rs"]
mod region_sample;
#[path = "../examples/support/rng.rs"]
mod rng;

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Reader, Xlsx};
use lofte::{catalog, fmt::Lang, ingest, Command, RunConfig};

const KEYS: [&str; 3] = ["centrum", "karlslund", "oster"];

fn catalogs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/region/loften")
}

/// The regional sample, freshly generated, with its three catalogs in `loften/`.
fn region_input() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (file, bytes) in region_sample::inputs().unwrap() {
        std::fs::write(dir.path().join(file), bytes).unwrap();
    }
    let loften = dir.path().join("loften");
    std::fs::create_dir(&loften).unwrap();
    for key in KEYS {
        let file = format!("{key}.toml");
        std::fs::copy(catalogs_dir().join(&file), loften.join(&file)).unwrap();
    }
    dir
}

fn run(input: &Path, catalog: PathBuf, out: &Path) -> anyhow::Result<()> {
    lofte::run(Command::Run(RunConfig {
        input: input.to_path_buf(),
        out: out.to_path_buf(),
        catalog,
        period: None,
        lang: Lang::Sv,
        allow_incomplete: false,
        quiet: true,
        stated_through: vec![],
    }))
}

#[test]
fn each_promise_in_the_region_run_has_the_numbers_of_a_run_with_it_alone() {
    let input = region_input();
    let region_out = tempfile::tempdir().unwrap();
    run(input.path(), input.path().join("loften"), region_out.path()).unwrap();
    let period = region_out.path().join("2017-T2");
    for base in [
        "oversikt-2017-T2.pdf",
        "oversikt-2017-T2.html",
        "oversikt-2017-T2.xlsx",
    ] {
        assert!(period.join(base).is_file(), "{base} is written");
    }
    for key in KEYS {
        let alone_out = tempfile::tempdir().unwrap();
        let catalog = input.path().join("loften").join(format!("{key}.toml"));
        run(input.path(), catalog, alone_out.path()).unwrap();
        let alone = std::fs::read(alone_out.path().join("2017-T2/indicators.csv")).unwrap();
        let together = std::fs::read(period.join(key).join("indicators.csv")).unwrap();
        assert!(alone.len() > 500, "{key}: a real indicators.csv");
        assert_eq!(
            String::from_utf8_lossy(&together),
            String::from_utf8_lossy(&alone),
            "{key}: the region's indicators.csv equals the promise's own run"
        );
        for file in [
            "lofte-2017-T2.pdf",
            "lofte-2017-T2.html",
            "lofte-2017-T2.xlsx",
        ] {
            assert!(period.join(key).join(file).is_file(), "{key}/{file}");
        }
    }
}

/// Crimes of the sample that a promise's groups and area take: Karlslund narcotics and
/// weapons, Centrum vandalism and assault, Öster narcotics (counted from the generator's
/// list, not by lofte).
fn taken_by(key: &str, crime: &region_sample::Crime) -> bool {
    let (_, area, category) = crime;
    let group = |prefixes: &[&str]| prefixes.iter().any(|p| category.starts_with(p));
    match key {
        "karlslund" => *area == "Karlslund" && group(&["Narkotika", "Vapen"]),
        "centrum" => *area == "Centrum" && group(&["Skadegörelse", "Misshandel"]),
        "oster" => *area == "Öster" && group(&["Narkotika"]),
        _ => false,
    }
}

#[test]
fn every_input_row_is_counted_once_for_the_whole_run() {
    let input = region_input();
    let members = catalog::load_folder(&input.path().join("loften")).unwrap();
    let keys: Vec<&str> = members.iter().map(|m| m.key.as_str()).collect();
    assert_eq!(keys, KEYS);
    let region = ingest::read_folder_region(input.path(), &members, &|_, _| {}).unwrap();

    // Rows written by the generator: crimes, survey figures, 16 population figures, the
    // log, 4 staffing rows and 4 status notes.
    let crimes = region_sample::crimes();
    let log = region_sample::log_rows();
    let written = crimes.len() + region_sample::SURVEY.len() + 16 + log.len() + 4 + 4;
    let (read, used, rejected, skipped, unread) = region.run.totals();
    assert_eq!(read, written, "every row read once, not once per promise");
    assert_eq!(read, used + rejected + skipped + unread);
    assert_eq!(unread, 0);

    let crime_sheet = |ingested: &ingest::Ingested| {
        ingested
            .sheets()
            .find(|(f, _)| f.file.starts_with("brott_"))
            .map(|(_, s)| s.clone())
            .unwrap()
    };
    // Each promise's own pass takes exactly its crimes.
    for (member, ingested) in members.iter().zip(&region.promises) {
        let mine = crimes.iter().filter(|c| taken_by(&member.key, c)).count();
        assert!(mine > 50, "{}: a real share of the extract", member.key);
        assert_eq!(crime_sheet(ingested).used, mine, "{}", member.key);
        assert_eq!(ingested.tables.crimes.len(), mine, "{}", member.key);
    }
    // The run: used once if any promise takes it. A row of a promise's area that the
    // promise's groups do not take (theft, and Karlslund's vandalism) is skipped for that
    // reason; a row of Norr, which no promise covers, once as "no promise uses it".
    let run = crime_sheet(&region.run);
    let taken = crimes
        .iter()
        .filter(|c| KEYS.iter().any(|k| taken_by(k, c)))
        .count();
    let norr = crimes.iter().filter(|c| c.1 == "Norr").count();
    assert_eq!(run.read, crimes.len());
    assert_eq!(run.used, taken);
    assert_eq!(run.skipped, crimes.len() - taken);
    let reason_rows = |reason: &str| {
        run.reasons
            .iter()
            .find(|r| r.reason.starts_with(reason))
            .map_or(0, |r| r.rows)
    };
    assert_eq!(
        reason_rows("kategorin ingår inte"),
        crimes.len() - taken - norr
    );
    assert_eq!(
        reason_rows("inget av körningens löften använder raden"),
        norr
    );
    // Each promise's own report counts the other areas' rows as another area's.
    for (member, ingested) in members.iter().zip(&region.promises) {
        let sheet = crime_sheet(ingested);
        let others = crimes
            .iter()
            .filter(|c| !member.catalog.is_own_area(c.1))
            .count();
        let reason = format!("annat område än löftets ({})", member.catalog.area);
        let counted = sheet.reasons.iter().find(|r| r.reason == reason).unwrap();
        assert_eq!(counted.rows, others, "{}", member.key);
        assert_eq!(sheet.read, crimes.len(), "{}", member.key);
        assert!(sheet.reconciles());
        // Counted, with their range and example areas, but not listed one by one: they are
        // the other promises' rows.
        assert!(sheet.issues.iter().all(|i| i.reason != reason));
        assert_eq!(
            counted.examples.len(),
            3,
            "the other three areas: {:?}",
            counted.examples
        );
    }

    // One row is rejected, once: the visit at "Östervångs skola", which no catalog knows.
    assert_eq!(rejected, 1);
    let issue = region
        .run
        .issues()
        .find(|i| i.disposition == ingest::Disposition::Rejected)
        .unwrap();
    let row = 2 + log
        .iter()
        .position(|r| matches!(r.get(3), Some(real_promises::V::T(p)) if p == "Östervångs skola"))
        .unwrap() as u32;
    assert_eq!(
        issue.location.to_string(),
        format!("logg_landskrona_2017.xlsx › Logg › rad {row} › kolumn D")
    );
    // Karlslund's pass skips Centrum's visits as another area's, never as unknown places.
    let karlslund = &region.promises[1];
    assert!(karlslund
        .issues()
        .all(|i| i.disposition == ingest::Disposition::Skipped));
}

/// The columns named `columns` of a sheet of a workbook, a row each (below the header).
fn sheet_columns(path: &Path, sheet: &str, columns: &[&str]) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let at: Vec<usize> = columns
        .iter()
        .map(|name| header.iter().position(|h| h == name).unwrap())
        .collect();
    range
        .rows()
        .skip(1)
        .map(|r| at.iter().map(|c| r[*c].to_string()).collect())
        .collect()
}

/// The overview workbook's "Åtaganden" sheet: (promise, id, status word) per row.
fn overview_statuses(path: &Path) -> Vec<(String, String, String)> {
    sheet_columns(path, "Åtaganden", &["Löfte", "Id", "Status"])
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
        .collect()
}

#[test]
fn the_overview_lists_every_commitment_of_every_promise_with_its_status() {
    let input = region_input();
    let out = tempfile::tempdir().unwrap();
    run(input.path(), input.path().join("loften"), out.path()).unwrap();
    let rows = overview_statuses(&out.path().join("2017-T2/oversikt-2017-T2.xlsx"));
    let members = catalog::load_folder(&input.path().join("loften")).unwrap();
    let expected: usize = members
        .iter()
        .map(|m| m.catalog.promises.len() + m.catalog.outcomes.len())
        .sum();
    assert_eq!(rows.len(), expected, "one row per commitment and outcome");
    for m in &members {
        for id in m
            .catalog
            .promises
            .iter()
            .map(|p| &p.id)
            .chain(m.catalog.outcomes.iter().map(|o| &o.id))
        {
            let n = rows
                .iter()
                .filter(|(k, i, _)| *k == m.key && i == id)
                .count();
            assert_eq!(n, 1, "{}/{id} listed once", m.key);
        }
    }
    // Every row names its promise's area too, so the sheet filters by area.
    let path = out.path().join("2017-T2/oversikt-2017-T2.xlsx");
    for row in sheet_columns(&path, "Åtaganden", &["Löfte", "Område"]) {
        let member = members.iter().find(|m| m.key == row[0]).unwrap();
        assert_eq!(row[1], member.catalog.area, "{}", row[0]);
    }
    let status = |key: &str, id: &str| {
        rows.iter()
            .find(|(k, i, _)| k == key && i == id)
            .map(|(_, _, s)| s.clone())
            .unwrap()
    };
    // Worked by hand for 2017-T2 (May–August):
    // Centrum P1, foot patrols on Friday and Saturday evenings, at least 8 a month: May 4+4,
    // June 5+4, July 0+5 (no Friday patrols in July), August 4+4 → 3 of 4 months.
    assert_eq!(status("centrum", "P1"), "Delvis uppfyllt");
    // Öster K1, field work 3 h every Wednesday: 18 Wednesdays → 54 h ≥ 40.
    assert_eq!(status("oster", "K1"), "Uppfyllt");
    // Karlslund P5, patrols of 2 h every Tuesday and Thursday: 18 + 18 → 72 h of 120.
    assert_eq!(status("karlslund", "P5"), "Delvis uppfyllt");
    // Centrum K1 has a status note "Centrum/K1 Pågår" and a deadline at the year's end.
    assert_eq!(status("centrum", "K1"), "Pågår");

    // The PDF says the same: each promise's heading and its P1 status.
    let text = pdf_text(&out.path().join("2017-T2/oversikt-2017-T2.pdf"));
    for heading in [
        "centrum – Medborgarlöfte 2017 – Landskrona centrum",
        "karlslund – Medborgarlöfte 2017 – Karlslundsområdet",
        "oster – Medborgarlöfte 2017 – Öster",
        "Datakvalitet i regionen",
    ] {
        assert!(text.contains(heading), "the PDF has '{heading}'");
    }
}

fn pdf_text(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", &path.to_string_lossy(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A small region of two promises in `dir`, with a status-notes workbook of `notes` and a
/// crime sheet with or without an Område column.
fn two_promises(dir: &Path, notes: &[&str], crime_has_area: bool) {
    let loften = dir.join("loften");
    std::fs::create_dir_all(&loften).unwrap();
    for key in ["centrum", "oster"] {
        let file = format!("{key}.toml");
        std::fs::copy(catalogs_dir().join(&file), loften.join(&file)).unwrap();
    }
    use real_promises::{d, sheet, t, V};
    let rows = notes
        .iter()
        .map(|id| vec![t(id), V::D(d(2017, 5, 2)), t("Pågår"), t("")])
        .collect();
    let bytes = sheet(
        "Lägesrapporter",
        &["Löfte", "Datum", "Status", "Kommentar"],
        rows,
    )
    .unwrap();
    std::fs::write(dir.join("lagesrapporter.xlsx"), bytes).unwrap();
    // With areas: a row for Centrum, a row without its area, and a note below the table.
    let (header, rows): (Vec<&str>, Vec<Vec<V>>) = if crime_has_area {
        (
            vec!["Datum", "Område", "Brottskategori"],
            vec![
                vec![V::D(d(2017, 5, 3)), t("Centrum"), t("Skadegörelse")],
                vec![V::D(d(2017, 5, 4)), V::E, t("Skadegörelse")],
                vec![t("Källa: Polisens brottsstatistik"), V::E, V::E],
            ],
        )
    } else {
        (
            vec!["Datum", "Brottskategori"],
            vec![vec![V::D(d(2017, 5, 3)), t("Skadegörelse")]],
        )
    };
    std::fs::write(
        dir.join("brott.xlsx"),
        sheet("Brott", &header, rows).unwrap(),
    )
    .unwrap();
}

#[test]
fn a_status_note_names_its_promise_when_the_id_is_in_several() {
    let dir = tempfile::tempdir().unwrap();
    two_promises(
        dir.path(),
        &["K1", "Centrum/K1", "oster/K2", "Väster/K1"],
        true,
    );
    let members = catalog::load_folder(&dir.path().join("loften")).unwrap();
    let region = ingest::read_folder_region(dir.path(), &members, &|_, _| {}).unwrap();
    let notes = |i: usize| -> Vec<String> {
        region.promises[i]
            .tables
            .notes
            .iter()
            .map(|n| n.promise.clone())
            .collect()
    };
    assert_eq!(notes(0), ["K1"], "centrum takes Centrum/K1 only");
    assert_eq!(notes(1), ["K2"], "oster takes oster/K2 only");
    let sheet = region
        .run
        .sheets()
        .find(|(f, _)| f.file == "lagesrapporter.xlsx")
        .map(|(_, s)| s.clone())
        .unwrap();
    assert_eq!((sheet.read, sheet.used, sheet.rejected), (4, 2, 2));
    let reasons: Vec<String> = sheet.issues.iter().map(|i| i.for_analyst()).collect();
    assert!(
        reasons.contains(&"id K1 finns i flera av körningens löften (centrum, oster): skriv löftet före, t.ex. centrum/K1".to_string()),
        "{reasons:?}"
    );
    let ambiguous = sheet
        .issues
        .iter()
        .find(|i| i.reason.starts_with("id K1"))
        .unwrap();
    assert_eq!(
        ambiguous.advice.as_deref(),
        Some("skriv löftet före, t.ex. centrum/K1"),
        "the advice is apart from the reason, so the council's PDF can leave it out"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("'Väster' är inget av körningens löften")),
        "{reasons:?}"
    );
}

#[test]
fn a_crime_sheet_without_areas_cannot_be_shared_by_a_region() {
    let dir = tempfile::tempdir().unwrap();
    two_promises(dir.path(), &["Centrum/K1"], false);
    let out = tempfile::tempdir().unwrap();
    let err = run(dir.path(), dir.path().join("loften"), out.path()).unwrap_err();
    let message = format!("{err:#}");
    assert!(
        message.contains("brott.xlsx › Brott › rad 1: bladet saknar kolumnen Område"),
        "{message}"
    );
    assert!(!out.path().join("2017-T2").exists(), "no report is written");
}

#[test]
fn the_committed_regional_sample_is_what_its_generator_writes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/region");
    for (file, bytes) in region_sample::inputs().unwrap() {
        let committed = std::fs::read(dir.join(&file)).unwrap();
        assert!(
            committed == bytes,
            "samples/region/{file} differs from the generator: run `cargo run --example make_region_sample`"
        );
    }
}

#[test]
fn a_row_without_its_area_counts_for_no_promise_of_a_region() {
    let dir = tempfile::tempdir().unwrap();
    two_promises(dir.path(), &["Centrum/K1"], true);
    let members = catalog::load_folder(&dir.path().join("loften")).unwrap();
    let region = ingest::read_folder_region(dir.path(), &members, &|_, _| {}).unwrap();
    let crimes = |i: usize| region.promises[i].tables.crimes.len();
    assert_eq!(
        (crimes(0), crimes(1)),
        (1, 0),
        "Centrum takes its row, Öster none"
    );
    let sheet = region
        .run
        .sheets()
        .find(|(f, _)| f.file == "brott.xlsx")
        .map(|(_, s)| s.clone())
        .unwrap();
    assert_eq!((sheet.read, sheet.used, sheet.skipped), (3, 1, 2));
    let reasons: Vec<(&str, usize)> = sheet
        .reasons
        .iter()
        .map(|r| (r.reason.as_str(), r.rows))
        .collect();
    assert!(reasons.contains(&(ingest::MISSING_AREA, 1)), "{reasons:?}");
    assert!(reasons.contains(&("not under tabellen", 1)), "{reasons:?}");
    let missing = sheet
        .issues
        .iter()
        .find(|i| i.reason == ingest::MISSING_AREA)
        .unwrap();
    assert_eq!(
        missing.location.to_string(),
        "brott.xlsx › Brott › rad 3 › kolumn B"
    );
}

#[test]
fn a_promise_without_data_is_named_in_the_overview_with_why_and_no_numbers() {
    let input = region_input();
    // A fourth promise, for Väster, an area the input has no row for.
    let oster = std::fs::read_to_string(catalogs_dir().join("oster.toml")).unwrap();
    let vaster = oster
        .replace("omrade = \"Öster\"", "omrade = \"Väster\"")
        .replace("– Öster\"", "– Väster\"")
        .lines()
        .filter(|l| !l.starts_with("omrade_alias"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(input.path().join("loften/vaster.toml"), vaster).unwrap();
    let out = tempfile::tempdir().unwrap();
    run(input.path(), input.path().join("loften"), out.path()).unwrap();
    let period = out.path().join("2017-T2");
    assert!(
        !period.join("vaster").exists(),
        "no report folder for Väster"
    );
    assert!(period.join("oster/indicators.csv").is_file());
    let mut wb: Xlsx<_> = open_workbook(period.join("oversikt-2017-T2.xlsx")).unwrap();
    let glance = wb.worksheet_range("Översikt").unwrap();
    let row: Vec<String> = glance
        .rows()
        .find(|r| r[0].to_string() == "vaster")
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        row[3..7],
        ["", "", "", ""],
        "no counts, never zeros: {row:?}"
    );
    assert_eq!(
        row[7],
        "Ingen rapport: indata har inga rader som löftet räknar (loggar eller brottsstatistik för löftets område)"
    );
    // How far the input reaches, below the table, as in the overview PDF.
    let text = pdf_text(&period.join("oversikt-2017-T2.pdf"));
    let coverage = glance
        .rows()
        .map(|r| r[0].to_string())
        .find(|c| c.starts_with("Indata täcker:"))
        .expect("the coverage line");
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains(&coverage), "{coverage}");
    assert!(
        text.contains("1 löfte saknar rapport för perioden"),
        "{text}"
    );
}

#[test]
fn the_overview_lists_every_status_that_moved_since_the_previous_report() {
    let input = region_input();
    let out = tempfile::tempdir().unwrap();
    run(input.path(), input.path().join("loften"), out.path()).unwrap();
    // Worked out from each promise alone: its statuses in 2017-T1 and 2017-T2, by id.
    let members = catalog::load_folder(&input.path().join("loften")).unwrap();
    let region = ingest::read_folder_region(input.path(), &members, &|_, _| {}).unwrap();
    let mut expected = vec![];
    for (m, ingested) in members.iter().zip(&region.promises) {
        let at = |p: &str| {
            let r = lofte::indicators::compute(&m.catalog, &ingested.tables, p.parse().unwrap())
                .unwrap();
            let words = |s| lofte::report::words::status(Lang::Sv, s).to_string();
            r.promises
                .iter()
                .map(|p| (p.id.clone(), words(p.status)))
                .chain(r.outcomes.iter().map(|o| (o.id.clone(), words(o.status))))
                .collect::<Vec<_>>()
        };
        let (before, now) = (at("2017-T1"), at("2017-T2"));
        for ((id, b), (_, n)) in before.iter().zip(&now) {
            if b != n {
                expected.push(vec![m.key.clone(), id.clone(), b.clone(), n.clone()]);
            }
        }
    }
    assert!(!expected.is_empty(), "the sample has statuses that moved");
    let listed = sheet_columns(
        &out.path().join("2017-T2/oversikt-2017-T2.xlsx"),
        "Sedan förra",
        &["Löfte", "Id", "Förra", "Nu"],
    );
    assert_eq!(listed, expected);
    let text = pdf_text(&out.path().join("2017-T2/oversikt-2017-T2.pdf"));
    assert!(text.contains("Sedan förra rapporten (2017-T1)"), "{text}");
    // A status back to Pågår names the span that began: every such row of the sheet has
    // "… har börjat", and no other row has a remark.
    let remarks = sheet_columns(
        &out.path().join("2017-T2/oversikt-2017-T2.xlsx"),
        "Sedan förra",
        &["Nu", "Anm."],
    );
    // Karlslund P2 (a visit each term): fulfilled in the spring term, the autumn term begun.
    assert!(
        remarks.contains(&vec![
            "Pågår".to_string(),
            "Hösttermin 2017 har börjat".to_string()
        ]),
        "{remarks:?}"
    );
    for row in &remarks {
        if !row[1].is_empty() {
            assert!(row[1].ends_with(" har börjat"), "{row:?}");
            assert!(
                ["Pågår", "Ej påbörjat"].contains(&row[0].as_str()),
                "{row:?}"
            );
        }
    }
}

#[test]
fn a_crime_csv_streamed_in_blocks_gives_each_promise_what_the_workbook_gives() {
    // The sample's crime workbook as a CSV in Windows-1252, with 100 000 rows of an area no
    // promise has (dated 2015, before the sample's last crime, so no data date moves) put
    // between its rows: two blocks of 65 536 rows and a third, each shared out by area.
    let input = region_input();
    let xlsx_out = tempfile::tempdir().unwrap();
    run(input.path(), input.path().join("loften"), xlsx_out.path()).unwrap();

    let crimes = region_sample::crimes();
    let mut text = String::from("Datum;Område;Brottskategori\n");
    let mut padding = 0;
    for (i, (day, area, category)) in crimes.iter().enumerate() {
        text.push_str(&format!("{day};{area};{category}\n"));
        while padding < 100_000 * (i + 1) / crimes.len() {
            text.push_str("2015-06-01;Norrby;Narkotikabrott, innehav\n");
            padding += 1;
        }
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    std::fs::remove_file(input.path().join("brott_landskrona_2014-2017.xlsx")).unwrap();
    std::fs::write(input.path().join("brott_landskrona_2014-2017.csv"), &bytes).unwrap();
    let csv_out = tempfile::tempdir().unwrap();
    run(input.path(), input.path().join("loften"), csv_out.path()).unwrap();

    for key in KEYS {
        let read = |out: &Path| {
            std::fs::read_to_string(out.join("2017-T2").join(key).join("indicators.csv")).unwrap()
        };
        assert_eq!(read(csv_out.path()), read(xlsx_out.path()), "{key}");
    }
    // The run's account: every CSV row once; the padding rows skipped as no promise's area.
    let members = catalog::load_folder(&input.path().join("loften")).unwrap();
    let region = ingest::read_folder_region(input.path(), &members, &|_, _| {}).unwrap();
    let file = region
        .run
        .files
        .iter()
        .find(|f| f.file.ends_with(".csv"))
        .unwrap();
    let sheet = &file.sheets[0];
    assert_eq!(file.sheets.len(), 1);
    assert_eq!(sheet.read, crimes.len() + 100_000);
    assert!(sheet.reconciles());
    assert_eq!(sheet.encoding.as_deref(), Some("Windows-1252"));
    let taken = crimes
        .iter()
        .filter(|c| KEYS.iter().any(|k| taken_by(k, c)))
        .count();
    assert_eq!(
        sheet.used, taken,
        "used: the crimes some promise's groups and area take"
    );
}

#[test]
fn the_overview_register_gives_each_area_the_page_of_its_promise() {
    // The register at the end of the overview PDF lists every area (Centrum, Karlslund,
    // Öster: Swedish order, Ö last) with the page its promise's heading is on; the page is
    // checked against where pdftotext finds that heading. The HTML links each to it.
    let input = region_input();
    let out = tempfile::tempdir().unwrap();
    run(input.path(), input.path().join("loften"), out.path()).unwrap();
    let pdf = out.path().join("2017-T2/oversikt-2017-T2.pdf");
    let text = pdf_text(&pdf);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let register_page = pages
        .iter()
        .position(|p| p.contains("Register över områden"))
        .expect("a register");
    let register = pages[register_page..].join("\n");
    let mut listed = vec![];
    for line in register.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if let (Some(area), Some(key)) = (words.first(), words.get(1)) {
            if KEYS.contains(key) {
                let page: usize = words.last().unwrap().parse().unwrap();
                listed.push((area.to_string(), key.to_string(), page));
            }
        }
    }
    let areas: Vec<&str> = listed.iter().map(|(a, _, _)| a.as_str()).collect();
    assert_eq!(areas, ["Centrum", "Karlslund", "Öster"]);
    for (_, key, page) in &listed {
        let catalog =
            catalog::load(&input.path().join("loften").join(format!("{key}.toml"))).unwrap();
        let heading = format!("{key} – {}", catalog.title);
        let found = pages.iter().position(|p| p.contains(&heading)).unwrap() + 1;
        assert_eq!(*page, found, "{heading}");
    }
    let html = std::fs::read_to_string(out.path().join("2017-T2/oversikt-2017-T2.html")).unwrap();
    for (i, (area, _, _)) in listed.iter().enumerate() {
        let id = format!("avsnitt-{}", i + 1);
        assert!(
            html.contains(&format!("<a href=\"#{id}\">{area}</a>")),
            "{area} links"
        );
        assert_eq!(
            html.matches(&format!("id=\"{id}\"")).count(),
            1,
            "{id} once"
        );
    }
}
