"""The main text of a page from its DOM, by text and punctuation density (lxml, no I/O).

Chinese news pages put the article in one container among menus, link lists,
comment threads and footers.  Article text is long runs of prose full of
Chinese punctuation; furniture is short, link-heavy and unpunctuated.  So every
piece of text gets a value — its length plus a bonus for punctuation; minus its
length if it is link text or a short label; minus a fixed cost if it carries a
date and time, as comment headers and listing entries do — and the article is
the run of sibling content, anywhere in the tree, with the highest total: a
whole container, or the bare <p> run of a layout cell beside link lists.
Comment threads and footers named so in class or id are never the article;
other names ("content", "sidebar") tilt the balance, never decide it alone.

The page is then read as blocks (one paragraph a line), each marked as inside
the main container or not, so that title, date line and bylines around the
article can still be read by the page reader.  A data table (parsers/reading/tables.py) is text too:
each of its rows is worth its characters, and is read as one line, its cells set apart by spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from parsers.deadline import check
from parsers.reading.domtree import BLOCK, Element, text_of
from parsers.reading.page_blocks import Block
from parsers.reading.tables import row_text

# Containers that may hold an article (inline elements never do).
CONTAINERS = frozenset("div td article section main body table tbody center blockquote form font span dd".split())
PUNCT = frozenset("，。！？；：、“”‘’（）《》…—,!?;\"")
_PUNCT_RE = re.compile("[" + re.escape("".join(sorted(PUNCT))) + "]")
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"))
_B, _E = r"(?:^|[\s_\-\d])", r"(?=$|[\s_\-\d])"  # word edges inside class and id names
_GOOD_HINT = re.compile(
    rf"{_B}(?:article|content|contents|main|post|entry|text|body|story|detail|zhengwen|maintext|neirong|"
    rf"wenzhang|con|cont|newstext|news_?txt|read|postbody|blogpost){_E}|article|content|zhengwen|artibody|"
    r"endtext|trs_editor",
    re.I,
)
_BAD_HINT = re.compile(
    rf"{_B}(?:comments?|reply|replies|footer|foot|copyright|sidebar|side|aside|nav|navbar|menu|breadcrumbs?|"
    rf"crumbs?|related|recommend|share|social|banner|ads?|advert|guanggao|login|toolbar|pager|pagination|"
    rf"links|hot|hotnews|rank|ranking|tags?){_E}|comment|footer|copyright|sidebar|breadcrumb|recommend|advert",
    re.I,
)
_NEVER_MAIN = re.compile(r"comment|reply|replies|footer|copyright", re.I)
_DATETIME = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}")
DATETIME_COST = 40.0
_WS = re.compile(r"\s+")


@dataclass(slots=True)
class Stats:
    """One element's subtree: how much prose and link text it holds, and what it is worth."""

    prose: int = 0  # non-link characters
    link: int = 0  # characters inside <a>
    punct: int = 0  # punctuation in non-link text
    value: float = 0.0
    hint: int = 0  # +1 content-like class/id, -1 furniture-like


def _names(el: Element) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


def _hint(el: Element) -> int:
    """+1 for a content-like class/id, -1 for a furniture-like one, 0 otherwise."""
    name = _names(el)
    if not name:
        return 0
    if _BAD_HINT.search(name):
        return -1
    return 1 if _GOOD_HINT.search(name) else 0


def _piece(text: str | None) -> tuple[int, int]:
    """(visible characters, punctuation marks) of a text piece."""
    if not text:
        return 0, 0
    chars = len("".join(text.split()))
    return chars, len(_PUNCT_RE.findall(text)) if chars else 0


def piece_value(chars: int, punct: int) -> float:
    """Prose is worth its length plus a punctuation bonus; a short unpunctuated label is worth little."""
    if chars == 0:
        return 0.0
    if punct == 0 and chars < 20:
        return -0.5 * chars
    return chars + 8.0 * min(punct, chars / 4)


def link_elements(root: Element) -> set[Element]:
    """Links and everything inside them (libxml2's //a/descendant-or-self::* takes quadratic time in the links)."""
    found: set[Element] = set()
    for a in root.iter("a"):
        if a not in found:  # a link nested in a link is inside already
            found.update(a.iter(tag=etree.Element))
    return found


def score_tree(root: Element, rows: set[Element] | frozenset[Element] = frozenset()) -> dict[Element, Stats]:
    """Stats for every element, computed bottom-up in one pass; a data table's ``rows`` are worth
    their characters (short unpunctuated cells would otherwise count as labels)."""
    elements = list(root.iter(tag=etree.Element))
    in_link = link_elements(root)
    stats: dict[Element, Stats] = {}
    for el in reversed(elements):
        check()
        st = Stats()
        linked = el in in_link
        _add_text(st, el.text, linked)
        for child in el:
            cs = stats.get(child)
            if cs is not None:
                st.prose += cs.prose
                st.link += cs.link
                st.punct += cs.punct
                st.value += cs.value
            _add_text(st, child.tail, linked)
        if el in rows:  # a listing's row (a linked title, a date and time) stays furniture
            st.value = st.prose - 1.5 * st.link - (DATETIME_COST if _DATETIME.search(text_of(el)) else 0.0)
        hint = st.hint = _hint(el)
        if hint < 0 and st.value > 0:
            st.value *= -0.5
        elif hint > 0 and st.value > 0:
            st.value *= 1.15
        stats[el] = st
    return stats


