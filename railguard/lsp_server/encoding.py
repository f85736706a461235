"""Columns in the client's position encoding (UTF-16 unless negotiated otherwise) and bytes.

The engine counts columns in code points and offsets in UTF-8 bytes; LSP counts in the
negotiated unit. Lines are short, so converting one line at a time is cheap; ASCII lines,
the common case, need no conversion at all.
"""

from __future__ import annotations

import codecs

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"


def units(text: str, encoding: str) -> int:
    """Length of text in the encoding's code units."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogateescape"))
    if text.isascii():
        return len(text)
    # characters outside the Basic Multilingual Plane take two UTF-16 units
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def bytes_to_units(line: bytes, byte_column: int, encoding: str) -> int:
    """Column in code units of a byte offset within one line (without its terminator)."""
    byte_column = max(0, min(byte_column, len(line)))
    if encoding == UTF8 or line.isascii():
        return byte_column
    return units(line[:byte_column].decode("utf-8", "surrogateescape"), encoding)


def units_to_bytes(line: bytes, column: int, encoding: str) -> int:
    """Byte offset within one line of a column in code units; past the end clamps to the end.

    A column inside a character (half of a surrogate pair, the middle of a UTF-8 sequence)
    moves to the start of that character.
    """
    if column <= 0:
        return 0
    if line.isascii():
        return min(column, len(line))
    text = line.decode("utf-8", "surrogateescape")
    if encoding == UTF8:
        if column >= len(line):
            return len(line)
        # back up to the start of a character
        while column > 0 and (line[column] & 0xC0) == 0x80:
            column -= 1
        return column
    seen = 0
    offset = 0
    for ch in text:
        width = 2 if encoding == UTF16 and ord(ch) > 0xFFFF else 1
        if seen + width > column:
            break
        seen += width
        offset += len(ch.encode("utf-8", "surrogateescape"))
    return offset


def _lone_surrogates(exc: UnicodeError) -> tuple[bytes, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = bytearray()
    for ch in exc.object[exc.start:exc.end]:
        code = ord(ch)
        out += bytes([code - 0xDC00]) if 0xDC80 <= code <= 0xDCFF else "\ufffd".encode()
    return bytes(out), exc.end


codecs.register_error("railguard-lone-surrogates", _lone_surrogates)


def text_bytes(text: str) -> bytes:
    """The UTF-8 bytes of a client's text.

    A byte that surrogateescape kept apart (a file that is not UTF-8) comes back as it was.
    Any other lone surrogate (an editor may hold half of a pair, and JSON carries it) becomes
    U+FFFD, which takes as many code units as the surrogate did, so positions still agree.
    """
    return text.encode("utf-8", "railguard-lone-surrogates")
