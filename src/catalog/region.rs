//! Catalog, region: several promises followed up in one run, one catalog file each in a
//! folder (`input/loften/*.toml`). Each promise is known by its file's name, which also
//! names its report folder.

use std::path::Path;

use super::{load, Catalog, CatalogError};

/// One promise of a region run.
#[derive(Debug, Clone)]
pub struct Member {
    /// The catalog file's name without `.toml` (`karlslund` for `loften/karlslund.toml`).
    pub key: String,
    pub catalog: Catalog,
}

#[derive(Debug, thiserror::Error)]
pub enum RegionError {
    #[error("mappen kunde inte läsas: {0}")]
    Io(#[from] std::io::Error),
    #[error("mappen har inga katalogfiler (*.toml); lägg en katalog per löfte där")]
    Empty,
    /// Every catalog that could not be read, one line each, so one does not hide another.
    #[error("{} kunde inte läsas:\n{}", crate::fmt::count_of(.0.len(), "katalog", "kataloger"), lines(.0))]
    Catalogs(Vec<(String, CatalogError)>),
}

fn lines(errors: &[(String, CatalogError)]) -> String {
    errors
        .iter()
        .map(|(file, e)| format!("  {file}: {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads every `*.toml` in `dir`, in name order.
pub fn load_folder(dir: &Path) -> Result<Vec<Member>, RegionError> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(RegionError::Empty);
    }
    let mut members = vec![];
    let mut errors = vec![];
    for path in paths {
        let file = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let key = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        match load(&path) {
            Ok(catalog) => members.push(Member { key, catalog }),
            Err(e) => errors.push((file, e)),
        }
    }
    if errors.is_empty() {
        Ok(members)
    } else {
        Err(RegionError::Catalogs(errors))
    }
}

impl Member {
    /// Is `name` this member: its key or its area (by name or alias)?
    pub fn is_named(&self, name: &str) -> bool {
        crate::names::fold(&self.key) == crate::names::fold(name) || self.catalog.is_own_area(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_catalog_is_named_and_good_ones_are_read_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let good = include_str!("../../input/lofte.toml");
        std::fs::write(dir.path().join("b-norr.toml"), good).unwrap();
        std::fs::write(dir.path().join("a-soder.toml"), good).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a catalog").unwrap();
        let members = load_folder(dir.path()).unwrap();
        let keys: Vec<&str> = members.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["a-soder", "b-norr"]);
        assert!(members[0].is_named("A-SÖDER"));
        assert!(members[0].is_named("Karlslundsområdet"));

        std::fs::write(dir.path().join("c.toml"), "titel = 1").unwrap();
        std::fs::write(dir.path().join("d.toml"), "[[lofte]").unwrap();
        let err = load_folder(dir.path()).unwrap_err().to_string();
        assert!(err.starts_with("2 kataloger kunde inte läsas"), "{err}");
        assert!(
            err.contains("  c.toml: rad 1") && err.contains("  d.toml: rad 1"),
            "{err}"
        );
    }

    #[test]
    fn a_folder_without_catalogs_says_so() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(load_folder(dir.path()), Err(RegionError::Empty)));
    }
}
