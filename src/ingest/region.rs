//! Ingest, region: several promises from one read of the input folder. Every workbook is
//! parsed once; each promise then takes the rows of its own areas and places from the
//! parsed sheets ([`super::rows`]), and the run keeps one account of every row: used when
//! some promise uses it, otherwise rejected or skipped once, with its reason and place.

use std::path::Path;

use super::cell::Cell;
use super::header::{Field, Header};
use super::rows::{self, SheetPass};
use super::*;
use crate::catalog::Member;
use crate::names::fold;

/// The input read for a region: each promise's own tables and account, and the run's
/// account of every row, counted once.
#[derive(Debug, Default)]
pub struct RegionInput {
    /// In the order of the members; each is what a run with that promise alone would have
    /// read, except that rows another promise uses are skipped as its, not rejected.
    pub promises: Vec<Ingested>,
    /// Every file and sheet with each row counted once (tables empty).
    pub run: Ingested,
}

/// The other promises of a region run, as one promise's pass over a sheet sees them: a
/// visit at another promise's place, or a status note for another promise's commitment, is
/// skipped as that promise's, not rejected as unknown.
pub struct Neighbours<'a> {
    pub members: &'a [Member],
    /// The index of the promise whose pass this is.
    pub own: usize,
}

impl Neighbours<'_> {
    fn others(&self) -> impl Iterator<Item = &Member> {
        self.members
            .iter()
            .enumerate()
            .filter(move |(i, _)| *i != self.own)
            .map(|(_, m)| m)
    }

    /// The key of another promise whose catalog has a place of this name.
    pub fn place_owner(&self, name: &str) -> Option<&str> {
        self.others()
            .find(|m| m.catalog.place_named(name).is_some())
            .map(|m| m.key.as_str())
    }

    /// The keys of the other promises that have a commitment with this id (folded).
    pub fn promise_owners(&self, folded_id: &str) -> Vec<&str> {
        self.others()
            .filter(|m| m.catalog.promises.iter().any(|p| fold(&p.id) == folded_id))
            .map(|m| m.key.as_str())
            .collect()
    }

    /// This promise itself.
    pub fn own_member(&self) -> Option<&Member> {
        self.members.get(self.own)
    }

    /// The member a `löfte/id` prefix names (its key or its area).
    pub fn member_named(&self, name: &str) -> Option<(usize, &Member)> {
        self.members
            .iter()
            .enumerate()
            .find(|(_, m)| m.is_named(name))
    }
}

/// What became of one row over every promise's pass.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
enum Fate {
    /// Not a data row (above the header), or no pass read the sheet.
    #[default]
    Unseen,
    Empty,
    Used,
    NotUsed {
        disposition: Disposition,
        /// Index into [`RunRows::reasons`], or [`NO_PROMISE`].
        reason: u32,
        col: Option<u32>,
    },
}

/// The reason of a row every promise skipped, for different reasons (another area, a
/// category or log type only other promises count).
const NO_PROMISE: u32 = u32::MAX;
const NO_PROMISE_REASON: &str = "inget av körningens löften använder raden";

/// The run's account of one sheet's rows, added to by every promise's pass: a row is used
/// when any promise uses it; otherwise rejected when any promise rejects it (the first
/// reason given); otherwise skipped.
#[derive(Debug, Default)]
pub struct RunRows {
    fates: Vec<Fate>,
    /// Each reason given, with its advice.
    reasons: Vec<(String, Option<String>)>,
}

impl RunRows {
    fn slot(&mut self, i: usize) -> Option<&mut Fate> {
        if self.fates.len() <= i {
            self.fates.resize(i + 1, Fate::Unseen);
        }
        self.fates.get_mut(i)
    }

    pub fn empty(&mut self, i: usize) {
        self.record(i, Fate::Empty);
    }

    pub fn used(&mut self, i: usize) {
        self.record(i, Fate::Used);
    }

    pub fn not_used(
        &mut self,
        i: usize,
        disposition: Disposition,
        reason: (&str, Option<&str>),
        col: Option<usize>,
    ) {
        let this = Fate::NotUsed {
            disposition,
            reason: self.reason_index(reason),
            col: col.map(|c| c as u32),
        };
        self.record(i, this);
    }

