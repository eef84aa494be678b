use super::tests::{err, parse_str};
use crate::picture::Mode;
use std::path::PathBuf;

#[test]
fn images_mode_and_folders() {
    assert_eq!(parse_str("").unwrap().images, Mode::Auto);
    assert_eq!(parse_str("images = \"off\"").unwrap().images, Mode::Off);
    assert_eq!(
        parse_str("images = \"halfblocks\"").unwrap().images,
        Mode::Halfblocks
    );
    let cfg = parse_str("images_site_root = \"~/blog\"\nimages_saved = \"/srv/pics\"").unwrap();
    assert_eq!(cfg.image_roots.site, Some(PathBuf::from("/home/u/blog")));
    assert_eq!(cfg.image_roots.saved, Some(PathBuf::from("/srv/pics")));
    assert_eq!(
        parse_str("images_saved = \"\"").unwrap().image_roots.saved,
        None
    );
}

#[test]
fn a_wrong_images_setting_names_its_line() {
    let e = err("\nimages = \"sixel\"");
    assert_eq!(e.line, Some(2), "{e}");
    assert!(e.message.contains("auto, halfblocks, off"), "{e}");
    let e = err("\n\nimages_saved = \"pics\"");
    assert_eq!(e.line, Some(3), "{e}");
    assert!(e.message.contains("images_saved"), "{e}");
}
