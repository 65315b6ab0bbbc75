"""Say what went wrong, where, with a diff; and write real outputs back into files.

`problem` formats one failure as `file:line: title` plus details and a diff of
the documented and the actual text. `rewrite` and `apply_rewrites` implement
the update option: they replace documented blocks with what really happened
and leave every other line of the file alone.
"""

from __future__ import annotations

import ast
import difflib
import json
import re
from pathlib import Path


def first_code_line(node: ast.stmt) -> str:
    text = ast.unparse(node).splitlines()[0]
    return text if len(text) <= 60 else text[:57] + "..."


def problem(filename, line, title, details=(), documented=None, actual=None) -> str:
    lines = [f"{filename}:{line}: {title}"]
    lines += [f"    {detail}" for detail in details]
    if documented is not None or actual is not None:
        diff = difflib.unified_diff(
            (documented or "").splitlines(), (actual or "").splitlines(), "documented", "actual", lineterm="", n=2
        )
        lines += [f"    {row}" for row in diff]
    return "\n".join(lines)


def block_lines(outcome) -> list[str]:
    """The documented block that matches an outcome, as comment lines."""
    lines = []
    for kind, message in outcome.warnings:
        lines += message_lines("warns", kind, message)
    shown = outcome.shown_text()
    if shown is not None:
        lines += [f"#> {row}".rstrip() for row in shown.splitlines()] or ["#>"]
    if outcome.exception:
        lines += message_lines("raises", *outcome.exception)
    return lines


def message_lines(keyword: str, kind: str, message: str) -> list[str]:
    first, *rest = message.splitlines() or [""]
    return [f"#! {keyword} {kind}: {first}".rstrip()] + [f"#! {row}".rstrip() for row in rest]


def rewrite(statement, outcome) -> dict:
    """Where a statement's block is (or would go) and what it should say."""
    documented = statement.documented
    return {
        "line": statement.line,
        "after": statement.end_line,
        "start": documented.line if documented else None,
        "end": documented.end_line if documented else None,
        "lines": block_lines(outcome),
    }


def apply_rewrites(path: Path, rewrites: list[dict]) -> bool:
    """Replace documented blocks in one file; return whether the file changed."""
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines()
    # From the bottom up, so earlier line numbers stay valid.
    for change in sorted(rewrites, key=lambda c: c["after"], reverse=True):
        if change["start"] is not None:
            indent = leading_space(lines[change["start"] - 1])
            lines[change["start"] - 1 : change["end"]] = [indent + row for row in change["lines"]]
        elif change["lines"]:
            indent = leading_space(lines[change["line"] - 1])
            lines[change["after"] : change["after"]] = [indent + row for row in change["lines"]]
    updated = "\n".join(lines) + ("\n" if original.endswith("\n") else "")
    if updated != original:
        path.write_text(updated, encoding="utf-8")
    return updated != original


def leading_space(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


VERIFIED_HEADER = "<!-- Written by `pytest --update-expected` from the run that produced the outputs; do not edit. -->"


def write_verified(path: Path, devices: set[str], facts: dict) -> bool:
    """Record which versions and devices produced the documented outputs; every page shows it.

    A run updates only the devices it ran, so a CPU-only run keeps an earlier GPU run's line.
    """
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    found = re.search(r"<!-- data: (.*) -->", old)
    record = json.loads(found[1]) if found else {}
    for device in devices:
        record[device] = {"torch": facts["torch"], "numpy": facts["numpy"], "python": facts["python"], "gpu": facts["gpu"]}
    cpu, cuda = record.get("cpu"), record.get("cuda")
    parts = []
    if cpu:
        parts.append(f"on the CPU with torch {cpu['torch']}, NumPy {cpu['numpy']} and Python {cpu['python']}")
    parts.append(
        f"on a GPU ({cuda['gpu']}) with torch {cuda['torch']} and NumPy {cuda['numpy']}"
        if cuda
        else "GPU examples have not been run on a GPU yet"
    )
    text = "\n".join(
        [
            VERIFIED_HEADER,
            f"<!-- data: {json.dumps(record, sort_keys=True)} -->",
            "",
            f'<p class="verified"><small>Every output on this page was produced by the test suite: {"; ".join(parts)}.</small></p>',
            "",
        ]
    )
    if text != old:
        path.write_text(text, encoding="utf-8")
    return text != old
