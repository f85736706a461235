"""Generic secrets in usage examples (docstrings, docs, example files) drop to low confidence;
the same values in code, and provider-format keys anywhere, keep theirs."""

from __future__ import annotations

import textwrap

import pytest

from railguard.config import default_config
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.model import Confidence
from tests.conftest import ROOT

_ENGINE: list[Engine] = []


def secrets_of(text: str, path: str) -> list:
    if not _ENGINE:
        config = default_config(ROOT)
        config.values.setdefault("", {})["cache"] = False
        config.values[""]["analyzers"] = ["secrets"]
        _ENGINE.append(Engine(config))
    doc = Document.from_text(path, textwrap.dedent(text))
    return [f for f in _ENGINE[0].scan_document(doc).findings if f.analyzer == "secrets"]


HEADER_VALUE = "7Jq2vXw9LmT4rB8nZc1Kd5Hf3Gs6Ya0P"


def test_api_docstring_curl_example_is_low_confidence() -> None:
    code = f'''
    class Items(Resource):
        def get(self):
            """List items.
            @apiExample {{curl}} Example usage:
                curl http://localhost:8080/api/v1/items -H"x-api-key:{HEADER_VALUE}"
            """
            return []
    '''
    found = [f for f in secrets_of(code, "api/items.py") if f.rule_id == "secrets.authorization-header"]
    assert [f.confidence for f in found] == [Confidence.LOW]


def test_same_header_in_code_keeps_medium_confidence() -> None:
    code = f'requests.get("http://localhost:8080/api", headers={{"X-Api-Key": "{HEADER_VALUE}"}})\n'
    found = [f for f in secrets_of(code, "client.py") if f.rule_id == "secrets.authorization-header"]
    assert [f.confidence for f in found] == [Confidence.MEDIUM]


def test_comment_with_real_host_keeps_medium_confidence() -> None:
    code = f'# curl https://api.payments-internal.io -H "X-Api-Key: {HEADER_VALUE}"\n'
    found = [f for f in secrets_of(code, "notes.py") if f.rule_id == "secrets.authorization-header"]
    assert [f.confidence for f in found] == [Confidence.MEDIUM]


def test_markdown_connection_string_with_placeholder_host_is_low() -> None:
    doc = "Connect with:\n\n    postgresql://reporting:Vt7qP2xW9zL4@db.example.com:5432/reports\n"
    found = secrets_of(doc, "docs/setup.md")
    assert found and all(f.confidence == Confidence.LOW for f in found)


def test_example_config_file_is_low() -> None:
    text = '{"proxies": [{"url": "socks5://relay_user:Qm4vT8zK2wX7@proxy-relay:1080"}]}\n'
    found = secrets_of(text, "conf/proxies.json-example")
    assert found and all(f.confidence == Confidence.LOW for f in found)
    same = secrets_of(text, "conf/proxies.json")
    assert same and all(f.confidence == Confidence.MEDIUM for f in same)


def test_provider_key_in_docstring_is_not_lowered() -> None:
    key = "ghp_" + "R8mX2vK9qT4wL7zN3pB6cY1hJ5dF0sG8aE2u"  # railguard: ignore[secrets.github-token] test data
    code = f'''
    def setup():
        """Example: curl -H "Authorization: token {key}" http://localhost/api"""
    '''
    found = [f for f in secrets_of(code, "setup.py") if f.rule_id.startswith("secrets.github")]
    assert found and all(f.confidence != Confidence.LOW for f in found)


def test_url_password_for_a_loopback_service_is_low_anywhere() -> None:
    code = 'ENGINE = create_engine("postgresql://app:Vt7qP2xW9zL4@127.0.0.1:5432/app")\n'
    found = [f for f in secrets_of(code, "settings.py") if f.rule_id.startswith("secrets.postgres")]
    assert [f.confidence for f in found] == [Confidence.LOW]
    remote = code.replace("127.0.0.1", "db.internal.acme.io")
    found = [f for f in secrets_of(remote, "settings.py") if f.rule_id.startswith("secrets.postgres")]
    assert [f.confidence for f in found] == [Confidence.HIGH]


