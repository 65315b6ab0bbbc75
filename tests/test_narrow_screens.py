"""hooks/narrow_screens.py marks up code lines, table cells and inline code, and changes no text."""

import re

import pytest

from sitetools import ROOT


@pytest.fixture(scope="module")
def hook():
    import importlib.util

    spec = importlib.util.spec_from_file_location("narrow_screens", ROOT / "hooks" / "narrow_screens.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def text(page: str) -> str:
    return re.sub(r"<[^>]+>", "", page)


def test_code_lines_carry_their_indentation(hook):
    page = (
        '<pre><code><span id="__span-0-1"><span class="k">with</span> x:\n</span>'
        '<span id="__span-0-2">    <span class="n">y</span>\n</span>'
        '<span id="__span-0-3"><span class="w">        </span>z\n</span></code></pre>'
    )
    marked = hook.indent_lines(page)
    assert '<span id="__span-0-1">' in marked  # no indentation, no mark
    assert '<span id="__span-0-2" style="--indent: 4">' in marked
    assert '<span id="__span-0-3" style="--indent: 8">' in marked
    assert text(marked) == text(page)


def test_table_cells_are_labelled_by_their_column(hook):
    page = (
        "<table>\n<thead>\n<tr>\n<th>You have</th>\n<th>Shares memory?</th>\n</tr>\n</thead>\n"
        '<tbody>\n<tr>\n<td>NumPy array</td>\n<td align="center"><code>yes</code></td>\n</tr>\n</tbody>\n</table>'
    )
    marked = hook.label_cells(page)
    assert '<td role="cell" data-label="You have:">NumPy array</td>' in marked
    assert '<td role="cell" data-label="Shares memory?" align="center">' in marked
    assert '<table role="table">' in marked and '<th role="columnheader">You have</th>' in marked
    assert text(marked) == text(page)
    assert hook.label_cells("<table><tr><td>a</td></tr></table>") == "<table><tr><td>a</td></tr></table>"


def test_inline_code_breaks_between_names_only(hook):
    page = (
        "<p><code>torch.from_numpy(arr.copy(), 3)</code> and <code>1.5</code>, <code>.numpy()</code>, <code>t.cpu()</code>,"
        " <code>from_numpy(a)</code></p><pre><code>torch.from_numpy(a)</code></pre>"
    )
    marked = hook.break_between_names(page)
    assert "<code>torch.<wbr>from_numpy(<wbr>arr.<wbr>copy(), 3)</code>" in marked
    assert "<code>t.detach().<wbr>cpu()</code>" in hook.break_between_names("<code>t.detach().cpu()</code>")
    long_name = hook.break_between_names("<code>test_wrong_output_is_rejected[x]</code> <code>array_examples</code>")
    assert "<code>test_<wbr>wrong_<wbr>output_<wbr>is_<wbr>rejected[x]</code> <code>array_examples</code>" == long_name
    # Not at the start, not after a one-letter name, not before one.
    assert "<code>.numpy()</code>" in marked and "<code>t.cpu()</code>" in marked and "<code>from_numpy(a)</code>" in marked
    assert "<code>1.5</code>" in marked  # a number is not a name
    assert "<pre><code>torch.from_numpy(a)</code></pre>" in marked  # code blocks wrap instead
    assert text(marked) == text(page)
