"""Pairing wording as data: how the press states who helps whom.

Everything the extractor knows about wording lives in three tables, so that rules grow by
editing tables, not code paths:

  wording/pairing.py   how a pairing is stated: relation verbs, frames, abbreviations, the
                       sides of the country, clause syntax (this file)
  wording/parties.py   how the parties are named: divisions, townships and villages, zones,
                       organisations, groups
  wording/funding.py   how money is announced: amounts, assistance cues, kinds, what rules it out

All text is Simplified (normalisation runs first).
"""

from __future__ import annotations

# --- pairings (parsers/extraction/pairings.py, parsers/extraction/pairframes.py) ------------------------------

# A verb that states who helps whom: "X <verb> Y".  Longest first; value = relation reported.
RELATION_VERBS: dict[str, str] = {
    "东西部扶贫协作": "东西部协作",
    "东西部协作": "东西部协作",
    "对口帮扶": "对口帮扶",
    "对口支援": "对口支援",
    "对口协作": "对口协作",
    "对口援助": "对口支援",
    "对口合作": "对口协作",
    "结对帮扶": "结对帮扶",
    "定点帮扶": "定点帮扶",
    "定点扶贫": "定点帮扶",
    "挂钩帮扶": "挂钩帮扶",
    "挂钩扶贫": "挂钩帮扶",
    "扶贫协作": "东西部协作",
    "山海协作": "山海协作",
    "帮扶": "帮扶",
    "援建": "援建",
    "援助": "对口支援",
    "支援": "对口支援",
    "携手": "对口协作",
    "牵手": "对口协作",
    "手拉手": "对口协作",
    "结对": "结对帮扶",
    "对口": "对口帮扶",
}
# Words between the helper and the verb that are not the verb's subject (在...开展, 与...).
VERB_GAP_BREAKS = ("与", "和", "同", "跟", "向", "为", "在", "赴", "到", "来到", "对接", "依托", "作为", "通过")

# A sentence without any of these states no pairing (a fast gate before the shapes run).
PAIR_GATE = ("帮扶", "扶贫资金", "挂联", "援", "对口", "结对", "携手", "牵手", "手拉手", "协作", "挂钩", "支持", "帮助", "扶持", "驻", "奔小康", "捐", "对子")

# "X与Y ... <act>": two parties joined, then an act that binds them, and a tie word saying
# what kind of tie it is.  Orientation comes from the sides (east helps west).
JOIN_WORDS = ("与", "和", "同", "跟")
BINDING_ACTS = (
    "结对", "结成", "结为", "建立", "确立", "签署", "签订", "签约", "开展", "携手", "共建", "框架", "牵手", "手拉手", "深化",
    "推进", "加强", "联席会议", "通过", "确定", "达成", "缔结",
)
# Binding acts that sign a document: between an eastern and a western party they tie them even
# when the document's name says only 合作 or 发展 (pairings.py, _signed_across).
SIGNING_ACTS = ("签订", "签署", "签约")
# Tie words that open the gate only for a signing (X与Y签订了脱贫攻坚合作协议): common words elsewhere.
SIGNED_TIES = ("扶贫", "脱贫")
# A paragraph on a tie: it makes several places joined by 与 to one (甲、乙与丙) the tie's two sides.
SIDES_PARAGRAPH_CUES = ("结对", "协作", "对口", "帮扶", "支援")
# A tie written right after the second side binds them with no other verb (天津市与甘南州协作帮扶综述).
TIES_AS_ACTS = ("协作", "对口", "结对", "携手", "牵手", "手拉手")
TIE_WORDS = ("帮扶", "协作", "支援", "对口", "结对", "援", "携手", "牵手", "手拉手", "奔小康", "对子", "脱贫", "扶贫")

# "X—Y对口协作": a dash-joined pair followed by one of these.
DASH_CHARS = "—–-－―~～·"
# ... after one of these words (广州--梅州全面对口帮扶); otherwise after at most one character.
DASH_RELATION_LEADS = ("全面", "深度", "两地", "长期", "持续", "精准", "深入")
DASH_RELATIONS = ("东西部协作", "对口协作", "对口帮扶", "对口支援", "扶贫协作", "山海协作", "对口合作", "南北挂钩", "协作", "结对", "帮扶")

