//! Catalog, the general measure model: how any commitment is measured — what is counted,
//! counted how, per what, against what — plus deadlines, response times and stocks.
//!
//! The seed's kinds (`besok_per_termin`, `insatser`, …) stay as short presets in
//! [`super::Measure`]; everything here is written in the catalog as
//! `matt = { typ = "rakna", … }`, `typ = "leverans"`, `typ = "svarstid"` or `typ = "bestand"`.

use chrono::{NaiveDate, Weekday};
use serde::Deserialize;

use crate::names::fold;

/// What is counted in each unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Log rows (occasions, visits, checks, new units).
    #[default]
    Rader,
    /// Distinct dates with at least one row.
    Dagar,
    /// Distinct ISO weeks with at least one row.
    Veckor,
    /// Distinct weekends (Saturday–Sunday) with at least one row.
    Helger,
    /// Hours: the Timmar/Minuter column, else the time from start to end.
    Timmar,
    /// Participants summed.
    Deltagare,
    /// A total carried in the row (`Antal`: "303 trafikkontroller" for a month); a row
    /// without a number is one event.
    Antal,
    /// Distinct days covered ÷ the days of the unit that pass the weekday filter.
    AndelDagar,
}

/// The unit of time a target applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Vecka,
    Manad,
    Tertial,
    Termin,
    Ar,
    /// The whole promise period (from `fran` to `till` in the catalog).
    #[default]
    Period,
}

/// A general count measure (`typ = "rakna"`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountSpec {
    /// Log types counted (compared without case or diacritics).
    pub loggtyper: Vec<String>,
    /// Only rows at these places (catalog place ids); empty: every row, with or without place.
    #[serde(default)]
    pub platser: Vec<String>,
    /// Judge each place on its own (`true`) or the places summed (`false`, the default).
    #[serde(default)]
    pub per_plats: bool,
    /// Judge each part of the area (`[[delomrade]]`) on its own, and show the total.
    #[serde(default)]
    pub per_omrade: bool,
    /// Only rows tagged with one of these focus tags.
    #[serde(default)]
    pub fokus: Vec<String>,
    /// Judge each focus tag on its own.
    #[serde(default)]
    pub per_fokus: bool,
    /// Only rows tagged with every one of the focus tags (all of them), not any one.
    #[serde(default)]
    pub fokus_alla: bool,
    /// Only rows of one part of the area (a `[[delomrade]]` name), by their Område or place.
    pub delomrade: Option<String>,
    /// Only rows on these weekdays ("fre", "lör", "fredag", "Saturday" …).
    #[serde(default)]
    pub veckodagar: Vec<String>,
    /// Only rows in this time of day ("18:00"); may wrap past midnight with `till_klockan`.
    pub fran_klockan: Option<String>,
    pub till_klockan: Option<String>,
    /// Only rows done by one of these (the log's Utförare column: "Polisen", "Gemensam").
    #[serde(default)]
    pub utforare: Vec<String>,
    #[serde(default)]
    pub rakna: Unit,
    #[serde(default)]
    pub per: Per,
    /// At least this much per unit of time (a share 0–1 with `rakna = "andel_dagar"`).
    pub minst: Option<f64>,
    /// Compare with the same unit of time a year earlier: the target when there is no
    /// `minst`, else shown beside it.
    #[serde(default)]
    pub jamfor_aret_innan: bool,
    /// Compare every span with the same span of a fixed year (typically the year before the
    /// promise: "öka jämfört med 2018"): the target when there is no `minst`.
    pub jamfor_med: Option<i32>,
    /// The measure's own window inside the promise period ("under våren": its first and
    /// last day); every span is clipped to it.
    pub fran: Option<toml::value::Datetime>,
    pub till: Option<toml::value::Datetime>,
    /// Also show the amounts per another unit of time, without a verdict (visits per term,
    /// also per tertial).
    pub ocksa_per: Option<Per>,
    /// Also show other units beside the counted one, without a verdict (activities, and
    /// their participants).
    #[serde(default)]
    pub redovisa_aven: Vec<Unit>,
    /// The indicator's name in the reports ("fotpatruller"); without it, the unit, the log
    /// types and the filters.
    pub namn: Option<String>,
    /// The name for one ("fotpatrull", "nytt båtsamverkansområde"); without it, `namn` is
    /// used for one too.
    pub namn_ental: Option<String>,
    /// Which seed kind this count stands for, if any: its indicators keep their names.
    #[serde(skip)]
    pub preset: Option<Preset>,
}

/// The seed's count kinds, kept as short forms of [`CountSpec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Visits,
    Operations,
    Visibility,
    Activities,
}

impl CountSpec {
    /// A spec that counts rows of `types` per `per`; the presets start from it.
    pub fn rows_of(types: &[String], per: Per) -> Self {
        CountSpec {
            loggtyper: types.to_vec(),
            platser: vec![],
            per_plats: false,
            per_omrade: false,
            fokus: vec![],
            per_fokus: false,
            fokus_alla: false,
            delomrade: None,
            veckodagar: vec![],
            fran_klockan: None,
            till_klockan: None,
            utforare: vec![],
            rakna: Unit::Rader,
            per,
            minst: None,
            jamfor_aret_innan: false,
            jamfor_med: None,
            fran: None,
            till: None,
            ocksa_per: None,
            redovisa_aven: vec![],
            namn: None,
            namn_ental: None,
            preset: None,
        }
    }
}

