"""The update (--update-expected): it writes what really ran, as a terminal shows it, keeps every other line,
and writes nothing that the next run would fail: each rule is named as in docs/test-your-docs.md.

The harness-level tests read the rewrites an update run computes (the `run_result` fixture); the project tests
run the installed plugin on a snippet file twice, as a contributor does: the update, then a normal run.
"""

import textwrap

import pytest
from rules import rule

HEADER = "import pickle\nimport warnings\nimport numpy as np\nimport torch\n\n"  # the example starts on line 6
OUTPUT_HEADER = "import ctypes\nimport os\nimport subprocess\nimport sys\nimport threading\n\nimport torch\n\n"  # line 9


def example(body: str, header: str = HEADER) -> str:
    return header + textwrap.dedent(body).strip("\n")


def rewritten_block(run_result, body: str) -> list[str]:
    """The lines the update would write under the example's last statement."""
    return run_result(example(body))["rewrites"][-1]["lines"]


@rule("update writes what ran")
def test_update_writes_loop_output_in_the_order_shown(run_result):
    body = """
        for k in range(2):
            print("k is", k)
            torch.tensor([k])
    """
    assert rewritten_block(run_result, body) == ["#> k is 0", "#> tensor([0])", "#> k is 1", "#> tensor([1])"]


@rule("update writes what ran")
def test_update_keeps_a_right_qualified_name_and_replaces_a_wrong_one(run_result):
    right = "np.zeros(2).sum(axis=1)\n#! raises numpy.exceptions.AxisError: wrong words"
    wrong = "np.zeros(2).sum(axis=1)\n#! raises builtins.IndexError: wrong words"
    message = "axis 1 is out of bounds for array of dimension 1"
    assert rewritten_block(run_result, right) == [f"#! raises numpy.exceptions.AxisError: {message}"]
    assert rewritten_block(run_result, wrong) == [f"#! raises AxisError: {message}"]


@rule("update writes what ran")
def test_update_writes_messages_without_escape_codes(run_result):
    lines = rewritten_block(run_result, r'raise ValueError("\x1b[1mbold\x1b[0m")')
    assert lines == ["#! raises ValueError: bold"]


@rule("update re-check")
def test_update_recheck_passes_a_block_it_corrects(run_result):
    # The documented string differs only in spaces, which count inside a string; the written block is true.
    result = run_result(example("for k in range(2): 'a  b'\n#> 'a b'\n#> 'a  b'"))
    assert "documented value differs" in result["problems"][0]
    assert result["rewrites"][-1]["lines"] == ["#> 'a  b'", "#> 'a  b'"]
    assert result["rewrites"][-1]["recheck"] == []


@rule("update re-check")
def test_update_recheck_reports_a_block_it_cannot_make_true(run_result):
    body = """
        class Impostor:
            shown = 0
            def __repr__(self):
                Impostor.shown += 1
                return f"tensor([{Impostor.shown}, 2])"
        Impostor()
    """
    [(line, problem)] = run_result(example(body))["rewrites"][-1]["recheck"]
    assert line == 12  # where the written block will start, under the statement on line 11
    assert problem.startswith("documented value differs, under `Impostor()`")


# Its repr reads as a tensor, and changes each time it is asked for: the text the update writes
# is never the real repr again, and the object is no tensor, so no block can be true.
UNTRUE_REPR = """\
class Impostor:
    shown = 0

    def __repr__(self):
        Impostor.shown += 1
        return f"tensor([{Impostor.shown}, 2])"


1 + 1
Impostor()
"""


def problem_lines(result) -> list[str]:
    return [line for line in result.outlines if line.startswith("snippets/example.py:")]


@rule("update re-check")
def test_update_fails_on_a_block_it_cannot_make_true(project):
    # Its repr reads as a tensor, which it is not: no block can document it truly.
    snippet = project.path / "snippets" / "example.py"
    snippet.write_text(UNTRUE_REPR)
    update = project.runpytest("--update-expected")
    update.assert_outcomes(failed=1)
    assert snippet.read_text() == UNTRUE_REPR.replace("1 + 1\n", "1 + 1\n#> 2\n") + "#> tensor([1, 2])\n"
    normal = project.runpytest()
    normal.assert_outcomes(failed=1)
    # The same problem at the same line: the line where the block is after the update moved it down.
    expected = ["snippets/example.py:12: documented value differs, under `Impostor()`"]
    assert problem_lines(update) == problem_lines(normal) == expected
    update.stdout.fnmatch_lines(["*type: documented torch.Tensor, actual *Impostor*"])


