//! Stage 3, report: the English message table. Every [`Phrase`] the indicators return, in
//! English with decimal point and ISO dates.

use crate::catalog::{CountSpec, Per, Preset, Unit};
use crate::fmt::{self, Lang};
use crate::indicators::count::Uncounted;
use crate::indicators::phrase::{
    CountAmount, CountFinding, CountSummary, CrimeFinding, CrimeSpan, CrimeTestNote, Gap, NoSpan,
    PartKind, Phrase, SurveyFinding, SurveyPoint, SurveyVerdict,
};
use crate::indicators::stats::CountTest;
use crate::indicators::Status;

const LANG: Lang = Lang::En;

/// A status as a word.
pub fn status(s: Status) -> &'static str {
    match s {
        Status::Fulfilled => "Fulfilled",
        Status::Partly => "Partly fulfilled",
        Status::NotFulfilled => "Not fulfilled",
        Status::InProgress => "In progress",
        Status::Delayed => "Delayed",
        Status::NotStarted => "Not started",
        Status::NoData => "No data",
        Status::Improved => "In the promised direction",
        Status::NoChange => "No certain change",
        Status::Worsened => "In the opposite direction",
    }
}

/// A phrase in English.
pub fn say(phrase: &Phrase) -> String {
    let date = fmt::date;
    match phrase {
        Phrase::Empty => String::new(),
        Phrase::Verbatim(text) => text.clone(),
        Phrase::Sentences(all) => all.iter().map(say).collect::<Vec<_>>().join(" "),
        Phrase::NoLogData => "the log has no data for the period".into(),
        Phrase::WithLatestNote { result, date: d } => {
            format!("{} (status note {})", say(result), date(*d))
        }
        Phrase::RunsUntil(d) => format!("runs until {}", date(*d)),
        Phrase::UpTo(d) => format!("up to {}", date(*d)),

        Phrase::CountName(spec) => count_name(spec),
        Phrase::CountFocusName { preset, unit, tag } => {
            let what = match preset {
                Some(Preset::Operations) => "operations",
                _ => unit_words(*unit, 2.0),
            };
            format!("{what} with focus {tag}")
        }
        Phrase::CountUnitName(unit) => unit_words(*unit, 2.0).into(),
        Phrase::CountPerName { preset, unit, per } => {
            let what = match preset {
                Some(Preset::Visits) => "visits",
                _ => unit_words(*unit, 2.0),
            };
            format!("{what} {}", per_words(*per))
        }
        Phrase::CountTarget(spec) => count_target(spec),
        Phrase::CountResult(finding) => count_result(finding),
        Phrase::NoSpan(NoSpan::OutsidePromise) => {
            "the report period lies outside the promise period".into()
        }
        Phrase::NoSpan(NoSpan::NoTerm) => "none of the catalog's terms falls in the period".into(),
        Phrase::NoSpan(NoSpan::LogEnds(d)) => format!(
            "no data for the period: the log's latest row is from {}",
            date(*d)
        ),
        Phrase::TotalOfParts => "total of all parts of the area".into(),
        Phrase::NoComparison { log_starts, needed } => format!(
            "no comparison: the log starts {} and does not reach back to {}",
            log_starts.map_or("–".into(), date),
            date(*needed)
        ),

        Phrase::StaffingDaysName { target, roles } => {
            format!("days with at least {target} {}", roles_text(roles))
        }
        Phrase::StaffingWeekName { target } => {
            format!("persons per week (fewest on any day), target {target}")
        }
        Phrase::StaffingGaps(gaps) => gaps
            .iter()
            .map(|(a, b, n)| {
                let persons = if *n == 1 { "person" } else { "persons" };
                format!("{}–{}: {n} {persons}", date(*a), date(*b))
            })
            .collect::<Vec<_>>()
            .join("; "),
        Phrase::StaffingWeek {
            at_target,
            days,
            target,
            from,
            to,
        } => format!(
            "{at_target} of {days} days with at least {target} ({}–{})",
            date(*from),
            date(*to)
        ),
        Phrase::StaffingTarget {
            target,
            roles,
            place,
        } => {
            let (role, place) = (roles_text(roles), place_text(place.as_deref()));
            if *target == 1 {
                format!("1 person in the role {role} {place} every day")
            } else {
                format!("{target} persons in the role {role} {place} every day")
            }
        }
        Phrase::StaffingMissing { roles, place } => format!(
            "the staffing list has no {} {}",
            roles_text(roles),
            place_text(place.as_deref())
        ),
        Phrase::StaffingResult {
            target,
            at_target,
            days,
            gaps,
        } => staffing_result(*target, *at_target, *days, gaps),

        Phrase::ResponseName { hours, types } => format!(
            "share done within {} hours ({})",
            fmt::number(*hours, 0, LANG),
            types.join(", ")
        ),
        Phrase::ResponseTarget { hours, share } => {
            let limit = fmt::number(*hours, 0, LANG);
            match share {
                Some(m) => format!(
                    "at least {} of cases done within {limit} hours",
                    fmt::percent(*m, LANG)
                ),
                None => format!("cases done within {limit} hours"),
            }
        }
        Phrase::ResponseCases {
            within,
            cases,
            open,
        } => {
            let open = if *open > 0 {
                format!("; {open} open cases still within the time are not counted yet")
            } else {
                String::new()
            };
            if *cases == 0 {
                format!("no finished cases{open}")
            } else {
                format!("{within} of {cases}{open}")
            }
        }
        Phrase::ResponseResult { hours, spans } => {
            let limit = fmt::number(*hours, 0, LANG);
            spans
                .iter()
                .map(|s| {
                    if s.cases == 0 {
                        format!("{}: no finished cases", s.span)
                    } else {
                        let share = f64::from(s.within) / f64::from(s.cases);
                        format!(
                            "{}: {} of {} ({}) within {limit} hours",
                            s.span,
                            s.within,
                            s.cases,
                            fmt::percent(share, LANG)
                        )
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")
        }

        Phrase::StockName => "active units".into(),
        Phrase::StockTarget { types, growth } => format!(
            "active units ({}) to grow by at least {} over the promise period",
            types.join(", "),
            fmt::number(*growth, 0, LANG)
        ),
        Phrase::StockStartUnknown(d) => format!(
            "the number at the promise's start ({}) is unknown: the log starts later; set start_antal in the catalog",
            date(*d)
        ),
        Phrase::StockResult {
            start,
            first_day,
            now,
            until,
        } => format!(
            "{} at the start ({}), {} on {} ({})",
            fmt::count(*start, LANG),
            date(*first_day),
            fmt::count(*now, LANG),
            date(*until),
            fmt::signed(now - start, 0, LANG)
        ),

        Phrase::StatusNoteName => "status note".into(),
        Phrase::NoStatusNote => "no status note up to the end of the period".into(),
        Phrase::LatestNote {
            status: s,
            date: d,
            comment,
        } => format!("{} ({}): {comment}", status(*s), date(*d)),
        Phrase::DeadlineTarget(due) => format!("done by {}", date(*due)),
        Phrase::DoneOn {
            date: d,
            late,
            comment,
        } => {
            let late = if *late { ", after the deadline" } else { "" };
            format!("done {}{late}: {comment}", date(*d))
        }
        Phrase::DeadlinePassed(due) => format!(
            "the deadline {} has passed without a status note saying it is done",
            date(*due)
        ),
        Phrase::DeadlineAhead(due) => format!(
            "the deadline {} has not passed; no status note yet",
            date(*due)
        ),

        Phrase::SmallBase(min) => format!("small base: n under {min}"),
        Phrase::PublishedFigure => "published figure".into(),
        Phrase::SurveySentence(finding) => survey_sentence(finding),

        Phrase::CrimeName { span, group } => {
            let what = match span {
                CrimeSpan::Period => "reported crimes",
                CrimeSpan::Per1000 => "reported crimes per 1,000 inhabitants",
                CrimeSpan::Month => "reported crimes per month",
                CrimeSpan::Tertial => "reported crimes per tertial",
                CrimeSpan::Year => "reported crimes per year",
            };
            format!("{what}: {}", group.to_lowercase())
        }
        Phrase::CrimeTestNote(note) => crime_test_note(note),
        Phrase::Inhabitants { year, count } => {
            format!("inhabitants {year}: {}", fmt::count(*count, LANG))
        }
        Phrase::CrimeSentence(finding) => crime_sentence(finding),
        Phrase::CrimeNoData(group) => format!("{group}: the crime statistics have no data for the period."),
        Phrase::CrimeMarkedMissing(group) => format!(
            "{group}: the figure for the period is marked as missing in the data."
        ),
        Phrase::DetectedByPolice(groups) => format!(
            "{} are mostly found through the police's own work (offences detected by police activity). A rise is therefore the effect the promise aims for, not a sign that things have got worse.",
            fmt::capitalised(&groups.join(" and "))
        ),
        Phrase::CrimeSeries { group, year } => format!("{group} {year}"),
        Phrase::CrimeBaselineSeries { group, years } => format!("{group} baseline {years}"),

        Phrase::MeasuredElsewhere {
            source,
            level,
            area,
        } => format!(
            "{source}; measured for {} ({area}), not for the promise's area",
            level.as_deref().unwrap_or("another area")
        ),
    }
}

// ── Count promises ──────────────────────────────────────────────────────────────────

/// The counted unit in words ("occasions", "days", …), singular for exactly one.
fn unit_words(unit: Unit, x: f64) -> &'static str {
    let one = x == 1.0;
    match (unit, one) {
        (Unit::Rader, true) => "occasion",
        (Unit::Rader, false) => "occasions",
        (Unit::Dagar, true) => "day",
        (Unit::Dagar, false) => "days",
        (Unit::Veckor, true) => "week",
        (Unit::Veckor, false) => "weeks",
        (Unit::Helger, true) => "weekend",
        (Unit::Helger, false) => "weekends",
        (Unit::Timmar, true) => "hour",
        (Unit::Timmar, false) => "hours",
        (Unit::Deltagare, true) => "participant",
        (Unit::Deltagare, false) => "participants",
        (Unit::Antal, _) => "in total",
        (Unit::AndelDagar, _) => "of the days",
    }
}

/// The spans' noun in the plural, for "target met in 51 of 52 weeks".
fn spans_noun(per: Per) -> &'static str {
    match per {
        Per::Vecka => "weeks",
        Per::Manad => "months",
        Per::Tertial => "tertials",
        Per::Termin => "terms",
        Per::Ar => "years",
        Per::Period => "periods",
    }
}

fn per_words(per: Per) -> &'static str {
    match per {
        Per::Vecka => "per week",
        Per::Manad => "per month",
        Per::Tertial => "per tertial",
        Per::Termin => "per term",
        Per::Ar => "per year",
        Per::Period => "over the promise period",
    }
}

