//! A promise for several areas: results per part of the area and in total, and outcomes
//! for a part or for the whole. Input built here; numbers worked out by hand below.

mod common;

use common::{workbook, write, V};
use lofte::indicators::{self, Status};
use lofte::report::words::say;
use lofte::{catalog, fmt::Lang, ingest};

const CATALOG: &str = r#"
titel = "Medborgarlöfte 2020 – Nordost"
omrade = "Nordost"
ar = 2020
parter = ["Lokalpolisområde Nordost", "Stadsdelen"]

[[delomrade]]
namn = "Hjällbo"

[[delomrade]]
namn = "Hammarkullen"
alias = ["Hammarkullens centrum"]

[[plats]]
id = "hjallbo_torg"
namn = "Hjällbo torg"
omrade = "Hjällbo"

[[lofte]]
id = "P1"
part = "Polisen"
text = "Minst fyra trygghetsvandringar per år i varje stadsdel."
matt = { typ = "rakna", loggtyper = ["Trygghetsvandring"], per = "ar", per_omrade = true, minst = 4 }

[[utfall]]
id = "U1"
text = "Färre rån i Nordost."
kalla = "Polisens statistik"
matt = { typ = "brott", grupper = ["ran"], baslinje_ar = [2019], battre = "lagre" }

[[utfall]]
id = "U2"
text = "Färre rån i Hammarkullen."
kalla = "Polisens statistik"
omrade = "Hammarkullen"
niva = "stadsdelen"
matt = { typ = "brott", grupper = ["ran"], baslinje_ar = [2019], battre = "lagre" }

[[brottsgrupp]]
id = "ran"
namn = "Rån"
monster = ["Rån*"]
"#;

#[test]
fn a_promise_for_several_areas_is_judged_per_area_and_in_total() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "lofte.toml", CATALOG.as_bytes());
    // Walks in 2020: Hjällbo 6 (four by the Område column, two by the place Hjällbo torg),
    // Hammarkullen 3 (one named by its alias), one for Angered (another area: skipped).
    let walk = |m: u8, area: &'static str, place: &'static str| {
        vec![
            V::D(2020, m, 10),
            V::T("Trygghetsvandring"),
            V::T(place),
            V::T(area),
        ]
    };
    let mut rows = vec![vec![
        V::T("Datum"),
        V::T("Typ"),
        V::T("Plats"),
        V::T("Område"),
    ]];
    rows.extend([
        walk(1, "Hjällbo", ""),
        walk(3, "Hjällbo", ""),
        walk(5, "Hjällbo", ""),
        walk(7, "", "Hjällbo torg"),
        walk(9, "", "Hjällbo torg"),
        walk(2, "Hammarkullen", ""),
        walk(4, "Hammarkullens centrum", ""),
        walk(6, "Hammarkullen", ""),
        walk(8, "Angered", ""),
        // The log's last row, so that 2020 is over at the data date.
        vec![
            V::D(2020, 12, 31),
            V::T("Trygghetsvandring"),
            V::E,
            V::T("Hjällbo"),
        ],
    ]);
    write(dir.path(), "logg.xlsx", &workbook(&[("Logg", 0, 0, rows)]));
    // Robberies: 2019 Hjällbo 6, Hammarkullen 4; 2020 Hjällbo 3 + 1 on 31 December,
    // Hammarkullen 3 + 1 on 31 December (so both cover the whole year); Angered 9 (skipped).
    let mut crimes = vec![vec![V::T("Datum"), V::T("Brottskategori"), V::T("Område")]];
    for (year, area, n) in [
        (2019, "Hjällbo", 6),
        (2019, "Hammarkullen", 4),
        (2020, "Hjällbo", 3),
        (2020, "Hammarkullen", 3),
        (2020, "Angered", 9),
    ] {
        for i in 0..n {
            crimes.push(vec![V::D(year, 1 + i, 5), V::T("Rån"), V::T(area)]);
        }
    }
    crimes.push(vec![V::D(2020, 12, 31), V::T("Rån"), V::T("Hjällbo")]);
    crimes.push(vec![V::D(2020, 12, 31), V::T("Rån"), V::T("Hammarkullen")]);
    write(
        dir.path(),
        "brott.xlsx",
        &workbook(&[("Brott", 0, 0, crimes)]),
    );

    let catalog = catalog::load(&dir.path().join("lofte.toml")).unwrap();
    let ingested = ingest::read_folder(dir.path(), &catalog).unwrap();
    let period = "2020".parse().unwrap();
    let r = indicators::compute(&catalog, &ingested.tables, period).unwrap();

    let p1 = r.promises.iter().find(|p| p.id == "P1").unwrap();
    // Each part's row names its part; the whole's row has none and the area Nordost.
    let by_part = |part: &str| {
        let v = p1.values.iter().find(|v| v.part == part).unwrap();
        assert_eq!(v.area, "Nordost");
        (v.value, v.status)
    };
    assert_eq!(by_part("Hjällbo"), (Some(6.0), Some(Status::Fulfilled)));
    assert_eq!(by_part("Hammarkullen"), (Some(3.0), Some(Status::Partly)));
    // The total of the whole area (9, without Angered) is shown without a verdict, once.
    assert_eq!(by_part(""), (Some(9.0), None));
    assert_eq!(p1.values.iter().filter(|v| v.part.is_empty()).count(), 1);
    assert_eq!(p1.status, Status::Partly);
    let result = say(Lang::Sv, &p1.result);
    assert!(
        result.starts_with("2020: målet nått för 1 av 2 delområden"),
        "{result}"
    );

    // U1, the whole area: 4 + 4 = 8 in 2020 against 6 + 4 = 10 in 2019.
    let crime = |id: &str| {
        let o = r.outcomes.iter().find(|o| o.id == id).unwrap();
        let v = o
            .values
            .iter()
            .find(|v| v.period == "2020" && v.baseline.is_some())
            .unwrap();
        (v.value, v.baseline, say(Lang::Sv, &o.source))
    };
    let (value, baseline, _) = crime("U1");
    assert_eq!((value, baseline), (Some(8.0), Some(10.0)));
    // U2, one part: 4 against 4, and the report says it is measured for that part.
    let (value, baseline, source) = crime("U2");
    assert_eq!((value, baseline), (Some(4.0), Some(4.0)));
    assert!(
        source.contains("mätt för stadsdelen (Hammarkullen)"),
        "{source}"
    );
}

#[test]
fn a_place_in_an_unknown_part_of_the_area_is_a_catalog_error() {
    let text = CATALOG.replace("omrade = \"Hjällbo\"\n", "omrade = \"Hjälbo\"\n");
    let err = catalog::load_from(&text).unwrap_err().to_string();
    assert!(
        err.contains("ligger i området 'Hjälbo', som inte finns bland [[delomrade]] (Hjällbo, Hammarkullen) (menade du 'Hjällbo'?)"),
        "{err}"
    );
}
