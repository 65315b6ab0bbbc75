"""Read `>>>` sessions (doctest's format) as the harness's statements and documented blocks.

A session is what doctest reads in a docstring, a text file or a code block:

    >>> import numpy as np
    >>> x = np.arange(3)
    >>> for value in x:
    ...     print(value)
    0
    1
    2
    >>> x.reshape(2, 2)
    Traceback (most recent call last):
        ...
    ValueError: cannot reshape array of size 3 into shape (2,2)

Each `>>>` line and the `...` lines under it are one input; the lines under them, up to a blank line or
the next `>>>`, are its output. An output is read as a `#>` block would be, a traceback as a `#! raises`
line, and every line keeps its number in the original file, so a failure names the file's own line.
The doctest conventions keep their meaning: `# doctest: +SKIP` (not run), `+ELLIPSIS` and
`+NORMALIZE_WHITESPACE` (what doctest accepts as text passes too), `# may vary` and `# random`
(scipy-doctest's: run, output not compared) and `<BLANKLINE>`.

`example_statements` runs in the child (see repl.run_example); `read_session` also at collection.
This module only reads text, except `module_globals`, which imports the module a docstring is in, and
`run_namespace`, which runs the statements a project declares every session starts with.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from array_examples.snippets import Documented, Example, SnippetError, Statement, read_block

PROMPT = re.compile(r"^(?P<indent>[ ]*)>>>(?: |$)")
CONTINUATION = re.compile(r"^[ ]*\.\.\.(?: |$)")
DIRECTIVE = re.compile(r"#\s*doctest:\s*([^\n'\"]*)$")  # doctest's own pattern for `# doctest: +FLAG`
# scipy-doctest's markers (on the input) and NumPy's older `#random` (on an output line): run, but do not compare.
VARIES = re.compile(r"#\s*(may vary|random)\b", re.IGNORECASE)
TRACEBACK = re.compile(r"^Traceback \((?:most recent call last|innermost last)\):\s*$")
BLANKLINE = "<BLANKLINE>"
NAMESPACE_OPTION = "array_examples_doctest_namespace"  # the ini option: statements every session starts with
# pytest's own options, which its doctest plugin registers: known here, so a session written for pytest reads.
# Where the meaning differs, pytest's own checker reads them (see doctest_accepts); ALLOW_* are moot in Python 3.
PYTEST_OPTIONS = {name: doctest.register_optionflag(name) for name in ("ALLOW_UNICODE", "ALLOW_BYTES", "NUMBER")}


@dataclass
class Input:
    """One `>>>` input: its source lines without prompts, its options and the output lines under it."""

    line: int  # the `>>>` line
    end_line: int  # its last `...` line
    indent: int  # columns before the prompt
    code: list[str]
    options: dict[int, bool] = field(default_factory=dict)  # doctest flag -> on (+) or off (-)
    want: list[tuple[int, str]] = field(default_factory=list)  # (line, text less the prompt's indentation)

    @property
    def skipped(self) -> bool:
        return self.options.get(doctest.SKIP, False)

    @property
    def varies(self) -> bool:
        return any(VARIES.search(text) for text in self.code) or any(VARIES.search(text) for _, text in self.want)


def has_session(lines: list[str]) -> bool:
    """Whether any line is a `>>>` prompt (tabs read as doctest reads them: as spaces to the next multiple of 8)."""
    return any(PROMPT.match(text.expandtabs()) for text in lines)


def read_session(filename: str, first_line: int, lines: list[str]) -> list[Input]:
    """The `>>>` inputs among `lines` (the first at `first_line` of `filename`); other lines are prose.

    Raises SnippetError, as doctest raises ValueError, where a `...` line or an output line is indented
    less than its prompt, or a `# doctest:` directive names an unknown option. A tab is read as doctest
    reads it, as spaces up to the next multiple of 8.
    """
    lines = [text.expandtabs() for text in lines]
    inputs: list[Input] = []
    number = 0
    while number < len(lines):
        prompt = PROMPT.match(lines[number])
        if not prompt:
            number += 1
            continue
        indent = len(prompt["indent"])
        start = number
        code = [lines[number][indent + 4 :]]
        number += 1
        while number < len(lines) and CONTINUATION.match(lines[number]):
            text = lines[number]
            if not text.startswith(" " * indent + "..."):
                raise SnippetError(filename, first_line + number, "a `...` line is indented differently from its `>>>` line")
            code.append(text[indent + 4 :])
            number += 1
        entry = Input(first_line + start, first_line + number - 1, indent, code, options_of(filename, first_line + start, code))
        while number < len(lines) and lines[number].strip() and not PROMPT.match(lines[number]):
            text = lines[number]
            if text[:indent].strip():
                raise SnippetError(filename, first_line + number, "an output line is indented less than its `>>>` line")
            entry.want.append((first_line + number, text[indent:].rstrip()))
            number += 1
        inputs.append(entry)
    return inputs


def options_of(filename: str, line: int, code: list[str]) -> dict[int, bool]:
    """The doctest options that `# doctest: +ELLIPSIS, -NORMALIZE_WHITESPACE` comments on an input set."""
    options = {}
    for offset, text in enumerate(code):
        found = DIRECTIVE.search(text)
        if not found:
            continue
        for word in found[1].replace(",", " ").split():
            name = word[1:]
            if word[:1] not in "+-" or name not in doctest.OPTIONFLAGS_BY_NAME:
                raise SnippetError(filename, line + offset, f"unknown doctest directive {word!r}")
            options[doctest.OPTIONFLAGS_BY_NAME[name]] = word[0] == "+"
    return options


def code_lines(example: Example) -> list[str]:
    """The example's lines as Python, line for line: inputs without prompts, every other line blank."""
    lines = [""] * len(example.lines)
    for entry in read_session(example.filename, example.first_line, example.lines):
        for offset, text in enumerate(entry.code):
            lines[entry.line - example.first_line + offset] = text
    return lines


