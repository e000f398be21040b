"""One company under several names: with and without its legal form (中国华能集团 /
中国华能集团有限公司) or shortened (中国三峡集团 / 中国长江三峡集团).

Split out of parsers/extraction/orgs.py, which finds organisations in the text: telling that two found
names are one party is a separate concern, run once every party of the article is known.
"""

from __future__ import annotations

from parsers.extraction.mentions import Mention
from parsers.extraction.orglexicon import known_names
from parsers.extraction.wording.parties import ORG_BRACKETED_GROUP, ORG_LEGAL_FORMS, ORG_NATIONAL_SUFFIXES
from parsers.records import Party


def legal_stem(name: str) -> str:
    """A company's name without its legal form: 中国华能集团有限公司 -> 中国华能集团."""
    stem = name
    changed = True
    while changed:
        changed = False
        for form in ORG_LEGAL_FORMS:
            if stem.endswith(form) and len(stem) - len(form) >= 2:
                stem = stem[: -len(form)]
                changed = True
    for bracketed in ORG_BRACKETED_GROUP:
        stem = stem.replace(bracketed, "")
    return stem


def unify_legal_names(mentions: list[Mention]) -> None:
    """One company named with and without its legal form is one party: every mention takes the
    party of its fullest name (the title's 中国华能集团 and the body's 中国华能集团有限公司)."""
    fullest: dict[str, Party] = {}
    for m in mentions:
        if m.kind == "org" and not m.dept and m.party is not None:
            stem = legal_stem(m.party.name)
            best = fullest.get(stem)
            if best is None or len(m.party.name) > len(best.name):
                fullest[stem] = m.party
    known = known_names()
    for short in list(fullest):
        if fullest[short].full_name in known:
            continue  # 南京大学 is a university of its own, not a short form of 南京农业大学
        longer = {fullest[s].name: fullest[s] for s in fullest if s != short and is_short_form(short, s)}
        if len(longer) == 1:
            fullest[short] = next(iter(longer.values()))
    for m in mentions:
        if m.kind == "org" and not m.dept and m.party is not None:
            m.party = fullest[legal_stem(m.party.name)]
            m.__dict__.pop("key", None)


def is_short_form(short: str, full: str) -> bool:
    """True if ``short`` reads as a short form of ``full``: its characters in order within it
    and the same head (中国三峡集团 / 中国长江三峡集团, 华达控股集团 / 浙江华达控股集团,
    国家林草局 / 国家林业和草原局)."""
    if len(short) < 4 or len(full) <= len(short):
        return False
    if short[-2:] != full[-2:] and not (short.endswith(ORG_NATIONAL_SUFFIXES) and short[:3] == full[:3]
                                        and short[-1] == full[-1]):
        return False  # a national body keeps its head and last character: 国家林草局 / 国家林业和草原局
    return in_order(short, full)


def in_order(short: str, full: str) -> bool:
    """Every character of ``short`` is in ``full``, in the same order (番职院 in 广州番禺职业技术学院)."""
    rest = iter(full)
    return all(ch in rest for ch in short)
