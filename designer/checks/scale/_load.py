"""What the capacity checks share: rubric overrides of the per-kind figures, and one load
computation per session and overrides, kept on the view for every check that reads it."""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from designer.capacity import Capacity, Drill, capacity, find_peak, single_failures
from designer.checks.base import SessionView
from designer.session_format import KINDS
from designer.units import format_quantity, quantity


class KindFigures(BaseModel):
    """A rubric's figures for one instance of a kind, replacing the defaults of docs/capacity.md."""

    model_config = ConfigDict(extra="forbid")
    reads: float | None = Field(default=None, gt=0)
    writes: float | None = Field(default=None, gt=0)
    latency_ms: float | None = Field(default=None, ge=0)
    availability: float | None = Field(default=None, gt=0, le=1)
    bandwidth_bytes: float | None = Field(default=None, gt=0)


KindName = Literal[tuple(KINDS)]  # type: ignore[valid-type]
Overrides = dict[KindName, KindFigures]  # type: ignore[valid-type]


class FiguresParams(BaseModel):
    """The params of a check that reads the load: the rubric's per-kind figures."""

    model_config = ConfigDict(extra="forbid")
    capacity: Overrides = Field(default_factory=dict)


class LimitParams(FiguresParams):
    """…and the utilisation a box may reach at the peak."""

    max_utilisation: float = Field(default=0.7, gt=0, le=1)


def plain(overrides: dict) -> dict[str, dict[str, float]]:
    return {kind: figures.model_dump(exclude_none=True) for kind, figures in overrides.items()}


def load(view: SessionView, overrides: dict) -> Capacity:
    """The load on the view's board at the candidate's peak, computed once per overrides."""
    key = ("capacity", json.dumps(plain(overrides), sort_keys=True))
    if key not in view.verdicts:
        session = {"board": view.board, "panels": view.panels}
        view.verdicts[key] = capacity(session, find_peak(view.estimates), plain(overrides))
    return view.verdicts[key]


def failures(view: SessionView, overrides: dict) -> dict[str, Drill]:
    key = ("single_failures", json.dumps(plain(overrides), sort_keys=True))
    if key not in view.verdicts:
        session = {"board": view.board, "panels": view.panels}
        view.verdicts[key] = single_failures(session, load(view, overrides), plain(overrides))
    return view.verdicts[key]


def rate(per_second: float) -> str:
    return format_quantity(quantity(per_second, "1/second"))


def percent(fraction: float) -> str:
    """``0.579`` → ``58%``; a share under 1% is ``<1%``, not a misleading ``0%``."""
    return f"{fraction:.0%}" if fraction >= 0.005 or fraction == 0 else "<1%"
