"""Run each example in its own forked process, fast.

A long-lived "zygote" process imports NumPy, and torch and the other modules the
examples import (preloads.py), once and never runs an example itself. For each example it forks a child: the child starts from the
zygote's pristine state (default dtype, print options, warning registries), with
its random number generators seeded afresh as a new interpreter seeds them,
runs the example in a temporary directory, and reports back through a pipe.
A child that crashes, aborts or hangs is named and killed alone. Children
run on as many cores as the machine has; answers carry the request's id, so
the client can send every example up front and collect the results in order.

The zygote never touches CUDA (fork after CUDA initialisation is unsafe);
even `torch.cuda.is_available()` runs in a child.

    client side (pytest):  Zygote().run(example) -> ExampleResult, or
                           ids = zygote.submit_all(examples); zygote.result(ids[0]) -> ExampleResult
    zygote side:           python -m array_examples.isolation   (serve)

The messages and their framing are in protocol.py. The zygote's loop is `Server`.
"""

from __future__ import annotations

import builtins
import contextlib
import gc
import importlib
import itertools
import locale
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
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, NoReturn

from array_examples.protocol import (
    READY,
    Answer,
    ExampleResult,
    Facts,
    FrameReader,
    Report,
    Request,
    body_json,
    frame,
    read_frame,
    write_all,
)
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

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, update: bool = False, legacy_print: str | None = None) -> None:
        """`timeout`: seconds one example may run; `update`: run as --update-expected does (see run_example);
        `legacy_print`: NumPy's legacy print mode ("1.25") each example runs under, or None (see legacy.py)."""
        self.timeout = timeout
        self.update = update
        self.legacy_print = legacy_print
        # What the zygote imports at start (see prepare): None for NumPy and torch where installed; else NumPy and
        # these (name, file it must come from or None), as preloads.static_imports reads them. Set before it starts.
        self.preload: list[tuple[str, str | None]] | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self._facts: Facts | None = None
        self._ids = itertools.count()
        self._answers: dict[int, Answer] = {}
        self._write_lock = threading.Lock()  # a frame is written whole, even beside submit_all's thread

    def start(self) -> None:
        """Start the zygote and wait for its READY frame; raise RuntimeError if it fails to start."""
        # The path goes in through sys.path, not PYTHONPATH: examples see the user's environment, and so do
        # the processes they start.
        # sys.path as `python -m` would make it, with this package's folder where PYTHONPATH would have put it.
        # The modules to preload go as the first frame on its standard input: a command line holds only so much.
        main = "serve()" if self.preload is None else "serve(read_preload())"
        start = (
            f"import os, sys; sys.path[0:1] = [os.getcwd(), {str(PACKAGE_PARENT)!r}]; "
            f"from array_examples.isolation import read_preload, serve; {main}"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", start],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        if self.preload is not None:
            self._pipes()[0].write(frame({"preload": self.preload}))
            self._pipes()[0].flush()
        if read_frame(self._pipes()[1]) != READY:
            raise RuntimeError("the snippet zygote failed to start; run `python -m array_examples.isolation` to see why")

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        """The started zygote's standard input and output."""
        assert self.process is not None and self.process.stdin is not None and self.process.stdout is not None
        return self.process.stdin, self.process.stdout

    def _request(self, example: Example | None) -> Request:
        return Request(
            id=next(self._ids), timeout=self.timeout, update=self.update, example=example, legacy_print=self.legacy_print
        )

    def _write(self, request: Request) -> None:
        requests = self._pipes()[0]
        with self._write_lock:
            requests.write(frame(request.to_json()))
            requests.flush()

    def _write_all(self, requests: list[Request]) -> None:
        for request in requests:
            self._write(request)

    def _ensure_started(self) -> None:
        if self.process is None or self.process.poll() is not None:
            self.start()

    def _send(self, example: Example | None) -> int:
        """Send one request (an example, or None to learn the facts); return its id."""
        self._ensure_started()
        request = self._request(example)
        self._write(request)
        return request.id

    def submit_all(self, examples: list[Example]) -> list[int]:
        """Queue every example at once; the zygote runs them on all cores. Returns their ids."""
        self._ensure_started()
        requests = [self._request(example) for example in examples]
        # A thread writes, so neither side can block the other on a full pipe.
        threading.Thread(target=self._write_all, args=(requests,), daemon=True).start()
        return [request.id for request in requests]

    def _answer(self, request_id: int) -> Answer:
        """Read answers (they come in any order) until the one to `request_id` has come; raise RuntimeError if the zygote died."""
        while request_id not in self._answers:
            message = read_frame(self._pipes()[1])
            if message is None:
                self.process = None
                raise RuntimeError("the snippet zygote died; the next example starts a new one")
            answer = Answer.from_json(message)
            self._answers[answer.id] = answer
        return self._answers.pop(request_id)

    def result(self, request_id: int) -> ExampleResult:
        """The problems and rewrites of the example sent as `request_id` (a crash or timeout is a problem)."""
        answer = self._answer(request_id)
        assert answer.result is not None, f"request {request_id} was not an example"
        return answer.result

    def run(self, example: Example) -> ExampleResult:
        """Run one example now; see `result`."""
        return self.result(self._send(example))

    def facts(self) -> Facts:
        """Versions and CUDA availability, learned in a child so the zygote stays CUDA-free."""
        if self._facts is None:
            answer = self._answer(self._send(None))
            if answer.facts is None:
                # Reading a failed probe as "no CUDA" would turn GPU examples into silent skips.
                raise RuntimeError(f"could not learn torch's versions and devices: {answer.failure}")
            self._facts = answer.facts
        return self._facts

    def close(self) -> None:
        """End the zygote: end of file on its requests, wait for it to exit, and close its pipes."""
        if self.process is not None and self.process.poll() is None:
            self._pipes()[0].close()
            self.process.wait(timeout=10)
        if self.process is not None:  # its pipes, else a ResourceWarning when they are collected
            requests, answers = self._pipes()
            requests.close()
            answers.close()
        self.process = None


# ---- zygote side -------------------------------------------------------------------------


def serve(preload: list[tuple[str, str | None]] | None = None) -> None:
    """The zygote's main: import and warm up once, send READY on standard output, then run the requests read
    from standard input, each in a forked child, and send each answer on standard output, until the client
    closes standard input (or stops reading) and the children have finished or been stopped.
    `preload`: see prepare."""
    channel = prepare(preload)
    Server(channel).run()


def read_preload() -> list[tuple[str, str | None]]:
    """The zygote's first request: the modules to import before its first fork (see Zygote.start); raises
    RuntimeError if standard input ends first."""
    with os.fdopen(0, "rb", buffering=0, closefd=False) as requests:  # unbuffered: reads no byte past the frame
        message = read_frame(requests)
    if message is None:
        raise RuntimeError("standard input ended before the modules to preload came")
    return [(name, origin) for name, origin in message["preload"]]


def prepare(preload: list[tuple[str, str | None]] | None = None) -> int:
    """Import NumPy and the modules the examples import, run the warm-up, settle the heap for forking, and send
    READY. `preload`: None to import torch where installed; else (name, the file it must come from or None) for
    each module the examples import (preloads.static_imports), each imported only if its import is clean
    (clean_imports), torch only if one of them is torch or needs it. Returns the file descriptor the answers go
    to (standard output now takes stray prints to stderr)."""
    import_heavy_modules(preload)
    channel = os.dup(1)
    os.dup2(2, 1)  # stray prints from here on cannot corrupt the protocol
    warm_up()
    settle_for_forks()
    write_all(channel, frame(READY))
    return channel


def import_heavy_modules(preload: list[tuple[str, str | None]] | None = None) -> None:
    """Import NumPy, then torch where installed (`preload` None) or the modules in `preload` whose imports are
    clean (torch with them, if one is torch or imports it), and everything a child needs, so children import nothing."""
    import numpy  # noqa: F401  the expensive imports, paid once

    # OpenMP's threads spin after each parallel region by default; with a child on every core, the spin takes
    # the core another child needs. libgomp reads this once, as torch loads it; the examples never see it.
    ours = "OMP_WAIT_POLICY" not in os.environ  # a policy set by the user stays as it is
    if ours:
        os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    try:
        # torch as before where an example imports it: its own import is trusted, as without `preload`.
        if preload is None or any(name.partition(".")[0] == "torch" for name, _ in preload):
            preload_torch()
        if preload:
            clean_imports(preload)
    finally:
        if ours:
            os.environ.pop("OMP_WAIT_POLICY", None)

    from array_examples import repl  # noqa: F401


def settle_for_forks() -> None:
    """Make the zygote's memory cheap to fork: done after the warm-up and after each import on demand."""
    gc.collect()
    gc.freeze()  # the collector never writes to these objects again, so their pages stay shared
    # Nor does it run in the zygote, whose loop makes little garbage: a collection writes to the pages of
    # young objects, each a page copy while children share it. Each child turns it back on (child()).
    gc.disable()
    share_as_huge_pages()


class OnDemandImports:
    """The policy for the modules examples import: the zygote imports one once NEEDED_BY children have imported
    it from the same file, if a probe shows the import leaves no trace (clean_imports), so that the children
    forked after it find it imported. Any module counts (SciPy's, pandas, the project's own), not only ON_DEMAND."""

    def __init__(self) -> None:
        self.needed: Counter[str] = Counter()  # children that imported each module, in the order first reported
        self.origins: dict[str, str | None] = {}  # the file the first child imported each from
        self.tried: set[str] = set()  # imported here, or refused by clean_imports: never tried again
        self.refused: set[str] = set()  # refused modules: their submodules, reported later, are not tried either

    def note(self, imported: dict[str, str | None]) -> None:
        """Count the top-level modules (and ON_DEMAND's submodules) a finished child reports it imported (name:
        file), those the zygote lacks; a child that had one from another file than the first (a helper module
        beside its example) does not count, nor does a submodule of a refused module."""
        for name, origin in imported.items():
            # A package's own import brings what it needs; the submodules it imports lazily (torch has
            # thousands) would cost a probe each, so only ON_DEMAND's are counted.
            if "." in name and name not in ON_DEMAND:
                continue
            if name in self.tried or name in sys.modules or self.under_refused(name):
                continue
            if self.origins.setdefault(name, origin) == origin:
                self.needed[name] += 1

    def under_refused(self, name: str) -> bool:
        """Whether `name` is a submodule of a module the probe refused."""
        parts = name.split(".")
        return any(".".join(parts[:end]) in self.refused for end in range(1, len(parts)))

    def due(self) -> list[str]:
        """The modules enough children needed and not tried yet, in the order children first imported them
        (a package before the submodules its import brings)."""
        return [name for name, count in self.needed.items() if count >= NEEDED_BY and name not in self.tried]

    def import_due(self) -> bool:
        """Try the due modules once, in batches (clean_imports: a forked probe per batch and per refusal, not per
        module: an example that imports torch reports hundreds of its submodules), skipping those an earlier
        one imported; a refused one's submodules are not tried. Returns whether any was imported here."""
        due = self.due()
        self.tried.update(due)
        imported = clean_imports([(name, self.origins.get(name)) for name in due if name not in sys.modules])
        self.refused.update(name for name in due if name not in sys.modules and not self.under_refused(name))
        return bool(imported)


class Server:
    """The zygote's loop over requests, and the state it keeps between two wake-ups.

    Requests wait in `queue` until a core is free; each then goes to a spare, a child forked ahead of time,
    and the child runs in `running` (by its pipe's read end) until it reports, exits or passes its deadline;
    then its answer goes back and it waits in `finished` until it is reaped.
    """

    def __init__(self, channel: int) -> None:
        """`channel`: the file descriptor answers are written to."""
        self.channel = channel
        self.workers = usable_cpus()
        self.incoming = FrameReader()  # the client's requests, as they arrive
        self.reading = True  # False once the client has gone: then nobody waits for answers
        self.queue: deque[Request] = deque()
        self.running: dict[int, Spare] = {}
        self.finished: list[Spare] = []
        self.spares: deque[Spare] = deque([Spare()])
        self.imports = OnDemandImports()

    def run(self) -> None:
        """Serve until the client has gone and no child runs; then stop every child left."""
        while self.reading or self.running:
            self.start_queued()
            ready = self.wait()
            answered = self.read(ready) + self.expire()
            self.answer(answered)
            if self.reading and self.imports.due() and self.imports.import_due():
                settle_for_forks()
                self.drop_spares()  # forked without the module: they would import it again
            if not self.reading:
                self.abandon()
            self.finished = [child for child in self.finished if not child.reaped(block=False)]
        for child in [*self.finished, *self.spares]:
            child.stop()

    def start_queued(self) -> None:
        """Give queued requests to spares while a core is free; fork a batch of spares when they run out."""
        while self.queue and len(self.running) < self.workers:
            child = self.spares.popleft() if self.spares else Spare()
            child.start(self.queue.popleft())
            self.running[child.read_end] = child
            if not self.spares:  # forked now, while the started children run on the other cores
                for _ in range(max(1, min(SPARE_BATCH, len(self.queue)))):
                    self.spares.append(Spare(idle=self.spares))

    def wait(self) -> list[int]:
        """Sleep until the client writes, a child reports, or the nearest deadline passes; return the ready descriptors."""
        now = time.monotonic()
        wait = min((child.deadline - now for child in self.running.values()), default=None)
        watched = ([sys.stdin.fileno()] if self.reading else []) + list(self.running)
        ready, _, _ = select.select(watched, [], [], None if wait is None else max(wait, 0))
        return ready

    def read(self, ready: list[int]) -> list[Spare]:
        """Queue the requests that arrived and read what children reported; return the children that are done."""
        done = []
        for fd in ready:
            if fd == sys.stdin.fileno():
                chunk = os.read(fd, 65536)
                if not chunk:
                    self.reading = False  # the client has gone (pytest ended, perhaps early with -x)
                    break
                self.queue.extend(Request.from_json(body_json(body)) for body in self.incoming.feed(chunk))
            elif self.running[fd].feed():
                done.append(self.running.pop(fd))
        return done

    def expire(self) -> list[Spare]:
        """Kill the children past their deadline; return them."""
        late = [fd for fd, child in self.running.items() if child.deadline <= time.monotonic()]
        for fd in late:
            self.running[fd].kill()
        return [self.running.pop(fd) for fd in late]

    def answer(self, children: list[Spare]) -> None:
        """Send each done child's answer to the client, if it still listens, and note its imports."""
        for child in children:
            self.finished.append(child)
            answer = child.answer()
            self.imports.note(child.imported())
            if self.reading:
                try:
                    write_all(self.channel, frame(answer.to_json()))
                except BrokenPipeError:
                    self.reading = False  # the client went away while we answered

    def drop_spares(self) -> None:
        """Stop the spares forked so far (they exit on end of file)."""
        for spare in self.spares:
            spare.stop()
        self.spares.clear()

    def abandon(self) -> None:
        """Nobody waits for the rest: stop what runs, drop what is queued."""
        self.queue.clear()
        for child in self.running.values():
            child.kill()
        self.finished += self.running.values()
        self.running.clear()


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
# Every other module an example imports is imported again in each child, unless the zygote imports it: it does
# once NEEDED_BY children have imported it (they report the modules they imported, see serve_request), and only
# when a probe shows its import is clean (clean_imports). The probe and the import cost about two children's
# imports, and a module two examples import is usually imported by more (a docstring's module by each of its
# docstrings). These torch modules cost 2 s and 70 MB at start, which most projects never use; the warm-up
# test checks that their imports are clean.
NEEDED_BY = 2
ON_DEMAND = [
    "torch.fx.experimental.symbolic_shapes",  # with sympy: broadcast_shapes, torch.fft, many shape checks
    "torch.distributed.tensor",  # torch.testing.assert_close
    "torch._dynamo",  # torch.func transforms, nested tensors
]
# The warning filters those imports added here (sympy's adds one): each child resets the filters to
# Python's own, then puts these back, as a reader's process has them once the module is imported.
IMPORT_FILTERS: list = []
# The top-level names of the modules imported on demand, and of those their imports brought (see forget_shadowed).
IMPORTED_HERE: set[str] = set()


def preload_torch() -> None:
    """Import torch, unless it is not installed (a NumPy-only project)."""
    try:
        import torch  # noqa: F401
    except ImportError:
        pass


def preload(names: list[str]) -> None:
    """Import each module that can be imported; an ImportError (another version, a NumPy-only install) skips it."""
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError:
            pass


def thread_count() -> int | None:
    """The threads of this process (native ones too), or None where /proc cannot tell."""
    return len(os.listdir("/proc/self/task")) if os.path.isdir("/proc/self/task") else None


# At most this many modules per batch probe: it says through its exit status how many imported cleanly.
PROBE_BATCH = 200


def clean_imports(modules: list[tuple[str, str | None]]) -> list[str]:
    """Import here, in order, each module whose import is clean, each given as (name, the file it must come from
    or None): a forked probe shows the import leaves no trace an example could see or that forking cannot carry
    (see probe_import). A refused module's submodules are not tried. One probe tries a batch in turn and says how
    many were clean before the first that was not, so there is a probe per refusal, not per module; each clean
    one is then imported here aside (import_here), as the probe did. Returns the names imported here."""
    imported: list[str] = []
    refused: list[str] = []
    todo = list(modules)
    while todo:
        batch = todo[:PROBE_BATCH]
        clean = probe_in_fork(batch)
        imported += [name for name, _ in batch[:clean] if name not in sys.modules and import_here(name)]
        if clean < len(batch):
            refused.append(batch[clean][0])
        todo = [
            (name, origin)
            for name, origin in todo[min(clean + 1, len(batch)) :]
            if name not in sys.modules and not any(name == no or name.startswith(no + ".") for no in refused)
        ]
    return imported


def probe_in_fork(batch: list[tuple[str, str | None]]) -> int:
    """How many of `batch`'s modules, imported in turn in one forked probe, were clean before the first that was not."""
    pid = os.fork()
    if pid == 0:
        clean = 0
        try:
            for name, origin in batch:
                if name not in sys.modules and not probe_import(name, origin):
                    break
                clean += 1
        finally:
            os._exit(clean)
    _, status = os.waitpid(pid, 0)
    return max(os.waitstatus_to_exitcode(status), 0)


def import_here(name: str) -> bool:
    """Import `name` in the zygote, aside (import_aside) as its probe did, noting what it brought; whether it imported."""
    filters, modules = list(warnings.filters), set(sys.modules)
    try:
        with import_aside():
            importlib.import_module(name)
    except Exception:  # it imported in the probe; if not here, the children import it themselves
        return False
    finally:
        IMPORTED_HERE.update(new.partition(".")[0] for new in set(sys.modules) - modules)
    IMPORT_FILTERS[:0] = [added for added in warnings.filters if added not in filters]
    return True


def probe_import(name: str, origin: str | None) -> bool:
    """In a forked probe: import `name` and say whether the import was clean: it came from `origin` (if given),
    raised no warning (one shown once per process, raised in the zygote, would be hidden from every child),
    printed nothing, left no file open, no thread running across a fork and no file in its folder, and changed
    no state an example sees (visible_state). The warning filters it adds are allowed (each child puts them back),
    and so are the environment variables it sets (import_aside undoes them)."""
    sink = tempfile.TemporaryFile("w+")  # what it prints, from Python or native code
    os.dup2(sink.fileno(), 1)
    os.dup2(sink.fileno(), 2)
    sys.stdout = sys.stderr = sink
    files, state = open_files(), visible_state()
    with import_aside() as folder, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.import_module(name)
        left = os.listdir(folder)
    sink.flush()
    traces = [caught, left, os.fstat(sink.fileno()).st_size, open_files() != files, threads_after_fork() > 1]
    found = module_origin(module)
    same = origin is None or (found is not None and os.path.realpath(found) == os.path.realpath(origin))
    return not any(traces) and visible_state() == state and same


@contextlib.contextmanager
def import_aside() -> Iterator[str]:
    """Run an import in a new empty folder, as a child's is, and put the environment back after it, so that
    examples see the user's (torch._dynamo's import sets TORCHINDUCTOR_CACHE_DIR, which torch sets again
    where it needs it). Yields the folder, removed after the block."""
    back, environment = os.getcwd(), dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="snippet-import-") as folder:
        os.chdir(folder)
        try:
            yield folder
        finally:
            os.chdir(back)
            restore_environment(environment)


