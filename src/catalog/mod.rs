//! Stage 0, the catalog: the promise file (`lofte.toml`) an analyst edits to describe their
//! own medborgarlöfte — parties, area, school terms, places, promises, outcomes.
//!
//! The format is documented in `docs/catalog.md`. Parsing is split from opening
//! ([`load`] reads the file, [`load_from`] parses text) so tests need no files.

use std::collections::HashSet;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use toml::Spanned;

use crate::names::fold;
use crate::period::DateRange;

pub mod measure;
mod profile;
pub use profile::ReportProfile;
mod region;
pub use region::{load_folder, Member, RegionError};
mod messages;
pub use messages::did_you_mean_or_contained;

pub use measure::{CountSpec, DeadlineSpec, Per, Preset, ResponseSpec, StockSpec, Unit};

/// A mistake in the catalog, with the line it is on when it is known.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("rad {line}: {message}")]
    Invalid { line: usize, message: String },
    #[error("filen finns inte; lägg lofte.toml i indatamappen eller ange den med --catalog")]
    Missing,
    #[error("filen kunde inte läsas: {0}")]
    Io(std::io::Error),
}

/// Which way of moving counts as success for an outcome indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    /// A rise is success (trust, detected narcotics crimes).
    Hogre,
    /// A fall is success (unsafety, problem index).
    Lagre,
}

#[derive(Debug, Clone)]
pub struct Catalog {
    pub title: String,
    pub area: String,
    pub area_aliases: Vec<String>,
    /// The year the promise starts in (its first day's year).
    pub year: i32,
    /// The promise period: a calendar year by default, or `fran`–`till` (2019-01-01 –
    /// 2020-12-31).
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub parties: Vec<String>,
    /// Survey bases below this are shown but flagged and never called a change.
    pub min_base: u32,
    /// The days that make a weekend for `rakna = "helger"` (`helgdagar`, default Saturday
    /// and Sunday; the police's weekend is often Friday and Saturday).
    pub weekend: Vec<chrono::Weekday>,
    /// The months the promise is followed up in (`uppfoljning = [5, 11]`: May and
    /// November); empty: per tertial.
    pub follow_up: Vec<u32>,
    pub terms: Vec<DateRange>,
    pub places: Vec<Place>,
    /// Parts of the promise's area (`[[delomrade]]`), for results per area and in total.
    pub sub_areas: Vec<SubArea>,
    pub promises: Vec<Promise>,
    pub outcomes: Vec<Outcome>,
    pub survey_indicators: Vec<SurveyIndicator>,
    pub crime_groups: Vec<CrimeGroup>,
    /// Extra header names per column (`[kolumnalias]`), e.g. `plats = ["Enhet"]`.
    pub column_aliases: Vec<(String, Vec<String>)>,
    /// The last day a kind of input is complete to, as the analyst states it (`[data_tom]`):
    /// a log kept to 31 December with no event in its last week is complete to 31 December.
    pub stated_through: Vec<(Source, NaiveDate)>,
    /// The organisation's marks on its reports (`[rapport]`).
    pub profile: ReportProfile,
    /// The catalog's text as the analyst wrote it: the archive of published reports keeps
    /// it, so that a report can be traced to the catalog it was made with.
    pub source: String,
}

/// A kind of input whose last covered day (its data date) a report states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// The visit and activity logs.
    Logg,
    /// Crime statistics.
    Brott,
    /// Status notes.
    Lagesrapporter,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Logg, Source::Brott, Source::Lagesrapporter];

    /// The key in `[data_tom]` and on the command line (`--data-tom logg=2019-12-31`).
    pub fn key(self) -> &'static str {
        match self {
            Source::Logg => "logg",
            Source::Brott => "brott",
            Source::Lagesrapporter => "lagesrapporter",
        }
    }

    pub fn named(key: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.key() == fold(key))
    }
}

impl Catalog {
    /// Every measure of every promise (each part of a `delmatt`), in catalog order.
    pub fn measures(&self) -> impl Iterator<Item = &Measure> {
        self.promises.iter().flat_map(|p| p.measures())
    }

    /// A promise with no end date, followed up until further notice.
    pub fn open_ended(&self) -> bool {
        self.end == OPEN_END
    }

    /// States data dates over the catalog's own (the command line's `--data-tom`).
    pub fn state_through(&mut self, stated: &[(Source, NaiveDate)]) {
        for (source, date) in stated {
            self.stated_through.retain(|(s, _)| s != source);
            self.stated_through.push((*source, *date));
        }
    }

    /// The date the analyst states a kind of input is complete to, if any.
    pub fn stated_through(&self, source: Source) -> Option<NaiveDate> {
        self.stated_through
            .iter()
            .find(|(s, _)| *s == source)
            .map(|(_, d)| *d)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: String,
    #[serde(rename = "namn")]
    pub name: String,
    #[serde(rename = "alias", default)]
    pub aliases: Vec<String>,
    /// The part of the area the place lies in (a `[[delomrade]]` name).
    #[serde(rename = "omrade")]
    pub area: Option<String>,
}

/// One part of a promise's area (a district of a promise for several districts).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubArea {
    #[serde(rename = "namn")]
    pub name: String,
    #[serde(rename = "alias", default)]
    pub aliases: Vec<String>,
}

impl SubArea {
    fn is_named(&self, folded: &str) -> bool {
        fold(&self.name) == folded || self.aliases.iter().any(|a| fold(a) == folded)
    }
}

#[derive(Debug, Clone)]
pub struct Promise {
    pub id: String,
    pub party: String,
    pub text: String,
    /// How the commitment is measured (its first part, for a commitment of several).
    pub measure: Measure,
    /// The further parts of a commitment of several parts (`delmatt`: "X samt Y"), each
    /// judged, the commitment combining them.
    pub more: Vec<Measure>,
}

impl Promise {
    /// Every measure of the commitment: one, or each of its parts.
    pub fn measures(&self) -> impl Iterator<Item = &Measure> {
        std::iter::once(&self.measure).chain(self.more.iter())
    }
}

