"""A whole scan whose process pool breaks keeps what the cache gave and rescans the rest."""

from __future__ import annotations

import concurrent.futures
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from railguard.config import load_config
from railguard.engine import workspace
from railguard.engine.workspace import scan_files
from railguard.vcs import collect_files

VULNERABLE = "import pickle\n\n\ndef load(blob):\n    return pickle.loads(blob)  # file {n}\n"


class BreaksAfterOneBatch:
    """A pool that delivers its first batch, then dies the way a killed worker makes it die."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        workspace._init_worker(kwargs["initargs"][0])  # type: ignore[index]

    def __enter__(self) -> BreaksAfterOneBatch:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def map(self, fn, batches):  # noqa: ANN001, ANN201 - the executor's own signature
        batches = list(batches)
        yield fn(batches[0])
        raise BrokenProcessPool("a worker died")


def _project(tmp_path: Path, count: int) -> None:
    (tmp_path / ".railguard.toml").write_text('cache-dir = "cache"\n')
    for n in range(count):
        (tmp_path / f"m{n:03}.py").write_text(VULNERABLE.format(n=n))


def _keys(report) -> list[tuple[str, int, str]]:  # noqa: ANN001
    return sorted((f.path, f.line, f.rule_id) for f in report.findings)


def test_cached_findings_survive_a_broken_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path, 12)
    config = load_config(tmp_path)
    first = scan_files(collect_files([str(tmp_path)], config)[0], config, jobs=1)
    assert len(first.findings) == 12 and first.cached == 0
    # six files change: the other six come from the cache, the changed ones go to a pool that breaks
    for n in range(6):
        (tmp_path / f"m{n:03}.py").write_text("# changed\n" + VULNERABLE.format(n=n))
    monkeypatch.setattr(workspace, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", BreaksAfterOneBatch)
    files = collect_files([str(tmp_path)], config)[0]
    report = scan_files(files, config, jobs=2)
    assert report.cached == 7  # six unchanged modules and the config file
    assert any("parallel scan unavailable" in n.message for n in report.notices)
    expected = scan_files(files, config, jobs=1, use_cache=False)
    assert _keys(report) == _keys(expected)
    assert len(report.findings) == 12
    assert report.files == expected.files
