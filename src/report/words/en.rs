//! Stage 3, report: the English message table. Every [`Phrase`] the indicators return, in
//! English with decimal point and ISO dates.

use crate::catalog::{CountSpec, Per, Preset, Unit};
use crate::fmt::{self, Lang};
use crate::indicators::phrase::{
    CrimeFinding, CrimeSpan, CrimeTestNote, Gap, NoSpan, PartKind, Phrase, SurveyFinding,
    SurveyPoint, SurveyVerdict,
};
use crate::indicators::stats::CountTest;
use crate::indicators::Status;

use super::Line;

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
        Status::Reported => "Reported – no target",
        Status::Improved => "In the promised direction",
        Status::NoChange => "No certain change",
        Status::Worsened => "In the opposite direction",
    }
}

/// A fixed report text in English, looked up by its Swedish wording; a text missing here is
/// shown in Swedish (the tests render an English report and look for Swedish leftovers).
pub fn label(sv: &'static str) -> &'static str {
    match sv {
        // Report texts
                "Sedan förra rapporten" => "Since the previous report",
        // The regional overview
                        "Regional översikt" => "Regional overview",
        "senaste mätåret per område" => "latest survey year by area",
        "perioden och jämförelsen per område" => "the period and the comparison by area",
        "Översikt" => "Overview",
        "Åtaganden" => "Commitments",
        "Enkät per område" => "Survey by area",
        "Brott per område" => "Crime by area",
        "Ej lästa" => "Not read",
        "Datakvalitet i regionen" => "Data quality in the region",
        "Register över områden" => "Index of areas",
        "Registret över områdena, med sidan för varje löfte, står sist i rapporten." => "The index of areas, with the page of each promise, is at the end of the report.",
        "Varje rad i indata räknas en gång för hela körningen: använd om något av löftena använder den, annars avvisad eller överhoppad med sitt skäl." => "Every input row is counted once for the whole run: used if any of the promises uses it, otherwise rejected or skipped with its reason.",
        "Underlaget är ofullständigt:" => "The input is incomplete:",
        "Löftena i korthet" => "The promises at a glance",
        "Antal åtaganden och önskade resultat per status: ✓ uppfyllt eller i önskad riktning, ◐ delvis eller försenat, ✗ ej uppfyllt eller i motsatt riktning, övriga pågår, saknar data eller visar ingen säker förändring. Varje löftes egen rapport ligger i mappen med löftets namn." => "Number of commitments and desired outcomes per status: ✓ fulfilled or in the desired direction, ◐ partly or delayed, ✗ not fulfilled or in the opposite direction; the others are in progress, lack data or show no certain change. Each promise's own report is in the folder named after the promise.",
        "Ingen rapport" => "No report",
        "Löfte" => "Promise",
        "Titel" => "Title",
        "Övriga" => "Others",
        "Åtaganden och önskade resultat per löfte" => "Commitments and desired outcomes per promise",
        "Utfallen i områdena sida vid sida" => "The areas' outcomes side by side",
        "Inget av löftena har ett utfall mätt i sitt eget område för perioden." => "None of the promises has an outcome measured in its own area for the period.",
        "År" => "Year",
        "Värde" => "Value",
        "95 % KI" => "95 % CI",
        "Anm." => "Note",
        "liten bas: osäker" => "small base: uncertain",
        "Perioden" => "The period",
        "Jämförelse" => "Comparison",
        "Antal" => "Count",
        "Förändring" => "Change",
        "Per 1 000 inv." => "Per 1,000 inh.",
        "Bedömning" => "Assessment",
        "Jämförelsen är genomsnittet för samma dagar under löftets jämförelseår, i varje område för sig; bedömningen är den i löftets egen rapport." => "The comparison is the mean for the same days in the promise's comparison years, in each area on its own; the assessment is the one in the promise's own report.",
        "Rader som löftet använder" => "Rows the promise uses",
        "Sedan förra" => "Since last",
        "Förra" => "Before",
        "Utgiven av" => "Published by",
        "Dnr" => "Ref.",
        "Löftet beslutat" => "Promise decided",
        "Kontakt" => "Contact",
        "Publicerat" => "Published",
        "Tidigare år" => "Earlier years",
        "Publicerad" => "Published",
        "I rapporten för" => "In the report for",
        "Nu" => "Now",
        "Varje år bedömt för sig, och hela löftesperioden för sig." => "Each year judged on its own, and the whole promise period on its own.",
        "Tabell" => "Table",
        "uppföljning" => "follow-up",
        " och " => " and ",
        "Loggarna saknar data för perioden." => "The logs have no data for the period.",
        "Loggarna saknar data för perioden" => "The logs have no data for the period",
        "Varning: underlaget är ofullständigt" => "Warning: the input is incomplete",
        "Rapporten skrevs fast delar av indata inte kunde läsas. Siffror och bedömningar som bygger på dessa delar saknas eller är för låga:" => "The report was written although parts of the input could not be read. Figures and verdicts that rest on them are missing or too low:",
        "Symbolen bär samma besked som färgen: ✓ uppfyllt eller i önskad riktning, ◐ delvis, ✗ ej uppfyllt eller i motsatt riktning, → pågår, ! försenat, ○ ej påbörjat, ℹ redovisas utan mål, = ingen säker förändring, ? saknar data." => "The symbol carries the same message as the colour: ✓ fulfilled or in the promised direction, ◐ partly, ✗ not fulfilled or in the opposite direction, → in progress, ! delayed, ○ not started, ℹ reported without a target, = no certain change, ? no data.",
        "Varje tertial bedömd för sig, och helåret för hela året. Ett tertial som inte har börjat vid datadatumet är ej påbörjat." => "Each tertial judged on its own, and the full year for the whole year. A tertial that has not begun at the data date is not started.",
        "Varje år bedömt för sig, och hela löftesperioden för sig. Utfallen i sista kolumnen gäller periodens sista år jämfört med baslinjen." => "Each year judged on its own, and the whole promise period on its own. The outcomes in the last column are the period's last year against the baseline.",
        " (en insats kan ha flera fokus)" => " (one operation may have several focus tags)",
        "VARNING: underlaget är ofullständigt; siffror som bygger på dessa delar saknas eller är för låga" => "WARNING: the input is incomplete; figures resting on these parts are missing or too low",
        "rader till" => "more rows",
        "rad" => "rows",
        // Sheets
        "Sammanfattning" => "Summary",
        "Besök" => "Visits",
        "Bemanning" => "Staffing",
        "Insatser" => "Operations",
        "Synlighet" => "Visibility",
        "Aktiviteter" => "Activities",
        "Räkningar" => "Counts",
        "Tidsfrister" => "Deadlines",
        "Trygghet" => "Safety survey",
        "Brott" => "Crime",
        "Alla värden" => "All values",
        "Lägesrapporter" => "Status notes",
        "Datakvalitet" => "Data quality",
        "Källor" => "Sources",
        "Metod" => "Method",
        // Column headers
        "Id" => "Id",
        "Ansvarig" => "Responsible",
        "Löfte / utfall" => "Promise / outcome",
        "Löfte / önskat resultat" => "Promise / intended result",
        "Mål" => "Target",
        "Resultat" => "Result",
        "Status" => "Status",
        "Period" => "Period",
        "Data t.o.m." => "Data up to",
        "Plats" => "Place",
        "Indikator" => "Indicator",
        "Anmärkning" => "Remark",
        "Område" => "Area",
        "n" => "n",
        "KI undre" => "CI low",
        "KI övre" => "CI high",
        "Baslinje" => "Baseline",
        "Förändring %" => "Change %",
        "%" => "%",
        "p-värde" => "p-value",
        "Enhet" => "Unit",
        "Datum" => "Date",
        "Kommentar" => "Comment",
        "Fil" => "File",
        "Blad" => "Sheet",
        "Rad" => "Row",
        "Kolumn" => "Column",
        "Utfall" => "Outcome",
        "Orsak" => "Reason",
        "Åtgärd" => "What to do",
        "SHA-256" => "SHA-256",
        "Byte" => "Bytes",
        "Typ" => "Kind",
        "Rubrikrad" => "Header row",
        "Lästa" => "Read",
        "Använda" => "Used",
        "Avvisade" => "Rejected",
        "Överhoppade" => "Skipped",
        "Från" => "From",
        "Till" => "To",
        "Begrepp" => "Term",
        "Definition" => "Definition",
        "Plats / indikator" => "Place / indicator",
        "Lägesrapport" => "Status note",
        "Brottsgrupp" => "Crime group",
        "Indikator (område)" => "Indicator (area)",
        "Status / anm." => "Status / remark",
        "Fil › blad" => "File › sheet",
        "Anv." => "Used",
        "Avv." => "Rej.",
        "Överh." => "Skip.",
        "Rader" => "Rows",
        "Skäl" => "Reason",
        "Fokus" => "Focus",
        "Delområde" => "Part of area",
        // Words and phrases
        "avvisad" => "rejected",
        "överhoppad" => "skipped",
        "okänd" => "unknown",
        "ej läst" => "not read",
        "FEL" => "ERROR",
        "Gemensamt" => "Joint",
        "Källa" => "Source",
        "Diagramdata" => "Chart data",
        "Polisens löften" => "The police's promises",
        "Sammanställd" => "Compiled",
        "Det här ska vi åstadkomma tillsammans" => "What we will achieve together",
        "Uppföljning av medborgarlöfte" => "Follow-up of a citizen promise",
        "Observera" => "Note",
        "Avvisade rader" => "Rejected rows",
        "Överhoppade rader (utöver tomma)" => "Skipped rows (besides empty ones)",
        "Bilaga A. Underlag och datakvalitet" => "Appendix A. Sources and data quality",
        "Bilaga B. Metod" => "Appendix B. Method",
        "Anmälda brott per tertial mot baslinjen" => "Reported crimes per tertial against the baseline",
        "Anmälda brott per tertial mot baslinjen (medel för samma tertial baslinjeåren)" => {
            "Reported crimes per tertial against the baseline (mean of the same tertial in the baseline years)"
        }
        "Trygghetsmätningen över åren (löftets område)" => "The safety survey over the years (the promise's area)",
        "med 95 % konfidensintervall" => "with 95 % confidence interval",
        "Sida" => "Page",
                "Tertialerna sida vid sida" => "The tertials side by side",
                "Åren sida vid sida" => "The years side by side",
        "Hela perioden" => "Whole period",
        "Tertialer" => "Tertials",
        "Helår" => "Full year",
        "av" => "of",
        _ => sv,
    }
}

/// What each status and indicator means, for the method appendix, entry by entry as the
/// Swedish table.
pub const METHOD: &[(&str, &str)] = &[
    ("Fulfilled", "The target is met for the whole period: every place, term, day or month the promise covers."),
        ("Partly fulfilled", "The target is met for some but not all (some weeks, places or months but not all), or part of an amount is reached in a finished tertial, term, year or the whole period (for example 1 of 2 visits in a finished term)."),
    ("Not fulfilled", "Nothing the promise covers met the target. A week or month short of its target broke a rule (\"five days a week\", \"at least two operations a month\") and is not fulfilled, even if part was done."),
    ("In progress", "The term, month or tertial has not ended at the data date. The figure shows progress so far (for example 1 of 2 visits) and is not counted as a failure."),
    ("No data", "The data for the period are missing, for example no log or no survey for the baseline year. Missing values are never counted as zero."),
    ("Reported – no target", "The commitment names no number and has no status note: its amounts are reported per span, but nothing says what would be enough, so it is neither met nor failed. A status note gives it a status."),
    ("Data date", "For each kind of input (logs, crime statistics, status notes) the last day the input covers: the date the analyst has stated, otherwise the latest row of that kind anywhere in the input, even after the report period. A span (week, month, tertial, term, year) is over, and judged, when the data date reaches its last day; otherwise it is in progress. Every span is clipped to the promise period at both ends, and rows before the promise's first day or after its last are never counted."),
    ("Visits per term", "Logged visits per place in every school term that touches the period, from the term's first day to its last day or the data date. The whole term counts, also the part outside the tertial, since the promise is per term. A promise about several places is fulfilled when every place is."),
    ("Staffing", "Distinct persons in the role at the place on every day of the period up to the data date. Fulfilled when the number meets the target every day; otherwise the share of days and the gaps are shown. Names are never shown in the report."),
    ("Recurring operations", "Checks and operations per month with at least one of the catalog's focus tags ({fokus}). Every whole month must have at least the catalog's minimum; a month that has not ended is not judged."),
    ("Visibility", "Logged patrol hours per tertial against the catalog's target, with the same tertial a year earlier for comparison."),
    ("Activities", "Logged activities and the sum of participants per tertial against the catalog's target."),
    ("Status note", "The latest status note dated on or before the period's last day gives the status and comment (Done, In progress, Delayed, Not started). If it is In progress, Delayed or Not started and more than a tertial (four months) older than the status notes' data date, the result says so."),
    ("Counted commitments", "Log rows of the catalog's types, filtered by place, focus, weekday, time of day and performer, counted as rows, distinct days, weeks or weekends, hours, participants, registered totals or a share of the days, per week, month, tertial, term, year or the whole promise period. Each period is compared with the catalog's target, with the same period a year earlier or with the same period of a stated year, usually the year before the promise (the same number of days on both sides; \"increase\" needs more than then); a period not yet over shows progress so far. A commitment with a time of its own (for example the spring) counts only in that time; before it begins it is not started. A commitment of several parts is judged part by part: all parts met gives fulfilled, a part not met while another is gives partly fulfilled. Rows lacking what is counted (time of day, hours) are not counted and are named. Without a target the amount is reported (reported – no target), or the status comes from status notes."),
    ("Response times", "The share of cases done within the promised time, from the date and time the case came in to when it was done. An open case counts as late only once the time has run out at the data date."),
    ("Stocks", "Active units (e.g. neighbourhood-watch areas) at the end of the period against the promise's first day. The starting number comes from the catalog, or from the log when it reaches back before the start; otherwise there are no data."),
    ("Deadlines", "A commitment with a deadline is fulfilled when a status note says Done, in progress before the deadline, and delayed once the deadline has passed without such a note."),
    ("Survey shares", "Weighted share among those who answered the question; \"Don't know\" and empty answers are not in the base. 95 % confidence interval by Wilson with the effective number of respondents (Kish). Published figures are used where respondent rows are missing."),
    ("Problem index", "The mean of the coded answers 0–6 (0 = hardly a problem, 6 = an alarming problem) per person, weighted over persons; lower is better. The interval is the mean ± 1.96 standard errors."),
    ("Change in the survey", "The latest survey is compared with the catalog's baseline year. The survey is sent out in August, so a year's results count from the second tertial on. Shares are tested with the two-proportion test and means with Welch's test (normal approximation), both with the effective number of respondents (Kish) when answers are weighted; published figures with a stated confidence interval are tested with the standard error the interval implies. A change is called significant only when p < 0.05 and both surveys have at least the catalog's minimum number of respondents (normally 30); smaller bases are shown but flagged and never tested."),
        ("Reported crime", "Reported crimes in the catalog's crime groups during the period up to the last day of the crime statistics (the last figure's day), against the mean of the same days in the baseline years. A baseline year without data, or with a figure marked missing (..), is left out and named; the baseline never holds the compared year. The change is tested with the exact conditional test for two Poisson counts (Przyborowski and Wilenski 1940; the same as R's poisson.test): given the total, the period's count is binomial with probability 1/(k + 1) when k baseline years are used. Larger than normal random variation when p < 0.05; the ratio to the baseline is given with an exact 95 % confidence interval (Clopper–Pearson). When the baseline years themselves vary more than chance explains (Fisher's dispersion test, p < 0.05), no change is called certain on the p-value alone. p-values below 0.001 are written < 0.001."),
            ("Statistically significant", "A change is called statistically significant (or larger than normal random variation) when a two-sided test at the 5 % level gives p < 0.05: so large a difference seldom arises from chance in counts and samples if nothing has changed. It does not mean that the promise caused the change, that the change is large or important, or that it will last. No certain change does not mean that nothing happened, only that the data cannot tell the change from chance."),
    ("Outcomes with several indicators", "Indicators without data or with too small a base are left out. Of the rest: at least one moved in the promised direction beyond chance and none the other way → In the promised direction; at least one the other way and none the promised way → In the opposite direction; both kinds, or no certain change → No certain change. The indicator that decided is named first."),
    ("Offences detected by police activity", "Some offences ({spaningsbrott}) are mostly found when the police themselves work actively. More reported offences of this kind are therefore the promise's intended effect, not a sign that things have got worse."),
];

/// A report line with values, in English.
pub fn line(line: &Line) -> String {
    match line {
        Line::DataInProgress(d) => format!(
            "Data up to {} – the period is in progress, so the figures show progress so far.",
            fmt::date(*d)
        ),
        Line::DataInProgressShort(d) => {
            format!("Data up to {}; the period is in progress", fmt::date(*d))
        }
        Line::Coverage(all) => {
            let one = |c: &crate::indicators::coverage::Coverage| {
                let what = match c.source {
                    crate::catalog::Source::Logg => "logs",
                    crate::catalog::Source::Brott => "crime statistics",
                    crate::catalog::Source::Lagesrapporter => "status notes",
                };
                let how = if c.stated { "stated by the analyst" } else { "latest row" };
                format!("{what} up to {} ({how})", fmt::date(c.through))
            };
            let parts: Vec<String> = all.iter().map(one).collect();
            format!("Input covers: {}.", parts.join("; "))
        }
        Line::Compiled { date, files } => format!(
            "Status as of {}, from {}.",
            fmt::date(*date),
            super::count_of(*files, "input file", "input files")
        ),
        Line::RowsRead {
            files,
            read,
            used,
            rejected,
            skipped,
        } => {
            let [read, used, rejected, skipped] =
                [read, used, rejected, skipped].map(|n| fmt::count(*n as f64, LANG));
            let files = fmt::capitalised(&super::count_of(*files, "file", "files"));
            let were = if files.starts_with("1 ") { "was" } else { "were" };
            format!("{files} {were} read. Of {read} rows, {used} were used, {rejected} rejected and {skipped} skipped (empty rows, totals rows, notes, other areas and categories no promise measures). Every rejected row is listed below with file, sheet, row and column; the workbook's Data quality sheet lists them all. Reasons are given in Swedish, as the tool reports them.")
        }
                Line::SinceLast {
            previous,
            published: None,
            moved,
            unchanged,
            figures,
        } => format!(
            "Compared with the report for {previous}, computed with today's input (the archive holds no published report to compare with): {} changed status and {} kept it; {} changed.",
            super::count_of(*moved, "promise or outcome", "promises and outcomes"),
            unchanged,
            super::count_of(*figures, "figure", "figures")
        ),
        Line::SinceLast {
            previous,
            published: Some(at),
            moved,
            unchanged,
            figures,
        } => format!(
            "Compared with the report for {previous} as published on {} (from the archive): {} changed status and {} kept it; {} for the same days revised since.",
            at.format("%Y-%m-%d %H:%M"),
            super::count_of(*moved, "promise or outcome", "promises and outcomes"),
            unchanged,
            super::count_of(*figures, "figure", "figures")
        ),
        Line::Republished(at) => format!(
            "The figures are also compared with this period's report as published on {}; a figure that differs from the latest publication counts as revised.",
            at.format("%Y-%m-%d %H:%M")
        ),
        Line::InputChanges(changes) if changes.is_empty() => {
            "The input files and the catalog are the same as then.".into()
        }
        Line::InputChanges(changes) => {
            use crate::indicators::changes::InputChange;
            let parts: Vec<String> = changes
                .iter()
                .map(|c| match c {
                    InputChange::Catalog => "the catalog has changed".into(),
                    InputChange::FileChanged {
                        file,
                        used_before,
                        used_now,
                    } => format!(
                        "{file} has changed ({} rows used then, {} now)",
                        fmt::count(*used_before as f64, LANG),
                        fmt::count(*used_now as f64, LANG)
                    ),
                    InputChange::FileAdded(file) => format!("{file} is new"),
                    InputChange::FileRemoved(file) => format!("{file} is gone"),
                })
                .collect();
            format!("Since then in the input: {}.", parts.join("; "))
        }
        Line::Tally { promises, outcomes } => {
            let part = |one: &str, many: &str, counts: &[(Status, usize)]| {
                let total: usize = counts.iter().map(|(_, n)| n).sum();
                let list: Vec<String> = counts
                    .iter()
                    .map(|(s, n)| format!("{n} {}", tally_word(*s)))
                    .collect();
                let what = if total == 1 { one } else { many };
                format!("Of {total} {what}: {}.", list.join(", "))
            };
            let mut parts = vec![];
            if !promises.is_empty() {
                parts.push(part("promise", "promises", promises));
            }
            if !outcomes.is_empty() {
                parts.push(part("desired outcome", "desired outcomes", outcomes));
            }
            parts.join(" ")
        }
        Line::EarlierYears => "Earlier years from the archive: values that published reports stated and that today's input no longer holds.".into(),
                Line::MoreRejected(more) => format!(
            "… and {more} more rejected rows; the workbook's Data quality sheet lists them."
        ),
                Line::NoReport(None) => {
            "No report: the input has no rows the promise counts (logs, or crime statistics for its area)".into()
        }
        Line::SpanBegun(span) => format!("{span} has begun"),
        Line::NoReport(Some(d)) => format!(
            "No report: the promise's input only reaches {}, before the period.",
            fmt::date(*d)
        ),
        Line::OverviewIntro {
            promises,
            reported,
            data_date,
        } => {
            let data = data_date.map_or(String::new(), |d| format!(" Data up to {}.", fmt::date(d)));
            let missing = promises - reported.min(promises);
            let without = if missing == 0 {
                String::new()
            } else {
                format!(" {} no report for the period; the reason is given below.", super::count_of(missing, "promise has", "promises have"))
            };
            format!(
                "{} followed up in one run, from the same input; each promise is judged exactly as in its own report.{data}{without}",
                super::count_of(*promises, "citizen promise", "citizen promises")
            )
        }
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
        Phrase::StaleNote { result, through } => format!(
            "{}. The status note is more than a tertial older than the status notes' data date {}",
            say(result).trim_end_matches('.'),
            date(*through)
        ),
        Phrase::RunsUntil(d) => format!("runs until {}", date(*d)),
        Phrase::NothingEitherYear => "0 both this year and the year before: nothing to compare".into(),
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
        Phrase::CountResult(finding) => super::count_result(&En, finding),
        Phrase::NoSpan(NoSpan::OutsidePromise) => {
            "the report period lies outside the promise period".into()
        }
        Phrase::NoSpan(NoSpan::NoTerm) => "none of the catalog's terms falls in the period".into(),
        Phrase::NoSpan(NoSpan::WindowAhead(a, b)) => format!(
            "the commitment's time, {} – {}, has not begun",
            date(*a),
            date(*b)
        ),
        Phrase::NoSpan(NoSpan::WindowPassed(a, b)) => format!(
            "the commitment's time, {} – {}, lies before the report period",
            date(*a),
            date(*b)
        ),
        Phrase::NoSpan(NoSpan::LogEnds(d)) => format!(
            "no data for the period: the log's latest row is from {}",
            date(*d)
        ),
        Phrase::TotalOfParts => "total of all parts of the area".into(),
        Phrase::InPart { part, inner } => format!("part {part}: {}", say(inner)),
        Phrase::Bundle(targets) => targets.iter().map(say).collect::<Vec<_>>().join(" and "),
        Phrase::BundleResult(parts) => parts
            .iter()
            .enumerate()
            .map(|(i, (label, st, r))| {
                let label = label.clone().unwrap_or_else(|| format!("part {}", i + 1));
                format!("{label}: {} {} – {}", st.symbol(), status(*st), say(r))
            })
            .collect::<Vec<_>>()
            .join("; "),
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

        Phrase::ResponseName { hours, types } => {
            format!("share done{} ({})", within_hours(*hours), types.join(", "))
        }
        Phrase::ResponseTarget { hours, share } => {
            let limit = within_hours(*hours);
            match share {
                Some(m) => format!(
                    "at least {} of cases done{limit}",
                    fmt::percent(*m, LANG)
                ),
                None => format!("cases done{limit}"),
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
            let limit = within_hours(*hours);
            spans
                .iter()
                .map(|s| {
                    if s.cases == 0 {
                        format!("{}: no finished cases", s.span)
                    } else {
                        let share = f64::from(s.within) / f64::from(s.cases);
                        let not_done = match (hours, s.cases - s.within) {
                            (None, n) if n > 0 => format!(", {n} not acted on"),
                            _ => String::new(),
                        };
                        let done = if hours.is_none() { " acted on" } else { "" };
                        format!(
                            "{}: {} of {} ({}){done}{limit}{not_done}",
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
            "the number at the promise's start ({}) is unknown: the log starts later",
            date(*d)
        ),
        Phrase::StockNegative { start, now } => format!(
            "the stock goes negative ({} at the start, {} now): the log has more units ended than begun",
            fmt::count(*start, LANG),
            fmt::count(*now, LANG)
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
        Phrase::StatusNoteTarget => "followed by status notes".into(),
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
        Phrase::CrimeSentence(finding) => crime_sentence(finding, true),
        Phrase::CrimeSentencePlain(finding) => crime_sentence(finding, false),
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

/// " within 24 hours", or nothing without a time limit.
fn within_hours(hours: Option<f64>) -> String {
    hours.map_or(String::new(), |h| {
        format!(" within {} hours", fmt::number(h, 0, LANG))
    })
}

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
    let unit = match spec.rakna {
        Unit::AndelDagar => "share of the days",
        other => unit_words(other, 2.0),
    };
    let mut name = format!("{unit} ({})", spec.loggtyper.join(", "));
    name.push_str(&super::filters(spec, "focus"));
    name
}

/// The target in words: "at least 100 occasions over the promise period".
fn count_target(spec: &CountSpec) -> String {
    let unit = noun(spec, spec.minst.unwrap_or(2.0));
    // A measure with its own window: the window's dates, not the promise period.
    let per = match (spec.per, &spec.fran, &spec.till) {
        (Per::Period, None, None) => per_words(spec.per).to_string(),
        (Per::Period, from, to) => {
            let day = |d: &Option<toml::value::Datetime>| {
                d.as_ref().map_or(String::from("…"), |d| d.to_string())
            };
            format!("during {} – {}", day(from), day(to))
        }
        (per, _, _) => per_words(per).to_string(),
    };
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
    let against = match spec.jamfor_med {
        Some(y) => format!("more than the same period in {y}"),
        None => "more than the same period a year earlier".to_string(),
    };
    match (spec.minst, spec.compared()) {
        (Some(m), _) if spec.rakna == Unit::AndelDagar => {
            format!("at least {} of the days {per}{each}", fmt::percent(m, LANG))
        }
        (Some(m), _) => format!("at least {} {unit}{focus} {per}{each}", number(m)),
        (None, true) => {
            format!("{unit}{focus} {per}{each}: {against}")
        }
        (None, false) if spec.rakna == Unit::AndelDagar => {
            format!("no numeric target; the share of the days{focus} {per} is reported")
        }
        (None, false) => format!("no numeric target; {unit}{focus} {per} are reported"),
    }
}

/// What is counted, in words: a preset's own noun ("visits", "operations") or the unit's.
fn noun(spec: &CountSpec, x: f64) -> String {
    if let Some(one) = spec.namn_ental.as_ref().filter(|_| x == 1.0) {
        return one.clone();
    }
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

/// The English words of a count's result line ([`super::count_result`]).
struct En;

impl super::CountWords for En {
    const LANG: Lang = LANG;

    fn noun(&self, spec: &CountSpec, x: f64) -> String {
        noun(spec, x)
    }

    fn spans_noun(&self, per: Per) -> &'static str {
        spans_noun(per)
    }

    fn of(&self) -> &'static str {
        "of"
    }

    fn target_word(&self) -> &'static str {
        "target"
    }

    fn whole_word(&self) -> &'static str {
        "total"
    }

    fn year_before_word(&self) -> &'static str {
        "a year earlier"
    }

    fn parts_met(
        &self,
        span: &str,
        met: usize,
        judged: usize,
        parts: PartKind,
        so_far: bool,
    ) -> String {
        let what = match parts {
            PartKind::Areas => "parts of the area",
            PartKind::Places => "places",
            PartKind::Focus => "focus tags",
        };
        let so_far = if so_far { " so far" } else { "" };
        format!("{span}: target met at {met} of {judged} {what}{so_far}")
    }

    fn share_total(&self, share: &str, covered: &str, days: &str) -> String {
        format!("{share} of the days in total ({covered} of {days})")
    }

    fn total(&self, total: &str, noun: &str, spans: usize, spans_noun: &str) -> String {
        format!("{total} {noun} in total over {spans} {spans_noun}")
    }

    fn spans_met(&self, met: usize, judged: usize, spans_noun: &str) -> String {
        format!("target met in {met} of {judged} {spans_noun}")
    }

    fn running(&self, n: usize) -> String {
        format!(" ({n} in progress)")
    }

    fn left_out(&self, n: u32, why: super::LeftOut) -> String {
        let why = match why {
            super::LeftOut::Time => "without a time of day",
            super::LeftOut::Performer => "without a performer",
            super::LeftOut::Value(Unit::Timmar) => "without hours",
            super::LeftOut::Value(_) => "without participants",
            super::LeftOut::OutsidePromise => "outside the promise period",
        };
        match n {
            1 => format!("1 row {why} was not counted"),
            _ => format!("{n} rows {why} were not counted"),
        }
    }
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
    if let (Some(due), None) = (f.next, &f.current) {
        let compared = match &f.baseline {
            Some(b) => format!(
                "it will then be compared with the baseline year {} ({})",
                b.year,
                super::survey_number(f.mean, b.value, LANG)
            ),
            None => format!(
                "the survey for the baseline year {} is missing",
                f.baseline_year
            ),
        };
        return format!(
            "{name}: the next survey is carried out in August {} and reported from {} on; {compared}.",
            chrono::Datelike::year(&due),
            fmt::date(due)
        );
    }
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
                    "the difference is not statistically significant (5 % level)".to_string()
                }
                SurveyVerdict::Significant => {
                    "the difference is statistically significant (5 % level)".to_string()
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

/// "exact test p = 0.088; ratio 2.00, 95 % CI 0.90–4.48".
fn test_text(t: CountTest) -> String {
    let p = fmt::p_value(t.p, LANG);
    match super::ratio_texts(&t, LANG) {
        Some((r, ci)) => format!("exact test p = {p}; ratio {r}, 95 % CI {ci}"),
        None => format!("exact test p = {p}"),
    }
}

/// "The number of reported drug offences rose from 41 to 57 (+39 %) compared with the mean
/// of the same period in 2015–2016. The change is within normal random variation (exact
/// test p = 0.088; ratio 1.39, 95 % CI …)."
fn crime_sentence(f: &CrimeFinding, with_test: bool) -> String {
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
        .filter(|_| with_test)
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

/// A status after a count in the first page's tally: "3 partly fulfilled".
fn tally_word(s: Status) -> &'static str {
    match s {
        Status::Fulfilled => "fulfilled",
        Status::Partly => "partly fulfilled",
        Status::NotFulfilled => "not fulfilled",
        Status::InProgress => "in progress",
        Status::Delayed => "delayed",
        Status::NotStarted => "not started",
        Status::NoData => "without data",
        Status::Reported => "reported without a target",
        Status::Improved => "in the desired direction",
        Status::NoChange => "without a clear change",
        Status::Worsened => "in the opposite direction",
    }
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
