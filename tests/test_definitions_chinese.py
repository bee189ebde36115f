"""The Chinese acronym-definition detector: 全称（ACR）, “名称”（ACR）, 《公约》（ACR）."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from termkit.definitions import find_definitions, find_parenthesised_acronyms

CASES = [
    # the run before the parenthesis, after a clause opener (根据, 而, 在, 由…)
    ("根据国际能源署（IEA）的数据，", "IEA", "国际能源署", "long-short"),
    ("而联合国环境规划署\n（UNEP）引用的预测表明", "UNEP", "联合国环境规划署", "long-short"),
    ("会议由联合国开发计划署(UNDP)主办。", "UNDP", "联合国开发计划署", "long-short"),
    ("最终在全球政府间会议上就24项非指令性建议（NPPs）进行了讨论", "NPPs", "非指令性建议",
     "long-short"),
    # verbs that take the term as object, counted nouns
    ("在结束\n联合国环境署（UNEA）授权的进程时", "UNEA", "联合国环境署", "long-short"),
    ("建立一个不限成员名额的工作组（OEWG），以跟进", "OEWG", "不限成员名额的工作组",
     "long-short"),
    ("该区域支持建立一个国际海底管理局（ISA）", "ISA", "国际海底管理局", "long-short"),
    ("苏布拉提总结了东欧小组（EEG）的成果", "EEG", "东欧小组", "long-short"),
    # 据 (according to) opens a phrase, not in 数据; quantifiers are no part of a name
    ("据国际能源署（IEA）称，需求将增长", "IEA", "国际能源署", "long-short"),
    ("全球汞数据库（GMD）已更新", "GMD", "全球汞数据库", "long-short"),
    ("许多非政府组织（NGOs）参加了会议", "NGOs", "非政府组织", "long-short"),
    ("若干小岛屿发展中国家（SIDS）发言", "SIDS", "小岛屿发展中国家", "long-short"),
    # 各 (each) is dropped, but not from 各国议会联盟, the Inter-Parliamentary Union's name
    ("各多边环境协定（MEAs）秘书处", "MEAs", "多边环境协定", "long-short"),
    ("代表们欢迎各国议会联盟（IPU）的发言", "IPU", "各国议会联盟", "long-short"),
    ("各国家联络点（NFP）已提名", "NFP", "国家联络点", "long-short"),  # 各 + 国家
    ("各国政府间组织（IGOs）发言", "IGOs", "政府间组织", "long-short"),  # 各国, each country
    ("建立所有权登记处（ORO）", "ORO", "所有权登记处", "long-short"),  # 所有权, not 所有
    # 与 and 和 before 联合国 end what comes before
    ("许多国家与联合国环境规划署（UNEP）合作", "UNEP", "联合国环境规划署", "long-short"),
    # ... and the rest is trimmed as any run is
    ("欧盟和联合国开发计划署与全球环境基金（GEF）合作", "GEF", "全球环境基金", "long-short"),
    ("感谢各国政府和联合国环境规划署和国际劳工组织（ILO）的支持", "ILO", "国际劳工组织",
     "long-short"),
    # 的 splits when enough is left
    ("智利总结了由该国主办的拉丁美洲及加勒比地区组\n（GRULAC）区域性磋商", "GRULAC",
     "拉丁美洲及加勒比地区组", "long-short"),
    # 和 splits only a run too long for the acronym
    ("包括通过循环经济和生产者延伸责任（EPR）；", "EPR", "生产者延伸责任", "long-short"),
    ("工业界和非政府组织（NGOs）。", "NGOs", "非政府组织", "long-short"),
    ("促进可持续消费和生产\n（SCP），", "SCP", "可持续消费和生产", "long-short"),
    ("：手工和小规模采矿\n（ASM）；", "ASM", "手工和小规模采矿", "long-short"),
    ("、以及西欧\n和其他地区（WEOG）的", "WEOG", "西欧和其他地区", "long-short"),
    ("粮农组织即联合国粮食及农业组织（FAO）。", "FAO", "联合国粮食及农业组织", "long-short"),
    ("联合国粮食和农业组织（FAO）", "FAO", "联合国粮食和农业组织", "long-short"),
    ("在矿物和金属管理所涉环境问题全球政府\n间会议（GIMM）闭幕全体会议上", "GIMM",
     "矿物和金属管理所涉环境问题全球政府间会议", "long-short"),
    # words that contain an opener's character stay whole
    ("中国对外承包工程商会（CHINCA）", "CHINCA", "中国对外承包工程商会", "long-short"),
    ("中国国际贸易促进委员会（CCPIT）", "CCPIT", "中国国际贸易促进委员会", "long-short"),
    ("一次性塑料制品（SUPs）", "SUPs", "一次性塑料制品", "long-short"),
    # names in quotes or book-title marks are taken whole
    ("提出“非指令性建议”\n（NPPs）。", "NPPs", "非指令性建议", "quoted"),
    ("各方讨论了《联合国气候变化框架公约》（UNFCCC）的执行情况。", "UNFCCC",
     "联合国气候变化框架公约", "book-title"),
    # numbered sessions define the body
    ("影响，\n联合国环境大会第五届会议（UNEA 5）授权", "UNEA", "联合国环境大会",
     "numbered-session"),
    ("在2024年2月举行的联合国环境大\n会第六届会议（UNEA-6）上", "UNEA", "联合国环境大会",
     "numbered-session"),
    # mixed text: a Latin run ends the long form
    ("Shelia Aggarwal-Khan, 联合国环境署（UNEP）工业与经济司司长", "UNEP", "联合国环境署",
     "long-short"),
]


@pytest.mark.parametrize(("text", "acronym", "full", "pattern"), CASES)
def test_chinese_definitions(text: str, acronym: str, full: str, pattern: str) -> None:
    found = find_definitions(text, "zh")
    assert [(d.acronym, d.full, d.pattern) for d in found] == [(acronym, full, pattern)]
    (definition,) = found
    assert re.sub(r"\s", "", text[slice(*definition.full_span)]) == full
    assert text[slice(*definition.acronym_span)] == acronym


NOT_DEFINITIONS = [
    "联合主席马蒂娜·罗恩-布洛萨尔（Martine Rohn-Brossard）（瑞士）宣布",
    "萨克兰·赛达（Saqlain Syedah ）（巴基斯坦）宣布",
    "与会代表一致通过了未经修订的临时议程\n（UNEP/5/12/1）。",
    "会议于2023年（2023）举行，见第5/12号决议（5/12）。",
    "迪亚赫扎·苏布拉提（Djaheezah \n\nSubratty）指出",
    # a session without the body's name before it
    "https://example.org/a.pdf\n 第六届会议（UNEA 6 ）上提出",
    "产量将增加20倍（20x）",
]


@pytest.mark.parametrize("text", NOT_DEFINITIONS)
def test_not_chinese_definitions(text: str) -> None:
    assert find_definitions(text, "zh") == []


def test_english_quoted_in_chinese_is_read_as_english() -> None:
    text = "据统计，the Open-Ended\nWorking Group (OEWG) 与国际能源署（IEA）"
    found = find_definitions(text, "zh")
    assert [(d.acronym, d.full, d.lang) for d in found] == [
        ("OEWG", "Open-Ended Working Group", "en"),
        ("IEA", "国际能源署", "zh"),
    ]
    assert text[slice(*found[0].full_span)] == "Open-Ended\nWorking Group"
    candidates = find_parenthesised_acronyms(text, "zh")
    assert [c.preceding for c in candidates] == ["the Open-Ended Working Group", "与国际能源署"]


def test_language_variants_use_the_chinese_detector() -> None:
    (definition,) = find_definitions("根据国际能源署（IEA）的数据", "zh-Hans")
    assert (definition.full, definition.lang) == ("国际能源署", "zh-Hans")


# --- the bulletin -------------------------------------------------------------------------------

# Every definition in ../shared/samples/gimm-bulletin-zh-part1.txt, checked by hand, in text order.
SAMPLE_DEFINITIONS = [
    ("IEA", "国际能源署", "long-short"),
    ("UNEP", "联合国环境规划署", "long-short"),
    ("UNEA", "联合国环境大会", "numbered-session"),
    ("NPPs", "非指令性建议", "quoted"),
    ("UNEA", "联合国环境大会", "numbered-session"),
    ("GIMM", "矿物和金属管理所涉环境问题全球政府间会议", "long-short"),
    ("UNEA", "联合国环境署", "long-short"),  # the bulletin's own mistake: 联合国环境署 is UNEP
    ("NPPs", "非指令性建议", "long-short"),
    ("SCP", "可持续消费和生产", "long-short"),
    ("EPR", "生产者延伸责任", "long-short"),
    ("MEAs", "多边环境协议", "long-short"),
    ("NGOs", "非政府组织", "long-short"),
    ("GIMM", "矿产和金属管理所涉环境问题全球政府间会议", "long-short"),
    ("IRP", "国际资源委员会", "long-short"),
    ("UNEP", "联合国环境规划署", "long-short"),
    ("NPPs", "非指令性建议", "long-short"),
    ("GIMM", "矿物和金属管理所涉环境问题全球政府间会议", "long-short"),
    ("EEG", "东欧小组", "long-short"),
    ("WEOG", "西欧和其他地区", "long-short"),
    ("OEWG", "不限成员名额的工作组", "long-short"),
    ("GRULAC", "拉丁美洲及加勒比地区组", "long-short"),
    ("GISTM", "全球尾矿管理行业标准", "long-short"),
    ("ASM", "手工和小规模采矿", "long-short"),
    ("UNEP", "联合国环境署", "long-short"),
]


@pytest.fixture(scope="module")
def bulletin(samples_dir: Path) -> str:
    return (samples_dir / "gimm-bulletin-zh-part1.txt").read_text(encoding="utf-8-sig")


def test_bulletin_definitions(bulletin: str) -> None:
    found = find_definitions(bulletin, "zh")
    assert [(d.acronym, d.full, d.pattern) for d in found] == SAMPLE_DEFINITIONS
    for definition in found:
        assert re.sub(r"\s", "", bulletin[slice(*definition.full_span)]) == definition.full
        assert bulletin[slice(*definition.acronym_span)] == definition.acronym


def test_bulletin_candidates(bulletin: str) -> None:
    found = find_parenthesised_acronyms(bulletin, "zh")
    # every definition, and the session mentioned without the Assembly's name
    assert len(found) == len(SAMPLE_DEFINITIONS) + 1
    assert (found[-1].acronym, found[-1].preceding) == ("UNEA 6", "第六届会议")
    for candidate in found:
        assert bulletin[slice(*candidate.acronym_span)] == candidate.acronym


# --- find_parenthesised_acronyms ----------------------------------------------------------------

CANDIDATE_CASES = [
    # the run back to punctuation, clause openers kept: callers test what it ends with
    ("在结束\n联合国环境署（UNEA）授权的进程时", [("UNEA", "在结束联合国环境署")]),
    ("。根据国际能源署(IEA)的数据", [("IEA", "根据国际能源署")]),
    ("提出“非指令性建议”（NPPs）。", [("NPPs", "非指令性建议")]),
    ("（UNEP）开幕", [("UNEP", "")]),
    ("马蒂娜（Martine Rohn-Brossard）（瑞士）和议程（UNEP/5/12/1）", []),
]


@pytest.mark.parametrize(("text", "expected"), CANDIDATE_CASES)
def test_chinese_candidates(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_parenthesised_acronyms(text, "zh")
    assert [(c.acronym, c.preceding) for c in found] == expected
    for candidate in found:
        assert text[slice(*candidate.acronym_span)] == candidate.acronym
        assert re.sub(r"\s", "", text[slice(*candidate.preceding_span)]) == candidate.preceding