    /// What a later pass made of row `i`, over what earlier passes made of it.
    fn record(&mut self, i: usize, this: Fate) {
        let Some(fate) = self.slot(i) else { return };
        *fate = match (*fate, this) {
            (before, Fate::Unseen) => before,
            // Every pass sees an empty row empty, and one use is enough.
            (_, Fate::Empty | Fate::Used) => this,
            (Fate::Unseen | Fate::Empty, _) => this,
            // A rejection outweighs a skip.
            (
                Fate::NotUsed {
                    disposition: Disposition::Skipped,
                    ..
                },
                Fate::NotUsed {
                    disposition: Disposition::Rejected,
                    ..
                },
            ) => this,
            // Promises that skip a row for different reasons: no promise uses it.
            (
                Fate::NotUsed {
                    disposition: Disposition::Skipped,
                    reason: before,
                    ..
                },
                Fate::NotUsed {
                    disposition: Disposition::Skipped,
                    reason: now,
                    ..
                },
            ) if before != now => Fate::NotUsed {
                disposition: Disposition::Skipped,
                reason: NO_PROMISE,
                col: None,
            },
            // Used, already rejected, or skipped for the same reason: as it was.
            (kept, _) => kept,
        };
    }

    /// Adds the account that later passes kept of the same sheet, as if they had read each
    /// row after this account's passes (so the members' order still decides).
    fn merge(&mut self, later: RunRows) {
        let RunRows { fates, reasons } = later;
        let index: Vec<u32> = reasons
            .iter()
            .map(|(r, a)| self.reason_index((r, a.as_deref())))
            .collect();
        for (i, fate) in fates.into_iter().enumerate() {
            let fate = match fate {
                Fate::NotUsed {
                    disposition,
                    reason,
                    col,
                } => Fate::NotUsed {
                    disposition,
                    reason: index.get(reason as usize).copied().unwrap_or(NO_PROMISE),
                    col,
                },
                other => other,
            };
            self.record(i, fate);
        }
    }

    fn reason_index(&mut self, (reason, advice): (&str, Option<&str>)) -> u32 {
        // Few reasons per sheet, and the last one is usually the one seen again.
        if let Some(i) = self
            .reasons
            .iter()
            .rposition(|(r, a)| r == reason && a.as_deref() == advice)
        {
            return i as u32;
        }
        self.reasons
            .push((reason.to_string(), advice.map(str::to_string)));
        (self.reasons.len() - 1) as u32
    }

    /// The run's report of the sheet, from every promise's report of it (in member order).
    pub fn finish(self, file: &str, grid: &SheetGrid, passes: &[&SheetReport]) -> SheetReport {
        let Some(read) = passes.iter().find(|p| p.kind.is_some()) else {
            // No promise read the sheet: its account does not depend on the promise.
            return passes.first().map(|p| (*p).clone()).unwrap_or_default();
        };
        let mut report = SheetReport {
            sheet: grid.name.clone(),
            encoding: grid.encoding.map(str::to_string),
            kind: read.kind,
            header_row: read.header_row,
            first_date: passes.iter().filter_map(|p| p.first_date).min(),
            last_date: passes.iter().filter_map(|p| p.last_date).max(),
            ..Default::default()
        };
        for (i, fate) in self.fates.iter().enumerate() {
            let row = grid.row_number(i);
            match *fate {
                Fate::Unseen => continue,
                Fate::Empty => {
                    report.skipped += 1;
                    report.empty += 1;
                }
                Fate::Used => report.used += 1,
                Fate::NotUsed {
                    disposition,
                    reason,
                    col,
                } => {
                    match disposition {
                        Disposition::Rejected => report.rejected += 1,
                        Disposition::Skipped => report.skipped += 1,
                    }
                    let (reason, advice) = self
                        .reasons
                        .get(reason as usize)
                        .map_or((NO_PROMISE_REASON, None), |(r, a)| {
                            (r.as_str(), a.as_deref())
                        });
                    let value = col
                        .and_then(|c| grid.rows.get(i).and_then(|r| r.get(c as usize)))
                        .map(|c| c.display())
                        .unwrap_or_default();
                    if rows::count_reason(
                        &mut report.reasons,
                        disposition,
                        (reason, advice),
                        &value,
                        row,
                    ) {
                        report.issues.push(RowIssue {
                            location: Location {
                                file: file.to_string(),
                                sheet: grid.name.clone(),
                                row,
                                column: col.map(|c| column_letters(grid.first_col + c)),
                            },
                            disposition,
                            value,
                            reason: reason.to_string(),
                            advice: advice.map(str::to_string),
                        });
                    }
                }
            }
            report.read += 1;
        }
        report
    }
}

