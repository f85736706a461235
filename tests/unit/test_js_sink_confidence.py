"""JavaScript sinks (DOM markup, code from strings, server sinks): medium/high confidence only
when the value visibly carries outside input in the code we see; a value of unknown origin is
reported at low (below the commit and CI thresholds), constants and escaped values not at all."""

from __future__ import annotations

import pytest

from railguard.config import default_config
from railguard.engine.document import Document
from railguard.engine.engine import Engine
from railguard.model import Confidence

_ENGINE: list[Engine] = []


def _found(source: str, rule: str, path: str = "static/js/page.js") -> list[Confidence]:
    if not _ENGINE:
        _ENGINE.append(Engine(default_config()))
    result = _ENGINE[0].scan_document(Document(path, source.encode()))
    return [f.confidence for f in result.findings if f.rule_id == rule]


DIRECT = {
    "hash": ("javascript.inner-html", "function show(el) {\n  el.innerHTML = '<b>' + location.hash.slice(1) + '</b>';\n}\n"),
    "search-params": ("javascript.inner-html",
                      "const q = new URLSearchParams(window.location.search).get('q');\n"
                      "document.getElementById('r').innerHTML = `Results for ${q}`;\n"),
    "message": ("javascript.insert-adjacent-html",
                "window.addEventListener('message', (event) => {\n"
                "  list.insertAdjacentHTML('beforeend', `<li>${event.data.text}</li>`);\n});\n"),
    "referrer": ("javascript.document-write", "document.write('<a href=\"' + document.referrer + '\">back</a>');\n"),
    "input": ("javascript.jquery-html", "$('#preview').html('<p>' + $('#comment').val() + '</p>');\n"),
    "xhr": ("javascript.inner-html", "xhr.onload = function () {\n  out.innerHTML = '<div>' + xhr.responseText + '</div>';\n};\n"),
    "param-get": ("javascript.document-write", "function greet(params) {\n  document.write('<p>' + params.get('n') + '</p>');\n}\n"),
}


@pytest.mark.parametrize("case", sorted(DIRECT))
def test_markup_from_outside_input_keeps_its_confidence(case: str) -> None:
    rule, source = DIRECT[case]
    found = _found(source, rule)
    assert found and all(c >= Confidence.MEDIUM for c in found), found


UNKNOWN = {
    # the app's own templates, translations, numbers and values handed in by its own code
    "own-template": ("javascript.inner-html",
                     "function row(item) {\n  tbody.innerHTML += `<tr><td class=\"n\">${item.count}</td>"
                     "<td>${gettext('Pending')}</td></tr>`;\n}\n"),
    "sdk-error": ("javascript.jquery-html",
                  "stripe.confirm().then(function (result) {\n"
                  "  $('.errors').html('<div class=\"alert\">' + result.error.message + '</div>');\n});\n"),
    "saved-markup": ("javascript.inner-html",
                     "const saved = nav.innerHTML;\nfunction restore() {\n  nav.innerHTML = saved + more;\n}\n"),
    "adjacent-own": ("javascript.insert-adjacent-html",
                     "function toast(msg, cls) {\n  box.insertAdjacentHTML('beforeend', `<div class=\"${cls}\">${msg}</div>`);\n}\n"),
    "code-from-catalogue": ("javascript.new-function", "function load(catalogue) {\n  return new Function(catalogue)();\n}\n"),
}


@pytest.mark.parametrize("case", sorted(UNKNOWN))
def test_markup_of_unknown_origin_is_reported_low(case: str) -> None:
    rule, source = UNKNOWN[case]
    assert _found(source, rule) == [Confidence.LOW]


@pytest.mark.parametrize("source", [
    "el.innerHTML = DOMPurify.sanitize(location.hash.slice(1));\n",
    "el.innerHTML = '<b>' + escapeHtml(new URLSearchParams(location.search).get('q')) + '</b>';\n",
    "el.innerHTML = '<a href=\"/s?q=' + encodeURIComponent(location.hash) + '\">again</a>';\n",
    "el.innerHTML = '<span>' + Number(location.hash.slice(1)) + '</span>';\n",
    "el.innerHTML = '<li class=\"sep\"></li>';\n",
])
def test_escaped_or_constant_markup_is_not_confident(source: str) -> None:
    assert all(c == Confidence.LOW for c in _found(source, "javascript.inner-html"))


