"""The plugin in another project's layout: the traps a maintainer meets in the first hour.

Each test makes a small project (pytester) the way other projects are set up: `testpaths`, CRLF files,
a formatter, helper modules beside the examples, a custom example folder, pages that embed snippets.
"""

import os
import subprocess
import sys

import pytest
from projects import RIGHT, WRONG, write
from rules import rule

# Collection: testpaths


@rule("testpaths")
def test_testpaths_that_leave_out_the_examples_warn_what_to_add(project):
    project.makepyprojecttoml('[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\ntestpaths = ["tests"]\n')
    write(project, "tests/test_unit.py", "def test_one():\n    pass\n")
    write(project, "snippets/a.py", WRONG)
    write(project, "docs/page.md", f"```python\n{RIGHT}```\n")
    result = project.runpytest()
    result.assert_outcomes(passed=1, warnings=1)
    said = "testpaths = ['tests'] leaves out 2 of 2 example files, which will not run: add 'docs', 'snippets' to testpaths"
    assert said in result.stdout.str()


@rule("testpaths")
def test_testpaths_that_leave_out_some_examples_name_them(project):
    project.makepyprojecttoml('[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\ntestpaths = ["tests", "snippets"]\n')
    write(project, "tests/test_unit.py", "def test_one():\n    pass\n")
    write(project, "snippets/a.py", RIGHT)
    write(project, "README.md", "# Project\n")  # a default page, with no code: still an example file testpaths leaves out
    result = project.runpytest()
    result.assert_outcomes(passed=2, warnings=1)
    assert "leaves out 1 of 2 example files, which will not run: add 'README.md' to testpaths" in result.stdout.str()


@rule("testpaths")
def test_testpaths_that_name_every_example_give_no_warning(project):
    project.makepyprojecttoml('[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\ntestpaths = ["tests", "snippets"]\n')
    write(project, "tests/test_unit.py", "def test_one():\n    pass\n")
    write(project, "snippets/a.py", RIGHT)
    result = project.runpytest()
    result.assert_outcomes(passed=2)
    assert "leaves out" not in result.stdout.str()


# Update: line endings, indentation, xdist


@rule("update keeps line endings")
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_an_update_keeps_line_endings_and_indentation(project, newline):
    lines = ["import numpy as np", "", "np.arange(2)", "#> array([0, 9])", "if True:", "    x = np.arange(3)", "x", ""]
    path = project.path / "snippets" / "a.py"
    path.write_bytes(newline.join(lines).encode())
    project.runpytest("--update-expected").assert_outcomes(passed=1)
    expected = ["import numpy as np", "", "np.arange(2)", "#> array([0, 1])", "if True:", "    x = np.arange(3)", "x"]
    assert path.read_bytes() == newline.join([*expected, "#> array([0, 1, 2])", ""]).encode()


@rule("update keeps line endings")
def test_an_update_keeps_a_file_without_a_final_line_ending_so(project):
    path = project.path / "snippets" / "a.py"
    path.write_bytes(b"import numpy as np\r\n\r\nnp.arange(2)")
    project.runpytest("--update-expected").assert_outcomes(passed=1)
    assert path.read_bytes() == b"import numpy as np\r\n\r\nnp.arange(2)\r\n#> array([0, 1])"


@rule("update under xdist")
def test_update_under_xdist_is_refused_with_what_to_do(project):
    write(project, "snippets/a.py", WRONG)
    result = project.runpytest("--update-expected", "-n", "2")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--update-expected cannot run under pytest-xdist: add -n 0*"])
    assert (project.path / "snippets" / "a.py").read_text() == WRONG


@rule("examples under xdist")
@pytest.mark.slow  # two pytest-xdist workers, each with a zygote of its own
def test_under_xdist_each_example_runs_once_and_fails_where_it_is_wrong(project_own_zygote):
    project = project_own_zygote
    write(project, "snippets/right.py", RIGHT)
    write(project, "snippets/wrong.py", WRONG)
    result = project.runpytest("-n", "2")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*snippets/wrong.py:4: documented value differs*"])
    (project.path / "snippets" / "wrong.py").unlink()
    result = project.runpytest("-n", "2")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["examples verified with torch *, NumPy *, Python *"])


