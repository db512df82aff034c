//! Stage 3, reports: one file per output format. Writers produce bytes; only
//! [`write_all`] touches paths, publishing the whole set at once ([`publish`]) so a failed
//! or killed run never leaves a half-written or mixed report set.

pub mod csv;
pub mod document;
pub mod html;
pub mod pdf;
pub mod words;
pub mod xlsx;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;
use serde::Serialize;

use crate::catalog::Catalog;
use crate::fmt::Lang;
use crate::indicators::Results;
use crate::ingest::{Disposition, FileReport, Ingested};
use crate::period::ReportPeriod;

/// Everything a report writer needs.
pub struct Report<'a> {
    pub catalog: &'a Catalog,
    pub ingested: &'a Ingested,
    pub results: &'a Results,
    /// For the year-end summary: each tertial's own results, in order; empty otherwise.
    pub tertials: &'a [Results],
    pub lang: Lang,
    /// The date the documents carry as their creation date: the data date (or the period's
    /// end), never the clock, so two runs on the same input give identical files.
    pub stamp: NaiveDate,
    /// Problems in the input the report was written despite (`--tillat-ofullstandig`):
    /// shown as a warning on the first page and in the workbook's summary.
    pub incomplete: Vec<String>,
}

impl<'a> Report<'a> {
    pub fn new(
        catalog: &'a Catalog,
        ingested: &'a Ingested,
        results: &'a Results,
        lang: Lang,
    ) -> Self {
        let stamp = results.data_date.unwrap_or_else(|| results.period.end());
        Report {
            catalog,
            ingested,
            results,
            tertials: &[],
            lang,
            stamp,
            incomplete: ingested.problems(),
        }
    }

    /// The base name of the report files: `lofte-2017-T2`, and `lofte-2017-T2-en` in English,
    /// so that the two languages live side by side in one period folder.
    pub fn base_name(&self) -> String {
        match self.lang {
            Lang::Sv => format!("lofte-{}", self.results.period.label()),
            Lang::En => format!("lofte-{}-en", self.results.period.label()),
        }
    }

    /// The CSV's name: its indicator names and notes are in the report's language.
    pub fn csv_name(&self) -> &'static str {
        match self.lang {
            Lang::Sv => "indicators.csv",
            Lang::En => "indicators-en.csv",
        }
    }
}

/// For the year-end layout: each promise's and outcome's status in T1, T2, T3 and the year.
pub fn side_by_side(report: &Report) -> Vec<(String, Vec<crate::indicators::Status>)> {
    let year = report.results;
    let status_in = |r: &Results, id: &str| {
        r.promises
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.status)
            .or_else(|| r.outcomes.iter().find(|o| o.id == id).map(|o| o.status))
            .unwrap_or(crate::indicators::Status::NoData)
    };
    let ids = year
        .promises
        .iter()
        .map(|p| p.id.clone())
        .chain(year.outcomes.iter().map(|o| o.id.clone()));
    // A part that starts after the data date has no data, whatever its own computation says.
    let started = |t: &Results| year.data_date.is_some_and(|d| t.period.start() <= d);
    ids.map(|id| {
        let mut statuses: Vec<_> = report
            .tertials
            .iter()
            .map(|t| {
                if started(t) {
                    status_in(t, &id)
                } else {
                    crate::indicators::Status::NoData
                }
            })
            .collect();
        statuses.push(status_in(year, &id));
        (id, statuses)
    })
    .collect()
}

/// The column headers of [`side_by_side`]: "Id", each part ("T1" … or each year), and the
/// whole ("Helår", or "Hela perioden" for several years).
pub fn side_by_side_headers(report: &Report) -> Vec<String> {
    let period = report.results.period;
    let mut headers = vec!["Id".to_string()];
    headers.extend(period.parts().iter().map(|p| match p {
        ReportPeriod::Tertial { n, .. } => format!("T{n}"),
        other => other.label(),
    }));
    let whole = match period {
        ReportPeriod::Years { .. } => label(report.lang, "Hela perioden"),
        _ => label(report.lang, "Helår"),
    };
    headers.push(whole.to_string());
    headers
}

/// The distinct items in first-seen order (chart series and categories).
pub fn distinct<T: PartialEq>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// A chart axis maximum of four round steps (1, 2 or 5 × 10ⁿ) at or above `max`, so every
/// gridline label is a round number.
pub fn axis_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 4.0;
    }
    let step = max / 4.0;
    let magnitude = 10f64.powf(step.log10().floor());
    let nice = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|v| *v >= step)
        .unwrap_or(step);
    nice * 4.0
}

