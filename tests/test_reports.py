"""Issue 14's register of public reports (reports/*.yml): every report is answered, on the built site, where it says.

Each entry of a register is a mapping with `source` (the public report's address), `title`, `message` (verbatim,
as a reader searches for it), `section` (`page.md#heading-id`) and `reproduced` ("torch 2.13.0, NumPy 2.4.6", or a
sentence starting "no"/"not" where the pinned versions no longer give the message). An optional `symptom: true`
marks a message that is a symptom, not something torch or NumPy prints. On the built site the section (from its
heading to the next heading of the same or a higher level) must:

- contain the message, whitespace-normalised, and a link to the source;
- embed a snippet (a Python code block);
- show the message as a documented `#! raises` / `#! warns` message or `#>` output of a snippet statement, unless
  the entry is a symptom or does not reproduce on the pinned versions;
- for a documented `#! raises` / `#! warns` message: have a `# fix:` line directly above the statement, and a
  statement after it, in the same section, with documented `#>` output (the fix, run).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from sitetools import ROOT

FIELDS = ("source", "title", "message", "section", "reproduced")
FLOOR = 60
HEADING = re.compile(r"^h([1-6])$")
MESSAGE_START = re.compile(r"^#! (raises|warns) ")
NOT_REPRODUCED = re.compile(r"^(no|not)\b", re.IGNORECASE)


def normalised(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Section:
    """The part of a page under one heading: its text, link targets and Python code blocks."""

    level: int
    text: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)


class PageReader(HTMLParser):
    """Splits a built page into one Section per heading, in order (before the first heading: level 0).

    A code block counts as a snippet when Pygments highlighted it (a `<span>` with a class inside its `<pre>`:
    a `text` block has none) and it is a Python program that imports something, as every snippet section does.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[str | None, Section]] = [(None, Section(0))]
        self.code: list[str] | None = None  # the text of the <pre> being read
        self.highlighted = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        level = HEADING.match(tag)
        if level:
            self.parts.append((attributes.get("id"), Section(int(level[1]))))
        elif tag == "pre":
            self.code, self.highlighted = [], False
        elif tag == "span" and self.code is not None and attributes.get("class"):
            self.highlighted = True
        elif tag == "a" and attributes.get("href"):
            self.parts[-1][1].links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "pre" and self.code is not None:
            text = "".join(self.code)
            if self.highlighted and is_snippet(text):
                self.parts[-1][1].blocks.append(text)
            self.code = None

    def handle_data(self, data):
        self.parts[-1][1].text.append(data)
        if self.code is not None:
            self.code.append(data)


