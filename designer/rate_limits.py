"""A storage for the ``limits`` library in the app's own database, so every worker counts sign-in
attempts together when there is no Redis (gunicorn's workers each had their own count in memory:
30 attempts a minute got through with three workers, not 10).

It serves ``limits``' moving-window strategy (each attempt is a row with its time, the window counts
the rows of the last ``expiry`` seconds); rows older than the window are deleted as new ones come.
"""

from __future__ import annotations

__all__ = ["DatabaseStorage"]

import time

from limits.storage import MovingWindowSupport, Storage
from sqlalchemy import Engine, delete, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError

from designer.models import SignInAttemptRow, table_of

_ATTEMPTS = table_of(SignInAttemptRow)


class DatabaseStorage(Storage, MovingWindowSupport):
    """``limits`` storage on a SQLAlchemy engine (SQLite or PostgreSQL), moving window only."""

    STORAGE_SCHEME = None  # made with an engine, never from a URI

    def __init__(self, engine: Engine):
        super().__init__()
        self.engine = engine

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        """Count ``amount`` attempts under ``key`` unless that takes it past ``limit`` in the window."""
        if amount > limit:
            return False
        now = time.time()
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":  # one count-then-insert per key at a time
                conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})
            # SQLite: this write takes the database's write lock, so the same holds there
            conn.execute(delete(_ATTEMPTS).where(_ATTEMPTS.c.at <= now - expiry))
            counted = conn.execute(
                select(func.count()).select_from(_ATTEMPTS).where(_ATTEMPTS.c.key == key[:400])
            ).scalar_one()
            if counted + amount > limit:
                return False
            conn.execute(insert(_ATTEMPTS), [{"key": key[:400], "at": now}] * amount)
        return True

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        """The oldest attempt in the window and how many there are."""
        now = time.time()
        with self.engine.connect() as conn:
            oldest, counted = conn.execute(
                select(func.min(_ATTEMPTS.c.at), func.count()).where(
                    _ATTEMPTS.c.key == key[:400], _ATTEMPTS.c.at > now - expiry
                )
            ).one()
        return (oldest or now), counted

    # The fixed-window API, which the moving window does not use: answered from the same rows.
    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        with self.engine.begin() as conn:
            conn.execute(insert(_ATTEMPTS), [{"key": key[:400], "at": now}] * amount)
        return self.get(key)

    def get(self, key: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(
                select(func.count()).select_from(_ATTEMPTS).where(_ATTEMPTS.c.key == key[:400])
            ).scalar_one()

    def get_expiry(self, key: str) -> float:
        return time.time()

    def check(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(select(1))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with self.engine.begin() as conn:
            return conn.execute(delete(_ATTEMPTS)).rowcount

    def clear(self, key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(_ATTEMPTS).where(_ATTEMPTS.c.key == key[:400]))
