"""Every page of the built site reads on a phone (360 px), a tablet (768 px) and a desktop (1280 px)
without scrolling sideways.

In a real Chromium, every page the build made (tests/sitetools.page_paths) is opened with its collapsed
blocks opened and every content tab shown, and measured at each width as a reader sees it:

- text that a box hides to its right (a table or code block that scrolls sideways, where the hidden part holds text),
  and anything that makes the page itself wider than the window;
- code in a table or in running text broken across lines between two letters or digits (`torch.fro` / `m_numpy(a`;
  after an underscore is allowed: a snake_case name longer than the line must break somewhere);
- the text of every drawing (an SVG image, or SVG inline) at its size on the screen: 12 px at least.

Each failure names the page, the element (with the heading above it) and the text concerned.
Needs Playwright and Chromium as tests/test_browser.py does; waits on conditions, never on a fixed sleep.
"""

import pytest

from sitetools import DRAW_EVERYTHING, page_paths, serve

WIDTHS = [360, 768, 1280]
SMALLEST_TEXT_PX = 12
PATIENCE_MS = 20_000

# Shows what a reader can reach by a click or by scrolling: opens every <details>, shows every content tab,
# draws what is drawn only near the screen (sitetools.DRAW_EVERYTHING).
REVEAL = """(drawEverything) => {
    document.querySelectorAll("details").forEach((d) => { d.open = true; });
    const style = document.createElement("style");
    style.textContent = ".md-typeset .tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }"
        + drawEverything;
    document.head.append(style);
}"""

