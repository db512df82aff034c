//! Report, PDF: the council report (printpdf), A4, Swedish, with an embedded font. It shows
//! no personal names and no free-text comments from logs; only status-note comments,
//! which are written for the report.

mod charts;
mod layout;

use chrono::Datelike;
use layout::{Layout, TCell, BLACK, GREY};

use super::{label, Report};
use crate::fmt::{self, Lang};
use crate::indicators::{IndicatorValue, OutcomeResult, PromiseResult, Status, Tone};
use crate::ingest::Disposition;

/// Renders the report to PDF bytes.
pub fn render(report: &Report) -> anyhow::Result<Vec<u8>> {
    let lang = report.lang;
    let follow_up = fmt::tr(lang, "uppföljning", "follow-up");
    let title = format!(
        "{} – {follow_up} {}",
        report.catalog.title, report.results.period
    );
    let mut l = Layout::new(&title)?;
    set_metadata(&mut l, report, &title);
    title_block(&mut l, report);
    summary(&mut l, report);
    if !report.tertials.is_empty() {
        tertials_side_by_side(&mut l, report);
    }
    l.new_page();
    promises(&mut l, report, label(lang, "Polisens löften"), |p| {
        p.party.to_lowercase().starts_with("polis")
    });
    promises(
        &mut l,
        report,
        &{
            let city = report
                .catalog
                .parties
                .last()
                .map_or("Kommunen", String::as_str);
            match lang {
                Lang::Sv => format!("{city}s satsningar"),
                Lang::En => format!("Commitments of {city}"),
            }
        },
        |p| !p.party.to_lowercase().starts_with("polis"),
    );
    outcomes(&mut l, report);
    appendix_quality(&mut l, report);
    appendix_method(&mut l, lang);
    Ok(l.finish(&title, (label(lang, "Sida"), label(lang, "av"))))
}

fn set_metadata(l: &mut Layout, report: &Report, title: &str) {
    let stamp = report.stamp;
    let date = printpdf::DateTime {
        date: printpdf::Date {
            year: stamp.year(),
            month: stamp.month() as u8,
            day: stamp.day() as u8,
        },
        time: printpdf::Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    };
    let info = l.metadata();
    info.document_title = title.to_string();
    info.author = report.catalog.parties.join(", ");
    info.subject = format!(
        "{}, {}",
        label(report.lang, "Uppföljning av medborgarlöfte"),
        report.catalog.area
    );
    info.creator = "lofte".into();
    info.producer = "lofte".into();
    info.creation_date = date.clone();
    info.modification_date = date.clone();
    info.metadata_date = date;
}

fn period_text(report: &Report) -> String {
    let p = report.results.period;
    let name = match (p, report.lang) {
        (crate::period::ReportPeriod::Tertial { year, n }, _) => format!("tertial {n} {year}"),
        (crate::period::ReportPeriod::Year(year), Lang::Sv) => format!("helår {year}"),
        (crate::period::ReportPeriod::Year(year), Lang::En) => format!("full year {year}"),
    };
    format!("{name} ({} – {})", fmt::date(p.start()), fmt::date(p.end()))
}

fn title_block(l: &mut Layout, report: &Report) {
    let (r, lang) = (report.results, report.lang);
    l.paragraph(
        label(lang, "Uppföljning av medborgarlöfte"),
        11.0,
        false,
        GREY,
    );
    l.paragraph(&report.catalog.title, 20.0, true, layout::ACCENT);
    l.paragraph(
        &format!(
            "{} · {}",
            report.catalog.area,
            report.catalog.parties.join(fmt::tr(lang, " och ", " and "))
        ),
        11.0,
        false,
        BLACK,
    );
    l.y += 2.0;
    l.paragraph(
        &format!("Period: {}", period_text(report)),
        10.0,
        false,
        BLACK,
    );
    let data = match (r.data_date, lang) {
        (Some(d), Lang::Sv) if r.in_progress() => format!(
            "Data t.o.m. {} – perioden pågår, så siffrorna visar läget hittills.",
            fmt::date(d)
        ),
        (Some(d), Lang::En) if r.in_progress() => format!(
            "Data up to {} – the period is in progress, so the figures show progress so far.",
            fmt::date(d)
        ),
        (Some(d), _) => format!("{} {}.", label(lang, "Data t.o.m."), fmt::date(d)),
        (None, _) => fmt::tr(
            lang,
            "Loggarna saknar data för perioden.",
            "The logs have no data for the period.",
        )
        .to_string(),
    };
    l.paragraph(&data, 10.0, false, BLACK);
    l.paragraph(
        &match lang {
            Lang::Sv => format!(
                "Sammanställd {} med lofte ur {} indatafiler.",
                fmt::date(report.stamp),
                report.ingested.files.len()
            ),
            Lang::En => format!(
                "Compiled {} with lofte from {} input files.",
                fmt::date(report.stamp),
                report.ingested.files.len()
            ),
        },
        9.0,
        false,
        GREY,
    );
    l.y += 3.0;
}

