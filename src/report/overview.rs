//! Report, overview: a region's promises side by side (`lofte run` with `input/loften/`):
//! every promise's commitments with their status, the outcomes of all areas next to each
//! other, and the region's data quality in one place. Built as blocks, like a promise's
//! report ([`super::document`]), so the PDF and the HTML twin render the same content; the
//! workbook ([`super::xlsx::render_overview`]) shows the same rows.

use chrono::NaiveDate;

use super::document::{self, sentences, status_cell, Doc, Document, Point, TCell, BLACK, GREY};
use super::label;
use super::words::{line, say, Line};
use crate::catalog::Catalog;
use crate::fmt::{self, Lang};
use crate::indicators::changes::{Changes, StatusMove};
use crate::indicators::{IndicatorValue, Results, Status};
use crate::ingest::Ingested;
use crate::period::ReportPeriod;

/// One promise of the region, as the overview shows it.
pub struct Member<'a> {
    /// The catalog file's name; also the promise's report folder.
    pub key: &'a str,
    pub catalog: &'a Catalog,
    pub ingested: &'a Ingested,
    /// The promise's results, or why no report could be made for the period.
    pub results: Result<&'a Results, NoReport>,
    /// What changed since the previous report, as the promise's own report shows it.
    pub changes: Option<&'a Changes>,
}

/// Why a promise of the region has no report for the period.
#[derive(Debug, Clone, PartialEq)]
pub enum NoReport {
    /// No log rows of the kinds it counts and no crime figures for its groups.
    NoData,
    /// Its input ends on this day, before the period starts.
    EndsBefore(NaiveDate),
    /// Anything else (the period outside the promise's, a computation that failed): the
    /// message as the analyst's console shows it.
    Other(String),
}

/// "Ingen rapport: indata når bara till 2017-04-30", in the report's language.
pub fn no_report(lang: Lang, why: &NoReport) -> String {
    line(
        lang,
        &Line::NoReport(match why {
            NoReport::NoData => None,
            NoReport::EndsBefore(d) => Some(*d),
            NoReport::Other(text) => return format!("{}: {text}", label(lang, "Ingen rapport")),
        }),
    )
}

/// Everything the overview shows.
pub struct Overview<'a> {
    pub period: ReportPeriod,
    pub lang: Lang,
    pub members: Vec<Member<'a>>,
    /// Every file and sheet of the run, each row counted once.
    pub run: &'a Ingested,
}

impl Overview<'_> {
    /// The latest data date of any promise with a report.
    pub fn data_date(&self) -> Option<NaiveDate> {
        self.members
            .iter()
            .filter_map(|m| m.results.as_ref().ok()?.data_date)
            .max()
    }

    /// How far each kind of input reaches over the promises with a report: per kind, the
    /// latest data date of any of them.
    pub fn coverage(&self) -> Vec<crate::indicators::coverage::Coverage> {
        let mut all: Vec<crate::indicators::coverage::Coverage> = vec![];
        let reported = self.members.iter().filter_map(|m| m.results.as_ref().ok());
        for c in reported.flat_map(|r| r.coverage.iter()) {
            match all.iter_mut().find(|a| a.source == c.source) {
                Some(a) if c.through > a.through => *a = *c,
                Some(_) => {}
                None => all.push(*c),
            }
        }
        all.sort_by_key(|c| c.source);
        all
    }

    /// The documents' creation date: the data date, else the period's end (never the clock).
    pub fn stamp(&self) -> NaiveDate {
        self.data_date().unwrap_or_else(|| self.period.end())
    }

    /// The files' base name: `oversikt-2017-T2`, `oversikt-2017-T2-en` in English.
    pub fn base_name(&self) -> String {
        match self.lang {
            Lang::Sv => format!("oversikt-{}", self.period.label()),
            Lang::En => format!("oversikt-{}-en", self.period.label()),
        }
    }

    pub fn title(&self) -> String {
        format!(
            "{} – {} {}",
            label(self.lang, "Regional översikt"),
            label(self.lang, "uppföljning"),
            self.period
        )
    }
}

