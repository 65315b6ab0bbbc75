"""NumPy's legacy print mode as what a project's docs are written for (the `array_examples_legacy_print` option).

NumPy 2 prints its scalars with their type, `np.float64(0.5)` and `np.True_`, where NumPy 1 printed
`0.5` and `True`. A project whose docs were written for NumPy 1 declares it with the option, the
value `np.set_printoptions(legacy=...)` takes (such as "1.25"); each example's process then sets that
mode before the example runs, so the real reprs the comparison reads are NumPy 1's, and values are still
compared by meaning. Without the option, a documented NumPy 1 scalar repr fails, and `hint` says what
to write instead.

    option_value("1.25") -> "1.25";  option_value("false") -> None    (the mode is off)
    check(value, "array_examples_legacy_print")                       ValueError where NumPy refuses it
    enter(value)                                                      in the example's process, before it runs (checked)
    hint(documented, value, shown)                                    a failure's "what to write" line, or None
"""

from __future__ import annotations

import warnings
from typing import Any, cast

import numpy as np

from array_examples.compare import compare_value

OFF = {"", "false", "none", "no", "off"}  # values that turn the mode off, as NumPy's own legacy=False
NUMPY_1 = "1.25"  # the mode NumPy 2 offers for NumPy 1's scalar reprs
LONGEST_HINT = 60  # a real repr longer than this (or on several lines) is left to the diff under the hint


def option_value(text: object) -> str | None:
    """The legacy mode an option's value asks for, as text (a TOML number 1.25 reads as "1.25"), stripped;
    or None for off (unset, "", "false", TOML's false), and for "1.25" under NumPy 1, which prints scalars
    that way already: one configuration serves a CI matrix of NumPy 1 and 2."""
    value = str(text if text is not None else "").strip().strip("\"'")
    if value.lower() in OFF or (value == NUMPY_1 and numpy_major() < 2):
        return None
    return value


def check(value: str, option: str) -> None:
    """Raise ValueError, naming `option` and quoting NumPy, where the installed NumPy has no legacy mode `value`.

    NumPy itself only warns for an unknown mode and then fails in np.get_printoptions(); NumPy 1.26 knows
    "1.13" and "1.21" only, and prints scalars as NumPy 1.25 did anyway. Nothing is left set.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with np.printoptions(legacy=cast(Any, value)):  # NumPy's stubs list its modes: it checks them here
                np.get_printoptions()
    except (UserWarning, KeyError, ValueError, TypeError) as error:
        refusal = str(error) if isinstance(error, UserWarning) else f"{type(error).__name__}: {error}"
        numpy_1 = (
            f'; NumPy before 2.0 prints scalars as NumPy 1.25 did: "{NUMPY_1}" is accepted there and changes nothing'
            if numpy_major() < 2
            else ""
        )
        raise ValueError(
            f"{option} = {value!r}: NumPy {np.__version__} has no such legacy print mode: {refusal}{numpy_1}"
        ) from None


def enter(value: str | None) -> None:
    """Set NumPy's legacy print mode `value` for the rest of this process; nothing where it is None.
    Raises ValueError (see check) for a mode NumPy does not have, which would break its printing."""
    if value is not None:
        check(value, "legacy_print")
        np.set_printoptions(legacy=cast(Any, value))


def hint(documented: str, value: Any, shown: str) -> str | None:
    """What to write instead of a documented repr that fails only because NumPy 1 printed it (`0.5` for
    np.float64(0.5)): a line naming the real repr `shown` and the option, or None where the documented
    text would fail under NumPy 1's print mode too, or a print mode is already in force, or NumPy is 1.x."""
    if numpy_major() < 2 or np.get_printoptions()["legacy"] is not False:
        return None
    try:
        with np.printoptions(legacy=cast(Any, NUMPY_1)):
            if compare_value(documented, value, repr(value)):
                return None
    except Exception:  # a value the comparison cannot read: the failure above it says so
        return None
    write = shown if len(shown) <= LONGEST_HINT and "\n" not in shown else "the actual text below"
    return (
        f"written as NumPy 1 printed it: NumPy {np.__version__} prints {write}; write that, or declare "
        f'docs written for NumPy 1 with the ini option array_examples_legacy_print = "{NUMPY_1}"'
    )


def numpy_major() -> int:
    """The installed NumPy's major version."""
    return int(np.__version__.split(".")[0])
