"""Every plot's right-click menu speaks the window's language and does what it says."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication


def _right_click(qtbot, plot) -> None:
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.RightButton, pos=plot.viewport().rect().center())


def test_a_right_click_on_a_plot_opens_the_workbench_menu_in_chinese(window, qtbot):
    window.set_language("zh_CN")
    plot = window.plots.loss_plot
    qtbot.waitUntil(lambda: window.start_button.text() == "开始")
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: plot.viewport().width() > 50)  # laid out: the click lands on the plot
    _right_click(qtbot, plot)
    menu = plot.plot_menu
    qtbot.waitUntil(menu.isVisible, timeout=30_000)
    assert [a.text() for a in menu.actions()] == ["显示全部数据", "保存图像…"]
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    assert shown == [menu]  # pyqtgraph's English menu did not open beside it
    menu.close()
    assert not plot.scene().contextMenu  # nor its "Export..." (an English dialog)
    window.set_language("en")
    qtbot.waitUntil(lambda: window.start_button.text() == "Start")
    assert [a.text() for a in menu.actions()] == ["Show all the data", "Save picture…"]


def test_show_all_the_data_undoes_a_zoom(window, qtbot):
    plot = window.dynamics.plot
    plot.plot([0, 1, 2, 3], [0.1, 0.5, 0.9, 0.95])
    box = plot.getViewBox()
    box.setXRange(1.0, 1.5, padding=0)
    assert list(box.autoRangeEnabled()) == [False, True]
    plot.plot_menu.view_all.trigger()
    assert list(box.autoRangeEnabled()) == [True, True]
    box.prepareForPaint()
    left, right = box.viewRange()[0]
    assert left <= 0 and right >= 3  # every point in view again


def test_save_picture_writes_the_plot_as_shown(window, tmp_path):
    plot = window.plots.loss_plot
    plot.plot([0, 1, 2], [2.0, 1.0, 0.5])
    png = plot.plot_menu.save_picture(tmp_path / "loss.png")
    image = QImage(str(png))
    assert (image.width(), image.height()) == (plot.width() * 2, plot.height() * 2)
    assert image.pixelColor(QPoint(5, 5)).lightness() > 200 or image.pixelColor(QPoint(5, 5)).lightness() < 60
    svg = plot.plot_menu.save_picture(tmp_path / "loss.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and ("<polyline" in svg or "<path" in svg)
    assert plot.plot_menu.save_picture(tmp_path / "loss.pdf").read_bytes().startswith(b"%PDF")
