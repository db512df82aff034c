//! Templates (`lofte mallar`, `lofte init`): blank input workbooks built from the catalog,
//! one per kind of input it reads. Each has the contract's columns as an Excel Table,
//! dropdowns for everything the catalog names (places with their aliases, log types, focus
//! tags, roles, promise ids, statuses, areas, indicators), date and number checks, an input
//! message on every column, and an "Instruktioner" sheet in plain Swedish, so that what an
//! analyst types is what lofte reads.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format,
    FormatAlign, Formula, Table, TableColumn, Workbook, Worksheet, XlsxError,
};

use crate::catalog::{Catalog, Measure, OutcomeMeasure, Unit};
use crate::report::distinct;

use crate::ingest::HELP_SHEETS;

/// The catalog `lofte init` starts from: an example of every kind of commitment, in
/// Swedish comments, to keep or delete.
pub const SKELETON: &str = include_str!("../assets/lofte-mall.toml");

/// The guide `lofte init` puts beside the catalog.
pub const GUIDE: &str = include_str!("../docs/catalog.md");

/// `LÄSMIG.md` of a folder made by `lofte init`: what to fill in, in which order, how to
/// check and how to run, in Swedish, for the analyst.
pub const README_SV: &str = include_str!("../assets/init/LÄSMIG.md");

/// Rows each template's Table and checks cover.
const ROWS: u32 = 1000;

/// One blank input workbook: its file name and bytes.
pub struct Template {
    pub file: &'static str,
    pub bytes: Vec<u8>,
}

/// What a column accepts.
enum Check {
    /// One of these values (a dropdown); `strict` refuses anything else, otherwise Excel
    /// warns (a focus cell may hold several tags).
    List { values: Vec<String>, strict: bool },
    /// A date within the promise period.
    Date,
    /// A date within the promise period or the ten years before it (crime statistics for
    /// the baseline years, logs for the year before, placements begun earlier).
    DateWithBaseline,
    /// A whole number from `min`.
    Whole { min: i32, max: i32 },
    /// A decimal number in a range.
    Decimal { min: f64, max: f64 },
    /// Free text.
    Text,
}

struct Column {
    name: &'static str,
    help: String,
    check: Check,
}

fn column(name: &'static str, help: impl Into<String>, check: Check) -> Column {
    Column {
        name,
        help: help.into(),
        check,
    }
}

fn list(values: Vec<String>) -> Check {
    Check::List {
        values,
        strict: true,
    }
}

/// Every template the catalog needs, in a fixed order.
pub fn build(catalog: &Catalog) -> Result<Vec<Template>, XlsxError> {
    let mut out = vec![];
    let measures: Vec<&Measure> = catalog.measures().collect();
    let logged = measures.iter().any(|m| !m.log_types().0.is_empty());
    if logged {
        out.push(template(
            catalog,
            "logg.xlsx",
            "Logg",
            &log_columns(catalog),
            LOG_HELP,
        )?);
    }
    if measures
        .iter()
        .any(|m| matches!(m, Measure::Bemanning { .. }))
    {
        let columns = staffing_columns(catalog);
        out.push(template(
            catalog,
            "bemanning.xlsx",
            "Bemanning",
            &columns,
            STAFFING_HELP,
        )?);
    }
    let columns = note_columns(catalog);
    out.push(template(
        catalog,
        "lagesrapporter.xlsx",
        "Lägesrapporter",
        &columns,
        NOTES_HELP,
    )?);
    let survey = catalog
        .outcomes
        .iter()
        .any(|o| matches!(o.measure, OutcomeMeasure::Enkat { .. }));
    if survey {
        let columns = survey_columns(catalog);
        out.push(template(
            catalog,
            "trygghetsmatning.xlsx",
            "Trygghet",
            &columns,
            SURVEY_HELP,
        )?);
    }
    let crime = catalog
        .outcomes
        .iter()
        .any(|o| matches!(o.measure, OutcomeMeasure::Brott { .. }));
    if crime {
        let columns = crime_columns(catalog);
        out.push(template(
            catalog,
            "brott.xlsx",
            "Brott",
            &columns,
            CRIME_HELP,
        )?);
        let columns = population_columns(catalog);
        out.push(template(
            catalog,
            "befolkning.xlsx",
            "Befolkning",
            &columns,
            POPULATION_HELP,
        )?);
    }
    Ok(out)
}

/// Place names as the catalog knows them, aliases included: every one is read as its place.
fn place_names(catalog: &Catalog) -> Vec<String> {
    distinct(
        catalog
            .places
            .iter()
            .flat_map(|p| std::iter::once(p.name.clone()).chain(p.aliases.iter().cloned())),
    )
}

