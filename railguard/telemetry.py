"""OpenTelemetry spans and metrics for railguard's decisions: scans, commit-gate verdicts and
their overrides, suppressions in committed code, agent hooks and MCP tool calls.

Off unless switched on: the standard `OTEL_*` environment variables (an OTLP endpoint, or
`OTEL_TRACES_EXPORTER` / `OTEL_METRICS_EXPORTER` other than `none`), or
`[tool.railguard.telemetry] enabled = true`. A repository's config can switch it on but
cannot choose where the data goes: the endpoint comes only from the environment (default
`http://localhost:4318`). `OTEL_SDK_DISABLED=true` always wins.

Zero cost when off: this module imports only the standard library; the SDK and the exporter
(the `otel` extra) are imported on the first record after telemetry was found switched on.

Attributes are counts, rule ids, severities, paths relative to the project, decisions and
identities. Never a secret, a snippet or any source text: the record functions take
findings and copy only those fields.
"""

from __future__ import annotations

import atexit
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

SCOPE = "railguard"
ENDPOINT_VARS = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                 "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")
EXPORTER_VARS = ("OTEL_TRACES_EXPORTER", "OTEL_METRICS_EXPORTER")
SEVERITIES = ("critical", "high", "medium", "low", "info")
DEFAULT_TIMEOUT_S = 1.0
MISSING_EXTRA = "telemetry is switched on but the 'otel' extra is missing: pip install 'railguard[otel]'"


@dataclass
class _Instruments:
    tracer: Any
    meter: Any
    scans: Any
    scan_duration: Any
    files: Any
    findings: Any
    decisions: Any
    suppressions: Any
    tool_calls: Any
    tool_duration: Any
    providers: tuple[Any, ...]


_active: _Instruments | None = None
_decided = False  # setup was tried (on or off) in this process


def wanted(config: Any = None, environ: Mapping[str, str] | None = None) -> bool:
    """True when the environment or the project's config switches telemetry on."""
    env = os.environ if environ is None else environ
    if env.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    if any(env.get(k, "").strip() for k in ENDPOINT_VARS):
        return True
    if any(env.get(k, "").strip().lower() not in ("", "none") for k in EXPORTER_VARS):
        return True
    if config is not None:
        try:
            return bool(config.get("enabled", "telemetry"))
        except KeyError:
            return False
    return False


def ensure(config: Any = None) -> bool:
    """Switch telemetry on once per process if the environment or config asks for it."""
    global _decided
    if _active is not None:
        return True
    if _decided and config is None:
        return False
    if not wanted(config):
        _decided = True
        return False
    _decided = True
    try:
        _start_otlp()
    except ImportError:
        import sys

        print(f"railguard: {MISSING_EXTRA}", file=sys.stderr)
        return False
    return True


def _start_otlp() -> None:
    import logging

    from opentelemetry import metrics, trace
    from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    from railguard import __version__

    # endpoint, headers and service name come from the OTEL_* variables (SDK defaults); the
    # timeout too when set, else a short one: a collector that is down must not stall a commit
    # for the SDK's default 10 s of retries per exporter
    timeout = None if os.environ.get("OTEL_EXPORTER_OTLP_TIMEOUT") else DEFAULT_TIMEOUT_S
    logging.getLogger("opentelemetry").setLevel(logging.ERROR)  # no retry chatter in hook output
    resource = Resource.create({"service.name": os.environ.get("OTEL_SERVICE_NAME") or "railguard",
                                "service.version": __version__})
    tracer_provider = TracerProvider(resource=resource)
    tracer_provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(timeout=timeout)))
    meter_provider = MeterProvider(resource=resource, metric_readers=[
        PeriodicExportingMetricReader(OTLPMetricExporter(timeout=timeout), export_interval_millis=30_000)])
    trace.set_tracer_provider(tracer_provider)
    metrics.set_meter_provider(meter_provider)
    configure(tracer_provider, meter_provider)
    atexit.register(shutdown)


def configure(tracer_provider: Any, meter_provider: Any) -> None:
    """Record into these providers (the OTLP ones, or a test's in-memory ones)."""
    global _active, _decided
    from railguard import __version__

    tracer = tracer_provider.get_tracer(SCOPE, __version__)
    meter = meter_provider.get_meter(SCOPE, __version__)
    _active = _Instruments(
        tracer=tracer,
        meter=meter,
        scans=meter.create_counter("railguard.scans", unit="{scan}", description="scans run"),
        scan_duration=meter.create_histogram("railguard.scan.duration", unit="s", description="scan wall time"),
        files=meter.create_counter("railguard.files", unit="{file}", description="files scanned"),
        findings=meter.create_counter("railguard.findings", unit="{finding}",
                                      description="findings reported, by severity"),
        decisions=meter.create_counter("railguard.gate.decisions", unit="{decision}",
                                       description="commit-gate decisions"),
        suppressions=meter.create_counter("railguard.suppressions.added", unit="{suppression}",
                                          description="suppression comments added by commits, by rule"),
        tool_calls=meter.create_counter("railguard.mcp.tool_calls", unit="{call}", description="MCP tool calls"),
        tool_duration=meter.create_histogram("railguard.mcp.tool.duration", unit="s",
                                             description="MCP tool call wall time"),
        providers=(tracer_provider, meter_provider),
    )
    _decided = True


def shutdown() -> None:
    """Flush and stop (exports what is pending). Safe to call twice."""
    global _active
    state, _active = _active, None
    if state is None:
        return
    for provider in state.providers:
        try:
            provider.shutdown()
        except Exception:  # noqa: BLE001 - an exporter that cannot flush must not fail the command
            pass


