"""The dashboard on the portfolio with known figures (statistics_samples): its tables and charts show the known
counts, a bar / slice / row opens exactly its patents in the table, exports (PDF through Qt's writer, the workbook)
hold the same figures, a refresh after a change equals a fresh count, dark palettes are followed."""

from __future__ import annotations

import sys
import threading
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCharts import QAbstractBarSeries, QLineSeries, QPieSeries
from PySide6.QtGui import QColor, QPalette

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
import statistics_samples as S
from gui_helpers import settle

from openlic_desktop.domain.statistics import label
from openlic_desktop.gui import ops
from openlic_desktop.gui.app import install_translators
from openlic_desktop.gui.dashboard.dashboard_view import FiguresModel
from openlic_desktop.gui.dashboard.figures import cards
from openlic_desktop.gui.main_window import MainWindow
from openlic_desktop.services import (
    annual_fees,
    encumbrances,
    portfolio,
    readiness,
    statistics,
    statistics_count,
    statistics_store,
)


@pytest.fixture
def chinese(qapp):
    install_translators("zh")
    yield
    install_translators("en")


@pytest.fixture
def known(qtbot, ws, tmp_path, chinese):
    numbers = S.build(ws, tmp_path)
    window = MainWindow(ws, lang="zh")
    qtbot.addWidget(window)
    window.resize(1300, 900)
    window.show()
    view = window.dashboard
    view.show_stats(statistics.compute(ws, today=S.TODAY))
    yield window, view, numbers
    _settle(qtbot, window)
    window.ws = None


def _settle(qtbot, window):
    """Wait for the workers (the window's, the table's searches) and let their clean-up timers run while the
    window still exists (a timer left behind would fire in a later test, on a deleted thread pool)."""
    window.model.search_tasks.wait(20000)
    window.model.texts_tasks.wait(20000)
    window.tasks.wait(20000)
    qtbot.waitUntil(lambda: not window.tasks._live and not window.model.search_tasks._live
                    and not window.model.texts_tasks._live, timeout=10000)


def _rows(view, key):
    return {row.text: row.values for row in view.cards[key].card.rows}


def _series(view, key):
    return view.cards[key].view.chart().series()


def _fees(stats):
    """The fees ahead as the card counts them: each fee's patent, day, year, schedule fee, reduction (and whose),
    surcharge and the amount to pay."""
    return [(f.application_number, f.due, f.year, f.fee, f.reduction, f.reduction_source, f.surcharge, f.amount)
            for f in stats.fees_due]


def _ahead(view, stats):
    """The fees-ahead card's rows as shown, and as a fresh count draws them."""
    fresh = next(c for c in cards(stats, "zh") if c.key == "ahead")
    return view.cards["ahead"].card.rows, fresh.rows


def test_tables_show_the_known_figures(known):
    _window, view, _numbers = known
    assert view.summary.text() == "截至 2026-11-26 · 专利 13 件"
    funnel = _rows(view, "funnel")
    assert {key: funnel[label("stage", key)][0] for key in S.EXPECTED["funnel"]} == S.EXPECTED["funnel"]
    types = _rows(view, "type")
    assert {v: (types[label("type", v)][0], types[label("type", v)][1]) for v in S.EXPECTED["type"]} == \
        S.EXPECTED["type"]
    assert {k: v[0] for k, v in _rows(view, "department").items()} == {
        label("department", d): n for d, n in S.EXPECTED["department"].items()}
    quarters = _rows(view, "quarters")
    assert [(q, n) for q, n, _ in S.EXPECTED["by_quarter"]] == [
        (q, quarters[label("quarter", q)][0]) for q, _n, _r in S.EXPECTED["by_quarter"]]
    assert quarters["2026年第1季度"][1] == "50,000.00"
    assert _rows(view, "sizes")["其中中小微企业"] == S.EXPECTED["sme"]
    ahead = _rows(view, "ahead")
    assert ahead["全部应缴年费"][0] == 3 and ahead["未来 90 天届满"][0] == 1
    offers = _rows(view, "offers")
    assert offers["免费"] == (1,) and offers["其中阶段性免费"] == (1,)


