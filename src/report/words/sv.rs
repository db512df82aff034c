//! Stage 3, report: the Swedish message table. Every [`Phrase`] the indicators return, in
//! plain Swedish with decimal comma and ISO dates.

use crate::catalog::{CountSpec, Per, Preset, Unit};
use crate::fmt::{self, Lang};
use crate::indicators::phrase::{
    CrimeFinding, CrimeSpan, CrimeTestNote, Gap, NoSpan, PartKind, Phrase, SurveyFinding,
    SurveyPoint, SurveyVerdict,
};
use crate::indicators::stats::CountTest;
use crate::indicators::Status;

use super::Line;

const LANG: Lang = Lang::Sv;

/// A status as a word.
pub fn status(s: Status) -> &'static str {
    match s {
        Status::Fulfilled => "Uppfyllt",
        Status::Partly => "Delvis uppfyllt",
        Status::NotFulfilled => "Ej uppfyllt",
        Status::InProgress => "Pågår",
        Status::Delayed => "Försenat",
        Status::NotStarted => "Ej påbörjat",
        Status::NoData => "Saknar data",
        Status::Reported => "Redovisas – inget mål",
        Status::Improved => "I önskad riktning",
        Status::NoChange => "Ingen säker förändring",
        Status::Worsened => "I motsatt riktning",
    }
}

/// A status after a count in the first page's tally, agreeing with it: "1 uppfyllt",
/// "3 delvis uppfyllda", "2 i önskad riktning".
fn tally_word(s: Status, n: usize) -> &'static str {
    let one = n == 1;
    match s {
        Status::Fulfilled if one => "uppfyllt",
        Status::Fulfilled => "uppfyllda",
        Status::Partly if one => "delvis uppfyllt",
        Status::Partly => "delvis uppfyllda",
        Status::NotFulfilled if one => "ej uppfyllt",
        Status::NotFulfilled => "ej uppfyllda",
        Status::InProgress => "pågår",
        Status::Delayed if one => "försenat",
        Status::Delayed => "försenade",
        Status::NotStarted if one => "ej påbörjat",
        Status::NotStarted => "ej påbörjade",
        Status::NoData => "saknar data",
        Status::Reported => "redovisas utan mål",
        Status::Improved => "i önskad riktning",
        Status::NoChange => "utan säker förändring",
        Status::Worsened => "i motsatt riktning",
    }
}