def test_code_from_the_url_keeps_its_confidence() -> None:
    src = "const expr = new URLSearchParams(location.search).get('f');\nconst fn = new Function('x', 'return ' + expr);\n"
    found = _found(src, "javascript.new-function")
    assert found and all(c >= Confidence.MEDIUM for c in found)
    timer = "setTimeout('render(\"' + location.hash + '\")', 10);\n"
    assert all(c >= Confidence.MEDIUM for c in _found(timer, "javascript.string-timer"))
    assert _found("setTimeout('render(' + view + ')', 10);\n", "javascript.string-timer") == [Confidence.LOW]


def test_sql_text_with_bound_values_beside_it_is_reported_low() -> None:
    # an IN list of placeholders is constant text: nothing to report
    placeholders = ("async function mark(db, ids) {\n  const sql = `UPDATE r SET seen = 1 WHERE id IN "
                    "(${ids.map(() => '?').join(',')})`;\n  return db.knex.raw(sql, ids);\n}\n")
    assert _found(placeholders, "javascript.sql-built-query", "server/storage.js") == []
    # a column picked by the caller with the values bound beside it: low
    bound = ("async function mark(db, column, ids) {\n  const sql = `UPDATE r SET ${column} = 1 WHERE id = ?`;\n"
             "  return db.knex.raw(sql, ids);\n}\n")
    assert _found(bound, "javascript.sql-built-query", "server/storage.js") == [Confidence.LOW]
    shaped = "function f(qb, op, v) {\n  qb.whereRaw(`(SELECT COUNT(*) FROM t) ${op} ?`, [v]);\n}\n"
    assert _found(shaped, "javascript.sql-built-query", "server/models.js") == [Confidence.LOW]
    callback = ("function f(db, id) {\n  db.query('SELECT * FROM users WHERE id = ' + id, (err, rows) => rows);\n}\n")
    found = _found(callback, "javascript.sql-built-query", "server/users.js")
    assert found and all(c >= Confidence.MEDIUM for c in found)
    plain = "function f(db, name) {\n  return db.raw(`SELECT * FROM t WHERE name = '${name}'`);\n}\n"
    found = _found(plain, "javascript.sql-built-query", "server/users.js")
    assert found and all(c >= Confidence.MEDIUM for c in found)


def test_cors_options_handed_out_after_an_allow_list_check_are_reported_low() -> None:
    options = "const ENABLE = { origin: true, credentials: true };\n"
    checked = (options + "function isAllowedOrigin(o) {\n  return o === SITE;\n}\n"
               "module.exports = cors((req, cb) => cb(null, isAllowedOrigin(req.headers.origin) ? ENABLE : {}));\n")
    assert _found(checked, "javascript.cors-credentials-any-origin", "server/cors.js") == [Confidence.LOW]
    found = _found(options + "app.use(cors(ENABLE));\n", "javascript.cors-credentials-any-origin", "server/cors.js")
    assert found and all(c >= Confidence.MEDIUM for c in found)


def test_a_credential_literal_behind_a_test_switch_is_low() -> None:
    gated = ("async function validate(authData) {\n  var access_token = authData.access_token;\n"
             "  if (process.env.TESTING && access_token === 'test') {\n    return;\n  }\n  return check(access_token);\n}\n")
    plain = ("function login(req) {\n  if (req.body.api_key === 'k3y-Adm1n-2024') {\n    return true;\n  }\n}\n")
    assert _found(gated, "javascript.hardcoded-credential-compare", "lib/auth.js") == [Confidence.LOW]
    assert _found(plain, "javascript.hardcoded-credential-compare", "lib/auth.js") == [Confidence.MEDIUM]


def test_a_path_checked_by_a_project_validator_is_low() -> None:
    checked = ("const fs = require('fs');\nconst path = require('path');\n"
               "function upload(req, res) {\n  const name = req.query.name;\n"
               "  if (!utils.isPathSane(name)) return res.sendStatus(400);\n"
               "  fs.createWriteStream(path.join(ROOT, name));\n}\n")
    plain = ("const fs = require('fs');\nconst path = require('path');\n"
             "function upload(req, res) {\n  const name = req.query.name;\n"
             "  fs.createWriteStream(path.join(ROOT, name));\n}\n")
    assert _found(checked, "javascript.path-traversal", "server/files.js") == [Confidence.LOW]
    found = _found(plain, "javascript.path-traversal", "server/files.js")
    assert found and all(c >= Confidence.MEDIUM for c in found)


