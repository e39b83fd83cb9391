"""How a number is written: the one grammar an estimate's expression and its stated figure share.

People group thousands with commas (``1,000,000``), with spaces as SI and most of Europe do (plain,
non-breaking or thin: ``1 000 000``), with underscores (``1_000_000``), or in lakhs and crores as
India does (``10,00,000``); they write a decimal point, or a decimal comma where a comma can't be a
group's (``12,7``: one or two digits after it; ``1 157,5`` after space groups). A power pasted from a
document comes as superscript (``10⁶``, ``10⁻³``). Read any other way, ``1 000 000`` is 1 (or, with
implicit multiplication, 0), and a right figure is marked ten thousand times off.

People also spell numbers out, as they say them: "twelve thousand per second", "half a billion
users", "above five percent" (:func:`spelled_as_digits`).
"""

from __future__ import annotations

__all__ = ["NUMBER", "SMALL_NUMBER_WORDS", "number_value", "ascii_powers", "spelled_as_digits"]

import re
from functools import cache

_SPACE = "[ \u00a0\u2009\u202f]"  # a space, a no-break space, a thin space, a narrow no-break space

#: A number as written, without sign or exponent (a regular expression with no groups of its own).
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,000,000.5
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"  # 10,00,000: lakhs
    rf"|\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:[.,]\d+)?"  # 1 000 000 and 1 157,5
    # possessive (\d++): a run of digits is never given back to try a shorter one, which would cost
    # a 20,000-digit figure a pass per digit for each of these
    r"|\d++(?:_\d+)+(?:\.\d+)?"  # 1_000_000
    r"|\d++,\d{1,2}(?![\d,])"  # 12,7: a decimal comma
    r"|\d++(?:\.\d+)?|\.\d+)"
)

_GROUPING = re.compile(_SPACE + "|_")
_EXPONENT = re.compile(r"(.*?)([eE][+-]?\d+)?$", re.S)
_SUPERSCRIPT = re.compile("([⁺⁻]?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_SUPERSCRIPT_DIGIT = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]")
_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def number_value(written: str) -> float:
    """The value of a number :data:`NUMBER` matched.

    Examples
    --------
    >>> [number_value(n) for n in ["1,000,000", "10,00,000", "1 000 000", "1_000", "12,7", "1 157,5"]]
    [1000000.0, 1000000.0, 1000000.0, 1000.0, 12.7, 1157.5]

    An exponent, where the expression's grammar takes one, follows the number and is no digit of it
    (``1,2e4`` is 12,000, not 120,000):

    >>> number_value("1,2e4"), number_value("1,000e3")
    (12000.0, 1000000.0)
    """
    written, exponent = _EXPONENT.match(written).groups(default="")  # type: ignore[union-attr]  # always matches
    spaced = _GROUPING.search(written) is not None and "_" not in written
    digits = _GROUPING.sub("", written)
    if "," in digits and "." not in digits:
        head, _, tail = digits.rpartition(",")
        # a decimal comma: one after space groups, or one comma with one or two digits after it
        if spaced or ("," not in head and len(tail) < 3):
            return float(f"{head}.{tail}{exponent}")
    return float(digits.replace(",", "") + exponent)


def ascii_powers(text: str, grouped: bool = False) -> str:
    """``text`` with each superscript power written with ``^``: ``10⁶`` → ``10^6``, ``10⁻³`` →
    ``10^-3`` (``10^(-3)`` when ``grouped``, for an expression, where ``^-3 s`` would bind the unit
    to the 3)."""
    if not _SUPERSCRIPT_DIGIT.search(text):  # one class to scan for: a fifth of the search below
        return text

    def power(match: re.Match) -> str:
        exponent = ("-" if match[1] == "⁻" else "") + match[2].translate(_DIGITS)
        return f"^({exponent})" if grouped else f"^{exponent}"

    return _SUPERSCRIPT.sub(power, text)