/// What each status and indicator means, for the method appendix.
pub const METHOD: &[(&str, &str)] = &[
    ("Uppfyllt", "Målet är nått för hela perioden: alla platser, terminer, dagar eller månader som löftet gäller."),
        ("Delvis uppfyllt", "Målet är nått för en del men inte allt (några veckor, platser eller månader men inte alla), eller en del av det utlovade antalet har nåtts under ett avslutat tertial, en avslutad termin, ett avslutat år eller hela perioden (till exempel 1 av 2 besök under en avslutad termin)."),
    ("Ej uppfyllt", "Inget av det som löftet gäller har nått målet. En vecka eller månad som inte når målet i en regel (”fem dagar i veckan”, ”minst två insatser i månaden”) räknas som ej uppfylld, även om en del gjordes."),
    ("Pågår", "Terminen, månaden eller tertialet är inte slut vid datadatumet. Siffran visar läget hittills (till exempel 1 av 2 besök) och räknas inte som ett misslyckande."),
    ("Saknar data", "Underlaget saknas för perioden, till exempel ingen logg eller ingen mätning för baslinjeåret. Saknade värden räknas aldrig som noll."),
    ("Redovisas – inget mål", "Åtagandet anger inget antal och har ingen lägesrapport: det som gjorts redovisas per tidsperiod, men inget säger vad som vore tillräckligt, så det bedöms varken som uppfyllt eller ej uppfyllt. En lägesrapport ger det en status."),
    ("Datadatum", "För varje slags indata (loggar, brottsstatistik, lägesrapporter) den sista dag som indata täcker: det datum analytikern har angett, annars datumet på den senaste raden av det slaget i hela indata, även efter rapportperioden. En tidsperiod (vecka, månad, tertial, termin, år) är avslutad och bedöms när datadatumet når dess sista dag; annars pågår den. Varje tidsperiod avgränsas till löftesperioden i båda ändar, och rader före löftets första dag eller efter dess sista räknas aldrig."),
    ("Besök per termin", "Antal loggade besök per plats under varje termin som berör perioden, från terminens första dag till dess sista dag eller datadatumet. Hela terminen räknas, även den del som ligger utanför tertialet, eftersom löftet gäller per termin. Ett löfte om flera platser är uppfyllt när varje plats är det."),
    ("Bemanning", "Antal olika personer med rollen på platsen varje dag i perioden till och med datadatumet. Uppfyllt när antalet når målet varje dag; annars visas andelen dagar och luckorna. Namn visas aldrig i rapporten."),
    ("Återkommande insatser", "Antal kontroller och insatser per månad med minst ett av katalogens fokus ({fokus}). Varje hel månad ska ha minst katalogens minsta antal; en månad som inte är slut bedöms inte."),
    ("Synlighet", "Summan av loggade patrulltimmar per tertial mot katalogens mål, med samma tertial året innan som jämförelse."),
    ("Aktiviteter", "Antal loggade aktiviteter och summan av deltagare per tertial mot katalogens mål."),
    ("Lägesrapport", "Den senaste lägesrapporten daterad senast periodens sista dag ger status och kommentar (Genomfört, Pågår, Försenat, Ej påbörjat). Är den Pågår, Försenat eller Ej påbörjat och mer än ett tertial (fyra månader) äldre än lägesrapporternas datadatum, säger resultatet det."),
    ("Räknade åtaganden", "Loggrader av katalogens typer, filtrerade efter plats, fokus, veckodag, klockslag och utförare, räknas som rader, olika dagar, veckor eller helger, timmar, deltagare, registrerade antal eller andel av dagarna, per vecka, månad, tertial, termin, år eller hela löftesperioden. Varje period jämförs med katalogens mål, med samma period året innan eller med samma period ett angivet år, oftast året före löftet (samma antal dagar på båda sidor; ”öka” kräver mer än då); en period som inte är slut visar läget hittills. Ett åtagande med en egen tid (till exempel under våren) räknas bara under den tiden; innan den har börjat är det ej påbörjat. Ett åtagande i flera delar bedöms del för del: alla delar uppfyllda ger uppfyllt, en del som inte nåtts medan en annan nåtts ger delvis uppfyllt. Rader som saknar det som räknas (klockslag, timmar) räknas inte och anges. Utan mål redovisas antalet (redovisas – inget mål) eller status från lägesrapporterna."),
    ("Svarstider", "Andelen ärenden som åtgärdades inom utlovad tid, räknat från datum och klockslag då ärendet kom in till dess att det åtgärdades. Ett öppet ärende räknas som försenat först när tiden har gått ut vid datadatumet."),
    ("Bestånd", "Antalet aktiva enheter (t.ex. grannsamverkansområden) vid periodens slut jämfört med löftets första dag. Startantalet tas från katalogen eller från loggen när den når tillbaka före starten; annars saknas data."),
    ("Tidsfrister", "Ett åtagande med tidsfrist är uppfyllt när en lägesrapport säger Genomfört, pågår före tidsfristen och är försenat när tidsfristen har passerat utan en sådan rapport."),
    ("Trygghetsmätningens andelar", "Viktad andel bland dem som besvarat frågan; svaret ”Vet ej” och tomma svar ingår inte i underlaget. 95 % konfidensintervall enligt Wilson med effektivt antal svarande (Kish). Publicerade siffror används när svar per person saknas."),
    ("Problemindex", "Medelvärdet av de kodade svaren 0–6 (0 = närmast obefintligt problem, 6 = alarmerande påtagligt problem) per person, viktat över personerna; lägre är bättre. Intervallet är medelvärdet ± 1,96 standardfel."),
    ("Förändring i trygghetsmätningen", "Den senaste mätningen jämförs med katalogens baslinjeår. Mätningen skickas ut i augusti, så årets resultat räknas från och med andra tertialet. Andelar prövas med tvåprovstest för andelar och medelvärden med Welchs test (normalapproximation), båda med effektivt antal svarande (Kish) när svaren är viktade; publicerade siffror med angivet konfidensintervall prövas med det standardfel intervallet anger. En förändring kallas säkerställd bara när p < 0,05 och båda mätningarna har minst katalogens minsta antal svarande (normalt 30); mindre underlag visas men flaggas och prövas inte."),
        ("Anmälda brott", "Antal anmälda brott i katalogens brottsgrupper under perioden till och med brottsstatistikens sista dag (den sista uppgiftens dag), jämfört med medelvärdet för samma dagar under baslinjeåren. Ett baslinjeår utan data, eller med en uppgift markerad som saknad (..), utesluts och anges; baslinjen rymmer aldrig det jämförda året. Förändringen prövas med det exakta villkorliga testet för två Poissonantal (Przyborowski och Wilenski 1940; samma som R:s poisson.test): givet summan är periodens antal binomialfördelat med sannolikheten 1/(k + 1) när k baslinjeår ingår. En förändring kallas större än normal slumpvariation när p < 0,05; kvoten mot baslinjen anges med exakt 95 % konfidensintervall (Clopper–Pearson). Varierar baslinjeåren själva mer än slumpen förklarar (Fishers dispersionstest, p < 0,05) kallas ingen förändring säker enbart utifrån p-värdet. p-värden under 0,001 skrivs < 0,001."),
            ("Statistiskt säkerställd", "En förändring kallas statistiskt säkerställd (eller större än normal slumpvariation) när ett tvåsidigt test på 5 %-nivån ger p < 0,05: en så stor skillnad uppstår sällan av slumpen i antal och urval om inget har ändrats. Det betyder inte att löftet orsakade förändringen, inte att förändringen är stor eller viktig, och inte att den håller i sig. Ingen säker förändring betyder inte att inget har hänt, bara att underlaget inte räcker för att skilja förändringen från slumpen."),
    ("Utfall med flera indikatorer", "Indikatorer utan data eller med för litet underlag räknas inte. Av de övriga: minst en har rört sig i önskad riktning mer än slumpen förklarar och ingen i motsatt riktning → I önskad riktning; minst en i motsatt riktning och ingen i önskad → I motsatt riktning; båda slagen, eller ingen säker förändring → Ingen säker förändring. Den indikator som avgjorde nämns först."),
    ("Spaningsbrott", "Vissa brott ({spaningsbrott}) upptäcks främst när polisen själv arbetar aktivt. Att fler sådana brott anmäls är därför den effekt löftet eftersträvar, inte ett tecken på att läget har försämrats."),
];

