//! Ingest, classification: find a sheet's header row and tell which kind of sheet it is
//! from its column names (Swedish or English, case, space and diacritics ignored).

// foldhash: `Header::col` is asked several times for every row read.
use foldhash::HashMap;

use serde::Serialize;

use super::cell::{self, Cell};
use crate::names::fold;

/// The kinds of sheet in the input contract (`docs/input-formats.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    CrimeLong,
    CrimeWide,
    SurveyAggregate,
    SurveyRespondent,
    Log,
    Staffing,
    StatusNotes,
    Population,
}

impl Kind {
    /// The name shown in reports, in their language.
    pub fn name(self, lang: crate::fmt::Lang) -> &'static str {
        if lang == crate::fmt::Lang::Sv {
            return self.name_sv();
        }
        match self {
            Kind::CrimeLong => "crime (one row per crime)",
            Kind::CrimeWide => "crime (table per year/month)",
            Kind::SurveyAggregate => "safety survey (published figures)",
            Kind::SurveyRespondent => "safety survey (one row per respondent)",
            Kind::Log => "visit and activity log",
            Kind::Staffing => "staffing",
            Kind::StatusNotes => "status notes",
            Kind::Population => "population",
        }
    }

    /// The Swedish name shown in reports.
    pub fn name_sv(self) -> &'static str {
        match self {
            Kind::CrimeLong => "brott (en rad per brott)",
            Kind::CrimeWide => "brott (tabell per år/månad)",
            Kind::SurveyAggregate => "trygghetsmätning (aggregerad)",
            Kind::SurveyRespondent => "trygghetsmätning (svar per person)",
            Kind::Log => "besöks- och aktivitetslogg",
            Kind::Staffing => "bemanning",
            Kind::StatusNotes => "lägesrapport",
            Kind::Population => "befolkning",
        }
    }
}

/// A column the tool knows by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Date,
    Month,
    Year,
    Category,
    Area,
    Count,
    Indicator,
    Value,
    N,
    CiLow,
    CiHigh,
    ResponseRate,
    Weight,
    Type,
    Place,
    Focus,
    Hours,
    Minutes,
    Participants,
    Performer,
    Comment,
    Role,
    Person,
    From,
    To,
    Promise,
    Status,
    Inhabitants,
    Statute,
    /// A log row's time of day (or its start time).
    Time,
    /// A log row's end time.
    EndTime,
    /// When a case was done (response-time promises). The last field: [`FIELDS`] counts
    /// up to it (a test checks every field with aliases has its place).
    DoneAt,
}

