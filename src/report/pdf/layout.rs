//! Report, PDF layout: a small page engine on printpdf's drawing operations — text with
//! measured line wrapping, tables that break across pages with repeated headers, boxes,
//! lines, and "Sida X av Y" footers. Coordinates are millimetres from the top left. Every
//! drawing is marked: text as content of the open structure element ([`super::tags`]),
//! fills, rules and footers as artifacts (figures keep their graphics).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use printpdf::{
    Color, DictItem, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

use super::kept::Kept;
use super::tags::{Bookmark, Tags};

pub const PAGE_W: f32 = 210.0;
pub const PAGE_H: f32 = 297.0;
pub const LEFT: f32 = 20.0;
pub const RIGHT: f32 = 190.0;
const TOP: f32 = 18.0;
const BOTTOM: f32 = 276.0;
const PT_PER_MM: f32 = 2.834_646;
const MM_PER_PT: f32 = 1.0 / PT_PER_MM;

/// A built-in font, parsed once per process when first used: a region writes dozens of
/// reports, and parsing a whole font took about a millisecond each time. Its subsets are
/// kept likewise: reports mostly draw the same glyphs (see [`furniture`]).
struct BuiltIn {
    ttf: &'static [u8],
    parsed: OnceLock<Option<ParsedFont>>,
    /// The latest subsets (a run's reports differ in a few glyphs at most), by their
    /// glyph ids.
    subsets: Kept<u16, ParsedFont, 4>,
}

impl BuiltIn {
    fn parsed(&self) -> anyhow::Result<&ParsedFont> {
        self.parsed
            .get_or_init(|| ParsedFont::from_bytes(self.ttf, 0, &mut Vec::new()))
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("det inbyggda typsnittet kunde inte läsas"))
    }
}

static REGULAR: BuiltIn = BuiltIn {
    ttf: include_bytes!("../../../assets/fonts/DejaVuSans.ttf"),
    parsed: OnceLock::new(),
    subsets: Kept::new(),
};
static BOLD: BuiltIn = BuiltIn {
    ttf: include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf"),
    parsed: OnceLock::new(),
    subsets: Kept::new(),
};

pub use crate::report::document::{TCell, ACCENT, BLACK, GREY};
pub const RULE: (f32, f32, f32) = (0.75, 0.75, 0.75);
pub const HEADER_FILL: (f32, f32, f32) = (0.90, 0.92, 0.95);

struct Font {
    id: FontId,
    parsed: ParsedFont,
    /// Advance widths in font units of every character the document uses, looked up once:
    /// text is measured again and again while lines are wrapped.
    widths: foldhash::HashMap<char, f32>,
}

impl Font {
    fn units(&self, c: char) -> Option<f32> {
        self.widths.get(&c).copied().or_else(|| {
            self.parsed
                .lookup_glyph_index(c as u32)
                .and_then(|g| self.parsed.get_glyph_width(g))
                .map(f32::from)
        })
    }
}

/// Characters every report may draw besides its text: printable ASCII, Latin-1 letters,
/// typographic punctuation and the status symbols.
fn furniture() -> impl Iterator<Item = char> {
    (' '..='~')
        .chain('\u{a0}'..='\u{ff}')
        .chain("–—−…“”‘’•✓◐✗→≥≤○●?!=".chars())
}

/// A TrueType font cut down to the glyphs of `chars` and the page furniture, with a
/// Unicode cmap so text maps to the new glyph ids; parsed.
fn subset(font: &BuiltIn, chars: &BTreeSet<char>) -> anyhow::Result<ParsedFont> {
    let full = font.parsed()?;
    // .notdef first, then every glyph in use, once, in order.
    let glyphs: BTreeSet<u16> = chars
        .iter()
        .copied()
        .chain(furniture())
        .filter_map(|c| full.lookup_glyph_index(c as u32))
        .filter(|g| *g != 0)
        .collect();
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs).collect();
    font.subsets.get_or_try(&ids, || {
        ParsedFont::from_bytes(&cut(font, &ids)?, 0, &mut Vec::new())
            .ok_or_else(|| anyhow::anyhow!("det inbyggda typsnittet kunde inte läsas"))
    })
}

