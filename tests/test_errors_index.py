"""The errors page generator (hooks/errors_index.py): fixes required, duplicates merged, links that resolve."""

import re
import textwrap
from pathlib import Path

import markdown
import pytest

from array_examples.snippets import examples_in_file, parse_statements
from sitetools import ROOT, build, load_errors_index

errors_index = load_errors_index()
DETACH = "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path):
    """A small site: snippets/ and docs/ under tmp_path, filled by each test."""
    (tmp_path / "snippets").mkdir()
    (tmp_path / "docs").mkdir()
    return tmp_path


def entries(project: Path):
    return errors_index.build_entries(project / "snippets", project / "docs", {"permalink": True})


def test_a_raising_statement_without_a_fix_is_an_error_naming_file_and_line(project):
    write(
        project / "snippets",
        "a.py",
        """
        # --8<-- [start:grad]
        import torch

        torch.ones(2, requires_grad=True).numpy()
        #! raises RuntimeError: Can't call numpy() on Tensor that requires grad.
        # --8<-- [end:grad]
        """,
    )
    with pytest.raises(errors_index.ErrorsIndexError) as caught:
        errors_index.read_messages(project / "snippets" / "a.py", "snippets/a.py")
    assert str(caught.value).startswith("snippets/a.py:4: this statement is documented with `#! raises` (line 5)")
    assert "# fix: <one line>" in str(caught.value)


def test_the_fix_must_be_directly_above_a_multi_line_statement(project):
    write(
        project / "snippets",
        "a.py",
        """
        import warnings

        # fix: Do not warn.
        warnings.warn(
            "careful"
        )
        #! warns UserWarning: careful
        # fix: a fix that is not directly above its statement

        warnings.warn("again")
        #! warns UserWarning: again
        """,
    )
    with pytest.raises(errors_index.ErrorsIndexError, match=r"^snippets/a\.py:10: .*`#! warns` \(line 11\)"):
        errors_index.read_messages(project / "snippets" / "a.py", "snippets/a.py")


def test_messages_are_read_with_their_fix_section_and_requirement(project):
    write(
        project / "snippets",
        "a.py",
        """
        # --8<-- [start:old_numpy]
        # requires: numpy<2
        import numpy as np

        tensor = object()
        # fix: Use np.asarray(tensor).
        np.array(tensor, copy=False)
        #! warns DeprecationWarning: first warning
        #! raises ValueError: Unable to avoid copy.
        #! If using `np.array(obj, copy=False)` replace it.
        #> never reached, but a `#>` line after `#!` lines is still part of the block
        # --8<-- [end:old_numpy]
        """,
    )
    found = errors_index.read_messages(project / "snippets" / "a.py", "snippets/a.py")
    assert [(m.kind, m.type, m.text, m.fix, m.line, m.section, m.requires) for m in found] == [
        ("warns", "DeprecationWarning", "first warning", "Use np.asarray(tensor).", 8, "old_numpy", "numpy<2"),
        (
            "raises",
            "ValueError",
            "Unable to avoid copy.\nIf using `np.array(obj, copy=False)` replace it.",
            "Use np.asarray(tensor).",
            9,
            "old_numpy",
            "numpy<2",
        ),
    ]


@pytest.mark.parametrize(
    "requires, said",
    [
        ("numpy<2", "seen with NumPy 1.26"),
        ("numpy>=2", "seen with NumPy 2.4"),
        ("numpy>=3", "NumPy 3.x and later"),
        ("cpu-only-torch, numpy<2", "torch built without CUDA, seen with NumPy 1.26"),
    ],
)
def test_a_link_says_what_its_section_needs_in_words(requires, said):
    assert errors_index.readable(requires) == said


def test_the_numpy_a_link_names_is_the_one_the_suite_tests_with():
    pinned = re.search(r"^numpy==(\d+\.\d+)\.", (ROOT / "requirements.txt").read_text(encoding="utf-8"), re.M)
    matrix = re.search(r"numpy: \[(.*)\]", (ROOT / ".github/workflows/test.yml").read_text(encoding="utf-8"))
    tested = {".".join(v.strip('" ').split(".")[:2]) for v in matrix[1].split(",")}
    assert errors_index.TESTED_NUMPY["numpy>=2"] == pinned[1]
    assert set(errors_index.TESTED_NUMPY.values()) == tested


