//! What the benchmark workloads (make_region, make_national) share: the crime categories
//! their extracts draw from, and the seed's catalog rewritten for another area.

/// Crime categories of a workload's extract: five the seed's catalog counts (narcotics and
/// weapons), three it does not.
pub const CATEGORIES: [&str; 8] = [
    "Narkotikabrott, innehav",
    "Narkotikabrott, eget bruk",
    "Narkotikabrott, överlåtelse",
    "Vapenlagen",
    "Knivlagen",
    "Misshandel inkl. grov",
    "Skadegörelse",
    "Stöld",
];

/// The seed's catalog (`input/lofte.toml`) for `area`: its area and title renamed, and the
/// seed area's aliases dropped unless it is the seed's own area.
pub fn catalog_for_area(seed: &str, area: &str) -> String {
    let catalog = seed
        .replace("omrade = \"Karlslund\"", &format!("omrade = \"{area}\""))
        .replace("– Karlslundsområdet\"", &format!("– {area}\""));
    if area == "Karlslund" {
        return catalog;
    }
    catalog
        .lines()
        .filter(|l| !l.starts_with("omrade_alias"))
        .collect::<Vec<_>>()
        .join("\n")
}
