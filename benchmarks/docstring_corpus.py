"""Three checkers side by side on the `>>>` docstrings of NumPy and SciPy, read as they are (no conversion).

Run on demand (a measuring instrument, not a test), in a throwaway environment that has SciPy and
scipy-doctest beside this project's (they are not in requirements.txt):

    cp -a .venv /tmp/corpus-venv
    echo "$PWD/src" > /tmp/corpus-venv/lib/python3.11/site-packages/__editable__.pytest_array_examples-0.1.0.pth
    /tmp/corpus-venv/bin/python -m pip install scipy==1.17.1 scipy-doctest==2.2.0
    /tmp/corpus-venv/bin/python benchmarks/docstring_corpus.py                      # NumPy and SciPy, all figures
    /tmp/corpus-venv/bin/python benchmarks/docstring_corpus.py --only numpy --limit 40 --json /tmp/corpus.json

(call pip as `python -m pip`: the copied venv's scripts still name the original's interpreter).

The corpus: the module files that define the public objects of a fixed list of NumPy and SciPy modules
(`MODULES`), and in them every docstring with a `>>>` session, found as the plugin's
`--array-doctest-modules` finds them (plugin.docstring_nodes, read with `ast`). A documented output is an
input with output lines under it that is not `# doctest: +SKIP` and not `# may vary` / `# random`.

Each docstring goes, as the same text, to three checkers:

  harness       the plugin's own `>>>` support through its real zygote (a forked, isolated child per
                docstring, all sent at once on every core, as `pytest --array-doctest-modules` runs them)
  scipy-doctest 2.2.0, configured as NumPy's and SciPy's conftest.py configure it (`dt_config`: strict
                dtype checks, the seeded `default_rng`, warnings as errors, their skip lists), its DTParser
                and DTRunner under the context managers its pytest plugin enters; one process, docstrings
                in turn, as `pytest --doctest-modules` runs them (the runner goes on after a failure, as
                its `testmod` does, so every output is checked)
  doctest       the standard library's, NORMALIZE_WHITESPACE | ELLIPSIS, one process, as
                `pytest --doctest-modules` runs it

Every output ends as passed, failed, or unchecked: an output that was never compared (skipped by a
checker's own rules, after an exception that stopped the run, or in a docstring that timed out or crashed
its process) never counts as passed. The figures, per module file and per library:

  outputs       documented outputs in the corpus
  valid passed  outputs each checker passes on the unmodified docstrings
  rejected      for a seeded sample of outputs that all three pass, wrong versions of each kind in
                `MUTATIONS`, each run as the docstring cut after that output: how many each checker fails
  time          wall and CPU seconds (children included) of each checker on the unmodified docstrings,
                side by side in one run, in alternating order over `--rounds` rounds

`--legacy 1.25` asks the harness for NumPy's legacy print mode (the plugin's option, see `harness_zygote`).
The harness's docstrings start with what each library's conftest.py puts in every doctest's namespace
(`NAMESPACES`, the plugin's ini option `array_examples_doctest_namespace`); `--no-namespace` leaves it out.
"""

from __future__ import annotations

import argparse
import contextlib
import doctest
import importlib
import inspect
import json
import os
import random
import re
import resource
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from corpus_modules import NUMPY_MODULES

from array_examples import plugin, sessions
from array_examples.isolation import Zygote
from array_examples.preloads import static_imports
from array_examples.snippets import Example, SnippetError

MODULES = {
    "numpy": NUMPY_MODULES,
    # A fixed subset of SciPy's subpackages that keeps the run within minutes on 2 cores; scipy.stats, scipy.signal
    # and scipy.ndimage have 860 more outputs in 265 docstrings. Add them to measure them.
    "scipy": [
        "scipy.cluster.vq",
        "scipy.cluster.hierarchy",
        "scipy.constants",
        "scipy.fft",
        "scipy.integrate",
        "scipy.interpolate",
        "scipy.linalg",
        "scipy.optimize",
        "scipy.spatial",
        "scipy.special",
    ],
}
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
TIMEOUT = 60.0
PROBLEMS: list[list[str]] = []  # the harness's problems on each unmodified docstring, for --show
CHECKERS = ("harness", "scipy-doctest", "doctest")
PASSED, FAILED, UNCHECKED = "passed", "failed", "unchecked"


