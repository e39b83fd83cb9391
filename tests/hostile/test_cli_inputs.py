"""The CLI on hostile files: a one-line error and exit code 2, never a traceback (issue #13: JSON nested
~1,000 levels gave a RecursionError traceback from designer import|grade|export)."""

import codecs

import pytest
from click.testing import CliRunner

from designer.cli import cli

DEEP = b"[" * 5_000 + b"]" * 5_000


FILES = [
    ("deep.json", DEEP, "nested deeper than 64 levels"),
    (
        "deep.excalidraw",
        b'{"type": "excalidraw", "elements": ' + DEEP + b"}",
        "nested deeper than 64 levels",
    ),
    ("bom.json", codecs.BOM_UTF8 + b"{}", "UTF-8 without a byte order mark"),
    ("nan.json", b'{"format": "designer.session/1", "x": NaN}', "NaN is not a JSON value"),
    ("nul.json", b'{"format": "designer.session/1", "x": "a\\u0000"}', "NUL character"),
]
COMMANDS = [["grade"], ["import"], ["export", "--to", "mmd"]]
CASES = [
    (command, *file)
    for command in COMMANDS
    for file in FILES
    if not (command == ["import"] and file[0].endswith(".json"))  # import reads diagrams only
]


@pytest.mark.parametrize(("command", "name", "content", "said"), CASES)
def test_a_hostile_file_is_one_clear_error(tmp_path, command, name, content, said):
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(cli, [*command, str(path)])
    assert result.exit_code != 0
    assert not isinstance(result.exception, (RecursionError, ValueError, AttributeError)), result.exception
    assert said in result.output, result.output
    assert "Traceback" not in result.output
