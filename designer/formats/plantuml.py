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
from designer.session_format import MAX_TEXT_CHARS


class PlantUmlError(DesignerError):
    """A PlantUML file that can't be read; the message names the line."""


_ASIDE = re.compile(
    r"^(?:!|skinparam\b|set\b|title\b|caption\b|header\b|footer\b|legend\b|endlegend\b|hide\b|show\b"
    r"|left to right direction|top to bottom direction|Lay_\w*\s*\(|LAYOUT_\w*|SHOW_\w*|HIDE_\w*)",
    re.IGNORECASE,
)
#: A sequence diagram's own lines (C4-PlantUML's sequence diagrams keep them): activations, groups,
#: dividers, delays, spaces and references: how the messages are drawn, not what talks to what.
_SEQUENCE = re.compile(
    r"^(?:(?:activate|deactivate|destroy|return|autonumber|autoactivate|newpage|delay)\b"
    r"|(?:alt|else|opt|loop|par|break|critical|group)\b|end$|ref\s+over\b.*:"
    r"|==.*==$|\.\.\.|\|\|\d*\|\|?$|%\w+\()"
)
#: Blocks that say how the diagram looks or define macros: their first line, and the line that ends them.
_BLOCKS = (
    (re.compile(r"^<style>(?!.*</style>)", re.I), re.compile(r"^</style>", re.I)),
    (re.compile(r"^legend\b", re.I), re.compile(r"^end\s?legend$", re.I)),
    (re.compile(r"^ref\s+over\b[^:]*$"), re.compile(r"^end\s?ref$")),
    (
        re.compile(r"^(?:(?:left|right|center)\s+)?(title|header|footer)$", re.I),
        re.compile(r"^end\s?(?:title|header|footer)$", re.I),
    ),
    (
        re.compile(r"^!(?:unquoted\s+)?(?:procedure|function)\b", re.I),
        re.compile(r"^!end(?:procedure|function)\b", re.I),
    ),
)
#: What may open a block or a note; each is then told apart by the patterns above and below.
_MAY_OPEN = re.compile(
    r"^(?:<style>|legend\b|ref\s|(?:(?:left|right|center)\s+)?(?:title|header|footer)$|!(?:unquoted\s+)?"
    r"(?:procedure|function)\b|[hr]?note\b|skinparam\b)",
    re.I,
)
#: A note: ``note right of api : text`` on one line, or its lines until ``end note``.
_NOTE = re.compile(r"^[hr]?note\b(?P<where>[^:\"]*)(?::(?P<text>.*))?$", re.I)
_FLOATING_NOTE = re.compile(r'^[hr]?note\b[^:]*"', re.I)
_NOTE_END = re.compile(r"^end\s?[hr]?note$", re.I)
_NOTE_ON = re.compile(r"^\s*(?:(?:left|right|top|bottom)\s+of|over)\s+(\w+)\s*$", re.I)
_C4_INCLUDE = re.compile(r"^!include\w*\s+.*\bC4", re.IGNORECASE)


def read_plantuml(text: str) -> BoardImport:
    """Read a C4-PlantUML diagram into a board with inferred kinds. What PlantUML itself adds around
    the macros is read past: styles and skin parameters, legends, sequence diagrams' groups and
    activations; a note on one element is kept in that element's notes.

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
    notes: list[tuple[str, str]] = []  # (element, text)
    in_comment = c4 = False
    block_end: re.Pattern[str] | None = None
    braces = 0  # open braces of a skinparam block
    note: tuple[str | None, list[str]] | None = None
    for raw in lines:
        check_budget()
        line = raw.strip()
        kept.append("")
        if in_comment or line.startswith("/'"):
            in_comment = not line.endswith("'/") or (line == "/'" and not in_comment)
        elif note is not None:
            if _NOTE_END.match(line):
                if note[0] is not None:
                    notes.append((note[0], "\n".join(note[1])))
                note = None
            elif line:
                note[1].append(line)
        elif block_end is not None:
            block_end = None if block_end.match(line) else block_end
        elif braces:
            braces += line.count("{") - line.count("}")
        elif not line or line.startswith("'"):
            pass  # blank, or a comment
        elif _MAY_OPEN.match(line):  # one test for most lines, not one for each kind of block
            if line.lower().startswith("skinparam"):
                braces = 1 if line.endswith("{") else 0
            elif _FLOATING_NOTE.match(line):
                pass  # a note on no element: ``note "…" as N1``
            elif match := _NOTE.match(line):
                on = _NOTE_ON.match(match["where"])
                if match["text"] is None:
                    note = (on[1] if on else None, [])
                elif on and match["text"].strip():
                    notes.append((on[1], match["text"].strip()))
            else:
                block_end = next((end for start, end in _BLOCKS if start.match(line)), None)
                if block_end is None and not (_ASIDE.match(line) or _SEQUENCE.match(line)):
                    kept[-1] = line
        else:
            c4 = c4 or bool(_C4_INCLUDE.match(line))
            aside = line.startswith("@") and line.lower().startswith(("@start", "@end"))
            if not (aside or _ASIDE.match(line) or _SEQUENCE.match(line)):
                kept[-1] = line
    if not c4:
        raise PlantUmlError(
            "only C4-PlantUML diagrams can become a board: the file includes no C4 library "
            "(!include <C4/C4_Container> or the C4-PlantUML URL)"
        )
    try:
        result = read_c4(kept, 0, [])
    except MermaidError as exc:
        raise PlantUmlError(str(exc)) from None
    _add_notes(result, notes)
    return result


def _add_notes(result: BoardImport, notes: list[tuple[str, str]]) -> None:
    """Each note on one element, after what the element's own description says."""
    elements = {n["data"]["id"]: n["data"] for n in result.board["nodes"]}
    for element, said in notes:
        data = elements.get(element)
        if data is not None and said:
            data["notes"] = "\n".join(filter(None, [data.get("notes", ""), said]))[:MAX_TEXT_CHARS]


def from_bytes(data: bytes, suffix: str = ".puml", page: str | None = None) -> BoardImport:
    """Read a PlantUML file's bytes (the table's reader: ``suffix`` and ``page`` don't matter here)."""
    return read_plantuml(decode_text(data))