/// A sheet whose rows carry their area (crime in long form, survey respondents, a log),
/// shared out among the promises once: each promise's pass reads only the rows of areas
/// its catalog knows and counts the rest in bulk as another area's, so a region of 30
/// promises reads each row about once instead of 30 times.
pub struct Partition {
    kind: Kind,
    header_row: usize,
    area_col: usize,
    areas: Vec<Area>,
    /// The rows every pass reads: empty, or without an area (each pass says why it skips).
    empty: Vec<u32>,
}

/// One area as the sheet writes it.
struct Area {
    /// As written ("" for an empty cell).
    name: String,
    /// Which members' catalogs know it (their own area, a part of it, or an outcome's).
    known: Vec<bool>,
    /// Its rows (indices into the grid), in order; never empty.
    rows: Vec<u32>,
}

/// Which members know an area, by folded name: every name each member's
/// [`crate::catalog::Catalog::area_names`] gives, indexed once per run, so a name met in a
/// file is folded once instead of matched against 290 catalogs.
pub struct AreaIndex {
    members: usize,
    by_folded: foldhash::HashMap<String, Vec<bool>>,
}

impl AreaIndex {
    pub fn new(members: &[Member]) -> Self {
        let mut by_folded: foldhash::HashMap<String, Vec<bool>> = Default::default();
        for (i, member) in members.iter().enumerate() {
            for name in member.catalog.area_names() {
                let known = by_folded
                    .entry(fold(name))
                    .or_insert_with(|| vec![false; members.len()]);
                if let Some(k) = known.get_mut(i) {
                    *k = true;
                }
            }
        }
        AreaIndex {
            members: members.len(),
            by_folded,
        }
    }

    /// Which members know the area a row names.
    fn known(&self, name: &str) -> Vec<bool> {
        self.by_folded
            .get(&fold(name))
            .cloned()
            .unwrap_or_else(|| vec![false; self.members])
    }
}

/// The run's [`AreaIndex`] with what one file has asked of it, per name as the file writes
/// it: a name met in every block is folded once.
struct AreaLookup<'a> {
    index: &'a AreaIndex,
    seen: foldhash::HashMap<String, Vec<bool>>,
}

impl<'a> AreaLookup<'a> {
    fn new(index: &'a AreaIndex) -> Self {
        AreaLookup {
            index,
            seen: Default::default(),
        }
    }

    /// Which members know the area a row names.
    fn known(&mut self, name: &str) -> &[bool] {
        let index = self.index;
        self.seen
            .entry(name.to_string())
            .or_insert_with(|| index.known(name))
    }
}

/// Why a row without an area is used by no promise of a region.
pub const MISSING_AREA: &str =
    "området saknas: när indatamappen har flera löften måste varje rad ange sitt område";

