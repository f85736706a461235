"""ai.undeclared-import compares an import with the manifest that owns the importing file."""

from __future__ import annotations

from pathlib import Path

from railguard.config import default_config
from railguard.engine.ai import deps
from railguard.model import Confidence
from railguard.vcs import scan_paths


def undeclared(root: Path) -> list[tuple[str, int, str]]:
    report = scan_paths([str(root)], default_config(root), use_cache=False)
    return sorted((f.path, f.line, f.confidence.name) for f in report.findings if f.rule_id == "ai.undeclared-import")


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_a_sibling_folders_requirements_do_not_own_other_code(tmp_path):
    write(tmp_path, {
        "translator/requirements.txt": "polib\n",
        "translator/sync.py": "import polib\n",
        "server/main.py": "import quasar_orm_bridge\n",  # no manifest above it: nothing to compare with
    })
    assert undeclared(tmp_path) == []


def test_the_nearest_manifest_owns_and_a_nested_one_owns_only_its_folder(tmp_path):
    write(tmp_path, {
        "pyproject.toml": '[project]\nname = "shop"\ndependencies = ["flask"]\n',
        "shop/views.py": "import flask\nimport quasar_orm_bridge\n",
        "ops/requirements.txt": "quasar-orm-bridge\n",
        "ops/load.py": "import quasar_orm_bridge\nimport flask\n",
    })
    # flask is an established package: a forgotten declaration, low; the invented name stays medium
    assert undeclared(tmp_path) == [("ops/load.py", 2, "LOW"), ("shop/views.py", 2, "MEDIUM")]


def test_setup_cfg_with_only_tool_settings_does_not_own(tmp_path):
    write(tmp_path, {
        "pyproject.toml": '[project]\nname = "shop"\ndependencies = ["requests"]\n',
        "shop/setup.cfg": "[flake8]\nmax-line-length = 100\n",
        "shop/client.py": "import requests\nimport urllib3\n",  # urllib3 comes with requests
    })
    assert undeclared(tmp_path) == []


def test_wheel_metadata_owns_the_unpacked_wheel(tmp_path):
    write(tmp_path, {
        "chatui-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: chatui\nRequires-Dist: httpx>=0.27\n"
                                         "Requires-Dist: uvicorn ; extra == 'server'\n",
        "chatui/server.py": "import httpx\nimport uvicorn\nimport anyio\nimport quasar_orm_bridge\n",
    })
    assert undeclared(tmp_path) == [("chatui/server.py", 4, "MEDIUM")]


def test_monorepo_subprojects_and_src_layouts_are_first_party(tmp_path):
    write(tmp_path, {
        "packages/core/pyproject.toml": '[project]\nname = "acme-core"\ndependencies = []\n',
        "packages/core/src/acme_core/__init__.py": "",
        "packages/api/pyproject.toml": '[project]\nname = "acme-api"\ndependencies = ["acme-core"]\n',
        "packages/api/src/acme_api/app.py": "import acme_core\nfrom acme_api import app\nimport acme_billing\n",
        "packages/billing/acme_billing/__init__.py": "",
    })
    assert undeclared(tmp_path) == []


def test_an_undeclared_established_package_is_low_and_an_invented_name_medium(tmp_path):
    write(tmp_path, {
        "requirements.txt": "flask\n",
        "app.py": "import numpy\nimport flaskk_secure_login_helper\nimport markupsafe\nimport yaml\n",
        "package.json": '{"name": "web", "dependencies": {"express": "^4.19.2"}}',
        "server.js": "const fetch = require('node-fetch');\nconst pad = require('left-padder-pro');\n",
    })
    # numpy, PyYAML and node-fetch are among the registries' most used packages: a forgotten
    # declaration (the agent and the editor see it); a name nobody publishes widely is what an
    # assistant invents and an attacker registers next
    assert undeclared(tmp_path) == [("app.py", 1, "LOW"), ("app.py", 2, "MEDIUM"), ("app.py", 4, "LOW"),
                                    ("server.js", 1, "LOW"), ("server.js", 2, "MEDIUM")]


