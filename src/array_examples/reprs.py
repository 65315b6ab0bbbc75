"""Parse documented output into what it claims: type, shape, dtype, device, grad, values.

Documentation text is never evaluated. It is parsed with `ast` and only a
whitelist of forms is understood: tensor(...), array(...), NumPy scalars such
as np.float64(1.0) or np.str_('owl'), masked arrays, torch.Size([...]), torch.return_types
named tuples, result objects, dtypes (structured ones too), devices, dicts and Python literals.
Text that is none of these (`<class 'torch.Tensor'>`, `Parameter containing:`)
is kept as text and compared as text.

The same reader parses the real repr of the real value, so that compare.py can
tell what the real object prints at each place (its digits, the sign of a
zero, where it summarises with `...`).

This module only reads text; it never imports torch or NumPy.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

# Bare names NumPy prints after `dtype=` (dtype.name where it is an identifier); anything else is a typo.
NUMPY_DTYPES = {
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float16",
    "float32",
    "float64",
    "float96",
    "float128",
    "longdouble",
    "complex64",
    "complex128",
    "complex192",
    "complex256",
    "clongdouble",
    "object",
    "datetime64",  # generic units: array(['NaT'], dtype=datetime64)
    "timedelta64",
}
# Scalar types NumPy 2 prints as np.NAME(...); NumPy 1.x prints numpy.datetime64(...), void(...) and bare values.
NUMPY_NUMBER_SCALARS = {
    "bool",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "float16",
    "float32",
    "float64",
    "longdouble",
    "complex64",
    "complex128",
    "clongdouble",
}
NUMPY_OTHER_SCALARS = {"str_", "bytes_", "void", "record", "datetime64", "timedelta64"}
TORCH_DTYPES = {
    "bool",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "int8",
    "int16",
    "int32",
    "int64",
    "float16",
    "bfloat16",
    "float32",
    "float64",
    "complex32",
    "complex64",
    "complex128",
    "float8_e4m3fn",
    "float8_e5m2",
    "float8_e4m3fnuz",
    "float8_e5m2fnuz",
    "float8_e8m0fnu",
    "quint8",
    "qint8",
    "qint32",
    "quint4x2",
    "half",
    "float",
    "double",
    "long",
    "int",
    "short",
    "cfloat",
    "cdouble",
}
TENSOR_KEYWORDS = {"dtype", "device", "requires_grad", "grad_fn", "size"}
ARRAY_KEYWORDS = {"dtype", "shape"}
LOOKS_STRUCTURED = re.compile(r"^\s*(tensor|array|np\.|numpy\.|torch\.|dtype|device)\(?")
# Where `inf`, `nan`, `infj` and `nanj` appear, as NumPy and torch print them.
SPECIAL_FLOATS = {"inf": float("inf"), "nan": float("nan")}


class MalformedOutput(ValueError):
    """Documented text that claims to be a repr but cannot be read as one."""


@dataclass
class Number:
    """One documented number: its value and its text, which says to what precision it is printed."""

    value: complex | float | int | bool
    text: str  # as documented, e.g. "1.0000e-08", "-0.", "nan+1.j"
    tolerances: tuple = (0.0, 0.0)  # of the real and the imaginary part: half a unit in the last printed digit


@dataclass
class TensorRepr:
    values: object  # nested lists of Number, with Ellipsis where summarised; Ellipsis alone for meta
    dtype: str | None  # the torch dtype name after dtype=, None when the repr shows none
    kind: str  # what the values look like: "bool", "int", "float" or "complex" (decides an implied dtype)
    device: str = "cpu"
    requires_grad: bool = False
    grad_fn: str | None = None
    size: tuple | None = None

    @property
    def dtype_written(self) -> bool:
        return self.dtype is not None


@dataclass
class ArrayRepr:
    values: object  # nested lists of elements (Number, or a *Repr in object, string and record arrays)
    dtype: object  # what follows dtype=: a bare name ("float32") or a literal ('<U3', [('x', '<i4')]); None if absent
    kind: str  # as for TensorRepr
    shape: tuple | None = None

    @property
    def dtype_written(self) -> bool:
        return self.dtype is not None


@dataclass
class NumpyScalarRepr:
    type_name: str  # "float64", "bool", "str_", "datetime64", ...
    value: object  # a Number for numeric types; for the others the literal arguments (see `arguments`)
    arguments: tuple = ()  # read as array elements: np.timedelta64(2,'D') -> (Number 2, LiteralRepr 'D')
    dtype: object = None  # np.void(..., dtype=[...])


@dataclass
class SizeRepr:
    dims: tuple


@dataclass
class DtypeRepr:
    library: str  # "torch" or "numpy"
    name: object  # a torch dtype name; for NumPy what dtype(...) was given: "float64", "<U3", [("x", "<i4")]
    align: bool = False


@dataclass
class DeviceRepr:
    name: str  # "cpu", "cuda:0"


@dataclass
class LiteralRepr:
    value: object  # a Python int, float, complex, str, bytes, bool, None
    number: Number | None = None  # the same value with its text, for numbers


@dataclass
class SequenceRepr:
    kind: type  # tuple or list; set or frozenset where an item is not a literal ({np.str_('a')})
    items: list = field(default_factory=list)


@dataclass
class DictRepr:
    """A dict, `{'mean': array([1., 2.]), 'n': 3}`: its keys and values, each read as a repr, in order."""

    items: list = field(default_factory=list)  # (key, value) pairs


@dataclass
class ReturnTypesRepr:
    name: str  # "max" for torch.return_types.max(values=..., indices=...)
    fields: dict = field(default_factory=dict)


@dataclass
class RecordRepr:
    """A result object printed as its class and fields: `SignificanceResult(statistic=..., pvalue=...)`
    (SciPy), a namedtuple, a dataclass."""

    name: str  # the class name as written, possibly dotted
    fields: dict = field(default_factory=dict)
    text: str = ""  # as written: compared as text where the class declares no fields


@dataclass
class MaskedArrayRepr:
    """`masked_array(data=[1, --, 3], mask=[False, True, False], fill_value=999999)`, as NumPy's masked arrays
    print: the data read as an array's values and dtype= (a masked element `--` as MASKED), the mask (a bool,
    or nested lists of bools, tuples for a structured dtype) and the fill value; None where not written."""

    data: ArrayRepr
    mask: Any = None
    fill_value: Any = None


class Masked:
    """A masked element, printed `--` in a masked array's data (the one instance is MASKED)."""

    def __repr__(self) -> str:
        return "--"


