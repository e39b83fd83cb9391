"""Mermaid flowcharts in and out: ``flowchart``/``graph`` diagrams ↔ boards.

Reads node shapes and labels, ``-->``/``---``/``-.->``/``==>`` links with their labels (``-->|x|``
and ``-- x -->``), chains (``A --> B --> C``), ``&`` groups, subgraphs (as plain containers: their
boxes are read, the subgraph is not a component) and ``%%`` comments. Kinds are inferred from labels
and shapes (:mod:`designer.kinds`); dotted links are asynchronous.

Writing a board adds ``%% designer:`` comment lines holding each box's exact kind and replicas and
each arrow's mode, which Mermaid ignores and this reader uses, so export then import gives back the
same board.
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["read_mermaid", "from_bytes", "write_mermaid", "MermaidError"]

import json
import re

import networkx as nx

from designer.checks.text import mentions_any
from designer.errors import DesignerError
from designer.formats.base import BoardImport, check_budget, decode_text, point_from_clients, unique_edge_ids
from designer.inputs import InvalidInput, loads
from designer.kinds import Inference, infer_kind, label_or_icon, zone_kind
from designer.session_format import (
    KINDS,
    MAX_EDGES,
    MAX_NODES,
    MAX_REPLICAS,
    MAX_TEXT_CHARS,
    MAX_ZONES,
    ZONE_KINDS,
    ancestors,
)

MAX_CHARS = 2 * 1024 * 1024

# Node shapes: opening and closing delimiters, longest first so "[(" wins over "[".
_SHAPES = [
    ("([", "])", "stadium"),
    ("[[", "]]", "subroutine"),
    ("[(", ")]", "cylinder"),
    ("((", "))", "circle"),
    ("{{", "}}", "hexagon"),
    ("[/", "/]", "parallelogram"),
    ("[\\", "\\]", "trapezoid"),
    ("[", "]", "rectangle"),
    ("(", ")", "rounded"),
    ("{", "}", "rhombus"),
    (">", "]", "flag"),
]
_SHAPE_OF_KIND = {
    "sql_database": ("[(", ")]"),
    "nosql_database": ("[(", ")]"),
    "read_replica": ("[(", ")]"),
    "cache": ("((", "))"),
    "queue": ("[[", "]]"),
    "stream": ("[[", "]]"),
    "load_balancer": ("{", "}"),
    "client": ("([", "])"),
    "cdn": ("{{", "}}"),
    "object_storage": ("[/", "/]"),
}
_ID = r"[A-Za-z0-9_](?:[\w.]|-(?![-.>]))*"  # hyphens inside ids, not the start of a link
# Mermaid 11's named shapes that say what a box is.
_NEW_SHAPES = {
    "cyl": "cylinder",
    "cylinder": "cylinder",
    "db": "cylinder",
    "database": "cylinder",
    "lin-cyl": "cylinder",
    "h-cyl": "queue",
    "das": "queue",
    "circle": "circle",
    "doc": "document",
    "docs": "document",
    "cloud": "cloud",
    "procs": "procs",
    "stacked-rectangle": "procs",
}
# A link, as Mermaid's flowchart lexer reads one: any length (``-->``, ``--->``, ``===``), an arrow,
# circle or cross head at either end (``<-->``, ``--o``, ``x--x``: a head letter only before a space,
# or ``A --- oracle`` would lose its o), text inside (``-- text -->``) or after (``-->|text|``, quoted
# or not), an edge id before it (``A e1@--> B``, Mermaid 11), and ``~~~``, which only lays boxes out.
_END = r"(?:>|[ox](?=\s|$))"
_LINK = re.compile(
    rf"""\s*(?:[\w-]+@(?=[-=.~<ox]))?(?:[<ox](?=[-=.]))?(?:
        (?P<invisible>~{{3,}})                                             # ~~~
      | (?P<dotted>-\.\s*"(?P<dquoted>[^"]*)"\s*\.+-{_END}?                # -. "any text" .->
          | -\.(?P<dtext>[^.>|][^.>]*?)\.+-{_END}?                        # -. text .->
          | -\.+-{_END}?)                                                  # -.->  -..->  -.-
      | (?P<thick>==\s*"(?P<tquoted>[^"]*)"\s*=={{1,}}{_END}?               # == "any text" ==>
          | ==(?P<ttext>[^=>|][^=>]*?)=={{1,}}{_END}?                       # == text ==>
          | ={{2,}}{_END} | ={{3,}})                                        # ==>  ===>  ===
      | (?P<plain>--\s*"(?P<pquoted>[^"]*)"\s*-{{2,}}{_END}?                 # -- "any text" -->
          | --(?P<ptext>[^-.>|~][^->]*?)-{{2,}}{_END}?                      # -- text -->
          | -{{2,}}{_END} | -{{3,}})                                        # -->  --->  --o  ---
    )(?:\|(?:"(?P<quoted>[^"]*)"|(?P<pipe>[^|]*))\|)?\s*""",
    re.X,
)
_DESIGNER = re.compile(r"^%%\s*designer:\s*(?P<json>\{.*\})\s*$")


class MermaidError(DesignerError):
    """A Mermaid file that can't be read; the message names the line."""


_ID_AT = re.compile(rf"\s*({_ID})")
_CLASS_AT = re.compile(r":::[\w-]+")
_AMP_AT = re.compile(r"\s*&\s*")
_BLANK_AT = re.compile(r"\s*$")
_FIELDS = re.compile(r'(\w+)\s*:\s*("[^"]*"|[^,}]+)')


def _node_spec(line: str, pos: int, lineno: int) -> tuple[str, str | None, str | None, int]:
    """Read ``id``, ``id[label]``, ``id[(label)]``… at ``pos``: the id, label, shape and where the
    rest starts. Positions, not slices: a long line is read in one pass, never copied per node."""
    m = _ID_AT.match(line, pos)
    if not m:
        raise MermaidError(f"line {lineno}: expected a node id at “{line[pos : pos + 40].strip()[:30]}”")
    node_id, pos = m.group(1), m.end()
    if line.startswith("@{", pos):  # Mermaid 11 shape syntax: id@{ shape: cyl, label: "Orders" }
        end = line.find("}", pos)
        if end < 0:
            raise MermaidError(f"line {lineno}: the @{{…}} of {node_id} is not closed")
        fields = dict(_FIELDS.findall(line, pos + 2, end))
        label = fields.get("label", "").strip().strip('"') or None
        shape = _NEW_SHAPES.get(fields.get("shape", "").strip(), fields.get("shape", "").strip() or None)
        return node_id, _unescape(label) if label else None, shape, _after_class(line, end + 1)
    for opening, closing, shape in _SHAPES:
        if line.startswith(opening, pos):
            start = pos + len(opening)
            if line.startswith('"', start):  # a quoted label may hold the closing delimiter itself
                quote_end = line.find('"', start + 1)
                start = quote_end if quote_end > 0 else start
            end = line.find(closing, start)
            if end < 0:
                raise MermaidError(f"line {lineno}: the shape {opening}…{closing} of {node_id} is not closed")
            label = line[pos + len(opening) : end].strip()
            if len(label) >= 2 and label[0] == label[-1] == '"':
                label = label[1:-1]
            return node_id, _unescape(label), shape, _after_class(line, end + len(closing))
    return node_id, None, None, _after_class(line, pos)


