"""The ``designer`` command: serve the app and manage its database without the browser."""

from __future__ import annotations

import gc
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click


class _ChoiceReadLater(click.Choice):
    """A choice whose values are read when first needed, so ``designer --help`` imports none of them."""

    def __init__(self, load):
        self._load = load
        self.case_sensitive = True

    @property
    def choices(self):
        return tuple(self._load())


def _export_endings() -> list[str]:
    from designer.formats import EXPORTS

    return list(EXPORTS)


def _app():
    from app import create_app

    return create_app()


def default_workers(cores: int | None) -> int:
    """gunicorn's own advice, 2 × cores + 1: a sync worker sits idle while its save is in the
    database (the round trip, the commit's flush), and with one worker per core plus one the cores
    stood idle a tenth of the time under saturated autosave (see the README's "Benchmarks")."""
    return 2 * (cores or 1) + 1


@click.group()
@click.version_option(package_name="designer")
def cli() -> None:
    """designer: a system design whiteboard that grades itself."""


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers",
    default=lambda: default_workers(os.cpu_count()),
    show_default="2 × cores + 1",
    type=int,
    help="gunicorn worker processes.",
)
@click.option(
    "--threads",
    default=1,
    show_default=True,
    type=int,
    help="Threads per worker (measured slower for autosave than more processes; see benchmarks/).",
)
@click.option("--dev", is_flag=True, help="Flask's reloading development server instead of gunicorn.")
@click.option(
    "--no-worker",
    is_flag=True,
    help="Don't start a job worker beside the app (when `designer worker` runs elsewhere).",
)
def serve(host: str, port: int, workers: int, threads: int, dev: bool, no_worker: bool) -> None:
    """Migrate the database, start a job worker, then serve the app with gunicorn (or --dev)."""
    if os.environ.get("DESIGNER_METRICS_TOKEN") and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Each gunicorn worker counts in its own files here, so any worker can answer /metrics for
        # all of them; emptied at start, as prometheus_client asks.
        folder = Path(os.environ.get("DESIGNER_INSTANCE", Path(__file__).resolve().parents[1] / "instance"))
        metrics = folder / "prometheus"
        shutil.rmtree(metrics, ignore_errors=True)
        metrics.mkdir(parents=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics)
    app = _app()  # runs the migrations once, before any worker starts
    click.echo(
        f"designer: database ready ({app.config['DATABASE_URL'].split('://')[0]}); "
        f"serving on http://{host}:{port}/"
    )
    if not no_worker:  # the README's one command runs the background jobs too
        subprocess.Popen([sys.executable, "-m", "designer", "worker", "--with-parent"])
    if dev:
        app.run(host=host, port=port, debug=True)
        return
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which("gunicorn")
    if gunicorn is None:
        raise click.ClickException("gunicorn is not installed; run `pip install -e .` first.")
    os.execv(
        gunicorn,
        [
            gunicorn,
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "app:create_app()",  # each request logs one JSON line of its own (designer.web.ops)
        ],
    )


@cli.command()
@click.option("--threads", default=1, show_default=True, type=int, help="Jobs this process runs at once.")
@click.option("--with-parent", is_flag=True, hidden=True, help="Stop when the process that started it ends.")
def worker(threads: int, with_parent: bool) -> None:
    """Run background jobs (regrades) from the queue until stopped: Ctrl-C lets the running job
    reach its next session. Run as many as you like, on as many machines: each job runs once."""
    app = _app()
    queue = app.extensions["designer.queue"]
    if queue.huey.immediate:
        raise click.ClickException("JOBS_IMMEDIATE is set: jobs run in the app; there is nothing to work on.")
    revived = queue.revive()  # jobs a killed worker left, their lease run out
    click.echo(
        f"designer worker: queue on {queue.where}; {queue.pending()} job message(s) waiting, "
        f"{len(revived)} job(s) taken up again from a worker that went quiet."
    )
    if with_parent:
        parent = os.getppid()

        def stop_with_parent() -> None:
            while os.getppid() == parent:
                time.sleep(1)
            os.kill(os.getpid(), signal.SIGINT)  # the consumer's graceful stop

        threading.Thread(target=stop_with_parent, daemon=True).start()
    queue.consumer(threads).run()


@cli.group()
def db() -> None:
    """Manage the database (SQLite in instance/, or DATABASE_URL)."""


@db.command()
def upgrade() -> None:
    """Bring the database's tables up to date."""
    from designer.db import current_revision, make_engine
    from designer.db import upgrade as run_upgrade

    url = os.environ.get("DATABASE_URL") or _app().config["DATABASE_URL"]
    engine = make_engine(url)
    run_upgrade(engine)
    click.echo(f"designer: database at revision {current_revision(engine)}")


