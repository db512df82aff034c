//! Ingest, values: one spreadsheet cell and how dates, months, years and numbers are read
//! from the many ways analysts write them.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

/// 23:59, the time a bare date stands for when a moment is asked (a case done "that day").
const END_OF_DAY: NaiveTime = match NaiveTime::from_hms_opt(23, 59, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// A cell as the ingest stage sees it, whatever the file format.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    /// Text, shared between cells that hold the same shared string.
    Text(std::sync::Arc<str>),
    Number(f64),
    /// An Excel date cell, already converted from the 1900 or 1904 system.
    Date(NaiveDateTime),
    Bool(bool),
    /// An Excel error value such as `#REF!`.
    Error(String),
}

/// Is a text blank (only whitespace, of any kind)? Trimmed only when it could be: nearly
/// every value starts with a letter or digit, and this is asked of every cell of every row.
pub fn is_blank(text: &str) -> bool {
    match text.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii() && !b.is_ascii_whitespace() => false,
        Some(_) => text.trim().is_empty(),
    }
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => is_blank(t),
            _ => false,
        }
    }

    /// The cell as the user sees it, for messages.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => format!("{n}"),
            Cell::Date(d) if d.time() == chrono::NaiveTime::MIN => d.date().to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d %H:%M").to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }

    /// [`Cell::display`] without a copy when the cell is text: for names looked up once per
    /// row, a million times in a region's extract.
    pub fn shown(&self) -> std::borrow::Cow<'_, str> {
        match self.text() {
            Some(t) => std::borrow::Cow::Borrowed(t),
            None => std::borrow::Cow::Owned(self.display()),
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) if !t.trim().is_empty() => Some(t.trim()),
            _ => None,
        }
    }
}

impl From<calamine::Data> for Cell {
    /// Takes the value over without copying its text.
    fn from(d: calamine::Data) -> Self {
        use calamine::Data;
        match d {
            Data::Empty => Cell::Empty,
            Data::Int(i) => Cell::Number(i as f64),
            Data::Float(f) => Cell::Number(f),
            Data::String(s) if s.trim().is_empty() => Cell::Empty,
            Data::String(s) => Cell::Text(s.into()),
            Data::Bool(b) => Cell::Bool(b),
            // calamine's conversion panics (inside chrono) on a serial far outside Excel's
            // range, as a corrupt or hand-edited workbook can hold: such a serial stays a
            // number here, and the date reader rejects it with its place.
            Data::DateTime(dt) if dt.is_datetime() && in_excel_range(dt.as_f64()) => {
                match dt.as_datetime() {
                    Some(d) => Cell::Date(d),
                    None => Cell::Number(dt.as_f64()),
                }
            }
            Data::DateTime(dt) => Cell::Number(dt.as_f64()),
            Data::DateTimeIso(s) => match parse_date_text(&s) {
                Some(d) => Cell::Date(d.and_time(chrono::NaiveTime::MIN)),
                None => Cell::Text(s.into()),
            },
            Data::DurationIso(s) => Cell::Text(s.into()),
            Data::Error(e) => Cell::Error(format!("{e}")),
        }
    }
}

/// Why a value could not be read; the text becomes the row's rejection reason.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
/// Why a value could not be read. The messages never repeat the value: it stands beside the
/// reason in the data-quality listing (the workbook), and a reason can then be counted as one
/// kind however many different values it met — and a name typed into a date column never
/// reaches the council's PDF.
pub enum ValueError {
    #[error("värdet saknas")]
    Missing,
    #[error("värdet är markerat som saknat eller skyddat")]
    MarkedMissing(String),
    #[error("går inte att läsa som datum (skriv t.ex. 2017-03-05 eller 5 mars 2017)")]
    NotADate(String),
    #[error("går inte att läsa som månad (skriv t.ex. 2017-03 eller mars 2017)")]
    NotAMonth(String),
    #[error("går inte att läsa som år (skriv t.ex. 2017)")]
    NotAYear(String),
    #[error("går inte att läsa som tal")]
    NotANumber(String),
    #[error("cellen innehåller Excel-felet {0}")]
    ExcelError(String),
    #[error("går inte att läsa som klockslag (skriv t.ex. 18:30)")]
    NotATime(String),
    #[error("går inte att läsa som datum och klockslag (skriv t.ex. 2018-03-05 14:30)")]
    NotADateTime(String),
    #[error("tvåsiffrigt år: skriv året med fyra siffror (t.ex. 5/3 2017), annars går det inte att veta vilket sekel som menas")]
    TwoDigitYear(String),
}

