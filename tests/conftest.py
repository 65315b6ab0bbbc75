import textwrap

import pytest

from array_examples.isolation import Zygote
from array_examples.snippets import Example


@pytest.fixture(scope="session")
def zygote():
    # A short timeout keeps the hanging-snippet test quick.
    handle = Zygote(timeout=3)
    yield handle
    handle.close()


@pytest.fixture
def run(zygote):
    """Run example text through the real harness; return its list of problems."""

    def run_text(text: str, filename: str = "example.py") -> list[str]:
        lines = textwrap.dedent(text).strip("\n").splitlines()
        return zygote.run(Example(filename, None, 1, lines))["problems"]

    return run_text


@pytest.fixture
def run_result(zygote):
    """Run example text through the real harness; return its whole result (problems and the update's rewrites)."""

    def run_text(text: str, filename: str = "example.py") -> dict:
        lines = textwrap.dedent(text).strip("\n").splitlines()
        return zygote.run(Example(filename, None, 1, lines))

    return run_text


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keeps each phase's report on the item, so a fixture can tell a failed test (and take a screenshot).
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
