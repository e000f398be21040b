"""Money wording as data: what marks an amount as assistance, its kind, and what rules it out.

The funding and money modules read only these tables; rules grow by editing them.
"""

from __future__ import annotations

# --- amounts (parsers/extraction/money.py) ---------------------------------------------------------

# Prefixes that make an amount approximate (kept in its surface text) and infixes/suffixes.
# A lower bound (以上, 余, 多) is approximate too: the figure is at least this much.
APPROX_PREFIXES = ("将近", "大约", "超过", "多达", "近", "约", "超", "逾")
# ... and so are these words right before the figure, left out of its surface text (the words
# before an amount are read for what it is: 每户企业...不少于1000万元).
LOWER_BOUND_LEADS = ("至少", "不少于", "不低于", "不下于")
APPROX_INFIXES = ("余", "多")
APPROX_SUFFIXES = ("以上", "左右")
# Between two amounts, these make one range (300万至500万元, 300-500万元, 300万~500万元).
RANGE_JOINERS = ("至", "到", "~", "-", "－", "—", "–", "——")
# A per-unit amount (每县300万元, 每个村50万元, 1000元/户, 两家各捐赠100万元) is no total: what it is
# per is read from 每 + one of these before it (a few words may stand between), or / + one after it ...
PER_UNITS = (
    "贫困户", "脱贫户", "农户", "学生", "学校", "企业", "项目", "乡镇", "街道", "村居", "社区", "家庭", "县", "市",
    "区", "乡", "镇", "村", "户", "人", "生", "校", "所", "家", "年", "月", "天", "亩", "名", "个",
)
PER_CLASSIFIERS = ("一个", "个", "位", "名", "所", "家")
# ... or from 各 right before it, or 各 and one of these verbs (双方各投入100万元).
EACH_VERBS = (
    "捐赠", "捐款", "捐资", "捐助", "捐", "出资", "投入", "安排", "拨付", "资助", "补助", "奖励", "支持",
    "援助", "获得", "发放", "落实", "筹集", "给予", "补贴",
)
# Written right before an amount, these make it another currency (港币500万元): not recorded.
CURRENCIES_BEFORE = ("港币", "港元", "美元", "美金", "欧元", "英镑", "日元", "澳元", "澳门币", "台币")

# 600万 / 110亿 written without 元 are money only right after one of these nouns ...
MONEY_NOUNS = ("资金", "价值", "金额", "投资", "款", "经费", "销售额", "资助", "援助", "捐赠", "捐款", "总额")
NOUN_WINDOW = 6
# ... or right before one of these, a few words of what the funds are between (首期20万援助资金,
# 500万东西部协作资金, 20万现金).
FUNDS_AFTER = ("资金", "善款", "现金", "捐款", "经费")
FUNDS_AFTER_GAP = 6
# ... and a plain figure per unit with no unit of money (发放慰问金1000/户, 助学金500/人) counts right after
# one of these (a word or two between: 慰问金每户, 补助标准为) when / and a unit of PER_UNITS follow it.
PER_MONEY_NOUNS = ("慰问金", "助学金", "奖学金", "补助金", "补贴", "补助", "奖励", "资金", "善款", "捐款")
PER_NOUN_GAP = 2
# ... and not when a measure follows (600万人次, 13亿立方米, 180亿度).
MEASURE_AFTER = (
    "人", "次", "亩", "吨", "度", "千瓦", "瓦", "平方", "立方", "公里", "里", "册", "本", "个", "户", "头",
    "只", "株", "棵", "台", "辆", "套", "箱", "桶", "斤", "公斤", "克", "字", "份", "件", "名", "张", "条",
    "元", "美元", "港元", "欧元", "英镑", "日元", "部", "家", "所", "项", "批", "倍", "%", "余人", "多人",
    "美金", "港币", "澳元", "澳门元", "澳门币", "新台币", "台币", "卢布", "韩元",
)
# Currencies that are not yuan: an amount followed by these is not recorded.
OTHER_CURRENCIES = ("美元", "港元", "港币", "欧元", "英镑", "日元", "澳元")

