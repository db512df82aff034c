//! Ingest, CSV: a CSV file streamed as blocks of rows, never held whole in memory, so a
//! national extract of 15 million rows in one file is read in the memory of one block.
//!
//! A file is read twice, both times as a stream: [`sniff`] hashes it, finds its encoding
//! and its first line (for the separator); [`CsvBlocks`] then decodes and splits it into
//! [`SheetGrid`]s of [`BLOCK_ROWS`] rows. Every block after the first starts with the
//! sheet's first [`HEADER_SEARCH_ROWS`] rows again (its *lead*), so the row parsers find
//! the same header in every block; the lead's rows are the first block's and are counted
//! there only ([`SheetGrid::data_start`]).

use std::io::Read;
use std::sync::Arc;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use super::cell::{is_blank, Cell};
use super::header::HEADER_SEARCH_ROWS;
use super::source::{Limits, SheetGrid, SourceError};

/// Rows of a CSV file per block (plus the lead): about 10–40 MiB of cells.
pub const BLOCK_ROWS: usize = 65_536;

/// Largest CSV file read (bytes on disk): 4 GiB. A national file of ten years of reported
/// crimes (15 M rows) is 0.5 GiB. A CSV is streamed, so the workbook limit (200 MiB, set by
/// what a zip workbook unpacks to) does not apply.
pub const MAX_CSV_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// What one streamed pass over a CSV file found.
#[derive(Debug, Clone, PartialEq)]
pub struct Sniffed {
    pub size: u64,
    pub sha256: String,
    pub encoding: &'static Encoding,
    /// How the encoding is named in `lofte check`: "UTF-8", "UTF-8 med BOM", "UTF-16",
    /// "Windows-1252".
    pub encoding_name: &'static str,
    /// `;`, `,` or tab: whichever one of the first lines holds most of (`;` on a tie).
    pub delimiter: u8,
}

/// Bytes read per step of [`sniff`].
const SNIFF_CHUNK: usize = 1 << 20;

/// Bytes at the start of the file the separator is found in.
const HEAD_BYTES: usize = 64 * 1024;

/// Reads a CSV file once: its size, SHA-256, encoding and separator.
///
/// Encoding rule: a byte-order mark decides (UTF-8, or UTF-16 as Excel's "Unicode text"
/// writes); without one, a file that is valid UTF-8 throughout is UTF-8, and anything else
/// is Windows-1252, as Swedish Excel's "CSV (semikolonavgränsad)" is saved. No reading is a
/// guess between two that would both work: bytes that are not UTF-8 have only the
/// Windows-1252 reading.
pub fn sniff(mut reader: impl Read) -> std::io::Result<Sniffed> {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    let mut buf = vec![0u8; SNIFF_CHUNK];
    let (mut size, mut kept, mut valid_utf8) = (0u64, 0usize, true);
    let mut head: Vec<u8> = Vec::new();
    loop {
        let free = buf.get_mut(kept..).unwrap_or_default();
        let n = match reader.read(free) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            // A character cut off at the end of the file is not UTF-8.
            valid_utf8 &= kept == 0;
            break;
        }
        let filled = kept + n;
        let fresh = buf.get(kept..filled).unwrap_or_default();
        hasher.update(fresh);
        size += n as u64;
        let room = HEAD_BYTES.saturating_sub(head.len()).min(fresh.len());
        head.extend(fresh.iter().take(room));
        kept = 0;
        if valid_utf8 {
            match std::str::from_utf8(buf.get(..filled).unwrap_or_default()) {
                Ok(_) => {}
                // A character split between two reads: its start waits for the next read.
                Err(e) if e.error_len().is_none() => {
                    kept = filled - e.valid_up_to();
                    buf.copy_within(e.valid_up_to()..filled, 0);
                }
                Err(_) => valid_utf8 = false,
            }
        }
    }
    let (encoding, encoding_name) = encoding_of(&head, valid_utf8);
    Ok(Sniffed {
        size,
        sha256: hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        encoding,
        encoding_name,
        delimiter: delimiter_of(&first_lines(&head, encoding)),
    })
}

fn encoding_of(head: &[u8], valid_utf8: bool) -> (&'static Encoding, &'static str) {
    if head.starts_with(b"\xff\xfe") {
        (UTF_16LE, "UTF-16")
    } else if head.starts_with(b"\xfe\xff") {
        (UTF_16BE, "UTF-16")
    } else if valid_utf8 && head.starts_with(b"\xef\xbb\xbf") {
        (UTF_8, "UTF-8 med BOM")
    } else if valid_utf8 {
        (UTF_8, "UTF-8")
    } else {
        (WINDOWS_1252, "Windows-1252")
    }
}