/// How a promise is measured; the `typ` key of `matt` in the catalog.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "typ", rename_all = "snake_case", deny_unknown_fields)]
pub enum Measure {
    /// Distinct persons in a role (or any of several roles) at a place or anywhere in the
    /// area, every day of the period.
    Bemanning {
        roll: Option<String>,
        #[serde(default)]
        roller: Vec<String>,
        plats: Option<String>,
        /// Each of several places judged on its own ("en kontaktpolis på varje skola").
        #[serde(default)]
        platser: Vec<String>,
        /// Only these weekdays must be staffed ("skoldagar": mån–fre); every day without.
        #[serde(default)]
        veckodagar: Vec<String>,
        /// Only shifts that overlap this time of day count ("kvällar 18–22"); the list's
        /// Klockslag and Sluttid give a shift's hours (none: the whole day).
        fran_klockan: Option<String>,
        till_klockan: Option<String>,
        antal: u32,
    },
    /// Visits per school term at each of the places.
    BesokPerTermin {
        platser: Vec<String>,
        antal: u32,
        #[serde(default = "default_visit_types")]
        loggtyper: Vec<String>,
    },
    /// Recurring checks and operations with focus tags, judged per month.
    Insatser {
        #[serde(default = "default_operation_types")]
        loggtyper: Vec<String>,
        fokus: Vec<String>,
        minst_per_manad: u32,
        #[serde(default)]
        per_fokus: bool,
    },
    /// Hours of visible presence per tertial.
    Synlighet {
        #[serde(default = "default_patrol_types")]
        loggtyper: Vec<String>,
        mal_timmar_per_tertial: Option<f64>,
    },
    /// Activities (and participants) per tertial, e.g. the city's leisure activities.
    Aktiviteter {
        #[serde(default = "default_activity_types")]
        loggtyper: Vec<String>,
        minst_per_tertial: Option<u32>,
    },
    /// Only status notes (lägesrapporter): commitments no log can measure.
    Lagesrapport {},
    /// The general count: what is counted, counted how, per what, against what.
    Rakna(Box<CountSpec>),
    /// A one-off deliverable with a deadline.
    Leverans(DeadlineSpec),
    /// Cases done within a time (reported → done).
    Svarstid(ResponseSpec),
    /// A stock of units that must grow over the promise period.
    Bestand(StockSpec),
}

impl Measure {
    /// The roles a staffing promise counts (`roll` and `roller` together), folded.
    pub fn staffing_roles(&self) -> Vec<String> {
        match self {
            Measure::Bemanning { roll, roller, .. } => {
                roll.iter().chain(roller.iter()).map(|r| fold(r)).collect()
            }
            _ => vec![],
        }
    }

    /// The log types this measure reads (empty for staffing and status notes), and whether
    /// they are visits (which must name a catalog place).
    pub fn log_types(&self) -> (Vec<&String>, bool) {
        match self {
            Measure::BesokPerTermin { loggtyper, .. } => (loggtyper.iter().collect(), true),
            Measure::Insatser { loggtyper, .. }
            | Measure::Synlighet { loggtyper, .. }
            | Measure::Aktiviteter { loggtyper, .. }
            | Measure::Svarstid(ResponseSpec { loggtyper, .. }) => {
                (loggtyper.iter().collect(), false)
            }
            Measure::Rakna(spec) => (spec.loggtyper.iter().collect(), false),
            Measure::Bestand(spec) => (
                spec.loggtyper
                    .iter()
                    .chain(spec.avslut_loggtyper.iter())
                    .collect(),
                false,
            ),
            Measure::Bemanning { .. } | Measure::Lagesrapport {} | Measure::Leverans(_) => {
                (vec![], false)
            }
        }
    }

    /// The seed's count kinds as the general count they are short for: the one engine in
    /// `indicators::count` judges them all.
    pub fn count_spec(&self) -> Option<CountSpec> {
        let spec = match self {
            Measure::Rakna(spec) => (**spec).clone(),
            // "En gång per termin respektive förskola": rows at each place per school term,
            // also shown per tertial.
            Measure::BesokPerTermin {
                platser,
                antal,
                loggtyper,
            } => CountSpec {
                platser: platser.clone(),
                per_plats: true,
                minst: Some(f64::from(*antal)),
                ocksa_per: Some(Per::Tertial),
                preset: Some(Preset::Visits),
                ..CountSpec::rows_of(loggtyper, Per::Termin)
            },
            // Operations with one of the focus tags per month (each tag judged with per_fokus).
            Measure::Insatser {
                loggtyper,
                fokus,
                minst_per_manad,
                per_fokus,
            } => CountSpec {
                fokus: fokus.clone(),
                per_fokus: *per_fokus,
                minst: Some(f64::from(*minst_per_manad)),
                preset: Some(Preset::Operations),
                ..CountSpec::rows_of(loggtyper, Per::Manad)
            },
            // Patrol hours per tertial against the target, beside the same tertial a year
            // earlier (the target itself without `mal_timmar_per_tertial`).
            Measure::Synlighet {
                loggtyper,
                mal_timmar_per_tertial,
            } => CountSpec {
                rakna: Unit::Timmar,
                minst: *mal_timmar_per_tertial,
                jamfor_aret_innan: true,
                preset: Some(Preset::Visibility),
                ..CountSpec::rows_of(loggtyper, Per::Tertial)
            },
            // Activities per tertial, with their participants.
            Measure::Aktiviteter {
                loggtyper,
                minst_per_tertial,
            } => CountSpec {
                minst: minst_per_tertial.map(f64::from),
                redovisa_aven: vec![Unit::Deltagare],
                preset: Some(Preset::Activities),
                ..CountSpec::rows_of(loggtyper, Per::Tertial)
            },
            _ => return None,
        };
        Some(spec)
    }

    /// Is this promise judged by status notes alone (no log or list measures it)?
    pub fn by_notes_only(&self) -> bool {
        matches!(self, Measure::Lagesrapport {} | Measure::Leverans(_))
    }
}

fn default_visit_types() -> Vec<String> {
    vec!["Besök".into()]
}
fn default_operation_types() -> Vec<String> {
    vec!["Kontroll".into(), "Insats".into()]
}
fn default_patrol_types() -> Vec<String> {
    vec!["Patrull".into()]
}
fn default_activity_types() -> Vec<String> {
    vec!["Aktivitet".into()]
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub id: String,
    pub text: String,
    pub source: String,
    pub measure: OutcomeMeasure,
    /// Measured for another area than the promise's (the municipality, the police area).
    pub area: Option<String>,
    /// What that area is, in words for the report ("kommunen", "lokalpolisområdet").
    pub level: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "typ", rename_all = "snake_case", deny_unknown_fields)]
