"""The harness on a corpus nobody here wrote: the doctests inside the installed torch and NumPy.

This runner converts docstrings to snippet files (snippet_speed.py --corpus times the `#>` format on them);
the harness, scipy-doctest and doctest side by side on the docstrings as written is docstring_corpus.py.

Run on demand (a measuring instrument, not a test):

    python benchmarks/doctest_corpus.py                    # both libraries, all figures
    python benchmarks/doctest_corpus.py --only numpy --limit 50 --keep-files /tmp/corpus
    python benchmarks/doctest_corpus.py --json corpus.json --no-timing

It finds the docstrings of a fixed list of public torch and NumPy modules with
the standard library's `doctest.DocTestFinder`, converts each docstring to one
snippet file (source lines as code, the expected output as `#>` lines under the
statement, a traceback as `#! raises Type: message`), and sorts them:

  kept      runnable on this machine with a reproducible output
  skipped   with the reason: unseeded randomness, uninitialised memory, GPU,
            files or network, a doctest or xdoctest directive, a missing package,
            or text that cannot be converted

The kept files then run three ways:

  harness      the real `Zygote` (a forked, compared child per file), as pytest runs them
  doctest      plain `doctest`, NORMALIZE_WHITESPACE | ELLIPSIS, on the same examples
  in-process   one interpreter exec()s every file in a fresh namespace: no isolation, no checks

and it prints how many documented outputs each way passes, the harness's
failures grouped by reason (its problem titles, and the field that differs),
and the wall and system times of the harness against in-process exec.
"""

from __future__ import annotations

import argparse
import ast
import doctest
import importlib
import importlib.util
import inspect
import json
import os
import re
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from corpus_modules import NUMPY_MODULES

from array_examples.isolation import Zygote
from array_examples.snippets import Example, SnippetError, parse_statements

# Public modules whose docstrings make the corpus. Importing every submodule of torch
# is slow and some need optional packages, so the list is fixed; a module that fails
# to import is reported and skipped.
MODULES = {
    "torch": [
        "torch",
        "torch.functional",
        "torch.nn.functional",
        "torch.nn",
        "torch.nn.init",
        "torch.nn.utils",
        "torch.nn.utils.rnn",
        "torch.linalg",
        "torch.fft",
        "torch.special",
        "torch.autograd",
        "torch.autograd.functional",
        "torch.autograd.forward_ad",
        "torch.autograd.graph",
        "torch.func",
        "torch.sparse",
        "torch.masked",
        "torch.nested",
        "torch.random",
        "torch.testing",
        "torch.utils.data",
        "torch.optim",
        "torch.signal.windows",
        "torch.overrides",
        "torch.storage",
        "torch.serialization",
        "torch.distributions",
    ],
    "numpy": NUMPY_MODULES,
}
# Classes whose methods live on a base type that the module walk does not reach.
EXTRA_CLASSES = {"torch": {"torch.Tensor": "torch._C.TensorBase"}, "numpy": {}}
# What each library's own doctest runs set up before a docstring (torch's xdoctest
# global setup; NumPy's conftest); written at the top of every converted file.
PREAMBLE = {
    "torch": ["import torch", "from torch import nn", "import torch.nn.functional as F", "import numpy as np"],
    "numpy": ["import numpy as np"],
}
TIMEOUT = 30.0
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS

# ---- reasons to skip a docstring, read from its kept source and outputs -------------------