def test_charts_draw_the_numbers_of_their_tables(known):
    _window, view, _numbers = known
    for key, widget in view.cards.items():
        card = widget.card
        shown = card.rows[:card.chart_rows] if card.chart_rows is not None else card.rows
        for series in _series(view, key):
            if isinstance(series, QAbstractBarSeries):
                for bar_set in series.barSets():
                    column = card.heads.index(bar_set.label())
                    values = sorted(bar_set.at(i) for i in range(bar_set.count()))
                    assert values == sorted(float(str(r.values[column - 1]).replace(",", "")) for r in shown), key
                assert series.isLabelsVisible()
            elif isinstance(series, QPieSeries):
                assert [s.value() for s in series.slices()] == [float(r.values[0]) for r in shown]
                assert all(s.label().endswith(str(int(s.value()))) for s in series.slices())
            elif isinstance(series, QLineSeries):
                assert [p.y() for p in series.points()] == [float(r.values[1].replace(",", "")) for r in shown]


def test_a_bar_opens_exactly_its_patents(known, qtbot):
    window, view, _numbers = known
    window.central_tabs.setCurrentIndex(1)
    [series] = _series(view, "funnel")
    bar_set = series.barSets()[0]
    # the funnel's first stage is on top: find the bar of "eligible" by its value
    index = [bar_set.at(i) for i in range(bar_set.count())].index(S.EXPECTED["funnel"]["eligible"])
    series.clicked.emit(index, bar_set)
    assert window.central_tabs.currentIndex() == 0
    settle(qtbot, window)  # the table asks for its patents off the GUI thread
    assert window.model.rowCount() == S.EXPECTED["funnel"]["eligible"]
    assert "看板：符合开放许可条件" in window.count_label.text()
    window.clear_filters()
    settle(qtbot, window)
    assert window.model.rowCount() == 13 and "看板" not in window.count_label.text()


def test_a_slice_and_a_table_row_open_their_patents(known, qtbot):
    window, view, numbers = known
    [pie] = _series(view, "sizes")
    small = next(s for s in pie.slices() if s.label().startswith("小型企业"))
    small.clicked.emit()
    settle(qtbot, window)
    shown = {window.model.index(r, 0).data() for r in range(window.model.rowCount())}
    assert shown == {numbers["P6"], numbers["P11"]}
    widget = view.cards["department"]
    row = next(i for i, r in enumerate(widget.card.rows) if r.text == "院系未填")
    widget.table.clicked.emit(widget.model.index(row, 0))
    settle(qtbot, window)
    assert [window.model.index(r, 0).data() for r in range(window.model.rowCount())] == [numbers["P8"]]
    ahead = view.cards["ahead"]
    row = next(i for i, r in enumerate(ahead.card.rows) if r.text == "全部应缴年费")
    ahead.table.clicked.emit(ahead.model.index(row, 1))
    settle(qtbot, window)
    assert window.model.rowCount() == 3


def test_figures_model_passes_modeltester(known, qtmodeltester):
    _window, view, _numbers = known
    for widget in view.cards.values():
        qtmodeltester.check(widget.model)
    empty = FiguresModel()
    qtmodeltester.check(empty)


def test_pdf_through_qt_and_workbook_from_the_dashboard(known, qtbot, tmp_path):
    from PySide6.QtPdf import QPdfDocument

    window, view, _numbers = known
    window.central_tabs.setCurrentIndex(1)
    window.tasks.wait(20000)  # the tab's own count (today's) done; the known figures are put back
    view.show_stats(statistics.compute(window.ws, today=S.TODAY))
    pdf = view.export_pdf(tmp_path / "看板.pdf")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    document = QPdfDocument()
    document.load(str(pdf))
    assert document.pageCount() == 5  # nine cards, two a page
    page_text = document.getAllText(0).text()
    assert "专利组合看板" in page_text and "符合开放许可条件" in page_text
    assert not list(tmp_path.glob(".看板.pdf*"))  # no temporary file left
    view.export_workbook(tmp_path / "统计表.xlsx")
    qtbot.waitUntil(lambda: view.last_export == tmp_path / "统计表.xlsx", timeout=20000)
    book = openpyxl.load_workbook(tmp_path / "统计表.xlsx")
    assert book["领导摘要"]["B5"].value == 13