def _read_session(path: str) -> dict:
    from designer.batch import read_session
    from designer.errors import DesignerError

    try:
        return read_session(Path(path))
    except DesignerError as exc:
        raise click.ClickException(str(exc)) from None


def _load_rubric(ref: str):
    from designer.rubric import RubricError, load_rubric

    try:
        return load_rubric(ref)
    except RubricError as exc:
        raise click.ClickException(str(exc)) from None


#: What :func:`main` hands the command as its context's ``obj``: run as the console script.
_CONSOLE = "designer console script"


def main() -> None:
    """The console script (``designer``, and ``python -m designer``): :func:`cli`, as a process of
    its own (see :func:`_leave`)."""
    cli.main(prog_name="designer", obj=_CONSOLE)


def _leave(code: int, at_once: bool) -> NoReturn:
    """End the command with ``code``: ``at_once`` when it is its own process, else as ``sys.exit``.

    A process that has graded a file has about 650 modules and 50,000 objects; tearing them down one
    by one takes ~50 ms, a sixth of a small grade, and does nothing a dying process needs: its files
    are written and closed and stdout and stderr are flushed here. Not ``at_once`` after a process
    pool, whose semaphores multiprocessing cleans up at exit; nor run from within another program
    (``CliRunner``, ``cli()``).
    """
    if not at_once or click.get_current_context().find_root().obj != _CONSOLE:
        sys.exit(code)
    # A reader gone away (`| head`) raises here, and click then exits 1 the usual way.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


@contextmanager
def _importing() -> Iterator[None]:
    """Import without the cyclic collector, then freeze what was imported.

    Importing networkx, pydantic and the checks makes ~50,000 objects that live as long as the
    process; the collector walks them again and again while they arrive and in each full collection
    after (together ~30 ms of a small grade). Frozen, no collection walks them again; garbage made
    afterwards is still collected.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


class _UsageExit(click.ClickException):
    """Unusable input: exit status 2, as `designer grade` promises."""

    exit_code = 2


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--rubric",
    "rubric_ref",
    default=None,
    help="A rubric id or a rubric file (default: the problem's own, or interview-checklist).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the designer.report/1 JSON (--format json).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl", "csv", "junit", "sarif"]),
    default=None,
    help="How to print the outcome (default text).",
)
@click.option("--jobs", type=int, default=None, help="Processes grading in parallel (default: one per core).")
@click.option("--fail-under", type=float, default=None, help="Exit 1 when any score is under this.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write to this file.")
def grade(
    paths: tuple[str, ...],
    rubric_ref: str | None,
    as_json: bool,
    fmt: str | None,
    jobs: int | None,
    fail_under: float | None,
    output: str | None,
) -> None:
    """Grade session files and diagrams (files, folders, globs) and explain every point won or lost.

    One file prints every criterion; several print a line each (or --format json, jsonl, csv, junit,
    sarif). Exit 0, 1 when a score is under --fail-under, 2 when a file or the rubric is unusable.
    """
    with _importing():
        from designer.batch import collect, grade_files, write
        from designer.grading import grade as _grade  # noqa: F401  # what every grade needs: imported now

    fmt = fmt or ("json" if as_json else "text")
    if rubric_ref is not None:
        try:
            _load_rubric(rubric_ref)
        except click.ClickException as exc:
            raise _UsageExit(exc.message) from None
    files, missing = collect(paths)
    single = len(paths) == 1 and len(files) == 1 and not missing and Path(paths[0]).is_file()
    if jobs is not None and jobs < 1:
        raise _UsageExit("--jobs must be 1 or more")
    outcomes = missing + grade_files(files, rubric_ref, jobs)
    if single and fmt in ("text", "json"):
        outcome = outcomes[0]
        if not outcome.ok:
            raise _UsageExit(outcome.error or "")
        text = (
            json.dumps(outcome.report, indent=2, ensure_ascii=False)
            if fmt == "json"
            else _report_text(outcome)
        )
    else:
        text = write(outcomes, fmt, fail_under)
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)
    alone = len(files) <= 1  # graded here, without a process pool
    if any(not o.ok for o in outcomes) or not outcomes:
        if not outcomes:
            click.echo("designer grade: no session or diagram file found", err=True)
        _leave(2, alone)
    _leave(1 if fail_under is not None and any((o.score or 0) < fail_under for o in outcomes) else 0, alone)


def _report_text(outcome) -> str:
    report = outcome.report
    marks = {"pass": "✓", "fail": "✗", "partial": "◐", "not_assessable": "–", "error": "!"}
    lines = []
    for section in report["sections"]:
        score = "manual only" if section["score"] is None else f"{section['earned']:g}/{section['max']:g}"
        lines.append(f"\n{section['title']} ({score})")
        for result in (r for r in report["results"] if r["step"] == section["step"]):
            points = f"{result['points']:g}/{result['max']:g}" if result["max"] else "n/a"
            lines.append(f"  {marks[result['status']]} {result['criterion']} [{points}] {result['message']}")
            if result["feedback"]:
                lines.append(f"      {result['feedback']}")
    if report["manual"]:
        lines.append(
            "\nFor the interviewer: " + ", ".join(m["title"] or m["criterion"] for m in report["manual"])
        )
    lines.append(f"\n{report['score']:g}/100 with {outcome.rubric} v{outcome.version}")
    return "\n".join(lines)


@cli.command("capacity")
@click.argument("session", type=click.Path(dir_okay=False))
@click.option(
    "--fail",
    "fail",
    default=None,
    metavar="BOX",
    help="Fail this box (its id or its label) and show what breaks.",
)
@click.option("--instance", is_flag=True, help="With --fail: fail one instance of the box, not all of it.")
@click.option(
    "--times", default=1.0, show_default=True, type=float, help="Scale the peak: 10 for ten times it."
)
@click.option(
    "--read", "read_row", default=None, metavar="ROW", help="The estimate row to take the peak reads from."
)
@click.option(
    "--write", "write_row", default=None, metavar="ROW", help="The estimate row to take the peak writes from."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def capacity_command(
    session: str,
    fail: str | None,
    instance: bool,
    times: float,
    read_row: str | None,
    write_row: str | None,
    as_json: bool,
) -> None:
    """Check a board against its own peak: each box's load, capacity and utilisation, and a drill."""
    from designer.capacity import explain

    try:
        data = _read_session(session)
    except click.ClickException as exc:
        raise _UsageExit(exc.message) from None
    if times <= 0:
        raise _UsageExit("--times must be more than 0")
    box = None
    if fail is not None:
        nodes = [n["data"] for n in (data.get("board") or {}).get("nodes") or []]
        box = next((n["id"] for n in nodes if n["id"] == fail), None) or next(
            (n["id"] for n in nodes if (n.get("label") or "").strip().lower() == fail.strip().lower()), None
        )
        if box is None:
            known = ", ".join(n["id"] for n in nodes) or "none"
            raise _UsageExit(f"--fail {fail!r}: no box has that id or label (ids: {known})")
    report = explain(data, box, whole=not instance, times=times, read_row=read_row, write_row=write_row)
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    click.echo(_capacity_text(report))