GPU = re.compile(r"\bcuda\b|\.cuda\(|TORCH_DOCTEST_CUDA|\bmps\b|\bxpu\b|device=['\"]meta")
FILES_OR_NETWORK = re.compile(
    r"\bopen\(|\.save\(|\.load\(|savetxt|loadtxt|genfromtxt|fromfile|tofile|memmap|savez|"
    r"urllib|https?://|download|\bhub\.|TemporaryFile|NamedTemporaryFile|os\.remove|"
    r"\.npy\b|\.npz\b|\.pt\b|\.pth\b|DataLoader\(.*num_workers|torch\.distributed|\bdist\.|multiprocessing"
)
UNINITIALISED = re.compile(r"\bempty\w*\(|new_empty\w*\(|np\.ndarray\(|ndarray\(shape|torch\.Tensor\(\d")
RANDOM = re.compile(
    r"\brandn?\(|\brand_like|\brandn_like|randint|randperm|\brandom\(|random_sample|standard_normal|"
    r"\bnormal\(|\bnormal_\(|uniform_?\(|bernoulli|multinomial|\bdropout|shuffle\(|permutation\(|\.choice\(|"
    r"\.random_\(|exponential_?\(|geometric_|cauchy_|log_normal_|default_rng\(\s*\)|RandomState\(\s*\)|\.sample\(|rsample\("
)
SEED = re.compile(r"manual_seed\(|\.seed\(\s*\w|default_rng\(\s*\w|RandomState\(\s*\w|seed=\s*\w|Generator\(\s*\w+\(\s*\w")
COMPILES = re.compile(r"torch\.compile\(|@torch\.compile|torch\.export\.|torch\._dynamo|torch\.jit\.|torch\.fx\.")
# Outputs that random or uninitialised data leave unchanged: shapes, dtypes, truth values, sizes.
SHAPE_LIKE = re.compile(r"(torch\.Size\(\[[\d, ]*\]\)|\([\d, ]*\)|True|False|torch\.\w+|dtype\('?\w+'?\)|\d+)")
XDOCTEST = re.compile(r"#\s*xdoctest:\s*([+-])(\w+)(\((.*)\))?")


@dataclass
class Converted:
    """One docstring: where it came from, its snippet text, and why it is skipped (None if kept)."""

    name: str
    package: str
    doctest: doctest.DocTest
    examples: list = field(default_factory=list)  # the doctest.Example objects kept
    lines: list = field(default_factory=list)  # the snippet file's lines
    skipped: str | None = None
    dropped: Counter = field(default_factory=Counter)  # statements left out, by reason
    path: str = ""

    def example(self) -> Example:
        return Example(self.path, None, 1, self.lines)


# ---- finding docstrings -------------------------------------------------------------------


def find_docstrings(package: str) -> tuple[list[tuple[str, doctest.DocTest]], dict[str, str]]:
    """Every docstring with examples in the package's listed modules, and the modules skipped with why."""
    finder = doctest.DocTestFinder(exclude_empty=True)
    found, seen_docs, skipped_modules = [], set(), {}

    def add(obj, name: str) -> None:
        try:
            tests = finder.find(obj, name, module=False, globs={})
        except Exception as error:  # a lazy attribute or a C++ class proxy that breaks inspection
            skipped_modules[name] = f"cannot be inspected: {type(error).__name__}: {error}"[:160]
            return
        for test in tests:
            # The same examples under another name (an alias, a legacy tensor type) count once.
            key = tuple((example.source, example.want) for example in test.examples)
            if key and key not in seen_docs:
                seen_docs.add(key)
                found.append((test.name, test))

    for shown_as, dotted in EXTRA_CLASSES[package].items():
        module_name, _, attribute = dotted.rpartition(".")
        add(getattr(importlib.import_module(module_name), attribute), shown_as)
    for module_name in MODULES[package]:
        try:
            module = importlib.import_module(module_name)
        except Exception as error:
            skipped_modules[module_name] = f"import failed: {type(error).__name__}: {error}"[:160]
            continue
        if module.__doc__ and ">>>" in module.__doc__:
            add(module.__doc__, module_name)
        for attribute in sorted(vars(module)):
            if attribute.startswith("_"):
                continue
            value = getattr(module, attribute, None)
            owner = getattr(value, "__module__", None) or ""
            if not (inspect.isroutine(value) or inspect.isclass(value) or type(value).__name__ == "ufunc"):
                continue
            if type(value).__name__ == "tensortype":
                continue  # torch.FloatTensor and the other legacy types repeat torch.Tensor's methods
            if type(value).__name__ != "ufunc" and not owner.startswith(package):
                continue  # re-exported from elsewhere (typing, the standard library)
            add(value, f"{module_name}.{attribute}")
    return found, skipped_modules


# ---- converting one docstring to a snippet file -------------------------------------------


def xdoctest_directives(source: str) -> list[tuple[str, str, str]]:
    return [(sign, name.upper(), argument or "") for sign, name, _, argument in XDOCTEST.findall(source)]


