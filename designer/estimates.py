"""Back-of-envelope estimates: evaluate a candidate's expressions safely, with units.

An expression is arithmetic over numbers, SI suffixes (``500M``, ``1B``, ``100GB``), percents, units
(``86400 s``, ``100 bytes``) and the names of other rows, written as a candidate would
(``50M × 20``, ``10^5``, ``86,400``). It is rewritten into a Python expression, parsed with
:mod:`ast`, and walked over an allow-list of node types with :mod:`pint` quantities — never ``eval``.

Interviews are loose about "per day": a row ``msgs_per_day = dau * 20`` with unit ``1/day`` is a
plain count whose time base the unit names. So a unit that equals the expression's dimension divided
by a time is accepted, and the row shows its value per that time; other rows that use it see the
expression's own value, which is what the candidate goes on to divide by ``86400 s``.
"""

from __future__ import annotations

__all__ = ["Evaluated", "EstimateError", "evaluate_rows", "evaluate_expr", "format_quantity", "quantity"]

import ast
import difflib
import math
import operator
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

import networkx as nx

from designer.figures import read_figure
from designer.numbers import NUMBER, ascii_powers, number_value
from designer.units import format_quantity, quantity

if TYPE_CHECKING:  # pint is imported with the unit registry, when a unit is first needed
    import pint

MAX_EXPR_CHARS = 500
MAX_EXPONENT = 64
MAX_DEPTH = 40

# Words a candidate writes for a unit, mapped to the pint unit and a decimal prefix factor.
_UNIT_WORDS: dict[str, tuple[str, float]] = {}
for _words, _unit in (
    (("s", "sec", "secs", "second", "seconds"), "second"),
    (("ms", "msec", "millisecond", "milliseconds"), "millisecond"),
    (("min", "mins", "minute", "minutes"), "minute"),
    (("h", "hr", "hrs", "hour", "hours"), "hour"),
    (("day", "days", "d"), "day"),
    (("week", "weeks", "wk"), "week"),
    (("month", "months", "mo"), "month"),
    (("year", "years", "yr", "yrs", "y"), "year"),
    (("byte", "bytes"), "byte"),
    (("bit", "bits"), "bit"),
):
    for _w in _words:
        _UNIT_WORDS[_w] = (_unit, 1.0)
for _i, _p in enumerate("KMGTPE", start=1):
    _UNIT_WORDS[f"{_p}B"] = ("byte", 1000.0**_i)
    _UNIT_WORDS[f"{_p}iB"] = ("byte", 1024.0**_i)
    _UNIT_WORDS[f"{_p}b"] = ("bit", 1000.0**_i)
    _UNIT_WORDS[f"{_p}bps"] = ("bit/second", 1000.0**_i)
    _UNIT_WORDS[f"{_p}Bps"] = ("byte/second", 1000.0**_i)  # "40 MBps": megabytes a second
    _UNIT_WORDS[f"{_p}bit"] = _UNIT_WORDS[f"{_p}bits"] = ("bit", 1000.0**_i)  # "10 Gbit/s"
_UNIT_WORDS["kB"] = ("byte", 1000.0)
_UNIT_WORDS["kbps"] = ("bit/second", 1000.0)
_UNIT_WORDS["kbit"] = _UNIT_WORDS["kbits"] = ("bit", 1000.0)
_UNIT_WORDS["bps"] = ("bit/second", 1.0)
_UNIT_WORDS["B"] = ("byte", 1.0)
for _w in ("qps", "QPS", "rps", "RPS", "tps", "TPS"):
    _UNIT_WORDS[_w] = ("1/second", 1.0)

# Scale suffixes written straight after a number: 500M, 1B, 12K, 10%.
_SCALES = {"K": 1e3, "k": 1e3, "M": 1e6, "B": 1e9, "bn": 1e9, "T": 1e12, "%": 0.01}
# Scale words written as words: "5 million".
_SCALE_WORDS = {
    "thousand": 1e3,
    "million": 1e6,
    "mil": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "hundred": 1e2,
}

# A scale written apart from its number ("50 M users", "1.2 bn"); "B" apart is a byte, as in "4 B".
_SPACED_SCALES = {s: v for s, v in _SCALES.items() if s not in ("B", "%")} | {
    "mn": 1e6,
    "mln": 1e6,
    "Bn": 1e9,
}

