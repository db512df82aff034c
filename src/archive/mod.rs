//! Archive (beside report publishing, the outer layer): the record of what was told to the
//! council. Every published report set is recorded in an SQLite database beside the reports
//! (`<out>/lofte-arkiv.sqlite`, schema in docs/archive.md): the run, its input files, its
//! statuses and figures, and the hash of every file written. Read back for "since the
//! previous report" ([`Archive::previous`]), for outcome years the input no longer holds
//! ([`Archive::whole_years`]), for `lofte historik` and for `lofte verifiera`.
//!
//! A set is recorded in two steps around its switch-in: first as `pending` (one
//! transaction), then, once the set is in place, `published`. A run killed between the two
//! leaves a pending record, which the next run into the same folder settles by the files on
//! disk ([`Archive::settle`]): published if every file it wrote is there unchanged,
//! removed otherwise. Readers see published runs only.

pub mod schema;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

use crate::fmt::Lang;
use crate::indicators::changes::{InputChange, Published, PublishedValue};
use crate::indicators::history::EarlierYear;
use crate::indicators::{Results, Status};
use crate::ingest::{sha256_hex, Ingested};
use crate::period::ReportPeriod;

/// The archive's file name, in the report folder (`reports/`).
pub const FILE_NAME: &str = "lofte-arkiv.sqlite";

const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// A problem with the archive: which file, and what went wrong.
#[derive(Debug, thiserror::Error)]
#[error("arkivet {}: {why}", path.display())]
pub struct ArchiveError {
    pub path: PathBuf,
    pub why: String,
}

/// An open archive of published reports.
pub struct Archive {
    conn: Connection,
    path: PathBuf,
}

/// One report set to record: a promise's (or a region's overview, with no results).
pub struct RunRecord<'a> {
    pub catalog_title: &'a str,
    pub area: &'a str,
    /// The catalog's text as the analyst wrote it (empty for an overview).
    pub catalog_text: &'a str,
    /// The promise's key in a region (its catalog's name); empty for a promise alone.
    pub member: &'a str,
    /// The set's folder, relative to the archive's, with `/` between parts (`2017-T2`,
    /// `2017-T2/karlslund`): a reports folder copied or moved elsewhere still resolves.
    pub report_dir: String,
    pub period: ReportPeriod,
    pub lang: Lang,
    pub ingested: &'a Ingested,
    pub results: Option<&'a Results>,
    /// The files written, relative to `report_dir`.
    pub outputs: Vec<(&'a str, &'a [u8])>,
}

/// A published run, as `lofte historik` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSummary {
    pub id: i64,
    pub published_at: NaiveDateTime,
    pub lofte_version: String,
    pub period: String,
    pub lang: String,
    pub promise: String,
    pub area: String,
    pub report_dir: String,
    pub catalog_sha256: String,
    /// How many promises and outcomes had each status.
    pub statuses: Vec<(Status, usize)>,
    /// How many of its figures a later published report of the same promise revised.
    pub revised_since: usize,
}

/// An input file of a published run.
#[derive(Debug, Clone, PartialEq)]
pub struct InputFile {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

/// An indicator's name as the archive stores it and compares it: in Swedish, whatever the
/// report's language, so that reports in either language compare.
pub fn indicator_name(phrase: &crate::indicators::phrase::Phrase) -> String {
    crate::report::words::say(Lang::Sv, phrase)
}

fn error(path: &Path, why: impl std::fmt::Display) -> ArchiveError {
    ArchiveError {
        path: path.to_path_buf(),
        why: why.to_string(),
    }
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "sv",
        Lang::En => "en",
    }
}

fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn parse_date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

fn parse_time(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, TIME_FORMAT).unwrap_or_default()
}

impl Archive {
    /// Opens the archive in the report folder `out`, making it if there is none, and brings
    /// an older one up to this version.
    pub fn open(out: &Path) -> Result<Archive, ArchiveError> {
        let path = out.join(FILE_NAME);
        std::fs::create_dir_all(out).map_err(|e| error(&path, e))?;
        Self::open_file(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )
    }

