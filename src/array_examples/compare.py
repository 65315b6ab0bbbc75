"""Compare what an example documents with what it really produced, by meaning.

Each function returns a list of differences, one short line each, such as
`dtype: documented torch.int64, actual torch.float32`. An empty list is a match.
Formatting never counts: only type, shape, dtype, device, grad and values do.

The rule: every element and every dimension the documented text shows is
checked, and nothing the real object would print differently is accepted.
So besides the real value, the comparison reads the real value's repr (under
the print options and default dtype in force when the statement ran, which is
now: this runs in the example's child process right after the statement) with
the same reader as the documented text, and uses it to know which digits, signs
of zeros and summaries (`...`) the real object prints at each place.

torch is never imported here: where a value is a tensor, torch is already loaded.
"""

from __future__ import annotations

import dataclasses
import fractions
import math
import re
import sys
from typing import Any, TypeVar

import numpy as np

from array_examples import reprs

# What NumPy prints no dtype= for (numpy's arrayprint._typelessdata), by the kind of the printed numbers.
NUMPY_IMPLIED = {"bool": np.bool_, "int": np.int_, "float": np.float64, "complex": np.complex128}
# A quoted string, a run of whitespace, or a trailing comment, in repr text.
# Where an object's default repr puts its memory address, which differs from run to run.
ADDRESS = re.compile(r"(?<= at )0x[0-9a-fA-F]+(?=>)")
# A sign before an integer zero (`-0`; Python's `(-0+2j)` and `-0j` are floats) or before nan.
UNPRINTED_SIGN = re.compile(r"-(?:0(?![\d.eEjJxX+-])|nan)")
REPR_PIECES = re.compile(r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\s+#[^\n]*|\s+""")

T = TypeVar("T")


def normalise(text: str) -> str:
    """Collapse runs of whitespace, for messages and printed text."""
    return " ".join(text.split())


def compare_value(documented: str, actual: Any, shown: str | None = None) -> list[str]:
    """Differences between the `#>` text under an expression and its value `actual`; [] for a match.

    `shown`: repr(actual) if the caller has just made it (a tensor's repr is costly), else made here.
    Raises reprs.MalformedOutput for documented text that starts like a repr but
    cannot be read as one. Never raises anything else: what cannot be compared
    comes back as a difference starting with "cannot compare".
    """
    try:
        shown = repr(actual) if shown is None else shown
    except Exception as error:
        return [f"cannot compare: repr() of the actual value raised {type(error).__name__}: {error}"]
    try:
        text_matches = same_text(documented, shown)
        try:
            expected = reprs.parse(documented)
        except reprs.MalformedOutput:
            if text_matches:
                return []  # a custom formatter's output, exactly as the reader sees it
            raise
        try:
            real = reprs.parse(shown)
        except Exception:
            real = None  # e.g. a custom formatter's output: then the documented digits alone decide
        found = difference(expected, actual, real, "")
        if text_matches:
            # The reader sees exactly this text (digits under a custom formatter too), but a repr also
            # claims a type: a class whose repr reads `tensor([1, 2])` is not a tensor.
            return [line for line in found if line.startswith("type")]
        return found
    except reprs.MalformedOutput:
        raise
    except Exception as error:
        return [f"cannot compare: {type(error).__name__}: {error}"]


def same_text(documented: str, shown: str) -> bool:
    """Whether documented text is the repr `shown`, up to line wrapping, indentation and trailing comments.

    Comments (`# may vary`) are ignored as in the structured comparison, which
    reads the text with Python's parser; quoted strings are compared exactly.
    """
    real = repr_text(shown, keep_comments=True)
    return repr_text(documented, keep_comments=True) == real or repr_text(documented, keep_comments=False) == real


def without_addresses(text: str) -> str:
    """`<object object at 0x7f...>` with the address masked: no run can make an address true."""
    return ADDRESS.sub("0x...", text)


def repr_text(text: str, keep_comments: bool) -> str:
    """Repr text without formatting: whitespace collapsed, none next to brackets and commas, comments optional."""
    text = without_addresses(text.strip())

    def piece(match: re.Match[str]) -> str:
        found = match.group()
        if not found[0].isspace():
            return found  # a quoted string
        if "#" in found:
            return found if keep_comments else ""
        before = text[match.start() - 1] if match.start() else "("
        after = text[match.end()] if match.end() < len(text) else ")"
        return "" if before in "([{" or after in ")]},\n" else " "

    return REPR_PIECES.sub(piece, text).strip()


def difference(expected: object, actual: Any, real: Any, where: str) -> list[str]:
    """Differences between one parsed documented repr and a value; `real` is the value's own parsed repr or None.

    Raises reprs.MalformedOutput where the documented text names no dtype or scalar
    NumPy can make, TypeError for a repr class it has no comparison for.
    """
    at = f" at {where}" if where else ""
    if isinstance(expected, reprs.TensorRepr):
        return tensor_difference(expected, actual, real, at)
    if expected is reprs.MASKED or actual is reprs.MASKED:  # an element of a masked array
        return [] if expected is actual else [f"mask{at}: documented {describe(expected)}, actual {actual!r}"]
    if isinstance(expected, reprs.ArrayRepr):
        return array_difference(expected, actual, real, at)
    if isinstance(expected, reprs.MaskedArrayRepr):
        return masked_array_difference(expected, actual, real, where, at)
    if isinstance(expected, reprs.NumpyScalarRepr):
        return numpy_scalar_difference(expected, actual, real, where, at)
    if isinstance(expected, reprs.Number):
        return number_difference(expected, actual, printed_as(real, reprs.Number), f"value{at}")
    return other_difference(expected, actual, real, where, at)


def other_difference(expected: object, actual: Any, real: Any, where: str, at: str) -> list[str]:
    """difference() for the reprs that are not arrays or numbers: torch.Size, dtypes, devices, torch's
    named tuples, sequences, literals, and text; `at` is " at WHERE" or ""."""
    if isinstance(expected, reprs.SizeRepr):
        return size_difference(expected, actual, at)
    if isinstance(expected, reprs.DtypeRepr):
        return dtype_difference(expected, actual, at)
    if isinstance(expected, reprs.DeviceRepr):
        return device_difference(expected, actual, at)
    if isinstance(expected, reprs.ReturnTypesRepr):
        return return_types_difference(expected, actual, real, where, at)
    if isinstance(expected, reprs.RecordRepr):
        return record_difference(expected, actual, real, where, at)
    if isinstance(expected, reprs.SequenceRepr):
        return sequence_difference(expected, actual, real, where, at)
    if isinstance(expected, reprs.DictRepr):
        return dict_difference(expected, actual, real, where, at)
    if isinstance(expected, reprs.LiteralRepr):
        return literal_difference(expected, actual, real, at)
    if isinstance(expected, reprs.TextRepr):
        # Text outside the whitelist (`<class 'torch.Tensor'>`): the report's diff shows both sides.
        return [] if same_text(expected.text, repr(actual)) else [f"repr{at}: documented text differs from the actual repr"]
    raise TypeError(f"no comparison for {type(expected).__name__}")


def size_difference(expected: reprs.SizeRepr, actual: Any, at: str) -> list[str]:
    """A documented torch.Size against the value: its type and dimensions."""
    torch = sys.modules.get("torch")
    if torch is None or not isinstance(actual, torch.Size):
        return [f"type{at}: documented torch.Size, actual {type_name(actual)}"]
    return [] if tuple(actual) == expected.dims else [f"shape{at}: documented {expected.dims}, actual {tuple(actual)}"]


def device_difference(expected: reprs.DeviceRepr, actual: Any, at: str) -> list[str]:
    """A documented torch.device against the value: its type and name."""
    torch = sys.modules.get("torch")
    if torch is None or not isinstance(actual, torch.device):
        return [f"type{at}: documented torch.device, actual {type_name(actual)}"]
    return [] if str(actual) == expected.name else [f"device{at}: documented {expected.name}, actual {actual}"]


def type_name(value: object) -> str:
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def printed_as(real: Any, kind: type[T]) -> T | None:
    """The real repr's part if it is of the same kind as the documented one, else None."""
    return real if isinstance(real, kind) else None


def tensor_difference(expected: reprs.TensorRepr, actual: Any, real: Any, at: str) -> list[str]:
    torch = sys.modules.get("torch")
    if torch is None or type(actual) is not torch.Tensor:
        # nn.Parameter prints "Parameter containing:", so a bare tensor( repr is a plain Tensor.
        return [f"type{at}: documented torch.Tensor, actual {type_name(actual)}"]
    found = tensor_attribute_differences(torch, expected, actual, at)
    if actual.device.type == "meta":  # a meta tensor has a shape but no values: it prints `...` for them
        if expected.values is not Ellipsis:
            found.append(f"values{at}: documented values, but the real tensor is on the meta device and prints ... for them")
        return found
    real_values = real.values if isinstance(real, reprs.TensorRepr) else None
    shape = tuple(actual.shape)
    # `tensor([], size=(2, 0))` shows no dimensions in its values; any other documented list shows them all.
    check_shape = expected.size is None or expected.values != []
    values = listable_values(torch, actual).tolist()
    return found + values_difference(expected.values, values, real_values, shape, check_shape, at, "tensor")


def tensor_attribute_differences(torch: Any, expected: reprs.TensorRepr, actual: Any, at: str) -> list[str]:
    """A documented tensor's dtype (written or implied), device, requires_grad, grad_fn and size against the tensor's."""
    found = []
    wanted = getattr(torch, str(expected.dtype)) if expected.dtype_written else implied_torch_dtype(torch, expected.kind)
    if actual.dtype != wanted:
        how = "" if expected.dtype_written else " (implied: the repr shows no dtype=)"
        found.append(f"dtype{at}: documented {wanted}{how}, actual {actual.dtype}")
        if not expected.dtype_written and expected.kind in ("float", "complex"):
            found[-1] += f"; the default dtype is {torch.get_default_dtype()}"  # set_default_dtype changes what is implied
    if str(actual.device) != expected.device:
        found.append(f"device{at}: documented {expected.device}, actual {actual.device}")
    if actual.requires_grad != expected.requires_grad:
        found.append(f"requires_grad{at}: documented {expected.requires_grad}, actual {actual.requires_grad}")
    actual_fn = type(actual.grad_fn).__name__ if actual.grad_fn is not None else None
    if expected.requires_grad and actual_fn != expected.grad_fn:
        found.append(f"grad_fn{at}: documented {expected.grad_fn}, actual {actual_fn}")
    if expected.size is not None and tuple(actual.shape) != expected.size:
        found.append(f"shape{at}: documented {expected.size}, actual {tuple(actual.shape)}")
    return found


def listable_values(torch: Any, tensor: Any) -> Any:
    """The tensor's values on the CPU, in a dtype whose tolist() gives Python numbers (half and 8-bit floats
    as float32, complex32 as complex64), with conjugation and negation bits applied."""
    values = tensor.detach().cpu().resolve_conj().resolve_neg()
    if values.dtype in (torch.bfloat16, torch.float16) or values.dtype.is_floating_point and values.dtype.itemsize == 1:
        values = values.float()
    if values.dtype == torch.complex32:
        values = values.to(torch.complex64)
    return values


def implied_torch_dtype(torch: Any, kind: str) -> Any:
    """The dtype torch prints no dtype= for, given what the values look like (torch/_tensor_str.py)."""
    default = torch.get_default_dtype()
    if kind == "float":
        return default
    if kind == "complex":
        return torch.complex128 if default == torch.float64 else torch.complex64
    return torch.bool if kind == "bool" else torch.int64


def array_difference(expected: reprs.ArrayRepr, actual: Any, real: Any, at: str, values: Any = None) -> list[str]:
    """A documented array against the value: its type, dtype (written or implied), shape and every element shown.

    `values`: the elements to compare, where not element_values(actual) (a masked array's, see masked_values).
    """
    if type(actual) is not np.ndarray:
        return [f"type{at}: documented numpy.ndarray, actual {type_name(actual)}"]
    found = []
    if expected.dtype_written:
        wanted = numpy_dtype(expected.dtype)
        if actual.dtype != wanted:
            found.append(f"dtype{at}: documented {wanted}, actual {actual.dtype}")
    else:
        # NumPy omits dtype= only for these exact native types (not for longlong, which equals int64).
        implied = NUMPY_IMPLIED[expected.kind]
        if actual.dtype.type is not implied or not actual.dtype.isnative:
            shown = actual.dtype.str if not actual.dtype.isnative else f"{actual.dtype} (numpy.{actual.dtype.type.__name__})"
            shown = str(actual.dtype) if actual.dtype != np.dtype(implied) else shown
            found.append(f"dtype{at}: documented {np.dtype(implied)} (implied: the repr shows no dtype=), actual {shown}")
    if expected.shape is not None and actual.shape != expected.shape:
        found.append(f"shape{at}: documented {expected.shape}, actual {actual.shape}")
    real_values = real.values if isinstance(real, reprs.ArrayRepr) else None
    return found + values_difference(
        expected.values,
        element_values(actual) if values is None else values,
        real_values,
        actual.shape,
        expected.shape is None or expected.values != [],
        at,
        "array",
    )


def masked_array_difference(expected: reprs.MaskedArrayRepr, actual: Any, real: Any, where: str, at: str) -> list[str]:
    """A documented masked array against the value: its type, then its data as an array's (dtype, shape, each
    element shown, `--` exactly where the element is masked), its mask and its fill value, each by meaning."""
    # np.ma.masked, the masked constant, is a MaskedArray that prints `masked` (its fill_value cannot be read).
    if not isinstance(actual, np.ma.MaskedArray) or isinstance(actual, np.ma.core.MaskedConstant):
        return [f"type{at}: documented numpy.ma.MaskedArray, actual {type_name(actual)}"]
    real = printed_as(real, reprs.MaskedArrayRepr)
    data = np.ma.getdata(actual)
    found = array_difference(expected.data, data, real.data if real else None, at, masked_values(actual))
    if found:
        return found
    mask = np.ma.getmaskarray(actual)
    if isinstance(expected.mask, list):
        found += values_difference(expected.mask, element_values(mask), real.mask if real else None, mask.shape, True, at, "mask")
        found = [line.replace("value", "mask", 1) for line in found]
    elif isinstance(expected.mask, reprs.Number) and bool(expected.mask.value) != bool(
        mask.all() if expected.mask.value else mask.any()
    ):
        claim = "True (every element masked)" if expected.mask.value else "False (no element masked)"
        found.append(f"mask{at}: documented {claim}, actual {int(mask.sum())} of {mask.size} masked")
    elif expected.mask is not None and not isinstance(expected.mask, reprs.Number):
        raise reprs.MalformedOutput(f"mask= takes True, False or a list, not {describe(expected.mask)}")
    if expected.fill_value is not None:
        real_fill = real.fill_value if real else None
        found += difference(expected.fill_value, actual.fill_value, real_fill, f"{where}.fill_value".lstrip("."))
    return found


def masked_values(array: np.ma.MaskedArray) -> Any:
    """A masked array's elements as element_values gives them, with MASKED where an element (or a record's
    field) is masked, as its repr prints `--`."""

    def overlay(values: Any, flags: Any) -> Any:
        if isinstance(flags, list):
            return [overlay(value, flag) for value, flag in zip(values, flags)]
        if isinstance(flags, tuple):
            return tuple(overlay(value, flag) for value, flag in zip(values, flags))  # a record; nested ones too
        return reprs.MASKED if flags else values

    return overlay(element_values(np.ma.getdata(array)), element_values(np.ma.getmaskarray(array)))


def numpy_dtype(spec: Any, align: bool = False) -> np.dtype:
    """The NumPy dtype a documented dtype= or dtype(...) names; raises MalformedOutput for none."""
    try:
        if spec == "StringDType()":
            return np.dtypes.StringDType()
        return np.dtype(spec, align=align)
    except (TypeError, ValueError, AttributeError) as error:
        raise reprs.MalformedOutput(f"unknown NumPy dtype {spec!r}: {error}") from None


def element_values(array: np.ndarray) -> Any:
    """An array's elements as nested lists of the Python values its repr prints.

    Dates print as ISO strings, durations as integers, and both as 'NaT' when
    missing; a record of a structured array is a tuple of its fields.
    """
    if array.dtype.names:
        fields = [element_values(array[name]) for name in array.dtype.names]
        return records(fields, array.ndim)
    if array.dtype.kind == "M":
        return np.datetime_as_string(array).tolist()
    if array.dtype.kind == "m":
        counts = array.astype("int64").astype(object)
        counts[np.isnat(array)] = "NaT"
        return counts.tolist()
    return array.tolist()


def records(fields: list[Any], depth: int) -> Any:
    if depth == 0:
        return tuple(fields)
    return [records([field[i] for field in fields], depth - 1) for i in range(len(fields[0]))]


def values_difference(
    expected: Any, actual: Any, real: Any, shape: tuple[int, ...], check_shape: bool, at: str, noun: str
) -> list[str]:
    """Check every documented element and every summary (`...`) against the real values and the real repr's.

    `expected` and `real` are nested lists of leaves with Ellipsis where summarised
    (`real` is None where the real repr could not be read); `actual` holds the
    real values as nested lists.
    """
    if expected is Ellipsis or real is Ellipsis:
        # `tensor(...)` shows no value at all: only a meta tensor prints that (checked by the caller).
        return [] if expected is real else [f"summary{at}: documented ... for all the values, but the real {noun} prints them"]
    documented_shape = reprs.shape_of(expected)
    if check_shape and not shape_fits(documented_shape, shape):
        shown = tuple(f"{n}+" if summarised else n for n, summarised in documented_shape)
        return [f"shape{at}: documented {shown}, actual {shape}".replace("'", "")]
    wrong: list[tuple[Any, ...]] = []  # (index, documented, value), filled by walk
    summaries: list[tuple[Any, str]] = []  # (index, message)
    walk(expected, actual, real, (), wrong, summaries, summarised_depths(real), noun)
    found = [f"summary{at}{where_index(index)}: {message}" for index, message in summaries[:1]]
    if wrong:
        index, documented, value = wrong[0]
        more = f" (and {len(wrong) - 1} more)" if len(wrong) > 1 else ""
        found.append(f"value{at} at index {list(index)}: documented {documented}, actual {value!r}{more}")
    return found


def summarised_depths(real: Any, depth: int = 0) -> set[int] | None:
    """The dimensions the real repr summarises; None where it could not be read.

    NumPy and torch summarise a dimension in every row alike (edgeitems apply per dimension).
    """
    if real is None:
        return None
    found = set()
    if isinstance(real, list):
        if Ellipsis in real:
            found.add(depth)
        for item in real:
            found |= summarised_depths(item, depth + 1) or set()
    return found


def where_index(index: tuple) -> str:
    return f" at index {list(index)}" if index else ""


def shape_fits(documented: tuple, actual: tuple) -> bool:
    if len(documented) != len(actual):
        return False
    return all(n < real if summarised else n == real for (n, summarised), real in zip(documented, actual))


def positions(items: list, length: int) -> list:
    """(item, index in the real dimension) for one documented list over a dimension of `length`.

    A summary shows the first and the last items of a long dimension.
    """
    if Ellipsis not in items:
        return list(zip(items, range(len(items))))
    cut = items.index(Ellipsis)
    head, tail = items[:cut], items[cut + 1 :]
    return list(zip(head, range(len(head)))) + list(zip(tail, range(length - len(tail), length)))


def walk(
    expected: Any,
    actual: Any,
    real: Any,
    index: tuple[int, ...],
    wrong: list[tuple[Any, ...]],
    summaries: list[tuple[Any, str]],
    summarised: set[int] | None,
    noun: str,
) -> None:
    """Compare documented nested lists with the actual ones, position by position.

    `real` is the real repr's part at the same place (None where it prints none);
    `summarised` the dimensions it summarises. Collects (index, documented, actual)
    into `wrong` and (index, message) into `summaries`.
    """
    if not isinstance(expected, list):
        if element_difference(expected, actual, real):
            wrong.append((index, describe(expected), actual))
        return
    if not isinstance(actual, list):
        wrong.append((index, "a list", actual))
        return
    if Ellipsis in expected:
        # A `...` claims the real object is long enough to be summarised under the print options in force.
        if summarised is None:
            summaries.append((index, "cannot check the summary (...): the real repr could not be read"))
        elif len(index) not in summarised:
            summaries.append(
                (index, f"documented a summary (...), but the real {noun} has {len(actual)} elements there and prints them all")
            )
    real_at = {position: item for item, position in positions(real, len(actual))} if isinstance(real, list) else {}
    for item, position in positions(expected, len(actual)):
        if 0 <= position < len(actual):
            walk(item, actual[position], real_at.get(position), index + (position,), wrong, summaries, summarised, noun)


def element_difference(expected: Any, actual: Any, real: Any) -> list[str]:
    if isinstance(expected, reprs.Number) and actual is not reprs.MASKED:
        return number_difference(expected, actual, printed_as(real, reprs.Number), "value")
    return difference(expected, actual, real, "")


def describe(expected: object) -> str:
    """Documented element as text, for messages."""
    if isinstance(expected, reprs.Number):
        return expected.text
    if isinstance(expected, reprs.LiteralRepr):
        return repr(expected.value)
    if isinstance(expected, reprs.SequenceRepr):
        inner = ", ".join(describe(item) for item in expected.items)
        return f"({inner}{',' if len(expected.items) == 1 else ''})" if expected.kind is tuple else f"[{inner}]"
    if isinstance(expected, reprs.TextRepr):
        return expected.text
    if expected is reprs.MASKED:
        return "--"
    if isinstance(expected, reprs.NumpyScalarRepr):
        return f"numpy.{expected.type_name}({expected.value.text if isinstance(expected.value, reprs.Number) else ', '.join(map(describe, expected.arguments))})"
    return {reprs.TensorRepr: "tensor(...)", reprs.ArrayRepr: "array(...)"}.get(type(expected), f"a {type(expected).__name__}")


def number_difference(
    expected: reprs.Number, actual: object, printed: reprs.Number | None, what: str, tolerance: bool = True
) -> list[str]:
    """One documented number against a real scalar; `printed` is the number the real repr prints there, if known.

    The number matches when it equals `printed` as a number (NumPy prints `1.` for
    1.000000004), or when it equals the value to half a unit of its own last
    printed digit (`tolerance=False`: exactly). A zero's sign must match.
    Returns [] or the one difference, as text.
    """
    value = python_scalar(actual)
    if number_matches(expected, value, printed, tolerance):
        return []
    return [f"{what}: documented {expected.text}, actual {value!r}"]


def python_scalar(actual: object) -> object:
    """A NumPy scalar as the Python bool, int, float or complex it holds; an np.longdouble or
    np.clongdouble with more digits than a float stays itself. Anything else is returned as it is."""
    if not isinstance(actual, np.generic):
        return actual
    value = actual.item()
    if extended(value):
        return value
    if isinstance(value, np.complexfloating):
        return complex(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def number_matches(expected: reprs.Number, value: object, printed: reprs.Number | None, tolerance: bool) -> bool:
    """number_difference's rule. The first test that applies decides, in this order:

    1. what the real repr does not print (`-0` for an integer, `-nan`, `0.` in an int64 array): no match;
    2. a bool on either side: only the same bool matches;
    3. extended precision, or documented digits finer than a float holds: compared exactly (extended_same);
    4. what the real repr prints at this place, to no more digits than it prints: a match;
    5. anything but a number: no match;
    6. two integers: equal;
    7. otherwise, as complex numbers, each part within half a unit of its last documented digit.
    """
    wanted = expected.value
    if unprinted_sign(expected, printed) or other_kind(expected, value, printed):
        return False
    if isinstance(wanted, bool) or isinstance(value, bool):
        return type(value) is bool and isinstance(wanted, bool) and value == wanted
    if extended(value) or tolerance and isinstance(value, (int, float, complex)) and beyond_float(expected):
        return extended_same(expected, value, printed, tolerance)
    if printed is not None and same_number(wanted, printed.value) and not finer(expected, printed):
        return True
    if not isinstance(value, (int, float, complex)):
        return False
    if isinstance(wanted, int) and isinstance(value, int):
        return value == wanted
    return within_tolerance(expected, complex(value), tolerance)


def within_tolerance(expected: reprs.Number, value: complex, tolerance: bool) -> bool:
    """Whether each part of `value` is within half a unit of the last digit documented for it (exactly equal without `tolerance`)."""
    real_part_tolerance, imaginary_part_tolerance = expected.tolerances if tolerance else (0.0, 0.0)
    wanted = complex(expected.value)
    return close(value.real, wanted.real, real_part_tolerance) and close(value.imag, wanted.imag, imaginary_part_tolerance)


def extended(value: object) -> bool:
    """Whether a value is an np.longdouble or np.clongdouble with more digits than a float (x86's 80-bit type)."""
    return isinstance(value, (np.longdouble, np.clongdouble)) and np.finfo(np.longdouble).nmant > np.finfo(np.float64).nmant


def beyond_float(number: reprs.Number) -> bool:
    """Whether a documented number shows digits finer than a float holds (NumPy's legacy='1.13' prints 17)."""
    value = complex(number.value)
    return any(0 < tolerance < math.ulp(part) for tolerance, part in zip(number.tolerances, (value.real, value.imag)))


def extended_same(expected: reprs.Number, actual: Any, printed: reprs.Number | None, tolerance: bool) -> bool:
    """number_difference's rules, computed exactly: for an extended-precision value, or digits a float cannot hold."""
    wanted = exact_parts(expected.text)
    if printed is not None and exact_parts(printed.text) == wanted and not finer(expected, printed):
        return same_number(expected.value, printed.value)  # as printed; same_number also compares the signs of zeros
    tolerances = expected.tolerances if tolerance else (0.0, 0.0)
    signs = complex(expected.value)
    parts = zip((actual.real, actual.imag), wanted, (signs.real, signs.imag), tolerances)
    return all(extended_close(value, exact, sign, part_tolerance) for value, exact, sign, part_tolerance in parts)


def extended_close(value: Any, wanted: Any, wanted_float: float, tolerance: float) -> bool:
    """close() for one np.longdouble part against an exact documented part (a Fraction, or a float for inf and nan)."""
    if isinstance(wanted, float) or not np.isfinite(value) or wanted == 0:
        return same_float(float(value), wanted_float) and (value == 0) == (wanted == 0)
    return abs(fractions.Fraction(*value.as_integer_ratio()) - wanted) <= fractions.Fraction(tolerance * (1 + 1e-9))


def exact_parts(text: str) -> tuple:
    """A printed number's (real, imaginary) parts, exactly: Fractions, or floats for inf and nan ("1.5-infj")."""
    text = text.strip().strip("()")
    cut = re.search(r"(?<=[\dnf.])[+-]", text)  # the sign between the parts, not one after an exponent's e
    if cut:
        real, imaginary = text[: cut.start()], text[cut.start() :]
    else:
        real, imaginary = ("0", text) if text[-1:] in "jJ" else (text, "0")
    return exact_number(real), exact_number(imaginary.rstrip("jJ"))


def exact_number(text: str) -> Any:
    try:
        return fractions.Fraction(text)
    except ValueError:
        return float(text)  # inf, nan


def unprinted_sign(documented: reprs.Number, printed: reprs.Number | None) -> bool:
    """Whether a documented number shows a sign the real repr does not: `-0` for an integer, or `-nan`.

    Only torch under precision=0 prints `-0` (for -0.2); nothing prints `-nan`.
    """
    return bool(UNPRINTED_SIGN.search(documented.text)) and not (printed is not None and UNPRINTED_SIGN.search(printed.text))


def other_kind(documented: reprs.Number, actual: object, printed: reprs.Number | None) -> bool:
    """Whether a documented number is another kind (bool, int, float, complex) than the real repr prints there.

    `1`, `1.` and `1.+0.j` differ. A float value printed as an integer (torch under precision=0 prints
    `tensor([0, 2])` for [0.1, 1.5]) may still be documented with decimals.
    """
    if printed is None or type(printed.value) is type(documented.value):
        return False
    value_kind = (
        complex
        if isinstance(actual, (complex, np.complexfloating))
        else float
        if isinstance(actual, (float, np.floating))
        else None
    )
    return not (type(documented.value) is float and value_kind is float)


def finer(documented: reprs.Number, printed: reprs.Number) -> bool:
    """Whether a documented number claims more precision than the real repr prints (`1.` where torch prints `1.0000`).

    A printed number without decimals (NumPy's `1.` for 1.000000004) has tolerance 0 but shows no decimal
    at all: documented decimals (`1.0000`) are then a finer claim, checked against the value.
    """
    return any(mine < theirs or (mine > 0 and theirs == 0) for mine, theirs in zip(documented.tolerances, printed.tolerances))


def same_number(a: Any, b: Any) -> bool:
    """Equal as printed numbers: nan equals nan, and -0. differs from 0; integers exactly."""
    if isinstance(a, int) and isinstance(b, int):
        return a == b  # as floats, integers beyond 2**53 round together
    a, b = complex(a), complex(b)
    return same_float(a.real, b.real) and same_float(a.imag, b.imag)


def same_float(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def close(actual: float, wanted: float, tolerance: float) -> bool:
    if math.isnan(wanted) or math.isnan(actual) or math.isinf(wanted) or math.isinf(actual) or wanted == 0:
        return same_float(actual, wanted)  # a documented zero claims the value and the sign a reader sees
    # The factor absorbs rounding in computing the tolerance itself; a tolerance of 0 stays exact.
    return abs(actual - wanted) <= tolerance * (1 + 1e-9)


def numpy_scalar_difference(expected: reprs.NumpyScalarRepr, actual: Any, real: Any, where: str, at: str) -> list[str]:
    wanted_type = np.bool_ if expected.type_name == "bool" else getattr(np, expected.type_name)
    if not (isinstance(actual, np.generic) and same_scalar_type(type(actual), wanted_type)):
        return [f"type{at}: documented numpy.{wanted_type.__name__}, actual {type_name(actual)}"]
    real = printed_as(real, reprs.NumpyScalarRepr)
    if isinstance(expected.value, reprs.Number):
        return number_difference(expected.value, actual, real.value if real else None, f"value{at}")
    if expected.type_name in ("void", "record"):
        return void_difference(expected, actual, real, where, at)
    arguments = tuple(literal_value(argument) for argument in expected.arguments)
    if expected.type_name in ("datetime64", "timedelta64"):
        try:
            wanted = wanted_type(*arguments)
        except (TypeError, ValueError) as error:
            raise reprs.MalformedOutput(f"cannot read numpy.{expected.type_name}{arguments!r}: {error}") from None
        if actual.dtype != wanted.dtype:
            return [f"dtype{at}: documented {wanted.dtype}, actual {actual.dtype}"]
        same = bool(np.isnat(actual) and np.isnat(wanted)) or bool(actual == wanted)
        return [] if same else [f"value{at}: documented {wanted!r}, actual {actual!r}"]
    if len(arguments) != 1:
        raise reprs.MalformedOutput(f"numpy.{expected.type_name}(...) takes one value")
    value = actual.item()
    same = type(value) is type(arguments[0]) and value == arguments[0]
    return [] if same else [f"value{at}: documented {arguments[0]!r}, actual {value!r}"]


def void_difference(expected: reprs.NumpyScalarRepr, actual: Any, real: Any, where: str, at: str) -> list[str]:
    """np.void(b'\\x61\\x62') holds raw bytes; np.void((0, 0.0), dtype=[...]) is a record of a structured array."""
    if len(expected.arguments) != 1:
        raise reprs.MalformedOutput("numpy.void(...) takes one value")
    found = []
    if expected.dtype is not None and actual.dtype != numpy_dtype(expected.dtype):
        found.append(f"dtype{at}: documented {numpy_dtype(expected.dtype)}, actual {actual.dtype}")
    argument = expected.arguments[0]
    if isinstance(argument, reprs.LiteralRepr) and isinstance(argument.value, bytes):
        same = actual.tobytes() == argument.value
        return found + ([] if same else [f"value{at}: documented {argument.value!r}, actual {actual.tobytes()!r}"])
    real_record = real.arguments[0] if real and real.arguments else None
    return found + difference(argument, element_values(np.asarray(actual)), real_record, where)


def same_scalar_type(actual: type, wanted: type) -> bool:
    """np.longlong prints as np.int64: a scalar type matches any type of the same dtype."""
    if actual is wanted:
        return True
    try:
        return np.dtype(actual) == np.dtype(wanted) and np.dtype(actual).kind not in "OSUVMm"
    except TypeError:
        return False


def literal_value(element: Any) -> Any:
    """The Python value of a scalar's argument as the reader gives it (a Number or a LiteralRepr)."""
    if isinstance(element, reprs.Number):
        return element.value
    if isinstance(element, reprs.LiteralRepr):
        return element.value
    raise reprs.MalformedOutput(f"cannot read the argument {describe(element)}")


def dtype_difference(expected: reprs.DtypeRepr, actual: Any, at: str) -> list[str]:
    if expected.library == "torch":
        torch = sys.modules.get("torch")
        if torch is None or not isinstance(actual, torch.dtype):
            return [f"type{at}: documented torch.dtype, actual {type_name(actual)}"]
        wanted = getattr(torch, str(expected.name))
    else:
        if not isinstance(actual, np.dtype):
            return [f"type{at}: documented numpy.dtype, actual {type_name(actual)}"]
        wanted = numpy_dtype(expected.name, expected.align)
    return [] if actual == wanted else [f"dtype{at}: documented {wanted}, actual {actual}"]


def return_types_difference(expected: reprs.ReturnTypesRepr, actual: Any, real: Any, where: str, at: str) -> list[str]:
    kind = type(actual)
    if kind.__module__ != "torch.return_types" or kind.__name__ != expected.name:
        return [f"type{at}: documented torch.return_types.{expected.name}, actual {type_name(actual)}"]
    names = list(getattr(kind, "__match_args__", ()))
    if names != list(expected.fields):
        return [f"fields{at}: documented {list(expected.fields)}, actual {names}"]
    real = printed_as(real, reprs.ReturnTypesRepr)
    found = []
    for name, item in expected.fields.items():
        found += difference(item, getattr(actual, name), real.fields.get(name) if real else None, f"{where}.{name}".lstrip("."))
    return found


def record_difference(expected: reprs.RecordRepr, actual: Any, real: Any, where: str, at: str) -> list[str]:
    """A result object's class name, its field names in order (where the class declares them) and each field by meaning."""
    declared = declared_fields(actual)
    real = printed_as(real, reprs.RecordRepr)
    if declared is None:
        # Its repr's keywords need not be attributes (`Linear(in_features=2, out_features=1, bias=True)`): as text.
        shown = real.text if real is not None else repr(actual)
        return [] if same_text(expected.text, shown) else [f"value{at}: documented {expected.text}, actual {shown}"]
    if expected.name.rpartition(".")[2] != type(actual).__name__:
        return [f"type{at}: documented {expected.name}, actual {type_name(actual)}"]
    if declared != list(expected.fields):
        return [f"fields{at}: documented {list(expected.fields)}, actual {declared}"]
    missing = [name for name in expected.fields if not hasattr(actual, name)]
    if missing:
        return [f"fields{at}: documented {list(expected.fields)}, actual {type_name(actual)} has no {missing[0]!r}"]
    found: list[str] = []
    for name, item in expected.fields.items():
        found += difference(item, getattr(actual, name), real.fields.get(name) if real else None, f"{where}.{name}".lstrip("."))
    return found


def declared_fields(actual: object) -> list[str] | None:
    """The fields a result object's class declares, in order: a namedtuple's (with SciPy's extra fields), a
    dataclass's shown ones, or `__match_args__`; None where it declares none."""
    if isinstance(actual, tuple) and hasattr(actual, "_fields"):
        return [*actual._fields, *getattr(actual, "_extra_fields", ())]
    if dataclasses.is_dataclass(actual):
        return [item.name for item in dataclasses.fields(actual) if item.repr]
    names = getattr(type(actual), "__match_args__", None)
    return list(names) if names is not None else None


def sequence_difference(expected: reprs.SequenceRepr, actual: Any, real: Any, where: str, at: str) -> list[str]:
    real = printed_as(real, reprs.SequenceRepr)
    if type(actual) is not expected.kind:
        if isinstance(actual, np.void) and real is not None and real.kind is tuple:
            actual = element_values(np.asarray(actual))  # NumPy 1.x prints a record as a bare tuple
        else:
            return [f"type{at}: documented {expected.kind.__name__}, actual {type_name(actual)}"]
    if len(actual) != len(expected.items):
        return [f"length{at}: documented {len(expected.items)}, actual {len(actual)}"]
    if expected.kind in (set, frozenset):
        return unordered_difference(expected, list(actual), where, at)
    real_items = real.items if real is not None and len(real.items) == len(actual) else [None] * len(actual)
    found = []
    for index, (item, value, real_item) in enumerate(zip(expected.items, actual, real_items)):
        found += difference(item, value, real_item, f"{where}[{index}]")
    return found


def dict_difference(expected: reprs.DictRepr, actual: Any, real: Any, where: str, at: str) -> list[str]:
    """A documented dict against the value: a dict, or a subclass that prints as one (sklearn's Bunch; an
    OrderedDict or a Counter prints otherwise), as many items, and each key and value by meaning, in the order the
    dict prints them."""
    if type(actual) is not dict and not (isinstance(actual, dict) and isinstance(real, reprs.DictRepr)):
        return [f"type{at}: documented dict, actual {type_name(actual)}"]
    if len(actual) != len(expected.items):
        return [f"length{at}: documented {len(expected.items)}, actual {len(actual)}"]
    real = printed_as(real, reprs.DictRepr)
    real_items = real.items if real is not None and len(real.items) == len(actual) else [(None, None)] * len(actual)
    found: list[str] = []
    for (key, item), (name, value), (real_key, real_item) in zip(expected.items, actual.items(), real_items):
        if difference(key, name, real_key, ""):
            return found + [f"key{at}: documented {describe(key)}, actual {name!r}"]
        found += difference(item, value, real_item, f"{where}[{name!r}]")
    return found


def unordered_difference(expected: reprs.SequenceRepr, values: list, where: str, at: str) -> list[str]:
    """A set's documented items in any order (it prints in hash order): each must match a real item of its own."""
    for position, item in enumerate(expected.items):
        index = next((i for i, value in enumerate(values) if not difference(item, value, None, where)), None)
        if index is None:
            return [
                f"value{at}: documented item {position} ({describe(item)}) matches no item of the real {expected.kind.__name__}"
            ]
        del values[index]
    return []


def literal_difference(expected: reprs.LiteralRepr, actual: Any, real: Any, at: str) -> list[str]:
    real = printed_as(real, reprs.LiteralRepr)
    numpy_scalar = isinstance(actual, np.generic)
    if type(actual) is not type(expected.value):
        # NumPy 1.x prints its scalars as bare literals (1.5, 'owl', True): that is what the reader sees.
        if numpy_scalar and real is not None and type(real.value) is type(expected.value):
            actual = actual.item()
        else:
            return [f"type{at}: documented {type(expected.value).__name__}, actual {type_name(actual)}"]
    if expected.number is not None:
        # Python prints the shortest text that reads back as the value: a literal claims it exactly. A NumPy
        # scalar printed as one (NumPy 1's repr) keeps the rule of its np.float64(...) repr: to half a unit of its digits.
        real_number = real.number if real is not None else None
        return number_difference(expected.number, actual, real_number, f"value{at}", tolerance=numpy_scalar)
    same = same_literal(actual, expected.value, plain=real is not None)
    return [] if same else [f"value{at}: documented {expected.value!r}, actual {actual!r}"]


def same_literal(actual: Any, wanted: Any, plain: bool) -> bool:
    """Equal; a set in any order (it prints in hash order, which changes between runs), each element of its own type.

    `plain`: the real repr reads as a literal too, so NumPy 1.x scalars in it print as Python values ('a' for np.str_).
    """
    if isinstance(wanted, (set, frozenset)):
        shown = {(type(item.item() if plain and isinstance(item, np.generic) else item), item) for item in actual}
        return shown == {(type(item), item) for item in wanted}
    return actual == wanted
