"""Importing the portfolio from a spreadsheet (导入专利清单), in stages a newcomer can read one at a time:

    read      read.py        open the file through intake (its guards refuse what cannot be read), find the
                             table, give its rows
    judge     judge.py       each row: unchanged by its digest, or normalised and classified; each chunk compared
                             with the stored patents → new / changed (old → new) / unchanged / rejected
    write     write.py       the verdicts into the portfolio, the audit trail and the import history
    job       job.py         prepare() then run(): the stages in chunks, one transaction, progress and cancel
    preview   preview.py     what the wizard shows first: each sheet's first rows, the header, the column mapping
    rejected  rejected.py    the rejected rows as an .xlsx to fix and import again (never over the file imported)
    result    result.py      what an import did: counts, notes, the rows new / changed / unchanged / to confirm
    undo      undo.py        the import history and undoing the latest import

    result = importing.run(ws, path, sheet=None, mapping=None, dry_run=False, details=False, progress=None,
                           errors_out=None)

Its names load on first use (PEP 562), each from the stage that holds it: `openlic import` starts reading the
file (read.ReadAhead) before the modules of the portfolio — SQLAlchemy, the models, the workspace — are loaded, and
python-calamine loads the sheet without the GIL meanwhile (cli/commands/import_.py).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openlic_desktop.intake.table import Layout
    from openlic_desktop.services.importing.job import CHUNK_ROWS, PreparedImport, prepare, run
    from openlic_desktop.services.importing.preview import (
        FIELD_LABELS,
        SheetPreview,
        inspect_file,
        layout_for,
        remember_mapping,
    )
    from openlic_desktop.services.importing.rejected import check_target as check_errors_out
    from openlic_desktop.services.importing.rejected import write_rejections
    from openlic_desktop.services.importing.result import FieldChange, ImportResult, RowChange, RowNote
    from openlic_desktop.services.importing.undo import history

# public name → (module, name there)
_EXPORTS = {
    "Layout": ("openlic_desktop.intake.table", "Layout"),
    **{name: (f"{__name__}.job", name) for name in ("CHUNK_ROWS", "PreparedImport", "prepare", "run")},
    **{name: (f"{__name__}.preview", name)
       for name in ("FIELD_LABELS", "SheetPreview", "inspect_file", "layout_for", "remember_mapping")},
    "check_errors_out": (f"{__name__}.rejected", "check_target"),
    "write_rejections": (f"{__name__}.rejected", "write_rejections"),
    **{name: (f"{__name__}.result", name) for name in ("FieldChange", "ImportResult", "RowChange", "RowNote")},
    "history": (f"{__name__}.undo", "history"),
}
_STAGES = frozenset({"job", "judge", "preview", "read", "rejected", "result", "undo", "write"})


def __getattr__(name: str) -> Any:
    found = _EXPORTS.get(name)
    if found is not None:
        value = getattr(import_module(found[0]), found[1])
    elif name in _STAGES:
        value = import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = [
    "CHUNK_ROWS",
    "FIELD_LABELS",
    "FieldChange",
    "ImportResult",
    "Layout",
    "PreparedImport",
    "RowChange",
    "RowNote",
    "SheetPreview",
    "check_errors_out",
    "history",
    "inspect_file",
    "layout_for",
    "prepare",
    "remember_mapping",
    "run",
    "write_rejections",
]