# Returns one line per problem in the page's content (and the page's own width).
MEASURE = r"""async () => {
    const problems = [];
    const content = document.querySelector("article") || document.body;
    const clip = (s) => { s = s.replace(/\s+/g, " ").trim(); return s.length > 70 ? s.slice(0, 70) + "..." : s; };
    const where = (el) => {
        // The element's kind and the nearest heading before it, so a reader can find it.
        const has = (selector) => el.closest(selector) || (el !== content && el.querySelector(selector));
        const kind = has("table") ? "table" : has("pre") ? "code block" : el.tagName.toLowerCase();
        let heading = null;
        for (const h of content.querySelectorAll("h1, h2, h3, h4")) {
            if (h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) heading = h;
        }
        return `${kind} under "${heading ? clip(heading.textContent.replace(/¶$/, "")) : "(top)"}"`;
    };
    const textRects = (node) => {
        const range = document.createRange();
        range.selectNodeContents(node);
        return [...range.getClientRects()].filter((r) => r.width > 0);
    };
    const texts = (root) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const found = [];
        while (walker.nextNode()) if (walker.currentNode.textContent.trim()) found.push(walker.currentNode);
        return found;
    };

    const lineOf = (node, box) => {
        // The whole source line a piece of text is on (a code block's line, or the text itself elsewhere).
        if (!box.closest("pre")) return node.textContent;
        const before = document.createRange();
        before.setStart(box, 0);
        before.setEnd(node, 0);
        const number = before.toString().split("\n").length - 1;
        return box.textContent.split("\n")[number];
    };

    const screenReaderOnly = (node, box) => {
        // Text in a box clipped to a pixel (a table's header row kept for screen readers) is not cut off.
        for (let e = node.parentElement; e && e !== box; e = e.parentElement) {
            const r = e.getBoundingClientRect();
            if (getComputedStyle(e).overflow !== "visible" && (r.width <= 1 || r.height <= 1)) return true;
        }
        return false;
    };

    // 1. Boxes that scroll or clip sideways with text in the hidden part.
    for (const el of content.querySelectorAll("*")) {
        const overflow = getComputedStyle(el).overflowX;
        if (overflow === "visible" || el.scrollWidth <= el.clientWidth + 1 || el.clientWidth <= 1 || el.clientHeight <= 1) continue;
        const right = el.getBoundingClientRect().left + el.clientLeft + el.clientWidth;
        const cut = new Map();  // line top -> text of the first cut-off piece on that line
        for (const node of texts(el)) {
            if (screenReaderOnly(node, el)) continue;
            for (const r of textRects(node)) {
                if (r.right > right + 1 && !cut.has(Math.round(r.top))) {
                    cut.set(Math.round(r.top), lineOf(node, el));
                }
            }
        }
        if (cut.size) {
            const first = [...cut.values()][0];
            problems.push(`${where(el)}: ${cut.size} line(s) cut off at the right, e.g. "${clip(first)}"`);
        }
    }

    // 2. The page itself wider than the window.
    const page = document.scrollingElement;
    if (page.scrollWidth > page.clientWidth + 1) {
        const wide = [...document.body.querySelectorAll("*")].filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.right > page.clientWidth + 1 && getComputedStyle(el).visibility !== "hidden";
        });
        const outermost = wide.filter((el) => !wide.includes(el.parentElement));
        problems.push(`the page is ${page.scrollWidth} px wide in a ${page.clientWidth} px window: ` +
            outermost.slice(0, 3).map((el) => `${where(el)} (${el.className || el.tagName})`).join("; "));
    }

    // 3. Code (in a table or running text) broken between two letters or digits of a name.
    for (const code of content.querySelectorAll("code")) {
        if (code.closest("pre")) continue;
        for (const node of texts(code)) {
            if (textRects(node).length < 2) continue;
            const text = node.textContent;
            const range = document.createRange();
            let previousTop = null;
            for (let i = 0; i < text.length; i++) {
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const rect = range.getClientRects()[0];
                if (!rect) continue;
                if (previousTop !== null && rect.top > previousTop + 2 && /[A-Za-z0-9]/.test(text[i - 1]) && /[A-Za-z0-9]/.test(text[i])) {
                    problems.push(`${where(code)}: code broken mid-name as "${text.slice(0, i)}" / "${text.slice(i)}"`);
                }
                previousTop = rect.top;
            }
        }
    }

    // 4. Text in drawings, at its size on the screen.
    const measureSvg = (svg, label) => {
        let smallest = Infinity;
        for (const t of svg.querySelectorAll("text, tspan")) {
            if (!t.textContent.trim() || !t.getScreenCTM()) continue;
            const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(t.getScreenCTM().a, t.getScreenCTM().b);
            smallest = Math.min(smallest, size);
        }
        return smallest === Infinity ? null : {label, smallest};
    };
    const drawings = [];
    for (const svg of content.querySelectorAll("svg")) {
        if (svg.querySelector("text")) drawings.push(measureSvg(svg, `${where(svg)} (inline SVG)`));
    }
    for (const img of content.querySelectorAll("img")) {
        const source = img.currentSrc || img.src;
        if (!/\.svg($|[?#])|^data:image\/svg\+xml/.test(source)) continue;
        const drawn = img.getBoundingClientRect();
        if (!drawn.width) continue;
        // The same file, drawn at the same size as the <img>, in a box that takes none of the page's styles.
        const parsed = new DOMParser().parseFromString(await (await fetch(source)).text(), "image/svg+xml");
        const box = document.createElement("div");
        box.style.cssText = "position: absolute; left: 0; top: 0; visibility: hidden; font: initial;";
        const svg = document.importNode(parsed.documentElement, true);
        svg.setAttribute("width", drawn.width);
        svg.setAttribute("height", drawn.height);
        svg.style.maxWidth = "none";
        box.append(svg);
        document.documentElement.append(box);
        drawings.push(measureSvg(svg, `${where(img)} (${source.split("/").pop().slice(0, 40)})`));
        box.remove();
    }
    return {problems, drawings: drawings.filter(Boolean)};
}"""


@pytest.fixture(scope="module")
def site(built_site):
    """The built and served site (tests/conftest.py): base URL and folder."""
    return built_site


def browser_context(browser, base: str | None, width: int, **options):
    """A new browser context with a window `width` px wide (800 high), patient as these tests are."""
    context = browser.new_context(base_url=base, viewport={"width": width, "height": 800}, **options)
    context.set_default_timeout(PATIENCE_MS)
    return context