def test_transitive_requirements_come_from_the_data():
    assert {"werkzeug", "markupsafe", "click"} <= deps.with_requirements(["flask"])
    assert "kombu" in deps.with_requirements(["celery"]) and "amqp" in deps.with_requirements(["celery"])
    assert deps.with_requirements(["quasar-orm-bridge"]) == {"quasar-orm-bridge"}
    # Review Board imports Djblets' own requirements directly
    assert deps.python_import_declared("housekeeping.functions", {"pypi": ["djblets"], "local": []})
    assert deps.python_import_declared("typelets.runtime", {"pypi": ["djblets"], "local": []})
    assert not deps.python_import_declared("typelets.runtime", {"pypi": ["django"], "local": []})
    # mcp 2 and fastmcp 4 install the protocol types as their own distribution; Cython ships pyximport
    assert deps.python_import_declared("mcp_types", {"pypi": ["fastmcp-slim"], "local": []})
    assert deps.python_import_declared("mcp_types", {"pypi": ["mcp"], "local": []})
    assert deps.python_import_declared("pyximport", {"pypi": ["cython"], "local": []})
    # python-social-auth's import names differ from its distributions' names
    assert deps.python_import_declared("social_core.backends.github", {"pypi": ["social-auth-core"], "local": []})
    assert deps.python_import_declared("social_django.models", {"pypi": ["social-auth-app-django"], "local": []})
    # python-ldap ships ldif beside ldap; future ships past
    assert deps.python_import_declared("ldif", {"pypi": ["python-ldap"], "local": []})
    assert deps.python_import_declared("past.utils", {"pypi": ["future"], "local": []})
    assert not deps.python_import_declared("past.utils", {"pypi": ["six"], "local": []})
    # filedepot's import name is depot
    assert deps.python_import_declared("depot.manager", {"pypi": ["filedepot"], "local": []})
    assert not deps.python_import_declared("depot.manager", {"pypi": ["sqlalchemy"], "local": []})
    assert deps.npm_import_declared("dirty", {"npm": ["ueberdb2"], "local": []})
    assert not deps.npm_import_declared("dirty", {"npm": ["express"], "local": []})
    # a Pyramid service (through a plugin that requires Pyramid) imports WebOb and venusian
    assert {"webob", "venusian", "zope-interface"} <= deps.with_requirements(["cornice"])


def test_declared_for_walks_up_to_the_owner():
    facts = {"owners": {"": {"pypi": ["flask"]}, "tools/lint": {"pypi": ["pylint"]}}, "local": []}
    assert deps.declared_for("app/views.py", facts, "pypi") == ["flask"]
    assert deps.declared_for("tools/lint/run.py", facts, "pypi") == ["pylint"]
    assert deps.declared_for("web/index.js", facts, "npm") is None
    assert Confidence.LOW < Confidence.MEDIUM


def test_extras_of_a_declared_requirement_count(tmp_path):
    write(tmp_path, {
        "pyproject.toml": '[project]\nname = "shop"\ndependencies = [\n    "Django[argon2]>=5",\n    "requests[socks]",\n]\n',
        "shop/hashers.py": "import argon2\nimport socks\nimport quasar_orm_bridge\n",
    })
    assert undeclared(tmp_path) == [("shop/hashers.py", 3, "MEDIUM")]


def test_a_module_named_setup_py_is_not_a_manifest(tmp_path):
    write(tmp_path, {
        "requirements.txt": "fastapi\nsqlalchemy\n",
        "app/telemetry/setup.py": "from fastapi import FastAPI\n\ndef setup_tracing(app: FastAPI) -> None:\n    pass\n",
        "app/telemetry/metrics.py": "from fastapi import FastAPI\nfrom sqlalchemy import Engine\nimport quasar_orm_bridge\n",
    })
    assert undeclared(tmp_path) == [("app/telemetry/metrics.py", 3, "MEDIUM")]


def test_build_and_test_runner_configuration_imports_are_development_tools(tmp_path):
    write(tmp_path, {
        "package.json": '{"name": "wiki", "dependencies": {"express": "^4.19.2"}}',
        "playwright.config.js": "const { defineConfig } = require('@playwright/test');\n",
        "gulpfile.js": "const svgo = require('svgo');\n",
        "server.js": "const leftPadder = require('left-padder-pro');\n",
    })
    assert undeclared(tmp_path) == [("gulpfile.js", 1, "LOW"), ("playwright.config.js", 1, "LOW"),
                                    ("server.js", 1, "MEDIUM")]


