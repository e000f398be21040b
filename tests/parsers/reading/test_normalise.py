"""Normalisation steps on the project's seeds, hand-written fixtures and (read in place) the shared corpus."""

from __future__ import annotations

import pytest
from conftest import ROOT

from parsers.reading.normalise import (
    clean_lines,
    detect_script,
    drop_repeated_blocks,
    find_mojibake,
    fold_whitespace,
    is_pinyin_syllable,
    is_spam_line,
    nfc,
    normalise_text,
    strip_pinyin,
    strip_spam_terms,
    to_simplified,
)

REPO = ROOT
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "articles"
BENCH_CLEANED = SHARED / "benchmarks" / "zh-web-extraction" / "cleaned"

# Sentences written for these tests.
SIMPLIFIED = "江苏省张家港市与贵州省沿河土家族自治县开展东西部协作和对口支援，去年投入帮扶资金三千余万元。"
TRADITIONAL = "江蘇省張家港市與貴州省沿河土家族自治縣開展東西部協作和對口支援，去年投入幫扶資金三千餘萬元。"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def shifted_gbk(text: str) -> str:
    """What a reader one byte out of step shows for GBK text."""
    return text.encode("gbk")[1:].decode("gbk", "replace")


# ------------------------------------------------------------------ pinyin
@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("推進(jìn)全面脫貧", "推進全面脫貧"),
        ("資金3萬(wàn)元", "資金3萬元"),
        ("學(xué)院", "學院"),
        ("推進（jìn）工作", "推進工作"),
        ("綠(lǜ)色與略(lüè)微", "綠色與略微"),
        ("這是我的(de)家", "這是我的家"),
    ],
)
def test_strip_pinyin_removes_annotations(raw, clean):
    text, n = strip_pinyin(raw)
    assert text == clean
    assert n == raw.count("(") + raw.count("（")


@pytest.mark.parametrize(
    "kept",
    [
        "根据《通知》(国办发〔2013〕11号)执行",
        "各县(市、区)要落实责任",
        "来自广东(中国)的企业",
        "公司首席执行官(CEO)出席",
        "统计年鉴(2019年)显示",
        "见条款(a)项",
        "系统(abc)升级",
        "Beijing (jing) and (shi)",
    ],
)
def test_strip_pinyin_keeps_real_parentheses(kept):
    assert strip_pinyin(kept) == (kept, 0)


def test_pinyin_syllables():
    for good in ("jìn", "wàn", "xué", "zhuàng", "lǜ", "nüè", "de", "ā", "ér"):
        assert is_pinyin_syllable(good), good
    for bad in ("ceo", "abc", "a", "jìǹ", "bing1", "zhx", "xyz", "ti̇"):
        assert not is_pinyin_syllable(bad), bad


def test_decomposed_tone_marks_are_composed_first():
    assert strip_pinyin(nfc("推進(ji\u0300n)")) == ("推進", 1)


# ------------------------------------------------------------------ script
def test_to_simplified_uses_t2s_not_phrase_rewriting():
    assert to_simplified("對口支援") == "对口支援"  # tw2sp would give 对口支持
    assert to_simplified("沿河土家族自治縣") == "沿河土家族自治县"
    assert to_simplified(TRADITIONAL) == SIMPLIFIED
    assert to_simplified(SIMPLIFIED) == SIMPLIFIED
    assert to_simplified("") == ""


def test_detect_script():
    assert detect_script(SIMPLIFIED) == "simplified"
    assert detect_script(TRADITIONAL) == "traditional"
    assert detect_script(SIMPLIFIED + TRADITIONAL) == "mixed"
    assert detect_script("人口 123 ABC") == "unknown"
    assert detect_script("") == "unknown"
    assert detect_script(seed("000")) == "traditional"
    assert detect_script(seed("004")) == "simplified"


# ------------------------------------------------------------------ whitespace
def test_fold_whitespace():
    raw = "\u3000\u3000第一段\xa0正文  \r\n\n\n\n  \u2002第二段\t\n\n\n"
    assert fold_whitespace(raw) == "第一段 正文\n\n第二段"
    assert fold_whitespace("a\u200bb\ufeff") == "ab"


# ------------------------------------------------------------------ mojibake
def span_texts(text: str) -> list[str]:
    return [text[a:b] for a, b in find_mojibake(text)]


