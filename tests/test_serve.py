"""The zygote's loop (isolation.Server and serve), its import policy and its huge pages."""

import subprocess
import sys

import pytest

from array_examples import isolation
from array_examples.protocol import READY, Answer, Request, frame, read_frame
from array_examples.snippets import Example


def start_zygote() -> subprocess.Popen:
    zygote = subprocess.Popen(
        [sys.executable, "-m", "array_examples.isolation"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert read_frame(zygote.stdout) == READY
    return zygote


def test_the_zygote_answers_requests_however_they_arrive():
    # Several requests in one write, then one cut in two: every answer comes, each with its request's id.
    zygote = start_zygote()
    try:
        requests = [
            Request(id=n, timeout=180, example=Example(f"e{n}.py", None, 1, [f"{n} * 2", f"#> {n * 2}"])) for n in range(3)
        ]
        zygote.stdin.write(b"".join(frame(request.to_json()) for request in requests))
        zygote.stdin.flush()
        last = frame(Request(id=3, timeout=180, example=Example("e3.py", None, 1, ["3 * 2", "#> 7"])).to_json())
        zygote.stdin.write(last[:10])
        zygote.stdin.flush()
        answers = {}
        while len(answers) < 3:
            answer = Answer.from_json(read_frame(zygote.stdout))
            answers[answer.id] = answer
        zygote.stdin.write(last[10:])
        zygote.stdin.flush()
        answer = Answer.from_json(read_frame(zygote.stdout))
        answers[answer.id] = answer
        assert {n: answers[n].result["problems"] for n in range(3)} == {0: [], 1: [], 2: []}
        assert answers[3].result["problems"][0].startswith("e3.py:2: documented value differs")
    finally:
        zygote.stdin.close()
    assert zygote.wait(timeout=120) == 0  # end of file on its requests: it stops
    assert read_frame(zygote.stdout) is None
    errors = zygote.stderr.read().decode()
    zygote.stdout.close()
    zygote.stderr.close()
    assert "Traceback" not in errors, errors


def test_a_facts_request_is_answered_with_the_facts():
    zygote = isolation.Zygote()
    try:
        facts = zygote.facts()
    finally:
        zygote.close()
    assert facts["python"] == sys.version.split()[0] and facts["cuda"] in (True, False)


class FakeProbe:
    """Stands in for the forked probe and the zygote's import (isolation.probe_in_fork, isolation.import_here):
    modules in `refused` (and their submodules) leave a trace; the others import, and a package brings the
    submodules listed in `brings`. Counts the probes and keeps the modules tried, in order."""

    def __init__(self, monkeypatch, refused=(), brings=None):
        self.monkeypatch, self.refused, self.brings = monkeypatch, set(refused), brings or {}
        self.probes, self.tried = 0, []
        monkeypatch.setattr(isolation, "probe_in_fork", self.probe_in_fork)
        monkeypatch.setattr(isolation, "import_here", self.import_here)

    def probe_in_fork(self, batch):
        self.probes += 1
        self.tried += [name for name, _ in batch]
        clean = [name.split(".")[0] not in self.refused and name not in self.refused for name, _ in batch]
        return clean.index(False) if False in clean else len(batch)

    def import_here(self, name):
        for module in [name, *self.brings.get(name, [])]:
            self.monkeypatch.setitem(sys.modules, module, object())
        return True


def test_a_module_is_imported_once_enough_children_needed_it(monkeypatch):
    probe = FakeProbe(monkeypatch)
    imports = isolation.OnDemandImports()
    name = "some_package"  # any package, not only ON_DEMAND's
    for _ in range(isolation.NEEDED_BY - 1):
        imports.note({name: "/site/some_package/__init__.py", "some.other.module": None})
    assert imports.due() == [] and not imports.import_due()
    imports.note({name: "/site/some_package/__init__.py"})
    assert imports.due() == [name]
    assert imports.import_due() is True and probe.tried == [name] and name in sys.modules
    # Tried once: neither counted nor tried again.
    imports.note({name: "/site/some_package/__init__.py"})
    assert imports.due() == [] and not imports.import_due() and probe.probes == 1


def test_a_module_whose_import_is_refused_is_not_tried_again_nor_its_submodules(monkeypatch):
    probe = FakeProbe(monkeypatch, refused={"refused_b", "refused_a"})
    imports = isolation.OnDemandImports()
    for _ in range(isolation.NEEDED_BY):
        imports.note({"refused_b": None, "refused_a": None})
    assert imports.due() == ["refused_b", "refused_a"]  # in the order a child imported them
    assert imports.import_due() is False and probe.probes == 2  # a probe per refusal
    for _ in range(isolation.NEEDED_BY):
        # A later example reaches deeper into a refused package: nothing is counted, nothing probed.
        imports.note({"refused_b": None, "refused_a": None, "refused_a.lazy.part": None})
    assert imports.due() == [] and probe.probes == 2


def test_a_packages_lazily_imported_submodules_are_not_counted():
    # An example that imports torch reports the hundreds of submodules torch imports lazily as it runs:
    # probed one by one, they held every answer back for minutes (tried: 400 s). ON_DEMAND's are counted.
    imports = isolation.OnDemandImports()
    lazy = isolation.ON_DEMAND[0]
    for _ in range(isolation.NEEDED_BY):
        imports.note({"some_package": None, "some_package.lazy": None, "some_package.lazy.deeper": None, lazy: None})
    assert imports.due() == ["some_package", lazy] or imports.due() == ["some_package"]  # lazy: unless already here
    assert "some_package.lazy" not in imports.due()


def test_a_module_from_another_file_than_the_first_child_had_is_not_counted(monkeypatch):
    # Two examples each with a helper.py beside it: neither is the other's, so the zygote imports neither.
    imports = isolation.OnDemandImports()
    for folder in ["/docs/a", "/docs/b", "/docs/c"]:
        imports.note({"helper": f"{folder}/helper.py"})
    assert imports.due() == []
    imports.note({"helper": "/docs/a/helper.py"})
    assert imports.due() == ["helper"]


def test_the_submodules_a_package_import_brought_are_not_tried_again(monkeypatch):
    # Importing the package imports its submodules (they are then in sys.modules); a refused package's
    # submodules are not probed one by one.
    probe = FakeProbe(monkeypatch, refused={"refused_package"}, brings={"loaded_package": ["loaded_package.part"]})
    imports = isolation.OnDemandImports()
    for _ in range(isolation.NEEDED_BY):
        imports.note({"loaded_package": None, "loaded_package.part": None, "refused_package": None, "refused_package.part": None})
    assert imports.import_due() is True
    # One probe: it stops at the refusal, and what is left is the refused package's submodule.
    assert probe.probes == 1 and "loaded_package.part" in sys.modules and "refused_package.part" not in sys.modules
    assert imports.due() == []


def test_hundreds_of_modules_cost_a_probe_per_batch_not_one_each(monkeypatch):
    # A probe each (a fork and an import) held every answer back for minutes.
    probe = FakeProbe(monkeypatch)
    imports = isolation.OnDemandImports()
    modules = {f"package{index}": None for index in range(3 * isolation.PROBE_BATCH)}
    for _ in range(isolation.NEEDED_BY):
        imports.note(modules)
    assert imports.import_due() is True
    assert probe.probes == 3 and len(probe.tried) == len(modules)


def test_a_module_the_zygote_has_is_not_counted():
    imports = isolation.OnDemandImports()
    for _ in range(isolation.NEEDED_BY):
        imports.note({"sys": None, "numpy": numpy_file()})
    assert imports.due() == []


def numpy_file() -> str:
    import numpy

    return numpy.__file__


MAPS = """\
00400000-00452000 r-xp 00000000 08:02 173521      /usr/bin/python3.11
00652000-00653000 rw-p 00052000 08:02 173521      /usr/bin/python3.11
01000000-01801000 rw-p 00000000 00:00 0           [heap]
7f0000100000-7f0000700000 rw-p 00000000 00:00 0
7f0000800000-7f0000c00000 rw-p 00000000 08:02 99   /tmp/mapped.bin
7f0000c00000-7f0000e00000 r--p 00000000 00:00 0
7ffc00000000-7ffc00400000 rw-p 00000000 00:00 0   [stack]
"""


def test_huge_pages_are_the_whole_2_mib_pages_of_anonymous_writable_memory():
    huge = isolation.HUGE_PAGE
    assert isolation.huge_pages(MAPS) == [
        0x1000000,  # the heap: 0x1000000 to 0x1801000 holds four whole pages
        0x1000000 + huge,
        0x1000000 + 2 * huge,
        0x1000000 + 3 * huge,
        0x7F0000200000,  # anonymous: from the first 2 MiB boundary, to the last one
        0x7F0000400000,
    ]


@pytest.mark.skipif(sys.platform != "linux", reason="MADV_COLLAPSE is Linux's")
def test_sharing_as_huge_pages_keeps_memory_as_it_was():
    # In a process of its own: the call touches every page of the heap. Where the kernel cannot collapse
    # (before Linux 6.1, or no huge page free) it must still leave everything as it was.
    code = (
        "import hashlib\n"
        "from array_examples.isolation import share_as_huge_pages\n"
        "data = [bytes([n % 256]) * 4096 for n in range(4096)]\n"
        "before = hashlib.sha256(b''.join(data)).hexdigest()\n"
        "share_as_huge_pages()\n"
        "print(hashlib.sha256(b''.join(data)).hexdigest() == before)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout == "True\n", done.stderr