/// The promise's area, its parts and every area an outcome is measured for.
fn area_names(catalog: &Catalog) -> Vec<String> {
    distinct(
        std::iter::once(catalog.area.clone())
            .chain(catalog.sub_areas.iter().map(|s| s.name.clone()))
            .chain(catalog.outcomes.iter().filter_map(|o| o.area.clone())),
    )
}

fn log_columns(catalog: &Catalog) -> Vec<Column> {
    let measures: Vec<&Measure> = catalog.measures().collect();
    let types = distinct(
        measures
            .iter()
            .flat_map(|m| m.log_types().0.into_iter().cloned()),
    );
    let specs: Vec<_> = measures.iter().filter_map(|m| m.count_spec()).collect();
    let focus = distinct(specs.iter().flat_map(|s| s.fokus.iter().cloned()));
    let performers = distinct(specs.iter().flat_map(|s| s.utforare.iter().cloned()));
    let counts = |unit: Unit| {
        specs
            .iter()
            .any(|s| s.rakna == unit || s.redovisa_aven.contains(&unit))
    };
    let timed = specs.iter().any(|s| s.fran_klockan.is_some())
        || measures.iter().any(|m| matches!(m, Measure::Svarstid(_)));
    let mut columns = vec![
        column(
            "Datum",
            format!("Dagen det hände, t.ex. {}.", example_date(catalog)),
            // The year before counts too: promises compare with the same days a year earlier.
            Check::DateWithBaseline,
        ),
        column(
            "Typ",
            "Välj vad som gjordes; bara dessa typer räknas av löftena.",
            list(types),
        ),
    ];
    if !catalog.places.is_empty() {
        columns.push(column(
            "Plats",
            "Välj platsen ur listan (katalogens namn och alias).",
            list(place_names(catalog)),
        ));
    }
    if !catalog.sub_areas.is_empty() {
        columns.push(column(
            "Område",
            "Välj delområdet ur listan.",
            list(catalog.sub_areas.iter().map(|s| s.name.clone()).collect()),
        ));
    }
    if timed {
        columns.push(column(
            "Klockslag",
            "När det började, t.ex. 18:30.",
            Check::Text,
        ));
        columns.push(column(
            "Sluttid",
            "När det slutade, t.ex. 22:00 (kan vara efter midnatt).",
            Check::Text,
        ));
    }
    if !focus.is_empty() {
        columns.push(column(
            "Fokus",
            "Välj fokus; flera skrivs med komma emellan (t.ex. vapen, narkotika).",
            Check::List {
                values: focus,
                strict: false,
            },
        ));
    }
    if counts(Unit::Timmar) {
        columns.push(column(
            "Timmar",
            "Hur länge, i timmar (0–24), t.ex. 2,5.",
            Check::Decimal {
                min: 0.0,
                max: 24.0,
            },
        ));
    }
    if counts(Unit::Deltagare) {
        columns.push(column(
            "Deltagare",
            "Antal deltagare, ett heltal.",
            Check::Whole {
                min: 0,
                max: 1_000_000,
            },
        ));
    }
    let registers =
        counts(Unit::Antal) || measures.iter().any(|m| matches!(m, Measure::Bestand(_)));
    if registers {
        columns.push(column(
            "Antal",
            "Antalet raden står för (t.ex. 303 kontroller en månad), ett heltal.",
            Check::Whole {
                min: 0,
                max: 1_000_000_000,
            },
        ));
    }
    if !performers.is_empty() {
        columns.push(column(
            "Utförare",
            "Vem som gjorde det.",
            Check::List {
                values: performers,
                strict: false,
            },
        ));
    }
    if measures.iter().any(|m| matches!(m, Measure::Svarstid(_))) {
        columns.push(column(
            "Åtgärdad",
            format!(
                "Datum och klockslag då ärendet var åtgärdat, t.ex. {} 10:15. Tomt medan det är öppet.",
                example_date(catalog)
            ),
            Check::Text,
        ));
    }
    columns.push(column(
        "Kommentar",
        "Fritext för er själva; den skrivs aldrig ut i rapporten.",
        Check::Text,
    ));
    columns
}