/// Excel's dates run from serial 0 (1900-01-00) to 2 958 465 (9999-12-31); time of day is
/// the fraction.
const EXCEL_LAST_SERIAL: f64 = 2_958_466.0;

/// Whether a date cell's serial lies in Excel's range (NaN and infinities do not).
fn in_excel_range(serial: f64) -> bool {
    (0.0..EXCEL_LAST_SERIAL).contains(&serial)
}

/// Days from Excel's 1900 epoch (1899-12-30, which absorbs the 1900 leap-year bug) to a date.
fn from_excel_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    // Serials below 61 lie before the phantom 1900-02-29 and are one day off.
    let days = if serial < 61.0 { serial + 1.0 } else { serial };
    epoch.checked_add_days(chrono::Days::new(days.floor() as u64))
}

const MONTHS_SV: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month name or its three-letter abbreviation in Swedish or English ("mars", "okt", "Oct").
fn month_number(word: &str) -> Option<u32> {
    let w = crate::names::fold(word.trim_end_matches('.'));
    if w.len() < 3 {
        return None;
    }
    MONTHS_SV
        .iter()
        .zip(MONTHS_EN.iter())
        .position(|(sv, en)| sv.starts_with(w.as_str()) || en.starts_with(w.as_str()))
        .map(|i| i as u32 + 1)
}

/// Years the data can speak of; anything else is a typo, never a date to compute with (a
/// year like 2017033 would overflow the calendar, 17 would be read as the year 17).
pub fn plausible_year(y: i32) -> bool {
    (1900..=2200).contains(&y)
}

/// Reads a date written as text: ISO (`2017-03-05`, with or without a time),
/// `5 mars 2017`, `5/3 2017`, `5/3/2017` and `05.03.2017` (day before month, as in Sweden).
/// The year must have four digits and lie in 1900–2200.
pub fn parse_date_text(s: &str) -> Option<NaiveDate> {
    parse_any_date_text(s).filter(|d| plausible_year(d.year()))
}

/// A date written with a two-digit year (`5/3 17`, `05.03.17`): which century is meant
/// cannot be told, so it is refused with its own message.
fn has_two_digit_year(s: &str) -> bool {
    let parts: Vec<&str> = s
        .trim()
        .split(|c: char| c.is_whitespace() || c == '/' || c == '.' || c == '-')
        .filter(|p| !p.is_empty())
        .collect();
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())
    };
    // Day, month (a number or a month's name), year: `5/3 17`, `05.03.17`, `5 mars 17`.
    matches!(parts.as_slice(), [day, month, year]
        if digits(day, 1..=2)
            && (digits(month, 1..=2) || month_number(month).is_some())
            && digits(year, 2..=2))
}

/// `YYYY-MM-DD` exactly, read without chrono's format parser (a national extract has 15
/// million of them): `Some(None)` for such text that is no date (2017-02-30), `None` for
/// text of another shape, which the general rules then read.
fn iso_date(s: &str) -> Option<Option<NaiveDate>> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    let number = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    Some(NaiveDate::from_ymd_opt(year as i32, month, day))
}

fn parse_any_date_text(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let date_part = s.split(['T', ' ']).next().unwrap_or(s);
    if let Some(d) = iso_date(date_part) {
        return d;
    }
    if let Ok(d) = NaiveDate::parse_from_str(date_part, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%d.%m.%Y") {
        return Some(d);
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [day, month, year] => {
            let day: u32 = day.trim_end_matches('.').parse().ok()?;
            let year: i32 = year.parse().ok()?;
            let month = month.parse::<u32>().ok().or_else(|| month_number(month))?;
            NaiveDate::from_ymd_opt(year, month, day)
        }
        _ => None,
    }
}

fn is_missing_marker(t: &str) -> bool {
    matches!(
        t,
        ".." | "..." | "XX" | "xx" | "x" | "X" | "NA" | "n/a" | "N/A"
    )
}

