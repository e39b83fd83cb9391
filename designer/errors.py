"""The exceptions the domain raises, one hierarchy so callers can catch what they can explain."""

from __future__ import annotations

__all__ = [
    "DesignerError",
    "SessionFormatError",
    "LimitExceeded",
    "StaleRevision",
    "SessionClosed",
    "NotFound",
    "Forbidden",
    "FieldError",
]

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One invalid field: its JSON path (``board.nodes[3].data.kind``) and what was expected."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class DesignerError(Exception):
    """Base of every error the designer domain raises on purpose."""


class SessionFormatError(DesignerError):
    """A session file (or part of one) does not follow ``designer.session/1``."""

    def __init__(self, errors: list[FieldError], unlisted: int = 0):
        """``unlisted``: problems found beyond ``errors``, counted in one last entry (with no path)."""
        found = len(errors) + unlisted
        lines = "; ".join(str(e) for e in errors[:5])
        more = f" (and {found - 5:,} more)" if found > 5 else ""
        if unlisted:
            errors = [*errors, FieldError("", f"and {unlisted:,} more problems like these")]
        self.errors = errors
        super().__init__(f"The session is not valid: {lines}{more}.")


class LimitExceeded(SessionFormatError):
    """A board, text field or request is over the size limits."""


class StaleRevision(DesignerError):
    """A save was based on a revision that is no longer the newest."""

    def __init__(self, session_id: str, based_on: int | None, current: int):
        self.session_id = session_id
        self.based_on = based_on
        self.current = current
        super().__init__(
            f"Session {session_id} is at revision {current}, but this save was based on "
            f"revision {based_on}. Reload it, or resend with If-Match: {current} to overwrite."
        )


class SessionClosed(DesignerError):
    """The session was submitted and is read-only."""


class NotFound(DesignerError):
    """A session, problem or revision that does not exist."""


class Forbidden(DesignerError):
    """Who is asking may not do this (see :mod:`designer.access`)."""
