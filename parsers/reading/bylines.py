"""Who wrote a Chinese page: bylines, trailing credits, meta authors, editors as a last resort.

Chinese news credits people in a handful of ways: a label and names (作者：, 记者,
文/, 执笔人：), a credit in brackets closing the text ((记者 张三), (李四 上海报道)),
a poster line on blogs and forums (由X张贴, X 发表于, by X), a line of names under
the title, an editor line (责任编辑：).  Names are read up to a boundary (space,
bracket, a word such as 报道 or 摄) so that "记者罗科苏盈发自北京" yields one name.
Each way is a tier; the reader takes the first tier that names anyone, so an
editor is only reported when nobody else is credited.
"""

from __future__ import annotations

import re

from parsers.surnames import surnames

_HAN = "\u4e00-\u9fff"
# Words that end a name: what follows a name in a credit, never part of it.
_STOPS = (
    "报道 摄影 摄 发自 素材 来源 编辑 责编 通讯员 实习生 特约 记者 本报 整理 审核 校对 个人简介 出自 阅读 "
    "时间 发表 发布 日期 译 供稿 综合 电 讯 联合 图 文 专稿 撰文 撰稿 点击 评论 字号 分享 相关 最新 原创 转载"
).split()
_STOP_RE = "|".join(sorted(map(re.escape, _STOPS), key=len, reverse=True))
_BOUNDARY = re.compile(rf"(?:\s|$|[)）\]】/|｜、;；:：\d<>《》\[【(（]|{_STOP_RE})")
_NOT_NAMES = frozenset(
    "来源 记者 编辑 作者 通讯员 原标题 资料 图片 视频 本报 新华 新华社 人民 央视 评论 转载 原创 全文 未完 待续 "
    "责任编辑 网友 本站 佚名 匿名 admin 管理员 小编 未知 不详 我们 他们 大家 社会 经济".split()
)
_ORG_WORDS = re.compile(r"网|报|社|台|集团|公司|出版|中心|频道|编辑部|杂志|日报|晚报|www|http|\.com|\.cn|\.net", re.I)

# label → tier: 0 writer, 1 editor
_WRITER_LABELS = (
    r"(?:(?:作\s*者|撰\s*稿|撰文|执笔人?|采写|口述|整理)(?=\s*[:：/]|\s)|文\s*[/:：]|文字\s*[:：]|"
    r"(?:本报|本刊|本网|新华社|特约|见习|首席)?(?:记者|通讯员|实习生))"
)
_EDITOR_LABELS = r"(?:责任编辑|本文编辑|值班编辑|编辑|责编)"
_LABELLED = re.compile(rf"(?P<label>{_WRITER_LABELS})\s*[:：/]?\s*")
_EDITOR = re.compile(rf"{_EDITOR_LABELS}\s*[:：/]?\s*")
_POSTER = (
    re.compile(r"由\s*(?P<a>[\w&·.\-]{2,16}?)\s*(?:张贴|发表|发布|于\s*(?:19|20)\d{2})"),
    re.compile(r"(?:^|[\s》\]】])(?P<a>[\w&.\-" + _HAN + r"]{2,16})\s*发表于"),
    re.compile(r"\bby\s+(?P<a>[\w&.\-" + _HAN + r"]{2,16})", re.I),
)
_CLOSING = re.compile(
    rf"[(（]\s*(?:[^()（）]{{0,12}}?(?:记者|通讯员|实习生)\s*[/:：]?)?\s*(?P<names>[{_HAN}·]{{2,4}}(?:[\s、,，]+[{_HAN}·]{{2,4}}){{0,5}}?)"
    rf"\s*(?:[{_HAN}]{{0,6}}(?:报道|摄影?|供稿|电))?\s*[)）]\s*$"
)
_SOURCE_PERSON = re.compile(rf"(?:来源|稿源)\s*[:：]\s*(?P<a>[{_HAN}]{{2,3}})(?=\s|$|【|\[)")
_ISSUER = re.compile(rf"(?:发文机关|发布机构|发文单位)\s*[:：|]?\s*(?P<a>[{_HAN}（）()]{{4,30}})")
_BRACKETED = re.compile(rf"[\[【]\s*(?P<names>[{_HAN}·]{{2,4}}(?:[\s、,，]+[{_HAN}·]{{2,4}}){{0,3}})\s*[\]】]")
_NAME_LINE = re.compile(rf"^(?P<names>[{_HAN}·]{{2,4}}(?:[\s、,，]+[{_HAN}·]{{2,4}}){{0,5}})$")