/// Renders every format, then writes the files into `dir`. Nothing is written unless all
/// formats rendered.
pub fn write_all(report: &Report, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut csv_bytes = Vec::new();
    csv::write(report.results, report.lang, &mut csv_bytes)
        .context("indicators.csv kunde inte skapas")?;
    let xlsx_bytes = xlsx::render(report).context("arbetsboken kunde inte skapas")?;
    let pdf_bytes = pdf::render(report).context("PDF-rapporten kunde inte skapas")?;
    let html_bytes = html::render(report).into_bytes();
    let base = report.base_name();
    let outputs = [
        (format!("{base}.pdf"), pdf_bytes),
        (format!("{base}.html"), html_bytes),
        (format!("{base}.xlsx"), xlsx_bytes),
        (report.csv_name().to_string(), csv_bytes),
    ];
    publish(dir, &outputs)?;
    Ok(outputs.iter().map(|(name, _)| dir.join(name)).collect())
}

/// Publishes a report set as a whole: the files are written into a new hidden folder beside
/// `dir`, the old `dir` is moved aside and the new folder renamed into its place, so a kill
/// at any moment leaves the old set or the new one, never a mix (a set moved aside by a
/// killed run is put back on the next start). Other files the analyst keeps in `dir` are
/// carried over. A lock file stops a second run into the same folder.
pub fn publish(dir: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    let root = dir.parent().unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .context("rapportmappen saknar namn")?;
    std::fs::create_dir_all(root)
        .with_context(|| format!("mappen {} kunde inte skapas", root.display()))?;
    let lock_path = root.join(format!(".lofte-{name}.lock"));
    let lock = std::fs::File::create(&lock_path)
        .with_context(|| format!("kan inte skriva i {}", root.display()))?;
    if lock.try_lock().is_err() {
        anyhow::bail!(
            "en annan körning av lofte skriver redan rapporterna i {}; vänta tills den är klar och kör igen",
            dir.display()
        );
    }
    recover(root, name, dir)?;
    let staging = tempfile::Builder::new()
        .prefix(&format!(".lofte-new-{name}-"))
        .tempdir_in(root)
        .with_context(|| format!("kan inte skriva i {}", root.display()))?;
    for (file, bytes) in files {
        let path = staging.path().join(file);
        let mut f = std::fs::File::create(&path)
            .with_context(|| format!("kan inte skriva {}", path.display()))?;
        f.write_all(bytes)
            .and_then(|()| f.sync_all())
            .with_context(|| format!("kan inte skriva {}", path.display()))?;
    }
    carry_over(dir, staging.path(), files)?;
    // A temporary folder is private (0700); a report folder is for sharing like any other.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(staging.path(), std::fs::Permissions::from_mode(0o755)).ok();
    }
    let staged = staging.keep();
    let old = root.join(format!(".lofte-old-{name}-{}", std::process::id()));
    if dir.exists() {
        std::fs::rename(dir, &old).with_context(|| {
            format!(
                "kan inte byta ut {} (är en fil i den öppen?)",
                dir.display()
            )
        })?;
    }
    std::fs::rename(&staged, dir)
        .with_context(|| format!("kan inte spara rapporterna i {}", dir.display()))?;
    std::fs::remove_dir_all(&old).ok();
    drop(lock);
    std::fs::remove_file(&lock_path).ok();
    Ok(())
}

/// Cleans up after a run that was killed while publishing: an old set moved aside with no
/// new one in its place is put back; half-written new sets and old sets already replaced
/// are removed.
fn recover(root: &Path, name: &str, dir: &Path) -> anyhow::Result<()> {
    let (new_prefix, old_prefix) = (format!(".lofte-new-{name}-"), format!(".lofte-old-{name}-"));
    for entry in std::fs::read_dir(root)?.flatten() {
        let file_name = entry.file_name();
        let Some(entry_name) = file_name.to_str() else {
            continue;
        };
        if entry_name.starts_with(&new_prefix) {
            std::fs::remove_dir_all(entry.path()).ok();
        } else if entry_name.starts_with(&old_prefix) {
            if dir.exists() {
                std::fs::remove_dir_all(entry.path()).ok();
            } else {
                std::fs::rename(entry.path(), dir)?;
            }
        }
    }
    Ok(())
}

