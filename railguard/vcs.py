"""Everything railguard asks git, in one place (the engine never runs git): which files a
folder holds (git's list, or a walk honouring .gitignore), staged paths and blobs from the
index, a file as staged, the identity, branch and tree of the commit being made, and the
lines changed since a base. Used by the CLI, the hooks and the servers.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from railguard.engine.paths import PathFilter
from railguard.engine.policy import PolicyStage
from railguard.model import Notice, RailguardError, SourceFile

if TYPE_CHECKING:
    from railguard.config import Config
    from railguard.engine.engine import Engine
    from railguard.model import ScanReport

GIT_TIMEOUT = 60


@dataclass(frozen=True)
class StagedBlob:
    path: str  # relative to the repository root, POSIX separators
    data: bytes


def git(args: Sequence[str], cwd: str | os.PathLike[str] | None = None, *, input: bytes | None = None,
        check: bool = True) -> bytes:
    """Run git and return stdout. Raises RailguardError with git's own message on failure."""
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, input=input, capture_output=True, timeout=GIT_TIMEOUT,
                              check=False)
    except FileNotFoundError:
        raise RailguardError("git is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise RailguardError(f"`git {' '.join(args)}` did not finish in {GIT_TIMEOUT} s") from None
    if check and proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RailguardError(f"`git {' '.join(args)}` failed: {message[-1] if message else proc.returncode}")
    return proc.stdout


def repo_root(cwd: str | os.PathLike[str] | None = None) -> Path:
    out = git(["rev-parse", "--show-toplevel"], cwd)
    return Path(out.decode("utf-8", "surrogateescape").strip())


def git_common_dir(cwd: str | os.PathLike[str] | None = None) -> Path:
    """The .git folder shared by all worktrees of the repository (absolute)."""
    out = git(["rev-parse", "--git-common-dir"], cwd).decode("utf-8", "surrogateescape").strip()
    path = Path(out)
    return path if path.is_absolute() else (Path(cwd or ".") / path).resolve()


def hooks_dir(cwd: str | os.PathLike[str] | None = None) -> Path:
    """Where git looks for hooks (honours core.hooksPath)."""
    out = git(["rev-parse", "--git-path", "hooks"], cwd).decode("utf-8", "surrogateescape").strip()
    path = Path(out)
    return path if path.is_absolute() else (Path(cwd or ".") / path).resolve()


EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


def head_or_empty_tree(cwd: str | os.PathLike[str] | None = None) -> str:
    out = git(["rev-parse", "--verify", "-q", "HEAD"], cwd, check=False).decode().strip()
    return out or EMPTY_TREE


def staged_entries(cwd: str | os.PathLike[str] | None = None, base: str | None = None) -> list[tuple[str, str]]:
    """(path, blob id) of every file added, copied, modified or renamed in the index.

    One `git diff-index --cached` call gives both the paths and the staged blob ids.
    Submodules and symbolic links are left out (they have no content to scan).
    """
    base = base or head_or_empty_tree(cwd)
    out = git(["diff-index", "--cached", "-z", "--no-renames", "--diff-filter=ACMR", base, "--"], cwd)
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    entries: list[tuple[str, str]] = []
    for meta, path in zip(fields[0::2], fields[1::2], strict=False):
        parts = meta.split()
        if len(parts) < 5:
            continue
        new_mode, new_oid = parts[1], parts[3]
        if new_mode in ("160000", "120000"):
            continue
        entries.append((path, new_oid))
    return entries


def read_blobs(entries: Sequence[tuple[str, str]], cwd: str | os.PathLike[str] | None = None) -> list[StagedBlob]:
    """The content of each (path, blob id), read in one `git cat-file --batch` call.

    Reading the index, not the work tree, means an unstaged edit can neither hide a
    finding from the commit nor add one to it.
    """
    if not entries:
        return []
    out = git(["cat-file", "--batch"], cwd, input="".join(f"{oid}\n" for _, oid in entries).encode())
    blobs: list[StagedBlob] = []
    pos = 0
    for path, _oid in entries:
        header_end = out.index(b"\n", pos)
        header = out[pos:header_end].split()
        if len(header) < 3 or header[1] == b"missing":
            raise RailguardError(f"{path}: the index names a blob that git cannot read")
        size = int(header[2])
        start = header_end + 1
        blobs.append(StagedBlob(path, out[start : start + size]))
        pos = start + size + 1  # content is followed by a newline
    return blobs


def index_entries(paths: Sequence[str], cwd: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """{path: blob id} of the given repository-relative paths that are in the index (one
    `git ls-files --stage` call; paths are literal, never patterns). Links and submodules
    are left out: they have no content of their own to read."""
    if not paths:
        return {}
    out = git(["--literal-pathspecs", "ls-files", "--stage", "-z", "--", *paths], cwd)
    found: dict[str, str] = {}
    for record in out.decode("utf-8", "surrogateescape").split("\0"):
        meta, _, path = record.partition("\t")
        parts = meta.split()
        if len(parts) >= 3 and parts[0] not in ("160000", "120000") and parts[2] == "0":
            found[path] = parts[1]
    return found


def index_blob(path: str, cwd: str | os.PathLike[str] | None = None) -> bytes | None:
    """The content of path in the index, or None when it is not tracked."""
    try:
        return git(["cat-file", "blob", f":{path}"], cwd)
    except RailguardError:
        return None


def current_identity(cwd: str | os.PathLike[str] | None = None) -> str:
    """`Name <email>` of the author of the commit being made (env and config, as git resolves it)."""
    out = git(["var", "GIT_AUTHOR_IDENT"], cwd, check=False).decode("utf-8", "replace").strip()
    m = re.match(r"^(.*?>)\s+\d+\s+[+-]\d{4}$", out)
    return m.group(1) if m else out or "unknown"


def current_branch(cwd: str | os.PathLike[str] | None = None) -> str:
    out = git(["symbolic-ref", "--short", "-q", "HEAD"], cwd, check=False).decode("utf-8", "replace").strip()
    return out or "(detached HEAD)"


def index_tree(cwd: str | os.PathLike[str] | None = None) -> str:
    """The tree id the next commit will have (the index written as a tree), or "" mid-merge."""
    return git(["write-tree"], cwd, check=False).decode().strip()


# ------------------------------------------------------------------ changed lines

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def changed_lines(base: str, cwd: str | os.PathLike[str] | None = None) -> dict[str, set[int]]:
    """{path relative to the repository root: 1-based lines added or changed since base}.

    Compares base with the work tree (`git diff --unified=0 base`); files that git does not
    track yet are new as a whole (mapped to ALL_LINES).
    """
    git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], cwd)
    out = git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", "--src-prefix=a/",
               "--dst-prefix=b/", base, "--"], cwd)
    result = _hunk_lines(out)
    untracked = git(["ls-files", "-z", "--others", "--exclude-standard"], cwd)
    for p in untracked.decode("utf-8", "surrogateescape").split("\0"):
        if p:
            result[p] = ALL_LINES
    return result


