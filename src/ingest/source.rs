//! Ingest, sources: turn a file's bytes (xlsx, xlsm, xlsb, xls, ods via calamine; csv) into
//! plain grids of cells, bounded by what is really in the file.
//!
//! Workbooks come from e-mail and shared drives, and a few hundred bytes can claim billions
//! of cells or strings. So before calamine sees a zip-based workbook, every part is
//! decompressed once into a counter (never into memory) and refused past [`Limits`]; the
//! shared-string count a file claims is checked against the limit; and xlsx/xlsb sheets are
//! streamed cell by cell, so a sheet is refused by its real cells and its real used area,
//! never allocated from what it claims.

use std::io::{Cursor, Read};
use std::sync::Arc;

use calamine::{open_workbook_auto_from_rs, open_workbook_from_rs, Data, Reader, Xlsb, Xlsx};

use super::cell::Cell;

/// File extensions read as input.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods", "csv"];

/// Largest input file read (bytes on disk), with the default [`Limits`].
pub const MAX_FILE_BYTES: usize = Limits::DEFAULT.file_bytes;

/// The documented bounds on what one file may make the tool read. A file over any of them
/// is refused with a message, and the other files are still read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes on disk: 200 MiB.
    pub file_bytes: usize,
    /// Parts in a zip-based workbook: 10 000.
    pub zip_entries: usize,
    /// Decompressed bytes of all parts together: 1 GiB.
    pub unpacked_bytes: u64,
    /// Shared strings a workbook may claim: 5 000 000.
    pub shared_strings: u64,
    /// Non-empty cells in one sheet: 20 000 000.
    pub sheet_cells: u64,
    /// Used area (rows × columns between the first and last non-empty cell) of one sheet:
    /// 50 000 000 cells.
    pub sheet_area: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        file_bytes: 200 * 1024 * 1024,
        zip_entries: 10_000,
        unpacked_bytes: 1024 * 1024 * 1024,
        shared_strings: 5_000_000,
        sheet_cells: 20_000_000,
        sheet_area: 50_000_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// One sheet as a grid of cells, with where the grid starts in Excel's coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetGrid {
    pub name: String,
    /// How a CSV file's text was encoded (`None` for a workbook), said in `lofte check`.
    pub encoding: Option<&'static str>,
    /// 0-based row of `rows[0]` in the sheet (a sheet may start below row 1).
    pub first_row: u32,
    /// 0-based column of `rows[i][0]`.
    pub first_col: u32,
    /// A block of a streamed CSV after its first starts with the sheet's first rows again,
    /// so the header is found in every block: `rows[..lead]` are those rows (read and
    /// counted in the first block only), `rows[lead]` is the row at `first_row`. 0 for a
    /// whole sheet.
    pub lead: usize,
    pub rows: Vec<Vec<Cell>>,
}

impl SheetGrid {
    /// The number Excel shows for `rows[i]`.
    pub fn row_number(&self, i: usize) -> u32 {
        if i < self.lead {
            i as u32 + 1
        } else {
            self.first_row + (i - self.lead) as u32 + 1
        }
    }

    /// The index of the first row this grid accounts for, below a header at `header_row`:
    /// the row after the header, or after the lead a later block repeats.
    pub fn data_start(&self, header_row: usize) -> usize {
        (header_row + 1).max(self.lead)
    }

