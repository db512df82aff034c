//! Archive, schema: the tables of the archive of published reports and the migrations that
//! bring an older archive up to this version (docs/archive.md describes every table).

use rusqlite::Connection;

/// `PRAGMA application_id` of a lofte archive ("LOFT"): tells it from any other SQLite file.
pub const APPLICATION_ID: i64 = 0x4C4F_4654;

/// The migrations in order: migration `i` brings schema version `i` to `i + 1`. An archive
/// records its version in `PRAGMA user_version`; a new archive is version 0 and runs them all.
/// Never edit a migration that has shipped: add one.
const MIGRATIONS: &[&str] = &[
    // 1: the first archive.
    "
    CREATE TABLE run (
        id INTEGER PRIMARY KEY,
        state TEXT NOT NULL CHECK (state IN ('pending', 'published')),
        published_at TEXT NOT NULL,
        lofte_version TEXT NOT NULL,
        period TEXT NOT NULL,
        period_start TEXT NOT NULL,
        period_end TEXT NOT NULL,
        lang TEXT NOT NULL,
        promise TEXT NOT NULL,
        area TEXT NOT NULL,
        member TEXT NOT NULL,
        report_dir TEXT NOT NULL,
        catalog_text TEXT NOT NULL,
        catalog_sha256 TEXT NOT NULL
    );
    CREATE INDEX run_promise ON run (promise, area, period);
    CREATE INDEX run_area ON run (area);
    CREATE TABLE input_file (
        run_id INTEGER NOT NULL REFERENCES run (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        error TEXT
    );
    CREATE INDEX input_file_run ON input_file (run_id);
    CREATE TABLE input_sheet (
        run_id INTEGER NOT NULL REFERENCES run (id) ON DELETE CASCADE,
        file TEXT NOT NULL,
        sheet TEXT NOT NULL,
        rows_read INTEGER NOT NULL,
        rows_used INTEGER NOT NULL,
        rows_rejected INTEGER NOT NULL,
        rows_skipped INTEGER NOT NULL
    );
    CREATE INDEX input_sheet_run ON input_sheet (run_id);
    CREATE TABLE data_date (
        run_id INTEGER NOT NULL REFERENCES run (id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        through TEXT NOT NULL,
        stated INTEGER NOT NULL
    );
    CREATE TABLE status (
        run_id INTEGER NOT NULL REFERENCES run (id) ON DELETE CASCADE,
        subject TEXT NOT NULL,
        status TEXT NOT NULL
    );
    CREATE INDEX status_run ON status (run_id);
    CREATE TABLE value (
        run_id INTEGER NOT NULL REFERENCES run (id) ON DELETE CASCADE,
        subject TEXT NOT NULL,
        key TEXT NOT NULL,
        indicator TEXT NOT NULL,
        category TEXT NOT NULL,
        area TEXT NOT NULL,
        part TEXT NOT NULL,
        place TEXT NOT NULL,
        period TEXT NOT NULL,
        unit TEXT NOT NULL,
        value REAL,
        target REAL,
        n REAL,
        ci_low REAL,
        ci_high REAL,
        baseline REAL,
        change REAL,
        p_value REAL,
        status TEXT,
        data_date TEXT
    );
    CREATE INDEX value_run ON value (run_id, key);
    CREATE INDEX value_figure ON value (key, area, period);
    CREATE TABLE output (
        run_id INTEGER NOT NULL REFERENCES run (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL
    );
    CREATE INDEX output_run ON output (run_id);
    CREATE INDEX output_sha ON output (sha256);
    ",
];

/// The schema version this lofte writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// What is wrong with a database lofte cannot use as its archive.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("filen är ingen SQLite-databas eller är skadad ({0}); flytta undan den (eller lägg tillbaka en säkerhetskopia) så börjar lofte ett nytt arkiv")]
    Unreadable(String),
    #[error("databasen är inget lofte-arkiv (den har andra tabeller); flytta undan den eller ange en annan rapportmapp")]
    Foreign,
    #[error("arkivet har schemaversion {found} från en nyare lofte; den här lofte känner version {known}: uppdatera lofte")]
    Newer { found: i64, known: i64 },
}

fn unreadable(e: rusqlite::Error) -> SchemaError {
    SchemaError::Unreadable(e.to_string())
}

/// Checks that `conn` is a lofte archive (or an empty database) and runs the migrations it
/// lacks, each in a transaction of its own.
pub fn migrate(conn: &mut Connection) -> Result<(), SchemaError> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(unreadable)?;
    let application: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(unreadable)?;
    if version > VERSION {
        return Err(SchemaError::Newer {
            found: version,
            known: VERSION,
        });
    }
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(unreadable)?;
    if application != APPLICATION_ID && (application != 0 || tables > 0) {
        return Err(SchemaError::Foreign);
    }
    for (from, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction().map_err(unreadable)?;
        tx.execute_batch(sql).map_err(unreadable)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(unreadable)?;
        tx.pragma_update(None, "user_version", from as i64 + 1)
            .map_err(unreadable)?;
        tx.commit().map_err(unreadable)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_gets_every_table_and_the_current_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, VERSION);
        // Running again changes nothing.
        migrate(&mut conn).unwrap();
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            tables, 7,
            "run, input_file, input_sheet, data_date, status, value, output"
        );
    }

    #[test]
    fn a_newer_archive_and_another_programs_database_are_refused() {
        let mut newer = Connection::open_in_memory().unwrap();
        newer
            .pragma_update(None, "user_version", VERSION + 1)
            .unwrap();
        assert!(matches!(
            migrate(&mut newer),
            Err(SchemaError::Newer { found, .. }) if found == VERSION + 1
        ));
        let mut foreign = Connection::open_in_memory().unwrap();
        foreign
            .execute_batch("CREATE TABLE kunder (namn TEXT)")
            .unwrap();
        assert!(matches!(migrate(&mut foreign), Err(SchemaError::Foreign)));
    }
}
