//! Report, CSV: `indicators.csv`, one row per computed value, for Power BI, R and checking.
//!
//! UTF-8, comma separated, decimal point (machine-readable, not localised). Columns:
//! subject, indicator, area, part, place, focus, period, value, target, unit, n, ci_low, ci_high,
//! baseline, change, change_pct, p_value, status, data_date, note. Shares (value, ci, change_pct for
//! counts) are in 0–1; empty means no value. status is the Swedish status word. `part` is
//! the part of the area (`[[delomrade]]`) and `focus` the focus tag a breakdown row is
//! about; empty on the whole's row.

use super::words::{notes, say};
use std::io::Write;

use crate::indicators::Results;

pub const COLUMNS: [&str; 20] = [
    "subject",
    "indicator",
    "area",
    "part",
    "place",
    "focus",
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

/// A text field as spreadsheet programs must show it: one that starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return would be run as a formula when the CSV is opened, so it
/// gets a leading apostrophe (OWASP's rule for CSV injection). Numbers are separate fields
/// and stay numbers.
fn text(field: &str) -> String {
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_string()
    }
}

pub fn write(results: &Results, lang: crate::fmt::Lang, mut out: impl Write) -> anyhow::Result<()> {
    // A byte-order mark: Excel opens a UTF-8 CSV with å, ä and ö right only when it has one;
    // CSV readers skip it.
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for v in results.values() {
        w.write_record([
            text(&v.subject),
            text(&say(lang, &v.indicator)),
            text(&v.area),
            text(&v.part),
            text(&v.place),
            text(v.focus()),
            text(&v.period),
            num(v.value),
            num(v.target),
            text(&v.unit),
            num(v.n),
            num(v.ci_low),
            num(v.ci_high),
            num(v.baseline),
            num(v.change),
            num(v.change_pct),
            p_value(v.p_value),
            v.status.map_or(String::new(), |s| {
                super::words::status(crate::fmt::Lang::Sv, s).to_string()
            }),
            v.data_date.map_or(String::new(), crate::fmt::date),
            text(&notes(lang, &v.note)),
        ])?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_would_run_as_a_formula_is_written_as_text() {
        assert_eq!(
            text("=HYPERLINK(\"http://x.invalid/\";\"klick\")"),
            "'=HYPERLINK(\"http://x.invalid/\";\"klick\")"
        );
        assert_eq!(text("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        for risky in ["+1", "-2 timmar", "@SUM(A1)", "\tflik", "\rrad"] {
            assert!(text(risky).starts_with('\''), "{risky}");
        }
        assert_eq!(text("Pilängskolan"), "Pilängskolan");
        assert_eq!(text("2017-T2"), "2017-T2");
        // Numbers are written by `num` as numbers, never quoted.
        assert_eq!(num(Some(-3.5)), "-3.5");
    }
}