    /// The rows this grid accounts for if it has no header: all but the lead.
    pub fn own_rows(&self) -> &[Vec<Cell>] {
        self.rows.get(self.lead..).unwrap_or(&[])
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("filen är tom (0 byte); spara om den från Excel")]
    Empty,
    #[error("filen är {size} byte, mer än gränsen {limit} byte; dela upp den i flera filer")]
    TooLarge { size: usize, limit: usize },
    #[error("filen är lösenordsskyddad (krypterad); spara en kopia utan lösenord och lägg den i indatamappen")]
    Encrypted,
    #[error("filen kunde inte öppnas som kalkylark ({0}); kontrollera att den inte är skadad eller av ett annat format än filnamnet säger, och spara om den som .xlsx")]
    Unreadable(String),
    #[error("filen packas upp till mer än gränsen {limit} byte (en s.k. zip-bomb eller en trasig fil); öppna den i Excel och spara om den, eller dela upp den")]
    Unpacked { limit: u64 },
    #[error("filen innehåller {count} delar, fler än gränsen {limit}; spara om den från Excel")]
    TooManyParts { count: usize, limit: usize },
    #[error("filen anger {claimed} delade textsträngar, fler än gränsen {limit}; spara om den från Excel")]
    SharedStrings { claimed: u64, limit: u64 },
    #[error("bladet '{sheet}' kunde inte läsas ({reason}); spara om filen som .xlsx")]
    Sheet { sheet: String, reason: String },
    #[error("bladet '{sheet}' har fler än {limit} ifyllda celler; dela upp det på flera blad eller filer")]
    SheetTooManyCells { sheet: String, limit: u64 },
    #[error("bladet '{sheet}' har data från {first} till {last}, en yta på {area} celler, mer än gränsen {limit}; ta bort innehåll långt utanför tabellen och spara om")]
    SheetTooLarge {
        sheet: String,
        first: String,
        last: String,
        area: u64,
        limit: u64,
    },
    #[error("CSV-filen kunde inte läsas: {0}")]
    Csv(String),
}

/// Reads all sheets of a file with the default [`Limits`].
pub fn read_file(name: &str, bytes: &[u8]) -> Result<Vec<SheetGrid>, SourceError> {
    read_file_with(name, bytes, &Limits::default())
}

/// Reads all sheets of a file. The name's extension tells CSV from spreadsheets; the bytes
/// tell which spreadsheet format it really is.
pub fn read_file_with(
    name: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<SheetGrid>, SourceError> {
    if bytes.is_empty() {
        return Err(SourceError::Empty);
    }
    let is_csv = is_csv_name(name);
    let limit = if is_csv {
        super::csv_file::MAX_CSV_BYTES as usize
    } else {
        limits.file_bytes
    };
    if bytes.len() > limit {
        return Err(SourceError::TooLarge {
            size: bytes.len(),
            limit,
        });
    }
    if is_csv {
        return super::csv_file::read_whole(name, bytes, limits).map(|g| vec![g]);
    }
    // calamine should never panic, but a hostile file must not take the whole run down.
    std::panic::catch_unwind(|| read_workbook(bytes, limits)).unwrap_or_else(|_| {
        Err(SourceError::Unreadable(
            "läsaren avbröt på filens innehåll".into(),
        ))
    })
}

/// Whether a file is read as CSV: by its name.
pub fn is_csv_name(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".csv")
}

const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Which container a workbook is, by its contents.
#[derive(Debug, PartialEq)]
enum Container {
    Xlsx,
    Xlsb,
    /// ODS and anything else calamine may know.
    OtherZip,
    /// An OLE compound file: a legacy .xls, or an encrypted OOXML workbook.
    Cfb,
}

/// Streams every sheet of an xlsx or xlsb workbook cell by cell. A macro, since calamine
/// gives the two readers the same cell-reader methods but no trait for them.
macro_rules! stream_sheets {
    ($reader:ty, $error:ty, $bytes:expr, $limits:expr, $unreadable:expr) => {{
        let mut wb: $reader = open_workbook_from_rs(Cursor::new($bytes))
            .map_err(|e: $error| $unreadable(e.to_string()))?;
        let names: Vec<String> = wb.sheet_names();
        names
            .into_iter()
            .map(|name| {
                let mut reader = wb
                    .worksheet_cells_reader(&name)
                    .map_err(|e| sheet_error(&name, e))?;
                let mut interner = Interner::default();
                grid_from_cells(&name, $limits, || {
                    let cell = reader.next_cell().map_err(|e| sheet_error(&name, e))?;
                    Ok(cell.map(|c| interner.cell_at(c)))
                })
            })
            .collect()
    }};
}

