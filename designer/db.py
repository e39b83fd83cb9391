"""Database engines and migrations: SQLite in ``instance/`` by default, PostgreSQL by URL."""

from __future__ import annotations

__all__ = ["make_engine", "upgrade", "current_revision", "head_revision", "AutocommitConnections"]

import contextlib
import logging
import os
import threading
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


class AutocommitConnections:
    """One autocommit connection to PostgreSQL per thread, beside ``engine``'s pool, for statements
    that are atomic on their own (the autosave's): sent in autocommit, each is one round trip.

    The pool lends a connection through a checkout and takes it back through a reset, which cost
    the autosave a quarter of its time in the database; a thread's own connection needs neither.
    Like the pool's, it is pinged before use when it has sat idle (:data:`IDLE_BEFORE_PING`) and
    replaced when found dead; one that breaks under a statement fails that statement and is replaced
    for the next. All are closed when the engine is disposed; a forked process opens its own.
    """

    def __init__(self, engine: Engine):
        self._engine = engine
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[tuple[int, Any]] = []  # (the process that opened it, the connection)
        event.listen(engine, "engine_disposed", lambda _engine: self.close())
        # an engine dropped without dispose() closes them too, instead of the collector warning
        weakref.finalize(self, _close_all, self._opened)

    @contextlib.contextmanager
    def cursor(self) -> Iterator[Any]:
        """A cursor on this thread's connection (opened, or replaced, as needed)."""
        connection = self._connection()
        try:
            with connection.cursor() as cursor:
                yield cursor
        finally:
            if connection.broken:
                self._forget(connection)
            self._local.idle_since = time.monotonic()

    def close(self) -> None:
        """Close every connection opened here (each thread opens a new one when it next needs one)."""
        with self._lock:
            _close_all(self._opened)

    def _connection(self) -> Any:
        local = self._local
        connection = getattr(local, "connection", None)
        if connection is not None and (local.pid != os.getpid() or connection.closed):
            connection = None  # a parent's (never to be used or closed here), or closed on dispose
        elif connection is not None and time.monotonic() - local.idle_since > IDLE_BEFORE_PING:
            try:
                self._engine.dialect.do_ping(connection)
            except Exception:  # noqa: BLE001 - a ping that fails in any way: this connection is done
                self._forget(connection)
                connection = None
        if connection is None:
            cargs, cparams = self._engine.dialect.create_connect_args(self._engine.url)
            connection = self._engine.dialect.loaded_dbapi.connect(*cargs, **cparams, autocommit=True)
            local.connection, local.pid, local.idle_since = connection, os.getpid(), time.monotonic()
            with self._lock:
                self._opened.append((os.getpid(), connection))
        return connection

    def _forget(self, connection: Any) -> None:
        self._local.connection = None
        with self._lock:
            self._opened[:] = [(pid, c) for pid, c in self._opened if c is not connection]
        with contextlib.suppress(Exception):  # it is gone either way
            connection.close()


def _close_all(opened: list[tuple[int, Any]]) -> None:
    """Close the connections this process opened; a forked child leaves its parent's alone (closing
    one would end the parent's session on the socket they share)."""
    while opened:
        pid, connection = opened.pop()
        if pid == os.getpid():
            connection.close()


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