def test_refresh_after_a_change_equals_a_fresh_count(known, qtbot):
    window, view, numbers = known
    view.show_stats(statistics.compute(window.ws))  # as of today, as the dashboard counts
    before = dict(view.stats.funnel())
    encumbrances.add_encumbrance(window.ws, numbers["P1"], "pledge", party="某银行")
    pid = portfolio.detail(window.ws, numbers["P1"]).id
    view.patents_changed([pid])
    qtbot.waitUntil(lambda: not view.busy, timeout=20000)
    _settle(qtbot, window)
    fresh = statistics.compute(window.ws)
    assert view.stats.funnel() == fresh.funnel() and view.stats.standings == fresh.standings
    assert dict(view.stats.funnel())["eligible"] <= before["eligible"]
    # the fees ahead too: the changed patent's fee counted again, with its open-licence reduction
    assert _fees(view.stats) == _fees(fresh)
    [p1_fee] = [f for f in _fees(view.stats) if f[0] == numbers["P1"]]
    assert p1_fee[4:6] == (S.EXPECTED["fees_due"]["P1"][3], "open-licence")
    ahead_shown, ahead_counted = _ahead(view, fresh)
    assert ahead_shown == ahead_counted


def test_the_tab_counts_when_shown_and_remembers_itself(qtbot, ws, tmp_path):
    S.build(ws, tmp_path)
    window = MainWindow(ws, lang="en")
    qtbot.addWidget(window)
    window.show()
    assert window.dashboard.stats is None
    window.central_tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.dashboard.stats is not None and not window.dashboard.busy, timeout=20000)
    assert window.dashboard.stats.patents == 13
    assert window.dashboard.summary.text().endswith("13 patents")
    assert next(iter(window.dashboard.cards.values())).card.title == "Open licensing: stage reached"
    _settle(qtbot, window)
    counted = window.dashboard.stats
    window.close()
    # the first window saved its count after drawing it: the second reads it back instead of counting
    assert len(list(statistics_store.folder().glob("*.json"))) == 1
    fills, loaded = [], []
    with pytest.MonkeyPatch.context() as patch:
        real_fill, real_counting = statistics_count.fill, statistics.counting
        patch.setattr(statistics_count, "fill", lambda *args: fills.append(args) or real_fill(*args))
        patch.setattr(statistics, "counting", lambda: loaded.append(threading.current_thread()) or real_counting())
        again = MainWindow(ws, lang="en")
        qtbot.addWidget(again)
        assert again.central_tabs.currentIndex() == 1
        qtbot.waitUntil(lambda: again.dashboard.stats is not None and not again.dashboard.busy, timeout=20000)
        _settle(qtbot, again)
    assert fills == [] and again.dashboard.stats == counted and again.dashboard.stats is not counted
    # read back, the counting rules are still loaded once it is drawn, on the worker: the first refresh after a
    # batch action does not wait for them
    assert len(loaded) == 1 and loaded[0] is not threading.main_thread()
    window.ws = again.ws = None


def test_charts_follow_a_dark_palette(known):
    _window, view, _numbers = known
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#15161a"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    view.setPalette(dark)
    for widget in view.cards.values():
        chart = widget.view.chart()
        assert chart.backgroundBrush().color() == QColor("#15161a")
        assert chart.titleBrush().color() == QColor("#e8eaed")
        for axis in chart.axes():
            assert axis.labelsColor() == QColor("#e8eaed")


def test_cards_in_english(known):
    _window, view, _numbers = known
    english = cards(view.stats, "en")
    assert [row.text for row in english[0].rows][:2] == ["In force", "Eligible"]


