"""The built site in a real Chromium: clean loads, copy buttons, search, dark mode, tabs, diagram, links.

Needs Playwright for Python and a Chromium (Debian's, or Playwright's own).
Without them these tests skip with the reason; under CI (CI=true) they fail instead, so a CI run can
never pass without having run them. A failing test saves a screenshot to
test-results/.

Every test acts as a reader does, with keys and clicks (never `fill()`, which sends no key events,
while Material's search reads the query on key-up), and waits on a condition on the page
(`expect(...)`, `wait_for_function`), never on a fixed sleep.
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from sitetools import AXE, AXE_COLOUR_RULES, AXE_MISSING, AXE_WIDTHS, ROOT, axe_violations, page_paths, skip_or_fail

RESULTS = ROOT / "test-results"
# The path part of site_url in mkdocs.yml: the 404 page uses absolute links under it.
SITE_PATH = urlparse(re.search(r"^site_url: (.+)$", (ROOT / "mkdocs.yml").read_text(), re.M)[1]).path
# How long a condition may take to hold: generous, so that a machine busy with other work is slow, not failing.
PATIENCE_MS = 20_000


@pytest.fixture(scope="module")
def site(built_site):
    """The built and served site (tests/conftest.py): base URL and folder."""
    return built_site


@pytest.fixture(scope="module")
def browser(chromium):
    """Chromium (tests/conftest.py), with Playwright's expect() waiting as long as these tests do."""
    from playwright.sync_api import expect

    expect.set_options(timeout=PATIENCE_MS)
    return chromium


@pytest.fixture
def page(browser, site, request):
    base, _ = site
    context = browser.new_context(base_url=base, permissions=["clipboard-read", "clipboard-write"])
    context.set_default_timeout(PATIENCE_MS)
    tab = context.new_page()
    yield tab
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        RESULTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        tab.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)
    context.close()


def test_every_page_loads_without_errors_or_foreign_requests(page, site):
    base, folder = site
    origin = urlparse(base).netloc
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "request",
        lambda request: urlparse(request.url).netloc not in (origin, "") and problems.append(f"request to {request.url}"),
    )
    paths = page_paths(folder)
    assert len(paths) >= 12
    for path in paths:
        page.goto(path, wait_until="networkidle")
        assert not problems, f"{path}: {problems}"


def section_text(file: str, name: str) -> str:
    lines = (ROOT / "snippets" / file).read_text().splitlines()
    start = lines.index(f"# --8<-- [start:{name}]")
    end = lines.index(f"# --8<-- [end:{name}]")
    return "\n".join(lines[start + 1 : end])


@pytest.mark.parametrize(
    "path, file, section, index",
    [
        ("numpy-to-pytorch/", "numpy_to_torch.py", "from_numpy", 0),
        ("devices/", "devices.py", "device_agnostic", 0),
    ],
)
def test_copy_button_copies_exactly_the_snippet(page, path, file, section, index):
    from playwright.sync_api import expect

    page.goto(path)
    block = page.locator("div.highlight").nth(index)
    block.hover()
    block.locator("button[data-md-type=copy]").click()
    # Material confirms a copy in a dialog; only then is the clipboard written.
    expect(page.locator(".md-dialog")).to_contain_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.rstrip("\n") == section_text(file, section)


def test_search_finds_from_numpy_and_leads_to_its_page(page):
    from playwright.sync_api import expect

    page.goto("")
    search = page.locator("input.md-search__input")
    search.click()
    expect(search).to_be_focused()
    search.press_sequentially("from_numpy")  # key by key: Material reads the query on key-up
    first = page.locator(".md-search-result__item a").first
    expect(first).to_be_visible()
    expect(first).to_have_attribute("href", re.compile(r"numpy-to-pytorch/"))
    first.click()
    expect(page).to_have_url(re.compile(r"numpy-to-pytorch/"))
    expect(page.locator("h1")).to_contain_text("NumPy")


def test_search_opens_from_the_keyboard(page):
    """A reader who presses / types straight into the search box."""
    from playwright.sync_api import expect

    page.goto("")
    page.locator("body").press("/")
    search = page.locator("input.md-search__input")
    expect(search).to_be_focused()
    page.keyboard.type("requires_grad")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator(".md-search-result__meta")).not_to_contain_text("No matching documents")


