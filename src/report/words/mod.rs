//! Stage 3, report: the message tables. Every phrase the indicators return is written here,
//! one file per language (`sv.rs`, `en.rs`), so a third language is one more file and one
//! line in each function below. The helpers at the end are the parts every language
//! shares: number forms and which figures a sentence shows.

mod en;
mod sv;

use crate::catalog::{CountSpec, Per, Unit};
use crate::fmt::{self, Lang};
use crate::indicators::count::Uncounted;
use crate::indicators::phrase::{CountAmount, CrimeFinding, Notes, Phrase, SurveyPoint};
use crate::indicators::phrase::{CountFinding, CountSummary, PartKind};
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

/// What a method text is about, in the order of the languages' `METHOD` tables: the
/// method appendix shows only what the promise's catalog uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Topic {
    /// Statuses and the data date: every report.
    Always,
    Visits,
    Staffing,
    Operations,
    Visibility,
    Activities,
    Notes,
    Counts,
    Response,
    Stock,
    Deadline,
    SurveyShare,
    SurveyMean,
    Survey,
    Crime,
    /// Survey or crime: the test of a change.
    Tested,
    /// An outcome with more than one indicator or group.
    SeveralIndicators,
    DetectedCrime,
}

const TOPICS: [Topic; 24] = [
    Topic::Always,
    Topic::Always,
    Topic::Always,
    Topic::Always,
    Topic::Always,
    Topic::Always,
    Topic::Always,
    Topic::Visits,
    Topic::Staffing,
    Topic::Operations,
    Topic::Visibility,
    Topic::Activities,
    Topic::Notes,
    Topic::Counts,
    Topic::Response,
    Topic::Stock,
    Topic::Deadline,
    Topic::SurveyShare,
    Topic::SurveyMean,
    Topic::Survey,
    Topic::Crime,
    Topic::Tested,
    Topic::SeveralIndicators,
    Topic::DetectedCrime,
];

impl Topic {
    fn used_by(self, catalog: &crate::catalog::Catalog) -> bool {
        use crate::catalog::{Measure, OutcomeMeasure};
        let measure = |f: fn(&Measure) -> bool| catalog.measures().any(f);
        let survey = catalog
            .outcomes
            .iter()
            .any(|o| matches!(o.measure, OutcomeMeasure::Enkat { .. }));
        let crime = catalog
            .outcomes
            .iter()
            .any(|o| matches!(o.measure, OutcomeMeasure::Brott { .. }));
        match self {
            Topic::Always => true,
            Topic::Visits => measure(|m| matches!(m, Measure::BesokPerTermin { .. })),
            Topic::Staffing => measure(|m| matches!(m, Measure::Bemanning { .. })),
            Topic::Operations => measure(|m| matches!(m, Measure::Insatser { .. })),
            Topic::Visibility => measure(|m| matches!(m, Measure::Synlighet { .. })),
            Topic::Activities => measure(|m| matches!(m, Measure::Aktiviteter { .. })),
            Topic::Notes => {
                measure(|m| matches!(m, Measure::Lagesrapport {}))
                    || catalog
                        .outcomes
                        .iter()
                        .any(|o| matches!(o.measure, OutcomeMeasure::Lagesrapport {}))
            }
            Topic::Counts => measure(|m| matches!(m, Measure::Rakna(_))),
            Topic::Response => measure(|m| matches!(m, Measure::Svarstid(_))),
            Topic::Stock => measure(|m| matches!(m, Measure::Bestand(_))),
            Topic::Deadline => measure(|m| matches!(m, Measure::Leverans(_))),
            Topic::SurveyShare => survey && catalog.survey_indicators.iter().any(|s| !s.is_mean()),
            Topic::SurveyMean => survey && catalog.survey_indicators.iter().any(|s| s.is_mean()),
            Topic::Survey => survey,
            Topic::Crime => crime,
            Topic::Tested => survey || crime,
            Topic::SeveralIndicators => catalog.outcomes.iter().any(|o| match &o.measure {
                OutcomeMeasure::Enkat { indikatorer, .. } => indikatorer.len() > 1,
                OutcomeMeasure::Brott { grupper, .. } => grupper.len() > 1,
                OutcomeMeasure::Lagesrapport {} => false,
            }),
            Topic::DetectedCrime => {
                crime && catalog.crime_groups.iter().any(|g| g.detected_by_police)
            }
        }
    }
}