def test_seed_000_shifted_gbk_span():
    text, _ = strip_pinyin(fold_whitespace(seed("000")))
    spans = span_texts(text)
    assert any("懊撠氄辈皇墙K" in s for s in spans), spans
    # the only other garbled place in this seed is 學院基本建設 read out of step
    assert all(("懊撠" in s) or ("窘ㄔO" in s) for s in spans), spans
    assert all(len(s) <= 12 for s in spans)


def test_seed_003_shifted_runs_are_flagged():
    text, _ = strip_pinyin(fold_whitespace(seed("003")))
    spans = span_texts(text)
    for garbage in ("耙蝗穗y", "盎疖嚺艿每", "嘭毨Т", "貞"):
        assert any(garbage in s for s in spans), (garbage, spans)
    assert sum(len(s) for s in spans) < 60  # nothing else in the seed is flagged


@pytest.mark.parametrize("prefix", ["001", "002", "004"])
def test_clean_seeds_have_no_mojibake(prefix):
    assert find_mojibake(seed(prefix)) == []


def test_ordinary_text_has_no_mojibake():
    for text in (SIMPLIFIED, TRADITIONAL, "郁郁葱葱的山林里，鹌鹑和画眉叫声不断，咳嗽的老人恍惚间笑了。"):
        assert find_mojibake(text) == [], text


def test_synthetic_shifted_gbk_is_found():
    garbled = shifted_gbk("“一人难挑千斤担，万人能移万重山。”")
    text = f"他说：{garbled}大家都记住了。"
    spans = find_mojibake(text)
    assert spans and spans[0][0] <= text.index(garbled[1])


def test_utf8_read_as_gbk_is_found():
    garbled = "东西部协作帮扶资金用于产业发展".encode().decode("gbk", "replace")
    text = f"据报道，{garbled}。记者获悉。"
    spans = find_mojibake(text)
    assert spans and spans[0][0] == text.index(garbled)
    assert "记者获悉" not in "".join(text[a:b] for a, b in spans)


@pytest.mark.parametrize("context", [SIMPLIFIED, SIMPLIFIED * 20, TRADITIONAL * 20])
@pytest.mark.parametrize("after", ["", "K", "\n"])
def test_a_garbled_stretch_is_found_alike_wherever_it_sits_in_a_run(context, after):
    # the finder computes only around a run's rare characters, restarting where bytes cannot pair:
    # how much clean text surrounds the stretch must not change what is found
    garbled = shifted_gbk("“一人难挑千斤担，万人能移万重山。”")
    alone = find_mojibake(garbled)
    assert alone
    for before, rest in (("", context), (context, context), (context, "")):
        text = before + garbled + after + rest
        assert find_mojibake(text) == [(a + len(before), b + len(before)) for a, b in alone], text


def test_corpus_articles_have_mojibake_only_where_expected():
    articles = sorted(CORPUS.glob("*.txt"))
    if not articles:
        pytest.skip(f"shared corpus not found at {CORPUS} (../shared absent)")
    found = {}
    for path in articles:
        text, _ = strip_pinyin(fold_whitespace(nfc(path.read_text(encoding="utf-8"))))
        if spans := span_texts(text):
            found[path.stem] = spans
    assert set(found) == {"022"}, found  # 022: a pinyin annotation whose character was lost (?jǐn))
    assert found["022"] == ["?jǐn)"]


def test_benchmark_texts_have_no_false_mojibake():
    texts = sorted(BENCH_CLEANED.glob("*.txt"))
    if not texts:
        pytest.skip(f"benchmark texts not found at {BENCH_CLEANED} (../shared absent)")
    flagged = {p.name[:8] for p in texts if find_mojibake(fold_whitespace(p.read_text(encoding="utf-8")))}
    assert flagged <= {"33a95b71"}, flagged  # that one really holds GBK read out of step


# ------------------------------------------------------------------ lines
def test_seed_001_repeated_body_kept_once():
    lines = fold_whitespace(seed("001")).split("\n")
    kept, removed = drop_repeated_blocks(lines)
    body = "\n".join(kept)
    assert removed
    assert body.count("筹集帮扶资金420余万元") == 1
    assert body.count("教育厅精准扶贫对口帮扶武胜工作推进会召开") == 1
    assert body.count("来源: 教育厅") == 1
    assert body.count("责任编辑: 白婉苹") == 1
    assert "主办单位:四川省人民政府办公厅" in body


