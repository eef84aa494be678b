//! A deterministic synthetic corpus for tests and benchmarks.
//!
//! Every article is shaped like the primary format described in `FORMAT.md` (the sample in
//! `seed/`): a blank first line, YAML front matter between `---` lines, a blank line, the HTML
//! body inside one `<div>`, then 12 spaces and no final newline.
//!
//! - File names: `NNNNNN_<16 hex>.txt` (the article number, zero-padded, and a hash).
//! - `title`: single-quoted, or double-quoted when it contains `'` (some English titles do).
//! - `categories`: one of 30 three-level paths (3 groups × 5 sources × 2 channels, see
//!   [`category_paths`]); sources and channels are drawn with uneven weights (the busiest path
//!   is about 7 times as frequent as the quietest). The group `International` has English
//!   sources and English articles; the two Chinese groups hold the Chinese ones (about 2/3).
//! - `author` is the source name; `headimg` equals `thumbnail` (`https://example.com/img/…jpg`);
//!   `comments: false`; `date` is RFC 2822 in GMT with the correct weekday, uniformly spread
//!   over 2020-01-01 00:00:00 … 2022-12-31 23:59:59 ([`FIRST_TIMESTAMP`]..[`END_TIMESTAMP`]).
//! - Body: a lead `<img>`, 3–12 `<p>` paragraphs built from a vocabulary of a few hundred words
//!   and phrases (Chinese with `，。：“”` and the occasional Latin acronym, or English), 0–3
//!   captioned images, sometimes a link. Files are 2–8 KB ([`MIN_BYTES`]..=[`MAX_BYTES`]).
//!
//! # Marker words (for search benchmarks)
//!
//! About 1% of bodies (never titles) contain a rare marker exactly once: [`RARE_MARKER_ZH`]
//! (`托卡耶夫`) in Chinese articles, [`RARE_MARKER_EN`] (`Zanzibar`) in English ones. Neither word
//! occurs anywhere else in the corpus. [`rare_marker`] says, without generating the text,
//! which article holds which marker, so a benchmark can check its hit count.
//!
//! The same `(i, seed)` always gives the same article, independently of `n` and of the other
//! articles, so [`generate`] writes files in parallel and [`article_text`] builds in-memory
//! corpora for tests and benches.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use rayon::prelude::*;

/// Rare marker word in ~1% of Chinese bodies (and in nothing else).
pub const RARE_MARKER_ZH: &str = "托卡耶夫";
/// Rare marker word in ~1% of English bodies (and in nothing else).
pub const RARE_MARKER_EN: &str = "Zanzibar";
/// 2020-01-01T00:00:00Z: the earliest possible article date.
pub const FIRST_TIMESTAMP: i64 = 1_577_836_800;
/// 2023-01-01T00:00:00Z: all article dates are strictly before this.
pub const END_TIMESTAMP: i64 = 1_672_531_200;
/// Smallest file size in bytes.
pub const MIN_BYTES: usize = 2048;
/// Largest file size in bytes.
pub const MAX_BYTES: usize = 8192;

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    pub files: usize,
    pub bytes: u64,
}

