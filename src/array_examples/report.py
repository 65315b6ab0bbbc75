"""Say what went wrong, where, with a diff; and write real outputs back into files.

`problem_body` formats one failure as a title plus details and a diff of
the documented and the actual text (the caller puts `file:line: ` before it). `rewrite` and `apply_rewrites` implement
the update option: they replace documented blocks with what really happened
and leave every other line of the file alone; `update_failures` says which
written blocks the next run would still fail, and where they will be.
"""

from __future__ import annotations

import ast
import difflib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from array_examples.protocol import Facts, Rewrite

if TYPE_CHECKING:
    from array_examples.snippets import Statement


def first_code_line(nodes: list[ast.stmt]) -> str:
    """The start of a statement (or line of statements) as code, short enough to quote in a title."""
    text = "; ".join(ast.unparse(node) for node in nodes).splitlines()[0]
    return text if len(text) <= 60 else text[:57] + "..."


def problem_body(title: str, details: Iterable[str] = (), documented: str | None = None, actual: str | None = None) -> str:
    """One failure as text without its `file:line: ` prefix: the title, indented details, then a diff of the
    documented and the actual text when either is given (the update places the prefix once it knows where the line moved)."""
    lines = [title]
    lines += [f"    {detail}" for detail in details]
    if documented is not None or actual is not None:
        diff = difflib.unified_diff(
            (documented or "").splitlines(), (actual or "").splitlines(), "documented", "actual", lineterm="", n=2
        )
        lines += [f"    {row}" for row in diff]
    return "\n".join(lines)


def block_lines(warned: list[tuple[str, str]], shown: list[str], raised: tuple[str, str] | None) -> list[str]:
    """The documented block for what a statement did, as comment lines.

    `warned` holds (type name, message) per warning, `shown` the lines the statement showed (printed text and
    reprs, in order), `raised` the (type name, message) of its exception or None.
    """
    lines = []
    for kind, message in warned:
        lines += message_lines("warns", kind, message)
    # A file is read back with str.splitlines(), which also breaks at \r, \x0c, \u2028: so must the block.
    lines += [f"#> {piece}".rstrip() for row in shown for piece in row.splitlines() or [""]]
    if raised:
        lines += message_lines("raises", *raised)
    return lines


def message_lines(keyword: str, kind: str, message: str) -> list[str]:
    """A `#! raises` or `#! warns` line for an exception or warning, its message's further lines under it."""
    first, *rest = message.splitlines() or [""]
    return [f"#! {keyword} {kind}: {first}".rstrip()] + [f"#! {row}".rstrip() for row in rest]


def rewrite(statement: Statement, lines: list[str], recheck: list[tuple[int, str]]) -> Rewrite:
    """Where a statement's block is (or would go), what it should say, and how the new block still fails.

    `recheck` holds (line, problem without its `file:line: ` prefix), with lines counted as if no other
    block in the file changed; `update_failures` shifts them.
    """
    documented = statement.documented
    return {
        "line": statement.line,
        "after": statement.end_line,
        "start": documented.line if documented else None,
        "end": documented.end_line if documented else None,
        "lines": lines,
        "recheck": recheck,
    }


def left_as_written(statement: Statement, problems: list[tuple[int, str]]) -> Rewrite:
    """A rewrite that writes nothing: the statement's documented block stays as it is, and the update fails with
    `problems` (line, problem), as `rewrite`'s `recheck`."""
    change = rewrite(statement, [], problems)
    change["keep"] = True
    return change


def update_failures(
    filename: str, earlier: list[Rewrite], rewrites: list[Rewrite], kept: Iterable[tuple[int, str]] = ()
) -> list[str]:
    """The problems the next run would report on the blocks an update writes, then those on the lines it leaves
    as written (`kept`: (line, problem), lines before the update), at their lines after the update, in order.

    `earlier` holds rewrites already collected for the same file (other sections), `rewrites` this example's.
    """
    everything = earlier + rewrites
    found = []
    for change in rewrites:
        found += [(change["line"], line, body) for line, body in change["recheck"]]
    found += [(line, line, body) for line, body in kept]
    failures = []
    for statement, line, body in sorted(found, key=lambda item: item[0]):
        # Blocks above this statement that grow or shrink move it down or up.
        shift = sum(size_change(other) for other in everything if other["after"] < statement)
        failures.append(f"{filename}:{line + shift}: {body}")
    return failures


def size_change(change: Rewrite) -> int:
    """How many lines longer (or, negative, shorter) the rewrite makes the file."""
    if change.get("keep"):
        return 0
    start, end = change["start"], change["end"]
    old = end - start + 1 if start is not None and end is not None else 0
    return len(change["lines"]) - old