fn read_workbook(bytes: &[u8], limits: &Limits) -> Result<Vec<SheetGrid>, SourceError> {
    let container = if bytes.starts_with(CFB_MAGIC) {
        Container::Cfb
    } else if bytes.starts_with(ZIP_MAGIC) {
        check_zip(bytes, limits)?
    } else {
        return Err(SourceError::Unreadable(
            "filen är varken ett zip-baserat kalkylark eller en .xls-fil".into(),
        ));
    };
    if container == Container::Cfb && is_encrypted_ooxml(bytes) {
        return Err(SourceError::Encrypted);
    }
    let unreadable = |e: String| {
        if e.to_lowercase().contains("password") || e.to_lowercase().contains("encrypt") {
            SourceError::Encrypted
        } else {
            SourceError::Unreadable(e)
        }
    };
    match container {
        Container::Xlsx => stream_sheets!(Xlsx<_>, calamine::XlsxError, bytes, limits, unreadable),
        Container::Xlsb => stream_sheets!(Xlsb<_>, calamine::XlsbError, bytes, limits, unreadable),
        Container::OtherZip | Container::Cfb => {
            // .xls and .ods: calamine builds the range itself; the file-size and zip limits
            // above bound what it can be made to read.
            let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes))
                .map_err(|e| unreadable(e.to_string()))?;
            wb.sheet_names()
                .into_iter()
                .map(|name| {
                    let range = wb
                        .worksheet_range(&name)
                        .map_err(|e| sheet_error(&name, e))?;
                    let start = range.start().unwrap_or((0, 0));
                    let mut cells = range
                        .used_cells()
                        .map(|(r, c, d)| ((start.0 + r as u32, start.1 + c as u32), d.clone()));
                    grid_from_cells(&name, limits, || {
                        Ok(cells.next().map(|(pos, d)| CellAt(pos, Cell::from(d))))
                    })
                })
                .collect()
        }
    }
}

fn sheet_error(sheet: &str, e: impl std::fmt::Display) -> SourceError {
    SourceError::Sheet {
        sheet: sheet.to_string(),
        reason: e.to_string(),
    }
}

/// Encrypted OOXML workbooks are OLE files with an `EncryptedPackage` stream.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// Decompresses every part once into a counter, refusing the file past the limits, and
/// checks the shared-string count it claims. Returns which workbook format it holds.
fn check_zip(bytes: &[u8], limits: &Limits) -> Result<Container, SourceError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| SourceError::Unreadable(format!("trasig zip-fil: {e}")))?;
    if archive.len() > limits.zip_entries {
        return Err(SourceError::TooManyParts {
            count: archive.len(),
            limit: limits.zip_entries,
        });
    }
    let mut total: u64 = 0;
    let mut container = Container::OtherZip;
    for i in 0..archive.len() {
        let mut part = archive
            .by_index(i)
            .map_err(|e| SourceError::Unreadable(format!("trasig zip-fil: {e}")))?;
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        match name.as_str() {
            "xl/workbook.xml" => container = Container::Xlsx,
            "xl/workbook.bin" => container = Container::Xlsb,
            _ => {}
        }
        let budget = limits.unpacked_bytes - total;
        let broken = |e: std::io::Error| SourceError::Unreadable(format!("trasig del {name}: {e}"));
        let mut head = Vec::new();
        if name == "xl/sharedStrings.xml" {
            (&mut part)
                .take(4096)
                .read_to_end(&mut head)
                .map_err(broken)?;
        }
        let rest = std::io::copy(&mut (&mut part).take(budget + 1), &mut std::io::sink())
            .map_err(broken)?;
        total += head.len() as u64 + rest;
        if total > limits.unpacked_bytes {
            return Err(SourceError::Unpacked {
                limit: limits.unpacked_bytes,
            });
        }
        if let Some(claimed) = claimed_unique_count(&head) {
            if claimed > limits.shared_strings {
                return Err(SourceError::SharedStrings {
                    claimed,
                    limit: limits.shared_strings,
                });
            }
        }
    }
    Ok(container)
}