pub enum OutcomeMeasure {
    /// Survey indicators compared with a baseline year.
    Enkat {
        indikatorer: Vec<String>,
        baslinje_ar: i32,
    },
    /// Reported crime per group compared with the mean of baseline years.
    Brott {
        grupper: Vec<String>,
        baslinje_ar: Vec<i32>,
        battre: Better,
    },
    /// Followed by status notes (an external list, a dialogue): the latest note's status.
    Lagesrapport {},
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyIndicator {
    pub id: String,
    #[serde(rename = "namn")]
    pub name: String,
    /// The respondent-sheet column for a share indicator.
    #[serde(rename = "fraga")]
    pub question: Option<String>,
    /// Answers counted in the share (numerator).
    #[serde(rename = "andel_svar", default)]
    pub share_answers: Vec<String>,
    /// Respondent-sheet columns with answers coded 0–6, averaged (problem index).
    #[serde(rename = "medel_av", default)]
    pub mean_of: Vec<String>,
    /// Answers left out of the base ("Vet ej").
    #[serde(rename = "ej_svar", default)]
    pub excluded_answers: Vec<String>,
    /// Indicator names used in aggregated sheets.
    #[serde(rename = "aggregerad", default)]
    pub aggregated_names: Vec<String>,
    #[serde(rename = "battre")]
    pub better: Better,
    /// An indicator known only from published figures (no respondent rows): a share or an
    /// index.
    #[serde(rename = "publicerad")]
    pub published: Option<Published>,
}

/// What a published-only survey figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Published {
    Andel,
    Index,
}

impl SurveyIndicator {
    pub fn is_mean(&self) -> bool {
        !self.mean_of.is_empty() || self.published == Some(Published::Index)
    }

    /// Does an aggregated sheet's indicator name mean this indicator?
    pub fn matches_name(&self, name: &str) -> bool {
        let folded = fold(name);
        fold(&self.id) == folded
            || fold(&self.name) == folded
            || self.aggregated_names.iter().any(|a| fold(a) == folded)
    }

    /// Respondent-sheet columns this indicator reads.
    pub fn columns(&self) -> Vec<&str> {
        self.question
            .iter()
            .map(String::as_str)
            .chain(self.mean_of.iter().map(String::as_str))
            .collect()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrimeGroup {
    pub id: String,
    #[serde(rename = "namn")]
    pub name: String,
    #[serde(rename = "monster")]
    pub patterns: Vec<String>,
    /// Narcotics and weapons crimes are found by police activity: a rise is the promised effect.
    #[serde(rename = "spaningsbrott", default)]
    pub detected_by_police: bool,
}

impl CrimeGroup {
    pub fn matches(&self, category: &str) -> bool {
        self.patterns
            .iter()
            .any(|p| crate::names::glob_matches(p, category))
    }
}

impl Catalog {
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    /// The catalog place a log's place name means, tolerant of case, spacing, diacritics
    /// and the aliases in the catalog.
    pub fn place_named(&self, name: &str) -> Option<&Place> {
        let folded = fold(name);
        self.places.iter().find(|p| {
            fold(&p.name) == folded
                || fold(&p.id) == folded
                || p.aliases.iter().any(|a| fold(a) == folded)
        })
    }

    /// Is this the promise's own area (by name or alias)?
    pub fn is_own_area(&self, name: &str) -> bool {
        let folded = fold(name);
        fold(&self.area) == folded || self.area_aliases.iter().any(|a| fold(a) == folded)
    }

    /// The area a data row's area name means, as the catalog names it: the promise's own area
    /// (by name or alias), one of its parts (`[[delomrade]]`), or the area of an outcome
    /// measured at another level; `None` for any other area.
    pub fn area_named(&self, name: &str) -> Option<&str> {
        if self.is_own_area(name) {
            return Some(&self.area);
        }
        let folded = fold(name);
        if let Some(part) = self.sub_areas.iter().find(|a| a.is_named(&folded)) {
            return Some(&part.name);
        }
        self.outcomes
            .iter()
            .filter_map(|o| o.area.as_deref())
            .find(|a| fold(a) == folded)
    }

    /// Every name [`Catalog::area_named`] knows (the area, its aliases, its parts and their
    /// aliases, outcomes' other areas), as written: a row's area is known iff its folded
    /// name is one of these folded. A region indexes them once instead of folding them for
    /// every name it meets.
    pub fn area_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.area.as_str())
            .chain(self.area_aliases.iter().map(String::as_str))
            .chain(
                self.sub_areas
                    .iter()
                    .flat_map(|a| std::iter::once(&a.name).chain(&a.aliases))
                    .map(String::as_str),
            )
            .chain(self.outcomes.iter().filter_map(|o| o.area.as_deref()))
    }

    /// Is this area (as [`Catalog::area_named`] gives it) the promise's area or one of its parts?
    pub fn is_within_promise(&self, area: &str) -> bool {
        area == self.area || self.sub_areas.iter().any(|a| a.name == area)
    }

    pub fn survey_indicator(&self, id: &str) -> Option<&SurveyIndicator> {
        self.survey_indicators.iter().find(|s| s.id == id)
    }

    pub fn crime_group(&self, id: &str) -> Option<&CrimeGroup> {
        self.crime_groups.iter().find(|g| g.id == id)
    }

    pub fn crime_group_of(&self, category: &str) -> Option<&CrimeGroup> {
        self.crime_groups.iter().find(|g| g.matches(category))
    }

    /// All respondent-sheet question columns named by any survey indicator.
    pub fn survey_columns(&self) -> Vec<&str> {
        self.survey_indicators
            .iter()
            .flat_map(|s| s.columns())
            .collect()
    }

    /// The term a date falls in, if any.
    pub fn term_of(&self, date: NaiveDate) -> Option<&DateRange> {
        self.terms.iter().find(|t| t.contains(date))
    }
}

