"""`>>>` sessions (doctest's format): docstrings, pycon and `>>>` python blocks, text files; doctest's conventions.

Each test makes a small project (pytester), runs the installed plugin on it in this process (conftest's `project`:
the runs share one zygote, and each example still runs in a child forked from it) and reads which examples passed
and what a failure says: the original file and line, and the field that differs.
"""

import os
import re
import textwrap
from pathlib import Path

import numpy as np
import pytest
from rules import rule

from array_examples.sessions import read_session
from array_examples.snippets import SnippetError

pytest_plugins = ["pytester"]


def write(pytester, relative: str, text: str, newline: str = "\n") -> None:
    path = pytester.path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", newline).encode())


def outcomes(result) -> dict[str, str]:
    """Node id -> PASSED, FAILED, ERROR or SKIPPED, from the short summary of a run with -rA."""
    found = {}
    for line in result.stdout.lines:
        match = re.match(r"(PASSED|FAILED|ERROR|SKIPPED) (\S+)", line)
        if match:
            found[match[2]] = match[1]
    return found


def test_the_shared_zygote_runs_in_an_empty_folder_of_its_own(kept_zygote):
    """The runs of these tests share a zygote (conftest's `project`): started by one test's run, it kept that
    project's folder first on sys.path, so that a later test's example imported a module only that folder had."""
    folder = Path(os.readlink(f"/proc/{kept_zygote.process.pid}/cwd"))
    assert folder.name.startswith("kept_zygote") and not any(folder.iterdir())


def run(pytester, *args):
    return pytester.runpytest("-rA", *args)


def failures(result) -> str:
    """The run's failure reports, without its short summary: under CI (CI=true) pytest prints every failure's whole
    message there again."""
    return result.stdout.str().split("short test summary info")[0]


CONVENTIONS = '''\
"""Each function's docstring is one example, run in a copy of this module's globals."""

import numpy as np


def right_values():
    """
    >>> np.arange(3)
    array([0, 1, 2])
    >>> np.array([1.5, 2.0], dtype=np.float32) * 2
    array([3., 4.], dtype=float32)
    >>> np.log(0)  # a RuntimeWarning: doctest shows none, so none is compared
    np.float64(-inf)
    """


def wrong_dtype():
    """
    >>> np.arange(3, dtype=np.int32)
    array([0, 1, 2])
    """


def wrong_shape():
    """
    >>> np.zeros((2, 1))
    array([[0., 0.]])
    """


def wrong_value():
    """
    >>> np.arange(3) * 2
    array([0, 2, 5])
    """


def module_globals():
    """
    >>> right_values.__name__
    'right_values'
    """


def skip():
    """
    >>> 1 / 0  # doctest: +SKIP
    3
    >>> print("ran")
    ran
    """


def ellipsis():
    """
    >>> print("first line of a long report")  # doctest: +ELLIPSIS
    first ... report
    >>> object()
    <object object at 0x...>
    """


def ellipsis_that_does_not_match():
    """
    >>> print("first line of a long report")  # doctest: +ELLIPSIS
    second ... report
    """


def may_vary():
    """
    >>> np.random.default_rng().random(2)  # may vary
    array([0.1, 0.2])
    >>> np.random.default_rng().integers(10, size=2)
    array([3, 7])  # random
    """


def may_vary_still_runs():
    """
    >>> 1 / 0  # may vary
    3
    """


def blank_line_ends_the_output():
    """
    >>> print("done")
    done

    This sentence is prose, not output.
    """


def blankline():
    """
    >>> print("a\\n\\nb")
    a
    <BLANKLINE>
    b
    """


def blankline_left_out():
    """
    >>> print("a\\n\\nb")
    a
    b
    """


def traceback():
    """
    >>> np.zeros(3).reshape(2, 2)
    Traceback (most recent call last):
      File "<stdin>", line 1, in <module>
    ValueError: cannot reshape array of size 3 into shape (2,2)
    >>> np.ones(2)[5]
    Traceback (most recent call last):
        ...
    IndexError: index 5 is out of bounds for axis 0 with size 2
    >>> np.ones(2).sum(axis=3)
    Traceback (most recent call last):
        ...
    numpy.exceptions.AxisError: axis 3 is out of bounds for array of dimension 1
    >>> raise ValueError("a message\\nover two lines")
    Traceback (most recent call last):
        ...
    ValueError: a message
    over two lines
    """


def traceback_wrong_message():
    """
    >>> np.zeros(3).reshape(2, 2)
    Traceback (most recent call last):
        ...
    ValueError: cannot reshape array of size 4 into shape (2,2)
    """


def traceback_wrong_type():
    """
    >>> np.ones(2)[5]
    Traceback (most recent call last):
        ...
    KeyError: index 5 is out of bounds for axis 0 with size 2
    """


def normalize_whitespace():
    """
    >>> print("1 2 3")  # doctest: +NORMALIZE_WHITESPACE
    1
    2 3
    """


def whitespace_without_the_option():
    """
    >>> print("1 2 3")
    1
    2 3
    """


def whitespace_within_a_line():
    """
    >>> print("1  2   3")
    1 2 3
    """


def compound_statement():
    """
    >>> for value in np.arange(2):
    ...     print(value)
    ...
    0
    1
    """
'''

