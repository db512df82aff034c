//! Ingest, rows: read the data rows of a classified sheet into typed records, deciding for
//! every row whether it is used, rejected (with reason and column) or skipped.

use foldhash::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::cell::{self, Cell, ValueError};
use super::header::{self, Field, Header, Kind, PeriodColumn, FIELD_COUNT};
use super::region::{Neighbours, RunRows, MISSING_AREA};
use super::*;
use crate::catalog::{Catalog, Measure};
use crate::names::{fold, strip_footnote_digits};

/// Why a row was not used: which column, the value shown there and the reason.
struct NotUsed {
    col: Option<usize>,
    value: String,
    reason: String,
    /// What the analyst can do, in the tool's terms (never shown to the council).
    advice: Option<String>,
    disposition: Disposition,
}

impl NotUsed {
    fn advise(mut self, advice: impl Into<String>) -> Self {
        self.advice = Some(advice.into());
        self
    }
}

fn reject(col: usize, cell: &Cell, reason: impl Into<String>) -> NotUsed {
    NotUsed {
        col: Some(col),
        value: cell.display(),
        reason: reason.into(),
        advice: None,
        disposition: Disposition::Rejected,
    }
}

fn skip(col: Option<usize>, value: String, reason: impl Into<String>) -> NotUsed {
    NotUsed {
        col,
        value,
        reason: reason.into(),
        advice: None,
        disposition: Disposition::Skipped,
    }
}

/// A count one row may carry: from 0 to a billion (more crimes or checks in one row is a
/// typo, and would overflow the tests).
fn plausible_count(x: f64) -> bool {
    (0.0..=1e9).contains(&x)
}

const IMPLAUSIBLE_COUNT: &str = "antal ska vara mellan 0 och en miljard";

/// A row that was used, and the date range it speaks of (for "period covered").
type Used = Option<(NaiveDate, NaiveDate)>;

/// The cells of one data row with the header that names them.
struct Row<'a> {
    cells: &'a [Cell],
    header: &'a Header,
    /// The row's index in the grid (0-based).
    index: usize,
}

const EMPTY: Cell = Cell::Empty;

impl Row<'_> {
    fn cell(&self, col: usize) -> &Cell {
        self.cells.get(col).unwrap_or(&EMPTY)
    }

    /// The column of a field the sheet's kind requires or the caller has just read; a
    /// rejection naming the field if the header lacks it, never a panic.
    fn column(&self, f: Field) -> Result<usize, NotUsed> {
        self.header.col(f).ok_or_else(|| NotUsed {
            col: None,
            value: String::new(),
            reason: format!(
                "kolumnen {} saknas",
                crate::ingest::header::canonical_name(f)
            ),
            advice: None,
            disposition: Disposition::Rejected,
        })
    }

    fn get(&self, f: Field) -> Option<(usize, &Cell)> {
        self.header
            .col(f)
            .map(|c| (c, self.cell(c)))
            .filter(|(_, c)| !c.is_empty())
    }

    /// A required field, or a rejection naming the column.
    fn require<T>(
        &self,
        f: Field,
        read: impl Fn(&Cell) -> Result<T, ValueError>,
    ) -> Result<T, NotUsed> {
        let col = self.column(f)?;
        let cell = self.cell(col);
        read(cell).map_err(|e| reject(col, cell, format!("{}: {e}", header::canonical_name(f))))
    }

    /// An optional field: absent, empty or marked missing ("..", "XX") is `None` — never
    /// zero; unreadable is a rejection.
    fn optional<T>(
        &self,
        f: Field,
        read: impl Fn(&Cell) -> Result<T, ValueError>,
    ) -> Result<Option<T>, NotUsed> {
        match self.get(f) {
            None => Ok(None),
            Some((col, cell)) => match read(cell) {
                Ok(v) => Ok(Some(v)),
                Err(ValueError::MarkedMissing(_)) => Ok(None),
                Err(e) => Err(reject(
                    col,
                    cell,
                    format!("{}: {e}", header::canonical_name(f)),
                )),
            },
        }
    }

    fn text(&self, f: Field) -> Option<String> {
        self.get(f).map(|(_, c)| c.display())
    }
}

fn column_aliases(catalog: &Catalog) -> Vec<(Field, String)> {
    catalog
        .column_aliases
        .iter()
        .flat_map(|(column, aliases)| {
            let field = header::field_named(column);
            aliases
                .iter()
                .filter_map(move |a| field.map(|f| (f, fold(a))))
        })
        .collect()
}

/// Reads one sheet into `tables` and accounts for every row below its header.
pub fn read_sheet(
    file: &str,
    grid: &SheetGrid,
    catalog: &Catalog,
    tables: &mut Tables,
) -> SheetReport {
    match SheetPass::start(file, grid, catalog, None) {
        Ok(mut pass) => {
            pass.read_all(grid);
            let (report, read) = pass.finish();
            tables.append(read);
            report
        }
        Err(unread) => *unread,
    }
}

/// One promise's pass over one sheet whose header it found, a row at a time: alone it reads
/// every row in order; in a region, every promise's pass reads its rows of one block of the
/// sheet in turn, so the block is read from the cache instead of memory 30 times over. A
/// CSV comes a block of rows at a time ([`super::csv_file`]): the pass begun on the first
/// block reads every later one, so its memos and its account run through the whole file.
pub struct SheetPass<'a> {
    file: &'a str,
    pub header: Header,
    cx: Cx<'a>,
    pub report: SheetReport,
}

impl<'a> SheetPass<'a> {
    /// Finds the sheet's header for `catalog`; a sheet it cannot read gives its report at
    /// once (`Err`). `neighbours` are the other promises of a region run.
    pub fn start(
        file: &'a str,
        grid: &SheetGrid,
        catalog: &'a Catalog,
        neighbours: Option<&'a Neighbours<'a>>,
    ) -> Result<Self, Box<SheetReport>> {
        let mut report = SheetReport {
            sheet: grid.name.clone(),
            encoding: grid.encoding.map(str::to_string),
            ..Default::default()
        };
        let extra = column_aliases(catalog);
        let header = match header::find_header(&grid.rows, &catalog.survey_columns(), &extra) {
            Ok(h) => h,
            Err(u) => return Err(Box::new(unread_sheet(grid, u, report))),
        };
        report.kind = Some(header.kind);
        report.header_row = Some(grid.row_number(header.row));
        if neighbours.is_some() && needs_area_in_region(&header) {
            return Err(Box::new(refused_without_area(grid, report)));
        }
        let mut pass = SheetPass {
            file,
            header,
            cx: Cx::new(catalog, neighbours),
            report,
        };
        pass.next_block(grid);
        Ok(pass)
    }

