"""Fixtures shared by the test modules: the harness's zygote, a documentation project that runs the installed
plugin in this process, the built site and a Chromium."""

import contextlib
import textwrap

import numpy  # noqa: F401  imported before any in-process pytest run, whose sys.modules snapshot would drop it again
import pytest

from array_examples import plugin
from array_examples.isolation import Zygote
from array_examples.snippets import Example
from sitetools import build, launch, serve, skip_or_fail

pytest_plugins = ["pytester"]


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


@pytest.fixture(scope="session")
def updating_zygote():
    # Runs examples as --update-expected does: only such a run computes the rewrites.
    handle = Zygote(timeout=3, update=True)
    yield handle
    handle.close()


@pytest.fixture
def run_result(updating_zygote):
    """Run example text through the real harness as an update does; return its whole result (problems and rewrites)."""

    def run_text(text: str, filename: str = "example.py") -> dict:
        lines = textwrap.dedent(text).strip("\n").splitlines()
        return updating_zygote.run(Example(filename, None, 1, lines))

    return run_text


class KeptZygote(Zygote):
    """A zygote that outlives the in-process pytest runs it serves: the plugin's close() at the end of a run keeps it."""

    def close(self) -> None:
        pass

    def shut(self) -> None:
        """Stop the zygote process (at the end of the session)."""
        super().close()


@pytest.fixture(scope="session")
def kept_zygote(tmp_path_factory):
    """The zygote the in-process runs share, started at once in an empty folder: started by the first run
    instead, it would keep that run's project folder first on sys.path (and pytester's HOME) for every later
    test's examples, which could then import a module only that project has."""
    handle = KeptZygote()
    with contextlib.chdir(tmp_path_factory.mktemp("kept_zygote")):
        handle.start()
    yield handle
    handle.shut()


PYPROJECT = '[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\n'


@pytest.fixture
def project_own_zygote(pytester):
    """An empty documentation project (a pyproject.toml and snippets/) for `pytester.runpytest()`, which runs the
    installed plugin in this process; each run starts a zygote of its own, which sees this process's environment."""
    pytester.makepyprojecttoml(PYPROJECT)
    (pytester.path / "snippets").mkdir()
    return pytester


@pytest.fixture
def project(project_own_zygote, kept_zygote, monkeypatch):
    """The same project, whose in-process runs share one zygote instead of starting their own (about 2 s each
    on an idle machine): the plugin's examples still run each in a child forked from it, and each run's
    --snippet-timeout, --update-expected and legacy print mode go with its requests. A test that needs a fresh zygote (another
    environment, say) uses project_own_zygote."""

    def shared(timeout: float, update: bool, legacy_print: str | None = None) -> Zygote:
        kept_zygote.timeout, kept_zygote.update, kept_zygote.legacy_print = timeout, update, legacy_print
        return kept_zygote

    monkeypatch.setattr(plugin, "Zygote", shared)
    return project_own_zygote


def pytest_collection_modifyitems(items):
    # The browser tests are the ones that start Chromium; the built site costs a full build (shared by them all).
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "chromium" in fixtures:
            item.add_marker(pytest.mark.browser)
        if "built_site" in fixtures:
            item.add_marker(pytest.mark.slow)
    # The longest tests first (the installs into fresh environments, then Chromium's), the short ones last: under
    # pytest-xdist the workers then end together, instead of one running a minute-long test while the other waits.
    # A stable sort: each group keeps its order, so a module's fixtures are still set up once per group.
    items.sort(key=longest_first)


def longest_first(item) -> int:
    """The place of `item`'s group in the run: 0 for the package tests, 1 for the browser tests, 2 for the rest."""
    if item.get_closest_marker("package"):
        return 0
    return 1 if item.get_closest_marker("browser") else 2


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keeps each phase's report on the item, so a fixture can tell a failed test (and take a screenshot).
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site built with --strict and served on 127.0.0.1; yields its base URL and folder."""
    folder = tmp_path_factory.mktemp("built_site")
    result = build(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    base, server = serve(folder)
    yield base, folder
    server.shutdown()
    server.server_close()  # its listening socket, else a ResourceWarning


@pytest.fixture(scope="module")
def chromium():
    """A started Chromium (Playwright); skips (fails under CI) where there is none.

    Module-scoped: one sync Playwright per thread at a time, and other modules start their own."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        skip_or_fail("Playwright for Python is not installed (pip install -r requirements.txt)")
    with sync_playwright() as playwright:
        try:
            browser = launch(playwright)
        except Error as error:
            skip_or_fail(f"no Chromium to start (apt-get install chromium, or python -m playwright install chromium): {error}")
        yield browser
        browser.close()