def _after_class(line: str, pos: int) -> int:
    """Skip a ``:::className`` after a node: styling, not structure."""
    m = _CLASS_AT.match(line, pos)
    return m.end() if m else pos


#: How Structurizr's Mermaid export writes an element's text (a bold name, ``[type: technology]``, a
#: description) and a relationship's (what it says, ``[technology]``), in HTML.
_STRUCTURIZR_ELEMENT = re.compile(
    r"^<div style='font-weight: bold'>(?P<name>[^<]*)</div>"
    r"<div style='font-size: 70%; margin-top: 0px'>\[(?P<type>[^\]:<]*)(?::\s*(?P<techn>[^\]<]*))?\]</div>"
    r"(?:<div style='font-size: 80%; margin-top:10px'>(?P<said>.*?)</div>)?$"
)
_STRUCTURIZR_RELATION = re.compile(
    r"^<div>(?P<said>.*?)</div><div style='font-size: 70%'>(?:\[(?P<techn>[^\]<]*)\])?</div>$"
)
#: The HTML a label may carry for its looks (Mermaid shows its text): left out, its words kept.
_HTML_TAG = re.compile(r"</?(?:div|span|b|i|u|em|strong|small|big|sub|sup|p|font|code)\b[^<>]*>", re.I)


def _c4_inference(
    inference: Inference, text: str, replicas: int, person: bool, external: bool, system: bool
) -> Inference:
    """What a C4 element is, from what its name and technology (``text``) say (``inference``) and
    what C4 says it is: a person is a client, an external system is external, a container is
    server-side unless it says it runs on a device, a system or container saying nothing is a service."""
    if person:
        return Inference("client", "a C4 person", 1, False)
    if external and inference.kind in {"other", "service"}:
        return Inference("external", "a C4 external system", replicas, inference.managed)
    if inference.kind == "client" and not system and not mentions_any(text, _C4_DEVICES):
        # a "Web Application" container (Java, Spring MVC) serves pages; only one that says it
        # runs on a device (a browser, a phone) is the client
        return Inference("web_server", "a C4 web application runs on a server", replicas, inference.managed)
    if inference.kind == "other" or (system and inference.kind == "client"):
        # a software system or container of the design's own: a service, unless it says more
        # ("Internet Banking System" is no client, whatever "internet" says)
        return Inference("service", "a C4 system, container or component", replicas, inference.managed)
    return Inference(inference.kind, inference.reason, replicas, inference.managed)


def _structurizr_element(label: str) -> tuple[str, str, str, str] | None:
    """A Structurizr element's name, type, technology and description, if ``label`` is one."""
    found = _STRUCTURIZR_ELEMENT.match(label)
    if found is None:
        return None
    return (
        _unescape(found["name"]),
        found["type"].strip(),
        _unescape(found["techn"] or ""),
        _unescape(found["said"] or ""),
    )


def _unescape(label: str) -> str:
    if "\n" in label:  # a label over several lines (see _logical_lines): one line, without their indents
        label = " ".join(part.strip() for part in label.split("\n") if part.strip())
    if _STRUCTURIZR_ELEMENT.match(label):
        return label  # read whole where the box is made (name, technology, description)
    label = re.sub(r"<br\s*/?>", " ", label, flags=re.I)
    if "<" in label:
        label = " ".join(_HTML_TAG.sub(" ", label).split())
    if len(label) >= 2 and label[0] == label[-1] == "`":  # a markdown string: its words, not its marks
        label = re.sub(r"(\*{1,2})([^*]+)\1", r"\2", label[1:-1]).replace("\n", " ")
    return label.replace("#quot;", '"').replace("#124;", "|").replace("#35;", "#").strip()


#: Where a statement's text opens and closes a label, in which a ";" ends nothing.
_OPENERS = {"[": "]", "(": ")", "{": "}", '"': '"', "|": "|"}
#: What decides where a statement ends: an entity code in a label (``#quot;``, ``#35;``), whose ";"
#: is its own, a bracket, quote or pipe, and a ";".
_MARKS = re.compile(r'#(?:[A-Za-z]+|\d+);|[\[\](){}"|;]')


def _statements(line: str) -> list[str]:
    """A line's statements: Mermaid ends one at a ";" as at a line break (``graph TD; A --> B``),
    but not at one inside a label, a quoted text, an edge's ``|text|`` or an entity code.

    Examples
    --------
    >>> _statements('graph TD; A["a; b"] -->|x; y| B[#quot;c#quot;];')
    ['graph TD', 'A["a; b"] -->|x; y| B[#quot;c#quot;]']
    """
    if ";" not in line:
        return [line]
    statements: list[str] = []
    closing: list[str] = []  # what closes each label open here, innermost last
    start = 0
    for mark in _MARKS.finditer(line):
        char = mark.group()
        if closing and char == closing[-1]:
            closing.pop()
        elif char in _OPENERS and (not closing or closing[-1] != '"'):  # nothing opens in a quote
            closing.append(_OPENERS[char])
        elif char == ";" and not closing:
            statements.append(line[start : mark.start()])
            start = mark.end()
    statements.append(line[start:])
    return [s.strip() for s in statements if s.strip()]


#: A statement that only gives an id's properties (``x@{ … }``), and the keys only an arrow's have.
_PROPERTIES = re.compile(r"^([\w-]+)@\{(.*)\}$", re.S)
_EDGE_KEYS = {"animate", "animation", "curve"}
_EDGE_ID = re.compile(r"(?:^|\s)([\w-]+)@(?=[-=.~<ox])")


