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
"""

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
