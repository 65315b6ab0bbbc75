"""Set-up that tells the truth.

The README, pyproject.toml and the CI matrix name the same oldest Python; every cell of the matrix can
install what it asks for; the commands in CONTRIBUTING run from the root of a fresh clone; and
`mkdocs serve` watches the snippets that the pages embed.
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
TEST_WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text())
MATRIX_JOB = TEST_WORKFLOW["jobs"]["matrix"]
PINNED_NUMPY = re.search(r"^numpy==(\S+)$", (ROOT / "requirements.txt").read_text(), re.M)[1]


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def oldest_python() -> tuple[int, ...]:
    """The floor of pyproject's requires-python, which must read `>=X.Y[.Z]`."""
    spec = PYPROJECT["project"]["requires-python"]
    match = re.fullmatch(r">=\s*(\d+(?:\.\d+)+)", spec)
    assert match, f"pyproject.toml: requires-python {spec!r} is not of the form >=X.Y[.Z]"
    return version(match[1])


def matrix_cells() -> list[dict[str, str]]:
    """The cells of the test workflow's matrix job, as GitHub expands them: product, less excludes, plus includes."""
    matrix = MATRIX_JOB["strategy"]["matrix"]
    axes = {key: values for key, values in matrix.items() if key not in ("include", "exclude")}
    cells = [dict(zip(axes, values)) for values in itertools.product(*axes.values())]
    for rule in matrix.get("exclude", []):
        cells = [cell for cell in cells if any(cell.get(key) != value for key, value in rule.items())]
    return cells + list(matrix.get("include", []))


def checked_python(line: str) -> str:
    """The Python a dry run stands in for: setup-python's "3.11" is the newest 3.11, at least the floor's patch."""
    floor = oldest_python()
    return ".".join(map(str, floor)) if version(line)[:2] == floor[:2] else line


def test_readme_pyproject_ruff_and_matrix_name_the_same_oldest_python():
    floor = oldest_python()
    readme = re.search(r"Python (\d+(?:\.\d+)+) or newer", (ROOT / "README.md").read_text())
    assert readme, "README.md names no 'Python X.Y or newer'"
    assert version(readme[1]) == floor, f"README says Python {readme[1]}, pyproject.toml {floor}"
    assert PYPROJECT["tool"]["ruff"]["target-version"] == f"py{floor[0]}{floor[1]}"
    lines = sorted(version(cell["python"])[:2] for cell in matrix_cells())
    assert lines[0] == floor[:2], f"the matrix starts at {lines[0]}, the project at {floor}"


def test_the_matrix_installs_the_way_the_checks_below_model_it():
    """A cell installs requirements.txt, then its own NumPy over the pinned one."""
    install = next(step for step in MATRIX_JOB["steps"] if "pip install" in step.get("run", ""))
    assert [line.strip() for line in install["run"].strip().splitlines()] == [
        "python -m pip install -r requirements.txt",
        'python -m pip install "numpy==${NUMPY_VERSION}"',
    ]
    assert install["env"] == {"NUMPY_VERSION": "${{ matrix.numpy }}"}


def pins(numpy: str) -> dict[str, str]:
    """requirements.txt's exact pins, name to version, with NumPy at `numpy` (as a matrix cell installs it)."""
    found = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", (ROOT / "requirements.txt").read_text(), re.M))
    return found | {"numpy": numpy}


def binary_versions(name: str, python: str) -> tuple[str, set[str]]:
    """The versions of `name` that the package index has as a binary for `python`: (pip's output, versions)."""
    command = [sys.executable, "-m", "pip", "index", "versions", name, "--only-binary=:all:", "--python-version", python]
    result = subprocess.run(command, capture_output=True, text=True)
    listed = re.search(r"^Available versions: (.*)$", result.stdout, re.M)
    return result.stdout + result.stderr, set(listed[1].split(", ")) if listed else set()


def needs_the_index() -> None:
    """Skip, outside CI and unless RESOLVE_MATRIX is set: the look-ups start one pip per pin and Python (about 50),
    a minute of CPU on two cores, for a check that only a change of requirements.txt or the matrix can turn red."""
    if not (os.environ.get("CI") or os.environ.get("RESOLVE_MATRIX")):
        pytest.skip("looks up every pin for every matrix Python in the package index: set RESOLVE_MATRIX=1 (CI does)")


@pytest.fixture(scope="module")
def index_listings() -> dict[tuple[str, str], tuple[str, set[str]]]:
    """For every pin and every matrix Python: what the package index offers, looked up a few at a time."""
    needs_the_index()
    wanted = {(name, checked_python(cell["python"])) for cell in matrix_cells() for name in pins(cell["numpy"])}
    with ThreadPoolExecutor(max_workers=6) as pool:
        return dict(zip(wanted, pool.map(lambda key: binary_versions(*key), wanted)))


@pytest.mark.slow  # about 50 look-ups in the package index
@pytest.mark.parametrize("cell", matrix_cells(), ids=lambda cell: f"python{cell['python']}-numpy{cell['numpy']}")
def test_every_pin_has_a_build_for_every_matrix_cell(cell, index_listings):
    python = checked_python(cell["python"])
    missing = []
    for name, pinned in pins(cell["numpy"]).items():
        output, versions = index_listings[name, python]
        if pinned not in versions:
            missing.append(f"{name}=={pinned} (the index has, for Python {python}: {sorted(versions) or output.strip()[-300:]})")
    assert not missing, f"Python {python}, NumPy {cell['numpy']}: no binary release of " + "; ".join(missing)


