"""Who may do what with a session: one policy, used by every route and by the session list.

No Flask here, so the rules are tested as plain functions and read in one place. The README's
authorization table is this module in prose.

- **view**: see the workspace, the report, the review page, exports, live updates.
- **edit**: change the board and panels, move between steps, take hints, submit.
- **review**: score manual criteria, override results, write notes and a recommendation.
- **grade**: see the grade (report, review page, exports). An interview's grade is for its reviewers
  and the instructors who may see it, never for the candidate being interviewed; a practice
  session's grade is for whoever may view it.
- **delete**: remove the session and all it holds, for good. A practice session is its candidate's:
  the account that owns it, or the browser that started it without one (not whoever has its link);
  an interview is its interviewer's (with the interview itself). The admin may delete any.
"""

from __future__ import annotations

__all__ = ["Viewer", "SessionFacts", "can", "listed", "ACTIONS"]

from dataclasses import dataclass, field

ACTIONS = ("view", "edit", "review", "grade", "delete")


@dataclass(frozen=True)
class Viewer:
    """Whoever is asking: an account (id and role) or nobody, and the sessions this browser holds.

    ``granted`` are sessions this browser started without an account or opened by a candidate link.
    """

    user_id: int | None = None
    role: str | None = None
    granted: frozenset[str] = frozenset()

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None


@dataclass(frozen=True)
class SessionFacts:
    """What the policy needs to know about a session."""

    id: str
    owner_id: int | None = None
    interview_id: str | None = None
    interviewer_id: int | None = None
    shared_with: frozenset[int] = field(default_factory=frozenset)
    #: Authors of the rubric the session is graded with (instructors see those sessions).
    rubric_authors: frozenset[int] = field(default_factory=frozenset)

    @property
    def unlisted_practice(self) -> bool:
        """Started without an account and not from an interview: open to whoever has the link."""
        return self.owner_id is None and self.interview_id is None


def can(viewer: Viewer, action: str, session: SessionFacts) -> bool:
    """Whether ``viewer`` may ``action`` (one of :data:`ACTIONS`) ``session``.

    Examples
    --------
    >>> interview = SessionFacts("s1", interview_id="i1", interviewer_id=7)
    >>> can(Viewer(7, "interviewer"), "review", interview), can(Viewer(7, "interviewer"), "edit", interview)
    (True, False)
    >>> can(Viewer(granted=frozenset({"s1"})), "edit", interview)
    True
    >>> can(Viewer(8, "interviewer"), "view", interview)
    False
    >>> can(Viewer(7, "interviewer"), "delete", interview), can(Viewer(granted=frozenset({"s1"})), "delete", interview)
    (True, False)
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if action == "delete":
        if viewer.role == "admin":
            return True
        if session.interview_id is not None:
            return viewer.role == "interviewer" and viewer.user_id == session.interviewer_id
        return session.id in viewer.granted or (viewer.signed_in and viewer.user_id == session.owner_id)
    candidate = (
        session.unlisted_practice
        or session.id in viewer.granted
        or (viewer.signed_in and viewer.user_id == session.owner_id)
    )
    if action == "edit":
        return candidate  # a candidate's work is theirs alone to change
    reviewer = viewer.role == "admin" or (
        viewer.role == "interviewer"
        and (viewer.user_id == session.interviewer_id or viewer.user_id in session.shared_with)
    )
    if action == "review":
        return reviewer
    instructor = viewer.role == "instructor" and viewer.user_id in session.rubric_authors
    if action == "grade" and session.interview_id is not None:
        return reviewer or instructor
    return candidate or reviewer or instructor


def listed(viewer: Viewer, session: SessionFacts) -> bool:
    """Whether ``session`` appears in ``viewer``'s lists of sessions (the home page, the session list,
    the CSV): a session this browser or account holds, reviews, or graded with a rubric it wrote —
    not every practice session open by its link. The admin lists every session.

    :mod:`designer.access_sql` says the same in SQL; a test checks that the two agree.

    Examples
    --------
    >>> unlisted = SessionFacts("s1")
    >>> can(Viewer(7, "candidate"), "view", unlisted), listed(Viewer(7, "candidate"), unlisted)
    (True, False)
    >>> listed(Viewer(granted=frozenset({"s1"})), unlisted), listed(Viewer(1, "admin"), unlisted)
    (True, True)
    """
    if viewer.role == "admin":
        return True
    holds = session.id in viewer.granted or (viewer.signed_in and viewer.user_id == session.owner_id)
    wrote_rubric = viewer.role == "instructor" and viewer.user_id in session.rubric_authors
    return holds or can(viewer, "review", session) or wrote_rubric
