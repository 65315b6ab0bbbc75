"""Repr forms: every valid repr is read and compared by meaning, never refused as malformed, and a malformed
one is reported as such.

Each repr below, grouped by the rule (docs/test-your-docs.md, "Rules by name") that reads its form, is pasted
exactly as Python prints it (on NumPy 2.4 and on 1.26 where they differ); a test checks that it still is. It
must pass through the harness, be read as a structured repr (not as text), and compare equal to its value.
Then, per form, a wrong output of that form is rejected with the right reason.
"""

import fractions

import numpy as np
import pytest
import torch
from rules import cases, known
from verdicts import assert_rejected

from array_examples import compare, reprs

PRELUDE = "import fractions\n\nimport numpy as np\nimport torch\n\n"
NUMPY_MAJOR = int(np.__version__.split(".")[0])

# rule: {case: (statements, the last one's repr) or (statements, {NumPy major: repr}) where NumPy 1.26 and 2.x differ}
REAL = {
    # torch.return_types named tuples
    "torch.return_types": {
        "return_types.max": (
            "torch.max(torch.tensor([[1, 5], [3, 2]]), dim=1)",
            "torch.return_types.max(\nvalues=tensor([5, 3]),\nindices=tensor([1, 0]))",
        ),
        "return_types.sort": (
            "torch.sort(torch.tensor([3., 1.]))",
            "torch.return_types.sort(\nvalues=tensor([1., 3.]),\nindices=tensor([1, 0]))",
        ),
        "return_types.linalg_slogdet": (
            "torch.linalg.slogdet(torch.eye(2))",
            "torch.return_types.linalg_slogdet(\nsign=tensor(1.),\nlogabsdet=tensor(0.))",
        ),
    },
    # String and bytes arrays, their dtypes and scalars
    "string and bytes arrays": {
        "str array": ('np.array(["ab", "cde"])', "array(['ab', 'cde'], dtype='<U3')"),
        "bytes array": ('np.array([b"ab", b"cde"])', "array([b'ab', b'cde'], dtype='|S3')"),
        "str dtype": ('np.array(["ab"]).dtype', "dtype('<U2')"),
        "bytes dtype": ('np.dtype("S3")', "dtype('S3')"),
        "str element": ('np.array(["ab"])[0]', {2: "np.str_('ab')", 1: "'ab'"}),
        "bytes element": ('np.array([b"ab"])[0]', {2: "np.bytes_(b'ab')", 1: "b'ab'"}),
        "StringDType array": ('np.array(["a"], dtype=np.dtypes.StringDType())', {2: "array(['a'], dtype=StringDType())"}),
    },
    # Structured arrays, structured dtypes, record scalars
    "structured arrays and records": {
        "structured zeros": (
            'np.zeros(2, dtype=[("x", "i4"), ("y", "f4")])',
            "array([(0, 0.), (0, 0.)], dtype=[('x', '<i4'), ('y', '<f4')])",
        ),
        "structured values": (
            "np.array([(1, 0.5, 'ab'), (2, 0.25, 'cd')], dtype=[('n', 'i2'), ('w', 'f8'), ('s', 'U2')])",
            "array([(1, 0.5 , 'ab'), (2, 0.25, 'cd')],\n      dtype=[('n', '<i2'), ('w', '<f8'), ('s', '<U2')])",
        ),
        "nested structured": (
            'np.zeros(1, dtype=[("a", "f8", (2,)), ("b", [("c", "u1")])])',
            "array([([0., 0.], (0,))], dtype=[('a', '<f8', (2,)), ('b', [('c', 'u1')])])",
        ),
        "structured dtype": ('np.zeros(2, dtype=[("x", "i4"), ("y", "f4")]).dtype', "dtype([('x', '<i4'), ('y', '<f4')])"),
        "aligned dtype": ('np.dtype([("a", "u1"), ("b", "i4")], align=True)', "dtype([('a', 'u1'), ('b', '<i4')], align=True)"),
        "sub-array dtype": ('np.dtype(("i4", (2,)))', "dtype(('<i4', (2,)))"),
        "record": (
            'np.zeros(2, dtype=[("x", "i4"), ("y", "f4")])[0]',
            {2: "np.void((0, 0.0), dtype=[('x', '<i4'), ('y', '<f4')])", 1: "(0, 0.)"},
        ),
        "record with a fraction": (
            'np.array([(1, 0.5)], dtype=[("n", "i2"), ("w", "f8")])[0]',
            {2: "np.void((1, 0.5), dtype=[('n', '<i2'), ('w', '<f8')])", 1: "(1, 0.5)"},
        ),
        "np.record": (
            'np.rec.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")])[0]',
            {2: "np.record((1, 2.0), dtype=[('a', '<i4'), ('b', '<f8')])", 1: "(1, 2.)"},
        ),
        "raw void": ('np.void(b"ab")', {2: "np.void(b'\\x61\\x62')", 1: "void(b'\\x61\\x62')"}),
    },
    # datetime64 and timedelta64 arrays, scalars, dtypes
    "datetime and timedelta": {
        "datetime array": (
            'np.array(["2024-01-01", "2024-03-01"], dtype="datetime64[D]")',
            "array(['2024-01-01', '2024-03-01'], dtype='datetime64[D]')",
        ),
        "datetime array with NaT": (
            'np.array(["2024-01-01", "NaT"], dtype="datetime64[s]")',
            "array(['2024-01-01T00:00:00',                 'NaT'],\n      dtype='datetime64[s]')",
        ),
        "years": ('np.arange(3).astype("datetime64[Y]")', "array(['1970', '1971', '1972'], dtype='datetime64[Y]')"),
        "generic datetime array": ('np.array(["NaT"], dtype="datetime64")', "array(['NaT'], dtype=datetime64)"),
        "timedelta NaT scalar": (
            'np.timedelta64("NaT", "D")',
            {2: "np.timedelta64('NaT','D')", 1: "numpy.timedelta64('NaT','D')"},
        ),
        "timedelta array": ('np.array([1, 2], dtype="timedelta64[D]")', "array([1, 2], dtype='timedelta64[D]')"),
        "timedelta array with NaT": (
            'np.array([1, "NaT"], dtype="timedelta64[h]")',
            "array([    1, 'NaT'], dtype='timedelta64[h]')",
        ),
        "datetime scalar": (
            'np.datetime64("2024-01-01")',
            {2: "np.datetime64('2024-01-01')", 1: "numpy.datetime64('2024-01-01')"},
        ),
        "datetime scalar in seconds": (
            'np.datetime64("2024-01-01T10:00:00")',
            {2: "np.datetime64('2024-01-01T10:00:00')", 1: "numpy.datetime64('2024-01-01T10:00:00')"},
        ),
        "NaT": ('np.datetime64("NaT")', {2: "np.datetime64('NaT','generic')", 1: "numpy.datetime64('NaT')"}),
        "mean of timedeltas": (
            'np.mean(np.array([1, 3], dtype="timedelta64[D]"))',
            {2: "np.timedelta64(2,'D')", 1: "numpy.timedelta64(2,'D')"},
        ),
        "generic timedelta": ("np.timedelta64(5)", {2: "np.timedelta64(5)", 1: "numpy.timedelta64(5)"}),
        "datetime dtype": ('np.dtype("datetime64[D]")', "dtype('<M8[D]')"),
        "timedelta dtype": ('np.dtype("m8[ms]")', "dtype('<m8[ms]')"),
    },
    # Object arrays
    "object arrays": {
        "object array": ("np.array([None, 1], dtype=object)", "array([None, 1], dtype=object)"),
        "object array of lists": ("np.array([[1, 2], [3]], dtype=object)", "array([list([1, 2]), list([3])], dtype=object)"),
        "2-D object array": (
            "np.array([[None, 'a'], [1.5, (1, 2)]], dtype=object)",
            "array([[None, 'a'],\n       [1.5, (1, 2)]], dtype=object)",
        ),
        "object array of arrays": ("np.array([np.arange(2), None], dtype=object)", "array([array([0, 1]), None], dtype=object)"),
        "object array of other objects": (
            "np.array([fractions.Fraction(1, 2), {'a': 1}], dtype=object)",
            "array([Fraction(1, 2), {'a': 1}], dtype=object)",
        ),
        "object dtype": ("np.dtype(object)", "dtype('O')"),
    },
    # NumPy's masked arrays: data with `--` where masked, the mask, the fill value, dtype= where not implied
    "masked arrays": {
        "a field of a nested record masked": (
            "np.ma.masked_array([(1, (2.0, 3))], mask=[(0, (1, 0))], dtype=[('a', 'i4'), ('b', [('x', 'f8'), ('y', 'i2')])])",
            {
                2: "masked_array(data=[(1, (--, 3))],\n             mask=[(False, ( True, False))],\n       fill_value=(999999, (1e+20, 16959)),\n            dtype=[('a', '<i4'), ('b', [('x', '<f8'), ('y', '<i2')])])",
                1: "masked_array(data=[(1, (--, 3))],\n             mask=[(False, ( True, False))],\n       fill_value=(999999, (1.e+20, 16959)),\n            dtype=[('a', '<i4'), ('b', [('x', '<f8'), ('y', '<i2')])])",
            },
        ),
        "masked element": (
            "np.ma.array([1, 2, 3], mask=[0, 1, 0])",
            "masked_array(data=[1, --, 3],\n             mask=[False,  True, False],\n       fill_value=999999)",
        ),
        "no element masked": (
            "np.ma.array([1.5, 2.0])",
            "masked_array(data=[1.5, 2. ],\n             mask=False,\n       fill_value=1e+20)",
        ),
        "2-D, every element masked, dtype=": (
            "np.ma.masked_all((2, 2), dtype=np.float32)",
            {
                2: "masked_array(\n  data=[[--, --],\n        [--, --]],\n  mask=[[ True,  True],\n        [ True,  True]],\n"
                "  fill_value=np.float64(1e+20),\n  dtype=float32)",
                1: "masked_array(\n  data=[[--, --],\n        [--, --]],\n  mask=[[ True,  True],\n        [ True,  True]],\n"
                "  fill_value=1e+20,\n  dtype=float32)",
            },
        ),
        "structured, a field masked": (
            'np.ma.array([(1, 2.0), (3, 4.0)], mask=[(0, 1), (0, 0)], dtype=[("a", "i4"), ("b", "f8")])',
            {
                2: "masked_array(data=[(1, --), (3, 4.0)],\n             mask=[(False,  True), (False, False)],\n"
                "       fill_value=(999999, 1e+20),\n            dtype=[('a', '<i4'), ('b', '<f8')])",
                1: "masked_array(data=[(1, --), (3, 4.0)],\n             mask=[(False,  True), (False, False)],\n"
                "       fill_value=(999999, 1.e+20),\n            dtype=[('a', '<i4'), ('b', '<f8')])",
            },
        ),
        "summarised": (
            "np.ma.masked_less(np.arange(2000), 3)",
            "masked_array(data=[--, --, --, ..., 1997, 1998, 1999],\n             mask=[ True,  True,  True, ..., False, False, False],\n"
            "       fill_value=999999)",
        ),
        "0-d": ("np.ma.masked_array(5, mask=False)", "masked_array(data=5,\n             mask=False,\n       fill_value=999999)"),
    },
    # Dicts, of arrays and of NumPy scalars too
    "dicts": {
        "dict of arrays": (
            "{'mean': np.array([1.5, 2.0]), 'n': 3, 'names': ['a', 'b']}",
            "{'mean': array([1.5, 2. ]), 'n': 3, 'names': ['a', 'b']}",
        ),
        "dict of NumPy scalars": ("{np.str_('x'): np.float64(0.5)}", {2: "{np.str_('x'): np.float64(0.5)}", 1: "{'x': 0.5}"}),
        "empty dict": ("{}", "{}"),
        "a dict subclass that prints as a dict": ("type('Bunch', (dict,), {})(a=1)", "{'a': 1}"),
    },
    # Non-numeric and extended NumPy scalars
    "NumPy scalars": {
        "np.str_": ('np.str_("owl")', {2: "np.str_('owl')", 1: "'owl'"}),
        "np.bytes_": ('np.bytes_(b"owl")', {2: "np.bytes_(b'owl')", 1: "b'owl'"}),
        "np.longdouble": ("np.longdouble(0.1)", {2: "np.longdouble('0.10000000000000000555')", 1: "0.10000000000000000555"}),
        "np.clongdouble": ("np.clongdouble(1 + 2j)", {2: "np.clongdouble('1+2j')", 1: "(1+2j)"}),
        "np.complex64": ("np.complex64(1 + 2j)", {2: "np.complex64(1+2j)", 1: "(1+2j)"}),
        "np.float16": ("np.float16(0.1)", {2: "np.float16(0.1)", 1: "0.1"}),
        "np.longlong prints as np.int64": ("np.longlong(1)", {2: "np.int64(1)", 1: "1"}),
        "np.True_": ("np.True_", {2: "np.True_", 1: "True"}),
        "np.float32": ("np.float32(0.1)", {2: "np.float32(0.1)", 1: "0.1"}),
        "np.float64 -0.0": ("np.float64(-0.0)", {2: "np.float64(-0.0)", 1: "-0.0"}),
        "longdouble array": ("np.array([0.1], dtype=np.longdouble)", "array([0.1], dtype=float128)"),
    },
    # Complex values with infinite or NaN parts
    "complex infinities and NaN": {
        "complex array inf": ("np.array([complex(np.inf, 0)])", "array([inf+0.j])"),
        "complex array nan and -inf": ("np.array([complex(np.nan, np.inf), complex(1, -np.inf)])", "array([nan+infj,  1.-infj])"),
        "complex tensor inf and nan": (
            "torch.tensor([complex(float('inf'), 0), complex(float('nan'), 1)])",
            "tensor([inf+0.j, nan+1.j])",
        ),
        "complex tensor -inf": (
            "torch.tensor([complex(-float('inf'), -float('inf')), complex(0.5, float('nan'))])",
            "tensor([  -inf-infj, 0.5000+nanj])",
        ),
        "complex scalar inf": ("np.complex128(complex(np.inf, 0))", {2: "np.complex128(inf+0j)", 1: "(inf+0j)"}),
        "complex scalar nan": ("np.complex128(complex(np.nan, np.nan))", {2: "np.complex128(nan+nanj)", 1: "(nan+nanj)"}),
        "real inf and nan": ("np.array([np.inf, -np.inf, np.nan])", "array([ inf, -inf,  nan])"),
    },
    # Printed precision: NumPy and torch round what they print
    "printed digits": {
        "NumPy 1. for 1.000000004": ("np.array([1 + 4e-9, 0.5])", "array([1. , 0.5])"),
        "torch 4 decimals": ("torch.tensor([1.00001])", "tensor([1.0000])"),
        "signed zero": ("torch.tensor([-0.0])", "tensor([-0.])"),
        "big-endian float32": ("np.array([1.5, np.nan], dtype='>f4')", "array([1.5, nan], dtype='>f4')"),
        "summarised on NumPy 2 with shape=": (
            "np.arange(2000).reshape(2, 1000)",
            {
                2: "array([[   0,    1,    2, ...,  997,  998,  999],\n       [1000, 1001, 1002, ..., 1997, 1998, 1999]], shape=(2, 1000))",
                1: "array([[   0,    1,    2, ...,  997,  998,  999],\n       [1000, 1001, 1002, ..., 1997, 1998, 1999]])",
            },
        ),
    },
    # Implied dtype under another default dtype
    "implied dtype": {
        "float64 default": ("torch.set_default_dtype(torch.float64)\ntorch.tensor([1.5])", "tensor([1.5000])"),
        "complex128 default": ("torch.set_default_dtype(torch.float64)\ntorch.tensor([1j])", "tensor([0.+1.j])"),
    },
}