MASKED = Masked()
MASKED_NAME = "__masked_element__"  # what `--` is read as, where it stands for an element of a masked array
MASKED_ELEMENT = re.compile(r"(?<=[\[(\s,=])--(?=\s*(?:[,\])]|$))")


@dataclass
class TextRepr:
    text: str


def parse(text: str) -> Any:
    """Documented output text -> one of the *Repr classes above.

    Raises MalformedOutput for text that starts like a repr (tensor(, array(,
    np., torch., dtype(, device() but cannot be read as one, including ragged
    values such as `array([[0, 1], [2]])`.
    """
    source = re.sub(r"(?<==)<(\w+)>", r"'\1'", text.strip())  # grad_fn=<MulBackward0>
    if source.startswith("masked_array("):
        source = MASKED_ELEMENT.sub(MASKED_NAME, source)  # a masked element, `--`, is not Python
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        if LOOKS_STRUCTURED.match(text):
            raise MalformedOutput(f"cannot read {first_line(text)!r} as a repr: {error.msg}") from None
        return TextRepr(text)
    try:
        return Reader(source).read(tree.body)
    except (IndexError, KeyError, TypeError, AttributeError):  # e.g. device() with no argument, size=5
        raise MalformedOutput(f"cannot read {first_line(text)!r} as a repr") from None
    except Unknown:
        if LOOKS_STRUCTURED.match(text) and not re.match(r"^\s*(tensor|array)\(", text):
            raise MalformedOutput(f"cannot read {first_line(text)!r} as a repr") from None
        return TextRepr(text)
    except RecursionError:
        raise MalformedOutput(f"cannot read {first_line(text)!r} as a repr: nested too deeply") from None


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


class Unknown(Exception):
    """A form outside the whitelist: the text is then compared as text."""