/// The indicator's name: a preset's own name, the catalog's `namn`, or the unit, the log
/// types and the filters in a few words.
fn count_name(spec: &CountSpec) -> String {
    let own = match spec.preset {
        Some(Preset::Visits) => Some("visits per term"),
        Some(Preset::Operations) => Some("operations per month"),
        Some(Preset::Visibility) => Some("hours of visible presence"),
        Some(Preset::Activities) => Some("activities"),
        None => None,
    };
    if let Some(name) = own.map(str::to_string).or_else(|| spec.namn.clone()) {
        return name;
    }
    let mut name = format!(
        "{} ({})",
        unit_words(spec.rakna, 2.0),
        spec.loggtyper.join(", ")
    );
    name.push_str(&super::filters(spec, "focus"));
    name
}

/// The target in words: "at least 100 occasions over the promise period".
fn count_target(spec: &CountSpec) -> String {
    let unit = noun(spec, spec.minst.unwrap_or(2.0));
    let per = per_words(spec.per);
    let each = match (spec.per_plats, spec.per_fokus) {
        (true, _) if spec.platser.len() == 1 => String::new(),
        (true, _) => format!(" at each of {} places", spec.platser.len()),
        (false, true) => " for each focus".into(),
        _ => String::new(),
    };
    let focus = if spec.fokus.is_empty() || spec.per_fokus {
        String::new()
    } else {
        format!(" focused on {}", spec.fokus.join(", "))
    };
    match (spec.minst, spec.jamfor_aret_innan) {
        (Some(m), _) if spec.rakna == Unit::AndelDagar => {
            format!("at least {} of the days {per}{each}", fmt::percent(m, LANG))
        }
        (Some(m), _) => format!("at least {} {unit}{focus} {per}{each}", number(m)),
        (None, true) => {
            format!("{unit}{focus} {per}{each}: at least as much as the same period a year earlier")
        }
        (None, false) => format!("no numeric target; {unit}{focus} {per} are reported"),
    }
}

