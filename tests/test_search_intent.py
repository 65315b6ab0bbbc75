"""The first search result is what the reader wants, for their own words and for the messages they paste.

Each query of tests/search_queries.py is entered into the built site's search box in Chromium as a person
does: typed up to TYPED_UP_TO characters, pasted when longer (a message copied from a traceback); then the first
result's target is checked: the section the result list shows first (the top
section of the first page listed, or that page itself when its top ranks first). A reader's own words
(INTENT) must lead to a section that answers them; a message (MESSAGES: whole, in part, or with the reader's
own device, dtype or shape) to its entry on the errors page or to a section that shows it.

Needs Playwright and a Chromium, like tests/test_browser.py: without them these tests skip, under CI they fail.
"""

import html
import json
import re
from urllib.parse import urlparse

import pytest
from search_queries import INTENT, MESSAGES, UNRANKABLE
from test_search_errors import RECORD_SEARCH_WORKER, RESULTS_SHOWN, clear, paste, type_ending_with_last_key

from sitetools import ROOT, load_errors_index

ENTRIES = load_errors_index().build_entries(ROOT / "snippets", ROOT / "docs")

# A reader types a query up to this long (every intent; a message's start, as tests/test_search_errors.py's
# PREFIX); a longer one, a message copied from a traceback, is pasted.
TYPED_UP_TO = 70

# The first result's target: the first section shown outside "N more on this page", else the page itself.
FIRST_TARGET = """() => {
  const item = document.querySelector(".md-search-result__item");
  const links = [...item.querySelectorAll(":scope > a")];
  return (links[1] || links[0]).href;
}"""


def one_line(text: str) -> str:
    return " ".join(text.split())


def as_location(href: str, base: str) -> str:
    """A result's link as the search index names it: "page/#anchor" relative to the site, no query string."""
    url = urlparse(href)
    path = url.path[len(urlparse(base).path) :]
    return path + (f"#{url.fragment}" if url.fragment else "")


@pytest.fixture(scope="module")
def index_text(built_site):
    """{location: the section's indexed title and text, as plain text} from the built site's search index."""
    _, folder = built_site
    docs = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return {doc["location"]: one_line(html.unescape(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]))) for doc in docs}


def message_targets(start: str, index_text: dict[str, str]) -> set[str]:
    """Where a message may lead: the entry of each message that starts with `start`, the sections that show
    it (the errors page's links), and any other section whose text shows it."""
    entries = [entry for entry in ENTRIES if one_line(entry.text).startswith(start)]
    assert entries, f"no documented message starts with {start!r}"
    targets = {f"errors/#{entry.anchor}" for entry in entries}
    for entry in entries:
        targets |= {f"{p.page.removesuffix('.md')}/" + (f"#{p.anchor}" if p.anchor else "") for p, _ in entry.shown}
    targets |= {loc for loc, text in index_text.items() if start in text and not loc.startswith("errors/")}
    return {target.removeprefix("index/") for target in targets}


@pytest.fixture(scope="module")
def search(chromium, built_site):
    """Types a query into the home page's search box; returns the first result's target.

    All but the last character are set at once and the last key is pressed: the search reads the whole box on
    key-up, so the last key runs the query a reader's keys end on. Key by key, each key runs a search of its own
    (about 1 s of Chromium's CPU a query against 0.15 s, for the same first result; test_typing_key_by_key_ends_on_
    the_same_first_result shows it on a sample)."""
    base, _ = built_site
    context = chromium.new_context(base_url=base, permissions=["clipboard-read", "clipboard-write"])
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.add_init_script(RECORD_SEARCH_WORKER)
    page.goto("")
    box = page.locator("input.md-search__input")
    box.click()

    def first_target(query: str, key_by_key: bool = False) -> str:
        if len(query) > TYPED_UP_TO:
            paste(page, box, query)  # a reader pastes a long message
        elif key_by_key:
            clear(box)
            # Each key runs a search: allow a second a key on a busy machine.
            box.press_sequentially(query, timeout=30_000 + 1_000 * len(query))
        else:
            type_ending_with_last_key(box, query)
        found = page.wait_for_function(RESULTS_SHOWN, timeout=30_000).json_value()["found"]
        assert found > 0, f"no search result for {query!r}"
        return as_location(page.evaluate(FIRST_TARGET), base)

    yield first_target
    context.close()