# Words that map two lists one-to-one in order (A、B分别与C、D结对); without them two lists of
# several parties each say nothing about who helps whom (the cross product would invent pairs).
RESPECTIVELY_WORDS = ("分别", "一一", "一对一", "依次")
# A、B…分别联系帮扶大理州10个县市: each helper helps one of the place's counted units, not the place.
COUNTED_UNITS = r"(?:\d+|[两二三四五六七八九十]+)个?(?:县市区|县市|县区|市县|区县|县|乡镇|镇|乡|村)"
# A count summing up a list before 分别 (东城区、西城区、朝阳区三个区分别与...).
LIST_SUMMARY = (r"等?(?:\d+|[一二三四五六七八九十两])(?:个|家|所)?(?:县市区|县区|区县|县市|市县|省市|城市|单位|街道|乡镇|区|县|市|镇"
                r"|乡|村|地|高校|高等院校|院校|学校|大学|医院|企业|国企|央企|公司|银行|部门|机关)")

# Separators inside a list of parties: 杭州市对口帮扶黔东南州、恩施州和...
LIST_SEPARATORS = ("、", "以及", "和", "及", "与")
# "..., 包括 A、B、C": the list goes on after a verb's object.
LIST_CONTINUATIONS = ("包括", "即", "其中", "及其所辖", "及所辖", "及其下辖", "及其所属的", "及其所属", "及所属")

# When the sentence says this, the relation is reported as 东西部协作.
EAST_WEST_CUES = ("东西部", "东西协作", "东西扶贫", "东西岸协作")

# Provinces by side, to orient "X与Y" statements whatever order the text uses.
EAST_PROVINCES = frozenset({
    "北京市", "天津市", "上海市", "江苏省", "浙江省", "福建省", "山东省", "广东省", "辽宁省",
})
WEST_PROVINCES = frozenset({
    "内蒙古自治区", "广西壮族自治区", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区",
    "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区", "湖北省", "湖南省",
    "吉林省", "河北省", "黑龙江省", "河南省",
})
# Inside a province the less developed side receives: Zhejiang's 26 mountain counties (山海协作).
LESS_DEVELOPED = frozenset({
    "浙江省杭州市淳安县", "浙江省温州市永嘉县", "浙江省温州市平阳县", "浙江省温州市苍南县",
    "浙江省温州市文成县", "浙江省温州市泰顺县", "浙江省金华市武义县", "浙江省金华市磐安县",
    "浙江省衢州市柯城区", "浙江省衢州市衢江区", "浙江省衢州市常山县", "浙江省衢州市开化县",
    "浙江省衢州市龙游县", "浙江省衢州市江山市", "浙江省台州市三门县", "浙江省台州市天台县",
    "浙江省台州市仙居县", "浙江省丽水市莲都区", "浙江省丽水市龙泉市", "浙江省丽水市青田县",
    "浙江省丽水市云和县", "浙江省丽水市庆元县", "浙江省丽水市缙云县", "浙江省丽水市遂昌县",
    "浙江省丽水市松阳县", "浙江省丽水市景宁畲族自治县",
})