def test_dark_mode_toggles(page):
    from playwright.sync_api import expect

    page.emulate_media(color_scheme="light")
    page.goto("")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


def test_content_tabs_switch(page):
    from playwright.sync_api import expect

    page.goto("devices/")
    tabs = page.locator(".tabbed-set").first
    panels = tabs.locator(".tabbed-block")
    expect(panels.nth(0)).to_be_visible()
    expect(panels.nth(1)).to_be_hidden()
    tabs.locator(".tabbed-labels label").nth(1).click()
    expect(panels.nth(1)).to_be_visible()
    expect(panels.nth(0)).to_be_hidden()
    expect(panels.nth(1)).to_contain_text("cuda:0")


def test_decision_diagram_is_drawn(page):
    from playwright.sync_api import expect

    page.goto("")
    diagram = page.locator("img.decision-diagram")
    diagram.scroll_into_view_if_needed()
    expect(diagram).to_be_visible()
    expect(diagram).to_have_attribute("alt", re.compile("detach"))
    # Drawn means decoded with a real size, however long loading it takes.
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=diagram.element_handle())


def test_errors_page_draws_its_groups_only_near_the_screen(page):
    """The errors page's groups are styled and laid out when they near the screen (extra.css, content-visibility),
    and its table of contents lists the groups, not each entry (hooks/errors_index.py): a phone's load
    of the page did both for 3,400 elements."""
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("errors/", wait_until="load")
    headings = page.locator(".errors-group > h3:first-of-type")
    drawn = "(heading) => heading.checkVisibility({contentVisibilityAuto: true})"
    assert headings.count() >= 10
    page.wait_for_function(drawn, arg=headings.first.element_handle())
    assert not headings.last.evaluate(drawn)
    headings.last.scroll_into_view_if_needed()
    page.wait_for_function(drawn, arg=headings.last.element_handle())
    toc = page.locator(".md-sidebar--secondary .md-nav__link")
    assert toc.count() == page.locator(".errors-group").count()


def axe_width(index: int) -> int:
    """The width at which the suite runs axe on the page_paths() page at `index`: each page at one width, the
    pages taking the widths in turn, so that every width's layout is checked on a third of the pages."""
    return AXE_WIDTHS[index % len(AXE_WIDTHS)]


@pytest.mark.parametrize("width", AXE_WIDTHS)
def test_axe_finds_no_accessibility_violation(page, site, width):
    """Every axe rule on a third of the pages at this width (axe_width), in light, and the colour rules in dark
    (dark differs from light in colours alone). scripts/audit_site.py, which CI runs after the suite, checks every
    rule on every page at every width in both schemes; here each page is checked at one width, as that took a
    quarter of the suite's time (axe's colour-contrast rule alone is about 85% of a run: it measures every
    text's colours against what lies behind it)."""
    if AXE is None or not AXE.exists():
        skip_or_fail(AXE_MISSING)
    _, folder = site
    # A phone, a tablet and a desktop: the layout (stacked tables, the drawer menu) differs between them.
    page.set_viewport_size({"width": width, "height": 800})
    found = []
    paths = [path for index, path in enumerate(page_paths(folder)) if axe_width(index) == width]
    for path in paths:
        for scheme in ["light", "dark"]:
            page.emulate_media(color_scheme=scheme)
            # "load", not "networkidle" (half a second of quiet a page): axe_violations waits for the theme's script.
            page.goto(path, wait_until="load")
            lines = axe_violations(page, rules=AXE_COLOUR_RULES if scheme == "dark" else None)
            found += [f"/{path} at {width} px, {scheme}: {line}" for line in lines]
    assert paths and not found, "\n".join(found)


def test_the_pages_take_the_axe_widths_in_turn():
    assert [axe_width(index) for index in range(7)] == AXE_WIDTHS * 2 + AXE_WIDTHS[:1]


