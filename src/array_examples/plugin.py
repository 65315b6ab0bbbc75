"""pytest integration: one test item per example and device.

Installing the package activates this plugin (a `pytest11` entry point). With no
configuration it collects, under the rootdir:

    snippets/**/*.py               snippet files, one item per named section (or per file)
    docs/**/*.md, README.md        the Python code blocks of these pages

and the ini options `array_examples_snippets` and `array_examples_markdown` (glob
patterns relative to the rootdir, one per line) replace those defaults. `>>>` sessions
(doctest's format, read by sessions.py) run too: in `pycon` blocks and in `python` blocks
that start with `>>>`; in the docstrings of modules, with `--array-doctest-modules` or the ini
option `array_examples_doctest_modules`; in text files, `array_examples_doctest_files`.

    pytest                         every snippet, section and Markdown code block
    pytest -k from_numpy           only the examples whose id mentions from_numpy
    pytest --devices cuda          only GPU examples, failing (not skipping) without a GPU
    pytest --update-expected       rewrite documented outputs from real runs

Item ids read `snippets/numpy_to_torch.py::from_numpy[cpu]`, `docs/index.md::line-12[cpu]`,
`src/pkg/mod.py::pkg.mod.function[cpu]` (a docstring) and `docs/guide.rst::file[cpu]`.
"""

from __future__ import annotations

import ast
import doctest
import fnmatch
import os
import re
import sys
import warnings
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pytest
from _pytest.doctest import DoctestModule, DoctestTextfile
from pytest_codeblocks import extract_from_file
from pytest_codeblocks.main import CodeBlock

from array_examples import sessions
from array_examples.isolation import DEFAULT_TIMEOUT, Zygote
from array_examples.preloads import line_imports, static_imports
from array_examples.protocol import Facts, Rewrite
from array_examples.report import apply_rewrites, update_failures, write_verified
from array_examples.snippets import Example, SnippetError, examples_in_file, read_requires, unmet_requirement

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr

