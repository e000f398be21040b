"""The generic reader on the shapes of government notices and news interviews: a notice's salutation
(各X局：) opens its text, a document number (X〔YYYY〕N号) sits right under its title, a column tag
(【栏目】) and a ——访 subtitle frame an interview's headline, and a 讯/电 dateline opens the first
paragraph however short.  All texts here are written for these tests.
"""

from __future__ import annotations

from parsers.document import read_document
from parsers.reading.page_blocks import Block, salutation


def _read(text: str):
    return read_document(text.encode("utf-8")).fields


NOTICE = """URL: http://www.example-notice.gov.cn/tzgg/2023/0912/3.html

青海省农业农村厅关于2023年上半年东西部协作项目进展情况的通报
发布日期:2023-09-12 来源:青海省农业农村厅
各市(州)农业农村局:
2023年,江苏省向我省安排东西部协作财政援助资金9.5亿元。截至6月30日,全省已开工项目132个,开工率88.0%。现将有关情况通报如下:
一、进度较快的县:互助县、湟中区、大通县等9个县项目已全部开工。
二、进度较慢的县:玛多县开工率61.5%,称多县开工率58.3%。
青海省农业农村厅
2023年9月12日
"""

LETTER = """URL: http://www.example-letter.gov.cn/zfxxgk/2023/0520/7.html

云南省民政厅关于拨付2023年第一批上海市帮扶资金的函
云民函〔2023〕31号
昆明市、曲靖市、昭通市民政局:
上海市2023年第一批帮扶资金8000万元已到账。现将资金拨付给你们,请专款专用,按时报送使用情况。
具体分配如下:昆明市2000万元,曲靖市3000万元,昭通市3000万元。
云南省民政厅
2023年5月20日
"""

SECTIONS = """URL: http://www.example-notice.gov.cn/gsgg/2019/0305/2.html

根据扶贫资金项目公告公示制度的规定,现将山东省追加的东西部扶贫协作资金分配情况公告如下:
一、资金来源
山东省追加东西部扶贫协作资金2000万元。
二、资金结构
经市政府常务会议研究,本批资金全部分配给4个县区,其中:甲县600万元,乙县500万元,丙区500万元,丁县400万元,主要用于产业项目和村级道路建设。
三、监督电话
0000-1234567
奉节县乡村振兴局
2019年3月5日
"""

INTERVIEW = """URL: http://www.example-daily.cn/xw/2023/0718/5.html

【援藏干部访谈】让高原孩子在家门口上好学
——访北京援藏拉萨工作队领队
2023-07-18 来源:拉萨日报
北京市对口支援拉萨市已经二十九年。日前,记者就教育援藏采访了北京援藏拉萨工作队领队。
记者:今年教育援藏的重点是什么?
答:一是补齐师资,二是改善校舍。今年北京市安排拉萨教育援藏资金1.2亿元,新建学校三所。
"""

LEAD_IN = """<html><head><title>援疆十年：戈壁滩上建起产业园_示例网</title></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/xw/">新闻</a> | <a href="/zt/">专题</a></div>
<div class="article"><h1>援疆十年：戈壁滩上建起产业园</h1>
<div class="info">发布时间：2023-08-02　来源：示例日报</div>
<div class="content">
<p>示例日报讯 今年是天津市对口支援和田地区策勒县的第十个年头。</p>
<p>天津援疆前方指挥部介绍，今年天津市安排策勒县援疆资金3.6亿元，重点用于产业园厂房、职业教育和乡村道路建设。</p>
<p>“过去要去外地打工，现在在县城就能上班。”在产业园务工的村民说，她每月工资有三千多元。</p>
</div></div>
<div class="footer">版权所有：示例日报</div></body></html>"""


def test_a_notices_salutation_and_first_paragraph_are_its_body():
    fields = _read(NOTICE)
    assert fields.title == "青海省农业农村厅关于2023年上半年东西部协作项目进展情况的通报"
    assert fields.body[0] == "各市(州)农业农村局:"
    assert fields.body[1].startswith("2023年,江苏省向我省安排东西部协作财政援助资金9.5亿元")
    assert fields.date is not None and fields.date.value.date().isoformat() == "2023-09-12"


