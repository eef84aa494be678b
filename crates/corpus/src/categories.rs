//! The 30 category paths (group, source, channel) and the weighted draw of an article's
//! category.

use super::rng::{Rng, mix64};

pub(super) struct Group {
    name: &'static str,
    sources: [(&'static str, [&'static str; 2]); 5],
}

pub(super) const GROUPS: [Group; 3] = [
    Group {
        name: "新媒体",
        sources: [
            ("观察者网", ["头条", "国际"]),
            ("澎湃新闻", ["时事", "财经"]),
            ("界面新闻", ["商业", "科技"]),
            ("虎嗅", ["深度", "创投"]),
            ("少数派", ["效率", "评测"]),
        ],
    },
    Group {
        name: "传统媒体",
        sources: [
            ("人民网", ["要闻", "评论"]),
            ("新华网", ["时政", "国际"]),
            ("南方周末", ["调查", "文化"]),
            ("财新网", ["经济", "金融"]),
            ("联合早报", ["中国", "东南亚"]),
        ],
    },
    Group {
        name: "International",
        sources: [
            ("BBC News", ["World", "Business"]),
            ("Reuters", ["Markets", "Technology"]),
            ("The Guardian", ["Environment", "Opinion"]),
            ("Ars Technica", ["Science", "Gadgets"]),
            ("Hacker News", ["Front Page", "Show HN"]),
        ],
    },
];

pub(super) fn path_of(cat: usize) -> [&'static str; 3] {
    let g = &GROUPS[cat / 10];
    let (source, channels) = g.sources[(cat % 10) / 2];
    [g.name, source, channels[cat % 2]]
}

pub(super) fn is_english(cat: usize) -> bool {
    cat / 10 == 2
}

const SOURCE_WEIGHTS: [usize; 5] = [5, 4, 3, 2, 1];

/// The article's generator after its first draws: category index and whether it holds a marker.
pub(super) fn plan(i: usize, seed: u64) -> (Rng, usize, bool) {
    let mut rng = Rng(mix64(seed.wrapping_add(0x6A09_E667_F3BC_C909)) ^ mix64(i as u64));
    // Weighted category: groups equal, sources 5:4:3:2:1, channels 3:2 (225 units in all).
    let mut r = rng.below(225);
    let group = r / 75;
    r %= 75;
    let mut source = 0;
    while r >= SOURCE_WEIGHTS[source] * 5 {
        r -= SOURCE_WEIGHTS[source] * 5;
        source += 1;
    }
    let channel = usize::from(r % 5 >= 3);
    let marker = rng.below(100) == 0;
    (rng, group * 10 + source * 2 + channel, marker)
}