def reset() -> None:
    """Forget the decision (tests)."""
    global _active, _decided
    _active, _decided = None, False


# ---------------------------------------------------------------- records


def _by_severity(findings: Iterable[Any]) -> dict[str, int]:
    counts = Counter(f.severity.label for f in findings)
    return {s: counts.get(s, 0) for s in SEVERITIES}


def record_scan(surface: str, files: int, findings: Iterable[Any], duration_s: float, *,
                suppressed: int = 0, errors: int = 0, config: Any = None) -> None:
    """One scan: how many files, the findings by severity, how long. Nothing of their text."""
    if not ensure(config):
        return
    state = _active
    assert state is not None
    severities = _by_severity(findings)
    attrs: dict[str, Any] = {"railguard.surface": surface, "railguard.files": files,
                             "railguard.findings": sum(severities.values()), "railguard.suppressed": suppressed,
                             "railguard.errors": errors, "railguard.duration_ms": round(duration_s * 1000, 3)}
    attrs.update({f"railguard.findings.{s}": n for s, n in severities.items()})
    _span("railguard.scan", attrs, duration_s)
    state.scans.add(1, {"railguard.surface": surface})
    state.files.add(files, {"railguard.surface": surface})
    state.scan_duration.record(duration_s, {"railguard.surface": surface})
    for severity, n in severities.items():
        if n:
            state.findings.add(n, {"railguard.surface": surface, "railguard.severity": severity})


def record_gate(decision: str, *, stage: str, threshold: str, blocking: Iterable[Any] = (),
                overridden: Iterable[str] = (), override_by: str = "", agent: str = "", agent_source: str = "",
                config: Any = None) -> None:
    """A commit-gate decision: blocked | passed | error | fail-open; who overrode it (the env var
    or flag) and for which rules; the agent named by the commit's trailers or hook input."""
    if not ensure(config):
        return
    state = _active
    assert state is not None
    blocked = list(blocking)
    attrs: dict[str, Any] = {"railguard.gate.decision": decision, "railguard.gate.stage": stage,
                             "railguard.gate.threshold": threshold, "railguard.gate.blocking": len(blocked),
                             "railguard.gate.rules": sorted({f.rule_id for f in blocked})}
    rules = sorted(set(overridden))
    if override_by:
        attrs["railguard.gate.override"] = override_by
        attrs["railguard.gate.override.rules"] = rules
    if agent:
        attrs["railguard.agent"] = agent
        attrs["railguard.agent.source"] = agent_source
    _span("railguard.commit_gate", attrs)
    state.decisions.add(1, {"railguard.gate.decision": decision, "railguard.gate.stage": stage,
                            "railguard.gate.override": override_by or "none", "railguard.agent": agent or "none"})


def record_suppressions(suppressed: Iterable[Any], *, surface: str, config: Any = None) -> None:
    """Suppressions a commit adds (comments on lines the index adds), by rule id."""
    items = list(suppressed)
    if not items or not ensure(config):
        return
    state = _active
    assert state is not None
    by_rule = Counter(f.rule_id for f in items)
    _span("railguard.suppressions_added", {"railguard.surface": surface, "railguard.suppressions": len(items),
                                           "railguard.suppressions.rules": sorted(by_rule)})
    for rule_id, n in by_rule.items():
        state.suppressions.add(n, {"railguard.surface": surface, "railguard.rule": rule_id})


def record_tool_call(tool: str, outcome: str, duration_s: float, *, findings: int | None = None) -> None:
    """One MCP tool call: the tool, ok | refused | error, and how long it took."""
    if not ensure():
        return
    state = _active
    assert state is not None
    attrs: dict[str, Any] = {"railguard.mcp.tool": tool, "railguard.mcp.outcome": outcome,
                             "railguard.duration_ms": round(duration_s * 1000, 3)}
    if findings is not None:
        attrs["railguard.findings"] = findings
    _span("railguard.mcp.tool_call", attrs, duration_s)
    state.tool_calls.add(1, {"railguard.mcp.tool": tool, "railguard.mcp.outcome": outcome})
    state.tool_duration.record(duration_s, {"railguard.mcp.tool": tool})


# hook events by the agent that sends them (hooks/agent.py reads the same shapes)
AGENT_EVENTS = {"PreToolUse": "claude-code", "PostToolUse": "claude-code", "BeforeTool": "gemini-cli",
                "AfterTool": "gemini-cli", "afterFileEdit": "cursor"}


def record_agent_hook(event: str, tool: str, decision: str, findings: Iterable[Any]) -> None:
    """An agent hook checked a file: the agent (from the hook input), its tool, ok | feedback | error."""
    if not ensure():
        return
    items = list(findings)
    agent = AGENT_EVENTS.get(event, "unknown")
    _span("railguard.agent_hook", {"railguard.agent": agent, "railguard.agent.source": "hook-input",
                                   "railguard.agent_hook.event": event, "railguard.agent_hook.tool": tool,
                                   "railguard.agent_hook.decision": decision, "railguard.findings": len(items),
                                   "railguard.findings.rules": sorted({f.rule_id for f in items})})
    assert _active is not None
    _active.decisions.add(1, {"railguard.gate.decision": decision, "railguard.gate.stage": "agent-hook",
                              "railguard.gate.override": "none", "railguard.agent": agent})


def _span(name: str, attrs: dict[str, Any], duration_s: float | None = None) -> None:
    """A span for something that just finished (started duration_s ago)."""
    import time

    state = _active
    assert state is not None
    end = time.time_ns()
    start = end - int(duration_s * 1e9) if duration_s is not None else end
    span = state.tracer.start_span(name, attributes=attrs, start_time=start)
    span.end(end_time=end)
