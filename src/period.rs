//! Periods: tertials, years and school terms, the calendar every stage shares.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// The period a report covers: one tertial, a whole year (the year-end summary), or several
/// whole years (the summary of a promise that runs over several years).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReportPeriod {
    /// T1 = January–April, T2 = May–August, T3 = September–December.
    Tertial {
        year: i32,
        n: u8,
    },
    Year(i32),
    /// 1 January of `first` to 31 December of `last`.
    Years {
        first: i32,
        last: i32,
    },
}

/// A named date range such as a school term, inclusive at both ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRange {
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl DateRange {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    pub fn overlaps(&self, start: NaiveDate, end: NaiveDate) -> bool {
        self.start <= end && start <= self.end
    }
}

/// The tertial (1–3) a date falls in.
pub fn tertial_of(date: NaiveDate) -> u8 {
    ((date.month() - 1) / 4 + 1) as u8
}

/// First day of a month.
pub fn month_start(year: i32, month: u32) -> NaiveDate {
    // Ingest admits years 1900–9999 and months 1–12 only; the fallback is never reached.
    NaiveDate::from_ymd_opt(year, month.clamp(1, 12), 1).unwrap_or(NaiveDate::MAX)
}

/// Last day of a month.
pub fn month_end(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    month_start(y, m).pred_opt().unwrap_or(NaiveDate::MIN)
}

impl ReportPeriod {
    pub fn tertial_containing(date: NaiveDate) -> Self {
        ReportPeriod::Tertial {
            year: date.year(),
            n: tertial_of(date),
        }
    }

    /// The period's (last) year.
    pub fn year(&self) -> i32 {
        match *self {
            ReportPeriod::Tertial { year, .. } | ReportPeriod::Year(year) => year,
            ReportPeriod::Years { last, .. } => last,
        }
    }

    pub fn start(&self) -> NaiveDate {
        match *self {
            ReportPeriod::Tertial { year, n } => month_start(year, u32::from(n - 1) * 4 + 1),
            ReportPeriod::Year(year) | ReportPeriod::Years { first: year, .. } => {
                month_start(year, 1)
            }
        }
    }

    pub fn end(&self) -> NaiveDate {
        match *self {
            ReportPeriod::Tertial { year, n } => month_end(year, u32::from(n) * 4),
            ReportPeriod::Year(year) | ReportPeriod::Years { last: year, .. } => {
                month_end(year, 12)
            }
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// The same period one year earlier.
    pub fn year_before(&self) -> Self {
        self.shifted_to(self.year() - 1)
    }

    /// The same tertial (or the whole year, or the same run of years ending) in another year.
    pub fn shifted_to(&self, year: i32) -> Self {
        match *self {
            ReportPeriod::Tertial { n, .. } => ReportPeriod::Tertial { year, n },
            ReportPeriod::Year(_) => ReportPeriod::Year(year),
            ReportPeriod::Years { first, last } => ReportPeriod::Years {
                first: year - (last - first),
                last: year,
            },
        }
    }

    /// The tertials inside this period, in order.
    pub fn tertials(&self) -> Vec<ReportPeriod> {
        let (first, last) = (self.start().year(), self.end().year());
        match *self {
            ReportPeriod::Tertial { .. } => vec![*self],
            _ => (first..=last)
                .flat_map(|year| (1..=3).map(move |n| ReportPeriod::Tertial { year, n }))
                .collect(),
        }
    }

    /// The months (year, month) inside this period, in order.
    pub fn months(&self) -> Vec<(i32, u32)> {
        let (start, end) = (self.start(), self.end());
        (start.year()..=end.year())
            .flat_map(|y| (1..=12).map(move |m| (y, m)))
            .filter(|(y, m)| month_start(*y, *m) >= start && month_end(*y, *m) <= end)
            .collect()
    }

    /// The parts a summary shows side by side: a year's tertials, or a run of years' years.
    pub fn parts(&self) -> Vec<ReportPeriod> {
        match *self {
            ReportPeriod::Tertial { .. } => vec![],
            ReportPeriod::Year(_) => self.tertials(),
            ReportPeriod::Years { first, last } => (first..=last).map(ReportPeriod::Year).collect(),
        }
    }

    /// The parts that overlap the days `start`–`end` (a promise period): a summary does not
    /// show the tertials or years before a promise began or after it ended.
    pub fn parts_within(&self, start: NaiveDate, end: NaiveDate) -> Vec<ReportPeriod> {
        self.parts()
            .into_iter()
            .filter(|p| p.start() <= end && start <= p.end())
            .collect()
    }

    /// The label used in file and folder names: `2017-T2` or `2017`.
    pub fn label(&self) -> String {
        self.to_string()
    }

    /// A whole year or several: a summary with its parts side by side.
    pub fn is_year(&self) -> bool {
        matches!(self, ReportPeriod::Year(_) | ReportPeriod::Years { .. })
    }
}

impl fmt::Display for ReportPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ReportPeriod::Tertial { year, n } => write!(f, "{year}-T{n}"),
            ReportPeriod::Year(year) => write!(f, "{year}"),
            ReportPeriod::Years { first, last } => write!(f, "{first}-{last}"),
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
#[error(
    "okänd period '{0}': skriv ett tertial (2017-T2), ett år (2017) eller flera år (2019-2020)"
)]
pub struct PeriodParseError(String);