impl Partition {
    /// The partition of a crime, respondent or log sheet with an Område column.
    /// `areas` tells which members know an area name (matching a name against every
    /// catalog is the costly part).
    fn of(grid: &SheetGrid, header: &Header, areas: &mut AreaLookup) -> Option<Partition> {
        let shared_by_area = matches!(
            header.kind,
            Kind::CrimeLong | Kind::SurveyRespondent | Kind::Log
        );
        let area_col = header.col(Field::Area).filter(|_| shared_by_area)?;
        let mut index: foldhash::HashMap<String, u32> = Default::default();
        let mut p = Partition {
            kind: header.kind,
            header_row: header.row,
            area_col,

            areas: vec![],
            empty: vec![],
        };
        for (i, row) in grid
            .rows
            .iter()
            .enumerate()
            .skip(grid.data_start(header.row))
        {
            let cell = row.get(area_col).unwrap_or(&Cell::Empty);
            // Empty rows, and rows without an area (a totals row, a note below the table, a
            // row missing its area), are read by every pass: each says why it skips them.
            if cell.is_empty() || row.iter().all(Cell::is_empty) {
                p.empty.push(i as u32);
                continue;
            }
            let shown = cell.shown();
            let name = shown.as_ref();
            let g = match index.get(name) {
                Some(g) => *g,
                None => {
                    let g = p.areas.len() as u32;
                    p.areas.push(Area {
                        name: name.to_string(),
                        known: areas.known(name).to_vec(),
                        rows: vec![],
                    });
                    index.insert(name.to_string(), g);
                    g
                }
            };
            if let Some(a) = p.areas.get_mut(g as usize) {
                a.rows.push(i as u32);
            }
        }
        Some(p)
    }

    /// Does a pass that found this header read the sheet the partition was made from?
    pub fn fits(&self, header: &Header) -> bool {
        header.kind == self.kind
            && header.row == self.header_row
            && header.col(Field::Area) == Some(self.area_col)
    }

    /// The rows member `member`'s pass reads, in order: its areas' rows, the empty rows and
    /// the rows without an area.
    pub fn rows_for(&self, member: usize) -> Vec<usize> {
        let known = |a: &&Area| a.known.get(member).copied().unwrap_or(false);
        let mut rows: Vec<usize> = self
            .areas
            .iter()
            .filter(known)
            .flat_map(|a| a.rows.iter())
            .chain(self.empty.iter())
            .map(|i| *i as usize)
            .collect();
        rows.sort_unstable();
        rows
    }

    /// Rows of areas no promise knows: in the run's account, used by no promise.
    pub fn mark_unclaimed(&self, run: &mut RunRows) {
        let unclaimed = self.areas.iter().filter(|a| !a.known.contains(&true));
        for i in unclaimed.flat_map(|a| a.rows.iter()) {
            run.not_used(
                *i as usize,
                Disposition::Skipped,
                (NO_PROMISE_REASON, None),
                Some(self.area_col),
            );
        }
    }

    /// Adds to a member's report the rows its pass did not read: skipped as another area's,
    /// counted with their first and last row and example areas.
    /// They are not listed one by one: in a region most rows are another promise's, and the
    /// run's account lists every row no promise uses.
    pub fn count_others(
        &self,
        member: usize,
        catalog: &crate::catalog::Catalog,
        grid: &SheetGrid,
        report: &mut SheetReport,
    ) {
        let reason = format!("annat område än löftets ({})", catalog.area);
        let areas: Vec<&Area> = self
            .areas
            .iter()
            .filter(|a| !a.known.get(member).copied().unwrap_or(false))
            .collect();
        let rows: usize = areas.iter().map(|a| a.rows.len()).sum();
        if rows == 0 {
            return;
        }
        report.read += rows;
        report.skipped += rows;
        let first_row = areas.iter().filter_map(|a| a.rows.first()).min();
        let last_row = areas.iter().filter_map(|a| a.rows.last()).max();
        let (first_row, last_row) = (
            first_row.map_or(0, |i| grid.row_number(*i as usize)),
            last_row.map_or(0, |i| grid.row_number(*i as usize)),
        );
        match report.reasons.iter_mut().find(|r| r.reason == reason) {
            Some(r) => {
                r.rows += rows;
                r.first_row = r.first_row.min(first_row);
                r.last_row = r.last_row.max(last_row);
            }
            None => report.reasons.push(ReasonCount {
                disposition: Disposition::Skipped,
                reason,
                advice: None,
                rows,
                first_row,
                last_row,
                examples: areas
                    .iter()
                    .map(|a| a.name.clone())
                    .take(EXAMPLES_PER_REASON)
                    .collect(),
            }),
        }
    }
}

/// Rows per block of a sheet that every promise's pass reads in turn: a block's cells
/// (a few hundred bytes a row) stay in the cache while 30 passes take their rows from it.
const BLOCK_ROWS: usize = 2048;