/// Accepted header names per field, already folded (see [`crate::names::fold`]).
/// This table is the documented alias list (`docs/input-formats.md` in this repo repeats it).
pub const ALIASES: &[(Field, &[&str])] = &[
    (
        Field::Date,
        &[
            "datum",
            "date",
            "anmalningsdatum",
            "anmald datum",
            "besoksdatum",
        ],
    ),
    (Field::Month, &["manad", "month", "anmalningsmanad"]),
    (Field::Year, &["ar", "year", "anmalningsar", "matar"]),
    (
        Field::Category,
        &[
            "brottskategori",
            "brottstyp",
            "brott",
            "kategori",
            "category",
            "offence",
            "crime",
        ],
    ),
    (Field::Statute, &["lagrum"]),
    (
        Field::Area,
        &["omrade", "area", "matomrade", "stadsdel", "district"],
    ),
    (Field::Count, &["antal", "count", "number", "antal brott"]),
    (
        Field::Indicator,
        &["indikator", "indicator", "fraga", "question"],
    ),
    (
        Field::Value,
        &[
            "varde", "value", "andel", "andel %", "varde %", "value %", "index", "resultat",
        ],
    ),
    (
        Field::N,
        &["n", "antal svar", "antal svarande", "respondents", "bas"],
    ),
    (
        Field::CiLow,
        &["ki undre", "ci low", "ci lower", "lower", "undre"],
    ),
    (
        Field::CiHigh,
        &["ki ovre", "ci high", "ci upper", "upper", "ovre"],
    ),
    (Field::ResponseRate, &["svarsfrekvens", "response rate"]),
    (Field::Weight, &["vikt", "weight"]),
    (Field::Type, &["typ", "type", "aktivitetstyp", "handelse"]),
    (
        Field::Place,
        &["plats", "place", "location", "verksamhet", "enhet"],
    ),
    (Field::Focus, &["fokus", "focus", "inriktning"]),
    (Field::Hours, &["timmar", "hours", "tid h", "tid timmar"]),
    (
        Field::Time,
        &[
            "klockslag",
            "tid",
            "starttid",
            "start",
            "time",
            "start time",
            "kl",
        ],
    ),
    (Field::EndTime, &["sluttid", "slut", "end time", "end"]),
    (
        Field::DoneAt,
        &[
            "atgardad",
            "atgardat",
            "atgardades",
            "klart",
            "borttagen",
            "done",
            "resolved",
        ],
    ),
    (Field::Minutes, &["minuter", "minutes", "tid min"]),
    (
        Field::Participants,
        &["deltagare", "participants", "antal deltagare"],
    ),
    (
        Field::Performer,
        &["utforare", "performer", "ansvarig", "organisation"],
    ),
    (
        Field::Comment,
        &["kommentar", "comment", "anteckning", "notering"],
    ),
    (Field::Role, &["roll", "role", "funktion"]),
    (
        Field::Person,
        &["person", "namn", "name", "person id", "tjansteid"],
    ),
    (
        Field::From,
        &["fran", "from", "fran och med", "fr o m", "startdatum"],
    ),
    (
        Field::To,
        &["till", "to", "till och med", "t o m", "slutdatum"],
    ),
    (
        Field::Promise,
        &["lofte", "promise", "lofte id", "atagande"],
    ),
    (Field::Status, &["status", "lage"]),
    (
        Field::Inhabitants,
        &[
            "invanare",
            "inhabitants",
            "befolkning",
            "population",
            "folkmangd",
        ],
    ),
];

/// The field a header name means, by the built-in aliases (canonical names included).
pub fn field_named(name: &str) -> Option<Field> {
    field_of(&fold(name))
}

fn field_of(folded: &str) -> Option<Field> {
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&folded))
        .map(|(f, _)| *f)
}

/// Each inner slice is "one of these"; every group must be present.
struct Spec {
    kind: Kind,
    required: &'static [&'static [Field]],
    optional: &'static [Field],
}

const SPECS: &[Spec] = &[
    Spec {
        kind: Kind::CrimeLong,
        required: &[
            &[Field::Date, Field::Month, Field::Year],
            &[Field::Category],
        ],
        optional: &[Field::Area, Field::Count, Field::Statute],
    },
    Spec {
        kind: Kind::SurveyAggregate,
        required: &[&[Field::Year], &[Field::Indicator], &[Field::Value]],
        optional: &[
            Field::Area,
            Field::N,
            Field::CiLow,
            Field::CiHigh,
            Field::ResponseRate,
        ],
    },
    Spec {
        kind: Kind::Log,
        required: &[&[Field::Date], &[Field::Type]],
        optional: &[
            Field::Place,
            Field::Focus,
            Field::Hours,
            Field::Minutes,
            Field::Participants,
            Field::Performer,
            Field::Comment,
            Field::Count,
            Field::Time,
            Field::EndTime,
            Field::DoneAt,
            Field::Area,
        ],
    },
    Spec {
        kind: Kind::Staffing,
        required: &[
            &[Field::Role],
            &[Field::Place],
            &[Field::Person],
            &[Field::From],
        ],
        optional: &[Field::To, Field::Time, Field::EndTime],
    },
    Spec {
        kind: Kind::StatusNotes,
        required: &[&[Field::Promise], &[Field::Date], &[Field::Status]],
        optional: &[Field::Comment],
    },
    Spec {
        kind: Kind::Population,
        required: &[&[Field::Area], &[Field::Year], &[Field::Inhabitants]],
        optional: &[],
    },
];

/// What the period columns of a wide (BRÅ-style) crime table hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodColumn {
    Year(i32),
    Month(i32, u32),
}

