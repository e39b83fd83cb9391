"""Hostile rubric YAML: a message at the line and column, never a traceback or a 500 (issue #13)."""

import pytest

from designer.yamlpos import YamlError, load
from tests.accounts.conftest import PASSWORD, sign_in


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("2001-13-45", "can't be read as a timestamp: month must be in 1..12"),
        ("!!timestamp 2001-02-30", "can't be read as a timestamp: day is out of range for month"),
        ("1" * 5000, "(5,000 digits) is too long"),
        ("0x" + "f" * 40, "digits) is too long"),
    ],
)
def test_scalars_python_cannot_build_are_errors_at_their_place(value, said):
    with pytest.raises(YamlError) as caught:
        load(f"id: x\nmeta:\n  when: {value}\n", "r.yaml")
    assert (caught.value.line, caught.value.column) == (3, 9)
    assert said in caught.value.message


def test_the_cli_says_where_a_bad_date_is(tmp_path):
    from click.testing import CliRunner

    from designer.cli import cli

    rubric = tmp_path / "bad.yaml"
    rubric.write_text("id: bad\ntitle: Bad\nversion: 2001-13-45\n")
    result = CliRunner().invoke(cli, ["rubric", "validate", str(rubric)])
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "bad.yaml:3:10" in result.output
    assert "month must be in 1..12" in result.output


def test_the_editor_shows_the_error_instead_of_a_500(app):
    app.extensions["designer.accounts"].add("i@example.com", PASSWORD, "instructor", "I")
    instructor = sign_in(app, "i@example.com")
    for text in ("id: x\nversion: !!timestamp 2001-02-30\n", "id: x\nversion: " + "9" * 5000 + "\n"):
        response = instructor.post("/rubrics/check", data={"text": text}, headers={"HX-Request": "true"})
        assert response.status_code < 500
        assert "2:10" in response.get_data(as_text=True) or "line 2" in response.get_data(as_text=True)
        saved = instructor.post("/rubrics/new", data={"new_id": "x"})
        assert saved.status_code < 500
