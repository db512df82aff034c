//! The benchmark's floor: a bare calamine pass that opens every workbook in a folder and
//! visits every cell of every sheet, doing nothing else. Nothing can read the files faster
//! than parsing them, so lofte's end-to-end time is compared with this.
//!
//! Run: `cargo run --release --example calamine_floor -- DIR`

use calamine::{open_workbook_auto, Data, Reader};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: calamine_floor DIR")?;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    paths.sort();
    let (mut cells, mut non_empty) = (0u64, 0u64);
    for path in paths {
        let mut wb = open_workbook_auto(&path)?;
        for name in wb.sheet_names() {
            let range = wb.worksheet_range(&name)?;
            for row in range.rows() {
                for cell in row {
                    cells += 1;
                    non_empty += u64::from(!matches!(cell, Data::Empty));
                }
            }
        }
    }
    println!("{cells} cells, {non_empty} non-empty");
    Ok(())
}
