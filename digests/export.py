"""Writing export rows (digests/table.py) as CSV, XLSX or JSON lines, for Excel users and programs.

CSV is UTF-8 with a BOM (without one Excel reads Chinese as mojibake), a list cell holding its
values one per line, and a text cell that Excel would take for a formula (one starting with =, +,
-, @) led by an apostrophe, as OWASP advises for CSV meant for spreadsheets. XLSX has a bold header row frozen in place, columns about as wide as their
text, every list value in its own numbered column and each web source a clickable link; every
text cell is stored as text, so a title beginning with "=" never becomes a formula. JSON lines
keep lists as lists, for programs.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import IO, Any
from urllib.parse import urlsplit

from digests.table import LIST_COLUMNS, Row

FORMATS = ("csv", "xlsx", "json")
MAX_WIDTH = 60  # characters: wider columns wrap nothing and push the rest off screen


def write(fmt: str, columns: Sequence[str], rows: list[Row], out: IO[bytes]) -> None:
    """Write ``rows`` (only ``columns``, in that order) to a binary stream in ``fmt``."""
    {"csv": write_csv, "xlsx": write_xlsx, "json": write_jsonl}[fmt](columns, rows, out)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        value = "\n".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # text from a web page must never run in the reader's Excel
    return value


def write_csv(columns: Sequence[str], rows: list[Row], out: IO[bytes]) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else _cell(row[c]) for c in columns])
    text.flush()
    text.detach()


def write_jsonl(columns: Sequence[str], rows: list[Row], out: IO[bytes]) -> None:
    for row in rows:
        out.write(json.dumps({c: row[c] for c in columns}, ensure_ascii=False).encode() + b"\n")


def _web(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("http", "https")


def xlsx_columns(columns: Sequence[str], rows: list[Row]) -> list[tuple[str, str, int | None]]:
    """(header, column, index): a list column becomes as many numbered columns as its longest list."""
    out: list[tuple[str, str, int | None]] = []
    for c in columns:
        if c in LIST_COLUMNS:
            longest = max((len(r[c]) for r in rows), default=0)
            out += [(f"{c.removesuffix('s')}_{i + 1}", c, i) for i in range(max(longest, 1))]
        else:
            out.append((c, c, None))
    return out


def _width(value: Any) -> int:
    text = str(value) if value is not None else ""
    longest = max(text.split("\n"), key=len, default="")
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in longest)  # a Chinese character is two wide


def write_xlsx(columns: Sequence[str], rows: list[Row], out: IO[bytes]) -> None:
    """Streamed (openpyxl's write-only mode): 16,000 rows in a few seconds, not ten."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("pairwatch")
    layout = xlsx_columns(columns, rows)

    def value_of(row: Row, name: str, index: int | None) -> Any:
        value = row[name]
        if index is not None:
            value = value[index] if index < len(value) else None
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    widths = [len(header) for header, _, _ in layout]
    for row in rows[:500]:  # widths from the first rows: enough to size a column, cheap for big exports
        for col, (_, name, index) in enumerate(layout):
            widths[col] = max(widths[col], _width(value_of(row, name, index)))
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = min(MAX_WIDTH, width + 2)
    sheet.freeze_panes = "B2"  # the header row and the first column stay in view
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(layout))}{len(rows) + 1}"
    bold, link = Font(bold=True), Font(color="0563C1", underline="single")
    header = []
    for title, _, _ in layout:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for _, name, index in layout:
            value = value_of(row, name, index)
            if not isinstance(value, str):
                cells.append(value)
                continue
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # text stays text: "=..." from a web page is no formula
            if name == "source_urls" and _web(value):
                cell.hyperlink = value
                cell.font = link
            cells.append(cell)
        sheet.append(cells)
    book.save(out)
