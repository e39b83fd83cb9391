"""Read a figure the way people write one beside an estimate: "~12.7 GB per month", "about 4 paste
writes per second", "360 million shortlinks", "~450 GB in 3 years", "10–20K/s".

A figure is a number (``12``, ``1,200``, ``1 200``, ``10,00,000``, ``1.27``, ``12,7``, ``3e6``,
``10^5``, ``10⁶``: :mod:`designer.numbers`; or spelled out, "twelve thousand", "half a billion":
:func:`designer.numbers.spelled_as_digits`) after an optional ``~``, ``≈`` or "about", with an
optional scale (``K M B T``, ``bn``, or the words thousand, million, billion, trillion), optionally a
range to a second number ("10–20K/s": the scale and unit after the second apply to both), then,
anywhere among free words, a size unit (bytes…PB, bits and bit rates, "gigs"), and a rate (``/s``,
"per second", "a day", daily, monthly, QPS, RPS, req/s…); or a time right after the number
("200ms", "1.3 min"). A duration after in, over or for ("in 3 years") qualifies a total and is not a
rate. Units are the estimates' own (``designer/units.py``), so a figure compares with a formula's
value in one registry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["Figure", "read_figure"]

import re
from dataclasses import dataclass

from designer.numbers import NUMBER, ascii_powers, number_value, spelled_as_digits
from designer.units import format_quantity, quantity

if TYPE_CHECKING:  # pint is imported with the unit registry, when a unit is first needed
    import pint

_POWER = (
    r"(?:\s*[x×*]\s*10\s*\^\s*(?P<SIDEp>-?\d{1,2})|[eE](?P<SIDEe>[+-]?\d{1,2})|\s*\^\s*(?P<SIDEc>-?\d{1,2}))?"
)
_SCALE = r"(?:\s*(?P<SIDEs>thousand|million|billion|trillion|mil|mn|bn|[kKMBT])(?![A-Za-z]))?"
_ONE = "(?P<SIDEn>" + NUMBER + ")" + _POWER + _SCALE
_FIGURE = re.compile(
    r"(?<![\w.])" + _ONE.replace("SIDE", "a") + r"(?:\s*(?:-|–|—|to)\s*" + _ONE.replace("SIDE", "b") + ")?",
)
_SCALES = {
    "k": 1e3,
    "K": 1e3,
    "thousand": 1e3,
    "M": 1e6,
    "million": 1e6,
    "mil": 1e6,
    "mn": 1e6,
    "B": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "T": 1e12,
    "trillion": 1e12,
}
_SIZE = re.compile(
    r"(?<![A-Za-z])(?:(?P<prefix>[kKmMgGtTpPeE])(?P<binary>i)?(?P<unit>Bps|B|b|bytes?|bits?|bps)"
    r"|(?P<word>kilo|mega|giga|tera|peta)?(?P<long>bytes?|bits?))(?![A-Za-z])"
    r"|(?<![A-Za-z])(?P<plain>bytes?|bits?|bps)(?![A-Za-z])"
    r"|(?<![A-Za-z])(?P<slang>megs?|gigs?)(?![A-Za-z])"  # "100 gigs a day": said, and written too
)
_WORD_PREFIX = {"kilo": "k", "mega": "m", "giga": "g", "tera": "t", "peta": "p"}
_TIME = {
    "µs": "microsecond",
    "μs": "microsecond",
    "ms": "millisecond",
    "msec": "millisecond",
    "millisecond": "millisecond",
    "milliseconds": "millisecond",
    "s": "second",
    "sec": "second",
    "secs": "second",
    "second": "second",
    "seconds": "second",
    "min": "minute",
    "minute": "minute",
    "minutes": "minute",
    "h": "hour",
    "hr": "hour",
    "hour": "hour",
    "hours": "hour",
    "d": "day",
    "day": "day",
    "days": "day",
    "week": "week",
    "wk": "week",
    "month": "month",
    "mo": "month",
    "months": "month",
    "year": "year",
    "yr": "year",
    "y": "year",
    "years": "year",
}
_DURATION = re.compile(
    r"\b(?:in|over|for|after|within)\s+(?:the\s+next\s+|a\s+)?(?:\d+(?:\.\d+)?\s*)?(?:"
    + "|".join(_TIME)
    + r")\b",
    re.IGNORECASE,
)
#: A time right after the number: "200ms", "1.3 min", "3 hours" (not "in 3 years": a total's span).
_TIME_UNIT = re.compile(r"\s*(" + "|".join(sorted(_TIME, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_RATE = re.compile(
    r"(?:/\s*|\bper\s+|\ba\s+|\ban\s+|\beach\s+|\bevery\s+)(?P<per>"
    + "|".join(sorted(_TIME, key=len, reverse=True))
    + r")\b"
    r"|\b(?P<ly>hourly|daily|weekly|monthly|yearly|annually)\b"
    r"|\b(?P<qps>qps|rps|tps|iops|req/s|reqs/s|requests/s|ops/s)\b",
    re.IGNORECASE,
)
_LY = {
    "hourly": "hour",
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "yearly": "year",
    "annually": "year",
}
_ABOUT = re.compile(
    r"^\s*(?:~=?|≈|≃|about|approx\.?|approximately|around|roughly|nearly|almost|some|circa|ca\.)\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    """A figure as read: its value (a range is ``low``–``high``; one number has both equal), and
    how it was understood, written back (``12.7 GB /month``)."""

    low: pint.Quantity
    high: pint.Quantity
    shown: str


def _number(match: re.Match, side: str) -> float | None:
    text = match[f"{side}n"]
    if text is None:
        return None
    value = number_value(text)
    if match[f"{side}p"] is not None:
        value *= 10.0 ** int(match[f"{side}p"])
    elif match[f"{side}e"] is not None:
        value *= 10.0 ** int(match[f"{side}e"])
    elif match[f"{side}c"] is not None:
        value = value ** int(match[f"{side}c"])  # 10^5
    return value


def _size(rest: str) -> tuple[pint.Quantity, bool] | None:
    """The size unit among the words after the number (``GB`` → 1e9 bytes), and whether it is bits.

    ``B`` is a byte and ``Gb``/``Mb`` bits, as written; all-lower-case ``gb``/``kb`` are read as
    bytes, which is what people who write them mean; ``bps`` is bits per second."""
    m = _SIZE.search(rest)
    if not m:
        return None
    if m["slang"]:
        unit, prefix, binary = "bytes", m["slang"][0].lower(), False
    elif m["plain"]:
        unit, prefix, binary = m["plain"].lower(), "", False
    elif m["long"]:
        unit, prefix, binary = m["long"].lower(), _WORD_PREFIX.get((m["word"] or "").lower(), ""), False
    else:
        unit, prefix, binary = m["unit"], m["prefix"], bool(m["binary"])
    bits = unit.startswith("bit") or unit == "bps" or (unit == "b" and prefix.isupper() and not binary)
    index = "kmgtpe".index(prefix.lower()) + 1 if prefix else 0
    size = quantity((1024.0 if binary else 1000.0) ** index, "bit" if bits else "byte")
    if unit in ("bps", "Bps"):  # "1.2 Gbps" bits a second, "40 MBps" bytes
        size = size / quantity(1.0, "second")
    return size, bits


def _rate(rest: str) -> pint.Quantity | None:
    """The time the figure is per ("per month" → a month), or None when it is not a rate."""
    m = _RATE.search(rest)
    if not m:
        return None
    if m["qps"]:
        return quantity(1.0, "second")
    unit = _TIME[m["per"].lower()] if m["per"] else _LY[m["ly"].lower()]
    return quantity(1.0, unit)


def read_figure(text: str) -> Figure | None:
    """Read the first figure in ``text``, or None when it holds no number.

    Examples
    --------
    >>> read_figure("~12.7 GB per month").shown
    '12.7 GB /month'
    >>> read_figure("4 paste writes per second").shown
    '4 /s'
    >>> read_figure("360 million shortlinks").shown
    '360M'
    >>> read_figure("~450 GB in 3 years").shown
    '450 GB'
    >>> read_figure("10–20K/s").shown
    '10K–20K /s'
    >>> read_figure("no idea") is None
    True
    """
    text = _ABOUT.sub("", ascii_powers(spelled_as_digits(text.strip())))
    m = _FIGURE.search(text)
    if not m:
        return None
    low, high = _number(m, "a"), _number(m, "b")
    assert low is not None
    scale_a, scale_b = m["as"], m["bs"]
    if high is None:
        high, scale_b = low, scale_a
    elif scale_a is None:
        scale_a = scale_b  # "10–20K/s": the second number's scale is both's
    low *= _SCALES.get(scale_a or "", 1.0)
    high *= _SCALES.get(scale_b or "", 1.0)
    rest = _DURATION.sub(" ", text[m.end() :])  # "in 3 years" is a total's span, not a rate
    unit, bits = quantity(1.0), False
    size = _size(rest)
    if size is not None:
        unit, bits = size
    elif (time := _TIME_UNIT.match(text, m.end())) is not None:
        unit = quantity(1.0, _TIME[time[1].lower()])
    per = None
    if unit.dimensionality.get("[time]", 0) == 0:
        per = _rate(rest)
        if per is not None:
            unit = unit / per
    low_q, high_q = unit * low, unit * high
    low_text = format_quantity(low_q, per=per, bits=bits)  # a rate without its own period reads per second
    if low == high:
        shown = low_text
    else:
        high_text = format_quantity(high_q, per=per, bits=bits)
        period = high_text[high_text.index(" /") :] if " /" in high_text else ""
        shown = f"{low_text.removesuffix(period)}–{high_text}"
    return Figure(low=low_q, high=high_q, shown=shown)
