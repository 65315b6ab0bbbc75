"""Build hook: marks up each page so that it reads on a phone without scrolling sideways.

Only the page's HTML changes, never its text: what the copy button copies and what search indexes stay
the same. docs/assets/stylesheets/extra.css uses the marks:

- each code line (pymdownx.highlight's `line_spans: __span` wraps a line in `<span id="__span-B-L">`) gets
  `style="--indent: N"` when it starts with N spaces: a wrapped line continues N + 4 characters in;
- each cell of a table with a header row gets `data-label="<its column's header>:"`: on a narrow screen a
  row is shown as a card of "header: value" lines, and roles keep it a table for screen readers;
- inline code gets `<wbr>` after `.`, `(` and `,` where a name starts, so a long call breaks between names
  (`torch.` / `from_numpy(a)`); a name of 24 characters or more also after an underscore.
"""

from __future__ import annotations

import html
import re

# A code line's opening tag, then the markup and the spaces before its first visible character.
LINE_START = re.compile(r'(<span id="__span-[\d-]+")(>(?:<[^>]*>)*)( +)')
TABLE = re.compile(r"<table>(.*?)</table>", re.S)
HEADER_CELL = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
CELL = re.compile(r"<td([^>]*)>")
# Inline code: <code> outside <pre> (code blocks are `<pre>...<code>`, and their lines wrap instead).
INLINE_CODE = re.compile(r"(<pre.*?</pre>)|(<code>)(.*?)(</code>)", re.S)
# After two characters of a name (or a closing bracket), before two of the next: `torch.` / `from_numpy`,
# but never `.` / `numpy()` at the start of the code, nor a lone `t.` or `(a)` split off.
BREAK_AFTER = re.compile(r"(?:(?<=\w\w)|(?<=[)\]]))([.(,])(?=[A-Za-z_]\w)")
# A name longer than a phone's line (snake_case test names, say) may break after an underscore.
LONG_NAME = re.compile(r"\w{24,}")


def indent_lines(page: str) -> str:
    """Returns page with `style="--indent: N"` on each code line span whose text starts with N spaces."""
    return LINE_START.sub(lambda m: f'{m[1]} style="--indent: {len(m[3])}"{m[2]}{m[3]}', page)


def label_cells(page: str) -> str:
    """Returns page with each table cell labelled by its column's header, and table roles made explicit."""

    def label(table: re.Match) -> str:
        headers = [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in HEADER_CELL.findall(table[1])]
        # "You have:" but "Shares memory?" (a header that ends in a question mark needs no colon).
        headers = [h if h[-1:] in "?:" else h + ":" for h in headers]
        if not headers:
            return table[0]

        def row(match: re.Match) -> str:
            cells = iter(headers)
            body = CELL.sub(lambda c: f'<td role="cell" data-label="{html.escape(next(cells, ""))}"{c[1]}>', match[1])
            body = re.sub(r"<th(?=[\s>])", '<th role="columnheader"', body)
            return f'<tr role="row">{body}</tr>'

        body = ROW.sub(row, table[1])
        body = re.sub(r"<(thead|tbody)>", r'<\1 role="rowgroup">', body)
        return f'<table role="table">{body}</table>'

    return TABLE.sub(label, page)


def break_between_names(page: str) -> str:
    """Returns page with `<wbr>` after `.`, `(` and `,` where a name follows, and after the underscores
    of a name of 24 characters or more, in inline code only."""

    def breaks(text: str) -> str:
        text = LONG_NAME.sub(lambda name: re.sub(r"(?<=\w)_(?=\w)", "_<wbr>", name[0]), text)
        return BREAK_AFTER.sub(r"\1<wbr>", text)

    def mark(match: re.Match) -> str:
        if match[1]:
            return match[1]
        text = re.sub(r"(<[^>]+>)|([^<]+)", lambda p: p[1] or breaks(p[2]), match[3])
        return match[2] + text + match[4]

    return INLINE_CODE.sub(mark, page)


def on_page_content(content: str, **kwargs) -> str:
    """MkDocs hook: the page's HTML with code lines, table cells and inline code marked (see above)."""
    return break_between_names(label_cells(indent_lines(content)))
