"""Text normalisation: Simplified script, no mirror pinyin, garbage flagged, body once.

Mirrors of Chinese news add pinyin after characters, print the body twice,
prepend SEO spam, or carry text decoded with the wrong byte alignment. Each
repair is a small pure function so parsers can compose them and tests can pin
each down; ``normalise_text`` is the standard text pipeline.
"""

from __future__ import annotations

import functools
import importlib.resources
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

import opencc

Script = Literal["simplified", "traditional", "mixed", "unknown"]
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_RE = re.compile(f"[{_CJK}]")
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
_ANNOTATION = re.compile(f"(?<=[{_CJK}])[(（]{_PY}")  # 推進(jìn)
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


@functools.cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """OpenCC t2s, character level; tw2sp would rewrite vocabulary (对口支援 -> 对口支持)."""
    return _converter("t2s").convert(text) if text else text


@functools.lru_cache(maxsize=65536)
def _char_script(ch: str) -> int:
    """+1 only-Traditional, -1 only-Simplified, 0 shared by both scripts."""
    t2s, s2t = _converter("t2s").convert(ch), _converter("s2t").convert(ch)
    return 1 if t2s != ch and s2t == ch else -1 if s2t != ch and t2s == ch else 0


def detect_script(text: str) -> Script:
    """The text's script, judged by characters that exist in only one of the two scripts."""
    counts = Counter(_CJK_RE.findall(text))
    trad = sum(n for ch, n in counts.items() if _char_script(ch) > 0)
    simp = sum(n for ch, n in counts.items() if _char_script(ch) < 0)
    if trad + simp == 0:
        return "unknown"
    share = trad / (trad + simp)
    return "traditional" if share >= 0.9 else "simplified" if share <= 0.1 else "mixed"


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, int], frozenset[str]]:
    """Character frequencies and two-character words from jieba's dictionary (once, ~0.3 s)."""
    freq: dict[str, int] = {}
    words = set()
    with (importlib.resources.files("jieba") / "dict.txt").open(encoding="utf-8") as f:
        for line in f:
            word, n, _ = line.split(" ", 2)
            for ch in word:
                freq[ch] = freq.get(ch, 0) + int(n)
            if len(word) == 2:
                words.add(word)
    return freq, frozenset(words)


@functools.lru_cache(maxsize=65536)
def _commonness(ch: str) -> float:
    """log10 frequency of a character (Traditional via its Simplified form); punctuation neutral."""
    if "\u3000" <= ch <= "\u303f" or "\uff01" <= ch <= "\uff5e" or ch in "“”‘’—…·":
        return 4.0
    freq = _lexicon()[0]
    return math.log10(max(freq.get(ch, 0), freq.get(to_simplified(ch), 0)) + 1)


@functools.lru_cache(maxsize=65536)
def _is_dbcs(ch: str) -> bool:
    """True for characters GBK/GB18030 encode in two bytes (CJK, full-width forms, kana...)."""
    return ord(ch) >= 0x80 and not "\ud800" <= ch <= "\udfff" and len(ch.encode("gb18030")) == 2


@functools.lru_cache(maxsize=65536)
def _pair(b: bytes) -> str | None:
    """The one non-ASCII character two bytes make in GB18030, else None."""
    ch = b.decode("gb18030", "replace")
    return ch if len(ch) == 1 and "\x80" <= ch != "\ufffd" else None


def _plausible(shown: str, fixed: str) -> bool:
    """The repair is common text while the shown text is rare and not made of real words."""
    if len(fixed) < 2 or not shown:
        return False
    ms = sum(map(_commonness, shown)) / len(shown)
    mf = sum(map(_commonness, fixed)) / len(fixed)
    words = sum(shown[k : k + 2] in _lexicon()[1] for k in range(len(shown) - 1))
    return mf >= 3.8 and ms <= 3.3 and mf - ms >= 1.2 and words <= 0.25 * max(1, len(shown) - 1)


