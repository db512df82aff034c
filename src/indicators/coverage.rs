//! Indicators, data dates: the last day each kind of input covers, which decides whether a
//! span is over (judged) or still running (Pågår), and which every report states.

use chrono::NaiveDate;

use crate::catalog::{Catalog, Source};
use crate::ingest::Tables;
use crate::period::ReportPeriod;

/// How far one kind of input reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    pub source: Source,
    /// The last day the input covers: its data date.
    pub through: NaiveDate,
    /// Stated by the analyst (`[data_tom]` or `--data-tom`), not inferred from the rows.
    pub stated: bool,
}

/// The data date of one kind of input.
///
/// Rule (docs/catalog.md, "Data date"): the date the analyst states for that kind of input
/// (`[data_tom]` in the catalog, or `--data-tom` on the command line); otherwise the latest
/// row of that kind anywhere in the input (in a region, in the shared workbooks, for a
/// promise that has rows of that kind) — not capped at a report's end, so a log that runs
/// on past a period shows the period as over, and its quiet last week as a real nothing.
/// `None` when the input has no rows of that kind and nothing is stated.
pub fn through(catalog: &Catalog, tables: &Tables, source: Source) -> Option<Coverage> {
    if let Some(date) = catalog.stated_through(source) {
        return Some(Coverage {
            source,
            through: date,
            stated: true,
        });
    }
    let own = tables.latest_day(source);
    // In a region, the shared workbook's last row counts for every promise that has rows.
    let shared = tables
        .shared_through
        .iter()
        .find(|(s, _)| *s == source)
        .map(|(_, d)| *d);
    let latest = own.map(|d| shared.map_or(d, |s| s.max(d)));
    latest.map(|through| Coverage {
        source,
        through,
        stated: false,
    })
}

/// Every kind of input's data date, in a fixed order (logs, crime, status notes).
pub fn coverage(catalog: &Catalog, tables: &Tables) -> Vec<Coverage> {
    Source::ALL
        .into_iter()
        .filter_map(|s| through(catalog, tables, s))
        .collect()
}

/// The data date of the log-based commitments in a report period: the log's data date
/// ([`through`]), capped at the period's end — a report judges its period as it stood at
/// the period's end. `None` when there is no log, or the log begins after the period (it
/// says nothing of the period's days, so a count there would be a false zero).
pub fn log_data_date(
    catalog: &Catalog,
    tables: &Tables,
    period: ReportPeriod,
) -> Option<NaiveDate> {
    let log = through(catalog, tables, Source::Logg)?;
    let first = tables.logs.iter().map(|l| l.date).min();
    if first.is_some_and(|f| f > period.end()) && !log.stated {
        return None;
    }
    Some(log.through.min(period.end()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::LogEntry;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn catalog(extra: &str) -> Catalog {
        let text = format!(
            "titel = \"T\"\nomrade = \"A\"\nfran = 2019-01-01\ntill = 2020-12-31\nparter = [\"Polisen\"]\n{extra}"
        );
        crate::catalog::load_from(&text).unwrap()
    }

    fn log_on(date: NaiveDate) -> LogEntry {
        LogEntry {
            date,
            kind: "Patrull".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_log_that_runs_on_past_the_period_covers_all_of_it() {
        // The log's last row is 2020-12-31; the 2019 report's data date is 2019-12-31 (the
        // period's end), not 2019-12-21 (the last row inside 2019).
        let tables = Tables {
            logs: vec![log_on(d(2019, 12, 21)), log_on(d(2020, 12, 31))],
            ..Default::default()
        };
        let cat = catalog("");
        assert_eq!(
            log_data_date(&cat, &tables, ReportPeriod::Year(2019)),
            Some(d(2019, 12, 31))
        );
        let log = through(&cat, &tables, Source::Logg).unwrap();
        assert_eq!((log.through, log.stated), (d(2020, 12, 31), false));
        // A log that begins after the period says nothing of it.
        let later = Tables {
            logs: vec![log_on(d(2020, 3, 1))],
            ..Default::default()
        };
        assert_eq!(log_data_date(&cat, &later, ReportPeriod::Year(2019)), None);
    }

    #[test]
    fn a_stated_date_wins_over_the_last_row() {
        // The log's last event is 2019-12-20; the analyst states it is complete to
        // 2019-12-31, so the whole of 2019 is over.
        let tables = Tables {
            logs: vec![log_on(d(2019, 12, 20))],
            ..Default::default()
        };
        let cat = catalog("[data_tom]\nlogg = 2019-12-31\n");
        let log = through(&cat, &tables, Source::Logg).unwrap();
        assert_eq!((log.through, log.stated), (d(2019, 12, 31), true));
        assert_eq!(
            log_data_date(&cat, &tables, ReportPeriod::Year(2019)),
            Some(d(2019, 12, 31))
        );
        let all = coverage(&cat, &tables);
        assert_eq!(all.len(), 1, "no crime and no notes: only the log");
    }

    #[test]
    fn a_stated_date_must_be_a_date() {
        let text = "titel = \"T\"\nomrade = \"A\"\nar = 2019\nparter = [\"P\"]\n[data_tom]\nlogg = 2019-12-31T10:00:00\n";
        let err = crate::catalog::load_from(text).unwrap_err().to_string();
        assert!(err.contains("[data_tom] logg ska vara ett datum"), "{err}");
        let unknown = "titel = \"T\"\nomrade = \"A\"\nar = 2019\nparter = [\"P\"]\n[data_tom]\nlog = 2019-12-31\n";
        let err = crate::catalog::load_from(unknown).unwrap_err().to_string();
        assert!(err.contains("logg"), "{err}");
    }
}
