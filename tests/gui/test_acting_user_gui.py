"""The status bar names who new records and documents will name: a login (“root”) is marked as such with the way
to give one's name; the office's contact person given in Tools → Office details… becomes the acting user at once,
and the History tab shows each change by whoever made it (the login's old lines kept as recorded)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction

from openlic_desktop.gui.app import install_translators
from openlic_desktop.gui.dialogs.office_dialog import OfficeDialog
from openlic_desktop.gui.main_window import MainWindow
from openlic_desktop.services import audit_trail, portfolio
from openlic_desktop.services.workspace import default_user, open_workspace


def test_office_contact_becomes_the_acting_user(qtbot, db_path, tmp_path):
    ws = open_workspace(db_path, source="gui")  # no --user: the settings name no one yet
    number = "202110123456.7"
    pid = portfolio.add_patent(ws, number, "一种测试方法")
    install_translators("zh")
    try:
        window = MainWindow(ws, lang="zh")
        qtbot.addWidget(window)
        window.show()
        login = default_user()
        assert window.user_label.text() == f"操作人：{login}（本机登录名）"
        assert "人员与当前用户" in window.user_label.toolTip()
        window.findChild(QAction, "officeDetailsAction").trigger()
        dialog = window.findChild(OfficeDialog)
        dialog.edits["contact_person"].setText("王伟")
        dialog.accept()
        assert ws.user == "王伟"
        assert window.user_label.text() == "操作人：王伟" and window.user_label.toolTip() == ""
        window.statusBar().grab().save(str(Path(tmp_path) / "status.png"))
        portfolio.set_fields(ws, number, {"title": "一种改进的测试方法"})
        assert [line.user for line in audit_trail.history(ws, pid)] == [login, "王伟"]
        report = audit_trail.verify(ws)
        assert report.intact and report.keyed == report.records
        window.tasks.wait(20000)
    finally:
        window.ws = None
        ws.close()
        install_translators("en")