def staged_lines(cwd: str | os.PathLike[str] | None = None) -> dict[str, set[int]]:
    """{path relative to the repository root: 1-based lines the index adds or changes against HEAD}."""
    out = git(["diff", "--cached", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", "--src-prefix=a/",
               "--dst-prefix=b/", head_or_empty_tree(cwd), "--"], cwd)
    return _hunk_lines(out)


def _hunk_lines(out: bytes) -> dict[str, set[int]]:
    """The new side's lines of each file of a `git diff --unified=0`."""
    result: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in out.split(b"\n"):
        if line.startswith(b"+++ "):
            target = line[4:]
            if target == b"/dev/null":
                current = None
                continue
            path = target[2:] if target.startswith(b"b/") else target
            current = result.setdefault(_unquote(path), set())
        elif line.startswith(b"@@") and current is not None:
            m = _HUNK.match(line)
            if m:
                start = int(m.group(1))
                count = int(m.group(2)) if m.group(2) is not None else 1
                current.update(range(start, start + count))
    return result


def changed_lines_under(base: str, root: Path) -> dict[str, set[int]]:
    """{path relative to root: lines added or changed since base} (`git diff --unified=0 base`)."""
    repo = repo_root(root)
    changed = changed_lines(base, repo)
    if root.resolve() == repo.resolve():
        return changed
    offset = root.resolve().relative_to(repo.resolve()).as_posix() + "/"
    return {p[len(offset):]: lines for p, lines in changed.items() if p.startswith(offset)}


