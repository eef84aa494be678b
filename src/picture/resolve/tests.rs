use super::*;
use std::fs;

fn paths(c: Vec<Candidate>) -> Vec<PathBuf> {
    c.into_iter().map(|c| c.path).collect()
}

#[test]
fn relative_src_is_beside_the_article_then_in_its_asset_folder() {
    let got = paths(candidates(
        Path::new("/site/source/_posts/游记.md"),
        "./img/山.png",
        &Roots::default(),
        None,
    ));
    assert_eq!(
        got,
        [
            PathBuf::from("/site/source/_posts/./img/山.png"),
            PathBuf::from("/site/source/_posts/游记/./img/山.png"),
        ]
    );
}

#[test]
fn site_root_path_is_looked_up_in_each_source_folder() {
    let got = paths(candidates(
        Path::new("/blog/content/post/a.md"),
        "/images/x%20y.png?v=2#top",
        &Roots::default(),
        Some(Path::new("/blog")),
    ));
    assert_eq!(
        got,
        [
            PathBuf::from("/blog/source/images/x y.png"),
            PathBuf::from("/blog/static/images/x y.png"),
            PathBuf::from("/blog/public/images/x y.png"),
            PathBuf::from("/blog/images/x y.png"),
        ]
    );
    // Without a site root, a site-root path is nowhere.
    let none = candidates(Path::new("/a/b.md"), "/x.png", &Roots::default(), None);
    assert!(none.is_empty());
}

#[test]
fn remote_src_is_host_and_path_in_the_saved_folder() {
    let roots = Roots {
        site: None,
        saved: Some(PathBuf::from("/saved")),
    };
    let got = paths(candidates(
        Path::new("/a/b.md"),
        "https://user@Img.Example.com:8080/p/猫.jpg?w=300",
        &roots,
        None,
    ));
    assert_eq!(got, [PathBuf::from("/saved/img.example.com/p/猫.jpg")]);
    let got = paths(candidates(
        Path::new("/a/b.md"),
        "//cdn.example.org/x.gif",
        &roots,
        None,
    ));
    assert_eq!(got, [PathBuf::from("/saved/cdn.example.org/x.gif")]);
    // No saved folder: a remote picture is never looked for (gazette never fetches).
    let none = candidates(
        Path::new("/a/b.md"),
        "http://h/x.png",
        &Roots::default(),
        None,
    );
    assert!(none.is_empty());
}

#[test]
fn other_schemes_and_empty_src_are_never_on_disk() {
    for src in [
        "data:image/png;base64,AAAA",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "",
        "  ",
    ] {
        assert!(
            candidates(
                Path::new("/a/b.md"),
                src,
                &Roots::default(),
                Some(Path::new("/a"))
            )
            .is_empty(),
            "{src}"
        );
    }
}

#[test]
fn site_root_is_the_nearest_folder_holding_a_source_folder() {
    let dirs = ["/blog/source", "/blog/source/_posts"];
    let is_dir = |p: &Path| dirs.iter().any(|d| Path::new(d) == p);
    let root = site_root(
        Path::new("/blog/source/_posts/a.md"),
        &Roots::default(),
        is_dir,
    );
    assert_eq!(root, Some(PathBuf::from("/blog")));
    let configured = Roots {
        site: Some(PathBuf::from("/mine")),
        saved: None,
    };
    assert_eq!(
        site_root(Path::new("/blog/source/_posts/a.md"), &configured, is_dir),
        Some(PathBuf::from("/mine"))
    );
    assert_eq!(
        site_root(Path::new("/x/y/a.md"), &Roots::default(), is_dir),
        None
    );
}

#[test]
fn resolve_finds_real_files_and_never_leaves_the_roots() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let posts = site.join("source/_posts");
    fs::create_dir_all(posts.join("旅行")).unwrap();
    fs::create_dir_all(site.join("source/images")).unwrap();
    fs::write(posts.join("旅行/山.png"), b"x").unwrap();
    fs::write(site.join("source/images/logo.png"), b"x").unwrap();
    fs::write(tmp.path().join("secret.txt"), b"not a picture of the site").unwrap();
    let article = posts.join("旅行.md");
    let roots = Roots::default();
    let found = resolve(&article, "山.png", &roots).unwrap();
    assert!(found.ends_with("旅行/山.png"), "{found:?}");
    let found = resolve(&article, "/images/logo.png", &roots).unwrap();
    assert!(found.ends_with("source/images/logo.png"), "{found:?}");
    // Climbing inside the site is fine; out of it is not, however many `..`.
    assert!(resolve(&article, "../images/logo.png", &roots).is_some());
    assert_eq!(resolve(&article, "../../../secret.txt", &roots), None);
    assert_eq!(
        resolve(&article, "../../../../../../../../etc/passwd", &roots),
        None
    );
    assert_eq!(resolve(&article, "/../../secret.txt", &roots), None);
    assert_eq!(resolve(&article, "missing.png", &roots), None);
}

#[test]
fn saved_images_do_not_escape_their_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let saved = tmp.path().join("saved");
    fs::create_dir_all(saved.join("example.com/a")).unwrap();
    fs::write(saved.join("example.com/a/b.png"), b"x").unwrap();
    fs::write(tmp.path().join("outside.png"), b"x").unwrap();
    let roots = Roots {
        site: None,
        saved: Some(saved),
    };
    let article = tmp.path().join("post.md");
    assert!(resolve(&article, "https://example.com/a/b.png", &roots).is_some());
    assert_eq!(
        resolve(&article, "https://example.com/../outside.png", &roots),
        None
    );
    assert_eq!(
        resolve(
            &article,
            "https://example.com/%2e%2e/%2e%2e/outside.png",
            &roots
        ),
        None
    );
}