# One-character province abbreviations, for pair abbreviations (沪滇协作, 闽宁) and 援疆.
PROVINCE_ABBREVIATIONS: dict[str, str] = {
    "京": "北京市", "津": "天津市", "冀": "河北省", "晋": "山西省", "蒙": "内蒙古自治区", "辽": "辽宁省",
    "吉": "吉林省", "黑": "黑龙江省", "沪": "上海市", "苏": "江苏省", "浙": "浙江省", "皖": "安徽省",
    "闽": "福建省", "赣": "江西省", "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省",
    "粤": "广东省", "桂": "广西壮族自治区", "琼": "海南省", "渝": "重庆市", "川": "四川省", "蜀": "四川省",
    "黔": "贵州省", "滇": "云南省", "藏": "西藏自治区", "陕": "陕西省", "甘": "甘肃省", "陇": "甘肃省",
    "青": "青海省", "宁": "宁夏回族自治区", "疆": "新疆维吾尔自治区",
}
# "XY(两地) <relation>": a pair abbreviation stating a pairing (张沿两地扶贫协作, 沪滇协作).
PAIR_ABBREV_FILLERS = ("两省区", "两省市", "两地", "两省", "两市", "两县", "两区", "")
# 京蒙两地建立对口帮扶关系: a verb of setting up or deepening between the summed-up pair and its tie.
PAIR_ABBREV_LINKS = ("建立", "深化", "加强", "开展", "推进", "持续深化", "建立了")
PAIR_ABBREV_RELATIONS = (
    "东西部扶贫协作", "东西部协作", "扶贫协作", "对口协作", "对口合作", "对口帮扶", "对口支援", "结对帮扶",
    "协作", "结对",
)
# 苏陕扶贫资金安排300万元: the programme's money names the pair too; the relation it stands for.
PAIR_ABBREV_FUNDS = {"扶贫资金": "扶贫协作", "协作资金": "扶贫协作", "帮扶资金": "帮扶"}
# "X援疆 / X援藏 / X对口援乌": 援 + an abbreviation of the helped place.
AID_PREFIX_GAP = 8
AID_VERB_HEADS = tuple("支救增声求")  # 支援, 救援...: 援 in a verb, not before a place
AID_VERB_TAILS = tuple("助建派手引款资外")  # 援助, 援建...
MEETING_VERBS = ("召开", "举行", "举办", "开幕", "开班", "启动")  # a meeting's venue is no helped place

# A party right after these is where or to whom, not who (在簇桥街道开展..., 与X).
GOVERNING_WORDS = ("在", "于", "赴", "到", "向", "对", "与", "和", "同", "跟", "从", "给", "来到", "前往", "来自", "作为")
# The relation of an "X与Y" statement whose window names no verb, by its tie word.
TIE_RELATIONS = (("协作", "对口协作"), ("援", "对口支援"), ("支援", "对口支援"))

# Frames where the helper is not the subject of a verb:
#   在X的(精准)帮扶下, Y...      Y依托X对口帮扶...      Y作为X对口支援的重点地区
#   X作为Y的帮扶单位            Y帮扶单位X              X驻Y(帮扶)工作队
#   X赴Y开展...帮扶             X...对Y的结对帮扶        X给予结对的Y
UNDER_WORDS = ("帮扶", "援助", "支援", "支持", "帮助", "扶持")
# X承担了A县、B县的帮扶工作: taking on the assistance of places is helping them.
UNDERTAKE_VERBS = ("承担", "负责", "接手")
UNDERTAKEN_WORK = ("结对帮扶工作", "对口帮扶工作", "定点帮扶工作", "帮扶工作", "帮扶任务", "结对帮扶任务", "对口支援工作")
# X援建的Y / 由X援建的Y / X对口支援的Y: the helper written right before the verb and its 的 (maybe with what
# it put in: 出资百万, 投入2200万元, 全资), the helped place right after (a body named after its place - 兴山县
# 中医医院 - stands there for its place when the verb builds).
BUILT_VERBS = ("对口援建", "援建", "援助兴建", "援助建设")
MODIFIER_RELATION_VERBS = ("对口援助", "对口支援", "对口帮扶", "定点帮扶", "结对帮扶", "对口扶贫", "定点扶贫", "对口协作")
MODIFIER_MARK = "的"
MODIFIER_GAP = r"(?:(?:出资|投入|投资|捐资)[\d.一二三四五六七八九十百千万亿余多元]{0,10}|全资|无偿|先后|共同)?"
# X(先后)选派N名干部到Y挂职 / 派驻工作队进驻Y村: sending people to serve in a place is helping it, whichever
# side the article is from (both sides send cadres in an exchange: oriented from the sides).
DISPATCH_VERBS = ("选派", "派驻", "派出", "选调")
DISPATCH_PEOPLE = ("干部", "人才", "教师", "医生", "专家", "队员", "工作队", "第一书记", "人员", "医务", "骨干")
DISPATCH_TO = ("进驻", "入驻", "前往", "到", "赴")
MAX_DISPATCH_SPAN = 30  # characters from the verb to where the people go
# Relation verbs that also end a programme's name written before a party (东西部协作宁波结对凉山州):
# such a verb before a list does not make the list its object.
PROGRAMME_NOUN_ENDS = ("协作", "合作")
# 自2015年对口帮扶马关县以来,云南财经大学…: a clause of time opened by 自/从 and closed by 以来 that
# names the assistance and its helped place but no helper: the next clause's subject helps.
SINCE_OPEN = ("自", "从")
SINCE_CLOSE = "以来"
SINCE_PARTNER = ("与", "同", "和")  # 自与松桃结对协作以来: the party after these is the partner, not a subject