def test_axe_check_can_fail_in_either_colour_scheme(page):
    """The check above can fail: grey text on grey fails the colour rules, an image without a text
    alternative the full set (and not the colour rules)."""
    if AXE is None or not AXE.exists():
        skip_or_fail(AXE_MISSING)
    page.goto("")
    page.emulate_media(color_scheme="dark")
    page.evaluate("""() => {
      const article = document.querySelector("article");
      article.insertAdjacentHTML("beforeend", '<p style="color: #777; background: #888">faint</p><img src="x.png">');
    }""")
    assert [line.split(" ")[0] for line in axe_violations(page, AXE_COLOUR_RULES)] == ["color-contrast"]
    assert {"color-contrast", "image-alt"} <= {line.split(" ")[0] for line in axe_violations(page)}
    assert [line.split(" ")[0] for line in axe_violations(page, leave_out=AXE_COLOUR_RULES)] == ["image-alt"]


def test_axe_checks_what_the_page_has_not_drawn_yet(page):
    """Text in a block not drawn yet (content-visibility: auto, far below the screen, as the errors page's
    groups) is checked too: axe-core alone counts its contrast as incomplete, neither passed nor failed."""
    if AXE is None or not AXE.exists():
        skip_or_fail(AXE_MISSING)
    page.goto("")
    page.evaluate("""() => {
      const article = document.querySelector("article");
      article.insertAdjacentHTML("beforeend", '<div style="content-visibility: auto; margin-top: 500vh"><p style="color: #777; background: #888">faint</p></div>');
    }""")
    assert [line.split(" ")[0] for line in axe_violations(page, AXE_COLOUR_RULES)] == ["color-contrast"]


def test_the_errors_page_as_loaded_passes_the_colour_rules(page):
    """The errors page checked as loaded on a phone (412 px, Lighthouse's width), its far groups not drawn yet, as
    Lighthouse checks it: axe-core reads an undrawn group's text where it will be drawn, so a group guessed too
    short (extra.css) put text over the footer, measured against the footer's dark colour (Lighthouse's
    accessibility score was 96)."""
    if AXE is None or not AXE.exists():
        skip_or_fail(AXE_MISSING)
    page.set_viewport_size({"width": 412, "height": 823})
    page.goto("errors/", wait_until="load")
    assert page.evaluate("() => document.querySelectorAll('.errors-group').length") > 1
    assert not axe_violations(page, AXE_COLOUR_RULES, draw_everything=False)


def test_code_blocks_scrolled_into_view_get_named_buttons(page):
    """Code blocks get their buttons as they scroll into view (Material's content.lazy, mkdocs.yml), and
    accessibility.js names each block's button bar then: unnamed, axe finds the bars' landmarks alike."""
    from playwright.sync_api import expect

    if AXE is None or not AXE.exists():
        skip_or_fail(AXE_MISSING)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("errors/", wait_until="networkidle")
    blocks = page.locator(".md-content pre")
    count = blocks.count()
    assert page.locator(".md-code__nav").count() < count, "every block got its buttons at load: content.lazy is off"
    for index in range(count):
        blocks.nth(index).scroll_into_view_if_needed()
    expect(page.locator(".md-code__nav")).to_have_count(count)
    expect(page.locator(".md-code__nav:not([aria-label])")).to_have_count(0)
    assert not axe_violations(page)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name):
                self.targets.append(attrs[name])


def test_no_internal_link_or_anchor_is_broken(site):
    base, folder = site
    parsed = {}
    for html in folder.rglob("*.html"):
        links = Links()
        links.feed(html.read_text(encoding="utf-8"))
        parsed[html] = links
    broken = []
    for html, links in parsed.items():
        page_url = "file://" + str(html)
        for target in links.targets:
            if target.startswith(SITE_PATH):
                target = str(folder) + "/" + target[len(SITE_PATH) :]  # 404.html links from the site's root
            url = urlparse(urljoin(page_url, target))
            if url.scheme != "file":
                continue  # links out (the repository, edit links) are not requests the page makes
            path = Path(unquote(url.path))
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{html.relative_to(folder)}: {target} (no such file)")
            elif url.fragment and path.suffix == ".html":
                ids = parsed[path].ids if path in parsed else set()
                if unquote(url.fragment) not in ids:
                    broken.append(f"{html.relative_to(folder)}: {target} (no such anchor)")
    assert not broken, "\n".join(broken)