def marks(query: str):
    reason = UNRANKABLE.get(query)
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


@pytest.mark.parametrize("query, targets", [pytest.param(q, t, marks=marks(q), id=q) for q, t in INTENT])
def test_a_readers_own_words_lead_to_the_section_that_answers(search, query, targets):
    first = search(query)
    assert first in targets, f"{query!r}: first result {first}, not one of {targets}"


@pytest.mark.parametrize("query, start", [pytest.param(q, s, marks=marks(q), id=q[:60]) for q, s in MESSAGES])
def test_a_message_leads_to_its_entry_or_a_section_that_shows_it(search, index_text, query, start):
    targets = message_targets(start, index_text)
    first = search(query)
    assert first in targets, f"{query!r}: first result {first}, not one of {sorted(targets)}"


# A sample typed whole, key by key: short and long, words and a message with a reader's own device.
KEY_BY_KEY_SAMPLE = [
    "numpy to tensor",
    "HWC to CHW",
    "numpy copy of weights changes after optimizer step",
    "can't convert cuda:1 device type tensor to numpy",
]


@pytest.mark.parametrize("query", KEY_BY_KEY_SAMPLE)
def test_typing_key_by_key_ends_on_the_same_first_result(search, query):
    """What the tests above enter (all but the last key at once, then the last key) finds what a reader's keys,
    one by one, find: each earlier key's search is answered before or after, but the list shows the last one.
    Entered that way first: typing key by key starts from a cleared box, so its last key runs a search of its own,
    where entering the same text again would run none (the search skips a query equal to the one before)."""
    entered = search(query)
    assert search(query, key_by_key=True) == entered


def test_the_query_lists_are_long_enough_and_name_real_sections(index_text):
    """At least 40 of each typed (and more messages pasted), and every intended target exists in the
    built site's index (a renamed anchor fails)."""
    assert len(INTENT) >= 40 and all(len(query) <= TYPED_UP_TO for query, _ in INTENT)
    assert len([query for query, _ in MESSAGES if len(query) <= TYPED_UP_TO]) >= 40
    missing = [(q, t) for q, targets in INTENT for t in targets if t not in index_text]
    assert not missing, missing


def test_a_wrong_target_is_caught(search):
    """The check can fail: a query for images does not lead to the dtypes page."""
    assert search("HWC to CHW") not in ["dtypes/"]


def indexed_words(text: str, separator: str) -> list[str]:
    """The words the search indexes for `text`, split by the site's `separator` (a JavaScript regular
    expression that Python reads alike), lower-cased."""
    return [word.lower() for word in re.split(separator, text) if word]


def test_a_cut_heading_or_a_possessive_indexes_the_word_itself(built_site, index_text):
    """'NumPy…' (an errors-page heading cut short) and "NumPy's" index as 'numpy': as rare words that start
    with 'numpy', they ranked their entries first for every query with that word (every query word is a prefix)."""
    _, folder = built_site
    separator = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["separator"]
    assert indexed_words("NumPy… NumPy's tensor's dtypes", separator) == ["numpy", "numpy", "tensor", "dtype"]
    assert any(heading.endswith("…") for heading in (entry.heading for entry in ENTRIES))
    cut = sorted({word for text in index_text.values() for word in indexed_words(text, separator) if "…" in word})
    assert not cut, cut
    # The check can fail: without those two rules the same text gives the rare words.
    without = separator.replace("…", "").replace(r"""'(?=[sS](?![^\s\-".,:;()\[\]{}=<>/*+!?|`']))|""", "")
    assert "(?=[sS]" in separator and "(?=[sS]" not in without
    assert indexed_words("NumPy… NumPy's", without) == ["numpy…", "numpy'"]
