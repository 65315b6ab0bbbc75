"""Format snippets with ruff, keeping the `#>` output markers that ruff would turn into `# >`, and keeping each
section pasteable into the classic `python` console: no blank line inside a top-level `for`, `with`, `try`, `class`
or `def` (the console ends the statement there), and one after it (else the next statement is a SyntaxError).

python scripts/format_snippets.py          # rewrite snippets/*.py in place
python scripts/format_snippets.py --check  # list unformatted snippets, exit 1 if any
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from array_examples.snippets import SECTION, is_block_line, lines_inside_strings

ROOT = Path(__file__).resolve().parent.parent
RUFF = Path(sys.executable).parent / "ruff"


def formatted(path: Path) -> str:
    result = subprocess.run(
        [str(RUFF), "format", "--stdin-filename", str(path), "-"],
        input=path.read_text(),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    # ruff puts a space after "#"; documented output lines must stay "#>" in column 0.
    return pasteable(re.sub(r"^# >", "#>", result.stdout, flags=re.M))


def pasteable(text: str) -> str:
    """`text` (Python source) with no blank line inside a top-level compound statement, outside strings, and a blank
    line after each one's documented block (`#>`, `#!`) where another line of the section follows directly."""
    lines = text.splitlines()
    tree = ast.parse(text)
    in_strings = lines_inside_strings(tree)
    drop, blank_after = set(), set()
    for node in tree.body:
        if not hasattr(node, "body"):
            continue
        inner = range(node.lineno + 1, node.end_lineno)
        drop.update(n for n in inner if not lines[n - 1].strip() and n not in in_strings)
        last = node.end_lineno
        while last < len(lines) and is_block_line(lines[last]):
            last += 1
        if last < len(lines) and lines[last].strip() and not SECTION.match(lines[last]):  # a marker is not pasted
            blank_after.add(last)
    kept = []
    for number, line in enumerate(lines, start=1):
        if number not in drop:
            kept.append(line)
        if number in blank_after:
            kept.append("")
    return "\n".join(kept) + "\n"


def main() -> int:
    check = "--check" in sys.argv[1:]
    unformatted = []
    for path in sorted((ROOT / "snippets").glob("*.py")):
        text = formatted(path)
        if text != path.read_text():
            unformatted.append(path.relative_to(ROOT).as_posix())
            if not check:
                path.write_text(text)
    for name in unformatted:
        print(("would reformat " if check else "reformatted ") + name)
    return 1 if check and unformatted else 0


if __name__ == "__main__":
    sys.exit(main())
