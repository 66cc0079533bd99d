"""Messages for the import history and undoing an import (services.importing.undo)."""

MESSAGES = {
    "IMPORT_NOT_FOUND": (
        "没有编号为 {id} 的导入记录",
        "There is no import with the id {id}",
    ),
    "IMPORT_UNDO_NOTHING": (
        "没有可以撤销的导入：尚未导入过，或每次导入都已撤销或未做任何更改",
        "There is no import to undo: nothing was imported, or every import was undone or changed nothing",
    ),
    "IMPORT_UNDO_ALREADY": (
        "导入 {id}（{file}）已于 {at} 撤销",
        "Import {id} ({file}) was already undone on {at}",
    ),
    "IMPORT_UNDO_EMPTY": (
        "导入 {id}（{file}）没有新增或修改任何专利，无需撤销",
        "Import {id} ({file}) created or changed no patent: there is nothing to undo",
    ),
    "IMPORT_UNDO_NOT_LATEST": (
        "导入 {id}（{file}）之后还有导入 {later_id}（{later_file}）：请先撤销后者",
        "Import {id} ({file}) was followed by import {later_id} ({later_file}): undo that one first",
    ),
    "IMPORT_UNDO_UNAVAILABLE": (
        "导入 {id}（{file}）由较早的版本完成，没有记下可撤销的内容",
        "Import {id} ({file}) was made by an earlier version, which did not record what an undo needs",
    ),
    "IMPORT_UNDO_CONFLICT": (
        "无法撤销：{count} 件专利在导入之后又有修改或新增了记录（{numbers}），撤销会丢失这些工作。未做任何更改。",
        ("Cannot undo: {count} patents were changed or got records after the import ({numbers}); undoing would "
         "lose that work. Nothing was changed."),
    ),
}