@dataclass
class Docstring:
    """One docstring's `>>>` session: where it is, and its lines from `first_line` of its file on."""

    package: str
    module: str  # the dotted name its examples take their globals from
    root: str  # the folder to import that module from
    path: str  # its file, relative to `root`
    name: str  # qualified name, as the plugin names the item
    first_line: int
    lines: list[str]

    def outputs(self) -> list[int]:
        """The file lines of the `>>>` inputs whose output is compared (not skipped, not marked to vary); where
        the harness cannot read the session, those that doctest's parser finds."""
        try:
            inputs = sessions.read_session(self.path, self.first_line, self.lines)
        except SnippetError:  # neither does doctest (a line indented less than its prompt): read them loosely
            outputs, lines = [], self.lines + [""]
            for number, text in enumerate(self.lines):
                if sessions.PROMPT.match(text):
                    after = next(n for n in range(number + 1, len(lines)) if not sessions.CONTINUATION.match(lines[n]))
                    if lines[after].strip() and not sessions.PROMPT.match(lines[after]):
                        outputs.append(self.first_line + number)
            return outputs
        return [entry.line for entry in inputs if entry.want and not entry.skipped and not entry.varies]

    def spans(self) -> dict[int, tuple[int, int]]:
        """{input line: (its first line, its last line of output or of code)} for every input."""
        try:
            inputs = sessions.read_session(self.path, self.first_line, self.lines)
        except SnippetError:
            return {line: (line, line) for line in self.outputs()}
        return {e.line: (e.line, e.want[-1][0] if e.want else e.end_line) for e in inputs}

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


# ---- the corpus ---------------------------------------------------------------------------------


def module_files(package: str) -> list[Path]:
    """The .py files that define the public routines and classes of the package's listed modules."""
    base = Path(importlib.import_module(package).__file__).parent
    files = set()
    for name in MODULES[package]:
        module = importlib.import_module(name)
        files.add(Path(module.__file__))
        for attribute in dir(module):
            value = getattr(module, attribute, None)
            if attribute.startswith("_") or not callable(value):
                continue
            try:
                source = inspect.getsourcefile(inspect.unwrap(value))
            except (TypeError, ValueError):
                continue  # compiled: its docstring is not in a .py file
            if source and source.endswith(".py") and base in Path(source).parents and "tests" not in Path(source).parts:
                files.add(Path(source))
    return sorted(files)


def find_docstrings(package: str) -> list[Docstring]:
    """Every docstring with a `>>>` session in the package's module files, as the plugin collects them; those
    without an output to compare (plots, setup) are left out: they add time and no figure."""
    found = []
    for path in module_files(package):
        file_lines = path.read_bytes().decode("utf-8-sig").splitlines()
        tree = plugin.ast.parse("\n".join(file_lines) + "\n")
        root, module = plugin.import_name(path)
        shown_as = path.relative_to(root).as_posix()
        for qualname, node in plugin.docstring_nodes(tree, module):
            lines = plugin.docstring_lines(node, file_lines)
            doc = Docstring(package, module, str(root), shown_as, qualname, node.lineno, lines)
            if sessions.has_session(lines) and doc.outputs():
                found.append(doc)
    return found


# ---- mutations: wrong versions of a documented output ----------------------------------------------

NUMBER = re.compile(r"(?<![\w.])-?\d+\.?\d*(?:e[-+]?\d+)?(?![\w.])")
FLOAT = re.compile(r"(?<![\w.])-?\d+\.\d*(?:e[-+]?\d+)?(?![\w.])|(?<![\w.])-?\d+e[-+]?\d+(?![\w.])")
FIELD = re.compile(r"\b[A-Z]\w*\((\w+)=")


def numbers(text: str) -> list[re.Match]:
    return [m for m in NUMBER.finditer(text) if not re.search(r"[A-Za-z_]\d*$", text[: m.start()])]


def digit_changed(text: str, rng: random.Random) -> str | None:
    """The last digit of one number, one up (9 becomes 8): 721 for 720; None where the new text reads as the same float."""
    found = numbers(text)
    if not found:
        return None
    match = rng.choice(found)
    digits = [i for i in range(match.start(), match.end()) if text[i].isdigit()]
    mantissa_end = text.find("e", match.start(), match.end())
    if mantissa_end != -1:
        digits = [i for i in digits if i < mantissa_end]
    at = digits[-1]
    new = "8" if text[at] == "9" else str(int(text[at]) + 1)
    changed = text[:at] + new + text[at + 1 :]
    if float(changed[match.start() : match.end()]) == float(match[0]):
        return None  # 17 significant digits can name the same float: `7.401486830834378e-15` is `...377e-15`
    return changed


