"""The CLI on hostile files: a one-line error and exit code 2, never a traceback (issue #13: JSON nested
~1,000 levels gave a RecursionError traceback from designer import|grade|export)."""

import codecs
import tracemalloc

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


OVERSIZED = [
    # a session file may be 16 MB (a long session's download keeps every revision); a diagram 2 MB
    (["grade"], "huge.json", 64, "larger than 16 MB, the most a session file may be"),
    (["export", "--to", "mmd"], "huge.json", 64, "larger than 16 MB, the most a session file may be"),
    (["grade"], "huge.excalidraw", 8, "larger than 2 MB, the most a diagram file may be"),
    (["import"], "huge.drawio", 8, "larger than 2 MB, the most a diagram file may be"),
]


@pytest.mark.parametrize(("command", "name", "megabytes", "said"), OVERSIZED)
def test_a_file_over_the_limit_is_refused_before_it_is_read_whole(tmp_path, command, name, megabytes, said):
    """The same limits as an import through the page, checked before the file is in memory: before,
    `designer grade` read a file of any size whole, then parsed it."""
    path = tmp_path / name
    with path.open("wb") as handle:  # sparse: no disk, but read whole it is megabytes of memory
        handle.truncate(megabytes * 1024 * 1024)
    tracemalloc.start()
    try:
        result = CliRunner().invoke(cli, [*command, str(path)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code != 0
    assert f"{path} is {said}" in result.output, result.output
    assert "Traceback" not in result.output
    limit = 16 if name.endswith(".json") else 2
    assert peak < (limit + 8) * 1024 * 1024, f"{peak / 2**20:.0f} MB held to refuse a {megabytes} MB file"