def convert(name: str, package: str, test: doctest.DocTest) -> Converted:
    """The snippet form of one docstring, or the reason it cannot be run and checked here."""
    converted = Converted(name, package, test)
    lines = [f"# The doctests of {name}, converted by benchmarks/doctest_corpus.py.", *PREAMBLE[package]]
    block_skip = None  # an xdoctest directive on a line of its own applies to the examples after it
    for example in joined_examples(test.examples):
        source = example.source.rstrip("\n")
        only_comment = all(not row.strip() or row.lstrip().startswith("#") for row in source.splitlines())
        for sign, directive, argument in xdoctest_directives(source):
            if directive == "REQUIRES" and sign == "+":
                if "CUDA" in argument.upper() or "GPU" in argument.upper():
                    return skip(converted, "GPU / CUDA")
                if "HUB" in argument.upper():
                    return skip(converted, "files or network")
                if argument.startswith("module:") and importlib.util.find_spec(argument[7:].split(".")[0]) is None:
                    return skip(converted, f"needs {argument[7:]} (not installed)")
            elif directive == "IGNORE_WANT" and sign == "+":
                return skip(converted, "output marked as not reproducible (xdoctest +IGNORE_WANT)")
            elif directive == "SKIP":
                skipping = "xdoctest +SKIP" if sign == "+" else None
                if only_comment:
                    block_skip = skipping
                elif skipping:
                    converted.dropped[skipping] += 1
                    break
        else:
            if only_comment:
                continue
            if example.options.get(doctest.SKIP):
                converted.dropped["doctest +SKIP"] += 1
                continue
            if block_skip:
                converted.dropped[block_skip] += 1
                continue
            problem = convertible(example)
            if problem:
                return skip(converted, f"unconvertible: {problem}")
            lines += source.splitlines()
            lines += documented_lines(example)
            converted.examples.append(example)
    converted.lines = lines
    if not converted.examples:
        return skip(converted, "every example is marked to skip" if converted.dropped else "no runnable example")
    reason = skip_reason(converted)
    if reason:
        return skip(converted, reason)
    try:
        parse_statements(Example(name, None, 1, lines))
    except SnippetError as error:
        return skip(converted, f"unconvertible: {str(error).split(': ', 1)[1]}")
    return converted


def joined_examples(examples: list[doctest.Example]) -> list[doctest.Example]:
    """Join `>>>` lines that continue one statement (xdoctest style, which torch uses) into one example."""
    joined, number = [], 0
    while number < len(examples):
        example = examples[number]
        if not parses(example.source) and not example.want:
            for end in range(number + 1, min(number + 40, len(examples))):
                if examples[end - 1].want:
                    break  # an output in the middle: not one statement
                source = "".join(e.source for e in examples[number : end + 1])
                if parses(source):
                    last = examples[end]
                    options = {k: v for e in examples[number : end + 1] for k, v in e.options.items()}
                    example = doctest.Example(source, last.want, last.exc_msg, example.lineno, example.indent, options)
                    number = end
                    break
        joined.append(example)
        number += 1
    return joined


def parses(source: str) -> bool:
    try:
        ast.parse(source)
    except SyntaxError:
        return False
    return True


def skip(converted: Converted, reason: str) -> Converted:
    converted.skipped = reason
    return converted


def convertible(example: doctest.Example) -> str | None:
    """Why one doctest example has no faithful snippet form, or None."""
    try:
        ast.parse(example.source)
    except SyntaxError as error:
        return f"not valid Python ({error.msg})"
    if any(re.match(r"#[>!]( |$)", row) for row in example.source.splitlines()):
        return "a source line reads as a documented output"
    if example.exc_msg is not None and not example.want.lstrip().startswith("Traceback"):
        return "output printed before a traceback"
    if example.exc_msg is None and example.want.strip() == "...":
        return "the documented output is only `...`"
    return None


def documented_lines(example: doctest.Example) -> list[str]:
    """`#>` lines for an output, `#! raises Type: message` for a traceback."""
    if example.exc_msg is not None:
        kind, colon, message = example.exc_msg.strip().partition(":")
        first, *rest = message.strip().splitlines() or [""]
        return [f"#! raises {kind.strip()}: {first}".rstrip()] + [f"#! {row}".rstrip() for row in rest]
    want = example.want.rstrip("\n")
    if not want:
        return []
    return [f"#> {'' if row == '<BLANKLINE>' else row}".rstrip() for row in want.splitlines()]