EXPECTED = {
    "right_values": "PASSED",
    "wrong_dtype": "FAILED",
    "wrong_shape": "FAILED",
    "wrong_value": "FAILED",
    "module_globals": "PASSED",
    "skip": "PASSED",
    "ellipsis": "PASSED",
    "ellipsis_that_does_not_match": "FAILED",
    "may_vary": "PASSED",
    "may_vary_still_runs": "FAILED",
    "blank_line_ends_the_output": "PASSED",
    "blankline": "PASSED",
    "blankline_left_out": "FAILED",
    "traceback": "PASSED",
    "traceback_wrong_message": "FAILED",
    "traceback_wrong_type": "FAILED",
    "normalize_whitespace": "PASSED",
    "whitespace_without_the_option": "FAILED",
    "whitespace_within_a_line": "PASSED",
    "compound_statement": "PASSED",
}


def line_of(text: str, needle: str, after: str = "") -> int:
    """The 1-based line of the first `needle` after the first `after` in `text`."""
    start = text.index(after)
    return text.count("\n", 0, text.index(needle, start)) + 1


def test_doctest_conventions_in_docstrings_keep_their_meaning(project):
    write(project, "pkg/__init__.py", "")
    write(project, "pkg/conventions.py", CONVENTIONS)
    result = run(project, "--array-doctest-modules", "pkg")
    found = {
        nodeid.split("::")[1].removeprefix("pkg.conventions.").removesuffix("[cpu]"): outcome
        for nodeid, outcome in outcomes(result).items()
    }
    assert found == EXPECTED
    out = result.stdout.str()
    # A wrong output names the field and the file's own line.
    for name, needle, field in [
        ("wrong_dtype", "    array([0, 1, 2])", "dtype: documented int64 (implied: the repr shows no dtype=), actual int32"),
        ("wrong_shape", "    array([[0., 0.]])", "shape: documented (1, 2), actual (2, 1)"),
        ("wrong_value", "    array([0, 2, 5])", "value at index [2]: documented 5, actual 4"),
    ]:
        line = line_of(CONVENTIONS, needle, f"def {name}")
        assert f"pkg/conventions.py:{line}: documented value differs" in out
        assert field in out, field
    line = line_of(CONVENTIONS, "    second ... report", "def ellipsis_that")
    assert f"pkg/conventions.py:{line}: printed text differs" in out
    assert "as text under doctest's ELLIPSIS it differs too" in out
    assert f"pkg/conventions.py:{line_of(CONVENTIONS, '>>> 1 / 0', 'def may_vary_still')}: unexpected exception" in out
    assert f"pkg/conventions.py:{line_of(CONVENTIONS, '    Traceback', 'def traceback_wrong')}: exception message differs" in out
    assert "exception type: documented KeyError, actual IndexError" in out


def test_a_requirement_is_an_input_of_its_own(project):
    write(project, "docs/page.md", "```pycon\n>>> # requires: cuda\n>>> import torch\n>>> torch.ones(1, device='cuda')\n```\n")
    result = run(project, "--devices", "cpu")
    assert result.parseoutcomes() == {"skipped": 1}
    result.stdout.fnmatch_lines(["SKIPPED [[]1[]] docs/page.md:2: --devices cpu leaves out cuda examples"])


