"""OpenTelemetry records, read back from the SDK's in-memory exporters: scans, commit-gate
decisions and overrides, suppressions a commit adds, agent hooks and MCP tool calls. No
exported field may carry a secret or the scanned text."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from railguard import telemetry
from railguard.cli import main
from railguard.config import Config
from railguard.hooks.agent import run_agent_hook
from railguard.hooks.commit import HookOptions, run_commit_msg, run_hook
from railguard.hooks.output import Printer
from tests.githelpers import Repo
from tests.secret_samples import sample

MARKER = "very_distinctive_identifier_4711"  # source text that must never be exported


def vulnerable(token: str) -> str:
    return (f'import pickle\nimport yaml\n\n{MARKER} = "{token}"\n\n'
            "def load(text):\n    return yaml.load(text)\n\n"
            "def thaw(blob):\n    return pickle.loads(blob)  # railguard: ignore[python.pickle-load] signed by us\n")


@dataclass
class Exported:
    spans: InMemorySpanExporter
    metrics: InMemoryMetricReader
    _metric_json: str = ""

    def named(self, name: str) -> list[dict[str, Any]]:
        return [dict(s.attributes or {}) for s in self.spans.get_finished_spans() if s.name == name]

    def points(self, metric: str) -> list[tuple[dict[str, Any], Any]]:
        data = json.loads(self.metric_json())
        out = []
        for rm in data["resource_metrics"]:
            for sm in rm["scope_metrics"]:
                for m in sm["metrics"]:
                    if m["name"] == metric:
                        out += [(p["attributes"], p.get("value", p.get("sum"))) for p in m["data"]["data_points"]]
        return out

    def metric_json(self) -> str:
        data = self.metrics.get_metrics_data()
        if data is not None:
            self._metric_json = data.to_json()
        return self._metric_json or '{"resource_metrics": []}'

    def everything(self) -> str:
        return "\n".join([*(s.to_json() for s in self.spans.get_finished_spans()), self.metric_json()])


@pytest.fixture
def otel(monkeypatch: pytest.MonkeyPatch):
    for var in ("RAILGUARD_ALLOW", "CLAUDECODE", "GEMINI_CLI", "CODEX_SANDBOX"):
        monkeypatch.delenv(var, raising=False)
    spans = InMemorySpanExporter()
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(spans))
    reader = InMemoryMetricReader()
    telemetry.configure(tracer_provider, MeterProvider(metric_readers=[reader]))
    yield Exported(spans, reader)
    telemetry.reset()


def test_switched_on_only_by_otel_variables_or_config() -> None:
    assert not telemetry.wanted(None, {})
    assert telemetry.wanted(None, {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"})
    assert telemetry.wanted(None, {"OTEL_TRACES_EXPORTER": "otlp"})
    assert not telemetry.wanted(None, {"OTEL_TRACES_EXPORTER": "none", "OTEL_METRICS_EXPORTER": "none"})
    assert not telemetry.wanted(None, {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://x", "OTEL_SDK_DISABLED": "true"})
    assert telemetry.wanted(Config(values={"telemetry": {"enabled": True}}), {})
    assert not telemetry.wanted(Config(values={"telemetry": {"enabled": True}}), {"OTEL_SDK_DISABLED": "TRUE"})
    assert not telemetry.wanted(Config(), {})


def test_cli_scan(otel: Exported, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    token = sample("github-token")
    target = tmp_path / "app.py"
    target.write_text(vulnerable(token))
    monkeypatch.chdir(tmp_path)
    assert main(["scan", "app.py", "--no-cache", "--format", "json", "--output", str(tmp_path / "out.json")]) == 1
    (scan,) = otel.named("railguard.scan")
    assert scan["railguard.surface"] == "ci" and scan["railguard.files"] == 1
    assert (scan["railguard.findings.critical"], scan["railguard.findings.high"]) == (1, 1)  # the token, yaml.load
    assert scan["railguard.suppressed"] == 1
    assert scan["railguard.findings"] == sum(scan[f"railguard.findings.{s}"] for s in telemetry.SEVERITIES)
    by_severity = {a["railguard.severity"]: v for a, v in otel.points("railguard.findings")}
    assert by_severity["high"] == scan["railguard.findings.high"]
    assert [v for _, v in otel.points("railguard.files")] == [1]
    exported = otel.everything()
    assert token not in exported and token[4:14] not in exported and MARKER not in exported
    assert "yaml.load(text)" not in exported


def _staged_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, token: str) -> Repo:
    home = tmp_path / "home"
    home.mkdir()
    repo = Repo(tmp_path / "repo", home)
    repo.write("README.md", "hello\n")
    repo.git("add", ".")
    repo.commit("init")
    repo.write("app.py", vulnerable(token))
    repo.git("add", "app.py")
    monkeypatch.chdir(repo.path)
    for key, value in repo.env().items():
        if key.startswith("GIT_"):
            monkeypatch.setenv(key, value)
    return repo


def test_commit_gate_decisions_overrides_agents_and_added_suppressions(
        otel: Exported, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    token = sample("aws-access-key-id")
    repo = _staged_repo(tmp_path, monkeypatch, token)
    quiet = Printer(io.StringIO(), color=False)

    monkeypatch.setenv("CLAUDECODE", "1")  # the commit is run by Claude Code's shell
    assert run_hook(HookOptions(staged=True), quiet) == 1
    (blocked,) = otel.named("railguard.commit_gate")
    assert blocked["railguard.gate.decision"] == "blocked" and blocked["railguard.gate.stage"] == "pre-commit"
    assert "python.yaml-load" in blocked["railguard.gate.rules"] and blocked["railguard.gate.blocking"] >= 2
    assert (blocked["railguard.agent"], blocked["railguard.agent.source"]) == ("claude-code", "environment")
    assert "railguard.gate.override" not in blocked
    (added,) = otel.named("railguard.suppressions_added")
    assert added["railguard.suppressions.rules"] == ("python.pickle-load",)
    assert [a["railguard.surface"] for a in otel.named("railguard.scan")] == ["commit"]

    monkeypatch.delenv("CLAUDECODE")
    monkeypatch.setenv("RAILGUARD_ALLOW", "python.yaml-load: our build output; secrets.*: rotated test key")
    assert run_hook(HookOptions(staged=True), quiet) == 0
    passed = otel.named("railguard.commit_gate")[-1]
    assert passed["railguard.gate.decision"] == "passed" and passed["railguard.gate.override"] == "RAILGUARD_ALLOW"
    assert "python.yaml-load" in passed["railguard.gate.override.rules"] and "railguard.agent" not in passed

    monkeypatch.delenv("RAILGUARD_ALLOW")
    message = repo.write(".git/COMMIT_EDITMSG", "Add loader\n\nCo-authored-by: Claude <noreply@anthropic.com>\n")
    assert run_commit_msg(str(message), HookOptions(), quiet) == 1
    trailer = otel.named("railguard.commit_gate")[-1]
    assert trailer["railguard.gate.stage"] == "commit-msg" and trailer["railguard.gate.threshold"] == "ai-assisted"
    assert trailer["railguard.agent"].startswith("Co-authored-by: Claude") and \
        trailer["railguard.agent.source"] == "trailer"

    decisions = {(a["railguard.gate.decision"], a["railguard.gate.stage"], a["railguard.agent"]): v
                 for a, v in otel.points("railguard.gate.decisions")}
    assert decisions == {("blocked", "pre-commit", "claude-code"): 1, ("passed", "pre-commit", "none"): 1,
                         ("blocked", "commit-msg", trailer["railguard.agent"]): 1}
    exported = otel.everything()
    assert token not in exported and MARKER not in exported and "signed by us" not in exported


def test_fail_open_names_what_let_it_through(otel: Exported, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _staged_repo(tmp_path, monkeypatch, sample("github-token"))
    repo.write(".railguard.toml", "no-such-key = 1\n")  # railguard cannot check: a config error, staged
    repo.git("add", ".railguard.toml")
    quiet = Printer(io.StringIO(), color=False)
    assert run_hook(HookOptions(staged=True), quiet) == 2
    assert otel.named("railguard.commit_gate")[-1]["railguard.gate.decision"] == "error"
    monkeypatch.setenv("RAILGUARD_FAIL_OPEN", "1")
    assert run_hook(HookOptions(staged=True), quiet) == 0
    last = otel.named("railguard.commit_gate")[-1]
    assert (last["railguard.gate.decision"], last["railguard.gate.override"]) == ("fail-open", "RAILGUARD_FAIL_OPEN")


def test_agent_hook_names_the_agent_from_its_input(otel: Exported, tmp_path: Path) -> None:
    token = sample("github-token")
    target = tmp_path / "app.py"
    target.write_text(vulnerable(token))
    event = {"hook_event_name": "PostToolUse", "tool_name": "Write", "cwd": str(tmp_path),
             "tool_input": {"file_path": str(target), "content": vulnerable(token)}}
    assert run_agent_hook(json.dumps(event), stderr=io.StringIO()) == 2
    (hook,) = otel.named("railguard.agent_hook")
    assert (hook["railguard.agent"], hook["railguard.agent.source"]) == ("claude-code", "hook-input")
    assert hook["railguard.agent_hook.decision"] == "feedback" and "python.yaml-load" in hook["railguard.findings.rules"]
    assert token not in otel.everything() and MARKER not in otel.everything()


async def test_mcp_tool_calls(otel: Exported, tmp_path: Path) -> None:
    from mcp import Client

    from railguard.mcp_server.scanning import Scanner
    from railguard.mcp_server.server import build_server

    token = sample("github-token")
    app = build_server(Scanner(), roots=(tmp_path.resolve(),))
    async with Client(app) as client:
        ok = await client.call_tool("scan_code", {"code": vulnerable(token), "path": "app.py"})
        assert not ok.is_error
        refused = await client.call_tool("scan_files", {"paths": ["../elsewhere.py"]})
        assert refused.is_error
    calls = {(a["railguard.mcp.tool"], a["railguard.mcp.outcome"]) for a in otel.named("railguard.mcp.tool_call")}
    assert calls == {("scan_code", "ok"), ("scan_files", "refused")}
    (scan,) = otel.named("railguard.scan")
    assert scan["railguard.surface"] == "agent" and scan["railguard.findings.high"] >= 1
    assert {a["railguard.mcp.tool"] for a, _ in otel.points("railguard.mcp.tool.duration")} == {"scan_code",
                                                                                                "scan_files"}
    assert token not in otel.everything() and MARKER not in otel.everything()
