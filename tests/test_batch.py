"""designer grade over many files: folders and globs, parallel processes, the CI formats, exit codes."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from designer.batch import collect, grade_files, write
from designer.cli import cli
from designer.grading import grade
from designer.rubric import load_rubric

ROOT = Path(__file__).resolve().parent.parent
RUBRICS = ROOT / "rubrics"
DATA = ROOT / "tests" / "data"


@pytest.fixture
def folder(tmp_path) -> Path:
    """A repository's docs: session files, diagrams, and files that are neither."""
    docs = tmp_path / "docs"
    (docs / "chat").mkdir(parents=True)
    (docs / ".git").mkdir()
    shutil.copy(RUBRICS / "chat-app" / "strong.session.json", docs / "chat" / "strong.session.json")
    shutil.copy(RUBRICS / "chat-app" / "weak.session.json", docs / "weak.json")
    shutil.copy(DATA / "mermaid" / "finos-calm-classic.mmd", docs / "calm.mmd")
    shutil.copy(DATA / "drawio" / "gcp_gaming_backend_database.drawio", docs / "chat" / "gaming.drawio")
    (docs / "package.json").write_text('{"name": "not a session"}')
    (docs / "icon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    shutil.copy(RUBRICS / "chat-app" / "weak.session.json", docs / ".git" / "hidden.session.json")
    return docs


def test_a_folder_gives_its_sessions_and_diagrams_and_nothing_else(folder):
    files, missing = collect([str(folder)])
    assert [f.relative_to(folder).as_posix() for f in files] == [
        "calm.mmd",
        "weak.json",
        "chat/gaming.drawio",
        "chat/strong.session.json",
    ]
    assert missing == []


def test_globs_files_and_missing_paths(folder):
    files, missing = collect(
        [str(folder / "**" / "*.json"), str(folder / "calm.mmd"), str(folder / "calm.mmd"), "nope/"]
    )
    names = [f.name for f in files]
    assert names.count("calm.mmd") == 1 and "package.json" in names  # a glob or a name reads what it names
    assert [m.error for m in missing] == ["nope/: no such file or folder"]
    _, none = collect([str(folder / "*.nothing")])
    assert none[0].error.endswith("*.nothing: no file matches")


def test_parallel_grades_equal_one_at_a_time_in_the_order_given(folder):
    files, _ = collect([str(folder)])
    alone = grade_files(files, jobs=1)
    together = grade_files(files * 3, jobs=2)
    assert [o.file for o in together] == [str(f) for f in files * 3]
    assert [o.score for o in together] == [o.score for o in alone] * 3
    strong = json.loads((folder / "chat" / "strong.session.json").read_text())
    assert alone[3].score == grade(strong, load_rubric("chat-app"))["score"]
    assert alone[3].rubric == "chat-app" and alone[0].rubric == "interview-checklist"  # a diagram: no problem


def test_each_format_says_the_same_thing(folder, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{oops")
    files, _ = collect([str(folder / "weak.json"), str(folder / "chat" / "strong.session.json"), str(bad)])
    outcomes = grade_files(files, jobs=1)
    weak, strong, broken = outcomes
    assert broken.error and "is not valid JSON" in broken.error

    lines = [json.loads(line) for line in write(outcomes, "jsonl").splitlines()]
    assert lines[0]["score"] == weak.score and {f["criterion"] for f in lines[0]["failed"]} >= {
        "no_direct_db"
    }
    assert lines[2] == {"file": str(bad), "error": broken.error}

    rows = list(csv.DictReader(io.StringIO(write(outcomes, "csv"))))
    assert rows[1]["score"] == f"{strong.score:g}" and rows[1]["rubric"] == "chat-app"
    assert "no_direct_db" in rows[0]["criteria_lost"].split(";") and rows[2]["error"]

    reports = json.loads(write(outcomes, "json"))
    assert reports[1]["report"]["score"] == strong.score and "error" in reports[2]

    suites = ET.fromstring(write(outcomes, "junit", fail_under=50))
    weak_suite, strong_suite, broken_suite = suites.findall("testsuite")
    failing = {c.get("name") for c in weak_suite.findall("testcase") if c.find("failure") is not None}
    assert failing == {f["criterion"] for f in weak.failed} | {"score"}
    assert int(weak_suite.get("failures")) == len(failing)
    assert strong_suite.find("testcase[@name='score']") is None
    assert broken_suite.find("testcase/error") is not None

    sarif = json.loads(write(outcomes, "sarif"))
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    at_weak = [
        r
        for r in run["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == Path(weak.file).as_posix()
    ]
    assert {r["properties"]["criterion"] for r in at_weak} == {f["criterion"] for f in weak.failed}
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in run["results"])
    assert "graph.no_direct_datastore_access" in rules
    assert run["invocations"][0]["toolExecutionNotifications"][0]["level"] == "error"


def test_the_command_exits_by_the_worst_outcome(folder, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(cli, ["grade", str(folder / "chat"), "--jobs", "2"])
    assert ok.exit_code == 0, ok.output
    assert ok.output.strip().splitlines()[-1].startswith("2 graded, mean ")
    under = runner.invoke(cli, ["grade", str(folder), "--fail-under", "60", "--format", "jsonl"])
    assert under.exit_code == 1
    assert len(under.output.strip().splitlines()) == 4
    (tmp_path / "broken.json").write_text("{oops")
    broken = runner.invoke(cli, ["grade", str(folder / "chat"), str(tmp_path / "broken.json")])
    assert broken.exit_code == 2 and "error  " in broken.output and "2 graded" in broken.output
    nothing = runner.invoke(cli, ["grade", str(tmp_path / "empty-folder-that-is-not-there")])
    assert nothing.exit_code == 2
    out = tmp_path / "out.sarif"
    written = runner.invoke(cli, ["grade", str(folder), "--format", "sarif", "-o", str(out)])
    assert written.exit_code == 0 and json.loads(out.read_text())["runs"][0]["results"]


def test_one_file_keeps_its_full_explanation_and_the_score_line(folder):
    result = CliRunner().invoke(cli, ["grade", str(folder / "weak.json"), "--fail-under", "50"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == "8.1/100 with chat-app v6"


def test_the_pre_commit_hook_runs_the_command(folder):
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "designer-grade")
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    import re

    matching = [p.name for p in folder.rglob("*") if p.is_file() and re.search(hook["files"], p.name)]
    assert {"calm.mmd", "gaming.drawio", "strong.session.json"} <= set(matching)
    assert "package.json" not in matching
    # the hook lints what a folder is graded for: its pattern and the folder's endings kept in step
    from designer.batch import FOLDER_ENDINGS

    assert all(re.search(hook["files"], f"design{ending}") for ending in FOLDER_ENDINGS)
    args = hook["entry"].split()[1:] + hook.get("args", []) + [str(folder / "chat" / "strong.session.json")]
    assert CliRunner().invoke(cli, args).exit_code == 0


DESIGNER = Path(sys.executable).parent / "designer"  # the console script, as a shell or CI runs it


def _run(*args: str, command: tuple[str, ...] = (str(DESIGNER),)) -> subprocess.CompletedProcess:
    assert DESIGNER.exists(), f"{DESIGNER} is missing: install the package (pip install -e .)"
    return subprocess.run([*command, *args], capture_output=True, text=True, timeout=120)


def test_the_console_script_says_and_exits_what_the_command_does(folder, tmp_path):
    # The console script leaves without tearing the interpreter down; nothing it printed or wrote
    # may be lost that way, and the exit status must be the command's.
    runner = CliRunner()
    for args in (
        ["grade", str(folder / "weak.json"), "--fail-under", "50"],
        ["grade", str(folder), "--format", "jsonl", "--jobs", "2"],
        ["grade", str(folder), "--format", "csv", "--fail-under", "60"],
    ):
        real, expected = _run(*args), runner.invoke(cli, args)
        assert real.returncode == expected.exit_code, (args, real.stderr)
        assert real.stdout == expected.stdout, args
    assert real.returncode == 1  # the last one: a score under 60
    out = tmp_path / "out.sarif"
    written = _run("grade", str(folder), "--format", "sarif", "-o", str(out))
    assert written.returncode == 0 and written.stdout == ""
    assert len(json.loads(out.read_text())["runs"][0]["results"]) > 10
    as_module = _run(
        "grade",
        str(folder),
        "--format",
        "csv",
        "--fail-under",
        "60",
        command=(sys.executable, "-m", "designer"),
    )
    assert (as_module.returncode, as_module.stdout) == (real.returncode, real.stdout)
    unusable = _run("grade", str(tmp_path / "not-there.json"))
    assert unusable.returncode == 2 and "not-there.json: no such file or folder" in unusable.stdout


def test_the_console_script_with_no_one_reading_its_output_fails_without_hanging(folder):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written (`| head` that has had enough)
    try:
        done = subprocess.run(
            [str(DESIGNER), "grade", str(folder / "weak.json")],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr


def test_grading_imports_with_the_collector_off_and_turns_it_back_on():
    import gc

    from designer.cli import _importing

    assert gc.isenabled()
    try:
        with _importing():
            assert not gc.isenabled()
        assert gc.isenabled() and gc.get_freeze_count() > 0
        gc.disable()
        with _importing():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_grade_builds_none_of_the_autosaves_validators(folder):
    # The board's and the panels' own validators serve the web's saves; a grade validates the whole
    # file with the session's model, so building them would only lengthen the command's start.
    probe = (
        "import sys; from click.testing import CliRunner; from designer.cli import cli; "
        "from designer import session_format as f; "
        "result = CliRunner().invoke(cli, ['grade', sys.argv[1], '--fail-under', '50']); "
        "print(result.exit_code, f._board_adapter.cache_info().currsize, f._panel_adapter.cache_info().currsize)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(folder / "weak.json")], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.split() == ["1", "0", "0"], done.stderr
