"""The site builds strictly, every include resolves, and every example is shown somewhere."""

import re
from pathlib import Path

import pytest

from array_examples.snippets import examples_in_file
from sitetools import build

ROOT = Path(__file__).resolve().parent.parent
INCLUDE = re.compile(r'--8<--\s+"([^"]+)"')


def includes(pages: list[Path]):
    """Yield (page, line, file, section) for every `--8<-- "file.py:section"` line."""
    for page in pages:
        for number, text in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            for target in INCLUDE.findall(text):
                file, _, section = target.partition(":")
                yield page, number, file, section or None


def include_problems(snippet_dir: Path, pages: list[Path]) -> list[str]:
    """Includes that name a missing file or section, and sections no page includes."""
    problems, shown = [], set()
    sections = {
        path.name: examples_in_file(path, path.relative_to(snippet_dir.parent).as_posix())
        for path in sorted(snippet_dir.glob("*.py"))
    }
    for page, line, file, section in includes(pages):
        where = f"{page.relative_to(snippet_dir.parent).as_posix()}:{line}"
        if file not in sections:
            problems.append(f"{where}: includes {file}, which is not a file in {snippet_dir.name}/")
        elif section is not None and section not in {e.name for e in sections[file]}:
            problems.append(f"{where}: includes section {section!r} of {file}, which has no such section")
        shown.add((file, section))
    for file, examples in sections.items():
        for example in examples:
            if (file, None) not in shown and (file, example.name) not in shown:
                label = f"section {example.name!r}" if example.name else "this file"
                problems.append(f"{example.filename}:{example.first_line}: {label} is not included by any page")
    return problems


def pages() -> list[Path]:
    return sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "README.md"]


def test_every_include_resolves_and_every_example_is_shown():
    assert include_problems(ROOT / "snippets", pages()) == []


def test_an_unshown_section_and_a_missing_include_are_reported(tmp_path):
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "a.py").write_text(
        "# --8<-- [start:shown]\nx = 1\n# --8<-- [end:shown]\n# --8<-- [start:hidden]\ny = 2\n# --8<-- [end:hidden]\n"
    )
    page = tmp_path / "page.md"
    page.write_text('```python\n--8<-- "a.py:shown"\n```\n\n```python\n--8<-- "a.py:gone"\n```\n')
    assert include_problems(tmp_path / "snippets", [page]) == [
        "page.md:6: includes section 'gone' of a.py, which has no such section",
        "snippets/a.py:5: section 'hidden' is not included by any page",
    ]


def test_site_builds_strictly(built_site):
    _, folder = built_site  # built with --strict: the fixture fails on any warning
    page = (folder / "numpy-to-pytorch" / "index.html").read_text()
    assert "torch.from_numpy" in page and "--8&lt;--" not in page and "[start:" not in page


@pytest.mark.slow
@pytest.mark.parametrize("target", ['"numpy_to_torch.py:no_such_section"', '"no_such_file.py"'])
def test_build_fails_on_a_missing_include(tmp_path, target):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(f"# Page\n\n```python\n--8<-- {target}\n```\n")
    config = (ROOT / "mkdocs.yml").read_text()
    for relative in ("base_path: [snippets]", "custom_dir: overrides"):
        key, value = relative.split(": ")
        config = config.replace(relative, f"{key}: {ROOT / value.strip('[]')}")
    config = re.sub(
        r"(?m)^hooks:\n((  - |  #).*\n)+", "", config
    )  # one page shows no section: the errors page hook would stop first
    config = config.replace("watch: [snippets]", f"watch: [{ROOT / 'snippets'}]")  # watched paths must exist
    (tmp_path / "mkdocs.yml").write_text(re.sub(r"(?s)\nnav:.*", "\n", config))
    result = build(tmp_path / "site", config=tmp_path / "mkdocs.yml")
    assert result.returncode != 0
    assert "could not be" in result.stdout + result.stderr


def test_pages_name_the_pinned_versions_they_were_verified_with():
    """snippets/verified.md is written by `pytest --update-expected`; after a pin changes, rerun it."""
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line)
    verified = (ROOT / "snippets" / "verified.md").read_text()
    assert f"torch {pins['torch']}" in verified and f"NumPy {pins['numpy']}" in verified, verified


def test_readme_names_the_address_mkdocs_serve_uses():
    """`mkdocs serve` serves under the path of site_url; the README must send readers there."""
    site_url = re.search(r"^site_url: (.+)$", (ROOT / "mkdocs.yml").read_text(), re.M)[1]
    address = "http://127.0.0.1:8000" + re.sub(r"^https?://[^/]+", "", site_url)
    assert f"<{address}>" in (ROOT / "README.md").read_text()