# Formatters


@rule("formatted output lines")
def test_a_snippet_formatted_by_ruff_still_passes_and_can_still_fail(project):
    text = RIGHT + "int('x')\n#! raises ValueError: invalid literal for int() with base 10: 'x'\n"
    write(project, "snippets/right.py", text)
    write(project, "snippets/wrong.py", WRONG)
    subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--isolated", "snippets"], cwd=project.path, check=True, capture_output=True
    )
    assert "# > array([0, 1])" in (project.path / "snippets" / "right.py").read_text()  # what ruff writes
    result = project.runpytest()
    result.stdout.fnmatch_lines(["*snippets/wrong.py:4: documented value differs*"])
    result.assert_outcomes(passed=1, failed=1)


# Helper modules and the environment


@rule("helper modules")
def test_a_helper_module_beside_a_snippet_imports_and_is_not_collected(project):
    write(project, "snippets/data.py", "import numpy as np\n\n\ndef load():\n    return np.arange(2)\n")
    write(project, "snippets/_private.py", "VALUE = 3\n")
    write(project, "snippets/a.py", "from data import load\nfrom _private import VALUE\n\nload() + VALUE\n#> array([3, 4])\n")
    result = project.runpytest("-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*snippets/a.py::file*PASSED*"])


@rule("the user's environment")
def test_an_example_sees_the_users_environment_and_so_do_its_subprocesses(project_own_zygote, monkeypatch):
    # project_own_zygote: a zygote started in this test, with the environment set here.
    monkeypatch.setenv("PYTHONPATH", "/the/users/own")
    write(
        project_own_zygote,
        "snippets/a.py",
        "import os\nimport subprocess\nimport sys\n\n"
        "os.environ['PYTHONPATH']\n#> '/the/users/own'\n"
        "command = [sys.executable, '-c', 'import os; print(os.environ[\"PYTHONPATH\"])']\n"
        "subprocess.run(command, capture_output=True, text=True).stdout\n#> '/the/users/own\\n'\n",
    )
    project_own_zygote.runpytest().assert_outcomes(passed=1)


@rule("the user's environment")
def test_an_example_sees_no_pythonpath_when_the_user_set_none(project_own_zygote, monkeypatch):
    monkeypatch.delenv("PYTHONPATH", raising=False)
    write(project_own_zygote, "snippets/a.py", "import os\n\n'PYTHONPATH' in os.environ\n#> False\n")
    project_own_zygote.runpytest().assert_outcomes(passed=1)


# The verified line and pages


@rule("versions line")
def test_the_versions_line_is_printed_for_any_configured_example_folder(project):
    project.makepyprojecttoml(
        '[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\narray_examples_snippets = ["examples/*.py"]\n'
    )
    write(project, "examples/a.py", RIGHT)
    result = project.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["examples verified with torch *, NumPy *"])


@rule("pages run their embedded sections")
def test_a_page_named_on_the_command_line_runs_the_snippets_it_embeds(project):
    write(
        project,
        "snippets/topic.py",
        "# --8<-- [start:one]\n" + RIGHT + "# --8<-- [end:one]\n# --8<-- [start:two]\n" + WRONG + "# --8<-- [end:two]\n",
    )
    write(project, "docs/page.md", '# Page\n\n```python\n--8<-- "topic.py:one"\n```\n\n```python\n--8<-- "topic.py:two"\n```\n')
    result = project.runpytest("docs/page.md", "-v")
    result.stdout.fnmatch_lines(["*docs/page.md::topic.py:one*PASSED*", "*snippets/topic.py:11: documented value differs*"])
    result.assert_outcomes(passed=1, failed=1)
    # A whole run tests each section once, as its snippet file.
    project.runpytest().assert_outcomes(passed=1, failed=1)