class Reader:
    """Reads one parsed expression; `source` is its text, to keep each number's digits."""

    def __init__(self, source: str) -> None:
        self.source = source
        # ast gives columns in UTF-8 bytes; ast.get_source_segment splits the whole source at every call.
        self.encoded = source.encode()
        self.line_starts = [0] + [match.end() for match in re.finditer(b"\n", self.encoded)]

    def text(self, node: Any) -> str:
        """The source text of a node, as written."""
        start = self.line_starts[node.lineno - 1] + node.col_offset
        end = self.line_starts[node.end_lineno - 1] + node.end_col_offset
        return self.encoded[start:end].decode()

    def read(self, node: Any) -> Any:
        """One expression -> a *Repr; raises Unknown outside the whitelist, MalformedOutput for a broken repr."""
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, (ast.Tuple, ast.List)):
            kind = tuple if isinstance(node, ast.Tuple) else list
            return SequenceRepr(kind, [self.read(item) for item in node.elts])
        if isinstance(node, ast.Dict) and None not in node.keys:  # (`{**d}` is not a repr)
            return DictRepr([(self.read(key), self.read(value)) for key, value in zip(node.keys, node.values) if key])
        if isinstance(node, ast.Attribute):
            return self.attribute(dotted(node))
        if is_number(node):
            number = self.number(node)
            return LiteralRepr(number.value, number)
        try:
            value = ast.literal_eval(node)
        except ValueError:
            if isinstance(node, ast.Set):
                return SequenceRepr(set, [self.read(item) for item in node.elts])
            raise Unknown from None
        if isinstance(value, (str, bytes, bool, type(None), set)):
            return LiteralRepr(value)  # a set prints in hash order, which changes from run to run: compared as a set
        raise Unknown

    def attribute(self, name: str) -> object:
        """A dotted name: a torch dtype (torch.float32) or np.True_ / np.False_; raises MalformedOutput for another."""
        if name.startswith("torch.") and name[6:] in TORCH_DTYPES:
            return DtypeRepr("torch", name[6:])
        if name in ("np.True_", "np.False_", "numpy.True_", "numpy.False_"):
            return NumpyScalarRepr("bool", Number(name.endswith("True_"), name))
        raise MalformedOutput(f"unknown name {name}")

    def call(self, node: ast.Call) -> object:
        """A documented call read as its repr class: torch's and NumPy's constructors, frozenset, result objects.
        Raises Unknown for a call it does not read (compared as text), MalformedOutput for a bad one."""
        func = dotted(node.func)
        keywords = {k.arg: k.value for k in node.keywords}
        if len(keywords) < len(node.keywords):  # Python refuses it too; else the last value would pass for the first
            repeated = next(k.arg for k in node.keywords if [j.arg for j in node.keywords].count(k.arg) > 1)
            raise MalformedOutput(f"{func}(...) has {repeated}= twice" if repeated else f"{func}(...) has ** twice")
        if func in ("tensor", "torch.Size", "device", "torch.device") or func.startswith("torch.return_types."):
            return self.torch_call(func, node, keywords)
        if func == "frozenset" and len(node.args) == 1 and isinstance(node.args[0], ast.Set) and not keywords:
            inner = self.read(node.args[0])
            if isinstance(inner, LiteralRepr):
                return LiteralRepr(frozenset(inner.value))  # type: ignore[call-overload]
            return SequenceRepr(frozenset, inner.items)
        return self.numpy_call(func, node, keywords)

    def torch_call(self, func: str, node: ast.Call, keywords: dict[str | None, ast.expr]) -> object:
        """tensor(...), torch.Size(...), torch.device(...) or torch.return_types.NAME(...)."""
        if func == "tensor":
            if set(keywords) - TENSOR_KEYWORDS or len(node.args) != 1:
                raise Unknown  # sparse, quantized, named: compared as text
            return self.tensor(node.args[0], keywords)
        if func == "torch.Size":
            if len(node.args) != 1 or not isinstance(node.args[0], ast.List):
                raise MalformedOutput("torch.Size(...) takes one list")
            return SizeRepr(self.dimensions(node.args[0], "torch.Size(...)"))
        if func in ("device", "torch.device"):
            kind = self.literal(keywords["type"]) if "type" in keywords else self.literal(node.args[0])
            index = self.literal(keywords["index"]) if "index" in keywords else None
            return DeviceRepr(kind if index is None else f"{kind}:{index}")
        if node.args:
            raise Unknown
        return ReturnTypesRepr(func.rpartition(".")[2], {name: self.read(value) for name, value in keywords.items()})

    def numpy_call(self, func: str, node: ast.Call, keywords: dict[str | None, ast.expr]) -> object:
        """array(...), dtype(...), a NumPy scalar such as np.float64(1.5), or a result object's class with fields
        only (`TtestResult(statistic=..., pvalue=...)`); raises Unknown for any other call."""
        if func == "masked_array":
            return self.masked_array(node, keywords)
        if func == "array":
            if set(keywords) - ARRAY_KEYWORDS or len(node.args) != 1:
                raise MalformedOutput(f"array(...) takes one value and {sorted(ARRAY_KEYWORDS)}")
            return self.array(node.args[0], keywords)
        if func in ("np.dtype", "numpy.dtype", "dtype"):
            if len(node.args) != 1 or set(keywords) - {"align"}:
                raise MalformedOutput(f"cannot read dtype {ast.unparse(node)}")
            return DtypeRepr(
                "numpy", self.dtype_spec(node.args[0]), self.literal(keywords["align"]) if "align" in keywords else False
            )
        library, _, name = func.rpartition(".")
        if library in ("np", "numpy") and name in NUMPY_NUMBER_SCALARS and len(node.args) == 1 and not keywords:
            return NumpyScalarRepr(name, self.number(node.args[0]))
        if library in ("np", "numpy") and name in NUMPY_OTHER_SCALARS or func == "void":  # NumPy 1.x: void(b'..')
            arguments = tuple(self.element(argument) for argument in node.args)
            if set(keywords) - {"dtype"}:
                raise MalformedOutput(f"cannot read {ast.unparse(node)}")
            dtype = self.dtype_spec(keywords["dtype"]) if "dtype" in keywords else None
            return NumpyScalarRepr(name, None, arguments, dtype)
        if name[:1].isupper() and keywords and not node.args and None not in keywords:
            # A class name with fields only, as namedtuples, dataclasses and SciPy's result objects print.
            return RecordRepr(func, {key: self.read(value) for key, value in keywords.items()}, self.text(node))
        raise Unknown

    def tensor(self, data: ast.expr, keywords: dict[str | None, ast.expr]) -> TensorRepr:
        values = self.values(data, self.number)
        dtype = None
        if "dtype" in keywords:
            name = dotted(keywords["dtype"])
            if not name.startswith("torch.") or name[6:] not in TORCH_DTYPES:
                raise MalformedOutput(f"unknown torch dtype {ast.unparse(keywords['dtype'])}")
            dtype = name[6:]
        return TensorRepr(
            values,
            dtype,
            kind_of(values),
            device=self.literal(keywords["device"]) if "device" in keywords else "cpu",
            requires_grad=self.flag(keywords["requires_grad"]) if "requires_grad" in keywords else "grad_fn" in keywords,
            grad_fn=self.literal(keywords["grad_fn"]) if "grad_fn" in keywords else None,
            size=self.dimensions(keywords["size"], "size=") if "size" in keywords else None,
        )

    def array(self, data: ast.expr, keywords: dict[str | None, ast.expr]) -> ArrayRepr:
        # NumPy prints dtype= for every array that is not plain numbers (strings, records, dates, objects).
        dtype = self.dtype_spec(keywords["dtype"]) if "dtype" in keywords else None
        leaf = self.number if dtype is None else self.python_object if dtype == "object" else self.element
        values = self.values(data, leaf)
        shape = self.dimensions(keywords["shape"], "shape=") if "shape" in keywords else None
        return ArrayRepr(values, dtype, kind_of(values), shape)

    def masked_array(self, node: ast.Call, keywords: dict[str | None, ast.expr]) -> MaskedArrayRepr:
        """masked_array(data=..., mask=..., fill_value=..., dtype=...), NumPy's repr of a masked array."""
        if node.args or "data" not in keywords or set(keywords) - {"data", "mask", "fill_value", "dtype"}:
            raise MalformedOutput(
                f"masked_array(...) takes data=, mask=, fill_value= and dtype=, not {shorten(self.text(node).replace(MASKED_NAME, '--'))}"
            )
        data = self.array(keywords["data"], {key: value for key, value in keywords.items() if key == "dtype"})
        mask = self.values(keywords["mask"], self.element) if "mask" in keywords else None
        fill_value = self.element(keywords["fill_value"]) if "fill_value" in keywords else None
        return MaskedArrayRepr(data, mask, fill_value)

    def dtype_spec(self, node: ast.expr) -> Any:
        """What names a NumPy dtype: a bare name (float32), a string ('<U3'), a structured list or dict."""
        if isinstance(node, ast.Name):
            if node.id not in NUMPY_DTYPES:
                raise MalformedOutput(f"unknown NumPy dtype {node.id}")
            return node.id
        if isinstance(node, ast.Call) and dotted(node.func) == "StringDType":  # NumPy 2's variable-length strings
            if node.args or node.keywords:
                raise Unknown
            return "StringDType()"
        spec = self.literal(node)
        if not isinstance(spec, (str, list, tuple, dict)):
            raise MalformedOutput(f"cannot read dtype {ast.unparse(node)}")
        return spec

    def values(self, node: ast.expr, leaf: Callable[[ast.expr], Any]) -> Any:
        """Nested lists of leaves; every list of one level must have the same shape."""
        if isinstance(node, ast.List):
            items = [self.values(item, leaf) for item in node.elts]
            if items.count(Ellipsis) > 1:
                raise MalformedOutput(f"more than one ... in {shorten(self.text(node))}: a summary has one per dimension")
            shapes = {shape_of(item) for item in items if item is not Ellipsis}
            if len(shapes) > 1:
                raise MalformedOutput(
                    f"ragged values: the items of {shorten(self.text(node))} "
                    f"have different shapes ({' and '.join(describe_shape(s) for s in sorted(shapes))})"
                )
            return items
        if isinstance(node, ast.Constant) and node.value is Ellipsis:
            return Ellipsis
        if isinstance(node, ast.Name) and node.id == MASKED_NAME:
            return MASKED
        return leaf(node)

    def element(self, node: ast.expr) -> Any:
        """One element of an array that prints its dtype: a number, string, record, date or object."""
        if isinstance(node, ast.Name) and node.id == MASKED_NAME:
            return MASKED  # a masked field of a record
        if is_number(node):
            return self.number(node)
        if isinstance(node, ast.Tuple):  # a record of a structured array
            return SequenceRepr(tuple, [self.element(item) for item in node.elts])
        if isinstance(node, ast.List):  # a sub-array field inside a record
            return SequenceRepr(list, [self.element(item) for item in node.elts])
        if isinstance(node, ast.Call) and dotted(node.func) == "list" and len(node.args) == 1:  # a list in an object array
            inner = self.read(node.args[0])
            if not isinstance(inner, SequenceRepr) or inner.kind is not list:
                raise MalformedOutput(f"cannot read {ast.unparse(node)}")
            return inner
        try:
            return self.read(node)
        except Unknown:
            return TextRepr(self.text(node))  # Fraction(1, 2), {'a': 1}: compared with the element's repr

    def python_object(self, node: ast.expr) -> Any:
        """One element of an object array: its repr, so 1 and 1.0 differ as they do for Python."""
        if isinstance(node, ast.Call) and dotted(node.func) == "list" and len(node.args) == 1:
            return self.element(node)
        try:
            return self.read(node)
        except Unknown:
            return TextRepr(self.text(node))  # Fraction(1, 2), datetime.date(2024, 1, 1)

    def number(self, node: ast.expr) -> Number:
        """A numeric leaf: 1, -0., 1.5e-08, nan, -inf, 1.+2.j, inf+nanj; np.longdouble('0.1') has a string."""
        text = self.text(node)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):  # np.longdouble('...'), np.clongdouble('...')
            return number_from_string(node.value)
        if not is_number(node):
            raise MalformedOutput(f"{text} is not a number")
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return Number(node.value, text)
        (real, real_tolerance), imag = self.parts(node)
        if imag is None:
            return Number(real, text, (real_tolerance, 0.0))
        return Number(complex(real, imag[0]), text, (real_tolerance, imag[1]))

    def parts(self, node: Any) -> tuple[Any, ...]:
        """((real value, tolerance), (imaginary value, tolerance) or None) of a node that is_number."""
        if isinstance(node, ast.BinOp):
            real, _ = self.parts(node.left)
            if real[0] == 0 and self.text(node.left).startswith("-"):
                real = (-0.0, real[1])  # Python prints (-0+2j) for a negative zero real part: an int with a sign
            _, (imag, tolerance) = self.parts(node.right)
            return real, (-imag if isinstance(node.op, ast.Sub) else imag, tolerance)
        if isinstance(node, ast.UnaryOp):
            (real, tolerance), imag = self.parts(node.operand)
            sign = -1 if isinstance(node.op, ast.USub) else 1
            if imag is not None:  # -2.j: the sign is the imaginary part's
                return (real, tolerance), (sign * imag[0], imag[1])
            return (sign * real, tolerance), None
        if isinstance(node, ast.Name):
            if node.id.endswith("j"):
                return (0.0, 0.0), (SPECIAL_FLOATS[node.id[:-1]], 0.0)
            return (SPECIAL_FLOATS[node.id], 0.0), None
        value, text = node.value, self.text(node)
        if isinstance(value, complex):
            return (0.0, 0.0), (value.imag, printed_tolerance(value.imag, text))
        if isinstance(value, float):
            return (value, printed_tolerance(value, text)), None
        return (value, 0.0), None

    def flag(self, node: ast.expr) -> bool:
        """requires_grad=True claims the tensor requires grad, and requires_grad=False claims it does not."""
        value = self.literal(node)
        if not isinstance(value, bool):
            raise MalformedOutput(f"requires_grad= takes True or False, not {ast.unparse(node)}")
        return value

    def dimensions(self, node: ast.expr, what: str) -> tuple[int, ...]:
        """The lengths in torch.Size([...]), size=(...) or shape=(...): integers, as torch and NumPy print them."""
        dims = self.literal(node)
        if not isinstance(dims, (list, tuple)) or not all(type(n) is int for n in dims):
            raise MalformedOutput(f"{what} takes integers, not {ast.unparse(node)}")
        return tuple(dims)

    def literal(self, node: ast.expr) -> Any:
        try:
            return ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError):
            raise MalformedOutput(f"{ast.unparse(node)} is not a literal") from None


