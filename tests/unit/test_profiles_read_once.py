"""Bureau profiles are parsed once per version of their file: asked for again (every statistics count and refresh
asks), an unchanged file is not parsed again; a file edited by the user — with any editor, even to the same size
within the same clock tick — or written by the program, or removed, is seen at the next call."""

from __future__ import annotations

import os

import pytest

from openlic_desktop.services import profiles as profile_service
from openlic_desktop.support.errors import InputError


@pytest.fixture
def parses(monkeypatch):
    """The files parsed (profile_from_toml is wrapped, not replaced)."""
    seen: list[str] = []
    real = profile_service.profile_from_toml

    def spy(text, origin=""):
        seen.append(os.path.basename(origin))
        return real(text, origin)

    monkeypatch.setattr(profile_service, "profile_from_toml", spy)
    return seen


def _user_copy(name: str, extra: str = "") -> str:
    shipped = profile_service.profile_file("general").read_text(encoding="utf-8")
    folder = profile_service.user_profile_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return shipped.replace('name = "', f'name = "{name}', 1) + extra


def test_an_unchanged_profile_is_not_parsed_again(parses):
    first = profile_service.get_profile("general")
    parses.clear()
    assert profile_service.get_profile("general") is first
    assert profile_service.load_profiles()["general"] is first
    assert parses == []


def test_a_profile_edited_by_hand_is_read_again(parses):
    target = profile_service.user_profile_dir() / "general.toml"
    text = _user_copy("甲")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    assert profile_service.get_profile("general").name.startswith("甲")
    # the same size, the same modification time: an editor writing in place within one clock tick
    stamp = target.stat()
    target.write_text(text.replace('name = "甲', 'name = "乙', 1), encoding="utf-8")
    os.utime(target, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert target.stat().st_size == stamp.st_size and target.stat().st_mtime_ns == stamp.st_mtime_ns
    parses.clear()
    assert profile_service.get_profile("general").name.startswith("乙")
    assert "general.toml" in parses
    # removed: the shipped profile again
    target.unlink()
    assert not profile_service.get_profile("general").name.startswith(("甲", "乙"))


def test_a_profile_written_by_the_program_is_read_again():
    before = profile_service.get_profile("general")
    profile_service.edit_profile("general", {"name": "某省知识产权局（测试）"})
    assert profile_service.get_profile("general").name == "某省知识产权局（测试）"
    profile_service.save_template_mapping("general", {"专利号": "application_number"})
    after = profile_service.get_profile("general")
    assert after.template_mapping == {"专利号": "application_number"} and after.name == "某省知识产权局（测试）"
    assert before.template_mapping == {}  # the profile handed out earlier is left as it was


def test_a_file_that_does_not_parse_is_refused_every_time(parses):
    target = profile_service.user_profile_dir() / "broken.toml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text('code = "broken"\nname = \n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError) as caught:
            profile_service.load_profiles()
        assert caught.value.code == "PROFILE_INVALID"
    assert parses.count("broken.toml") == 2