def sign_flipped(text: str, rng: random.Random) -> str | None:
    """One non-zero number with its sign flipped."""
    found = [m for m in numbers(text) if float(m[0]) != 0]
    if not found:
        return None
    match = rng.choice(found)
    value = match[0]
    flipped = value[1:] if value.startswith("-") else "-" + value
    return text[: match.start()] + flipped + text[match.end() :]


def innermost_lists(text: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """(open, close, element spans) of each bracket pair that holds no other bracket and two or more elements."""
    found = []
    for match in re.finditer(r"\[([^\[\]()]*)\]", text):
        spans, start = [], match.start() + 1
        for part in re.finditer(r"[^,\s][^,]*?(?=\s*(,|$))", match[1]):
            spans.append((start + part.start(), start + part.end()))
        if len(spans) >= 2:
            found.append((match.start(), match.end(), spans))
    return found


def element_dropped(text: str, rng: random.Random) -> str | None:
    """One element of a list dropped; not one beside a `...`, which the `...` would then stand for as well (a
    summary that shows fewer edge items, a doctest ELLIPSIS that matches more: still a true output)."""
    lists = innermost_lists(text)
    if not lists:
        return None
    _, close, spans = rng.choice(lists)
    beside = {n + step for n, (start, end) in enumerate(spans) if text[start:end] == "..." for step in (-1, 1)}
    choices = [n for n in range(len(spans)) if n not in beside]
    if not choices:
        return None
    number = rng.choice(choices)
    if number + 1 < len(spans):
        return text[: spans[number][0]] + text[spans[number + 1][0] :]
    return text[: spans[number - 1][1]] + text[spans[number][1] : close] + text[close:]


def element_added(text: str, rng: random.Random) -> str | None:
    lists = innermost_lists(text)
    if not lists:
        return None
    _, _, spans = rng.choice(lists)
    start, end = spans[-1]
    return text[:end] + ", " + text[start:end] + text[end:]


def shape_changed(text: str, rng: random.Random) -> str | None:
    """One more level of brackets round the outermost list: shape (3,) becomes (1, 3)."""
    start = text.find("[")
    if start == -1:
        return None
    depth = 0
    for at in range(start, len(text)):
        depth += {"[": 1, "]": -1}.get(text[at], 0)
        if depth == 0:
            return text[:start] + "[" + text[start : at + 1] + "]" + text[at + 1 :]
    return None


def int_for_float(text: str, rng: random.Random) -> str | None:
    """Every float written as the integer it equals (`2.` as `2`), where all floats are whole and no type names them."""
    found = list(FLOAT.finditer(text))
    if not found or re.search(r"float\d*\(|dtype=|complex|nan|inf|j\b", text):
        return None
    if any(float(m[0]) != int(float(m[0])) or abs(float(m[0])) > 1e15 for m in found):
        return None
    for match in reversed(found):
        text = text[: match.start()] + str(int(float(match[0]))) + text[match.end() :]
    return text


def field_renamed(text: str, rng: random.Random) -> str | None:
    found = list(re.finditer(r"(?<=[(,] )(\w+)=|(?<=\()(\w+)=", text))
    if not FIELD.search(text) or not found:
        return None
    match = rng.choice(found)
    return text[: match.start()] + match[0][:-1] + "_x=" + text[match.end() :]


def tuple_element_dropped(text: str, rng: random.Random) -> str | None:
    """The last element of an output that is a tuple, `(a, b)` as `(a,)`."""
    stripped = text.strip()
    if not (stripped.startswith("(") and stripped.endswith(")")):
        return None
    depth, commas = 0, []
    for at, char in enumerate(stripped):
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(char, 0)
        if depth == 0 and at < len(stripped) - 1:
            return None  # `(a) + (b)`: not one tuple
        if depth == 1 and char == ",":
            commas.append(at)
    if not commas or not stripped[commas[-1] + 1 : -1].strip():
        return None
    if len(commas) == 1:
        return stripped[: commas[0]] + ",)"
    return stripped[: commas[-1]] + ")"


def nested_list(text: str, rng: random.Random) -> str | None:
    """`array([[1, 2], [3, 4]])` documented as `[[1, 2], [3, 4]]`."""
    match = re.match(r"\s*array\((\[.*\])(,\s*dtype=[\w.'\"]+)?\)\s*$", text, re.DOTALL)
    if not match:
        return None
    return "\n".join(row[6:] if number else row for number, row in enumerate(match[1].split("\n")))


MUTATIONS = {
    "digit changed": digit_changed,
    "sign flipped": sign_flipped,
    "element dropped": element_dropped,
    "element added": element_added,
    "shape changed": shape_changed,
    "int for float": int_for_float,
    "field renamed": field_renamed,
    "tuple element dropped": tuple_element_dropped,
    "array as nested list": nested_list,
}


def want_text(doc: Docstring, line: int) -> str:
    """The output documented under the input at `line`."""
    entry = next(e for e in sessions.read_session(doc.path, doc.first_line, doc.lines) if e.line == line)
    return "\n".join(text for _, text in entry.want)


def mutants(doc: Docstring, line: int, rng: random.Random) -> list[tuple[str, Docstring]]:
    """(kind, docstring) for each kind of wrong output that applies to the output under the input at `line`:
    the docstring up to that output, the output replaced, its indentation kept."""
    entry = next(e for e in sessions.read_session(doc.path, doc.first_line, doc.lines) if e.line == line)
    want = "\n".join(text for _, text in entry.want)
    if entry.options.get(doctest.IGNORE_EXCEPTION_DETAIL) and sessions.TRACEBACK.match(entry.want[0][1]):
        return []  # its message is documented as not compared: no version of it is wrong
    cut = entry.want[-1][0] - doc.first_line + 1
    before = doc.lines[: entry.want[0][0] - doc.first_line]
    found = []
    for kind, mutate in MUTATIONS.items():
        wrong = mutate(want, rng)
        if wrong is None or wrong.strip() == want.strip():
            continue
        lines = before + [" " * entry.indent + row for row in wrong.split("\n")]
        assert len(before) < cut
        found.append((kind, Docstring(doc.package, doc.module, doc.root, doc.path, doc.name, doc.first_line, lines)))
    return found


# ---- checker 1: the harness ------------------------------------------------------------------------

PROBLEM = re.compile(r"^(?P<file>[^\n:]+):(?P<line>\d+): (?P<title>[^\n]*)", re.MULTILINE)
WHOLE = ("timed out", "crashed", "exited with code", "harness error", "cannot import", "setup failed")  # the docstring as a whole


def harness_zygote(timeout: float, legacy: str | None, examples: list[Example]) -> Zygote:
    """The plugin's zygote for `examples`, as pytest_configure makes it and pytest_runtestloop gives it the
    modules the examples import (to import once, before its first fork); `legacy`, NumPy's legacy print mode,
    where the plugin has it."""
    if legacy is None:
        zygote = Zygote(timeout=timeout)
    else:
        parameters = inspect.signature(Zygote).parameters
        name = next((name for name in ("legacy_print", "legacy") if name in parameters), None)
        if name is None:
            sys.exit("--legacy: this version of the plugin has no legacy print option (array_examples_legacy_print)")
        zygote = Zygote(timeout=timeout, **{name: legacy})
    zygote.preload = static_imports(examples)
    return zygote


# What each library's conftest.py puts in every doctest's namespace (NumPy's: `doctest_namespace['np'] = numpy`),
# as the plugin's ini option array_examples_doctest_namespace declares it; emptied by --no-namespace.
NAMESPACES = {"numpy": ["import numpy as np"], "scipy": []}


def harness_example(doc: Docstring) -> Example:
    """The example the plugin's DocstringModule collector makes of this docstring."""
    session = {"flags": FLAGS, "module": doc.module, "root": doc.root, "namespace": NAMESPACES[doc.package]}
    return Example(doc.path, None, doc.first_line, doc.lines, session=session)


def run_harness(docs: list[Docstring], timeout: float, legacy: str | None) -> tuple[list[dict[int, str]], list[list[str]]]:
    """Each docstring's outputs, passed, failed or unchecked, by the line of their input; and its problems."""
    examples = [harness_example(doc) for doc in docs]
    zygote = harness_zygote(timeout, legacy, examples)
    try:
        ids = zygote.submit_all(examples)
        results = [zygote.result(request_id) for request_id in ids]
    finally:
        zygote.close()
    problems = [result["problems"] for result in results]
    return [harness_statuses(doc, found) for doc, found in zip(docs, problems)], problems


def harness_statuses(doc: Docstring, problems: list[str]) -> dict[int, str]:
    """Where the harness's problems (`file:line: title`) fall. An output with a problem failed. An unexpected
    exception fails its own input's output, and the session goes on, as doctest's (the outputs after it are
    still compared). A docstring the harness cannot read (it runs none of it), or one that timed out, crashed
    or failed to import, leaves every other output unchecked."""
    outputs = doc.outputs()
    statuses = dict.fromkeys(outputs, PASSED)
    spans = doc.spans()
    try:
        sessions.example_statements(harness_example(doc))
        unreadable = False
    except SnippetError:
        unreadable = True
    for problem in problems:
        match = PROBLEM.match(problem)
        line, title = (int(match["line"]), match["title"]) if match else (0, problem)
        owner = next((start for start, (first, last) in spans.items() if first <= line <= last), None)
        whole = title.startswith(WHOLE) or owner is None
        if owner in statuses and not whole:
            statuses[owner] = FAILED
        for output in outputs if unreadable or whole else []:
            if statuses[output] == PASSED:
                statuses[output] = UNCHECKED
    return statuses


# ---- checkers 2 and 3: scipy-doctest and doctest, in a worker process -------------------------------


def dt_configs() -> dict:
    """scipy-doctest's DTConfig for each library, as its conftest.py sets it (NumPy 2.4's, SciPy 1.17's)."""
    import numpy as np
    from scipy_doctest.impl import DTConfig

    @contextlib.contextmanager
    def numpy_context(test=None):
        with warnings_filtered([("ignore", DeprecationWarning, "numpy.core|Importing from numpy.matlib")]):
            with warnings_filtered([("ignore", RuntimeWarning, "invalid value encountered|divide by zero encountered")]):
                yield

    numpy = DTConfig(strict_check=True, optionflags=FLAGS, user_context_mgr=numpy_context)
    numpy.rndm_markers |= {"#uninitialized", "# uninitialized"}
    numpy.check_namespace["StringDType"] = np.dtypes.StringDType
    numpy.skiplist = {"numpy.savez", "numpy.matlib.savez", "numpy.__array_namespace_info__"}

    @contextlib.contextmanager
    def scipy_context(test=None):
        from scipy._lib._util import _fixed_default_rng

        with _fixed_default_rng():
            np.random.seed(None)
            with warnings_filtered([("error", Warning, "")]):
                yield

    scipy = DTConfig(strict_check=True, user_context_mgr=scipy_context)
    scipy.stopwords.add(".text(")
    scipy.skiplist = {"scipy.special.sinc", "scipy.optimize.show_options", "scipy.signal.normalize"}
    return {"numpy": numpy, "scipy": scipy}


@contextlib.contextmanager
def warnings_filtered(filters: list[tuple[str, type, str]]):
    import warnings

    with warnings.catch_warnings():
        for action, category, message in filters:
            warnings.filterwarnings(action, message=message, category=category)
        yield


def check_one(kind: str, doc: Docstring, configs: dict) -> dict[int, str]:
    """Run one docstring under plain doctest or scipy-doctest; each output's status by its input's line."""
    statuses = dict.fromkeys(doc.outputs(), UNCHECKED)
    globs = dict(vars(importlib.import_module(doc.module)))
    if doc.package == "numpy":
        globs["np"] = importlib.import_module("numpy")  # numpy/conftest.py's doctest_namespace
    if kind == "doctest":
        parser, config = doctest.DocTestParser(), None
        runner = doctest.DocTestRunner(verbose=False, optionflags=FLAGS)
    else:
        from scipy_doctest.impl import DTParser, DTRunner

        config = configs[doc.package]
        if doc.name in config.skiplist:
            return statuses
        parser, runner = DTParser(config=config), DTRunner(verbose=False, config=config)
    test = parser.get_doctest(doc.text(), globs, doc.name, doc.path, doc.first_line - 1)

    def record(status):
        def report(out, test, example, *rest):
            line = doc.first_line + example.lineno
            ignored = "# _ignore" in example.want
            if line in statuses:
                statuses[line] = UNCHECKED if ignored else status

        return report

    runner.report_success = record(PASSED)
    runner.report_failure = record(FAILED)
    runner.report_unexpected_exception = record(FAILED)
    if kind == "doctest":
        runner.run(test, out=lambda text: None)
        return statuses
    from scipy_doctest.util import matplotlib_make_nongui, np_errstate, temp_cwd

    with np_errstate(), config.user_context_mgr(test), matplotlib_make_nongui(), temp_cwd(test, config.local_resources):
        runner.run(test, out=lambda text: None)
    return statuses


def worker(kind: str, docs_file: str, start: int, progress_fd: int) -> None:
    """A worker's main: check the docstrings from `start` on, writing each one's statuses as a JSON line."""
    docs = [Docstring(**data) for data in json.loads(Path(docs_file).read_text())]
    sys.stdin = open(os.devnull)  # an example that reads input gets end of file, as under pytest
    progress = os.fdopen(progress_fd, "w", buffering=1)
    os.chdir(tempfile.mkdtemp(prefix="corpus-worker-"))
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    configs = dt_configs() if kind == "scipy-doctest" else {}
    for number in range(start, len(docs)):
        try:
            statuses = check_one(kind, docs[number], configs)
        except Exception:  # the module fails to import, or the parser refuses the docstring
            statuses = dict.fromkeys(docs[number].outputs(), UNCHECKED)
        progress.write(json.dumps([number, statuses]) + "\n")


def run_worker(kind: str, docs: list[Docstring], timeout: float) -> tuple[list[dict[int, str]], list[str]]:
    """Every docstring through one worker process in turn; a docstring that runs past `timeout` or ends the process
    is marked (all its outputs unchecked) and a new worker goes on from the next. Returns the statuses and
    `name: timed out|crashed` notes."""
    results: list[dict[int, str] | None] = [None] * len(docs)
    notes = []
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump([asdict(doc) for doc in docs], handle)
    start = 0
    while start < len(docs):
        read_end, write_end = os.pipe()
        command = [sys.executable, __file__, "--worker", kind, handle.name, str(start), str(write_end)]
        process = subprocess.Popen(command, pass_fds=[write_end], stdin=subprocess.DEVNULL, start_new_session=True)
        os.close(write_end)
        buffer, deadline, ended = b"", time.monotonic() + timeout, None
        while ended is None:
            ready, _, _ = select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                ended = "timed out"
                os.killpg(process.pid, signal.SIGKILL)
                break
            chunk = os.read(read_end, 65536)
            if not chunk:
                ended = "crashed"
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                number, statuses = json.loads(line)
                results[number] = {int(k): v for k, v in statuses.items()}
                start = number + 1
                deadline = time.monotonic() + timeout
            if start == len(docs):
                ended = "done"
        process.wait()
        os.close(read_end)
        if ended != "done" and start < len(docs):
            notes.append(f"{docs[start].path}::{docs[start].name}: {ended}")
            results[start] = dict.fromkeys(docs[start].outputs(), UNCHECKED)
            start += 1
    os.unlink(handle.name)
    return [r if r is not None else dict.fromkeys(d.outputs(), UNCHECKED) for r, d in zip(results, docs)], notes


# ---- timing and the figures ------------------------------------------------------------------------


def timed(run):
    """(what `run()` returns, {wall_s, cpu_s}) with the CPU of this process and its waited-for children."""
    before_self, before_children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    value = run()
    wall = time.perf_counter() - start
    after_self, after_children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(
        getattr(after, field) - getattr(before, field)
        for after, before in ((after_self, before_self), (after_children, before_children))
        for field in ("ru_utime", "ru_stime")
    )
    return value, {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2)}