/// One row per commitment or outcome of every promise: the promise's key, id, text, status
/// and result, in the report's language (the PDF's tables and the workbook's sheet).
pub struct StatusRow {
    pub key: String,
    /// The promise's area, so the workbook can be filtered by it.
    pub area: String,
    pub id: String,
    pub text: String,
    pub status: Status,
    pub result: String,
}

/// Every promise's commitments, then its outcomes; a promise without a report has none.
pub fn status_rows(o: &Overview) -> Vec<StatusRow> {
    let lang = o.lang;
    let mut rows = vec![];
    for m in &o.members {
        let Ok(results) = &m.results else { continue };
        rows.extend(results.promises.iter().map(|p| StatusRow {
            key: m.key.to_string(),
            area: m.catalog.area.clone(),
            id: p.id.clone(),
            text: p.text.clone(),
            status: p.status,
            result: fmt::capitalised(&say(lang, &p.result)),
        }));
        rows.extend(results.outcomes.iter().map(|out| StatusRow {
            key: m.key.to_string(),
            area: m.catalog.area.clone(),
            id: out.id.clone(),
            text: out.text.clone(),
            status: out.status,
            result: sentences(lang, &out.sentences),
        }));
    }
    rows
}

/// How many of a promise's commitments and outcomes have each tone of status:
/// (good, warning, bad, neutral), e.g. (3, 1, 0, 2).
pub fn tally(results: &Results) -> [usize; 4] {
    use crate::indicators::Tone;
    let mut counts = [0; 4];
    let statuses = results
        .promises
        .iter()
        .map(|p| p.status)
        .chain(results.outcomes.iter().map(|o| o.status));
    for s in statuses {
        let slot = match s.tone() {
            Tone::Good => 0,
            Tone::Warning => 1,
            Tone::Bad => 2,
            Tone::Neutral => 3,
        };
        if let Some(c) = counts.get_mut(slot) {
            *c += 1;
        }
    }
    counts
}

/// One area's value of an outcome indicator: the promise's own area, from its results.
pub struct AreaValue<'a> {
    pub key: &'a str,
    pub area: &'a str,
    pub value: &'a IndicatorValue,
    /// Crimes per 1 000 inhabitants, where the promise has a population figure.
    pub rate: Option<&'a IndicatorValue>,
}

impl AreaValue<'_> {
    /// "liten bas: osäker" in the overview: as the survey indicator judged it (its note),
    /// against the promise's own `minsta_bas`.
    pub fn small_base_note(&self, lang: Lang) -> &'static str {
        let small = self
            .value
            .note
            .0
            .iter()
            .any(|p| matches!(p, crate::indicators::phrase::Phrase::SmallBase(_)));
        if small {
            label(lang, "liten bas: osäker")
        } else {
            ""
        }
    }
}

/// For each indicator (named in the report's language, in first-seen order), every area's
/// value with `key` (`survey`: the latest year; `crime`: the report period).
pub fn side_by_side<'a>(o: &'a Overview, key: &str) -> Vec<(String, Vec<AreaValue<'a>>)> {
    let mut groups: Vec<(String, Vec<AreaValue>)> = vec![];
    for m in &o.members {
        let Ok(results) = &m.results else { continue };
        let own: Vec<&IndicatorValue> = results
            .outcomes
            .iter()
            .flat_map(|out| out.values.iter())
            .filter(|v| v.key == key && m.catalog.is_own_area(&v.area))
            .collect();
        // Survey values come one per year: the latest stands for the area. Each name is
        // rendered once.
        let mut latest: Vec<(String, &IndicatorValue)> = vec![];
        for v in own {
            let name = say(o.lang, &v.indicator);
            match latest
                .iter_mut()
                .find(|(n, l)| *n == name && l.category == v.category)
            {
                Some((_, l)) if l.period < v.period => *l = v,
                Some(_) => {}
                None => latest.push((name, v)),
            }
        }
        for (name, v) in latest {
            let rate = results
                .outcomes
                .iter()
                .flat_map(|out| out.values.iter())
                .find(|r| r.key == "crime_rate" && r.category == v.category && r.area == v.area);
            let entry = AreaValue {
                key: m.key,
                area: &m.catalog.area,
                value: v,
                rate: if key == "crime" { rate } else { None },
            };
            match groups.iter_mut().find(|(n, _)| *n == name) {
                Some((_, list)) => list.push(entry),
                None => groups.push((name, vec![entry])),
            }
        }
    }
    groups
}

