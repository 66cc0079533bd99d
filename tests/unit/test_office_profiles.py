"""Office details and bureau profiles without editing files: `openlic office show|set`, `openlic profile use|edit`
(in-process through the CLI's own `main`), the active profile as the default of check/export, and the user copy."""

from __future__ import annotations

import json
import tomllib

import pytest

from openlic_desktop.cli.main import main
from openlic_desktop.services import office
from openlic_desktop.services import profiles as profile_service
from openlic_desktop.support import paths
from openlic_desktop.support import settings as settings_module
from openlic_desktop.support.errors import InputError


def cli(capsys, *args):
    code = main(["--lang", "en", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_office_set_and_show(capsys):
    code, out, _ = cli(capsys, "office", "set", "name=示例大学", "contact=王老师", "phone=0571-88888888",
                       "email=tto@example.edu.cn", "address=杭州市西湖区1号")
    assert code == 0 and "Contact set: 王老师" in out
    code, out, _ = cli(capsys, "office", "show", "--json")
    assert json.loads(out) == {"name": "示例大学", "address": "杭州市西湖区1号", "contact": "王老师",
                               "phone": "0571-88888888", "email": "tto@example.edu.cn", "seal_holder": ""}
    stored = settings_module.load().office
    assert (stored.contact_person, stored.contact_phone) == ("王老师", "0571-88888888")


@pytest.mark.parametrize("assignment, code", [
    ("email=not-an-address", "OFFICE_EMAIL_INVALID"), ("colour=red", "OFFICE_FIELD_UNKNOWN"),
    ("name=甲\nBcc: x@y.z", "OFFICE_VALUE_INVALID"), ("name", "BAD_ARGUMENT")])
def test_office_set_refuses_and_changes_nothing(capsys, assignment, code):
    office.update({"name": "原来的大学"})
    with pytest.raises(InputError) as err:
        office.update(office.parse_assignments(["contact=张三", assignment]))
    assert err.value.code == code
    assert settings_module.load().office.name == "原来的大学" and settings_module.load().office.contact_person == ""
    rc, _out, errout = cli(capsys, "office", "set", "contact=张三", assignment)
    assert rc == 2 and errout.startswith("openlic: ")
    assert settings_module.load().office.contact_person == ""


def test_profile_use_sets_the_default_of_check_and_profiles(capsys):
    assert profile_service.get_profile(None).code == "general"
    code, out, _ = cli(capsys, "profile", "use", "zhejiang")
    assert code == 0 and "zhejiang" in out
    assert settings_module.load().active_profile == "zhejiang"
    assert profile_service.get_profile(None).code == "zhejiang"
    _code, out, _ = cli(capsys, "profiles", "--json")
    assert [p["code"] for p in json.loads(out) if p["active"]] == ["zhejiang"]
    code, _out, err = cli(capsys, "profile", "use", "atlantis")
    assert code == 2 and "atlantis" in err and settings_module.load().active_profile == "zhejiang"


def test_active_profile_gone_falls_back_to_general():
    prefs = settings_module.load()
    prefs.active_profile = "vanished"
    settings_module.save(prefs)
    assert profile_service.get_profile(None).code == "general" and profile_service.active_code() == "general"


def test_profile_edit_writes_the_user_copy_keeping_comments(capsys):
    code, out, _ = cli(capsys, "profile", "edit", "zhejiang", "email=zscq@zj.example.cn", "email_limit_mb=10",
                       "bureau_name=浙江省知识产权局（知识产权运营处）")
    assert code == 0, out
    user_copy = paths.data_dir() / "profiles" / "zhejiang.toml"
    text = user_copy.read_text(encoding="utf-8")
    assert "# 浙江 — 浙江省知识产权局" in text and "[table]" in text  # comments and tables kept
    data = tomllib.loads(text)
    assert (data["email"], data["email_limit_mb"], data["bureau"]) == (
        "zscq@zj.example.cn", 10, "浙江省知识产权局（知识产权运营处）")
    profile = profile_service.get_profile("zhejiang")
    assert profile.email == "zscq@zj.example.cn" and profile.email_limit_mb == 10
    assert len(profile.layout.columns) > 5  # the table layout still loads from the copy
    # a second edit starts from the user copy, not the shipped file
    cli(capsys, "profile", "edit", "zhejiang", "min_term_months=24")
    again = profile_service.get_profile("zhejiang")
    assert (again.min_term_months, again.email) == (24, "zscq@zj.example.cn")


@pytest.mark.parametrize("assignment", ["email_limit_mb=0", "email_limit_mb=ten", "email=foo", "colour=red",
                                        'bureau_name=a"\nb'])
def test_profile_edit_refuses_and_writes_nothing(capsys, assignment):
    code, _out, err = cli(capsys, "profile", "edit", "zhejiang", assignment)
    assert code == 2 and err.startswith("openlic: ")
    assert not (paths.data_dir() / "profiles" / "zhejiang.toml").exists()


def test_profile_edit_keeps_a_quote_in_a_name(capsys):
    code, _out, _err = cli(capsys, "profile", "edit", "general", 'bureau_name=某局 "试点" 处')
    assert code == 0
    assert profile_service.get_profile("general").bureau == '某局 "试点" 处'


def test_the_readme_documents_the_office_refusals_as_raised():
    """What a program reading the refusals gets (code, parameters, the length allowed) is what the README's own
    list of the office's refusals says."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("- **Office refusals**")
    section = readme[start:readme.index("\n- **", start + 1)]
    for typed in ("colour=red", "contact=甲\x01", "name=" + "甲" * (office.MAX_LENGTH + 1), "email=a@x.cn,b@y.cn"):
        with pytest.raises(InputError) as err:
            office.update(office.parse_assignments([typed]))
        assert f"`{err.value.code}`" in section, err.value.code
        for name in err.value.params:
            if name not in ("variant", "known"):
                assert f"`{name}`" in section, (err.value.code, name)
    assert f"longer than {office.MAX_LENGTH} characters" in section and f"({office.MAX_LENGTH})" in section