fn status_cell(s: Status, lang: Lang) -> TCell {
    let fill = match s.tone() {
        Tone::Good => (0.78, 0.94, 0.81),
        Tone::Warning => (1.0, 0.92, 0.61),
        Tone::Bad => (1.0, 0.78, 0.81),
        Tone::Neutral => (0.91, 0.91, 0.91),
    };
    TCell {
        text: format!("{} {}", s.symbol(), s.word(lang)),
        fill: Some(fill),
        bold: false,
        right: false,
    }
}

fn summary(l: &mut Layout, report: &Report) {
    let lang = report.lang;
    l.heading(label(lang, "Sammanfattning"), 1);
    let legend = fmt::tr(
        lang,
        "Status för varje löfte och varje önskat resultat. Symbolen bär samma besked som färgen: ✓ uppfyllt eller i önskad riktning, ◐ delvis, ✗ ej uppfyllt eller i motsatt riktning, → pågår, ! försenat, = ingen säker förändring, ? saknar data.",
        "Status of every promise and every intended result. The symbol carries the same message as the colour: ✓ fulfilled or in the promised direction, ◐ partly, ✗ not fulfilled or in the opposite direction, → in progress, ! delayed, = no certain change, ? no data.",
    );
    l.paragraph(legend, 8.5, false, GREY);
    let mut rows: Vec<Vec<TCell>> = report
        .results
        .promises
        .iter()
        .map(|p| {
            vec![
                TCell::new(&p.id),
                TCell::new(&p.text),
                status_cell(p.status, lang),
                TCell::new(&p.result),
            ]
        })
        .collect();
    rows.extend(report.results.outcomes.iter().map(|o| {
        vec![
            TCell::new(&o.id),
            TCell::new(&o.text),
            status_cell(o.status, lang),
            TCell::new(o.sentences.join(" ")),
        ]
    }));
    l.table(
        &[
            label(lang, "Id"),
            label(lang, "Löfte / önskat resultat"),
            label(lang, "Status"),
            label(lang, "Resultat"),
        ],
        &[0.05, 0.38, 0.16, 0.41],
        &rows,
        7.0,
    );
}

/// The year-end layout: every promise and outcome with its verdict in each tertial and for
/// the whole year, side by side.
fn tertials_side_by_side(l: &mut Layout, report: &Report) {
    let lang = report.lang;
    l.heading(label(lang, "Tertialerna sida vid sida"), 2);
    let text = fmt::tr(
        lang,
        "Varje tertial bedömd för sig, och helåret för hela året. En tertial som inte har börjat vid datadatumet saknar data.",
        "Each tertial judged on its own, and the full year for the whole year. A tertial that has not begun at the data date has no data.",
    );
    l.paragraph(text, 8.5, false, GREY);
    let rows: Vec<Vec<TCell>> = super::side_by_side(report)
        .into_iter()
        .map(|(id, statuses)| {
            let mut row = vec![TCell::new(id)];
            row.extend(statuses.into_iter().map(|s| status_cell(s, lang)));
            row
        })
        .collect();
    let year = label(lang, "Helår");
    l.table(
        &["Id", "T1", "T2", "T3", year],
        &[0.12, 0.22, 0.22, 0.22, 0.22],
        &rows,
        7.5,
    );
}