    /// Takes up a block of the sheet (the first, or a later block of a CSV): a nested label
    /// table finds its groups within it.
    pub fn next_block(&mut self, grid: &SheetGrid) {
        if self.header.kind == Kind::CrimeWide {
            self.cx.nested = nested_labels(grid, &self.header);
        }
    }

    /// Reads every row of the block below the header.
    pub fn read_all(&mut self, grid: &SheetGrid) {
        for i in grid.data_start(self.header.row)..grid.rows.len() {
            self.read_row(grid, i, None);
        }
    }

    /// The sheet's account and the rows the pass took.
    pub fn finish(self) -> (SheetReport, Tables) {
        (self.report, self.cx.tables)
    }

    /// Makes room in the tables for `rows` more rows of this sheet's kind.
    pub fn reserve(&mut self, rows: usize) {
        self.cx.tables.reserve(self.header.kind, rows);
    }

    /// Reads row `i` (0-based in the grid) and accounts for it; in a region also in the
    /// run's account of the sheet (`run`).
    pub fn read_row(&mut self, grid: &SheetGrid, i: usize, mut run: Option<&mut RunRows>) {
        let Some(cells) = grid.rows.get(i) else {
            return;
        };
        let file = self.file;
        let loc = |i: usize, col: Option<usize>| location(file, grid, i, col);
        let report = &mut self.report;
        let cx = &mut self.cx;
        report.read += 1;
        if cells.iter().all(Cell::is_empty) {
            report.skipped += 1;
            report.empty += 1;
            if let Some(run) = run.as_mut() {
                run.empty(i);
            }
            return;
        }
        let header = &self.header;
        let row = Row {
            cells,
            header,
            index: i,
        };
        let figures_before = (cx.tables.survey_figures.len(), cx.tables.population.len());
        let result = trailer_row(&row).map_or_else(|| parse_row(&row, cx), Err);
        if let Some(run) = run.as_mut() {
            match &result {
                Ok(_) => run.used(i),
                Err(n) => run.not_used(i, n.disposition, (&n.reason, n.advice.as_deref()), n.col),
            }
        }
        match result {
            Ok(span) => {
                report.used += 1;
                // Figures remember their place, so that two that collide can be named (only
                // figures: a place for every used row would cost two strings per row).
                let added = (cx.tables.survey_figures.len(), cx.tables.population.len());
                if added != figures_before {
                    let value_col = header.col(Field::Value).or(header.col(Field::Inhabitants));
                    let place = Some(loc(i, value_col));
                    for f in cx.tables.survey_figures.iter_mut().skip(figures_before.0) {
                        f.location = place.clone();
                    }
                    for p in cx.tables.population.iter_mut().skip(figures_before.1) {
                        p.location = place.clone();
                    }
                }
                if let Some((first, last)) = span {
                    report.first_date = Some(report.first_date.map_or(first, |d| d.min(first)));
                    report.last_date = Some(report.last_date.map_or(last, |d| d.max(last)));
                }
            }
            Err(n) => {
                match n.disposition {
                    Disposition::Rejected => report.rejected += 1,
                    Disposition::Skipped => report.skipped += 1,
                }
                // The number alone: a whole place would copy the file and sheet names for
                // every row not used (in a single run, every other area's row).
                let row_number = grid.row_number(i);
                let listed = count_reason(
                    &mut report.reasons,
                    n.disposition,
                    (&n.reason, n.advice.as_deref()),
                    &n.value,
                    row_number,
                );
                if listed {
                    report.issues.push(RowIssue {
                        location: loc(i, n.col),
                        disposition: n.disposition,
                        value: n.value,
                        reason: n.reason,
                        advice: n.advice,
                    });
                }
            }
        }
    }
}

/// A later block of a sheet a pass could not read (no header, or a column missing): its
/// rows count as unread too. The header is looked for in the first rows, which every block
/// of a CSV repeats, so a later block is read the same way as the first.
pub fn unread_block(
    unread: &mut SheetReport,
    file: &str,
    grid: &SheetGrid,
    catalog: &Catalog,
    neighbours: Option<&Neighbours>,
) {
    let more = match SheetPass::start(file, grid, catalog, neighbours) {
        Err(more) => *more,
        // Not reached (the same rows give the same header): its rows still count.
        Ok(_) => SheetReport {
            read: count_filled(grid.own_rows()),
            unread: count_filled(grid.own_rows()),
            ..Default::default()
        },
    };
    unread.absorb(more);
}

/// Row `i` of a grid (0-based) as Excel shows its place, with column `col`.
fn location(file: &str, grid: &SheetGrid, i: usize, col: Option<usize>) -> Location {
    Location {
        file: file.to_string(),
        sheet: grid.name.clone(),
        row: grid.row_number(i),
        column: col.map(|c| column_letters(grid.first_col + c as u32)),
    }
}

/// The report of a sheet whose header was not found (`u`): a template's help sheet, a header
/// with a column missing (an error naming it), or no header at all. Every filled row still
/// counts, as unread.
fn unread_sheet(grid: &SheetGrid, u: header::Unrecognised, mut report: SheetReport) -> SheetReport {
    // Every row still counts: the rows of an unread sheet are named in the totals.
    let filled = count_filled(grid.own_rows());
    report.unread = filled;
    report.read = filled;
    if super::HELP_SHEETS
        .iter()
        .any(|h| fold(h) == fold(&grid.name))
    {
        // A template's instructions and dropdown lists: help, not input.
        report.help = true;
        report.note = Some("mallens instruktioner eller listor: ingen indata".into());
        return report;
    }
    let header_row = u.row.map(|r| grid.row_number(r));
    match (u.nearest, u.broken, header_row) {
        (Some(kind), true, Some(row)) => {
            report.header_row = Some(row);
            let missing = u.missing.join(", ");
            report.error = Some(format!(
                "{} › rad {row}: rubrikraden liknar {} men kolumnen '{missing}' saknas; \
                 döp om kolumnen till '{missing}' eller lägg dess namn under [kolumnalias] \
                 i katalogen (docs/input-formats.md listar namnen)",
                grid.name,
                kind.name_sv(),
            ));
            report.note = Some(format!("bladet lästes inte: kolumnen '{missing}' saknas"));
        }
        (Some(kind), ..) => {
            report.note = Some(format!(
                "bladet lästes inte: ingen känd rubrikrad. Närmast är {} men kolumnen {} saknas",
                kind.name_sv(),
                u.missing.join(", ")
            ))
        }
        (None, ..) => {
            report.note =
                Some("bladet lästes inte: ingen känd rubrikrad bland de 30 första raderna".into())
        }
    }
    report
}

