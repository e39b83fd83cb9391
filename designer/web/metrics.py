"""The app's Prometheus metrics, counted where things happen and served by ``/metrics``
(:mod:`designer.web.ops`)."""

from __future__ import annotations

__all__ = ["REQUESTS", "LATENCY", "SAVES", "CONFLICTS", "GRADES", "GRADE_SECONDS"]

from prometheus_client import Counter, Histogram

REQUESTS = Counter("designer_requests_total", "HTTP requests answered", ["route", "method", "status"])
LATENCY = Histogram(
    "designer_request_seconds",
    "Time to answer an HTTP request",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
SAVES = Counter("designer_saves_total", "Autosaves stored (board and panels)", ["part"])
CONFLICTS = Counter("designer_conflicts_total", "Saves refused because another tab saved first", ["part"])
GRADES = Counter("designer_grades_total", "Sessions graded afresh")
GRADE_SECONDS = Histogram(
    "designer_grade_seconds", "Time to grade a session", buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
)
