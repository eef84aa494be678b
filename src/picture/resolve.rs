//! Where an image's `src` is on disk. Which paths to try is pure path logic
//! ([`candidates`]); [`resolve`] then keeps the first that exists *inside its root* after
//! the file system has resolved every `..` and symlink, so a hostile
//! `src="../../../../etc/passwd"` is never read.
//!
//! Three kinds of `src`, after the ways people keep sites and saved pages:
//! - relative (`a.png`, `./img/a.png`): beside the article (a Hugo page bundle), or in the
//!   post's asset folder named after the article's file (`post/a.png` for `post.md`, Hexo);
//! - site-root (`/images/a.png`): under the site's source root, configured or found by
//!   walking up from the article to a folder holding `source/`, `static/` or `public/`;
//! - remote (`https://host/path`): in the configured folder of saved images, as
//!   `<dir>/<host>/<path>`, so any downloader can fill it.

use std::path::{Component, Path, PathBuf};

/// The folders pictures may come from besides the article's own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roots {
    /// The site's source root, when configured (otherwise found from each article).
    pub site: Option<PathBuf>,
    /// A folder of saved remote images, laid out `<host>/<path>`.
    pub saved: Option<PathBuf>,
}

/// The folders under a site root that hold what `/x` on the site means.
const SITE_FOLDERS: [&str; 3] = ["source", "static", "public"];

/// One place to look: the path, and the root it must stay inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    pub root: PathBuf,
}

/// The site root of `article`: the nearest folder above it holding `source/`, `static/` or
/// `public/` (as `is_dir` says), unless one is configured.
pub fn site_root(article: &Path, roots: &Roots, is_dir: impl Fn(&Path) -> bool) -> Option<PathBuf> {
    if let Some(site) = &roots.site {
        return Some(site.clone());
    }
    article
        .ancestors()
        .skip(1)
        .find(|dir| SITE_FOLDERS.iter().any(|f| is_dir(&dir.join(f))))
        .map(Path::to_path_buf)
}

/// Every place `src` of the article at `article` may be, in the order to try them; `site` is
/// the article's site root ([`site_root`]). Empty for what is never on disk (`data:`, other
/// schemes, a remote image without a saved-images folder).
pub fn candidates(article: &Path, src: &str, roots: &Roots, site: Option<&Path>) -> Vec<Candidate> {
    let src = src.trim();
    let src = src.split(['?', '#']).next().unwrap_or_default();
    if src.is_empty() {
        return Vec::new();
    }
    if let Some(rest) = remote(src) {
        let Some(saved) = &roots.saved else {
            return Vec::new();
        };
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        // Userinfo is not part of where a page was saved from; the port is kept out too.
        let host = host.rsplit('@').next().unwrap_or(host);
        let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
        if host.is_empty() || host.starts_with('.') {
            return Vec::new();
        }
        let file = saved.join(&host).join(relative(&percent_decode(path)));
        return vec![Candidate {
            path: file,
            root: saved.clone(),
        }];
    }
    if has_scheme(src) {
        return Vec::new();
    }
    let decoded = percent_decode(src);
    let dir = article.parent().unwrap_or(Path::new(""));
    if decoded.starts_with('/') {
        let Some(site) = site else {
            return Vec::new();
        };
        let rel = relative(&decoded);
        let mut out: Vec<Candidate> = SITE_FOLDERS
            .iter()
            .map(|f| Candidate {
                path: site.join(f).join(&rel),
                root: site.to_path_buf(),
            })
            .collect();
        out.push(Candidate {
            path: site.join(&rel),
            root: site.to_path_buf(),
        });
        return out;
    }
    // A relative src may climb out of the post's folder, but never out of the site (or, with
    // no site found, out of the article's own folder).
    let root = site.unwrap_or(dir).to_path_buf();
    let mut out = vec![Candidate {
        path: dir.join(&decoded),
        root: root.clone(),
    }];
    if let Some(stem) = article.file_stem() {
        out.push(Candidate {
            path: dir.join(stem).join(&decoded),
            root,
        });
    }
    out
}

/// The picture on disk for `src` of the article at `article`, if there is one inside its root.
pub fn resolve(article: &Path, src: &str, roots: &Roots) -> Option<PathBuf> {
    let site = site_root(article, roots, Path::is_dir);
    candidates(article, src, roots, site.as_deref())
        .into_iter()
        .find_map(|c| inside(&c))
}

/// The candidate's real path when it is a file inside its real root.
fn inside(c: &Candidate) -> Option<PathBuf> {
    let root = c.root.canonicalize().ok()?;
    let path = c.path.canonicalize().ok()?;
    (path.starts_with(&root) && path.is_file()).then_some(path)
}

/// `host/path` of an `http://`, `https://` or protocol-relative `//` URL.
fn remote(src: &str) -> Option<&str> {
    let lower = src.get(..8).unwrap_or(src).to_ascii_lowercase();
    if lower.starts_with("https://") {
        Some(&src[8..])
    } else if lower.starts_with("http://") {
        Some(&src[7..])
    } else {
        src.strip_prefix("//")
    }
}

/// `data:`, `file:`, `javascript:`…: a scheme before any `/`.
fn has_scheme(src: &str) -> bool {
    match src.find(':') {
        Some(i) => {
            let scheme = &src[..i];
            !scheme.is_empty()
                && !scheme.contains('/')
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// `path` without its root and prefix components, so joining it stays under the base
/// (a `..` is kept: [`resolve`] checks where it really leads).
fn relative(path: &str) -> PathBuf {
    Path::new(path)
        .components()
        .filter(|c| matches!(c, Component::Normal(_) | Component::ParentDir))
        .collect()
}

/// `%20` → space; invalid escapes and non-UTF-8 results are left as they were.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests;
