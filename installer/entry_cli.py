"""Frozen entry point of `openlic` (the console program)."""

import sys

from openlic_desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