def test_build_output_folders_are_not_example_files() -> None:
    from railguard.engine.secrets.context import is_example_file

    assert is_example_file(".env.dist") and is_example_file("config/settings.yaml.template")
    assert not is_example_file("app/static.dist/js/pay.js") and not is_example_file("dist/app.js")
    assert not is_example_file("app/templates/login.html")


SAMPLE_SECRET = "6qzjnumtsx471ddy"


def test_secret_inside_sample_data_for_a_preview_is_low() -> None:
    code = f'''
    PLACEHOLDERS = [
        SamplePlaceholder(
            "order_url",
            lambda order: order.url(),
            lambda event: build_url(event, kwargs={{"order": "F8VVL", "secret": "{SAMPLE_SECRET}"}}),
        ),
    ]

    def render_preview():
        return [{{"code": "HIDHK", "secret": "{SAMPLE_SECRET}"}}]
    '''
    found = [f for f in secrets_of(code, "app/placeholders.py") if f.rule_id == "secrets.generic-secret"]
    assert len(found) == 2 and all(f.confidence == Confidence.LOW for f in found)


def test_same_secret_in_configuration_code_keeps_its_confidence() -> None:
    code = f'''
    def connect():
        return Client(kwargs={{"order": "F8VVL", "secret": "{SAMPLE_SECRET}"}})
    '''
    found = [f for f in secrets_of(code, "app/client.py") if f.rule_id == "secrets.generic-secret"]
    assert found and all(f.confidence != Confidence.LOW for f in found)


def test_password_in_a_docstring_block_about_a_localhost_database_is_low() -> None:
    code = '''
    """Vector store adapter.

    Sample configuration:
        DB_USER = "demo_reader"
        DB_PASSWORD = "Welc0me-Qx81zPa"
        DB_DSN = "localhost:1521/FREE"
    """
    '''
    found = [f for f in secrets_of(code, "app/store.py") if f.rule_id == "secrets.hardcoded-password"]
    assert found and all(f.confidence == Confidence.LOW for f in found)


def test_password_in_a_docstring_without_a_placeholder_host_keeps_its_confidence() -> None:
    code = '''
    """Production settings:
        DB_PASSWORD = "Welc0me-Qx81zPa"
        DB_DSN = "db.payments-internal.io:1521/PROD"
    """
    '''
    found = [f for f in secrets_of(code, "app/store.py") if f.rule_id == "secrets.hardcoded-password"]
    assert found and all(f.confidence != Confidence.LOW for f in found)


def test_password_in_the_example_section_of_a_docstring_is_low() -> None:
    code = '''
    class RedisStorage:
        """Stores results in Redis.

        Example:
            Create a block from a host, user name and password:
            ```python
            block = RedisStorage.from_host(host="cache.acme-internal.io", username="redis", password="Qx81zPa-Welc0me")
            ```
        """
    '''
    found = [f for f in secrets_of(code, "app/blocks.py") if f.rule_id == "secrets.hardcoded-password"]
    assert found and all(f.confidence == Confidence.LOW for f in found)


def test_password_in_a_docstring_that_shows_no_example_keeps_its_confidence() -> None:
    code = '''
    class RedisStorage:
        """Stores results in Redis; the service account below is the one production uses.

            password = "Qx81zPa-Welc0me"
        """
    '''
    found = [f for f in secrets_of(code, "app/blocks.py") if f.rule_id == "secrets.hardcoded-password"]
    assert found and all(f.confidence != Confidence.LOW for f in found)


def test_fictitious_iban_with_a_test_bank_code_is_not_reported_as_a_leak() -> None:
    found = secrets_of('msgstr "e.g. IBAN: NL13 TEST 0123 4567 89"\n', "locale/nl/django.po")
    assert not [f for f in found if f.rule_id == "secrets.iban" and f.confidence != Confidence.LOW]


JSDOC_PAYLOADS = '''
/**
 * ## Auth Payloads
 * ```json
 * {
 *   "provider": {
 *     "id": "1234567",
 *     "access_token": "abc123def456ghi789"
 *   }
 * }
 * ```
 * ```json
 * { "oauth_token_secret": "1234567890-abc123def456",
 *   "access_token": "AQXNnd2hIT6z9bHFzZz2Kp1ghiMz_RtyuvwXYZ123abc" }
 * ```
 */
function validateAuthData(authData) {}
'''


