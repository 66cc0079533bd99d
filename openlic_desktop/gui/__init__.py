"""The desktop face (PySide6). The conventions every module here follows:

Rooms
    `models/` table models; `editor/` the patent editor (a widget per tab); `importing/`, `pricing/`, `export/`,
    `licensing/`, `declarations/`, `readiness/` a feature each; `dialogs/` the general dialogs (first start,
    backups); at the top the application (`app`), the main window, the task runner (`tasks`), the words for codes
    (`words`) and the colours (`palette`). File names end in what they hold: `…_dialog`, `…_view`, `…_wizard`,
    `…_tab`, `…_model(s)`. A feature installs itself through one line in `features.py`.

Translation: one mechanism, Qt's
    Every text a user reads is an English source string written where `pyside6-lupdate` sees it:
    - inside a QObject subclass: `self.tr("Literal text")` (context: the class name);
    - outside one: `QCoreApplication.translate("Context", "Literal text")` (module-level functions, menus built in
      `install(window)`);
    - text kept in a table and shown later: marked `QT_TRANSLATE_NOOP("Context", "Literal text")` where it is
      written, translated with `QCoreApplication.translate("Context", value)` when shown (the words for codes are
      all in `words.py`: `words.word(words.STATUSES, "in_force")`).
    Never a variable or an f-string inside `tr()`; never `tr()` inside an f-string (lupdate sees neither).
    Placeholders are `%1`, `%2`, filled with `.replace("%1", …)` after translating. The Chinese is in
    `resources/i18n/openlic_zh_CN.ts` only — no Chinese in the sources (tests/unit/test_i18n.py) — and
    `python tools/i18n.py` updates the .ts and builds the .qm (`--todo` lists what lacks Chinese, `--apply F.json`
    writes it in). Refusals and findings are words of `support.messages` (`exc.message(lang)`,
    `render(code, lang)`), shared with the CLI; the domain's own phrasing (terms in words, commitment texts of a
    bureau profile) comes with `lang` from the domain. Nothing else in the GUI asks `lang == "zh"`.
    Every window and dialog is walked in Chinese by tests/gui/test_every_window.py: register a new one in
    tests/gui/window_registry.py (the walk fails naming any QDialog or QMainWindow subclass without an entry).

Colours
    Only from `palette` (error, warning, ok — a shade for light and one for dark backgrounds); everything else is
    the platform palette, so dark mode stays readable.

Threads and operations (Anki's model)
    Only the GUI thread touches widgets. Reads and writes of the database and files go through an operation
    (`gui.ops.Op`) on the window's one worker (`window.tasks`, a TaskRunner): the op names its work, its success
    handler, and what it changed (`ops.Changes`: which patents, which aspects — facts, commitments, pricing… —,
    whether the id list changed). Work gets and returns plain values, never widgets or ORM objects. After an op
    succeeds the runner announces its changes (`window.tasks.changed`) and each view redraws only what they name:
    the portfolio table the rows of those patents (the selection stays; `window.refresh()` re-queries the ids and
    keeps the selection), the detail pane its patent, an editor the tabs showing a changed aspect. No view
    re-reads everything after an edit; no view reads the database on the GUI thread while painting or typing.

Undo: one scheme
    Every undoable edit — the editor's and the batch actions' — is a command on the window's QUndoStack
    (`window.undo_history`, gui/undo.py) made with `undo_history.push(parent, text, do, undo, changes)`: `do()`
    and `undo(result)` call services (which write the audit trail, source "gui") and run as ops; the stack moves
    only when the call succeeded. Edit → Undo / Ctrl+Z undoes the latest, wherever it was made.

The patent editor
    A tab is an `editor.editor_tabs.EditorTab` (KEY, ASPECTS, title(), static read(ctx) on the worker,
    show(data) on the GUI thread, focus_field(name)); features add theirs with `register_tab(TabClass)`. The
    editor reads all tabs in one op when it opens and, after a change of its patent, only the tabs whose ASPECTS
    the change names (plus its history and readiness).
"""