@rule("update writes what ran")
def test_update_of_a_real_torch_load_error_passes_on_the_next_run(project):
    snippet = project.path / "snippets" / "example.py"
    snippet.write_text(
        "import numpy as np\nimport torch\n\n"
        'torch.save({"a": np.zeros(2)}, "checkpoint.pt")\n'
        'torch.load("checkpoint.pt")\n'
        "#! raises pickle.UnpicklingError: an outdated message\n"
    )
    project.runpytest("--update-expected").assert_outcomes(passed=1)
    written = snippet.read_text()
    assert "#! raises pickle.UnpicklingError: Weights only load failed." in written
    assert "\x1b" not in written
    project.runpytest().assert_outcomes(passed=1)


@rule("update writes what ran")
def test_update_leaves_a_block_that_passes_as_written(project):
    """Its trailing comment, its `# > ` spelling (a formatter's) and its spacing stay; only the wrong block is rewritten."""
    snippet = project.path / "snippets" / "example.py"
    text = "import numpy as np\n\nnp.float64(2.5)\n#> np.float64(2.5)  # the sample's mean\nnp.zeros(2)\n# > array([0.,  0.])\n1 + 1\n#> 3\n"
    snippet.write_text(text)
    project.runpytest("--update-expected").assert_outcomes(passed=1)
    assert snippet.read_text() == text.replace("#> 3", "#> 2")
    project.runpytest().assert_outcomes(passed=1)


@rule("update writes what ran")
def test_update_of_loop_output_passes_on_the_next_run(project):
    snippet = project.path / "snippets" / "example.py"
    snippet.write_text("import torch\n\nfor n in (1, 2):\n    print(n)\n    torch.eye(n)\n")
    project.runpytest("--update-expected").assert_outcomes(passed=1)
    assert snippet.read_text().endswith("#> 1\n#> tensor([[1.]])\n#> 2\n#> tensor([[1., 0.],\n#>         [0., 1.]])\n")
    project.runpytest().assert_outcomes(passed=1)


@rule("update writes what ran")
@pytest.mark.parametrize(
    "body, lines",
    [
        ('print("total: ", end=""); 3', ["#> total: 3"]),
        ('n = sys.stdout.write("eye: "); torch.eye(2)', ["#> eye: tensor([[1., 0.],", "#>         [0., 1.]])"]),
        ('print("a"); os.write(1, b"b\\n")', ["#> a", "#> b", "#> 2"]),
        ('for i in range(3): print(f"\\r{i + 1}/3", end="")', ["#> 3/3"]),
        ('print("abc", end="\\r"); 7', ["#> 7bc"]),
    ],
)
def test_update_writes_output_as_a_terminal_shows_it(run_result, body, lines):
    result = run_result(example(body, OUTPUT_HEADER))
    assert result["rewrites"][-1]["lines"] == lines
    assert result["rewrites"][-1]["recheck"] == [], "the next run would fail the block the update writes"


@rule("update writes what ran")
def test_update_of_terminal_output_passes_on_the_next_run(project):
    snippet = project.path / "snippets" / "example.py"
    snippet.write_text(
        "import os\nimport subprocess\nimport sys\n\n"
        'print("total: ", end=""); 3\n'
        'os.write(1, b"raw\\n")\n'
        'subprocess.run([sys.executable, "-c", "print(2)"]).returncode\n'
        'for i in range(3): print(f"\\r{i + 1}/3", end="")\n'
        'print("note", file=sys.stderr)\n'
    )
    project.runpytest("--update-expected").assert_outcomes(passed=1)
    written = snippet.read_text().split("\n\n", 1)[1]
    assert written == (
        'print("total: ", end=""); 3\n#> total: 3\n'
        'os.write(1, b"raw\\n")\n#> raw\n#> 4\n'
        'subprocess.run([sys.executable, "-c", "print(2)"]).returncode\n#> 2\n#> 0\n'
        'for i in range(3): print(f"\\r{i + 1}/3", end="")\n#> 3/3\n'
        'print("note", file=sys.stderr)\n#> note\n'
    )
    project.runpytest().assert_outcomes(passed=1)