fn value_text(v: &IndicatorValue, x: Option<f64>, lang: Lang) -> String {
    let Some(x) = x else { return "–".into() };
    match v.unit.as_str() {
        "andel" => fmt::percent(x, lang),
        "index" => fmt::number(x, 2, lang),
        "timmar" => fmt::number(x, 1, lang),
        _ if x.fract() != 0.0 => fmt::number(x, 1, lang),
        _ => fmt::count(x, lang),
    }
}

/// The rows of a promise's table. Focus counts per month are folded into the month's row.
fn promise_rows(p: &PromiseResult, lang: Lang) -> Vec<Vec<TCell>> {
    let is_focus = |v: &IndicatorValue| v.key == "operations_focus";
    p.values
        .iter()
        .filter(|v| !is_focus(v) && v.key != "status_note")
        .map(|v| {
            let mut note = v.note.clone();
            let focus: Vec<String> = p
                .values
                .iter()
                .filter(|f| is_focus(f) && f.period == v.period)
                .map(|f| format!("{} {}", f.category, value_text(f, f.value, lang)))
                .collect();
            if !focus.is_empty() {
                note = focus.join(", ");
            }
            let what = if v.place.is_empty() {
                v.indicator.clone()
            } else {
                format!("{} – {}", v.place, v.indicator)
            };
            vec![
                TCell::new(what),
                TCell::new(&v.period),
                TCell::right(value_text(v, v.value, lang)),
                TCell::right(value_text(v, v.target, lang)),
                v.status
                    .map_or_else(|| TCell::new(""), |s| status_cell(s, lang)),
                TCell::new(note),
            ]
        })
        .collect()
}

fn promises(
    l: &mut Layout,
    report: &Report,
    heading: &str,
    include: impl Fn(&PromiseResult) -> bool,
) {
    let lang = report.lang;
    let selected: Vec<&PromiseResult> = report
        .results
        .promises
        .iter()
        .filter(|p| include(p))
        .collect();
    if selected.is_empty() {
        return;
    }
    l.heading(heading, 1);
    for p in selected {
        l.heading(
            &format!("{} · {} {}", p.id, p.status.symbol(), p.status.word(lang)),
            2,
        );
        l.paragraph(&format!("”{}”", p.text), 9.5, false, BLACK);
        l.paragraph(
            &format!(
                "{}: {}. {}: {}.",
                label(lang, "Mål"),
                p.target,
                label(lang, "Resultat"),
                p.result.trim_end_matches('.')
            ),
            9.0,
            false,
            BLACK,
        );
        if let Some(d) = p.data_date {
            l.paragraph(
                &format!("{} {}.", label(lang, "Data t.o.m."), fmt::date(d)),
                8.0,
                false,
                GREY,
            );
        }
        let rows = promise_rows(p, lang);
        if !rows.is_empty() {
            l.table(
                &[
                    label(lang, "Plats / indikator"),
                    label(lang, "Period"),
                    label(lang, "Värde"),
                    label(lang, "Mål"),
                    label(lang, "Status"),
                    label(lang, "Anmärkning"),
                ],
                &[0.30, 0.14, 0.09, 0.07, 0.18, 0.22],
                &rows,
                7.5,
            );
        }
        if !p.notes.is_empty() {
            let rows: Vec<Vec<TCell>> = p
                .notes
                .iter()
                .map(|n| {
                    vec![
                        TCell::new(fmt::date(n.date)),
                        status_cell(crate::indicators::status_of_note(n.status), lang),
                        TCell::new(&n.comment),
                    ]
                })
                .collect();
            l.table(
                &[
                    label(lang, "Lägesrapport"),
                    label(lang, "Status"),
                    label(lang, "Kommentar"),
                ],
                &[0.14, 0.18, 0.68],
                &rows,
                7.5,
            );
        }
    }
}

fn outcomes(l: &mut Layout, report: &Report) {
    l.heading(
        label(report.lang, "Det här ska vi åstadkomma tillsammans"),
        1,
    );
    for o in &report.results.outcomes {
        outcome(l, o, report.lang);
    }
}

