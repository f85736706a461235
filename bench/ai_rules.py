"""Noise check for the AI-era rules: run each rule family over real code and print what it finds.

    python bench/ai_rules.py                  # Django's sdist (pip download) and this repository
    python bench/ai_rules.py --package flask  # another package from the index
    python bench/ai_rules.py PATH ...         # folders of your own

Clean real code should give zero findings except true ones; every finding is printed
(up to --show per rule) so that noise is visible. Only the `ai` pack runs.
"""

from __future__ import annotations

import argparse
import sys
import tarfile
import time
import zipfile
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import CORPUS, pip_download_sdist  # noqa: E402

from railguard.config import load_config  # noqa: E402
from railguard.engine.workspace import scan_files  # noqa: E402
from railguard.model import SourceFile  # noqa: E402
from railguard.rules.loader import load_rules  # noqa: E402
from railguard.vcs import collect_files, display_path, walk  # noqa: E402


def fetch(package: str) -> Path:
    """Download the package's source distribution by name and unpack it under the bench cache."""
    target = CORPUS / package
    if target.exists() and any(target.iterdir()):
        return next(p for p in target.iterdir() if p.is_dir())
    target.mkdir(parents=True, exist_ok=True)
    pip_download_sdist(package, target, package.split("==")[0])
    archive = next(p for p in target.iterdir() if p.is_file())
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as z:
            z.extractall(target)
    else:
        with tarfile.open(archive) as t:
            t.extractall(target, filter="data")
    archive.unlink()
    return next(p for p in target.iterdir() if p.is_dir())


def families() -> dict[str, str]:
    """rule id -> family (the rule file it lives in)."""
    return {r.id: Path(r.source).stem for r in load_rules().rules if r.pack == "ai"}


def source_files(path: Path, config) -> list[SourceFile]:
    """git's file list for this repository; a plain walk for an unpacked package (the bench
    cache is no git repository)."""
    if path.resolve() == ROOT:
        return collect_files([str(path)], config)[0]
    walked, _ = walk(path)
    return [SourceFile.on_disk(f, display_path(f, path)) for f in walked if f.is_file()]


def run(path: Path, label: str, show: int) -> int:
    config = load_config(path).with_values(enable=["ai"])
    if path.resolve() != ROOT:
        config = replace(config, root=path.resolve())
    started = time.perf_counter()
    report = scan_files(source_files(path, config), config, use_cache=False)
    elapsed = time.perf_counter() - started
    family_of = families()
    per_family: Counter[str] = Counter()
    per_rule: dict[str, list] = defaultdict(list)
    for f in report.findings:
        per_family[family_of.get(f.rule_id, "other")] += 1
        per_rule[f.rule_id].append(f)
    print(f"\n## {label}: {report.files} files, {report.lines:,} lines, {elapsed:.1f} s, "
          f"{len(report.findings)} findings")
    for family in sorted(set(family_of.values())):
        print(f"  {family:20} {per_family.get(family, 0):5}")
    for rule_id in sorted(per_rule):
        found = per_rule[rule_id]
        print(f"\n  {rule_id} ({len(found)}, confidence {Counter(f.confidence.label for f in found).most_common()})")
        for f in found[:show]:
            print(f"    {f.path}:{f.line}: {f.message[:150]}")
        if len(found) > show:
            print(f"    ... {len(found) - show} more")
    errors = [n for n in report.notices if n.kind == "error"]
    if errors:
        print(f"  {len(errors)} errors, first: {errors[0].line()}")
    return len(report.findings)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("paths", nargs="*", help="folders to scan (default: a downloaded package and this repository)")
    p.add_argument("--package", default="Django", help="package to download by name (default: Django)")
    p.add_argument("--show", type=int, default=8, help="findings to print per rule")
    args = p.parse_args(argv)
    targets = [(Path(x), x) for x in args.paths]
    if not targets:
        targets = [(fetch(args.package), f"{args.package} (sdist)"), (ROOT, "railguard (this repository)")]
    for path, label in targets:
        run(path, label, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
