"""Operations and the undo history: work on the worker, changes announced after success only, a refused undo
leaves the stack where it was, and a job's result is dropped when its window is gone."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from openlic_desktop.gui import ops
from openlic_desktop.gui.ops import Changes, Op
from openlic_desktop.gui.tasks import TaskRunner
from openlic_desktop.gui.undo import UndoHistory
from openlic_desktop.support.errors import OpenLicError


class Host(QWidget):
    """What an op needs of its window: a task runner (and an error handler for failures without their own)."""

    def __init__(self) -> None:
        super().__init__()
        self.tasks = TaskRunner(self)
        self.errors: list[BaseException] = []

    def show_error(self, exc, trace=""):
        self.errors.append(exc)


def idle(qtbot, host) -> None:
    qtbot.waitUntil(host.tasks.idle, timeout=10000)


def test_changes_name_patents_and_aspects():
    one = Changes.of([1, 2], ops.COMMITMENTS)
    assert one.touches(1) and not one.touches(3) and not one.touches(None)
    assert one.any_of({ops.COMMITMENTS, ops.FACTS}) and not one.any_of({ops.PRICING})
    assert Changes.of((), ops.SETTINGS).any_of({ops.PRICING})  # settings change every reading
    merged = one | Changes.of([3], ops.PRICING, id_list=True)
    assert merged.patents == {1, 2, 3} and merged.aspects == {ops.COMMITMENTS, ops.PRICING} and merged.id_list
    assert Changes().empty and not one.empty and Changes.of((), every_patent=True).touches(99)


def test_op_runs_off_the_gui_thread_and_announces_changes_before_success(qtbot):
    host = Host()
    qtbot.addWidget(host)
    order, threads = [], []
    host.tasks.changed.connect(lambda changes: order.append(("changed", set(changes.patents))))

    def work():
        threads.append(QThread.currentThread())
        return 42

    Op(host, work, changes=Changes.of([7], ops.FACTS)).success(lambda r: order.append(("success", r))).run()
    idle(qtbot, host)
    assert order == [("changed", {7}), ("success", 42)]
    assert threads and threads[0] is not host.thread()


def test_a_failed_op_announces_nothing(qtbot):
    host = Host()
    qtbot.addWidget(host)
    seen = []
    host.tasks.changed.connect(seen.append)

    def work():
        raise OpenLicError("PATENT_NOT_FOUND", value="1")

    Op(host, work, changes=Changes.of([1], ops.FACTS)).run()  # no failure handler: the window's show_error
    idle(qtbot, host)
    assert seen == [] and isinstance(host.errors[0], OpenLicError)


def test_changes_may_depend_on_the_result(qtbot):
    host = Host()
    qtbot.addWidget(host)
    seen = []
    host.tasks.changed.connect(seen.append)
    Op(host, lambda: [4, 5], changes=lambda ids: Changes.of(ids, id_list=True)).run()
    idle(qtbot, host)
    assert seen[0].patents == {4, 5} and seen[0].id_list


def test_undo_redo_move_the_stack_only_after_the_service_call(qtbot):
    host = Host()
    qtbot.addWidget(host)
    history = UndoHistory(host, "en")
    state = {"value": 0}
    undo, redo = history.actions(host)

    def do():
        state["value"] += 1
        return state["value"]

    def refuse_once(result):
        if state.setdefault("refused", False) is False:
            state["refused"] = True
            raise OpenLicError("PATENT_NOT_FOUND", value="x")
        state["value"] -= 1

    messages = []
    history.failed.connect(messages.append)
    history.push(host, "Add one", do, refuse_once, Changes.of([1], ops.FACTS))
    idle(qtbot, host)
    assert state["value"] == 1 and history.stack.count() == 1 and undo.text() == "Undo Add one"
    assert history.undo(host)
    idle(qtbot, host)
    assert history.stack.index() == 1 and messages  # refused: the stack did not move
    assert history.undo(host)
    idle(qtbot, host)
    assert state["value"] == 0 and history.stack.index() == 0 and redo.isEnabled()
    assert history.redo(host)
    idle(qtbot, host)
    assert state["value"] == 1 and history.stack.index() == 1


def test_an_edit_that_changed_nothing_is_not_recorded(qtbot):
    host = Host()
    qtbot.addWidget(host)
    history = UndoHistory(host, "en")
    history.push(host, "Nothing", list, lambda _r: None, Changes.of([1], ops.FACTS), keep=bool)
    idle(qtbot, host)
    assert history.stack.count() == 0


def test_result_after_the_window_is_gone_is_dropped(qtbot):
    """The race the runner had: a job finishing after its window was deleted called into a deleted pool."""
    host = Host()
    release = threading.Event()
    got = []

    def slow(_progress):
        release.wait(5)
        return 1

    host.tasks.run(slow, on_done=got.append)
    threading.Timer(0.1, release.set).start()  # the job ends while the window is being deleted
    host.deleteLater()
    qtbot.wait(300)
    assert got == []