/// A date from a date cell, an Excel serial number or text.
pub fn date(cell: &Cell) -> Result<NaiveDate, ValueError> {
    match cell {
        Cell::Empty => Err(ValueError::Missing),
        Cell::Date(d) if plausible_year(d.year()) => Ok(d.date()),
        Cell::Date(_) => Err(ValueError::NotADate(cell.display())),
        Cell::Number(n) => from_excel_serial(*n)
            .filter(|d| plausible_year(d.year()))
            .ok_or_else(|| ValueError::NotADate(cell.display())),
        Cell::Text(t) if is_missing_marker(t.trim()) => {
            Err(ValueError::MarkedMissing(t.trim().into()))
        }
        Cell::Text(t) => parse_date_text(t).ok_or_else(|| {
            if has_two_digit_year(t) {
                ValueError::TwoDigitYear(t.trim().into())
            } else {
                ValueError::NotADate(t.trim().into())
            }
        }),
        Cell::Error(e) => Err(ValueError::ExcelError(e.clone())),
        Cell::Bool(_) => Err(ValueError::NotADate(cell.display())),
    }
}

/// Minutes after midnight from a time cell (18:30), a day fraction (0.77), a date-time
/// cell or text ("18:30", "18.30", "1830", "kl 18").
pub fn time_of_day(cell: &Cell) -> Result<u32, ValueError> {
    match cell {
        Cell::Empty => Err(ValueError::Missing),
        Cell::Date(d) => Ok(minutes_of(d.time())),
        Cell::Number(n) if (0.0..1.0).contains(n) => Ok((n * 1440.0).round() as u32 % 1440),
        Cell::Text(t) => {
            let t = t.trim();
            let t = t
                .strip_prefix("kl")
                .unwrap_or(t)
                .trim_start_matches('.')
                .trim();
            crate::catalog::measure::minutes_of_clock(t)
                .filter(|m| *m < 1440)
                .ok_or_else(|| ValueError::NotATime(t.into()))
        }
        Cell::Error(e) => Err(ValueError::ExcelError(e.clone())),
        _ => Err(ValueError::NotATime(cell.display())),
    }
}

fn minutes_of(t: chrono::NaiveTime) -> u32 {
    use chrono::Timelike;
    t.hour() * 60 + t.minute()
}

/// A date with a time of day from a date-time cell, a serial number or text
/// ("2018-03-05 14:30"). A bare date means the end of that day, so that a case is never
/// shown as done sooner than the sheet says.
pub fn date_time(cell: &Cell) -> Result<NaiveDateTime, ValueError> {
    let end_of = |d: NaiveDate| d.and_time(END_OF_DAY);
    match cell {
        Cell::Empty => Err(ValueError::Missing),
        Cell::Date(d) if d.time() == chrono::NaiveTime::MIN => Ok(end_of(d.date())),
        Cell::Date(d) => Ok(*d),
        Cell::Number(n) => {
            let day =
                from_excel_serial(*n).ok_or_else(|| ValueError::NotADateTime(cell.display()))?;
            let minutes = ((n.fract()) * 1440.0).round() as u32;
            if minutes == 0 {
                return Ok(end_of(day));
            }
            let minutes = minutes.min(1439);
            let time = NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).unwrap_or(END_OF_DAY);
            Ok(day.and_time(time))
        }
        Cell::Text(t) if is_missing_marker(t.trim()) => {
            Err(ValueError::MarkedMissing(t.trim().into()))
        }
        Cell::Text(t) => {
            let t = t.trim();
            for f in [
                "%Y-%m-%d %H:%M",
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%dT%H:%M:%S",
                "%Y-%m-%d kl %H:%M",
                "%Y-%m-%d kl. %H:%M",
            ] {
                if let Ok(dt) = NaiveDateTime::parse_from_str(t, f) {
                    return Ok(dt);
                }
            }
            parse_date_text(t)
                .filter(|_| !t.contains(':'))
                .map(end_of)
                .ok_or_else(|| ValueError::NotADateTime(t.into()))
        }
        Cell::Error(e) => Err(ValueError::ExcelError(e.clone())),
        Cell::Bool(_) => Err(ValueError::NotADateTime(cell.display())),
    }
}

/// A month (year, month) from `2017-03`, `mars 2017`, `2017 mars`, or any date in it.
pub fn month(cell: &Cell) -> Result<(i32, u32), ValueError> {
    if let Cell::Text(t) = cell {
        if let Some(m) = parse_month_text(t) {
            return Ok(m);
        }
    }
    match date(cell) {
        Ok(d) => Ok((d.year(), d.month())),
        Err(ValueError::NotADate(s)) => Err(ValueError::NotAMonth(s)),
        Err(e) => Err(e),
    }
}

