"""Scanning many files, behind `Engine.scan`: the policy's excludes, size and binary checks,
a process pool for large scans, and a content-hash cache so that a second scan of an
unchanged tree costs almost nothing. Sources come from disk, the index or buffers alike;
finding them (git's file list, a walk) is the front ends' job (railguard/vcs.py).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from railguard import __version__
from railguard.config import Config
from railguard.engine.cache import ScanCache
from railguard.engine.document import Document
from railguard.engine.engine import (
    SMALL_SCAN_FILES,
    Engine,
    ScanResult,
    gate_checks_secrets,
    is_binary,
)
from railguard.engine.policy import collapse_project_facts
from railguard.model import Finding, Notice, ScanReport, SourceFile

PARALLEL_MIN_FILES = 64


def display_path(path: Path, root: Path) -> str:
    """A file's path as reports show it: relative to the project root, POSIX separators."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# ---------------------------------------------------------------- scanning


_WORKER_ENGINE: Engine | None = None


def _init_worker(config: Config) -> None:
    global _WORKER_ENGINE
    _WORKER_ENGINE = Engine(config)


def _scan_one(engine: Engine, sf: SourceFile, surface: str, project: dict,
              small_scan: bool = False) -> tuple[ScanResult, int, str]:
    """Scan one file; returns (result, lines, content hash)."""
    try:
        size = sf.size()
    except OSError as exc:
        return ScanResult(notices=[Notice(sf.path, f"cannot read: {exc.strerror}", "error")], skipped=True), 0, ""
    if size > engine.config.max_file_size and not gate_checks_secrets(surface, size):
        return ScanResult(
            notices=[Notice(sf.path, f"skipped: {size:,} bytes is over the max-file-size of "
                            f"{engine.config.max_file_size:,} bytes")],
            skipped=True,
        ), 0, ""
    try:
        data = sf.read()
    except OSError as exc:
        return ScanResult(notices=[Notice(sf.path, f"cannot read: {exc.strerror}", "error")], skipped=True), 0, ""
    digest = hashlib.sha256(data).hexdigest()
    if is_binary(data) and not gate_checks_secrets(surface, len(data)):
        return ScanResult(notices=[Notice(sf.path, "skipped: binary file")], skipped=True), 0, digest
    doc = Document(sf.path, data)
    result = engine.scan_document(doc, surface, project, small_scan=small_scan)
    if not doc.is_valid_utf8:
        result.notices.append(Notice(sf.path, "not valid UTF-8: scanned with the invalid bytes kept as they are",
                                     "warning"))
    return result, line_count(data), digest


def line_count(data: bytes) -> int:
    """Lines as reports count them: a last line without a newline counts too."""
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def _scan_chunk(args: tuple[list[SourceFile], str, dict]) -> list[tuple[str, ScanResult, int, str]]:
    files, surface, project = args
    assert _WORKER_ENGINE is not None
    return [(sf.path, *_scan_one(_WORKER_ENGINE, sf, surface, project)) for sf in files]


def engine_key(engine: Engine, surface: str, project: dict) -> str:
    h = hashlib.sha256(__version__.encode())
    h.update(surface.encode())
    h.update(json.dumps(engine.config.values, sort_keys=True, default=str).encode())
    for rule in sorted(engine.ruleset.rules, key=lambda r: r.id):
        h.update(repr((rule.id, rule.severity, rule.confidence, rule.message, sorted(rule.matcher.items(),
                       key=lambda kv: kv[0]), rule.fix, rule.paths)).encode())
    h.update(json.dumps(project, sort_keys=True, default=str).encode())
    return h.hexdigest()[:16]


def scan_sources(
    engine: Engine,
    sources: list[SourceFile],
    surface: str = "ci",
    *,
    jobs: int = 0,
    use_cache: bool | None = None,
    progress: Callable[[int], None] | None = None,
    read: Callable[[Path, str], bytes | None] | None = None,
) -> ScanReport:
    """The loop behind `Engine.scan`: one for disk files, staged blobs and buffers. `read` gives
    the project index other files' contents (the commit gate: from the index)."""
    config = engine.config
    files: list[SourceFile] = []
    excluded = 0
    for sf in sources:
        if engine.policy.exclude_reason(sf.path, sf.location if sf.data is None else None) is not None:
            excluded += 1
        else:
            files.append(sf)
    small = len(files) <= SMALL_SCAN_FILES
    if small:  # the analyzers see the files first: the query analyzer compiles one query for them all
        expected = [(sf.path, sf.data) for sf in files if sf.data is not None]
        for name in engine.analyzer_names:
            if expected and name in engine._analyzers:
                try:
                    engine._analyzers[name].expect(expected)
                except Exception:  # noqa: BLE001, S110 - work ahead only: the scan does the same and reports
                    pass
    use_cache = config.get("cache") if use_cache is None else use_cache
    project = engine_project_facts(engine, files, surface, use_cache=bool(use_cache), read=read, jobs=jobs)
    report = ScanReport(notices=list(engine.load_notices), excluded=excluded)
    cache = ScanCache(config, engine_key(engine, surface, project)) if use_cache else None
    if cache is not None and cache.notice is not None:
        report.notices.append(cache.notice)

    todo: list[SourceFile] = []
    if cache is not None:
        for sf in files:
            if cache.store.has(sf.path):
                try:
                    data = sf.read()
                except OSError:
                    todo.append(sf)
                    continue
                digest = hashlib.sha256(data).hexdigest()
                cached = cache.get(sf.path, digest)
                if cached is not None:
                    report.findings += cached
                    report.files += 1
                    report.lines += line_count(data)
                    report.cached += 1
                    if progress:
                        progress(1)
                    continue
            todo.append(sf)
    else:
        todo = list(files)

    def absorb(display: str, result: ScanResult, lines: int, digest: str) -> None:
        report.findings += result.findings
        report.suppressed += result.suppressed
        report.notices += result.notices
        if not result.skipped:
            report.files += 1
            report.lines += lines
            if cache is not None and digest and not any(n.kind == "error" for n in result.notices):
                cache.put(display, digest, result.findings)
        if progress:
            progress(1)

    workers = jobs or os.cpu_count() or 1
    if len(todo) >= PARALLEL_MIN_FILES and workers > 1:
        chunk = max(8, len(todo) // (workers * 8))
        batches = [(todo[i : i + chunk], surface, project) for i in range(0, len(todo), chunk)]
        from concurrent.futures import ProcessPoolExecutor  # not imported by small scans (hooks)

        # what the cache gave stays when the pool fails: only the pool's partial results are redone
        before_pool = (list(report.findings), list(report.suppressed), report.files, report.lines)
        try:
            with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(config,)) as pool:
                for batch in pool.map(_scan_chunk, batches):
                    for item in batch:
                        absorb(*item)
        except (OSError, RuntimeError) as exc:  # no processes here: scan in this one
            report.notices.append(Notice("<scan>", f"parallel scan unavailable ({exc}); scanning serially",
                                         "warning"))
            findings, suppressed, report.files, report.lines = before_pool
            report.findings, report.suppressed = list(findings), list(suppressed)
            for sf in todo:
                absorb(sf.path, *_scan_one(engine, sf, surface, project))
    else:
        for sf in todo:
            absorb(sf.path, *_scan_one(engine, sf, surface, project, small))

    if cache is not None:
        cache.save()
    report.findings.sort(key=Finding.sort_key)
    report.findings = collapse_project_facts(report.findings)
    report.notices = list(dict.fromkeys(report.notices))  # workers may report one rule error each
    return report


