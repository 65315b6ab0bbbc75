"""The plugin in another project's layout: the traps a maintainer meets in the first hour.

Each test makes a small project (pytester) the way other projects are set up: `testpaths`, CRLF files,
a formatter, helper modules beside the examples, a custom example folder, pages that embed snippets.
"""

import os
import subprocess
import sys

import pytest

pytest_plugins = ["pytester"]

RIGHT = "import numpy as np\n\nnp.arange(2)\n#> array([0, 1])\n"
WRONG = "import numpy as np\n\nnp.arange(2)\n#> array([0, 1, 2])\n"


@pytest.fixture
def bare(pytester):
    """A project with no configuration but `-p no:cacheprovider`."""
    pytester.makepyprojecttoml('[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\n')
    return pytester


def write(pytester, relative: str, text: str) -> None:
    path = pytester.path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


# Collection: testpaths


def test_testpaths_that_leave_out_the_examples_warn_what_to_add(bare):
    bare.makepyprojecttoml('[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\ntestpaths = ["tests"]\n')
    write(bare, "tests/test_unit.py", "def test_one():\n    pass\n")
    write(bare, "snippets/a.py", WRONG)
    write(bare, "docs/page.md", f"```python\n{RIGHT}```\n")
    result = bare.runpytest_subprocess()
    result.assert_outcomes(passed=1, warnings=1)
    said = "testpaths = ['tests'] leaves out 2 of 2 example files, which will not run: add 'docs', 'snippets' to testpaths"
    assert said in result.stdout.str()


def test_testpaths_that_leave_out_some_examples_name_them(bare):
    bare.makepyprojecttoml('[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\ntestpaths = ["tests", "snippets"]\n')
    write(bare, "tests/test_unit.py", "def test_one():\n    pass\n")
    write(bare, "snippets/a.py", RIGHT)
    write(bare, "README.md", "# Project\n")  # a default page, with no code: still an example file testpaths leaves out
    result = bare.runpytest_subprocess()
    result.assert_outcomes(passed=2, warnings=1)
    assert "leaves out 1 of 2 example files, which will not run: add 'README.md' to testpaths" in result.stdout.str()


def test_testpaths_that_name_every_example_give_no_warning(bare):
    bare.makepyprojecttoml('[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\ntestpaths = ["tests", "snippets"]\n')
    write(bare, "tests/test_unit.py", "def test_one():\n    pass\n")
    write(bare, "snippets/a.py", RIGHT)
    result = bare.runpytest_subprocess()
    result.assert_outcomes(passed=2)
    assert "leaves out" not in result.stdout.str()


# Update: line endings, indentation, xdist


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_an_update_keeps_line_endings_and_indentation(bare, newline):
    lines = ["import numpy as np", "", "np.arange(2)", "#> array([0, 9])", "if True:", "    x = np.arange(3)", "x", ""]
    path = bare.path / "snippets" / "a.py"
    path.parent.mkdir()
    path.write_bytes(newline.join(lines).encode())
    bare.runpytest_subprocess("--update-expected").assert_outcomes(passed=1)
    expected = ["import numpy as np", "", "np.arange(2)", "#> array([0, 1])", "if True:", "    x = np.arange(3)", "x"]
    assert path.read_bytes() == newline.join([*expected, "#> array([0, 1, 2])", ""]).encode()


def test_an_update_keeps_a_file_without_a_final_line_ending_so(bare):
    path = bare.path / "snippets" / "a.py"
    path.parent.mkdir()
    path.write_bytes(b"import numpy as np\r\n\r\nnp.arange(2)")
    bare.runpytest_subprocess("--update-expected").assert_outcomes(passed=1)
    assert path.read_bytes() == b"import numpy as np\r\n\r\nnp.arange(2)\r\n#> array([0, 1])"


def test_update_under_xdist_is_refused_with_what_to_do(bare):
    # pytest-xdist's -n option, as a stand-in plugin registers it: the refusal does not need xdist itself.
    bare.makeconftest(
        'def pytest_addoption(parser):\n    parser.getgroup("xdist")._addoption("-n", "--numprocesses", dest="numprocesses", type=int)\n'
    )
    write(bare, "snippets/a.py", WRONG)
    result = bare.runpytest_subprocess("--update-expected", "-n", "2")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--update-expected cannot run under pytest-xdist: add -n 0*"])
    assert (bare.path / "snippets" / "a.py").read_text() == WRONG


# Formatters


