"""Build the site with Material for MkDocs and with Zensical, its successor, and report what differs.

    .venv/bin/python scripts/compare_zensical.py --zensical PATH/TO/zensical

Material for MkDocs reaches its end of life on 5 May 2027; the weekly canary runs this so that the
move to Zensical is planned from facts (CONTRIBUTING.md, "Moving to Zensical"). It reports, and
never fails on, what differs: pages built by one and not the other, headings and code blocks that
differ, the search markup, and anything a page loads from another origin. It exits non-zero only
when Zensical cannot build the site at all. With GITHUB_STEP_SUMMARY set, the report is added there.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from sitetools import build, page_paths  # noqa: E402

# What a Zensical build reads: it has no --site-dir, so it builds in a copy and writes site/ there.
SOURCES = ["mkdocs.yml", "docs", "snippets", "overrides"]


class PageFacts(HTMLParser):
    """What a reader meets on one page: heading anchors, code block texts, search box, resources from elsewhere."""

    def __init__(self):
        super().__init__()
        self.headings, self.code_blocks, self.foreign = [], [], set()
        self.search_input = False
        self._in_pre = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and attrs.get("id"):
            self.headings.append(attrs["id"])
        if tag == "pre":
            self._in_pre += 1
            self.code_blocks.append("")
        if tag == "input" and "md-search__input" in (attrs.get("class") or "").split():
            self.search_input = True
        loaded = attrs.get("src") if tag in ("script", "img", "iframe") else None
        if tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "modulepreload", "icon"):
            loaded = attrs.get("href")
        if loaded and urlparse(loaded).netloc:
            self.foreign.add(loaded)

    def handle_endtag(self, tag):
        if tag == "pre" and self._in_pre:
            self._in_pre -= 1

    def handle_data(self, data):
        if self._in_pre:
            self.code_blocks[-1] += data


def page_facts(site: Path, path: str) -> PageFacts:
    facts = PageFacts()
    facts.feed((site / path / "index.html").read_text(encoding="utf-8"))
    return facts


def differences(material: Path, zensical: Path) -> list[str]:
    """Lines saying how the Zensical build `zensical` differs from the Material build `material`."""
    found = []
    ours, theirs = set(page_paths(material)), set(page_paths(zensical))
    found += [f"page /{path} is built only by Material for MkDocs" for path in sorted(ours - theirs)]
    found += [f"page /{path} is built only by Zensical" for path in sorted(theirs - ours)]
    for path in sorted(ours & theirs):
        before, after = page_facts(material, path), page_facts(zensical, path)
        if before.headings != after.headings:
            found.append(f"/{path}: heading anchors differ: {before.headings} -> {after.headings}")
        if before.code_blocks != after.code_blocks:
            changed = sum(a != b for a, b in zip(before.code_blocks, after.code_blocks))
            found.append(
                f"/{path}: code blocks differ ({len(before.code_blocks)} -> {len(after.code_blocks)} blocks, {changed} with other text)"
            )
        if before.search_input != after.search_input:
            found.append(f"/{path}: search box `input.md-search__input` {'gone' if before.search_input else 'new'}")
        found += [f"/{path}: loads {url} from another origin" for url in sorted(after.foreign - before.foreign)]
    return found


def build_with_zensical(zensical: str, folder: Path) -> subprocess.CompletedProcess:
    for name in SOURCES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    return subprocess.run([zensical, "build", "--strict"], cwd=folder, capture_output=True, text=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zensical", default=shutil.which("zensical"), help="the zensical program (default: on PATH)")
    zensical = parser.parse_args().zensical
    if not zensical:
        sys.exit("no zensical program: pip install zensical (in an environment of its own), then pass --zensical")
    version = subprocess.run([zensical, "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as material, tempfile.TemporaryDirectory() as copy:
        result = build(Path(material))
        if result.returncode:
            sys.exit("Material for MkDocs cannot build the site:\n" + result.stdout + result.stderr)
        result = build_with_zensical(zensical, Path(copy))
        if result.returncode:
            print(f"{version} cannot build the site:\n{result.stdout}{result.stderr}")
            return 1
        lines = differences(Path(material), Path(copy) / "site")
    report = [f"## Zensical trial: {version}", ""]
    report += [f"- {line}" for line in lines] or ["- no difference in pages, headings, code blocks, search box or origins"]
    print("\n".join(report))
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
            summary.write("\n".join(report) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
