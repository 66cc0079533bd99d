"""The statutory package on a real workspace: a folder per patent with its documents and scans, the entry sheet,
the manifest; blocked patents left out or drafted on an audited override; withdrawals."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import openpyxl
import pytest
from declaration_helpers import TODAY, add, make_ready, number, set_office

from openlic_desktop.documents.ooxml import document_text
from openlic_desktop.domain.blocker_override import Override
from openlic_desktop.services import declaration_export, declarations

INV, UM, CO = number("1", 11), number("2", 12), number("1", 13)


@pytest.fixture
def ready(ws, tmp_path):
    set_office()
    add(ws, [INV])
    add(ws, [UM], title="一种折叠式电动车车架")
    add(ws, [CO], co_owner="示范科技有限公司")
    declarations.prepare(ws, [INV, UM, CO], today=TODAY)
    make_ready(ws, [INV, UM, CO], tmp_path=tmp_path)
    return ws


def _zip(path):
    return zipfile.ZipFile(path)


def test_a_folder_per_patent_the_entry_sheet_and_the_manifest(ready, tmp_path):
    result = declaration_export.export(ready, None, tmp_path / "out", state="signed", day=TODAY)
    assert sorted(result.patents) == sorted([INV, UM, CO]) and result.excluded == []
    names = _zip(result.package).namelist()
    for n in (INV, UM, CO):
        folder = next(x.split("/")[0] for x in names if x.startswith(f"ZL{n}_"))
        for doc in ("专利开放许可声明.docx", "全体专利权人同意书.docx", "许可使用费估算依据和方法说明.docx"):
            assert f"{folder}/{doc}" in names
    assert any(x.startswith(f"ZL{UM}_") and "专利权评价报告_PJ-" in x and x.endswith(".pdf") for x in names)
    assert {"录入表.xlsx", "清单.xlsx", "manifest.json"} <= set(names)
    manifest = json.loads(_zip(result.package).read("manifest.json"))
    assert manifest["regime"] == "statutory" and sorted(manifest["patents"]) == sorted([INV, UM, CO])
    import hashlib

    for entry in manifest["files"]:  # every file listed with the SHA-256 of what is in the zip
        assert hashlib.sha256(_zip(result.package).read(entry["name"])).hexdigest() == entry["sha256"]
    declaration = document_text(_zip(result.package).read(
        next(x for x in names if x.startswith(f"ZL{CO}_") and x.endswith("/专利开放许可声明.docx"))))
    assert "专利权人：示范科技有限公司（签章）" in declaration and "按净销售额的3%提成" in declaration
    # every patentee with its identity document, from the patentee book
    from declaration_helpers import OFFICE

    from openlic_desktop.services.licensing import patentees

    for entry in patentees.list_patentees(ready):
        if entry.name in (OFFICE, "示范科技有限公司"):
            assert f"{entry.name} | 统一社会信用代码 | {entry.identifier}" in declaration
    um_declaration = document_text(_zip(result.package).read(
        next(x for x in names if x.startswith(f"ZL{UM}_") and x.endswith("/专利开放许可声明.docx"))))
    assert f"专利权评价报告（PJ-{UM}）" in um_declaration
    sheet = openpyxl.load_workbook(io.BytesIO(_zip(result.package).read("录入表.xlsx")))["录入表"]
    assert sheet.max_row == 4 and {sheet.cell(r, 2).value for r in (2, 3, 4)} == {f"ZL{n}" for n in (INV, UM, CO)}
    # the same day and data: the same package, byte for byte
    again = declaration_export.export(ready, None, tmp_path / "again", state="signed", day=TODAY)
    assert again.sha256 == result.sha256


def test_blocked_patents_are_left_out_unless_overridden_and_then_it_shows(ready, tmp_path):
    from openlic_desktop.services import encumbrances

    encumbrances.add_encumbrance(ready, CO, "pledge", party="某银行")
    result = declaration_export.export(ready, [INV, UM, CO], tmp_path / "a", day=TODAY)
    assert [e.application_number for e in result.excluded] == [CO]
    # the pledge also made the sign-off stale: not signed off keeps it out even with an override
    assert "SIGNOFF_STALE" in result.excluded[0].codes and "PLEDGE_WITHOUT_CONSENT" in result.excluded[0].codes
    from declaration_helpers import sign_off

    sign_off(ready, [CO])
    result = declaration_export.export(ready, [CO, INV], tmp_path / "b", day=TODAY)
    assert [e.codes for e in result.excluded] == [("PLEDGE_WITHOUT_CONSENT",)]
    assert "质权人书面同意" in result.excluded[0].messages[0]
    result = declaration_export.export(ready, [CO, INV], tmp_path / "c", day=TODAY,
                                       override=Override("alice", "质押将于下周解除，先行盖章", TODAY))
    assert result.overridden == [CO] and sorted(result.patents) == sorted([CO, INV])
    names = _zip(result.package).namelist()
    text = document_text(_zip(result.package).read(
        next(x for x in names if x.startswith(f"ZL{CO}_") and x.endswith("/专利开放许可声明.docx"))))
    assert text.startswith("起草说明") and "质押将于下周解除，先行盖章" in text and "质权人" in text
    clean = document_text(_zip(result.package).read(
        next(x for x in names if x.startswith(f"ZL{INV}_") and x.endswith("/专利开放许可声明.docx"))))
    assert "起草说明" not in clean
    history = declarations.show(ready, CO, today=TODAY).history
    assert [(h["old"], h["new"]) for h in history if h["action"] == "override-blockers"] == [
        ("PLEDGE_WITHOUT_CONSENT", "质押将于下周解除，先行盖章")]


def test_nothing_to_export_leaves_the_folder_empty(ready, tmp_path):
    from openlic_desktop.support.errors import OpenLicError

    with pytest.raises(OpenLicError) as info:
        declaration_export.export(ready, None, tmp_path / "out", state="filed", day=TODAY)
    assert info.value.code in ("NOTHING_TO_EXPORT", "DECLARATION_NOTHING_SELECTED")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_filed_declaration_prints_as_filed_and_withdrawals(ready, tmp_path):
    from openlic_desktop.domain.pricing import PricingMode, PricingTerms
    from openlic_desktop.services import pricing

    declarations.file(ready, [CO], date(2026, 11, 20), "via-bureau", "ZJ-1", today=TODAY)
    free = PricingTerms(PricingMode.FREE, term_months=12)
    with pytest.raises(Exception) as frozen:  # the pricing is frozen with the filing …
        pricing.set_terms(ready, pricing.ids_for_numbers(ready, [CO]).values(), free)
    assert frozen.value.code == "DECLARATION_TERMS_FROZEN"
    from openlic_desktop.storage import pricing as pricing_repo

    with ready.session() as session:  # … and even a pricing changed behind its back does not reach the documents
        pricing_repo.save_terms(session, {pid: free for pid in pricing.ids_for_numbers(ready, [CO]).values()})
    result = declaration_export.export(ready, [CO], tmp_path / "filed", day=TODAY)
    names = _zip(result.package).namelist()
    text = document_text(_zip(result.package).read(next(x for x in names if x.endswith("/专利开放许可声明.docx"))))
    assert "按净销售额的3%提成" in text and "免费" not in text.split("四、")[0]
    with pytest.raises(Exception) as info:
        declaration_export.export(ready, [CO], tmp_path / "w", withdrawal=True, reason="拟转让", day=TODAY)
    assert info.value.code == "NOTHING_TO_EXPORT"
    declarations.announce(ready, [CO], date(2026, 11, 25), "第2026-47期", today=TODAY)
    with pytest.raises(Exception) as info:
        declaration_export.export(ready, [CO], tmp_path / "w", withdrawal=True, day=TODAY)
    assert info.value.code == "DECLARATION_REASON_MISSING"
    result = declaration_export.export(ready, [CO], tmp_path / "w", withdrawal=True, reason="专利权拟转让",
                                       day=TODAY)
    names = _zip(result.package).namelist()
    text = document_text(_zip(result.package).read(next(x for x in names if x.endswith("撤回专利开放许可声明.docx"))))
    assert "因专利权拟转让，全体专利权人同意撤回" in text and "同意撤回的专利权人：示范科技有限公司（签章）" in text
    assert "录入表.xlsx" not in names


def test_the_pilot_package_refuses_the_statutory_profile(ready, tmp_path):
    from openlic_desktop.services import export
    from openlic_desktop.support.errors import InputError

    with pytest.raises(InputError) as info:
        export.preflight(ready, [INV], "statutory")
    assert info.value.code == "EXPORT_STATUTORY_PROFILE" and "declaration export" in info.value.message("en")