/// Every member's pass over one sheet, begun on its first block (a workbook's sheet is one
/// block; a CSV's later blocks are read by the same passes, [`read_block`]).
fn begin_passes<'a>(
    name: &'a str,
    grid: &SheetGrid,
    neighbours: &'a [Neighbours<'a>],
) -> Passes<'a> {
    neighbours
        .iter()
        .filter_map(|n| n.own_member().map(|m| (m, n)))
        .map(|(m, n)| SheetPass::start(name, grid, &m.catalog, Some(n)))
        .collect()
}

/// Each member's pass over a sheet, or its report of a sheet it cannot read.
type Passes<'a> = Vec<Result<SheetPass<'a>, Box<SheetReport>>>;

/// One block of a sheet, by every member's pass block by block: each member reads its own
/// rows (its areas' rows when the sheet is shared out by area, else every row below its
/// header). Returns the run's account of the block.
fn read_block(
    name: &str,
    grid: &SheetGrid,
    passes: &mut Passes,
    (neighbours, areas): (&[Neighbours], &mut AreaLookup),
    later: bool,
) -> SheetReport {
    if later {
        for (pass, n) in passes.iter_mut().zip(neighbours) {
            match pass {
                Ok(pass) => pass.next_block(grid),
                Err(unread) => {
                    if let Some(m) = n.own_member() {
                        rows::unread_block(unread, name, grid, &m.catalog, Some(n));
                    }
                }
            }
        }
    }
    let mut run = RunRows::default();
    // Shared out by the header the first reading pass found (the others check it fits).
    let header = passes
        .iter()
        .find_map(|p| p.as_ref().ok().map(|p| &p.header));
    let partition = header.and_then(|h| Partition::of(grid, h, areas));
    if let Some(p) = &partition {
        p.mark_unclaimed(&mut run);
    }
    let shared = |pass: &SheetPass| partition.as_ref().filter(|p| p.fits(&pass.header));
    let row_lists: Vec<Vec<usize>> = passes
        .iter()
        .enumerate()
        .map(|(own, pass)| match pass {
            Ok(pass) => match shared(pass) {
                Some(p) => p.rows_for(own),
                None => (grid.data_start(pass.header.row)..grid.rows.len()).collect(),
            },
            Err(_) => vec![],
        })
        .collect();
    read_in_parts(
        passes,
        &row_lists,
        grid,
        &mut run,
        rayon::current_num_threads().min(MAX_PARTS),
    );
    for (own, (pass, n)) in passes.iter_mut().zip(neighbours).enumerate() {
        if let (Ok(pass), Some(m)) = (pass, n.own_member()) {
            if let Some(p) = shared(pass) {
                p.count_others(own, &m.catalog, grid, &mut pass.report);
            }
        }
    }
    let reports: Vec<&SheetReport> = passes
        .iter()
        .map(|p| match p {
            Ok(pass) => &pass.report,
            Err(unread) => &**unread,
        })
        .collect();
    run.finish(name, grid, &reports)
}

/// At most this many parts read one sheet side by side: each part keeps an account of the
/// whole sheet's rows (16 bytes a row), so a machine with many cores must not multiply it.
const MAX_PARTS: usize = 4;

/// Reads the passes in up to `parts` parts side by side, each with its own account of the
/// rows, merged in the members' order: the last sheets of a run would otherwise keep one
/// core busy for a third of a second while the other has nothing left to read.
fn read_in_parts(
    passes: &mut [Result<SheetPass, Box<SheetReport>>],
    lists: &[Vec<usize>],
    grid: &SheetGrid,
    run: &mut RunRows,
    parts: usize,
) {
    if parts < 2 || passes.len() < 2 {
        return read_in_blocks(passes, lists, grid, run);
    }
    let mid = half_of_the_rows(lists).clamp(1, passes.len() - 1);
    let (first, later) = passes.split_at_mut(mid);
    let (first_lists, later_lists) = lists.split_at(mid);
    let mut later_run = RunRows::default();
    rayon::join(
        || read_in_parts(first, first_lists, grid, run, parts / 2),
        || read_in_parts(later, later_lists, grid, &mut later_run, parts - parts / 2),
    );
    run.merge(later_run);
}