/// The report of a sheet a region cannot share out: its rows carry no area (alone, such a
/// sheet is the promise's own; in a region it would count for every promise).
fn refused_without_area(grid: &SheetGrid, mut report: SheetReport) -> SheetReport {
    report.kind = None;
    report.unread = count_filled(grid.own_rows());
    report.read = report.unread;
    report.error = Some(format!(
        "{} › rad {}: bladet saknar kolumnen Område, och indatamappen har flera löften; \
         lägg till kolumnen Område (det område varje rad gäller) så att \
         raderna kan fördelas på löftena",
        grid.name,
        report.header_row.unwrap_or(0)
    ));
    report.note = Some("bladet lästes inte: kolumnen Område saknas".into());
    report
}

/// Rows with at least one filled cell.
fn count_filled(rows: &[Vec<Cell>]) -> usize {
    rows.iter()
        .filter(|r| !r.iter().all(Cell::is_empty))
        .count()
}

/// Crime, survey and log sheets without an Område column count for the promise's own area:
/// in a region run that area is not known, so they need the column. (Staffing and status
/// notes name their promise by place and by id.)
fn needs_area_in_region(header: &Header) -> bool {
    let by_area = matches!(
        header.kind,
        Kind::CrimeLong
            | Kind::CrimeWide
            | Kind::SurveyAggregate
            | Kind::SurveyRespondent
            | Kind::Log
    );
    by_area && header.col(Field::Area).is_none()
}

/// Counts a row under its reason; true while the reason has been seen no more than
/// [`listed_per_reason`] times, so the row is also listed with its place.
pub(super) fn count_reason(
    reasons: &mut Vec<ReasonCount>,
    disposition: Disposition,
    (reason, advice): (&str, Option<&str>),
    value: &str,
    row: u32,
) -> bool {
    // Few distinct reasons per sheet (values stay out of them), so the scan stays short.
    let known = reasons
        .iter_mut()
        .find(|r| r.disposition == disposition && r.reason == reason);
    let entry = match known {
        Some(entry) => {
            entry.rows += 1;
            entry.last_row = row;
            entry
        }
        None => {
            reasons.push(ReasonCount {
                disposition,
                reason: reason.to_string(),
                advice: advice.map(str::to_string),
                rows: 1,
                first_row: row,
                last_row: row,
                examples: vec![],
            });
            match reasons.last_mut() {
                Some(entry) => entry,
                None => return true,
            }
        }
    };
    // Built only while examples are missing: a region skips a million rows for one reason.
    if entry.examples.len() < EXAMPLES_PER_REASON {
        let example = example_of(value);
        if !example.is_empty() && !entry.examples.contains(&example) {
            entry.examples.push(example);
        }
    }
    entry.rows <= listed_per_reason(disposition)
}

/// A value as an example: at most 40 characters, cut with "…".
fn example_of(value: &str) -> String {
    const LONGEST: usize = 40;
    if value.chars().count() <= LONGEST {
        value.to_string()
    } else {
        let cut: String = value.chars().take(LONGEST - 1).collect();
        format!("{cut}…")
    }
}

/// Totals rows ("Totalt", "Summa", "SAMTLIGA BROTT") and notes below a table
/// ("Källa: BRÅ", "Anm. …", "* preliminära uppgifter") are skipped and reported.
fn trailer_row(row: &Row) -> Option<NotUsed> {
    let (col, first) = row.cells.iter().enumerate().find(|(_, c)| !c.is_empty())?;
    let text = first.text()?;
    // Every totals word and note starts with a letter or '*': a row starting with a digit
    // (a date, nearly every row of an extract) is neither, and is not folded to find out.
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let folded = fold(strip_footnote_digits(text));
    let filled = row.cells.iter().filter(|c| !c.is_empty()).count();
    let is_total = [
        "totalt",
        "summa",
        "total",
        "samtliga brott",
        "samtliga",
        "alla",
    ]
    .contains(&folded.as_str());
    if is_total {
        return Some(skip(
            Some(col),
            text.into(),
            "summeringsrad: räknas inte dubbelt",
        ));
    }
    let is_note = text.starts_with('*')
        || ["kalla", "anm", "not", "obs", "source", "note"]
            .iter()
            .any(|p| folded.starts_with(p) && filled == 1);
    is_note.then(|| skip(Some(col), text.into(), "not under tabellen"))
}

/// A crime category's group id and its label, both as shared text.
type GroupAndLabel = (Arc<str>, Arc<str>);

/// A crime key and the shared area, group and category it was made of.
type KeyAndParts = (Arc<CrimeKey>, Arc<str>, GroupAndLabel);