# --- is it assistance money? (parsers/extraction/funding.py) ---------------------------------------

# The sentence (or, failing that, its paragraph) must speak of the assistance.
ASSISTANCE_CUES = (
    "帮扶", "援", "捐", "协作", "对口", "结对", "定点", "挂钩", "扶贫资金", "扶贫款", "消费扶贫", "山海",
    "携手", "慰问金", "助学金",
)
# Counts in the sentence itself, not carried over from the one before (金融扶贫之先河).
WEAK_CUES = ("扶贫", "出资", "资助")
# In an article that states no pairing, only the programme's own words will do (a donation to a
# library is no paired assistance; 中央企业结对帮扶... or 山海协作 totals are).
PROGRAMME_CUES = (
    "帮扶", "对口", "结对", "协作", "援疆", "援藏", "援青", "援滇", "援黔", "援宁", "援建", "定点", "挂钩",
    "山海", "东西部", "支援", "财政援助", "援助资金",
)
# A gift the sentence itself states counts even there: donations are funding (corpus conventions).
GIFT_CUES = ("捐", "资助")  # 出资180万元资助剑川县…: giving too (not 出资 alone: 项目需出资N万元 is a need)
# 对口 / 结对 in the words of schools and offices (对口招生, 专业对口, 结对帮扶学困生) and of cadres
# visiting households name no paired assistance: blanked out before the cues above are looked for.
NOT_PROGRAMME = (
    "对口招生", "对口升学", "对口单招", "对口高考", "对口专业", "专业对口", "对口就业", "对口科室", "对口处室",
    "帮扶学困生", "结对学困生",
    # cadres paired with households (结对认亲, 帮扶干部走访结对户) are people, not places
    "结对认亲", "结亲户", "结对户", "帮扶干部", "帮扶责任人", "结对干部",
    # a category of county the state watches (国家乡村振兴重点帮扶县), not a helper's partner
    "重点帮扶县", "重点帮扶村",
)
# A paragraph that only spells out how the funds of the paragraph before are shared out
# (具体分配如下:广元市5200万元,南充市4300万元): that paragraph's words mark its amounts.
ALLOCATION_LEADS = ("具体分配如下", "分配如下", "具体安排如下", "分配情况如下", "分配方案如下", "具体下达如下", "下达如下",
                    "分解如下", "具体如下")
# ... or a sentence that shares them out with one of these and lists the shares after 其中.
SHARE_VERBS = ("分配给", "分配到", "分配至", "下达给", "下达到", "拨付给", "拨付到", "切块到")
# An article that states no pairing and speaks of a friendship tie (缔结友好城市) reports the
# contracts and trade of equals, not assistance (两市企业签约合作项目...总金额12亿元).
FRIENDSHIP_WORDS = ("友好城市", "友城", "姊妹城市", "姐妹城市", "友好县", "友好区", "缔结友好")
# Investment counts when the sentence says it was brought in (引导企业投资).
INVEST_ATTRACT_CUES = ("引导", "引进", "引入", "招引", "招商", "签约")
# 投入广东省财政帮扶资金: a place followed by its treasury spends its own money - it gives.
OWN_TREASURY = ("财政", "省级财政", "市级财政", "县级财政", "本级财政")
# A clause opening with one of these has no giver of its own: the firms it brings in invest for the helper.
ATTRACT_OPENERS = ("引进", "引导", "引入", "招引", "招商引进", "共引进", "累计引进", "帮助引进", "协助引进")