# What an estimate counts, written after its number ("50M users", "20 msgs/user/day", "10k req/s"):
# a label, counted as 1 there. Standing alone such a word is still a row's name, so a row's name
# mistyped is an error, not a silent 1.
_COUNTED = frozenset(
    """
    user dau mau wau person people customer member subscriber account player driver rider device client
    msg message chat post tweet story photo image picture video song stream file upload download doc
    document page pageview view impression click visit hit search query lookup like comment share
    follower friend notification email sms push event log metric sample span heartbeat ping req request
    call op operation read write txn transaction order booking payment ride trip match game item product
    listing review record row object entry url link paste shortlink redirect key job task connection
    session char character word token
    server node machine host instance replica copy shard partition region core cpu disk drive pod
    container worker thread
    """.split()  # noqa: SIM905 - a list of 100 words reads better as words
)


def _counted(name: str, rows: frozenset[str]) -> bool:
    """Whether ``name`` is a word for what is counted (in any case, singular or plural), not a row's."""
    word = name.lower()
    if word in rows:
        return False
    singular = {word, word.removesuffix("s"), word.removesuffix("es"), word.removesuffix("ies") + "y"}
    return not _COUNTED.isdisjoint(singular)


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>"""
    + NUMBER
    + r"""(?:[eE][+-]?\d+)?)
    (?P<suffix>\s*%|(?:K|k|M|B|bn|T)(?![A-Za-z_]))?
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\*\*|[-+*/^×÷·()])
    """,
    re.VERBOSE,
)


#: A unit's name straight after a "/" ("Gbit/s", "GB/day"), read ahead of the loop below.
_UNIT_AFTER_SLASH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

#: Marks of an approximation ("~500M", "≈ 1B"): read past, as spaces, so positions in errors hold.
_APPROXIMATELY = str.maketrans("~≈≃", "   ")

#: "x10" straight after a number: scientific notation written with a letter ("5x10^8").
_X_POWER = re.compile(r"[xX]\d+")


def _spaced_scale(name: str, text: str, pos: int, rows: frozenset[str]) -> float | None:
    """The scale ``name`` stands for when written apart from its number ("50 M", "5 million"); a
    ``B`` apart is a byte ("4 B"), unless what is counted follows it ("100 B msgs/day")."""
    if name in _SPACED_SCALES:
        return _SPACED_SCALES[name]
    if name.lower() in _SCALE_WORDS:
        return _SCALE_WORDS[name.lower()]
    if name == "B":
        following = _TOKEN.match(text, pos)
        if following and following.group("space"):
            following = _TOKEN.match(text, following.end())
        if following and following.group("name") and _counted(following.group("name"), rows):
            return 1e9
    return None


class EstimateError(ValueError):
    """An expression that can't be evaluated; the message says where and why."""


@dataclass
class Evaluated:
    """One estimate row after evaluation.

    ``value`` is what later rows see (``None`` when the row has an error); ``quantity`` is the value
    with the row's unit applied (what checks compare); ``display`` is the value
    in readable units (``11.6K /s``, ``182 TB``); ``error`` and ``warning`` are shown on the row.
    """

    name: str
    value: pint.Quantity | None = None
    #: The value as the row's unit reads it: ``500K`` with unit ``1/s`` is a rate here, a count in ``value``.
    quantity: pint.Quantity | None = None
    display: str = ""
    error: str | None = None
    warning: str | None = None
    stated_display: str | None = None
    #: How a stated figure written in words was read ("12.7 GB /month"); None for an expression.
    stated_understood: str | None = None
    stated_ratio: float | None = None
    agreement: str | None = None  # match | close | off | wrong
    #: The rows this one is worked out from, directly or through others (their indexes): the
    #: candidate's assumptions behind a derived figure.
    inputs: frozenset[int] = frozenset()
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None and self.value is not None

    def magnitude_in(self, unit: str) -> float:
        """Return the quantity as a number of ``unit`` (``"1/s"``, ``"byte"``)."""
        assert self.quantity is not None
        return float(self.quantity.to(unit).magnitude)


