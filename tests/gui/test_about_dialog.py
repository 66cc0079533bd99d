"""Help → About shows the version, the database and the third-party notices with Qt's LGPL."""

from __future__ import annotations

import os

from openlic_desktop import __version__
from openlic_desktop.gui.dialogs.about_dialog import AboutDialog


def test_about_has_the_version_and_the_third_party_licences(qtbot, tmp_path):
    dialog = AboutDialog(None, "/data/openlic.sqlite3")
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.about_text.text()
    assert __version__ in text and "/data/openlic.sqlite3" in text
    assert dialog.notices.toPlainText() == ""  # read only when its tab is opened
    dialog.tabs.setCurrentWidget(dialog.notices)
    notices = dialog.notices.toPlainText()
    assert "PySide6" in notices and "SQLAlchemy" in notices
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in notices and "Version 3, 29 June 2007" in notices
    assert "download.qt.io" in notices  # where Qt's source is, as the LGPL asks
    if os.environ.get("OPENLIC_SHOTS"):
        dialog.grab().save(str(tmp_path / "about.png"))


def test_help_about_opens_it_from_the_main_window(qtbot, ws):
    from openlic_desktop.gui.main_window import MainWindow

    window = MainWindow(ws, lang="en")
    qtbot.addWidget(window)
    [action] = [a for a in window.menus["help"].actions() if "About" in a.text()]
    action.trigger()
    dialog = window.about_box
    assert isinstance(dialog, AboutDialog) and dialog.isVisible() and dialog.isModal()
    assert ws.location in dialog.about_text.text()
    dialog.close()