# Words just before an amount (in its clause) that make it something else: incomes, output,
# budgets of the recipient itself, central transfers, prices, fund sizes.
NON_FUNDING_CUES = (
    "收入", "工资", "年薪", "月薪", "人均", "生产总值", "GDP", "产值", "营业额", "营收", "分红",
    "利润", "税收", "存款", "价格", "售价", "票价", "均价", "每斤", "每公斤", "单价", "租金",
    "增收", "收益", "市值", "总产", "财政收入", "一般公共预算", "专项资金", "中央财政", "国务院",
    "工会经费", "自筹", "配套资金", "资金规模", "基金规模", "自投", "贷款余额", "薪酬", "补贴标准",
    "救助资金", "救助金", "衔接资金", "衔接推进乡村振兴", "预算内投资", "中央预算内", "科研经费",
    "固定资产投资", "交易额", "贸易额", "进出口额", "进出口总额",  # own statistics; trade; sales at a fair
    "增加值", "产业规模", "总产出",  # output (工业增加值达到300亿元)
    "生活补助", "安家补助", "安家费", "津贴",  # what a sent cadre or teacher is paid
    "每月",  # a monthly rate (每人每月300元稳岗补贴, a wage), not a sum given; 助学金每人1000元 is aid (gold counts it)
    "惠企", "助企", "纾困",  # a place's support for its own businesses (惠企资金, 助企纾困)
)
NEGATIVE_WINDOW = 12
# Words that only look like one of those cues (销售价值 holds 售价): blanked before the cues are looked for.
NOT_NON_FUNDING = ("销售价值",)
# ... unless the programme's own words qualify the fund (劳务协作专项资金, 帮扶专项资金, 援疆专项资金,
# 对口支援资金规模达5000万元: the yearly sum of the aid, not a fund held).
QUALIFIED_FUNDS = ("专项资金", "资金规模")
FUND_QUALIFIERS = ("协作", "帮扶", "援", "对口", "结对")
# A clause with no subject of its own (…增长9.1%,达到1.3万元) goes on with the one before it:
# that clause's words say what the figure is.  These open such a clause.
SUBJECTLESS_OPENERS = (
    "达到", "达", "增至", "增加到", "增长到", "提高到", "提升到", "上升到", "升至", "突破", "超过", "逾", "为",
    "至", "合计", "总计", "共计",
)
SUBJECTLESS_LEADS = ("同比", "首次", "已", "均", "分别", "共", "累计", "全年", "年均")
# ... and a clause of a short subject and such a predicate goes on with the measure of the clause
# before it (江苏人均GDP突破1万元,苏南超过2万元): the characters its subject may have.
PARALLEL_SUBJECT_MAX = 4
GOODS_WORDS = ("物资", "物品", "设备", "资金", "款物")  # ... unless it names what the figure is (教育物资50万元)
# ... or just after it (3.6万元/年分红收益).
# A sentence that names nobody goes on with the money of the sentence before: when that one
# speaks of the helped side's own funds, so does the figure (全区各单位利用工会经费...采购).
OWN_FUNDS_CUES = ("工会经费", "自筹", "自有资金", "本级财政", "配套资金", "本地农特产品")
NON_FUNDING_AFTER = ("分红", "收益", "工资", "收入", "利润", "/年", "/月", "每年分红", "来自中央", "中央和地方")
AFTER_WINDOW = 8

# Words before an amount that say its kind (the nearest wins).
KIND_CUES: dict[str, tuple[str, ...]] = {
    "捐赠": ("捐赠", "捐款", "捐资", "捐助", "捐物", "款物", "捐献", "助力金", "慰问金", "善款", "助学金", "募集", "认捐",
           "捐赠资金", "捐助资金", "捐赠款"),
    "融资": ("融资", "贷款", "授信"),
    "投资": ("投资", "招商", "签约项目", "引进企业", "落地项目", "引资"),
    "消费帮扶": ("消费帮扶", "消费扶贫", "采购", "销售农产品", "购买", "销售额", "销售", "消费金额"),
    "帮扶资金": (
        "帮扶资金", "援助资金", "扶贫资金", "协作资金", "援建资金", "援疆资金", "援藏资金", "援青资金",
        "财政援助", "财政帮扶", "支援资金", "帮扶", "援助", "资金", "投入", "拨付", "安排", "落实", "筹集",
        "经费",
    ),
}
KIND_WINDOW = 24

