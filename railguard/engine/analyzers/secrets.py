"""The secrets analyzer: a cheap prefilter over the whole file, then detectors on candidate lines.

1. One combined pattern of every provider prefix and secret-like key name runs over the
   file's bytes (RE2 when installed: linear time, ~100 MB/s; Python's `re` otherwise).
2. Only the lines it hits (windows around the hits, for minified one-line files) go to the
   detectors of the rules whose keywords occur there: railguard's own providers and, for
   a few providers, detect-secrets plugins. detect-secrets is imported only then.
3. Overlapping hits keep the most specific detector; a documented example value is
   reported as info under `secrets.documented-example-key`; values accepted in a
   detect-secrets `.secrets.baseline` are dropped.
4. Findings carry only a redacted form of the value (engine/secrets/redaction.py).

Rule matcher keys (rules with `analyzer: secrets`):

    detector: pattern        # see engine/secrets/detectors.py for the kinds
    pattern: '(?<![\\w-])(?P<secret>hf_[A-Za-z0-9]{34})(?![\\w-])'
    keywords: [hf_]          # literals for the prefilter (case-insensitive)
    prefilter: '\\b\\d{3}-\\d{2}-\\d{4}\\b'   # or a regex fragment (RE2 and Python syntax)
    context: 'mistral'       # must also occur on the line (case-insensitive)
    validate: luhn           # luhn, iban, ssn, jwt, basic-credentials, url-password
    plugin: CloudantDetector # for detector: detect-secrets
    key-types: [OPENSSH]     # for detector: private-key
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railguard.engine.analyzers.base import Analyzer
from railguard.engine.lazyre import LazyPattern, compile_linear
from railguard.engine.secrets import context as where
from railguard.engine.secrets import filters
from railguard.engine.secrets.detectors import (
    DETECTOR_CLASSES,
    DETECTOR_KINDS,
    SENSITIVE_VALIDATORS,
    Detector,
    LineContext,
    PatternDetector,
    SecretHit,
)
from railguard.engine.secrets.ds_baseline import load_detect_secrets_baseline
from railguard.engine.secrets.evasions import hidden_hits, provider_detectors
from railguard.engine.secrets.redaction import (
    detect_secrets_hash,
    printable,
    redacted_marker,
    secret_evidence,
    secret_fingerprint,
)
from railguard.engine.secrets.validators import VALIDATORS, jwt_expired
from railguard.model import (
    Confidence,
    Finding,
    Notice,
    RailguardError,
    Rule,
    RuleDocs,
    Severity,
)
from railguard.rules.loader import BUNDLED_PREFIX, RuleError

if TYPE_CHECKING:
    from railguard.config import Config
    from railguard.engine.analyzers.base import ScanContext
    from railguard.engine.document import Document


EXAMPLE_RULE = "secrets.documented-example-key"
LONG_LINE = 4096  # longer lines are analysed in windows around the prefilter's hits
WINDOW_BEFORE = 400
WINDOW_AFTER = 1200
MAX_FINDINGS_PER_FILE = 500
CUSTOM_KEYS = {"name", "pattern", "keywords", "severity", "confidence", "message", "cwe"}


def _compile(rule: Rule) -> Detector:
    m = rule.matcher
    kind = m.get("detector", "pattern")
    if kind not in DETECTOR_KINDS:
        raise RuleError(rule.source, rule.id, "detector", f"unknown detector {kind!r} (known: {', '.join(DETECTOR_KINDS)})")
    keywords = m.get("keywords") or []
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k for k in keywords):
        raise RuleError(rule.source, rule.id, "keywords", "must be a list of non-empty strings")
    prefilter = _regex(rule, "prefilter", m.get("prefilter"))
    if not keywords and prefilter is None and kind != "example":
        raise RuleError(rule.source, rule.id, "keywords", "a secrets rule needs keywords or a prefilter")
    if kind == "pattern":
        pattern = _regex(rule, "pattern", m.get("pattern"))
        if pattern is None:
            raise RuleError(rule.source, rule.id, "pattern", "a pattern detector needs a pattern")
        validate = m.get("validate")
        if validate is not None and validate not in VALIDATORS:
            raise RuleError(rule.source, rule.id, "validate", f"unknown check {validate!r} (known: {', '.join(VALIDATORS)})")
        context = _regex(rule, "context", m.get("context"), re.IGNORECASE)
        return PatternDetector(rule, tuple(keywords), prefilter, pattern, context, validate)
    if kind == "detect-secrets":
        try:
            return DETECTOR_CLASSES[kind](rule, tuple(keywords), prefilter, str(m.get("plugin")))
        except ValueError as exc:
            raise RuleError(rule.source, rule.id, "plugin", str(exc)) from None
    if kind == "private-key":
        return DETECTOR_CLASSES[kind](rule, tuple(keywords), prefilter, tuple(m.get("key-types") or ()))
    return DETECTOR_CLASSES[kind](rule, tuple(keywords), prefilter)


def _regex(rule: Rule, name: str, source: Any, flags: int = 0) -> re.Pattern[str] | None:
    if source is None:
        return None
    if not isinstance(source, str) or not source:
        raise RuleError(rule.source, rule.id, name, "must be a non-empty regular expression")
    if rule.source.startswith(BUNDLED_PREFIX):  # checked by the tests: compiled when first used
        return LazyPattern(source, flags, f"{rule.source}: rule {rule.id}: {name}")  # type: ignore[return-value]
    try:  # a pattern from a repository (pack or secrets.custom-patterns) runs on RE2: linear time
        return compile_linear(source, flags)
    except RailguardError as exc:
        raise RuleError(rule.source, rule.id, name, str(exc)) from None


def custom_rules(config: Config) -> tuple[list[Rule], list[RuleError]]:
    """Rules from `[tool.railguard.secrets] custom-patterns = [{name, pattern, keywords, ...}]`."""
    rules: list[Rule] = []
    errors: list[RuleError] = []
    where = config.source or "configuration"
    for i, raw in enumerate(config.get("custom-patterns", "secrets")):
        label = f"secrets.custom-patterns[{i}]"
        if not isinstance(raw, dict):
            errors.append(RuleError(where, label, None, "must be a table with name, pattern and keywords"))
            continue
        unknown = set(raw) - CUSTOM_KEYS
        name = raw.get("name")
        if unknown:
            errors.append(RuleError(where, label, sorted(unknown)[0],
                                    f"unknown key (known: {', '.join(sorted(CUSTOM_KEYS))})"))
            continue
        if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
            errors.append(RuleError(where, label, "name", "must be a lowercase slug such as 'internal-domain'"))
            continue
        try:
            severity = Severity.parse(str(raw.get("severity", "medium")))
            confidence = Confidence.parse(str(raw.get("confidence", "medium")))
        except ValueError as exc:
            errors.append(RuleError(where, label, None, str(exc)))
            continue
        keywords = raw.get("keywords", [])
        if isinstance(keywords, str):
            keywords = [keywords]
        rules.append(Rule(
            id=f"secrets.custom.{name}", title=f"Custom sensitive pattern '{name}'", analyzer="secrets",
            languages=("any",), severity=severity, confidence=confidence,
            message=str(raw.get("message") or f"matches the project's sensitive pattern '{name}'"),
            cwe=tuple(int(c) for c in raw.get("cwe", [200]) if isinstance(c, int)),
            tags=("secrets", "custom"),
            docs=RuleDocs(what=f"A pattern configured in {where} under secrets.custom-patterns."),
            matcher={"pattern": raw.get("pattern"), "keywords": keywords}, pack="custom", source=where,
        ))
    return rules, errors


def _fast_regex(source: str) -> Any:
    """RE2 (linear time, far faster on big alternations) when installed, Python's re otherwise."""
    try:
        import re2  # type: ignore[import-not-found]

        from railguard.engine.lazyre import re2_options

        return re2.compile(source.encode(), re2_options())
    except ImportError:  # pragma: no cover - google-re2 is a dependency; this is the safety net
        return re.compile(source.encode())
    except Exception:  # an RE2-incompatible fragment: Python's engine still runs it
        return re.compile(source.encode())