def real_cases() -> list:
    params = []
    for rule_name, group in REAL.items():
        for name, (statements, shown) in group.items():
            text = shown.get(NUMPY_MAJOR) if isinstance(shown, dict) else shown
            marks = [] if text is not None else [pytest.mark.skip(reason=f"no such repr on NumPy {np.__version__}")]
            params.append(pytest.param(statements, text, id=f"{known(rule_name)}: {name}", marks=marks))
    return params


@pytest.mark.parametrize("statements, text", real_cases())
def test_real_repr_passes_the_harness(run, statements, text):
    block = "\n".join(f"#> {line}" for line in text.splitlines())
    assert run(f"{PRELUDE}{statements}\n{block}") == []


@pytest.mark.parametrize("statements, text", real_cases())
def test_real_repr_is_read_and_compared_by_meaning(statements, text):
    namespace = {"np": np, "torch": torch, "fractions": fractions}
    *setup, last = statements.splitlines()
    default_dtype = torch.get_default_dtype()
    try:
        for line in setup:
            exec(line, namespace)
        value = eval(last, namespace)
        assert repr(value) == text, "the pasted repr is no longer what Python prints"
        expected = reprs.parse(text)
        assert not isinstance(expected, reprs.TextRepr), "read as text, not as a repr"
        assert compare.difference(expected, value, expected, "") == []
    finally:
        torch.set_default_dtype(default_dtype)


