"""Docs written for NumPy 1: the option that declares NumPy's legacy print mode (`array_examples_legacy_print`,
`--array-legacy-print`), and what a stale output's failure says to write instead.

Each case runs in the three forms an example takes: a `#>` snippet, a `pycon` block of a Markdown page and
a module's docstring.
"""

from pathlib import Path

import numpy as np
import pytest
from projects import write
from rules import rule

from array_examples import legacy
from array_examples.snippets import Example

KINDS = ["snippet", "markdown", "docstring"]
# A NumPy 1.25 session: scalars print bare, as the docs of most projects still show them.
NUMPY_1 = [
    ("np.float64(0.5)", "0.5"),
    ("np.bool_(True)", "True"),
    ("(np.int64(1), np.float64(2.5))", "(1, 2.5)"),
    ("np.float32(1) / 4", "0.25"),
    ("np.arange(3, dtype=np.int32)", "array([0, 1, 2], dtype=int32)"),
]


def make(project, kind: str, pairs: list[tuple[str, str | None]], option: str | None = None) -> None:
    """A project with one example of `kind` holding each (statement, documented output or None) after
    `import numpy as np`, and the ini option array_examples_legacy_print set to `option` (unset for None)."""
    ini = '[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\narray_examples_doctest_modules = ["src/*.py"]\n'
    project.makepyprojecttoml(ini + (f'array_examples_legacy_print = "{option}"\n' if option is not None else ""))
    pairs = [("import numpy as np", None), *pairs]
    if kind == "snippet":
        write(project, "snippets/a.py", "".join(f"{code}\n" + (f"#> {out}\n" if out else "") for code, out in pairs))
        return
    session = "".join(f">>> {code}\n" + (f"{out}\n" if out else "") for code, out in pairs)
    if kind == "markdown":
        write(project, "docs/page.md", f"# Page\n\n```pycon\n{session}```\n")
    else:
        indented = "".join(f"    {line}\n" for line in session.splitlines())
        write(project, "src/mod.py", f'def f():\n    """Doc.\n\n{indented}    """\n')


def example_path(project, kind: str):
    return project.path / {"snippet": "snippets/a.py", "markdown": "docs/page.md", "docstring": "src/mod.py"}[kind]


@rule("legacy print mode")
@pytest.mark.parametrize("kind", KINDS)
def test_numpy_1_reprs_pass_under_the_option(project, kind):
    make(project, kind, NUMPY_1, option="1.25")
    result = project.runpytest()
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["examples verified with *, NumPy * (legacy print mode 1.25), *"])


@rule("legacy print mode")
def test_the_verified_file_names_the_mode(project):
    make(project, "snippet", [("np.float64(0.5)", "0")], option="1.25")
    pyproject = project.path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + '\narray_examples_verified_file = "snippets/verified.md"\n')
    project.runpytest("--update-expected").assert_outcomes(passed=1)
    verified = (project.path / "snippets" / "verified.md").read_text()
    assert f"NumPy {np.__version__} (legacy print mode 1.25) and Python" in verified


@rule("legacy print mode")
def test_numpy_2_reprs_pass_under_the_option_too(project):
    numpy_2 = [("np.float64(0.5)", "np.float64(0.5)"), ("np.bool_(True)", "np.True_"), ("(np.int64(1),)", "(np.int64(1),)")]
    make(project, "snippet", numpy_2, option="1.25")
    project.runpytest().assert_outcomes(passed=1)


@rule("legacy print mode")
def test_a_numpy_scalar_printed_as_a_literal_keeps_its_digits_rule(project):
    # np.float64(-9.914949590828147), as scipy.optimize.minimize_scalar's docstring rounds it: its NumPy 2 repr
    # passes to half a unit of the last digit written, and so does NumPy 1's bare literal; a Python float's
    # literal still claims its value exactly, and a digit off still fails.
    value = "np.float64(-9.914949590828147)"
    make(project, "snippet", [(value, "np.float64(-9.9149495908)"), (value, "-9.9149495908")], option="1.25")
    project.runpytest().assert_outcomes(passed=1)
    for wrong in [(value, "-9.9149495909"), ("float(" + value + ")", "-9.9149495908")]:
        make(project, "snippet", [wrong], option="1.25")
        project.runpytest().assert_outcomes(failed=1)


@rule("stale outputs say what to write")
@pytest.mark.parametrize("kind", KINDS)
def test_numpy_1_reprs_fail_without_it_saying_what_to_write(project, kind):
    make(project, kind, NUMPY_1)
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    # The failures, without the short summary, which repeats them in full under CI (CI=true).
    output = result.stdout.str().split("short test summary info")[0]
    for real in ["np.float64(0.5)", "np.True_", "(np.int64(1), np.float64(2.5))", "np.float32(0.25)"]:
        assert f"written as NumPy 1 printed it: NumPy {np.__version__} prints {real}; write that, or declare" in output
    assert output.count('with the ini option array_examples_legacy_print = "1.25"') == 4
    assert "array([0, 1, 2], dtype=int32)" not in output  # the array's repr is the same under both: it passed