def grad_snippet(fix: str) -> str:
    return f"""
        # --8<-- [start:grad]
        import torch

        # fix: {fix}
        torch.ones(2, requires_grad=True).numpy()
        #! raises RuntimeError: {DETACH}
        # --8<-- [end:grad]
        """


def test_duplicates_are_merged_into_one_entry_with_every_link_and_fix(project):
    write(project / "snippets", "a.py", grad_snippet("Call .detach() first."))
    write(project / "snippets", "b.py", grad_snippet("Call .detach() first."))
    write(project / "snippets", "c.py", grad_snippet("Or `tensor.numpy(force=True)`."))
    write(project / "snippets", "d.py", grad_snippet("Call .detach() first."))
    # a.py and d.py show the message under the same heading: one link for both.
    write(
        project / "docs",
        "one.md",
        '# One\n\n## Grad\n\n```python\n--8<-- "a.py:grad"\n```\n\n```python\n--8<-- "d.py:grad"\n```\n',
    )
    write(
        project / "docs",
        "two.md",
        '# Two\n\n```python\n--8<-- "b.py:grad"\n```\n\n## Again\n\n```python\n--8<-- "c.py"\n```\n',
    )
    [entry] = entries(project)
    assert (entry.type, entry.text, entry.fixes) == (
        "RuntimeError",
        DETACH,
        ["Call .detach() first.", "Or `tensor.numpy(force=True)`."],
    )
    assert [(s.page, s.anchor, s.heading) for s, _ in entry.shown] == [
        ("one.md", "grad", "Grad"),
        ("two.md", "", ""),  # before any heading but the title: the page itself
        ("two.md", "again", "Again"),  # a whole-file include shows every section of the file
    ]
    assert entry.anchor == "runtimeerror-cant-call-numpy-on-tensor-that-requires-grad"


def test_links_point_at_the_ids_the_pages_really_get(project):
    write(project / "snippets", "a.py", grad_snippet("Detach."))
    page = """
        # Title

        ## Same name

        ```python
        # ## not a heading: inside a code block
        ```

        ## Same name

        === "Tab"

            ```python
            --8<-- "a.py:grad"
            ```

        ## `numpy()` & friends { #custom-id }
        """
    write(project / "docs", "page.md", page)
    [entry] = entries(project)
    [(shown, _)] = entry.shown
    assert (shown.page_title, shown.heading, shown.anchor) == ("Title", "Same name", "same-name_1")
    rendered = markdown.markdown(
        textwrap.dedent(page).replace('--8<-- "a.py:grad"', "x = 1"),
        extensions=["toc", "attr_list", "pymdownx.superfences", "pymdownx.tabbed"],
    )
    ids = re.findall(r'<h2 id="([^"]+)"', rendered)
    assert ids == ["same-name", "same-name_1", "custom-id"]


def test_a_message_in_a_section_no_page_embeds_is_an_error_naming_file_and_line(project):
    write(project / "snippets", "a.py", grad_snippet("Detach."))
    write(project / "docs", "page.md", "# Page\n\nNo examples here.\n")
    with pytest.raises(errors_index.ErrorsIndexError) as caught:
        entries(project)
    assert str(caught.value) == (
        "snippets/a.py:6: `#! raises` in section 'grad', which no page embeds; the errors page would have no link for it"
    )


