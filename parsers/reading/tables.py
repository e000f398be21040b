"""Tables flattened into lines: a header row, then one line per row, cells set apart by spaces.

Government pages (公示, 项目清单, 资金安排表) carry their facts in tables.  A text dump keeps
each row as a line ("序号 项目名称 援建单位 资金(万元)", then "1 村道硬化 常州市 1500"), and the
HTML reader renders the rows of a data table (``data_rows``: rows of one width, numbers beside
words, none of the prose or nested tables of layout tables) the same way (parsers/reading/maintext.py).
Such a run of lines is article text: never the title, never metadata or furniture.  The money
unit often stands only in the header ("资金(万元)") or in a unit line ("单位：万元"), so
``with_units`` writes it after the numbers of that column ("1500万元"): the extractor reads
amounts with their units.  Pure functions: lines (or a parsed tree) in, indices or lines out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

Element = etree._Element

_CELL = re.compile(r"\S+")
_HEADER_WORD = re.compile(
    r"序号|编号|项目|名称|单位|资金|金额|投资|地点|地址|内容|规模|类别|类型|备注|数量|年度|主体|对象|标准|预算|补助"
    r"|地区|时间|期限|进度|负责|姓名|职务|合计|批次|来源|用途|实施|建设|规格|单价|总额|经费"
)
_MONEY_WORD = re.compile(r"资金|金额|投资|补助|预算|资助|援助|拨付|总额|合计|费用|经费|款")
_SENTENCE = re.compile(r"[。！？!?]")
_HEADER_PUNCT = re.compile(r"[。，,！？；!?;]")
_ROW_PUNCT = re.compile(r"[。，！？；!?;]")  # a row's number may carry ASCII commas (1,800)
_INDEX = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.、．]?$")
_TOTAL = re.compile(r"^(?:合计|总计|小计|共计|总额)")
_UNIT = r"(万元|亿元|万美元|美元|元)"
_HEADER_UNIT = re.compile(rf"[(（](?:单位\s*[:：]?\s*)?{_UNIT}[)）]|[/／]{_UNIT}$")
_UNIT_LINE = re.compile(rf"[(（]?单位\s*[:：]\s*{_UNIT}[)）]?$")
_NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_LEAD_END = re.compile(r"(?:[:：]|如下)$")
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u9fff\uff00-\uffef])")
_CELLS = ("td", "th")
MAX_DATA_CELL = 150  # characters in one cell of a data table; layout cells hold paragraphs
MAX_CELL = 16  # characters in one header cell
MAX_ROW = 300  # characters in one row


@dataclass(frozen=True)
class Table:
    """Lines ``start``..``end`` of a text: an optional lead sentence and unit line, the header, the rows."""

    start: int
    header: int | None
    end: int
    units: dict[int, str] = field(default_factory=dict)  # header column -> money unit of its numbers


def find_tables(texts: list[str]) -> list[Table]:
    """The tables among lines of text, in order; a line belongs to one table at most."""
    found: list[Table] = []
    i = 0
    while i < len(texts):
        table = _header_table(texts, i) or _numbered_table(texts, i)
        if table is None:
            i += 1
            continue
        found.append(table)
        i = table.end + 1
    return found


def table_lines(texts: list[str]) -> set[int]:
    """Indices of every line of every table (lead sentence and unit line included); blank lines
    (a dump may put one between any two lines) neither belong to a table nor end one."""
    idx = [i for i, t in enumerate(texts) if t.strip()]
    return {idx[k] for t in find_tables([texts[i] for i in idx]) for k in range(t.start, t.end + 1)}


def with_units(lines: list[str]) -> list[str]:
    """The lines, each table row's bare numbers in a money column followed by the header's unit."""
    idx = [i for i, t in enumerate(lines) if t.strip()]
    texts = [lines[i] for i in idx]
    out = list(lines)
    for table in find_tables(texts):
        if table.header is None or not table.units:
            continue
        width = len(_CELL.findall(texts[table.header]))
        for k in range(table.header + 1, table.end + 1):
            out[idx[k]] = _row_with_units(texts[k], width, table.units)
    return out


def _header_table(texts: list[str], i: int) -> Table | None:
    if len(texts[i].split(maxsplit=1)) < 2 or not _HEADER_WORD.search(texts[i]):
        return None  # the cheap tests first: most lines are not a header
    cells = _CELL.findall(texts[i])
    if not _is_header(texts[i], cells):
        return None
    end = i
    while end + 1 < len(texts) and _is_row(texts[end + 1], len(cells)):
        end += 1
    if end == i:
        return None
    start, unit = _lead(texts, i)
    units = {}
    for col, cell in enumerate(cells):
        m = _HEADER_UNIT.search(cell)
        if m:
            units[col] = m.group(1) or m.group(2)
        elif unit and col and _MONEY_WORD.search(cell):
            units[col] = unit
    return Table(start, i, end, units)


def _numbered_table(texts: list[str], i: int) -> Table | None:
    """No header, but three or more rows numbered 1, 2, 3... with three or more cells each."""
    if not texts[i][:1].isdigit():
        return None
    end, number = i - 1, None
    while end + 1 < len(texts):
        cells = _CELL.findall(texts[end + 1])
        if len(cells) < 3 or _ROW_PUNCT.search(texts[end + 1]) or not re.fullmatch(r"\d{1,4}", cells[0]):
            break
        if number is not None and int(cells[0]) != number + 1:
            break
        number = int(cells[0])
        end += 1
    if end - i < 2:
        return None
    return Table(_lead(texts, i)[0], None, end)


def _is_header(text: str, cells: list[str]) -> bool:
    return (len(cells) >= 3 and not _HEADER_PUNCT.search(text) and all(len(c) <= MAX_CELL for c in cells)
            and sum(1 for c in cells if _HEADER_WORD.search(c)) >= 2)


def _is_row(text: str, width: int) -> bool:
    """A row under a header: not a sentence; numbered, a total, or about as many cells as the header."""
    cells = _CELL.findall(text)
    if len(cells) < 2 or len(text) > MAX_ROW or _SENTENCE.search(text):
        return False
    return bool(_INDEX.match(cells[0]) or _TOTAL.match(cells[0])) or abs(len(cells) - width) <= 1


def _lead(texts: list[str], i: int) -> tuple[int, str | None]:
    """Where a table starts: a unit line (单位：万元) and a sentence ending in a colon may stand above it."""
    start, unit = i, None
    if start > 0 and len(texts[start - 1]) <= 20:
        m = _UNIT_LINE.search(texts[start - 1])
        if m:
            start, unit = start - 1, m.group(1)
    if start > 0:
        above = texts[start - 1].strip()
        m = _UNIT_LINE.search(above)
        if unit is None and m:
            unit = m.group(1)
            above = above[: m.start()].rstrip()
        if len(above) >= 10 and _LEAD_END.search(above):
            start -= 1
    return start, unit


def _row_with_units(line: str, width: int, units: dict[int, str]) -> str:
    """Each number in a unit column gets the unit; columns align from the left when the row has the
    header's width, else from the right (a name with a space in it adds a cell on the left)."""
    cells = list(_CELL.finditer(line))
    picked: dict[int, str] = {}
    for col, unit in units.items():
        k = col if len(cells) == width else len(cells) - (width - col)
        if 0 < k < len(cells) and _NUMBER.match(cells[k].group()):
            picked[k] = unit
    for k in sorted(picked, reverse=True):
        line = line[: cells[k].end()] + picked[k] + line[cells[k].end() :]
    return line


