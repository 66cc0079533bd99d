"""`python -m openlic_desktop` starts the GUI."""

from openlic_desktop.gui.app import main

if __name__ == "__main__":
    raise SystemExit(main())