/// `2017-03`, `2017-3`, `mars 2017`, `2017 mars`, `Mar 2017`.
pub fn parse_month_text(t: &str) -> Option<(i32, u32)> {
    let t = t.trim();
    if let Some((y, m)) = t.split_once(['-', '/']) {
        if let (Ok(y), Ok(m)) = (y.trim().parse::<i32>(), m.trim().parse::<u32>()) {
            if (1..=12).contains(&m)
                && plausible_year(y)
                && !t[t.find(['-', '/'])? + 1..].contains(['-', '/'])
            {
                return Some((y, m));
            }
        }
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    match words.as_slice() {
        [a, b] => {
            let (y, m) = if let Ok(y) = a.parse::<i32>() {
                (y, b)
            } else {
                (b.parse().ok()?, a)
            };
            plausible_year(y).then_some(())?;
            Some((y, month_number(m)?))
        }
        _ => None,
    }
}

/// A year from a number (2017) or text ("2017", "År 2017" is not a year: text must be digits).
pub fn year(cell: &Cell) -> Result<i32, ValueError> {
    let y = match cell {
        Cell::Empty => return Err(ValueError::Missing),
        Cell::Number(n) if n.fract() == 0.0 => *n as i64,
        Cell::Text(t) => t
            .trim()
            .parse::<i64>()
            .map_err(|_| ValueError::NotAYear(t.trim().into()))?,
        Cell::Date(d) => i64::from(d.year()),
        _ => return Err(ValueError::NotAYear(cell.display())),
    };
    if (1900..=2200).contains(&y) {
        Ok(y as i32)
    } else {
        Err(ValueError::NotAYear(cell.display()))
    }
}

/// A number and whether it was written with a percent sign.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    pub percent: bool,
}

/// Reads a number: numeric cells; text with space, no-break space or thin space as
/// thousands separator, decimal comma or point, and an optional `%`. `-` (and `–`) is zero,
/// as in BRÅ's tables; `..`, `XX`, `x` and empty are missing, never zero.
pub fn number(cell: &Cell) -> Result<Number, ValueError> {
    match cell {
        Cell::Empty => Err(ValueError::Missing),
        Cell::Number(n) => Ok(Number {
            value: *n,
            percent: false,
        }),
        Cell::Text(t) => parse_number_text(t),
        Cell::Error(e) => Err(ValueError::ExcelError(e.clone())),
        _ => Err(ValueError::NotANumber(cell.display())),
    }
}

