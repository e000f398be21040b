"""Reading a page's lines with site rules: title, date, authors, 来源 and body.

Works on normalised lines (one paragraph a line), whatever the page came as: a
text dump, or HTML already reduced to lines.  Pure: lines and rules in, fields out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.deadline import MAX_SENTENCES, cap
from parsers.reading.dates import FoundDate, parse_date
from parsers.reading.site_rules import SiteRules
from parsers.reading.tables import table_lines, with_units

_BULLET = re.compile(r"^[•·●▪◆■□◇\-*]+\s*")
_NAME_SPLIT = re.compile(r"[\s、,,]+")


@dataclass
class PageFields:
    title: str | None = None
    date: FoundDate | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    body: list[str] = field(default_factory=list)


# 来源:X 作者:Y Z融媒体中心讯(记者 Y)今年以来…: a metadata line the page ran into its first paragraph.
_META_THEN_LEAD = re.compile(
    r"^(?P<meta>.{0,80}?(?:来源|作者|编辑|发布时间)\s*[:：].{0,80}?)\S{2,16}?(?:讯|电)\s*"
    r"(?:[(（【][^)）】]{0,30}[)）】])?\s*(?P<lead>\S.{20,})$")


def prepare_lines(text: str) -> list[str]:
    """One stripped line per paragraph; list bullets removed (a bullet often carries the first paragraph);
    a metadata line run into the first paragraph (…作者:Y Z讯(记者 Y)今年以来…) split in two."""
    out = []
    for line in text.split("\n"):
        line = _BULLET.sub("", line.strip())
        m = _META_THEN_LEAD.match(line)
        out += [m.group("meta").strip(), m.group("lead")] if m else [line]
    return out


def check_body(body: list[str]) -> None:
    """Each body line holds a sentence at least: more distinct lines than the sentence cap can never be
    extracted, so the page fails here, before normalisation spends the document's time on all of them."""
    cap(len(set(body)), MAX_SENTENCES, "distinct lines of body text")


def read_page(lines: list[str], rules: SiteRules, generic: SiteRules) -> PageFields:
    """Split a page into its fields using ``rules`` (falling back to ``generic`` where a site says nothing)."""
    out = PageFields()
    head = min(len(lines), max(rules.head_lines, 1))
    date_line = find_dateline(lines[:head], rules)
    if date_line is not None:
        out.date = parse_date(lines[date_line], rules.date_patterns) if rules.date_patterns else parse_date(lines[date_line])
    out.title = _find_title(lines, rules, date_line)
    out.authors = _find_all(lines[: head + 3] + _tail(lines), rules.author_patterns or generic.author_patterns, "a")
    publishers = _find_all(lines[:head] + _tail(lines), rules.publisher_patterns or generic.publisher_patterns, "p")
    out.publisher = publishers[0] if publishers else None
    out.body = with_units(_find_body(lines, rules, generic, date_line, out))
    check_body(out.body)
    return out


def find_dateline(lines: list[str], rules: SiteRules) -> int | None:
    """Index of the first line that is the page's date line (short metadata carrying a date)."""
    for i, line in enumerate(lines):
        found = parse_date(line, rules.date_patterns) if rules.date_patterns else parse_date(line)
        if found is not None and _is_dateline(line, found):
            return i
    return None


def _is_dateline(line: str, found: FoundDate) -> bool:
    """A date line is short metadata, not a sentence of the body that happens to name a date."""
    rest = line[: found.start] + line[found.end :]
    return len(rest) <= 60 and "。" not in rest


def _find_title(lines: list[str], rules: SiteRules, date_line: int | None) -> str | None:
    tables = {lines[i] for i in table_lines(lines[: max(rules.head_lines, 8) + 40])}

    def ok(line: str) -> bool:
        """A title is a short line that is not a sentence of the body, a table's line nor the site's furniture."""
        return (4 <= len(line) <= 80 and line not in tables and not line.endswith(("。", "!", "?", ";", ":", ":"))
                and line.count("。") == 0 and not any(rx.search(line) for rx in rules.not_title))

    if rules.title == "before_date" and date_line is not None:
        for i in range(date_line - 1, -1, -1):
            if lines[i] and ok(lines[i]):
                return lines[i]
    for line in lines[: min(rules.head_lines, 8)]:
        if line and ok(line) and parse_date(line) is None:
            return line
    return None


def _tail(lines: list[str]) -> list[str]:
    return lines[-40:] if len(lines) > 40 else []


def _find_all(lines: list[str], patterns: tuple[re.Pattern[str], ...], group: str) -> list[str]:
    found: list[str] = []
    for line in lines:
        for rx in patterns:
            for m in rx.finditer(line):
                value = m.group(group)
                parts = _NAME_SPLIT.split(value) if group == "a" else [value.strip()]
                for part in parts:
                    if part and part not in found:
                        found.append(part)
    return found


def _find_body(
    lines: list[str], rules: SiteRules, generic: SiteRules, date_line: int | None, fields: PageFields
) -> list[str]:
    start = date_line + 1 if date_line is not None else 0
    if rules.body_start:
        for i in range(min(len(lines), rules.head_lines + 5)):
            if any(rx.search(lines[i]) for rx in rules.body_start):
                start = max(start, i + 1)
    if date_line is None and fields.title in lines[: rules.head_lines]:
        start = max(start, lines.index(fields.title) + 1)
    end_rules = rules.body_end + tuple(rx for rx in generic.body_end if rx not in rules.body_end)
    drop = rules.drop_lines or generic.drop_lines
    body: list[str] = []
    for line in lines[start:]:
        if not line:
            continue
        if body and any(rx.search(line) for rx in end_rules):
            break
        if any(rx.search(line) for rx in drop) or line in fields.authors or line == fields.title:
            continue
        if not body and any(rx.search(line) for rx in end_rules):
            continue
        body.append(line)
    if not body and start > 0:  # the rules cut everything: better the whole page than nothing
        return [ln for ln in lines if ln and ln != fields.title]
    return body