RELY_WORDS = ("依托", "借助", "借力")
UNIT_WORDS = ("定点帮扶单位", "对口帮扶单位", "协助帮扶单位", "结对帮扶单位", "帮扶单位", "结对单位", "帮扶部门", "对口单位",
              "派出单位")
# X(的)扶贫点Y: the place a body keeps as its assistance point is the place it helps.
POINT_WORDS = ("定点扶贫点", "定点帮扶点", "扶贫联系点", "帮扶联系点", "扶贫点", "帮扶点")
# X向挂钩扶贫点——Y捐赠 / X决定给予挂钩帮扶县Y / X与定点帮扶村Y签订: the helped place in apposition to
# the helper's role word, the helper the subject before it (when no party is written right before it).
POINT_ROLE_WORDS = ("挂钩扶贫点", "挂钩帮扶点", "挂钩帮扶县", "挂钩帮扶村", "挂钩扶贫村", "定点帮扶县", "定点帮扶村",
                    "定点扶贫县", "定点扶贫村", "结对帮扶村", "结对帮扶县", "结对帮扶联系点", "对口帮扶县", "对口帮扶村",
                    "帮扶县", "帮扶村", "扶贫村", "扶贫县")
POINT_APPOSITION = ("——", "—", "-", ":")  # may stand between the role word and the place
POINT_NOT_AFTER = ("重点", "个", "们", "各")  # 重点帮扶县 is a class of county; 4个帮扶村 counts them
TEAM_WORDS = ("工作队", "工作组", "帮扶队", "指挥部", "联络组")
# A helper's team or front command (X对口支援新疆前方指挥部): a place read off its name repeats a pairing.
FRONT_TEAM_WORDS = ("前方指挥部", "指挥部", "工作队", "工作组", "联络组")
# Written right after the helped place, these make 对口支援新疆 the programme's name (落实国家对口支援新疆
# 战略), not a pairing of the subject with the whole province.
PROGRAMME_NOUNS = ("战略", "政策", "精神", "部署", "工作会议", "工作座谈会")
COME = "来"
VISIT_WORDS = ("来到", "前往", "深入", "赴", "到", COME)
# ... but 来 ends these words (以来, 带来, 引来, 近年来): no visit after them.
NOT_VISIT_COME_AFTER = frozenset("以未带原本后从起年多出回将过引招迎看")
VISIT_ACTS = ("开展", "进行", "实施", "举行", "举办", "调研", "考察")  # 到Y调研定点帮扶工作
# A visit to dock (到Y进行对口帮扶对接) is made by either side: who helps is read from the sides.
DOCKING_WORDS = ("对接",)
# X定点帮扶的A、B和对口支援的C: the words that go on a list before another paired adjective.
ADJECTIVE_LIST_JOINERS = ("、", "和", "及", "以及")
# A report's list of a helper's partners by programme (对口支援方面:A、B。东西部扶贫协作方面:C、D。):
# the places after each heading are helped by the helper whose work the list sets out.
SECTION_HEADING = r"(?P<rel>对口支援|对口帮扶|东西部扶贫协作|东西部协作|扶贫协作|对口协作|对口合作|定点帮扶|结对帮扶)方面[::]"
SECTION_WORD = "方面"
PAIRED_ADJECTIVES = ("结对的", "对口的", "结对帮扶的", "对口帮扶的", "对口支援的", "对口协作的", "定点帮扶的", "挂钩帮扶的",
                     "定点挂联的", "挂联帮扶的",
                     "结对村——", "结对村—", "结对村")