# Per kind, a wrong documented output in that form: (statement, block, reason). Written in NumPy 2's forms,
# which NumPy 1.26 examples may use too (they say the same thing).
WRONG = {
    "torch.return_types": {
        "return_types value": (
            "torch.max(torch.tensor([[1, 5], [3, 2]]), dim=1)",
            "#> torch.return_types.max(\n#> values=tensor([5, 3]),\n#> indices=tensor([0, 0]))",
            "value at indices at index [0]: documented 0, actual 1",
        ),
        "return_types name": (
            "torch.max(torch.tensor([[1, 5], [3, 2]]), dim=1)",
            "#> torch.return_types.min(\n#> values=tensor([5, 3]),\n#> indices=tensor([1, 0]))",
            "type: documented torch.return_types.min, actual torch.return_types.max",
        ),
        "return_types fields": (
            "torch.max(torch.tensor([[1, 5], [3, 2]]), dim=1)",
            "#> torch.return_types.max(values=tensor([5, 3]))",
            "fields: documented ['values'], actual ['values', 'indices']",
        ),
    },
    "string and bytes arrays": {
        "str value": (
            'np.array(["ab", "cde"])',
            "#> array(['ab', 'cdf'], dtype='<U3')",
            "value at index [1]: documented 'cdf', actual 'cde'",
        ),
        "str dtype": ('np.array(["ab", "cde"])', "#> array(['ab', 'cde'], dtype='<U4')", "dtype: documented <U4, actual <U3"),
        "bytes for str": (
            'np.array(["ab"])',
            "#> array([b'ab'], dtype='<U2')",
            "value at index [0]: documented b'ab', actual 'ab'",
        ),
        "dtype object": ('np.array(["ab"]).dtype', "#> dtype('S2')", "dtype: documented |S2, actual <U2"),
    },
    "structured arrays and records": {
        "structured value": (
            'np.zeros(2, dtype=[("x", "i4"), ("y", "f4")])',
            "#> array([(0, 0.), (0, 1.)], dtype=[('x', '<i4'), ('y', '<f4')])",
            "value at index [1]: documented (0, 1.), actual (0, 0.0)",
        ),
        "structured field name": (
            'np.zeros(2, dtype=[("x", "i4"), ("y", "f4")])',
            "#> array([(0, 0.), (0, 0.)], dtype=[('x', '<i4'), ('z', '<f4')])",
            "dtype: documented [('x', '<i4'), ('z', '<f4')], actual [('x', '<i4'), ('y', '<f4')]",
        ),
        "record value": (
            'np.array([(1, 0.5)], dtype=[("n", "i2"), ("w", "f8")])[0]',
            "#> np.void((1, 0.25), dtype=[('n', '<i2'), ('w', '<f8')])",
            "value at [1]: documented 0.25, actual 0.5",
        ),
    },
    "datetime and timedelta": {
        "datetime value": (
            'np.array(["2024-01-01", "2024-03-01"], dtype="datetime64[D]")',
            "#> array(['2024-01-01', '2024-03-02'], dtype='datetime64[D]')",
            "value at index [1]: documented '2024-03-02', actual '2024-03-01'",
        ),
        "datetime unit": (
            'np.array(["2024-01-01"], dtype="datetime64[D]")',
            "#> array(['2024-01-01'], dtype='datetime64[s]')",
            "dtype: documented datetime64[s], actual datetime64[D]",
        ),
        "timedelta scalar value": (
            'np.mean(np.array([1, 3], dtype="timedelta64[D]"))',
            "#> np.timedelta64(3,'D')",
            "value: documented np.timedelta64(3,'D'), actual np.timedelta64(2,'D')"
            if NUMPY_MAJOR >= 2
            else "value: documented numpy.timedelta64(3,'D'), actual numpy.timedelta64(2,'D')",
        ),
        "timedelta scalar unit": (
            'np.mean(np.array([1, 3], dtype="timedelta64[D]"))',
            "#> np.timedelta64(2,'h')",
            "dtype: documented timedelta64[h], actual timedelta64[D]",
        ),
        "datetime dtype": (
            'np.dtype("datetime64[D]")',
            "#> dtype('<M8[s]')",
            "dtype: documented datetime64[s], actual datetime64[D]",
        ),
    },
    "object arrays": {
        "object element": (
            "np.array([None, 1], dtype=object)",
            "#> array([None, 2], dtype=object)",
            "value at index [1]: documented 2, actual 1",
        ),
        "object element of another Python type": (
            "np.array([None, 1], dtype=object)",
            "#> array([None, 1.0], dtype=object)",
            "value at index [1]: documented 1.0, actual 1",
        ),
        "object list element": (
            "np.array([[1, 2], [3]], dtype=object)",
            "#> array([list([1, 2]), list([4])], dtype=object)",
            "value at index [1]: documented [4], actual [3]",
        ),
        "object element of another type": (
            "np.array([fractions.Fraction(1, 2)], dtype=object)",
            "#> array([Fraction(1, 3)], dtype=object)",
            "value at index [0]: documented Fraction(1, 3), actual Fraction(1, 2)",
        ),
    },
    "masked arrays": {
        "the masked constant": (
            "np.ma.masked",
            "#> masked_array(data=--, mask=True, fill_value=1e+20, dtype=float64)",
            "type: documented numpy.ma.MaskedArray, actual numpy.ma.core.MaskedConstant",
        ),
        "a nested record written as masked whole": (
            "np.ma.masked_array([(1, (2.0, 3))], mask=[(0, (1, 0))], dtype=[('a', 'i4'), ('b', [('x', 'f8'), ('y', 'i2')])])",
            "#> masked_array(data=[(1, --)],\n#>              mask=[(False, ( True, False))],\n#>        fill_value=(999999, (1e+20, 16959)),\n#>             dtype=[('a', '<i4'), ('b', [('x', '<f8'), ('y', '<i2')])])",
            "value at index [0]",
        ),
        "data value": (
            "np.ma.array([1, 2, 3], mask=[0, 1, 0])",
            "#> masked_array(data=[1, --, 4],\n#>              mask=[False,  True, False],\n#>        fill_value=999999)",
            "value at index [2]: documented 4, actual 3",
        ),
        "a value where the element is masked": (
            "np.ma.array([1, 2, 3], mask=[0, 1, 0])",
            "#> masked_array(data=[1, 2, 3],\n#>              mask=[False,  True, False],\n#>        fill_value=999999)",
            "value at index [1]: documented 2, actual --",
        ),
        "mask": (
            "np.ma.array([1, 2, 3], mask=[0, 1, 0])",
            "#> masked_array(data=[1, --, 3],\n#>              mask=[False,  True,  True],\n#>        fill_value=999999)",
            "mask at index [2]: documented True, actual False",
        ),
        "mask=False with an element masked": (
            "np.ma.array([1, 2, 3], mask=[0, 1, 0])",
            "#> masked_array(data=[1, --, 3],\n#>              mask=False,\n#>        fill_value=999999)",
            "mask: documented False (no element masked), actual 1 of 3 masked",
        ),
        "fill value": (
            "np.ma.array([1, 2, 3], mask=[0, 1, 0])",
            "#> masked_array(data=[1, --, 3],\n#>              mask=[False,  True, False],\n#>        fill_value=999998)",
            "value at fill_value: documented 999998, actual 999999",
        ),
        "structured field": (
            'np.ma.array([(1, 2.0), (3, 4.0)], mask=[(0, 1), (0, 0)], dtype=[("a", "i4"), ("b", "f8")])',
            "#> masked_array(data=[(1, --), (3, 4.5)],\n#>              mask=[(False,  True), (False, False)],\n"
            "#>        fill_value=(999999, 1e+20),\n#>             dtype=[('a', '<i4'), ('b', '<f8')])",
            "value at index [1]: documented (3, 4.5), actual (3, 4.0)",
        ),
        "dtype": (
            "np.ma.masked_all((2, 2), dtype=np.float32)",
            "#> masked_array(\n#>   data=[[--, --],\n#>         [--, --]],\n#>   mask=[[ True,  True],\n#>         [ True,  True]],\n"
            "#>   fill_value=1e+20,\n#>   dtype=float64)",
            "dtype: documented float64, actual float32",
        ),
        "shape": (
            "np.ma.array([1, 2, 3], mask=[0, 1, 0])",
            "#> masked_array(data=[[1, --, 3]],\n#>              mask=[[False,  True, False]],\n#>        fill_value=999999)",
            "shape: documented (1, 3), actual (3,)",
        ),
        "an array for a masked array": (
            "np.array([1, 2, 3])",
            "#> masked_array(data=[1, 2, 3],\n#>              mask=False,\n#>        fill_value=999999)",
            "type: documented numpy.ma.MaskedArray, actual numpy.ndarray",
        ),
    },
    "dicts": {
        "value in an array": (
            "{'mean': np.array([1.5, 2.0]), 'n': 3}",
            "#> {'mean': array([1.5, 2.5]), 'n': 3}",
            "value at ['mean'] at index [1]: documented 2.5, actual 2.0",
        ),
        "key": (
            "{'mean': np.array([1.5, 2.0]), 'n': 3}",
            "#> {'mean': array([1.5, 2. ]), 'm': 3}",
            "key: documented 'm', actual 'n'",
        ),
        "order": ("{'mean': 1, 'n': 3}", "#> {'n': 3, 'mean': 1}", "key: documented 'n', actual 'mean'"),
        "an item dropped": ("{'mean': 1, 'n': 3}", "#> {'mean': 1}", "length: documented 1, actual 2"),
        "float for int": ("{'n': 3}", "#> {'n': 3.0}", "type at ['n']: documented float, actual int"),
        "a list for an array": (
            "{'mean': np.array([1.5, 2.0])}",
            "#> {'mean': [1.5, 2.0]}",
            "type at ['mean']: documented list, actual numpy.ndarray",
        ),
        "a NumPy scalar value": (
            "{'a': np.float64(1.0)}",
            "#> {'a': np.float64(2.0)}",
            "value at ['a']: documented 2.0, actual 1.0",
        ),
        "a value's dtype": (
            "{'a': np.arange(2)}",
            "#> {'a': array([0, 1], dtype=int32)}",
            "dtype at ['a']: documented int32, actual int64",
        ),
        "a list of pairs": ("[('a', 1)]", "#> {'a': 1}", "type: documented dict, actual list"),
        "an OrderedDict": (
            "__import__('collections').OrderedDict(n=3)",
            "#> {'n': 3}",
            "type: documented dict, actual collections.OrderedDict",
        ),
    },
    "NumPy scalars": {
        "np.str_ value": ('np.str_("owl")', "#> np.str_('cat')", "value: documented 'cat', actual 'owl'"),
        "np.bytes_ for np.str_": ('np.str_("owl")', "#> np.bytes_(b'owl')", "type: documented numpy.bytes_, actual numpy.str_"),
        "np.longdouble value": ("np.longdouble(0.1)", "#> np.longdouble('0.2')", "value: documented 0.2"),
    },
    "complex infinities and NaN": {
        "complex inf part": ("np.array([complex(np.inf, 0)])", "#> array([inf+1.j])", "value at index [0]: documented inf+1.j"),
        "complex nan part": (
            "np.array([complex(np.nan, np.inf)])",
            "#> array([nan-infj])",
            "value at index [0]: documented nan-infj",
        ),
        "complex tensor nan part": (
            "torch.tensor([complex(0.5, float('nan'))])",
            "#> tensor([nan+0.5000j])",
            "value at index [0]: documented nan+0.5000j",
        ),
    },
}


