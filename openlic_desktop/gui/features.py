"""Feature modules the main window installs, in order. Each has `install(window)`; add one line per feature."""

FEATURES: list[str] = [
    "openlic_desktop.gui.first_start",
    "openlic_desktop.gui.patent_editor",
    "openlic_desktop.gui.pricing_batch",
    "openlic_desktop.gui.licensing_feature",
    "openlic_desktop.gui.export_wizard",
    "openlic_desktop.gui.import_wizard",
    "openlic_desktop.gui.import_history",
    "openlic_desktop.gui.smtp_dialog",
]
