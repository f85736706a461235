"""Noise of the JavaScript/TypeScript, Java and Go packs on large real code bases.

Scans each corpus with only that language's pack, prints findings per thousand lines by
rule and confidence, and a fixed-seed sample of the high-confidence findings (with the
source line) for reading by hand.

Corpora (each optional; missing ones are skipped with a note):
  --go DIR      default: the Go standard library ($(go env GOROOT)/src)
  --java DIR    default: java.base, java.xml, java.naming, java.net.http, java.sql,
                jdk.httpserver and java.management unpacked from the JDK's lib/src.zip
  --js DIR      e.g. a node_modules folder after `npm install express koa mongoose ...`

    python bench/noise_js_java_go.py --js /tmp/npm/node_modules --sample 40
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {"go": (".go",), "java": (".java",), "javascript": (".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx")}
JDK_MODULES = ("java.base/", "java.xml/", "java.naming/", "java.net.http/", "java.sql/", "jdk.httpserver/",
               "java.management/")


def go_stdlib() -> Path | None:
    go = shutil.which("go")
    if go is None:
        return None
    root = subprocess.run([go, "env", "GOROOT"], capture_output=True, text=True).stdout.strip()
    return Path(root) / "src" if root else None


def jdk_sources(workdir: Path) -> Path | None:
    javac = shutil.which("javac")
    homes = [Path(os.environ["JAVA_HOME"])] if os.environ.get("JAVA_HOME") else []
    if javac:
        homes.append(Path(os.path.realpath(javac)).parent.parent)
    homes += sorted(Path("/usr/lib/jvm").glob("*")) if Path("/usr/lib/jvm").is_dir() else []
    for home in homes:
        src = home / "lib" / "src.zip"
        if src.is_file():
            target = workdir / "jdk"
            with zipfile.ZipFile(src) as zf:
                zf.extractall(target, [n for n in zf.namelist() if n.startswith(JDK_MODULES)])
            return target
    return None


def count_lines(folder: Path, suffixes: tuple[str, ...]) -> tuple[int, int]:
    files = lines = 0
    for dirpath, _dirs, names in os.walk(folder, followlinks=True):
        for name in names:
            if name.endswith(suffixes):
                files += 1
                with open(os.path.join(dirpath, name), "rb") as fh:
                    lines += sum(1 for _ in fh)
    return files, lines


def scan(folder: Path, pack: str) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = subprocess.run(
        [sys.executable, "-m", "railguard", "scan", str(folder), "-f", "json", "--no-cache", "--exit-zero",
         "--no-progress", "--select", pack, "--confidence", "low", "--severity", "info"],
        capture_output=True, text=True, env=env, cwd=folder,
    )
    if out.returncode != 0:
        raise SystemExit(f"scan of {folder} failed: {out.stderr.strip()[:500]}")
    return json.loads(out.stdout)["findings"]


def source_line(folder: Path, finding: dict) -> str:
    path = Path(finding["path"])
    path = path if path.is_absolute() else folder / path
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        return lines[finding["range"]["start"]["line"] - 1].strip()[:160]
    except (OSError, IndexError):
        return "?"


def report(name: str, folder: Path, pack: str, sample: int) -> None:
    files, lines = count_lines(folder, SUFFIXES[pack])
    findings = scan(folder, pack)
    kloc = max(lines, 1) / 1000
    print(f"\n== {name}: {files} files, {lines} lines, {len(findings)} findings "
          f"({len(findings) / kloc:.3f} per kLOC) ==")
    by_conf = Counter(f["confidence"] for f in findings)
    print("   by confidence: " + ", ".join(f"{c} {by_conf.get(c, 0)} ({by_conf.get(c, 0) / kloc:.3f}/kLOC)"
                                          for c in ("high", "medium", "low")))
    for (rule, conf), n in sorted(Counter((f["rule_id"], f["confidence"]) for f in findings).items(),
                                  key=lambda kv: -kv[1]):
        print(f"   {n:5d}  {n / kloc:7.3f}/kLOC  {conf:6}  {rule}")
    high = [f for f in findings if f["confidence"] == "high"]
    chosen = random.Random(7).sample(high, min(sample, len(high)))
    if chosen:
        print(f"   sample of {len(chosen)} high-confidence findings (of {len(high)}):")
    for f in sorted(chosen, key=lambda f: (f["rule_id"], f["path"])):
        where = f"{f['path']}:{f['range']['start']['line']}"
        print(f"     {f['rule_id']:40} {where}\n         {source_line(folder, f)}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--go", type=Path)
    p.add_argument("--java", type=Path)
    p.add_argument("--js", type=Path)
    p.add_argument("--sample", type=int, default=30, help="high-confidence findings to print per corpus")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        corpora = [
            ("Go standard library", args.go or go_stdlib(), "go"),
            ("JDK sources", args.java or jdk_sources(Path(tmp)), "java"),
            ("JavaScript/TypeScript packages", args.js, "javascript"),
        ]
        for name, folder, pack in corpora:
            if folder is None or not Path(folder).is_dir():
                print(f"\n== {name}: not available, skipped ==")
                continue
            report(name, Path(folder), pack, args.sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
