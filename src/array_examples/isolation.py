"""Run each example in its own forked process, fast.

A long-lived "zygote" process imports torch and NumPy once and never runs an
example itself. For each example it forks a child: the child starts from the
zygote's pristine state (default dtype, print options, warning registries), with
its random number generators seeded afresh as a new interpreter seeds them,
runs the example in a temporary directory, and reports back through a pipe.
A child that crashes, aborts or hangs is named and killed alone. Children
run on as many cores as the machine has; answers carry the request's id, so
the client can send every example up front and collect the results in order.

The zygote never touches CUDA (fork after CUDA initialisation is unsafe);
even `torch.cuda.is_available()` runs in a child.

    client side (pytest):  Zygote().run(example) -> result dict, or
                           ids = zygote.submit_all(examples); zygote.result(ids[0]) -> result dict
    zygote side:           python -m array_examples.isolation
"""

from __future__ import annotations

import gc
import itertools
import json
import mmap
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections import Counter, deque
from dataclasses import asdict
from pathlib import Path

from array_examples.snippets import Example

# The folder that holds this package, so the zygote imports this copy even where it is not installed.
PACKAGE_PARENT = Path(__file__).resolve().parent.parent
# Generous: a loaded 2-core machine slowed an example that starts its own interpreter (1.8 s idle) past 60 s.
DEFAULT_TIMEOUT = 180.0
# Children forked back to back while work is queued. After each fork the zygote's first write to each page
# copies it (the children still share it); forking several in a row pays those copies once per batch.
SPARE_BATCH = 8


