//! The pipeline's use of the archive of published reports: what the previous report said,
//! the years the input no longer holds, and the record of each set around its switch-in. A
//! problem with the archive never stops the reports: the run says so and goes on without it.

use std::path::Path;

use crate::archive::{Archive, RunRecord};
use crate::catalog::Catalog;
use crate::indicators::changes::Published;
use crate::indicators::history::EarlierYear;
use crate::ingest::Ingested;
use crate::period::ReportPeriod;

/// The archive for one run, or none once it has failed (the reports are written anyway).
pub(super) struct Recorder {
    archive: Option<Archive>,
}

impl Recorder {
    /// Opens the archive in the report folder `out`; a damaged or newer one is named on
    /// the console and the run goes on without it.
    pub fn open(out: &Path) -> Recorder {
        let archive = Archive::open(out).map_err(warn).ok();
        Recorder { archive }
    }

    /// Settles what a killed run into `report_dir` left pending (the folder's lock held).
    pub fn settle(&mut self, report_dir: &str) {
        let result = self.archive.as_mut().map(|a| a.settle(report_dir));
        self.on_error(result);
    }

    /// The published report to compare with, if the archive has one.
    pub fn previous(
        &mut self,
        catalog: &Catalog,
        period: ReportPeriod,
        ingested: &Ingested,
    ) -> Option<Published> {
        let found = self.archive.as_ref().map(|a| {
            a.previous(
                (&catalog.title, &catalog.area),
                &catalog.source,
                period,
                ingested,
            )
        });
        self.on_error(found).flatten()
    }

    /// Whole-year outcome figures the archive holds for `area`.
    pub fn earlier(&mut self, area: &str) -> Vec<EarlierYear> {
        let found = self.archive.as_ref().map(|a| a.whole_years(area));
        self.on_error(found).unwrap_or_default()
    }

    /// Records the sets as pending, before they are switched in.
    pub fn record_pending(&mut self, runs: &[RunRecord]) -> Option<Vec<i64>> {
        let ids = self.archive.as_mut().map(|a| a.record_pending(runs));
        self.on_error(ids)
    }

    /// Marks the sets published, once they are in place.
    pub fn mark_published(&mut self, ids: Option<Vec<i64>>) {
        if let Some(ids) = ids {
            let done = self.archive.as_mut().map(|a| a.mark_published(&ids));
            self.on_error(done);
        }
    }

    /// The value, or `None` after naming the problem and closing the archive for this run.
    fn on_error<T>(
        &mut self,
        result: Option<Result<T, crate::archive::ArchiveError>>,
    ) -> Option<T> {
        match result? {
            Ok(value) => Some(value),
            Err(e) => {
                warn(e);
                self.archive = None;
                None
            }
        }
    }
}

fn warn(e: crate::archive::ArchiveError) {
    eprintln!("varning: {e}; rapporterna skrivs utan arkivpost");
}