/// Files in the old report folder that the new set does not replace (the analyst's own, a
/// report in the other language) are linked (or copied) into the new folder.
fn carry_over(dir: &Path, staging: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let replaced = files.iter().any(|(f, _)| std::ffi::OsStr::new(f) == name);
        if replaced || !entry.path().is_file() {
            continue;
        }
        let target = staging.join(&name);
        if std::fs::hard_link(entry.path(), &target).is_err() {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("kan inte behålla {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// The `lofte check --json` document: every file, sheet, count and problem.
#[derive(Serialize)]
pub struct CheckDocument<'a> {
    pub files: &'a [FileReport],
    /// Links in the input folder that point out of it and were not followed.
    pub outside_links: &'a [String],
    pub totals: CheckTotals,
}

#[derive(Serialize)]
pub struct CheckTotals {
    pub files: usize,
    pub unreadable_files: usize,
    /// Sheets whose header lacks a required column (errors, like unreadable files).
    pub broken_sheets: usize,
    /// Every non-empty row of every sheet: read = used + rejected + skipped + unread.
    pub read: usize,
    pub used: usize,
    pub rejected: usize,
    pub skipped: usize,
    /// Rows of sheets that were not read (no known kind, or a broken header).
    pub unread: usize,
}

pub fn check_json(ingested: &Ingested) -> CheckDocument<'_> {
    let (read, used, rejected, skipped, unread) = ingested.totals();
    CheckDocument {
        files: &ingested.files,
        outside_links: &ingested.outside_links,
        totals: CheckTotals {
            files: ingested.files.len(),
            unreadable_files: ingested.file_errors().count(),
            broken_sheets: ingested.sheets().filter(|(_, s)| s.error.is_some()).count(),
            read,
            used,
            rejected,
            skipped,
            unread,
        },
    }
}

/// The human form of `lofte check`: per file and sheet the kind, header row, counts, the
/// period covered and every problem with its place.
pub fn write_check_text(out: &mut impl Write, ingested: &Ingested) -> std::io::Result<()> {
    for file in &ingested.files {
        writeln!(out, "{}", file.file)?;
        if let Some(e) = &file.error {
            writeln!(out, "  FEL: {e}")?;
            continue;
        }
        for s in &file.sheets {
            let kind = s.kind.map_or("okänd", |k| k.name_sv());
            write!(out, "  › {} — {kind}", s.sheet)?;
            if let Some(h) = s.header_row {
                write!(out, ", rubrikrad {h}")?;
            }
            writeln!(out)?;
            if let Some(error) = &s.error {
                writeln!(out, "    FEL: {error}")?;
            } else if let Some(note) = &s.note {
                writeln!(out, "    {note}")?;
            }
            if s.kind.is_none() {
                writeln!(out, "    {} rad(er) lästes inte", s.unread)?;
                continue;
            }
            writeln!(
                out,
                "    rader: {} lästa = {} använda + {} avvisade + {} överhoppade ({} tomma)",
                s.read, s.used, s.rejected, s.skipped, s.empty
            )?;
            if let (Some(a), Some(b)) = (s.first_date, s.last_date) {
                writeln!(out, "    period: {a} – {b}")?;
            }
            for issue in s
                .issues
                .iter()
                .filter(|i| i.disposition == Disposition::Rejected)
            {
                writeln!(
                    out,
                    "    avvisad: {} — '{}': {}",
                    issue.location, issue.value, issue.reason
                )?;
            }
            for r in s
                .reasons
                .iter()
                .filter(|r| r.disposition == Disposition::Rejected)
            {
                if r.rows > crate::ingest::LISTED_PER_REASON {
                    let more = r.rows - crate::ingest::LISTED_PER_REASON;
                    writeln!(
                        out,
                        "    avvisad: {more} rad(er) till, rad {}–{}: {}{}",
                        r.first_row,
                        r.last_row,
                        r.reason,
                        examples(&r.examples)
                    )?;
                }
            }
            for r in s
                .reasons
                .iter()
                .filter(|r| r.disposition == Disposition::Skipped)
            {
                let (count, reason) = (r.rows, &r.reason);
                writeln!(
                    out,
                    "    överhoppad: {count} rad(er): {reason}{}",
                    examples(&r.examples)
                )?;
            }
        }
    }
    for link in &ingested.outside_links {
        writeln!(
            out,
            "{link}\n  ej läst: en länk som pekar ut ur indatamappen följs inte"
        )?;
    }
    for name in &ingested.open_in_excel {
        writeln!(out, "{name}\n  öppen i Excel (låsfilen ~${name} finns): ändringar som inte är sparade kommer inte med")?;
    }
    let (read, used, rejected, skipped, unread) = ingested.totals();
    writeln!(
        out,
        "Totalt: {read} rader = {used} använda + {rejected} avvisade + {skipped} överhoppade + {unread} i blad som inte lästes"
    )?;
    Ok(())
}

/// A reason's example values for the analyst: " (t.ex. 'Centrum', 'Norr')".
pub fn examples(values: &[String]) -> String {
    if values.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
    format!(" (t.ex. {})", quoted.join(", "))
}

/// Skipped rows of a sheet grouped by reason, in first-seen order.
pub fn skipped_by_reason(s: &crate::ingest::SheetReport) -> Vec<(String, usize)> {
    s.reasons
        .iter()
        .filter(|r| r.disposition == Disposition::Skipped)
        .map(|r| (r.reason.clone(), r.rows))
        .collect()
}

/// How each status and indicator is defined, in the report's language; shown in the
/// workbook's Metod sheet and the PDF's method appendix.
pub fn method(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Sv => METHOD,
        Lang::En => METHOD_EN,
    }
}