/// Writes `n` articles into `dir` (created if missing), deterministic for a given seed.
///
/// Files are named as by [`article_text`]; existing files with other names are left alone.
pub fn generate(dir: &Path, n: usize, seed: u64) -> io::Result<Stats> {
    std::fs::create_dir_all(dir)?;
    let bytes = (0..n)
        .into_par_iter()
        .map(|i| {
            let (name, text) = article_text(i, seed);
            std::fs::write(dir.join(name), text.as_bytes())?;
            Ok::<u64, io::Error>(text.len() as u64)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    Ok(Stats { files: n, bytes })
}

/// The text of article number `i` (no I/O) — so tests and benches can build in-memory corpora.
///
/// Returns `(file name, contents)`.
pub fn article_text(i: usize, seed: u64) -> (String, String) {
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

/// Which rare marker article `i` holds, if any (cheap: does not generate the text).
pub fn rare_marker(i: usize, seed: u64) -> Option<&'static str> {
    let (_, cat, marker) = plan(i, seed);
    marker.then_some(if is_english(cat) {
        RARE_MARKER_EN
    } else {
        RARE_MARKER_ZH
    })
}

/// The 30 category paths `[group, source, channel]`, in a fixed order.
pub fn category_paths() -> Vec<[&'static str; 3]> {
    (0..GROUPS.len() * 10).map(path_of).collect()
}

// ---------------------------------------------------------------------------------------------
// Randomness

/// SplitMix64 finalizer.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// SplitMix64: tiny, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.0)
    }
    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// The article's generator after its first draws: category index and whether it holds a marker.
fn plan(i: usize, seed: u64) -> (Rng, usize, bool) {
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

const SOURCE_WEIGHTS: [usize; 5] = [5, 4, 3, 2, 1];

// ---------------------------------------------------------------------------------------------
// Categories

struct Group {
    name: &'static str,
    sources: [(&'static str, [&'static str; 2]); 5],
}

const GROUPS: [Group; 3] = [
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

fn path_of(cat: usize) -> [&'static str; 3] {
    let g = &GROUPS[cat / 10];
    let (source, channels) = g.sources[(cat % 10) / 2];
    [g.name, source, channels[cat % 2]]
}

fn is_english(cat: usize) -> bool {
    cat / 10 == 2
}

// ---------------------------------------------------------------------------------------------
// Dates

struct Civil {
    year: i64,
    month: u32,
    day: u32,
    secs: i64,
    weekday: usize,
}

impl Civil {
    fn from_timestamp(ts: i64) -> Civil {
        let days = ts.div_euclid(86_400);
        let secs = ts.rem_euclid(86_400);
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Civil {
            year,
            month,
            day,
            secs,
            // 1970-01-01 was a Thursday.
            weekday: (days + 4).rem_euclid(7) as usize,
        }
    }

    fn rfc2822(&self) -> String {
        const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        format!(
            "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
            DAYS[self.weekday],
            self.day,
            MONTHS[self.month as usize - 1],
            self.year,
            self.secs / 3600,
            self.secs / 60 % 60,
            self.secs % 60
        )
    }
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

// ---------------------------------------------------------------------------------------------
// Chinese text

struct Ctx {
    month: u32,
    day: u32,
}

const ZH_PLACES: &[&str] = &[
    "北京",
    "上海",
    "广州",
    "深圳",
    "杭州",
    "成都",
    "重庆",
    "武汉",
    "西安",
    "南京",
    "天津",
    "苏州",
    "长沙",
    "郑州",
    "青岛",
    "厦门",
    "香港",
    "澳门",
    "海南",
    "新疆",
    "云南",
    "美国",
    "日本",
    "韩国",
    "俄罗斯",
    "英国",
    "法国",
    "德国",
    "印度",
    "巴西",
    "澳大利亚",
    "加拿大",
    "欧盟",
    "东盟",
    "非洲",
    "哈萨克斯坦",
    "乌克兰",
    "伊朗",
    "以色列",
    "土耳其",
    "越南",
    "新加坡",
    "印尼",
    "墨西哥",
    "阿根廷",
    "南非",
    "埃及",
    "沙特",
    "瑞士",
    "意大利",
    "西班牙",
    "荷兰",
    "波兰",
    "挪威",
];

const ZH_ORGS: &[&str] = &[
    "外交部",
    "国务院",
    "商务部",
    "财政部",
    "央行",
    "统计局",
    "发改委",
    "工信部",
    "教育部",
    "卫健委",
    "生态环境部",
    "证监会",
    "市场监管部门",
    "联合国",
    "世卫组织",
    "世贸组织",
    "白宫",
    "国会",
    "五角大楼",
    "美联储",
    "欧洲央行",
    "北约",
    "科研团队",
    "研究人员",
    "专家",
    "业内人士",
    "分析人士",
    "消费者",
    "投资者",
    "网友",
    "企业",
    "车企",
    "平台",
    "运营商",
    "开发者",
    "学者",
    "官员",
    "当地政府",
    "监管部门",
    "警方",
    "医院",
    "高校",
    "航空公司",
    "初创公司",
    "上市公司",
    "芯片厂商",
    "手机厂商",
    "电商平台",
    "物流企业",
    "银行",
    "券商",
    "基金公司",
    "保险公司",
    "议会",
    "法院",
    "军方",
];

const ZH_ROLES: &[&str] = &[
    "发言人",
    "负责人",
    "首席经济学家",
    "研究员",
    "教授",
    "总经理",
    "董事长",
    "副部长",
    "市长",
    "院士",
    "分析师",
    "记者",
];

const ZH_NAMES: &[&str] = &[
    "张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴昊", "孙丽", "徐明",
    "马超", "胡军", "郭靖", "林峰", "何欣", "高远", "罗涛", "梁晨",
];

const ZH_ADVS: &[&str] = &[
    "进一步",
    "全面",
    "持续",
    "稳步",
    "大幅",
    "明显",
    "首次",
    "正式",
    "再次",
    "积极",
    "逐步",
    "尽快",
    "共同",
    "显著",
    "有效",
    "依法",
    "紧急",
    "初步",
    "基本",
    "已经",
    "将",
    "计划",
];

const ZH_VERBS: &[&str] = &[
    "宣布", "发布", "推出", "启动", "完成", "签署", "批准", "否认", "回应", "呼吁", "要求", "决定",
    "加快", "推动", "促进", "支持", "反对", "调查", "审查", "公布", "披露", "确认", "暂停", "恢复",
    "扩大", "减少", "提高", "降低", "实现", "突破", "达成", "参与", "投资", "收购", "出售", "上调",
    "下调", "关注", "讨论", "研究", "开发", "测试", "部署", "升级", "整合", "优化", "监管", "处罚",
    "限制", "放宽", "取消", "延长", "引发", "带动", "面临", "应对", "加强", "深化", "落实", "建设",
    "改革", "评估",
];

const ZH_ADJS: &[&str] = &[
    "新一轮",
    "重大",
    "重要",
    "关键",
    "核心",
    "全球",
    "国内",
    "区域",
    "长期",
    "短期",
    "严重",
    "稳定",
    "复杂",
    "新型",
    "传统",
    "高质量",
    "可持续",
    "数字化",
    "绿色",
    "智能",
    "跨境",
    "相关",
];

const ZH_NOUNS: &[&str] = &[
    "经济增长",
    "货币政策",
    "财政政策",
    "利率",
    "汇率",
    "通胀",
    "就业",
    "出口",
    "进口",
    "供应链",
    "产业链",
    "芯片",
    "半导体",
    "新能源汽车",
    "动力电池",
    "光伏",
    "风电",
    "碳中和",
    "碳排放",
    "疫苗",
    "疫情防控",
    "核酸检测",
    "医疗保险",
    "教育改革",
    "房地产市场",
    "房价",
    "租金",
    "消费市场",
    "零售额",
    "股市",
    "债券",
    "基金",
    "数字货币",
    "人工智能",
    "大数据",
    "云计算",
    "自动驾驶",
    "机器人",
    "卫星",
    "火箭",
    "空间站",
    "深海探测",
    "气候变化",
    "极端天气",
    "洪水",
    "干旱",
    "粮食安全",
    "能源价格",
    "油价",
    "天然气",
    "电力供应",
    "基础设施",
    "高铁",
    "城市更新",
    "乡村振兴",
    "养老金",
    "人口老龄化",
    "生育政策",
    "网络安全",
    "数据隐私",
    "反垄断",
    "平台经济",
    "直播带货",
    "短视频",
    "游戏版号",
    "电影票房",
    "体育赛事",
    "冬奥会",
    "世界杯",
    "选举",
    "制裁",
    "关税",
    "贸易协定",
    "军事演习",
    "维和部队",
    "人道主义援助",
    "难民",
    "边境局势",
    "外交关系",
    "双边合作",
    "多边机制",
    "国际秩序",
    "和平谈判",
    "停火协议",
    "暴乱",
    "物价",
    "外资",
    "知识产权",
    "操作系统",
    "开源社区",
];

const ZH_NOUN_SUFFIXES: &[&str] = &[
    "问题", "领域", "政策", "计划", "方案", "项目", "进程", "措施", "工作", "发展", "市场", "标准",
];

const ZH_ACRONYMS: &[&str] = &[
    "GDP",
    "CPI",
    "PMI",
    "5G网络",
    "AI大模型",
    "GPU",
    "iPhone",
    "SUV车型",
    "IPO",
    "ETF基金",
    "VR设备",
    "APP",
    "NASA",
    "NBA",
    "RCEP",
    "G20峰会",
    "APEC会议",
    "OPEC+",
    "CSTO",
    "IMF",
    "WTO规则",
    "ChatGPT",
    "Linux",
    "ARM架构",
];

const ZH_TIMES: &[&str] = &[
    "今年以来",
    "近日",
    "日前",
    "本周",
    "上周",
    "此前",
    "目前",
    "今年上半年",
    "第三季度",
    "当天",
    "去年同期",
    "过去五年",
    "未来三年",
];

const ZH_CONNECTORS: &[&str] = &[
    "同时",
    "此外",
    "另外",
    "但是",
    "然而",
    "因此",
    "与此同时",
    "据悉",
    "据了解",
    "报道称",
    "分析认为",
    "业内认为",
    "值得注意的是",
    "另据报道",
    "对此",
    "不过",
    "事实上",
];

const ZH_SAYS: &[&str] = &["表示", "指出", "强调", "认为", "坦言", "透露"];

const ZH_RESULTS: &[&str] = &[
    "引发广泛关注",
    "取得积极进展",
    "仍面临较大压力",
    "出现明显回落",
    "创下历史新高",
    "超出市场预期",
    "受到多方质疑",
    "得到普遍欢迎",
    "影响有待观察",
    "预计将于年内完成",
    "相关细节尚未公布",
    "引起网友热议",
];

fn zh_subject(rng: &mut Rng, out: &mut String) {
    match rng.below(10) {
        0..=3 => {
            out.push_str(rng.pick(ZH_PLACES));
            out.push_str(rng.pick(ZH_ORGS));
        }
        4..=6 => out.push_str(rng.pick(ZH_ORGS)),
        7 => {
            out.push_str(rng.pick(ZH_ROLES));
            out.push_str(rng.pick(ZH_NAMES));
        }
        _ => out.push_str(rng.pick(ZH_PLACES)),
    }
}

fn zh_object(rng: &mut Rng, out: &mut String) {
    if rng.chance(7) {
        out.push_str(rng.pick(ZH_ACRONYMS));
        return;
    }
    if rng.chance(30) {
        out.push_str(rng.pick(ZH_ADJS));
    }
    out.push_str(rng.pick(ZH_NOUNS));
    if rng.chance(30) {
        out.push_str(rng.pick(ZH_NOUN_SUFFIXES));
    }
}

fn zh_clause(rng: &mut Rng, out: &mut String) {
    zh_subject(rng, out);
    if rng.chance(40) {
        out.push_str(rng.pick(ZH_ADVS));
    }
    out.push_str(rng.pick(ZH_VERBS));
    if rng.chance(15) {
        out.push('了');
    }
    zh_object(rng, out);
}

fn zh_sentence(rng: &mut Rng, ctx: &Ctx, out: &mut String) {
    match rng.below(10) {
        0 => {
            if rng.chance(50) {
                let _ = write!(out, "当地时间{}月{}日", ctx.month, ctx.day);
            } else {
                out.push_str(rng.pick(ZH_TIMES));
            }
            out.push('，');
            zh_clause(rng, out);
            out.push('，');
            zh_clause(rng, out);
        }
        1 | 2 => {
            out.push_str(rng.pick(ZH_CONNECTORS));
            out.push('，');
            zh_clause(rng, out);
        }
        3 => {
            let [_, source, _] = path_of(rng.below(20));
            let _ = write!(out, "据{source}报道，");
            zh_clause(rng, out);
            out.push('，');
            out.push_str(rng.pick(ZH_RESULTS));
        }
        4 => {
            out.push_str(rng.pick(ZH_PLACES));
            out.push_str(rng.pick(ZH_ROLES));
            out.push_str(rng.pick(ZH_NAMES));
            out.push_str(rng.pick(ZH_SAYS));
            out.push_str("：“");
            zh_clause(rng, out);
            out.push('，');
            zh_clause(rng, out);
            out.push_str("。”");
            return;
        }
        5 => {
            out.push_str("数据显示，");
            out.push_str(rng.pick(ZH_PLACES));
            zh_object(rng, out);
            let _ = write!(
                out,
                "同比增长{}.{}%，规模达到{}亿元",
                rng.range(1, 30),
                rng.below(10),
                rng.range(2, 9999)
            );
        }
        6 => {
            zh_clause(rng, out);
            out.push('，');
            out.push_str(rng.pick(ZH_RESULTS));
        }
        7 => {
            zh_clause(rng, out);
            out.push('；');
            zh_clause(rng, out);
        }
        8 => {
            zh_subject(rng, out);
            out.push_str(rng.pick(ZH_SAYS));
            out.push('，');
            zh_clause(rng, out);
            out.push_str("，这被视为“");
            out.push_str(rng.pick(ZH_ADJS));
            out.push_str(rng.pick(ZH_NOUNS));
            out.push_str("”的信号");
        }
        _ => zh_clause(rng, out),
    }
    out.push('。');
}

fn zh_marker_sentence(rng: &mut Rng, ctx: &Ctx, out: &mut String) {
    let _ = write!(
        out,
        "报道还援引了{RARE_MARKER_ZH}{}月{}日的讲话，",
        ctx.month, ctx.day
    );
    zh_clause(rng, out);
    out.push('。');
}

fn zh_title(rng: &mut Rng) -> String {
    let mut t = String::with_capacity(96);
    match rng.below(6) {
        0 | 1 => zh_clause(rng, &mut t),
        2 => {
            zh_object(rng, &mut t);
            t.push('：');
            zh_clause(rng, &mut t);
        }
        3 => {
            zh_clause(rng, &mut t);
            t.push('，');
            zh_subject(rng, &mut t);
            t.push_str(rng.pick(ZH_VERBS));
        }
        4 => {
            t.push_str(rng.pick(ZH_PLACES));
            zh_object(rng, &mut t);
            let _ = write!(t, "同比增长{}%，", rng.range(2, 40));
            t.push_str(rng.pick(ZH_RESULTS));
        }
        _ => {
            zh_subject(rng, &mut t);
            t.push_str("：“");
            t.push_str(rng.pick(ZH_ADVS));
            t.push_str(rng.pick(ZH_VERBS));
            zh_object(rng, &mut t);
            t.push('”');
        }
    }
    t
}

fn zh_caption(rng: &mut Rng, out: &mut String) {
    match rng.below(3) {
        0 => {
            out.push_str(rng.pick(ZH_PLACES));
            out.push_str(rng.pick(ZH_NOUNS));
            out.push_str("现场 图自外媒");
        }
        1 => {
            let [_, source, _] = path_of(rng.below(20));
            out.push_str(source);
            out.push_str("报道截图");
        }
        _ => {
            out.push_str(rng.pick(ZH_ROLES));
            out.push_str(rng.pick(ZH_NAMES));
            out.push_str("发表讲话 资料图");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// English text

const EN_SUBJECTS: &[&str] = &[
    "the government",
    "officials",
    "researchers",
    "the central bank",
    "investors",
    "analysts",
    "the company",
    "regulators",
    "lawmakers",
    "the city council",
    "engineers",
    "doctors",
    "scientists",
    "the ministry",
    "voters",
    "the startup",
    "the union",
    "residents",
    "the agency",
    "critics",
    "supporters",
    "the committee",
    "the court",
    "police",
    "teachers",
    "farmers",
    "shipping firms",
    "airlines",
    "carmakers",
    "chipmakers",
    "developers",
    "maintainers",
    "economists",
    "the board",
];

const EN_VERBS: &[&str] = &[
    "announced",
    "approved",
    "rejected",
    "delayed",
    "expanded",
    "reduced",
    "launched",
    "unveiled",
    "questioned",
    "defended",
    "reviewed",
    "criticized",
    "welcomed",
    "proposed",
    "tested",
    "deployed",
    "abandoned",
    "revised",
    "predicted",
    "warned about",
    "invested in",
    "pulled out of",
    "signed",
    "blocked",
    "funded",
    "studied",
    "measured",
    "reported",
    "confirmed",
    "denied",
    "scrapped",
    "paused",
    "extended",
    "audited",
    "benchmarked",
    "rewrote",
];

const EN_ADJS: &[&str] = &[
    "new",
    "major",
    "controversial",
    "long-awaited",
    "ambitious",
    "costly",
    "experimental",
    "regional",
    "national",
    "global",
    "temporary",
    "permanent",
    "sweeping",
    "modest",
    "unexpected",
    "open-source",
    "renewable",
    "digital",
    "remote",
    "public",
    "private",
    "faster",
    "cheaper",
    "secret",
];

const EN_OBJECTS: &[&str] = &[
    "plan",
    "budget",
    "policy",
    "program",
    "report",
    "study",
    "framework",
    "merger",
    "deal",
    "tariff",
    "vaccine",
    "satellite",
    "battery",
    "chip",
    "network",
    "pipeline",
    "railway",
    "bridge",
    "reservoir",
    "protocol",
    "standard",
    "treaty",
    "ceasefire",
    "election",
    "strike",
    "investigation",
    "lawsuit",
    "forecast",
    "survey",
    "dataset",
    "compiler",
    "browser",
    "database",
    "kernel",
    "rocket",
    "telescope",
    "reactor",
    "wind farm",
    "port",
    "airport",
    "platform",
    "app",
    "subscription",
    "currency",
    "bond",
    "index",
    "heat pump",
    "language model",
    "supply chain",
    "housing scheme",
];

const EN_PLACES: &[&str] = &[
    "Berlin",
    "Tokyo",
    "Nairobi",
    "Lagos",
    "Toronto",
    "Sydney",
    "Mumbai",
    "Seoul",
    "Paris",
    "Madrid",
    "Chicago",
    "Texas",
    "California",
    "Brussels",
    "Geneva",
    "Singapore",
    "Jakarta",
    "Lima",
    "Oslo",
    "Warsaw",
    "Cairo",
    "Dubai",
    "Istanbul",
    "Manila",
    "Hanoi",
    "Santiago",
    "Vancouver",
    "Dublin",
    "Helsinki",
    "Lisbon",
    "Kyiv",
    "Taipei",
];

const EN_TAILS: &[&str] = &[
    "on Tuesday",
    "last week",
    "earlier this year",
    "after months of talks",
    "despite strong opposition",
    "according to people familiar with the matter",
    "amid rising costs",
    "for the first time",
    "by the end of the year",
    "in a statement",
    "citing safety concerns",
    "to the surprise of many",
    "as R&amp;D spending climbs",
    "ahead of the winter",
    "under pressure from shareholders",
];

const EN_CONNECTORS: &[&str] = &[
    "However,",
    "Meanwhile,",
    "In addition,",
    "Still,",
    "As a result,",
    "According to the report,",
    "For now,",
    "Separately,",
    "Even so,",
    "In a statement,",
    "Last year,",
    "By contrast,",
];

const EN_NAMES: &[&str] = &[
    "Maria Lopez",
    "David Chen",
    "Aisha Bello",
    "Tom Becker",
    "Priya Nair",
    "Lars Eriksen",
    "Kenji Sato",
    "Elena Petrova",
    "Samuel Okafor",
    "Hannah Weiss",
    "Omar Haddad",
    "Grace Kim",
];

const EN_ROLES: &[&str] = &[
    "a spokesperson for the ministry",
    "an economist at a think tank",
    "the company's chief executive",
    "a senior analyst",
    "a professor of engineering",
    "the mayor",
    "a union representative",
    "a researcher who led the study",
    "a former regulator",
];

const EN_TITLE_SUBJECTS: &[&str] = &[
    "regulator",
    "central bank",
    "city council",
    "startup",
    "ministry",
    "court",
    "union",
    "airline",
    "carmaker",
    "chipmaker",
    "university",
    "hospital",
    "port authority",
    "utility",
    "space agency",
    "bank",
    "insurer",
    "retailer",
    "broadcaster",
    "parliament",
];

const EN_TITLE_VERBS: &[&str] = &[
    "backs", "blocks", "delays", "unveils", "weighs", "expands", "scraps", "tests", "funds",
    "probes", "rejects", "launches", "revives", "cuts", "doubles", "pauses", "rethinks", "sues",
];

const EN_SMALL_WORDS: &[&str] = &["a", "an", "the", "of", "in", "on", "for", "to", "and", "as"];

fn en_subject(rng: &mut Rng, out: &mut String) {
    match rng.below(8) {
        0 => {
            out.push_str("officials in ");
            out.push_str(rng.pick(EN_PLACES));
        }
        1 => {
            out.push_str(rng.pick(EN_PLACES));
            out.push_str("'s ");
            out.push_str(rng.pick(EN_TITLE_SUBJECTS));
        }
        _ => out.push_str(rng.pick(EN_SUBJECTS)),
    }
}

fn en_object(rng: &mut Rng, out: &mut String) {
    out.push_str("the ");
    if rng.chance(50) {
        out.push_str(rng.pick(EN_ADJS));
        out.push(' ');
    }
    out.push_str(rng.pick(EN_OBJECTS));
}

fn en_clause(rng: &mut Rng, out: &mut String) {
    en_subject(rng, out);
    out.push(' ');
    out.push_str(rng.pick(EN_VERBS));
    out.push(' ');
    en_object(rng, out);
    if rng.chance(25) {
        out.push(' ');
        out.push_str(rng.pick(EN_TAILS));
    }
}

fn capitalize_from(out: &mut str, start: usize) {
    if let Some(s) = out.get_mut(start..start + 1) {
        s.make_ascii_uppercase();
    }
}

fn en_sentence(rng: &mut Rng, out: &mut String) {
    let start = out.len();
    match rng.below(8) {
        0 | 1 => {
            out.push_str(rng.pick(EN_CONNECTORS));
            out.push(' ');
            en_clause(rng, out);
        }
        2 => {
            out.push('"');
            en_clause(rng, out);
            capitalize_from(out, start + 1);
            let _ = write!(
                out,
                ",\" said {}, {}",
                rng.pick(EN_NAMES),
                rng.pick(EN_ROLES)
            );
        }
        3 => {
            let [_, source, _] = path_of(20 + rng.below(10));
            let _ = write!(out, "According to {source}, ");
            en_clause(rng, out);
            out.push_str(", and ");
            en_clause(rng, out);
        }
        4 => {
            let _ = write!(
                out,
                "Spending on the {} in {} rose by {}.{} percent to ${}.{} billion {}",
                rng.pick(EN_OBJECTS),
                rng.pick(EN_PLACES),
                rng.range(1, 30),
                rng.below(10),
                rng.range(1, 900),
                rng.below(10),
                rng.pick(EN_TAILS)
            );
        }
        5 => {
            en_clause(rng, out);
            out.push_str(", while ");
            en_clause(rng, out);
        }
        _ => en_clause(rng, out),
    }
    capitalize_from(out, start);
    out.push('.');
}

fn en_marker_sentence(rng: &mut Rng, out: &mut String) {
    let _ = write!(
        out,
        "The delegation later travelled to {RARE_MARKER_EN}, where "
    );
    en_clause(rng, out);
    out.push('.');
}

fn en_title(rng: &mut Rng) -> String {
    let mut t = String::with_capacity(96);
    match rng.below(7) {
        0 | 1 => {
            let _ = write!(
                t,
                "{} {} {} {} in {}",
                rng.pick(EN_TITLE_SUBJECTS),
                rng.pick(EN_TITLE_VERBS),
                rng.pick(EN_ADJS),
                rng.pick(EN_OBJECTS),
                rng.pick(EN_PLACES)
            );
        }
        2 => {
            let _ = write!(
                t,
                "{}'s {} {} {} {}",
                rng.pick(EN_PLACES),
                rng.pick(EN_TITLE_SUBJECTS),
                rng.pick(EN_TITLE_VERBS),
                rng.pick(EN_ADJS),
                rng.pick(EN_OBJECTS)
            );
        }
        3 => {
            let _ = write!(
                t,
                "why {} can't ignore the {} {}",
                rng.pick(EN_SUBJECTS).trim_start_matches("the "),
                rng.pick(EN_ADJS),
                rng.pick(EN_OBJECTS)
            );
        }
        4 => {
            let _ = write!(
                t,
                "analysis: the {} {} that {} {}",
                rng.pick(EN_ADJS),
                rng.pick(EN_OBJECTS),
                rng.pick(EN_VERBS),
                rng.pick(EN_PLACES)
            );
        }
        5 => {
            let _ = write!(
                t,
                "{} {} {} {} {}",
                rng.pick(EN_SUBJECTS).trim_start_matches("the "),
                rng.pick(EN_VERBS),
                rng.pick(EN_ADJS),
                rng.pick(EN_OBJECTS),
                rng.pick(EN_TAILS)
            );
        }
        _ => {
            let _ = write!(
                t,
                "how {} {} became a {} {}",
                rng.pick(EN_PLACES),
                rng.pick(EN_OBJECTS),
                rng.pick(EN_ADJS),
                rng.pick(EN_OBJECTS)
            );
        }
    }
    title_case(&t)
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (n, word) in s.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let start = out.len();
        out.push_str(word);
        if n == 0 || !EN_SMALL_WORDS.contains(&word) {
            capitalize_from(&mut out, start);
        }
    }
    out
}

fn en_caption(rng: &mut Rng, out: &mut String) {
    let _ = write!(
        out,
        "The {} {} in {}. Photo: {}",
        rng.pick(EN_ADJS),
        rng.pick(EN_OBJECTS),
        rng.pick(EN_PLACES),
        rng.pick(EN_NAMES)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const SEED: u64 = 42;

    fn front_matter(text: &str) -> &str {
        let rest = text
            .strip_prefix("\n---\n")
            .expect("starts with a blank line and ---");
        let end = rest.find("\n---\n").expect("closing ---");
        &rest[..end + 1]
    }

    fn yaml(text: &str) -> serde_yaml::Value {
        serde_yaml::from_str(front_matter(text)).expect("front matter is valid YAML")
    }

    fn body(text: &str) -> &str {
        let rest = text.strip_prefix("\n---\n").unwrap();
        &rest[rest.find("\n---\n").unwrap() + 5..]
    }

    #[test]
    fn deterministic_per_seed() {
        for i in 0..50 {
            assert_eq!(article_text(i, SEED), article_text(i, SEED));
            assert_ne!(article_text(i, SEED).1, article_text(i, SEED + 1).1);
            assert_ne!(article_text(i, SEED).0, article_text(i, SEED + 1).0);
        }
        assert_ne!(article_text(0, SEED).1, article_text(1, SEED).1);
    }

    #[test]
    fn file_names_are_numbered_and_hashed() {
        let mut names = HashSet::new();
        for i in 0..1000 {
            let (name, _) = article_text(i, SEED);
            assert_eq!(name.len(), 6 + 1 + 16 + 4, "{name}");
            assert!(name.starts_with(&format!("{i:06}_")), "{name}");
            assert!(name.ends_with(".txt"));
            assert!(name[7..23].bytes().all(|b| b.is_ascii_hexdigit()));
            assert!(names.insert(name));
        }
    }

    #[test]
    fn sizes_within_bounds() {
        for i in 0..2000 {
            let (_, text) = article_text(i, SEED);
            assert!(
                (MIN_BYTES..=MAX_BYTES).contains(&text.len()),
                "article {i}: {} bytes",
                text.len()
            );
        }
        for i in 0..200 {
            let len = article_text(i, 7).1.len();
            assert!((MIN_BYTES..=MAX_BYTES).contains(&len), "seed 7, {i}: {len}");
        }
    }

    #[test]
    fn layout_matches_the_seed_sample() {
        for i in 0..300 {
            let (_, text) = article_text(i, SEED);
            assert!(text.starts_with("\n---\ntitle: "));
            assert!(text.ends_with("</p>\n  \n</div>\n            "));
            assert!(
                !text.ends_with("             "),
                "exactly 12 trailing spaces"
            );
            assert!(body(&text).starts_with("\n<div>   \n<img src=\"https://example.com/img/"));
            assert!(!text.contains('{') && !text.contains('}'));
            let paragraphs = text.matches("<p>\n").count();
            assert!((3..=12).contains(&paragraphs), "article {i}: {paragraphs}");
        }
    }

    #[test]
    fn all_category_paths_appear() {
        let paths = category_paths();
        assert_eq!(paths.len(), 30);
        assert_eq!(paths.iter().collect::<HashSet<_>>().len(), 30);
        for seed in [SEED, 1, 2] {
            let mut seen = HashSet::new();
            for i in 0..2000 {
                let (_, text) = article_text(i, seed);
                let fm = front_matter(&text);
                let start = fm.find("categories: \n").unwrap() + "categories: \n".len();
                let cats: Vec<&str> = fm[start..]
                    .lines()
                    .take(3)
                    .map(|l| l.strip_prefix(" - ").unwrap())
                    .collect();
                seen.insert([cats[0], cats[1], cats[2]].map(str::to_owned));
            }
            assert_eq!(seen.len(), 30, "seed {seed}");
            assert!(
                seen.iter()
                    .all(|p| paths.contains(&[&*p[0], &*p[1], &*p[2]]))
            );
        }
    }

    #[test]
    fn dates_in_range_with_correct_weekday() {
        let (mut min, mut max) = (i64::MAX, i64::MIN);
        for i in 0..2000 {
            let (_, text) = article_text(i, SEED);
            let v = yaml(&text);
            let date = v["date"].as_str().unwrap();
            assert!(date.ends_with(" GMT"), "{date}");
            let parsed = chrono::DateTime::parse_from_rfc2822(date)
                .unwrap_or_else(|e| panic!("{date}: {e}"));
            let ts = parsed.timestamp();
            assert!((FIRST_TIMESTAMP..END_TIMESTAMP).contains(&ts), "{date}");
            min = min.min(ts);
            max = max.max(ts);
        }
        // Spread over the whole three years.
        assert!(min < FIRST_TIMESTAMP + 86_400 * 30);
        assert!(max > END_TIMESTAMP - 86_400 * 30);
    }

    #[test]
    fn civil_dates_match_chrono() {
        for ts in [
            0,
            FIRST_TIMESTAMP,
            END_TIMESTAMP - 1,
            1_582_934_400,
            1_641_485_630,
        ] {
            let ours = Civil::from_timestamp(ts).rfc2822();
            let theirs = chrono::DateTime::from_timestamp(ts, 0)
                .unwrap()
                .format("%a, %d %b %Y %H:%M:%S GMT")
                .to_string();
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn front_matter_parses_with_expected_keys() {
        let mut double_quoted = 0;
        for i in 0..500 {
            let (_, text) = article_text(i, SEED);
            let v = yaml(&text);
            let map = v.as_mapping().unwrap();
            let keys: Vec<&str> = map.keys().map(|k| k.as_str().unwrap()).collect();
            assert_eq!(
                keys,
                [
                    "title",
                    "categories",
                    "headimg",
                    "author",
                    "comments",
                    "date",
                    "thumbnail"
                ]
            );
            let title = v["title"].as_str().unwrap();
            assert!(!title.is_empty());
            if title.contains('\'') {
                double_quoted += 1;
                assert!(text.contains(&format!("title: \"{title}\"\n")));
            } else {
                assert!(text.contains(&format!("title: '{title}'\n")));
            }
            let cats = v["categories"].as_sequence().unwrap();
            assert_eq!(cats.len(), 3);
            assert_eq!(v["author"], cats[1]);
            assert_eq!(v["comments"].as_bool(), Some(false));
            let img = v["headimg"].as_str().unwrap();
            assert_eq!(v["thumbnail"].as_str(), Some(img));
            assert!(img.starts_with("https://example.com/img/") && img.ends_with(".jpg"));
        }
        assert!(double_quoted > 0, "some titles contain an apostrophe");
    }

    #[test]
    fn languages_and_markers() {
        let n = 5000;
        let (mut chinese, mut markers) = (0, 0);
        for i in 0..n {
            let (_, text) = article_text(i, SEED);
            let v = yaml(&text);
            let english = v["categories"][0].as_str() == Some("International");
            let title = v["title"].as_str().unwrap();
            if !english {
                chinese += 1;
                assert!(
                    title
                        .chars()
                        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                );
            }
            let b = body(&text);
            let expected = rare_marker(i, SEED);
            for marker in [RARE_MARKER_ZH, RARE_MARKER_EN] {
                assert!(!title.contains(marker));
                let count = b.matches(marker).count();
                assert_eq!(count, usize::from(expected == Some(marker)), "article {i}");
            }
            if let Some(m) = expected {
                markers += 1;
                assert_eq!(m == RARE_MARKER_EN, english);
            }
        }
        let zh_share = chinese as f64 / n as f64;
        assert!((0.6..0.73).contains(&zh_share), "{zh_share}");
        assert!((n / 200..=n / 50).contains(&markers), "{markers} markers");
    }

    #[test]
    fn generate_writes_n_files() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("corpus");
        let stats = generate(&target, 25, SEED).unwrap();
        assert_eq!(stats.files, 25);
        let mut total = 0;
        let mut count = 0;
        for entry in std::fs::read_dir(&target).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            let i: usize = name[..6].parse().unwrap();
            let contents = std::fs::read_to_string(entry.path()).unwrap();
            assert_eq!((name, contents), article_text(i, SEED));
            total += entry.metadata().unwrap().len();
            count += 1;
        }
        assert_eq!(count, 25);
        assert_eq!(stats.bytes, total);
    }
}