def test_a_module_named_after_the_package_is_an_optional_adapter(tmp_path):
    write(tmp_path, {
        "requirements.txt": "flask\n",
        "tracker/backends/back_quasardb.py": "import quasardb\n",
        "tracker/indexers/indexer_zephyrsearch.py": "import zephyrsearch.index\n",
        # the same imports anywhere else, and a module named after something else, stay medium
        "tracker/backends/back_orbitsql.py": "import quasardb\n",
        "tracker/storage.py": "import zephyrsearch\n",
    })
    assert undeclared(tmp_path) == [
        ("tracker/backends/back_orbitsql.py", 1, "MEDIUM"), ("tracker/backends/back_quasardb.py", 1, "LOW"),
        ("tracker/indexers/indexer_zephyrsearch.py", 1, "LOW"), ("tracker/storage.py", 1, "MEDIUM")]


def test_an_extra_named_after_the_package_it_installs_declares_it(tmp_path):
    write(tmp_path, {
        "pyproject.toml": '[project]\nname = "routes"\ndependencies = [\n    "geokit-orm[shapely,raster]>=0.14",\n'
                          '    "taskqueue[redis]",\n]\n',
        "routes/geometry.py": "import shapely.geometry\nimport redis\nimport raster_tools\n",
    })
    # `raster` is an extra's name, not the `raster_tools` distribution: still reported
    assert undeclared(tmp_path) == [("routes/geometry.py", 3, "MEDIUM")]


def test_an_extra_in_a_poetry_dependency_table_declares_the_package_it_is_named_after(tmp_path):
    write(tmp_path, {
        "pyproject.toml": '[tool.poetry]\nname = "routes"\n[tool.poetry.dependencies]\npython = "^3.10"\n'
                          'geokit-orm = {extras = ["shapely"], version = "0.20.0"}\n'
                          'taskqueue = {version = "1.2", extras = ["raster"]}\n',
        "routes/geometry.py": "import shapely.geometry\nimport raster_tools\n",
    })
    assert undeclared(tmp_path) == [("routes/geometry.py", 2, "MEDIUM")]


def test_an_import_named_like_an_extra_of_nothing_declared_is_reported(tmp_path):
    write(tmp_path, {
        "pyproject.toml": '[project]\nname = "routes"\ndependencies = ["geokit-orm[postgis]"]\n'
                          '[project.optional-dependencies]\nmaps = ["folium"]\n',
        "routes/geometry.py": "import shapely.geometry\nimport folium\n",
    })
    assert undeclared(tmp_path) == [("routes/geometry.py", 1, "LOW")]  # reported; established, so low


def test_optional_dependency_groups_poetry_extras_and_extras_require_declare_their_packages(tmp_path):
    write(tmp_path, {
        "a/pyproject.toml": '[project]\nname = "a"\ndependencies = []\n'
                            '[project.optional-dependencies]\nshapely = ["shapely>=2"]\n',
        "a/geo.py": "import shapely\n",
        "b/pyproject.toml": '[tool.poetry]\nname = "b"\n[tool.poetry.dependencies]\npython = "^3.10"\n'
                            'shapely = {version = "^2", optional = true}\n[tool.poetry.extras]\nshapely = ["shapely"]\n',
        "b/geo.py": "import shapely\n",
        "c/setup.py": 'from setuptools import setup\nsetup(name="c", extras_require={"shapely": ["shapely>=2"]})\n',
        "c/geo.py": "import shapely\nimport quasar_orm_bridge\n",
    })
    assert undeclared(tmp_path) == [("c/geo.py", 2, "MEDIUM")]


def test_a_capitalised_bare_require_of_a_project_module_is_local(tmp_path):
    write(tmp_path, {
        "package.json": '{"name": "notes", "dependencies": {"express": "^4.19.2"}}',
        "modules/loader/hasOwnProperty.js": "module.exports = Object.prototype.hasOwnProperty;\n",
        "modules/loader/store.js": "module.exports = {};\n",
        "modules/loader/program.js": "var own = require('hasOwnProperty');\nvar Store = require('Store');\n"
                                     "var express = require('express');\n",
    })
    assert undeclared(tmp_path) == []


def test_a_capitalised_require_with_no_project_module_of_that_name_is_reported(tmp_path):
    write(tmp_path, {
        "package.json": '{"name": "notes", "dependencies": {"express": "^4.19.2"}}',
        "modules/loader/program.js": "var own = require('HasOwnPropertyShim');\nvar pad = require('leftpadder-pro');\n",
    })
    assert undeclared(tmp_path) == [("modules/loader/program.js", 1, "MEDIUM"), ("modules/loader/program.js", 2, "MEDIUM")]


