//! Indicators, status notes: commitments no log can measure, followed by the latest note.

use super::phrase::{Notes, Phrase};
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
    let Some(latest) = notes.first() else {
        return ctx.promise(
            Status::NoData,
            Phrase::StatusNoteTarget,
            Phrase::NoStatusNote,
            vec![],
        );
    };
    let status = status_of(latest.status);
    let mut v = ctx.value(
        "status_note",
        Phrase::StatusNoteName,
        ctx.period.label(),
        "status",
    );
    v.status = Some(status);
    v.data_date = Some(latest.date);
    v.note = Notes::one(Phrase::Verbatim(latest.comment.clone()));
    let result = Phrase::LatestNote {
        status,
        date: latest.date,
        comment: latest.comment.clone(),
    };
    let result = match notes_until(ctx) {
        Some(through) if is_stale(status, latest.date, through) => Phrase::StaleNote {
            result: Box::new(result),
            through,
        },
        _ => result,
    };
    let mut r = ctx.promise(status, Phrase::StatusNoteTarget, result, vec![v]);
    r.data_date = Some(latest.date);
    r
}

/// Is a note's status, still open (in progress, delayed, not begun), stale: dated more
/// than a tertial (four months, the follow-up's cadence) before the notes' data date? A
/// status the council reads as current then says how old it is. A done note never is.
fn is_stale(status: Status, dated: chrono::NaiveDate, through: chrono::NaiveDate) -> bool {
    let open = matches!(
        status,
        Status::InProgress | Status::Delayed | Status::NotStarted
    );
    let tertial_before = through.checked_sub_months(chrono::Months::new(4));
    open && tertial_before.is_some_and(|t| dated < t)
}

/// The last day the status notes cover for this report: their data date, capped at the
/// period's end.
fn notes_until(ctx: &Context) -> Option<chrono::NaiveDate> {
    let source = crate::catalog::Source::Lagesrapporter;
    super::coverage::through(ctx.catalog, ctx.tables, source)
        .map(|c| c.through.min(ctx.period.end()))
}

/// Judges a one-off deliverable with a deadline (`typ = "leverans"`).
///
/// Rule: a Genomfört note dated on or before the period's end → Uppfyllt, dated with that
/// note; dated after the deadline → Försenat, "genomfört … efter tidsfristen" (the promise
/// said "by then"); otherwise, when the status
/// notes' data date ([`super::coverage::through`], capped at the period's end) is before the
/// deadline → the latest note's status, or Pågår without a note; when it reaches the
/// deadline → Försenat. The deadline is `senast`, else the promise
/// period's last day. Source: the status-note sheet (input kind 5).
pub(super) fn deadline(ctx: &Context, spec: &crate::catalog::DeadlineSpec) -> PromiseResult {
    let due = spec
        .senast
        .as_ref()
        .and_then(crate::catalog::measure::toml_date)
        .unwrap_or(ctx.catalog.end);
    let notes = notes_for(ctx.tables, ctx.id, ctx.period);
    let done = notes.iter().find(|n| n.status == NoteStatus::Done);
    let target = Phrase::DeadlineTarget(due);
    let (status, result, date) = match (done, notes.first()) {
        // Done, but after the deadline: the promise said "by then", so it is late, not met.
        (Some(n), _) => (
            if n.date > due {
                Status::Delayed
            } else {
                Status::Fulfilled
            },
            Phrase::DoneOn {
                date: n.date,
                late: n.date > due,
                comment: n.comment.clone(),
            },
            Some(n.date),
        ),
        // Passed only when the status notes reach the deadline (their data date, stated or
        // the latest note, capped at the period's end): notes that end before it cannot say
        // that it was missed.
        (None, _) if notes_until(ctx).is_some_and(|d| d >= due) => (
            Status::Delayed,
            Phrase::DeadlinePassed(due),
            notes.first().map(|n| n.date),
        ),
        (None, Some(latest)) => (
            status_of(latest.status),
            Phrase::LatestNote {
                status: status_of(latest.status),
                date: latest.date,
                comment: latest.comment.clone(),
            },
            Some(latest.date),
        ),
        (None, None) => (Status::InProgress, Phrase::DeadlineAhead(due), None),
    };
    let mut v = ctx.value("deadline", target.clone(), ctx.period.label(), "status");
    v.status = Some(status);
    v.data_date = date;
    v.note = Notes::one(result.clone());
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

    #[test]
    fn an_open_status_more_than_a_tertial_old_is_stale() {
        let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(2018, m, day).unwrap();
        // Data date 31 December: a tertial before is 31 August.
        assert!(is_stale(Status::InProgress, d(5, 2), d(12, 31)));
        assert!(is_stale(Status::Delayed, d(8, 30), d(12, 31)));
        assert!(!is_stale(Status::InProgress, d(8, 31), d(12, 31)));
        assert!(!is_stale(Status::InProgress, d(12, 1), d(12, 31)));
        // Done is done, however long ago.
        assert!(!is_stale(Status::Fulfilled, d(1, 2), d(12, 31)));
    }
}