#: The numbers under twenty as words, each at its value's index ("Three API servers", "two pods").
SMALL_NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_ONES = SMALL_NUMBER_WORDS[1:10]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALE_WORDS = ("thousand", "million", "billion", "trillion")
_NUMBER_WORD = (
    rf"(?:(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_ONES)}))?|{'|'.join(sorted(SMALL_NUMBER_WORDS, key=len, reverse=True))}|hundred"
    rf"|{'|'.join(_SCALE_WORDS)})"
)
_SCALED = rf"(?=(?:hundred|{'|'.join(_SCALE_WORDS)})\b)"
#: A number spelled out: number words joined by spaces, hyphens, "and" or "point" ("one hundred and
#: twenty", "two point five"), after "a"/"an" before a hundred or a scale ("a million") or "half a"
#: before a scale ("half a billion"). Ordinals ("second", "third") are not numbers here: "per second".
_SPELLED = (
    rf"\b(?:half\s+an?\s+(?=(?:{'|'.join(_SCALE_WORDS)})\b)|an?\s+{_SCALED})?"
    rf"{_NUMBER_WORD}(?:(?:\s+(?:and|point)\s+|\s+|-){_NUMBER_WORD})*\b"
)
_ANY_NUMBER_WORD = rf"\b(?:{_NUMBER_WORD}|dozen|couple)\b"
#: Numbers said as idioms: "a couple of thousand", "a dozen", "one and a half million".
_COUPLE = rf"\ba\s+couple(?:\s+of)?\s+(?=(?:hundred|{'|'.join(_SCALE_WORDS)})\b)"
_DOZEN = r"\ba\s+dozen\b"
_AND_A_HALF = rf"\b(\d+|{'|'.join(SMALL_NUMBER_WORDS)})\s+and\s+a\s+half\b"


@cache
def _compiled(pattern: str) -> re.Pattern:
    """A pattern compiled when first used: a grade whose text spells no number never pays for it."""
    return re.compile(pattern, re.IGNORECASE)


def _and_a_half(match: re.Match) -> str:
    whole = match[1].lower()
    return f"{(int(whole) if whole.isdigit() else SMALL_NUMBER_WORDS.index(whole)) + 0.5:g}"


def _spelled_digits(match: re.Match) -> str:
    words = match[0].lower().split()
    if words[0] == "half":  # "half a billion": the regular expression allows a scale word alone after it
        return f"0.5 {words[2]}"
    if words[0] in ("a", "an"):
        words[0] = "one"
    scales = sum(word in _SCALE_WORDS for word in words)
    if words == ["one"] or all(word in _SCALE_WORDS or word == "hundred" for word in words):
        return match[0]  # "no one", "one of them", "thousands of": no figure
    # A number with one scale word keeps it as a word ("five thousand" → "5 thousand"), so a spelled
    # range reads as "3-5K" does: "three to five thousand" is 3,000 to 5,000, not 3 to 5,000.
    scale = words.pop() if scales == 1 and words[-1] in _SCALE_WORDS else ""
    from text_to_num import alpha2digit  # a compiled parser, loaded only when a text spells a number

    return f"{alpha2digit(' '.join(words), 'en', threshold=0)} {scale}".rstrip()


def spelled_as_digits(text: str) -> str:
    """``text`` with each number spelled out in English written in digits, its scale word kept.

    The numbers themselves are read by text2num (Allo-Media's parser of spelled numbers); this finds
    them and keeps what a figure needs around them.

    Examples
    --------
    >>> spelled_as_digits("twelve thousand per second"), spelled_as_digits("half a billion users")
    ('12 thousand per second', '0.5 billion users')
    >>> spelled_as_digits("three to five thousand a day"), spelled_as_digits("one hundred and twenty GB")
    ('3 to 5 thousand a day', '120 GB')
    >>> spelled_as_digits("a second replica: one of two"), spelled_as_digits("1.2 million")
    ('a second replica: one of 2', '1.2 million')
    >>> spelled_as_digits("a million a day"), spelled_as_digits("a hundred and twenty")
    ('1 million a day', '120')
    >>> spelled_as_digits("one and a half million"), spelled_as_digits("a couple of thousand, a dozen")
    ('1.5 million', '2 thousand, 12')
    """
    if not _compiled(_ANY_NUMBER_WORD).search(text):
        return text
    text = _compiled(_COUPLE).sub("2 ", text)
    text = _compiled(_AND_A_HALF).sub(_and_a_half, _compiled(_DOZEN).sub("12", text))
    return _compiled(_SPELLED).sub(_spelled_digits, text)
