"""Database engines and migrations: SQLite in ``instance/`` by default, PostgreSQL by URL."""

from __future__ import annotations

__all__ = ["make_engine", "upgrade", "current_revision", "head_revision"]

import logging
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, exc

logger = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(url: str, **kwargs) -> Engine:
    """Create the engine for ``url``; SQLite gets WAL mode, foreign keys and a busy timeout."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    engine = create_engine(url, **kwargs)
    _ping_after_idle(engine)
    return engine


#: A pooled connection idle this long (seconds) is pinged before it is used again.
IDLE_BEFORE_PING = 5.0


def _ping_after_idle(engine: Engine) -> None:
    """Ping a PostgreSQL connection before use only when it has sat idle in the pool: one that has
    been busy all along is known to be alive, and pinging it (``pool_pre_ping``) costs every
    request a round trip — a quarter of an autosave's time. A connection found dead is replaced;
    one that dies under load fails its request, and SQLAlchemy then replaces the whole pool."""

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_connection, record) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection, record, _proxy) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since <= IDLE_BEFORE_PING:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except Exception:  # noqa: BLE001 - a ping that fails in any way: this connection is done
            alive = False
        if not alive:  # the pool replaces it (and tries again) on this exception
            raise exc.DisconnectionError("the connection was closed while idle in the pool")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database's tables up to ``revision`` with Alembic."""
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """Return the Alembic revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """Return the newest migration's revision: what a current database is at."""
    return ScriptDirectory.from_config(_config()).get_current_head()