def _capacity_text(report: dict) -> str:
    from designer.units import format_quantity, quantity

    def rate(x: float) -> str:
        return format_quantity(quantity(x, "1/second")) if x else "0"

    peak = report["peak"]
    used = [f"{r['name']} = {r['value']}" for r in peak["read_rows"] + peak["write_rows"]]
    times = f" × {peak['times']:g}" if peak["times"] != 1 else ""
    lines = [
        f"Peak{times}: {rate(peak['reads'])} reads, {rate(peak['writes'])} writes"
        + (f" (from {', '.join(used)})" if used else "")
    ]
    lines += [f"  note: {note}" for note in report["notes"]]
    table = [("box", "kind", "×", "load", "capacity", "utilisation", "verdict")]
    for box in report["boxes"]:
        cap = box["capacity"]
        per = "-" if cap is None else f"{rate(cap['reads'])} r / {rate(cap['writes'])} w"
        u = "-" if box["utilisation"] is None else f"{box['utilisation']:.0%}"
        table.append(
            (box["label"], box["kind"], str(box["replicas"]), rate(box["load"]), per, u, box["verdict"])
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines.append("")
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in table]
    labels = {b["id"]: b["label"] for b in report["boxes"]}
    if report["bottleneck"]:
        held = report["holds_up_to"]
        lines.append(
            f"\nBottleneck: {labels[report['bottleneck']]}; the design holds about {held:.2g}× this peak."
        )
    path = report["slowest_path"]
    if path["boxes"]:
        lines.append(
            f"Slowest path: {' → '.join(labels[b] for b in path['boxes'])}, {path['latency_ms']:g} ms"
        )
    if report["paths"]:
        lines.append("Client paths, least available first:")
        for p in report["paths"]:
            label = f" ({p['label']})" if p["label"] else ""
            lines.append(
                f"  {p['availability']:.4%} ({p['nines']:.1f} nines): {' → '.join(p['path'])}{label}"
            )
    drill = report.get("drill")
    if drill:
        what = "one instance of " if not drill["whole"] else ""
        lines.append(f"\nFail {what}{labels[drill['box']]}: {drill['verdict']}")
        if drill["failover"]:
            lines.append(f"  fails over to {labels[drill['failover']]}")
        if drill["rest_utilisation"] is not None:
            lines.append(f"  the rest run at {drill['rest_utilisation']:.0%} of their capacity")
        for b in drill["broken"]:
            lines.append(f"  broken: {' → '.join(b['path'])} ({b['label'] or b['arrow']}), by {b['because']}")
        for d in drill["degraded"]:
            lines.append(f"  degraded: {d['label']} at {d['utilisation']:.0%} of its capacity")
        lines.append(f"  still served: {drill['surviving']} arrow(s)")
    return "\n".join(lines)