def test_drop_repeated_blocks_leaves_unique_and_unsandwiched_lines():
    lines = ["标题", "记者 张三", "这是一段足够长的正文内容，用来检验重复行删除的规则。", "记者 张三", "结尾"]
    assert drop_repeated_blocks(lines) == (lines, False)


def test_drop_repeated_blocks_sandwiched_short_lines():
    long1 = "第一段正文内容足够长，超过十五个字符的限制。"
    long2 = "第二段正文内容也足够长，同样超过了十五个字。"
    lines = ["标题", long1, "来源：本报", long2, "", long1, "来源：本报", long2, "新的一行"]
    kept, removed = drop_repeated_blocks(lines)
    assert removed and kept == ["标题", long1, "来源：本报", long2, "", "新的一行"]


def test_spam_line_of_seed_003():
    lines = fold_whitespace(seed("003")).split("\n")
    assert is_spam_line(lines[0])
    title = next(x for x in lines if x.startswith("扶貧攻堅"))
    assert not is_spam_line(title)
    kept, flags = clean_lines(lines)
    assert lines[0] not in kept and title in kept
    assert "spam_removed" in flags


def test_spam_rule_spares_news_lines():
    for line in (
        "产品远销欧美、日韩等国家和地区，国产品牌在亚洲市场的精品系列销量增长，免费视频课程同步上线。",
        "警方查获一批偷拍视频，依法从严惩处。",
        SIMPLIFIED,
        "首页_新闻中心_对口支援_东西部协作",
    ):
        assert not is_spam_line(line), line
    for path in sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        spam = [x for x in lines if is_spam_line(x)]
        assert spam == ([lines[0]] if path.name.startswith("003_") else []), path.name


def test_strip_spam_terms():
    assert strip_spam_terms("亚博221登录2022年7月,两人来到玛多县。") == "2022年7月,两人来到玛多县。"
    assert strip_spam_terms("区域城包養網乡协调发展") == "区域城乡协调发展"
    assert strip_spam_terms(SIMPLIFIED) == SIMPLIFIED


# ------------------------------------------------------------------ pipeline
def test_normalise_seed_000():
    result = normalise_text(seed("000"))
    assert result.script == "traditional"
    assert set(result.flags) == {"pinyin_removed", "mojibake", "converted_from_traditional"}
    assert result.text.startswith("推进全面脱贫与乡村振兴有效衔接,杭州市对口帮扶培训班昨日开班")
    assert "(jìn)" not in result.text
    garbled = [result.text[a:b] for a, b in result.mojibake_spans]
    assert any("懊撠氄辈皇墙K" in g for g in garbled)  # the garbage itself is left as it was


def test_normalise_seed_003_spans_point_into_output():
    raw = seed("003")
    result = normalise_text(raw)
    garbled = [result.text[a:b] for a, b in result.mojibake_spans]
    assert any("嘭毨Т" in g for g in garbled) and any("耙蝗穗" in g for g in garbled)
    assert all(g in raw for g in garbled)  # unconverted
    assert "张家港市" in result.text and "沿河土家族自治县" in result.text


def test_normalise_simplified_text_is_untouched():
    result = normalise_text("  " + SIMPLIFIED + "  \n\n\n\n")
    assert result.text == SIMPLIFIED
    assert result.flags == () and result.mojibake_spans == ()
    assert result.script == "simplified"


def test_normalise_offsets_survive_conversion():
    garbled = shifted_gbk("“脱贫攻坚不是终点，而是新的起点”")
    result = normalise_text(f"對口支援工作{garbled}繼續推進。")
    assert result.text.startswith("对口支援工作")
    assert result.text.endswith("继续推进。")
    ((a, b),) = result.mojibake_spans
    assert result.text[a:b] in garbled


def test_variants_opencc_leaves_are_simplified_too() -> None:
    from parsers.reading.script import to_simplified

    assert to_simplified("陜西省榆林市衞生院") == "陕西省榆林市卫生院"


def test_a_pinyin_annotation_followed_by_a_space_goes_with_the_space():
    assert strip_pinyin("累計投入3500萬(wan) 元建設醫院")[0] == "累計投入3500萬元建設醫院"
    assert strip_pinyin("好(hao) abc")[0] == "好 abc"  # a space before Latin text is the text's own
