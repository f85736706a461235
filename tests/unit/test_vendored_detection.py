"""Third-party and built front-end code left out by default: copied libraries (by a license
banner naming a version, by a UMD/AMD wrapper, by a `lib/` folder below static assets), build
artifacts (hashed names, `built/`, collected static roots), and the app's own scripts that
look alike but are scanned."""

from __future__ import annotations

from pathlib import Path

import pytest

from railguard.config import load_config
from railguard.engine.engine import Engine
from railguard.engine.policy import PolicyStage, content_exclude_reason, describe_excludes
from railguard.model import Policy
from railguard.vcs import collect_files

SINK = "function show(el) {\n  el.innerHTML = location.hash.slice(1);\n}\n"


def _scan_paths(root: Path, *options: str) -> set[str]:
    (root / ".git").mkdir(exist_ok=True)
    (root / ".railguard.toml").write_text("cache = false\n" + "\n".join(options) + "\n")
    config = load_config(root)
    engine = Engine(config)
    files, _ = collect_files([str(root)], config, engine.policy)
    return {f.path for f in engine.scan(files, "ci").findings}


@pytest.mark.parametrize("path", [
    "web/static/js/libs/player.js", "app/static/lib/chart.js", "pkg/static/vendor2/js/lib/x.js",
    "frontend/assets/libs/slider.js", "server/public/lib/editor.js", "core/built/admin/assets/app.js",
    "frontend/_app/immutable/chunks/entry.js", "forum/media/jslib/jquery.ajaxfileupload.js", "web/jslibs/editor.js",
])
def test_new_default_excludes_by_name_and_include_brings_them_back(path: str, tmp_path: Path) -> None:
    assert PolicyStage(Policy(), tmp_path).exclude_reason(path) == "excluded by default"
    assert PolicyStage(Policy(include=(path,)), tmp_path).exclude_reason(path) is None


@pytest.mark.parametrize("path", [
    "lib/routes.js", "src/lib/auth.js", "packages/server/lib/db.js", "public/src/client/topic.js",
    "static/js/app.js", "src/builtins.js", "app/library/x.js", "media/js/libsync.js", "src/jslib_helpers.js",
])
def test_an_apps_own_lib_folder_and_scripts_are_scanned(path: str, tmp_path: Path) -> None:
    assert PolicyStage(Policy(), tmp_path).exclude_reason(path) is None


BANNER = "/*!\n * Widgetly v2.4.1 (https://widgetly.example)\n * Released under the MIT license\n */\n"
LICENSE_TAG = "/** @license\n * Soundish: sound for the web\n * V3.12a\n */\n"
UMD = ("(function (root, factory) {\n  typeof exports === 'object' && typeof module !== 'undefined' ?"
       " module.exports = factory() :\n  typeof define === 'function' && define.amd ? define(factory) :"
       " (root.Lib = factory());\n}(this, function () {\n")
AMD_MINIFIED = '!function(f){"function"==typeof define&&define.amd?define(["jquery"],f):f(jQuery)}(function($){\n'
PLUGIN_HEADER = ("// " + "-" * 60 + "\n// markItDown! Universal MarkUp Engine, jQuery plugin\n// v 1.1.x\n"
                 "// Dual licensed under the MIT and GPL licenses.\n// Copyright (C) 2007-2012 A. Author\n"
                 "// https://markitdown.example/\n// Permission is hereby granted, free of charge, to any person\n")
LIBRARIES = {"plugin-header": PLUGIN_HEADER + SINK, "banner": BANNER + SINK, "license-tag": LICENSE_TAG + SINK, "umd": UMD + SINK + "}));\n",
             "amd": AMD_MINIFIED + SINK + "});\n"}