def data_rows(root: Element) -> set[Element]:
    """The <tr> rows of the page's data tables: three or more rows, most of one width of three or
    more cells, short cells, and two or more rows where a number stands beside words that are not a
    link (a listing's rows are links beside their numbers and dates: furniture, read as such)."""
    rows: set[Element] = set()
    for table in root.iter("table"):
        if next(table.iterdescendants("table"), None) is not None:
            continue  # a table holding tables lays out a page
        trs = list(table.iter("tr"))
        if len(trs) < 3:
            continue
        width, count = Counter(_width(tr) for tr in trs).most_common(1)[0]
        if width < 3 or count < 0.6 * len(trs):
            continue
        cells = [[c for c in tr if c.tag in _CELLS] for tr in trs]
        texts = [[" ".join("".join(c.itertext()).split()) for c in row] for row in cells]
        if any(len(t) > MAX_DATA_CELL for row in texts for t in row):
            continue
        mixed = sum(1 for row, text in zip(cells, texts, strict=True) if any(_NUMBER.match(t) for t in text)
                    and any(_words(t) and next(c.iter("a"), None) is None for c, t in zip(row, text, strict=True)))
        if mixed >= 2:
            rows.update(trs)
    return rows


def cell_text(cell: Element) -> str:
    """A cell's text on one line, without the spaces that markup puts between Chinese words."""
    return _CJK_SPACE.sub("", " ".join("".join(cell.itertext()).split()))


def row_text(tr: Element) -> str:
    """A data row as one line: its non-empty cells set apart by a space."""
    return " ".join(t for t in (cell_text(c) for c in tr if c.tag in _CELLS) if t)


def _width(tr: Element) -> int:
    return sum(int(c.get("colspan", "1")) if c.get("colspan", "1").isdigit() else 1 for c in tr if c.tag in _CELLS)


def _words(text: str) -> bool:
    return len(text) >= 2 and not _NUMBER.match(text) and any(ch.isalpha() for ch in text)
