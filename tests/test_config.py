import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.config import LOSSES, METHODS, METRICS, OPTIMIZERS, ConfigError, TrainConfig


def test_defaults_are_the_articles_setup():
    c = TrainConfig()
    assert (c.optimizer, c.lr, c.loss, c.batch_size, c.epochs, c.model) == ("sgd", 0.01, "sum_mse", 32, 10, "mlp")


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("method", "keras", "tape, fit, custom"),
        ("optimizer", "sgdm", "sgd, adam, adamw, rmsprop"),
        ("loss", "mse", "sum_mse"),
        ("metric", "acc", "categorical_on_sparse"),
        ("lr", 0.0, "allowed"),
        ("lr", float("nan"), "allowed"),
        ("lr", float("inf"), "allowed"),
        ("epochs", 0, "allowed 1"),
        ("batch_size", -3, "allowed 1"),
        ("seed", -1, "allowed 0"),
        ("train_limit", -1, "allowed 0"),
        ("dataset", "data.txt", ".npz or .csv"),
        ("image_size", "28", "is not H,W"),
        ("color", "cmyk", "auto, grayscale, rgb"),
        ("strategy", "tpu", "mirrored"),
    ],
)
def test_bad_values_name_the_field_and_what_is_allowed(field, value, words):
    with pytest.raises(ConfigError) as err:
        TrainConfig(**{field: value})
    assert err.value.field == field
    assert str(err.value).startswith(f"{field}: ")
    assert words in str(err.value)


def test_small_learning_rates_are_valid():
    assert TrainConfig(lr=0.0001).lr == 0.0001
    assert TrainConfig(lr=1e-5).lr == 1e-5


@given(
    method=st.sampled_from(list(METHODS)), optimizer=st.sampled_from(list(OPTIMIZERS)),
    loss=st.sampled_from(list(LOSSES)), metric=st.sampled_from(list(METRICS)),
    lr=st.floats(1e-6, 10.0), epochs=st.integers(1, 1000), batch=st.integers(1, 4096),
    seed=st.integers(0, 2**31 - 1), name=st.text(max_size=50),
)
def test_config_round_trips_through_json(method, optimizer, loss, metric, lr, epochs, batch, seed, name):
    c = TrainConfig(method=method, optimizer=optimizer, loss=loss, metric=metric, lr=lr,
                    epochs=epochs, batch_size=batch, seed=seed, name=name)
    assert TrainConfig.from_dict(json.loads(c.to_json())) == c


FIELDS = [f.name for f in dataclasses.fields(TrainConfig)] + ["not_a_field"]
ANY_JSON = st.one_of(st.integers(), st.text(max_size=5), st.none(), st.floats(), st.booleans(),
                     st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@given(st.dictionaries(st.sampled_from(FIELDS), ANY_JSON, max_size=6))
def test_from_dict_either_builds_or_names_a_field(data):
    """Whatever a config.json holds, reading it gives a config or a ConfigError naming the field."""
    try:
        TrainConfig.from_dict(data)
    except ConfigError as exc:
        assert exc.field
    except (TypeError, ValueError) as exc:
        pytest.fail(f"{data!r} gave {type(exc).__name__}: {exc}; must be ConfigError")


def test_a_malformed_extra_names_the_field():
    with pytest.raises(ConfigError, match="extra"):
        TrainConfig.from_dict({"extra": 1})


def test_unknown_keys_from_newer_versions_are_kept():
    c = TrainConfig.from_dict({"method": "tape", "future_option": "x"})
    assert c.method == "tape" and c.extra == {"future_option": "x"}
