"""argparse's own refusals said in the language asked for, with the stable code; --json keeps argparse's words."""

from __future__ import annotations

import json

import pytest

from openlic_desktop.cli.main import main


def refused(capsys, *argv: str) -> tuple[str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    return captured.out, captured.err


@pytest.mark.parametrize("argv, zh, en", [
    (("patents", "--no-such-option"), "参数错误：无法识别的参数 --no-such-option",
     "Bad argument: unrecognized arguments: --no-such-option"),
    (("show",), "参数错误：缺少必需的参数 number", "Bad argument: the following arguments are required: number"),
    (("patents", "--type", "xx"), "参数错误：--type 不能取 'xx'，可选 'invention', 'utility_model', 'design'",
     "Bad argument: --type: invalid choice: 'xx' (choose from 'invention', 'utility_model', 'design')"),
    (("patents", "--search"), "参数错误：--search 后须跟一个值", "Bad argument: --search: expected one argument"),
])
def test_argparse_refusals_in_chinese_and_english(capsys, monkeypatch, argv, zh, en):
    monkeypatch.setenv("OPENLIC_LANG", "zh")
    _out, err = refused(capsys, *argv)
    assert err == f"openlic: {zh} [BAD_ARGUMENT]\n"
    _out, err = refused(capsys, "--lang", "en", *argv)
    assert err == f"openlic: {en} [BAD_ARGUMENT]\n"
    monkeypatch.setenv("OPENLIC_LANG", "en")
    _out, err = refused(capsys, "--lang=zh", *argv)  # the command line wins over the environment
    assert err == f"openlic: {zh} [BAD_ARGUMENT]\n"


def test_json_carries_the_code_the_message_and_argparses_own_words(capsys, monkeypatch):
    monkeypatch.setenv("OPENLIC_LANG", "zh")
    out, err = refused(capsys, "patents", "--json", "--no-such-option")
    error = json.loads(out)["error"]
    assert error == {"code": "BAD_ARGUMENT", "message": "参数错误：无法识别的参数 --no-such-option",
                     "detail": "unrecognized arguments: --no-such-option"}
    assert "参数错误：无法识别的参数 --no-such-option" in err


def test_an_error_argparse_words_otherwise_keeps_them_as_the_reason(capsys):
    from openlic_desktop.cli.argument_errors import in_words

    assert in_words("something new", "zh") == "参数错误：something new"
    assert in_words("something new", "en") == "Bad argument: something new"


def test_the_language_of_one_command_line_is_not_the_next_parsers(capsys, monkeypatch):
    from openlic_desktop.cli.main import build_parser

    monkeypatch.setenv("OPENLIC_LANG", "zh")
    refused(capsys, "--lang", "en", "show")
    with pytest.raises(SystemExit):
        build_parser("show").parse_args(["show"])
    assert "缺少必需的参数 number" in capsys.readouterr().err
