"""Read C4-PlantUML diagrams (``.puml``): the C4 model's macros in PlantUML, as architecture is often
kept in docs. The macros are the ones Mermaid's C4 diagrams use, so the lines between ``@startuml``
and ``@enduml`` are read by the same reader (:func:`designer.formats.mermaid.read_c4`); PlantUML's
own preprocessor lines (``!include``, ``!define``), settings (``skinparam``, ``title``), layout hints
(``Lay_R``…) and comments (``'`` and ``/' … '/``) are left aside. Other PlantUML diagrams (plain
component or deployment syntax) are refused with a message.
"""

from __future__ import annotations

__all__ = ["read_plantuml", "from_bytes", "PlantUmlError"]

import re

from designer.errors import DesignerError
from designer.formats.base import BoardImport, check_budget, decode_text
from designer.formats.mermaid import MAX_CHARS, MermaidError, read_c4


class PlantUmlError(DesignerError):
    """A PlantUML file that can't be read; the message names the line."""


_ASIDE = re.compile(
    r"^(?:!|skinparam\b|set\b|title\b|caption\b|header\b|footer\b|legend\b|endlegend\b|hide\b|show\b"
    r"|left to right direction|top to bottom direction|Lay_\w*\s*\(|LAYOUT_\w*|SHOW_\w*|HIDE_\w*)",
    re.IGNORECASE,
)
_C4_INCLUDE = re.compile(r"^!include\w*\s+.*\bC4", re.IGNORECASE)


def read_plantuml(text: str) -> BoardImport:
    """Read a C4-PlantUML diagram into a board with inferred kinds.

    Raises
    ------
    PlantUmlError
        For a file that is not C4-PlantUML, a line that can't be read, or one over the limits.

    Examples
    --------
    >>> puml = '@startuml\\n!include <C4/C4_Container>\\nPerson(u, "User")\\nContainer(api, "API", "Go")\\nRel(u, api, "Uses")\\n@enduml'
    >>> [(n["data"]["id"], n["data"]["kind"]) for n in read_plantuml(puml).board["nodes"]]
    [('u', 'client'), ('api', 'service')]
    """
    if len(text) > MAX_CHARS:
        raise PlantUmlError(f"the file is {len(text):,} characters; at most {MAX_CHARS:,}")
    lines = text.replace("\r\n", "\n").split("\n")
    kept: list[str] = []  # blanked, not dropped: the reader's line numbers stay the file's
    in_comment = c4 = False
    for raw in lines:
        check_budget()
        line = raw.strip()
        if in_comment or line.startswith("/'"):
            in_comment = not line.endswith("'/") or (line == "/'" and not in_comment)
            kept.append("")
            continue
        c4 = c4 or bool(_C4_INCLUDE.match(line))
        aside = not line or line.startswith("'") or line.lower().startswith(("@start", "@end"))
        kept.append("" if aside or _ASIDE.match(line) else line)
    if not c4:
        raise PlantUmlError(
            "only C4-PlantUML diagrams can become a board: the file includes no C4 library "
            "(!include <C4/C4_Container> or the C4-PlantUML URL)"
        )
    try:
        return read_c4(kept, 0, [])
    except MermaidError as exc:
        raise PlantUmlError(str(exc)) from None


def from_bytes(data: bytes, suffix: str = ".puml", page: str | None = None) -> BoardImport:
    """Read a PlantUML file's bytes (the table's reader: ``suffix`` and ``page`` don't matter here)."""
    return read_plantuml(decode_text(data))
