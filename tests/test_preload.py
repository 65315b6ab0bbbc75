"""The zygote imports what the examples statically import before its first fork (preloads.static_imports,
isolation.clean_imports), and torch only where an example imports it; each child still has its own copy."""

import importlib.util
import os
import sys
from pathlib import Path

import pytest
from rules import rule

from array_examples import isolation
from array_examples.preloads import line_imports, static_imports
from array_examples.snippets import Example


def write(project, name: str, text: str) -> None:
    path = project.path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.mark.parametrize(
    ("line", "modules"),
    [
        ("import numpy as np", ["numpy"]),
        (">>> import scipy.linalg, os.path", ["scipy.linalg", "os.path"]),
        ("... from scipy.interpolate import CubicSpline", ["scipy.interpolate"]),
        ("    from json import loads  # indented, in a block", ["json"]),
        ("from . import sibling", []),
        (">>> from numpy import (", []),  # a statement on several lines: left to the imports on demand
        ("important = 1", []),
        ("#> import this", []),
    ],
)
def test_the_modules_a_line_imports_are_read(line, modules):
    assert line_imports(line) == modules


def test_a_docstring_needs_its_own_module_from_its_own_file_and_a_cuda_example_needs_torch(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "mod.py").write_text("")
    session = {"flags": 0, "module": "pkg.mod", "root": str(tmp_path)}
    docstring = Example("pkg/mod.py", None, 3, [">>> import json", ">>> json.dumps(1)", "'1'"], session=session)
    cuda = Example("a.py", None, 1, ["x = 1"], requires=("cuda",))
    assert static_imports([docstring, cuda]) == [("json", None), ("pkg.mod", str(tmp_path / "pkg" / "mod.py")), ("torch", None)]
    assert static_imports([Example("a.py", None, 1, ["import numpy as np", "import numpy"])]) == [("numpy", None)]


def clean_imports_in_a_fork(modules: list[tuple[str, str | None]]) -> list[str]:
    """What clean_imports imported, run in a fork so that neither this process nor another test sees it."""
    read, written = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.write(written, " ".join(isolation.clean_imports(modules)).encode())
        finally:
            os._exit(0)
    os.close(written)
    with os.fdopen(read) as answer:
        imported = answer.read().split()
    os.waitpid(pid, 0)
    return imported


def test_a_batch_imports_the_clean_modules_and_refuses_the_others_and_their_submodules(tmp_path, monkeypatch):
    (tmp_path / "plain_one.py").write_text("VALUE = 1\n")
    (tmp_path / "plain_two.py").write_text("VALUE = 2\n")
    (tmp_path / "noisy").mkdir()
    (tmp_path / "noisy" / "__init__.py").write_text("print('imported')\n")
    (tmp_path / "noisy" / "sub.py").write_text("VALUE = 3\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    modules = [("plain_one", None), ("noisy", None), ("missing_module", None), ("noisy.sub", None), ("plain_two", None)]
    assert clean_imports_in_a_fork(modules) == ["plain_one", "plain_two"]
    assert clean_imports_in_a_fork([("plain_one", str(tmp_path / "elsewhere.py"))]) == []  # not from its file


SEES = "import sys\n\nsorted(name for name in {names} if name in sys.modules)\n#> {seen}\n"


def test_a_project_that_never_imports_torch_runs_without_it(project_own_zygote):
    write(project_own_zygote, "snippets/a.py", SEES.format(names="['torch', 'numpy']", seen="['numpy']"))
    write(project_own_zygote, "snippets/b.py", "import numpy as np\n\nnp.arange(2)\n#> array([0, 1])\n")
    result = project_own_zygote.runpytest()
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["examples verified with torch *, NumPy *"])


def test_a_statically_imported_module_is_in_each_child_at_start_and_each_has_its_own_copy(project_own_zygote):
    # torch, and a module of the project (at its root, where the zygote starts) that an example changes.
    write(project_own_zygote, "project_tools.py", "CALLS = []\n")
    names = "['torch', 'project_tools']"
    seen = SEES.format(names=names, seen="['project_tools', 'torch']")
    uses = "import project_tools\nimport torch\n\nproject_tools.CALLS.append(1)\nproject_tools.CALLS\n#> [1]\n"
    for name in "abc":
        write(project_own_zygote, f"snippets/{name}.py", seen + uses)
    project_own_zygote.runpytest().assert_outcomes(passed=3)