/// A recognised header: its kind, where it is, and which column holds what.
#[derive(Debug, Clone)]
pub struct Header {
    pub kind: Kind,
    /// Index of the header row within the sheet's rows.
    pub row: usize,
    pub columns: Columns,
    /// Respondent sheets: catalog question name → column.
    pub questions: Vec<(std::sync::Arc<str>, usize)>,
    /// Wide crime tables: the period columns.
    pub periods: Vec<(PeriodColumn, usize)>,
    /// Header texts by column, for messages ("45 with a % header").
    pub titles: HashMap<usize, String>,
}

impl Header {
    pub fn col(&self, f: Field) -> Option<usize> {
        self.columns.get(f)
    }
}

/// Fields there are: [`Field::DoneAt`] is the last.
const FIELDS: usize = Field::DoneAt as usize + 1;

/// Which column holds each field. Every row asks for several fields (a region's extract
/// has a million rows), so a field's column is found by the field's number, not by hashing.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns([Option<usize>; FIELDS]);

impl Columns {
    pub fn get(&self, f: Field) -> Option<usize> {
        self.0.get(f as usize).copied().flatten()
    }

    /// The column of the field with number `index` (0 to [`FIELD_COUNT`]).
    pub fn get_index(&self, index: usize) -> Option<usize> {
        self.0.get(index).copied().flatten()
    }
}

/// How many fields there are, for [`Columns::get_index`].
pub const FIELD_COUNT: usize = FIELDS;

impl From<&HashMap<Field, usize>> for Columns {
    fn from(found: &HashMap<Field, usize>) -> Self {
        let mut columns = Columns([None; FIELDS]);
        for (field, col) in found {
            if let Some(slot) = columns.0.get_mut(*field as usize) {
                *slot = Some(*col);
            }
        }
        columns
    }
}

/// A sheet of no known kind: the nearest kind and the columns it lacks.
#[derive(Debug, Clone, PartialEq)]
pub struct Unrecognised {
    pub nearest: Option<Kind>,
    pub missing: Vec<String>,
    /// The row (index within the sheet's rows) that came nearest.
    pub row: Option<usize>,
    /// The row is plainly that kind's header with one required column missing or misnamed
    /// (at least two and most of its headings are the kind's columns, and it lacks one of two
    /// or more required): an error of the file, not a sheet to ignore.
    pub broken: bool,
}

/// How near a row comes to a kind's header: (required columns found, optional columns found).
type Score = (usize, usize);

/// How many rows from the top are searched for a header (title rows, notes, blank rows).
pub const HEADER_SEARCH_ROWS: usize = 30;