def test_a_nested_package_json_adds_to_the_packages_above_it(tmp_path):
    # Node resolves from the node_modules of every folder above the file: a browser build or a docs
    # site with a package.json of its own still finds the root's packages; Python projects do not
    write(tmp_path, {
        "package.json": '{"name": "cms", "dependencies": {"sortablejs-vue3": "^1.2.11", "express": "^4.19.2"}}',
        "ui/apos/package.json": '{"name": "cms-ui", "dependencies": {"vue": "^3.4.0"}}',
        "ui/apos/components/List.js": "import { Sortable } from 'sortablejs-vue3';\nimport { h } from 'vue';\n"
                                      "import grid from 'quasar-grid-toolkit-x';\n",
        "pyproject.toml": '[project]\nname = "cms"\ndependencies = ["quasar-orm-bridge"]\n',
        "tools/lint/requirements.txt": "pylint\n",
        "tools/lint/run.py": "import pylint\nimport quasar_orm_bridge\n",
    })
    assert undeclared(tmp_path) == [("tools/lint/run.py", 2, "LOW"), ("ui/apos/components/List.js", 3, "MEDIUM")]
    facts = {"owners": {"": {"npm": ["express"]}, "web": {"npm": ["vue"]}}, "local": []}
    assert sorted(deps.declared_for("web/src/app.js", facts, "npm")) == ["express", "vue"]


def test_a_file_whose_loader_resolves_bare_names_from_the_project_keeps_its_runtime_modules_low(tmp_path):
    # `require('disk-probe')` finds modules/disk-probe.js only through the embedded runtime's own
    # loader, so the file's other bare names (`heci`, `user-sessions`) are that runtime's modules
    write(tmp_path, {
        "package.json": '{"name": "agentd", "dependencies": {"express": "^4.19.2"}}',
        "agent/modules/disk-probe.js": "module.exports = function () { return []; };\n",
        "agent/core.js": "var probe = require('disk-probe');\nvar heci = require('heci');\n"
                         "var sessions = require('user-sessions');\nvar helper = require('quasar-grid-toolkit-x/lib');\n",
        # the server side runs under Node: nothing resolves bare names from the project there
        "server/app.js": "var express = require('express');\nvar heci = require('heci');\n",
    })
    assert undeclared(tmp_path) == [("agent/core.js", 2, "LOW"), ("agent/core.js", 3, "LOW"),
                                     ("agent/core.js", 4, "MEDIUM"), ("server/app.js", 2, "MEDIUM")]


def test_a_name_npm_could_never_publish_is_low(tmp_path):
    write(tmp_path, {
        "package.json": '{"name": "agentd", "dependencies": {"express": "^4.19.2"}}',
        "app.js": "var m = require('_genericmarshal');\nvar pad = require('leftpadder-pro');\n",
    })
    assert undeclared(tmp_path) == [("app.js", 1, "LOW"), ("app.js", 2, "MEDIUM")]


def test_import_names_that_run_the_distribution_words_together_or_drop_a_fork_number_are_declared(tmp_path):
    write(tmp_path, {
        "pyproject.toml": '[project]\nname = "l10n"\ndependencies = ["aliyun-python-sdk-core", "django-q2",'
                          ' "djangorestframework-csv"]\n',
        "l10n/tasks.py": "import aliyunsdkcore\nimport django_q\nimport rest_framework_csv\nimport django_qx\n",
    })
    assert undeclared(tmp_path) == [("l10n/tasks.py", 4, "MEDIUM")]


def test_a_package_a_declared_plugin_installs_through_its_library_is_declared(tmp_path):
    # gatsby-plugin-typography -> typography -> gray-percentage: two levels down, still installed
    write(tmp_path, {
        "site/package.json": '{"name": "docs", "dependencies": {"gatsby-plugin-typography": "^1.7.18"}}',
        "site/src/nav.js": "import gray from 'gray-percentage';\nimport Typography from 'typography';\n"
                           "import pad from 'leftpadder-pro';\n",
    })
    assert undeclared(tmp_path) == [("site/src/nav.js", 3, "MEDIUM")]
    assert {"typography", "gray-percentage"} <= deps.brought_by(["gatsby-plugin-typography"])
    assert "gray-percentage" not in deps.brought_by(["gatsby-plugin-typography"], depth=1)


