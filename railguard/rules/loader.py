"""Load rule packs from YAML. Loading is data only: yaml.safe_load, never code.

A pack file holds ``rules: [...]``. Each rule has the common fields below; the
keys of its matcher (``query``/``where`` for the query analyzer, ``regex`` for
the text analyzer, ...) are checked by the analyzer that owns them.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from railguard.model import Confidence, RailguardError, Rule, RuleDocs, Severity
from railguard.userdirs import user_cache_dir

BUNDLED_DIR = Path(__file__).resolve().parent
BUNDLED_PREFIX = "railguard/rules/"  # how bundled rule files are named in messages
RULE_FILE_SUFFIXES = (".yaml", ".yml")

COMMON_KEYS = {
    "id", "title", "languages", "severity", "confidence", "cwe", "owasp", "tags",
    "message", "docs", "fix", "analyzer", "paths",
}
DOC_KEYS = {"what", "why", "example", "instead", "references"}
# matcher keys of each analyzer; the key present decides the analyzer when none is named
MATCHER_KEYS: dict[str, set[str]] = {
    "query": {"query", "where", "confident-when", "report"},
    "text": {"regex", "flags", "where", "report"},
    "ai": {"detector", "options"},
    "access": {"check", "framework"},
    "taint": {"sink-kind"},
    "secrets": {"detector", "pattern", "keywords", "prefilter", "context", "validate", "plugin", "key-types"},
}
ANALYZER_BY_KEY = {"query": "query", "regex": "text"}


def _safe_loader() -> Any:
    """The C safe loader (~10x faster) or the pure-Python one; both build plain data only.
    yaml is imported only when a file is not in the parsed-rule cache (~35 ms saved per hook run)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RuleError(RailguardError):
    def __init__(self, source: str, rule_id: str | None, field_name: str | None, problem: str):
        where = source
        if rule_id:
            where += f": rule {rule_id}"
        if field_name:
            where += f": field '{field_name}'"
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.rule_id = rule_id
        self.field = field_name


@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)
    errors: list[RuleError] = field(default_factory=list)

    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def for_analyzer(self, analyzer: str) -> list[Rule]:
        return [r for r in self.rules if r.analyzer == analyzer]

    def filtered(self, enable: Iterable[str] = (), disable: Iterable[str] = ()) -> RuleSet:
        enable = list(enable)
        disable = list(disable)

        def selected(rule: Rule) -> bool:
            if any(_rule_selector_matches(sel, rule) for sel in disable):
                return False
            if enable:
                return any(_rule_selector_matches(sel, rule) for sel in enable)
            return True

        return RuleSet([r for r in self.rules if selected(r)], list(self.errors))


def _rule_selector_matches(selector: str, rule: Rule) -> bool:
    """A selector is a rule id, a pack name, an id prefix ending in '.', or a tag '#tag'."""
    if selector.startswith("#"):
        return selector[1:] in rule.tags
    if selector == rule.id or selector == rule.pack:
        return True
    if selector.endswith("*"):
        return rule.id.startswith(selector[:-1])
    return rule.id.startswith(selector + ".")


