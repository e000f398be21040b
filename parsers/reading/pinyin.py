"""Pinyin annotations that mirrors insert after characters (推進(jìn)): recognised and removed.

Only a CJK character followed by one legal Mandarin syllable in parentheses is an
annotation; real parentheses such as (国办发〔2013〕11号) or (市、区) stay.
"""

from __future__ import annotations

import re

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

# Legal Mandarin syllables as "initials: finals" ("-" = no initial).
_SYLLABLE_TABLE = """
-: a ai an ang ao e ei en eng er o ou yi ya yao ye yo you yan yin yang ying yong yu yue yuan yun wu wa wo wai wei wan wen wang weng
b: a o ai ei ao an en ang eng i iao ie ian in ing u
p: a o ai ei ao ou an en ang eng i iao ie ian in ing u
m: a o e ai ei ao ou an en ang eng i iao ie iu ian in ing u
f: a o ei ou an en ang eng u
d: a e ai ei ao ou an en ang eng ong i ia iao ie iu ian ing u uo ui uan un
t: a e ai ao ou an ang eng ong i iao ie ian ing u uo ui uan un
n: a e ai ei ao ou an en ang eng ong i iao ie iu ian in iang ing u uo uan ü üe
l: a o e ai ei ao ou an ang eng ong i ia iao ie iu ian in iang ing u uo uan un ü üe
g k h: a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang
j q x: i ia iao ie iu ian in iang ing iong u ue uan un
zh: a e i ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang
ch: a e i ai ao ou an en ang eng ong u ua uo uai ui uan un uang
sh: a e i ai ei ao ou an en ang eng u ua uo uai ui uan un uang
r: e i ao ou an en ang eng ong u ua uo ui uan un
z: a e i ai ei ao ou an en ang eng ong u uo ui uan un
c s: a e i ai ao ou an en ang eng ong u uo ui uan un
"""
SYLLABLES = frozenset(
    ini.strip("-") + fin
    for inis, fins in (row.split(":") for row in _SYLLABLE_TABLE.strip().splitlines())
    for ini in inis.split()
    for fin in fins.split()
)
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_UNTONE = str.maketrans(_TONED + "ɑɡ", "aaaaeeeeiiiioooouuuuüüüüag")
_PY = f"([a-zü{_TONED}ɑɡ]{{1,6}})[)）]"
# 推進(jìn); some mirrors put a space after it (萬(wan) 元), which goes with it
_ANNOTATION = re.compile(f"(?<=[{_CJK}])[(（]{_PY}(?: (?=[{_CJK}]))?")
_TRAILING_ANNOTATION = re.compile(f"[(（]{_PY}")
_ORPHAN_ANNOTATION = re.compile(f"[?\ufffd]{_PY}")  # ?shù): the character and "(" were lost


def is_pinyin_syllable(s: str, need_tone: bool = False) -> bool:
    """One legal Mandarin syllable; tone marks optional except for a/e/o alone (list labels)."""
    tones = sum(ch in _TONED for ch in s)
    base = s.translate(_UNTONE)
    if tones > 1 or base not in SYLLABLES:
        return False
    return tones == 1 or not (need_tone or len(base) == 1)


def strip_pinyin(text: str) -> tuple[str, int]:
    """Remove mirror pinyin after characters (推進(jìn) -> 推進); real parentheses stay."""
    count = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal count
        if not is_pinyin_syllable(m.group(1)):
            return m.group(0)
        count += 1
        return ""

    return _ANNOTATION.sub(repl, text), count