/// Builds the overview's blocks.
pub fn build(o: &Overview) -> Document {
    let lang = o.lang;
    let mut d = Doc::new();
    d.title(&o.title());
    intro(&mut d, o);
    promises_at_a_glance(&mut d, o);
    since_last(&mut d, o);
    d.ensure(120.0);
    commitments(&mut d, o);
    d.ensure(120.0);
    outcomes(&mut d, o);
    d.ensure(120.0);
    d.heading(label(lang, "Datakvalitet i regionen"), 1);
    d.paragraph(
        label(lang, "Varje rad i indata räknas en gång för hela körningen: använd om något av löftena använder den, annars avvisad eller överhoppad med sitt skäl."),
        8.5,
        false,
        GREY,
    );
    rows_per_promise(&mut d, o);
    document::quality(&mut d, o.run, lang);
    register(&mut d, o);
    d.into_document(o.title(), lang)
}

/// The heading a promise's commitments stand under: "karlslund – Medborgarlöfte 2017 …".
fn promise_heading(m: &Member) -> String {
    format!("{} – {}", m.key, m.catalog.title)
}

/// The register at the end: every promise by its area in Swedish alphabetical order, with
/// its folder and the page of its commitments (a link in the HTML), so that one
/// municipality among 290 is found without scrolling.
fn register(d: &mut Doc, o: &Overview) {
    let lang = o.lang;
    d.ensure(60.0);
    d.heading(label(lang, "Register över områden"), 1);
    let mut members: Vec<&Member> = o.members.iter().collect();
    members.sort_by_cached_key(|m| (swedish_order(&m.catalog.area), m.key));
    let rows = members
        .into_iter()
        .map(|m| {
            let cells = vec![
                TCell::catalog(&m.catalog.area),
                TCell::new(m.key),
                TCell::catalog(&m.catalog.title),
            ];
            (cells, promise_heading(m))
        })
        .collect();
    d.index(
        (
            &[
                label(lang, "Område"),
                label(lang, "Löfte"),
                label(lang, "Titel"),
            ],
            label(lang, "Sida"),
        ),
        &[0.24, 0.16, 0.50, 0.10],
        rows,
        7.5,
    );
}

/// A sort key that orders names as a Swedish reader expects: letters as in the alphabet,
/// with å, ä and ö after z (a plain sort puts them after every ASCII letter, but treats
/// é and ü apart from e and u), case and other accents ignored.
pub fn swedish_order(name: &str) -> Vec<u32> {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' => u32::from('z') + 1,
            'ä' | 'æ' => u32::from('z') + 2,
            'ö' | 'ø' => u32::from('z') + 3,
            'à' | 'á' | 'â' | 'ã' => u32::from('a'),
            'é' | 'è' | 'ê' | 'ë' => u32::from('e'),
            'ü' | 'ú' | 'ù' | 'û' => u32::from('u'),
            'í' | 'ì' | 'î' | 'ï' => u32::from('i'),
            'ó' | 'ò' | 'ô' => u32::from('o'),
            other => u32::from(other),
        })
        .collect()
}