def _logical_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """The lines as statements are read, each with its number: a quoted label may run over several
    (Mermaid's Markdown strings, ``["`**Cassandra**⏎messages`"]``, often do), joined here. A quote
    never closed joins nothing, so its line's own error names it; a comment's quotes open nothing."""
    held: list[str] = []
    first = 0
    for lineno, raw in enumerate(lines, start=1):
        if not held and (raw.count('"') % 2 == 0 or raw.lstrip().startswith("%%")):
            yield lineno, raw
            continue
        if not held:
            first = lineno
        held.append(raw)
        if len(held) > 1 and raw.count('"') % 2:  # the quote closes here
            yield first, "\n".join(held)
            held = []
    for offset, raw in enumerate(held):  # never closed: each line as it is
        yield first + offset, raw


def read_mermaid(text: str) -> BoardImport:
    """Read a Mermaid ``flowchart``/``graph`` into a board with inferred kinds.

    Raises
    ------
    MermaidError
        For another diagram type, a line that can't be read, or a file over the limits.

    Examples
    --------
    >>> result = read_mermaid("flowchart LR\\n  u([Users]) --> lb{LB} -->|HTTPS| api[API x3]\\n  api --> db[(Postgres)]")
    >>> [(n["data"]["id"], n["data"]["kind"]) for n in result.board["nodes"]]
    [('u', 'client'), ('lb', 'load_balancer'), ('api', 'service'), ('db', 'sql_database')]
    >>> result.board["edges"][1]["data"]["label"], result.board["nodes"][2]["data"]["replicas"]
    ('HTTPS', 3)
    """
    if len(text) > MAX_CHARS:
        raise MermaidError(f"the file is {len(text):,} characters; at most {MAX_CHARS:,}")
    lines = text.replace("\r\n", "\n").split("\n")
    nodes: dict[str, dict] = {}
    shapes: dict[str, str | None] = {}
    edges: list[dict] = []
    exact: dict[str, dict] = {"nodes": {}, "edges": {}, "zones": {}}
    zones: dict[str, dict] = {}  # each subgraph, as a zone
    open_zones: list[str] = []  # the subgraphs the line is in, innermost last
    started = False
    warnings: list[str] = []
    undirected: list[dict] = []  # the edges of links drawn without a direction
    edge_ids: set[str] = set()  # the ids arrows were given (A e1@--> B), whose @{…} is no box
    front_matter = bool(lines) and lines[0].strip() == "---"
    for lineno, raw in _logical_lines(lines):
        check_budget()
        line = raw.strip().rstrip(";")
        if front_matter:  # YAML front matter (config, title) sits between two --- lines
            front_matter = not (line == "---" and lineno > 1)
            continue
        designer = _DESIGNER.match(line)
        if designer:
            _read_designer_comment(designer.group("json"), lineno, exact, warnings)
            continue
        if not line or line.startswith("%%"):
            continue
        if not started and line == "architecture-beta":
            return _read_architecture(lines[lineno:], lineno, exact, warnings)
        if not started and _C4_HEADER.match(line):
            return read_c4(lines[lineno:], lineno, warnings)
        for statement in _statements(line):
            check_budget()  # many statements on one line cost what as many lines do
            if not started:
                if not re.match(r"^(flowchart|graph)\b", statement):
                    kind = statement.split()[0]
                    raise MermaidError(
                        f"line {lineno}: this is a {kind!r} diagram; only flowchart and graph diagrams "
                        "can become a board"
                    )
                started = True
                continue
            if re.match(r"^subgraph\b", statement):
                _open_zone(statement, lineno, zones, open_zones)
                continue
            if re.match(r"^end\b", statement):
                if open_zones:
                    open_zones.pop()
                continue
            if re.match(r"^(direction|classDef|class|style|linkStyle|click)\b", statement):
                continue
            properties = _PROPERTIES.match(statement)
            if properties and (
                properties.group(1) in edge_ids
                or {k for k, _ in _FIELDS.findall(properties.group(2))} <= _EDGE_KEYS
            ):
                continue  # an arrow's own properties (e1@{ animate: true }), not a box
            edge_ids.update(_EDGE_ID.findall(statement))
            known = set(nodes)
            groups = _read_statement(statement, lineno, nodes, shapes, edges, undirected)
            if open_zones:  # a box first named inside a subgraph is in it, as is one listed alone there
                listed = groups[0] if len(groups) == 1 else []
                for node_id in (nodes.keys() - known) | set(listed):
                    nodes[node_id]["parent"] = open_zones[-1]
    if not started:
        raise MermaidError("the file has no flowchart: start it with “flowchart LR” or “graph TD”")
    inferred: dict[str, Inference] = {}
    for node_id, data in nodes.items():
        given = exact["nodes"].get(node_id)
        if given:
            inference = Inference(given["kind"], "written by designer", given["replicas"], given["managed"])
            if given["notes"]:
                data["notes"] = given["notes"]
        elif element := _structurizr_element(data["label"]):
            name, kind_of, techn, said = element
            data["label"] = name
            if said:
                data["notes"] = said
            text = f"{name} {techn}".strip()
            found = infer_kind(text, shapes.get(node_id))
            inference = _c4_inference(
                found,
                text,
                found.replicas,
                person=kind_of == "Person",
                external=False,  # the export says so only by colour
                system=kind_of == "Software System",
            )
        else:
            inference = infer_kind(data["label"], shapes.get(node_id))
        inferred[node_id] = inference
        data.update(inference.fields())
    for edge in edges:
        mode = exact["edges"].get(edge["data"]["id"])
        if mode:
            edge["data"]["mode"] = mode
    warnings += point_from_clients(
        undirected, {i: d["kind"] for i, d in nodes.items()}, {i: d["label"] for i, d in nodes.items()}
    )
    board = {"nodes": [{"data": d} for d in nodes.values()], "edges": edges}
    if zones:
        board["zones"] = _zones(zones, nodes, exact["zones"])
    unique_edge_ids(board)
    _lay_out(board)
    return BoardImport(board, inferred, warnings)


def _zones(zones: dict[str, dict], nodes: dict[str, dict], exact: dict[str, str]) -> list[dict]:
    """The subgraphs as zones: a kind the designer comment gives wins over the guess from the
    title, and a subgraph named as one of the boxes gives way (its id gains "-zone")."""
    renamed = {zone_id: f"{zone_id}-zone" if zone_id in nodes else zone_id for zone_id in zones}
    for zone_id, data in zones.items():
        data["kind"] = exact.get(zone_id) or data["kind"]
        data["id"] = renamed[zone_id]
    for data in [*zones.values(), *nodes.values()]:
        if "parent" in data:
            data["parent"] = renamed[data["parent"]]
    return [{"data": d} for d in zones.values()]


