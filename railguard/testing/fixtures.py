"""The rule fixture runner behind `railguard rules test` and the test suite.

A fixture is a source file whose comments say what must be found:

    # ruleid: python.yaml-load
    data = yaml.load(text)
    # ok: python.yaml-load
    data = yaml.load(text, Loader=yaml.SafeLoader)

The annotation applies to the next line that is not itself an annotation. A rule
annotated in a file is checked strictly there: a finding on a line without its
`ruleid` is a failure, and so is a missing one. A rule must have at least one
positive and one negative example somewhere, or the run fails.

One problem is reported once: a `ruleid` is also satisfied by another rule's finding
with a shared CWE on that line (the engine kept that one, e.g. the taint finding that a
`taint-deferrable` syntactic rule gives way to).

A comment `railguard-fixture-path: .claude/settings.json` in the first lines
scans the file as if it had that path (for rules scoped to file names).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from railguard.config import default_config
from railguard.engine.analyzers.base import load_analyzer_class
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.rules.loader import BUNDLED_DIR, RuleSet

_ANNOTATION = re.compile(r"(?:#|//|/\*|<!--|--|;|\*)\s*(ruleid|ok|todoruleid|todook):\s*([\w.\-]+(?:\s*,\s*[\w.\-]+)*)")
_VIRTUAL_PATH = re.compile(r"railguard-fixture-path:\s*(\S+)")
_ONLY_ANNOTATION = re.compile(r"^\s*(?:#|//|/\*|<!--|--|;|\*)\s*(ruleid|ok|todoruleid|todook):")
FIXTURE_DIR_NAME = "fixtures"
SEMGREP_DIR_NAME = "semgrep"  # semgrep-format packs keep their tests beside the rule file


@dataclass
class FixtureResult:
    failures: list[str] = field(default_factory=list)
    files: int = 0
    checks: int = 0
    notices: list[str] = field(default_factory=list)  # what was not checked, and why (not failures)
    positives: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    negatives: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def ok(self) -> bool:
        return not self.failures


def fixture_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for base in paths:
        if base.is_file():
            out.append(base)
            continue
        in_fixtures = FIXTURE_DIR_NAME in base.parts
        for p in sorted(base.rglob("*")):
            if not p.is_file() or p.suffix == ".pyc" or p.name.startswith("."):
                continue
            in_semgrep = SEMGREP_DIR_NAME in p.parts and p.suffix not in (".yaml", ".yml")
            if in_fixtures or in_semgrep or FIXTURE_DIR_NAME in p.relative_to(base).parts[:-1]:
                out.append(p)
    return sorted(set(out))


def parse_annotations(lines: list[str]) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """(expected: line -> rule ids, forbidden: line -> rule ids), 0-based lines."""
    expected: dict[int, set[str]] = defaultdict(set)
    forbidden: dict[int, set[str]] = defaultdict(set)
    pending: list[tuple[str, list[str]]] = []
    for i, line in enumerate(lines):
        found = _ANNOTATION.findall(line)
        if found and _ONLY_ANNOTATION.match(line):
            for kind, ids in found:
                pending.append((kind, [x.strip() for x in ids.split(",")]))
            continue
        if pending:
            for kind, ids in pending:
                if kind == "ruleid":
                    expected[i].update(ids)
                elif kind == "ok":
                    forbidden[i].update(ids)
            pending = []
    return expected, forbidden


def _known_limitations(lines: list[str]) -> dict[int, set[str]]:
    """Lines marked `todook:` (a known false positive) or `todoruleid:` (a known miss): the
    runner neither requires nor forbids a finding there; bench/rule_recall.py counts them."""
    known: dict[int, set[str]] = defaultdict(set)
    pending: list[str] = []
    for i, line in enumerate(lines):
        found = _ANNOTATION.findall(line)
        if found and _ONLY_ANNOTATION.match(line):
            pending += [x.strip() for kind, ids in found if kind.startswith("todo") for x in ids.split(",")]
            continue
        if pending:
            known[i].update(pending)
            pending = []
    return known


def fixture_project_facts(engine: Engine, path: Path, virtual: str) -> dict:
    """Project facts for one fixture, as a single-file scan of the real file would see them
    (analyzers with `prepare` look at the dependency files next to and above the fixture)."""
    facts: dict = {}
    for name in engine.analyzer_names:
        if name == "semgrep":
            continue  # one batch run for all fixtures, see run_fixtures
        found = engine.analyzer(name).prepare([(path, virtual)], engine.config)
        if found is not None:
            facts[name] = found
    return facts


def _check_file(result: FixtureResult, path: Path, findings, expected: dict[int, set[str]],
                forbidden: dict[int, set[str]], annotated: set[str], known: dict,
                todo: dict[int, set[str]] | None = None) -> None:
    """Compare one fixture's findings with its annotations."""
    found: dict[int, set[str]] = defaultdict(set)
    for f in findings:
        found[f.range.start.line].add(f.rule_id)
    # one problem is reported once: a rule is satisfied by the finding that replaced it on its
    # line (collapse_duplicates: a shared CWE; a taint finding for a `taint-deferrable` rule)
    for f in findings:
        for rid in expected.get(f.range.start.line, set()) - found[f.range.start.line]:
            rule = known.get(rid)
            if rule is not None and set(rule.cwe) & set(f.cwe):
                found[f.range.start.line].add(rid)
    for rid in annotated:
        if rid not in known:
            result.failures.append(f"{path}: annotation names unknown rule {rid}")
    for line, ids in expected.items():
        for rid in ids:
            result.checks += 1
            result.positives[rid] += 1
            if rid not in found.get(line, set()):
                result.failures.append(f"{path}:{line + 1}: expected {rid} here, not reported")
    for line, ids in forbidden.items():
        for rid in ids:
            result.checks += 1
            result.negatives[rid] += 1
            if rid in found.get(line, set()):
                result.failures.append(f"{path}:{line + 1}: {rid} reported on a line marked ok")
    for line, ids in found.items():
        for rid in ids & annotated:
            if rid not in expected.get(line, set()) and rid not in forbidden.get(line, set()) \
                    and rid not in (todo or {}).get(line, set()):
                result.failures.append(f"{path}:{line + 1}: unexpected {rid} (no ruleid annotation)")


