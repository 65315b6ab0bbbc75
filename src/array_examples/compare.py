"""Compare what an example documents with what it really produced, by meaning.

Each function returns a list of differences, one short line each, such as
`dtype: documented torch.int64, actual torch.float32`. An empty list is a match.
Formatting never counts: only type, shape, dtype, device, grad and values do.
"""

from __future__ import annotations

import math

import numpy as np
import torch

from array_examples import reprs


def normalise(text: str) -> str:
    return " ".join(text.split())


def compare_value(documented: str, actual) -> list[str]:
    """`documented` is the `#>` text under an expression; `actual` is its value."""
    return difference(reprs.parse(documented), actual, "")


def difference(expected, actual, where: str) -> list[str]:
    at = f" at {where}" if where else ""
    if isinstance(expected, reprs.TensorRepr):
        return tensor_difference(expected, actual, at)
    if isinstance(expected, reprs.ArrayRepr):
        return array_difference(expected, actual, at)
    if isinstance(expected, reprs.NumpyScalarRepr):
        expected_type = np.bool_ if expected.type_name == "bool" else getattr(np, expected.type_name)
        if type(actual) is not expected_type:
            return [f"type{at}: documented numpy.{expected_type.__name__}, actual {type_name(actual)}"]
        return number_difference(expected.value, actual.item(), f"value{at}")
    if isinstance(expected, reprs.SizeRepr):
        if not isinstance(actual, torch.Size):
            return [f"type{at}: documented torch.Size, actual {type_name(actual)}"]
        return [] if tuple(actual) == expected.dims else [f"shape{at}: documented {expected.dims}, actual {tuple(actual)}"]
    if isinstance(expected, reprs.DtypeRepr):
        wanted = getattr(torch, expected.name) if expected.library == "torch" else np.dtype(expected.name)
        if expected.library == "torch" and not isinstance(actual, torch.dtype):
            return [f"type{at}: documented torch.dtype, actual {type_name(actual)}"]
        if expected.library == "numpy" and not isinstance(actual, np.dtype):
            return [f"type{at}: documented numpy.dtype, actual {type_name(actual)}"]
        return [] if actual == wanted else [f"dtype{at}: documented {wanted}, actual {actual}"]
    if isinstance(expected, reprs.DeviceRepr):
        if not isinstance(actual, torch.device):
            return [f"type{at}: documented torch.device, actual {type_name(actual)}"]
        return [] if str(actual) == expected.name else [f"device{at}: documented {expected.name}, actual {actual}"]
    if isinstance(expected, reprs.SequenceRepr):
        if type(actual) is not expected.kind:
            return [f"type{at}: documented {expected.kind.__name__}, actual {type_name(actual)}"]
        if len(actual) != len(expected.items):
            return [f"length{at}: documented {len(expected.items)}, actual {len(actual)}"]
        found = []
        for index, (item, real) in enumerate(zip(expected.items, actual)):
            found += difference(item, real, f"{where}[{index}]")
        return found
    if isinstance(expected, reprs.LiteralRepr):
        if type(actual) is not type(expected.value):
            return [f"type{at}: documented {type(expected.value).__name__}, actual {type_name(actual)}"]
        same = actual == expected.value or (isinstance(actual, float) and math.isnan(actual) and math.isnan(expected.value))
        return [] if same else [f"value{at}: documented {expected.value!r}, actual {actual!r}"]
    if isinstance(expected, reprs.TextRepr):
        # Text outside the whitelist (`<class 'torch.Tensor'>`): the report's diff shows both sides.
        return (
            []
            if normalise(expected.text) == normalise(repr(actual))
            else [f"repr{at}: documented text differs from the actual repr"]
        )
    raise TypeError(f"no comparison for {type(expected).__name__}")


def type_name(value) -> str:
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def tensor_difference(expected: reprs.TensorRepr, actual, at: str) -> list[str]:
    if type(actual) is not torch.Tensor:
        # nn.Parameter prints "Parameter containing:", so a bare tensor( repr is a plain Tensor.
        return [f"type{at}: documented torch.Tensor, actual {type_name(actual)}"]
    found = []
    wanted = getattr(torch, expected.dtype)
    if actual.dtype != wanted:
        how = "" if expected.dtype_written else " (implied: the repr shows no dtype=)"
        found.append(f"dtype{at}: documented {wanted}{how}, actual {actual.dtype}")
    if str(actual.device) != expected.device:
        found.append(f"device{at}: documented {expected.device}, actual {actual.device}")
    if actual.requires_grad != expected.requires_grad:
        found.append(f"requires_grad{at}: documented {expected.requires_grad}, actual {actual.requires_grad}")
    actual_fn = type(actual.grad_fn).__name__ if actual.grad_fn is not None else None
    if expected.requires_grad and actual_fn != expected.grad_fn:
        found.append(f"grad_fn{at}: documented {expected.grad_fn}, actual {actual_fn}")
    if expected.size is not None and tuple(actual.shape) != expected.size:
        found.append(f"shape{at}: documented {expected.size}, actual {tuple(actual.shape)}")
    if expected.values is Ellipsis or actual.device.type == "meta":
        return found  # a meta tensor has a shape but no values
    values = actual.detach().cpu().resolve_conj().resolve_neg()
    if values.dtype in (torch.bfloat16, torch.float16) or values.dtype.is_floating_point and values.dtype.itemsize == 1:
        values = values.float()
    return found + values_difference(expected.values, values.tolist(), tuple(actual.shape), expected.size is None, at)