_SUBGRAPH = re.compile(r"^subgraph\s+([\w.-]+)\s*\[\s*(.*?)\s*\]\s*$")


def _open_zone(line: str, lineno: int, zones: dict[str, dict], open_zones: list[str]) -> None:
    """A ``subgraph id [Title]`` (or ``subgraph Title``) opens a zone, inside the one open around it."""
    match = _SUBGRAPH.match(line)
    if match:
        zone_id, label = match.group(1), _unescape(match.group(2).strip('"'))
    else:
        label = line[len("subgraph") :].strip().strip('"')
        zone_id = re.sub(r"[^\w.-]+", "_", label).strip("_") or f"subgraph{lineno}"
    while zone_id in zones:  # a name used twice is two zones
        zone_id += "_"
    if len(zones) >= MAX_ZONES:
        raise MermaidError(f"line {lineno}: more than {MAX_ZONES:,} subgraphs, the most zones a board holds")
    data: dict = {"id": zone_id, "label": label, "kind": zone_kind(label)}
    if open_zones:
        data["parent"] = open_zones[-1]
    zones[zone_id] = data
    open_zones.append(zone_id)


_C4_HEADER = re.compile(r"^C4(?:Context|Container|Component|Dynamic|Deployment)\s*$")
_C4_CALL = re.compile(r"^(?P<macro>\w+)\s*\((?P<args>.*)\)\s*(?P<open>\{)?\s*$")
_C4_PEOPLE = frozenset({"Person", "Person_Ext"})
_C4_ELEMENTS = frozenset(
    f"{level}{form}{ext}"
    for level in ("System", "Container", "Component")
    for form in ("", "Db", "Queue")
    for ext in ("", "_Ext")
)
_C4_BOUNDARIES = frozenset(
    {"Boundary", "Enterprise_Boundary", "System_Boundary", "Container_Boundary"}
    | {f"{name}{side}" for name in ("Deployment_Node", "Node") for side in ("", "_L", "_R")}
)
#: Every relation macro: Rel, BiRel and RelIndex, each with _Back, _Neighbor or a direction after it
#: (Rel_D, RelIndex_Back_Neighbor…), and ``Rel_``, whose last argument is the arrow to draw.
_C4_RELATION = re.compile(r"^(?:Bi)?Rel(?:Index)?(?:_\w*)?$")
#: The instances a deployment node runs, as C4 writes them: "bigbank-api x8", "web (x4)", "3 instances".
_C4_INSTANCES = re.compile(r"(?:^|[\s(])[x×]\s?(\d{1,4})\)?$|\b(\d{1,4})\s+instances\b", re.I)
#: Styling, layout and legends: how the diagram looks, not what it holds.
_C4_LOOKS = re.compile(
    r"^(?:title|accTitle|accDescr|Update\w*|Add\w*Tag|SHOW_\w*|HIDE_\w*|LAYOUT_\w*|Lay_\w*"
    # and C4-PlantUML's property tables, legend entries, sketch style and dynamic diagrams' counter
    r"|AddProperty|SetPropertyHeader|WithoutPropertyHeader|SetDefaultLegendEntries|SET_SKETCH_STYLE"
    r"|increment|setIndex|C4Version\w*)\b"
)
_C4_DEVICES = (
    "mobile",
    "ios",
    "android",
    "browser",
    "spa",
    "single page",
    "react",
    "angular",
    "vue",
    "javascript",
    "typescript",
    "xamarin",
    "flutter",
    "desktop",
    "electron",
)
_C4_ASYNC = ("async", "asynchronous", "asynchronously", "publish", "publishes", "amqp", "kafka")


def _c4_args(text: str) -> tuple[list[str], dict[str, str]]:
    """A C4 macro's arguments, split at the commas outside quotes and unquoted: the positional ones,
    and the named ones (``$descr="…"``) by their name without the ``$``. A positional argument may
    start with ``$`` too (``$index-1``, a dynamic diagram's step)."""
    args: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            args.append("".join(current))
            current = []
        else:
            current.append(char)
    args.append("".join(current))
    positional: list[str] = []
    named: dict[str, str] = {}
    for arg in args:
        name = _C4_NAMED.match(arg) if "$" in arg else None
        if name:
            named[name[1]] = arg[name.end() :].strip()
        else:
            positional.append(arg.strip())
    return positional, named


_C4_NAMED = re.compile(r"^\s*\$(\w+)\s*=")
#: A dynamic diagram's step as a relation's first argument: Index(), LastIndex()-2, $index-1, 3.
_C4_INDEX = re.compile(r"^(?:\$\w+|(?:Set|Last)?Index\([^()]*\)|\d+)(?:\s*[-+]\s*\d+)?$")


def _c4_text(text: str) -> str:
    """A C4 label or description: PlantUML's ``\\n`` and ``\\t`` are line breaks and tabs, one space here."""
    if "\\" in text:
        text = re.sub(r"\s*\\[nt]\s*", " ", text)
    return _unescape(text)


