"""Comparison rules: a documented repr is compared with the real object by meaning, field by field.

Per rule (named as in docs/test-your-docs.md, "Rules by name"), wrong documented outputs that must be rejected
with their reason, and true ones, written as Python prints them or otherwise, that must keep passing. The
documented texts are real reprs (NumPy 2.4.6 and 1.26.4, torch 2.13) with one claim changed.
"""

import numpy as np
import pytest
from rules import cases, rule
from verdicts import assert_rejected

from array_examples import compare, reprs

PRELUDE = "import numpy as np\nimport torch\n\n"  # the statements start on line 4
NUMPY_MAJOR = int(np.__version__.split(".")[0])

# rule: {case: (the statements, the last one's output documented; a wrong documented block; the words of the reason)}
WRONG = {
    "type": {
        "tensor against array": (
            "torch.ones(2).numpy()",
            "#> tensor([1., 1.])",
            "type: documented torch.Tensor, actual numpy.ndarray",
        ),
        "NumPy scalar type": ("np.float32(1.0)", "#> np.float64(1.0)", "type: documented numpy.float64, actual numpy.float32"),
        "Python type": ("1 + 1", "#> 2.0", "type: documented float, actual int"),
        "set for a frozenset": ("frozenset({'apple'})", "#> {'apple'}", "type: documented set, actual frozenset"),
    },
    "dtype": {
        "tensor dtype": (
            "torch.tensor([1, 2])",
            "#> tensor([1, 2], dtype=torch.int32)",
            "dtype: documented torch.int32, actual torch.int64",
        ),
        "array dtype": (
            "np.eye(2)",
            "#> array([[1., 0.], [0., 1.]], dtype=float32)",
            "dtype: documented float32, actual float64",
        ),
        "torch dtype object": (
            "torch.ones(1).dtype",
            "#> torch.float64",
            "dtype: documented torch.float64, actual torch.float32",
        ),
    },
    "implied dtype": {
        "tensor": (
            "torch.from_numpy(np.eye(3)).type(torch.float32)",
            "#> tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1]])",
            "dtype: documented torch.int64 (implied: the repr shows no dtype=), actual torch.float32",
        ),
        "array": ("np.arange(3, dtype=np.int32)", "#> array([0, 1, 2])", "dtype: documented int64 (implied"),
        "after set_default_dtype": (
            "torch.set_default_dtype(torch.float64)\ntorch.tensor([1.5], dtype=torch.float32)",
            "#> tensor([1.5000])",
            "dtype: documented torch.float64 (implied: the repr shows no dtype=), actual torch.float32; the default dtype is torch.float64",
        ),
        "complex after set_default_dtype": (
            "torch.set_default_dtype(torch.float64)\ntorch.tensor([1j], dtype=torch.complex64)",
            "#> tensor([0.+1.j])",
            "dtype: documented torch.complex128 (implied",
        ),
        "complex64 by default": (
            "torch.tensor([1j], dtype=torch.complex128)",
            "#> tensor([0.+1.j])",
            "dtype: documented torch.complex64 (implied",
        ),
        "NumPy prints dtype= for longlong": (
            "np.array([1], dtype=np.longlong)",
            "#> array([1])",
            "dtype: documented int64 (implied",
        ),
        "NumPy prints dtype= for big-endian": (
            "np.array([1, 2], dtype='>i8')",
            "#> array([1, 2])",
            "dtype: documented int64 (implied",
        ),
    },
    "shape": {
        "tensor": ("torch.tensor([1, 2])", "#> tensor([1, 2, 3])", "shape: documented (3,), actual (2,)"),
        "torch.Size": ("torch.zeros(2, 3).shape", "#> torch.Size([3, 2])", "shape: documented (3, 2), actual (2, 3)"),
        "values against shape=": (
            "np.arange(2000)",
            "#> array([0, 1, 2], shape=(2000,))",
            "shape: documented (3,), actual (2000,)",
        ),
    },
    "device": {
        "cuda for a CPU tensor": (
            "torch.ones(2)",
            "#> tensor([1., 1.], device='cuda:0')",
            "device: documented cuda:0, actual cpu",
        ),
        "values for a meta tensor": (
            "torch.empty(2, device='meta')",
            "#> tensor([0., 0.], device='meta', size=(2,))",
            "values: documented values, but the real tensor is on the meta device",
        ),
    },
    "requires_grad and grad_fn": {
        "requires_grad documented, absent": (
            "torch.ones(2)",
            "#> tensor([1., 1.], requires_grad=True)",
            "requires_grad: documented True, actual False",
        ),
        "requires_grad present, undocumented": (
            "torch.ones(2, requires_grad=True)",
            "#> tensor([1., 1.])",
            "requires_grad: documented False, actual True",
        ),
        "grad_fn": (
            "torch.ones(2, requires_grad=True) * 2",
            "#> tensor([2., 2.], grad_fn=<AddBackward0>)",
            "grad_fn: documented AddBackward0, actual MulBackward0",
        ),
        # requires_grad=False was read as a claim that the tensor requires grad, whatever its value.
        "requires_grad=False for a tensor that requires grad": (
            "torch.tensor([1.0, 2.0], requires_grad=True)",
            "#> tensor([1., 2.], requires_grad=False)",
            "requires_grad: documented False, actual True",
        ),
        "requires_grad=False beside a grad_fn": (
            "torch.tensor([1.0, 2.0], requires_grad=True) * 2",
            "#> tensor([2., 4.], grad_fn=<MulBackward0>, requires_grad=False)",
            "requires_grad: documented False, actual True",
        ),
    },
    "exact integers": {
        "tensor value": ("torch.tensor([1, 2])", "#> tensor([1, 3])", "value at index [1]: documented 3, actual 2"),
        "Python value": ("1 + 1", "#> 3", "value: documented 3, actual 2"),
        "tuple item": ("(torch.ones(1), 2)", "#> (tensor([1.]), 3)", "value at [1]: documented 3, actual 2"),
        # Integers beyond 2**53 are compared exactly, not as floats that round together.
        "large uint64 off by one": (
            "np.array([2**63], dtype=np.uint64)",
            "#> array([9223372036854775809], dtype=uint64)",
            "value at index [0]: documented 9223372036854775809, actual 9223372036854775808",
        ),
        "large int64 tensor off by one": (
            "torch.tensor([2**62 + 1])",
            "#> tensor([4611686018427387904])",
            "value at index [0]: documented 4611686018427387904, actual 4611686018427387905",
        ),
        "large NumPy integer scalar off by one": (
            "np.uint64(2**63)",
            "#> np.uint64(9223372036854775809)" if NUMPY_MAJOR >= 2 else "#> 9223372036854775809",
            "value: documented 9223372036854775809, actual 9223372036854775808",
        ),
    },
    "printed digits": {
        # No absolute tolerance floor: a tiny value is checked like any other.
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
        "float value beyond printed precision": (
            "torch.tensor([1 / 3])",
            "#> tensor([0.3334])",
            "value at index [0]: documented 0.3334",
        ),
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
        # NumPy prints `1.` for 1.000000004 and 1.0004 (under precision=3): a documented 1.000000000000 or 1.0000
        # claims digits the real repr does not print, and they are false.
        "digits beyond NumPy's `1.`": (
            "np.array([1 + 4e-9, 0.5])",
            "#> array([1.000000000000, 0.5])",
            "value at index [0]: documented 1.000000000000, actual 1.000000004",
        ),
        "digits beyond NumPy's `1.` under precision=3": (
            "np.set_printoptions(precision=3)\nnp.array([1.0004, 0.5])",
            "#> array([1.0000, 0.5])",
            "value at index [0]: documented 1.0000, actual 1.0004",
        ),
        "digits beyond NumPy's `1.e-10`": (
            "np.array([1.0000000149e-10, 1.5])",
            "#> array([1.00000000000000e-10, 1.50000000000000e+00])",
            "value at index [0]: documented 1.00000000000000e-10",
        ),
        # np.longdouble's extra digits were compared as a float's.
        "np.longdouble off in its 20th digit": (
            "np.longdouble(1) / 3",
            "#> np.longdouble('0.33333333333333333330')" if NUMPY_MAJOR >= 2 else "#> 0.33333333333333333330",
            "value: documented 0.33333333333333333330",
        ),
        "np.longdouble documented as the float64 nearest": (
            "np.longdouble(1) / 3",
            "#> np.longdouble('0.33333333333333331483')" if NUMPY_MAJOR >= 2 else "#> 0.33333333333333331483",
            "value: documented 0.33333333333333331483",
        ),
        "longdouble array element off in its 20th digit": (
            "np.array([1], dtype=np.longdouble) / 3",
            "#> array([0.33333333333333333330], dtype=float128)",
            "value at index [0]: documented 0.33333333333333333330",
        ),
        "np.clongdouble real part off in its 20th digit": (
            "np.clongdouble(1) / 3 + 1j",
            "#> np.clongdouble('0.33333333333333333330+1j')" if NUMPY_MAJOR >= 2 else "#> (0.33333333333333333330+1j)",
            "value: documented ",
        ),
        "np.longdouble below float's range as 0.0": (
            "np.longdouble('1e-4000')",
            "#> np.longdouble('0.0')" if NUMPY_MAJOR >= 2 else "#> 0.0",
            "value: documented 0.0",
        ),
        # Digits finer than a float holds were compared as the float they round to.
        "17th digit of a float64 off": (
            "np.array([1 / 3, 1.0])",
            "#> array([0.33333333333333330, 1.        ])",
            "value at index [0]: documented 0.33333333333333330",
        ),
    },
    # NumPy and torch print `0.` only for floats and `0` only for integers: the value is equal, but a reader
    # sees the other kind of number.
    "number kind": {
        "float text in an int64 array": (
            "np.arange(2)",
            "#> array([0., 1.], dtype=int64)",
            "value at index [0]: documented 0., actual 0",
        ),
        "int text in a float32 array": (
            "np.array([1, 2], dtype=np.float32)",
            "#> array([1, 2], dtype=float32)",
            "value at index [0]: documented 1, actual 1.0",
        ),
        "float text in an int32 tensor": (
            "torch.tensor([1, 2], dtype=torch.int32)",
            "#> tensor([1., 2.], dtype=torch.int32)",
            "value at index [0]: documented 1., actual 1",
        ),
        "float text in a 0-d int64 tensor": ("torch.tensor(1)", "#> tensor(1., dtype=torch.int64)", "documented 1., actual 1"),
        "real text in a complex array": (
            "np.array([1, 2], dtype=np.complex64)",
            "#> array([1., 2.], dtype=complex64)",
            "value at index [0]: documented 1., actual (1+0j)",
        ),
        "int text for a NumPy float scalar": (
            "np.float64(1.0)",
            "#> np.float64(1)" if NUMPY_MAJOR >= 2 else "#> 1",
            "documented 1, actual 1.0" if NUMPY_MAJOR >= 2 else "type: documented int, actual numpy.float64",
        ),
        "float text for a NumPy int scalar": (
            "np.int64(1)",
            "#> np.int64(1.0)" if NUMPY_MAJOR >= 2 else "#> 1.0",
            "documented 1.0, actual 1" if NUMPY_MAJOR >= 2 else "type: documented float, actual numpy.int64",
        ),
    },
    "signed zero": {
        "tensor -0. as 0.": ("torch.tensor([-0.0])", "#> tensor([0.])", "value at index [0]: documented 0., actual -0.0"),
        "tensor 0. as -0.": ("torch.tensor([0.0])", "#> tensor([-0.])", "value at index [0]: documented -0., actual 0.0"),
        "array -0. as 0.": ("np.array([-0.0, 1.5])", "#> array([0. , 1.5])", "value at index [0]: documented 0., actual -0.0"),
        "NumPy scalar -0.0": ("np.float64(-0.0)", "#> np.float64(0.0)", "value: documented 0.0, actual -0.0"),
        "Python -0.0": ("-0.0", "#> 0.0", "value: documented 0.0, actual -0.0"),
        "imaginary -0.": ("torch.tensor([complex(1, -0.0)])", "#> tensor([1.+0.j])", "value at index [0]: documented 1.+0.j"),
        # Python prints (-0+2j) for a negative zero real part; `2j` hides the sign a reader sees.
        "complex -0 real part as 2j": ("complex(-0.0, 2)", "#> 2j", "value: documented 2j, actual (-0+2j)"),
        "complex -0 real part in a tuple": ("(complex(-0.0, 2), 1)", "#> (2j, 1)", "value at [0]: documented 2j"),
        # Signs nothing prints: an integer zero and a NaN print without a sign.
        "-0 in an int64 tensor": ("torch.tensor([0, 1])", "#> tensor([-0, 1])", "value at index [0]: documented -0, actual 0"),
        "-0 in an int array": ("np.array([0, 1])", "#> array([-0, 1])", "value at index [0]: documented -0, actual 0"),
        "-0 for a Python int": ("0", "#> -0", "value: documented -0, actual 0"),
        "-nan in a float array": (
            "np.array([np.nan, 1.5])",
            "#> array([-nan, 1.5])",
            "value at index [0]: documented -nan, actual nan",
        ),
        "-nan in a complex tensor": (
            "torch.tensor([complex(float('nan'), 1)])",
            "#> tensor([-nan+1.j])",
            "value at index [0]: documented -nan+1.j",
        ),
    },
    "summary": {
        "summarised value": (
            "torch.arange(10000)",
            "#> tensor([   0,    1,    2,  ..., 9997, 9998, 9990])",
            "value at index [9999]",
        ),
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
        "two summaries in one row": ("torch.arange(10000)", "#> tensor([0, ..., 5000, ..., 9999])", "more than one ..."),
        # `...` in place of all the values is what a meta tensor prints; for any other tensor it hides every value.
        "tensor(...) for a tensor with values": ("torch.tensor([1., 2.])", "#> tensor(...)", "summary: documented ... for all"),
        "tensor(..., size=) for a tensor with values": (
            "torch.tensor([1., 2.])",
            "#> tensor(..., size=(2,))",
            "summary: documented ... for all",
        ),
        "tensor(...) for a 0-d tensor": ("torch.tensor(5.)", "#> tensor(...)", "summary: documented ... for all"),
        "array(...) for a 0-d array": ("np.array(5.)", "#> array(...)", "summary: documented ... for all"),
    },
    "sets in any order": {
        "set with another element": ("{'apple', 'banana'}", "#> {'cherry', 'apple'}", "value: documented {"),
        "set with an element of another type": ("{1.0, 2}", "#> {1, 2}", "value: documented {1, 2}, actual {1.0, 2}"),
        "set of NumPy strings with another element": (
            "set(np.array(['apple', 'banana']))",
            "#> {np.str_('banana'), np.str_('cherry')}",
            "value: documented item 1 (numpy.str_('cherry')) matches no item of the real set",
        ),
        "set of NumPy floats with an element of another type": (
            "{np.float64(1.5), np.float64(2.0)}",
            "#> {np.float64(1.5), np.float32(2.0)}",
            "value: documented item 1 (numpy.float32(2.0)) matches no item of the real set",
        ),
    },
    "exact text": {
        "text repr": ("type(torch.ones(1))", "#> <class 'numpy.ndarray'>", "repr: documented text differs"),
        "custom formatter, other text": (
            "np.set_printoptions(formatter={'int': hex})\nnp.array([1, 10])",
            "#> array([0x1, 0xb])",
            "value at index [1]: documented 0xb, actual 10",
        ),
        # The text is exactly what the REPL shows, but it claims a type the object does not have.
        "a class named tensor": (
            "class tensor:\n    def __repr__(self):\n        return 'tensor([1, 2])'\n\n\ntensor()",
            "#> tensor([1, 2])",
            "type: documented torch.Tensor",
        ),
        "an object whose repr reads as an array": (
            "class Table:\n    def __repr__(self):\n        return 'array([1, 2])'\n\n\nTable()",
            "#> array([1, 2])",
            "type: documented numpy.ndarray",
        ),
        "a list whose repr reads as torch.Size": (
            "class Dims(list):\n    def __repr__(self):\n        return 'torch.Size([2])'\n\n\nDims([2])",
            "#> torch.Size([2])",
            "type: documented ",
        ),
    },
    # A trailing comment is ignored, in the structured comparison and in the text fallback alike; the rest is not.
    "trailing comment": {
        "wrong value with a comment": (
            "np.arange(3)",
            "#> array([0, 1, 3])  # may vary",
            "value at index [2]: documented 3, actual 2",
        ),
        "wrong text with a comment": ("type(np.arange(3))", "#> <class 'list'>  # may vary", "repr: documented text differs"),
    },
}
if NUMPY_MAJOR >= 2:
    WRONG["signed zero"]["NumPy complex scalar -0 real part"] = (
        "np.complex128(complex(-0.0, 2))",
        "#> np.complex128(2j)",
        "value: documented 2j, actual (-0+2j)",
    )
    # NumPy 1.26 prints a bare 0.3333333333333333: a Python literal, which claims the float it reads as.
    WRONG["printed digits"]["17th digit of a NumPy float64 scalar off"] = (
        "np.float64(1 / 3)",
        "#> np.float64(0.33333333333333330)",
        "value: documented 0.33333333333333330",
    )