def test_plugins_named_after_their_framework_or_their_host_distribution_are_declared(tmp_path):
    # djangorestframework-recursive provides rest_framework_recursive (rest_framework is
    # djangorestframework's), django-qsstats-magic provides qsstats, fusepy provides fuse,
    # django-activity-stream provides actstream (an abbreviation: known from the data file),
    # django-classy-tags provides classytags (the words after the framework's run together)
    write(tmp_path, {
        "setup.py": "from setuptools import setup\nsetup(name='edms', install_requires=["
                    "'djangorestframework-recursive', 'django-qsstats-magic', 'fusepy', 'django-activity-stream',"
                    " 'django-classy-tags', 'python-redmine'])\n",
        "edms/apps.py": "import rest_framework_recursive\nimport qsstats\nimport fuse\nimport actstream\n"
                        "import rest_framework_tricks\nimport qsstatsx\nimport magicstats\n"
                        "import classytags\nimport classytagsx\nimport redminelib\nimport redmine_tools_lib\n",
    })
    assert undeclared(tmp_path) == [("edms/apps.py", 5, "MEDIUM"), ("edms/apps.py", 6, "MEDIUM"),
                                    ("edms/apps.py", 7, "MEDIUM"), ("edms/apps.py", 9, "MEDIUM"),
                                    ("edms/apps.py", 11, "MEDIUM")]


def test_rest_framework_plugins_and_renumbered_forks_of_plugins_are_declared(tmp_path):
    # drf-access-policy provides rest_access_policy, djangorestframework-queryfields provides
    # drf_queryfields, django-livesettings3 (a renumbered fork) provides livesettings
    write(tmp_path, {
        "pyproject.toml": '[project]\nname = "pulp"\ndependencies = ["drf-access-policy", '
                          '"djangorestframework-queryfields", "django-livesettings3"]\n',
        "pulp/app.py": "import rest_access_policy\nimport drf_queryfields\nimport livesettings\n"
                       "import rest_access_rules\nimport drf_fieldsets\nimport livesettingsx\n",
    })
    assert undeclared(tmp_path) == [("pulp/app.py", 4, "MEDIUM"), ("pulp/app.py", 5, "MEDIUM"),
                                    ("pulp/app.py", 6, "MEDIUM")]


def test_bindings_named_for_their_c_library_and_lib_suffixed_modules_are_declared(tmp_path):
    # libusb1 provides usb1, hwi provides hwilib
    write(tmp_path, {
        "requirements.txt": "libusb1==3.1.0\nhwi==3.1.0\n",
        "wallet/devices.py": "import usb1\nimport hwilib\nimport usb2\nimport hwxlib\n",
    })
    assert undeclared(tmp_path) == [("wallet/devices.py", 3, "MEDIUM"), ("wallet/devices.py", 4, "MEDIUM")]


def test_imports_the_author_marked_for_the_type_checker_as_unresolved_are_low(tmp_path):
    write(tmp_path, {
        "pyproject.toml": '[project]\nname = "svc"\ndependencies = ["requests"]\n',
        "svc/hw.py": "import acme_sensor_hal  # pylint: disable=import-error\n"
                     "import vendor_spi_bus  # type: ignore[import-not-found]\n"
                     "import labkit_gpio.pins as pins  # pyright: ignore[reportMissingImports]\n"
                     "import gpiozero_tools  # type: ignore[attr-defined]\n",
    })
    assert undeclared(tmp_path) == [("svc/hw.py", 1, "LOW"), ("svc/hw.py", 2, "LOW"), ("svc/hw.py", 3, "LOW"),
                                    ("svc/hw.py", 4, "MEDIUM")]



def test_a_module_level_pylint_disable_covers_the_imports_below_it(tmp_path):
    write(tmp_path, {
        "pyproject.toml": '[project]\nname = "svc"\ndependencies = ["requests"]\n',
        "svc/tools.py": "import acme_probe_kit\n"
                        "# pylint: disable=import-error  # on PYTHONPATH at run time only\n"
                        "import json\n"
                        "from vendor_idf_tools import load_tools\n",
        # a disable inside a function is that function's, not the module's
        "svc/other.py": "def f():\n    # pylint: disable=import-error\n    return 1\n\n\nimport board_catalog\n",
    })
    assert undeclared(tmp_path) == [("svc/other.py", 6, "MEDIUM"), ("svc/tools.py", 1, "MEDIUM"),
                                    ("svc/tools.py", 4, "LOW")]