def read_c4(lines: list[str], offset: int, warnings: list[str]) -> BoardImport:
    """Read a C4 diagram (``C4Context``, ``C4Container``… — the macros C4-PlantUML also uses): people,
    systems, containers and components (their ``Db`` and ``Queue`` forms, ``_Ext`` ones) are boxes,
    of the kind their label and technology say (a person is a client; an external system that says
    nothing more is external), their description kept as notes; ``Rel`` is an arrow (``Rel_Back``
    drawn the other way, ``BiRel`` with no direction), asynchronous when it says so ("async",
    "publishes", Kafka, AMQP); boundaries and deployment nodes are zones."""
    nodes: dict[str, dict] = {}
    shapes: dict[str, str | None] = {}
    described: dict[str, str] = {}
    texts: dict[str, str] = {}
    people: set[str] = set()
    external: set[str] = set()
    systems: set[str] = set()
    zones: dict[str, dict] = {}
    open_zones: list[str] = []
    deployment: set[str] = set()  # the zones that are deployment nodes
    instances: dict[str, int] = {}  # a deployment node's copies, by its alias
    relations: list[tuple[int, list[str], str, bool]] = []
    # C4-PlantUML's sequence diagrams open a boundary without a brace and close it with Boundary_End()
    braceless = any("Boundary_End" in line for line in lines)
    for lineno, raw in enumerate(lines, start=offset + 1):
        check_budget()
        line = raw.strip()
        if not line or line.startswith("%%") or _C4_LOOKS.match(line):
            continue
        call = _C4_CALL.match(line)
        if line == "}" or (call and call["macro"] == "Boundary_End"):
            if open_zones:
                open_zones.pop()
            continue
        macro = call["macro"] if call else ""
        relation = _C4_RELATION.match(macro) is not None
        if call is None or not (relation or macro in _C4_PEOPLE | _C4_ELEMENTS | _C4_BOUNDARIES):
            raise MermaidError(f"line {lineno}: can't read “{line[:40]}” in a C4 diagram")
        args, named = _c4_args(call["args"])
        if relation:
            if macro.startswith("RelIndex"):
                args = args[1:]  # (index, from, to, label…)
            elif macro == "Rel_" and len(args) >= 4:
                args = args[:-1]  # (from, to, label, [techn,] direction); a dynamic one leads with its index
            if len(args) < 2:
                raise MermaidError(f"line {lineno}: a relation needs the two elements it joins")
            if "_Back" in macro:
                args = [args[1], args[0], *args[2:]]
            relations.append((lineno, args, macro, macro.startswith("BiRel")))
            continue
        alias = args[0] if args and args[0] else f"c4_{lineno}"
        label = _c4_text(args[1]) if len(args) > 1 and args[1] else alias
        if macro in _C4_BOUNDARIES:
            if len(zones) >= MAX_ZONES:
                raise MermaidError(
                    f"line {lineno}: more than {MAX_ZONES:,} boundaries, the most zones a board holds"
                )
            zone: dict = {"id": alias, "label": label, "kind": zone_kind(label)}
            if open_zones:
                zone["parent"] = open_zones[-1]
            zones[alias] = zone
            if macro.startswith(("Deployment_Node", "Node")):
                deployment.add(alias)
                copies = _C4_INSTANCES.search(label)
                if copies:
                    instances[alias] = int(copies[1] or copies[2])
            if call["open"] or braceless:
                open_zones.append(alias)
            continue
        technology = macro.startswith(("Container", "Component"))  # (alias, label, techn, descr)
        techn = args[2] if technology and len(args) > 2 else named.get("techn", "")
        descr = (
            args[3 if technology else 2] if len(args) > (3 if technology else 2) else named.get("descr", "")
        )
        nodes[alias] = {"id": alias, "label": label[:MAX_TEXT_CHARS]}
        if descr:
            nodes[alias]["notes"] = _c4_text(descr)[:MAX_TEXT_CHARS]
        if open_zones:
            nodes[alias]["parent"] = open_zones[-1]
        shapes[alias] = "cylinder" if "Db" in macro else "queue" if "Queue" in macro else None
        texts[alias], described[alias] = f"{label} {_c4_text(techn)}", descr
        if macro in _C4_PEOPLE:
            people.add(alias)
        elif macro.endswith("_Ext"):
            external.add(alias)
        if macro.startswith("System"):
            systems.add(alias)
        if len(nodes) > MAX_NODES:
            raise MermaidError(
                f"line {lineno}: the diagram has more than {MAX_NODES:,} elements, the most a board holds"
            )
    if open_zones:
        raise MermaidError(f"the boundary {open_zones[-1]} is not closed: end it with “}}”")
    zone_parents = {zone: data.get("parent") for zone, data in zones.items()}
    inferred: dict[str, Inference] = {}
    for alias, data in nodes.items():
        inference = infer_kind(texts[alias], shapes[alias])
        replicas = inference.replicas if inference.replicas > 1 else infer_kind(described[alias]).replicas
        replicas = min(replicas * _hosted_copies(data.get("parent"), zone_parents, instances), MAX_REPLICAS)
        inference = _c4_inference(
            inference, texts[alias], replicas, alias in people, alias in external, alias in systems
        )
        inferred[alias] = inference
        data.update(inference.fields())
    edges: list[dict] = []
    undirected: list[dict] = []
    running = _elements_in_zones(nodes, zone_parents)
    for lineno, args, macro, both_ways in relations:
        if (
            macro == "Rel_"
            and len(args) >= 4
            and (_C4_INDEX.match(args[0]) or (args[1] in nodes and args[2] in nodes and args[0] not in nodes))
        ):
            args = args[1:]  # a dynamic diagram's Rel_(index, from, to, label, [techn,] direction)
        a, b, label, techn = (args + ["", ""])[:4]
        a, b = (_element_in(end, nodes, zones, running) for end in (a, b))
        missing = [x for x in (a, b) if x not in nodes]
        if missing:
            why = _why_not_drawn(missing, zones, deployment, running)
            warnings.append(f"line {lineno}: the relation names {why}; left out")
            continue
        label, techn = _c4_text(label), _c4_text(techn)
        said = f"{label} ({techn})" if techn else label
        mode = "async" if mentions_any(f"{label} {techn}", _C4_ASYNC) else "sync"
        edges.append(
            {"data": {"id": f"e{len(edges) + 1}", "source": a, "target": b, "label": said, "mode": mode}}
        )
        if both_ways:
            undirected.append(edges[-1])
        if len(edges) > MAX_EDGES:
            raise MermaidError(
                f"line {lineno}: the diagram has more than {MAX_EDGES:,} relations, the most a board holds"
            )
    warnings += point_from_clients(
        undirected, {i: d["kind"] for i, d in nodes.items()}, {i: d["label"] for i, d in nodes.items()}
    )
    board: dict = {"nodes": [{"data": d} for d in nodes.values()], "edges": edges}
    if zones:
        board["zones"] = _zones(zones, nodes, {})
    unique_edge_ids(board)
    _lay_out(board)
    return BoardImport(board, inferred, warnings)


def _zones_around(zone: str | None, zone_parents: dict[str, str | None]) -> list[str]:
    """The zone an element is in, and the zones around that one, innermost first."""
    return [] if zone is None else [zone, *ancestors(zone_parents, zone)]


def _elements_in_zones(nodes: dict[str, dict], zone_parents: dict[str, str | None]) -> dict[str, list[str]]:
    """The elements inside each boundary or deployment node, nested ones included."""
    inside: dict[str, list[str]] = {}
    for alias, data in nodes.items():
        for zone in _zones_around(data.get("parent"), zone_parents):
            inside.setdefault(zone, []).append(alias)
    return inside


