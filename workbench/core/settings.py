"""Every training setting, declared once: the command line, the window, validation, config.json and the
README's option list are all built from `SETTINGS`.

No TensorFlow and no Qt (the window imports this at start-up). Adding a setting is one `Setting(...)`
here plus its use in training. A setting says: its type and default, what is allowed (choices with
their meaning, or a range), the article's words for label and tooltip, its command-line flag, and
when it applies (greyed out otherwise; for a `strict` setting a value other than the default is an
error when it does not apply). `values(setting, text)` reads "a list of values" for one setting, as
grids of settings need.
"""

from __future__ import annotations

import re

from workbench.core.i18n import translate
from workbench.core.setting import (  # noqa: F401  (what a setting is; re-exported for the callers)
    Choice,
    Setting,
    _,
    parse_value,
    shown,
    value_problem,
    values,
)


def title(name: str) -> str:
    """A setting's label in the current language, without its shortcut mark ("Learning rate"): for headers."""
    setting = BY_NAME.get(name)
    return re.sub(r"\s*\(&\w\)", "", shown(setting.label)).replace("&", "") if setting else name


LR_MIN, LR_MAX = 1e-6, 10.0
MAX_EPOCHS = 100_000
MAX_BATCH = 1_000_000
MAX_SEED = 2**31 - 1


def _choices(**items: tuple[str, str]) -> dict[str, Choice]:
    return {value: Choice(label, meaning) for value, (label, meaning) in items.items()}


def _model_problem(value: str) -> str:
    from workbench.core.model_source import ModelSourceError, parse

    try:
        parse(value)
    except ModelSourceError as exc:
        return str(exc)
    return ""


def _dataset_problem(value: str) -> str:
    from pathlib import Path

    if not value:
        return translate("settings", "give 'mnist', the path of an .npz or .csv file, or a folder of images")
    if (value != "mnist" and not value.lower().endswith((".npz", ".csv"))
            and not Path(value).expanduser().is_dir()):
        return translate("settings", "{value} is neither 'mnist', a path ending in .npz or .csv, nor a "
                                     "folder").format(value=repr(value))
    return ""


def _image_size_problem(value: str) -> str:
    from workbench.core.image_folder import parse_size

    try:
        value and parse_size(value)
    except ValueError as exc:
        return str(exc)
    return ""


def _folder(config) -> bool:
    from workbench.core.data import is_folder

    return is_folder(config.dataset)


def _split(config) -> bool:
    """The dataset has no test part of its own: an image folder without test/, or a CSV file."""
    return _folder(config) or config.dataset.lower().endswith(".csv")


def _table(config) -> bool:
    return config.dataset.lower().endswith(".csv")


