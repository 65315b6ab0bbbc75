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
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
            bufsize=1,
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
            answer = self.request({"facts": True, "timeout": self.timeout})
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
    import gc

    import numpy  # noqa: F401  the expensive imports, paid once
    import torch  # noqa: F401

    from harness import repl  # noqa: F401  and everything a child needs, so children import nothing

    channel = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # stray prints from here on cannot corrupt the protocol
    gc.freeze()  # keeps the children's copy-on-write pages shared
    channel.write("ready\n")
    spare, finished = Spare(), []
    for line in sys.stdin:
        message = json.loads(line)
        current = spare
        current.start(line)
        # Fork the next child now, on the other core, while this one runs.
        spare = Spare()
        answer = current.finish(message["timeout"])
        if "facts" in message:
            answer = answer.get("result", answer)
        elif "result" in answer:
            answer = answer["result"]
        else:
            example = message["example"]
            line_number = answer.get("at", example["first_line"])
            problem = f"{example['filename']}:{line_number}: {answer['failure']}{answer['log']}"
            answer = {"problems": [problem], "rewrites": []}
        channel.write(json.dumps(answer) + "\n")
        finished.append(current)
        finished = [child for child in finished if not child.reaped(block=False)]
    for child in finished:
        child.reaped(block=True)


def facts() -> dict:
    import numpy
    import torch

    cuda = torch.cuda.is_available()
    return {
        "torch": torch.__version__,
        "numpy": numpy.__version__,
        "python": sys.version.split()[0],
        "cuda": cuda,
        "cuda_build": torch.version.cuda is not None,
        "gpu": torch.cuda.get_device_name(0) if cuda else None,
    }


class Spare:
    """A child forked ahead of time, waiting for the one request it will serve."""

    def __init__(self):
        self.workdir = tempfile.mkdtemp(prefix="snippet-")
        self.log_path = self.workdir + ".log"
        job_read, self.job_write = os.pipe()
        self.read_end, result_write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(self.job_write)
            os.close(self.read_end)
            child(job_read, result_write, self.workdir, self.log_path)
        os.close(job_read)
        os.close(result_write)
        self.status = None

    def start(self, request: str) -> None:
        os.write(self.job_write, request.encode())
        os.close(self.job_write)

    def finish(self, timeout: float) -> dict:
        """The child's last report once it sends a result, or how it died."""
        messages, failure = collect(self.read_end, self.pid, timeout)
        answer = {}
        for message in messages:
            answer.update(message)
        if failure or "result" not in answer:
            answer["log"] = log_head(self.log_path)  # before reaping removes the log
            self.reaped(block=True)
            answer["failure"] = failure or answer.get("failure") or death(self.status)
        return answer

    def reaped(self, block: bool) -> bool:
        """Collect the exited child and its files; children exit on their own after reporting."""
        if self.status is None:
            pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
            if pid == 0:
                return False
            self.status = status
            os.close(self.read_end)
            shutil.rmtree(self.workdir, ignore_errors=True)
            Path(self.log_path).unlink(missing_ok=True)
        return True


def child(job_read: int, write_end: int, workdir: str, log_path: str) -> None:
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
        from harness.repl import reset_warning_filters, run_example

        reset_warning_filters()

        def report(message: dict) -> None:
            data = (json.dumps(message) + "\n").encode()
            while data:
                data = data[os.write(write_end, data) :]

        message = json.loads(request)
        if "facts" in message:
            report({"result": facts()})
        else:
            example = Example(**{k: tuple(v) if k == "requires" else v for k, v in message["example"].items()})
            result = run_example(example, on_statement=lambda line: report({"at": line}))
            report({"result": result})
    except BaseException as error:  # the harness itself broke: say so rather than hang
        try:
            os.write(write_end, (json.dumps({"failure": f"harness error in child: {error!r}"}) + "\n").encode())
        except OSError:
            pass
    finally:
        os._exit(0)  # no atexit handlers, no destructors: the zygote owns those


def collect(read_end: int, pid: int, timeout: float) -> tuple[list[dict], str | None]:
    """Read reports until the result (or end of file, or the timeout)."""
    messages, pending = [], b""
    deadline = time.monotonic() + timeout
    while b'{"result"' not in pending:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([read_end], [], [], max(left, 0))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            return parse_messages(messages, pending), f"timed out after {timeout:g} s (killed) while running this statement"
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        pending += chunk
    while not pending.endswith(b"\n"):  # the rest of the result line
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        pending += chunk
    return parse_messages(messages, pending), None


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
