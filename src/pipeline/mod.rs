//! The pipeline: catalog → ingest → indicators → reports, and the summaries printed on the
//! way; a region's run (several promises) in [`region`].

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use crate::catalog::{self, Catalog};
use crate::config::{CheckConfig, Command, RunConfig};
use crate::fmt::Lang;
use crate::indicators::{self, Results};
use crate::ingest::{self, Ingested};
use crate::period::ReportPeriod;
use crate::report::{self, Report};

mod archive_commands;
mod record;
mod region;

/// Runs one command.
pub fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Run(config) => run_reports(&config),
        Command::Check(config) => check(&config),
        Command::Templates(config) => write_templates(&config),
        Command::Init(config) => init(&config),
        Command::History(config) => archive_commands::history(&config),
        Command::Verify(config) => archive_commands::verify(&config),
    }
}

/// `lofte mallar`: one blank input workbook per kind of input the catalog reads.
fn write_templates(config: &crate::TemplatesConfig) -> anyhow::Result<()> {
    if config.catalog.is_dir() {
        bail!(
            "{} är en mapp; mallarna skrivs för ett löfte i taget: ange en katalogfil i den med --catalog",
            config.catalog.display()
        );
    }
    let catalog = load_catalog(&config.catalog)?;
    let files = crate::templates::build(&catalog).context("mallarna kunde inte skapas")?;
    let files: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|t| (config.out.join(t.file), t.bytes.as_slice()))
        .collect();
    write_new_files(&files, config.overwrite)
}

/// `lofte init DIR`: a folder `lofte run --input DIR` runs as it is: the catalog skeleton
/// with every kind of commitment as an example, a blank workbook for every kind of input it
/// reads (filled in where it lies), the analyst's guide `LÄSMIG.md` and the catalog's
/// reference `KATALOG.md`.
fn init(config: &crate::InitConfig) -> anyhow::Result<()> {
    let catalog = catalog::load_from(crate::templates::SKELETON)
        .context("den inbyggda katalogmallen kunde inte läsas")?;
    let templates = crate::templates::build(&catalog).context("mallarna kunde inte skapas")?;
    let mut files: Vec<(PathBuf, &[u8])> = vec![
        (
            config.dir.join("lofte.toml"),
            crate::templates::SKELETON.as_bytes(),
        ),
        (
            config.dir.join("LÄSMIG.md"),
            crate::templates::README_SV.as_bytes(),
        ),
        (
            config.dir.join("KATALOG.md"),
            crate::templates::GUIDE.as_bytes(),
        ),
    ];
    files.extend(
        templates
            .iter()
            .map(|t| (config.dir.join(t.file), t.bytes.as_slice())),
    );
    write_new_files(&files, config.overwrite)?;
    let dir = config.dir.display();
    println!(
        "Nästa steg (LÄSMIG.md beskriver dem): skriv in ert löfte i {}, fyll i arbetsböckerna i {dir}, \
         kontrollera med `lofte check --input {dir}` och skriv rapporterna med `lofte run --input {dir}`.",
        config.dir.join("lofte.toml").display(),
    );
    Ok(())
}

/// Writes every file, each through a temporary file renamed into place; refuses, naming
/// every one, when any already exists and `overwrite` is off.
fn write_new_files(files: &[(PathBuf, &[u8])], overwrite: bool) -> anyhow::Result<()> {
    let existing: Vec<String> = files
        .iter()
        .filter(|(path, _)| path.exists())
        .map(|(path, _)| path.display().to_string())
        .collect();
    if !existing.is_empty() && !overwrite {
        bail!(
            "{} finns redan och skrivs inte över; ange --skriv-over för att ersätta",
            existing.join(", ")
        );
    }
    for (path, bytes) in files {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)
            .with_context(|| format!("mappen {} kunde inte skapas", dir.display()))?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("kunde inte skriva i {}", dir.display()))?;
        std::io::Write::write_all(&mut tmp, bytes)?;
        let file = tmp
            .persist(path)
            .with_context(|| format!("{} kunde inte skrivas", path.display()))?;
        // A temporary file is private (0600); a template is for everyone who may read the folder.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o644))?;
        }
        #[cfg(not(unix))]
        drop(file);
        println!("Skrev {}", path.display());
    }
    Ok(())
}

/// A folder of catalogs beside the one catalog used is named, in case the region was meant.
fn note_unused_region(input: &Path, catalog: &Path) {
    let region = input.join("loften");
    if region.is_dir() {
        eprintln!(
            "observera: {} används; för alla löften i {} ange --catalog {}",
            catalog.display(),
            region.display(),
            region.display()
        );
    }
}