/// A report line with values, in Swedish.
pub fn line(line: &Line) -> String {
    match line {
        Line::DataInProgress(d) => format!(
            "Data t.o.m. {} – perioden pågår, så siffrorna visar läget hittills.",
            fmt::date(*d)
        ),
        Line::DataInProgressShort(d) => format!("Data t.o.m. {}; perioden pågår", fmt::date(*d)),
        Line::Coverage(all) => {
            let one = |c: &crate::indicators::coverage::Coverage| {
                let what = match c.source {
                    crate::catalog::Source::Logg => "loggar",
                    crate::catalog::Source::Brott => "brottsstatistik",
                    crate::catalog::Source::Lagesrapporter => "lägesrapporter",
                };
                let how = if c.stated { "angivet av analytikern" } else { "senaste raden" };
                format!("{what} t.o.m. {} ({how})", fmt::date(c.through))
            };
            let parts: Vec<String> = all.iter().map(one).collect();
            format!("Indata täcker: {}.", parts.join("; "))
        }
        Line::Compiled { date, files } => format!(
            "Läget per {}, ur {}.",
            fmt::date(*date),
            super::count_of(*files, "indatafil", "indatafiler")
        ),
        Line::RowsRead {
            files,
            read,
            used,
            rejected,
            skipped,
        } => {
            let [read, used, rejected, skipped] =
                [read, used, rejected, skipped].map(|n| fmt::count(*n as f64, LANG));
            let files = fmt::capitalised(&super::count_of(*files, "fil", "filer"));
            format!("{files} lästes. Av {read} rader användes {used}, {rejected} avvisades och {skipped} hoppades över (tomma rader, summeringsrader, noter, andra områden och kategorier som inget löfte mäter). Varje avvisad rad anges nedan med fil, blad, rad och kolumn; arbetsbokens blad Datakvalitet listar alla.")
        }
                Line::SinceLast {
            previous,
            published: None,
            moved,
            unchanged,
            figures,
        } => format!(
            "Jämfört med rapporten för {previous}, beräknad med dagens indata (arkivet har ingen publicerad rapport att jämföra med): {} har ändrat status och {} har samma; {} har ändrats.",
            super::count_of(*moved, "åtagande eller önskat resultat", "åtaganden och önskade resultat"),
            unchanged,
            super::count_of(*figures, "siffra", "siffror")
        ),
        Line::SinceLast {
            previous,
            published: Some(at),
            moved,
            unchanged,
            figures,
        } => format!(
            "Jämfört med rapporten för {previous} i den version som publicerades {} (ur arkivet): {} har ändrat status och {} har oförändrad status; {} för samma dagar har reviderats sedan dess.",
            at.format("%Y-%m-%d %H:%M"),
            super::count_of(*moved, "åtagande eller önskat resultat", "åtaganden och önskade resultat"),
            unchanged,
            super::count_of(*figures, "siffra", "siffror")
        ),
        Line::Republished(at) => format!(
            "Siffrorna jämförs också med den här periodens rapport i den version som publicerades {}; en siffra som skiljer sig från den senaste publiceringen räknas som reviderad.",
            at.format("%Y-%m-%d %H:%M")
        ),
        Line::InputChanges(changes) if changes.is_empty() => {
            "Indatafilerna och katalogen är desamma som då.".into()
        }
        Line::InputChanges(changes) => {
            use crate::indicators::changes::InputChange;
            let parts: Vec<String> = changes
                .iter()
                .map(|c| match c {
                    InputChange::Catalog => "katalogen har ändrats".into(),
                    InputChange::FileChanged {
                        file,
                        used_before,
                        used_now,
                    } => format!(
                        "{file} har ändrats ({} använda rader då, {} nu)",
                        fmt::count(*used_before as f64, LANG),
                        fmt::count(*used_now as f64, LANG)
                    ),
                    InputChange::FileAdded(file) => format!("{file} är ny"),
                    InputChange::FileRemoved(file) => format!("{file} finns inte längre"),
                })
                .collect();
            format!("Sedan dess i indata: {}.", parts.join("; "))
        }
        Line::Tally { promises, outcomes } => {
            let part = |what: &str, counts: &[(Status, usize)]| {
                let total: usize = counts.iter().map(|(_, n)| n).sum();
                let list: Vec<String> = counts
                    .iter()
                    .map(|(s, n)| format!("{n} {}", tally_word(*s, *n)))
                    .collect();
                format!("Av {total} {what}: {}.", list.join(", "))
            };
            let mut parts = vec![];
            if !promises.is_empty() {
                let what = if promises.iter().map(|(_, n)| n).sum::<usize>() == 1 { "åtagande" } else { "åtaganden" };
                parts.push(part(what, promises));
            }
            if !outcomes.is_empty() {
                parts.push(part("önskade resultat", outcomes));
            }
            parts.join(" ")
        }
        Line::EarlierYears => "Tidigare år ur arkivet: värden som publicerade rapporter angav och som dagens indata inte längre har.".into(),
                Line::MoreRejected(more) => {
            format!("… och {more} avvisade rader till; arbetsbokens blad Datakvalitet listar dem.")
        }
                Line::NoReport(None) => {
            "Ingen rapport: indata har inga rader som löftet räknar (loggar eller brottsstatistik för löftets område)".into()
        }
        Line::SpanBegun(span) => format!("{span} har börjat"),
        Line::NoReport(Some(d)) => format!(
            "Ingen rapport: indata för löftet når bara till {}, före perioden.",
            fmt::date(*d)
        ),
        Line::OverviewIntro {
            promises,
            reported,
            data_date,
        } => {
            let data = data_date.map_or(String::new(), |d| format!(" Data t.o.m. {}.", fmt::date(d)));
            let missing = promises - reported.min(promises);
            let without = if missing == 0 {
                String::new()
            } else {
                format!(" {} saknar rapport för perioden; skälet står nedan.", super::count_of(missing, "löfte", "löften"))
            };
            format!(
                "{} följs upp i samma körning, ur samma indata; varje löfte bedöms precis som i sin egen rapport.{data}{without}",
                super::count_of(*promises, "medborgarlöfte", "medborgarlöften")
            )
        }
    }
}

