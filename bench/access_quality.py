"""Precision and recall of the access analyzer per framework, over the annotated mini
applications in tests/fixtures/access/<framework>/ (see tests/access_support.py).

    python bench/access_quality.py            # with the project index (as `railguard scan` runs)
    python bench/access_quality.py --single   # each file on its own (no cross-file facts)
    python bench/access_quality.py -v         # list every mistake
    python bench/access_quality.py --index DIR   # cost of the project index over a folder
    python bench/access_quality.py --realworld   # only the labelled routes of real applications
    python bench/access_quality.py --largest     # index cost on the largest real application

The real applications (bench/data/access_realworld.yaml) are downloaded by name and version
with pip / npm into ~/.cache/railguard-bench/access/ on first use (never into the repository).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.access_support import by_framework, evaluate_app, frameworks  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--single", action="store_true", help="scan each file without the project index")
    parser.add_argument("-v", "--verbose", action="store_true", help="list false positives and negatives")
    parser.add_argument("--index", metavar="DIR", help="time the project index (prepare) over a folder")
    parser.add_argument("--realworld", action="store_true", help="only the labelled real applications")
    parser.add_argument("--largest", action="store_true", help="index cost on the largest real application")
    args = parser.parse_args(argv)
    if args.index:
        return index_cost(Path(args.index))
    if args.largest:
        apps = [fetch(a) for a in load_labels()]
        biggest = max(apps, key=lambda p: sum(f.stat().st_size for f in p.rglob("*") if f.is_file()))
        print(f"largest application of the bench: {biggest.name}")
        return index_cost(biggest)
    print(f"load average {os.getloadavg()[0]:.2f}")
    if not args.realworld:
        mini_apps(args)
        print()
    return realworld(args.verbose)


def mini_apps(args: argparse.Namespace) -> None:
    print(f"{'framework':<10} {'routes':>6} {'unprot.':>7} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} "
          f"{'recall':>7} {'ms':>6}")
    total_tp = total_fp = total_fn = ci_tp = ci_fp = 0
    results = []
    timings: dict[str, float] = {}
    for folder in frameworks():
        started = time.perf_counter()
        results.append(evaluate_app(folder, project=not args.single))
        timings[folder.name] = (time.perf_counter() - started) * 1000
    for name, r in by_framework(results).items():
        ms = timings.get(name, 0.0)
        positives = sum(1 for c in r.checks if c.expected == "unprotected") + sum(
            1 for m in r.missing if m[2] == "unprotected")
        print(f"{r.framework:<10} {len(r.checks):>6} {positives:>7} {r.tp:>4} {r.fp:>4} {r.fn:>4} "
              f"{r.precision:>9.2f} {r.recall:>7.2f} {(f'{ms:.0f}' if ms else ''):>6}")
        total_tp, total_fp, total_fn = total_tp + r.tp, total_fp + r.fp, total_fn + r.fn
        ci_tp, ci_fp = ci_tp + r.ci_tp, ci_fp + r.ci_fp
        if args.verbose:
            for c in r.checks:
                if c.reported != (c.expected == "unprotected"):
                    kind = "FP" if c.reported else "FN"
                    print(f"    {kind} {c.path}:{c.line} {c.describe} expected={c.expected or '-'} {c.reason}")
            for path, line, exp in r.missing:
                print(f"    no route found at {path}:{line} (expected {exp})")
    print("(routes grouped by the model that decided them; ms: project index and analysis of each application)")
    p = total_tp / (total_tp + total_fp) if total_tp + total_fp else 1.0
    rc = total_tp / (total_tp + total_fn) if total_tp + total_fn else 1.0
    print(f"{'all':<10} {'':>6} {'':>7} {total_tp:>4} {total_fp:>4} {total_fn:>4} {p:>9.2f} {rc:>7.2f}")
    positives = total_tp + total_fn
    p = ci_tp / (ci_tp + ci_fp) if ci_tp + ci_fp else 1.0
    rc = ci_tp / positives if positives else 1.0
    print(f"{'at CI':<10} {'':>6} {'':>7} {ci_tp:>4} {ci_fp:>4} {positives - ci_tp:>4} {p:>9.2f} {rc:>7.2f}"
          "   (only routes reported above low confidence)")


def index_cost(folder: Path) -> int:
    """Median of 3 runs of the access analyzer's prepare() over every file of a folder."""
    print(f"load average {os.getloadavg()[0]:.2f}")
    from railguard.config import default_config
    from railguard.engine.access.core import relevant
    from railguard.engine.analyzers.access import AccessAnalyzer
    from railguard.engine.document import Document
    from railguard.vcs import collect_files

    config = default_config(folder)
    found, _ = collect_files([str(folder)], config)
    files = [(f.location, f.path) for f in found]
    lines = sum(f.location.read_bytes().count(b"\n") for f in found if f.location.stat().st_size < 2_000_000)
    kept = sum(1 for f in found if f.location.suffix in (".py", ".js", ".ts", ".java", ".mjs", ".cjs", ".tsx", ".jsx")
               and f.location.stat().st_size < 1_000_000 and relevant(Document(f.path, f.location.read_bytes())))
    times = []
    for _ in range(3):
        started = time.perf_counter()
        AccessAnalyzer([], config).prepare(files, config)
        times.append(time.perf_counter() - started)
    times.sort()
    parse = []
    for _ in range(3):  # the same run's yardstick: parsing every source file once with tree-sitter
        started = time.perf_counter()
        for f in found:
            doc = Document(f.path, f.location.read_bytes())
            if doc.has_tree and f.location.stat().st_size < 1_000_000:
                doc.tree  # noqa: B018 - parse
        parse.append(time.perf_counter() - started)
    parse.sort()
    print(f"{len(files)} files ({lines:,} lines), {kept} pass the prefilter; prepare() median {times[1]:.2f} s "
          f"(min {times[0]:.2f}, max {times[2]:.2f}); parsing every source file once: {parse[1]:.2f} s "
          f"(ratio {times[1] / parse[1]:.2f})")
    return 0