/// What the row parsers share within one sheet: the catalog, the tables being filled, and
/// memos of name matches, since a region's extract repeats the same few area, category and
/// place names a million times and folding names is the costly part of matching them.
struct Cx<'a> {
    /// A BRÅ-style table's second label column, when it nests categories under groups.
    nested: Option<NestedLabels>,
    catalog: &'a Catalog,
    /// The rows this pass takes.
    tables: Tables,
    /// The other promises, in a region run.
    neighbours: Option<&'a Neighbours<'a>>,
    /// Log types some promise counts (folded), and whether they are visits.
    log_types: Vec<(String, PlaceUse)>,
    areas: HashMap<String, Option<Arc<str>>>,
    /// The promise's own area, shared by every row that names no other.
    own_area: Arc<str>,
    /// Crime keys by the addresses of the shared area, group and category they are made
    /// of; each entry holds those texts, so an address is never reused while it is a key.
    crime_keys: HashMap<(usize, usize, usize), KeyAndParts>,
    /// Category label → its crime group id and the label as shared text.
    groups: HashMap<String, Option<GroupAndLabel>>,
    places: HashMap<String, Option<String>>,
    /// Places this promise does not know: the other promise that has each, if any.
    owners: HashMap<String, Option<String>>,
    /// Texts kept in many records (categories, questions, answers), stored once.
    texts: HashMap<String, Arc<str>>,
    /// Numbers as text (answers on a scale), by their bits.
    numbers: HashMap<u64, Arc<str>>,
}

impl<'a> Cx<'a> {
    fn new(catalog: &'a Catalog, neighbours: Option<&'a Neighbours<'a>>) -> Self {
        Cx {
            log_types: measured_log_types(catalog),
            catalog,
            tables: Tables::default(),
            neighbours,
            areas: HashMap::default(),
            own_area: Arc::from(catalog.area.as_str()),
            crime_keys: HashMap::default(),
            groups: HashMap::default(),
            places: HashMap::default(),
            owners: HashMap::default(),
            texts: HashMap::default(),
            numbers: HashMap::default(),
            nested: None,
        }
    }

    /// A shared copy of a text, made once per distinct text.
    fn shared(&mut self, text: &str) -> Arc<str> {
        if let Some(t) = self.texts.get(text) {
            return t.clone();
        }
        let t: Arc<str> = text.into();
        self.texts.insert(text.to_string(), t.clone());
        t
    }

    /// A cell's text as [`Cx::shared`] keeps it. (Not the grid's own copy of a text: two
    /// threads counting references to one string would contend for it on every row.)
    fn shared_cell(&mut self, cell: &Cell) -> Arc<str> {
        match cell {
            // Answers on a scale are often numbers: shown once per value, not once a cell.
            Cell::Number(x) => {
                if let Some(t) = self.numbers.get(&x.to_bits()) {
                    return Arc::clone(t);
                }
                let t: Arc<str> = cell.display().into();
                self.numbers.insert(x.to_bits(), Arc::clone(&t));
                t
            }
            _ => self.shared(&cell.shown()),
        }
    }

    /// The catalog's name for a row's area: the promise's, or an outcome's other level.
    fn area_named(&mut self, name: &str) -> Option<Arc<str>> {
        // Looked up before an entry is made: an entry's key would be a new String per row.
        if let Some(known) = self.areas.get(name) {
            return known.clone();
        }
        let found = self.catalog.area_named(name).map(Arc::from);
        self.areas.insert(name.to_string(), found.clone());
        found
    }

    /// The crime group id a category label belongs to, and the label as shared text (one
    /// look-up for both: a region's extract has a million rows).
    fn group_of(&mut self, label: &str) -> Option<GroupAndLabel> {
        if let Some(known) = self.groups.get(label) {
            return known.clone();
        }
        let found = self
            .catalog
            .crime_group_of(label)
            .map(|g| (Arc::from(g.id.as_str()), self.shared(label)));
        self.groups.insert(label.to_string(), found.clone());
        found
    }

    /// The key of crimes in `area` of a group and category, made once per pass (looked up
    /// by address: no text is hashed or counted for a row whose key exists).
    fn crime_key(&mut self, area: &Arc<str>, label: &GroupAndLabel) -> Arc<CrimeKey> {
        let address = |text: &Arc<str>| Arc::as_ptr(text).cast::<u8>() as usize;
        let at = (address(area), address(&label.0), address(&label.1));
        if let Some((key, ..)) = self.crime_keys.get(&at) {
            return key.clone();
        }
        let key = CrimeKey::new(area, &label.0, &label.1);
        self.crime_keys
            .insert(at, (key.clone(), area.clone(), label.clone()));
        key
    }

    /// The catalog place id a place name means.
    fn place_of(&mut self, name: &str) -> Option<String> {
        if let Some(known) = self.places.get(name) {
            return known.clone();
        }
        let found = self.catalog.place_named(name).map(|p| p.id.clone());
        self.places.insert(name.to_string(), found.clone());
        found
    }

    /// A row at a place this promise does not know: skipped as another promise's when one
    /// in the run knows the place, otherwise rejected with the advice to add an alias.
    fn unknown_place(&mut self, col: usize, cell: &Cell) -> NotUsed {
        let name = cell.display();
        let neighbours = self.neighbours;
        let owner = self.owners.entry(name.clone()).or_insert_with(|| {
            neighbours
                .and_then(|n| n.place_owner(&name))
                .map(str::to_string)
        });
        match owner {
            Some(owner) => skip(Some(col), name, format!("plats i löftet {owner}")),
            None => {
                let names = self
                    .catalog
                    .places
                    .iter()
                    .flat_map(|p| std::iter::once(&p.name).chain(&p.aliases));
                let hint =
                    crate::catalog::did_you_mean_or_contained(&name, names.map(String::as_str));
                reject(col, cell, "okänd plats").advise(format!("{ADD_ALIAS}{hint}"))
            }
        }
    }
}

const ADD_ALIAS: &str = "lägg till namnet som alias under [[plats]] i katalogen, eller som en egen [[plats]] om det är en annan plats";

fn parse_row(row: &Row, cx: &mut Cx) -> Result<Used, NotUsed> {
    match row.header.kind {
        Kind::CrimeLong => crime_long(row, cx),
        Kind::CrimeWide => crime_wide(row, cx),
        Kind::SurveyAggregate => survey_figure(row, cx),
        Kind::SurveyRespondent => respondent(row, cx),
        Kind::Log => log_entry(row, cx),
        Kind::Staffing => assignment(row, cx),
        Kind::StatusNotes => status_note(row, cx),
        Kind::Population => population(row, cx),
    }
}

/// Rows for another area than the promise's are skipped, not rejected: extracts often
/// cover the whole municipality.
/// The row's area as the catalog names it; a sheet without an area column is the promise's.
fn check_area(row: &Row, cx: &mut Cx) -> Result<Arc<str>, NotUsed> {
    match row.get(Field::Area) {
        None => Ok(cx.own_area.clone()),
        Some((col, c)) => cx.area_named(&c.shown()).ok_or_else(|| {
            skip(
                Some(col),
                c.display(),
                format!("annat område än löftets ({})", cx.catalog.area),
            )
        }),
    }
}