def is_snippet(code: str) -> bool:
    """Whether a code block's text is a Python program with an import statement at its top level."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    return any(isinstance(node, ast.Import | ast.ImportFrom) for node in tree.body)


def section_of(html_text: str, heading_id: str) -> Section | None:
    """The section under the heading with this id, up to the next heading of the same or a higher level; or None."""
    reader = PageReader()
    reader.feed(html_text)
    parts = reader.parts
    for index, (identifier, section) in enumerate(parts):
        if identifier == heading_id and section.level:
            whole = Section(section.level)
            for _, part in parts[index:]:
                if part is not section and part.level <= section.level:
                    break
                whole.text += part.text
                whole.links += part.links
                whole.blocks += part.blocks
            return whole
    return None


def documented(block: str) -> list[tuple[str, str, int]]:
    """The documented outputs of a code block: (kind, text, index of its first line); kind is raises, warns or output.

    A `#! raises Type: message` or `#! warns Type: message` line and its `#! ` continuation lines give one item
    ("Type: message ..."); consecutive `#>` lines give one "output" item.
    """
    items: list[tuple[str, str, int]] = []
    current: list | None = None
    for number, line in enumerate(block.splitlines()):
        start = MESSAGE_START.match(line)
        if start:
            current = [start[1], [line[start.end() :]], number]
            items.append(current)
        elif line.startswith("#!") and current and current[0] != "output":
            current[1].append(line[2:])
        elif line.startswith("#>"):
            if not (current and current[0] == "output" and current[2] + len(current[1]) == number):
                current = ["output", [], number]
                items.append(current)
            current[1].append(line[2:])
        else:
            current = None
    return [(kind, normalised(" ".join(lines)), number) for kind, lines, number in items]


def fix_problem(block: str, doc_line: int) -> str | None:
    """Whether the top-level statement documented at line `doc_line` (0-based) has `# fix:` directly above it."""
    lines = block.splitlines()
    try:
        tree = ast.parse(block)
    except SyntaxError as error:
        return f"its code block is not valid Python ({error.msg}, line {error.lineno})"
    before = [node for node in tree.body if node.end_lineno <= doc_line]
    if not before:
        return "no statement above its documented message"
    statement = before[-1]
    first = min([statement.lineno] + [d.lineno for d in getattr(statement, "decorator_list", [])])
    if first < 2 or not lines[first - 2].startswith("# fix:"):
        return f"the statement `{lines[statement.lineno - 1].strip()}` has no `# fix:` line directly above it"
    return None


def entry_problems(entry: dict, read_page) -> list[str]:
    """What is wrong with one register entry on a built site; [] when nothing is.

    `read_page(page)` returns the built HTML of a page named as in the docs ("numpy-habits.md"), or None.
    """
    missing = [name for name in FIELDS if not isinstance(entry.get(name), str) or not entry[name].strip()]
    if missing:
        return [f"missing or empty: {', '.join(missing)}"]
    page, _, heading = entry["section"].partition("#")
    html_text = read_page(page)
    if html_text is None:
        return [f"no page {page}"]
    section = section_of(html_text, heading) if heading else None
    if section is None:
        return [f"no heading #{heading} on {page}"]
    message = normalised(entry["message"])
    problems = []
    if message not in normalised("".join(section.text)):
        problems.append(f"the message is not in section {entry['section']}")
    if entry["source"] not in section.links:
        problems.append(f"section {entry['section']} does not link to {entry['source']}")
    if not section.blocks:
        problems.append(f"section {entry['section']} embeds no snippet")
    if entry.get("symptom") is True or NOT_REPRODUCED.match(entry["reproduced"]):
        return problems
    shown = [
        (block, index, kind, line)
        for index, block in enumerate(section.blocks)
        for kind, text, line in documented(block)
        if message in text
    ]
    if not shown and section.blocks:
        problems.append(f"no snippet in section {entry['section']} documents the message as raised, warned or shown")
    for block, index, kind, line in shown[:1]:
        if kind == "output":
            continue
        problem = fix_problem(block, line)
        if problem:
            problems.append(f"{entry['section']}: {problem}")
        ran_after = any(kind == "output" and number > line for kind, _, number in documented(block)) or any(
            kind == "output" for other in section.blocks[index + 1 :] for kind, _, _ in documented(other)
        )
        if not ran_after:
            problems.append(f"{entry['section']}: no statement with documented output after the failing one (the fix, run)")
    return problems


def register_problems(entries: list) -> list[str]:
    """Entries that are not mappings, lack a field, or share a source with an earlier entry."""
    problems, seen = [], set()
    for number, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problems.append(f"entry {number}: not a mapping")
            continue
        missing = [name for name in FIELDS if not isinstance(entry.get(name), str) or not entry[name].strip()]
        if missing:
            problems.append(f"entry {number}: missing or empty: {', '.join(missing)}")
        if entry.get("source") in seen:
            problems.append(f"entry {number}: {entry['source']} is already in the register")
        seen.add(entry.get("source"))
        if not str(entry.get("source", "")).startswith("https://"):
            problems.append(f"entry {number}: source is not an https address: {entry.get('source')!r}")
        if "symptom" in entry and not isinstance(entry["symptom"], bool):
            problems.append(f"entry {number}: symptom must be true or false")
    return problems


def register(folder: Path = ROOT / "reports") -> list:
    """Every entry of every reports/*.yml, in file order, each with `file` added."""
    entries = []
    for path in sorted(folder.glob("*.yml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            entries.append(dict(entry, file=path.name) if isinstance(entry, dict) else entry)
    return entries


def built_page_reader(folder: Path):
    """read_page for a built site in `folder`: "a.md" is a/index.html, "index.md" is index.html."""

    def read_page(page: str) -> str | None:
        if not page.endswith(".md"):
            return None
        stem = page[: -len(".md")]
        path = folder / ("index.html" if stem == "index" else stem.removesuffix("/index") + "/index.html")
        return path.read_text(encoding="utf-8") if path.is_file() else None

    return read_page


def test_the_register_is_well_formed():
    assert register_problems(register()) == []


def test_every_report_is_answered_where_the_register_says(built_site):
    _, folder = built_site
    read_page = built_page_reader(folder)
    problems = [f"{entry['file']}: {entry.get('source')}: {p}" for entry in register() for p in entry_problems(entry, read_page)]
    assert problems == []


def test_the_register_holds_at_least_60_reports():
    """Counts every hunter's register together: it holds once all of issue 14's registers are merged."""
    assert len(register()) >= FLOOR, f"{len(register())} reports in reports/*.yml, fewer than {FLOOR}"


# A built page as MkDocs Material writes one, reduced to what the checks read.
SOURCE = "https://github.com/owner/repo/issues/1"
PAGE = f"""
<article class="md-content__inner md-typeset">
<h1 id="habits">Habits</h1>
<h2 id="astype">`astype` on a tensor<a class="headerlink" href="#astype">&para;</a></h2>
<div class="highlight"><pre><span></span><code>AttributeError: 'Tensor' object has no attribute 'astype'
</code></pre></div>
<div class="highlight"><pre><span></span><code><span class="kn">import</span> torch
t = torch.ones(2)
<span class="c1"># fix: t.to(torch.int64)</span>
t.astype(int)
<span class="c1">#! raises AttributeError: &#39;Tensor&#39; object has no attribute &#39;astype&#39;</span>
t.to(torch.int64)
<span class="c1">#&gt; tensor([1, 1])</span>
</code></pre></div>
<p>Reported in <a href="{SOURCE}">owner/repo#1</a>.</p>
<h3 id="deeper">A subsection</h3>
<p>still part of the section</p>
<div class="highlight"><pre><span></span><code>x = 1  # not highlighted: a text block, not a snippet
</code></pre></div>
<h2 id="next">Next</h2>
<p>only here: ValueError: elsewhere</p>
<div class="highlight"><pre><code><span class="kn">import</span> math
x = 1
x.bad()
<span class="c1">#! raises ValueError: elsewhere</span>
x
#&gt; 1
</code></pre></div>
<p>Reported in <a href="https://github.com/owner/repo/issues/2">owner/repo#2</a>.</p>
</article>
"""
GOOD = {
    "source": SOURCE,
    "title": "astype on a tensor",
    "message": "AttributeError: 'Tensor' object has no attribute 'astype'",
    "section": "habits.md#astype",
    "reproduced": "torch 2.13.0, NumPy 2.4.6",
}


def fake_site(page: str) -> str | None:
    return PAGE if page == "habits.md" else None


def test_an_answered_report_passes():
    assert entry_problems(GOOD, fake_site) == []


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"section": "other.md#astype"}, "no page other.md"),
        ({"section": "habits.md#gone"}, "no heading #gone on habits.md"),
        ({"message": "ValueError: elsewhere"}, "the message is not in section habits.md#astype"),
        ({"source": "https://github.com/owner/repo/issues/3"}, "does not link to https://github.com/owner/repo/issues/3"),
        ({"message": "Habits"}, "the message is not in section"),
        ({"section": "habits.md#deeper", "message": "still part of the section"}, "embeds no snippet"),
        ({"message": ""}, "missing or empty: message"),
    ],
)
def test_a_report_not_answered_where_it_says_is_rejected(change, expected):
    problems = entry_problems(dict(GOOD, **change), fake_site)
    assert any(expected in problem for problem in problems), problems


def test_a_message_only_in_prose_is_rejected_unless_not_reproduced_or_a_symptom():
    prose = "still part of the section"
    entry = dict(GOOD, message=prose)
    assert entry_problems(entry, fake_site) == [
        "no snippet in section habits.md#astype documents the message as raised, warned or shown"
    ]
    assert entry_problems(dict(entry, symptom=True), fake_site) == []
    assert entry_problems(dict(entry, reproduced="no longer reproduces from torch 2.3"), fake_site) == []


def test_a_raised_message_without_a_fix_line_or_a_fix_run_is_rejected():
    entry = dict(GOOD, section="habits.md#next", message="ValueError: elsewhere", source="https://github.com/owner/repo/issues/2")
    assert entry_problems(entry, fake_site) == ["habits.md#next: the statement `x.bad()` has no `# fix:` line directly above it"]
    no_fix_run = PAGE.replace('t.to(torch.int64)\n<span class="c1">#&gt; tensor([1, 1])</span>\n', "")
    assert entry_problems(GOOD, lambda page: no_fix_run) == [
        "habits.md#astype: no statement with documented output after the failing one (the fix, run)"
    ]


def test_the_register_rejects_duplicates_and_missing_fields():
    assert register_problems([GOOD, dict(GOOD, title="again"), {"source": "http://x"}, "text"]) == [
        f"entry 1: {SOURCE} is already in the register",
        "entry 2: missing or empty: title, message, section, reproduced",
        "entry 2: source is not an https address: 'http://x'",
        "entry 3: not a mapping",
    ]