@pytest.mark.parametrize("statements, block, reason", cases(WRONG))
def test_wrong_output_is_rejected_with_its_reason(run, statements, block, reason):
    problems = run(f"{PRELUDE}{statements}\n{block}")
    assert_rejected(problems, reason)
    block_line = PRELUDE.count("\n") + statements.count("\n") + 2
    assert problems[0].startswith(f"example.py:{block_line}: "), problems[0]


# rule: {case: (the statements, a true documented block)}
RIGHT = {
    "implied dtype": {
        "float64 array with dtype= written": ("np.array([1.5, 2.0])", "#> array([1.5, 2. ], dtype=float64)"),
        "int64 tensor with dtype= written": ("torch.tensor([1, 2])", "#> tensor([1, 2], dtype=torch.int64)"),
        "float64 after set_default_dtype": ("torch.set_default_dtype(torch.float64)\ntorch.tensor([1.5])", "#> tensor([1.5000])"),
        "complex128 after set_default_dtype": (
            "torch.set_default_dtype(torch.float64)\ntorch.tensor([1j])",
            "#> tensor([0.+1.j])",
        ),
        "float32 shown after set_default_dtype": (
            "torch.set_default_dtype(torch.float64)\ntorch.tensor([1.5], dtype=torch.float32)",
            "#> tensor([1.5000], dtype=torch.float32)",
        ),
    },
    "device": {
        "meta tensor": ("torch.empty(2, device='meta')", "#> tensor(..., device='meta', size=(2,))"),
        "device object": ("torch.ones(1).device", "#> device(type='cpu')"),
    },
    "requires_grad and grad_fn": {
        "grad_fn": ("torch.ones(2, requires_grad=True) * 2", "#> tensor([2., 2.], grad_fn=<MulBackward0>)"),
    },
    "printed digits": {
        "one line instead of wrapped": ("torch.eye(2)", "#> tensor([[1., 0.], [0., 1.]])"),
        "torch prints 4 decimals": ("torch.tensor([1.00001, 1 / 3])", "#> tensor([1.0000, 0.3333])"),
        "printed precision": ("torch.tensor([1 / 3])", "#> tensor([0.3333])"),
        "fewer digits than printed, still true": ("torch.tensor([1 / 3])", "#> tensor([0.33])"),
        "precision from the print options": ("np.set_printoptions(precision=3)\nnp.array([1 / 3])", "#> array([0.333])"),
        "tiny value as printed": ("np.array([5e-13])", "#> array([5.e-13])"),
        "tiny value under suppress": ("np.set_printoptions(suppress=True)\nnp.array([5e-13, 1.0])", "#> array([0., 1.])"),
        "float32 scalar digits": ("np.float32(0.1)", "#> np.float32(0.1)"),
        "float32 array in scientific notation": (
            "np.array([1e-8, 1], dtype=np.float32)",
            "#> array([1.e-08, 1.e+00], dtype=float32)",
        ),
        "scientific notation": ("torch.tensor([1e-8, 1.0])", "#> tensor([1.0000e-08, 1.0000e+00])"),
        "nan and inf": ("torch.tensor([float('nan'), float('-inf')])", "#> tensor([nan, -inf])"),
        "complex": ("torch.tensor([1 + 2j])", "#> tensor([1.+2.j])"),
        "NumPy's `1.` for 1.000000004": ("np.array([1 + 4e-9, 0.5])", "#> array([1. , 0.5])"),
        "NumPy's `1.` to 8 decimals, still true": ("np.array([1 + 4e-9, 0.5])", "#> array([1.00000000, 0.50000000])"),
        "NumPy's `1.` under precision=3, to 3 decimals": (
            "np.set_printoptions(precision=3)\nnp.array([1.0004, 0.5])",
            "#> array([1.000, 0.5])",
        ),
        "np.longdouble as printed": (
            "np.longdouble(1) / 3",
            "#> np.longdouble('0.33333333333333333334')" if NUMPY_MAJOR >= 2 else "#> 0.33333333333333333334",
        ),
        "longdouble array as printed": ("np.array([1], dtype=np.longdouble) / 3", "#> array([0.33333333], dtype=float128)"),
        "longdouble array to 20 digits": (
            "np.array([1], dtype=np.longdouble) / 3",
            "#> array([0.33333333333333333334], dtype=float128)",
        ),
        "np.clongdouble as printed": (
            "np.clongdouble(1) / 3 + 1j",
            "#> np.clongdouble('0.33333333333333333334+1j')" if NUMPY_MAJOR >= 2 else "#> (0.33333333333333333334+1j)",
        ),
        "longdouble nan and -inf": ("np.array([np.nan, -np.inf], dtype=np.longdouble)", "#> array([ nan, -inf], dtype=float128)"),
        "longdouble below float's range": (
            "np.array([np.longdouble('1e-4000'), 1], dtype=np.longdouble)",
            "#> array([1.e-4000, 1.e+0000], dtype=float128)",
        ),
        "17 digits of a float64, true": ("np.array([1 / 3, 1.0])", "#> array([0.33333333333333331, 1.        ])"),
        "all the digits of a float64, true": ("np.array([1 / 3, 1.0])", "#> array([0.333333333333333314829616256247, 1.])"),
        "shortest repr of a float64": (
            "np.float64(1 / 3)",
            "#> np.float64(0.3333333333333333)" if NUMPY_MAJOR >= 2 else "#> 0.3333333333333333",
        ),
    },
    "number kind": {
        "bool tensor": ("torch.tensor([True, False])", "#> tensor([ True, False])"),
        "NumPy bool scalar": ("np.bool_(True)", "#> np.True_"),
        "NumPy 2 scalar repr": ("np.float64(1.5)", "#> np.float64(1.5)"),
        "zero-dim tensor": ("torch.tensor(3)", "#> tensor(3)"),
        # torch prints a float tensor's values as integers under precision=0: the reader sees exactly that.
        "float tensor under torch precision=0": (
            "torch.set_printoptions(precision=0)\ntorch.tensor([1.4, 2.])",
            "#> tensor([1, 2])",
        ),
        "float tensor under torch precision=0, with its decimals": (
            "torch.set_printoptions(precision=0)\ntorch.tensor([0.1, 1.5])",
            "#> tensor([0.1000, 1.5000])",
        ),
    },
    "signed zero": {
        "signed zero": ("torch.tensor([-0.0, 0.0])", "#> tensor([-0., 0.])"),
        "signed zero in scientific notation": ("torch.tensor([-0.0, 1e-20])", "#> tensor([-0.0000e+00,  1.0000e-20])"),
        "torch -0. in a float tensor": ("torch.tensor([-0.0, 1.0])", "#> tensor([-0., 1.])"),
        "longdouble -0.": ("np.array([-0.0, 1.5], dtype=np.longdouble)", "#> array([-0. ,  1.5], dtype=float128)"),
        "Python's -0j": ("complex(0.0, -0.0)", "#> -0j"),
        "Python's (-0+2j)": ("complex(-0.0, 2)", "#> (-0+2j)"),
        "complex -0 real part, rewrapped in a tuple": ("(complex(-0.0, 2), 1)", "#> (\n#>   (-0+2j),\n#>   1,\n#> )"),
    },
    "summary": {
        "summarised tensor": ("torch.arange(10000)", "#> tensor([   0,    1,    2,  ..., 9997, 9998, 9999])"),
        "summarised array with shape": ("np.arange(2000)", "#> array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))"),
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
        "empty tensor": ("torch.tensor([])", "#> tensor([])"),
        "empty with its size": ("torch.zeros(2, 0)", "#> tensor([], size=(2, 0))"),
    },
    # A set of strings prints in hash order, which changes from run to run (PYTHONHASHSEED): any order is true.
    "sets in any order": {
        "set in another order": ("{'apple', 'banana', 'cherry'}", "#> {'cherry', 'apple', 'banana'}"),
        "frozenset in another order": ("frozenset({'apple', 'banana'})", "#> frozenset({'banana', 'apple'})"),
        "set inside a list": ("[{'apple', 'banana'}, 1]", "#> [{'banana', 'apple'}, 1]"),
        "set of NumPy strings in another order": (
            "set(np.array(['apple', 'banana', 'cherry']))",
            "#> {np.str_('cherry'), np.str_('apple'), np.str_('banana')}",
        ),
        "frozenset of NumPy strings in another order": (
            "frozenset(np.array(['apple', 'banana']))",
            "#> frozenset({np.str_('banana'), np.str_('apple')})",
        ),
    },
    "exact text": {
        "numpy dtype object": ("np.ones(1).dtype", "#> dtype('float64')"),
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
    },
    "trailing comment": {
        "structured output with a comment": ("np.arange(3)", "#> array([0, 1, 2])  # may vary"),
        "text output with a comment": ("type(np.arange(3))", "#> <class 'numpy.ndarray'>  # may vary"),
    },
}
if NUMPY_MAJOR >= 2:
    # NumPy 1.26 prints np.longdouble as a bare literal, which claims its value exactly.
    RIGHT["printed digits"]["np.longdouble to fewer digits"] = (
        "np.longdouble(1) / 3",
        "#> np.longdouble('0.333333333333333333')",
    )


