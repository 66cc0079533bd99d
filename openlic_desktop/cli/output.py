"""How a command speaks: the one place that writes to stdout and stderr for `openlic`.

A command hands its result to `Output` once: `result(value, text)` for one thing, `table(items, row, as_json)` for a
list. With `--json` the value is written as one JSON document (UTF-8, `ensure_ascii=False`, cli.md); otherwise the
text lines are printed for people, in the language of `--lang`. Refusals go through `refusal()` so a change in how
they are shown (e.g. a JSON error object for scripts) is made here once, for every command.

Threading: one `Output` per run, used from the main thread only.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

Text = str | Iterable[str] | Callable[[], str | Iterable[str]] | None


class Output:
    """Writes a command's result as JSON (`--json`) or as lines of text; refusals and notes go to stderr."""

    def __init__(self, lang: str, as_json: bool = False, stdout: TextIO | None = None,
                 stderr: TextIO | None = None) -> None:
        self.lang = lang
        self.as_json = as_json
        self._stdout = stdout
        self._stderr = stderr
        self._json_written = False

    # streams are looked up when written to: tests and pytest's capsys swap sys.stdout after we are made
    @property
    def stdout(self) -> TextIO:
        return self._stdout or sys.stdout

    @property
    def stderr(self) -> TextIO:
        return self._stderr or sys.stderr

    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def json(self, value: Any, compact: bool = False) -> None:
        """Write `value` as the run's JSON document (whatever `--json` says: a command may always emit JSON).
        `compact`: on one line, for documents of thousands of items (indenting takes json's Python encoder, a
        tenth of a second for the statistics of 100,000 patents; without it json writes in C)."""
        text = (json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str) if compact
                else json.dumps(value, ensure_ascii=False, indent=2, default=str))
        self.stdout.write(text + "\n")
        self._json_written = True

    def line(self, text: str = "") -> None:
        """One line for people on stdout (never in JSON mode's document: call it only for text output)."""
        self.stdout.write(f"{text}\n")

    def note(self, text: str) -> None:
        """A line for people on stderr: warnings and hints that must not mix with the output a script reads."""
        self.stderr.write(f"{text}\n")

    def event(self, code: str, message: str, **fields: Any) -> None:
        """A notice while the command works (it waits, and for what): the message on stderr, or with `--json`
        one JSON object on a line of stderr, `{"event": code, "message": …, **fields}` — stdout keeps the one
        document of the result."""
        if self.as_json:
            self.stderr.write(json.dumps({"event": code, "message": message, **fields}, ensure_ascii=False,
                                         default=str) + "\n")
        else:
            self.stderr.write(f"{message}\n")
        self.stderr.flush()

    def progress(self, text: str | None) -> None:
        """How far a long job is, on one line of a terminal's stderr rewritten in place; None clears it when the
        job ends. Nothing when stderr is not a terminal (a script's log keeps its lines) or with `--json`."""
        if self.as_json or not self.stderr.isatty():
            return
        self.stderr.write("\r\033[K" if text is None else f"\r\033[K{text}")
        self.stderr.flush()

    def result(self, value: Any, text: Text = None, compact: bool = False) -> None:
        """The result of a command: `value` as JSON with `--json` (`compact`: see `json`), else the `text` lines (a
        string, lines, or a callable giving them — called only for text output, when working out the words costs
        something)."""
        if self.as_json:
            self.json(value, compact)
            return
        if callable(text):
            text = text()
        if text is None:
            return
        for line in [text] if isinstance(text, str) else text:
            self.line(line)

    def table(self, items: Sequence[Any], row: Callable[[Any], Sequence[Any]],
              as_json: Callable[[Any], Any] | None = None, footer: str | None = None) -> None:
        """A list: with `--json` the list of `as_json(item)` (the items themselves when not given); as text one
        tab-separated line per item (`row(item)`; None shows as —) and then the footer (a count, a total)."""
        if self.as_json:
            self.json([as_json(item) if as_json else item for item in items])
            return
        for item in items:
            self.line("\t".join("—" if cell is None else str(cell) for cell in row(item)))
        if footer is not None:
            self.line(footer)

    def refusal(self, code: str, message: str, detail: str | None = None) -> None:
        """A refusal or failure the user must see (the exit code says which kind): `openlic: message [CODE]` on
        stderr, one line. `code` is the stable code of cli.md and support/messages (empty when there is none).
        With `--json`, also `{"error": {"code", "message"}}` on stdout — unless the command already wrote its
        JSON document (stdout holds one document; the result then says what was refused). `detail`: words a
        script may match on whatever the language (argparse's own English), in the JSON only."""
        line = " ".join(message.split())  # one line, whatever the message held
        self.stderr.write(f"openlic: {line} [{code}]\n" if code else f"openlic: {line}\n")
        if self.as_json and not self._json_written:
            error = {"code": code, "message": line}
            if detail is not None:
                error["detail"] = detail
            self.json({"error": error})
