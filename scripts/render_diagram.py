"""Render docs/assets/decision-diagram.mmd to SVG with Mermaid, in headless Chromium.

    python scripts/render_diagram.py

The site shows the SVG, so readers load no diagram library and make no request
to another origin. Mermaid itself is fetched from the npm registry (`npm pack`)
into a temporary folder; nothing of it is committed. The SVG records a hash of
its source, and a test fails when the source changes without a new render.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from sitetools import launch  # noqa: E402

SOURCE = ROOT / "docs" / "assets" / "decision-diagram.mmd"
TARGET = SOURCE.with_suffix(".svg")
MERMAID = "mermaid@11.17.2"


def source_hash() -> str:
    return hashlib.sha256(SOURCE.read_bytes()).hexdigest()


def mermaid_script(folder: Path) -> str:
    tarball = subprocess.run(
        ["npm", "pack", MERMAID, "--silent"], cwd=folder, check=True, capture_output=True, text=True
    ).stdout.strip()
    with tarfile.open(folder / tarball) as archive:
        return archive.extractfile("package/dist/mermaid.min.js").read().decode()


def render() -> str:
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        script = mermaid_script(Path(folder))
        browser = launch(playwright)
        page = browser.new_page()
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(content=script)
        # SVG text rather than HTML labels, so the drawing works as an <img>.
        svg = page.evaluate(
            """async (text) => {
                mermaid.initialize({startOnLoad: false, theme: "neutral", htmlLabels: false,
                                    flowchart: {htmlLabels: false}});
                const {svg} = await mermaid.render("decision", text);
                return svg;
            }""",
            SOURCE.read_text(),
        )
        browser.close()
    return f"<!-- rendered from decision-diagram.mmd, sha256 {source_hash()} -->\n{svg}\n"


if __name__ == "__main__":
    TARGET.write_text(render())
    print(f"wrote {TARGET.relative_to(ROOT)}")
