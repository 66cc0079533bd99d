"""What an import did (or, dry run, would do): counts always, row lists only when asked (the GUI preview).

Plain values: the GUI and the CLI show them, the rejected-rows file is written from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openlic_desktop.intake.records import Issue


@dataclass
class RowNote:
    """A rejected row (or a warning on a kept row): where, which code, and the row as the user typed it."""

    row: int
    code: str
    params: dict[str, Any]
    values: list[Any] = field(default_factory=list)
    number: str | None = None

    def message(self, lang: str = "zh") -> str:
        return Issue(self.code, self.params).message(lang)


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str | None
    new: str | None


@dataclass
class RowChange:
    row: int
    number: str
    title: str
    changes: list[FieldChange] = field(default_factory=list)


@dataclass
class ImportResult:
    """What an import did (or, dry run, would do). Counts always; row lists only with `details=True`."""

    file_name: str
    sha256: str
    sheet: str
    header_row: int
    headers: list[str]
    mapping: dict[int, str]
    dry_run: bool
    rows_read: int = 0      # non-blank rows below the header
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    skipped: dict[str, int] = field(default_factory=lambda: {"blank": 0, "footer": 0, "header": 0, "duplicate": 0})
    rejections: list[RowNote] = field(default_factory=list)
    warnings: list[RowNote] = field(default_factory=list)
    new_rows: list[RowChange] = field(default_factory=list)       # details only
    changed_rows: list[RowChange] = field(default_factory=list)   # details only
    unchanged_rows: list[RowChange] = field(default_factory=list)  # details only
    # rows once rejected as DUPLICATE_CONFLICT that would overwrite what was kept: not written unless confirmed
    # (their rejections say so); old → new, details only
    unconfirmed_rows: list[RowChange] = field(default_factory=list)
    source_id: int | None = None
    errors_file: str | None = None
    source_path: str | None = None  # the file imported (the rejected rows never replace it)

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        """Exactly the keys of cli.md (`openlic import --json`)."""
        return {
            "rows_read": self.rows_read, "created": self.created, "updated": self.updated,
            "unchanged": self.unchanged, "rejected": self.rejected,
            "rejections": [{"row": r.row, "code": r.code, "message": r.message(lang)} for r in self.rejections],
        }
