"""The NumPy modules whose public docstrings make the corpora of both runners: doctest_corpus.py converts them to
the snippet format, docstring_corpus.py reads them as they are. A fixed list: walking every submodule is slow, and
some need optional packages."""

NUMPY_MODULES = [
    "numpy",
    "numpy.linalg",
    "numpy.fft",
    "numpy.random",
    "numpy.ma",
    "numpy.polynomial",
    "numpy.polynomial.polynomial",
    "numpy.polynomial.chebyshev",
    "numpy.polynomial.legendre",
    "numpy.polynomial.hermite",
    "numpy.polynomial.hermite_e",
    "numpy.polynomial.laguerre",
    "numpy.polynomial.polyutils",
    "numpy.lib.stride_tricks",
    "numpy.lib.recfunctions",
    "numpy.lib.scimath",
    "numpy.lib.mixins",
    "numpy.char",
    "numpy.strings",
    "numpy.rec",
    "numpy.testing",
    "numpy.dtypes",
    "numpy.exceptions",
]