def skip_reason(converted: Converted) -> str | None:
    """Why a docstring's outputs cannot be reproduced here (GPU, files, randomness...), or None."""
    source = "\n".join(example.source for example in converted.examples)
    code = code_only(source)
    if GPU.search(code):
        return "GPU / CUDA"
    if FILES_OR_NETWORK.search(code):
        return "files or network"
    missing = missing_imports(source)
    if missing:
        return f"needs {missing} (not installed)"
    if COMPILES.search(code):
        return "compiles or traces code (torch.compile, jit, export, fx)"
    random_at = first_match(converted.examples, RANDOM)
    if random_at is not None and not SEED.search(code) and output_depends(converted.examples[random_at:]):
        return "unseeded randomness"
    empty_at = first_match(converted.examples, UNINITIALISED)
    if empty_at is not None and output_depends(converted.examples[empty_at:]):
        return "uninitialised memory (empty)"
    # The markers NumPy's own doctest runs (scipy-doctest) use for outputs they do not check.
    if any(re.search(r"#\s*random\b", example.want) for example in converted.examples):
        return "unseeded randomness"
    if any(re.search(r"#\s*uninitiali[sz]ed\b", example.want) for example in converted.examples):
        return "uninitialised memory (empty)"
    return None


def code_only(source: str) -> str:
    """The source without its comments, which often say "cuda" or "random" in passing."""
    return "\n".join(row.split("#")[0] for row in source.splitlines())


def first_match(examples: list, pattern: re.Pattern) -> int | None:
    return next((n for n, example in enumerate(examples) if pattern.search(code_only(example.source))), None)


def output_depends(examples: list) -> bool:
    """Whether any documented value here could change with the data (anything but shapes, dtypes, truth values)."""
    return any(example.want.strip() and not SHAPE_LIKE.fullmatch(example.want.strip()) for example in examples)


def missing_imports(source: str) -> str | None:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if importlib.util.find_spec(top) is None:
                return top
    return None


# ---- the harness, and how its problems map to documented outputs ---------------------------

PROBLEM = re.compile(r"^(?P<file>[^\n]*?):(?P<line>\d+): (?P<title>[^\n]*)")


def problem_reason(problem: str) -> tuple[int, str, bool]:
    """(line, reason, whether it ends the example) for one harness problem."""
    match = PROBLEM.match(problem)
    if not match:
        return 0, "unreadable problem text", True
    title = match["title"].split(", under `")[0]
    details = problem.splitlines()[1:]
    stops = False
    if title.startswith("crashed with signal"):
        title, stops = "crashed (signal)", True
    elif title.startswith("timed out"):
        title, stops = "timed out", True
    elif title.startswith("exited with code") or title.startswith("harness error"):
        title, stops = "child exited early", True
    elif title == "unexpected exception":
        kind = details[0].strip().split(":")[0] if details else "?"
        title, stops = f"unexpected exception ({kind})", True
    elif title == "documented value differs":
        fields = sorted({re.split(r"[\s:\[]", row.strip(), maxsplit=1)[0] for row in details if ": documented " in row})
        title += f" ({', '.join(fields) or 'text'})"
    elif title.startswith("malformed documented output"):
        reason = re.sub(r"[0-9]+|'[^']*'|`[^`]*`", "_", details[0].strip() if details else "")
        title = f"malformed documented output ({reason[:70]})"
    return int(match["line"]), title, stops


def score_harness(converted: Converted, result: dict) -> tuple[int, Counter, Counter]:
    """Documented outputs passed, failed ones by reason, and problems on statements without an output."""
    statements = parse_statements(converted.example())
    reasons = [problem_reason(problem) for problem in result["problems"]]
    stop_line = min((line for line, _, stops in reasons if stops), default=None)
    passed, failed, other = 0, Counter(), Counter()
    for statement in statements:
        documented = statement.documented
        last = documented.end_line if documented else statement.end_line
        mine = [title for line, title, _ in reasons if statement.line <= line <= last]
        has_output = documented is not None and (documented.output is not None or documented.raises)
        if not has_output:
            other.update(mine)
        elif mine:
            failed[mine[0]] += 1
        elif stop_line is not None and statement.line > stop_line:
            failed["not reached (an earlier statement failed)"] += 1
        else:
            passed += 1
    return passed, failed, other