@pytest.mark.parametrize("kind", sorted(LIBRARIES))
def test_a_copied_library_is_recognised_by_its_first_kilobytes(kind: str, tmp_path: Path) -> None:
    text = LIBRARIES[kind]
    assert content_exclude_reason("static/widgets/lib.js", text.encode()) == "vendored library"
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "widget.js").write_text(text)
    assert _scan_paths(tmp_path) == set()
    assert _scan_paths(tmp_path, 'include = ["static/widget.js"]') == {"static/widget.js"}


# An app's own header: a copyright line and even a full license text, but no preserved banner
# naming a version and no module-system wrapper. Such scripts are application code: scanned.
GPL_HEADER = ("/* This file is part of Bookshelf (https://example.org/bookshelf)\n"
              " *    Copyright (C) 2018-2023 The Bookshelf authors\n"
              " *  This program is free software: you can redistribute it and/or modify\n"
              " *  it under the terms of the GNU General Public License version 3.\n */\n")
SHORT_COPYRIGHT = "// Copyright 2024 Example Corp. Licensed under MIT.\n"
APP_LICENSE_TAG = "/**\n * @license MIT\n * Shop front-end: cart page\n */\n"
APACHE_HEADER = ("/*\n * Copyright 2021 Example Corp.\n *\n * Licensed under the Apache License, Version 2.0 (the \"License\");\n"
                 " * you may not use this file except in compliance with the License.\n"
                 " *     http://www.apache.org/licenses/LICENSE-2.0\n */\n")
MIT_APP_HEADER = ("// Shop front-end v2.3 (https://shop.example)\n// Copyright 2024 Example Corp.\n"
                  "// Licensed under the MIT license\n")
UMD_LATER = SINK + ("// " + "x" * 70 + "\n") * 80 + "if (typeof define === 'function' && define.amd) {}\n"


@pytest.mark.parametrize("text", [GPL_HEADER + SINK, APACHE_HEADER + SINK, MIT_APP_HEADER + SINK, SHORT_COPYRIGHT + SINK, APP_LICENSE_TAG + SINK, UMD_LATER,
                                  "/*! app styles */\n" + SINK])
def test_an_apps_own_script_with_a_copyright_header_is_scanned(text: str, tmp_path: Path) -> None:
    assert content_exclude_reason("static/js/app.js", text.encode()) is None
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "app.js").write_text(text)
    assert _scan_paths(tmp_path) == {"static/app.js"}


@pytest.mark.parametrize("name", ["assets/app.3f9a1c2e7b04.js", "assets/vendor-97e91ff8dd1457c6.js",
                                  "static/output.a1b2c3d4.css"])
def test_a_content_hash_in_the_name_marks_a_build_artifact(name: str) -> None:
    assert content_exclude_reason(name, SINK.encode()) == "build artifact (hashed name)"


@pytest.mark.parametrize("name", ["dashboard/assets/index-ClLsmNAr.js", "assets/editor.api-CHsZftCE.js",
                                  "dist/assets/chunks/json.worker-DpWAYF96.js", "assets/style-B1x_9zQe.css"])
def test_a_bundlers_asset_hash_marks_a_build_artifact(name: str) -> None:
    assert content_exclude_reason(name, SINK.encode()) == "build artifact (hashed name)"


@pytest.mark.parametrize("name", ["assets/elk-worker.min-C9JGDOE-.js", "static/lib.min.3f9a1c2e.js"])
def test_a_hashed_minified_build_is_minified(name: str) -> None:
    assert content_exclude_reason(name, SINK.encode()) == "minified file"


@pytest.mark.parametrize("name", ["reports/backup-20240101.js", "src/deadbeef.js", "src/page.v2.js",
                                  "src/add-user.js", "assets/add-settings.js", "assets/user-settings.js",
                                  "src/assets/upload-handler.js", "src/admin.minimal.js"])
def test_names_without_a_content_hash_are_scanned(name: str) -> None:
    assert content_exclude_reason(name, SINK.encode()) is None


