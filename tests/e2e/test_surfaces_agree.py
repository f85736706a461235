"""The CLI, the commit hook and the language server show the same findings for one project:
one baseline (the default path, no config naming it), the configured thresholds, the
configured and the default excludes, all decided by the one policy stage."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import pytest_lsp
from pytest_lsp import LanguageClient

from tests.e2e.lsp_client import config, open_doc, start, wait_publish
from tests.githelpers import Repo

ACCEPTED = "import yaml\n\n\ndef read(fh):\n    return yaml.load(fh)\n"
NEW = ACCEPTED + ("\n\ndef run(cmd, url):\n    import os\n    import requests\n    os.system(cmd)\n"
                  "    return requests.get(url, verify=False)\n")
VULNERABLE = "import pickle\n\n\ndef load(b):\n    return pickle.loads(b)\n"
CONFIG = """exclude = ["generated_api/"]
severity-overrides = {"python.tls-verify-disabled" = "medium"}
[thresholds]
editor = {severity = "high", confidence = "medium"}
commit = {severity = "high", confidence = "medium"}
ci = {severity = "high", confidence = "medium"}
"""
GUARDRAIL = "policy.config-weakens-guardrail"  # the config judged at the default threshold, by design
FILES = ("app.py", "vendor/lib.py", "generated_api/client.py", "node_modules/pkg/index.py")


@pytest.fixture
def project(tmp_path: Path) -> Repo:
    (tmp_path / "home").mkdir()
    repo = Repo(tmp_path / "project", tmp_path / "home")
    repo.write(".railguard.toml", CONFIG)
    repo.write("app.py", ACCEPTED)
    made = repo.railguard("baseline", "create", ".")  # the default path: .railguard-baseline.json
    assert made.returncode == 0, made.stderr
    assert (repo.path / ".railguard-baseline.json").is_file()
    repo.write("app.py", NEW)
    for name in FILES[1:]:
        repo.write(name, VULNERABLE)
    repo.git("add", "-A")
    return repo


def _cli(repo: Repo) -> set[tuple[str, int, str]]:
    out = repo.railguard("scan", ".", "-f", "json", "--no-cache")
    assert out.returncode == 1, out.stderr
    data = json.loads(out.stdout)
    assert data["summary"]["baselined"] >= 1
    assert data["summary"]["below_threshold"] == 1  # verify=False, overridden to medium
    return {(f["path"], f["range"]["start"]["line"], f["rule_id"]) for f in data["findings"]
            if f["rule_id"] != GUARDRAIL}


def _hook(repo: Repo) -> set[tuple[str, int, str]]:
    out = repo.railguard("hook", "--staged")
    assert out.returncode == 1, out.stdout + out.stderr
    found = re.findall(r"^(\S+?):(\d+):\d+: \w+ (\S+):", out.stdout, re.MULTILINE)
    return {(path, int(line), rule) for path, line, rule in found if rule != GUARDRAIL}


@pytest_lsp.fixture(config=config())
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def test_cli_hook_and_editor_agree(client: LanguageClient, project: Repo):
    cli = _cli(project)
    hook = _hook(project)
    await start(client, [project.path])
    editor: set[tuple[str, int, str]] = set()
    for name in FILES:
        path = project.path / name
        uri = open_doc(client, path, path.read_text())
        published = await wait_publish(client, uri, 1)
        editor |= {(name, d.range.start.line + 1, str(d.code)) for d in published.diagnostics}
    # the new command injection is shown; the accepted yaml.load (baseline), verify=False (overridden
    # to medium, below the configured threshold) and every file under an exclude are not
    assert {path for path, _, _ in cli} == {"app.py"}
    assert {rule for _, _, rule in cli} == {"python.os-system"}
    assert cli and cli == hook == editor