/// The first lines (as many as a header is looked for in) of the file's first bytes.
fn first_lines(head: &[u8], encoding: &'static Encoding) -> Vec<String> {
    let (text, _) = encoding.decode_with_bom_removal(head);
    text.lines()
        .take(HEADER_SEARCH_ROWS)
        .map(str::to_string)
        .collect()
}

/// The separator: the one that one of the first lines holds most of, since a title above
/// the header ("Anmälda brott, utdrag") may hold a comma where the header has semicolons.
fn delimiter_of(lines: &[String]) -> u8 {
    let most = |d: u8| {
        lines
            .iter()
            .map(|l| l.matches(char::from(d)).count())
            .max()
            .unwrap_or(0)
    };
    [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| (most(*d), *d == b';'))
        .unwrap_or(b';')
}

/// A CSV file as one sheet named after the file, handed out a block of rows at a time.
/// Every value is text; the row parsers read numbers and dates from text as they do for
/// spreadsheets. Rows are numbered by physical line, so a quoted field with a line break
/// keeps the numbers honest (the lines it spans are empty rows).
pub struct CsvBlocks<R: Read> {
    sheet: String,
    encoding_name: &'static str,
    reader: csv::Reader<LineCounter<encoding_rs_io::DecodeReaderBytes<R, Vec<u8>>>>,
    record: csv::StringRecord,
    block_rows: usize,
    cells_per_block: u64,
    /// The sheet's first rows, repeated at the top of every later block.
    lead: Option<Vec<Vec<Cell>>>,
    /// Physical lines handed out so far.
    lines: usize,
    /// A record read past the end of the last block, waiting for the next.
    waiting: Option<(usize, Vec<Cell>)>,
    /// Each distinct text of the block being cut, stored once: an extract repeats a few
    /// hundred areas, categories and dates a million times. Per block, so the thread
    /// reading a block never counts references to the strings the next one is cut from.
    texts: foldhash::HashMap<Box<str>, Arc<str>>,
    finished: bool,
}