def _rewrite(text: str, rows: frozenset[str] = frozenset()) -> str:
    """Rewrite a candidate's expression into Python syntax.

    Implicit multiplication (``86400 s``) gets a ``*``; ``×``, ``x`` and ``÷`` become operators; ``^``
    and a superscript power become ``**``; numbers with suffixes become plain literals. A word for
    what is counted (``50M users``, ``20 msgs/user/day``) counts as 1 after a number, ``/`` or "per",
    unless a row (``rows``, lower case) has that name.
    """
    text = ascii_powers(text, grouped=True).translate(_APPROXIMATELY)
    out: list[str] = []
    atom_start = 0  # where the number a unit word would attach to begins (its base, for 10^5)
    unit_end = -1  # where a number's unit ends ("1 Gbit|"), so that "/s" written against it joins it
    prev = None  # "operand" or "operator"
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise EstimateError(f"can't read {text[pos : pos + 10]!r} at character {pos + 1}")
        pos = m.end()
        if m.group("space"):
            continue
        per = _UNIT_AFTER_SLASH.match(text, pos) if m.group("op") == "/" and m.start() == unit_end else None
        if per and per[0] in _UNIT_WORDS and per[0].lower() not in rows:
            # "1 TB / 1 Gbit/s": a unit written "Gbit/s" is one unit, 1 TB / (1 Gbit/s), not
            # (1 TB / 1 Gbit) / s as left to right would have it
            out[atom_start:] = [f"({' '.join(out[atom_start:])} / {per[0]})"]
            pos = unit_end = per.end()
            continue
        if m.group("number") is not None:
            if prev == "number":
                # "1000 000" (a group of four) would be 1000 × 0: say so rather than answer 0
                raise EstimateError(
                    f"two numbers side by side at character {m.start() + 1}; write × between them, "
                    "or group thousands in threes (1 000 000)"
                )
            number = number_value(m.group("number"))
            suffix = m.group("suffix")
            if suffix:
                number *= _SCALES[suffix.strip()]
            token, kind = repr(number), "operand"
        elif m.group("name") is not None:
            name = m.group("name")
            after_operand = prev in {"operand", "number", "close"}
            if after_operand and _X_POWER.fullmatch(name) and name.lower() not in rows:
                pos = m.start() + 1  # "5x10^8": the x multiplies, the digits are read again as a number
                token, kind = "*", "operator"
            elif name in {"x", "X"} and after_operand:
                token, kind = "*", "operator"
            elif name.lower() == "per":
                token, kind = "/", "operator"
            elif (
                prev == "number"
                and name.lower() not in rows
                and (scale := _spaced_scale(name, text, pos, rows))
            ):
                # "5 million users": the scale joins its number, and what it counts may follow
                out[atom_start:] = [f"({' '.join(out[atom_start:])} * {scale!r})"]
                continue
            elif _counted(name, rows) and (prev == "number" or (out and out[-1] == "/")):
                token, kind = "1", "operand"
            else:
                token, kind = name, "operand"
        else:
            op = m.group("op")
            token = {"^": "**", "×": "*", "·": "*", "÷": "/"}.get(op, op)
            kind = "open" if op == "(" else "close" if op == ")" else "operator"
        if m.group("name") is not None and kind == "operand" and prev == "number":
            # "86400 s" binds tighter than "/": 1B / 86400 s is 1B / (86400 s), 10^5 s is (10^5 s).
            out[atom_start:] = [f"({' '.join(out[atom_start:])} * {token})"]
            prev = "operand"
            unit_end = pos
            continue
        if kind in {"operand", "open"} and prev in {"operand", "number", "close"}:
            out.append("*")
        if m.group("number") is not None and not (out and out[-1] == "**"):
            atom_start = len(out)
        out.append(token)
        prev = "number" if m.group("number") is not None else ("operand" if kind == "close" else kind)
    return " ".join(out)


_BINOPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