def test_ellipsis_is_on_as_under_pytest_and_doctest_optionflags_turn_it_off(project):
    text = '"""\n>>> print("first line of a long report")\nfirst ... report\n"""\n'
    write(project, "mod.py", text)
    assert run(project, "--array-doctest-modules", "mod.py").parseoutcomes() == {"passed": 1}
    project.makepyprojecttoml(
        '[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\ndoctest_optionflags = ["NUMBER", "NORMALIZE_WHITESPACE"]\n'
    )
    result = run(project, "--array-doctest-modules", "mod.py")
    result.stdout.fnmatch_lines(["mod.py:3: printed text differs, under `print('first line of a long report')`"])
    assert result.parseoutcomes() == {"failed": 1}


def test_number_compares_floats_to_the_precision_written_as_pytest_does(project):
    """pytest's NUMBER option: a float passes when it equals the value to the precision written (pytest's own
    rule: within one unit of its last decimal); without the option a Python float is compared in full."""
    page = "```pycon\n>>> [2 / 3, 0.1 + 0.2]  # doctest: +NUMBER\n[0.667, 0.3]\n```\n\n"
    write(project, "docs/right.md", page)
    write(project, "docs/wrong.md", page.replace("0.667", "0.5"))
    write(project, "docs/plain.md", page.replace("  # doctest: +NUMBER", ""))
    assert outcomes(run(project, "docs")) == {
        "docs/plain.md::line-2[cpu]": "FAILED",
        "docs/right.md::line-2[cpu]": "PASSED",
        "docs/wrong.md::line-2[cpu]": "FAILED",
    }


def test_a_prompt_indented_with_a_tab_is_read_as_doctest_reads_it(project):
    """doctest reads a tab as spaces to the next multiple of 8: a tab-indented example runs (it was skipped),
    and the update writes its output under it, keeping the tab."""
    project.makepyprojecttoml(
        '[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\narray_examples_doctest_files = ["docs/*.rst"]\n'
    )
    write(project, "docs/tab.rst", "Title\n\n\t>>> 2 + 2\n\t5\n")
    result = run(project, "docs")
    result.stdout.fnmatch_lines(["docs/tab.rst:4: documented value differs, under `2 + 2`"])
    assert result.parseoutcomes() == {"failed": 1}
    assert run(project, "docs", "--update-expected").parseoutcomes() == {"passed": 1}
    assert (project.path / "docs/tab.rst").read_text() == "Title\n\n\t>>> 2 + 2\n\t4\n"


ASSIGNED_DOCSTRINGS = '''\
_DOC = """Shared.

>>> 2 + 2
5
"""


def assigned():
    pass


assigned.__doc__ = """
>>> 1 + 1
3
"""


def replaced():
    """
    >>> 1
    1
    """


replaced.__doc__ = _DOC
sharing = lambda: 0
sharing.__doc__ = _DOC


def redefined():
    pass


redefined.__doc__ = """
>>> 7
7
"""


def redefined():
    """
    >>> 8
    9
    """


def deleted():
    """
    >>> 0
    1
    """


del deleted.__doc__


class Table:
    def column(self):
        pass

    column.__doc__ = """
    >>> 3
    4
    """
'''


def test_a_docstring_assigned_after_its_definition_is_the_one_run_as_doctest_runs_it(project):
    """doctest reads `__doc__` as the module leaves it: the file is read in the order it runs, and one docstring
    given to two names is run once (the update would rewrite its lines twice)."""
    write(project, "mod.py", ASSIGNED_DOCSTRINGS)
    result = run(project, "--array-doctest-modules", "-W", "error", "mod.py")
    assert outcomes(result) == {
        "mod.py::mod.Table.column[cpu]": "FAILED",
        "mod.py::mod.assigned[cpu]": "FAILED",
        "mod.py::mod.redefined[cpu]": "FAILED",
        "mod.py::mod.replaced[cpu]": "FAILED",
    }
    result.stdout.fnmatch_lines(
        ["mod.py:14: documented value differs, under `1 + 1`", "mod.py:4: documented value differs, under `2 + 2`"]
    )
    assert "under `8`" in result.stdout.str() and "under `7`" not in result.stdout.str()