UNITS_OF = ("等对口帮扶单位", "等帮扶单位", "等定点帮扶单位", "等结对帮扶单位", "等帮扶城市")
# Money moving from one party to the other also states the tie (北京向赤峰投入帮扶资金).
MONEY_DIRECTIONS = ("向", "为", "给")
# ... and money named as the tie's own (捐赠了结对帮扶资金) states it whoever gives it: a company or a bank too.
TIED_MONEY = ("结对帮扶资金", "定点帮扶资金", "对口帮扶资金", "结对资金", "挂联帮扶资金")
MONEY_FRAME_CUES = ("帮扶", "援", "捐", "协作", "对口", "结对")  # ... in a sentence that speaks of the assistance
# "X投入Y帮扶资金1.2亿元": a spending verb with the helped place as its direct object.
SPEND_VERBS = ("投入", "拨付", "下达", "安排")
# "Y是X的定点帮扶县" / "Y作为X对口支援的地区": what may follow the verb.
HELPED_NOUNS = ("县", "市", "区", "村", "镇", "乡", "地区", "对象", "重点")
MONEY_GIVE_VERBS = (
    "捐赠", "捐款", "捐资", "捐助", "捐物", "援助", "投入", "拨付", "支援", "资助", "帮扶", "落实", "筹集",
    "安排", "提供", "投资",
)

# A sentence that names two partners of an official list (parsers/data/official_pairings.tsv)
# states their pairing when it speaks of the assistance in one of these words.
OFFICIAL_PAIR_CUES = ("协作", "帮扶", "对口", "支援", "援建", "援疆", "援藏", "援青", "结对", "扶贫", "对口合作", "对接")
# The relation an official programme's pairs (parsers/data/official_pairings.tsv) are reported under.
PROGRAMME_RELATIONS = {
    "东西部协作": "东西部协作",
    "对口帮扶贵州": "对口帮扶",
    "对口支援西藏": "对口支援",
    "对口支援新疆": "对口支援",
    "对口支援青海藏区": "对口支援",
    "对口支援三峡库区": "对口支援",
    "对口合作": "对口合作",
    "定点帮扶": "定点帮扶",
}

# 由深圳市代表广东省对口帮扶广西: the helper acts for the region named after this word, which helps too.
REPRESENTS = "代表"
# A document's title: a relation verb inside it is not said by the party before it.
TITLE_OPEN, TITLE_CLOSE = "《", "》"
# Verbs of issuing a document: their subject wrote a policy, it does not help anyone by it.
ISSUING_VERBS = ("印发", "发布", "出台", "下发", "颁布", "发出", "制定", "制发")

# X对Y(、Z)(的…)实行定点帮扶: a relation noun after the helped, with one of these verbs before it.
# X在Y、Z扎实开展各项定点帮扶工作: 在 marks the helped the same way.
OBJECT_FRAME_MARKS = ("对", "在")
OBJECT_FRAME_VERBS = ("实行", "开展", "进行", "实施", "给予", "展开", "落实")
OBJECT_FRAME_ADVERBS = ("扎实", "深入", "持续", "全面", "积极")  # before the verb
OBJECT_FRAME_FILLERS = ("各项", "了")  # between the verb and the relation
OBJECT_FRAME_GAP = 16  # characters of 的…/等… between the helped and the verb
# 由X(、Y)援建: the helpers written after 由, before one of these verbs; the helped is the place the
# clause is about, written before 由.
PASSIVE_MARK = "由"
PASSIVE_VERBS = ("援建", "捐建", "援助", "帮扶", "对口支援", "对口帮扶", "结对帮扶", "定点帮扶", "资助", "出资")
# 由A代表B对口帮扶C: A acts for B and is the helper the text names.
ON_BEHALF = "代表"