def test_the_page_shows_each_message_whole_under_a_short_heading(project):
    write(
        project / "snippets",
        "a.py",
        """
        # --8<-- [start:markup]
        # fix: Nothing to fix: the message is full of `Markdown` characters.
        raise ValueError("__array__ *must* [not] be <b>bold</b> & #1 {x} | y_z. And a second sentence.")
        #! raises ValueError: __array__ *must* [not] be <b>bold</b> & #1 {x} | y_z. And a second sentence.
        # --8<-- [end:markup]
        """,
    )
    write(project / "docs", "page.md", '# Page\n\n```python\n--8<-- "a.py:markup"\n```\n')
    text = errors_index.render(entries(project))
    rendered = markdown.markdown(text, extensions=["toc", "attr_list", "md_in_html", "tables", "pymdownx.superfences"])
    heading = re.search(r'<h3 id="([^"]+)">(.*?)</h3>', rendered)
    assert heading[1] == "valueerror-array-must-not-be-b-bold-b-1"
    assert heading[2] == "__array__ *must* [not] be &lt;b&gt;bold&lt;/b&gt; &amp; #1 {x} | y_z"  # the first sentence
    whole = "ValueError: __array__ *must* [not] be &lt;b&gt;bold&lt;/b&gt; &amp; #1 {x} | y_z. And a second sentence."
    assert f"<code>{whole}\n</code></pre>" in rendered
    assert "<li><strong>Fix:</strong> Nothing to fix: the message is full of <code>Markdown</code> characters." in rendered
    assert '(raised in <a href="page.md">Page</a>)' in rendered


@pytest.mark.parametrize(
    "message, heading",
    [
        (
            "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
            "Can't call numpy() on Tensor that requires grad",
        ),
        (
            "can't convert np.ndarray of type numpy.bytes_. The only supported types are: float64",
            "can't convert np.ndarray of type numpy.bytes_",
        ),
        (
            "At least one stride in the given numpy array is negative, and tensors with negative strides are not "
            "currently supported. (You can probably work around this)",
            "At least one stride in the given numpy array is negative",
        ),
        (
            "one of the variables needed for gradient computation has been modified by an inplace operation: [x]",
            "one of the variables needed for gradient computation has been modified…",
        ),
        (
            "cannot resize an array that references or is referenced\nby another array in this way.",
            "cannot resize an array that references or is referenced",
        ),
    ],
)
def test_a_heading_is_the_first_sentence_cut_short(message, heading):
    assert errors_index.short_heading(message) == heading
    assert len(errors_index.short_heading(message)) <= 73


def several(project):
    """Two pages, the second first in the nav; a message with two causes, two messages with one first sentence."""
    write(
        project / "snippets",
        "a.py",
        """
        # --8<-- [start:one]
        # fix: cause one's fix
        f()
        #! raises ValueError: Same start. Then one.
        # --8<-- [end:one]
        # --8<-- [start:two]
        # fix: cause two's fix
        g()
        #! raises ValueError: Same start. Then one.
        # fix: another fix
        h()
        #! raises ValueError: Same start. Then two.
        # --8<-- [end:two]
        # --8<-- [start:other]
        # fix: other fix
        k()
        #! warns UserWarning: Other.
        # --8<-- [end:other]
        """,
    )
    write(project / "docs", "first.md", '# First page\n\n## One\n\n```python\n--8<-- "a.py:one"\n```\n')
    write(
        project / "docs",
        "second.md",
        '# Second page\n\n## Two\n\n```python\n--8<-- "a.py:two"\n```\n\n## Other\n\n```python\n--8<-- "a.py:other"\n```\n',
    )
    return errors_index.build_entries(
        project / "snippets", project / "docs", {"permalink": True}, page_order=["second.md", "first.md"]
    )


def test_entries_are_grouped_by_the_first_page_in_the_nav_that_shows_them(project):
    found = several(project)
    assert [(e.group[0], e.type, e.text) for e in found] == [
        ("Second page", "UserWarning", "Other."),
        ("Second page", "ValueError", "Same start. Then one."),  # also on the first page: the nav's order decides
        ("Second page", "ValueError", "Same start. Then two."),
    ]
    text = errors_index.render(found)
    assert text.index("## Second page") < text.index("### Same start")
    assert "- [Second page](#second-page) (3)" in text  # the contents list at the top