def test_a_release_script_running_its_operators_arguments_is_low() -> None:
    script = ("const {execSync} = require('child_process');\nconst name = process.argv[2];\n"
              "function tag(version) {\n  execSync(`git tag ${name}-${version}`);\n}\n")
    server = ("const {execSync} = require('child_process');\nconst verbose = process.argv.includes('-v');\n"
              "app.get('/ping', (req, res) => {\n  res.send(execSync(`ping -c 1 ${req.query.host}`));\n});\n")
    assert _found(script, "javascript.child-process-exec", "bin/release.js") == [Confidence.LOW]
    found = _found(server, "javascript.child-process-exec", "server/app.js")
    assert found and all(c >= Confidence.MEDIUM for c in found)


def test_a_component_rendering_its_html_prop_is_low_and_markup_it_builds_is_not() -> None:
    rule = "javascript.react-dangerously-set-inner-html"
    prop = "export function Note({ html, ...props }) {\n  return <div {...props} dangerouslySetInnerHTML={{ __html: html }} />;\n}\n"
    member = ("export class Dialog extends React.Component {\n  render() {\n"
              "    return <div dangerouslySetInnerHTML={{ __html: this.props.html }} />;\n  }\n}\n")
    built = ("import { marked } from 'marked';\nexport function Post({ body }) {\n  const html = marked(body);\n"
             "  return <article dangerouslySetInnerHTML={{ __html: html }} />;\n}\n")
    text = "export function Comment({ text }) {\n  return <p dangerouslySetInnerHTML={{ __html: text }} />;\n}\n"
    assert _found(prop, rule, "src/Note.jsx") == [Confidence.LOW]
    assert _found(member, rule, "src/Dialog.jsx") == [Confidence.LOW]
    assert _found(built, rule, "src/Post.jsx") == [Confidence.MEDIUM]
    assert _found(text, rule, "src/Comment.jsx") == [Confidence.MEDIUM]


def test_markup_a_module_exports_or_a_page_template_is_given_is_low() -> None:
    rule = "javascript.react-dangerously-set-inner-html"
    imported = ("import checkIcon from './icons/check';\nconst { crossIcon } = require('./icons');\n"
                "export function Badge({ ok }) {\n"
                "  return ok ? <i dangerouslySetInnerHTML={{ __html: checkIcon }} />\n"
                "            : <i dangerouslySetInnerHTML={{ __html: crossIcon }} />;\n}\n")
    inlined_css = ("let inlined;\nif (process.env.NODE_ENV === 'production') {\n"
                   "  inlined = require('!raw-loader!../build/site.css');\n}\n"
                   "export const Head = () => <style dangerouslySetInnerHTML={{ __html: inlined }} />;\n")
    page = ("module.exports = class Page extends React.Component {\n  render() {\n"
            "    return <main dangerouslySetInnerHTML={{ __html: this.props.body }} />;\n  }\n};\n")
    template = ("export default class Doc extends React.Component {\n  render() {\n"
                "    const { body, title } = this.props;\n"
                "    return <article title={title} dangerouslySetInnerHTML={{ __html: body }} />;\n  }\n}\n")
    assert _found(imported, rule, "src/Badge.jsx") == [Confidence.LOW, Confidence.LOW]
    assert _found(inlined_css, rule, "site/src/Head.jsx") == [Confidence.LOW]
    assert _found(page, rule, "site/src/html.js") == [Confidence.LOW]
    assert _found(template, rule, "site/templates/doc.js") == [Confidence.LOW]
    # twins: an imported renderer's result, a local of the imported name, another object's body
    rendered = ("import render from './markdown';\nexport function Post({ src }) {\n"
                "  return <div dangerouslySetInnerHTML={{ __html: render(src) }} />;\n}\n")
    shadowed = ("import note from './note';\nexport function Note(props) {\n  const note = props.comment.text;\n"
                "  return <p dangerouslySetInnerHTML={{ __html: note }} />;\n}\n")
    other = "export function Reply({ reply }) {\n  return <p dangerouslySetInnerHTML={{ __html: reply.body }} />;\n}\n"
    assert _found(rendered, rule, "src/Post.jsx") == [Confidence.MEDIUM]
    assert _found(shadowed, rule, "src/Note.jsx") == [Confidence.MEDIUM]
    assert _found(other, rule, "src/Reply.jsx") == [Confidence.MEDIUM]


