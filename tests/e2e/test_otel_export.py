"""OpenTelemetry end to end: the CLI, the commit hook and the MCP server export over OTLP/HTTP
to a receiver this test runs on 127.0.0.1, switched on only by the standard OTEL_* variables;
no exported byte holds a secret or the scanned text. Off, the CLI and hook never import the SDK."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from opentelemetry.proto.collector.metrics.v1.metrics_service_pb2 import ExportMetricsServiceRequest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from tests.e2e.mcp_client import agent_session, server_env
from tests.githelpers import Repo
from tests.secret_samples import sample
from tests.unit.test_telemetry import MARKER, vulnerable

pytestmark = pytest.mark.slow


class Receiver:
    """A minimal OTLP/HTTP collector: keeps every request body by path, answers 200."""

    def __init__(self) -> None:
        self.bodies: list[tuple[str, bytes]] = []
        received = self.bodies

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length", 0))
                received.append((self.path, self.rfile.read(length)))
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def env(self, **extra: str) -> dict[str, str]:
        return {"OTEL_EXPORTER_OTLP_ENDPOINT": self.endpoint, "OTEL_SERVICE_NAME": "railguard-test",
                "OTEL_BSP_SCHEDULE_DELAY": "100", **extra}

    def spans(self) -> list[tuple[str, dict]]:
        out = []
        for path, body in self.bodies:
            if path == "/v1/traces":
                request = ExportTraceServiceRequest.FromString(body)
                for rs in request.resource_spans:
                    for ss in rs.scope_spans:
                        out += [(s.name, {a.key: _value(a.value) for a in s.attributes}) for s in ss.spans]
        return out

    def metric_names(self) -> set[str]:
        names = set()
        for path, body in self.bodies:
            if path == "/v1/metrics":
                for rm in ExportMetricsServiceRequest.FromString(body).resource_metrics:
                    for sm in rm.scope_metrics:
                        names |= {m.name for m in sm.metrics}
        return names

    def raw(self) -> bytes:
        return b"".join(body for _, body in self.bodies)


def _value(v):  # an OTLP AnyValue
    kind = v.WhichOneof("value")
    if kind == "array_value":
        return tuple(_value(x) for x in v.array_value.values)
    return getattr(v, kind) if kind else None


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.server.shutdown()


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "railguard", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def _assert_no_leak(raw: bytes, token: str) -> None:
    assert token.encode() not in raw and token[4:14].encode() not in raw
    assert MARKER.encode() not in raw and b"yaml.load(text)" not in raw and b"signed by us" not in raw


def test_cli_scan_and_commit_hook_export_over_otlp_http(receiver: Receiver, tmp_path: Path) -> None:
    token = sample("github-token")
    home = tmp_path / "home"
    home.mkdir()
    repo = Repo(tmp_path / "repo", home)
    repo.write("app.py", vulnerable(token))
    repo.git("add", "app.py")

    scan = _run(["scan", "app.py", "--no-cache", "--format", "concise"], repo.path,
                server_env(receiver.env(), home=home))
    assert scan.returncode == 1, scan.stderr
    hook = _run(["hook", "--staged"], repo.path,
                server_env(receiver.env(RAILGUARD_ALLOW="python.yaml-load: our build; secrets.*: rotated"), home=home))
    assert hook.returncode == 0, hook.stdout + hook.stderr

    spans = receiver.spans()
    scans = [a for n, a in spans if n == "railguard.scan"]
    assert [s["railguard.surface"] for s in scans] == ["ci", "commit"]
    assert scans[0]["railguard.files"] == 1 and scans[0]["railguard.findings.critical"] == 1
    (gate,) = [a for n, a in spans if n == "railguard.commit_gate"]
    assert gate["railguard.gate.decision"] == "passed" and gate["railguard.gate.override"] == "RAILGUARD_ALLOW"
    assert set(gate["railguard.gate.override.rules"]) == {"python.yaml-load", "secrets.github-token"}
    assert [a["railguard.suppressions.rules"] for n, a in spans if n == "railguard.suppressions_added"] == [
        ("python.pickle-load",)]
    assert {"railguard.scans", "railguard.findings", "railguard.scan.duration", "railguard.gate.decisions",
            "railguard.suppressions.added"} <= receiver.metric_names()
    assert b"railguard-test" in receiver.raw()  # the service name from OTEL_SERVICE_NAME
    _assert_no_leak(receiver.raw(), token)


async def test_mcp_server_exports_tool_calls(receiver: Receiver, tmp_path: Path) -> None:
    token = sample("aws-access-key-id")
    async with agent_session(tmp_path, env=server_env(receiver.env())) as session:
        result = await session.call_tool("scan_code", {"code": vulnerable(token), "path": "app.py"})
        assert not result.is_error
        assert (await session.call_tool("scan_code", {"code": vulnerable(token)})).is_error  # no path
    spans = receiver.spans()
    calls = [a for n, a in spans if n == "railguard.mcp.tool_call"]
    assert [(c["railguard.mcp.tool"], c["railguard.mcp.outcome"]) for c in calls] == [("scan_code", "ok")]
    assert [a["railguard.surface"] for n, a in spans if n == "railguard.scan"] == ["agent"]
    # the SDK's own request spans go to the same exporter, without the arguments
    assert any(n == "tools/call scan_code" for n, _ in spans)
    assert "railguard.mcp.tool_calls" in receiver.metric_names()
    _assert_no_leak(receiver.raw(), token)


PROBE = """
import sys
from railguard.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("opentelemetry", "mcp", "pydantic"))
print("HEAVY:" + ",".join(heavy))
"""


@pytest.mark.parametrize("args", [["scan", "app.py", "--no-cache"], ["hook", "--staged"]])
def test_off_means_not_even_imported(tmp_path: Path, args: list[str]) -> None:
    home = tmp_path / "home"
    home.mkdir()
    repo = Repo(tmp_path / "repo", home)
    repo.write("app.py", vulnerable(sample("github-token")))
    repo.git("add", "app.py")
    r = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=repo.path, env=server_env(home=home),
                       capture_output=True, text=True, timeout=120)
    assert "HEAVY:" in r.stdout, r.stderr
    assert r.stdout.split("HEAVY:")[1].strip() == ""
