"""Detection quality on the labelled taint benchmark: railguard, bandit and semgrep in one run.

    python bench/taint_quality.py [--no-peers] [--show-misses]

The cases (bench/data/taint/, written by bench/taint_cases.py) are copied to a
temporary folder and scanned there by every tool. A case counts as flagged for a
tool when the tool reports a finding of the case's weakness (by CWE, or for bandit
by test id) in one of the case's files. Printed per sink kind and overall: the
true-positive rate (vulnerable cases flagged), the false-positive rate (safe cases
flagged) and their difference. railguard's findings are counted at every
severity and confidence; semgrep runs only the local rules under
bench/semgrep_rules/ (no registry, no network, --metrics=off).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

CASES = HERE / "data" / "taint"
SEMGREP_RULES = HERE / "semgrep_rules"

KIND_CWES: dict[str, set[int]] = {
    "command-injection": {78}, "sql-injection": {89}, "code-injection": {94, 95}, "path-traversal": {22},
    "ssrf": {918}, "open-redirect": {601}, "ldap-injection": {90}, "xpath-injection": {643},
    "xss": {79, 80}, "xxe": {611}, "deserialization": {502}, "header-injection": {113},
    "log-injection": {117}, "trust-boundary": {501},
}
# bandit files most injection checks under CWE-78; its test ids say what they are about
BANDIT_TESTS: dict[str, str] = {
    "B102": "code-injection", "B307": "code-injection",
    "B301": "deserialization", "B302": "deserialization", "B403": "deserialization", "B506": "deserialization",
    "B614": "deserialization",
    "B310": "ssrf",
    "B313": "xxe", "B314": "xxe", "B315": "xxe", "B316": "xxe", "B317": "xxe", "B318": "xxe", "B319": "xxe",
    "B320": "xxe", "B410": "xxe", "B405": "xxe", "B406": "xxe", "B407": "xxe", "B408": "xxe", "B409": "xxe",
    "B602": "command-injection", "B603": "command-injection", "B604": "command-injection",
    "B605": "command-injection", "B606": "command-injection", "B607": "command-injection",
    "B609": "command-injection", "B404": "command-injection",
    "B608": "sql-injection", "B610": "sql-injection", "B611": "sql-injection",
    "B701": "xss", "B702": "xss", "B703": "xss", "B704": "xss",
}


@dataclass(frozen=True)
class Case:
    name: str  # path relative to the cases folder (file or package folder)
    kind: str
    vulnerable: bool


def load_cases(root: Path) -> list[Case]:
    cases = []
    for kind_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        for entry in sorted(kind_dir.iterdir()):
            main = entry / "app.py" if entry.is_dir() else entry
            if main.suffix != ".py" or not main.exists():
                continue
            head = dict(
                line[2:].split(": ", 1) for line in main.read_text().splitlines()[:3] if line.startswith("# ")
                and ": " in line
            )
            cases.append(Case(entry.relative_to(root).as_posix(), head["kind"], head["label"] == "vulnerable"))
    return cases


def case_of(path: str, names: set[str]) -> str | None:
    parts = Path(path).as_posix().split("/")
    for n in range(len(parts), 0, -1):
        candidate = "/".join(parts[:n])
        if candidate in names:
            return candidate
    return None


def run_railguard(root: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(findings of every rule, findings of the taint rules only)."""
    from railguard.config import default_config
    from railguard.vcs import scan_paths

    config = default_config(str(root))
    config.values.setdefault("", {})["cache"] = False
    report = scan_paths([str(root)], config, use_cache=False)
    flagged: dict[str, set[str]] = defaultdict(set)
    taint: dict[str, set[str]] = defaultdict(set)
    for f in report.findings:
        for kind, cwes in KIND_CWES.items():
            if set(f.cwe) & cwes:
                flagged[f.path].add(kind)
                if f.analyzer == "taint":
                    taint[f.path].add(kind)
    return flagged, taint


def run_bandit(root: Path) -> dict[str, set[str]] | None:
    if shutil.which("bandit") is None:
        return None
    out = subprocess.run(["bandit", "-r", str(root), "-f", "json", "-q"], capture_output=True, text=True,
                         check=False)
    try:
        data = json.loads(out.stdout)
    except ValueError:
        return None
    flagged: dict[str, set[str]] = defaultdict(set)
    for r in data.get("results", []):
        path = Path(r["filename"]).resolve().relative_to(root.resolve()).as_posix()
        kind = BANDIT_TESTS.get(r.get("test_id", ""))
        if kind is None:
            cwe = (r.get("issue_cwe") or {}).get("id")
            kind = next((k for k, c in KIND_CWES.items() if cwe in c), None)
        if kind:
            flagged[path].add(kind)
    return flagged


