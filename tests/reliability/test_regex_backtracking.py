"""Every regular expression shipped in a rule pack runs in (near) linear time on adversarial input.

Python's `re` has no timeout, so a pattern with catastrophic backtracking would hang a commit;
this test times each pattern on inputs built to provoke it.
"""

from __future__ import annotations

import re
import time

from railguard.rules.loader import load_rules

N = 20_000
BUDGET_S = 1.0  # a linear pattern needs milliseconds here; catastrophic ones need minutes
ALPHABET = ["a", "A", "0", " ", "\t", "=", ":", "-", "_", "/", "+", ".", "'", '"', "\\", "@", "$", "{", "(", "<"]


def collect_patterns() -> list[tuple[str, str, int]]:
    out = []

    def walk(rule_id: str, value, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(rule_id, v, str(k))
        elif isinstance(value, list):
            for v in value:
                walk(rule_id, v, key)
        elif isinstance(value, str) and ("regex" in key or key in ("pattern", "prefilter")):
            out.append((rule_id, value, 0))

    for rule in load_rules().rules:
        before = len(out)
        walk(rule.id, rule.matcher)
        if rule.analyzer == "text":  # text rules run with MULTILINE over whole files; `where` regexes without
            flags = re.MULTILINE | (re.IGNORECASE if "ignorecase" in (rule.matcher.get("flags") or []) else 0)
            text_regex = rule.matcher.get("regex")
            out[before:] = [(rid, src, flags if src == text_regex else 0) for rid, src, _ in out[before:]]
    # the access models' in-handler checks (compiled when first used)
    from railguard.engine.access.model import _framework_data

    for name, section in _framework_data().items():
        for src in section.get("in-handler-checks") or []:
            out.append((f"access.{name}.in-handler-checks", src, 0))
    return out


def adversarial_inputs() -> list[str]:
    inputs = []
    for c in ALPHABET:
        inputs.append(c * N)
        inputs.append(c * N + "!")
    for a, b in [("a", "="), ("a", " "), ("a", "-"), ("0", "."), ("a", "/"), ("A", "0"), ("'", "a"), (" ", "=")]:
        inputs.append((a + b) * (N // 2))
    inputs.append("key = " + "x" * N)
    inputs.append("password" * (N // 8))
    inputs.append("sk-" + "A1" * (N // 2))
    return inputs


def test_patterns_are_collected():
    patterns = collect_patterns()
    assert len(patterns) >= 10


def test_no_catastrophic_backtracking():
    slow = []
    inputs = adversarial_inputs()
    for rule_id, source, flags in collect_patterns():
        try:
            pattern = re.compile(source, flags)
        except re.error:
            continue  # reported by test_bundled_patterns_all_compile
        for text in inputs:
            t = time.perf_counter()
            for _ in pattern.finditer(text):
                pass
            took = time.perf_counter() - t
            if took > BUDGET_S:
                slow.append(f"{rule_id}: {took:.2f} s on {text[:12]!r}... ({source[:80]})")
                break
    assert not slow, "\n".join(slow)


def test_bundled_patterns_all_compile():
    """Bundled regexes are compiled when first used, so a broken one must be caught here."""
    broken = []
    for rule_id, source, flags in collect_patterns():
        try:
            re.compile(source, flags)
        except re.error as exc:
            broken.append(f"{rule_id}: {exc}: {source[:80]}")
    assert not broken, "\n".join(broken)
    assert any(rid.startswith("access.") for rid, _, _ in collect_patterns())
