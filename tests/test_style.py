"""Code style, as the pre-commit hooks check it: ruff everywhere, formatting that keeps `#>` markers."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUFF = Path(sys.executable).parent / "ruff"


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), cwd=ROOT, capture_output=True, text=True)


def test_ruff_lints_clean():
    result = run(str(RUFF), "check", "snippets", "src", "tests", "scripts", "benchmarks", "hooks")
    assert result.returncode == 0, result.stdout


def test_code_is_formatted():
    result = run(str(RUFF), "format", "--check", "src", "tests", "scripts", "benchmarks", "hooks")
    assert result.returncode == 0, result.stdout


def test_snippets_are_formatted_as_readers_should_write_code():
    result = run(sys.executable, "scripts/format_snippets.py", "--check")
    assert result.returncode == 0, result.stdout