class Zygote:
    """The pytest-side handle on the zygote process."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, update: bool = False):
        """`timeout`: seconds one example may run; `update`: run as --update-expected does (see run_example)."""
        self.timeout = timeout
        self.update = update
        self.process = None
        self._facts = None
        self._ids = itertools.count()
        self._answers: dict[int, dict] = {}
        self._write_lock = threading.Lock()  # a line is written whole, even beside submit_all's thread

    def start(self) -> None:
        # The path goes in through sys.path, not PYTHONPATH: examples see the user's environment, and so do
        # the processes they start.
        # sys.path as `python -m` would make it, with this package's folder where PYTHONPATH would have put it.
        start = (
            f"import os, sys; sys.path[0:1] = [os.getcwd(), {str(PACKAGE_PARENT)!r}]; "
            "from array_examples.isolation import serve; serve()"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", start],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError("the snippet zygote failed to start; run `python -m array_examples.isolation` to see why")

    def _message(self, example: Example | None) -> dict:
        body = {"example": asdict(example)} if example else {"facts": True}
        return {"id": next(self._ids), "timeout": self.timeout, "update": self.update, **body}

    def _write(self, message: dict) -> None:
        with self._write_lock:
            self.process.stdin.write(json.dumps(message) + "\n")
            self.process.stdin.flush()

    def _ensure_started(self) -> None:
        if self.process is None or self.process.poll() is not None:
            self.start()

    def submit_all(self, examples: list[Example]) -> list[int]:
        """Queue every example at once; the zygote runs them on all cores. Returns their ids."""
        self._ensure_started()
        messages = [self._message(example) for example in examples]
        # A thread writes, so neither side can block the other on a full pipe.
        threading.Thread(target=lambda: [self._write(m) for m in messages], daemon=True).start()
        return [m["id"] for m in messages]

    def result(self, request_id: int) -> dict:
        while request_id not in self._answers:
            line = self.process.stdout.readline()
            if not line:
                self.process = None
                raise RuntimeError("the snippet zygote died; the next example starts a new one")
            answer = json.loads(line)
            self._answers[answer.pop("id")] = answer
        return self._answers.pop(request_id)

    def request(self, example: Example | None) -> dict:
        self._ensure_started()
        message = self._message(example)
        self._write(message)
        return self.result(message["id"])

    def run(self, example: Example) -> dict:
        return self.request(example)

    def facts(self) -> dict:
        """Versions and CUDA availability, learned in a child so the zygote stays CUDA-free."""
        if self._facts is None:
            answer = self.request(None)
            if "torch" not in answer:
                # Reading a failed probe as "no CUDA" would turn GPU examples into silent skips.
                raise RuntimeError(
                    f"could not learn torch's versions and devices: {answer.get('failure')}{answer.get('log', '')}"
                )
            self._facts = answer
        return self._facts

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=10)
        self.process = None


# ---- zygote side -------------------------------------------------------------------------


def serve() -> None:
    import numpy  # noqa: F401  the expensive imports, paid once

    # OpenMP's threads spin after each parallel region by default; with a child on every core, the spin takes
    # the core another child needs. libgomp reads this once, as torch loads it; the examples never see it.
    ours = "OMP_WAIT_POLICY" not in os.environ  # a policy set by the user stays as it is
    if ours:
        os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    try:
        import torch  # noqa: F401
    except ImportError:
        pass  # a NumPy-only project: its examples never import torch
    finally:
        if ours:
            os.environ.pop("OMP_WAIT_POLICY", None)

    from array_examples import repl  # noqa: F401  and everything a child needs, so children import nothing

    channel = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # stray prints from here on cannot corrupt the protocol
    warm_up()
    gc.collect()
    gc.freeze()  # the collector never writes to these objects again, so their pages stay shared
    # Nor does it run in the zygote, whose loop makes little garbage: a collection writes to the pages of
    # young objects, each a page copy while children share it. Each child turns it back on (child()).
    gc.disable()
    share_as_huge_pages()
    channel.write("ready\n")
    workers = usable_cpus()
    queue, running, finished = deque(), {}, []
    spares, pending_input, reading = deque([Spare()]), b"", True
    needed, tried = Counter(), set()  # children that imported each ON_DEMAND module; those imported here or refused
    while reading or running:
        while queue and len(running) < workers:
            if not spares:
                spares.append(Spare())
            child = spares.popleft()
            child.start(queue.popleft())
            running[child.read_end] = child
            if not spares:  # forked now, while the started children run on the other cores
                for _ in range(max(1, min(SPARE_BATCH, len(queue)))):
                    spares.append(Spare(idle=spares))
        now = time.monotonic()
        wait = min((child.deadline - now for child in running.values()), default=None)
        watched = ([sys.stdin.fileno()] if reading else []) + list(running)
        ready, _, _ = select.select(watched, [], [], None if wait is None else max(wait, 0))
        answered = []
        for fd in ready:
            if fd == sys.stdin.fileno():
                chunk = os.read(fd, 65536)
                if not chunk:
                    reading = False  # the client has gone (pytest ended, perhaps early with -x)
                    break
                pending_input += chunk
                *lines, pending_input = pending_input.split(b"\n")
                queue.extend(json.loads(line) for line in lines if line.strip())
            elif running[fd].feed():
                answered.append(running.pop(fd))
        for fd, child in list(running.items()):
            if child.deadline <= time.monotonic():
                child.kill()
                answered.append(running.pop(fd))
        for child in answered:
            finished.append(child)
            answer = child.answer()
            needed.update(name for name in answer.pop("imported", ()) if name in ON_DEMAND and name not in tried)
            if reading:
                try:
                    channel.write(json.dumps(answer) + "\n")
                except BrokenPipeError:
                    reading = False  # the client went away while we answered
        wanted = {name for name, count in needed.items() if count >= NEEDED_BY and name not in tried}
        if wanted and reading:
            tried.update(wanted)
            if any([clean_import(name) for name in sorted(wanted)]):
                gc.collect()
                gc.freeze()
                share_as_huge_pages()
                for spare in spares:  # forked without the module: they would import it again
                    spare.stop()
                spares.clear()
        if not reading:
            # Nobody waits for the rest: stop what runs, drop what is queued.
            queue.clear()
            for child in running.values():
                child.kill()
            finished += running.values()
            running.clear()
        finished = [child for child in finished if not child.reaped(block=False)]
    for child in [*finished, *spares]:
        child.stop()


# Run once in the zygote, so that every child finds the first-use work done: lazy imports, caches,
# specialised bytecode of the repr and comparison paths. Without it each child redoes that work and
# copies the pages it writes (measured: a third of a child's page faults, a fifth of its CPU time).
# It must leave nothing a reader could see: no warning (torch shows some once per process), no
# random numbers, no option changed, tensors too small to start a thread pool.
WARM_UP_NUMPY = [
    "import numpy as np",
    "np.arange(6).reshape(2, 3) * 2",
    "#> array([[ 0,  2,  4],\n#>        [ 6,  8, 10]])",
    "np.ones(2) / 3",
    "#> array([0.33333333, 0.33333333])",
    "np.dtype('float32'), np.arange(3).shape",  # scalars are left out: NumPy 1 and 2 print them differently
    "#> (dtype('float32'), (3,))",
    "print(np.arange(2))",
    "#> [0 1]",
    "int('x')",
    "#! raises ValueError: invalid literal for int() with base 10: 'x'",
]
WARM_UP_TORCH = [
    "import torch",
    "t = torch.arange(6.0).reshape(2, 3)",
    "t.sum(0), t.shape, t.dtype",
    "#> (tensor([3., 5., 7.]), torch.Size([2, 3]), torch.float32)",
    "torch.tensor([1, 2], dtype=torch.int32)",
    "#> tensor([1, 2], dtype=torch.int32)",
    "(torch.tensor([1.5, 2.5], requires_grad=True) * 2).sum()",
    "#> tensor(8., grad_fn=<SumBackward0>)",
    "torch.from_numpy(np.arange(3)), torch.ones(2).numpy()",
    "#> (tensor([0, 1, 2]), array([1., 1.], dtype=float32))",
]


# Modules that NumPy and torch import only on first use: each child that needs one pays for the import,
# where the in-process baseline pays once (on the doctest corpus, before this: a third of the harness's CPU
# time; 0.5 s for symbolic_shapes and sympy, in one child of 50). The small NumPy ones are imported with the
# warm-up, under its rules (no warning, no thread); a missing one is skipped.
PRELOAD_NUMPY = ["numpy.ma", "numpy.polynomial", "numpy.strings"]  # NumPy 2 loads these on attribute access
# These cost 2 s and 70 MB at start, which most projects never use: the zygote imports one only once
# NEEDED_BY children have imported it themselves (they report them, see child()), and only when a probe
# shows its import is clean. The probe and the import cost about two children's imports.
NEEDED_BY = 3
ON_DEMAND = [
    "torch.fx.experimental.symbolic_shapes",  # with sympy: broadcast_shapes, torch.fft, many shape checks
    "torch.distributed.tensor",  # torch.testing.assert_close
    "torch._dynamo",  # torch.func transforms, nested tensors
]
# The warning filters those imports added here (sympy's adds one): each child resets the filters to
# Python's own, then puts these back, as a reader's process has them once the module is imported.
IMPORT_FILTERS: list = []


def preload(names: list[str]) -> None:
    """Import each module that can be imported; an ImportError (another version, a NumPy-only install) skips it."""
    import importlib

    for name in names:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def thread_count() -> int | None:
    """The threads of this process (native ones too), or None where /proc cannot tell."""
    return len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else None


def clean_import(name: str) -> bool:
    """Import module `name` here if a forked probe shows the import raises no warning and starts no thread
    (a warning shown once per process, if raised here, would be hidden from every child). Returns whether
    it was imported."""
    import importlib

    pid = os.fork()
    if pid == 0:
        clean = False
        try:
            threads = thread_count()
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                importlib.import_module(name)
            clean = not caught and thread_count() == threads
        finally:
            os._exit(0 if clean else 1)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return False
    before = list(warnings.filters)
    importlib.import_module(name)
    IMPORT_FILTERS[:0] = [added for added in warnings.filters if added not in before]
    return True


def warm_up() -> None:
    """Preload lazily imported modules and run the harness on a small example in the zygote itself;
    raise RuntimeError if either left a trace (a warning, a thread)."""

    from array_examples.repl import run_example

    lines = WARM_UP_NUMPY + (WARM_UP_TORCH if "torch" in sys.modules else [])
    threads = thread_count()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        preload(PRELOAD_NUMPY)
        result = run_example(Example("<zygote warm-up>", None, 1, lines))
    if result["problems"] or caught:
        raise RuntimeError(f"the zygote's warm-up example did not run cleanly: {result['problems']} {caught}")
    if thread_count() != threads:
        raise RuntimeError("the zygote's warm-up example started a thread; forking after that is unsafe")


def share_as_huge_pages() -> None:
    """Back the zygote's heap with 2 MiB pages (Linux MADV_COLLAPSE), so each fork copies a page-table
    entry per 2 MiB instead of one per 4 KiB: measured, the fork's system time falls from about 5 ms to 1 ms.
    A child that writes to a huge page splits only its own mapping of it. Best effort: elsewhere a no-op."""
    if sys.platform != "linux":
        return
    import ctypes

    madvise = ctypes.CDLL(None).madvise
    madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    huge, collapse = 1 << 21, 25  # MADV_COLLAPSE, Linux 6.1 and later; older kernels answer EINVAL
    with open("/proc/self/maps") as maps:
        for row in maps:
            fields = row.split()
            # Private writable memory with no file behind it: the malloc heap, Python's arenas, torch's tables.
            if fields[1] != "rw-p" or (len(fields) > 5 and fields[5] != "[heap]"):
                continue
            low, high = (int(bound, 16) for bound in fields[0].split("-"))
            start, end = (low + huge - 1) // huge * huge, high // huge * huge
            # One call per huge page: a call over a whole region gives up at the first 2 MiB that fails
            # (measured: 130 of 215 MB collapsed that way, 190 MB page by page).
            for page in range(start, end, huge):
                # Errors are ignored: EINVAL from a kernel without MADV_COLLAPSE or a range that cannot take
                # a huge page, EAGAIN or ENOMEM when no huge page is free; that range just stays as it was.
                madvise(page, huge, collapse)


def facts() -> dict:
    """Versions and devices of this environment: torch is None where torch is not installed."""
    import numpy

    try:
        import torch
    except ImportError:
        torch = None
    cuda = torch is not None and torch.cuda.is_available()
    return {
        "torch": torch.__version__ if torch else None,
        "numpy": numpy.__version__,
        "python": sys.version.split()[0],
        "cuda": cuda,
        "cuda_build": torch is not None and torch.version.cuda is not None,
        "gpu": torch.cuda.get_device_name(0) if cuda else None,
    }


class Spare:
    """A child forked ahead of time, waiting for the one request it will serve."""

    def __init__(self, idle=()):
        """Fork the child; `idle`: the spares forked before it and still waiting, whose pipes it must not hold."""
        self.workdir = tempfile.mkdtemp(prefix="snippet-")
        self.log_path = self.workdir + ".log"
        job_read, self.job_write = os.pipe()  # job_write is None once the request is sent
        self.read_end, result_write = os.pipe()
        # The line of the statement the child runs, read only if it dies: shared memory, not a message,
        # so that the zygote is not woken at every statement.
        self.progress = mmap.mmap(-1, 8)
        # What the zygote made since the last fork (the queued requests) would be the child's youngest
        # generation: its first collection would walk all of it, copying the pages it marks.
        gc.freeze()
        self.pid = os.fork()
        if self.pid == 0:
            # A spare still holding another's request pipe would keep that one from ever reading its end.
            for fd in [self.job_write, self.read_end, *(fd for other in idle for fd in (other.job_write, other.read_end))]:
                os.close(fd)
            child(job_read, result_write, self.workdir, self.log_path, self.progress)
        os.close(job_read)
        os.close(result_write)
        self.status = None
        self.received = b""
        self.failure = None

    def start(self, message: dict) -> None:
        self.message = message
        self.deadline = time.monotonic() + message["timeout"]
        os.write(self.job_write, json.dumps(message).encode())
        os.close(self.job_write)
        self.job_write = None

    def feed(self) -> bool:
        """Read what the child reported; True once it has sent its result or closed the pipe."""
        chunk = os.read(self.read_end, 65536)
        self.received += chunk
        return not chunk or (b'{"result"' in self.received and self.received.endswith(b"\n"))

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        self.failure = f"timed out after {self.message['timeout']:g} s (killed) while running this statement"

    def answer(self) -> dict:
        """The result for the client, or a problem that says how the child died and where."""
        reported = {}
        for line in self.received.decode(errors="replace").splitlines():
            try:
                reported.update(json.loads(line))
            except ValueError:
                pass  # a message cut short by a crash
        if "result" in reported and not self.failure:
            return {"id": self.message["id"], **reported["result"]}
        log = log_head(self.log_path)  # before reaping removes the log and the progress
        at = int.from_bytes(self.progress[:8], "little")
        self.reaped(block=True)
        failure = self.failure or reported.get("failure") or death(self.status)
        if "facts" in self.message:
            return {"id": self.message["id"], "failure": failure, "log": log}
        example = self.message["example"]
        line = at or example["first_line"]
        problem = f"{example['filename']}:{line}: {failure}{log}"
        return {"id": self.message["id"], "problems": [problem], "rewrites": []}

    def reaped(self, block: bool) -> bool:
        """Collect the exited child and its files; children exit on their own after reporting."""
        if self.status is None:
            pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
            if pid == 0:
                return False
            self.status = status
            os.close(self.read_end)
            self.progress.close()
            shutil.rmtree(self.workdir, ignore_errors=True)
            Path(self.log_path).unlink(missing_ok=True)
        return True

    def stop(self) -> None:
        """At shutdown: an idle spare gets end of file and exits; a finished child is reaped."""
        if self.job_write is not None:
            os.close(self.job_write)
            self.job_write = None
        self.reaped(block=True)


def child(job_read: int, write_end: int, workdir: str, log_path: str, progress: mmap.mmap) -> None:
    gc.enable()  # off in the zygote (see serve)
    try:
        request = b""
        while chunk := os.read(job_read, 65536):
            request += chunk
        if not request:
            os._exit(0)  # the zygote closed without work for this spare
        # Native output (a C++ warning, a crash report) goes to a log we can quote.
        log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(log, 1)
        os.dup2(log, 2)
        sys.stdin = open(os.devnull)
        os.chdir(workdir)
        from array_examples.repl import reset_warning_filters, run_example

        reset_warning_filters()
        reseed_global_generators()
        warnings.filters[:0] = IMPORT_FILTERS
        warnings._filters_mutated()

        def report(message: dict) -> None:
            data = (json.dumps(message) + "\n").encode()
            while data:
                data = data[os.write(write_end, data) :]

        message = json.loads(request)
        if "facts" in message:
            report({"result": facts()})
        else:
            example = Example(**{k: tuple(v) if k == "requires" else v for k, v in message["example"].items()})
            result = run_example(
                example,
                on_statement=lambda line: progress.__setitem__(slice(0, 8), line.to_bytes(8, "little")),
                update=message.get("update", False),
            )
            report({"result": {**result, "imported": [name for name in ON_DEMAND if name in sys.modules]}})
    except BaseException as error:  # the harness itself broke: say so rather than hang
        try:
            os.write(write_end, (json.dumps({"failure": f"harness error in child: {error!r}"}) + "\n").encode())
        except OSError:
            pass
    finally:
        os._exit(0)  # no atexit handlers, no destructors: the zygote owns those


def usable_cpus() -> int:
    """The CPUs this process may run on: its affinity mask where the OS has one (a container or `taskset`
    limits it), else every CPU of the machine."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def reseed_global_generators() -> None:
    """Seed torch's and NumPy's global generators from the operating system, as a new interpreter does.

    A fork copies the zygote's generator states, so without this every child would draw the same
    "random" numbers, and an unseeded output documented from one run would pass every run while a
    reader gets other numbers. (Python's `random` reseeds itself after a fork; torch's CUDA generators
    are made in the child, and seed themselves there as in a new interpreter.) NumPy 2 imports
    `numpy.random` lazily, and then seeds it afresh in the child anyway.
    """
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.default_generator.seed()  # a few µs; torch.seed() also visits every other device type
    numpy_random = sys.modules.get("numpy.random")
    if numpy_random is not None:
        numpy_random.seed()


def death(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        return f"crashed with signal {signal.Signals(number).name} ({signal.strsignal(number)}) while running this statement"
    return f"exited with code {os.WEXITSTATUS(status)} before finishing, while running this statement"


def log_head(path: str, lines: int = 15) -> str:
    try:
        text = Path(path).read_text(errors="replace").strip()
    except OSError:
        return ""
    # The first lines say what happened (a fatal error, an uncaught C++ exception).
    return "" if not text else "\n    native output:\n" + "\n".join("      " + row for row in text.splitlines()[:lines])


if __name__ == "__main__":
    serve()
