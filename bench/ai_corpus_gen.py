"""Render the "as assistants write it" corpus from its scenario files.

    python bench/ai_corpus_gen.py           # rewrites bench/data/ai_corpus/python/

Each scenario under bench/data/ai_corpus/scenarios/*.txt is a prompt with a vulnerable program
and a safe twin doing the same job (several pairs may follow one another). Web scenarios are
written once with small macros for the request and response and rendered for each framework
they list (Flask, FastAPI, Django), the way the same prompt comes back from different
assistants. Programs written directly in another language live in the language's folder with
the same header line.

Scenario file layout:

    === slug
    prompt: a Flask endpoint that uploads a profile picture
    cwe: CWE-434
    frameworks: flask fastapi django      (or "none" for a plain program)
    --- vulnerable
    <program>
    --- safe
    <program>

Macros: @@ROUTE METHOD /path name@@ (decorator and def line), $Q(name) query parameter,
$F(name) form field, $J(name) JSON body field, $H(name) header, $C(name) cookie,
$RET(expr), $JSON(expr), $REDIRECT(expr), $ABORT(code), @@APP@@ (imports and app object).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "data" / "ai_corpus"
SCENARIOS = CORPUS / "scenarios"
OUT = CORPUS / "python"

APP = {
    "flask": "from flask import Flask, abort, jsonify, redirect, request\n\napp = Flask(__name__)\n",
    "fastapi": (
        "from fastapi import FastAPI, HTTPException, Request\n"
        "from fastapi.responses import HTMLResponse, RedirectResponse\n\napp = FastAPI()\n"
    ),
    "django": (
        "import json\n\nfrom django.http import HttpResponse, HttpResponseRedirect, JsonResponse\n"
        "from django.views.decorators.http import require_http_methods\n"
    ),
    "none": "",
}

ACCESS = {
    "flask": {
        "Q": 'request.args.get({0})', "F": 'request.form.get({0})', "J": 'request.get_json().get({0})',
        "H": 'request.headers.get({0})', "C": 'request.cookies.get({0})',
        "RET": 'return {0}', "JSON": 'return jsonify({0})', "REDIRECT": 'return redirect({0})',
        "ABORT": 'abort({0})',
    },
    "fastapi": {
        "Q": 'request.query_params.get({0})', "F": '(await request.form()).get({0})',
        "J": '(await request.json()).get({0})', "H": 'request.headers.get({0})',
        "C": 'request.cookies.get({0})',
        "RET": 'return HTMLResponse({0})', "JSON": 'return {0}', "REDIRECT": 'return RedirectResponse({0})',
        "ABORT": 'raise HTTPException(status_code={0})',
    },
    "django": {
        "Q": 'request.GET.get({0})', "F": 'request.POST.get({0})', "J": 'json.loads(request.body).get({0})',
        "H": 'request.headers.get({0})', "C": 'request.COOKIES.get({0})',
        "RET": 'return HttpResponse({0})', "JSON": 'return JsonResponse({0})',
        "REDIRECT": 'return HttpResponseRedirect({0})', "ABORT": 'return HttpResponse(status={0})',
    },
}

_MACRO = re.compile(r"\$(Q|F|J|H|C|RET|JSON|REDIRECT|ABORT)\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)")
_ROUTE = re.compile(r"^([ \t]*)@@ROUTE (\w+) (\S+) (\w+)@@$", re.M)


@dataclass(frozen=True)
class Scenario:
    slug: str
    prompt: str
    cwe: str
    frameworks: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]


def parse(text: str, source: str) -> list[Scenario]:
    scenarios: list[Scenario] = []
    for block in re.split(r"^=== ", text, flags=re.M)[1:]:
        head, *sections = re.split(r"^--- (vulnerable|safe)\s*$", block, flags=re.M)
        lines = head.splitlines()
        slug, meta = lines[0].strip(), dict(line.split(":", 1) for line in lines[1:] if ":" in line)
        bodies = [(kind, body.strip("\n") + "\n") for kind, body in zip(sections[::2], sections[1::2], strict=True)]
        if len(bodies) % 2 or any(k != ("vulnerable", "safe")[i % 2] for i, (k, _) in enumerate(bodies)):
            raise SystemExit(f"{source}: scenario {slug}: sections must alternate vulnerable/safe")
        pairs = tuple((bodies[i][1], bodies[i + 1][1]) for i in range(0, len(bodies), 2))
        scenarios.append(Scenario(slug, meta["prompt"].strip(), meta["cwe"].strip(),
                                  tuple(meta.get("frameworks", "none").split()), pairs))
    return scenarios


def render(body: str, framework: str) -> str:
    if framework == "none":
        return body

    def route(m: re.Match) -> str:
        indent, method, path, name = m.groups()
        if framework == "flask":
            return f'{indent}@app.route("{path}", methods=["{method.upper()}"])\n{indent}def {name}():'
        if framework == "fastapi":
            return f'{indent}@app.{method.lower()}("{path}")\n{indent}async def {name}(request: Request):'
        return f'{indent}@require_http_methods(["{method.upper()}"])\n{indent}def {name}(request):'

    out = _ROUTE.sub(route, body.replace("@@APP@@", APP[framework].rstrip("\n")))
    while True:
        new = _MACRO.sub(lambda m: ACCESS[framework][m.group(1)].format(m.group(2)), out)
        if new == out:
            return out
        out = new


def header(cwe: str, label: str, framework: str, prompt: str) -> str:
    return f'# corpus: cwe={cwe} label={label} lang=python framework={framework} prompt="{prompt}"\n'


def main(argv: list[str] | None = None) -> int:
    out = Path(argv[0]) if argv else OUT
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.py"):
        old.unlink()
    written = 0
    for source in sorted(SCENARIOS.glob("*.txt")):
        for sc in parse(source.read_text(), source.name):
            for framework in sc.frameworks:
                for n, (vulnerable, safe) in enumerate(sc.pairs):
                    stem = f"{sc.slug}-{framework}-{n}" if framework != "none" else f"{sc.slug}-{n}"
                    for label, body in (("vulnerable", vulnerable), ("safe", safe)):
                        text = header(sc.cwe, label, framework, sc.prompt) + render(body, framework)
                        if "$" in text and _MACRO.search(text):
                            raise SystemExit(f"{source.name}: {sc.slug}: macro left unexpanded")
                        (out / f"{stem}-{label[0]}.py").write_text(text)
                        written += 1
    print(f"{written} programs written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