/// How each status, indicator, test and source this promise uses is defined, in the
/// report's language and the catalog's own terms (its focus tags, its crime groups); shown
/// in the workbook's Metod sheet and the PDF's method appendix.
pub fn method(lang: Lang, catalog: &crate::catalog::Catalog) -> Vec<(&'static str, String)> {
    let table = match lang {
        Lang::Sv => sv::METHOD,
        Lang::En => en::METHOD,
    };
    let focus = operation_focus(catalog).join(", ");
    let detected: Vec<String> = catalog
        .crime_groups
        .iter()
        .filter(|g| g.detected_by_police)
        .map(|g| g.name.to_lowercase())
        .collect();
    table
        .iter()
        .zip(TOPICS)
        .filter(|(_, topic)| topic.used_by(catalog))
        .map(|((term, text), _)| {
            let text = text
                .replace("{fokus}", &focus)
                .replace("{spaningsbrott}", &detected.join(", "));
            (*term, text)
        })
        .collect()
}

/// The focus tags of the catalog's recurring operations, each once, in catalog order.
fn operation_focus(catalog: &crate::catalog::Catalog) -> Vec<String> {
    let mut tags: Vec<String> = vec![];
    for m in catalog.measures() {
        if let crate::catalog::Measure::Insatser { fokus, .. } = m {
            for t in fokus {
                if !tags.contains(t) {
                    tags.push(t.clone());
                }
            }
        }
    }
    tags
}

/// A report line with values in it.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// The period is in progress at the data date (the report's first page).
    DataInProgress(chrono::NaiveDate),
    /// The same, short (the workbook's summary sheet).
    DataInProgressShort(chrono::NaiveDate),
    /// How far each kind of input reaches, and whether the analyst stated it or it is the
    /// latest row (the report's first page and the workbook's summary).
    Coverage(Vec<crate::indicators::coverage::Coverage>),
    /// The day the report shows the state as of (the data date, or the period's end: never
    /// the clock, so two runs on the same input agree), and from how many files.
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
    /// A promise of a region without a report for the period: its data end on this day,
    /// before the period (or `None`: it has no data it counts at all).
    NoReport(Option<chrono::NaiveDate>),
    /// Why a status is back to in progress: a span (a term, a week) began since the
    /// previous report.
    SpanBegun(String),
    /// The regional overview's first sentence: how many promises, how many reported, and
    /// the latest data date.
    OverviewIntro {
        promises: usize,
        reported: usize,
        data_date: Option<chrono::NaiveDate>,
    },
    /// How the report compares with the previous one: the report as published at
    /// `published` (from the archive), or (`None`) the previous period recomputed today.
    SinceLast {
        previous: String,
        published: Option<chrono::NaiveDateTime>,
        moved: usize,
        unchanged: usize,
        figures: usize,
    },
    /// The report's own period was published before, at this time: its figures are
    /// compared too.
    Republished(chrono::NaiveDateTime),
    /// How today's input differs from a published report's (none: the same files).
    InputChanges(Vec<crate::indicators::changes::InputChange>),
    /// Whole years of outcomes shown from the archive, which today's input lacks.
    EarlierYears,
    /// How many promises and outcomes have each status (none with a count of 0).
    Tally {
        promises: Vec<(Status, usize)>,
        outcomes: Vec<(Status, usize)>,
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

use crate::fmt::count_of;

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
        format!(
            " ({}\u{a0}%)",
            fmt::signed((current - b) / b * 100.0, 0, lang)
        )
    } else {
        String::new()
    }
}