/// The input folder must exist before anything is read from it.
fn check_input_folder(dir: &Path) -> anyhow::Result<()> {
    if !dir.is_dir() {
        bail!(
            "indatamappen {} finns inte; ange mappen med arbetsböckerna med --input",
            dir.display()
        );
    }
    Ok(())
}

fn load_catalog(path: &Path) -> anyhow::Result<Catalog> {
    let catalog = catalog::load(path)
        .with_context(|| format!("katalogen {} kunde inte läsas", path.display()))?;
    // A logo that cannot be used stops the run before any work, not after it.
    read_logo(&catalog).with_context(|| format!("katalogen {}", path.display()))?;
    Ok(catalog)
}

/// The largest logo lofte embeds: a logo for a title page is a few hundred kilobytes.
const MAX_LOGO_BYTES: u64 = 5 * 1024 * 1024;

/// The organisation's logo (`[rapport] logotyp`): a PNG or JPEG file of at most 5 MiB.
fn read_logo(catalog: &Catalog) -> anyhow::Result<Option<Vec<u8>>> {
    let Some(path) = &catalog.profile.logo else {
        return Ok(None);
    };
    let fail = |why: String| anyhow::anyhow!("[rapport] logotyp {}: {why}", path.display());
    let size = std::fs::metadata(path)
        .map_err(|e| fail(format!("filen kunde inte läsas ({e}); ange sökvägen till en PNG- eller JPEG-fil, räknat från katalogens mapp")))?
        .len();
    if size > MAX_LOGO_BYTES {
        return Err(fail(format!("filen är {size} byte, mer än gränsen {MAX_LOGO_BYTES}; spara logotypen i en mindre storlek")));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("filen kunde inte läsas ({e})")))?;
    if report::logo_format(&bytes).is_none() {
        return Err(fail(
            "filen är varken PNG eller JPEG; spara logotypen som PNG".into(),
        ));
    }
    Ok(Some(bytes))
}

/// A region's catalogs: every `*.toml` in the folder.
fn load_region(dir: &Path) -> anyhow::Result<Vec<catalog::Member>> {
    let members = catalog::load_folder(dir)
        .with_context(|| format!("löftesmappen {} kunde inte läsas", dir.display()))?;
    for m in &members {
        read_logo(&m.catalog).with_context(|| format!("löftet {}", m.key))?;
    }
    Ok(members)
}

fn read_input(dir: &Path, catalog: &Catalog) -> anyhow::Result<Ingested> {
    ingest::read_folder(dir, catalog)
        .with_context(|| format!("indatamappen {} kunde inte läsas", dir.display()))
}

/// A progress bar over the files on standard error: only on a terminal, outside CI and
/// without `--tyst`, and only once reading has taken more than half a second.
struct ProgressBar {
    bar: indicatif::ProgressBar,
    can_show: bool,
    start: std::time::Instant,
}

impl ProgressBar {
    /// Reading the input: files read of all.
    fn new(quiet: bool) -> Self {
        Self::with_template(quiet, "läser indata {bar:30} {pos}/{len} filer ({elapsed})")
    }

    /// A region's reports: promises done of all.
    fn for_promises(quiet: bool) -> Self {
        Self::with_template(
            quiet,
            "beräknar och skriver löftenas rapporter {bar:30} {percent} % ({elapsed})",
        )
    }

    fn with_template(quiet: bool, template: &str) -> Self {
        use std::io::IsTerminal;
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template(template)
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        ProgressBar {
            bar,
            can_show: !quiet && std::env::var_os("CI").is_none() && std::io::stderr().is_terminal(),
            start: std::time::Instant::now(),
        }
    }

