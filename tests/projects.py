"""What the tests that make a small documentation project (pytester) share: a right and a wrong example, and `write`."""

RIGHT = "import numpy as np\n\nnp.arange(2)\n#> array([0, 1])\n"
WRONG = "import numpy as np\n\nnp.arange(2)\n#> array([0, 1, 2])\n"


def write(pytester, relative: str, text: str) -> None:
    """Write `text` to `relative` (a path under the project, its folders made as needed)."""
    path = pytester.path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