def _as_str_tuple(value: Any, source: str, rule_id: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise RuleError(source, rule_id, name, "must be a string or a list of strings")


def _parse_cwe(value: Any, source: str, rule_id: str) -> tuple[int, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, int) and not isinstance(item, bool):
            out.append(item)
        elif isinstance(item, str) and item.upper().removeprefix("CWE-").isdigit():
            out.append(int(item.upper().removeprefix("CWE-")))
        else:
            raise RuleError(source, rule_id, "cwe", f"{item!r} is not a CWE number (e.g. 78 or 'CWE-78')")
    return tuple(out)


def parse_rule(raw: Any, source: str, pack: str, index: int) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(source, f"#{index + 1}", None, "a rule must be a mapping")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not rule_id.strip():
        raise RuleError(source, f"#{index + 1}", "id", "missing or not a string")
    if rule_id.split() != [rule_id]:  # a whitespace character in it (str.split splits at str.isspace)
        raise RuleError(source, rule_id, "id", "must not contain spaces")

    analyzer = raw.get("analyzer")
    if analyzer is None:
        present = [k for k in ANALYZER_BY_KEY if k in raw]
        if len(present) != 1:
            raise RuleError(
                source, rule_id, "query",
                "a rule needs exactly one matcher: 'query' (tree-sitter), 'regex' (text), "
                "or an explicit 'analyzer'",
            )
        analyzer = ANALYZER_BY_KEY[present[0]]
    if not isinstance(analyzer, str) or analyzer not in MATCHER_KEYS:
        known = ", ".join(sorted(MATCHER_KEYS))
        raise RuleError(source, rule_id, "analyzer", f"unknown analyzer {analyzer!r} (known: {known})")

    allowed = COMMON_KEYS | MATCHER_KEYS[analyzer]
    for key in raw:
        if key not in allowed:
            raise RuleError(source, rule_id, str(key), f"unknown field for a {analyzer} rule")

    for required in ("message", "severity", "languages"):
        if required not in raw:
            raise RuleError(source, rule_id, required, "required field is missing")
    message = raw["message"]
    if not isinstance(message, str) or not message.strip():
        raise RuleError(source, rule_id, "message", "must be a non-empty string")
    try:
        severity = Severity.parse(str(raw["severity"]))
    except ValueError as exc:
        raise RuleError(source, rule_id, "severity", str(exc)) from None
    try:
        confidence = Confidence.parse(str(raw.get("confidence", "medium")))
    except ValueError as exc:
        raise RuleError(source, rule_id, "confidence", str(exc)) from None
    languages = _as_str_tuple(raw["languages"], source, rule_id, "languages")
    if not languages:
        raise RuleError(source, rule_id, "languages", "must name at least one language")

    docs_raw = raw.get("docs") or {}
    if not isinstance(docs_raw, dict):
        raise RuleError(source, rule_id, "docs", "must be a mapping of what/why/example/instead/references")
    for key in docs_raw:
        if key not in DOC_KEYS:
            raise RuleError(source, rule_id, f"docs.{key}", "unknown docs field")
    for key in ("what", "why", "example", "instead"):
        if key in docs_raw and not isinstance(docs_raw[key], str):
            raise RuleError(source, rule_id, f"docs.{key}", "must be a string")
    docs = RuleDocs(
        what=docs_raw.get("what", ""),
        why=docs_raw.get("why", ""),
        example=docs_raw.get("example", ""),
        instead=docs_raw.get("instead", ""),
        references=_as_str_tuple(docs_raw.get("references"), source, rule_id, "docs.references"),
    )

    fix = raw.get("fix")
    if fix is not None and not isinstance(fix, dict):
        raise RuleError(source, rule_id, "fix", "must be a mapping")

    matcher = {k: raw[k] for k in MATCHER_KEYS[analyzer] if k in raw}
    title = raw.get("title") or rule_id
    if not isinstance(title, str):
        raise RuleError(source, rule_id, "title", "must be a string")
    return Rule(
        id=rule_id,
        title=title,
        analyzer=analyzer,
        languages=languages,
        severity=severity,
        confidence=confidence,
        message=message.strip(),
        cwe=_parse_cwe(raw.get("cwe"), source, rule_id),
        owasp=_as_str_tuple(raw.get("owasp"), source, rule_id, "owasp"),
        tags=_as_str_tuple(raw.get("tags"), source, rule_id, "tags"),
        docs=docs,
        matcher=matcher,
        fix=fix,
        paths=_as_str_tuple(raw.get("paths"), source, rule_id, "paths"),
        pack=pack,
        source=source,
    )


def iter_rule_files(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
        return
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d not in ("fixtures", "semgrep", "models", "data", "__pycache__"))
        for name in sorted(files):
            if name.endswith(RULE_FILE_SUFFIXES) and not name.startswith("."):
                yield Path(root) / name


class ParsedYamlCache:
    """Parsed rule files as JSON, keyed by path and the SHA-256 of the file's content: json.loads
    is many times faster than YAML parsing, and the CLI pays rule loading on every run. A rule
    pack in a repository is data: edited in place it keeps its size and can keep its mtime, so
    neither says "unchanged" (the installed package's own files are trusted by size and mtime).
    The YAML parsed on a miss is the very bytes that were hashed. JSON is data, like the YAML."""

    def __init__(self, roots: Iterable[Path] = ()) -> None:
        # one file per set of rule folders (an install, a checkout), holding only what it loads
        key = hashlib.sha256("\0".join(sorted(str(r) for r in roots)).encode()).hexdigest()[:12]
        self.path = user_cache_dir() / f"rule-files-v3-{key}.json"
        self.entries: dict[str, Any] = {}
        self.used: set[str] = set()
        self.read: dict[str, tuple[str, bytes]] = {}  # path -> (digest, content) read by get
        self.dirty = False
        try:
            loaded = json.loads(self.path.read_bytes())
            if isinstance(loaded, dict):
                self.entries = loaded
        except (OSError, ValueError):
            pass

    def content(self, path: Path) -> bytes:
        """The bytes get() hashed (read now when get() was not called). Raises OSError."""
        known = self.read.get(str(path))
        if known is not None:
            return known[1]
        data = path.read_bytes()
        self.read[str(path)] = (hashlib.sha256(data).hexdigest(), data)
        return data

    def get(self, path: Path) -> Any:
        self.used.add(str(path))
        entry = self.entries.get(str(path))
        if _is_bundled(path):  # the installed package is trusted: its size and mtime suffice
            stamp = _stamp(path)
            if stamp is not None and isinstance(entry, dict) and entry.get("stamp") == stamp:
                return entry.get("data", _MISSING)
        try:
            data = path.read_bytes()
        except OSError:
            return _MISSING
        digest = hashlib.sha256(data).hexdigest()
        self.read[str(path)] = (digest, data)
        if isinstance(entry, dict) and entry.get("sha256") == digest:
            return entry.get("data", _MISSING)
        return _MISSING

    def put(self, path: Path, data: Any) -> None:
        known = self.read.get(str(path))
        if known is None:
            return
        try:
            if json.loads(json.dumps(data)) != data:  # dates and the like: not cacheable
                return
        except (TypeError, ValueError):
            return
        entry: dict[str, Any] = {"sha256": known[0], "data": data}
        if _is_bundled(path):
            entry["stamp"] = _stamp(path)
        self.entries[str(path)] = entry
        self.dirty = True

    def save(self) -> None:
        if set(self.entries) - self.used:  # rule files that are gone
            self.entries = {k: v for k, v in self.entries.items() if k in self.used}
            self.dirty = True
        if not self.dirty:
            return
        try:
            from railguard.atomic import write_atomic

            write_atomic(self.path, json.dumps(self.entries, separators=(",", ":")))
        except OSError:
            pass  # read-only home: only slower


_MISSING = object()


def _is_bundled(path: Path) -> bool:
    try:
        return path.is_relative_to(BUNDLED_DIR)
    except ValueError:
        return False


def _stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _yaml_problem(exc: Exception) -> str:
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"invalid YAML{where}: {problem}"


def _yaml_error(source: str, exc: Exception) -> RuleError:
    return RuleError(source, None, None, _yaml_problem(exc))


def load_data_file(path: Path) -> Any:
    """A bundled YAML data file (a taint or access model) through the parsed-file cache, so that
    a run reads JSON, not YAML. Raises OSError, or ValueError naming the YAML problem."""
    cache = ParsedYamlCache([path])
    raw = cache.get(path)
    if raw is _MISSING:
        import yaml

        try:
            raw = yaml.load(cache.content(path), Loader=_safe_loader())  # railguard: ignore[python.yaml-load] a CSafeLoader or SafeLoader
        except yaml.YAMLError as exc:
            raise ValueError(_yaml_problem(exc)) from None
        cache.put(path, raw)
        cache.save()
    return raw


def load_rule_file(path: Path, pack: str, display: str | None = None,
                   cache: ParsedYamlCache | None = None) -> tuple[list[Rule], list[RuleError]]:
    source = display or str(path)
    raw = cache.get(path) if cache is not None else _MISSING
    if raw is _MISSING:
        import yaml

        try:
            text = cache.content(path) if cache is not None else path.read_bytes()
            raw = yaml.load(text, Loader=_safe_loader())  # railguard: ignore[python.yaml-load] a CSafeLoader or SafeLoader
        except OSError as exc:
            return [], [RuleError(source, None, None, f"cannot read: {exc.strerror or exc}")]
        except yaml.YAMLError as exc:
            return [], [_yaml_error(source, exc)]
        if cache is not None:
            cache.put(path, raw)
    if raw is None:
        return [], []
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        return [], [RuleError(source, None, "rules", "a rule file must be a mapping with a 'rules' list")]
    rules: list[Rule] = []
    errors: list[RuleError] = []
    for i, item in enumerate(raw["rules"]):
        try:
            rules.append(parse_rule(item, source, pack, i))
        except RuleError as exc:
            errors.append(exc)
    return rules, errors


def load_rules(paths: Iterable[Path] = (), *, bundled: bool = True) -> RuleSet:
    """Load the bundled packs and any extra pack paths. Bad rules are collected, not raised."""
    result = RuleSet()
    seen: dict[str, str] = {}
    sources: list[tuple[Path, Path]] = []
    if bundled:
        sources += [(f, BUNDLED_DIR) for f in iter_rule_files(BUNDLED_DIR)]
    for extra in paths:
        extra = Path(extra)
        if not extra.exists():
            result.errors.append(RuleError(str(extra), None, None, "rule path does not exist"))
            continue
        base = extra if extra.is_dir() else extra.parent
        sources += [(f, base) for f in iter_rule_files(extra)]
    roots = ([BUNDLED_DIR] if bundled else []) + [Path(p).resolve() for p in paths]
    cache = ParsedYamlCache(roots) if os.environ.get("RAILGUARD_NO_RULE_CACHE") is None else None
    for file, base in sources:
        rel = file.relative_to(base)
        pack = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        display = f"{BUNDLED_PREFIX}{rel.as_posix()}" if base == BUNDLED_DIR else str(file)
        rules, errors = load_rule_file(file, pack, display, cache)
        result.errors += errors
        for rule in rules:
            if rule.id in seen:
                result.errors.append(
                    RuleError(display, rule.id, "id", f"duplicate rule id (first defined in {seen[rule.id]})")
                )
                continue
            seen[rule.id] = display
            result.rules.append(rule)
    if cache is not None:
        cache.save()
    return result