/// A phrase in Swedish.
pub fn say(phrase: &Phrase) -> String {
    let date = fmt::date;
    match phrase {
        Phrase::Empty => String::new(),
        Phrase::Verbatim(text) => text.clone(),
        Phrase::Sentences(all) => all.iter().map(say).collect::<Vec<_>>().join(" "),
        Phrase::NoLogData => "loggen saknar data för perioden".into(),
        Phrase::WithLatestNote { result, date: d } => {
            format!("{} (lägesrapport {})", say(result), date(*d))
        }
        Phrase::StaleNote { result, through } => format!(
            "{}. Lägesrapporten är mer än ett tertial äldre än lägesrapporternas datadatum {}",
            say(result).trim_end_matches('.'),
            date(*through)
        ),
        Phrase::RunsUntil(d) => format!("pågår t.o.m. {}", date(*d)),
        Phrase::NothingEitherYear => "0 både under perioden och samma period året innan: inget att jämföra".into(),
        Phrase::UpTo(d) => format!("t.o.m. {}", date(*d)),

        Phrase::CountName(spec) => count_name(spec),
        Phrase::CountFocusName { preset, unit, tag } => {
            let what = match preset {
                Some(Preset::Operations) => "insatser",
                _ => unit_words(*unit, 2.0),
            };
            format!("{what} med fokus på {tag}")
        }
        Phrase::CountUnitName(unit) => unit_words(*unit, 2.0).into(),
        Phrase::CountPerName { preset, unit, per } => {
            let what = match preset {
                Some(Preset::Visits) => "besök",
                _ => unit_words(*unit, 2.0),
            };
            format!("{what} {}", per_words(*per))
        }
        Phrase::CountTarget(spec) => count_target(spec),
        Phrase::CountResult(finding) => super::count_result(&Sv, finding),
        Phrase::NoSpan(NoSpan::OutsidePromise) => {
            "rapportperioden ligger utanför löftesperioden".into()
        }
        Phrase::NoSpan(NoSpan::NoTerm) => "ingen av katalogens terminer ligger i perioden".into(),
        Phrase::NoSpan(NoSpan::WindowAhead(a, b)) => format!(
            "åtagandets tid, {} – {}, har inte börjat",
            date(*a),
            date(*b)
        ),
        Phrase::NoSpan(NoSpan::WindowPassed(a, b)) => format!(
            "åtagandets tid, {} – {}, ligger före rapportperioden",
            date(*a),
            date(*b)
        ),
        Phrase::NoSpan(NoSpan::LogEnds(d)) => format!(
            "ingen data för perioden: loggens senaste rad är från {}",
            date(*d)
        ),
        Phrase::TotalOfParts => "totalt för alla delområden".into(),
        Phrase::InPart { part, inner } => format!("del {part}: {}", say(inner)),
        Phrase::Bundle(targets) => targets.iter().map(say).collect::<Vec<_>>().join(" samt "),
        Phrase::BundleResult(parts) => parts
            .iter()
            .enumerate()
            .map(|(i, (label, st, r))| {
                let label = label.clone().unwrap_or_else(|| format!("del {}", i + 1));
                format!("{label}: {} {} – {}", st.symbol(), status(*st), say(r))
            })
            .collect::<Vec<_>>()
            .join("; "),
        Phrase::NoComparison { log_starts, needed } => format!(
            "jämförelse saknas: loggen börjar {} och når inte tillbaka till {}",
            log_starts.map_or("–".into(), date),
            date(*needed)
        ),

        Phrase::StaffingDaysName { target, roles } => {
            format!(
                "dagar med minst {target} {} med rollen {}",
                if *target == 1 { "person" } else { "personer" },
                roles_text(roles)
            )
        }
        Phrase::StaffingWeekName { target } => {
            format!("personer per vecka (lägsta antalet en dag), mål {target}")
        }
        Phrase::StaffingGaps(gaps) => gaps
            .iter()
            .map(|(a, b, n)| {
                let persons = if *n == 1 { "person" } else { "personer" };
                format!("{}–{}: {n} {persons}", date(*a), date(*b))
            })
            .collect::<Vec<_>>()
            .join("; "),
        Phrase::StaffingWeek {
            at_target,
            days,
            target,
            from,
            to,
        } => format!(
            "{at_target} av {days} dagar med minst {target} ({}–{})",
            date(*from),
            date(*to)
        ),
        Phrase::StaffingTarget {
            target,
            roles,
            place,
        } => {
            let (role, place) = (roles_text(roles), place_text(place.as_deref()));
            if *target == 1 {
                format!("1 person med rollen {role} {place} varje dag")
            } else {
                format!("{target} personer med rollen {role} {place} varje dag")
            }
        }
        Phrase::StaffingMissing { roles, place } => format!(
            "bemanningslistan saknar {} {}",
            roles_text(roles),
            place_text(place.as_deref())
        ),
        Phrase::StaffingResult {
            target,
            at_target,
            days,
            gaps,
        } => staffing_result(*target, *at_target, *days, gaps),

        Phrase::ResponseName { hours, types } => {
            format!("andel ärenden åtgärdade{} ({})", within_hours(*hours), types.join(", "))
        }
        Phrase::ResponseTarget { hours, share } => {
            let limit = within_hours(*hours);
            match share {
                Some(m) => format!(
                    "minst {} av ärendena åtgärdade{limit}",
                    fmt::percent(*m, LANG)
                ),
                None => format!("ärenden åtgärdade{limit}"),
            }
        }
        Phrase::ResponseCases {
            within,
            cases,
            open,
        } => {
            let open = if *open > 0 {
                format!(
                    "; {open} {} där tiden ännu inte har gått ut räknas inte",
                    if *open == 1 { "öppet ärende" } else { "öppna ärenden" }
                )
            } else {
                String::new()
            };
            if *cases == 0 {
                format!("inga avslutade ärenden{open}")
            } else {
                format!("{within} av {cases}{open}")
            }
        }
        Phrase::ResponseResult { hours, spans } => {
            let limit = within_hours(*hours);
            spans
                .iter()
                .map(|s| {
                    if s.cases == 0 {
                        format!("{}: inga avslutade ärenden", s.span)
                    } else {
                        let share = f64::from(s.within) / f64::from(s.cases);
                        // Without a time limit, the cases not acted on are named.
                        let not_done = match (hours, s.cases - s.within) {
                            (None, n) if n > 0 => format!(", {n} inte åtgärdade"),
                            _ => String::new(),
                        };
                        let done = if hours.is_none() { " åtgärdade" } else { "" };
                        format!(
                            "{}: {} av {} ({}){done}{limit}{not_done}",
                            s.span,
                            s.within,
                            s.cases,
                            fmt::percent(share, LANG)
                        )
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")
        }

        Phrase::StockName => "aktiva enheter".into(),
        Phrase::StockTarget { types, growth } => format!(
            "antalet aktiva ({}) ska öka med minst {} under löftesperioden",
            types.join(", "),
            fmt::number(*growth, 0, LANG)
        ),
        Phrase::StockStartUnknown(d) => format!(
            "antalet vid löftets start ({}) är okänt: loggen börjar senare",
            date(*d)
        ),
        Phrase::StockNegative { start, now } => format!(
            "beståndet blir negativt ({} vid start, {} nu): loggen har fler avslut än tillkomna enheter",
            fmt::count(*start, LANG),
            fmt::count(*now, LANG)
        ),
        Phrase::StockResult {
            start,
            first_day,
            now,
            until,
        } => format!(
            "{} vid start ({}), {} den {} ({})",
            fmt::count(*start, LANG),
            date(*first_day),
            fmt::count(*now, LANG),
            date(*until),
            fmt::signed(now - start, 0, LANG)
        ),

        Phrase::StatusNoteName => "lägesrapport".into(),
        Phrase::StatusNoteTarget => "följs upp med lägesrapporter".into(),
        Phrase::NoStatusNote => "ingen lägesrapport till och med periodens slut".into(),
        Phrase::LatestNote {
            status: s,
            date: d,
            comment,
        } => format!("{} ({}): {comment}", status(*s), date(*d)),
        Phrase::DeadlineTarget(due) => format!("klart senast {}", date(*due)),
        Phrase::DoneOn {
            date: d,
            late,
            comment,
        } => {
            let late = if *late { ", efter tidsfristen" } else { "" };
            format!("genomfört {}{late}: {comment}", date(*d))
        }
        Phrase::DeadlinePassed(due) => format!(
            "tidsfristen {} har passerat utan en lägesrapport om att åtagandet är genomfört",
            date(*due)
        ),
        Phrase::DeadlineAhead(due) => format!(
            "tidsfristen {} har inte passerat; ingen lägesrapport ännu",
            date(*due)
        ),

        Phrase::SmallBase(min) => format!("litet underlag: färre än {min} svarande"),
        Phrase::PublishedFigure => "publicerad siffra".into(),
        Phrase::SurveySentence(finding) => survey_sentence(finding),

        Phrase::CrimeName { span, group } => {
            let what = match span {
                CrimeSpan::Period => "anmälda brott",
                CrimeSpan::Per1000 => "anmälda brott per 1 000 invånare",
                CrimeSpan::Month => "anmälda brott per månad",
                CrimeSpan::Tertial => "anmälda brott per tertial",
                CrimeSpan::Year => "anmälda brott per år",
            };
            format!("{what}: {}", group.to_lowercase())
        }
        Phrase::CrimeTestNote(note) => crime_test_note(note),
        Phrase::Inhabitants { year, count } => {
            format!("invånare {year}: {}", fmt::count(*count, LANG))
        }
        Phrase::CrimeSentence(finding) => crime_sentence(finding, true),
        Phrase::CrimeSentencePlain(finding) => crime_sentence(finding, false),
        Phrase::CrimeNoData(group) => format!("{group}: brottsstatistiken saknas för perioden."),
        Phrase::CrimeMarkedMissing(group) => format!(
            "{group}: uppgift saknas för perioden (markerad som saknad i underlaget)."
        ),
        Phrase::DetectedByPolice(groups) => format!(
            "{} upptäcks främst genom polisens eget arbete (spaningsbrott). En ökning är därför den effekt löftet eftersträvar, inte ett tecken på att läget har försämrats.",
            fmt::capitalised(&groups.join(" och "))
        ),
        Phrase::CrimeSeries { group, year } => format!("{group} {year}"),
        Phrase::CrimeBaselineSeries { group, years } => format!("{group} baslinje {years}"),

        Phrase::MeasuredElsewhere {
            source,
            level,
            area,
        } => format!(
            "{source}; mätt för {} ({area}), inte för löftets område",
            level.as_deref().unwrap_or("ett annat område")
        ),
    }
}

// ── Count promises ──────────────────────────────────────────────────────────────────

/// " inom 24 timmar", or nothing without a time limit.
fn within_hours(hours: Option<f64>) -> String {
    hours.map_or(String::new(), |h| {
        format!(" inom {} timmar", fmt::number(h, 0, LANG))
    })
}

/// The counted unit in words ("tillfällen", "dagar", …), singular for exactly one.
fn unit_words(unit: Unit, x: f64) -> &'static str {
    let one = x == 1.0;
    match (unit, one) {
        (Unit::Rader, true) => "tillfälle",
        (Unit::Rader, false) => "tillfällen",
        (Unit::Dagar, true) => "dag",
        (Unit::Dagar, false) => "dagar",
        (Unit::Veckor, true) => "vecka",
        (Unit::Veckor, false) => "veckor",
        (Unit::Helger, true) => "helg",
        (Unit::Helger, false) => "helger",
        (Unit::Timmar, true) => "timme",
        (Unit::Timmar, false) => "timmar",
        (Unit::Deltagare, _) => "deltagare",
        (Unit::Antal, _) => "st.",
        (Unit::AndelDagar, _) => "av dagarna",
    }
}

/// The spans' noun in the plural, for "målet nått i 51 av 52 veckor".
fn spans_noun(per: Per) -> &'static str {
    match per {
        Per::Vecka => "veckor",
        Per::Manad => "månader",
        Per::Tertial => "tertial",
        Per::Termin => "terminer",
        Per::Ar => "år",
        Per::Period => "perioder",
    }
}

fn per_words(per: Per) -> &'static str {
    match per {
        Per::Vecka => "per vecka",
        Per::Manad => "per månad",
        Per::Tertial => "per tertial",
        Per::Termin => "per termin",
        Per::Ar => "per år",
        Per::Period => "under löftesperioden",
    }
}

