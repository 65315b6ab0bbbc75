"""A reader who pastes or types an error message into the site's search lands on the page that explains it.

For every distinct message the snippets document (`#! raises` / `#! warns`), the built site is opened in
Chromium and the message is entered into the search box as a person does: its first 40 characters (39 set at
once, the last typed), the whole message pasted (with and without its type, as a traceback prints it), and the most
shown message typed whole, key by key. The first result must be the errors page or a page that shows the message; for a
whole message, the errors page result must list that message's own entry among its sections.

Needs Playwright and a Chromium, like tests/test_browser.py: without them these tests skip, under CI they fail.
"""

import html
import re
from urllib.parse import urlparse

import pytest
from search_queries import UNFOUND_ENTRIES

from sitetools import ROOT, load_errors_index

errors_index = load_errors_index()
ENTRIES = errors_index.build_entries(ROOT / "snippets", ROOT / "docs")
PREFIX = 40  # what a reader may paste when only the start of the message fits, or types before giving up
# Typing a whole message key by key costs about a search per key: do it for the message the site shows most.
TYPED_WHOLE = sorted(ENTRIES, key=lambda entry: -len(entry.shown))[:1]

# Material's search runs in a Web Worker: record each query sent and each answer, so a test can wait until
# the answer for the text now in the box has come back instead of sleeping.
RECORD_SEARCH_WORKER = """
(() => {
  const Original = window.Worker;
  window.searchLog = { sent: [], answered: 0, last: null };
  window.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (event.data && event.data.type === 3) {  // RESULT
          window.searchLog.answered += 1;
          window.searchLog.last = event.data.data;
        }
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) window.searchLog.sent.push(message.data);  // QUERY
      return super.postMessage(message, ...rest);
    }
  };
})();
"""

# Once the worker has answered the query now in the box and the list shows that answer's first page: the
# number of pages found (0 at once when nothing is found).
RESULTS_SHOWN = """() => {
  const log = window.searchLog, box = document.querySelector("input.md-search__input");
  if (!log.sent.length || log.sent[log.sent.length - 1] !== box.value || log.answered !== log.sent.length)
    return false;
  if (!log.last.items.length) return {found: 0};
  const first = document.querySelector(".md-search-result__item a");
  const top = new URL(log.last.items[0][0].location, document.baseURI);
  return first !== null && new URL(first.href).pathname === top.pathname && {found: log.last.items.length};
}"""


def plain_text(page_html: str) -> str:
    """A page's visible text with whitespace collapsed, as search and readers see it."""
    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page_html)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pages_text(built_site):
    """{path of a page, e.g. "/dtypes/": its visible text} for every page of the built site."""
    _, folder = built_site
    return {
        "/" + p.parent.relative_to(folder).as_posix().strip(".") + ("/" if p.parent != folder else ""): plain_text(
            p.read_text(encoding="utf-8")
        )
        for p in folder.rglob("index.html")
    }