impl<R: Read> CsvBlocks<R> {
    /// Blocks of `block_rows` rows ([`BLOCK_ROWS`] in a run; at least [`HEADER_SEARCH_ROWS`],
    /// tests cut small files into many) of the file `name` (its stem names the sheet),
    /// decoded as [`sniff`] found.
    pub fn new(
        name: &str,
        sniffed: &Sniffed,
        reader: R,
        limits: &Limits,
        block_rows: usize,
    ) -> Self {
        let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
            .encoding(Some(sniffed.encoding))
            .utf8_passthru(true)
            .strip_bom(true)
            .build(reader);
        let reader = csv::ReaderBuilder::new()
            .delimiter(sniffed.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(LineCounter::new(decoded));
        CsvBlocks {
            sheet: name
                .rsplit_once('.')
                .map_or(name, |(stem, _)| stem)
                .to_string(),
            encoding_name: sniffed.encoding_name,
            reader,
            record: csv::StringRecord::new(),
            // The first block holds the whole lead, so every block finds the same header.
            block_rows: block_rows.max(HEADER_SEARCH_ROWS),
            cells_per_block: limits.sheet_cells,
            lead: None,
            lines: 0,
            waiting: None,
            texts: Default::default(),
            finished: false,
        }
    }

    /// The next block, or `None` after the last. The first block is the file's first rows;
    /// a file with no rows at all is one empty block.
    pub fn next_block(&mut self) -> Result<Option<SheetGrid>, SourceError> {
        if self.finished {
            return Ok(None);
        }
        let first_row = self.lines;
        self.texts.clear();
        let lead = self.lead.clone().unwrap_or_default();
        let lead_len = lead.len();
        let mut rows = lead;
        let mut cells: u64 = 0;
        while rows.len() - lead_len < self.block_rows {
            let Some((line, row)) = self.next_record()? else {
                self.finished = true;
                break;
            };
            // Lines a quoted line break spans are empty rows before this one.
            let padding = line.saturating_sub(self.lines + 1);
            if rows.len() - lead_len + padding + 1 > self.block_rows && rows.len() > lead_len {
                self.waiting = Some((line, row));
                break;
            }
            for _ in 0..padding {
                rows.push(Vec::new());
            }
            cells += row.len() as u64;
            if cells > self.cells_per_block {
                return Err(SourceError::SheetTooManyCells {
                    sheet: self.sheet.clone(),
                    limit: self.cells_per_block,
                });
            }
            rows.push(row);
            self.lines = line;
        }
        if rows.len() == lead_len && first_row > 0 {
            return Ok(None);
        }
        if self.lead.is_none() {
            self.lead = Some(rows.iter().take(HEADER_SEARCH_ROWS).cloned().collect());
        }
        Ok(Some(SheetGrid {
            name: self.sheet.clone(),
            encoding: Some(self.encoding_name),
            first_row: first_row as u32,
            first_col: 0,
            lead: lead_len,
            rows,
        }))
    }

    /// The next record and its physical line (1-based).
    fn next_record(&mut self) -> Result<Option<(usize, Vec<Cell>)>, SourceError> {
        if let Some(waiting) = self.waiting.take() {
            return Ok(Some(waiting));
        }
        let more = self
            .reader
            .read_record(&mut self.record)
            .map_err(|e| SourceError::Csv(e.to_string()))?;
        if !more {
            return Ok(None);
        }
        // The csv reader skips blank lines without counting them in its line numbers (or
        // its record's start), so the line is found from where the record ends: the line of
        // its last byte, less the line breaks inside its quoted fields.
        let end = self.reader.position().byte();
        let inside = memchr::memchr_iter(b'\n', self.record.as_slice().as_bytes()).count();
        let last_line = self.reader.get_mut().line_of(end.saturating_sub(1));
        let line = last_line.saturating_sub(inside).max(1);
        let texts = &mut self.texts;
        let row = self
            .record
            .iter()
            .map(|v| {
                if is_blank(v) {
                    return Cell::Empty;
                }
                if let Some(text) = texts.get(v) {
                    return Cell::Text(Arc::clone(text));
                }
                let text: Arc<str> = Arc::from(v);
                texts.insert(v.into(), Arc::clone(&text));
                Cell::Text(text)
            })
            .collect();
        Ok(Some((line, row)))
    }
}

/// The decoded text on its way to the csv reader, with where each line break is: the line a
/// record starts on is then known from its byte offset, blank lines included (the csv
/// reader skips those, and its own line numbers with them). Holds the breaks the reader
/// has read ahead and not yet asked about: a buffer's worth.
struct LineCounter<R> {
    inner: R,
    /// Bytes handed to the csv reader so far.
    offset: u64,
    /// Offsets of line breaks read but before no record asked about yet.
    breaks: std::collections::VecDeque<u64>,
    /// Line breaks before the last record asked about.
    lines: u64,
}

impl<R> LineCounter<R> {
    fn new(inner: R) -> Self {
        LineCounter {
            inner,
            offset: 0,
            breaks: Default::default(),
            lines: 0,
        }
    }

