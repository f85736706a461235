"""The `ai` analyzer: rules for the attack surface that coding agents bring.

Rule matcher (YAML, `analyzer: ai`):

    detector: claude-bypass-permissions   # which built-in detector reports for this rule
    options: {instruction-files: [...]}   # detector options (optional)

The detectors live in railguard/engine/ai/, in three groups: agent configuration
(agent_config.py: agent and editor settings, MCP servers, railguard's own config), supply
chain (supply_chain.py: undeclared imports, typosquats, package sources) and hidden text
(hidden_text.py: invisible Unicode, confusable identifiers). This module compiles the
rules, asks each group for the hits of the families the rules need, and turns hits into
findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from railguard.engine.ai.agent_config import AgentConfig
from railguard.engine.ai.common import CharToByte, DetectorGroup, Family, Hit, redact
from railguard.engine.ai.hidden_text import HiddenText
from railguard.engine.ai.supply_chain import SupplyChain
from railguard.engine.analyzers.base import Analyzer
from railguard.engine.findings import make_finding
from railguard.engine.fixes import render_template
from railguard.engine.paths import PathFilter
from railguard.model import Evidence, Finding, Fix, Notice, Rule, TextEdit
from railguard.rules.loader import RuleError

if TYPE_CHECKING:
    from railguard.config import Config
    from railguard.engine.analyzers.base import ScanContext
    from railguard.engine.document import Document

MAX_HITS_PER_RULE = 200
_URL_CREDENTIALS = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/@\s\"']+@", re.IGNORECASE)

# family name -> Family, in the order families run (hidden text, agent configuration, supply chain)
FAMILIES: dict[str, Family] = {**HiddenText.families, **AgentConfig.families, **SupplyChain.families}
KIND_TO_FAMILY = {kind: name for name, fam in FAMILIES.items() for kind in fam.kinds}


@dataclass(frozen=True)
class AiRule:
    rule: Rule
    kind: str
    options: dict[str, Any]
    paths: PathFilter | None


def compile_ai_rule(rule: Rule) -> AiRule:
    kind = rule.matcher.get("detector")
    if not isinstance(kind, str) or kind not in KIND_TO_FAMILY:
        known = ", ".join(sorted(KIND_TO_FAMILY))
        raise RuleError(rule.source, rule.id, "detector", f"unknown detector {kind!r} (known: {known})")
    options = rule.matcher.get("options") or {}
    if not isinstance(options, dict):
        raise RuleError(rule.source, rule.id, "options", "must be a mapping")
    return AiRule(rule, kind, options, PathFilter.from_patterns(rule.paths) if rule.paths else None)


class AiAnalyzer(Analyzer):
    name = "ai"
    precedence = 4

    def __init__(self, rules: list[Rule], config: Config) -> None:
        self.config = config
        self.errors: list[RuleError] = []
        self.by_kind: dict[str, list[AiRule]] = {}
        for rule in rules:
            try:
                ar = compile_ai_rule(rule)
            except RuleError as exc:
                self.errors.append(exc)
                continue
            self.by_kind.setdefault(ar.kind, []).append(ar)
        self.families = [name for name, fam in FAMILIES.items() if any(k in self.by_kind for k in fam.kinds)]
        options = {kind: [ar.options for ar in compiled] for kind, compiled in self.by_kind.items()}
        self.supply_chain = SupplyChain()
        groups: list[DetectorGroup] = [HiddenText(options), AgentConfig(), self.supply_chain]
        self.group_of = {name: group for group in groups for name in group.families}
        self._reported_errors = False

    # ------------------------------------------------------------ engine protocol

    def _family_applies(self, name: str, document: Document) -> bool:
        return FAMILIES[name].wants(document)

    def applies_to(self, document: Document) -> bool:
        if self.errors and not self._reported_errors:
            return True
        return any(self._family_applies(name, document) for name in self.families)

    def prepare(self, files: list[tuple[Path, str]], config: Config, *, surface: str = "ci",
                use_cache: bool = False, read: Callable[[Path, str], bytes | None] | None = None) -> dict:
        """Declared dependencies and local module names, once per scan (JSON-serialisable)."""
        if "undeclared-import" not in self.by_kind:
            return {}
        return self.supply_chain.prepare(files, read)

    def analyze(self, document: Document, context: ScanContext) -> Iterable[Finding]:
        if not self._reported_errors and self.errors:
            self._reported_errors = True
            context.notices.extend(Notice(e.source, str(e).split(": ", 1)[-1], "error") for e in self.errors)
        findings: list[Finding] = []
        to_byte = CharToByte(document.text)
        for name in self.families:
            if not self._family_applies(name, document):
                continue
            counts: dict[str, int] = {}
            for hit in self.group_of[name].hits(name, document, context):
                for ar in self.by_kind.get(hit.kind, ()):
                    if ar.paths is not None and not ar.paths.matches(document.path):
                        continue
                    counts[ar.rule.id] = counts.get(ar.rule.id, 0) + 1
                    if counts[ar.rule.id] > MAX_HITS_PER_RULE:
                        continue
                    findings.append(self._finding(ar.rule, document, hit, to_byte))
        return findings

    # ------------------------------------------------------------ findings

    def _finding(self, rule: Rule, doc: Document, hit: Hit, to_byte: CharToByte) -> Finding:
        bstart, bend = to_byte(hit.start), to_byte(hit.end)
        message = render_template(rule.message, hit.captures)
        fix = None
        if hit.replacement is not None and rule.fix is not False:
            fix = Fix(hit.fix_description or "Apply the suggested fix",
                      (TextEdit(doc.range_of(bstart, bend), hit.replacement),), hit.fix_safe)
        finding = make_finding(rule, doc, bstart, bend, fix=fix, message=message)
        changes: dict[str, Any] = {}
        if hit.secret is not None:
            changes["evidence"] = redact(hit.secret)
        elif finding.evidence is not None and _URL_CREDENTIALS.search(finding.evidence.snippet):
            masked = _URL_CREDENTIALS.sub(r"\g<scheme>***@", finding.evidence.snippet)
            changes["evidence"] = Evidence(snippet=masked, redacted=True)
        if hit.severity is not None:
            changes["severity"] = hit.severity
        if hit.confidence is not None:
            changes["confidence"] = hit.confidence
        return finding.with_changes(**changes) if changes else finding


ANALYZER = AiAnalyzer