/// The font's bytes cut down to the glyphs `ids`.
fn cut(font: &BuiltIn, ids: &[u16]) -> anyhow::Result<Vec<u8>> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset as cut, CmapTarget, SubsetProfile};
    let data = ReadScope::new(font.ttf)
        .read::<FontData<'_>>()
        .map_err(|e| anyhow::anyhow!("typsnittet: {e}"))?;
    let provider = data
        .table_provider(0)
        .map_err(|e| anyhow::anyhow!("typsnittet: {e}"))?;
    cut(&provider, ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| anyhow::anyhow!("typsnittet kunde inte delas upp: {e}"))
}

pub struct Layout {
    doc: PdfDocument,
    regular: Font,
    bold: Font,
    pages: Vec<Vec<Op>>,
    /// The top of the free space on the current page, in mm from the top.
    pub y: f32,
    /// The structure the drawn content belongs to.
    pub tags: Tags,
    /// Above zero while drawing what repeats or decorates (a repeated table header, the
    /// footers): marked as artifacts, outside the structure.
    artifact: u32,
    /// The language tag of catalog texts when the report is in another language.
    pub catalog_lang: Option<&'static str>,
    /// The title's and section headings' colour.
    pub accent: (f32, f32, f32),
}

/// The text as drawn, each status symbol before its word ("✓ Uppfyllt", "P1 · ◐ Delvis
/// uppfyllt") in a span whose ActualText is empty: the word says the status, and a screen
/// reader would otherwise read "check mark" before it. A symbol of plain ASCII (`!`, `?`,
/// `=`) counts only where a status begins: at the start (a status cell) or after "· " (a
/// heading "K2 · ! Försenat").
fn show_text(text: &str) -> Vec<Op> {
    let is_symbol = |at: usize, c: char| {
        let status = crate::indicators::Status::ALL
            .iter()
            .any(|s| s.symbol().starts_with(c));
        let opens = at == 0 || text[..at].ends_with("· ");
        status && (!c.is_ascii() || opens) && text[at + c.len_utf8()..].starts_with(' ')
    };
    let show = |t: &str| Op::ShowText {
        items: vec![TextItem::Text(t.to_string())],
    };
    let mut ops = vec![];
    let mut from = 0;
    for (at, c) in text.char_indices().filter(|(at, c)| is_symbol(*at, *c)) {
        if at > from {
            ops.push(show(&text[from..at]));
        }
        ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Span".into(),
            properties: DictItem::Dict {
                map: [(
                    "ActualText".to_string(),
                    DictItem::String {
                        data: vec![],
                        literal: true,
                    },
                )]
                .into(),
            },
        });
        ops.push(show(&text[at..at + c.len_utf8()]));
        ops.push(Op::EndMarkedContent);
        from = at + c.len_utf8();
    }
    if from < text.len() {
        ops.push(show(&text[from..]));
    }
    ops
}

