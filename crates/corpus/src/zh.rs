//! Chinese text: vocabulary, and builders of sentences, titles and captions.

use std::fmt::Write as _;

use super::RARE_MARKER_ZH;
use super::categories::path_of;
use super::rng::Rng;

pub(super) struct Ctx {
    pub(super) month: u32,
    pub(super) day: u32,
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

pub(super) fn zh_sentence(rng: &mut Rng, ctx: &Ctx, out: &mut String) {
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

pub(super) fn zh_marker_sentence(rng: &mut Rng, ctx: &Ctx, out: &mut String) {
    let _ = write!(
        out,
        "报道还援引了{RARE_MARKER_ZH}{}月{}日的讲话，",
        ctx.month, ctx.day
    );
    zh_clause(rng, out);
    out.push('。');
}

pub(super) fn zh_title(rng: &mut Rng) -> String {
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

pub(super) fn zh_caption(rng: &mut Rng, out: &mut String) {
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