# ------------------------------------------------------------------ real applications

CACHE = Path.home() / ".cache" / "railguard-bench" / "access"
LABELS = Path(__file__).resolve().parent / "data" / "access_realworld.yaml"


def load_labels() -> list[dict]:
    import yaml

    return yaml.safe_load(LABELS.read_text(encoding="utf-8"))["apps"]


def fetch(app: dict) -> Path:
    """The unpacked package (pip download of the sdist / npm pack), cached outside the repository."""
    name, version = app["name"], app["version"]
    target = CACHE / f"{name.replace('@', '').replace('/', '-')}-{version}"
    if target.is_dir():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        if app["registry"] in ("pypi", "pypi-wheel"):  # a source distribution, or the wheel when none is published
            only = ["--no-binary", ":all:"] if app["registry"] == "pypi" else ["--only-binary", ":all:"]
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", *only, "-q",
                            f"{name}=={version}", "-d", tmp], check=True)
        else:
            subprocess.run(["npm", "pack", "-q", f"{name}@{version}", "--pack-destination", tmp], check=True,
                           stdout=subprocess.DEVNULL)
        archive = next(Path(tmp).iterdir())
        unpack = Path(tmp) / "unpacked"
        if archive.suffix == ".whl":
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(unpack / "wheel")
        else:
            with tarfile.open(archive) as tf:
                tf.extractall(unpack, filter="data")
        roots = list(unpack.iterdir())
        shutil.move(str(roots[0] if len(roots) == 1 and roots[0].is_dir() else unpack), target)
    return target


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    routes: int = 0
    positives: int = 0
    mistakes: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn
        self.routes += other.routes
        self.positives += other.positives
        self.mistakes += other.mistakes

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score_app(app: dict, folder: Path) -> tuple[Tally, int, Tally]:
    """Route-level tally of one application, the number of findings on routes nobody labelled, and the
    tally of the findings at the CI threshold alone (severity and confidence at least medium)."""
    from railguard.config import default_config
    from railguard.engine.analyzers.access import AccessAnalyzer
    from railguard.engine.analyzers.base import ScanContext
    from railguard.engine.document import Document
    from railguard.model import Confidence, Severity
    from railguard.rules.loader import load_rules
    from railguard.vcs import collect_files

    config = default_config(folder)
    rules = [r for r in load_rules().rules if r.analyzer == "access"]
    analyzer = AccessAnalyzer(rules, config)
    found, _ = collect_files([str(folder)], config)
    project = analyzer.prepare([(f.location, f.path) for f in found], config)
    context = ScanContext(config, str(folder), project={"access": project})
    labels: dict[tuple[str, int], dict] = {}
    for route in app["routes"]:
        path, _, line = route["at"].rpartition(":")
        labels[(path, int(line))] = route
    reported: dict[tuple[str, int], list[str]] = {}
    at_ci: set[tuple[str, int]] = set()
    discovered: set[tuple[str, int]] = set()
    unlabelled = 0
    others: list[str] = []
    by_display = {f.path: f for f in found}
    for sf in by_display.values():
        if sf.location.suffix not in (".py", ".js", ".ts", ".mjs", ".cjs", ".java") or sf.location.stat().st_size > 1_000_000:
            continue
        doc = Document(sf.path, sf.location.read_bytes())
        if not analyzer.applies_to(doc):
            continue
        display = sf.path
        for route, finding in analyzer.route_findings(doc, context):
            check = finding.rule_id.split(".", 1)[-1]
            if route is None or "csrf" in finding.rule_id:
                continue
            key = (display, route.anchor_line + 1)
            if key in labels:
                reported.setdefault(key, []).append(check or finding.rule_id)
                if finding.severity >= Severity.MEDIUM and finding.confidence >= Confidence.MEDIUM:
                    at_ci.add(key)
            else:
                unlabelled += 1
                others.append(f"   other {app['name']} {display}:{route.anchor_line + 1} {route.describe()} "
                              f"{finding.rule_id.split('.', 1)[-1]}")
        if any(p == display for p, _ in labels):
            from railguard.engine.access.core import analyze_document
            result = analyze_document(doc, analyzer.model, project)
            discovered |= {(display, r.anchor_line + 1) for r in result.routes + result.mutations}
    tally, ci = Tally(), Tally()
    for key, label in labels.items():
        positive = "missing" in (label["auth"], str(label["object"]), str(label["role"]))
        hit = bool(reported.get(key))
        tally.routes += 1
        tally.positives += positive
        where = f"{app['name']} {key[0]}:{key[1]}"
        ci.routes += 1
        ci.positives += positive
        if positive and key in at_ci:
            ci.tp += 1
        elif positive:
            ci.fn += 1
            if hit:
                ci.mistakes.append(f"FN at the CI threshold {where} (reported at low confidence): {label['why']}")
        elif key in at_ci:
            ci.fp += 1
        else:
            ci.tn += 1
        if positive and hit:
            tally.tp += 1
        elif positive:
            tally.fn += 1
            missing = [k for k in ("auth", "object", "role") if str(label[k]) == "missing"]
            state = "route not found" if key not in discovered else "not reported"
            tally.mistakes.append(f"FN {where} ({'/'.join(missing)} missing; {state}): {label['why']}")
        elif hit:
            tally.fp += 1
            tally.mistakes.append(f"FP {where} reported {','.join(reported[key])}: {label['why']}")
        else:
            tally.tn += 1
    tally.mistakes += others
    return tally, unlabelled, ci