def flags_of(entry: Input, flags: int) -> int:
    """The doctest option flags in force for one input: the example's, changed by the input's directives."""
    for flag, on in entry.options.items():
        flags = flags | flag if on else flags & ~flag
    return flags


def example_statements(example: Example) -> list[Statement]:
    """The statements of a session, each with its output as a documented block; skipped inputs left out.

    Each input is parsed on its own, as doctest compiles it, at its own lines. Raises SnippetError for
    an input that is not Python or an output that cannot be read.
    """
    statements = []
    flags = (example.session or {}).get("flags", 0)
    for entry in read_session(example.filename, example.first_line, example.lines):
        if entry.skipped:
            continue
        source = "\n" * (entry.line - 1) + "\n".join(entry.code) + "\n"
        try:
            nodes = ast.parse(source, filename=example.filename).body
        except SyntaxError as error:
            raise SnippetError(example.filename, error.lineno or entry.line, f"not valid Python: {error.msg}") from None
        if not nodes:
            if entry.want:
                raise SnippetError(example.filename, entry.line, "output under an input that is only a comment")
            continue
        documented = documented_block(example.filename, entry, flags_of(entry, flags))
        statements.append(Statement(entry.line, entry.end_line, nodes, documented, checks_warnings=False))
    return statements


def documented_block(filename: str, entry: Input, flags: int) -> Documented | None:
    """An input's output as the block a `#>` / `#! raises` reader makes of it, at the output's own lines."""
    if not entry.want:
        return None
    block: list[tuple[int, str]] = []
    raising = False
    for number, text in entry.want:
        if not raising and TRACEBACK.match(text):
            raising = True  # the stack under the header (often `...`) is not compared, as in doctest
            continue
        if raising:
            if not block or not block[-1][1].startswith("#!"):
                if not re.match(r"\w", text):
                    continue  # still the stack
                name, colon, message = text.partition(":")
                if not re.fullmatch(r"[\w.]+", name):
                    raise SnippetError(filename, number, "the line that ends a traceback must read `Type: message`")
                block.append((number, f"#! raises {name}: {message.strip()}" if colon else f"#! raises {name}:"))
            else:
                block.append((number, f"#! {text}"))
        else:
            block.append((number, "#>" if text == BLANKLINE else f"#> {text}"))
    if not block:
        raise SnippetError(filename, entry.want[0][0], "a traceback without its last line, `Type: message`")
    documented = read_block(filename, block)
    documented.line, documented.end_line = entry.want[0][0], entry.want[-1][0]
    documented.checked = not entry.varies
    documented.doctest_flags = flags
    return documented