/// The number of lists that together hold about half of all their rows.
fn half_of_the_rows(lists: &[Vec<usize>]) -> usize {
    let total: usize = lists.iter().map(Vec::len).sum();
    let mut sum = 0;
    lists
        .iter()
        .position(|l| {
            sum += l.len();
            2 * sum >= total
        })
        .map_or(lists.len() / 2, |i| i + 1)
}

/// Reads each pass's rows (`lists`, in order, indices into the grid) block by block, and
/// within a block row by row, each row by its passes in the members' order. Each pass
/// first reserves room for all its rows.
///
/// Row by row because a shared-out sheet gives each row to one pass: pass by pass, every
/// row would be a jump in memory (a cache miss for the row and one for its cells); in the
/// sheet's order the processor fetches the next rows ahead.
fn read_in_blocks(
    passes: &mut [Result<SheetPass, Box<SheetReport>>],
    lists: &[Vec<usize>],
    grid: &SheetGrid,
    run: &mut RunRows,
) {
    let rows = grid.rows.len();
    for (pass, list) in passes.iter_mut().zip(lists) {
        if let Ok(pass) = pass {
            pass.reserve(list.len());
        }
    }
    let mut next = vec![0; passes.len()];
    let mut order: Vec<(usize, usize)> = Vec::new();
    for block_end in (1..=rows.div_ceil(BLOCK_ROWS)).map(|b| b * BLOCK_ROWS) {
        order.clear();
        for (member, (list, next)) in lists.iter().zip(&mut next).enumerate() {
            while let Some(&i) = list.get(*next).filter(|i| **i < block_end) {
                order.push((i, member));
                *next += 1;
            }
        }
        // By row, then member: a row read by several passes is read in the members' order
        // (the pairs are unique, so an unstable sort gives that one order).
        order.sort_unstable();
        for &(i, member) in &order {
            if let Some(Ok(pass)) = passes.get_mut(member) {
                pass.read_row(grid, i, Some(run));
            }
        }
    }
}

/// A file parsed, not yet shared out to the members: the run's report of it (with its
/// error, if it could not be read) and its sheets, or a CSV file that is streamed to the
/// members a block at a time.
struct Parsed {
    run: FileReport,
    sheets: Sheets,
}

enum Sheets {
    Grids(Vec<SheetGrid>),
    Csv(PathBuf),
}

/// Parses a file's bytes into its sheets.
fn parse(name: &str, bytes: &[u8]) -> Parsed {
    let mut run = file_report(name, bytes);
    let sheets = sheets_of(name, bytes);
    // A file that cannot be read is so for every promise.
    run.error = sheets.as_ref().err().cloned();
    Parsed {
        run,
        sheets: Sheets::Grids(sheets.unwrap_or_default()),
    }
}

/// Each member's pass over every sheet of a parsed file. Returns the run's report of the
/// file and each member's report and tables.
fn share_out(
    parsed: Parsed,
    members: &[Member],
    areas: &AreaIndex,
) -> (FileReport, Vec<(FileReport, Tables)>) {
    let Parsed { mut run, sheets } = parsed;
    let name = run.file.clone();
    let name = name.as_str();
    let neighbours: Vec<Neighbours> = (0..members.len())
        .map(|own| Neighbours { members, own })
        .collect();
    let mut each: Vec<(FileReport, Tables)> = members
        .iter()
        .map(|_| (run.clone(), Tables::default()))
        .collect();
    let mut areas = AreaLookup::new(areas);
    match sheets {
        Sheets::Grids(grids) => {
            for grid in grids {
                let mut passes = begin_passes(name, &grid, &neighbours);
                let ctx = (&neighbours[..], &mut areas);
                run.sheets
                    .push(read_block(name, &grid, &mut passes, ctx, false));
                hand_over(passes, &mut each);
            }
        }
        Sheets::Csv(path) => {
            let ctx = (&neighbours[..], &mut areas);
            share_out_csv(&path, name, ctx, &mut run, &mut each);
        }
    }
    (run, each)
}