def test_text_computed_from_a_password_field_is_low_and_other_fields_keep_their_confidence() -> None:
    meter = ("pw.addEventListener('input', () => {\n  const verdict = strength(passwordInput.value);\n"
             "  hint.innerHTML = verdict.feedback.warning;\n});\n")
    comment = ("box.addEventListener('input', () => {\n  const text = commentInput.value;\n"
               "  preview.innerHTML = '<p>' + text + '</p>';\n});\n")
    assert _found(meter, "javascript.inner-html") == [Confidence.LOW]
    found = _found(comment, "javascript.inner-html")
    assert found and all(c >= Confidence.MEDIUM for c in found)


def test_a_query_string_the_code_builds_is_not_the_pages_url() -> None:
    built = ("async function field(kind, name) {\n"
             "  const r = await fetch(`/api/widgets/?${new URLSearchParams({ kind, name })}`);\n"
             "  const markup = await r.json();\n  holder.innerHTML = markup;\n}\n")
    read = ("function field(query) {\n  const kind = new URLSearchParams(query).get('kind');\n"
            "  holder.innerHTML = `<b>${kind}</b>`;\n}\n")
    assert _found(built, "javascript.inner-html") == [Confidence.LOW]
    found = _found(read, "javascript.inner-html")
    assert found and all(c >= Confidence.MEDIUM for c in found)


def test_a_callback_inherits_the_path_check_of_the_function_that_created_it() -> None:
    checked = ("const fs = require('fs');\nconst path = require('path');\n"
               "function receive(req, parser) {\n  const dir = req.query.dir;\n"
               "  parser.on('file', (field, stream, name) => {\n"
               "    if (!helpers.isSafePath(name) || !helpers.isSafePath(dir)) return;\n"
               "    const target = path.join(ROOT, dir, name);\n"
               "    fs.mkdir(path.dirname(target), () => {\n"
               "      stream.pipe(fs.createWriteStream(target));\n    });\n  });\n}\n")
    plain = checked.replace("    if (!helpers.isSafePath(name) || !helpers.isSafePath(dir)) return;\n", "")
    assert _found(checked, "javascript.path-traversal", "server/upload.js") == [Confidence.LOW]
    found = _found(plain, "javascript.path-traversal", "server/upload.js")
    assert found and all(c >= Confidence.MEDIUM for c in found)


def test_a_packages_own_file_run_in_a_sandbox_is_low() -> None:
    own = ("const vm = require('vm');\nfunction languages(done) {\n"
           "  fs.readFile(path.join(ROOT, 'node_modules/highlighter/lib/list.js'), (err, code) => {\n"
           "    const box = { Registry: {} };\n    vm.runInNewContext(code, box);\n"
           "    done(box.Registry.names);\n  });\n}\n")
    uploaded = ("const vm = require('vm');\nfunction run(req, done) {\n"
                "  fs.readFile(path.join(UPLOADS, req.params.name), (err, code) => {\n"
                "    vm.runInNewContext(code, {});\n    done();\n  });\n}\n")
    assert _found(own, "javascript.vm-run", "server/langs.js") == [Confidence.LOW]
    assert _found(uploaded, "javascript.vm-run", "server/run.js") == [Confidence.HIGH]


def test_a_rejected_session_id_in_a_log_is_low_and_a_password_is_not() -> None:
    rule = "javascript.sensitive-data-logged"
    stale = ("async function prune(ids) {\n  for (const sessionId of ids) {\n"
             "    if (!(await store.has(sessionId))) console.warn(`Unknown session ${sessionId} removed`);\n  }\n}\n")
    live = "function login(user, sessionId) {\n  console.log(`login of ${user}: session ${sessionId}`);\n}\n"
    typo = "function check(user, password) {\n  console.warn(`invalid login for ${user}: ${password}`);\n}\n"
    assert _found(stale, rule, "server/sessions.js") == [Confidence.LOW]
    assert _found(live, rule, "server/sessions.js") == [Confidence.MEDIUM]
    assert _found(typo, rule, "server/sessions.js") == [Confidence.MEDIUM]