def run_semgrep(root: Path) -> dict[str, set[str]] | None:
    exe = shutil.which("semgrep")
    if exe is None:
        return None
    out = subprocess.run([exe, "scan", "--config", str(SEMGREP_RULES), "--json", "--metrics=off",
                          "--disable-version-check", "--quiet", str(root)],
                         capture_output=True, text=True, check=False)
    try:
        data = json.loads(out.stdout)
    except ValueError:
        print(f"semgrep failed: {out.stderr.strip()[:300]}", file=sys.stderr)
        return None
    flagged: dict[str, set[str]] = defaultdict(set)
    for r in data.get("results", []):
        path = Path(r["path"]).resolve().relative_to(root.resolve()).as_posix()
        cwes = r.get("extra", {}).get("metadata", {}).get("cwe", [])
        for c in cwes if isinstance(cwes, list) else [cwes]:
            num = int(str(c).split(":")[0].upper().removeprefix("CWE-"))
            for kind, kc in KIND_CWES.items():
                if num in kc:
                    flagged[path].add(kind)
    return flagged


def score(cases: list[Case], flagged: dict[str, set[str]]) -> dict[str, tuple[int, int, int, int]]:
    names = {c.name for c in cases}
    by_case: dict[str, set[str]] = defaultdict(set)
    for path, kinds in flagged.items():
        c = case_of(path, names)
        if c is not None:
            by_case[c] |= kinds
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # tp, fn, fp, tn
    for c in cases:
        hit = c.kind in by_case.get(c.name, set())
        row = out[c.kind]
        if c.vulnerable:
            row[0 if hit else 1] += 1
        else:
            row[2 if hit else 3] += 1
    return {k: tuple(v) for k, v in out.items()}


def rates(row) -> tuple[float, float]:
    tp, fn, fp, tn = row
    return (tp / (tp + fn) if tp + fn else 0.0, fp / (fp + tn) if fp + tn else 0.0)


def misses(cases: list[Case], flagged: dict[str, set[str]]) -> list[str]:
    names = {c.name for c in cases}
    by_case: dict[str, set[str]] = defaultdict(set)
    for path, kinds in flagged.items():
        c = case_of(path, names)
        if c is not None:
            by_case[c] |= kinds
    out = []
    for c in cases:
        hit = c.kind in by_case.get(c.name, set())
        if c.vulnerable and not hit:
            out.append(f"FN {c.name}")
        elif not c.vulnerable and hit:
            out.append(f"FP {c.name}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-peers", action="store_true", help="railguard only")
    ap.add_argument("--show-misses", action="store_true", help="list the taint rules' false negatives and positives")
    args = ap.parse_args(argv)
    if not CASES.exists():
        print("no cases: run python bench/taint_cases.py first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "cases"
        shutil.copytree(CASES, root)
        cases = load_cases(root)
        tools: dict[str, dict[str, set[str]] | None] = {}
        timings: dict[str, float] = {}
        t = time.perf_counter()
        tools["railguard"], tools["rg-taint"] = run_railguard(root)
        timings["railguard"] = timings["rg-taint"] = time.perf_counter() - t
        if not args.no_peers:
            for name, fn in (("bandit", run_bandit), ("semgrep", run_semgrep)):
                t = time.perf_counter()
                tools[name] = fn(root)
                timings[name] = time.perf_counter() - t
    vuln = sum(c.vulnerable for c in cases)
    print(f"{len(cases)} cases ({vuln} vulnerable, {len(cases) - vuln} safe) in "
          f"{len({c.kind for c in cases})} sink kinds")
    names = [n for n, v in tools.items() if v is not None]
    scores = {n: score(cases, tools[n]) for n in names}
    kinds = sorted({c.kind for c in cases})
    header = f"{'sink kind':<18} {'n':>4} " + " ".join(f"{n + ' TPR  FPR  diff':>26}" for n in names)
    print(header)
    print("-" * len(header))
    totals = {n: [0, 0, 0, 0] for n in names}
    for kind in kinds:
        cells = []
        n_cases = 0
        for n in names:
            row = scores[n].get(kind, (0, 0, 0, 0))
            n_cases = sum(row)
            for i in range(4):
                totals[n][i] += row[i]
            tpr, fpr = rates(row)
            cells.append(f"{tpr:>8.2f} {fpr:>8.2f} {tpr - fpr:>+8.2f}")
        print(f"{kind:<18} {n_cases:>4} " + " ".join(cells))
    print("-" * len(header))
    cells = []
    for n in names:
        tpr, fpr = rates(totals[n])
        cells.append(f"{tpr:>8.2f} {fpr:>8.2f} {tpr - fpr:>+8.2f}")
    print(f"{'overall':<18} {len(cases):>4} " + " ".join(cells))
    print("time: " + ", ".join(f"{n} {timings[n]:.1f} s" for n in names if n != "rg-taint"))
    print("railguard: every rule of the tool; rg-taint: only the taint analyzer's findings")
    for n, v in tools.items():
        if v is None:
            print(f"{n}: not installed, skipped")
    if args.show_misses:
        print("\n".join(misses(cases, tools["rg-taint"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