/// The indicator's name: a preset's own name, the catalog's `namn`, or the unit, the log
/// types and the filters in a few words.
fn count_name(spec: &CountSpec) -> String {
    let own = match spec.preset {
        Some(Preset::Visits) => Some("besök per termin"),
        Some(Preset::Operations) => Some("insatser per månad"),
        Some(Preset::Visibility) => Some("timmar synlig närvaro"),
        Some(Preset::Activities) => Some("aktiviteter"),
        None => None,
    };
    if let Some(name) = own.map(str::to_string).or_else(|| spec.namn.clone()) {
        return name;
    }
    let unit = match spec.rakna {
        Unit::AndelDagar => "andel av dagarna",
        other => unit_words(other, 2.0),
    };
    let mut name = format!("{unit} ({})", spec.loggtyper.join(", "));
    name.push_str(&super::filters(spec, "fokus"));
    name
}

/// The target in words: "minst 100 tillfällen under löftesperioden".
fn count_target(spec: &CountSpec) -> String {
    let unit = noun(spec, spec.minst.unwrap_or(2.0));
    // A measure with its own window: the window's dates, not the promise period.
    let per = match (spec.per, &spec.fran, &spec.till) {
        (Per::Period, None, None) => per_words(spec.per).to_string(),
        (Per::Period, from, to) => {
            let day = |d: &Option<toml::value::Datetime>| {
                d.as_ref().map_or(String::from("…"), |d| d.to_string())
            };
            format!("under {} – {}", day(from), day(to))
        }
        (per, _, _) => per_words(per).to_string(),
    };
    let each = match (spec.per_plats, spec.per_fokus) {
        (true, _) if spec.platser.len() == 1 => String::new(),
        (true, _) => format!(" på var och en av {} platser", spec.platser.len()),
        (false, true) => " för varje fokus".into(),
        _ => String::new(),
    };
    let focus = if spec.fokus.is_empty() || spec.per_fokus {
        String::new()
    } else {
        format!(" med fokus på {}", spec.fokus.join(", "))
    };
    let against = match spec.jamfor_med {
        Some(y) => format!("mer än samma period {y}"),
        None => "mer än samma period året innan".to_string(),
    };
    match (spec.minst, spec.compared()) {
        (Some(m), _) if spec.rakna == Unit::AndelDagar => {
            format!("minst {} av dagarna {per}{each}", fmt::percent(m, LANG))
        }
        (Some(m), _) => format!("minst {} {unit}{focus} {per}{each}", number(m)),
        (None, true) => {
            format!("{unit}{focus} {per}{each}: {against}")
        }
        (None, false) if spec.rakna == Unit::AndelDagar => {
            format!("inget mål i siffror; andelen av dagarna{focus} {per} redovisas")
        }
        (None, false) => format!("inget mål i siffror; {unit}{focus} {per} redovisas"),
    }
}

