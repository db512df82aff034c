//! Report, PDF: values kept for the run's later reports (a region writes dozens, and they
//! embed the same font subsets), a few per kind, the oldest dropped first.

use std::sync::Mutex;

/// Up to `N` values, each by the sequence it was made from.
pub struct Kept<T, V, const N: usize> {
    items: Mutex<Vec<(Vec<T>, V)>>,
}

impl<T: PartialEq + Clone, V: Clone, const N: usize> Kept<T, V, N> {
    pub const fn new() -> Self {
        Kept {
            items: Mutex::new(Vec::new()),
        }
    }

    /// The value kept for `key`, or `make`'s, kept in its turn (the lock is not held while
    /// `make` runs; two reports asking at once may both make it).
    pub fn get_or_try<E>(&self, key: &[T], make: impl FnOnce() -> Result<V, E>) -> Result<V, E> {
        let lock = || self.items.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, value)) = lock().iter().find(|(kept, _)| kept.as_slice() == key) {
            return Ok(value.clone());
        }
        let value = make()?;
        let mut items = lock();
        if items.len() >= N {
            items.remove(0);
        }
        items.push((key.to_vec(), value.clone()));
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::Kept;

    #[test]
    fn a_value_is_made_once_per_key_and_the_oldest_goes_first() {
        let kept: Kept<u8, u32, 2> = Kept::new();
        let mut made = 0;
        let mut get = |key: &[u8], value: u32| {
            kept.get_or_try(key, || {
                made += 1;
                Ok::<_, ()>(value)
            })
        };
        assert_eq!(get(b"a", 1), Ok(1));
        assert_eq!(get(b"a", 2), Ok(1), "kept, not made again");
        assert_eq!(get(b"b", 3), Ok(3));
        // A third key drops the oldest, "a".
        assert_eq!(get(b"c", 4), Ok(4));
        assert_eq!(get(b"a", 5), Ok(5));
        assert_eq!(get(b"c", 6), Ok(4));
        assert_eq!(made, 4);
    }
}
