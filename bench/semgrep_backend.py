"""The semgrep backend on one real code base, in one run: railguard native only, railguard with
the semgrep backend (bundled taint rules), and semgrep alone with the same rules.

    python bench/semgrep_backend.py [--package flask==3.0.3]

Prints wall seconds, peak RSS and findings for each. Needs `pip install -e '.[semgrep]'`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, fetch_sdist, measure, railguard_cmd  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--package", default="flask==3.0.3")
    args = ap.parse_args()
    if shutil.which("semgrep") is None:
        sys.exit("semgrep is not installed: pip install -e '.[semgrep]'")
    name, version = args.package.split("==")
    tree = fetch_sdist(name, version)
    rules = ROOT / "railguard" / "rules" / "semgrep"
    cache = tempfile.mkdtemp(prefix="railguard-bench-")
    conf = tree / ".railguard.toml"
    rows = []
    try:
        os.environ["RAILGUARD_CACHE_DIR"] = cache  # the user's cache dir (a repository may not point outside)
        conf.write_text("")
        native = measure(railguard_cmd("scan", ".", "--no-cache", "-f", "json", "--exit-zero"), cwd=tree)
        rows.append(("railguard, native only", native, len(json.loads(native.stdout)["findings"])))
        conf.write_text("[semgrep]\nenabled = true\n")
        both = measure(railguard_cmd("scan", ".", "--no-cache", "-f", "json", "--exit-zero"), cwd=tree)
        rows.append(("railguard + semgrep backend", both, len(json.loads(both.stdout)["findings"])))
    finally:
        conf.unlink(missing_ok=True)
        shutil.rmtree(cache, ignore_errors=True)
    alone = measure(["semgrep", "scan", "--json", "--metrics=off", "--disable-version-check", "--quiet",
                     "--config", str(rules), "."], cwd=tree)
    rows.append(("semgrep alone, same rules", alone, len(json.loads(alone.stdout)["results"])))
    print(f"corpus: {name} {version}")
    print(f"{'run':30} {'wall s':>8} {'peak RSS MB':>12} {'findings':>9}")
    for label, run, n in rows:
        print(f"{label:30} {run.wall:>8.2f} {run.peak_rss_mb:>12.0f} {n:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
