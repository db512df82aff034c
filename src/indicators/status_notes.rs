//! Indicators, status notes: commitments no log can measure, followed by the latest note.

use super::{Context, PromiseResult, Status};
use crate::ingest::{NoteStatus, StatusNote, Tables};
use crate::period::ReportPeriod;

/// Status notes for a promise dated up to the period's end, newest first.
pub fn notes_for(tables: &Tables, promise: &str, period: ReportPeriod) -> Vec<StatusNote> {
    let mut notes: Vec<StatusNote> = tables
        .notes
        .iter()
        .filter(|n| n.promise == promise && n.date <= period.end())
        .cloned()
        .collect();
    notes.sort_by_key(|n| std::cmp::Reverse(n.date));
    notes
}

/// A note's status as a promise status: Genomfört → Uppfyllt, Pågår → Pågår,
/// Försenat → Försenat, Ej påbörjat → Ej påbörjat.
pub fn status_of(note: NoteStatus) -> Status {
    match note {
        NoteStatus::Done => Status::Fulfilled,
        NoteStatus::Ongoing => Status::InProgress,
        NoteStatus::Delayed => Status::Delayed,
        NoteStatus::NotStarted => Status::NotStarted,
    }
}

/// Judges a promise followed by status notes only.
///
/// Rule: the latest note dated on or before the period's end gives the status
/// ([`status_of`]) and its comment; no note → Saknar data.
/// Source: the status-note sheet (input kind 5); catalog measure `lagesrapport`.
pub(super) fn judge(ctx: &Context) -> PromiseResult {
    let notes = notes_for(ctx.tables, ctx.id, ctx.period);
    let target = ctx.tr("lägesrapport", "status note").to_string();
    let Some(latest) = notes.first() else {
        let none = ctx.tr(
            "ingen lägesrapport till och med periodens slut",
            "no status note up to the end of the period",
        );
        return ctx.promise(Status::NoData, target, none.to_string(), vec![]);
    };
    let status = status_of(latest.status);
    let mut v = ctx.value("status_note", &target, ctx.period.label(), "status");
    v.status = Some(status);
    v.data_date = Some(latest.date);
    v.note = latest.comment.clone();
    let date = crate::fmt::date(latest.date);
    let result = format!("{} ({date}): {}", status.word(ctx.lang), latest.comment);
    let mut r = ctx.promise(status, target, result, vec![v]);
    r.data_date = Some(latest.date);
    r
}

/// Judges a one-off deliverable with a deadline (`typ = "leverans"`).
///
/// Rule: a Genomfört note dated on or before the period's end → Uppfyllt, dated with that
/// note (and said to be late when it came after the deadline); otherwise, when the data
/// (capped at the period's end) end before the deadline → the latest note's status, or
/// Pågår without a note; when they reach the deadline → Försenat. The deadline is `senast`, else the promise
/// period's last day. Source: the status-note sheet (input kind 5).
pub(super) fn deadline(ctx: &Context, spec: &crate::catalog::DeadlineSpec) -> PromiseResult {
    let due = spec
        .senast
        .as_ref()
        .and_then(crate::catalog::measure::toml_date)
        .unwrap_or(ctx.catalog.end);
    let notes = notes_for(ctx.tables, ctx.id, ctx.period);
    let done = notes.iter().find(|n| n.status == NoteStatus::Done);
    let due_text = crate::fmt::date(due);
    let target = match ctx.lang {
        crate::fmt::Lang::Sv => format!("klart senast {due_text}"),
        crate::fmt::Lang::En => format!("done by {due_text}"),
    };
    let (status, result, date) = match (done, notes.first()) {
        (Some(n), _) => {
            let late = if n.date > due {
                ctx.tr(", efter tidsfristen", ", after the deadline")
            } else {
                ""
            };
            let when = crate::fmt::date(n.date);
            let text = match ctx.lang {
                crate::fmt::Lang::Sv => format!("genomfört {when}{late}: {}", n.comment),
                crate::fmt::Lang::En => format!("done {when}{late}: {}", n.comment),
            };
            (Status::Fulfilled, text, Some(n.date))
        }
        // Passed only when the data reach the deadline: a report whose data end before it
        // cannot say that it was missed.
        (None, _) if ctx.counted_until() >= due => {
            let text = match ctx.lang {
                crate::fmt::Lang::Sv => format!("tidsfristen {due_text} har passerat utan en lägesrapport om att det är genomfört"),
                crate::fmt::Lang::En => format!("the deadline {due_text} has passed without a status note saying it is done"),
            };
            (Status::Delayed, text, notes.first().map(|n| n.date))
        }
        (None, Some(latest)) => {
            let when = crate::fmt::date(latest.date);
            let text = format!(
                "{} ({when}): {}",
                status_of(latest.status).word(ctx.lang),
                latest.comment
            );
            (status_of(latest.status), text, Some(latest.date))
        }
        (None, None) => {
            let text = match ctx.lang {
                crate::fmt::Lang::Sv => {
                    format!("tidsfristen {due_text} har inte passerat; ingen lägesrapport ännu")
                }
                crate::fmt::Lang::En => {
                    format!("the deadline {due_text} has not passed; no status note yet")
                }
            };
            (Status::InProgress, text, None)
        }
    };
    let mut v = ctx.value("deadline", &target, ctx.period.label(), "status");
    v.status = Some(status);
    v.data_date = date;
    v.note = result.clone();
    let mut r = ctx.promise(status, target, result, vec![v]);
    r.data_date = date;
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn note(promise: &str, m: u32, status: NoteStatus) -> StatusNote {
        StatusNote {
            promise: promise.into(),
            date: NaiveDate::from_ymd_opt(2017, m, 1).unwrap(),
            status,
            comment: format!("note {m}"),
        }
    }

    #[test]
    fn the_latest_note_before_the_period_end_counts() {
        let tables = Tables {
            notes: vec![
                note("K2", 2, NoteStatus::NotStarted),
                note("K2", 6, NoteStatus::Ongoing),
                note("K2", 10, NoteStatus::Done),
                note("K1", 7, NoteStatus::Delayed),
            ],
            ..Default::default()
        };
        let t2 = ReportPeriod::Tertial { year: 2017, n: 2 };
        let notes = notes_for(&tables, "K2", t2);
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0].comment, "note 6");
        assert_eq!(status_of(notes[0].status), Status::InProgress);
    }
}