# --- who gives to whom (parsers/extraction/attribution.py) -----------------------------------------

# "X向Y捐赠", "X为Y筹集", "X给Y": a preposition before the receiver, a giving verb after it.
GIVE_PREPOSITIONS = ("向", "为", "给")
# ... and after the amount, 为 names who it is for (筹措资金205万元为Y建成光伏项目).
FOR_AFTER = ("为",)
GIVE_VERBS = (
    "捐赠", "捐款", "捐资", "捐助", "援助", "投资", "投入", "拨付", "支援", "提供", "帮扶", "落实", "筹集",
    "募集", "筹措", "捐", "安排", "扶持", "资助", "下达", "送来", "送去", "送上", "带去", "带来", "发放", "划拨", "注入",
)
# "X捐赠Y款物", "拨付...支持Y", "扶持Y...资金": a giving verb right before the receiver.
DIRECT_GIVE_VERBS = ("捐赠", "捐助", "援助", "支援", "资助", "扶持", "支持", "帮助", "用于", "给予")
# ... also opening the clause right after the amount (…支出1010万元,定向资助A县), after one of these.
NEXT_CLAUSE_LEADS = ("定向", "专项", "专门", "重点", "全部", "主要", "全额", "分别")
# Buying from the helped side: the buyer is the donor (采购乐都区农特产品, 向天津销售).
PURCHASE_VERBS = ("采购", "购买", "认购")
SALE_VERBS = ("销售", "出售")
# What is bought from the helped side (采购了2万元本地产品): with a purchase verb and the helped place
# named in the sentence, the purchase is consumption assistance even where no other word says so.
PRODUCE_WORDS = ("农特产", "农产品", "特产", "土特产", "本地产品", "扶贫产品", "农副产品")
# "Y获得X捐赠 / Y争取X资金": the receiver is the subject, the giver right after the verb.
# The helped side spending with no helper named and no money received (我区…累计投入资金20.7亿元,
# 全区预算单位采购…2.23亿元) spends its own: no assistance, unless the money's own words say it is
# (投入东西部协作资金, 帮扶资金).  The verbs of such spending, and the words that make money assistance.
OWN_SPEND_VERBS = ("投入", "安排", "统筹", "整合", "采购", "购买", "拨付", "下达", "落实", "筹措", "筹集", "使用",
                   "增加补助", "转移支付")
