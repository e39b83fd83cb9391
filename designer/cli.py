"""The ``designer`` command: serve the app and manage its database without the browser."""

from __future__ import annotations

import os
import shutil
import sys

import click


def _app():
    from app import create_app

    return create_app()


@click.group()
@click.version_option(package_name="designer")
def cli() -> None:
    """designer: a system design whiteboard that grades itself."""


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", default=2, show_default=True, type=int, help="gunicorn worker processes.")
@click.option("--threads", default=4, show_default=True, type=int, help="Threads per worker.")
@click.option("--dev", is_flag=True, help="Flask's reloading development server instead of gunicorn.")
def serve(host: str, port: int, workers: int, threads: int, dev: bool) -> None:
    """Migrate the database, then serve the app with gunicorn (or --dev)."""
    app = _app()  # runs the migrations once, before any worker starts
    click.echo(
        f"designer: database ready ({app.config['DATABASE_URL'].split('://')[0]}); "
        f"serving on http://{host}:{port}/"
    )
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
            "--access-logfile",
            "-",
            "app:create_app()",
        ],
    )


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