def test_figures_follow_a_batch_action_when_shown_again(known, qtbot):
    window, view, numbers = known
    view.show_stats(statistics.compute(window.ws))  # as of today, as the dashboard counts
    shown = view.stats
    ws, pid = window.ws, portfolio.detail(window.ws, numbers["P13"]).id
    charts = {key: widget.view.chart() for key, widget in view.cards.items()}
    # a batch action, as the table's Batch menu runs it: an op that says what it changed
    ops.Op(window, lambda: readiness.confirm_commitments(ws, [pid], source="gui"),
           changes=ops.Changes.of([pid], ops.COMMITMENTS)).run()
    qtbot.waitUntil(lambda: view.stale, timeout=20000)
    # and its fee reduction recorded (85 %): the overdue fee ahead is reduced
    ops.Op(window, lambda: annual_fees.record_reduction(ws, [pid], "85", start=S.TODAY.replace(month=1, day=1),
                                                        basis="费减备案"),
           changes=ops.Changes.of([pid], ops.FACTS)).run()
    window.tasks.wait(20000)
    window.central_tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not view.busy and not view.stale, timeout=20000)
    _settle(qtbot, window)
    assert view.stats is not shown and view.stats.audit_mark > shown.audit_mark
    fresh = statistics.compute(window.ws)
    assert view.stats.funnel() == fresh.funnel() and view.stats.standings == fresh.standings
    # and the fees ahead (amounts, reductions, surcharges): the batch's patent's overdue fee, now reduced
    assert _fees(view.stats) == _fees(fresh)
    [p13_fee] = [f for f in _fees(view.stats) if f[0] == numbers["P13"]]
    assert p13_fee[3:6] == (Decimal("2000.00"), Decimal("1700.00"), "recorded") and p13_fee[6] > 0
    assert p13_fee not in _fees(shown)
    ahead_shown, ahead_counted = _ahead(view, fresh)
    assert ahead_shown == ahead_counted
    committed = next(r for r in view.cards["funnel"].card.rows if r.opens == ("stage", "committed"))
    assert committed.values == (dict(fresh.funnel())["committed"],)
    # only the cards whose figures changed were drawn again: the others keep their charts
    assert {key: widget.card for key, widget in view.cards.items()} == {c.key: c for c in cards(view.stats, "zh")}
    assert {key for key, chart in charts.items() if view.cards[key].view.chart() is not chart} == {"funnel", "ahead"}


def test_a_change_of_settings_counts_everything_again(known, qtbot):
    window, view, _numbers = known
    view.show_stats(statistics.compute(window.ws))
    window.central_tabs.setCurrentIndex(1)
    _settle(qtbot, window)
    shown = view.stats
    window.tasks.changed.emit(ops.Changes.of((), ops.SETTINGS))  # e.g. the office's name: co-owners change
    qtbot.waitUntil(lambda: not view.busy and view.stats is not shown, timeout=20000)
    _settle(qtbot, window)
    assert not view.recount and view.stats.audit_mark == shown.audit_mark


def test_a_count_of_a_database_closed_meanwhile_is_not_saved_through_it(qtbot, ws, tmp_path):
    """Another database opened while a fresh count of the first waits to be saved: the save would read the first's
    data signature again through its closed workspace, reconnecting to (and holding open) the old file."""
    from sqlalchemy import event

    S.build(ws, tmp_path)
    window = MainWindow(ws, lang="en")
    qtbot.addWidget(window)
    window.show()
    view = window.dashboard
    view.load()
    window.tasks.wait(20000)  # counted; the figures (and the save after drawing them) not yet delivered
    assert view.busy
    connects = []
    event.listen(ws.db.engine, "connect", lambda *_args: connects.append(1))
    assert window.open_database(str(tmp_path / "other.sqlite3"))
    qtbot.waitUntil(lambda: not view.busy, timeout=20000)
    _settle(qtbot, window)
    assert connects == [] and list(statistics_store.folder().glob("*.json")) == []
    assert view.stats is None  # the first database's figures are not drawn over the second's
    window.ws.close()
    window.ws = None


def _counting_threads(patch) -> list:
    """The threads that count (services.statistics_count.fill), as they count."""
    threads: list = []
    real_fill = statistics_count.fill
    patch.setattr(statistics_count, "fill", lambda *args: threads.append(threading.current_thread())
                  or real_fill(*args))
    return threads


def _held(patch, release: threading.Event, ended: list | None = None,
          entered: threading.Event | None = None) -> None:
    """Counting (services.statistics_count.fill) waits for `release` (and sets `entered` as it starts to wait);
    how each count ended goes to `ended`."""
    real_fill = statistics_count.fill

    def held(*args):
        if entered is not None:
            entered.set()
        assert release.wait(20)
        try:
            real_fill(*args)
        except BaseException as exc:
            if ended is not None:
                ended.append(exc)
            raise
        if ended is not None:
            ended.append(None)

    patch.setattr(statistics_count, "fill", held)


def _opened_counting_ahead(qtbot, ws):
    """A window on `ws` with the table shown, once its count ahead is under way: (window, dashboard)."""
    window = MainWindow(ws, lang="en")
    qtbot.addWidget(window)
    window.show()
    view = window.dashboard
    qtbot.waitUntil(lambda: view._ahead is not None, timeout=20000)
    return window, view