def looks_like_name(name: str) -> bool:
    """A Han personal name: 2-4 characters, a known surname first, not a common word or an organisation."""
    name = name.strip()
    if name in _NOT_NAMES or not 2 <= len(name) <= 4 or _ORG_WORDS.search(name):
        return False
    if not re.fullmatch(f"[{_HAN}·]+", name):
        return False
    if len(name) == 4:  # four characters: a compound surname or a Tibetan/Uyghur-style name, not 姓+3
        return name[:2] in _COMPOUND or name[:2] in _ETHNIC
    return name[0] in surnames() or name[:2] in _COMPOUND


_ETHNIC = frozenset("格桑 扎西 旦增 央金 尼玛 次仁 达瓦 多吉 拉巴 普布 索朗 边巴 次旦 阿依 买买 艾力 古丽 热依".split())
_COMPOUND = frozenset("欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 宇文 长孙 司徒 西门 夏侯 端木 独孤 南宫 第五".split())


def _surname_first(name: str) -> bool:
    return name.isascii() or name[0] in surnames() or name[:2] in _COMPOUND or name[:2] in _ETHNIC


def read_names(text: str, first_max: int = 4, loose: bool = False) -> list[str]:
    """Names at the start of ``text`` (after a label), each ending at a boundary; stops at the first non-name.

    ``loose`` also accepts pen names (zboygirl, 放飞&心情) for the first name of an explicit 作者 label.
    """
    names: list[str] = []
    pos = 0
    while pos < len(text) and len(names) < 8:
        m = re.match(r"[\s、,，/和与]*" if names else r"[\s、,，/]*", text[pos:])
        pos += m.end() if m else 0
        spaced = _spaced_name(text, pos)
        if spaced:  # 李 洋: a two-character name spaced out to line up with three-character ones
            if spaced[0] not in names:
                names.append(spaced[0])
            pos += spaced[1]
            continue
        name = _name_at(text, pos, first_max if not names else 3, loose and not names)
        if name is None or (names and not (looks_like_name(name) or name.isascii())):
            break
        if name not in names:
            names.append(name)
        pos += len(name)
    return names


def _spaced_name(text: str, pos: int) -> tuple[str, int] | None:
    """A two-character name printed with a space inside (李 洋), joined, and the length it spans."""
    m = re.match(rf"([{_HAN}]) {{1,2}}([{_HAN}])", text[pos:])
    if not m or not _BOUNDARY.match(text, pos + m.end()) or re.match(_STOP_RE, m.group(2)):
        return None
    name = m.group(1) + m.group(2)
    return (name, m.end()) if looks_like_name(name) else None


def _name_at(text: str, pos: int, max_len: int, loose: bool) -> str | None:
    """The shortest name at ``pos`` that ends at a boundary."""
    latin = re.match(r"[A-Za-z][A-Za-z0-9_.\-]{1,20}(?![A-Za-z0-9_=\"'])", text[pos:])
    if latin and latin.group().lower() not in _NOT_NAMES and _BOUNDARY.match(text, pos + latin.end()):
        return latin.group()
    for n in range(2, max_len + 1):
        cand = text[pos : pos + n]
        if len(cand) < n or not re.fullmatch(f"[{_HAN}·]+", cand):
            break
        if _BOUNDARY.match(text, pos + n) and cand not in _NOT_NAMES and not _ORG_WORDS.search(cand):
            return cand
    if loose:
        m = re.match(rf"[\w&·{_HAN}]{{2,16}}", text[pos:])
        if m and m.group() not in _NOT_NAMES and text[pos + m.end() : pos + m.end() + 1] not in ("=", '"', "'"):
            return m.group()
    return None


