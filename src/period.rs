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
    /// Whole months, the first to the last (year, month): a follow-up at fixed months
    /// (`--period 2020-12..2021-05`, or the catalog's `uppfoljning = [5, 11]`).
    Months {
        first: (i32, u32),
        last: (i32, u32),
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

/// Does the span run from a 1 January to a 31 December (whole calendar years)?
pub fn whole_years(start: NaiveDate, end: NaiveDate) -> bool {
    (start.month(), start.day(), end.month(), end.day()) == (1, 1, 12, 31)
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
            ReportPeriod::Months { last, .. } => last.0,
        }
    }

    pub fn start(&self) -> NaiveDate {
        match *self {
            ReportPeriod::Tertial { year, n } => month_start(year, u32::from(n - 1) * 4 + 1),
            ReportPeriod::Year(year) | ReportPeriod::Years { first: year, .. } => {
                month_start(year, 1)
            }
            ReportPeriod::Months { first, .. } => month_start(first.0, first.1),
        }
    }

    pub fn end(&self) -> NaiveDate {
        match *self {
            ReportPeriod::Tertial { year, n } => month_end(year, u32::from(n) * 4),
            ReportPeriod::Year(year) | ReportPeriod::Years { last: year, .. } => {
                month_end(year, 12)
            }
            ReportPeriod::Months { last, .. } => month_end(last.0, last.1),
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
            ReportPeriod::Months { first, last } => ReportPeriod::Months {
                first: (year - (last.0 - first.0), first.1),
                last: (year, last.1),
            },
        }
    }

    /// A follow-up span of whole months, `first` to `last`; `None` when `last` comes first.
    pub fn months_span(first: (i32, u32), last: (i32, u32)) -> Option<Self> {
        let valid = |(y, m): (i32, u32)| (1900..=2200).contains(&y) && (1..=12).contains(&m);
        (valid(first) && valid(last) && first <= last)
            .then_some(ReportPeriod::Months { first, last })
    }

    /// The tertials inside this period, in order.
    pub fn tertials(&self) -> Vec<ReportPeriod> {
        let (first, last) = (self.start().year(), self.end().year());
        let (start, end) = (self.start(), self.end());
        match *self {
            ReportPeriod::Tertial { .. } => vec![*self],
            _ => (first..=last)
                .flat_map(|year| (1..=3).map(move |n| ReportPeriod::Tertial { year, n }))
                // A follow-up at fixed months overlaps some tertials only in part.
                .filter(|t| t.start() <= end && start <= t.end())
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
            ReportPeriod::Tertial { .. } | ReportPeriod::Months { .. } => vec![],
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

/// A month (year, month) as a running number, so that months can be counted and stepped.
pub fn month_index((year, month): (i32, u32)) -> i32 {
    year * 12 + month as i32 - 1
}

/// The month (year, month) of a running number from [`month_index`].
pub fn month_of(index: i32) -> (i32, u32) {
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// The follow-up span (at the catalog's fixed months, `uppfoljning`) that holds `date`: it
/// ends with the first follow-up month on or after the date's month and begins the month
/// after the follow-up before it (with May and November: December–May and June–November).
pub fn follow_up_span(months: &[u32], date: NaiveDate) -> Option<ReportPeriod> {
    let ends: Vec<i32> = (date.year() - 1..=date.year() + 1)
        .flat_map(|y| months.iter().map(move |m| month_index((y, *m))))
        .collect();
    let now = month_index((date.year(), date.month()));
    let end = ends.iter().copied().filter(|e| *e >= now).min()?;
    let before = ends.iter().copied().filter(|e| *e < end).max()?;
    ReportPeriod::months_span(month_of(before + 1), month_of(end))
}

impl fmt::Display for ReportPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ReportPeriod::Tertial { year, n } => write!(f, "{year}-T{n}"),
            ReportPeriod::Year(year) => write!(f, "{year}"),
            ReportPeriod::Years { first, last } => write!(f, "{first}-{last}"),
            ReportPeriod::Months { first, last } if first == last => {
                write!(f, "{}-{:02}", first.0, first.1)
            }
            ReportPeriod::Months { first, last } => {
                write!(f, "{}-{:02}..{}-{:02}", first.0, first.1, last.0, last.1)
            }
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
#[error(
    "okänd period '{0}': skriv ett tertial (2017-T2), ett år (2017), flera år (2019-2020) eller hela månader (2020-12..2021-05, 2021-05)"
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
        // Whole months: "2020-12..2021-05", or one month "2021-05".
        let month = |m: &str| -> Option<(i32, u32)> {
            let (y, mo) = m.trim().split_once('-')?;
            (mo.len() == 2).then_some(())?;
            Some((y.parse().ok()?, mo.parse().ok()?))
        };
        if let Some((a, b)) = upper.split_once("..") {
            let (first, last) = (month(a).ok_or_else(err)?, month(b).ok_or_else(err)?);
            return ReportPeriod::months_span(first, last).ok_or_else(err);
        }
        if let Some(one) = month(&upper).filter(|_| upper.trim().len() == 7) {
            return ReportPeriod::months_span(one, one).ok_or_else(err);
        }
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

    #[test]
    fn follow_ups_at_fixed_months() {
        // May and November: December–May and June–November.
        let span = |y, m, day| follow_up_span(&[5, 11], d(y, m, day)).unwrap();
        let months = |a: (i32, u32), b: (i32, u32)| ReportPeriod::Months { first: a, last: b };
        assert_eq!(span(2021, 3, 10), months((2020, 12), (2021, 5)));
        assert_eq!(span(2021, 5, 31), months((2020, 12), (2021, 5)));
        assert_eq!(span(2021, 6, 1), months((2021, 6), (2021, 11)));
        assert_eq!(span(2021, 12, 5), months((2021, 12), (2022, 5)));
        assert_eq!(span(2021, 3, 10).start(), d(2020, 12, 1));
        assert_eq!(span(2021, 3, 10).end(), d(2021, 5, 31));
        // Typed as the label says, and back.
        let p: ReportPeriod = "2020-12..2021-05".parse().unwrap();
        assert_eq!(p, months((2020, 12), (2021, 5)));
        assert_eq!(p.to_string(), "2020-12..2021-05");
        assert_eq!("2021-05".parse(), Ok(months((2021, 5), (2021, 5))));
        assert!("2021-05..2020-12".parse::<ReportPeriod>().is_err());
        assert!("2021-13".parse::<ReportPeriod>().is_err());
        // The tertials it touches, and the follow-up before it (as many months).
        let tertials: Vec<String> = p.tertials().iter().map(|t| t.label()).collect();
        assert_eq!(tertials, vec!["2020-T3", "2021-T1", "2021-T2"]);
        assert_eq!(
            crate::indicators::changes::previous_period(p),
            Some(months((2020, 6), (2020, 11)))
        );
        // Years and tertials still parse as before.
        assert_eq!(
            "2019-2020".parse(),
            Ok(ReportPeriod::Years {
                first: 2019,
                last: 2020
            })
        );
        assert_eq!(
            "2017-T2".parse(),
            Ok(ReportPeriod::Tertial { year: 2017, n: 2 })
        );
    }
}