RIGHT["dicts"] = {
    "values to printed precision": ("{'a': np.float64(0.1) + np.float64(0.2)}", "#> {'a': np.float64(0.3)}"),
    "an array value spaced otherwise": ("{'x': np.array([0.5, 1.0])}", "#> {'x': array([0.5, 1.])}"),
    "nested": ("{'a': {'b': (1, np.int32(2))}}", "#> {'a': {'b': (1, np.int32(2))}}"),
}


@pytest.mark.parametrize("statements, block", cases(RIGHT))
def test_true_output_is_accepted(run, statements, block):
    assert run(f"{PRELUDE}{statements}\n{block}") == []


@rule("signed zero")
@pytest.mark.parametrize("value", [complex(-0.0, 2), complex(-0.0, -2), np.complex128(complex(-0.0, -1.5))])
def test_negative_zero_real_part_is_read_with_its_sign(value):
    text = repr(value)
    assert "-0" in text
    assert compare.difference(reprs.parse(text), value, reprs.parse(text), "") == []


@rule("memory addresses")
def test_a_memory_address_is_not_a_claim():
    # The update writes `<object object at 0x7f...>`; the next run's object lives elsewhere.
    thing = object()
    assert compare.compare_value("<object object at 0x7f0000000000>", thing) == []
    assert compare.compare_value("(<object object at 0x7f0000000000>, 1)", (thing, 1)) == []
    assert compare.compare_value("<function f at 0x7f0000000000>", thing), "the rest of the text still counts"
    assert compare.compare_value("(<object object at 0x7f0000000000>, 2)", (thing, 1))