fn intro(d: &mut Doc, o: &Overview) {
    let lang = o.lang;
    let reported = o.members.iter().filter(|m| m.results.is_ok()).count();
    d.paragraph(
        &line(
            lang,
            &Line::OverviewIntro {
                promises: o.members.len(),
                reported,
                data_date: o.data_date(),
            },
        ),
        9.0,
        false,
        BLACK,
    );
    let coverage = o.coverage();
    if !coverage.is_empty() {
        d.paragraph(&line(lang, &Line::Coverage(coverage)), 9.0, false, GREY);
    }
    d.paragraph(
        label(
            lang,
            "Registret över områdena, med sidan för varje löfte, står sist i rapporten.",
        ),
        9.0,
        false,
        GREY,
    );
    let problems = o.run.problems();
    if !problems.is_empty() {
        d.paragraph(
            &format!(
                "{} {}",
                label(lang, "Underlaget är ofullständigt:"),
                problems.join("; ")
            ),
            9.0,
            true,
            document::RED,
        );
    }
}

fn promises_at_a_glance(d: &mut Doc, o: &Overview) {
    let lang = o.lang;
    d.heading(label(lang, "Löftena i korthet"), 1);
    d.paragraph(
        label(lang, "Antal åtaganden och önskade resultat per status: ✓ uppfyllt eller i önskad riktning, ◐ delvis eller försenat, ✗ ej uppfyllt eller i motsatt riktning, övriga pågår, saknar data eller visar ingen säker förändring. Varje löftes egen rapport ligger i mappen med löftets namn."),
        8.5,
        false,
        GREY,
    );
    let rows: Vec<Vec<TCell>> = o
        .members
        .iter()
        .map(|m| {
            match &m.results {
                Ok(r) => {
                    let mut row = vec![TCell::new(m.key), TCell::catalog(&m.catalog.title)];
                    row.extend(
                        tally(r)
                            .iter()
                            .map(|n| TCell::right(fmt::count(*n as f64, lang))),
                    );
                    row
                }
                // The reason beside the title; no counts, not zeros.
                Err(why) => {
                    let mut row = vec![
                        TCell::new(m.key),
                        TCell::new(format!("{}. {}", m.catalog.title, no_report(lang, why))),
                    ];
                    row.extend((0..4).map(|_| TCell::right("–")));
                    row
                }
            }
        })
        .collect();
    d.table(
        &[
            label(lang, "Löfte"),
            label(lang, "Titel"),
            "✓",
            "◐",
            "✗",
            label(lang, "Övriga"),
        ],
        &[0.16, 0.52, 0.08, 0.08, 0.08, 0.08],
        &rows,
        7.5,
    );
}

/// Every promise's statuses that moved since the previous report, with the promise's key,
/// in member and report order.
pub fn moved<'a>(o: &Overview<'a>) -> Vec<(&'a str, &'a StatusMove)> {
    o.members
        .iter()
        .flat_map(|m| {
            m.changes
                .into_iter()
                .flat_map(|c| c.statuses.iter())
                .map(move |s| (m.key, s))
        })
        .collect()
}

/// The region's "since the previous report": the promises' moves added up, and every status
/// that moved; each promise's own report has its figures.
fn since_last(d: &mut Doc, o: &Overview) {
    let lang = o.lang;
    let changes: Vec<&Changes> = o.members.iter().filter_map(|m| m.changes).collect();
    let Some(first) = changes.first() else {
        return;
    };
    let previous = first.previous.to_string();
    document::since_last_intro(d, lang, 1, &changes);
    let rows: Vec<Vec<TCell>> = moved(o)
        .into_iter()
        .map(|(key, m)| {
            vec![
                TCell::new(key),
                TCell::new(&m.id),
                status_cell(m.before, lang),
                document::moved_to_cell(m.now, m.begun.as_deref(), lang),
            ]
        })
        .collect();
    let (before_head, now_head) = (
        format!("{} ({previous})", label(lang, "Status")),
        format!("{} ({})", label(lang, "Status"), o.period),
    );
    d.table(
        &[
            label(lang, "Löfte"),
            label(lang, "Id"),
            &before_head,
            &now_head,
        ],
        &[0.2, 0.08, 0.36, 0.36],
        &rows,
        7.5,
    );
}

