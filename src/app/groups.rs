//! Articles grouped by their categories (hierarchy, flat categories and tags together), so
//! the tree's counts are a pass of array increments over the library instead of hashing
//! every article's category strings after each batch of a large load.

use crate::hash::fnv1a64;
use crate::library::Article;
use std::collections::HashMap;

/// The categories an article carries; articles with the same ones share a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub categories: Vec<String>,
    pub flat: Vec<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Groups {
    pub list: Vec<Group>,
    /// Hash of a group → the groups with that hash (almost always one).
    index: HashMap<u64, Vec<u32>>,
}

impl Groups {
    /// The group of `a`, created when new.
    pub fn intern(&mut self, a: &Article) -> u32 {
        let mut bytes = Vec::with_capacity(64);
        for list in [&a.categories, &a.flat_categories, &a.tags] {
            for s in list {
                bytes.extend_from_slice(s.as_bytes());
                bytes.push(0);
            }
            bytes.push(0xff);
        }
        let candidates = self.index.entry(fnv1a64(&bytes)).or_default();
        let same = |g: &Group| {
            g.categories == a.categories && g.flat == a.flat_categories && g.tags == a.tags
        };
        if let Some(&id) = candidates.iter().find(|&&id| same(&self.list[id as usize])) {
            return id;
        }
        let id = self.list.len() as u32;
        self.list.push(Group {
            categories: a.categories.clone(),
            flat: a.flat_categories.clone(),
            tags: a.tags.clone(),
        });
        candidates.push(id);
        id
    }
}
