"""`workbench install-desktop`: a menu entry whose Exec line starts the app."""

import os
import shlex
import subprocess

from helpers import run_cli


def test_install_and_uninstall_a_working_menu_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    p = run_cli("install-desktop")
    assert p.returncode == 0, p.stderr
    entry = tmp_path / "applications" / "tf-training-workbench.desktop"
    text = entry.read_text()
    assert "Name=TF Training Workbench" in text and "Icon=tf-training-workbench" in text
    assert (tmp_path / "icons/hicolor/scalable/apps/tf-training-workbench.svg").is_file()
    exec_line = next(line.split("=", 1)[1] for line in text.splitlines() if line.startswith("Exec="))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WORKBENCH_RUNS_DIR": str(tmp_path / "runs")}
    started = subprocess.run([*shlex.split(exec_line), "--quit-after", "1"], env=env,
                             capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stderr
    assert "window shown" in started.stderr
    p = run_cli("install-desktop", "--uninstall")
    assert p.returncode == 0 and not entry.exists()
