"""Every element and every dimension the documented text shows is checked, and nothing the real object
would print differently is accepted: one mutation test per rule (a wrong output rejected with its reason),
beside the valid outputs each rule must keep accepting."""

import numpy as np
import pytest
from verdicts import assert_rejected

from array_examples import compare

PRELUDE = "import numpy as np\nimport torch\n\n"

# Each case: the statements (the last one's output is documented), a wrong documented block, the words of the reason.
WRONG = {
    # 1. No absolute tolerance floor: a tiny value is checked like any other.
    "tiny value as 0.": ("np.array([5e-13])", "#> array([0.])", "value at index [0]: documented 0., actual 5e-13"),
    "tiny value as 0.0": ("np.array([5e-13])", "#> array([0.0])", "value at index [0]: documented 0.0, actual 5e-13"),
    "tiny tensor value as 0.0000": (
        "torch.tensor([5e-13, 1e-12])",
        "#> tensor([0.0000, 0.0000])",
        "value at index [0]: documented 0.0000",
    ),
    "tiny NumPy scalar": ("np.float64(5e-13)", "#> np.float64(0.0)", "value: documented 0.0, actual 5e-13"),
    "tiny value, wrong digit": ("np.array([1.5e-7])", "#> array([1.4e-07])", "value at index [0]: documented 1.4e-07"),
    "1. is not 1.3": ("np.array([1.3, 2.0])", "#> array([1. , 2. ])", "value at index [0]: documented 1."),
    "more digits than torch prints": (
        "torch.tensor([1.00001, 2.0])",
        "#> tensor([1., 2.])",
        "value at index [0]: documented 1., actual 1.0000",
    ),
    "beyond the real repr's digits": (
        "np.array([1 + 4e-9, 0.5])",
        "#> array([1.0000001, 0.5])",
        "value at index [0]: documented 1.0000001",
    ),
    "Python float is exact": ("1 / 3", "#> 0.3333", "value: documented 0.3333"),
    # 2. Signed zero: a reader sees -0.
    "tensor -0. as 0.": ("torch.tensor([-0.0])", "#> tensor([0.])", "value at index [0]: documented 0., actual -0.0"),
    "tensor 0. as -0.": ("torch.tensor([0.0])", "#> tensor([-0.])", "value at index [0]: documented -0., actual 0.0"),
    "array -0. as 0.": ("np.array([-0.0, 1.5])", "#> array([0. , 1.5])", "value at index [0]: documented 0., actual -0.0"),
    "NumPy scalar -0.0": ("np.float64(-0.0)", "#> np.float64(0.0)", "value: documented 0.0, actual -0.0"),
    "Python -0.0": ("-0.0", "#> 0.0", "value: documented 0.0, actual -0.0"),
    "imaginary -0.": ("torch.tensor([complex(1, -0.0)])", "#> tensor([1.+0.j])", "value at index [0]: documented 1.+0.j"),
    # 3. Ragged documented values, at every level.
    "ragged second row": ("np.arange(4).reshape(2, 2)", "#> array([[0, 1], [2]])", "ragged values"),
    "ragged inner level": ("np.arange(8).reshape(2, 2, 2)", "#> array([[[0, 1], [2, 3]], [[4, 5], [6]]])", "ragged values"),
    "row against number": ("torch.arange(4).reshape(2, 2)", "#> tensor([[0, 1], 2])", "ragged values"),
    # 4. A summary (...) only where the real repr summarises.
    "summary of 4 elements": (
        "torch.tensor([0, 1, 99, 5])",
        "#> tensor([0, 1, ..., 5])",
        "summary: documented a summary (...), but the real tensor has 4 elements there and prints them all",
    ),
    "array summary of 4 elements": ("np.arange(4)", "#> array([0, ..., 3])", "summary: documented a summary (...)"),
    "summary in the wrong dimension": (
        # NumPy summarises only dimensions longer than 2 * edgeitems: these 5 rows print in full.
        "np.arange(5000).reshape(5, 1000)",
        "#> array([[0, 1, 2, ..., 997, 998, 999], [1000, 1001, 1002, ..., 1997, 1998, 1999], ..., [4000, 4001, 4002, ..., 4997, 4998, 4999]])",
        "summary: documented a summary (...), but the real array has 5 elements there and prints them all",
    ),
    "summary under a raised threshold": (
        "np.set_printoptions(threshold=100000)\nnp.arange(2000)",
        "#> array([   0,    1,    2, ..., 1997, 1998, 1999])",
        "summary: documented a summary (...), but the real array has 2000 elements there and prints them all",
    ),
    "element hidden by a summary is wrong": (
        "torch.tensor([0, 1, 2, 3, 4, 5, 6, 7])",
        "#> tensor([0, 1, 2, ..., 5, 6, 7])",
        "summary: documented a summary (...), but the real tensor has 8 elements",
    ),
    "summary that cannot be checked": (
        "np.set_printoptions(formatter={'int': lambda x: f'<{x}>'})\nnp.arange(2000)",
        "#> array([0, 1, 2, ..., 1997, 1998, 1999])",
        "summary: cannot check the summary (...): the real repr could not be read",
    ),
    "values against shape=": ("np.arange(2000)", "#> array([0, 1, 2], shape=(2000,))", "shape: documented (3,), actual (2000,)"),
    "two summaries in one row": ("torch.arange(10000)", "#> tensor([0, ..., 5000, ..., 9999])", "more than one ..."),
    # 10. The implied dtype follows the default dtype in force.
    "implied dtype after set_default_dtype": (
        "torch.set_default_dtype(torch.float64)\ntorch.tensor([1.5], dtype=torch.float32)",
        "#> tensor([1.5000])",
        "dtype: documented torch.float64 (implied: the repr shows no dtype=), actual torch.float32; the default dtype is torch.float64",
    ),
    "implied complex dtype after set_default_dtype": (
        "torch.set_default_dtype(torch.float64)\ntorch.tensor([1j], dtype=torch.complex64)",
        "#> tensor([0.+1.j])",
        "dtype: documented torch.complex128 (implied",
    ),
    "implied complex64 by default": (
        "torch.tensor([1j], dtype=torch.complex128)",
        "#> tensor([0.+1.j])",
        "dtype: documented torch.complex64 (implied",
    ),
    "NumPy prints dtype= for longlong": ("np.array([1], dtype=np.longlong)", "#> array([1])", "dtype: documented int64 (implied"),
    "NumPy prints dtype= for big-endian": (
        "np.array([1, 2], dtype='>i8')",
        "#> array([1, 2])",
        "dtype: documented int64 (implied",
    ),
    # 21. A trailing comment is ignored, in the structured comparison and in the text fallback alike; the rest is not.
    "wrong value with a comment": (
        "np.arange(3)",
        "#> array([0, 1, 3])  # may vary",
        "value at index [2]: documented 3, actual 2",
    ),
    "wrong text with a comment": ("type(np.arange(3))", "#> <class 'list'>  # may vary", "repr: documented text differs"),
    "custom formatter, other text": (
        "np.set_printoptions(formatter={'int': hex})\nnp.array([1, 10])",
        "#> array([0x1, 0xb])",
        "value at index [1]: documented 0xb, actual 10",
    ),
}


