"""Party wording as data: how the press names the parties - divisions, the units below a county,
development zones, organisations and groups.

The party modules (places, localunits, zones, orgs, orglexicon, legalnames, mentions, words,
groups) read their words and patterns from these tables; rules grow by editing them.  All
text is Simplified (normalisation runs first).
"""

from __future__ import annotations

# --- divisions (parsers/extraction/places.py; words.py, clauses.py, implied.py) -------------------------

# What a division's name ends with when written in full (沿河县); a name without one is a short form (沿河).
DIVISION_UNIT_ENDINGS = tuple("省市县区州旗盟")
# Between a place and what lies inside it or belongs to it: 承德市的承德县, 黑水县石碉楼乡的丁寨村, 七都镇的3家企业.
PARTY_POSSESSIVE = "的"
# A place's government or party committee written after it stands for the place (惠山区政府和中国信达...).
PLACE_GOVERNMENT_TITLES = ("人民政府", "党委政府", "政府", "党委")
# A count of places (文山州两县, 三县各100万元): group 1 is the number.
PLACE_COUNT = r"(\d+|[两二三四五六七八九十])个?(?:县市区|县区|区县|县市|城市|区|县|市|镇|乡|街道|村|单位|地)"
# Function words that end a word on their side whatever jieba would say: they never start or end a
# place name (a bare short form between them is a word of its own).
WORD_BOUNDARY_WORDS = "与和及的在对向到赴从等是了也将已为由被把于就还要各全所并或但而其该此每这那"

# 我区 / 我市 / 全县 in a body's own report name the reporting place; not 健全市场, 安全县域, 全市各区 (its units),
# 全市范围.  Group 1 is the unit, read by SELF_REFERENCE_LEVELS: the levels a place of that unit may have.
# 我 or 全 first (a text is scanned for those two characters only), then not 自我 nor 健全, 完全...
SELF_REFERENCE = r"[我全](?<!自我)(?<![健完安齐周保成两十]全)(省|市|区|县|州|旗)(?!场|各|范围|域)"
SELF_REFERENCE_LEVELS = {"省": ("province",), "市": ("prefecture", "county"), "区": ("county", "province"),
                         "县": ("county",), "州": ("prefecture",), "旗": ("county",)}
# 我区 not named in the title: in 内蒙古 or 广西 it is the autonomous region, not a district.
SELF_REFERENCE_REGION = "区"

# The 兵团 (新疆生产建设兵团第一师阿拉尔市): a division of the corps is written between the region and its
# city; its divisions are parties under their own names (新疆生产建设兵团第四师).
CORPS_NAME = "新疆生产建设兵团"
# The corps written between two places it joins (新疆生产建设兵团第一师 in 新疆...阿拉尔市).
CORPS_BETWEEN = r"生产建设兵团(?:第[一二三四五六七八九十]{1,3}师)?"
# 兵团第四师、第七师: the corps and a list of its divisions (group 1), each read by CORPS_DIVISION.
CORPS_DIVISION_LIST = r"(?:新疆)?(?:生产建设)?兵团((?:[、和及]?第[一二三四五六七八九十]{1,3}师)+)"
CORPS_DIVISION = r"第([一二三四五六七八九十]{1,3})师"
# The corps as a whole (新疆兵团安排援疆资金…): a party of its own, holding its divisions; not 兵团第X师.
CORPS_WHOLE = r"(?:新疆)?(?:生产建设)?兵团(?![\u4e00-\u9fff]?第[一二三四五六七八九十]{1,3}师|[、和及]?第)"

# --- units below a county (parsers/extraction/localunits.py) --------------------------------------------

# Development zones named after their city (苏州工业园区, 成都高新区): parties standing for a district.
ZONE_SUFFIXES = ("工业园区", "高新技术产业开发区", "经济技术开发区", "经济开发区", "高新区", "经开区", "开发区")

