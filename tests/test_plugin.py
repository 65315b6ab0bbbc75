"""The pytest side: item ids, GPU skips, device selection, the update option, Markdown blocks."""

import pytest

pytest_plugins = ["pytester"]

SNIPPET = """\
import torch

# --8<-- [start:on_cpu]
import torch

torch.zeros(2)
#> tensor([0., 0., 0.])
x = 1  # a comment the update must keep
x + 1
# --8<-- [end:on_cpu]

# --8<-- [start:on_gpu]
# requires: cuda
import torch

torch.zeros(2, device="cuda")
#> a wrong output that only a GPU run could correct
# --8<-- [end:on_gpu]
"""


@pytest.fixture
def project(pytester):
    # No configuration: the installed plugin finds snippets/**/*.py by itself.
    pytester.makepyprojecttoml(
        '[tool.pytest.ini_options]\naddopts = "-ra -p no:cacheprovider"\narray_examples_verified_file = "snippets/verified.md"\n'
    )
    (pytester.path / "snippets").mkdir()
    (pytester.path / "snippets" / "example.py").write_text(SNIPPET)
    return pytester


def cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


@pytest.mark.skipif(cuda_available(), reason="on a GPU machine the GPU example runs instead of skipping")
def test_gpu_example_is_skipped_with_a_reason_not_passed(project):
    result = project.runpytest_subprocess("-v")
    result.stdout.fnmatch_lines(
        [
            "*snippets/example.py::on_cpu?cpu? FAILED*",
            "*snippets/example.py::on_gpu?cuda? SKIPPED*",
            "*snippets/example.py:7: documented value differs*",
            "*shape: documented (3,), actual (2,)*",
            "*snippets/example.py:13: needs a CUDA GPU; torch.cuda.is_available() is False*",
        ]
    )
    result.assert_outcomes(failed=1, skipped=1)


@pytest.mark.skipif(cuda_available(), reason="forcing cuda only fails where there is no GPU")
def test_forcing_cuda_without_a_gpu_fails(project):
    result = project.runpytest_subprocess("--devices", "cuda")
    result.stdout.fnmatch_lines(["*--devices asks for cuda, but torch.cuda.is_available() is False*"])
    result.assert_outcomes(failed=1, skipped=1)


def test_selecting_by_section_name(project):
    result = project.runpytest_subprocess("-k", "on_cpu", "--devices", "cpu")
    result.assert_outcomes(failed=1, deselected=1)


@pytest.mark.skipif(cuda_available(), reason="checks that a skipped GPU example is left alone")
def test_update_rewrites_outputs_and_leaves_the_rest(project):
    result = project.runpytest_subprocess("--update-expected")
    result.stdout.fnmatch_lines(["*documented outputs updated*", "snippets/example.py"])
    expected = SNIPPET.replace("#> tensor([0., 0., 0.])", "#> tensor([0., 0.])").replace("x + 1\n", "x + 1\n#> 2\n")
    assert (project.path / "snippets" / "example.py").read_text() == expected
    verified = (project.path / "snippets" / "verified.md").read_text()
    assert "on the CPU with torch 2." in verified and "GPU examples have not been run on a GPU yet" in verified
    project.runpytest_subprocess().assert_outcomes(passed=1, skipped=1)


def test_python_blocks_in_pages_are_run(project):
    (project.path / "docs").mkdir()
    (project.path / "docs" / "page.md").write_text(
        '# Page\n\n```python\n1 + 1\n#> 3\n```\n\n```bash\necho not python\n```\n\n```python\n--8<-- "example.py:on_cpu"\n```\n'
    )
    result = project.runpytest_subprocess("docs")
    result.stdout.fnmatch_lines(["*docs/page.md:5: documented value differs*"])
    result.assert_outcomes(failed=1)


def test_numpy_version_requirement_skips_with_a_reason(project):
    (project.path / "snippets" / "example.py").write_text("# requires: numpy<1\nx = 1\n")
    result = project.runpytest_subprocess()
    result.stdout.fnmatch_lines(["*snippets/example.py:1: needs numpy<1; this is NumPy *"])
    result.assert_outcomes(skipped=1)


def test_unknown_requirement_is_a_collection_error(project):
    (project.path / "snippets" / "example.py").write_text("x = 1\n# requires: tpu\n")
    result = project.runpytest_subprocess()
    result.stdout.fnmatch_lines(["*snippets/example.py:2: unknown requirement 'tpu'*"])
    assert result.ret != 0


@pytest.mark.parametrize("selection", [["-k", "on_cpu"], ["snippets/example.py"]])
def test_a_partial_update_run_does_not_claim_verification(project, selection):
    (project.path / "snippets" / "other.py").write_text("x = 1\n")
    project.runpytest_subprocess("--update-expected", *selection)
    assert not (project.path / "snippets" / "verified.md").exists()


def test_the_versions_line_is_printed_only_when_examples_were_verified(project):
    # SNIPPET's on_cpu example documents a wrong shape, so this run verifies nothing.
    failing = project.runpytest_subprocess("-k", "on_cpu")
    failing.assert_outcomes(failed=1)
    assert "examples verified with" not in failing.stdout.str()

    (project.path / "snippets" / "example.py").write_text("import torch\n\ntorch.zeros(2)\n#> tensor([0., 0.])\n")
    passing = project.runpytest_subprocess()
    passing.assert_outcomes(passed=1)
    passing.stdout.fnmatch_lines(["examples verified with torch *, NumPy *, Python *, CUDA: *"])


def test_the_versions_line_is_not_printed_when_every_example_skipped(project):
    (project.path / "snippets" / "example.py").write_text("# requires: numpy<1\nimport numpy\n")
    result = project.runpytest_subprocess()
    result.assert_outcomes(skipped=1)
    assert "examples verified with" not in result.stdout.str()


def test_one_update_documents_an_exception_and_every_statement_after_it(project):
    snippet = project.path / "snippets" / "example.py"
    snippet.write_text("import numpy as np\n\nnp.arange(3).reshape(2, 2)\nnp.arange(2)\n")
    project.runpytest_subprocess("--update-expected")
    assert snippet.read_text() == (
        "import numpy as np\n\nnp.arange(3).reshape(2, 2)\n"
        "#! raises ValueError: cannot reshape array of size 3 into shape (2,2)\n"
        "np.arange(2)\n#> array([0, 1])\n"
    )
    project.runpytest_subprocess().assert_outcomes(passed=1)
