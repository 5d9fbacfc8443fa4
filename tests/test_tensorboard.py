"""A real TensorBoard on 127.0.0.1 serving the runs folder."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest

from workbench.core import tensorboard

from helpers import dense_layer_names, get_json, graph_scopes


def post_json(url: str, body: dict):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture
def server(trained):
    srv = tensorboard.server_for(trained["tape"].folder.path.parent)
    yield srv
    srv.stop()


def test_tensorboard_lists_every_method_with_the_same_tags(trained, server):
    url = server.start(port=0)
    assert url.startswith("http://127.0.0.1:")
    runs = get_json(url + "data/runs")
    tags = get_json(url + "data/plugin/scalars/tags")
    for method, result in trained.items():
        run_id = result.summary.run_id
        assert f"{run_id}/logs/train" in runs and f"{run_id}/logs/validation" in runs, method
        train_tags = set(tags[f"{run_id}/logs/train"])
        assert {"epoch_loss", "epoch_accuracy", "batch_loss"} <= train_tags, method
        assert {"epoch_loss", "epoch_accuracy"} <= set(tags[f"{run_id}/logs/validation"]), method
    text_tags = get_json(url + "data/plugin/text/tags")
    for result in trained.values():  # each run's name and settings, to tell runs apart
        assert "run/settings" in text_tags[f"{result.summary.run_id}/logs/train"]
    hist = get_json(url + "data/plugin/histograms/tags")
    assert any("kernel" in tag for tag in hist[f"{trained['tape'].summary.run_id}/logs/train"])
    # the HParams dashboard: a session per run with its settings, the epoch metrics found by itself
    experiment = post_json(url + "data/plugin/hparams/experiment", {"experimentName": ""})
    assert {"method", "optimizer", "lr", "loss", "seed"} <= {h["name"] for h in experiment["hparamInfos"]}
    assert {"group": "validation", "tag": "epoch_accuracy"} in [m["name"] for m in experiment["metricInfos"]]
    groups = post_json(url + "data/plugin/hparams/session_groups", {
        "experimentName": "", "allowedStatuses": ["STATUS_UNKNOWN", "STATUS_SUCCESS"], "colParams": [],
        "startIndex": 0, "sliceSize": 100})["sessionGroups"]
    assert sorted(g["hparams"]["method"] for g in groups) == ["custom", "fit", "tape"]
    graph_runs = get_json(url + "data/plugin/graphs/info")  # what the Graphs tab offers
    for method, result in trained.items():
        run = f"{result.summary.run_id}/logs/train"
        assert graph_runs[run]["run_graph"] is True, method
        with urllib.request.urlopen(url + "data/plugin/graphs/graph?" + urllib.parse.urlencode({"run": run}),
                                    timeout=30) as response:
            pbtxt = response.read().decode()
        for layer in dense_layer_names(result.folder.path):
            assert f'name: "mlp/{layer}/MatMul"' in pbtxt, (method, layer)


def test_the_histograms_tab_shows_each_weights_buckets_as_tensorboard_counts_them(trained, server):
    """The workbench counts the weight histograms in numpy (faster); TensorBoard must show the same buckets
    its own `summary.histogram` would: those of the final weights at the last epoch."""
    import keras
    import tensorflow as tf
    from tensorboard.plugins.histogram.summary_v2 import _buckets

    url = server.start(port=0)
    for method, result in trained.items():
        run = f"{result.summary.run_id}/logs/train"
        tags = get_json(url + "data/plugin/histograms/tags")[run]
        model = keras.saving.load_model(result.folder.path / "model.keras")
        weights = {f"{model.name}/{layer.name}/{w.name}/histogram": w for layer in model.layers for w in layer.weights}
        assert set(tags) == set(weights), method  # every kernel and bias, by Keras's own tag
        for tag, weight in weights.items():
            series = get_json(url + "data/plugin/histograms/histograms?" + urllib.parse.urlencode(
                {"run": run, "tag": tag}))
            wall_time, step, rows = series[-1]
            assert step == result.summary.epochs_completed - 1, (method, tag)
            assert rows == _buckets(tf.constant(weight.numpy()), 30).numpy().tolist(), (method, tag)


@pytest.mark.parametrize("method", ["tape", "fit", "custom"])
def test_every_method_writes_the_models_graph_with_its_layers(trained, method):
    """The article's reason for its third method: TensorBoard's Graphs tab shows the Sequential's layers."""
    run_dir = trained[method].folder.path
    scopes = graph_scopes(run_dir)
    layers = dense_layer_names(run_dir)
    assert len(layers) == 3
    assert {f"mlp/{name}" for name in layers} <= scopes, scopes


def test_a_second_start_reuses_the_server_and_stop_ends_it(trained, server):
    url = server.start()
    pid = server.process.pid
    again = tensorboard.server_for(trained["tape"].folder.path.parent)
    assert again is server and again.start() == url and server.process.pid == pid
    process = server.process
    server.stop()
    assert process.poll() is not None and not server.running


def test_a_taken_port_gives_another(trained, server):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        taken = s.getsockname()[1]
        url = server.start(port=taken)
    assert f":{taken}/" not in url


def test_the_command_prints_its_url_and_stops_on_ctrl_c(trained):
    runs_dir = trained["fit"].folder.path.parent
    proc = subprocess.Popen([sys.executable, "-m", "workbench", "tensorboard", "--logdir", str(runs_dir),
                             "--port", "0", "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        match = re.fullmatch(r"TensorBoard at (http://127\.0\.0\.1:(\d+)/)\n", line)
        assert match, line + proc.stderr.read() if proc.poll() is not None else line
        runs = get_json(match.group(1) + "data/runs")
        assert f"{trained['fit'].summary.run_id}/logs/train" in runs
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
