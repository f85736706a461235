"""Every regex the secrets analyzer ships, against adversarial input, inside a time budget.

Own patterns get 50 kB of worst-case text each. detect-secrets' plugin patterns are only ever given
one line of at most LONG_LINE characters or a window around a prefilter hit, so they are checked at
that size, and the analyzer as a whole is checked on 50 kB one-line files built to hurt them.
The work runs in a subprocess with a timeout, so a catastrophic pattern fails instead of hanging.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.conftest import ROOT

PER_CALL_BUDGET_S = 1.0  # generous: linear patterns take milliseconds on 50 kB

SCRIPT = textwrap.dedent(r'''
    import json, re, sys, time
    from railguard.config import default_config
    from railguard.engine.analyzers import secrets as analyzer_mod
    from railguard.engine.document import Document
    from railguard.engine.engine import Engine
    from railguard.engine.secrets import detectors, filters, validators

    N = 50_000
    config = default_config(".")
    config.values.setdefault("", {})["analyzers"] = ["secrets"]
    engine = Engine(config)
    analyzer = engine.analyzer("secrets")

    def inputs(keywords, n):
        base = ["a" * n, "A" * n, "0" * n, "-" * n, "_" * n, "=" * n, " " * n, "ab1-" * (n // 4),
                "a=" * (n // 2), '"a": ' * (n // 5), "a:" * (n // 2), "://" + "a:" * (n // 2), "eyJ" + "a." * (n // 2),
                "-----BEGIN PRIVATE KEY-----" * (n // 27), "Authorization: Bearer " + "a" * n, "1-" * (n // 2),
                "AB12 " * (n // 5), "password=" * (n // 9), "sk-" * (n // 3)]
        for k in keywords:
            base += [k * (n // max(1, len(k))), k + "A" * n, (k + "a" * 30 + " ") * (n // (len(k) + 31))]
        return base

    own = []
    for d in analyzer.detectors:
        kws = list(d.keywords)
        for attr in ("pattern", "prefilter", "context"):
            p = getattr(d, attr, None)
            if p is not None:
                own.append((f"{d.rule.id}:{attr}", p, kws))
    for mod in (detectors, filters, validators):
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern):
                own.append((f"{mod.__name__}.{name}", value, []))
    worst = {}
    for label, pattern, kws in own:
        for text in inputs(kws, N):
            t = time.perf_counter()
            for _ in pattern.finditer(text):
                pass
            worst[label] = max(worst.get(label, 0.0), time.perf_counter() - t)
    # detect-secrets plugin patterns: at the size the analyzer gives them
    for d in analyzer.detectors:
        if d.kind == "detect-secrets":
            for pattern in d.plugin.denylist:
                label = f"{d.rule.id}:detect-secrets"
                for text in inputs(list(d.keywords), analyzer_mod.LONG_LINE):
                    t = time.perf_counter()
                    for _ in pattern.finditer(text):
                        pass
                    worst[label] = max(worst.get(label, 0.0), time.perf_counter() - t)
    # the whole analyzer on 50 kB single-line files full of keywords
    keywords = sorted({k for d in analyzer.detectors for k in d.keywords})
    shapes = {
        "keyword-assignments": "".join(k + "a:" * 20 + "=" for k in keywords),
        "url-like": "://" + "".join(k + "a:" for k in keywords),
        "quoted-values": "".join(f'{k}="{"a" * 60}" ' for k in keywords),
    }
    for name, unit in shapes.items():
        text = (unit * (N // len(unit) + 1))[:N]
        t = time.perf_counter()
        engine.scan_document(Document.from_text("min.js", text))
        worst[f"analyzer:{name}"] = time.perf_counter() - t
    print(json.dumps(worst))
''')


def test_every_secrets_regex_is_fast_on_adversarial_input():
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    worst = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(worst) > 100
    slow = {k: round(v, 3) for k, v in worst.items() if v > PER_CALL_BUDGET_S * (5 if k.startswith("analyzer:") else 1)}
    assert not slow, f"regexes over the time budget on adversarial input: {slow}"
