"""The CI lint step: `scan --diff-base REF` and the Code Climate report GitLab reads."""

from __future__ import annotations

import json

from tests.githelpers import SAFE, VULN, Repo


def test_diff_base_reports_only_added_or_changed_lines(tmp_path):
    repo = Repo(tmp_path / "repo", tmp_path)
    repo.write("old.py", VULN)  # an old finding, committed before the branch
    repo.write("touched.py", VULN + "\nX = 1\n")
    repo.git("add", ".")
    repo.git("commit", "-q", "-m", "base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("touched.py", VULN + "\nX = 1\nCONFIG = yaml.load(open('c.yml'))\n")  # a new line
    repo.write("new.py", VULN)  # an untracked new file counts as all new
    repo.git("add", "touched.py")
    repo.git("commit", "-q", "-m", "feature work")

    full = repo.railguard("scan", "--no-cache", "-f", "json")
    assert sorted((f["path"], f["range"]["start"]["line"]) for f in json.loads(full.stdout)["findings"]) == [
        ("new.py", 4), ("old.py", 4), ("touched.py", 4), ("touched.py", 7)]

    r = repo.railguard("scan", "--no-cache", "--diff-base", "main", "-f", "json")
    assert r.returncode == 1, r.stderr
    got = sorted((f["path"], f["range"]["start"]["line"]) for f in json.loads(r.stdout)["findings"])
    assert got == [("new.py", 4), ("touched.py", 7)]

    repo.write("new.py", SAFE)
    repo.write("touched.py", VULN + "\nX = 1\n")
    r = repo.railguard("scan", "--no-cache", "--diff-base", "main")
    assert r.returncode == 0, r.stdout

    bad = repo.railguard("scan", "--no-cache", "--diff-base", "no-such-branch")
    assert bad.returncode == 2 and "no-such-branch" in bad.stderr


def test_codeclimate_report_has_the_fields_gitlab_reads(tmp_path):
    repo = Repo(tmp_path / "repo", tmp_path)
    repo.write("app.py", VULN)
    repo.write("more.py", VULN + VULN.replace("import yaml\n", ""))
    r = repo.railguard("scan", "--no-cache", "-f", "codeclimate", "-o", "gl-code-quality-report.json")
    assert r.returncode == 1
    issues = json.loads((repo.path / "gl-code-quality-report.json").read_text())
    assert len(issues) == 3
    for issue in issues:
        assert issue["type"] == "issue" and issue["check_name"] == "python.yaml-load"
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["description"] and issue["categories"] == ["Security"]
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["location"]["path"] in {"app.py", "more.py"}
    assert len({i["fingerprint"] for i in issues}) == 3  # GitLab shows one issue per fingerprint