def number_from_string(text: str) -> Number:
    """np.longdouble('0.1000000000000000055511') and np.clongdouble('1+2j') print their value as a string."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        tree = None
    if tree is None or not is_number(tree):
        raise MalformedOutput(f"{text!r} is not a number")
    return Reader(text.strip()).number(tree)


def is_number(node: ast.expr) -> bool:
    """Whether a node is a number as NumPy and torch print them (signs, inf, nan, complex sums)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (bool, int, float, complex))
    if isinstance(node, ast.Name):
        return node.id in ("inf", "nan", "infj", "nanj")
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return is_number(node.operand) and not isinstance(node.operand, ast.UnaryOp)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        # A complex number: a real part, then a sign, then an imaginary part.
        return is_number(node.left) and not isinstance(node.left, ast.BinOp) and is_imaginary(node.right)
    return False


def is_imaginary(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, complex)
    return isinstance(node, ast.Name) and node.id in ("infj", "nanj")


def printed_tolerance(value: float, text: str) -> float:
    """Half a unit in the last printed decimal of `text` ("0.3333" -> 5e-05, "1.0000e-08" -> 5e-13).

    A number without decimals ("1.", "5.e-13") or equal to zero claims its exact value:
    NumPy and torch print a nonzero value as `0.` or `0.0000` only under options that say so,
    and then the real repr shows the same digits.
    """
    text = text.lower().lstrip("+-").rstrip("j")
    mantissa, _, exponent = text.partition("e")
    decimals = len(mantissa.partition(".")[2])
    if value == 0 or not decimals:
        return 0.0
    return 0.5 * 10.0 ** (int(exponent or 0) - decimals)