fn staffing_columns(catalog: &Catalog) -> Vec<Column> {
    let roles = distinct(catalog.measures().flat_map(|m| {
        match m {
            Measure::Bemanning { roll, roller, .. } => roll
                .iter()
                .chain(roller.iter())
                .cloned()
                .collect::<Vec<_>>(),
            _ => vec![],
        }
    }));
    let mut places = place_names(catalog);
    places.push(catalog.area.clone());
    let mut columns = vec![
        column("Roll", "Välj rollen ur listan.", list(roles)),
        column(
            "Plats",
            "Var personen är placerad: en plats ur listan, eller området.",
            list(places),
        ),
        column(
            "Person",
            "Namn eller tjänste-id; visas aldrig i rapporten, räknas som olika personer.",
            Check::Text,
        ),
        column(
            "Från",
            format!("Första dagen, t.ex. {}.", example_date(catalog)),
            // A placement often began before the promise.
            Check::DateWithBaseline,
        ),
        column(
            "Till",
            "Sista dagen; tomt om placeringen fortsätter.",
            Check::DateWithBaseline,
        ),
    ];
    // A promise for a time of day needs the shifts' hours.
    let timed = catalog.measures().any(|m| {
        matches!(
            m,
            Measure::Bemanning {
                fran_klockan: Some(_),
                ..
            }
        )
    });
    if timed {
        columns.push(column(
            "Klockslag",
            "När passet börjar, t.ex. 18:00; tomt för hela dagen.",
            Check::Text,
        ));
        columns.push(column(
            "Sluttid",
            "När passet slutar, t.ex. 02:00 (kan vara efter midnatt); tomt för hela dagen.",
            Check::Text,
        ));
    }
    columns
}

fn note_columns(catalog: &Catalog) -> Vec<Column> {
    vec![
        column(
            "Löfte",
            "Välj löftets id ur listan.",
            list(catalog.promises.iter().map(|p| p.id.clone()).collect()),
        ),
        column(
            "Datum",
            format!("Dagen rapporten gäller, t.ex. {}.", example_date(catalog)),
            Check::Date,
        ),
        column(
            "Status",
            "Välj läget ur listan.",
            list(
                ["Genomfört", "Pågår", "Försenat", "Ej påbörjat"]
                    .map(String::from)
                    .to_vec(),
            ),
        ),
        column(
            "Kommentar",
            "En eller två meningar för rapporten: vad som är gjort och vad som återstår.",
            Check::Text,
        ),
    ]
}

fn survey_columns(catalog: &Catalog) -> Vec<Column> {
    let year = year_check(catalog);
    vec![
        column(
            "År",
            format!(
                "Mätningens år, t.ex. {}.",
                example_date(catalog).get(..4).unwrap_or("2019")
            ),
            year,
        ),
        column(
            "Område",
            "Välj området ur listan.",
            list(area_names(catalog)),
        ),
        column(
            "Indikator",
            "Välj indikatorn ur listan.",
            list(
                catalog
                    .survey_indicators
                    .iter()
                    .map(|s| s.name.clone())
                    .collect(),
            ),
        ),
        column(
            "Värde",
            "En andel som 0,45 eller 45 %, eller ett index (0–6).",
            Check::Decimal {
                min: 0.0,
                max: 100.0,
            },
        ),
        column(
            "n",
            "Antal svarande bakom värdet, om det anges.",
            Check::Whole {
                min: 0,
                max: 10_000_000,
            },
        ),
        column(
            "KI undre",
            "Nedre gränsen för 95 % konfidensintervall, om det anges.",
            Check::Decimal {
                min: 0.0,
                max: 100.0,
            },
        ),
        column(
            "KI övre",
            "Övre gränsen för 95 % konfidensintervall, om det anges.",
            Check::Decimal {
                min: 0.0,
                max: 100.0,
            },
        ),
    ]
}

fn crime_columns(catalog: &Catalog) -> Vec<Column> {
    vec![
        column(
            "Datum",
            format!("Dagen brottet anmäldes, t.ex. {}.", example_date(catalog)),
            Check::DateWithBaseline,
        ),
        column(
            "Brottskategori",
            "Brottskategorin som källan skriver den (t.ex. Narkotikabrott).",
            Check::Text,
        ),
        column(
            "Område",
            "Välj området ur listan.",
            list(area_names(catalog)),
        ),
        column(
            "Antal",
            "Antal anmälda brott raden står för; 1 om tomt.",
            Check::Whole {
                min: 0,
                max: 1_000_000_000,
            },
        ),
    ]
}

fn population_columns(catalog: &Catalog) -> Vec<Column> {
    vec![
        column(
            "Område",
            "Välj området ur listan.",
            list(area_names(catalog)),
        ),
        column(
            "År",
            format!(
                "Året, t.ex. {}.",
                example_date(catalog).get(..4).unwrap_or("2019")
            ),
            year_check(catalog),
        ),
        column(
            "Invånare",
            "Folkmängden i området det året.",
            Check::Whole {
                min: 0,
                max: 100_000_000,
            },
        ),
    ]
}