AID_MONEY_WORDS = ("协作", "帮扶", "援", "支援", "对口", "捐", "结对", "定点")
RECEIVE_VERBS = ("获得", "收到", "接受", "接收", "获赠", "争取到", "争取")
# "由X联合发起": the doer of a passive sentence gives.
AGENT_VERBS = ("发起", "组织", "主办", "承办", "举办", "实施", "出资", "捐赠", "捐资", "牵头", "援建")
# 商会发动市温州商会捐赠10万元、市台州商会捐赠5万元: a named organisation written right before a
# giving verb and the amount gives it, whoever mobilised it (a format template: {verbs} = GIVE_VERBS).
# The text between the organisation and the amount must be all of this.  A group (动员社会力量捐助,
# 引导2510家企业投资) is no such giver: the money is the mobiliser's.
ORG_GIVES_AMOUNT = r"(?:共|累计|共计|再|又|还|也|各|分别|已)?(?:{verbs})了?(?:善款|资金|帮扶资金|爱心款|款物)?(?:共|计)?"
# Before the organisation these make it the receiver (向市商会捐赠), not the giver.
ORG_GIVES_NOT_AFTER = ("向", "为", "给", "对", "到", "助", "援", "扶", "持", "赠")
# "在Y投资": where an investment goes.
INVEST_AT = ("在", "到", "赴")
# 援助资金到疆 (into a province named by its abbreviation); 对口支援三峡库区 (a helped area
# the gazetteer cannot name); 用于结对县市区发展 (what the money is for); 特别是在...地区,
INTO_WORDS = ("到", "入", "进")
TARGET_VERBS = ("对口支援", "对口帮扶", "对口协作")
TARGET_AREAS = ("库区", "水源区", "移民区", "山区", "地区")
USED_FOR_ENDS = ("发展", "建设")
# ... and the receiver so written names places (结对县市区), not what is built (用于机耕道建设) or a verb (用于培育和发展).
USED_FOR_PLACE_ENDS = ("县", "区", "市", "州", "省", "盟", "旗", "乡", "镇", "村", "屯", "社区", "地区", "两地")
# 用于保障高岗镇… / 用于支持…: the verbs between 用于 and the place the money is for.
USED_FOR_LEADS = ("保障", "支持", "帮助", "扶持", "资助", "改善", "推动", "助力")
# A receiver written as people or a thing, not as a place or a body (向10户困难户发放, 为每户贫困户提供,
# 向当地困难学生捐赠, 为爱心超市投入): the money goes to the place the article is about, not to the span.
RECEIVER_PEOPLE_HEADS = (
    "户", "学生", "儿童", "孩子", "群众", "家庭", "老人", "村民", "职工", "教师", "人员", "患者", "群体",
    "妇女", "青少年", "人口", "党员", "干部", "每年", "超市", "方案", "活动",
)
# ... or as a description with no name (所帮扶的村, 支持水源区), or a span a dash cuts (以…为核心的方案——),
# or "in the village" (为村里捐赠).
RECEIVER_DESCRIPTION_LEADS = ("所", "当地", "每户", "每人", "每名", "支持", "帮助", "用于", "扶持")
RECEIVER_HERE = ("村里", "镇里", "乡里", "县里", "市里", "这里", "那里",
                 # a village's own bodies written without its name (向村委会捐赠): the village the sentence is in
                 "村委会", "村两委", "村委", "村民委员会", "村党支部")
# A receiver named by a demonstrative (向该计划捐赠, 为此次活动捐款): a programme, not a place.
DEMONSTRATIVES = ("该", "此", "本", "这")
LOCATIVE_LEADS = ("特别是", "尤其是", "其中")
# A receiver written on past its places is a span as written (河南、湖北两省水源区).
# ... and after a giving verb with no verb after the receiver (支持四川、云南两省部分少数民族地区脱贫攻坚),
# the span runs to the area its head words end with (a format template: {heads} = RECEIVER_HEADS).
RECEIVER_AREA = r"(?:{heads})(?:[^,,。;;、]{{0,8}}?(?:聚居区|地区|山区|库区|水源区|移民区))?"
RECEIVER_HEADS = ("两省", "两市", "两县", "两区", "两地", "地区", "水源区", "库区", "山区", "等地", "等")

