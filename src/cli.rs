//! The command line: clap types live here only and become a checked [`lofte::Command`].

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use lofte::period::ReportPeriod;

/// clap's help with Swedish headings ("Användning", "Kommandon", "Flaggor").
const HELP: &str = "{about-with-newline}\nAnvändning: {usage}\n\n{all-args}{after-help}";

/// Följer upp medborgarlöften: läser analytikernas arbetsböcker i indatamappen och skriver
/// uppföljningen för perioden som PDF (med en tillgänglig HTML-tvilling), Excel och
/// indicators.csv.

#[derive(Parser)]
#[command(
    name = "lofte",
    version,
    long_about = None,
    help_template = HELP,
    subcommand_help_heading = "Kommandon",
    subcommand_value_name = "KOMMANDO",
    next_help_heading = "Flaggor",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    after_help = "Exempel:\n  lofte run                      senaste tertialet som loggarna i input/ täcker\n  lofte run --period 2017        årsuppföljning med tertialerna sida vid sida\n  lofte run --lang en            rapporterna på engelska\n  lofte check --json             kontrollera indata, svar som JSON\n  lofte init nytt-lofte          nytt löfte: katalog med exempel, guide och mallar\n  lofte mallar                   tomma indatamallar för input/lofte.toml i mallar/\n  lofte historik                 rapporterna som publicerats till reports/\n  lofte verifiera reports/2017-T2/lofte-2017-T2.pdf   är filen en som lofte publicerade?\n\nKatalogens format: docs/catalog.md. Indatans format: docs/input-formats.md."
)]
struct Cli {
    #[command(subcommand)]
    command: CliCommand,
    /// Visa den här hjälpen.
    #[arg(short, long, action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Visa versionen.
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum CliCommand {
    /// Läs indata, beräkna alla löften och utfall, skriv rapporterna till <out>/<period>/.
    #[command(
        help_template = HELP,
        next_help_heading = "Flaggor",
        disable_help_flag = true,
        override_usage = "lofte run [FLAGGOR]"
    )]
    Run {
        /// Mappen med arbetsböckerna (xlsx, xlsm, xls, xlsb, ods, csv). Standard: input.
        #[arg(
            long,
            default_value = "input",
            value_name = "MAPP",
            hide_default_value = true
        )]
        input: PathBuf,
        /// Mappen där rapporterna skrivs, i en undermapp per period. Standard: reports.
        #[arg(
            long,
            default_value = "reports",
            value_name = "MAPP",
            hide_default_value = true
        )]
        out: PathBuf,
        /// Löfteskatalogen, eller en mapp med en katalog per löfte (en region). Standard:
        /// lofte.toml i indatamappen, annars mappen loften/ där.
        #[arg(long, value_name = "FIL")]
        catalog: Option<PathBuf>,
        /// Tertial (2017-T2), helår (2017), flera år (2019-2020) eller hela månader
        /// (2020-12..2021-05, vid uppföljning vissa månader). Standard: senaste
        /// tertialet som loggarna täcker.
        #[arg(long, value_parser = parse_period, value_name = "PERIOD")]
        period: Option<ReportPeriod>,
        /// Rapportspråk: sv (svenska, standard) eller en (engelska). Katalogens texter visas
        /// som de är skrivna.
        #[arg(
            long,
            value_enum,
            default_value_t = CliLang::Sv,
            value_name = "SPRÅK",
            hide_default_value = true,
            hide_possible_values = true
        )]
        lang: CliLang,
        /// Skriv rapporten fast en fil inte kunde läsas eller ett blad saknar en kolumn; första
        /// sidan och arbetsboken säger då att underlaget är ofullständigt.
        #[arg(long = "tillat-ofullstandig")]
        allow_incomplete: bool,
        /// Ingen förloppsindikator (den visas bara i en terminal, och först när läsningen
        /// tar mer än en halv sekund).
        #[arg(long = "tyst", visible_alias = "quiet")]
        quiet: bool,
        /// Sista dagen ett slags indata är komplett till, t.ex. logg=2019-12-31 (logg, brott
        /// eller lagesrapporter; flaggan kan upprepas). Går före katalogens [data_tom].
        #[arg(long = "data-tom", value_parser = parse_stated, value_name = "SLAG=DATUM")]
        data_tom: Vec<(lofte::catalog::Source, chrono::NaiveDate)>,
    },
    /// Kontrollera indata utan att skriva rapporter: typ, rubrikrad, rader och problem per blad.
    #[command(
        help_template = HELP,
        next_help_heading = "Flaggor",
        disable_help_flag = true,
        override_usage = "lofte check [FLAGGOR]"
    )]
    Check {
        /// Mappen med arbetsböckerna. Standard: input.
        #[arg(
            long,
            default_value = "input",
            value_name = "MAPP",
            hide_default_value = true
        )]
        input: PathBuf,
        /// Löfteskatalogen, eller en mapp med en katalog per löfte (en region). Standard:
        /// lofte.toml i indatamappen, annars mappen loften/ där.
        #[arg(long, value_name = "FIL")]
        catalog: Option<PathBuf>,
        /// Skriv resultatet som ett JSON-dokument (schema i docs/check-json.md).
        #[arg(long)]
        json: bool,
    },
    /// Skriv tomma indatamallar (xlsx) för katalogen: en per slags indata, med listor och
    /// kontroller som följer katalogen.
    #[command(
        help_template = HELP,
        next_help_heading = "Flaggor",
        disable_help_flag = true,
        override_usage = "lofte mallar [FLAGGOR]"
    )]
    Mallar {
        /// Löfteskatalogen. Standard: input/lofte.toml.
        #[arg(
            long,
            default_value = "input/lofte.toml",
            value_name = "FIL",
            hide_default_value = true
        )]
        catalog: PathBuf,
        /// Mappen mallarna skrivs till. Standard: mallar.
        #[arg(
            long,
            default_value = "mallar",
            value_name = "MAPP",
            hide_default_value = true
        )]
        out: PathBuf,
        /// Ersätt filer som redan finns (annars vägrar lofte).
        #[arg(long = "skriv-over")]
        overwrite: bool,
    },
    /// Börja ett nytt löfte: en katalog med exempel på varje slags åtagande, guiden och
    /// mallarna, i en ny mapp.
    #[command(
        help_template = HELP,
        next_help_heading = "Flaggor",
        disable_help_flag = true,
        override_usage = "lofte init MAPP [FLAGGOR]"
    )]
    Init {
        /// Mappen som skapas (eller fylls på).
        #[arg(value_name = "MAPP")]
        dir: PathBuf,
        /// Ersätt filer som redan finns (annars vägrar lofte).
        #[arg(long = "skriv-over")]
        overwrite: bool,
    },
    /// Lista rapporterna som publicerats till rapportmappen: period, tid, löfte, statusar
    /// och hur många siffror senare rapporter reviderat.
    #[command(
        help_template = HELP,
        next_help_heading = "Flaggor",
        disable_help_flag = true,
        override_usage = "lofte historik [FLAGGOR]"
    )]
    Historik {
        /// Rapportmappen (arkivet lofte-arkiv.sqlite ligger i den). Standard: reports.
        #[arg(
            long,
            default_value = "reports",
            value_name = "MAPP",
            hide_default_value = true
        )]
        out: PathBuf,
    },
    /// Kontrollera att en rapportfil är en som lofte publicerade, från vilka indatafiler, och
    /// om dagens indata ger samma siffror.
    #[command(
        help_template = HELP,
        next_help_heading = "Flaggor",
        disable_help_flag = true,
        override_usage = "lofte verifiera FIL [FLAGGOR]"
    )]
    Verifiera {
        /// Rapportfilen (PDF, HTML, xlsx eller indicators.csv).
        #[arg(value_name = "FIL")]
        file: PathBuf,
        /// Rapportmappen med arkivet. Standard: mappen två nivåer upp från filen
        /// (<rapporter>/<period>/fil), annars reports.
        #[arg(long, value_name = "MAPP")]
        out: Option<PathBuf>,
        /// Dagens indata att jämföra med. Standard: input.
        #[arg(
            long,
            default_value = "input",
            value_name = "MAPP",
            hide_default_value = true
        )]
        input: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CliLang {
    /// Svenska
    Sv,
    /// English
    En,
}

