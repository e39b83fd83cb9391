"""Template helpers: the framework's steps, kinds and formatting, available in every template."""

from __future__ import annotations

import html
import json

from flask import Flask
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from designer.capacity import per_second
from designer.formats import EXPORTS, accepted_suffixes
from designer.framework import STEPS, budgets, clock
from designer.jobs import IMPORT_MAX_FILES
from designer.kind_styles import KIND_STYLES, NOTE_STYLE, ZONE_STYLES
from designer.kinds import KIND_RULES, MANAGED_WORDS
from designer.session_format import EDGE_MODES, KINDS, MAX_ESTIMATE_ROWS, MAX_REQUEST_BYTES, ZONE_KINDS
from designer.web.forms import row_extras
from designer.web.security import may


def _pretty_json(value) -> str:
    # A plain str, so autoescaping applies: what a candidate typed is shown, never run.
    return json.dumps(value, indent=2, ensure_ascii=False)


def _markdown_text(value) -> str:
    """User text inside Markdown: no raw HTML, no table breaks, one line."""
    text = html.escape(" ".join(str(value or "").split()), quote=False)
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")


def _percent(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0%}" if value >= 0.01 or value == 0 else "<1%"


def _csrf_field() -> Markup:
    """The hidden CSRF field every POST form carries (HTMX requests send the header as well)."""
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(generate_csrf())


def _row_extras(step: str, list_name: str, index: int, row: dict) -> Markup:
    """A hidden field carrying a panel row's keys its form has no input for (see designer.web.forms)."""
    extra = row_extras(step, list_name, row)
    if not extra:
        return Markup("")
    return Markup('<input type="hidden" name="{}-{}-extras" value="{}">').format(
        list_name, index, json.dumps(extra, ensure_ascii=False)
    )


def _kind_words() -> dict[str, list[str]]:
    """Each kind's name, then the words that mean it: what the workspace's command box ("/") finds
    a kind by ("redis" is a cache), from the table the importers guess kinds with."""
    words: dict[str, list[str]] = {kind: [name] for kind, name in KINDS.items()}
    for kind, aliases in KIND_RULES:
        if kind in words:
            words[kind].extend(a for a in aliases if a.lower() != words[kind][0].lower())
    return words


def init_templating(app: Flask) -> None:
    """Register globals and filters the templates share."""
    app.jinja_env.globals.update(
        STEPS=STEPS,
        KINDS=KINDS,
        KIND_WORDS=_kind_words(),
        MANAGED_WORDS=list(MANAGED_WORDS),
        EDGE_MODES=EDGE_MODES,
        ZONE_KINDS=ZONE_KINDS,
        budgets=budgets,
        KIND_STYLES={kind: list(style) for kind, style in KIND_STYLES.items()},
        ZONE_STYLES={"zones": ZONE_STYLES, "note": NOTE_STYLE},
        csrf_field=_csrf_field,
        may=may,
        EXPORTS=EXPORTS,
        MAX_REQUEST_BYTES=MAX_REQUEST_BYTES,
        MAX_ESTIMATE_ROWS=MAX_ESTIMATE_ROWS,
        IMPORT_MAX_FILES=IMPORT_MAX_FILES,
        DIAGRAM_SUFFIXES=accepted_suffixes(),
        row_extras=_row_extras,
    )
    app.jinja_env.filters["clock"] = clock
    app.jinja_env.filters["pretty_json"] = _pretty_json
    app.jinja_env.filters["md"] = _markdown_text
    app.jinja_env.filters["per_second"] = per_second
    app.jinja_env.filters["percent"] = _percent
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
