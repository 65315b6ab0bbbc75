"""The zygote's import policy: any module enough children imported is imported in the zygote, once a forked
probe shows its import leaves no trace (isolation.clean_imports); each child still has its own copy."""

import os
import sys
import textwrap

import pytest

from array_examples import isolation
from array_examples.snippets import Example

# The probe runs in a fork of a fork of this process: what it accepts is imported only in the first fork, so
# neither this process nor another test sees the module, its thread or its at-fork handler.
ACCEPTED, REFUSED = 0, 1


def clean_import_in_a_fork(name: str, origin: str | None = None) -> int:
    """ACCEPTED if clean_imports imported `name` (it is then in sys.modules, and the environment is as it was),
    REFUSED if it refused it."""
    pid = os.fork()
    if pid == 0:
        code = 2
        try:
            environment = dict(os.environ)
            imported = isolation.clean_imports([(name, origin)]) == [name]
            as_before = name in sys.modules and os.environ == environment
            code = REFUSED if not imported else ACCEPTED if as_before else 3
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("import threading, time\nthreading.Thread(target=time.sleep, args=(60,), daemon=True).start()", id="thread"),
        pytest.param("print('imported')", id="prints"),
        pytest.param("import sys\nsys.stderr.write('imported')", id="writes-to-stderr"),
        pytest.param("import warnings\nwarnings.warn('shown once')", id="warns"),
        pytest.param("KEPT = open(__file__)", id="keeps-a-file-open"),
        pytest.param("open('made_at_import.txt', 'w').close()", id="writes-in-its-folder"),
        pytest.param("import sys\nsys.path.append('/nowhere')", id="sys-path"),
        pytest.param("import builtins\nbuiltins.made_at_import = 1", id="builtins"),
        pytest.param("import sys\nsys.displayhook = print", id="displayhook"),
        pytest.param("import logging\nlogging.getLogger().addHandler(logging.StreamHandler())", id="root-logger"),
        pytest.param("import numpy as np\nnp.set_printoptions(precision=3)", id="numpy-print-options"),
        pytest.param("import numpy as np\nnp.seterr(all='raise')", id="numpy-errors"),
        pytest.param("import torch\ntorch.set_default_dtype(torch.float64)", id="torch-default-dtype"),
        pytest.param("import torch\ntorch.set_printoptions(precision=2)", id="torch-print-options"),
        pytest.param("raise ImportError('not here')", id="fails"),
    ],
)
def test_an_import_that_leaves_a_trace_is_refused(tmp_path, monkeypatch, body):
    (tmp_path / "leaves_a_trace.py").write_text(body + "\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert clean_import_in_a_fork("leaves_a_trace") == REFUSED


CLEAN = {
    "plain": "VALUE = 1\n",
    # A pool its library stops before each fork (OpenBLAS's does, with pthread_atfork): no thread crosses a fork.
    "pool-stopped-at-fork": textwrap.dedent(
        """
        import os, threading
        stop = threading.Event()
        pool = threading.Thread(target=stop.wait, daemon=True)
        pool.start()

        def shut():
            stop.set()
            pool.join()

        os.register_at_fork(before=shut)
        """
    ),
    # The filters an import adds are put back in each child, as a reader's process has them once it imported it.
    "adds-a-warning-filter": "import warnings\nwarnings.filterwarnings('ignore', message='added at import')\n",
    # The variables an import sets are unset again: examples see the user's environment.
    "sets-an-environment-variable": "import os\nos.environ['SET_AT_IMPORT'] = '1'\n",
}


def test_an_import_that_warns_is_refused(tmp_path, monkeypatch):
    # The probe runs in a forked child: the module must not be imported here, nor its warning used up.
    (tmp_path / "warns_when_imported.py").write_text("import warnings\nwarnings.warn('shown once')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert isolation.clean_imports([("warns_when_imported", None)]) == []
    assert "warns_when_imported" not in sys.modules


def test_an_import_that_is_clean_is_done_here(tmp_path, monkeypatch):
    (tmp_path / "quiet_when_imported.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        assert isolation.clean_imports([("quiet_when_imported", None)]) == ["quiet_when_imported"]
        assert sys.modules["quiet_when_imported"].VALUE == 1
    finally:
        sys.modules.pop("quiet_when_imported", None)


@pytest.mark.parametrize("body", CLEAN.values(), ids=CLEAN.keys())
def test_an_import_that_leaves_no_trace_is_done(tmp_path, monkeypatch, body):
    (tmp_path / "leaves_no_trace.py").write_text(body)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert clean_import_in_a_fork("leaves_no_trace") == ACCEPTED


def test_a_module_found_in_another_file_than_the_children_had_is_refused(tmp_path, monkeypatch):
    (tmp_path / "helper.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert clean_import_in_a_fork("helper", str(tmp_path / "docs" / "helper.py")) == REFUSED
    assert clean_import_in_a_fork("helper", str(tmp_path / "helper.py")) == ACCEPTED


def check(zygote: isolation.Zygote, *lines: str, directory: str = "") -> list[str]:
    return zygote.run(Example("example.py", None, 1, list(lines), directory=directory))["problems"]


def test_the_zygote_imports_a_module_children_needed_and_each_child_has_its_own_copy(tmp_path, monkeypatch):
    # A zygote of its own (it changes), started in a folder that holds the module, as a project's root does.
    (tmp_path / "project_tools.py").write_text("CALLS = []\n")
    own = tmp_path / "docs"
    own.mkdir()
    (own / "project_tools.py").write_text("CALLS = ['beside the example']\n")
    monkeypatch.chdir(tmp_path)
    zygote = isolation.Zygote()
    loaded = ["import sys", "'project_tools' in sys.modules"]
    uses = ["import project_tools", "project_tools.CALLS.append(1)", "project_tools.CALLS", "#> [1]"]
    try:
        assert check(zygote, *loaded, "#> False") == []
        for _ in range(isolation.NEEDED_BY):
            assert check(zygote, *uses) == []
        assert check(zygote, *loaded, "#> True") == []
        # What an example changed in it, the next one does not see.
        assert check(zygote, *uses) == [] and check(zygote, *uses) == []
        # An example with a module of that name beside it imports its own, as `python file.py` would.
        assert check(zygote, "import project_tools", "project_tools.CALLS", "#> ['beside the example']", directory=str(own)) == []
    finally:
        zygote.close()