def _add_text(st: Stats, text: str | None, linked: bool) -> None:
    if not text or text.isspace():
        return
    chars, punct = _piece(text)
    if linked:
        st.link += chars
        st.value -= 1.5 * chars
    else:
        st.prose += chars
        st.punct += punct
        st.value += _text_value(text, chars, punct)


def _text_value(text: str, chars: int, punct: int) -> float:
    """A text piece outside links; one with a date and time is a comment header or a listing entry."""
    return piece_value(chars, punct) - (DATETIME_COST if chars and _DATETIME.search(text) else 0.0)


@dataclass(frozen=True)
class SiblingRun:
    """A run of sibling content (the article): children ``start``..``end`` (item indices, see ``_items``) of
    ``parent``, and the run's total ``value``."""

    parent: Element
    start: int
    end: int
    value: float

    def covers(self, index: int) -> bool:
        return self.start <= index <= self.end


def _items(el: Element, stats: dict[Element, Stats]) -> list[float]:
    """Values of an element's content in order: its text (index 0), then each child (2k+1) and tail (2k+2)."""
    values = [_loose_value(el.text)]
    for child in el:
        st = stats.get(child)
        values.append(st.value if st is not None else 0.0)
        values.append(_loose_value(child.tail))
    return values


def _loose_value(text: str | None) -> float:
    return _text_value(text, *_piece(text)) if text else 0.0


def find_main(root: Element, stats: dict[Element, Stats] | None = None) -> SiblingRun:
    """The run of sibling content, anywhere in the tree, with the highest total value.

    Whole containers are a special case; articles written as bare <p> runs inside a
    layout cell next to link lists are the reason for runs.
    """
    stats = stats if stats is not None else score_tree(root)
    skip = link_elements(root)
    total = stats[root].prose or 1
    for el, st in stats.items():  # comment threads, footers: never the article; sidebars, unless they hold most
        if st.hint < 0 and el not in skip and (_NEVER_MAIN.search(_names(el)) or st.prose < 0.5 * total):
            skip.update(el.iter())
    best = SiblingRun(root, 0, 0, float("-inf"))
    for el in stats:
        if el.tag not in CONTAINERS or el in skip:
            continue
        check()
        values = _items(el, stats)
        run_start, run_sum = 0, 0.0
        for i, v in enumerate(values):
            if run_sum <= 0:
                run_start, run_sum = i, 0.0
            run_sum += v
            if run_sum > best.value:
                best = SiblingRun(el, run_start, i, run_sum)
    return best


def page_blocks(root: Element, main: SiblingRun | None = None,
                rows: set[Element] | frozenset[Element] = frozenset()) -> list[Block]:
    """The page as lines (one block element a line), each marked as inside the ``main`` region or not;
    each of a data table's ``rows`` is one line, tagged "tr"."""
    blocks: list[Block] = []
    buf: list[str] = []
    state = _LineState()

    def flush() -> None:
        if state.started:
            text = _WS.sub(" ", "".join(buf).translate(_INVISIBLE)).strip()
            if text:
                blocks.append(Block(text, state.link, state.main, state.tag))
        buf.clear()
        state.link, state.started = 0, False

    def add(text: str | None, linked: bool, tag: str, in_main: bool) -> None:
        if not text:
            return
        if not state.started:
            if text.isspace():
                return
            state.tag, state.main, state.started = tag, in_main, True
        buf.append(text)
        if linked:
            state.link += len("".join(text.split()))

    def walk(el: Element, linked: bool, tag: str, in_main: bool) -> None:
        name = el.tag if isinstance(el.tag, str) else ""
        linked = linked or name == "a"
        here = main is not None and el is main.parent
        if el in rows:
            flush()
            _add_row(blocks, el, in_main or (main is not None and el in main.parent.iterancestors()))
            return
        block = name in BLOCK
        if block:
            flush()
            tag = name
        add(el.text, linked, tag, in_main or (here and main.covers(0)))
        for k, child in enumerate(el):
            walk(child, linked, tag, in_main or (here and main.covers(2 * k + 1)))
            add(child.tail, linked, tag, in_main or (here and main.covers(2 * k + 2)))
        if block:
            flush()

    walk(root, False, "", main is None)
    flush()
    return blocks


def _add_row(blocks: list[Block], tr: Element, in_main: bool) -> None:
    text = row_text(tr).translate(_INVISIBLE).strip()
    if text:
        link = sum(len("".join("".join(a.itertext()).split())) for a in tr.iter("a"))
        blocks.append(Block(text, link, in_main, "tr"))


@dataclass(slots=True)
class _LineState:
    link: int = 0
    tag: str = ""
    main: bool = False
    started: bool = False
