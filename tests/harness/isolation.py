"""Run each example in its own forked process, fast.

A long-lived "zygote" process imports torch and NumPy once and never runs an
example itself. For each example it forks a child: the child starts from the
zygote's pristine state (default dtype, print options, RNG, warning registries),
runs the example in a temporary directory, and reports back through a pipe.
A child that crashes, aborts or hangs is named and killed alone.

The zygote never touches CUDA (fork after CUDA initialisation is unsafe);
even `torch.cuda.is_available()` runs in a child.

    client side (pytest):  Zygote().run(example) -> result dict
    zygote side:           python -m harness.isolation
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from harness.snippets import Example

TESTS_DIR = Path(__file__).resolve().parent.parent
DEFAULT_TIMEOUT = 60.0


class Zygote:
    """The pytest-side handle on the zygote process."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT):
        self.timeout = timeout
        self.process = None
        self._facts = None

    def start(self) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS_DIR), os.environ.get("PYTHONPATH", "")]))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "harness.isolation"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True, bufsize=1,
        )
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError("the snippet zygote failed to start; run `python -m harness.isolation` from tests/ to see why")

    def request(self, message: dict) -> dict:
        if self.process is None or self.process.poll() is not None:
            self.start()
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            self.process = None
            raise RuntimeError("the snippet zygote died; the next example starts a new one")
        return json.loads(answer)

    def run(self, example: Example) -> dict:
        return self.request({"example": asdict(example), "timeout": self.timeout})

    def facts(self) -> dict:
        """Versions and CUDA availability, learned in a child so the zygote stays CUDA-free."""
        if self._facts is None:
            self._facts = self.request({"facts": True, "timeout": self.timeout})
        return self._facts

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=10)
        self.process = None


# ---- zygote side -------------------------------------------------------------------------


def serve() -> None:
    import gc

    import numpy  # noqa: F401  the expensive imports, paid once
    import torch  # noqa: F401

    from harness import repl  # and everything a child needs, so children import nothing

    channel = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # stray prints from here on cannot corrupt the protocol
    gc.freeze()  # keeps the children's copy-on-write pages shared
    channel.write("ready\n")
    for line in sys.stdin:
        message = json.loads(line)
        if "facts" in message:
            answer = in_child(lambda report: report({"result": facts()}), message["timeout"])
            answer = answer.get("result", answer)
        else:
            example = Example(**{k: tuple(v) if k == "requires" else v for k, v in message["example"].items()})
            answer = run_isolated(example, message["timeout"], repl)
        channel.write(json.dumps(answer) + "\n")


def facts() -> dict:
    import numpy
    import torch

    cuda = torch.cuda.is_available()
    return {
        "torch": torch.__version__,
        "numpy": numpy.__version__,
        "python": sys.version.split()[0],
        "cuda": cuda,
        "gpu": torch.cuda.get_device_name(0) if cuda else None,
    }


def run_isolated(example: Example, timeout: float, repl) -> dict:
    def body(report):
        result = repl.run_example(example, on_statement=lambda line: report({"at": line}))
        report({"result": result})

    answer = in_child(body, timeout)
    if "result" in answer:
        return answer["result"]
    line = answer.get("at", example.first_line)
    return {"problems": [f"{example.filename}:{line}: {answer['failure']}{answer['log']}"], "rewrites": [], "complete": False}


def in_child(body, timeout: float) -> dict:
    """Run body(report) in a forked child; return the last message it reported, or how it died."""
    read_end, write_end = os.pipe()
    workdir = tempfile.mkdtemp(prefix="snippet-")
    log_path = workdir + ".log"
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        child(body, write_end, workdir, log_path)
    os.close(write_end)
    messages, failure = collect(read_end, pid, timeout)
    os.close(read_end)
    _, status = os.waitpid(pid, 0)
    answer = {}
    for message in messages:
        answer.update(message)
    if failure or "result" not in answer:
        answer["failure"] = failure or answer.get("failure") or death(status)
        answer["log"] = log_head(log_path)
    shutil.rmtree(workdir, ignore_errors=True)
    Path(log_path).unlink(missing_ok=True)
    return answer


def child(body, write_end: int, workdir: str, log_path: str) -> None:
    try:
        # Native output (a C++ warning, a crash report) goes to a log we can quote.
        log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(log, 1)
        os.dup2(log, 2)
        sys.stdin = open(os.devnull)
        os.chdir(workdir)
        from harness.repl import reset_warning_filters

        reset_warning_filters()

        def report(message: dict) -> None:
            data = (json.dumps(message) + "\n").encode()
            while data:
                data = data[os.write(write_end, data):]

        body(report)
    except BaseException as error:  # the harness itself broke: say so rather than hang
        try:
            os.write(write_end, (json.dumps({"failure": f"harness error in child: {error!r}"}) + "\n").encode())
        except OSError:
            pass
    finally:
        os._exit(0)  # no atexit handlers, no destructors: the zygote owns those


def collect(read_end: int, pid: int, timeout: float) -> tuple[list[dict], str | None]:
    messages, pending = [], b""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([read_end], [], [], max(left, 0))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            return parse_messages(messages, pending), f"timed out after {timeout:g} s (killed) while running this statement"
        chunk = os.read(read_end, 65536)
        if not chunk:
            return parse_messages(messages, pending), None
        pending += chunk


def parse_messages(messages: list, data: bytes) -> list[dict]:
    for line in data.decode(errors="replace").splitlines():
        try:
            messages.append(json.loads(line))
        except ValueError:
            pass  # a message cut short by a crash
    return messages


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
