"""The harness (src/) type-checks with mypy, and stays within the complexity limit, with the repository's configuration."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), cwd=cwd, capture_output=True, text=True)


def test_the_harness_type_checks():
    # pyproject.toml's [tool.mypy] names src/ and its settings.
    result = run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_rejects_a_wrong_type_and_a_missing_annotation(tmp_path):
    wrong = tmp_path / "wrong.py"
    wrong.write_text("def half(n: int) -> int:\n    return n / 2\n\n\ndef double(n):\n    return n * 2\n")
    result = run(str(BIN / "mypy"), "--config-file", str(ROOT / "pyproject.toml"), str(wrong))
    assert result.returncode == 1, result.stdout
    assert "Incompatible return value type" in result.stdout and "missing a type annotation" in result.stdout, result.stdout


def test_a_function_over_the_complexity_limit_is_refused(tmp_path):
    branches = "\n".join(f"    if n == {n}:\n        return {n}" for n in range(12))
    tangled = tmp_path / "tangled.py"
    tangled.write_text(f"def pick(n: int) -> int:\n{textwrap.indent(branches, '')}\n    return -1\n")
    result = run(str(BIN / "ruff"), "check", "--config", str(ROOT / "pyproject.toml"), str(tangled))
    assert result.returncode == 1 and "C901" in result.stdout, result.stdout
