//! The pipeline for a region: several promises (one catalog each in `input/loften/`), the
//! input read once, every promise's reports and the regional overview published as one set.

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context};

use super::record::Recorder;
use super::{
    compute_set, fail_on_problems, load_region, print_input_notes, render_set, stop_on_problems,
    Computed, History, ProgressBar, Stopwatch,
};
use crate::catalog::{Catalog, Member};
use crate::config::{CheckConfig, RunConfig};
use crate::fmt::Lang;
use crate::indicators;
use crate::ingest::{self, Ingested};
use crate::period::ReportPeriod;
use crate::report;

/// The input read once for every promise of a region, with a [`ProgressBar`].
fn read_region_showing_progress(
    dir: &Path,
    members: &[Member],
    quiet: bool,
) -> anyhow::Result<ingest::RegionInput> {
    let bar = ProgressBar::new(quiet);
    let input = ingest::read_folder_region(dir, members, &|done, total| bar.show(done, total))
        .with_context(|| format!("indatamappen {} kunde inte läsas", dir.display()));
    bar.finish();
    input
}

/// A region: every catalog in the folder `config.catalog` (`input/loften/`), the input read
/// once, each promise's report in its own folder and the regional overview beside them, all
/// published as one set in `<out>/<period>/`.
pub(super) fn run_region(config: &RunConfig) -> anyhow::Result<()> {
    let mut clock = Stopwatch::start();
    let mut members = load_region(&config.catalog)?;
    for m in &mut members {
        m.catalog.state_through(&config.stated_through);
    }
    let input = read_region_showing_progress(&config.input, &members, config.quiet)?;
    clock.lap("ingest");
    stop_on_problems(&input.run, config)?;
    let period = match config.period {
        Some(p) => p,
        None => region_period(&members, &input).context(indicators::NOTHING_TO_REPORT)?,
    };
    let pairs: Vec<(&Member, &Ingested)> = members.iter().zip(&input.promises).collect();
    let dir = config.out.join(period.label());
    // The folder's lock first: what a killed run left is settled before it is read.
    let publication = report::Publication::start(&dir)?;
    let mut archive = Recorder::open(&config.out);
    archive.settle(&period.label());
    // The archive is read here, one promise after another; the numbers are computed in parallel.
    let histories: Vec<History> = pairs
        .iter()
        .map(|(member, ingested)| History {
            published: archive.previous(&member.catalog, period, ingested),
            earlier: archive.earlier(&member.catalog.area),
        })
        .collect();
    clock.lap("archive: read");
    let jobs: Vec<(&Member, &Ingested, &History)> = pairs
        .iter()
        .zip(&histories)
        .map(|((m, i), h)| (*m, *i, h))
        .collect();
    // Two rounds, each spread over the cores: every promise's numbers, then every promise's
    // files and the overview side by side (the overview waits only for the numbers).
    let bar = ProgressBar::for_promises(config.quiet);
    let steps = 2 * pairs.len() + 1;
    let computed = crate::parallel::map_on_polars_threads(
        &jobs,
        |(m, i, _)| promise_weight(&(*m, *i)),
        &|done, _| bar.show(done, steps),
        |(member, ingested, history)| {
            compute_set(&member.catalog, ingested, period, history).map_err(|e| format!("{e:#}"))
        },
    );
    clock.lap("promises' numbers");
    stop_when_none_reportable(&members, &computed, period)?;
    let overview = report::overview::Overview {
        period,
        lang: config.lang,
        members: pairs
            .iter()
            .zip(&computed)
            .map(|((member, ingested), set)| report::overview::Member {
                key: &member.key,
                catalog: &member.catalog,
                ingested,
                results: set
                    .as_ref()
                    .map(|s| &s.results)
                    .map_err(|e| why_no_report(&member.catalog, ingested, period, e)),
                changes: set.as_ref().ok().and_then(|s| s.changes.as_ref()),
            })
            .collect(),
        run: &input.run,
    };
    let files = render_region(
        &pairs,
        &computed,
        &overview,
        config.lang,
        &publication,
        &|done, total| bar.show(pairs.len() + done, pairs.len() + total),
    )?;
    bar.finish();
    clock.lap("files");
    let pending = archive.record_pending(&region_records(
        &pairs,
        &computed,
        &overview,
        period,
        config.lang,
        &files,
    ));
    clock.lap("archive: record");
    publication.finish(&files)?;
    clock.lap("publishing");
    archive.mark_published(pending);
    clock.lap("archive: mark published");
    print_region_summary(&mut std::io::stdout().lock(), &overview, &dir, &files)?;
    drop(overview);
    super::free_in_background((input, computed, files, members));
    Ok(())
}