SETTINGS: tuple[Setting, ...] = (
    Setting("method", str, "fit", _("&Method"),
            _("How the model is trained: tape (a GradientTape loop), fit (compile + fit) or custom (fit with its own "
              "train_step), the article's three ways"),
            choices=_choices(
                tape=(_("tape · GradientTape loop"), _("A hand-written tf.GradientTape loop (compiled with tf.function), "
                        "integer labels one-hot inside.")),
                fit=(_("fit · compile + fit"), _("model.compile + model.fit, labels converted to one-hot up front "
                       "(the article's plain fit).")),
                custom=(_("custom · own train_step"), _("fit with overridden train_step/test_step; integer labels one-hot "
                          "inside the step."))),
            widget="methodCombo"),
    Setting("optimizer", str, "sgd", _("&Optimizer"), _("The optimizer (the article's: SGD at lr 0.01)"),
            choices=_choices(
                sgd=(_("SGD"), _("Plain stochastic gradient descent (the article's, lr 0.01): step = lr x gradient, "
                       "so a 10x smaller loss is a 10x smaller step.")),
                adam=(_("Adam"), _("Adam (usually lr 0.001): adapts the step per weight, so the loss scale matters far less.")),
                adamw=(_("AdamW"), _("AdamW (usually lr 0.001): Adam with weight decay applied directly to the weights.")),
                rmsprop=(_("RMSprop"), _("RMSprop (usually lr 0.001): divides by a running RMS of the gradient."))),
            widget="optimizerCombo", forkable=True),
    Setting("lr", float, 0.01, _("&Learning rate"),
            _("Learning rate (1e-6 to 10). Arrows step 1-2-5 per decade; type any value, e.g. 3e-4."),
            low=LR_MIN, high=LR_MAX, widget="learningRateSpin", editor="lr", forkable=True),
    Setting("loss", str, "sum_mse", _("Lo&ss"),
            _("The loss: sum_mse is the article's, keras_mse is Keras's \"mse\" (10x smaller), crossentropy "
              "is from logits"),
            choices=_choices(
                sum_mse=(_("sum_mse · article's loss"), _("The article's loss: per sample the sum over the 10 outputs of "
                           "the squared error, averaged over the batch. Its gradients are 10x those of Keras's \"mse\".")),
                keras_mse=(_("keras_mse · Keras \"mse\""), _("Keras's \"mse\" string: averages over the 10 outputs too, so "
                             "loss and gradients are 10x smaller than sum_mse - like a 10x smaller learning rate with "
                             "SGD. The article got 92-93% with it.")),
                crossentropy=(_("crossentropy"), _("Sparse categorical cross-entropy from logits: the usual loss for "
                                "classification."))),
            widget="lossCombo", forkable=True),
    Setting("metric", str, "auto", _("Metr&ic"),
            _("The accuracy: auto is the string \"accuracy\" resolved by Keras; categorical_on_sparse reproduces "
              "the article's pitfall"),
            choices=_choices(
                auto=(_("auto · \"accuracy\""), _("The string \"accuracy\": Keras picks Binary/Categorical/"
                        "SparseCategorical accuracy from the shapes of labels and outputs it first sees (one-hot labels "
                        "in fit, integer labels in tape/custom).")),
                sparse=(_("sparse"), _("SparseCategoricalAccuracy: integer labels against the output vector. Always "
                          "right here.")),
                categorical=(_("categorical"), _("CategoricalAccuracy: one-hot labels against the output vector. Always "
                               "right here.")),
                categorical_on_sparse=(_("categorical_on_sparse ⚠"), _("The article's pitfall, on purpose: "
                                         "CategoricalAccuracy fed integer labels and argmax outputs. It reports a "
                                         "wrong, lower number (91.79% for a model at ~96%)."))),
            widget="metricCombo"),
    Setting("loss_report", str, "tracked", _("Loss &report"),
            _("How the custom test_step reports its loss: tracked updates the compiled loss (the article's fix); "
              "returned reproduces the article's third pitfall"),
            choices=_choices(
                tracked=(_("tracked · compiled loss"), _("test_step updates the compiled loss tracker, so fit "
                                                        "reports the true mean validation loss (the fix the "
                                                        "article chose: keep the loss in compile).")),
                returned=(_("returned from test_step ⚠"), _("The article's third pitfall, on purpose: test_step "
                                                           "returns a hand-computed loss in its logs instead of "
                                                           "updating the compiled loss. Keras builds the logs from "
                                                           "its metric trackers, so the validation loss it reports "
                                                           "is wrong (0.0 on Keras 3)."))),
            widget="lossReportCombo", applies=lambda c: c.method == "custom", strict=True,
            needs=_("goes with --method custom (only a custom test_step returns its own loss)")),
    Setting("model", str, "mlp", _("Mo&del"),
            _("The network: mlp is the article's Dense 256-128-10, cnn a small convnet; or your own: FILE.py:FUNCTION "
              "(a function (input_shape, num_classes) that returns an uncompiled keras.Model) or a saved FILE.keras "
              "(its architecture, with fresh weights from the seed)"),
            choices=_choices(
                mlp=(_("mlp · 256-128-10"), _("the article's Flatten - Dense 256 relu - Dense 128 relu - Dense 10")),
                cnn=(_("cnn · small convnet"), _("a small convolutional network"))),
            widget="modelCombo", open_choices=True, check=_model_problem),
    Setting("init", str, "seed", _("Initial weights"),
            _("Where a saved FILE.keras model's training starts: fresh weights from the seed, or the file's own "
              "weights"),
            choices=_choices(seed=(_("seed · fresh weights"), _("Fresh weights drawn from the seed")),
                             **{"from-file": (_("from-file · the file's weights"),
                                              _("The saved model's own weights: go on training it"))}),
            group="options", widget="initCombo", applies=lambda c: c.model.lower().endswith(".keras"),
            strict=True, needs=_("--init from-file goes with --model FILE.keras: only a saved model has weights")),
    Setting("dropout", float, 0.0, _("Dropout"),
            _("Dropout: the fraction of the MLP's hidden units dropped at random in each training step "
              "(0 = none, as in the article); seeded, so every method drops the same units"),
            low=0.0, high=0.9, step=0.05, decimals=2, group="options", widget="dropoutSpin",
            applies=lambda c: c.model == "mlp", strict=True, needs=_("dropout goes with --model mlp")),
    Setting("label_smoothing", float, 0.0, _("Label smoothing"),
            _("Label smoothing of the cross-entropy (Keras's label_smoothing): the target becomes 1 - s for the true "
              "class plus s spread evenly over all classes, so the model is not pushed to infinite confidence; 0 = "
              "none"),
            low=0.0, high=0.5, step=0.05, decimals=2, group="options", widget="labelSmoothingSpin",
            applies=lambda c: c.loss == "crossentropy", strict=True,
            needs=_("label smoothing goes with --loss crossentropy"), forkable=True),
    Setting("batch_size", int, 32, _("&Batch size"), _("Batch size: samples per gradient step"),
            low=1, high=MAX_BATCH, widget="batchSizeSpin", attr="batch"),
    Setting("epochs", int, 10, _("&Epochs"), _("Epochs: passes over the training data"),
            low=1, high=MAX_EPOCHS, widget="epochsSpin", forkable=True),
    Setting("seed", int, 0, _("Seed"),
            _("Seed: the same seed gives the same batches and initial weights in every method"),
            low=0, high=MAX_SEED, widget="seedSpin"),
    Setting("train_limit", int, 0, _("Train samples"), _("Training samples: use the first N (0 = all)"),
            low=0, high=10**9, widget="trainLimitSpin", special=_("all"), step=1000),
    Setting("val_limit", int, 0, _("Val samples"), _("Validation samples: use the first N (0 = all)"),
            low=0, high=10**9, widget="valLimitSpin", special=_("all"), step=1000),
    Setting("dataset", str, "mnist", _("Dataset"),
            _("'mnist' (shipped with the app) or the path of an .npz file with x_train, y_train, x_test, y_test"),
            widget="datasetEdit", check=_dataset_problem, editor="file"),
    Setting("val_split", float, 0.2, _("Validation share"),
            _("An image folder without a test/ folder, or a CSV file: the share of its samples held out for "
              "validation, chosen with the seed"), low=0.01, high=0.9, step=0.05, decimals=2, group="options",
            widget="valSplitSpin", applies=_split),
    Setting("image_size", str, "", _("Image size"),
            _("An image folder's images are resized to H,W (as 28,28); empty: their own size, which must be the "
              "same for all"), group="options", widget="imageSizeEdit", check=_image_size_problem, max_length=11,
            placeholder=_("their own"), applies=_folder),
    Setting("color", str, "auto", _("Colour"), _("An image folder's images as grayscale or RGB"),
            choices=_choices(auto=(_("auto"), _("Read from the images: grayscale if they all are, else RGB")),
                             grayscale=(_("grayscale"), _("One channel: (H, W) images, as MNIST")),
                             rgb=(_("rgb"), _("Three channels: (H, W, 3) images"))),
            group="options", widget="colorCombo", applies=_folder),
    Setting("label_column", str, "label", _("Label column"),
            _("A CSV file's column that holds the class, as a number or a name; every other column is a numeric "
              "feature"), group="options", widget="labelColumnEdit", max_length=200, applies=_table),
    Setting("steps_per_execution", int, 0, _("Fast mode"),
            _("Batches per compiled call (fast mode): fewer Python round trips, the same weights and every batch "
              "on the curve; auto = calls of about 0.05 s; 1 = one call per batch"),
            low=0, high=100_000, widget="stepsPerExecutionSpin", special=_("auto")),
    Setting("eager", bool, False, _("eager tape loop (slow)"),
            _("Only for the tape method on one device: runs each step eagerly, about 7x slower, as the article's "
              "code does"), widget="eagerCheck",
            applies=lambda c: c.method == "tape" and c.strategy == "default", strict=True,
            needs=lambda c: (_("only the tape method runs eagerly; use --method tape") if c.method != "tape" else
                             _("the eager tape loop runs on one device; use --strategy default"))),
    Setting("strategy", str, "default", _("Devi&ce"), _("tf.distribute: where training runs"),
            choices=_choices(
                default=(_("one device"), _("One device: TensorFlow's default strategy")),
                mirrored=(_("mirrored"), _("tf.distribute.MirroredStrategy: every local GPU, or on a CPU-only machine "
                            "several logical CPU devices; the global batch is split between them and the gradients "
                            "summed")),
                multiworker=(_("multiworker"), _("tf.distribute.MultiWorkerMirroredStrategy over several machines: run "
                               "`workbench train --strategy multiworker` on each, with TF_CONFIG (not from the "
                               "window)"))),
            group="device", widget="strategyCombo", disabled_choices=("multiworker",)),
    Setting("cpu_replicas", int, 0, _("CPU replicas"),
            _("CPU replicas: logical CPU devices a mirrored run uses on a machine without GPUs (auto = one per "
              "core, at least 2)"), low=0, high=64, group="device", widget="cpuReplicasSpin", special=_("auto"),
            applies=lambda c: c.strategy == "mirrored", strict=True,
            needs=_("goes with --strategy mirrored (logical CPU devices to mirror over)")),
    Setting("name", str, "", _("&Name"), _("A label shown in the runs table and the plot legends"),
            widget="nameEdit", max_length=200, placeholder=_("shown in tables, legends")),
    # -- training options (optional; old run folders without them load with these defaults)
    Setting("momentum", float, 0.0, _("Momentum"), _("Momentum: SGD and RMSprop only"), low=0.0, high=0.999,
            step=0.05, decimals=3, group="options", widget="momentumSpin",
            applies=lambda c: c.optimizer in ("sgd", "rmsprop"), strict=True,
            needs=_("{optimizer} has no momentum setting; use sgd or rmsprop"), forkable=True),
    Setting("nesterov", bool, False, _("Nesterov"), _("Nesterov momentum (SGD with momentum above 0)"),
            group="options", widget="nesterovCheck",
            applies=lambda c: c.optimizer == "sgd" and c.momentum > 0, strict=True,
            needs=_("Nesterov goes with --optimizer sgd and a --momentum above 0")),
    Setting("weight_decay", float, 0.0, _("Weight decay"),
            _("Weight decay: decoupled in AdamW, an L2-like decay in the others"), low=0.0, high=1.0, step=0.001,
            decimals=4, group="options", widget="weightDecaySpin", forkable=True),
    Setting("schedule", str, "constant", _("Schedule"), _("Learning-rate schedule"),
            choices=_choices(
                constant=(_("constant"), _("The same learning rate throughout (the article's setup).")),
                step=(_("step decay"), _("Multiply the learning rate by the decay rate every N epochs.")),
                exponential=(_("exponential"), _("Multiply the learning rate by the decay rate per epoch, smoothly at "
                               "every step.")),
                cosine=(_("cosine (+ warm-up)"), _("Decay along a half cosine to 0 over the run, after an optional "
                          "linear warm-up."))),
            group="options", widget="scheduleCombo"),
    Setting("decay_rate", float, 0.5, _("Decay rate"), _("Decay rate: step and exponential schedules"),
            low=0.01, high=1.0, step=0.05, decimals=3, group="options", widget="decayRateSpin",
            applies=lambda c: c.schedule in ("step", "exponential")),
    Setting("decay_epochs", int, 3, _("Decay every"), _("Decay every N epochs: step schedule"), low=1, high=MAX_EPOCHS,
            group="options", widget="decayEpochsSpin", applies=lambda c: c.schedule == "step"),
    Setting("warmup_epochs", int, 0, _("Warm-up"), _("Warm-up epochs: cosine schedule, linear from 0"),
            low=0, high=MAX_EPOCHS, group="options", widget="warmupEpochsSpin", attr="warmup",
            applies=lambda c: c.schedule == "cosine", strict=True, needs=_("warm-up goes with --schedule cosine")),
    Setting("early_stop_patience", int, 0, _("Early stop"),
            _("Early stopping patience: epochs without improvement before stopping (0 = off)"),
            low=0, high=MAX_EPOCHS, group="options", widget="earlyStopPatienceSpin", attr="patience",
            special=_("off")),
    Setting("early_stop_min_delta", float, 0.0, _("Min delta"), _("Min delta: the smallest change that counts"),
            low=0.0, high=1e6, step=0.001, decimals=4, group="options", widget="minDeltaSpin", attr="min_delta",
            applies=lambda c: c.early_stop_patience > 0),
    Setting("monitor", str, "val_loss", _("Monitor"), _("The value early stopping and best.keras follow"),
            choices=_choices(
                val_loss=(_("val_loss"), _("Validation loss: lower is better. Early stopping and best.keras follow it.")),
                val_accuracy=(_("val_accuracy"), _("Validation accuracy: higher is better. Early stopping and "
                                "best.keras follow it."))),
            group="options", widget="monitorCombo"),
    Setting("restore_best", bool, False, _("keep the best weights"),
            _("When early stopping ends the run, go back to the best epoch's weights"), group="options",
            widget="restoreBestCheck", applies=lambda c: c.early_stop_patience > 0),
    Setting("dynamics_every", int, 200, _("Instruments"),
            _("Per-layer instruments every N training steps (0 = off): gradient norm and dead ReLU units on a "
              "fixed batch of validation images, update/weight ratio and weight norm; dynamics.csv, TensorBoard and "
              "the Dynamics tab. They never change training"),
            low=0, high=1_000_000, group="options", widget="dynamicsEverySpin", special=_("off")),
    Setting("path_mb", int, 100, _("Weights path"),
            _("Keep the trainable weights at the start and after each epoch, for the loss landscape, while they take "
              "at most this many MB in the run folder (0 = none): the MLP takes 0.9 MB an epoch, the CNN 1.7"),
            low=0, high=1_000_000, group="hidden"),
    #: XLA for every method alike (Keras's fit default is "auto"); compare like with like.
    Setting("jit_compile", bool, True, "XLA", _("do not compile steps with XLA"), group="hidden", flag="--no-jit",
            inverted=True),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}