@pytest.mark.parametrize("statement, block, reason", cases(WRONG))
def test_wrong_output_in_each_form_is_rejected(run, statement, block, reason):
    problems = run(f"{PRELUDE}{statement}\n{block}")
    assert problems, "the harness accepted a wrong documented output"
    assert "malformed" not in problems[0]
    assert reason in "\n".join(problems), problems


# A documented output that looks like a repr but cannot be read as one is malformed, not a match.
MALFORMED = {
    "malformed documented output": {
        "ragged second row": ("np.arange(4).reshape(2, 2)", "#> array([[0, 1], [2]])", "ragged values"),
        "ragged inner level": ("np.arange(8).reshape(2, 2, 2)", "#> array([[[0, 1], [2, 3]], [[4, 5], [6]]])", "ragged values"),
        "row against number": ("torch.arange(4).reshape(2, 2)", "#> tensor([[0, 1], 2])", "ragged values"),
        # Dimensions are integers: torch.Size([2., 3]) and shape=(2., 3) are not what torch and NumPy print.
        "torch.Size with a float": ("torch.Size([2, 3])", "#> torch.Size([2., 3])", "torch.Size(...) takes integers"),
        "torch.Size with a bool": ("torch.Size([1, 3])", "#> torch.Size([True, 3])", "torch.Size(...) takes integers"),
        "size= with a float": ("torch.zeros(0, 3)", "#> tensor([], size=(0., 3))", "size= takes integers"),
        "shape= with a float": ("np.zeros((0, 3))", "#> array([], shape=(0., 3), dtype=float64)", "shape= takes integers"),
        "requires_grad=0": (
            "torch.tensor([1.0], requires_grad=True)",
            "#> tensor([1.], requires_grad=0)",
            "requires_grad= takes True or False",
        ),
        # Neither library repeats a keyword; read as Python does not, the last one would pass for a wrong first.
        "dtype= twice": (
            "torch.tensor([1., 2.])",
            "#> tensor([1., 2.], dtype=torch.float64, dtype=torch.float32)",
            "tensor(...) has dtype= twice",
        ),
        "grad_fn= twice": (
            "torch.ones(2, requires_grad=True) * 2",
            "#> tensor([2., 2.], grad_fn=<AddBackward0>, grad_fn=<MulBackward0>)",
            "tensor(...) has grad_fn= twice",
        ),
        "array dtype= twice": (
            "np.arange(3, dtype=np.int32)",
            "#> array([0, 1, 2], dtype=int64, dtype=int32)",
            "array(...) has dtype= twice",
        ),
    },
}


@pytest.mark.parametrize("statement, block, reason", cases(MALFORMED))
def test_malformed_output_is_reported_as_malformed(run, statement, block, reason):
    problems = run(f"{PRELUDE}{statement}\n{block}")
    assert_rejected(problems, reason)