@rule("pages run their embedded sections")
def test_a_page_embedding_a_file_no_snippet_folder_holds_is_an_error_naming_it(project):
    write(project, "docs/page.md", '```python\n--8<-- "missing.py:one"\n```\n')
    result = project.runpytest("docs/page.md")
    result.stdout.fnmatch_lines(["*missing.py*no snippet file ends with 'missing.py'*"])


@rule("platforms")
def test_a_platform_without_fork_fails_each_example_saying_why(project, monkeypatch):
    write(project, "snippets/a.py", RIGHT)
    monkeypatch.delattr(os, "fork")
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*has no os.fork (Linux and macOS have)*"])


# Collection: one run per file, whatever pytest's doctest plugin is asked

NP_NAMESPACE = 'array_examples_doctest_namespace = ["import numpy as np"]'
SESSION = ">>> np.arange(2)\narray([0, 1])\n"


@rule("one run per file")
@pytest.mark.parametrize(
    "args",
    [pytest.param(("docs/guide.rst",), id="named"), pytest.param(("--doctest-glob=*.rst",), id="doctest-glob")],
)
def test_a_text_file_of_examples_runs_once_not_also_as_pytests_doctest(project, args):
    ini = f'array_examples_doctest_files = ["docs/*.rst"]\n{NP_NAMESPACE}\n'
    project.makepyprojecttoml(f'[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\n{ini}')
    write(project, "docs/guide.rst", f"Guide\n=====\n\n{SESSION}")
    result = project.runpytest(*args, "-v")
    result.assert_outcomes(passed=1)  # pytest's doctest would fail it too: NameError, np is not in its namespace
    result.stdout.fnmatch_lines(["*docs/guide.rst::file*cpu*PASSED*"])


@rule("one run per file")
def test_a_docstring_module_runs_once_under_doctest_modules(project):
    ini = f'array_examples_doctest_modules = ["src/*.py"]\n{NP_NAMESPACE}\n'
    project.makepyprojecttoml(f'[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\n{ini}')
    write(project, "src/mod.py", 'def f():\n    """Twos.\n\n    >>> np.arange(2)\n    array([0, 1])\n    """\n')
    result = project.runpytest("--doctest-modules", "src", "-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*src/mod.py::mod.f*cpu*PASSED*"])


@rule("one run per file")
def test_a_page_under_doctest_glob_stays_pytests_doctest_too(project):
    # The plugin reads a page's code blocks; doctest reads `>>>` anywhere in it (an indented block, a bare fence):
    # so both run, and a wrong output outside a pycon block still fails.
    project.makepyprojecttoml('[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\n')
    write(project, "docs/page.md", "```pycon\n>>> 1 + 1\n2\n\n```\n\n    >>> 2 + 2\n    5\n")
    result = project.runpytest("--doctest-glob=*.md", "docs/page.md", "-v")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["*docs/page.md::page.md FAILED*", "*docs/page.md::line-2*cpu*PASSED*", "*page.md:7: DocTestFailure"]
    )


@rule("one run per file")
def test_a_module_with_examples_outside_its_docstrings_stays_pytests_doctest_too(project):
    # doctest runs a module's __test__ strings; the plugin reads its docstrings alone.
    project.makepyprojecttoml(f'[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\n{NP_NAMESPACE}\n')
    write(project, "src/mod.py", '__test__ = {"extra": ">>> 2 + 2\\n5\\n"}\n')
    result = project.runpytest("--doctest-modules", "--array-doctest-modules", "src/mod.py")
    assert result.parseoutcomes().get("failed") == 1, result.stdout.str()


@rule("one run per file")
def test_a_tab_indented_docstring_is_the_plugins_alone(project):
    # The plugin counts a tab as doctest does, so it runs every example doctest would find there.
    project.makepyprojecttoml(f'[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\n{NP_NAMESPACE}\n')
    write(project, "src/mod.py", 'def f():\n\t"""Doc.\n\n\t>>> 2 + 2\n\t5\n\t"""\n')
    result = project.runpytest("--doctest-modules", "--array-doctest-modules", "src/mod.py", "-rA")
    assert result.parseoutcomes() == {"failed": 1}, result.stdout.str()
    result.stdout.fnmatch_lines(["FAILED src/mod.py::mod.f[[]cpu[]] - src/mod.py:5: documented value differs*"])