def test_typed_up_tokens_in_a_doc_comment_are_low_confidence() -> None:
    found = [f for f in secrets_of(JSDOC_PAYLOADS, "lib/Adapters/Auth/provider.js")
             if f.rule_id == "secrets.generic-secret"]
    assert len(found) == 3 and all(f.confidence == Confidence.LOW for f in found)


def test_random_token_in_a_doc_comment_keeps_medium_confidence() -> None:
    code = '/**\n * "access_token": "Tq8vKz2LmW4xNp7RbJ5sYd9FhC3gVe6u"\n */\nfunction f() {}\n'
    found = [f for f in secrets_of(code, "lib/auth.js") if f.rule_id == "secrets.generic-secret"]
    assert [f.confidence for f in found] == [Confidence.MEDIUM]


def test_typed_up_token_in_code_keeps_medium_confidence() -> None:
    code = 'const config = { access_token: "abc123def456ghi789" };\n'
    found = [f for f in secrets_of(code, "lib/auth.js") if f.rule_id == "secrets.generic-secret"]
    assert all(f.confidence == Confidence.MEDIUM for f in found)


WIKI_PAGE = "! Install on the server\n\nRun the setup with:\n\n```\nsetup.exe /user:admin /password:Wq7mZ2vK9xLp\n```\n"


@pytest.mark.parametrize("path", ["editions/fr/tiddlers/Installing.tid", "wiki/Setup.wiki", "help/setup.mediawiki",
                                  "manual/setup.textile", "pages/Setup.creole"])
def test_a_password_on_a_wiki_page_is_documentation(path: str) -> None:
    found = [f for f in secrets_of(WIKI_PAGE, path) if f.rule_id == "secrets.hardcoded-password"]
    assert found and all(f.confidence == Confidence.LOW for f in found)


PACKAGE_README = ("Metadata-Version: 2.1\nName: tracker\n\nTo report errors to the error tracker:\n\n"
                  "    $ export ERRORS_URL=https://k7QzW2mLp9:Vx4nB8rT3yHq6sJd@errors.acme-monitor.io/42\n")


@pytest.mark.parametrize("path", ["PKG-INFO", "tracker-1.0/PKG-INFO", "tracker-1.0.dist-info/METADATA"])
def test_the_readme_in_package_metadata_is_documentation(path: str) -> None:
    found = [f for f in secrets_of(PACKAGE_README, path) if f.rule_id == "secrets.url-credentials"]
    assert found and all(f.confidence == Confidence.LOW for f in found)
    in_code = [f for f in secrets_of(PACKAGE_README, "deploy/env.sh") if f.rule_id == "secrets.url-credentials"]
    assert in_code and all(f.confidence != Confidence.LOW for f in in_code)


def test_the_same_password_in_a_script_keeps_its_confidence() -> None:
    found = [f for f in secrets_of(WIKI_PAGE, "deploy/install.cmd") if f.rule_id == "secrets.hardcoded-password"]
    assert found and all(f.confidence != Confidence.LOW for f in found)


API_VIEW = '''
@blueprint.route("/session", methods=["POST"])
def create_session():
    """
    Open a session for a member.

    **Example request**:

    .. sourcecode:: http

      POST /api/session HTTP/1.1
      Content-Type: application/json
      Authorization: Basic cmVhZGVyOlF2N3pLMm1YOXBMdw==

      {"login": "reader", "password": "Qv7zK2mX9pLw"}

    **Example response**:

    .. sourcecode:: http

      HTTP/1.1 200 OK
      Content-Type: application/json

      {"access_token": "Hn4Rw8ZcT2qLv7XkB9mPs3Yd", "refresh_token": "Gb6Jt1WxE5nQa8VrK3cZu7Mh"}
    """
    return open_session(request.json)
'''


def test_generic_secrets_in_the_http_example_of_an_api_docstring_are_low() -> None:
    found = [f for f in secrets_of(API_VIEW, "app/sessions.py") if f.analyzer == "secrets"]
    rules = {f.rule_id for f in found}
    assert {"secrets.hardcoded-password", "secrets.generic-secret"} <= rules
    assert all(f.confidence == Confidence.LOW for f in found)