def _shifted_spans(text: str, s: int, data: bytes) -> list[tuple[int, int]]:
    """GBK read one byte out of step: pairing each trail byte with the next lead byte repairs it.

    The misreading lasts until an ASCII byte resynchronises, so a found span is
    snapped forward to that point and takes an ASCII terminator (墙K) along.
    """
    n = len(data) // 2
    term = text[s + n] if s + n < len(text) and "\x40" <= text[s + n] <= "\x7e" else ""
    rec = [_pair(data[k : k + 2]) for k in range(1, 2 * n - 1, 2)]
    rec.append(_pair(data[-1:] + term.encode()) if term else None)
    segments, cur, start, best = [], 0.0, 0, (0, 0, 0.0)
    for i, r in enumerate([*rec, None]):  # maximal-gain segments (Kadane, with a bias)
        if r is not None:
            cur += _commonness(r) - _commonness(text[s + i]) - 0.5
            if cur > 0:
                best = (start, i, cur) if best[0] != start or cur > best[2] else best
                continue
        if best[0] == start and best[2] > 0:
            segments.append(best[:2])
        cur, start = 0.0, i + 1
    stop = [n] * (n + 1)  # stop[i]: first index >= i whose repair is missing or rare
    for i in range(n - 1, -1, -1):
        stop[i] = i if rec[i] is None or _commonness(rec[i]) < 3.0 else stop[i + 1]  # type: ignore[arg-type]
    out = []
    for a, b in segments:
        c = stop[b + 1] - 1
        if c + 1 == n or rec[c + 1] is None:  # plausible up to where the bytes resynchronise
            b = c
        elif b - a < 2:
            continue
        if _plausible(text[s + a : s + b + 1], "".join(r or "" for r in rec[a : b + 1])):
            out.append((s + a, s + b + 1 + (b + 1 < n or bool(term))))
    return out


_UTF8_RUN = re.compile(rb"(?:[\xe2-\xe9\xef][\x80-\xbf]{2}){2,}")


def _utf8_spans(text: str, s: int, data: bytes) -> list[tuple[int, int]]:
    """UTF-8 read as GBK: the shown characters' GB18030 bytes are UTF-8 for common text."""
    out = []
    for m in _UTF8_RUN.finditer(data):
        a, b = s + m.start() // 2, s + (m.end() + 1) // 2
        if _plausible(text[a:b], m.group().decode("utf-8", "ignore")):
            out.append((a, b))
    return out


def find_mojibake(text: str) -> list[tuple[int, int]]:
    """Spans of garbled text: shifted GBK, UTF-8 read as GBK, orphaned pinyin, U+FFFD runs."""
    spans = [m.span() for m in re.finditer("\ufffd+", text)]
    spans += [m.span() for m in _ORPHAN_ANNOTATION.finditer(text) if is_pinyin_syllable(m.group(1), True)]
    for m in re.finditer(r"[^\x00-\x7f]{2,}", text):
        i, e = m.span()
        while i < e:  # runs of double-byte characters
            j = i
            while j < e and _is_dbcs(text[j]):
                j += 1
            if j - i >= 2:
                data = text[i:j].encode("gb18030")
                spans += _shifted_spans(text, i, data) + _utf8_spans(text, i, data)
            i = j + 1
    merged: list[list[int]] = []
    for a, b in sorted(spans):  # take adjacent '?', a following (pinyin), merge near neighbours
        while b < len(text) and text[b] in "?\ufffd":
            b += 1
        if (t := _TRAILING_ANNOTATION.match(text, b)) and is_pinyin_syllable(t.group(1)):
            b = t.end()
        while a > 0 and text[a - 1] in "?\ufffd":
            a -= 1
        if merged and (a <= merged[-1][1] or (a == merged[-1][1] + 1 and not text[a - 1].isspace())):
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


# Spam vocabulary: strong terms are rare in news, weak ones only count alongside them.
SPAM_TERMS_STRONG = tuple("一区二区 二区三区 少妇 熟女 人妻 波多野 结衣 无码 有码 色片 三级片 成人影 偷拍 不卡 av".split())
SPAM_TERMS_WEAK = tuple("日韩 欧美 国产 亚洲 精品 久久 在线观看 视频 高清 免费 日本 自拍".split())
INJECTED_SPAM = (  # brand names spam mirrors inject into otherwise real sentences
    r"[亚亞]博\d*(?:体育|體育|登录|登錄|官网|官網|app|APP)",
    r"包[养養][网網]",
    r"(?:开云|開雲|九游|乐鱼|樂魚|华体会|華體會)(?:体育|體育|官网|官網|登录|登錄|app|APP)",
)
_INJECTED_RE = re.compile("|".join(INJECTED_SPAM))


def _spam_terms(fragment: str) -> tuple[set[str], set[str]]:
    low = to_simplified(fragment).lower()
    strong = {t for t in SPAM_TERMS_STRONG if re.search(rf"(?<![a-z]){t}(?![a-z])" if t.isascii() else t, low)}
    return strong, {t for t in SPAM_TERMS_WEAK if t in low}


def is_spam_line(line: str) -> bool:
    """SEO/porn keyword chains: several distinct spam terms, or many '_'-joined spam fragments."""
    strong, weak = _spam_terms(line)
    if len(strong) >= 2 and 2 * len(strong) + len(weak) >= 6:
        return True
    hits = [_spam_terms(f) for f in re.split(r"[_|]+", line) if f.strip()]
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
