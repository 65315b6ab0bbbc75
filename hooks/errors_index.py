"""MkDocs hook: the "Errors and warnings" page, written at build time from the snippets.

Every statement documented with `#! raises Type: message` or `#! warns Type: message`
carries its one-line fix in a comment directly above it:

    # fix: Call .detach() first: tensor.detach().numpy().
    weights.numpy()
    #! raises RuntimeError: Can't call numpy() on Tensor that requires grad. ...

The page groups the messages by the first page in the nav that shows them, with a contents
list; each distinct (type, message) comes once, under a short heading (its first sentence, cut
short), the whole message in a code block that the site's search indexes, then one line per
distinct fix (one per cause) with links to the sections of the site that show it.
The snippets are read as text here (a small parser of the `#!` lines, checked against
the harness's own reader by tests/test_errors_index.py), so the build needs no test code.
"""

from __future__ import annotations

import ast
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import markdown

PAGE = "errors.md"
TITLE = "Errors and warnings"
SECTION = re.compile(r"^\s*# --8<-- \[(start|end):([\w-]+)\]\s*$")
REQUIRES = re.compile(r"^# requires: (.+)$")
DOC_LINE = re.compile(r"^#[>!]( |$)")  # a documented-output line, in column 0
MESSAGE = re.compile(r"^#! (raises|warns) ([\w.]+): ?(.*)$")
FIX = re.compile(r"^# fix: (\S.*)$")
INCLUDE = re.compile(r'--8<--\s+"([^"]+\.py)(?::([\w-]+))?"')
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# Characters Python-Markdown treats as markup; escaped, a message in a heading reads as typed.
MARKUP = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


class ErrorsIndexError(Exception):
    """A snippet or page the errors page cannot be built from; names the file and line."""

    def __init__(self, filename: str, line: int, message: str):
        super().__init__(f"{filename}:{line}: {message}")
        self.filename, self.line = filename, line


@dataclass
class Message:
    """One `#! raises` or `#! warns` message in a snippet, with the fix written above its statement."""

    kind: str  # "raises" or "warns"
    type: str  # exception or warning class, e.g. "RuntimeError"
    text: str  # the message; lines of a multi-line message are joined by "\n"
    fix: str
    filename: str
    line: int  # line of the `#!` line that starts the message
    section: str | None  # named section it sits in, None outside every section
    requires: str = ""  # the section's `# requires:` value, "" when it runs everywhere


@dataclass
class Shown:
    """A place on the site that embeds a snippet section: page, and the heading it sits under."""

    page: str  # path under docs/, e.g. "dtypes.md"
    page_title: str
    anchor: str  # the heading's id; "" when the section comes before any heading but the title
    heading: str  # the heading's text; "" with no anchor


@dataclass
class Entry:
    """One distinct (type, message) on the errors page."""

    kind: str
    type: str
    text: str
    anchor: str = ""  # the id of the entry's heading on the errors page (shared by entries with one heading)
    heading: str = ""  # the entry's short heading: the message's first sentence, cut short
    group: tuple[str, str] = ("", "")  # (title, id) of its group: the first page in the nav that shows it
    fixes: list[str] = field(default_factory=list)
    shown: list[tuple[Shown, str]] = field(default_factory=list)  # (where, requirement) without repeats
    # Each cause with its own fix: (fix, [(where, requirement)]) for every distinct `# fix:` line.
    causes: list[tuple[str, list[tuple[Shown, str]]]] = field(default_factory=list)