/// The method texts in plain Swedish.
pub const METHOD: &[(&str, &str)] = &[
    ("Uppfyllt", "Målet är nått för hela perioden: alla platser, terminer, dagar eller månader som löftet gäller."),
        ("Delvis uppfyllt", "Målet är nått för en del men inte allt (några veckor, platser eller månader men inte alla), eller en del av ett antal är nått under ett avslutat tertial, en termin, ett år eller hela perioden (till exempel 1 av 2 besök under en avslutad termin)."),
    ("Ej uppfyllt", "Inget av det som löftet gäller har nått målet. En vecka eller månad som inte når sitt mål har brutit en regel (\"fem dagar i veckan\", \"minst två insatser i månaden\") och är ej uppfylld, även om en del gjordes."),
    ("Pågår", "Terminen, månaden eller tertialet är inte slut vid datadatumet. Siffran visar läget hittills (till exempel 1 av 2 besök) och räknas inte som ett misslyckande."),
    ("Saknar data", "Underlaget saknas för perioden, till exempel ingen logg eller ingen mätning för baslinjeåret. Saknade värden räknas aldrig som noll."),
    ("Besök per termin", "Antal loggade besök per plats under varje termin som berör perioden, från terminens första dag till dess sista dag eller datadatumet. Hela terminen räknas, även den del som ligger utanför tertialet, eftersom löftet gäller per termin. Ett löfte om flera platser är uppfyllt när varje plats är det."),
    ("Bemanning", "Antal olika personer med rollen på platsen varje dag i perioden till och med datadatumet. Uppfyllt när antalet når målet varje dag; annars visas andelen dagar och luckorna. Namn visas aldrig i rapporten."),
    ("Återkommande insatser", "Antal kontroller och insatser per månad med minst ett av katalogens fokus (vapen, narkotika, otillåten påverkan). Varje hel månad ska ha minst katalogens minsta antal; en månad som inte är slut bedöms inte."),
    ("Synlighet", "Summan av loggade patrulltimmar per tertial mot katalogens mål, med samma tertial året innan som jämförelse."),
    ("Aktiviteter", "Antal loggade aktiviteter och summan av deltagare per tertial mot katalogens mål."),
    ("Lägesrapport", "Den senaste lägesrapporten daterad senast periodens sista dag ger status och kommentar (Genomfört, Pågår, Försenat, Ej påbörjat)."),
    ("Räknade åtaganden", "Loggrader av katalogens typer, filtrerade på plats, fokus, veckodag, klockslag och utförare, räknas som rader, olika dagar, veckor eller helger, timmar, deltagare, registrerade antal eller andel av dagarna, per vecka, månad, tertial, termin, år eller hela löftesperioden. Varje period jämförs med katalogens mål eller med samma period året innan (samma antal dagar på båda sidor); en period som inte är slut visar läget hittills. Rader som saknar det som räknas (klockslag, timmar) räknas inte och anges. Utan mål redovisas antalet och status kommer från lägesrapporterna."),
    ("Svarstider", "Andelen ärenden som åtgärdades inom utlovad tid, räknat från datum och klockslag då ärendet kom in till åtgärdad. Ett öppet ärende räknas som försenat först när tiden har gått ut vid datadatumet."),
    ("Bestånd", "Antalet aktiva enheter (t.ex. grannsamverkansområden) vid periodens slut jämfört med löftets första dag. Startantalet tas från katalogen eller från loggen när den når tillbaka före starten; annars saknas data."),
    ("Tidsfrister", "Ett åtagande med tidsfrist är uppfyllt när en lägesrapport säger Genomfört, pågår före tidsfristen och är försenat när tidsfristen har passerat utan en sådan rapport."),
    ("Trygghetsmätningens andelar", "Viktad andel bland dem som besvarat frågan; Vet ej och tomma svar ingår inte i basen. 95 % konfidensintervall enligt Wilson med effektivt antal svarande (Kish). Publicerade siffror används när svar per person saknas."),
    ("Problemindex", "Medelvärdet av de kodade svaren 0–6 (0 = närmast obefintligt problem, 6 = alarmerande påtagligt problem) per person, viktat över personerna; lägre är bättre. Intervallet är medelvärdet ± 1,96 standardfel."),
    ("Förändring i trygghetsmätningen", "Senaste mätningen jämförs med katalogens baslinjeår. Mätningen skickas ut i augusti, så årets resultat räknas från och med andra tertialet. Andelar prövas med tvåprovstest för andelar och medelvärden med Welchs test (normalapproximation), båda med effektivt antal svarande (Kish) när svaren är viktade; publicerade siffror med angivet konfidensintervall prövas med det standardfel intervallet anger. En förändring kallas säkerställd bara när p < 0,05 och båda mätningarna har minst katalogens minsta antal svarande (normalt 30); mindre underlag visas men flaggas och prövas inte."),
        ("Anmälda brott", "Antal anmälda brott i katalogens brottsgrupper under perioden till och med brottsstatistikens sista dag (den sista uppgiftens dag), jämfört med medelvärdet för samma dagar under baslinjeåren. Ett baslinjeår utan data, eller med en uppgift markerad som saknad (..), utesluts och anges; baslinjen rymmer aldrig det jämförda året. Förändringen prövas med det exakta villkorliga testet för två Poissonantal (Przyborowski och Wilenski 1940; samma som R:s poisson.test): givet summan är periodens antal binomialfördelat med sannolikheten 1/(k + 1) när k baslinjeår ingår. Större än normal slumpvariation när p < 0,05; kvoten mot baslinjen anges med exakt 95 % konfidensintervall (Clopper–Pearson). Varierar baslinjeåren själva mer än slumpen förklarar (Fishers dispersionstest, p < 0,05) kallas ingen förändring säker enbart på p-värdet. p-värden under 0,001 skrivs < 0,001."),
            ("Statistiskt säkerställd", "En förändring kallas statistiskt säkerställd (eller större än normal slumpvariation) när ett dubbelsidigt test på 5 %-nivån ger p < 0,05: en så stor skillnad uppstår sällan av slumpen i antal och urval om inget har ändrats. Det betyder inte att löftet orsakade förändringen, inte att förändringen är stor eller viktig, och inte att den håller i sig. Ingen säker förändring betyder inte att inget har hänt, bara att underlaget inte räcker för att skilja förändringen från slumpen."),
    ("Utfall med flera indikatorer", "Indikatorer utan data eller med för litet underlag räknas inte. Av de övriga: minst en har rört sig i önskad riktning mer än slumpen förklarar och ingen i motsatt riktning → I önskad riktning; minst en i motsatt riktning och ingen i önskad → I motsatt riktning; båda slagen, eller ingen säker förändring → Ingen säker förändring. Den indikator som avgjorde nämns först."),
    ("Spaningsbrott", "Narkotika- och vapenbrott upptäcks främst när polisen själv arbetar aktivt. Fler anmälda sådana brott är därför löftets önskade effekt, inte ett tecken på att läget har försämrats."),
];

