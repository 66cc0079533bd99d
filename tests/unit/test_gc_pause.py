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