def _outcomes(patch, ended: list) -> None:
    """How each call of services.statistics.compute ended (its figures, or what it raised) goes to `ended`."""
    real_compute = statistics.compute

    def compute(*args, **kwargs):
        try:
            stats = real_compute(*args, **kwargs)
        except BaseException as exc:
            ended.append(exc)
            raise
        ended.append(stats)
        return stats

    patch.setattr(statistics, "compute", compute)


def test_the_figures_are_counted_ahead_and_drawn_when_the_tab_opens(qtbot, ws, tmp_path):
    S.build(ws, tmp_path)
    with pytest.MonkeyPatch.context() as patch:
        threads = _counting_threads(patch)
        window = MainWindow(ws, lang="en")
        qtbot.addWidget(window)
        window.show()
        view = window.dashboard
        qtbot.waitUntil(lambda: len(threads) == 1 and window.tasks.idle(), timeout=20000)
        # counted (and saved) on the window's worker, not drawn while the table is shown
        assert threads[0] is not threading.main_thread() and view.stats is None and not view.cards
        assert len(list(statistics_store.folder().glob("*.json"))) == 1
        window.central_tabs.setCurrentIndex(1)
        assert not view.busy and view.stats is not None and view.cards  # drawn at once, nothing counted again
        _settle(qtbot, window)
    assert len(threads) == 1
    fresh = statistics.compute(ws)
    assert view.stats == fresh and view.summary.text().endswith("13 patents")
    window.ws = None


def test_shown_while_counting_ahead_the_count_ahead_is_drawn(qtbot, ws, tmp_path):
    S.build(ws, tmp_path)
    release = threading.Event()
    ended: list = []
    with pytest.MonkeyPatch.context() as patch:
        _held(patch, release, ended)
        window, view = _opened_counting_ahead(qtbot, ws)
        window.central_tabs.setCurrentIndex(1)  # no second count is started: the one ahead is drawn
        assert view.busy and view.summary.text() == "Counting…"
        release.set()
        qtbot.waitUntil(lambda: not view.busy and view.stats is not None, timeout=20000)
        _settle(qtbot, window)
    assert ended == [None] and view.cards and view.stats == statistics.compute(ws)
    window.ws = None


def test_a_change_announced_before_the_count_ahead_arrives_is_brought_in(qtbot, ws, tmp_path):
    numbers = S.build(ws, tmp_path)
    release = threading.Event()
    with pytest.MonkeyPatch.context() as patch:
        _held(patch, release)
        window, view = _opened_counting_ahead(qtbot, ws)
        release.set()
        window.tasks.wait(20000)  # counted, its figures not yet delivered
        counted_mark = statistics.compute(ws).audit_mark
        pid = portfolio.detail(ws, numbers["P13"]).id
        readiness.confirm_commitments(ws, [pid], source="gui")  # as an op does, and then announces it
        window.tasks.changed.emit(ops.Changes.of([pid], ops.COMMITMENTS))
        qtbot.waitUntil(lambda: view._ahead is None, timeout=20000)
        _settle(qtbot, window)
        assert view.stats is None and view.stale
        window.central_tabs.setCurrentIndex(1)  # drawn, then brought up to date from the audit trail
        qtbot.waitUntil(lambda: not view.busy and not view.stale, timeout=20000)
        _settle(qtbot, window)
    fresh = statistics.compute(ws)
    assert view.stats.audit_mark == fresh.audit_mark > counted_mark
    assert view.stats.funnel() == fresh.funnel() and view.stats.standings == fresh.standings
    window.ws = None


def test_opening_another_database_cancels_the_count_ahead(qtbot, ws, tmp_path):
    from sqlalchemy import event

    S.build(ws, tmp_path)
    release = threading.Event()
    ended: list = []
    with pytest.MonkeyPatch.context() as patch:
        _held(patch, release, ended)
        window, view = _opened_counting_ahead(qtbot, ws)
        connects = []
        event.listen(ws.db.engine, "connect", lambda *_args: connects.append(1))
        assert window.open_database(str(tmp_path / "other.sqlite3"))
        release.set()
        qtbot.waitUntil(lambda: len(ended) == 2 and window.tasks.idle(), timeout=20000)
        _settle(qtbot, window)
    # the first database's count stopped at its next step, through no new connection; the second's was counted
    assert isinstance(ended[0], InterruptedError) and ended[1] is None and connects == []
    assert len(list(statistics_store.folder().glob("*.json"))) == 1
    window.central_tabs.setCurrentIndex(1)
    assert not view.busy and view.stats.patents == 0
    _settle(qtbot, window)
    window.ws.close()
    window.ws = None


