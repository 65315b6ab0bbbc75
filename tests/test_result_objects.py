"""Result objects (namedtuples, dataclasses, SciPy's `SignificanceResult`) are compared field by field, by meaning,
as `torch.return_types` are: a rounded field passes where the real one prints more digits; a wrong class, field
name, field order or value fails, naming the field."""

import collections
import dataclasses

import pytest
from verdicts import assert_rejected

from array_examples import compare

NAMEDTUPLE = """\
import collections
import numpy as np

Result = collections.namedtuple("Result", ["statistic", "pvalue"])
Result(np.float64(0.0057823), np.float64(0.06029))
"""
DATACLASS = """\
import dataclasses
import numpy as np

@dataclasses.dataclass
class Fit:
    slope: float
    counts: np.ndarray

Fit(0.25, np.arange(3))
"""
# SciPy's result objects are tuples of their first fields with more fields beside (_extra_fields); their repr
# shows them all. This class is built the same way, so the suite needs no SciPy.
TUPLE_BUNCH = """\
import numpy as np

class TtestResult(tuple):
    _fields = ("statistic", "pvalue")
    _extra_fields = ("df",)

    def __new__(cls, statistic, pvalue, df):
        self = super().__new__(cls, (statistic, pvalue))
        self.df = df
        return self

    statistic = property(lambda self: self[0])
    pvalue = property(lambda self: self[1])

    def __repr__(self):
        return f"TtestResult(statistic={self.statistic!r}, pvalue={self.pvalue!r}, df={self.df!r})"

TtestResult(np.float64(-1.1399408934860225), np.float64(0.2977636793347245), np.float64(6.0))
"""

# A class that declares no fields prints keywords that need not be its attributes (nn.Linear's bias=True).
MODULE = """\
import torch

torch.nn.Linear(2, 1)
"""

RIGHT = {
    "a class without declared fields, as printed": (MODULE, "#> Linear(in_features=2, out_features=1, bias=True)"),
    "namedtuple rounded as printed": (NAMEDTUPLE, "#> Result(statistic=np.float64(0.005782), pvalue=np.float64(0.0603))"),
    "namedtuple in full": (NAMEDTUPLE, "#> Result(statistic=np.float64(0.0057823), pvalue=np.float64(0.06029))"),
    "dataclass": (DATACLASS, "#> Fit(slope=0.25, counts=array([0, 1, 2]))"),
    "SciPy-style result with an extra field": (
        TUPLE_BUNCH,
        "#> TtestResult(statistic=np.float64(-1.13994), pvalue=np.float64(0.29776), df=np.float64(6.0))",
    ),
}

WRONG = {
    "a class without declared fields, misprinted": (
        MODULE,
        "#> Linear(in_features=3, out_features=1, bias=True)",
        "value: documented Linear(in_features=3, out_features=1, bias=True), actual Linear(in_features=2",
    ),
    "a digit": (NAMEDTUPLE, "#> Result(statistic=np.float64(0.005792), pvalue=np.float64(0.0603))", "value at statistic"),
    "720 for 721": (DATACLASS, "#> Fit(slope=0.26, counts=array([0, 1, 2]))", "value at slope: documented 0.26"),
    "a flipped sign": (
        TUPLE_BUNCH,
        "#> TtestResult(statistic=np.float64(1.13994), pvalue=np.float64(0.29776), df=np.float64(6.0))",
        "value at statistic",
    ),
    "a renamed field": (
        NAMEDTUPLE,
        "#> Result(stat=np.float64(0.005782), pvalue=np.float64(0.0603))",
        "fields: documented ['stat', 'pvalue'], actual ['statistic', 'pvalue']",
    ),
    "a dropped field": (
        TUPLE_BUNCH,
        "#> TtestResult(statistic=np.float64(-1.13994), pvalue=np.float64(0.29776))",
        "fields: documented ['statistic', 'pvalue'], actual ['statistic', 'pvalue', 'df']",
    ),
    "fields out of order": (
        NAMEDTUPLE,
        "#> Result(pvalue=np.float64(0.0603), statistic=np.float64(0.005782))",
        "fields: documented ['pvalue', 'statistic']",
    ),
    "another class": (
        NAMEDTUPLE,
        "#> Outcome(statistic=np.float64(0.005782), pvalue=np.float64(0.0603))",
        "type: documented Outcome, actual __main__.Result",
    ),
    "int for float": (DATACLASS, "#> Fit(slope=0.25, counts=array([0., 1., 2.]))", "at counts"),
    "a shape": (DATACLASS, "#> Fit(slope=0.25, counts=array([0, 1]))", "shape at counts"),
    "a plain tuple documented": (NAMEDTUPLE, "#> (np.float64(0.005782), np.float64(0.0603))", "type"),
    "a NumPy scalar as a Python float": (
        NAMEDTUPLE,
        "#> Result(statistic=0.005782, pvalue=0.0603)",
        "type at statistic",
    ),
}


@pytest.mark.parametrize("code, block", RIGHT.values(), ids=RIGHT.keys())
def test_a_result_object_documented_by_meaning_passes(run, code, block):
    assert run(code + block + "\n") == []


@pytest.mark.parametrize("code, block, reason", WRONG.values(), ids=WRONG.keys())
def test_a_wrong_result_object_is_rejected_naming_the_field(run, code, block, reason):
    assert_rejected(run(code + block + "\n"), reason)


def test_declared_fields_of_namedtuples_dataclasses_and_match_args():
    Pair = collections.namedtuple("Pair", "a b")

    @dataclasses.dataclass
    class Shown:
        a: int
        hidden: int = dataclasses.field(default=0, repr=False)

    class Matched:
        __match_args__ = ("x", "y")

    assert compare.declared_fields(Pair(1, 2)) == ["a", "b"]
    assert compare.declared_fields(Shown(1)) == ["a"]
    assert compare.declared_fields(Matched()) == ["x", "y"]
    assert compare.declared_fields(object()) is None
