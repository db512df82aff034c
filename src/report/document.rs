//! Report, document: what the council report says, as a sequence of blocks (headings,
//! paragraphs, tables, charts) built once from the computed results. The PDF and its
//! accessible HTML twin both render these blocks, so they cannot disagree.
//!
//! No personal names and no free-text comments from logs are put in; only status-note
//! comments, which are written for the report.

use super::words::{line, notes as say_notes, say, Line};
use super::{label, Report};
use crate::fmt::{self, Lang};
use crate::indicators::{IndicatorValue, OutcomeResult, PromiseResult, SeriesPoint, Status, Tone};

/// A chart point with its series named in the report's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub series: String,
    pub x: String,
    pub value: f64,
    pub interval: Option<(f64, f64)>,
}

/// The chart's values in words, for screen readers and as the SVG's description.
pub fn describe(points: &[Point], lang: Lang, percent: bool) -> String {
    let value = |v: f64| {
        if percent {
            fmt::percent(v, lang)
        } else {
            fmt::number(v, if v.fract() == 0.0 { 0 } else { 2 }, lang)
        }
    };
    points
        .iter()
        .map(|p| {
            let interval = p.interval.map_or(String::new(), |(lo, hi)| {
                format!(" ({}–{})", value(lo), value(hi))
            });
            format!("{}, {}: {}{interval}", p.series, p.x, value(p.value))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// An outcome's series in the report's language.
fn points(lang: Lang, series: &[SeriesPoint]) -> Vec<Point> {
    series
        .iter()
        .map(|p| Point {
            series: say(lang, &p.series),
            x: p.x.clone(),
            value: p.value,
            interval: p.interval,
        })
        .collect()
}
use crate::ingest::Disposition;

pub const BLACK: (f32, f32, f32) = (0.1, 0.1, 0.1);
pub const GREY: (f32, f32, f32) = (0.4, 0.4, 0.4);
/// Warnings: dark red, 7:1 against white.
pub const RED: (f32, f32, f32) = (0.6, 0.05, 0.05);
pub const ACCENT: (f32, f32, f32) = (0.0, 0.29, 0.55);

/// One cell of a table: text, an optional status (coloured by its tone), bold, alignment.
#[derive(Clone, Default)]
pub struct TCell {
    pub text: String,
    pub fill: Option<(f32, f32, f32)>,
    pub status: Option<Status>,
    pub bold: bool,
    pub right: bool,
    /// Text as the catalog or a status note wrote it, in Swedish whatever the report's
    /// language: marked as Swedish for screen readers in an English report.
    pub catalog: bool,
    /// Where the cell's text links to in the HTML twin (a register row to its section).
    pub link: Option<String>,
}

impl TCell {
    pub fn catalog(text: impl Into<String>) -> Self {
        TCell {
            text: text.into(),
            catalog: true,
            ..Default::default()
        }
    }
    pub fn new(text: impl Into<String>) -> Self {
        TCell {
            text: text.into(),
            ..Default::default()
        }
    }
    pub fn right(text: impl Into<String>) -> Self {
        TCell {
            text: text.into(),
            right: true,
            ..Default::default()
        }
    }
}

/// A paragraph's look; the PDF maps it to size and colour, the HTML to an element.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub rgb: (f32, f32, f32),
}

/// A quoted promise or outcome text ("”…”"): the catalog's own words, in Swedish.
pub fn is_quote(text: &str) -> bool {
    text.starts_with('”')
}

impl Style {
    pub fn is_muted(&self) -> bool {
        self.rgb == GREY
    }
}

/// One block of the report.
#[derive(Clone)]
pub enum Block {
    /// The document's title (level-1 heading of the whole report).
    Title(String),
    Heading {
        text: String,
        level: u8,
    },
    Paragraph {
        text: String,
        style: Style,
    },
    Table {
        headers: Vec<String>,
        widths: Vec<f32>,
        rows: Vec<Vec<TCell>>,
        size: f32,
        /// On a narrow screen, one card per row with each value under its column's name
        /// (the HTML twin; a summary whose words would otherwise break letter by letter).
        cards: bool,
    },
    /// Grouped bars: crime per tertial against the baseline.
    Bars {
        title: String,
        points: Vec<Point>,
    },
    /// Points with 95 % intervals over the years.
    Intervals {
        title: String,
        points: Vec<Point>,
        percent: bool,
        /// A series' points joined by a line: over years, not across areas.
        joined: bool,
    },
    /// A register: each row points to a heading earlier in the document (`targets`, one per
    /// row). The PDF adds the page that heading is on as a last column (`page_header`); the
    /// HTML links each row's first cell to the heading instead.
    Index {
        headers: Vec<String>,
        page_header: String,
        /// The columns' widths, the page column's last.
        widths: Vec<f32>,
        rows: Vec<Vec<TCell>>,
        targets: Vec<String>,
        size: f32,
    },
    /// Vertical space in mm (PDF only).
    Space(f32),
    /// Keep this many mm together on a page (PDF only).
    KeepTogether(f32),
    PageBreak,
}

/// The whole report as blocks, with its title and language.
pub struct Document {
    pub title: String,
    pub lang: Lang,
    pub blocks: Vec<Block>,
    /// The text at the foot of every page: the title, and the case number when there is one.
    pub footer: String,
    /// The colour of the title, section headings and their rules (`[rapport] accentfarg`).
    pub accent: (f32, f32, f32),
    /// The organisation's logo (PNG or JPEG bytes), at the top of the first page.
    pub logo: Option<Vec<u8>>,
}

impl Document {
    /// A document with the default footer (its title) and accent.
    pub fn new(title: String, lang: Lang, blocks: Vec<Block>) -> Self {
        Document {
            footer: title.clone(),
            title,
            lang,
            blocks,
            accent: ACCENT,
            logo: None,
        }
    }

    /// The organisation's marks: its accent colour, and its case number in the footer.
    pub fn with_profile(mut self, profile: &crate::catalog::ReportProfile) -> Self {
        if let Some(accent) = profile.accent {
            self.accent = accent;
        }
        if let Some(case) = &profile.case_number {
            self.footer = format!("{} · {} {case}", self.footer, label(self.lang, "Dnr"));
        }
        self
    }

    /// Every character the document's text uses, for cutting the embedded fonts down.
    pub fn chars(&self) -> std::collections::BTreeSet<char> {
        // Most text is Latin-1: those characters are marked in a table (a report's text is
        // tens of thousands of characters), the rest go to the set directly.
        let mut latin_1 = [false; 256];
        let mut chars = std::collections::BTreeSet::new();
        let mut add = |s: &str| {
            for c in s.chars() {
                match latin_1.get_mut(c as usize) {
                    Some(seen) => *seen = true,
                    None => {
                        chars.insert(c);
                    }
                }
            }
        };
        add(&self.title);
        for block in &self.blocks {
            match block {
                Block::Title(t)
                | Block::Heading { text: t, .. }
                | Block::Paragraph { text: t, .. } => add(t),
                Block::Table { headers, rows, .. } => {
                    headers.iter().for_each(|h| add(h));
                    rows.iter().flatten().for_each(|c| add(&c.text));
                }
                Block::Index {
                    headers,
                    page_header,
                    rows,
                    ..
                } => {
                    headers.iter().for_each(|h| add(h));
                    add(page_header);
                    rows.iter().flatten().for_each(|c| add(&c.text));
                    add("0123456789–");
                }
                Block::Bars { title, points } | Block::Intervals { title, points, .. } => {
                    add(title);
                    points.iter().for_each(|p| {
                        add(&p.series);
                        add(&p.x);
                    });
                }
                Block::Space(_) | Block::KeepTogether(_) | Block::PageBreak => {}
            }
        }
        chars.extend(
            (0..=255_u8)
                .filter(|b| latin_1[usize::from(*b)])
                .map(char::from),
        );
        chars
    }
}

/// Collects blocks; the method names follow the page layout they once drew with.
pub struct Doc {
    blocks: Vec<Block>,
    /// The last heading's level (0 before the first).
    last_level: u8,
}

impl Doc {
    pub(super) fn new() -> Self {
        Doc {
            blocks: Vec::new(),
            last_level: 0,
        }
    }

    /// The document's title (its level-1 heading).
    pub(super) fn title(&mut self, text: &str) {
        self.last_level = 0;
        self.blocks.push(Block::Title(text.to_string()));
    }

    pub(super) fn into_document(self, title: String, lang: Lang) -> Document {
        Document::new(title, lang, self.blocks)
    }
    /// A heading at most one level below the one before it: screen readers and the PDF/UA
    /// rules take a skipped level (a section's h2 followed by an h4) as a missing heading.
    pub(super) fn heading(&mut self, text: &str, level: u8) {
        let level = level.min(self.last_level + 1).max(1);
        self.last_level = level;
        self.blocks.push(Block::Heading {
            text: text.to_string(),
            level,
        });
    }
    pub(super) fn paragraph(&mut self, text: &str, size: f32, bold: bool, rgb: (f32, f32, f32)) {
        self.blocks.push(Block::Paragraph {
            text: text.to_string(),
            style: Style { size, bold, rgb },
        });
    }
    /// A table; one without rows is left out (a header over nothing tells the reader
    /// nothing: the text around it says what is missing).
    pub(super) fn table(
        &mut self,
        headers: &[&str],
        widths: &[f32],
        rows: &[Vec<TCell>],
        size: f32,
    ) {
        if rows.is_empty() {
            return;
        }
        self.blocks.push(Block::Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            widths: widths.to_vec(),
            rows: rows.to_vec(),
            size,
            cards: false,
        });
    }

    /// A register of rows that each point to an earlier heading ([`Block::Index`]).
    pub(super) fn index(
        &mut self,
        (headers, page_header): (&[&str], &str),
        widths: &[f32],
        rows: Vec<(Vec<TCell>, String)>,
        size: f32,
    ) {
        if rows.is_empty() {
            return;
        }
        let (rows, targets) = rows.into_iter().unzip();
        self.blocks.push(Block::Index {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            page_header: page_header.to_string(),
            widths: widths.to_vec(),
            rows,
            targets,
            size,
        });
    }

    /// A [`table`](Doc::table) shown as cards on a narrow screen.
    pub(super) fn card_table(
        &mut self,
        headers: &[&str],
        widths: &[f32],
        rows: &[Vec<TCell>],
        size: f32,
    ) {
        self.table(headers, widths, rows, size);
        if let Some(Block::Table { cards, .. }) = self.blocks.last_mut() {
            *cards = true;
        }
    }
    pub(super) fn bars(&mut self, title: &str, points: &[Point]) {
        self.blocks.push(Block::Bars {
            title: title.to_string(),
            points: points.to_vec(),
        });
    }
    pub(super) fn intervals(&mut self, title: &str, points: &[Point], percent: bool) {
        self.blocks.push(Block::Intervals {
            title: title.to_string(),
            points: points.to_vec(),
            percent,
            joined: true,
        });
    }

    /// Points with intervals side by side, one per category (an area), not joined.
    pub(super) fn intervals_apart(&mut self, title: &str, points: &[Point], percent: bool) {
        self.blocks.push(Block::Intervals {
            title: title.to_string(),
            points: points.to_vec(),
            percent,
            joined: false,
        });
    }
    pub(super) fn space(&mut self, mm: f32) {
        self.blocks.push(Block::Space(mm));
    }
    pub(super) fn ensure(&mut self, mm: f32) {
        self.blocks.push(Block::KeepTogether(mm));
    }
}

/// The report's title: "Medborgarlöfte 2017 – Karlslundsområdet – uppföljning 2017-T2".
pub fn title(report: &Report) -> String {
    let follow_up = label(report.lang, "uppföljning");
    format!(
        "{} – {follow_up} {}",
        report.catalog.title, report.results.period
    )
}

/// Builds the report's blocks.
pub fn build(report: &Report) -> Document {
    let lang = report.lang;
    let mut d = Doc {
        blocks: Vec::new(),
        last_level: 0,
    };
    title_block(&mut d, report);
    summary(&mut d, report);
    if !report.tertials.is_empty() {
        tertials_side_by_side(&mut d, report);
    }
    since_last(&mut d, report);
    // A section starts on a new page only when less than half a page is left: a summary
    // that ends near the top of a page is not followed by an empty page.
    d.ensure(120.0);
    let is_police = |party: &str| party.to_lowercase().starts_with("polis");
    promises(&mut d, report, label(lang, "Polisens löften"), |p| {
        is_police(&p.party)
    });
    // Every other party in the order its first promise stands in the catalog.
    let mut others: Vec<&str> = vec![];
    for p in &report.results.promises {
        if !is_police(&p.party) && !others.contains(&p.party.as_str()) {
            others.push(&p.party);
        }
    }
    for party in others {
        let heading = party_heading(party, lang);
        promises(&mut d, report, &heading, |p| p.party == party);
    }
    outcomes(&mut d, report);
    d.ensure(120.0);
    d.heading(label(lang, "Bilaga A. Underlag och datakvalitet"), 1);
    quality(&mut d, report.ingested, lang);
    appendix_method(&mut d, lang, report.catalog);
    let mut doc =
        Document::new(title(report), lang, d.blocks).with_profile(&report.catalog.profile);
    doc.logo = report.logo.map(<[u8]>::to_vec);
    doc
}

/// "Landskrona stads satsningar", "Fastighetsägarens satsningar", "Gemensamma åtaganden".
fn party_heading(party: &str, lang: Lang) -> String {
    let joint = matches!(
        crate::names::fold(party).as_str(),
        "gemensam" | "gemensamt" | "gemensamma" | "tillsammans" | "joint"
    );
    match (joint, lang) {
        (true, Lang::Sv) => "Gemensamma åtaganden".into(),
        (true, Lang::En) => "Joint commitments".into(),
        (false, Lang::Sv) if party.ends_with(['s', 'x', 'z']) => format!("{party} satsningar"),
        (false, Lang::Sv) => format!("{party}s satsningar"),
        (false, Lang::En) => format!("Commitments of {party}"),
    }
}

fn period_text(report: &Report) -> String {
    let p = report.results.period;
    let name = match (p, report.lang) {
        (crate::period::ReportPeriod::Tertial { year, n }, Lang::Sv) => {
            let ordinal = ["första", "andra", "tredje"][usize::from(n.clamp(1, 3)) - 1];
            format!("{ordinal} tertialet {year}")
        }
        (crate::period::ReportPeriod::Tertial { year, n }, Lang::En) => {
            format!("tertial {n} of {year}")
        }
        (crate::period::ReportPeriod::Year(year), Lang::Sv) => format!("helår {year}"),
        (crate::period::ReportPeriod::Year(year), Lang::En) => format!("full year {year}"),
        (crate::period::ReportPeriod::Years { first, last }, Lang::Sv) => {
            format!("hela löftesperioden {first}–{last}")
        }
        (crate::period::ReportPeriod::Years { first, last }, Lang::En) => {
            format!("the whole promise period {first}–{last}")
        }
        (crate::period::ReportPeriod::Months { .. }, Lang::Sv) => "uppföljning".to_string(),
        (crate::period::ReportPeriod::Months { .. }, Lang::En) => "follow-up".to_string(),
    };
    // The promise's own dates where it starts or ends inside the period.
    let (start, end) = (
        p.start().max(report.catalog.start),
        p.end().min(report.catalog.end),
    );
    format!("{name} ({} – {})", fmt::date(start), fmt::date(end))
}

fn title_block(d: &mut Doc, report: &Report) {
    let (r, lang) = (report.results, report.lang);
    d.paragraph(
        label(lang, "Uppföljning av medborgarlöfte"),
        11.0,
        false,
        GREY,
    );
    d.blocks.push(Block::Title(report.catalog.title.clone()));
    d.paragraph(
        &format!(
            "{} · {}",
            report.catalog.area,
            report.catalog.parties.join(label(lang, " och "))
        ),
        11.0,
        false,
        BLACK,
    );
    if let Some(marks) = profile_line(&report.catalog.profile, lang) {
        d.paragraph(&marks, 8.5, false, GREY);
    }
    d.space(2.0);
    // Few lines above the summary, so that page 1 holds every commitment's status.
    let data = match r.data_date {
        Some(d) if r.in_progress() => line(lang, &Line::DataInProgress(d)),
        Some(d) => format!("{} {}.", label(lang, "Data t.o.m."), fmt::date(d)),
        None => label(lang, "Loggarna saknar data för perioden.").to_string(),
    };
    d.paragraph(
        &format!("Period: {} · {data}", period_text(report)),
        10.0,
        false,
        BLACK,
    );
    let compiled = line(
        lang,
        &Line::Compiled {
            date: report.stamp,
            files: report.ingested.files.len(),
        },
    );
    let sources = match r.coverage.is_empty() {
        true => compiled,
        false => format!(
            "{} {compiled}",
            line(lang, &Line::Coverage(r.coverage.clone()))
        ),
    };
    d.paragraph(&sources, 8.0, false, GREY);
    incomplete_warning(d, report);
    d.space(3.0);
}

/// The organisation's marks under the title (`[rapport]`): "Utgiven av … · Dnr … ·
/// Beslutat … · Kontakt: …"; none without them.
pub(super) fn profile_line(profile: &crate::catalog::ReportProfile, lang: Lang) -> Option<String> {
    let parts: Vec<String> = [
        profile
            .organisation
            .as_ref()
            .map(|o| format!("{} {o}", label(lang, "Utgiven av"))),
        profile
            .case_number
            .as_ref()
            .map(|c| format!("{} {c}", label(lang, "Dnr"))),
        profile
            .decided
            .map(|d| format!("{} {}", label(lang, "Löftet beslutat"), fmt::date(d))),
        profile
            .contact
            .as_ref()
            .map(|c| format!("{}: {c}", label(lang, "Kontakt"))),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The warning a report written from incomplete input carries on its first page.
fn incomplete_warning(d: &mut Doc, report: &Report) {
    if report.incomplete.is_empty() {
        return;
    }
    let lang = report.lang;
    d.space(2.0);
    d.heading(label(lang, "Varning: underlaget är ofullständigt"), 2);
    d.paragraph(
        label(lang, "Rapporten skrevs fast delar av indata inte kunde läsas. Siffror och bedömningar som bygger på dessa delar saknas eller är för låga:"),
        9.5,
        false,
        RED,
    );
    for problem in &report.incomplete {
        d.paragraph(&format!("• {problem}"), 8.5, false, RED);
    }
}

/// The status a promise or outcome moved to, with the span that began since when that is
/// why it is in progress again ("→ Pågår (HT 2017 har börjat)").
pub(super) fn moved_to_cell(now: Status, begun: Option<&str>, lang: Lang) -> TCell {
    let mut cell = status_cell(now, lang);
    if let Some(span) = begun {
        let why = super::words::line(lang, &super::words::Line::SpanBegun(span.to_string()));
        cell.text = format!("{} ({why})", cell.text);
    }
    cell
}

pub(super) fn status_cell(s: Status, lang: Lang) -> TCell {
    let fill = match s.tone() {
        Tone::Good => (0.78, 0.94, 0.81),
        Tone::Warning => (1.0, 0.92, 0.61),
        Tone::Bad => (1.0, 0.78, 0.81),
        Tone::Neutral => (0.91, 0.91, 0.91),
    };
    TCell {
        text: format!("{} {}", s.symbol(), super::words::status(lang, s)),
        fill: Some(fill),
        status: Some(s),
        ..Default::default()
    }
}

fn summary(d: &mut Doc, report: &Report) {
    let lang = report.lang;
    d.heading(label(lang, "Sammanfattning"), 1);
    let legend = label(lang, "Symbolen bär samma besked som färgen: ✓ uppfyllt eller i önskad riktning, ◐ delvis, ✗ ej uppfyllt eller i motsatt riktning, → pågår, ! försenat, ○ ej påbörjat, ℹ redovisas utan mål, = ingen säker förändring, ? saknar data.");
    d.paragraph(
        &line(lang, &super::tally_line(report.results)),
        9.5,
        true,
        BLACK,
    );
    let mut rows: Vec<Vec<TCell>> = report
        .results
        .promises
        .iter()
        .map(|p| {
            vec![
                TCell::new(&p.id),
                TCell::catalog(&p.text),
                status_cell(p.status, lang),
                // The target beside the result, so the verdict can be checked in one line.
                TCell::new(format!(
                    "{}: {}. {}",
                    label(lang, "Mål"),
                    say(lang, &p.target),
                    fmt::capitalised(&say(lang, &p.result))
                )),
            ]
        })
        .collect();
    rows.extend(report.results.outcomes.iter().map(|o| {
        vec![
            TCell::new(&o.id),
            TCell::catalog(&o.text),
            status_cell(o.status, lang),
            TCell::new(sentences(lang, &plain_sentences(&o.sentences))),
        ]
    }));
    d.card_table(
        &[
            label(lang, "Id"),
            label(lang, "Löfte / önskat resultat"),
            label(lang, "Status"),
            label(lang, "Resultat"),
        ],
        &[0.05, 0.36, 0.14, 0.45],
        &rows,
        7.0,
    );
    // The key after the table: every status is shown as a word too, and page 1 is kept for
    // the statuses.
    d.paragraph(legend, 8.0, false, GREY);
}

/// An outcome's sentences for the summary: the verdict in words without the test's figures
/// (p, rate ratio and interval stay in the outcome's own section).
fn plain_sentences(
    sentences: &[crate::indicators::phrase::Phrase],
) -> Vec<crate::indicators::phrase::Phrase> {
    use crate::indicators::phrase::Phrase;
    sentences
        .iter()
        .map(|s| match s {
            // The verdict stays (it rests on the test); only the figures go.
            Phrase::CrimeSentence(f) => Phrase::CrimeSentencePlain(f.clone()),
            other => other.clone(),
        })
        .collect()
}

/// The year-end layout: every promise and outcome with its verdict in each tertial and for
/// the whole year, side by side.
fn tertials_side_by_side(d: &mut Doc, report: &Report) {
    let lang = report.lang;
    let years = matches!(
        report.results.period,
        crate::period::ReportPeriod::Years { .. }
    );
    let heading = if years {
        "Åren sida vid sida"
    } else {
        "Tertialerna sida vid sida"
    };
    d.heading(label(lang, heading), 2);
    let outcomes = !report.results.outcomes.is_empty();
    let text = match (years, outcomes) {
        (false, _) => label(lang, "Varje tertial bedömd för sig, och helåret för hela året. Ett tertial som inte har börjat vid datadatumet är ej påbörjat."),
        (true, true) => label(lang, "Varje år bedömt för sig, och hela löftesperioden för sig. Utfallen i sista kolumnen gäller periodens sista år jämfört med baslinjen."),
        (true, false) => label(lang, "Varje år bedömt för sig, och hela löftesperioden för sig."),
    };
    d.paragraph(text, 8.5, false, GREY);
    let rows: Vec<Vec<TCell>> = super::side_by_side(report)
        .into_iter()
        .map(|(id, statuses)| {
            let mut row = vec![TCell::new(id)];
            row.extend(statuses.into_iter().map(|s| status_cell(s, lang)));
            row
        })
        .collect();
    let headers = super::side_by_side_headers(report);
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let part = 0.88 / (headers.len() - 1) as f32;
    let mut widths = vec![0.12];
    widths.extend(std::iter::repeat_n(part, headers.len() - 1));
    d.table(&headers, &widths, &rows, 7.5);
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

/// A change between two values of an indicator: percentage points for a share.
pub fn change_text(v: &IndicatorValue, delta: f64, lang: Lang) -> String {
    match v.unit.as_str() {
        "andel" => fmt::points(delta, lang),
        "index" => fmt::signed(delta, 2, lang),
        _ if delta.fract() != 0.0 => fmt::signed(delta, 1, lang),
        _ => fmt::signed(delta, 0, lang),
    }
}

/// The heading of a "since the previous report" section at `level`, and its sentence with
/// the moves of `changes` added up (one promise's, or a region's).
pub(super) fn since_last_intro(
    d: &mut Doc,
    lang: Lang,
    level: u8,
    changes: &[&crate::indicators::changes::Changes],
) {
    let Some(first) = changes.first() else {
        return;
    };
    let previous = first.previous.to_string();
    d.heading(
        &format!("{} ({previous})", label(lang, "Sedan förra rapporten")),
        level,
    );
    for sentence in since_last_lines(lang, changes) {
        d.paragraph(&sentence, 8.5, false, GREY);
    }
}

/// The sentences that introduce "since the previous report": what it is compared with and
/// the moves added up (one promise's, or a region's), then what differs in the input since
/// a published report (one promise's only: a region's promises say theirs in their reports).
pub(super) fn since_last_lines(
    lang: Lang,
    changes: &[&crate::indicators::changes::Changes],
) -> Vec<String> {
    use crate::indicators::changes::Basis;
    let Some(first) = changes.first() else {
        return vec![];
    };
    let published = match &first.basis {
        Basis::Published { at, .. } => Some(*at),
        Basis::Recomputed => None,
    };
    let mut lines = vec![line(
        lang,
        &Line::SinceLast {
            previous: first.previous.to_string(),
            published,
            moved: changes.iter().map(|c| c.statuses.len()).sum(),
            unchanged: changes.iter().map(|c| c.unchanged).sum(),
            figures: changes.iter().map(|c| c.values.len()).sum(),
        },
    )];
    if let [one] = changes {
        if let Basis::Published {
            republished,
            input_changes,
            ..
        } = &one.basis
        {
            if let Some(at) = republished {
                lines.push(line(lang, &Line::Republished(*at)));
            }
            lines.push(line(lang, &Line::InputChanges(input_changes.clone())));
        }
    }
    lines
}

/// The header (in Swedish, to be labelled) of the previous report's figures: "Förra", or
/// "Publicerat" when they are the published ones.
pub(super) fn before_header(changes: &crate::indicators::changes::Changes) -> &'static str {
    match changes.basis {
        crate::indicators::changes::Basis::Published { .. } => "Publicerat",
        crate::indicators::changes::Basis::Recomputed => "Förra",
    }
}

/// What changed since the previous report: the statuses that moved, then the figures that
/// changed (the first 30; the workbook has them all).
fn since_last(d: &mut Doc, report: &Report) {
    let Some(changes) = report.changes else {
        return;
    };
    let lang = report.lang;
    let previous = changes.previous.to_string();
    since_last_intro(d, lang, 2, &[changes]);
    let now = report.results.period.to_string();
    let rows: Vec<Vec<TCell>> = changes
        .statuses
        .iter()
        .map(|m| {
            vec![
                TCell::new(&m.id),
                status_cell(m.before, lang),
                moved_to_cell(m.now, m.begun.as_deref(), lang),
            ]
        })
        .collect();
    let (before_head, now_head) = (
        format!("{} ({previous})", label(lang, "Status")),
        format!("{} ({now})", label(lang, "Status")),
    );
    d.table(
        &[label(lang, "Id"), &before_head, &now_head],
        &[0.1, 0.45, 0.45],
        &rows,
        7.5,
    );
    const SHOWN: usize = 30;
    let rows: Vec<Vec<TCell>> = changes
        .values
        .iter()
        .take(SHOWN)
        .map(|m| {
            let v = &m.value;
            let now_value = v.value.unwrap_or(m.before);
            let name = say(lang, &v.indicator);
            // A crime group's name is already in its indicator's name.
            let category = if name.to_lowercase().contains(&v.category.to_lowercase()) {
                String::new()
            } else {
                v.category.clone()
            };
            let what = [name, v.place.clone(), category]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" – ");
            vec![
                TCell::new(&v.subject),
                TCell::new(what),
                TCell::new(&v.period),
                TCell::right(value_text(v, Some(m.before), lang)),
                TCell::right(value_text(v, v.value, lang)),
                TCell::right(change_text(v, now_value - m.before, lang)),
            ]
        })
        .collect();
    d.table(
        &[
            label(lang, "Id"),
            label(lang, "Indikator"),
            label(lang, "Period"),
            label(lang, before_header(changes)),
            label(lang, "Nu"),
            label(lang, "Förändring"),
        ],
        &[0.06, 0.44, 0.14, 0.1, 0.1, 0.16],
        &rows,
        7.0,
    );
}

/// An outcome's sentences as one paragraph.
pub(super) fn sentences(lang: Lang, sentences: &[crate::indicators::phrase::Phrase]) -> String {
    sentences
        .iter()
        .map(|s| say(lang, s))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rows of a promise's table. Focus counts per month are folded into the month's row.
fn promise_rows(p: &PromiseResult, lang: Lang) -> Vec<Vec<TCell>> {
    let is_focus = |v: &IndicatorValue| v.key == "count_focus";
    p.values
        .iter()
        .filter(|v| !is_focus(v) && v.key != "status_note")
        .map(|v| {
            let mut note = say_notes(lang, &v.note);
            // Each tag's count beside the row of the same span, part of the area and place.
            let same_row = |f: &&IndicatorValue| {
                is_focus(f) && f.period == v.period && f.part == v.part && f.place == v.place
            };
            let focus: Vec<String> = p
                .values
                .iter()
                .filter(same_row)
                .map(|f| format!("{} {}", f.category, value_text(f, f.value, lang)))
                .collect();
            if !focus.is_empty() {
                note = match note.is_empty() {
                    true => focus.join(", "),
                    false => format!("{note}; {}", focus.join(", ")),
                };
                // One operation may carry several focus tags, so the tags add up to more.
                let tagged: f64 = p
                    .values
                    .iter()
                    .filter(same_row)
                    .filter_map(|f| f.value)
                    .sum();
                if v.value.is_some_and(|x| tagged > x) {
                    note.push_str(label(lang, " (en insats kan ha flera fokus)"));
                }
            }
            let name = say(lang, &v.indicator);
            let key = v.breakdown();
            let what = if key.is_empty() {
                name
            } else {
                format!("{key} – {name}")
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

fn promises(d: &mut Doc, report: &Report, heading: &str, include: impl Fn(&PromiseResult) -> bool) {
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
    d.heading(heading, 1);
    for p in selected {
        d.heading(
            &format!(
                "{} · {} {}",
                p.id,
                p.status.symbol(),
                super::words::status(lang, p.status)
            ),
            2,
        );
        d.paragraph(&format!("”{}”", p.text), 9.5, false, BLACK);
        d.paragraph(
            &format!(
                "{}: {}. {}: {}.",
                label(lang, "Mål"),
                say(lang, &p.target),
                label(lang, "Resultat"),
                say(lang, &p.result).trim_end_matches('.')
            ),
            9.0,
            false,
            BLACK,
        );
        if let Some(date) = p.data_date {
            d.paragraph(
                &format!("{} {}.", label(lang, "Data t.o.m."), fmt::date(date)),
                8.0,
                false,
                GREY,
            );
        }
        let rows = promise_rows(p, lang);
        if !rows.is_empty() {
            d.table(
                &[
                    label(lang, "Plats / indikator"),
                    label(lang, "Period"),
                    label(lang, "Värde"),
                    label(lang, "Mål"),
                    label(lang, "Status"),
                    label(lang, "Anmärkning"),
                ],
                &[0.29, 0.13, 0.09, 0.09, 0.18, 0.22],
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
                        TCell::catalog(&n.comment),
                    ]
                })
                .collect();
            d.table(
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

fn outcomes(d: &mut Doc, report: &Report) {
    // A catalog without outcomes gets no empty section.
    if report.results.outcomes.is_empty() {
        return;
    }
    d.heading(
        label(report.lang, "Det här ska vi åstadkomma tillsammans"),
        1,
    );
    for o in &report.results.outcomes {
        outcome(d, o, report.lang);
        earlier_years(d, o, report.lang);
    }
}

fn outcome(d: &mut Doc, o: &OutcomeResult, lang: Lang) {
    d.heading(
        &format!(
            "{} · {} {}",
            o.id,
            o.status.symbol(),
            super::words::status(lang, o.status)
        ),
        2,
    );
    d.paragraph(&format!("”{}”", o.text), 9.5, false, BLACK);
    let source = format!("{}: {}.", label(lang, "Källa"), say(lang, &o.source));
    // Crime is judged on the days its data reach: say up to when (a survey is dated by
    // its year, in its sentence).
    let source = match o
        .data_date
        .filter(|_| o.values.iter().any(|v| v.key == "crime"))
    {
        Some(date) => format!(
            "{source} {} {}.",
            label(lang, "Data t.o.m."),
            fmt::date(date)
        ),
        None => source,
    };
    d.paragraph(&source, 8.5, false, GREY);
    for s in &o.sentences {
        d.paragraph(&say(lang, s), 9.0, false, BLACK);
    }
    if let Some(note) = o.note.as_ref().map(|n| say(lang, n)) {
        d.paragraph(
            &format!("{}: {note}", label(lang, "Observera")),
            9.0,
            true,
            BLACK,
        );
    }
    // An outcome followed by status notes has its note as its sentence, and no figures.
    if o.values.iter().all(|v| v.key == "status_note") {
        return;
    }
    let is_crime = o.values.iter().any(|v| v.key == "crime");
    if is_crime {
        let rows: Vec<Vec<TCell>> = o
            .values
            .iter()
            .filter(|v| v.status.is_some())
            .map(|v| {
                vec![
                    TCell::new(say(lang, &v.indicator)),
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
        d.table(
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
        d.bars(
            label(
                lang,
                "Anmälda brott per tertial mot baslinjen (medel för samma tertial baslinjeåren)",
            ),
            &points(lang, &o.series),
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
                    TCell::new(format!("{} ({})", say(lang, &v.indicator), v.area)),
                    TCell::new(&v.period),
                    TCell::right(value_text(v, v.value, lang)),
                    TCell::new(ci),
                    TCell::right(v.n.map_or("–".into(), |n| fmt::count(n, lang))),
                    v.status.map_or_else(
                        || TCell::new(say_notes(lang, &v.note)),
                        |s| status_cell(s, lang),
                    ),
                ]
            })
            .collect();
        d.table(
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
        // One chart per judged indicator: its series (its own area's and the others'), named
        // in words once; an indicator has one unit, so its judged value says if it is a share.
        let all_points = points(lang, &o.series);
        for v in o.values.iter().filter(|v| v.status.is_some()) {
            let name = say(lang, &v.indicator);
            let points: Vec<Point> = all_points
                .iter()
                .filter(|p| p.series.starts_with(&name))
                .cloned()
                .collect();
            let as_percent = v.unit == "andel";
            d.intervals(
                &format!("{name}, {}", label(lang, "med 95 % konfidensintervall")),
                &points,
                as_percent,
            );
        }
    }
}

/// An outcome's earlier years from the archive: each with the report that stated it.
fn earlier_years(d: &mut Doc, o: &OutcomeResult, lang: Lang) {
    if o.earlier.is_empty() {
        return;
    }
    d.paragraph(&line(lang, &Line::EarlierYears), 8.5, false, GREY);
    let rows: Vec<Vec<TCell>> = o
        .earlier
        .iter()
        .map(|e| {
            let p = &e.value;
            // Formatted as today's figure of the same kind would be (a share, an index, a count).
            let like = IndicatorValue {
                key: "archived",
                unit: p.unit.clone(),
                ..Default::default()
            };
            vec![
                TCell::new(format!("{} ({})", p.indicator, p.area)),
                TCell::new(&p.period),
                TCell::right(value_text(&like, p.value, lang)),
                TCell::right(p.n.map_or("–".into(), |n| fmt::count(n, lang))),
                TCell::new(format!(
                    "{} ({})",
                    e.report_period,
                    e.published_at.format("%Y-%m-%d")
                )),
            ]
        })
        .collect();
    d.table(
        &[
            label(lang, "Indikator (område)"),
            label(lang, "År"),
            label(lang, "Värde"),
            label(lang, "n"),
            label(lang, "I rapporten för"),
        ],
        &[0.42, 0.08, 0.12, 0.1, 0.28],
        &rows,
        7.5,
    );
}

/// What was read, used, rejected and skipped, per sheet, with the first rejected rows and
/// the reasons rows were skipped: a promise's appendix, and the region's in the overview.
pub(super) fn quality(d: &mut Doc, ingested: &crate::ingest::Ingested, lang: Lang) {
    let (read, used, rejected, skipped, _) = ingested.totals();
    d.paragraph(
        &line(
            lang,
            &Line::RowsRead {
                files: ingested.files.len(),
                read,
                used,
                rejected,
                skipped,
            },
        ),
        9.0,
        false,
        BLACK,
    );
    let rows: Vec<Vec<TCell>> = ingested
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
    d.table(
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
    let rejected: Vec<_> = ingested
        .issues()
        .filter(|i| i.disposition == Disposition::Rejected)
        .collect();
    if !rejected.is_empty() {
        d.heading(label(lang, "Avvisade rader"), 2);
        let rows: Vec<Vec<TCell>> = rejected
            .iter()
            .take(SHOWN)
            .map(|i| {
                vec![
                    TCell::new(i.location.to_string()),
                    // The reason only: the advice is for the analyst, in the tool's terms.
                    TCell::new(&i.reason),
                ]
            })
            .collect();
        d.table(
            &[label(lang, "Plats"), label(lang, "Orsak")],
            &[0.45, 0.55],
            &rows,
            7.0,
        );
        if rejected.len() > SHOWN || rejected.len() < ingested.totals().2 {
            let more = ingested.totals().2 - SHOWN.min(rejected.len());
            d.paragraph(&line(lang, &Line::MoreRejected(more)), 8.5, false, GREY);
        }
    }
    let skipped: Vec<Vec<TCell>> = ingested
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
        d.heading(label(lang, "Överhoppade rader (utöver tomma)"), 2);
        d.table(
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

fn appendix_method(d: &mut Doc, lang: Lang, catalog: &crate::catalog::Catalog) {
    d.heading(label(lang, "Bilaga B. Metod"), 1);
    for (term, definition) in super::method(lang, catalog) {
        d.ensure(12.0);
        d.paragraph(term, 9.0, true, BLACK);
        d.paragraph(&definition, 8.5, false, BLACK);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_documents_characters_are_each_listed_once_latin_1_or_not() {
        let style = Style {
            size: 10.0,
            bold: false,
            rgb: BLACK,
        };
        let doc = Document::new(
            "Åby".into(),
            Lang::Sv,
            vec![Block::Paragraph {
                text: "bå ✓ – ÿ".into(),
                style,
            }],
        );
        let chars: String = doc.chars().into_iter().collect();
        // In code point order: space, b, y, Å (U+C5), å (U+E5), ÿ (U+FF), – (U+2013), ✓.
        assert_eq!(chars, " byÅåÿ–✓");
    }
}
