"""Automatic grades kept by what they depend on, so a session is graded once per change.

Grading is deterministic (:mod:`designer.grading`), but the process checks read the whole history,
which on a long session costs more than the rest of the page: 0.4 s for 2,000 autosaves. Every
judgement, regrade and reload of the review page asked for the same grade again.

A grade depends on the session file and the rubric. The history is append-only (revision ``n``
never changes once saved), so the session's id and revision stand for it; everything else in the
file (board, panels, steps, status, meta, hints) is hashed, as is the resolved rubric, so a changed
step, a new hint or a new draft of the rubric is a new key and never a stale grade. The history is
read only on a miss.

The cache is per process (each gunicorn worker grades a session once), bounded, and thread safe;
callers get their own copy, free to change.
"""

from __future__ import annotations

__all__ = ["GradeCache"]

import copy
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from designer.grading import grade
from designer.report import Report
from designer.rubric import Rubric


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class GradeCache:
    """The newest automatic grades, least recently used dropped first."""

    def __init__(self, size: int = 256):
        self.size = size
        self._grades: OrderedDict[tuple, Report] = OrderedDict()
        self._lock = threading.Lock()
        self.misses = 0

    def clear(self) -> None:
        """Forget every kept grade."""
        with self._lock:
            self._grades.clear()

    def grade(
        self,
        session: dict,
        revision: int,
        rubric: Rubric,
        history: Callable[[], list[dict]] | None,
    ) -> Report:
        """Return the grade of ``session`` (a session file without its history) with ``rubric``.

        ``history`` reads the session's history; it is called only when the grade is not kept.
        ``session["meta"]["id"]`` and ``revision`` name the history it would return. Without it
        (``None``) the grade is made, and kept apart, with no history: the checks that read it
        (``Check.reads_history``) then say they can't assess the session.
        """
        without_history = {k: v for k, v in session.items() if k != "history"}
        key = (
            session.get("meta", {}).get("id"),
            revision,
            history is not None,
            _digest(without_history),
            hashlib.sha256(rubric.model_dump_json().encode()).hexdigest(),
        )
        with self._lock:
            kept = self._grades.get(key)
            if kept is not None:
                self._grades.move_to_end(key)
                return copy.deepcopy(kept)
        report = grade({**without_history, "history": history() if history else []}, rubric)
        with self._lock:
            self.misses += 1
            self._grades[key] = report
            self._grades.move_to_end(key)
            while len(self._grades) > self.size:
                self._grades.popitem(last=False)
        return copy.deepcopy(report)