def test_the_same_secrets_in_a_docstring_without_an_http_example_keep_their_confidence() -> None:
    plain = "\n".join(line for line in API_VIEW.splitlines()
                      if "HTTP" not in line and "http" not in line and "Example" not in line)
    found = [f for f in secrets_of(plain, "app/sessions.py") if f.rule_id in (
        "secrets.hardcoded-password", "secrets.generic-secret")]
    assert found and all(f.confidence != Confidence.LOW for f in found)


def test_a_provider_key_in_the_http_example_of_an_api_docstring_is_not_lowered() -> None:
    key = "ghp_" + "T4wL7zN3pB6cY1hJ5dF0sG8aE2uR8mX2vK9q"  # railguard: ignore[secrets.github-token] test data
    found = [f for f in secrets_of(API_VIEW.replace("Hn4Rw8ZcT2qLv7XkB9mPs3Yd", key), "app/sessions.py")
             if f.rule_id.startswith("secrets.github")]
    assert found and all(f.confidence != Confidence.LOW for f in found)


@pytest.mark.parametrize("code", [
    # a comment that shows the format of a URL, with a word standing for the host
    "def submit(url):\n    # like http://user:passw0rdZ@hostname:port/path\n    return url\n",
    # a docstring that describes a URL format
    'def motp_url(key):\n    """\n    The format is:\n    motp://SecureSite:al1ceInW0nder@wonder.land?secret=k\n    """\n',
])
def test_a_url_format_described_in_documentation_is_low(code: str) -> None:
    found = [f for f in secrets_of(code, "app/sms.py") if f.rule_id == "secrets.url-credentials"]
    assert found and all(f.confidence == Confidence.LOW for f in found)


def test_the_same_url_in_a_comment_that_describes_nothing_keeps_its_confidence() -> None:
    code = "def mirror():\n    # push to https://deploy:Wq7rTe9pLzK2@git.internal.corp/repo.git\n    return 1\n"
    found = [f for f in secrets_of(code, "app/sms.py") if f.rule_id == "secrets.url-credentials"]
    assert found and all(f.confidence != Confidence.LOW for f in found)


def test_ui_text_in_a_translation_catalogue_is_low_but_a_random_value_there_keeps_its_confidence() -> None:
    catalogue = ('{\n  "settings.label.reset-password": "Passwort-Zur\u00fccksetzen-Seite",\n'
                 '  "settings.smtp-password": "Qx7rTe9pLzK2wV4mNb8s"\n}\n')
    for path in ("web/src/translations/de.json", "app/locales/fr/messages.json"):
        found = {f.evidence.secret_prefix[:2]: f.confidence for f in secrets_of(catalogue, path)
                 if f.rule_id == "secrets.hardcoded-password"}
        assert found == {"Pa": Confidence.LOW, "Qx": Confidence.MEDIUM}, path
    # a compound word of the language is as long as a password and as varied: still a label
    js = ("window.localisation.de = {\n  password_repeat: 'Passwortwiederholung',\n"
          "  password_config: 'Wachtwoordconfiguratie',\n  smtp_password: 'QxrTepLzKwVmNbsHd'\n}\n")
    found = {f.evidence.secret_prefix[:2]: f.confidence for f in secrets_of(js, "app/static/i18n/de.js")
             if f.rule_id == "secrets.hardcoded-password"}
    assert found == {"Pa": Confidence.LOW, "Wa": Confidence.LOW, "Qx": Confidence.MEDIUM}
    # the same UI text outside a catalogue: a value of a settings file, judged as a password
    found = [f for f in secrets_of(catalogue, "web/src/settings.json") if f.rule_id == "secrets.hardcoded-password"]
    assert found and all(f.confidence == Confidence.MEDIUM for f in found)


OPENAPI_JSON = '''
{"paths": {"/auth/local": {"post": {"requestBody": {"content": {"application/json": {
  "schema": {"properties": {"password": {"type": "string"}}},
  "example": {
    "identifier": "reader@shop.test",
    "password": "Pl4inText-Pw9"
  },
  "examples": {"admin": {"value": {"password": "Adm1n-Pw-7Qz"}}}
}}}}}},
 "servers": [{"url": "https://api.shop.test", "variables": {"password": "Srv-Pw-8Kq2x"}}]}
'''

