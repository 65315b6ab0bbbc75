"""Run one example statement by statement, as a REPL would, and check each documented block.

This runs inside the isolated child process (see isolation.py), where the
example's objects live, so comparison happens here and only text goes back.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import io
import re
import traceback
import warnings

from array_examples import report
from array_examples.compare import compare_value, normalise
from array_examples.reprs import MalformedOutput
from array_examples.snippets import Example, SnippetError, Statement, parse_statements

# torch appends where in its C++ sources a warning came from; that differs between builds.
TRIGGERED_AT = re.compile(r"\s*\(Triggered internally at [^)]*\.\)\s*$")

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
        warnings.filterwarnings(action, category=category, module=module or "")


class Outcome:
    """What one statement really did."""

    def __init__(self):
        self.stdout = ""
        self.value = None
        self.exception: tuple[str, str] | None = None
        self.traceback = ""
        self.warnings: list[tuple[str, str]] = []

    def shown_text(self) -> str | None:
        """What a REPL shows under the statement, minus warnings and exceptions."""
        if self.value is not None:
            return (self.stdout + repr(self.value)).rstrip("\n")
        return self.stdout.rstrip("\n") if self.stdout else None


def execute(statement: Statement, namespace: dict, filename: str) -> Outcome:
    outcome = Outcome()
    buffer = io.StringIO()
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(buffer):
        try:
            if isinstance(statement.node, ast.Expr):
                code = compile(ast.Expression(statement.node.value), filename, "eval")
                outcome.value = eval(code, namespace)
            else:
                code = compile(ast.Module([statement.node], type_ignores=[]), filename, "exec")
                exec(code, namespace)
        except BaseException as error:  # SystemExit too: the reader's REPL would show it
            outcome.exception = (type(error).__name__, str(error))
            outcome.traceback = "".join(traceback.format_exception(error)[-3:])
    outcome.stdout = buffer.getvalue()
    outcome.warnings = [(w.category.__name__, TRIGGERED_AT.sub("", str(w.message))) for w in caught]
    return outcome


def check(statement: Statement, outcome: Outcome, filename: str) -> list[str]:
    """Every way the documented block under a statement can disagree with its outcome."""
    documented = statement.documented
    code = report.first_code_line(statement.node)
    where = documented.line if documented else statement.end_line
    problems = []

    def problem(line, title, details=(), documented_text=None, actual_text=None):
        problems.append(report.problem(filename, line, f"{title}, under `{code}`", details, documented_text, actual_text))

    documented_warnings = documented.warns if documented else []
    real_warnings = outcome.warnings
    if [(k, normalise(m)) for k, m in documented_warnings] != [(k, normalise(m)) for k, m in real_warnings]:
        details = [f"documented: {k}: {m}" for k, m in documented_warnings] or ["documented: no warning"]
        details += [f"actual: {k}: {m}" for k, m in real_warnings] or ["actual: no warning"]
        problem(where, "warnings differ", details)

    raised = outcome.exception
    expected = documented.raises if documented else None
    if expected and not raised:
        problem(where, "missing exception", [f"documented {expected[0]}: {expected[1]}", "actual: the statement raised nothing"])
    elif raised and not expected:
        problem(statement.line, "unexpected exception", [f"{raised[0]}: {raised[1]}", *outcome.traceback.rstrip().splitlines()])
    elif raised and expected:
        if raised[0] != expected[0] and not raised[0].endswith("." + expected[0]):
            problem(where, "exception type differs", [f"exception type: documented {expected[0]}, actual {raised[0]}"])
        if normalise(raised[1]) != normalise(expected[1]):
            problem(where, "exception message differs", [f"exception type: {raised[0]}"], expected[1], raised[1])

    shown = outcome.shown_text()
    written = documented.output if documented else None
    output_line = documented.output_line if documented and written is not None else where
    if outcome.value is not None and outcome.stdout:
        problem(
            statement.line, "the statement both prints and returns a value", ["split it so each output is documented on its own"]
        )
    elif written is None and shown is not None:
        problem(statement.end_line, "undocumented output", ["the statement shows output but documents none"], None, shown)
    elif written is not None and shown is None:
        problem(output_line, "missing output", ["documented output, but the statement shows nothing"], written, "")
    elif written is not None and outcome.stdout:
        if normalise(written) != normalise(outcome.stdout):
            problem(output_line, "printed text differs", [], written, shown)
    elif written is not None:
        try:
            differences = compare_value(written, outcome.value)
        except MalformedOutput as error:
            problem(output_line, "malformed documented output", [str(error)])
        else:
            if differences:
                problem(output_line, "documented value differs", differences, written, shown)
    return problems


def run_example(example: Example, on_statement=lambda line: None) -> dict:
    """Run every statement; return problems and the blocks an update would write."""
    try:
        statements = parse_statements(example)
    except SnippetError as error:
        return {"problems": [str(error)], "rewrites": []}
    namespace = {"__name__": "__main__", "__file__": example.filename, "__builtins__": builtins}
    problems, rewrites = [], []
    for statement in statements:
        on_statement(statement.line)
        outcome = execute(statement, namespace, example.filename)
        problems += check(statement, outcome, example.filename)
        rewrites.append(report.rewrite(statement, outcome))
        if outcome.exception and not (statement.documented and statement.documented.raises):
            # The rest would run on a state the reader never reaches.
            return {"problems": problems, "rewrites": rewrites}
    return {"problems": problems, "rewrites": rewrites}
