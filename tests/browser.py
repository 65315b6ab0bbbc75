"""Starting Debian's Chromium for Playwright, shared by the browser tests and the diagram renderer."""

from pathlib import Path

CHROMIUM = Path("/usr/lib/chromium/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts at every start.
ARGUMENTS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMENTS)