# A wrong claim, each under the option: (statement, NumPy 1's repr with one claim changed).
WRONG_UNDER_THE_OPTION = {
    "value": ("np.float64(0.5)", "0.25"),
    "bool": ("np.bool_(True)", "False"),
    "kind": ("np.float64(1.0)", "1"),
    "tuple length": ("(np.int64(1), np.float64(2.5))", "(1,)"),
    "tuple item": ("(np.int64(1), np.float64(2.5))", "(1, 3.5)"),
    "dtype": ("np.arange(2, dtype=np.int32)", "array([0, 1])"),
    "shape": ("np.zeros(2)", "array([0., 0., 0.])"),
    "list for an array": ("np.array([1.0, 2.0])", "[1.0, 2.0]"),
    "a scalar type written as NumPy 2 writes it": ("np.float32(0.25)", "np.float64(0.25)"),
}


@rule("legacy print mode")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", WRONG_UNDER_THE_OPTION)
def test_wrong_values_fail_under_the_option(project, kind, case):
    make(project, kind, [WRONG_UNDER_THE_OPTION[case]], option="1.25")
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    assert "documented value differs" in result.stdout.str()
    assert "written as NumPy 1 printed it" not in result.stdout.str()


@rule("legacy print mode")
def test_the_command_line_overrides_the_ini_option(project):
    make(project, "snippet", NUMPY_1, option="1.25")
    project.runpytest("--array-legacy-print=false").assert_outcomes(failed=1)
    make(project, "snippet", NUMPY_1)
    project.runpytest("--array-legacy-print", "1.25").assert_outcomes(passed=1)
    make(project, "snippet", NUMPY_1, option="false")
    project.runpytest().assert_outcomes(failed=1)


@rule("legacy print mode")
def test_each_example_starts_in_the_declared_mode(project):
    # The first section turns the mode off for itself; the second still runs under it.
    make(project, "snippet", [])
    sections = [
        ("first", "np.set_printoptions(legacy=False)\nnp.float64(0.5)\n#> np.float64(0.5)\n"),
        ("second", "np.float64(0.5)\n#> 0.5\n"),
    ]
    text = "".join(f"# --8<-- [start:{name}]\nimport numpy as np\n\n{body}# --8<-- [end:{name}]\n" for name, body in sections)
    write(project, "snippets/a.py", text)
    project.runpytest("--array-legacy-print=1.25").assert_outcomes(passed=2)


@rule("legacy print mode")
@pytest.mark.parametrize(
    "arguments, ini, said",
    [
        pytest.param(
            [], "2.3", f"array_examples_legacy_print = '2.3': NumPy {np.__version__} has no such legacy print mode", id="ini"
        ),
        pytest.param(
            ["--array-legacy-print=yes"], None, f"--array-legacy-print = 'yes': NumPy {np.__version__} has no", id="flag"
        ),
        pytest.param(
            ["--array-legacy-print=1.26"],
            "1.25",
            f"--array-legacy-print = '1.26': NumPy {np.__version__} has no",
            id="flag over ini",
        ),
    ],
)
def test_a_mode_numpy_lacks_is_a_usage_error_naming_the_option(project, arguments, ini, said):
    make(project, "snippet", NUMPY_1, option=ini)
    result = project.runpytest(*arguments)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*{said}*only be '1.13', '1.21', '1.25', '2.1', '2.2' or `False`*"])


@rule("legacy print mode")
def test_a_zygote_given_a_mode_numpy_lacks_fails_each_example_saying_so(zygote, monkeypatch):
    # The plugin checks its option; a program that drives the Zygote itself (the corpus runner) gets a failure.
    monkeypatch.setattr(zygote, "legacy_print", "2.3")
    problems = zygote.run(Example("example.py", None, 1, ["import numpy as np", "np.float64(0.5)", "#> 0.5"]))["problems"]
    assert problems == [
        f"example.py:1: legacy_print = '2.3': NumPy {np.__version__} has no such legacy print mode: "
        "legacy printing option can currently only be '1.13', '1.21', '1.25', '2.1', '2.2' or `False`"
    ]


