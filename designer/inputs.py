"""The input boundary: bytes from a request, an upload or a file become a JSON value here, or a clear
refusal naming what was wrong and where.

Every JSON the product reads goes through :func:`loads`, so what is stored is what was parsed, and
nothing stored can break a page later:

* UTF-8 only, without a byte order mark (``json.loads`` on bytes would guess UTF-16 or UTF-32 and
  the text stored beside the value would then not be the text that was parsed);
* at most :data:`MAX_DEPTH` levels of arrays and objects (deeper is no session, and Python's parser
  would recurse until it fails);
* finite numbers only, integers within what a browser keeps exactly (``1e999`` parses to infinity,
  which is not JSON and which the whiteboard cannot load);
* no lone surrogates (``"\\ud800"`` is valid JSON but no UTF-8 text: a page or a download fails on it)
  and no NUL character (PostgreSQL refuses it in text).
"""

from __future__ import annotations

__all__ = [
    "MAX_DEPTH",
    "MAX_SAFE_INTEGER",
    "InvalidInput",
    "decode_utf8",
    "loads",
    "check_value",
    "check_text",
    "deeper_than",
    "needs_checking",
    "read_file",
    "too_large",
]

import codecs
import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from designer.errors import DesignerError, FieldError, SessionFormatError

MAX_DEPTH = 64
#: The largest integer a browser (an IEEE double) keeps exactly: 2**53 - 1.
MAX_SAFE_INTEGER = 2**53 - 1
_MAX_ERRORS = 20

# Longest first: UTF-32 LE's mark starts with UTF-16 LE's.
_BOMS = [
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF8, "UTF-8 with a byte order mark"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
]


