"""Frozen entry point of `openlic-desktop` (the GUI). PyInstaller needs a script; the program lives in the package."""

import sys

from openlic_desktop.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
