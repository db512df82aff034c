//! Report, publishing: the one part of the reports that touches the report folder. A set
//! is written into a new hidden folder beside it and then swapped in whole, so a kill at
//! any moment leaves the old set or the new one, never a mix.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// Publishes a report set as a whole (see [`Publication`]).
pub fn publish(dir: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    let publication = Publication::start(dir)?;
    publication.write(files)?;
    publication.finish(files)
}

/// A report set being published into `dir`: its files are written into a new hidden folder
/// beside `dir` (as they are rendered, if the caller wishes), then the old `dir` is moved
/// aside and the new folder renamed into its place (a set moved aside by a killed run is
/// put back on the next start). Other files the analyst keeps in `dir` are carried over. A
/// lock file stops a second run into the same folder. Dropped without [`finish`], the new
/// folder is removed and `dir` is left as it was.
///
/// [`finish`]: Publication::finish
pub struct Publication {
    dir: PathBuf,
    root: PathBuf,
    name: String,
    lock: FolderLock,
    staging: tempfile::TempDir,
}

/// The report folder's lock file, held while a set is published; closed and removed when
/// dropped, so that a run that stops anywhere after taking it (a period that cannot be
/// reported, a workbook open in Excel, a failed switch-in) leaves nothing beside the set.
struct FolderLock {
    file: Option<std::fs::File>,
    path: PathBuf,
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        drop(self.file.take());
        std::fs::remove_file(&self.path).ok();
    }
}

impl Publication {
    /// Takes the folder's lock, cleans up after a killed run and makes the new hidden folder.
    pub fn start(dir: &Path) -> anyhow::Result<Self> {
        let root = dir.parent().unwrap_or(Path::new(".")).to_path_buf();
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .context("rapportmappen saknar namn")?
            .to_string();
        std::fs::create_dir_all(&root)
            .with_context(|| format!("mappen {} kunde inte skapas", root.display()))?;
        let lock_path = root.join(format!(".lofte-{name}.lock"));
        let lock = std::fs::File::create(&lock_path)
            .with_context(|| format!("kan inte skriva i {}", root.display()))?;
        if lock.try_lock().is_err() {
            // Not ours to remove: the other run holds it.
            anyhow::bail!(
                "en annan körning av lofte skriver redan rapporterna i {}; vänta tills den är klar och kör igen",
                dir.display()
            );
        }
        let lock = FolderLock {
            file: Some(lock),
            path: lock_path,
        };
        recover(&root, &name, dir)?;
        refuse_open_in_excel(dir)?;
        let staging = tempfile::Builder::new()
            .prefix(&format!(".lofte-new-{name}-"))
            .tempdir_in(&root)
            .with_context(|| format!("kan inte skriva i {}", root.display()))?;
        Ok(Publication {
            dir: dir.to_path_buf(),
            root,
            name,
            lock,
            staging,
        })
    }

    /// Writes files of the set into the new folder, each synced to disk, several at a time:
    /// a region's set is over a hundred files, and syncing one at a time was 35 ms of
    /// waiting.
    pub fn write(&self, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
        let staging = self.staging.path();
        for (file, _) in files {
            // A region's set has a folder per promise: `karlslund/lofte-2017-T2.pdf`.
            if let Some(parent) = staging.join(file).parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("kan inte skapa {}", parent.display()))?;
            }
        }
        const WRITERS: usize = 8;
        let per_writer = files.len().div_ceil(WRITERS).max(1);
        let written: Vec<anyhow::Result<()>> = std::thread::scope(|scope| {
            let writers: Vec<_> = files
                .chunks(per_writer)
                .map(|chunk| {
                    scope.spawn(move || chunk.iter().try_for_each(|f| write_one(staging, f)))
                })
                .collect();
            writers
                .into_iter()
                .map(|w| {
                    w.join().unwrap_or_else(|_| {
                        Err(anyhow::anyhow!("ett internt fel avbröt skrivningen"))
                    })
                })
                .collect()
        });
        written.into_iter().collect()
    }

    /// Swaps the new set in once every file of it (`files`) is written.
    pub fn finish(self, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
        let Publication {
            dir,
            root,
            name,
            lock,
            staging,
        } = self;
        carry_over(&dir, staging.path(), files)?;
        // A temporary folder is private (0700); a report folder is for sharing like any other.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(staging.path(), std::fs::Permissions::from_mode(0o755)).ok();
        }
        let staged = staging.keep();
        let old = root.join(format!(".lofte-old-{name}-{}", std::process::id()));
        if dir.exists() {
            std::fs::rename(&dir, &old).with_context(|| {
                format!(
                    "kan inte byta ut {} (är en fil i den öppen?)",
                    dir.display()
                )
            })?;
        }
        std::fs::rename(&staged, &dir)
            .with_context(|| format!("kan inte spara rapporterna i {}", dir.display()))?;
        std::fs::remove_dir_all(&old).ok();
        drop(lock);
        Ok(())
    }
}