def run_fixtures(paths: Iterable[Path] | None = None, ruleset: RuleSet | None = None,
                 require_examples: bool = True) -> FixtureResult:
    paths = list(paths) if paths is not None else [BUNDLED_DIR]
    config = default_config(".")
    config.values.setdefault("", {})["cache"] = False
    files = fixture_files(paths)
    semgrep_files = [p for p in files if SEMGREP_DIR_NAME in p.parts and p.suffix not in (".yaml", ".yml")]
    notices: list[str] = []
    missing = load_analyzer_class("semgrep").unavailable() if semgrep_files else None
    if missing:  # an optional analyzer without its extra: its fixtures are skipped, said once
        notices.append(f"skipped {len(semgrep_files)} semgrep fixture files: {missing}")
        files = [p for p in files if p not in semgrep_files]
        semgrep_files = []
    if semgrep_files:
        config.values["semgrep"] = {"enabled": True, "surfaces": ["ci"]}
    # fixtures check what is found, not how fast: the first file of a language pays for compiling
    # its query, which on a loaded machine can pass the per-file budget and skip analyzers
    config.values[""]["file-timeout"] = 600
    engine = Engine(config, ruleset)
    # the start-up path of small scans compiles only the query patterns whose words occur in
    # the file: it must find exactly what the full query finds (query analyzer alone: in the
    # whole engine the taint analyzer's verdicts drop some query findings)
    query_config = default_config(".")
    query_config.values[""] = {"cache": False, "analyzers": ["query"], "file-timeout": 600}
    full_engine, small_engine = Engine(query_config, ruleset), Engine(query_config, ruleset, small_scan=True)
    whole_engine = Engine(query_config, ruleset)  # every rule over the whole file, in one query
    whole_engine.analyzer("query").split = False  # type: ignore[attr-defined]
    result = FixtureResult(notices=notices)
    semgrep_facts: dict = {}
    semgrep_engine = None
    if semgrep_files:
        # semgrep's own fixtures are checked on semgrep's findings alone: in a normal scan a native
        # finding of the same problem (same line and CWE) would rightly stand in for them
        only = default_config(".")
        only.values[""] = {"cache": False, "analyzers": ["semgrep"]}
        only.values["semgrep"] = {"enabled": True, "surfaces": ["ci"]}
        semgrep_engine = Engine(only, ruleset)
        semgrep_facts = semgrep_engine.analyzer("semgrep").prepare([(p, p.name) for p in semgrep_files], only)
        if "error" in semgrep_facts:
            result.failures.append(f"semgrep fixtures: {semgrep_facts['error']}")
    # rule errors found by the loader and by the analyzers (bad regex in `where`, bad query)
    for n in engine.load_notices:
        if n.kind == "error":
            result.failures.append(f"{n.path}: {n.message}")
    for path in files:
        data = path.read_bytes()
        head = data[:600].decode("utf-8", "replace")
        m = _VIRTUAL_PATH.search(head)
        virtual = m.group(1) if m else path.name
        doc = Document(virtual, data)
        lines = doc.text.splitlines()
        expected, forbidden = parse_annotations(lines)
        annotated = set().union(*expected.values(), *forbidden.values()) if (expected or forbidden) else set()
        if not annotated:
            continue
        result.files += 1
        facts = fixture_project_facts(engine, path, virtual)
        if semgrep_files:
            facts["semgrep"] = semgrep_facts if path in semgrep_files else {"results": {}, "batch": []}
        if semgrep_engine is not None and path in semgrep_files:
            scan = semgrep_engine.scan_document(doc, "ci", facts)
            result.files += 1
            _check_file(result, path, scan.findings, expected, forbidden, annotated, semgrep_engine.rules_by_id)
            continue
        scan = engine.scan_document(doc, "ci", facts)
        small = small_engine.scan_document(Document(virtual, data), "ci", facts)
        full = full_engine.scan_document(Document(virtual, data), "ci", facts)
        full_ids = sorted((f.rule_id, f.range.start_byte) for f in full.findings if f.analyzer == "query")
        small_ids = sorted((f.rule_id, f.range.start_byte) for f in small.findings if f.analyzer == "query")
        if full_ids != small_ids:
            diff = set(full_ids) ^ set(small_ids)
            result.failures.append(f"{path}: small-scan query differs from the full query: {sorted(diff)[:3]}")
        whole = whole_engine.scan_document(Document(virtual, data), "ci", facts)
        whole_ids = sorted((f.rule_id, f.range.start_byte) for f in whole.findings if f.analyzer == "query")
        if full_ids != whole_ids:
            diff = set(full_ids) ^ set(whole_ids)
            result.failures.append(f"{path}: the split query differs from the whole query: {sorted(diff)[:3]}")
        for n in scan.notices:
            if n.kind == "error":
                result.failures.append(f"{path}: {n.message}")
        _check_file(result, path, scan.findings, expected, forbidden, annotated, engine.rules_by_id,
                    _known_limitations(lines))
    if require_examples:
        extra = engine.analyzer("semgrep").extra_rules if semgrep_files else []
        for rule in [*engine.ruleset.rules, *extra]:
            if result.positives.get(rule.id, 0) == 0:
                result.failures.append(f"{rule.source}: rule {rule.id} has no positive fixture (ruleid:)")
            if result.negatives.get(rule.id, 0) == 0:
                result.failures.append(f"{rule.source}: rule {rule.id} has no negative fixture (ok:)")
    return result