def measure(browser, base: str, path: str) -> dict:
    """Open one page, reveal its hidden blocks and measure it (see MEASURE) at each width of WIDTHS in turn, the
    window resized between them (a load per width took half the time; the layout follows the width alone).

    Returns {width: {"problems": [line, ...], "drawings": [{"label": ..., "smallest": px}, ...]}}.
    """
    context = browser_context(browser, base, WIDTHS[0])
    tab = context.new_page()
    try:
        tab.goto(path, wait_until="load")  # then the conditions below, not half a second of network quiet
        tab.evaluate("() => document.fonts.ready.then(() => true)")  # widths are measured in the page's own fonts
        tab.evaluate(REVEAL, DRAW_EVERYTHING)
        # Material wraps tables in a scrolling box from its script, and images decode late: wait for both.
        tab.wait_for_function(
            "() => [...document.querySelectorAll('article img')].every((i) => i.complete)"
            " && [...document.querySelectorAll('article table')].every((t) => t.closest('.md-typeset__table'))"
        )
        found = {}
        for width in WIDTHS:
            tab.set_viewport_size({"width": width, "height": 800})
            tab.wait_for_function("(width) => document.documentElement.clientWidth <= width", arg=width)
            found[width] = tab.evaluate(MEASURE)
        return found
    finally:
        context.close()


# The errors page's undrawn groups take a guessed height (extra.css): the narrowest width of each of the guess's
# bands, from the narrowest phone (320 px) to a screen where the theme sets larger type (1920 px).
GUESS_WIDTHS = [320, 480, 720, 1920]
GROUP_HEIGHTS = "() => [...document.querySelectorAll('.errors-group')].map((group) => group.getBoundingClientRect().height)"


def test_an_undrawn_errors_group_is_guessed_no_shorter_than_it_is_drawn(chromium, site):
    """Until the errors page's groups near the screen, extra.css guesses their heights (content-visibility: auto).
    An undrawn group's text is still placed where it will be drawn, so a guess too short put that text over what
    follows the group: over the footer at the page's end, where axe-core and Lighthouse measured its contrast
    against the footer's dark colour (Lighthouse accessibility 96 on the errors page). At each of GUESS_WIDTHS,
    every group's height as loaded is at least its height once drawn."""
    base, _ = site
    short, groups = [], 0
    for width in GUESS_WIDTHS:
        context = browser_context(chromium, base, width)
        try:
            tab = context.new_page()
            tab.goto("errors/", wait_until="load")
            guessed = tab.evaluate(GROUP_HEIGHTS)
            tab.add_style_tag(content=DRAW_EVERYTHING)
            drawn = tab.evaluate(GROUP_HEIGHTS)
        finally:
            context.close()
        groups += len(guessed)
        short += [
            f"at {width} px, group {number}: guessed {guess:.0f} px, drawn {height:.0f} px"
            for number, (guess, height) in enumerate(zip(guessed, drawn), start=1)
            if guess < height - 1
        ]
    assert groups and not short, "\n".join(short)


def test_no_text_is_cut_off_broken_mid_name_or_drawn_too_small(chromium, site):
    """Every page at every width: no text cut off or code broken mid-name (MEASURE's problems), and the text of
    every drawing SMALLEST_TEXT_PX at least on the screen. One test, so that the pages are measured once a run
    (on one pytest-xdist worker)."""
    base, folder = site
    pages = {path: measure(chromium, base, path) for path in page_paths(folder)}
    assert len(pages) >= 12
    found, drawings = [], 0
    for path, at_widths in pages.items():
        for width, result in at_widths.items():
            found += [f"/{path} at {width} px: {line}" for line in result["problems"]]
            for drawing in result["drawings"]:
                drawings += 1
                if drawing["smallest"] < SMALLEST_TEXT_PX:
                    found.append(f"/{path} at {width} px: {drawing['label']}: text {drawing['smallest']:.1f} px")
    assert drawings, "no drawing with text found: the measure is broken"
    assert not found, "\n".join(found)