/// Reads and checks a catalog file.
pub fn load(path: &Path) -> Result<Catalog, CatalogError> {
    let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => CatalogError::Missing,
        _ => CatalogError::Io(e),
    })?;
    let mut catalog = load_from(&text)?;
    // A logo named relative to the catalog lies beside it, wherever lofte is run from.
    if let (Some(logo), Some(folder)) = (&catalog.profile.logo, path.parent()) {
        catalog.profile.logo = Some(folder.join(logo));
    }
    Ok(catalog)
}

/// Parses and checks catalog text.
pub fn load_from(text: &str) -> Result<Catalog, CatalogError> {
    let raw: RawCatalog = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_of(text, s.start));
        let source_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        // Inside an inline table a decimal comma reads as the next key, and the parser's
        // message speaks of strings or commas: say what is wrong.
        let message = match messages::decimal_comma(source_line) {
            true => messages::DECIMAL_COMMA.to_string(),
            false => messages::swedish(e.message()),
        };
        invalid(line, message)
    })?;
    raw.check(text)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    titel: String,
    omrade: String,
    #[serde(default)]
    omrade_alias: Vec<String>,
    ar: Option<Spanned<i32>>,
    fran: Option<Spanned<toml::value::Datetime>>,
    till: Option<Spanned<toml::value::Datetime>>,
    /// A promise with no end date, followed up until further notice.
    #[serde(default)]
    tills_vidare: bool,
    parter: Vec<String>,
    #[serde(default = "default_min_base")]
    minsta_bas: u32,
    #[serde(default)]
    helgdagar: Vec<String>,
    #[serde(default)]
    uppfoljning: Vec<u32>,
    #[serde(default)]
    termin: Vec<Spanned<RawTerm>>,
    #[serde(default)]
    plats: Vec<Place>,
    #[serde(default)]
    delomrade: Vec<SubArea>,
    #[serde(default)]
    lofte: Vec<RawPromise>,
    #[serde(default)]
    utfall: Vec<RawOutcome>,
    #[serde(default)]
    enkatindikator: Vec<SurveyIndicator>,
    #[serde(default)]
    brottsgrupp: Vec<CrimeGroup>,
    #[serde(default)]
    kolumnalias: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    data_tom: Option<Spanned<RawDataThrough>>,
    #[serde(default)]
    rapport: Option<Spanned<profile::RawProfile>>,
}

/// `[data_tom]`: the day each kind of input is complete to, when the analyst states it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDataThrough {
    logg: Option<toml::value::Datetime>,
    brott: Option<toml::value::Datetime>,
    lagesrapporter: Option<toml::value::Datetime>,
}

impl RawDataThrough {
    fn dates(&self) -> [(Source, Option<&toml::value::Datetime>); 3] {
        [
            (Source::Logg, self.logg.as_ref()),
            (Source::Brott, self.brott.as_ref()),
            (Source::Lagesrapporter, self.lagesrapporter.as_ref()),
        ]
    }
}