fn commitments(d: &mut Doc, o: &Overview) {
    let lang = o.lang;
    d.heading(label(lang, "Åtaganden och önskade resultat per löfte"), 1);
    let rows = status_rows(o);
    for m in &o.members {
        d.ensure(40.0);
        d.heading(&promise_heading(m), 2);
        if let Err(why) = &m.results {
            d.paragraph(&no_report(lang, why), 9.0, false, document::RED);
            continue;
        }
        let table: Vec<Vec<TCell>> = rows
            .iter()
            .filter(|r| r.key == m.key)
            .map(|r| {
                vec![
                    TCell::new(&r.id),
                    TCell::catalog(&r.text),
                    status_cell(r.status, lang),
                    TCell::new(&r.result),
                ]
            })
            .collect();
        d.table(
            &[
                label(lang, "Id"),
                label(lang, "Löfte / önskat resultat"),
                label(lang, "Status"),
                label(lang, "Resultat"),
            ],
            &[0.06, 0.38, 0.16, 0.40],
            &table,
            7.0,
        );
    }
}

fn outcomes(d: &mut Doc, o: &Overview) {
    let lang = o.lang;
    let surveys = side_by_side(o, "survey");
    let crimes = side_by_side(o, "crime");
    d.heading(label(lang, "Utfallen i områdena sida vid sida"), 1);
    if surveys.is_empty() && crimes.is_empty() {
        d.paragraph(
            label(
                lang,
                "Inget av löftena har ett utfall mätt i sitt eget område för perioden.",
            ),
            9.0,
            false,
            BLACK,
        );
        return;
    }
    for (name, values) in &surveys {
        survey(d, lang, name, values);
    }
    for (name, values) in &crimes {
        crime(d, lang, name, values);
    }
}

/// Areas a chart shows side by side; with more, their names would overlap.
const MOST_IN_A_CHART: usize = 12;

fn survey(d: &mut Doc, lang: Lang, name: &str, values: &[AreaValue]) {
    d.ensure(90.0);
    d.heading(&fmt::capitalised(name), 2);
    let percent = values.iter().all(|a| a.value.unit == "andel");
    let shown = |x: f64| {
        if percent {
            fmt::percent(x, lang)
        } else {
            fmt::number(x, 2, lang)
        }
    };
    let points: Vec<Point> = values
        .iter()
        .filter_map(|a| {
            Some(Point {
                series: a.value.period.clone(),
                x: a.area.to_string(),
                value: a.value.value?,
                interval: a.value.ci_low.zip(a.value.ci_high),
            })
        })
        .collect();
    // More areas than fit side by side on a page: the table alone.
    if points.len() <= MOST_IN_A_CHART {
        let title = format!(
            "{}, {}",
            fmt::capitalised(name),
            label(lang, "senaste mätåret per område")
        );
        d.intervals_apart(&title, &points, percent);
    }
    let rows: Vec<Vec<TCell>> = values
        .iter()
        .map(|a| {
            let v = a.value;
            vec![
                TCell::new(a.area),
                TCell::new(&v.period),
                TCell::right(v.value.map_or("–".into(), shown)),
                TCell::right(match (v.ci_low, v.ci_high) {
                    (Some(lo), Some(hi)) => format!("{}–{}", shown(lo), shown(hi)),
                    _ => "–".into(),
                }),
                TCell::right(v.n.map_or("–".into(), |n| fmt::count(n, lang))),
                TCell::new(a.small_base_note(lang)),
            ]
        })
        .collect();
    d.table(
        &[
            label(lang, "Område"),
            label(lang, "År"),
            label(lang, "Värde"),
            label(lang, "95 % KI"),
            "n",
            label(lang, "Anm."),
        ],
        &[0.26, 0.1, 0.14, 0.2, 0.12, 0.18],
        &rows,
        7.5,
    );
}

