"""Run one example statement by statement, as a REPL would, and check each documented block.

This runs inside the isolated child process (see isolation.py), where the
example's objects live, so comparison happens here and only text goes back.

A statement shows what Python's own REPL shows for it: the text it prints and
the repr of every expression statement it runs at module level, also inside
`for`, `while`, `if`, `with` and `try` bodies, and for every statement of a line
such as `row = np.arange(3); row`, in the order shown. The block under it lists
all of that in the same order: printed text is compared as text, each repr by
meaning, while the value is still as it was shown.

Printed text is everything written to standard output (see capture.py), laid out
as a terminal shows it: a carriage return overwrites its line, and a value shown
after text that ends without a newline continues that text's line.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import dataclasses
import doctest
import importlib
import os
import re
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from array_examples import legacy, report, sessions
from array_examples.capture import StandardOutput
from array_examples.compare import compare_value, normalise, without_addresses
from array_examples.protocol import ExampleResult, Rewrite
from array_examples.reprs import MalformedOutput
from array_examples.snippets import Documented, Example, SnippetError, Statement, parse_statements, read_block

# What a session's undocumented exception adds to its problem in an update, which writes nothing from there on:
# the outputs after it ran on a state the docs never describe, and the traceback may be the environment's fault.
UNDOCUMENTED_EXCEPTION = (
    "\n    --update-expected leaves this output and every one after it in the session as written: an exception no"
    "\n    output documents is not written as if it were meant (write its traceback by hand where it is)"
)

# torch appends where in its C++ sources a warning came from; that differs between builds.
TRIGGERED_AT = re.compile(r"\s*\(Triggered internally at [^)]*\.\)\s*$")

# Terminal escape sequences (torch bolds parts of some messages): CSI such as `ESC[1m`, OSC, and two-byte ones.
ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
# What moves a terminal's cursor back within a line or erases it: carriage return, backspace, ESC[K, ESC[0K, ESC[2K.
CURSOR_CONTROL = re.compile(r"\r|\x08|\x1b\[[02]?K")

# The filters `python snippet.py` starts with, so a snippet sees the warnings a reader sees.
PYTHON_DEFAULT_FILTERS = [
    ("default", DeprecationWarning, "__main__"),
    ("ignore", DeprecationWarning, None),
    ("ignore", PendingDeprecationWarning, None),
    ("ignore", ImportWarning, None),
    ("ignore", ResourceWarning, None),
]


def reset_warning_filters() -> None:
    warnings.resetwarnings()
    for action, category, module in reversed(PYTHON_DEFAULT_FILTERS):
        warnings.filterwarnings(action, category=category, module=module or "")  # type: ignore[arg-type]


def plain_message(text: str) -> str:
    """An exception or warning message as a reader's terminal shows it: escape sequences and NUL bytes removed,
    and a lone surrogate (which UTF-8 cannot encode) written as stderr writes it, `\\udcff`."""
    return ESCAPE_SEQUENCE.sub("", text).replace("\x00", "").encode("utf-8", "backslashreplace").decode("utf-8")


def message_of(error: BaseException | str) -> str:
    """An exception's or warning's message as a traceback's last line shows it: str(), but a SyntaxError's
    message alone (its file and line are shown above it, not after it); what a traceback shows where str() raises."""
    try:
        if isinstance(error, SyntaxError) and error.msg is not None:
            return str(error.msg)
        return str(error)
    except Exception:
        return "<exception str() failed>"


def same_message(documented: str, actual: str) -> bool:
    return normalise(plain_message(documented)) == normalise(plain_message(actual))


@dataclasses.dataclass
class Shown:
    """One thing a statement showed: text it printed, or a value the REPL echoed (then `text` is its repr)."""

    text: str
    is_value: bool = False
    value: object = None
    # Verdicts on documented texts for this value, made while the value was as shown:
    # text -> None (a match) or (problem title, details).
    verdicts: dict = dataclasses.field(default_factory=dict)
    raw: str = ""  # printed text as written, before on_screen lays it out
    cursor_at_end: bool = True  # the terminal's cursor ends at the end of `text` (no carriage return left it inside)

    @property
    def continues(self) -> bool:
        """Printed text that leaves its last line open: what is shown next (a repr) continues that line."""
        return not self.is_value and self.cursor_at_end and self.text != "" and not self.text.endswith("\n")


def printed(raw: str) -> Shown:
    """Printed text as a terminal shows it (see on_screen)."""
    text, cursor_at_end = on_screen(raw)
    return Shown(text, raw=raw, cursor_at_end=cursor_at_end)


def on_screen(raw: str) -> tuple[str, bool]:
    """Text as a terminal lays it out, and whether the cursor ends at the end of the last line.

    Within a line, a carriage return moves the cursor back to the line's start and a backspace one place
    left, and what is written next overwrites (a progress counter `\r1/3\r2/3\r3/3` shows `3/3`);
    `ESC[K` erases from the cursor to the end of the line and `ESC[2K` the whole line. Other escape
    sequences (colours, bold) are not text and are removed.
    """
    if not CURSOR_CONTROL.search(raw):
        return plain_message(raw), True
    lines = []
    for row in raw.split("\n"):
        line: list[str] = []
        column, start = 0, 0
        for control in [*CURSOR_CONTROL.finditer(row), None]:
            for char in plain_message(row[start : control.start() if control else len(row)]):
                line[column : column + 1] = [char]
                column += 1
            if control is None:
                break
            start, code = control.end(), control.group()
            if code == "\r":
                column = 0
            elif code == "\b":
                column = max(column - 1, 0)
            elif code.endswith("2K"):
                line = [" "] * min(column, len(line))  # blank cells up to the cursor, which stays
            else:
                del line[column:]
        lines.append("".join(line))
    return "\n".join(lines), column == len(line)


def shown_lines(shown: Shown, last: bool) -> list[str]:
    """The lines a block uses for one thing shown; the last one drops every trailing newline, as before, and the
    lines of spaces alone before it (trailing whitespace is not compared)."""
    text = shown.text.rstrip(" \t\n") if last else shown.text.removesuffix("\n")
    return text.split("\n")


def printed_lines(text: str) -> list[str]:
    """Printed text as compared: a line per line it breaks into (`1 2` is not `1` above `2`; Python's own
    line breaks, as a file read back has them), each keeping its indentation (a terminal shows it), with
    its other runs of whitespace collapsed, trailing whitespace dropped (a line of spaces alone is an empty
    line, as `#>` documents it), tabs as a terminal shows them (spaces to the next multiple of 8) and memory
    addresses masked. Blank lines at the end are left out: where the text ends is what its part of the block
    says (see span), and a line of spaces alone there is as blank as an empty one."""
    lines = [line.expandtabs().rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return [line[: len(line) - len(line.lstrip())] + normalise(without_addresses(line)) for line in lines]


def closing_line(lines: list[str]) -> int:
    """How many lines it takes for the brackets opened on the first line to close (all lines if they never do)."""
    depth = 0
    for count, line in enumerate(lines, start=1):
        quote, escaped = None, False
        for char in line:
            if escaped:
                escaped = False  # `\'` inside 'it\'s' does not end the string
            elif quote:
                escaped = char == "\\"
                quote = None if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char in "([{":
                depth += 1
            elif char in ")]}":
                depth -= 1
        if depth <= 0:
            return count
    return len(lines)


def span(shown: Shown, lines_left: list[str], last: bool) -> int:
    """How many of the documented lines left belong to one thing shown.

    The last thing takes the rest; printed text takes as many lines as were printed; a repr takes the
    lines up to where its brackets close (so it may be wrapped differently), or, when the real repr's lines
    are not held together by brackets, as many lines as the real repr has.
    """
    if last:
        return len(lines_left)
    real = shown_lines(shown, last=False)
    if shown.is_value and closing_line(real) == len(real):
        return min(closing_line(lines_left), len(lines_left))
    return min(len(real), len(lines_left))


def take(shown: Shown, lines_left: list[str], last: bool) -> tuple[list[str], list[str], bool]:
    """The documented lines that belong to one thing shown, those left for the rest, and whether they share a line.

    Printed text that leaves its last line open shares that line with the repr shown next, as on a
    terminal (`print("total: ", end=""); 3` shows `total: 3`): the line is cut where the printed text
    ends, and what follows the cut starts the next part. Nothing after the cut: no shared line.
    """
    size = span(shown, lines_left, last)
    part, left = lines_left[:size], lines_left[size:]
    real = shown_lines(shown, last)
    if last or not shown.continues or len(part) != len(real):
        return part, left, False
    head, tail = cut_line(part[-1], real[-1])
    part[-1] = head
    return (part, [tail, *left], True) if tail.strip() else (part, left, False)


def cut_line(documented: str, printed_text: str) -> tuple[str, str]:
    """Split a documented line into the printed text it starts with and the rest.

    The printed part may differ in whitespace, as printed text may (and addresses do not count); where
    the line does not start with the printed text, the cut falls after as many characters as it has.
    """
    words = without_addresses(printed_text).split()
    address = re.escape("0x...")
    pattern = r"\s+".join(re.escape(word).replace(address, "0x[0-9a-fA-F.]+") for word in words)
    pattern = r"\s*" + pattern + (r"\s+" if printed_text[-1:].isspace() else "")
    found = re.match(pattern, documented)
    end = found.end() if found else len(printed_text)
    return documented[:end], documented[end:]


def split_block(lines: list[str], shown: list[Shown]) -> list[tuple[list[str], int, bool]]:
    """Per thing shown, in order: its documented lines (empty where the block ran out), the index of
    its first line in the block, and whether its last line continues in the next part."""
    parts, left = [], lines
    for index, item in enumerate(shown):
        start = len(lines) - len(left)  # a line shared with the part before counts once
        part, left, shared = take(item, left, last=index == len(shown) - 1)
        parts.append((part, start, shared))
    return parts


def judge(shown: Shown, documented_text: str, as_shown: bool = False) -> tuple[str, list[str]] | None:
    """Compare a documented repr with a shown value: None for a match, else (problem title, details).

    `as_shown`: the value is as it was just shown, so its repr is `shown.text` and need not be made again.
    """
    # Keyed by the exact text (spaces inside a string repr count), less what a `#>` line cannot keep.
    key = "\n".join(line.rstrip() for line in documented_text.split("\n"))
    if key not in shown.verdicts:
        try:
            differences = compare_value(documented_text, shown.value, shown.text if as_shown else None)
            if any(line.startswith("type") for line in differences):
                # A NumPy 1 scalar repr (`0.5` for np.float64(0.5)) says what to write instead.
                differences += filter(None, [legacy.hint(documented_text, shown.value, shown.text)])
            verdict = ("documented value differs", differences) if differences else None
        except MalformedOutput as error:
            verdict = ("malformed documented output", [str(error)])
        except Exception as error:  # the harness must report, never crash, on what it reads
            verdict = ("documented value could not be compared", [f"{type(error).__name__}: {error}"])
        shown.verdicts[key] = verdict
    return shown.verdicts[key]


class Echo:
    """sys.displayhook while one statement runs: records what it shows and judges each value as it is shown.

    A value is compared at once with its part of the documented block, and in an update (`judge_own`)
    with its own repr (what the update writes), so a later in-place change within the statement cannot
    alter the verdict.
    """

    def __init__(
        self, documented: list[str], output: StandardOutput, caught: list[Any], namespace: dict, judge_own: bool = True
    ) -> None:
        self.output = output
        self.namespace = namespace  # the example's globals, where its own code's warning memory lives
        self.judge_own = judge_own
        self.caught = caught  # the statement's warnings, recorded by recorded_warnings
        self.shown: list[Shown] = []
        self.left = documented  # documented lines that do not belong to what was shown before the last thing

    def __call__(self, value: object) -> None:
        if value is None:
            return
        text = repr(value)  # first: what a __repr__ prints shows before the repr, as in the REPL
        self.take_printed()
        before = self.shown[-1] if self.shown else None
        if before is not None and not before.is_value and not before.cursor_at_end:
            # A carriage return left the cursor inside the printed line: the repr overwrites part of it, and
            # the line can only be compared as the text it has become.
            self.shown[-1] = printed(before.raw + text + "\n")
            builtins._ = value  # type: ignore[attr-defined]
            return
        shown = Shown(text, is_value=True, value=value)
        self.add(shown)
        part = self.left[: span(shown, self.left, last=False)]
        # Warnings raised while comparing are the harness's, not the statement's: neither recorded nor
        # remembered as shown once. (A catch_warnings here would forget every warning shown once before.)
        recorded = len(self.caught)
        if part:
            judge(shown, "\n".join(part), as_shown=True)
        if self.judge_own:
            judge(shown, shown.text, as_shown=True)
        forget_shown(self.caught[recorded:], self.namespace)
        del self.caught[recorded:]
        self.output.discard()  # what a __repr__ printed while the harness compared is not the statement's
        builtins._ = value  # type: ignore[attr-defined]  # as the REPL does

    def take_printed(self) -> None:
        raw = self.output.read()
        if self.shown and not self.shown[-1].is_value:
            self.shown[-1] = printed(self.shown[-1].raw + raw)  # one run of text, as after an overwritten repr
        elif on_screen(raw)[0]:
            self.add(printed(raw))

    def add(self, shown: Shown) -> None:
        if self.shown:
            _, self.left, _ = take(self.shown[-1], self.left, last=False)
        self.shown.append(shown)


class Outcome:
    """What one statement really did: what it showed, the warnings it gave, the exception it raised."""

    def __init__(self) -> None:
        self.shown: list[Shown] = []
        self.exception: tuple[type, str] | None = None  # (class, message)
        self.traceback = ""
        self.warnings: list[tuple[type, str]] = []  # (category, message)

    def shown_lines(self) -> list[str]:
        """Every line shown, printed text and reprs in order, as the update writes them."""
        lines: list[str] = []
        joined = False
        for index, item in enumerate(self.shown):
            last = index == len(self.shown) - 1
            rows = shown_lines(item, last)
            if joined:  # the printed text before left its line open: this continues it
                lines[-1] += rows.pop(0)
            lines += rows
            joined = item.continues and not last
        return lines

    def shown_text(self) -> str | None:
        """What a REPL shows under the statement, minus warnings and exceptions; None when nothing."""
        return "\n".join(self.shown_lines()) if self.shown else None


def forget_shown(shown: list[warnings.WarningMessage], namespace: dict) -> None:
    """Forget that these warnings (raised by the harness's own comparison) were shown: Python remembers a warning
    shown once per place in the code, in the `__warningregistry__` of the module that raised it (or the example's
    namespace) and, for the "once" action, in one registry of its own. A key is there only once its warning was
    shown, so the keys these warnings have there were put there by them. Scans the modules only when there are some."""
    if not shown:
        return
    keys = {(str(w.message), w.category, line) for w in shown for line in (w.lineno, 0)}  # 0: the "module" action
    for space in [namespace] + [getattr(module, "__dict__", {}) for module in list(sys.modules.values())]:
        registry = space.get("__warningregistry__")
        if isinstance(registry, dict):
            for key in keys & registry.keys():
                del registry[key]
    once = warnings.onceregistry  # type: ignore[attr-defined]
    for key in {(str(w.message), w.category) for w in shown} & once.keys():
        del once[key]


@contextlib.contextmanager
def recorded_warnings() -> Iterator[list[warnings.WarningMessage]]:
    """Yields a list that receives every warning shown until the block ends, instead of stderr.

    It replaces `warnings.showwarning`, as `catch_warnings(record=True)` does, but leaves the filters alone:
    catch_warnings resets the memory of warnings already shown once per location, so a warning that a REPL
    or a script shows once would show again in every later statement. The filters a statement sets stay
    in force for the next, as in a REPL.
    """
    caught: list[warnings.WarningMessage] = []

    def record(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        caught.append(warnings.WarningMessage(message, category, filename, lineno, file, line))

    saved, warnings.showwarning = warnings.showwarning, record
    try:
        yield caught
    finally:
        warnings.showwarning = saved


def execute(statement: Statement, namespace: dict, filename: str, output: StandardOutput, update: bool = True) -> Outcome:
    """Run one statement (or line of statements) in `namespace` as the REPL does; never raises.

    `output` is the example's captured standard output, read at each repr shown and at the end.
    `update`: also judge each value against its own repr, for the block an update writes (see recheck).
    """
    outcome = Outcome()
    documented = statement.documented
    documented_lines = documented.output.split("\n") if documented and documented.output is not None else []
    with recorded_warnings() as caught:
        echo = Echo(documented_lines, output, caught, namespace, judge_own=update)
        sys.displayhook, saved_hook = echo, sys.displayhook
        try:
            # "single" is the REPL's mode: every expression statement outside a function or class is echoed.
            code = compile(ast.Interactive(statement.nodes), filename, "single")
            exec(code, namespace)
        except BaseException as error:  # SystemExit too: the reader's REPL would show it
            outcome.exception = (type(error), plain_message(message_of(error)))
            outcome.traceback = plain_message(where_raised(error))
        finally:
            sys.displayhook = saved_hook
        echo.take_printed()
    outcome.shown = echo.shown
    outcome.warnings = [(w.category, plain_message(TRIGGERED_AT.sub("", message_of(w.message)))) for w in caught]
    return outcome


def where_raised(error: BaseException) -> str:
    """The end of an exception's traceback, without this module's own frames (compile, the display hook)."""
    summary = traceback.TracebackException.from_exception(error)
    summary.stack = traceback.StackSummary.from_list([frame for frame in summary.stack if frame.filename != __file__])
    return "".join(list(summary.format())[-3:])


def qualified_name(thing: Any) -> str:
    return f"{getattr(thing, '__module__', '?')}.{getattr(thing, '__qualname__', repr(thing))}"


def resolve(dotted: str) -> Any:
    """The object a dotted name such as `numpy.exceptions.AxisError` names (importing its module), or None."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module_name = ".".join(parts[:cut])
        try:
            found: Any = sys.modules.get(module_name) or importlib.import_module(module_name)
        except Exception:  # not a module (ImportError), or one that fails to import
            continue
        for attribute in parts[cut:]:
            found = getattr(found, attribute, None)
        return found
    return None


def kind_difference(documented: str, actual: type) -> str | None:
    """Why a documented exception or warning type is not the real one, or None when it is.

    A plain name matches a class of that name; a dotted name must name the real class itself
    (any public path to it: `numpy.exceptions.AxisError`, `pickle.UnpicklingError`).
    """
    if "." not in documented:
        return None if documented == actual.__name__ else f"documented {documented}, actual {actual.__name__}"
    if documented in (actual.__qualname__, qualified_name(actual)):
        return None  # what a traceback prints for a class nested in another (`Outer.Err`), with or without its module
    named = resolve(documented)
    if named is actual:
        return None
    if named is None:
        return f"documented {documented}, which names nothing that can be imported; actual {qualified_name(actual)}"
    what = qualified_name(named) if isinstance(named, type) else "not a class"
    return f"documented {documented}, which is {what}; actual {qualified_name(actual)}"


def written_name(documented: str | None, actual: type) -> str:
    """The type name an update writes: the documented one while it is right (it may be qualified), else the real one."""
    return documented if documented and kind_difference(documented, actual) is None else actual.__name__


# A difference found by check: (line, title, details, documented text, actual text); see report.problem_body.
Difference = tuple[int, str, list[str], str | None, str | None]


def check(statement: Statement, outcome: Outcome) -> list[tuple[int, str]]:
    """Every way the documented block under a statement disagrees with its outcome, as (line, problem text)."""
    differences = warning_differences(statement, outcome) + exception_differences(statement, outcome)
    if not (outcome.exception and outcome.shown_text() is None and any(d[1] == "unexpected exception" for d in differences)):
        differences += output_differences(statement, outcome)  # (the exception says why a documented output is missing)
    if not differences:
        return []
    code = report.first_code_line(statement.nodes)  # only for a problem: unparsing costs more than the checks
    return [
        (line, report.problem_body(f"{title}, under `{code}`", details, documented_text, actual_text))
        for line, title, details, documented_text, actual_text in differences
    ]


def warning_differences(statement: Statement, outcome: Outcome) -> list[Difference]:
    """The documented warnings against those the statement raised: their number, types and messages;
    none for a `>>>` session's statement (doctest shows no warnings, so none are documented)."""
    if not statement.checks_warnings:
        return []
    documented = statement.documented
    where = documented.line if documented else statement.end_line
    documented_warnings = documented.warns if documented else []
    real_warnings = outcome.warnings
    pairs = list(zip(documented_warnings, real_warnings))
    kinds = [kind_difference(name, category) for (name, _), (category, _) in pairs]
    messages_agree = all(same_message(written, real) for (_, written), (_, real) in pairs)
    if len(documented_warnings) == len(real_warnings) and not any(kinds) and messages_agree:
        return []
    details = [f"documented: {k}: {m}" for k, m in documented_warnings] or ["documented: no warning"]
    details += [f"actual: {k.__name__}: {m}" for k, m in real_warnings] or ["actual: no warning"]
    # A plain name that differs shows in the lists above; a dotted one needs its reason.
    details += [f"warning type: {why}" for (name, _), why in zip(documented_warnings, kinds) if why and "." in name]
    return [(where, "warnings differ", details, None, None)]


def exception_differences(statement: Statement, outcome: Outcome) -> list[Difference]:
    """The documented exception (`#! raises`) against the one the statement raised, if either."""
    documented = statement.documented
    where = documented.line if documented else statement.end_line
    raised = outcome.exception
    expected = documented.raises if documented else None
    if expected and not raised:
        return [
            (
                where,
                "missing exception",
                [f"documented {expected[0]}: {expected[1]}", "actual: the statement raised nothing"],
                None,
                None,
            )
        ]
    if raised and not expected:
        where_raised = outcome.traceback.rstrip().splitlines()
        return [(statement.line, "unexpected exception", [f"{raised[0].__name__}: {raised[1]}", *where_raised], None, None)]
    if not (raised and expected):
        return []
    if documented is not None and (documented.doctest_flags or 0) & doctest.IGNORE_EXCEPTION_DETAIL:
        # doctest's rule: the type alone, without its module path, and no message.
        if expected[0].rpartition(".")[2] == raised[0].__name__:
            return []
        why = f"documented {expected[0]}, actual {raised[0].__name__} (under IGNORE_EXCEPTION_DETAIL only the type is compared)"
        return [(where, "exception type differs", [f"exception type: {why}"], None, None)]
    found: list[Difference] = []
    reason = kind_difference(expected[0], raised[0])
    if reason:
        found.append((where, "exception type differs", [f"exception type: {reason}"], None, None))
    if not same_message(expected[1], raised[1]) and not doctest_accepts(documented, expected[1], raised[1]):
        found.append((where, "exception message differs", [f"exception type: {raised[0].__name__}"], expected[1], raised[1]))
    return found


def output_differences(statement: Statement, outcome: Outcome) -> list[Difference]:
    """The documented `#>` block against what the statement showed."""
    documented = statement.documented
    shown = outcome.shown_text()
    if documented is None or documented.output is None:
        if shown is None:
            return []
        return [(statement.end_line, "undocumented output", ["the statement shows output but documents none"], None, shown)]
    written = documented.output
    if shown is None:
        return [(documented.output_line, "missing output", ["documented output, but the statement shows nothing"], written, "")]
    if not documented.checked:
        return []  # a `>>>` session's `# may vary` output: run, not compared
    differences = block_differences(documented, outcome)
    if not differences or doctest_accepts(documented, written, shown):
        return []
    note = sessions.text_note(documented.doctest_flags, written)
    return [
        (line, title, [*details, *note], written_text, actual_text)
        for line, title, details, written_text, actual_text in differences
    ]


def doctest_accepts(documented: Documented | None, written: str, actual: str) -> bool:
    """Whether a `>>>` session's text passes as doctest compares it (ELLIPSIS, NORMALIZE_WHITESPACE), though
    its meaning differs; never for a `#>` block."""
    return (
        documented is not None
        and documented.doctest_flags is not None
        and sessions.doctest_accepts(written, actual, documented.doctest_flags)
    )


def block_differences(documented: Documented, outcome: Outcome) -> list[Difference]:
    """Compare each part of a `#>` block with the thing shown it belongs to.

    Returns (line, title, details, documented text, actual text) per difference.
    """
    lines = (documented.output or "").split("\n")
    numbers = documented.output_numbers
    found: list[Difference] = []
    parts = split_block(lines, outcome.shown)
    for index, (item, (part, start, shared)) in enumerate(zip(outcome.shown, parts)):
        line = numbers[min(start, len(numbers) - 1)]
        last = index == len(outcome.shown) - 1
        if not part:
            details = ["the documented block ends before the statement has shown everything"]
            found.append((line, "missing output", details, documented.output, outcome.shown_text()))
            break
        text = "\n".join(part)
        actual = "\n".join(shown_lines(item, last))
        if item.is_value:
            verdict = judge(item, text)
            if verdict:
                found.append((line, *verdict, text, actual))
        elif printed_lines(text) != printed_lines(actual):
            found.append((line, "printed text differs", [], text, actual))
        elif item.continues and not last:
            # The words match; does the block keep the line a terminal shows whole, and the space (or none) at the join?
            after = parts[index + 1][0][:1]  # the documented line the repr starts on
            spaced = item.text[-1].isspace()
            if not shared:
                details = ["the printed text ends without a newline, so the repr shown next continues its line"]
                written = "\n".join([part[-1], *after])
            elif spaced != (part[-1][-1:].isspace() or after[0][:1].isspace()):
                details = [f"the repr shown next continues the printed line {'after a space' if spaced else 'with no space'}"]
                written = part[-1] + after[0]
            else:
                continue
            whole = shown_lines(item, last)[-1] + shown_lines(outcome.shown[index + 1], index + 1 == len(outcome.shown) - 1)[0]
            found.append((numbers[min(start + len(part) - 1, len(numbers) - 1)], "printed text differs", details, written, whole))
    return found


def recheck(statement: Statement, lines: list[str], outcome: Outcome, filename: str) -> list[tuple[int, str]]:
    """What a normal run would say about the block an update writes under a statement (same outcome, not re-run)."""
    numbered = list(enumerate(lines, start=statement.end_line + 1))
    try:
        written = read_block(filename, numbered) if numbered else None
    except SnippetError as error:
        return [(error.line, f"the update cannot write a readable block, under `{report.first_code_line(statement.nodes)}`")]
    return check(dataclasses.replace(statement, documented=written), outcome)


def update_lines(statement: Statement, outcome: Outcome) -> list[str]:
    """The block the update writes: what really happened, keeping documented type names that are right."""
    documented = statement.documented
    documented_warnings = documented.warns if documented else []
    warned = []
    for index, (category, message) in enumerate(outcome.warnings):
        name = documented_warnings[index][0] if index < len(documented_warnings) else None
        warned.append((written_name(name, category), message))
    raised = None
    if outcome.exception:
        name = documented.raises[0] if documented and documented.raises else None
        raised = (written_name(name, outcome.exception[0]), outcome.exception[1])
    return report.block_lines(warned, outcome.shown_lines(), raised)


def starting_namespace(example: Example) -> dict[str, Any]:
    """The globals an example's statements start with: a script's, or for a docstring's `>>>` session a copy of
    its module's (see sessions.module_globals, whose import error it raises). Where the example has a folder,
    that folder goes first on sys.path and `__file__` names the file, as for `python file.py`; the folders of
    pytest's `pythonpath` ini option come next."""
    sys.path[0:0] = list(example.pythonpath)  # as pytest puts its `pythonpath` ini option's folders first
    namespace: dict[str, Any] = {"__name__": "__main__", "__file__": example.filename, "__builtins__": builtins}
    if example.session and example.session.get("module"):
        namespace = sessions.module_globals(example)  # a docstring's examples see its module's globals
    if example.directory:
        # As for `python file.py`: modules beside the file import, and __file__ names the file.
        sys.path.insert(0, example.directory)
        namespace["__file__"] = os.path.join(example.directory, os.path.basename(example.filename))
    return namespace


def with_update_note(found: list[tuple[int, str]], line: int) -> list[tuple[int, str]]:
    """A session's problems under the input whose undocumented exception stops the update, the exception's
    (at the input's `line`) saying why nothing from there on is rewritten."""
    return [(at, body + UNDOCUMENTED_EXCEPTION if at == line else body) for at, body in found]


def rewrite_of(example: Example, statement: Statement, outcome: Outcome, found: list[tuple[int, str]]) -> Rewrite | None:
    """What an update writes under one statement whose problems are `found`; None for an output that passes,
    which is left as written (a `#>` line's trailing comment, a `>>>` session's `...`, `# may vary`, its spacing)."""
    if not found:
        return None
    lines = update_lines(statement, outcome)
    change = report.rewrite(statement, lines, recheck(statement, lines, outcome, example.filename))
    if example.session is not None:
        change["lines"], change["style"] = sessions.written_lines(lines), "session"
        if why := unwritable(example, change["lines"]):
            # Written as it is, the output would change the file around it: left as documented, and failed.
            return report.left_as_written(
                statement, found + [(statement.line, f"--update-expected does not write this output: {why}")]
            )
    return change


def unwritable(example: Example, lines: list[str]) -> str | None:
    """Why a session's output `lines` cannot be written into its file as they are, or None: a line that starts
    with a `>>>` prompt would be read as an input, and a first line that starts with `...` as the input's
    continuation; in a docstring a backslash is an escape (unless the docstring is raw) and three quotes may end
    it; in Markdown a line that starts with a fence may end the code block."""
    # As doctest reads them: any line that starts with `>>>` is an input, and `...` right after it continues it.
    starts = [line.expandtabs().lstrip(" ") for line in lines]  # tabs count as the reader counts them (doctest's)
    if any(start.startswith(">>>") for start in starts) or (starts and starts[0].startswith("...")):
        return "a line that starts with `>>>`, or a first line that starts with `...`, would be read as code; write it by hand"
    session = example.session or {}
    if session.get("module"):
        if not session.get("raw") and any("\\" in line for line in lines):
            return 'a backslash in a docstring is an escape unless the docstring is raw (r"""); write it by hand'
        if any('"""' in line or "'''" in line for line in lines):
            return "three quotes may end the docstring; write it by hand"
    elif example.filename.endswith(".md") and any(line.lstrip().startswith(("```", "~~~")) for line in lines):
        return "a line that starts with a fence would end the code block; write it by hand"
    return None


def run_example(
    example: Example,
    on_statement: Callable[[int], object] = lambda line: None,
    update: bool = False,
    legacy_print: str | None = None,
) -> ExampleResult:
    """Run every statement; return {"problems": [text], "rewrites": [what the update writes, see report.rewrite]}.

    `legacy_print`: NumPy's legacy print mode ("1.25") to set before the example runs, as the docs declare
    they were written for (see legacy.py); None leaves NumPy's print options as they are.

    An undocumented exception in a `#>` snippet stops a normal run, as it stops the script, since the rest
    would run on a state the reader never reaches; an update run (`update`) goes on: it documents the
    exception, so the next run goes on too, and one update fills in every block. In a `>>>` session, as in
    doctest, it fails its input and the session goes on, every later output still compared; an update
    rewrites nothing from that input on (see `UNDOCUMENTED_EXCEPTION`) and returns those problems as
    "kept". Only an update run computes the rewrites (a normal one returns none).
    """
    try:
        statements = parse_statements(example) if example.session is None else sessions.example_statements(example)
    except SnippetError as error:
        return {"problems": [str(error)], "rewrites": []}
    try:
        legacy.enter(legacy_print)
    except ValueError as error:  # the plugin checks its option; a caller of the Zygote may pass anything
        return {"problems": [f"{example.filename}:{example.first_line}: {error}"], "rewrites": []}
    try:
        namespace = starting_namespace(example)
    except BaseException as error:  # a docstring's module that fails to import
        where = f"{example.filename}:{example.first_line}"
        module = (example.session or {}).get("module")
        return {"problems": [f"{where}: cannot import {module}: {type(error).__name__}: {error}"], "rewrites": []}
    problems: list[str] = []
    rewrites: list[Rewrite] = []
    kept: list[tuple[int, str]] = []  # a session's (line, problem) that an update leaves, after an undocumented exception
    found_so_far: list[tuple[int, str]] = []  # (line, problem) of the statements run
    with StandardOutput() as output:
        try:  # what the project declares every session starts with (the ini option array_examples_doctest_namespace)
            sessions.run_namespace(namespace, (example.session or {}).get("namespace", []))
        except sessions.NamespaceError as error:
            return {"problems": [f"{example.filename}:{example.first_line}: setup failed: {error}"], "rewrites": []}
        output.discard()  # what those statements printed is no input's output
        for statement in statements:
            on_statement(statement.line)
            outcome = execute(statement, namespace, example.filename, output, update)
            found = check(statement, outcome)
            documented = statement.documented
            undocumented = outcome.exception is not None and not (documented and documented.raises)
            if update and example.session is None and undocumented and documented and documented.output is not None:
                # A value documented where an exception now comes (a missing import, a name): the update writes
                # nothing for this snippet and fails as a normal run would, naming every problem met so far (an
                # import that failed above), rather than document an accident as the example's output. (A `>>>`
                # session's update keeps everything from its first undocumented exception on: `kept`, below.)
                rewrites = [report.left_as_written(statement, found_so_far + found)]
                problems += [f"{example.filename}:{line}: {body}" for line, body in found]
                break
            found_so_far += found
            if update and example.session is not None and (kept or undocumented):
                found = found if kept else with_update_note(found, statement.line)
                kept += found  # the update leaves this output, and every one after it, as written
            elif update and (change := rewrite_of(example, statement, outcome, found)):
                rewrites.append(change)
            problems += [f"{example.filename}:{line}: {body}" for line, body in found]
            output.discard()  # what a __repr__ printed while the harness compared is not the next statement's
            if undocumented and example.session is None and not update:
                break  # a script stops at an exception; a `>>>` session goes on, as doctest's does
    return {"problems": problems, "rewrites": rewrites, "kept": kept}