def test_each_cause_is_listed_with_its_own_fix_and_messages_that_start_alike_share_a_heading(project):
    found = several(project)[1:]
    one = found[0]
    assert [(fix, [place.heading for place, _ in places]) for fix, places in one.causes] == [
        ("cause one's fix", ["One"]),
        ("cause two's fix", ["Two"]),
    ]
    assert found[0].anchor == found[1].anchor == "valueerror-same-start"
    text = errors_index.render(found)
    assert text.count("### Same start") == 1
    assert text.count("```text") == 2  # one code block per message
    assert "- **Fix:** cause one's fix (raised in [First page › One](first.md#one))" in text
    assert "- **Fix:** cause two's fix (raised in [Second page › Two](second.md#two))" in text


def test_the_contents_and_group_headings_stay_out_of_the_search_index(project):
    text = errors_index.render(several(project))
    assert '<div class="errors-contents" data-search-exclude markdown>' in text
    assert "## Second page { #second-page data-search-exclude }" in text


def rendered_page(project) -> str:
    """The errors page of `several`'s pages, the first page first in the nav (two groups), as HTML, with the line
    the build appends to every page."""
    several(project)
    found = errors_index.build_entries(project / "snippets", project / "docs", {"permalink": True}, ["first.md", "second.md"])
    text = errors_index.render(found) + "\nOutputs on this page were produced by the test suite.\n"
    return markdown.markdown(text, extensions=["toc", "attr_list", "md_in_html", "pymdownx.superfences"])


def test_each_groups_entries_are_wrapped_up_to_the_next_heading_with_their_text_length(project):
    page = rendered_page(project)
    wrapped = errors_index.wrap_groups(page)
    first = page.index("<h2")
    assert wrapped[:first] == page[:first]  # the introduction and the contents list stay outside
    assert wrapped.count('<div class="errors-group"') == page.count("<h2") == 2
    # The headings stay outside, where the theme reads their place for the table of contents without drawing a group.
    lengths = [int(n) for n in re.findall(r'</h2><div class="errors-group" style="--length: (\d+)">', wrapped)]
    assert re.search(r'<h2 data-search-exclude id="first-page">.*?</h2><div class="errors-group" style="--length: \d+">', wrapped)
    assert re.search(
        r'</div><h2 data-search-exclude id="second-page">.*?</h2><div class="errors-group" style="--length: \d+">', wrapped
    )
    assert lengths[1] > lengths[0]  # the second page's group has two entries, the first one
    assert wrapped.endswith("produced by the test suite.</p></div>")  # the last group runs to the page's end
    assert re.sub(r"<[^>]+>", "", wrapped) == re.sub(r"<[^>]+>", "", page)
    assert errors_index.wrap_groups("<p>No groups.</p>") == "<p>No groups.</p>"


def test_text_length_counts_the_characters_shown_and_each_block():
    """extra.css guesses an undrawn group's height from this: the text a reader sees, and room for each block."""
    assert errors_index.text_length("<p>one  <code>two</code>\n</p>") == len("one two") + 60
    assert errors_index.text_length('<ul><li>a &amp; b</li><li class="x">c</li></ul>') == len("a & b c") + 2 * 60
    assert errors_index.text_length('<div class="highlight"><pre><span>x = 1</span></pre></div>') == len("x = 1") + 60
    assert errors_index.text_length("<h3 id='e'>Title</h3><pre>\n</pre>") == len("Title") + 2 * 60
    assert errors_index.text_length("<span>no block</span>") == len("no block")


def test_wrapped_groups_leave_the_search_index_unchanged(project):
    """The theme's search splits a page at its headings; a heading in a wrapper closes its section where the
    wrapper ends, so a wrapper that stopped short of the next heading would move text to another section."""
    from material.plugins.search.plugin import Parser

    def sections(html: str) -> list[tuple]:
        parser = Parser()
        parser.feed(html)
        parser.close()
        return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data if not s.is_excluded()]

    page = rendered_page(project)
    assert sections(errors_index.wrap_groups(page)) == sections(page)
    assert len(sections(page)) == 4  # the page's top, then one per message heading (group headings are excluded)


