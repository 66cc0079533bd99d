"""File → Import history…: the words of a refusal in either language, and times in local time."""

from __future__ import annotations

import os
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
import intake_samples as S

from openlic_desktop.domain.pricing import PricingMode, PricingTerms
from openlic_desktop.gui.app import install_translators
from openlic_desktop.gui.importing.import_history_dialog import ImportHistoryDialog, conflicts_text
from openlic_desktop.gui.tasks import TaskRunner
from openlic_desktop.services import importing, pricing, readiness
from openlic_desktop.services.importing import undo as import_undo

_TABLE_NAME = re.compile(r"\b[a-z]+_[a-z_]+\b|\bsignoffs\b|\battachments\b|\bencumbrances\b|\blicences\b")


def _row(seq, number, title):
    return [seq, number, title, "", "", "", "某某大学", "张三", "有效"]


@pytest.fixture
def chinese():
    install_translators("zh")
    yield
    install_translators("en")


def _plan_with_records(ws, tmp_path):
    importing.run(ws, S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, _row(1, S.N1, "甲"), _row(2, S.N2, "乙")]))
    ids = pricing.ids_for_numbers(ws, [S.N1])
    pricing.set_terms(ws, [ids[S.N1]], PricingTerms(mode=PricingMode.FREE, term_months=36))
    readiness.confirm_commitments(ws, [S.N2])
    plan = import_undo.plan(ws)
    assert {c.reason for c in plan.conflicts} == {"has-records"}
    return plan


def test_a_refusal_names_the_records_in_words_not_table_names_chinese(qtbot, ws, tmp_path, chinese):
    text = conflicts_text(_plan_with_records(ws, tmp_path), "zh")
    assert S.N1 in text and S.N2 in text
    assert "许可使用费" in text and "承诺" in text
    assert _TABLE_NAME.findall(text) == [], text


def test_a_refusal_names_the_records_in_words_not_table_names_english(qtbot, ws, tmp_path):
    text = conflicts_text(_plan_with_records(ws, tmp_path), "en")
    assert "pricing" in text and "commitment" in text
    assert _TABLE_NAME.findall(text) == [], text


@pytest.fixture
def shanghai():
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def test_history_times_are_local(qtbot, ws, tmp_path, shanghai):
    before = datetime.now(UTC)
    importing.run(ws, S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, _row(1, S.N1, "甲")]))
    tasks = TaskRunner()
    dialog = ImportHistoryDialog(ws, tasks, "en")
    qtbot.addWidget(dialog)
    shown = dialog.table.item(0, 0).text()
    expected = {before.astimezone().strftime("%Y-%m-%d %H:%M"),
                datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M")}
    assert shown in expected and before.astimezone().utcoffset().total_seconds() == 8 * 3600


def test_every_table_that_refers_to_patents_has_words_in_both_faces():
    from openlic_desktop.gui.importing import import_history_dialog as import_history
    from openlic_desktop.storage import all_models  # noqa: F401
    from openlic_desktop.storage.models import Base

    referring = {table.name for table in Base.metadata.sorted_tables for fk in table.foreign_keys
                 if fk.column.table.name == "patents" and table.name != "patents"}
    from openlic_desktop.support.messages import terms

    assert referring <= set(terms())
    assert import_history.record_kinds("pricing_terms、signoffs", "zh") == "许可使用费、签核"


def test_cancelling_the_check_does_not_go_on_to_ask(qtbot, ws, tmp_path):
    """The plan runs under a progress dialog with a Cancel button: pressed, the undo must not be offered anyway
    (the plan job cannot stop half-way, so its answer has to be dropped)."""
    from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

    from openlic_desktop.gui.importing.import_history_dialog import offer_undo

    importing.run(ws, S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, _row(1, S.N1, "甲")]))
    parent = QWidget()
    qtbot.addWidget(parent)
    tasks = TaskRunner()
    asked, refused, done = [], [], []
    offer_undo(parent, ws, tasks, None, "en", on_done=done.append, on_refused=refused.append,
               confirm=lambda text: asked.append(text) or True)
    [progress] = parent.findChildren(QProgressDialog)
    [button] = progress.findChildren(QPushButton)
    assert button.text() == "Cancel"
    button.click()
    assert tasks.wait(20000)
    qtbot.waitUntil(lambda: bool(asked) or not tasks._live, timeout=20000)  # the job's answer was delivered
    assert tasks.wait(20000)
    assert asked == [] and done == [] and import_undo.runs(ws)[0].undone_at is None


def test_the_history_closes_when_another_database_is_opened(qtbot, ws, tmp_path, history_window):
    """The dialog is not modal: left open while File → Open switches databases it would list — and undo — the
    imports of the database that was closed."""
    importing.run(ws, S.write_xlsx(tmp_path / "a.xlsx", [S.HEADER, _row(1, S.N1, "甲")]))
    window, dialog = history_window()
    assert dialog.isVisible() and dialog.table.rowCount() == 1
    assert window.open_database(str(tmp_path / "other.sqlite3"))
    assert not dialog.isVisible()


def test_a_closed_history_is_no_trouble_when_another_database_is_opened(qtbot, ws, tmp_path, history_window):
    from PySide6.QtCore import QCoreApplication, QEvent

    window, dialog = history_window()
    destroyed = []
    dialog.destroyed.connect(lambda *_: destroyed.append(1))
    dialog.close()  # WA_DeleteOnClose
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.waitUntil(lambda: bool(destroyed), timeout=5000)
    del dialog
    window._import_history = None
    assert window.open_database(str(tmp_path / "other.sqlite3"))