fn outcome(l: &mut Layout, o: &OutcomeResult, lang: Lang) {
    l.heading(
        &format!("{} · {} {}", o.id, o.status.symbol(), o.status.word(lang)),
        2,
    );
    l.paragraph(&format!("”{}”", o.text), 9.5, false, BLACK);
    l.paragraph(
        &format!("{}: {}.", label(lang, "Källa"), o.source),
        8.5,
        false,
        GREY,
    );
    for s in &o.sentences {
        l.paragraph(s, 9.0, false, BLACK);
    }
    if let Some(note) = &o.note {
        l.paragraph(
            &format!("{}: {note}", label(lang, "Observera")),
            9.0,
            true,
            BLACK,
        );
    }
    let is_crime = o.values.iter().any(|v| v.key == "crime");
    if is_crime {
        let rows: Vec<Vec<TCell>> = o
            .values
            .iter()
            .filter(|v| v.status.is_some())
            .map(|v| {
                vec![
                    TCell::new(&v.indicator),
                    TCell::new(&v.period),
                    TCell::right(value_text(v, v.value, lang)),
                    TCell::right(value_text(v, v.baseline, lang)),
                    TCell::right(v.change.map_or("–".into(), |c| fmt::signed(c, 1, lang))),
                    TCell::right(v.change_pct.map_or("–".into(), |c| {
                        format!("{} %", fmt::signed(c * 100.0, 0, lang))
                    })),
                    v.status
                        .map_or_else(|| TCell::new(""), |s| status_cell(s, lang)),
                ]
            })
            .collect();
        l.table(
            &[
                label(lang, "Brottsgrupp"),
                label(lang, "Period"),
                label(lang, "Antal"),
                label(lang, "Baslinje"),
                label(lang, "Förändring"),
                label(lang, "%"),
                label(lang, "Status"),
            ],
            &[0.30, 0.12, 0.09, 0.1, 0.12, 0.08, 0.19],
            &rows,
            7.5,
        );
        charts::bars(
            l,
            label(
                lang,
                "Anmälda brott per tertial mot baslinjen (medel för samma tertial baslinjeåren)",
            ),
            &o.series,
        );
    } else {
        let rows: Vec<Vec<TCell>> = o
            .values
            .iter()
            .map(|v| {
                let ci = match (v.ci_low, v.ci_high) {
                    (Some(a), Some(b)) => {
                        format!(
                            "{} – {}",
                            value_text(v, Some(a), lang),
                            value_text(v, Some(b), lang)
                        )
                    }
                    _ => "–".into(),
                };
                vec![
                    TCell::new(format!("{} ({})", v.indicator, v.area)),
                    TCell::new(&v.period),
                    TCell::right(value_text(v, v.value, lang)),
                    TCell::new(ci),
                    TCell::right(v.n.map_or("–".into(), |n| fmt::count(n, lang))),
                    v.status
                        .map_or_else(|| TCell::new(v.note.clone()), |s| status_cell(s, lang)),
                ]
            })
            .collect();
        l.table(
            &[
                label(lang, "Indikator (område)"),
                label(lang, "År"),
                label(lang, "Värde"),
                label(lang, "95 % KI"),
                label(lang, "n"),
                label(lang, "Status / anm."),
            ],
            &[0.36, 0.08, 0.1, 0.2, 0.08, 0.18],
            &rows,
            7.5,
        );
        let names: Vec<String> = o
            .values
            .iter()
            .filter(|v| v.status.is_some())
            .map(|v| v.indicator.clone())
            .collect();
        for name in names {
            let points: Vec<_> = o
                .series
                .iter()
                .filter(|p| p.series.starts_with(&name))
                .cloned()
                .collect();
            let as_percent = o
                .values
                .iter()
                .any(|v| v.indicator == name && v.unit == "andel");
            charts::intervals(
                l,
                &format!("{name}, {}", label(lang, "med 95 % konfidensintervall")),
                &points,
                as_percent,
            );
        }
    }
}

