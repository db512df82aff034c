//! Writes the regional sample's workbooks into `samples/region/` (or the folder given), beside
//! its catalogs in `samples/region/loften/`: three promises of one municipality sharing one
//! crime extract, one survey file, one log, staffing, status notes and population.
//!
//! Run: `cargo run --example make_region_sample`, then
//! `cargo run --release -- run --input samples/region --out reports/region`.

use std::path::PathBuf;

#[path = "support/real_promises.rs"]
mod real_promises;
#[path = "support/region_sample.rs"]
mod region_sample;
#[path = "support/rng.rs"]
mod rng;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("samples/region"), PathBuf::from);
    std::fs::create_dir_all(&dir)?;
    for (file, bytes) in region_sample::inputs()? {
        std::fs::write(dir.join(&file), bytes)?;
        println!("{}", dir.join(&file).display());
    }
    Ok(())
}