    fn show(&self, done: usize, total: usize) {
        if self.can_show && self.bar.is_hidden() && self.start.elapsed().as_millis() > 500 {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        self.bar.set_length(total as u64);
        self.bar.set_position(done as u64);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// [`read_input`] with a [`ProgressBar`].
fn read_input_showing_progress(
    dir: &Path,
    catalog: &Catalog,
    quiet: bool,
) -> anyhow::Result<Ingested> {
    let bar = ProgressBar::new(quiet);
    let ingested =
        ingest::read_folder_with_progress(dir, catalog, &|done, total| bar.show(done, total))
            .with_context(|| format!("indatamappen {} kunde inte läsas", dir.display()));
    bar.finish();
    ingested
}

/// Every file that could not be read and every sheet whose header lacks a required column,
/// one line each, so that one bad workbook does not hide the others.
fn input_problems(ingested: &Ingested) -> Option<String> {
    let lines: Vec<String> = ingested
        .problems()
        .into_iter()
        .map(|p| format!("  {p}"))
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// `lofte check` fails when the input has problems, after printing its account.
fn fail_on_problems(ingested: &Ingested) -> anyhow::Result<()> {
    match input_problems(ingested) {
        Some(errors) => bail!(
            "{} problem i indata (rätta dem innan rapporten körs):\n{errors}",
            ingested.problems().len()
        ),
        None => Ok(()),
    }
}

/// What the console summary says about the input besides its counts: sheets of no known
/// kind, links out of the folder, workbooks open in Excel.
fn print_input_notes(out: &mut impl Write, ingested: &Ingested) -> std::io::Result<()> {
    for sheet in ingested.ignored_sheets() {
        writeln!(out, "Ej läst (okänt slags blad): {sheet}")?;
    }
    for link in &ingested.outside_links {
        writeln!(out, "Ej läst (länk som pekar ut ur indatamappen): {link}")?;
    }
    for name in &ingested.open_in_excel {
        writeln!(out, "Observera: arbetsboken {name} är öppen i Excel (låsfilen ~${name} finns); ändringar som inte är sparade kommer inte med.")?;
    }
    Ok(())
}

/// With `LOFTE_TIMINGS` set, each stage's wall time goes to standard error (for the
/// benchmark's profile; never part of normal output).
struct Stopwatch(Option<(std::time::Instant, f64)>);

impl Stopwatch {
    fn start() -> Self {
        Stopwatch(
            std::env::var_os("LOFTE_TIMINGS").map(|_| (std::time::Instant::now(), cpu_seconds())),
        )
    }

    /// Prints the stage's wall time and the CPU time the process spent in it.
    fn lap(&mut self, stage: &str) {
        if let Some((t, cpu)) = self.0.as_mut() {
            let now = cpu_seconds();
            eprintln!(
                "{stage}: {:.3} s (cpu {:.3} s)",
                t.elapsed().as_secs_f64(),
                now - *cpu
            );
            *t = std::time::Instant::now();
            *cpu = now;
        }
    }
}

/// The CPU time (user and system) of the whole process so far, for `LOFTE_TIMINGS`.
fn cpu_seconds() -> f64 {
    #[cfg(unix)]
    {
        // SAFETY: getrusage fills the struct it is given.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } == 0 {
            let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
            return secs(usage.ru_utime) + secs(usage.ru_stime);
        }
    }
    0.0
}

fn run_reports(config: &RunConfig) -> anyhow::Result<()> {
    check_input_folder(&config.input)?;
    if config.catalog.is_dir() {
        return region::run_region(config);
    }
    note_unused_region(&config.input, &config.catalog);
    let mut clock = Stopwatch::start();
    let mut catalog = load_catalog(&config.catalog)?;
    catalog.state_through(&config.stated_through);
    let ingested = read_input_showing_progress(&config.input, &catalog, config.quiet)?;
    clock.lap("ingest");
    stop_on_problems(&ingested, config)?;
    let period = match config.period {
        Some(p) => p,
        None => indicators::default_period(&catalog, &ingested.tables)
            .context(indicators::NOTHING_TO_REPORT)?,
    };
    let dir = config.out.join(period.label());
    // The folder's lock first: what a killed run left is settled before it is read.
    let publication = report::Publication::start(&dir)?;
    let mut archive = record::Recorder::open(&config.out);
    archive.settle(&period.label());
    let history = History {
        published: archive.previous(&catalog, period, &ingested),
        earlier: archive.earlier(&catalog.area),
    };
    clock.lap("archive: read");
    let set = report_set(&catalog, &ingested, period, config.lang, &history)?;
    clock.lap("indicators and rendering");
    publication.write(&set.files)?;
    clock.lap("writing");
    let pending = archive.record_pending(&[crate::archive::RunRecord {
        catalog_title: &catalog.title,
        area: &catalog.area,
        catalog_text: &catalog.source,
        member: "",
        report_dir: period.label(),
        period,
        lang: config.lang,
        ingested: &ingested,
        results: Some(&set.computed.results),
        outputs: set
            .files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect(),
    }]);
    clock.lap("archive: record");
    publication.finish(&set.files)?;
    clock.lap("publishing");
    archive.mark_published(pending);
    clock.lap("archive: mark published");
    let written: Vec<PathBuf> = set.files.iter().map(|(name, _)| dir.join(name)).collect();
    print_summary(
        &mut std::io::stdout().lock(),
        &catalog,
        &ingested,
        &set.computed.results,
        &written,
    )?;
    Ok(())
}

/// What the archive of published reports holds for a promise: the report to compare with,
/// and whole years of its outcomes.
#[derive(Default)]
struct History {
    published: Option<indicators::changes::Published>,
    earlier: Vec<indicators::history::EarlierYear>,
}

/// Problems in the input (a file that could not be read, a sheet missing a column) stop
/// the run, unless the analyst asked for a report that says the input is incomplete.
fn stop_on_problems(ingested: &Ingested, config: &RunConfig) -> anyhow::Result<()> {
    match (input_problems(ingested), config.allow_incomplete) {
        (Some(errors), false) => bail!(
            "{} problem i indata; rätta dem (eller flytta ut filen ur {}) och kör igen, eller kör med --tillat-ofullstandig för en rapport som tydligt säger att underlaget är ofullständigt. Inga rapporter skrevs.\n{errors}",
            ingested.problems().len(),
            config.input.display()
        ),
        (Some(errors), true) => eprintln!(
            "varning: underlaget är ofullständigt; rapporten säger det på första sidan:\n{errors}"
        ),
        (None, _) => {}
    }
    Ok(())
}

/// One promise's numbers for a period, before any file is written.
struct Computed {
    results: Results,
    /// A year's tertials, each judged on its own (empty for a tertial).
    tertials: Vec<Results>,
    /// What changed since the previous report (for a region's overview too).
    changes: Option<indicators::changes::Changes>,
}

/// Frees a run's data on a thread of its own once the run is done: a region holds a
/// million rows in many small pieces, and freeing them took 60 ms at the end of the run.
/// The process may end first; its memory goes back to the system either way.
fn free_in_background<T: Send + 'static>(data: T) {
    std::thread::spawn(move || drop(data));
}

/// One promise's report for a period: its numbers and every file, rendered in memory.
struct ReportSet {
    computed: Computed,
    files: Vec<(String, Vec<u8>)>,
}

fn report_set(
    catalog: &Catalog,
    ingested: &Ingested,
    period: ReportPeriod,
    lang: Lang,
    history: &History,
) -> anyhow::Result<ReportSet> {
    let computed =
        crate::parallel::on_polars_threads(|| compute_set(catalog, ingested, period, history))?;
    let files = render_set(catalog, ingested, &computed, lang)?;
    Ok(ReportSet { computed, files })
}

/// Every file of a promise's report, in memory.
fn render_set(
    catalog: &Catalog,
    ingested: &Ingested,
    computed: &Computed,
    lang: Lang,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let logo = read_logo(catalog)?;
    let mut report = Report::new(catalog, ingested, &computed.results, lang);
    report.tertials = &computed.tertials;
    report.changes = computed.changes.as_ref();
    report.logo = logo.as_deref();
    report::render_all(&report)
}

/// A promise's results for `period`, the tertials of a year, and the comparison with the
/// previous report: the published one in `history`, or else the previous period recomputed.
fn compute_set(
    catalog: &Catalog,
    ingested: &Ingested,
    period: ReportPeriod,
    history: &History,
) -> anyhow::Result<Computed> {
    if let Err(why) = indicators::check_period(catalog, &ingested.tables, period) {
        bail!("{why}");
    }
    // The periods below share what does not depend on the period.
    let prepared = indicators::Prepared::new(catalog, &ingested.tables);
    let mut results = prepared
        .compute(period)
        .context("indikatorerna kunde inte beräknas")?;
    for o in &mut results.outcomes {
        o.earlier =
            indicators::history::earlier_years(o, &history.earlier, crate::archive::indicator_name);
        indicators::history::extend_series(o);
    }
    // The year-end summary shows the three tertials side by side, each judged on its own.
    let tertials = if period.is_year() {
        // Each tertial is independent: computed side by side as jobs of the pool this runs
        // on (polars' own, see `on_polars_threads`). Threads of their own would deadlock:
        // they would wait for the pool's threads while those wait for them.
        use rayon::prelude::*;
        let compute = |t| {
            let work = std::panic::AssertUnwindSafe(|| prepared.compute(t));
            std::panic::catch_unwind(work)
                .unwrap_or_else(|_| Err(anyhow::anyhow!("ett internt fel avbröt beräkningen")))
        };
        // Only the parts the promise covers: a tertial before it began is not shown.
        period
            .parts_within(catalog.start, catalog.end)
            .into_par_iter()
            .map(compute)
            .collect::<anyhow::Result<Vec<_>>>()
            .context("tertialerna kunde inte beräknas")?
    } else {
        Vec::new()
    };
    let changes = match &history.published {
        Some(published) => Some(indicators::changes::changes_since_published(
            published,
            &results,
            crate::archive::indicator_name,
        )),
        // No published report to compare with: the previous period with today's input.
        None => recomputed_changes(catalog, ingested, &prepared, period, &results),
    };
    Ok(Computed {
        results,
        tertials,
        changes,
    })
}

/// What changed since the previous period, computed with today's input. The comparison
/// is an addition: if the previous period cannot be computed, the report is still written,
/// without it, and the console says why.
fn recomputed_changes(
    catalog: &Catalog,
    ingested: &Ingested,
    prepared: &indicators::Prepared,
    period: ReportPeriod,
    results: &Results,
) -> Option<indicators::changes::Changes> {
    let previous = indicators::changes::previous_period(period)
        .filter(|p| indicators::check_period(catalog, &ingested.tables, *p).is_ok())?;
    match prepared.compute(previous) {
        Ok(before) => Some(indicators::changes::changes(&before, results)),
        Err(e) => {
            eprintln!("varning: jämförelsen med {previous} kunde inte beräknas: {e:#}");
            None
        }
    }
}

/// One line of the console summary: symbol, id, status word, what was found.
fn write_status_line(
    out: &mut impl Write,
    status: indicators::Status,
    id: &str,
    result: &str,
) -> std::io::Result<()> {
    let word = report::words::status(Lang::Sv, status);
    writeln!(out, "  {} {id:<4} {word:<22} {result}", status.symbol())
}

fn print_summary(
    out: &mut impl Write,
    catalog: &Catalog,
    ingested: &Ingested,
    results: &Results,
    written: &[PathBuf],
) -> std::io::Result<()> {
    let (read, used, rejected, skipped, unread) = ingested.totals();
    writeln!(out, "{} – {}", catalog.title, results.period)?;
    match results.data_date {
        Some(d) if results.in_progress() => writeln!(out, "Data t.o.m. {d} (perioden pågår)")?,
        Some(d) => writeln!(out, "Data t.o.m. {d}")?,
        None => writeln!(out, "Loggarna saknar data för perioden")?,
    }
    if !results.coverage.is_empty() {
        let coverage = report::words::Line::Coverage(results.coverage.clone());
        writeln!(out, "{}", report::words::line(Lang::Sv, &coverage))?;
    }
    writeln!(out, "Filer: {} · rader: {read} = {used} använda + {rejected} avvisade + {skipped} överhoppade + {unread} i blad som inte lästes", ingested.files.len())?;
    print_input_notes(out, ingested)?;
    writeln!(out)?;
    for p in &results.promises {
        let result = report::words::say(Lang::Sv, &p.result);
        write_status_line(out, p.status, &p.id, &result)?;
        // What the analyst can do about it: on the console, never in the council's report.
        if matches!(p.result, indicators::phrase::Phrase::StockStartUnknown(_)) {
            writeln!(
                out,
                "       ange start_antal för {} i katalogen (antalet vid löftets start)",
                p.id
            )?;
        }
    }
    for o in &results.outcomes {
        let first = o.sentences.first();
        let result = first.map_or_else(String::new, |s| report::words::say(Lang::Sv, s));
        write_status_line(out, o.status, &o.id, &result)?;
    }
    writeln!(out)?;
    if rejected > 0 {
        writeln!(
            out,
            "{} avvisades; se Datakvalitet i arbetsboken eller kör `lofte check`.",
            report::rows(rejected)
        )?;
    }
    for path in written {
        writeln!(out, "Skrev {}", path.display())?;
    }
    Ok(())
}

fn check(config: &CheckConfig) -> anyhow::Result<()> {
    check_input_folder(&config.input)?;
    if config.catalog.is_dir() {
        return region::check_region(config);
    }
    note_unused_region(&config.input, &config.catalog);
    let catalog = load_catalog(&config.catalog)?;
    let ingested = read_input(&config.input, &catalog)?;
    let mut out = std::io::stdout().lock();
    if config.json {
        serde_json::to_writer_pretty(&mut out, &report::check_json(&catalog, &ingested))?;
        writeln!(out)?;
    } else {
        report::write_check_text(&mut out, &ingested)?;
        report::write_sources(&mut out, &catalog, &ingested)?;
        report::write_survey_answers(&mut out, &ingested)?;
    }
    fail_on_problems(&ingested)?;
    if indicators::default_period(&catalog, &ingested.tables).is_none() {
        bail!(indicators::NOTHING_TO_REPORT);
    }
    Ok(())
}