ZYGOTE = pytest.StashKey[Zygote]()
REWRITES = pytest.StashKey[dict[Path, list[Rewrite]]]()
CHANGED = pytest.StashKey[list[str]]()
VERIFIED_DEVICES = pytest.StashKey[set[str]]()  # devices whose snippet examples ran in full
DESELECTED = pytest.StashKey[bool]()
COLLECTED = pytest.StashKey[set[Path]]()  # example files (snippets, pages, text files, docstring modules) this run collected
SNIPPET_FILES = pytest.StashKey[frozenset[Path]]()
MARKDOWN_FILES = pytest.StashKey[frozenset[Path]]()
DOCTEST_FILES = pytest.StashKey[frozenset[Path]]()  # text files read whole as one `>>>` session
DOCTEST_MODULES = pytest.StashKey[frozenset[Path]]()  # modules whose docstrings' `>>>` sessions run
DOCTEST_FLAGS = pytest.StashKey[int]()
DOCTEST_NAMESPACE = pytest.StashKey[list[str]]()  # statements every `>>>` session starts with
PYTHONPATH = pytest.StashKey[tuple[str, ...]]()  # the folders of pytest's `pythonpath` ini option, for every example
DOCSTRING_ITEMS = pytest.StashKey[set[str]]()  # node ids of docstring examples, which share their files with other tests
EXAMPLE_PROPERTY = "array_example"  # in the user_properties of an example's test reports
SESSION_FENCES = {"pycon"}  # Markdown blocks that are `>>>` sessions whatever their first line
RUNNABLE_FENCES = {"python", "py"}
INCLUDE = re.compile(r'--8<--\s+"([^":]+)(?::([\w-]+))?"')  # pymdownx.snippets: "file.py" or "file.py:section"
DEFAULT_SNIPPETS = ["snippets/**/*.py"]
DEFAULT_MARKDOWN = ["docs/**/*.md", "README.md"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "array_examples_snippets", "glob patterns (from the rootdir) of snippet files", type="linelist", default=DEFAULT_SNIPPETS
    )
    parser.addini(
        "array_examples_markdown",
        "glob patterns (from the rootdir) of Markdown pages whose Python code blocks are run",
        type="linelist",
        default=DEFAULT_MARKDOWN,
    )
    parser.addini(
        "array_examples_verified_file",
        "a Markdown file that a clean --update-expected run over every file of each kind it runs rewrites with the versions and devices "
        "that produced the outputs (off when empty)",
        default="",
    )
    parser.addini(
        "array_examples_doctest_modules",
        "glob patterns (from the rootdir) of Python modules whose docstrings' >>> examples are run (as --array-doctest-modules)",
        type="linelist",
        default=[],
    )
    parser.addini(
        "array_examples_doctest_files",
        "glob patterns (from the rootdir) of text files (.rst, .txt) read whole as one >>> session",
        type="linelist",
        default=[],
    )
    parser.addini(
        sessions.NAMESPACE_OPTION,
        "Python statements, one a line (import numpy as np), that every >>> session (docstring, Markdown, text file) "
        "runs first, unshown and uncompared, as pytest's doctest_namespace fixture seeds doctests",
        type="linelist",
        default=[],
    )
    parser.addini(
        "array_examples_legacy_print",
        "NumPy's legacy print mode the docs are written for, as np.set_printoptions(legacy=...) takes it: "
        '"1.25" for docs written for NumPy 1 (0.5 where NumPy 2 prints np.float64(0.5)); off when empty or false',
        default="",
    )
    group = parser.getgroup("snippets", "tested documentation snippets")
    group.addoption(
        "--array-doctest-modules",
        action="store_true",
        help="run the >>> examples in the docstrings of every Python module collected, as --doctest-modules does, "
        "comparing outputs by meaning",
    )
    group.addoption("--update-expected", action="store_true", help="rewrite documented outputs in snippet files from real runs")
    group.addoption(
        "--devices",
        default="auto",
        help="auto (default): CPU examples, plus GPU ones where CUDA is available, else skipped; "
        "or a list such as cpu, cuda, cpu,cuda to run only those devices and fail when one is missing",
    )
    group.addoption(
        "--array-legacy-print",
        metavar="MODE",
        help="run every example under NumPy's legacy print mode MODE (such as 1.25, for docs written for NumPy 1), "
        "or false for none; overrides the ini option array_examples_legacy_print",
    )
    group.addoption(
        "--snippet-timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds one example may run (default %(default)s)"
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "gpu: an example that needs a CUDA GPU")
    config.stash[ZYGOTE] = Zygote(
        timeout=config.getoption("--snippet-timeout"),
        update=config.getoption("--update-expected"),
        legacy_print=legacy_print(config),
    )
    config.stash[REWRITES] = {}
    config.stash[CHANGED] = []
    config.stash[VERIFIED_DEVICES] = set()
    config.stash[DESELECTED] = False
    config.stash[COLLECTED] = set()
    config.stash[SNIPPET_FILES] = without_helpers(matching_files(config.rootpath, config.getini("array_examples_snippets")))
    config.stash[MARKDOWN_FILES] = matching_files(config.rootpath, config.getini("array_examples_markdown"))
    config.stash[DOCTEST_FILES] = matching_files(config.rootpath, config.getini("array_examples_doctest_files"))
    config.stash[DOCTEST_MODULES] = matching_files(config.rootpath, config.getini("array_examples_doctest_modules"))
    config.stash[DOCTEST_FLAGS] = doctest_flags(config)
    try:
        config.stash[DOCTEST_NAMESPACE] = sessions.namespace_statements(config.getini(sessions.NAMESPACE_OPTION))
    except sessions.NamespaceError as error:
        raise pytest.UsageError(str(error)) from None
    config.stash[DOCSTRING_ITEMS] = set()
    config.stash[PYTHONPATH] = pythonpath(config)
    if config.getoption("--update-expected") and getattr(config.option, "numprocesses", None):
        # Each xdist worker would rewrite files and the controller, which runs none, would report none changed.
        raise pytest.UsageError("--update-expected cannot run under pytest-xdist: add -n 0 (or -p no:xdist)")
    warn_examples_outside_testpaths(config)


def legacy_print(config: pytest.Config) -> str | None:
    """NumPy's legacy print mode the examples run under: `--array-legacy-print`, else the ini option
    `array_examples_legacy_print`; None for none. Raises pytest.UsageError, naming the option, for a mode
    the installed NumPy does not have."""
    given = config.getoption("--array-legacy-print")
    option = "--array-legacy-print" if given is not None else "array_examples_legacy_print"
    text = given if given is not None else config.getini("array_examples_legacy_print")
    if not text:
        return None
    from array_examples import legacy  # imports NumPy, which pytest's own process needs only here

    value = legacy.option_value(text)
    if value is not None:
        try:
            legacy.check(value, option)
        except ValueError as error:
            raise pytest.UsageError(str(error)) from None
    return value


def pythonpath(config: pytest.Config) -> tuple[str, ...]:
    """The folders of pytest's ini option `pythonpath` (absolute, as pytest puts them on its own sys.path); none where
    pytest's python_path plugin is off."""
    try:
        return tuple(str(Path(folder).resolve()) for folder in config.getini("pythonpath"))
    except ValueError:
        return ()