def run_harness(kept: list[Converted], timeout: float) -> tuple[list[dict], dict]:
    """Every kept file through the real zygote, all sent up front as the pytest plugin does."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    zygote = Zygote(timeout=timeout)
    ids = zygote.submit_all([c.example() for c in kept])
    results = [zygote.result(request_id) for request_id in ids]
    zygote.close()
    return results, timing(before, start)


def cpu(times: dict) -> float:
    return times["user_s"] + times["system_s"]


def timing(before, start: float) -> dict:
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall_s": time.perf_counter() - start,
        "user_s": after.ru_utime - before.ru_utime,
        "system_s": after.ru_stime - before.ru_stime,
        "minor_faults": after.ru_minflt - before.ru_minflt,
    }


# ---- plain in-process exec, the speed baseline ---------------------------------------------

# Runs one file as plain exec, and runs what the harness runs: where the file documents an exception
# (`#! raises`), it runs in parts that end at such statements and goes on when one raises there, as the
# harness does; any other exception ends the file. (Before, the first documented exception ended the
# file, and the baseline skipped work the harness did.) `raising`: [first, last] lines of those statements.
RUN_FILE = """
import traceback
class Alarm(BaseException):
    pass
def run_file(source, raising):
    namespace, lines, start = {"__name__": "__main__"}, source.split("\\n"), 0
    for end in [last for _, last in raising] + [len(lines)]:
        try:
            exec(compile("\\n" * start + "\\n".join(lines[start:end]), "example", "exec"), namespace)
        except Alarm:
            raise
        except BaseException as error:
            at = [line for frame, line in traceback.walk_tb(error.__traceback__) if frame.f_code.co_filename == "example"]
            if not at or not any(first <= at[0] <= last for first, last in raising):
                return
        start = end
"""

IN_PROCESS = (
    RUN_FILE
    + """
import json, os, signal, sys, tempfile, time
import numpy
try:
    import torch
except ImportError:
    pass  # a NumPy-only environment: run with --only numpy
progress = open(sys.argv[1], "w", buffering=1)
os.chdir(tempfile.mkdtemp())
def stop(*_):
    raise Alarm
signal.signal(signal.SIGALRM, stop)
for source, raising in json.load(sys.stdin):
    signal.alarm(TIMEOUT)
    started = time.process_time()
    try:
        run_file(source, raising)
    except Alarm:
        pass
    signal.alarm(0)
    progress.write(f"{time.process_time() - started}\\n")
"""
)


def plain_run(example: Example) -> list:
    """[source, raising] for RUN_FILE: the example's text and the line spans of its statements documented to raise."""
    try:
        statements = parse_statements(example)
    except SnippetError:
        statements = []  # the harness reports the file and runs none of it; plain exec fails on it at once
    raising = [[s.line, s.end_line] for s in statements if s.documented and s.documented.raises]
    return [example.source, raising]


def time_in_process(kept: list[Converted], timeout: float) -> tuple[dict, list[str], dict[str, float]]:
    """One interpreter exec()s every file in turn: the time, the files that kill the interpreter
    (left out and named), and each file's CPU seconds."""
    sources = {c.path: plain_run(c.example()) for c in kept}
    crashed, progress = [], tempfile.mktemp(prefix="in-process-")
    while True:
        before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", IN_PROCESS.replace("TIMEOUT", str(int(timeout))), progress],
            input=json.dumps(list(sources.values())),
            text=True,
            capture_output=True,
        )
        seconds = [float(word) for word in Path(progress).read_text().split()]
        done = len(seconds)
        if done == len(sources):
            Path(progress).unlink()
            return timing(before, start), crashed, dict(zip(sources, seconds))
        path = list(sources)[done]  # the file during which the interpreter died
        crashed.append(path)
        del sources[path]


# ---- plain doctest on the same examples ------------------------------------------------------


class CountingRunner(doctest.DocTestRunner):
    """A doctest runner that counts documented outputs passed, silently."""

    def __init__(self):
        super().__init__(optionflags=FLAGS, verbose=False)
        self.outputs_passed = 0

    def report_start(self, out, test, example):
        pass

    def report_success(self, out, test, example, got):
        if example.want or example.exc_msg is not None:
            self.outputs_passed += 1

    def report_failure(self, out, test, example, got):
        pass

    def report_unexpected_exception(self, out, test, example, exc_info):
        pass


def doctest_one(converted: Converted) -> int:
    """Documented outputs plain doctest passes on this docstring's kept examples (in a fresh child)."""
    globs = {"__name__": "__main__"}
    exec("\n".join(PREAMBLE[converted.package]), globs)
    test = doctest.DocTest(converted.examples, globs, converted.name, converted.path, 0, None)
    runner = CountingRunner()
    runner.run(test, out=lambda text: None, clear_globs=True)
    return runner.outputs_passed


