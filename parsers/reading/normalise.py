"""Text normalisation: Simplified script, no mirror pinyin, garbage flagged, body once.

Mirrors of Chinese news add pinyin after characters, print the body twice,
prepend SEO spam, or carry text decoded with the wrong byte alignment. Each
repair is a small pure function (here and in pinyin.py, script.py, mojibake.py)
so parsers can compose them and tests can pin each down; ``normalise_text`` is
the standard text pipeline.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

from parsers.reading.mojibake import find_mojibake
from parsers.reading.pinyin import is_pinyin_syllable, strip_pinyin
from parsers.reading.script import Script, detect_script, to_simplified

__all__ = [
    "Normalised", "Script", "clean_lines", "detect_script", "drop_repeated_blocks", "find_mojibake",
    "fold_whitespace", "is_pinyin_syllable", "is_spam_line", "nfc", "normalise_text", "strip_pinyin",
    "strip_spam_terms", "to_simplified",
]

_SPACES = dict.fromkeys(map(ord, "\t\v\f\xa0\u1680\u202f\u205f\u3000"), " ") | dict.fromkeys(range(0x2000, 0x200B), " ")
_SPACES |= {0x200B: None, 0xFEFF: None, 0x2028: "\n", 0x2029: "\n"}
_SPACES |= dict.fromkeys(range(0xD800, 0xE000), "\ufffd")  # lone surrogates (from surrogateescape)


def nfc(text: str) -> str:
    """Compose combining tone marks so pinyin and CJK compare by code point."""
    return unicodedata.normalize("NFC", text)


def fold_whitespace(text: str) -> str:
    """Plain spaces only, no indentation or trailing spaces, at most one blank line in a row.

    Lone surrogates become U+FFFD, so later steps (OpenCC, GB18030) can encode the text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES)
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


# Spam vocabulary: strong terms are rare in news, weak ones only count alongside them.
SPAM_TERMS_STRONG = tuple("一区二区 二区三区 少妇 熟女 人妻 波多野 结衣 无码 有码 色片 三级片 成人影 偷拍 不卡 av".split())
SPAM_TERMS_WEAK = tuple("日韩 欧美 国产 亚洲 精品 久久 在线观看 视频 高清 免费 日本 自拍".split())
INJECTED_SPAM = (  # brand names spam mirrors inject into otherwise real sentences
    r"[亚亞]博\d*(?:体育|體育|登录|登錄|官网|官網|app|APP)",
    r"包[养養][网網]",
    r"(?:开云|開雲|九游|乐鱼|樂魚|华体会|華體會)(?:体育|體育|官网|官網|登录|登錄|app|APP)",
)
_INJECTED_RE = re.compile("|".join(INJECTED_SPAM))


_STRONG_RE = tuple((t, re.compile(rf"(?<![a-z]){t}(?![a-z])" if t.isascii() else re.escape(t))) for t in SPAM_TERMS_STRONG)
_FRAGMENT_SPLIT = re.compile(r"[_|]+")


def _spam_terms(fragment: str) -> tuple[set[str], set[str]]:
    low = to_simplified(fragment).lower()
    return {t for t, rx in _STRONG_RE if rx.search(low)}, {t for t in SPAM_TERMS_WEAK if t in low}


def is_spam_line(line: str) -> bool:
    """SEO/porn keyword chains: several distinct spam terms, or many '_'-joined spam fragments."""
    strong, weak = _spam_terms(line)
    if not strong:  # both tests need a strong term, and a fragment's terms are the line's ('_' and '|' end words)
        return False
    if len(strong) >= 2 and 2 * len(strong) + len(weak) >= 6:
        return True
    hits = [_spam_terms(f) for f in _FRAGMENT_SPLIT.split(line) if f.strip()]
    return len(hits) >= 4 and any(h[0] for h in hits) and sum(bool(h[0] or h[1]) for h in hits) >= 3


def strip_spam_terms(text: str) -> str:
    """Remove injected brand spam (亚博221登录, 包養網) from inside real sentences."""
    return _INJECTED_RE.sub("", text)


def drop_repeated_blocks(lines: list[str]) -> tuple[list[str], bool]:
    """Keep a body printed twice only once.

    Lines of >= 15 non-space characters seen before are dropped; short lines seen
    before go too when they sit between dropped lines or continue the earlier
    copy in the same order (title, date and 来源 lines of the second copy).
    """
    keys = ["".join(x.split()) for x in lines]
    first: dict[str, int] = {}
    for i, k in enumerate(keys):
        first.setdefault(k, i)
    filled = [i for i, k in enumerate(keys) if k]
    after = dict(pairwise(filled))  # next non-blank line
    src = {i: first[keys[i]] for i in filled if len(keys[i]) >= 15 and first[keys[i]] < i}
    for a, b in pairwise(filled):  # short repeats continuing the earlier copy in order
        if a in src and b not in src and first[keys[b]] < b and keys[after[src[a]]] == keys[b]:
            src[b] = after[src[a]]  # (src[a] < a, so it always has a next line)
    group: list[int] = []
    inside = False
    for i in filled:  # short repeats sandwiched between dropped lines
        if i in src:
            src.update({j: first[keys[j]] for j in group})
            group, inside = [], True
        elif inside and first[keys[i]] < i:
            group.append(i)
        else:
            group, inside = [], False
    dropped = set(src)
    for a, b in pairwise(filled):
        if a in dropped and b in dropped:
            dropped.update(range(a + 1, b))  # blank lines inside the dropped block
    return [x for i, x in enumerate(lines) if i not in dropped], bool(dropped)


def clean_lines(lines: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """Line-level cleaning for site parsers: spam lines, injected brand spam, repeated body."""
    kept = [strip_spam_terms(x) for x in lines if not is_spam_line(x)]
    result, repeated = drop_repeated_blocks(kept)
    flags = ("spam_removed",) if kept != lines else ()
    return result, flags + (("repeated_body_removed",) if repeated else ())


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus what was done to it; spans are offsets into ``text``."""

    text: str
    flags: tuple[str, ...]
    mojibake_spans: tuple[tuple[int, int], ...]
    script: str


def normalise_text(raw: str) -> Normalised:
    """NFC, whitespace, pinyin removal, script detection, mojibake spans, t2s outside the spans."""
    text, removed = strip_pinyin(fold_whitespace(nfc(raw)))
    script = detect_script(text)
    spans = find_mojibake(text)
    parts: list[str] = []
    new_spans: list[tuple[int, int]] = []
    pos = length = 0
    for a, b in [*spans, (len(text), len(text))]:  # convert segment by segment: t2s may change length
        converted = to_simplified(text[pos:a])
        parts += [converted, text[a:b]]
        length += len(converted)
        if b > a:
            new_spans.append((length, length + b - a))
        length += b - a
        pos = b
    out = "".join(parts)
    done = {"pinyin_removed": removed, "mojibake": spans, "converted_from_traditional": out != text}
    return Normalised(out, tuple(f for f, on in done.items() if on), tuple(new_spans), script)