@pytest.mark.parametrize(
    "assignment",
    [
        'f.__doc__ = f">>> {2} + 2\\n5\\n"',
        'f.__doc__ += ""',
        'if True:\n    f.__doc__ = ">>> 2 + 2\\n5\\n"',
        "f.__doc__ = f.__doc__.upper()",
        "def wrap(g):\n    def inner():\n        pass\n    inner.__doc__ = g.__doc__\n    return inner",
    ],
)
def test_a_module_that_sets_a_docstring_otherwise_is_run_by_pytests_doctest_as_well(project, assignment):
    """What doctest finds there may only be known by running the module: pytest's doctest runs it too (without a
    warning, which `-W error` would make a collection error), so no example is lost."""
    write(project, "mod.py", f'def f():\n    """\n    >>> 2 + 2\n    5\n    """\n\n\n{assignment}\n')
    result = run(project, "--doctest-modules", "--array-doctest-modules", "-W", "error", "mod.py")
    assert "FAILED mod.py::mod.f\n" in result.stdout.str() + "\n" or "FAILED mod.py::mod.f -" in result.stdout.str()
    assert "warning" not in result.stdout.lines[-1]


def test_docstrings_run_only_when_asked(project):
    write(project, "mod.py", '"""\n>>> 1 + 1\n3\n"""\n')
    write(project, "other.py", '"""\n>>> 1 + 1\n3\n"""\n')
    assert run(project).parseoutcomes().get("failed") is None
    project.makepyprojecttoml(
        '[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\narray_examples_doctest_modules = ["mod.py"]\n'
    )
    result = run(project)
    assert outcomes(result) == {"mod.py::mod[cpu]": "FAILED"}
    result.stdout.fnmatch_lines(["mod.py:3: documented value differs, under `1 + 1`"])


def test_pycon_blocks_and_prompts_in_python_blocks_run_in_markdown(project):
    page = textwrap.dedent(
        """\
        # Page

        ```pycon
        >>> import numpy as np
        >>> np.zeros(2)
        array([0., 0.])
        ```

        ```python
        >>> import numpy as np
        >>> np.zeros(2, dtype=np.float32)
        array([0., 0.])
        ```

        - In a list:

            ```python
            >>> 1 + 1
            2
            ```
        """
    )
    write(project, "docs/page.md", page)
    result = run(project)
    assert outcomes(result) == {
        "docs/page.md::line-4[cpu]": "PASSED",
        "docs/page.md::line-10[cpu]": "FAILED",
        "docs/page.md::line-18[cpu]": "PASSED",
    }
    result.stdout.fnmatch_lines(["docs/page.md:12: documented value differs, under `np.zeros(2, dtype=np.float32)`"])
    assert "not valid Python" not in result.stdout.str()


def test_a_text_file_is_one_session(project):
    project.makepyprojecttoml(
        '[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\narray_examples_doctest_files = ["docs/**/*.rst"]\n'
    )
    guide = textwrap.dedent(
        """\
        Guide
        =====

        .. code-block:: pycon

            >>> import numpy as np
            >>> ones = np.ones(2, dtype=np.int32)

        Later in the page, the same session goes on:

        .. code-block:: pycon

            >>> ones + 1
            array([2, 2])
        """
    )
    write(project, "docs/guide.rst", guide)
    write(project, "docs/notes.txt", ">>> 1 + 1\n3\n")  # not under the patterns
    result = run(project)
    assert outcomes(result) == {"docs/guide.rst::file[cpu]": "FAILED"}
    result.stdout.fnmatch_lines(
        ["docs/guide.rst:14: documented value differs, under `ones + 1`", "*dtype: documented int64*, actual int32"]
    )


@rule("update re-check")
@pytest.mark.parametrize(
    "path, text, why",
    [
        pytest.param(
            "mod.py",
            "def f():\n    \"\"\"\n    >>> 'c' + chr(10) + 'd'\n    'wrong'\n    \"\"\"\n",
            "a backslash in a docstring is an escape",
            id="backslash in a docstring",
        ),
        pytest.param(
            "mod.py",
            'def f():\n    """\n    >>> print(\'x\' + chr(34) * 3 + \'y\')\n    wrong\n    """\n',
            "three quotes may end the docstring",
            id="three quotes in a docstring",
        ),
        pytest.param(
            "docs/page.md",
            "```pycon\n>>> print(chr(96) * 3)\nwrong\n```\n",
            "a line that starts with a fence would end the code block",
            id="a fence in a Markdown block",
        ),
        pytest.param(
            "docs/page.md",
            "```pycon\n>>> print('x', chr(10) + '>>> 1 + 1')\nwrong\n>>> y = 5\n```\n",
            "a line that starts with `>>>`, or a first line that starts with `...`, would be read as code",
            id="a prompt in printed text",
        ),
        pytest.param(
            "docs/page.md",
            "```pycon\n>>> print('... cont')\nwrong\n>>> y = 1\n```\n",
            "a line that starts with `>>>`, or a first line that starts with `...`, would be read as code",
            id="a continuation as the first printed line",
        ),
        pytest.param(
            "docs/page.md",
            "```pycon\n>>> print(chr(9) + '>>> 1 + 1')\nwrong\n>>> y = 5\n```\n",
            "a line that starts with `>>>`, or a first line that starts with `...`, would be read as code",
            id="a prompt after a tab in printed text",
        ),
        pytest.param(
            "mod.py",
            'def f():\n    """\n    >>> print(\'>>>x = 1\')\n    wrong\n    """\n',
            "a line that starts with `>>>`, or a first line that starts with `...`, would be read as code",
            id="a prompt with no space in a docstring",
        ),
    ],
)
def test_an_update_never_writes_an_output_that_would_change_the_file_around_it(project, path, text, why):
    write(project, path, text)
    result = run(project, "--array-doctest-modules", "--update-expected", path)
    assert result.parseoutcomes().get("failed") == 1, result.stdout.str()
    result.stdout.fnmatch_lines([f"*--update-expected does not write this output: {why}*"])
    assert (project.path / path).read_text() == text