def array_difference(expected: reprs.ArrayRepr, actual, at: str) -> list[str]:
    if type(actual) is not np.ndarray:
        return [f"type{at}: documented numpy.ndarray, actual {type_name(actual)}"]
    found = []
    if actual.dtype != np.dtype(expected.dtype):
        how = "" if expected.dtype_written else " (implied: the repr shows no dtype=)"
        found.append(f"dtype{at}: documented {np.dtype(expected.dtype)}{how}, actual {actual.dtype}")
    if expected.shape is not None and actual.shape != expected.shape:
        found.append(f"shape{at}: documented {expected.shape}, actual {actual.shape}")
    return found + values_difference(expected.values, actual.tolist(), actual.shape, expected.shape is None, at)


def values_difference(expected, actual, shape: tuple, check_shape: bool, at: str) -> list[str]:
    documented_shape = shape_of(expected)
    if check_shape and not shape_fits(documented_shape, shape):
        shown = tuple(f"{n}+" if summarised else n for n, summarised in documented_shape)
        return [f"shape{at}: documented {shown}, actual {shape}".replace("'", "")]
    wrong = []
    walk(expected, actual, (), wrong)
    if not wrong:
        return []
    index, documented, real = wrong[0]
    more = f" (and {len(wrong) - 1} more)" if len(wrong) > 1 else ""
    return [f"value{at} at index {list(index)}: documented {documented}, actual {real!r}{more}"]


def shape_of(values) -> tuple:
    """Documented nested lists -> ((length, summarised), ...) per dimension."""
    if not isinstance(values, list):
        return ()
    summarised = Ellipsis in values
    items = [v for v in values if v is not Ellipsis]
    inner = shape_of(items[0]) if items else ()
    return ((len(items), summarised),) + inner


def shape_fits(documented: tuple, actual: tuple) -> bool:
    if len(documented) != len(actual):
        return False
    return all(n < real if summarised else n == real for (n, summarised), real in zip(documented, actual))


def walk(expected, actual, index: tuple, wrong: list) -> None:
    if not isinstance(expected, list):
        if number_difference(expected, actual, ""):
            wrong.append((index, expected.text, actual))
        return
    if not isinstance(actual, list):
        wrong.append((index, "a list", actual))
        return
    if Ellipsis in expected:
        # A summary shows the first and last items of a long dimension.
        cut = expected.index(Ellipsis)
        head, tail = expected[:cut], expected[cut + 1 :]
        pairs = list(zip(head, actual, range(len(head))))
        pairs += list(zip(tail, actual[len(actual) - len(tail) :], range(len(actual) - len(tail), len(actual))))
    else:
        pairs = list(zip(expected, actual, range(len(expected))))
    for item, real, position in pairs:
        walk(item, real, index + (position,), wrong)


def number_difference(expected: reprs.Number, actual, what: str) -> list[str]:
    wanted = expected.value
    if isinstance(wanted, bool) or isinstance(actual, bool):
        same = type(actual) is bool and isinstance(wanted, bool) and actual == wanted
    elif isinstance(wanted, int) and isinstance(actual, int):
        same = actual == wanted
    else:
        tolerance = expected.tolerance() + 1e-12
        same = all(
            close(a, w, tolerance)
            for a, w in ((complex(actual).real, complex(wanted).real), (complex(actual).imag, complex(wanted).imag))
        )
    return [] if same else [f"{what}: documented {expected.text}, actual {actual!r}"]


def close(actual: float, wanted: float, tolerance: float) -> bool:
    if math.isnan(wanted) or math.isnan(actual):
        return math.isnan(wanted) and math.isnan(actual)
    if math.isinf(wanted) or math.isinf(actual):
        return actual == wanted
    return abs(actual - wanted) <= tolerance + 1e-9 * abs(wanted)
