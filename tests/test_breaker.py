"""Holes found by attacking the harness with inputs the other tests leave out.

Each test is one hole: a wrong documented output that passed, a valid repr that was refused, or an input the
harness did not report clearly. Real reprs are pasted exactly as Python prints them.
"""

import re
import textwrap

import numpy as np
import pytest
from verdicts import assert_rejected

from array_examples import compare, reprs
from array_examples.snippets import SnippetError, examples_in_file

pytest_plugins = ["pytester"]

PRELUDE = "import numpy as np\nimport torch\n\n"
NUMPY_MAJOR = int(np.__version__.split(".")[0])

WRONG = {
    # `...` in place of all the values is what a meta tensor prints; for any other tensor it hides every value.
    "tensor(...) for a tensor with values": ("torch.tensor([1., 2.])", "#> tensor(...)", "summary: documented ... for all"),
    "tensor(..., size=) for a tensor with values": (
        "torch.tensor([1., 2.])",
        "#> tensor(..., size=(2,))",
        "summary: documented ... for all",
    ),
    "tensor(...) for a 0-d tensor": ("torch.tensor(5.)", "#> tensor(...)", "summary: documented ... for all"),
    "array(...) for a 0-d array": ("np.array(5.)", "#> array(...)", "summary: documented ... for all"),
    "values for a meta tensor": (
        "torch.empty(2, device='meta')",
        "#> tensor([0., 0.], device='meta', size=(2,))",
        "values: documented values, but the real tensor is on the meta device",
    ),
    # Python prints (-0+2j) for a negative zero real part; `2j` hides the sign a reader sees.
    "complex -0 real part as 2j": ("complex(-0.0, 2)", "#> 2j", "value: documented 2j, actual (-0+2j)"),
    "complex -0 real part in a tuple": ("(complex(-0.0, 2), 1)", "#> (2j, 1)", "value at [0]: documented 2j"),
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
}
if NUMPY_MAJOR >= 2:
    WRONG["NumPy complex scalar -0 real part"] = (
        "np.complex128(complex(-0.0, 2))",
        "#> np.complex128(2j)",
        "value: documented 2j, actual (-0+2j)",
    )


@pytest.mark.parametrize("statements, block, reason", list(WRONG.values()), ids=list(WRONG))
def test_wrong_output_is_rejected_with_its_reason(run, statements, block, reason):
    problems = run(f"{PRELUDE}{statements}\n{block}")
    assert_rejected(problems, reason)


RIGHT = {
    "meta tensor": ("torch.empty(2, device='meta')", "#> tensor(..., device='meta', size=(2,))"),
    "complex -0 real part": ("complex(-0.0, 2)", "#> (-0+2j)"),
    "complex -0 real part, rewrapped in a tuple": ("(complex(-0.0, 2), 1)", "#> (\n#>   (-0+2j),\n#>   1,\n#> )"),
}


@pytest.mark.parametrize("statements, block", list(RIGHT.values()), ids=list(RIGHT))
def test_valid_output_is_accepted(run, statements, block):
    assert run(f"{PRELUDE}{statements}\n{block}") == []


@pytest.mark.parametrize("value", [complex(-0.0, 2), complex(-0.0, -2), np.complex128(complex(-0.0, -1.5))])
def test_negative_zero_real_part_is_read_with_its_sign(value):
    text = repr(value)
    assert "-0" in text
    assert compare.difference(reprs.parse(text), value, reprs.parse(text), "") == []


def test_printed_escape_codes_are_not_text(run, run_result):
    # A terminal shows bold text, not escape codes: compare and write printed text without them.
    statement = 'print("\\x1b[1mbold\\x1b[0m and plain")'
    assert run(f"{statement}\n#> bold and plain") == []
    assert run(f"{statement}\n#> bald and plain"), "the words still count"
    assert run_result(statement)["rewrites"][-1]["lines"] == ["#> bold and plain"]


@pytest.mark.parametrize(
    "marker",
    ["# --8<-- [start: part]", "# --8<-- [begin:part]", "# --8<--[start:part]", "#--8<-- [start:part]", "# --8<-- [start:part"],
)
def test_malformed_section_marker_is_an_error_naming_file_and_line(tmp_path, marker):
    path = tmp_path / "example.py"
    path.write_text(textwrap.dedent(f"x = 1\n{marker}\ny = 2\n# --8<-- [end:part]\n"))
    with pytest.raises(SnippetError, match=r"^snippets/example\.py:2: malformed section marker"):
        examples_in_file(path, "snippets/example.py")


IMPOSTORS = {
    "a class named tensor": "class tensor:\n    def __repr__(self):\n        return 'tensor([1, 2])'\n\n\ntensor()",
    "an object whose repr reads as an array": "class Table:\n    def __repr__(self):\n        return 'array([1, 2])'\n\n\nTable()",
    "a list whose repr reads as torch.Size": "class Dims(list):\n    def __repr__(self):\n        return 'torch.Size([2])'\n\n\nDims([2])",
}


