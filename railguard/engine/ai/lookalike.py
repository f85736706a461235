"""Look-alike package names (`ai.possible-typosquat`): a declared dependency one edit away from one
of the registry's most downloaded names, that is not an established name of its own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from railguard.engine.ai.common import Hit
from railguard.engine.ai.deps import legitimate_names, popular, stdlib_modules
from railguard.engine.ai.manifests import declared_in, normalize
from railguard.model import Confidence

# Squatters imitate the most downloaded names; every listed name counts as legitimate itself.
TYPOSQUAT_TARGETS = 5000


def within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance of exactly one (insert, delete, substitute or swap)."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


def _squash(name: str) -> str:
    return re.sub(r"[-_.]", "", name)


@lru_cache(maxsize=4)
def _popular_index(ecosystem: str) -> tuple[frozenset[str], dict[int, list[str]], dict[str, str]]:
    """(every popular name, the most popular names by length as typosquat targets, squashed names)."""
    names = popular(ecosystem)
    legitimate = legitimate_names(ecosystem)
    by_len: dict[int, list[str]] = {}
    for n in names[:TYPOSQUAT_TARGETS]:
        by_len.setdefault(len(n), []).append(n)
    squashed: dict[str, str] = {}
    for n in names[:TYPOSQUAT_TARGETS]:
        squashed.setdefault(_squash(n), n)
    return legitimate, by_len, squashed


def lookalike_of(name: str, ecosystem: str, min_length: int = 6) -> str | None:
    """The popular package a declared name imitates, or None."""
    key = normalize(name) if ecosystem == "pypi" else name.lower()
    names, by_len, squashed = _popular_index(ecosystem)
    if key in names or len(key) < min_length:
        return None
    if key.startswith("@types/"):
        return None  # one publisher (DefinitelyTyped) owns the scope: no stranger can squat in it
    if ecosystem == "pypi" and key in _stdlib_names():
        return None  # the backport of a standard-library module (nntplib after Python 3.13 dropped it)
    # the same letters with other separators: "python-dateutil" vs "pythondateutil"
    if _squash(key) in squashed and squashed[_squash(key)] != key:
        target = squashed[_squash(key)]
        return None if _squash(target) == _squash(key) and ecosystem == "pypi" and "-" in key else target
    scope, _, base = key.rpartition("/")
    for length in (len(key) - 1, len(key), len(key) + 1):
        for candidate in by_len.get(length, ()):
            if within_one_edit(key, candidate):
                # a scoped name whose scope differs is another publisher, not a typo of the base
                if scope and candidate.rpartition("/")[0] != scope:
                    continue
                if re.sub(r"\d+$", "", key) == re.sub(r"\d+$", "", candidate):
                    continue  # boto/boto3, jinja2/jinja: versioned siblings
                return candidate
    return None


@lru_cache(maxsize=1)
def _stdlib_names() -> frozenset[str]:
    return frozenset(normalize(m) for m in stdlib_modules())


def typosquat_hits(path: str, text: str) -> Iterator[Hit]:
    declared, _own = declared_in(path, text)
    for d in declared:
        if d.end <= d.start:
            continue
        target = lookalike_of(d.name, d.ecosystem)
        if target:
            # npm refuses a new name that differs from an existing one only in punctuation (`treekill`
            # beside `tree-kill`): such a name is an old package of its own, not one a stranger can take
            separators_only = d.ecosystem == "npm" and _squash(d.name.lower()) == _squash(target)
            yield Hit("possible-typosquat", d.start, d.end,
                      {"name": d.name, "popular": target, "registry": "PyPI" if d.ecosystem == "pypi" else "npm"},
                      confidence=Confidence.LOW if separators_only or one_letter_swapped(d.name.lower(), target)
                      else None)


def one_letter_swapped(name: str, target: str) -> bool:
    """One letter replaced by another (`ps-node`/`ts-node`, `svgstore`/`sigstore`): as often a
    different, established package as a typo. Typosquats mostly drop, double or transpose letters
    (`reqests`, `expresss`, `reqeusts`) or change separators (on PyPI), which stay at the rule's confidence."""
    if len(name) != len(target):
        return False
    diff = [i for i, (a, b) in enumerate(zip(name, target, strict=True)) if a != b]
    return len(diff) == 1 and name[diff[0]].isalnum() and target[diff[0]].isalnum()