def _element_in(
    end: str, nodes: dict[str, dict], zones: dict[str, dict], running: dict[str, list[str]]
) -> str:
    """A relation's end: the element so named, or the one element a boundary or deployment node so
    named holds (docs draw the arrow to the node: "Rel(user, cloudfront, …)")."""
    if end not in nodes and end in zones and len(running.get(end, ())) == 1:
        return running[end][0]
    return end


def _why_not_drawn(
    missing: list[str], zones: dict[str, dict], deployment: set[str], running: dict[str, list[str]]
) -> str:
    """What the ends a relation can't be drawn to are, for its warning."""
    if not any(end in zones for end in missing):
        return f"{', '.join(missing)}, which no element is"
    said = []
    for end in missing:
        what = "a deployment node" if end in deployment else "a boundary"
        count = len(running.get(end, ()))
        said.append(f"{end}, {what} that runs {count:,} elements, not one" if end in zones else end)
    return "; ".join(said)


def _hosted_copies(zone: str | None, zone_parents: dict[str, str | None], instances: dict[str, int]) -> int:
    """How many copies of what runs in ``zone`` there are: the product of the instances of the
    deployment nodes around it (a Tomcat in "bigbank-api x8" runs eight times)."""
    copies = 1
    for around in _zones_around(zone, zone_parents):
        copies = min(copies * instances.get(around, 1), MAX_REPLICAS)
    return copies


def _join_junctions(junctions: set[str], joints: list[tuple[str, str, bool, int]], add_edge) -> int:
    """Arrows between the services on each set of junctions joined by lines (see
    ``_read_architecture``); returns how many were added."""
    group = {j: j for j in junctions}

    def root(j: str) -> str:
        while group[j] != j:
            group[j] = group[group[j]]
            j = group[j]
        return j

    for a, b, _, _ in joints:
        if a in junctions and b in junctions:
            group[root(a)] = root(b)
    ins: dict[str, list[str]] = {}
    outs: dict[str, list[str]] = {}
    plain: dict[str, list[str]] = {}
    last: dict[str, int] = {}
    for a, b, directed, lineno in joints:
        if a in junctions and b in junctions:
            continue
        service, junction, leads_in = (a, b, True) if b in junctions else (b, a, False)
        side = (ins if leads_in else outs) if directed else plain
        found = side.setdefault(root(junction), [])
        if service not in found:
            found.append(service)
        last[root(junction)] = lineno
    added = 0
    for key in dict.fromkeys([*ins, *outs, *plain]):
        sources = ins.get(key, []) + plain.get(key, [])
        targets = outs.get(key, []) + plain.get(key, [])
        pairs: dict[tuple[str, str], None] = {}
        for source in sources:
            for target in targets:
                both_plain = source in plain.get(key, []) and target in plain.get(key, [])
                if source == target or (both_plain and plain[key].index(source) > plain[key].index(target)):
                    continue  # two plain lines: the service written first points to the one written later
                pairs.setdefault((source, target), None)
        for source, target in pairs:
            add_edge(source, target, last[key])
            added += 1
    return added


# Mermaid's icons as shapes; "disk" says storage of some kind, not which (a block device is no
# object store), so the label decides.
_ICON_SHAPES = {"database": "cylinder", "internet": "person", "cloud": "cloud"}


def _icon_words(icon: str) -> str | None:
    """What an architecture icon other than Mermaid's shapes names, in words: ``server`` → "server",
    an icon pack's ``logos:aws-aurora`` → "aws aurora", ``fa6-solid:laptop-code`` → "laptop code"."""
    name = icon.rpartition(":")[2]
    if icon in _ICON_SHAPES or name == "disk":
        return None
    return " ".join(re.split(r"[-_\s]+", name)).strip() or None


def _arch_title(title: str) -> str:
    """A title's words: ``["AWS us-east-2"]`` is written in quotes as often as without."""
    title = title.strip()
    if len(title) >= 2 and title[0] == title[-1] == '"':
        title = title[1:-1].strip("`")
    return _unescape(title)


_ARCH_NODE = re.compile(
    rf"^(?P<what>service|group|junction)\s+(?P<id>{_ID})(?:\((?P<icon>[^)]*)\))?"
    r"(?:\[(?P<label>[^\]]*)\])?(?:\s+in\s+\S+)?$"
)
_ARCH_EDGE = re.compile(
    rf"^(?P<a>{_ID})(?:\{{group\}})?(?::[LRTB])?\s*(?P<back><)?--(?P<fwd>>)?\s*(?:[LRTB]:)?"
    rf"(?P<b>{_ID})(?:\{{group\}})?$"
)


def _read_designer_comment(text: str, lineno: int, exact: dict, warnings: list[str]) -> None:
    """Add what a ``%% designer:`` comment says (each box's kind and replicas, each arrow's mode) to
    ``exact``; a comment, or an entry, of the wrong shape is left out with a note."""
    try:
        meta = loads(text, what=f"line {lineno}'s designer comment")
    except InvalidInput as exc:
        warnings.append(f"line {lineno}: a designer comment that is not JSON was ignored ({exc.errors[0]})")
        return
    if not isinstance(meta, dict):
        warnings.append(f"line {lineno}: a designer comment that is not a JSON object was ignored")
        return
    nodes, edges = meta.get("nodes", {}), meta.get("edges", {})
    bad = 0
    zones = meta.get("zones", {})
    for zone_id, kind in zones.items() if isinstance(zones, dict) else ():
        if kind in ZONE_KINDS:
            exact["zones"][zone_id] = kind
        else:
            bad += 1
    for node_id, given in nodes.items() if isinstance(nodes, dict) else ():
        replicas = given.get("replicas", 1) if isinstance(given, dict) else None
        if (
            isinstance(given, dict)
            and given.get("kind") in KINDS
            and type(replicas) is int
            and 1 <= replicas <= MAX_REPLICAS
            and given.get("managed", False) in (True, False)
            and isinstance(given.get("notes", ""), str)
        ):
            exact["nodes"][node_id] = {
                "kind": given["kind"],
                "replicas": replicas,
                "managed": given.get("managed") is True,
                "notes": given.get("notes", "")[:MAX_TEXT_CHARS],
            }
        else:
            bad += 1
    for edge_id, mode in edges.items() if isinstance(edges, dict) else ():
        if mode in ("sync", "async", "replication"):
            exact["edges"][edge_id] = mode
        else:
            bad += 1
    if bad or not isinstance(nodes, dict) or not isinstance(edges, dict):
        warnings.append(
            f"line {lineno}: parts of a designer comment that are not a box's kind and replicas "
            "or an arrow's mode were ignored"
        )


