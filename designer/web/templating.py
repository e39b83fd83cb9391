"""Template helpers: the framework's steps, kinds and formatting, available in every template."""

from __future__ import annotations

import json

from flask import Flask

from designer.framework import STEPS, budgets
from designer.kind_styles import KIND_STYLES
from designer.session_format import EDGE_MODES, KINDS


def _clock(seconds: float | None) -> str:
    seconds = int(seconds or 0)
    return f"{seconds // 60}:{seconds % 60:02d}"


def _pretty_json(value) -> str:
    # A plain str, so autoescaping applies: what a candidate typed is shown, never run.
    return json.dumps(value, indent=2, ensure_ascii=False)


def init_templating(app: Flask) -> None:
    """Register globals and filters the templates share."""
    app.jinja_env.globals.update(
        STEPS=STEPS,
        KINDS=KINDS,
        EDGE_MODES=EDGE_MODES,
        budgets=budgets,
        KIND_STYLES={kind: list(style) for kind, style in KIND_STYLES.items()},
    )
    app.jinja_env.filters["clock"] = _clock
    app.jinja_env.filters["pretty_json"] = _pretty_json
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
