"""The semgrep backend: semgrep-format rules through the same engine, reports and editor.

semgrep starts slowly (seconds), so it runs once per batch of files: `prepare()` runs
`semgrep scan --json --metrics=off` over every file of a CLI, CI or hook scan and hands
the raw results to the per-file `scan()` as project facts (they also reach the process
pool's workers that way). A document without batch results (the editor on save) gets a
run of its own, with a timeout. Results become ordinary Findings, so suppressions
(`nosemgrep` too), baselines, thresholds and duplicate collapsing apply.

It never uses the network: registry configs (`p/python`, `r/...`, `auto`, URLs) are refused.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railguard.engine.analyzers.base import Analyzer
from railguard.engine.findings import make_finding
from railguard.engine.languages import EXTENSIONS
from railguard.model import Confidence, Finding, Fix, Notice, Rule, RuleDocs, Severity, TextEdit
from railguard.rules.loader import BUNDLED_DIR, RuleError

if TYPE_CHECKING:
    from railguard.config import Config
    from railguard.engine.analyzers.base import ScanContext
    from railguard.engine.document import Document

BUNDLED_SEMGREP = BUNDLED_DIR / "semgrep"
_REGISTRY = re.compile(r"^(p/|r/|s/|auto$|https?://|gh:|policy$|supply-chain$)")
_CWE = re.compile(r"CWE-(\d+)", re.IGNORECASE)
SEVERITY = {
    "ERROR": Severity.HIGH,
    "WARNING": Severity.MEDIUM,
    "INFO": Severity.LOW,
    "CRITICAL": Severity.CRITICAL,
    "HIGH": Severity.HIGH,
    "MEDIUM": Severity.MEDIUM,
    "LOW": Severity.LOW,
    "INVENTORY": Severity.INFO,
    "EXPERIMENT": Severity.INFO,
}
# the languages whose files go to semgrep (what railguard can name by extension)
SEMGREP_LANGUAGES = {"python", "javascript", "typescript", "tsx", "java", "go", "ruby", "php", "rust",
                     "c", "cpp", "csharp", "kotlin", "swift", "yaml", "json", "dockerfile", "shell",
                     "terraform", "html"}
BATCH = 500


def semgrep_command() -> list[str] | None:
    """How to start semgrep: $RAILGUARD_SEMGREP, else the console script; None if not installed."""
    override = os.environ.get("RAILGUARD_SEMGREP")
    if override is not None:
        return [override] if shutil.which(override) or Path(override).is_file() else None
    exe = shutil.which("semgrep")
    if exe:
        return [exe]
    candidate = Path(sys.executable).parent / "semgrep"
    return [str(candidate)] if candidate.exists() else None


def _rule_from_semgrep(raw: dict[str, Any], source: str) -> Rule | None:
    rule_id = raw.get("id")
    if not isinstance(rule_id, str):
        return None
    meta = raw.get("metadata") if isinstance(raw.get("metadata"), dict) else {}
    cwe = tuple(int(m) for c in _as_list(meta.get("cwe")) for m in _CWE.findall(str(c)))
    refs = tuple(str(r) for r in _as_list(meta.get("references")))
    langs = tuple(str(x) for x in _as_list(raw.get("languages"))) or ("any",)
    return Rule(
        id=rule_id,
        title=str(meta.get("title") or rule_id),
        analyzer="semgrep",
        languages=langs,
        severity=SEVERITY.get(str(raw.get("severity", "WARNING")).upper(), Severity.MEDIUM),
        confidence=_confidence(meta),
        message=str(raw.get("message", rule_id)).strip(),
        cwe=cwe,
        owasp=tuple(str(o) for o in _as_list(meta.get("owasp"))),
        tags=("semgrep", *(str(t) for t in _as_list(meta.get("category")))),
        docs=RuleDocs(
            what=str(meta.get("what", "")) or str(raw.get("message", "")).strip(),
            why=str(meta.get("why", "")),
            example=str(meta.get("example", "")),
            instead=str(meta.get("instead", "")),
            references=refs,
        ),
        pack="semgrep",
        source=source,
    )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _confidence(meta: dict[str, Any]) -> Confidence:
    try:
        return Confidence.parse(str(meta.get("confidence", "medium")))
    except ValueError:
        return Confidence.MEDIUM


class SemgrepAnalyzer(Analyzer):
    name = "semgrep"
    extra = "semgrep"
    precedence = 3

    def __init__(self, rules: list[Rule], config: Config) -> None:
        self.config = config
        sect = config.section("semgrep")
        self.settings = sect
        self.errors: list[RuleError] = []
        self.configs: list[str] = []
        for item in sect["configs"]:
            if _REGISTRY.match(item):
                self.errors.append(RuleError(
                    config.source or "config", None, "semgrep.configs",
                    f"{item!r} is a registry config, which needs the network; railguard runs semgrep "
                    "offline: save the rules you want into the repository and list their paths",
                ))
                continue
            path = Path(item)
            if not path.is_absolute():
                path = Path(config.root) / path
            if not path.exists():
                self.errors.append(RuleError(config.source or "config", None, "semgrep.configs",
                                             f"{item}: no such rule file or folder"))
                continue
            self.configs.append(str(path))
        if sect["include-bundled"]:
            self.configs.insert(0, str(BUNDLED_SEMGREP))
        self.enabled = bool(sect["enabled"] or sect["configs"])
        self._extra_rules: list[Rule] | None = None

    # ------------------------------------------------------------------ metadata

    @property
    def extra_rules(self) -> list[Rule]:
        """Rule metadata from the semgrep YAML files (for SARIF help, explain and hover)."""
        if self._extra_rules is None:
            import yaml

            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            out: list[Rule] = []
            for cfg in self.configs:
                p = Path(cfg)
                files = [p] if p.is_file() else sorted(p.rglob("*.y*ml"))
                for f in files:
                    try:
                        data = yaml.load(f.read_bytes(), Loader=loader)  # railguard: ignore[python.yaml-load] CSafeLoader or SafeLoader
                    except (OSError, yaml.YAMLError):
                        continue
                    for raw in (data or {}).get("rules", []) if isinstance(data, dict) else []:
                        if isinstance(raw, dict):
                            rule = _rule_from_semgrep(raw, str(f))
                            if rule is not None:
                                out.append(rule)
            self._extra_rules = out
        return self._extra_rules

    # ------------------------------------------------------------------ running

    def surface_allowed(self, surface: str) -> bool:
        return surface in self.settings["surfaces"]

    def applies_to(self, document: Document) -> bool:
        return self.enabled and document.language in SEMGREP_LANGUAGES

    @classmethod
    def unavailable(cls) -> str | None:
        if semgrep_command() is None:
            return "semgrep is not installed (pip install 'railguard[semgrep]')"
        return None

    def prepare(self, files: list[tuple[Path, str]], config: Config, *, surface: str = "ci",
                use_cache: bool = False, read: Callable[[Path, str], bytes | None] | None = None) -> dict:
        """Run semgrep once over the batch; {display path: [raw results]} plus any error."""
        if not self.enabled or not self.surface_allowed(surface):
            return {}
        targets = [(p, d) for p, d in files if EXTENSIONS.get(os.path.splitext(d)[1].lower()) in SEMGREP_LANGUAGES
                   or os.path.basename(d) == "Dockerfile"]
        if not targets:
            return {"results": {}}
        by_path: dict[str, list[dict]] = {}
        display_of = {str(p.resolve()): d for p, d in targets}
        for i in range(0, len(targets), BATCH):
            chunk = targets[i : i + BATCH]
            outcome = self._run([str(p) for p, _d in chunk])
            if "error" in outcome:
                return {"error": outcome["error"]}
            for res in outcome["results"]:
                disp = display_of.get(str(Path(res.get("path", "")).resolve()))
                if disp is not None:
                    by_path.setdefault(disp, []).append(_slim(res))
        return {"results": by_path, "batch": sorted(d for _p, d in targets)}

    def _run(self, targets: list[str], cwd: str | None = None) -> dict[str, Any]:
        cmd = semgrep_command()
        if cmd is None:
            return {"error": "semgrep is enabled but not installed: pip install 'railguard[semgrep]', "
                             "or disable it with [tool.railguard.semgrep] enabled = false"}
        args = [*cmd, "scan", "--json", "--metrics=off", "--disable-version-check", "--quiet",
                "--no-git-ignore", "--timeout", str(int(self.settings["timeout"])),
                "--max-target-bytes", str(int(self.settings["max-target-bytes"]))]
        for cfg in self.configs:
            args += ["--config", cfg]
        env = {**os.environ, "SEMGREP_SEND_METRICS": "off", "SEMGREP_ENABLE_VERSION_CHECK": "0"}
        try:
            proc = subprocess.run(args + ["--", *targets], capture_output=True, text=True, cwd=cwd,
                                  timeout=float(self.settings["timeout"]) + 60, env=env, check=False)
        except subprocess.TimeoutExpired:
            return {"error": f"semgrep timed out after {self.settings['timeout']:g} s (semgrep.timeout)"}
        except OSError as exc:
            return {"error": f"semgrep could not start: {exc.strerror}"}
        try:
            data = json.loads(proc.stdout)
        except ValueError:
            tail = (proc.stderr.strip().splitlines() or ["no output"])[-1][:300]
            return {"error": f"semgrep failed (exit {proc.returncode}): {tail}"}
        fatal = [e for e in data.get("errors", []) if str(e.get("level", "")).lower() == "error"
                 and not e.get("path")]
        if fatal:
            msg = str(fatal[0].get("message") or fatal[0].get("type"))
            return {"error": "semgrep rejected its configuration: " + msg.strip().splitlines()[0][:300]}
        return {"results": data.get("results", [])}

    def analyze(self, document: Document, context: ScanContext) -> Iterable[Finding]:
        facts = context.project.get("semgrep") or {}
        if "error" in facts:
            self._notice(context, facts["error"])
            return []
        results = facts.get("results", {}).get(document.path) if facts else None
        if results is None:
            if facts.get("batch") is not None or not self.surface_allowed(context.surface):
                return []  # the batch ran and found nothing here, or this surface does not run semgrep
            outcome = self._run_single(document)
            if "error" in outcome:
                self._notice(context, outcome["error"])
                return []
            results = [_slim(r) for r in outcome["results"]]
        return [f for f in (self._finding(r, document) for r in results) if f is not None]

    def _run_single(self, document: Document) -> dict[str, Any]:
        on_disk = Path(self.config.root) / document.path
        try:
            if on_disk.is_file() and on_disk.read_bytes() == document.data:
                return self._run([str(on_disk)])
        except OSError:
            pass
        suffix = os.path.splitext(document.path)[1] or ".txt"
        with tempfile.TemporaryDirectory(prefix="railguard-semgrep-") as tmp:
            target = Path(tmp) / f"buffer{suffix}"
            target.write_bytes(document.data)
            return self._run([str(target)], cwd=tmp)

    def rule_id_of(self, check_id: str) -> str:
        """semgrep prefixes ids with the rule folder's dotted path: map back to the rule's own id."""
        known = {r.id for r in self.extra_rules}
        if check_id in known:
            return check_id
        for rid in sorted(known, key=len, reverse=True):
            if check_id.endswith("." + rid):
                return rid
        return check_id

    def _notice(self, context: ScanContext, message: str) -> None:
        kind = "error" if self.settings["fail-closed"] else "warning"
        context.notices.append(Notice("<semgrep>", message, kind))

    def _finding(self, res: dict[str, Any], doc: Document) -> Finding | None:
        rules = {r.id: r for r in self.extra_rules}
        rule_id = self.rule_id_of(res["check_id"])
        rule = rules.get(rule_id) or _rule_from_semgrep(
            {"id": rule_id, "message": res["message"], "severity": res["severity"], "metadata": res["metadata"]},
            "semgrep")
        if rule is None:
            return None
        start, end = int(res["start"]), int(res["end"])
        if not (0 <= start <= end <= len(doc.data)):
            return None
        fix = None
        if res.get("fix") is not None:
            fix = Fix("Apply the semgrep rule's fix", (TextEdit(doc.range_of(start, end), str(res["fix"])),))
        finding = make_finding(rule, doc, start, end, fix=fix, message=res["message"], analyzer="semgrep")
        return finding.with_changes(
            severity=SEVERITY.get(str(res["severity"]).upper(), rule.severity),
            cwe=rule.cwe or tuple(int(m) for c in _as_list(res["metadata"].get("cwe")) for m in _CWE.findall(str(c))),
        )


def _slim(res: dict[str, Any]) -> dict[str, Any]:
    """What a Finding needs of a semgrep result, JSON-able (project facts reach the workers)."""
    extra = res.get("extra") or {}
    meta = extra.get("metadata") if isinstance(extra.get("metadata"), dict) else {}
    return {
        "check_id": res.get("check_id", "semgrep.unknown"),
        "start": (res.get("start") or {}).get("offset", 0),
        "end": (res.get("end") or {}).get("offset", 0),
        "message": str(extra.get("message", "")).strip(),
        "severity": str(extra.get("severity", "WARNING")),
        "metadata": {k: meta[k] for k in ("cwe", "owasp", "confidence", "references") if k in meta},
        "fix": extra.get("fix"),
    }


ANALYZER = SemgrepAnalyzer