/// The `uniqueCount` (or `count`) attribute of a shared-strings part's `<sst>` tag.
fn claimed_unique_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let tag = &text[text.find("<sst")?..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    ["uniqueCount=\"", "count=\""]
        .iter()
        .filter_map(|attr| {
            let start = tag.find(attr)? + attr.len();
            tag[start..].split('"').next()?.parse::<u64>().ok()
        })
        .max()
}

/// A cell and its 0-based (row, column).
struct CellAt(pub (u32, u32), pub Cell);

/// One text per distinct shared string of a workbook: a region's extract repeats the same
/// area and category names a million times, and each cell then shares one allocation.
/// Keyed by where calamine keeps the string (its shared-string table lives as long as the
/// workbook), so no string is hashed.
#[derive(Default)]
struct Interner(foldhash::HashMap<(usize, usize), Arc<str>>);

impl Interner {
    fn cell_at(&mut self, c: calamine::Cell<calamine::DataRef<'_>>) -> CellAt {
        let cell = match c.get_value() {
            calamine::DataRef::SharedString(s) if !s.trim().is_empty() => {
                let text = self
                    .0
                    .entry((s.as_ptr() as usize, s.len()))
                    .or_insert_with(|| Arc::from(*s));
                Cell::Text(Arc::clone(text))
            }
            other => Cell::from(Data::from(other.clone())),
        };
        CellAt(c.get_position(), cell)
    }
}

/// Collects streamed cells straight into rows, refusing a sheet whose real cells or used
/// area exceed the limits before anything is allocated for the area. Cells arrive row by
/// row in every format calamine streams; a cell above or left of all earlier ones (rare)
/// shifts the grid instead of failing.
fn grid_from_cells(
    sheet: &str,
    limits: &Limits,
    mut next: impl FnMut() -> Result<Option<CellAt>, SourceError>,
) -> Result<SheetGrid, SourceError> {
    let mut grid = SheetGrid {
        encoding: None,
        name: sheet.to_string(),
        first_row: 0,
        first_col: 0,
        lead: 0,
        rows: Vec::new(),
    };
    // Cells in reading order (top to bottom, left to right) are placed as they come. A cell
    // above or left of the grid so far (a sheet written right to left) is set aside and the
    // grid is rebuilt once at the end: shifting it for every such cell made the work
    // quadratic, and collecting every cell first would double the memory of a large sheet.
    let mut aside: Vec<(u32, u32, Cell)> = Vec::new();
    let (mut count, mut top, mut left, mut bottom, mut right) = (0u64, 0u32, 0u32, 0u32, 0u32);
    while let Some(c) = next()? {
        let CellAt((r, c), cell) = c;
        if cell.is_empty() {
            continue;
        }
        count += 1;
        if count > limits.sheet_cells {
            return Err(SourceError::SheetTooManyCells {
                sheet: sheet.to_string(),
                limit: limits.sheet_cells,
            });
        }
        if count == 1 {
            (top, left, bottom, right) = (r, c, r, c);
            (grid.first_row, grid.first_col) = (r, c);
        }
        (top, left) = (top.min(r), left.min(c));
        (bottom, right) = (bottom.max(r), right.max(c));
        let (height, width) = (u64::from(bottom - top) + 1, u64::from(right - left) + 1);
        if height * width > limits.sheet_area {
            let at = |r: u32, c: u32| format!("{}{}", super::column_letters(c), r + 1);
            let (first, last) = (at(top, left), at(bottom, right));
            let (sheet, area, limit) = (sheet.to_string(), height * width, limits.sheet_area);
            return Err(SourceError::SheetTooLarge {
                sheet,
                first,
                last,
                area,
                limit,
            });
        }
        if r < grid.first_row || c < grid.first_col {
            aside.push((r, c, cell));
        } else {
            place(&mut grid, r, c, cell);
        }
    }
    if !aside.is_empty() {
        let placed = std::mem::take(&mut grid.rows);
        let (old_top, old_left) = (grid.first_row, grid.first_col);
        (grid.first_row, grid.first_col) = (top, left);
        for (i, row) in placed.into_iter().enumerate() {
            for (j, cell) in row.into_iter().enumerate() {
                if !cell.is_empty() {
                    place(&mut grid, old_top + i as u32, old_left + j as u32, cell);
                }
            }
        }
        for (r, c, cell) in aside {
            place(&mut grid, r, c, cell);
        }
    }
    Ok(grid)
}