@rule("update writes what ran")
def test_update_writes_printed_text_without_escape_codes(run_result):
    # A terminal shows bold text, not escape codes.
    assert run_result('print("\\x1b[1mbold\\x1b[0m and plain")')["rewrites"][-1]["lines"] == ["#> bold and plain"]


@rule("update writes what ran")
def test_update_of_text_with_other_line_breaks_passes_on_the_next_run(project):
    # Python reads a file back splitting at \x0c and \u2028 too: a written `#> c\x0cd` became a stray line `d`.
    # A carriage return is no line break on a terminal: `b` overwrites `a`, and the reader sees `b`.
    snippet = project.path / "snippets" / "example.py"
    snippet.write_text('print("a\\rb")\nprint("c\\x0cd\\u2028e")\n', encoding="utf-8")
    project.runpytest("--update-expected").assert_outcomes(passed=1)
    written = snippet.read_text(encoding="utf-8")
    assert written.splitlines() == ['print("a\\rb")', "#> b", 'print("c\\x0cd\\u2028e")', "#> c", "#> d", "#> e"]
    project.runpytest().assert_outcomes(passed=1)


@rule("unprintable characters")
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
    project.runpytest("--update-expected").assert_outcomes(passed=1)
    lines = snippet.read_text(encoding="utf-8").splitlines()
    assert lines[0] == source.strip() and len(lines) > 1, "the update keeps the file and writes a block"
    assert written is None or lines[1:] == written
    project.runpytest().assert_outcomes(passed=1)


@rule("sets in any order")
def test_update_of_a_set_passes_the_next_run_under_another_hash_seed(project_own_zygote, monkeypatch):
    # The update wrote the set in this run's hash order; the next run (another PYTHONHASHSEED) printed another.
    # Each run starts its own zygote, which takes the hash seed from the environment.
    project = project_own_zygote
    snippet = project.path / "snippets" / "example.py"
    snippet.write_text(
        'import numpy as np\nwords = {"apple", "banana", "cherry", "date", "elder"}\nwords\nset(np.array(sorted(words)))\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("PYTHONHASHSEED", "1")
    project.runpytest("--update-expected").assert_outcomes(passed=1)
    written = snippet.read_text(encoding="utf-8").splitlines()[3]
    for seed in "2", "3", "4":
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        project.runpytest().assert_outcomes(passed=1)
    assert written.startswith("#> {'") and written.count("'") == 10


@rule("update writes what ran")
def test_one_update_documents_an_exception_and_every_statement_after_it(project):
    snippet = project.path / "snippets" / "example.py"
    snippet.write_text("import numpy as np\n\nnp.arange(3).reshape(2, 2)\nnp.arange(2)\n")
    project.runpytest("--update-expected")
    assert snippet.read_text() == (
        "import numpy as np\n\nnp.arange(3).reshape(2, 2)\n"
        "#! raises ValueError: cannot reshape array of size 3 into shape (2,2)\n"
        "np.arange(2)\n#> array([0, 1])\n"
    )
    project.runpytest().assert_outcomes(passed=1)


@rule("verified file")
def test_no_verified_file_is_written_unless_asked(project):
    (project.path / "snippets" / "a.py").write_text("import numpy as np\n\nnp.arange(2)\n")
    project.runpytest("--update-expected").assert_outcomes(passed=1)
    assert (project.path / "snippets" / "a.py").read_text().endswith("#> array([0, 1])\n")
    assert sorted(path.name for path in (project.path / "snippets").iterdir()) == ["a.py"]


@rule("update keeps a documented value")
@pytest.mark.parametrize(
    "name, text",
    [
        pytest.param(
            "snippets/example.py",
            "from missing_helpers import make_data\nx = 1\nx\n#> 1\nmake_data()\n#> [1, 2]\n",
            id="snippet after a failed import",
        ),
        pytest.param(
            "docs/page.md",
            "```pycon\n>>> from missing_helpers import make_data\n>>> make_data()\n[1, 2]\n```\n",
            id="session after a failed import",
        ),
        pytest.param("docs/other.md", "```pycon\n>>> 1 + 1\n2\n>>> undefined_name\n[1, 2]\n```\n", id="undefined name"),
    ],
)
def test_an_update_does_not_document_an_exception_where_a_value_was(project, name, text):
    path = project.path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    result = project.runpytest("--update-expected", name)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*unexpected exception, under `*`", "no file changed"])
    assert path.read_text() == text
