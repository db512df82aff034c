//! Report, PDF: the council report (printpdf), A4, Swedish, with an embedded font. It shows
//! no personal names and no free-text comments from logs; only status-note comments,
//! which are written for the report.

mod charts;
mod layout;

use chrono::Datelike;
use layout::{Layout, TCell, BLACK, GREY};

use super::Report;
use crate::fmt::{self, Lang};
use crate::indicators::{IndicatorValue, OutcomeResult, PromiseResult, Status, Tone};
use crate::ingest::Disposition;

/// Renders the report to PDF bytes.
pub fn render(report: &Report) -> anyhow::Result<Vec<u8>> {
    let title = format!(
        "{} – uppföljning {}",
        report.catalog.title, report.results.period
    );
    let mut l = Layout::new(&title)?;
    set_metadata(&mut l, report, &title);
    title_block(&mut l, report);
    summary(&mut l, report);
    l.new_page();
    promises(&mut l, report, "Polisens löften", |p| {
        p.party.to_lowercase().starts_with("polis")
    });
    promises(
        &mut l,
        report,
        &format!(
            "{}s satsningar",
            report
                .catalog
                .parties
                .last()
                .map_or("Kommunen", String::as_str)
        ),
        |p| !p.party.to_lowercase().starts_with("polis"),
    );
    outcomes(&mut l, report);
    appendix_quality(&mut l, report);
    appendix_method(&mut l);
    Ok(l.finish(&title, ("Sida", "av")))
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
    info.subject = format!("Uppföljning av medborgarlöfte, {}", report.catalog.area);
    info.creator = "lofte".into();
    info.producer = "lofte".into();
    info.creation_date = date.clone();
    info.modification_date = date.clone();
    info.metadata_date = date;
}

fn period_text(report: &Report) -> String {
    let p = report.results.period;
    let name = match p {
        crate::period::ReportPeriod::Tertial { year, n } => format!("tertial {n} {year}"),
        crate::period::ReportPeriod::Year(year) => format!("helår {year}"),
    };
    format!("{name} ({} – {})", fmt::date(p.start()), fmt::date(p.end()))
}

