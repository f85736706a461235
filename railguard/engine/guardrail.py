"""`policy.config-weakens-guardrail`: a repository's railguard config that makes railguard see
less is a finding in that config file, so CI shows it and a reviewer sees it in the diff.

The config being judged cannot switch this off: `enforce` adds the finding for the config in use
after every filter that config controls (disable, enable, analyzers, excludes, severity
overrides, thresholds). Only the user-level config (`accept-weakened-config`) or a
command-line flag silences it, and the commit gate records that in the audit log.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railguard.engine.ai.common import Hit
from railguard.model import Confidence, Severity

if TYPE_CHECKING:
    from railguard.config import Config
    from railguard.engine.engine import Engine
    from railguard.model import Finding

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RULE_ID = "policy.config-weakens-guardrail"
DETECTOR = "config-weakens-guardrail"
CATCH_ALL = {"*", "**", "**/*", "/", ".", "./", "*.*", "/**", "**/", "/*"}
SOURCE_SUFFIXES = (".py", ".pyi", ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".java", ".go", ".rb", ".php",
                   ".kt", ".cs", ".rs", ".vue", ".svelte")
_EXTENSION_WIDE = re.compile(r"^(?:\*\*/)?\*(\.[A-Za-z0-9]+)$")  # "*.py", "**/*.py"


def _defaults() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    from railguard.config import SCHEMA

    return {k: v[1] for k, v in SCHEMA[""].items()}, {s: {k: v[1] for k, v in keys.items()}
                                                      for s, keys in SCHEMA.items() if s}


def _key_span(text: str, key: str, after: int = 0) -> tuple[int, int]:
    m = re.compile(r"(?m)^[ \t]*[\"']?" + re.escape(key) + r"[\"']?[ \t]*=[^\n]*").search(text, after)
    return (m.start(), m.end()) if m else (0, 0)


def _section_start(text: str, header: str) -> int:
    m = re.compile(r"(?m)^[ \t]*\[" + re.escape(header) + r"\][ \t]*(?:#.*)?$").search(text)
    return m.end() if m else 0


def _railguard_table(path: str, text: str) -> tuple[dict[str, Any] | None, str]:
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
        return None, ""
    tool = data.get("tool")
    if path.rsplit("/", 1)[-1] == "pyproject.toml":
        cfg = tool.get("railguard") if isinstance(tool, dict) else None
        return (cfg if isinstance(cfg, dict) else None), "tool.railguard"
    if isinstance(tool, dict) and isinstance(tool.get("railguard"), dict):
        return tool["railguard"], "tool.railguard"
    return data, ""


def _stricter(value: Any, default: dict[str, str]) -> bool:
    """Whether a threshold table asks for more than the default (a higher bar: fewer findings)."""
    if not isinstance(value, dict):
        return False
    try:
        if "severity" in value and Severity.parse(str(value["severity"])) > Severity.parse(default["severity"]):
            return True
        if "confidence" in value and (Confidence.parse(str(value["confidence"]))
                                      > Confidence.parse(default["confidence"])):
            return True
    except ValueError:
        return False
    return False


def weakening_hits(path: str, text: str,
                   severity_of: Callable[[str], Severity | None] | None = None) -> Iterator[Hit]:
    """Each setting of a railguard config (`.railguard.toml`, `[tool.railguard]`) that makes it
    see less. `severity_of(rule_id)` tells an override that lowers a rule (unknown: below high)."""
    cfg, base = _railguard_table(path, text)
    if not cfg:
        return
    top_defaults, section_defaults = _defaults()
    top = _section_start(text, base) if base else 0

    def hit(key: str, problem: str, section: str = "", high: bool = False) -> Hit:
        header = ".".join(p for p in (base, section) if p)
        start = _section_start(text, header) if header else top
        s, e = _key_span(text, key, start)
        if (s, e) == (0, 0) and section:  # an inline table: `secrets = { enabled = false }`
            s, e = _key_span(text, section, top)
        return Hit(DETECTOR, s, e, {"setting": f"{section + '.' if section else ''}{key}", "problem": problem},
                   severity=Severity.HIGH if high else None)

    analyzers = cfg.get("analyzers")
    if isinstance(analyzers, list):
        missing = [a for a in top_defaults["analyzers"] if a not in analyzers]
        if not analyzers:
            yield hit("analyzers", "no analyzer runs", high=True)
        elif missing:
            yield hit("analyzers", f"analyzers not run: {', '.join(missing)}")
    disable = cfg.get("disable")
    if isinstance(disable, list) and disable:
        if any(isinstance(i, str) and i.strip() in ("*", "", "**") for i in disable):
            yield hit("disable", "every rule is disabled", high=True)
        else:
            yield hit("disable", f"rules disabled: {', '.join(str(i) for i in disable[:5])}"
                      + (f" and {len(disable) - 5} more" if len(disable) > 5 else ""))
    if isinstance(cfg.get("enable"), list) and cfg["enable"]:
        yield hit("enable", "only the listed rules run")
    for key in ("exclude", "extend-exclude"):
        items = cfg.get(key)
        if not isinstance(items, list):
            continue
        patterns = [i.strip() for i in items if isinstance(i, str)]
        if any(p in CATCH_ALL for p in patterns):
            yield hit(key, "every file is excluded", high=True)
            continue
        suffixes = sorted({m.group(1) for p in patterns if (m := _EXTENSION_WIDE.match(p))
                           and m.group(1).lower() in SOURCE_SUFFIXES})
        if suffixes:
            yield hit(key, f"every {', '.join(suffixes)} source file is excluded", high=True)
    size = cfg.get("max-file-size")
    if isinstance(size, int) and not isinstance(size, bool) and size < top_defaults["max-file-size"]:
        yield hit("max-file-size", f"files over {size:,} bytes are not scanned")
    timeout = cfg.get("file-timeout")
    if isinstance(timeout, (int, float)) and not isinstance(timeout, bool) and timeout < top_defaults["file-timeout"]:
        yield hit("file-timeout", "analysis of a file stops at once" if timeout <= 0 else
                  f"analysis of a file stops after {timeout:g} s")
    if cfg.get("suppression-requires-reason") is False:
        yield hit("suppression-requires-reason", "suppressions without a reason are accepted")
    overrides = cfg.get("severity-overrides")
    if isinstance(overrides, dict):
        for rule_id, value in overrides.items():
            try:
                new = Severity.parse(str(value))
            except ValueError:
                continue
            old = severity_of(rule_id) if severity_of is not None else None
            if new < (old if old is not None else Severity.HIGH):
                s, e = _key_span(text, rule_id, _section_start(text, ".".join(p for p in (base, "severity-overrides")
                                                                              if p)) or top)
                if (s, e) == (0, 0):
                    s, e = _key_span(text, "severity-overrides", top)
                yield Hit(DETECTOR, s, e, {"setting": f"severity-overrides.{rule_id}",
                                           "problem": f"lowered to {new.label}"})
    thresholds = cfg.get("thresholds")
    if isinstance(thresholds, dict):
        for surface, value in thresholds.items():
            default = section_defaults["thresholds"].get(surface)
            if isinstance(default, dict) and _stricter(value, default):
                yield hit(surface, f"fewer findings reported at the {surface} threshold", "thresholds")
    secrets = cfg.get("secrets")
    if isinstance(secrets, dict):
        sd = section_defaults["secrets"]
        if secrets.get("enabled") is False:
            yield hit("enabled", "secret detection is off", "secrets")
        for flag in ("entropy", "sensitive-data"):
            if secrets.get(flag) is False:
                yield hit(flag, f"{flag} detection is off", "secrets")
        if isinstance(secrets.get("exclude-providers"), list) and secrets["exclude-providers"]:
            yield hit("exclude-providers", "providers' keys are not detected", "secrets")
        for limit in ("base64-limit", "hex-limit"):
            value = secrets.get(limit)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value > sd[limit]:
                yield hit(limit, f"entropy limit raised to {value:g}", "secrets")
    hook = cfg.get("hook")
    if isinstance(hook, dict):
        if hook.get("fail-open") is True:
            yield hit("fail-open", "the commit hook lets commits through when it cannot check them", "hook")
        if _stricter(hook.get("ai-assisted-threshold"), section_defaults["hook"]["ai-assisted-threshold"]):
            yield hit("ai-assisted-threshold", "fewer findings reported for AI-assisted commits", "hook")
    semgrep = cfg.get("semgrep")
    if isinstance(semgrep, dict) and semgrep.get("fail-closed") is False:
        yield hit("fail-closed", "a failing semgrep backend lets the scan pass", "semgrep")


def enforce(findings: list[Finding], engine: Engine, config_path: Path | None, text: bytes | None,
            display: str) -> list[Finding]:
    """The findings of this rule for the config in use, whatever that config disabled, excluded
    or overrode; only those not in `findings` already are returned."""
    if config_path is None or text is None:
        return []
    decoded = text.decode("utf-8", "replace")

    def severity_of(rule_id: str) -> Severity | None:
        rule = engine.rules_by_id.get(rule_id)
        return rule.severity if rule is not None else None

    hits = list(weakening_hits(display, decoded, severity_of))
    if not hits:
        return []
    from railguard.engine.ai.common import CharToByte
    from railguard.engine.document import Document
    from railguard.engine.findings import assign_fingerprints, make_finding

    rule = _rule()
    doc = Document(display, text, "text")
    to_byte = CharToByte(decoded)
    have = {(f.path, f.range.start_byte) for f in findings if f.rule_id == RULE_ID}
    out: list[Finding] = []
    for h in hits:
        start = to_byte(h.start)
        if (display, start) in have:
            continue
        message = rule.message.replace("{{setting}}", h.captures["setting"]).replace("{{problem}}",
                                                                                     h.captures["problem"])
        f = make_finding(rule, doc, start, to_byte(h.end), message=message)
        out.append(f.with_changes(severity=h.severity) if h.severity is not None else f)
    return assign_fingerprints(out, doc)


def _rule():
    """The bundled rule, whatever the repository's config enabled or disabled."""
    from railguard.rules.loader import BUNDLED_DIR, load_rule_file

    rules, errors = load_rule_file(BUNDLED_DIR / "policy" / "config.yaml", "policy")
    for rule in rules:
        if rule.id == RULE_ID:
            return rule
    raise RuntimeError(f"bundled rule {RULE_ID} is missing: {errors}")


