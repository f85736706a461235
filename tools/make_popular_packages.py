"""Regenerate railguard/rules/ai/data/popular-*.txt from registry package lists.

    python tools/make_popular_packages.py PYPI_TSV NPM_TSV
    python tools/make_popular_packages.py --established NPM_TSV

The second form writes established-npm.txt: names outside the popular list, still downloaded
ESTABLISHED times a month or more, that are one edit from a typosquat target (`string`, one
letter from `astring`): long-used packages in their own right, never reported as look-alikes.

PYPI_TSV has the columns name, version, month, rank_among_15000_most_downloaded, summary;
NPM_TSV has name, version, downloads_a_month, summary. Both lists are read as data; nothing
is fetched. The output names the lists' origin and date in its header.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "railguard" / "rules" / "ai" / "data"
TOP = 15000
ESTABLISHED = 250_000  # monthly downloads
DATE = "2026-12"  # of the npm list the established names were read from


def _rows(path: Path):
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        for row in reader:
            if len(row) >= len(header) - 1:
                yield dict(zip(header, row, strict=False))


def established(npm_tsv: Path) -> int:
    from railguard.engine.ai.deps import popular
    from railguard.engine.ai.lookalike import TYPOSQUAT_TARGETS, _squash, within_one_edit

    names = popular("npm")
    known, targets = set(names), names[:TYPOSQUAT_TARGETS]
    squashed = {_squash(t) for t in targets}
    by_len: dict[int, list[str]] = {}
    for t in targets:
        by_len.setdefault(len(t), []).append(t)
    found = []
    for row in _rows(npm_tsv):
        downloads, name = row.get("downloads_a_month", ""), row.get("name", "").lower()
        if not downloads.isdigit() or int(downloads) < ESTABLISHED or name in known:
            continue
        if _squash(name) in squashed or any(within_one_edit(name, t) for n in (-1, 0, 1)
                                            for t in by_len.get(len(name) + n, ())):
            found.append((-int(downloads), name))
    found.sort()
    header = (f"# npm packages downloaded {ESTABLISHED} times a month or more, outside popular-npm.txt, one edit\n"
              "# from a typosquat target: established names of their own, not look-alikes.\n"
              f"# Origin: the npm registry package list with downloads_a_month, taken {DATE}.\n"
              "# Regenerate with tools/make_popular_packages.py --established NPM_TSV.\n")
    (OUT / "established-npm.txt").write_text(header + "\n".join(n for _, n in found) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--established":
        return established(Path(argv[1]))
    pypi_tsv, npm_tsv = Path(argv[0]), Path(argv[1])
    ranked = []
    newest = ""
    for row in _rows(pypi_tsv):
        newest = max(newest, row.get("month", ""))
        rank = row.get("rank_among_15000_most_downloaded", "")
        if rank.isdigit():
            ranked.append((int(rank), row["name"]))
    ranked.sort()
    header = (f"# The {len(ranked[:TOP])} most downloaded PyPI projects, most downloaded first.\n"
              f"# Origin: the PyPI package list's download rank (rank_among_15000_most_downloaded), list of {newest}.\n"
              "# Regenerate with tools/make_popular_packages.py. Used offline by ai.possible-typosquat.\n")
    (OUT / "popular-pypi.txt").write_text(header + "\n".join(n for _, n in ranked[:TOP]) + "\n", encoding="utf-8")

    npm = []
    for row in _rows(npm_tsv):
        downloads = row.get("downloads_a_month", "")
        if downloads.isdigit():
            npm.append((-int(downloads), row["name"]))
    npm.sort()
    header = (f"# The {TOP} most downloaded npm packages (monthly downloads), most downloaded first.\n"
              f"# Origin: the npm registry package list with downloads_a_month, taken {newest}.\n"
              "# Regenerate with tools/make_popular_packages.py. Used offline by ai.possible-typosquat.\n")
    (OUT / "popular-npm.txt").write_text(header + "\n".join(n for _, n in npm[:TOP]) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