class InvalidInput(SessionFormatError):
    """Bytes or values refused at the boundary; ``status`` is the HTTP status that says so (400 for
    bytes that are no UTF-8 text or JSON too deep to read, 422 for a value in the wrong place)."""

    def __init__(
        self, errors: list[FieldError], status: int = 422, what: str = "The input", kind: str = "valid JSON"
    ):
        super().__init__(errors)
        self.status = status
        lines = "; ".join(str(e) for e in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        self.args = (f"{what} is not {kind}: {lines}{more}.",)


def decode_utf8(data: bytes, what: str = "The input") -> str:
    """Decode ``data`` as UTF-8 without a byte order mark, or raise :class:`InvalidInput` (400)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            raise InvalidInput(
                [FieldError("", f"it is {name}; send UTF-8 without a byte order mark")],
                400,
                what,
                "UTF-8 text",
            )
    if data[:4].count(0) >= 2:  # UTF-16/32 text without a mark: ASCII with NUL bytes between
        raise InvalidInput(
            [FieldError("", "it looks like UTF-16 or UTF-32; send UTF-8")], 400, what, "UTF-8 text"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            [FieldError("", f"byte {exc.start} is not UTF-8 ({exc.reason})")], 400, what, "UTF-8 text"
        ) from None


class _Refused:
    """A number the parser met that the boundary refuses; :func:`check_value` reports it with its path."""

    __slots__ = ("text", "reason")

    def __init__(self, text: str, reason: str):
        self.text = text
        self.reason = reason


def _float(text: str) -> float | _Refused:
    value = float(text)
    return value if math.isfinite(value) else _Refused(text, "not a finite number")


def _int(text: str) -> int | _Refused:
    # Refuse by length first: int() of a 5,000-digit string is slow, and past 4,300 digits an error.
    if len(text.lstrip("-")) > 16 or abs(value := int(text)) > MAX_SAFE_INTEGER:
        shown = text if len(text) <= 24 else f"{text[:20]}… ({len(text):,} digits)"
        return _Refused(shown, f"beyond ±{MAX_SAFE_INTEGER:,}, the largest integer a browser keeps exactly")
    return value


def _constant(text: str) -> _Refused:
    return _Refused(text, "not a JSON value (JSON has no NaN or Infinity)")


def loads(
    data: bytes | str,
    path: str = "",
    what: str = "The input",
    *,
    binary_text: bool = False,
    first: Callable[[Any], None] | None = None,
) -> Any:
    """Parse ``data`` as strict JSON and check the value (see the module's docstring).

    ``path`` prefixes the JSON path of each error (``board`` for a board body), ``what`` names the
    input in the message. ``binary_text`` lets strings carry NUL and surrogates: a wrapper whose
    strings are bytes (Excalidraw's ``bstring``), never stored as text. ``first`` sees the parsed
    value before the checks walk it, to refuse what is too large at the cost of a count (a walk of
    2 MB of empty boxes takes ten times its parse). Raises :class:`InvalidInput`.
    """
    text = decode_utf8(data, what) if isinstance(data, bytes) else data
    # Each number through a Python hook costs more than the rest of the parse: numbers go through the
    # checking hooks only when the text holds one that could be refused (16 digits in a row, or an
    # exponent of 100 or more); otherwise every number in it is finite and exact.
    numbers_suspect = _may_hold_a_refused_number(text)
    constants: list[str] = []

    def constant(word: str) -> _Refused:
        constants.append(word)
        return _constant(word)

    try:
        if numbers_suspect:
            value = json.loads(text, parse_float=_float, parse_int=_int, parse_constant=constant)
        else:
            value = json.loads(text, parse_constant=constant)
    except RecursionError:
        raise InvalidInput(
            [FieldError(path, f"it is nested deeper than {MAX_DEPTH} levels")], 422, what
        ) from None
    except ValueError as exc:  # json.JSONDecodeError says where
        raise InvalidInput([FieldError(path, str(exc))], 422, what) from None
    if first is not None:
        first(value)
    # The walk that names each problem's path costs more than the autosave's whole SQL: take it only
    # when the text may hold a problem (a number as above, NaN or Infinity, an escape for NUL or a
    # surrogate, a lone surrogate in the text itself) or the value is deep.
    text_suspect = not binary_text and _text_suspect(text)
    if numbers_suspect or constants or text_suspect or deeper_than(value, MAX_DEPTH):
        check_value(value, path, what, binary_text=binary_text)
    return value


#: Digits to 0, exponents to ``e``, signs to ``+``: what :func:`_may_hold_a_refused_number` looks for.
_NUMBER_SHAPES = str.maketrans("123456789E-", "000000000e+")


def _may_hold_a_refused_number(text: str) -> bool:
    """Whether ``text`` holds a run of 16 digits (an integer past 2**53 needs 16; a float past 1e308
    needs that or a 3-digit exponent) or an exponent of 100 or more. Digits in strings and words
    such as ``node123`` match too: they only send the text through the checking hooks, which decide.
    (A translation and three substring searches: ten times faster than a regular expression.)"""
    shapes = text.translate(_NUMBER_SHAPES)
    return "0" * 16 in shapes or "e000" in shapes or "e+000" in shapes


#: ``\u0000`` (NUL) or ``\ud800``–``\udfff`` (a surrogate half) in JSON text. A pair of halves is
#: fine and an escaped backslash before ``u0000`` is no escape: both only send the value to the full
#: check, which decides.
_SUSPECT_ESCAPE = re.compile(r"\\u(?:0000|[dD][89abcdefABCDEF][0-9a-fA-F]{2})")


def _text_suspect(text: str) -> bool:
    return _SUSPECT_ESCAPE.search(text) is not None or check_text(text) is not None


def needs_checking(text: str) -> bool:
    """Whether JSON ``text`` may hold a value :func:`loads` refuses for something other than its depth:
    a number it may refuse, NaN or Infinity (or the words anywhere), an escape for NUL or a surrogate,
    a lone surrogate. Where this is False, a value parsed by another strict JSON parser is what
    :func:`loads` would give, once :func:`deeper_than` says it is not too deep."""
    return _may_hold_a_refused_number(text) or "NaN" in text or "Infinity" in text or _text_suspect(text)


def deeper_than(value: Any, limit: int) -> bool:
    """Whether an array or object sits ``limit`` levels down (a level at a time: the stack is safe)."""
    level = [value] if isinstance(value, (dict, list)) else []
    depth = 0
    while level:
        if depth >= limit:
            return True
        below = []
        for item in level:
            for child in item.values() if type(item) is dict else item:
                if type(child) is dict or type(child) is list:  # what json.loads makes: exact types
                    below.append(child)
        level = below
        depth += 1
    return False


def check_text(text: str, path: str = "") -> str | None:
    """Say what is wrong with ``text`` as stored text (a lone surrogate, a NUL), or None if nothing."""
    if "\x00" in text:
        return f"it contains a NUL character at position {text.index(chr(0))}"
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            return f"it contains a lone surrogate (\\u{ord(text[exc.start]):04x}) at position {exc.start}"
    return None


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def check_value(value: Any, path: str = "", what: str = "The input", *, binary_text: bool = False) -> None:
    """Refuse a parsed value nested too deep or holding a refused number or text; each error names
    its JSON path. Iterative, so a deep value cannot exhaust the stack here either."""
    errors: list[FieldError] = []
    stack: list[tuple[Any, str, int]] = [(value, path, 0)]
    while stack and len(errors) < _MAX_ERRORS:
        item, where, depth = stack.pop()
        if isinstance(item, str):
            problem = None if binary_text else check_text(item)
            if problem:
                errors.append(FieldError(where, problem))
        elif isinstance(item, _Refused):
            errors.append(FieldError(where, f"{item.text} is {item.reason}"))
        elif isinstance(item, float) and not math.isfinite(item):
            errors.append(FieldError(where, f"{item} is not a finite number"))
        elif isinstance(item, (dict, list)):
            if depth >= MAX_DEPTH:
                raise InvalidInput(
                    [FieldError(where, f"it is nested deeper than {MAX_DEPTH} levels")], 422, what
                )
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            children = []
            for key, child in pairs:
                if isinstance(key, str) and (problem := check_text(key)):
                    shown = json.dumps(key)[1:-1]  # the path itself must be printable
                    errors.append(FieldError(_join(where, shown), f"the key: {problem}"))
                children.append((child, _join(where, key), depth + 1))
            stack.extend(reversed(children))  # report in document order
    if errors:
        raise InvalidInput(errors, 422, what)


def too_large(name: str, limit: int, what: str) -> str:
    """Why a file called ``name`` is refused: it is over ``limit`` bytes, the most ``what`` may be."""
    return f"{name} is larger than {limit // (1024 * 1024)} MB, the most {what} may be"


def read_file(path: Path, limit: int, what: str) -> bytes:
    """A file's bytes, or a DesignerError if it is over ``limit`` bytes, found by reading one byte
    more than that and no further: a 1 GB file is refused without being held in memory."""
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise DesignerError(f"can't read {path}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise DesignerError(f"{too_large(str(path), limit, what)}.")
    return data