    /// The line (1-based) of the byte at `offset`; offsets are asked in increasing order.
    fn line_of(&mut self, offset: u64) -> usize {
        while self.breaks.front().is_some_and(|b| *b < offset) {
            self.breaks.pop_front();
            self.lines += 1;
        }
        self.lines as usize + 1
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let read = buf.get(..n).unwrap_or_default();
        let offset = self.offset;
        self.breaks
            .extend(memchr::memchr_iter(b'\n', read).map(|i| offset + i as u64));
        self.offset += n as u64;
        Ok(n)
    }
}

/// A whole CSV file as one grid (no blocks), for callers that want every sheet of a file
/// at once ([`super::read_file`]); bounded by the sheet cell limit.
pub fn read_whole(name: &str, bytes: &[u8], limits: &Limits) -> Result<SheetGrid, SourceError> {
    let sniffed = sniff(bytes).map_err(|e| SourceError::Csv(e.to_string()))?;
    let mut blocks = CsvBlocks::new(name, &sniffed, bytes, limits, usize::MAX);
    Ok(blocks.next_block()?.unwrap_or(SheetGrid {
        name: blocks.sheet.clone(),
        encoding: Some(sniffed.encoding_name),
        first_row: 0,
        first_col: 0,
        lead: 0,
        rows: vec![],
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks_of(text: &[u8], block_rows: usize) -> Vec<SheetGrid> {
        let sniffed = sniff(text).unwrap();
        let mut blocks = CsvBlocks::new("brott.csv", &sniffed, text, &Limits::DEFAULT, block_rows);
        std::iter::from_fn(|| blocks.next_block().unwrap()).collect()
    }

    #[test]
    fn blocks_repeat_the_lead_and_number_rows_by_line() {
        // 100 lines cut into blocks of 30 rows; every later block starts with lines 1–30.
        let text: String = (1..=100).map(|i| format!("rad{i};{i}\n")).collect();
        let blocks = blocks_of(text.as_bytes(), 30);
        assert_eq!(
            blocks
                .iter()
                .map(|b| (b.lead, b.rows.len()))
                .collect::<Vec<_>>(),
            [(0, 30), (30, 60), (30, 60), (30, 40)]
        );
        // The last block's own rows are lines 91–100.
        let last = &blocks[3];
        assert_eq!(last.row_number(0), 1);
        assert_eq!(last.row_number(29), 30);
        assert_eq!(last.row_number(30), 91);
        assert_eq!(last.rows[30][0], Cell::Text("rad91".into()));
        assert_eq!(last.data_start(0), 30);
        // A block size under the lead is raised to it.
        assert_eq!(blocks_of(text.as_bytes(), 4).len(), 4);
    }

    #[test]
    fn a_quoted_line_break_keeps_line_numbers_across_blocks() {
        let text = b"a;b\n\"x\ny\";1\nc;2\n";
        let blocks = blocks_of(text, 1);
        // Lines 2–3 are one record: row 2 is that record (where it starts), row 3 is empty.
        let all: Vec<(u32, Vec<Cell>)> = blocks
            .iter()
            .flat_map(|b| (b.lead..b.rows.len()).map(move |i| (b.row_number(i), b.rows[i].clone())))
            .collect();
        let numbers: Vec<u32> = all.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [1, 2, 3, 4]);
        assert_eq!(all[1].1[0], Cell::Text("x\ny".into()));
        assert!(all[2].1.is_empty());
        assert_eq!(all[3].1[0], Cell::Text("c".into()));
    }

    #[test]
    fn blank_lines_are_rows_and_keep_the_line_numbers() {
        // The csv reader skips blank lines (2, 3, 5) and numbered "b" line 2; they are empty
        // rows here, and "b" is on line 4, "c" on line 6, as an editor shows them.
        let text = b"a;1\n\n\nb;2\n\nc;3\n";
        let blocks = blocks_of(text, 30);
        let rows: Vec<(u32, Option<Cell>)> = (0..blocks[0].rows.len())
            .map(|i| (blocks[0].row_number(i), blocks[0].rows[i].first().cloned()))
            .collect();
        assert_eq!(
            rows,
            [
                (1, Some(Cell::Text("a".into()))),
                (2, None),
                (3, None),
                (4, Some(Cell::Text("b".into()))),
                (5, None),
                (6, Some(Cell::Text("c".into()))),
            ]
        );
    }

    #[test]
    fn the_encoding_is_found_when_the_first_non_utf8_byte_is_far_into_the_file() {
        // 3 MiB of ASCII, then "Ö" in Windows-1252: read past three sniff chunks.
        let mut bytes = "a;b\n".repeat(3 * 1024 * 1024 / 4).into_bytes();
        bytes.extend(b"\xd6ster;1\n");
        let sniffed = sniff(bytes.as_slice()).unwrap();
        assert_eq!(sniffed.encoding_name, "Windows-1252");
        // A UTF-8 "ö" split across the 1 MiB read boundary is still UTF-8.
        let mut split = vec![b'x'; SNIFF_CHUNK - 1];
        split.extend("ö;1\n".as_bytes());
        assert_eq!(sniff(split.as_slice()).unwrap().encoding_name, "UTF-8");
        // A character cut off at the very end is not.
        assert_eq!(sniff(&b"a;\xc3"[..]).unwrap().encoding_name, "Windows-1252");
    }

    #[test]
    fn the_separator_is_the_one_a_line_has_most_of_not_the_title_s() {
        let lines = |t: &str| t.lines().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(
            delimiter_of(&lines("Anmälda brott, utdrag\nDatum;Område;Antal")),
            b';'
        );
        assert_eq!(
            delimiter_of(&lines("Datum,Område,Antal\n2017-01-02,Öster,1")),
            b','
        );
        assert_eq!(
            delimiter_of(&lines("Datum\tOmråde\n2017-01-02\tÖster")),
            b'\t'
        );
        assert_eq!(delimiter_of(&lines("Datum")), b';');
    }

    #[test]
    fn sniff_hashes_like_the_whole_file() {
        let bytes = b"Datum;Brott\n2017-01-02;Skadeg\xf6relse\n";
        assert_eq!(
            sniff(&bytes[..]).unwrap().sha256,
            super::super::sha256_hex(bytes)
        );
        assert_eq!(sniff(&bytes[..]).unwrap().size, bytes.len() as u64);
    }
}