/// What is counted, in words: a preset's own noun ("besök", "insatser") or the unit's.
fn noun(spec: &CountSpec, x: f64) -> String {
    if let Some(one) = spec.namn_ental.as_ref().filter(|_| x == 1.0) {
        return one.clone();
    }
    if let Some(name) = &spec.namn {
        return name.clone();
    }
    let one = x == 1.0;
    let word = match spec.preset {
        Some(Preset::Visits) => "besök",
        Some(Preset::Operations) if one => "insats",
        Some(Preset::Operations) => "insatser",
        Some(Preset::Activities) if one => "aktivitet",
        Some(Preset::Activities) => "aktiviteter",
        _ => unit_words(spec.rakna, x),
    };
    word.to_string()
}

fn number(x: f64) -> String {
    super::number(x, LANG)
}

/// The Swedish words of a count's result line ([`super::count_result`]).
struct Sv;

impl super::CountWords for Sv {
    const LANG: Lang = LANG;

    fn noun(&self, spec: &CountSpec, x: f64) -> String {
        noun(spec, x)
    }

    fn spans_noun(&self, per: Per) -> &'static str {
        spans_noun(per)
    }

    fn of(&self) -> &'static str {
        "av"
    }

    fn target_word(&self) -> &'static str {
        "mål"
    }

    fn whole_word(&self) -> &'static str {
        "totalt"
    }

    fn year_before_word(&self) -> &'static str {
        "året innan"
    }

    fn parts_met(
        &self,
        span: &str,
        met: usize,
        judged: usize,
        parts: PartKind,
        so_far: bool,
    ) -> String {
        let what = match parts {
            PartKind::Areas => "delområden",
            PartKind::Places => "platser",
            PartKind::Focus => "fokus",
        };
        let so_far = if so_far { " hittills" } else { "" };
        format!("{span}: målet nått för {met} av {judged} {what}{so_far}")
    }

    fn share_total(&self, share: &str, covered: &str, days: &str) -> String {
        format!("totalt {share} av dagarna ({covered} av {days})")
    }

    fn total(&self, total: &str, noun: &str, spans: usize, spans_noun: &str) -> String {
        format!("totalt {total} {noun} under {spans} {spans_noun}")
    }

    fn spans_met(&self, met: usize, judged: usize, spans_noun: &str) -> String {
        format!("målet nått i {met} av {judged} {spans_noun}")
    }

    fn running(&self, n: usize) -> String {
        format!(" ({n} pågår)")
    }

    fn left_out(&self, n: u32, why: super::LeftOut) -> String {
        let why = match why {
            super::LeftOut::Time => "utan klockslag",
            super::LeftOut::Performer => "utan utförare",
            super::LeftOut::Value(Unit::Timmar) => "utan timmar",
            super::LeftOut::Value(_) => "utan deltagarantal",
            super::LeftOut::OutsidePromise => "utanför löftesperioden",
        };
        match n {
            1 => format!("1 rad {why} räknades inte"),
            _ => format!("{n} rader {why} räknades inte"),
        }
    }
}

