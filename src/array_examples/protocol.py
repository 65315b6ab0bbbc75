"""The messages between pytest, the zygote and its children, and how they travel.

Three processes talk over pipes (see isolation.py):

    pytest  --Request-->  zygote  --Request-->  child
    pytest  <--Answer---  zygote  <--Report---  child

Every message is a frame: 4 bytes giving the length of the body (big-endian),
then the body, UTF-8 JSON. A reader knows a message is whole when it holds
as many bytes as the prefix says, whatever the message contains; the zygote's
first frame is READY. `FrameReader` takes bytes as they arrive from a pipe and
gives back whole bodies; `read_frame` reads one frame from a blocking stream.

The payloads an example run produces stay JSON-shaped dicts, typed here
(`ExampleResult`, `Rewrite`, `Facts`): the plugin and the tests read them by key.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from typing import IO, Any, NotRequired, TypedDict

from array_examples.snippets import Example

HEADER = 4  # bytes of the length prefix
MAX_BODY = (1 << 32) - 1


class Rewrite(TypedDict):
    """What an update writes for one statement (see report.rewrite): where its block is or would go, and what."""

    line: int  # the statement's first line
    after: int  # its last line: a new block goes below it
    start: int | None  # the documented block's first and last lines, None where it has none
    end: int | None
    lines: list[str]  # the block to write, as comment lines
    recheck: list[tuple[int, str]]  # (line, problem) the next run would report on the new block
    style: NotRequired[str]  # "session": a `>>>` session's output, indented as its prompt (see report.apply_rewrites)
    keep: NotRequired[bool]  # True: the documented block stays as written, and `recheck` says why the update fails


class ExampleResult(TypedDict):
    """What running one example found: problems as `file:line: ...` text, and the update's rewrites."""

    problems: list[str]
    rewrites: list[Rewrite]
    # An update's problems it leaves as written, (line, problem without `file:line: `), lines before the update;
    # a `>>>` session's from an undocumented exception on (see repl.run_example).
    kept: NotRequired[list[tuple[int, str]]]


class Facts(TypedDict):
    """Versions and devices of the environment the children run in (see isolation.facts)."""

    torch: str | None  # None where torch is not installed
    numpy: str
    python: str
    cuda: bool
    cuda_build: bool
    gpu: str | None


@dataclass(frozen=True)
class Request:
    """pytest to zygote, and zygote to the child that serves it: run `example`, or learn the facts (None)."""

    id: int
    timeout: float  # seconds the child may run
    update: bool = False  # run as --update-expected does (see repl.run_example)
    example: Example | None = None
    legacy_print: str | None = None  # NumPy's legacy print mode the docs are written for (see legacy.py)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "timeout": self.timeout,
            "update": self.update,
            "example": self.example and asdict(self.example),
            "legacy_print": self.legacy_print,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Request:
        example = data["example"]
        if example is not None:
            example = Example(**{**example, "requires": tuple(example["requires"]), "pythonpath": tuple(example["pythonpath"])})
        return cls(
            id=data["id"], timeout=data["timeout"], update=data["update"], example=example, legacy_print=data.get("legacy_print")
        )


@dataclass(frozen=True)
class Report:
    """Child to zygote, once: the result, or why the harness itself failed, and the modules it imported (name: file)."""

    result: ExampleResult | None = None
    facts: Facts | None = None
    failure: str | None = None
    imported: dict[str, str | None] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        return cls(**data)


@dataclass(frozen=True)
class Answer:
    """Zygote to pytest, for request `id`: an example's result (a crash is a problem in it), or the facts,
    or, for a facts request whose child died, why (`failure`, with its native output)."""

    id: int
    result: ExampleResult | None = None
    facts: Facts | None = None
    failure: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Answer:
        return cls(**data)


READY = {"ready": True}  # the zygote's first frame: imports and warm-up done


def frame(message: dict[str, Any]) -> bytes:
    """`message` as one frame: its length, then its JSON."""
    body = json.dumps(message).encode()
    if len(body) > MAX_BODY:
        raise ValueError(f"a message of {len(body)} bytes does not fit a frame")
    return len(body).to_bytes(HEADER, "big") + body


def body_json(body: bytes) -> dict[str, Any]:
    """The message a frame's body holds."""
    message: dict[str, Any] = json.loads(body)
    return message


class FrameReader:
    """Collects bytes read from a pipe, in pieces of any size; gives back each whole frame's body."""

    def __init__(self) -> None:
        self.buffer = b""

    def feed(self, data: bytes) -> list[bytes]:
        """Add `data`; return the bodies of the frames now complete, in order (none while one is partial)."""
        self.buffer += data
        bodies = []
        while len(self.buffer) >= HEADER:
            end = HEADER + int.from_bytes(self.buffer[:HEADER], "big")
            if len(self.buffer) < end:
                break
            bodies.append(self.buffer[HEADER:end])
            self.buffer = self.buffer[end:]
        return bodies

    @property
    def partial(self) -> bool:
        """Whether bytes of an unfinished frame are waiting (a writer that died mid-frame leaves some)."""
        return bool(self.buffer)


def read_frame(stream: IO[bytes]) -> dict[str, Any] | None:
    """Read one whole frame from a blocking binary stream; None at end of file (also inside a frame)."""
    header = read_exactly(stream, HEADER)
    if header is None:
        return None
    body = read_exactly(stream, int.from_bytes(header, "big"))
    return None if body is None else body_json(body)


def read_exactly(stream: IO[bytes], size: int) -> bytes | None:
    """`size` bytes from `stream`, or None if it ends first."""
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def write_all(fd: int, data: bytes) -> None:
    """Write all of `data` to file descriptor `fd` (a pipe may take it in pieces)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