def scan_files(files: list[SourceFile], config: Config, *, surface: str = "ci", jobs: int = 0,
               use_cache: bool | None = None, engine: Engine | None = None,
               progress: Callable[[int], None] | None = None) -> ScanReport:
    """`Engine(config).scan(files)`, for callers that hold a config rather than an engine."""
    return (engine or Engine(config)).scan(files, surface, jobs=jobs, use_cache=use_cache, progress=progress)


def _prepare_in_worker(args: tuple[str, list[tuple[Path, str]], str, bool]) -> tuple[str, dict | None, str]:
    name, listed, surface, use_cache = args
    assert _WORKER_ENGINE is not None
    try:
        return name, _WORKER_ENGINE.analyzer(name).prepare(listed, _WORKER_ENGINE.config, surface=surface,
                                                            use_cache=use_cache, read=None), ""
    except Exception as exc:  # noqa: BLE001 - reported by the caller like a failure in this process
        return name, None, type(exc).__name__


def _indexing(engine: Engine) -> list[str]:
    """Analyzers that build a project index of their own (their class defines `prepare`)."""
    from railguard.engine.analyzers.base import Analyzer

    return [n for n in engine.analyzer_names
            if n in engine._analyzers and type(engine._analyzers[n]).prepare is not Analyzer.prepare]


def engine_project_facts(engine: Engine, files: list[SourceFile], surface: str = "ci", *,
                         use_cache: bool = False, read: Callable[[Path, str], bytes | None] | None = None,
                         jobs: int = 1) -> dict:
    """Project-wide facts from analyzers that define `prepare(files, config) -> dict` (JSON-able).

    An analyzer whose `prepare` takes a `surface` keyword (a batch backend that runs only on
    some surfaces) gets it. A "notices" list in the returned dict becomes warnings of the scan
    (reported once, not once per worker). A large scan from disk builds the indexes side by side,
    one process each (`jobs`: 0 for every core)."""
    facts: dict = {}
    results: dict[str, tuple[dict | None, str]] = {}
    workers = min(jobs or os.cpu_count() or 1, len(_indexing(engine)))
    if read is None and workers > 1 and len(files) >= PARALLEL_MIN_FILES \
            and not any(sf.data is not None for sf in files):
        listed = [(sf.location or engine.config.root / sf.path, sf.path) for sf in files]
        from concurrent.futures import ProcessPoolExecutor

        try:
            with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                     initargs=(engine.config,)) as pool:
                for name, found, error in pool.map(_prepare_in_worker, [
                        (n, listed, surface, use_cache) for n in _indexing(engine)]):
                    results[name] = (found, error)
        except (OSError, RuntimeError):  # no processes here: the indexes are built in this one
            results = {}
    if read is None and any(sf.data is not None for sf in files):
        given = {sf.path: sf.data for sf in files if sf.data is not None}

        def read(path: Path, display: str) -> bytes | None:  # buffers and blobs as given, the rest from disk
            if display in given:
                return given[display]
            try:
                return path.read_bytes()
            except OSError:
                return None
    listed = [(sf.location or engine.config.root / sf.path, sf.path) for sf in files]
    for name in engine.analyzer_names:
        if name in results:
            found, error = results[name]
        else:
            try:
                found, error = engine.analyzer(name).prepare(listed, engine.config, surface=surface,
                                                             use_cache=use_cache, read=read), ""
            except Exception as exc:  # noqa: BLE001 - a project index that fails degrades to per-file knowledge
                found, error = None, type(exc).__name__
        if error:
            engine.load_notices.append(Notice("<project>", f"{name}: project index failed: {error}", "warning"))
            continue
        if found is None:
            continue
        facts[name] = found
        for message in found.pop("notices", []):
            path, _, text = str(message).partition(": ")
            engine.load_notices.append(Notice(path, text or path, "warning"))
    return facts