fn crime_group(row: &Row, cx: &mut Cx, label_field: Field) -> Result<GroupAndLabel, NotUsed> {
    let col = row.column(label_field)?;
    let cell = row.cell(col);
    let label = strip_footnote_digits(
        cell.text()
            .ok_or_else(|| reject(col, cell, "brottskategori saknas"))?,
    )
    .trim();
    match cx.group_of(label) {
        Some(found) => Ok(found),
        None => Err(skip(
            Some(col),
            label.into(),
            "kategorin ingår inte i någon brottsgrupp i katalogen",
        )),
    }
}

/// In a region a row must say its area: without one it would count for every promise.
fn area_given_in_region(row: &Row, cx: &Cx) -> Result<(), NotUsed> {
    match (cx.neighbours, row.header.col(Field::Area)) {
        (Some(_), Some(col)) if row.cell(col).is_empty() => {
            Err(skip(Some(col), String::new(), MISSING_AREA))
        }
        _ => Ok(()),
    }
}

fn crime_long(row: &Row, cx: &mut Cx) -> Result<Used, NotUsed> {
    area_given_in_region(row, cx)?;
    // Values are read before the row may be skipped for another area or category, so an
    // unreadable date or count is reported wherever it stands.
    let when = if row.header.col(Field::Date).is_some() {
        CrimeWhen::Day(row.require(Field::Date, cell::date)?)
    } else if row.header.col(Field::Month).is_some() {
        let (y, m) = row.require(Field::Month, cell::month)?;
        CrimeWhen::Month(y, m)
    } else {
        CrimeWhen::Year(row.require(Field::Year, cell::year)?)
    };
    // An empty count means one crime (one row per reported crime); ".." is missing, not one.
    let count = match row.get(Field::Count) {
        None => 1.0,
        Some((col, c)) => {
            cell::number(c)
                .map_err(|e| reject(col, c, format!("antal: {e}")))?
                .value
        }
    };
    if !plausible_count(count) {
        let col = row.column(Field::Count)?;
        return Err(reject(col, row.cell(col), IMPLAUSIBLE_COUNT));
    }
    // Every dated figure shows how far the extract reaches, whatever its area or category
    // (a missing figure, "..", reaches nowhere).
    if !count.is_nan() {
        cx.tables
            .note_shared(crate::catalog::Source::Brott, when.days().1);
    }
    let label = crime_group(row, cx, Field::Category)?;
    let area = check_area(row, cx)?;
    let key = cx.crime_key(&area, &label);
    cx.tables.crimes.push(CrimeRecord { key, when, count });
    Ok(Some(when.days()))
}

/// A BRÅ-style table that nests categories in two label columns: a group's row has its
/// label in the first column (and the group's totals), its categories follow with the first
/// column empty and their labels in the second.
#[derive(Debug, Default)]
struct NestedLabels {
    /// The second label column.
    sub_col: usize,
    /// Rows of a category under a group: row → the group's label.
    under: HashMap<usize, String>,
    /// Group rows with categories under them: totals of those rows, not counted again.
    parents: std::collections::HashSet<usize>,
}

/// Finds nested label columns: the column right of the label column, holding no period or
/// other field, with text on rows whose label column is empty. `None` for a flat table.
fn nested_labels(grid: &SheetGrid, header: &Header) -> Option<NestedLabels> {
    let label = header
        .col(Field::Category)
        .or_else(|| header.col(Field::Statute))?;
    let sub_col = label + 1;
    let taken = header.periods.iter().any(|(_, c)| *c == sub_col)
        || (0..FIELD_COUNT).any(|f| header.columns.get_index(f) == Some(sub_col));
    if taken {
        return None;
    }
    let text_at =
        |row: &[Cell], col: usize| row.get(col).and_then(|c| c.text()).map(str::to_string);
    let mut nested = NestedLabels {
        sub_col,
        ..Default::default()
    };
    let mut group: Option<(usize, String)> = None;
    for (i, row) in grid
        .rows
        .iter()
        .enumerate()
        .skip(grid.data_start(header.row))
    {
        match (text_at(row, label), text_at(row, sub_col)) {
            (Some(g), _) => group = Some((i, g)),
            (None, Some(_)) => {
                if let Some((parent, g)) = &group {
                    nested.parents.insert(*parent);
                    nested.under.insert(i, g.clone());
                }
            }
            (None, None) => {}
        }
    }
    (!nested.under.is_empty()).then_some(nested)
}

fn crime_wide(row: &Row, cx: &mut Cx) -> Result<Used, NotUsed> {
    let label = if row.header.col(Field::Category).is_some() {
        Field::Category
    } else {
        Field::Statute
    };
    let crime_label = match nested_row(row, cx) {
        Some(found) => found?,
        None => crime_group(row, cx, label)?,
    };
    let mut records = Vec::new();
    for (period, col) in &row.header.periods {
        let c = row.cell(*col);
        let count = match cell::number(c) {
            Ok(n) if plausible_count(n.value) => n.value,
            Ok(_) => return Err(reject(*col, c, IMPLAUSIBLE_COUNT)),
            // ".." and "XX" are suppressed or missing: kept as a missing figure (NaN), so
            // that no sum, mean or table counts the period as zero.
            Err(ValueError::MarkedMissing(_) | ValueError::Missing) => f64::NAN,
            Err(e) => return Err(reject(*col, c, format!("antal: {e}"))),
        };
        let when = match *period {
            PeriodColumn::Year(y) => CrimeWhen::Year(y),
            PeriodColumn::Month(y, m) => CrimeWhen::Month(y, m),
        };
        let area = cx.own_area.clone();
        records.push(CrimeRecord {
            key: cx.crime_key(&area, &crime_label),
            when,
            count,
        });
    }
    let span = records
        .iter()
        .filter(|r| !r.count.is_nan())
        .map(|r| r.when.days())
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
    cx.tables.crimes.extend(records);
    Ok(span)
}