def doctest_accepts(documented: str, actual: str, flags: int) -> bool:
    """Whether doctest itself, with these option flags, takes `actual` for the `documented` text: as pytest's
    doctest plugin runs it, whose checker also reads pytest's own options (NUMBER: floats to the precision
    written; ALLOW_UNICODE, ALLOW_BYTES)."""
    return output_checker(flags).check_output(documented + "\n", actual + "\n", flags)


def output_checker(flags: int) -> doctest.OutputChecker:
    """pytest's doctest output checker where `flags` hold one of pytest's own options, else doctest's (importing
    pytest's doctest module in an example's process costs about 0.2 s); doctest's where pytest no longer has
    that checker (a private function)."""
    if flags & (PYTEST_OPTIONS["NUMBER"] | PYTEST_OPTIONS["ALLOW_UNICODE"] | PYTEST_OPTIONS["ALLOW_BYTES"]):
        try:
            from _pytest.doctest import _get_checker
        except ImportError:
            pass
        else:
            return _get_checker()
    return doctest.OutputChecker()


def text_note(flags: int | None, documented: str) -> list[str]:
    """What a failure adds where doctest's text comparison was tried too and refused: its options."""
    names = [name for name in ("ELLIPSIS", "NORMALIZE_WHITESPACE") if flags and flags & doctest.OPTIONFLAGS_BY_NAME[name]]
    if "ELLIPSIS" in names and "..." not in documented:
        names.remove("ELLIPSIS")
    return [f"as text under doctest's {' and '.join(names)} it differs too"] if names else []


def written_lines(block: list[str]) -> list[str]:
    """A block the update writes (`#>` and `#!` lines, see report.block_lines) as a session's output lines.

    Warnings are left out (doctest shows none); an empty line, or one of spaces alone, is `<BLANKLINE>`; an exception is the traceback
    doctest expects, its stack written `...`.
    """
    lines: list[str] = []
    raising = False
    for text in block:
        if text.startswith("#>"):
            lines.append(text[3:] if text[3:].strip() else BLANKLINE)  # a line of spaces alone would end the output
            raising = False
        elif text.startswith("#! raises "):
            lines += ["Traceback (most recent call last):", "    ...", text.removeprefix("#! raises ")]
            raising = True
        elif text.startswith("#! warns "):
            raising = False
        elif raising:
            lines.append(text[3:])
    return lines


def module_globals(example: Example) -> dict[str, Any]:
    """The namespace a docstring's examples start with, as doctest's: a copy of its module's globals.

    `example.session["module"]` is the module's dotted name and `["root"]` the folder to import it from.
    Raises the module's own import error.
    """
    session = example.session or {}
    root = session.get("root")
    if root and root not in sys.path:
        sys.path.insert(0, root)
    module = importlib.import_module(session["module"])
    return dict(vars(module))


class NamespaceError(Exception):
    """A statement of the ini option NAMESPACE_OPTION that is not Python or that raised; its text names the
    option, the statement's line in it and the statement."""


def namespace_statements(lines: list[str]) -> list[str]:
    """The ini option NAMESPACE_OPTION's lines, one Python statement each (`import numpy as np`).

    Raises NamespaceError for a line that is not valid Python.
    """
    for number, text in enumerate(lines, 1):
        try:
            compile(text, f"<{NAMESPACE_OPTION} line {number}>", "exec")
        except SyntaxError as error:
            raise NamespaceError(f"{NAMESPACE_OPTION} line {number}, `{text}`: not valid Python: {error.msg}") from None
    return list(lines)


def run_namespace(namespace: dict[str, Any], lines: list[str]) -> None:
    """Run each statement of NAMESPACE_OPTION in `namespace`, in order, as a session's first inputs that are
    never shown or compared. Raises NamespaceError, naming the line, for a statement that raises."""
    for number, text in enumerate(lines, 1):
        try:
            exec(compile(text, f"<{NAMESPACE_OPTION} line {number}>", "exec"), namespace)
        except Exception as error:
            raise NamespaceError(f"{NAMESPACE_OPTION} line {number}, `{text}`: {type(error).__name__}: {error}") from None
