"""The plugin's options and what a run reports: --devices and GPU skips, -k selection, the verified file that a
full --update-expected run writes, and the versions line. Each rule is named as in docs/test-your-docs.md."""

import pytest
from rules import rule

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
def project(project):
    # No configuration but the verified file: the installed plugin finds snippets/**/*.py by itself.
    project.makepyprojecttoml(
        '[tool.pytest.ini_options]\naddopts = "-ra -p no:cacheprovider"\narray_examples_verified_file = "snippets/verified.md"\n'
    )
    (project.path / "snippets" / "example.py").write_text(SNIPPET)
    return project


def cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


@rule("devices")
@pytest.mark.skipif(cuda_available(), reason="on a GPU machine the GPU example runs instead of skipping")
def test_gpu_example_is_skipped_with_a_reason_not_passed(project):
    result = project.runpytest("-v")
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


@rule("devices")
@pytest.mark.skipif(cuda_available(), reason="forcing cuda only fails where there is no GPU")
def test_forcing_cuda_without_a_gpu_fails(project):
    result = project.runpytest("--devices", "cuda")
    result.stdout.fnmatch_lines(["*--devices asks for cuda, but torch.cuda.is_available() is False*"])
    result.assert_outcomes(failed=1, skipped=1)


@rule("sections")
def test_selecting_by_section_name(project):
    result = project.runpytest("-k", "on_cpu", "--devices", "cpu")
    result.assert_outcomes(failed=1, deselected=1)


@rule("verified file")
@pytest.mark.skipif(cuda_available(), reason="checks that a skipped GPU example is left alone")
def test_update_rewrites_outputs_and_leaves_the_rest(project):
    result = project.runpytest("--update-expected")
    result.stdout.fnmatch_lines(["*documented outputs updated*", "snippets/example.py"])
    expected = SNIPPET.replace("#> tensor([0., 0., 0.])", "#> tensor([0., 0.])").replace("x + 1\n", "x + 1\n#> 2\n")
    assert (project.path / "snippets" / "example.py").read_text() == expected
    verified = (project.path / "snippets" / "verified.md").read_text()
    assert "on the CPU with torch 2." in verified and "GPU examples have not been run on a GPU yet" in verified
    project.runpytest().assert_outcomes(passed=1, skipped=1)


@rule("verified file")
@pytest.mark.parametrize("selection", [["-k", "on_cpu"], ["snippets/example.py"]])
def test_a_partial_update_run_does_not_claim_verification(project, selection):
    (project.path / "snippets" / "other.py").write_text("x = 1\n")
    project.runpytest("--update-expected", *selection)
    assert not (project.path / "snippets" / "verified.md").exists()


@rule("versions line")
def test_the_versions_line_is_printed_only_when_examples_were_verified(project):
    # SNIPPET's on_cpu example documents a wrong shape, so this run verifies nothing.
    failing = project.runpytest("-k", "on_cpu")
    failing.assert_outcomes(failed=1)
    assert "examples verified with" not in failing.stdout.str()

    (project.path / "snippets" / "example.py").write_text("import torch\n\ntorch.zeros(2)\n#> tensor([0., 0.])\n")
    passing = project.runpytest()
    passing.assert_outcomes(passed=1)
    passing.stdout.fnmatch_lines(["examples verified with torch *, NumPy *, Python *, CUDA: *"])


@rule("versions line")
def test_the_versions_line_is_not_printed_when_every_example_skipped(project):
    (project.path / "snippets" / "example.py").write_text("# requires: numpy<1\nimport numpy\n")
    result = project.runpytest()
    result.assert_outcomes(skipped=1)
    assert "examples verified with" not in result.stdout.str()