def read_messages(path: Path, shown_as: str) -> list[Message]:
    """Every `#!` message in one snippet file, each with its fix.

    Takes the file and the name to report it as (e.g. "snippets/dtypes.py"). Raises
    ErrorsIndexError for a file that is not Python, or for a raising or warning statement
    without a `# fix: ...` line directly above it.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    try:
        tree = ast.parse("\n".join(lines), filename=shown_as)
    except SyntaxError as error:
        raise ErrorsIndexError(shown_as, error.lineno or 1, f"not valid Python: {error.msg}") from None
    sections = section_of_each_line(lines)
    messages = []
    for node in tree.body:
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        found = messages_under(lines, node.end_lineno)
        if not found:
            continue
        fix = FIX.match(lines[first - 2]) if first >= 2 else None
        if fix is None:
            kind, number = found[0][0], found[0][3]
            raise ErrorsIndexError(
                shown_as,
                first,
                f"this statement is documented with `#! {kind}` (line {number}) but has no "
                "`# fix: <one line>` comment directly above it; the errors page shows that fix",
            )
        section, requires = sections[node.lineno - 1]
        for kind, type_name, text, number in found:
            messages.append(Message(kind, type_name, text, fix[1].strip(), shown_as, number, section, requires))
    return messages


def messages_under(lines: list[str], end_line: int) -> list[tuple[str, str, str, int]]:
    """(kind, type, message, line) for the `#!` messages in the documented block under a statement.

    A `#! ` line that does not start with `raises` or `warns` continues the message above it.
    """
    found: list[tuple[str, str, str, int]] = []
    number = end_line + 1
    while number <= len(lines) and DOC_LINE.match(lines[number - 1]):
        text = lines[number - 1]
        match = MESSAGE.match(text)
        if match:
            found.append((match[1], match[2], match[3].strip(), number))
        elif text.startswith("#!") and found:
            kind, type_name, message, start = found[-1]
            found[-1] = (kind, type_name, message + "\n" + text[3:], start)
        number += 1
    return found


def section_of_each_line(lines: list[str]) -> list[tuple[str | None, str]]:
    """For each line of a snippet file: the innermost open section ("" requirement outside one) and
    that section's `# requires:` value ("" when it runs everywhere)."""
    names, open_sections, requires = [], [], {}
    for text in lines:
        match = SECTION.match(text)
        if match and match[1] == "start":
            open_sections.append(match[2])
        elif match and match[2] in open_sections:
            open_sections.remove(match[2])
        current = open_sections[-1] if open_sections else None
        wanted = REQUIRES.match(text.strip())
        if wanted and current is not None:
            requires.setdefault(current, wanted[1].strip())
        names.append(current)
    return [(name, requires.get(name, "")) for name in names]


def embeddings(pages: dict[str, str], toc_config: dict | None = None) -> dict[tuple[str, str | None], list[Shown]]:
    """Where each snippet section is shown: {(file, section or None for the whole file): [Shown]}.

    Takes {page path under docs/: its Markdown}. The anchors are the ids Python-Markdown's toc
    extension gives the page's headings (with the site's toc settings, `toc_config`).
    """
    shown: dict[tuple[str, str | None], list[Shown]] = {}
    for page, text in pages.items():
        headings, includes = headings_and_includes(text)
        ids = heading_ids([heading for heading, _ in headings], toc_config or {})
        title = next((name for (heading, level), (_, name) in zip(headings, ids) if level == 1), page)
        for file, section, heading_index in includes:
            anchor, name = ("", "")
            if heading_index is not None and headings[heading_index][1] > 1:
                anchor, name = ids[heading_index]
            place = Shown(page, title, anchor, name)
            if place not in shown.setdefault((file, section), []):
                shown[(file, section)].append(place)
    return shown


def headings_and_includes(text: str) -> tuple[list[tuple[str, int]], list[tuple[str, str | None, int | None]]]:
    """The page's headings [(Markdown line, level)] outside code fences, and its snippet includes
    [(file, section, index of the heading above or None)]."""
    headings: list[tuple[str, int]] = []
    includes: list[tuple[str, str | None, int | None]] = []
    fence = None
    for line in text.splitlines():
        marker = FENCE.match(line)
        if marker and (fence is None or marker[1].startswith(fence)):
            fence = None if fence else marker[1]
        elif fence is None and (heading := HEADING.match(line)):
            headings.append((line.strip(), len(heading[1])))
        for file, section in INCLUDE.findall(line):
            includes.append((file, section or None, len(headings) - 1 if headings else None))
    return headings, includes


def heading_ids(headings: list[str], toc_config: dict) -> list[tuple[str, str]]:
    """(id, text) Python-Markdown gives each heading line, in order, rendered as one document."""
    if not headings:
        return []
    settings = {key: value for key, value in toc_config.items() if key in ("slugify", "separator")}
    converter = markdown.Markdown(extensions=["toc", "attr_list"], extension_configs={"toc": settings})
    converter.convert("\n\n".join(headings))
    flat = []

    def walk(tokens):
        for token in tokens:
            flat.append((token["id"], token["name"]))
            walk(token["children"])

    walk(converter.toc_tokens)
    return flat