impl FromStr for ReportPeriod {
    type Err = PeriodParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PeriodParseError(s.to_string());
        let upper = s.trim().to_uppercase();
        let parse_year = |y: &str| -> Result<i32, PeriodParseError> {
            let year: i32 = y.trim().parse().map_err(|_| err())?;
            (1900..=2200)
                .contains(&year)
                .then_some(year)
                .ok_or_else(err)
        };
        if let Some((first, last)) = upper
            .split_once(['-', '–'])
            .filter(|_| !upper.contains('T'))
        {
            let (first, last) = (parse_year(first)?, parse_year(last)?);
            return match last.cmp(&first) {
                std::cmp::Ordering::Greater => Ok(ReportPeriod::Years { first, last }),
                std::cmp::Ordering::Equal => Ok(ReportPeriod::Year(first)),
                std::cmp::Ordering::Less => Err(err()),
            };
        }
        match upper.split_once('T') {
            None => parse_year(&upper).map(ReportPeriod::Year),
            Some((year, n)) => {
                let year = parse_year(year.trim_end_matches(['-', ' ']))?;
                let n: u8 = n.trim().parse().map_err(|_| err())?;
                (1..=3)
                    .contains(&n)
                    .then_some(ReportPeriod::Tertial { year, n })
                    .ok_or_else(err)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn tertial_bounds_follow_the_four_month_split() {
        let t2: ReportPeriod = "2017-T2".parse().unwrap();
        assert_eq!(t2.start(), d(2017, 5, 1));
        assert_eq!(t2.end(), d(2017, 8, 31));
        let t3: ReportPeriod = "2017T3".parse().unwrap();
        assert_eq!(t3.end(), d(2017, 12, 31));
        assert_eq!(tertial_of(d(2017, 4, 30)), 1);
        assert_eq!(tertial_of(d(2017, 5, 1)), 2);
        assert_eq!(tertial_of(d(2017, 9, 1)), 3);
    }

    #[test]
    fn year_period_has_three_tertials_and_twelve_months() {
        let y: ReportPeriod = "2017".parse().unwrap();
        assert_eq!(y.tertials().len(), 3);
        assert_eq!(y.months().len(), 12);
        assert_eq!(y.year_before(), ReportPeriod::Year(2016));
    }

    #[test]
    fn several_years_have_their_years_as_parts() {
        let p: ReportPeriod = "2019-2020".parse().unwrap();
        assert_eq!(
            p,
            ReportPeriod::Years {
                first: 2019,
                last: 2020
            }
        );
        assert_eq!((p.start(), p.end()), (d(2019, 1, 1), d(2020, 12, 31)));
        assert_eq!(p.tertials().len(), 6);
        assert_eq!(p.months().len(), 24);
        assert_eq!(
            p.parts(),
            vec![ReportPeriod::Year(2019), ReportPeriod::Year(2020)]
        );
        assert_eq!(p.label(), "2019-2020");
        assert!("2020-2019".parse::<ReportPeriod>().is_err());
    }

    #[test]
    fn bad_periods_are_refused() {
        assert!("2017-T4".parse::<ReportPeriod>().is_err());
        assert!("vår".parse::<ReportPeriod>().is_err());
        assert!("17".parse::<ReportPeriod>().is_err());
    }

    #[test]
    fn february_end_respects_leap_years() {
        assert_eq!(month_end(2016, 2), d(2016, 2, 29));
        assert_eq!(month_end(2017, 2), d(2017, 2, 28));
    }
}