/// Stops before any work when Excel has a report of the set open: Excel keeps a lock file
/// `~$name` beside a workbook it has open, and on Windows the folder of an open file cannot
/// be renamed, so the switch-in would fail at the end. Names every open workbook.
fn refuse_open_in_excel(dir: &Path) -> anyhow::Result<()> {
    let mut open = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if let Some(rest) = entry
                .file_name()
                .to_str()
                .and_then(crate::ingest::office_lock_of)
            {
                open.push(owned_file(&folder, rest).display().to_string());
            }
        }
    }
    if open.is_empty() {
        return Ok(());
    }
    open.sort();
    anyhow::bail!(
        "{} är öppen i Excel; stäng den och kör igen (är Excel redan stängt, ta bort låsfilen som börjar med ~$ i samma mapp). Inga rapporter ändrades.",
        open.join(", ")
    )
}

/// The file an Office lock file `~$rest` stands for: `rest` itself (Excel), or the file
/// whose name ends with it (Word and some Excel versions replace a long name's first two
/// letters).
fn owned_file(folder: &Path, rest: &str) -> PathBuf {
    let exact = folder.join(rest);
    if exact.exists() {
        return exact;
    }
    std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| {
            crate::ingest::office_lock_of(n).is_none()
                && n.len() == rest.len() + 2
                && n.ends_with(rest)
        })
        .map_or(exact, |n| folder.join(n))
}

/// Cleans up after a run that was killed while publishing: an old set moved aside with no
/// new one in its place is put back; half-written new sets and old sets already replaced
/// are removed.
fn recover(root: &Path, name: &str, dir: &Path) -> anyhow::Result<()> {
    let (new_prefix, old_prefix) = (format!(".lofte-new-{name}-"), format!(".lofte-old-{name}-"));
    for entry in std::fs::read_dir(root)?.flatten() {
        let file_name = entry.file_name();
        let Some(entry_name) = file_name.to_str() else {
            continue;
        };
        if entry_name.starts_with(&new_prefix) {
            std::fs::remove_dir_all(entry.path()).ok();
        } else if entry_name.starts_with(&old_prefix) {
            if dir.exists() {
                std::fs::remove_dir_all(entry.path()).ok();
            } else {
                std::fs::rename(entry.path(), dir)?;
            }
        }
    }
    Ok(())
}

fn write_one(staging: &Path, (file, bytes): &(String, Vec<u8>)) -> anyhow::Result<()> {
    let path = staging.join(file);
    let mut f = std::fs::File::create(&path)
        .with_context(|| format!("kan inte skriva {}", path.display()))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .with_context(|| format!("kan inte skriva {}", path.display()))
}

/// Files in the old report folder that the new set does not replace (the analyst's own, a
/// report in the other language) are linked (or copied) into the new folder, in subfolders
/// too (a region's promise folders).
fn carry_over(dir: &Path, staging: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
    carry_over_in(dir, staging, Path::new(""), files)
}