def run_checker(kind: str, docs: list[Docstring], args) -> tuple[list[dict[int, str]], list[str]]:
    if kind == "harness":
        statuses, problems = run_harness(docs, args.timeout, args.legacy)
        PROBLEMS[:] = problems
        return statuses, []
    return run_worker(kind, docs, args.timeout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=sorted(MODULES), help="one library's docstrings only")
    parser.add_argument("--limit", type=int, help="at most this many docstrings per library (a quick look)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds one docstring may run (default %(default)s)")
    parser.add_argument("--rounds", type=int, default=2, help="timed rounds over the valid docstrings, order alternating")
    parser.add_argument("--sample", type=int, default=150, help="outputs per library that get mutated (default %(default)s)")
    parser.add_argument("--seed", type=int, default=16, help="seed of the mutation sample (default %(default)s)")
    parser.add_argument("--modules", help="comma-separated modules to read instead of the library's list (with --only)")
    parser.add_argument("--containing", help="only the docstrings whose text contains this string")
    parser.add_argument("--legacy", help="NumPy legacy print mode for the harness, e.g. 1.25")
    parser.add_argument("--no-namespace", action="store_true", help="the harness's docstrings start without NAMESPACES")
    parser.add_argument(
        "--show",
        type=int,
        default=0,
        help="print N examples of each reason the harness fails an output that scipy-doctest passes",
    )
    args = parser.parse_args()

    packages = [args.only] if args.only else sorted(MODULES)
    if args.no_namespace:
        NAMESPACES.update(dict.fromkeys(NAMESPACES, []))
    docs: list[Docstring] = []
    if args.modules:
        MODULES[packages[0]] = args.modules.split(",")
    for package in packages:
        found = [doc for doc in find_docstrings(package) if not args.containing or args.containing in doc.text()]
        docs += found[: args.limit]
    summary = {
        "versions": {name: importlib.import_module(name).__version__ for name in ("numpy", *packages, "scipy_doctest")},
        "machine": f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start",
        "docstrings": len(docs),
        "times": {kind: [] for kind in CHECKERS},
    }
    valid: dict[str, list[dict[int, str]]] = {}
    notes: dict[str, list[str]] = {}
    for number in range(args.rounds):
        order = CHECKERS if number % 2 == 0 else tuple(reversed(CHECKERS))
        for kind in order:
            (statuses, found), times = timed(lambda kind=kind: run_checker(kind, docs, args))
            if kind == "harness" and number == 0:
                problems = list(PROBLEMS)
            summary["times"][kind].append(times)
            valid.setdefault(kind, statuses)
            notes.setdefault(kind, found)
            print(f"round {number + 1}: {kind}: {times['wall_s']} s wall, {times['cpu_s']} s CPU", file=sys.stderr)
    summary["load_average_end"] = round(os.getloadavg()[0], 2)
    summary["timeouts_and_crashes"] = notes

    # The mutation sample: outputs that all three checkers pass as written.
    rng = random.Random(args.seed)
    mutated: list[tuple[str, str, Docstring]] = []  # (package, kind, docstring cut after the wrong output)
    targets: list[tuple[int, int]] = []  # (docstring number, input line) per mutant
    for package in packages:
        eligible = [
            (number, line)
            for number, doc in enumerate(docs)
            if doc.package == package
            for line in doc.outputs()
            if all(valid[kind][number].get(line) == PASSED for kind in CHECKERS)
        ]
        sample = set(rng.sample(eligible, min(args.sample, len(eligible))))
        # Result objects are few: every eligible one is mutated, so that renamed fields are tried at all.
        sample |= {(number, line) for number, line in eligible if args.sample and FIELD.search(want_text(docs[number], line))}
        for number, line in sorted(sample):
            for kind, mutant in mutants(docs[number], line, rng):
                mutated.append((package, kind, mutant))
                targets.append((number, line))
    mutant_docs = [m for _, _, m in mutated]
    rejected = {kind: run_checker(kind, mutant_docs, args)[0] for kind in CHECKERS}

    summary["packages"] = {}
    for package in packages:
        figures = {"modules": {}, "mutations": {}}
        for number, doc in enumerate(docs):
            if doc.package != package:
                continue
            row = figures["modules"].setdefault(doc.path, {"docstrings": 0, "outputs": 0, **{kind: 0 for kind in CHECKERS}})
            row["docstrings"] += 1
            row["outputs"] += len(doc.outputs())
            for kind in CHECKERS:
                row[kind] += sum(status == PASSED for status in valid[kind][number].values())
        by_kind: dict[str, Counter] = defaultdict(Counter)
        for index, (owner, kind_of_mutation, _) in enumerate(mutated):
            if owner != package:
                continue
            line = targets[index][1]
            by_kind[kind_of_mutation]["wrong outputs"] += 1
            for kind in CHECKERS:
                by_kind[kind_of_mutation][kind] += rejected[kind][index].get(line) == FAILED
        figures["mutations"] = {k: dict(v) for k, v in by_kind.items()}
        figures["harness_let_through"] = [
            f"{kind_of_mutation}: {mutant.path}:{targets[index][1]} ({mutant.name}): {mutant.lines[-1].strip()}"
            for index, (owner, kind_of_mutation, mutant) in enumerate(mutated)
            if owner == package and rejected["harness"][index].get(targets[index][1]) != FAILED
        ]
        figures["sampled_outputs"] = len({targets[i] for i, m in enumerate(mutated) if m[0] == package})
        summary["packages"][package] = figures
    if args.show:
        summary["harness_fails_where_scipy_doctest_passes"] = differences(docs, valid, problems, args.show)
    print_summary(summary)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