@cli.command("checks")
@click.option(
    "--markdown", is_flag=True, help="Write the reference page (docs/checks.md) to standard output."
)
def list_checks(markdown: bool) -> None:
    """List the registered checks with their documentation."""
    from designer.checks.registry import all_checks

    checks = all_checks()
    if markdown:
        click.echo(checks_reference())
        return
    for check in checks:
        click.echo(f"{check.id}  ({check.points} pt)  {check.summary}")
        params = [name for name in check.params.model_fields]
        if params:
            click.echo(f"    params: {', '.join(params)}")
    click.echo(f"{len(checks)} checks")


def checks_reference() -> str:
    """Return the Markdown reference of every check, generated from the registry."""
    from designer.checks.registry import all_checks

    out = [
        "# Checks",
        "",
        "Generated by `designer checks --markdown` from the registry; each check's "
        "documentation is its module's docstring.",
        "",
    ]
    for check in all_checks():
        out += [
            f"## `{check.id}`",
            "",
            f"{check.summary}. Default points: {check.points}. Serves: {check.serves}.",
            "",
            textwrap.dedent(check.doc.split("\n", 1)[1]).strip(),
            "",
            "Messages:",
            "",
        ]
        out += [f"- `{key}`: {text}" for key, text in check.messages.items()]
        out.append("")
    return "\n".join(out)


@cli.group()
def rubric() -> None:
    """Validate, test, create and describe rubrics (YAML files under rubrics/)."""


@rubric.command()
@click.argument("files", nargs=-1, required=True)
def validate(files: tuple[str, ...]) -> None:
    """Validate rubric files (or ids); every problem is reported at its line."""
    from designer.rubric import RubricError, load_rubric
    from designer.rubric_tests import load_tests_file

    failed = 0
    for ref in files:
        try:
            if ref.endswith(".tests.yaml"):
                tests = load_tests_file(Path(ref))
                click.echo(f"{ref}: ok (tests of {tests.rubric}, {len(tests.cases)} cases)")
                continue
            resolved = load_rubric(ref)
        except RubricError as exc:
            failed += 1
            click.echo(str(exc), err=True)
            continue
        click.echo(f"{ref}: ok ({resolved.id} v{resolved.version}, {len(resolved.criteria())} criteria)")
    if failed:
        raise click.ClickException(f"{failed} of {len(files)} rubrics have errors")


@rubric.command("test")
@click.argument("ids", nargs=-1)
def test_rubrics(ids: tuple[str, ...]) -> None:
    """Run rubrics' own tests (all rubrics with a tests file by default)."""
    from designer.rubric import RubricError, list_rubrics
    from designer.rubric_tests import run_rubric_tests, tests_path

    ids = ids or tuple(i for i in list_rubrics() if tests_path(i).is_file())
    failures = 0
    cases = 0
    for rubric_id in ids:
        try:
            results = run_rubric_tests(rubric_id)
        except RubricError as exc:
            failures += 1
            click.echo(str(exc), err=True)
            continue
        for result in results:
            cases += 1
            state = "todo" if result.todo else ("ok" if result.ok else "FAIL")
            click.echo(f"{rubric_id}: {state}  {result.name}  (score {result.score})")
            for problem in result.problems:
                click.echo(f"    {problem}")
            failures += 0 if result.ok else 1
    if failures:
        raise click.ClickException(f"{failures} failing rubric test case(s)")
    click.echo(f"{cases} rubric test cases passed")


