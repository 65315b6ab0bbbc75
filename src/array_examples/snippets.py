"""Find examples: snippet files, their named sections, Markdown code blocks.

An example is a piece of Python read like a REPL session: top-level
statements, each optionally followed by the output it documents (statements
that share a line, such as `row = np.arange(3); row`, are one unit with one block,
and the block of a `for` or `with` statement goes under the whole statement):

    t.dtype
    #> torch.float64
    t.numpy()
    #! raises RuntimeError: Can't call numpy() on Tensor that requires grad. ...
    torch.from_numpy(read_only)
    #! warns UserWarning: The given NumPy array is not writable, ...

This module only reads text; it never imports torch or NumPy.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SECTION = re.compile(r"^\s*# --8<-- \[(start|end):([\w-]+)\]\s*$")
# A comment that means to be a section marker; one SECTION does not read would silently merge the sections.
LOOKS_LIKE_SECTION = re.compile(r"^\s*#.*--8<--")
REQUIRES = re.compile(r"^# requires: (.+)$")
LOOKS_LIKE_REQUIRES = re.compile(r"^#\s*requires?\s*:", re.IGNORECASE)
PROMPT = re.compile(r"^\s*>>>( |$)")  # a `>>>` prompt, in text read as Python
PROMPT_HINT = (
    "; `>>>` prompts make a session only in a `pycon` block, a `python` block whose first line starts with `>>>`, "
    "a docstring or a text file: use a `pycon` block, or start the block with `>>>`"
)
DOC_LINE = re.compile(r"^\s*#[>!]( |$)")
# `ruff format` and black put a space after `#` in every comment but `#!`: `#> x` becomes `# > x`. Under a
# statement that form is read as `#>` too, so a formatter or an editor's format-on-save breaks no example.
FORMATTED_OUTPUT = re.compile(r"^# >( |$)")
KNOWN_DEVICES = ("cpu", "cuda")
# What a torch build says about CUDA depends on whether it was built with CUDA at all.
CPU_ONLY_TORCH = "cpu-only-torch"
NUMPY_VERSION = re.compile(r"numpy(>=|<)(\d+)")  # where NumPy 1.x and 2.x differ


class SnippetError(Exception):
    """A snippet or a documented output that cannot be read; names file and line."""

    def __init__(self, filename: str, line: int, message: str) -> None:
        super().__init__(f"{filename}:{line}: {message}")
        self.filename, self.line = filename, line


@dataclass
class Documented:
    """The output block written under one statement."""

    line: int  # first line of the block
    end_line: int  # last line of the block
    output: str | None = None  # text of the `#>` lines
    output_line: int = 0
    output_numbers: list[int] = field(default_factory=list)  # the line number of each `#>` line
    raises: tuple[str, str] | None = None  # (exception type, message)
    warns: list[tuple[str, str]] = field(default_factory=list)
    # Set only for a `>>>` session's output (see sessions.py): False for `# may vary` (run, not compared);
    # the doctest option flags under which doctest's own text comparison may accept what differs in meaning.
    checked: bool = True
    doctest_flags: int | None = None


@dataclass
class Statement:
    """What a REPL runs as one input: a top-level statement, or all the statements on one line."""

    line: int
    end_line: int
    nodes: list[ast.stmt]
    documented: Documented | None
    checks_warnings: bool = True  # False in a `>>>` session: doctest shows no warnings, so none are documented


@dataclass
class Example:
    """One runnable unit: a whole file, a named section, or a Markdown code block."""

    filename: str  # path shown in reports, relative to the repository
    name: str | None  # section name, None for a whole file or a code block
    first_line: int
    lines: list[str]  # the example's own lines, starting at first_line
    requires: tuple[str, ...] = ("cpu",)
    # The absolute folder of the file, which an example sees first on sys.path as a script does; "" for none.
    directory: str = ""
    # The folders of pytest's `pythonpath` ini option, which an example sees on sys.path after its own folder, as
    # pytest's own tests see them.
    pythonpath: tuple[str, ...] = ()
    # None for the `#>` format; for a `>>>` session (see sessions.py), {"flags": doctest option flags} and, for a
    # docstring, "module" and "root": the module whose globals its examples start with, and where it imports from.
    session: dict[str, Any] | None = None

    @property
    def source(self) -> str:
        # Pad with blank lines so line numbers in tracebacks are the file's own.
        return "\n" * (self.first_line - 1) + "\n".join(self.lines) + "\n"

    @property
    def device(self) -> str:
        return "cuda" if "cuda" in self.requires else "cpu"


def read_requires(filename: str, first_line: int, lines: list[str]) -> tuple[str, ...]:
    """`# requires: cuda`, `cpu-only-torch` or `numpy>=2` declares what an example needs to run."""
    found = None
    for offset, text in enumerate(lines):
        match = REQUIRES.match(text.strip())
        if not match:
            if LOOKS_LIKE_REQUIRES.match(text.strip()):  # a typo would silently run the example everywhere
                raise SnippetError(filename, first_line + offset, "malformed requirement: expected `# requires: NAME, NAME`")
            continue
        if found is not None:
            raise SnippetError(filename, first_line + offset, "a second `# requires:` line: list every requirement on one line")
        wanted = tuple(word.strip() for word in match.group(1).split(","))
        unknown = [w for w in wanted if w not in (*KNOWN_DEVICES, CPU_ONLY_TORCH) and not NUMPY_VERSION.fullmatch(w)]
        if unknown:
            raise SnippetError(
                filename,
                first_line + offset,
                f"unknown requirement {unknown[0]!r}; known: {', '.join(KNOWN_DEVICES)}, {CPU_ONLY_TORCH}, numpy>=N, numpy<N",
            )
        found = wanted
    return found or ("cpu",)


def unmet_requirement(requires: tuple[str, ...], facts: Mapping[str, Any]) -> str | None:
    """The requirement other than a device that this torch and NumPy fail, if any.

    `facts` holds at least "numpy" (its version) and "cuda_build" (whether torch was built with CUDA).
    """
    major = int(facts["numpy"].split(".")[0])
    for requirement in requires:
        match = NUMPY_VERSION.fullmatch(requirement)
        if match and not (major >= int(match[2]) if match[1] == ">=" else major < int(match[2])):
            return f"{requirement}; this is NumPy {facts['numpy']}"
        if requirement == CPU_ONLY_TORCH and facts["cuda_build"]:
            return f"{requirement}; this torch is built with CUDA"
    return None


def examples_in_file(path: Path, shown_as: str) -> list[Example]:
    """Split a snippet file into its named sections; a file without sections is one example."""
    data = path.read_bytes()
    try:
        lines = data.decode("utf-8-sig").splitlines()  # Python, too, reads a file that starts with a BOM
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SnippetError(shown_as, line, f"not UTF-8: byte {data[error.start]:#04x} cannot be decoded") from None
    examples: list[Example] = []
    open_sections = {}
    for number, text in enumerate(lines, start=1):
        match = SECTION.match(text)
        if not match:
            if LOOKS_LIKE_SECTION.match(text):
                raise SnippetError(
                    shown_as, number, "malformed section marker: expected `# --8<-- [start:NAME]` or `# --8<-- [end:NAME]`"
                )
            continue
        kind, name = match.groups()
        if kind == "start":
            if name in open_sections or any(e.name == name for e in examples):
                raise SnippetError(shown_as, number, f"section {name!r} is started twice")
            open_sections[name] = number
        else:
            if name not in open_sections:
                raise SnippetError(shown_as, number, f"section {name!r} ends but never started")
            start = open_sections.pop(name)
            body = lines[start : number - 1]
            requires = read_requires(shown_as, start + 1, body)
            examples.append(Example(shown_as, name, start + 1, body, requires, str(path.parent.resolve())))
    if open_sections:
        name, number = next(iter(open_sections.items()))
        raise SnippetError(shown_as, number, f"section {name!r} is never ended")
    if not examples:
        examples.append(Example(shown_as, None, 1, lines, read_requires(shown_as, 1, lines), str(path.parent.resolve())))
    return examples


def parse_statements(example: Example) -> list[Statement]:
    """Pair each top-level statement (or line of statements) with the documented block right under it.

    Raises SnippetError, naming file and line, for text that is not Python or a block that is malformed
    or follows no top-level statement.
    """
    filename, source = example.filename, example.source
    try:
        tree = ast.parse(source, filename=filename)
    except SyntaxError as error:
        # Python gives no line for a NUL byte; the reader needs it.
        line = error.lineno or (source.count("\n", 0, source.find("\x00")) + 1 if "\x00" in source else example.first_line)
        hint = PROMPT_HINT if any(PROMPT.match(text) for text in source.splitlines()) else ""
        raise SnippetError(filename, line, f"not valid Python: {error.msg}{hint}") from None
    all_lines = source.splitlines()
    statements: list[Statement] = []
    claimed: set[int] = set()
    for nodes in same_line_groups(tree.body):
        block_lines = []
        end_line = end_line_of(nodes[-1])
        number = end_line + 1
        # A block starts in column 0; an indented one would sit inside a compound statement.
        while number <= len(all_lines) and is_block_line(all_lines[number - 1]):
            block_lines.append((number, unformatted(all_lines[number - 1])))
            number += 1
        documented = read_block(filename, block_lines) if block_lines else None
        claimed.update(n for n, _ in block_lines)
        statements.append(Statement(nodes[0].lineno, end_line, nodes, documented))
    stray = [number for number, text in enumerate(all_lines, start=1) if DOC_LINE.match(text) and number not in claimed]
    if stray:
        inside = lines_inside_strings(tree)  # `#> ...` inside a triple-quoted string is text, not a block
        for number in stray:
            if number not in inside:
                raise SnippetError(
                    filename,
                    number,
                    "documented output follows no top-level statement (it must start in column 0, directly under one)",
                )
    return statements


def is_block_line(text: str) -> bool:
    """Whether a line under a statement belongs to its documented block (`#>`, `#!` or a formatter's `# >`, in column 0)."""
    return bool(DOC_LINE.match(text) and text[0] == "#" or FORMATTED_OUTPUT.match(text))


def unformatted(text: str) -> str:
    """A formatter's `# > x` as the `#> x` it was written as; any other line unchanged."""
    return "#>" + text[3:] if FORMATTED_OUTPUT.match(text) else text


def lines_inside_strings(tree: ast.AST) -> set[int]:
    """Line numbers that continue a string literal begun on an earlier line."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) or isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
            found.update(range(node.lineno + 1, end_line_of(node) + 1))
    return found


def end_line_of(node: ast.stmt | ast.expr) -> int:
    """The last line of a parsed node (ast.parse always sets it)."""
    return node.end_lineno or node.lineno


def same_line_groups(body: list[ast.stmt]) -> list[list[ast.stmt]]:
    """Top-level statements grouped as a REPL reads them: `a = 1; a` is one input, with one block under it."""
    groups: list[list[ast.stmt]] = []
    for node in body:
        if groups and node.lineno == groups[-1][-1].end_lineno:
            groups[-1].append(node)
        else:
            groups.append([node])
    return groups


def read_block(filename: str, block_lines: list[tuple[int, str]]) -> Documented:
    """Read one block of `#>` / `#!` lines, given as (line number, text); raises SnippetError if malformed."""
    documented = Documented(line=block_lines[0][0], end_line=block_lines[-1][0])
    output: list[str] = []
    messages: list[tuple[str, str, list[str]]] = []  # (raises or warns, type, message lines)
    continues = False  # whether a `#!` line without keyword extends the last message
    for number, text in block_lines:
        body = text[3:] if len(text) > 2 else ""
        if text.startswith("#>"):
            if not output:
                documented.output_line = number
            output.append(body)
            documented.output_numbers.append(number)
            continues = False
            continue
        keyword, _, rest = body.partition(" ")
        if keyword in ("raises", "warns"):
            messages.append(read_message_line(filename, number, keyword, rest, messages))
            continues = True
        elif continues:
            messages[-1][2].append(body)  # a message that runs over several lines
        else:
            raise SnippetError(
                filename, number, "malformed `#!` line: expected `#! raises Type: message` or `#! warns Type: message`"
            )
    if output:
        documented.output = "\n".join(output)
    for kind, name, lines in messages:
        if kind == "raises":
            documented.raises = (name, "\n".join(lines))
        else:
            documented.warns.append((name, "\n".join(lines)))
    return documented


def read_message_line(
    filename: str, number: int, keyword: str, rest: str, earlier: list[tuple[str, str, list[str]]]
) -> tuple[str, str, list[str]]:
    """A `#! raises Type: message` or `#! warns Type: message` line (`rest` follows the keyword) as
    (keyword, type name, [first message line]); raises SnippetError if malformed or a second `raises`."""
    name, colon, message = rest.partition(":")
    if not colon or not re.fullmatch(r"[\w.]+", name.strip()):
        raise SnippetError(filename, number, f"malformed `#! {keyword}` line: expected `#! {keyword} TypeName: message`")
    if keyword == "raises" and any(kind == "raises" for kind, _, _ in earlier):
        raise SnippetError(filename, number, "a statement can raise only one exception")
    return keyword, name.strip(), [message.strip()]