impl CountSpec {
    /// The measure's own window (`fran`–`till`), within the promise period `promise`.
    pub fn window(&self, promise: (NaiveDate, NaiveDate)) -> (NaiveDate, NaiveDate) {
        let day = |d: &Option<toml::value::Datetime>| d.as_ref().and_then(toml_date);
        (
            day(&self.fran).map_or(promise.0, |d| d.max(promise.0)),
            day(&self.till).map_or(promise.1, |d| d.min(promise.1)),
        )
    }

    /// Does the measure have a window of its own (`fran` or `till`)?
    pub fn window_set(&self) -> bool {
        self.fran.is_some() || self.till.is_some()
    }

    /// Is the count judged against an earlier span (the year before, or a fixed year)?
    pub fn compared(&self) -> bool {
        self.jamfor_aret_innan || self.jamfor_med.is_some()
    }
}

/// A response time (`typ = "svarstid"`): log rows of the given types are cases, reported at
/// their date and time and done at `Åtgärdad`; judged as the share done within `inom_timmar`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseSpec {
    pub loggtyper: Vec<String>,
    /// The time limit in hours; without it, a case counts when it was acted on at all
    /// ("alltid ingripa", "varje fel åtgärdas").
    pub inom_timmar: Option<f64>,
    /// The share of cases that must be done in time (0–1); without it, reported only.
    pub minst: Option<f64>,
    #[serde(default = "per_year")]
    pub per: Per,
}

fn per_year() -> Per {
    Per::Ar
}

/// A stock that must grow (`typ = "bestand"`): active units (neighbourhood-watch areas) at
/// the end against the promise's start. Rows of `loggtyper` add units (their `Antal`, else
/// one), rows of `avslut_loggtyper` remove them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StockSpec {
    pub loggtyper: Vec<String>,
    #[serde(default)]
    pub avslut_loggtyper: Vec<String>,
    /// Active units on the promise's first day, when the log does not reach back that far.
    pub start_antal: Option<f64>,
    /// The growth that fulfils the promise (default 1: "ska öka").
    #[serde(default = "one")]
    pub minst_okning: f64,
}

fn one() -> f64 {
    1.0
}

/// A one-off deliverable (`typ = "leverans"`): done when a status note says Genomfört.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineSpec {
    /// The deadline; without it, the promise period's last day.
    pub senast: Option<toml::value::Datetime>,
}

/// A weekday named in Swedish or English, full or by its first three letters.
pub fn weekday_named(name: &str) -> Option<Weekday> {
    let f = fold(name);
    let days = [
        (Weekday::Mon, "man", "mon"),
        (Weekday::Tue, "tis", "tue"),
        (Weekday::Wed, "ons", "wed"),
        (Weekday::Thu, "tor", "thu"),
        (Weekday::Fri, "fre", "fri"),
        (Weekday::Sat, "lor", "sat"),
        (Weekday::Sun, "son", "sun"),
    ];
    if f.len() < 2 {
        return None;
    }
    days.iter()
        .find(|(_, sv, en)| {
            let f3: String = f.chars().take(3).collect();
            f3 == *sv || f3 == *en
        })
        .map(|(d, _, _)| *d)
}

/// Minutes after midnight of a clock time written "18", "18:00", "18.30" or "1830".
pub fn minutes_of_clock(text: &str) -> Option<u32> {
    let t = text.trim();
    let (h, m) = match t.split_once([':', '.']) {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None if t.len() == 4 => (t[..2].parse().ok()?, t[2..].parse().ok()?),
        None => (t.parse().ok()?, 0),
    };
    (h <= 24 && m < 60 && h * 60 + m <= 1440).then_some(h * 60 + m)
}

/// The time of day a measure names (`fran_klockan`–`till_klockan`) in minutes after
/// midnight; without `till_klockan` it runs to midnight (24:00). `None`: any time.
pub fn clock_window(from: Option<&str>, to: Option<&str>) -> Option<(u32, u32)> {
    let from = minutes_of_clock(from?)?;
    Some((from, to.and_then(minutes_of_clock).unwrap_or(1440)))
}

/// A TOML date without a time as a calendar date.
pub fn toml_date(dt: &toml::value::Datetime) -> Option<NaiveDate> {
    let date = dt.date.as_ref()?;
    if dt.time.is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::from(date.year),
        u32::from(date.month),
        u32::from(date.day),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_are_read_in_swedish_and_english() {
        assert_eq!(weekday_named("fre"), Some(Weekday::Fri));
        assert_eq!(weekday_named("Lördag"), Some(Weekday::Sat));
        assert_eq!(weekday_named("sön"), Some(Weekday::Sun));
        assert_eq!(weekday_named("Monday"), Some(Weekday::Mon));
        assert_eq!(weekday_named("x"), None);
        assert_eq!(weekday_named("helg"), None);
    }

    #[test]
    fn clock_times_are_minutes_after_midnight() {
        assert_eq!(minutes_of_clock("18:00"), Some(1080));
        assert_eq!(minutes_of_clock("18"), Some(1080));
        assert_eq!(minutes_of_clock("06.30"), Some(390));
        assert_eq!(minutes_of_clock("2400"), Some(1440));
        assert_eq!(minutes_of_clock("25:00"), None);
        assert_eq!(minutes_of_clock("kväll"), None);
    }
}
