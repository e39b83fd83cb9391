"""Turn the workspace's HTML forms into panel data, and panel data back into form rows.

List fields that hold plain strings are one textarea each, one item a line. Lists of records
(estimates, endpoints, questions…) are rows of inputs named ``<list>-<index>-<field>``; a row whose
fields are all blank is dropped, so a spare blank row costs nothing.

The session format keeps keys it does not know (a file from another tool may carry them): a row's
travel through its form in a hidden ``<list>-<index>-extras`` field (JSON), and a panel's own in the
saved panel (:func:`keep_unknown`), so editing a panel never drops them.
"""

from __future__ import annotations

__all__ = [
    "PanelData",
    "panel_from_form",
    "ROW_FIELDS",
    "LINE_FIELDS",
    "blank_row",
    "row_extras",
    "keep_unknown",
]

import re
from collections import defaultdict
from typing import Any

from werkzeug.datastructures import MultiDict

from designer.inputs import InvalidInput, loads

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


def row_extras(step: str, list_name: str, row: dict) -> dict:
    """The keys of a panel row its form has no input for."""
    known = ROW_FIELDS.get(step, {}).get(list_name, ())
    return {k: v for k, v in row.items() if k not in known} if isinstance(row, dict) else {}


#: A panel as a form gives it: a list of rows (estimates, API, deep dives) or a mapping of fields.
PanelData = list[dict[str, Any]] | dict[str, Any]


def keep_unknown(step: str, saved: object, panel: PanelData) -> PanelData:
    """``panel`` (from the form) with the keys of the ``saved`` panel that no form field sets."""
    if not isinstance(saved, dict) or not isinstance(panel, dict):
        return panel
    managed = set(ROW_FIELDS.get(step, {})) | set(LINE_FIELDS.get(step, ())) | set(TEXT_FIELDS.get(step, ()))
    return {**{k: v for k, v in saved.items() if k not in managed}, **panel}


def _extras(raw: str) -> dict:
    try:
        value = loads(raw)
    except InvalidInput:  # the page's own hidden field, tampered with: the row keeps what the form says
        return {}
    return value if isinstance(value, dict) else {}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def panel_from_form(step: str, form: MultiDict) -> PanelData:
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
    extras: dict[tuple[str, int], dict] = {}
    for key, value in form.items(multi=False):
        match = _ROW_NAME.match(key)
        if match and match["list"] in ROW_FIELDS.get(step, {}):
            fields = ROW_FIELDS[step][match["list"]]
            if match["field"] in fields:
                row = lists[match["list"]].setdefault(int(match["index"]), dict.fromkeys(fields, ""))
                row[match["field"]] = value.strip() if match["field"] != "notes" else value
            elif match["field"] == "extras":
                extras[match["list"], int(match["index"])] = _extras(value)
    rows = {  # a row's own fields decide whether it is blank; its unknown keys ride along
        name: [
            {**{k: v for k, v in extras.get((name, i), {}).items() if k not in r}, **r}
            for i, r in sorted(lists[name].items())
            if any(v.strip() for v in r.values())
        ]
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