# Characters that never stand in a township's or village's own name (they belong to the
# sentence around it: 各乡镇, 每个乡, 全镇, 该村); a name standing alone, with no division
# written before it, must also do without these words of a sentence (将, 对, 向...).
LOCAL_NAME_STOP_CHARS = frozenset("的和与及或等个各每全本该此其这那在了是被从由于也就还又并且而但县省年月日")
LOCAL_BARE_STOP_CHARS = frozenset("为对向到将把以之所无不")
# Whole names that are ordinary words, and parts that make a name a description (贫困村, 结对村).
LOCAL_GENERIC_NAMES = frozenset({"城中村", "城郊村", "中心村", "农村", "家乡", "故乡", "下乡", "返乡",
                                 # what a place is described as (一个偏远的小山村), whatever village bears the name
                                 "山村", "小山村", "小村", "古村", "穷村", "小镇", "古镇", "山乡", "小山乡"})
LOCAL_GENERIC_PARTS = (
    "贫困", "帮扶", "结对", "脱贫", "示范", "重点", "自然", "行政", "薄弱", "试点", "美丽", "特色", "集体",
    "空壳", "易地", "搬迁", "边境", "乡村", "城乡", "农村", "偏远", "深度", "相对", "先进", "文明", "受援",
    # a giving verb makes the run a clause (厦门市援助东乡县), not a name
    "援助", "支援", "援建", "捐赠", "资助", "投入", "对口", "协作", "携手",
    # a programme's name (驻镇帮镇扶村: cadres stationed in townships) is no township
    "驻镇", "帮镇",
)
# Words right before a bare township name (no division written before it): 结对帮扶木岗镇.
# A township named for a people (百纳彝族乡, 阿什里哈萨克民族乡): the name, the people, the type.
ETHNIC_TOWNSHIP = r"^(.{2,}?)((?:[\u4e00-\u9fff]{1,4}族)+)(乡|镇)$"
LOCAL_BARE_LEFT = (
    "与", "和", "同", "及", "向", "对", "为", "给", "在", "到", "赴", "了", "帮扶", "结对", "支援", "援助",
    "携手", "资助", "捐赠", "支持", "对口", "来到", "前往", "其中",
)
# Real unit names that are also everyday phrases (构建和谐社区, 建设新农村): not taken bare.
LOCAL_PHRASE_NAMES = frozenset({"和谐社区", "平安社区", "幸福社区", "文明社区", "小康村", "富裕村", "幸福村", "和谐村",
                                "平安村", "团结村", "新农村", "示范村"})
# A county's short form followed by one of these unit types is its name of that type (香格里拉县 in
# 2013, today 香格里拉市), unless the next character makes it another word (市场, 区域, 市民).
COUNTY_UNIT_TYPES = "县市区旗"
NOT_AFTER_UNIT_TYPE = frozenset("场民域位划间别")
# ... and everyday words a short form makes with a type (大城市 is no 大城县 written as a city).
NOT_TYPED_NAMES = frozenset({"大城市", "平原区", "滨海区", "老城区", "新城区"})
# A person's role and then a surname: what follows is the person's given name, not a place's short
# form (致富带头人谢明光 is no 明光市).
PERSON_ROLES = ("带头人", "理事长", "董事长", "总经理", "经理", "负责人", "书记", "主任", "县长", "镇长", "乡长",
                "村长", "局长", "社长", "校长", "院长", "队长", "村民", "农户", "贫困户", "脱贫户", "老人", "学生",
                "记者", "通讯员", "干部", "代表", "主席", "专家", "医生", "教师", "老师")
# A place right before an unnamed firm is where the firm is from (与厦门一家通用航空公司签订): no party.
# (A count of its firms - 彭水县15家企业 - is the place's own group, and the place stays.)
UNNAMED_FIRM_AFTER_PLACE = r"的?一家[^,,。;;、]{0,10}?(?:公司|企业)"
# A place's short form with 院 right after it is an institute's short name (成都院, 西北院 of a power
# group's design institutes), not the place; 院长 is a title.
INSTITUTE_AFTER_SHORT_FORM = r"院(?![长士])"
# A two-character division opening with a joining word (和县) after what ends a place's or a
# body's name is the joining word and a bare level (市纪委和县委宣传部): no division.
PLACE_JOINER_CHARS = "和与及"
PLACE_JOINED_AFTER = "省市县区州旗镇乡村局委厅办部会联"
LOCAL_LIST_SEPARATORS = ("、", "以及", "和", "及")

