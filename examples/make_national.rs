//! Writes a national-scale workload for the benchmark (`benches/national.sh`): at `--scale 1`,
//! ten yearly crime CSVs (2008–2017) of 1 500 000 reported crimes each over 290 areas (one
//! per municipality), as Swedish Excel saves them (semicolons, Windows-1252), the seed's
//! catalog once per area in `loften/`, and the seed's catalog for area 1 as `lofte.toml`.
//! With `--single`, the same rows go to one national file instead of ten.
//! Deterministic: the same scale writes the same files.
//!
//! Run: `cargo run --release --example make_national -- --scale 0.1 --out /tmp/national`

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[path = "support/rng.rs"]
mod rng;
#[path = "support/workload.rs"]
mod workload;
use rng::Rng;
use workload::{catalog_for_area, CATEGORIES};

/// Municipalities in Sweden: 290.
const AREAS: usize = 290;
const YEARS: std::ops::RangeInclusive<u32> = 2008..=2017;

/// Area `i` (1-based) as the extract and the catalogs name it.
fn area(i: usize) -> String {
    format!("Kommunområde {i:03}")
}

/// Rows of one year, in Windows-1252 (å, ä, ö as single bytes).
fn write_year(out: &mut impl Write, year: u32, rows: u64, rng: &mut Rng) -> std::io::Result<()> {
    let areas: Vec<String> = (1..=AREAS).map(area).collect();
    let categories: Vec<Vec<u8>> = CATEGORIES.iter().map(|c| cp1252(c)).collect();
    let areas: Vec<Vec<u8>> = areas.iter().map(|a| cp1252(a)).collect();
    for _ in 0..rows {
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        write!(out, "{year}-{month:02}-{day:02};")?;
        out.write_all(&areas[rng.below(AREAS as u64) as usize])?;
        out.write_all(b";")?;
        out.write_all(&categories[rng.below(CATEGORIES.len() as u64) as usize])?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

fn cp1252(text: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
}

fn header(out: &mut impl Write) -> std::io::Result<()> {
    out.write_all(&cp1252("Datum;Område;Brottskategori\r\n"))
}

fn crime(dir: &Path, rows_per_year: u64, single: bool) -> std::io::Result<()> {
    let mut rng = Rng(290);
    if single {
        let file = std::fs::File::create(dir.join("brott_2008-2017.csv"))?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        header(&mut out)?;
        for year in YEARS {
            write_year(&mut out, year, rows_per_year, &mut rng)?;
        }
        return out.flush();
    }
    for year in YEARS {
        let file = std::fs::File::create(dir.join(format!("brott_{year}.csv")))?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        header(&mut out)?;
        write_year(&mut out, year, rows_per_year, &mut rng)?;
        out.flush()?;
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let scale: f64 = value("--scale").map_or(Ok(1.0), |s| s.parse())?;
    let single = args.iter().any(|a| a == "--single");
    let dir = value("--out").map_or_else(|| PathBuf::from("target/national"), PathBuf::from);
    std::fs::create_dir_all(dir.join("loften"))?;
    let rows_per_year = (1_500_000.0 * scale).round().max(1.0) as u64;
    crime(&dir, rows_per_year, single)?;
    let seed = std::fs::read_to_string("input/lofte.toml")?;
    std::fs::write(dir.join("lofte.toml"), catalog_for_area(&seed, &area(1)))?;
    for i in 1..=AREAS {
        let key = format!("{i:03}");
        std::fs::write(
            dir.join("loften").join(format!("{key}.toml")),
            catalog_for_area(&seed, &area(i)),
        )?;
    }
    println!(
        "scale {scale}: wrote {} crime rows over {AREAS} areas in {} to {}",
        rows_per_year * 10,
        if single {
            "one file"
        } else {
            "ten yearly files"
        },
        dir.display()
    );
    Ok(())
}