@rule("update re-check")
def test_an_update_writes_a_backslash_into_a_raw_docstring_and_the_next_run_passes(project):
    text = 'def f():\n    r"""\n    >>> print("a" + chr(92) + "b")\n    wrong\n    """\n'
    write(project, "mod.py", text)
    result = run(project, "--array-doctest-modules", "--update-expected", "mod.py")
    assert result.parseoutcomes().get("passed") == 1, result.stdout.str()
    assert (project.path / "mod.py").read_text() == text.replace("wrong", "a\\b")
    assert run(project, "--array-doctest-modules", "mod.py").parseoutcomes() == {"passed": 1}


@rule("update re-check")
def test_a_printed_line_of_spaces_alone_is_an_empty_line(project):
    """As doctest reads it, and as `#>` alone documents it: the update writes <BLANKLINE> for it."""
    text = "```pycon\n>>> print('x' + chr(10) + '   ' + chr(10) + 'y')\nwrong\n```\n"
    write(project, "docs/page.md", text)
    result = run(project, "--update-expected", "docs/page.md")
    assert result.parseoutcomes().get("passed") == 1, result.stdout.str()
    assert (project.path / "docs/page.md").read_text() == text.replace("wrong", "x\n<BLANKLINE>\ny")
    assert run(project, "docs/page.md").parseoutcomes() == {"passed": 1}


def test_update_rewrites_outputs_in_place_keeping_crlf_and_indentation(project):
    module = textwrap.dedent(
        '''\
        import numpy as np


        class Table:
            def column(self):
                """The first column.

                >>> np.arange(3, dtype=np.int32)
                array([0, 1, 2])
                >>> print("  indented\\nplain")
                >>> np.random.default_rng().random(2)  # may vary
                array([0.1, 0.2])
                >>> print("first line of a long report")
                first ... report
                >>> np.ones(2)[5]
                Traceback (most recent call last):
                    ...
                IndexError: another message
                >>> print("x")
                y
                >>> 7
                """
        '''
    )
    expected = textwrap.dedent(
        '''\
        import numpy as np


        class Table:
            def column(self):
                """The first column.

                >>> np.arange(3, dtype=np.int32)
                array([0, 1, 2], dtype=int32)
                >>> print("  indented\\nplain")
                  indented
                plain
                >>> np.random.default_rng().random(2)  # may vary
                array([0.1, 0.2])
                >>> print("first line of a long report")
                first ... report
                >>> np.ones(2)[5]
                Traceback (most recent call last):
                    ...
                IndexError: index 5 is out of bounds for axis 0 with size 2
                >>> print("x")
                x
                >>> 7
                7
                """
        '''
    )
    write(project, "table.py", module, newline="\r\n")
    result = run(project, "--array-doctest-modules", "--update-expected", "table.py")
    assert result.parseoutcomes() == {"passed": 1}
    result.stdout.fnmatch_lines(["*documented outputs updated*", "table.py"])
    assert (project.path / "table.py").read_bytes() == expected.replace("\n", "\r\n").encode()
    assert run(project, "--array-doctest-modules", "table.py").parseoutcomes() == {"passed": 1}