# Two characters after a township or village type that make an ordinary word (恩施乡村振兴,
# 朝阳村村民 keeps 朝阳村): the short form before them is no unit's name.
LOCAL_NOT_NAMES = (
    "乡村", "乡镇", "村镇", "镇村", "乡亲", "乡土", "乡贤", "村民", "村委", "村级", "镇级", "乡级", "镇长", "乡长",
    "镇政", "乡政",
)

# Unit types: townships (坡洪镇) and villages (郎含村); a unit type after a weak short form makes the
# two characters a unit's own name (朝阳村, 光明街道).
LOCAL_TOWNSHIP_TYPES = ("街道", "苏木", "镇", "乡")
LOCAL_VILLAGE_TYPES = ("社区", "嘎查", "村")
# A type written out longer than the unit's own name has it: 关庄行政村 is 关庄村.
LOCAL_WRITTEN_TYPES = {"行政村": "村"}
LOCAL_LONG_NAMED_TYPE = "街道"  # a subdistrict's own name may run to four characters standing alone
# 军乐镇朝阳、华光两村 / 坡洪镇天安、郎含、康浮3个村: names listed (group 1), their count, their type (group 2).
LOCAL_COUNTED_LIST = r"((?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4})(?:两|三|四|五|六|七|八|九|十|\d+)个?(村|社区|镇|乡)"
# 该村 / 该镇: the nearest unit of these types named before.
LOCAL_ANAPHORA = {"该村": LOCAL_VILLAGE_TYPES, "该镇": LOCAL_TOWNSHIP_TYPES, "该乡": LOCAL_TOWNSHIP_TYPES,
                  "该街道": LOCAL_TOWNSHIP_TYPES}

# A short name an article gives a party in brackets right after it (广州某某职业技术学院(以下简称“某职院”)):
# the words that introduce it, and the quotes it may stand in.
ALIAS_LEADS = ("以下简称", "以下称", "下称", "简称")
ALIAS_QUOTES = "“”\"「」『』‘’'"
ALIAS_LENGTH = (2, 10)  # characters of a short name

# A body's or a village's Party branch written after it (X公司党支部, Y村党总支): the body itself.
PARTY_BRANCHES = ("党总支部", "党总支", "党支部", "党工委", "党委", "党组")

# --- organisations (parsers/extraction/orgs.py) ----------------------------------------------------