def test_the_count_ahead_gives_way_to_work_queued_behind_it(qtbot, ws, tmp_path):
    S.build(ws, tmp_path)
    release = threading.Event()
    ended: list = []
    with pytest.MonkeyPatch.context() as patch:
        _held(patch, release)
        _outcomes(patch, ended)
        window, view = _opened_counting_ahead(qtbot, ws)
        ops.Op(window, lambda: ended.append("clicked")).run()  # e.g. a patent's detail pane, read on the worker
        release.set()
        qtbot.waitUntil(lambda: len(ended) == 3 and window.tasks.idle(), timeout=20000)
        _settle(qtbot, window)
    # it stopped at its next step, the other job ran, then it counted again (and was not drawn: the table is shown)
    assert isinstance(ended[0], InterruptedError) and ended[1] == "clicked" and ended[2].patents == 13
    assert view.stats is None and not view.cards
    window.central_tabs.setCurrentIndex(1)
    assert not view.busy and view.stats == ended[2] == statistics.compute(ws)
    _settle(qtbot, window)
    window.ws = None



def test_the_count_ahead_gives_way_to_the_user_only_and_housekeeping_waits_behind_it(qtbot, ws, tmp_path):
    """The daily backup (a copy of the whole file) and the audit check are queued while the count ahead runs: the
    count goes on and they run after it. A patent clicked meanwhile goes first; the count, stopped for it, starts
    again before the housekeeping; every job runs once."""
    from openlic_desktop.gui.dialogs import first_start
    from openlic_desktop.gui.readiness import readiness_actions
    from openlic_desktop.services import audit_trail, backup

    S.build(ws, tmp_path)
    release, entered = threading.Event(), threading.Event()
    ended: list = []

    def names() -> list:
        return [e if isinstance(e, str) else "stopped" if isinstance(e, InterruptedError) else "counted"
                for e in ended]

    with pytest.MonkeyPatch.context() as patch:
        _held(patch, release, entered=entered)
        _outcomes(patch, ended)
        real_backup, real_verify = backup.daily_backup, audit_trail.verify
        patch.setattr(backup, "daily_backup", lambda *a, **k: ended.append("backup") or real_backup(*a, **k))
        patch.setattr(audit_trail, "verify", lambda *a, **k: ended.append("audit") or real_verify(*a, **k))
        window, view = _opened_counting_ahead(qtbot, ws)
        qtbot.waitUntil(lambda: "audit" in ended, timeout=20000)  # the window's own check, queued before the count
        ended.clear()
        first_start.backup_now(window)  # as 1.5 s after the window opened
        readiness_actions.check_audit(window)
        release.set()
        qtbot.waitUntil(lambda: "audit" in ended and window.tasks.idle(), timeout=20000)
        assert names() == ["counted", "backup", "audit"]  # not stopped for the housekeeping behind it
        assert ended[0].patents == 13 and len(list(backup.list_backups(ws.path))) == 1

        ended.clear()
        release.clear()
        for saved in statistics_store.folder().glob("*.json"):  # counted anew, not read back
            saved.unlink()
        view.stats = None
        entered.clear()
        view.count_ahead()
        assert entered.wait(20)  # counting on the worker
        first_start.backup_now(window)  # (today's copy exists: nothing copied, the job still runs)
        readiness_actions.check_audit(window)
        ops.Op(window, lambda: ended.append("clicked")).run()  # e.g. a patent's detail pane
        release.set()
        qtbot.waitUntil(lambda: "audit" in ended and window.tasks.idle(), timeout=20000)
        _settle(qtbot, window)
    assert names() == ["stopped", "clicked", "counted", "backup", "audit"]
    assert ended[2].patents == 13
    window.central_tabs.setCurrentIndex(1)
    assert not view.busy and view.stats == ended[2]
    _settle(qtbot, window)
    window.ws = None