def labelled_writers(line: str, meta: bool = False) -> list[str]:
    """Names after writer labels (作者：, 记者, 文/, 执笔人：...).  On a ``meta`` line (a date line,
    not a sentence) 记者 X is a credit whatever X's first character: 记者 努尔古丽."""
    found: list[str] = []
    for m in _LABELLED.finditer(line):
        label = m.group("label")
        if label.startswith("文") and not re.search(r"[/:：]", label + line[m.end() - 1 : m.end()]):
            continue
        loose = label.replace(" ", "") in ("作者",)
        names = read_names(line[m.end() :], loose=loose)
        if names and label.endswith(("记者", "通讯员", "实习生")) and not meta and not _surname_first(names[0]):
            continue  # 记者从会上获悉: the reporter is the subject of a sentence, not a credit
        for name in names:
            if name not in found:
                found.append(name)
    return found


def editors(line: str) -> list[str]:
    """Names after editor labels (责任编辑：, 编辑：, 责编：)."""
    found: list[str] = []
    for m in _EDITOR.finditer(line):
        for name in read_names(line[m.end() :], first_max=3):
            if name not in found:
                found.append(name)
    return found


def poster(line: str) -> list[str]:
    """The poster of a blog or forum entry (由X张贴, X 发表于, by X)."""
    for rx in _POSTER:
        m = rx.search(line)
        if m and m.group("a") not in _NOT_NAMES:
            return [m.group("a")]
    return []


def closing_credit(line: str) -> list[str]:
    """Names in the bracketed credit that closes a text: (记者 张三), (李四 王五), (赵六 上海报道)."""
    m = _CLOSING.search(line)
    if not m:
        return []
    names = [n for n in re.split(r"[\s、,，]+", m.group("names")) if n]
    return names if names and all(looks_like_name(n) for n in names) else []


def name_line(line: str) -> list[str]:
    """A line that is nothing but personal names (the credit under a title)."""
    m = _NAME_LINE.match(line.strip())
    if not m:
        return []
    names = [n for n in re.split(r"[\s、,，]+", m.group("names")) if n]
    return names if all(looks_like_name(n) for n in names) else []


def bracketed(line: str) -> list[str]:
    """A name in brackets on a date line: 2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]."""
    for m in _BRACKETED.finditer(line):
        names = [n for n in re.split(r"[\s、,，]+", m.group("names")) if n]
        if names and all(looks_like_name(n) for n in names):
            return names
    return []


def source_person(line: str) -> list[str]:
    """来源：<a person's name>, as small sites credit their writers."""
    m = _SOURCE_PERSON.search(line)
    return [m.group("a")] if m and looks_like_name(m.group("a")) else []


def issuer(line: str) -> list[str]:
    """The issuing authority of a government document (发文机关：)."""
    m = _ISSUER.search(line)
    return [m.group("a")] if m else []


def meta_authors(values: list[str]) -> list[str]:
    """Authors named in meta tags, without site names, URLs or spaces inside Han names."""
    found: list[str] = []
    for value in values:
        for part in re.split(r"[;,，、|/]+|\s{2,}", value):
            part = part.strip()
            if re.fullmatch(rf"[{_HAN}](?:\s?[{_HAN}·]){{1,5}}", part):
                part = part.replace(" ", "")
            if not part or part.lower() in _NOT_NAMES or _ORG_WORDS.search(part) or part.startswith("@"):
                continue
            if re.fullmatch(rf"[{_HAN}·]{{2,6}}|[A-Za-z][\w .\-]{{1,30}}", part) and part not in found:
                found.append(part)
    return found
