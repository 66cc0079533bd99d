"""The collector pause nests, survives errors and restores exactly the state it found."""

from __future__ import annotations

import gc
import threading

import pytest

from openlic_desktop.support.gc_pause import collector_paused


def test_paused_inside_restored_after_even_on_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_pauses_in_two_threads():
    inside, release = threading.Event(), threading.Event()

    def other():
        with collector_paused():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=other)
    worker.start()
    inside.wait(5)
    with collector_paused():
        pass
    assert not gc.isenabled()  # the other thread's pause is still on
    release.set()
    worker.join(5)
    assert gc.isenabled()


def test_an_import_leaves_the_collector_on(ws, tmp_path):
    import intake_samples as S

    from openlic_desktop.services import importing

    importing.run(ws, S.write_xlsx(tmp_path / "a.xlsx", S.messy_table()))
    assert gc.isenabled()


@pytest.mark.parametrize("streamed", [False, True])
def test_young_passes_during_an_import_only_for_a_streamed_sheet(ws, tmp_path, monkeypatch, streamed):
    """openpyxl's streamed rows leave reference cycles: a young-generation pass per chunk keeps memory flat. Rows
    python-calamine holds leave none, and the pass would only walk what the import keeps alive."""
    import intake_samples as S

    from openlic_desktop.intake import readers
    from openlic_desktop.services import importing

    if streamed:
        monkeypatch.setattr(readers, "HOLD_MAX_CELLS", 10)
    passes: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start" and not gc.isenabled():  # a pass asked for while the import pauses the collector
            passes.append(info["generation"])

    gc.callbacks.append(count)
    try:
        result = importing.run(ws, S.write_xlsx(tmp_path / "a.xlsx", S.messy_table()), chunk_rows=2)
    finally:
        gc.callbacks.remove(count)
    assert result.created == len(S.EXPECTED_CREATED)
    assert (passes.count(0) > 0) is streamed, passes


class _Made:
    """An object the collector tracks (an instance with a __dict__), to find in its generations."""


def _generation_of(obj) -> int | None:
    return next((g for g in range(3) if any(o is obj for o in gc.get_objects(generation=g))), None)


@pytest.mark.parametrize("promote", [False, True])
def test_what_a_promoting_pause_made_goes_to_the_oldest_generation(promote):
    """Promoted, what was made during the pause is never walked by the young passes after it; else it is young."""
    gc.collect()
    with collector_paused(promote=promote):
        made = _Made()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert _generation_of(made) == (2 if promote else 0)


def test_a_promoting_pause_inside_another_promotes_when_the_last_one_ends():
    gc.collect()
    with collector_paused():
        with collector_paused(promote=True):
            made = _Made()
        assert _generation_of(made) == 0  # the collector is still paused: nothing moved yet
    assert _generation_of(made) == 2


def test_objects_frozen_by_someone_else_stay_frozen():
    gc.collect()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused(promote=True):
            made = _Made()
        assert gc.get_freeze_count() == frozen  # not let go of by the promotion
        assert _generation_of(made) == 0
    finally:
        gc.unfreeze()