/// A CSV file streamed block by block to every member's pass, begun on the first block.
/// A file that fails part way gives its error and no rows, as in a run alone.
fn share_out_csv(
    path: &Path,
    name: &str,
    (neighbours, areas): (&[Neighbours], &mut AreaLookup),
    run: &mut FileReport,
    each: &mut [(FileReport, Tables)],
) {
    let open = || std::fs::File::open(path).map(std::io::BufReader::new);
    let mut passes: Option<Passes> = None;
    let mut sheet: Option<SheetReport> = None;
    let streamed = stream_csv(name, run.size, open, csv_file::BLOCK_ROWS, |grid| {
        let later = passes.is_some();
        let passes = passes.get_or_insert_with(|| begin_passes(name, grid, neighbours));
        let block = read_block(name, grid, passes, (neighbours, &mut *areas), later);
        match sheet.as_mut() {
            Some(sheet) => sheet.absorb(block),
            None => sheet = Some(block),
        }
    });
    (run.size, run.sha256) = (streamed.size, streamed.sha256);
    for (report, _) in each.iter_mut() {
        (report.size, report.sha256) = (run.size, run.sha256.clone());
        report.error.clone_from(&streamed.error);
    }
    match streamed.error {
        Some(error) => run.error = Some(error),
        None => {
            run.sheets.extend(sheet);
            hand_over(passes.unwrap_or_default(), each);
        }
    }
}

/// Each member's account of a sheet and the rows it took, added to its file's.
fn hand_over(passes: Passes, each: &mut [(FileReport, Tables)]) {
    for (pass, (report, tables)) in passes.into_iter().zip(each.iter_mut()) {
        let sheet = match pass {
            Ok(pass) => {
                let (sheet, read) = pass.finish();
                tables.append(read);
                sheet
            }
            Err(unread) => *unread,
        };
        report.sheets.push(sheet);
    }
}

/// At most this many parsed files wait to be shared out (a parsed file may take tens of
/// megabytes). Measured on the region workload (benches/promises.sh, docs/benchmark.md):
/// with 2, the last file's parse still ran alone for a fifth of a second; with 4, thirty
/// promises read 0.05 s faster, and the peak grew by 10–20 MiB for thirty promises and by
/// 65 MiB (to 181 MiB) for one promise in a region, whose parsed files now wait longer.
const MAX_PARSED_WAITING: usize = 4;