class _Walker:
    """Evaluate an allow-listed AST over pint quantities."""

    def __init__(self, names: dict[str, pint.Quantity | None], unit_mode: bool):
        self.names = names
        self.lower = {k.lower(): k for k in names}
        self.unit_mode = unit_mode

    def eval(self, node: ast.AST, depth: int = 0) -> pint.Quantity:
        if depth > MAX_DEPTH:
            raise EstimateError("the expression is nested too deeply")
        if isinstance(node, ast.Expression):
            return self.eval(node.body, depth + 1)
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, int | float)
            and not isinstance(node.value, bool)
        ):
            return quantity(float(node.value))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            value = self.eval(node.operand, depth + 1)
            # pint types its operators' results as its base class, PlainQuantity
            return cast("pint.Quantity", -value) if isinstance(node.op, ast.USub) else value
        if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
            left, right = self.eval(node.left, depth + 1), self.eval(node.right, depth + 1)
            from pint import DimensionalityError  # loaded already: the operands are pint quantities

            try:
                result = _BINOPS[type(node.op)](left, right)
            except DimensionalityError:
                raise EstimateError(f"can't add or subtract {_dims(left)} and {_dims(right)}") from None
            except ZeroDivisionError:
                raise EstimateError("division by zero") from None
            return _finite(result)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            base, exponent = self.eval(node.left, depth + 1), self.eval(node.right, depth + 1)
            if not exponent.dimensionless:
                raise EstimateError("an exponent must be a plain number")
            power = float(exponent.to("").magnitude)
            if abs(power) > MAX_EXPONENT:
                raise EstimateError(f"the exponent {power:g} is too large (at most {MAX_EXPONENT})")
            try:
                return _finite(base**power)
            except (OverflowError, ZeroDivisionError):
                raise EstimateError("the number is too large") from None
        if isinstance(node, ast.Name):
            return self.lookup(node.id)
        raise EstimateError(f"{_describe_node(node)} is not allowed in an estimate")

    def lookup(self, name: str) -> pint.Quantity:
        key = name if name in self.names else self.lower.get(name.lower())
        if key is not None:
            value = self.names[key]
            if value is None:
                raise EstimateError(f"{key!r} has no value: its own row has an error")
            return value
        if name in _UNIT_WORDS:
            unit, factor = _UNIT_WORDS[name]
            return quantity(factor, unit)
        if name in _SPACED_SCALES:
            return quantity(_SPACED_SCALES[name])
        if name.lower() in _SCALE_WORDS:
            return quantity(_SCALE_WORDS[name.lower()])
        if self.unit_mode:
            return quantity(1.0)  # a count word in a unit ("messages/day"): a label, not a dimension
        known = [*self.names, "s", "min", "h", "day", "month", "year", "bytes", "bits", "GB"]
        close = difflib.get_close_matches(name, known, n=1)
        hint = (
            f"; did you mean {close[0]!r}?"
            if close
            else ("; use the name of a row or a unit (s, min, h, day, month, year, bytes, bits)")
        )
        raise EstimateError(f"unknown name {name!r}{hint}")


def _describe_node(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        return "a function call"
    if isinstance(node, ast.Attribute):
        return "an attribute"
    if isinstance(node, ast.Constant):
        return f"the literal {node.value!r}"
    return f"'{type(node).__name__}'"


def _finite(value: pint.Quantity) -> pint.Quantity:
    if not math.isfinite(float(value.magnitude)):
        raise EstimateError("the number is too large")
    return value


def _dims(value: pint.Quantity) -> str:
    """Name a quantity's dimension in a candidate's words: "bytes per time", "a plain number"."""
    dims = value.dimensionality
    # exponents are real numbers here (pint types them as any number, complex included)
    info, time = dims.get("[information]", 0).real, dims.get("[time]", 0).real
    parts = []
    if info:
        parts.append("bytes" if info == 1 else f"bytes^{info:g}")
    if time > 0:
        parts.append("time" if time == 1 else f"time^{time:g}")
    if not parts:
        parts.append("a count" if time < 0 else "a plain number")
    if time < 0:
        parts.append("per time" if time == -1 else f"per time^{-time:g}")
    return " ".join(parts)


def evaluate_expr(
    text: str, names: dict[str, pint.Quantity | None] | None = None, unit_mode: bool = False
) -> pint.Quantity:
    """Evaluate one expression; ``names`` are the values of the rows it may use.

    Raises
    ------
    EstimateError
        When the text can't be read, names something unknown, mixes dimensions or overflows.

    Examples
    --------
    >>> evaluate_expr("500M * 10%").magnitude
    50000000.0
    >>> round(evaluate_expr("1B / 86,400 s").to("1/s").magnitude)
    11574
    >>> evaluate_expr("__import__('os')")
    Traceback (most recent call last):
    ...
    designer.estimates.EstimateError: can't read "'os')" at character 12
    """
    text = text.strip()
    if not text:
        raise EstimateError("the expression is empty")
    if len(text) > MAX_EXPR_CHARS:
        raise EstimateError(f"the expression is {len(text)} characters; at most {MAX_EXPR_CHARS}")
    python = _rewrite(text, frozenset(name.lower() for name in names or ()))
    try:
        tree = ast.parse(python, mode="eval")
    except (SyntaxError, MemoryError, RecursionError):
        raise EstimateError(f"{text!r} is not a complete expression") from None
    try:
        return _Walker(names or {}, unit_mode).eval(tree)
    except RecursionError:
        raise EstimateError("the expression is nested too deeply") from None


def is_plain_unit(text: str) -> bool:
    """Whether ``text`` is surely a unit :func:`evaluate_expr` reads, decided without pint.

    True only for products and quotients of unit words, scale words and small numbers ("1/month",
    "GB/day"): those can't mix dimensions or overflow. Anything else answers False, and the caller
    asks :func:`evaluate_expr`, which says what is wrong. Validating a rubric's units this way keeps
    pint's import (a fifth of the CLI's start-up) out of a grade whose estimates have no rows.
    """
    try:
        tree = ast.parse(_rewrite(text.strip()), mode="eval")
    except (EstimateError, SyntaxError, MemoryError, RecursionError):
        return False
    for node in ast.walk(tree.body):
        if isinstance(node, ast.BinOp):
            if not isinstance(node.op, ast.Mult | ast.Div):
                return False
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, int | float):
                return False
            if not 0 < node.value <= 1e12:  # zero divides, a huge one could overflow
                return False
        elif isinstance(node, ast.Name):
            if node.id not in _UNIT_WORDS and node.id.lower() not in _SCALE_WORDS:
                return False
        elif not isinstance(node, ast.Load | ast.operator):
            return False
    return True


