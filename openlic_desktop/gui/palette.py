"""The few colours the GUI adds to the platform's palette (errors, warnings, done; the charts' series), readable
on light and dark.

A fixed dark red is unreadable on macOS's dark mode (the bundle enables it) and on a dark Linux theme, so each
colour comes in a light-background and a dark-background shade, picked by the lightness of the application
palette's base colour at the time of asking. Everything else (text, backgrounds, selection) is the palette's own.
Thread rule: GUI thread only (reads the application palette).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

# (on a light background, on a dark background)
_ERROR = ("#b00020", "#ff8a80")
_WARNING = ("#8a5a00", "#ffd180")
_OK = ("#1b5e20", "#a5d6a7")

# The dashboard's series, one hue each (Okabe–Ito: told apart with colour-blindness, on light and dark alike)
_SERIES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999", "#F0E442")


def dark() -> bool:
    """The application's base colour is dark (a dark theme or dark mode)."""
    app = QGuiApplication.instance()
    palette = app.palette() if app is not None else QPalette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def _pick(pair: tuple[str, str]) -> QColor:
    return QColor(pair[1] if dark() else pair[0])


def error() -> QColor:
    return _pick(_ERROR)


def warning() -> QColor:
    return _pick(_WARNING)


def ok() -> QColor:
    return _pick(_OK)


def css(color: QColor) -> str:
    """For style sheets and rich text: '#rrggbb'."""
    return color.name()


def error_style() -> str:
    """The style sheet of an error line."""
    return f"color: {css(error())};"


def warning_style() -> str:
    return f"color: {css(warning())};"


def series(i: int) -> QColor:
    """The colour of a chart's i-th series, bar set or slice (the hues repeat after eight)."""
    return QColor(_SERIES[i % len(_SERIES)])
