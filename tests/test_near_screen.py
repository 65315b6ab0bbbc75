"""hooks/near_screen.py wraps each page's content between top-level headings, and changes no text."""

import importlib.util
import re

import pytest

from sitetools import ROOT


@pytest.fixture(scope="module")
def hook():
    spec = importlib.util.spec_from_file_location("near_screen", ROOT / "hooks" / "near_screen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def text(page: str) -> str:
    return re.sub(r"<[^>]+>", "", page)


PAGE = (
    '<h1 id="title">Title</h1>\n<p>Intro.</p>\n'
    '<h2 id="one">One<a class="headerlink" href="#one">¶</a></h2>\n<p>First<br>line.</p>\n'
    '<details><summary>More</summary><h3 id="inside">Inside</h3><p>x</p></details>\n'
    '<h3 id="two">Two</h3>\n<pre><code><span id="__span-0-1">a\n</span><span id="__span-0-2">b\n</span></code></pre>\n'
    "<hr>\n<h2 id=three>Three</h2>\n"
)


def test_content_between_top_level_headings_is_wrapped_with_its_lines(hook):
    wrapped = hook.wrap_sections(PAGE)
    assert text(wrapped) == text(PAGE)
    assert wrapped.startswith('<h1 id="title">Title</h1>\n<p>Intro.</p>\n<h2')  # the top is drawn at once
    # The headings stay outside (the theme reads their places); a heading inside a box stays in its box.
    assert re.findall(r'</h[23]><div class="near-screen" style="--lines: (\d+)">', wrapped) == ["3", "2"]  # p, summary, p; two code lines
    assert '<details><summary>More</summary><h3 id="inside">Inside</h3><p>x</p></details>' in wrapped
    assert wrapped.endswith("<hr>\n</div><h2 id=three>Three</h2>\n")  # whitespace alone is not wrapped


def test_a_page_without_headings_is_unchanged(hook):
    assert hook.wrap_sections("<p>No headings.</p>") == "<p>No headings.</p>"


def test_wrapping_leaves_the_search_sections_unchanged(hook):
    from material.plugins.search.plugin import Parser

    def sections(html: str) -> list[tuple]:
        parser = Parser()
        parser.feed(html)
        parser.close()
        return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data]

    assert sections(hook.wrap_sections(PAGE)) == sections(PAGE)
    assert len(sections(PAGE)) == 5