def doctest_flags(config: pytest.Config) -> int:
    """The doctest option flags in force in every `>>>` session: pytest's ini option `doctest_optionflags`
    (pytest's default, ELLIPSIS, where it is not set); none where pytest's doctest plugin is off."""
    try:
        names = config.getini("doctest_optionflags")
    except ValueError:
        return 0
    flags = 0
    for name in names:
        if name not in doctest.OPTIONFLAGS_BY_NAME:
            raise pytest.UsageError(f"doctest_optionflags: unknown option {name!r}")
        flags |= doctest.OPTIONFLAGS_BY_NAME[name]
    return flags


def matching_files(root: Path, patterns: list[str]) -> frozenset[Path]:
    """The files under `root` that match any glob pattern (`**` spans folders)."""
    return frozenset(path.resolve() for pattern in patterns for path in root.glob(pattern) if path.is_file())


def without_helpers(files: frozenset[Path]) -> frozenset[Path]:
    """The snippet files less the helper modules among them.

    A helper is a module that examples import rather than an example: a file named `_*.py` or
    `conftest.py`, or one whose module name a snippet in the same folder imports (`import data`,
    `from data import load`). Examples import such modules as a script would (see repl.run_example).
    """
    imported = {(other.parent, name) for other in files for name in top_level_imports(other) if name != other.stem}
    return frozenset(
        path
        for path in files
        if not (path.name.startswith("_") or path.name == "conftest.py" or (path.parent, path.stem) in imported)
    )


def top_level_imports(path: Path) -> set[str]:
    """The first names of the modules a Python file imports absolutely; none where it cannot be read or parsed
    (collecting the file reports that)."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def warn_examples_outside_testpaths(config: pytest.Config) -> None:
    """Warn when `testpaths` chose what pytest collects and leaves out example files: they would not run, with no word."""
    if config.args_source != pytest.Config.ArgsSource.TESTPATHS:
        return
    roots = [path.resolve() for pattern in config.getini("testpaths") for path in config.rootpath.glob(pattern)]
    examples = frozenset().union(*(config.stash[key] for key in (SNIPPET_FILES, MARKDOWN_FILES, DOCTEST_FILES, DOCTEST_MODULES)))
    left_out = sorted(path for path in examples if not any(path == root or root in path.parents for root in roots))
    if not left_out:
        return
    folders = sorted({path.relative_to(config.rootpath).parts[0] for path in left_out})
    config.issue_config_time_warning(
        pytest.PytestConfigWarning(
            f"pytest-array-examples: testpaths = {config.getini('testpaths')} leaves out {len(left_out)} of "
            f"{len(examples)} example files, which will not run: add {', '.join(repr(f) for f in folders)} to testpaths, "
            "or name them on the command line"
        ),
        stacklevel=2,
    )


def pytest_deselected(items: list[pytest.Item]) -> None:
    if items:
        items[0].config.stash[DESELECTED] = True


def pytest_unconfigure(config: pytest.Config) -> None:
    if ZYGOTE in config.stash:
        config.stash[ZYGOTE].close()


def is_snippet(path: Path, config: pytest.Config) -> bool:
    return path.resolve() in config.stash[SNIPPET_FILES]


def python_collects(path: Path, parent: pytest.Collector) -> bool:
    """Whether pytest's own Python collector takes this file (and asks pytest_pycollect_makemodule for it)."""
    if parent.session.isinitpath(path):
        return True  # a file named on the command line is collected whatever its name
    return any(fnmatch.fnmatch(path.name, pattern) for pattern in parent.config.getini("python_files"))


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> SnippetFile | None:
    # A snippet whose name also matches python_files (test_*.py) is a snippet, not a test module.
    if is_snippet(module_path, parent.config):
        return SnippetFile.from_parent(parent, path=module_path)
    return None


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(
    file_path: Path, parent: pytest.Collector
) -> Generator[None, list[pytest.Collector], list[pytest.Collector]]:
    """The other plugins' collectors for a file, plus this plugin's where the file holds examples; a file this plugin
    collects is not also collected by pytest's doctest plugin (`pytest docs/x.rst`, `--doctest-glob`,
    `--doctest-modules`), so each example runs once, compared by meaning."""
    collected = yield
    ours = example_file(file_path, parent)
    if ours is None:
        return collected
    if not reads_what_doctest_reads(ours):
        return collected + [ours]
    return [node for node in collected if not isinstance(node, (DoctestModule, DoctestTextfile))] + [ours]