def apply_rewrites(path: Path, rewrites: list[Rewrite]) -> bool:
    """Replace documented blocks in one file; return whether the file changed.

    Every line keeps its own ending (a CRLF file stays CRLF) and a block keeps the indentation of the
    line it replaces or follows; a `>>>` session's output (`"style": "session"`) that of its prompt, since
    its old first line may be indented further (printed text that starts with spaces).
    """
    rewrites = [change for change in rewrites if not change.get("keep")]
    original = path.read_bytes().decode("utf-8")
    lines = original.splitlines(keepends=True)
    newline = line_ending(lines)
    last_ends = bool(lines) and bool(ending(lines[-1]))
    if lines and not last_ends:
        lines[-1] += newline  # for now; the file ends as it did below
    # From the bottom up, so earlier line numbers stay valid.
    for change in sorted(rewrites, key=lambda c: c["after"], reverse=True):
        start, end = change["start"], change["end"]
        if start is not None and end is not None:
            model = lines[start - 1]
            if change.get("style") == "session":
                model = leading_space(lines[change["line"] - 1]) + model.lstrip()
            lines[start - 1 : end] = shaped(change["lines"], model, newline)
        elif change["lines"]:
            # A new block takes the indentation of its statement.
            block = shaped(change["lines"], lines[change["line"] - 1], newline)
            lines[change["after"] : change["after"]] = block
    if lines and not last_ends:
        lines[-1] = lines[-1][: len(lines[-1]) - len(ending(lines[-1]))]
    updated = "".join(lines)
    if updated != original:
        path.write_bytes(updated.encode("utf-8"))  # encoded first: an error must not leave the file emptied
    return updated != original


def shaped(rows: list[str], model: str, newline: str) -> list[str]:
    """`rows` with the indentation of the line `model` and its line ending where it is one of
    \\n, \\r\\n and \\r, else `newline` (the file's)."""
    own = ending(model)
    return [leading_space(model) + row + (own if own in ("\n", "\r\n", "\r") else newline) for row in rows]


def ending(line: str) -> str:
    """The line ending a line keeps (\\r\\n, \\n, \\r or another that str.splitlines breaks at), or ""."""
    return line[len(line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")) :]


def line_ending(lines: list[str]) -> str:
    """The first line ending among `lines` (as `str.splitlines(keepends=True)` gives them), "\\n" when none has one."""
    return next((ending(line) for line in lines if ending(line)), "\n")


def leading_space(line: str) -> str:
    """The spaces and tabs a line starts with."""
    return line[: len(line) - len(line.lstrip())]


VERIFIED_HEADER = "<!-- Written by `pytest --update-expected` from the run that produced the outputs; do not edit. -->"


def write_verified(path: Path, devices: set[str], facts: Facts, gpu_examples: bool = False) -> bool:
    """Record which versions and devices produced the documented outputs, in a Markdown file a site may show.

    `devices`: those whose examples ran in this run; `gpu_examples`: whether the run had CUDA examples (ran or
    skipped), so that the file says GPU outputs are unverified only where there are some. A run updates only the
    devices it ran, so a CPU-only run keeps an earlier GPU run's line. Returns whether the file changed.
    """
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    found = re.search(r"<!-- data: (.*) -->", old)
    record = json.loads(found[1]) if found else {}
    for device in devices:
        record[device] = {"torch": facts["torch"], "numpy": facts["numpy"], "python": facts["python"], "gpu": facts["gpu"]}
    cpu, cuda = record.get("cpu"), record.get("cuda")
    parts = []
    if cpu:
        torch = f"torch {cpu['torch']}, " if cpu["torch"] else ""
        parts.append(f"CPU examples on the CPU with {torch}NumPy {cpu['numpy']} and Python {cpu['python']}")
    if cuda:
        parts.append(f"GPU examples on a GPU ({cuda['gpu']}) with torch {cuda['torch']} and NumPy {cuda['numpy']}")
    elif gpu_examples:
        parts.append("GPU examples have not been run on a GPU yet, so their outputs are unverified")
    sentence = f"The documented outputs were produced by running the examples: {'; '.join(parts)}."
    text = "\n".join(
        [
            VERIFIED_HEADER,
            f"<!-- data: {json.dumps(record, sort_keys=True)} -->",
            "",
            f'<p class="verified"><small>{sentence}</small></p>',
            "",
        ]
    )
    if text != old:
        path.write_text(text, encoding="utf-8")
    return text != old