/// Finds the first row that is a known kind's header. `questions` are the catalog's
/// respondent-sheet question columns, which make a respondent survey sheet recognisable.
/// `extra` are the catalog's own aliases (field, folded name), tried after the built-in ones.
pub fn find_header(
    rows: &[Vec<Cell>],
    questions: &[&str],
    extra: &[(Field, String)],
) -> Result<Header, Unrecognised> {
    // The score ranks required columns found first, then the kind's optional columns, so a
    // log without Typ is called a log.
    let mut nearest: Option<(Score, Kind, Vec<String>, usize, bool)> = None;
    for (i, row) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let folded: Vec<String> = row.iter().map(|c| fold(&c.display())).collect();
        let mut columns = HashMap::default();
        for (j, f) in folded.iter().enumerate() {
            let by_catalog = || extra.iter().find(|(_, a)| a == f).map(|(field, _)| *field);
            if let Some(field) = field_of(f).or_else(by_catalog) {
                columns.entry(field).or_insert(j);
            }
        }
        let titles = row
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
            .map(|(j, c)| (j, c.display()))
            .collect();
        let make = |kind| Header {
            kind,
            row: i,
            columns: Columns::from(&columns),
            questions: vec![],
            periods: vec![],
            titles: Default::default(),
        };

        let question_cols: Vec<(std::sync::Arc<str>, usize)> = questions
            .iter()
            .filter_map(|q| {
                folded
                    .iter()
                    .position(|f| *f == fold(q))
                    .map(|j| (std::sync::Arc::from(*q), j))
            })
            .collect();
        let has_when = columns.contains_key(&Field::Year) || columns.contains_key(&Field::Date);
        if has_when && !question_cols.is_empty() && !columns.contains_key(&Field::Indicator) {
            return Ok(Header {
                questions: question_cols,
                titles,
                ..make(Kind::SurveyRespondent)
            });
        }

        let best = SPECS
            .iter()
            .filter(|s| {
                s.required
                    .iter()
                    .all(|g| g.iter().any(|f| columns.contains_key(f)))
            })
            .max_by_key(|s| {
                s.optional
                    .iter()
                    .filter(|f| columns.contains_key(f))
                    .count()
            });
        if let Some(spec) = best {
            return Ok(Header {
                titles,
                ..make(spec.kind)
            });
        }

        if let Some(h) = wide_crime_header(row, &columns) {
            return Ok(Header {
                titles,
                row: i,
                ..h
            });
        }

        for spec in SPECS {
            let missing: Vec<String> = spec
                .required
                .iter()
                .filter(|g| !g.iter().any(|f| columns.contains_key(f)))
                .map(|g| {
                    g.iter()
                        .map(|f| canonical_name(*f))
                        .collect::<Vec<_>>()
                        .join(" eller ")
                })
                .collect();
            let found = spec.required.len() - missing.len();
            let optional = spec
                .optional
                .iter()
                .filter(|f| columns.contains_key(f))
                .count();
            let score = (found, optional);
            // Broken, not merely another sheet: most of the row's headings are this kind's.
            let headings = row.iter().filter(|c| !c.is_empty()).count();
            let broken = spec.required.len() >= 2
                && missing.len() == 1
                && found + optional >= 2
                && 2 * (found + optional) > headings;
            if found > 0 && nearest.as_ref().is_none_or(|(n, ..)| score > *n) {
                nearest = Some((score, spec.kind, missing, i, broken));
            }
        }
    }
    Err(match nearest {
        Some((_, kind, missing, row, broken)) => Unrecognised {
            nearest: Some(kind),
            missing,
            row: Some(row),
            broken,
        },
        None => Unrecognised {
            nearest: None,
            missing: vec![],
            row: None,
            broken: false,
        },
    })
}

/// A BRÅ-style table: a label column (brottstyp, or lagrum + brottstyp) and one column per
/// year or month, with no date column of its own.
fn wide_crime_header(row: &[Cell], columns: &HashMap<Field, usize>) -> Option<Header> {
    let label = columns
        .get(&Field::Category)
        .or(columns.get(&Field::Statute))?;
    if [Field::Date, Field::Month, Field::Year]
        .iter()
        .any(|f| columns.contains_key(f))
    {
        return None;
    }
    let periods: Vec<(PeriodColumn, usize)> = row
        .iter()
        .enumerate()
        .filter(|(j, _)| j != label)
        .filter_map(|(j, c)| period_column(c).map(|p| (p, j)))
        .collect();
    if periods.is_empty() {
        return None;
    }
    Some(Header {
        kind: Kind::CrimeWide,
        row: 0,
        columns: Columns::from(columns),
        questions: vec![],
        periods,
        titles: Default::default(),
    })
}

/// "2016", 2016, "Antal 2016", "2017-03", "mars 2017" or a date cell.
pub fn period_column(c: &Cell) -> Option<PeriodColumn> {
    match c {
        Cell::Number(n) => cell::year(c)
            .ok()
            .filter(|_| n.fract() == 0.0)
            .map(PeriodColumn::Year),
        Cell::Date(_) => cell::month(c).ok().map(|(y, m)| PeriodColumn::Month(y, m)),
        Cell::Text(t) => {
            if let Some((y, m)) = cell::parse_month_text(t) {
                return Some(PeriodColumn::Month(y, m));
            }
            let last = t.split_whitespace().last()?;
            let words_before_are_text = t
                .split_whitespace()
                .rev()
                .skip(1)
                .all(|w| w.chars().all(char::is_alphabetic));
            let year = cell::year(&Cell::Text(last.trim_end_matches('*').into())).ok()?;
            words_before_are_text.then_some(PeriodColumn::Year(year))
        }
        _ => None,
    }
}