fn appendix_quality(l: &mut Layout, report: &Report) {
    l.new_page();
    let lang = report.lang;
    l.heading(label(lang, "Bilaga A. Underlag och datakvalitet"), 1);
    let (read, used, rejected, skipped) = report.ingested.totals();
    l.paragraph(
        &{
            let files = report.ingested.files.len();
            let [read, used, rejected, skipped] = [read, used, rejected, skipped].map(|n| fmt::count(n as f64, lang));
            match lang {
                Lang::Sv => format!("{files} filer lästes. Av {read} rader användes {used}, {rejected} avvisades och {skipped} hoppades över (tomma rader, summeringsrader, noter, andra områden och kategorier som inget löfte mäter). Varje avvisad rad anges nedan med fil, blad, rad och kolumn; arbetsbokens blad Datakvalitet listar alla."),
                Lang::En => format!("{files} files were read. Of {read} rows, {used} were used, {rejected} rejected and {skipped} skipped (empty rows, totals rows, notes, other areas and categories no promise measures). Every rejected row is listed below with file, sheet, row and column; the workbook's Data quality sheet lists them all. Reasons are given in Swedish, as the tool reports them."),
            }
        },
        9.0,
        false,
        BLACK,
    );
    let rows: Vec<Vec<TCell>> = report
        .ingested
        .sheets()
        .map(|(f, s)| {
            let covered = match (s.first_date, s.last_date) {
                (Some(a), Some(b)) => format!("{} – {}", fmt::date(a), fmt::date(b)),
                _ => "–".into(),
            };
            vec![
                TCell::new(format!("{} › {}", f.file, s.sheet)),
                TCell::new(s.kind.map_or(label(lang, "ej läst"), |k| k.name(lang))),
                TCell::new(covered),
                TCell::right(fmt::count(s.read as f64, lang)),
                TCell::right(fmt::count(s.used as f64, lang)),
                TCell::right(fmt::count(s.rejected as f64, lang)),
                TCell::right(fmt::count(s.skipped as f64, lang)),
            ]
        })
        .collect();
    l.table(
        &[
            label(lang, "Fil › blad"),
            label(lang, "Typ"),
            label(lang, "Period"),
            label(lang, "Lästa"),
            label(lang, "Anv."),
            label(lang, "Avv."),
            label(lang, "Överh."),
        ],
        &[0.32, 0.2, 0.2, 0.07, 0.07, 0.07, 0.07],
        &rows,
        7.0,
    );
    // The council sees the first rejected rows; the workbook lists them all.
    const SHOWN: usize = 40;
    let rejected: Vec<_> = report
        .ingested
        .issues()
        .filter(|i| i.disposition == Disposition::Rejected)
        .collect();
    if !rejected.is_empty() {
        l.heading(label(lang, "Avvisade rader"), 3);
        let rows: Vec<Vec<TCell>> = rejected
            .iter()
            .take(SHOWN)
            .map(|i| vec![TCell::new(i.location.to_string()), TCell::new(&i.reason)])
            .collect();
        l.table(
            &[label(lang, "Plats"), label(lang, "Orsak")],
            &[0.45, 0.55],
            &rows,
            7.0,
        );
        if rejected.len() > SHOWN || rejected.len() < report.ingested.totals().2 {
            let more = report.ingested.totals().2 - SHOWN.min(rejected.len());
            l.paragraph(
                &match lang {
                    Lang::Sv => format!("… och {more} avvisade rader till; arbetsbokens blad Datakvalitet listar dem."),
                    Lang::En => format!("… and {more} more rejected rows; the workbook's Data quality sheet lists them."),
                },
                8.5,
                false,
                GREY,
            );
        }
    }
    let skipped: Vec<Vec<TCell>> = report
        .ingested
        .sheets()
        .flat_map(|(f, s)| {
            super::skipped_by_reason(s)
                .into_iter()
                .map(move |(reason, n)| {
                    vec![
                        TCell::new(format!("{} › {}", f.file, s.sheet)),
                        TCell::right(n.to_string()),
                        TCell::new(reason),
                    ]
                })
        })
        .collect();
    if !skipped.is_empty() {
        l.heading(label(lang, "Överhoppade rader (utöver tomma)"), 3);
        l.table(
            &[
                label(lang, "Fil › blad"),
                label(lang, "Rader"),
                label(lang, "Skäl"),
            ],
            &[0.45, 0.08, 0.47],
            &skipped,
            7.0,
        );
    }
}

fn appendix_method(l: &mut Layout, lang: Lang) {
    l.heading(label(lang, "Bilaga B. Metod"), 1);
    for (term, definition) in super::method(lang) {
        l.ensure(12.0);
        l.paragraph(term, 9.0, true, BLACK);
        l.paragraph(definition, 8.5, false, BLACK);
    }
}
