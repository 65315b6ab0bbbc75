"""The zygote's warm-up run leaves no trace that an example could see."""

import subprocess
import sys

import pytest

from array_examples import isolation
from array_examples.snippets import Example

PRISTINE_STATE = """
import sys
import warnings
import numpy as np
import torch
from array_examples.isolation import IMPORT_FILTERS, ON_DEMAND, clean_imports, warm_up

def state():
    return (
        repr(np.get_printoptions()),
        repr(torch._tensor_str.PRINT_OPTS.__dict__),
        torch.get_default_dtype(),
        torch.is_grad_enabled(),
        torch.random.get_rng_state().tolist(),
        np.random.get_state()[1].tolist(),
        torch.get_num_threads(),
        repr(warnings.filters),
    )

before = state()
warm_up()
assert state() == before, "the warm-up changed state an example can see"
filters = list(warnings.filters)
clean_imports([(name, None) for name in ON_DEMAND])
refused = [name for name in ON_DEMAND if name not in sys.modules]  # none, nor brought by an earlier one
assert not refused, f"importing {refused} warned or started a thread"
# The filters an import adds (sympy's) are put back in each child: they are what a reader's import adds.
warnings.filters[:] = [f for f in warnings.filters if f not in IMPORT_FILTERS]
assert warnings.filters == filters
assert state() == before, "a module imported on demand changed state an example can see"
print("pristine")
"""


def test_warm_up_and_imports_on_demand_change_no_visible_state():
    # A fresh interpreter, as the zygote is: the options, RNGs and filters are compared before and after.
    done = subprocess.run([sys.executable, "-c", PRISTINE_STATE], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "pristine", done.stderr


def test_warm_up_that_warns_is_refused(monkeypatch):
    # A warning torch shows once per process, if raised in the zygote, would be hidden from every child.
    monkeypatch.setattr(isolation, "WARM_UP_NUMPY", ["import warnings", "warnings.warn('shown once')"])
    with pytest.raises(RuntimeError, match="did not run cleanly"):
        isolation.warm_up()


def test_a_once_per_process_warning_still_reaches_every_example(run):
    # torch warns about a non-writable array once per process; the warm-up must not have used it up.
    example = """
    import numpy as np
    import torch
    read_only = np.arange(3)
    read_only.setflags(write=False)
    _ = torch.from_numpy(read_only)
    #! warns UserWarning: The given NumPy array is not writable, and PyTorch does not support non-writable tensors. This means writing to this tensor will result in undefined behavior. You may want to copy the array to protect its data or make it writable before converting it to a tensor. This type of warning will be suppressed for the rest of this program.
    """
    assert run(example) == []
    assert run(example) == []


def test_the_zygote_imports_a_heavy_module_once_children_needed_it():
    # Children that import one report it; once enough have, the children after them find it imported.
    # A zygote of its own: the import changes the zygote for every example after it, and takes seconds
    # under load (the shared one's 3-second timeout was too short for it), so the default timeout applies.
    name = isolation.ON_DEMAND[0]
    zygote = isolation.Zygote()
    try:
        for _ in range(isolation.NEEDED_BY):
            assert zygote.run(Example("import.py", None, 1, [f"import {name}"]))["problems"] == []
        check = Example("check.py", None, 1, ["import sys", f"{name!r} in sys.modules", "#> True"])
        assert zygote.run(check)["problems"] == []
    finally:
        zygote.close()