/// The archive's record of a region's set: each reported promise's files with its numbers,
/// and the overview's files as a run of their own (named by the region's folder).
fn region_records<'a>(
    pairs: &[(&'a Member, &'a Ingested)],
    computed: &'a [Result<Computed, String>],
    overview: &'a report::overview::Overview,
    period: ReportPeriod,
    lang: Lang,
    files: &'a [(String, Vec<u8>)],
) -> Vec<crate::archive::RunRecord<'a>> {
    let label = period.label();
    let in_folder = |folder: &str| -> Vec<(&'a str, &'a [u8])> {
        files
            .iter()
            .filter_map(|(n, b)| {
                let rest = match folder {
                    "" => Some(n.as_str()).filter(|n| !n.contains('/')),
                    f => n.strip_prefix(f)?.strip_prefix('/'),
                };
                Some((rest?, b.as_slice()))
            })
            .collect()
    };
    let mut records: Vec<crate::archive::RunRecord<'a>> = pairs
        .iter()
        .zip(computed)
        .filter_map(|((member, ingested), set)| {
            let set = set.as_ref().ok()?;
            Some(crate::archive::RunRecord {
                catalog_title: &member.catalog.title,
                area: &member.catalog.area,
                catalog_text: &member.catalog.source,
                member: &member.key,
                report_dir: format!("{label}/{}", member.key),
                period,
                lang,
                ingested,
                results: Some(&set.results),
                outputs: in_folder(&member.key),
            })
        })
        .collect();
    records.push(crate::archive::RunRecord {
        catalog_title: "Regional översikt",
        area: "",
        catalog_text: "",
        member: "",
        report_dir: label.clone(),
        period,
        lang,
        ingested: overview.run,
        results: None,
        outputs: in_folder(""),
    });
    records
}

/// How much work a promise's report is, to start the heaviest first: the rows it uses.
fn promise_weight((_, ingested): &(&Member, &Ingested)) -> u64 {
    ingested.totals().1 as u64
}

/// Stops the run when no promise can be reported for the period, each with why.
fn stop_when_none_reportable(
    members: &[Member],
    computed: &[Result<Computed, String>],
    period: ReportPeriod,
) -> anyhow::Result<()> {
    if computed.iter().any(|c| c.is_ok()) {
        return Ok(());
    }
    let why: Vec<String> = members
        .iter()
        .zip(computed)
        .filter_map(|(m, c)| c.as_ref().err().map(|e| format!("  {}: {e}", m.key)))
        .collect();
    bail!(
        "inget av löftena kan rapporteras för {period}:\n{}",
        why.join("\n")
    )
}

/// Every file of the set: each reported promise's files in its folder, and the overview,
/// rendered side by side and written into `publication` as each job ends, on a thread of
/// its own (the waits for the disk overlap the rendering). Returns the files in the jobs'
/// order. `progress(done, jobs)` is called as each job ends.
fn render_region(
    pairs: &[(&Member, &Ingested)],
    computed: &[Result<Computed, String>],
    overview: &report::overview::Overview,
    lang: Lang,
    publication: &report::Publication,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    type Files = Vec<(String, Vec<u8>)>;
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::channel::<(usize, Files)>();
        let writer = scope.spawn(move || -> anyhow::Result<Vec<(usize, Files)>> {
            let mut written = Vec::new();
            for (job, files) in receive {
                publication.write(&files)?;
                written.push((job, files));
            }
            Ok(written)
        });
        let rendered = render_jobs(pairs, computed, overview, lang, progress, &|job, files| {
            // A writer that stopped has its error, reported below.
            send.send((job, files)).ok();
        });
        drop(send);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("ett internt fel avbröt skrivningen")));
        rendered?;
        let mut written = written?;
        written.sort_by_key(|(job, _)| *job);
        Ok(written.into_iter().flat_map(|(_, files)| files).collect())
    })
}

/// Renders job i (promise i, or the overview after the last promise) and hands its files
/// to `done`; the first error, if any.
fn render_jobs(
    pairs: &[(&Member, &Ingested)],
    computed: &[Result<Computed, String>],
    overview: &report::overview::Overview,
    lang: Lang,
    progress: &(dyn Fn(usize, usize) + Sync),
    done: &(dyn Fn(usize, Vec<(String, Vec<u8>)>) + Sync),
) -> anyhow::Result<()> {
    // Job i renders promise i; the last job, the overview, is the heaviest and goes first.
    let jobs: Vec<usize> = (0..=pairs.len()).collect();
    let weight = |i: &usize| pairs.get(*i).map_or(u64::MAX, promise_weight);
    let rendered = crate::parallel::map(&jobs, weight, progress, |i| {
        let files = match (pairs.get(*i), computed.get(*i)) {
            (Some((member, ingested)), Some(Ok(c))) => {
                let files = render_set(&member.catalog, ingested, c, lang)
                    .with_context(|| format!("löftet {}", member.key))?;
                Ok(files
                    .into_iter()
                    .map(|(name, bytes)| (format!("{}/{name}", member.key), bytes))
                    .collect())
            }
            (Some(_), _) => Ok(vec![]),
            (None, _) => report::render_overview(overview),
        }?;
        done(*i, files);
        Ok(())
    });
    rendered.into_iter().collect()
}