def test_a_file_named_by_an_installed_packages_manifest_is_low() -> None:
    rule = "javascript.express-sendfile-traversal"
    manifest = ("exports.preview = function (req, res) {\n"
                "  const dir = path.join(__dirname, '../node_modules/' + req.params.plugin);\n"
                "  const meta = require(path.join(dir, 'plugin.json'));\n"
                "  res.sendFile(path.join(dir, meta.preview));\n};\n")
    direct = ("exports.preview = function (req, res) {\n"
              "  res.sendFile(path.join(__dirname, '../previews', req.params.name));\n};\n")
    assert _found(manifest, rule, "src/controllers/plugins.js") == [Confidence.LOW]
    assert _found(direct, rule, "src/controllers/plugins.js") == [Confidence.MEDIUM]


def test_tls_verification_off_with_a_manual_check_of_the_peer_certificate_is_low() -> None:
    rule = "javascript.tls-reject-unauthorized"
    pinned = ("const tls = require('tls');\nfunction open(host, pinnedHash, done) {\n"
              "  const sock = tls.connect({ host, port: 443, rejectUnauthorized: false }, () => {\n"
              "    const cert = sock.getPeerCertificate();\n"
              "    if (cert.fingerprint256.replace(/:/g, '') !== pinnedHash) { sock.destroy(); return; }\n"
              "    done(sock);\n  });\n}\n")
    callback = ("const https = require('https');\nfunction get(url, expected) {\n"
                "  return https.get(url, { rejectUnauthorized: false, checkServerIdentity: (host, cert) => {\n"
                "    if (cert.fingerprint256 !== expected) return new Error('certificate mismatch');\n"
                "  } });\n}\n")
    unchecked = ("const tls = require('tls');\nfunction open(host, done) {\n"
                 "  const sock = tls.connect({ host, port: 443, rejectUnauthorized: false }, () => done(sock));\n}\n")
    empty_callback = ("const https = require('https');\n"
                      "const agent = new https.Agent({ rejectUnauthorized: false, checkServerIdentity: () => {} });\n")
    assert _found(pinned, rule, "lib/client.js") == [Confidence.LOW]
    assert _found(callback, rule, "lib/client.js") == [Confidence.LOW]
    assert _found(unchecked, rule, "lib/client.js") == [Confidence.HIGH]
    assert _found(empty_callback, rule, "lib/client.js") == [Confidence.HIGH]


def test_a_server_end_tls_socket_without_client_certificates_is_not_reported() -> None:
    rule = "javascript.tls-reject-unauthorized"
    server = ("const tls = require('tls');\nfunction accept(raw, context) {\n"
              "  return new tls.TLSSocket(raw, { secureContext: context, isServer: true, rejectUnauthorized: false });\n}\n")
    client_certs = server.replace("isServer: true,", "isServer: true, requestCert: true,")
    assert _found(server, rule, "lib/server.js") == []
    assert _found(client_certs, rule, "lib/server.js") == [Confidence.HIGH]


def test_a_cipher_a_legacy_protocol_prescribes_is_low() -> None:
    rule = "javascript.weak-cipher"
    licensing = ("const crypto = require('crypto');\n// RDP licensing: the server's platform challenge\n"
                 "function answer(licenseKey, challenge) {\n"
                 "  return crypto.createDecipheriv('rc4', licenseKey, '').update(challenge);\n}\n")
    sealing = ("const crypto = require('crypto');\nfunction seal(ntlmSession, data) {\n"
               "  return crypto.createCipheriv('rc4', ntlmSession.sealKey, '').update(data);\n}\n")
    app = ("const crypto = require('crypto');\nfunction encryptNote(key, note) {\n"
           "  return crypto.createCipheriv('rc4', key, '').update(note);\n}\n")
    assert _found(licensing, rule, "lib/rdp/sec.js") == [Confidence.LOW]
    assert _found(sealing, rule, "lib/auth.js") == [Confidence.LOW]
    assert _found(app, rule, "lib/notes.js") == [Confidence.HIGH]
    # an empty IV is no IV: the stream cipher takes none
    assert _found(app, "javascript.static-iv", "lib/notes.js") == []


