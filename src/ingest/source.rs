//! Ingest, sources: turn a file's bytes (xlsx, xlsm, xls, xlsb, ods via calamine; csv) into
//! plain grids of cells, refusing files over the documented limits.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Reader};

use super::cell::Cell;

/// File extensions read as input.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods", "csv"];

/// Largest input file read (bytes on disk). Larger files are refused with a message.
pub const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;

/// Largest sheet read, in cells of its used area (rows × columns).
pub const MAX_SHEET_CELLS: u64 = 50_000_000;

/// One sheet as a grid of cells, with where the grid starts in Excel's coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetGrid {
    pub name: String,
    /// 0-based row of `rows[0]` in the sheet (a sheet may start below row 1).
    pub first_row: u32,
    /// 0-based column of `rows[i][0]`.
    pub first_col: u32,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("filen är tom (0 byte); spara om den från Excel")]
    Empty,
    #[error(
        "filen är {size} byte, mer än gränsen {MAX_FILE_BYTES} byte; dela upp den i flera filer"
    )]
    TooLarge { size: usize },
    #[error("filen kunde inte öppnas som kalkylark ({0}); kontrollera att den inte är skadad, lösenordsskyddad eller av ett annat format än filnamnet säger, och spara om den som .xlsx")]
    Unreadable(String),
    #[error("bladet '{sheet}' kunde inte läsas ({reason}); spara om filen som .xlsx")]
    Sheet { sheet: String, reason: String },
    #[error("bladet '{sheet}' har {cells} celler, mer än gränsen {MAX_SHEET_CELLS}; dela upp det")]
    SheetTooLarge { sheet: String, cells: u64 },
    #[error("CSV-filen är inte UTF-8 (byte {offset}); spara den som 'CSV UTF-8' i Excel")]
    NotUtf8 { offset: usize },
    #[error("CSV-filen kunde inte läsas: {0}")]
    Csv(String),
}

/// Reads all sheets of a file. The name's extension tells CSV from spreadsheets;
/// calamine detects which spreadsheet format it really is.
pub fn read_file(name: &str, bytes: &[u8]) -> Result<Vec<SheetGrid>, SourceError> {
    if bytes.is_empty() {
        return Err(SourceError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(SourceError::TooLarge { size: bytes.len() });
    }
    if name.to_ascii_lowercase().ends_with(".csv") {
        return read_csv(name, bytes).map(|g| vec![g]);
    }
    // calamine should never panic, but a hostile file must not take the whole run down.
    std::panic::catch_unwind(|| read_workbook(bytes)).unwrap_or_else(|_| {
        Err(SourceError::Unreadable(
            "läsaren avbröt på filens innehåll".into(),
        ))
    })
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<SheetGrid>, SourceError> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| SourceError::Unreadable(e.to_string()))?;
    let mut grids = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| SourceError::Sheet {
                sheet: name.clone(),
                reason: e.to_string(),
            })?;
        let (height, width) = range.get_size();
        let cells = height as u64 * width as u64;
        if cells > MAX_SHEET_CELLS {
            return Err(SourceError::SheetTooLarge { sheet: name, cells });
        }
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .map(|r| r.iter().map(Cell::from).collect())
            .collect();
        grids.push(SheetGrid {
            name,
            first_row,
            first_col,
            rows,
        });
    }
    Ok(grids)
}

/// A CSV file as one sheet named after the file: `;` or `,` separated (whichever the first
/// line has more of), UTF-8 with or without BOM. Every value is text; the row parsers read
/// numbers and dates from text as they do for spreadsheets.
fn read_csv(name: &str, bytes: &[u8]) -> Result<SheetGrid, SourceError> {
    let text = std::str::from_utf8(bytes).map_err(|e| SourceError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() >= first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| SourceError::Csv(e.to_string()))?;
        // Rows are numbered by physical line, so a quoted field with a line break is honest.
        let line = record
            .position()
            .map_or(rows.len() as u64 + 1, |p| p.line()) as usize;
        while rows.len() + 1 < line {
            rows.push(Vec::new());
        }
        rows.push(
            record
                .iter()
                .map(|v| {
                    if v.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(v.to_string())
                    }
                })
                .collect(),
        );
    }
    let sheet = name
        .rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .to_string();
    Ok(SheetGrid {
        name: sheet,
        first_row: 0,
        first_col: 0,
        rows,
    })
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
    fn csv_in_windows_1252_gets_a_message() {
        // "Område" in Windows-1252: the å is the single byte 0xE5.
        let bytes = b"Omr\xe5de;Antal\n";
        let err = read_file("brott.csv", bytes).unwrap_err();
        assert!(matches!(err, SourceError::NotUtf8 { offset: 3 }), "{err}");
    }

    #[test]
    fn empty_and_garbage_files_are_refused_with_a_message() {
        assert!(matches!(read_file("a.xlsx", b""), Err(SourceError::Empty)));
        let err = read_file("a.xlsx", b"this is not a spreadsheet").unwrap_err();
        assert!(matches!(err, SourceError::Unreadable(_)), "{err}");
    }
}
