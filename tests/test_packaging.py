"""A non-editable install finds the shipped templates; the domain imports no UI library."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_pip_install_dot_then_facilitator_templates(tmp_path: Path) -> None:
    # Copy the checkout without its venv so the install cannot see templates/ beside it.
    src = tmp_path / "src"
    shutil.copytree(REPO, src, ignore=shutil.ignore_patterns(
        ".venv", ".git", ".cache", "sessions", "exports", "node_modules", "__pycache__",
        ".pytest_cache", ".hypothesis", "tests", "bench"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    install = subprocess.run([str(py), "-m", "pip", "install", "--quiet", str(src)],
                             capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr[-2000:]
    shutil.rmtree(src)  # nothing may come from the checkout any more
    run_dir = tmp_path / "elsewhere"
    run_dir.mkdir()
    out = subprocess.run([str(env_dir / "bin" / "facilitator"), "templates"], cwd=run_dir,
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "FACILITATOR_LANG": "fi"})
    assert out.returncode == 0, out.stderr
    for key in ("palvelupaja", "eratauko", "kumppanuuspoyta", "osallistuva-budjetointi"):
        assert key in out.stdout
    made = subprocess.run([str(env_dir / "bin" / "facilitator"), "demo"], cwd=run_dir,
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    assert (run_dir / "sessions" / "demo.db").exists()


def test_import_contracts_hold() -> None:
    """core/ and store know no UI; tui/ and web/ never import each other; export/ only reads."""
    lint = Path(sys.executable).parent / "lint-imports"
    out = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "BROKEN" not in out.stdout