def test_protocol_hashes_and_public_values_are_not_reported() -> None:
    digest = ("const crypto = require('crypto');\n"
              "function response(user, password, realm, method, uri, nonce, nc, cnonce, qop) {\n"
              "  const ha1 = crypto.createHash('md5').update(user + ':' + realm + ':' + password).digest('hex');\n"
              "  const ha2 = crypto.createHash('md5').update(method + ':' + uri).digest('hex');\n"
              "  return crypto.createHash('md5').update([ha1, nonce, nc, cnonce, qop, ha2].join(':')).digest('hex');\n}\n")
    stored = ("const crypto = require('crypto');\nfunction store(user, password) {\n"
              "  user.hash = crypto.createHash('md5').update(user.name + ':' + password).digest('hex');\n}\n")
    assert _found(digest, "javascript.weak-hash-password", "lib/digest.js") == []
    assert _found(stored, "javascript.weak-hash-password", "lib/users.js") == [Confidence.HIGH]
    cnonce = "function Client(user) {\n  this.cnonce = Math.random().toString(36).substring(7);\n}\n"
    token = "function Client(user) {\n  this.authToken = Math.random().toString(36).substring(7);\n}\n"
    assert _found(cnonce, "javascript.insecure-random", "lib/client.js") == []
    assert _found(token, "javascript.insecure-random", "lib/client.js") == [Confidence.MEDIUM]
    pinned = ("const crypto = require('crypto');\nfunction pinned(cert, hash) {\n"
              "  return crypto.createHash('sha384').update(cert.raw).digest('hex') == hash;\n}\n")
    signed = ("const crypto = require('crypto');\nfunction signed(body, key, sig) {\n"
              "  return crypto.createHmac('sha384', key).update(body).digest('hex') == sig;\n}\n")
    assert _found(pinned, "javascript.timing-unsafe-compare", "lib/tls.js") == []
    assert _found(signed, "javascript.timing-unsafe-compare", "lib/tls.js") == [Confidence.MEDIUM]


def test_markup_from_a_local_sanitizing_helper_or_a_highlighter_is_not_reported() -> None:
    rule = "javascript.react-dangerously-set-inner-html"
    helper = ("import DOMPurify from 'dompurify';\nimport { marked } from 'marked';\n"
              "function toHtml(md) {\n  if (!md) return '';\n  return DOMPurify.sanitize(marked.parse(md));\n}\n"
              "export function Answer({ text }) {\n  return <div dangerouslySetInnerHTML={{ __html: toHtml(text) }} />;\n}\n")
    unsafe = helper.replace("DOMPurify.sanitize(marked.parse(md))", "marked.parse(md)")
    partly = helper.replace("  if (!md) return '';\n", "  if (md.raw) return md.raw;\n")
    assert _found(helper, rule, "src/Answer.jsx") == []
    assert _found(unsafe, rule, "src/Answer.jsx") == [Confidence.MEDIUM]
    assert _found(partly, rule, "src/Answer.jsx") == [Confidence.MEDIUM]
    prism = ("box.addEventListener('input', () => {\n"
             "  out.innerHTML = Prism.highlight(box.value, Prism.languages.sql, 'sql');\n});\n")
    hljs_out = "pre.innerHTML = hljs.highlight(pre.textContent, { language: 'js' }).value;\n"
    mixed = ("box.addEventListener('input', () => {\n"
             "  out.innerHTML = Prism.highlight(box.value, Prism.languages.sql, 'sql') + searchInput.value;\n});\n")
    assert _found(prism, "javascript.inner-html") == []
    assert _found(hljs_out, "javascript.inner-html") == []
    found = _found(mixed, "javascript.inner-html")
    assert found and all(c >= Confidence.MEDIUM for c in found), found


def test_an_echoed_origin_without_credentials_is_low_and_with_them_is_not() -> None:
    echo = ("const cors = (req, res, next) => {\n"
            "  res.header('Access-Control-Allow-Origin', req.get('origin') || '*')\n  next()\n}\n")
    credentials = echo.replace("  next()", "  res.header('Access-Control-Allow-Credentials', 'true')\n  next()")
    assert _found(echo, "javascript.cors-reflect-origin-header", "lib/server.js") == [Confidence.LOW]
    assert _found(credentials, "javascript.cors-reflect-origin-header", "lib/server.js") == [Confidence.MEDIUM]


