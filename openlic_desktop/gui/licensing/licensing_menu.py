"""Feature: contracts, licensees, licences and deadlines in the main window.

`install(window)` adds Batch → Draft contracts… and Tools → Patentee book… / Licensee book… / Licences reached… /
Deadlines….
Each action opens a non-modal dialog on the window's current workspace (nothing happens without one).
Thread rule: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence

translate = QCoreApplication.translate


def _open(window, factory):
    if window.ws is None:
        return None
    dialog = factory()
    window.licensing_dialogs.append(dialog)
    dialog.finished.connect(lambda _r: window.licensing_dialogs.remove(dialog)
                            if dialog in window.licensing_dialogs else None)
    dialog.show()
    return dialog


# The dialogs are imported when first opened: the contract tools (python-docx, docxtpl, jinja2, cn2an) take
# about a second to import, and the main window must not wait for them.
def open_contract_dialog(window):
    from openlic_desktop.gui.licensing.contract_dialog import ContractDialog

    return _open(window, lambda: ContractDialog(window))


def open_licensees(window):
    from openlic_desktop.gui.licensing.licensees_view import LicenseesDialog

    return _open(window, lambda: LicenseesDialog(window.ws, window, getattr(window, "lang", "zh")))


def open_patentees(window):
    from openlic_desktop.gui.licensing.parties_view import PatenteesDialog

    return _open(window, lambda: PatenteesDialog(window.ws, window, getattr(window, "lang", "zh")))


def open_licences(window):
    from openlic_desktop.gui.licensing.licences_view import LicencesDialog

    return _open(window, lambda: LicencesDialog(window.ws, window, getattr(window, "lang", "zh"),
                                                window.selected_patent_ids()))


def open_deadlines(window):
    from openlic_desktop.gui.licensing.deadlines_view import DeadlinesDialog

    return _open(window, lambda: DeadlinesDialog(window.ws, window, getattr(window, "lang", "zh")))


def install(window) -> None:
    window.licensing_dialogs = []
    draft = window.menus["batch"].addAction(translate("Licensing", "Draft contracts…"))
    draft.setObjectName("draftContractsAction")
    draft.setShortcut(QKeySequence("Ctrl+Shift+D"))
    draft.triggered.connect(lambda _checked=False: open_contract_dialog(window))
    tools = window.menus["tools"]
    for name, text, slot in (("patenteeBookAction", translate("Licensing", "Patentee book…"), open_patentees),
                             ("licenseeBookAction", translate("Licensing", "Licensee book…"), open_licensees),
                             ("licencesAction", translate("Licensing", "Licences reached…"), open_licences),
                             ("deadlinesAction", translate("Licensing", "Deadlines…"), open_deadlines)):
        action = tools.addAction(text)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False, s=slot: s(window))
