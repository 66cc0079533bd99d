"""The office's own details (name, address, contact, phone, e-mail, seal holder), kept in the user settings.

One writer for them: the CLI (`openlic office set`) and the GUI's office dialog both go through `update`. The
values travel into letters and e-mail headers, so a line break or a control character is refused (header
injection), and the e-mail must look like one. The contact here is the default contact of every patent
(CONTACT_MISSING is satisfied by it). Thread rule: GUI thread or the CLI process (settings are not thread-safe).
"""

from __future__ import annotations

import re
from dataclasses import asdict, replace

from openlic_desktop.support import settings as settings_module
from openlic_desktop.support.errors import InputError
from openlic_desktop.support.settings import Office

# the CLI's field names (cli.md) → the settings' attribute names
FIELDS: dict[str, str] = {"name": "name", "address": "address", "contact": "contact_person",
                          "phone": "contact_phone", "email": "contact_email", "seal_holder": "seal_holder"}
# each field in the reader's words, under the CLI's names (refusals name the field as the dialog labels it)
LABELS: dict[str, tuple[str, str]] = {
    "name": ("单位名称", "Name"), "address": ("通讯地址", "Address"), "contact": ("联系人", "Contact"),
    "phone": ("联系电话", "Phone"), "email": ("电子邮箱", "E-mail"), "seal_holder": ("用印人", "Seal holder")}
MAX_LENGTH = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")


def show() -> Office:
    return settings_module.load().office


def as_fields(office: Office) -> dict[str, str]:
    """The details under the CLI's field names, in cli.md's order."""
    values = asdict(office)
    return {key: values[attr] for key, attr in FIELDS.items()}


def clean_value(field: str, value: str) -> str:
    """The value as stored, or InputError when it cannot be one (unknown field, line break, bad e-mail)."""
    if field not in FIELDS and field not in FIELDS.values():
        raise InputError("OFFICE_FIELD_UNKNOWN", field=field, known=", ".join(FIELDS))
    attr = FIELDS.get(field, field)
    zh, en = LABELS[next(k for k, a in FIELDS.items() if a == attr)]
    raw = str(value).strip()
    if _CONTROL.search(raw):  # `attr` tells a form which of its fields to put the cursor in
        raise InputError("OFFICE_VALUE_INVALID", variant="control", field=zh, field_en=en, attr=attr)
    text = " ".join(raw.split())
    if len(text) > MAX_LENGTH:
        raise InputError("OFFICE_VALUE_INVALID", variant="too_long", field=zh, field_en=en, attr=attr,
                         limit=MAX_LENGTH)
    if attr == "contact_email" and text and not _EMAIL.match(text):
        raise InputError("OFFICE_EMAIL_INVALID", value=text, attr=attr)
    return text


def update(changes: dict[str, str]) -> Office:
    """Set these fields (CLI or attribute names); every value is checked before anything is saved."""
    cleaned = {FIELDS.get(k, k): clean_value(k, v) for k, v in changes.items()}
    prefs = settings_module.load()
    prefs.office = replace(prefs.office, **cleaned)
    settings_module.save(prefs)
    return prefs.office


def parse_assignments(items: list[str]) -> dict[str, str]:
    """FIELD=VALUE arguments → dict; a missing '=' is a bad argument."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError("BAD_ARGUMENT", reason=f"expected FIELD=VALUE, got {item!r}")
        out[key.strip()] = value
    return out