def dotted(node: ast.expr) -> str:
    """`torch.return_types.max` -> "torch.return_types.max"; raises Unknown for anything but names."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    raise Unknown


def shape_of(values: Any) -> tuple[tuple[int, bool], ...]:
    """Documented nested lists -> ((length, summarised), ...) per dimension; a leaf -> ()."""
    if not isinstance(values, list):
        return ()
    items = [v for v in values if v is not Ellipsis]
    inner = shape_of(items[0]) if items else ()
    return ((len(items), Ellipsis in values),) + inner


def describe_shape(shape: tuple) -> str:
    if not shape:
        return "a single value"
    return "[" + ", ".join(f"{n}+" if summarised else str(n) for n, summarised in shape) + "]"


def shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def leaves(values: Any) -> Iterator[Any]:
    if isinstance(values, list):
        for item in values:
            yield from leaves(item)
    elif values is not Ellipsis:
        yield values


def kind_of(values: Any) -> str:
    """What the printed numbers say the dtype is ("bool", "int", "float", "complex"; "other" for strings, records)."""
    kinds = set()
    for number in leaves(values):
        if number is MASKED:
            continue  # a masked element prints no value
        if not isinstance(number, Number):
            return "other"
        if isinstance(number.value, bool):
            kinds.add("bool")
        elif isinstance(number.value, complex):
            kinds.add("complex")
        elif isinstance(number.value, float):
            kinds.add("float")
        else:
            kinds.add("int")
    if "complex" in kinds:
        return "complex"
    if "float" in kinds or not kinds:
        return "float"  # an empty tensor([]) or array([]) is float
    return "bool" if kinds == {"bool"} else "int"
