"""Build hook: each page's content between two headings is styled and laid out only when it nears the screen.

Every run of content between two of the page's top-level headings (and from the last one to the page's end) is
wrapped in `<div class="near-screen" style="--lines: N">`, N an estimate of its height in lines.
docs/assets/stylesheets/extra.css gives such a wrapper `content-visibility: auto`, so loading a long page styles
and lays out its first screens, not all of it (on a phone's CPU, Lighthouse counted the rest as blocking time).

- The headings stay outside the wrappers: the theme reads where each heading of the table of contents is, and
  reading a place inside an undrawn wrapper would draw it.
- A wrapper ends where the next heading starts, so the theme's search reads the same sections (its index does not
  change), and the page's text is the same: find in page, links to a heading and copying all still work, since a
  browser draws a wrapper as soon as any of these reaches into it.
- Only top-level headings count: a heading inside a box (a details block, a tab) is never split from its box.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements with no end tag: they never open a level of nesting.
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# One line of the height estimate: a code line, a paragraph, a list item, a table row, a box's title.
LINE_MARKS = re.compile(r'<span id="__span-|<p[\s>]|<li[\s>]|<tr[\s>]|<summary[\s>]|<div class="admonition')


class _TopLevelHeadings(HTMLParser):
    """Finds where each top-level heading of an HTML fragment starts and ends (offsets of its start tag's `<` and
    just after its end tag)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.depth = 0
        self.start = 0
        self.headings: list[tuple[int, int]] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        if self.depth == 0 and tag in HEADING_TAGS:
            self.start = self.position()
        self.depth += 1

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        self.depth -= 1
        if self.depth == 0 and tag in HEADING_TAGS:
            end = self.rawdata.index(">", self.position()) + 1
            self.headings.append((self.start, end))


def top_level_headings(content: str) -> list[tuple[int, int]]:
    """Returns (start, end) offsets of each top-level heading in `content` (a page's HTML), in order: its start
    tag's `<` and just after its end tag."""
    parser = _TopLevelHeadings(content)
    parser.feed(content)
    parser.close()
    return parser.headings


def wrap_sections(content: str) -> str:
    """Returns `content` with the run of content after each top-level heading, up to the next top-level heading
    (the last to the end), in `<div class="near-screen" style="--lines: N">`; runs of whitespace alone are left.
    Content before the first heading and under an `<h1>` (the top of the page, drawn at once) stays as it is."""
    headings = top_level_headings(content)
    if not headings:
        return content
    pieces = [content[: headings[0][0]]]
    for (start, end), (next_start, _) in zip(headings, [*headings[1:], (len(content), None)]):
        body = content[end:next_start]
        if body.strip() and not content.startswith("<h1", start):  # under the title: the top, drawn at once
            lines = max(1, len(LINE_MARKS.findall(body)))
            body = f'<div class="near-screen" style="--lines: {lines}">{body}</div>'
        pieces += [content[start:end], body]
    return "".join(pieces)


def on_page_content(html, page, **kwargs):
    """MkDocs event: the page's HTML with its sections wrapped (wrap_sections)."""
    return wrap_sections(html)
