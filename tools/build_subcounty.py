"""Rebuild ``parsers/data/townships.tsv`` and ``parsers/data/villages.zip``: the units below the county.

Read at run time by ``parsers/extraction/subcounty.py`` (standard library only).  Like
``tools/build_gazetteer.py``, this is a one-off build step from packages that are never
runtime dependencies; install them in a throw-away place, never in the project's .venv::

    python3 -m venv /tmp/townbuild
    /tmp/townbuild/bin/pip install jionlp==1.5.31
    (mkdir -p /tmp/cdiv && cd /tmp/cdiv && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz)
    python3 tools/build_subcounty.py --modood /tmp/cdiv/package/dist \\
        --jionlp /tmp/townbuild/lib/python3.*/site-packages/jionlp   # expand the glob yourself

Sources:

- npm ``china-division`` 2.7.0 (modood/Administrative-divisions-of-China, WTFPL): the
  National Bureau of Statistics' 2023 统计用区划代码 (as of 2023-06-30): every township
  (9-digit code, ``dist/streets.csv``) and village-level unit (12-digit code,
  ``dist/villages.csv``).  Village names there end in 村民委员会 / 村委会 / 居委会 ...; they are
  cut to the unit as the press writes it (高峰村委会 -> 高峰村, 多福巷社区居委会 -> 多福巷社区).
- PyPI ``jionlp`` 1.5.31 (Apache-2.0): ``dictionary/china_location.zip``, an older tree of
  the same code list without sub-county codes.  Townships and villages it has that the 2023
  list no longer has (merged in the 2019-2021 reforms, still named by older articles) are
  added without a code.  Its files are read directly, without importing the package.

County codes are mapped onto ``parsers/data/gazetteer.tsv``: the statistical code when the
gazetteer has it, else the division of the same name under the same prefecture (嘉峪关市
620201 -> 620200, a prefecture-level city without counties, like 东莞市 and 中山市); a code
the gazetteer marks abolished into a single successor is filed under the successor (米林县
540422 -> 米林市 540481).

Output:

- ``townships.tsv``: ``code`` (9 digits; empty for units only in jionlp), ``name``, ``county``
  (six-digit code from gazetteer.tsv), sorted by county then code.
- ``villages.zip``: one deflated member ``<county>.tsv`` per county, rows ``code`` (12 digits,
  or empty), ``name``, ``township`` (the township's name, as in townships.tsv), so that one
  county loads without reading the others.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "parsers" / "data"

# Committee suffixes of the code list, longest first, and what the unit is called in writing.
_COMMITTEE = [
    ("社区居民委员会", "社区"), ("社区居委会", "社区"), ("社区委员会", "社区"),
    ("嘎查村民委员会", "嘎查"), ("嘎查村委会", "嘎查"), ("嘎查委员会", "嘎查"),
    ("村村民委员会", "村"), ("村民委员会", "村"), ("村村委会", "村"), ("村委会", "村"), ("村委员会", "村"),
    ("居民委员会", ""), ("居委会", ""), ("委员会", ""),
]  # fmt: skip


def clean_village(name: str) -> str:
    """高峰村委会 -> 高峰村; 多福巷社区居委会 -> 多福巷社区; 城关居委会 -> 城关."""
    for suffix, unit in _COMMITTEE:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)] + unit
    return name


def load_gazetteer() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Each code of the gazetteer -> the code its units are filed under, and (prefecture
    prefix, name) -> that code.  A division abolished into one successor alone (a county
    become a city) files under the successor; divisions merged together (江北区 and 渝北区
    into 两江新区, 2025) keep their own codes, as the statistical list has them."""
    names: dict[str, str] = {}
    by_prefix_name: dict[tuple[str, str], str] = {}
    successors: dict[str, list[str]] = defaultdict(list)
    with open(DATA / "gazetteer.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        if row.get("successor"):
            successors[row["successor"]].append(row["code"])
    for row in rows:
        code = row["code"]
        nxt = row.get("successor")
        if nxt and successors[nxt] == [code]:  # renamed or re-coded alone (米林县 540422 -> 米林市 540481)
            code = nxt
        names[row["code"]] = code
        if row["level"] != "province":
            by_prefix_name[(row["code"][:4], row["name"])] = code
    return names, by_prefix_name


def county_mapper(areas: dict[str, str]):
    names, by_prefix_name = load_gazetteer()

    def to_county(code: str, name: str | None = None) -> str | None:
        if code in names:
            return names[code]
        name = name or areas.get(code)
        return by_prefix_name.get((code[:4], name)) if name else None

    return to_county


def read_modood(dist: Path):
    areas = {r["code"]: r["name"] for r in csv.DictReader(open(dist / "areas.csv", encoding="utf-8"))}
    to_county = county_mapper(areas)
    townships: dict[str, tuple[str, str]] = {}  # code9 -> (name, county)
    unmapped: set[str] = set()
    for r in csv.DictReader(open(dist / "streets.csv", encoding="utf-8")):
        county = to_county(r["areaCode"])
        if county is None:
            unmapped.add(f"{r['areaCode']} {areas.get(r['areaCode'])}")
            continue
        townships[r["code"]] = (r["name"], county)
    villages: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # county -> (code, name, township)
    for r in csv.DictReader(open(dist / "villages.csv", encoding="utf-8")):
        town = townships.get(r["streetCode"])
        if town is None:
            continue
        villages[town[1]].append((r["code"], clean_village(r["name"]), town[0]))
    return townships, villages, unmapped, to_county


def read_jionlp(root: Path):
    """(county code, township, [villages]) from jionlp's tree (tab depth 2, 3, 4)."""
    with zipfile.ZipFile(root / "dictionary" / "china_location.zip") as zf:
        text = zf.read("china_location.txt").decode("utf-8")
    county = None
    town = None
    tree: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        cells = line.strip("\t").split("\t")
        if depth == 2:
            county, town = (cells[1] if len(cells) > 1 else None), None
            county_name = cells[0]
            tree_key = (county, county_name)
            tree.setdefault(tree_key, {})
        elif depth == 3 and county:
            town = cells[0]
            tree[tree_key].setdefault(town, [])
        elif depth == 4 and county and town:
            tree[tree_key][town].append(cells[0])
    return tree


_CODE = re.compile(r"\d{6}")


def build(modood: Path, jionlp: Path | None) -> tuple[list[tuple[str, str, str]], dict[str, list[tuple[str, str, str]]]]:
    townships, villages, unmapped, to_county = read_modood(modood)
    if unmapped:
        print(f"skipped townships of {len(unmapped)} counties not in the gazetteer: {sorted(unmapped)}", file=sys.stderr)
    rows = [(code, name, county) for code, (name, county) in townships.items()]
    added_t = added_v = 0
    if jionlp is not None:
        names_by_county: dict[str, set[str]] = defaultdict(set)
        for _code, (name, county) in townships.items():
            names_by_county[county].add(name)
        vill_by_town: dict[tuple[str, str], set[str]] = defaultdict(set)
        for county, vs in villages.items():
            for _c, name, town in vs:
                vill_by_town[(county, town)].add(name)
        for (code, cname), towns in read_jionlp(jionlp).items():
            county = to_county(code, cname) if code and _CODE.fullmatch(code) else None
            if county is None:
                continue
            for written, vs in towns.items():
                # jionlp sometimes writes the county before the township (红寺堡区太阳山镇)
                town = next((n for n in names_by_county[county] if written.endswith(n) and written != n
                             and len(n) >= 3), written)
                if town not in names_by_county[county]:
                    if town.startswith(("市直辖", "县直辖")):
                        continue
                    rows.append(("", town, county))
                    names_by_county[county].add(town)
                    added_t += 1
                known = vill_by_town[(county, town)]
                for v in vs:
                    if v not in known:
                        villages[county].append(("", v, town))
                        known.add(v)
                        added_v += 1
    print(f"townships: {len(rows)} ({added_t} only in jionlp); villages: {sum(map(len, villages.values()))} "
          f"({added_v} only in jionlp) in {len(villages)} counties", file=sys.stderr)
    rows.sort(key=lambda r: (r[2], r[0] or "~", r[1]))
    return rows, villages


def write(rows, villages, out: Path) -> None:
    with open(out / "townships.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("code\tname\tcounty\n")
        fh.writelines(f"{c}\t{n}\t{k}\n" for c, n, k in rows)
    with zipfile.ZipFile(out / "villages.zip", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for county in sorted(villages):
            buf = io.StringIO()
            for code, name, town in sorted(villages[county], key=lambda v: (v[0] or "~", v[2], v[1])):
                buf.write(f"{code}\t{name}\t{town}\n")
            info = zipfile.ZipInfo(f"{county}.tsv", date_time=(2023, 6, 30, 0, 0, 0))  # reproducible bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue().encode("utf-8"), compresslevel=9)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--modood", type=Path, required=True, help="china-division's dist/ folder")
    ap.add_argument("--jionlp", type=Path, help="the installed jionlp package folder")
    ap.add_argument("--out", type=Path, default=DATA)
    args = ap.parse_args(argv)
    rows, villages = build(args.modood, args.jionlp)
    write(rows, villages, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