/// Reads every input file of a folder once for all `members`, several files at a time.
pub fn read_folder_region(
    dir: &Path,
    members: &[Member],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> std::io::Result<RegionInput> {
    let listing = input_files(dir)?;
    let areas = AreaIndex::new(members);
    // Parsing a file keeps one core busy; sharing its rows out to the members can wait,
    // and then fills the time a core would otherwise wait for the last file's parse.
    let read = crate::parallel::map_in_two_steps(
        &listing.files,
        |p| file_size(p),
        MAX_PARSED_WAITING,
        progress,
        |path| {
            let name = file_name(path);
            if is_csv_name(&name) {
                // Streamed when shared out: never held whole.
                return Parsed {
                    run: FileReport::unread(name, file_size(path), None),
                    sheets: Sheets::Csv(path.to_path_buf()),
                };
            }
            read_path_with(path, parse, |run| Parsed {
                run,
                sheets: Sheets::Grids(vec![]),
            })
        },
        |parsed| share_out(parsed, members, &areas),
    );
    let with_listing = || Ingested {
        outside_links: listing.outside_links.clone(),
        open_in_excel: listing.open_in_excel.clone(),
        ..Default::default()
    };
    let mut input = RegionInput {
        promises: members.iter().map(|_| with_listing()).collect(),
        run: with_listing(),
    };
    let mut parts: Vec<Vec<Tables>> = members.iter().map(|_| Vec::new()).collect();
    for (run, each) in read {
        input.run.files.push(run);
        for (((report, tables), promise), parts) in
            each.into_iter().zip(&mut input.promises).zip(&mut parts)
        {
            parts.push(tables);
            promise.files.push(report);
        }
    }
    // Each promise's tables and survey answers are its own: gathered side by side.
    {
        use rayon::prelude::*;
        input
            .promises
            .par_iter_mut()
            .zip(parts)
            .zip(members)
            .for_each(|((promise, parts), member)| {
                promise.tables = Tables::concat(parts);
                promise.survey_answers = super::answers::answers(&member.catalog, &promise.tables);
            });
    }
    // Every promise's log and crime data reach as far as the shared workbooks do, as in a
    // run alone (a promise's pass does not visit the other areas' rows). Status notes are
    // each promise's own.
    let latest: Vec<_> = input
        .promises
        .iter()
        .flat_map(|p| p.tables.latest_days())
        .filter(|(source, _)| *source != crate::catalog::Source::Lagesrapporter)
        .collect();
    for promise in &mut input.promises {
        for (source, day) in &latest {
            promise.tables.note_shared(*source, *day);
        }
    }
    // A figure that collides for a promise is rejected in the run's account too, once.
    let mut marked = std::collections::HashSet::new();
    for promise in &mut input.promises {
        for (place, what, reason) in reject_collisions(promise) {
            if marked.insert(place.to_string()) {
                mark_rejected(&mut input.run.files, &place, &what, &reason);
            }
        }
    }
    Ok(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What one member's pass made of one row.
    #[derive(Clone, Copy)]
    enum Event {
        Used,
        Skip(&'static str),
        Reject(&'static str),
    }

    fn apply(run: &mut RunRows, row: usize, event: Event) {
        match event {
            Event::Used => run.used(row),
            Event::Skip(why) => run.not_used(row, Disposition::Skipped, (why, None), Some(1)),
            Event::Reject(why) => run.not_used(row, Disposition::Rejected, (why, None), Some(2)),
        }
    }

    /// Each row's fate as words: (disposition, reason), or "used"/"unseen".
    fn outcome(run: &RunRows) -> Vec<String> {
        run.fates
            .iter()
            .map(|f| match f {
                Fate::Unseen => "unseen".to_string(),
                Fate::Empty => "empty".to_string(),
                Fate::Used => "used".to_string(),
                Fate::NotUsed {
                    disposition,
                    reason,
                    ..
                } => {
                    let why = run
                        .reasons
                        .get(*reason as usize)
                        .map_or(NO_PROMISE_REASON, |(r, _)| r.as_str());
                    format!("{disposition:?}: {why}")
                }
            })
            .collect()
    }

    #[test]
    fn passes_read_in_two_parts_and_merged_give_the_account_of_one_part() {
        use Event::*;
        // Rows × members (four members, in order). The cases: used by the last member only;
        // skipped by all for one reason; skipped for different reasons (no promise uses
        // it); a rejection after skips, in the later part; two rejections (the first
        // member's reason wins); a row the first part never saw.
        let rows: [[Option<Event>; 4]; 6] = [
            [
                Some(Skip("a")),
                Some(Skip("a")),
                Some(Skip("a")),
                Some(Used),
            ],
            [Some(Skip("a")), None, Some(Skip("a")), None],
            [Some(Skip("a")), None, Some(Skip("b")), None],
            [Some(Skip("a")), None, None, Some(Reject("x"))],
            [None, Some(Reject("y")), Some(Reject("x")), None],
            [None, None, Some(Skip("b")), Some(Skip("b"))],
        ];
        let mut whole = RunRows::default();
        let (mut first, mut later) = (RunRows::default(), RunRows::default());
        for (row, events) in rows.iter().enumerate() {
            for (member, event) in events.iter().enumerate() {
                let Some(event) = *event else { continue };
                apply(&mut whole, row, event);
                let part = if member < 2 { &mut first } else { &mut later };
                apply(part, row, event);
            }
        }
        first.merge(later);
        let expected = [
            "used",
            "Skipped: a",
            &format!("Skipped: {NO_PROMISE_REASON}"),
            "Rejected: x",
            "Rejected: y",
            "Skipped: b",
        ];
        assert_eq!(outcome(&whole), expected);
        assert_eq!(outcome(&first), expected);
    }
}
