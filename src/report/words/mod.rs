//! Stage 3, report: the message tables. Every phrase the indicators return is written here,
//! one file per language (`sv.rs`, `en.rs`), so a third language is one more file and one
//! line in each function below. The helpers at the end are the parts every language
//! shares: number forms and which figures a sentence shows.

mod en;
mod sv;

use crate::catalog::CountSpec;
use crate::fmt::{self, Lang};
use crate::indicators::phrase::{CountAmount, CrimeFinding, Notes, Phrase, SurveyPoint};
use crate::indicators::stats::CountTest;
use crate::indicators::Status;

/// A phrase in the report's language.
pub fn say(lang: Lang, phrase: &Phrase) -> String {
    match lang {
        Lang::Sv => sv::say(phrase),
        Lang::En => en::say(phrase),
    }
}

/// A status as a word in the report's language.
pub fn status(lang: Lang, s: Status) -> &'static str {
    match lang {
        Lang::Sv => sv::status(s),
        Lang::En => en::status(s),
    }
}

/// A fixed report text (a heading, a column, a sentence without values) in the report's
/// language, keyed by its Swedish wording.
pub fn label(lang: Lang, sv: &'static str) -> &'static str {
    match lang {
        Lang::Sv => sv,
        Lang::En => en::label(sv),
    }
}

/// How each status and indicator is defined, in the report's language; shown in the
/// workbook's Metod sheet and the PDF's method appendix.
pub fn method(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Sv => sv::METHOD,
        Lang::En => en::METHOD,
    }
}

/// A report line with values in it.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// The period is in progress at the data date (the report's first page).
    DataInProgress(chrono::NaiveDate),
    /// The same, short (the workbook's summary sheet).
    DataInProgressShort(chrono::NaiveDate),
    /// When and from how many files the report was compiled.
    Compiled {
        date: chrono::NaiveDate,
        files: usize,
    },
    /// The data-quality appendix's first sentence.
    RowsRead {
        files: usize,
        read: usize,
        used: usize,
        rejected: usize,
        skipped: usize,
    },
    /// Rejected rows beyond those the PDF lists.
    MoreRejected(usize),
    /// How the report compares with the previous one.
    SinceLast {
        previous: String,
        moved: usize,
        unchanged: usize,
        figures: usize,
    },
}

/// A report line in the report's language.
pub fn line(lang: Lang, line: &Line) -> String {
    match lang {
        Lang::Sv => sv::line(line),
        Lang::En => en::line(line),
    }
}

/// A value's notes in the report's language, joined by "; ".
pub fn notes(lang: Lang, notes: &Notes) -> String {
    notes
        .0
        .iter()
        .map(|p| say(lang, p))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A count as a whole number, or with one decimal when it has a fraction (hours).
fn number(x: f64, lang: Lang) -> String {
    if x.fract() == 0.0 {
        fmt::count(x, lang)
    } else {
        fmt::number(x, 1, lang)
    }
}

/// The filters of a count in a few words: ", fre/lör, 18:00–24:00, Gemensam, fokus narkotika".
fn filters(spec: &CountSpec, focus_word: &str) -> String {
    let mut text = String::new();
    if !spec.veckodagar.is_empty() {
        text.push_str(&format!(", {}", spec.veckodagar.join("/")));
    }
    if let Some(from) = &spec.fran_klockan {
        let to = spec.till_klockan.as_deref().unwrap_or("24:00");
        text.push_str(&format!(", {from}–{to}"));
    }
    if !spec.utforare.is_empty() {
        text.push_str(&format!(", {}", spec.utforare.join("/")));
    }
    if !spec.fokus.is_empty() && !spec.per_fokus {
        text.push_str(&format!(", {focus_word} {}", spec.fokus.join("/")));
    }
    text
}

/// For a share of days: the days covered and the days, as whole numbers.
fn covered_days(a: &CountAmount) -> (f64, f64) {
    let days = a.days.unwrap_or(0.0);
    let covered = a.days.map_or(0.0, |n| (a.value * n).round());
    (covered, days)
}

/// A survey value: an index with two decimals, a share as percent.
fn survey_number(mean: bool, value: f64, lang: Lang) -> String {
    if mean {
        fmt::number(value, 2, lang)
    } else {
        fmt::percent(value, lang)
    }
}

/// A survey value with its base and year: "33,7 % (n = 412) 2017".
fn survey_value(mean: bool, p: &SurveyPoint, lang: Lang) -> String {
    let n =
        p.n.map_or(String::new(), |n| format!(" (n = {})", fmt::count(n, lang)));
    format!("{}{n} {}", survey_number(mean, p.value, lang), p.year)
}

/// The rate ratio and its interval, when the test gives both: ("1,39", "0,90–2,13").
fn ratio_texts(t: &CountTest, lang: Lang) -> Option<(String, String)> {
    let ratio = t.ratio.map(|r| fmt::number(r, 2, lang))?;
    let (lo, hi) = t.ratio_ci?;
    Some((
        ratio,
        format!("{}–{}", fmt::number(lo, 2, lang), fmt::number(hi, 2, lang)),
    ))
}

/// A baseline mean: whole when it is whole, else one decimal.
fn baseline_number(b: f64, lang: Lang) -> String {
    fmt::number(b, if b.fract() == 0.0 { 0 } else { 1 }, lang)
}

/// The change against a positive baseline in percent: " (+39 %)"; empty for a zero baseline.
fn percent_change(current: f64, b: f64, lang: Lang) -> String {
    if b > 0.0 {
        format!(" ({} %)", fmt::signed((current - b) / b * 100.0, 0, lang))
    } else {
        String::new()
    }
}

/// The test's p is under 5 %.
fn beyond_chance(f: &CrimeFinding) -> bool {
    matches!(f.test.map(|t| t.p), Some(p) if p < 0.05)
}