def collect(
    messages: Iterable[Message], shown: dict[tuple[str, str | None], list[Shown]], page_order: list[str] | None = None
) -> list[Entry]:
    """Merge messages into one entry per distinct (type, message), grouped by the first page that shows it
    (pages in `page_order`, the nav's order, then by name), sorted by type then message in each group.

    Raises ErrorsIndexError, naming the message's file and line, for a message in a
    section (or file) that no page shows: the page would have nothing to link to.
    """
    entries: dict[tuple[str, str], Entry] = {}
    for message in messages:
        key = (message.type, " ".join(message.text.split()))
        entry = entries.setdefault(key, Entry(message.kind, message.type, message.text))
        add_cause(entry, message, places_of(message, shown))
    order = {page: index for index, page in enumerate(page_order or [])}
    taken: set[str] = set()
    group_page = assign_groups(list(entries.values()), order, taken)
    ordered = sorted(
        entries.values(),
        key=lambda e: (order.get(group_page[id(e)], len(order)), group_page[id(e)], e.type.lower(), e.text.lower()),
    )
    assign_anchors(ordered, taken)
    return ordered


def places_of(message: Message, shown: dict[tuple[str, str | None], list[Shown]]) -> list[Shown]:
    """The places that show a message's section (or its whole file).

    Raises ErrorsIndexError, naming the message's file and line, when no page shows it.
    """
    file = Path(message.filename).name
    places = shown.get((file, message.section), []) + shown.get((file, None), [])
    if not places:
        where = f"section {message.section!r}" if message.section else "this file"
        raise ErrorsIndexError(
            message.filename,
            message.line,
            f"`#! {message.kind}` in {where}, which no page embeds; the errors page would have no link for it",
        )
    return places


def add_cause(entry: Entry, message: Message, places: list[Shown]) -> None:
    """Record one occurrence of the entry's message: its fix (once per distinct fix) and the places that show it,
    in the entry's places and under that fix's cause, each (place, requirement) once."""
    if message.fix not in entry.fixes:
        entry.fixes.append(message.fix)
        entry.causes.append((message.fix, []))
    where = next(places_of_fix for fix, places_of_fix in entry.causes if fix == message.fix)
    for place in places:
        for found in (entry.shown, where):
            if (place, message.requires) not in found:
                found.append((place, message.requires))


def assign_groups(entries: list[Entry], order: dict[str, int], taken: set[str]) -> dict[int, str]:
    """Set each entry's group (title, id) and short heading: the group is the first page, in `order` then by
    name, that shows the entry. Group ids are made unique in page order (extending `taken`).

    Returns {id(entry): the group's page}.
    """

    def page_rank(place: Shown) -> tuple[int, str]:
        return order.get(place.page, len(order)), place.page

    first_places = {id(entry): min((place for place, _ in entry.shown), key=page_rank) for entry in entries}
    titles: dict[str, str] = {}
    for place in first_places.values():
        titles.setdefault(place.page, place.page_title)
    groups = {}
    for page in sorted(titles, key=lambda page: (order.get(page, len(order)), page)):
        groups[page] = (titles[page], slug(html.unescape(titles[page]), taken))
    for entry in entries:
        entry.group = groups[first_places[id(entry)].page]
        entry.heading = short_heading(entry.text)
    return {key: place.page for key, place in first_places.items()}


def assign_anchors(ordered: list[Entry], taken: set[str]) -> None:
    """Give each entry its heading's id, in order; messages that start alike (the same type and first
    sentence in one group) share one heading, each with its own block."""
    anchors: dict[tuple[str, str, str], str] = {}
    for entry in ordered:
        heading_key = (entry.group[1], entry.type, entry.heading)
        if heading_key not in anchors:
            anchors[heading_key] = slug(f"{entry.type} {entry.heading}", taken)
        entry.anchor = anchors[heading_key]