class _AllLines(frozenset):
    """Marker set for a file that is new as a whole: every line counts as changed."""

    def __contains__(self, item: object) -> bool:
        return True

    def __bool__(self) -> bool:
        return True


ALL_LINES: set[int] = _AllLines()  # type: ignore[assignment]


def _unquote(raw: bytes) -> str:
    """git quotes unusual paths C-style ("a\\tb"); undo that."""
    text = raw.decode("utf-8", "surrogateescape")
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        body = text[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
        return body.encode("latin-1", "surrogateescape").decode("utf-8", "surrogateescape")
    return text


# ------------------------------------------------------------------ files of a folder

# never scanned, never listed: version control and tool caches (environments and vendored trees
# are the policy's default excludes, which `include` can undo)
SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", ".tox", ".nox", ".mypy_cache", ".ruff_cache", ".pytest_cache",
             ".railguard_cache", ".eggs"}


def display_path(path: Path, root: Path) -> str:
    """A file's path as reports show it: relative to the project root, POSIX separators."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def git_files(folder: Path) -> list[Path] | None:
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


def walk(folder: Path, skip_dir: Callable[[Path], bool] | None = None) -> tuple[list[Path], list[Notice]]:
    """A walk that honours .gitignore files, never follows directory symlinks (no loops), and
    does not enter folders that `skip_dir` rejects."""
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
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not ignored(here / d)
                         and not (skip_dir is not None and skip_dir(here / d)))
        for name in sorted(names):
            p = here / name
            if not ignored(p):
                files.append(p)
    return files, notices


def collect_files(paths: Iterable[str], config: Config,
                  policy: PolicyStage | None = None) -> tuple[list[SourceFile], list[Notice]]:
    """The files under the given paths (git's list in a work tree, else a walk), as sources on
    disk. Folders the policy leaves out as a whole are not walked; which files are excluded is
    decided by the policy when the engine scans them."""
    root = config.root
    policy = policy or PolicyStage(config.policy(), root)
    files: list[SourceFile] = []
    notices: list[Notice] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        disp = display_path(p, root)
        if disp not in seen:
            seen.add(disp)
            files.append(SourceFile.on_disk(p, disp))

    def skip_dir(d: Path) -> bool:
        return policy.exclude_reason(display_path(d, root) + "/", d / "x") is not None

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
        listed = git_files(p)
        tracked = listed is not None
        if listed is None:
            listed, walk_notices = walk(p, skip_dir)
            notices += walk_notices
        for f in listed:
            # git lists what the project tracks: a tracked `.tox/` or `venv/` is its code
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


def scan_paths(paths: Iterable[str], config: Config, *, surface: str = "ci", engine: Engine | None = None,
               **options: object) -> ScanReport:
    """The files under paths, scanned by the engine (every finding: no threshold applied)."""
    from railguard.engine.engine import Engine

    engine = engine or Engine(config)
    files, notices = collect_files(paths, config, engine.policy)
    report = engine.scan(files, surface, **options)  # type: ignore[arg-type]
    report.notices = notices + report.notices
    return report