def _parse_unit(text: str) -> pint.Quantity | None:
    text = text.strip()
    if not text or text == "1":
        return None
    if _PER_ALONE.match(text):  # "/s", "per second": a rate of what the expression counts
        text = f"1 {text}"
    return evaluate_expr(text, unit_mode=True)


_PER_ALONE = re.compile(r"/|per\b", re.IGNORECASE)


def time_of(unit: pint.Quantity) -> pint.Quantity | None:
    """Return the time a rate unit is per (``1 day`` for ``GB/day``), or None if it is no rate."""
    if unit.dimensionality.get("[time]", 0) != -1:
        return None
    for name, power in unit.unit_items():
        if power == -1 and quantity(1.0, name).dimensionality == quantity(1.0, "second").dimensionality:
            return quantity(1.0, name)
    return quantity(1.0, "second")


def _agreement(ratio: float) -> str:
    worst = max(ratio, 1 / ratio) if ratio > 0 else math.inf
    if worst <= 1.25:
        return "match"
    if worst <= 3:
        return "close"  # the rounding an interview uses: 86,400 ≈ 10^5, 2–3× peaks
    if worst < 10:
        return "off"
    return "wrong"


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _evaluation_order(rows: list[dict]) -> tuple[list[int], nx.DiGraph]:
    """The rows' indexes, each after the rows whose names its expression uses (otherwise as
    written), and the graph of which row uses which."""
    defined: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        defined.setdefault((row.get("name") or "").strip(), []).append(index)
    needs: nx.DiGraph[int] = nx.DiGraph()
    needs.add_nodes_from(range(len(rows)))
    for index, row in enumerate(rows):
        for word in set(_IDENTIFIER.findall(row.get("expr") or "")):
            needs.add_edges_from((source, index) for source in defined.get(word, ()) if source != index)
    # Rows in a circle are one component of the condensation, evaluated among themselves as written.
    circles = nx.condensation(needs)
    members = circles.graph["mapping"]
    first: dict[int, int] = {}
    for index, component in members.items():
        first[component] = min(index, first.get(component, index))
    order = nx.lexicographical_topological_sort(circles, key=first.__getitem__)
    return [i for c in order for i in sorted(circles.nodes[c]["members"])], needs


