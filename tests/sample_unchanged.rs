//! The seed's sample (`input/`, Landskrona 2017) gives the same statuses and numbers as
//! before the general measure model: `tests/golden/` holds `indicators.csv` for T1, T2 and
//! the year as written by lofte before that change (commit 7ed5fb0). A deliberate change to
//! a sample number updates the golden file in the same commit and says why.

use std::path::Path;

use lofte::{fmt::Lang, Command, RunConfig};

#[test]
fn the_samples_numbers_and_statuses_are_unchanged() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    for period in ["2017-T1", "2017-T2", "2017"] {
        lofte::run(Command::Run(RunConfig {
            input: root.join("input"),
            out: out.path().to_path_buf(),
            catalog: root.join("input/lofte.toml"),
            period: Some(period.parse().unwrap()),
            lang: Lang::Sv,
        }))
        .unwrap();
        let got = std::fs::read_to_string(out.path().join(period).join("indicators.csv")).unwrap();
        let golden = root.join(format!("tests/golden/sample-{period}-indicators.csv"));
        let want = std::fs::read_to_string(&golden).unwrap();
        for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
            assert_eq!(g, w, "{period}, line {}", i + 1);
        }
        assert_eq!(got.lines().count(), want.lines().count(), "{period}: rows");
    }
}
