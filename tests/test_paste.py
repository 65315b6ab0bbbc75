"""Every example pastes into the classic Python console (`python`, no IPython) as it is shown.

A reader copies a snippet section (or a page's own `python` block) and pastes it at the `>>>` prompt. The console
reads it line by line with `codeop.compile_command`, as `code.InteractiveConsole.push` does: a line joins the buffer;
while the buffer is incomplete it waits for more; once the buffer compiles, the buffer is run (here: only reset).
So a compound statement (`for`, `with`, `try`, `class`, `def`) needs a blank line before the next top-level statement,
and a blank line inside a class or function body ends that body early.
"""

import codeop
import importlib.util
import textwrap
from pathlib import Path

from pytest_codeblocks import extract_from_file

from array_examples.snippets import examples_in_file
from sitetools import ROOT

PAGES = [
    *sorted((ROOT / "docs").rglob("*.md")),
    ROOT / "README.md",
    ROOT / "CONTRIBUTING.md",
    ROOT / "src/array_examples/README.md",
]
RUNNABLE_FENCES = {"python", "py"}


def paste_failures(lines: list[str], filename: str, first_line: int) -> list[str]:
    """Feed `lines` (the first at line `first_line` of `filename`) to the console's parser, one by one.

    Returns one "file:line: error" string for each line at which the console reports a SyntaxError (an
    OverflowError or ValueError too), and for a statement still incomplete after the last line and a blank one.
    """
    failures, buffer, started = [], [], first_line
    for number, line in enumerate([*lines, ""], start=first_line):  # the reader presses Enter after the paste
        if not buffer:
            started = number
        buffer.append(line)
        try:
            code = codeop.compile_command("\n".join(buffer), "<stdin>", "single")
        except (SyntaxError, OverflowError, ValueError) as error:
            message = getattr(error, "msg", None) or str(error)
            failures.append(f"{filename}:{number}: {type(error).__name__}: {message} (input begun at line {started})")
            buffer = []
            continue
        if code is not None:
            buffer = []
    if buffer:
        failures.append(f"{filename}:{started}: statement still incomplete at the end of the example")
    return failures


def python_blocks(page: Path):
    """Yield (first line, lines) for each `python` block of a page that is neither an embed nor a `>>>` session."""
    for block in extract_from_file(page):
        lines = block.code.splitlines()
        code = [line.strip() for line in lines if line.strip()]
        if (block.syntax or "").split(" ")[0] not in RUNNABLE_FENCES or not code:
            continue
        if all(line.startswith("--8<--") for line in code) or code[0].startswith(">>>"):
            continue  # embeds are checked as their snippet sections; a `>>>` session is not pasted as shown
        yield block.lineno + 1, lines


def all_failures() -> tuple[int, list[str]]:
    """How many examples were checked, and every paste failure among them."""
    checked, failures = 0, []
    for path in sorted((ROOT / "snippets").glob("*.py")):
        for example in examples_in_file(path, path.relative_to(ROOT).as_posix()):
            checked += 1
            failures += paste_failures(example.lines, example.filename, example.first_line)
    for page in PAGES:
        for first, lines in python_blocks(page):
            checked += 1
            failures += paste_failures(lines, page.relative_to(ROOT).as_posix(), first)
    return checked, failures


def test_every_example_pastes_into_the_python_console():
    checked, failures = all_failures()
    assert checked > 200, f"only {checked} examples found: the search for snippet sections and page blocks is broken"
    assert not failures, "examples that fail when pasted into `python`:\n" + "\n".join(failures)


def lines_of(text: str) -> list[str]:
    return textwrap.dedent(text).strip("\n").splitlines()


def test_a_statement_right_after_a_loop_body_is_reported():
    section = lines_of(
        """
        frames = []
        for i in range(2):
            frames.append(i)
        total = sum(frames)
        """
    )
    assert paste_failures(section, "a.py", 10) == ["a.py:13: SyntaxError: invalid syntax (input begun at line 11)"]


def test_a_statement_right_after_try_or_with_is_reported():
    section = lines_of(
        """
        try:
            1 / 0
        except ZeroDivisionError:
            pass
        found = 1
        with open(__file__) as f:
            f.read()
        #> 'text'
        found = 2
        """
    )
    assert [failure.split(":")[1] for failure in paste_failures(section, "a.py", 1)] == ["5", "9"]


def test_a_blank_line_inside_a_class_body_is_reported():
    section = lines_of(
        """
        class Dataset:
            def __len__(self):
                return 2

            def __getitem__(self, i):
                return i

        data = Dataset()
        """
    )
    failures = paste_failures(section, "a.py", 1)
    assert failures and failures[0].startswith("a.py:5: IndentationError: unexpected indent")


def test_an_unclosed_statement_at_the_end_is_reported():
    assert paste_failures(["values = [1,", "  2"], "a.py", 3) == ["a.py:3: statement still incomplete at the end of the example"]


def test_blank_lines_after_bodies_and_outputs_under_them_paste():
    section = lines_of(
        """
        frames = []
        for i in range(2):
            frames.append(i)
        #> (documented output of the loop)

        class Dataset:
            def __len__(self):
                return 2
            def __getitem__(self, i):
                return i

        total = sum(frames)
        #> 1
        """
    )
    assert paste_failures(section, "a.py", 1) == []


def test_page_blocks_skip_embeds_and_sessions(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        '```python\n--8<-- "a.py:x"\n```\n\n```python\n>>> 1\n1\n```\n\n```text\nfor x in y:\nz\n```\n\n'
        "```python\nfor x in y:\n    pass\nz = 1\n```\n",
        encoding="utf-8",
    )
    blocks = list(python_blocks(page))
    assert blocks == [(16, ["for x in y:", "    pass", "z = 1"])]  # line 16 of the page is the block's first
    assert paste_failures(blocks[0][1], "page.md", 16) == ["page.md:18: SyntaxError: invalid syntax (input begun at line 16)"]


def test_the_snippet_formatter_makes_a_section_paste():
    spec = importlib.util.spec_from_file_location("format_snippets", ROOT / "scripts" / "format_snippets.py")
    format_snippets = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(format_snippets)
    section = lines_of(
        '''
        class Dataset:
            """Two samples.

            The blank line above this one is inside a string: it stays."""

            def __len__(self):
                return 2
        frames = []
        for i in range(2):
            frames.append(i)
        #> (output)
        total = sum(frames)
        # --8<-- [end:x]
        '''
    )
    assert paste_failures(section, "a.py", 1)
    fixed = format_snippets.pasteable("\n".join(section)).splitlines()
    assert paste_failures(fixed, "a.py", 1) == []
    assert fixed[2] == "" and fixed[4:6] == ["    def __len__(self):", "        return 2"]
    assert fixed[-4:] == ["#> (output)", "", "total = sum(frames)", "# --8<-- [end:x]"]
