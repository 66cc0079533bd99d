"""Header detection and column synonyms (intake.headers) — the interface filling bureau templates reuses too."""

from __future__ import annotations

import pytest

from openlic_desktop.intake.headers import (
    HeaderNotFound,
    find_header_row,
    headers_signature,
    is_repeated_header,
    map_header_row,
    match_header,
)


@pytest.mark.parametrize("text, field", [
    ("申请号", "number"), ("专利申请号", "number"), ("申请号（专利号）", "number"), ("申请号\n(专利号)", "number"),
    ("Application No.", "number"), ("APPLICATION NUMBER", "number"), ("* 申请号：", "number"),
    ("发明名称", "title"), ("专利名称", "title"), ("名称", "title"), ("Title", "title"),
    ("专利类型", "patent_type"), ("类型", "patent_type"),
    ("申请日", "filing_date"), ("申请日期", "filing_date"), ("申请日\n（yyyy-mm-dd）", "filing_date"),
    ("授权日", "grant_date"), ("授权公告日", "grant_date"),
    ("专利权人", "patentees"), ("权利人", "patentees"), ("专利权人（申请人）", "patentees"),
    ("发明人", "inventors"), ("设计人", "inventors"), ("第一发明人", "inventors"),
    ("法律状态", "status"), ("当前状态", "status"), ("年费缴至", "fees_paid_until"),
    ("主分类号", "ipc"), ("IPC", "ipc"), ("联系人", "contact_person"), ("联系电话", "contact_phone"),
    ("联系人电话", "contact_phone"), ("学院", "department"), ("院系", "department"), ("所属学院", "department"),
    ("专利号", "patent_number"), ("公开（公告）号", "publication_number"), ("序号", "seq"),
    ("ｅ－ｍａｉｌ", "contact_email"), ("有效期至", "expiry_date"),
])
def test_match_header_synonyms(text, field):
    assert match_header(text) == field


@pytest.mark.parametrize("text", ["", None, "某某大学2026年度专利清单", "填报说明：申请号请填写完整，含校验位，并请各学院于12月1日前报送",
                                  "金额", "x"])
def test_match_header_rejects_non_headers(text):
    assert match_header(text) is None


def test_extra_synonyms_for_other_callers():
    extra = {"payment_mode": ("许可使用费支付方式", "支付方式")}
    assert match_header("支付方式", extra) == "payment_mode"
    assert match_header("许可使用费\n支付方式", extra) == "payment_mode"
    assert match_header("支付方式") is None
    assert match_header("申请号", extra) == "number"


def test_find_header_row_below_title_rows():
    rows = [
        ["某某大学专利清单", None, None],
        ["说明：本表仅供内部使用", "", ""],
        [],
        ["序号", "申请号\n（专利号）", "专利名称", "申请日", "备注", "无关列"],
        [1, "202110123456.7", "x", "2021-01-01", "", ""],
    ]
    index, mapping = find_header_row(rows)
    assert index == 3
    assert mapping == {0: "seq", 1: "number", 2: "title", 3: "filing_date", 4: "remarks"}


def test_find_header_row_prefers_the_fuller_header():
    rows = [["申请号", "名称"], ["申请号", "名称", "申请日", "专利权人"]]
    assert find_header_row(rows)[0] == 1


def test_lone_patent_number_column_holds_the_numbers():
    assert map_header_row(["专利号", "专利名称"]) == {0: "number", 1: "title"}
    assert map_header_row(["申请号", "专利号", "专利名称"]) == {0: "number", 1: "patent_number", 2: "title"}


def test_first_column_wins_for_a_field():
    assert map_header_row(["名称", "专利名称", "申请号"]) == {0: "title", 2: "number"}


def test_no_header_raises():
    with pytest.raises(HeaderNotFound):
        find_header_row([["名称", "日期"], ["a", "b"]])
    with pytest.raises(HeaderNotFound):
        find_header_row([["申请号"], ["2021"]])  # a number column alone is not a table header


def test_header_search_stops_after_the_first_rows():
    rows = [[""]] * 40 + [["申请号", "名称", "申请日"]]
    with pytest.raises(HeaderNotFound):
        find_header_row(rows)
    assert find_header_row(rows, search_rows=50)[0] == 40


def test_repeated_header_and_signature():
    header = ["序号", "申请号", "名称", "申请日"]
    _, mapping = find_header_row([header])
    assert is_repeated_header(header, mapping)
    assert not is_repeated_header([1, "202110123456.7", "名称", "2021-01-01"], mapping)
    assert headers_signature(["申请号 ", "名称", "", ""]) == headers_signature(["申请号", "名称"])
    assert headers_signature(["申请号", "名称"]) != headers_signature(["名称", "申请号"])