@pytest.mark.parametrize("statements, block, reason", list(WRONG.values()), ids=list(WRONG))
def test_wrong_output_is_rejected_with_its_reason(run, statements, block, reason):
    problems = run(f"{PRELUDE}{statements}\n{block}")
    assert_rejected(problems, reason)
    assert all(problem.startswith("example.py:") for problem in problems)


# What each rule must keep accepting: real outputs, and true claims written differently.
RIGHT = {
    "NumPy prints 1. for 1.000000004": ("np.array([1 + 4e-9, 0.5])", "#> array([1. , 0.5])"),
    "the same, written with more digits": ("np.array([1 + 4e-9, 0.5])", "#> array([1.00000000, 0.50000000])"),
    "torch prints 4 decimals": ("torch.tensor([1.00001, 1 / 3])", "#> tensor([1.0000, 0.3333])"),
    "fewer digits than printed, still true": ("torch.tensor([1 / 3])", "#> tensor([0.33])"),
    "precision from the print options": ("np.set_printoptions(precision=3)\nnp.array([1 / 3])", "#> array([0.333])"),
    "tiny value as printed": ("np.array([5e-13])", "#> array([5.e-13])"),
    "tiny value under suppress": ("np.set_printoptions(suppress=True)\nnp.array([5e-13, 1.0])", "#> array([0., 1.])"),
    "float32 scalar digits": ("np.float32(0.1)", "#> np.float32(0.1)"),
    "float32 array in scientific notation": (
        "np.array([1e-8, 1], dtype=np.float32)",
        "#> array([1.e-08, 1.e+00], dtype=float32)",
    ),
    "signed zero": ("torch.tensor([-0.0, 0.0])", "#> tensor([-0., 0.])"),
    "signed zero in scientific notation": ("torch.tensor([-0.0, 1e-20])", "#> tensor([-0.0000e+00,  1.0000e-20])"),
    "summary under a lowered threshold": (
        "torch.set_printoptions(threshold=5)\ntorch.arange(10)",
        "#> tensor([0, 1, 2, ..., 7, 8, 9])",
    ),
    "summary of the rows of a 5 x 1000 array": (
        "np.arange(5000).reshape(5, 1000)",
        "#> array([[0, 1, 2, ..., 997, 998, 999], [1000, 1001, 1002, ..., 1997, 1998, 1999], [2000, 2001, 2002, ..., 2997, 2998, 2999],"
        " [3000, 3001, 3002, ..., 3997, 3998, 3999], [4000, 4001, 4002, ..., 4997, 4998, 4999]])",
    ),
    "summary of rows": (
        "np.arange(2000).reshape(1000, 2)",
        "#> array([[   0,    1], [   2,    3], [   4,    5], ..., [1994, 1995], [1996, 1997], [1998, 1999]])",
    ),
    "no edge items": ("torch.set_printoptions(edgeitems=0)\ntorch.arange(2000)", "#> tensor([...], size=(2000,))"),
    "empty with its size": ("torch.zeros(2, 0)", "#> tensor([], size=(2, 0))"),
    "implied float64 after set_default_dtype": (
        "torch.set_default_dtype(torch.float64)\ntorch.tensor([1.5])",
        "#> tensor([1.5000])",
    ),
    "implied complex128 after set_default_dtype": (
        "torch.set_default_dtype(torch.float64)\ntorch.tensor([1j])",
        "#> tensor([0.+1.j])",
    ),
    "float32 shown after set_default_dtype": (
        "torch.set_default_dtype(torch.float64)\ntorch.tensor([1.5], dtype=torch.float32)",
        "#> tensor([1.5000], dtype=torch.float32)",
    ),
    "structured output with a comment": ("np.arange(3)", "#> array([0, 1, 2])  # may vary"),
    "text output with a comment": ("type(np.arange(3))", "#> <class 'numpy.ndarray'>  # may vary"),
    "custom formatter, exact text": (
        "np.set_printoptions(formatter={'float': lambda x: f'<{x:.1f}>'})\nnp.array([1.5, 2.25])",
        "#> array([<1.5>, <2.2>])",
    ),
    "custom formatter, exact text over two lines": (
        "np.set_printoptions(formatter={'float': lambda x: f'<{x:.1f}>'}, linewidth=20)\nnp.array([1.5, 2.25, 3.0])",
        "#> array([<1.5>, <2.2>,\n#>        <3.0>])",
    ),
    "custom formatter read as numbers": (
        "np.set_printoptions(formatter={'int': hex})\nnp.array([1, 10])",
        "#> array([0x1, 0xa])",
    ),
}


