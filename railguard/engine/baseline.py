"""Baselines: the findings a project has accepted, by fingerprint, never by line number.

The file is JSON: {"version": 1, "tool": "railguard", "findings": [{"path", "rule_id",
"fingerprint"}]}. It never holds secret values: secrets are fingerprinted by a hash.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from railguard.atomic import file_lock, write_atomic
from railguard.model import Finding, RailguardError

BASELINE_VERSION = 1


@dataclass
class Baseline:
    entries: set[tuple[str, str, str]] = field(default_factory=set)  # (path, rule_id, fingerprint)

    @classmethod
    def from_findings(cls, findings: list[Finding]) -> Baseline:
        return cls({(f.path, f.rule_id, f.fingerprint) for f in findings})

    def contains(self, finding: Finding) -> bool:
        return (finding.path, finding.rule_id, finding.fingerprint) in self.entries

    def new_findings(self, findings: list[Finding]) -> list[Finding]:
        return [f for f in findings if not self.contains(f)]

    def to_json(self) -> str:
        items = [
            {"path": p, "rule_id": r, "fingerprint": fp} for p, r, fp in sorted(self.entries)
        ]
        return json.dumps({"version": BASELINE_VERSION, "tool": "railguard", "findings": items}, indent=2) + "\n"

    def save(self, path: str | Path) -> None:
        with file_lock(path):
            write_atomic(path, self.to_json())


def load_baseline(path: str | Path, data: bytes | None = None) -> Baseline:
    """The baseline at path; `data` is its content when it was read elsewhere (the index)."""
    p = Path(path)
    try:
        raw = json.loads(p.read_bytes() if data is None else data)
    except FileNotFoundError:
        raise RailguardError(f"{p}: baseline file does not exist (create it with `railguard baseline create`)") from None
    except OSError as exc:
        raise RailguardError(f"{p}: cannot read baseline: {exc.strerror}") from None
    except ValueError as exc:
        raise RailguardError(f"{p}: baseline is not valid JSON: {exc}") from None
    if not isinstance(raw, dict) or raw.get("tool") != "railguard" or not isinstance(raw.get("findings"), list):
        raise RailguardError(f"{p}: not a railguard baseline (expected an object with tool=railguard and a findings list)")
    entries = set()
    for i, item in enumerate(raw["findings"]):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("path", "rule_id", "fingerprint")):
            raise RailguardError(f"{p}: findings[{i}] needs string fields path, rule_id and fingerprint")
        entries.add((item["path"], item["rule_id"], item["fingerprint"]))
    return Baseline(entries)
