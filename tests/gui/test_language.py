"""The window in Chinese: every text translated, switched at run time, remembered; .ts and .qm in step."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QTableView,
    QTabWidget,
    QWidget,
)

from workbench.core import i18n
from workbench.gui import language

#: Names that stay as they are in the Chinese interface: products, libraries, the article's code words,
#: file formats, keys. Identifiers (snake_case, CamelCase, dotted, quoted, --flags, paths) are skipped too.
ALLOWED = {
    "tensorboard", "tensorflow", "keras", "sgd", "adam", "adamw", "rmsprop", "fit", "tape", "custom", "mnist",
    "mlp", "cnn", "relu", "dense", "flatten", "dropout", "nesterov", "png", "svg", "pdf", "csv", "npz", "xla",
    "cpu", "gpu", "ctrl", "esc", "shift", "eta", "auto", "sparse", "categorical", "mirrored", "multiworker",
    "crossentropy", "softmax", "logits", "argmax", "english", "pyside6", "pyqtgraph", "python", "lite",
    "savedmodel", "mse", "accuracy", "compile", "epoch", "eager", "tracked", "returned", "optuna", "tpe",
    "low", "high", "log",  # a range as typed: LOW:HIGH:log
    "dashboard", "statsmodels", "holm", "hedges", "ped", "anova",  # optuna-dashboard; statistics by their names
    "cs231n", "leaky",  # the course the 1e-3 band comes from; leaky ReLU
    "rgb",  # an image folder's colour mode, as Keras spells it
}


def english_words(text: str) -> list[str]:
    """The English words left in a text, after markup, identifiers and allowed names are taken out."""
    text = re.sub(r"<[^>]+>|&(?=\w)", " ", text)  # rich text, shortcut markers
    text = re.sub(r"\"[^\"]*\"|'[^']*'|`[^`]*`", " ", text)  # quoted code: "accuracy", 'mnist'
    text = re.sub(r"\S*[/\\]\S*|--[\w-]+|\S+\.\S+|one-hot", " ", text)  # paths, flags, dotted names
    words = re.findall(r"[A-Za-z][A-Za-z0-9_]*", text)
    return [w for w in words if len(w) > 2 and "_" not in w and not re.search(r"[a-z][A-Z]", w)
            and w.lower() not in ALLOWED]


def visible_texts(window) -> list[tuple[str, str]]:
    """(where, text) for every text a user can read or hear in the window, menus and plots included."""
    found: list[tuple[str, str]] = [("window title", window.windowTitle())]
    for w in window.findChildren(QWidget):
        where = f"{type(w).__name__} {w.objectName()}"
        found += [(where + " tooltip", w.toolTip()), (where + " accessible name", w.accessibleName())]
        if isinstance(w, QLabel | QAbstractButton):
            found.append((where, w.text()))
        if isinstance(w, QGroupBox):
            found.append((where, w.title()))
        if isinstance(w, QLineEdit):
            found.append((where + " placeholder", w.placeholderText()))
        if isinstance(w, QAbstractSpinBox):
            found.append((where + " special", w.specialValueText()))
        if isinstance(w, QProgressBar):
            found.append((where, w.format()))
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                found += [(f"{where} item {i}", w.itemText(i)),
                          (f"{where} item {i} tooltip", w.itemData(i, Qt.ItemDataRole.ToolTipRole) or "")]
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                found += [(f"{where} tab {i}", w.tabText(i)), (f"{where} tab {i} tooltip", w.tabToolTip(i))]
    for action in window.findChildren(QAction):  # menus anywhere, the plots' included
        found += [(f"action {action.objectName()}", action.text()), (f"action {action.objectName()} tooltip",
                                                                       action.toolTip())]
    for menu in window.menuBar().findChildren(QMenu):
        found.append(("menu", menu.title()))
        found += [("menu item", a.text()) for a in menu.actions()]
    for table in window.findChildren(QTableView):
        model = table.model()
        found += [(f"{table.objectName()} header", model.headerData(c, Qt.Orientation.Horizontal) or "")
                  for c in range(model.columnCount())]
    model = window.runs_table.model()
    found += [("runs table status", model.index(r, 7).data()) for r in range(model.rowCount())]
    for plot in (*window.plots.plots.values(), window.plots.lr_plot):
        found.append(("plot title", plot.plotItem.titleLabel.text))
        found += [(f"plot axis {side}", plot.getAxis(side).labelText) for side in ("left", "bottom")]
    return [(where, text) for where, text in found if text]


@pytest.fixture
def one_run(tmp_path, trained):
    """A runs folder with one finished run, named by its user in Chinese (a copy: the shared runs stay)."""
    from workbench.core.runs import RunFolder

    run = trained["fit"].folder.path
    runs = tmp_path / "runs"
    shutil.copytree(run, runs / run.name)
    RunFolder(runs / run.name).rename("小实验 fit")  # names are the user's words, not the interface's
    return runs


def test_every_text_of_the_chinese_window_is_translated(make_window, one_run, monkeypatch, qtbot):
    # The machine's fonts decide nothing here: the (bilingual) no-font banner has a test of its own below.
    monkeypatch.setattr(language, "has_chinese_font", lambda: True)
    window = make_window(runs_dir=one_run)
    window.set_language("zh_CN")
    window.settings.options_toggle.click()  # the folded training options too
    window.diagnosis.enable()
    qtbot.waitUntil(lambda: window.start_button.text() == "开始")
    window.runs_table.select_runs([window.runs_table.runs_model.runs[0].run_id])
    qtbot.waitUntil(lambda: bool(window.plots.runs))
    qtbot.waitUntil(lambda: window.diagnosis.report is not None, timeout=60_000)
    inside = window.run_actions.inspect(window.runs_table.runs_model.runs[0])  # Inside the run, evaluated
    qtbot.waitUntil(lambda: bool(inside.results), timeout=60_000)
    inside.show_cell(0, 1, 1)
    texts = visible_texts(window)
    assert len(texts) > 150  # the walk reached the whole window
    left = [(where, text) for where, text in texts if english_words(text)]
    assert left == [], "\n".join(f"{where}: {text!r}" for where, text in left)
    assert "对 10 个输出" not in window.diagnosis.text.text()  # (the article's settings: no keras_mse warning)
    assert "没有落入原文指出的陷阱" in window.diagnosis.text.text()
    assert window.runs_table.model().index(0, 7).data() == "已完成"


def test_switching_language_changes_the_open_window_and_is_remembered(make_window, settings_file, qtbot):
    window = make_window()
    assert window.start_button.text() == "Start"
    assert window.language_actions["en"].isChecked()
    menu = next(m for m in window.menuBar().findChildren(QMenu) if m.objectName() == "languageMenu")
    assert [a.text() for a in menu.actions()] == ["English", "中文"]
    window.language_actions["zh_CN"].trigger()  # View → Language → 中文
    qtbot.waitUntil(lambda: window.start_button.text() == "开始")
    assert window.settings.labels["lr"].text() == "学习率(&L)"
    assert window.settings.method.itemText(0) == "tape · GradientTape 循环"
    assert window.plots.loss_plot.plotItem.titleLabel.text.startswith("损失") or "损失" in \
        window.plots.loss_plot.plotItem.titleLabel.text
    assert window.runs_table.model().headerData(0, Qt.Orientation.Horizontal) == "名称"
    assert window.view_tabs.tabText(1) == "模型剖析"
    assert window.language_actions["zh_CN"].isChecked()
    assert QSettings(str(settings_file), QSettings.Format.IniFormat).value("language") == "zh_CN"

    from workbench.core.article import ARTICLE_ROWS, result_row
    from workbench.gui.panels.reproduce_dialog import ReproduceDialog

    row = result_row(ARTICLE_ROWS[-1], {"final": {"loss": 0.1, "accuracy": 0.9, "val_loss": 0.0,
                                                  "val_accuracy": 0.9}, "true_final": {"val_loss": 0.2}})
    dialog = ReproduceDialog([row], window)  # an open dialog follows the switch too
    assert dialog.windowTitle() == "复现原文"
    assert dialog.table.horizontalHeaderItem(12).text() == "原文的发现"

    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.start_button.text() == "Start")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "The article, reproduced")
    assert dialog.table.item(0, 12).text() == "finding 3: a loss returned by test_step"
    assert window.settings.labels["lr"].text() == "&Learning rate"
    window.set_language("zh_CN")
    window.close()
    again = make_window()  # the same settings file: the language chosen last time
    assert again.start_button.text() == "开始"
    assert again.language_actions["zh_CN"].isChecked()


def test_the_core_texts_follow_the_window_language(make_window, qtbot):
    """The settings' validation messages and the run statuses come from the Qt-free core."""
    from workbench.core.config import ConfigError, TrainConfig
    from workbench.core.runs import status_word

    window = make_window()
    window.set_language("zh_CN")
    with pytest.raises(ConfigError, match="超出范围"):
        TrainConfig(lr=20.0)
    assert status_word("stopped") == "已停止"
    window.settings.dataset.setText("digits.txt")
    window.start()
    assert "既不是 'mnist'" in window.banner.text()
    window.set_language("en")
    assert status_word("stopped") == "stopped"


