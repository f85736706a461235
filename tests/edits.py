"""Applying findings' fix edits to bytes: the reference the fix tests compare with."""

from __future__ import annotations

from railguard.model import TextEdit


def apply_edits(data: bytes, edits: list[TextEdit]) -> bytes:
    """Apply non-overlapping edits (by byte offsets); overlapping later edits are skipped."""
    out = data
    last_start = len(data) + 1
    for edit in sorted(edits, key=lambda e: (e.range.start_byte, e.range.end_byte), reverse=True):
        s, e = edit.range.start_byte, edit.range.end_byte
        if e > last_start:
            continue
        out = out[:s] + edit.new_text.encode("utf-8") + out[e:]
        last_start = s
    return out