def config_findings(config: Config, engine: Engine,
                    read: Callable[[Path], bytes | None] | None = None) -> list[Finding]:
    """This rule's findings for the config in use (`config.source`), read through `read` (the
    commit gate reads the staged file) or from disk."""
    if not config.source:
        return []
    path = Path(config.source)
    if read is not None:
        text = read(path)
    else:
        try:
            text = path.read_bytes()
        except OSError:
            return []
    try:
        display = path.resolve().relative_to(config.root.resolve()).as_posix()
    except (ValueError, OSError):
        display = path.as_posix()
    return enforce([], engine, path, text, display)


def at_default_threshold(findings: list[Finding], surface: str) -> list[Finding]:
    """What a surface shows of this rule: judged by railguard's default threshold for the surface,
    not by the thresholds of the config that is being judged."""
    from railguard.config import SCHEMA

    raw = SCHEMA["thresholds"].get(surface, SCHEMA["thresholds"]["ci"])[1]
    severity, confidence = Severity.parse(raw["severity"]), Confidence.parse(raw["confidence"])
    return [f for f in findings if f.severity >= severity and f.confidence >= confidence]


def accepted_by_user(flag: bool) -> str:
    """Why weakening is accepted ("" when it is not): a command-line flag or the user-level config."""
    if flag:
        return "--accept-weakened-config"
    from railguard.model import RailguardError
    from railguard.userconfig import load_user_config

    try:
        user = load_user_config()
    except RailguardError:
        return ""
    return f"accept-weakened-config in {user.source}" if user.accept_weakened_config else ""
