"""Interviews: an interviewer schedules one and gets a candidate link — signed, expiring, single-use.

The link carries the interview's id signed with the app's secret (itsdangerous), so it can't be
guessed or altered; it expires with the interview; and the first candidate to open it starts the
session, which marks the interview used in the same conditional UPDATE, so a second opening (even at
the same moment) can't start another. When a candidate loses their browser mid-interview, the
interviewer replaces the link: the new one (once) brings them back to the same session, and the
old one stops working.
"""

from __future__ import annotations

__all__ = ["Interviews", "LinkError", "LINK_SALT"]

import secrets
from datetime import timedelta

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import Engine, delete, insert, select, update

from designer.errors import DesignerError, FieldError, NotFound, SessionFormatError
from designer.models import InterviewRow, table_of, utcnow
from designer.problems import get_problem
from designer.sessions import SessionStore, _aware

_INTERVIEWS = table_of(InterviewRow)
LINK_SALT = "designer.interview-link"
MAX_VALID_DAYS = 30


class LinkError(DesignerError):
    """A candidate link that can't start an interview: altered, expired or already used."""


class Interviews:
    """The interviews of one database, and the sessions their links start."""

    def __init__(self, engine: Engine, sessions: SessionStore, secret_key: str):
        self.engine = engine
        self.sessions = sessions
        self._signer = URLSafeSerializer(secret_key, salt=LINK_SALT)

    def schedule(
        self,
        interviewer_id: int,
        problem_id: str,
        rubric_id: str,
        duration_minutes: int,
        candidate_name: str = "",
        candidate_email: str = "",
        valid_days: float = 7,
    ) -> InterviewRow:
        """Schedule an interview.

        Raises
        ------
        SessionFormatError
            Naming each field that is wrong (problem, rubric, duration, valid_days).
        """
        from designer.rubric_library import RubricLibrary

        errors = []
        try:
            get_problem(problem_id)
        except NotFound as exc:
            errors.append(FieldError("problem", str(exc)))
        if not RubricLibrary(self.engine).exists(rubric_id):
            errors.append(FieldError("rubric", f"there is no rubric {rubric_id!r}"))
        if not 10 <= duration_minutes <= 180:
            errors.append(
                FieldError("duration_minutes", f"between 10 and 180 minutes, got {duration_minutes}")
            )
        if not 0 < valid_days <= MAX_VALID_DAYS:
            errors.append(
                FieldError("valid_days", f"between 1 hour and {MAX_VALID_DAYS} days, got {valid_days}")
            )
        if errors:
            raise SessionFormatError(errors)
        now = utcnow()
        row = InterviewRow(
            id=secrets.token_urlsafe(12),
            problem_id=problem_id,
            rubric_id=rubric_id,
            duration_minutes=duration_minutes,
            interviewer_id=interviewer_id,
            candidate_name=candidate_name.strip()[:200],
            candidate_email=candidate_email.strip()[:320],
            created_at=now,
            expires_at=now + timedelta(days=valid_days),
        )
        with self.engine.begin() as conn:
            conn.execute(insert(_INTERVIEWS).values(**row.model_dump()))
        return row

    def token(self, interview: InterviewRow) -> str:
        """The secret part of the candidate link."""
        return self._signer.dumps([interview.id, interview.link_generation])

    def replace_link(self, interview_id: str) -> InterviewRow:
        """A new link for the same interview: it brings the candidate back to their session once;
        earlier links stop working. Refused once the session is submitted.

        Raises
        ------
        LinkError
            When the interview's session is over.
        """
        interview = self.get(interview_id)
        if interview.session_id and self.sessions.get(interview.session_id).status != "open":
            raise LinkError(
                "The interview is over (its session was submitted); there is nothing to come back to."
            )
        expires = max(_aware(interview.expires_at), utcnow() + timedelta(days=1))
        with self.engine.begin() as conn:
            conn.execute(
                update(_INTERVIEWS)
                .where(_INTERVIEWS.c.id == interview_id)
                .values(link_generation=_INTERVIEWS.c.link_generation + 1, used_at=None, expires_at=expires)
            )
        return self.get(interview_id)

    def cancel(self, interview_id: str) -> None:
        """Call off an interview its candidate has not started: its link stops working.

        Raises
        ------
        NotFound
            When there is no such interview.
        LinkError
            When the candidate has started it (delete its session instead, from the review page).
        """
        self.get(interview_id)
        with self.engine.begin() as conn:
            # Only while unclaimed: a candidate joining at this moment wins, and nothing is orphaned.
            removed = conn.execute(
                delete(_INTERVIEWS).where(
                    _INTERVIEWS.c.id == interview_id,
                    _INTERVIEWS.c.used_at.is_(None),
                    _INTERVIEWS.c.session_id.is_(None),
                )
            ).rowcount
        if removed != 1:
            raise LinkError(
                "The candidate has started this interview; delete its session from the review page instead."
            )

    def get(self, interview_id: str) -> InterviewRow:
        with self.engine.connect() as conn:
            found = (
                conn.execute(select(_INTERVIEWS).where(_INTERVIEWS.c.id == interview_id)).mappings().first()
            )
        if found is None:
            raise NotFound(f"There is no interview {interview_id}.")
        return InterviewRow(**found)

    def of(self, interviewer_id: int | None) -> list[InterviewRow]:
        """An interviewer's interviews, newest first (every interview for None: the admin)."""
        query = select(_INTERVIEWS).order_by(_INTERVIEWS.c.created_at.desc())
        if interviewer_id is not None:
            query = query.where(_INTERVIEWS.c.interviewer_id == interviewer_id)
        with self.engine.connect() as conn:
            return [InterviewRow(**m) for m in conn.execute(query).mappings()]

    def interview_for(self, token: str) -> InterviewRow:
        """The interview a link names, if the signature holds.

        Raises
        ------
        LinkError
            When the link was altered or names no interview.
        """
        try:
            signed = self._signer.loads(token)
        except BadSignature:
            raise LinkError("This interview link is not valid: it was cut short or altered.") from None
        interview_id, generation = signed if isinstance(signed, list) and len(signed) == 2 else (signed, 0)
        try:
            interview = self.get(str(interview_id))
        except NotFound:
            raise LinkError("This interview link is not valid: the interview was removed.") from None
        if generation != interview.link_generation:
            raise LinkError(
                "This interview link was replaced by a newer one; use the newest link you were sent."
            )
        return interview

    def join(self, token: str):
        """Start the interview's session from its link, once.

        Returns the new session. Raises :class:`LinkError` for an altered, expired or used link.
        """
        interview = self.interview_for(token)
        now = utcnow()
        if _aware(interview.expires_at) <= now:
            raise LinkError("This interview link has expired; ask your interviewer for a new one.")
        with self.engine.begin() as conn:
            claimed = conn.execute(
                update(_INTERVIEWS)
                .where(_INTERVIEWS.c.id == interview.id, _INTERVIEWS.c.used_at.is_(None))
                .values(used_at=now)
            ).rowcount
        if claimed != 1:
            raise LinkError("This interview link was already used; it starts one session only.")
        if interview.session_id:  # a replaced link: back to the session already started
            return self.sessions.get(interview.session_id)
        row = self.sessions.create(
            interview.problem_id,
            mode="interview",
            candidate=interview.candidate_name,
            duration_minutes=interview.duration_minutes,
            interview_id=interview.id,
            rubric_id=interview.rubric_id,
        )
        with self.engine.begin() as conn:
            conn.execute(
                update(_INTERVIEWS).where(_INTERVIEWS.c.id == interview.id).values(session_id=row.id)
            )
        return row