def _read_architecture(lines: list[str], offset: int, exact: dict, warnings: list[str]) -> BoardImport:
    """Read an ``architecture-beta`` diagram: services are boxes; groups are not; junctions join the
    lines that meet at them. Of the services on one set of joined junctions, each leading in
    (``a --> j``) gets an arrow to each leading out (``j --> b``); services on lines without arrow
    heads (``a -- j``) are joined as a plain line is read — the one written first points to the one
    written later — and to those leading in or out. A line with no head (or two) between two services
    runs from the clients' side to the data's (:func:`~designer.formats.base.point_from_clients`)."""
    nodes: dict[str, dict] = {}
    shapes: dict[str, str | None] = {}
    icons: dict[str, str | None] = {}  # what an icon pack's icon names ("aws sqs")
    skipped: set[str] = set()
    junctions: set[str] = set()
    edges: list[dict] = []
    undirected: list[dict] = []  # lines between two services with no head, or one at each end
    # Lines touching a junction: (service or junction, junction or service, directed?, line number)
    joints: list[tuple[str, str, bool, int]] = []

    def add_edge(a: str, b: str, lineno: int) -> None:
        edges.append(
            {"data": {"id": f"e{len(edges) + 1}", "source": a, "target": b, "label": "", "mode": "sync"}}
        )
        if len(nodes) > MAX_NODES or len(edges) > MAX_EDGES:
            raise MermaidError(
                f"line {lineno}: the diagram has more than {MAX_NODES:,} boxes or {MAX_EDGES:,} arrows, "
                "the most a board holds"
            )

    for lineno, raw in enumerate(lines, start=offset + 1):
        line = raw.strip()
        designer = _DESIGNER.match(line)
        if designer:
            _read_designer_comment(designer.group("json"), lineno, exact, warnings)
            continue
        if not line or line.startswith("%%"):
            continue
        node = _ARCH_NODE.match(line)
        if node:
            if node["what"] == "service":
                nodes[node["id"]] = {"id": node["id"], "label": _arch_title(node["label"] or node["id"])}
                icon = (node["icon"] or "").strip()
                shapes[node["id"]] = _ICON_SHAPES.get(icon)
                icons[node["id"]] = _icon_words(icon)
            elif node["what"] == "junction":
                junctions.add(node["id"])
            else:
                skipped.add(node["id"])
            continue
        edge = _ARCH_EDGE.match(line)
        if not edge:
            raise MermaidError(f"line {lineno}: can't read “{line[:40]}” in an architecture diagram")
        a, b = edge["a"], edge["b"]
        if edge["back"] and not edge["fwd"]:
            a, b = b, a
        known = (a in nodes or a in junctions) and (b in nodes or b in junctions)
        if known and (a in junctions or b in junctions):
            joints.append((a, b, bool(edge["back"] or edge["fwd"]), lineno))
            continue
        if a not in nodes or b not in nodes:
            warnings.append(f"line {lineno}: the edge {a} – {b} touches a group and was left out")
            continue
        add_edge(a, b, lineno)
        if bool(edge["back"]) == bool(edge["fwd"]):
            undirected.append(edges[-1])
    joined = _join_junctions(junctions, joints, add_edge)
    if junctions:
        warnings.append(
            f"junctions are not components: {', '.join(sorted(junctions))}; the lines through them "
            f"became {joined} arrow{'s' if joined != 1 else ''}"
        )
    if skipped:
        warnings.append(f"groups are not components: {', '.join(sorted(skipped))}")
    inferred = {}
    for node_id, data in nodes.items():
        inference = label_or_icon(infer_kind(data["label"], shapes.get(node_id)), icons.get(node_id))
        inferred[node_id] = inference
        data.update(inference.fields())
    warnings += point_from_clients(
        undirected, {i: d["kind"] for i, d in nodes.items()}, {i: d["label"] for i, d in nodes.items()}
    )
    board = {"nodes": [{"data": d} for d in nodes.values()], "edges": edges}
    unique_edge_ids(board)
    _lay_out(board)
    return BoardImport(board, inferred, warnings)


def _directionless(link: str) -> bool:
    """Whether a link, as written, has no head (``---``, ``-.-``, ``===``) or one at each end (``<-->``,
    ``o--o``): it says which boxes it joins, not which way."""
    core = re.sub(r"\|.*\|", "", link).strip()
    core = re.sub(r"^[\w-]+@", "", core)  # an edge id
    starts = core[:1] in "<ox" and core[1:2] in ("-", "=", ".")
    ends = core.endswith(">") or (core[-1:] in ("o", "x") and core[-2:-1] in ("-", "=", "."))
    return starts == ends