def test_without_a_chinese_font_the_window_says_so_once(make_window, monkeypatch, qtbot):
    monkeypatch.setattr(language, "has_chinese_font", lambda: False)
    window = make_window()
    window.set_language("zh_CN")
    assert "fonts-noto-cjk" in window.banner.text()
    window.banner.hide()
    window.set_language("en")
    window.set_language("zh_CN")
    assert window.banner.text() == ""  # once


#: Opens the window in Chinese under the fontconfig of FONTCONFIG_FILE; prints what the font check and banner say.
BANNER_SCRIPT = """
import json, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from workbench.gui import MainWindow, language
window = MainWindow(runs_dir=sys.argv[1], settings=QSettings(sys.argv[2], QSettings.Format.IniFormat),
                    preload_tensorflow=False)
window.show()
window.set_language("zh_CN")
app.processEvents()
print(json.dumps({"font": language.has_chinese_font(), "banner": window.banner.text(),
                  "shown": window.banner.isVisible(), "start": window.start_button.text()}))
"""


def fontconfig_stub(folder: Path, font_dirs: list[Path]) -> Path:
    """A fonts.conf that shows fontconfig (and so Qt) these folders only: DejaVu, plus any the test adds."""
    dirs = "".join(f"<dir>{d}</dir>" for d in font_dirs)
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
                    f"<fontconfig>{dirs}<cachedir>{folder / 'cache'}</cachedir></fontconfig>", encoding="utf-8")
    return conf


