//! The checked configuration a command runs with: what the CLI arguments mean, decided once.

use std::path::PathBuf;

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
}

/// `lofte check`: read and account for every row, write nothing.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    pub input: PathBuf,
    pub catalog: PathBuf,
    pub json: bool,
}

#[derive(Debug, Clone)]
pub enum Command {
    Run(RunConfig),
    Check(CheckConfig),
}