@pytest.mark.slow
def test_a_python_too_old_for_the_pins_has_no_build():
    """The check above can fail: NumPy 2.4 has no build for Python 3.10."""
    needs_the_index()
    output, versions = binary_versions("numpy", "3.10")
    assert versions, output
    assert PINNED_NUMPY not in versions


def dry_run(python: str, target: Path, *requirements: str) -> subprocess.Popen:
    """Start pip resolving `requirements` for another Python, as binaries only, installing nothing."""
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--only-binary=:all:"]
    command += ["--python-version", python, "--target", str(target), *requirements]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture(scope="module")
def resolutions(tmp_path_factory) -> dict[tuple[str, str], tuple[int, str]]:
    """Each cell's two install steps resolved by pip for the cell's Python, all started at once.

    Keys: ("requirements.txt", python) and ("numpy==X", python); values: pip's exit status and output.
    A full resolution reads every wheel's metadata, which from an index without separate metadata files
    means downloading every wheel (torch and its CUDA libraries: over a gigabyte per Python), so it runs
    under CI and on request, as the index look-ups above do.
    """
    if not (os.environ.get("CI") or os.environ.get("RESOLVE_MATRIX")):
        pytest.skip("a full dry-run install per matrix cell downloads over a gigabyte per Python: set RESOLVE_MATRIX=1 (CI does)")
    target = tmp_path_factory.mktemp("never-written")
    # The checkout itself (`-e .`) is pure Python and built here; tests/test_package.py installs its wheel.
    pins = tmp_path_factory.mktemp("pins") / "requirements.txt"
    lines = (ROOT / "requirements.txt").read_text().splitlines(keepends=True)
    pins.write_text("".join(line for line in lines if not line.startswith("-e ")))
    started = {}
    for cell in matrix_cells():
        python = checked_python(cell["python"])
        if ("requirements.txt", python) not in started:
            started["requirements.txt", python] = dry_run(python, target, "-r", str(pins))
        if cell["numpy"] != PINNED_NUMPY:
            started[f"numpy=={cell['numpy']}", python] = dry_run(python, target, f"numpy=={cell['numpy']}")
    return {key: finished(process) for key, process in started.items()}


def finished(process: subprocess.Popen) -> tuple[int, str]:
    """A started pip's exit status and output, once it ends; its pipe is closed (an open one is a ResourceWarning)."""
    output, _ = process.communicate(timeout=1800)
    return process.returncode, output


@pytest.mark.slow
@pytest.mark.parametrize("cell", matrix_cells(), ids=lambda cell: f"python{cell['python']}-numpy{cell['numpy']}")
def test_every_matrix_cell_can_install_what_it_asks_for(cell, resolutions):
    python = checked_python(cell["python"])
    wanted = ["requirements.txt"] + ([f"numpy=={cell['numpy']}"] if cell["numpy"] != PINNED_NUMPY else [])
    for requirement in wanted:
        status, output = resolutions[requirement, python]
        assert status == 0, f"Python {python} cannot install {requirement}:\n{output[-3000:]}"
        assert "Would install" in output, output[-3000:]


def commands(markdown: str) -> list[str]:
    """Every command in a Markdown text: lines of ```bash blocks, and inline code that starts like a command."""
    found = []
    for block in re.findall(r"^```bash\n(.*?)^```", markdown, re.M | re.S):
        found += [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    found += re.findall(r"`((?:python3?|pytest|mkdocs|pre-commit|ruff|npm|node|\.venv\w*/bin/\S+) [^`]*)`", markdown)
    return found


@pytest.mark.parametrize("document", ["README.md", "CONTRIBUTING.md"])
def test_commands_call_the_project_tools_through_the_virtual_environment(document):
    """A bare `python`, `pytest` or `pre-commit` fails outside an activated environment; `.venv/bin/...` does not."""
    bare = re.compile(r"(^|&&\s*|\|\s*)(python|pytest|mkdocs|pre-commit|ruff)\b")
    found = commands((ROOT / document).read_text())
    assert found, f"{document} has no command"
    wrong = [command for command in found if bare.search(command)]
    assert not wrong, f"{document}: commands that need the virtual environment but call a bare tool: {wrong}"


def test_commands_check_can_fail():
    assert commands("Run `python scripts/x.py` or\n```bash\npre-commit install\n```\n") == [
        "pre-commit install",
        "python scripts/x.py",
    ]


def test_mkdocs_serve_watches_every_snippet_folder_the_pages_embed():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    watched = {Path(path).resolve() for path in config.watch}
    snippets = next(ext for ext in config.markdown_extensions if ext == "pymdownx.snippets")
    base_paths = config.mdx_configs[snippets]["base_path"]
    base_paths = [base_paths] if isinstance(base_paths, str) else base_paths
    assert base_paths, "pymdownx.snippets has no base_path"
    missing = [path for path in base_paths if (ROOT / path).resolve() not in watched]
    assert not missing, f"mkdocs serve does not reload when these change (add them to watch: in mkdocs.yml): {missing}"