def realworld(verbose: bool) -> int:
    apps = load_labels()
    print("Real applications (labelled routes; bench/data/access_realworld.yaml)")
    print(f"{'application':<36} {'framework':<9} {'kind':<10} {'routes':>6} {'pos.':>5} {'TP':>4} {'FP':>4} "
          f"{'FN':>4} {'precision':>9} {'recall':>7} {'other':>6} {'s':>5}")
    per_fw: dict[str, Tally] = {}
    total, total_ci = Tally(), Tally()
    for app in apps:
        folder = fetch(app)
        started = time.perf_counter()
        tally, unlabelled, ci = score_app(app, folder)
        total_ci.add(ci)
        took = time.perf_counter() - started
        label = f"{app['name']} {app['version']}"
        print(f"{label:<36} {app['framework']:<9} {app['kind']:<10} {tally.routes:>6} {tally.positives:>5} "
              f"{tally.tp:>4} {tally.fp:>4} {tally.fn:>4} {tally.precision:>9.2f} {tally.recall:>7.2f} "
              f"{unlabelled:>6} {took:>5.1f}")
        per_fw.setdefault(app["framework"], Tally()).add(tally)
        total.add(tally)
    print("per framework:")
    for fw, t in sorted(per_fw.items()):
        print(f"  {fw:<34} {'':<9} {'':<10} {t.routes:>6} {t.positives:>5} {t.tp:>4} {t.fp:>4} {t.fn:>4} "
              f"{t.precision:>9.2f} {t.recall:>7.2f}")
    print(f"{'all':<36} {'':<9} {'':<10} {total.routes:>6} {total.positives:>5} {total.tp:>4} {total.fp:>4} "
          f"{total.fn:>4} {total.precision:>9.2f} {total.recall:>7.2f}")
    print(f"{'at the CI threshold':<36} {'':<9} {'':<10} {total_ci.routes:>6} {total_ci.positives:>5} "
          f"{total_ci.tp:>4} {total_ci.fp:>4} {total_ci.fn:>4} {total_ci.precision:>9.2f} {total_ci.recall:>7.2f}")
    print("(pos.: routes labelled with a missing login, object check or role; other: findings on routes "
          "nobody labelled; s: index + analysis; at the CI threshold: only findings of at least medium "
          "severity and confidence count)")
    if verbose:
        for m in total.mistakes + total_ci.mistakes:
            print("   ", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
