"""The units of back-of-envelope estimates — one pint registry (seconds to years, bytes and bits)
and how a quantity is written back for a person (``11.6K /s``, ``182 TB``) — shared by the estimate
evaluator (:mod:`designer.estimates`) and the reader of stated figures (:mod:`designer.figures`)."""

from __future__ import annotations

__all__ = ["quantity", "format_quantity"]

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pint

_DEFINITIONS = """
second = [time] = s = sec
microsecond = 1e-6 * second = us
millisecond = 1e-3 * second = ms
minute = 60 * second = min
hour = 60 * minute = h = hr
day = 24 * hour
week = 7 * day
month = 30 * day
year = 365 * day = yr
byte = [information] = B
bit = byte / 8
"""


@lru_cache(maxsize=1)
def _registry() -> pint.UnitRegistry:
    # pint is imported here, not with this module: a grade with no estimate rows never needs it
    # (it is a tenth of the CLI's start-up)
    import pint

    registry: pint.UnitRegistry = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=False)
    for line in _DEFINITIONS.strip().splitlines():
        registry.define(line)
    return registry


def quantity(magnitude: float, unit: str = "") -> pint.Quantity:
    """Return a quantity in the estimates' unit registry: ``quantity(1.0, "1/second")``."""
    registry = _registry()
    return registry.Quantity(magnitude, unit) if unit else registry.Quantity(magnitude)


_COUNT_PREFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))
_BYTE_PREFIXES = ((1e18, "EB"), (1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "KB"))
_TIME_ABBR = {
    "second": "s",
    "microsecond": "µs",
    "millisecond": "ms",
    "minute": "min",
    "hour": "h",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
}


def _sig(x: float) -> str:
    text = f"{x:.3g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        return f"{mantissa}e{int(exp)}"
    return text


def _scaled(x: float, prefixes: tuple[tuple[float, str], ...], base: str) -> str:
    for factor, name in prefixes:
        if abs(x) >= factor * 0.9995:
            return f"{_sig(x / factor)}{name}" if not base else f"{_sig(x / factor)} {name}"
    return f"{_sig(x)}" if not base else f"{_sig(x)} {base}"


def format_quantity(value: pint.Quantity, per: pint.Quantity | None = None, bits: bool = False) -> str:
    """Write a quantity in readable units: ``11.6K /s``, ``182 TB``, ``100 GB /day``.

    ``per`` is the time a rate is shown per (a second unless the row's unit says otherwise).

    Examples
    --------
    >>> format_quantity(quantity(1e9 / 86400, "1/second"))
    '11.6K /s'
    >>> format_quantity(quantity(100e9 * 365 * 5, "byte"))
    '182 TB'
    >>> format_quantity(quantity(0.15, "second")), format_quantity(quantity(50, "microsecond"))
    ('150 ms', '50 µs')
    """
    rate = value.dimensionality.get("[time]", 0) == -1
    suffix = ""
    if rate:
        per = per if per is not None else quantity(1.0, "second")
        value = value * per
        unit_name = next(iter(per.unit_items()))[0]
        suffix = f" /{_TIME_ABBR.get(unit_name, unit_name)}"
    dims = value.dimensionality
    if dims == quantity(1.0, "byte").dimensionality:
        if bits:
            x = float(value.to("bit").magnitude)
            return _scaled(x, tuple((f, n[0] + "b") for f, n in _BYTE_PREFIXES), "bits") + suffix
        x = float(value.to("byte").magnitude)
        return _scaled(x, _BYTE_PREFIXES, "bytes") + suffix
    if value.dimensionless:
        return _scaled(float(value.to("").magnitude), _COUNT_PREFIXES, "") + suffix
    if dims == quantity(1.0, "second").dimensionality:
        seconds = float(value.to("second").magnitude)
        for unit, abbr in (("year", "years"), ("day", "days"), ("hour", "h"), ("minute", "min")):
            if seconds >= float(quantity(1.0, unit).to("second").magnitude):
                return f"{_sig(seconds / float(quantity(1.0, unit).to('second').magnitude))} {abbr}"
        if seconds >= 1 or seconds == 0:
            return f"{_sig(seconds)} s"
        return f"{_sig(seconds * 1e3)} ms" if seconds >= 1e-4 else f"{_sig(seconds * 1e6)} µs"
    return f"{_sig(float(value.to_base_units().magnitude))} {value.to_base_units().units:~}{suffix}"