// ── Staffing ────────────────────────────────────────────────────────────────────────

fn roles_text(roles: &[String]) -> String {
    roles.join(" eller ").to_lowercase()
}

fn place_text(place: Option<&str>) -> String {
    match place {
        None => "i området".into(),
        Some(p) => format!("vid {p}"),
    }
}

fn staffing_result(target: u32, at: u32, all: u32, gaps: &[Gap]) -> String {
    let share = fmt::percent(f64::from(at) / f64::from(all), LANG);
    let mut text = format!("minst {target} på plats {at} av {all} dagar ({share})");
    if let Some((a, b, n)) = gaps.first() {
        text.push_str(&format!(
            "; lucka {}–{} med {n}",
            fmt::date(*a),
            fmt::date(*b)
        ));
        let more = gaps.len() - 1;
        if more > 0 {
            text.push_str(&format!(" och {more} till"));
        }
    }
    text
}

// ── Survey ──────────────────────────────────────────────────────────────────────────

fn survey_sentence(f: &SurveyFinding) -> String {
    let name = &f.name;
    let show = |p: &SurveyPoint| super::survey_value(f.mean, p, LANG);
    if let (Some(due), None) = (f.next, &f.current) {
        let compared = match &f.baseline {
            Some(b) => format!(
                "den jämförs då med baslinjeåret {} ({})",
                b.year,
                super::survey_number(f.mean, b.value, LANG)
            ),
            None => format!("mätningen för baslinjeåret {} saknas", f.baseline_year),
        };
        return format!(
            "{name}: nästa mätning görs i augusti {} och redovisas i rapporterna från och med {}; {compared}.",
            chrono::Datelike::year(&due),
            fmt::date(due)
        );
    }
    match (&f.current, &f.baseline) {
        (Some(c), Some(b)) => {
            let delta = c.value - b.value;
            let change = if f.mean {
                fmt::signed(delta, 2, LANG)
            } else {
                fmt::points(delta, LANG)
            };
            let judgement = match f.verdict {
                SurveyVerdict::SmallBase => format!(
                    "underlaget är för litet (färre än {} svarande) för att tala om en förändring",
                    f.min_base
                ),
                SurveyVerdict::NotSignificant => {
                    "skillnaden är inte statistiskt säkerställd (5 %-nivån)".to_string()
                }
                SurveyVerdict::Significant => {
                    "skillnaden är statistiskt säkerställd (5 %-nivån)".to_string()
                }
            };
            format!(
                "{name}: {} mot {} ({change}); {judgement}.",
                show(c),
                show(b)
            )
        }
        (None, Some(b)) => format!(
            "{name}: ingen mätning efter baslinjeåret {} ({}).",
            b.year,
            super::survey_number(f.mean, b.value, LANG)
        ),
        (_, None) => format!(
            "{name}: mätning för baslinjeåret {} saknas, så ingen jämförelse kan göras.",
            f.baseline_year
        ),
    }
}

// ── Crime ───────────────────────────────────────────────────────────────────────────

/// A crime group after "Antalet anmälda": a name that is itself a kind of crime reads as it
/// is ("narkotikabrott"); any other ("Skadegörelse", "Stöld i butik") as "brott av typen
/// skadegörelse", never "anmälda skadegörelse".
fn crimes_named(group: &str) -> String {
    let name = group.to_lowercase();
    if name.ends_with("brott") {
        name
    } else {
        format!("brott av typen {name}")
    }
}

/// The note of a group's test: the baseline years with their counts, the test's p and the
/// rate ratio with its interval, and a warning when the baseline years vary too much.
fn crime_test_note(n: &CrimeTestNote) -> String {
    let years: Vec<String> = n
        .year_counts
        .iter()
        .map(|(y, c)| format!("{y}: {}", fmt::count(*c, LANG)))
        .collect();
    let mut note = format!(
        "baslinje: medelvärde för motsvarande dagar som {} – {} under baslinjeåren ({})",
        fmt::date(n.from),
        fmt::date(n.until),
        years.join(", ")
    );
    if let Some(t) = n.test {
        note.push_str(&format!("; {}", test_text(t)));
    }
    if n.overdispersed {
        note.push_str("; baslinjeåren varierar mer än slumpen förklarar, så ingen förändring kallas säker enbart utifrån p-värdet");
    }
    note
}

