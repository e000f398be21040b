"""The words a digest is written in: Chinese by default (``--lang zh``), English with ``--lang en``.

Only the labels change; article titles, sentences, place names and amounts stay as the press wrote
them. Every key exists in every language (a test checks), so a template never shows a key.
"""

from __future__ import annotations

LANGS = ("zh", "en")

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "pairwatch 对口帮扶动态",
        "summary": "摘要",
        "period": "时段",
        "beginning": "开始",
        "new_pairings": "新结对",
        "known_pairings": "已知结对",
        "funding": "资金",
        "to_check": "待核实",
        "to_check_note": "以下条目置信度低于 0.8，请核对原文后再引用。",
        "contents": "目录",
        "by_province": "按受援省份",
        "province": "省份",
        "pairings": "结对",
        "funding_items": "资金条目",
        "total": "金额合计",
        "largest": "最大金额",
        "n_new": "{n} 个新结对",
        "n_known": "{n} 个已知结对",
        "n_funding": "{n} 项资金",
        "n_check": "{n} 项待核实",
        "counts_subject": "{new} 个新结对，{funding} 项资金",
        "sources": "来源",
        "undated": "未注明日期",
        "official": "官方名单：{programme}（{since}年起）",
        "not_official": "不在官方名单",
        "check": "待核实",
        "likely_repeat": "可能重复报道",
        "approximate": "约",
        "yuan": "元",
        "period_of": "所属期间",
        "unknown_province": "（省份不详）",
        "not_stated": "（未说明）",
        "failed": "{n} 个来源自上次摘要以来抓取失败：",
        "and_more": "另有 {n} 个",
        "nothing_new": "自上次摘要以来没有新内容。",
        "nothing_since": "{when} 以来没有新入库的内容。",
        "subscribed": "已订阅：自 {when} 起的新内容将发送到此处。",
        "filters": "筛选条件",
        "tz_shanghai": "北京时间",
        "unsubscribe": "退订：请发邮件至 {contact}，主题写“unsubscribe {channel}”。",
        "source_notes": "需要查看的来源",
        "story": "报道",
        "other_provinces": "其他 {n} 个",
        "seen_reversed": "此前已见反向结对",
        "sure_only": "不含待核实条目",
    },
    "en": {
        "title": "pairwatch paired-assistance digest",
        "summary": "Summary",
        "period": "Period",
        "beginning": "the beginning",
        "new_pairings": "New pairings",
        "known_pairings": "Known pairings",
        "funding": "Funding",
        "to_check": "To check",
        "to_check_note": "These items have a confidence below 0.8: check the article before quoting them.",
        "contents": "Contents",
        "by_province": "By recipient province",
        "province": "Province",
        "pairings": "Pairings",
        "funding_items": "Funding items",
        "total": "Total",
        "largest": "Largest amounts",
        "n_new": "{n} new pairing{s}",
        "n_known": "{n} known pairing{s}",
        "n_funding": "{n} funding item{s}",
        "n_check": "{n} to check",
        "counts_subject": "{new} new pairing{new_s}, {funding} funding item{funding_s}",
        "sources": "Sources",
        "undated": "undated",
        "official": "official list: {programme} (since {since})",
        "not_official": "in no official list",
        "check": "to check",
        "likely_repeat": "likely repeat",
        "approximate": "approx.",
        "yuan": "yuan",
        "period_of": "period",
        "unknown_province": "(province unknown)",
        "not_stated": "(not stated)",
        "failed": "{n} source(s) failed since the last digest:",
        "and_more": "and {n} more",
        "nothing_new": "Nothing new since the last digest.",
        "nothing_since": "Nothing first stored since {when}.",
        "subscribed": "Subscribed: items stored from {when} on will come here.",
        "filters": "Filters",
        "tz_shanghai": "Beijing time",
        "unsubscribe": "To unsubscribe, write to {contact} with the subject \"unsubscribe {channel}\".",
        "source_notes": "Sources to look at",
        "story": "story",
        "other_provinces": "{n} more",
        "seen_reversed": "seen before the other way round",
        "sure_only": "items to check not counted",
    },
}


def labels(lang: str) -> dict[str, str]:
    """The labels of ``lang``; an unknown language is refused (the command checks it first)."""
    try:
        return LABELS[lang]
    except KeyError:
        raise ValueError(f"--lang must be one of {', '.join(LANGS)}, not {lang!r}") from None
