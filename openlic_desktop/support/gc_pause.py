"""Pausing Python's cyclic garbage collector during a bulk job.

An import creates a few objects per cell — lists, dicts, tuples, strings, dates — none of them in reference cycles,
so reference counting frees them as soon as a chunk is written. The cyclic collector meanwhile runs a pass every
700 allocations and, as the long-lived structures of the job grow (the numbers seen, the parser's memos), its
older-generation passes walk more and more live objects: measured on 50,000 rows, 3.15 s with it and 2.65 s
without. Pauses nest and may overlap between threads; the collector is restored when the last one ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = True


@contextmanager
def collector_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