/// `logg=2019-12-31` → the log is complete to that day.
fn parse_stated(s: &str) -> Result<(lofte::catalog::Source, chrono::NaiveDate), String> {
    let usage = "skriv slag=datum, t.ex. logg=2019-12-31 (slag: logg, brott, lagesrapporter)";
    let (kind, date) = s.split_once('=').ok_or(usage)?;
    let source = lofte::catalog::Source::named(kind.trim())
        .ok_or_else(|| format!("okänt slag '{}': {usage}", kind.trim()))?;
    let date = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{}' är inget datum: {usage}", date.trim()))?;
    Ok((source, date))
}

fn parse_period(s: &str) -> Result<ReportPeriod, String> {
    s.parse()
        .map_err(|e: lofte::period::PeriodParseError| e.to_string())
}

/// Parses the arguments (exiting with clap's message on a mistake) into a command.
pub fn parse() -> lofte::Command {
    let cli = Cli::try_parse().unwrap_or_else(|e| exit_in_swedish(&e));
    match cli.command {
        CliCommand::Run {
            input,
            out,
            catalog,
            period,
            lang,
            allow_incomplete,
            quiet,
            data_tom,
        } => lofte::Command::Run(lofte::RunConfig {
            allow_incomplete,
            quiet,
            stated_through: data_tom,
            catalog: catalog.unwrap_or_else(|| lofte::config::default_catalog(&input)),
            input,
            out,
            period,
            lang: match lang {
                CliLang::Sv => lofte::fmt::Lang::Sv,
                CliLang::En => lofte::fmt::Lang::En,
            },
        }),
        CliCommand::Check {
            input,
            catalog,
            json,
        } => lofte::Command::Check(lofte::CheckConfig {
            catalog: catalog.unwrap_or_else(|| lofte::config::default_catalog(&input)),
            input,
            json,
        }),
        CliCommand::Mallar {
            catalog,
            out,
            overwrite,
        } => lofte::Command::Templates(lofte::TemplatesConfig {
            catalog,
            out,
            overwrite,
        }),
        CliCommand::Init { dir, overwrite } => {
            lofte::Command::Init(lofte::InitConfig { dir, overwrite })
        }
        CliCommand::Historik { out } => lofte::Command::History(lofte::HistoryConfig { out }),
        CliCommand::Verifiera { file, out, input } => {
            lofte::Command::Verify(lofte::VerifyConfig { file, out, input })
        }
    }
}

