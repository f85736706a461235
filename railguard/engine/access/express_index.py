"""Express project facts: what one file tells about the routes of others.

Each file (express.analyze) exports raw facts; `resolve` merges them:

- `auth_middleware`: names of functions that check the caller before calling next();
- `auth_exports`: `module#name` of exported middleware lists (`module.exports.authApi = [authenticate,
  authorize, ...]`) that contain an auth middleware;
- `mounts`: a module, or a router factory (`module#function`), mounted with `use` behind a guard or
  not, under a prefix; guards and prefixes flow from the mounting scope to the mounted one;
- `dev_scopes` (resolved): scopes mounted or called only under a development flag;
- `path_guards`: path prefixes an application guards for every router (`app.all('/admin*', isAdmin)`,
  `app.use('/admin', ensureLoggedIn, isAdmin)` with no router after the guard);
- `handlers`: `module#name` -> the loads by a request id of a request handler a route may name from
  another module (express_handlers.py).
"""

from __future__ import annotations

import re
from typing import Any

_ALTERNATION = re.compile(r"^\(([^()]*)\)")


def pattern_prefixes(pattern: str) -> list[str]:
    """The literal path prefixes an Express path pattern covers: `/admin*` and `(/admin|/admin/*?)`
    give `/admin`; `/api/:x` gives `/api`. Empty when the pattern starts with a parameter."""
    pattern = pattern.strip()
    m = _ALTERNATION.match(pattern)
    alternatives = m.group(1).split("|") if m else [pattern]
    out: list[str] = []
    for alt in alternatives:
        lit = re.split(r"[:*(?\[{]", alt, maxsplit=1)[0].rstrip("/")
        if lit.startswith("/") and lit not in out:
            out.append(lit)
    return [p for p in out if not any(o != p and p.startswith(o + "/") for o in out)]


def resolve(items: list[dict[str, Any]]) -> dict[str, Any]:
    auth_mw: set[str] = set()
    auth_modules: set[str] = set()
    auth_exports: set[str] = set()
    path_guards: set[str] = set()
    mounts: list[dict[str, Any]] = []
    handlers: dict[str, Any] = {}
    for it in items:
        handlers.update(it.get("handlers") or {})
        auth_mw.update(it.get("auth_middleware", []))
        auth_modules.update(it.get("auth_modules", []))
        auth_exports.update(it.get("auth_exports", []))
        path_guards.update(it.get("path_guards", []))
        mounts += it.get("mounts", [])
    guarded: set[str] = {m["child"] for m in mounts if m.get("guarded")}
    changed = True
    rounds = 0
    while changed and rounds < 20:
        changed = False
        rounds += 1
        for m in mounts:
            if m["child"] not in guarded and m["parent"] in guarded:
                guarded.add(m["child"])
                changed = True
    prefixes: dict[str, set[str]] = {}
    for _ in range(6):
        for m in mounts:
            parents = prefixes.get(m["parent"]) or {""}
            got = {(p.rstrip("/") + m.get("prefix", "")).rstrip("/") for p in parents}
            prefixes.setdefault(m["child"], set()).update(got)
    prefix = {k: sorted(v)[0] for k, v in sorted(prefixes.items()) if len(v) == 1 and next(iter(v))}
    return {"auth_middleware": sorted(auth_mw), "auth_modules": sorted(auth_modules),
            "auth_exports": sorted(auth_exports), "guarded_modules": sorted(guarded),
            "dev_scopes": sorted(_development_only(mounts)),
            "path_guards": sorted(path_guards), "prefix": prefix,
            "prefixes": {k: sorted(v) for k, v in sorted(prefixes.items()) if any(v)}, "handlers": handlers}


def _development_only(mounts: list[dict[str, Any]]) -> set[str]:
    """Scopes every mount or call of which runs only under a development flag, or from a scope that
    does (`if (process.env.NODE_ENV === 'development') require('./debug')(app)`)."""
    incoming: dict[str, list[dict[str, Any]]] = {}
    for m in mounts:
        incoming.setdefault(m["child"], []).append(m)
    dev: set[str] = set()
    changed = True
    while changed:
        changed = False
        for child, edges in incoming.items():
            if child not in dev and all(e.get("dev") or e["parent"] in dev for e in edges):
                dev.add(child)
                changed = True
    return dev