fn default_min_base() -> u32 {
    30
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    namn: String,
    fran: toml::value::Datetime,
    till: toml::value::Datetime,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPromise {
    id: Spanned<String>,
    part: String,
    text: String,
    /// How the commitment is measured; or, for a commitment of several parts ("X samt
    /// Y"), `delmatt` with one measure per part.
    matt: Option<Measure>,
    #[serde(default)]
    delmatt: Vec<Measure>,
}

impl RawPromise {
    fn measures(&self) -> Vec<&Measure> {
        self.matt.iter().chain(self.delmatt.iter()).collect()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutcome {
    id: Spanned<String>,
    text: String,
    kalla: String,
    matt: OutcomeMeasure,
    omrade: Option<String>,
    niva: Option<String>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line of the first quoted `needle` at or after `from`, else the line of `from`.
fn line_of_reference(text: &str, from: usize, needle: &str) -> usize {
    let quoted = format!("\"{needle}\"");
    let at = text[from.min(text.len())..]
        .find(&quoted)
        .map_or(from, |p| from + p);
    line_of(text, at)
}

/// The line of `key =` at or after `from`, else the line of `from`.
fn line_of_key(text: &str, from: usize, key: &str) -> usize {
    let at = text[from.min(text.len())..]
        .lines()
        .scan(from, |pos, l| {
            let start = *pos;
            *pos += l.len() + 1;
            Some((start, l))
        })
        .find(|(_, l)| l.trim_start().starts_with(key))
        .map_or(from, |(p, _)| p);
    line_of(text, at)
}

fn invalid(line: usize, message: String) -> CatalogError {
    CatalogError::Invalid { line, message }
}

use measure::toml_date as to_date;

/// The last day of a promise with no end date (`tills_vidare = true`).
pub const OPEN_END: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// The promise period: `fran`–`till`, or the calendar year `ar`; `fran` and
/// `tills_vidare` for a promise with no end date.
fn promise_period(raw: &RawCatalog, text: &str) -> Result<(NaiveDate, NaiveDate), CatalogError> {
    let date_of = |key: &str, v: &Spanned<toml::value::Datetime>| {
        to_date(v.get_ref()).ok_or_else(|| {
            invalid(
                line_of(text, v.span().start),
                format!("{key} ska vara ett datum utan klockslag, t.ex. 2019-01-01"),
            )
        })
    };
    match (&raw.fran, &raw.till, &raw.ar) {
        (Some(fran), Some(till), _) => {
            let (start, end) = (date_of("fran", fran)?, date_of("till", till)?);
            if end < start {
                return Err(invalid(
                    line_of(text, till.span().start),
                    format!("löftesperioden slutar ({end}) före den börjar ({start})"),
                ));
            }
            if let Some(ar) = &raw.ar {
                if *ar.get_ref() != start.year() {
                    return Err(invalid(line_of(text, ar.span().start), format!("ar = {} stämmer inte med fran = {start}; ange bara fran och till för en period över flera år", ar.get_ref())));
                }
            }
            Ok((start, end))
        }
        (None, None, Some(ar)) => {
            let year = *ar.get_ref();
            match (
                NaiveDate::from_ymd_opt(year, 1, 1),
                NaiveDate::from_ymd_opt(year, 12, 31),
            ) {
                (Some(s), Some(e)) if (1900..=9999).contains(&year) => Ok((s, e)),
                _ => Err(invalid(
                    line_of(text, ar.span().start),
                    format!("ar = {year} är inget rimligt år"),
                )),
            }
        }
        // Until further notice: the period has no end.
        (Some(fran), None, None) if raw.tills_vidare => Ok((date_of("fran", fran)?, OPEN_END)),
        (Some(v), None, _) | (None, Some(v), _) => Err(invalid(
            line_of(text, v.span().start),
            "löftesperioden behöver både fran och till (t.ex. fran = 2019-01-01 och till = 2020-12-31), eller fran och tills_vidare = true för ett löfte utan slutdatum".into(),
        )),
        (None, None, None) => Err(invalid(
            1,
            "katalogen saknar löftets period: ange ar = 2017 för ett kalenderår, eller fran och till".into(),
        )),
    }
}

impl RawCatalog {
    fn check(self, text: &str) -> Result<Catalog, CatalogError> {
        let (start, end) = promise_period(&self, text)?;
        let terms = self
            .termin
            .iter()
            .map(|t| {
                let line = line_of(text, t.span().start);
                let t = t.get_ref();
                let (Some(start), Some(end)) = (to_date(&t.fran), to_date(&t.till)) else {
                    return Err(invalid(
                        line,
                        format!(
                            "terminen '{}' behöver datum utan klockslag i fran och till",
                            t.namn
                        ),
                    ));
                };
                if end < start {
                    return Err(invalid(
                        line,
                        format!(
                            "terminen '{}' slutar ({end}) före den börjar ({start})",
                            t.namn
                        ),
                    ));
                }
                Ok(DateRange {
                    name: t.namn.clone(),
                    start,
                    end,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;

        let place_ids: HashSet<&str> = self.plats.iter().map(|p| p.id.as_str()).collect();
        for place in &self.plats {
            let Some(area) = &place.area else { continue };
            if !self.delomrade.iter().any(|a| a.is_named(&fold(area))) {
                let at = text.find(&format!("\"{}\"", place.id)).unwrap_or(0);
                let names: Vec<&str> = self.delomrade.iter().map(|a| a.name.as_str()).collect();
                let hint = messages::did_you_mean(area, names.iter().copied());
                return Err(invalid(
                    line_of(text, at),
                    format!("platsen '{}' ligger i området '{area}', som inte finns bland [[delomrade]] ({}){hint}", place.id, names.join(", ")),
                ));
            }
        }
        let mut seen = HashSet::new();
        for p in &self.lofte {
            let line = line_of(text, p.id.span().start);
            if !seen.insert(p.id.get_ref().clone()) {
                return Err(invalid(
                    line,
                    format!(
                        "id '{}' finns redan; varje löfte och utfall behöver ett eget id",
                        p.id.get_ref()
                    ),
                ));
            }
            match (&p.matt, p.delmatt.len()) {
                (Some(_), 0) | (None, 2..) => {}
                (Some(_), _) => {
                    return Err(invalid(line, format!("löfte {} har både matt och delmatt: skriv matt för ett mått, eller delmatt = [{{ … }}, {{ … }}] för ett åtagande i flera delar", p.id.get_ref())));
                }
                (None, 0) => {
                    return Err(invalid(
                        line,
                        format!(
                            "löfte {} saknar matt: ange hur det mäts (matt = {{ typ = … }})",
                            p.id.get_ref()
                        ),
                    ));
                }
                (None, _) => {
                    return Err(invalid(
                        line,
                        format!(
                            "löfte {}: delmatt behöver minst två mått; ett mått skrivs med matt",
                            p.id.get_ref()
                        ),
                    ));
                }
            }
            for m in p.measures() {
                let referenced: Vec<&String> = match m {
                    Measure::Bemanning { plats, platser, .. } => {
                        plats.iter().chain(platser.iter()).collect()
                    }
                    Measure::BesokPerTermin { platser, .. } => platser.iter().collect(),
                    Measure::Rakna(spec) => spec.platser.iter().collect(),
                    _ => vec![],
                };
                for place in referenced {
                    if !place_ids.contains(place.as_str()) {
                        let line = line_of_reference(text, p.id.span().start, place);
                        let hint = messages::did_you_mean(place, place_ids.iter().copied());
                        return Err(invalid(line, format!("löfte {} nämner platsen '{place}', som inte finns bland [[plats]] (id: {}){hint}", p.id.get_ref(), sorted(&place_ids))));
                    }
                }
                let per_term = matches!(m, Measure::BesokPerTermin { .. })
                    || matches!(m, Measure::Rakna(s) if s.per == Per::Termin)
                    || matches!(m, Measure::Svarstid(s) if s.per == Per::Termin);
                if per_term && terms.is_empty() {
                    return Err(invalid(
                        line,
                        format!(
                            "löfte {} mäts per termin, men katalogen har inga [[termin]]",
                            p.id.get_ref()
                        ),
                    ));
                }
                if let Some(part) = match m {
                    Measure::Rakna(spec) => spec.delomrade.as_ref(),
                    _ => None,
                } {
                    if !self.delomrade.iter().any(|a| a.is_named(&fold(part))) {
                        let names: Vec<&str> =
                            self.delomrade.iter().map(|a| a.name.as_str()).collect();
                        let hint = messages::did_you_mean(part, names.iter().copied());
                        return Err(invalid(
                            line_of_reference(text, p.id.span().start, part),
                            format!("löfte {} räknar delområdet '{part}', som inte finns bland [[delomrade]] ({}){hint}", p.id.get_ref(), names.join(", ")),
                        ));
                    }
                }
                if matches!(m, Measure::Rakna(s) if s.per_omrade) && self.delomrade.is_empty() {
                    return Err(invalid(
                        line,
                        format!("löfte {} ska redovisas per område (per_omrade), men katalogen har inga [[delomrade]]", p.id.get_ref()),
                    ));
                }
                check_measure(p.id.get_ref(), m, start, end)
                    .map_err(|e| invalid(line_of_key(text, p.id.span().start, "matt"), e))?;
            }
        }

        let indicator_ids: HashSet<&str> =
            self.enkatindikator.iter().map(|s| s.id.as_str()).collect();
        let group_ids: HashSet<&str> = self.brottsgrupp.iter().map(|g| g.id.as_str()).collect();
        for ind in &self.enkatindikator {
            let at = text.find(&format!("\"{}\"", ind.id)).unwrap_or(0);
            let ways = [
                ind.question.is_some(),
                !ind.mean_of.is_empty(),
                ind.published.is_some(),
            ];
            if ways.iter().filter(|w| **w).count() != 1 {
                return Err(invalid(line_of(text, at), format!("enkätindikatorn '{}' behöver ett av: fraga + andel_svar (en andel), medel_av (ett medelvärde) eller publicerad = \"andel\"/\"index\" (bara publicerade siffror)", ind.id)));
            }
            if ind.published.is_some() && ind.aggregated_names.is_empty() {
                return Err(invalid(line_of(text, at), format!("enkätindikatorn '{}' finns bara som publicerade siffror: ange vad den heter i tabellen med aggregerad = [\"…\"]", ind.id)));
            }
            if ind.question.is_some() && ind.share_answers.is_empty() {
                return Err(invalid(
                    line_of(text, at),
                    format!(
                        "enkätindikatorn '{}' har en fraga men inga andel_svar",
                        ind.id
                    ),
                ));
            }
        }
        for o in &self.utfall {
            let line = line_of(text, o.id.span().start);
            if !seen.insert(o.id.get_ref().clone()) {
                return Err(invalid(
                    line,
                    format!(
                        "id '{}' finns redan; varje löfte och utfall behöver ett eget id",
                        o.id.get_ref()
                    ),
                ));
            }
            let (refs, known, what): (&Vec<String>, &HashSet<&str>, &str) = match &o.matt {
                OutcomeMeasure::Enkat { indikatorer, .. } => {
                    (indikatorer, &indicator_ids, "[[enkatindikator]]")
                }
                OutcomeMeasure::Brott { grupper, .. } => (grupper, &group_ids, "[[brottsgrupp]]"),
                // Followed by status notes: nothing to refer to.
                OutcomeMeasure::Lagesrapport {} => continue,
            };
            if refs.is_empty() {
                return Err(invalid(
                    line,
                    format!(
                        "utfall {} mäter ingenting: ange minst en indikator eller brottsgrupp",
                        o.id.get_ref()
                    ),
                ));
            }
            for r in refs {
                if !known.contains(r.as_str()) {
                    let line = line_of_reference(text, o.id.span().start, r);
                    return Err(invalid(
                        line,
                        format!(
                            "utfall {} nämner '{r}', som inte finns bland {what} (id: {})",
                            o.id.get_ref(),
                            sorted(known)
                        ),
                    ));
                }
            }
        }

        for column in self.kolumnalias.keys() {
            if crate::ingest::header::field_named(column).is_none() {
                let at = text.find("[kolumnalias]").unwrap_or(0);
                let line = line_of_key(text, at, column);
                return Err(invalid(line, format!("[kolumnalias] nämner kolumnen '{column}', som verktyget inte känner; se docs/input-formats.md för kolumnernas namn")));
            }
        }

        let mut stated_through = vec![];
        if let Some(raw) = &self.data_tom {
            let line = line_of(text, raw.span().start);
            for (source, value) in raw.get_ref().dates() {
                let Some(value) = value else { continue };
                let date = to_date(value).ok_or_else(|| {
                    invalid(
                        line,
                        format!(
                            "[data_tom] {} ska vara ett datum utan klockslag, t.ex. 2019-12-31",
                            source.key()
                        ),
                    )
                })?;
                stated_through.push((source, date));
            }
        }

        let profile = match self.rapport {
            None => profile::ReportProfile::default(),
            Some(raw) => {
                let line = line_of(text, raw.span().start);
                raw.into_inner().check().map_err(|m| invalid(line, m))?
            }
        };
        let weekend = weekend_days(&self.helgdagar).map_err(|m| {
            let at = text.find("helgdagar").unwrap_or(0);
            invalid(line_of(text, at), m)
        })?;
        let mut follow_up = self.uppfoljning.clone();
        follow_up.sort_unstable();
        follow_up.dedup();
        if let Some(bad) = follow_up.iter().find(|m| !(1..=12).contains(*m)) {
            let at = text.find("uppfoljning").unwrap_or(0);
            return Err(invalid(
                line_of(text, at),
                format!("uppfoljning: {bad} är ingen månad; skriv månadernas nummer, t.ex. [5, 11] för maj och november"),
            ));
        }
        let sub_areas = self.delomrade;
        Ok(Catalog {
            title: self.titel,
            area: self.omrade,
            area_aliases: self.omrade_alias,
            year: start.year(),
            start,
            end,
            parties: self.parter,
            min_base: self.minsta_bas,
            weekend,
            follow_up,
            terms,
            places: self.plats,
            sub_areas: sub_areas.clone(),
            promises: self
                .lofte
                .into_iter()
                .map(|p| {
                    let mut measures = p
                        .matt
                        .into_iter()
                        .chain(p.delmatt)
                        .map(|m| canonical_part(m, &sub_areas));
                    Promise {
                        id: p.id.into_inner(),
                        party: p.part,
                        text: p.text,
                        // Checked above: at least one measure.
                        measure: measures.next().unwrap_or(Measure::Lagesrapport {}),
                        more: measures.collect(),
                    }
                })
                .collect(),
            outcomes: self
                .utfall
                .into_iter()
                .map(|o| Outcome {
                    id: o.id.into_inner(),
                    text: o.text,
                    source: o.kalla,
                    measure: o.matt,
                    area: o.omrade,
                    level: o.niva,
                })
                .collect(),
            survey_indicators: self.enkatindikator,
            crime_groups: self.brottsgrupp,
            column_aliases: self.kolumnalias.into_iter().collect(),
            stated_through,
            profile,
            source: text.to_string(),
        })
    }
}

/// The weekend's days: `helgdagar` as weekdays (Saturday and Sunday when not given); they
/// must follow each other (fre, lör; or fre, lör, sön).
fn weekend_days(names: &[String]) -> Result<Vec<chrono::Weekday>, String> {
    use chrono::Weekday;
    if names.is_empty() {
        return Ok(vec![Weekday::Sat, Weekday::Sun]);
    }
    let mut days = vec![];
    for n in names {
        let day = measure::weekday_named(n).ok_or_else(|| {
            format!("helgdagar: '{n}' är ingen veckodag (skriv mån, tis, ons, tor, fre, lör, sön)")
        })?;
        if !days.contains(&day) {
            days.push(day);
        }
    }
    // Consecutive: exactly one day of the set has no set day before it.
    let starts = days.iter().filter(|d| !days.contains(&d.pred())).count();
    if starts != 1 && days.len() < 7 {
        return Err("helgdagar ska följa på varandra, t.ex. [\"fre\", \"lör\"]".into());
    }
    Ok(days)
}

/// A count of one part of the area names the part as `[[delomrade]]` does (the rows carry
/// that name), however the analyst spelt it in `delomrade`.
fn canonical_part(m: Measure, parts: &[SubArea]) -> Measure {
    match m {
        Measure::Rakna(mut spec) => {
            if let Some(named) = &spec.delomrade {
                let found = parts.iter().find(|a| a.is_named(&fold(named)));
                spec.delomrade = found.map(|a| a.name.clone()).or(spec.delomrade);
            }
            Measure::Rakna(spec)
        }
        other => other,
    }
}

/// Checks what serde cannot: values that must be non-empty, in range or well formed.
fn check_measure(id: &str, m: &Measure, start: NaiveDate, end: NaiveDate) -> Result<(), String> {
    let (types, _) = m.log_types();
    let reads_log = !matches!(
        m,
        Measure::Bemanning { .. } | Measure::Lagesrapport {} | Measure::Leverans(_)
    );
    if reads_log && types.is_empty() {
        return Err(format!(
            "löfte {id} räknar loggrader men anger inga loggtyper (t.ex. loggtyper = [\"Fotpatrull\"])"
        ));
    }
    match m {
        Measure::Bemanning {
            fran_klockan,
            till_klockan,
            ..
        } if [fran_klockan, till_klockan]
            .into_iter()
            .flatten()
            .any(|c| measure::minutes_of_clock(c).is_none())
            || (till_klockan.is_some() && fran_klockan.is_none()) =>
        {
            Err(format!(
                "löfte {id}: fran_klockan och till_klockan ska vara klockslag, t.ex. \"18:00\" (till_klockan kräver fran_klockan)"
            ))
        }
        Measure::Bemanning { veckodagar, .. }
            if veckodagar.iter().any(|d| measure::weekday_named(d).is_none()) =>
        {
            Err(format!(
                "löfte {id}: veckodagar: skriv mån, tis, ons, tor, fre, lör eller sön"
            ))
        }
        Measure::Bemanning {
            plats: Some(_),
            platser,
            ..
        } if !platser.is_empty() => Err(format!(
            "löfte {id}: ange plats för en plats eller platser för flera, inte båda"
        )),
        Measure::Bemanning { roll: None, roller, .. } if roller.is_empty() => Err(format!(
            "löfte {id} mäter bemanning men anger ingen roll (roll = \"Kontaktpolis\" eller roller = [...])"
        )),
        Measure::Rakna(s) => check_count(id, s),
                // Written so that NaN is refused too.
        Measure::Svarstid(s) if s.inom_timmar.is_some_and(|h| h.is_nan() || h <= 0.0) => Err(format!(
            "löfte {id}: inom_timmar ska vara ett antal timmar större än 0"
        )),
        Measure::Svarstid(ResponseSpec { minst: Some(x), .. }) if !(0.0..=1.0).contains(x) => {
            Err(format!(
                "löfte {id}: minst för en svarstid är en andel mellan 0 och 1 (0.9 = 90 %)"
            ))
        }
        Measure::Leverans(DeadlineSpec { senast: Some(d) }) => match to_date(d) {
            None => Err(format!(
                "löfte {id}: senast ska vara ett datum utan klockslag, t.ex. 2020-12-31"
            )),
            Some(d) if d < start || d > end => Err(format!(
                "löfte {id}: senast ({d}) ligger utanför löftesperioden {start} – {end}"
            )),
            Some(_) => Ok(()),
        },
        _ => Ok(()),
    }
}

fn check_count(id: &str, s: &CountSpec) -> Result<(), String> {
    if let Some(bad) = s
        .veckodagar
        .iter()
        .find(|d| measure::weekday_named(d).is_none())
    {
        return Err(format!(
            "löfte {id}: '{bad}' är ingen veckodag (skriv mån, tis, ons, tor, fre, lör, sön)"
        ));
    }
    for clock in [&s.fran_klockan, &s.till_klockan].into_iter().flatten() {
        if measure::minutes_of_clock(clock).is_none() {
            return Err(format!(
                "löfte {id}: '{clock}' är inget klockslag (skriv t.ex. \"18:00\")"
            ));
        }
    }
    if s.till_klockan.is_some() && s.fran_klockan.is_none() {
        return Err(format!(
            "löfte {id}: till_klockan behöver fran_klockan (t.ex. fran_klockan = \"18:00\")"
        ));
    }
    if s.per_plats && s.platser.len() < 2 {
        return Err(format!(
            "löfte {id}: per_plats = true behöver minst två platser i platser"
        ));
    }
    if s.per_fokus && s.fokus.is_empty() {
        return Err(format!("löfte {id}: per_fokus = true behöver fokus"));
    }
    if s.rakna == Unit::AndelDagar {
        if let Some(x) = s.minst.filter(|x| !(0.0..=1.0).contains(x)) {
            return Err(format!("löfte {id}: med rakna = \"andel_dagar\" är minst en andel mellan 0 och 1, inte {x}"));
        }
    }
    if s.minst.is_some_and(|x| x < 0.0) {
        return Err(format!("löfte {id}: minst kan inte vara negativt"));
    }
    if s.fokus_alla && s.fokus.len() < 2 {
        return Err(format!(
            "löfte {id}: fokus_alla = true behöver minst två fokus i fokus"
        ));
    }
    if s.fokus_alla && s.per_fokus {
        return Err(format!(
            "löfte {id}: fokus_alla och per_fokus går inte ihop: välj att kräva alla fokus på samma rad eller att bedöma varje fokus för sig"
        ));
    }
    if s.jamfor_aret_innan && s.jamfor_med.is_some() {
        return Err(format!(
            "löfte {id}: ange jamfor_aret_innan eller jamfor_med, inte båda"
        ));
    }
    for (key, value) in [("fran", &s.fran), ("till", &s.till)] {
        if value
            .as_ref()
            .is_some_and(|v| measure::toml_date(v).is_none())
        {
            return Err(format!(
                "löfte {id}: {key} ska vara ett datum utan klockslag, t.ex. 2021-03-01"
            ));
        }
    }
    if let (Some(a), Some(b)) = (
        s.fran.as_ref().and_then(measure::toml_date),
        s.till.as_ref().and_then(measure::toml_date),
    ) {
        if b < a {
            return Err(format!("löfte {id}: till ({b}) ligger före fran ({a})"));
        }
    }
    Ok(())
}

fn sorted(ids: &HashSet<&str>) -> String {
    let mut v: Vec<&str> = ids.iter().copied().collect();
    v.sort_unstable();
    v.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
titel = "Medborgarlöfte"
omrade = "Karlslund"
ar = 2017
parter = ["Polisen", "Kommunen"]

[[termin]]
namn = "VT 2017"
fran = 2017-01-10
till = 2017-06-14

[[plats]]
id = "ungdomshuset"
namn = "Ungdomshuset Karlslund"

[[lofte]]
id = "P3"
part = "Polisen"
text = "Polisen ska vid två tillfällen per termin besöka Ungdomshuset Karlslund."
matt = { typ = "besok_per_termin", platser = ["ungdomshuset"], antal = 2 }
"#;

    #[test]
    fn a_minimal_catalog_loads() {
        let c = load_from(MINIMAL).unwrap();
        assert_eq!(c.promises.len(), 1);
        assert_eq!(
            c.terms[0].end,
            NaiveDate::from_ymd_opt(2017, 6, 14).unwrap()
        );
        assert_eq!(c.min_base, 30);
        assert!(c.place_named("ungdomshuset  KARLSLUND").is_some());
    }

    #[test]
    fn an_unknown_key_names_its_line() {
        let text = MINIMAL.replace("ar = 2017", "ar = 2017\nfarg = \"blå\"");
        let err = load_from(&text).unwrap_err().to_string();
        assert!(
            err.starts_with("rad 5: okänd nyckel 'farg'; tillåtna här: titel,"),
            "{err}"
        );
    }

    #[test]
    fn an_unknown_place_names_its_line() {
        let text = MINIMAL.replace(
            "platser = [\"ungdomshuset\"]",
            "platser = [\"fritidsgarden\"]",
        );
        let err = load_from(&text).unwrap_err().to_string();
        // The reference stands on line 20 of MINIMAL (line 1 is the empty first line).
        assert!(err.starts_with("rad 20:"), "{err}");
        assert!(err.contains("fritidsgarden"), "{err}");
    }

    #[test]
    fn a_promise_without_a_measure_is_refused() {
        let text = MINIMAL.replace(
            "matt = { typ = \"besok_per_termin\", platser = [\"ungdomshuset\"], antal = 2 }",
            "",
        );
        let err = load_from(&text).unwrap_err().to_string();
        assert!(err.contains("matt"), "{err}");
    }

    #[test]
    fn column_aliases_must_name_known_columns() {
        let ok = format!("{MINIMAL}\n[kolumnalias]\nplats = [\"Enhet\"]\n");
        assert_eq!(
            load_from(&ok).unwrap().column_aliases,
            vec![("plats".to_string(), vec!["Enhet".to_string()])]
        );
        let bad = format!("{MINIMAL}\n[kolumnalias]\nplatz = [\"Enhet\"]\n");
        let err = load_from(&bad).unwrap_err().to_string();
        // MINIMAL is 20 lines; then a blank line 21, [kolumnalias] on 22 and platz on 23.
        assert!(err.starts_with("rad 23:"), "{err}");
        assert!(err.contains("platz"), "{err}");
    }

    /// Every class of catalog mistake gets a Swedish message with its line and what is
    /// allowed; the lines count from MINIMAL's empty first line.
    #[test]
    fn catalog_mistakes_get_swedish_messages_with_their_line() {
        let cases = [
            // A wrong type: the promise's measure is on line 20.
            (
                MINIMAL.replace("antal = 2 }", "antal = \"2\" }"),
                "rad 20: fel sorts värde: texten \"2\" står där ett heltal som inte är negativt behövs",
            ),
            // A decimal comma: `minsta_bas` on a new line 5, after `ar`.
            (
                MINIMAL.replace("ar = 2017", "ar = 2017\nminsta_bas = 2,5"),
                "rad 5: ogiltigt tal eller oväntat tecken: skriv decimaltal med punkt (2.5, inte 2,5)",
            ),
            // A near miss of a key.
            (
                MINIMAL.replace("platser = [", "plaster = ["),
                "rad 20: okänd nyckel 'plaster' (menade du 'platser'?); tillåtna här: platser, antal, loggtyper",
            ),
            // A place that does not exist, spelt near one that does.
            (
                MINIMAL.replace("platser = [\"ungdomshuset\"]", "platser = [\"ungdomshust\"]"),
                "rad 20: löfte P3 nämner platsen 'ungdomshust', som inte finns bland [[plats]] (id: ungdomshuset) (menade du 'ungdomshuset'?)",
            ),
            // A value out of a list, written with Swedish letters.
            (
                MINIMAL.replace("typ = \"besok_per_termin\"", "typ = \"besök_per_termin\""),
                "rad 20: okänt värde 'besök_per_termin' (menade du 'besok_per_termin'?); tillåtna värden: bemanning,",
            ),
            // A weekday that is none.
            (
                MINIMAL.replace(
                    "matt = { typ = \"besok_per_termin\", platser = [\"ungdomshuset\"], antal = 2 }",
                    "matt = { typ = \"rakna\", loggtyper = [\"Besök\"], veckodagar = [\"helg\"] }",
                ),
                "rad 20: löfte P3: 'helg' är ingen veckodag (skriv mån, tis, ons, tor, fre, lör, sön)",
            ),
        ];
        for (text, expected) in cases {
            let err = load_from(&text).unwrap_err().to_string();
            assert!(err.starts_with(expected), "{err}\nexpected: {expected}");
            for rust in ["u32", "f64", "String", "struct", "enum", "invalid type"] {
                assert!(!err.contains(rust), "a Rust term in: {err}");
            }
        }
    }

    #[test]
    fn an_unknown_measure_type_is_refused() {
        let text = MINIMAL.replace("besok_per_termin", "besok_per_vecka");
        let err = load_from(&text).unwrap_err().to_string();
        assert!(err.contains("besok_per_vecka"), "{err}");
    }
}
