"""Scanning many files: discovery (git's file list or a walk honouring .gitignore),
excludes, size and binary checks, a process pool for large scans, and a
content-hash cache so that a second scan of an unchanged tree costs almost nothing.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from railguard import __version__
from railguard.config import Config
from railguard.engine.cache import ScanCache
from railguard.engine.document import Document
from railguard.engine.engine import Engine, ScanResult, is_binary
from railguard.engine.paths import PathFilter
from railguard.model import Finding, Notice

SKIP_DIRS = {
    ".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".nox",
    ".mypy_cache", ".ruff_cache", ".pytest_cache", ".railguard_cache", ".eggs",
}
PARALLEL_MIN_FILES = 64


@dataclass(frozen=True)
class SourceFile:
    path: Path  # on disk
    display: str  # as reported: relative to the project root, POSIX separators


@dataclass
class ScanReport:
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    files: int = 0
    lines: int = 0
    cached: int = 0

    @property
    def errors(self) -> list[Notice]:
        return [n for n in self.notices if n.kind == "error"]


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _git_files(folder: Path) -> list[Path] | None:
    """Tracked and untracked-but-not-ignored files under folder, or None outside a git work tree."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            cwd=folder, capture_output=True, timeout=60, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    names = [n for n in out.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    return [folder / n for n in names]


def _walk(folder: Path) -> tuple[list[Path], list[Notice]]:
    """A walk that honours .gitignore files, never follows directory symlinks (no loops)."""
    files: list[Path] = []
    notices: list[Notice] = []
    ignores: list[tuple[Path, PathFilter]] = []

    def ignored(p: Path) -> bool:
        for base, spec in ignores:
            try:
                rel = p.relative_to(base).as_posix()
            except ValueError:
                continue
            if spec.matches(rel) or (p.is_dir() and spec.matches(rel + "/")):
                return True
        return False

    def onerror(err: OSError) -> None:
        notices.append(Notice(str(err.filename), f"cannot read folder: {err.strerror}", "error"))

    for root, dirs, names in os.walk(folder, onerror=onerror, followlinks=False):
        here = Path(root)
        gi = here / ".gitignore"
        if gi.is_file():
            try:
                patterns = gi.read_text("utf-8", "replace").splitlines()
                ignores.append((here, PathFilter.from_patterns(patterns)))
            except OSError:
                pass
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not ignored(here / d))
        for name in sorted(names):
            p = here / name
            if not ignored(p):
                files.append(p)
    return files, notices


def collect_files(paths: Iterable[str], config: Config) -> tuple[list[SourceFile], list[Notice]]:
    root = config.root
    excludes = PathFilter.from_patterns(config.excludes)
    files: list[SourceFile] = []
    notices: list[Notice] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        disp = display_path(p, root)
        if disp in seen:
            return
        seen.add(disp)
        if excludes and (excludes.matches(disp) or excludes.matches(p.as_posix())):
            return
        files.append(SourceFile(p, disp))

    from railguard.userdirs import is_inside

    escaped: list[str] = []

    def leaves_root(p: Path) -> bool:
        """A symbolic link (or a path through one) that leads out of the project is not followed:
        a committed `leak.py -> ../../elsewhere` must not be read, nor its text reported."""
        if is_inside(p, (root,)):
            return False
        escaped.append(display_path(p, root) if not p.is_absolute() else p.as_posix())
        return True

    for raw in paths:
        p = Path(raw)
        if p.is_symlink() and not p.exists():
            notices.append(Notice(raw, "skipped: broken symbolic link", "error"))
            continue
        if p.is_symlink() and p.exists() and leaves_root(p):
            continue
        if not p.exists():
            notices.append(Notice(raw, "does not exist", "error"))
            continue
        if p.is_file():
            add(p)
            continue
        if not p.is_dir():
            notices.append(Notice(raw, "skipped: not a regular file or folder"))
            continue
        listed = _git_files(p)
        walked = listed is None
        if listed is None:
            listed, walk_notices = _walk(p)
            notices += walk_notices
        tracked = not walked
        for f in listed:
            # git lists what the project tracks: a tracked `venv/` or `node_modules/` is its code
            if not tracked and any(part in SKIP_DIRS for part in f.relative_to(p).parts[:-1]):
                continue
            if f.is_symlink() and not f.exists():
                continue  # broken links inside a tree are common; not a problem of the scan
            if f.is_symlink() and leaves_root(f):
                continue
            if f.is_file():
                add(f)
    if escaped:
        notices.append(Notice(escaped[0], f"skipped: {len(escaped)} symbolic link(s) leading out of the project "
                              "(not followed)", "warning"))
    return files, notices


# ---------------------------------------------------------------- scanning


_WORKER_ENGINE: Engine | None = None


def _init_worker(config: Config) -> None:
    global _WORKER_ENGINE
    _WORKER_ENGINE = Engine(config)