/// Prints a command-line mistake in Swedish and exits with clap's status (2); help and
/// version are printed as clap writes them (their headings are Swedish already).
fn exit_in_swedish(e: &clap::Error) -> ! {
    use clap::error::{ContextKind, ErrorKind};
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        e.exit();
    }
    let context = |kind: ContextKind| e.get(kind).map(ToString::to_string).unwrap_or_default();
    let (arg, value) = (
        context(ContextKind::InvalidArg),
        context(ContextKind::InvalidValue),
    );
    let suggestion = match context(ContextKind::SuggestedArg) {
        s if s.is_empty() => match context(ContextKind::SuggestedSubcommand) {
            s if s.is_empty() => String::new(),
            s => format!(" (menade du '{s}'?)"),
        },
        s => format!(" (menade du '{s}'?)"),
    };
    let message = match e.kind() {
        ErrorKind::UnknownArgument => format!("okänt argument '{arg}'{suggestion}"),
        ErrorKind::InvalidSubcommand => {
            let command = context(ContextKind::InvalidSubcommand);
            format!("okänt kommando '{command}'{suggestion}; kommandona är run, check, mallar, init, historik och verifiera")
        }
        ErrorKind::InvalidValue => format!(
            "ogiltigt värde '{value}' för {arg}; tillåtna värden: {}",
            context(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(ToString::to_string)
                .unwrap_or_default();
            format!("ogiltigt värde '{value}' för {arg}: {why}")
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "ange ett kommando: run (skriv rapporterna), check (kontrollera indata), mallar eller init".into()
        }
        ErrorKind::ArgumentConflict => format!("{arg} kan inte kombineras så"),
        ErrorKind::NoEquals | ErrorKind::TooManyValues | ErrorKind::TooFewValues => {
            format!("fel antal värden för {arg}")
        }
        // Anything rarer: clap's own words, after ours.
        _ => format!("felaktiga argument: {}", e.kind()),
    };
    eprintln!("fel: {message}\n\nKör 'lofte --help' för hjälp.");
    std::process::exit(2)
}
