"""scripts/compare_zensical.py tells what differs between a Material build and a Zensical build."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("compare_zensical", ROOT / "scripts" / "compare_zensical.py")
compare_zensical = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare_zensical)

PAGE = """<html><head>{head}</head><body>
<input type="text" class="md-search__input" name="query">
<h1 id="title">Title</h1><h2 id="{anchor}">Section</h2>
<div class="highlight"><pre><span></span><code>torch.from_numpy(<span>a</span>)</code></pre></div>
</body></html>"""


def site(folder: Path, pages: dict[str, str]) -> Path:
    for path, html in pages.items():
        (folder / path).mkdir(parents=True, exist_ok=True)
        (folder / path / "index.html").write_text(html)
    return folder


def test_identical_builds_differ_in_nothing(tmp_path):
    page = PAGE.format(head="", anchor="shared")
    material = site(tmp_path / "a", {"": page, "dtypes": page})
    zensical = site(tmp_path / "b", {"": page, "dtypes": page})
    assert compare_zensical.differences(material, zensical) == []


def test_every_kind_of_difference_is_reported(tmp_path):
    page = PAGE.format(head="", anchor="shared")
    changed = PAGE.format(head='<script src="https://cdn.example/x.js"></script>', anchor="renamed")
    changed = changed.replace('class="md-search__input"', 'class="other"').replace("from_numpy", "as_tensor")
    material = site(tmp_path / "a", {"": page, "dtypes": page})
    zensical = site(tmp_path / "b", {"": changed, "devices": page})
    assert compare_zensical.differences(material, zensical) == [
        "page /dtypes/ is built only by Material for MkDocs",
        "page /devices/ is built only by Zensical",
        "/: heading anchors differ: ['title', 'shared'] -> ['title', 'renamed']",
        "/: code blocks differ (1 -> 1 blocks, 1 with other text)",
        "/: search box `input.md-search__input` gone",
        "/: loads https://cdn.example/x.js from another origin",
    ]
