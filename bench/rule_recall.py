"""Recall and false-positive rate per CWE and language over the labelled rule fixtures.

Every fixture line annotated `ruleid: <id>` is a vulnerable case and `ok: <id>` a safe one
(`todoruleid:` marks a vulnerable case the rule is known to miss, `todook:` a safe case it is
known to report: both count here, unlike in the pass/fail fixture test). A case belongs to each
CWE of its rule and to the language of the fixture file.

    python bench/rule_recall.py                      # all bundled packs
    python bench/rule_recall.py railguard/rules/python/fixtures --by-rule
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))  # common.py, also when loaded by file from a test

from common import Tally  # noqa: E402

from railguard.config import default_config  # noqa: E402
from railguard.engine.document import Document  # noqa: E402
from railguard.engine.engine import Engine  # noqa: E402
from railguard.rules.loader import BUNDLED_DIR  # noqa: E402
from railguard.testing.fixtures import (  # noqa: E402
    _ANNOTATION,
    _ONLY_ANNOTATION,
    _VIRTUAL_PATH,
    fixture_files,
    fixture_project_facts,
)

VULNERABLE = {"ruleid", "todoruleid"}
SAFE = {"ok", "todook"}


def labelled_cases(lines: list[str]) -> list[tuple[int, str, str]]:
    """(0-based line, kind, rule id) for every annotation, applied to the next code line."""
    cases: list[tuple[int, str, str]] = []
    pending: list[tuple[str, str]] = []
    for i, line in enumerate(lines):
        found = _ANNOTATION.findall(line)
        if found and _ONLY_ANNOTATION.match(line):
            pending += [(kind, rid.strip()) for kind, ids in found for rid in ids.split(",")]
            continue
        cases += [(i, kind, rid) for kind, rid in pending]
        pending = []
    return cases


def _cwe_number(label: str) -> int:
    return int(label[4:]) if label.startswith("CWE-") else 0


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, default=[BUNDLED_DIR])
    ap.add_argument("--by-rule", action="store_true", help="also print a line per rule")
    ap.add_argument("--show-misses", action="store_true", help="list missed and falsely reported cases")
    args = ap.parse_args(argv)

    config = default_config(str(ROOT))
    engine = Engine(config)
    by_cwe: dict[tuple[str, str], Tally] = defaultdict(Tally)
    by_rule: dict[str, Tally] = defaultdict(Tally)
    by_language: dict[str, Tally] = defaultdict(Tally)
    for path in fixture_files(args.paths):
        data = path.read_bytes()
        m = _VIRTUAL_PATH.search(data[:600].decode("utf-8", "replace"))
        virtual = m.group(1) if m else path.name
        doc = Document(virtual, data)
        cases = labelled_cases(doc.text.splitlines())
        if not cases:
            continue
        found: dict[int, set[str]] = defaultdict(set)
        for f in engine.scan_document(doc, "ci", fixture_project_facts(engine, path, virtual)).findings:
            found[f.range.start.line].add(f.rule_id)
        language = "javascript" if doc.language in ("typescript", "tsx") else doc.language
        for line, kind, rid in cases:
            rule = engine.rules_by_id.get(rid)
            if rule is None or kind not in VULNERABLE | SAFE:
                continue
            reported = rid in found.get(line, set())
            where = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{line + 1} {kind} {rid}"
            for cwe in rule.cwe or (0,):
                by_cwe[(language, f"CWE-{cwe}" if cwe else "no CWE")].add(kind in VULNERABLE, reported, where)
            by_rule[rid].add(kind in VULNERABLE, reported, where)
            by_language[language].add(kind in VULNERABLE, reported, where)

    print(f"{'language':11} {'CWE':9} {'vuln':>5} {'safe':>5} {'recall':>7} {'FP rate':>7}")
    for (lang, cwe), t in sorted(by_cwe.items(), key=lambda kv: (kv[0][0], _cwe_number(kv[0][1]))):
        print(f"{lang:11} {cwe:9} {t.tp + t.fn:>5} {t.fp + t.tn:>5} {_pct(t.recall):>7} {_pct(t.fpr):>7}")
    print("\nper language (each labelled case once):")
    for lang, t in sorted(by_language.items()):
        print(f"  {lang:11} vulnerable {t.tp + t.fn:>4}  safe {t.fp + t.tn:>4}  "
              f"recall {_pct(t.recall)}  FP rate {_pct(t.fpr)}")
    if args.by_rule:
        print("\nper rule:")
        for rid, t in sorted(by_rule.items()):
            print(f"  {rid:50} {t.tp + t.fn:>3} {t.fp + t.tn:>3} {_pct(t.recall)} {_pct(t.fpr)}")
    if args.show_misses:
        print("\nmissed or falsely reported:")
        for t in by_rule.values():
            for w in t.misses:
                print(f"  {w}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
