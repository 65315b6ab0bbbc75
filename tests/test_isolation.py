"""Bad input is reported with its file and line, and one bad example never harms another."""

import os
import subprocess
import sys

import pytest

from array_examples.reprs import MalformedOutput, parse


@pytest.mark.parametrize(
    "block, reason",
    [
        ("#> tensor([1, 2", "example.py:3: malformed documented output"),
        ("#> tensor([1, 2], dtype=torch.flaot32)", "unknown torch dtype torch.flaot32"),
        ("#> array([1, 2], dtype=flaot32)", "unknown NumPy dtype flaot32"),
        ("#> tensor([1, 'two'])", "'two' is not a number"),
    ],
)
def test_malformed_documented_output_names_file_and_line(run, block, reason):
    problems = run(f"import torch\ntorch.tensor([1, 2])\n{block}")
    assert reason in problems[0]
    assert problems[0].startswith("example.py:3:")


@pytest.mark.parametrize(
    "text, reason",
    [
        ("x = 1\n#! raises ValueError\n", "example.py:2: malformed `#! raises` line"),
        ("x = 1\n#! something odd\n", "example.py:2: malformed `#!` line"),
        ("if True:\n    x = 1\n    #> 1\n", "example.py:3: documented output follows no top-level statement"),
        ("x = (\n", "example.py:1: not valid Python"),
    ],
)
def test_unreadable_example_names_file_and_line(run, text, reason):
    assert reason in run(text)[0]


def test_text_that_is_not_a_repr_stays_text():
    assert parse("<class 'torch.Tensor'>").text == "<class 'torch.Tensor'>"
    with pytest.raises(MalformedOutput):
        parse("torch.Size([1, 2)")


@pytest.mark.parametrize(
    "code, reason",
    [
        ("import os\nx = 1\nos.abort()", "example.py:3: crashed with signal SIGABRT"),
        ("import ctypes\nctypes.string_at(0)", "example.py:2: crashed with signal SIGSEGV"),
        ("import os\nos._exit(3)", "example.py:2: exited with code 3"),
        ("x = 1\nwhile True:\n    pass", "example.py:2: timed out after 3 s"),
    ],
)
def test_crashing_or_hanging_example_fails_alone(run, code, reason):
    problems = run(code)
    assert len(problems) == 1 and problems[0].startswith(reason), problems
    # The next example still runs normally.
    assert run("1 + 1\n#> 2") == []


def test_native_output_of_a_crash_is_quoted(run):
    problems = run("import faulthandler, ctypes\nfaulthandler.enable()\nctypes.string_at(0)")
    assert "native output:" in problems[0] and "Fatal Python error" in problems[0]


CHANGE_EVERYTHING = """
import os, warnings
import numpy as np
import torch
torch.set_default_dtype(torch.float64)
torch.set_printoptions(precision=1)
np.set_printoptions(precision=1)
_ = torch.manual_seed(1234)
warnings.simplefilter("ignore")
open("left-behind.txt", "w").close()
"""

CHECK_DEFAULTS = """
import os
import numpy as np
import torch
torch.tensor([1 / 3])
#> tensor([0.3333])
repr(np.array([1 / 3]))
#> 'array([0.33333333])'
torch.initial_seed() == 1234
#> False
os.path.exists("left-behind.txt")
#> False
read_only = np.arange(3)
read_only.setflags(write=False)
torch.from_numpy(read_only)
#! warns UserWarning: The given NumPy array is not writable, and PyTorch does not support non-writable tensors. This means writing to this tensor will result in undefined behavior. You may want to copy the array to protect its data or make it writable before converting it to a tensor. This type of warning will be suppressed for the rest of this program.
#> tensor([0, 1, 2])
"""


def test_state_does_not_leak_between_examples(run):
    assert run(CHANGE_EVERYTHING) == []
    assert run(CHECK_DEFAULTS) == []
    # torch shows the not-writable warning once per process: each example must still see it.
    assert run(CHECK_DEFAULTS) == []


def test_examples_sent_together_get_their_own_results(zygote):
    """Examples run concurrently; each answer must reach the example that produced it."""
    from array_examples.snippets import Example

    examples = [Example(f"e{n}.py", None, 1, [f"{n} + 0", f"#> {n + n % 2}"]) for n in range(8)]
    examples.append(Example("crash.py", None, 1, ["import os", "os.abort()"]))
    ids = zygote.submit_all(examples)
    # Collect in reverse, so answers that arrive early must wait for their turn.
    results = {request_id: zygote.result(request_id) for request_id in reversed(ids)}
    for n, request_id in enumerate(ids[:8]):
        problems = results[request_id]["problems"]
        assert bool(problems) == (n % 2 == 1), (n, problems)
        assert all(problem.startswith(f"e{n}.py:2:") for problem in problems)
    assert results[ids[8]]["problems"][0].startswith("crash.py:2: crashed with signal SIGABRT")


def test_the_zygote_exits_quietly_when_its_client_goes_mid_run(tmp_path):
    # pytest -x stops reading while examples still run; the zygote must not die on a broken pipe.
    import json
    import subprocess
    import sys
    from dataclasses import asdict

    from array_examples.snippets import Example

    zygote = subprocess.Popen(
        [sys.executable, "-m", "array_examples.isolation"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert zygote.stdout.readline().strip() == "ready"
    zygote.stdout.close()  # the client stops listening; its end of the requests stays open
    example = Example("quick.py", None, 1, ["x = 1"])
    for number in range(3):
        zygote.stdin.write(json.dumps({"id": number, "timeout": 30, "example": asdict(example)}) + "\n")
    zygote.stdin.flush()
    assert zygote.wait(timeout=60) == 0  # the first answer finds nobody listening: it stops
    zygote.stdin.close()
    errors = zygote.stderr.read()
    zygote.stderr.close()
    assert "Traceback" not in errors, errors


@pytest.mark.parametrize(
    "draw",
    ["torch.rand(1).item()", "np.random.rand()", "random.random()", "np.random.default_rng().random()"],
)
def test_each_child_draws_other_unseeded_random_numbers(run, tmp_path, draw):
    # As in two runs of `python snippet.py`: an unseeded draw documented from one run must not pass the next.
    record = tmp_path / "draws.txt"
    example = f"import random\nimport numpy as np\nimport torch\nwith open({str(record)!r}, 'a') as file:\n    n = file.write(repr({draw}) + '\\n')"
    assert run(example) == [] and run(example) == []
    first, second = record.read_text().split()
    assert first != second, f"two children drew the same {draw}: {first}"


def test_a_seeded_draw_is_the_same_in_every_child(run):
    example = "import torch\n_ = torch.manual_seed(0)\ntorch.randint(10, (3,))\n#> tensor([4, 9, 3])"
    assert run(example) == [] and run(example) == []


def test_examples_see_the_environment_the_harness_was_started_with(run):
    # The zygote sets OMP_WAIT_POLICY only while torch loads (see serve); an example must not see it.
    assert run("import os\n'OMP_WAIT_POLICY' in os.environ\n#> False") == []


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity on this OS")
def test_children_at_once_follow_the_cpu_affinity():
    # In a container or under `taskset`, the machine has more CPUs than the process may use.
    code = "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); from array_examples.isolation import usable_cpus; print(usable_cpus())"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "1\n"