@rule("legacy print mode")
def test_on_numpy_1_the_numpy_1_mode_is_off_and_others_are_refused(monkeypatch):
    # NumPy 1.26 has no "1.25" and warns as NumPy 2.4 does for "2.3"; its scalars print as NumPy 1.25's did.
    monkeypatch.setattr(legacy, "numpy_major", lambda: 1)
    with pytest.raises(ValueError, match=r"NumPy before 2\.0 prints scalars as NumPy 1\.25 did: \"1\.25\" is accepted there"):
        legacy.check("2.3", "array_examples_legacy_print")
    # "1.25" is how NumPy 1 prints already: the mode is off there, so one configuration serves NumPy 1 and 2.
    assert legacy.option_value("1.25") is None
    assert legacy.option_value(1.25) is None
    assert legacy.option_value("1.21") == "1.21"
    legacy.check("1.21", "array_examples_legacy_print")  # a mode NumPy has passes, and leaves nothing set
    assert legacy.np.get_printoptions()["legacy"] is False


@rule("legacy print mode")
@pytest.mark.parametrize("kind", KINDS)
def test_an_update_under_the_option_writes_numpy_1_reprs(project, kind):
    statements = [(code, "0") for code, _ in NUMPY_1]  # wrong outputs, rewritten by the update
    make(project, kind, statements, option="1.25")
    project.runpytest("--update-expected").assert_outcomes(passed=1)
    text = example_path(project, kind).read_text()
    for code, out in NUMPY_1:
        assert f"{code}\n{'#> ' if kind == 'snippet' else '    ' if kind == 'docstring' else ''}{out}\n" in text
    project.runpytest().assert_outcomes(passed=1)  # what the update wrote passes under the option
    project.runpytest("--array-legacy-print=false").assert_outcomes(failed=1)


# Stale outputs other than NumPy 1's scalars, without the option: (statement, stale output, the real line to write).
STALE = {
    "a value that changed": ("np.float64(0.5)", "np.float64(0.25)", "np.float64(0.5)"),
    "round-off noise in the last digit": ("np.float64(0.3)", "np.float64(0.30000000000000004)", "np.float64(0.3)"),
    "a list for an array": ("np.array([1.0, 2.0])", "[1.0, 2.0]", "array([1., 2.])"),
    "a NumPy 1 repr whose value changed": ("np.float64(0.5)", "0.25", "np.float64(0.5)"),
}


@rule("stale outputs say what to write")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", STALE)
def test_stale_outputs_fail_showing_the_real_line(project, kind, case):
    code, stale, real = STALE[case]
    make(project, kind, [(code, stale)])
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*documented value differs*", f"    -{stale}", f"    +{real}"])
    assert "written as NumPy 1 printed it" not in result.stdout.str()  # the option would not make it pass


@rule("stale outputs say what to write")
def test_the_reference_page_shows_the_failure_as_a_run_prints_it(project):
    page = (Path(__file__).resolve().parent.parent / "docs" / "test-your-docs.md").read_text(encoding="utf-8")
    shown = page.split("Without the option, a NumPy 1 scalar repr fails", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    make(project, "docstring", [])
    (project.path / "src" / "mod.py").unlink()
    module = '"""The mean of `values`.\n\n    >>> mean([0.25, 0.5])\n    0.375\n    """\n    return np.mean(values)\n'
    write(project, "src/stats.py", f"import numpy as np\n\n\ndef mean(values):\n    {module}")
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    assert shown in result.stdout.str()


@rule("legacy print mode")
def test_a_repr_compared_as_text_is_numpy_1s_under_the_option(project):
    counter = "collections.Counter(np.array([7, 7]))"  # its repr is compared as text
    make(project, "snippet", [("import collections", None), (counter, "Counter({7: 2})")], option="1.25")
    project.runpytest().assert_outcomes(passed=1)
    make(project, "snippet", [("import collections", None), (counter, "Counter({np.int64(7): 2})")], option="1.25")
    project.runpytest().assert_outcomes(failed=1)
    # A masked array is read by meaning: its fill value in either print mode's repr, a wrong one fails.
    masked = "np.ma.masked_array([1, 2], dtype=np.int32)"
    text = "masked_array(data=[1, 2], mask=False, fill_value={}, dtype=int32)"
    make(project, "snippet", [(masked, text.format("999999")), (masked, text.format("np.int64(999999)"))], option="1.25")
    project.runpytest().assert_outcomes(passed=1)
    make(project, "snippet", [(masked, text.format("np.int64(999998)"))], option="1.25")
    project.runpytest().assert_outcomes(failed=1)


@rule("dicts")
def test_a_dict_of_numpy_1_scalars_passes_under_the_option_and_says_what_to_write_without(project):
    make(project, "markdown", [("{'a': np.float64(1.0)}", "{'a': 1.0}")], option="1.25")
    project.runpytest().assert_outcomes(passed=1)
    make(project, "markdown", [("{'a': np.float64(1.0)}", "{'a': 1.0}")])
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*written as NumPy 1 printed it: NumPy * prints {'a': np.float64(1.0)}; write that*"])