def reads_what_doctest_reads(collector: pytest.File) -> bool:
    """Whether this plugin's collector runs every `>>>` example pytest's doctest would find in its file, so that
    doctest's own collector may be left out. A Markdown page is read by its code blocks (doctest reads `>>>`
    anywhere in it); a module with a `__test__` dict, or one that sets a `__doc__` (assigns_docstrings), may hold
    examples this plugin cannot read (doctest runs `__test__`'s strings, and reads `__doc__` as the module left it)."""
    if isinstance(collector, MarkdownFile):
        return False
    if isinstance(collector, DocstringModule):
        source = collector.path.read_text(encoding="utf-8-sig", errors="replace")
        try:
            assigned = assigns_docstrings(ast.parse(source))
        except SyntaxError:
            assigned = False  # this plugin's collector reports it
        return "__test__" not in source and not assigned
    return True


def example_file(file_path: Path, parent: pytest.Collector) -> pytest.File | None:
    """This plugin's collector for a file that holds examples (a snippet, page, text file or docstring module), else None."""
    config = parent.config
    if is_snippet(file_path, config) and not python_collects(file_path, parent):
        return SnippetFile.from_parent(parent, path=file_path)
    if file_path.resolve() in config.stash[MARKDOWN_FILES]:
        return MarkdownFile.from_parent(parent, path=file_path)
    if file_path.resolve() in config.stash[DOCTEST_FILES]:
        return TextSessionFile.from_parent(parent, path=file_path)
    if is_doctest_module(file_path, config):
        return DocstringModule.from_parent(parent, path=file_path)
    return None


def is_doctest_module(path: Path, config: pytest.Config) -> bool:
    """Whether the docstrings of a Python file are to run: the option or ini option asks, and the file is a module
    (not a snippet, a conftest.py, a setup.py or a __main__.py, as pytest's --doctest-modules leaves these out)."""
    if path.suffix != ".py" or path.name in ("conftest.py", "setup.py", "__main__.py") or is_snippet(path, config):
        return False
    return config.getoption("--array-doctest-modules") or path.resolve() in config.stash[DOCTEST_MODULES]


class SnippetFile(pytest.File):
    def collect(self) -> Iterator[ExampleItem]:
        self.config.stash[COLLECTED].add(self.path)
        shown_as = self.path.relative_to(self.config.rootpath).as_posix()
        try:
            examples = examples_in_file(self.path, shown_as)
        except SnippetError as error:
            raise self.CollectError(str(error)) from None
        for example in examples:
            yield ExampleItem.from_parent(self, name=f"{example.name or 'file'}[{example.device}]", example=example)


class MarkdownFile(pytest.File):
    """Python code blocks written straight into a page (not embedded snippets) are run too."""

    def collect(self) -> Iterator[ExampleItem]:
        self.config.stash[COLLECTED].add(self.path)
        with warnings.catch_warnings():
            # pytest-codeblocks' older `<!--pytest-codeblocks:skip-->` still reads as a skip; its deprecation is not the reader's.
            warnings.filterwarnings("ignore", "pytest-codeblocks:", DeprecationWarning)
            blocks = extract_from_file(self.path)
        for block in blocks:
            skip = skip_mark(block.marks)
            for item in self.block_items(block):
                if skip:
                    item.add_marker(pytest.mark.skip(reason=f"<!--{skip}--> above the block"))
                yield item

    def block_items(self, block: CodeBlock) -> Iterator[ExampleItem]:
        """The items of one code block: one for a `>>>` session or a `python` block, the embedded sections' for a
        block of `--8<--` lines where the page was named on the command line, none for other blocks."""
        shown_as = self.path.relative_to(self.config.rootpath).as_posix()
        fence = (block.syntax or "").split(" ")[0]
        code_lines = block.code.splitlines()
        first_code = next((line for line in code_lines if line.strip()), "")
        if fence in SESSION_FENCES or fence in RUNNABLE_FENCES and sessions.PROMPT.match(first_code):
            yield from session_items(self, None, block.lineno + 1, code_lines, f"line-{block.lineno + 1}")
            return
        if fence not in RUNNABLE_FENCES:
            return
        if all(line.strip().startswith("--8<--") or not line.strip() for line in code_lines):
            # Embedded snippets are tested as their files; a page named on the command line runs them here.
            if self.session.isinitpath(self.path):
                yield from self.embedded(line.strip() for line in code_lines if line.strip())
            return
        first = block.lineno + 1
        try:
            requires = read_requires(shown_as, first, code_lines)
            example = Example(shown_as, None, first, code_lines, requires, str(self.path.parent.resolve()))
        except SnippetError as error:
            raise self.CollectError(str(error)) from None
        yield ExampleItem.from_parent(self, name=f"line-{first}[{example.device}]", example=example)

    def embedded(self, includes: Iterable[str]) -> Iterator[ExampleItem]:
        """Items for the snippet sections that `--8<-- "file.py:section"` lines embed (a whole file without `:section`)."""
        for include in includes:
            match = INCLUDE.fullmatch(include)
            if not match:
                continue
            wanted, section = match.groups()
            found = [path for path in self.config.stash[SNIPPET_FILES] if path.as_posix().endswith("/" + wanted)]
            if not found:
                raise self.CollectError(f"{include}: no snippet file ends with {wanted!r} (array_examples_snippets)")
            path = min(found, key=lambda p: len(p.parts))
            try:
                examples = examples_in_file(path, path.relative_to(self.config.rootpath).as_posix())
            except SnippetError as error:
                raise self.CollectError(str(error)) from None
            for example in examples:
                if section is None or example.name == section:
                    yield ExampleItem.from_parent(
                        self, name=f"{wanted}:{example.name or 'file'}[{example.device}]", example=example
                    )


