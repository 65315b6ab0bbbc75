"""Building, serving and browsing the site: shared by the site tests, the browser tests and the scripts."""

from __future__ import annotations

import functools
import gzip
import http.server
import importlib.util
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Debian's Chromium where it is installed (this project's machines); elsewhere the browser
# that `python -m playwright install chromium` downloaded.
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/lib/chromium/chromium"))
# Without the background-networking flags Chromium tries to reach Google's hosts at every start.
ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _axe_script() -> Path | None:
    # axe-core's browser script, as the PyPI package axe-playwright-python ships it (pinned in requirements.txt),
    # so the accessibility checks need Python only, no Node.
    spec = importlib.util.find_spec("axe_playwright_python")
    return Path(spec.origin).parent / "axe.min.js" if spec and spec.origin else None


AXE = _axe_script()
AXE_MISSING = "axe-core's script is missing: pip install -r requirements.txt (it comes with axe-playwright-python)"
# Window widths (px) at which axe-core checks every page: a phone, a tablet, a desktop.
AXE_WIDTHS = [360, 768, 1280]
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


def build(site_dir: Path, config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess:
    """`mkdocs build --strict`; the caller decides what a failure means."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=config.parent,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped for clients that accept it, as a real host serves them."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().do_GET()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed while this file was on its way (a test ended): nobody reads it now


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a built site on 127.0.0.1 in a background thread; returns its base URL and the server."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/", server


def page_paths(folder: Path) -> list[str]:
    """Every page of a built site, as paths relative to its root ("" for the home page)."""
    return sorted("" if p.parent == folder else p.parent.relative_to(folder).as_posix() + "/" for p in folder.rglob("index.html"))


def chromium_path(playwright) -> str:
    return str(CHROMIUM) if CHROMIUM.exists() else playwright.chromium.executable_path


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(playwright), args=ARGUMENTS)


# CSS that draws every part of a page now, as a reader who scrolls to it sees it drawn: the errors page's
# groups are drawn only near the screen (content-visibility: auto, docs/assets/stylesheets/extra.css).
DRAW_EVERYTHING = "* { content-visibility: visible !important; }"

# The axe rules whose outcome depends on colours: all a second colour scheme of the same page can change.
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(
    page, rules: list[str] | None = None, leave_out: list[str] | None = None, draw_everything: bool = True
) -> list[str]:
    """Run axe-core's full rule set (or only `rules`, or all but `leave_out`) on the loaded page; one line per
    violated rule. With `draw_everything` (the default) the parts not drawn yet are drawn first (see below);
    without it the page is checked as loaded, as Lighthouse checks it.

    Raises FileNotFoundError when axe-core's script is not installed (see AXE_MISSING).
    """
    if AXE is None or not AXE.exists():
        raise FileNotFoundError(AXE_MISSING)
    # docs/assets/javascripts/accessibility.js names the search dialog once the theme's script has run.
    page.wait_for_function("() => !document.querySelector('.md-search[role=dialog]:not([aria-label])')")
    # A part not drawn yet (content-visibility: auto, the errors page's groups) is checked as it will be
    # drawn: axe-core would count its contrast as incomplete, neither passed nor failed.
    if draw_everything:
        page.add_style_tag(content=DRAW_EVERYTHING)
    page.add_script_tag(path=str(AXE))
    # Only violations are read: axe then records one passing node per rule instead of every one (on numpy-habits,
    # 1.1 s to 0.7 s for the rules other than colour; 5.4 s to 4.9 s for all of them).
    options: dict = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    if leave_out:
        options["rules"] = {rule: {"enabled": False} for rule in leave_out}
    found = page.evaluate("async (options) => (await axe.run(document, options)).violations", options)
    return [f"{v['id']} ({v['impact']}): {v['help']} -- {len(v['nodes'])}x, e.g. {v['nodes'][0]['target']}" for v in found]


def skip_or_fail(reason: str):
    """Skip a browser test that cannot run here; under CI (CI=true) fail instead."""
    import pytest

    if os.environ.get("CI"):
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


def load_errors_index():
    """The errors-page build hook (hooks/errors_index.py), imported as MkDocs imports it: from its path."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("errors_index", ROOT / "hooks" / "errors_index.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["errors_index"] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module
