"""Frozen entry point of `openlic` (the console program)."""

import multiprocessing
import sys

from openlic_desktop.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a contract template's worker process (documents/contracts/sandbox.py)
    sys.exit(main())
