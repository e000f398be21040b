"""Extraction rules as data: how the press states a pairing and a funding announcement.

Everything the extractor knows about wording lives here, so that rules grow by
editing tables, not code paths.  All text is Simplified (normalisation runs first).
"""

from __future__ import annotations

# --- pairings ---------------------------------------------------------------------------

# A verb that states who helps whom: "X <verb> Y".  Longest first; value = relation reported.
RELATION_VERBS: dict[str, str] = {
    "对口帮扶": "对口帮扶",
    "对口支援": "对口支援",
    "对口协作": "对口协作",
    "对口援助": "对口支援",
    "对口合作": "对口协作",
    "结对帮扶": "结对帮扶",
    "定点帮扶": "定点帮扶",
    "定点扶贫": "定点帮扶",
    "挂钩帮扶": "挂钩帮扶",
    "扶贫协作": "东西部协作",
    "帮扶": "帮扶",
    "援建": "对口支援",
}

# "X与Y ... <act>": two parties joined, then an act that binds them; the first is the helper.
JOIN_WORDS = ("与", "和", "同")
BINDING_ACTS = ("结对", "结成", "建立", "签署", "签订", "签约")
# ... and the window after Y must say what kind of tie it is.
TIE_WORDS = ("帮扶", "协作", "支援", "对口", "结对", "援助")

# "X—Y对口协作": a dash-joined pair followed by one of these.
DASH_CHARS = "—–-－―~～"
DASH_RELATIONS = ("对口协作", "对口帮扶", "对口支援", "扶贫协作", "东西部协作", "协作", "结对", "帮扶")

# Separators inside a list of recipients: 杭州市对口帮扶黔东南州、恩施州和...
LIST_SEPARATORS = ("、", "和", "及", "以及", "与")

# When the sentence says this, the relation is reported as 东西部协作.
EAST_WEST_CUES = ("东西部", "东西协作", "东西扶贫")

# Provinces by side, to orient "X与Y" statements of 东西部协作 whatever order the text uses.
EAST_PROVINCES = frozenset({
    "北京市", "天津市", "上海市", "江苏省", "浙江省", "福建省", "山东省", "广东省", "辽宁省",
})
WEST_PROVINCES = frozenset({
    "内蒙古自治区", "广西壮族自治区", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区",
    "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区", "湖北省", "湖南省",
    "吉林省", "河北省",
})

# Organisations that help: a (region or bare 省/市/县) prefix, a stem, and a suffix.
ORG_STEMS = (
    "教育", "财政", "民政", "农业农村", "卫生健康", "卫健", "人力资源和社会保障", "人社", "商务",
    "科技", "文化和旅游", "文旅", "交通运输", "住房和城乡建设", "住建", "自然资源", "生态环境",
    "水利", "发展和改革", "发展改革", "发改", "工业和信息化", "经信", "国资", "乡村振兴", "扶贫开发",
    "扶贫", "审计", "统计", "税务", "公安", "司法", "林业", "工商联", "总工会", "妇联", "团",
    "对口支援和区域合作", "合作交流", "协作",
)
ORG_SUFFIXES = ("厅", "局", "委员会", "委", "办公室", "办")
ORG_BARE_PREFIXES = ("省", "市", "县", "区", "州", "自治区")
# Named organisations: 某某大学, 某某集团 ... (the name must follow a region or stand at a clause start).
ORG_NAMED_SUFFIXES = ("大学", "学院", "银行", "集团", "有限公司", "公司", "慈善总会", "商会", "基金会", "医院")

# --- funding ----------------------------------------------------------------------------

# Words before an amount that make it the money of the assistance, by kind (first hit nearest
# the amount wins).  Order within a kind does not matter.
KIND_CUES: dict[str, tuple[str, ...]] = {
    "捐赠": ("捐赠", "捐款", "捐资", "捐助", "捐物", "款物", "捐献", "助力金", "慰问金"),
    "融资": ("融资", "贷款", "授信"),
    "投资": ("投资", "招商", "签约项目", "引进企业", "落地项目", "引资"),
    "消费帮扶": ("消费帮扶", "消费扶贫", "采购", "销售农产品", "购买", "销售额"),
    "帮扶资金": (
        "帮扶资金", "援助资金", "扶贫资金", "协作资金", "援建资金", "援疆资金", "援藏资金", "援青资金",
        "财政援助", "财政帮扶", "帮扶", "援助", "资金", "投入", "拨付", "安排", "落实", "筹集",
    ),
}

# The sentence must speak of the assistance for an amount in it to count at all.
ASSISTANCE_CUES = (
    "帮扶", "援", "捐", "协作", "对口", "结对", "扶贫", "投资", "融资", "资金", "助力", "支持", "采购",
)

# Words just before an amount that make it something else: incomes, output, budgets of the
# recipient itself, prices.
NON_FUNDING_CUES = (
    "收入", "工资", "年薪", "月薪", "人均", "生产总值", "GDP", "产值", "营业额", "营收", "分红",
    "利润", "税收", "存款", "价格", "售价", "票价", "均价", "每斤", "每公斤", "单价", "租金",
    "增收", "收益", "市值", "总产", "财政收入", "一般公共预算",
)

# How far (characters) before an amount the kind cues and the negative cues are looked for.
KIND_WINDOW = 24
NEGATIVE_WINDOW = 10

# Explicit direction of money: "X向Y捐赠", "X到Y投资", "X为Y筹集"; the verb must follow Y closely.
GIVE_PREPOSITIONS = ("向", "为", "给", "给予", "到", "在", "赴", "对")
GIVE_VERBS = ("捐赠", "捐款", "捐资", "捐助", "援助", "投资", "投入", "拨付", "支援", "提供", "帮扶", "落实", "筹集")
# "X捐赠Y款物": a giving verb directly followed by the recipient.
DIRECT_GIVE_VERBS = ("捐赠", "捐助", "援助", "支援", "资助")

# Prefixes that make an amount approximate (kept in its surface text) and infixes/suffixes.
APPROX_PREFIXES = ("将近", "大约", "超过", "近", "约", "超", "逾")
APPROX_INFIXES = ("余", "多")
APPROX_SUFFIXES = ("以上", "左右")

# A period given for an amount: 2013年到2017年, 2018年以来, 今年, "十四五"期间.
PERIOD_PATTERNS = (
    r"(?:从)?(?:19|20)\d{2}年(?:\d{1,2}月)?(?:到|至|—|-|～)(?:19|20)\d{2}年(?:\d{1,2}月)?",
    r"(?:19|20)\d{2}年(?:以来|至今)",
    r"“?十[一二三四五]五”?(?:期间|以来)",
    r"(?:19|20)\d{2}年(?:\d{1,2}月)?",
)
