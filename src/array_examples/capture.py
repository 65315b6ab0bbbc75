"""Capture what an example writes to standard output, in the order a terminal would show it.

While an example runs, file descriptor 1 points at an unnamed temporary file, and
`sys.stdout` and `sys.stderr` (and `sys.__stdout__` and `sys.__stderr__`, the same
objects in a REPL) write straight through to that descriptor with no buffer of
their own (as under `python -u`). So text printed by Python, written to the
descriptor with `os.write`, by C code, by a thread or by a subprocess that
inherits it lands in the file in the order it was written. A file, not a pipe:
a child that writes a lot never blocks waiting for a reader.

Text written to `sys.stderr` is shown with the rest, as a terminal interleaves both
streams (warnings and tracebacks never reach it: the harness records them). File
descriptor 2 itself is left alone, and `sys.stderr.fileno()` still names it: native
libraries write machine-dependent notices there, and faulthandler's crash report
goes there, which the harness quotes when an example crashes (see isolation.py).

    with StandardOutput() as output:
        ...                    # run a statement
        text = output.read()   # everything written since the last read
"""

from __future__ import annotations

import codecs
import ctypes
import io
import os
import sys
import tempfile

# More than any documented block holds; beyond it a statement's output is cut, so that a runaway writer
# costs neither memory nor a diff the size of its output.
KEPT_BYTES = 1 << 20


def _c_library() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None)
    except (OSError, TypeError):  # no C library to load this way (Windows): C output shows when C flushes it
        return None


C_LIBRARY = _c_library()


def flush_c_streams() -> None:
    """Flush the C library's own stdout buffer (printf from an extension), so its text is in the file now."""
    if C_LIBRARY is not None:
        C_LIBRARY.fflush(None)


def line_buffer_c_stdout() -> None:
    """Make C's stdout line-buffered, as it is on a terminal, so printf lines interleave with Python's in order."""
    if C_LIBRARY is None:
        return
    try:
        stream = ctypes.c_void_p.in_dll(C_LIBRARY, "stdout")
    except (TypeError, ValueError):  # no C library, or it names its stdout otherwise (macOS: __stdoutp)
        return
    C_LIBRARY.setvbuf(stream, None, 1, 0)  # _IOLBF is 1 in glibc, musl and the BSDs


class StderrOnStdout(io.FileIO):
    """Writes to file descriptor 1, but names descriptor 2 to whoever asks for a descriptor to write to."""

    def fileno(self) -> int:
        return 2


def unbuffered_writer(raw: io.FileIO, errors: str) -> io.TextIOWrapper:
    """A text stream that hands every write to the descriptor at once (so writes stay in order)."""
    return io.TextIOWrapper(raw, encoding="utf-8", errors=errors, newline="\n", write_through=True)


class StandardOutput:
    """Points file descriptor 1 and Python's output streams at a temporary file while in a `with` block.

    `read()` returns the text written since the last read; on leaving, everything is restored as it was.
    """

    def __enter__(self) -> StandardOutput:
        self._flush_python_streams()
        flush_c_streams()
        self.file = tempfile.TemporaryFile()
        self.saved_descriptor = os.dup(1)
        self.saved_streams = sys.stdout, sys.__stdout__, sys.stderr, sys.__stderr__
        os.dup2(self.file.fileno(), 1)
        line_buffer_c_stdout()
        # A terminal in a UTF-8 locale: stdout is strict, stderr escapes what it cannot encode.
        sys.stdout = sys.__stdout__ = unbuffered_writer(io.FileIO(1, "w", closefd=False), "strict")  # type: ignore[misc]
        sys.stderr = sys.__stderr__ = unbuffered_writer(  # type: ignore[misc]
            StderrOnStdout(1, "w", closefd=False), "backslashreplace"
        )
        self.offset = 0
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        return self

    def __exit__(self, *exc_info: object) -> None:
        flush_c_streams()
        os.dup2(self.saved_descriptor, 1)
        os.close(self.saved_descriptor)
        sys.stdout, sys.__stdout__, sys.stderr, sys.__stderr__ = self.saved_streams  # type: ignore[misc]
        self.file.close()

    @staticmethod
    def _flush_python_streams() -> None:
        for stream in (sys.stdout, sys.__stdout__, sys.stderr, sys.__stderr__):
            try:
                stream.flush()  # type: ignore[union-attr]  # None fails here too, and is skipped
            except Exception:  # a stream an example closed or replaced: nothing of ours to flush
                pass

    def read(self) -> str:
        """The text written since the last read, decoded as UTF-8 (bad bytes replaced, never an error).

        Output longer than KEPT_BYTES is cut there, with a line that says how much was left out.
        """
        flush_c_streams()
        descriptor = self.file.fileno()
        end = os.fstat(descriptor).st_size
        start = min(self.offset, end)  # an example may truncate its own stdout; go on from there
        data = b""
        while len(data) < min(end - start, KEPT_BYTES):
            chunk = os.pread(descriptor, min(end - start, KEPT_BYTES) - len(data), start + len(data))
            if not chunk:
                break
            data += chunk
        self.offset = end
        text = self.decoder.decode(data)
        left_out = end - start - len(data)
        if left_out > 0:
            self.decoder.reset()  # the cut may have split a character
            text += f"\n[{left_out} more bytes of output left out: the harness keeps the first MiB]\n"
        return text

    def discard(self) -> None:
        """Drop what was written since the last read (the harness's own repr() calls may print)."""
        flush_c_streams()
        self.offset = os.fstat(self.file.fileno()).st_size
        self.decoder.reset()