def run_doctest(kept: list[Converted], timeout: float) -> list[int | None]:
    """Plain doctest on each docstring, each in a forked child (fresh state); None where the child died."""
    workers = os.cpu_count() or 1
    passed: list[int | None] = [None] * len(kept)
    waiting, running = list(range(len(kept))), {}
    while waiting or running:
        while waiting and len(running) < workers:
            number = waiting.pop(0)
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_end)
                try:
                    os.chdir(tempfile.mkdtemp())
                    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
                    os.dup2(1, 2)
                    os.write(write_end, str(doctest_one(kept[number])).encode())
                finally:
                    os._exit(0)
            os.close(write_end)
            running[read_end] = (pid, number, time.monotonic() + timeout)
        ready, _, _ = select.select(list(running), [], [], 1.0)
        for fd in list(running):
            pid, number, deadline = running[fd]
            if fd in ready:
                text = os.read(fd, 64)
                passed[number] = int(text) if text.strip() else None
            elif time.monotonic() < deadline:
                continue
            else:
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(fd)
            del running[fd]
    return passed


# ---- the report ---------------------------------------------------------------------------


def version(package: str) -> str:
    return importlib.import_module(package).__version__


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=sorted(MODULES), help="one library's docstrings only")
    parser.add_argument("--limit", type=int, help="at most this many kept docstrings per library (a quick look)")
    parser.add_argument("--keep-files", type=Path, help="write the converted snippet files here and keep them")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument("--no-timing", action="store_true", help="skip the in-process exec baseline")
    parser.add_argument("--no-doctest", action="store_true", help="skip the plain doctest comparison")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds one file may run (default %(default)s)")
    parser.add_argument(
        "--slow",
        type=float,
        default=0.5,
        help="CPU seconds in-process over which a file is left out of the timing (default %(default)s)",
    )
    parser.add_argument("--failures", type=int, default=0, help="print the first N harness problems of each reason")
    args = parser.parse_args()

    folder = args.keep_files or Path(tempfile.mkdtemp(prefix="doctest-corpus-"))
    packages = [args.only] if args.only else sorted(MODULES)
    summary = {"versions": {p: version(p) for p in packages}, "packages": {}}
    everything: list[Converted] = []
    for package in packages:
        found, skipped_modules = find_docstrings(package)
        converted = [convert(name, package, test) for name, test in found]
        kept = [c for c in converted if not c.skipped][: args.limit]
        for c in kept:
            c.path = f"{package}/{c.name}.py"
            target = folder / c.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("\n".join(c.lines) + "\n")
        everything += kept
        dropped = Counter()
        for c in converted:
            dropped.update(c.dropped)
        summary["packages"][package] = {
            "docstrings": len(found),
            "kept": len(kept),
            "skipped": dict(
                Counter(
                    c.skipped.split(" (")[0] if c.skipped.startswith("needs") else c.skipped for c in converted if c.skipped
                ).most_common()
            ),
            "statements_dropped_in_kept_or_skipped": dict(dropped.most_common()),
            "modules_skipped": skipped_modules,
        }

    # Files that compute for long measure torch's kernels, not the harness: they run, but outside the timing.
    slow = set()
    if not args.no_timing:
        _, crashed, seconds = time_in_process(everything, args.timeout)
        slow = {path for path, cpu in seconds.items() if cpu > args.slow} | set(crashed)
    timed = [c for c in everything if c.path not in slow]
    results, harness_time = run_harness(timed, args.timeout)
    by_path = dict(zip((c.path for c in timed), results))
    rest = [c for c in everything if c.path in slow]
    if rest:
        by_path.update(zip((c.path for c in rest), run_harness(rest, args.timeout)[0]))
    results = [by_path[c.path] for c in everything]
    doctest_passed = [None] * len(everything) if args.no_doctest else run_doctest(everything, args.timeout)
    for package in packages:
        mine = [(c, r, d) for c, r, d in zip(everything, results, doctest_passed) if c.package == package]
        passed, failed, other, statements, outputs, examples_passed = 0, Counter(), Counter(), 0, 0, 0
        for c, result, _ in mine:
            p, f, o = score_harness(c, result)
            passed, statements = passed + p, statements + len(parse_statements(c.example()))
            outputs += p + sum(f.values())
            failed.update(f)
            other.update(o)
            examples_passed += not result["problems"]
        figures = summary["packages"][package]
        figures.update(
            statements=statements,
            documented_outputs=outputs,
            harness_outputs_passed=passed,
            harness_examples_passed=examples_passed,
            harness_failed_by_reason=dict(failed.most_common()),
            harness_problems_without_output=dict(other.most_common()),
        )
        if not args.no_doctest:
            figures["doctest_outputs_passed"] = sum(d or 0 for _, _, d in mine)
            figures["doctest_children_died"] = sum(d is None for _, _, d in mine)
        if args.failures:
            shown = Counter()
            for _, result, _ in mine:
                for problem in result["problems"]:
                    reason = problem_reason(problem)[1]
                    if shown[reason] < args.failures:
                        shown[reason] += 1
                        print(f"--- {reason}\n{problem}\n")
    summary["harness_time"] = harness_time
    if not args.no_timing:
        summary["in_process_time"], _, _ = time_in_process(timed, args.timeout)
        summary["ratio"] = harness_time["wall_s"] / summary["in_process_time"]["wall_s"]
        summary["cpu_ratio"] = cpu(harness_time) / cpu(summary["in_process_time"])
        summary["left_out_of_timing"] = sorted(slow)
    summary["timed_files"] = len(timed)
    summary["files"] = str(folder)
    print_summary(summary)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")
    if not args.keep_files:
        shutil.rmtree(folder, ignore_errors=True)


