"""The `pairwatch extract` contract: one JSON object per file, errors on their own line, no Prefect."""

from __future__ import annotations

from conftest import SEEDS, run_extract, seed_files


def test_extract_prints_the_contract_fields_without_prefect():
    rows = run_extract(*map(str, seed_files()))
    assert len(rows) == 5
    for row in rows:
        for key in ("path", "source", "parser", "title", "published", "authors", "text", "pairings", "funding", "flags"):
            assert key in row, key
        for p in row["pairings"]:
            assert set(p) >= {"donor", "recipient", "relation", "evidence"}
            assert set(p["donor"]) >= {"name", "full_name", "code", "level", "province"}
        for f in row["funding"]:
            assert set(f) >= {"amount_yuan", "approximate", "text", "kind", "donor", "recipient", "evidence"}
            assert isinstance(f["amount_yuan"], int)
    by_name = {r["path"].rsplit("/", 1)[-1]: r for r in rows}
    assert by_name["002_bd4e652367edc4c3.txt"]["published"] == "2020-10-08T07:58:29+08:00"


def test_a_bad_file_gets_an_error_line_and_the_rest_go_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    garbage = tmp_path / "garbage.html"
    garbage.write_bytes(bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"
    rows = run_extract(str(empty), str(SEEDS / "004_9cd22f525c7ae7f5.txt"), str(missing), str(garbage), code=3)
    assert [r["path"] for r in rows] == [str(empty), str(SEEDS / "004_9cd22f525c7ae7f5.txt"), str(missing), str(garbage)]
    assert "error" in rows[0] and "empty" in rows[0]["error"]
    assert "error" not in rows[1] and rows[1]["pairings"]
    assert "error" in rows[2]
    assert "error" in rows[3] or rows[3]["pairings"] == []


def test_extract_expands_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text("示例标题\n2024-05-06\n宁波市对口帮扶延边州,投入帮扶资金300万元。\n", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    rows = run_extract(str(tmp_path))
    assert len(rows) == 1 and rows[0]["funding"][0]["amount_yuan"] == 3_000_000