def evaluate_rows(rows: list[dict]) -> list[Evaluated]:
    """Evaluate estimate rows; a row uses the values of the rows it names, wherever they are.

    Rows are evaluated in the order their names need (a row written above the row it uses is
    worked out after it), as a spreadsheet would: the order a candidate wrote them in never
    changes a figure. Rows that use each other in a circle are evaluated as written.

    Every problem is reported on its own row (``error`` or ``warning``); nothing raises.

    Examples
    --------
    >>> rows = evaluate_rows([
    ...     {"name": "dau", "expr": "500M * 10%", "unit": "users"},
    ...     {"name": "msgs_per_day", "expr": "dau * 20", "unit": "1/day"},
    ...     {"name": "write_qps", "expr": "msgs_per_day / 86400 s", "unit": "1/s", "stated": "12K/s"}])
    >>> [r.display for r in rows]
    ['50M', '1B /day', '11.6K /s']
    >>> rows[2].agreement
    'match'
    """
    names: dict[str, pint.Quantity | None] = {}
    # Rows whose unit adds the interview's implicit "per day" (or second…), as that rate: what a
    # later row that multiplies one by a duration means by it (``storage_per_day * 5 years``).
    rates: dict[str, tuple[pint.Quantity, pint.Quantity]] = {}
    results = [
        Evaluated(name=(row.get("name") or "").strip() or f"row {index + 1}")
        for index, row in enumerate(rows)
    ]
    order, needs = _evaluation_order(rows)
    for index in order:
        results[index].inputs = frozenset(nx.ancestors(needs, index))
        row = rows[index]
        name = (row.get("name") or "").strip()
        result = results[index]
        expr = (row.get("expr") or "").strip()
        if not expr:
            if name:
                result.error = "no expression yet"
                names[name] = None
            continue
        try:
            value = evaluate_expr(expr, names)
        except EstimateError as exc:
            result.error = str(exc)
            if name:
                names[name] = None
            continue
        result.value = result.quantity = value
        if name:
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                result.warning = f"{name!r} can't be used in later rows; a name is letters, digits and _"
            names[name] = value
        unit_text = row.get("unit") or ""
        try:
            unit = _parse_unit(unit_text)
        except EstimateError as exc:
            result.error = f"the unit {unit_text!r}: {exc}"
            result.display = format_quantity(value)
            continue
        per = None
        if unit is not None:
            per = time_of(unit)
            fitted = _fitted(value, unit, per)
            if fitted is None and (reread := _read_with_rates(expr, names, rates)) is not None:
                fitted = _fitted(reread[0], unit, per)
                if fitted is not None:  # the rows it names as the rates their units say
                    value = result.value = reread[0]
                    if name:
                        names[name] = value
                    result.notes.extend(
                        f"{used} read as a rate per {rates[used][1].units}, as its unit says"
                        for used in reread[1]
                    )
            if fitted is None and _SPACED_B.search(expr):
                try:  # "1.5 B" under a unit of users: a billion, not bytes
                    billions = evaluate_expr(_SPACED_B.sub(r"\1bn", expr), names)
                except EstimateError:
                    billions = None
                if billions is not None and (fitted := _fitted(billions, unit, per)) is not None:
                    value = result.value = billions
                    if name:
                        names[name] = value
                    result.notes.append("B read as billion, as the unit says")
            if fitted is None and value.dimensionless and _is_plain_number(expr, names):
                # an assumption written as a number with its unit beside it ("100", unit "bytes")
                value = result.value = value * (unit * per if per is not None else unit)
                if name:
                    names[name] = value
                fitted = _fitted(value, unit, per)
            if fitted is None:
                result.error = (
                    f"unit mismatch: the expression gives {_dims(value)} but the unit says {_dims(unit)}"
                )
            else:
                if fitted is not value and per is not None and name:  # an interview's implicit "per day"
                    rates[name] = (fitted, per)
                value = result.quantity = fitted
        bits = bool(re.search(r"\b(bits?|[KMGT]?bps|[KMGTP]b)\b", unit_text))
        result.display = format_quantity(value, per=per, bits=bits)
        stated_text = (row.get("stated") or "").strip()
        if stated_text:
            _compare_stated(result, value, stated_text, per)
    return results


#: A ``B`` apart from the number before it: bytes by the rule for a spaced ``B``, a billion where
#: only that fits the row's unit.
_SPACED_B = re.compile(r"([\d.]\s+)B\b")


def _is_plain_number(expr: str, names: dict[str, pint.Quantity | None]) -> bool:
    """Whether ``expr`` is arithmetic over numbers alone: no row, no unit ("100", "2 * 1.5K")."""
    tree = ast.parse(_rewrite(expr, frozenset(name.lower() for name in names)), mode="eval")
    return not any(isinstance(node, ast.Name) for node in ast.walk(tree))