@pytest.fixture(scope="module")
def search_box(chromium, built_site):
    """The home page with the search box focused, in a context that may use the clipboard."""
    base, _ = built_site
    context = chromium.new_context(base_url=base, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.add_init_script(RECORD_SEARCH_WORKER)
    page.goto("")
    box = page.locator("input.md-search__input")
    box.click()
    yield page, box
    context.close()


def first_result(search_box) -> tuple[str, list[str]]:
    """Wait for the results of what is in the box; return the first result's page path and the anchors of the
    sections it lists, best first."""
    page, box = search_box
    found = page.wait_for_function(RESULTS_SHOWN, timeout=30_000).json_value()["found"]
    assert found > 0, f"no search result for {box.input_value()!r}"
    links = page.locator(".md-search-result__item").first.locator("a")
    hrefs = [urlparse(href) for href in links.evaluate_all("links => links.map(a => a.href)")]
    return hrefs[0].path, [href.fragment for href in hrefs[1:] if href.path == hrefs[0].path and href.fragment]


def clear(box):
    box.press("Control+a")
    box.press("Backspace")


def type_ending_with_last_key(box, text: str):
    """Enter `text` into the search box, in place of what it holds, as its last keystroke finds it: all but the
    last character set at once, then the last key pressed. The search reads the whole box on key-up (setting the
    text runs no search), so this runs the query a reader's keys end on, without a search for every key before it.
    A text equal to the query before it runs no search at all (the search skips it): its results are still there."""
    from playwright.sync_api import expect

    box.fill(text[:-1])
    box.press_sequentially(text[-1])
    # The box holds this text before anyone waits for its results: another query's answer cannot pass for it.
    expect(box).to_have_value(text)


def paste(page, box, text: str):
    """Paste `text` over what the search box holds, as a reader replaces a query: select all, then paste (the
    query's one search; clearing the box first would run a search of its own, for nothing)."""
    from playwright.sync_api import expect

    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    box.press("Control+a")
    box.press("Control+v")
    expect(box).to_have_value(text)  # as above: the results waited for are this text's


def shows(pages_text, path: str, text: str) -> bool:
    return one_line(text) in pages_text.get(path, "")


def errors_page_path(built_site) -> str:
    base, _ = built_site
    return urlparse(base).path + "errors/"


def with_known_failures(entries: list, only: set[str] | None = None) -> list:
    """`entries` as pytest params, those listed in UNFOUND_ENTRIES (or only those in `only`) expected to fail, strictly."""
    return [
        pytest.param(
            entry,
            id=entry.anchor,
            marks=[pytest.mark.xfail(reason=UNFOUND_ENTRIES[entry.anchor], strict=True)]
            if entry.anchor in UNFOUND_ENTRIES and (only is None or entry.anchor in only)
            else [],
        )
        for entry in entries
    ]


# Which entries fail which test (measured after this session's last merges).
TYPED_UNFOUND = {
    "deprecationwarning-numpy-core-is-deprecated-and-has-been-renamed",
    "userwarning-tensor-t-is-deprecated-on-0-d-tensors",
    "runtimeerror-cant-call-numpy-on-tensor-that-has-conjugate",
    "valueerror-could-not-convert-string-to-float-s",
}
PASTED_UNFOUND = {"valueerror-could-not-convert-string-to-float-s", "userwarning-the-use-of-x-t-on-tensors-of"}


@pytest.mark.parametrize("entry", with_known_failures(ENTRIES, TYPED_UNFOUND))
def test_the_first_40_characters_find_the_errors_page(search_box, built_site, pages_text, entry):
    _, box = search_box
    start = one_line(entry.text)[:PREFIX]
    # The 39 characters before the last at once, then the last key pressed: the query a reader's 40 keys end on,
    # found as a keystroke finds it. Key by key, each key runs a search of its own (1.8 s a message in the suite,
    # for the same last query); the whole message below, and a sample in tests/test_search_intent.py, are typed
    # key by key.
    type_ending_with_last_key(box, start)
    path, _ = first_result(search_box)
    assert path == errors_page_path(built_site) or shows(pages_text, path, start), f"{start!r}: first result {path}"


@pytest.mark.parametrize("with_type", [False, True], ids=["message", "type-and-message"])
@pytest.mark.parametrize("entry", with_known_failures(ENTRIES, PASTED_UNFOUND))
def test_pasting_a_message_finds_its_entry(search_box, built_site, pages_text, entry, with_type):
    page, box = search_box
    message = one_line(f"{entry.type}: {entry.text}" if with_type else entry.text)
    paste(page, box, message)
    assert_finds_its_entry(first_result(search_box), built_site, pages_text, entry, message)


def assert_finds_its_entry(result, built_site, pages_text, entry, query):
    path, sections = result
    if path == errors_page_path(built_site):
        # Usually the entry is the first section; a long message full of "torch.*" words can come first for
        # a query with the word "to" (every query word is matched as a prefix), but the entry is still listed.
        assert entry.anchor in sections, f"{query!r}: the errors page result lists {sections}, not #{entry.anchor}"
    else:
        # A page that shows the message: as text, or (a message of several lines, shown as `#!` lines) as the
        # errors page's own links for it say.
        shown_on = {
            urlparse(errors_page_path(built_site)).path.removesuffix("errors/") + p.page.removesuffix(".md") + "/"
            for p, _ in entry.shown
        }
        assert shows(pages_text, path, entry.text) or path in shown_on, (
            f"{query!r}: first result {path} does not show the message"
        )


@pytest.mark.parametrize("entry", TYPED_WHOLE, ids=[e.anchor for e in TYPED_WHOLE])
def test_typing_a_whole_message_finds_its_entry(search_box, built_site, pages_text, entry):
    _, box = search_box
    message = one_line(entry.text)
    clear(box)
    # Each key runs a search whose results the page draws before it reads the next key: on a loaded machine that
    # took over the default 30 s for this message's 87 keys, so a second a key on top, as test_search_intent allows.
    box.press_sequentially(message, timeout=30_000 + 1_000 * len(message))
    assert_finds_its_entry(first_result(search_box), built_site, pages_text, entry, message)


def test_every_link_on_the_errors_page_reaches_its_section(built_site):
    _, folder = built_site
    page = (folder / "errors" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="\.\./([\w-]+/)(?:#([\w-]+))?"', page.split('class="md-content"', 1)[1])
    assert len(links) >= len(ENTRIES)
    for target, anchor in links:
        html_text = (folder / target / "index.html").read_text(encoding="utf-8")
        assert not anchor or f'id="{anchor}"' in html_text, f"../{target}#{anchor}"
