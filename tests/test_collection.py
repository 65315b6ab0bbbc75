"""Collection: what the installed plugin collects (defaults with no configuration, ini options, each file once),
how it reads a snippet file (sections, `# requires:` lines, encoding), and the errors that name a file and line.
Each rule is named as in docs/test-your-docs.md."""

import re
import textwrap

import pytest
from projects import RIGHT, WRONG, write
from rules import rule

from array_examples.snippets import SnippetError, examples_in_file


@rule("default files")
def test_defaults_collect_nested_snippets_docs_and_readme(project):
    write(project, "snippets/a.py", RIGHT)
    write(project, "snippets/deeper/b.py", WRONG)
    write(project, "docs/guide/page.md", f"# Page\n\n```python\n{RIGHT}```\n")
    write(project, "README.md", f"# Readme\n\n```python\n{WRONG}```\n")
    write(project, "elsewhere/c.py", WRONG)  # not a snippet: pytest's own rules apply (no test_ prefix: ignored)
    write(project, "NOTES.md", f"```python\n{WRONG}```\n")  # not a default page
    result = project.runpytest()
    result.stdout.fnmatch_lines(["*snippets/deeper/b.py:4: documented value differs*", "*README.md:7: documented value differs*"])
    result.assert_outcomes(passed=2, failed=2)


@rule("ini options")
def test_ini_options_replace_the_defaults(project):
    project.makepyprojecttoml(
        "[tool.pytest.ini_options]\n"
        'addopts = "-p no:cacheprovider"\n'
        'array_examples_snippets = ["examples/*.py"]\n'
        'array_examples_markdown = ["guide.md"]\n'
    )
    write(project, "examples/a.py", WRONG)
    write(project, "guide.md", f"```python\n{RIGHT}```\n")
    write(project, "snippets/ignored.py", WRONG)
    write(project, "README.md", f"```python\n{WRONG}```\n")
    result = project.runpytest()
    result.stdout.fnmatch_lines(["*examples/a.py:4: documented value differs*"])
    result.assert_outcomes(passed=1, failed=1)


@rule("default files")
@pytest.mark.parametrize("name", ["plain.py", "test_named_like_a_test.py"])
def test_a_snippet_is_collected_once_whether_named_or_found(project, name):
    write(project, f"snippets/{name}", RIGHT)
    assert project.runpytest(f"snippets/{name}").parseoutcomes() == {"passed": 1}
    assert project.runpytest().parseoutcomes() == {"passed": 1}


@rule("default files")
def test_python_blocks_in_pages_are_run(project):
    (project.path / "docs").mkdir()
    (project.path / "docs" / "page.md").write_text(
        '# Page\n\n```python\n1 + 1\n#> 3\n```\n\n```bash\necho not python\n```\n\n```python\n--8<-- "example.py:on_cpu"\n```\n'
    )
    result = project.runpytest("docs")
    result.stdout.fnmatch_lines(["*docs/page.md:5: documented value differs*"])
    result.assert_outcomes(failed=1)


@rule("requirements")
def test_numpy_version_requirement_skips_with_a_reason(project):
    (project.path / "snippets" / "example.py").write_text("# requires: numpy<1\nx = 1\n")
    result = project.runpytest("-ra")
    result.stdout.fnmatch_lines(["*snippets/example.py:1: needs numpy<1; this is NumPy *"])
    result.assert_outcomes(skipped=1)


@rule("requirements")
def test_unknown_requirement_is_a_collection_error(project):
    (project.path / "snippets" / "example.py").write_text("x = 1\n# requires: tpu\n")
    result = project.runpytest()
    result.stdout.fnmatch_lines(["*snippets/example.py:2: unknown requirement 'tpu'*"])
    assert result.ret != 0


@rule("sections")
@pytest.mark.parametrize(
    "marker",
    ["# --8<-- [start: part]", "# --8<-- [begin:part]", "# --8<--[start:part]", "#--8<-- [start:part]", "# --8<-- [start:part"],
)
def test_malformed_section_marker_is_an_error_naming_file_and_line(tmp_path, marker):
    path = tmp_path / "example.py"
    path.write_text(textwrap.dedent(f"x = 1\n{marker}\ny = 2\n# --8<-- [end:part]\n"))
    with pytest.raises(SnippetError, match=r"^snippets/example\.py:2: malformed section marker"):
        examples_in_file(path, "snippets/example.py")


@rule("requirements")
@pytest.mark.parametrize(
    "lines, line, message",
    [
        (["#requires: cuda", "x = 1"], 2, "malformed requirement"),
        (["# require: cuda", "x = 1"], 2, "malformed requirement"),
        (["# Requires: cuda", "x = 1"], 2, "malformed requirement"),
        (["# requires: cuda", "x = 1", "# requires: numpy>=2"], 4, "a second `# requires:` line"),
    ],
)
def test_a_requirement_that_would_be_ignored_is_an_error_naming_file_and_line(tmp_path, lines, line, message):
    path = tmp_path / "example.py"
    path.write_text("import torch\n" + "\n".join(lines) + "\n")
    with pytest.raises(SnippetError, match=rf"^snippets/example\.py:{line}: {re.escape(message)}"):
        examples_in_file(path, "snippets/example.py")


@rule("file encoding")
def test_a_file_that_is_not_utf8_is_an_error_naming_file_and_line(tmp_path):
    path = tmp_path / "example.py"
    path.write_bytes(b'x = 1\ny = "\xff"\n')
    with pytest.raises(SnippetError, match=r"^snippets/example\.py:2: not UTF-8: byte 0xff"):
        examples_in_file(path, "snippets/example.py")


@rule("file encoding")
def test_a_file_that_starts_with_a_byte_order_mark_runs_as_python_runs_it(tmp_path, run):
    path = tmp_path / "example.py"
    path.write_bytes(b"\xef\xbb\xbfx = 1\nx\n#> 1\n")
    [example] = examples_in_file(path, "snippets/example.py")
    assert example.lines == ["x = 1", "x", "#> 1"]
    assert run("\n".join(example.lines)) == []