/// The test's p is under 5 %.
fn beyond_chance(f: &CrimeFinding) -> bool {
    matches!(f.test.map(|t| t.p), Some(p) if p < 0.05)
}

/// What matching log rows lacked, so that they were not counted (see [`Uncounted`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum LeftOut {
    /// A time of day, for a time-of-day filter.
    Time,
    /// An Utförare, for a party filter.
    Performer,
    /// The hours or participants the unit counts.
    Value(Unit),
    /// Dated inside the report's period but outside the promise period.
    OutsidePromise,
}

/// The words a count promise's result line is built from, one implementation per language
/// (`sv.rs`, `en.rs`); the line's structure is shared in [`count_result`].
pub(crate) trait CountWords {
    const LANG: Lang;
    /// What is counted, singular for exactly one: "besök", "insatser", "timmar".
    fn noun(&self, spec: &CountSpec, x: f64) -> String;
    /// The spans in the plural: "veckor", "terminer".
    fn spans_noun(&self, per: Per) -> &'static str;
    /// "av" in "12 av 31".
    fn of(&self) -> &'static str;
    fn target_word(&self) -> &'static str;
    fn year_before_word(&self) -> &'static str;
    /// "totalt": the whole beside its parts.
    fn whole_word(&self) -> &'static str;
    /// "{span}: målet nått på {met} av {judged} platser hittills".
    fn parts_met(
        &self,
        span: &str,
        met: usize,
        judged: usize,
        parts: PartKind,
        so_far: bool,
    ) -> String;
    /// A share of days over many spans: "totalt 45,0 % av dagarna (12 av 31)".
    fn share_total(&self, share: &str, covered: &str, days: &str) -> String;
    /// "totalt 21 insatser under 8 månader".
    fn total(&self, total: &str, noun: &str, spans: usize, spans_noun: &str) -> String;
    /// "målet nått i 7 av 8 månader".
    fn spans_met(&self, met: usize, judged: usize, spans_noun: &str) -> String;
    /// " (1 pågår)".
    fn running(&self, n: usize) -> String;
    /// "2 rader utan klockslag räknades inte".
    fn left_out(&self, n: u32, why: LeftOut) -> String;
}

/// A count's figure: a share of days as percent, anything else as a number.
fn show<W: CountWords>(spec: &CountSpec, x: f64) -> String {
    match spec.rakna {
        Unit::AndelDagar => fmt::percent(x, W::LANG),
        _ => number(x, W::LANG),
    }
}

/// One amount: "3 besök (mål 2, året innan 4)".
fn amount_text<W: CountWords>(w: &W, spec: &CountSpec, a: &CountAmount) -> String {
    let mut t = format!("{} {}", show::<W>(spec, a.value), w.noun(spec, a.value));
    if spec.rakna == Unit::AndelDagar {
        let (covered, days) = covered_days(a);
        t = format!("{t} ({covered} {} {days})", w.of());
    }
    let mut extra = vec![];
    if let Some(target) = a.target {
        extra.push(format!("{} {}", w.target_word(), show::<W>(spec, target)));
    }
    if let Some(before) = a.year_before {
        // Against a fixed year the year is named ("2018 34"), else "året innan 34".
        let word = spec
            .jamfor_med
            .map_or_else(|| w.year_before_word().to_string(), |y| y.to_string());
        extra.push(format!("{word} {}", show::<W>(spec, before)));
    }
    if extra.is_empty() {
        t
    } else {
        format!("{t} ({})", extra.join(", "))
    }
}

/// Rows that matched but could not be counted, in words; empty when there are none.
fn uncounted_note<W: CountWords>(w: &W, u: &Uncounted, spec: &CountSpec) -> String {
    [
        (u.without_time, LeftOut::Time),
        (u.without_performer, LeftOut::Performer),
        (u.without_value, LeftOut::Value(spec.rakna)),
        (u.outside_promise, LeftOut::OutsidePromise),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, why)| w.left_out(n, why))
    .collect::<Vec<_>>()
    .join("; ")
}