def restore_environment(saved: dict[str, str]) -> None:
    """Make os.environ `saved` again, changing only the variables that differ."""
    for name in set(os.environ) - set(saved):
        del os.environ[name]
    for name, value in saved.items():
        if os.environ.get(name) != value:
            os.environ[name] = value


def open_files() -> list[str]:
    """The file descriptors this process holds (where /proc tells)."""
    return sorted(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else []


def threads_after_fork() -> int:
    """The threads of this process still running once it has forked (a throwaway child): a pool that its library
    stops before each fork (OpenBLAS's, SciPy's and NumPy's alike) is not counted; a Python thread is."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return thread_count() or 1


def visible_state() -> list[object]:
    """What an import could change that every later example would see: sys.path and import hooks, builtins, the locale, the display and exception hooks, the root logger, NumPy's print options and
    error handling, torch's default dtype, print options and grad mode. (Random state is not compared: each
    child seeds its generators afresh, see reseed_global_generators.)"""
    logging = sys.modules.get("logging")
    state: list[object] = [
        list(sys.path),
        list(sys.meta_path),
        list(sys.path_hooks),
        {key: id(value) for key, value in vars(builtins).items()},
        locale.setlocale(locale.LC_ALL),
        (sys.displayhook, sys.excepthook),
        (list(logging.root.handlers), logging.root.level) if logging else ([], 30),
    ]
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        state += [numpy.get_printoptions(), numpy.geterr()]
    torch = sys.modules.get("torch")
    if torch is not None:
        state += [torch.get_default_dtype(), dict(vars(torch._tensor_str.PRINT_OPTS)), torch.is_grad_enabled()]
    return state


def module_origin(module: object) -> str | None:
    """The file a module was imported from, or None (a built-in module, a namespace package)."""
    file = getattr(module, "__file__", None)
    return file if isinstance(file, str) else None


def imported_since(before: Iterable[str]) -> dict[str, str | None]:
    """The modules imported through the import system since sys.modules held the names `before`, each with
    the file it came from (a module an example made itself, with no spec, is left out)."""
    known = set(before)
    return {
        name: module_origin(module)
        for name, module in list(sys.modules.items())
        if name not in known and getattr(module, "__spec__", None) is not None
    }


def forget_shadowed(directory: str) -> None:
    """Forget the modules the zygote imported on demand that a module in `directory` (an example's folder,
    first on sys.path) shadows, so that the example imports its own, as `python file.py` would."""
    try:
        shadowed = IMPORTED_HERE.intersection(entry.partition(".")[0] for entry in os.listdir(directory))
    except OSError:
        return
    for name in [name for name in sys.modules if name.partition(".")[0] in shadowed]:
        del sys.modules[name]


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


HUGE_PAGE = 1 << 21  # 2 MiB
MADV_COLLAPSE = 25  # Linux 6.1 and later; older kernels answer EINVAL


def share_as_huge_pages() -> None:
    """Back the zygote's heap with 2 MiB pages (Linux MADV_COLLAPSE), so each fork copies a page-table
    entry per 2 MiB instead of one per 4 KiB: measured, the fork's system time falls from about 5 ms to 1 ms.
    A child that writes to a huge page splits only its own mapping of it. Best effort: elsewhere a no-op."""
    if sys.platform != "linux":
        return
    import ctypes

    madvise = ctypes.CDLL(None).madvise
    madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    with open("/proc/self/maps") as maps:
        pages = huge_pages(maps.read())
    # One call per huge page: a call over a whole region gives up at the first 2 MiB that fails
    # (measured: 130 of 215 MB collapsed that way, 190 MB page by page).
    for page in pages:
        # Errors are ignored: EINVAL from a kernel without MADV_COLLAPSE or a range that cannot take
        # a huge page, EAGAIN or ENOMEM when no huge page is free; that range just stays as it was.
        madvise(page, HUGE_PAGE, MADV_COLLAPSE)


def huge_pages(maps: str) -> list[int]:
    """The start of every whole 2 MiB page inside the private writable memory with no file behind it (the
    malloc heap, Python's arenas, torch's tables) that `maps`, the text of /proc/PID/maps, lists."""
    pages: list[int] = []
    for row in maps.splitlines():
        fields = row.split()
        if fields[1] != "rw-p" or (len(fields) > 5 and fields[5] != "[heap]"):
            continue
        low, high = (int(bound, 16) for bound in fields[0].split("-"))
        start, end = (low + HUGE_PAGE - 1) // HUGE_PAGE * HUGE_PAGE, high // HUGE_PAGE * HUGE_PAGE
        pages += range(start, end, HUGE_PAGE)
    return pages


def facts() -> Facts:
    """Versions and devices of this environment: torch is None where torch is not installed. Where the zygote
    did not import torch (no example imports it), its version is read from its installed metadata and CUDA is
    not looked at (cuda False, gpu None): importing torch for that alone costs more than a whole NumPy-only run."""
    import numpy

    torch = sys.modules.get("torch")
    if torch is None:
        return {
            "torch": installed_version("torch"),
            "numpy": numpy.__version__,
            "python": sys.version.split()[0],
            "cuda": False,
            "cuda_build": False,
            "gpu": None,
        }
    cuda = torch.cuda.is_available()
    return {
        "torch": torch.__version__,
        "numpy": numpy.__version__,
        "python": sys.version.split()[0],
        "cuda": cuda,
        "cuda_build": torch.version.cuda is not None,
        "gpu": torch.cuda.get_device_name(0) if cuda else None,
    }


def installed_version(distribution: str) -> str | None:
    """The version of an installed distribution, or None where it is not installed."""
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


class Spare:
    """A child forked ahead of time, waiting for the one request it will serve."""

    def __init__(self, idle: Iterable[Spare] = ()) -> None:
        """Fork the child; `idle`: the spares forked before it and still waiting, whose pipes it must not hold."""
        self.workdir = tempfile.mkdtemp(prefix="snippet-")
        self.log_path = self.workdir + ".log"
        job_read, job_write = os.pipe()
        self.job_write: int | None = job_write  # None once the request is sent
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
            for fd in [job_write, self.read_end, *(fd for other in idle for fd in (other.job_write, other.read_end))]:
                if fd is not None:
                    os.close(fd)
            child(job_read, result_write, self.workdir, self.log_path, self.progress)
        os.close(job_read)
        os.close(result_write)
        self.status: int | None = None
        self.reports = FrameReader()
        self.report: Report | None = None  # what the child sent, once its frame is whole
        self.failure: str | None = None  # set when the zygote killed it
        self.request = Request(id=-1, timeout=0.0)  # set by start
        self.deadline = 0.0

    def start(self, request: Request) -> None:
        """Send the request; the child starts at once, and its deadline runs from now."""
        assert self.job_write is not None, "a spare serves one request"
        self.request = request
        self.deadline = time.monotonic() + request.timeout
        write_all(self.job_write, frame(request.to_json()))
        os.close(self.job_write)
        self.job_write = None

    def feed(self) -> bool:
        """Read what the child reported; True once its report is whole or it closed the pipe."""
        chunk = os.read(self.read_end, 65536)
        for body in self.reports.feed(chunk):
            self.report = Report.from_json(body_json(body))
        return not chunk or self.report is not None

    def kill(self) -> None:
        """Kill the child at its deadline; its answer says it timed out."""
        os.kill(self.pid, signal.SIGKILL)
        self.failure = f"timed out after {self.request.timeout:g} s (killed) while running this statement"

    def answer(self) -> Answer:
        """The answer for the client, or a problem that says how the child died and where."""
        report = self.report if not self.failure else None
        if report is not None and (report.result is not None or report.facts is not None):
            return Answer(id=self.request.id, result=report.result, facts=report.facts)
        log = log_head(self.log_path)  # before reaping removes the log and the progress
        at = int.from_bytes(self.progress[:8], "little")
        self.reaped(block=True)
        assert self.status is not None
        failure = self.failure or (report.failure if report else None) or death(self.status)
        example = self.request.example
        if example is None:
            return Answer(id=self.request.id, failure=failure + log)
        problem = f"{example.filename}:{at or example.first_line}: {failure}{log}"
        return Answer(id=self.request.id, result={"problems": [problem], "rewrites": []})

    def imported(self) -> dict[str, str | None]:
        """The modules the child imported, each with its file (none if it did not finish)."""
        return self.report.imported if self.report is not None and not self.failure else {}

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


def child(job_read: int, write_end: int, workdir: str, log_path: str, progress: mmap.mmap) -> NoReturn:
    """A spare's life in the forked process: wait for its request, run it, send one Report, exit.

    Exits at once, without work, if the zygote closes the request pipe without writing."""
    gc.enable()  # off in the zygote (see serve)
    try:
        request = b""
        while chunk := os.read(job_read, 65536):
            request += chunk
        if not request:
            os._exit(0)  # the zygote closed without work for this spare
        enter_child_state(workdir, log_path)
        report = serve_request(Request.from_json(body_json(FrameReader().feed(request)[0])), progress)
        write_all(write_end, frame(report.to_json()))
    except BaseException as error:  # the harness itself broke: say so rather than hang
        try:
            write_all(write_end, frame(Report(failure=f"harness error in child: {error!r}").to_json()))
        except OSError:
            pass
    finally:
        os._exit(0)  # no atexit handlers, no destructors: the zygote owns those


def enter_child_state(workdir: str, log_path: str) -> None:
    """Give the child a reader's fresh process: output to its log, its own folder, Python's warning filters
    (plus those the imports on demand added), and newly seeded random number generators."""
    # Native output (a C++ warning, a crash report) goes to a log we can quote.
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    sys.stdin = open(os.devnull)
    os.chdir(workdir)
    from array_examples.repl import reset_warning_filters

    reset_warning_filters()
    reseed_global_generators()
    warnings.filters[:0] = IMPORT_FILTERS  # type: ignore[index]
    warnings._filters_mutated()  # type: ignore[attr-defined]


def serve_request(request: Request, progress: mmap.mmap) -> Report:
    """Run the request here, writing each statement's line to `progress`; return the report for the zygote,
    with the modules the example imported (see OnDemandImports)."""
    if request.example is None:
        return Report(facts=facts())
    from array_examples.repl import run_example

    before = list(sys.modules)
    if request.example.directory:
        forget_shadowed(request.example.directory)
    result = run_example(
        request.example,
        on_statement=lambda line: progress.__setitem__(slice(0, 8), line.to_bytes(8, "little")),
        update=request.update,
        legacy_print=request.legacy_print,
    )
    return Report(result=result, imported=imported_since(before))


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
    """How a child that sent no report ended, from its wait status."""
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        return f"crashed with signal {signal.Signals(number).name} ({signal.strsignal(number)}) while running this statement"
    return f"exited with code {os.WEXITSTATUS(status)} before finishing, while running this statement"


def log_head(path: str, lines: int = 15) -> str:
    """The first `lines` lines of a child's native output, indented under a heading; "" if there is none."""
    try:
        text = Path(path).read_text(errors="replace").strip()
    except OSError:
        return ""
    # The first lines say what happened (a fatal error, an uncaught C++ exception).
    return "" if not text else "\n    native output:\n" + "\n".join("      " + row for row in text.splitlines()[:lines])


if __name__ == "__main__":
    serve()