@rule("memory addresses")
def test_a_printed_memory_address_is_not_a_claim(run):
    assert run("print(object())\n#> <object object at 0x7f0000000000>") == []
    assert run("print(object())\n#> <object thing at 0x7f0000000000>")


@rule("exact integers")
def test_a_value_that_once_crashed_the_comparator_is_compared(run):
    # np.timedelta64 raised TypeError inside the harness; now it is read and compared, and the next output still checked.
    problems = run(f"{PRELUDE}np.mean(np.array([1, 3], dtype='timedelta64[D]'))\n#> np.timedelta64(3,'D')\n1 + 1\n#> 3")
    assert len(problems) == 2, problems
    assert "value: documented " in problems[0] and "timedelta64(3,'D'), actual " in problems[0], problems
    assert "value: documented 3, actual 2" in problems[1]


@rule("cannot compare")
def test_an_unexpected_error_in_the_comparator_is_reported_not_raised(monkeypatch):
    def broken(*args):
        raise TypeError("no comparison for this")

    monkeypatch.setattr(compare, "difference", broken)
    assert compare.compare_value("array([1, 2])", np.array([1, 3])) == ["cannot compare: TypeError: no comparison for this"]


@rule("cannot compare")
def test_a_value_whose_repr_fails_is_reported_not_raised():
    class Unprintable:
        def __repr__(self):
            raise RuntimeError("no repr")

    assert compare.compare_value("Unprintable()", Unprintable()) == [
        "cannot compare: repr() of the actual value raised RuntimeError: no repr"
    ]


def test_compare_does_not_import_torch():
    # A NumPy-only project uses the plugin without torch: the comparator must not pull it in. A fresh interpreter
    # is the point (this one has imported torch).
    import subprocess
    import sys

    code = "import sys, array_examples.compare, array_examples.reprs; print('torch' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
