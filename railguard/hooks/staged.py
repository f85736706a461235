"""What the commit gate reads: the next commit as git's index holds it, never the work tree.

An untracked `.railguard.toml`, an unstaged baseline or an untracked `.secrets.baseline` is not
part of the commit, so it must not steer the verdict on it (docs/security.md). The gate reads
its config, baselines and the files it scans through an IndexView; each file whose work-tree
version differs from the index (untracked, or with unstaged changes) gets one notice saying
that the staged version was used.
"""

from __future__ import annotations

from pathlib import Path

from railguard.config import Config, load_config_data, load_config_file
from railguard.hooks import git
from railguard.model import DEFAULT_BASELINE, Notice, RailguardError


class IndexView:
    """Files of one repository as staged; reads are batched and remembered."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo.resolve()
        self._data: dict[str, bytes | None] = {}
        self.notices: list[Notice] = []
        self._noted: set[str] = set()

    def relative(self, path: Path) -> str | None:
        """path relative to the repository (POSIX), or None when it lies outside."""
        p = path if path.is_absolute() else Path.cwd() / path
        try:
            return Path(*_normal_parts(p)).relative_to(self.repo).as_posix()
        except ValueError:
            return None

    def preload(self, paths: list[Path]) -> None:
        rels = [r for r in (self.relative(p) for p in paths) if r is not None and r not in self._data]
        if not rels:
            return
        entries = git.index_entries(rels, self.repo)
        blobs = {b.path: b.data for b in git.read_blobs(list(entries.items()), self.repo)}
        for rel in rels:
            self._data[rel] = blobs.get(rel)

    def read(self, path: Path, *, note: bool = True) -> bytes | None:
        """The staged content of path, or None when the index does not hold it."""
        rel = self.relative(path)
        if rel is None:
            return None
        if rel not in self._data:
            self.preload([path])
        data = self._data.get(rel)
        if note:
            self._note(rel, data)
        return data

    def _note(self, rel: str, staged: bytes | None) -> None:
        if rel in self._noted:
            return
        self._noted.add(rel)
        disk = self.repo / rel
        if disk.is_symlink() or not disk.is_file():
            return
        try:
            on_disk = disk.read_bytes()
        except OSError:
            return
        if staged is None:
            self.notices.append(Notice(rel, "untracked: ignored by the commit gate (it reads what is staged; "
                                            "`git add` it to use it)", "info"))
        elif on_disk != staged:
            self.notices.append(Notice(rel, "has unstaged changes: the commit gate used the staged version",
                                       "info"))


def _normal_parts(p: Path) -> tuple[str, ...]:
    """Resolve `.` and `..` without following links (the index has no links to follow)."""
    parts: list[str] = []
    for part in p.parts:
        if part == "..":
            if len(parts) > 1:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return tuple(parts)


def staged_config(view: IndexView, cwd: Path, explicit: str | None = None) -> Config:
    """The config the next commit holds: the nearest `.railguard.toml`, or `pyproject.toml` with
    a `[tool.railguard]` table, from cwd up to the repository's top folder, as staged."""
    if explicit:
        path = Path(explicit)
        if view.relative(path) is None:  # a file of the user's, outside the repository
            return load_config_file(path)
        data = view.read(path)
        if data is None:
            raise RailguardError(f"{explicit}: config file is not staged (the commit gate reads what is staged; "
                                 "`git add` it)")
        return load_config_data(data, (cwd / path) if not path.is_absolute() else path)
    here = cwd.resolve()
    folders = [here, *[f for f in here.parents if view.repo in (f, *f.parents)]]
    folders = [f for f in folders if f == view.repo or view.repo in f.parents]
    candidates = [f / name for f in folders for name in (".railguard.toml", "pyproject.toml", DEFAULT_BASELINE)]
    # the default detect-secrets baseline and railguard's own baseline at the default path (next to
    # the config that names no other) ride along: one git call for what the gate reads first
    view.preload([*candidates, view.repo / ".secrets.baseline"])
    for folder in folders:
        own = folder / ".railguard.toml"
        data = view.read(own)
        if data is not None:
            return load_config_data(data, own)
        pyproject = folder / "pyproject.toml"
        data = view.read(pyproject, note=False)
        if data is not None and b"[tool.railguard" in data:
            view.read(pyproject)  # a notice when the work tree's version differs
            return load_config_data(data, pyproject)
        if _has_section_on_disk(pyproject):
            view.read(pyproject)  # untracked, or the table is only in unstaged changes: ignored
    return Config(root=view.repo)


def _has_section_on_disk(path: Path) -> bool:
    try:
        return path.is_file() and b"[tool.railguard" in path.read_bytes()
    except OSError:
        return False
