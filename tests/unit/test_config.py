import pytest

from railguard.config import find_config_file, load_config
from railguard.model import RailguardError, Severity


def test_defaults_without_config(tmp_path):
    (tmp_path / ".git").mkdir()
    cfg = load_config(tmp_path)
    assert cfg.source == ""
    assert cfg.threshold("commit").severity == Severity.HIGH
    assert cfg.max_file_size > 0


def test_pyproject_section_found_by_walking_up(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.railguard]\nexclude = ["vendor/"]\n'
                                             '[tool.railguard.thresholds]\ncommit = {severity = "medium"}\n')
    sub = tmp_path / "src" / "pkg"
    sub.mkdir(parents=True)
    cfg = load_config(sub)
    assert cfg.excludes == ["vendor/"]
    assert cfg.threshold("commit").severity == Severity.MEDIUM
    assert cfg.root == tmp_path


def test_railguard_toml_wins_over_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.railguard]\nexclude = ["a/"]\n')
    (tmp_path / ".railguard.toml").write_text('exclude = ["b/"]\n')
    assert find_config_file(tmp_path).name == ".railguard.toml"
    assert load_config(tmp_path).excludes == ["b/"]


@pytest.mark.parametrize(
    "text, needle",
    [
        ("colour = 'red'\n", "tool.railguard.colour"),
        ("max-file-size = 'big'\n", "tool.railguard.max-file-size' must be int"),
        ("[thresholds]\ncommit = {severity = 'loud'}\n", "thresholds.commit"),
        ("[secrets]\nentropi = true\n", "tool.railguard.secrets.entropi"),
        ("exclude = [1, 2]\n", "tool.railguard.exclude"),
        ("exclude = [\n", "invalid TOML"),
    ],
)
def test_config_errors_name_the_key_and_file(tmp_path, text, needle):
    (tmp_path / ".railguard.toml").write_text(text)
    with pytest.raises(RailguardError) as exc:
        load_config(tmp_path)
    assert needle in str(exc.value)
    assert ".railguard.toml" in str(exc.value)


def test_config_is_data_only(tmp_path):
    (tmp_path / ".railguard.toml").write_text('baseline = "__import__(\'os\').system(\'false\')"\n')
    assert load_config(tmp_path).get("baseline").startswith("__import__")
