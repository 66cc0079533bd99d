"""Third-party notices from the installed distributions' own licence metadata."""

from __future__ import annotations

from importlib import metadata

from openlic_desktop.support import notices, paths


def test_runtime_distributions_follow_requirements_and_leave_out_test_extras():
    names = {notices.canonical(d.metadata["Name"]) for d in notices.runtime_distributions()}
    assert {"pyside6", "shiboken6", "sqlalchemy", "python-docx", "docxtpl", "jinja2", "keyring"} <= names
    assert "psycopg" in names  # the shared-server driver ships on purpose (the postgres extra)
    assert not names & {"pytest", "hypothesis", "pytest-qt", "import-linter", "aiosmtpd", "pyinstaller", "build"}


def test_each_notice_carries_the_licence_as_declared_and_its_files():
    docx = notices.notice_for(metadata.distribution("python-docx"))
    assert docx.licence == "MIT" and any("Permission is hereby granted" in text for _, text in docx.texts)
    qt = notices.notice_for(metadata.distribution("PySide6"))
    assert qt.licence.startswith("LGPL-3.0")


def test_the_document_lists_everything_and_appends_the_lgpl_once(tmp_path):
    text = notices.generate()
    # PySide6 and docxtpl carry no licence file: the texts are appended once, each after its SPDX id
    appended = {block.strip().splitlines()[0]: block for block in text.split("=" * 100)[-3:]}
    assert set(appended) == {"LGPL-3.0", "GPL-3.0", "LGPL-2.1"}
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in appended["LGPL-3.0"]
    assert "Version 3, 29 June 2007" in appended["LGPL-3.0"]
    assert "GNU GENERAL PUBLIC LICENSE" in appended["GPL-3.0"]  # LGPL-3.0 is written as additions to GPL-3.0
    assert "Version 2.1, February 1999" in appended["LGPL-2.1"]
    assert text.count("=" * 100 + "\nLGPL-3.0\n") == 1
    assert "- Python " in text and "PSF" in text
    for name in ("PySide6", "SQLAlchemy", "openpyxl", "cn2an", "platformdirs"):
        assert f"- {name} " in text, name


def test_a_shipped_file_is_shown_as_it_is(monkeypatch, tmp_path):
    (tmp_path / notices.NOTICES_NAME).write_text("built with the bundle\n", encoding="utf-8")
    monkeypatch.setattr(paths, "resources_dir", lambda: tmp_path)
    assert notices.notices_text() == "built with the bundle\n"


def test_keep_filters_what_a_bundle_does_not_carry():
    text = notices.generate(keep=lambda d: "PySide6" in notices.top_level_names(d))
    assert "- PySide6 " in text and "- SQLAlchemy " not in text
