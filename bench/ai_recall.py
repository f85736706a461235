"""Recall and false-positive rate on the "as assistants write it" corpus, per CWE family and language.

    python bench/ai_recall.py                  # default configuration, agent threshold (and CI in the summary)
    python bench/ai_recall.py --show-misses    # list the files counted wrong
    python bench/ai_recall.py --markdown       # the README table

Every program under bench/data/ai_corpus/ carries a header line
`corpus: cwe=CWE-n label=vulnerable|safe lang=... prompt="..."`; each vulnerable program has a
safe twin doing the same job. A file counts as flagged when the engine (default configuration,
one file at a time) reports a finding admitted by the agent threshold (where a coding agent hears
of the code it writes: severity medium, any confidence) whose CWEs meet the family of
the file's label (a weakness and its close relatives, e.g. CWE-256 and CWE-916 for stored
passwords). Recall is the share of vulnerable files flagged, the false-positive rate the share of
safe files flagged; the summary adds both at the CI threshold (medium confidence: the evidence
that fails a build). The last line counts safe files with any finding at the commit threshold,
whatever its CWE.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))  # common.py, also when loaded by file from a test

from common import Tally  # noqa: E402

from railguard.config import default_config  # noqa: E402
from railguard.engine.document import Document  # noqa: E402
from railguard.engine.engine import Engine  # noqa: E402
from railguard.testing.fixtures import fixture_project_facts  # noqa: E402

CORPUS = ROOT / "bench" / "data" / "ai_corpus"
SUFFIXES = {".py", ".js", ".ts", ".java", ".go"}
_HEADER = re.compile(r"corpus: cwe=CWE-(\d+) label=(vulnerable|safe) lang=(\w+)")

# family name -> (label CWEs, CWEs a finding may carry to count for it)
FAMILIES: dict[str, tuple[set[int], set[int]]] = {
    "CWE-434 upload": ({434}, {434}),
    "CWE-522/256 credentials": ({522, 256, 598, 916}, {522, 256, 257, 261, 312, 598, 916, 328, 759, 760}),
    "CWE-200/209/215 exposure": ({200, 209, 215, 532}, {200, 209, 215, 497, 532, 489, 359}),
    "CWE-306 missing auth": ({306}, {306, 862, 287}),
    "CWE-798/259/321 hard-coded": ({798, 259, 260, 321}, {798, 259, 260, 321}),
    "CWE-732 permissions": ({732}, {732, 276}),
    "CWE-250/269 privilege": ({250, 269}, {250, 269, 273}),
    "CWE-252 unchecked return": ({252}, {252, 253, 754}),
    "CWE-295 certificates": ({295}, {295, 297}),
    "CWE-319 cleartext": ({319}, {319, 523}),
    "CWE-326/327/329 crypto": ({326, 327, 328, 329}, {326, 327, 328, 329, 1204, 916, 780}),
    "CWE-330 randomness": ({330}, {330, 338, 340}),
    "CWE-760 salt": ({760}, {760, 759, 916}),
    "CWE-347 JWT": ({347}, {347, 345}),
    "CWE-367 TOCTOU": ({367}, {367}),
    "CWE-377 temp files": ({377}, {377, 378, 379}),
    "CWE-208 timing": ({208}, {208}),
    "CWE-611 XXE": ({611}, {611, 776}),
    "CWE-943 NoSQL": ({943}, {943}),
    "CWE-601 redirect": ({601}, {601}),
    "CWE-918 SSRF": ({918}, {918}),
    "CWE-117 log": ({117}, {117, 116, 93}),
    "CWE-20 validation": ({20}, {20, 1284, 129, 606}),
    "CWE-835 loops": ({835}, {835, 400, 606, 770, 834}),
    "CWE-841 workflow": ({841}, {841, 840}),
    "CWE-89 SQL": ({89}, {89}),
    "CWE-78 command": ({78}, {78, 77, 88}),
    "CWE-22 path": ({22}, {22, 23, 36, 73}),
    "CWE-94 code": ({94}, {94, 95}),
    "CWE-502 deserialization": ({502}, {502}),
    "CWE-79 XSS": ({79}, {79, 80}),
    "CWE-90 LDAP": ({90}, {90}),
    "CWE-643 XPath": ({643}, {643}),
    "CWE-501 trust boundary": ({501}, {501}),
    "CWE-352 CSRF": ({352}, {352}),
}
_FAMILY_OF = {cwe: name for name, (labels, _) in FAMILIES.items() for cwe in labels}


@dataclass(frozen=True)
class Program:
    path: Path
    cwe: int
    vulnerable: bool
    language: str

    @property
    def family(self) -> str:
        return _FAMILY_OF.get(self.cwe, f"CWE-{self.cwe}")


def programs(root: Path) -> list[Program]:
    out = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in SUFFIXES or "scenarios" in path.parts:
            continue
        m = _HEADER.search(path.read_text(encoding="utf-8").split("\n", 1)[0])
        if m is None:
            raise SystemExit(f"{path}: no corpus header on the first line")
        lang = "javascript" if m.group(3) == "typescript" else m.group(3)
        out.append(Program(path, int(m.group(1)), m.group(2) == "vulnerable", lang))
    return out


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--surface", default="agent",
                    help="threshold a finding must pass (default: agent, where AI-written code is checked; "
                         "the summary adds the CI threshold's figures)")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--markdown", action="store_true", help="print the per-family table as Markdown")
    args = ap.parse_args(argv)

    config = default_config(str(ROOT))
    engine = Engine(config)
    threshold, commit, ci = config.threshold(args.surface), config.threshold("commit"), config.threshold("ci")
    ci_total = Tally()
    by_family: dict[str, Tally] = defaultdict(Tally)
    by_language: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    safe_any = safe_files = 0
    started = time.perf_counter()
    corpus = programs(args.corpus)
    for prog in corpus:
        virtual = f"app/{prog.path.name}"
        doc = Document(virtual, prog.path.read_bytes())
        findings = engine.scan_document(doc, "ci", fixture_project_facts(engine, prog.path, virtual)).findings
        accepted = FAMILIES.get(prog.family, (set(), {prog.cwe}))[1]
        hits = [f for f in findings if threshold.admits(f.severity, f.confidence) and set(f.cwe) & accepted]
        flagged = bool(hits)
        rel = prog.path.relative_to(args.corpus)
        where = f"{rel} ({'vulnerable' if prog.vulnerable else 'safe: ' + ', '.join(sorted({h.rule_id for h in hits}))})"
        by_family[prog.family].add(prog.vulnerable, flagged, where)
        by_language[prog.language].add(prog.vulnerable, flagged, where)
        total.add(prog.vulnerable, flagged, where)
        ci_total.add(prog.vulnerable, any(ci.admits(f.severity, f.confidence) for f in hits), where)
        if not prog.vulnerable:
            safe_files += 1
            safe_any += any(commit.admits(f.severity, f.confidence) for f in findings)
    elapsed = time.perf_counter() - started

    def order(item: tuple[str, Tally]) -> tuple[float, str]:
        return (item[1].recall or 0.0, item[0])

    if args.markdown:
        print("| family | vulnerable | safe | recall | false positives |")
        print("|---|---:|---:|---:|---:|")
        for name, t in sorted(by_family.items(), key=order):
            print(f"| {name} | {t.vulnerable} | {t.safe} | {_pct(t.recall)} | {_pct(t.fpr)} |")
    else:
        print(f"{'family':30} {'vuln':>5} {'safe':>5} {'recall':>7} {'FP rate':>7}")
        for name, t in sorted(by_family.items(), key=order):
            print(f"{name:30} {t.vulnerable:>5} {t.safe:>5} {_pct(t.recall):>7} {_pct(t.fpr):>7}")
    print("\nper language:")
    for lang, t in sorted(by_language.items()):
        print(f"  {lang:11} vulnerable {t.vulnerable:>4}  safe {t.safe:>4}  recall {_pct(t.recall):>6}  "
              f"FP rate {_pct(t.fpr):>6}")
    if args.show_misses:
        print("\nmissed or falsely reported:")
        for t in by_family.values():
            for w in t.misses:
                print(f"  {w}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nsummary: {len(corpus)} programs ({total.vulnerable} vulnerable, {total.safe} safe), "
          f"recall {_pct(total.recall)}, false-positive rate {_pct(total.fpr)} "
          f"({args.surface} threshold, CWE-matched; at the CI threshold recall {_pct(ci_total.recall)}, "
          f"false-positive rate {_pct(ci_total.fpr)}); safe files with any finding at the commit threshold "
          f"{safe_any}/{safe_files} ({_pct(safe_any / safe_files if safe_files else None)}); "
          f"{elapsed:.1f} s, load average {load:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
