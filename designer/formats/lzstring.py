"""LZ-String's ``decompressFromBase64``: how Obsidian's Excalidraw plugin compresses the drawing it keeps
in a Markdown file (a ```` ```compressed-json ```` block).

LZ-String (pieroxy/lz-string, MIT) is an LZW variant whose codes are written least significant bit
first, six bits to a Base64 character. The one Python port on PyPI (``lzstring`` 1.0.4, 2018) needs
``future`` and rewires the interpreter's standard library on import, and no port bounds what it
writes: a few kilobytes of codes can stand for gigabytes, so this reader stops at ``max_chars`` and
checks the import's time budget as it goes.
"""

from __future__ import annotations

__all__ = ["decompress_from_base64", "LZStringError"]

from designer.errors import DesignerError
from designer.formats.base import check_budget

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
_VALUE = {char: at for at, char in enumerate(_ALPHABET)}


class LZStringError(DesignerError):
    """Text that is not LZ-String's Base64, or that stands for more than may be read."""


def _from_utf16(text: str) -> str:
    """JavaScript's characters are UTF-16 code units: a character beyond them came as two halves."""
    if not any("\ud800" <= char <= "\udfff" for char in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


class _Bits:
    """The input's bits, least significant first within each six-bit character."""

    def __init__(self, text: str):
        self.text = text
        self.index = 0  # the next character to take
        self.value = 0
        self.mask = 0  # the bit of ``value`` to read next; 0: take the next character

    def read(self, count: int) -> int:
        result = 0
        for place in range(count):
            if self.mask == 0:
                if self.index >= len(self.text):
                    raise LZStringError("the compressed drawing ends in the middle of a code")
                char = self.text[self.index]
                if char not in _VALUE:
                    raise LZStringError(f"the compressed drawing holds {char!r}, which Base64 does not")
                self.value, self.mask, self.index = _VALUE[char], 32, self.index + 1
            if self.value & self.mask:
                result |= 1 << place
            self.mask >>= 1
        return result


def decompress_from_base64(text: str, max_chars: int) -> str:
    """What ``LZString.compressToBase64`` was given; whitespace in ``text`` is read past (Obsidian
    breaks the block into lines).

    Raises
    ------
    LZStringError
        For text LZ-String did not write, or that stands for more than ``max_chars`` characters.

    Examples
    --------
    >>> decompress_from_base64("BYUwNmD2AEoTcpA=", 100)  # JS: LZString.compressToBase64("hello hello hello")
    'hello hello hello'
    """
    bits = _Bits("".join(text.split()))
    if not bits.text:
        return ""
    # codes 0 and 1 bring a new 8- or 16-bit character, 2 ends the text; words are numbered from 3
    words: list[str] = ["", "", ""]
    width = 3
    room = 4  # codes left at this width before it grows
    first = bits.read(2)
    if first == 2:
        return ""
    if first > 2:
        raise LZStringError("the compressed drawing does not start as LZ-String does")
    previous = chr(bits.read(8 if first == 0 else 16))
    words.append(previous)
    out, written = [previous], 1
    while True:
        check_budget()
        code = bits.read(width)
        if code == 2:
            return _from_utf16("".join(out))
        if code < 2:
            words.append(chr(bits.read(8 if code == 0 else 16)))
            code = len(words) - 1
            room -= 1
            if room == 0:
                room, width = 1 << width, width + 1
        if code < len(words):
            word = words[code]
        elif code == len(words):
            word = previous + previous[0]
        else:
            raise LZStringError("the compressed drawing names a word it has not defined")
        written += len(word)
        if written > max_chars:
            raise LZStringError(f"the compressed drawing stands for more than {max_chars:,} characters")
        out.append(word)
        words.append(previous + word[0])
        previous = word
        room -= 1
        if room == 0:
            room, width = 1 << width, width + 1