OPENAPI_YAML = '''
components:
  schemas:
    Login:
      type: object
      example:
        identifier: reader
        password: Pl4inText-Pw9
      properties:
        password:
          type: string
deploy:
  database:
    password: Srv-Pw-8Kq2x
'''


@pytest.mark.parametrize(("path", "text"), [("api/openapi.json", OPENAPI_JSON), ("api/openapi.yaml", OPENAPI_YAML)])
def test_a_password_in_an_openapi_example_is_low_and_outside_it_keeps_its_confidence(path: str, text: str) -> None:
    found = {f.evidence.secret_prefix[:2]: f.confidence for f in secrets_of(text, path)
             if f.rule_id == "secrets.hardcoded-password"}
    assert found.pop("Pl") == Confidence.LOW
    assert found.pop("Ad", Confidence.LOW) == Confidence.LOW
    assert found == {"Sr": Confidence.MEDIUM}


HELP_TEXT = '''
class CreateMasterOptions(Options):
    def getSynopsis(self):
        return textwrap.dedent("""
        The --db string names the database that holds the scheduler state and
        the build results of this master. The default keeps them in a local
        SQLite file next to the configuration.

        To use a remote MySQL database instead, use something like:

          --db='mysql://builder:bu1ldpass@dbhost/builds'
        """)
'''

CONFIG_TEMPLATE = '''
def write_config(path):
    path.write_text("""
[database]
url = mysql://builder:bu1ldpass@db7.prod-internal.net/builds
pool_size = 10
""")
'''


def test_a_connection_url_shown_in_help_text_is_low() -> None:
    found = [f for f in secrets_of(HELP_TEXT, "builder/scripts/runner.py") if f.rule_id == "secrets.mysql-url-password"]
    assert found and all(f.confidence == Confidence.LOW for f in found)


@pytest.mark.parametrize("code", [
    CONFIG_TEMPLATE,
    # prose that describes the real database, with no example in it
    HELP_TEXT.replace("use something like:", "the production master uses").replace("dbhost", "db7.prod-internal.net"),
])
def test_the_same_url_in_a_configuration_template_or_plain_prose_keeps_its_confidence(code: str) -> None:
    found = [f for f in secrets_of(code, "builder/scripts/runner.py") if f.rule_id == "secrets.mysql-url-password"]
    assert found and all(f.confidence != Confidence.LOW for f in found)


SETTINGS_SCHEMA = '''
properties:
  DEVICE_ARGS:
    type: object
    default: {}
    details: |-
      Example:

      ```python
      DEVICE_ARGS = {
          'api_key': '472071a93b60a1bd1fafb401d9f8ef41',
      }
      ```
  LOG_SANITIZER:
    description: >-
      Hides credentials in job logs. It matches lines such as
      Password: is1234
  DEVICE_DEFAULTS:
    type: object
    default:
      api_key: 9f0c27e4b6a1d35c8e72f4a0b9d1c6e3
'''


def test_help_text_of_a_settings_schema_is_low_and_its_defaults_are_not() -> None:
    found = {f.line: f.confidence for f in secrets_of(SETTINGS_SCHEMA, "app/settings_schema.yaml")}
    assert found[11] == Confidence.LOW  # a Markdown sample under `details:`
    assert found[17] == Confidence.LOW  # a sample line of prose under `description:`
    assert found[21] >= Confidence.MEDIUM  # the default value the application uses


def test_one_word_of_a_natural_language_is_no_random_secret_but_an_ascii_token_is() -> None:
    text = '{\n  "Credentials": "Anv\u00e4ndaruppgifter",\n  "Token": "Bkq7Zr2XpLm9Vt4Wc8Ny"\n}\n'
    found = [f.evidence.secret_prefix[:2] for f in secrets_of(text, "public/vnc/app/locale/sv.json")
             if f.rule_id == "secrets.generic-secret"]
    assert found == ["Bk"]