/// What is counted, in words: a preset's own noun ("visits", "operations") or the unit's.
fn noun(spec: &CountSpec, x: f64) -> String {
    if let Some(name) = &spec.namn {
        return name.clone();
    }
    let one = x == 1.0;
    let word = match spec.preset {
        Some(Preset::Visits) if one => "visit",
        Some(Preset::Visits) => "visits",
        Some(Preset::Operations) if one => "operation",
        Some(Preset::Operations) => "operations",
        Some(Preset::Activities) if one => "activity",
        Some(Preset::Activities) => "activities",
        _ => unit_words(spec.rakna, x),
    };
    word.to_string()
}

fn number(x: f64) -> String {
    super::number(x, LANG)
}

fn show(spec: &CountSpec, x: f64) -> String {
    match spec.rakna {
        Unit::AndelDagar => fmt::percent(x, LANG),
        _ => number(x),
    }
}

/// Rows that matched but could not be counted, in words; empty when there are none.
fn uncounted_note(u: &Uncounted, spec: &CountSpec) -> String {
    let what = match spec.rakna {
        Unit::Timmar => "without hours",
        _ => "without participants",
    };
    [
        (u.without_time, "without a time of day"),
        (u.without_performer, "without a performer"),
        (u.without_value, what),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, why)| match n {
        1 => format!("1 row {why} was not counted"),
        _ => format!("{n} rows {why} were not counted"),
    })
    .collect::<Vec<_>>()
    .join("; ")
}

