"""A re-import writes only the facts that changed and the columns derived from them (PatentWriter.update with
`fields`), computed from the row's facts and the stored ones it does not state (StoredFacts.written): every stored
column must then be what the one facts→row function makes of the patent's whole facts, whichever fact changed."""

from __future__ import annotations

from datetime import date

import intake_samples as S
from sqlalchemy import select

from openlic_desktop.services import importing, portfolio
from openlic_desktop.storage.models import Patent
from openlic_desktop.storage.patents import ROW_COLUMNS, PatentWriter, row_to_facts

TODAY = date(2026, 11, 26)


def _row(seq, number, title="一种装置", filed=None, patentees="某某大学；某某公司", inventors="张三、李四",
         status="有效"):
    filed = filed or f"{number[:4]}-03-05"
    return [seq, number, title, "发明" if number[4] == "1" else "实用新型", filed, "", patentees, inventors, status,
            "", "计算机学院", "", ""]


def assert_every_column_follows_the_facts(ws) -> None:
    """Each patent's stored columns (ROW_COLUMNS) equal PatentWriter.row of its facts as stored."""
    table = Patent.__table__
    with ws.reading() as session:
        writer = PatentWriter(session, native=False)
        stored = session.execute(select(Patent)).scalars().all()
        assert stored
        for patent in stored:
            columns = session.execute(select(*(table.c[name] for name in ROW_COLUMNS))
                                      .where(table.c.id == patent.id)).one()
            expected = writer.facts_row(row_to_facts(patent))
            assert dict(zip(ROW_COLUMNS, columns, strict=True)) == dict(zip(ROW_COLUMNS, expected, strict=True))


def reimport_changing_one_fact_each(ws, tmp_path) -> None:
    """Each later file states the number and one fact only: the columns derived from that fact must come from
    the facts it does not state, as stored."""
    first = [_row(1, S.N1), _row(2, S.N2), _row(3, S.N4), _row(4, S.N5), _row(5, S.N6)]
    importing.run(ws, S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, *first]), today=TODAY)
    for at, (number, heading, value) in enumerate([
            (S.N1, "发明名称", "一种新装置"),           # → search text (the stored names in it)
            (S.N2, "专利权人", "另一大学；某某公司"),   # → display, search text (the stored title in it)
            (S.N4, "发明人", "王五、赵六"),              # → search text (the stored title and patentees in it)
            (S.N5, "申请日", "2018-09-09"),              # → expiry (from the stored type)
            (S.N6, "法律状态", "未缴年费终止")]):        # nothing derived
        result = importing.run(ws, S.write_xlsx(tmp_path / f"b{at}.xlsx", [["申请号", heading], [number, value]]),
                               today=TODAY)
        assert (result.updated, result.rejected) == (1, 0), (heading, result.rejections)
    assert_every_column_follows_the_facts(ws)
    assert portfolio.query_ids(ws, search="另一大学") and portfolio.query_ids(ws, search="王五")
    assert portfolio.query_ids(ws, search="一种新装置")


def test_a_changed_fact_rewrites_its_derived_columns_from_the_stored_facts(ws, tmp_path):
    reimport_changing_one_fact_each(ws, tmp_path)