def test_a_format_filled_from_elsewhere_is_no_password_but_a_literal_is() -> None:
    code = ("def load(u, pw):\n"
            "    u.password = 'sha1$%s$%s' % (pw.salt, pw.password)\n"
            "    u.password = 'pbkdf2_sha256${}${}'.format(pw.salt, pw.password)\n"
            "    u.password = 'Zx9$Qw7!kpLm'\n")
    found = secrets_of(code, "importers/load.py")
    assert [f.range.start.line for f in found if f.rule_id == "secrets.hardcoded-password"] == [3]  # 0-based


def test_a_member_of_an_enumeration_is_a_label_not_a_password() -> None:
    code = ("from enum import StrEnum\n\n\nclass AuthMethods(StrEnum):\n"
            "    ED25519_KEY_OPTIONAL_PASSPHRASE = 'ed25519-key'\n\n\n"
            "class Settings:\n    ED25519_KEY_OPTIONAL_PASSPHRASE = 'Xk9!vQ2mZ7pL'\n")
    levels = {f.range.start.line: f.confidence for f in secrets_of(code, "app/connectors.py")}
    assert levels.get(4) in (None, Confidence.LOW)
    assert levels.get(8) not in (None, Confidence.LOW)


def test_a_url_password_equal_to_its_user_name_is_found_after_the_colon_and_redacted_everywhere() -> None:
    # detect-secrets names the value only: the password is the copy between `:` and `@`, so the
    # loopback host after it makes the CI database's URL a local example, and no copy is printed
    ci = 'jobs:\n  t:\n    matrix:\n      db-url: ["", "postgres://ledger:ledger@0.0.0.0:5432/ledger"]\n'
    found = secrets_of(ci, ".github/workflows/ci.yml")
    assert found and all(f.confidence == Confidence.LOW for f in found)
    assert all("ledger" not in f.evidence.snippet for f in found)
    remote = 'jobs:\n  t:\n    env:\n      SYNC: "ftp://mirror:Xq7Lp2Vr9T@files.corp-intern.net/out"\n'
    found = [f for f in secrets_of(remote, ".github/workflows/ci.yml") if f.rule_id == "secrets.url-credentials"]
    assert found and all(f.confidence == Confidence.MEDIUM for f in found)
    assert all("Xq7Lp2Vr9T" not in f.evidence.snippet for f in found)


def test_a_stored_password_hash_is_no_password_but_a_password_next_to_it_is():
    code = ('def make_users():\n'
            '    User(username="amy", password="sha1$21fca$4ecf8335b1bd3331ad3f216c7a35029787be261a")\n'
            '    User(username="bob", password="pbkdf2_sha256$600000$Qx7rTe9pLzK2$c2FsdGVkaGFzaHZhbHVlaGVyZQ==")\n'
            '    User(username="cy", password="$2b$12$Qx7rTe9pLzK2wV4mNb8sOu5Hh0yQ1aBcDeFgHiJkLmNoPqRsTuVw")\n'
            '    User(username="dee", password="Qx7rTe9pLzK2$wV4")\n'
            '    User(username="eve", password="$pbkdf2-sha512$19000$bG1NaY3xvjdG$dGrmBqqWa1okTCpN3QEmeo9j5DuV2u1E")\n'
            '    User(username="fay", password="$pbkdf2-sha9$Qx7rTe9pLzK2wV4")\n')
    found = [f.line for f in secrets_of(code, "app/seed.py") if f.rule_id == "secrets.hardcoded-password"]
    assert found == [5, 7]


def test_a_password_kept_to_be_refused_is_not_reported():
    code = ('_LEGACY_DEFAULT_ADMIN_PASSWORD = "Passw0rd-2019!"\n'
            'WEAK_PASSWORDS = ["Qx7rTe9pLzK2", "Summer2024!"]\n'
            'ADMIN_PASSWORD = "Qx7rTe9pLzK2wV4"\n')
    found = [f.line for f in secrets_of(code, "app/auth.py") if f.rule_id == "secrets.hardcoded-password"]
    assert found == [3]