def _fitted(value: pint.Quantity, unit: pint.Quantity, per: pint.Quantity | None) -> pint.Quantity | None:
    """``value`` as the row's unit reads it: itself, or per ``per`` when the unit adds that time
    (``1B`` with unit ``1/day``); None when the two don't fit."""
    if unit.dimensionality == value.dimensionality:
        return value
    if per is not None and (unit * per).dimensionality == value.dimensionality:
        return value / per
    return None


def _read_with_rates(
    expr: str,
    names: dict[str, pint.Quantity | None],
    rates: dict[str, tuple[pint.Quantity, pint.Quantity]],
) -> tuple[pint.Quantity, list[str]] | None:
    """``expr`` worked out again with the rows it names that are rates by their unit read as those
    rates, and which they were; None when it names none or still can't be worked out."""
    used = [name for name in rates if re.search(rf"\b{re.escape(name)}\b", expr)]
    if not used:
        return None
    try:
        return evaluate_expr(expr, {**names, **{name: rates[name][0] for name in used}}), used
    except EstimateError:
        return None


def _stated_base(
    stated: pint.Quantity, value: pint.Quantity, shown: pint.Quantity
) -> tuple[float, float] | None:
    """The stated figure and the row's value as two plain numbers in one unit, or None if they
    measure different things."""
    if stated.dimensionless and not value.dimensionless:
        # "12K" written beside a rate means 12K in the unit the row is shown in.
        return float(stated.magnitude), float(shown.to_base_units().magnitude)
    if stated.dimensionality in (value.dimensionality, shown.dimensionality):
        same = value if stated.dimensionality == value.dimensionality else shown
        return float(stated.to_base_units().magnitude), float(same.to_base_units().magnitude)
    return None


def _log_distance(a: float, b: float) -> float:
    return abs(math.log(a / b)) if a > 0 and b > 0 else math.inf


def _compare_stated(
    result: Evaluated, value: pint.Quantity, stated_text: str, per: pint.Quantity | None
) -> None:
    """Compare the figure written beside a row with what its formula gives. The figure is an
    expression ("12K/s", "1B / 86400 s") or, failing that, a figure as people write one ("~12.7 GB
    per month", "10–20K/s": :func:`designer.figures.read_figure`); what was understood is kept
    to show beside the row."""
    understood = None
    # "~300 GB per month" is a figure in words (shown as read), though it now evaluates too
    figure = read_figure(stated_text) if stated_text.translate(_APPROXIMATELY) != stated_text else None
    if figure is None:
        try:
            low = high = evaluate_expr(stated_text)
        except EstimateError as exc:
            figure = read_figure(stated_text)
            if figure is None:
                result.warning = f"the stated figure {stated_text!r}: {exc}"
                return
    if figure is not None:
        low, high, understood = figure.low, figure.high, figure.shown
    read = f" (read as {understood})" if understood else ""
    is_rate = value.dimensionality.get("[time]", 0) == -1
    span = time_of(low)
    if span is not None and not is_rate and (low * span).dimensionality == value.dimensionality:
        # "3.1 TB per month" beside a month's storage: the amount in that month.
        low, high = low * span, high * span
    shown = value * (per if per is not None else quantity(1.0, "second")) if is_rate else value
    low_pair, high_pair = _stated_base(low, value, shown), _stated_base(high, value, shown)
    if low_pair is None or high_pair is None:
        result.warning = (
            f"the stated figure {stated_text!r}{read} is in {_dims(low)}, the row in {_dims(value)}"
        )
        return
    (low_base, value_base), (high_base, _) = low_pair, high_pair
    if low_base <= value_base <= high_base:
        ratio = 1.0  # a range that holds the value agrees with it
    else:
        near = min((low_base, high_base), key=lambda bound: _log_distance(bound, value_base))
        ratio = near / value_base if value_base else math.inf
    result.stated_display = stated_text
    result.stated_understood = understood
    result.stated_ratio = ratio
    result.agreement = _agreement(ratio)
    if result.agreement in {"off", "wrong"}:
        factor = max(ratio, 1 / ratio) if ratio > 0 else math.inf
        result.warning = (
            f"you wrote {stated_text}{read}, but the expression gives {result.display}: off by {factor:.0f}×"
        )
