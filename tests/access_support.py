"""Per-route expectations for the access analyzer's mini applications (tests/fixtures/access/<framework>/).

Every route carries a comment on the line above its definition (its first decorator,
annotation or registration call), or at the end of that line:

    # expect: protected      an auth check applies (decorator, hook, dependency, middleware, settings...)
    # expect: unprotected    nothing checks the caller: railguard must report it
    # expect: public         public by design (login, health, AllowAny, permitAll): not reported

`// expect: ...` in JavaScript, TypeScript and Java.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from railguard.config import default_config
from railguard.engine.access.core import analyze_document
from railguard.engine.access.model import model_for
from railguard.engine.analyzers.access import AccessAnalyzer
from railguard.engine.document import Document
from railguard.vcs import collect_files

APPS = Path(__file__).resolve().parent / "fixtures" / "access"
EXPECT = re.compile(r"(?:#|//)\s*expect:\s*(protected|unprotected|public)\b")


@dataclass
class RouteCheck:
    path: str
    line: int  # 1-based
    expected: str  # protected | unprotected | public | "" (no annotation)
    reported: bool  # railguard reports it as unprotected
    reason: str = ""
    describe: str = ""
    framework: str = ""
    low: bool = False  # reported at low confidence only (below the CI threshold)


@dataclass
class AppResult:
    framework: str
    checks: list[RouteCheck] = field(default_factory=list)
    missing: list[tuple[str, int, str]] = field(default_factory=list)  # annotations with no route found

    @property
    def tp(self) -> int:
        return sum(1 for c in self.checks if c.reported and c.expected == "unprotected")

    @property
    def fp(self) -> int:
        return sum(1 for c in self.checks if c.reported and c.expected != "unprotected")

    @property
    def fn(self) -> int:
        return (sum(1 for c in self.checks if not c.reported and c.expected == "unprotected")
                + sum(1 for m in self.missing if m[2] == "unprotected"))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def ci_tp(self) -> int:
        """Expected findings reported at the CI threshold (not at low confidence)."""
        return sum(1 for c in self.checks if c.reported and not c.low and c.expected == "unprotected")

    @property
    def ci_fp(self) -> int:
        return sum(1 for c in self.checks if c.reported and not c.low and c.expected != "unprotected")


def expectations(text: str) -> dict[int, str]:
    """0-based line of the route's first line -> expectation."""
    out: dict[int, str] = {}
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = EXPECT.search(line)
        if not m:
            continue
        if line.strip().startswith(("#", "//")):
            out[i + 1] = m.group(1)
        else:
            out[i] = m.group(1)
    return out


def evaluate_app(folder: Path, project: bool = True) -> AppResult:
    config = default_config(folder)
    model = model_for(config)
    files, _ = collect_files([str(folder)], config)
    facts = AccessAnalyzer([], config).prepare([(f.location, f.path) for f in files], config) if project else None
    result = AppResult(folder.name)
    for sf in files:
        doc = Document(sf.path, sf.read())
        expected = expectations(doc.text)
        analysis = analyze_document(doc, model, facts)
        found_lines = set()
        for r in analysis.routes + analysis.mutations:
            found_lines.add(r.anchor_line)
            result.checks.append(RouteCheck(sf.display, r.anchor_line + 1, expected.get(r.anchor_line, ""),
                                            r.unprotected, r.reason, r.describe(), r.framework,
                                            r.unprotected and r.low_confidence))
        for line, exp in expected.items():
            if line not in found_lines:
                result.missing.append((sf.display, line + 1, exp))
    return result


def by_framework(results: list[AppResult]) -> dict[str, AppResult]:
    """Regroup the routes of all applications by the framework model that decided them."""
    out: dict[str, AppResult] = {}
    for app in results:
        for c in app.checks:
            out.setdefault(c.framework, AppResult(c.framework)).checks.append(c)
        for m in app.missing:
            out.setdefault(app.framework, AppResult(app.framework)).missing.append(m)
    return dict(sorted(out.items()))


def frameworks() -> list[Path]:
    return sorted(p for p in APPS.iterdir() if p.is_dir() and p.name != "semantics")
