"""Configuration files: where they are found, what they say, errors naming the key."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_convert.cli import main
from tei_convert.errors import ConfigError
from tei_convert.run.config import Config, load_config

from conftest import CASES

FULL = """
input = ["texts"]
output = "tei"
format = "mia"
publisher = "An Archive"
licence = "https://creativecommons.org/licenses/by/4.0/"
volume-meta = "meta/volume.json"
jobs = 2

[corpus]
file = "corpus.xml"
title = "Letters"

[deposit]
bag = "deposit"
include-sources = true
source-organization = "An Archive"
contact-email = "editor@example.org"
external-description = "Letters, converted to TEI"
"""


def test_tei_convert_toml_is_read(tmp_path: Path) -> None:
    (tmp_path / "tei-convert.toml").write_text(FULL, "utf-8")
    config = load_config(folder=tmp_path)
    assert config.reader == "mia"
    assert config.publisher == "An Archive"
    assert config.jobs == 2
    assert config.corpus_title == "Letters"
    assert config.include_sources is True
    assert config.bag_info == {"Contact-Email": "editor@example.org",
                               "External-Description": "Letters, converted to TEI",
                               "Source-Organization": "An Archive"}


def test_paths_are_relative_to_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "edition").mkdir()
    (tmp_path / "edition" / "tei-convert.toml").write_text(FULL, "utf-8")
    monkeypatch.chdir(tmp_path)
    config = load_config(Path("edition/tei-convert.toml"))
    assert config.inputs == (Path("edition/texts"),)
    assert config.output == Path("edition/tei")
    assert config.metadata_file == Path("edition/meta/volume.json")
    assert config.corpus_file == Path("edition/corpus.xml")
    assert config.bag == Path("edition/deposit")


def test_meta_and_catalogue_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("tei-convert.toml").write_text('meta = "m.json"\ncatalogue = "texts/list.csv"\n',
                                        "utf-8")
    config = load_config(Path("tei-convert.toml"))
    assert (config.metadata_file, config.catalogue) == (Path("m.json"), Path("texts/list.csv"))


def test_meta_and_its_earlier_name_together_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "tei-convert.toml"
    path.write_text('meta = "a.json"\nvolume-meta = "b.json"\n', "utf-8")
    with pytest.raises(ConfigError, match="'meta' and 'volume-meta' are one setting"):
        load_config(path)


def test_pyproject_table_is_read_and_other_tables_ignored(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "edition"\n\n[tool.tei-convert]\npublisher = "Press"\n', "utf-8")
    assert load_config(folder=tmp_path).publisher == "Press"


def test_tei_convert_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.tei-convert]\npublisher = "A"\n', "utf-8")
    (tmp_path / "tei-convert.toml").write_text('publisher = "B"\n', "utf-8")
    assert load_config(folder=tmp_path).publisher == "B"


def test_no_file_means_no_settings(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    assert load_config(folder=tmp_path) == Config()


@pytest.mark.parametrize(("text", "named"), [
    ('outptu = "x"\n', "unknown key 'outptu' (did you mean 'output'?)"),
    ('[deposit]\ncontact-mail = "a@b.org"\n',
     "unknown key 'deposit.contact-mail' (did you mean 'contact-email'?)"),
    ("jobs = 0\n", "key 'jobs'"),
    ('[deposit]\ncontact-email = "nobody"\n',
     "key 'deposit.contact-email': 'nobody' is not an e-mail address"),
    ('[corpus]\ntitle = 5\n', "key 'corpus.title': 5 is not one line of text"),
    ('[corpus]\ntitle = "A\\u0001B"\n', "key 'corpus.title': 'A\\x01B' is not one line"),
    ('[deposit]\nexternal-description = """One\nTwo"""\n',
     "key 'deposit.external-description': 'One\\nTwo' is not one line"),
    ('input = []\n', "key 'input'"),
    ('input = 3\n', "key 'input': 3 is not a path or a list of paths"),
    ('format = "docx"\n',
     "key 'format': unknown format 'docx'; known formats: gutenberg, mia, plain, volume"),
])
def test_errors_name_the_key(tmp_path: Path, text: str, named: str) -> None:
    path = tmp_path / "tei-convert.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError, match=re.escape(named)):
        load_config(path)


def test_pyproject_errors_name_the_full_key(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.tei-convert]\njobs = -1\n", "utf-8")
    with pytest.raises(ConfigError, match=re.escape("key 'tool.tei-convert.jobs'")):
        load_config(path)


def test_underscored_table_name_is_pointed_out(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.tei_convert]\noutput = "x"\n', "utf-8")
    with pytest.raises(ConfigError, match=re.escape("[tool.tei-convert], with a hyphen")):
        load_config(folder=tmp_path)


def test_broken_toml_is_a_usage_error_naming_the_file(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("tei-convert.toml").write_text("publisher = \n", "utf-8")
    result = CliRunner().invoke(main, ["convert"])
    assert result.exit_code == 2
    assert "tei-convert.toml: not valid TOML" in result.output
    assert "Traceback" not in result.output


def _edition(folder: Path) -> None:
    (folder / "texts").mkdir(parents=True)
    shutil.copyfile(CASES / "0001-wrapped-title-notes-with-paragraphs.txt",
                    folder / "texts" / "a.txt")
    (folder / "tei-convert.toml").write_text(
        'input = "texts"\noutput = "tei"\npublisher = "From Config"\n', "utf-8")


def test_convert_follows_the_configuration(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _edition(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["convert", "-j", "1"])
    assert result.exit_code == 0, result.output
    manifest = json.loads(Path("tei/manifest.json").read_text("utf-8"))
    assert [d["source"]["path"] for d in manifest["documents"]] == ["texts/a.txt"]
    tei = Path("tei", manifest["documents"][0]["output"]["path"])
    assert b"<publisher>From Config</publisher>" in tei.read_bytes()


def test_command_line_options_win_over_the_configuration(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _edition(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["convert", "texts", "-o", "elsewhere", "-j", "1",
                                       "--publisher", "From Option"])
    assert result.exit_code == 0, result.output
    assert not Path("tei").exists()
    manifest = json.loads(Path("elsewhere/manifest.json").read_text("utf-8"))
    tei = Path("elsewhere", manifest["documents"][0]["output"]["path"])
    assert b"<publisher>From Option</publisher>" in tei.read_bytes()


def test_config_option_names_a_file_anywhere(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _edition(tmp_path / "edition")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["convert", "--config", "edition/tei-convert.toml",
                                       "-j", "1"])
    assert result.exit_code == 0, result.output
    manifest = json.loads(Path("edition/tei/manifest.json").read_text("utf-8"))
    assert manifest["documents"][0]["source"]["path"] == "edition/texts/a.txt"


def test_configured_corpus_and_bag_follow_only_the_configured_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _edition(tmp_path)
    with (tmp_path / "tei-convert.toml").open("a", encoding="utf-8") as config:
        config.write('[corpus]\nfile = "corpus.xml"\n[deposit]\nbag = "deposit"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["convert", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert Path("corpus.xml").is_file()
    assert Path("deposit/bagit.txt").is_file()
    before = Path("corpus.xml").read_bytes()
    trial = CliRunner().invoke(main, ["convert", "texts/a.txt", "-o", "trial", "-j", "1"])
    assert trial.exit_code == 0, trial.output
    assert "corpus:" not in trial.output
    assert Path("corpus.xml").read_bytes() == before