/// A count promise's result in one line, in the language of `w`: the spans' amounts (or,
/// with several parts, how many met the target), how many spans met it, and the rows that
/// could not be counted.
pub(crate) fn count_result<W: CountWords>(w: &W, f: &CountFinding) -> String {
    let spec = &f.spec;
    let mut text = match &f.summary {
        CountSummary::PartsMet { parts, spans } => spans
            .iter()
            .map(|s| w.parts_met(&s.span, s.met, s.judged, *parts, s.so_far))
            .collect::<Vec<_>>()
            .join("; "),
        CountSummary::Amounts(amounts) => amounts
            .iter()
            .map(|a| {
                let who = match (a.whole, a.who.is_empty()) {
                    (true, true) => format!("{} ", w.whole_word()),
                    (true, false) => format!("{} {} ", a.who, w.whole_word()),
                    (false, true) => String::new(),
                    (false, false) => format!("{} ", a.who),
                };
                format!("{who}{}: {}", a.span, amount_text(w, spec, a))
            })
            .collect::<Vec<_>>()
            .join("; "),
        CountSummary::Total {
            total,
            spans,
            covered,
            days,
        } => match spec.rakna {
            Unit::AndelDagar if *days > 0.0 => w.share_total(
                &fmt::percent(covered / days, W::LANG),
                &number(*covered, W::LANG),
                &number(*days, W::LANG),
            ),
            Unit::AndelDagar => String::new(),
            _ => w.total(
                &number(*total, W::LANG),
                &w.noun(spec, *total),
                *spans,
                w.spans_noun(spec.per),
            ),
        },
    };
    if let Some(m) = f.spans_met {
        let summary = w.spans_met(m.met, m.judged, w.spans_noun(spec.per));
        let running = match m.running {
            0 => String::new(),
            n => w.running(n),
        };
        text = if text.is_empty() {
            format!("{summary}{running}")
        } else {
            format!("{summary}{running}. {}", fmt::capitalised(&text))
        };
    }
    let left_out = uncounted_note(w, &f.uncounted, spec);
    if !left_out.is_empty() {
        text = format!("{text}. {}", fmt::capitalised(&left_out));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(promises: &str) -> crate::catalog::Catalog {
        let text =
            format!("titel = \"T\"\nomrade = \"A\"\nar = 2020\nparter = [\"Polisen\"]\n{promises}");
        crate::catalog::load_from(&text).unwrap()
    }

    #[test]
    fn every_method_text_has_its_topic_in_both_languages() {
        assert_eq!(sv::METHOD.len(), TOPICS.len());
        assert_eq!(en::METHOD.len(), TOPICS.len());
    }

    #[test]
    fn the_method_appendix_speaks_of_this_catalog_only() {
        // A promise of operations against "langning" and "klotter" and nothing else: its
        // appendix names those tags (never the seed's "vapen, narkotika, otillåten
        // påverkan") and leaves out visits, staffing, surveys and crime.
        let cat = catalog(
            "[[lofte]]\nid = \"P1\"\npart = \"Polisen\"\ntext = \"Insatser.\"\nmatt = { typ = \"insatser\", fokus = [\"langning\", \"klotter\"], minst_per_manad = 2 }\n",
        );
        let terms: Vec<&str> = method(Lang::Sv, &cat).iter().map(|(t, _)| *t).collect();
        assert!(terms.contains(&"Återkommande insatser"));
        assert!(terms.contains(&"Datadatum"));
        for absent in [
            "Besök per termin",
            "Bemanning",
            "Problemindex",
            "Anmälda brott",
            "Spaningsbrott",
        ] {
            assert!(!terms.contains(&absent), "{absent}");
        }
        let text = method(Lang::Sv, &cat)
            .into_iter()
            .find(|(t, _)| *t == "Återkommande insatser")
            .unwrap()
            .1;
        assert!(text.contains("(langning, klotter)"), "{text}");
        assert!(!text.contains("vapen"), "{text}");
    }
}
