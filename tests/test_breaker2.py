"""Holes found by a second round of attacks on the harness (issue 7): inputs of each kind the other tests leave out.

Each row is one input: a wrong documented output that passed, a valid documentation that failed, or an input
the harness crashed on. The documented texts are real reprs (pasted from NumPy 2.4.6 and 1.26.4 and torch 2.13,
which print these alike) with one claim changed.
"""

import numpy as np
import pytest
from verdicts import assert_rejected

pytest_plugins = ["pytester"]

PRELUDE = "import numpy as np\nimport torch\n\n"
NUMPY_MAJOR = int(np.__version__.split(".")[0])

WRONG = {
    # Kind 1/6. NumPy prints `1.` for 1.000000004 and 1.0004 (under precision=3): a documented 1.000000000000
    # or 1.0000 claims digits the real repr does not print, and they are false.
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
    # Kind 1/6 for np.longdouble: its extra digits were compared as a float's.
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
    # Kind 1: digits finer than a float holds were compared as the float they round to.
    "17th digit of a float64 off": (
        "np.array([1 / 3, 1.0])",
        "#> array([0.33333333333333330, 1.        ])",
        "value at index [0]: documented 0.33333333333333330",
    ),
    "set with another element": ("{'apple', 'banana'}", "#> {'cherry', 'apple'}", "value: documented {"),
    "set with an element of another type": ("{1.0, 2}", "#> {1, 2}", "value: documented {1, 2}, actual {1.0, 2}"),
    "set for a frozenset": ("frozenset({'apple'})", "#> {'apple'}", "type: documented set, actual frozenset"),
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
    # Kinds 1-4: a number printed as another kind of number. NumPy and torch print `0.` only for floats and
    # `0` only for integers; the value is equal, but a reader sees the other kind.
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
    # Kinds 1-4: signs nothing prints. An integer zero and a NaN print without a sign.
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
    "requires_grad=0": (
        "torch.tensor([1.0], requires_grad=True)",
        "#> tensor([1.], requires_grad=0)",
        "requires_grad= takes True or False",
    ),
    # Kind 3: dimensions are integers; torch.Size([2., 3]) and shape=(2., 3) are not what torch and NumPy print.
    "torch.Size with a float": ("torch.Size([2, 3])", "#> torch.Size([2., 3])", "torch.Size(...) takes integers"),
    "torch.Size with a bool": ("torch.Size([1, 3])", "#> torch.Size([True, 3])", "torch.Size(...) takes integers"),
    "size= with a float": ("torch.zeros(0, 3)", "#> tensor([], size=(0., 3))", "size= takes integers"),
    "shape= with a float": ("np.zeros((0, 3))", "#> array([], shape=(0., 3), dtype=float64)", "shape= takes integers"),
}

if NUMPY_MAJOR >= 2:
    # NumPy 1.26 prints a bare 0.3333333333333333: a Python literal, which claims the float it reads as.
    WRONG["17th digit of a NumPy float64 scalar off"] = (
        "np.float64(1 / 3)",
        "#> np.float64(0.33333333333333330)",
        "value: documented 0.33333333333333330",
    )


@pytest.mark.parametrize("statements, block, reason", list(WRONG.values()), ids=list(WRONG))
def test_wrong_output_is_rejected_with_its_reason(run, statements, block, reason):
    problems = run(f"{PRELUDE}{statements}\n{block}")
    assert_rejected(problems, reason)


# What the rules above must keep accepting: real reprs, and true claims written with other digits.
RIGHT = {
    "NumPy's `1.`": ("np.array([1 + 4e-9, 0.5])", "#> array([1. , 0.5])"),
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
    "longdouble -0.": ("np.array([-0.0, 1.5], dtype=np.longdouble)", "#> array([-0. ,  1.5], dtype=float128)"),
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
    # A set of strings prints in hash order, which changes from run to run (PYTHONHASHSEED): any order is true.
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
    "float64 array with dtype= written": ("np.array([1.5, 2.0])", "#> array([1.5, 2. ], dtype=float64)"),
    "int64 tensor with dtype= written": ("torch.tensor([1, 2])", "#> tensor([1, 2], dtype=torch.int64)"),
    # torch prints a float tensor's values as integers under precision=0: the reader sees exactly that.
    "float tensor under torch precision=0": ("torch.set_printoptions(precision=0)\ntorch.tensor([1.4, 2.])", "#> tensor([1, 2])"),
    "float tensor under torch precision=0, with its decimals": (
        "torch.set_printoptions(precision=0)\ntorch.tensor([0.1, 1.5])",
        "#> tensor([0.1000, 1.5000])",
    ),
    "Python's -0j": ("complex(0.0, -0.0)", "#> -0j"),
    "Python's (-0+2j)": ("complex(-0.0, 2)", "#> (-0+2j)"),
    "torch -0. in a float tensor": ("torch.tensor([-0.0, 1.0])", "#> tensor([-0., 1.])"),
}

if NUMPY_MAJOR >= 2:
    # NumPy 1.26 prints np.longdouble as a bare literal, which claims its value exactly.
    RIGHT["np.longdouble to fewer digits"] = ("np.longdouble(1) / 3", "#> np.longdouble('0.333333333333333333')")


@pytest.mark.parametrize("statements, block", list(RIGHT.values()), ids=list(RIGHT))
def test_true_output_is_accepted(run, statements, block):
    assert run(f"{PRELUDE}{statements}\n{block}") == []