/// One amount: "3 visits (target 2, a year earlier 4)".
fn amount_text(spec: &CountSpec, a: &CountAmount) -> String {
    let mut t = format!("{} {}", show(spec, a.value), noun(spec, a.value));
    if spec.rakna == Unit::AndelDagar {
        let (covered, days) = super::covered_days(a);
        t = format!("{t} ({covered} of {days})");
    }
    let mut extra = vec![];
    if let Some(target) = a.target {
        extra.push(format!("target {}", show(spec, target)));
    }
    if let Some(before) = a.year_before {
        extra.push(format!("a year earlier {}", show(spec, before)));
    }
    if extra.is_empty() {
        t
    } else {
        format!("{t} ({})", extra.join(", "))
    }
}

/// The result in one line.
fn count_result(f: &CountFinding) -> String {
    let spec = &f.spec;
    let mut text = match &f.summary {
        CountSummary::PartsMet { parts, spans } => {
            let what = match parts {
                PartKind::Areas => "parts of the area",
                PartKind::Places => "places",
                PartKind::Focus => "focus tags",
            };
            spans
                .iter()
                .map(|s| {
                    let so_far = if s.so_far { " so far" } else { "" };
                    format!(
                        "{}: target met at {} of {} {what}{so_far}",
                        s.span, s.met, s.judged
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        }
        CountSummary::Amounts(amounts) => amounts
            .iter()
            .map(|a| {
                let who = if a.who.is_empty() {
                    String::new()
                } else {
                    format!("{} ", a.who)
                };
                format!("{who}{}: {}", a.span, amount_text(spec, a))
            })
            .collect::<Vec<_>>()
            .join("; "),
        CountSummary::Total {
            total,
            spans,
            covered,
            days,
        } => match spec.rakna {
            Unit::AndelDagar if *days > 0.0 => format!(
                "{} of the days in total ({} of {})",
                fmt::percent(covered / days, LANG),
                number(*covered),
                number(*days)
            ),
            Unit::AndelDagar => String::new(),
            _ => format!(
                "{} {} in total over {spans} {}",
                number(*total),
                noun(spec, *total),
                spans_noun(spec.per)
            ),
        },
    };
    if let Some(m) = f.spans_met {
        let summary = format!(
            "target met in {} of {} {}",
            m.met,
            m.judged,
            spans_noun(spec.per)
        );
        let running = match m.running {
            0 => String::new(),
            n => format!(" ({n} in progress)"),
        };
        text = if text.is_empty() {
            format!("{summary}{running}")
        } else {
            format!("{summary}{running}. {}", fmt::capitalised(&text))
        };
    }
    let left_out = uncounted_note(&f.uncounted, spec);
    if !left_out.is_empty() {
        text = format!("{text}. {}", fmt::capitalised(&left_out));
    }
    text
}

// ── Staffing ────────────────────────────────────────────────────────────────────────

fn roles_text(roles: &[String]) -> String {
    roles.join(" or ").to_lowercase()
}

fn place_text(place: Option<&str>) -> String {
    match place {
        None => "in the area".into(),
        Some(p) => format!("at {p}"),
    }
}

fn staffing_result(target: u32, at: u32, all: u32, gaps: &[Gap]) -> String {
    let share = fmt::percent(f64::from(at) / f64::from(all), LANG);
    let mut text = format!("at least {target} in place on {at} of {all} days ({share})");
    if let Some((a, b, n)) = gaps.first() {
        text.push_str(&format!(
            "; gap {}–{} with {n}",
            fmt::date(*a),
            fmt::date(*b)
        ));
        let more = gaps.len() - 1;
        if more > 0 {
            text.push_str(&format!(" and {more} more"));
        }
    }
    text
}

// ── Survey ──────────────────────────────────────────────────────────────────────────

fn survey_sentence(f: &SurveyFinding) -> String {
    let name = &f.name;
    let show = |p: &SurveyPoint| super::survey_value(f.mean, p, LANG);
    match (&f.current, &f.baseline) {
        (Some(c), Some(b)) => {
            let delta = c.value - b.value;
            let change = if f.mean {
                fmt::signed(delta, 2, LANG)
            } else {
                fmt::points(delta, LANG)
            };
            let judgement = match f.verdict {
                SurveyVerdict::SmallBase => format!(
                    "the base is too small (n under {}) to speak of a change",
                    f.min_base
                ),
                SurveyVerdict::NotSignificant => {
                    "the difference is not statistically significant (5 % level)".to_string()
                }
                SurveyVerdict::Significant => {
                    "the difference is statistically significant (5 % level)".to_string()
                }
            };
            format!(
                "{name}: {} against {} ({change}); {judgement}.",
                show(c),
                show(b)
            )
        }
        (None, Some(b)) => format!(
            "{name}: no survey after the baseline year {} ({}).",
            b.year,
            super::survey_number(f.mean, b.value, LANG)
        ),
        (_, None) => format!(
            "{name}: the survey for the baseline year {} is missing, so no comparison can be made.",
            f.baseline_year
        ),
    }
}

// ── Crime ───────────────────────────────────────────────────────────────────────────

/// The note of a group's test: the baseline years with their counts, the test's p and the
/// rate ratio with its interval, and a warning when the baseline years vary too much.
fn crime_test_note(n: &CrimeTestNote) -> String {
    let years: Vec<String> = n
        .year_counts
        .iter()
        .map(|(y, c)| format!("{y}: {}", fmt::count(*c, LANG)))
        .collect();
    let mut note = format!(
        "baseline: mean of the same period {}–{} in ({})",
        fmt::date(n.from),
        fmt::date(n.until),
        years.join(", ")
    );
    if let Some(t) = n.test {
        note.push_str(&format!("; {}", test_text(t)));
    }
    if n.overdispersed {
        note.push_str("; the baseline years vary more than chance explains, so no change is called certain on the p-value alone");
    }
    note
}

/// "exact test p = 0.088; ratio 2.00, 95 % CI 0.90–4.48".
fn test_text(t: CountTest) -> String {
    let p = fmt::p_value(t.p, LANG);
    match super::ratio_texts(&t, LANG) {
        Some((r, ci)) => format!("exact test p = {p}; ratio {r}, 95 % CI {ci}"),
        None => format!("exact test p = {p}"),
    }
}

/// "The number of reported drug offences rose from 41 to 57 (+39 %) compared with the mean
/// of the same period in 2015–2016. The change is within normal random variation (exact
/// test p = 0.088; ratio 1.39, 95 % CI …)."
fn crime_sentence(f: &CrimeFinding) -> String {
    let name = f.group.to_lowercase();
    let now = fmt::count(f.current, LANG);
    let years = &f.years;
    let Some(b) = f.base else {
        return format!(
            "The number of reported {name} was {now} in the period; the baseline years {years} are missing."
        );
    };
    let same = if f.partial {
        "the same part of the year"
    } else {
        "the same period"
    };
    if f.current == b {
        return format!(
            "The number of reported {name} was unchanged, {now}, compared with the mean of {same} in {years}."
        );
    }
    let before = super::baseline_number(b, LANG);
    let pct = super::percent_change(f.current, b, LANG);
    let how = f
        .test
        .map_or(String::new(), |t| format!(" ({})", test_text(t)));
    let chance = match (super::beyond_chance(f), f.overdispersed) {
        (true, true) => format!("The difference is larger than chance for a steady count{how}, but the baseline years themselves vary more than that, so it is not called certain."),
        (true, false) => format!("The change is larger than normal random variation{how}."),
        (false, _) => format!("The change is within normal random variation{how}."),
    };
    let verb = if f.current > b { "rose" } else { "fell" };
    format!(
        "The number of reported {name} {verb} from {before} to {now}{pct} compared with the mean of {same} in {years}. {chance}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_counts_agree_in_number() {
        assert_eq!(unit_words(Unit::Deltagare, 1.0), "participant");
        assert_eq!(unit_words(Unit::Deltagare, 3.0), "participants");
        let gaps = Phrase::StaffingGaps(vec![(
            chrono::NaiveDate::from_ymd_opt(2017, 3, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2017, 3, 2).unwrap(),
            1,
        )]);
        assert_eq!(say(&gaps), "2017-03-01–2017-03-02: 1 person");
    }
}