# --- frame words (parsers/extraction/pairframes.py) ----------------------------------------------------------

# The relation a frame reports when its own words name no verb (X驻Y工作队, Y帮扶单位X, 在X的帮扶下).
GENERIC_RELATION = "帮扶"
PAIRED_RELATION = "结对帮扶"  # a pair whose words name no sharper verb (X给予结对的Y, X赴Y开展...帮扶, X与Y结成)
UNITS_OF_RELATION = "对口帮扶"  # X和Y等对口帮扶单位
VAGUE_RELATION_VERBS = ("帮扶", "结对")  # verbs too vague to report after a visit: the frame says 结对帮扶
POSSESSIVE = "的"  # X的帮扶单位, 对口帮扶的Y
LIST_ETC = "等"  # X和Y等...单位: the list closes
# 在X的(精准)帮扶下: the lead word and the tail after X (a format template: {words} = UNDER_WORDS).
UNDER_LEAD = "在"
UNDER_END = "下"
UNDER_TAIL = r"的?[^,,。;;]{{0,10}}?(?:{words})下"
AS_WORDS = ("作为", "是", "确定为", "定为", "列为", "成为")  # Y作为X对口支援的地区 / Y是X的定点帮扶县 / X作为Y的帮扶单位
UNIT_CUE = "单位"  # a sentence without it holds no 帮扶单位 frame
STATIONED = "驻"  # X驻Y工作队
TOWARD = "对"  # X开展对Y的结对帮扶
# ... but 对Y的帮扶十分感激 thanks Y for its help: Y is the helper, the speaker no party to it.
GRATITUDE_AFTER = ("十分感激", "非常感激", "很感激", "感激", "十分感谢", "非常感谢", "表示感谢", "感谢", "表示感激",
                   "深表感谢", "十分满意", "非常满意", "很满意", "满意")
TOWARD_LINKS = r"的|开展|进行|实施|展开|持续开展"  # what joins Y to the verb after 对Y
# ... after the units of Y it counts (对东乡县5个村进行帮扶): Y is helped.
TOWARD_COUNTED = r"(?:\d+|[一二两三四五六七八九十]+)个(?:贫困|重点|脱贫)?(?:行政村|村|乡镇|镇|乡|社区|户)"
# X向Y提供(全面)对口支援 / X为Y提供结对帮扶: the help as what is provided to Y (a few words may
# say what help before the relation).
PROVIDE_TO = ("向", "为")
PROVIDE_VERBS = ("提供", "给予")
PROVIDE_LINK = r"(?:提供|给予)了?"
PROVIDE_GAP = 4
# ... but 提供帮扶资金 provides money: the money frame reads that tie.
PROVIDED_GOODS = ("资金", "款", "物资")
AID_CHAR = "援"  # X援疆, X对口援乌 (parsers/extraction/pairabbrev.py)
# X深入推进与Y的东西部协作: 的, a few characters, a tie (a format template: {ties} = the relation verbs).
COOPERATION_EXTRA_TIES = ("协作",)
COOPERATION_TIE = r"的[^,,。;;]{{0,6}}?(?:{ties})"
# What follows the helped place after a spending verb: money (资金, 款) or an amount.
SPENT_OBJECT_TAIL = r"[^,,。;;、]{0,10}?(?:资金|款|\d+(?:\.\d+)?(?:万|亿)元)"
CLAUSE_BREAK = r"[,,。;;]"  # the end of a clause inside a sentence

# --- abbreviations (parsers/extraction/pairabbrev.py) ---------------------------------------------------------

