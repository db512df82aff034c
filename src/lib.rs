//! lofte follows up Swedish medborgarlöften: it reads the analysts' workbooks, computes every
//! promise's compliance and every outcome, and writes an Excel workbook and a PDF report.
//!
//! The pipeline, one module per stage: [`catalog`] (the promise file) → [`ingest`]
//! (workbooks → typed tables) → [`indicators`] (polars) → [`report`] (xlsx, pdf, csv).

pub mod catalog;
pub mod config;
pub mod fmt;
pub mod indicators;
pub mod ingest;
pub mod names;
pub mod period;
mod pipeline;
pub mod report;

pub use config::{CheckConfig, Command, RunConfig};
pub use pipeline::run;
