"""Refusals with stable codes.

Domain, storage and services raise `OpenLicError(code, **params)`; the faces turn the code into words with
`support.messages.render`. The code never changes once published; the words may.
"""

from __future__ import annotations

from typing import Any


class OpenLicError(Exception):
    """A refusal the user should see: a stable code plus the parameters its message needs."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "zh") -> str:
        from openlic_desktop.support.messages import render

        return render(self.code, lang, **self.params)

    def __str__(self) -> str:  # English in logs and tracebacks
        return f"{self.code}: {self.message('en')}"


class InputError(OpenLicError):
    """Bad arguments or unreadable input (CLI exit code 2); nothing was changed."""


class NotFoundError(InputError):
    """A patent, licensee or file that the user named does not exist."""