def skip_mark(marks: list[str]) -> str | None:
    """The mark, as written, that skips a Markdown block (pytest-codeblocks' `<!--pytest.mark.skip-->`, which its
    older `<!--pytest-codeblocks:skip-->` reads as), or None; other marks (`skipif`, `xfail`) are not read."""
    return next((mark for mark in marks if mark == "pytest.mark.skip" or mark.startswith("pytest.mark.skip(")), None)


def session_items(
    collector: pytest.File, session: dict[str, Any] | None, first: int, lines: list[str], name: str
) -> Iterator[ExampleItem]:
    """The item for the `>>>` session in `lines` (the first at line `first`); none where there is no prompt."""
    shown_as = collector.path.relative_to(collector.config.rootpath).as_posix()
    if not sessions.has_session(lines):
        return
    stash = collector.config.stash
    session = {"flags": stash[DOCTEST_FLAGS], "namespace": stash[DOCTEST_NAMESPACE], **(session or {})}
    # A page's or text file's folder comes first on sys.path, as a script's; a docstring's module imports as pytest's would.
    directory = "" if isinstance(collector, DocstringModule) else str(collector.path.parent.resolve())
    example = Example(shown_as, None, first, lines, directory=directory, session=session)
    try:
        example.requires = read_requires(shown_as, first, sessions.code_lines(example))
    except SnippetError as error:
        raise collector.CollectError(str(error)) from None
    item = ExampleItem.from_parent(collector, name=f"{name}[{example.device}]", example=example)
    if isinstance(collector, DocstringModule):
        collector.config.stash[DOCSTRING_ITEMS].add(item.nodeid)
    yield item


class TextSessionFile(pytest.File):
    """A text file (`.rst`, `.txt`) read whole as one `>>>` session, as doctest reads a file."""

    def collect(self) -> Iterator[ExampleItem]:
        self.config.stash[COLLECTED].add(self.path)
        yield from session_items(self, None, 1, read_text_lines(self), "file")


class DocstringModule(pytest.File):
    """The docstrings of a Python module, each one `>>>` session run in a copy of the module's globals, as doctest runs
    them; read with `ast`, the module is imported only in the process that runs an example."""

    def collect(self) -> Iterator[ExampleItem]:
        self.config.stash[COLLECTED].add(self.path)
        file_lines = read_text_lines(self)
        shown_as = self.path.relative_to(self.config.rootpath).as_posix()
        try:
            tree = ast.parse("\n".join(file_lines) + "\n", filename=str(self.path))
        except SyntaxError as error:
            raise self.CollectError(f"{shown_as}:{error.lineno}: not valid Python: {error.msg}") from None
        root, module = import_name(self.path)
        session = {"module": module, "root": str(root)}
        for qualname, node in docstring_nodes(tree, module):
            lines = docstring_lines(node, file_lines)
            yield from session_items(self, {**session, "raw": is_raw(node, file_lines)}, node.lineno, lines, qualname)


def docstring_lines(node: ast.Constant, file_lines: list[str]) -> list[str]:
    """A docstring's lines, one per line of the file from the line it starts on: its value's, as doctest reads it,
    or where escapes such as `\\n` break lines otherwise, its text as written, less the quotes and what precedes them."""
    value = cast(str, node.value)  # docstring_of finds string constants only
    end_line, end_column = node.end_lineno or node.lineno, node.end_col_offset or 0  # ast.parse sets both
    lines = value.split("\n")
    if len(lines) == end_line - node.lineno + 1:
        return lines
    lines = file_lines[node.lineno - 1 : end_line]
    lines[-1] = lines[-1][: end_column - 3]
    lines[0] = ""  # the summary line, which holds no `>>>`
    return lines