def test_a_package_shipped_in_the_projects_vendored_folder_is_no_missing_dependency(tmp_path):
    outside = tmp_path / "elsewhere"
    write(outside, {"lib/linked_sync/__init__.py": ""})
    root = tmp_path / "proj"
    write(root, {
        "pyproject.toml": '[project]\nname = "learn"\ndependencies = ["requests"]\n',
        # the wheel carries its own copies on sys.path: learn/dist/<name>/ beside <name>-1.0.dist-info/
        "learn/dist/sync_engine/__init__.py": "",
        "learn/dist/sync_engine-0.8.15.dist-info/METADATA": "Name: sync-engine\n",
        "learn/dist/bus_tools.py": "",
        "learn/core/analytics/utils.py": "import sync_engine\nimport bus_tools\nimport linked_sync\nimport lesson_kit\n",
    })
    (root / "learn" / "vendor").symlink_to(outside / "lib")  # a link out of the project tells nothing
    assert undeclared(root) == [("learn/core/analytics/utils.py", 3, "MEDIUM"),
                                ("learn/core/analytics/utils.py", 4, "MEDIUM")]


def test_imports_are_listed_in_the_order_of_the_file():
    from railguard.engine.ai.imports import js_imports
    from railguard.engine.document import Document

    doc = Document.from_text("app.js", "const a = require('x');\nimport b from 'y';\nexport { c } from 'z';\n"
                                       "const d = await import('w');\nimport e from 'v';\n")
    assert [(spec, node.start_point[0]) for spec, node in js_imports(doc)] == [
        ("x", 0), ("y", 1), ("z", 2), ("w", 3), ("v", 4)]


def test_a_script_whose_sibling_runs_under_its_own_loader_has_its_bare_names_low(tmp_path):
    # modules/amt-mei.js is required by its bare name from modules/agent.js: the folder's scripts
    # run under a loader that resolves names itself, so win-com in modules/wmi.js may be its own
    write(tmp_path, {
        "package.json": '{"name": "server", "dependencies": {"express": "^4.19.2"}}',
        "modules/agent.js": "var mei = require('amt-mei');\n",
        "modules/amt-mei.js": "module.exports = {};\n",
        "modules/wmi.js": "var com = require('win-com');\n",
        "server/web.js": "var com = require('win-com');\n",
    })
    assert undeclared(tmp_path) == [("modules/wmi.js", 1, "LOW"), ("server/web.js", 1, "MEDIUM")]


def test_a_scope_the_project_owns_or_takes_a_package_from_is_low(tmp_path):
    write(tmp_path, {
        "package.json": '{"name": "@northwind/portal", "dependencies": {"@tanstack/react-query": "^5.0.0"}}',
        "web/app.js": "const ui = require('@northwind/ui-kit');\n"
                      "const persist = require('@tanstack/query-persist-client-core');\n"
                      "const auth = require('@northwlnd/auth-helpers');\n"
                      "const rl = require('@acme/rate-limit-pro');\n",
    })
    # npm scopes belong to one organisation: nobody else can publish into the project's own scope
    # or a declared dependency's; a look-alike scope (northwlnd) or a foreign one is what to report
    assert undeclared(tmp_path) == [("web/app.js", 1, "LOW"), ("web/app.js", 2, "LOW"),
                                    ("web/app.js", 3, "MEDIUM"), ("web/app.js", 4, "MEDIUM")]
    assert deps.scope_owned("@northwind/ui-kit", {"npm": [], "local": ["@northwind"]})  # a single-file scan
    assert not deps.scope_owned("northwind-ui", {"npm": ["@northwind/core"], "local": []})


def test_one_missing_dependency_is_one_finding_at_the_ci_threshold(tmp_path):
    write(tmp_path, {
        "requirements.txt": "flask\n",
        "shop/a.py": "import quasar_orm_bridge\n",
        "shop/b.py": "import quasar_orm_bridge.models\nimport zephyr_token_vault\n",
        "shop/c.py": "def load():\n    import zephyr_token_vault\n",
    })
    # a project fact: the strongest finding of each missing module keeps its level (ties: the first
    # by path), the other importing files drop to low (the editor still shows them, tagged repeat)
    assert undeclared(tmp_path) == [("shop/a.py", 1, "MEDIUM"), ("shop/b.py", 1, "LOW"), ("shop/b.py", 2, "MEDIUM"),
                                    ("shop/c.py", 2, "LOW")]
    report = scan_paths([str(tmp_path)], default_config(tmp_path), use_cache=False)
    repeats = [f for f in report.findings if "repeat" in f.tags]
    assert [(f.path, f.line) for f in repeats] == [("shop/b.py", 1)]