/// A date inside the promise period for the examples: its first 5 March, or its first day.
fn example_date(catalog: &Catalog) -> String {
    use chrono::Datelike;
    let march = chrono::NaiveDate::from_ymd_opt(catalog.start.year(), 3, 5)
        .filter(|d| *d >= catalog.start && *d <= catalog.end)
        .unwrap_or(catalog.start);
    crate::fmt::date(march)
}

/// Years from ten before the promise (baselines) to its last.
fn year_check(catalog: &Catalog) -> Check {
    use chrono::Datelike;
    Check::Whole {
        min: catalog.start.year() - 10,
        max: catalog.end.year(),
    }
}

const LOG_HELP: &str = "En rad för varje besök, kontroll, insats, patrull eller aktivitet. Välj typ och plats ur listorna: lofte räknar bara de typer och platser som katalogen känner.";
const STAFFING_HELP: &str = "En rad för varje person och placering. Personens namn visas aldrig i rapporten; lofte räknar hur många olika personer med rollen som är på plats varje dag.";
const NOTES_HELP: &str = "En rad för varje lägesrapport om ett löfte som ingen logg kan mäta (byggnader, planer, leveranser). Den senaste rapporten före periodens slut ger löftets status.";
const SURVEY_HELP: &str = "En rad för varje indikator, område och år, med värdena som trygghetsmätningen publicerar. Ange antal svarande (n) och konfidensintervall när källan har dem.";
const CRIME_HELP: &str = "En rad för varje anmält brott, eller för ett antal brott samma dag. Brottskategorin skrivs som källan skriver den; katalogens brottsgrupper avgör vad som räknas.";
const POPULATION_HELP: &str =
    "En rad för varje område och år: folkmängden, för brott per 1 000 invånare.";

/// One workbook: the data sheet with its Table and checks, the instructions, the lists.
fn template(
    catalog: &Catalog,
    file: &'static str,
    sheet: &str,
    columns: &[Column],
    help: &str,
) -> Result<Template, XlsxError> {
    let mut wb = Workbook::new();
    let mut lists = Worksheet::new();
    lists.set_name(HELP_SHEETS[1])?;
    let data = wb.add_worksheet();
    data.set_name(sheet)?;
    let date = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Left);
    let mut list_col = 0u16;
    for (c, col) in columns.iter().enumerate() {
        let c = c as u16;
        data.set_column_width(c, (col.name.chars().count() as f64 + 4.0).max(14.0))?;
        if matches!(col.check, Check::Date | Check::DateWithBaseline) {
            data.set_column_format(c, &date)?;
        }
        let check = validation(catalog, col, &mut lists, &mut list_col)?;
        data.add_data_validation(1, c, ROWS, c, &check)?;
    }
    let table_columns: Vec<TableColumn> = columns
        .iter()
        .map(|c| TableColumn::new().set_header(c.name))
        .collect();
    data.add_table(
        0,
        0,
        ROWS,
        columns.len() as u16 - 1,
        &Table::new().set_columns(&table_columns),
    )?;
    data.set_freeze_panes(1, 0)?;
    data.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(0, 0)?;
    instructions(wb.add_worksheet(), catalog, sheet, columns, help)?;
    lists.set_hidden(true);
    wb.push_worksheet(lists);
    Ok(Template {
        file,
        bytes: wb.save_to_buffer()?,
    })
}

