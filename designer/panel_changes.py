"""What two versions of a step's panel say differently, in words, for the conflict dialog.

When another tab saved a panel first, the candidate chooses which version to keep; they choose by
what differs (a row only one version has, a field edited in both), not by reading two JSON dumps.
"""

from __future__ import annotations

__all__ = ["FIELD_TITLES", "describe_changes", "readable", "row_key"]

from typing import Any

#: How the workspace names each panel field (the labels of its form).
FIELD_TITLES: dict[str, str] = {
    "functional": "Functional requirements",
    "non_functional": "Non-functional requirements",
    "out_of_scope": "Out of scope",
    "questions": "Clarifying questions",
    "access_patterns": "Access patterns",
    "choice": "Database choice",
    "ddl": "Schema (DDL)",
    "documents": "Documents",
    "notes": "Notes",
    "tradeoffs": "Trade-offs",
    "bottlenecks": "Bottlenecks",
    "metrics": "Metrics",
    "alerts": "Alerts",
    "failure_cases": "Failure cases",
    "security": "Security",
    "improvements": "Improvements",
    "summary": "Summary",
}
#: The title of the list a step's panel is (estimates, API, deep dives), and what one row is called.
_LIST_PANELS = {
    "estimates": ("Estimates", "row"),
    "api": ("API", "endpoint"),
    "detailed": ("Deep dives", "deep dive"),
}
# The field that names a row, per kind of row: a row is matched across versions by it.
_ROW_NAMES = ("name", "question", "path", "topic", "problem")


def row_name(row: Any) -> str:
    """How a panel row is named in words (its name, question, method and path, topic or problem).

    Examples
    --------
    >>> row_name({"method": "POST", "path": "/messages"}), row_name({"name": " "}), row_name("a line")
    ('POST /messages', '(a blank row)', 'a line')
    """
    if not isinstance(row, dict):
        return str(row)
    for key in _ROW_NAMES:
        if str(row.get(key) or "").strip():
            value = str(row[key]).strip()
            return f"{row.get('method', '')} {value}".strip() if key == "path" else value
    return "(a blank row)"


def row_key(row: Any) -> str:
    """What makes two rows (or two lines of a list) the same one across versions: the name, read
    without case or extra spaces."""
    return " ".join(row_name(row).split()).casefold()


def _fields(step: str, panel: Any) -> dict[str, Any]:
    """The panel as title → value, a list panel under its own title."""
    if isinstance(panel, list):
        return {_LIST_PANELS.get(step, (step, "row"))[0]: panel}
    if isinstance(panel, dict):
        return {FIELD_TITLES.get(str(key), str(key)): value for key, value in panel.items()}
    return {}


def _quote(text: Any, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _rows_differ(title: str, unit: str, mine: list, theirs: list) -> list[str]:
    out = []
    mine_by = {row_name(r): r for r in mine}
    theirs_by = {row_name(r): r for r in theirs}
    for name, row in mine_by.items():
        if name not in theirs_by:
            out.append(f"{title}: yours has the {unit} {_quote(name)}; the saved version doesn’t.")
        elif row != theirs_by[name] and isinstance(row, dict):
            other = theirs_by[name]
            edited = [k for k in dict.fromkeys([*row, *other]) if row.get(k) != other.get(k)]
            for key in edited:
                out.append(
                    f"{title}, {unit} {_quote(name)}: {key} is {_quote(row.get(key) or '')} in yours, "
                    f"{_quote(other.get(key) or '')} in the saved version."
                )
    for name in theirs_by:
        if name not in mine_by:
            out.append(f"{title}: the saved version has the {unit} {_quote(name)}; yours doesn’t.")
    return out


def describe_changes(step: str, mine: Any, theirs: Any) -> list[str]:
    """Each difference between your version of a panel and the saved one, as a sentence.

    Examples
    --------
    >>> describe_changes("requirements", {"functional": ["Send", "Edit"]}, {"functional": ["Send", "Read"]})
    ['Functional requirements: yours has “Edit”; the saved version doesn’t.', \
'Functional requirements: the saved version has “Read”; yours doesn’t.']
    >>> describe_changes("estimates", [{"name": "dau", "expr": "50M"}], [{"name": "dau", "expr": "500M"}])
    ['Estimates, row “dau”: expr is “50M” in yours, “500M” in the saved version.']
    """
    mine_fields, theirs_fields = _fields(step, mine), _fields(step, theirs)
    out: list[str] = []
    for title in dict.fromkeys([*mine_fields, *theirs_fields]):
        a, b = mine_fields.get(title), theirs_fields.get(title)
        if a == b or (not a and not b):
            continue
        if isinstance(a, list) or isinstance(b, list):
            a, b = a or [], b or []
            if any(isinstance(r, dict) for r in [*a, *b]):
                unit = _LIST_PANELS.get(step, (title, "row"))[1] if isinstance(mine, list) else "row"
                out += _rows_differ(title, unit, a, b)
            else:
                out += [
                    f"{title}: yours has {_quote(x)}; the saved version doesn’t." for x in a if x not in b
                ]
                out += [
                    f"{title}: the saved version has {_quote(x)}; yours doesn’t." for x in b if x not in a
                ]
        else:
            out.append(f"{title}: {_quote(a or '')} in yours, {_quote(b or '')} in the saved version.")
    return out or ["The two versions say the same; keeping either loses nothing."]


def readable(step: str, panel: Any) -> str:
    """A panel as a person reads it: each field's title, then its lines or rows.

    Examples
    --------
    >>> print(readable("estimates", [{"name": "dau", "expr": "50M", "unit": "", "stated": ""}]))
    Estimates
      dau: 50M
    """
    lines: list[str] = []
    for title, value in _fields(step, panel).items():
        if value in (None, "", []):
            continue
        lines.append(title)
        if isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    parts = [str(v) for k, v in item.items() if k not in _ROW_NAMES and v not in (None, "")]
                    lines.append(
                        f"  {row_name(item)}: {' · '.join(parts)}" if parts else f"  {row_name(item)}"
                    )
                else:
                    lines.append(f"  {item}")
        else:
            lines += [f"  {line}" for line in str(value).splitlines()]
    return "\n".join(lines) or "(empty)"
