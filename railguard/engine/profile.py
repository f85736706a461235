"""`railguard scan --profile`: where a scan's time goes.

The profiler wraps one engine's document scan, each analyzer's `analyze` and, where an
analyzer works rule by rule, that work: the query analyzer's checks of its matches (one
tree-sitter query runs all rules at once: its own time is the analyzer's, not a rule's) and
the secrets analyzer's detectors (keyword test and search). Taint and access analyse
flows and routes for all their rules at once: they are timed as a whole. Only the instances
are wrapped: an engine that is not profiled runs no timing code. The scan runs in
this process (no worker pool, no cache) so that every file is timed.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from railguard.engine.engine import Engine

# analyzers whose per-match check is a method taking the compiled rule first
RULE_CHECKS = {"query": "_check_match"}


@dataclass
class Profile:
    """Seconds per file, per analyzer and per rule, with call counts."""

    files: dict[str, float] = field(default_factory=dict)
    analyzers: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    rules: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    rule_calls: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def attach(self, engine: Engine) -> None:
        """Time `engine`'s document scans and its analyzers from now on."""
        scan_document = engine.scan_document

        def timed_scan(document: Any, *args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return scan_document(document, *args, **kwargs)
            finally:
                path = str(document.path)
                self.files[path] = self.files.get(path, 0.0) + time.perf_counter() - start

        engine.scan_document = timed_scan  # type: ignore[method-assign]
        for name in engine.analyzer_names:
            analyzer = engine._analyzers.get(name)
            if analyzer is None:
                continue
            analyzer.analyze = self._timed_analyze(name, analyzer.analyze)  # type: ignore[method-assign]
            check = RULE_CHECKS.get(name)
            if check is not None and hasattr(analyzer, check):
                setattr(analyzer, check, self._timed_check(getattr(analyzer, check)))
            for detector in getattr(analyzer, "detectors", []) if name == "secrets" else []:
                rule_id = f"{detector.rule.id} (secrets)"
                detector.triggered = self._timed_rule(rule_id, detector.triggered, count=False)
                detector.find = self._timed_rule(rule_id, detector.find, materialise=True)

    def _timed_analyze(self, name: str, analyze: Callable[..., Iterable[Any]]) -> Callable[..., list[Any]]:
        def timed(*args: Any, **kwargs: Any) -> list[Any]:
            start = time.perf_counter()
            try:
                return list(analyze(*args, **kwargs))  # a lazy analyzer does its work here
            finally:
                self.analyzers[name] += time.perf_counter() - start

        return timed

    def _timed_check(self, check: Callable[..., Any]) -> Callable[..., Any]:
        def timed(compiled: Any, *args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return check(compiled, *args, **kwargs)
            finally:
                rule_id = compiled.rule.id
                self.rules[rule_id] += time.perf_counter() - start
                self.rule_calls[rule_id] += 1

        return timed

    def _timed_rule(self, rule_id: str, work: Callable[..., Any], *, count: bool = True,
                    materialise: bool = False) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                out = work(*args, **kwargs)
                return list(out) if materialise else out
            finally:
                self.rules[rule_id] += time.perf_counter() - start
                self.rule_calls[rule_id] += int(count)

        return timed

    def render(self, top: int = 10) -> str:
        """The slowest analyzers, rules and files, slowest first."""
        total = sum(self.files.values())
        lines = [f"profile: {len(self.files)} file(s) scanned in {total:.2f} s "
                 "(in one process, without the cache)"]
        lines.append("analyzers:")
        for name, secs in sorted(self.analyzers.items(), key=lambda kv: -kv[1]):
            lines.append(f"  {secs * 1000:10.1f} ms  {name}")
        if self.rules:
            lines.append(f"slowest rules (query: checks of its matches; secrets: its detectors; top {top}):")
            for rule_id, secs in sorted(self.rules.items(), key=lambda kv: -kv[1])[:top]:
                lines.append(f"  {secs * 1000:10.1f} ms  {rule_id}  ({self.rule_calls[rule_id]} checked)")
        lines.append(f"slowest files (top {top}):")
        for path, secs in sorted(self.files.items(), key=lambda kv: -kv[1])[:top]:
            lines.append(f"  {secs * 1000:10.1f} ms  {path}")
        return "\n".join(lines) + "\n"