# Departments: a (region or bare 省/市/县) prefix, a stem, and a suffix.
ORG_STEMS = (
    "教育", "财政", "民政", "农业农村", "卫生健康", "卫健", "卫生和计划生育", "卫生计生", "卫计", "人力资源和社会保障",
    "人社", "组织人社", "商务",
    "科技", "文化和旅游", "文旅", "交通运输", "住房和城乡建设", "住建", "自然资源", "生态环境",
    "水利", "发展和改革", "发展改革", "发改", "工业和信息化", "经信", "国资", "乡村振兴", "扶贫开发",
    "扶贫支援", "扶贫", "审计", "统计", "税务", "公安", "司法", "林业", "工商联", "总工会", "工会", "妇联", "团",
    "对口支援和区域合作", "对口支援", "合作交流", "协作",
    # the Party committee's departments (七星关区委宣传部, 县委组织部, 市纪委)
    "委宣传", "委组织", "委统战", "委政法", "纪",
    # the Party committee's and government's offices (省委军民融合办, 县新闻办, 县政府办)
    "委军民融合", "军民融合", "委网信", "网信", "委外事", "外事", "新闻", "政府", "编",
    # the other departments a county or city has (县市场监管局, 市退役军人事务局, 县食品药品监管局)
    "市场监督管理", "市场监管", "食品药品监督管理", "食品药品监管", "应急管理", "退役军人事务", "医疗保障",
    "医保", "信访", "粮食和物资储备", "粮食", "民族宗教事务", "民族宗教", "国土资源", "环境保护", "环保",
    "安全生产监督管理", "安监", "气象", "广播电视", "广电", "体育", "文化", "农业", "畜牧兽医", "畜牧",
    "农机", "档案", "机关事务管理", "城市管理", "城管", "交通", "国土", "规划",
    # and the ones set up or renamed in the 2018 and 2023 reforms, and their short forms (省机关事务局,
    # 市大数据局, 县行政审批局, 省委社会工作部)
    "机关事务", "林业和草原", "林草", "大数据发展管理", "大数据", "数据", "行政审批服务", "行政审批",
    "政务服务管理", "政务服务", "投资促进", "招商", "地方金融监督管理", "地方金融", "金融", "人民防空", "人防",
    "委社会工作", "社会工作", "残疾人", "老龄", "侨务",
    # and others a province or city has, in full and short (省监狱管理局, 市经济合作局, 县文体广电旅游局)
    "监狱管理", "戒毒管理", "经济和科技促进", "经济合作", "经合", "文体广电旅游", "文广旅", "文体旅游",
    "人力社保", "农牧", "旅游", "建设", "政府办公", "人民政府办公",
)
ORG_SUFFIXES = ("厅", "局", "委员会", "委", "办公室", "办", "部")  # 部: the ministries (水利部定点帮扶城口县)
# Bodies whose name needs no suffix after the region (昆明市工商联, 东营市红十字会).
ORG_WHOLE_NAMES = ("工商联", "总工会", "妇联", "残联", "科协", "侨联", "红十字会", "慈善总会", "慈善会",
                   # the political consultative committee (贵州省政协定点帮扶榕江县), and the
                   # democratic parties' committees written after their region (福建民建)
                   "政协", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟")
ORG_BARE_PREFIXES = ("自治区", "省", "市", "县", "区", "州")
ORG_NATIONWIDE = "全国"  # before a body of ORG_WHOLE_NAMES: the national one (全国政协, 全国工商联)
# Named organisations: the words their names end with (longest wins).
ORG_NAMED_SUFFIXES = (
    "股份有限公司", "有限责任公司", "有限公司", "分公司", "总公司", "公司", "分行", "支行", "银行",
    "帮扶集团", "集团", "大学", "学院", "学校", "中学", "小学", "医院", "慈善总会", "商会", "协会", "基金会",
    "组团", "联合会", "促进会", "联谊会", "油田", "石化",
    # research and public institutions (西安微电机研究所, 中国农业科学院, 某某出版社)
    "研究所", "研究院", "科学院", "设计院", "出版社", "报社", "电视台", "图书馆", "博物馆",
    # a body's office somewhere (上海市慈善基金会奉贤区代表处, 晋江驻红寺堡办事处): it gives as a body
    "代表处", "办事处",
)
ORG_NATIONAL_PREFIXES = ("中国", "中华", "国家")
# National bodies: 国家 + name + one of these (国家林业和草原局, 国家乡村振兴局, 国家发改委).
ORG_NATIONAL_SUFFIXES = ("总局", "局", "署", "委员会", "委")
# Legal forms a company's name may carry or drop (中国华能集团 = 中国华能集团有限公司): identity
# ignores them, the fuller name is shown.  Longest first; (集团) in brackets is dropped too.
ORG_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "股份公司", "(集团)", "(集团)", "公司")
# A name stops at these (they join it to the sentence: 惠山区政府和中国信达...).
ORG_SPLIT_CHARS = frozenset("和与及同向由对为在了是将把从到赴给让并或等的")
ORG_LEADING_VERBS = (
    "积极对接", "对接", "引入", "引进", "引导", "携手", "联合", "依托", "组织", "邀请", "协调", "推动",
    "帮助", "支持", "动员", "热心企业", "爱心企业", "例如", "其中", "包括", "通过", "代表",
    "感谢", "非常感谢", "发挥", "充分发挥", "积极", "大力", "主动", "牵头", "发动", "号召", "带领", "召集", "鼓励", "促成",
    # a purpose clause before the money (围绕提升县医院服务能力,投入…): no name starts inside it
    "围绕", "提升", "加强", "改善", "完善", "打造", "新建", "扩建", "改建", "助力", "保障",
    # what the money builds (投入近1亿元建立X县Y小学): the name starts after the verb
    "建立", "建成", "兴建", "修建", "捐建", "援建", "创办", "开办",
    # where goods go (农特产已进入X分行食堂采购目录): the body is named after the verb
    "进入", "走进", "入驻",
    # giving (A医院还无偿捐赠B医院一批设备): the receiver is named after the verb
    "捐赠", "捐款", "捐资", "捐助", "拨付", "划拨", "募集", "送来", "送去", "送上", "带去", "带来", "下达",
    # events and speech (在大方县举行X集团结对帮扶签约仪式, 强调X集团…): the body is named after the verb
    "举行", "举办", "召开", "出席", "参加", "参观", "考察", "调研", "走访", "看望", "慰问", "签订", "签署",
    "表示", "要求", "指出", "强调", "认为", "介绍", "获悉", "了解到", "来到", "前往",  # not 希望 (希望小学)
)
# Words a clause may open with that are never the start of an organisation's name: time phrases,
# prepositions and pronouns (近年来三峡集团, 自内蒙古矿业(集团)有限责任公司, 该公司).
ORG_LEADING_NOISE = (
    "近年来", "近几年", "多年来", "今年", "去年", "前年", "目前", "近日", "日前", "此前", "同时", "此外", "随后",
    "当天", "当日", "截至目前", "来自", "自", "从", "由", "经", "据", "在", "向", "为", "对", "与", "和", "及", "将", "把",
    "该", "其", "这", "本",
    # prepositions, conjunctions and adverbs a clause opens with (按照恒大集团的计划, 根据X商会统计)
    "按照", "根据", "依据", "依照", "遵照", "关于", "对于", "基于", "随着", "经过", "针对", "鉴于", "除了", "为了",
    "自从", "凭借", "由于", "并且", "而且", "以及", "但是", "因此", "所以", "于是", "另外", "然后", "接着", "为此",
    "已经", "正在", "一直", "始终", "累计", "先后", "总共", "当年", "次年", "近期", "近来", "如今", "此次", "本次",
    "今后", "每年", "历年",
    # whose the body is (组织所属大型企业上海石化): the name follows
    "所属大型企业", "所属企业", "下属企业", "所属单位", "所属",
)
# A news agency's dateline or byline (新华社拉萨6月18日电, 中新社记者): the body reports, it is no party.
# After a place, a date and 电/讯 make it a dateline's (新华网北京6月19日电): where the report was filed.
DATELINE_AFTER = r"\s*\d{1,2}月\d{1,2}日\s*(?:电|讯)"
BYLINE_AFTER = r"\s*(?:[\u4e00-\u9fff]{1,8}\s*)?(?:\d{1,2}月\d{1,2}日\s*(?:电|讯)|(?:电|讯)\s*[((]|记者|特约记者|通讯员)"
# The democratic parties (they do 定点帮扶 and 结对帮扶 as bodies): a party's central or local committee
# (民建中央, 农工党江苏省委, 九三学社郑州市委) is an organisation, named as written.
DEMOCRATIC_PARTIES = ("中国国民党革命委员会", "中国民主同盟", "中国民主建国会", "中国民主促进会", "中国农工民主党",
                      "中国致公党", "台湾民主自治同盟", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟")
# (农工党常州、泰州、徐州等市委: several committees, one group as written.)
PARTY_COMMITTEE = (r"(?:{parties})(?:中央(?:委员会)?|(?P<place>(?:[\u4e00-\u9fff]{{2,4}}、){{0,8}}[\u4e00-\u9fff]{{0,6}}?)"
                   r"(?:省委|市委|区委|县委|州委|委员会))")
# 第180医院, 第2中学: an ordinal's figure stays inside a name.
ORDINAL_PREFIX = "第"
# A date's unit right after its figure (2019年宁波市第一人民医院): the name starts after it.
ORG_AFTER_FIGURE = (
    "年度", "年以来", "年来", "年初", "年底", "年", "月份", "月", "日", "号",
    # 捐资1.5万元修缮X小学: an amount's unit is no part of the name either (longest first)
    "万余元", "余万元", "多万元", "千万元", "百万元", "亿余元", "余亿元", "多亿元", "万元", "亿元", "千元", "百元", "元",
)
# Written right after a body, these make it a modifier of what follows (教育部直属高校, 集团所属企业):
# the body itself is no party there.
ORG_MODIFIER_TAILS = ("直属", "所属", "下属", "系统内", "系统的")
# Words that make a would-be name a description (三家帮扶集团, 行业协会, 各类企业).
ORG_GENERIC_WORDS = (
    "帮扶", "成员", "单位", "行业", "爱心", "民营", "国有", "各类", "相关", "有关", "各级", "优质", "重点",
    "直属", "部分", "当地", "龙头", "该", "本", "这", "其", "多家", "一批", "属地", "所在", "定点", "偏远",
    # whose they are or their grade (委属委管医院, 部属高校, 三甲医院): a kind of body, not one
    "委属", "委管", "部属", "部管", "省属", "市属", "县属", "区属", "三甲", "三级", "公立",
    "二级", "一级", "省级", "市级", "县级", "乡级", "各自", "双方",  # 国家二级中医医院, 县级医院, 各自医院
    # a scope, not a body (西部地区县医院, 全省各医院; not 全国: 全国政协, 全国妇联 are bodies)
    "全省", "全市", "全县", "西部地区", "东部地区", "中西部", "贫困地区", "各地",
)
ORG_REF_PREFIXES = ("该", "此", "本", "这")
# 该公司 / 该行 / 该集团 after a company, bank or group named in full: the head word its legal form ends
# with refers back to it, but only with one of ORG_REF_PREFIXES (a bare 公司 is any company).
ORG_REF_HEADS = {"公司": "公司", "银行": "行", "分行": "行", "支行": "行", "集团": "集团"}
# A body's own news speaks of itself in the first person (我院与元阳县中医医院签订对口帮扶协议): each
# form, with the endings of the names it may stand for.
ORG_FIRST_PERSON = {
    "院": ("医院", "学院", "研究院", "设计院", "科学院"),
    "校": ("大学", "学院", "学校", "中学", "小学"),
    "公司": ("公司", "集团"),
    "行": ("银行", "分行", "支行"),
}
ORG_FIRST_PERSON_PREFIXES = ("我", "本")
# A body's own news also names itself bare at the start of a clause (2月8日,集团公司太白定点帮扶组…;
# a central enterprise's reports): each word, with the endings of the names it may stand for, and what may stand before it.
# (Bare 公司 and 学校 were tried too: as often another body's or a generic word as the page's own.)
ORG_BARE_SELF = {
    "集团公司": ("集团有限公司", "集团公司", "集团股份有限公司", "集团"),
}
ORG_BARE_SELF_BEFORE = ",,。;;::!!??\n 、和与及向由对为在"

# A two-character name is enough for these (中山大学, 贵州银行); other named organisations need four.
# Bodies named after where their members come from (市温州商会 is the city's chamber of people from
# 温州): a bare 市/县 before such a name is the article's own city; before any other, a stray character.
ORG_MEMBERS_FROM = ("商会", "同乡会", "联谊会", "总商会")
ORG_WELL_NAMED = ("大学", "银行", "集团", "组团")  # 恒大集团, 万达集团: a two-character name is enough
# ... unless the two characters only say what kind of body it is (大型集团, 企业集团).
ORG_KIND_STEMS = ("大型", "企业", "中型", "小型", "大中型", "中小", "骨干", "优秀", "知名")
# The last character of a department's suffix: the department pattern runs only just before one.
# Where a department or a body of ORG_WHOLE_NAMES can end: its last character, or the whole of a name whose
# last character is too common to look at each time (政协, 民建).
ORG_DEPT_SUFFIX_CHAR = "[厅局委办联会部]|政协|民[革盟建进]|农工党|致公党|九三学社|台盟"
# Written after a department, these make it a person's title or another word (局长, 部门): no department.
ORG_DEPT_NOT_BEFORE = ("长", "主任", "主席", "书记", "副", "党组书记", "门")
# A department's 帮扶集团 / 帮扶组 (县住建局帮扶集团) is part of its name.
ORG_DEPT_GROUP_TAILS = ("帮扶集团", "帮扶组")
# A 厅 is a province's department: a bare one (教育厅) belongs to the province.
ORG_PROVINCIAL_SUFFIX = "厅"
# A count before a name (三家医院, 28家企业) makes it a description, not a name.
# jieba's part-of-speech tags of words that never open an organisation's name (争取, 咱们, 以, 今年):
# verbs, pronouns, time words, prepositions, conjunctions, adverbs, particles.
NOT_NAME_OPENER_TAGS = frozenset({"v", "r", "t", "p", "c", "d", "ad", "u", "uj", "ul"})
NAME_PLACEHOLDER = "某"  # 某某公司: a name withheld, which jieba tags a pronoun, is still a name
ORG_COUNTED = r"[一二三四五六七八九十两几多数\d]+[家个户所批]"
# A figure and one of these right before a name count bodies of a kind (26家社区股份公司): no name.
ORG_COUNT_UNITS = "家个户所批"
NUMERALS = "一二三四五六七八九十两几多数0123456789"
# 国家 + a name + a national suffix (国家林业和草原局, 国家乡村振兴局): a format template ({breaks} = the split
# characters such a name may not hold, {suffixes} = ORG_NATIONAL_SUFFIXES); 国家级 is no body.
ORG_NATIONAL_NAME = r"国家(?!级)(?:(?!国家)(?![{breaks}])[\u4e00-\u9fff]){{2,10}}?(?:{suffixes})"
ORG_NATIONAL_JOINER = "和"  # stays inside a national body's name (国家发展和改革委员会)
# Where a bare department belongs: its prefix (省教育厅, 区住建局) gives the level of the place, read
# from the places the article names most (ORG_CONTEXT_LEVELS).
ORG_CONTEXT_LEVELS = (("省", "province"), ("市", "prefecture"), ("县", "county"))
ORG_PROVINCE_PREFIX = "省"  # the article's province, when the caller knows it, is a bare 省's place
ORG_BARE_LEVELS = {"省": "省", "自治区": "省", "市": "市", "州": "州", "县": "县", "区": "县"}
# A bare 市 / 州 names a prefecture whose own name ends so (市工商联 in an article on 嘉兴市's help to
# 九寨沟县 is 嘉兴市's, not 阿坝州's though 阿坝州's counties are named more); the prefectures the
# article names most of those, else of all.  Context key -> the ending.
ORG_BARE_ENDINGS = {"市": "市", "州": "州"}
# A company's group written in brackets (中国XX(集团)有限公司): dropped from its stem.
ORG_BRACKETED_GROUP = ("(集团)", "(集团)")
# Characters after which a known organisation's short form (中石化, 北大) may start a word.
ORG_LEFT_WORDS = frozenset("与和及同向对由在为从把被让给是、的将")

# --- zones named by their own names (parsers/extraction/zones.py) -----------------------------------

# Zones named by their own names (parsers/extraction/zones.py): the zone words, longest first
# when matched; what cannot stand inside a zone's own name; time phrases that may lead it.
ZONE_WORDS = ("保税港区", "综合保税区", "保税区", "高新技术产业开发区", "经济技术开发区", "经济开发区", "高新区",
              "经开区", "开发区", "工业园区", "管理区", "新区", "港区")
ZONE_NAME_BREAKS = frozenset("的和与及在对向为由等各该本全是将从到于把让给了、某")  # 某某新区: a placeholder
ZONE_NAME_LEADS = ("近年来", "今年", "去年", "目前", "同时", "其中", "此外", "近日", "日前",
                   # verbs a zone's name follows (深入推动金普新区与…): its name starts after them
                   "推动", "推进", "深化", "组织", "动员", "引导", "支持", "帮助", "携手", "联合", "促进", "依托",
                   "响应", "落实", "指导")

# --- groups (parsers/extraction/groups.py) ---------------------------------------------------------

# Where a group can be: a count, 各, a side of the country, 结对/发达/山区, or the fixed names (the group
# patterns of wording/funding.py run only around these).
GROUP_ANCHORS = (r"(?:\d|[一二三四五六七八九十])(?:个|户|家|省|县)|各(?:对口|帮扶|结对)|[东西中]部|对口(?:支援|帮扶|援)"
                 r"|社会|央企|中央企业|结对[县市城地]|发达|山区|援[藏疆青滇黔宁蒙](?:干部|工作队|医疗队|专家)"
                 r"|属(?:国有)?企业|驻[\u4e00-\u9fff](?:和|及|、)?[\u4e00-\u9fff]{0,3}企业|各国有")
# 到位区级资金5.21亿元: a level's money, in the amount's own clause (a format template: {levels} = the
# LEVEL_FUNDS of wording/funding.py).
GROUP_LEVEL_FUNDS = r"({levels})[\u4e00-\u9fff]{{0,4}}资金[^,,;;。]{{0,6}}$"
GROUP_LIST_JOINER = "、"  # a list of parties as one: 上海市、上海市嘉定区
GROUP_MEMBER_JOINER = "及"  # a party with a group it gives with: 天津市及东部九省市, 集团及所属企业