def test_numbered_section_headings_are_text_not_the_title():
    fields = _read(SECTIONS)
    assert fields.title is None or not fields.title.startswith("二、")
    assert fields.body[0].startswith("根据扶贫资金项目公告公示制度的规定")
    assert "一、资金来源" in fields.body and "山东省追加东西部扶贫协作资金2000万元。" in fields.body


def test_a_notice_is_dated_by_the_day_under_its_issuers_signature():
    fields = _read(SECTIONS)
    assert fields.date is not None and fields.date.value.date().isoformat() == "2019-03-05"


def test_a_document_number_under_a_line_marks_it_as_the_title():
    fields = _read(LETTER)
    assert fields.title == "云南省民政厅关于拨付2023年第一批上海市帮扶资金的函"
    assert not any("〔2023〕" in line for line in fields.body)
    assert fields.body[0] == "昆明市、曲靖市、昭通市民政局:"
    assert fields.body[1].startswith("上海市2023年第一批帮扶资金8000万元已到账")


def test_a_column_tagged_headline_above_a_subtitle_is_the_title():
    fields = _read(INTERVIEW)
    assert fields.title == "【援藏干部访谈】让高原孩子在家门口上好学"
    assert fields.body[0].startswith("北京市对口支援拉萨市已经二十九年")
    assert not any(line.startswith("——访") for line in fields.body)


def test_a_short_news_lead_in_is_the_first_paragraph():
    fields = read_document(LEAD_IN.encode("utf-8"), url="http://www.example-daily.cn/xw/2023/0802/1.html").fields
    assert fields.title == "援疆十年：戈壁滩上建起产业园"
    assert fields.body[0] == "示例日报讯 今年是天津市对口支援和田地区策勒县的第十个年头。"
    assert fields.body[1].startswith("天津援疆前方指挥部介绍")
    assert not any(line.startswith("发布时间") for line in fields.body)


def test_labels_are_not_salutations():
    prose = "今年,省财政安排衔接资金3.2亿元,用于支持脱贫县发展特色产业,带动群众增收。"

    def first_is_salutation(label: str, after: str = prose) -> bool:
        return salutation([Block(label, 0, True, ""), Block(after, 0, True, "")], 0)

    assert first_is_salutation("各县(区)财政局:")
    assert first_is_salutation("各有关单位：")
    assert not first_is_salutation("发布时间：")  # a metadata label, whatever follows it
    assert not first_is_salutation("索引号：")
    assert not first_is_salutation("各县(区)财政局:", "2023-05-20")  # a label and its value in a table


def test_a_metadata_line_run_into_the_first_paragraph_keeps_the_paragraph():
    text = ("URL: http://www.example-county.cn/xw/2025/1105/8.html\n\n某区东西部协作消费帮扶见实效\n"
            "某某新闻网:(2025-11-05 11:03:53) 来源:某区融媒体中心 作者:严某某某区融媒体中心讯(记者 严某某)"
            "今年以来,某区商务局把消费帮扶作为重要抓手,全年向协作城市销售农产品2.5亿元。\n"
            "机制先行,筑牢帮扶基础。某区商务局印发工作方案,建立工作机制。\n")
    fields = _read(text)
    assert fields.body[0].startswith("今年以来,某区商务局把消费帮扶作为重要抓手")


def test_a_first_paragraph_opening_with_its_day_is_text_not_a_date_line():
    text = ("URL: http://www.example-news.cn/roll/2018-01-10/a.html\n\n"
            "2018年1月9日,某集团向某省扶贫基金会定向捐赠结对帮扶某市的资金5亿元,用于产业和教育扶贫。\n"
            "据介绍,某集团自2015年起结对帮扶某市某县,累计投入帮扶资金30亿元。\n")
    fields = _read(text)
    assert fields.body[0].startswith("2018年1月9日,某集团向某省扶贫基金会定向捐赠")
    assert fields.date is not None and fields.date.value.date().isoformat() == "2018-01-09"
