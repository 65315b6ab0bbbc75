"""The harness must reject every kind of wrong documented output, and say which."""

import pytest
from verdicts import assert_rejected

# Each case: a statement, a wrong documented block, and the words the report must contain.
WRONG = {
    "value": ("torch.tensor([1, 2])", "#> tensor([1, 3])", "value at index [1]: documented 3, actual 2"),
    "float value beyond printed precision": (
        "torch.tensor([1 / 3])",
        "#> tensor([0.3334])",
        "value at index [0]: documented 0.3334",
    ),
    "summarised value": ("torch.arange(10000)", "#> tensor([   0,    1,    2,  ..., 9997, 9998, 9990])", "value at index [9999]"),
    "shape": ("torch.tensor([1, 2])", "#> tensor([1, 2, 3])", "shape: documented (3,), actual (2,)"),
    "shape from torch.Size": ("torch.zeros(2, 3).shape", "#> torch.Size([3, 2])", "shape: documented (3, 2), actual (2, 3)"),
    "dtype": (
        "torch.tensor([1, 2])",
        "#> tensor([1, 2], dtype=torch.int32)",
        "dtype: documented torch.int32, actual torch.int64",
    ),
    "implied dtype": (
        "torch.from_numpy(np.eye(3)).type(torch.float32)",
        "#> tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1]])",
        "dtype: documented torch.int64 (implied: the repr shows no dtype=), actual torch.float32",
    ),
    "implied array dtype": ("np.arange(3, dtype=np.int32)", "#> array([0, 1, 2])", "dtype: documented int64 (implied"),
    "array dtype": ("np.eye(2)", "#> array([[1., 0.], [0., 1.]], dtype=float32)", "dtype: documented float32, actual float64"),
    "device": ("torch.ones(2)", "#> tensor([1., 1.], device='cuda:0')", "device: documented cuda:0, actual cpu"),
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
    "tensor against array": (
        "torch.ones(2).numpy()",
        "#> tensor([1., 1.])",
        "type: documented torch.Tensor, actual numpy.ndarray",
    ),
    "NumPy scalar type": ("np.float32(1.0)", "#> np.float64(1.0)", "type: documented numpy.float64, actual numpy.float32"),
    "Python value": ("1 + 1", "#> 3", "value: documented 3, actual 2"),
    "Python type": ("1 + 1", "#> 2.0", "type: documented float, actual int"),
    "torch dtype": ("torch.ones(1).dtype", "#> torch.float64", "dtype: documented torch.float64, actual torch.float32"),
    "tuple item": ("(torch.ones(1), 2)", "#> (tensor([1.]), 3)", "value at [1]: documented 3, actual 2"),
    "text repr": ("type(torch.ones(1))", "#> <class 'numpy.ndarray'>", "repr: documented text differs"),
    "exception type": (
        "torch.ones(1, requires_grad=True).numpy()",
        "#! raises TypeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
        "exception type: documented TypeError, actual RuntimeError",
    ),
    "exception message": (
        "torch.ones(1, requires_grad=True).numpy()",
        "#! raises RuntimeError: Can't call numpy() on this tensor.",
        "exception message differs",
    ),
    "missing exception": ("torch.ones(1).numpy()", "#! raises RuntimeError: Can't call numpy()", "missing exception"),
    "unexpected exception": ("torch.ones(1, requires_grad=True).numpy()", "", "unexpected exception"),
    "printed text": ("print('float32')", "#> float64", "printed text differs"),
    "missing output": ("x = 1", "#> 1", "missing output"),
    "undocumented output": ("torch.ones(1)", "", "undocumented output"),
    "missing warning": ("torch.ones(1)", "#! warns UserWarning: something\n#> tensor([1.])", "warnings differ"),
    "undocumented warning": ("warnings.warn('careful')", "", "warnings differ"),
}


@pytest.mark.parametrize("statement, block, reason", list(WRONG.values()), ids=list(WRONG))
def test_wrong_documented_output_is_rejected(run, statement, block, reason):
    problems = run(f"import warnings\nimport numpy as np\nimport torch\n\n{statement}\n{block}")
    assert_rejected(problems, reason)
    assert problems[0].startswith("example.py:5: ") or problems[0].startswith("example.py:6: ")


# Formatting alone never fails: these documented outputs all match.
RIGHT = {
    "one line instead of wrapped": ("torch.eye(2)", "#> tensor([[1., 0.], [0., 1.]])"),
    "printed precision": ("torch.tensor([1 / 3])", "#> tensor([0.3333])"),
    "summarised tensor": ("torch.arange(10000)", "#> tensor([   0,    1,    2,  ..., 9997, 9998, 9999])"),
    "summarised array with shape": ("np.arange(2000)", "#> array([   0,    1,    2, ..., 1997, 1998, 1999], shape=(2000,))"),
    "NumPy 2 scalar repr": ("np.float64(1.5)", "#> np.float64(1.5)"),
    "NumPy bool scalar": ("np.bool_(True)", "#> np.True_"),
    "scientific notation": ("torch.tensor([1e-8, 1.0])", "#> tensor([1.0000e-08, 1.0000e+00])"),
    "nan and inf": ("torch.tensor([float('nan'), float('-inf')])", "#> tensor([nan, -inf])"),
    "complex": ("torch.tensor([1 + 2j])", "#> tensor([1.+2.j])"),
    "bool tensor": ("torch.tensor([True, False])", "#> tensor([ True, False])"),
    "empty tensor": ("torch.tensor([])", "#> tensor([])"),
    "zero-dim tensor": ("torch.tensor(3)", "#> tensor(3)"),
    "grad_fn": ("torch.ones(2, requires_grad=True) * 2", "#> tensor([2., 2.], grad_fn=<MulBackward0>)"),
    "numpy dtype object": ("np.ones(1).dtype", "#> dtype('float64')"),
    "device object": ("torch.ones(1).device", "#> device(type='cpu')"),
    "extra spaces in printed text": ("print('a  b')", "#> a b"),
    "multi-line exception message": ("raise ValueError('first\\nsecond')", "#! raises ValueError: first\n#! second"),
    "warning with its text": ("warnings.warn('careful')", "#! warns UserWarning: careful"),
}


@pytest.mark.parametrize("statement, block", list(RIGHT.values()), ids=list(RIGHT))
def test_formatting_differences_pass(run, statement, block):
    assert run(f"import warnings\nimport numpy as np\nimport torch\n\n{statement}\n{block}") == []
