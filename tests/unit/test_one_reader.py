"""One reader for every spreadsheet the app reads: the pricing reference data and the licensee list go through
intake's reader — its guards (zip bombs, absurd used ranges, sizes, encrypted or corrupt files) and its header
matching — as the portfolio import does. A hostile file is refused before any reader allocates it, and nothing
is changed."""

from __future__ import annotations

import resource
import subprocess
import sys
import zipfile

import intake_samples as S
import pytest

from openlic_desktop.services import pricing
from openlic_desktop.services.licensing import licensees
from openlic_desktop.support import archive_limits
from openlic_desktop.support.errors import InputError

FAR = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.mark.parametrize("which", ["reference", "licensees"])
def test_a_far_cell_is_refused_before_it_is_read(tmp_path, which):
    """Run in a child with 2 GB of address space: reading the sheet would abort it (512 GB asked for)."""
    path = S.raw_xlsx(tmp_path / "far.xlsx", FAR)
    call = ("pricing.load_reference_table(ws, path)" if which == "reference"
            else "licensees.import_licensees(ws, path)")
    script = ("import sys\nfrom pathlib import Path\n"
              "from openlic_desktop.services import pricing\n"
              "from openlic_desktop.services.licensing import licensees\n"
              "from openlic_desktop.services.workspace import open_workspace\n"
              "from openlic_desktop.support.errors import InputError\n"
              "ws = open_workspace(Path(sys.argv[2]), user='t')\npath = Path(sys.argv[1])\n"
              f"try:\n    {call}\nexcept InputError as e:\n    print(e.code, e.params.get('reason'))\n")
    run = subprocess.run([sys.executable, "-c", script, str(path), str(tmp_path / "p.sqlite3")], capture_output=True,
                         text=True, timeout=120, preexec_fn=_limited, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.startswith("FILE_TOO_LARGE") and "XFD1048576" in run.stdout


def test_a_zip_bomb_is_refused(ws, tmp_path, monkeypatch):
    monkeypatch.setattr(archive_limits, "RATIO_MIN_BYTES", 1024 * 1024)
    path = S.write_xlsx(tmp_path / "bomb.xlsx", [["行业", "合同数"], ["通用设备制造业", 10]])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/media/padding.bin", b"\0" * (8 * 1024 * 1024))
    for load in (lambda: pricing.load_reference_table(ws, path), lambda: licensees.import_licensees(ws, path)):
        with pytest.raises(InputError) as refused:
            load()
        assert refused.value.code == "FILE_TOO_LARGE"
    assert pricing.reference_lines(ws) == [] and licensees.list_licensees(ws) == []


def test_their_headers_are_found_as_the_import_finds_its_own(ws, tmp_path):
    """Title rows above, headers with line breaks and bracketed units, a GBK CSV."""
    rows = [["某省专利许可统计（摘录）"], [], ["行业\n名称", "行业代码", "合同数（份）", "平均金额（万元）"],
            ["通用设备制造业", "C34", 1200, 15]]
    result = pricing.load_reference_table(ws, S.write_csv(tmp_path / "参考.csv", rows, "gbk"))
    assert result.loaded == 1
    line = next(x for x in pricing.reference_lines(ws) if x.industry == "通用设备制造业")
    assert line.contracts == 1200 and str(line.avg_amount) == "150000.00"
    people = [["被许可人名单"], ["单位名称", "统一社会信用代码\n（18位）", "地址"],
              ["示例科技有限公司", "91350100M000100Y30", "福州市"]]
    imported = licensees.import_licensees(ws, S.write_xlsx(tmp_path / "名单.xlsx", people))
    assert (imported.created, imported.rejected) == (1, 0)


def test_a_licensee_list_of_people_is_found_by_its_id_number_column(ws, tmp_path):
    """A list naming people has an ID-number column instead of a USCC one; a list naming neither is refused."""
    people = [["个人被许可人"], ["被许可人", "身份证号码\n（18位）", "地址"], ["钱某", "11010519491231002X", "北京市"]]
    imported = licensees.import_licensees(ws, S.write_xlsx(tmp_path / "个人.xlsx", people))
    assert (imported.created, imported.rejected) == (1, 0)
    [person] = licensees.list_licensees(ws)
    assert (person.name, person.id_type, person.identifier) == ("钱某", "resident_id", "11010519491231002X")
    with pytest.raises(InputError) as refused:
        licensees.import_licensees(ws, S.write_xlsx(tmp_path / "无证号.xlsx", [["被许可人", "地址"], ["钱某", "北京市"]]))
    assert refused.value.code == "LICENSEE_IMPORT_NO_HEADER"
