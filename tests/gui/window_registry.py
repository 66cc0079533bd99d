"""Every window and dialog of the GUI, opened the way a user opens it, on a demo portfolio with some of everything
(licensees, licences, pricing, a batch, backups, an import).

`FACTORIES` maps a window class (its qualified name) to a function `scenes(env)` yielding (scene name, top-level
widget) pairs: one per state worth looking at (a wizard's pages, a dialog before and after an action). The walk
(tests/gui/test_every_window.py) looks at every tab of every scene itself. Every QDialog or QMainWindow subclass defined
under openlic_desktop/gui must have an entry: the walk fails naming a window that has none. Adding a window means
adding one function here; it is then walked in Chinese, checked for clipping and photographed with the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
import intake_samples as S
import packages_helpers as P

from openlic_desktop.services import backup, batches, portfolio
from openlic_desktop.services.licensing import licences as licence_service
from openlic_desktop.services.licensing import licensees as licensee_service

Scenes = Iterator[tuple[str, QWidget]]


@dataclass
class Env:
    window: object          # the main window, in Chinese, on the demo workspace
    qtbot: object
    tmp: Path
    ready_ids: list[int]    # patents made ready to offer (priced, signed off…)
    blocked_id: int         # a utility model without an evaluation report

    @property
    def ws(self):
        return self.window.ws

    def select(self, ids: list[int]) -> None:
        """Select these patents in the main table, as a user would."""
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        table, model = self.window.table, self.window.model
        selection = QItemSelection()
        for pid in ids:
            row = model.row_of(pid)
            assert row >= 0, pid
            selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
        table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        table.selectionModel().setCurrentIndex(model.index(model.row_of(ids[0]), 0),
                                               QItemSelectionModel.SelectionFlag.NoUpdate)

    def settle(self) -> None:
        self.window.tasks.wait(30000)
        for _ in range(3):
            QApplication.processEvents()

    def menu_action(self, object_name: str):
        from PySide6.QtGui import QAction

        found = self.window.findChild(QAction, object_name)
        assert found is not None, object_name
        return found


def _top(before: dict[int, QWidget], cls_name: str) -> QWidget:
    """The top-level widget of this class that appeared since `before`."""
    for widget in QApplication.topLevelWidgets():
        if id(widget) not in before and type(widget).__name__ == cls_name and widget.isVisible():
            return widget
    raise AssertionError(f"no new {cls_name} window")


def _tops() -> dict[int, QWidget]:
    # the widgets are kept, not only their ids: a wrapper PySide makes for this call and drops after it could have
    # its id reused by the wrapper of the window about to open, which would then look as if it had been there before
    return {id(w): w for w in QApplication.topLevelWidgets()}


def opened(env: Env, object_name: str, cls_name: str) -> QWidget:
    """Trigger the menu action `object_name` and return the window of `cls_name` it opened."""
    before = _tops()
    env.menu_action(object_name).trigger()
    env.settle()
    return _top(before, cls_name)


# --- the factories ----------------------------------------------------------------------------------------------
def main_window(env: Env) -> Scenes:
    env.select(env.ready_ids)
    env.settle()
    yield "main_window", env.window


def about(env: Env) -> Scenes:
    env.window.about()
    yield "about", env.window.about_box
    env.window.about_box.close()


def patent_editor(env: Env) -> Scenes:
    env.select([env.blocked_id])
    editor = opened(env, "openPatentAction", "PatentEditor")
    yield "patent_editor", editor
    editor.close()
    env.select(env.ready_ids[:1])  # signed off twice, priced, a report attached: every tab full
    editor = opened(env, "openPatentAction", "PatentEditor")
    yield "patent_editor_ready", editor
    editor.close()


def pricing_batch(env: Env) -> Scenes:
    env.select(env.ready_ids)
    dialog = opened(env, "batchPricingAction", "PricingBatchDialog")
    dialog.run_preview()
    env.settle()
    yield "batch_pricing", dialog
    dialog.close()


def contract_dialog(env: Env) -> Scenes:
    env.select(env.ready_ids[:1])
    dialog = opened(env, "draftContractsAction", "ContractDialog")
    dialog.licensee_table.selectRow(0)
    yield "contract", dialog
    dialog.close()
    env.select(env.window.model.ids()[:100])  # a hundred patents must not push the buttons off the screen
    dialog = opened(env, "draftContractsAction", "ContractDialog")
    yield "contract_100", dialog
    dialog.close()


def licensees(env: Env) -> Scenes:
    dialog = opened(env, "licenseeBookAction", "LicenseesDialog")
    yield "licensee_book", dialog
    dialog.close()


def patentees(env: Env) -> Scenes:
    dialog = opened(env, "patenteeBookAction", "PatenteesDialog")
    yield "patentee_book", dialog
    dialog.close()


def patentee_edit(env: Env) -> Scenes:
    dialog = opened(env, "patenteeBookAction", "PatenteesDialog")
    dialog.table.selectRow(0)
    editor = dialog.edit_current()
    env.settle()
    yield "patentee_edit", editor
    editor.close()
    dialog.close()


def licensee_edit(env: Env) -> Scenes:
    dialog = opened(env, "licenseeBookAction", "LicenseesDialog")
    dialog.table.selectRow(0)
    editor = dialog.edit_current()
    env.settle()
    yield "licensee_edit", editor
    editor.close()
    dialog.close()


def licences(env: Env) -> Scenes:
    env.select(env.ready_ids[:1])
    dialog = opened(env, "licencesAction", "LicencesDialog")
    yield "licences", dialog
    dialog.close()


def licence_add(env: Env) -> Scenes:
    env.select(env.ready_ids[:2])
    dialog = opened(env, "licencesAction", "LicencesDialog")
    add = dialog.add()
    env.settle()
    yield "licence_add", add
    add.close()
    dialog.close()


def payment(env: Env) -> Scenes:
    dialog = opened(env, "licencesAction", "LicencesDialog")
    dialog.table.selectRow(0)
    received = dialog.receive_payment()
    assert received is not None, "the demo licence has an open payment"
    env.settle()
    yield "payment", received
    received.close()
    dialog.close()


def deadlines(env: Env) -> Scenes:
    dialog = opened(env, "deadlinesAction", "DeadlinesDialog")
    dialog.within_check.setChecked(False)
    yield "deadlines", dialog
    dialog.close()


def export_wizard(env: Env) -> Scenes:
    env.select(env.ready_ids + [env.blocked_id])
    wizard = opened(env, "exportPackageAction", "ExportWizard")
    for name in ("profile", "patents", "preflight", "options", "build"):
        if name == "preflight":
            env.qtbot.waitUntil(lambda: wizard.preflight_page.pre is not None, timeout=30000)
        env.settle()
        yield f"export_{name}", wizard
        if name != "build":
            wizard.next()
    wizard.close()


def batches_view(env: Env) -> Scenes:
    dialog = opened(env, "submissionBatchesAction", "BatchesDialog")
    env.settle()
    yield "batches", dialog
    dialog.close()


def smtp(env: Env) -> Scenes:
    dialog = opened(env, "smtpAction", "SmtpDialog")
    yield "smtp", dialog
    dialog.close()


def staff(env: Env) -> Scenes:
    dialog = opened(env, "staffAction", "StaffDialog")
    dialog.add_member("王老师", "preparer")
    dialog.add_member("李老师", "reviewer")
    yield "staff", dialog
    dialog.close()


def restore_backup(env: Env) -> Scenes:
    from openlic_desktop.gui.dialogs.backup_dialog import RestoreBackupDialog

    dialog = RestoreBackupDialog(backup.list_backups(Path(env.ws.path)), env.window)
    dialog.show()
    yield "restore_backup", dialog
    dialog.close()


def welcome(env: Env) -> Scenes:
    from openlic_desktop.gui.dialogs import first_start

    dialog = first_start.show_welcome(env.window)
    env.settle()
    yield "welcome", dialog
    dialog.choice = "later"
    dialog.reject()


def office(env: Env) -> Scenes:
    dialog = opened(env, "officeDetailsAction", "OfficeDialog")
    yield "office", dialog
    dialog.reject()


def guide(env: Env) -> Scenes:
    dialog = opened(env, "userGuideAction", "GuideDialog")
    yield "guide", dialog
    dialog.close()


def crash(env: Env) -> Scenes:
    from openlic_desktop.gui.crash import CrashDialog

    dialog = CrashDialog("Traceback (most recent call last):\n  ValueError: example", env.window)
    dialog.show()
    yield "crash", dialog
    dialog.close()


def import_wizard(env: Env) -> Scenes:
    path = S.write_xlsx(env.tmp / "专利清单.xlsx", S.messy_table())
    before = _tops()
    env.window.handle_dropped_files([path])
    env.settle()
    wizard = _top(before, "ImportWizard")
    for name in ("sheet", "columns", "preview", "result"):
        env.qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=30000)
        env.settle()
        yield f"import_{name}", wizard
        if name != "result":
            wizard.next()
    wizard.close()


def import_history(env: Env) -> Scenes:
    dialog = opened(env, "importHistoryAction", "ImportHistoryDialog")
    yield "import_history", dialog
    dialog.close()


def declarations_view(env: Env) -> Scenes:
    from openlic_desktop.services import declarations

    declarations.prepare(env.ws, env.ready_ids + [env.blocked_id])
    dialog = opened(env, "declarationsViewAction", "DeclarationsDialog")
    dialog.table.selectRow(0)
    yield "declarations", dialog
    dialog.close()
    env.settle()
    tab_editor_scenes = _declaration_tab(env)
    yield from tab_editor_scenes
    declarations.discard(env.ws, env.ready_ids + [env.blocked_id])


def _declaration_tab(env: Env) -> Scenes:
    """The patent editor on its 开放许可声明 tab, for a draft that lacks things."""
    env.select([env.blocked_id])
    editor = opened(env, "openPatentAction", "PatentEditor")
    env.settle()
    tab = editor.tab("declaration")
    editor.tabs.setCurrentWidget(tab)
    yield "declaration_tab", editor
    editor.close()


def declaration_step(env: Env) -> Scenes:
    from PySide6.QtCore import Qt

    from openlic_desktop.gui.declarations.step_dialog import ACTIONS, DeclarationStepDialog

    for action in ACTIONS:
        dialog = DeclarationStepDialog(action, 3, env.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # gone when closed: the next window is new
        dialog.show()
        yield f"declaration_step_{action}", dialog
        dialog.close()


def fee_notes(env: Env) -> Scenes:
    env.select(env.ready_ids)
    dialog = opened(env, "feeNotesAction", "FeeNoteDialog")
    yield "fee_notes", dialog
def evidence_folder(env: Env) -> Scenes:
    from evidence_pdfs import evaluation_report

    number = portfolio.detail_by_id(env.ws, env.blocked_id).facts.number.canonical
    folder = env.tmp / "评价报告"
    folder.mkdir(exist_ok=True)
    (folder / f"ZL{number}_评价报告.pdf").write_bytes(evaluation_report(number, "PJ2026-0001", "2026年5月1日"))
    (folder / "扫描件.pdf").write_bytes(evaluation_report(number, conclusion=""))
    assert env.window.handle_dropped_files([folder])
    dialog = env.window.evidence_dialog
    env.settle()
    yield "evidence_folder", dialog
    dialog.close()


def consents(env: Env) -> Scenes:
    dialog = opened(env, "consentsAction", "ConsentsDialog")
    yield "consents", dialog
    dialog.close()


def profiles(env: Env) -> Scenes:
    dialog = opened(env, "profilesAction", "ProfilesDialog")
    yield "profiles", dialog
    dialog.close()


def new_batch(env: Env) -> Scenes:
    env.select(env.ready_ids)
    dialog = opened(env, "newBatchAction", "NewBatchDialog")
    dialog.profile.setCurrentIndex(dialog.profile.findData("zhejiang"))  # a profile without a bureau e-mail
    yield "new_batch", dialog
    dialog.reject()


def remaining(env: Env) -> Scenes:
    from openlic_desktop.gui.batchwork.remaining_view import RemainingDialog

    dialog = RemainingDialog(env.window, "2026年第一批")
    dialog.show()
    env.settle()
    yield "what_is_left", dialog
    dialog.close()


def add_patent(env: Env) -> Scenes:
    dialog = opened(env, "addPatentAction", "AddPatentDialog")
    yield "add_patent", dialog
    dialog.reject()


FACTORIES: dict[str, Callable[[Env], Scenes]] = {
    "AddPatentDialog": add_patent,
    "MainWindow": main_window,
    "AboutDialog": about,
    "PatentEditor": patent_editor,
    "PricingBatchDialog": pricing_batch,
    "ContractDialog": contract_dialog,
    "LicenseesDialog": licensees,
    "LicenseeEditDialog": licensee_edit,
    "PatenteesDialog": patentees,
    "PatenteeEditDialog": patentee_edit,
    "LicencesDialog": licences,
    "LicenceAddDialog": licence_add,
    "PaymentDialog": payment,
    "DeadlinesDialog": deadlines,
    "ExportWizard": export_wizard,
    "BatchesDialog": batches_view,
    "SmtpDialog": smtp,
    "StaffDialog": staff,
    "RestoreBackupDialog": restore_backup,
    "WelcomeDialog": welcome,
    "OfficeDialog": office,
    "GuideDialog": guide,
    "CrashDialog": crash,
    "ImportWizard": import_wizard,
    "ImportHistoryDialog": import_history,
    "DeclarationsDialog": declarations_view,
    "DeclarationStepDialog": declaration_step,
    "FeeNoteDialog": fee_notes,
    "EvidenceFolderDialog": evidence_folder,
    "ConsentsDialog": consents,
    "ProfilesDialog": profiles,
    "NewBatchDialog": new_batch,
    "RemainingDialog": remaining,
}


# --- the portfolio the walk runs on -------------------------------------------------------------------------------
def prepare(ws, tmp: Path) -> tuple[list[int], int]:
    """Some of everything on the demo portfolio; returns (ready patent ids, a blocked utility model's id)."""
    numbers = P.make_ready(ws, tmp, inventions=2, utility=1)
    ready = [portfolio.detail(ws, n).id for n in numbers]
    blocked = next(f for f in P.candidates(ws, "utility_model") if f.number.canonical not in numbers)
    for name, uscc in (("杭州示例科技有限公司", "91350100M000100Y30"), ("宁波样例材料有限公司", None)):
        if uscc is None:
            from openlic_desktop.domain.identifiers import uscc_check_character

            uscc = "91110108MA0100000" + uscc_check_character("91110108MA0100000")
        licensee_service.add_licensee(ws, name, uscc, address="浙江省杭州市西湖区文三路1号", contact="王经理 0571-88880000",
                               legal_representative="张三", size="small")
    licence_service.add_licence(ws, numbers[0], "91350100M000100Y30", date.today())
    batches.create_batch(ws, "2026年第一批", "general", ready)
    if ws.path is not None:
        backup.daily_backup(ws.path)
    return ready, portfolio.detail(ws, blocked.number.canonical).id