/// The method texts in English, entry by entry as [`METHOD`].
pub const METHOD_EN: &[(&str, &str)] = &[
    ("Fulfilled", "The target is met for the whole period: every place, term, day or month the promise covers."),
        ("Partly fulfilled", "The target is met for some but not all (some weeks, places or months but not all), or part of an amount is reached in a finished tertial, term, year or the whole period (for example 1 of 2 visits in a finished term)."),
    ("Not fulfilled", "Nothing the promise covers met the target. A week or month short of its target broke a rule (\"five days a week\", \"at least two operations a month\") and is not fulfilled, even if part was done."),
    ("In progress", "The term, month or tertial has not ended at the data date. The figure shows progress so far (for example 1 of 2 visits) and is not counted as a failure."),
    ("No data", "The data for the period are missing, for example no log or no survey for the baseline year. Missing values are never counted as zero."),
    ("Visits per term", "Logged visits per place in every school term that touches the period, from the term's first day to its last day or the data date. The whole term counts, also the part outside the tertial, since the promise is per term. A promise about several places is fulfilled when every place is."),
    ("Staffing", "Distinct persons in the role at the place on every day of the period up to the data date. Fulfilled when the number meets the target every day; otherwise the share of days and the gaps are shown. Names are never shown in the report."),
    ("Recurring operations", "Checks and operations per month with at least one of the catalog's focus tags (weapons, narcotics, unlawful influence). Every whole month must have at least the catalog's minimum; a month that has not ended is not judged."),
    ("Visibility", "Logged patrol hours per tertial against the catalog's target, with the same tertial a year earlier for comparison."),
    ("Activities", "Logged activities and the sum of participants per tertial against the catalog's target."),
    ("Status note", "The latest status note dated on or before the period's last day gives the status and comment (Done, In progress, Delayed, Not started)."),
    ("Counted commitments", "Log rows of the catalog's types, filtered by place, focus, weekday, time of day and performer, counted as rows, distinct days, weeks or weekends, hours, participants, registered totals or a share of the days, per week, month, tertial, term, year or the whole promise period. Each period is compared with the catalog's target or with the same period a year earlier (the same number of days on both sides); a period not yet over shows progress so far. Rows lacking what is counted (time of day, hours) are not counted and are named. Without a target the amount is reported and the status comes from status notes."),
    ("Response times", "The share of cases done within the promised time, from the date and time the case came in to when it was done. An open case counts as late only once the time has run out at the data date."),
    ("Stocks", "Active units (e.g. neighbourhood-watch areas) at the end of the period against the promise's first day. The starting number comes from the catalog, or from the log when it reaches back before the start; otherwise there are no data."),
    ("Deadlines", "A commitment with a deadline is fulfilled when a status note says Done, in progress before the deadline, and delayed once the deadline has passed without such a note."),
    ("Survey shares", "Weighted share among those who answered the question; \"Don't know\" and empty answers are not in the base. 95 % confidence interval by Wilson with the effective number of respondents (Kish). Published figures are used where respondent rows are missing."),
    ("Problem index", "The mean of the coded answers 0–6 (0 = hardly a problem, 6 = an alarming problem) per person, weighted over persons; lower is better. The interval is the mean ± 1.96 standard errors."),
    ("Change in the survey", "The latest survey is compared with the catalog's baseline year. The survey is sent out in August, so a year's results count from the second tertial on. Shares are tested with the two-proportion test and means with Welch's test (normal approximation), both with the effective number of respondents (Kish) when answers are weighted; published figures with a stated confidence interval are tested with the standard error the interval implies. A change is called significant only when p < 0.05 and both surveys have at least the catalog's minimum number of respondents (normally 30); smaller bases are shown but flagged and never tested."),
        ("Reported crime", "Reported crimes in the catalog's crime groups during the period up to the last day of the crime statistics (the last figure's day), against the mean of the same days in the baseline years. A baseline year without data, or with a figure marked missing (..), is left out and named; the baseline never holds the compared year. The change is tested with the exact conditional test for two Poisson counts (Przyborowski and Wilenski 1940; the same as R's poisson.test): given the total, the period's count is binomial with probability 1/(k + 1) when k baseline years are used. Larger than normal random variation when p < 0.05; the ratio to the baseline is given with an exact 95 % confidence interval (Clopper–Pearson). When the baseline years themselves vary more than chance explains (Fisher's dispersion test, p < 0.05), no change is called certain on the p-value alone. p-values below 0.001 are written < 0.001."),
            ("Statistically significant", "A change is called statistically significant (or larger than normal random variation) when a two-sided test at the 5 % level gives p < 0.05: so large a difference seldom arises from chance in counts and samples if nothing has changed. It does not mean that the promise caused the change, that the change is large or important, or that it will last. No certain change does not mean that nothing happened, only that the data cannot tell the change from chance."),
    ("Outcomes with several indicators", "Indicators without data or with too small a base are left out. Of the rest: at least one moved in the promised direction beyond chance and none the other way → In the promised direction; at least one the other way and none the promised way → In the opposite direction; both kinds, or no certain change → No certain change. The indicator that decided is named first."),
    ("Offences detected by police activity", "Narcotics and weapons offences are mostly found when the police themselves work actively. More reported offences of this kind are therefore the promise's intended effect, not a sign that things have got worse."),
];