# Kinds 5-13 at the REPL: what Python shows for a statement, documented as the update writes it.
VALID_REPL = {
    # Python prints a nested class by its qualified name: `Outer.Err: e` (and never `__main__.`).
    "nested exception class": (
        "class Outer:\n    class Err(Exception):\n        pass\n\n\nraise Outer.Err('e')",
        "#! raises Outer.Err: e",
    ),
    "nested exception class with its module": (
        "class Outer:\n    class Err(Exception):\n        pass\n\n\nraise Outer.Err('e')",
        "#! raises __main__.Outer.Err: e",
    ),
    "nested warning class": (
        "import warnings\n\n\nclass Outer:\n    class Note(UserWarning):\n        pass\n\n\nwarnings.warn('w', Outer.Note)",
        "#! warns Outer.Note: w",
    ),
    # Kinds 5/7: an escaped quote ended a string early when splitting a block, so one repr took the next value's lines.
    "escaped quote, then another value on the line": (
        "x = ['it\\'s \"q\"']; x; 5",
        "#> ['it\\'s \"q\"']\n#> 5",
    ),
    "escaped quote in a loop": (
        "for s in ['it\\'s \"q\"', 'b']:\n    [s]",
        "#> ['it\\'s \"q\"']\n#> ['b']",
    ),
    # A line of a triple-quoted string that starts with `#> ` is text, not a misplaced block.
    "`#> ` inside a triple-quoted string": ('text = """\n#> not a block\n"""\nlen(text)', "#> 16"),
    "`#> ` inside a triple-quoted f-string": ('text = f"""{1}\n#> not a block\n"""\nlen(text)', "#> 17"),
    # An exception whose str() raises: a traceback shows `E: <exception str() failed>`.
    "exception whose str() fails": (
        "class E(Exception):\n    def __str__(self):\n        raise RuntimeError('no text')\n\n\nraise E()",
        "#! raises E: <exception str() failed>",
    ),
    # A terminal shows nothing for a NUL byte, and the update cannot write one into a Python file.
    "printed NUL": ("print('a\\x00b')", "#> ab"),
    "NUL in an exception message": ("raise ValueError('a\\x00b')", "#! raises ValueError: ab"),
    # A lone surrogate cannot be written as UTF-8: Python's stderr shows it as \\udcff, and so does the block.
    "lone surrogate in an exception message": ("raise ValueError('x\\udcffy')", "#! raises ValueError: x\\udcffy"),
}


@pytest.mark.parametrize("statements, block", list(VALID_REPL.values()), ids=list(VALID_REPL))
def test_valid_documentation_passes(run, run_result, statements, block):
    assert run(f"{statements}\n{block}") == []
    assert run_result(statements)["rewrites"][-1]["recheck"] == [], "the update's block must pass the next run"


WRONG_REPL = {
    "another nested exception class": (
        "class Outer:\n    class Err(Exception):\n        pass\n\n    class Other(Exception):\n        pass\n\n\nraise Outer.Err('e')",
        "#! raises Outer.Other: e",
        "documented Outer.Other, which names nothing that can be imported; actual __main__.Outer.Err",
    ),
    "printed text beside a NUL": ("print('a\\x00b')", "#> a b", "printed text differs"),
    "`#> ` inside a function body": (
        "def f():\n    x = 1\n#> 1\n    return x",
        "f()\n#> 1",
        "example.py:3: documented output follows no top-level statement",
    ),
}


@pytest.mark.parametrize("statements, block, reason", list(WRONG_REPL.values()), ids=list(WRONG_REPL))
def test_wrong_documentation_is_rejected(run, statements, block, reason):
    problems = run(f"{statements}\n{block}")
    assert problems, "the harness accepted a wrong documented block"
    assert reason in "\n".join(problems), problems


@pytest.fixture
def project(pytester):
    pytester.makepyprojecttoml('[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\n')
    (pytester.path / "snippets").mkdir()
    return pytester


@pytest.mark.parametrize(
    "source, written",
    [
        ('print("a\\x00b")\n', ["#> ab"]),
        ('print("a\\ud800b")\n', None),  # shown as \\ud800, or an UnicodeEncodeError where stdout is strict UTF-8
        ('raise ValueError("x\\udcffy")\n', ["#! raises ValueError: x\\udcffy"]),
    ],
    ids=["NUL", "printed surrogate", "surrogate in a message"],
)
def test_update_writes_a_file_the_next_run_reads_and_passes(project, source, written):
    # A NUL made the file unreadable (`source code string cannot contain null bytes`); a lone surrogate
    # crashed the update after it had emptied the file.
    snippet = project.path / "snippets" / "example.py"
    snippet.write_text(source, encoding="utf-8")
    project.runpytest_subprocess("--update-expected").assert_outcomes(passed=1)
    lines = snippet.read_text(encoding="utf-8").splitlines()
    assert lines[0] == source.strip() and len(lines) > 1, "the update keeps the file and writes a block"
    assert written is None or lines[1:] == written
    project.runpytest_subprocess().assert_outcomes(passed=1)


def test_a_nul_byte_in_a_snippet_is_an_error_naming_its_line(run):
    assert run('x = 1\n\ny = "\x00"') == ["example.py:3: not valid Python: source code string cannot contain null bytes"]


def test_update_of_a_set_passes_the_next_run_under_another_hash_seed(project, monkeypatch):
    # The update wrote the set in this run's hash order; the next run (another PYTHONHASHSEED) printed another.
    snippet = project.path / "snippets" / "example.py"
    snippet.write_text(
        'import numpy as np\nwords = {"apple", "banana", "cherry", "date", "elder"}\nwords\nset(np.array(sorted(words)))\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("PYTHONHASHSEED", "1")
    project.runpytest_subprocess("--update-expected").assert_outcomes(passed=1)
    written = snippet.read_text(encoding="utf-8").splitlines()[3]
    for seed in "2", "3", "4":
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        project.runpytest_subprocess().assert_outcomes(passed=1)
    assert written.startswith("#> {'") and written.count("'") == 10