def _read_statement(
    line: str, lineno: int, nodes: dict, shapes: dict, edges: list, undirected: list | None = None
) -> list[list[str]]:
    """Read one statement: groups of nodes (``a & b``) joined by links (``-->``), each group linked to
    the next; returns the groups. The arrows a statement makes are counted before any is made: ``a0 & … & a1999 -->
    b0 & … & b1999`` is four million of them, refused before the first is made. The edges of a
    link without a direction are added to ``undirected`` too."""
    groups: list[list[str]] = []
    links: list[tuple[str, str | None, bool]] = []
    pos = 0
    arrows = 0
    while True:
        group = []
        while True:
            node_id, label, shape, pos = _node_spec(line, pos, lineno)
            if node_id not in nodes:
                nodes[node_id] = {"id": node_id, "label": label or node_id}
                shapes[node_id] = shape
                if len(nodes) > MAX_NODES:
                    raise MermaidError(
                        f"line {lineno}: the diagram has more than {MAX_NODES:,} boxes, the most a board holds"
                    )
            elif label is not None:
                nodes[node_id]["label"] = label
                shapes[node_id] = shape
            group.append(node_id)
            check_budget()
            if len(group) > MAX_NODES:
                raise MermaidError(f"line {lineno}: an & group of more than {MAX_NODES:,} boxes")
            amp = _AMP_AT.match(line, pos)
            if not amp:
                break
            pos = amp.end()
        if groups:
            arrows += len(groups[-1]) * len(group)
            if len(edges) + arrows > MAX_EDGES:
                raise MermaidError(
                    f"line {lineno}: the diagram has more than {MAX_EDGES:,} arrows, the most a board holds "
                    f"(this line alone links {arrows:,} pairs by here)"
                )
        groups.append(group)
        link = _LINK.match(line, pos)
        if not link:
            if not _BLANK_AT.match(line, pos):
                raise MermaidError(f"line {lineno}: can't read “{line[pos : pos + 40].strip()}”")
            break
        label = (
            link.group("quoted")
            or link.group("pipe")
            or next(
                (
                    link.group(g)
                    for g in ("dquoted", "dtext", "tquoted", "ttext", "pquoted", "ptext")
                    if link.group(g)
                ),
                "",
            )
        ).strip()
        if len(label) >= 2 and label[0] == label[-1] == '"':
            label = label[1:-1]
        mode = None if link.group("invisible") else "async" if link.group("dotted") else "sync"
        relation = _STRUCTURIZR_RELATION.match(label)
        if relation and mode:  # C4 draws every relation dotted: what is asynchronous is what it says
            said, techn = _unescape(relation["said"]), _unescape(relation["techn"] or "")
            label = f"{said} ({techn})" if techn else said
            mode = "async" if mentions_any(f"{said} {techn}", _C4_ASYNC) else "sync"
        links.append((_unescape(label), mode, _directionless(link.group(0))))
        pos = link.end()
    for (label, link_mode, loose), sources, targets in zip(links, groups, groups[1:], strict=False):
        if link_mode is None:  # an invisible link places its boxes; it connects nothing
            continue
        for source in sources:
            for target in targets:
                edge_id = f"e{len(edges) + 1}"
                edges.append(
                    {
                        "data": {
                            "id": edge_id,
                            "source": source,
                            "target": target,
                            "label": label,
                            "mode": link_mode,
                        }
                    }
                )
                if loose and undirected is not None:
                    undirected.append(edges[-1])
    return groups


def _lay_out(board: dict) -> None:
    """Place boxes in layers along the arrows (Mermaid files carry no positions)."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(n["data"]["id"] for n in board["nodes"])
    graph.add_edges_from((e["data"]["source"], e["data"]["target"]) for e in board["edges"])
    condensed = nx.condensation(graph)
    layer_of = {}
    for depth, generation in enumerate(nx.topological_generations(condensed)):
        for component in generation:
            for node_id in condensed.nodes[component]["members"]:
                layer_of[node_id] = depth
    rows: dict[int, int] = {}
    for node in board["nodes"]:
        depth = layer_of[node["data"]["id"]]
        row = rows.get(depth, 0)
        rows[depth] = row + 1
        node["position"] = {"x": 80 + 220 * depth, "y": 80 + 110 * row}


def _quote(label: str) -> str:
    return (
        '"' + label.replace("#", "#35;").replace('"', "#quot;").replace("|", "#124;").replace("\n", " ") + '"'
    )


def write_mermaid(board: dict) -> str:
    """Write a board as a Mermaid flowchart, with designer comments that make the round trip exact.

    Examples
    --------
    >>> print(write_mermaid({"nodes": [{"data": {"id": "db", "kind": "sql_database", "label": "Orders"}}],
    ...                      "edges": []}))  # doctest: +NORMALIZE_WHITESPACE
    flowchart LR
      db[("Orders")]
    %% designer: {"nodes": {"db": {"kind": "sql_database", "replicas": 1}}, "edges": {}}
    """
    lines = ["flowchart LR"]
    ids: dict[str, str] = {}

    def safe_id(given: str) -> str:
        safe = re.sub(r"[^\w.-]", "_", given) or "n"
        while safe in ids.values() or safe in ("end", "subgraph"):
            safe += "_"
        ids[given] = safe
        return safe

    zones = board.get("zones") or []
    zone_ids = {z["data"]["id"] for z in zones}
    inside: dict[str | None, list[tuple[bool, dict]]] = {}  # what each zone holds (None: the board)
    for is_zone, items in ((True, zones), (False, board.get("nodes", []))):
        for item in items:
            parent = item["data"].get("parent")
            inside.setdefault(parent if parent in zone_ids else None, []).append((is_zone, item["data"]))

    def write(items: list[tuple[bool, dict]], depth: int) -> None:  # a zone: a subgraph around its boxes
        indent = "  " * depth
        for is_zone, data in items:
            safe = safe_id(data["id"])
            if is_zone:
                title = data.get("label") or ZONE_KINDS.get(data.get("kind") or "zone", "Zone")
                lines.append(f"{indent}subgraph {safe} [{_quote(title)}]")
                write(inside.get(data["id"], []), depth + 1)
                lines.append(f"{indent}end")
            else:
                kind = data.get("kind") or ""
                opening, closing = _SHAPE_OF_KIND.get(kind, ("[", "]"))
                label = data.get("label") or KINDS.get(kind, safe)
                lines.append(f"{indent}{safe}{opening}{_quote(label)}{closing}")

    write(inside.get(None, []), 1)
    edge_modes = {}
    for index, edge in enumerate(board.get("edges", []), start=1):
        data = edge["data"]
        mode = data.get("mode", "sync")
        arrow = {"async": "-.->", "replication": "==>"}.get(mode, "-->")
        label = f"|{_quote(data['label'])}|" if (data.get("label") or "").strip() else ""
        lines.append(f"  {ids[data['source']]} {arrow}{label} {ids[data['target']]}")
        edge_modes[f"e{index}"] = mode
    meta = {
        "nodes": {ids[n["data"]["id"]]: _exact(n["data"]) for n in board.get("nodes", [])},
        "edges": edge_modes,
    }
    if zones:
        meta["zones"] = {ids[z["data"]["id"]]: z["data"].get("kind") or "zone" for z in zones}
    lines.append(f"%% designer: {json.dumps(meta)}")
    return "\n".join(lines)


def _exact(data: dict) -> dict:
    """What a designer comment keeps of a box: its kind and replicas, and what its side editor holds
    that a flowchart can't show (managed, notes)."""
    exact = {"kind": data.get("kind"), "replicas": data.get("replicas", 1)}
    if data.get("managed") is True:
        exact["managed"] = True
    if data.get("notes"):
        exact["notes"] = data["notes"]
    return exact


def from_bytes(data: bytes, suffix: str = ".mmd", page: str | None = None) -> BoardImport:
    """Read a Mermaid file's bytes (the table's reader: ``suffix`` and ``page`` don't matter here)."""
    return read_mermaid(decode_text(data))
