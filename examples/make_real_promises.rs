//! Writes the input workbooks of the four real promises (`../shared/docs/real-promises.md`)
//! beside their catalogs in `tests/promises/<name>/`, or under the folder given as the first
//! argument. Deterministic: the same program writes byte-identical files, and a test checks
//! that the committed files are what it writes.
//!
//! Run: `cargo run --example make_real_promises`, then e.g.
//! `cargo run --release -- run --input tests/promises/strangnas-2019 --period 2019`.

use std::path::PathBuf;

#[path = "support/real_promises.rs"]
mod real_promises;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("tests/promises"), PathBuf::from);
    for name in real_promises::NAMES {
        let dir = root.join(name);
        std::fs::create_dir_all(&dir)?;
        for (file, bytes) in real_promises::inputs(name)? {
            std::fs::write(dir.join(&file), bytes)?;
            println!("{}", dir.join(&file).display());
        }
    }
    Ok(())
}
