"""Turn the workspace's HTML forms into panel data, and panel data back into form rows.

List fields that hold plain strings are one textarea each, one item a line. Lists of records
(estimates, endpoints, questions…) are rows of inputs named ``<list>-<index>-<field>``; a row whose
fields are all blank is dropped, so a spare blank row costs nothing.
"""

from __future__ import annotations

__all__ = ["panel_from_form", "ROW_FIELDS", "LINE_FIELDS", "blank_row"]

import re
from collections import defaultdict

from werkzeug.datastructures import MultiDict

#: Lists of records per step: list name (its path in the panel) → the fields of one row.
ROW_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "requirements": {"questions": ("question", "answer")},
    "estimates": {"": ("name", "expr", "unit", "stated")},
    "api": {"": ("method", "path", "purpose", "request", "response")},
    "detailed": {"": ("topic", "notes")},
    "scale": {"bottlenecks": ("problem", "fix")},
}
#: One-item-a-line textareas per step.
LINE_FIELDS: dict[str, tuple[str, ...]] = {
    "requirements": ("functional", "non_functional", "out_of_scope"),
    "database": ("access_patterns",),
    "scale": ("tradeoffs",),
    "wrap_up": ("metrics", "alerts", "failure_cases", "security", "improvements"),
}
#: Plain text fields per step.
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "database": ("choice", "ddl", "documents", "notes"),
    "wrap_up": ("summary",),
}
_ROW_NAME = re.compile(r"^(?P<list>[a-z_]*)-(?P<index>\d{1,4})-(?P<field>[a-z_]+)$")


def blank_row(step: str, list_name: str = "") -> dict:
    """Return an empty row of one of the step's record lists."""
    return dict.fromkeys(ROW_FIELDS[step][list_name], "")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def panel_from_form(step: str, form: MultiDict) -> object:
    """Build a step's panel (before validation) from the submitted form.

    Examples
    --------
    >>> panel_from_form("estimates", MultiDict({"-0-name": "dau", "-0-expr": "50M",
    ...                                         "-1-name": "", "-1-expr": ""}))
    [{'name': 'dau', 'expr': '50M', 'unit': '', 'stated': ''}]
    >>> panel_from_form("requirements", MultiDict({"functional": "Send\\n\\n Receive "}))["functional"]
    ['Send', 'Receive']
    """
    lists: dict[str, dict[int, dict[str, str]]] = defaultdict(dict)
    for key, value in form.items(multi=False):
        match = _ROW_NAME.match(key)
        if match and match["list"] in ROW_FIELDS.get(step, {}):
            fields = ROW_FIELDS[step][match["list"]]
            if match["field"] in fields:
                row = lists[match["list"]].setdefault(int(match["index"]), dict.fromkeys(fields, ""))
                row[match["field"]] = value.strip() if match["field"] != "notes" else value
    rows = {
        name: [r for _, r in sorted(lists[name].items()) if any(v.strip() for v in r.values())]
        for name in ROW_FIELDS.get(step, {})
    }
    if "" in rows:
        return rows[""]
    panel: dict = {name: rows[name] for name in rows}
    for name in LINE_FIELDS.get(step, ()):
        panel[name] = _lines(form.get(name, ""))
    for name in TEXT_FIELDS.get(step, ()):
        panel[name] = form.get(name, "").replace("\r\n", "\n")
    return panel
