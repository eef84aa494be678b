//! Articles grouped by their categories (hierarchy, flat categories and tags together), and
//! apart from that by the folder they are in, so the tree's counts are a pass of array
//! increments over the library instead of hashing every article's category strings after
//! each batch of a large load. Folders are kept apart from the category groups: an archive
//! filed in a folder per day would otherwise make nearly a group per article. The folder is
//! worked out once per directory an article arrives from, from the library's roots (its
//! names cleaned for the terminal: per article, that was half the event loop's work on a
//! warm start at a million).

use crate::hash::fnv1a64;
use crate::library::intern::Names;
use crate::library::{Article, Filter};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The categories an article carries; articles with the same ones share a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub categories: Names,
    pub flat: Names,
    pub tags: Names,
}

#[derive(Debug, Clone, Default)]
pub struct Groups {
    pub list: Vec<Group>,
    /// Hash of a group → the groups with that hash (almost always one).
    index: HashMap<u64, Vec<u32>>,
    /// Every folder an article is in: the folders between the library root and the file,
    /// outermost first (empty: in the root). With several roots, the root's name comes first.
    pub folders: Vec<Vec<String>>,
    folder_ids: HashMap<Vec<String>, u32>,
    /// Folder ids by the root an article's path lies below (its place in `roots`; the last:
    /// none) and then by the directory it is in, as they stand.
    by_directory: Vec<HashMap<PathBuf, u32>>,
    /// The library's folders, which article paths are taken relative to.
    roots: Vec<PathBuf>,
}

impl Groups {
    /// No groups yet; folders are taken below `roots`.
    pub fn with_roots(roots: Vec<PathBuf>) -> Groups {
        Groups {
            roots,
            ..Groups::default()
        }
    }

    /// The group and the folder of `a` (indices into `list` and `folders`), created when new.
    pub fn intern(&mut self, a: &Article) -> (u32, u32) {
        let root =
            (self.roots.iter().position(|r| a.path.starts_with(r))).unwrap_or(self.roots.len());
        let directory = a.path.parent().unwrap_or(Path::new(""));
        self.by_directory
            .resize_with(self.roots.len() + 1, HashMap::default);
        // Looked up borrowed: an owned key is made only for a new directory.
        let folder = match self.by_directory[root].get(directory) {
            Some(&id) => id,
            None => {
                let folder = folder_of(&a.path, &self.roots);
                let next = self.folders.len() as u32;
                let id = *self.folder_ids.entry(folder).or_insert_with_key(|f| {
                    self.folders.push(f.clone());
                    next
                });
                self.by_directory[root].insert(directory.to_path_buf(), id);
                id
            }
        };
        (self.group(a), folder)
    }