def reason(problem: str) -> str:
    """A short name for why the harness failed an output, from its problem text (see `differences`)."""
    match = PROBLEM.match(problem)
    title = match["title"].split(", under `")[0] if match else problem.splitlines()[0][:60]
    if "NameError: name 'np' is not defined" in problem:
        return "NameError: np (NumPy's conftest gives every doctest `np`; the harness only the module's globals)"
    if title == "documented value differs":
        if re.search(r"documented (int|float|complex|bool), actual numpy\.", problem):
            return "a Python scalar documented, a NumPy scalar returned (NumPy 1 repr)"
        if "documented list, actual numpy.ndarray" in problem:
            return "a list documented, an array returned"
        detail = problem.splitlines()[1].strip() if "\n" in problem else ""
        field = re.split(r"\s(?:at|of)\s|:", detail, maxsplit=1)[0]
        return f"documented value differs ({field})"
    if title == "unexpected exception":
        kind = problem.splitlines()[1].strip().split(":")[0] if "\n" in problem else "?"
        return f"unexpected exception ({kind})"
    return re.sub(r"\d+(\.\d+)?", "N", title)


def differences(docs: list[Docstring], valid: dict, problems: list[list[str]], per_reason: int) -> dict[str, dict]:
    """Per library, the outputs that scipy-doctest passes and the harness does not, grouped by the harness's reason
    (an unchecked output by the problem that stopped the run): {reason: {"outputs": n, "examples": [...]}}."""
    found: dict[str, dict] = defaultdict(dict)
    for number, doc in enumerate(docs):
        spans = doc.spans()
        lines = [(int(m["line"]) if (m := PROBLEM.match(p)) else 0, p) for p in problems[number]]
        for line, status in valid["scipy-doctest"][number].items():
            mine = valid["harness"][number].get(line)
            if status != PASSED or mine == PASSED:
                continue
            first, last = spans.get(line, (line, line))
            own = [p for at, p in lines if first <= at <= last] if mine == FAILED else []
            earlier = [p for at, p in lines if at < first] or [p for _, p in lines]
            stopped = [p for p in earlier if re.search(r": (unexpected exception|timed out|crashed|exited|cannot)", p)]
            text = own[0] if own else (stopped or earlier or ["?"])[0]
            why = reason(text) if own else f"not reached: {reason(text)}"
            group = found[doc.package].setdefault(why, {"outputs": 0, "examples": []})
            group["outputs"] += 1
            if len(group["examples"]) < per_reason:
                group["examples"].append(f"{doc.path}:{line} ({doc.name}): {text}")
    return {package: dict(sorted(groups.items(), key=lambda item: -item[1]["outputs"])) for package, groups in found.items()}