def _scan_one(engine: Engine, sf: SourceFile, surface: str, project: dict) -> tuple[ScanResult, int, str]:
    """Scan one file; returns (result, lines, content hash)."""
    try:
        size = sf.path.stat().st_size
    except OSError as exc:
        return ScanResult(notices=[Notice(sf.display, f"cannot read: {exc.strerror}", "error")], skipped=True), 0, ""
    if size > engine.config.max_file_size:
        return ScanResult(
            notices=[Notice(sf.display, f"skipped: {size:,} bytes is over the max-file-size of "
                            f"{engine.config.max_file_size:,} bytes")],
            skipped=True,
        ), 0, ""
    try:
        data = sf.path.read_bytes()
    except OSError as exc:
        return ScanResult(notices=[Notice(sf.display, f"cannot read: {exc.strerror}", "error")], skipped=True), 0, ""
    digest = hashlib.sha256(data).hexdigest()
    if is_binary(data):
        return ScanResult(notices=[Notice(sf.display, "skipped: binary file")], skipped=True), 0, digest
    doc = Document(sf.display, data)
    result = engine.scan(doc, surface, project)
    if not doc.is_valid_utf8:
        result.notices.append(Notice(sf.display, "not valid UTF-8: scanned with the invalid bytes kept as they are",
                                     "warning"))
    return result, data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0), digest


def _scan_chunk(args: tuple[list[SourceFile], str, dict]) -> list[tuple[str, ScanResult, int, str]]:
    files, surface, project = args
    assert _WORKER_ENGINE is not None
    return [(sf.display, *_scan_one(_WORKER_ENGINE, sf, surface, project)) for sf in files]


def engine_key(engine: Engine, surface: str, project: dict) -> str:
    h = hashlib.sha256(__version__.encode())
    h.update(surface.encode())
    h.update(json.dumps(engine.config.values, sort_keys=True, default=str).encode())
    for rule in sorted(engine.ruleset.rules, key=lambda r: r.id):
        h.update(repr((rule.id, rule.severity, rule.confidence, rule.message, sorted(rule.matcher.items(),
                       key=lambda kv: kv[0]), rule.fix, rule.paths)).encode())
    h.update(json.dumps(project, sort_keys=True, default=str).encode())
    return h.hexdigest()[:16]


def scan_files(
    files: list[SourceFile],
    config: Config,
    *,
    surface: str = "ci",
    jobs: int = 0,
    use_cache: bool | None = None,
    engine: Engine | None = None,
    progress: Callable[[int], None] | None = None,
) -> ScanReport:
    engine = engine or Engine(config)
    engine.expect_files(len(files))
    use_cache = config.get("cache") if use_cache is None else use_cache
    project = engine_project_facts(engine, files, surface, use_cache=bool(use_cache))
    report = ScanReport(notices=list(engine.load_notices))
    cache = ScanCache(config, engine_key(engine, surface, project)) if use_cache else None
    if cache is not None and cache.notice is not None:
        report.notices.append(cache.notice)

    todo: list[SourceFile] = []
    if cache is not None:
        for sf in files:
            if cache.store.has(sf.display):
                try:
                    data = sf.path.read_bytes()
                except OSError:
                    todo.append(sf)
                    continue
                digest = hashlib.sha256(data).hexdigest()
                cached = cache.get(sf.display, digest)
                if cached is not None:
                    report.findings += cached
                    report.files += 1
                    report.lines += data.count(b"\n")
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
                absorb(sf.display, *_scan_one(engine, sf, surface, project))
    else:
        for sf in todo:
            absorb(sf.display, *_scan_one(engine, sf, surface, project))

    if cache is not None:
        cache.save()
    report.findings.sort(key=Finding.sort_key)
    report.notices = list(dict.fromkeys(report.notices))  # workers may report one rule error each
    return report


def engine_project_facts(engine: Engine, files: list[SourceFile], surface: str = "ci", *,
                         use_cache: bool = False, read: Callable[[Path, str], bytes | None] | None = None) -> dict:
    """Project-wide facts from analyzers that define `prepare(files, config) -> dict` (JSON-able).

    An analyzer whose `prepare` takes a `surface` keyword (a batch backend that runs only on
    some surfaces) gets it. A "notices" list in the returned dict becomes warnings of the scan
    (reported once, not once per worker)."""
    facts: dict = {}
    for name in engine.analyzer_names:
        analyzer = engine.analyzer(name)
        prepare = getattr(analyzer, "prepare", None)
        if prepare is not None:
            params = inspect.signature(prepare).parameters
            kwargs: dict = {"surface": surface} if "surface" in params else {}
            if "use_cache" in params:  # a project index with its own (signed) cache; off for the hook
                kwargs["use_cache"] = use_cache
            if read is not None and "read" in params:  # the commit gate: contents from the index
                kwargs["read"] = read
            try:
                facts[name] = prepare([(sf.path, sf.display) for sf in files], engine.config, **kwargs)
                for message in facts[name].pop("notices", []):
                    path, _, text = str(message).partition(": ")
                    engine.load_notices.append(Notice(path, text or path, "warning"))
            except Exception as exc:  # a project index that fails degrades to per-file knowledge
                engine.load_notices.append(Notice("<project>", f"{name}: project index failed: "
                                                  f"{type(exc).__name__}", "warning"))
    return facts


def scan_paths(paths: Iterable[str], config: Config, **kwargs) -> ScanReport:
    files, notices = collect_files(paths, config)
    report = scan_files(files, config, **kwargs)
    report.notices = notices + report.notices
    return report
