"""A pledged patent's pledgee's written consent as a file, like a co-owner's: attached to the pledge (the same store,
the same size and type limits), the pledge then consented, and the file carried in the declaration package; the
declaration still refuses a pledge without consent. One transaction, undoable, from the service and the CLI."""

from __future__ import annotations

import zipfile

import pytest
from declaration_helpers import PDF, TODAY, add, make_ready, number, set_office, sign_off

from openlic_desktop.cli.main import main
from openlic_desktop.documents.ooxml import document_text
from openlic_desktop.services import attachments, declaration_export, declarations, encumbrances
from openlic_desktop.support.errors import InputError, NotFoundError

PLEDGED, OTHER = number("1", 61), number("1", 62)   # the other keeps a package to write when PLEDGED is refused


@pytest.fixture
def pledged(ws, tmp_path):
    set_office()
    add(ws, [PLEDGED, OTHER])
    declarations.prepare(ws, [PLEDGED, OTHER], today=TODAY)
    make_ready(ws, [PLEDGED, OTHER], tmp_path=tmp_path, sign=False)
    pledge = encumbrances.add_encumbrance(ws, PLEDGED, "pledge", party="某银行", registration_no="Z2026-1")
    sign_off(ws, [PLEDGED, OTHER])
    return ws, pledge


def letter(tmp_path, name="质权人同意书.pdf", text=b"pledgee"):
    path = tmp_path / name
    path.write_bytes(PDF + text)
    return path


def kinds(ws):
    pid = declarations.show(ws, PLEDGED, today=TODAY).value.patent_id
    return [(a.kind, a.sha256) for a in attachments.list_attachments(ws, pid)]


def test_the_package_carries_the_pledgees_consent_and_refuses_without_it(pledged, tmp_path):
    ws, pledge = pledged
    refused = declaration_export.export(ws, [PLEDGED, OTHER], tmp_path / "a", day=TODAY)
    assert [e.codes for e in refused.excluded] == [("PLEDGE_WITHOUT_CONSENT",)]
    done = encumbrances.attach_pledgee_consent(ws, pledge.id, letter(tmp_path))
    assert done.pledge.consent and not done.was_consented and done.attachment_id is not None
    assert [k for k, _sha in kinds(ws)].count("pledgee-consent") == 1
    sign_off(ws, [PLEDGED])   # the consent changed what was signed off
    result = declaration_export.export(ws, [PLEDGED, OTHER], tmp_path / "b", day=TODAY)
    assert result.excluded == [] and sorted(result.patents) == sorted([PLEDGED, OTHER])
    package = zipfile.ZipFile(result.package)
    scans = [n for n in package.namelist() if "/质权人书面同意（扫描件）_" in n]
    assert all(n.startswith(f"ZL{PLEDGED}_") for n in scans)   # in the pledged patent's folder only
    assert len(scans) == 1 and scans[0].endswith(".pdf") and package.read(scans[0]) == PDF + b"pledgee"
    declaration = document_text(package.read(next(n for n in package.namelist() if n.startswith(f"ZL{PLEDGED}_")
                                                  and n.endswith("/专利开放许可声明.docx"))))
    assert "质权人书面同意书" in declaration
    # the declaration still refuses a pledge whose consent is gone (the existing rule, on the flag)
    encumbrances.undo_pledgee_consent(ws, done)
    assert not encumbrances.list_encumbrances_by_number(ws, PLEDGED)[0].consent
    assert "pledgee-consent" not in [k for k, _sha in kinds(ws)]
    sign_off(ws, [PLEDGED])
    again = declaration_export.export(ws, [PLEDGED, OTHER], tmp_path / "c", day=TODAY)
    assert [e.codes for e in again.excluded] == [("PLEDGE_WITHOUT_CONSENT",)]


def test_the_same_limits_as_a_co_owners_letter_and_nothing_kept_on_refusal(pledged, tmp_path):
    ws, pledge = pledged
    big = tmp_path / "大.pdf"
    with big.open("wb") as f:
        f.write(PDF)
        f.truncate(51 * 1024 * 1024)   # over the store's 50 MB (sparse: nothing to read)
    not_a_scan = tmp_path / "同意.pdf"
    not_a_scan.write_text("我同意", encoding="utf-8")
    before = kinds(ws)
    for path, code in ((big, "ATTACHMENT_OVERSIZE"), (not_a_scan, "ATTACHMENT_TYPE")):
        with pytest.raises(InputError) as err:
            encumbrances.attach_pledgee_consent(ws, pledge.id, path)
        assert err.value.code == code
        with pytest.raises(InputError) as err:   # nor a new pledge with it
            encumbrances.add_encumbrance(ws, PLEDGED, "pledge", party="另一银行", consent_file=path)
        assert err.value.code == code
    assert kinds(ws) == before
    assert [(e.party, e.consent) for e in encumbrances.list_encumbrances_by_number(ws, PLEDGED)] == [("某银行", False)]
    dispute = encumbrances.add_encumbrance(ws, PLEDGED, "dispute", party="某公司")
    with pytest.raises(InputError) as err:
        encumbrances.attach_pledgee_consent(ws, dispute.id, letter(tmp_path))
    assert err.value.code == "PLEDGEE_CONSENT_NOT_A_PLEDGE" and "不是质押" in err.value.message("zh")
    with pytest.raises(NotFoundError):
        encumbrances.attach_pledgee_consent(ws, 9999, letter(tmp_path))
    with pytest.raises(InputError):   # a consent file belongs to a pledge
        encumbrances.add_encumbrance(ws, PLEDGED, "dispute", consent_file=letter(tmp_path))