def test_a_module_whose_import_leaves_a_trace_is_still_imported_in_each_child(project_own_zygote):
    write(project_own_zygote, "tracing_tools.py", "import builtins\nbuiltins.made_at_import = 1\n")
    seen = SEES.format(names="['tracing_tools']", seen="[]")
    uses = "import tracing_tools\n\nmade_at_import\n#> 1\n"
    for name in "ab":
        write(project_own_zygote, f"snippets/{name}.py", seen + uses)
    project_own_zygote.runpytest().assert_outcomes(passed=2)


def test_a_zygote_started_without_examples_still_has_torch():
    zygote = isolation.Zygote()
    try:
        facts = zygote.facts()
        assert facts["torch"] and facts["torch"].startswith("2.")
        result = zygote.run(Example("a.py", None, 1, ["import sys", "'torch' in sys.modules", "#> True"]))
        assert result["problems"] == []
    finally:
        zygote.close()


def test_a_preload_list_longer_than_a_command_line_can_hold_reaches_the_zygote(tmp_path, monkeypatch):
    # Linux takes at most 128 KiB in one command-line argument; this list is about 300 KiB. A module is found
    # by its file's real path, as a symbolic link on the way to it would hide it otherwise.
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "listed_module.py").write_text("VALUE = 1\n")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path / "real")
    zygote = isolation.Zygote()
    zygote.preload = [("json", None)] * 20000 + [("listed_module", str(tmp_path / "link" / "listed_module.py"))]
    try:
        assert check_sees(zygote, "['json', 'listed_module']")
    finally:
        zygote.close()


def check_sees(zygote: isolation.Zygote, seen: str) -> bool:
    lines = ["import sys", "sorted(name for name in ['json', 'listed_module'] if name in sys.modules)", f"#> {seen}"]
    return zygote.run(Example("a.py", None, 1, lines))["problems"] == []


def test_the_corpus_runner_gives_its_zygote_what_the_docstrings_import_as_the_plugin_does(tmp_path, monkeypatch):
    # benchmarks/docstring_corpus.py timed a zygote that preloaded torch and none of SciPy: each child imported
    # the docstring's module again (3 to 5 times scipy-doctest's wall time, against about 1 with the preload).
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "docstring_corpus.py"
    spec = importlib.util.spec_from_file_location("docstring_corpus", path)
    assert spec is not None and spec.loader is not None
    corpus = importlib.util.module_from_spec(spec)
    monkeypatch.syspath_prepend(str(path.parent))  # as `python benchmarks/docstring_corpus.py` has it
    monkeypatch.setitem(sys.modules, "docstring_corpus", corpus)  # where its dataclasses look themselves up
    spec.loader.exec_module(corpus)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "mod.py").write_text("")
    doc = corpus.Docstring("scipy", "pkg.mod", str(tmp_path), "pkg/mod.py", "pkg.mod.f", 3, [">>> import json", "'1'"])
    zygote = corpus.harness_zygote(1.0, None, [corpus.harness_example(doc)])
    assert zygote.preload == [("json", None), ("pkg.mod", str(tmp_path / "pkg" / "mod.py"))]
    assert zygote.process is None


@rule("doctest namespace")
def test_the_modules_the_doctest_namespace_imports_are_preloaded(project_own_zygote):
    # Imported in the zygote, before the fork, a module records another process than the example's (one beside
    # the text files would be imported again in each, as a module in an example's own folder is).
    write(project_own_zygote, "project_tools.py", "import os\n\nIMPORTED_IN = os.getpid()\n")
    namespace = 'array_examples_doctest_namespace = ["import os", "import project_tools"]'
    write(
        project_own_zygote,
        "pyproject.toml",
        f'[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\narray_examples_doctest_files = ["docs/*.txt"]\n{namespace}\n',
    )
    for name in "ab":
        write(project_own_zygote, f"docs/{name}.txt", ">>> project_tools.IMPORTED_IN == os.getpid()\nFalse\n")
    project_own_zygote.runpytest().assert_outcomes(passed=2)


@rule("doctest namespace")
def test_a_snippet_run_reads_no_doctest_namespace(project_own_zygote):
    # `#>` snippets do not run the namespace's statements, so their zygote does not import its modules either.
    write(project_own_zygote, "project_tools.py", "")
    write(
        project_own_zygote,
        "pyproject.toml",
        '[tool.pytest.ini_options]\narray_examples_doctest_namespace = ["import project_tools"]\n',
    )
    write(project_own_zygote, "snippets/a.py", SEES.format(names="['project_tools']", seen="[]"))
    project_own_zygote.runpytest().assert_outcomes(passed=1)
