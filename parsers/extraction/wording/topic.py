"""Topic wording as data: the words that make an article worth keeping at all.

The ingest gate (parsers/extraction/topic.py) keeps an article whose title or text holds one
``PROGRAMME_TERMS`` entry, or one ``RURAL_TERMS`` entry together with one ``COOPERATION_TERMS``
entry; anything else is recorded as seen and off-topic, never stored in full.  The gate is
recall-first: the extractor decides what is a pairing; this only turns away general news.
Phrases in ``funding.NOT_PROGRAMME`` (对口招生, 帮扶干部 ...) are blanked before looking, as the
extractor blanks them: they use the words without speaking of the programme.

All text is Simplified (normalisation runs first).
"""

from __future__ import annotations

from parsers.extraction.wording.funding import FRIENDSHIP_WORDS

# One of these alone keeps an article: the programme's names, its verbs, its abbreviations.
PROGRAMME_TERMS: tuple[str, ...] = (
    "对口",  # 对口支援 / 对口帮扶 / 对口协作 / 对口合作
    "东西部协作", "东西部扶贫协作", "扶贫协作", "劳务协作", "山海协作", "南北挂钩",
    "帮扶",  # 结对帮扶 / 定点帮扶 / 挂钩帮扶 / 消费帮扶
    "结对", "定点扶贫", "援建", "援疆", "援藏", "援青", "援滇", "援黔", "援宁", "援渝", "援川", "援桂",
    "援蒙", "援甘", "援陕", "援鄂", "援助资金", "支援资金",
    # the policy frame the programme runs under since 2021 (巩固拓展脱贫攻坚成果同乡村振兴有效衔接)
    "脱贫攻坚",
    # a tie between two regions (缔结友好县): the lookalike the extractor must see to turn it down
    *FRIENDSHIP_WORDS,
)

# Neither alone is enough (general news says 乡村振兴 or 招商 in passing); both together speak of
# rural revitalisation and of bringing investment or industry in: the economic side of the programme.
RURAL_TERMS: tuple[str, ...] = ("乡村振兴", "脱贫", "扶贫")
COOPERATION_TERMS: tuple[str, ...] = ("招商引资", "产业转移", "飞地经济", "共建园区", "劳务输出")

# What an article turned away is recorded as (store: off_topic.reason).
OFF_TOPIC_REASON = "off-topic"
