"""The secrets analyzer: providers, redaction, context, hard negatives, settings isolation."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from railguard.config import Config, default_config
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.engine.secrets.filters import looks_random, shannon_entropy
from railguard.engine.secrets.validators import luhn_ok, valid_iban, valid_ssn
from railguard.vcs import scan_paths
from tests.conftest import ROOT
from tests.secret_samples import KEYS, r, sample

PROVIDER_STATEMENTS = {
    "twilio-auth-token": 'twilio = TwilioClient(sid, auth_token="{k}")',
    "mistral-api-key": 'client = Mistral(api_key="{k}")',
    "cohere-api-key": 'co = cohere.ClientV2(api_key="{k}")',
    "azure-storage-account-key": 'CONN = "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={k};"',
    "azure-connection-string": 'SB = "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=R;SharedAccessKey={k}"',
    "docker-registry-auth": 'cfg = {{"auths": {{"r.acme.io": {{"auth": "{k}"}}}}}}',
    "aws-secret-access-key": 'aws_secret_access_key = "{k}"',
    "cloudant-credential": 'cloudant_password = "{k}"',
    "ibm-cloud-iam-key": 'ibm_cloud_iam_api_key = "{k}"',
    "ibm-cos-hmac": 'ibm_cos_hmac_secret_access_key = "{k}"',
    "softlayer-api-key": 'softlayer_api_key = "{k}"',
}


_DEFAULT: list[Engine] = []


def engine(**secrets) -> Engine:
    if not secrets and _DEFAULT:
        return _DEFAULT[0]
    config = default_config(ROOT)
    config.values["secrets"] = dict(secrets)
    config.values.setdefault("", {})["cache"] = False
    if secrets:
        config.values[""]["analyzers"] = ["secrets"]
    eng = Engine(config)
    if not secrets:
        _DEFAULT.append(eng)
    return eng


def scan(text: str, path: str = "app.py", eng: Engine | None = None):
    return (eng or engine()).scan_document(Document.from_text(path, text))


def secret_findings(text: str, path: str = "app.py", eng: Engine | None = None):
    return [f for f in scan(text, path, eng).findings if f.analyzer == "secrets"]


@pytest.mark.parametrize("slug", sorted(s for s in KEYS if s != "generic"))
def test_every_provider_is_found_with_its_own_rule_and_redacted(slug):
    key = sample(slug)
    line = PROVIDER_STATEMENTS.get(slug, 'TOKEN = "{k}"').format(k=key)
    found = secret_findings(line + "\n")
    assert [f.rule_id for f in found] == [f"secrets.{slug}"], (slug, [f.rule_id for f in found])
    f = found[0]
    ev = f.evidence
    assert ev is not None and ev.redacted
    assert len(ev.secret_prefix) <= 4 and key.startswith(ev.secret_prefix) or ev.secret_prefix in key
    assert ev.secret_length > 0 and len(ev.secret_hash) == 16
    assert "[redacted" in ev.snippet and key not in ev.snippet and key not in f.message


def test_at_least_forty_dedicated_provider_rules():
    rules = [r for r in Engine(default_config(ROOT)).ruleset.rules if r.analyzer == "secrets"]
    providers = [r for r in rules if r.matcher.get("detector", "pattern") not in ("generic", "password",
                 "authorization-header", "example") and "sensitive-data" not in r.tags]
    assert len(providers) >= 40
    for rule in rules:
        assert rule.docs.what and rule.docs.why and rule.docs.instead, rule.id
        assert rule.cwe, rule.id


def test_keys_in_comments_and_docstrings_are_found():
    key = sample("anthropic-api-key")
    text = f'def call():\n    """Use {key} when testing."""\n    # backup: {key}\n'
    assert [f.line for f in secret_findings(text)] == [2, 3]


def test_fingerprint_follows_the_value_not_the_line():
    key = sample("openai-api-key")
    a = secret_findings(f'KEY = "{key}"\n')[0]
    b = secret_findings(f'\n\n\nclient = OpenAI(api_key="{key}")\n')[0]
    assert a.fingerprint == b.fingerprint and a.line != b.line
    other = secret_findings(f'KEY = "{sample("openai-api-key")}"\n')[0]
    assert other.fingerprint != a.fingerprint


def test_redaction_marker_and_short_values_get_a_stretched_digest():
    literal = "Tr0ub4" + "dor&3x"
    text = f'db_pass = "{literal}"\n'
    f = secret_findings(text)[0]
    assert f.rule_id == "secrets.hardcoded-password"
    assert f.evidence.secret_prefix == literal[: len(literal) // 4]
    assert f.evidence.secret_hash != hashlib.sha256(literal.encode()).hexdigest()[:16]
    assert literal not in f.evidence.snippet


def test_other_findings_on_a_secret_line_are_scrubbed():
    token = r(40)
    text = f'import requests\nrequests.get(url, verify=False, headers={{"Authorization": "Bearer {token}"}})\n'
    result = scan(text)
    assert any(f.rule_id == "secrets.authorization-header" for f in result.findings)
    others = [f for f in result.findings if f.analyzer != "secrets"]
    assert others, "expected the TLS rule on the same line"
    for f in result.findings:
        assert token not in f.message and token not in (f.evidence.snippet if f.evidence else "")


# ---------------------------------------------------------------- context and hard negatives

@pytest.mark.parametrize("line", [
    'api_key = "{u}"'.format(u="3f2b8c1e-9a4d-4e6f-8b2a-7c5d1e9f0a3b"),
    'token = "{sha}"'.format(sha=hashlib.sha1(b"x").hexdigest()),
    'secret = os.environ["SECRET"]',
    'secret = process.env.SECRET',
    'client_secret = "<client-secret>"',
    'client_secret = "${CLIENT_SECRET}"',
    'client_secret = "{{ client_secret }}"',
    '<input type="password" hz-password-match="{$::form.match$}">',
    'password = "<%= db_password %>"',
    'api_key = "changeme-changeme-changeme"',
    'api_key = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
    'icon_token = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="',
    'BUILD = "{v}"'.format(v="q8Vt3kLm9Np4Rt7Vw1Yz0Ab3Cd6Ef2Gh"),
    'token_url = "https://auth.acme.io/oauth/token/v2/refresh"',
    "    hyperdb.Password  : 'VARCHAR(255)',  # a column type",
    "COLUMNS = {'password': 'character varying(128)'}",
    "  passed to PasswordHTMLProperty::render_plain. (a changelog line)",
    'AUTH_PROFILE_MODULE = "accounts.Profile"',
    'AUTH_BACKEND_SECRET_STORE = "myapp.secretstores.VaultSecretStore"',
    # class names of code: no Artifactory `AP...` password, no Authorization header value
    "from superapp.io.feeding_services.ap import APFeedingService",
    "authorization = AuthorizationServer(query_client=query_client, save_token=save_token)",
    "authorization = build_authorization_header_for_client(client)",
])
def test_hard_negatives_are_not_reported(line):
    assert secret_findings(line + "\n") == []


def test_an_artifactory_password_and_an_authorization_value_beside_class_names_are_still_found():
    import random
    import string

    rng = random.Random(91)  # its own sequence: the shared sample generator's stays untouched
    ap = "AP6" + "".join(rng.choices(string.ascii_letters + string.digits, k=40))
    found = {f.rule_id for f in secret_findings(f'ARTIFACTORY_PASSWORD = "{ap}"\n')}
    assert "secrets.artifactory-token" in found, found
    token = "".join(rng.choices(string.ascii_letters + string.digits, k=32))
    header = f'headers = {{"Authorization": "Bearer {token}"}}\n'
    assert any(f.rule_id == "secrets.authorization-header" for f in secret_findings(header))


def test_dotted_random_value_is_still_a_secret():
    assert [f.rule_id for f in secret_findings('AUTH_SECRET = "Kx9fQ2LmWq7.Zp3Rt7VwYb81Hd"\n')] == [
        "secrets.generic-secret"]


def test_a_password_in_parentheses_or_after_one_colon_is_still_reported():
    value = "Qx7" + "wPz9-Lk2m"
    assert [f.rule_id for f in secret_findings(f"DB = {{'password': 'VARCHAR({value})'}}\n")] == [
        "secrets.hardcoded-password"]
    assert [f.rule_id for f in secret_findings(f"db_password: {value}\n", "config.yaml")] == [
        "secrets.hardcoded-password"]


def test_high_entropy_needs_a_secret_context():
    value = r(40)
    assert [f.rule_id for f in secret_findings(f'signing_key = "{value}"\n')] == ["secrets.generic-secret"]
    assert secret_findings(f'request_id = "{value}"\n') == []
    assert [f.rule_id for f in secret_findings(f"client_secret: {value}\n", "config.yaml")] == ["secrets.generic-secret"]
    assert [f.rule_id for f in secret_findings(f"API_TOKEN={value}\n", ".env")] == ["secrets.generic-secret"]
    assert [f.rule_id for f in secret_findings(f"[auth]\napi_key = {value}\n", "setup.cfg")] == ["secrets.generic-secret"]


def test_lock_files_are_not_searched_for_generic_secrets():
    value = r(40)
    assert secret_findings(f'  "token": "{value}",\n', "package-lock.json") == []


def test_a_provider_key_that_embeds_a_uuid_is_still_found():
    key = sample("langfuse-secret-key")
    assert [f.rule_id for f in secret_findings(f'LANGFUSE_SECRET_KEY = "{key}"\n')] == ["secrets.langfuse-secret-key"]


def test_documented_examples_are_info_not_hidden():
    example_id = "AKIA" + "IOSFODNN7" + "EXAMPLE"
    found = secret_findings(f'aws_access_key_id = "{example_id}"\n')
    assert [(f.rule_id, f.severity.label) for f in found] == [("secrets.documented-example-key", "info")]
    assert "AWS access key id" in found[0].message


def test_private_key_header_without_body_is_not_a_key():
    assert secret_findings('if text.startswith("-----BEGIN RSA PRIVATE KEY-----"):\n    pass\n') == []
    body = "\n".join(r(64, KEYS_B64) for _ in range(5))
    found = secret_findings(f"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n", "id_rsa")
    assert [(f.rule_id, f.line, f.range.end.line) for f in found] == [("secrets.private-key", 1, 6)]
    assert body.splitlines()[0] not in found[0].evidence.snippet


KEYS_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


# ---------------------------------------------------------------- sensitive data

def test_sensitive_data_checks():
    assert luhn_ok("79927398713") and not luhn_ok("79927398710")
    assert valid_iban("DE89 3704 0044 0532 0130 00") and not valid_iban("DE89 3704 0044 0532 0130 01")
    area = "536"  # built here so that the test file holds no SSN-shaped literal
    assert valid_ssn(area + "-22-1234") and not valid_ssn("666-22-1234") and not valid_ssn("900-22-1234")
    assert not valid_ssn("536-00-1234") and not valid_ssn("536-22-0000")


def test_sensitive_data_can_be_switched_off():
    text = 'ssn = "' + "536" + '-22-4821"\n'
    assert [f.rule_id for f in secret_findings(text)] == ["secrets.us-ssn"]
    assert secret_findings(text, eng=engine(**{"sensitive-data": False})) == []


def test_custom_patterns_from_the_configuration():
    eng = engine(**{"custom-patterns": [
        {"name": "internal-domain", "pattern": r"\b[a-z0-9-]+\.corp\.acme\.internal\b", "keywords": ["corp.acme"],
         "severity": "medium"}]})
    found = secret_findings('HOST = "billing-db.corp.acme.internal"\n', eng=eng)
    assert [(f.rule_id, f.severity.label) for f in found] == [("secrets.custom.internal-domain", "medium")]
    assert "billing-db.corp.acme.internal" not in found[0].evidence.snippet


def test_a_bad_custom_pattern_is_a_one_line_error_naming_it():
    eng = engine(**{"custom-patterns": [{"name": "Bad Name", "pattern": "x"}, {"name": "broken", "pattern": "(",
                                                                               "keywords": ["x"]}]})
    messages = [f"{n.path}: {n.message}" for n in eng.load_notices if n.kind == "error"]
    assert any("custom-patterns[0]" in m and "slug" in m for m in messages)
    assert any("secrets.custom.broken" in m and "invalid regular expression" in m for m in messages)
    assert all("\n" not in m for m in messages)


# ---------------------------------------------------------------- settings isolation

def test_two_configurations_share_one_process_without_leaking_settings():
    import detect_secrets.plugins.base as ds_base
    from detect_secrets.settings import get_settings, transient_settings

    before = get_settings().json()
    value = "Gh1Gh1Gh1Jk2Jk2Mn3Mn3"  # 21 characters, entropy about 3.1: between the two limits
    text = f'signing_key = "{value}"\n'
    lenient, strict = engine(**{"base64-limit": 2.0}), engine(**{"base64-limit": 6.0})
    for _ in range(2):  # interleaved, as two editor workspaces would be
        assert [f.rule_id for f in secret_findings(text, eng=lenient)] == ["secrets.generic-secret"]
        assert secret_findings(text, eng=strict) == []
    # a third party reconfiguring detect-secrets' process-wide settings changes nothing here,
    # and never makes railguard verify a secret over the network
    calls = []
    original = ds_base.call_function_with_arguments
    ds_base.call_function_with_arguments = lambda *a, **k: calls.append(a)
    try:
        with transient_settings({"plugins_used": [],
                                 "filters_used": [{"path": "detect_secrets.filters.common."
                                                           "is_ignored_due_to_verification_policies",
                                                   "min_level": 2}]}):
            assert [f.rule_id for f in secret_findings(text, eng=lenient)] == ["secrets.generic-secret"]
            key = sample("cloudant-credential")
            assert [f.rule_id for f in secret_findings(f'cloudant_password = "{key}"\n', eng=strict)] == [
                "secrets.cloudant-credential"]
    finally:
        ds_base.call_function_with_arguments = original
    assert calls == []
    assert get_settings().json() == before


def test_detect_secrets_is_imported_only_when_a_candidate_line_exists():
    code = textwrap.dedent("""
        import sys
        from railguard.config import default_config
        from railguard.engine.document import Document
        from railguard.engine.engine import Engine
        e = Engine(default_config("."))
        e.scan_document(Document.from_text("a.py", "x = 1\\nprint(x)\\n"))
        print("detect_secrets" in sys.modules)
        e.scan_document(Document.from_text("b.py", "client_secret = 'q8Vt3kLm9Np4" + "Rt7Vw1Yz0Ab3'\\n"))
        print("detect_secrets" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["False", "True"], out.stderr


# ---------------------------------------------------------------- detect-secrets baseline and pragmas

def _project(tmp_path: Path, files: dict[str, str], baseline: str | None) -> Config:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    if baseline is not None:
        (tmp_path / ".secrets.baseline").write_text(baseline)
    config = default_config(tmp_path)
    config.values.setdefault("", {})["cache"] = False
    return config


def test_detect_secrets_baseline_is_honoured_per_file(tmp_path):
    key = sample("github-token")
    sha1 = hashlib.sha1(key.encode()).hexdigest()
    baseline = json.dumps({"version": "1.5.0", "results": {"accepted.py": [
        {"type": "GitHub Token", "filename": "accepted.py", "hashed_secret": sha1, "is_verified": False,
         "line_number": 1}]}})
    config = _project(tmp_path, {"accepted.py": f'T = "{key}"\n', "new.py": f'T = "{key}"\n'}, baseline)
    report = scan_paths([str(tmp_path)], config)
    assert sorted(f.path for f in report.findings if f.analyzer == "secrets") == ["new.py"]


def test_a_malformed_baseline_is_a_one_line_notice_not_a_crash(tmp_path):
    key = sample("github-token")
    config = _project(tmp_path, {"a.py": f'T = "{key}"\n'}, '{"results": [1, 2')
    report = scan_paths([str(tmp_path)], config)
    assert [f.rule_id for f in report.findings] == ["secrets.github-token"]
    notes = [n for n in report.notices if "baseline" in n.message]
    assert len(notes) == 1 and notes[0].kind == "warning" and "not valid JSON" in notes[0].message
    assert "\n" not in notes[0].message


def test_pragma_allowlist_secret_suppresses_secrets_only():
    key = sample("stripe-secret-key")
    result = scan(f'STRIPE = "{key}"  # pragma: allowlist secret\n')
    assert not [f for f in result.findings if f.analyzer == "secrets"]
    assert [f.rule_id for f in result.suppressed] == ["secrets.stripe-secret-key"]
    result = scan(f'# pragma: allowlist nextline secret\nSTRIPE = "{key}"\n')
    assert [f.rule_id for f in result.suppressed] == ["secrets.stripe-secret-key"]


# ---------------------------------------------------------------- entropy helpers

def test_looks_random_tracks_length():
    assert looks_random(r(24), 4.5)
    assert not looks_random("my_database_password", 4.5)
    assert not looks_random("ABCDEFGHIJKLMNOPQRSTUVWX", 4.5)
    assert shannon_entropy("aaaa") == 0


def test_base64_of_a_sentence_is_an_example_payload_and_random_bytes_are_not():
    import base64

    prose = base64.b64encode(b"this should actually be encrypted json\n").decode()
    pair = base64.b64encode(b"deploy:Vq3xT9rLm2Kp8s").decode()
    key = base64.b64encode(bytes(range(7, 250, 7))).decode()
    doc = '    """Create a backup.\n\n    {{\n        "auth_data": "{v}"\n    }}\n    """\n'
    assert not secret_findings("def create():\n" + doc.format(v=prose))
    assert not looks_random(prose, 4.5)
    assert looks_random(pair, 4.0) and looks_random(key, 4.0)
    assert [f.rule_id for f in secret_findings("def create():\n" + doc.format(v=key))] == ["secrets.generic-secret"]


def _jwt(claims: dict) -> str:
    import base64

    def part(obj: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")

    signature = hashlib.sha256(json.dumps(claims).encode()).hexdigest()[:43]
    return f"{part({'alg': 'RS256', 'typ': 'JWT'})}.{part(claims)}.{signature}"


@pytest.mark.parametrize(("claims", "confidence"), [
    ({"sub": "u1", "exp": 1553990400}, "low"),  # expired in 2019: a recorded provider response
    ({"sub": "u1", "exp": 4102444800}, "medium"),  # expires in 2100
    ({"sub": "u1", "iat": 1553990400}, "medium"),  # no exp claim: valid until the key is rotated
    ({"sub": "u1", "exp": "1553990400"}, "medium"),  # a malformed claim is no evidence of expiry
])
def test_a_jwt_that_expired_long_ago_is_low_confidence(claims, confidence):
    token = _jwt(claims)
    found = secret_findings(f'ID_TOKEN = "{token}"\n')
    assert [f.rule_id for f in found] == ["secrets.jwt"]
    assert found[0].confidence.name.lower() == confidence
    assert ("expired" in found[0].message) == (confidence == "low")
    assert token not in found[0].message and token not in found[0].evidence.snippet


def test_a_detector_whose_keywords_are_not_in_the_file_is_not_tried_on_its_lines(monkeypatch):
    """A detector is skipped for a file only when none of its keywords occurs in any of the file's
    candidate windows (any case); a detector with a prefilter regex is always tried."""
    eng = engine()
    analyzer = eng._analyzers["secrets"]
    tried: list[str] = []
    for detector in analyzer.detectors:
        def counting(text, lower, _d=detector, _t=detector.triggered):  # noqa: ANN001, ANN202
            tried.append(_d.rule.id)
            return _t(text, lower)
        monkeypatch.setattr(detector, "triggered", counting)
    aws = next(d for d in analyzer.detectors if d.rule.id == "secrets.aws-secret-access-key")
    regex_detectors = {d.rule.id for d in analyzer.detectors if d.prefilter is not None}
    assert regex_detectors and aws.prefilter is None and aws.keywords

    secret_findings('client_secret = "0123456789abcdefghijKLMNOPQRSTuvwxyz0123"\n')  # a candidate line
    assert tried and aws.rule.id not in tried and regex_detectors <= set(tried)
    tried.clear()
    # the keyword in upper case, on the line of the value: tried and reported
    key = sample("aws-secret-access-key")
    found = secret_findings(f'AWS_SECRET_ACCESS_KEY = "{key}"\n')
    assert aws.rule.id in tried
    assert [f.rule_id for f in found] == ["secrets.aws-secret-access-key"]
    # the keyword in one candidate window is enough to try the detector on every one
    tried.clear()
    secret_findings('client_secret = "0123456789abcdefghijKLMNOPQRSTuvwxyz0123"  # AWS\n')
    assert aws.rule.id in tried


def test_a_detectors_file_wide_keyword_test():
    eng = engine()
    aws = next(d for d in eng._analyzers["secrets"].detectors if d.rule.id == "secrets.aws-secret-access-key")
    keyword = aws.keywords[0]
    assert aws.may_trigger(f"x = 1\n{keyword} = 'v'\n") and not aws.may_trigger("x = 1\n")
    prefiltered = next(d for d in eng._analyzers["secrets"].detectors if d.prefilter is not None)
    assert prefiltered.may_trigger("")