def test_the_table_of_contents_lists_the_groups_not_the_entries():
    from types import SimpleNamespace

    def page(path: str):
        """A page whose table of contents is its title, one group under it and one entry in the group."""
        group = SimpleNamespace(title="Second page", children=[SimpleNamespace(title="Same start", children=[])])
        return SimpleNamespace(file=SimpleNamespace(src_uri=path), toc=[SimpleNamespace(title="Errors", children=[group])])

    errors = page(errors_index.PAGE)
    html = errors_index.on_page_content("<h2>Second page</h2>", page=errors)
    assert [(group.title, group.children) for group in errors.toc[0].children] == [("Second page", [])]
    assert html.startswith('<h2>Second page</h2><div class="errors-group"')
    other = page("other.md")
    assert errors_index.on_page_content("<h2>Other</h2>", page=other) == "<h2>Other</h2>"
    assert len(other.toc[0].children[0].children) == 1


def test_nav_pages_flattens_the_nav_in_order():
    nav = [{"Home": "index.md"}, {"Guide": [{"A": "a.md"}, "b.md"]}, {"Errors": "errors.md"}]
    assert errors_index.nav_pages(nav) == ["index.md", "a.md", "b.md", "errors.md"]


def test_every_snippet_message_agrees_with_the_harness_reader():
    """The hook reads `#!` lines itself (the build must not need test code); it must read what the harness reads."""
    for path in sorted((ROOT / "snippets").glob("*.py")):
        shown_as = f"snippets/{path.name}"
        expected = []
        for example in examples_in_file(path, shown_as):
            for statement in parse_statements(example):
                documented = statement.documented
                if documented is not None:
                    expected += [(t, m) for t, m in documented.warns]
                    expected += [documented.raises] if documented.raises else []
        found = [(m.type, m.text) for m in errors_index.read_messages(path, shown_as)]
        assert sorted(found) == sorted(expected), shown_as


def test_the_site_has_one_entry_per_distinct_documented_message():
    documented = set()
    for path in sorted((ROOT / "snippets").glob("*.py")):
        for example in examples_in_file(path, f"snippets/{path.name}"):
            for statement in parse_statements(example):
                if statement.documented is not None:
                    found = statement.documented.warns + [statement.documented.raises or ("", "")]
                    documented |= {(t, " ".join(m.split())) for t, m in found if t}
    entries = errors_index.build_entries(ROOT / "snippets", ROOT / "docs")
    assert sorted((e.type, " ".join(e.text.split())) for e in entries) == sorted(documented)
    assert all(entry.fixes and entry.shown for entry in entries)


@pytest.mark.slow
def test_a_build_with_a_missing_fix_fails_naming_file_and_line(tmp_path):
    """Through MkDocs itself: the hook stops a strict build with the snippet's file and line."""
    write(tmp_path / "snippets", "a.py", grad_snippet("Detach.").replace("        # fix: Detach.\n", ""))
    write(tmp_path / "docs", "index.md", '# Home\n\n```python\n--8<-- "a.py:grad"\n```\n')
    config = f"""
        site_name: test
        hooks:
          - {ROOT / "hooks" / "errors_index.py"}
        markdown_extensions:
          - toc
          - attr_list
          - pymdownx.superfences
          - pymdownx.snippets:
              base_path: [snippets]
              check_paths: true
        """
    write(tmp_path, "mkdocs.yml", config)
    result = build(tmp_path / "site", config=tmp_path / "mkdocs.yml")
    assert result.returncode != 0
    assert "errors page: snippets/a.py:4: this statement is documented with `#! raises`" in result.stdout + result.stderr

    write(tmp_path / "snippets", "a.py", grad_snippet("Detach."))
    result = build(tmp_path / "site", config=tmp_path / "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "errors" / "index.html").read_text()
    assert "RuntimeError: Can't call numpy() on Tensor that requires grad." in page.replace("&#39;", "'")
    assert '(raised in <a href="../">Home</a>)' in page  # index.md, whose include comes before any heading but its title