@pytest.mark.parametrize("with_font", [False, True], ids=["no CJK font", "a CJK font"])
def test_the_no_font_banner_follows_the_fonts_fontconfig_offers(tmp_path, with_font):
    """Without a Chinese font the Chinese window says so (in both languages); with one it says nothing."""
    from cjk_font import write_cjk_font

    dejavu = next(Path(d) for d in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
                  if Path(d).is_dir())
    dirs = [dejavu]
    if with_font:
        (tmp_path / "fonts").mkdir()
        write_cjk_font(tmp_path / "fonts" / "test-cjk.ttf")
        dirs.append(tmp_path / "fonts")
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig_stub(tmp_path, dirs)), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run([sys.executable, "-c", BANNER_SCRIPT, str(tmp_path / "runs"), str(tmp_path / "s.ini")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["start"] == "开始"
    assert seen["font"] is with_font
    if with_font:
        assert seen["banner"] == "" and not seen["shown"]
    else:
        assert seen["shown"]
        assert "No font with Chinese characters" in seen["banner"] and "未安装中文字体" in seen["banner"]
        assert "fonts-noto-cjk" in seen["banner"]


def _ts_sources(path: Path) -> set[tuple[str, str]]:
    root = ET.parse(path).getroot()
    return {(c.findtext("name") or "", m.findtext("source") or "")
            for c in root.iter("context") for m in c.iter("message")
            if (m.find("translation").get("type") or "") not in ("vanished", "obsolete")}


def test_the_translation_covers_every_marked_text_and_the_qm_is_compiled_from_it(tmp_path):
    from workbench.translations import update

    shipped = update.HERE / "workbench_zh_CN.ts"
    copy = tmp_path / "workbench_zh_CN.ts"
    shutil.copy(shipped, copy)
    update.lupdate(copy, ["-no-obsolete"])  # what the code marks today, merged into the shipped file
    text = copy.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text, "texts without a translation: run python -m workbench.translations.update"
    assert _ts_sources(copy) == _ts_sources(shipped)  # no text added or gone since the .ts was updated
    assert len(i18n.table("zh_CN")) == len(_ts_sources(shipped)) > 400

    qm = tmp_path / "workbench_zh_CN.qm"
    update.lrelease(shipped, qm)
    assert qm.read_bytes() == (update.HERE / "workbench_zh_CN.qm").read_bytes()


def test_translations_keep_their_placeholders():
    """A translation that drops or renames a {placeholder} would raise or lie when formatted."""
    for (context, source), translation in i18n.table("zh_CN").items():
        assert sorted(re.findall(r"{\w*}", source)) == sorted(re.findall(r"{\w*}", translation)), (context, source)
        assert source.count("&") <= translation.count("&") or "&" not in source.replace("& ", ""), source


def test_the_command_line_speaks_the_locale(one_run):
    runs = one_run

    def workbench(*args, lang):
        env = {"PATH": "/usr/bin:/bin", "LANG": lang, "PYTHONPATH": str(Path(__file__).parents[2])}
        return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True, text=True, env=env,
                              timeout=120)

    listed = workbench("runs", "--runs-dir", str(runs), lang="zh_CN.UTF-8")
    assert listed.returncode == 0
    assert "状态" in listed.stdout.splitlines()[0] and "已完成" in listed.stdout
    bad = workbench("train", "--lr", "20", "--runs-dir", str(runs), lang="zh_CN.UTF-8")
    assert bad.returncode == 2
    assert bad.stderr.strip() == "workbench train: error: argument --lr: 20.0 超出范围；允许 1e-06 到 10"
    english = workbench("train", "--lr", "20", "--runs-dir", str(runs), lang="en_US.UTF-8")
    assert english.stderr.strip().endswith("20.0 is out of range; allowed 1e-06 to 10")
    machine = workbench("runs", "--json", "--runs-dir", str(runs), lang="zh_CN.UTF-8")
    assert '"status": "completed"' in machine.stdout  # --json stays as it is


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"), ({"LANG": "zh_TW.UTF-8"}, "zh_CN"), ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"), ({"LANGUAGE": "zh_CN:en", "LANG": "en_GB.UTF-8"}, "zh_CN"),
    ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"), ({}, "en"),
])
def test_the_locale_picks_the_language(env, expected):
    assert i18n.locale_language(env) == expected