def test_test_helpers_of_the_policy_are_test_code_for_imports_too(tmp_path):
    # a broken test plugin under `test_utils/` imports a module that does not exist on purpose
    write(tmp_path, {
        "pyproject.toml": '[project]\nname = "cms"\ndependencies = ["django"]\n',
        "cms/test_utils/project/brokenapp/plugins.py": "import nonexistingmodule  # noqa: F401\n",
        "cms/plugins.py": "import nonexistingmodule\n",
    })
    assert undeclared(tmp_path) == [("cms/plugins.py", 1, "MEDIUM"),
                                    ("cms/test_utils/project/brokenapp/plugins.py", 1, "LOW")]


def test_a_dynamic_import_whose_failure_is_caught_is_optional(tmp_path):
    write(tmp_path, {
        "package.json": '{"name": "wiki-server", "dependencies": {"express": "4"}}\n',
        "lib/page.js": "export const meta = () => import('wiki/package.json', { with: { type: 'json' } })\n"
                       "  .then((m) => m.default)\n  .catch(() => null)\n"
                       "export const widgets = () => import('quasar-widgets-xyz').then((m) => m.default)\n",
    })
    assert undeclared(tmp_path) == [("lib/page.js", 4, "MEDIUM")]


def test_an_integration_package_that_lists_its_own_requirements_is_low(tmp_path):
    # zenml's integrations: `REQUIREMENTS = [...]` on the integration, installed when it is switched on
    write(tmp_path, {
        "pyproject.toml": '[project]\nname = "mlops"\ndependencies = ["requests"]\n',
        "mlops/__init__.py": "",
        "mlops/integrations/__init__.py": "",
        "mlops/integrations/skypilot/__init__.py":
            "class SkypilotIntegration(Integration):\n    REQUIREMENTS = ['skypilot[aws]>=0.6']\n",
        "mlops/integrations/skypilot/orchestrators/__init__.py": "",
        "mlops/integrations/skypilot/orchestrators/vm.py": "import sky\n",
        "mlops/core/runner.py": "import quorabench\n",
    })
    assert undeclared(tmp_path) == [("mlops/core/runner.py", 1, "MEDIUM"),
                                    ("mlops/integrations/skypilot/orchestrators/vm.py", 1, "LOW")]


def test_a_declared_distributions_copy_inside_the_project_imports_what_it_requires(tmp_path):
    # a panel that pins its core `aj==2.2.18` and ships the core's package folder beside its own:
    # the core's imports (its own requirements) are not the panel's to declare
    write(tmp_path, {
        "setup.py": "from setuptools import setup\nsetup(name='panel', install_requires=['aj==2.2.18', 'pyyaml'])\n",
        "aj/api/__init__.py": "from quasar_plugin_kit import interface\n",
        "panel/views.py": "import yaml\nimport quasar_plugin_kit\n",
    })
    assert undeclared(tmp_path) == [("panel/views.py", 2, "MEDIUM")]


def test_the_root_of_an_established_namespace_family_is_a_forgotten_declaration(tmp_path):
    write(tmp_path, {
        "pyproject.toml": '[project]\nname = "shop"\ndependencies = ["flask"]\n',
        "shop/tracing.py": "from opentelemetry import trace\nfrom quasar_telemetry import trace as t2\n",
    })
    assert undeclared(tmp_path) == [("shop/tracing.py", 1, "LOW"), ("shop/tracing.py", 2, "MEDIUM")]


def test_a_declared_distribution_with_a_major_number_is_low(tmp_path):
    # `quillhttp2` beside a declared `quillhttp`: its successor or a sibling the dependency installs,
    # not an invented name (low); a plugin-like name after it and other names stay medium
    write(tmp_path, {
        "pyproject.toml": '[project]\nname = "tracer"\ndependencies = ["quillhttp", "agentkit-slim[mcp]"]\n',
        "tracer/server.py": "import quillhttp2\nimport quillhttp_pool\nimport mcp_wiretypes\nimport ledgerkit3\n",
    })
    assert undeclared(tmp_path) == [("tracer/server.py", 1, "LOW"), ("tracer/server.py", 2, "MEDIUM"),
                                    ("tracer/server.py", 3, "MEDIUM"), ("tracer/server.py", 4, "MEDIUM")]


