"""pytest-array-examples: test documentation examples whose outputs are NumPy arrays or PyTorch tensors.

Installing the package activates the pytest plugin (`array_examples.plugin`, a `pytest11` entry point).
The reference is the page "Test your own documentation this way" (docs/test-your-docs.md in the repository).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pytest-array-examples")
except PackageNotFoundError:  # run from a checkout that is not installed
    __version__ = "0+unknown"
