//! Indicators, memo: what one promise's computations share whatever the period. A report
//! computes its period, the previous period (what changed) and, for a year, each tertial;
//! the log frame, each count commitment's rows, each outcome's scoped tables, each crime
//! group's rows and each survey indicator's yearly estimates are built for the first and
//! reused by the others.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

/// Values built once per key and then shared, by threads too (a year's tertials are
/// computed side by side).
pub struct Memo<K, V>(Mutex<HashMap<K, Arc<V>>>);

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo(Mutex::new(HashMap::new()))
    }
}

impl<K: Eq + Hash, V> Memo<K, V> {
    /// The value for `key`, built by `make` the first time. The lock is not held while
    /// `make` runs: two threads asking at once may both build it, and the first one kept
    /// is the one every later call gets (the values are equal: `make` depends only on the
    /// key).
    pub fn get_or_try<E>(&self, key: K, make: impl FnOnce() -> Result<V, E>) -> Result<Arc<V>, E> {
        if let Some(v) = self.lock().get(&key) {
            return Ok(Arc::clone(v));
        }
        let made = Arc::new(make()?);
        Ok(Arc::clone(self.lock().entry(key).or_insert(made)))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, Arc<V>>> {
        // A panic while the map was held cannot leave it half-changed: insert is one step.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;

    #[test]
    fn a_value_is_built_once_per_key_and_errors_are_not_kept() {
        let memo: Memo<&str, u32> = Memo::default();
        let mut builds = 0;
        let mut get = |key, value: Result<u32, &'static str>| {
            memo.get_or_try(key, || {
                builds += 1;
                value
            })
            .map(|v| *v)
        };
        assert_eq!(get("a", Ok(1)), Ok(1));
        // Kept: the second build's value is never made.
        assert_eq!(get("a", Ok(2)), Ok(1));
        assert_eq!(get("b", Err("no")), Err("no"));
        // A failed build leaves nothing behind: the next call builds again.
        assert_eq!(get("b", Ok(3)), Ok(3));
        assert_eq!(builds, 3);
    }
}
