"""Safe YAML with positions: every value's line and column, for error messages that point at them.

The text is composed with PyYAML's safe loader (libyaml's when installed: ten times faster, the same
nodes and marks; no Python tags, ever) and turned into data by a walker that records each node's
1-based ``line:column`` under its path, in a dict parallel to the data. The walker refuses what ``safe_load`` would quietly accept or choke on: duplicate keys, tags
outside YAML's core schema, alias bombs (the expansion is counted), deep nesting and oversize input.
"""

from __future__ import annotations

__all__ = ["Located", "YamlError", "load", "MAX_BYTES", "MAX_DEPTH", "MAX_NODES"]

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 1024 * 1024
MAX_NODES = 100_000
#: A rubric is a handful of levels deep; far deeper is an attack on the walker's recursion.
MAX_DEPTH = 64
_CORE_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}

Path = tuple[str | int, ...]


class YamlError(ValueError):
    """YAML that can't be read, with the place: ``file:line:column: message``."""

    def __init__(self, source: str, line: int, column: int, message: str):
        self.source, self.line, self.column, self.message = source, line, column, message
        super().__init__(f"{source}:{line}:{column}: {message}")


@dataclass
class Located:
    """Data read from YAML and the position of each of its parts."""

    data: Any
    positions: dict[Path, tuple[int, int]]
    source: str

    def position(self, path: Path) -> tuple[int, int]:
        """Return the position of ``path``, or of its nearest ancestor that has one.

        A missing key has no position of its own, so it points at its parent mapping.
        """
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


class _Walker:
    def __init__(self, source: str):
        self.source = source
        self.loader = yaml.SafeLoader("")
        self.count = 0
        self.positions: dict[Path, tuple[int, int]] = {}

    def error(self, node: Node, message: str) -> YamlError:
        return YamlError(self.source, node.start_mark.line + 1, node.start_mark.column + 1, message)

    def walk(self, node: Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.error(
                node,
                f"the document expands to more than {MAX_NODES:,} values "
                "(are anchors and aliases multiplying it?)",
            )
        if len(path) > MAX_DEPTH:
            raise self.error(node, f"the values are nested more than {MAX_DEPTH} levels deep")
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _CORE_TAGS:
            raise self.error(node, f"the tag {node.tag!r} is not allowed; write plain YAML values")
        if isinstance(node, MappingNode):
            self.loader.flatten_mapping(node)  # resolves << merge keys
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.walk(key_node, (*path, "<key>"))
                if not isinstance(key, str | int | float | bool) or key is None:
                    raise self.error(key_node, "a key must be plain text")
                key = str(key)
                if key in out:
                    raise self.error(key_node, f"the key {key!r} appears twice in this mapping")
                out[key] = self.walk(value_node, (*path, key))
            self.positions.pop((*path, "<key>"), None)
            return out
        if isinstance(node, SequenceNode):
            return [self.walk(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.tag.endswith(":int") and len(node.value) > 32:  # int() of thousands of digits is slow
            raise self.error(node, f"the number {node.value[:20]}… ({len(node.value):,} digits) is too long")
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise self.error(node, str(exc.problem or exc)) from None
        except (ValueError, OverflowError) as exc:  # 2001-13-45 is a timestamp by its shape, no date
            raise self.error(
                node, f"{node.value[:40]!r} can't be read as a {node.tag.rsplit(':', 1)[1]}: {exc}"
            ) from None


# Only composing uses libyaml; scalars are still constructed by the pure-Python SafeLoader above.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str | bytes, source: str = "<string>") -> Located:
    """Read one YAML document safely, with the position of every value.

    Raises
    ------
    YamlError
        For a syntax error, a disallowed tag, a duplicate key, an alias bomb or oversize input,
        with the file, line and column.

    Examples
    --------
    >>> doc = load("a:\\n  b: [1, 2]\\n", "x.yaml")
    >>> doc.data, doc.position(("a", "b", 1))
    ({'a': {'b': [1, 2]}}, (2, 10))
    >>> load("a: 1\\na: 2\\n", "x.yaml")
    Traceback (most recent call last):
    ...
    designer.yamlpos.YamlError: x.yaml:2:1: the key 'a' appears twice in this mapping
    """
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise YamlError(source, 1, 1, f"the file is {len(text):,} bytes; at most {MAX_BYTES:,}")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise YamlError(source, 1, 1, f"the file is not UTF-8 text ({exc.reason})") from None
    if len(text) > MAX_BYTES:
        raise YamlError(source, 1, 1, f"the file is {len(text):,} characters; at most {MAX_BYTES:,}")
    try:
        root = yaml.compose(text, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlError(source, line, column, f"YAML syntax: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlError(source, 1, 1, f"YAML: {exc}") from None
    except RecursionError:  # the pure-Python composer, without libyaml's own nesting limit
        raise YamlError(source, 1, 1, f"the values are nested more than {MAX_DEPTH} levels deep") from None
    if root is None:
        return Located(None, {(): (1, 1)}, source)
    walker = _Walker(source)
    data = walker.walk(root, ())
    return Located(data, walker.positions, source)
