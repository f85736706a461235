"""Package sources a manifest or script names: extra package indexes (`--extra-index-url`, which
pip may prefer over PyPI for any name) and VCS requirements that follow a branch instead of a
pinned commit or tag."""

from __future__ import annotations

import re
from collections.abc import Iterator

from railguard.engine.ai.common import Hit
from railguard.engine.ai.jsonc import JsoncError, parse_jsonc
from railguard.engine.ai.manifests import NPM_DEP_FILES, NPM_SECTIONS

_EXTRA_INDEX = re.compile(
    r"(?:--extra-index-url(?:[ \t]*=[ \t]*|[ \t]+)|^[ \t]*(?:PIP_)?extra[-_]index[-_]url[ \t]*[=:][ \t]*[\"']?"
    r"|\bPIP_EXTRA_INDEX_URL[ \t]*[=:][ \t]*[\"']?)(?P<url>[^\s\"'\]]+)",
    re.MULTILINE | re.IGNORECASE,
)
_PY_VCS = re.compile(r"(?<![\w+])(?P<url>git\+(?:https?|ssh|git|file)://[^\s\"'#;,\]\)]+)")
_PINNED_REF = re.compile(r"^(?:[0-9a-f]{7,40}|v?\d+(?:\.\d+)*(?:[.+-][\w.]+)?)$", re.IGNORECASE)
_HOST = re.compile(r"^(?:[a-z+]+://)?(?:[^@/\s]*@)?(?P<host>[^/\s:?#]+)", re.IGNORECASE)
_NPM_GIT = re.compile(r"^(?:git\+|git://|github:|gitlab:|bitbucket:|gist:|[\w.-]+/[\w.-]+(?:#|$))")


def url_host(url: str) -> str:
    m = _HOST.match(url)
    return m.group("host") if m else url


def _vcs_ref(url: str) -> str:
    body = url.split("://", 1)[-1]
    path = body.split("/", 1)[1] if "/" in body else ""
    path = path.split("#", 1)[0]
    return path.rsplit("@", 1)[1] if "@" in path else ""


def package_source_hits(path: str, text: str) -> Iterator[Hit]:
    for m in _EXTRA_INDEX.finditer(text):
        url = m.group("url")
        if url.startswith(("$", "%")):
            host = url
        else:
            host = url_host(url)
        yield Hit("extra-index-url", m.start(), m.end(), {"host": host})
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    npm_manifest = name in NPM_DEP_FILES
    for m in () if npm_manifest else _PY_VCS.finditer(text):  # package.json: its dependency sections, below
        url = m.group("url")
        ref = _vcs_ref(url)
        if not ref or not _PINNED_REF.match(ref):
            yield Hit("unpinned-vcs", m.start("url"), m.end("url"),
                      {"host": url_host(url.removeprefix("git+")), "ref": ref or "the default branch"})
    if npm_manifest:
        yield from _npm_vcs_hits(text, json5=name.endswith(".json5"))


def _npm_vcs_hits(text: str, json5: bool = False) -> Iterator[Hit]:
    try:
        root = parse_jsonc(text, json5)
    except JsoncError:
        return
    if not root.is_object:
        return
    for section in NPM_SECTIONS:
        deps = root.get(section)
        if deps is None or not deps.is_object:
            continue
        for _name, (_ks, _ke, value) in deps.members.items():
            spec = value.value if isinstance(value.value, str) else ""
            if not spec or not _NPM_GIT.match(spec) or spec.startswith(("npm:", "file:", "link:", "workspace:")):
                continue
            ref = spec.split("#", 1)[1] if "#" in spec else ""
            ref = ref.removeprefix("semver:")
            if not ref or not (_PINNED_REF.match(ref) or re.match(r"^[\^~]?\d", ref)):
                yield Hit("unpinned-vcs", value.start + 1, value.end - 1,
                          {"host": url_host(spec.split(":", 1)[-1]) if "://" in spec else spec.split("#", 1)[0],
                           "ref": ref or "the default branch"})
