//! Assembling an article: front matter, lead image, paragraphs, captioned images and link.

use std::fmt::Write as _;

use super::categories::{is_english, path_of, plan};
use super::dates::Civil;
use super::en::{en_caption, en_marker_sentence, en_sentence, en_title};
use super::rng::{Rng, mix64};
use super::zh::{Ctx, zh_caption, zh_marker_sentence, zh_sentence, zh_title};
use super::{END_TIMESTAMP, FIRST_TIMESTAMP, MAX_BYTES, MIN_BYTES};

/// Builds article number `i`: `(file name, contents)` (see [`super::article_text`]).
pub(super) fn article(i: usize, seed: u64) -> (String, String) {
    let (mut rng, cat, marker) = plan(i, seed);
    let name = format!("{i:06}_{:016x}.txt", mix64(seed ^ mix64(i as u64)));
    let [group, source, channel] = path_of(cat);
    let english = is_english(cat);
    let ts = FIRST_TIMESTAMP + rng.below((END_TIMESTAMP - FIRST_TIMESTAMP) as usize) as i64;
    let date = Civil::from_timestamp(ts);
    let ctx = Ctx {
        month: date.month,
        day: date.day,
    };

    let mut out = String::with_capacity(8 * 1024);
    // Front matter.
    let title = if english {
        en_title(&mut rng)
    } else {
        zh_title(&mut rng)
    };
    let img = image_url(&mut rng, &date);
    out.push_str("\n---\ntitle: ");
    if title.contains('\'') {
        let _ = write!(out, "\"{title}\"");
    } else {
        let _ = write!(out, "'{title}'");
    }
    let _ = write!(
        out,
        "\ncategories: \n - {group}\n - {source}\n - {channel}\nheadimg: '{img}'\n\
         author: {source}\ncomments: false\ndate: {}\nthumbnail: '{img}'\n---\n\n<div>   \n",
        date.rfc2822()
    );
    let _ = writeln!(
        out,
        "<img src=\"{img}\" width=\"970px\" height=\"{}px\" referrerpolicy=\"no-referrer\">",
        rng.range(300, 560)
    );

    // Pieces other than paragraphs, measured before the paragraphs are filled.
    let n_images = match rng.below(10) {
        0..=4 => 0,
        5..=7 => 1,
        8 => 2,
        _ => 3,
    };
    let mut images = Vec::with_capacity(n_images);
    for _ in 0..n_images {
        let url = image_url(&mut rng, &date);
        let mut caption = String::new();
        if english {
            en_caption(&mut rng, &mut caption);
        } else {
            zh_caption(&mut rng, &mut caption);
        }
        images.push(format!(
            "<p align=\"center\">\n<img src=\"{url}\" alt width=\"600\" height=\"{}\" \
             referrerpolicy=\"no-referrer\"> \n</p>\n<p align=\"center\">\n\
             <span style=\"color:#666666;\">{caption}</span> \n</p>\n",
            rng.range(320, 480)
        ));
    }
    let link = if rng.chance(30) {
        let url = format!(
            "https://example.com/news/{:04}/{:02}/{:02}/{}.html",
            date.year,
            date.month,
            date.day,
            rng.range(10_000, 999_999)
        );
        Some(if english {
            format!(" Read the full report <a href=\"{url}\">here</a>.")
        } else {
            format!("详情可<a href=\"{url}\">点击此处查看原文</a>。")
        })
    } else {
        None
    };

    const TAIL: &str = "  \n</div>\n            ";
    const P_OVERHEAD: usize = "<p>\n\n</p>\n".len();
    let target = rng.range(2300, 7700);
    let fixed = out.len()
        + TAIL.len()
        + images.iter().map(String::len).sum::<usize>()
        + link.as_ref().map_or(0, String::len);
    let mut remaining = target.saturating_sub(fixed);
    let k = rng.range(3, (remaining / 300).clamp(3, 12));
    let marker_at = marker.then(|| rng.below(k));
    let link_at = rng.below(k);
    let mut paragraphs: Vec<String> = Vec::with_capacity(k);
    let mut sentence = String::with_capacity(512);
    for p in 0..k {
        let mut para = String::with_capacity(1024);
        if marker_at == Some(p) {
            if english {
                en_marker_sentence(&mut rng, &mut para);
            } else {
                zh_marker_sentence(&mut rng, &ctx, &mut para);
            }
        }
        let last = p + 1 == k;
        let budget = (remaining / (k - p)).saturating_sub(P_OVERHEAD);
        loop {
            sentence.clear();
            if english {
                en_sentence(&mut rng, &mut sentence);
            } else {
                zh_sentence(&mut rng, &ctx, &mut sentence);
            }
            let sep = usize::from(english && !para.is_empty());
            let fits = para.len() + sep + sentence.len() <= budget;
            // The last paragraph fills up to the target (overshooting by one sentence at
            // most); the others stop before their share would be exceeded.
            if para.is_empty() || fits || (last && para.len() < budget) {
                if sep == 1 {
                    para.push(' ');
                }
                para.push_str(&sentence);
            } else {
                break;
            }
        }
        if link_at == p
            && let Some(link) = &link
        {
            para.push_str(link);
        }
        remaining = remaining.saturating_sub(para.len() + P_OVERHEAD);
        paragraphs.push(para);
    }

    // Images go after random paragraphs (never before the first one).
    let mut image_after: Vec<usize> = (0..images.len()).map(|_| rng.below(k)).collect();
    image_after.sort_unstable();
    let mut images = images.into_iter().zip(image_after).peekable();
    for (p, para) in paragraphs.iter().enumerate() {
        out.push_str("<p>\n");
        out.push_str(para);
        out.push_str("\n</p>\n");
        while let Some((img, _)) = images.next_if(|(_, at)| *at == p) {
            out.push_str(&img);
        }
    }
    out.push_str(TAIL);
    debug_assert!(
        (MIN_BYTES..=MAX_BYTES).contains(&out.len()),
        "article {i}: {} bytes",
        out.len()
    );
    (name, out)
}

fn image_url(rng: &mut Rng, d: &Civil) -> String {
    format!(
        "https://example.com/img/{:04}/{:02}/{:02}/{:04}{:02}{:02}{:09}.jpg",
        d.year,
        d.month,
        d.day,
        d.year,
        d.month,
        d.day,
        rng.below(1_000_000_000)
    )
}
