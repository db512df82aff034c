//! The pipeline's archive commands: `lofte historik` lists what was published, `lofte
//! verifiera` says whether a file is one lofte published, from which input, and whether
//! today's input gives the same numbers.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::archive::{Archive, InputFile, RunSummary, FILE_NAME};
use crate::config::{HistoryConfig, VerifyConfig};
use crate::fmt::{self, Lang};
use crate::indicators::changes::PublishedValue;
use crate::period::ReportPeriod;

/// `lofte historik`: every published run, oldest first.
pub(super) fn history(config: &HistoryConfig) -> anyhow::Result<()> {
    let archive = Archive::open_existing(&config.out.join(FILE_NAME))?;
    let runs = archive.runs()?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Arkiv: {} ({})",
        archive.path().display(),
        fmt::count_of(
            runs.len(),
            "publicerad rapportuppsättning",
            "publicerade rapportuppsättningar"
        )
    )?;
    if runs.is_empty() {
        return Ok(());
    }
    for run in &runs {
        writeln!(out)?;
        writeln!(out, "{}", history_line(run))?;
    }
    Ok(())
}

/// One run of `lofte historik`, two lines: period, time, language, promise and how many of
/// its figures later reports revised; then its statuses counted.
fn history_line(run: &RunSummary) -> String {
    let promise = if run.area.is_empty() {
        run.promise.clone()
    } else {
        format!("{} ({})", run.promise, run.area)
    };
    let statuses = run
        .statuses
        .iter()
        .map(|(s, n)| {
            format!(
                "{} {} {n}",
                s.symbol(),
                crate::report::words::status(Lang::Sv, *s)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let revised = match run.revised_since {
        0 => "ingen siffra reviderad sedan".to_string(),
        n => format!("{} reviderade sedan", fmt::count_of(n, "siffra", "siffror")),
    };
    format!(
        "{:<9} {} {}  {promise}  [{}]\n          {}; {revised}",
        run.period,
        run.published_at.format("%Y-%m-%d %H:%M"),
        run.lang,
        run.report_dir,
        if statuses.is_empty() {
            "inga statusar (översikt)".to_string()
        } else {
            statuses
        },
    )
}

/// The archive for a report file: `--out`'s, or the first of the file's folders (up to
/// three levels: `<out>/<period>/<promise>/file`) that holds one; else `reports/`'s.
fn archive_for(file: &Path, out: Option<&Path>) -> PathBuf {
    if let Some(out) = out {
        return out.join(FILE_NAME);
    }
    file.ancestors()
        .skip(1)
        .take(3)
        .map(|dir| dir.join(FILE_NAME))
        .find(|p| p.is_file())
        .unwrap_or_else(|| Path::new("reports").join(FILE_NAME))
}

/// `lofte verifiera FILE`.
pub(super) fn verify(config: &VerifyConfig) -> anyhow::Result<()> {
    let bytes = std::fs::read(&config.file)
        .with_context(|| format!("{} kunde inte läsas", config.file.display()))?;
    let sha = crate::ingest::sha256_hex(&bytes);
    let archive = Archive::open_existing(&archive_for(&config.file, config.out.as_deref()))?;
    let name = config
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some((id, written_as)) = archive.runs_that_wrote(&sha)?.pop() else {
        return Err(not_published(&archive, &config.file, &name, &sha));
    };
    let run = archive
        .run(id)?
        .context("arkivet har ingen körning för filen")?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "✓ {} är publicerad av lofte {} den {} som {}/{written_as}.",
        config.file.display(),
        run.lofte_version,
        run.published_at.format("%Y-%m-%d %H:%M"),
        run.report_dir
    )?;
    writeln!(
        out,
        "  {} – period {}, språk {}; katalogens SHA-256 {}.",
        if run.area.is_empty() {
            run.promise.clone()
        } else {
            format!("{} ({})", run.promise, run.area)
        },
        run.period,
        run.lang,
        short(&run.catalog_sha256)
    )?;
    let inputs = archive.inputs(id)?;
    writeln!(
        out,
        "  Gjord av {} (jämförda med {} i dag):",
        fmt::count_of(inputs.len(), "indatafil", "indatafiler"),
        config.input.display()
    )?;
    for file in &inputs {
        writeln!(out, "    {}", input_line(file, &config.input))?;
    }
    same_numbers_today(&mut out, &archive, &run, &config.input)
}

/// Why a file is not in the archive: unknown, or edited after publication (a file of the
/// same name was published).
fn not_published(archive: &Archive, file: &Path, name: &str, sha: &str) -> anyhow::Error {
    let last = archive
        .runs_that_wrote_name(name)
        .ok()
        .and_then(|ids| ids.last().copied())
        .and_then(|id| archive.run(id).ok().flatten());
    match last {
        None => anyhow::anyhow!(
            "{} finns inte i arkivet {}: ingen rapport som lofte publicerade där har det innehållet (SHA-256 {})",
            file.display(),
            archive.path().display(),
            short(sha)
        ),
        Some(last) => anyhow::anyhow!(
            "{} har ändrats efter publiceringen: innehållet (SHA-256 {}) finns inte i arkivet {}, men en fil med samma namn publicerades {} ({}, {}); hämta den publicerade filen ur {} eller kör `lofte run` igen",
            file.display(),
            short(sha),
            archive.path().display(),
            last.published_at.format("%Y-%m-%d %H:%M"),
            last.period,
            last.promise,
            last.report_dir
        ),
    }
}

fn short(sha: &str) -> &str {
    sha.get(..16).unwrap_or(sha)
}

/// An input file of the run and whether today's input folder has it unchanged.
fn input_line(file: &InputFile, input: &Path) -> String {
    let today = match std::fs::read(input.join(&file.name)) {
        Ok(bytes) if crate::ingest::sha256_hex(&bytes) == file.sha256 => "samma i dag",
        Ok(_) => "ändrad sedan dess",
        Err(_) => "finns inte i dag",
    };
    format!(
        "{}  {} byte  SHA-256 {}…  {today}",
        file.name,
        fmt::count(file.size as f64, Lang::Sv),
        short(&file.sha256)
    )
}

/// Recomputes the run's period from today's input with the run's own catalog (and the data
/// dates its analyst stated) and says whether every figure is the same.
fn same_numbers_today(
    out: &mut impl Write,
    archive: &Archive,
    run: &RunSummary,
    input: &Path,
) -> anyhow::Result<()> {
    let text = archive.catalog_text(run.id)?;
    if text.is_empty() {
        writeln!(
            out,
            "  (En regional översikt: siffrorna prövas i löftenas egna rapporter.)"
        )?;
        return Ok(());
    }
    let mut catalog = crate::catalog::load_from(&text)
        .context("katalogen i arkivet kunde inte läsas av den här lofte")?;
    let stated: Vec<_> = archive
        .stated_dates(run.id)?
        .into_iter()
        .filter_map(|(source, day)| Some((crate::catalog::Source::named(&source)?, day)))
        .collect();
    catalog.state_through(&stated);
    let period: ReportPeriod = run
        .period
        .parse()
        .map_err(|e| anyhow::anyhow!("perioden i arkivet: {e}"))?;
    let today = match super::read_input(input, &catalog) {
        Ok(ingested) => {
            crate::indicators::Prepared::new(&catalog, &ingested.tables).compute(period)
        }
        Err(e) => Err(e),
    };
    let results = match today {
        Ok(r) => r,
        Err(e) => {
            writeln!(out, "  Dagens indata kunde inte räknas om: {e:#}")?;
            return Ok(());
        }
    };
    let published = archive.values(run.id)?;
    let differ = differing(&published, &results);
    if differ.is_empty() {
        writeln!(
            out,
            "  Dagens indata ger samma {} med rapportens katalog.",
            fmt::count_of(published.len(), "siffra", "siffror")
        )?;
    } else {
        writeln!(
            out,
            "  Dagens indata ger {} av {} annorlunda med rapportens katalog:",
            differ.len(),
            fmt::count_of(published.len(), "siffra", "siffror")
        )?;
        for line in differ.iter().take(20) {
            writeln!(out, "    {line}")?;
        }
    }
    Ok(())
}

/// The published figures that today's results state otherwise or no longer have.
fn differing(published: &[PublishedValue], results: &crate::indicators::Results) -> Vec<String> {
    let today: Vec<(String, &crate::indicators::IndicatorValue)> = results
        .values()
        .map(|v| (crate::archive::indicator_name(&v.indicator), v))
        .collect();
    let shown = |x: Option<f64>| x.map_or("–".to_string(), |x| fmt::number(x, 3, Lang::Sv));
    published
        .iter()
        .filter_map(|p| {
            let now = today.iter().find(|(name, v)| p.is_same(v, name));
            let what = format!("{} {} {} {}", p.subject, p.indicator, p.place, p.period);
            match now {
                Some((_, v)) if v.value == p.value => None,
                Some((_, v)) => Some(format!(
                    "{}: publicerat {}, i dag {}",
                    what.split_whitespace().collect::<Vec<_>>().join(" "),
                    shown(p.value),
                    shown(v.value)
                )),
                None => Some(format!(
                    "{}: publicerat {}, saknas i dag",
                    what.split_whitespace().collect::<Vec<_>>().join(" "),
                    shown(p.value)
                )),
            }
        })
        .collect()
}