@rule("testpaths")
def test_testpaths_that_leave_out_docstring_modules_name_them(project):
    ini = 'testpaths = ["tests", "docs"]\narray_examples_doctest_modules = ["src/**/*.py"]\n'
    project.makepyprojecttoml(f'[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\n{ini}')
    write(project, "tests/test_unit.py", "def test_one():\n    pass\n")
    write(project, "src/pkg/__init__.py", '"""A package.\n\n>>> 1 + 1\n2\n"""\n')
    result = project.runpytest()
    result.assert_outcomes(passed=1, warnings=1)
    assert "leaves out 1 of 1 example files, which will not run: add 'src' to testpaths" in result.stdout.str()


# Markdown blocks a page marks as illustrations


@rule("skipped blocks")
@pytest.mark.parametrize("mark", ["<!--pytest.mark.skip-->", "<!--pytest-codeblocks:skip-->"])
def test_a_block_marked_skip_is_skipped_and_left_alone_by_the_update(project, mark):
    project.makepyprojecttoml('[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\nfilterwarnings = ["error"]\n')
    page = f"{mark}\n```python\nimport numpy as np\nnp.arange(2)\n```\n\n{mark}\n```pycon\n>>> 1 + 1\n3\n```\n"
    write(project, "docs/page.md", page)
    result = project.runpytest("--update-expected", "-rs")
    result.assert_outcomes(skipped=2)
    result.stdout.fnmatch_lines(["*docs/page.md:*<!--pytest.mark.skip--> above the block*"])
    assert (project.path / "docs" / "page.md").read_text() == page


@rule("prompts in a python block")
def test_a_python_block_with_prompts_after_its_first_line_says_what_to_write(project):
    write(project, "docs/page.md", "```python\n# Two ones\n>>> import numpy as np\n>>> np.ones(2)\narray([1., 1.])\n```\n")
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*not valid Python: *use a `pycon` block, or start the block with `>>>`*"])


# The verified file, in a project of `>>>` examples


@rule("verified file")
def test_the_verified_file_is_written_for_any_kind_of_example_in_any_folder(project):
    ini = 'array_examples_doctest_files = ["guide/*.rst"]\narray_examples_verified_file = "guide/verified.md"\n'
    project.makepyprojecttoml(f'[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\n{ini}')
    write(project, "guide/a.rst", ">>> import numpy as np\n>>> np.arange(2)\narray([0, 9])\n")
    write(project, "guide/b.rst", ">>> 1 + 1\n2\n")
    verified = project.path / "guide" / "verified.md"
    project.runpytest("--update-expected", "guide/a.rst").assert_outcomes(passed=1)
    assert not verified.exists()  # a run over one of the two files verifies no page
    project.runpytest("--update-expected").assert_outcomes(passed=2)
    text = verified.read_text()
    assert "CPU examples on the CPU with torch 2." in text and ", NumPy 2." in text
    # Nothing this project does not have: no GPU examples, no sections for another NumPy line.
    assert "GPU" not in text and "NumPy line" not in text


@rule("helper modules")
def test_a_page_or_text_file_imports_a_helper_beside_it_and_from_pythonpath(project):
    ini = 'pythonpath = ["tools"]\narray_examples_doctest_files = ["docs/*.rst"]\n'
    project.makepyprojecttoml(f'[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\n{ini}')
    write(project, "docs/helpers.py", "def make_data():\n    return [1, 2]\n")
    write(project, "tools/tooling.py", "VALUE = 3\n")
    session = ">>> from helpers import make_data\n>>> make_data()\n[1, 2]\n>>> import tooling\n>>> tooling.VALUE\n3\n"
    write(project, "docs/guide.rst", session)
    write(project, "docs/page.md", f"```pycon\n{session}```\n\n```python\nfrom tooling import VALUE\nVALUE\n#> 3\n```\n")
    project.runpytest().assert_outcomes(passed=3)
