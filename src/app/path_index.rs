//! Article ids by file path, without a second copy of each path: the index holds a hash of
//! the path and the id, and the path itself is read from the article the id names. A map
//! from owned paths cost a million-article library about 100 bytes per article for text the
//! articles already hold.
//!
//! Two paths may share a hash: the first id under a hash sits in the main map, any others in
//! a side map that is almost always empty; every lookup checks the candidates' own paths
//! (`is`), so a collision costs a comparison, never a wrong answer.
//!
//! The main map is cut into [`SHARDS`] maps by the hash's top bits. A hash map grows by
//! moving every entry into a table twice the size, at once: one map of a million entries
//! did that inside a single loader batch (10 to 30 ms of the event loop at 458,752 and
//! 917,504 articles, keys waiting behind it). A shard grows with a 256th of the entries,
//! and the shards cross their thresholds at different batches.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};
use std::path::Path;

#[derive(Default)]
pub struct PathIndex {
    /// Hashes paths; random per index, since the hashes are never stored or shown.
    state: RandomState,
    /// Hashes of 32 bits: an entry is 8 bytes, not 16 (a million articles' table was 36 MB
    /// of the reader, now 19), at the price of ~100 shared hashes at a million, each a
    /// comparison of two paths more.
    /// Shard by shard (the hash's top 8 bits), created with the first insert.
    first: Vec<HashMap<u32, u32, BuildHasherDefault<Spread>>>,
    /// Further ids whose paths share a hash with `first`'s.
    more: HashMap<u32, Vec<u32>>,
}

impl PathIndex {
    /// The hash `path` is filed under.
    pub fn hash(&self, path: &Path) -> u32 {
        (self.state.hash_one(path.as_os_str().as_encoded_bytes()) >> 32) as u32
    }

    /// The id filed under `hash` for which `is` holds (is the article at that id's path the
    /// one looked for).
    pub fn get(&self, hash: u32, is: impl Fn(usize) -> bool) -> Option<usize> {
        let first = *self.first.get(shard(hash))?.get(&hash)? as usize;
        if is(first) {
            return Some(first);
        }
        let more = self.more.get(&hash)?;
        more.iter().map(|&id| id as usize).find(|&id| is(id))
    }

    /// Files `id` under `hash` (the caller has checked it is not there yet).
    pub fn insert(&mut self, hash: u32, id: usize) {
        let id = u32::try_from(id).expect("fewer than 4 billion articles");
        let first = &mut self.shards()[shard(hash)];
        if let Some(&taken) = first.get(&hash)
            && taken != id
        {
            self.more.entry(hash).or_default().push(id);
        } else {
            first.insert(hash, id);
        }
    }

    /// The shards, made with the first id (an empty index holds no maps).
    fn shards(&mut self) -> &mut [HashMap<u32, u32, BuildHasherDefault<Spread>>] {
        if self.first.is_empty() {
            self.first.resize_with(SHARDS, HashMap::default);
        }
        &mut self.first
    }

    /// Takes `id` out from under `hash`.
    pub fn remove(&mut self, hash: u32, id: usize) {
        let Ok(id) = u32::try_from(id) else {
            return;
        };
        let Some(first) = self.first.get_mut(shard(hash)) else {
            return;
        };
        let more = self.more.get_mut(&hash);
        if first.get(&hash) == Some(&id) {
            match more.and_then(|m| m.pop()) {
                Some(next) => first.insert(hash, next),
                None => first.remove(&hash),
            };
        } else if let Some(more) = more {
            more.retain(|&m| m != id);
        }
        if self.more.get(&hash).is_some_and(Vec::is_empty) {
            self.more.remove(&hash);
        }
    }
}

/// How many maps the main map is cut into (see the module's doc).
const SHARDS: usize = 256;

/// The shard `hash` is filed in: its top bits (the maps pick buckets by the low bits).
fn shard(hash: u32) -> usize {
    (hash >> 24) as usize
}

/// The keys are already hashes: only spread over 64 bits (the table picks buckets by the
/// low bits and tells entries apart by the top seven, which a 32-bit key leaves empty).
#[derive(Default)]
struct Spread(u64);

impl Hasher for Spread {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }

    fn write_u32(&mut self, n: u32) {
        // Fibonacci hashing: a multiplication by 2^64 / φ, which moves every key bit upward.
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_under_one_hash_are_told_apart_by_their_own_paths() {
        let paths = ["/lib/a.md", "/lib/新闻/b.md", "/lib/c.md"];
        let mut index = PathIndex::default();
        // All three under one hash: the worst collision there is.
        for id in 0..paths.len() {
            index.insert(7, id);
        }
        let find = |index: &PathIndex, p: &str| index.get(7, |id| paths[id] == p);
        assert_eq!(find(&index, "/lib/a.md"), Some(0));
        assert_eq!(find(&index, "/lib/新闻/b.md"), Some(1));
        assert_eq!(find(&index, "/lib/c.md"), Some(2));
        assert_eq!(find(&index, "/lib/d.md"), None);
        assert_eq!(index.get(8, |_| true), None, "nothing under another hash");
        // Removing the first moves another up; removing the rest leaves nothing behind.
        index.remove(7, 0);
        assert_eq!(find(&index, "/lib/a.md"), None);
        assert_eq!(find(&index, "/lib/新闻/b.md"), Some(1));
        assert_eq!(find(&index, "/lib/c.md"), Some(2));
        index.remove(7, 2);
        assert_eq!(find(&index, "/lib/c.md"), None);
        assert_eq!(find(&index, "/lib/新闻/b.md"), Some(1));
        index.remove(7, 1);
        assert!(index.first.iter().all(HashMap::is_empty) && index.more.is_empty());
    }

    #[test]
    fn ids_are_found_and_removed_whatever_shard_their_hash_falls_in() {
        // Hashes over the whole range (every top byte, so every shard), ids by number.
        let hash = |id: usize| (id as u32).wrapping_mul(0x9E37_79B9) ^ (id as u32) << 24;
        let mut index = PathIndex::default();
        for id in 0..2000 {
            index.insert(hash(id), id);
        }
        let shards = (0..2000).map(|id| shard(hash(id))).collect::<HashSet<_>>();
        assert_eq!(shards.len(), SHARDS, "every shard holds some");
        for id in 0..2000 {
            assert_eq!(index.get(hash(id), |found| found == id), Some(id), "{id}");
        }
        for id in (0..2000).step_by(2) {
            index.remove(hash(id), id);
        }
        for id in 0..2000 {
            let kept = (id % 2 == 1).then_some(id);
            assert_eq!(index.get(hash(id), |found| found == id), kept, "{id}");
        }
    }

    #[test]
    fn a_path_hashes_alike_each_time_and_apart_from_another() {
        let index = PathIndex::default();
        let a = index.hash(Path::new("/lib/2024/a.md"));
        assert_eq!(a, index.hash(Path::new("/lib/2024/a.md")));
        assert_ne!(a, index.hash(Path::new("/lib/2024/b.md")));
    }
}