fn crime(d: &mut Doc, lang: Lang, name: &str, values: &[AreaValue]) {
    d.ensure(90.0);
    d.heading(&fmt::capitalised(name), 2);
    let (now, before) = (label(lang, "Perioden"), label(lang, "Jämförelse"));
    let points: Vec<Point> = values
        .iter()
        .flat_map(|a| {
            let current = a.value.value.map(|v| Point {
                series: now.to_string(),
                x: a.area.to_string(),
                value: v,
                interval: None,
            });
            let baseline = a.value.baseline.map(|v| Point {
                series: before.to_string(),
                x: a.area.to_string(),
                value: v,
                interval: None,
            });
            current.into_iter().chain(baseline)
        })
        .collect();
    if values.len() <= MOST_IN_A_CHART {
        let title = format!(
            "{}, {}",
            fmt::capitalised(name),
            label(lang, "perioden och jämförelsen per område")
        );
        d.bars(&title, &points);
    }
    let rows: Vec<Vec<TCell>> = values
        .iter()
        .map(|a| {
            let v = a.value;
            vec![
                TCell::new(a.area),
                TCell::right(v.value.map_or("–".into(), |x| fmt::count(x, lang))),
                TCell::right(v.baseline.map_or("–".into(), |b| fmt::number(b, 1, lang))),
                TCell::right(v.change_pct.map_or("–".into(), |c| {
                    format!("{} %", fmt::signed(c * 100.0, 0, lang))
                })),
                TCell::right(
                    a.rate
                        .and_then(|r| r.value)
                        .map_or("–".into(), |r| fmt::number(r, 1, lang)),
                ),
                v.status
                    .map_or_else(|| TCell::new("–"), |s| status_cell(s, lang)),
            ]
        })
        .collect();
    d.table(
        &[
            label(lang, "Område"),
            label(lang, "Antal"),
            label(lang, "Jämförelse"),
            label(lang, "Förändring"),
            label(lang, "Per 1 000 inv."),
            label(lang, "Bedömning"),
        ],
        &[0.22, 0.12, 0.14, 0.14, 0.16, 0.22],
        &rows,
        7.5,
    );
    d.paragraph(
        label(lang, "Jämförelsen är genomsnittet för samma dagar under löftets jämförelseår, i varje område för sig; bedömningen är den i löftets egen rapport."),
        8.0,
        false,
        GREY,
    );
}

/// How many rows each promise took from the run's input.
fn rows_per_promise(d: &mut Doc, o: &Overview) {
    let lang = o.lang;
    let rows: Vec<Vec<TCell>> = o
        .members
        .iter()
        .map(|m| {
            let (_, used, _, _, _) = m.ingested.totals();
            vec![
                TCell::new(m.key),
                TCell::catalog(&m.catalog.area),
                TCell::right(fmt::count(used as f64, lang)),
            ]
        })
        .collect();
    d.table(
        &[
            label(lang, "Löfte"),
            label(lang, "Område"),
            label(lang, "Rader som löftet använder"),
        ],
        &[0.3, 0.4, 0.3],
        &rows,
        7.5,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_sort_as_a_swedish_reader_expects() {
        let mut names = vec![
            "Östhammar",
            "Åre",
            "Ängelholm",
            "Alingsås",
            "Zinkgruvan",
            "Örebro",
            "Eda",
            "Älmhult",
            "ekerö",
            "Åmål",
            "Ölund",
            "Österåker",
            "Ekerö",
        ];
        names.sort_by_cached_key(|n| swedish_order(n));
        assert_eq!(
            names,
            [
                "Alingsås",
                "Eda",
                "ekerö",
                "Ekerö",
                "Zinkgruvan",
                "Åmål",
                "Åre",
                "Älmhult",
                "Ängelholm",
                "Ölund",
                "Örebro",
                "Österåker",
                "Östhammar",
            ]
        );
    }
}
