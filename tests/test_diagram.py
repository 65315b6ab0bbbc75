"""The decision diagram on the home page is rendered from its Mermaid source, and kept in step with it."""

import hashlib
import re
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "docs" / "assets"


def test_rendered_diagram_matches_its_source():
    source_hash = hashlib.sha256((ASSETS / "decision-diagram.mmd").read_bytes()).hexdigest()
    first_line = (ASSETS / "decision-diagram.svg").read_text().splitlines()[0]
    assert source_hash in first_line, "decision-diagram.mmd changed: run `python scripts/render_diagram.py`"


def test_every_step_of_the_source_is_drawn():
    svg = (ASSETS / "decision-diagram.svg").read_text()
    # Mermaid puts each word in its own <tspan>; read the drawing's text back as words.
    drawn = " ".join(" ".join(re.findall(r">([^<>]+)<", svg.split("</style>")[-1])).split())
    for label in ["Requires grad?", "t = t.detach()", "t = t.cpu()", "t = t.resolve_neg()", "array = t.numpy()"]:
        assert label in drawn