def short_heading(text: str, limit: int = 72) -> str:
    """A message's heading: its first sentence (or line), cut at a comma or a word to at most `limit` characters."""
    first = re.split(r"(?<=[.;!?])\s|\n", text.strip(), maxsplit=1)[0].strip().rstrip(".;:")
    if len(first) <= limit:
        return first
    cut = first[:limit]
    comma = cut.rfind(", ")
    if comma >= limit // 2:
        return cut[:comma]
    return cut[: cut.rfind(" ")].rstrip(",;:") + "…"


def slug(text: str, taken: set[str]) -> str:
    """A short readable id for an entry: its first words, made unique among `taken` (which it extends)."""
    # Letters, digits and hyphens only: an underscore would read as emphasis inside `{ #id }`.
    words = re.sub(r"[^a-z0-9]+", " ", text.lower().replace("'", "")).split()
    base, count = "-".join(words[:9])[:70].strip("-") or "message", 1
    candidate = base
    while candidate in taken:
        count += 1
        candidate = f"{base}-{count}"
    taken.add(candidate)
    return candidate


def plain(text: str) -> str:
    """Text escaped so that Python-Markdown shows it exactly as written (one line)."""
    text = " ".join(text.split())
    return MARKUP.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))


# The NumPy each side of a `numpy<2` / `numpy>=2` marker is tested with (.github/workflows/test.yml, requirements.txt).
# A link names it: messages change between minor releases, so "NumPy 2.x" would claim more than was seen.
TESTED_NUMPY = {"numpy<2": "1.26", "numpy>=2": "2.4"}


def readable(requires: str) -> str:
    """A section's `# requires:` value as a reader would say it, e.g. "numpy<2" -> "seen with NumPy 1.26"."""
    words = {"cuda": "with a CUDA GPU", "cpu-only-torch": "torch built without CUDA"}
    parts = []
    for word in (w.strip() for w in requires.split(",")):
        version = re.fullmatch(r"numpy(>=|<)(\d+)", word)
        if word in TESTED_NUMPY:
            parts.append(f"seen with NumPy {TESTED_NUMPY[word]}")
        elif version:
            major = int(version[2])
            parts.append(f"NumPy {major}.x and later" if version[1] == ">=" else f"NumPy {major - 1}.x")
        else:
            parts.append(words.get(word, word))
    return ", ".join(parts)


def render(entries: list[Entry]) -> str:
    """The errors page's Markdown: one group per page that explains its messages (in the order of
    `entries`' groups), one short heading per message (messages that start alike share it), the whole
    message in a code block, then each cause's fix with links to the sections that show it."""
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.group, []).append(entry)
    out = [
        f"# {TITLE}",
        "",
        "Every error and warning this guide shows, as torch 2.13 and NumPy print it, grouped by the page",
        "that explains it. Each entry gives the whole message, then each cause with its fix and the",
        "section that shows it. Paste a message into the search box to land on its entry or its section.",
        "This page is generated from the tested examples.",
        "",
        '<div class="errors-contents" data-search-exclude markdown>',
        "",
    ]
    out += [f"- [{plain(title)}](#{anchor}) ({len(group_entries)})" for (title, anchor), group_entries in groups.items()]
    out += ["", "</div>", ""]
    for (title, anchor), group_entries in groups.items():
        page = group_entries[0].shown[0][0].page if group_entries[0].shown else ""
        out += [f"## {plain(title)} {{ #{anchor} data-search-exclude }}", ""]
        out += [f"Explained on [{plain(title)}]({page}).", ""] if page else []
        heading = None
        for entry in group_entries:
            if entry.anchor != heading:
                heading = entry.anchor
                out += [f"### {plain(entry.heading)} {{ #{entry.anchor} }}", ""]
            out += message_block(entry)
    return "\n".join(out)


def message_block(entry: Entry) -> list[str]:
    """One message's lines: the message as printed, in a code block, then one list item per cause's fix."""
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", entry.text)), default=0))
    verb = "raised" if entry.kind == "raises" else "warned"
    lines = [f"{fence}text", f"{entry.type}: {entry.text}", fence, ""]
    for fix, places in entry.causes:
        links = []
        for place, requires in places:
            label = f"{place.page_title} › {place.heading}" if place.heading else place.page_title
            label = plain(html.unescape(label))
            target = f"{place.page}#{place.anchor}" if place.anchor else place.page
            links.append(f"[{label}]({target})" + (f" ({readable(requires)})" if requires else ""))
        lines.append(f"- **Fix:** {fix} ({verb} in {', '.join(links)})")
    return lines + [""]