fn parse_number_text(t: &str) -> Result<Number, ValueError> {
    let trimmed = t.trim();
    if matches!(trimmed, "-" | "–" | "—") {
        return Ok(Number {
            value: 0.0,
            percent: false,
        });
    }
    if is_missing_marker(trimmed) {
        return Err(ValueError::MarkedMissing(trimmed.into()));
    }
    let percent = trimmed.ends_with('%');
    let digits: String = trimmed
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .map(|c| {
            if c == ',' {
                '.'
            } else if c == '−' {
                '-'
            } else {
                c
            }
        })
        .collect();
    digits
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|value| Number { value, percent })
        .ok_or_else(|| ValueError::NotANumber(trimmed.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn blank_is_whitespace_of_any_kind() {
        for v in ["", " ", "\t", "\u{a0}", " \u{2007} "] {
            assert!(is_blank(v), "{v:?}");
        }
        for v in ["a", " a", "\u{a0}Öster", "Ö", "0"] {
            assert!(!is_blank(v), "{v:?}");
        }
    }

    #[test]
    fn dates_in_every_written_form() {
        assert_eq!(date(&text("2017-03-05")), Ok(d(2017, 3, 5)));
        assert_eq!(date(&text("2017-03-05 14:30")), Ok(d(2017, 3, 5)));
        assert_eq!(date(&text("5 mars 2017")), Ok(d(2017, 3, 5)));
        assert_eq!(date(&text("5/3 2017")), Ok(d(2017, 3, 5)));
        assert_eq!(date(&text("05.03.2017")), Ok(d(2017, 3, 5)));
        assert_eq!(date(&text("12 okt. 2017")), Ok(d(2017, 10, 12)));
    }

    #[test]
    fn a_date_cell_outside_excels_range_is_rejected_not_a_panic() {
        // -1e308 in a date-formatted cell panicked inside calamine's conversion (chrono's
        // TimeDelta out of bounds); 3e6 is past 9999-12-31 (serial 2 958 465). Both stay
        // numbers, which the date reader rejects; 42799.5 (2017-03-05 12:00) still converts.
        use calamine::{Data, ExcelDateTime, ExcelDateTimeType};
        let cell = |v: f64| {
            Cell::from(Data::DateTime(ExcelDateTime::new(
                v,
                ExcelDateTimeType::DateTime,
                false,
            )))
        };
        for bad in [-1e308, -1.0, 3e6, 1e308, f64::NAN] {
            let c = cell(bad);
            assert!(!matches!(c, Cell::Date(_)), "{bad} became {c:?}");
            assert!(matches!(date(&c), Err(ValueError::NotADate(_))), "{bad}");
        }
        assert_eq!(date(&cell(42799.5)), Ok(d(2017, 3, 5)));
    }

    #[test]
    fn excel_serials_use_the_1900_system() {
        // 42799 is 2017-03-05 in Excel: (2017-03-05 − 1899-12-30) = 42799 days.
        assert_eq!(date(&Cell::Number(42799.0)), Ok(d(2017, 3, 5)));
        // 42799.6 is the same day at 14:24.
        assert_eq!(date(&Cell::Number(42799.6)), Ok(d(2017, 3, 5)));
        assert_eq!(date(&Cell::Number(1.0)), Ok(d(1900, 1, 1)));
    }

    #[test]
    fn the_iso_fast_path_reads_what_chrono_reads() {
        // Every day of 2016–2017 and some impossible ones, against chrono's own parser.
        let mut day = d(2016, 1, 1);
        while day.year() < 2018 {
            let s = day.format("%Y-%m-%d").to_string();
            assert_eq!(iso_date(&s), Some(Some(day)), "{s}");
            day = day.succ_opt().unwrap();
        }
        for s in ["2017-02-29", "2017-13-01", "2017-00-10", "2017-04-31"] {
            assert_eq!(iso_date(s), Some(None), "{s}");
            assert!(NaiveDate::parse_from_str(s, "%Y-%m-%d").is_err());
        }
        // Other shapes go to the general rules.
        for s in [
            "2017-3-5",
            "17-03-05",
            "2017/03/05",
            "+2017-03-0",
            "2017-03-05x",
        ] {
            assert_eq!(iso_date(s), None, "{s}");
        }
        assert_eq!(date(&text("2017-3-5")), Ok(d(2017, 3, 5)));
    }

    #[test]
    fn impossible_dates_are_errors_not_guesses() {
        assert!(matches!(
            date(&text("31/02 2017")),
            Err(ValueError::NotADate(_))
        ));
        assert!(matches!(date(&text("igår")), Err(ValueError::NotADate(_))));
        assert_eq!(date(&Cell::Empty), Err(ValueError::Missing));
    }

    #[test]
    fn months_and_years() {
        assert_eq!(month(&text("2017-03")), Ok((2017, 3)));
        assert_eq!(month(&text("mars 2017")), Ok((2017, 3)));
        assert_eq!(month(&text("Mar 2017")), Ok((2017, 3)));
        assert_eq!(month(&text("2017-03-28")), Ok((2017, 3)));
        assert_eq!(year(&Cell::Number(2017.0)), Ok(2017));
        assert_eq!(year(&text(" 2016 ")), Ok(2016));
        assert!(year(&text("17")).is_err());
    }

    #[test]
    fn numbers_with_swedish_separators_and_markers() {
        assert_eq!(number(&text("1 234")).unwrap().value, 1234.0);
        assert_eq!(number(&text("1\u{a0}667")).unwrap().value, 1667.0);
        assert_eq!(number(&text("12,5")).unwrap().value, 12.5);
        assert_eq!(number(&text("12.5")).unwrap().value, 12.5);
        assert_eq!(
            number(&text("45 %")).unwrap(),
            Number {
                value: 45.0,
                percent: true
            }
        );
        assert_eq!(number(&text("-")).unwrap().value, 0.0);
        assert!(matches!(
            number(&text("..")),
            Err(ValueError::MarkedMissing(_))
        ));
        assert!(matches!(
            number(&text("XX")),
            Err(ValueError::MarkedMissing(_))
        ));
        assert_eq!(number(&Cell::Empty), Err(ValueError::Missing));
        assert!(matches!(
            number(&text("många")),
            Err(ValueError::NotANumber(_))
        ));
    }
}