def test_the_modules_of_pywin32_are_an_established_distributions(tmp_path):
    write(tmp_path, {
        "pyproject.toml": '[project]\nname = "tv"\ndependencies = ["requests"]\n',
        "tv/service.py": "import servicemanager\nimport win32service\nimport win32serviceutil\nimport winsvc_helperx\n",
    })
    assert undeclared(tmp_path) == [("tv/service.py", 1, "LOW"), ("tv/service.py", 2, "LOW"), ("tv/service.py", 3, "LOW"),
                                    ("tv/service.py", 4, "MEDIUM")]


def test_typescript_path_aliases_are_the_builds_own_names(tmp_path):
    write(tmp_path, {
        "package.json": '{"name": "widgets", "dependencies": {"@bokeh/bokehjs": "3.8.0"}}\n',
        # JSON with comments, as TypeScript reads it
        "tsconfig.json": '{\n  // the bokehjs sources by a short name\n  "compilerOptions": {\n'
                         '    "paths": {"@bokehjs/*": ["node_modules/@bokeh/bokehjs/build/js/lib/*"], "~env": ["./env.ts"]},\n'
                         '  },\n}\n',
        "src/button.ts": 'import {ButtonClick} from "@bokehjs/core/bokeh_events"\nimport env from "~env"\n'
                         'import {format} from "@bokehjsx/format"\n',
    })
    assert undeclared(tmp_path) == [("src/button.ts", 3, "MEDIUM")]


def test_package_json5_of_an_app_declares_for_its_folder_and_the_package_json_above_it(tmp_path):
    # npm-mjs/pnpm read JSON5 manifests (unquoted keys, comments, trailing commas); a build merges
    # every app's file into the install of the package.json above them
    write(tmp_path, {
        "web/package.json": '{"name": "site", "private": true}',
        "web/base/package.json5": '// merged before npm runs\n{\n  dependencies: {\n    fastdom: "1.0.11",\n'
                                  '    "@acme-ui/grid": \'^2.0.0\',\n  },\n}\n',
        "web/docs/package.json5": '{dependencies: {"prosemirror-example-setup": "1.2.3",},}',
        "web/base/static/js/app.js": "import fastdom from 'fastdom';\nimport {Grid} from '@acme-ui/grid';\n"
                                     "import x from 'quasar-grid-toolkit-x';\n",
        "web/docs/static/js/editor.js": "import setup from 'prosemirror-example-setup';\nimport fastdom from 'fastdom';\n",
    })
    assert undeclared(tmp_path) == [("web/base/static/js/app.js", 3, "MEDIUM")]


def test_a_package_json5_declares_nothing_for_a_project_it_is_not_part_of(tmp_path):
    write(tmp_path, {
        "web/package.json": '{"name": "site", "private": true}',
        "tools/package.json5": '{dependencies: {fastdom: "1.0.11"}}',
        "web/static/js/app.js": "import fastdom from 'fastdom';\n",
    })
    assert undeclared(tmp_path) == [("web/static/js/app.js", 1, "MEDIUM")]


def test_modules_shipped_inside_a_distribution_declared_in_setup_py_install_requires(tmp_path):
    # read as data, never run: HermesCache provides hermes, pymongo ships gridfs and bson
    write(tmp_path, {
        "setup.py": 'from setuptools import setup\ninstall_requires = ["HermesCache>=0.10", "pymongo>=3.8"]\n'
                    'setup(name="desk", install_requires=install_requires)\n',
        "desk/cache.py": "import hermes\nimport gridfs\nfrom bson import ObjectId\nimport quasar_orm_bridge\n",
    })
    assert undeclared(tmp_path) == [("desk/cache.py", 4, "MEDIUM")]


def test_an_import_name_of_a_distribution_declared_in_setup_cfg(tmp_path):
    # get-video-properties provides `videoprops`; an undeclared name beside it is still reported
    write(tmp_path, {
        "setup.cfg": "[metadata]\nname = bot\n\n[options]\ninstall_requires =\n    get-video-properties\n",
        "bot/events.py": "from videoprops import get_video_properties\nimport quasar_media_probe\n",
    })
    assert undeclared(tmp_path) == [("bot/events.py", 2, "MEDIUM")]