def build_entries(
    snippet_dir: Path, docs_dir: Path, toc_config: dict | None = None, page_order: list[str] | None = None
) -> list[Entry]:
    """The errors page's entries from the snippets under `snippet_dir` and the pages under `docs_dir`,
    grouped by page in `page_order` (the nav's pages, in order; other pages follow by name).

    Raises ErrorsIndexError (see read_messages and collect).
    """
    messages = []
    for path in sorted(snippet_dir.glob("*.py")):
        messages += read_messages(path, f"{snippet_dir.name}/{path.name}")
    pages = {p.relative_to(docs_dir).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs_dir.rglob("*.md"))}
    return collect(messages, embeddings(pages, toc_config), page_order)


def nav_pages(nav) -> list[str]:
    """The page paths of an mkdocs.yml `nav` (a list of "path" or {title: path or nested list}), in order."""
    found: list[str] = []
    for item in nav or []:
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            if isinstance(value, str):
                found.append(value)
            else:
                found += nav_pages(value)
    return found


def on_files(files, config):
    """MkDocs event: add the generated errors page to the site's files."""
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File

    root = Path(config.config_file_path).parent
    snippet_options = config["mdx_configs"].get("pymdownx.snippets", {})
    snippet_dir = root / (snippet_options.get("base_path") or ["snippets"])[0]
    try:
        entries = build_entries(snippet_dir, Path(config["docs_dir"]), config["mdx_configs"].get("toc"), nav_pages(config["nav"]))
        content = render(entries)
    except ErrorsIndexError as error:
        raise PluginError(f"errors page: {error}") from None
    files.append(File.generated(config, PAGE, content=content))
    return files


def text_length(fragment: str) -> int:
    """Takes an HTML fragment; returns the characters of text it shows (tags and runs of whitespace left out),
    plus 60 for each paragraph, list item, heading and code block in it, for the space around each.

    extra.css guesses an undrawn group's height from this length: drawn, each of the errors page's groups
    is 0.61 to 0.86 px high per unit of it on a phone 320 to 360 px wide, and 0.34 to 0.44 px on a screen
    768 px wide or wider, whatever its mix of prose and code (measured in Chromium, December 2026).
    """
    text = html.unescape(re.sub(r"<[^>]+>", " ", fragment))
    blocks = len(re.findall(r"<(?:p|li|h[1-6]|pre)[\s>]", fragment))
    return len(" ".join(text.split())) + 60 * blocks


def wrap_groups(content: str) -> str:
    """Returns the errors page's HTML with each group's entries, from the end of its `<h2>` to the next
    `<h2>` (the last group's to the end), in a `<div class="errors-group" style="--length: N">`, N the
    entries' text length (text_length).

    extra.css draws such a wrapper only when it nears the screen (`content-visibility: auto`), so a load
    styles and lays out the first groups, not the whole page; until then it guesses the wrapper's height
    from N. The group headings stay outside: the theme
    reads where each heading of the table of contents is, and reading one inside an undrawn wrapper
    would draw the wrapper. The wrappers end where the next heading starts, so the site's search reads
    the same sections (its index does not change).
    """
    first = content.find("<h2")
    if first < 0:
        return content
    groups = [group for group in re.split(r"(?=<h2[\s>])", content[first:]) if group]
    wrapped = []
    for group in groups:
        heading, end, entries = group.partition("</h2>")
        wrapped.append(f'{heading}{end}<div class="errors-group" style="--length: {text_length(entries)}">{entries}</div>')
    return content[:first] + "".join(wrapped)


def on_page_content(html, page, **kwargs):
    """MkDocs event: on the errors page, each group wrapped (wrap_groups), and the table of contents
    lists the groups, not the entries: the theme draws a page's table of contents twice (the side
    bar and the phone's menu), and with 135 entries that was a third of the page's elements.
    Takes the page's HTML and returns it (other pages' unchanged).
    """
    if page.file.src_uri != PAGE:
        return html
    for title in page.toc:  # the page's <h1>, whose children are the groups
        for group in title.children:
            group.children = []
    return wrap_groups(html)