/// A fixed report label in the report's language: the Swedish label is the key, and the
/// English one is looked up here. A label missing from the table is shown in Swedish (the
/// tests render an English report and look for Swedish leftovers).
pub fn label(lang: Lang, sv: &'static str) -> &'static str {
    if lang == Lang::Sv {
        return sv;
    }
    match sv {
        // Sheets
        "Sammanfattning" => "Summary",
        "Besök" => "Visits",
        "Bemanning" => "Staffing",
        "Insatser" => "Operations",
        "Synlighet" => "Visibility",
        "Aktiviteter" => "Activities",
        "Räkningar" => "Counts",
        "Tidsfrister" => "Deadlines",
        "Trygghet" => "Safety survey",
        "Brott" => "Crime",
        "Alla värden" => "All values",
        "Lägesrapporter" => "Status notes",
        "Datakvalitet" => "Data quality",
        "Källor" => "Sources",
        "Metod" => "Method",
        // Column headers
        "Id" => "Id",
        "Ansvarig" => "Responsible",
        "Löfte / utfall" => "Promise / outcome",
        "Löfte / önskat resultat" => "Promise / intended result",
        "Mål" => "Target",
        "Resultat" => "Result",
        "Status" => "Status",
        "Period" => "Period",
        "Data t.o.m." => "Data up to",
        "Plats" => "Place",
        "Indikator" => "Indicator",
        "Värde" => "Value",
        "Anmärkning" => "Remark",
        "Område" => "Area",
        "År" => "Year",
        "n" => "n",
        "KI undre" => "CI low",
        "KI övre" => "CI high",
        "95 % KI" => "95 % CI",
        "Baslinje" => "Baseline",
        "Förändring" => "Change",
        "Förändring %" => "Change %",
        "%" => "%",
        "p-värde" => "p-value",
        "Antal" => "Count",
        "Enhet" => "Unit",
        "Datum" => "Date",
        "Kommentar" => "Comment",
        "Fil" => "File",
        "Blad" => "Sheet",
        "Rad" => "Row",
        "Kolumn" => "Column",
        "Utfall" => "Outcome",
        "Orsak" => "Reason",
        "SHA-256" => "SHA-256",
        "Byte" => "Bytes",
        "Typ" => "Kind",
        "Rubrikrad" => "Header row",
        "Lästa" => "Read",
        "Använda" => "Used",
        "Avvisade" => "Rejected",
        "Överhoppade" => "Skipped",
        "Från" => "From",
        "Till" => "To",
        "Begrepp" => "Term",
        "Definition" => "Definition",
        "Plats / indikator" => "Place / indicator",
        "Lägesrapport" => "Status note",
        "Brottsgrupp" => "Crime group",
        "Indikator (område)" => "Indicator (area)",
        "Status / anm." => "Status / remark",
        "Fil › blad" => "File › sheet",
        "Anv." => "Used",
        "Avv." => "Rej.",
        "Överh." => "Skip.",
        "Rader" => "Rows",
        "Skäl" => "Reason",
        "Fokus" => "Focus",
        // Words and phrases
        "avvisad" => "rejected",
        "överhoppad" => "skipped",
        "okänd" => "unknown",
        "ej läst" => "not read",
        "FEL" => "ERROR",
        "Gemensamt" => "Joint",
        "Källa" => "Source",
        "Diagramdata" => "Chart data",
        "Polisens löften" => "The police's promises",
        "Sammanställd" => "Compiled",
        "Det här ska vi åstadkomma tillsammans" => "What we will achieve together",
        "Uppföljning av medborgarlöfte" => "Follow-up of a citizen promise",
        "Observera" => "Note",
        "Avvisade rader" => "Rejected rows",
        "Överhoppade rader (utöver tomma)" => "Skipped rows (besides empty ones)",
        "Bilaga A. Underlag och datakvalitet" => "Appendix A. Sources and data quality",
        "Bilaga B. Metod" => "Appendix B. Method",
        "Anmälda brott per tertial mot baslinjen" => "Reported crimes per tertial against the baseline",
        "Anmälda brott per tertial mot baslinjen (medel för samma tertial baslinjeåren)" => {
            "Reported crimes per tertial against the baseline (mean of the same tertial in the baseline years)"
        }
        "Trygghetsmätningen över åren (löftets område)" => "The safety survey over the years (the promise's area)",
        "med 95 % konfidensintervall" => "with 95 % confidence interval",
        "Sida" => "Page",
                "Tertialerna sida vid sida" => "The tertials side by side",
                "Åren sida vid sida" => "The years side by side",
        "Hela perioden" => "Whole period",
        "Tertialer" => "Tertials",
        "Helår" => "Full year",
        "av" => "of",
        _ => sv,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_max_has_four_round_steps() {
        // 33 → steps of 10 → 40; 3.3 → steps of 1 → 4; 0.55 → steps of 0.2 → 0.8.
        assert_eq!(axis_max(33.0), 40.0);
        assert_eq!(axis_max(3.3), 4.0);
        assert!((axis_max(0.55) - 0.8).abs() < 1e-12);
        assert_eq!(axis_max(0.0), 4.0);
    }

    #[test]
    fn distinct_keeps_first_seen_order() {
        assert_eq!(distinct(["T1", "T1", "T2", "T1", "T3"]), ["T1", "T2", "T3"]);
    }

    #[test]
    fn every_english_label_differs_from_the_swedish_where_the_words_differ() {
        for sv in [
            "Sammanfattning",
            "Datakvalitet",
            "Bilaga B. Metod",
            "Tertialerna sida vid sida",
            "Helår",
        ] {
            assert_ne!(label(Lang::En, sv), sv);
            assert_eq!(label(Lang::Sv, sv), sv);
        }
    }
}

#[cfg(test)]
mod publish_tests {
    use super::*;

    fn set(text: &str) -> Vec<(String, Vec<u8>)> {
        ["a.pdf", "indicators.csv"]
            .iter()
            .map(|f| (f.to_string(), text.as_bytes().to_vec()))
            .collect()
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn a_new_set_replaces_the_old_one_whole_and_keeps_the_analysts_files() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("2017-T2");
        publish(&dir, &set("old")).unwrap();
        std::fs::write(dir.join("mina anteckningar.txt"), "egna").unwrap();
        publish(&dir, &set("new")).unwrap();
        assert_eq!(read(&dir.join("a.pdf")), "new");
        assert_eq!(read(&dir.join("indicators.csv")), "new");
        assert_eq!(read(&dir.join("mina anteckningar.txt")), "egna");
        // Nothing is left beside it: no staging folder, no old set, no lock.
        let left: Vec<String> = std::fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, vec!["2017-T2".to_string()]);
    }

    #[test]
    fn a_run_killed_between_the_renames_is_repaired_on_the_next_start() {
        // Killed after the old set was moved aside and before the new one was renamed in:
        // no period folder, an old set and a half-written new one beside it.
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("2017-T2");
        let old = out.path().join(".lofte-old-2017-T2-4242");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("a.pdf"), "old").unwrap();
        std::fs::write(old.join("mina anteckningar.txt"), "egna").unwrap();
        let half = out.path().join(".lofte-new-2017-T2-abc");
        std::fs::create_dir_all(&half).unwrap();
        std::fs::write(half.join("a.pdf"), "half").unwrap();
        recover(out.path(), "2017-T2", &dir).unwrap();
        assert_eq!(
            read(&dir.join("a.pdf")),
            "old",
            "the old set is back, whole"
        );
        assert!(!half.exists() && !old.exists());
        publish(&dir, &set("new")).unwrap();
        assert_eq!(read(&dir.join("a.pdf")), "new");
        assert_eq!(read(&dir.join("mina anteckningar.txt")), "egna");
    }

    #[test]
    fn a_second_run_into_the_same_folder_is_refused_while_the_first_holds_the_lock() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("2017-T2");
        let lock = std::fs::File::create(out.path().join(".lofte-2017-T2.lock")).unwrap();
        lock.lock().unwrap();
        let err = publish(&dir, &set("new")).unwrap_err().to_string();
        assert!(
            err.starts_with("en annan körning av lofte skriver redan rapporterna"),
            "{err}"
        );
        assert!(!dir.exists());
    }
}
