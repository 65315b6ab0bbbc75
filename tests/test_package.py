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
pytestmark = pytest.mark.package

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
    # From a copy: setuptools builds the sdist's tree inside the source folder, and a second build there at the
    # same time (another worker's) removes it under this one.
    checked([sys.executable, "-m", "build", "--outdir", out, a_clone(tmp_path_factory.mktemp("source") / "checkout")])
    return out


@pytest.fixture(scope="module")
def constraints(tmp_path_factory) -> Path:
    """requirements.txt's exact pins, as constraints: a fresh venv gets the versions the site is verified with."""
    pins = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line and not line.startswith("#")]
    path = tmp_path_factory.mktemp("constraints") / "constraints.txt"
    path.write_text("\n".join(pins) + "\n")
    return path


def install(python: Path, wheel: Path, constraints: Path, extra: str = "") -> Path:
    """Install the wheel (and its `extra`) into the environment of `python`; returns `python`.

    --no-compile: the modules a run imports are compiled as it imports them, not all of torch's beforehand."""
    checked([python, "-m", "pip", "install", "-q", "--no-compile", f"{wheel}{extra}", "-c", constraints])
    return python


def fresh_python(tmp_path_factory, name: str) -> Path:
    """A fresh virtual environment's python, with pip and nothing else."""
    folder = tmp_path_factory.mktemp(f"venv-{name}")
    venv.create(folder, with_pip=True)
    return folder / "bin" / "python"


# Each environment is made only by a test that uses it, on whichever pytest-xdist worker runs that test (two
# made together on every worker cost twice the time: pytest 9.2 ignores xdist_group, pytest-xdist issue 1386).
@pytest.fixture(scope="module")
def torch_python(dist, constraints, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel and its [torch] extra installed; its python."""
    return install(fresh_python(tmp_path_factory, "torch"), only_wheel(dist), constraints, "[torch]")


@pytest.fixture(scope="module")
def numpy_python(constraints, tmp_path_factory) -> Path:
    """A fresh virtual environment without torch, the plugin installed from a copy of this checkout as from a
    clone (`pip install ./clone`); its python."""
    clone = a_clone(tmp_path_factory.mktemp("clone") / "numpy-torch-guide")
    return install(fresh_python(tmp_path_factory, "numpy"), clone, constraints)


def a_clone(folder: Path) -> Path:
    """A copy of this checkout, as `git clone` would give it (no virtual environments, builds or caches)."""
    leave_out = shutil.ignore_patterns(".git", ".venv*", "node_modules", "site", "build", "dist", "*.egg-info", "__pycache__")
    shutil.copytree(ROOT, folder, ignore=leave_out)
    return folder


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


def test_installed_wheel_tests_a_project_with_no_configuration(torch_python, tmp_path):
    python = torch_python
    project = documentation_project(tmp_path / "project", {"right.py": RIGHT_TORCH, "wrong_dtype.py": WRONG_DTYPE_TORCH})
    result = run([python, "-m", "pytest", "-p", "no:cacheprovider"], project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "1 failed, 1 passed" in output, output
    assert "snippets/wrong_dtype.py:4: documented value differs" in output, output
    assert "dtype: documented torch.float32 (implied: the repr shows no dtype=), actual torch.float64" in output, output


def test_installed_from_a_clone_needs_no_torch_for_numpy_examples(numpy_python, tmp_path):
    # `pip install ./clone`, as the plugin's page says; the test above covers the built wheel.
    python = numpy_python
    assert run([python, "-c", "import torch"], tmp_path).returncode != 0, "torch should not be in this environment"
    project = documentation_project(tmp_path / "project", {"right.py": RIGHT_NUMPY, "wrong_dtype.py": WRONG_DTYPE_NUMPY})
    result = run([python, "-m", "pytest", "-p", "no:cacheprovider"], project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "1 failed, 1 passed" in output, output
    assert "snippets/wrong_dtype.py:4: documented value differs" in output, output
    assert "dtype: documented float64 (implied: the repr shows no dtype=), actual float32" in output, output