/// A column's data validation, with its input message; list values go to the Listor sheet
/// (Excel caps a list typed into the validation at 255 characters).
fn validation(
    catalog: &Catalog,
    col: &Column,
    lists: &mut Worksheet,
    list_col: &mut u16,
) -> Result<DataValidation, XlsxError> {
    let check = match &col.check {
        Check::List { values, strict } => {
            lists.write_string(0, *list_col, col.name)?;
            for (i, v) in values.iter().enumerate() {
                lists.write_string(1 + i as u32, *list_col, v)?;
            }
            let letter = crate::ingest::column_letters(u32::from(*list_col));
            let last = values.len().max(1) + 1;
            *list_col += 1;
            let check = DataValidation::new().allow_list_formula(Formula::new(format!(
                "=Listor!${letter}$2:${letter}${last}"
            )));
            let style = if *strict {
                DataValidationErrorStyle::Stop
            } else {
                DataValidationErrorStyle::Warning
            };
            check
                .set_error_style(style)
                .set_error_title("Värdet finns inte i listan")?
                .set_error_message(format!(
                    "Välj ett värde ur listan i kolumnen {}; lofte läser bara det katalogen känner.",
                    col.name
                ))?
        }
        Check::Date | Check::DateWithBaseline => {
            let day = |d: chrono::NaiveDate| {
                use chrono::Datelike;
                ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
            };
            let first = match col.check {
                Check::DateWithBaseline => catalog.start - chrono::Days::new(3660),
                _ => catalog.start,
            };
            DataValidation::new()
                .allow_date(DataValidationRule::Between(day(first)?, day(catalog.end)?))
                .set_error_title("Inget giltigt datum")?
                .set_error_message(format!(
                    "Skriv ett datum som {}, mellan {} och {}.",
                    example_date(catalog),
                    crate::fmt::date(first),
                    crate::fmt::date(catalog.end)
                ))?
        }
        Check::Whole { min, max } => DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(*min, *max))
            .set_error_title("Inget giltigt heltal")?
            .set_error_message(format!("Skriv ett heltal mellan {min} och {max}."))?,
        Check::Decimal { min, max } => DataValidation::new()
            .allow_decimal_number(DataValidationRule::Between(*min, *max))
            .set_error_title("Inget giltigt tal")?
            .set_error_message(format!("Skriv ett tal mellan {min} och {max}."))?,
        Check::Text => DataValidation::new().allow_any_value(),
    };
    check
        .set_input_title(col.name)?
        .set_input_message(&col.help)
}

/// The Instruktioner sheet: what the template is for, and each column in plain Swedish.
fn instructions(
    ws: &mut Worksheet,
    catalog: &Catalog,
    sheet: &str,
    columns: &[Column],
    help: &str,
) -> Result<(), XlsxError> {
    ws.set_name(HELP_SHEETS[0])?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 90)?;
    ws.write_string_with_format(
        0,
        0,
        &catalog.title,
        &Format::new().set_bold().set_font_size(14),
    )?;
    // Wrapped texts get rows tall enough to show them (no reader grows rows by itself), and
    // the sheet prints on one page width.
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    ws.write_string_with_format(2, 0, "Så fyller du i", &bold)?;
    ws.write_string_with_format(2, 1, help, &wrap)?;
    ws.set_row_height(
        2,
        15.0 * (help.chars().count() as f64 / 95.0).ceil().max(1.0),
    )?;
    ws.set_row_height(3, 45.0)?;
    ws.write_string_with_format(
        3,
        1,
        format!(
            "Skriv på bladet {sheet}, en rad per händelse, under rubrikraden. Ändra inte rubrikerna. \
             Spara filen i indatamappen och kör lofte check för att se att allt lästes."
        ),
        &wrap,
    )?;
    ws.write_string_with_format(5, 0, "Kolumn", &bold)?;
    ws.write_string_with_format(5, 1, "Vad som skrivs", &bold)?;
    for (i, col) in columns.iter().enumerate() {
        let r = 6 + i as u32;
        ws.write_string(r, 0, col.name)?;
        ws.write_string_with_format(r, 1, &col.help, &wrap)?;
        ws.set_row_height(
            r,
            15.0 * (col.help.chars().count() as f64 / 95.0).ceil().max(1.0),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skeleton_catalog_reads_and_has_every_kind_of_commitment() {
        let catalog = crate::catalog::load_from(SKELETON).unwrap();
        let kinds: std::collections::BTreeSet<&str> = catalog
            .promises
            .iter()
            .map(|p| match &p.measure {
                Measure::Rakna(_) => "rakna",
                Measure::BesokPerTermin { .. } => "besok_per_termin",
                Measure::Bemanning { .. } => "bemanning",
                Measure::Svarstid(_) => "svarstid",
                Measure::Bestand(_) => "bestand",
                Measure::Lagesrapport {} => "lagesrapport",
                Measure::Leverans(_) => "leverans",
                _ => "annat",
            })
            .collect();
        assert_eq!(kinds.len(), 7, "{kinds:?}");
        assert_eq!(build(&catalog).unwrap().len(), 6);
    }

    #[test]
    fn the_seed_catalog_gets_every_input_it_reads() {
        let catalog = crate::catalog::load(std::path::Path::new("input/lofte.toml")).unwrap();
        let files: Vec<&str> = build(&catalog).unwrap().iter().map(|t| t.file).collect();
        assert_eq!(
            files,
            [
                "logg.xlsx",
                "bemanning.xlsx",
                "lagesrapporter.xlsx",
                "trygghetsmatning.xlsx",
                "brott.xlsx",
                "befolkning.xlsx"
            ]
        );
    }
}
