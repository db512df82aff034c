//! The checked configuration a command runs with: what the CLI arguments mean, decided once.

use std::path::{Path, PathBuf};

use crate::fmt::Lang;
use crate::period::ReportPeriod;

/// `lofte run`: read, compute, write the reports.
#[derive(Debug, Clone)]
pub struct RunConfig {
    pub input: PathBuf,
    /// Reports go to `<out>/<period>/`.
    pub out: PathBuf,
    pub catalog: PathBuf,
    /// `None`: the latest tertial the data covers.
    pub period: Option<ReportPeriod>,
    /// The reports' language: Swedish by default.
    pub lang: Lang,
    /// Write reports from incomplete input (an unreadable file, a sheet missing a column),
    /// saying so on the first page and in the workbook. Off by default.
    pub allow_incomplete: bool,
    /// No progress bar (it is also hidden when standard error is not a terminal, and in CI).
    pub quiet: bool,
    /// Data dates stated on the command line (`--data-tom logg=2019-12-31`): they win over
    /// the catalog's `[data_tom]` for this run.
    pub stated_through: Vec<(crate::catalog::Source, chrono::NaiveDate)>,
}

/// `lofte check`: read and account for every row, write nothing.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    pub input: PathBuf,
    pub catalog: PathBuf,
    pub json: bool,
}

/// `lofte mallar`: blank input workbooks built from a catalog.
#[derive(Debug, Clone)]
pub struct TemplatesConfig {
    pub catalog: PathBuf,
    pub out: PathBuf,
    /// Replace files that already exist (never without it).
    pub overwrite: bool,
}

/// `lofte init`: a new promise folder with a catalog skeleton, its guide and templates.
#[derive(Debug, Clone)]
pub struct InitConfig {
    pub dir: PathBuf,
    pub overwrite: bool,
}

/// `lofte historik`: the published runs the archive in a report folder holds.
#[derive(Debug, Clone)]
pub struct HistoryConfig {
    /// The report folder (the archive is `lofte-arkiv.sqlite` in it).
    pub out: PathBuf,
}

/// `lofte verifiera`: is a file one lofte published, from which input, and would today's
/// input give the same numbers?
#[derive(Debug, Clone)]
pub struct VerifyConfig {
    pub file: PathBuf,
    /// The report folder; `None`: found from the file's place (`<out>/<period>/…`).
    pub out: Option<PathBuf>,
    /// Today's input, to compare with the input the report was made from.
    pub input: PathBuf,
}

#[derive(Debug, Clone)]
pub enum Command {
    Run(RunConfig),
    Check(CheckConfig),
    Templates(TemplatesConfig),
    Init(InitConfig),
    History(HistoryConfig),
    Verify(VerifyConfig),
}

/// The catalog when none is named: `lofte.toml` in the input folder; without one, the
/// folder `loften/` there (a region: one catalog per promise), when it exists.
pub fn default_catalog(input: &Path) -> PathBuf {
    let single = input.join("lofte.toml");
    let region = input.join("loften");
    if !single.exists() && region.is_dir() {
        region
    } else {
        single
    }
}