def test_a_collected_static_root_is_recognised_by_its_manifest(tmp_path: Path) -> None:
    (tmp_path / "static.out" / "js").mkdir(parents=True)
    (tmp_path / "static.out" / "js" / "menu.js").write_text(SINK)
    (tmp_path / "static.out" / "staticfiles.json").write_text('{"paths": {"js/menu.js": "js/menu.0a1b2c3d4e5f.js"}}')
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "menu.js").write_text(SINK)
    assert _scan_paths(tmp_path) == {"js/menu.js"}
    assert _scan_paths(tmp_path, 'include = ["static.out/"]') == {"js/menu.js", "static.out/js/menu.js"}


def test_a_json_file_of_the_same_name_with_other_content_is_no_marker(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "staticfiles.json").write_text('{"dirs": ["static"]}')
    (tmp_path / "conf" / "ui.js").write_text(SINK)
    assert _scan_paths(tmp_path) == {"conf/ui.js"}


def test_show_excludes_lists_the_new_defaults(tmp_path: Path) -> None:
    text = "\n".join(describe_excludes(PolicyStage(Policy(), tmp_path)))
    for word in ("**/static/**/libs/", "built/", "**/_app/immutable/", "staticfiles.json", "content hash",
                 "license banner", "define.amd"):
        assert word in text, word


JS_EVAL = "function run(src) {\n  return eval(location.hash.slice(1));\n}\n"


def _plugin_with_library(root: Path, marker: str, text: str) -> None:
    plugin = root / "plugins" / "acme" / "testing"
    lib = plugin / "files" / "specrunner"
    (lib / "lib").mkdir(parents=True)
    (lib / "lib" / "runner.js").write_text(JS_EVAL)
    (lib / marker).write_text(text)
    (plugin / "plugin.json").write_text('{"title": "acme/testing"}\n')
    (plugin / "LICENSE").write_text("BSD\n")  # the plugin's own license: its code is scanned
    (plugin / "startup.js").write_text(JS_EVAL)


@pytest.mark.parametrize(("marker", "text"), [
    ("MIT.LICENSE", "Copyright (c) the specrunner authors\n"),
    ("LICENSE", "Permission is hereby granted, free of charge\n"),
    ("LICENCE.txt", "BSD 3-Clause\n"),
    ("COPYING", "GPL\n"),
    ("bower.json", '{"name": "specrunner"}\n'),
    ("package.json", '{"name": "specrunner", "version": "3.6.0", "main": "lib/runner.js"}\n'),
])
def test_a_library_shipped_inside_a_plugin_is_recognised_by_its_own_license_or_manifest(
        marker: str, text: str, tmp_path: Path) -> None:
    _plugin_with_library(tmp_path, marker, text)
    # the plugin's own module is scanned; the library it ships is not, unless `include` names it
    assert _scan_paths(tmp_path) == {"plugins/acme/testing/startup.js"}
    assert _scan_paths(tmp_path, 'include = ["plugins/acme/testing/files/specrunner/"]') == {
        "plugins/acme/testing/startup.js", "plugins/acme/testing/files/specrunner/lib/runner.js"}


@pytest.mark.parametrize(("folder", "marker", "text"), [
    # a plugin's own folder may carry its own license and manifest: it is the project's code
    ("plugins/acme", "LICENSE", "MIT\n"),
    ("plugins/acme/testing", "LICENSE", "MIT\n"),
    ("plugins/acme/testing", "package.json", '{"name": "acme-plugin", "version": "1.0.0"}\n'),
    # a plugin's own front-end build setup: private, or naming no version
    ("plugins/acme/testing/frontend", "package.json", '{"name": "acme-ui", "version": "1.0.0", "private": true}\n'),
    ("plugins/acme/testing/frontend", "package.json", '{"scripts": {"build": "vite build"}}\n'),
    # a wiki page or a module about licenses is no license file
    ("plugins/acme/testing/ui", "license.tid", "title: license\n"),
    # a monorepo's packages are first-party, licensed or not
    ("packages/acme/testing/lib", "LICENSE", "MIT\n"),
    # no license, no manifest
    ("plugins/acme/testing/files/helpers", "README.md", "helpers\n"),
])
def test_a_plugins_own_code_and_other_licensed_folders_are_scanned(folder: str, marker: str, text: str,
                                                                    tmp_path: Path) -> None:
    (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "plugins" / "acme" / "testing").mkdir(parents=True, exist_ok=True)
    (tmp_path / "plugins" / "acme" / "testing" / "plugin.json").write_text('{"title": "acme/testing"}\n')
    (tmp_path / folder / "runner.js").write_text(JS_EVAL)
    (tmp_path / folder / marker).write_text(text)
    assert _scan_paths(tmp_path) == {f"{folder}/runner.js"}