/// A row of a nested table: a group's row with categories under it is their total; a
/// category row takes its label from the second column, matched to a catalog group by the
/// category, else by the group it stands under. `None` for a row the nesting does not touch.
fn nested_row(row: &Row, cx: &mut Cx) -> Option<Result<GroupAndLabel, NotUsed>> {
    let nested = cx.nested.as_ref()?;
    let sub_col = nested.sub_col;
    if nested.parents.contains(&row.index) {
        let label = row
            .header
            .col(Field::Category)
            .or(row.header.col(Field::Statute))?;
        let text = row.cell(label).display();
        return Some(Err(skip(
            Some(label),
            text,
            "gruppens summeringsrad: kategorierna under den räknas var för sig",
        )));
    }
    let parent = nested.under.get(&row.index)?.clone();
    let sub = strip_footnote_digits(row.cell(sub_col).text()?)
        .trim()
        .to_string();
    let found = cx.group_of(&sub).or_else(|| {
        cx.group_of(strip_footnote_digits(&parent).trim())
            .map(|(group, _)| (group, Arc::from(sub.as_str())))
    });
    Some(found.ok_or_else(|| {
        skip(
            Some(sub_col),
            sub,
            "kategorin ingår inte i någon brottsgrupp i katalogen",
        )
    }))
}

fn survey_figure(row: &Row, cx: &mut Cx) -> Result<Used, NotUsed> {
    let year = row.require(Field::Year, cell::year)?;
    let (col, name_cell) = match row.get(Field::Indicator) {
        Some(found) => found,
        None => {
            return Err(reject(
                row.column(Field::Indicator)?,
                &Cell::Empty,
                "indikator saknas",
            ))
        }
    };
    let name = name_cell.display();
    let catalog = cx.catalog;
    let Some(indicator) = catalog
        .survey_indicators
        .iter()
        .find(|s| s.matches_name(&name))
    else {
        return Err(skip(
            Some(col),
            name,
            "indikatorn finns inte bland katalogens enkätindikatorer",
        ));
    };
    let value_col = row.column(Field::Value)?;
    let percent_header = row
        .header
        .titles
        .get(&value_col)
        .is_some_and(|t| t.contains('%'));
    let as_share = |n: cell::Number| {
        if indicator.is_mean() {
            n.value
        } else if n.percent || percent_header || n.value > 1.0 {
            n.value / 100.0
        } else {
            n.value
        }
    };
    let value = as_share(row.require(Field::Value, cell::number)?);
    let ci_low = row.optional(Field::CiLow, cell::number)?.map(as_share);
    let ci_high = row.optional(Field::CiHigh, cell::number)?.map(as_share);
    let response_rate = row.optional(Field::ResponseRate, cell::number)?.map(|n| {
        if n.percent || n.value > 1.0 {
            n.value / 100.0
        } else {
            n.value
        }
    });
    let area = row
        .text(Field::Area)
        .unwrap_or_else(|| catalog.area.clone());
    let area = cx.area_named(&area).map_or(area, |a| a.to_string());
    cx.tables.survey_figures.push(SurveyFigure {
        year,
        area,
        indicator: indicator.id.clone(),
        value,
        n: row.optional(Field::N, cell::number)?.map(|n| n.value),
        ci: ci_low.zip(ci_high),
        response_rate,
        location: None,
    });
    Ok(Some(CrimeWhen::Year(year).days()))
}

fn respondent(row: &Row, cx: &mut Cx) -> Result<Used, NotUsed> {
    area_given_in_region(row, cx)?;
    let area = check_area(row, cx)?;
    let year = match row.header.col(Field::Year) {
        Some(_) => row.require(Field::Year, cell::year)?,
        None => chrono::Datelike::year(&row.require(Field::Date, cell::date)?),
    };
    let weight = row
        .optional(Field::Weight, cell::number)?
        .map_or(1.0, |n| n.value);
    if weight < 0.0 {
        let col = row.column(Field::Weight)?;
        return Err(reject(col, row.cell(col), "vikt kan inte vara negativ"));
    }
    // Room for every question at once: collected, the list grew two or three times a row.
    let mut answers = Vec::with_capacity(row.header.questions.len());
    answers.extend(
        row.header
            .questions
            .iter()
            .filter_map(|(q, col)| {
                let c = row.cell(*col);
                (!c.is_empty()).then_some((q, c))
            })
            .map(|(q, c)| (Arc::clone(q), cx.shared_cell(c))),
    );
    cx.tables.respondents.push(Respondent {
        area,
        year,
        weight,
        answers,
    });
    Ok(Some(CrimeWhen::Year(year).days()))
}

/// How a log type's rows must name their place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum PlaceUse {
    /// No count filters the type by place: any place name, or none, is fine.
    Free,
    /// A count filters the type by place (`platser`): a place it names must be a catalog
    /// place, else the row would vanish from that count without a word.
    Named,
    /// Visits: every row must name a catalog place.
    Required,
}

/// Log types some catalog promise counts, folded, each with how its rows must name their
/// place (the strictest rule of the promises that count it).
fn measured_log_types(catalog: &Catalog) -> Vec<(String, PlaceUse)> {
    catalog
        .measures()
        .flat_map(|m| {
            let (types, visits) = m.log_types();
            let by_place = matches!(m, Measure::Rakna(s) if !s.platser.is_empty());
            let rule = match (visits, by_place) {
                (true, _) => PlaceUse::Required,
                (false, true) => PlaceUse::Named,
                (false, false) => PlaceUse::Free,
            };
            types.into_iter().map(move |t| (fold(t), rule))
        })
        .collect()
}

