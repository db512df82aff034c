//! The command line: clap types live here only and become a checked [`lofte::Command`].

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use lofte::period::ReportPeriod;

/// Följer upp medborgarlöften: läser analytikernas arbetsböcker i indatamappen och skriver
/// uppföljningen för perioden som PDF (med en tillgänglig HTML-tvilling), Excel och
/// indicators.csv.
#[derive(Parser)]
#[command(
    name = "lofte",
    version,
    long_about = None,
    after_help = "Exempel:\n  lofte run                      senaste tertialet som loggarna i input/ täcker\n  lofte run --period 2017        årsuppföljning med tertialerna sida vid sida\n  lofte run --lang en            rapporterna på engelska\n  lofte check --json             kontrollera indata, svar som JSON\n\nKatalogens format: docs/catalog.md. Indatans format: docs/input-formats.md."
)]
struct Cli {
    #[command(subcommand)]
    command: CliCommand,
}

#[derive(Subcommand)]
enum CliCommand {
    /// Läs indata, beräkna alla löften och utfall, skriv rapporterna till <out>/<period>/.
    Run {
        /// Mappen med arbetsböckerna (xlsx, xlsm, xls, xlsb, ods, csv).
        #[arg(long, default_value = "input")]
        input: PathBuf,
        /// Mappen där rapporterna skrivs, i en undermapp per period.
        #[arg(long, default_value = "reports")]
        out: PathBuf,
        /// Löfteskatalogen. Standard: lofte.toml i indatamappen.
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// Tertial (2017-T2) eller helår (2017). Standard: senaste tertialet som loggarna täcker.
        #[arg(long, value_parser = parse_period)]
        period: Option<ReportPeriod>,
        /// Rapportspråk: sv (svenska) eller en (engelska). Katalogens texter visas som de är skrivna.
        #[arg(long, value_enum, default_value_t = CliLang::Sv)]
        lang: CliLang,
        /// Skriv rapporten fast en fil inte kunde läsas eller ett blad saknar en kolumn; första
        /// sidan och arbetsboken säger då att underlaget är ofullständigt.
        #[arg(long = "tillat-ofullstandig")]
        allow_incomplete: bool,
    },
    /// Kontrollera indata utan att skriva rapporter: typ, rubrikrad, rader och problem per blad.
    Check {
        /// Mappen med arbetsböckerna.
        #[arg(long, default_value = "input")]
        input: PathBuf,
        /// Löfteskatalogen. Standard: lofte.toml i indatamappen.
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// Skriv resultatet som ett JSON-dokument (schema i docs/check-json.md).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CliLang {
    /// Svenska
    Sv,
    /// English
    En,
}

fn parse_period(s: &str) -> Result<ReportPeriod, String> {
    s.parse()
        .map_err(|e: lofte::period::PeriodParseError| e.to_string())
}

/// Parses the arguments (exiting with clap's message on a mistake) into a command.
pub fn parse() -> lofte::Command {
    match Cli::parse().command {
        CliCommand::Run {
            input,
            out,
            catalog,
            period,
            lang,
            allow_incomplete,
        } => lofte::Command::Run(lofte::RunConfig {
            allow_incomplete,
            catalog: catalog.unwrap_or_else(|| input.join("lofte.toml")),
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
            catalog: catalog.unwrap_or_else(|| input.join("lofte.toml")),
            input,
            json,
        }),
    }
}
