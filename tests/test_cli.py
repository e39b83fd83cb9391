"""The designer command: grade, checks, rubric validate/test/new/schema — one clear line, exit codes."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from designer import cli as cli_module
from designer.checks.registry import CHECKS
from designer.cli import cli
from designer.rubric import load_rubric
from tests.conftest import head_revision

ROOT = Path(__file__).resolve().parent.parent
STRONG = str(ROOT / "rubrics" / "chat-app" / "strong.session.json")
WEAK = str(ROOT / "rubrics" / "chat-app" / "weak.session.json")


@pytest.fixture
def runner():
    """A click runner that keeps stdout and stderr apart."""
    return CliRunner()


def test_grade_explains_every_point_and_ends_with_the_score(runner):
    result = runner.invoke(cli, ["grade", WEAK])
    assert result.exit_code == 0, result.output
    assert "✗ no_direct_db [0/2] Phone app talks straight to MySQL." in result.output
    assert result.output.strip().splitlines()[-1] == "8.1/100 with chat-app v6"


def test_grade_json_is_the_report(runner):
    result = runner.invoke(cli, ["grade", STRONG, "--json", "--rubric", "interview-checklist"])
    report = json.loads(result.output)
    assert report["format"] == "designer.report/1"
    assert report["rubric"]["id"] == "interview-checklist"
    assert 85 <= report["score"] < 100, "strong, but its media store and its fan-out tier let it down"
    lost = [r["check"] for r in report["results"] if r["points"] < r["max"]]
    # It never discusses its media store, and four fan-out workers can't carry 23.1K messages/s.
    assert lost == [
        "detailed.datastores_discussed",
        "scale.capacity_meets_peak",
        "scale.survives_single_failure",
    ]


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "is not valid JSON"),
        (
            '{"format": "designer.session/1", "problem": {"id": "x"}, "board": {"nodes": [{"data": {"id": 1}}]}}',
            "board.nodes[0].data.id: expected text",
        ),
    ],
)
def test_grade_of_unusable_input_exits_2_with_the_error(runner, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    result = runner.invoke(cli, ["grade", str(path)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_grade_with_an_unknown_rubric_exits_2(runner):
    result = runner.invoke(cli, ["grade", STRONG, "--rubric", "nope"])
    assert result.exit_code == 2
    assert "no rubric 'nope'; the rubrics are:" in result.output


def test_checks_lists_the_registry_and_writes_the_reference(runner):
    listing = runner.invoke(cli, ["checks"])
    assert "graph.no_single_point_of_failure  (3 pt)" in listing.output
    assert listing.output.strip().endswith(f"{len(CHECKS)} checks")
    reference = runner.invoke(cli, ["checks", "--markdown"]).output
    assert "## `graph.no_single_point_of_failure`" in reference
    assert "Why it matters" in reference
    assert (ROOT / "docs" / "checks.md").read_text() == reference, "regenerate docs/checks.md"


def test_rubric_validate_reports_errors_at_their_line(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: bad\ntitle: Bad\nversion: 1\nsections:\n  - step: high_level\n    criteria:\n"
        "      - id: x\n        check: graph.no_spof\n"
    )
    result = runner.invoke(cli, ["rubric", "validate", str(bad), "chat-app"])
    assert result.exit_code == 1
    assert ":8:16: sections[0].criteria[0].check: unknown check 'graph.no_spof'" in result.output
    criteria = sum(len(section.criteria) for section in load_rubric("chat-app").sections)
    assert f"chat-app: ok (chat-app v6, {criteria} criteria)" in result.output


def test_rubric_test_runs_the_shipped_tests(runner):
    result = runner.invoke(cli, ["rubric", "test"])
    assert result.exit_code == 0, result.output
    assert "chat-app: ok  a candidate who jumps to the solution" in result.output
    assert result.output.strip().endswith("rubric test cases passed")


def test_rubric_new_writes_a_skeleton_that_validates(runner, tmp_path, monkeypatch):
    rubrics = tmp_path / "rubrics"
    shutil.copytree(ROOT / "rubrics", rubrics)
    monkeypatch.setattr("designer.rubric.RUBRICS_DIR", rubrics)
    result = runner.invoke(cli, ["rubric", "new", "parking-lot", "--title", "Design a parking lot"])
    assert result.exit_code == 0, result.output
    from designer.rubric import load_rubric

    rubric = load_rubric(rubrics / "parking-lot.yaml", rubrics)
    assert rubric.title == "Design a parking lot"
    assert runner.invoke(cli, ["rubric", "new", "parking-lot"]).exit_code == 1  # exists
    assert runner.invoke(cli, ["rubric", "new", "Bad Id"]).exit_code == 2


def test_rubric_schema_is_json(runner):
    schema = json.loads(runner.invoke(cli, ["rubric", "schema"]).output)
    assert schema["title"] == "designer rubric"


def test_db_upgrade(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    result = runner.invoke(cli, ["db", "upgrade"])
    assert result.output.strip() == f"designer: database at revision {head_revision()}"
    assert cli_module  # the module is importable without Flask side effects


def test_import_a_mermaid_file_shows_inferred_kinds_and_writes_a_session(runner, tmp_path):
    source = tmp_path / "design.mmd"
    source.write_text(
        "flowchart LR\n  u([Users]) --> lb{nginx} -->|HTTPS| api[API servers x3]\n  api --> db[(Postgres)]\n"
    )
    out = tmp_path / "design.session.json"
    result = runner.invoke(cli, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "'API servers x3' → service ×3 (the label says “api”)" in result.output
    assert result.output.strip().endswith(f"imported 4 boxes and 3 arrows from {source} into {out}")
    session = json.loads(out.read_text())
    assert session["format"] == "designer.session/1"
    graded = runner.invoke(cli, ["grade", str(source)])
    assert graded.exit_code == 0
    assert "✗ spof" in graded.output  # a lone Postgres behind the API


def test_import_of_a_one_line_mermaid_diagram_counts_its_box_and_arrow_in_words(runner, tmp_path):
    source = tmp_path / "one.mmd"
    source.write_text("graph TD; A[Client] --> B[(Postgres)]")  # Mermaid's one-line form
    result = runner.invoke(cli, ["import", str(source)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(f"imported 2 boxes and 1 arrow from {source}")
    single = tmp_path / "single.mmd"
    single.write_text("graph TD\n  A[Client]")
    assert (
        runner.invoke(cli, ["import", str(single)])
        .output.strip()
        .endswith(f"imported 1 box and 0 arrows from {single}")
    )


def test_import_refuses_unknown_files_with_exit_2(runner, tmp_path):
    path = tmp_path / "design.vsdx"
    path.write_text("x")
    result = runner.invoke(cli, ["import", str(path)])
    assert result.exit_code == 2
    assert (
        "no importer reads .vsdx; the importers read .drawio, .excalidraw, .excalidraw.md, .mermaid, .mmd, .plantuml, "
        ".png, .puml, .svg, .xml" in result.output
    )


def test_import_a_drawio_page(runner, tmp_path):
    real = ROOT / "tests" / "data" / "drawio" / "gcp_gaming_backend_database.drawio"
    result = runner.invoke(cli, ["import", str(real), "--page", "Page-1", "-o", str(tmp_path / "s.json")])
    assert result.exit_code == 0, result.output
    assert "'Cloud Bigtable' → nosql_database (the label says “bigtable”)" in result.output
    bad = runner.invoke(cli, ["import", str(real), "--page", "Nope"])
    assert bad.exit_code == 2
    assert "no page 'Nope'; the pages are: Page-1" in bad.output


@pytest.mark.parametrize(
    "fmt, marker", [("mmd", "flowchart LR"), ("drawio", "<mxfile"), ("excalidraw", '"type":"excalidraw"')]
)
def test_export_a_session_back_to_each_tool_and_read_it_again(runner, tmp_path, fmt, marker):
    from designer.formats import import_board

    out = tmp_path / f"board.{fmt}"
    result = runner.invoke(cli, ["export", STRONG, "--to", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert marker in out.read_text()
    original = json.loads(Path(STRONG).read_text())["board"]
    back = import_board(out).board
    assert sorted((n["data"]["label"], n["data"]["kind"]) for n in back["nodes"]) == sorted(
        (n["data"]["label"], n["data"]["kind"]) for n in original["nodes"]
    )
    assert len(back["edges"]) == len(original["edges"])


def test_export_an_excalidraw_png_to_svg_on_stdout(runner):
    real = ROOT / "tests" / "data" / "excalidraw" / "random-with-scene.png"
    result = runner.invoke(cli, ["export", str(real), "--to", "svg"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("<svg") and result.output.count('class="box"') == 3


def test_export_refuses_an_unknown_format(runner):
    result = runner.invoke(cli, ["export", STRONG, "--to", "vsdx"])
    assert result.exit_code == 2
    assert "'vsdx' is not one of 'mmd', 'excalidraw', 'drawio', 'svg'" in result.output


def test_users_add_list_and_role(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'u.sqlite3'}")
    added = runner.invoke(
        cli,
        ["users", "add", "Ivy@Example.com", "--role", "interviewer", "--name", "Ivy"],
        input="a long password\na long password\n",
    )
    assert added.exit_code == 0, added.output
    assert "added ivy@example.com as interviewer" in added.output
    listed = runner.invoke(cli, ["users", "list"])
    assert "ivy@example.com\tinterviewer\tIvy" in listed.output
    assert runner.invoke(cli, ["users", "role", "ivy@example.com", "admin"]).exit_code == 0
    assert "ivy@example.com\tadmin" in runner.invoke(cli, ["users", "list"]).output
    again = runner.invoke(
        cli, ["users", "add", "ivy@example.com"], env={"DESIGNER_PASSWORD": "another long one"}
    )
    assert again.exit_code == 2 and "already an account for ivy@example.com" in again.output
    short = runner.invoke(cli, ["users", "add", "bo@example.com"], env={"DESIGNER_PASSWORD": "short"})
    assert short.exit_code == 2 and "password: at least 10 characters, got 5" in short.output
    last_admin = runner.invoke(cli, ["users", "role", "ivy@example.com", "candidate"])
    assert last_admin.exit_code == 2 and "last admin" in last_admin.output


def test_capacity_prints_each_box_the_bottleneck_and_a_drill(runner):
    chat = str(ROOT / "tests" / "data" / "sessions" / "chat-app-strong.session.json")
    result = runner.invoke(cli, ["capacity", chat, "--fail", "Cassandra: messages"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Peak: 0 reads, 23.1K /s writes (from peak_qps = 23.1K /s)"
    fan_out = next(line for line in lines if line.startswith("Fan-out workers"))
    assert fan_out.split()[-2:] == ["579%", "over"]
    assert "Bottleneck: Fan-out workers; the design holds about 0.17× this peak." in lines
    assert "Fail Cassandra: messages: breaks" in lines
    paths = lines.index("Client paths, least available first:")
    assert lines[paths + 1] == (
        "  99.4975% (2.3 nines): Mobile app → Load balancer → Chat servers → Kafka: message stream → "
        "Fan-out workers → Push service (notify offline recipient)"
    )
    assert sum(line.startswith("  broken: ") for line in lines) == 4
    assert "  still served: 12 arrow(s)" in lines


def test_capacity_json_scaled_and_one_instance(runner):
    chat = str(ROOT / "tests" / "data" / "sessions" / "chat-app-strong.session.json")
    result = runner.invoke(cli, ["capacity", chat, "--fail", "chat", "--instance", "--times", "10", "--json"])
    report = json.loads(result.output)
    assert report["peak"]["writes"] == pytest.approx(231_481, rel=1e-4)
    assert report["drill"] == {
        "box": "chat",
        "whole": False,
        "verdict": "degrades",
        "failover": None,
        "rest_utilisation": pytest.approx(3.086, rel=1e-3),
        "stalled": [],
        "broken": [],
        "degraded": [{"box": "chat", "label": "Chat servers", "utilisation": pytest.approx(3.086, rel=1e-3)}],
        "surviving": 16,
    }


def test_capacity_refuses_an_unknown_box_and_names_the_ids(runner):
    chat = str(ROOT / "tests" / "data" / "sessions" / "chat-app-strong.session.json")
    result = runner.invoke(cli, ["capacity", chat, "--fail", "mongo"])
    assert result.exit_code == 2
    assert "--fail 'mongo': no box has that id or label (ids: mobile, lb, chat" in result.output


def test_a_diagram_of_managed_services_has_no_single_point_of_failure_in_them(runner, tmp_path):
    """DynamoDB and an ALB are replicated by their provider: the import marks them managed, so a
    grade of the diagram does not call them single points of failure, and says why on import."""
    source = tmp_path / "managed.mmd"
    source.write_text("flowchart LR\n  u([Users]) --> lb{ALB} --> api[API x3] --> db[(DynamoDB: urls)]\n")
    imported = runner.invoke(cli, ["import", str(source)])
    assert "'DynamoDB: urls' → nosql_database, managed (the label says “dynamodb”)" in imported.output
    graded = runner.invoke(cli, ["grade", str(source)])
    assert "✓ spof" in graded.output, graded.output
    lone = tmp_path / "lone.mmd"
    lone.write_text("flowchart LR\n  u([Users]) --> lb{nginx} --> api[API x3] --> db[(Postgres)]\n")
    assert "✗ spof" in runner.invoke(cli, ["grade", str(lone)]).output


def test_serve_starts_gunicorn_with_two_workers_per_core_plus_one(runner, tmp_path, monkeypatch):
    """A sync worker waits while its save is in the database; one per core plus one left the cores
    idle a tenth of the time under saturated autosave, so the default is gunicorn's own 2 × cores + 1."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 's.sqlite3'}")
    monkeypatch.setenv("DESIGNER_INSTANCE", str(tmp_path))
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    started: list[list[str]] = []

    def execv(path, argv):
        started.append(argv)
        raise SystemExit(0)

    monkeypatch.setattr("os.execv", execv)
    result = runner.invoke(cli, ["serve", "--no-worker", "--port", "8123"])
    assert result.exit_code == 0, result.output
    argv = started[0]
    assert argv[argv.index("--workers") + 1] == "9"
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8123"

    started.clear()
    assert runner.invoke(cli, ["serve", "--no-worker", "--workers", "2"]).exit_code == 0
    assert started[0][started[0].index("--workers") + 1] == "2"
    assert "[default: (2 × cores + 1)]" in " ".join(runner.invoke(cli, ["serve", "--help"]).output.split())