fn log_entry(row: &Row, cx: &mut Cx) -> Result<Used, NotUsed> {
    area_given_in_region(row, cx)?;
    // The date is read first: an unreadable one is reported even on a row of a type no
    // promise counts.
    let date = row.require(Field::Date, cell::date)?;
    // Every dated row shows how far the log is kept, whatever its type or area: the log's
    // data date is its latest row (indicators::coverage).
    cx.tables.note_shared(crate::catalog::Source::Logg, date);
    let kind = row.require(Field::Type, |c| {
        c.text().map(str::to_string).ok_or(ValueError::Missing)
    })?;
    let folded_kind = fold(&kind);
    if !cx.log_types.iter().any(|(t, _)| *t == folded_kind) {
        let col = row.header.col(Field::Type);
        return Err(skip(
            col,
            kind,
            "typen räknas inte av något löfte i katalogen",
        ));
    }
    let place_use = cx
        .log_types
        .iter()
        .filter(|(t, _)| *t == folded_kind)
        .map(|(_, rule)| *rule)
        .max()
        .unwrap_or(PlaceUse::Free);
    let is_visit = place_use == PlaceUse::Required;
    // A log may cover several areas: rows for another area are skipped like crime rows,
    // before their place is looked up (another area's places are not this promise's).
    let area_column = match row.get(Field::Area) {
        Some(_) => Some(check_area(row, cx)?.to_string()),
        None => None,
    };
    let place = match row.get(Field::Place) {
        None if is_visit => {
            let col = row.header.col(Field::Place).unwrap_or(0);
            return Err(reject(col, &Cell::Empty, "plats saknas för ett besök"));
        }
        None => None,
        Some((col, c)) => match cx.place_of(&c.display()) {
            Some(p) => Some(p),
            None if place_use != PlaceUse::Free => return Err(cx.unknown_place(col, c)),
            None => None,
        },
    };
    let focus = row
        .text(Field::Focus)
        .map(|f| {
            f.split([',', ';', '/'])
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let hours = match row.optional(Field::Hours, cell::number)? {
        Some(h) => Some(h.value),
        None => row
            .optional(Field::Minutes, cell::number)?
            .map(|m| m.value / 60.0),
    };
    if hours.is_some_and(|h| !(0.0..=24.0).contains(&h)) {
        let col = row
            .header
            .col(Field::Hours)
            .or(row.header.col(Field::Minutes))
            .map_or_else(|| row.column(Field::Hours), Ok)?;
        return Err(reject(
            col,
            row.cell(col),
            "tiden måste vara mellan 0 och 24 timmar per rad",
        ));
    }
    let participants = row
        .optional(Field::Participants, cell::number)?
        .map(|n| n.value);
    let start_minute = match row.optional(Field::Time, cell::time_of_day)? {
        Some(m) => Some(m),
        // A date cell that carries its own time of day.
        None => match row.get(Field::Date) {
            Some((_, date_time @ Cell::Date(dt))) if dt.time() != chrono::NaiveTime::MIN => {
                cell::time_of_day(date_time).ok()
            }
            _ => None,
        },
    };
    let end_minute = row.optional(Field::EndTime, cell::time_of_day)?;
    let count = row.optional(Field::Count, cell::number)?.map(|n| n.value);
    if count.is_some_and(|c| !plausible_count(c) || c.fract() != 0.0) {
        let col = row.column(Field::Count)?;
        return Err(reject(
            col,
            row.cell(col),
            "antal ska vara ett heltal mellan 0 och en miljard",
        ));
    }
    let done_at = row.optional(Field::DoneAt, cell::date_time)?;
    if let Some(done) = done_at {
        let reported = date.and_hms_opt(
            start_minute.unwrap_or(0) / 60,
            start_minute.unwrap_or(0) % 60,
            0,
        );
        if reported.is_some_and(|r| done < r) {
            let col = row.column(Field::DoneAt)?;
            return Err(reject(
                col,
                row.cell(col),
                format!(
                    "åtgärdad ({}) ligger före datum och klockslag då ärendet kom in",
                    done.format("%Y-%m-%d %H:%M")
                ),
            ));
        }
    }
    let performer = row.text(Field::Performer);
    let area = area_column.or_else(|| {
        place
            .as_deref()
            .and_then(|id| cx.catalog.place(id))
            .and_then(|p| p.area.as_deref())
            .and_then(|a| cx.catalog.area_named(a))
            .map(str::to_string)
    });
    cx.tables.logs.push(LogEntry {
        date,
        kind,
        place,
        focus,
        hours,
        participants,
        start_minute,
        end_minute,
        performer,
        count,
        done_at,
        area,
    });
    Ok(Some((date, date)))
}

fn assignment(row: &Row, cx: &mut Cx) -> Result<Used, NotUsed> {
    let role = row.require(Field::Role, |c| {
        c.text().map(str::to_string).ok_or(ValueError::Missing)
    })?;
    let folded_role = fold(&role);
    let measured = cx
        .catalog
        .measures()
        .any(|m| m.staffing_roles().contains(&folded_role));
    if !measured {
        let reason = "rollen räknas inte av något löfte i katalogen";
        return Err(skip(row.header.col(Field::Role), role, reason));
    }
    let place_col = row.column(Field::Place)?;
    let place_cell = row.cell(place_col);
    // A promise for the whole area ("i området") takes the role at any place.
    let anywhere = cx.catalog.measures().any(|m| {
        matches!(m, Measure::Bemanning { plats: None, platser, .. } if platser.is_empty())
            && m.staffing_roles().contains(&folded_role)
    });
    let place = match cx.place_of(&place_cell.display()) {
        Some(p) => p,
        None if anywhere => fold(&place_cell.display()),
        None => return Err(cx.unknown_place(place_col, place_cell)),
    };
    let person = row.require(Field::Person, |c| {
        (!c.is_empty())
            .then(|| c.display())
            .ok_or(ValueError::Missing)
    })?;
    let from = row.require(Field::From, cell::date)?;
    let to = row.optional(Field::To, cell::date)?;
    if let Some(to) = to.filter(|to| *to < from) {
        let col = row.column(Field::To)?;
        return Err(reject(
            col,
            row.cell(col),
            format!("till ({to}) ligger före från ({from})"),
        ));
    }
    // A shift's hours, when the list gives them: both or neither.
    let start = row.optional(Field::Time, cell::time_of_day)?;
    let end = row.optional(Field::EndTime, cell::time_of_day)?;
    let hours = match (start, end) {
        (Some(a), Some(b)) => Some((a, b)),
        (None, None) => None,
        (Some(_), None) => {
            let col = row.column(Field::Time)?;
            return Err(reject(col, row.cell(col), "klockslag utan sluttid").advise(
                "ange både klockslag och sluttid för passet, eller inget av dem (hela dagen)",
            ));
        }
        (None, Some(_)) => {
            let col = row.column(Field::EndTime)?;
            return Err(reject(col, row.cell(col), "sluttid utan klockslag").advise(
                "ange både klockslag och sluttid för passet, eller inget av dem (hela dagen)",
            ));
        }
    };
    cx.tables.assignments.push(Assignment {
        role,
        place,
        person,
        from,
        to,
        hours,
    });
    Ok(Some((from, to.unwrap_or(from))))
}

/// "Genomfört", "Pågår", "Försenat", "Ej påbörjat" and English equivalents.
pub fn note_status(text: &str) -> Option<NoteStatus> {
    // A question ("Klart?") or any other sign is no status: never guessed from its letters.
    if !text
        .trim()
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '.')
    {
        return None;
    }
    match fold(text).as_str() {
        "genomfort" | "klart" | "klar" | "done" | "completed" | "complete" => {
            Some(NoteStatus::Done)
        }
        "pagar" | "paborjat" | "ongoing" | "in progress" => Some(NoteStatus::Ongoing),
        "forsenat" | "forsenad" | "delayed" => Some(NoteStatus::Delayed),
        "ej paborjat" | "inte paborjat" | "ej startat" | "not started" => {
            Some(NoteStatus::NotStarted)
        }
        _ => None,
    }
}

/// Alone, a note may name its promise's area before the id (`Karlslund/K1`, as in a
/// region's shared notes): a note for another area is skipped. Returns the id, folded.
fn note_id_alone(catalog: &Catalog, col: usize, cell: &Cell) -> Result<String, NotUsed> {
    let text = cell.display();
    let whole = fold(&text);
    // A promise's own text may hold a "/" ("24/7"): the whole text is tried first.
    let names_a_promise = catalog
        .promises
        .iter()
        .any(|p| fold(&p.id) == whole || (!whole.is_empty() && fold(&p.text).starts_with(&whole)));
    if names_a_promise {
        return Ok(whole);
    }
    match text.split_once('/') {
        Some((area, id)) if catalog.is_own_area(area.trim()) => Ok(fold(id)),
        Some((area, _)) => Err(skip(
            Some(col),
            text.clone(),
            format!("lägesrapport för ett annat löfte ({})", area.trim()),
        )),
        None => Ok(fold(&text)),
    }
}

/// In a region run a status note names its promise before its id: `karlslund/P1` (the
/// catalog file's name) or `Karlslund/P1` (the area). A bare id is taken only when no other
/// promise of the run has a commitment with that id. Returns the id, folded.
fn note_id_in_region(n: &Neighbours, col: usize, cell: &Cell) -> Result<String, NotUsed> {
    let text = cell.display();
    if let Some((prefix, id)) = text.split_once('/') {
        return match n.member_named(prefix.trim()) {
            Some((i, _)) if i == n.own => Ok(fold(id)),
            Some((_, m)) => Err(skip(
                Some(col),
                text.clone(),
                format!("lägesrapport för löftet {}", m.key),
            )),
            None => Err(reject(
                col,
                cell,
                format!("'{}' är inget av körningens löften", prefix.trim()),
            )
            .advise("skriv katalogfilens namn eller området före /")),
        };
    }
    let id = fold(&text);
    let others = n.promise_owners(&id);
    let own = n.own_member();
    let own_has = own.is_some_and(|m| m.catalog.promises.iter().any(|p| fold(&p.id) == id));
    match (own_has, others.as_slice()) {
        (_, []) => Ok(id),
        (false, [only]) => Err(skip(
            Some(col),
            text.clone(),
            format!("lägesrapport för löftet {only}"),
        )),
        (_, _) => {
            let all: Vec<&str> = own
                .filter(|_| own_has)
                .map(|m| m.key.as_str())
                .into_iter()
                .chain(others.iter().copied())
                .collect();
            let example = all.first().copied().unwrap_or("löfte");
            Err(reject(
                col,
                cell,
                format!(
                    "id {} finns i flera av körningens löften ({})",
                    text.trim(),
                    all.join(", ")
                ),
            )
            .advise(format!(
                "skriv löftet före, t.ex. {example}/{}",
                text.trim()
            )))
        }
    }
}

fn status_note(row: &Row, cx: &mut Cx) -> Result<Used, NotUsed> {
    let col = row.column(Field::Promise)?;
    let cell = row.cell(col);
    let wanted = match cx.neighbours {
        Some(n) => note_id_in_region(n, col, cell)?,
        None => note_id_alone(cx.catalog, col, cell)?,
    };
    let promise = cx
        .catalog
        .promises
        .iter()
        .find(|p| {
            fold(&p.id) == wanted || (!wanted.is_empty() && fold(&p.text).starts_with(&wanted))
        })
        .map(|p| p.id.clone())
        // An outcome followed by status notes is named by its id.
        .or_else(|| {
            cx.catalog
                .outcomes
                .iter()
                .find(|o| fold(&o.id) == wanted)
                .map(|o| o.id.clone())
        })
        .ok_or_else(|| {
            reject(col, cell, "löftet finns inte i katalogen")
                .advise("skriv löftets id (t.ex. K1) eller början av dess text")
        })?;
    let date = row.require(Field::Date, cell::date)?;
    let status = row
        .require(Field::Status, |c| {
            note_status(&c.display()).ok_or_else(|| ValueError::NotANumber(c.display()))
        })
        .map_err(|mut n| {
            n.reason = format!("status '{}' är okänd", n.value);
            n.advise("skriv Genomfört, Pågår, Försenat eller Ej påbörjat")
        })?;
    let comment = row.text(Field::Comment).unwrap_or_default();
    cx.tables.notes.push(StatusNote {
        promise,
        date,
        status,
        comment,
    });
    Ok(Some((date, date)))
}

fn population(row: &Row, cx: &mut Cx) -> Result<Used, NotUsed> {
    let area = row.require(Field::Area, |c| {
        c.text().map(str::to_string).ok_or(ValueError::Missing)
    })?;
    let year = row.require(Field::Year, cell::year)?;
    let inhabitants = row.require(Field::Inhabitants, cell::number)?.value;
    cx.tables.population.push(Population {
        area,
        year,
        inhabitants,
        location: None,
    });
    Ok(Some(CrimeWhen::Year(year).days()))
}