@rubric.command("new")
@click.argument("rubric_id")
@click.option("--title", default=None, help="The problem's title.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new_rubric(rubric_id: str, title: str | None, force: bool) -> None:
    """Write a commented skeleton rubric to rubrics/ID.yaml."""
    import re

    from designer.rubric import RUBRICS_DIR
    from designer.rubric_library import skeleton

    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", rubric_id):
        raise click.UsageError(f"{rubric_id!r} is not a rubric id: use lower-case letters, digits, - and _.")
    path = RUBRICS_DIR / f"{rubric_id}.yaml"
    if path.exists() and not force:
        raise click.ClickException(f"{path} exists; pass --force to overwrite it.")
    path.write_text(skeleton(rubric_id, title))
    click.echo(f"wrote {path}")


@rubric.command("schema")
def schema() -> None:
    """Print the JSON Schema of the rubric language."""
    from designer.rubric import rubric_schema

    click.echo(json.dumps(rubric_schema(), indent=2))


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the session file here (default: stdout)."
)
@click.option("--problem", default="imported", help="The problem id to give the session.")
@click.option("--page", default=None, help="A draw.io file's page, by name or number (default: the first).")
def import_command(file: str, output: str | None, problem: str, page: str | None) -> None:
    """Turn a diagram (Mermaid, Excalidraw, draw.io) into a designer.session/1 file, showing each inferred kind."""
    from designer.errors import DesignerError
    from designer.formats import import_board, session_from_board

    try:
        result = import_board(Path(file), page)
    except DesignerError as exc:
        raise _UsageExit(str(exc)) from None
    for node in result.board["nodes"]:
        inference = result.inferred[node["data"]["id"]]
        replicas = f" ×{inference.replicas}" if inference.replicas > 1 else ""
        managed = ", managed" if inference.managed else ""
        click.echo(
            f"  {node['data']['label']!r} → {inference.kind}{replicas}{managed} ({inference.reason})",
            err=True,
        )
    for warning in result.warnings:
        click.echo(f"  note: {warning}", err=True)
    text = json.dumps(session_from_board(result.board, problem), indent=2, ensure_ascii=False)
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)
    boxes, arrows = len(result.board["nodes"]), len(result.board["edges"])
    click.echo(
        f"imported {boxes} box{'es' if boxes != 1 else ''} and {arrows} arrow{'s' if arrows != 1 else ''} "
        f"from {file}" + (f" into {output}" if output else ""),
        err=True,
    )


@cli.command("export")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--to",
    "fmt",
    required=True,
    type=_ChoiceReadLater(_export_endings),
    help="The format to write.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here (default: stdout).")
def export_command(file: str, fmt: str, output: str | None) -> None:
    """Write a session's board (or a diagram's) in another format (Mermaid, Excalidraw, draw.io, SVG…)."""
    from designer.formats import export_board

    text = export_board(_read_session(file)["board"], fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@cli.group()
def users() -> None:
    """Accounts: add them, list them, change a role."""


def _accounts():
    from designer.accounts import Accounts
    from designer.db import make_engine, upgrade

    url = os.environ.get("DATABASE_URL") or _app().config["DATABASE_URL"]
    engine = make_engine(url)
    upgrade(engine)
    return Accounts(engine)


@users.command("add")
@click.argument("email")
@click.option(
    "--role",
    type=click.Choice(["candidate", "interviewer", "instructor", "admin"]),
    default="candidate",
    show_default=True,
)
@click.option("--name", default="", help="The name shown in the app.")
@click.option(
    "--password",
    envvar="DESIGNER_PASSWORD",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="Asked for when not given (or set DESIGNER_PASSWORD).",
)
def add_user(email: str, role: str, name: str, password: str) -> None:
    """Create an account that signs in with EMAIL."""
    from designer.accounts import AccountError

    try:
        user = _accounts().add(email, password, role, name)
    except AccountError as exc:
        raise _UsageExit(str(exc)) from None
    click.echo(f"added {user.email} as {user.role}")


@users.command("list")
def list_users() -> None:
    """Every account: email, role, and whether it can sign in."""
    for user in _accounts().all():
        state = "" if user.active else "  (turned off)"
        click.echo(f"{user.email}\t{user.role}\t{user.name}{state}")


@users.command("role")
@click.argument("email")
@click.argument("role", type=click.Choice(["candidate", "interviewer", "instructor", "admin"]))
def set_user_role(email: str, role: str) -> None:
    """Give the account EMAIL another role."""
    from designer.accounts import AccountError

    accounts = _accounts()
    user = accounts.by_email(email)
    if user is None:
        raise _UsageExit(f"there is no account for {email}")
    try:
        accounts.set_role(user.id, role)
    except AccountError as exc:
        raise _UsageExit(str(exc)) from None
    click.echo(f"{user.email} is now {role}")