def print_summary(summary: dict) -> None:
    print(", ".join(f"{name} {version}" for name, version in summary["versions"].items()) + f"; {summary['machine']}")
    header = f"{'module file':52s} {'docs':>5s} {'outputs':>7s} " + " ".join(f"{kind:>13s}" for kind in CHECKERS)
    for package, figures in summary["packages"].items():
        print(f"\n{package}: valid outputs passed\n{header}")
        total = Counter()
        for path, row in sorted(figures["modules"].items()):
            total.update(row)
            print(f"{path:52s} {row['docstrings']:5d} {row['outputs']:7d} " + " ".join(f"{row[kind]:13d}" for kind in CHECKERS))
        print(
            f"{'total':52s} {total['docstrings']:5d} {total['outputs']:7d} " + " ".join(f"{total[kind]:13d}" for kind in CHECKERS)
        )
        print(f"\n{package}: wrong outputs rejected ({figures['sampled_outputs']} outputs that all three pass, mutated)")
        print(f"{'kind':28s} {'wrong':>7s} " + " ".join(f"{kind:>13s}" for kind in CHECKERS))
        total = Counter()
        for kind, row in figures["mutations"].items():
            total.update(row)
            print(f"{kind:28s} {row['wrong outputs']:7d} " + " ".join(f"{row.get(k, 0):13d}" for k in CHECKERS))
        print(f"{'total':28s} {total['wrong outputs']:7d} " + " ".join(f"{total[k]:13d}" for k in CHECKERS))
        for text in figures["harness_let_through"]:
            print(f"  the harness did not reject: {text}")
    print(f"\ntime on the {summary['docstrings']} unmodified docstrings (wall / CPU with children), by round:")
    for kind, rounds in summary["times"].items():
        print(f"  {kind:14s} " + "   ".join(f"{t['wall_s']:7.2f} s / {t['cpu_s']:7.2f} s" for t in rounds))
    harness, scipy = summary["times"]["harness"], summary["times"]["scipy-doctest"]
    for number, (mine, theirs) in enumerate(zip(harness, scipy)):
        print(
            f"  round {number + 1}: harness / scipy-doctest {mine['wall_s'] / theirs['wall_s']:.2f}x wall, "
            f"{mine['cpu_s'] / theirs['cpu_s']:.2f}x CPU"
        )
    print(f"  load average at the end: {summary['load_average_end']}")
    for kind, found in summary["timeouts_and_crashes"].items():
        for note in found:
            print(f"  {kind}: {note}")
    for package, groups in summary.get("harness_fails_where_scipy_doctest_passes", {}).items():
        print(f"\n{package}: outputs scipy-doctest passes and the harness does not, by the harness's reason")
        for why, group in groups.items():
            print(f"  {group['outputs']:5d}  {why}")
            for text in group["examples"]:
                print("           " + text.replace("\n", "\n             "))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        main()