    /// Opens an archive that must exist (`lofte historik`, `lofte verifiera`).
    pub fn open_existing(path: &Path) -> Result<Archive, ArchiveError> {
        if !path.is_file() {
            return Err(error(
                path,
                "finns inte; arkivet skrivs av `lofte run` i rapportmappen (ange den med --out)",
            ));
        }
        Self::open_file(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    fn open_file(path: &Path, flags: OpenFlags) -> Result<Archive, ArchiveError> {
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| error(path, e))?;
        // Two runs into different periods of one folder share the archive: the second waits.
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(|e| error(path, e))?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(|e| error(path, e))?;
        schema::migrate(&mut conn).map_err(|e| error(path, e))?;
        Ok(Archive {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn fail(&self, e: impl std::fmt::Display) -> ArchiveError {
        error(&self.path, e)
    }

    /// Records report sets as pending, in one transaction; returns their ids for
    /// [`mark_published`](Archive::mark_published).
    pub fn record_pending(&mut self, runs: &[RunRecord]) -> Result<Vec<i64>, ArchiveError> {
        let now = chrono::Local::now()
            .naive_local()
            .format(TIME_FORMAT)
            .to_string();
        let tx = self.conn.transaction().map_err(|e| error(&self.path, e))?;
        let mut ids = Vec::with_capacity(runs.len());
        for run in runs {
            ids.push(insert_run(&tx, run, &now).map_err(|e| error(&self.path, e))?);
        }
        tx.commit().map_err(|e| error(&self.path, e))?;
        Ok(ids)
    }

    /// Marks recorded sets published, once they are in place.
    pub fn mark_published(&mut self, ids: &[i64]) -> Result<(), ArchiveError> {
        let tx = self.conn.transaction().map_err(|e| error(&self.path, e))?;
        for id in ids {
            tx.execute("UPDATE run SET state = 'published' WHERE id = ?1", [id])
                .map_err(|e| error(&self.path, e))?;
        }
        tx.commit().map_err(|e| error(&self.path, e))
    }

    /// Settles the pending runs of the report folder `report_dir` (relative to the archive's
    /// folder) that a killed run left: published when every file it wrote is in place with
    /// the hash recorded, removed otherwise. Call with the folder's lock held.
    pub fn settle(&mut self, report_dir: &str) -> Result<(), ArchiveError> {
        let root = self.path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let pending: Vec<(i64, String)> = self
            .query_rows(
                "SELECT id, report_dir FROM run WHERE state = 'pending' AND (report_dir = ?1 OR report_dir LIKE ?1 || '/%')",
                params![report_dir],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
        for (id, dir) in pending {
            let outputs: Vec<(String, String)> = self.query_rows(
                "SELECT name, sha256 FROM output WHERE run_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let in_place = outputs.iter().all(|(name, sha)| {
                std::fs::read(root.join(&dir).join(name)).is_ok_and(|b| sha256_hex(&b) == *sha)
            });
            let sql = if in_place {
                "UPDATE run SET state = 'published' WHERE id = ?1"
            } else {
                "DELETE FROM run WHERE id = ?1"
            };
            self.conn.execute(sql, [id]).map_err(|e| self.fail(e))?;
        }
        Ok(())
    }

    fn query_rows<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        row: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, ArchiveError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.fail(e))?;
        let rows = stmt.query_map(params, row).map_err(|e| self.fail(e))?;
        rows.collect::<rusqlite::Result<Vec<T>>>()
            .map_err(|e| self.fail(e))
    }

    /// The report to compare with: the latest published report of the same promise (title
    /// and area) for the period before `period`, whose statuses the report's are compared
    /// with; its figures, and those of the latest earlier publication of `period` itself
    /// (a report published again), are what a revision is measured against, the newest
    /// first; and what differs between the newest one's input and today's. Without a
    /// report for the period before, the earlier publication of `period` is both.
    pub fn previous(
        &self,
        (title, area): (&str, &str),
        catalog_text: &str,
        period: ReportPeriod,
        ingested: &Ingested,
    ) -> Result<Option<Published>, ArchiveError> {
        let before = crate::indicators::changes::previous_period(period);
        let before_run = match before {
            Some(p) => self.latest_run((title, area), p)?,
            None => None,
        };
        let again = self.latest_run((title, area), period)?;
        let (base, base_period) = match (before_run, before, &again) {
            (Some(run), Some(p), _) => (run, p),
            (_, _, Some(run)) => (run.clone(), period),
            _ => return Ok(None),
        };
        // The newest publication: what the input is compared with, whose figures come first.
        let newest = match &again {
            Some(run) if run.0 > base.0 => run.clone(),
            _ => base.clone(),
        };
        let statuses = self.query_rows(
            "SELECT subject, status FROM status WHERE run_id = ?1",
            [base.0],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )?;
        let statuses = statuses
            .into_iter()
            .filter_map(|(id, s)| Some((id, Status::from_code(&s)?)))
            .collect();
        let mut values = self.values(newest.0)?;
        if newest.0 != base.0 {
            values.extend(self.values(base.0)?);
        }
        let mut input_changes = Vec::new();
        if newest.2 != sha256_hex(catalog_text.as_bytes()) {
            input_changes.push(InputChange::Catalog);
        }
        input_changes.extend(self.input_changes(newest.0, ingested)?);
        Ok(Some(Published {
            period: base_period,
            at: parse_time(&base.1),
            republished: (newest.0 != base.0).then(|| parse_time(&newest.1)),
            statuses,
            values,
            input_changes,
        }))
    }

    /// The latest published run of a promise for a period: (id, published_at, catalog hash).
    fn latest_run(
        &self,
        (title, area): (&str, &str),
        period: ReportPeriod,
    ) -> Result<Option<(i64, String, String)>, ArchiveError> {
        self.conn
            .query_row(
                "SELECT id, published_at, catalog_sha256 FROM run
                 WHERE state = 'published' AND promise = ?1 AND area = ?2 AND period = ?3
                 ORDER BY id DESC LIMIT 1",
                params![title, area, period.label()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(|e| self.fail(e))
    }

    /// Every figure a run published.
    pub fn values(&self, run: i64) -> Result<Vec<PublishedValue>, ArchiveError> {
        self.query_rows(
            "SELECT subject, key, indicator, category, area, part, place, period, unit, value, n,
                    ci_low, ci_high, data_date
             FROM value WHERE run_id = ?1",
            [run],
            published_value,
        )
    }

    /// The input files of a run.
    pub fn inputs(&self, run: i64) -> Result<Vec<InputFile>, ArchiveError> {
        self.query_rows(
            "SELECT name, size, sha256 FROM input_file WHERE run_id = ?1 ORDER BY name",
            [run],
            |r| {
                Ok(InputFile {
                    name: r.get(0)?,
                    size: r.get::<_, i64>(1)? as u64,
                    sha256: r.get(2)?,
                })
            },
        )
    }

    /// How today's input files differ from run `id`'s: changed (with the rows used then
    /// and now), added, removed.
    fn input_changes(
        &self,
        id: i64,
        ingested: &Ingested,
    ) -> Result<Vec<InputChange>, ArchiveError> {
        let then = self.inputs(id)?;
        let used_then = |file: &str| -> Result<usize, ArchiveError> {
            Ok(self
                .query_rows(
                    "SELECT coalesce(sum(rows_used), 0) FROM input_sheet WHERE run_id = ?1 AND file = ?2",
                    params![id, file],
                    |r| r.get::<_, i64>(0),
                )?
                .first()
                .copied()
                .unwrap_or(0) as usize)
        };
        let mut changes = Vec::new();
        for now in &ingested.files {
            match then.iter().find(|f| f.name == now.file) {
                Some(f) if f.sha256 != now.sha256 => changes.push(InputChange::FileChanged {
                    file: now.file.clone(),
                    used_before: used_then(&now.file)?,
                    used_now: now.sheets.iter().map(|s| s.used).sum(),
                }),
                Some(_) => {}
                None => changes.push(InputChange::FileAdded(now.file.clone())),
            }
        }
        for f in &then {
            if !ingested.files.iter().any(|now| now.file == f.name) {
                changes.push(InputChange::FileRemoved(f.name.clone()));
            }
        }
        Ok(changes)
    }

    /// Whole-year outcome figures (surveys, crime per year) that published reports for
    /// `area` hold, the latest publication first. The caller keeps those today's
    /// input no longer has ([`crate::indicators::history::earlier_years`]).
    pub fn whole_years(&self, area: &str) -> Result<Vec<EarlierYear>, ArchiveError> {
        self.query_rows(
            "SELECT v.subject, v.key, v.indicator, v.category, v.area, v.part, v.place, v.period,
                    v.unit, v.value, v.n, v.ci_low, v.ci_high, v.data_date, r.published_at,
                    r.period, r.promise
             FROM run r JOIN value v ON v.run_id = r.id
             WHERE r.state = 'published' AND r.area = ?1 AND v.key IN ('survey', 'crime_year')
               AND v.value IS NOT NULL
             ORDER BY r.id DESC",
            [area],
            |r| {
                Ok(EarlierYear {
                    value: published_value(r)?,
                    published_at: parse_time(&r.get::<_, String>(14)?),
                    report_period: r.get(15)?,
                    promise: r.get(16)?,
                })
            },
        )
    }

    /// Every published run, oldest first, with its statuses counted and how many of its
    /// figures later reports of the same promise revised.
    pub fn runs(&self) -> Result<Vec<RunSummary>, ArchiveError> {
        self.summaries("state = 'published'", [])
    }

    /// One published run by id.
    pub fn run(&self, id: i64) -> Result<Option<RunSummary>, ArchiveError> {
        Ok(self
            .summaries("state = 'published' AND id = ?1", [id])?
            .pop())
    }

    /// The runs `condition` selects, oldest first, with their statuses and revisions.
    fn summaries(
        &self,
        condition: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<RunSummary>, ArchiveError> {
        let sql = format!(
            "SELECT id, published_at, lofte_version, period, lang, promise, area, report_dir, catalog_sha256
             FROM run WHERE {condition} ORDER BY id"
        );
        let mut runs = self.query_rows(&sql, params, |r| {
            Ok(RunSummary {
                id: r.get(0)?,
                published_at: parse_time(&r.get::<_, String>(1)?),
                lofte_version: r.get(2)?,
                period: r.get(3)?,
                lang: r.get(4)?,
                promise: r.get(5)?,
                area: r.get(6)?,
                report_dir: r.get(7)?,
                catalog_sha256: r.get(8)?,
                statuses: vec![],
                revised_since: 0,
            })
        })?;
        for run in &mut runs {
            let counts = self.query_rows(
                "SELECT status, count(*) FROM status WHERE run_id = ?1 GROUP BY status",
                [run.id],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
            )?;
            run.statuses = Status::ALL
                .into_iter()
                .filter_map(|s| {
                    let n = counts.iter().find(|(c, _)| *c == s.code())?.1;
                    Some((s, n as usize))
                })
                .collect();
            run.revised_since = self.revised_since(run.id)?;
        }
        Ok(runs)
    }

    /// How many figures of run `id` a later published run of the same promise states
    /// otherwise over the same days.
    fn revised_since(&self, id: i64) -> Result<usize, ArchiveError> {
        let n = self.query_rows(
            "SELECT count(DISTINCT a.rowid) FROM value a
             JOIN run ra ON ra.id = a.run_id
             JOIN value b ON b.key = a.key AND b.area = a.area AND b.period = a.period
                 AND b.subject = a.subject AND b.indicator = a.indicator
                 AND b.category = a.category AND b.part = a.part AND b.place = a.place
                 AND b.data_date IS a.data_date AND b.run_id > a.run_id
             JOIN run rb ON rb.id = b.run_id AND rb.state = 'published'
                 AND rb.promise = ra.promise AND rb.area = ra.area
             WHERE a.run_id = ?1 AND a.value IS NOT NULL AND b.value IS NOT NULL
                 AND b.value <> a.value",
            [id],
            |r| r.get::<_, i64>(0),
        )?;
        Ok(n.first().copied().unwrap_or(0) as usize)
    }

    /// The published runs that wrote a file with this hash, and the file's name in each.
    pub fn runs_that_wrote(&self, sha256: &str) -> Result<Vec<(i64, String)>, ArchiveError> {
        self.query_rows(
            "SELECT o.run_id, o.name FROM output o JOIN run r ON r.id = o.run_id
             WHERE r.state = 'published' AND o.sha256 = ?1 ORDER BY o.run_id",
            [sha256],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// The published runs that wrote a file of this name (to tell an edited copy).
    pub fn runs_that_wrote_name(&self, name: &str) -> Result<Vec<i64>, ArchiveError> {
        self.query_rows(
            "SELECT o.run_id FROM output o JOIN run r ON r.id = o.run_id
             WHERE r.state = 'published' AND o.name = ?1 ORDER BY o.run_id",
            [name],
            |r| r.get(0),
        )
    }

    /// The catalog text a run was made with.
    pub fn catalog_text(&self, run: i64) -> Result<String, ArchiveError> {
        self.conn
            .query_row("SELECT catalog_text FROM run WHERE id = ?1", [run], |r| {
                r.get(0)
            })
            .map_err(|e| self.fail(e))
    }

    /// The data dates a run's analyst stated (`[data_tom]`, `--data-tom`): source key and day.
    pub fn stated_dates(&self, run: i64) -> Result<Vec<(String, NaiveDate)>, ArchiveError> {
        let rows = self.query_rows(
            "SELECT source, through FROM data_date WHERE run_id = ?1 AND stated = 1",
            [run],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(source, day)| Some((source, parse_date(Some(day))?)))
            .collect())
    }
}

fn published_value(r: &rusqlite::Row) -> rusqlite::Result<PublishedValue> {
    Ok(PublishedValue {
        subject: r.get(0)?,
        key: r.get(1)?,
        indicator: r.get(2)?,
        category: r.get(3)?,
        area: r.get(4)?,
        part: r.get(5)?,
        place: r.get(6)?,
        period: r.get(7)?,
        unit: r.get(8)?,
        value: r.get(9)?,
        n: r.get(10)?,
        ci: match (r.get(11)?, r.get(12)?) {
            (Some(low), Some(high)) => Some((low, high)),
            _ => None,
        },
        data_date: parse_date(r.get(13)?),
    })
}

/// Inserts one run with everything it read and wrote; returns its id.
fn insert_run(tx: &rusqlite::Transaction, run: &RunRecord, now: &str) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO run (state, published_at, lofte_version, period, period_start, period_end,
             lang, promise, area, member, report_dir, catalog_text, catalog_sha256)
         VALUES ('pending', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            now,
            env!("CARGO_PKG_VERSION"),
            run.period.label(),
            date_text(Some(run.period.start())),
            date_text(Some(run.period.end())),
            lang_code(run.lang),
            run.catalog_title,
            run.area,
            run.member,
            run.report_dir,
            run.catalog_text,
            sha256_hex(run.catalog_text.as_bytes()),
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut file = tx.prepare_cached(
        "INSERT INTO input_file (run_id, name, size, sha256, error) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut sheet = tx.prepare_cached(
        "INSERT INTO input_sheet (run_id, file, sheet, rows_read, rows_used, rows_rejected, rows_skipped)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for f in &run.ingested.files {
        file.execute(params![id, f.file, f.size as i64, f.sha256, f.error])?;
        for s in &f.sheets {
            sheet.execute(params![
                id,
                f.file,
                s.sheet,
                s.read as i64,
                s.used as i64,
                s.rejected as i64,
                s.skipped as i64
            ])?;
        }
    }
    if let Some(results) = run.results {
        insert_results(tx, id, results)?;
    }
    let mut output = tx.prepare_cached(
        "INSERT INTO output (run_id, name, size, sha256) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (name, bytes) in &run.outputs {
        output.execute(params![id, name, bytes.len() as i64, sha256_hex(bytes)])?;
    }
    Ok(id)
}

fn insert_results(tx: &rusqlite::Transaction, id: i64, results: &Results) -> rusqlite::Result<()> {
    let mut date = tx.prepare_cached(
        "INSERT INTO data_date (run_id, source, through, stated) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for c in &results.coverage {
        date.execute(params![
            id,
            c.source.key(),
            date_text(Some(c.through)),
            c.stated
        ])?;
    }
    let mut status =
        tx.prepare_cached("INSERT INTO status (run_id, subject, status) VALUES (?1, ?2, ?3)")?;
    let subjects = results
        .promises
        .iter()
        .map(|p| (&p.id, p.status))
        .chain(results.outcomes.iter().map(|o| (&o.id, o.status)));
    for (subject, s) in subjects {
        status.execute(params![id, subject, s.code()])?;
    }
    let mut value = tx.prepare_cached(
        "INSERT INTO value (run_id, subject, key, indicator, category, area, part, place, period,
             unit, value, target, n, ci_low, ci_high, baseline, change, p_value, status, data_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20)",
    )?;
    for v in results.values() {
        value.execute(params![
            id,
            v.subject,
            v.key,
            indicator_name(&v.indicator),
            v.category,
            v.area,
            v.part,
            v.place,
            v.period,
            v.unit,
            v.value,
            v.target,
            v.n,
            v.ci_low,
            v.ci_high,
            v.baseline,
            v.change,
            v.p_value,
            v.status.map(Status::code),
            date_text(v.data_date),
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::{IndicatorValue, PromiseResult, Results};
    use crate::ingest::FileReport;

    fn results(period: ReportPeriod, status: Status, visits: f64) -> Results {
        Results {
            period,
            data_date: None,
            coverage: vec![],
            last_day: period.end(),
            promises: vec![PromiseResult {
                id: "P3".into(),
                party: String::new(),
                text: String::new(),
                status,
                target: Default::default(),
                result: Default::default(),
                data_date: None,
                values: vec![IndicatorValue {
                    subject: "P3".into(),
                    key: "count",
                    indicator: crate::indicators::phrase::Phrase::Verbatim("besök".into()),
                    place: "Ungdomshuset".into(),
                    period: "Vårtermin 2017".into(),
                    value: Some(visits),
                    data_date: NaiveDate::from_ymd_opt(2017, 4, 30),
                    ..Default::default()
                }],
                detail: vec![],
                notes: vec![],
            }],
            outcomes: vec![],
        }
    }

    fn ingested(sha: &str) -> Ingested {
        Ingested {
            files: vec![FileReport {
                file: "logg.xlsx".into(),
                size: 10,
                sha256: sha.into(),
                error: None,
                sheets: vec![],
            }],
            ..Default::default()
        }
    }

    fn record<'a>(
        period: ReportPeriod,
        ingested: &'a Ingested,
        results: &'a Results,
        outputs: Vec<(&'a str, &'a [u8])>,
    ) -> RunRecord<'a> {
        RunRecord {
            catalog_title: "Testlöfte",
            area: "Karlslund",
            catalog_text: "titel = \"Testlöfte\"",
            member: "",
            report_dir: period.label(),
            period,
            lang: Lang::Sv,
            ingested,
            results: Some(results),
            outputs,
        }
    }

    const T1: ReportPeriod = ReportPeriod::Tertial { year: 2017, n: 1 };
    const T2: ReportPeriod = ReportPeriod::Tertial { year: 2017, n: 2 };

    #[test]
    fn a_published_report_is_read_back_as_it_was_stated() {
        let dir = tempfile::tempdir().unwrap();
        let mut archive = Archive::open(dir.path()).unwrap();
        let (input, r) = (ingested("aaaa"), results(T1, Status::InProgress, 1.0));
        let ids = archive
            .record_pending(&[record(T1, &input, &r, vec![("a.pdf", b"pdf")])])
            .unwrap();
        // Pending: not yet a report to compare with.
        let catalog = ("Testlöfte", "Karlslund");
        let text = "titel = \"Testlöfte\"";
        assert!(archive
            .previous(catalog, text, T2, &input)
            .unwrap()
            .is_none());
        archive.mark_published(&ids).unwrap();
        // The T2 report's input: the log changed since.
        let changed = ingested("bbbb");
        let published = archive
            .previous(catalog, text, T2, &changed)
            .unwrap()
            .unwrap();
        assert_eq!(published.period, T1);
        assert_eq!(
            published.statuses,
            vec![("P3".to_string(), Status::InProgress)]
        );
        assert_eq!(published.values.len(), 1);
        assert_eq!(published.values[0].value, Some(1.0));
        assert_eq!(
            published.input_changes,
            vec![InputChange::FileChanged {
                file: "logg.xlsx".into(),
                used_before: 0,
                used_now: 0
            }]
        );
        // A revised figure over the same days: 1 → 2, counted as revised since by the later run.
        let r2 = results(T2, Status::Fulfilled, 2.0);
        let ids = archive
            .record_pending(&[record(T2, &changed, &r2, vec![("b.pdf", b"pdf2")])])
            .unwrap();
        archive.mark_published(&ids).unwrap();
        let runs = archive.runs().unwrap();
        let revised: Vec<(String, usize)> = runs
            .iter()
            .map(|r| (r.period.clone(), r.revised_since))
            .collect();
        assert_eq!(revised, vec![("2017-T1".into(), 1), ("2017-T2".into(), 0)]);
        assert_eq!(
            archive.runs_that_wrote(&sha256_hex(b"pdf2")).unwrap(),
            vec![(ids[0], "b.pdf".into())]
        );
    }

    #[test]
    fn a_run_killed_after_its_switch_in_is_settled_by_the_files_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let mut archive = Archive::open(dir.path()).unwrap();
        let (input, r) = (ingested("aaaa"), results(T2, Status::InProgress, 1.0));
        // Killed between the switch-in and `mark_published`: the set is in place.
        archive
            .record_pending(&[record(T2, &input, &r, vec![("a.pdf", b"in place")])])
            .unwrap();
        std::fs::create_dir_all(dir.path().join("2017-T2")).unwrap();
        std::fs::write(dir.path().join("2017-T2/a.pdf"), b"in place").unwrap();
        // Killed before the switch-in: the folder holds another set.
        archive
            .record_pending(&[record(T2, &input, &r, vec![("a.pdf", b"never published")])])
            .unwrap();
        archive.settle("2017-T2").unwrap();
        let runs = archive.runs().unwrap();
        assert_eq!(
            runs.len(),
            1,
            "the set in place is published, the other removed"
        );
        let pending: i64 = archive
            .conn
            .query_row("SELECT count(*) FROM run", [], |r| r.get(0))
            .unwrap();
        assert_eq!(pending, 1);
        assert_eq!(
            archive
                .runs_that_wrote(&sha256_hex(b"in place"))
                .unwrap()
                .len(),
            1
        );
    }
}