def test_copying_a_wrapped_code_block_gives_its_text_unwrapped(chromium, site):
    """At 360 px the block's long lines wrap; the copy button still copies the snippet's lines as written."""
    from playwright.sync_api import expect

    from sitetools import ROOT

    lines = (ROOT / "snippets" / "torch_to_numpy.py").read_text().splitlines()
    section = lines[lines.index("# --8<-- [start:requires_grad_error]") + 1 : lines.index("# --8<-- [end:requires_grad_error]")]
    base, _ = site
    context = browser_context(chromium, base, 360, permissions=["clipboard-read", "clipboard-write"])
    try:
        tab = context.new_page()
        tab.goto("pytorch-to-numpy/")
        block = tab.locator("div.highlight", has_text="Can't call numpy()").first
        line = block.locator("[id^='__span-']", has_text="#! raises")
        # Wrapped: the message's line is taller than one line of code.
        assert line.evaluate("(e) => e.getClientRects()[0].height > 1.5 * parseFloat(getComputedStyle(e).lineHeight)")
        block.hover()
        block.locator("button[data-md-type=copy]").click()
        expect(tab.locator(".md-dialog")).to_contain_text("Copied", timeout=PATIENCE_MS)
        assert tab.evaluate("navigator.clipboard.readText()").rstrip("\n") == "\n".join(section)
    finally:
        context.close()


# A page with one of each problem the measure must find, and one wrapped line it must not report.
BROKEN_PAGE = """<!doctype html><html><body style="margin: 0"><article style="width: 340px">
<h2>Long line</h2>
<pre><code style="display: block; overflow: auto; white-space: pre">#! raises RuntimeError: a message far too long for a phone's screen</code></pre>
<h2>Wrapped line</h2>
<pre><code style="display: block; overflow: auto; white-space: pre-wrap">#! raises RuntimeError: a message far too long for a phone's screen</code></pre>
<h2>Wide table</h2>
<div style="overflow: auto"><table><tr><td>one</td><td>two</td><td style="white-space: nowrap">Shares memory? only if a is already float32, and not otherwise</td></tr></table></div>
<h2>Narrow cell</h2>
<table><tr><td style="width: 60px"><code style="word-break: break-all">torch.from_numpy(a)</code></td></tr></table>
<h2>Small drawing</h2>
<img alt="" style="width: 300px" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 600 100'%3E%3Ctext x='10' y='50' font-size='20'%3Esmall%3Ctspan font-size='16'%3Er%3C/tspan%3E%3C/text%3E%3C/svg%3E">
<div style="width: 500px">a box wider than the window</div>
</article></body></html>"""


def test_the_measure_finds_each_kind_of_problem(chromium):
    context = browser_context(chromium, None, 360)
    try:
        tab = context.new_page()
        tab.set_content(BROKEN_PAGE)
        tab.wait_for_function("() => document.querySelector('img').complete")
        result = tab.evaluate(MEASURE)
    finally:
        context.close()
    problems = "\n".join(result["problems"])
    assert 'code block under "Long line": 1 line(s) cut off' in problems
    assert "Wrapped line" not in problems
    assert 'table under "Wide table": 1 line(s) cut off at the right, e.g. "Shares memory?' in problems
    assert 'table under "Narrow cell": code broken mid-name' in problems
    assert "the page is 500 px wide in a 360 px window" in problems
    [drawing] = result["drawings"]
    assert drawing["smallest"] == pytest.approx(8, abs=0.1)  # the <tspan>'s 16 units drawn at half size


def test_each_width_is_measured_at_that_width(chromium, tmp_path):
    """measure() resizes one loaded page between the widths: a box 1000 px wide fits only the widest window."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><body style="margin: 0"><article><div style="width: 1000px">wide</div></article></body></html>'
    )
    base, server = serve(tmp_path)
    try:
        at_widths = measure(chromium, base, "")
    finally:
        server.shutdown()
        server.server_close()
    wide = {width: any("px wide in a" in line for line in result["problems"]) for width, result in at_widths.items()}
    assert wide == {360: True, 768: True, 1280: False}