/// Puts a cell into the grid at sheet position (r, c), at or below and right of its origin.
fn place(grid: &mut SheetGrid, r: u32, c: u32, cell: Cell) {
    let (Some(i), Some(j)) = (r.checked_sub(grid.first_row), c.checked_sub(grid.first_col)) else {
        return;
    };
    let (i, j) = (i as usize, j as usize);
    if grid.rows.len() <= i {
        grid.rows.resize(i + 1, Vec::new());
    }
    let Some((above, from_row)) = grid.rows.split_at_mut_checked(i) else {
        return;
    };
    if let Some(row) = from_row.first_mut() {
        if row.len() <= j {
            // A new row is usually as wide as the one above it: allocated once at that
            // width, it is not grown cell by cell (two or three reallocations a row, and up
            // to twice the room).
            if row.capacity() == 0 {
                let width_above = above.last().map_or(0, Vec::len);
                row.reserve_exact(width_above.max(j + 1));
            }
            row.resize(j + 1, Cell::Empty);
        }
        if let Some(slot) = row.get_mut(j) {
            *slot = cell;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_bom_and_semicolons() {
        let bytes = "\u{feff}Datum;Typ;Plats\n2017-03-05;Besök;Pilängskolan\n".as_bytes();
        let grids = read_file("logg.csv", bytes).unwrap();
        assert_eq!(grids[0].name, "logg");
        assert_eq!(grids[0].rows[0][0], Cell::Text("Datum".into()));
        assert_eq!(grids[0].rows[1][2], Cell::Text("Pilängskolan".into()));
    }

    #[test]
    fn csv_in_windows_1252_or_utf_16_reads_as_its_utf_8_twin() {
        // "Område;Plats\nÖster;Pilängskolan" in Windows-1252 (å = 0xE5, Ö = 0xD6, ä = 0xE4),
        // in UTF-16 with its byte-order mark and tabs (Excel's "Unicode text"), and in UTF-8.
        let twin = read_file("brott.csv", "Område;Plats\nÖster;Pilängskolan\n".as_bytes()).unwrap();
        let cp1252 =
            read_file("brott.csv", b"Omr\xe5de;Plats\n\xd6ster;Pil\xe4ngskolan\n").unwrap();
        assert_eq!(cp1252[0].rows, twin[0].rows);
        assert_eq!(
            (twin[0].encoding, cp1252[0].encoding),
            (Some("UTF-8"), Some("Windows-1252"))
        );
        let mut utf16 = vec![0xff, 0xfe];
        for unit in "Område\tPlats\r\nÖster\tPilängskolan\r\n".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        let unicode = read_file("brott.csv", &utf16).unwrap();
        assert_eq!(unicode[0].rows, twin[0].rows);
        assert_eq!(unicode[0].encoding, Some("UTF-16"));
    }

    #[test]
    fn empty_and_garbage_files_are_refused_with_a_message() {
        assert!(matches!(read_file("a.xlsx", b""), Err(SourceError::Empty)));
        let err = read_file("a.xlsx", b"this is not a spreadsheet").unwrap_err();
        assert!(matches!(err, SourceError::Unreadable(_)), "{err}");
    }

    #[test]
    fn the_claimed_shared_string_count_is_read_from_the_sst_tag() {
        let head =
            br#"<?xml version="1.0"?><sst xmlns="x" count="12" uniqueCount="4000000000"><si>"#;
        assert_eq!(claimed_unique_count(head), Some(4_000_000_000));
        assert_eq!(claimed_unique_count(b"<sst>"), None);
    }

    #[test]
    fn encrypted_packages_are_recognised() {
        let mut bytes = CFB_MAGIC.to_vec();
        bytes.extend(
            "xxEncryptedPackagexx"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        assert!(is_encrypted_ooxml(&bytes));
        assert!(!is_encrypted_ooxml(CFB_MAGIC));
    }
}
