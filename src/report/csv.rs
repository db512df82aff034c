//! Report, CSV: `indicators.csv`, one row per computed value, for Power BI, R and checking.
//!
//! UTF-8, comma separated, decimal point (machine-readable, not localised). Columns:
//! subject, indicator, area, place, period, value, target, unit, n, ci_low, ci_high,
//! baseline, change, change_pct, p_value, status, data_date, note. Shares (value, ci, change_pct for
//! counts) are in 0–1; empty means no value. status is the Swedish status word.

use std::io::Write;

use crate::indicators::Results;

pub const COLUMNS: [&str; 18] = [
    "subject",
    "indicator",
    "area",
    "place",
    "period",
    "value",
    "target",
    "unit",
    "n",
    "ci_low",
    "ci_high",
    "baseline",
    "change",
    "change_pct",
    "p_value",
    "status",
    "data_date",
    "note",
];

fn num(v: Option<f64>) -> String {
    v.map_or(String::new(), |x| {
        let rounded = (x * 1e6).round() / 1e6;
        format!("{rounded}")
    })
}

/// A p-value with six significant digits: a small one in scientific notation (1.55e-5),
/// never rounded to 0.
fn p_value(p: Option<f64>) -> String {
    p.map_or(String::new(), |p| {
        if p > 0.0 && p < 1e-3 {
            format!("{p:.5e}")
        } else {
            num(Some(p))
        }
    })
}

pub fn write(results: &Results, out: impl Write) -> anyhow::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for v in results.values() {
        w.write_record([
            v.subject.clone(),
            v.indicator.clone(),
            v.area.clone(),
            v.place.clone(),
            v.period.clone(),
            num(v.value),
            num(v.target),
            v.unit.clone(),
            num(v.n),
            num(v.ci_low),
            num(v.ci_high),
            num(v.baseline),
            num(v.change),
            num(v.change_pct),
            p_value(v.p_value),
            v.status.map_or(String::new(), |s| s.word_sv().to_string()),
            v.data_date.map_or(String::new(), crate::fmt::date),
            v.note.clone(),
        ])?;
    }
    w.flush()?;
    Ok(())
}
