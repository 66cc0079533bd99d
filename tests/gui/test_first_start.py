"""First start (welcome, office details), the guide, the crash dialog, and backups from the window."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton

from openlic_desktop.gui import crash
from openlic_desktop.gui.dialogs import first_start
from openlic_desktop.gui.dialogs.backup_dialog import RestoreBackupDialog
from openlic_desktop.gui.dialogs.guide_dialog import GuideDialog
from openlic_desktop.gui.dialogs.office_dialog import OfficeDialog
from openlic_desktop.gui.dialogs.welcome_dialog import WelcomeDialog
from openlic_desktop.gui.main_window import MainWindow
from openlic_desktop.services import backup, portfolio
from openlic_desktop.support import settings


def make_window(qtbot, ws) -> MainWindow:
    win = MainWindow(ws, lang="en")
    qtbot.addWidget(win)
    win.show()
    return win


def visible(win, cls):
    found = [d for d in win.findChildren(cls) if d.isVisible()]
    return found[-1] if found else None


@pytest.fixture(autouse=True)
def _quiet_crash_hook():
    yield
    crash.uninstall()
    dialog = crash.current_dialog()
    if dialog is not None:
        dialog.close()


def test_welcome_demo_choice_fills_a_demo_database_and_saves_office(qtbot, ws, _hermetic_home):
    win = make_window(qtbot, ws)
    assert portfolio.count(ws) == 0
    win.first_start_handler()
    welcome = visible(win, WelcomeDialog)
    assert welcome is not None
    qtbot.mouseClick(welcome.buttons["demo"], Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: visible(win, OfficeDialog) is not None)
    office = visible(win, OfficeDialog)
    values = {"name": "浙江大学技术转移中心", "address": "杭州市西湖区余杭塘路866号", "contact_person": "王老师",
              "contact_phone": "0571-88888888", "contact_email": "tto@zju.edu.cn", "seal_holder": "李老师"}
    for key, value in values.items():
        office.edits[key].setText(value)
    qtbot.mouseClick(office.button_box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    demo_file = _hermetic_home / "data" / first_start.DEMO_DATABASE
    qtbot.waitUntil(lambda: win.ws is not ws and win.ws is not None, timeout=5000)
    assert win.ws.path == demo_file  # its own database, never the office's
    qtbot.waitUntil(lambda: portfolio.count(win.ws) == 300, timeout=20000)
    qtbot.waitUntil(lambda: win.model.rowCount() == 300, timeout=5000)
    assert portfolio.count(ws) == 0  # the office's database was left empty
    stored = settings.load()
    assert stored.welcomed is True
    assert stored.office == settings.Office(**values)
    assert str(ws.path) in stored.recent_databases  # the way back to it
    win.tasks.wait(10000)
    # with a dozen of the patents taken through the office's work, to licences reached under the settings' office
    from openlic_desktop.services.licensing import licences

    reached = licences.list_licences(win.ws)
    assert len(reached) == 2 and all(any(p.received_on for p in r.payments) for r in reached)
    win.ws.close()
    win.ws = None


def test_welcome_import_choice_opens_the_import_wizard(qtbot, ws):
    prefs = settings.load()
    prefs.office = settings.Office(name="某大学技术转移中心")  # already known: not asked again
    settings.save(prefs)
    win = make_window(qtbot, ws)
    win.first_start_handler()
    welcome = visible(win, WelcomeDialog)
    qtbot.mouseClick(welcome.buttons["import"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(win, "_import_wizard", None) is not None and win._import_wizard.isVisible())
    assert visible(win, OfficeDialog) is None
    assert settings.load().welcomed
    win._import_wizard.close()
    win.ws = None


def test_welcome_is_shown_once(qtbot, demo_ws):
    prefs = settings.load()
    prefs.welcomed = True
    settings.save(prefs)
    win = make_window(qtbot, demo_ws)
    win.first_start_handler()  # non-empty database, already welcomed: nothing to ask
    assert visible(win, WelcomeDialog) is None
    win.ws = None


def test_welcome_later_asks_nothing_more_and_remembers(qtbot, ws):
    win = make_window(qtbot, ws)
    win.first_start_handler()
    welcome = visible(win, WelcomeDialog)
    welcome.findChild(QPushButton, "welcome_later").click()
    qtbot.waitUntil(lambda: settings.load().welcomed)
    assert visible(win, OfficeDialog) is None
    assert portfolio.count(ws) == 0
    win.ws = None


def test_office_details_editable_from_tools_menu(qtbot, demo_ws):
    prefs = settings.load()
    prefs.office = settings.Office(name="旧名称", contact_email="old@example.cn")
    settings.save(prefs)
    win = make_window(qtbot, demo_ws)
    action = next(a for a in win.menus["tools"].actions() if a.objectName() == "officeDetailsAction")
    action.trigger()
    dialog = visible(win, OfficeDialog)
    assert dialog.edits["name"].text() == "旧名称"
    dialog.edits["contact_email"].setText("new@example.cn")
    dialog.edits["name"].setText("  新的   名称 ")
    qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: visible(win, OfficeDialog) is None)
    office = settings.load().office
    assert (office.name, office.contact_email) == ("新的 名称", "new@example.cn")
    win.ws = None


@pytest.mark.parametrize("field, typed, code, words", [
    # a second address after a comma would go into the letters' and e-mails' headers
    ("contact_email", "tto@example.edu.cn,bcc@example.cn", "OFFICE_EMAIL_INVALID", "电子邮箱格式不正确"),
    ("contact_email", "not an address", "OFFICE_EMAIL_INVALID", "电子邮箱格式不正确"),
    ("name", "某大学\x07技术转移中心", "OFFICE_VALUE_INVALID", "本单位信息「单位名称」不能含换行或控制字符")])
def test_office_dialog_refuses_what_office_set_refuses(qtbot, demo_ws, monkeypatch, capsys, field, typed, code,
                                                        words):
    from openlic_desktop.cli.main import main as cli_main

    prefs = settings.load()
    prefs.office = settings.Office(name="旧名称", contact_email="old@example.cn")
    settings.save(prefs)
    cli_key = {"contact_email": "email", "name": "name"}[field]
    assert cli_main(["--lang", "zh", "office", "set", f"{cli_key}={typed}"]) == 2
    assert words in capsys.readouterr().err  # the command line refuses it in the same words
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: warnings.append(text))
    win = MainWindow(demo_ws, lang="zh")
    qtbot.addWidget(win)
    win.show()
    dialog = first_start.edit_office(win)
    dialog.edits[field].setText(typed)
    refusal = dialog.save()
    assert refusal is not None and refusal.code == code
    qtbot.mouseClick(dialog.button_box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert len(warnings) == 1 and words in warnings[0]
    assert dialog.isVisible() and dialog.focusWidget() is dialog.edits[field]  # still open, on the field to fix
    assert (settings.load().office.name, settings.load().office.contact_email) == ("旧名称", "old@example.cn")
    dialog.reject()
    win.ws = None


def test_guide_rendered_from_markdown(qtbot, demo_ws):
    win = make_window(qtbot, demo_ws)
    action = next(a for a in win.menus["help"].actions() if a.objectName() == "userGuideAction")
    action.trigger()
    guide = visible(win, GuideDialog)
    text = guide.browser.toPlainText()
    assert "第一次使用" in text and "恢复备份" in text
    assert "## " not in text  # headings were rendered, not shown as Markdown source
    guide.close()
    win.ws = None


def test_crash_dialog_shows_copyable_report_and_logs(qtbot, monkeypatch, _hermetic_home):
    monkeypatch.setitem(crash._state, "previous", None)
    try:
        {}["missing key"]
    except KeyError:
        exc_type, exc, tb = sys.exc_info()
    crash.handle_exception(exc_type, exc, tb)
    dialog = crash.current_dialog()
    assert dialog is not None and dialog.isVisible()
    report = dialog.text.toPlainText()
    assert "KeyError: 'missing key'" in report and "Traceback" in report and "OpenLic Desktop" in report
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == report
    for handler in logging.getLogger("openlic_desktop").handlers:
        handler.flush()
    log_text = (_hermetic_home / "logs" / "openlic.log").read_text(encoding="utf-8")
    assert "uncaught exception" in log_text and "missing key" in log_text
    dialog.close()
    qtbot.waitUntil(lambda: crash.current_dialog() is None)


def test_uncaught_exception_in_a_slot_reaches_dialog_and_previous_hook(qtbot):
    def boom() -> None:
        raise RuntimeError("slot failed")

    with qtbot.capture_exceptions() as captured:
        crash.install()  # chains to pytest-qt's hook, which records the exception
        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: crash.current_dialog() is not None)
    assert "RuntimeError: slot failed" in crash.current_dialog().report
    assert [str(e[1]) for e in captured] == ["slot failed"]


def test_window_makes_todays_backup_after_opening(qtbot, demo_ws):
    win = make_window(qtbot, demo_ws)
    qtbot.waitUntil(lambda: len(backup.list_backups(demo_ws.path)) == 1, timeout=10000)
    win.tasks.wait(10000)
    win.ws = None


def test_restore_from_window_round_trip(qtbot, demo_ws):
    db_file = demo_ws.path
    taken = backup.daily_backup(demo_ws)
    number = portfolio.list_patents(demo_ws)[0].number.canonical
    original = portfolio.detail(demo_ws, number).facts.title
    portfolio.set_fields(demo_ws, number, {"title": "恢复前改过的名称"})
    win = make_window(qtbot, demo_ws)

    dialog = RestoreBackupDialog(backup.list_backups(db_file), win)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and dialog.chosen() == taken.path

    finished: list[bool] = []
    first_start.restore_into_window(win, db_file, dialog.chosen(), on_finished=finished.append)
    qtbot.waitUntil(lambda: bool(finished), timeout=60000)
    assert finished == [True]
    try:
        assert win.ws is not demo_ws
        assert portfolio.detail(win.ws, number).facts.title == original
        assert win.model.rowCount() == 200
        kinds = sorted(b.kind for b in backup.list_backups(db_file))
        assert kinds == ["before-restore", "daily"]
    finally:
        win.tasks.wait(10000)
        win.ws.close()
        win.ws = None
