"""Honouring an existing detect-secrets `.secrets.baseline`: its hashed secrets are not reported again.

detect-secrets stores, per file, the SHA-1 of each accepted secret (never the value). A
finding whose value (or the form detect-secrets would have extracted) hashes to an entry
for the same file is dropped. A malformed baseline is a one-line notice, never a crash.
"""

from __future__ import annotations

import json
from pathlib import Path

from railguard.model import RailguardError

MAX_BASELINE_BYTES = 50_000_000


def load_detect_secrets_baseline(path: Path, data: bytes | None = None) -> set[tuple[str, str]]:
    """{(filename, hashed_secret)}; raises RailguardError with a one-line message when malformed.
    `data` is the file's content when it was read elsewhere (the commit gate reads the index)."""
    try:
        size = path.stat().st_size if data is None else len(data)
        if size > MAX_BASELINE_BYTES:
            raise RailguardError(f"{path}: detect-secrets baseline is over {MAX_BASELINE_BYTES:,} bytes; not applied")
        raw = json.loads(path.read_bytes() if data is None else data)
    except OSError as exc:
        raise RailguardError(f"{path}: cannot read detect-secrets baseline: {exc.strerror or exc}") from None
    except (ValueError, RecursionError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise RailguardError(f"{path}: detect-secrets baseline is not valid JSON{where}; not applied") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("results"), dict):
        raise RailguardError(f"{path}: not a detect-secrets baseline (no 'results' object); not applied")
    entries: set[tuple[str, str]] = set()
    for filename, items in raw["results"].items():
        if not isinstance(items, list):
            raise RailguardError(f"{path}: results for {filename!r} must be a list; baseline not applied")
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("hashed_secret"), str):
                raise RailguardError(f"{path}: an entry for {filename!r} has no 'hashed_secret'; baseline not applied")
            entries.add((str(filename).replace("\\", "/").removeprefix("./"), item["hashed_secret"].lower()))
    return entries