def print_summary(summary: dict) -> None:
    print(", ".join(f"{p} {v}" for p, v in summary["versions"].items()) + f"; {os.cpu_count()} cores")
    for package, figures in summary["packages"].items():
        print(f"\n{package}: {figures['docstrings']} docstrings with examples, {figures['kept']} kept")
        print("  skipped:")
        for reason, count in figures["skipped"].items():
            print(f"    {count:5d}  {reason}")
        for module, why in figures["modules_skipped"].items():
            print(f"           module {module}: {why}")
        if figures["statements_dropped_in_kept_or_skipped"]:
            print(
                "  statements left out by directives: "
                + ", ".join(f"{n} {r}" for r, n in figures["statements_dropped_in_kept_or_skipped"].items())
            )
        print(f"  kept: {figures['statements']} statements, {figures['documented_outputs']} documented outputs")
        print(
            f"  harness: {figures['harness_outputs_passed']} outputs passed; {figures['harness_examples_passed']} of {figures['kept']} files pass whole"
        )
        if "doctest_outputs_passed" in figures:
            died = (
                f" ({figures['doctest_children_died']} docstrings killed the doctest child)"
                if figures["doctest_children_died"]
                else ""
            )
            print(f"  plain doctest (NORMALIZE_WHITESPACE | ELLIPSIS): {figures['doctest_outputs_passed']} outputs passed{died}")
        print("  harness failures on documented outputs, by reason:")
        for reason, count in figures["harness_failed_by_reason"].items():
            print(f"    {count:5d}  {reason}")
        if figures["harness_problems_without_output"]:
            print("  harness problems on statements that document no output:")
            for reason, count in figures["harness_problems_without_output"].items():
                print(f"    {count:5d}  {reason}")
    print(f"\ntiming, {summary['timed_files']} files, each from a cold start that imports torch and NumPy:")
    rows = [("harness (zygote, forked children)", summary["harness_time"])]
    if "in_process_time" in summary:
        rows.append(("plain in-process exec", summary["in_process_time"]))
    for label, times in rows:
        print(
            f"  {label:36s} {times['wall_s']:6.2f} s wall, {times['user_s']:6.2f} s user, "
            f"{times['system_s']:6.2f} s system, {times['minor_faults']} minor page faults"
        )
    if "ratio" in summary:
        print(f"  harness / in-process: {summary['ratio']:.2f}x wall, {summary['cpu_ratio']:.2f}x CPU (user + system)")
        if summary["left_out_of_timing"]:
            left_out = summary["left_out_of_timing"]
            print(
                f"  left out of the timing (over the --slow limit in-process, or killing it): {len(left_out)}: {', '.join(left_out)}"
            )
    print(f"converted files: {summary['files']}")


if __name__ == "__main__":
    main()
