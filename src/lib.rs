//! lofte follows up Swedish medborgarlöften: it reads the analysts' workbooks, computes every
//! promise's compliance and every outcome, and writes an Excel workbook and a PDF report.
//!
//! The pipeline, one module per stage: [`catalog`] (the promise file) → [`ingest`]
//! (workbooks → typed tables) → [`indicators`] (polars) → [`report`] (xlsx, pdf, csv).
//! Beside it, [`templates`] writes blank input workbooks from a catalog (`lofte mallar`),
//! and [`archive`] records every published report set (`lofte historik`, `lofte verifiera`).

pub mod archive;
pub mod catalog;
pub mod config;
pub mod fmt;
pub mod indicators;
pub mod ingest;
pub mod names;
mod parallel;
pub mod period;
mod pipeline;
pub mod report;
pub mod templates;

pub use config::{
    CheckConfig, Command, HistoryConfig, InitConfig, RunConfig, TemplatesConfig, VerifyConfig,
};
pub use pipeline::run;
