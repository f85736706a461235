"""Ecosystem check: scan a fixed list of popular packages (pinned) and compare two railguard versions.

    python bench/ecosystem.py scan --out bench/results/eco-new            # this checkout
    python bench/ecosystem.py scan --src ../railguard-main --out bench/results/eco-main
    python bench/ecosystem.py diff bench/results/eco-main bench/results/eco-new

`scan` downloads each source distribution with pip (by name, pinned) into ~/.cache/railguard-bench/corpus/ and
writes one JSON file of findings per package; `diff` prints, per rule, the findings that
appeared and disappeared, so a change that adds noise or loses detections shows before it lands.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, fetch_sdist  # noqa: E402

PACKAGES = [
    "requests==2.32.3", "flask==3.0.3", "django==5.1.4", "fastapi==0.115.6", "httpx==0.28.1",
    "click==8.1.7", "jinja2==3.1.4", "werkzeug==3.1.3", "pyyaml==6.0.2", "urllib3==2.2.3",
    "rich==13.9.4", "attrs==24.2.0", "paramiko==3.5.0", "celery==5.4.0", "sqlalchemy==2.0.36",
    "boto3==1.35.80", "tornado==6.4.2", "aiohttp==3.11.10",
]


def scan(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    src = Path(args.src).resolve() if args.src else ROOT
    env = {**os.environ, "PYTHONPATH": str(src), "NO_COLOR": "1"}
    for spec in args.packages or PACKAGES:
        name, version = spec.split("==")
        try:
            tree = fetch_sdist(name, version)
        except Exception as exc:  # noqa: BLE001 - one unavailable package does not stop the check
            print(f"{spec}: cannot fetch ({exc})")
            continue
        r = subprocess.run([sys.executable, "-m", "railguard", "scan", ".", "--no-cache", "-f", "json",
                            "--exit-zero", "--severity", "info", "--confidence", "low"],
                           cwd=tree, capture_output=True, text=True, env=env)
        try:
            data = json.loads(r.stdout)
        except ValueError:
            print(f"{spec}: railguard failed: {r.stderr.strip()[-300:]}")
            continue
        slim = [{"rule_id": f["rule_id"], "path": f["path"], "fingerprint": f["fingerprint"],
                 "line": f["range"]["start"]["line"]} for f in data["findings"]]
        (out / f"{name}.json").write_text(json.dumps({"package": spec, "summary": data["summary"],
                                                      "findings": slim}, indent=1))
        print(f"{spec:28} {data['summary']['files']:>6} files {data['summary']['lines']:>9,} lines "
              f"{len(slim):>6} findings")
    return 0


def diff(args: argparse.Namespace) -> int:
    old, new = Path(args.old), Path(args.new)
    appeared: Counter[str] = Counter()
    gone: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for f in sorted(new.glob("*.json")):
        before = old / f.name
        a = {(x["rule_id"], x["path"], x["fingerprint"]): x for x in json.loads(before.read_text())["findings"]} \
            if before.exists() else {}
        b = {(x["rule_id"], x["path"], x["fingerprint"]): x for x in json.loads(f.read_text())["findings"]}
        for key in b.keys() - a.keys():
            appeared[key[0]] += 1
            examples.setdefault(key[0], []).append(f"+ {f.stem}/{key[1]}:{b[key]['line']}")
        for key in a.keys() - b.keys():
            gone[key[0]] += 1
            examples.setdefault(key[0], []).append(f"- {f.stem}/{key[1]}:{a[key]['line']}")
    rules = sorted(set(appeared) | set(gone))
    if not rules:
        print("no change in findings")
        return 0
    print(f"{'rule':50} {'appeared':>9} {'gone':>6}")
    for rule in rules:
        print(f"{rule:50} {appeared[rule]:>9} {gone[rule]:>6}")
        for line in examples[rule][:3]:
            print(f"    {line}")
    print(f"total: +{sum(appeared.values())} -{sum(gone.values())}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("scan")
    s.add_argument("--out", required=True)
    s.add_argument("--src", help="a railguard checkout to run (default: this one)")
    s.add_argument("--packages", nargs="*")
    d = sub.add_parser("diff")
    d.add_argument("old")
    d.add_argument("new")
    args = ap.parse_args()
    return scan(args) if args.cmd == "scan" else diff(args)


if __name__ == "__main__":
    sys.exit(main())
