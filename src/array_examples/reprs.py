"""Parse documented output into what it claims: type, shape, dtype, device, grad, values.

Documentation text is never evaluated. It is parsed with `ast` and only a
whitelist of forms is understood: tensor(...), array(...), NumPy scalars such
as np.float64(1.0), torch.Size([...]), dtypes, devices and Python literals.
Text that is none of these (`<class 'torch.Tensor'>`, `Parameter containing:`)
is kept as text and compared as text.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

# Names NumPy and torch print inside reprs; anything else is a typo, not a dtype.
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
    "longdouble",
    "complex64",
    "complex128",
    "clongdouble",
    "object",
    "str_",
    "bytes_",
    "datetime64",
    "timedelta64",
    "void",
}
NUMPY_SCALARS = {name for name in NUMPY_DTYPES if name not in ("object", "void")} | {"True_", "False_"}
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
LOOKS_STRUCTURED = re.compile(r"^\s*(tensor|array|np\.|torch\.|dtype|device)\(?")


class MalformedOutput(ValueError):
    """Documented text that claims to be a repr but cannot be read as one."""


@dataclass
class Number:
    value: complex | float | int | bool
    text: str  # as documented, to know its printed precision

    def tolerance(self) -> float:
        """Half a unit in the last printed digit; exact when no decimals are printed."""
        text = self.text.lower().replace(" ", "")
        if isinstance(self.value, (bool, int)) or "nan" in text or "inf" in text:
            return 0.0
        parts = re.findall(r"[\d.]+(?:e[+-]?\d+)?", text)
        worst = 0.0
        for part in parts:
            mantissa, _, exponent = part.partition("e")
            decimals = len(mantissa.partition(".")[2])
            if decimals:
                worst = max(worst, 0.5 * 10.0 ** (int(exponent or 0) - decimals))
        return worst


@dataclass
class TensorRepr:
    values: object  # nested lists of Number, with Ellipsis where summarised; Ellipsis alone for meta
    dtype: str  # documented or implied, e.g. "float32"
    dtype_written: bool
    device: str = "cpu"
    requires_grad: bool = False
    grad_fn: str | None = None
    size: tuple | None = None


@dataclass
class ArrayRepr:
    values: object
    dtype: str
    dtype_written: bool
    shape: tuple | None = None


@dataclass
class NumpyScalarRepr:
    type_name: str  # "float64", "bool", ...
    value: Number


@dataclass
class SizeRepr:
    dims: tuple


@dataclass
class DtypeRepr:
    library: str  # "torch" or "numpy"
    name: str


@dataclass
class DeviceRepr:
    name: str  # "cpu", "cuda:0"


@dataclass
class LiteralRepr:
    value: object  # a Python int, float, str, bool, None


@dataclass
class SequenceRepr:
    kind: type  # tuple or list
    items: list = field(default_factory=list)


@dataclass
class TextRepr:
    text: str


def parse(text: str):
    """Documented output text -> one of the *Repr classes above."""
    source = re.sub(r"<(\w+)>", r"'\1'", text.strip())  # grad_fn=<MulBackward0>
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        if LOOKS_STRUCTURED.match(text):
            raise MalformedOutput(f"cannot read {first_line(text)!r} as a repr: {error.msg}") from None
        return TextRepr(text)
    try:
        return Reader(source).read(tree.body)
    except Unknown:
        if LOOKS_STRUCTURED.match(text) and not re.match(r"^\s*(tensor|array)\(", text):
            raise MalformedOutput(f"cannot read {first_line(text)!r} as a repr") from None
        return TextRepr(text)


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


class Unknown(Exception):
    """A form outside the whitelist: the text is then compared as text."""


class Reader:
    def __init__(self, source: str):
        self.source = source

    def read(self, node):
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, (ast.Tuple, ast.List)):
            kind = tuple if isinstance(node, ast.Tuple) else list
            return SequenceRepr(kind, [self.read(item) for item in node.elts])
        if isinstance(node, ast.Attribute):
            library, name = dotted(node)
            if library == "torch" and name in TORCH_DTYPES:
                return DtypeRepr("torch", name)
            if library in ("np", "numpy") and name in ("True_", "False_"):
                return NumpyScalarRepr("bool", Number(name == "True_", name))
            raise MalformedOutput(f"unknown name {library}.{name}")
        try:
            value = ast.literal_eval(node)
        except ValueError:
            raise Unknown from None
        if isinstance(value, (int, float, complex, str, bytes, bool, type(None))):
            return LiteralRepr(value)
        raise Unknown

    def call(self, node: ast.Call):
        func = dotted(node.func)
        keywords = {k.arg: k.value for k in node.keywords}
        if func == (None, "tensor"):
            if set(keywords) - TENSOR_KEYWORDS or len(node.args) != 1:
                raise Unknown  # sparse, quantized, named: compared as text
            return self.tensor(node.args[0], keywords)
        if func == (None, "array"):
            if set(keywords) - ARRAY_KEYWORDS or len(node.args) != 1:
                raise MalformedOutput(f"array(...) takes one value and {sorted(ARRAY_KEYWORDS)}")
            return self.array(node.args[0], keywords)
        if func == ("torch", "Size"):
            return SizeRepr(tuple(self.number(n).value for n in node.args[0].elts))
        if func in (("np", "dtype"), (None, "dtype")):
            return DtypeRepr("numpy", self.dtype_name(node.args[0], NUMPY_DTYPES))
        if func in ((None, "device"), ("torch", "device")):
            kind = ast.literal_eval(keywords["type"]) if "type" in keywords else ast.literal_eval(node.args[0])
            index = ast.literal_eval(keywords["index"]) if "index" in keywords else None
            return DeviceRepr(kind if index is None else f"{kind}:{index}")
        if func[0] in ("np", "numpy") and func[1] in NUMPY_SCALARS:
            return NumpyScalarRepr(func[1].rstrip("_"), self.number(node.args[0]))
        raise Unknown

    def tensor(self, data, keywords) -> TensorRepr:
        values = self.values(data)
        written = "dtype" in keywords
        if written:
            library, name = dotted(keywords["dtype"])
            if library != "torch" or name not in TORCH_DTYPES:
                raise MalformedOutput(f"unknown torch dtype {ast.unparse(keywords['dtype'])}")
            dtype = name
        else:
            # torch prints no dtype for its defaults: float32, complex64, int64, bool.
            dtype = implied_dtype(values, {"float": "float32", "complex": "complex64"})
        size = tuple(ast.literal_eval(keywords["size"])) if "size" in keywords else None
        return TensorRepr(
            values,
            dtype,
            written,
            device=ast.literal_eval(keywords["device"]) if "device" in keywords else "cpu",
            requires_grad="requires_grad" in keywords or "grad_fn" in keywords,
            grad_fn=ast.literal_eval(keywords["grad_fn"]) if "grad_fn" in keywords else None,
            size=size,
        )

    def array(self, data, keywords) -> ArrayRepr:
        values = self.values(data)
        written = "dtype" in keywords
        if written:
            dtype = self.dtype_name(keywords["dtype"], NUMPY_DTYPES)
        else:
            # NumPy prints no dtype for float64, int64 (the default int), bool, complex128.
            dtype = implied_dtype(values, {"float": "float64", "complex": "complex128"})
        shape = tuple(ast.literal_eval(keywords["shape"])) if "shape" in keywords else None
        return ArrayRepr(values, dtype, written, shape)

    def dtype_name(self, node, known) -> str:
        name = node.id if isinstance(node, ast.Name) else ast.literal_eval(node) if isinstance(node, ast.Constant) else None
        if not isinstance(name, str):
            raise MalformedOutput(f"cannot read dtype {ast.unparse(node)}")
        if name not in known and not re.fullmatch(r"[<>|=][a-zA-Z]\d*", name):
            raise MalformedOutput(f"unknown NumPy dtype {name}")
        return name

    def values(self, node):
        if isinstance(node, ast.List):
            return [self.values(item) for item in node.elts]
        if isinstance(node, ast.Constant) and node.value is Ellipsis:
            return Ellipsis
        return self.number(node)

    def number(self, node) -> Number:
        text = ast.get_source_segment(self.source, node) or ast.unparse(node)
        try:
            if isinstance(node, ast.Name) and node.id in ("nan", "inf"):
                return Number(float(node.id), text)
            if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Name) and node.operand.id == "inf":
                return Number(float("-inf") if isinstance(node.op, ast.USub) else float("inf"), text)
            value = ast.literal_eval(node)
        except ValueError:
            raise MalformedOutput(f"{text} is not a number") from None
        if not isinstance(value, (bool, int, float, complex)):
            raise MalformedOutput(f"{text} is not a number")
        return Number(value, text)


def dotted(node) -> tuple[str | None, str]:
    if isinstance(node, ast.Name):
        return None, node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id, node.attr
    raise Unknown


def leaves(values):
    if isinstance(values, list):
        for item in values:
            yield from leaves(item)
    elif values is not Ellipsis:
        yield values


def implied_dtype(values, defaults: dict) -> str:
    kinds = set()
    for number in leaves(values):
        if isinstance(number.value, bool):
            kinds.add("bool")
        elif isinstance(number.value, complex) or "j" in number.text:
            kinds.add("complex")
        elif isinstance(number.value, float):
            kinds.add("float")
    if "complex" in kinds:
        return defaults["complex"]
    if "float" in kinds or not any(True for _ in leaves(values)):
        return defaults["float"]  # an empty tensor([]) or array([]) is float
    return "bool" if kinds == {"bool"} else "int64"
