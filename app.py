"""The Flask application: ``create_app()`` builds it; nothing imports a global app object."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from flask import Flask

from designer.session_format import MAX_REQUEST_BYTES

ROOT = Path(__file__).resolve().parent


def _secret_key(instance: Path) -> str:
    """Return the instance's secret key, creating one on first run so a fresh machine needs no set-up."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def create_app(test_config: dict | None = None) -> Flask:
    """Create and configure an instance of the Flask application."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("DESIGNER_INSTANCE", str(ROOT / "instance")),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        DATABASE_URL=os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'designer.sqlite3'}",
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        AUTO_MIGRATE=True,
        SEND_FILE_MAX_AGE_DEFAULT=3600,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY") or _secret_key(instance)
    logging.basicConfig(level=os.environ.get("DESIGNER_LOG_LEVEL", "INFO"))

    from designer import web

    web.init_app(app)
    return app
