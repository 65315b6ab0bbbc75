"""The rules of docs/test-your-docs.md ("Rules by name") and the tests that name them stay in step."""

from pathlib import Path

import pytest
from rules import PAGE, RULES, cases, names_on_page, rule

TESTS = Path(__file__).resolve().parent


def test_the_page_lists_each_rule_once():
    assert RULES, f"no rules found under 'Rules by name' in {PAGE}"
    assert len(RULES) == len(set(RULES)), sorted(name for name in RULES if RULES.count(name) > 1)


def test_every_listed_rule_has_a_test():
    # A rule is named in a case table's key or in rule("..."): in either, as a quoted string.
    source = "\n".join(path.read_text(encoding="utf-8") for path in TESTS.glob("test_*.py"))
    untested = [name for name in RULES if f'"{name}"' not in source]
    assert not untested, f"rules the page lists but no test names: {untested}"


def test_a_rule_the_page_does_not_list_is_refused():
    with pytest.raises(LookupError, match="'no such rule' is not a rule listed"):
        cases({"no such rule": {"case": ("statement", "#> block", "reason")}})
    with pytest.raises(LookupError):
        rule("no such rule")


def test_rule_names_are_read_from_the_table_only():
    text = (
        "# Page\n\n## Rules by name\n\n| Rule | What | Tests |\n|---|---|---|\n| `a b` | x | y |\n\n## Next\n\n| `c` | z | w |\n"
    )
    assert names_on_page(text) == ["a b"]
    assert names_on_page("# A page without the section\n") == []