# Whom state-owned companies belong to (省属, 中央), or where central ones sit (驻滇: a province's abbreviation).
_SOE = r"(?:中央|省属|市属|州属|区属|县属|驻[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘青宁疆])"
# Groups that give or receive as a whole: 东部8个省市, 19个对口援疆省市, 12户国有企业,
# 32家民营企业, 结对市县, 山区26县, 沿海发达市县 / 欠发达市县, 中央企业, 社会各界 (regular
# expressions; the first group is the name as written).
_N = r"(?:\d+|[一二三四五六七八九十]+)"
GROUP_PATTERNS = (
    rf"(?:[东西中]部|东中部|中西部)?{_N}个\**(?:对口援疆|对口援藏|对口援青|援疆|援藏|援青|对口支援|对口帮扶|帮扶|结对|深度贫困|贫困|脱贫|重点)?"
    r"(?:省区市|省市区|省市|省区|省份|市县|县市区|县市|区县|县区|市州|地市|城市|县|市)",
    rf"(?:[东西中]部|东中部|中西部){_N}(?:省区市|省市区|省市|省区|省份|市|县)",
    r"(?:各)?对口(?:支援|帮扶|援疆|援藏|援青)省(?:区)?市",
    # a count of companies with a few words of their kind (15户省属国有企业, 28家建筑企业), and where they
    # come from when that is a side of the country (来自东部的12家企业)
    rf"(?:来自(?:东部沿海|[东西中]部|东中部|沿海)(?:地区)?的)?{_N}(?:户|家)[^\W\d_A-Za-z和与及向为给的共在、]{{0,4}}?企业(?!家)",
    r"各(?:对口帮扶|对口支援|结对帮扶|帮扶)(?:省市|市县|市、县\(区\)|县\(市、区\)|区县|城市|市|县|区)",
    r"结对(?:县市区|市县|县市|县区|区县|城市|地区)",
    # a count of counties written without 个 (浙江18县, 甘孜州18县): a place's counties, joined to it
    r"(?<![\d年月日第号期])\d+县(?![城域长委级])",
    rf"山区{_N}个?县",
    r"(?:沿海|[东西中]部|中西部|[\u4e00-\u9fff](?:东南|西南|东北|西北|[东西南北中]))?欠?发达"
    r"(?:县市区|市县|县市|县区|地区|省市|省份|城市|县|市)",
    r"社会各界(?:、企业)?|社会力量|中央企业|央企",
    # state-owned companies by whom they belong to, one kind or several (省属企业, 中央驻滇和省属企业,
    # 驻黔央企, 各国有企业); before 中央企业 they are longer, so they win where both match
    rf"(?:各)?{_SOE}(?:[和及、]?{_SOE})*(?:国有)?(?:企业|央企)(?!家)|各国有企业",
    # a count of a level's own offices (9家省直单位, 12家中直定点帮扶单位)
    rf"{_N}(?:家|个)(?:省直|市直|县直|区直|中直|中央和国家机关|中央国家机关|中央)(?:定点帮扶|帮扶|结对)?单位",
)
# A place's units counted after it (广西8市33个贫困县, 云南省8个州市40个贫困县): the receiver is the
# place with its counted group, as stated.  What may stand between the place and the group.
PLACE_UNIT_COUNT = rf"{_N}个?(?:州市|市州|地市|市|州)、?"
# Where a match of GROUP_PATTERNS can start: one of these characters, or any character with a direction
# after it (闽东南欠发达地区).  The matcher tests this before trying every pattern at a position; keep it
# in step with GROUP_PATTERNS (tests/parsers/extraction/test_groups.py checks it on generated matches).
GROUP_STARTS = r"[\d一二三四五六七八九十东西中各对来结山沿欠发社央省市州区县驻]|[\u4e00-\u9fff][东西南北中]"
# A side of the country and a count (东部4市, 东部8个省市, 西部2县): when the count is the number of the
# article's helpers (receivers) of that side, it names them all (group 1 the side, group 2 the count).
SIDE_COUNT = rf"(东部|东中部|西部|中西部)({_N})个?(?:省区市|省市区|省市|省区|省份|城市|市|县)"
SIDE_HELPS = {"东部": True, "东中部": True, "西部": False, "中西部": False}
# A list of places closed by 等 and their count (A、B、C等5个县(市、区)7个行政村): the places counted are
# a whole, written as stated (group 1); money that names none of them is the whole's.
COUNTED_WHOLE = (rf"等((?:{_N}个[\u4e00-\u9fff]{{0,4}}?(?:县市区|县区|区县|乡镇|街道|社区|县|市|区|州|旗|乡|镇|村)"
                 r"(?:\([\u4e00-\u9fff、]{1,8}\))?)+)")