fn title_block(l: &mut Layout, report: &Report) {
    let r = report.results;
    l.paragraph("Uppföljning av medborgarlöfte", 11.0, false, GREY);
    l.paragraph(&report.catalog.title, 20.0, true, layout::ACCENT);
    l.paragraph(
        &format!(
            "{} · {}",
            report.catalog.area,
            report.catalog.parties.join(" och ")
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
    let data = match r.data_date {
        Some(d) if r.in_progress() => format!(
            "Data t.o.m. {} – perioden pågår, så siffrorna visar läget hittills.",
            fmt::date(d)
        ),
        Some(d) => format!("Data t.o.m. {}.", fmt::date(d)),
        None => "Loggarna saknar data för perioden.".to_string(),
    };
    l.paragraph(&data, 10.0, false, BLACK);
    l.paragraph(
        &format!(
            "Sammanställd {} med lofte ur {} indatafiler.",
            fmt::date(report.stamp),
            report.ingested.files.len()
        ),
        9.0,
        false,
        GREY,
    );
    l.y += 3.0;
}

fn status_cell(s: Status) -> TCell {
    let fill = match s.tone() {
        Tone::Good => (0.78, 0.94, 0.81),
        Tone::Warning => (1.0, 0.92, 0.61),
        Tone::Bad => (1.0, 0.78, 0.81),
        Tone::Neutral => (0.91, 0.91, 0.91),
    };
    TCell {
        text: format!("{} {}", s.symbol(), s.word_sv()),
        fill: Some(fill),
        bold: false,
        right: false,
    }
}

fn summary(l: &mut Layout, report: &Report) {
    l.heading("Sammanfattning", 1);
    l.paragraph("Status för varje löfte och varje önskat resultat. Symbolen bär samma besked som färgen: ✓ uppfyllt eller i önskad riktning, ◐ delvis, ✗ ej uppfyllt eller i motsatt riktning, → pågår, ! försenat, = ingen säker förändring, ? saknar data.", 8.5, false, GREY);
    let mut rows: Vec<Vec<TCell>> = report
        .results
        .promises
        .iter()
        .map(|p| {
            vec![
                TCell::new(&p.id),
                TCell::new(&p.text),
                status_cell(p.status),
                TCell::new(&p.result),
            ]
        })
        .collect();
    rows.extend(report.results.outcomes.iter().map(|o| {
        vec![
            TCell::new(&o.id),
            TCell::new(&o.text),
            status_cell(o.status),
            TCell::new(o.sentences.join(" ")),
        ]
    }));
    l.table(
        &["Id", "Löfte / önskat resultat", "Status", "Resultat"],
        &[0.05, 0.38, 0.16, 0.41],
        &rows,
        7.0,
    );
}

fn value_text(v: &IndicatorValue, x: Option<f64>) -> String {
    let Some(x) = x else { return "–".into() };
    match v.unit.as_str() {
        "andel" => fmt::percent(x, Lang::Sv),
        "index" => fmt::number(x, 2, Lang::Sv),
        "timmar" => fmt::number(x, 1, Lang::Sv),
        _ if x.fract() != 0.0 => fmt::number(x, 1, Lang::Sv),
        _ => fmt::count(x, Lang::Sv),
    }
}

/// The rows of a promise's table. Focus counts per month are folded into the month's row.
fn promise_rows(p: &PromiseResult) -> Vec<Vec<TCell>> {
    let is_focus = |v: &IndicatorValue| v.indicator.starts_with("insatser med fokus ");
    p.values
        .iter()
        .filter(|v| !is_focus(v) && v.indicator != "lägesrapport")
        .map(|v| {
            let mut note = v.note.clone();
            let focus: Vec<String> = p
                .values
                .iter()
                .filter(|f| is_focus(f) && f.period == v.period)
                .map(|f| {
                    format!(
                        "{} {}",
                        f.indicator.trim_start_matches("insatser med fokus "),
                        value_text(f, f.value)
                    )
                })
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
                TCell::right(value_text(v, v.value)),
                TCell::right(value_text(v, v.target)),
                v.status.map_or_else(|| TCell::new(""), status_cell),
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
            &format!("{} · {} {}", p.id, p.status.symbol(), p.status.word_sv()),
            2,
        );
        l.paragraph(&format!("”{}”", p.text), 9.5, false, BLACK);
        l.paragraph(
            &format!(
                "Mål: {}. Resultat: {}.",
                p.target,
                p.result.trim_end_matches('.')
            ),
            9.0,
            false,
            BLACK,
        );
        if let Some(d) = p.data_date {
            l.paragraph(&format!("Data t.o.m. {}.", fmt::date(d)), 8.0, false, GREY);
        }
        let rows = promise_rows(p);
        if !rows.is_empty() {
            l.table(
                &[
                    "Plats / indikator",
                    "Period",
                    "Värde",
                    "Mål",
                    "Status",
                    "Anmärkning",
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
                        status_cell(crate::indicators::status_of_note(n.status)),
                        TCell::new(&n.comment),
                    ]
                })
                .collect();
            l.table(
                &["Lägesrapport", "Status", "Kommentar"],
                &[0.14, 0.18, 0.68],
                &rows,
                7.5,
            );
        }
    }
}

fn outcomes(l: &mut Layout, report: &Report) {
    l.heading("Det här ska vi åstadkomma tillsammans", 1);
    for o in &report.results.outcomes {
        outcome(l, o);
    }
}

fn outcome(l: &mut Layout, o: &OutcomeResult) {
    l.heading(
        &format!("{} · {} {}", o.id, o.status.symbol(), o.status.word_sv()),
        2,
    );
    l.paragraph(&format!("”{}”", o.text), 9.5, false, BLACK);
    l.paragraph(&format!("Källa: {}.", o.source), 8.5, false, GREY);
    for s in &o.sentences {
        l.paragraph(s, 9.0, false, BLACK);
    }
    if let Some(note) = &o.note {
        l.paragraph(&format!("Observera: {note}"), 9.0, true, BLACK);
    }
    let is_crime = o
        .values
        .iter()
        .any(|v| v.indicator.starts_with("anmälda brott"));
    if is_crime {
        let rows: Vec<Vec<TCell>> = o
            .values
            .iter()
            .filter(|v| v.status.is_some())
            .map(|v| {
                vec![
                    TCell::new(&v.indicator),
                    TCell::new(&v.period),
                    TCell::right(value_text(v, v.value)),
                    TCell::right(value_text(v, v.baseline)),
                    TCell::right(v.change.map_or("–".into(), |c| fmt::signed(c, 1, Lang::Sv))),
                    TCell::right(v.change_pct.map_or("–".into(), |c| {
                        format!("{} %", fmt::signed(c * 100.0, 0, Lang::Sv))
                    })),
                    v.status.map_or_else(|| TCell::new(""), status_cell),
                ]
            })
            .collect();
        l.table(
            &[
                "Brottsgrupp",
                "Period",
                "Antal",
                "Baslinje",
                "Förändring",
                "%",
                "Status",
            ],
            &[0.30, 0.12, 0.09, 0.1, 0.12, 0.08, 0.19],
            &rows,
            7.5,
        );
        charts::bars(
            l,
            "Anmälda brott per tertial mot baslinjen (medel för samma tertial baslinjeåren)",
            &o.series,
        );
    } else {
        let rows: Vec<Vec<TCell>> = o
            .values
            .iter()
            .map(|v| {
                let ci = match (v.ci_low, v.ci_high) {
                    (Some(a), Some(b)) => {
                        format!("{} – {}", value_text(v, Some(a)), value_text(v, Some(b)))
                    }
                    _ => "–".into(),
                };
                vec![
                    TCell::new(format!("{} ({})", v.indicator, v.area)),
                    TCell::new(&v.period),
                    TCell::right(value_text(v, v.value)),
                    TCell::new(ci),
                    TCell::right(v.n.map_or("–".into(), |n| fmt::count(n, Lang::Sv))),
                    v.status
                        .map_or_else(|| TCell::new(v.note.clone()), status_cell),
                ]
            })
            .collect();
        l.table(
            &[
                "Indikator (område)",
                "År",
                "Värde",
                "95 % KI",
                "n",
                "Status / anm.",
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
                &format!("{name}, med 95 % konfidensintervall"),
                &points,
                as_percent,
            );
        }
    }
}

fn appendix_quality(l: &mut Layout, report: &Report) {
    l.new_page();
    l.heading("Bilaga A. Underlag och datakvalitet", 1);
    let (read, used, rejected, skipped) = report.ingested.totals();
    l.paragraph(
        &format!(
            "{} filer lästes. Av {} rader användes {}, {} avvisades och {} hoppades över (tomma rader, summeringsrader, noter, andra områden och kategorier som inget löfte mäter). Varje avvisad rad anges nedan med fil, blad, rad och kolumn; arbetsbokens blad Datakvalitet listar alla.",
            report.ingested.files.len(),
            fmt::count(read as f64, Lang::Sv),
            fmt::count(used as f64, Lang::Sv),
            fmt::count(rejected as f64, Lang::Sv),
            fmt::count(skipped as f64, Lang::Sv)
        ),
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
                TCell::new(s.kind.map_or("ej läst", |k| k.name_sv())),
                TCell::new(covered),
                TCell::right(fmt::count(s.read as f64, Lang::Sv)),
                TCell::right(fmt::count(s.used as f64, Lang::Sv)),
                TCell::right(fmt::count(s.rejected as f64, Lang::Sv)),
                TCell::right(fmt::count(s.skipped as f64, Lang::Sv)),
            ]
        })
        .collect();
    l.table(
        &[
            "Fil › blad",
            "Typ",
            "Period",
            "Lästa",
            "Anv.",
            "Avv.",
            "Överh.",
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
        l.heading("Avvisade rader", 3);
        let rows: Vec<Vec<TCell>> = rejected
            .iter()
            .take(SHOWN)
            .map(|i| vec![TCell::new(i.location.to_string()), TCell::new(&i.reason)])
            .collect();
        l.table(&["Plats", "Orsak"], &[0.45, 0.55], &rows, 7.0);
        if rejected.len() > SHOWN || rejected.len() < report.ingested.totals().2 {
            let more = report.ingested.totals().2 - SHOWN.min(rejected.len());
            l.paragraph(
                &format!(
                    "… och {more} avvisade rader till; arbetsbokens blad Datakvalitet listar dem."
                ),
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
        l.heading("Överhoppade rader (utöver tomma)", 3);
        l.table(
            &["Fil › blad", "Rader", "Skäl"],
            &[0.45, 0.08, 0.47],
            &skipped,
            7.0,
        );
    }
}

fn appendix_method(l: &mut Layout) {
    l.heading("Bilaga B. Metod", 1);
    for (term, definition) in super::METHOD {
        l.ensure(12.0);
        l.paragraph(term, 9.0, true, BLACK);
        l.paragraph(definition, 8.5, false, BLACK);
    }
}