def test_a_snippet_formatted_by_ruff_still_passes_and_can_still_fail(bare):
    text = RIGHT + "int('x')\n#! raises ValueError: invalid literal for int() with base 10: 'x'\n"
    write(bare, "snippets/right.py", text)
    write(bare, "snippets/wrong.py", WRONG)
    subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--isolated", "snippets"], cwd=bare.path, check=True, capture_output=True
    )
    assert "# > array([0, 1])" in (bare.path / "snippets" / "right.py").read_text()  # what ruff writes
    result = bare.runpytest_subprocess()
    result.stdout.fnmatch_lines(["*snippets/wrong.py:4: documented value differs*"])
    result.assert_outcomes(passed=1, failed=1)


# Helper modules and the environment


def test_a_helper_module_beside_a_snippet_imports_and_is_not_collected(bare):
    write(bare, "snippets/data.py", "import numpy as np\n\n\ndef load():\n    return np.arange(2)\n")
    write(bare, "snippets/_private.py", "VALUE = 3\n")
    write(bare, "snippets/a.py", "from data import load\nfrom _private import VALUE\n\nload() + VALUE\n#> array([3, 4])\n")
    result = bare.runpytest_subprocess("-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*snippets/a.py::file*PASSED*"])


def test_an_example_sees_the_users_environment_and_so_do_its_subprocesses(bare, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", "/the/users/own")
    # pytester adds its folder to PYTHONPATH too: the example must see what pytest itself saw.
    seen = bare.path / "seen_by_pytest.txt"
    bare.makeconftest(
        f"import os\n\ndef pytest_configure(config):\n    open({str(seen)!r}, 'w').write(os.environ['PYTHONPATH'])\n"
    )
    write(
        bare,
        "snippets/a.py",
        "import os\nimport subprocess\nimport sys\n\n"
        f"expected = open({str(seen)!r}).read()\n"
        "expected.endswith('/the/users/own')\n#> True\n"
        "os.environ['PYTHONPATH'] == expected\n#> True\n"
        "command = [sys.executable, '-c', 'import os; print(os.environ[\"PYTHONPATH\"], end=\"\")']\n"
        "subprocess.run(command, capture_output=True, text=True).stdout == expected\n#> True\n",
    )
    bare.runpytest_subprocess().assert_outcomes(passed=1)


def test_an_example_sees_no_pythonpath_when_the_user_set_none(bare, monkeypatch):
    monkeypatch.delenv("PYTHONPATH", raising=False)
    write(bare, "snippets/a.py", "import os\n\n'PYTHONPATH' in os.environ\n#> False\n")
    bare.runpytest_inprocess().assert_outcomes(passed=1)  # in-process: pytester's subprocess sets PYTHONPATH


# The verified line and pages


def test_the_versions_line_is_printed_for_any_configured_example_folder(bare):
    bare.makepyprojecttoml(
        '[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\narray_examples_snippets = ["examples/*.py"]\n'
    )
    write(bare, "examples/a.py", RIGHT)
    result = bare.runpytest_subprocess()
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["examples verified with torch *, NumPy *"])


def test_a_page_named_on_the_command_line_runs_the_snippets_it_embeds(bare):
    write(
        bare,
        "snippets/topic.py",
        "# --8<-- [start:one]\n" + RIGHT + "# --8<-- [end:one]\n# --8<-- [start:two]\n" + WRONG + "# --8<-- [end:two]\n",
    )
    write(bare, "docs/page.md", '# Page\n\n```python\n--8<-- "topic.py:one"\n```\n\n```python\n--8<-- "topic.py:two"\n```\n')
    result = bare.runpytest_subprocess("docs/page.md", "-v")
    result.stdout.fnmatch_lines(["*docs/page.md::topic.py:one*PASSED*", "*snippets/topic.py:11: documented value differs*"])
    result.assert_outcomes(passed=1, failed=1)
    # A whole run tests each section once, as its snippet file.
    bare.runpytest_subprocess().assert_outcomes(passed=1, failed=1)


def test_a_page_embedding_a_file_no_snippet_folder_holds_is_an_error_naming_it(bare):
    write(bare, "docs/page.md", '```python\n--8<-- "missing.py:one"\n```\n')
    result = bare.runpytest_subprocess("docs/page.md")
    result.stdout.fnmatch_lines(["*missing.py*no snippet file ends with 'missing.py'*"])


def test_a_platform_without_fork_fails_each_example_saying_why(bare, monkeypatch):
    write(bare, "snippets/a.py", RIGHT)
    monkeypatch.delattr(os, "fork")
    result = bare.runpytest_inprocess()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*has no os.fork (Linux and macOS have)*"])