def is_raw(node: ast.Constant, file_lines: list[str]) -> bool:
    """Whether a docstring is written as a raw string (r\"\"\"...\"\"\"), where a backslash is itself, not an escape."""
    written = file_lines[node.lineno - 1][node.col_offset :]
    prefix = written[: len(written) - len(written.lstrip("rRuUbBfF"))]
    return "r" in prefix.lower()


def read_text_lines(collector: pytest.File) -> list[str]:
    """A file's lines, as str.splitlines() breaks them (as the update rewrites them); CollectError if not UTF-8."""
    try:
        return collector.path.read_bytes().decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        raise collector.CollectError(f"{collector.path.name}: not UTF-8: {error}") from None


def docstring_nodes(node: ast.Module | ast.ClassDef, prefix: str) -> Iterator[tuple[str, ast.Constant]]:
    """(qualified name, docstring node) of a module or class and of the functions, classes and methods in it, as
    doctest finds them (not functions nested in functions), read in the order the body runs: a docstring assigned
    after the definition (`f.__doc__ = \"\"\"...\"\"\"`, or a name bound there to a string) replaces the
    definition's, and a later definition replaces both. One docstring given to several names is collected once,
    under the first (its examples are the same lines). Other ways of setting `__doc__` are left to pytest's
    doctest (see assigns_docstrings)."""
    found: dict[str, ast.Constant] = {}
    if own := docstring_of(node):
        found[prefix] = own
    strings: dict[str, ast.Constant] = {}  # names bound in this body to a string literal
    defined: set[str] = set()  # names bound to a function or class, whose docstrings doctest reads
    for child in node.body:
        if isinstance(child, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            define(found, child, f"{prefix}.{child.name}")
            defined.add(child.name)
        elif isinstance(child, (ast.Assign, ast.Delete)):
            name, text = read_assignment(child, strings, defined)
            if name is not None:
                found.pop(f"{prefix}.{name}", None)
                if text is not None:
                    found[f"{prefix}.{name}"] = text
    seen: set[int] = set()
    for name, docstring in found.items():
        if id(docstring) not in seen:
            seen.add(id(docstring))
            yield name, docstring


def define(found: dict[str, ast.Constant], definition: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> None:
    """Record a function's or class's docstrings under `name` in `found`, in place of what an earlier definition
    of that name left there."""
    for key in [key for key in found if key == name or key.startswith(name + ".")]:
        del found[key]
    if isinstance(definition, ast.ClassDef):
        found.update(docstring_nodes(definition, name))
    elif own := docstring_of(definition):
        found[name] = own


def read_assignment(
    assignment: ast.Assign | ast.Delete, strings: dict[str, ast.Constant], defined: set[str]
) -> tuple[str | None, ast.Constant | None]:
    """(name, its new docstring or None) for `name.__doc__ = value` or `del name.__doc__` where `name` is in
    `defined`; (None, None) for another statement, after noting in `strings` and `defined` a name it binds to a
    string or a lambda."""
    if isinstance(assignment, ast.Delete) or len(assignment.targets) != 1:
        names = [doc_target(target) for target in assignment.targets]
        return next(((name, None) for name in names if name in defined), (None, None))
    target, value = assignment.targets[0], assignment.value
    if isinstance(target, ast.Name):
        strings.pop(target.id, None)  # rebound
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            strings[target.id] = value
        if isinstance(value, ast.Lambda):
            defined.add(target.id)
        return None, None
    name = doc_target(target)
    if name is None or name not in defined:
        return None, None
    text = strings.get(value.id) if isinstance(value, ast.Name) else value
    return name, text if isinstance(text, ast.Constant) and isinstance(text.value, str) else None


def doc_target(target: ast.expr) -> str | None:
    """`name` where `target` is `name.__doc__`, else None."""
    if isinstance(target, ast.Attribute) and target.attr == "__doc__" and isinstance(target.value, ast.Name):
        return target.value.id
    return None


def assigns_docstrings(tree: ast.Module) -> bool:
    """Whether the module sets or deletes a `__doc__` anywhere (`f.__doc__ = ...`, `+=`, in a decorator): what
    docstring doctest then finds may only be known by running the module."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.Delete)):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        else:
            continue
        if any(isinstance(part, ast.Attribute) and part.attr == "__doc__" for target in targets for part in ast.walk(target)):
            return True
    return False


def docstring_of(node: ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> ast.Constant | None:
    """The string constant that is a module's, class's or function's docstring, or None."""
    first = node.body[0] if node.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return first.value
    return None


def import_name(path: Path) -> tuple[Path, str]:
    """The folder to put on sys.path and the dotted name to import a module by, as pytest's default
    (`prepend`) import mode finds them: up through the folders that hold an `__init__.py`."""
    names = [] if path.name == "__init__.py" else [path.stem]
    folder = path.parent.resolve()
    while (folder / "__init__.py").is_file():
        names.insert(0, folder.name)
        folder = folder.parent
    return folder, ".".join(names)


class ExampleFailed(Exception):
    pass


class ExampleItem(pytest.Item):
    def __init__(self, *, example: Example, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.example = example
        example.pythonpath = self.config.stash[PYTHONPATH]
        self.request_id: int | None = None  # set when the example was sent to the zygote ahead of its turn
        if example.device == "cuda":
            self.add_marker(pytest.mark.gpu)

    def runtest(self) -> None:
        config = self.config
        zygote = config.stash[ZYGOTE]
        verdict = self.verdict(zygote)
        if verdict:
            kind, message = verdict
            if kind == "skip":
                pytest.skip(message)
            raise ExampleFailed(f"{self.example.filename}:{self.example.first_line}: {message}")
        result = zygote.run(self.example) if self.request_id is None else zygote.result(self.request_id)
        kept = result.get("kept", [])
        if config.getoption("--update-expected") and (result["rewrites"] or kept):
            written = config.stash[REWRITES].setdefault(self.path, [])
            # A block the update writes but cannot make true fails now, as the next run would; so does what it leaves.
            failures = update_failures(self.example.filename, written, result["rewrites"], kept)
            written.extend(result["rewrites"])
            if failures:
                raise ExampleFailed("\n\n".join(failures))
        elif result["problems"]:
            raise ExampleFailed("\n\n".join(result["problems"]))
        config.stash[VERIFIED_DEVICES].add(self.example.device)

    def verdict(self, zygote: Zygote) -> tuple[str, str] | None:
        """("skip", why) or ("fail", why) when this example cannot run here; None when it can."""
        if not hasattr(os, "fork"):
            return (
                "fail",
                f"pytest-array-examples runs each example in a forked process, and {sys.platform} has no os.fork (Linux and macOS have)",
            )
        wanted = self.config.getoption("--devices")
        device = self.example.device
        cuda = zygote.facts()["cuda"]
        if wanted != "auto" and device not in wanted.split(","):
            return "skip", f"--devices {wanted} leaves out {device} examples"
        if device == "cuda" and not cuda:
            if wanted != "auto":
                return "fail", "--devices asks for cuda, but torch.cuda.is_available() is False"
            return "skip", f"needs a CUDA GPU; torch.cuda.is_available() is False here (torch {zygote.facts()['torch']})"
        unmet = unmet_requirement(self.example.requires, zygote.facts())
        return ("skip", f"needs {unmet}") if unmet else None

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException]) -> str | TerminalRepr:  # type: ignore[override]
        if isinstance(excinfo.value, ExampleFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.example.first_line - 1, f"{self.example.filename}:{self.example.first_line}"


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> None:
    """Send every runnable example to the zygote before the first runs, so all cores work.

    Not in a pytest-xdist worker, which runs only the items its controller sends it: there each example
    goes to the zygote when its turn comes, and the workers keep the cores busy."""
    # An example skipped by its mark (<!--pytest.mark.skip-->) is neither imported for nor run.
    items = [item for item in session.items if isinstance(item, ExampleItem) and not item.get_closest_marker("skip")]
    if not items or session.config.option.collectonly:
        return None
    zygote = session.config.stash[ZYGOTE]
    if zygote.process is None:  # it imports what the examples import before its first fork, and only that
        zygote.preload = preload_list(session.config, [item.example for item in items])
    if hasattr(session.config, "workerinput"):
        return None
    runnable = [item for item in items if item.verdict(zygote) is None]
    for item, request_id in zip(runnable, zygote.submit_all([item.example for item in runnable]), strict=True):
        item.request_id = request_id
    return None  # pytest's own loop now runs the items, which collect their results in order


def preload_list(config: pytest.Config, examples: list[Example]) -> list[tuple[str, str | None]]:
    """The modules the zygote imports before its first fork (see preloads.static_imports): where `>>>` sessions run,
    first those that the statements of `array_examples_doctest_namespace` import, since every session runs them."""
    found: dict[str, str | None] = {}
    if any(example.session is not None for example in examples):
        found = {name: None for statement in config.stash[DOCTEST_NAMESPACE] for name in line_imports(statement)}
    for name, origin in static_imports(examples):
        if found.get(name) is None:
            found[name] = origin
    return list(found.items())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # A skip is reported where the example is, not where the plugin called pytest.skip.
    report = yield
    if isinstance(item, ExampleItem):
        # Travels with the report to an xdist controller, which collects nothing itself (is_example_report).
        report.user_properties.append((EXAMPLE_PROPERTY, True))
        if report.skipped and isinstance(report.longrepr, tuple):
            report.longrepr = (item.example.filename, item.example.first_line, report.longrepr[2])
    return report


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    for path, rewrites in config.stash[REWRITES].items():
        if apply_rewrites(path, rewrites):
            config.stash[CHANGED].append(path.relative_to(config.rootpath).as_posix())
    # Only a clean update run over every file of each kind it ran may say which versions produced the outputs.
    devices = config.stash[VERIFIED_DEVICES]
    full_run = every_file_of_its_kinds(config) and not config.stash[DESELECTED] and not session.testsfailed
    verified_name = config.getini("array_examples_verified_file")
    if config.getoption("--update-expected") and devices and full_run and verified_name:
        verified = config.rootpath / verified_name
        gpu = any(isinstance(item, ExampleItem) and item.example.device == "cuda" for item in session.items)
        if write_verified(verified, devices, verified_facts(config.stash[ZYGOTE]), gpu):
            config.stash[CHANGED].append(verified.relative_to(config.rootpath).as_posix())


def every_file_of_its_kinds(config: pytest.Config) -> bool:
    """Whether the run collected every file of each kind of example file it collected any of (snippets, pages, text
    files, docstring modules of `array_examples_doctest_modules`): `pytest snippets` covers the snippets, `pytest`
    everything, `pytest docs/page.md` not the pages."""
    collected = {path.resolve() for path in config.stash[COLLECTED]}
    kinds = [config.stash[key] for key in (SNIPPET_FILES, MARKDOWN_FILES, DOCTEST_FILES, DOCTEST_MODULES)]
    return all(kind <= collected for kind in kinds if kind & collected)


def verified_facts(zygote: Zygote) -> Facts:
    """The versions the examples ran with, as the versions line and the verified file say them: NumPy's with
    the legacy print mode they ran under, if any (`2.4.6 (legacy print mode 1.25)`)."""
    facts = zygote.facts()
    mode = f" (legacy print mode {zygote.legacy_print})" if zygote.legacy_print else ""
    return {**facts, "numpy": facts["numpy"] + mode}


def is_xdist_controller(config: pytest.Config) -> bool:
    """Whether this process is pytest-xdist's controller, whose workers run the tests (-n)."""
    return not hasattr(config, "workerinput") and (getattr(config.option, "numprocesses", None) or 0) > 0


def is_example_report(report: pytest.TestReport | pytest.CollectReport, config: pytest.Config) -> bool:
    """Whether a test or collection report comes from an example (a snippet file or a Markdown page)."""
    if (EXAMPLE_PROPERTY, True) in getattr(report, "user_properties", ()):
        return True
    path = (config.rootpath / report.nodeid.split("::")[0]).resolve()
    if report.nodeid in config.stash[DOCSTRING_ITEMS]:
        return True
    return any(path in config.stash[key] for key in (SNIPPET_FILES, MARKDOWN_FILES, DOCTEST_FILES))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if config.getoption("--update-expected"):
        changed = config.stash[CHANGED]
        terminalreporter.section("documented outputs updated")
        terminalreporter.write_line("\n".join(changed) if changed else "no file changed")
    # The versions line is a claim: print it only when examples ran and none of them failed.
    zygote = config.stash[ZYGOTE]
    example_reports = {
        outcome: [r for r in terminalreporter.stats.get(outcome, []) if is_example_report(r, config)]
        for outcome in ("passed", "failed", "error")
    }
    verified = example_reports["passed"] and not example_reports["failed"] and not example_reports["error"]
    # An xdist controller ran no example itself: its zygote, started here, has the workers' versions.
    if verified and (zygote.process is not None or is_xdist_controller(config)):
        facts = verified_facts(zygote)
        terminalreporter.write_line(
            f"examples verified with torch {facts['torch'] or '(not installed)'}, NumPy {facts['numpy']}, Python {facts['python']}, "
            f"CUDA: {facts['gpu'] or 'not available'}"
        )