    fn group(&mut self, a: &Article) -> u32 {
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

/// Which category groups pass a filter's category and which folders lie in (or below) a
/// chosen folder: decided once per group and folder, so that filtering a million articles
/// is two table lookups each instead of comparing their category strings.
pub struct Passing {
    groups: Vec<bool>,
    folders: Vec<bool>,
}

impl Passing {
    /// Whether an article in `group` and `folder` (as [`Groups::intern`] gave them) passes.
    pub fn passes(&self, (group, folder): (u32, u32)) -> bool {
        self.groups[group as usize] && self.folders[folder as usize]
    }
}

impl Groups {
    /// The groups passing `filter`'s category and the folders in `folder` (every one when
    /// it is empty).
    pub fn passing(&self, filter: &Filter, folder: &[String]) -> Passing {
        Passing {
            groups: (self.list.iter())
                .map(|g| filter.matches_lists(&g.categories, &g.flat, &g.tags))
                .collect(),
            folders: (self.folders.iter())
                .map(|f| f.starts_with(folder))
                .collect(),
        }
    }
}

/// The folders from the root holding `path` to the file's own folder. A path under no root
/// (the embedded sample) is in no folder.
fn folder_of(path: &Path, roots: &[PathBuf]) -> Vec<String> {
    let Some(root) = roots.iter().find(|r| path.starts_with(r)) else {
        return Vec::new();
    };
    let below = path.strip_prefix(root).unwrap_or(path);
    let parent = below.parent().unwrap_or(Path::new(""));
    let name = |s: &std::ffi::OsStr| crate::sanitize::clean_line(&s.to_string_lossy());
    let own = (roots.len() > 1)
        .then(|| root.file_name().map(name))
        .flatten();
    own.into_iter()
        .chain(parent.iter().map(name))
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_do_not_split_category_groups() {
        let mut groups = Groups::with_roots(vec![PathBuf::from("/lib")]);
        let article = |path: &str| Article {
            categories: ["新媒体"].into(),
            ..Article::new(path, "t")
        };
        let a = groups.intern(&article("/lib/2019/05/13/a.md"));
        let b = groups.intern(&article("/lib/2019/05/14/b.md"));
        let c = groups.intern(&article("/lib/2019/05/14/c.md"));
        assert_eq!((a.0, b.0, c.0), (0, 0, 0), "one category group");
        assert_eq!((a.1, b.1, c.1), (0, 1, 1), "two folders");
        assert_eq!(groups.folders[1], ["2019", "05", "14"]);
    }

    #[test]
    fn a_directory_is_worked_out_once_for_each_root_it_lies_below() {
        // A file given as a root, beside another root that holds its directory too.
        let roots = vec![PathBuf::from("/a/新闻/x.md"), PathBuf::from("/a")];
        let mut groups = Groups::with_roots(roots.clone());
        let paths = [
            "/a/新闻/x.md",
            "/a/新闻/y.md",
            "/a/新闻/z.md",
            "/b/c.md",
            "/a/d.md",
        ];
        for path in paths {
            let (_, folder) = groups.intern(&Article::new(path, "t"));
            let direct = folder_of(Path::new(path), &roots);
            assert_eq!(groups.folders[folder as usize], direct, "{path}");
        }
        assert_eq!(groups.folders.len(), 4, "{:?}", groups.folders);
    }

    #[test]
    fn passing_decides_once_per_group_and_folder() {
        let mut groups = Groups::with_roots(vec![PathBuf::from("/lib")]);
        let article = |path: &str, cats: &[&str], tags: &[&str]| Article {
            categories: cats.iter().map(|c| c.to_string()).collect(),
            tags: tags.iter().map(|c| c.to_string()).collect(),
            ..Article::new(path, "t")
        };
        let news = groups.intern(&article("/lib/新闻/a.md", &["新媒体", "观察者网"], &[]));
        let blog = groups.intern(&article("/lib/blog/b.md", &["随笔"], &["观察者网"]));
        let deep = groups.intern(&article("/lib/新闻/2024/c.md", &["传统媒体"], &[]));
        let root = groups.intern(&article("/lib/d.md", &["传统媒体"], &[]));
        let filter = |path: &[&str]| Filter {
            category: path.iter().map(|c| c.to_string()).collect(),
            ..Filter::default()
        };
        let all = groups.passing(&filter(&[]), &[]);
        assert!([news, blog, deep].iter().all(|&g| all.passes(g)));
        // A category met inside a hierarchy, and as a tag.
        let p = groups.passing(&filter(&["观察者网"]), &[]);
        assert_eq!([news, blog, deep].map(|g| p.passes(g)), [true, true, false]);
        // A folder takes in the folders below it, and combines with the category.
        let p = groups.passing(&filter(&[]), &["新闻".to_string()]);
        let passed = [news, blog, deep, root].map(|g| p.passes(g));
        assert_eq!(passed, [true, false, true, false]);
        let p = groups.passing(&filter(&["传统媒体"]), &["新闻".to_string()]);
        let passed = [news, blog, deep, root].map(|g| p.passes(g));
        assert_eq!(passed, [false, false, true, false]);
    }

    #[test]
    fn the_folder_is_the_path_below_its_root() {
        let one = [PathBuf::from("/lib")];
        assert_eq!(
            folder_of(Path::new("/lib/新闻/2022/a.md"), &one),
            ["新闻", "2022"]
        );
        assert!(folder_of(Path::new("/lib/a.md"), &one).is_empty());
        assert!(folder_of(Path::new("<sample>/a.txt"), &one).is_empty());
        let two = [PathBuf::from("/x/news"), PathBuf::from("/y/blogs")];
        assert_eq!(
            folder_of(Path::new("/y/blogs/rust/a.md"), &two),
            ["blogs", "rust"]
        );
        assert_eq!(folder_of(Path::new("/x/news/a.md"), &two), ["news"]);
    }
}
