"""What the installed plugin collects: defaults with no configuration, ini options, each file once."""

import pytest

pytest_plugins = ["pytester"]

RIGHT = "import numpy as np\n\nnp.arange(2)\n#> array([0, 1])\n"
WRONG = "import numpy as np\n\nnp.arange(2)\n#> array([0, 1, 2])\n"


@pytest.fixture
def bare(pytester):
    """A project with no pytest configuration at all."""
    pytester.makepyprojecttoml('[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\n')
    return pytester


def write(pytester, relative: str, text: str) -> None:
    path = pytester.path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_defaults_collect_nested_snippets_docs_and_readme(bare):
    write(bare, "snippets/a.py", RIGHT)
    write(bare, "snippets/deeper/b.py", WRONG)
    write(bare, "docs/guide/page.md", f"# Page\n\n```python\n{RIGHT}```\n")
    write(bare, "README.md", f"# Readme\n\n```python\n{WRONG}```\n")
    write(bare, "elsewhere/c.py", WRONG)  # not a snippet: pytest's own rules apply (no test_ prefix: ignored)
    write(bare, "NOTES.md", f"```python\n{WRONG}```\n")  # not a default page
    result = bare.runpytest_subprocess()
    result.stdout.fnmatch_lines(["*snippets/deeper/b.py:4: documented value differs*", "*README.md:7: documented value differs*"])
    result.assert_outcomes(passed=2, failed=2)


def test_ini_options_replace_the_defaults(bare):
    bare.makepyprojecttoml(
        "[tool.pytest.ini_options]\n"
        'addopts = "-p no:cacheprovider"\n'
        'array_examples_snippets = ["examples/*.py"]\n'
        'array_examples_markdown = ["guide.md"]\n'
    )
    write(bare, "examples/a.py", WRONG)
    write(bare, "guide.md", f"```python\n{RIGHT}```\n")
    write(bare, "snippets/ignored.py", WRONG)
    write(bare, "README.md", f"```python\n{WRONG}```\n")
    result = bare.runpytest_subprocess()
    result.stdout.fnmatch_lines(["*examples/a.py:4: documented value differs*"])
    result.assert_outcomes(passed=1, failed=1)


@pytest.mark.parametrize("name", ["plain.py", "test_named_like_a_test.py"])
def test_a_snippet_is_collected_once_whether_named_or_found(bare, name):
    write(bare, f"snippets/{name}", RIGHT)
    assert bare.runpytest_subprocess(f"snippets/{name}").parseoutcomes() == {"passed": 1}
    assert bare.runpytest_subprocess().parseoutcomes() == {"passed": 1}


def test_no_verified_file_is_written_unless_asked(bare):
    write(bare, "snippets/a.py", "import numpy as np\n\nnp.arange(2)\n")
    bare.runpytest_subprocess("--update-expected").assert_outcomes(passed=1)
    assert (bare.path / "snippets" / "a.py").read_text().endswith("#> array([0, 1])\n")
    assert sorted(path.name for path in (bare.path / "snippets").iterdir()) == ["a.py"]