def test_update_in_markdown_and_text_files(project):
    project.makepyprojecttoml(
        '[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\narray_examples_doctest_files = ["guide.rst"]\n'
    )
    write(project, "docs/page.md", "- Item:\n\n    ```pycon\n    >>> import numpy as np\n    >>> np.arange(2)\n    ```\n")
    write(project, "guide.rst", "Guide::\n\n    >>> [1, 2]\n    [1, 3]\n\nProse.\n")
    run(project, "--update-expected").assert_outcomes(passed=2)
    assert (project.path / "docs/page.md").read_text() == (
        "- Item:\n\n    ```pycon\n    >>> import numpy as np\n    >>> np.arange(2)\n    array([0, 1])\n    ```\n"
    )
    assert (project.path / "guide.rst").read_text() == "Guide::\n\n    >>> [1, 2]\n    [1, 2]\n\nProse.\n"


NUMPY_DOCSTRINGS = ["shares_memory", "errstate", "datetime_as_string", "vander", "atleast_3d", "sort"]


def test_numpy_docstrings_pass_as_numpy_wrote_them(project):
    # Tracebacks (shares_memory, errstate, datetime_as_string), `# may vary` (vander), +SKIP (atleast_3d, sort).
    functions = []
    for name in NUMPY_DOCSTRINGS:
        doc = getattr(np, name).__doc__
        assert '"""' not in doc and "\\" not in doc
        functions.append(f'def {name}():\n    r"""{doc}"""\n')
    write(project, "numpy_docs.py", "import numpy as np\n\n\n" + "\n\n".join(functions))
    result = run(project, "--array-doctest-modules", "numpy_docs.py")
    assert result.parseoutcomes() == {"passed": len(NUMPY_DOCSTRINGS)}
    # The same text with one value changed fails.
    changed = np.vander.__doc__.replace("[  8,   4,   2,   1]", "[  8,   4,   3,   1]", 1)
    assert changed != np.vander.__doc__
    write(project, "numpy_docs.py", f'import numpy as np\n\n\ndef vander():\n    r"""{changed}"""\n')
    result = run(project, "--array-doctest-modules", "numpy_docs.py")
    result.stdout.fnmatch_lines(
        ["*documented value differs, under `np.vander(x)`", "*value at index [[]1, 2[]]: documented 3, actual 2"]
    )


def test_a_prompt_indented_unlike_its_lines_is_refused_as_doctest_refuses_it():
    with pytest.raises(SnippetError, match="a `...` line is indented differently"):
        read_session("f.md", 1, ["  >>> for i in range(2):", "...     print(i)"])
    with pytest.raises(SnippetError, match="an output line is indented less"):
        read_session("f.md", 1, ["    >>> 1", "  1"])
    with pytest.raises(SnippetError, match="unknown doctest directive '\\+ELIPSIS'"):
        read_session("f.md", 1, [">>> 1  # doctest: +ELIPSIS", "1"])


def test_sessions_keep_the_file_lines():
    (first, second) = read_session("f.md", 10, ["Prose", ">>> for i in range(2):", "...     i", "...", "0", "1", "", ">>> 3"])
    assert (first.line, first.end_line, first.code, first.want) == (
        11,
        13,
        ["for i in range(2):", "    i", ""],
        [(14, "0"), (15, "1")],
    )
    assert (second.line, second.want) == (17, [])


def with_ini(pytester, *lines: str) -> None:
    """A pyproject.toml whose pytest section holds these ini lines."""
    pytester.makepyprojecttoml("\n".join(["[tool.pytest.ini_options]", 'addopts = "-p no:cacheprovider"', *lines]) + "\n")


# What a statement of the namespace prints is no input's output.
NAMESPACE_INI = 'array_examples_doctest_namespace = ["import numpy as np", "rng = np.random.default_rng(7)", "print(1)"]'
NO_NP = '"""A module that never imports NumPy, as numpy/_core/einsumfunc.py has no `np`."""\n\n\ndef f():\n    """\n    >>> np.arange(2)\n    array([0, 1])\n    """\n'


