"""Format snippets with ruff, keeping the `#>` output markers that ruff would turn into `# >`.

python scripts/format_snippets.py          # rewrite snippets/*.py in place
python scripts/format_snippets.py --check  # list unformatted snippets, exit 1 if any
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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
    return re.sub(r"^# >", "#>", result.stdout, flags=re.M)


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