@pytest.mark.parametrize("statements, block", list(RIGHT.values()), ids=list(RIGHT))
def test_true_output_is_accepted(run, statements, block):
    assert run(f"{PRELUDE}{statements}\n{block}") == []


def test_a_value_that_once_crashed_the_comparator_is_compared(run):
    # np.timedelta64 raised TypeError inside the harness; now it is read and compared, and the next output still checked.
    problems = run(f"{PRELUDE}np.mean(np.array([1, 3], dtype='timedelta64[D]'))\n#> np.timedelta64(3,'D')\n1 + 1\n#> 3")
    assert len(problems) == 2, problems
    assert "value: documented " in problems[0] and "timedelta64(3,'D'), actual " in problems[0], problems
    assert "value: documented 3, actual 2" in problems[1]


def test_an_unexpected_error_in_the_comparator_is_reported_not_raised(monkeypatch):
    def broken(*args):
        raise TypeError("no comparison for this")

    monkeypatch.setattr(compare, "difference", broken)
    assert compare.compare_value("array([1, 2])", np.array([1, 3])) == ["cannot compare: TypeError: no comparison for this"]


def test_a_value_whose_repr_fails_is_reported_not_raised():
    class Unprintable:
        def __repr__(self):
            raise RuntimeError("no repr")

    assert compare.compare_value("Unprintable()", Unprintable()) == [
        "cannot compare: repr() of the actual value raised RuntimeError: no repr"
    ]


def test_compare_does_not_import_torch():
    # A NumPy-only project uses the plugin without torch: the comparator must not pull it in.
    import subprocess
    import sys

    code = "import sys, array_examples.compare, array_examples.reprs; print('torch' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