#: what a fork may change (the fork dialog, `workbench fork` and `trainer.fork` read this)
FORKABLE: tuple[Setting, ...] = tuple(s for s in SETTINGS if s.forkable)


def choices_of(name: str) -> dict[str, str]:
    """A choice setting's values and their meanings."""
    return {value: choice.meaning for value, choice in (BY_NAME[name].choices or {}).items()}


def options_markdown() -> str:
    """The README's table of `train` options, made from the schema."""
    rows = ["| option | values | default | what it does |", "|---|---|---|---|"]
    for s in SETTINGS:
        if s.choices is not None:
            allowed = ", ".join(f"`{v}`" for v in s.choices) + (", a file" if s.open_choices else "")
        elif s.type is bool:
            allowed = "flag"
        elif s.type is str:
            allowed = "text"
        elif s.type is int:
            allowed = f"{int(s.low)} to {int(s.high)}"
        else:
            allowed = f"{s.low:g} to {s.high:g}"
        default = "off" if s.type is bool and not s.inverted else ("on" if s.inverted else f"`{s.default}`")
        if s.type is str and not s.default:
            default = "—"
        meaning = s.help.replace("|", "\\|")
        if s.inverted:
            meaning = meaning[0].upper() + meaning[1:]
        rows.append(f"| `{s.cli_flag}` | {allowed} | {default} | {meaning} |")
    return "\n".join(rows)
