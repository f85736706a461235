"""Scanning a small multi-file package written for a test, the way a user's project is scanned."""

from __future__ import annotations

import textwrap
from pathlib import Path

from railguard.config import default_config
from railguard.model import ScanReport
from railguard.vcs import scan_paths


def scan_package(root: Path, package: str, files: dict[str, str]) -> ScanReport:
    """Write `package/__init__.py` and the given modules (dedented) under root and scan root."""
    pkg = root / package
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for name, text in files.items():
        (pkg / name).write_text(textwrap.dedent(text))
    config = default_config(root)
    config.values.setdefault("", {})["cache"] = False
    return scan_paths([str(root)], config, use_cache=False)
