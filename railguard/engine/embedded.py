"""Code embedded in another format: notebooks' code cells, `.vue` and `.svelte` script blocks.

The parser gets the file's bytes with everything that is not code blanked out, byte for
byte: every offset into the tree is an offset into the original file, so findings land at
the right line and column of the notebook or component without any mapping.

- `.vue`, `.svelte`: the bodies of `<script>` blocks are kept, all else becomes spaces
  (newlines stay); they are parsed as TypeScript, which reads plain JavaScript too.
- `.ipynb`: the strings of the code cells' `source` are kept; everything else becomes
  newlines, so each source line starts a line of its own at column 0 whatever the JSON
  layout. A JSON escape (two bytes or more) becomes its character padded with a space
  for a quote, a backslash or a line break (`\\n`), and spaces otherwise. Notebooks of another kernel language give an empty program.
"""

from __future__ import annotations

import json
import re

_SCRIPT = re.compile(rb"<script\b[^>]*>(.*?)</script\s*>", re.S | re.I)
_ESCAPE = re.compile(rb'\\(?:u[0-9A-Fa-f]{4}|["\\/bfnrt])')
_KERNEL = re.compile(rb'"language"\s*:\s*"([A-Za-z0-9_+-]+)"')


def embedded_source(path: str, data: bytes) -> bytes:
    """The bytes to parse for a file with embedded code (data itself for any other file)."""
    lower = path.lower()
    if lower.endswith((".vue", ".svelte")):
        return _keep(data, [m.span(1) for m in _SCRIPT.finditer(data)], b" ")
    if lower.endswith(".ipynb"):
        return _notebook(data)
    return data


def _keep(data: bytes, spans: list[tuple[int, int]], fill: bytes) -> bytes:
    """data with the bytes outside spans replaced by fill (line breaks kept when fill is a space)."""
    out = bytearray(fill * len(data)) if fill != b" " else bytearray(re.sub(rb"[^\r\n]", b" ", data))
    for lo, hi in spans:
        out[lo:hi] = data[lo:hi]
    return bytes(out)


def _notebook(data: bytes) -> bytes:
    try:
        nb = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return b"\n" * len(data)
    if not isinstance(nb, dict) or not _python_kernel(nb, data):
        return b"\n" * len(data)
    out = bytearray(b"\n" * len(data))
    pos = 0
    for cell in nb.get("cells") or []:
        if not isinstance(cell, dict):
            continue
        source = cell.get("source")
        lines = source if isinstance(source, list) else [source] if isinstance(source, str) else []
        if cell.get("cell_type") != "code":
            # find the cell's strings anyway so that the next code cell is found after them
            for line in lines:
                pos = _find_string(data, line, pos)[1] if isinstance(line, str) else pos
            continue
        for line in lines:
            if not isinstance(line, str):
                continue
            lo, hi = _find_string(data, line, pos)
            if lo < 0:
                continue
            out[lo:hi] = _unescape_in_place(data[lo:hi])
            pos = hi
    return bytes(out)


def _python_kernel(nb: dict, data: bytes) -> bool:
    meta = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    for key in ("kernelspec", "language_info"):
        info = meta.get(key)
        if isinstance(info, dict) and isinstance(info.get("language", info.get("name")), str):
            return str(info.get("language", info.get("name"))).lower().startswith("python")
    return True


def _find_string(data: bytes, value: str, start: int) -> tuple[int, int]:
    """Byte span of the contents of the JSON string that encodes value, at or after start."""
    for encoded in (json.dumps(value, ensure_ascii=False), json.dumps(value)):
        needle = encoded.encode("utf-8")
        at = data.find(needle, start)
        if at >= 0:
            return at + 1, at + len(needle) - 1
    return -1, start


def _unescape_in_place(raw: bytes) -> bytes:
    def one(m: re.Match[bytes]) -> bytes:
        esc = m.group()
        if esc in (b'\\"', b"\\\\", b"\\/"):
            return b" " + esc[1:]
        if esc == b"\\n":
            return b" \n"
        return b" " * len(esc)

    return _ESCAPE.sub(one, raw)