COUNTED_WHOLE_JOINER = "等"
# The people a helper sends (全体援藏干部, 第七批援疆干部人才, 援青医疗队) give as one group only what they
# donate themselves (a donation word follows in their sentence: 慷慨解囊,捐赠10万元); the funds a team
# carries out (援藏工作队落实援藏资金9.6亿元) or a body of theirs signs for (援藏干部联络组) are their region's.
PEOPLE_GROUP = (r"(?:全体)?(?:第[一二三四五六七八九十\d]{1,3}批)?(?:对口)?援[藏疆青滇黔宁蒙]"
                r"(?:干部人才|干部|工作队|医疗队|专家团队)(?![\u4e00-\u9fff]{0,2}?[组部站处])")
PEOPLE_STARTS = "[全第对援]"  # where a match of PEOPLE_GROUP can start (checked as GROUP_STARTS is)
PEOPLE_DONATING = ("捐", "募", "解囊", "资助", "慰问")
# A place's companies or people giving as themselves (莆田市爱心企业捐赠..., 鼓楼区企业还向...):
# the words after the place, then what must follow them (a giving verb, or 还/也/向 before one).
REGION_GROUP_TAILS = ("爱心企业家", "爱心企业", "爱心人士", "企业家", "企业和社会组织", "企业和个人", "社会组织", "社会力量",
                      "社会各界", "企业")
# Words that may stand between such a group and its giving (上海的企业今年已经向莎车捐款).
GROUP_GIVING_ADVERBS = ("今年", "去年", "近日", "日前", "近年来", "累计", "先后", "已经", "已", "共", "还", "也",
                        "积极", "纷纷", "主动")
# Words between a place and 向 that make the giver its people, not the place (no pairing).
GIVER_GROUP_WORDS = ("企业", "人士", "群众", "职工")
REGION_GROUP_GIVING = ("还向", "也向", "向", "还为", "为", "还捐", "捐", "共捐", "积极捐", "纷纷捐", "自发捐")
# ... and the units of a place as one group (上海市各区, 拉萨市各县区, 西湖区各镇街), whatever follows.
REGION_EACH_TAILS = ("各县(市、区)", "各县市区", "各县区", "各区县", "各县市", "各市县", "各镇街", "各乡镇",
                     "各街道", "各区", "各县", "各镇", "各乡")
# A party joined to a group gives with it as one (住建局携手28家建筑企业, 天津和东部九省市,
# 集团及所属企业); the group is named X及G.
GROUP_JOINERS = ("以及", "及", "和", "携手", "联合")
MEMBER_GROUPS = ("所属企业", "下属企业", "旗下企业", "所属单位", "下属单位", "成员单位")
# Money of a level of government of the giver (区级资金, 县级援藏资金) is its districts' or counties'.
LEVEL_FUNDS = {"区级": "各区", "县级": "各县"}
# 各企业 / 这些企业 after a group of companies (中央驻滇和省属企业…,各企业累计投入): that group again, when
# one whose name ends with the same head was written within this many characters before.
GROUP_BACK_REFERENCE = r"(?:各|这些|上述|以上)(企业|单位)"
GROUP_BACK_REACH = 300
# Short names of groups, written out (央企 is 中央企业).
GROUP_ALIASES = {"央企": "中央企业"}
# Words a group's name leaves out: all of them are the group (全体援藏干部 is 援藏干部).
GROUP_QUANTIFIERS = ("全体",)
# Adverbs that end the span before a verb and never a receiver's name (向扶贫协作地区已拨付): cut off.
SPAN_TRAILING_ADVERBS = ("已经", "已", "共计", "总共", "共", "累计", "先后", "分别", "陆续", "均", "还", "也", "又",
                         "再", "将")

# A period given for an amount: 2013年到2017年, 2018年以来, 今年, "十四五"期间.
PERIOD_PATTERNS = (
    r"(?:从)?(?:19|20)\d{2}年(?:\d{1,2}月)?(?:到|至|—|-|～)(?:(?:19|20)\d{2}年)?(?:\d{1,2}月)?",
    r"(?:19|20)\d{2}(?:-|—|～)(?:19|20)\d{2}年",
    r"(?:19|20)\d{2}年(?:以来|至今)",
    r"“?十[一二三四五]五”?(?:期间|以来|时期)",
    r"(?:19|20)\d{2}年(?:\d{1,2}月)?",
    r"今年(?:以来|上半年|前三季度|\d{1,2}(?:至|-)\d{1,2}月)?|去年|前年|上半年",
)


