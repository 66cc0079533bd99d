"""Frozen entry point of `openlic-desktop` (the GUI). PyInstaller needs a script; the program lives in the package."""

import multiprocessing
import sys

from openlic_desktop.gui.app import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a contract template's worker process (documents/contracts/sandbox.py)
    sys.exit(main())