def build_prefilter(detectors: list[Detector]) -> Any:
    keywords = sorted({k for d in detectors for k in d.keywords}, key=lambda k: (-len(k), k))
    parts = []
    if keywords:
        parts.append("(?i:" + "|".join(re.escape(k) for k in keywords) + ")")
    parts += sorted({d.prefilter.pattern for d in detectors if d.prefilter is not None})
    return _fast_regex("|".join(parts)) if parts else None


class SecretsAnalyzer(Analyzer):
    name = "secrets"
    precedence = 3

    def __init__(self, rules: list[Rule], config: Config) -> None:
        self.config = config
        section = config.section("secrets")
        self.enabled = bool(section["enabled"])
        self.errors: list[RuleError] = []  # reported by the engine when it is built
        excluded = {e if e.startswith("secrets.") else f"secrets.{e}" for e in section["exclude-providers"]}
        extra, custom_errors = custom_rules(config)
        self.errors += custom_errors
        self.example_rule: Rule | None = None
        self.detectors: list[Detector] = []
        for rule in [*rules, *extra]:
            if rule.id in excluded:
                continue
            if rule.id == EXAMPLE_RULE or rule.matcher.get("detector") == "example":
                self.example_rule = rule
                continue
            if not section["entropy"] and rule.matcher.get("detector") in ("generic", "authorization-header"):
                continue
            if not section["sensitive-data"] and rule.matcher.get("validate") in SENSITIVE_VALIDATORS:
                continue
            try:
                self.detectors.append(_compile(rule))
            except RuleError as exc:
                self.errors.append(exc)
        self.detectors.sort(key=lambda d: d.priority)
        self.base64_limit = float(section["base64-limit"])
        self.hex_limit = float(section["hex-limit"])
        self._prefilter: Any = None
        self._entropy_plugins: tuple[Any, Any] | None = None
        self._baseline: set[tuple[str, str]] | None = None
        self._providers: list[PatternDetector] | None = None

    # ------------------------------------------------------------ set-up

    @property
    def prefilter(self) -> Any:
        if self._prefilter is None:
            self._prefilter = build_prefilter(self.detectors)
        return self._prefilter

    def entropy(self, value: str, hexadecimal: bool = False) -> float:
        """Shannon entropy through detect-secrets' own plugins, configured for this analyzer only."""
        if self._entropy_plugins is None:
            from detect_secrets.plugins.high_entropy_strings import (
                Base64HighEntropyString,
                HexHighEntropyString,
            )

            self._entropy_plugins = (Base64HighEntropyString(limit=self.base64_limit),
                                     HexHighEntropyString(limit=self.hex_limit))
            self._base64_charset = frozenset(self._entropy_plugins[0].charset)
        plugin = self._entropy_plugins[1 if hexadecimal else 0]
        if not hexadecimal and not set(value) <= self._base64_charset:
            return filters.shannon_entropy(value)  # the plugin would ignore the characters outside its charset
        return float(plugin.calculate_shannon_entropy(value))

    def baseline_path(self, config: Config) -> Path | None:
        name = config.get("detect-secrets-baseline", "secrets")
        if not name:
            return None
        path = Path(name)
        return path if path.is_absolute() else config.root / path

    def prepare(self, files: list[tuple[Path, str]], config: Config, *, surface: str = "ci",
                use_cache: bool = False, read: Callable[[Path, str], bytes | None] | None = None) -> dict:
        """Project facts for the process pool: the detect-secrets baseline, loaded once (through
        `read` when given: the commit gate reads the staged baseline, not the work tree's)."""
        entries, notice = self._load_baseline(config, read)
        facts: dict[str, Any] = {"detect_secrets_baseline": sorted([list(e) for e in entries])}
        if notice:
            facts["notices"] = [notice]
        return facts

    def _load_baseline(self, config: Config, read: Callable[[Path, str], bytes | None] | None = None,
                       ) -> tuple[set[tuple[str, str]], str]:
        path = self.baseline_path(config)
        data = read(path, "") if read is not None and path is not None else None
        if path is None or (data is None and (read is not None or not path.exists())):
            explicit = "detect-secrets-baseline" in config.values.get("secrets", {})
            return set(), (f"{path}: detect-secrets baseline not found" if explicit and path else "")
        try:
            return load_detect_secrets_baseline(path, data), ""
        except RailguardError as exc:
            return set(), str(exc)

    def _baseline_for(self, context: ScanContext) -> set[tuple[str, str]]:
        facts = context.project.get("secrets")
        if facts is not None:
            if self._baseline is None:
                self._baseline = {(f, h) for f, h in facts.get("detect_secrets_baseline", [])}
            return self._baseline
        if self._baseline is None:  # a single document (the editor): load it here, once
            self._baseline, notice = self._load_baseline(self.config)
            if notice:
                context.notices.append(Notice(str(self.baseline_path(self.config)), notice.split(": ", 1)[-1],
                                              "warning"))
        return self._baseline

    # ------------------------------------------------------------ scanning

    def applies_to(self, document: Document) -> bool:
        return self.enabled and bool(self.detectors)

    def analyze(self, document: Document, context: ScanContext) -> Iterable[Finding]:
        prefilter = self.prefilter
        if prefilter is None:
            return []
        candidates = self._candidates(document, prefilter)
        hits = self._detect(document, candidates) if candidates else []
        hits += self._hidden(document)
        if not hits:
            return []
        hits = _drop_overlaps(hits)
        baseline = self._baseline_for(context)
        if baseline:
            hits = [h for h in hits if not _in_baseline(h, document.path, baseline)]
        return self._findings(document, hits, catalogue="translation" in context.kinds)

    def _random(self, value: str) -> bool:
        return filters.looks_random(value, self.base64_limit, self.entropy, self.hex_limit)

    def _hidden(self, document: Document) -> list[SecretHit]:
        """Keys split over concatenated literals or base64-encoded (engine/secrets/evasions.py)."""
        if self._providers is None:
            self._providers = provider_detectors(self.detectors)
        ctx = LineContext(document, 0, 0, document.language, filters.is_lock_file(document.path), self.entropy,
                          self.base64_limit, self.hex_limit, {})
        return hidden_hits(document, self._providers, ctx)

    def _candidates(self, document: Document, prefilter: Any) -> dict[int, list[tuple[int, int]]]:
        """line -> byte windows (relative to the line) to analyse."""
        starts = document.line_starts
        data = document.data
        out: dict[int, list[tuple[int, int]]] = {}
        for m in prefilter.finditer(data):
            pos = m.start()
            line = bisect.bisect_right(starts, pos) - 1
            line_start = starts[line]
            line_end = starts[line + 1] if line + 1 < len(starts) else len(data)
            if line_end - line_start <= LONG_LINE:
                out.setdefault(line, [(0, line_end - line_start)])
                continue
            rel = pos - line_start
            lo, hi = max(0, rel - WINDOW_BEFORE), min(line_end - line_start, rel + WINDOW_AFTER)
            windows = out.setdefault(line, [])
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
            else:
                windows.append((lo, hi))
        return out

    def _detect(self, document: Document, candidates: dict[int, list[tuple[int, int]]]) -> list[SecretHit]:
        hits: list[SecretHit] = []
        cache: dict[str, Any] = {}
        lock_file = filters.is_lock_file(document.path)
        chunks: list[tuple[int, str, int, str]] = []  # line, text, offset in the line, lower case
        for line, spans in sorted(candidates.items()):
            raw = document.line_bytes(line)
            for lo, hi in spans:
                text = raw[lo:hi].decode("utf-8", "surrogateescape")
                offset = len(raw[:lo].decode("utf-8", "surrogateescape")) if lo else 0
                chunks.append((line, text, offset, text.lower()))
        # the detectors whose keywords occur in a candidate window: the others trigger on none
        lowered = "\0".join(c[3] for c in chunks)
        detectors = [d for d in self.detectors if d.may_trigger(lowered)]
        for line, text, offset, lower in chunks:
            ctx = LineContext(document, line, offset, document.language, lock_file, self.entropy,
                              self.base64_limit, self.hex_limit, cache)
            for detector in detectors:
                if detector.triggered(text, lower):
                    hits.extend(detector.find(text, ctx))
            if len(hits) > MAX_FINDINGS_PER_FILE * 4:
                return hits
        return hits

    def _findings(self, document: Document, hits: list[SecretHit], catalogue: bool = False) -> list[Finding]:
        by_line: dict[int, list[SecretHit]] = {}
        for h in hits:
            by_line.setdefault(h.line, []).append(h)
        findings: list[Finding] = []
        for h in hits[:MAX_FINDINGS_PER_FILE]:
            rule = h.rule
            message = rule.message
            if h.example:
                if self.example_rule is None:
                    continue
                message = self.example_rule.message.replace("{{provider}}", rule.title)
                rule = self.example_rule
            findings.append(self._finding(document, h, rule, message, by_line[h.line], catalogue))
        return findings

    def _finding(self, document: Document, hit: SecretHit, rule: Rule, message: str,
                 same_line: list[SecretHit], catalogue: bool = False) -> Finding:
        line_text = document.line_text(hit.line)
        start_byte = document.line_starts[hit.line] + len(line_text[: hit.start].encode("utf-8", "surrogateescape"))
        if hit.end_line >= 0 and hit.end_line != hit.line:
            end_byte = document.offset_at(hit.end_line, hit.end_col)
        else:
            end_byte = document.line_starts[hit.line] + len(line_text[: hit.end].encode("utf-8", "surrogateescape"))
        rng = document.range_of(start_byte, end_byte)
        snippet = _redacted_snippet(line_text, hit, same_line)
        confidence = rule.confidence
        if where.is_generic(rule) and (where.usage_example(document, hit.line, hit.start,
                                                            hit.end if hit.end_line < 0 else -1)
                                       or where.in_sample_data(document, hit.line, hit.start)
                                       or where.enum_member(document, hit.line, hit.start)
                                       or (filters.is_keyboard_filler(hit.value)
                                           and where.in_documentation(document, hit.line, hit.start))
                                       or (catalogue and (not self._random(hit.value) or _words(hit.value)))):
            # an illustration: a payload example in a doc comment with a typed-up token; or a
            # translation catalogue's UI text (`"reset-password": "Passwort-Zurücksetzen-Seite"`)
            confidence = Confidence.LOW
        elif rule.matcher.get("validate") == "jwt" and jwt_expired(hit.value, time.time()):
            # a recorded token that expired long ago (a provider response kept for a test) grants nothing
            confidence = Confidence.LOW
            message = f"{message} (expired: its exp claim lies in the past)"
        return Finding(
            rule_id=rule.id,
            severity=rule.severity,
            confidence=confidence,
            message=message,
            path=document.path,
            range=rng,
            cwe=rule.cwe,
            analyzer="secrets",
            fingerprint=secret_fingerprint(rule.id, hit.value),
            evidence=secret_evidence(snippet, hit.value),
            tags=rule.tags,
        )


