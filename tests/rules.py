"""The rules the harness follows, by the names the plugin's reference page gives them.

docs/test-your-docs.md lists every rule in its table under "Rules by name"; a test names the rule it checks
with `cases` (parametrized case tables grouped by rule) or `rule` (a mark on one test), and both refuse a
name the page does not list. tests/test_rule_names.py checks that every listed rule has a test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parent.parent / "docs" / "test-your-docs.md"
HEADING = "## Rules by name"


def names_on_page(text: str) -> list[str]:
    """The rule names in the first column of the table under HEADING, in order; [] where there is none."""
    if HEADING not in text:
        return []
    section = re.split(r"^## ", text.split(HEADING, 1)[1], flags=re.M)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| Rule ")]
    return [re.fullmatch(r"`(.+)`", row.split(" | ")[0][2:].strip()).group(1) for row in rows]


RULES = names_on_page(PAGE.read_text(encoding="utf-8"))


def known(name: str) -> str:
    """`name`, once checked against the page; raises LookupError for a rule the page does not list."""
    if name not in RULES:
        raise LookupError(f"{name!r} is not a rule listed under {HEADING!r} in {PAGE.name}")
    return name


def cases(table: dict[str, dict[str, tuple]]) -> list:
    """pytest.param for each case of a {rule: {case name: values}} table, with the id `rule: case name`; `values`
    is a tuple of the test's arguments, or its one argument.

    Raises LookupError for a rule the page does not list."""
    return [
        pytest.param(*(values if isinstance(values, tuple) else (values,)), id=f"{known(name)}: {case}")
        for name, group in table.items()
        for case, values in group.items()
    ]


def rule(name: str) -> pytest.MarkDecorator:
    """The mark `rule(name)` for a test that checks that one rule; raises LookupError for an unlisted rule."""
    return pytest.mark.rule(known(name))