AID_RELATION = "对口支援"  # X援疆 ... Y, X对口援乌, 沪滇 ... : the relation 援 + a place states
# 江苏、陕西两省协作 / 张家港和沿河两地结对帮扶: two parties joined, summed up as 两省, then a tie.
TWO_OF_JOINERS = ("、", "和", "与")
TWO_OF_TIE = r"两(?:省区|省市|省|市|地|县|区|州)[^,,。;;]{0,6}?(东西部协作|扶贫协作|对口协作|对口合作|对口帮扶|对口支援|结对帮扶|协作)"
TWO_OF_DEFAULT_RELATION = "对口协作"  # the tie is no relation verb of its own (协作)
# 惠城、册亨两地已多次联动…: an eastern and a western place summed up as 两地 are the two sides of
# their 东西部协作 whatever the sentence goes on to say (the tie is often in the next one).
TWO_SIDES = r"两(?:地|市|县|区)"
TWO_SIDES_RELATION = "东西部协作"

# --- pairings (parsers/extraction/pairings.py, parsers/extraction/pairhits.py) ------------------------------

# Verbs that make neither side the helper (X与Y携手): the pair is oriented by its sides.
MUTUAL_VERBS = ("携手", "牵手", "手拉手")
# What may stand between a list and its 与, after a count summing it up: a time word, then 分别.
JOIN_LEAD_TIME_WORDS = ("日前", "近日", "此前", "已", "正式", "共同", "还", "也", "又", "同时", "另外")
# A date or a year word before those, with 于/在 (X于今年与Y成为结对单位, X在2019年3月与Y...),
# and the adverbs a date takes (刚, 就, 便, 又).
JOIN_LEAD_DATE = (r"(?:于|在|早在)?(?:今年|去年|前年|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月(?:\d{1,2}日)?)"
                  r"(?:初|底|年初|年底|以来)?(?:刚刚|刚|就|便|又|已经)?")
JOIN_LEAD_RESPECTIVELY = ("分别", "一一")
EAST_WEST_RELATION = "东西部协作"  # reported when the sentence says one of EAST_WEST_CUES
# What may stand between a verb and the party it helps (帮扶了“...).
RECIPIENT_GAPS = ("", "了", "“", "了“")

# X对口帮扶A,重点帮扶B和C: a clause opening with only these words before its relation verb has no
# subject of its own and goes on with the helper of the clause before.
CONTINUING_CLAUSE_LEADS = ("重点", "主要", "并", "还", "同时", "继续", "全力", "着力", "先后", "分别", "")

# --- clauses (parsers/extraction/clauses.py) ------------------------------------------------------------

# What may stand before a clause's subject: a time phrase or a connective (2019年, 近年来, 此外), any
# number of them, and nothing else.
CLAUSE_LEAD = (
    r"^(?:[\s“”\"「」『』()()·、]|(?:\d+|[一二三四五六七八九十]+)(?:年|月|日|号)|至|到|以来|近年来|近年|今年|去年"
    r"|前年|当年|目前|近日|日前|同时|此外|另外|其中|随后|近期|当天|当日|上午|下午|晚上|晚|中午|期间|初|底|末"
    r"|上半年|下半年|截至|截止|自|从|起|首先|其次|再次|最后|另一方面|一方面|为此|对此|如今|现在|而|并|也|还|更|都"
    r"|全年|年内|全省|全市|全县|全区|全州|全国)*$"
)
# 为 / 给 introduce a receiver, except in 作为, 成为, 认为... (these characters before 为), 分别为, and 给予.
RECEIVER_PREPOSITION = "为"
NOT_PREPOSITION_BEFORE = tuple("作成认以因称视列评更")
NOT_PREPOSITION_RESPECTIVELY = "分别"
NOT_PREPOSITION_GIVE = "给予"
# Words holding 向 / 为 / 给 that are no preposition before a receiver (定向捐赠X, 为此共投入):
# the character belongs to the word. 面向 and 流向 stay prepositions (面向贫困户, 流向贫困村).
NOT_PREPOSITION_WORDS = ("定向", "方向", "导向", "意向", "走向", "指向", "去向", "动向", "倾向", "趋向", "取向",
                         "偏向", "双向", "单向", "反向", "横向", "纵向", "为此", "为了", "为止", "为主", "为期",
                         "为由", "为准", "给力")