/// Why a promise has no report, as the overview says it: no data at all, data that end
/// before the period, or the message as it is.
fn why_no_report(
    catalog: &Catalog,
    ingested: &Ingested,
    period: ReportPeriod,
    message: &str,
) -> report::overview::NoReport {
    use report::overview::NoReport;
    match indicators::data_end(catalog, &ingested.tables) {
        None => NoReport::NoData,
        Some(end) if period.start() > end => NoReport::EndsBefore(end),
        Some(_) => NoReport::Other(message.to_string()),
    }
}

/// The period a region reports by default: the latest tertial any promise's data reaches
/// (a promise whose data stop earlier says so in the overview).
fn region_period(members: &[Member], input: &ingest::RegionInput) -> Option<ReportPeriod> {
    members
        .iter()
        .zip(&input.promises)
        .filter_map(|(m, i)| indicators::default_period(&m.catalog, &i.tables))
        .max_by_key(|p| p.end())
}

fn print_region_summary(
    out: &mut impl Write,
    overview: &report::overview::Overview,
    dir: &Path,
    files: &[(String, Vec<u8>)],
) -> std::io::Result<()> {
    let run = overview.run;
    let (read, used, rejected, skipped, unread) = run.totals();
    writeln!(
        out,
        "{} löften – {}",
        overview.members.len(),
        overview.period
    )?;
    writeln!(out, "Filer: {} · rader (var och en räknad en gång): {read} = {used} använda + {rejected} avvisade + {skipped} överhoppade + {unread} i blad som inte lästes", run.files.len())?;
    print_input_notes(out, run)?;
    writeln!(out)?;
    for m in &overview.members {
        match &m.results {
            Ok(r) => {
                let [good, warning, bad, other] = report::overview::tally(r);
                writeln!(
                    out,
                    "  {:<16} ✓ {good}  ◐ {warning}  ✗ {bad}  övriga {other}   {}",
                    m.key, m.catalog.title
                )?;
            }
            Err(why) => writeln!(
                out,
                "  {:<16} {}",
                m.key,
                report::overview::no_report(Lang::Sv, why)
            )?,
        }
    }
    writeln!(out)?;
    if rejected > 0 {
        writeln!(
            out,
            "{} avvisades; se Datakvalitet i översiktens arbetsbok eller kör `lofte check`.",
            report::rows(rejected)
        )?;
    }
    let base = overview.base_name();
    for (name, _) in files.iter().filter(|(n, _)| n.starts_with(&base)) {
        writeln!(out, "Skrev {}", dir.join(name).display())?;
    }
    let reported = overview
        .members
        .iter()
        .filter(|m| m.results.is_ok())
        .count();
    let reports = crate::fmt::count_of(reported, "löftesrapport", "löftesrapporter");
    writeln!(out, "Skrev {reports} i {}/<löfte>/", dir.display())?;
    Ok(())
}

/// `lofte check` for a region: the run's account of every file and sheet (each row once),
/// then per promise the sources it found and the rows it took.
pub(super) fn check_region(config: &CheckConfig) -> anyhow::Result<()> {
    let members = load_region(&config.catalog)?;
    let input = ingest::read_folder_region(&config.input, &members, &|_, _| {})
        .with_context(|| format!("indatamappen {} kunde inte läsas", config.input.display()))?;
    let mut out = std::io::stdout().lock();
    if config.json {
        serde_json::to_writer_pretty(&mut out, &report::check_json_region(&members, &input))?;
        writeln!(out)?;
    } else {
        report::write_check_text(&mut out, &input.run)?;
        for (member, ingested) in members.iter().zip(&input.promises) {
            let (_, used, ..) = ingested.totals();
            writeln!(
                out,
                "\nLöfte {} – {} ({}): {} används",
                member.key,
                member.catalog.title,
                member.catalog.area,
                report::rows(used)
            )?;
            report::write_sources(&mut out, &member.catalog, ingested)?;
        }
    }
    fail_on_problems(&input.run)?;
    if region_period(&members, &input).is_none() {
        bail!(indicators::NOTHING_TO_REPORT);
    }
    Ok(())
}