def _one_word(value: str) -> bool:
    """A word of a language, however long (`Passwortwiederholung`, `Wachtwoordconfiguratie`): letters
    only, lower case or capitalised once; random letters mix their cases."""
    return value.isalpha() and (value.islower() or value.istitle())


_WORD_SEPARATORS = re.compile(r"[-\s'’]+")


def _words(value: str) -> bool:
    """Words of a language joined by hyphens or spaces (`API-Zugriffstoken`, `HTTP-perustodennus`):
    each part a word (`_one_word`) or a short acronym; in a translation catalogue, UI text."""
    parts = [p for p in _WORD_SEPARATORS.split(value) if p]
    return bool(parts) and all(_one_word(p) or (p.isalpha() and p.isupper() and len(p) <= 5) for p in parts)


def _redacted_snippet(line: str, hit: SecretHit, same_line: list[SecretHit]) -> str:
    spans = []
    for h in same_line:
        end = len(line) if h.end_line >= 0 and h.end_line != h.line else h.end
        spans.append((h.start, end, h.value))
    # the same text elsewhere on the line is the secret too (`postgres://app:app@db`: a user name
    # equal to the password)
    for value in {v for _, _, v in spans if len(v) >= 4}:
        at = line.find(value)
        while at >= 0:
            if not any(s < at + len(value) and at < e for s, e, _ in spans):
                spans.append((at, at + len(value), value))
            at = line.find(value, at + 1)
    out = line
    for start, end, value in sorted(spans, reverse=True):
        out = out[:start] + redacted_marker(value) + out[end:]
    if len(out) > 200:  # a long line: start the snippet a little before the hit
        shift = sum(len(redacted_marker(v)) - (e - s) for s, e, v in spans if s < hit.start)
        begin = max(0, hit.start + shift - 60)
        if begin:
            return printable("…" + out[begin:].strip())
    return printable(out.strip())


def _drop_overlaps(hits: list[SecretHit]) -> list[SecretHit]:
    """On each line, a hit that overlaps a more specific one goes."""
    kept: list[SecretHit] = []
    taken: dict[int, list[tuple[int, int]]] = {}
    for h in sorted(hits, key=lambda h: (h.priority, h.line, h.start)):
        spans = taken.setdefault(h.line, [])
        if any(h.start < e and s < h.end for s, e in spans):
            continue
        spans.append((h.start, h.end))
        kept.append(h)
    kept.sort(key=lambda h: (h.line, h.start))
    return kept


def _in_baseline(hit: SecretHit, path: str, baseline: set[tuple[str, str]]) -> bool:
    for value in (hit.value, *hit.aliases):
        if (path, detect_secrets_hash(value)) in baseline:
            return True
    return False


ANALYZER = SecretsAnalyzer