@pytest.mark.parametrize("statements", list(IMPOSTORS.values()), ids=list(IMPOSTORS))
def test_repr_text_that_claims_another_type_is_rejected(run, statements):
    # The text is exactly what the REPL shows, but it claims a type the object does not have.
    shown = {"tensor": "tensor([1, 2])", "Table": "array([1, 2])", "Dims": "torch.Size([2])"}
    text = next(value for key, value in shown.items() if f"{key}(" in statements.splitlines()[-1])
    problems = run(f"{PRELUDE}{statements}\n#> {text}")
    assert problems and "type: documented " in problems[0], problems


@pytest.fixture
def project(pytester):
    pytester.makepyprojecttoml('[tool.pytest.ini_options]\naddopts = "-p no:cacheprovider"\n')
    (pytester.path / "snippets").mkdir()
    return pytester


def test_update_of_text_with_other_line_breaks_passes_on_the_next_run(project):
    # Python reads a file back splitting at \x0c and \u2028 too: a written `#> c\x0cd` became a stray line `d`.
    # A carriage return is no line break on a terminal: `b` overwrites `a`, and the reader sees `b`.
    snippet = project.path / "snippets" / "example.py"
    snippet.write_text('print("a\\rb")\nprint("c\\x0cd\\u2028e")\n', encoding="utf-8")
    project.runpytest_subprocess("--update-expected").assert_outcomes(passed=1)
    written = snippet.read_text(encoding="utf-8")
    assert written.splitlines() == ['print("a\\rb")', "#> b", 'print("c\\x0cd\\u2028e")', "#> c", "#> d", "#> e"]
    project.runpytest_subprocess().assert_outcomes(passed=1)


WARNING_FILTERS = {
    # A filter set in one statement stays in force for the next, as in a REPL.
    "ignored warnings stay ignored": """
        import warnings
        warnings.simplefilter("ignore")
        warnings.warn("hidden")
    """,
    "a warning turned into an error raises": """
        import warnings
        warnings.simplefilter("error")
        warnings.warn("now an error")
        #! raises UserWarning: now an error
    """,
    "a filter for one category": """
        import warnings
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        warnings.warn("old", DeprecationWarning); warnings.warn("shown")
        #! warns UserWarning: shown
    """,
}


@pytest.mark.parametrize("body", list(WARNING_FILTERS.values()), ids=list(WARNING_FILTERS))
def test_warning_filters_persist_between_statements(run, body):
    assert run(body) == []


def test_a_file_that_is_not_utf8_is_an_error_naming_file_and_line(tmp_path):
    path = tmp_path / "example.py"
    path.write_bytes(b'x = 1\ny = "\xff"\n')
    with pytest.raises(SnippetError, match=r"^snippets/example\.py:2: not UTF-8: byte 0xff"):
        examples_in_file(path, "snippets/example.py")


def test_a_file_that_starts_with_a_byte_order_mark_runs_as_python_runs_it(tmp_path, run):
    path = tmp_path / "example.py"
    path.write_bytes(b"\xef\xbb\xbfx = 1\nx\n#> 1\n")
    [example] = examples_in_file(path, "snippets/example.py")
    assert example.lines == ["x = 1", "x", "#> 1"]
    assert run("\n".join(example.lines)) == []


def test_a_memory_address_is_not_a_claim():
    # The update writes `<object object at 0x7f...>`; the next run's object lives elsewhere.
    thing = object()
    assert compare.compare_value("<object object at 0x7f0000000000>", thing) == []
    assert compare.compare_value("(<object object at 0x7f0000000000>, 1)", (thing, 1)) == []
    assert compare.compare_value("<function f at 0x7f0000000000>", thing), "the rest of the text still counts"
    assert compare.compare_value("(<object object at 0x7f0000000000>, 2)", (thing, 1))


def test_a_printed_memory_address_is_not_a_claim(run):
    assert run("print(object())\n#> <object object at 0x7f0000000000>") == []
    assert run("print(object())\n#> <object thing at 0x7f0000000000>")


@pytest.mark.parametrize(
    "lines, line, message",
    [
        (["#requires: cuda", "x = 1"], 2, "malformed requirement"),
        (["# require: cuda", "x = 1"], 2, "malformed requirement"),
        (["# Requires: cuda", "x = 1"], 2, "malformed requirement"),
        (["# requires: cuda", "x = 1", "# requires: numpy>=2"], 4, "a second `# requires:` line"),
    ],
)
def test_a_requirement_that_would_be_ignored_is_an_error_naming_file_and_line(tmp_path, lines, line, message):
    path = tmp_path / "example.py"
    path.write_text("import torch\n" + "\n".join(lines) + "\n")
    with pytest.raises(SnippetError, match=rf"^snippets/example\.py:{line}: {re.escape(message)}"):
        examples_in_file(path, "snippets/example.py")