def test_the_cli_attaches_the_pledgees_consent(pledged, db_path, tmp_path, capsys):
    ws, pledge = pledged
    ws.close()
    assert main(["--db", str(db_path), "encumbrance", "consent", str(pledge.id), "--file",
                 str(letter(tmp_path))]) == 0
    assert capsys.readouterr().out.startswith("已附质权人同意书：质押 某银行 Z2026-1")
    assert main(["--db", str(db_path), "encumbrance", "add", PLEDGED, "--kind", "pledge", "--party", "另一银行",
                 "--consent-file", str(letter(tmp_path, "二.pdf", b"second"))]) == 0
    assert main(["--db", str(db_path), "encumbrance", "consent", str(pledge.id), "--file",
                 str(tmp_path / "无.pdf")]) == 2
    assert "[FILE_NOT_FOUND]" in capsys.readouterr().err
    from openlic_desktop.services.workspace import open_workspace

    again = open_workspace(db_path, user="tester", source="cli")
    try:
        assert [(e.party, e.consent) for e in encumbrances.list_encumbrances_by_number(again, PLEDGED)] == [
            ("某银行", True), ("另一银行", True)]
        assert [k for k, _sha in kinds(again)].count("pledgee-consent") == 2
    finally:
        again.close()


def test_the_pilot_package_carries_the_pledgees_consent_in_its_own_folder(pledged, tmp_path):
    import io
    import json

    import openpyxl

    from openlic_desktop.services import export

    ws, pledge = pledged
    from openlic_desktop.services import readiness

    encumbrances.attach_pledgee_consent(ws, pledge.id, letter(tmp_path))
    readiness.confirm_commitments(ws, [PLEDGED, OTHER], profile_code="general")  # the pilot's own commitments
    sign_off(ws, [PLEDGED, OTHER])
    pre = export.preflight(ws, [PLEDGED, OTHER], "general", TODAY)
    assert pre.excluded == [], [(e.application_number, e.codes) for e in pre.excluded]
    result = export.build(ws, pre, export.ExportOptions(tmp_path / "pilot"))
    package = zipfile.ZipFile(result.package)
    name = f"07_质权人同意书/ZL{PLEDGED}_质权人同意书.pdf"
    assert [n for n in package.namelist() if "质权人" in n] == [name]   # the pledged patent's only
    assert package.read(name) == PDF + b"pledgee" and name in result.files
    # listed in the package's index (清单.xlsx) and its manifest, said in words
    sheet = openpyxl.load_workbook(io.BytesIO(package.read("清单.xlsx"))).active
    listed = [row for row in sheet.iter_rows(values_only=True) if name in row]
    assert len(listed) == 1 and "质权人书面同意" in listed[0], listed
    manifest = json.loads(package.read("manifest.json"))
    assert name in json.dumps(manifest, ensure_ascii=False)
    letter_text = document_text(package.read("00_报送函.docx"))
    assert "质权人书面同意（1份）" in letter_text   # the cover letter's enclosures count it


def test_a_pledgees_consent_is_not_attached_loose(pledged, tmp_path, db_path, capsys):
    ws, pledge = pledged
    with pytest.raises(InputError) as refused:
        attachments.add_attachment(ws, PLEDGED, letter(tmp_path), "pledgee-consent")
    assert refused.value.code == "PLEDGEE_CONSENT_NEEDS_PLEDGE"
    assert "pledgee-consent" not in [k for k, _sha in kinds(ws)]
    assert not encumbrances.list_encumbrances_by_number(ws, PLEDGED)[0].consent
    ws.close()
    # the CLI's attach does not offer it; the pledge's own command does
    with pytest.raises(SystemExit):
        main(["--db", str(db_path), "attach", PLEDGED, str(letter(tmp_path)), "--kind", "pledgee-consent"])
    err = capsys.readouterr().err
    assert "[BAD_ARGUMENT]" in err and "'consent'" in err and "pledgee-consent" not in err.split("可选")[-1]
    assert main(["--db", str(db_path), "encumbrance", "consent", str(pledge.id), "--file", str(letter(tmp_path))]) == 0