def test_a_snake_case_label_under_an_auth_key_is_a_name_not_a_secret():
    code = ('PROVIDERS = {"m2m": {"runtime_auth": "databricks_oauth_m2m", "display": "OAuth"},\n'
            '             "pat": {"runtime_auth": "ws8_Qx7rTe9pLzK2_wV4mNb8sOu5Hh"}}\n')
    found = [f.line for f in secrets_of(code, "app/providers.py") if f.rule_id == "secrets.generic-secret"]
    assert found == [2]


def test_words_joined_by_hyphens_in_a_translation_catalogue_are_ui_text() -> None:
    # an acronym and a compound word of the language (`API-Zugriffstoken`), a generic secret by name
    catalogue = ('{\n  "smseagleToken": "API-Zugriffstoken",\n  "HTTP Basic Auth": "HTTP-perustodennus",\n'
                 '  "webhookToken": "Qx7r-Te9pLzK2-wV4mNb8s"\n}\n')
    found = {f.evidence.secret_prefix[:2]: f.confidence for f in secrets_of(catalogue, "src/lang/de-DE.json")
             if f.confidence != Confidence.LOW}
    # only the random value, with digits and mixed case inside its parts, stays above low
    assert set(found) == {"Qx"}


def test_the_example_of_a_setting_in_a_yaml_or_json_schema_is_documentation() -> None:
    schema = ('database:\n  sql_alchemy_conn:\n    type: string\n    sensitive: true\n'
              '    example: "postgresql+asyncpg://postgres:Wq7rTe9pLzK2@postgres/airflow"\n    default: ~\n')
    found = [f for f in secrets_of(schema, "airflow/config_templates/config.yml") if f.rule_id.startswith("secrets.")]
    assert found and all(f.confidence == Confidence.LOW for f in found)
    # the same URL as the setting's value is configuration
    config = schema.replace("    example:", "    value:")
    found = [f for f in secrets_of(config, "airflow/config_templates/config.yml") if f.rule_id.startswith("secrets.")]
    assert found and all(f.confidence != Confidence.LOW for f in found)


def test_a_url_in_a_docstring_on_a_my_host_placeholder_is_an_example() -> None:
    doc = ('def parse(path):\n    """Parse a file in the ``.env`` format.\n\n    .. code-block:: text\n\n'
           '        MY_CONN=my-conn-type://my-login:my-pa%2Fssword@{host}:5432/my-schema?param1=val1\n    """\n'
           '    return path\n')
    for host, low in (("my-host", True), ("db.internal.corp", False)):
        found = [f for f in secrets_of(doc.format(host=host), "app/secrets/files.py")
                 if f.rule_id == "secrets.url-credentials"]
        assert found and all((f.confidence == Confidence.LOW) == low for f in found), host


def test_a_camel_case_name_of_a_credential_in_a_url_is_a_placeholder() -> None:
    for password, reported in (("AuthToken", False), ("ApiKey", False), ("Tr7uQpLz9Kx", True)):
        line = f'const help = "Example: twilio://AccountSid:{password}@FromPhoneNo";\n'
        found = [f for f in secrets_of(line, "src/components/Apprise.js") if f.rule_id == "secrets.url-credentials"]
        assert bool(found) == reported, password


def test_a_login_stated_in_a_data_files_help_text_is_documentation() -> None:
    help_text = ('{\n  "name": "Flow Sensor",\n'
                 '  "usage": "Boots to a blank disk.\\nDefault web username/password: admin/lan411cope.",\n'
                 '  "password": "lan411cope"\n}\n')
    found = {f.line: f.confidence for f in secrets_of(help_text, "appliances/flow-sensor.gns3a")}
    # the sentence is the vendor's documented default (low); the same value as a key's value is not
    assert found.get(3) == Confidence.LOW and found.get(4) not in (None, Confidence.LOW)


def test_a_replacement_field_inside_an_f_string_is_no_password() -> None:
    code = ('def render(config, kwargs):\n'
            '    config += f\'    password: "{kwargs["ota_password"]}"\'\n'
            '    config += \'    password: "Wq7rTe9pLzK2"\'\n    return config\n')
    assert [f.line for f in secrets_of(code, "app/wizard.py") if f.rule_id == "secrets.hardcoded-password"] == [3]


