"""Feature modules the main window installs, in order. Each has `install(window)`; add one line per feature."""

FEATURES: list[str] = [
    "openlic_desktop.gui.dialogs.first_start",
    "openlic_desktop.gui.editor.patent_editor",
    "openlic_desktop.gui.dialogs.add_patent_dialog",
    "openlic_desktop.gui.pricing.batch_pricing_dialog",
    "openlic_desktop.gui.licensing.licensing_menu",
    "openlic_desktop.gui.export.export_menu",
    "openlic_desktop.gui.importing.import_menu",
    "openlic_desktop.gui.importing.import_history_dialog",
    "openlic_desktop.gui.export.smtp_dialog",
    "openlic_desktop.gui.declarations.declarations_menu",
    "openlic_desktop.gui.dashboard.dashboard_view",
    "openlic_desktop.gui.batchwork.batchwork_menu",
]
