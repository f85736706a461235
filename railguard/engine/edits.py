"""The single edit that turns one text into another: shared by the incremental parse, the
literal prefilter and the taint replay, which all move what they know across one edit."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T", str, bytes)


def edit_span(old: T, new: T) -> tuple[int, int, int]:
    """(start, old_end, new_end): `old[start:old_end]` became `new[start:new_end]`, the common
    prefix and the common suffix after it kept. Binary searches over slices, which compare with
    memcmp (memoryviews are many times slower)."""
    limit = min(len(old), len(new))
    lo, hi = 0, limit
    while lo < hi:  # the longest common prefix
        mid = (lo + hi + 1) // 2
        if old[:mid] == new[:mid]:
            lo = mid
        else:
            hi = mid - 1
    start = lo
    lo, hi = 0, limit - start
    while lo < hi:  # the longest common suffix after it
        mid = (lo + hi + 1) // 2
        if old[len(old) - mid:] == new[len(new) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    return start, len(old) - lo, len(new) - lo
