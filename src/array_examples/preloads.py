"""The modules a run's examples import, read statically, for the zygote to import once before the first fork.

    static_imports(examples) -> [(name, origin or None), ...]

Each statement line that starts with `import` or `from` (after a `>>>` or `...` prompt) is parsed on its own:
`import x.y` gives x.y, `from x.y import z` gives x.y; relative imports are left out. A docstring's examples
also need the module they belong to (sessions.module_globals), with the file it must come from. An example that
asks for a CUDA GPU or a CPU-only torch needs torch to say whether it can run. What this reading misses (an
import inside a helper module, a multi-line statement) is left to the zygote's imports on demand.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

from array_examples.snippets import CPU_ONLY_TORCH, Example

PROMPTS = (">>> ", "... ")


def line_imports(line: str) -> list[str]:
    """The absolute modules one line imports (none where it is not a whole import statement)."""
    text = line.strip()
    if text.startswith(PROMPTS):
        text = text[4:].strip()
    if not text.startswith(("import ", "from ")):
        return []
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def docstring_module(example: Example) -> tuple[str, str] | None:
    """The module a docstring's examples run in, with the file it is imported from (see plugin.import_name)."""
    session = example.session or {}
    name, root = session.get("module"), session.get("root")
    if not name or not root:
        return None
    path = Path(root, *name.split("."))
    file = path / "__init__.py" if (path / "__init__.py").is_file() else path.with_suffix(".py")
    return name, str(file)


def static_imports(examples: Iterable[Example]) -> list[tuple[str, str | None]]:
    """The modules `examples` import, each once, in the order first met, each with the file it must come from
    where that is known (a docstring's own module), else None; torch where one needs it to be judged."""
    found: dict[str, str | None] = {}
    for example in examples:
        if example.device == "cuda" or CPU_ONLY_TORCH in example.requires:
            found.setdefault("torch", None)
        own = docstring_module(example)
        for line in example.lines:
            for name in line_imports(line):
                found.setdefault(name, None)
        if own is not None:
            found.setdefault(*own)
    return list(found.items())