/// The canonical Swedish column name, for messages.
pub fn canonical_name(f: Field) -> String {
    let name = match f {
        Field::Date => "datum",
        Field::Month => "månad",
        Field::Year => "år",
        Field::Category => "brottskategori",
        Field::Statute => "lagrum",
        Field::Area => "område",
        Field::Count => "antal",
        Field::Indicator => "indikator",
        Field::Value => "värde",
        Field::N => "n",
        Field::CiLow => "ki undre",
        Field::CiHigh => "ki övre",
        Field::ResponseRate => "svarsfrekvens",
        Field::Weight => "vikt",
        Field::Type => "typ",
        Field::Place => "plats",
        Field::Focus => "fokus",
        Field::Hours => "timmar",
        Field::Minutes => "minuter",
        Field::Participants => "deltagare",
        Field::Performer => "utförare",
        Field::Comment => "kommentar",
        Field::Role => "roll",
        Field::Person => "person",
        Field::From => "från",
        Field::To => "till",
        Field::Promise => "löfte",
        Field::Status => "status",
        Field::Inhabitants => "invånare",
        Field::Time => "klockslag",
        Field::EndTime => "sluttid",
        Field::DoneAt => "åtgärdad",
    };
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_a_place_of_its_own_among_the_columns() {
        let found: HashMap<Field, usize> = ALIASES
            .iter()
            .enumerate()
            .map(|(col, (field, _))| (*field, col))
            .collect();
        let columns = Columns::from(&found);
        for (field, col) in &found {
            assert_eq!(columns.get(*field), Some(*col), "{field:?}");
        }
        assert_eq!(
            columns.get(Field::DoneAt),
            found.get(&Field::DoneAt).copied()
        );
    }

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells
            .iter()
            .map(|s| {
                if s.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(s.to_string().into())
                }
            })
            .collect()
    }

    #[test]
    fn header_below_a_title_row_is_found() {
        let rows = vec![
            row(&["Aktivitetslogg LPO Landskrona 2017"]),
            row(&[]),
            row(&["", "DATUM", "Typ", "Plats", "Fokus", "Timmar"]),
        ];
        let h = find_header(&rows, &[], &[]).unwrap();
        assert_eq!(h.kind, Kind::Log);
        assert_eq!(h.row, 2);
        assert_eq!(h.col(Field::Date), Some(1));
        assert_eq!(h.col(Field::Hours), Some(5));
    }

    #[test]
    fn english_headers_are_accepted() {
        let rows = vec![row(&["Role", "Place", "Person", "From", "To"])];
        assert_eq!(find_header(&rows, &[], &[]).unwrap().kind, Kind::Staffing);
    }

    #[test]
    fn bra_style_wide_table_is_recognised() {
        let rows = vec![
            row(&["Anmälda brott, Landskrona kommun"]),
            row(&["Lagrum", "Brottstyp", "2014", "Antal 2015", "2016"]),
        ];
        let h = find_header(&rows, &[], &[]).unwrap();
        assert_eq!(h.kind, Kind::CrimeWide);
        assert_eq!(h.periods.len(), 3);
        assert_eq!(h.periods[1], (PeriodColumn::Year(2015), 3));
    }

    #[test]
    fn respondent_sheet_is_recognised_by_catalog_questions() {
        let rows = vec![row(&["År", "Område", "Vikt", "Förtroende för polisen"])];
        let h = find_header(&rows, &["Förtroende för polisen"], &[]).unwrap();
        assert_eq!(h.kind, Kind::SurveyRespondent);
        assert_eq!(h.questions, vec![("Förtroende för polisen".into(), 3)]);
    }

    #[test]
    fn catalog_aliases_extend_the_built_in_names() {
        let rows = vec![row(&["Besöksdag", "Typ", "Enhet/verksamhet"])];
        assert!(find_header(&rows, &[], &[]).is_err());
        let extra = vec![
            (Field::Date, fold("Besöksdag")),
            (Field::Place, fold("Enhet/verksamhet")),
        ];
        let h = find_header(&rows, &[], &extra).unwrap();
        assert_eq!(h.kind, Kind::Log);
        assert_eq!(h.col(Field::Place), Some(2));
    }

    #[test]
    fn an_unknown_sheet_names_the_nearest_kind_and_missing_columns() {
        let rows = vec![row(&["Roll", "Plats", "Namn"])];
        let err = find_header(&rows, &[], &[]).unwrap_err();
        assert_eq!(err.nearest, Some(Kind::Staffing));
        assert_eq!(err.missing, vec!["från".to_string()]);
    }
}
