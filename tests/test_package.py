"""The harness works outside this repository: built as a wheel, installed into fresh virtual environments.

Each test makes a small documentation project in a temporary folder, with no configuration at all,
installs the wheel beside pytest and NumPy (and torch for one of them), and runs `pytest` there.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

RIGHT_NUMPY = """\
import numpy as np

np.arange(3, dtype=np.int32)
#> array([0, 1, 2], dtype=int32)
"""
# The digits are right; the dtype is not (a float32 array prints dtype=float32).
WRONG_DTYPE_NUMPY = """\
import numpy as np

np.zeros(2, dtype=np.float32)
#> array([0., 0.])
"""
RIGHT_TORCH = """\
import numpy as np
import torch

torch.from_numpy(np.arange(3))
#> tensor([0, 1, 2])
"""
WRONG_DTYPE_TORCH = """\
import torch

torch.ones(2, dtype=torch.float64)
#> tensor([1., 1.])
"""


def run(command: list, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=900)


def checked(command: list, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    result = run(command, cwd)
    assert result.returncode == 0, f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """A wheel and an sdist of this checkout, built as `python -m build` builds them for PyPI."""
    out = tmp_path_factory.mktemp("dist")
    checked([sys.executable, "-m", "build", "--outdir", out, ROOT])
    return out


@pytest.fixture(scope="module")
def constraints(tmp_path_factory) -> Path:
    """requirements.txt's exact pins, as constraints: a fresh venv gets the versions the site is verified with."""
    pins = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line and not line.startswith("#")]
    path = tmp_path_factory.mktemp("constraints") / "constraints.txt"
    path.write_text("\n".join(pins) + "\n")
    return path


def fresh_venv(folder: Path, wheel: Path, constraints: Path, extra: str = "") -> Path:
    """A new virtual environment with the wheel (and its `extra`) installed; returns its python."""
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    checked([python, "-m", "pip", "install", "-q", f"{wheel}{extra}", "-c", constraints])
    return python


def documentation_project(folder: Path, files: dict[str, str]) -> Path:
    """A project with snippets/ and nothing else: no pytest configuration, no conftest."""
    (folder / "snippets").mkdir(parents=True)
    for name, text in files.items():
        (folder / "snippets" / name).write_text(text)
    return folder


def only_wheel(dist: Path) -> Path:
    (wheel,) = dist.glob("*.whl")
    return wheel


def test_wheel_and_sdist_pass_twine_check(dist):
    files = sorted(dist.iterdir())
    assert sorted(path.suffix for path in files) == [".gz", ".whl"], files
    result = checked([sys.executable, "-m", "twine", "check", "--strict", *files])
    assert result.stdout.count("PASSED") == 2, result.stdout


def test_installed_wheel_tests_a_project_with_no_configuration(dist, constraints, tmp_path):
    python = fresh_venv(tmp_path / "venv", only_wheel(dist), constraints, "[torch]")
    project = documentation_project(tmp_path / "project", {"right.py": RIGHT_TORCH, "wrong_dtype.py": WRONG_DTYPE_TORCH})
    result = run([python, "-m", "pytest", "-p", "no:cacheprovider"], project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "1 failed, 1 passed" in output, output
    assert "snippets/wrong_dtype.py:4: documented value differs" in output, output
    assert "dtype: documented torch.float32 (implied: the repr shows no dtype=), actual torch.float64" in output, output


def a_clone(folder: Path) -> Path:
    """A copy of this checkout, as `git clone` would give it (no virtual environments, builds or caches)."""
    leave_out = shutil.ignore_patterns(".git", ".venv*", "node_modules", "site", "build", "dist", "*.egg-info", "__pycache__")
    shutil.copytree(ROOT, folder, ignore=leave_out)
    return folder


def test_installed_from_a_clone_needs_no_torch_for_numpy_examples(constraints, tmp_path):
    # `pip install ./clone`, as the plugin's page says; the wheel test above covers the built distribution.
    python = fresh_venv(tmp_path / "venv", a_clone(tmp_path / "numpy-torch-guide"), constraints)
    assert run([python, "-c", "import torch"], tmp_path).returncode != 0, "torch should not be in this environment"
    project = documentation_project(tmp_path / "project", {"right.py": RIGHT_NUMPY, "wrong_dtype.py": WRONG_DTYPE_NUMPY})
    result = run([python, "-m", "pytest", "-p", "no:cacheprovider"], project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "1 failed, 1 passed" in output, output
    assert "snippets/wrong_dtype.py:4: documented value differs" in output, output
    assert "dtype: documented float64 (implied: the repr shows no dtype=), actual float32" in output, output