@rule("doctest namespace")
def test_the_namespace_option_seeds_every_session(project):
    write(project, "mod.py", NO_NP)
    write(
        project,
        "docs/page.md",
        "```pycon\n>>> rng.integers(10, size=2)  # may vary\narray([1, 2])\n>>> np.ones(1)\narray([1.])\n```\n",
    )
    write(project, "guide.rst", "::\n\n    >>> np.zeros(1)\n    array([0.])\n")
    snippet = "import numpy as np\n\n'np' in dir()\n#> True\n'rng' in dir()\n#> False\n"
    write(project, "snippets/plain.py", snippet)
    # Without the option the docstring fails on its missing name.
    with_ini(project, 'array_examples_doctest_files = ["guide.rst"]')
    result = run(project, "--array-doctest-modules")  # guide.rst not named: pytest's own doctest would collect it too
    failed = dict.fromkeys(["mod.py::mod.f[cpu]", "docs/page.md::line-2[cpu]", "guide.rst::file[cpu]"], "FAILED")
    assert outcomes(result) == {**failed, "snippets/plain.py::file[cpu]": "PASSED"}
    result.stdout.fnmatch_lines(["mod.py:6: unexpected exception, under `np.arange(2)`", "*NameError: name 'np' is not defined"])
    # With it, docstrings, Markdown and text files start from it; a `#>` snippet is a script and does not.
    with_ini(project, 'array_examples_doctest_files = ["guide.rst"]', NAMESPACE_INI)
    result = run(project, "--array-doctest-modules")
    assert result.parseoutcomes() == {"passed": 4}, result.stdout.str()
    # A wrong output under the namespace still fails.
    write(project, "mod.py", NO_NP.replace("array([0, 1])", "array([0, 2])"))
    result = run(project, "--array-doctest-modules", "mod.py")
    result.stdout.fnmatch_lines(["mod.py:7: documented value differs, under `np.arange(2)`"])


@rule("doctest namespace")
def test_a_bad_namespace_statement_is_an_error_naming_the_option_and_line(project):
    write(project, "mod.py", NO_NP)
    with_ini(project, 'array_examples_doctest_namespace = ["import numpy as np", "from numpy import (arange"]')
    result = run(project, "--array-doctest-modules", "mod.py")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*array_examples_doctest_namespace line 2, `from numpy import (arange`: not valid Python*"])
    with_ini(project, 'array_examples_doctest_namespace = ["import numpy as np", "import nump as np2"]')
    result = run(project, "--array-doctest-modules", "mod.py")
    assert result.parseoutcomes() == {"failed": 1}
    result.stdout.fnmatch_lines(
        [
            "mod.py:5: setup failed: array_examples_doctest_namespace line 2, `import nump as np2`: ModuleNotFoundError: No module named 'nump'"
        ]
    )


IGNORE_DETAIL = '''\
def promotion():
    """
    >>> import numpy as np
    >>> np.result_type(np.dtype("M8[s]"), np.complex128)  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
     ...
    DTypePromotionError: The DType <class 'numpy.dtype[datetime64]'> could not be promoted by <class 'numpy.dtype[complex128]'>.
    >>> np.ones(2)[5]  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
     ...
    somewhere.else.IndexError: another message
    """


def other_type():
    """
    >>> import numpy as np
    >>> np.ones(2)[5]  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
     ...
    KeyError: index 5 is out of bounds for axis 0 with size 2
    """


def without_the_flag():
    """
    >>> import numpy as np
    >>> np.ones(2)[5]
    Traceback (most recent call last):
     ...
    IndexError: another message
    """
'''


@rule("ignore exception detail")
def test_ignore_exception_detail_compares_the_type_alone(project):
    write(project, "mod.py", IGNORE_DETAIL)
    result = run(project, "--array-doctest-modules", "mod.py")
    expected = {"promotion": "PASSED", "other_type": "FAILED", "without_the_flag": "FAILED"}
    assert {nodeid.split("::")[1][4:-5]: outcome for nodeid, outcome in outcomes(result).items()} == expected
    result.stdout.fnmatch_lines(
        [
            f"mod.py:{line_of(IGNORE_DETAIL, '    Traceback', 'def other_type')}: exception type differs*",
            "*exception type: documented KeyError, actual IndexError (under IGNORE_EXCEPTION_DETAIL only the type is compared)",
        ]
    )
    result.stdout.fnmatch_lines(
        [f"mod.py:{line_of(IGNORE_DETAIL, '    Traceback', 'def without_the')}: exception message differs*"]
    )
    # pytest's ini option doctest_optionflags turns it on for every session.
    write(project, "mod.py", IGNORE_DETAIL.replace("  # doctest: +IGNORE_EXCEPTION_DETAIL", ""))
    with_ini(project, 'doctest_optionflags = ["ELLIPSIS", "IGNORE_EXCEPTION_DETAIL"]')
    result = run(project, "--array-doctest-modules", "mod.py")
    expected = {"promotion": "PASSED", "other_type": "FAILED", "without_the_flag": "PASSED"}
    assert {nodeid.split("::")[1][4:-5]: outcome for nodeid, outcome in outcomes(result).items()} == expected