# --- attribution (parsers/extraction/attribution.py) ----------------------------------------------------------

# 向两县投入: a count of places (group 1 the number), which are the giver's partners, or the places
# the sentence has just listed (为3个村分别捐赠).
# 对246个定点扶贫县投入: places counted, with what they are, as a receiver after 对.
COUNTED_RECEIVERS = r"(?:\d+|[两三四五六七八九十百千]+)个[^,,。;;、]{0,6}?(?:县|村|乡|镇|区|市|州)"
COUNTED_PLACES = r"(两|三|四|五|六|七|八|九|十|\d+)个?(?:县|县区|县市|市|区|州|地|村|镇|乡)"
# 用于结对县市区发展: the receiver of what the money is used for (a format template: {ends} = USED_FOR_ENDS).
USED_FOR_VERB = "用于"
USED_FOR = r"([^,,。;;::!?!?\n的]{{2,10}}?)的?(?:{ends})"
# 特别是在“三区三州”等深度贫困地区,...投入: where the money went (a format template: {leads} = LOCATIVE_LEADS).
# X在Y开展定点帮扶工作,累计投入…: the place where the giver does its helping receives the sum
# (group 1: what follows 在, up to the helping).
HELPING_AT = r"在([^,,。;;]{2,20}?)(?:开展|实施|进行|从事)[^,,。;;]{0,8}?(?:帮扶|援|协作|扶贫)"
LOCATIVE = r"^(?:{leads})?在([^,,。;;]{{2,16}}?(?:地区|县|区|州|市|省|乡|村|镇))[,,]"
# 浙江省2024年第二批东西部协作财政援助资金1.5亿元: a place, then the name of its own funds, then the sum.
OWNED_FUNDS = (r"(?:\d{4}年度?)?(?:第[一二三四五六七八九十\d]+批)?[\u4e00-\u9fff]{0,10}?"
               r"(?:援助资金|帮扶资金|协作资金|援疆资金|援藏资金|援青资金|支援资金)")
PAIR_JOINERS = ("与", "和", "同")  # a subject written X与Y (两地) speaks of a pair
# A company's plain donation is charity (杭州市某建材有限公司向某村捐赠30万元): its money ties it to the
# village only where the sentence names the assistance; a public body's money to a village always does.
COMPANY_ENDINGS = ("公司", "集团", "企业", "银行", "分行", "支行")
COMPANY_WORD = "企业"  # 引导...企业投资: companies a place attracts are not the giver
INVEST_VERB = "投资"  # 在Y投资
# ... and 在Y(先后)投入…资金: the spending verbs a place after 在 receives by, and adverbs before them.
SPEND_AT_VERBS = ("投资", "投入", "捐赠", "捐建", "援建")
SPEND_AT_ADVERBS = ("先后共", "先后", "累计", "共计", "共", "已经", "已", "陆续", "还", "又")
AGENT_LEAD = "由"  # 由X发起: the doer of a passive sentence

# A party followed by an official's title and a verb of saying is who speaks, not who gives
# (甘肃省扶贫办主任X介绍, 重庆市发改委相关负责人表示): no donor or recipient of the figures they cite.
SPEAKER_TITLES = ("主任", "局长", "负责人", "书记", "主席", "县长", "市长", "省长", "区长", "州长", "处长", "部长",
                  "董事长", "总经理", "厅长", "委员", "发言人")
SPEAKING_VERBS = ("介绍", "表示", "说", "称", "指出", "透露", "告诉记者")
SPEAKER_GAP = 10  # characters between the party and its official's verb of saying
