"""Precision and recall of railguard's secrets analyzer against detect-secrets, per provider.

Generates a labelled corpus (random, format-valid fake keys inside realistic code, config,
comment, docstring, test and Markdown files, plus hard negatives: placeholders, lookups,
truncated keys, UUIDs, git SHAs, lock-file hashes, data URIs, documented example keys),
then runs `railguard scan` and `detect-secrets scan --all-files` on it in the same run.

A line is a positive of one group (a provider) or a negative look-alike of one. railguard
counts a hit only when the finding's rule is that provider's; detect-secrets counts any finding
on the line (it has no type for most of these providers). railguard's info-level findings
(documented example keys) are not counted as reports: they are shown, at info level, on purpose.

    python bench/secrets_quality.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.secret_samples import AN, HEX, KEYS, R, r  # noqa: E402

SPECIAL = {  # how a key of these providers is written where it is used
    "twilio-auth-token": 'client = TwilioClient(account_sid, auth_token="{k}")',
    "mistral-api-key": 'client = Mistral(api_key="{k}")',
    "cohere-api-key": 'co = cohere.ClientV2(api_key="{k}")',
    "azure-storage-account-key": '"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={k};EndpointSuffix=core.windows.net"',
    "azure-connection-string": '"Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey={k}"',
    "docker-registry-auth": '{{"auths": {{"registry.acme.io": {{"auth": "{k}"}}}}}}',
    "aws-secret-access-key": 'aws_secret_access_key = "{k}"',
    "cloudant-credential": 'cloudant_password = "{k}"',
    "ibm-cloud-iam-key": 'ibm_cloud_iam_api_key = "{k}"',
    "ibm-cos-hmac": 'ibm_cos_hmac_secret_access_key = "{k}"',
    "softlayer-api-key": 'softlayer_api_key = "{k}"',
}
CONTEXTS = {  # file -> line template for a key {k} under an environment-style name {n}
    "app/settings.py": '{n} = "{k}"',
    "app/client.py": 'client = make_client(api_key="{k}")',
    "app/notes.py": "# temporary, remove before release: {k}",
    "app/docs.py": '    """Example: export {n}={k}"""',
    "config/app.yaml": "{nl}: {k}",
    "deploy/.env": "{n}={k}",
    "web/config.js": 'export const {n} = "{k}";',
    "tests/test_api.py": '    monkeypatch.setenv("{n}", "{k}")',
    "docs/setup.md": "    curl -H 'X-Debug: 1' https://api.acme.io -d key={k}",
}
NEGATIVES = [
    '{n} = os.environ["{n}"]',
    '{n} = "{p}"',
    'LOG_PREFIX = "{t}"  # the first characters of a key, in a log filter',
    '{n} = "<your-{nl}-here>"',
    "{n}: ${{{n}}}",
]


def placeholder(key: str) -> str:
    head = key[: min(len(key) // 4, 8)]
    return head + "x" * (len(key) - len(head))


def provider_groups() -> dict[str, str]:
    return {slug: slug.upper().replace("-", "_") for slug in KEYS if slug != "generic"}


def build_corpus(root: Path) -> dict[tuple[str, int], tuple[str, bool]]:
    """Write the files; return (file, 1-based line) -> (group, is_positive)."""
    files: dict[str, list[str]] = defaultdict(list)
    labels: dict[tuple[str, int], tuple[str, bool]] = {}

    def add(path: str, line: str, group: str | None, positive: bool) -> None:
        files[path].append(line)
        if group:
            labels[(path, len(files[path]))] = (group, positive)

    for slug, name in provider_groups().items():
        for path, template in CONTEXTS.items():
            key = KEYS[slug]()
            if slug in SPECIAL:
                line = SPECIAL[slug].format(k=key)
                line = f"# {line}" if path.endswith((".yaml", ".env")) else line
            else:
                line = template.format(n=name, nl=name.lower(), k=key)
            add(path, line, slug, True)
            add(path, "", None, False)
        for i, template in enumerate(NEGATIVES):
            key = KEYS[slug]()
            path = ("app/settings.py", "app/settings.py", "app/settings.py", "app/settings.py", "config/app.yaml")[i]
            add(path, template.format(n=name, nl=name.lower(), p=placeholder(key), t=key[:10]),
                slug, False)
            add(path, "", None, False)
    # generic secrets, passwords, headers: positives in secret contexts, negatives elsewhere
    for _ in range(20):
        add("app/services.py", f'SIGNING_SECRET = "{r(40)}"', "generic", True)
        add("app/services.py", f'client = Client(client_secret="{r(32)}")', "generic", True)
        add("config/services.yaml", f"webhook_token: {r(36)}", "generic", True)
        add("app/db.py", 'connect(user="svc", password="' + r(10) + "!" + r(4) + '")', "generic", True)
        add("app/http.py", f'headers = {{"Authorization": "Bearer {r(40)}"}}', "generic", True)
        add("app/services.py", f'REQUEST_ID = "{r(40)}"', "generic", False)
        add("app/services.py", f'session_token = "{r(8, HEX)}-{r(4, HEX)}-4{r(3, HEX)}-a{r(3, HEX)}-{r(12, HEX)}"',
            "generic", False)
        add("app/services.py", f'commit_sha = "{r(40, HEX)}"', "generic", False)
        add("app/services.py", 'api_key = os.getenv("API_KEY")', "generic", False)
        add("app/services.py", 'secret_key = "changeme-before-deploying"', "generic", False)
        add("app/services.py", 'token = "{{ vault_token }}"', "generic", False)
        add("app/http.py", 'headers = {"Authorization": f"Bearer {token}"}', "generic", False)
        add("app/db.py", 'password = get_password(user)', "generic", False)
        add("app/db.py", 'PASSWORD_FIELD = "password"', "generic", False)
        add("web/icons.js", f'const iconToken = "data:image/png;base64,iVBORw0KGgo{r(80, AN + "+/")}";', "generic",
            False)
        add("package-lock.json", f'      "integrity": "sha512-{r(86, AN + "+/")}==",', "generic", False)
    # documented example keys: shown at info level by railguard, never as a leak
    for _ in range(5):
        add("docs/aws.md", "    aws_access_key_id = " + "AKIA" + "IOSFODNN7" + "EXAMPLE", "aws-access-key-id", False)
        add("docs/aws.md", "    aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCY" + "EXAMPLEKEY",
            "aws-secret-access-key", False)
    for path, lines in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines) + "\n")
    return labels


def run_railguard(root: Path) -> dict[tuple[str, int], set[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "railguard", "scan", ".", "-f", "json", "--no-cache", "--exit-zero",
                          "--severity", "low", "--confidence", "low"], cwd=root, capture_output=True, text=True,
                         env=env, check=False)
    found: dict[tuple[str, int], set[str]] = defaultdict(set)
    for f in json.loads(out.stdout)["findings"]:
        if f["analyzer"] == "secrets":
            found[(f["path"], f["range"]["start"]["line"])].add(f["rule_id"].removeprefix("secrets."))
    return found


def run_detect_secrets(root: Path) -> dict[tuple[str, int], set[str]]:
    exe = shutil.which("detect-secrets") or "detect-secrets"
    out = subprocess.run([exe, "scan", "--all-files"], cwd=root, capture_output=True, text=True, check=False)
    found: dict[tuple[str, int], set[str]] = defaultdict(set)
    for path, items in json.loads(out.stdout)["results"].items():
        for item in items:
            found[(path, item["line_number"])].add(item["type"])
    return found


GENERIC_RULES = {"generic-secret", "hardcoded-password", "authorization-header"}


def score(labels, found, strict: bool) -> dict[str, list[int]]:
    """group -> [tp, fp, fn]."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (path, line), (group, positive) in labels.items():
        rules = found.get((path, line), set())
        if strict:
            hit = bool(rules & (GENERIC_RULES if group == "generic" else {group}))
            reported = bool(rules)
        else:
            hit = reported = bool(rules)
        if positive:
            table[group][0 if hit else 2] += 1
        elif reported:
            table[group][1] += 1
    # reports on unlabelled lines are false positives too
    for key, rules in found.items():
        if key not in labels and rules:
            table["(unlabelled lines)"][1] += 1
    return table


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="DIR", help="write the corpus here and keep it")
    args = parser.parse_args()
    R.seed(7)
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="railguard-secrets-quality-"))
    root.mkdir(parents=True, exist_ok=True)
    labels = build_corpus(root)
    rg = score(labels, run_railguard(root), strict=True)
    ds = score(labels, run_detect_secrets(root), strict=False)
    positives = sum(1 for _, p in labels.values() if p)
    print(f"corpus: {len(labels)} labelled lines ({positives} secrets, {len(labels) - positives} look-alikes) "
          f"in {len({p for p, _ in labels})} files\n")
    print(f"{'group':28} {'n':>3}  {'railguard P':>11} {'R':>5}  {'detect-secrets P':>16} {'R':>5}")
    totals = {"railguard": [0, 0, 0], "detect-secrets": [0, 0, 0]}
    for group in sorted(set(rg) | set(ds)):
        a, b = rg.get(group, [0, 0, 0]), ds.get(group, [0, 0, 0])
        for name, t in (("railguard", a), ("detect-secrets", b)):
            totals[name] = [x + y for x, y in zip(totals[name], t, strict=True)]
        n = sum(1 for g, p in labels.values() if g == group and p)
        print(f"{group:28} {n:>3}  {ratio(a[0], a[0] + a[1]):>11.2f} {ratio(a[0], a[0] + a[2]):>5.2f}  "
              f"{ratio(b[0], b[0] + b[1]):>16.2f} {ratio(b[0], b[0] + b[2]):>5.2f}")
    print()
    for name, (tp, fp, fn) in totals.items():
        print(f"{name:15} overall precision {ratio(tp, tp + fp):.3f}  recall {ratio(tp, tp + fn):.3f}  "
              f"(tp {tp}, fp {fp}, fn {fn})")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