def test_anonymous_ftp_in_a_url_is_no_credential() -> None:
    table = ('PREFIXES = ["http://www.", "ftp://anonymous:anonymous@", "ftp://anonymous:guest1234@ftp.acme.io"]\n'
             'MIRROR = "ftp://deploy:Wq7rTe9pLzK2@ftp.acme.io/pub"\n')
    assert [f.line for f in secrets_of(table, "app/uri.py") if f.rule_id == "secrets.url-credentials"] == [2]


def test_a_password_shown_after_e_g_in_a_docstring_is_an_example() -> None:
    code = ('def get_config_value(config, item):\n    """\n    Read an item, possibly from the environment.\n\n'
            '    E.g., consider `{"password": "Wq7rTe9pLzK2"}`. The function returns the value, while\n'
            '    `{"password": "$PASSWORD"}` reads it from the environment.\n    """\n'
            '    return config[item]\n\n\nDEFAULTS = {"password": "Wq7rTe9pLzK2"}\n')
    found = {f.line: f.confidence for f in secrets_of(code, "app/checkconfig.py") if f.rule_id.startswith("secrets.")}
    assert found.get(5) == Confidence.LOW and found.get(11) not in (None, Confidence.LOW)


def test_a_regular_expression_under_a_pattern_name_is_no_secret() -> None:
    code = ('_USERNAME_PAT_STR = r"^[a-z][a-z0-9_]{4,14}$"\n_PASSWORD_RE = r"^(?=.*[A-Z]).{8,}$"\n'
            'GITHUB_PAT = "Wq7rTe9pLzK2xY4mNb8sOu5H"\n')
    assert [f.line for f in secrets_of(code, "app/patterns.py")] == [3]


def test_the_header_names_a_cors_policy_allows_are_no_credentials() -> None:
    code = ("app.add_middleware(CORSMiddleware, allow_origins=['*'],\n"
            "    allow_headers=['Origin', 'Content-Type', 'Authorization', 'X-Timezone-Offset'])\n"
            "headers = {'Authorization': 'Bearer Qx7rTe9pLzK2wV4mNb8sOu5H'}\n")
    assert [f.line for f in secrets_of(code, "app/api.py") if f.rule_id == "secrets.authorization-header"] == [3]


def test_setting_names_in_capitals_in_a_url_are_placeholders_but_a_password_in_capitals_is_not() -> None:
    for password, reported in (("DB_PASSWORD", False), ("PASSWORD", False), ("TQ7ZKW4RXPLM", True)):
        line = f"registry:\n  path: postgresql://DB_USERNAME:{password}@db7.prod-internal.net:5432/feast\n"
        found = [f for f in secrets_of(line, "deploy/feature_store.yaml")
                 if f.rule_id == "secrets.postgres-url-password" and f.confidence != Confidence.LOW]
        assert bool(found) == reported, password


@pytest.mark.parametrize(("path", "confidence"), [
    # the configuration a project generator copies for the user to fill in
    ("mypkg/templates/project/io_config.yaml", Confidence.LOW),
    ("mypkg/scaffold/settings.toml", Confidence.LOW),
    # the same value in the program's own configuration
    ("mypkg/config/io_config.yaml", Confidence.MEDIUM),
])
def test_a_password_in_a_project_templates_configuration_is_low(path: str, confidence: Confidence) -> None:
    text = 'warehouse:\n  host: db7.prod-internal.net\n  password: "Qz8rVw31kLmx"\n'
    if path.endswith(".toml"):
        text = '[warehouse]\nhost = "db7.prod-internal.net"\npassword = "Qz8rVw31kLmx"\n'
    found = [f for f in secrets_of(text, path) if f.rule_id == "secrets.hardcoded-password"]
    assert [f.confidence for f in found] == [confidence]


@pytest.mark.parametrize(("password", "reported"), [("Passw0rd", False), ("Password1", False), ("Vx4tRq9zLp2", True)])
def test_a_database_images_quick_start_password_is_a_demo_password(password: str, reported: bool) -> None:
    text = f"services:\n  db:\n    image: vendor/db-free\n    environment:\n      DB_ROOT_PASSWORD: {password}\n"
    found = [f for f in secrets_of(text, "dev/docker-compose.yml")
             if f.rule_id == "secrets.hardcoded-password" and f.confidence != Confidence.LOW]
    assert bool(found) == reported
