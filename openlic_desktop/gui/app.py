"""`openlic-desktop`: start the GUI, or render the main window to a PNG with --screenshot.

    openlic-desktop [PATH | --db PATH_OR_URL] [--lang zh|en] [--screenshot FILE.png]

PATH is an existing OpenLic database to open (what "Open with" and a double-click on an .openlic file pass); a file
that is not one of ours is refused as File → Open refuses it. `--db` also creates a new database.
"""

from __future__ import annotations

import argparse
import os
import sys

from openlic_desktop import __version__
from openlic_desktop.support import logs, paths, settings

_translators: list = []
_windows: list = []


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="openlic-desktop", description="OpenLic Desktop")
    parser.add_argument("database", nargs="?", metavar="PATH", help="an OpenLic database to open")
    parser.add_argument("--db", help="SQLite file or SQLAlchemy URL (default: OPENLIC_DB or the user data dir)")
    parser.add_argument("--lang", choices=("zh", "en"))
    parser.add_argument("--user", help="who is acting (audit trail)")
    parser.add_argument("--screenshot", metavar="FILE.png", help="render the main window to a PNG and exit")
    parser.add_argument("--version", action="version", version=f"openlic-desktop {__version__}")
    args = parser.parse_args(argv)
    if args.database and args.db:
        parser.error("give the database as PATH or as --db, not both")
    return args


def install_translators(lang: str) -> None:
    """Load our .qm and Qt's own translations for `lang` (zh → Simplified Chinese; en → the English sources)."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    app = QCoreApplication.instance()
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if lang != "zh":
        return
    ours = QTranslator(app)
    if ours.load(str(paths.resources_dir() / "i18n" / "openlic_zh_CN.qm")):
        app.installTranslator(ours)
        _translators.append(ours)
    qt = QTranslator(app)
    if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _translators.append(qt)


def rebuild_main_window(old, lang: str) -> None:
    """Replace the window by a new one in another language, keeping the open workspace."""
    from openlic_desktop.gui.main_window import MainWindow

    old.save_layout()
    window = MainWindow(old.ws, lang=lang)
    _windows.append(window)
    window.show()
    old.ws = None  # the new window owns it now
    old.close()
    old.deleteLater()
    if old in _windows:
        _windows.remove(old)


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    if args.screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") \
            and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    logs.configure()
    from PySide6.QtWidgets import QApplication, QMessageBox

    from openlic_desktop.gui.main_window import MainWindow
    from openlic_desktop.services.workspace import open_workspace
    from openlic_desktop.support.errors import InputError, OpenLicError

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("OpenLic Desktop")
    app.setOrganizationName("OpenLic")
    app.setApplicationVersion(__version__)
    from openlic_desktop.gui.file_open import FileOpenEvents

    opened = FileOpenEvents(app)
    app.processEvents()  # macOS delivers the document a Finder double-click started us with as an event
    if not args.screenshot:
        # from here on, even an error while opening the database or building the window gets the report dialog
        # (a screenshot run must never wait on a dialog: it reports on stderr and exits instead)
        from openlic_desktop.gui import crash

        crash.install()
    from openlic_desktop.gui import fonts

    fonts.choose_font(app)
    font_notice = fonts.missing_font_notice()
    if font_notice:
        _say(font_notice)
    prefs = settings.load()
    lang = args.lang or prefs.language or "zh"
    install_translators(lang)
    named = args.database or opened.pending
    target = named or args.db or paths.default_database()
    try:
        if named and "://" not in named and not os.path.isfile(named):  # opening, not creating: a typo is refused
            raise InputError("FILE_NOT_FOUND", path=named)
        ws = open_workspace(target, user=args.user or prefs.current_user or None, source="gui")
    except OpenLicError as exc:
        if args.screenshot:
            _say(f"openlic-desktop: {exc.message(lang)}")
            return 2
        QMessageBox.critical(None, "OpenLic Desktop", exc.message(lang))
        ws = None
    if ws is not None:
        prefs.remember_database(ws.location)
        settings.save(prefs)
    window = MainWindow(ws, lang=lang, offer_first_start=not args.screenshot and not named)
    _windows.append(window)
    opened.window = window
    if args.screenshot:
        return _screenshot(app, window, args.screenshot)
    window.show()
    if font_notice:  # every Chinese character would be a box: say why, in words the user can read
        QMessageBox.warning(window, "OpenLic Desktop", font_notice)
    return app.exec()


def _say(line: str) -> None:
    """stderr, where there is one: the windowed Windows program has none (sys.stderr is None)."""
    if sys.stderr is not None:
        sys.stderr.write(line + "\n")


def _screenshot(app, window, target: str) -> int:
    window.resize(1360, 820)
    window.show()
    if window.model.rowCount() > 0:
        window.table.selectRow(0)
    for _ in range(5):
        app.processEvents()
    pixmap = window.grab()
    ok = pixmap.save(target, "PNG")
    window.close()
    if window.ws is not None:
        window.ws.close()
    if not ok:
        _say(f"openlic-desktop: cannot write {target}")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