fn color(c: (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

fn point(x: f32, y_from_top: f32) -> Point {
    Point {
        x: Pt(x * PT_PER_MM),
        y: Pt((PAGE_H - y_from_top) * PT_PER_MM),
    }
}

impl Layout {
    /// A layout whose fonts hold only the glyphs of `chars` (plus Latin text, digits and
    /// the status symbols, which page furniture and charts draw): embedding all of DejaVu
    /// would make every report over a megabyte.
    pub fn new(title: &str, chars: &BTreeSet<char>) -> anyhow::Result<Self> {
        let mut doc = PdfDocument::new(title);
        let regular = subset(&REGULAR, chars)?;
        let bold = subset(&BOLD, chars)?;
        // Fixed font ids: printpdf's add_font draws ids from a process-wide counter, so a
        // second report in the same process would differ byte for byte from the first.
        let mut add = |id: &str, parsed: ParsedFont| {
            let id = FontId(id.to_string());
            doc.resources
                .fonts
                .map
                .insert(id.clone(), printpdf::PdfFont::new(parsed.clone()));
            let widths = chars
                .iter()
                .copied()
                .chain(furniture())
                .filter_map(|c| {
                    let glyph = parsed.lookup_glyph_index(c as u32)?;
                    Some((c, f32::from(parsed.get_glyph_width(glyph)?)))
                })
                .collect();
            Font { id, parsed, widths }
        };
        let regular = add("F1", regular);
        let bold = add("F2", bold);
        Ok(Layout {
            doc,
            regular,
            bold,
            pages: vec![Vec::new()],
            y: TOP,
            tags: Tags::default(),
            artifact: 0,
            catalog_lang: None,
            accent: ACCENT,
        })
    }

    pub fn metadata(&mut self) -> &mut printpdf::PdfDocumentInfo {
        &mut self.doc.metadata.info
    }

    fn font(&self, bold: bool) -> &Font {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// Width of a text in mm at a font size in pt.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.mm(self.units(text, bold), size, bold)
    }

    /// Width of a text in font units. Glyph widths are whole numbers, so widths add up
    /// exactly: a line's width is its words' widths summed.
    fn units(&self, text: &str, bold: bool) -> f64 {
        let font = self.font(bold);
        let fallback = self.upem(bold) * 0.6;
        text.chars()
            .map(|c| f64::from(font.units(c).unwrap_or(fallback)))
            .sum()
    }

    fn upem(&self, bold: bool) -> f32 {
        f32::from(self.font(bold).parsed.pdf_font_metrics.units_per_em.max(1))
    }

    /// Font units in mm at a font size in pt.
    fn mm(&self, units: f64, size: f32, bold: bool) -> f32 {
        units as f32 / self.upem(bold) * size * MM_PER_PT
    }

    /// Breaks text into lines no wider than `width` mm, at spaces (and inside words that
    /// are longer than a line). Each word is measured once, not the line again per word.
    pub fn wrap(&self, text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
        let fits = |units: f64| self.mm(units, size, bold) <= width;
        let space = self.units(" ", bold);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let (mut line, mut line_units) = (String::new(), 0.0);
            for word in paragraph.split(' ') {
                let word_units = self.units(word, bold);
                let joined = if line.is_empty() {
                    word_units
                } else {
                    line_units + space + word_units
                };
                if fits(joined) || line.is_empty() && fits(word_units) {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_units = joined;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                (line, line_units) = self.cut_word(word, &fits, bold, &mut lines);
            }
            lines.push(line);
        }
        lines
    }

    /// Cuts a word longer than a line where it no longer fits: every full piece goes to
    /// `lines`; the last piece and its width are returned to start the next line.
    fn cut_word(
        &self,
        word: &str,
        fits: &impl Fn(f64) -> bool,
        bold: bool,
        lines: &mut Vec<String>,
    ) -> (String, f64) {
        let (mut piece, mut units, mut chars) = (String::new(), 0.0, 0);
        for c in word.chars() {
            let c_units = self.units(c.encode_utf8(&mut [0; 4]), bold);
            piece.push(c);
            units += c_units;
            chars += 1;
            if !fits(units) && chars > 1 {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(c);
                (units, chars) = (c_units, 1);
            }
        }
        (piece, units)
    }

    /// Pushes drawing operations marked as content of the open element, or as an artifact
    /// when nothing is open, inside a repeated part, or for a decoration (a fill or a rule)
    /// outside a figure.
    fn marked(&mut self, decoration: bool, ops: Vec<Op>) {
        let role = self.tags.current_role();
        let artifact = self.artifact > 0
            || matches!(role, "Document" | "Table" | "TR")
            || decoration && role != "Figure";
        let page = self.pages.len().saturating_sub(1);
        let begin = if artifact {
            Op::BeginMarkedContent {
                tag: "Artifact".into(),
            }
        } else {
            let mcid = self.tags.content(page);
            Op::BeginMarkedContentWithProperties {
                tag: role.into(),
                properties: DictItem::Dict {
                    map: [("MCID".to_string(), DictItem::Int(mcid))].into(),
                },
            }
        };
        let out = self.ops();
        out.push(begin);
        out.extend(ops);
        out.push(Op::EndMarkedContent);
    }

    /// Opens a structure element (not while drawing an artifact).
    pub fn begin(&mut self, role: &'static str, alt: Option<String>) {
        if self.artifact == 0 {
            self.tags.begin(role, alt);
        }
    }

    /// Opens an element of catalog text, marked with the catalog's language when the
    /// report is in another.
    fn begin_catalog(&mut self, role: &'static str) {
        if self.artifact == 0 {
            self.tags.begin_in(role, None, self.catalog_lang);
        }
    }

    /// A paragraph quoting the catalog (a promise's own words).
    pub fn quote(&mut self, text: &str, size: f32, bold: bool, rgb: (f32, f32, f32)) {
        self.begin_catalog("P");
        self.paragraph_at(LEFT, RIGHT - LEFT, text, size, bold, rgb);
        self.end();
        self.y += 1.5;
    }

    pub fn end(&mut self) {
        if self.artifact == 0 {
            self.tags.end();
        }
    }

    /// Draws a chart as a Figure with its alternative text and its bounding box (from where
    /// it starts on its page to the space it leaves below).
    pub fn figure(&mut self, alt: String, draw: impl FnOnce(&mut Layout)) {
        let (page, y_before) = (self.pages.len(), self.y);
        self.begin("Figure", Some(alt));
        draw(self);
        // A chart moved to a new page starts at that page's top.
        let top = if self.pages.len() == page {
            y_before
        } else {
            TOP
        };
        let pt = |mm: f32| mm * PT_PER_MM;
        self.tags
            .set_bbox([pt(LEFT), pt(PAGE_H - self.y), pt(RIGHT), pt(PAGE_H - top)]);
        self.end();
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.new_page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// The page (1-based) an earlier heading with this text is on.
    pub fn page_of(&self, heading: &str) -> Option<usize> {
        self.tags
            .bookmarks
            .iter()
            .find(|b| b.title == heading)
            .map(|b| b.page + 1)
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` mm still fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.new_page();
        }
    }

    /// Writes one line of text with its top at `y` mm.
    pub fn text_at(
        &mut self,
        x: f32,
        y: f32,
        text: &str,
        size: f32,
        bold: bool,
        rgb: (f32, f32, f32),
    ) {
        let font = self.font(bold).id.clone();
        let baseline = y + size * MM_PER_PT * 0.8;
        let mut ops = vec![
            Op::StartTextSection,
            Op::SetFillColor { col: color(rgb) },
            Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: point(x, baseline),
            },
        ];
        ops.extend(show_text(text));
        ops.push(Op::EndTextSection);
        self.marked(false, ops);
    }

    pub fn line_height(size: f32) -> f32 {
        size * MM_PER_PT * 1.3
    }

    /// A wrapped paragraph across the text width, then a small gap.
    pub fn paragraph(&mut self, text: &str, size: f32, bold: bool, rgb: (f32, f32, f32)) {
        self.begin("P", None);
        self.paragraph_at(LEFT, RIGHT - LEFT, text, size, bold, rgb);
        self.end();
        self.y += 1.5;
    }

    /// A chart's title, inside its Figure: a Caption (its first child, as PDF 2.0 places
    /// it), as the HTML twin's figcaption.
    pub fn caption(&mut self, text: &str) {
        self.begin("Caption", None);
        self.paragraph_at(LEFT, RIGHT - LEFT, text, 9.0, true, BLACK);
        self.end();
        self.y += 1.5;
    }

    /// The organisation's logo at the top right of the first page, in the margin above the
    /// title: 12 mm high (at most 60 mm wide). Decoration, an artifact: the organisation is
    /// named in the text under the title. A fixed resource id keeps the file the same from
    /// run to run.
    pub fn logo(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        let mut warnings = Vec::new();
        let image = printpdf::RawImage::decode_from_bytes(bytes, &mut warnings)
            .map_err(|e| anyhow::anyhow!("logotypen kunde inte läsas: {e}"))?;
        let (w_px, h_px) = (image.width.max(1) as f32, image.height.max(1) as f32);
        let width = (12.0 * w_px / h_px).min(60.0);
        let height = width * h_px / w_px;
        let id = printpdf::XObjectId("Logo".into());
        self.doc
            .resources
            .xobjects
            .map
            .insert(id.clone(), printpdf::XObject::Image(image));
        let bottom = TOP - 2.0;
        let op = Op::UseXobject {
            id,
            transform: printpdf::XObjectTransform {
                translate_x: Some(Pt((RIGHT - width) * PT_PER_MM)),
                translate_y: Some(Pt((PAGE_H - bottom) * PT_PER_MM)),
                dpi: Some(h_px / (height / 25.4)),
                ..Default::default()
            },
        };
        self.marked(true, vec![op]);
        Ok(())
    }

    /// The report's title: the first heading (H1).
    pub fn title(&mut self, text: &str) {
        self.begin("H1", None);
        self.paragraph_at(LEFT, RIGHT - LEFT, text, 20.0, true, self.accent);
        self.end();
        self.y += 1.5;
    }

    pub fn paragraph_at(
        &mut self,
        x: f32,
        width: f32,
        text: &str,
        size: f32,
        bold: bool,
        rgb: (f32, f32, f32),
    ) {
        let lh = Self::line_height(size);
        for line in self.wrap(text, width, size, bold) {
            self.ensure(lh);
            let y = self.y;
            self.text_at(x, y, &line, size, bold, rgb);
            self.y += lh;
        }
    }

    /// A heading that is never left alone at the bottom of a page.
    pub fn heading(&mut self, text: &str, level: u8) {
        let (size, before, after) = match level {
            1 => (16.0, 4.0, 3.0),
            2 => (12.5, 3.5, 2.0),
            _ => (10.5, 2.5, 1.0),
        };
        self.ensure(before + Self::line_height(size) + 40.0);
        self.y += before;
        // Below the title (H1), as in the HTML twin: a section is H2, a promise H3.
        let role = match level {
            1 => "H2",
            2 => "H3",
            _ => "H4",
        };
        self.tags.bookmarks.push(Bookmark {
            title: text.to_string(),
            level,
            page: self.pages.len().saturating_sub(1),
            top: (PAGE_H - self.y) * PT_PER_MM,
        });
        self.begin(role, None);
        self.paragraph_at(
            LEFT,
            RIGHT - LEFT,
            text,
            size,
            true,
            if level == 1 { self.accent } else { BLACK },
        );
        self.end();
        if level == 1 {
            let y = self.y + 0.5;
            self.rule(LEFT, y, RIGHT, y, self.accent, 0.6);
            self.y += 1.5;
        }
        self.y += after;
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, rgb: (f32, f32, f32)) {
        let ops = vec![
            Op::SetFillColor { col: color(rgb) },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x * PT_PER_MM),
                    y: Pt((PAGE_H - y - h) * PT_PER_MM),
                    width: Pt(w * PT_PER_MM),
                    height: Pt(h * PT_PER_MM),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            },
        ];
        self.marked(true, ops);
    }

    pub fn rule(
        &mut self,
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        rgb: (f32, f32, f32),
        thickness_pt: f32,
    ) {
        let ops = vec![
            Op::SetOutlineColor { col: color(rgb) },
            Op::SetOutlineThickness {
                pt: Pt(thickness_pt),
            },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: point(x1, y1),
                            bezier: false,
                        },
                        LinePoint {
                            p: point(x2, y2),
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ];
        self.marked(true, ops);
    }

    /// A table across the text width; `widths` are fractions of it. Rows that do not fit
    /// go to the next page, under a repeated header.
    pub fn table(&mut self, headers: &[&str], widths: &[f32], rows: &[Vec<TCell>], size: f32) {
        let pad = 1.2;
        let cols = self.column_widths(headers, widths, size, pad);
        let lh = Self::line_height(size);
        let header_cells: Vec<TCell> = headers
            .iter()
            .map(|h| TCell {
                text: h.to_string(),
                bold: true,
                fill: Some(HEADER_FILL),
                ..Default::default()
            })
            .collect();
        let header_height = self.row_height(&header_cells, &cols, size, pad);
        self.ensure(header_height + lh * 2.0 + pad * 2.0);
        self.begin("Table", None);
        self.draw_row(&header_cells, &cols, size, pad, header_height, "TH");
        for row in rows {
            let h = self.row_height(row, &cols, size, pad);
            if self.y + h > BOTTOM {
                self.new_page();
                // The repeated header is page furniture: the structure has it once.
                self.artifact += 1;
                self.draw_row(&header_cells, &cols, size, pad, header_height, "TH");
                self.artifact -= 1;
            }
            self.draw_row(row, &cols, size, pad, h, "TD");
        }
        self.end();
        self.y += 3.0;
    }

    /// Column widths in mm from fractions of the text width, widened where a header word
    /// would not fit ("Target" cut into "Targe/t"), the extra taken from the widest columns.
    fn column_widths(&self, headers: &[&str], widths: &[f32], size: f32, pad: f32) -> Vec<f32> {
        let total = RIGHT - LEFT;
        let mut cols: Vec<f32> = widths.iter().map(|w| w * total).collect();
        let needed: Vec<f32> = headers
            .iter()
            .map(|h| {
                h.split(' ')
                    .map(|word| self.width(word, size, true))
                    .fold(0.0, f32::max)
                    + 2.0 * pad
                    + 0.5
            })
            .collect();
        for (c, need) in needed.iter().enumerate() {
            let Some(have) = cols.get(c).copied() else {
                continue;
            };
            if have >= *need {
                continue;
            }
            let extra = need - have;
            // Take it from the widest column that can spare it.
            let donor = (0..cols.len())
                .filter(|d| *d != c && cols[*d] - extra >= needed.get(*d).copied().unwrap_or(0.0))
                .max_by(|a, b| cols[*a].total_cmp(&cols[*b]));
            if let Some(d) = donor {
                cols[d] -= extra;
                cols[c] += extra;
            }
        }
        cols
    }

    fn row_height(&self, row: &[TCell], cols: &[f32], size: f32, pad: f32) -> f32 {
        let lines = row
            .iter()
            .zip(cols)
            .map(|(c, w)| self.wrap(&c.text, w - 2.0 * pad, size, c.bold).len())
            .max()
            .unwrap_or(1);
        lines as f32 * Self::line_height(size) + 2.0 * pad
    }

    #[allow(clippy::too_many_arguments)]
    fn draw_row(
        &mut self,
        row: &[TCell],
        cols: &[f32],
        size: f32,
        pad: f32,
        height: f32,
        cell_role: &'static str,
    ) {
        let mut x = LEFT;
        let top = self.y;
        let lh = Self::line_height(size);
        self.begin("TR", None);
        for (i, (cell, w)) in row.iter().zip(cols).enumerate() {
            if let Some(fill) = cell.fill {
                self.rect(x, top, *w, height, fill);
            }
            // A body row's first cell (an id, a place, a period) heads its row, as in the
            // HTML twin.
            let role = match (i, cell_role) {
                (0, "TD") => super::tags::ROW_HEADER,
                _ => cell_role,
            };
            if cell.catalog {
                self.begin_catalog(role);
            } else {
                self.begin(role, None);
            }
            let mut y = top + pad;
            for line in self.wrap(&cell.text, w - 2.0 * pad, size, cell.bold) {
                let tx = if cell.right {
                    x + w - pad - self.width(&line, size, cell.bold)
                } else {
                    x + pad
                };
                self.text_at(tx, y, &line, size, cell.bold, BLACK);
                y += lh;
            }
            self.end();
            x += w;
        }
        self.end();
        self.rule(LEFT, top + height, RIGHT, top + height, RULE, 0.4);
        self.y = top + height;
    }

    /// Adds the footer to every page and gives the document as lopdf objects (printpdf's
    /// own, not written out and parsed back) for [`super::archive::finish`].
    pub fn finish(mut self, footer_left: &str, page_word: (&str, &str)) -> (lopdf::Document, Tags) {
        let count = self.pages.len();
        self.artifact += 1;
        let pages = std::mem::take(&mut self.pages);
        let mut pdf_pages = Vec::new();
        for (i, ops) in pages.into_iter().enumerate() {
            self.pages = vec![ops];
            let label = format!("{} {} {} {}", page_word.0, i + 1, page_word.1, count);
            let y = PAGE_H - 14.0;
            self.rule(LEFT, y - 2.0, RIGHT, y - 2.0, RULE, 0.4);
            self.text_at(LEFT, y, footer_left, 8.0, false, GREY);
            let w = self.width(&label, 8.0, false);
            self.text_at(RIGHT - w, y, &label, 8.0, false, GREY);
            let ops = self.pages.pop().unwrap_or_default();
            pdf_pages.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops));
        }
        let mut warnings = Vec::new();
        let doc = printpdf::to_lopdf_doc(
            self.doc.with_pages(pdf_pages),
            // Compressed later, once, at a faster level (archive.rs).
            &PdfSaveOptions {
                optimize: false,
                // A logo is kept lossless and at its size (printpdf would re-encode it as
                // JPEG, and shrink it to a size budget).
                image_optimization: Some(printpdf::ImageOptimizationOptions {
                    format: Some(printpdf::ImageCompression::Flate),
                    auto_optimize: Some(false),
                    max_image_size: None,
                    ..Default::default()
                }),
                ..Default::default()
            },
            &mut warnings,
        );
        (doc, self.tags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> Layout {
        Layout::new("test", &text.chars().collect()).unwrap()
    }

    /// The greedy rule, checked from outside: every line fits, the text comes back when the
    /// lines are joined, and the next line's first word would not have fitted on the line.
    #[test]
    fn wrapped_lines_fit_and_each_is_as_long_as_it_can_be() {
        let text = "Trygghetsvandringar genomförs varje vår och höst i Karlslund tillsammans \
                    med fastighetsägare, föreningar och boende som vill vara med";
        let l = layout(text);
        let (width, size) = (40.0, 9.0);
        let lines = l.wrap(text, width, size, false);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(lines.join(" "), text);
        for pair in lines.windows(2) {
            assert!(l.width(&pair[0], size, false) <= width, "{pair:?}");
            let next_word = pair[1].split(' ').next().unwrap();
            let longer = format!("{} {next_word}", pair[0]);
            assert!(l.width(&longer, size, false) > width, "{pair:?}");
        }
    }

    /// A word longer than the line is cut into pieces that each fit, as long as they can be.
    #[test]
    fn a_word_longer_than_the_line_is_cut_where_it_no_longer_fits() {
        let word = "Brottsförebyggandeundersökningsrapporteringsskyldighet";
        let l = layout(word);
        let (width, size) = (20.0, 9.0);
        let pieces = l.wrap(word, width, size, true);
        assert!(pieces.len() > 1, "{pieces:?}");
        assert_eq!(pieces.concat(), word);
        for pair in pieces.windows(2) {
            assert!(l.width(&pair[0], size, true) <= width, "{pair:?}");
            let first = pair[1].chars().next().unwrap();
            let longer = format!("{}{first}", pair[0]);
            assert!(l.width(&longer, size, true) > width, "{pair:?}");
        }
        // A paragraph break starts a new line; an empty text is one empty line.
        assert_eq!(l.wrap("a\nb", width, size, false), ["a", "b"]);
        assert_eq!(l.wrap("", width, size, false), [""]);
    }
}