def test_a_licensed_folder_below_plugins_but_in_no_plugin_is_scanned(tmp_path: Path) -> None:
    lib = tmp_path / "plugins" / "shared" / "specrunner"
    lib.mkdir(parents=True)
    (lib / "LICENSE").write_text("MIT\n")
    (lib / "runner.js").write_text(JS_EVAL)
    assert _scan_paths(tmp_path) == {"plugins/shared/specrunner/runner.js"}


def test_show_excludes_lists_libraries_inside_plugins(tmp_path: Path) -> None:
    text = "\n".join(describe_excludes(PolicyStage(Policy(), tmp_path)))
    assert "plugins/" in text and "own license file" in text


COPIED_MODULE = ('"""\nTinyweb is a micro-framework in a single file.\n\nHomepage and documentation: https://tinyweb.example/\n\n'
                 'Copyright (c) 2016, A. Author.\nLicense: MIT (see LICENSE for details)\n"""\n\n'
                 "__author__ = 'A. Author'\n__version__ = '0.12.25'\n__license__ = 'MIT'\n\n"
                 "import pickle\n\n\ndef load(msg):\n    return pickle.loads(msg)\n")
APP_MODULE = ('"""Shop helpers.\n\nCopyright (c) 2024 Example Corp.\n"""\n\n__version__ = "2.1.0"\n\n'
              "import pickle\n\n\ndef load(msg):\n    return pickle.loads(msg)\n")


@pytest.mark.parametrize(("path", "text", "vendored"), [
    ("shop/web_wrapper/tinyweb.py", COPIED_MODULE, True),
    ("tinyweb.py", COPIED_MODULE, False),  # the single-module project itself
    ("src/tinyweb.py", COPIED_MODULE, False),
    ("shop/web_wrapper/__init__.py", COPIED_MODULE, False),  # a package's own version and notice
    ("shop/helpers/loader.py", APP_MODULE, False),  # no home page, no __author__ / __license__
])
def test_a_python_module_copied_into_a_package_is_a_vendored_library(path: str, text: str, vendored: bool) -> None:
    assert (content_exclude_reason(path, text.encode()) == "vendored library") is vendored


def test_a_compiled_copy_beside_the_packages_sources_is_build_output(tmp_path: Path) -> None:
    # the package ships src/ and the compiler's lib/ (with .d.ts files): the copy is left out, the
    # sources are scanned; a lib/ without such twins is the package's own code
    pkg = tmp_path / "companion"
    for folder, name in (("src", "server.js"), ("lib", "server.js"), ("lib", "server.d.ts"), ("other/lib", "tool.js"),
                         ("other/src", "tool.js")):
        (pkg / folder).mkdir(parents=True, exist_ok=True)
        (pkg / folder / name).write_text(SINK if name.endswith(".js") else "export {};\n")
    assert _scan_paths(tmp_path) == {"companion/src/server.js", "companion/other/lib/tool.js",
                                     "companion/other/src/tool.js"}
    assert _scan_paths(tmp_path, 'include = ["companion/lib/"]') == {
        "companion/src/server.js", "companion/lib/server.js", "companion/other/lib/tool.js", "companion/other/src/tool.js"}