def test_the_session_of_a_chat_or_an_agent_run_in_a_log_is_low() -> None:
    rule = "javascript.sensitive-data-logged"
    chat = ("async function reply(chatId, agentId, prefix) {\n  const sessionId = `${prefix}:${chatId}`;\n"
            "  console.error('Agent streaming error', { agentId, chatId, sessionId });\n}\n")
    chat_key = ("async function reply(chatId, agentId, apiKey) {\n"
                "  console.error('Agent streaming error', { agentId, chatId, apiKey });\n}\n")
    login = "function login(user, sessionId) {\n  console.log(`login of ${user}: session ${sessionId}`);\n}\n"
    assert _found(chat, rule, "server/ai/chats.js") == [Confidence.LOW]
    assert _found(chat_key, rule, "server/ai/chats.js") == [Confidence.MEDIUM]
    assert _found(login, rule, "server/sessions.js") == [Confidence.MEDIUM]


def test_eval_keeps_its_confidence_only_for_code_from_outside() -> None:
    rule = "javascript.eval"
    request = "exports.calc = function (req, res) {\n  const expr = req.query.expr;\n  res.json(eval(expr));\n};\n"
    built = ("function rebuild(meta) {\n  const map = viewBuilder(meta).map;\n  let fn;\n"
             "  eval('fn = ' + map.replace('function (doc)', 'function (doc, emit)'));\n  return fn;\n}\n")
    stringified = ("exports.calc = function (req, res) {\n"
                   "  res.json(eval('(' + JSON.stringify(req.body.value) + ')'));\n};\n")
    assert _found(request, rule, "server/calc.js") == [Confidence.HIGH]
    assert _found(built, rule, "server/views.js") == [Confidence.LOW]
    assert _found(stringified, rule, "server/calc.js") == [Confidence.LOW]


def test_the_session_id_of_a_driven_browser_is_low_and_of_a_sign_in_is_not() -> None:
    # a file that drives a browser and deals with no cookie, header, user or login: the id names
    # the browser session; the same code beside a sign-in keeps its confidence
    browser = ("const puppeteer = require('puppeteer');\n"
               "async function open(sessions) {\n  const browser = await puppeteer.launch();\n"
               "  const sessionId = `s_${Date.now()}_${Math.random().toString(36).slice(2)}`;\n"
               "  sessions.set(sessionId, browser);\n  console.log(`browser session ${sessionId} started`);\n"
               "  return sessionId;\n}\n")
    sign_in = browser.replace("sessions.set(sessionId, browser);", "res.cookie('sid', sessionId);")
    token = browser.replace("console.log(`browser session ${sessionId} started`)",
                            "console.log(`browser session ${sessionId} started with ${token}`)")
    for rule in ("javascript.sensitive-data-logged", "javascript.insecure-random"):
        assert _found(browser, rule, "tools/browser/sessions.js") == [Confidence.LOW]
        assert _found(sign_in, rule, "tools/browser/sessions.js") != [Confidence.LOW]
        assert _found(sign_in, rule, "tools/browser/sessions.js")
    assert _found(token, "javascript.sensitive-data-logged", "tools/browser/sessions.js") == [Confidence.MEDIUM]


def test_a_secret_an_interactive_command_shows_its_operator_is_low_and_in_a_server_is_not() -> None:
    rule = "javascript.sensitive-data-logged"
    cli = ("const inquirer = require('inquirer');\nconst crypto = require('crypto');\n"
           "async function setUpOtp() {\n  const { user } = await inquirer.prompt([{ name: 'user' }]);\n"
           "  const secret = crypto.randomBytes(20).toString('hex');\n"
           "  console.log(`enter this secret in your authenticator app: ${secret}`);\n}\n")
    server = cli.replace("async function setUpOtp() {", "app.post('/otp', async (req, res) => {")[:-2] + "});\n"
    logger = cli.replace("console.log(", "logger.info(")
    assert _found(cli, rule, "lib/otp.js") == [Confidence.LOW]
    assert _found(server, rule, "lib/otp.js") == [Confidence.MEDIUM]
    assert _found(logger, rule, "lib/otp.js") == [Confidence.MEDIUM]
