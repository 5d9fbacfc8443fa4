"""One schema: every setting declared once reaches the command line, the config, the run and the README."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import keras
import pytest

from workbench.core.config import ConfigError, TrainConfig
from workbench.core.settings import BY_NAME, SETTINGS, options_markdown, values

from helpers import run_cli


def test_every_setting_is_a_config_field_and_a_train_flag():
    fields = [f.name for f in dataclasses.fields(TrainConfig) if f.name != "extra"]
    assert fields == [s.name for s in SETTINGS]
    help_text = run_cli("train", "--help").stdout
    for s in SETTINGS:
        assert s.cli_flag in help_text, s.name
        assert getattr(TrainConfig(), s.name) == s.default


def test_the_readme_lists_the_options_of_the_schema():
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert options_markdown() in readme, (
        "README's option table is out of date: paste the output of "
        "python -c 'from workbench.core.settings import options_markdown; print(options_markdown())'")


def test_a_setting_reads_a_list_of_values_for_grids():
    assert values(BY_NAME["optimizer"], "sgd,adam") == ["sgd", "adam"]
    assert values(BY_NAME["lr"], "0.001, 0.01,0.1") == [0.001, 0.01, 0.1]
    assert values(BY_NAME["epochs"], "1,2") == [1, 2]
    assert values(BY_NAME["nesterov"], "true,false") == [True, False]
    with pytest.raises(ValueError, match="not a number"):
        values(BY_NAME["lr"], "0.1,fast")
    with pytest.raises(ValueError, match="at least one"):
        values(BY_NAME["lr"], " , ")


def test_dropout_from_the_command_line_reaches_the_run(tmp_path):
    p = run_cli("train", "--dropout", "0.3", "--epochs", "1", "--train-limit", "320", "--val-limit", "100",
                "--json", env_runs=tmp_path)
    assert p.returncode == 0, p.stderr
    run_dir = Path(json.loads(p.stdout.strip().splitlines()[-1])["run_dir"])
    assert json.loads((run_dir / "config.json").read_text())["dropout"] == 0.3
    model = keras.saving.load_model(run_dir / "model.keras")  # the dropout layers travel with the model
    assert [layer.rate for layer in model.layers if isinstance(layer, keras.layers.Dropout)] == [0.3, 0.3]


@pytest.mark.parametrize("args, words", [
    (["--dropout", "0.3", "--model", "cnn"], "argument --dropout: dropout goes with --model mlp"),
    (["--dropout", "2"], "argument --dropout: 2.0 is out of range; allowed 0 to 0.9"),
    (["--dropout", "x"], "argument --dropout: invalid float value"),
])
def test_a_bad_dropout_gets_one_clear_line(tmp_path, args, words):
    p = run_cli("train", *args, env_runs=tmp_path)
    assert p.returncode == 2 and words in p.stderr and "Traceback" not in p.stderr
    assert not list(tmp_path.iterdir())


def test_old_run_folders_without_dropout_load_with_none():
    assert TrainConfig.from_dict({"method": "tape"}).dropout == 0.0
    with pytest.raises(ConfigError, match="dropout"):
        TrainConfig(dropout=0.5, model="cnn")