GOES_ON = '''\
def report():
    """
    >>> print("a"); print("b")
    a
    >>> import a_module_nobody_installed
    >>> 1 + 1
    3
    >>> a_module_nobody_installed.version
    '1.0'
    >>> print("after")
    after
    >>> 2 + 2
    4
    """
'''


@rule("exceptions in a session")
def test_a_session_goes_on_after_an_undocumented_exception_and_reports_every_failure_in_order(project):
    write(project, "mod.py", GOES_ON)
    result = run(project, "--array-doctest-modules", "mod.py")
    assert result.parseoutcomes() == {"failed": 1}
    failure = failures(result)
    heads = re.findall(r"^mod\.py:(\d+): ([^,\n]+)", failure, flags=re.M)
    assert heads == [
        ("4", "printed text differs"),
        (str(line_of(GOES_ON, ">>> import a_module")), "unexpected exception"),
        (str(line_of(GOES_ON, "    3")), "documented value differs"),
        (str(line_of(GOES_ON, ">>> a_module_nobody_installed.version")), "unexpected exception"),
    ]
    assert "ModuleNotFoundError: No module named 'a_module_nobody_installed'" in failure
    assert "NameError: name 'a_module_nobody_installed' is not defined" in failure
    # A `#>` snippet is a script: it stops at the first undocumented exception.
    write(project, "snippets/script.py", "import a_module_nobody_installed\n\n1 + 1\n#> 3\n")
    result = run(project, "snippets/script.py")
    result.stdout.fnmatch_lines(["snippets/script.py:1: unexpected exception, under `import a_module_nobody_installed`"])
    assert "documented value differs" not in result.stdout.str()


@rule("exceptions in a session")
def test_an_update_leaves_a_session_as_written_from_an_undocumented_exception_on(project):
    write(project, "mod.py", GOES_ON)
    result = run(project, "--array-doctest-modules", "--update-expected", "mod.py")
    assert result.parseoutcomes() == {"failed": 1}
    # The output above the exception is rewritten (one line longer); nothing from the exception on changes.
    assert (project.path / "mod.py").read_text() == GOES_ON.replace("    a\n", "    a\n    b\n")
    out = failures(result)
    assert "documented outputs updated" in result.stdout.str()
    heads = re.findall(r"^mod\.py:(\d+): ([^,\n]+)", out, flags=re.M)
    shifted = [
        line_of(GOES_ON, needle) + 1 for needle in (">>> import a_module", "    3", ">>> a_module_nobody_installed.version")
    ]
    assert heads == list(zip(map(str, shifted), ["unexpected exception", "documented value differs", "unexpected exception"]))
    assert "--update-expected leaves this output and every one after it in the session as written" in out
    # The next run reports the same, at the same lines.
    result = run(project, "--array-doctest-modules", "mod.py")
    assert re.findall(r"^mod\.py:(\d+): ([^,\n]+)", failures(result), flags=re.M) == heads


@rule("summary")
def test_an_ellipsis_that_doctest_reads_as_a_wildcard_passes_and_a_wrong_value_beside_it_fails(project):
    # In a `>>>` session `...` is doctest's wildcard too (ELLIPSIS, on by default): `array([0, 1, ...])` for
    # np.arange(3) is elided output, as NumPy's docstrings write it (19 of them in the corpus); a wrong value
    # beside it still fails, by meaning and as text.
    page = (
        "```pycon\n>>> import numpy as np\n>>> np.arange(3)\narray([0, 1, ...])\n```\n\n"
        "```pycon\n>>> import numpy as np\n>>> np.arange(3)\narray([0, 7, ...])\n```\n\n"
        '```pycon\n>>> print("first line of a long report")\nfirst ... report\n```\n'
    )
    write(project, "docs/page.md", page)
    result = run(project)
    assert outcomes(result) == {
        "docs/page.md::line-2[cpu]": "PASSED",
        "docs/page.md::line-8[cpu]": "FAILED",
        "docs/page.md::line-14[cpu]": "PASSED",
    }, result.stdout.str()
    result.stdout.fnmatch_lines(["docs/page.md:10: documented value differs, under `np.arange(3)`"])
