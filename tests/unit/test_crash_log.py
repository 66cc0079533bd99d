"""A native crash leaves its trace in the log file (support.logs: faulthandler writes there), also after the log
has rotated: the GUI window may vanish, but the log says why and where."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CRASH = """
import logging, faulthandler
from openlic_desktop.support import logs
logs.configure()
log = logging.getLogger("openlic_desktop.test")
log.info("before the crash")
if {rotate}:
    handler = logging.getLogger("openlic_desktop").handlers[0]
    handler.doRollover()
    log.info("after the rollover")
def deep_in_the_import():
    faulthandler._sigsegv()
deep_in_the_import()
"""


@pytest.mark.parametrize("rotate", [False, True])
def test_a_segmentation_fault_is_written_to_the_log(tmp_path, rotate):
    env = dict(os.environ, OPENLIC_HOME=str(tmp_path))
    run = subprocess.run([sys.executable, "-c", CRASH.format(rotate=rotate)], env=env, capture_output=True,
                         text=True, timeout=60, check=False)
    assert run.returncode != 0  # it really crashed
    log = (tmp_path / "logs" / "openlic.log").read_text(encoding="utf-8", errors="replace")
    assert "Fatal Python error: Segmentation fault" in log
    assert "deep_in_the_import" in log  # the Python stack of the crashing thread
    assert ("after the rollover" in log) == rotate
    assert "before the crash" not in log if rotate else "before the crash" in log