fn carry_over_in(
    dir: &Path,
    staging: &Path,
    sub: &Path,
    files: &[(String, Vec<u8>)],
) -> anyhow::Result<()> {
    let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = sub.join(entry.file_name());
        let file_type = entry.file_type()?;
        if file_type.is_dir() {
            carry_over_in(dir, staging, &name, files)?;
            continue;
        }
        let replaced = files.iter().any(|(f, _)| Path::new(f) == name);
        if replaced || !file_type.is_file() {
            continue;
        }
        let target = staging.join(&name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if std::fs::hard_link(entry.path(), &target).is_err() {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("kan inte behålla {}", entry.path().display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str) -> Vec<(String, Vec<u8>)> {
        ["a.pdf", "indicators.csv"]
            .iter()
            .map(|f| (f.to_string(), text.as_bytes().to_vec()))
            .collect()
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn a_new_set_replaces_the_old_one_whole_and_keeps_the_analysts_files() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("2017-T2");
        publish(&dir, &set("old")).unwrap();
        std::fs::write(dir.join("mina anteckningar.txt"), "egna").unwrap();
        publish(&dir, &set("new")).unwrap();
        assert_eq!(read(&dir.join("a.pdf")), "new");
        assert_eq!(read(&dir.join("indicators.csv")), "new");
        assert_eq!(read(&dir.join("mina anteckningar.txt")), "egna");
        // Nothing is left beside it: no staging folder, no old set, no lock.
        let left: Vec<String> = std::fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, vec!["2017-T2".to_string()]);
    }

    #[test]
    fn a_set_written_in_parts_appears_when_finished_and_never_when_dropped() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("2017-T2");
        publish(&dir, &set("old")).unwrap();
        let new = set("new");
        let publication = Publication::start(&dir).unwrap();
        publication.write(&new[..1]).unwrap();
        publication.write(&new[1..]).unwrap();
        // Written, not yet swapped in.
        assert_eq!(read(&dir.join("a.pdf")), "old");
        publication.finish(&new).unwrap();
        assert_eq!(read(&dir.join("a.pdf")), "new");
        assert_eq!(read(&dir.join("indicators.csv")), "new");
        // A run that fails after writing part of its set leaves the last set whole.
        let failed = Publication::start(&dir).unwrap();
        failed.write(&set("half")[..1]).unwrap();
        drop(failed);
        assert_eq!(read(&dir.join("a.pdf")), "new");
        // Nothing of it is left beside the set: no staging folder, no lock file.
        let left: Vec<String> = std::fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, vec!["2017-T2".to_string()]);
    }

    #[test]
    fn a_regions_set_has_a_folder_per_promise_and_keeps_files_in_them() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("2017-T2");
        let region = |text: &str, lang: &str| -> Vec<(String, Vec<u8>)> {
            [
                format!("oversikt{lang}.pdf"),
                format!("karlslund/lofte{lang}.pdf"),
            ]
            .into_iter()
            .map(|f| (f, text.as_bytes().to_vec()))
            .collect()
        };
        publish(&dir, &region("sv 1", "")).unwrap();
        // The English set beside it, then the Swedish one again: each keeps the other.
        publish(&dir, &region("en", "-en")).unwrap();
        publish(&dir, &region("sv 2", "")).unwrap();
        assert_eq!(read(&dir.join("karlslund/lofte.pdf")), "sv 2");
        assert_eq!(read(&dir.join("karlslund/lofte-en.pdf")), "en");
        assert_eq!(read(&dir.join("oversikt-en.pdf")), "en");
        assert_eq!(read(&dir.join("oversikt.pdf")), "sv 2");
    }

    #[test]
    fn a_run_killed_between_the_renames_is_repaired_on_the_next_start() {
        // Killed after the old set was moved aside and before the new one was renamed in:
        // no period folder, an old set and a half-written new one beside it.
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("2017-T2");
        let old = out.path().join(".lofte-old-2017-T2-4242");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("a.pdf"), "old").unwrap();
        std::fs::write(old.join("mina anteckningar.txt"), "egna").unwrap();
        let half = out.path().join(".lofte-new-2017-T2-abc");
        std::fs::create_dir_all(&half).unwrap();
        std::fs::write(half.join("a.pdf"), "half").unwrap();
        recover(out.path(), "2017-T2", &dir).unwrap();
        assert_eq!(
            read(&dir.join("a.pdf")),
            "old",
            "the old set is back, whole"
        );
        assert!(!half.exists() && !old.exists());
        publish(&dir, &set("new")).unwrap();
        assert_eq!(read(&dir.join("a.pdf")), "new");
        assert_eq!(read(&dir.join("mina anteckningar.txt")), "egna");
    }

    #[test]
    fn a_report_open_in_excel_is_named_and_the_set_left_as_it_was() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("2017-T2");
        publish(&dir, &set("old")).unwrap();
        // Excel's lock file beside the workbook it has open.
        std::fs::write(dir.join("~$lofte-2017-T2.xlsx"), "owner").unwrap();
        let err = publish(&dir, &set("new")).unwrap_err().to_string();
        assert!(err.contains("lofte-2017-T2.xlsx är öppen i Excel"), "{err}");
        assert!(err.contains("Inga rapporter ändrades"), "{err}");
        assert_eq!(read(&dir.join("a.pdf")), "old");
        assert!(
            !out.path().join(".lofte-2017-T2.lock").exists(),
            "no lock left"
        );
        // Closed (the lock file gone): published.
        std::fs::remove_file(dir.join("~$lofte-2017-T2.xlsx")).unwrap();
        publish(&dir, &set("new")).unwrap();
        assert_eq!(read(&dir.join("a.pdf")), "new");
    }

    #[test]
    fn a_second_run_into_the_same_folder_is_refused_while_the_first_holds_the_lock() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("2017-T2");
        let lock = std::fs::File::create(out.path().join(".lofte-2017-T2.lock")).unwrap();
        lock.lock().unwrap();
        let err = publish(&dir, &set("new")).unwrap_err().to_string();
        assert!(
            err.starts_with("en annan körning av lofte skriver redan rapporterna"),
            "{err}"
        );
        assert!(!dir.exists());
        // The other run's lock file stays: it is not the refused run's to remove.
        assert!(out.path().join(".lofte-2017-T2.lock").exists());
    }
}