/// "exakt test p = 0,088; kvot 2,00, 95 % KI 0,90–4,48".
fn test_text(t: CountTest) -> String {
    let p = fmt::p_value(t.p, LANG);
    match super::ratio_texts(&t, LANG) {
        Some((r, ci)) => format!("exakt test p = {p}; kvot {r}, 95 % KI {ci}"),
        None => format!("exakt test p = {p}"),
    }
}

/// "Antalet anmälda narkotikabrott ökade från 41 till 57 (+39 %) jämfört med genomsnittet
/// för samma period 2015–2016. Förändringen ryms inom normal slumpvariation (exakt test
/// p = 0,088; kvot 1,39, 95 % KI …)."
fn crime_sentence(f: &CrimeFinding, with_test: bool) -> String {
    let name = crimes_named(&f.group);
    let now = fmt::count(f.current, LANG);
    let years = &f.years;
    let Some(b) = f.base else {
        return format!(
            "Antalet anmälda {name} var {now} under perioden; uppgifter för baslinjen ({years}) saknas i underlaget."
        );
    };
    let same = if f.partial {
        "samma del av året"
    } else {
        "samma period"
    };
    if f.current == b {
        return format!(
            "Antalet anmälda {name} var oförändrat, {now}, jämfört med genomsnittet för {same} {years}."
        );
    }
    let before = super::baseline_number(b, LANG);
    let pct = super::percent_change(f.current, b, LANG);
    let how = f
        .test
        .filter(|_| with_test)
        .map_or(String::new(), |t| format!(" ({})", test_text(t)));
    let chance = match (super::beyond_chance(f), f.overdispersed) {
        (true, true) => format!("Förändringen är större än normal slumpvariation{how}, men baslinjeåren varierar själva mer än så, och därför kallas den inte säker."),
        (true, false) => format!("Förändringen är större än normal slumpvariation{how}."),
        (false, _) => format!("Förändringen ryms inom normal slumpvariation{how}."),
    };
    let verb = if f.current > b { "ökade" } else { "minskade" };
    format!(
        "Antalet anmälda {name} {verb} från {before} till {now}{pct} jämfört med genomsnittet för {same} {years}. {chance}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::stats::count_test;

    #[test]
    fn the_crime_sentence_names_the_change_and_the_baseline() {
        // 57 against 41 + 41 (k = 2): the exact test and the ratio 57/41 = 1,39.
        let finding = CrimeFinding {
            group: "Narkotikabrott".into(),
            current: 57.0,
            base: Some(41.0),
            years: "2015–2016".into(),
            test: count_test(57, 82, 2),
            overdispersed: false,
            partial: false,
        };
        let s = crime_sentence(&finding, true);
        assert!(
            s.starts_with("Antalet anmälda narkotikabrott ökade från 41 till 57 (+39 %) jämfört med genomsnittet för samma period 2015–2016. Förändringen ryms inom normal slumpvariation (exakt test p = 0,0"),
            "{s}"
        );
        assert!(s.contains("kvot 1,39, 95 % KI"), "{s}");
    }

    #[test]
    fn the_summarys_crime_sentence_keeps_the_verdict_without_the_figures() {
        // 24 against 11,5 a year (23 over k = 2): p ≈ 0,013, beyond chance. The summary says
        // so in words, as the outcome's section does with its figures.
        let finding = CrimeFinding {
            group: "Narkotikabrott".into(),
            current: 24.0,
            base: Some(11.5),
            years: "2015–2016".into(),
            test: count_test(24, 23, 2),
            overdispersed: false,
            partial: false,
        };
        assert!(finding.test.is_some_and(|t| t.p < 0.05));
        let full = crime_sentence(&finding, true);
        let plain = say(&Phrase::CrimeSentencePlain(Box::new(finding)));
        assert!(
            full.contains("större än normal slumpvariation (exakt test p ="),
            "{full}"
        );
        assert!(
            plain.ends_with("Förändringen är större än normal slumpvariation."),
            "{plain}"
        );
        assert!(!plain.contains("p ="), "{plain}");
    }

    #[test]
    fn a_crime_group_that_is_not_a_kind_of_crime_gets_one() {
        assert_eq!(crimes_named("Narkotikabrott"), "narkotikabrott");
        assert_eq!(crimes_named("Skadegörelse"), "brott av typen skadegörelse");
    }

    #[test]
    fn one_staff_is_a_person_and_more_are_personer() {
        let roles = vec!["Kontaktpolis".to_string()];
        let one = Phrase::StaffingTarget {
            target: 1,
            roles: roles.clone(),
            place: None,
        };
        assert_eq!(
            say(&one),
            "1 person med rollen kontaktpolis i området varje dag"
        );
        let two = Phrase::StaffingTarget {
            target: 2,
            roles,
            place: Some("Karlslunds centrum".into()),
        };
        assert_eq!(
            say(&two),
            "2 personer med rollen kontaktpolis vid Karlslunds centrum varje dag"
        );
    }

    #[test]
    fn the_tally_agrees_with_its_counts() {
        use Status::*;
        let tally = Line::Tally {
            promises: vec![(Fulfilled, 1), (Partly, 3), (InProgress, 3), (Delayed, 1)],
            outcomes: vec![(Improved, 2), (NoChange, 1)],
        };
        assert_eq!(
            line(&tally),
            "Av 8 åtaganden: 1 uppfyllt, 3 delvis uppfyllda, 3 pågår, 1 försenat. Av 3 önskade resultat: 2 i önskad riktning, 1 utan säker förändring."
        );
        let one = Line::Tally {
            promises: vec![(NotFulfilled, 1)],
            outcomes: vec![],
        };
        assert_eq!(line(&one), "Av 1 åtagande: 1 ej uppfyllt.");
    }
}
